/* anv-import-dialog.c — long data work with progress: import, demo data, export
 *
 * The work runs in a GTask thread on a database connection of its own
 * (anv_schema_open() on the same file), so the window goes on drawing and
 * answering. The core reports progress and bad rows from that thread; the
 * progress reaches the bar through the main context, the rows are handed
 * over when the work is done.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "anvisa-import-dialog"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "anv-date.h"
#include "anv-demo.h"
#include "anv-dialog.h"
#include "anv-export.h"
#include "anv-i18n.h"
#include "anv-import-dialog.h"
#include "anv-providers.h"
#include "anv-schema.h"
#include "anv-seeker-import.h"

/* How often the bar moves while the work cannot tell how far it is. */
#define PULSE_INTERVAL_MS 100

typedef struct
{
  guint  line;
  char  *column;
  char  *message;
} RowError;

typedef struct
{
  AnvImportDialogKind  kind;
  char                *db_path;
  char                *user;
  char                *path;
  GDate                today;
  GMainContext        *context;
  GTask               *task;         /* not a reference: alive while the worker runs */

  /* An export */
  AnvExportOptions     options;
  AnvSummaryQuery      query;
  char                 from_month[8];
  char                 to_month[8];
  AnvExportCounts      counts;

  /* Written by the worker, read in the main thread once it returned */
  AnvImportReport      report;
  GArray              *errors;       /* RowError: the first ANV_IMPORT_MAX_LISTED_ERRORS */

  /* Handed from the worker to the main thread */
  int                  permille;     /* atomic; -1 while unknown */
  int                  pending;      /* atomic; an update is queued */
} Job;

struct _AnvImportDialog
{
  GtkDialog             parent_instance;

  /* Template widgets */
  GtkStack             *stack;
  GtkRadioButton       *summary_radio;
  GtkRadioButton       *referrals_radio;
  GtkRadioButton       *seekers_radio;
  GtkWidget            *summary_grid;
  GtkEntry             *from_entry;
  GtkEntry             *to_entry;
  GtkComboBoxText      *service_combo;
  GtkLabel             *month_message;
  GtkToggleButton      *full_check;
  GtkWidget            *warning_box;
  GtkLabel             *warning_label;
  GtkLabel             *profile_label;
  GtkLabel             *progress_label;
  GtkProgressBar       *progress_bar;
  GtkImage             *result_image;
  GtkLabel             *result_label;
  GtkWidget            *errors_window;
  GtkTreeView          *errors_view;
  GtkListStore         *errors_store;
  GtkLabel             *more_errors_label;
  GtkWidget            *cancel_button;
  GtkWidget            *export_button;
  GtkWidget            *close_button;

  AnvDb                *db;
  AnvImportDialogKind   kind;
  char                 *path;
  AnvCsvProfile         profile;

  GtkFileChooserNative *chooser;
  guint                 pulse_id;
  gboolean              running;
  gboolean              succeeded;
  gboolean              disposed;
};

G_DEFINE_FINAL_TYPE (AnvImportDialog, anv_import_dialog, GTK_TYPE_DIALOG)

enum
{
  PROP_0,
  PROP_DB,
  PROP_KIND,
  PROP_PATH,
  PROP_PROFILE,
  PROP_RUNNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS] = { NULL, };


/*
 * The job
 */

static void
clear_row_error (gpointer data)
{
  RowError *row_error = data;

  g_free (row_error->column);
  g_free (row_error->message);
}

static void
job_free (gpointer data)
{
  Job *job = data;

  g_free (job->db_path);
  g_free (job->user);
  g_free (job->path);
  g_clear_pointer (&job->errors, g_array_unref);
  g_clear_pointer (&job->context, g_main_context_unref);
  g_free (job);
}

