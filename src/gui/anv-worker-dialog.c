/* anv-worker-dialog.c — a dialog whose work runs in a thread, with progress
 *
 * The base of the import, export and backup dialogs. The work runs in a
 * GTask thread on a database connection of its own (anv_schema_open() on the
 * window's file), so the window goes on drawing and answering. The worker
 * reports progress through an AnvWorker, which holds no widget; the bar
 * hears of it through the main context, one update queued at a time.
 * While the work runs the dialog stays (a response or closing the window
 * only asks the subclass to cancel, if it can), and the application does
 * not quit: the person was told the work runs.
 *
 * The subclasses have templates of their own (GTK 3 builds one template
 * per class, and this one has none): they hand the base their progress
 * bar from their init.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "anvisa-worker-dialog"

#include "config.h"

#include "anv-dialog.h"
#include "anv-schema.h"
#include "anv-worker-dialog.h"

/* How often the bar moves while the work cannot tell how far it is. */
#define PULSE_INTERVAL_MS 100

struct _AnvWorker
{
  char         *db_path;
  char         *user;
  AnvDb        *db;          /* the worker's connection; between runs only if kept */
  gboolean      keep;
  GMainContext *context;     /* where the dialog lives */
  GObject      *dialog;      /* not a reference: a running task holds one */
  int           permille;    /* atomic; -1 while unknown */
  int           pending;     /* atomic; an update is queued */
};

/* One run: the task's data */
typedef struct
{
  AnvWorker      *worker;    /* the dialog's */
  AnvWorkerFunc   func;
  gpointer        job;
  GDestroyNotify  job_free;
  AnvWorkerDone   done;
} Run;

typedef struct
{
  AnvContext     *context;   /* the window's: its database, today */
  AnvWorker      *worker;
  GtkProgressBar *progress_bar;
  guint           pulse_id;
  gboolean        keep_connection;
  gboolean        running;
  gboolean        succeeded;
  gboolean        disposed;  /* destroyed while the work ran on */
} AnvWorkerDialogPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (AnvWorkerDialog, anv_worker_dialog, GTK_TYPE_DIALOG)

enum
{
  PROP_0,
  PROP_CONTEXT,
  PROP_RUNNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS] = { NULL, };


/*
 * The worker
 */

static void
worker_free (AnvWorker *worker)
{
  g_clear_object (&worker->db);
  g_clear_pointer (&worker->context, g_main_context_unref);
  g_free (worker->db_path);
  g_free (worker->user);
  g_free (worker);
}

static void
run_free (gpointer data)
{
  Run *run = data;

  if (run->job_free != NULL)
    run->job_free (run->job);
  g_free (run);
}

static void
run_thread_cb (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Run *run = task_data;
  AnvWorker *worker = run->worker;
  g_autoptr (GError) error = NULL;
  gboolean ok = FALSE;

  if (worker->db == NULL)
    worker->db = anv_schema_open (worker->db_path, worker->user, &error);
  if (worker->db != NULL)
    ok = run->func (worker, worker->db, run->job, cancellable, &error);
  if (!worker->keep)
    g_clear_object (&worker->db);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, "The work failed");
}


/*
 * Auxiliary methods
 */

static void
set_running (AnvWorkerDialog *self,
             gboolean         running)
{
  AnvWorkerDialogPrivate *priv = anv_worker_dialog_get_instance_private (self);
  /* Quitting waits for the work: the person was told it runs. */
  GApplication *application = g_application_get_default ();

  if (priv->running == running)
    return;

  priv->running = running;
  if (application != NULL)
    {
      if (running)
        g_application_hold (application);
      else
        g_application_release (application);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}


/*
 * Callbacks
 */

static gboolean
pulse_cb (gpointer user_data)
{
  AnvWorkerDialog *self = ANV_WORKER_DIALOG (user_data);
  AnvWorkerDialogPrivate *priv = anv_worker_dialog_get_instance_private (self);

  gtk_progress_bar_pulse (priv->progress_bar);
  return G_SOURCE_CONTINUE;
}

/* In the main thread */
static gboolean
show_progress_cb (gpointer user_data)
{
  AnvWorkerDialog *self = ANV_WORKER_DIALOG (user_data);
  AnvWorkerDialogPrivate *priv = anv_worker_dialog_get_instance_private (self);
  int permille;

  g_atomic_int_set (&priv->worker->pending, 0);
  permille = g_atomic_int_get (&priv->worker->permille);

  if (priv->disposed || !priv->running || permille < 0 || priv->progress_bar == NULL)
    return G_SOURCE_REMOVE;

  g_clear_handle_id (&priv->pulse_id, g_source_remove);
  gtk_progress_bar_set_show_text (priv->progress_bar, TRUE);
  gtk_progress_bar_set_fraction (priv->progress_bar, permille / 1000.0);

  return G_SOURCE_REMOVE;
}

static void
run_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  AnvWorkerDialog *self = ANV_WORKER_DIALOG (source);
  AnvWorkerDialogPrivate *priv = anv_worker_dialog_get_instance_private (self);
  Run *run = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;
  gboolean ok;

  ok = g_task_propagate_boolean (G_TASK (result), &error);

  g_clear_handle_id (&priv->pulse_id, g_source_remove);
  priv->succeeded = ok;
  set_running (self, FALSE);

  /* Another connection committed: the window's connection tells the
   * context, and through it the pages, now rather than at the window's
   * next poll. */
  if (ok)
    anv_db_poll_changes (anv_context_get_db (priv->context));

  if (!priv->disposed && run->done != NULL)
    run->done (self, run->job, error);
}


