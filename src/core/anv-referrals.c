/* anv-referrals.c — referrals (anvisningar) and their life cycle
 *
 * Every rule of DOMAIN.md that concerns a referral is checked here, once,
 * for the GUI and the CLI alike; the schema holds the ones SQL can (one
 * open referral per job seeker, dates in order, no deletion). Each write
 * updates the summary and the audit log in the same transaction.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-referrals"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "anv-approvals.h"
#include "anv-audit.h"
#include "anv-date.h"
#include "anv-db-private.h"
#include "anv-end-reasons.h"
#include "anv-municipalities.h"
#include "anv-personnummer.h"
#include "anv-providers.h"
#include "anv-referrals.h"
#include "anv-seekers.h"
#include "anv-summary-private.h"
#include "anv-workdays.h"
#include "anv-text.h"

/* A correction's reason, as long as a short paragraph */
#define MAX_CORRECTION_REASON_CHARS 500

G_DEFINE_QUARK (anv-referral-error-quark, anv_referral_error)

/* Plain data */

static void
referral_provider_free (gpointer data)
{
  AnvReferralProvider *p = data;

  g_free (p->orgnr);
  g_free (p->name);
  g_free (p->from_date);
  g_free (p->changed_by);
  g_free (p);
}

void
anv_referral_free (AnvReferral *referral)
{
  if (referral == NULL)
    return;
  g_free (referral->level);
  g_free (referral->municipality_code);
  g_free (referral->municipality_name);
  g_free (referral->decided_on);
  g_free (referral->planned_start);
  g_free (referral->started_on);
  g_free (referral->ended_on);
  g_free (referral->end_reason);
  g_free (referral->decided_by);
  g_clear_pointer (&referral->providers, g_ptr_array_unref);
  g_free (referral);
}

const AnvReferralProvider *
anv_referral_current_provider (const AnvReferral *referral)
{
  if (referral->providers == NULL || referral->providers->len == 0)
    return NULL;
  return g_ptr_array_index (referral->providers, referral->providers->len - 1);
}

static gboolean
is_open (const AnvReferral *referral)
{
  return referral->ended_on == NULL && !referral->annulled;
}

AnvReferralEvents
anv_referral_allowed_events (const AnvReferral *referral)
{
  AnvReferralEvents events = ANV_REFERRAL_EVENT_NONE;

  if (!is_open (referral))
    return events;
  events |= ANV_REFERRAL_EVENT_CHANGE_PROVIDER | ANV_REFERRAL_EVENT_END;
  if (referral->started_on == NULL)
    events |= ANV_REFERRAL_EVENT_START;
  return events;
}

AnvReferralEvents
anv_referrals_allowed_events (const GPtrArray *referrals)
{
  for (guint i = 0; referrals != NULL && i < referrals->len; i++)
    {
      const AnvReferral *referral = g_ptr_array_index ((GPtrArray *) referrals, i);

      if (is_open (referral))
        return anv_referral_allowed_events (referral);
    }
  return ANV_REFERRAL_EVENT_DECIDE;
}

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

/* Reading */

#define SELECT_REFERRAL \
  "SELECT r.id, r.seeker_id, r.service, r.level, r.choice, r.municipality_code, " \
  "       m.short_name, r.decided_on, r.planned_start, r.started_on, r.ended_on, " \
  "       r.end_reason, e.kind, r.annulled, r.decided_by " \
  "FROM referral r JOIN municipality m ON m.code = r.municipality_code " \
  "LEFT JOIN end_reason e ON e.code = r.end_reason "

static gpointer
referral_from_row (AnvDbStmt *stmt,
                   gpointer   user_data)
{
  AnvReferral *r = g_new0 (AnvReferral, 1);

  r->id = anv_db_column_int64 (stmt, 0);
  r->seeker_id = anv_db_column_int64 (stmt, 1);
  anv_service_parse (anv_db_column_text (stmt, 2), &r->service, NULL);
  r->level = anv_db_column_dup (stmt, 3);
  r->choice = g_strcmp0 (anv_db_column_text (stmt, 4), "own") == 0
                ? ANV_CHOICE_OWN : ANV_CHOICE_DEFAULT;
  r->municipality_code = anv_db_column_dup (stmt, 5);
  r->municipality_name = anv_db_column_dup (stmt, 6);
  r->decided_on = anv_db_column_dup (stmt, 7);
  r->planned_start = anv_db_column_dup (stmt, 8);
  r->started_on = anv_db_column_dup (stmt, 9);
  r->ended_on = anv_db_column_dup (stmt, 10);
  r->end_reason = anv_db_column_dup (stmt, 11);
  r->end_kind = g_strcmp0 (anv_db_column_text (stmt, 12), "result") == 0
                  ? ANV_END_KIND_RESULT : ANV_END_KIND_INTERRUPTION;
  r->annulled = anv_db_column_int (stmt, 13) != 0;
  r->decided_by = anv_db_column_dup (stmt, 14);
  return r;
}

