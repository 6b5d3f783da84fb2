/* anv-summary-page.c — the supervisor's live summary per municipality and month
 *
 * The page reads the kept summary (anv_summary_read) for the period,
 * service and county chosen, and shows it twice: a chart per month and a
 * table, one row per municipality for one month, or one row per month for
 * one municipality, county or the whole country. It reads again when the
 * database changes (AnvDb::changed: a save in this window, or the window's
 * poll seeing another process's commit), and only then.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "anvisa-summary-page"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "anv-date.h"
#include "anv-dialog.h"
#include "anv-export.h"
#include "anv-file-chooser.h"
#include "anv-i18n.h"
#include "anv-municipalities.h"
#include "anv-summary-chart.h"
#include "anv-summary-page.h"

/* The first year offered: STOM has been national since 2014. */
#define FIRST_YEAR 2014

/* The columns of the store, as ui/anv-summary-page.ui declares them */
enum
{
  COLUMN_NAME,
  COLUMN_SORT_KEY,
  COLUMN_KEY,
  COLUMN_RANK,
  COLUMN_WEIGHT,
  COLUMN_WOMEN,
  COLUMN_MEN,
  COLUMN_TOTAL,
  COLUMN_STARTED,
  COLUMN_JOB,
  COLUMN_STUDIES,
  COLUMN_INTERRUPTED,
  COLUMN_ACTIVE,
  N_COLUMNS
};

#define N_VALUES (N_COLUMNS - COLUMN_WOMEN)

/* A number of a Line by its column */
#define VALUE(line, column) ((line)->values[(column) - COLUMN_WOMEN])

/* One row of the table: a municipality, county or the country in one
 * month, or one month of one of them; both services added when both are
 * shown. */
typedef struct
{
  AnvSummaryLevel level;
  char            code[5];
  char            month[8];
  guint           values[N_VALUES];
} Line;

struct _AnvSummaryPage
{
  GtkBox                parent_instance;

  /* Template widgets */
  GtkInfoBar           *message_bar;
  GtkLabel             *message_label;
  GtkComboBoxText      *from_month_combo;
  GtkComboBoxText      *from_year_combo;
  GtkComboBoxText      *to_month_combo;
  GtkComboBoxText      *to_year_combo;
  GtkComboBoxText      *service_combo;
  GtkComboBoxText      *county_combo;
  GtkLabel             *chart_heading;
  AnvSummaryChart      *chart;
  GtkButton            *previous_button;
  GtkButton            *next_button;
  GtkLabel             *month_label;
  GtkLabel             *subject_label;
  GtkToggleButton      *per_month_button;
  GtkTreeView          *tree_view;
  GtkTreeViewColumn    *name_column;
  GtkListStore         *store;

  AnvDb                *db;
  GSettings            *settings;            /* NULL when the schema is not installed */
  GtkFileChooserNative *chooser;             /* while the person chooses a file */

  GPtrArray            *municipalities;      /* AnvMunicipality */
  GHashTable           *municipality_names;  /* code → short name */
  GHashTable           *county_names;        /* code → name */

  /* What is shown */
  char                  from[8];             /* YYYY-MM */
  char                  to[8];
  char                  month[8];            /* the month of the table */
  AnvService            service;             /* ANV_SERVICE_NONE: both */
  char                 *county_code;         /* NULL: the whole country */
  gboolean              per_month;           /* the table: months of the subject */
  AnvSummaryLevel       subject_level;
  char                  subject_code[5];

  GArray               *rows;                /* AnvSummaryRow, as last read */
  gboolean              read_failed;
  gboolean              has_data;            /* a referral was decided, started or ended */
  gboolean              dirty;               /* changed while not shown */
  guint                 updating;            /* the page sets its own widgets */

  /* The store's rows are of this mode; each mode keeps its sorting */
  gboolean              filled_per_month;
  int                   sort_column[2];
  GtkSortType           sort_order[2];
};

G_DEFINE_FINAL_TYPE (AnvSummaryPage, anv_summary_page, GTK_TYPE_BOX)

enum
{
  PROP_0,
  PROP_DB,
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

static GSettings *
lookup_settings (void)
{
  g_autoptr (GSettingsSchema) schema = NULL;
  GSettingsSchemaSource *source;

  /* From the build tree the schema may not be installed: exports are then
   * written for Excel in Swedish, the default. */
  source = g_settings_schema_source_get_default ();
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);

