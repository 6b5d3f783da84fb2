/* anv-export-dialog.c — writing a CSV export, with progress
 *
 * An AnvWorkerDialog. The export of the main menu first asks what to
 * write (the summary of a period, the referrals or the job seekers), then
 * where; the summary page's export knows both and starts at once. The
 * file is written in the worker thread by anv_export_write_counted(),
 * which checks the place (anv_output_check()), writes through a temporary
 * file and records the export in the audit log.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "anvisa-export-dialog"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "anv-date.h"
#include "anv-export.h"
#include "anv-export-dialog.h"
#include "anv-publish.h"
#include "anv-i18n.h"

/* What the worker needs and gives back; it never touches a widget. */
typedef struct
{
  char             *path;
  AnvExportOptions  options;
  AnvSummaryQuery   query;
  char              from_month[8];
  char              to_month[8];
  char             *county_code;
  AnvExportCounts   counts;        /* written by the worker */
} Job;

struct _AnvExportDialog
{
  AnvWorkerDialog       parent_instance;

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
  GtkWidget            *cancel_button;
  GtkWidget            *export_button;
  GtkWidget            *close_button;

  GtkToggleButton      *publish_check;   /* the summary for publishing */
  GtkSpinButton        *threshold_spin;

  AnvCsvProfile         profile;
  Job                  *summary;    /* the summary page's query, or NULL: chosen here */

  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (AnvExportDialog, anv_export_dialog, ANV_TYPE_WORKER_DIALOG)

enum
{
  PROP_0,
  PROP_PROFILE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS] = { NULL, };


/*
 * The job
 */

static void
job_free (gpointer data)
{
  Job *job = data;

  g_free (job->path);
  g_free (job->county_code);
  g_free (job);
}

/* Points the job's options at its own copy of @query. */
static void
job_set_summary (Job                   *job,
                 const AnvSummaryQuery *query)
{
  g_strlcpy (job->from_month, query->from_month, sizeof job->from_month);
  g_strlcpy (job->to_month, query->to_month, sizeof job->to_month);
  g_free (job->county_code);
  job->county_code = g_strdup (query->county_code);
  job->query.from_month = job->from_month;
  job->query.to_month = job->to_month;
  job->query.service = query->service;
  job->query.county_code = job->county_code;
  job->query.by = query->by;
  job->options.kind = ANV_EXPORT_SUMMARY;
  job->options.summary = &job->query;
}

/* In the worker */
static gboolean
export_cb (AnvWorker     *worker,
           AnvDb         *db,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  Job *job = data;

  return anv_export_write_counted (db, &job->options, job->path, &job->counts, error);
}


/*
 * Auxiliary methods
 */

static void
show_page (AnvExportDialog *self,
           const char      *page)
{
  gboolean setup = g_strcmp0 (page, "export") == 0;

  gtk_widget_set_visible (self->cancel_button, setup);
  gtk_widget_set_visible (self->export_button, setup);
  gtk_widget_set_visible (self->close_button, !setup);
  gtk_widget_set_sensitive (self->close_button, g_strcmp0 (page, "result") == 0);
  gtk_stack_set_visible_child_name (self->stack, page);
}

static char *
describe_success (AnvExportDialog *self,
                  Job             *job)
{
  g_autofree char *name = g_filename_display_basename (job->path);
  g_autofree char *n = anv_format_count (job->counts.rows);
  g_autoptr (GString) text = g_string_new (NULL);

  g_string_append_printf (text,
                          g_dngettext (GETTEXT_PACKAGE,
                                       /* Translators: %1$s is a number, %2$s a file */
                                       "Wrote %1$s row to %2$s.",
                                       "Wrote %1$s rows to %2$s.",
                                       (gulong) MIN (job->counts.rows, G_MAXULONG)),
                          n, name);
  if (job->counts.protected_left_out > 0 && job->options.kind == ANV_EXPORT_REFERRALS)
    {
      g_autofree char *left_out = anv_format_count (job->counts.protected_left_out);

      /* The summary counts them: say why the referrals' totals differ from it */
      g_string_append_c (text, ' ');
      g_string_append_printf (text,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%s referral of a person with protected identity "
                                           "was left out; the summary counts it, so its "
                                           "totals are higher.",
                                           "%s referrals of people with protected identity "
                                           "were left out; the summary counts them, so its "
                                           "totals are higher.",
                                           (gulong) MIN (job->counts.protected_left_out,
                                                         G_MAXULONG)),
                              left_out);
    }
  else if (job->counts.protected_left_out > 0)
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

static gboolean
read_export_options (AnvExportDialog *self,
                     Job             *job,
                     GError         **error)
{
  const char *from = gtk_entry_get_text (self->from_entry);
  const char *to = gtk_entry_get_text (self->to_entry);
  const char *service = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->service_combo));

  job->options.profile = self->profile;

  if (self->summary != NULL)
    {
      job_set_summary (job, &self->summary->query);
      return TRUE;
    }

  if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->summary_radio)))
    {
      AnvSummaryQuery query = { from, to, ANV_SERVICE_NONE, NULL };

      if (!anv_summary_check_period (from, to, error))
        return FALSE;
      if (service != NULL && strcmp (service, "both") != 0
          && !anv_service_parse (service, &query.service, error))
        return FALSE;

      job_set_summary (job, &query);
      job->options.publish_threshold = gtk_toggle_button_get_active (self->publish_check)
        ? (guint) gtk_spin_button_get_value_as_int (self->threshold_spin) : 0;
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
suggest_export_name (AnvExportDialog *self)
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

  anv_worker_dialog_get_today (ANV_WORKER_DIALOG (self), &date);
  anv_date_format (&date, today);
  if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->referrals_radio)))
    /* Translators: a file name; %s is today's date, YYYY-MM-DD */
    return g_strdup_printf (_("anvisa-referrals-%s.csv"), today);

  /* Translators: a file name; %s is today's date, YYYY-MM-DD */
  return g_strdup_printf (_("anvisa-job-seekers-%s.csv"), today);
}

