/* anv-summary-page.c — the supervisor's live summary per municipality and month
 *
 * The page reads the kept summary (anv_summary_read) for the period,
 * service and county chosen, and shows it twice: a chart per month and a
 * table, one row per municipality for one month, or one row per month for
 * one municipality, county or the whole country; the rows themselves are
 * AnvSummaryModel's. It reads again when the database changes
 * (AnvContext::changed: a save in this window, or the window's poll
 * seeing another process's commit), and only then.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "anvisa-summary-page"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "anv-date.h"
#include "anv-dialog.h"
#include "anv-export-dialog.h"
#include "anv-file-chooser.h"
#include "anv-municipalities.h"
#include "anv-publish-bar.h"
#include "anv-summary-chart.h"
#include "anv-summary-filter.h"
#include "anv-summary-model.h"
#include "anv-summary-table.h"
#include "anv-summary-page.h"

struct _AnvSummaryPage
{
  GtkBox                parent_instance;

  /* Template widgets */
  GtkInfoBar           *message_bar;
  GtkLabel             *message_label;
  AnvSummaryFilter     *filter_box;
  GtkLabel             *chart_heading;
  AnvSummaryChart      *chart;
  GtkButton            *previous_button;
  GtkButton            *next_button;
  GtkLabel             *month_label;
  GtkLabel             *subject_label;
  GtkComboBoxText      *breakdown_combo;
  GtkToggleButton      *per_month_button;
  AnvSummaryTable      *table;
  AnvPublishBar        *publish_bar;         /* the month shown: published? close it */

  AnvSummaryModel      *store;               /* the table's */

  AnvContext           *context;
  AnvDb                *db;                  /* the context's */
  GtkFileChooserNative *chooser;             /* while the person chooses a file */

  /* What is shown */
  char                  from[8];             /* YYYY-MM */
  char                  to[8];
  char                  month[8];            /* the month of the table */
  AnvService            service;             /* ANV_SERVICE_NONE: both */
  char                 *county_code;         /* NULL: the whole country */
  AnvSummaryDimension   by;                  /* the table's rows: municipalities or parts */
  gboolean              per_month;           /* the table: months of the subject */
  AnvSummaryLevel       subject_level;
  char                  subject_code[5];

  gboolean              read_failed;
  gboolean              has_data;            /* a referral was decided, started or ended */
  gboolean              dirty;               /* changed while not shown */
  guint                 updating;            /* the page sets its own widgets */
};

G_DEFINE_FINAL_TYPE (AnvSummaryPage, anv_summary_page, GTK_TYPE_BOX)

enum
{
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS] = { NULL, };

static void export_activated_cb (GSimpleAction *action,
                                 GVariant      *parameter,
                                 gpointer       user_data);

static const GActionEntry action_entries[] = {
  { "export", export_activated_cb, NULL, NULL, NULL },
};


/*
 * Auxiliary methods
 */

static void
show_message (AnvSummaryPage *self,
              GtkMessageType  type,
              const char     *text)
{
  gtk_label_set_text (self->message_label, text);
  gtk_info_bar_set_message_type (self->message_bar, type);
  gtk_widget_show (GTK_WIDGET (self->message_bar));
}

/* The municipalities and counties by name, and the period and county
 * filters. */
static void
load_places (AnvSummaryPage *self,
             int             last_year)
{
  g_autoptr (GPtrArray) municipalities = NULL;
  g_autoptr (GError) error = NULL;

  municipalities = anv_municipalities_list (self->db, &error);
  if (municipalities == NULL)
    {
      show_message (self, GTK_MESSAGE_ERROR, error->message);
      municipalities = g_ptr_array_new ();
    }
  anv_summary_model_set_municipalities (self->store, municipalities);
  anv_summary_filter_fill (self->filter_box, last_year,
                           anv_summary_model_get_counties (self->store));
}

/* Whose months the chart shows: the subject of the table's months, or the
 * total of the filter. */
static void
get_chart_subject (AnvSummaryPage   *self,
                   AnvSummaryLevel  *level,
                   const char      **code)
{
  if (self->per_month)
    {
      *level = self->subject_level;
      *code = self->subject_code;
    }
  else if (self->county_code != NULL)
    {
      *level = ANV_SUMMARY_COUNTY;
      *code = self->county_code;
    }
  else
    {
      *level = ANV_SUMMARY_NATIONAL;
      *code = "";
    }
}

