/* anv-backup-dialog.c — backing up and restoring the database, with progress
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "anvisa-backup-dialog"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "anv-backup.h"
#include "anv-backup-dialog.h"
#include "anv-dialog.h"
#include "anv-schema.h"

typedef enum
{
  MODE_BACKUP,
  MODE_RESTORE,
} Mode;

/* What the worker thread needs; it never touches a widget. */
typedef struct
{
  char       *db_path;
  char       *user;
  char       *file;
  char       *keep_path;
  AnvDb      *db;          /* the worker's own connection */
  AnvRestore *restore;     /* the checked copy, between check and restore */
  gint        permille;    /* progress, or -1 */
  gint        pending;     /* a progress update is queued */
  GObject    *dialog;      /* for the progress updates; a reference of the task's */
} Job;

struct _AnvBackupDialog
{
  GtkDialog       parent_instance;

  AnvDb          *db;
  Mode            mode;
  Job            *job;

  GtkImage       *image;
  GtkLabel       *message_label;
  GtkProgressBar *progress_bar;
  GtkWidget      *cancel_button;
  GtkWidget      *restore_button;
  GtkWidget      *close_button;

  GCancellable   *cancellable; /* of a backup, which may be cancelled */
  guint           pulse_id;
  gboolean        running;
  gboolean            disposed;   /* destroyed while the work ran on */
  gboolean        confirming;
  gboolean        succeeded;
};

G_DEFINE_FINAL_TYPE (AnvBackupDialog, anv_backup_dialog, GTK_TYPE_DIALOG)

enum
{
  PROP_0,
  PROP_DB,
  N_PROPS
};

static GParamSpec *properties[N_PROPS] = { NULL, };

#define PULSE_INTERVAL_MS 100


/*
 * The job
 */

static void
job_free (Job *job)
{
  g_clear_pointer (&job->restore, anv_restore_free);
  g_clear_object (&job->db);
  g_free (job->db_path);
  g_free (job->user);
  g_free (job->file);
  g_free (job->keep_path);
  g_free (job);
}

static gboolean
open_worker_db (Job     *job,
                GError **error)
{
  if (job->db == NULL)
    job->db = anv_schema_open (job->db_path, job->user, error);
  return job->db != NULL;
}

/* In the main thread */
static gboolean
show_progress_cb (gpointer user_data)
{
  AnvBackupDialog *self = ANV_BACKUP_DIALOG (user_data);
  Job *job = self->job;

  if (job == NULL || self->disposed)
    return G_SOURCE_REMOVE;
  g_atomic_int_set (&job->pending, 0);
  if (self->running && g_atomic_int_get (&job->permille) >= 0)
    {
      g_clear_handle_id (&self->pulse_id, g_source_remove);
      gtk_progress_bar_set_fraction (self->progress_bar,
                                     g_atomic_int_get (&job->permille) / 1000.0);
    }
  return G_SOURCE_REMOVE;
}

/* In the worker */
static void
report_progress_cb (guint    done,
                    guint    total,
                    gpointer user_data)
{
  Job *job = user_data;

  if (total == 0)
    return;
  g_atomic_int_set (&job->permille, (gint) ((guint64) done * 1000 / total));
  if (g_atomic_int_compare_and_exchange (&job->pending, 0, 1))
    anv_dialog_queue_in (NULL, show_progress_cb,
                         g_object_ref (job->dialog), g_object_unref);
}

