/* anv-referral-events.c — a referral's life cycle: decision, start, change of provider, end
 *
 * Each event is one transaction: the rules (anv-referral-rules.c) are
 * checked on the open referral, the row is written, and the summary and
 * the audit log follow in the same transaction.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-referral-events"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "anv-approvals.h"
#include "anv-date.h"
#include "anv-end-reasons.h"
#include "anv-personnummer.h"
#include "anv-referrals-private.h"
#include "anv-seekers.h"
#include "anv-summary-private.h"
#include "anv-text.h"

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
  GDate            deadline;      /* ANV_CHOICE_PENDING: the last day to choose */
} Decision;

static void
decision_clear (Decision *d)
{
  g_clear_pointer (&d->seeker, anv_seeker_free);
  g_clear_pointer (&d->provider, anv_provider_free);
}

/* A referral waiting for the choice needs a provider approved where the
 * job seeker lives on the decision day, as the no-choice default does:
 * else the job seeker has no one to choose among. */
static gboolean
check_someone_to_choose (AnvDb     *db,
                         Decision  *d,
                         GError   **error)
{
  g_autoptr (GArray) candidates = anv_providers_default_candidates (db, d->service,
                                                                    d->seeker->municipality_code,
                                                                    &d->decided, NULL, error);
  char day[11];

  if (candidates == NULL)
    return FALSE;
  if (candidates->len > 0)
    return TRUE;
  anv_date_format (&d->decided, day);
  g_set_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_CHOICE,
               /* Translators: %1$s is a service, %2$s a municipality, %3$s a date */
               _("No provider is approved for %1$s in %2$s on %3$s, so the job seeker has no "
                 "one to choose among and there is no no-choice default either. Approve a "
                 "provider for a delivery area with the municipality first."),
               anv_service_name (d->service), d->seeker->municipality_name, day);
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
  if (!anv_referrals_check_not_future (&d->decided, today, _("The decision"), error))
    return FALSE;

  open_id = anv_referrals_find_open (db, d->seeker->id, error);
  if (open_id < 0)
    return FALSE;
  if (open_id > 0)
    {
      anv_referrals_set_open_error (db, open_id, error);
      return FALSE;
    }

  if (!anv_referrals_choose_service (db, input->service, d->seeker->municipality_code,
                                     d->seeker->municipality_name, &d->decided, &d->service,
                                     error)
      || !anv_referrals_check_level (d->service, input->level, error))
    return FALSE;

  if (input->choice == ANV_CHOICE_PENDING)
    {
      if (input->provider_orgnr != NULL || input->outside_area)
        {
          g_set_error_literal (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_CHOICE,
                               _("A referral that waits for the job seeker’s choice is "
                                 "decided without a provider. Leave the provider out, or "
                                 "record the provider as the job seeker’s own choice."));
          return FALSE;
        }
      if (!check_someone_to_choose (db, d, error)
          || !anv_referrals_choice_deadline (db, d->service, &d->decided, &d->deadline, error))
        return FALSE;
    }
  else
    {
      d->provider = anv_referrals_choose_provider (db, input->provider_orgnr, input->choice,
                                                   input->outside_area, d->service,
                                                   d->seeker->municipality_code,
                                                   d->seeker->municipality_name, &d->decided,
                                                   today, &d->outside_area, error);
      if (d->provider == NULL)
        return FALSE;
    }

  if (input->planned_start != NULL)
    d->planned = *input->planned_start;
  else
    anv_referrals_earliest_start (&d->decided, &d->planned);
  return anv_referrals_check_planned_start (&d->decided, &d->planned, error);
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
  /* A referral awaiting the choice is stored as "own" (the column's CHECK
   * stays as it is) and read as awaiting while its wait row has no
   * chosen_on; it is no default in any month's count until one is given. */
  anv_db_bind_text (stmt, 4, input->choice == ANV_CHOICE_DEFAULT ? "default" : "own");
  anv_db_bind_text (stmt, 5, d->seeker->municipality_code);
  anv_db_bind_int64 (stmt, 6, d->pnr.gender == ANV_GENDER_FEMALE);
  anv_db_bind_text (stmt, 7, decided);
  anv_db_bind_text (stmt, 8, planned);
  anv_db_bind_text (stmt, 9, anv_db_get_user (db));
  if (anv_db_step_insert (stmt, &id, &local_error))
    return id;
  /* Another process decided one in between: the index says no. */
  if (g_error_matches (local_error, ANV_DB_ERROR, ANV_DB_ERROR_DUPLICATE))
    anv_referrals_set_open_error (db, anv_referrals_find_open (db, d->seeker->id, NULL), error);
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
      || (d.provider != NULL
          && !anv_referrals_insert_provider_row (db, id, d.provider->id, decided,
                                                 d.outside_area, error))
      || (d.provider == NULL && !anv_referrals_insert_choice_wait (db, id, &d.deadline, error))
      || !anv_referrals_refresh_period (db, id, error))
    goto fail;

  referral = anv_referrals_get (db, id, error);
  if (referral == NULL)
    goto fail;
  anv_referrals_facts_of (referral, d.pnr.gender == ANV_GENDER_FEMALE,
                          d.seeker->personnummer, &facts);
  if (d.provider != NULL)
    details = g_strdup_printf ("%s %s level %s provider %s%s%s", anv_service_code (d.service),
                               decided, input->level, d.provider->orgnr,
                               input->choice == ANV_CHOICE_DEFAULT ? " no-choice" : "",
                               d.outside_area ? " outside-area" : "");
  else
    {
      char deadline[11];

      anv_date_format (&d.deadline, deadline);
      details = g_strdup_printf ("%s %s level %s awaiting choice until %s",
                                 anv_service_code (d.service), decided, input->level, deadline);
    }
  if (!anv_summary_apply (db, &facts, 1, error)
      || !anv_referrals_audit (db, "referral.decide", id, details, error)
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
  open_id = seeker ? anv_referrals_find_open (db, seeker->id, error) : -1;
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
  if ((summary_changes && !anv_referrals_resummarize (db, before, error))
      || !anv_referrals_audit (db, action, before->id, details, error)
      || !anv_db_commit (db, error))
    {
      anv_db_rollback (db);
      return FALSE;
    }
  return TRUE;
}

