/* anv-summary-table.h — the summary's numbers, per municipality or per month
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "anv-summary-model.h"

G_BEGIN_DECLS

#define ANV_TYPE_SUMMARY_TABLE (anv_summary_table_get_type ())
G_DECLARE_FINAL_TYPE (AnvSummaryTable, anv_summary_table, ANV, SUMMARY_TABLE, GtkScrolledWindow)

/* The summary page's table of AnvSummaryModel's rows, sortable by each
 * column, the numbers grouped as the person's language writes them. It
 * emits "key-activated" (the key of the row: "level:code", or the month)
 * when a row is activated. */
GtkWidget       *anv_summary_table_new              (void);

AnvSummaryModel *anv_summary_table_get_model        (AnvSummaryTable *self);

/* Fills the table as anv_summary_model_fill() does; the row selected
 * stays selected. */
void             anv_summary_table_fill             (AnvSummaryTable *self,
                                                     gboolean         per_month,
                                                     const char      *month,
                                                     AnvSummaryLevel  level,
                                                     const char      *code);

/* The key of the selected row, or NULL */
char            *anv_summary_table_dup_selected_key (AnvSummaryTable *self);
/* Selects the row of @key, scrolled to it if @scroll; FALSE if there is
 * none. */
gboolean         anv_summary_table_select_key       (AnvSummaryTable *self,
                                                     const char      *key,
                                                     gboolean         scroll);

G_END_DECLS
