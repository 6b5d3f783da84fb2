/* anv-export-dialog.h — writing a CSV export, with progress
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "anv-csv-writer.h"
#include "anv-db.h"
#include "anv-summary.h"
#include "anv-worker-dialog.h"

G_BEGIN_DECLS

#define ANV_TYPE_EXPORT_DIALOG (anv_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (AnvExportDialog, anv_export_dialog, ANV, EXPORT_DIALOG, AnvWorkerDialog)

/* A dialog that asks what to export from the database of @context, then
 * where, and writes it in @profile on a connection of its own in a worker
 * thread, with a progress bar; then it tells what was written, or what went wrong. */
GtkWidget *anv_export_dialog_new            (GtkWindow             *parent,
                                             AnvContext            *context,
                                             AnvCsvProfile          profile);

/* A dialog that writes the summary of @query to @path at once, in the
 * CSV profile of @context, as the Export… button of the other does after
 * its file chooser. */
GtkWidget *anv_export_dialog_new_summary    (GtkWindow             *parent,
                                             AnvContext            *context,
                                             const AnvSummaryQuery *query,
                                             const char            *path);

/* Writes the export chosen in the dialog to @path, as the Export… button
 * does after its file chooser. */
void       anv_export_dialog_export_to      (AnvExportDialog       *self,
                                             const char            *path);

/* Whether the export is being written. */
gboolean   anv_export_dialog_get_running    (AnvExportDialog       *self);
/* Whether the export was written. */
gboolean   anv_export_dialog_get_succeeded  (AnvExportDialog       *self);

G_END_DECLS