/*
 * GtkDialog overrides
 */

static void
anv_worker_dialog_response (GtkDialog *dialog,
                            int        response)
{
  AnvWorkerDialog *self = ANV_WORKER_DIALOG (dialog);
  AnvWorkerDialogPrivate *priv = anv_worker_dialog_get_instance_private (self);
  AnvWorkerDialogClass *klass = ANV_WORKER_DIALOG_GET_CLASS (self);

  /* The work finishes first: half of it is nothing (an import, a
   * restore) or no copy (a backup, which may be cancelled). */
  if (priv->running)
    {
      if ((response == GTK_RESPONSE_CANCEL || response == GTK_RESPONSE_DELETE_EVENT)
          && klass->cancel != NULL)
        klass->cancel (self);
      return;
    }

  if (klass->respond != NULL)
    klass->respond (self, response);
  else
    gtk_widget_destroy (GTK_WIDGET (self));
}


/*
 * GObject overrides
 */

static void
anv_worker_dialog_constructed (GObject *object)
{
  AnvWorkerDialog *self = ANV_WORKER_DIALOG (object);
  AnvWorkerDialogPrivate *priv = anv_worker_dialog_get_instance_private (self);

  G_OBJECT_CLASS (anv_worker_dialog_parent_class)->constructed (object);

  g_assert (ANV_IS_CONTEXT (priv->context));

  priv->worker = g_new0 (AnvWorker, 1);
  priv->worker->db_path = g_strdup (anv_db_get_path (anv_context_get_db (priv->context)));
  priv->worker->user = g_strdup (anv_db_get_user (anv_context_get_db (priv->context)));
  priv->worker->dialog = object;
  priv->worker->permille = -1;
}

static void
anv_worker_dialog_dispose (GObject *object)
{
  AnvWorkerDialog *self = ANV_WORKER_DIALOG (object);
  AnvWorkerDialogPrivate *priv = anv_worker_dialog_get_instance_private (self);

  /* A running task keeps the object; its end then only tells the
   * database (kept until finalize), as the widgets are gone. */
  priv->disposed = TRUE;
  g_clear_handle_id (&priv->pulse_id, g_source_remove);
  priv->progress_bar = NULL;

  G_OBJECT_CLASS (anv_worker_dialog_parent_class)->dispose (object);
}

static void
anv_worker_dialog_finalize (GObject *object)
{
  AnvWorkerDialog *self = ANV_WORKER_DIALOG (object);
  AnvWorkerDialogPrivate *priv = anv_worker_dialog_get_instance_private (self);

  g_clear_pointer (&priv->worker, worker_free);
  g_clear_object (&priv->context);

  G_OBJECT_CLASS (anv_worker_dialog_parent_class)->finalize (object);
}

static void
anv_worker_dialog_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AnvWorkerDialog *self = ANV_WORKER_DIALOG (object);
  AnvWorkerDialogPrivate *priv = anv_worker_dialog_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, priv->context);
      break;

    case PROP_RUNNING:
      g_value_set_boolean (value, priv->running);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
anv_worker_dialog_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  AnvWorkerDialog *self = ANV_WORKER_DIALOG (object);
  AnvWorkerDialogPrivate *priv = anv_worker_dialog_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_assert (priv->context == NULL);
      priv->context = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
