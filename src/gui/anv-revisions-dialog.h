/* anv-revisions-dialog.h — the changes of published figures, with who, when and why
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "anv-context.h"

G_BEGIN_DECLS

#define ANV_TYPE_REVISIONS_DIALOG (anv_revisions_dialog_get_type ())
G_DECLARE_FINAL_TYPE (AnvRevisionsDialog, anv_revisions_dialog, ANV, REVISIONS_DIALOG,
                      GtkDialog)

/* The revisions of @month ("YYYY-MM"), or of every closed month when NULL. */
GtkWidget *anv_revisions_dialog_new (GtkWindow  *parent,
                                     AnvContext *context,
                                     const char *month);

G_END_DECLS
