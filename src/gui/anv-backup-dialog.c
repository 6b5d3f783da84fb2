/* anv-backup-dialog.c — backing up and restoring the database, with progress
 *
 * An AnvWorkerDialog. A backup runs at once and may be cancelled; a
 * restore first checks the file in the worker, asks, and then restores on
 * the same worker connection.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "anvisa-backup-dialog"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "anv-backup.h"
#include "anv-backup-dialog.h"

/* What the worker thread needs; it never touches a widget. Kept from the
 * check of a restore to the restore itself. */
typedef struct
{
  char       *file;
  char       *keep_path;
  AnvRestore *restore;     /* the checked copy, between check and restore */
  AnvWorker  *worker;      /* set in the worker */
} Job;

struct _AnvBackupDialog
{
  AnvWorkerDialog  parent_instance;

  Job             *job;

  GtkImage        *image;
  GtkLabel        *message_label;
  GtkProgressBar  *progress_bar;
  GtkWidget       *cancel_button;
  GtkWidget       *restore_button;
  GtkWidget       *close_button;

  GCancellable    *cancellable; /* of a backup, which may be cancelled */
  gboolean         confirming;
};

G_DEFINE_FINAL_TYPE (AnvBackupDialog, anv_backup_dialog, ANV_TYPE_WORKER_DIALOG)


/*
 * The job
 */

static void
job_free (Job *job)
{
  g_clear_pointer (&job->restore, anv_restore_free);
  g_free (job->file);
  g_free (job->keep_path);
  g_free (job);
}

/* In the worker */
static void
report_progress_cb (guint    done,
                    guint    total,
                    gpointer user_data)
{
  Job *job = user_data;

  anv_worker_report_progress (job->worker, done, total);
}

/* In the worker */
static gboolean
backup_cb (AnvWorker     *worker,
           AnvDb         *db,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  Job *job = data;

  job->worker = worker;
  return anv_backup_create (db, job->file, report_progress_cb, job, cancellable, error);
}

/* In the worker */
static gboolean
check_cb (AnvWorker     *worker,
          AnvDb         *db,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  Job *job = data;

  job->restore = anv_backup_prepare_restore (db, job->file, error);
  return job->restore != NULL;
}

/* In the worker */
static gboolean
restore_cb (AnvWorker     *worker,
            AnvDb         *db,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  Job *job = data;

  return anv_backup_restore (db, job->restore, job->keep_path, error);
}


/*
 * Auxiliary methods
 */

/* The buttons and the bar while the work runs, or once it stopped */
static void
show_working (AnvBackupDialog *self,
              gboolean         running)
{
  /* A backup may be cancelled while it runs; a restore may not. */
  gtk_widget_set_sensitive (self->cancel_button, running && self->cancellable != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), running);
}

static void
show_done (AnvBackupDialog *self,
           const char      *text,
           gboolean         ok)
{
  self->confirming = FALSE;
  gtk_image_set_from_icon_name (self->image, ok ? "emblem-ok-symbolic" : "dialog-error-symbolic",
                                GTK_ICON_SIZE_DIALOG);
  gtk_label_set_text (self->message_label, text);
  gtk_widget_hide (self->cancel_button);
  gtk_widget_hide (self->restore_button);
  gtk_widget_show (self->close_button);
  gtk_widget_grab_focus (self->close_button);
}

static void
run (AnvBackupDialog *self,
     AnvWorkerFunc    func,
     AnvWorkerDone    done)
{
  anv_worker_dialog_run (ANV_WORKER_DIALOG (self), func, self->job, NULL, self->cancellable,
                         done);
  show_working (self, TRUE);
}


/*
 * Callbacks
 */