static gpointer
provider_from_row (AnvDbStmt *stmt,
                   gpointer   user_data)
{
  AnvReferralProvider *p = g_new0 (AnvReferralProvider, 1);

  p->orgnr = anv_db_column_dup (stmt, 0);
  p->name = anv_db_column_dup (stmt, 1);
  p->from_date = anv_db_column_dup (stmt, 2);
  p->outside_area = anv_db_column_int (stmt, 3) != 0;
  p->changed_by = anv_db_column_dup (stmt, 4);
  return p;
}

static gboolean
load_providers (AnvDb        *db,
                AnvReferral  *referral,
                GError      **error)
{
  AnvDbStmt *stmt = anv_db_prepare (db, "referrals/providers",
    "SELECT p.orgnr, p.name, rp.from_date, rp.outside_area, rp.changed_by "
    "FROM referral_provider rp JOIN provider p ON p.id = rp.provider_id "
    "WHERE rp.referral_id = ?1 ORDER BY rp.from_date, rp.id", error);

  if (stmt == NULL)
    return FALSE;
  anv_db_bind_int64 (stmt, 1, referral->id);
  referral->providers = anv_db_collect (stmt, provider_from_row, NULL, referral_provider_free,
                                        error);
  return referral->providers != NULL;
}

AnvReferral *
anv_referrals_get (AnvDb   *db,
                   gint64   id,
                   GError **error)
{
  AnvDbStmt *stmt = anv_db_prepare (db, "referrals/get", SELECT_REFERRAL "WHERE r.id = ?1",
                                    error);
  g_autoptr (AnvReferral) referral = NULL;
  AnvDbStep step;

  if (stmt == NULL)
    return NULL;
  anv_db_bind_int64 (stmt, 1, id);
  step = anv_db_step (stmt, error);
  if (step == ANV_DB_FAILED)
    return NULL;
  if (step == ANV_DB_DONE)
    {
      g_set_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_NOT_FOUND,
                   _("There is no referral number %lld."), (long long) id);
      return NULL;
    }
  referral = referral_from_row (stmt, NULL);
  anv_db_reset (stmt);
  if (!load_providers (db, referral, error))
    return NULL;
  return g_steal_pointer (&referral);
}

/* The open referral's id, 0 if none. */
static gint64
find_open (AnvDb   *db,
           gint64   seeker_id,
           GError **error)
{
  AnvDbStmt *stmt = anv_db_prepare (db, "referrals/find-open",
    "SELECT id FROM referral WHERE seeker_id = ?1 AND ended_on IS NULL AND NOT annulled",
    error);
  gint64 id = 0;
  AnvDbStep step;

  if (stmt == NULL)
    return -1;
  anv_db_bind_int64 (stmt, 1, seeker_id);
  step = anv_db_step (stmt, error);
  if (step == ANV_DB_FAILED)
    return -1;
  if (step == ANV_DB_ROW)
    {
      id = anv_db_column_int64 (stmt, 0);
      anv_db_reset (stmt);
    }
  return id;
}

GPtrArray *
anv_referrals_for_seeker (AnvDb       *db,
                          const char  *personnummer,
                          const GDate *today,
                          GError     **error)
{
  g_autoptr (AnvSeeker) seeker = anv_seekers_get (db, personnummer, today, error);
  g_autoptr (GPtrArray) list = NULL;
  AnvDbStmt *stmt;

  if (seeker == NULL)
    return NULL;
  stmt = anv_db_prepare (db, "referrals/for-seeker",
                         SELECT_REFERRAL
                         "WHERE r.seeker_id = ?1 ORDER BY r.decided_on DESC, r.id DESC", error);
  if (stmt == NULL)
    return NULL;

  anv_db_bind_int64 (stmt, 1, seeker->id);
  list = anv_db_collect (stmt, referral_from_row, NULL, (GDestroyNotify) anv_referral_free,
                         error);
  if (list == NULL)
    return NULL;
  for (guint i = 0; i < list->len; i++)
    if (!load_providers (db, g_ptr_array_index (list, i), error))
      return NULL;
  return g_steal_pointer (&list);
}

/* The summary's view of a referral */

static AnvSummaryEnd
summary_end_of (const AnvReferral *r)
{
  if (r->ended_on == NULL)
    return ANV_SUMMARY_END_NONE;
  if (r->end_kind == ANV_END_KIND_INTERRUPTION)
    return ANV_SUMMARY_END_INTERRUPTED;
  /* Results: studies are counted apart; every other result is work. */
  return g_strcmp0 (r->end_reason, "studier") == 0 ? ANV_SUMMARY_END_STUDIES
                                                   : ANV_SUMMARY_END_JOB;
}

static gboolean
is_female (AnvDb   *db,
           gint64   referral_id)
{
  /* The referral was read a moment ago in the same transaction: a failure
   * here would have failed there first, so it is not reported twice. */
  AnvDbStmt *stmt = anv_db_prepare (db, "referrals/female",
                                    "SELECT female FROM referral WHERE id = ?1", NULL);
  gboolean female = FALSE;

  if (stmt == NULL)
    return FALSE;
  anv_db_bind_int64 (stmt, 1, referral_id);
  if (anv_db_step (stmt, NULL) == ANV_DB_ROW)
    {
      female = anv_db_column_int (stmt, 0) != 0;
      anv_db_reset (stmt);
    }
  return female;
}