static void
update_table (AnvSummaryPage *self)
{
  /* The subject is not in the new filter (another county): back to the
   * municipalities. */
  if (self->per_month
      && !anv_summary_model_has_rows_of (self->store, self->subject_level, self->subject_code))
    self->per_month = FALSE;

  anv_summary_table_fill (self->table, self->per_month, self->month, self->subject_level,
                          self->subject_code);
}

static void
update_chart (AnvSummaryPage *self)
{
  g_autoptr (GArray) rows = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *heading = NULL;
  AnvSummaryLevel level;
  const char *code;
  const char *name;

  get_chart_subject (self, &level, &code);
  name = anv_summary_model_get_place_name (self->store, level, code);
  rows = anv_summary_model_get_rows_of (self->store, level, code);

  anv_summary_chart_set_rows (self->chart, (const AnvSummaryRow *) rows->data, rows->len, name);
  anv_summary_chart_set_month (self->chart, self->per_month ? NULL : self->month);

  from = anv_date_format_month (self->from, FALSE);
  to = anv_date_format_month (self->to, FALSE);
  /* Translators: the heading of the summary chart: %1$s is a municipality, a county or
   * the whole country, %2$s and %3$s months (“maj 2019 – april 2020”) */
  heading = g_strdup_printf (_("%1$s, %2$s – %3$s"), name, from, to);
  gtk_label_set_text (self->chart_heading, heading);
}

static void
update_labels (AnvSummaryPage *self)
{
  g_autofree char *month = anv_date_format_month (self->month, FALSE);
  g_autofree char *subject = NULL;
  AnvSummaryLevel level;
  const char *code;
  const char *name;

  gtk_label_set_text (self->month_label, month);
  gtk_widget_set_sensitive (GTK_WIDGET (self->month_label), !self->per_month);
  if (self->publish_bar != NULL)
    anv_publish_bar_set_month (self->publish_bar, self->month);
  gtk_widget_set_sensitive (GTK_WIDGET (self->previous_button),
                            !self->per_month && strcmp (self->month, self->from) > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button),
                            !self->per_month && strcmp (self->month, self->to) < 0);

  get_chart_subject (self, &level, &code);
  name = anv_summary_model_get_place_name (self->store, level, code);

  if (self->per_month)
    {
      /* Translators: what the summary table shows: %s is a municipality, a county or
       * the whole country */
      subject = g_strdup_printf (_("%s, month by month"), name);
    }
  else
    {
      guint decided, active;

      anv_summary_model_count (self->store, level, code, self->month, &decided, &active);
      subject = anv_summary_chart_format_decided_active (name, decided, active);
    }
  gtk_label_set_text (self->subject_label, subject);

  self->updating++;
  gtk_toggle_button_set_active (self->per_month_button, self->per_month);
  self->updating--;
}

static void
update_view (AnvSummaryPage *self)
{
  update_table (self);
  update_chart (self);
  update_labels (self);
}

/* A breakdown's rows for the model: each part as a row of the
 * municipalities' level, coded by its place in @parts ("0", "1", …, its
 * label in @names), then the total of what they break down: the
 * country's rows of @rows, or the county's (@county). */
static GArray *
join_parts (GArray     *rows,
            GArray     *parts,
            const char *county,
            GHashTable *names)
{
  g_autoptr (GHashTable) codes = g_hash_table_new (g_str_hash, g_str_equal);
  GArray *joined = g_array_new (FALSE, FALSE, sizeof (AnvSummaryRow));

  for (guint i = 0; i < parts->len; i++)
    {
      const AnvSummaryPart *part = &g_array_index (parts, AnvSummaryPart, i);
      AnvSummaryRow row = part->counts;
      const char *code = g_hash_table_lookup (codes, part->part);

      if (code == NULL && g_hash_table_size (codes) < 10000)
        {
          char *text = g_strdup_printf ("%u", g_hash_table_size (codes));

          g_hash_table_insert (names, text, g_strdup (part->label));
          g_hash_table_insert (codes, part->part, text);
          code = text;
        }
      if (code == NULL)
        continue;
      row.level = ANV_SUMMARY_MUNICIPALITY;
      g_strlcpy (row.code, code, sizeof row.code);
      g_array_append_val (joined, row);
    }
  for (guint i = 0; i < rows->len; i++)
    {
      const AnvSummaryRow *row = &g_array_index (rows, AnvSummaryRow, i);

      if (row->level == (county != NULL ? ANV_SUMMARY_COUNTY : ANV_SUMMARY_NATIONAL))
        g_array_append_vals (joined, row, 1);
    }
  return joined;
}