static Job *
job_new (AnvImportDialog *self)
{
  Job *job = g_new0 (Job, 1);

  job->kind = self->kind;
  job->db_path = g_strdup (anv_db_get_path (self->db));
  job->user = g_strdup (anv_db_get_user (self->db));
  job->path = g_strdup (self->path);
  anv_date_today (&job->today);
  job->context = g_main_context_ref_thread_default ();
  job->errors = g_array_new (FALSE, FALSE, sizeof (RowError));
  g_array_set_clear_func (job->errors, clear_row_error);
  job->permille = -1;

  return job;
}

/* In the worker */
static void
add_row_error_cb (guint       line,
                  const char *column,
                  const char *message,
                  gpointer    user_data)
{
  Job *job = user_data;
  RowError row_error;

  /* The core passes on only the first ANV_IMPORT_MAX_LISTED_ERRORS. */
  row_error.line = line;
  row_error.column = g_strdup (column);
  row_error.message = g_strdup (message);
  g_array_append_val (job->errors, row_error);
}

static gboolean show_progress_cb (gpointer      user_data);
static void     job_done_cb      (GObject      *source,
                                  GAsyncResult *result,
                                  gpointer      user_data);

/* In the worker */
static void
report_progress_cb (guint64  done,
                    guint64  total,
                    gpointer user_data)
{
  Job *job = user_data;
  int permille = total > 0 ? (int) (MIN (done, total) * 1000 / total) : -1;

  g_atomic_int_set (&job->permille, permille);

  /* One update queued at a time: the bar shows the latest figure. */
  if (g_atomic_int_compare_and_exchange (&job->pending, 0, 1))
    anv_dialog_queue_in (job->context, show_progress_cb,
                         g_object_ref (job->task), g_object_unref);
}

static void
run_job_thread_cb (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr (AnvDb) db = NULL;
  g_autoptr (GError) error = NULL;
  gboolean ok = FALSE;

  db = anv_schema_open (job->db_path, job->user, &error);
  if (db != NULL)
    {
      switch (job->kind)
        {
        case ANV_IMPORT_DIALOG_SEEKERS:
          ok = anv_seekers_import (db, job->path, &job->today, &job->report, &error);
          break;

        case ANV_IMPORT_DIALOG_PROVIDERS:
          ok = anv_providers_import (db, job->path, &job->today, &job->report, &error);
          break;

        case ANV_IMPORT_DIALOG_DEMO:
          ok = anv_demo_load (db, report_progress_cb, job, &error);
          break;

        case ANV_IMPORT_DIALOG_EXPORT:
          ok = anv_export_write_counted (db, &job->options, job->path, &job->counts, &error);
          break;

        default:
          g_assert_not_reached ();
        }
    }

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}


/*
 * Auxiliary methods
 */


static const char *
get_title (AnvImportDialogKind kind)
{
  switch (kind)
    {
    case ANV_IMPORT_DIALOG_SEEKERS:
      return _("Import Job Seekers");
    case ANV_IMPORT_DIALOG_PROVIDERS:
      return _("Import Providers");
    case ANV_IMPORT_DIALOG_DEMO:
      return _("Load Demo Data");
    case ANV_IMPORT_DIALOG_EXPORT:
      return _("Export");
    default:
      g_assert_not_reached ();
    }
}

static char *
describe_work (AnvImportDialog *self)
{
  g_autofree char *name = self->path ? g_filename_display_basename (self->path) : NULL;

  switch (self->kind)
    {
    case ANV_IMPORT_DIALOG_SEEKERS:
      /* Translators: %s is the name of a file */
      return g_strdup_printf (_("Importing job seekers from %s…"), name);
    case ANV_IMPORT_DIALOG_PROVIDERS:
      /* Translators: %s is the name of a file */
      return g_strdup_printf (_("Importing providers from %s…"), name);
    case ANV_IMPORT_DIALOG_DEMO:
      return g_strdup (_("Loading the demo data for 2020: job seekers, providers and a year of "
                         "referrals…"));
    case ANV_IMPORT_DIALOG_EXPORT:
      /* Translators: %s is the name of a file */
      return g_strdup_printf (_("Writing %s…"), name);
    default:
      g_assert_not_reached ();
    }
}

