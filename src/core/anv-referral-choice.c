/* anv-referral-choice.c — a referral decided before the choice: the wait, the choice, the default
 *
 * Our rules, also in HACKING.md ("Choice before the deadline"):
 *
 *  - A referral may be decided before the job seeker has chosen a
 *    provider (ANV_CHOICE_PENDING). It has no provider yet and waits for
 *    the choice until its deadline: the decision day plus the working
 *    days of the choice rule of its service valid on that day (before
 *    the service's first rule, that one), kept on the referral
 *    (referral_choice_wait) so that a later rule changes no deadline.
 *  - While it waits, it counts in the summary as every referral does
 *    (decided, waiting for its start); no start is reported and no
 *    provider changed, but it may end.
 *  - A choice recorded while it waits is the job seeker's own, even after
 *    the deadline, as long as the default has not been assigned: the
 *    provider approved in the municipality on the day of the choice, as
 *    at a decision.
 *  - After the deadline (the day after it, or later) the officer, or a
 *    batch run for a day D, assigns the no-choice default of
 *    anv_providers_propose_default() on that day; a batch counts its own
 *    assignments with the month's defaults, so that they spread.
 *  - The choice or the default moves the planned start to no earlier than
 *    the earliest start counted from its day (the provider learns of the
 *    referral then), with the period's last day and the summary.
 *  - Waiting needs a provider approved there on the decision day.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-referral-choice"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "anv-approvals.h"
#include "anv-audit.h"
#include "anv-date.h"
#include "anv-personnummer.h"
#include "anv-providers-private.h"
#include "anv-referrals-private.h"
#include "anv-workdays.h"

/* Rules */

void
anv_choice_rule_free (AnvChoiceRule *rule)
{
  if (rule == NULL)
    return;
  g_free (rule->valid_from);
  g_free (rule->added_by);
  g_free (rule);
}

static gpointer
rule_from_row (AnvDbStmt *stmt,
               gpointer   user_data)
{
  AnvChoiceRule *rule = g_new0 (AnvChoiceRule, 1);

  rule->id = anv_db_column_int64 (stmt, 0);
  anv_service_parse (anv_db_column_text (stmt, 1), &rule->service, NULL);
  rule->valid_from = anv_db_column_dup (stmt, 2);
  rule->workdays = (guint) anv_db_column_int (stmt, 3);
  rule->added_by = anv_db_column_dup (stmt, 4);
  return rule;
}

GPtrArray *
anv_choice_rules_list (AnvDb   *db,
                       GError **error)
{
  AnvDbStmt *stmt = anv_db_prepare (db, "choice/rules",
    "SELECT id, service, valid_from, workdays, added_by FROM choice_rule "
    "ORDER BY service, valid_from", error);

  g_return_val_if_fail (ANV_IS_DB (db), NULL);

  if (stmt == NULL)
    return NULL;
  return anv_db_collect (stmt, rule_from_row, NULL, (GDestroyNotify) anv_choice_rule_free,
                         error);
}

