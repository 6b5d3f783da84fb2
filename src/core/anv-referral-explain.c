/* anv-referral-explain.c — why a matching service is not offered there and then
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-referral-explain"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "anv-date.h"
#include "anv-referrals-private.h"

/**
 * anv_referrals_explain_unavailable:
 *
 * Why @unavailable is not offered there and then, where @applies is: the
 * one sentence for the dialog and the rule alike.
 */
char *
anv_referrals_explain_unavailable (AnvDb       *db,
                                   AnvService   unavailable,
                                   AnvService   applies,
                                   const char  *municipality_code,
                                   const char  *municipality_name,
                                   const GDate *date,
                                   GError     **error)
{
  g_autoptr (GPtrArray) periods = NULL;
  const char *ended = NULL, *starts = NULL, *since = NULL;

  g_return_val_if_fail (ANV_IS_DB (db), NULL);
  g_return_val_if_fail (municipality_code != NULL && municipality_name != NULL, NULL);
  g_return_val_if_fail (date != NULL, NULL);

  if (applies == ANV_SERVICE_NONE)
    {
      g_autofree char *long_day = anv_date_format_long (date);

      /* Translators: %1$s municipality, %2$s date */
      return g_strdup_printf (_("No matching service can be decided in %1$s on %2$s."),
                              municipality_name, long_day);
    }

  periods = anv_availability_list (db, municipality_code, error);
  if (periods == NULL)
    return NULL;

  for (guint i = 0; i < periods->len; i++)
    {
      AnvAvailability *a = g_ptr_array_index (periods, i);

      if (a->service == unavailable && anv_availability_ended_before (a, date))
        ended = a->valid_to;                 /* the last one that ended */
      else if (a->service == unavailable && starts == NULL
               && anv_availability_begins_after (a, date))
        starts = a->valid_from;              /* the first one still to come */
      else if (a->service == applies && since == NULL && anv_availability_holds_on (a, date))
        since = a->valid_from;
    }

  if (ended != NULL)
    {
      GDate next;
      g_autofree char *next_text = NULL;

      anv_date_parse (ended, &next, NULL);
      g_date_add_days (&next, 1);
      next_text = anv_date_format_long (&next);
      /* Translators: "Stöd och matchning is not offered in Umeå since
       * March 30, 2020: there Rusta och matcha applies." */
      return g_strdup_printf (_("%1$s is not offered in %2$s since %3$s: there %4$s applies."),
                              anv_service_name (unavailable), municipality_name, next_text,
                              anv_service_name (applies));
    }
  if (starts != NULL)
    {
      g_autofree char *starts_text = anv_date_format_long_iso (starts);

      /* Translators: "Rusta och matcha is not offered in Stockholm before
       * December 7, 2021: there Stöd och matchning applies." */
      return g_strdup_printf (_("%1$s is not offered in %2$s before %3$s: there %4$s applies."),
                              anv_service_name (unavailable), municipality_name, starts_text,
                              anv_service_name (applies));
    }
  {
    g_autofree char *long_day = anv_date_format_long (date);
    g_autofree char *since_text = since ? anv_date_format_long_iso (since)
                                        : g_strdup (long_day);

    /* Translators: "Rusta och matcha is not offered in Stockholm on
     * April 6, 2020: there Stöd och matchning applies (since …)." */
    return g_strdup_printf (_("%1$s is not offered in %2$s on %3$s: there %4$s applies "
                              "(since %5$s)."),
                            anv_service_name (unavailable), municipality_name, long_day,
                            anv_service_name (applies), since_text);
  }
}