static void
set_running (AnvImportDialog *self,
             gboolean         running)
{
  if (self->running == running)
    return;

  self->running = running;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static void
show_buttons (AnvImportDialog *self,
              const char      *page)
{
  gboolean setup = g_strcmp0 (page, "export") == 0;

  gtk_widget_set_visible (self->cancel_button, setup);
  gtk_widget_set_visible (self->export_button, setup);
  gtk_widget_set_visible (self->close_button, !setup);
  gtk_widget_set_sensitive (self->close_button, g_strcmp0 (page, "result") == 0);
  gtk_stack_set_visible_child_name (self->stack, page);
}

static gboolean
pulse_cb (gpointer user_data)
{
  AnvImportDialog *self = ANV_IMPORT_DIALOG (user_data);

  gtk_progress_bar_pulse (self->progress_bar);
  return G_SOURCE_CONTINUE;
}

static void
fill_errors (AnvImportDialog *self,
             Job             *job)
{
  gtk_list_store_clear (self->errors_store);
  for (guint i = 0; i < job->errors->len; i++)
    {
      RowError *row_error = &g_array_index (job->errors, RowError, i);

      gtk_list_store_insert_with_values (self->errors_store, NULL, -1,
                                         0, row_error->line,
                                         1, row_error->column,
                                         2, row_error->message,
                                         -1);
    }
  gtk_widget_set_visible (self->errors_window, job->errors->len > 0);

  if (job->report.n_errors > job->report.n_listed)
    {
      g_autofree char *text = anv_import_report_describe_more (&job->report);

      gtk_label_set_text (self->more_errors_label, text);
      gtk_widget_show (GTK_WIDGET (self->more_errors_label));
    }
}

static char *
describe_success (AnvImportDialog *self,
                  Job             *job)
{
  g_autofree char *name = self->path ? g_filename_display_basename (self->path) : NULL;
  g_autofree char *n = NULL;

  switch (self->kind)
    {
    case ANV_IMPORT_DIALOG_SEEKERS:
      n = anv_format_count (job->report.n_stored);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           /* Translators: %1$s is a number, %2$s a file */
                                           "Imported %1$s job seeker from %2$s.",
                                           "Imported %1$s job seekers from %2$s.",
                                           (gulong) MIN (job->report.n_stored, G_MAXULONG)),
                              n, name);

    case ANV_IMPORT_DIALOG_PROVIDERS:
      n = anv_format_count (job->report.n_stored);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           /* Translators: %1$s is a number, %2$s a file */
                                           "Imported %1$s provider from %2$s.",
                                           "Imported %1$s providers from %2$s.",
                                           (gulong) MIN (job->report.n_stored, G_MAXULONG)),
                              n, name);

    case ANV_IMPORT_DIALOG_DEMO:
      return g_strdup (_("The demo data for 2020 is loaded. Try the summary for April 2020: "
                         "33 referrals to Rusta och matcha, one of them ended in April."));

    case ANV_IMPORT_DIALOG_EXPORT:
      {
        g_autoptr (GString) text = g_string_new (NULL);

        n = anv_format_count (job->counts.rows);
        g_string_append_printf (text,
                                g_dngettext (GETTEXT_PACKAGE,
                                             /* Translators: %1$s is a number, %2$s a file */
                                             "Wrote %1$s row to %2$s.",
                                             "Wrote %1$s rows to %2$s.",
                                             (gulong) MIN (job->counts.rows, G_MAXULONG)),
                                n, name);
        if (job->counts.protected_left_out > 0)
          {
            g_autofree char *left_out = anv_format_count (job->counts.protected_left_out);

            g_string_append_c (text, ' ');
            g_string_append_printf (text,
                                    g_dngettext (GETTEXT_PACKAGE,
                                                 "%s person with protected identity was left "
                                                 "out.",
                                                 "%s people with protected identity were left "
                                                 "out.",
                                                 (gulong) MIN (job->counts.protected_left_out,
                                                               G_MAXULONG)),
                                    left_out);
          }
        return g_string_free (g_steal_pointer (&text), FALSE);
      }

    default:
      g_assert_not_reached ();
    }
}