gboolean
anv_choice_rules_add (AnvDb       *db,
                      AnvService   service,
                      const GDate *valid_from,
                      guint        workdays,
                      GError     **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autofree char *details = NULL;
  g_autofree char *id_text = NULL;
  g_autofree char *first = NULL;
  AnvDbStmt *stmt;
  char from[11];
  gint64 id;

  g_return_val_if_fail (ANV_IS_DB (db), FALSE);
  g_return_val_if_fail (service == ANV_SERVICE_KROM || service == ANV_SERVICE_STOM, FALSE);
  g_return_val_if_fail (valid_from != NULL && g_date_valid (valid_from), FALSE);

  if (workdays < ANV_CHOICE_RULE_MIN_WORKDAYS || workdays > ANV_CHOICE_RULE_MAX_WORKDAYS)
    {
      g_set_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_CHOICE,
                   /* Translators: %1$u is what was asked for, %2$d and %3$d the range */
                   _("A choice deadline of %1$u working days cannot be: give a number of "
                     "working days from %2$d to %3$d."),
                   workdays, ANV_CHOICE_RULE_MIN_WORKDAYS, ANV_CHOICE_RULE_MAX_WORKDAYS);
      return FALSE;
    }

  anv_date_format (valid_from, from);
  if (!anv_db_begin (db, error))
    return FALSE;
  /* Before the first rule, the first one applies: a rule from an earlier
   * day would change the deadline of referrals decided then. */
  stmt = anv_db_prepare (db, "choice/first-rule",
                         "SELECT min (valid_from) FROM choice_rule WHERE service = ?1", error);
  if (stmt == NULL)
    goto fail;
  anv_db_bind_text (stmt, 1, anv_service_code (service));
  if (!anv_db_step_row (stmt, error))
    goto fail;
  first = anv_db_column_dup (stmt, 0);
  anv_db_reset (stmt);
  if (first != NULL && strcmp (from, first) < 0)
    {
      g_set_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_CHOICE,
                   /* Translators: %1$s a service, %2$s and %3$s dates */
                   _("The choice rules of %1$s begin on %2$s: a rule cannot apply from %3$s, "
                     "an earlier day. Add one from a later day than %2$s."),
                   anv_service_name (service), first, from);
      goto fail;
    }
  stmt = anv_db_prepare (db, "choice/add-rule",
    "INSERT INTO choice_rule (service, valid_from, workdays, added_by) "
    "VALUES (?1, ?2, ?3, ?4) RETURNING id", error);
  if (stmt == NULL)
    goto fail;
  anv_db_bind_text (stmt, 1, anv_service_code (service));
  anv_db_bind_text (stmt, 2, from);
  anv_db_bind_int64 (stmt, 3, workdays);
  anv_db_bind_text (stmt, 4, anv_db_get_user (db));
  if (!anv_db_step_insert (stmt, &id, &local_error))
    {
      if (g_error_matches (local_error, ANV_DB_ERROR, ANV_DB_ERROR_DUPLICATE))
        g_set_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_CHOICE,
                     /* Translators: %1$s a service, %2$s a date */
                     _("%1$s has a choice rule from %2$s already. A rule is never changed: "
                       "add one from a later day."),
                     anv_service_name (service), from);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      goto fail;
    }

  details = g_strdup_printf ("%s from %s: %u working days", anv_service_code (service), from,
                             workdays);
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  if (!anv_audit_append (db, "choice_rule.add", "choice_rule", id_text, details, error)
      || !anv_db_commit (db, error))
    goto fail;
  return TRUE;

fail:
  anv_db_rollback (db);
  return FALSE;
}

gboolean
anv_referrals_choice_deadline (AnvDb       *db,
                               AnvService   service,
                               const GDate *decided_on,
                               GDate       *out,
                               GError     **error)
{
  AnvDbStmt *stmt;
  AnvDbStep step;
  char decided[11];
  guint workdays;

  g_return_val_if_fail (ANV_IS_DB (db), FALSE);
  g_return_val_if_fail (decided_on != NULL && g_date_valid (decided_on) && out != NULL, FALSE);

  /* The latest rule valid on the decision day, or else the first */
  stmt = anv_db_prepare (db, "choice/rule-for",
    "SELECT workdays FROM choice_rule WHERE service = ?1 "
    "ORDER BY valid_from <= ?2 DESC, "
    "         CASE WHEN valid_from <= ?2 THEN valid_from END DESC, valid_from "
    "LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  anv_date_format (decided_on, decided);
  anv_db_bind_text (stmt, 1, anv_service_code (service));
  anv_db_bind_text (stmt, 2, decided);
  step = anv_db_step (stmt, error);
  if (step == ANV_DB_FAILED)
    return FALSE;
  if (step == ANV_DB_DONE)
    {
      g_set_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_CHOICE,
                   /* Translators: %s is a service */
                   _("There is no choice rule for %s. An administrator adds one with "
                     "“anvisa-cli choice-rule add”."), anv_service_name (service));
      return FALSE;
    }
  workdays = (guint) anv_db_column_int (stmt, 0);
  anv_db_reset (stmt);

  *out = *decided_on;
  anv_workdays_add (out, workdays);
  return TRUE;
}