anv_worker_dialog_class_init (AnvWorkerDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkDialogClass *dialog_class = GTK_DIALOG_CLASS (klass);

  object_class->constructed = anv_worker_dialog_constructed;
  object_class->dispose = anv_worker_dialog_dispose;
  object_class->finalize = anv_worker_dialog_finalize;
  object_class->get_property = anv_worker_dialog_get_property;
  object_class->set_property = anv_worker_dialog_set_property;

  dialog_class->response = anv_worker_dialog_response;

  /**
   * AnvWorkerDialog:context:
   *
   * The window's context: its database (the work opens a connection of
   * its own to the same file), today and the CSV profile.
   */
  properties[PROP_CONTEXT] = g_param_spec_object ("context",
                                                  "Context",
                                                  "What the window's pages share",
                                                  ANV_TYPE_CONTEXT,
                                                  G_PARAM_READWRITE |
                                                  G_PARAM_CONSTRUCT_ONLY |
                                                  G_PARAM_EXPLICIT_NOTIFY |
                                                  G_PARAM_STATIC_STRINGS);

  /**
   * AnvWorkerDialog:running:
   *
   * Whether the work is under way.
   */
  properties[PROP_RUNNING] = g_param_spec_boolean ("running",
                                                   "Running",
                                                   "Whether the work is under way",
                                                   FALSE,
                                                   G_PARAM_READABLE |
                                                   G_PARAM_EXPLICIT_NOTIFY |
                                                   G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
anv_worker_dialog_init (AnvWorkerDialog *self)
{
  anv_dialog_keep_until_idle (GTK_WIDGET (self));
}

void
anv_worker_dialog_set_progress_bar (AnvWorkerDialog *self,
                                    GtkProgressBar  *bar)
{
  AnvWorkerDialogPrivate *priv = anv_worker_dialog_get_instance_private (self);

  g_return_if_fail (ANV_IS_WORKER_DIALOG (self));
  g_return_if_fail (GTK_IS_PROGRESS_BAR (bar));

  priv->progress_bar = bar;
}

void
anv_worker_dialog_set_keep_connection (AnvWorkerDialog *self,
                                       gboolean         keep)
{
  AnvWorkerDialogPrivate *priv = anv_worker_dialog_get_instance_private (self);

  g_return_if_fail (ANV_IS_WORKER_DIALOG (self));
  g_return_if_fail (!priv->running);

  priv->keep_connection = keep;
}

/**
 * anv_worker_dialog_run:
 * @self: an #AnvWorkerDialog with no work running
 * @func: the work, run in a worker thread
 * @job: (nullable): what @func and @done need; never a widget
 * @job_free: (nullable): frees @job when the run is over
 * @cancellable: (nullable): passed to @func, for a subclass that can cancel
 * @done: (nullable): called in the main thread when the work has ended,
 *   unless the dialog was destroyed meanwhile
 *
 * Starts @func in a thread with the bar pulsing.
 */
void
anv_worker_dialog_run (AnvWorkerDialog *self,
                       AnvWorkerFunc    func,
                       gpointer         job,
                       GDestroyNotify   job_free,
                       GCancellable    *cancellable,
                       AnvWorkerDone    done)
{
  AnvWorkerDialogPrivate *priv = anv_worker_dialog_get_instance_private (self);
  g_autoptr (GTask) task = NULL;
  Run *run;

  g_return_if_fail (ANV_IS_WORKER_DIALOG (self));
  g_return_if_fail (func != NULL);
  g_return_if_fail (!priv->running);

  run = g_new0 (Run, 1);
  run->worker = priv->worker;
  run->func = func;
  run->job = job;
  run->job_free = job_free;
  run->done = done;

  priv->worker->keep = priv->keep_connection;
  priv->worker->permille = -1;
  priv->worker->pending = 0;
  g_clear_pointer (&priv->worker->context, g_main_context_unref);
  priv->worker->context = g_main_context_ref_thread_default ();

  task = g_task_new (self, cancellable, run_done_cb, NULL);
  g_task_set_source_tag (task, anv_worker_dialog_run);
  /* What the worker did is what the person is told: work that was done
   * before a cancel reached it says so. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, run, run_free);

  priv->succeeded = FALSE;
  if (priv->progress_bar != NULL)
    {
      gtk_progress_bar_set_show_text (priv->progress_bar, FALSE);
      gtk_progress_bar_set_fraction (priv->progress_bar, 0.0);
      g_clear_handle_id (&priv->pulse_id, g_source_remove);
      priv->pulse_id = g_timeout_add (PULSE_INTERVAL_MS, pulse_cb, self);
    }
  set_running (self, TRUE);

  g_task_run_in_thread (task, run_thread_cb);
}

void
anv_worker_dialog_get_today (AnvWorkerDialog *self,
                             GDate           *out)
{
  AnvWorkerDialogPrivate *priv = anv_worker_dialog_get_instance_private (self);

  g_return_if_fail (ANV_IS_WORKER_DIALOG (self));
  g_return_if_fail (out != NULL);

  anv_context_get_today (priv->context, out);
}

gboolean
anv_worker_dialog_get_running (AnvWorkerDialog *self)
{
  AnvWorkerDialogPrivate *priv = anv_worker_dialog_get_instance_private (self);

  g_return_val_if_fail (ANV_IS_WORKER_DIALOG (self), FALSE);

  return priv->running;
}

gboolean
anv_worker_dialog_get_succeeded (AnvWorkerDialog *self)
{
  AnvWorkerDialogPrivate *priv = anv_worker_dialog_get_instance_private (self);

  g_return_val_if_fail (ANV_IS_WORKER_DIALOG (self), FALSE);

  return priv->succeeded;
}

/**
 * anv_worker_report_progress:
 * @worker: the worker a #AnvWorkerFunc was given
 * @done: the work done so far
 * @total: all of it; 0 when unknown
 *
 * Moves the dialog's bar; called from the worker thread.
 */
void
anv_worker_report_progress (AnvWorker *worker,
                            guint64    done,
                            guint64    total)
{
  int permille = total > 0 ? (int) (MIN (done, total) * 1000 / total) : -1;

  g_atomic_int_set (&worker->permille, permille);

  /* One update queued at a time: the bar shows the latest figure. */
  if (g_atomic_int_compare_and_exchange (&worker->pending, 0, 1))
    anv_dialog_queue_in (worker->context, show_progress_cb,
                         g_object_ref (worker->dialog), g_object_unref);
}