  if (schema == NULL || !g_settings_schema_has_key (schema, "csv-profile"))
    {
      g_debug ("GSettings schema %s not found; exports use the excel-sv profile", APP_ID);
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}

static AnvCsvProfile
get_csv_profile (AnvSummaryPage *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  AnvCsvProfile profile;

  if (self->settings == NULL)
    return ANV_CSV_PROFILE_EXCEL_SV;

  text = g_settings_get_string (self->settings, "csv-profile");
  if (!anv_csv_profile_parse (text, &profile, &error))
    {
      /* The schema allows only known names. */
      g_debug ("%s", error->message);
      return ANV_CSV_PROFILE_EXCEL_SV;
    }

  return profile;
}

static void
show_message (AnvSummaryPage *self,
              GtkMessageType  type,
              const char     *text)
{
  gtk_label_set_text (self->message_label, text);
  gtk_info_bar_set_message_type (self->message_bar, type);
  gtk_widget_show (GTK_WIDGET (self->message_bar));
}

/* "YYYY-MM" @delta months away from @month, into @out. */
static void
add_months (const char *month,
            int         delta,
            char        out[8])
{
  int index = atoi (month) * 12 + atoi (month + 5) - 1 + delta;

  g_snprintf (out, 8, "%04d-%02d", index / 12, index % 12 + 1);
}

static gboolean
read_month (GtkComboBoxText *month_combo,
            GtkComboBoxText *year_combo,
            char             out[8])
{
  const char *month = gtk_combo_box_get_active_id (GTK_COMBO_BOX (month_combo));
  const char *year = gtk_combo_box_get_active_id (GTK_COMBO_BOX (year_combo));

  if (month == NULL || year == NULL)
    return FALSE;

  g_snprintf (out, 8, "%s-%s", year, month);
  return TRUE;
}

static void
show_month (AnvSummaryPage  *self,
            GtkComboBoxText *month_combo,
            GtkComboBoxText *year_combo,
            const char      *month)
{
  g_autofree char *year = g_strndup (month, 4);

  self->updating++;
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (month_combo), month + 5);
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (year_combo), year);
  self->updating--;
}

static void
fill_period_combos (AnvSummaryPage *self,
                    int             last_year)
{
  GtkComboBoxText *month_combos[] = { self->from_month_combo, self->to_month_combo };
  GtkComboBoxText *year_combos[] = { self->from_year_combo, self->to_year_combo };

  for (guint i = 0; i < G_N_ELEMENTS (month_combos); i++)
    {
      for (guint month = 1; month <= 12; month++)
        {
          char id[3];

          g_snprintf (id, sizeof id, "%02u", month);
          gtk_combo_box_text_append (month_combos[i], id,
                                     anv_date_month_name (month, FALSE));
        }

      for (int year = FIRST_YEAR; year <= last_year; year++)
        {
          char id[12];

          g_snprintf (id, sizeof id, "%d", year);
          gtk_combo_box_text_append (year_combos[i], id, id);
        }
    }
}

static int
compare_county_names (gconstpointer a,
                      gconstpointer b)
{
  const AnvMunicipality *first = *(AnvMunicipality * const *) a;
  const AnvMunicipality *second = *(AnvMunicipality * const *) b;

  return g_utf8_collate (first->county_name, second->county_name);
}

/* The municipalities and counties by name, and the county filter. */
static void
load_places (AnvSummaryPage *self)
{
  g_autoptr (GPtrArray) counties = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;

  self->municipalities = anv_municipalities_list (self->db, &error);
  if (self->municipalities == NULL)
    {
      show_message (self, GTK_MESSAGE_ERROR, error->message);
      self->municipalities = g_ptr_array_new ();
    }

  self->municipality_names = g_hash_table_new (g_str_hash, g_str_equal);
  self->county_names = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < self->municipalities->len; i++)
    {
      AnvMunicipality *municipality = g_ptr_array_index (self->municipalities, i);

      g_hash_table_insert (self->municipality_names, municipality->code,
                           municipality->short_name);
      if (g_hash_table_insert (self->county_names, municipality->county_code,
                               municipality->county_name))
        g_ptr_array_add (counties, municipality);
    }

  g_ptr_array_sort (counties, compare_county_names);

  /* Translators: the county filter of the summary: no county, all of Sweden */
  gtk_combo_box_text_append (self->county_combo, "all", C_("county", "Whole country"));
  for (guint i = 0; i < counties->len; i++)
    {
      AnvMunicipality *municipality = g_ptr_array_index (counties, i);

      gtk_combo_box_text_append (self->county_combo, municipality->county_code,
                                 municipality->county_name);
    }
}