static void
setup_export (AnvExportDialog *self)
{
  char month[8];
  GDate today;

  anv_worker_dialog_get_today (ANV_WORKER_DIALOG (self), &today);
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

  show_page (self, "export");
  gtk_widget_grab_default (self->export_button);
}


/*
 * Callbacks
 */

static void
export_done_cb (AnvWorkerDialog *dialog,
                gpointer         data,
                const GError    *error)
{
  AnvExportDialog *self = ANV_EXPORT_DIALOG (dialog);
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
    }

  show_page (self, "result");
  gtk_widget_grab_focus (self->close_button);
}

static void
export_changed_cb (AnvExportDialog *self)
{
  g_autoptr (GError) error = NULL;
  gboolean summary;
  gboolean valid = TRUE;
  Job job = { 0 };

  summary = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->summary_radio));
  if (summary)
    valid = read_export_options (self, &job, &error);
  g_free (job.county_code);

  gtk_label_set_text (self->month_message, error != NULL ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->month_message), error != NULL);
  gtk_widget_set_sensitive (self->export_button, valid);
}

static void
export_kind_toggled_cb (AnvExportDialog *self)
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
                     AnvExportDialog *self)
{
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    path = gtk_file_chooser_get_filename (GTK_FILE_CHOOSER (chooser));

  /* It may still be handling the key that answered it. */
  g_idle_add_once (g_object_unref, g_steal_pointer (&self->chooser));

  if (path != NULL)
    anv_export_dialog_export_to (self, path);
}

static void
choose_export_file (AnvExportDialog *self)
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


/*
 * AnvWorkerDialog overrides
 */

static void
anv_export_dialog_respond (AnvWorkerDialog *dialog,
                           int              response)
{
  AnvExportDialog *self = ANV_EXPORT_DIALOG (dialog);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      choose_export_file (self);
      return;
    }

  gtk_widget_destroy (GTK_WIDGET (self));
}


/*
 * GObject overrides
 */

static void
threshold_changed_cb (AnvExportDialog *self)
{
  g_autoptr (AnvContext) context = NULL;
  GSettings *settings;

  g_object_get (self, "context", &context, NULL);
  settings = context ? anv_context_get_settings (context) : NULL;
  if (settings != NULL)
    g_settings_set_int (settings, "publish-threshold",
                        gtk_spin_button_get_value_as_int (self->threshold_spin));
}

static void
publish_toggled_cb (AnvExportDialog *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->threshold_spin),
                            gtk_toggle_button_get_active (self->publish_check));
}

/* "For publishing", with its threshold (remembered in the settings),
 * under the summary's months */
