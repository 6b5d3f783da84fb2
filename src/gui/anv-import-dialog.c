/* anv-import-dialog.c — importing a CSV file or the demo data, with progress
 *
 * An AnvWorkerDialog: the import runs in its worker thread. The core
 * reports progress and bad rows from that thread; the progress reaches the
 * bar through the base, the rows are handed over when the work is done.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "anvisa-import-dialog"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "anv-demo.h"
#include "anv-i18n.h"
#include "anv-import-dialog.h"
#include "anv-provider-import.h"
#include "anv-seeker-import.h"

typedef struct
{
  guint  line;
  char  *column;
  char  *message;
} RowError;

/* What the worker needs and gives back; it never touches a widget. */
typedef struct
{
  AnvImportDialogKind  kind;
  char                *path;
  GDate                today;
  AnvWorker           *worker;       /* set in the worker */

  /* Written by the worker, read in the main thread once it returned */
  AnvImportReport      report;
  GArray              *errors;       /* RowError: the first ANV_IMPORT_MAX_LISTED_ERRORS */
} Job;

struct _AnvImportDialog
{
  AnvWorkerDialog      parent_instance;

  /* Template widgets */
  GtkStack            *stack;
  GtkLabel            *progress_label;
  GtkProgressBar      *progress_bar;
  GtkImage            *result_image;
  GtkLabel            *result_label;
  GtkWidget           *errors_window;
  GtkTreeView         *errors_view;
  GtkListStore        *errors_store;
  GtkLabel            *more_errors_label;
  GtkWidget           *close_button;

  AnvImportDialogKind  kind;
  char                *path;
};

G_DEFINE_FINAL_TYPE (AnvImportDialog, anv_import_dialog, ANV_TYPE_WORKER_DIALOG)

enum
{
  PROP_0,
  PROP_KIND,
  PROP_PATH,
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

  g_free (job->path);
  g_clear_pointer (&job->errors, g_array_unref);
  g_free (job);
}

static Job *
job_new (AnvImportDialog *self)
{
  Job *job = g_new0 (Job, 1);

  job->kind = self->kind;
  job->path = g_strdup (self->path);
  anv_worker_dialog_get_today (ANV_WORKER_DIALOG (self), &job->today);
  job->errors = g_array_new (FALSE, FALSE, sizeof (RowError));
  g_array_set_clear_func (job->errors, clear_row_error);

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

/* In the worker */
static void
report_progress_cb (guint64  done,
                    guint64  total,
                    gpointer user_data)
{
  Job *job = user_data;

  anv_worker_report_progress (job->worker, done, total);
}

/* In the worker */
static gboolean
import_cb (AnvWorker     *worker,
           AnvDb         *db,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  Job *job = data;

  job->worker = worker;
  job->report.row_error = add_row_error_cb;
  job->report.progress = report_progress_cb;
  job->report.user_data = job;

  switch (job->kind)
    {
    case ANV_IMPORT_DIALOG_SEEKERS:
      return anv_seekers_import (db, job->path, &job->today, &job->report, error);

    case ANV_IMPORT_DIALOG_PROVIDERS:
      return anv_providers_import (db, job->path, &job->today, &job->report, error);

    case ANV_IMPORT_DIALOG_DEMO:
      return anv_demo_load (db, report_progress_cb, job, error);

    default:
      g_assert_not_reached ();
    }
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
    default:
      g_assert_not_reached ();
    }
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

    default:
      g_assert_not_reached ();
    }
}


/*
 * Callbacks
 */

static void
import_done_cb (AnvWorkerDialog *dialog,
                gpointer         data,
                const GError    *error)
{
  AnvImportDialog *self = ANV_IMPORT_DIALOG (dialog);
  Job *job = data;

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

  gtk_stack_set_visible_child_name (self->stack, "result");
  gtk_widget_set_sensitive (self->close_button, TRUE);
  gtk_widget_grab_focus (self->close_button);
}


/*
 * GObject overrides
 */

static void
anv_import_dialog_constructed (GObject *object)
{
  AnvImportDialog *self = ANV_IMPORT_DIALOG (object);
  g_autofree char *text = NULL;

  G_OBJECT_CLASS (anv_import_dialog_parent_class)->constructed (object);

  gtk_window_set_title (GTK_WINDOW (self), get_title (self->kind));

  text = describe_work (self);
  gtk_label_set_text (self->progress_label, text);
  gtk_stack_set_visible_child_name (self->stack, "progress");
  gtk_widget_set_sensitive (self->close_button, FALSE);

  anv_worker_dialog_run (ANV_WORKER_DIALOG (self), import_cb, job_new (self), job_free, NULL,
                         import_done_cb);
}