static const char *
get_place_name (AnvSummaryPage  *self,
                AnvSummaryLevel  level,
                const char      *code)
{
  const char *name;

  switch (level)
    {
    case ANV_SUMMARY_MUNICIPALITY:
      name = g_hash_table_lookup (self->municipality_names, code);
      return name != NULL ? name : code;

    case ANV_SUMMARY_COUNTY:
      name = g_hash_table_lookup (self->county_names, code);
      return name != NULL ? name : code;

    case ANV_SUMMARY_NATIONAL:
    default:
      /* Translators: the name on the summary's line for all of Sweden */
      return _("Whole country");
    }
}

static char *
make_key (AnvSummaryLevel  level,
          const char      *code)
{
  return g_strdup_printf ("%d:%s", (int) level, code);
}

static gboolean
parse_key (const char      *key,
           AnvSummaryLevel *level,
           char             code[5])
{
  if (key == NULL || key[0] < '0' || key[0] > '2' || key[1] != ':')
    return FALSE;

  *level = (AnvSummaryLevel) (key[0] - '0');
  g_strlcpy (code, key + 2, 5);
  return TRUE;
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
add_values (Line                *line,
            const AnvSummaryRow *row)
{
  VALUE (line, COLUMN_WOMEN) += row->decided_women;
  VALUE (line, COLUMN_MEN) += row->decided_men;
  VALUE (line, COLUMN_TOTAL) += row->decided_women + row->decided_men;
  VALUE (line, COLUMN_STARTED) += row->started;
  VALUE (line, COLUMN_JOB) += row->ended_job;
  VALUE (line, COLUMN_STUDIES) += row->ended_studies;
  VALUE (line, COLUMN_INTERRUPTED) += row->ended_interrupted;
  VALUE (line, COLUMN_ACTIVE) += row->active_end;
}

static char *
get_line_key (AnvSummaryPage *self,
              const Line     *line)
{
  return self->per_month ? g_strdup (line->month) : make_key (line->level, line->code);
}

/* The table's rows from the summary read last, services added together. */
static GArray *
collect_lines (AnvSummaryPage *self)
{
  g_autoptr (GHashTable) index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GArray *lines = g_array_new (FALSE, TRUE, sizeof (Line));

  for (guint i = 0; self->rows != NULL && i < self->rows->len; i++)
    {
      const AnvSummaryRow *row = &g_array_index (self->rows, AnvSummaryRow, i);
      g_autofree char *key = NULL;
      gpointer position;
      Line *line;

      if (self->per_month)
        {
          if (row->level != self->subject_level || strcmp (row->code, self->subject_code) != 0)
            continue;
          key = g_strdup (row->month);
        }
      else
        {
          if (strcmp (row->month, self->month) != 0)
            continue;
          key = make_key (row->level, row->code);
        }

      position = g_hash_table_lookup (index, key);
      if (position == NULL)
        {
          Line empty = { row->level, "", "", { 0, } };

          g_strlcpy (empty.code, row->code, sizeof empty.code);
          g_strlcpy (empty.month, row->month, sizeof empty.month);
          g_array_append_val (lines, empty);
          position = GUINT_TO_POINTER (lines->len);
          g_hash_table_insert (index, g_steal_pointer (&key), position);
        }

      line = &g_array_index (lines, Line, GPOINTER_TO_UINT (position) - 1);
      add_values (line, row);
    }

  return lines;
}

static int
get_rank (AnvSummaryLevel level)
{
  /* Municipalities (and months) first, then the counties, the country last */
  switch (level)
    {
    case ANV_SUMMARY_MUNICIPALITY:
      return 0;
    case ANV_SUMMARY_COUNTY:
      return 1;
    case ANV_SUMMARY_NATIONAL:
    default:
      return 2;
    }
}

static void
set_line_values (AnvSummaryPage *self,
                 GtkTreeIter    *iter,
                 const Line     *line)
{
  int columns[N_VALUES];
  GValue values[N_VALUES] = { G_VALUE_INIT, };

  for (int i = 0; i < N_VALUES; i++)
    {
      columns[i] = COLUMN_WOMEN + i;
      g_value_init (&values[i], G_TYPE_UINT);
      g_value_set_uint (&values[i], line->values[i]);
    }

  gtk_list_store_set_valuesv (self->store, iter, columns, values, N_VALUES);
}

static void
insert_line (AnvSummaryPage *self,
             const Line     *line)
{
  g_autofree char *name = NULL;
  g_autofree char *sort_key = NULL;
  g_autofree char *key = get_line_key (self, line);
  gboolean total = !self->per_month && line->level != ANV_SUMMARY_MUNICIPALITY;
  GtkTreeIter iter;

  if (self->per_month)
    {
      name = anv_date_format_month (line->month, FALSE);
      sort_key = g_strdup (line->month);
    }
  else
    {
      name = g_strdup (get_place_name (self, line->level, line->code));
      sort_key = g_utf8_collate_key (name, -1);
    }

  gtk_list_store_insert_with_values (self->store, &iter, -1,
                                     COLUMN_NAME, name,
                                     COLUMN_SORT_KEY, sort_key,
                                     COLUMN_KEY, key,
                                     COLUMN_RANK, self->per_month ? 0 : get_rank (line->level),
                                     COLUMN_WEIGHT, total ? PANGO_WEIGHT_BOLD
                                                          : PANGO_WEIGHT_NORMAL,
                                     COLUMN_WOMEN, VALUE (line, COLUMN_WOMEN),
                                     COLUMN_MEN, VALUE (line, COLUMN_MEN),
                                     COLUMN_TOTAL, VALUE (line, COLUMN_TOTAL),
                                     COLUMN_STARTED, VALUE (line, COLUMN_STARTED),
                                     COLUMN_JOB, VALUE (line, COLUMN_JOB),
                                     COLUMN_STUDIES, VALUE (line, COLUMN_STUDIES),
                                     COLUMN_INTERRUPTED, VALUE (line, COLUMN_INTERRUPTED),
                                     COLUMN_ACTIVE, VALUE (line, COLUMN_ACTIVE),
                                     -1);
}

/* Puts new numbers into the rows the store has, if it has the same rows:
 * the selection, the sorting and the scrolling stay. */
static gboolean
update_lines_in_place (AnvSummaryPage *self,
                       GArray         *lines)
{
  GtkTreeModel *model = GTK_TREE_MODEL (self->store);
  g_autoptr (GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GArray) iters = g_array_new (FALSE, FALSE, sizeof (GtkTreeIter));
  GtkTreeIter iter;
  gboolean valid;

  if (self->filled_per_month != self->per_month
      || gtk_tree_model_iter_n_children (model, NULL) != (int) lines->len)
    return FALSE;

  for (guint i = 0; i < lines->len; i++)
    {
      Line *line = &g_array_index (lines, Line, i);

      g_hash_table_insert (by_key, get_line_key (self, line), line);
    }

  /* The rows move as their numbers change (the store stays sorted): find
   * them all first. */
  for (valid = gtk_tree_model_get_iter_first (model, &iter);
       valid;
       valid = gtk_tree_model_iter_next (model, &iter))
    {
      g_autofree char *key = NULL;

      gtk_tree_model_get (model, &iter, COLUMN_KEY, &key, -1);
      if (!g_hash_table_contains (by_key, key))
        return FALSE;
      g_array_append_val (iters, iter);
    }

  for (guint i = 0; i < iters->len; i++)
    {
      GtkTreeIter *row = &g_array_index (iters, GtkTreeIter, i);
      g_autofree char *key = NULL;

      gtk_tree_model_get (model, row, COLUMN_KEY, &key, -1);
      set_line_values (self, row, g_hash_table_lookup (by_key, key));
    }

  return TRUE;
}

static gboolean
select_key (AnvSummaryPage *self,
            const char     *key,
            gboolean        scroll)
{
  GtkTreeModel *model = GTK_TREE_MODEL (self->store);
  GtkTreeIter iter;
  gboolean valid;

  for (valid = gtk_tree_model_get_iter_first (model, &iter);
       valid;
       valid = gtk_tree_model_iter_next (model, &iter))
    {
      g_autofree char *row_key = NULL;

      gtk_tree_model_get (model, &iter, COLUMN_KEY, &row_key, -1);
      if (g_strcmp0 (row_key, key) == 0)
        {
          g_autoptr (GtkTreePath) path = gtk_tree_model_get_path (model, &iter);

          gtk_tree_view_set_cursor (self->tree_view, path, NULL, FALSE);
          if (scroll)
            gtk_tree_view_scroll_to_cell (self->tree_view, path, NULL, TRUE, 0.5, 0);
          return TRUE;
        }
    }

  return FALSE;
}

static char *
get_selected_key (AnvSummaryPage *self)
{
  GtkTreeSelection *selection = gtk_tree_view_get_selection (self->tree_view);
  GtkTreeModel *model;
  GtkTreeIter iter;
  char *key = NULL;

  if (gtk_tree_selection_get_selected (selection, &model, &iter))
    gtk_tree_model_get (model, &iter, COLUMN_KEY, &key, -1);

  return key;
}

static void
update_table (AnvSummaryPage *self)
{
  GtkTreeSortable *sortable = GTK_TREE_SORTABLE (self->store);
  g_autoptr (GArray) lines = collect_lines (self);
  g_autofree char *selected = NULL;

  /* The subject is not in the new filter (another county): back to the
   * municipalities. */
  if (self->per_month && lines->len == 0)
    {
      self->per_month = FALSE;
      g_array_unref (lines);
      lines = collect_lines (self);
    }

  if (update_lines_in_place (self, lines))
    return;

  selected = get_selected_key (self);

  /* Each mode keeps its own sorting; the rows go in unsorted in their own
   * order: by code (municipalities by county), or by month. */
  gtk_tree_sortable_get_sort_column_id (sortable,
                                        &self->sort_column[self->filled_per_month],
                                        &self->sort_order[self->filled_per_month]);
  gtk_list_store_clear (self->store);
  gtk_tree_sortable_set_sort_column_id (sortable,
                                        self->sort_column[self->per_month],
                                        self->sort_order[self->per_month]);
  self->filled_per_month = self->per_month;

  for (guint i = 0; i < lines->len; i++)
    insert_line (self, &g_array_index (lines, Line, i));

  if (selected != NULL)
    select_key (self, selected, FALSE);
}

static void
update_chart (AnvSummaryPage *self)
{
  g_autoptr (GArray) rows = g_array_new (FALSE, FALSE, sizeof (AnvSummaryRow));
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *heading = NULL;
  AnvSummaryLevel level;
  const char *code;
  const char *name;

  get_chart_subject (self, &level, &code);
  name = get_place_name (self, level, code);

  for (guint i = 0; self->rows != NULL && i < self->rows->len; i++)
    {
      const AnvSummaryRow *row = &g_array_index (self->rows, AnvSummaryRow, i);

      if (row->level == level && strcmp (row->code, code) == 0)
        g_array_append_val (rows, *row);
    }

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
  gtk_widget_set_sensitive (GTK_WIDGET (self->previous_button),
                            !self->per_month && strcmp (self->month, self->from) > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button),
                            !self->per_month && strcmp (self->month, self->to) < 0);

  get_chart_subject (self, &level, &code);
  name = get_place_name (self, level, code);

  if (self->per_month)
    {
      /* Translators: what the summary table shows: %s is a municipality, a county or
       * the whole country */
      subject = g_strdup_printf (_("%s, month by month"), name);
    }
  else
    {
      guint decided = 0, active = 0;

      for (guint i = 0; self->rows != NULL && i < self->rows->len; i++)
        {
          const AnvSummaryRow *row = &g_array_index (self->rows, AnvSummaryRow, i);

          if (row->level == level && strcmp (row->code, code) == 0
              && strcmp (row->month, self->month) == 0)
            {
              decided += row->decided_women + row->decided_men;
              active += row->active_end;
            }
        }

      subject = anv_summary_chart_format_decided_active (name, decided, active);
    }
  gtk_label_set_text (self->subject_label, subject);

  gtk_tree_view_column_set_title (self->name_column,
                                  self->per_month ? _("Month") : _("Municipality"));

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

static void
reload (AnvSummaryPage *self)
{
  g_autoptr (GError) error = NULL;
  AnvSummaryQuery query = { self->from, self->to, self->service, self->county_code };
  GArray *rows;

  self->dirty = FALSE;

  rows = anv_summary_read (self->db, &query, &error);
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

  g_clear_pointer (&self->rows, g_array_unref);
  self->rows = rows;

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
  show_month (self, self->from_month_combo, self->from_year_combo, from);
  show_month (self, self->to_month_combo, self->to_year_combo, to);

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

/* The twelve months that end with @to, from the first year on. */
static void
year_ending (const char *to,
             char        from[8])
{
  add_months (to, -11, from);
  if (strcmp (from, G_STRINGIFY (FIRST_YEAR) "-01") < 0)
    g_strlcpy (from, G_STRINGIFY (FIRST_YEAR) "-01", 8);
}

/* The period to open on: this month and the eleven before it; but when
 * nothing happened in them (the data ends in the past), the twelve months
 * that end with the latest month with data, not a year of zeros. Returns
 * whether the database has data. */
static gboolean
choose_period (AnvSummaryPage *self,
               char            from[8],
               char            to[8])
{
  g_autoptr (GError) error = NULL;
  char latest[8];
  GDate today;

  anv_date_today (&today);
  g_snprintf (to, 8, "%04d-%02d", MAX (g_date_get_year (&today), FIRST_YEAR),
              g_date_get_month (&today));
  year_ending (to, from);

  if (!anv_summary_latest_month (self->db, latest, &error))
    {
      g_debug ("The latest month with data is unknown: %s", error->message);
      return FALSE;
    }
  if (latest[0] == '\0')
    return FALSE;
  if (strcmp (latest, from) < 0 && strcmp (latest, G_STRINGIFY (FIRST_YEAR) "-01") >= 0)
    {
      g_strlcpy (to, latest, 8);
      year_ending (to, from);
    }
  return TRUE;
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
  g_autofree char *key = make_key (self->subject_level, self->subject_code);

  self->per_month = FALSE;
  update_view (self);
  select_key (self, key, TRUE);
}

static void
step_month (AnvSummaryPage *self,
            int             delta)
{
  char month[8];

  add_months (self->month, delta, month);
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
period_changed_cb (AnvSummaryPage *self,
                   GtkComboBox    *combo)
{
  char from[8], to[8];

  if (self->updating > 0)
    return;
  if (!read_month (self->from_month_combo, self->from_year_combo, from)
      || !read_month (self->to_month_combo, self->to_year_combo, to))
    return;

  /* The period keeps its order: the other end follows. */
  if (strcmp (from, to) > 0)
    {
      if (combo == GTK_COMBO_BOX (self->from_month_combo)
          || combo == GTK_COMBO_BOX (self->from_year_combo))
        memcpy (to, from, sizeof to);
      else
        memcpy (from, to, sizeof from);
    }

  set_period (self, from, to);
}

static void
filter_changed_cb (AnvSummaryPage *self,
                   GtkComboBox    *combo)
{
  const char *service = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->service_combo));
  const char *county = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->county_combo));

  if (self->updating > 0)
    return;

  if (g_strcmp0 (service, "KROM") == 0)
    self->service = ANV_SERVICE_KROM;
  else if (g_strcmp0 (service, "STOM") == 0)
    self->service = ANV_SERVICE_STOM;
  else
    self->service = ANV_SERVICE_NONE;

  g_clear_pointer (&self->county_code, g_free);
  if (county != NULL && strcmp (county, "all") != 0)
    self->county_code = g_strdup (county);

  reload (self);
}