static void
reload (AnvSummaryPage *self)
{
  g_autoptr (GError) error = NULL;
  AnvSummaryQuery query = { self->from, self->to, self->service, self->county_code, self->by };
  g_autoptr (GHashTable) names = NULL;
  GArray *rows;

  self->dirty = FALSE;

  rows = anv_summary_read (self->db, &query, &error);
  if (rows != NULL && self->by != ANV_SUMMARY_BY_MUNICIPALITY)
    {
      g_autoptr (GArray) parts = anv_summary_read_parts (self->db, &query, &error);

      GArray *totals = rows;

      names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      rows = parts != NULL ? join_parts (totals, parts, self->county_code, names) : NULL;
      g_array_unref (totals);
    }
  if (rows == NULL)
    {
      g_autofree char *message = NULL;

      /* Translators: %s says what went wrong */
      message = g_strdup_printf (_("The summary could not be read. %s"), error->message);
      show_message (self, GTK_MESSAGE_ERROR, message);
      self->read_failed = TRUE;
      return;
    }

  if (self->read_failed)
    {
      gtk_widget_hide (GTK_WIDGET (self->message_bar));
      self->read_failed = FALSE;
    }

  anv_summary_model_set_breakdown (self->store, self->by, names);
  anv_summary_model_set_rows (self->store, rows);
  g_array_unref (rows);

  update_view (self);
}

/* Sets the period and its controls, without reading it. */
static void
put_period (AnvSummaryPage *self,
            const char     *from,
            const char     *to)
{
  g_strlcpy (self->from, from, sizeof self->from);
  g_strlcpy (self->to, to, sizeof self->to);
  anv_summary_filter_set_period (self->filter_box, from, to);

  if (strcmp (self->month, from) < 0 || strcmp (self->month, to) > 0)
    g_strlcpy (self->month, to, sizeof self->month);
}

static void
set_period (AnvSummaryPage *self,
            const char     *from,
            const char     *to)
{
  put_period (self, from, to);
  reload (self);
}

/* The period to open on; whether the database has data. */
static gboolean
choose_period (AnvSummaryPage *self,
               char            from[8],
               char            to[8])
{
  GDate today;

  anv_context_get_today (self->context, &today);
  return anv_summary_model_choose_period (self->db, &today, from, to);
}

static void
show_months_of (AnvSummaryPage  *self,
                AnvSummaryLevel  level,
                const char      *code)
{
  self->subject_level = level;
  g_strlcpy (self->subject_code, code, sizeof self->subject_code);
  self->per_month = TRUE;
  update_view (self);
}

static void
show_municipalities (AnvSummaryPage *self)
{
  g_autofree char *key = anv_summary_model_make_key (self->subject_level, self->subject_code);

  self->per_month = FALSE;
  update_view (self);
  anv_summary_table_select_key (self->table, key, TRUE);
}

static void
step_month (AnvSummaryPage *self,
            int             delta)
{
  char month[8];

  anv_summary_model_add_months (self->month, delta, month);
  if (strcmp (month, self->from) < 0 || strcmp (month, self->to) > 0)
    return;

  g_strlcpy (self->month, month, sizeof self->month);
  update_view (self);
}

static char *
suggest_file_name (AnvSummaryPage *self)
{
  AnvSummaryQuery query;
  /* Translators: the start of the suggested name of an exported summary; a file name:
   * no spaces, best only a–z */
  const char *base = C_("file name", "summary");

  anv_summary_page_get_query (self, &query);
  if (strcmp (query.from_month, query.to_month) == 0)
    return g_strdup_printf ("%s-%s.csv", base, query.from_month);

  return g_strdup_printf ("%s-%s--%s.csv", base, query.from_month, query.to_month);
}


/*
 * Callbacks
 */

