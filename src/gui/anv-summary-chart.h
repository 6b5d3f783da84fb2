/* anv-summary-chart.h — a bar chart of the summary per month: referred and active, per service
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "anv-summary.h"

G_BEGIN_DECLS

#define ANV_TYPE_SUMMARY_CHART (anv_summary_chart_get_type ())
G_DECLARE_FINAL_TYPE (AnvSummaryChart, anv_summary_chart, ANV, SUMMARY_CHART, GtkDrawingArea)

GtkWidget  *anv_summary_chart_new             (void);

/* The lines of one subject (a municipality, a county or the whole
 * country, named by @subject): one per month and service, in the order
 * anv_summary_read() gives them. The chart keeps a copy. */
void        anv_summary_chart_set_rows        (AnvSummaryChart     *self,
                                               const AnvSummaryRow *rows,
                                               guint                n_rows,
                                               const char          *subject);

/* The month (YYYY-MM) that is marked, as the one the table shows; NULL for
 * none. */
const char *anv_summary_chart_get_month       (AnvSummaryChart     *self);
void        anv_summary_chart_set_month       (AnvSummaryChart     *self,
                                               const char          *month);

/* What the chart shows, in words: also its accessible description. */
const char *anv_summary_chart_get_description (AnvSummaryChart     *self);

/* Draws the chart at @width × @height on @cr, as on the screen. */
void        anv_summary_chart_render          (AnvSummaryChart     *self,
                                               cairo_t             *cr,
                                               int                  width,
                                               int                  height);

/* "%1$s: 33 referred, 32 active at the end of the month" for @subject (a
 * service or a place): the numbers grouped, each word singular or plural
 * as its number asks ("1 referred, 1 active …" in the person's language). */
char       *anv_summary_chart_format_decided_active (const char *subject,
                                                     guint64     decided,
                                                     guint64     active);

G_END_DECLS
