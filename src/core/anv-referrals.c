/* anv-referrals.c — referrals (anvisningar): reading them, and what their writes share
 *
 * Every rule of DOMAIN.md that concerns a referral is checked in the core,
 * once, for the GUI and the CLI alike; the schema holds the ones SQL can
 * (one open referral per job seeker, dates in order, no deletion). The
 * module is one concern per file:
 *
 *  - anv-referrals.c: the plain data, reading referrals and their
 *    providers, and what every write shares (the summary, the audit log,
 *    a provider row, the "open already" refusal);
 *  - anv-referral-rules.c: the rules of a decision and an event (the
 *    service on the date, levels, the provider chosen, the start);
 *  - anv-referral-explain.c: why a service is not offered;
 *  - anv-referral-events.c: deciding, starting, changing provider, ending;
 *  - anv-referral-corrections.c: corrections, annulment included;
 *  - anv-referral-periods.c: the period rules, a referral's period,
 *    extensions and the end of the periods that ran out;
 *  - anv-referral-load.c: the bulk load for the demo and benchmark data.
 *
 * Each write updates the summary and the audit log in the same transaction.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-referrals"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "anv-audit.h"
#include "anv-referrals-private.h"
#include "anv-seekers.h"
#include "anv-summary-private.h"

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
  g_free (referral->start_note);
  g_free (referral->ended_on);
  g_free (referral->end_reason);
  g_free (referral->decided_by);
  g_free (referral->period_end);
  g_free (referral->choice_deadline);
  g_free (referral->chosen_on);
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
  /* Awaiting the choice: no provider to start with or to change from */
  if (referral->choice == ANV_CHOICE_PENDING)
    events |= ANV_REFERRAL_EVENT_CHOOSE | ANV_REFERRAL_EVENT_END;
  else
    events |= ANV_REFERRAL_EVENT_CHANGE_PROVIDER | ANV_REFERRAL_EVENT_END;
  if (referral->started_on == NULL && referral->choice != ANV_CHOICE_PENDING)
    events |= ANV_REFERRAL_EVENT_START;
  /* The date (on or before the last day) is checked when it is recorded. */
  if (referral->extension_months > 0
      && referral->period_months + referral->extension_months <= referral->max_months)
    events |= ANV_REFERRAL_EVENT_EXTEND;
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

/* Reading */