/* A number of the table, grouped as the person's language writes it. */
static void
count_cell_cb (GtkTreeViewColumn *column,
               GtkCellRenderer   *cell,
               GtkTreeModel      *model,
               GtkTreeIter       *iter,
               gpointer           user_data)
{
  g_autofree char *text = NULL;
  guint value;

  gtk_tree_model_get (model, iter, GPOINTER_TO_INT (user_data), &value, -1);
  text = anv_format_count (value);
  g_object_set (cell, "text", text, NULL);
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
  key = get_selected_key (self);
  if (!parse_key (key, &level, code))
    {
      const char *total_code;

      get_chart_subject (self, &level, &total_code);
      g_strlcpy (code, total_code, sizeof code);
    }

  show_months_of (self, level, code);
}

static void
row_activated_cb (AnvSummaryPage    *self,
                  GtkTreePath       *path,
                  GtkTreeViewColumn *column,
                  GtkTreeView       *tree_view)
{
  GtkTreeModel *model = gtk_tree_view_get_model (tree_view);
  g_autofree char *key = NULL;
  AnvSummaryLevel level;
  GtkTreeIter iter;
  char code[5];

  if (!gtk_tree_model_get_iter (model, &iter, path))
    return;
  gtk_tree_model_get (model, &iter, COLUMN_KEY, &key, -1);

  if (self->per_month)
    {
      /* A month: every municipality in that month */
      g_strlcpy (self->month, key, sizeof self->month);
      show_municipalities (self);
    }
  else if (parse_key (key, &level, code))
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
      select_key (self, month, TRUE);
      return;
    }

  g_strlcpy (self->month, month, sizeof self->month);
  update_view (self);
}