static void
facts_of (const AnvReferral *r,
          gboolean           female,
          AnvSummaryFacts   *facts)
{
  memset (facts, 0, sizeof *facts);
  facts->service = r->service;
  g_strlcpy (facts->municipality_code, r->municipality_code, sizeof facts->municipality_code);
  facts->female = female;
  facts->annulled = r->annulled;
  g_strlcpy (facts->decided_on, r->decided_on, sizeof facts->decided_on);
  if (r->started_on != NULL)
    g_strlcpy (facts->started_on, r->started_on, sizeof facts->started_on);
  if (r->ended_on != NULL)
    g_strlcpy (facts->ended_on, r->ended_on, sizeof facts->ended_on);
  facts->end = summary_end_of (r);
}

/* Inside a transaction: takes the referral's old contribution away and
 * adds its new one. */
static gboolean
resummarize (AnvDb              *db,
             const AnvReferral  *before,
             GError            **error)
{
  g_autoptr (AnvReferral) after = anv_referrals_get (db, before->id, error);
  gboolean female;
  AnvSummaryFacts old_facts, new_facts;

  if (after == NULL)
    return FALSE;
  female = is_female (db, before->id);
  facts_of (before, female, &old_facts);
  facts_of (after, female, &new_facts);
  return anv_summary_apply (db, &old_facts, -1, error)
         && anv_summary_apply (db, &new_facts, 1, error);
}

static gboolean
audit_referral (AnvDb       *db,
                const char  *action,
                gint64       referral_id,
                const char  *details,
                GError     **error)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, referral_id);

  return anv_audit_append (db, action, "referral", id, details, error);
}

/* Rules */