static void
backup_done_cb (AnvWorkerDialog *dialog,
                gpointer         data,
                const GError    *error)
{
  AnvBackupDialog *self = ANV_BACKUP_DIALOG (dialog);
  g_autofree char *file = g_filename_display_name (self->job->file);
  g_autofree char *text = NULL;

  g_clear_object (&self->cancellable);
  show_working (self, FALSE);
  /* Translators: %s is a file */
  text = error == NULL ? g_strdup_printf (_("The database is backed up to %s."), file)
                       : g_strdup (error->message);
  show_done (self, text, error == NULL);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    gtk_image_set_from_icon_name (self->image, "dialog-information-symbolic",
                                  GTK_ICON_SIZE_DIALOG);
}

static void
restore_done_cb (AnvWorkerDialog *dialog,
                 gpointer         data,
                 const GError    *error)
{
  AnvBackupDialog *self = ANV_BACKUP_DIALOG (dialog);
  g_autofree char *file = g_filename_display_name (self->job->file);
  g_autofree char *keep = g_filename_display_name (self->job->keep_path);
  g_autofree char *text = NULL;
  g_autofree char *again = NULL;

  show_working (self, FALSE);
  /* Translators: %1$s is a file, %2$s a file */
  text = error == NULL ? g_strdup_printf (_("The database is restored from %1$s. The one before "
                                            "is kept as %2$s."), file, keep)
                       : g_strdup (error->message);
  again = error == NULL ? anv_restore_describe_removed_again (self->job->restore) : NULL;
  if (again != NULL)
    {
      g_autofree char *both = g_strconcat (text, " ", again, NULL);

      g_free (text);
      text = g_steal_pointer (&both);
    }
  show_done (self, text, error == NULL);
}

static void
check_done_cb (AnvWorkerDialog *dialog,
               gpointer         data,
               const GError    *error)
{
  AnvBackupDialog *self = ANV_BACKUP_DIALOG (dialog);
  g_autofree char *question = NULL;

  show_working (self, FALSE);
  if (error != NULL)
    {
      show_done (self, error->message, FALSE);
      return;
    }

  question = anv_restore_describe_question (self->job->restore, self->job->file,
                                            self->job->keep_path);
  self->confirming = TRUE;
  gtk_image_set_from_icon_name (self->image, "dialog-warning-symbolic", GTK_ICON_SIZE_DIALOG);
  gtk_label_set_text (self->message_label, question);
  gtk_widget_set_sensitive (self->cancel_button, TRUE);
  gtk_widget_show (self->restore_button);
  gtk_widget_grab_focus (self->cancel_button);
}


/*
 * AnvWorkerDialog overrides
 */

/* Asks a running backup to stop; it ends at its next step. A restore
 * cannot be stopped: half of it would be no database. */
static void
anv_backup_dialog_cancel (AnvWorkerDialog *dialog)
{
  AnvBackupDialog *self = ANV_BACKUP_DIALOG (dialog);

  if (self->cancellable == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;
  g_cancellable_cancel (self->cancellable);
  gtk_widget_set_sensitive (self->cancel_button, FALSE);
  gtk_label_set_text (self->message_label, _("Cancelling the backup…"));
}

static void
anv_backup_dialog_respond (AnvWorkerDialog *dialog,
                           int              response)
{
  AnvBackupDialog *self = ANV_BACKUP_DIALOG (dialog);

  if (response == GTK_RESPONSE_ACCEPT && self->confirming)
    {
      self->confirming = FALSE;
      gtk_widget_hide (self->restore_button);
      gtk_label_set_text (self->message_label, _("Restoring from the backup…"));
      run (self, restore_cb, restore_done_cb);
      return;
    }

  gtk_widget_destroy (GTK_WIDGET (self));
}


/*
 * GObject overrides
 */

static void
anv_backup_dialog_finalize (GObject *object)
{
  AnvBackupDialog *self = ANV_BACKUP_DIALOG (object);

  g_clear_pointer (&self->job, job_free);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (anv_backup_dialog_parent_class)->finalize (object);
}

static void
anv_backup_dialog_class_init (AnvBackupDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  AnvWorkerDialogClass *worker_class = ANV_WORKER_DIALOG_CLASS (klass);

  object_class->finalize = anv_backup_dialog_finalize;

  worker_class->cancel = anv_backup_dialog_cancel;
  worker_class->respond = anv_backup_dialog_respond;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/anv-backup-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AnvBackupDialog, image);
  gtk_widget_class_bind_template_child (widget_class, AnvBackupDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, AnvBackupDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, AnvBackupDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, AnvBackupDialog, restore_button);
  gtk_widget_class_bind_template_child (widget_class, AnvBackupDialog, close_button);
}