static void
db_changed_cb (AnvSummaryPage *self)
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

  if (response == GTK_RESPONSE_ACCEPT)
    {
      path = gtk_file_chooser_get_filename (GTK_FILE_CHOOSER (dialog));
      if (path == NULL)
        show_message (self, GTK_MESSAGE_ERROR,
                      _("The summary can only be exported to a folder on this computer or "
                        "a mounted network drive. Choose another folder."));
    }

  g_clear_object (&self->chooser);

  if (path != NULL)
    anv_summary_page_export_to_path (self, path, NULL, NULL);
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

/* Municipalities and months first, totals last whichever way a column is
 * sorted; then by the column, then by name. */
static int
compare_rows_cb (GtkTreeModel *model,
                 GtkTreeIter  *a,
                 GtkTreeIter  *b,
                 gpointer      user_data)
{
  int column = GPOINTER_TO_INT (user_data);
  g_autofree char *key_a = NULL;
  g_autofree char *key_b = NULL;
  int rank_a, rank_b, result = 0;

  gtk_tree_model_get (model, a, COLUMN_RANK, &rank_a, COLUMN_SORT_KEY, &key_a, -1);
  gtk_tree_model_get (model, b, COLUMN_RANK, &rank_b, COLUMN_SORT_KEY, &key_b, -1);

  if (rank_a != rank_b)
    {
      GtkSortType order;
      int sort_column;

      /* The store turns the result round for a descending order: turn it
       * back, so that totals stay last. */
      gtk_tree_sortable_get_sort_column_id (GTK_TREE_SORTABLE (model), &sort_column, &order);
      result = rank_a < rank_b ? -1 : 1;
      return order == GTK_SORT_DESCENDING ? -result : result;
    }

  if (column != COLUMN_SORT_KEY)
    {
      guint value_a, value_b;

      gtk_tree_model_get (model, a, column, &value_a, -1);
      gtk_tree_model_get (model, b, column, &value_b, -1);
      result = value_a < value_b ? -1 : value_a > value_b ? 1 : 0;
    }

  if (result == 0)
    result = g_strcmp0 (key_a, key_b);

  return result;
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

  g_assert (ANV_IS_DB (self->db));

  self->settings = lookup_settings ();

  /* This month and the eleven before it (or the year that ends with the
   * latest month with data), both services, the whole country */
  anv_date_today (&today);
  self->has_data = choose_period (self, from, to);
  g_strlcpy (self->month, to, sizeof self->month);

  self->updating++;
  fill_period_combos (self, MAX (g_date_get_year (&today), FIRST_YEAR));
  load_places (self);
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->service_combo), "both");
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->county_combo), "all");
  self->updating--;

  g_signal_connect_object (self->db, "changed", G_CALLBACK (db_changed_cb), self,
                           G_CONNECT_SWAPPED);

  set_period (self, from, to);
}

