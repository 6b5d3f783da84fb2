/* anv-import-dialog.h — long data work with progress: import, demo data, export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "anv-csv-writer.h"
#include "anv-db.h"

G_BEGIN_DECLS

typedef enum
{
  ANV_IMPORT_DIALOG_SEEKERS,     /* job seekers from a CSV file */
  ANV_IMPORT_DIALOG_PROVIDERS,   /* providers from a CSV file */
  ANV_IMPORT_DIALOG_DEMO,        /* the demo data for 2020 */
  ANV_IMPORT_DIALOG_EXPORT,      /* a CSV export, chosen in the dialog */
} AnvImportDialogKind;

#define ANV_TYPE_IMPORT_DIALOG (anv_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (AnvImportDialog, anv_import_dialog, ANV, IMPORT_DIALOG, GtkDialog)

/* A dialog that moves data in or out of @db on a connection of its own in
 * a worker thread, with a progress bar, so the window stays responsive.
 * An import (of @path) or the demo data starts at once; an export first
 * asks what to write, then where. When done, the dialog tells what
 * happened (for an import with bad rows: every row's error; nothing is
 * stored then) and makes @db emit AnvDb::changed if the data changed. */
GtkWidget *anv_import_dialog_new           (GtkWindow           *parent,
                                            AnvDb               *db,
                                            AnvImportDialogKind  kind,
                                            const char          *path);
GtkWidget *anv_import_dialog_new_export    (GtkWindow           *parent,
                                            AnvDb               *db,
                                            AnvCsvProfile        profile);

/* Whether the work is under way. */
gboolean   anv_import_dialog_get_running   (AnvImportDialog     *self);
/* Whether the work finished without an error. */
gboolean   anv_import_dialog_get_succeeded (AnvImportDialog     *self);

/* Writes the export, as the Export… button does after its file chooser. */
void       anv_import_dialog_export_to     (AnvImportDialog     *self,
                                            const char          *path);

G_END_DECLS