static void
add_publish_option (AnvExportDialog *self)
{
  g_autoptr (AnvContext) context = NULL;
  GSettings *settings;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label;
  int threshold = ANV_PUBLISH_DEFAULT_THRESHOLD;

  g_object_get (self, "context", &context, NULL);
  settings = context ? anv_context_get_settings (context) : NULL;
  if (settings != NULL)
    threshold = g_settings_get_int (settings, "publish-threshold");

  self->publish_check = GTK_TOGGLE_BUTTON (gtk_check_button_new_with_mnemonic (
    _("For _publishing: closed months as published, small counts by sex shown as “..” "
      "below")));
  gtk_buildable_set_name (GTK_BUILDABLE (self->publish_check), "publish_check");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->publish_check),
                               _("As official statistics do: in each municipality’s line, "
                                 "counts by sex from 1 to the threshold minus one are "
                                 "suppressed; the totals are shown. The file says so."));
  self->threshold_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (
    1, ANV_PUBLISH_MAX_THRESHOLD, 1));
  gtk_buildable_set_name (GTK_BUILDABLE (self->threshold_spin), "threshold_spin");
  gtk_spin_button_set_value (self->threshold_spin, CLAMP (threshold, 1,
                                                          ANV_PUBLISH_MAX_THRESHOLD));
  gtk_widget_set_sensitive (GTK_WIDGET (self->threshold_spin), FALSE);
  label = gtk_label_new (_("Threshold"));
  atk_object_set_name (gtk_widget_get_accessible (GTK_WIDGET (self->threshold_spin)),
                       _("Threshold"));
  gtk_container_add (GTK_CONTAINER (box), GTK_WIDGET (self->publish_check));
  gtk_container_add (GTK_CONTAINER (box), label);
  gtk_container_add (GTK_CONTAINER (box), GTK_WIDGET (self->threshold_spin));
  gtk_widget_show_all (box);
  gtk_grid_attach (GTK_GRID (self->summary_grid), box, 0, 3, 4, 1);

  g_signal_connect_swapped (self->publish_check, "toggled", G_CALLBACK (publish_toggled_cb),
                            self);
  g_signal_connect_swapped (self->threshold_spin, "value-changed",
                            G_CALLBACK (threshold_changed_cb), self);
}

static void
anv_export_dialog_constructed (GObject *object)
{
  AnvExportDialog *self = ANV_EXPORT_DIALOG (object);

  G_OBJECT_CLASS (anv_export_dialog_parent_class)->constructed (object);
  add_publish_option (self);

  gtk_window_set_title (GTK_WINDOW (self), _("Export"));
  setup_export (self);
}

static void
anv_export_dialog_dispose (GObject *object)
{
  AnvExportDialog *self = ANV_EXPORT_DIALOG (object);

  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }

  G_OBJECT_CLASS (anv_export_dialog_parent_class)->dispose (object);
}

static void
anv_export_dialog_finalize (GObject *object)
{
  AnvExportDialog *self = ANV_EXPORT_DIALOG (object);

  g_clear_pointer (&self->summary, job_free);

  G_OBJECT_CLASS (anv_export_dialog_parent_class)->finalize (object);
}

static void
anv_export_dialog_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AnvExportDialog *self = ANV_EXPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      g_value_set_int (value, self->profile);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
anv_export_dialog_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  AnvExportDialog *self = ANV_EXPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      self->profile = g_value_get_int (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
anv_export_dialog_class_init (AnvExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  AnvWorkerDialogClass *worker_class = ANV_WORKER_DIALOG_CLASS (klass);

  object_class->constructed = anv_export_dialog_constructed;
  object_class->dispose = anv_export_dialog_dispose;
  object_class->finalize = anv_export_dialog_finalize;
  object_class->get_property = anv_export_dialog_get_property;
  object_class->set_property = anv_export_dialog_set_property;

  worker_class->respond = anv_export_dialog_respond;

  /**
   * AnvExportDialog:profile:
   *
   * The #AnvCsvProfile the export is written in.
   */
  properties[PROP_PROFILE] = g_param_spec_int ("profile",
                                               "Profile",
                                               "The CSV profile of the export",
                                               ANV_CSV_PROFILE_EXCEL_SV,
                                               ANV_CSV_PROFILE_RFC4180,
                                               ANV_CSV_PROFILE_EXCEL_SV,
                                               G_PARAM_READWRITE |
                                               G_PARAM_CONSTRUCT_ONLY |
                                               G_PARAM_EXPLICIT_NOTIFY |
                                               G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/anv-export-dialog.ui");

  gtk_widget_class_bind_template_child (widget_class, AnvExportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, AnvExportDialog, summary_radio);
  gtk_widget_class_bind_template_child (widget_class, AnvExportDialog, referrals_radio);
  gtk_widget_class_bind_template_child (widget_class, AnvExportDialog, seekers_radio);
  gtk_widget_class_bind_template_child (widget_class, AnvExportDialog, summary_grid);
  gtk_widget_class_bind_template_child (widget_class, AnvExportDialog, from_entry);
  gtk_widget_class_bind_template_child (widget_class, AnvExportDialog, to_entry);
  gtk_widget_class_bind_template_child (widget_class, AnvExportDialog, service_combo);
  gtk_widget_class_bind_template_child (widget_class, AnvExportDialog, month_message);
  gtk_widget_class_bind_template_child (widget_class, AnvExportDialog, full_check);
  gtk_widget_class_bind_template_child (widget_class, AnvExportDialog, warning_box);
  gtk_widget_class_bind_template_child (widget_class, AnvExportDialog, warning_label);
  gtk_widget_class_bind_template_child (widget_class, AnvExportDialog, profile_label);
  gtk_widget_class_bind_template_child (widget_class, AnvExportDialog, progress_label);
  gtk_widget_class_bind_template_child (widget_class, AnvExportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, AnvExportDialog, result_image);
  gtk_widget_class_bind_template_child (widget_class, AnvExportDialog, result_label);
  gtk_widget_class_bind_template_child (widget_class, AnvExportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, AnvExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, AnvExportDialog, close_button);

  gtk_widget_class_bind_template_callback (widget_class, export_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, export_kind_toggled_cb);
}

static void
anv_export_dialog_init (AnvExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  anv_worker_dialog_set_progress_bar (ANV_WORKER_DIALOG (self), self->progress_bar);
}

/**
 * anv_export_dialog_new:
 * @parent: (nullable): the window the dialog belongs to
 * @context: the window's context: its database and today
 * @profile: the CSV profile to write in
 *
 * Returns: (transfer none): a new dialog that asks what to export
 */
GtkWidget *
anv_export_dialog_new (GtkWindow     *parent,
                       AnvContext    *context,
                       AnvCsvProfile  profile)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ANV_IS_CONTEXT (context), NULL);

  return g_object_new (ANV_TYPE_EXPORT_DIALOG,
                       "transient-for", parent,
                       "context", context,
                       "profile", profile,
                       NULL);
}

