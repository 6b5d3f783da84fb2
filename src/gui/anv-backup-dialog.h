/* anv-backup-dialog.h — backing up and restoring the database, with progress
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "anv-db.h"
#include "anv-worker-dialog.h"

G_BEGIN_DECLS

#define ANV_TYPE_BACKUP_DIALOG (anv_backup_dialog_get_type ())
G_DECLARE_FINAL_TYPE (AnvBackupDialog, anv_backup_dialog, ANV, BACKUP_DIALOG,
                      AnvWorkerDialog)

/* Copies the database of @context to @dest on a connection of its own in
 * a worker thread, with a progress bar; the window keeps working
 * meanwhile. */
GtkWidget *anv_backup_dialog_new_backup      (GtkWindow       *parent,
                                              AnvContext      *context,
                                              const char      *dest);

/* Checks @source first, then asks whether to replace everything in the
 * database of @context with it (saying what it holds and where the
 * current data are kept); restores only after the person agrees. */
GtkWidget *anv_backup_dialog_new_restore     (GtkWindow       *parent,
                                              AnvContext      *context,
                                              const char      *source);

/* Whether work is under way. */
gboolean   anv_backup_dialog_get_running     (AnvBackupDialog *self);
/* Whether the dialog waits for the person to agree to the restore. */
gboolean   anv_backup_dialog_get_confirming  (AnvBackupDialog *self);
/* Whether the backup or restore finished without an error. */
gboolean   anv_backup_dialog_get_succeeded   (AnvBackupDialog *self);

G_END_DECLS