/* Checks a start as reported; @out_early tells whether it comes before
 * the earliest allowed start, which it names in @earliest_out. */
static gboolean
check_start (const AnvReferral  *r,
             const GDate        *when,
             const GDate        *today,
             gboolean           *out_early,
             char                earliest_out[11],
             GError            **error)
{
  GDate decided, earliest;

  if (!anv_referrals_check_not_awaiting (r, _("A start"), error))
    return FALSE;
  if (!(anv_referral_allowed_events (r) & ANV_REFERRAL_EVENT_START))
    {
      g_set_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_LIFE_CYCLE,
                   _("The referral started already, on %s. A start is recorded once; "
                     "correct it if the date is wrong."),
                   r->started_on);
      return FALSE;
    }
  if (!anv_referrals_check_not_future (when, today, _("The start"), error)
      || !anv_referrals_check_on_or_after (when, r->decided_on, _("The start"), _("the decision"),
                                           error))
    return FALSE;

  anv_date_parse (r->decided_on, &decided, NULL);
  anv_referrals_earliest_start (&decided, &earliest);
  anv_date_format (&earliest, earliest_out);
  *out_early = g_date_compare (when, &earliest) < 0;
  return TRUE;
}

gboolean
anv_referrals_start (AnvDb       *db,
                     const char  *personnummer,
                     const GDate *date,
                     const GDate *today,
                     GError     **error)
{
  return anv_referrals_start_reported (db, personnummer, date, NULL, today, error);
}