/**
 * anv_export_dialog_new_summary:
 * @parent: (nullable): the window the dialog belongs to
 * @context: the window's context: the database, the CSV profile
 * @query: the summary to write; copied
 * @path: the file to write
 *
 * Returns: (transfer none): a new dialog, writing
 */
GtkWidget *
anv_export_dialog_new_summary (GtkWindow             *parent,
                               AnvContext            *context,
                               const AnvSummaryQuery *query,
                               const char            *path)
{
  AnvExportDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ANV_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (ANV_TYPE_EXPORT_DIALOG,
                       "transient-for", parent,
                       "context", context,
                       "profile", anv_context_get_csv_profile (context),
                       NULL);
  gtk_window_set_title (GTK_WINDOW (self), _("Export Summary"));
  self->summary = g_new0 (Job, 1);
  job_set_summary (self->summary, query);
  anv_export_dialog_export_to (self, path);

  return GTK_WIDGET (self);
}

/**
 * anv_export_dialog_export_to:
 * @self: an export dialog, not yet running
 * @path: the file to write
 *
 * Writes the export chosen in the dialog to @path.
 */
void
anv_export_dialog_export_to (AnvExportDialog *self,
                             const char      *path)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  Job *job;

  g_return_if_fail (ANV_IS_EXPORT_DIALOG (self));
  g_return_if_fail (!anv_worker_dialog_get_running (ANV_WORKER_DIALOG (self)));
  g_return_if_fail (path != NULL);

  job = g_new0 (Job, 1);
  job->path = g_strdup (path);
  if (!read_export_options (self, job, &error))
    {
      /* The button is insensitive then; a caller that skipped it hears why. */
      gtk_label_set_text (self->month_message, error->message);
      gtk_widget_show (GTK_WIDGET (self->month_message));
      job_free (job);
      return;
    }

  name = g_filename_display_basename (path);
  /* Translators: %s is the name of a file */
  text = g_strdup_printf (_("Writing %s…"), name);
  gtk_label_set_text (self->progress_label, text);
  show_page (self, "progress");

  anv_worker_dialog_run (ANV_WORKER_DIALOG (self), export_cb, job, job_free, NULL,
                         export_done_cb);
}

gboolean
anv_export_dialog_get_running (AnvExportDialog *self)
{
  g_return_val_if_fail (ANV_IS_EXPORT_DIALOG (self), FALSE);

  return anv_worker_dialog_get_running (ANV_WORKER_DIALOG (self));
}

gboolean
anv_export_dialog_get_succeeded (AnvExportDialog *self)
{
  g_return_val_if_fail (ANV_IS_EXPORT_DIALOG (self), FALSE);

  return anv_worker_dialog_get_succeeded (ANV_WORKER_DIALOG (self));
}
