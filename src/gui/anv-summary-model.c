/* anv-summary-model.c — the rows of the summary table
 *
 * A GtkListStore of the summary's rows as the page's table shows them:
 * from the kept summary as read last (anv_summary_read), one row per
 * municipality, county and the whole country in one month, or one row per
 * month of one of them, both services added when both are shown. The
 * numbers are kept as numbers, for sorting; totals sort last whichever
 * way a column is sorted. The page keeps the widgets and what is shown.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "anvisa-summary-model"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "anv-date.h"
#include "anv-municipalities.h"
#include "anv-summary-model.h"
#include "anv-text.h"

#define FIRST_VALUE ANV_SUMMARY_MODEL_COLUMN_WOMEN
#define N_VALUES (ANV_SUMMARY_MODEL_N_COLUMNS - FIRST_VALUE)

/* A number of a Line by its column */
#define VALUE(line, column) ((line)->values[(column) - FIRST_VALUE])

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

struct _AnvSummaryModel
{
  GtkListStore  parent_instance;

  GPtrArray    *municipalities;      /* AnvMunicipality */
  GPtrArray    *counties;            /* one AnvMunicipality of each county, by its name */
  GHashTable   *municipality_names;  /* code → short name */
  GHashTable   *county_names;        /* code → name */
  GArray       *rows;                /* AnvSummaryRow, as last read */
  /* A breakdown: its parts are the rows of the municipalities' level,
   * each named by code here */
  AnvSummaryDimension by;
  GHashTable   *part_names;          /* code → label, or NULL */

  /* The rows are of this kind; each kind keeps its sorting */
  gboolean      filled_per_month;
  int           sort_column[2];
  GtkSortType   sort_order[2];
};

G_DEFINE_FINAL_TYPE (AnvSummaryModel, anv_summary_model, GTK_TYPE_LIST_STORE)


/*
 * Auxiliary methods
 */

static gboolean
is_of (const AnvSummaryRow *row,
       AnvSummaryLevel      level,
       const char          *code)
{
  return row->level == level && strcmp (row->code, code) == 0;
}

/* Adds a count that may be unknown: unknown when either is. */
static void
add_known (Line  *line,
           int    column,
           guint  value)
{
  guint *sum = &VALUE (line, column);

  *sum = *sum == ANV_SUMMARY_UNKNOWN || value == ANV_SUMMARY_UNKNOWN ? ANV_SUMMARY_UNKNOWN
         : *sum + value;
}

static void
add_values (Line                *line,
            const AnvSummaryRow *row)
{
  VALUE (line, ANV_SUMMARY_MODEL_COLUMN_WOMEN) += row->decided_women;
  VALUE (line, ANV_SUMMARY_MODEL_COLUMN_MEN) += row->decided_men;
  VALUE (line, ANV_SUMMARY_MODEL_COLUMN_TOTAL) += row->decided_women + row->decided_men;
  VALUE (line, ANV_SUMMARY_MODEL_COLUMN_STARTED) += row->started;
  VALUE (line, ANV_SUMMARY_MODEL_COLUMN_JOB) += row->ended_job;
  VALUE (line, ANV_SUMMARY_MODEL_COLUMN_STUDIES) += row->ended_studies;
  VALUE (line, ANV_SUMMARY_MODEL_COLUMN_INTERRUPTED) += row->ended_interrupted;
  VALUE (line, ANV_SUMMARY_MODEL_COLUMN_BEFORE_START) += row->ended_before_start;
  VALUE (line, ANV_SUMMARY_MODEL_COLUMN_ACTIVE) += row->active_end;
  add_known (line, ANV_SUMMARY_MODEL_COLUMN_PARTICIPATING, row->participating);
  add_known (line, ANV_SUMMARY_MODEL_COLUMN_WAITING, row->waiting);
  VALUE (line, ANV_SUMMARY_MODEL_COLUMN_OVERDUE) += row->overdue_end;
  add_known (line, ANV_SUMMARY_MODEL_COLUMN_STARTED_WOMEN, row->started_women);
  add_known (line, ANV_SUMMARY_MODEL_COLUMN_STARTED_MEN, row->started_men);
  add_known (line, ANV_SUMMARY_MODEL_COLUMN_JOB_WOMEN, row->ended_job_women);
  add_known (line, ANV_SUMMARY_MODEL_COLUMN_JOB_MEN, row->ended_job_men);
  add_known (line, ANV_SUMMARY_MODEL_COLUMN_STUDIES_WOMEN, row->ended_studies_women);
  add_known (line, ANV_SUMMARY_MODEL_COLUMN_STUDIES_MEN, row->ended_studies_men);
  add_known (line, ANV_SUMMARY_MODEL_COLUMN_INTERRUPTED_WOMEN, row->ended_interrupted_women);
  add_known (line, ANV_SUMMARY_MODEL_COLUMN_INTERRUPTED_MEN, row->ended_interrupted_men);
  add_known (line, ANV_SUMMARY_MODEL_COLUMN_BEFORE_START_WOMEN, row->ended_before_start_women);
  add_known (line, ANV_SUMMARY_MODEL_COLUMN_BEFORE_START_MEN, row->ended_before_start_men);
  add_known (line, ANV_SUMMARY_MODEL_COLUMN_ACTIVE_WOMEN, row->active_women);
  add_known (line, ANV_SUMMARY_MODEL_COLUMN_ACTIVE_MEN, row->active_men);
  add_known (line, ANV_SUMMARY_MODEL_COLUMN_PARTICIPATING_WOMEN, row->participating_women);
  add_known (line, ANV_SUMMARY_MODEL_COLUMN_PARTICIPATING_MEN, row->participating_men);
  add_known (line, ANV_SUMMARY_MODEL_COLUMN_WAITING_WOMEN, row->waiting_women);
  add_known (line, ANV_SUMMARY_MODEL_COLUMN_WAITING_MEN, row->waiting_men);
}

