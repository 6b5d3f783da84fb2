/* test-dialog.c — what Anvisa's dialogs share: reports from a worker reach
 * the main thread, and a destroyed dialog outlives GTK's idles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "anv-dialog.h"
#include "anv-gui-test-util.h"

typedef struct
{
  GThread *main_thread;
  GThread *ran_in;
  guint    n_runs;
  guint    n_notified;
} Report;

static gboolean
report_cb (gpointer user_data)
{
  Report *report = user_data;

  report->ran_in = g_thread_self ();
  report->n_runs++;
  return G_SOURCE_REMOVE;
}

static void
report_notify_cb (gpointer user_data)
{
  Report *report = user_data;

  report->n_notified++;
}

static gpointer
worker_thread (gpointer user_data)
{
  anv_dialog_queue_in (NULL, report_cb, user_data, report_notify_cb);
  return NULL;
}

static gpointer
context_worker_thread (gpointer user_data)
{
  GMainContext *context = g_main_context_new ();

  /* The worker's own context is not the one the report goes to. */
  g_main_context_push_thread_default (context);
  anv_dialog_queue_in (g_main_context_default (), report_cb, user_data, report_notify_cb);
  g_main_context_pop_thread_default (context);
  g_main_context_unref (context);
  return NULL;
}

/* The main thread is not iterating while the worker reports: that is when
 * g_main_context_invoke() would run the report in the worker. */
static void
test_queue_in_from_worker (void)
{
  GThreadFunc workers[] = { worker_thread, context_worker_thread };

  for (guint i = 0; i < G_N_ELEMENTS (workers); i++)
    {
      Report report = { g_thread_self (), NULL, 0, 0 };
      GThread *thread = g_thread_new ("anvisa-test-worker", workers[i], &report);

      g_thread_join (thread);
      g_assert_cmpuint (report.n_runs, ==, 0);
      g_assert_cmpuint (report.n_notified, ==, 0);

      anv_test_iterate_main_loop ();
      g_assert_cmpuint (report.n_runs, ==, 1);
      g_assert_cmpuint (report.n_notified, ==, 1);
      g_assert_true (report.ran_in == report.main_thread);
    }
}

/* Even in the main thread the report waits for the main loop, so that a
 * caller's state is never changed under it. */
static void
test_queue_in_from_main (void)
{
  Report report = { g_thread_self (), NULL, 0, 0 };

  anv_dialog_queue_in (NULL, report_cb, &report, report_notify_cb);
  g_assert_cmpuint (report.n_runs, ==, 0);
  anv_test_iterate_main_loop ();
  g_assert_cmpuint (report.n_runs, ==, 1);
  g_assert_cmpuint (report.n_notified, ==, 1);
}

static void
finalized_cb (gpointer user_data)
{
  gboolean *finalized = user_data;

  *finalized = TRUE;
}

static gboolean
still_alive_cb (gpointer user_data)
{
  gboolean *finalized = user_data;

  /* An idle queued by GTK when the dialog went away finds it still there. */
  g_assert_false (*finalized);
  return G_SOURCE_REMOVE;
}

static void
destroy_and_queue_cb (GtkWidget *dialog,
                      gpointer   user_data)
{
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, still_alive_cb, user_data, NULL);
}

static void
test_kept_until_idle (void)
{
  GtkWidget *dialog = gtk_dialog_new ();
  gboolean finalized = FALSE;

  anv_dialog_keep_until_idle (dialog);
  /* Object data goes when the object is finalized, not when destroyed. */
  g_object_set_data_full (G_OBJECT (dialog), "anvisa-test-finalized", &finalized,
                          finalized_cb);
  g_signal_connect_after (dialog, "destroy", G_CALLBACK (destroy_and_queue_cb), &finalized);

  gtk_widget_show (dialog);
  anv_test_iterate_main_loop ();
  gtk_widget_destroy (dialog);
  g_assert_false (finalized);

  anv_test_iterate_main_loop ();
  g_assert_true (finalized);
}

int
main (int    argc,
      char **argv)
{
  if (!anv_test_init_gui (&argc, &argv, "/dialog/no-display"))
    return g_test_run ();

  g_test_add_func ("/dialog/queue-in/from-worker", test_queue_in_from_worker);
  g_test_add_func ("/dialog/queue-in/from-main", test_queue_in_from_main);
  g_test_add_func ("/dialog/kept-until-idle", test_kept_until_idle);
  return g_test_run ();
}