static void
show_result (AnvImportDialog *self,
             Job             *job,
             const GError    *error)
{
  if (error == NULL)
    {
      g_autofree char *text = describe_success (self, job);

      gtk_image_set_from_icon_name (self->result_image, "emblem-ok-symbolic",
                                    GTK_ICON_SIZE_DIALOG);
      gtk_label_set_text (self->result_label, text);
    }
  else
    {
      gtk_image_set_from_icon_name (self->result_image, "dialog-error-symbolic",
                                    GTK_ICON_SIZE_DIALOG);
      gtk_label_set_text (self->result_label, error->message);
      fill_errors (self, job);
    }

  show_buttons (self, "result");
  gtk_widget_grab_focus (self->close_button);
}

static void
start_job (AnvImportDialog *self,
           Job             *job)
{
  g_autoptr (GTask) task = NULL;
  g_autofree char *text = describe_work (self);
  GApplication *application;

  job->report.row_error = add_row_error_cb;
  job->report.progress = report_progress_cb;
  job->report.user_data = job;

  task = g_task_new (self, NULL, job_done_cb, NULL);
  g_task_set_source_tag (task, start_job);
  g_task_set_task_data (task, job, job_free);
  job->task = task;

  gtk_label_set_text (self->progress_label, text);
  gtk_progress_bar_set_show_text (self->progress_bar, FALSE);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  self->pulse_id = g_timeout_add (PULSE_INTERVAL_MS, pulse_cb, self);
  show_buttons (self, "progress");
  set_running (self, TRUE);

  /* Quitting waits for the work: SQLite would roll it back, but the
   * person was told it runs. */
  application = g_application_get_default ();
  if (application != NULL)
    g_application_hold (application);

  g_task_run_in_thread (task, run_job_thread_cb);
}

static gboolean
read_export_options (AnvImportDialog *self,
                     Job             *job,
                     GError         **error)
{
  const char *from = gtk_entry_get_text (self->from_entry);
  const char *to = gtk_entry_get_text (self->to_entry);
  const char *service = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->service_combo));

  job->options.profile = self->profile;

  if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->summary_radio)))
    {
      if (!anv_summary_parse_month (from, error) || !anv_summary_parse_month (to, error))
        return FALSE;
      if (strcmp (from, to) > 0)
        {
          g_set_error_literal (error, ANV_SUMMARY_ERROR, ANV_SUMMARY_ERROR_MONTH,
                               _("The first month comes after the last one. Swap them."));
          return FALSE;
        }

      g_strlcpy (job->from_month, from, sizeof job->from_month);
      g_strlcpy (job->to_month, to, sizeof job->to_month);
      job->query.from_month = job->from_month;
      job->query.to_month = job->to_month;
      job->query.service = ANV_SERVICE_NONE;
      if (service != NULL && strcmp (service, "both") != 0
          && !anv_service_parse (service, &job->query.service, error))
        return FALSE;

      job->options.kind = ANV_EXPORT_SUMMARY;
      job->options.summary = &job->query;
      return TRUE;
    }

  if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->referrals_radio)))
    job->options.kind = ANV_EXPORT_REFERRALS;
  else
    job->options.kind = ANV_EXPORT_SEEKERS;
  job->options.full_personnummer = gtk_toggle_button_get_active (self->full_check);

  return TRUE;
}

