/* anv-map-figures.h — the map's numbers of a municipality and their sentences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "anv-map.h"
#include "anv-municipalities.h"
#include "anv-summary.h"

G_BEGIN_DECLS

/* What the map colours the municipalities by */
typedef enum
{
  ANV_MAP_MEASURE_DECIDED,   /* anvisade in the month */
  ANV_MAP_MEASURE_ACTIVE,    /* aktiva vid månadens slut */
  ANV_MAP_MEASURE_RESULTS,   /* ended with jobb or studier in the month */
} AnvMapMeasure;

/* The number @measure counts in @row (NULL: nothing, 0) */
guint       anv_map_figures_get_value         (const AnvSummaryRow   *row,
                                               AnvMapMeasure          measure);
/* Whether anything was decided, started, ended or active in @row */
gboolean    anv_map_figures_has_anything      (const AnvSummaryRow   *row);
/* "Referred in the month", the legend's and the picture's title */
const char *anv_map_figures_get_measure_title (AnvMapMeasure          measure);
/* "33 referred · 32 active at the end of the month" */
char       *anv_map_figures_format_totals     (const AnvSummaryRow   *row);
/* The sentence a screen reader says for @area in @month (YYYY-MM) */
char       *anv_map_figures_describe_area     (const AnvMapArea      *area,
                                               const AnvSummaryRow   *row,
                                               const AnvMunicipality *municipality,
                                               AnvService             service,
                                               const char            *month,
                                               gboolean               offered);

G_END_DECLS