gboolean
anv_referrals_start_reported (AnvDb       *db,
                              const char  *personnummer,
                              const GDate *date,
                              const char  *reason,
                              const GDate *today,
                              GError     **error)
{
  g_autoptr (AnvReferral) r = NULL;
  g_autofree char *note = NULL;
  g_autofree char *details = NULL;
  GDate when = date ? *date : *today;
  gboolean early = FALSE;
  AnvDbStmt *stmt;
  char day[11], earliest[11];

  /* The reason is shown with the start and in the audit log: one line,
   * as a correction's reason is. */
  if (reason != NULL && *reason != '\0')
    {
      note = anv_text_clean_line (reason, strlen (reason), ANV_REFERRAL_MAX_START_NOTE_CHARS,
                                  _("The reason for the early start"), ANV_REFERRAL_ERROR,
                                  ANV_REFERRAL_ERROR_START_NOTE,
                                  _("Type the reason why the start is earlier than "
                                    "allowed (up to 500 characters)."), error);
      if (note == NULL)
        return FALSE;
    }

  r = begin_on_open (db, personnummer, today, error);
  if (r == NULL)
    return FALSE;
  if (!check_start (r, &when, today, &early, earliest, error))
    goto fail;
  anv_date_format (&when, day);
  if (early && note == NULL)
    {
      g_set_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_EARLY_START,
                   /* Translators: %1$s and %2$s are dates, %3$d a number */
                   _("The start %1$s is before the earliest allowed start, %2$s (%3$d working "
                     "days after the decision). Record it as the provider reported it with a "
                     "reason for the early start."),
                   day, earliest, ANV_REFERRAL_MIN_WORKING_DAYS);
      goto fail;
    }

  stmt = anv_db_prepare (db, "referrals/start-reported",
                         "UPDATE referral SET started_on = ?1, start_note = ?2 WHERE id = ?3",
                         error);
  if (stmt == NULL)
    goto fail;
  anv_db_bind_text (stmt, 1, day);
  anv_db_bind_text (stmt, 2, note);
  anv_db_bind_int64 (stmt, 3, r->id);
  if (!anv_db_step_done (stmt, error))
    goto fail;

  if (note == NULL)
    details = g_strdup (day);
  else if (early)
    details = g_strdup_printf ("%s early (earliest %s): %s", day, earliest, note);
  else
    details = g_strdup_printf ("%s: %s", day, note);
  return finish_write (db, r, "referral.start", details, TRUE, error);

fail:
  anv_db_rollback (db);
  return FALSE;
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

  if (!anv_referrals_check_not_awaiting (r, _("A change of provider"), error)
      || !anv_referrals_check_not_future (&when, today, _("The change of provider"), error)
      || !anv_referrals_check_on_or_after (&when, current ? current->from_date : r->decided_on,
                                           _("The change of provider"),
                                           _("the current provider’s start"), error))
    goto fail;

  provider = anv_referrals_choose_provider (db, provider_orgnr, ANV_CHOICE_OWN, outside_area,
                                            r->service, r->municipality_code,
                                            r->municipality_name, &when, today, &is_outside,
                                            error);
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
  if (!anv_referrals_insert_provider_row (db, r->id, provider->id, day, is_outside, error))
    goto fail;
  /* The breakdown by provider moves the referral to the new one. */
  return finish_write (db, r, "referral.change_provider", details, TRUE, error);

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
  const AnvReferralProvider *current;
  GDate when = date ? *date : *today;
  AnvDbStmt *stmt;
  char day[11];
  g_autofree char *details = NULL;

  if (r == NULL)
    return FALSE;
  current = anv_referral_current_provider (r);

  reason = anv_end_reasons_get (db, reason_code, error);
  if (reason != NULL && !reason->active)
    g_set_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_REASON,
                 _("The end reason “%s” is no longer offered. Choose another."), reason->code);
  if (reason == NULL || !reason->active
      || !anv_referrals_check_not_future (&when, today, _("The end"), error)
      || !anv_referrals_check_on_or_after (&when, r->decided_on, _("The end"), _("the decision"),
                                           error)
      || !anv_referrals_check_on_or_after (&when, r->started_on, _("The end"), _("the start"),
                                           error)
      /* The history's last provider begins before the end, never after */
      || !anv_referrals_check_on_or_after (&when, current ? current->from_date : NULL,
                                           _("The end"), _("the current provider’s start"),
                                           error)
      || !anv_referrals_check_result_started (r->started_on, reason->kind, error))
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
