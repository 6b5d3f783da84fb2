/* anv-summary-filter.h — what the summary shows: a period, a service, a county
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "anv-summary.h"

G_BEGIN_DECLS

#define ANV_TYPE_SUMMARY_FILTER (anv_summary_filter_get_type ())
G_DECLARE_FINAL_TYPE (AnvSummaryFilter, anv_summary_filter, ANV, SUMMARY_FILTER, GtkBox)

/* The summary page's filter bar. It emits "period-changed" (two "YYYY-MM"
 * strings, the first never after the second) and "changed" (the service
 * or the county) when the person changes them; never for the setters. */
GtkWidget  *anv_summary_filter_new          (void);

/* The months of the years from ANV_SUMMARY_MODEL_FIRST_YEAR to
 * @last_year, and the whole country and @counties (one AnvMunicipality
 * of each county, in order). */
void        anv_summary_filter_fill         (AnvSummaryFilter *self,
                                             int               last_year,
                                             GPtrArray        *counties);

void        anv_summary_filter_set_period   (AnvSummaryFilter *self,
                                             const char       *from,
                                             const char       *to);
void        anv_summary_filter_set_service  (AnvSummaryFilter *self,
                                             AnvService        service);
/* ANV_SERVICE_NONE: both */
AnvService  anv_summary_filter_get_service  (AnvSummaryFilter *self);
/* A new string, or NULL for the whole country */
char       *anv_summary_filter_dup_county   (AnvSummaryFilter *self);

G_END_DECLS