static gboolean
check_not_future (const GDate *date,
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
  char day[11];

  g_return_val_if_fail (ANV_IS_DB (db), NULL);
  g_return_val_if_fail (municipality_code != NULL && municipality_name != NULL, NULL);
  g_return_val_if_fail (date != NULL, NULL);

  periods = anv_availability_list (db, municipality_code, error);
  if (periods == NULL)
    return NULL;

  anv_date_format (date, day);
  for (guint i = 0; i < periods->len; i++)
    {
      AnvAvailability *a = g_ptr_array_index (periods, i);

      if (a->service == unavailable && a->valid_to != NULL && strcmp (a->valid_to, day) < 0)
        ended = a->valid_to;                 /* the last one that ended */
      else if (a->service == unavailable && starts == NULL && strcmp (a->valid_from, day) > 0)
        starts = a->valid_from;              /* the first one still to come */
      else if (a->service == applies && since == NULL && strcmp (a->valid_from, day) <= 0
               && (a->valid_to == NULL || strcmp (a->valid_to, day) >= 0))
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

/* The service to decide: the one that applies in the municipality on the
 * date; asking for the other is refused with the reason. */
static gboolean
choose_service (AnvDb       *db,
                AnvService   wanted,
                const char  *municipality_code,
                const char  *municipality_name,
                const GDate *date,
                AnvService  *out,
                GError     **error)
{
  g_autoptr (GError) local_error = NULL;
  AnvService applies = anv_availability_service_on (db, municipality_code, date, &local_error);
  char day[11];
  g_autofree char *long_day = NULL;

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  anv_date_format (date, day);
  long_day = anv_date_format_long_iso (day);

  if (applies == ANV_SERVICE_NONE)
    {
      g_set_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_SERVICE,
                   /* Translators: %1$s municipality, %2$s date */
                   _("No matching service can be decided in %1$s on %2$s."),
                   municipality_name, long_day);
      return FALSE;
    }

  if (wanted != ANV_SERVICE_NONE && wanted != applies)
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

static gboolean
check_level (AnvService   service,
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
 * the condition for a job seeker's own choice outside the area. */
static gboolean
approved_anywhere (AnvDb       *db,
                   gint64       provider_id,
                   AnvService   service,
                   const char  *day,
                   gboolean    *out,
                   GError     **error)
{
  AnvDbStmt *stmt = anv_db_prepare (db, "referrals/approved-anywhere",
    "SELECT EXISTS (SELECT 1 FROM approval a JOIN delivery_area d ON d.id = a.area_id "
    "               WHERE a.provider_id = ?1 AND d.service = ?2 AND a.valid_from <= ?3 "
    "                 AND (a.valid_to IS NULL OR a.valid_to >= ?3))", error);
  AnvDbStep step;

  if (stmt == NULL)
    return FALSE;
  anv_db_bind_int64 (stmt, 1, provider_id);
  anv_db_bind_text (stmt, 2, anv_service_code (service));
  anv_db_bind_text (stmt, 3, day);
  step = anv_db_step (stmt, error);
  if (step == ANV_DB_FAILED)
    return FALSE;
  *out = step == ANV_DB_ROW && anv_db_column_int (stmt, 0) != 0;
  if (step == ANV_DB_ROW)
    anv_db_reset (stmt);
  return TRUE;
}

/* The provider to record: approved where the job seeker lives, or the
 * job seeker's own choice outside the area when the officer confirmed it.
 * @out_outside_area tells which. */
static AnvProvider *
choose_provider (AnvDb             *db,
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
    provider = anv_providers_propose_nearest (db, service, municipality_code, date, error);
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

  if (!approved_anywhere (db, provider->id, service, day, &anywhere, error))
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

static gboolean
insert_provider_row (AnvDb       *db,
                     gint64       referral_id,
                     gint64       provider_id,
                     const char  *from_date,
                     gboolean     outside_area,
                     GError     **error)
{
  AnvDbStmt *stmt = anv_db_prepare (db, "referrals/insert-provider",
    "INSERT INTO referral_provider (referral_id, provider_id, from_date, outside_area, "
    "                               changed_by) VALUES (?1, ?2, ?3, ?4, ?5)", error);

  if (stmt == NULL)
    return FALSE;
  anv_db_bind_int64 (stmt, 1, referral_id);
  anv_db_bind_int64 (stmt, 2, provider_id);
  anv_db_bind_text (stmt, 3, from_date);
  anv_db_bind_int64 (stmt, 4, outside_area);
  anv_db_bind_text (stmt, 5, anv_db_get_user (db));
  return anv_db_step_done (stmt, error);
}

static void
set_open_error (AnvDb       *db,
                gint64       open_id,
                GError     **error)
{
  /* For the message about a refusal: if the open referral cannot be read,
   * the message is told without its details rather than failing anew. */
  g_autoptr (AnvReferral) open = anv_referrals_get (db, open_id, NULL);

  if (open == NULL)
    {
      g_set_error_literal (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_OPEN,
                           _("The job seeker has an open referral already. End it before "
                             "deciding a new one."));
      return;
    }
  g_set_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_OPEN,
               /* Translators: %1$s service, %2$s date */
               _("The job seeker has an open referral already: %1$s, decided on %2$s. End it "
                 "before deciding a new one."),
               anv_service_name (open->service), open->decided_on);
}

/* Decide */

typedef struct
{
  AnvSeeker       *seeker;
  AnvPersonnummer  pnr;
  AnvService       service;
  AnvProvider     *provider;
  gboolean         outside_area;
  GDate            decided;
  GDate            planned;
} Decision;

static void
decision_clear (Decision *d)
{
  g_clear_pointer (&d->seeker, anv_seeker_free);
  g_clear_pointer (&d->provider, anv_provider_free);
}

static gboolean
check_planned_start (const GDate *decided,
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

static gboolean
check_decision (AnvDb                  *db,
                const AnvReferralInput *input,
                const GDate            *today,
                Decision               *d,
                GError                **error)
{
  gint64 open_id;

  if (!anv_personnummer_parse (input->personnummer, today, &d->pnr, error))
    return FALSE;
  d->seeker = anv_seekers_get (db, input->personnummer, today, error);
  if (d->seeker == NULL)
    return FALSE;

  d->decided = input->decided_on ? *input->decided_on : *today;
  if (!check_not_future (&d->decided, today, _("The decision"), error))
    return FALSE;

  open_id = find_open (db, d->seeker->id, error);
  if (open_id < 0)
    return FALSE;
  if (open_id > 0)
    {
      set_open_error (db, open_id, error);
      return FALSE;
    }

  if (!choose_service (db, input->service, d->seeker->municipality_code,
                       d->seeker->municipality_name, &d->decided, &d->service, error)
      || !check_level (d->service, input->level, error))
    return FALSE;

  d->provider = choose_provider (db, input->provider_orgnr, input->choice, input->outside_area,
                                 d->service, d->seeker->municipality_code,
                                 d->seeker->municipality_name, &d->decided, today,
                                 &d->outside_area, error);
  if (d->provider == NULL)
    return FALSE;

  if (input->planned_start != NULL)
    d->planned = *input->planned_start;
  else
    anv_referrals_earliest_start (&d->decided, &d->planned);
  return check_planned_start (&d->decided, &d->planned, error);
}

static gint64
insert_referral (AnvDb                  *db,
                 const AnvReferralInput *input,
                 Decision               *d,
                 GError                **error)
{
  AnvDbStmt *stmt = anv_db_prepare (db, "referrals/insert",
    "INSERT INTO referral (seeker_id, service, level, choice, municipality_code, female, "
    "                      decided_on, planned_start, decided_by) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) RETURNING id", error);
  g_autoptr (GError) local_error = NULL;
  char decided[11], planned[11];
  gint64 id;

  if (stmt == NULL)
    return -1;
  anv_date_format (&d->decided, decided);
  anv_date_format (&d->planned, planned);
  anv_db_bind_int64 (stmt, 1, d->seeker->id);
  anv_db_bind_text (stmt, 2, anv_service_code (d->service));
  anv_db_bind_text (stmt, 3, input->level);
  anv_db_bind_text (stmt, 4, input->choice == ANV_CHOICE_OWN ? "own" : "default");
  anv_db_bind_text (stmt, 5, d->seeker->municipality_code);
  anv_db_bind_int64 (stmt, 6, d->pnr.gender == ANV_GENDER_FEMALE);
  anv_db_bind_text (stmt, 7, decided);
  anv_db_bind_text (stmt, 8, planned);
  anv_db_bind_text (stmt, 9, anv_db_get_user (db));
  if (anv_db_step_insert (stmt, &id, &local_error))
    return id;
  /* Another process decided one in between: the index says no. */
  if (g_error_matches (local_error, ANV_DB_ERROR, ANV_DB_ERROR_DUPLICATE))
    set_open_error (db, find_open (db, d->seeker->id, NULL), error);
  else
    g_propagate_error (error, g_steal_pointer (&local_error));
  return -1;
}

AnvReferral *
anv_referrals_decide (AnvDb                  *db,
                      const AnvReferralInput *input,
                      const GDate            *today,
                      GError                **error)
{
  Decision d = { 0 };
  g_autoptr (AnvReferral) referral = NULL;
  g_autofree char *details = NULL;
  AnvSummaryFacts facts;
  gint64 id;
  char decided[11];

  if (!anv_db_begin (db, error))
    return NULL;

  if (!check_decision (db, input, today, &d, error))
    goto fail;

  id = insert_referral (db, input, &d, error);
  anv_date_format (&d.decided, decided);
  if (id < 0
      || !insert_provider_row (db, id, d.provider->id, decided, d.outside_area, error))
    goto fail;

  referral = anv_referrals_get (db, id, error);
  if (referral == NULL)
    goto fail;
  facts_of (referral, d.pnr.gender == ANV_GENDER_FEMALE, &facts);
  details = g_strdup_printf ("%s %s level %s provider %s%s%s", anv_service_code (d.service),
                             decided, input->level, d.provider->orgnr,
                             input->choice == ANV_CHOICE_DEFAULT ? " no-choice" : "",
                             d.outside_area ? " outside-area" : "");
  if (!anv_summary_apply (db, &facts, 1, error)
      || !audit_referral (db, "referral.decide", id, details, error)
      || !anv_db_commit (db, error))
    goto fail;

  decision_clear (&d);
  return g_steal_pointer (&referral);

fail:
  anv_db_rollback (db);
  decision_clear (&d);
  return NULL;
}

/* Start, change of provider, end */

/* Begins a transaction and loads the job seeker's open referral. */
static AnvReferral *
begin_on_open (AnvDb       *db,
               const char  *personnummer,
               const GDate *today,
               GError     **error)
{
  g_autoptr (AnvSeeker) seeker = NULL;
  gint64 open_id;

  if (!anv_db_begin (db, error))
    return NULL;
  seeker = anv_seekers_get (db, personnummer, today, error);
  open_id = seeker ? find_open (db, seeker->id, error) : -1;
  if (open_id == 0)
    {
      g_autofree char *masked = anv_personnummer_format_masked (seeker->personnummer);

      g_set_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_NO_OPEN,
                   _("%s has no open referral. Decide a referral first."), masked);
    }
  if (open_id > 0)
    {
      AnvReferral *referral = anv_referrals_get (db, open_id, error);

      if (referral != NULL)
        return referral;
    }
  anv_db_rollback (db);
  return NULL;
}

static gboolean
finish_write (AnvDb             *db,
              const AnvReferral *before,
              const char        *action,
              const char        *details,
              gboolean           summary_changes,
              GError           **error)
{
  if ((summary_changes && !resummarize (db, before, error))
      || !audit_referral (db, action, before->id, details, error)
      || !anv_db_commit (db, error))
    {
      anv_db_rollback (db);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_on_or_after (const GDate *date,
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

static gboolean
check_start (const AnvReferral  *r,
             const GDate        *when,
             const GDate        *today,
             GError            **error)
{
  GDate decided, earliest;

  if (!(anv_referral_allowed_events (r) & ANV_REFERRAL_EVENT_START))
    {
      g_set_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_LIFE_CYCLE,
                   _("The referral started already, on %s. A start is recorded once; "
                     "correct it if the date is wrong."),
                   r->started_on);
      return FALSE;
    }
  if (!check_not_future (when, today, _("The start"), error)
      || !check_on_or_after (when, r->decided_on, _("The start"), _("the decision"), error))
    return FALSE;

  anv_date_parse (r->decided_on, &decided, NULL);
  anv_referrals_earliest_start (&decided, &earliest);
  return check_planned_start (&decided, when, error);
}

gboolean
anv_referrals_start (AnvDb       *db,
                     const char  *personnummer,
                     const GDate *date,
                     const GDate *today,
                     GError     **error)
{
  g_autoptr (AnvReferral) r = begin_on_open (db, personnummer, today, error);
  GDate when = date ? *date : *today;
  AnvDbStmt *stmt;
  char day[11];

  if (r == NULL)
    return FALSE;
  if (!check_start (r, &when, today, error)
      || (stmt = anv_db_prepare (db, "referrals/start",
                                 "UPDATE referral SET started_on = ?1 WHERE id = ?2",
                                 error)) == NULL)
    {
      anv_db_rollback (db);
      return FALSE;
    }

  anv_date_format (&when, day);
  anv_db_bind_text (stmt, 1, day);
  anv_db_bind_int64 (stmt, 2, r->id);
  if (!anv_db_step_done (stmt, error))
    {
      anv_db_rollback (db);
      return FALSE;
    }
  return finish_write (db, r, "referral.start", day, TRUE, error);
}

gboolean
anv_referrals_change_provider (AnvDb       *db,
                               const char  *personnummer,
                               const char  *provider_orgnr,
                               gboolean     outside_area,
                               const GDate *date,
                               const GDate *today,
                               GError     **error)
{
  g_autoptr (AnvReferral) r = begin_on_open (db, personnummer, today, error);
  g_autoptr (AnvProvider) provider = NULL;
  const AnvReferralProvider *current;
  GDate when = date ? *date : *today;
  gboolean is_outside = FALSE;
  char day[11];
  g_autofree char *details = NULL;

  if (r == NULL)
    return FALSE;
  current = anv_referral_current_provider (r);

  if (!check_not_future (&when, today, _("The change of provider"), error)
      || !check_on_or_after (&when, current ? current->from_date : r->decided_on,
                             _("The change of provider"), _("the current provider’s start"),
                             error))
    goto fail;

  provider = choose_provider (db, provider_orgnr, ANV_CHOICE_OWN, outside_area, r->service,
                              r->municipality_code, r->municipality_name, &when, today,
                              &is_outside, error);
  if (provider == NULL)
    goto fail;
  if (current != NULL && strcmp (current->orgnr, provider->orgnr) == 0)
    {
      g_set_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_LIFE_CYCLE,
                   _("%s is the provider already. Choose another provider to change to."),
                   provider->name);
      goto fail;
    }

  anv_date_format (&when, day);
  details = g_strdup_printf ("%s from %s%s", provider->orgnr, day,
                             is_outside ? " outside-area" : "");
  if (!insert_provider_row (db, r->id, provider->id, day, is_outside, error))
    goto fail;
  return finish_write (db, r, "referral.change_provider", details, FALSE, error);

fail:
  anv_db_rollback (db);
  return FALSE;
}

gboolean
anv_referrals_end (AnvDb       *db,
                   const char  *personnummer,
                   const char  *reason_code,
                   const GDate *date,
                   const GDate *today,
                   GError     **error)
{
  g_autoptr (AnvReferral) r = begin_on_open (db, personnummer, today, error);
  g_autoptr (AnvEndReason) reason = NULL;
  GDate when = date ? *date : *today;
  AnvDbStmt *stmt;
  char day[11];
  g_autofree char *details = NULL;

  if (r == NULL)
    return FALSE;

  reason = anv_end_reasons_get (db, reason_code, error);
  if (reason != NULL && !reason->active)
    g_set_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_REASON,
                 _("The end reason “%s” is no longer offered. Choose another."), reason->code);
  if (reason == NULL || !reason->active
      || !check_not_future (&when, today, _("The end"), error)
      || !check_on_or_after (&when, r->decided_on, _("The end"), _("the decision"), error)
      || !check_on_or_after (&when, r->started_on, _("The end"), _("the start"), error))
    goto fail;

  stmt = anv_db_prepare (db, "referrals/end",
                         "UPDATE referral SET ended_on = ?1, end_reason = ?2 WHERE id = ?3",
                         error);
  if (stmt == NULL)
    goto fail;
  anv_date_format (&when, day);
  anv_db_bind_text (stmt, 1, day);
  anv_db_bind_text (stmt, 2, reason->code);
  anv_db_bind_int64 (stmt, 3, r->id);
  if (!anv_db_step_done (stmt, error))
    goto fail;

  details = g_strdup_printf ("%s %s", day, reason->code);
  return finish_write (db, r, "referral.end", details, TRUE, error);

fail:
  anv_db_rollback (db);
  return FALSE;
}

/* Corrections */

static const char *const correctable[] = {
  "decided_on", "planned_start", "started_on", "ended_on", "end_reason", "level", "annulled",
  NULL
};

/* One statement per field, each with its key: column names cannot be
 * bound. */
static AnvDbStmt *
prepare_update (AnvDb       *db,
                const char  *field,
                GError     **error)
{
  if (strcmp (field, "decided_on") == 0)
    return anv_db_prepare (db, "referrals/correct/decided-on",
                           "UPDATE referral SET decided_on = ?1 WHERE id = ?2", error);
  if (strcmp (field, "planned_start") == 0)
    return anv_db_prepare (db, "referrals/correct/planned-start",
                           "UPDATE referral SET planned_start = ?1 WHERE id = ?2", error);
  if (strcmp (field, "started_on") == 0)
    return anv_db_prepare (db, "referrals/correct/started-on",
                           "UPDATE referral SET started_on = ?1 WHERE id = ?2", error);
  if (strcmp (field, "ended_on") == 0)
    return anv_db_prepare (db, "referrals/correct/ended-on",
                           "UPDATE referral SET ended_on = ?1, "
                           "end_reason = CASE WHEN ?1 IS NULL THEN NULL ELSE end_reason END "
                           "WHERE id = ?2", error);
  if (strcmp (field, "end_reason") == 0)
    return anv_db_prepare (db, "referrals/correct/end-reason",
                           "UPDATE referral SET end_reason = ?1 WHERE id = ?2", error);
  if (strcmp (field, "level") == 0)
    return anv_db_prepare (db, "referrals/correct/level",
                           "UPDATE referral SET level = ?1 WHERE id = ?2", error);
  return anv_db_prepare (db, "referrals/correct/annulled",
                         "UPDATE referral SET annulled = CAST (?1 AS INTEGER) WHERE id = ?2",
                         error);
}

static const char *
old_value_of (const AnvReferral *r,
              const char        *field)
{
  if (strcmp (field, "decided_on") == 0)
    return r->decided_on;
  if (strcmp (field, "planned_start") == 0)
    return r->planned_start;
  if (strcmp (field, "started_on") == 0)
    return r->started_on;
  if (strcmp (field, "ended_on") == 0)
    return r->ended_on;
  if (strcmp (field, "end_reason") == 0)
    return r->end_reason;
  if (strcmp (field, "level") == 0)
    return r->level;
  return r->annulled ? "1" : "0";
}

static gboolean
correction_error (const char  *message,
                  GError     **error)
{
  g_set_error_literal (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_CORRECTION, message);
  return FALSE;
}

/* Checks the new value on its own; the referral's rules are checked on
 * the corrected row afterwards. */
static gboolean
check_new_value (AnvDb              *db,
                 const AnvReferral  *r,
                 const char         *field,
                 const char         *value,
                 GError            **error)
{
  GDate date;

  if (strcmp (field, "level") == 0)
    return check_level (r->service, value, error);
  if (strcmp (field, "annulled") == 0)
    return g_strcmp0 (value, "1") == 0 || g_strcmp0 (value, "0") == 0
           || correction_error (_("Annulled takes 1 (annul the referral) or 0 (restore it)."),
                                error);
  if (strcmp (field, "end_reason") == 0)
    {
      g_autoptr (AnvEndReason) reason = NULL;

      if (r->ended_on == NULL)
        return correction_error (_("The referral has not ended: record the end instead of "
                                   "correcting its reason."), error);
      reason = anv_end_reasons_get (db, value, error);
      return reason != NULL;
    }
  if (value == NULL)
    {
      if (strcmp (field, "started_on") == 0 || strcmp (field, "ended_on") == 0)
        return TRUE;
      return correction_error (_("This date cannot be removed, only corrected."), error);
    }
  if (strcmp (field, "ended_on") == 0 && r->ended_on == NULL)
    return correction_error (_("The referral has not ended: record the end instead of "
                               "correcting its date."), error);
  return anv_date_parse (value, &date, error);
}

/* The rules a corrected referral must still keep. */
static gboolean
check_corrected (AnvDb              *db,
                 const AnvReferral  *r,
                 GError            **error)
{
  GDate decided, planned;

  anv_date_parse (r->decided_on, &decided, NULL);
  anv_date_parse (r->planned_start, &planned, NULL);
  if (!check_planned_start (&decided, &planned, error))
    return FALSE;
  if (r->started_on != NULL && strcmp (r->started_on, r->decided_on) < 0)
    return correction_error (_("The start cannot come before the decision."), error);
  if (r->ended_on != NULL && (strcmp (r->ended_on, r->decided_on) < 0
                              || (r->started_on && strcmp (r->ended_on, r->started_on) < 0)))
    return correction_error (_("The end cannot come before the decision or the start."),
                             error);
  if (!r->annulled)
    {
      AnvService service;

      if (!choose_service (db, r->service, r->municipality_code, r->municipality_name,
                           &decided, &service, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
record_correction (AnvDb              *db,
                   const AnvReferral  *r,
                   const char         *field,
                   const char         *new_value,
                   const char         *reason,
                   GError            **error)
{
  AnvDbStmt *stmt = anv_db_prepare (db, "referrals/insert-correction",
    "INSERT INTO referral_correction (referral_id, field, old_value, new_value, reason, "
    "                                 corrected_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  g_autofree char *details = NULL;

  if (stmt == NULL)
    return FALSE;
  anv_db_bind_int64 (stmt, 1, r->id);
  anv_db_bind_text (stmt, 2, field);
  anv_db_bind_text (stmt, 3, old_value_of (r, field));
  anv_db_bind_text (stmt, 4, new_value);
  anv_db_bind_text (stmt, 5, reason);
  anv_db_bind_text (stmt, 6, anv_db_get_user (db));
  if (!anv_db_step_done (stmt, error))
    return FALSE;

  details = g_strdup_printf ("%s: %s -> %s", field, old_value_of (r, field),
                             new_value ? new_value : "");
  return audit_referral (db, "referral.correct", r->id, details, error);
}

gboolean
anv_referrals_correct (AnvDb       *db,
                       gint64       referral_id,
                       const char  *field,
                       const char  *new_value,
                       const char  *reason,
                       GError     **error)
{
  g_autoptr (AnvReferral) before = NULL;
  g_autoptr (AnvReferral) after = NULL;
  g_autofree char *clean_reason = NULL;
  const char *value = new_value && *new_value ? new_value : NULL;
  g_autoptr (GError) local_error = NULL;
  AnvDbStmt *stmt;

  if (field == NULL || !g_strv_contains (correctable, field))
    return correction_error (_("Only these can be corrected: decided_on, planned_start, "
                               "started_on, ended_on, end_reason, level and annulled."), error);
  /* The reason is shown in the referral's history and the audit log:
   * one line, as a name is. */
  clean_reason = anv_text_clean_line (reason, reason ? strlen (reason) : 0,
                                      MAX_CORRECTION_REASON_CHARS,
                                      _("The reason for the correction"), ANV_REFERRAL_ERROR,
                                      ANV_REFERRAL_ERROR_CORRECTION,
                                      _("Say why the referral is corrected (up to 500 "
                                        "characters): the reason is kept with the "
                                        "correction."), error);
  if (clean_reason == NULL)
    return FALSE;

  if (!anv_db_begin (db, error))
    return FALSE;
  before = anv_referrals_get (db, referral_id, error);
  if (before == NULL || !check_new_value (db, before, field, value, error))
    goto fail;

  stmt = prepare_update (db, field, error);
  if (stmt == NULL)
    goto fail;
  anv_db_bind_text (stmt, 1, value);
  anv_db_bind_int64 (stmt, 2, referral_id);
  if (!anv_db_step_done (stmt, &local_error))
    {
      /* Restoring an annulled referral while another is open: the index
       * of open referrals says no. */
      if (g_error_matches (local_error, ANV_DB_ERROR, ANV_DB_ERROR_DUPLICATE))
        set_open_error (db, find_open (db, before->seeker_id, NULL), error);
      else
        g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s ",
                                    _("The correction does not fit the referral’s other "
                                      "dates."));
      goto fail;
    }

  after = anv_referrals_get (db, referral_id, error);
  if (after == NULL || !check_corrected (db, after, error)
      || !record_correction (db, before, field, value, clean_reason, error)
      || !resummarize (db, before, error)
      || !anv_db_commit (db, error))
    goto fail;
  return TRUE;

fail:
  anv_db_rollback (db);
  return FALSE;
}

struct _AnvReferralLoad
{
  AnvDb  *db;
  gint64  next_id;
};

AnvReferralLoad *
anv_referrals_load_begin (AnvDb   *db,
                          GError **error)
{
  AnvDbStmt *stmt;
  AnvReferralLoad *load;

  g_return_val_if_fail (ANV_IS_DB (db), NULL);
  g_return_val_if_fail (anv_db_in_transaction (db), NULL);

  stmt = anv_db_prepare (db, "referrals/load-next-id",
                         "SELECT coalesce (max (id), 0) + 1 FROM referral", error);
  if (stmt == NULL || anv_db_step (stmt, error) != ANV_DB_ROW)
    return NULL;
  load = g_new0 (AnvReferralLoad, 1);
  load->db = g_object_ref (db);
  load->next_id = anv_db_column_int64 (stmt, 0);
  anv_db_reset (stmt);
  return load;
}

void
anv_referrals_load_free (AnvReferralLoad *load)
{
  if (load == NULL)
    return;
  g_object_unref (load->db);
  g_free (load);
}

gboolean
anv_referrals_load (AnvReferralLoad          *load,
                    const AnvReferralRecord  *record,
                    gint64                   *out_id,
                    GError                  **error)
{
  g_autoptr (GError) local_error = NULL;
  AnvDb *db;
  AnvDbStmt *stmt;
  gint64 id;

  g_return_val_if_fail (load != NULL, FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  db = load->db;
  id = load->next_id;
  stmt = anv_db_prepare (db, "referrals/load",
    "INSERT INTO referral (id, seeker_id, service, level, choice, municipality_code, female, "
    "                      decided_on, planned_start, started_on, ended_on, end_reason, "
    "                      decided_by) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)", error);
  if (stmt == NULL)
    return FALSE;
  anv_db_bind_int64 (stmt, 1, id);
  anv_db_bind_int64 (stmt, 2, record->seeker_id);
  anv_db_bind_text (stmt, 3, anv_service_code (record->service));
  anv_db_bind_text (stmt, 4, record->level);
  anv_db_bind_text (stmt, 5, record->choice == ANV_CHOICE_OWN ? "own" : "default");
  anv_db_bind_text (stmt, 6, record->municipality_code);
  anv_db_bind_int64 (stmt, 7, record->female ? 1 : 0);
  anv_db_bind_text (stmt, 8, record->decided_on);
  anv_db_bind_text (stmt, 9, record->planned_start);
  anv_db_bind_text (stmt, 10, record->started_on);
  anv_db_bind_text (stmt, 11, record->ended_on);
  anv_db_bind_text (stmt, 12, record->end_reason);
  anv_db_bind_text (stmt, 13, anv_db_get_user (db));
  if (!anv_db_step_done (stmt, &local_error))
    {
      /* The only unique rule on a referral beside its id, which is ours:
       * one open per job seeker. The lookup only improves the message, so
       * its own error is left out. */
      if (g_error_matches (local_error, ANV_DB_ERROR, ANV_DB_ERROR_DUPLICATE))
        set_open_error (db, find_open (db, record->seeker_id, NULL), error);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  load->next_id++;
  if (!insert_provider_row (db, id, record->provider_id, record->decided_on,
                            record->outside_area, error)
      || (record->new_provider_id > 0
          && !insert_provider_row (db, id, record->new_provider_id, record->changed_on, FALSE,
                                   error)))
    return FALSE;
  if (out_id != NULL)
    *out_id = id;
  return TRUE;
}