static void
message_bar_response_cb (GtkInfoBar     *info_bar,
                         int             response,
                         AnvSummaryPage *self)
{
  gtk_widget_hide (GTK_WIDGET (info_bar));
}

static void
period_changed_cb (AnvSummaryPage   *self,
                   const char       *from,
                   const char       *to,
                   AnvSummaryFilter *filter)
{
  set_period (self, from, to);
}

static void
filter_changed_cb (AnvSummaryPage   *self,
                   AnvSummaryFilter *filter)
{
  self->service = anv_summary_filter_get_service (filter);
  g_free (self->county_code);
  self->county_code = anv_summary_filter_dup_county (filter);

  reload (self);
}

static void
previous_clicked_cb (AnvSummaryPage *self,
                     GtkButton      *button)
{
  step_month (self, -1);
}

static void
next_clicked_cb (AnvSummaryPage *self,
                 GtkButton      *button)
{
  step_month (self, 1);
}

static void
per_month_toggled_cb (AnvSummaryPage  *self,
                      GtkToggleButton *button)
{
  g_autofree char *key = NULL;
  AnvSummaryLevel level;
  char code[5];

  if (self->updating > 0)
    return;

  if (!gtk_toggle_button_get_active (button))
    {
      show_municipalities (self);
      return;
    }

  /* The selected row's months, or those of the total */
  key = anv_summary_table_dup_selected_key (self->table);
  if (!anv_summary_model_parse_key (key, &level, code))
    {
      const char *total_code;

      get_chart_subject (self, &level, &total_code);
      g_strlcpy (code, total_code, sizeof code);
    }

  show_months_of (self, level, code);
}

static void
breakdown_changed_cb (AnvSummaryPage  *self,
                      GtkComboBox     *combo)
{
  AnvSummaryDimension by = ANV_SUMMARY_BY_MUNICIPALITY;

  if (self->updating > 0
      || !anv_summary_dimension_parse (gtk_combo_box_get_active_id (combo), &by, NULL)
      || by == self->by)
    return;

  /* Another kind of rows: the months of a row shown before are no more */
  self->by = by;
  self->per_month = FALSE;
  self->subject_level = ANV_SUMMARY_NATIONAL;
  self->subject_code[0] = '\0';
  reload (self);
}

static void
key_activated_cb (AnvSummaryPage  *self,
                  const char      *key,
                  AnvSummaryTable *table)
{
  AnvSummaryLevel level;
  char code[5];

  if (self->per_month)
    {
      /* A month: every municipality in that month */
      g_strlcpy (self->month, key, sizeof self->month);
      show_municipalities (self);
    }
  else if (anv_summary_model_parse_key (key, &level, code))
    {
      show_months_of (self, level, code);
    }
}

static void
chart_month_activated_cb (AnvSummaryPage  *self,
                          const char      *month,
                          AnvSummaryChart *chart)
{
  if (self->per_month)
    {
      anv_summary_table_select_key (self->table, month, TRUE);
      return;
    }

  g_strlcpy (self->month, month, sizeof self->month);
  update_view (self);
}

