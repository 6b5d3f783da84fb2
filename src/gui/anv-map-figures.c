/* anv-map-figures.c — the map's numbers of a municipality and their sentences
 *
 * What the map page, its legend, its screen-reader descriptions and its
 * exported picture say about one row of the kept summary.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "anvisa-map-figures"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "anv-date.h"
#include "anv-i18n.h"
#include "anv-map-figures.h"

guint
anv_map_figures_get_value (const AnvSummaryRow *row,
                           AnvMapMeasure        measure)
{
  if (row == NULL)
    return 0;
  switch (measure)
    {
    case ANV_MAP_MEASURE_ACTIVE:
      return row->active_end;
    case ANV_MAP_MEASURE_RESULTS:
      return row->ended_job + row->ended_studies;
    case ANV_MAP_MEASURE_DECIDED:
    default:
      return row->decided_women + row->decided_men;
    }
}

gboolean
anv_map_figures_has_anything (const AnvSummaryRow *row)
{
  return row != NULL
         && (row->decided_women + row->decided_men + row->started + row->ended_job
             + row->ended_studies + row->ended_interrupted + row->ended_before_start
             + row->active_end) > 0;
}

const char *
anv_map_figures_get_measure_title (AnvMapMeasure measure)
{
  switch (measure)
    {
    case ANV_MAP_MEASURE_ACTIVE:
      return _("Active at the end of the month");
    case ANV_MAP_MEASURE_RESULTS:
      return _("Results (job or studies) in the month");
    case ANV_MAP_MEASURE_DECIDED:
    default:
      return _("Referred in the month");
    }
}

/* "33 referred" and "32 active at the end of the month" for @row */
static void
format_decided_active (const AnvSummaryRow  *row,
                       char                **decided_text,
                       char                **active_text)
{
  guint decided = anv_map_figures_get_value (row, ANV_MAP_MEASURE_DECIDED);
  guint active = anv_map_figures_get_value (row, ANV_MAP_MEASURE_ACTIVE);
  g_autofree char *decided_count = anv_format_count (decided);
  g_autofree char *active_count = anv_format_count (active);

  /* Translators: %s is a number, grouped as in "12 199" */
  *decided_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s referred", "%s referred",
                                                decided), decided_count);
  /* Translators: %s is a number, grouped as in "12 199" */
  *active_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%s active at the end of the month",
                                               "%s active at the end of the month", active),
                                  active_count);
}

/* "33 referred · 32 active at the end of the month" */
char *
anv_map_figures_format_totals (const AnvSummaryRow *row)
{
  g_autofree char *decided_text = NULL;
  g_autofree char *active_text = NULL;

  format_decided_active (row, &decided_text, &active_text);
  /* Translators: the map's totals, “33 referred · 32 active at the end of the month” */
  return g_strdup_printf (_("%1$s · %2$s"), decided_text, active_text);
}

/* "Umeå (Västerbottens län), KROM in April 2020: 3 referred, 2 active …,
 * 1 result", or that the service was not offered there in @month. */
char *
anv_map_figures_describe_area (const AnvMapArea      *area,
                               const AnvSummaryRow   *row,
                               const AnvMunicipality *municipality,
                               AnvService             service,
                               const char            *month,
                               gboolean               offered)
{
  g_autofree char *month_name = anv_date_format_month (month, FALSE);
  g_autofree char *place = NULL;
  guint results = anv_map_figures_get_value (row, ANV_MAP_MEASURE_RESULTS);
  g_autofree char *results_count = NULL;
  g_autofree char *decided_text = NULL;
  g_autofree char *active_text = NULL;
  g_autofree char *results_text = NULL;

  /* Translators: a municipality and its county, “Umeå (Västerbottens län)” */
  place = g_strdup_printf (_("%1$s (%2$s)"), area->name,
                           municipality != NULL ? municipality->county_name : area->county_code);
  if (!offered)
    /* Translators: %1$s is a place, %2$s a service (KROM, STOM), %3$s a month */
    return g_strdup_printf (_("%1$s: %2$s was not offered in %3$s"), place,
                            anv_service_code (service), month_name);

  format_decided_active (row, &decided_text, &active_text);
  results_count = anv_format_count (results);
  /* Translators: %s is a number, grouped as in "12 199" */
  results_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s result", "%s results",
                                               results), results_count);
  /* Translators: %1$s a place, %2$s the service, %3$s the month, then the numbers */
  return g_strdup_printf (_("%1$s, %2$s in %3$s: %4$s, %5$s, %6$s"), place,
                          anv_service_code (service), month_name, decided_text, active_text,
                          results_text);
}
