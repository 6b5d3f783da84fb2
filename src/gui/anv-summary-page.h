/* anv-summary-page.h — the supervisor's live summary per municipality and month
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "anv-context.h"
#include "anv-summary.h"

G_BEGIN_DECLS

#define ANV_TYPE_SUMMARY_PAGE (anv_summary_page_get_type ())
G_DECLARE_FINAL_TYPE (AnvSummaryPage, anv_summary_page, ANV, SUMMARY_PAGE, GtkBox)

GtkWidget *anv_summary_page_new            (AnvContext      *context);

/* The query of what the table shows: the month shown, or the whole period
 * when the table shows one municipality month by month. The strings belong
 * to the page and change with it. */
void       anv_summary_page_get_query      (AnvSummaryPage  *self,
                                            AnvSummaryQuery *query);

/* Shows @month ("YYYY-MM") of @service (ANV_SERVICE_NONE: both) in the
 * table, within the period shown when it is in it, else in the twelve
 * months that end with it. */
void       anv_summary_page_show_month     (AnvSummaryPage  *self,
                                            const char      *month,
                                            AnvService       service);

/* Writes the current view as CSV to @path (the "summary.export" action does
 * so with the file the person chose), in the profile chosen in the menu,
 * through an export dialog, which it returns: the file is written in its
 * worker thread, checked and audited as every export, and the dialog says
 * what was written or what went wrong. */
GtkWidget *anv_summary_page_export_to_path (AnvSummaryPage  *self,
                                            const char      *path);

G_END_DECLS