static char *
get_line_key (const Line *line,
              gboolean    per_month)
{
  return per_month ? g_strdup (line->month) : anv_summary_model_make_key (line->level, line->code);
}

/* The table's rows from the summary read last, services added together. */
static GArray *
collect_lines (AnvSummaryModel *self,
               gboolean         per_month,
               const char      *month,
               AnvSummaryLevel  level,
               const char      *code)
{
  g_autoptr (GHashTable) index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GArray *lines = g_array_new (FALSE, TRUE, sizeof (Line));

  for (guint i = 0; self->rows != NULL && i < self->rows->len; i++)
    {
      const AnvSummaryRow *row = &g_array_index (self->rows, AnvSummaryRow, i);
      g_autofree char *key = NULL;
      gpointer position;
      Line *line;

      if (per_month)
        {
          if (!is_of (row, level, code))
            continue;
          key = g_strdup (row->month);
        }
      else
        {
          if (strcmp (row->month, month) != 0)
            continue;
          key = anv_summary_model_make_key (row->level, row->code);
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
set_line_values (AnvSummaryModel *self,
                 GtkTreeIter     *iter,
                 const Line      *line)
{
  int columns[N_VALUES];
  GValue values[N_VALUES] = { G_VALUE_INIT, };

  for (int i = 0; i < N_VALUES; i++)
    {
      columns[i] = FIRST_VALUE + i;
      g_value_init (&values[i], G_TYPE_UINT);
      g_value_set_uint (&values[i], line->values[i]);
    }

  gtk_list_store_set_valuesv (GTK_LIST_STORE (self), iter, columns, values, N_VALUES);
}

static void
insert_line (AnvSummaryModel *self,
             const Line      *line,
             gboolean         per_month)
{
  g_autofree char *name = NULL;
  g_autofree char *sort_key = NULL;
  g_autofree char *key = get_line_key (line, per_month);
  gboolean total = !per_month && line->level != ANV_SUMMARY_MUNICIPALITY;
  int columns[ANV_SUMMARY_MODEL_N_COLUMNS];
  GValue values[ANV_SUMMARY_MODEL_N_COLUMNS] = { G_VALUE_INIT, };

  if (per_month)
    {
      name = anv_date_format_month (line->month, FALSE);
      sort_key = g_strdup (line->month);
    }
  else
    {
      name = g_strdup (anv_summary_model_get_place_name (self, line->level, line->code));
      sort_key = g_strdup (name);
    }

  for (int i = 0; i < ANV_SUMMARY_MODEL_N_COLUMNS; i++)
    columns[i] = i;
  g_value_init (&values[ANV_SUMMARY_MODEL_COLUMN_NAME], G_TYPE_STRING);
  g_value_take_string (&values[ANV_SUMMARY_MODEL_COLUMN_NAME], g_steal_pointer (&name));
  g_value_init (&values[ANV_SUMMARY_MODEL_COLUMN_SORT_KEY], G_TYPE_STRING);
  g_value_take_string (&values[ANV_SUMMARY_MODEL_COLUMN_SORT_KEY], g_steal_pointer (&sort_key));
  g_value_init (&values[ANV_SUMMARY_MODEL_COLUMN_KEY], G_TYPE_STRING);
  g_value_take_string (&values[ANV_SUMMARY_MODEL_COLUMN_KEY], g_steal_pointer (&key));
  g_value_init (&values[ANV_SUMMARY_MODEL_COLUMN_RANK], G_TYPE_INT);
  g_value_set_int (&values[ANV_SUMMARY_MODEL_COLUMN_RANK],
                   per_month ? 0 : get_rank (line->level));
  g_value_init (&values[ANV_SUMMARY_MODEL_COLUMN_WEIGHT], G_TYPE_INT);
  g_value_set_int (&values[ANV_SUMMARY_MODEL_COLUMN_WEIGHT],
                   total ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  for (int i = 0; i < N_VALUES; i++)
    {
      g_value_init (&values[FIRST_VALUE + i], G_TYPE_UINT);
      g_value_set_uint (&values[FIRST_VALUE + i], line->values[i]);
    }

  gtk_list_store_insert_with_valuesv (GTK_LIST_STORE (self), NULL, -1, columns, values,
                                      ANV_SUMMARY_MODEL_N_COLUMNS);
  for (int i = 0; i < ANV_SUMMARY_MODEL_N_COLUMNS; i++)
    g_value_unset (&values[i]);
}

/* Puts new numbers into the rows the store has, if it has the same rows:
 * the selection, the sorting and the scrolling stay. */
static gboolean
update_lines_in_place (AnvSummaryModel *self,
                       GArray          *lines,
                       gboolean         per_month)
{
  GtkTreeModel *model = GTK_TREE_MODEL (self);
  g_autoptr (GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GArray) iters = g_array_new (FALSE, FALSE, sizeof (GtkTreeIter));
  GtkTreeIter iter;
  gboolean valid;

  if (self->filled_per_month != per_month
      || gtk_tree_model_iter_n_children (model, NULL) != (int) lines->len)
    return FALSE;

  for (guint i = 0; i < lines->len; i++)
    {
      Line *line = &g_array_index (lines, Line, i);

      g_hash_table_insert (by_key, get_line_key (line, per_month), line);
    }

  /* The rows move as their numbers change (the store stays sorted): find
   * them all first. */
  for (valid = gtk_tree_model_get_iter_first (model, &iter);
       valid;
       valid = gtk_tree_model_iter_next (model, &iter))
    {
      g_autofree char *key = NULL;

      gtk_tree_model_get (model, &iter, ANV_SUMMARY_MODEL_COLUMN_KEY, &key, -1);
      if (!g_hash_table_contains (by_key, key))
        return FALSE;
      g_array_append_val (iters, iter);
    }

  for (guint i = 0; i < iters->len; i++)
    {
      GtkTreeIter *row = &g_array_index (iters, GtkTreeIter, i);
      g_autofree char *key = NULL;

      gtk_tree_model_get (model, row, ANV_SUMMARY_MODEL_COLUMN_KEY, &key, -1);
      set_line_values (self, row, g_hash_table_lookup (by_key, key));
    }

  return TRUE;
}


/*
 * Callbacks
 */

static int
compare_county_names_cb (gconstpointer a,
                         gconstpointer b)
{
  const AnvMunicipality *first = *(AnvMunicipality * const *) a;
  const AnvMunicipality *second = *(AnvMunicipality * const *) b;

  return anv_text_collate (first->county_name, second->county_name);
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

  gtk_tree_model_get (model, a, ANV_SUMMARY_MODEL_COLUMN_RANK, &rank_a,
                      ANV_SUMMARY_MODEL_COLUMN_SORT_KEY, &key_a, -1);
  gtk_tree_model_get (model, b, ANV_SUMMARY_MODEL_COLUMN_RANK, &rank_b,
                      ANV_SUMMARY_MODEL_COLUMN_SORT_KEY, &key_b, -1);

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

  if (column != ANV_SUMMARY_MODEL_COLUMN_SORT_KEY)
    {
      guint value_a, value_b;

      gtk_tree_model_get (model, a, column, &value_a, -1);
      gtk_tree_model_get (model, b, column, &value_b, -1);
      result = value_a < value_b ? -1 : value_a > value_b ? 1 : 0;
    }

  /* A name, or a month as YYYY-MM, which sorts the same way */
  if (result == 0)
    result = anv_text_collate (key_a, key_b);

  return result;
}


/*
 * GObject overrides
 */

static void
anv_summary_model_finalize (GObject *object)
{
  AnvSummaryModel *self = ANV_SUMMARY_MODEL (object);

  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->part_names, g_hash_table_unref);
  g_clear_pointer (&self->municipality_names, g_hash_table_unref);
  g_clear_pointer (&self->county_names, g_hash_table_unref);
  g_clear_pointer (&self->municipalities, g_ptr_array_unref);
  g_clear_pointer (&self->counties, g_ptr_array_unref);

  G_OBJECT_CLASS (anv_summary_model_parent_class)->finalize (object);
}

static void
anv_summary_model_class_init (AnvSummaryModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = anv_summary_model_finalize;
}

static void
anv_summary_model_init (AnvSummaryModel *self)
{
  GType types[ANV_SUMMARY_MODEL_N_COLUMNS] = {
    G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_INT, G_TYPE_INT,
  };
  static const int sort_columns[] = {
    ANV_SUMMARY_MODEL_COLUMN_SORT_KEY, ANV_SUMMARY_MODEL_COLUMN_WOMEN,
    ANV_SUMMARY_MODEL_COLUMN_MEN, ANV_SUMMARY_MODEL_COLUMN_TOTAL,
    ANV_SUMMARY_MODEL_COLUMN_STARTED, ANV_SUMMARY_MODEL_COLUMN_JOB,
    ANV_SUMMARY_MODEL_COLUMN_STUDIES, ANV_SUMMARY_MODEL_COLUMN_INTERRUPTED,
    ANV_SUMMARY_MODEL_COLUMN_BEFORE_START, ANV_SUMMARY_MODEL_COLUMN_ACTIVE,
    ANV_SUMMARY_MODEL_COLUMN_PARTICIPATING,
    ANV_SUMMARY_MODEL_COLUMN_WAITING, ANV_SUMMARY_MODEL_COLUMN_OVERDUE,
  };

  for (int i = FIRST_VALUE; i < ANV_SUMMARY_MODEL_N_COLUMNS; i++)
    types[i] = G_TYPE_UINT;
  gtk_list_store_set_column_types (GTK_LIST_STORE (self), ANV_SUMMARY_MODEL_N_COLUMNS, types);

  for (guint i = 0; i < G_N_ELEMENTS (sort_columns); i++)
    gtk_tree_sortable_set_sort_func (GTK_TREE_SORTABLE (self), sort_columns[i],
                                     compare_rows_cb, GINT_TO_POINTER (sort_columns[i]), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (self->sort_column); i++)
    {
      self->sort_column[i] = GTK_TREE_SORTABLE_UNSORTED_SORT_COLUMN_ID;
      self->sort_order[i] = GTK_SORT_ASCENDING;
    }

  self->municipality_names = g_hash_table_new (g_str_hash, g_str_equal);
  self->county_names = g_hash_table_new (g_str_hash, g_str_equal);
}

int
anv_summary_model_women_column (int column)
{
  if (column == ANV_SUMMARY_MODEL_COLUMN_TOTAL)
    return ANV_SUMMARY_MODEL_COLUMN_WOMEN;
  if (column >= ANV_SUMMARY_MODEL_COLUMN_STARTED && column <= ANV_SUMMARY_MODEL_COLUMN_WAITING)
    return ANV_SUMMARY_MODEL_COLUMN_STARTED_WOMEN + 2 * (column - ANV_SUMMARY_MODEL_COLUMN_STARTED);
  return -1;
}

AnvSummaryModel *
anv_summary_model_new (void)
{
  return g_object_new (ANV_TYPE_SUMMARY_MODEL, NULL);
}

void
anv_summary_model_set_municipalities (AnvSummaryModel *self,
                                      GPtrArray       *municipalities)
{
  g_return_if_fail (ANV_IS_SUMMARY_MODEL (self));
  g_return_if_fail (municipalities != NULL);

  g_hash_table_remove_all (self->municipality_names);
  g_hash_table_remove_all (self->county_names);
  g_clear_pointer (&self->municipalities, g_ptr_array_unref);
  g_clear_pointer (&self->counties, g_ptr_array_unref);
  self->municipalities = g_ptr_array_ref (municipalities);

  self->counties = g_ptr_array_new ();
  for (guint i = 0; i < municipalities->len; i++)
    {
      AnvMunicipality *municipality = g_ptr_array_index (municipalities, i);

      g_hash_table_insert (self->municipality_names, municipality->code,
                           municipality->short_name);
      if (g_hash_table_insert (self->county_names, municipality->county_code,
                               municipality->county_name))
        g_ptr_array_add (self->counties, municipality);
    }
  g_ptr_array_sort (self->counties, compare_county_names_cb);
}

GPtrArray *
anv_summary_model_get_counties (AnvSummaryModel *self)
{
  g_return_val_if_fail (ANV_IS_SUMMARY_MODEL (self), NULL);

  return self->counties;
}

const char *
anv_summary_model_get_place_name (AnvSummaryModel *self,
                                  AnvSummaryLevel  level,
                                  const char      *code)
{
  const char *name;

  g_return_val_if_fail (ANV_IS_SUMMARY_MODEL (self), NULL);

  switch (level)
    {
    case ANV_SUMMARY_MUNICIPALITY:
      name = g_hash_table_lookup (self->part_names != NULL ? self->part_names
                                                           : self->municipality_names, code);
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

void
anv_summary_model_set_breakdown (AnvSummaryModel     *self,
                                 AnvSummaryDimension  by,
                                 GHashTable          *part_names)
{
  g_return_if_fail (ANV_IS_SUMMARY_MODEL (self));
  g_return_if_fail ((by == ANV_SUMMARY_BY_MUNICIPALITY) == (part_names == NULL));

  if (part_names != NULL)
    g_hash_table_ref (part_names);
  g_clear_pointer (&self->part_names, g_hash_table_unref);
  self->part_names = part_names;
  self->by = by;
}

AnvSummaryDimension
anv_summary_model_get_breakdown (AnvSummaryModel *self)
{
  g_return_val_if_fail (ANV_IS_SUMMARY_MODEL (self), ANV_SUMMARY_BY_MUNICIPALITY);

  return self->by;
}

void
anv_summary_model_set_rows (AnvSummaryModel *self,
                            GArray          *rows)
{
  g_return_if_fail (ANV_IS_SUMMARY_MODEL (self));
  g_return_if_fail (rows != NULL);

  g_array_ref (rows);
  g_clear_pointer (&self->rows, g_array_unref);
  self->rows = rows;
}

GArray *
anv_summary_model_get_rows_of (AnvSummaryModel *self,
                               AnvSummaryLevel  level,
                               const char      *code)
{
  GArray *rows = g_array_new (FALSE, FALSE, sizeof (AnvSummaryRow));

  g_return_val_if_fail (ANV_IS_SUMMARY_MODEL (self), rows);

  for (guint i = 0; self->rows != NULL && i < self->rows->len; i++)
    {
      const AnvSummaryRow *row = &g_array_index (self->rows, AnvSummaryRow, i);

      if (is_of (row, level, code))
        g_array_append_val (rows, *row);
    }

  return rows;
}

gboolean
anv_summary_model_has_rows_of (AnvSummaryModel *self,
                               AnvSummaryLevel  level,
                               const char      *code)
{
  g_return_val_if_fail (ANV_IS_SUMMARY_MODEL (self), FALSE);

  for (guint i = 0; self->rows != NULL && i < self->rows->len; i++)
    if (is_of (&g_array_index (self->rows, AnvSummaryRow, i), level, code))
      return TRUE;

  return FALSE;
}

void
anv_summary_model_count (AnvSummaryModel *self,
                         AnvSummaryLevel  level,
                         const char      *code,
                         const char      *month,
                         guint           *out_decided,
                         guint           *out_active)
{
  guint decided = 0, active = 0;

  g_return_if_fail (ANV_IS_SUMMARY_MODEL (self));

  for (guint i = 0; self->rows != NULL && i < self->rows->len; i++)
    {
      const AnvSummaryRow *row = &g_array_index (self->rows, AnvSummaryRow, i);

      if (is_of (row, level, code) && strcmp (row->month, month) == 0)
        {
          decided += row->decided_women + row->decided_men;
          active += row->active_end;
        }
    }

  *out_decided = decided;
  *out_active = active;
}

gboolean
anv_summary_model_fill (AnvSummaryModel *self,
                        gboolean         per_month,
                        const char      *month,
                        AnvSummaryLevel  level,
                        const char      *code)
{
  GtkTreeSortable *sortable = GTK_TREE_SORTABLE (self);
  g_autoptr (GArray) lines = NULL;

  g_return_val_if_fail (ANV_IS_SUMMARY_MODEL (self), FALSE);

  per_month = !!per_month;
  lines = collect_lines (self, per_month, month, level, code);
  if (update_lines_in_place (self, lines, per_month))
    return FALSE;

  /* Each kind keeps its own sorting; the rows go in unsorted in their own
   * order: by code (municipalities by county), or by month. */
  gtk_tree_sortable_get_sort_column_id (sortable,
                                        &self->sort_column[self->filled_per_month],
                                        &self->sort_order[self->filled_per_month]);
  gtk_list_store_clear (GTK_LIST_STORE (self));
  gtk_tree_sortable_set_sort_column_id (sortable,
                                        self->sort_column[per_month],
                                        self->sort_order[per_month]);
  self->filled_per_month = per_month;

  for (guint i = 0; i < lines->len; i++)
    insert_line (self, &g_array_index (lines, Line, i), per_month);

  return TRUE;
}

char *
anv_summary_model_make_key (AnvSummaryLevel  level,
                            const char      *code)
{
  return g_strdup_printf ("%d:%s", (int) level, code);
}

gboolean
anv_summary_model_parse_key (const char      *key,
                             AnvSummaryLevel *level,
                             char             code[5])
{
  if (key == NULL || key[0] < '0' || key[0] > '2' || key[1] != ':')
    return FALSE;

  *level = (AnvSummaryLevel) (key[0] - '0');
  g_strlcpy (code, key + 2, 5);
  return TRUE;
}

void
anv_summary_model_add_months (const char *month,
                              int         delta,
                              char        out[8])
{
  int index = atoi (month) * 12 + atoi (month + 5) - 1 + delta;

  g_snprintf (out, 8, "%04d-%02d", index / 12, index % 12 + 1);
}

void
anv_summary_model_year_ending (const char *to,
                               char        from[8])
{
  const char *first = G_STRINGIFY (ANV_SUMMARY_MODEL_FIRST_YEAR) "-01";

  anv_summary_model_add_months (to, -11, from);
  if (strcmp (from, first) < 0)
    g_strlcpy (from, first, 8);
}

gboolean
anv_summary_model_choose_period (AnvDb       *db,
                                 const GDate *today,
                                 char         from[8],
                                 char         to[8])
{
  const char *first = G_STRINGIFY (ANV_SUMMARY_MODEL_FIRST_YEAR) "-01";
  g_autoptr (GError) error = NULL;
  char latest[8];

  g_return_val_if_fail (ANV_IS_DB (db), FALSE);

  g_snprintf (to, 8, "%04d-%02d", MAX (g_date_get_year (today), ANV_SUMMARY_MODEL_FIRST_YEAR),
              g_date_get_month (today));
  anv_summary_model_year_ending (to, from);

  if (!anv_summary_latest_month (db, latest, &error))
    {
      g_debug ("The latest month with data is unknown: %s", error->message);
      return FALSE;
    }
  if (latest[0] == '\0')
    return FALSE;
  if (strcmp (latest, from) < 0 && strcmp (latest, first) >= 0)
    {
      g_strlcpy (to, latest, 8);
      anv_summary_model_year_ending (to, from);
    }
  return TRUE;
}