static char *
suggest_export_name (AnvImportDialog *self)
{
  char today[11];
  GDate date;

  if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->summary_radio)))
    {
      /* Translators: a file name; %1$s and %2$s are months, YYYY-MM */
      return g_strdup_printf (_("anvisa-summary-%1$s-%2$s.csv"),
                              gtk_entry_get_text (self->from_entry),
                              gtk_entry_get_text (self->to_entry));
    }

  anv_date_today (&date);
  anv_date_format (&date, today);
  if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->referrals_radio)))
    /* Translators: a file name; %s is today's date, YYYY-MM-DD */
    return g_strdup_printf (_("anvisa-referrals-%s.csv"), today);

  /* Translators: a file name; %s is today's date, YYYY-MM-DD */
  return g_strdup_printf (_("anvisa-job-seekers-%s.csv"), today);
}

static void
setup_export (AnvImportDialog *self)
{
  char month[8];
  GDate today;

  anv_date_today (&today);
  g_snprintf (month, sizeof month, "%04u-01", g_date_get_year (&today));
  gtk_entry_set_text (self->from_entry, month);
  g_snprintf (month, sizeof month, "%04u-%02u", g_date_get_year (&today),
              g_date_get_month (&today));
  gtk_entry_set_text (self->to_entry, month);

  gtk_label_set_text (self->profile_label,
                      self->profile == ANV_CSV_PROFILE_EXCEL_SV
                      ? _("The file is written for Excel in Swedish: semicolons and decimal "
                          "commas. Change the format in the main menu.")
                      : _("The file is written for other programs (RFC 4180): commas and "
                          "decimal points. Change the format in the main menu."));

  show_buttons (self, "export");
  gtk_widget_grab_default (self->export_button);
}


/*
 * Callbacks
 */

static gboolean
show_progress_cb (gpointer user_data)
{
  GTask *task = G_TASK (user_data);
  Job *job = g_task_get_task_data (task);
  AnvImportDialog *self = ANV_IMPORT_DIALOG (g_task_get_source_object (task));
  int permille;

  g_atomic_int_set (&job->pending, 0);
  permille = g_atomic_int_get (&job->permille);

  if (self->disposed || !self->running || permille < 0)
    return G_SOURCE_REMOVE;

  g_clear_handle_id (&self->pulse_id, g_source_remove);
  gtk_progress_bar_set_show_text (self->progress_bar, TRUE);
  gtk_progress_bar_set_fraction (self->progress_bar, permille / 1000.0);

  return G_SOURCE_REMOVE;
}

static void
job_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  AnvImportDialog *self = ANV_IMPORT_DIALOG (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;
  GApplication *application;
  gboolean ok;

  ok = g_task_propagate_boolean (G_TASK (result), &error);

  g_clear_handle_id (&self->pulse_id, g_source_remove);
  self->succeeded = ok;
  set_running (self, FALSE);

  /* Another connection committed: the window's connection tells its
   * pages now rather than at its next poll. */
  if (ok)
    anv_db_poll_changes (self->db);

  if (!self->disposed)
    show_result (self, job, error);

  application = g_application_get_default ();
  if (application != NULL)
    g_application_release (application);
}

static void
export_changed_cb (AnvImportDialog *self)
{
  g_autoptr (GError) error = NULL;
  gboolean summary;
  gboolean valid = TRUE;
  Job job = { 0 };

  summary = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->summary_radio));
  if (summary)
    valid = read_export_options (self, &job, &error);

  gtk_label_set_text (self->month_message, error != NULL ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->month_message), error != NULL);
  gtk_widget_set_sensitive (self->export_button, valid);
}