static void
context_changed_cb (AnvSummaryPage *self)
{
  char from[8], to[8];

  /* The first data in an empty database: its months, not a year of zeros */
  if (!self->has_data && choose_period (self, from, to))
    {
      self->has_data = TRUE;
      g_strlcpy (self->month, to, sizeof self->month);
      put_period (self, from, to);
    }

  /* Read when shown: a page in the background waits until it is. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->dirty = TRUE;
      return;
    }

  reload (self);
}

static void
chooser_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     AnvSummaryPage  *self)
{
  g_autofree char *path = NULL;

  path = anv_file_chooser_take_file (&self->chooser, response);
  if (response == GTK_RESPONSE_ACCEPT && path == NULL)
    show_message (self, GTK_MESSAGE_ERROR,
                  _("The summary can only be exported to a folder on this computer or "
                    "a mounted network drive. Choose another folder."));

  if (path != NULL)
    gtk_window_present (GTK_WINDOW (anv_summary_page_export_to_path (self, path)));
}

static void
export_activated_cb (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  AnvSummaryPage *self = ANV_SUMMARY_PAGE (user_data);
  g_autofree char *name = NULL;

  if (self->chooser != NULL)
    return;

  name = suggest_file_name (self);
  self->chooser = anv_file_chooser_new_export (GTK_WIDGET (self), _("Export Summary"), name);
  anv_file_chooser_add_filter (self->chooser, _("CSV files"), "text/csv", "csv");

  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}


/*
 * GtkWidget overrides
 */

static void
anv_summary_page_map (GtkWidget *widget)
{
  AnvSummaryPage *self = ANV_SUMMARY_PAGE (widget);

  GTK_WIDGET_CLASS (anv_summary_page_parent_class)->map (widget);

  if (self->dirty)
    reload (self);
}


/*
 * GObject overrides
 */

static void
anv_summary_page_constructed (GObject *object)
{
  AnvSummaryPage *self = ANV_SUMMARY_PAGE (object);
  char from[8], to[8];
  GDate today;

  G_OBJECT_CLASS (anv_summary_page_parent_class)->constructed (object);

  g_assert (ANV_IS_CONTEXT (self->context));
  self->db = anv_context_get_db (self->context);

  /* This month and the eleven before it (or the year that ends with the
   * latest month with data), both services, the whole country */
  anv_context_get_today (self->context, &today);
  self->has_data = choose_period (self, from, to);
  g_strlcpy (self->month, to, sizeof self->month);

  load_places (self, MAX (g_date_get_year (&today), ANV_SUMMARY_MODEL_FIRST_YEAR));

  /* Beside the month's name */
  self->publish_bar = ANV_PUBLISH_BAR (anv_publish_bar_new (self->context));
  gtk_widget_show (GTK_WIDGET (self->publish_bar));
  gtk_container_add (GTK_CONTAINER (gtk_widget_get_parent (GTK_WIDGET (self->month_label))),
                     GTK_WIDGET (self->publish_bar));
  gtk_box_reorder_child (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->month_label))),
                         GTK_WIDGET (self->publish_bar), 2);

  g_signal_connect_object (self->context, "changed", G_CALLBACK (context_changed_cb), self,
                           G_CONNECT_SWAPPED);

  set_period (self, from, to);
}

static void
anv_summary_page_dispose (GObject *object)
{
  AnvSummaryPage *self = ANV_SUMMARY_PAGE (object);

  anv_file_chooser_close (&self->chooser, self);

  self->db = NULL;
  g_clear_object (&self->context);

  G_OBJECT_CLASS (anv_summary_page_parent_class)->dispose (object);
}

static void
anv_summary_page_finalize (GObject *object)
{
  AnvSummaryPage *self = ANV_SUMMARY_PAGE (object);

  g_clear_pointer (&self->county_code, g_free);

  G_OBJECT_CLASS (anv_summary_page_parent_class)->finalize (object);
}

static void
anv_summary_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  AnvSummaryPage *self = ANV_SUMMARY_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
anv_summary_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  AnvSummaryPage *self = ANV_SUMMARY_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_assert (self->context == NULL);
      self->context = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
