/* anv-summary-table.c — the summary's numbers, per municipality or per month
 *
 * The tree view of the summary page, on an AnvSummaryModel: one row per
 * municipality, county and the whole country in a month (totals in bold,
 * last), or one row per month. The headings of the numbers wrap, so that
 * the columns stay narrow.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "anvisa-summary-table"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "anv-i18n.h"
#include "anv-summary-table.h"

struct _AnvSummaryTable
{
  GtkScrolledWindow  parent_instance;

  /* Template widgets */
  GtkTreeView       *tree_view;
  GtkTreeViewColumn *name_column;
  AnvSummaryModel   *store;
};

G_DEFINE_FINAL_TYPE (AnvSummaryTable, anv_summary_table, GTK_TYPE_SCROLLED_WINDOW)

enum
{
  KEY_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];


/*
 * Callbacks
 */

/* A number of the table, grouped as the person's language writes it; a
 * count split by sex with its split after it, smaller and dimmed:
 * "12 7 · 5" (women · men, as the heading says), or "12 –" where the
 * split is not known. */
static void
count_cell_cb (GtkTreeViewColumn *column,
               GtkCellRenderer   *cell,
               GtkTreeModel      *model,
               GtkTreeIter       *iter,
               gpointer           user_data)
{
  int id = GPOINTER_TO_INT (user_data);
  int women_column = anv_summary_model_women_column (id);
  g_autofree char *text = NULL;
  g_autofree char *markup = NULL;
  guint value, women = 0, men = 0;

  gtk_tree_model_get (model, iter, id, &value, -1);
  text = value == ANV_SUMMARY_UNKNOWN ? g_strdup ("–") : anv_format_count (value);
  if (women_column < 0 || value == ANV_SUMMARY_UNKNOWN)
    {
      g_object_set (cell, "text", text, NULL);
      return;
    }

  gtk_tree_model_get (model, iter, women_column, &women, women_column + 1, &men, -1);
  if (women == ANV_SUMMARY_UNKNOWN || men == ANV_SUMMARY_UNKNOWN)
    markup = g_markup_printf_escaped ("%s <span size=\"smaller\" alpha=\"60%%\">–</span>",
                                      text);
  else
    {
      g_autofree char *women_text = anv_format_count (women);
      g_autofree char *men_text = anv_format_count (men);

      markup = g_markup_printf_escaped ("%s <span size=\"smaller\" alpha=\"60%%\">"
                                        "%s · %s</span>", text, women_text, men_text);
    }
  g_object_set (cell, "markup", markup, NULL);
}

/* The tooltip of a number: its split by sex in words, why it is not
 * known, or what overdue means. */
static gboolean
query_tooltip_cb (AnvSummaryTable *self,
                  int              x,
                  int              y,
                  gboolean         keyboard,
                  GtkTooltip      *tooltip,
                  GtkTreeView     *tree_view)
{
  GtkTreeModel *model;
  g_autoptr (GtkTreePath) path = NULL;
  GtkTreeViewColumn *column = NULL;
  GtkTreeIter iter;
  int bin_x, bin_y, id, women_column;
  guint women = 0, men = 0;

  if (!gtk_tree_view_get_tooltip_context (tree_view, &x, &y, keyboard, &model, NULL, &iter))
    return FALSE;
  gtk_tree_view_convert_widget_to_bin_window_coords (tree_view, x, y, &bin_x, &bin_y);
  if (!gtk_tree_view_get_path_at_pos (tree_view, bin_x, bin_y, &path, &column, NULL, NULL)
      || column == NULL)
    return FALSE;

  /* A provider's or an area's name may be cut to fit: the whole of it */
  if (column == self->name_column)
    {
      g_autofree char *name = NULL;

      gtk_tree_model_get (model, &iter, ANV_SUMMARY_MODEL_COLUMN_NAME, &name, -1);
      if (name == NULL || *name == '\0')
        return FALSE;
      gtk_tooltip_set_text (tooltip, name);
      gtk_tree_view_set_tooltip_cell (tree_view, tooltip, path, column, NULL);
      return TRUE;
    }
  id = gtk_tree_view_column_get_sort_column_id (column);
  if (id == ANV_SUMMARY_MODEL_COLUMN_OVERDUE)
    {
      gtk_tooltip_set_text (tooltip, _("Overdue: open referrals whose period has run out; "
                                       "end or extend them"));
      gtk_tree_view_set_tooltip_cell (tree_view, tooltip, path, column, NULL);
      return TRUE;
    }
  women_column = anv_summary_model_women_column (id);
  if (women_column < 0)
    return FALSE;
  gtk_tree_model_get (model, &iter, women_column, &women, women_column + 1, &men, -1);
  if (women == ANV_SUMMARY_UNKNOWN || men == ANV_SUMMARY_UNKNOWN)
    gtk_tooltip_set_text (tooltip, _("Not known by sex: retention (gallring) has removed "
                                     "referrals that this number still counts."));
  else
    {
      g_autofree char *women_text = anv_format_count (women);
      g_autofree char *men_text = anv_format_count (men);
      /* Translators: the split of a number of the summary by sex */
      g_autofree char *text = g_strdup_printf (_("Women: %1$s, men: %2$s"), women_text,
                                               men_text);

      gtk_tooltip_set_text (tooltip, text);
    }
  gtk_tree_view_set_tooltip_cell (tree_view, tooltip, path, column, NULL);
  return TRUE;
}