static void
backup_thread_cb (GTask        *task,
                  gpointer      source,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr (GError) error = NULL;

  if (!open_worker_db (job, &error)
      || !anv_backup_create (job->db, job->file, report_progress_cb, job, cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
check_thread_cb (GTask        *task,
                 gpointer      source,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr (GError) error = NULL;

  if (open_worker_db (job, &error))
    job->restore = anv_backup_prepare_restore (job->db, job->file, &error);
  if (job->restore == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
restore_thread_cb (GTask        *task,
                   gpointer      source,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr (GError) error = NULL;

  if (!anv_backup_restore (job->db, job->restore, job->keep_path, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}


/*
 * Auxiliary methods
 */

static gboolean
pulse_cb (gpointer user_data)
{
  AnvBackupDialog *self = ANV_BACKUP_DIALOG (user_data);

  gtk_progress_bar_pulse (self->progress_bar);
  return G_SOURCE_CONTINUE;
}

static void
set_running (AnvBackupDialog *self,
             gboolean         running)
{
  /* Quitting waits for the work: the person was told it runs. */
  GApplication *application = g_application_get_default ();

  self->running = running;
  if (!self->disposed)
    {
      /* A backup may be cancelled while it runs; a restore may not. */
      gtk_widget_set_sensitive (self->cancel_button, running && self->cancellable != NULL);
      gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), running);
    }
  if (running)
    {
      gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
      self->pulse_id = g_timeout_add (PULSE_INTERVAL_MS, pulse_cb, self);
      if (application != NULL)
        g_application_hold (application);
    }
  else
    {
      g_clear_handle_id (&self->pulse_id, g_source_remove);
      if (application != NULL)
        g_application_release (application);
    }
}

static void
show_done (AnvBackupDialog *self,
           const char      *text,
           gboolean         ok)
{
  self->succeeded = ok;
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
run (AnvBackupDialog     *self,
     GTaskThreadFunc      func,
     GAsyncReadyCallback  done)
{
  g_autoptr (GTask) task = g_task_new (self, self->cancellable, done, NULL);

  self->job->dialog = G_OBJECT (self);
  g_task_set_source_tag (task, run);
  /* What the worker did is what the person is told: a backup that was
   * written before the cancel reached it says so. */
  g_task_set_check_cancellable (task, FALSE);
  set_running (self, TRUE);
  g_task_set_task_data (task, self->job, NULL);
  g_task_run_in_thread (task, func);
}

static char *
describe_restore (AnvBackupDialog *self)
{
  return anv_restore_describe_question (self->job->restore, self->job->file,
                                        self->job->keep_path);
}


/*
 * Callbacks
 */

static void
backup_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  AnvBackupDialog *self = ANV_BACKUP_DIALOG (source);
  g_autoptr (GError) error = NULL;
  g_autofree char *file = g_filename_display_name (self->job->file);
  g_autofree char *text = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  set_running (self, FALSE);
  g_clear_object (&self->cancellable);
  if (self->disposed)
    return;
  /* Translators: %s is a file */
  text = ok ? g_strdup_printf (_("The database is backed up to %s."), file)
            : g_strdup (error->message);
  show_done (self, text, ok);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    gtk_image_set_from_icon_name (self->image, "dialog-information-symbolic",
                                  GTK_ICON_SIZE_DIALOG);
}

static void
restore_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  AnvBackupDialog *self = ANV_BACKUP_DIALOG (source);
  g_autoptr (GError) error = NULL;
  g_autofree char *file = g_filename_display_name (self->job->file);
  g_autofree char *keep = g_filename_display_name (self->job->keep_path);
  g_autofree char *text = NULL;
  g_autofree char *again = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  /* The window's connection tells its pages now. */
  if (ok)
    anv_db_poll_changes (self->db);
  set_running (self, FALSE);
  if (self->disposed)
    return;
  /* Translators: %1$s is a file, %2$s a file */
  text = ok ? g_strdup_printf (_("The database is restored from %1$s. The one before is kept "
                                 "as %2$s."), file, keep)
            : g_strdup (error->message);
  again = ok ? anv_restore_describe_removed_again (self->job->restore) : NULL;
  if (again != NULL)
    {
      g_autofree char *both = g_strconcat (text, " ", again, NULL);

      g_free (text);
      text = g_steal_pointer (&both);
    }
  show_done (self, text, ok);
}

static void
check_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  AnvBackupDialog *self = ANV_BACKUP_DIALOG (source);
  g_autoptr (GError) error = NULL;
  g_autofree char *question = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  set_running (self, FALSE);
  if (self->disposed)
    return;
  if (!ok)
    {
      show_done (self, error->message, FALSE);
      return;
    }

  question = describe_restore (self);
  self->confirming = TRUE;
  gtk_image_set_from_icon_name (self->image, "dialog-warning-symbolic", GTK_ICON_SIZE_DIALOG);
  gtk_label_set_text (self->message_label, question);
  gtk_widget_set_sensitive (self->cancel_button, TRUE);
  gtk_widget_show (self->restore_button);
  gtk_widget_grab_focus (self->cancel_button);
}

/* Asks a running backup to stop; it ends at its next step. */
static void
cancel_backup (AnvBackupDialog *self)
{
  if (self->cancellable == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;
  g_cancellable_cancel (self->cancellable);
  gtk_widget_set_sensitive (self->cancel_button, FALSE);
  gtk_label_set_text (self->message_label, _("Cancelling the backup…"));
}

static gboolean
delete_event_cb (GtkWidget *widget,
                 GdkEvent  *event,
                 gpointer   user_data)
{
  AnvBackupDialog *self = ANV_BACKUP_DIALOG (widget);

  /* The work finishes first: a copy half made is no copy. Closing a
   * backup cancels it. */
  if (self->running)
    cancel_backup (self);
  return self->running;
}

static void
response_cb (GtkDialog *dialog,
             int        response,
             gpointer   user_data)
{
  AnvBackupDialog *self = ANV_BACKUP_DIALOG (dialog);

  if (self->running)
    {
      if (response == GTK_RESPONSE_CANCEL)
        cancel_backup (self);
      return;
    }

  if (response == GTK_RESPONSE_ACCEPT && self->confirming)
    {
      self->confirming = FALSE;
      gtk_widget_hide (self->restore_button);
      gtk_label_set_text (self->message_label, _("Restoring from the backup…"));
      run (self, restore_thread_cb, restore_done_cb);
      return;
    }

  gtk_widget_destroy (GTK_WIDGET (self));
}


/*
 * GObject overrides
 */

static void
anv_backup_dialog_dispose (GObject *object)
{
  AnvBackupDialog *self = ANV_BACKUP_DIALOG (object);

  /* A job still running keeps the object; when it ends it only tells the
   * database (kept until finalize), as the widgets are gone. */
  self->disposed = TRUE;
  g_clear_handle_id (&self->pulse_id, g_source_remove);

  G_OBJECT_CLASS (anv_backup_dialog_parent_class)->dispose (object);
}

static void
anv_backup_dialog_finalize (GObject *object)
{
  AnvBackupDialog *self = ANV_BACKUP_DIALOG (object);

  g_clear_pointer (&self->job, job_free);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (anv_backup_dialog_parent_class)->finalize (object);
}

static void
anv_backup_dialog_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  AnvBackupDialog *self = ANV_BACKUP_DIALOG (object);

  switch (prop_id)
    {
    case PROP_DB:
      self->db = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
anv_backup_dialog_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AnvBackupDialog *self = ANV_BACKUP_DIALOG (object);

  switch (prop_id)
    {
    case PROP_DB:
      g_value_set_object (value, self->db);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
anv_backup_dialog_class_init (AnvBackupDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = anv_backup_dialog_dispose;
  object_class->finalize = anv_backup_dialog_finalize;
  object_class->set_property = anv_backup_dialog_set_property;
  object_class->get_property = anv_backup_dialog_get_property;

  properties[PROP_DB] = g_param_spec_object ("db", "Database", "The open Anvisa database",
                                             ANV_TYPE_DB,
                                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                                             G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/anvisa/Anvisa/ui/anv-backup-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AnvBackupDialog, image);
  gtk_widget_class_bind_template_child (widget_class, AnvBackupDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, AnvBackupDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, AnvBackupDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, AnvBackupDialog, restore_button);
  gtk_widget_class_bind_template_child (widget_class, AnvBackupDialog, close_button);
  gtk_widget_class_bind_template_callback (widget_class, delete_event_cb);
  gtk_widget_class_bind_template_callback (widget_class, response_cb);
}

static void
anv_backup_dialog_init (AnvBackupDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  anv_dialog_keep_until_idle (GTK_WIDGET (self));
}

static AnvBackupDialog *
create (GtkWindow  *parent,
        AnvDb      *db,
        Mode        mode,
        const char *file)
{
  AnvBackupDialog *self = g_object_new (ANV_TYPE_BACKUP_DIALOG,
                                        "db", db,
                                        "transient-for", parent,
                                        "use-header-bar", FALSE,
                                        NULL);

  self->mode = mode;
  self->job = g_new0 (Job, 1);
  self->job->db_path = g_strdup (anv_db_get_path (db));
  self->job->user = g_strdup (anv_db_get_user (db));
  self->job->file = g_strdup (file);
  self->job->permille = -1;
  return self;
}

GtkWidget *
anv_backup_dialog_new_backup (GtkWindow  *parent,
                              AnvDb      *db,
                              const char *dest)
{
  AnvBackupDialog *self;
  g_autofree char *file = g_filename_display_name (dest);
  g_autofree char *text = NULL;

  g_return_val_if_fail (ANV_IS_DB (db), NULL);
  g_return_val_if_fail (dest != NULL, NULL);

  self = create (parent, db, MODE_BACKUP, dest);
  gtk_window_set_title (GTK_WINDOW (self), _("Back Up Database"));
  /* Translators: %s is a file */
  text = g_strdup_printf (_("Copying the database to %s…"), file);
  gtk_label_set_text (self->message_label, text);
  self->cancellable = g_cancellable_new ();
  run (self, backup_thread_cb, backup_done_cb);
  return GTK_WIDGET (self);
}

GtkWidget *
anv_backup_dialog_new_restore (GtkWindow  *parent,
                               AnvDb      *db,
                               const char *source)
{
  AnvBackupDialog *self;
  g_autofree char *file = g_filename_display_name (source);
  g_autofree char *text = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");

  g_return_val_if_fail (ANV_IS_DB (db), NULL);
  g_return_val_if_fail (source != NULL, NULL);

  self = create (parent, db, MODE_RESTORE, source);
  self->job->keep_path = anv_backup_kept_path (db, stamp);
  gtk_window_set_title (GTK_WINDOW (self), _("Restore from Backup"));
  /* Translators: %s is a file */
  text = g_strdup_printf (_("Checking %s…"), file);
  gtk_label_set_text (self->message_label, text);
  run (self, check_thread_cb, check_done_cb);
  return GTK_WIDGET (self);
}

gboolean
anv_backup_dialog_get_running (AnvBackupDialog *self)
{
  g_return_val_if_fail (ANV_IS_BACKUP_DIALOG (self), FALSE);
  return self->running;
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
  return self->succeeded;
}