static void
export_kind_toggled_cb (AnvImportDialog *self)
{
  gboolean summary = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->summary_radio));
  gboolean full = gtk_toggle_button_get_active (self->full_check);

  gtk_widget_set_sensitive (self->summary_grid, summary);
  gtk_widget_set_sensitive (GTK_WIDGET (self->full_check), !summary);
  gtk_widget_set_visible (self->warning_box, !summary);

  if (!summary)
    gtk_label_set_text (self->warning_label,
                        full
                        ? _("The file will hold personal data with whole personnummer. Keep it "
                            "where only those who need it can read it, and delete it when it is "
                            "no longer needed. People with protected identity are left out. "
                            "The export is recorded in the audit log under your name.")
                        : _("The file will hold personal data; the personnummer are masked "
                            "(19850412-****). People with protected identity are left out. "
                            "The export is recorded in the audit log under your name."));

  export_changed_cb (self);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     AnvImportDialog *self)
{
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    path = gtk_file_chooser_get_filename (GTK_FILE_CHOOSER (chooser));

  /* It may still be handling the key that answered it. */
  g_idle_add_once (g_object_unref, g_steal_pointer (&self->chooser));

  if (path != NULL)
    anv_import_dialog_export_to (self, path);
}

static void
choose_export_file (AnvImportDialog *self)
{
  g_autofree char *name = suggest_export_name (self);
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Export"),
                                               GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_do_overwrite_confirmation (GTK_FILE_CHOOSER (self->chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);

  /* Translators: a kind of file in the file chooser */
  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), g_object_ref_sink (filter));

  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
response_cb (GtkDialog       *dialog,
             int              response,
             AnvImportDialog *self)
{
  if (self->running)
    return;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      choose_export_file (self);
      return;
    }

  gtk_widget_destroy (GTK_WIDGET (self));
}

static gboolean
delete_event_cb (GtkWidget       *widget,
                 GdkEvent        *event,
                 AnvImportDialog *self)
{
  /* The work cannot be stopped half-way; it is all or nothing anyway. */
  return self->running;
}


/*
 * GObject overrides
 */

static void
anv_import_dialog_constructed (GObject *object)
{
  AnvImportDialog *self = ANV_IMPORT_DIALOG (object);

  G_OBJECT_CLASS (anv_import_dialog_parent_class)->constructed (object);

  g_assert (ANV_IS_DB (self->db));

  gtk_window_set_title (GTK_WINDOW (self), get_title (self->kind));

  if (self->kind == ANV_IMPORT_DIALOG_EXPORT)
    setup_export (self);
  else
    start_job (self, job_new (self));
}

static void
anv_import_dialog_dispose (GObject *object)
{
  AnvImportDialog *self = ANV_IMPORT_DIALOG (object);

  /* A running job keeps the object; its end then only tells the database. */
  self->disposed = TRUE;
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }

  G_OBJECT_CLASS (anv_import_dialog_parent_class)->dispose (object);
}

static void
anv_import_dialog_finalize (GObject *object)
{
  AnvImportDialog *self = ANV_IMPORT_DIALOG (object);

  g_clear_object (&self->db);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (anv_import_dialog_parent_class)->finalize (object);
}

static void
anv_import_dialog_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AnvImportDialog *self = ANV_IMPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_DB:
      g_value_set_object (value, self->db);
      break;

    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;

    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_PROFILE:
      g_value_set_int (value, self->profile);
      break;

    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