/* The wait */

gboolean
anv_referrals_insert_choice_wait (AnvDb       *db,
                                  gint64       referral_id,
                                  const GDate *deadline,
                                  GError     **error)
{
  AnvDbStmt *stmt = anv_db_prepare (db, "choice/insert-wait",
    "INSERT INTO referral_choice_wait (referral_id, deadline) VALUES (?1, ?2)", error);
  char day[11];

  if (stmt == NULL)
    return FALSE;
  anv_date_format (deadline, day);
  anv_db_bind_int64 (stmt, 1, referral_id);
  anv_db_bind_text (stmt, 2, day);
  return anv_db_step_done (stmt, error);
}

gboolean
anv_referrals_refresh_choice_deadline (AnvDb             *db,
                                       const AnvReferral *r,
                                       const char        *decided_on,
                                       GError           **error)
{
  AnvDbStmt *stmt;
  GDate decided, deadline;
  char day[11];

  if (decided_on == NULL || !anv_date_parse (decided_on, &decided, NULL))
    return TRUE;   /* the correction's own checks refuse it */
  if (!anv_referrals_choice_deadline (db, r->service, &decided, &deadline, error))
    return FALSE;
  stmt = anv_db_prepare (db, "choice/move-deadline",
    "UPDATE referral_choice_wait SET deadline = ?1 "
    "WHERE referral_id = ?2 AND chosen_on IS NULL", error);
  if (stmt == NULL)
    return FALSE;
  anv_date_format (&deadline, day);
  anv_db_bind_text (stmt, 1, day);
  anv_db_bind_int64 (stmt, 2, r->id);
  return anv_db_step_done (stmt, error);
}

gboolean
anv_referrals_check_not_awaiting (const AnvReferral  *r,
                                  const char         *what,
                                  GError            **error)
{
  if (r->choice != ANV_CHOICE_PENDING)
    return TRUE;
  g_set_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_CHOICE,
               /* Translators: %1$s is e.g. "A start", %2$s a date */
               _("%1$s cannot be recorded yet: the referral waits for the job seeker’s choice "
                 "of provider (until %2$s). Record the choice, or assign the no-choice "
                 "default after that day, first."),
               what, r->choice_deadline);
  return FALSE;
}

/* Begins a transaction and reads the referral @id, open and awaiting its
 * choice. */
static AnvReferral *
begin_on_awaiting (AnvDb   *db,
                   gint64   id,
                   GError **error)
{
  g_autoptr (AnvReferral) r = NULL;

  if (!anv_db_begin (db, error))
    return NULL;
  r = anv_referrals_get (db, id, error);
  if (r == NULL)
    goto fail;
  if (!r->annulled && r->ended_on != NULL)
    {
      g_set_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_NO_OPEN,
                   /* Translators: %1$lld is a referral's number, %2$s a date */
                   _("Referral %1$lld ended on %2$s: no choice of provider or no-choice "
                     "default is recorded on an ended referral."), (long long) id,
                   r->ended_on);
      goto fail;
    }
  if (r->annulled)
    {
      g_set_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_NO_OPEN,
                   /* Translators: %lld is a referral's number */
                   _("Referral %lld is ended or annulled: a choice of provider is recorded "
                     "only on an open referral."), (long long) id);
      goto fail;
    }
  if (r->choice != ANV_CHOICE_PENDING)
    {
      if (r->chosen_on != NULL)
        g_set_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_CHOICE,
                     /* Translators: %1$lld is a referral's number, %2$s a date */
                     _("The provider of referral %1$lld was recorded already, on %2$s. To give "
                       "the job seeker another provider, change the provider."),
                     (long long) id, r->chosen_on);
      else
        g_set_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_CHOICE,
                     /* Translators: %lld is a referral's number */
                     _("Referral %lld was decided with its provider; no choice is awaited. To "
                       "give the job seeker another provider, change the provider."),
                     (long long) id);
      goto fail;
    }
  return g_steal_pointer (&r);

