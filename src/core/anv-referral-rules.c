/* anv-referral-rules.c — the rules a referral's decision and events keep
 *
 * The service that applies on the date, the levels of each service, the
 * provider that may be recorded, the earliest start and the order of the
 * dates: checked here once, for the decision, the events and corrections.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-referral-rules"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "anv-approvals.h"
#include "anv-date.h"
#include "anv-providers-private.h"
#include "anv-referrals-private.h"
#include "anv-text.h"
#include "anv-workdays.h"

void
anv_referrals_earliest_start (const GDate *decided_on,
                              GDate       *out)
{
  *out = *decided_on;
  anv_workdays_add (out, ANV_REFERRAL_MIN_WORKING_DAYS);
}

char *
anv_referrals_decision_warning (const GDate *decided_on)
{
  g_autofree char *why = anv_workdays_why_not_working (decided_on);

  if (why == NULL)
    return NULL;
  /* Translators: %s says which day it is, e.g. “2020-06-06 is National Day
   * of Sweden, not a working day.” */
  return g_strdup_printf (_("The decision is dated on a day off: %s Check that the date is "
                            "right."), why);
}

/* Levels */

const char *const *
anv_referral_levels (AnvService service)
{
  static const char *const krom[] = { "A", "B", "C", NULL };
  static const char *const stom[] = { "1", "2", "3", "4", NULL };
  static const char *const none[] = { NULL };

  switch (service)
    {
    case ANV_SERVICE_KROM:
      return krom;
    case ANV_SERVICE_STOM:
      return stom;
    case ANV_SERVICE_NONE:
    default:
      return none;
    }
}

char *
anv_referral_level_label (AnvService  service,
                          const char *level)
{
  static const char *const tracks[] = {
    /* Translators: the four tracks (spår) of Stöd och matchning */
    N_("Track 1: Basic"),
    N_("Track 2: Basic with language support"),
    N_("Track 3: Enhanced"),
    N_("Track 4: Enhanced with language support"),
  };
  const char *const *levels = anv_referral_levels (service);

  for (guint i = 0; level != NULL && levels[i] != NULL; i++)
    {
      if (strcmp (levels[i], level) != 0)
        continue;
      if (service == ANV_SERVICE_KROM)
        /* Translators: a level of Rusta och matcha, A–C */
        return g_strdup_printf (_("Level %s"), level);
      return g_strdup (_(tracks[i]));
    }
  return NULL;
}

char *
anv_referral_level_in_sentence (AnvService  service,
                                const char *level)
{
  const char *const *levels = anv_referral_levels (service);

  for (guint i = 0; level != NULL && levels[i] != NULL; i++)
    {
      if (strcmp (levels[i], level) != 0)
        continue;
      if (service == ANV_SERVICE_KROM)
        /* Translators: a level of Rusta och matcha (A, B or C), inside a sentence */
        return g_strdup_printf (_("level %s"), level);
      /* Translators: a track of Stöd och matchning (1–4), inside a sentence */
      return g_strdup_printf (_("track %s"), level);
    }
  return NULL;
}

gboolean
anv_referrals_check_not_future (const GDate *date,
                                const GDate *today,
                                const char  *what,
                                GError     **error)
{
  char day[11];

  if (g_date_compare (date, today) <= 0)
    return TRUE;
  anv_date_format (date, day);
  g_set_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_LIFE_CYCLE,
               /* Translators: %1$s is e.g. "The decision", %2$s a date */
               _("%1$s cannot be dated %2$s, after today. Record it on the day it happens."),
               what, day);
  return FALSE;
}

/* The service to decide: the one that applies in the municipality on the
 * date; asking for the other is refused with the reason. */
gboolean
anv_referrals_choose_service (AnvDb       *db,
                              AnvService   wanted,
                              const char  *municipality_code,
                              const char  *municipality_name,
                              const GDate *date,
                              AnvService  *out,
                              GError     **error)
{
  g_autoptr (GError) local_error = NULL;
  AnvService applies = anv_availability_service_on (db, municipality_code, date, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (applies == ANV_SERVICE_NONE || (wanted != ANV_SERVICE_NONE && wanted != applies))
    {
      g_autofree char *why = anv_referrals_explain_unavailable (db, wanted, applies,
                                                                municipality_code,
                                                                municipality_name, date, error);

      if (why != NULL)
        g_set_error_literal (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_SERVICE, why);
      return FALSE;
    }

  *out = applies;
  return TRUE;
}

gboolean
anv_referrals_check_level (AnvService   service,
                           const char  *level,
                           GError     **error)
{
  if (level != NULL && g_strv_contains (anv_referral_levels (service), level))
    return TRUE;

  if (service == ANV_SERVICE_KROM)
    {
      g_autofree char *shown = anv_text_quote (level ? level : "");

      g_set_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_LEVEL,
                   /* Translators: A, B and C are the levels; keep them */
                   _("“%s” is not a level of Rusta och matcha: choose A, B or C, as the "
                     "assessment tool gave."),
                   shown);
    }
  else
    {
      g_autofree char *shown = anv_text_quote (level ? level : "");

      g_set_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_LEVEL,
                   _("“%s” is not a track of Stöd och matchning: choose 1 (grundläggande), "
                     "2 (grundläggande med språkstöd), 3 (förstärkt) or 4 (förstärkt med "
                     "språkstöd)."),
                   shown);
    }
  return FALSE;
}