static void
anv_summary_page_dispose (GObject *object)
{
  AnvSummaryPage *self = ANV_SUMMARY_PAGE (object);

  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }

  g_clear_object (&self->settings);
  g_clear_object (&self->db);
  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->municipality_names, g_hash_table_unref);
  g_clear_pointer (&self->county_names, g_hash_table_unref);
  g_clear_pointer (&self->municipalities, g_ptr_array_unref);

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
    case PROP_DB:
      g_value_set_object (value, self->db);
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
    case PROP_DB:
      g_assert (self->db == NULL);
      self->db = g_value_dup_object (value);
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
   * AnvSummaryPage:db:
   *
   * The open database whose summary the page shows.
   */
  properties[PROP_DB] = g_param_spec_object ("db",
                                             "Database",
                                             "The open Anvisa database",
                                             ANV_TYPE_DB,
                                             G_PARAM_READWRITE |
                                             G_PARAM_CONSTRUCT_ONLY |
                                             G_PARAM_EXPLICIT_NOTIFY |
                                             G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ANV_TYPE_SUMMARY_CHART);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/anv-summary-page.ui");

  gtk_widget_class_bind_template_child (widget_class, AnvSummaryPage, message_bar);
  gtk_widget_class_bind_template_child (widget_class, AnvSummaryPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, AnvSummaryPage, from_month_combo);
  gtk_widget_class_bind_template_child (widget_class, AnvSummaryPage, from_year_combo);
  gtk_widget_class_bind_template_child (widget_class, AnvSummaryPage, to_month_combo);
  gtk_widget_class_bind_template_child (widget_class, AnvSummaryPage, to_year_combo);
  gtk_widget_class_bind_template_child (widget_class, AnvSummaryPage, service_combo);
  gtk_widget_class_bind_template_child (widget_class, AnvSummaryPage, county_combo);
  gtk_widget_class_bind_template_child (widget_class, AnvSummaryPage, chart_heading);
  gtk_widget_class_bind_template_child (widget_class, AnvSummaryPage, chart);
  gtk_widget_class_bind_template_child (widget_class, AnvSummaryPage, previous_button);
  gtk_widget_class_bind_template_child (widget_class, AnvSummaryPage, next_button);
  gtk_widget_class_bind_template_child (widget_class, AnvSummaryPage, month_label);
  gtk_widget_class_bind_template_child (widget_class, AnvSummaryPage, subject_label);
  gtk_widget_class_bind_template_child (widget_class, AnvSummaryPage, per_month_button);
  gtk_widget_class_bind_template_child (widget_class, AnvSummaryPage, tree_view);
  gtk_widget_class_bind_template_child (widget_class, AnvSummaryPage, name_column);
  gtk_widget_class_bind_template_child (widget_class, AnvSummaryPage, store);

  gtk_widget_class_bind_template_callback (widget_class, message_bar_response_cb);
  gtk_widget_class_bind_template_callback (widget_class, period_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, previous_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, next_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, per_month_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, chart_month_activated_cb);
}