fail:
  anv_db_rollback (db);
  return NULL;
}

/* The provider learns of the referral on @day: the planned start moves to
 * no earlier than the earliest start counted from that day, as from a
 * decision, and the period's last day follows it. @moved_to is the new
 * planned start, or empty when it stays. */
static gboolean
move_planned_start (AnvDb             *db,
                    const AnvReferral *r,
                    const char        *day,
                    char               moved_to[11],
                    GError           **error)
{
  AnvDbStmt *stmt;
  GDate from, earliest;

  moved_to[0] = '\0';
  if (!anv_date_parse (day, &from, error))
    return FALSE;
  anv_referrals_earliest_start (&from, &earliest);
  anv_date_format (&earliest, moved_to);
  if (strcmp (r->planned_start, moved_to) >= 0)
    {
      moved_to[0] = '\0';
      return TRUE;
    }
  stmt = anv_db_prepare (db, "choice/move-planned-start",
                         "UPDATE referral SET planned_start = ?1 WHERE id = ?2", error);
  if (stmt == NULL)
    return FALSE;
  anv_db_bind_text (stmt, 1, moved_to);
  anv_db_bind_int64 (stmt, 2, r->id);
  return anv_db_step_done (stmt, error);
}

/* Writes the provider of the awaited choice from @day: its first row of
 * the history, the choice, the wait's end, the planned start moved; audited
 * as @action. */
static gboolean
record_choice (AnvDb             *db,
               const AnvReferral *r,
               gint64             provider_id,
               const char        *day,
               gboolean           outside_area,
               AnvProviderChoice  choice,
               const char        *action,
               const char        *details,
               GError           **error)
{
  g_autofree char *logged = NULL;
  AnvDbStmt *stmt;
  char moved_to[11];

  /* The summary follows both: the period runs from the planned start
   * until the start, and the provider breakdown counts the referral under
   * its provider from now on, no longer under "no provider yet". */
  if (!anv_referrals_insert_provider_row (db, r->id, provider_id, day, outside_area, error)
      || !move_planned_start (db, r, day, moved_to, error)
      || !anv_referrals_resummarize (db, r, error))
    return FALSE;
  logged = moved_to[0] != '\0'
           ? g_strdup_printf ("%s, planned start %s -> %s", details, r->planned_start, moved_to)
           : g_strdup (details);
  stmt = anv_db_prepare (db, "choice/set-choice",
                         "UPDATE referral SET choice = ?1 WHERE id = ?2", error);
  if (stmt == NULL)
    return FALSE;
  anv_db_bind_text (stmt, 1, choice == ANV_CHOICE_DEFAULT ? "default" : "own");
  anv_db_bind_int64 (stmt, 2, r->id);
  if (!anv_db_step_done (stmt, error))
    return FALSE;
  stmt = anv_db_prepare (db, "choice/chosen",
    "UPDATE referral_choice_wait SET chosen_on = ?1, chosen_by = ?2 "
    "WHERE referral_id = ?3 AND chosen_on IS NULL", error);
  if (stmt == NULL)
    return FALSE;
  anv_db_bind_text (stmt, 1, day);
  anv_db_bind_text (stmt, 2, anv_db_get_user (db));
  anv_db_bind_int64 (stmt, 3, r->id);
  return anv_db_step_done (stmt, error)
         && anv_referrals_audit (db, action, r->id, logged, error);
}

/* The default is given only after the last day to choose. */
static gboolean
check_deadline_passed (const AnvReferral  *r,
                       const GDate        *when,
                       GError            **error)
{
  GDate deadline, first;
  char first_day[11];

  anv_date_parse (r->choice_deadline, &deadline, NULL);
  if (g_date_compare (when, &deadline) > 0)
    return TRUE;
  first = deadline;
  g_date_add_days (&first, 1);
  anv_date_format (&first, first_day);
  g_set_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_CHOICE,
               /* Translators: %1$s and %2$s are dates */
               _("The job seeker may choose until %1$s. Record their choice, or assign the "
                 "no-choice default from %2$s on."),
               r->choice_deadline, first_day);
  return FALSE;
}

