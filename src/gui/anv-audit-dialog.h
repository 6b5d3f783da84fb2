/* anv-audit-dialog.h — the audit log, for a supervisor to read and filter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "anv-context.h"

G_BEGIN_DECLS

#define ANV_TYPE_AUDIT_DIALOG (anv_audit_dialog_get_type ())
G_DECLARE_FINAL_TYPE (AnvAuditDialog, anv_audit_dialog, ANV, AUDIT_DIALOG, GtkDialog)

/* The audit log of the database of @context, newest first, filtered by
 * date and user; a page is read at a time, the next when the list is
 * scrolled to its end. */
GtkWidget *anv_audit_dialog_new       (GtkWindow      *parent,
                                       AnvContext     *context);

/* Reads the next page, as scrolling to the end does; FALSE when all are
 * shown. */
gboolean   anv_audit_dialog_load_more (AnvAuditDialog *self);

G_END_DECLS