anv_summary_page_class_init (AnvSummaryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = anv_summary_page_constructed;
  object_class->dispose = anv_summary_page_dispose;
  object_class->finalize = anv_summary_page_finalize;
  object_class->get_property = anv_summary_page_get_property;
  object_class->set_property = anv_summary_page_set_property;

  widget_class->map = anv_summary_page_map;

  /**
   * AnvSummaryPage:context:
   *
   * The window's context: the database whose summary the page shows,
   * today and the CSV profile of its export.
   */
  properties[PROP_CONTEXT] = g_param_spec_object ("context",
                                                  "Context",
                                                  "What the window's pages share",
                                                  ANV_TYPE_CONTEXT,
                                                  G_PARAM_READWRITE |
                                                  G_PARAM_CONSTRUCT_ONLY |
                                                  G_PARAM_EXPLICIT_NOTIFY |
                                                  G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ANV_TYPE_SUMMARY_CHART);
  g_type_ensure (ANV_TYPE_SUMMARY_FILTER);
  g_type_ensure (ANV_TYPE_SUMMARY_TABLE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/anv-summary-page.ui");

  gtk_widget_class_bind_template_child (widget_class, AnvSummaryPage, message_bar);
  gtk_widget_class_bind_template_child (widget_class, AnvSummaryPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, AnvSummaryPage, filter_box);
  gtk_widget_class_bind_template_child (widget_class, AnvSummaryPage, chart_heading);
  gtk_widget_class_bind_template_child (widget_class, AnvSummaryPage, chart);
  gtk_widget_class_bind_template_child (widget_class, AnvSummaryPage, previous_button);
  gtk_widget_class_bind_template_child (widget_class, AnvSummaryPage, next_button);
  gtk_widget_class_bind_template_child (widget_class, AnvSummaryPage, month_label);
  gtk_widget_class_bind_template_child (widget_class, AnvSummaryPage, subject_label);
  gtk_widget_class_bind_template_child (widget_class, AnvSummaryPage, breakdown_combo);
  gtk_widget_class_bind_template_child (widget_class, AnvSummaryPage, per_month_button);
  gtk_widget_class_bind_template_child (widget_class, AnvSummaryPage, table);

  gtk_widget_class_bind_template_callback (widget_class, message_bar_response_cb);
  gtk_widget_class_bind_template_callback (widget_class, period_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, previous_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, next_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, per_month_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, breakdown_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, key_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, chart_month_activated_cb);
}

static void
anv_summary_page_init (AnvSummaryPage *self)
{
  g_autoptr (GSimpleActionGroup) actions = g_simple_action_group_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  anv_info_bar_name_close_button (self->message_bar);

  self->store = anv_summary_table_get_model (self->table);

  g_action_map_add_action_entries (G_ACTION_MAP (actions), action_entries,
                                   G_N_ELEMENTS (action_entries), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "summary", G_ACTION_GROUP (actions));
}

GtkWidget *
anv_summary_page_new (AnvContext *context)
{
  g_return_val_if_fail (ANV_IS_CONTEXT (context), NULL);

  return g_object_new (ANV_TYPE_SUMMARY_PAGE, "context", context, NULL);
}

/**
 * anv_summary_page_get_query:
 * @self: an #AnvSummaryPage
 * @query: (out caller-allocates): filled with what the table shows
 *
 * The month the table shows, or the whole period when it shows one
 * municipality, county or the whole country month by month; the service,
 * county and breakdown chosen. The strings belong to @self.
 */
void
anv_summary_page_show_month (AnvSummaryPage *self,
                             const char     *month,
                             AnvService      service)
{
  char from[8];

  g_return_if_fail (ANV_IS_SUMMARY_PAGE (self));
  g_return_if_fail (anv_summary_parse_month (month, NULL));

  anv_summary_filter_set_service (self->filter_box, service);
  self->service = service;

  if (strcmp (month, self->from) < 0 || strcmp (month, self->to) > 0)
    {
      anv_summary_model_year_ending (month, from);
      put_period (self, from, month);
    }
  g_strlcpy (self->month, month, sizeof self->month);

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    reload (self);
  else
    self->dirty = TRUE;
}

void
anv_summary_page_get_query (AnvSummaryPage  *self,
                            AnvSummaryQuery *query)
{
  g_return_if_fail (ANV_IS_SUMMARY_PAGE (self));
  g_return_if_fail (query != NULL);

  query->from_month = self->per_month ? self->from : self->month;
  query->to_month = self->per_month ? self->to : self->month;
  query->service = self->service;
  query->county_code = self->county_code;
  query->by = self->by;
}

/**
 * anv_summary_page_export_to_path:
 * @self: an #AnvSummaryPage
 * @path: the file to write
 *
 * Writes the current view (anv_summary_page_get_query()) as CSV in the
 * profile chosen in the menu, in an export dialog's worker thread: checked,
 * audited and told as the other exports are.
 *
 * Returns: (transfer none): the export dialog, writing
 */
GtkWidget *
anv_summary_page_export_to_path (AnvSummaryPage *self,
                                 const char     *path)
{
  GtkWidget *toplevel;
  AnvSummaryQuery query;

  g_return_val_if_fail (ANV_IS_SUMMARY_PAGE (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  toplevel = gtk_widget_get_toplevel (GTK_WIDGET (self));
  anv_summary_page_get_query (self, &query);

  return anv_export_dialog_new_summary (GTK_IS_WINDOW (toplevel) ? GTK_WINDOW (toplevel) : NULL,
                                        self->context, &query, path);
}