gboolean
anv_referrals_choose (AnvDb       *db,
                      gint64       referral_id,
                      const char  *orgnr,
                      gboolean     outside_area,
                      const GDate *date,
                      const GDate *today,
                      GError     **error)
{
  g_autoptr (AnvReferral) r = NULL;
  g_autoptr (AnvProvider) provider = NULL;
  g_autofree char *details = NULL;
  GDate when;
  gboolean is_outside = FALSE;
  char day[11];

  g_return_val_if_fail (ANV_IS_DB (db), FALSE);
  g_return_val_if_fail (today != NULL, FALSE);

  if (orgnr == NULL || *orgnr == '\0')
    {
      g_set_error_literal (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_PROVIDER,
                           _("Give the organisationsnummer of the provider the job seeker "
                             "chose."));
      return FALSE;
    }
  when = date != NULL ? *date : *today;
  r = begin_on_awaiting (db, referral_id, error);
  if (r == NULL)
    return FALSE;
  if (!anv_referrals_check_not_future (&when, today, _("The choice"), error)
      || !anv_referrals_check_on_or_after (&when, r->decided_on, _("The choice"),
                                           _("the decision"), error))
    goto fail;
  provider = anv_referrals_choose_provider (db, orgnr, ANV_CHOICE_OWN, outside_area, r->service,
                                            r->municipality_code, r->municipality_name, &when,
                                            today, &is_outside, error);
  if (provider == NULL)
    goto fail;

  anv_date_format (&when, day);
  /* A choice after the deadline is still the job seeker's own: said in
   * the log, so that it can be found. */
  details = g_strdup_printf ("%s from %s%s%s", provider->orgnr, day,
                             strcmp (day, r->choice_deadline) > 0 ? " after deadline" : "",
                             is_outside ? " outside-area" : "");
  if (!record_choice (db, r, provider->id, day, is_outside, ANV_CHOICE_OWN, "referral.choose",
                      details, error)
      || !anv_db_commit (db, error))
    goto fail;
  return TRUE;

fail:
  anv_db_rollback (db);
  return FALSE;
}

gboolean
anv_referrals_assign_default (AnvDb       *db,
                              gint64       referral_id,
                              const GDate *date,
                              const GDate *today,
                              char       **out_orgnr,
                              GError     **error)
{
  g_autoptr (AnvReferral) r = NULL;
  g_autoptr (AnvProvider) provider = NULL;
  g_autofree char *details = NULL;
  GDate when;
  char day[11];

  g_return_val_if_fail (ANV_IS_DB (db), FALSE);
  g_return_val_if_fail (today != NULL, FALSE);

  when = date != NULL ? *date : *today;
  r = begin_on_awaiting (db, referral_id, error);
  if (r == NULL)
    return FALSE;
  if (!anv_referrals_check_not_future (&when, today, _("The no-choice default"), error)
      || !check_deadline_passed (r, &when, error))
    goto fail;
  provider = anv_providers_propose_default (db, r->service, r->municipality_code, &when, error);
  if (provider == NULL)
    goto fail;

  anv_date_format (&when, day);
  details = g_strdup_printf ("%s from %s no-choice default, deadline %s", provider->orgnr, day,
                             r->choice_deadline);
  if (!record_choice (db, r, provider->id, day, FALSE, ANV_CHOICE_DEFAULT,
                      "referral.assign_default", details, error)
      || !anv_db_commit (db, error))
    goto fail;
  if (out_orgnr != NULL)
    *out_orgnr = g_strdup (provider->orgnr);
  return TRUE;

fail:
  anv_db_rollback (db);
  return FALSE;
}

/* The batch */

void
anv_choice_due_free (AnvChoiceDue *due)
{
  if (due == NULL)
    return;
  g_free (due->municipality_code);
  g_free (due->personnummer);
  g_free (due->name);
  g_free (due->deadline);
  g_free (due->to_orgnr);
  g_free (due->to_name);
  g_free (due);
}