anv_import_dialog_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  AnvImportDialog *self = ANV_IMPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_DB:
      g_assert (self->db == NULL);
      self->db = g_value_dup_object (value);
      break;

    case PROP_KIND:
      self->kind = g_value_get_int (value);
      break;

    case PROP_PATH:
      g_free (self->path);
      self->path = g_value_dup_string (value);
      break;

    case PROP_PROFILE:
      self->profile = g_value_get_int (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
anv_import_dialog_class_init (AnvImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = anv_import_dialog_constructed;
  object_class->dispose = anv_import_dialog_dispose;
  object_class->finalize = anv_import_dialog_finalize;
  object_class->get_property = anv_import_dialog_get_property;
  object_class->set_property = anv_import_dialog_set_property;

  /**
   * AnvImportDialog:db:
   *
   * The window's database; the work opens a connection of its own to the
   * same file.
   */
  properties[PROP_DB] = g_param_spec_object ("db",
                                             "Database",
                                             "The open Anvisa database",
                                             ANV_TYPE_DB,
                                             G_PARAM_READWRITE |
                                             G_PARAM_CONSTRUCT_ONLY |
                                             G_PARAM_EXPLICIT_NOTIFY |
                                             G_PARAM_STATIC_STRINGS);

  /**
   * AnvImportDialog:kind:
   *
   * An #AnvImportDialogKind: what the dialog does.
   */
  properties[PROP_KIND] = g_param_spec_int ("kind",
                                            "Kind",
                                            "What the dialog does",
                                            ANV_IMPORT_DIALOG_SEEKERS,
                                            ANV_IMPORT_DIALOG_EXPORT,
                                            ANV_IMPORT_DIALOG_SEEKERS,
                                            G_PARAM_READWRITE |
                                            G_PARAM_CONSTRUCT_ONLY |
                                            G_PARAM_EXPLICIT_NOTIFY |
                                            G_PARAM_STATIC_STRINGS);

  /**
   * AnvImportDialog:path:
   *
   * The file to import; for an export, chosen later.
   */
  properties[PROP_PATH] = g_param_spec_string ("path",
                                               "Path",
                                               "The file to import",
                                               NULL,
                                               G_PARAM_READWRITE |
                                               G_PARAM_CONSTRUCT_ONLY |
                                               G_PARAM_EXPLICIT_NOTIFY |
                                               G_PARAM_STATIC_STRINGS);

  /**
   * AnvImportDialog:profile:
   *
   * The #AnvCsvProfile an export is written in.
   */
  properties[PROP_PROFILE] = g_param_spec_int ("profile",
                                               "Profile",
                                               "The CSV profile of an export",
                                               ANV_CSV_PROFILE_EXCEL_SV,
                                               ANV_CSV_PROFILE_RFC4180,
                                               ANV_CSV_PROFILE_EXCEL_SV,
                                               G_PARAM_READWRITE |
                                               G_PARAM_CONSTRUCT_ONLY |
                                               G_PARAM_EXPLICIT_NOTIFY |
                                               G_PARAM_STATIC_STRINGS);

  /**
   * AnvImportDialog:running:
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

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/anv-import-dialog.ui");

  gtk_widget_class_bind_template_child (widget_class, AnvImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, AnvImportDialog, summary_radio);
  gtk_widget_class_bind_template_child (widget_class, AnvImportDialog, referrals_radio);
  gtk_widget_class_bind_template_child (widget_class, AnvImportDialog, seekers_radio);
  gtk_widget_class_bind_template_child (widget_class, AnvImportDialog, summary_grid);
  gtk_widget_class_bind_template_child (widget_class, AnvImportDialog, from_entry);
  gtk_widget_class_bind_template_child (widget_class, AnvImportDialog, to_entry);
  gtk_widget_class_bind_template_child (widget_class, AnvImportDialog, service_combo);
  gtk_widget_class_bind_template_child (widget_class, AnvImportDialog, month_message);
  gtk_widget_class_bind_template_child (widget_class, AnvImportDialog, full_check);
  gtk_widget_class_bind_template_child (widget_class, AnvImportDialog, warning_box);
  gtk_widget_class_bind_template_child (widget_class, AnvImportDialog, warning_label);
  gtk_widget_class_bind_template_child (widget_class, AnvImportDialog, profile_label);
  gtk_widget_class_bind_template_child (widget_class, AnvImportDialog, progress_label);
  gtk_widget_class_bind_template_child (widget_class, AnvImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, AnvImportDialog, result_image);
  gtk_widget_class_bind_template_child (widget_class, AnvImportDialog, result_label);
  gtk_widget_class_bind_template_child (widget_class, AnvImportDialog, errors_window);
  gtk_widget_class_bind_template_child (widget_class, AnvImportDialog, errors_view);
  gtk_widget_class_bind_template_child (widget_class, AnvImportDialog, errors_store);
  gtk_widget_class_bind_template_child (widget_class, AnvImportDialog, more_errors_label);
  gtk_widget_class_bind_template_child (widget_class, AnvImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, AnvImportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, AnvImportDialog, close_button);

  gtk_widget_class_bind_template_callback (widget_class, delete_event_cb);
  gtk_widget_class_bind_template_callback (widget_class, response_cb);
  gtk_widget_class_bind_template_callback (widget_class, export_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, export_kind_toggled_cb);
}

static void
anv_import_dialog_init (AnvImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  anv_dialog_keep_until_idle (GTK_WIDGET (self));
}

/**
 * anv_import_dialog_new:
 * @parent: (nullable): the window the dialog belongs to
 * @db: the window's database
 * @kind: %ANV_IMPORT_DIALOG_SEEKERS, %ANV_IMPORT_DIALOG_PROVIDERS or
 *   %ANV_IMPORT_DIALOG_DEMO
 * @path: (nullable): the CSV file to import; %NULL for the demo data
 *
 * Returns: (transfer none): a new dialog, its work started
 */
GtkWidget *
anv_import_dialog_new (GtkWindow           *parent,
                       AnvDb               *db,
                       AnvImportDialogKind  kind,
                       const char          *path)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ANV_IS_DB (db), NULL);
  g_return_val_if_fail (kind != ANV_IMPORT_DIALOG_EXPORT, NULL);
  g_return_val_if_fail (kind == ANV_IMPORT_DIALOG_DEMO || path != NULL, NULL);

  return g_object_new (ANV_TYPE_IMPORT_DIALOG,
                       "transient-for", parent,
                       "db", db,
                       "kind", kind,
                       "path", path,
                       NULL);
}