static void
anv_summary_page_init (AnvSummaryPage *self)
{
  static const int sort_columns[] = {
    COLUMN_SORT_KEY, COLUMN_WOMEN, COLUMN_MEN, COLUMN_TOTAL, COLUMN_STARTED, COLUMN_JOB,
    COLUMN_STUDIES, COLUMN_INTERRUPTED, COLUMN_ACTIVE,
  };
  g_autoptr (GSimpleActionGroup) actions = g_simple_action_group_new ();
  g_autoptr (GList) columns = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  anv_info_bar_name_close_button (self->message_bar);

  /* The numbers' columns sort by their own store column */
  columns = gtk_tree_view_get_columns (self->tree_view);
  for (GList *l = columns; l != NULL; l = l->next)
    {
      int id = gtk_tree_view_column_get_sort_column_id (l->data);

      if (id >= COLUMN_WOMEN && id <= COLUMN_ACTIVE)
        {
          g_autoptr (GList) cells = gtk_cell_layout_get_cells (GTK_CELL_LAYOUT (l->data));

          gtk_tree_view_column_set_cell_data_func (l->data, cells->data, count_cell_cb,
                                                   GINT_TO_POINTER (id), NULL);
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (sort_columns); i++)
    gtk_tree_sortable_set_sort_func (GTK_TREE_SORTABLE (self->store), sort_columns[i],
                                     compare_rows_cb, GINT_TO_POINTER (sort_columns[i]), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (self->sort_column); i++)
    {
      self->sort_column[i] = GTK_TREE_SORTABLE_UNSORTED_SORT_COLUMN_ID;
      self->sort_order[i] = GTK_SORT_ASCENDING;
    }

  g_action_map_add_action_entries (G_ACTION_MAP (actions), action_entries,
                                   G_N_ELEMENTS (action_entries), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "summary", G_ACTION_GROUP (actions));
}

GtkWidget *
anv_summary_page_new (AnvDb *db)
{
  g_return_val_if_fail (ANV_IS_DB (db), NULL);

  return g_object_new (ANV_TYPE_SUMMARY_PAGE, "db", db, NULL);
}

/**
 * anv_summary_page_get_query:
 * @self: an #AnvSummaryPage
 * @query: (out caller-allocates): filled with what the table shows
 *
 * The month the table shows, or the whole period when it shows one
 * municipality, county or the whole country month by month; the service
 * and county chosen. The strings belong to @self.
 */
void
anv_summary_page_show_month (AnvSummaryPage *self,
                             const char     *month,
                             AnvService      service)
{
  char from[8];

  g_return_if_fail (ANV_IS_SUMMARY_PAGE (self));
  g_return_if_fail (anv_summary_parse_month (month, NULL));

  self->updating++;
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->service_combo),
                               service == ANV_SERVICE_KROM ? "KROM"
                               : service == ANV_SERVICE_STOM ? "STOM" : "both");
  self->updating--;
  self->service = service;

  if (strcmp (month, self->from) < 0 || strcmp (month, self->to) > 0)
    {
      year_ending (month, from);
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
}