static void
anv_import_dialog_finalize (GObject *object)
{
  AnvImportDialog *self = ANV_IMPORT_DIALOG (object);

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
    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;

    case PROP_PATH:
      g_value_set_string (value, self->path);
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
    case PROP_KIND:
      self->kind = g_value_get_int (value);
      break;

    case PROP_PATH:
      g_free (self->path);
      self->path = g_value_dup_string (value);
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
  object_class->finalize = anv_import_dialog_finalize;
  object_class->get_property = anv_import_dialog_get_property;
  object_class->set_property = anv_import_dialog_set_property;

  /**
   * AnvImportDialog:kind:
   *
   * An #AnvImportDialogKind: what the dialog imports.
   */
  properties[PROP_KIND] = g_param_spec_int ("kind",
                                            "Kind",
                                            "What the dialog imports",
                                            ANV_IMPORT_DIALOG_SEEKERS,
                                            ANV_IMPORT_DIALOG_DEMO,
                                            ANV_IMPORT_DIALOG_SEEKERS,
                                            G_PARAM_READWRITE |
                                            G_PARAM_CONSTRUCT_ONLY |
                                            G_PARAM_EXPLICIT_NOTIFY |
                                            G_PARAM_STATIC_STRINGS);

  /**
   * AnvImportDialog:path:
   *
   * The file to import; %NULL for the demo data.
   */
  properties[PROP_PATH] = g_param_spec_string ("path",
                                               "Path",
                                               "The file to import",
                                               NULL,
                                               G_PARAM_READWRITE |
                                               G_PARAM_CONSTRUCT_ONLY |
                                               G_PARAM_EXPLICIT_NOTIFY |
                                               G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/anv-import-dialog.ui");

  gtk_widget_class_bind_template_child (widget_class, AnvImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, AnvImportDialog, progress_label);
  gtk_widget_class_bind_template_child (widget_class, AnvImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, AnvImportDialog, result_image);
  gtk_widget_class_bind_template_child (widget_class, AnvImportDialog, result_label);
  gtk_widget_class_bind_template_child (widget_class, AnvImportDialog, errors_window);
  gtk_widget_class_bind_template_child (widget_class, AnvImportDialog, errors_view);
  gtk_widget_class_bind_template_child (widget_class, AnvImportDialog, errors_store);
  gtk_widget_class_bind_template_child (widget_class, AnvImportDialog, more_errors_label);
  gtk_widget_class_bind_template_child (widget_class, AnvImportDialog, close_button);
}

static void
anv_import_dialog_init (AnvImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  anv_worker_dialog_set_progress_bar (ANV_WORKER_DIALOG (self), self->progress_bar);
}

/**
 * anv_import_dialog_new:
 * @parent: (nullable): the window the dialog belongs to
 * @context: the window's context: its database and today
 * @kind: what to import
 * @path: (nullable): the CSV file to import; %NULL for the demo data
 *
 * Returns: (transfer none): a new dialog, its work started
 */
GtkWidget *
anv_import_dialog_new (GtkWindow           *parent,
                       AnvContext          *context,
                       AnvImportDialogKind  kind,
                       const char          *path)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ANV_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (kind == ANV_IMPORT_DIALOG_DEMO || path != NULL, NULL);

  return g_object_new (ANV_TYPE_IMPORT_DIALOG,
                       "transient-for", parent,
                       "context", context,
                       "kind", kind,
                       "path", path,
                       NULL);
}

gboolean
anv_import_dialog_get_running (AnvImportDialog *self)
{
  g_return_val_if_fail (ANV_IS_IMPORT_DIALOG (self), FALSE);

  return anv_worker_dialog_get_running (ANV_WORKER_DIALOG (self));
}

gboolean
anv_import_dialog_get_succeeded (AnvImportDialog *self)
{
  g_return_val_if_fail (ANV_IS_IMPORT_DIALOG (self), FALSE);

  return anv_worker_dialog_get_succeeded (ANV_WORKER_DIALOG (self));
}