static void
row_activated_cb (AnvSummaryTable   *self,
                  GtkTreePath       *path,
                  GtkTreeViewColumn *column,
                  GtkTreeView       *tree_view)
{
  GtkTreeModel *model = gtk_tree_view_get_model (tree_view);
  g_autofree char *key = NULL;
  GtkTreeIter iter;

  if (!gtk_tree_model_get_iter (model, &iter, path))
    return;
  gtk_tree_model_get (model, &iter, ANV_SUMMARY_MODEL_COLUMN_KEY, &key, -1);
  g_signal_emit (self, signals[KEY_ACTIVATED], 0, key);
}


/*
 * GObject overrides
 */

static void
anv_summary_table_class_init (AnvSummaryTableClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /**
   * AnvSummaryTable::key-activated:
   * @key: the row's key: "level:code", or the month
   *
   * A row was activated (double-click, Enter).
   */
  signals[KEY_ACTIVATED] = g_signal_new ("key-activated", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (ANV_TYPE_SUMMARY_MODEL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/anv-summary-table.ui");

  gtk_widget_class_bind_template_child (widget_class, AnvSummaryTable, tree_view);
  gtk_widget_class_bind_template_child (widget_class, AnvSummaryTable, name_column);
  gtk_widget_class_bind_template_child (widget_class, AnvSummaryTable, store);

  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, query_tooltip_cb);
}

static void
anv_summary_table_init (AnvSummaryTable *self)
{
  g_autoptr (GList) columns = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The numbers' columns sort by their own store column */
  columns = gtk_tree_view_get_columns (self->tree_view);
  for (GList *l = columns; l != NULL; l = l->next)
    {
      int id = gtk_tree_view_column_get_sort_column_id (l->data);

      if (id >= ANV_SUMMARY_MODEL_COLUMN_WOMEN && id <= ANV_SUMMARY_MODEL_COLUMN_OVERDUE)
        {
          g_autoptr (GList) cells = gtk_cell_layout_get_cells (GTK_CELL_LAYOUT (l->data));

          gtk_tree_view_column_set_cell_data_func (l->data, cells->data, count_cell_cb,
                                                   GINT_TO_POINTER (id), NULL);
        }
      /* A heading over a split says which half is which */
      if (anv_summary_model_women_column (id) >= 0)
        {
          GtkLabel *label = GTK_LABEL (gtk_tree_view_column_get_widget (l->data));
          g_autofree char *markup = g_markup_printf_escaped (
            "%s\n<span size=\"smaller\" alpha=\"60%%\">%s</span>",
            gtk_label_get_text (label),
            /* Translators: under each heading of the summary table that
             * is split by sex: the order of the two smaller numbers */
            C_("summary heading", "women · men"));

          gtk_label_set_markup (label, markup);
        }
    }
}

GtkWidget *
anv_summary_table_new (void)
{
  return g_object_new (ANV_TYPE_SUMMARY_TABLE, NULL);
}

AnvSummaryModel *
anv_summary_table_get_model (AnvSummaryTable *self)
{
  g_return_val_if_fail (ANV_IS_SUMMARY_TABLE (self), NULL);

  return self->store;
}

void
anv_summary_table_fill (AnvSummaryTable *self,
                        gboolean         per_month,
                        const char      *month,
                        AnvSummaryLevel  level,
                        const char      *code)
{
  g_autofree char *selected = NULL;

  g_return_if_fail (ANV_IS_SUMMARY_TABLE (self));

  selected = anv_summary_table_dup_selected_key (self);
  if (anv_summary_model_fill (self->store, per_month, month, level, code) && selected != NULL)
    anv_summary_table_select_key (self, selected, FALSE);

  gtk_tree_view_column_set_title (self->name_column,
                                  per_month ? _("Month")
                                  : anv_summary_dimension_label (
                                      anv_summary_model_get_breakdown (self->store)));
}

char *
anv_summary_table_dup_selected_key (AnvSummaryTable *self)
{
  GtkTreeSelection *selection;
  GtkTreeModel *model;
  GtkTreeIter iter;
  char *key = NULL;

  g_return_val_if_fail (ANV_IS_SUMMARY_TABLE (self), NULL);

  selection = gtk_tree_view_get_selection (self->tree_view);
  if (gtk_tree_selection_get_selected (selection, &model, &iter))
    gtk_tree_model_get (model, &iter, ANV_SUMMARY_MODEL_COLUMN_KEY, &key, -1);

  return key;
}

gboolean
anv_summary_table_select_key (AnvSummaryTable *self,
                              const char      *key,
                              gboolean         scroll)
{
  GtkTreeModel *model;
  GtkTreeIter iter;
  gboolean valid;

  g_return_val_if_fail (ANV_IS_SUMMARY_TABLE (self), FALSE);

  model = GTK_TREE_MODEL (self->store);
  for (valid = gtk_tree_model_get_iter_first (model, &iter);
       valid;
       valid = gtk_tree_model_iter_next (model, &iter))
    {
      g_autofree char *row_key = NULL;

      gtk_tree_model_get (model, &iter, ANV_SUMMARY_MODEL_COLUMN_KEY, &row_key, -1);
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