/* Whether the provider is approved for the service anywhere on the date:
 * the condition for a job seeker's own choice outside the area. The rule
 * is anv_approvals_list_approved_anywhere()'s, which the window asks too. */
static gboolean
approved_anywhere (AnvDb        *db,
                   gint64        provider_id,
                   AnvService    service,
                   const GDate  *date,
                   gboolean     *out,
                   GError      **error)
{
  g_autoptr (GPtrArray) anywhere = anv_approvals_list_approved_anywhere (db, service, date,
                                                                         error);

  if (anywhere == NULL)
    return FALSE;
  *out = FALSE;
  for (guint i = 0; i < anywhere->len && !*out; i++)
    *out = ((AnvProvider *) g_ptr_array_index (anywhere, i))->id == provider_id;
  return TRUE;
}

/* The provider to record: approved where the job seeker lives, or the
 * job seeker's own choice outside the area when the officer confirmed it.
 * @out_outside_area tells which. */
AnvProvider *
anv_referrals_choose_provider (AnvDb             *db,
                               const char        *orgnr,
                               AnvProviderChoice  choice,
                               gboolean           outside_area_confirmed,
                               AnvService         service,
                               const char        *municipality_code,
                               const char        *municipality_name,
                               const GDate       *date,
                               const GDate       *today,
                               gboolean          *out_outside_area,
                               GError           **error)
{
  g_autoptr (AnvProvider) provider = NULL;
  gboolean approved = FALSE, anywhere = FALSE;
  char day[11];

  anv_date_format (date, day);

  if (orgnr == NULL && choice == ANV_CHOICE_DEFAULT)
    provider = anv_providers_propose_default (db, service, municipality_code, date, error);
  else if (orgnr == NULL)
    {
      g_set_error_literal (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_PROVIDER,
                           _("Name the provider the job seeker chose, or record the "
                             "no-choice default (ickevalsalternativ)."));
      return NULL;
    }
  else
    provider = anv_providers_get (db, orgnr, today, error);
  if (provider == NULL)
    return NULL;

  if (!provider->active)
    {
      g_set_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_PROVIDER,
                   _("%s is no longer an active provider. Choose another."), provider->name);
      return NULL;
    }

  if (!anv_providers_is_approved (db, provider->id, service, municipality_code, date,
                                  &approved, error))
    return NULL;
  *out_outside_area = !approved;
  if (approved)
    return g_steal_pointer (&provider);

  if (!approved_anywhere (db, provider->id, service, date, &anywhere, error))
    return NULL;

  if (!anywhere)
    g_set_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_PROVIDER,
                 /* Translators: %1$s provider, %2$s service, %3$s date */
                 _("%1$s is not approved for %2$s anywhere on %3$s. Choose an approved "
                   "provider."),
                 provider->name, anv_service_name (service), day);
  else if (choice == ANV_CHOICE_DEFAULT)
    g_set_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_PROVIDER,
                 _("%1$s is not approved in %2$s, so it cannot be the no-choice default "
                   "there. Choose a provider approved in %2$s."),
                 provider->name, municipality_name);
  else if (!outside_area_confirmed)
    g_set_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_PROVIDER,
                 _("%1$s is not approved for %2$s in %3$s. If the job seeker chose it "
                   "outside the area (and pays the travel), confirm it as their own choice "
                   "outside the area."),
                 provider->name, anv_service_name (service), municipality_name);
  else
    return g_steal_pointer (&provider);
  return NULL;
}

gboolean
anv_referrals_check_planned_start (const GDate *decided,
                                   const GDate *planned,
                                   GError     **error)
{
  GDate earliest;
  char day[11], first[11];

  anv_referrals_earliest_start (decided, &earliest);
  if (g_date_compare (planned, &earliest) >= 0)
    return TRUE;

  anv_date_format (planned, day);
  anv_date_format (&earliest, first);
  g_set_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_START_DATE,
               /* Translators: %1$s and %2$s are dates, %3$d a number */
               _("The start %1$s is too early: the service starts at least %3$d working days "
                 "after the decision, on %2$s at the earliest."),
               day, first, ANV_REFERRAL_MIN_WORKING_DAYS);
  return FALSE;
}

gboolean
anv_referrals_check_result_started (const char  *started_on,
                                    AnvEndKind   kind,
                                    GError     **error)
{
  if (started_on != NULL || kind != ANV_END_KIND_RESULT)
    return TRUE;
  g_set_error_literal (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_REASON,
                       _("Work and studies are results of a referral that has started: "
                         "record the start first, or choose an interruption."));
  return FALSE;
}

gboolean
anv_referrals_check_on_or_after (const GDate *date,
                                 const char  *earlier,
                                 const char  *what,
                                 const char  *earlier_what,
                                 GError     **error)
{
  char day[11];

  anv_date_format (date, day);
  if (earlier == NULL || strcmp (day, earlier) >= 0)
    return TRUE;
  g_set_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_LIFE_CYCLE,
               /* Translators: "The start (2020-04-01) cannot come before the decision
                * (2020-04-06)." */
               _("%1$s (%2$s) cannot come before %3$s (%4$s)."),
               what, day, earlier_what, earlier);
  return FALSE;
}