static gpointer
due_from_row (AnvDbStmt *stmt,
              gpointer   user_data)
{
  AnvChoiceDue *due = g_new0 (AnvChoiceDue, 1);

  due->referral_id = anv_db_column_int64 (stmt, 0);
  anv_service_parse (anv_db_column_text (stmt, 1), &due->service, NULL);
  due->municipality_code = anv_db_column_dup (stmt, 2);
  due->personnummer = anv_db_column_dup (stmt, 3);
  due->protected_identity = anv_db_column_int (stmt, 4) != 0;
  /* A protected identity's name stays out of lists (DOMAIN.md) */
  due->name = due->protected_identity ? NULL : anv_db_column_dup (stmt, 5);
  due->deadline = anv_db_column_dup (stmt, 6);
  return due;
}

static GPtrArray *
list_due (AnvDb       *db,
          const char  *day,
          GError     **error)
{
  AnvDbStmt *stmt = anv_db_prepare (db, "choice/due",
    "SELECT r.id, r.service, r.municipality_code, s.personnummer, s.protected_identity, "
    "       s.name, w.deadline "
    "FROM referral_choice_wait w "
    "JOIN referral r ON r.id = w.referral_id "
    "JOIN seeker s ON s.id = r.seeker_id "
    "WHERE w.chosen_on IS NULL AND w.deadline < ?1 "
    "  AND r.ended_on IS NULL AND r.annulled = 0 AND r.decided_on <= ?1 "
    "ORDER BY w.deadline, r.id", error);

  if (stmt == NULL)
    return NULL;
  anv_db_bind_text (stmt, 1, day);
  return anv_db_collect (stmt, due_from_row, NULL, (GDestroyNotify) anv_choice_due_free,
                         error);
}

gboolean
anv_referrals_assign_defaults (AnvDb       *db,
                               const GDate *date,
                               const GDate *today,
                               gboolean     dry_run,
                               GPtrArray  **out_due,
                               GError     **error)
{
  g_autoptr (GPtrArray) due = NULL;
  g_autoptr (AnvDefaultPool) pool = NULL;
  char day[11];

  g_return_val_if_fail (ANV_IS_DB (db), FALSE);
  g_return_val_if_fail (date != NULL && today != NULL, FALSE);

  /* A preview may look ahead: it writes nothing */
  if (!dry_run && !anv_referrals_check_not_future (date, today,
                                                   _("Assigning the no-choice defaults"), error))
    return FALSE;
  anv_date_format (date, day);

  if (!anv_db_begin (db, error))
    return FALSE;
  due = list_due (db, day, error);
  if (due == NULL)
    goto fail;

  pool = anv_default_pool_new (db, date);
  for (guint i = 0; i < due->len; i++)
    {
      AnvChoiceDue *d = g_ptr_array_index (due, i);
      g_autoptr (GError) local_error = NULL;
      const AnvProvider *to = anv_default_pool_pick (pool, d->service, d->municipality_code, 0,
                                                     &local_error);

      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          goto fail;
        }
      if (to == NULL)
        continue;
      d->to_provider_id = to->id;
      d->to_orgnr = g_strdup (to->orgnr);
      d->to_name = g_strdup (to->name);
      if (!dry_run)
        {
          g_autoptr (AnvReferral) r = anv_referrals_get (db, d->referral_id, error);
          g_autofree char *details = NULL;

          if (r == NULL)
            goto fail;
          details = g_strdup_printf ("%s from %s no-choice default, deadline %s", to->orgnr,
                                     day, d->deadline);
          if (!record_choice (db, r, to->id, day, FALSE, ANV_CHOICE_DEFAULT,
                              "referral.assign_default", details, error))
            goto fail;
        }
    }

  if (dry_run)
    anv_db_rollback (db);
  else if (!anv_db_commit (db, error))
    goto fail;
  if (out_due != NULL)
    *out_due = g_steal_pointer (&due);
  return TRUE;

fail:
  anv_db_rollback (db);
  return FALSE;
}
