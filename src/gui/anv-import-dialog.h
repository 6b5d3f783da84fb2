/* anv-import-dialog.h — importing a CSV file or the demo data, with progress
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "anv-db.h"
#include "anv-worker-dialog.h"

G_BEGIN_DECLS

typedef enum
{
  ANV_IMPORT_DIALOG_SEEKERS,     /* job seekers from a CSV file */
  ANV_IMPORT_DIALOG_PROVIDERS,   /* providers from a CSV file */
  ANV_IMPORT_DIALOG_DEMO,        /* the demo data for 2020 */
} AnvImportDialogKind;

#define ANV_TYPE_IMPORT_DIALOG (anv_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (AnvImportDialog, anv_import_dialog, ANV, IMPORT_DIALOG, AnvWorkerDialog)

/* A dialog that imports @path (or the demo data) into the database of
 * @context on a connection of its own in a worker thread, with a progress
 * bar, so the window stays responsive. It starts at once. When done, the dialog tells what
 * happened (for an import with bad rows: every row's error; nothing is
 * stored then); if the data changed, @context emits AnvContext::changed. */
GtkWidget *anv_import_dialog_new           (GtkWindow           *parent,
                                            AnvContext          *context,
                                            AnvImportDialogKind  kind,
                                            const char          *path);

/* Whether the work is under way. */
gboolean   anv_import_dialog_get_running   (AnvImportDialog     *self);
/* Whether the work finished without an error. */
gboolean   anv_import_dialog_get_succeeded (AnvImportDialog     *self);

G_END_DECLS