/**
 * anv_import_dialog_new_export:
 * @parent: (nullable): the window the dialog belongs to
 * @db: the window's database
 * @profile: the CSV profile to write in
 *
 * Returns: (transfer none): a new dialog that asks what to export
 */
GtkWidget *
anv_import_dialog_new_export (GtkWindow     *parent,
                              AnvDb         *db,
                              AnvCsvProfile  profile)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ANV_IS_DB (db), NULL);

  return g_object_new (ANV_TYPE_IMPORT_DIALOG,
                       "transient-for", parent,
                       "db", db,
                       "kind", ANV_IMPORT_DIALOG_EXPORT,
                       "profile", profile,
                       NULL);
}

gboolean
anv_import_dialog_get_running (AnvImportDialog *self)
{
  g_return_val_if_fail (ANV_IS_IMPORT_DIALOG (self), FALSE);

  return self->running;
}

gboolean
anv_import_dialog_get_succeeded (AnvImportDialog *self)
{
  g_return_val_if_fail (ANV_IS_IMPORT_DIALOG (self), FALSE);

  return self->succeeded;
}

/**
 * anv_import_dialog_export_to:
 * @self: an export dialog, not yet running
 * @path: the file to write
 *
 * Writes the export chosen in the dialog to @path.
 */
void
anv_import_dialog_export_to (AnvImportDialog *self,
                             const char      *path)
{
  g_autoptr (GError) error = NULL;
  Job *job;

  g_return_if_fail (ANV_IS_IMPORT_DIALOG (self));
  g_return_if_fail (self->kind == ANV_IMPORT_DIALOG_EXPORT);
  g_return_if_fail (!self->running);
  g_return_if_fail (path != NULL);

  g_free (self->path);
  self->path = g_strdup (path);

  job = job_new (self);
  if (!read_export_options (self, job, &error))
    {
      /* The button is insensitive then; a caller that skipped it hears why. */
      gtk_label_set_text (self->month_message, error->message);
      gtk_widget_show (GTK_WIDGET (self->month_message));
      job_free (job);
      return;
    }

  start_job (self, job);
}