/**
 * anv_summary_page_export_to_path:
 * @self: an #AnvSummaryPage
 * @path: the file to write
 * @out_rows: (out) (optional): the data rows written
 * @error: return location for a #GError
 *
 * Writes the current view (anv_summary_page_get_query()) as CSV in the
 * profile of the settings, and says in the page what was written, or what
 * went wrong.
 *
 * Returns: %TRUE if the file was written
 */
gboolean
anv_summary_page_export_to_path (AnvSummaryPage  *self,
                                 const char      *path,
                                 guint64         *out_rows,
                                 GError         **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autofree char *display_name = NULL;
  g_autofree char *count = NULL;
  g_autofree char *message = NULL;
  AnvExportOptions options = { 0, };
  AnvSummaryQuery query;
  guint64 rows = 0;

  g_return_val_if_fail (ANV_IS_SUMMARY_PAGE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  anv_summary_page_get_query (self, &query);
  options.kind = ANV_EXPORT_SUMMARY;
  options.profile = get_csv_profile (self);
  options.summary = &query;

  if (!anv_export_write (self->db, &options, path, &rows, &local_error))
    {
      show_message (self, GTK_MESSAGE_ERROR, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  display_name = g_filename_display_name (path);
  count = anv_format_count (rows);
  message = g_strdup_printf (/* Translators: %1$s is a number of rows, %2$s a file */
                             g_dngettext (GETTEXT_PACKAGE, "Exported %1$s row to %2$s.",
                                          "Exported %1$s rows to %2$s.",
                                          (gulong) MIN (rows, G_MAXULONG)),
                             count, display_name);
  show_message (self, GTK_MESSAGE_INFO, message);

  if (out_rows != NULL)
    *out_rows = rows;

  return TRUE;
}