#define SELECT_REFERRAL \
  "SELECT r.id, r.seeker_id, r.service, r.level, r.choice, r.municipality_code, " \
  "       m.short_name, r.decided_on, r.planned_start, r.started_on, r.ended_on, " \
  "       r.end_reason, e.kind, r.annulled, r.decided_by, r.period_end, " \
  "       (SELECT coalesce (sum (x.months), 0) FROM referral_extension x " \
  "        WHERE x.referral_id = r.id), " \
  "       pr.initial_months, pr.extension_months, pr.max_months, r.start_note, " \
  "       w.deadline, w.chosen_on " \
  "FROM referral r JOIN municipality m ON m.code = r.municipality_code " \
  "LEFT JOIN referral_choice_wait w ON w.referral_id = r.id " \
  "LEFT JOIN end_reason e ON e.code = r.end_reason " \
  "LEFT JOIN period_rule pr " \
  "  ON pr.id = " ANV_PERIOD_RULE_ID_SQL ("r.service", "r.decided_on") " "

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
  r->period_end = anv_db_column_dup (stmt, 15);
  r->extended_months = (guint) anv_db_column_int (stmt, 16);
  r->period_months = (guint) anv_db_column_int (stmt, 17) + r->extended_months;
  r->extension_months = (guint) anv_db_column_int (stmt, 18);
  r->max_months = (guint) anv_db_column_int (stmt, 19);
  r->start_note = anv_db_column_dup (stmt, 20);
  r->choice_deadline = anv_db_column_dup (stmt, 21);
  r->chosen_on = anv_db_column_dup (stmt, 22);
  /* Until it is recorded, referral.choice says nothing: the wait does */
  if (r->choice_deadline != NULL && r->chosen_on == NULL)
    r->choice = ANV_CHOICE_PENDING;
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
gint64
anv_referrals_find_open (AnvDb   *db,
                         gint64   seeker_id,
                         GError **error)
{
  AnvDbStmt *stmt = anv_db_prepare (db, "referrals/find-open",
    "SELECT id FROM referral WHERE seeker_id = ?1 AND ended_on IS NULL AND annulled = 0",
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

/* Whether the referral's job seeker is a woman, as recorded on the
 * referral for the summary, and their personnummer (for the age group),
 * into @out_pnr. A failed read fails the caller (and its transaction):
 * counting the person as a man would skew the summary. */
static gboolean
read_person (AnvDb     *db,
             gint64     referral_id,
             gboolean  *out_female,
             char       out_pnr[13],
             GError   **error)
{
  AnvDbStmt *stmt = anv_db_prepare (db, "referrals/female-personnummer",
                                    "SELECT r.female, s.personnummer FROM referral r "
                                    "JOIN seeker s ON s.id = r.seeker_id WHERE r.id = ?1",
                                    error);

  if (stmt == NULL)
    return FALSE;
  anv_db_bind_int64 (stmt, 1, referral_id);
  if (!anv_db_step_row (stmt, error))
    return FALSE;
  *out_female = anv_db_column_int (stmt, 0) != 0;
  g_strlcpy (out_pnr, anv_db_column_text (stmt, 1), 13);
  anv_db_reset (stmt);
  return TRUE;
}

void
anv_referrals_facts_of (const AnvReferral *r,
                        gboolean           female,
                        const char        *personnummer,
                        AnvSummaryFacts   *facts)
{
  const AnvReferralProvider *provider = anv_referral_current_provider (r);

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
  if (r->period_end != NULL)
    g_strlcpy (facts->period_end, r->period_end, sizeof facts->period_end);
  facts->end = summary_end_of (r);
  /* The breakdowns: the provider it has now (had at its end), the level,
   * the age group at the decision. */
  g_strlcpy (facts->part[ANV_SUMMARY_KEPT_PROVIDER],
             provider != NULL ? provider->orgnr : ANV_SUMMARY_PART_NO_PROVIDER,
             sizeof facts->part[0]);
  g_strlcpy (facts->part[ANV_SUMMARY_KEPT_LEVEL], r->level, sizeof facts->part[0]);
  anv_summary_age_part (personnummer, r->decided_on, facts->part[ANV_SUMMARY_KEPT_AGE]);
}

/* Inside a transaction: takes the referral's old contribution away and
 * adds its new one. The period's last day follows the write first: a
 * start, a corrected date or an extension may move it. */
gboolean
anv_referrals_resummarize (AnvDb              *db,
                           const AnvReferral  *before,
                           GError            **error)
{
  g_autoptr (AnvReferral) after = NULL;
  gboolean female = FALSE;
  char pnr[13];
  AnvSummaryFacts old_facts, new_facts;

  if (!anv_referrals_refresh_period (db, before->id, error))
    return FALSE;
  after = anv_referrals_get (db, before->id, error);
  if (after == NULL || !read_person (db, before->id, &female, pnr, error))
    return FALSE;
  anv_referrals_facts_of (before, female, pnr, &old_facts);
  anv_referrals_facts_of (after, female, pnr, &new_facts);
  return anv_summary_apply (db, &old_facts, -1, error)
         && anv_summary_apply (db, &new_facts, 1, error);
}

gboolean
anv_referrals_audit (AnvDb       *db,
                     const char  *action,
                     gint64       referral_id,
                     const char  *details,
                     GError     **error)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, referral_id);

  return anv_audit_append (db, action, "referral", id, details, error);
}

gboolean
anv_referrals_insert_provider_row (AnvDb       *db,
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

void
anv_referrals_set_open_error (AnvDb       *db,
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