static void
anv_backup_dialog_init (AnvBackupDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  anv_worker_dialog_set_progress_bar (ANV_WORKER_DIALOG (self), self->progress_bar);
}

static AnvBackupDialog *
create (GtkWindow  *parent,
        AnvContext *context,
        const char *file)
{
  AnvBackupDialog *self = g_object_new (ANV_TYPE_BACKUP_DIALOG,
                                        "context", context,
                                        "transient-for", parent,
                                        "use-header-bar", FALSE,
                                        NULL);

  self->job = g_new0 (Job, 1);
  self->job->file = g_strdup (file);
  return self;
}

GtkWidget *
anv_backup_dialog_new_backup (GtkWindow  *parent,
                              AnvContext *context,
                              const char *dest)
{
  AnvBackupDialog *self;
  g_autofree char *file = g_filename_display_name (dest);
  g_autofree char *text = NULL;

  g_return_val_if_fail (ANV_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (dest != NULL, NULL);

  self = create (parent, context, dest);
  gtk_window_set_title (GTK_WINDOW (self), _("Back Up Database"));
  /* Translators: %s is a file */
  text = g_strdup_printf (_("Copying the database to %s…"), file);
  gtk_label_set_text (self->message_label, text);
  self->cancellable = g_cancellable_new ();
  run (self, backup_cb, backup_done_cb);
  return GTK_WIDGET (self);
}

GtkWidget *
anv_backup_dialog_new_restore (GtkWindow  *parent,
                               AnvContext *context,
                               const char *source)
{
  AnvBackupDialog *self;
  g_autofree char *file = g_filename_display_name (source);
  g_autofree char *text = NULL;
  /* The clock, not the context's "today": the stamp only tells kept
   * copies apart, to the second, and two restores on one day (or under a
   * pinned ANVISA_TODAY) must not share a name. */
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");

  g_return_val_if_fail (ANV_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (source != NULL, NULL);

  self = create (parent, context, source);
  self->job->keep_path = anv_backup_kept_path (anv_context_get_db (context), stamp);
  /* The restore runs on the connection that checked the file. */
  anv_worker_dialog_set_keep_connection (ANV_WORKER_DIALOG (self), TRUE);
  gtk_window_set_title (GTK_WINDOW (self), _("Restore from Backup"));
  /* Translators: %s is a file */
  text = g_strdup_printf (_("Checking %s…"), file);
  gtk_label_set_text (self->message_label, text);
  run (self, check_cb, check_done_cb);
  return GTK_WIDGET (self);
}

gboolean
anv_backup_dialog_get_running (AnvBackupDialog *self)
{
  g_return_val_if_fail (ANV_IS_BACKUP_DIALOG (self), FALSE);
  return anv_worker_dialog_get_running (ANV_WORKER_DIALOG (self));
}

gboolean
anv_backup_dialog_get_confirming (AnvBackupDialog *self)
{
  g_return_val_if_fail (ANV_IS_BACKUP_DIALOG (self), FALSE);
  return self->confirming;
}

gboolean
anv_backup_dialog_get_succeeded (AnvBackupDialog *self)
{
  g_return_val_if_fail (ANV_IS_BACKUP_DIALOG (self), FALSE);
  /* A restore's check that found the file good is not the restore yet. */
  return !self->confirming && anv_worker_dialog_get_succeeded (ANV_WORKER_DIALOG (self));
}
