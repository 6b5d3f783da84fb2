/* anv-referral-periods.c — a referral's period: the rules, extensions and the end of run-out periods
 *
 * The length of a referral's period is data (table period_rule: per
 * service, from a date, the initial months, the months of one extension
 * and the maximum), not code. Our rules, also in HACKING.md ("Periods"):
 *
 *  - The rule valid on the referral's decision date applies; before a
 *    service's first rule, that first rule. A new rule applies only from
 *    a day after every decision of its service already recorded, so that
 *    it never changes a recorded referral's period.
 *  - The period runs from the actual start, or from the planned start
 *    while no start is reported. Its last day is the start plus the
 *    initial months plus the months of each extension, less one day,
 *    counted in one step with GDate's month arithmetic (clamped to the
 *    end of the month): two extensions of 3 months give the same last day
 *    as one of 6.
 *  - The last day is kept on the referral (period_end) in the transaction
 *    of every write that may move it (decision, start, correction,
 *    extension; anv_referrals_resummarize() calls
 *    anv_referrals_refresh_period()), so that SQL and the summary can use
 *    it cheaply.
 *  - An extension (förlängning) adds the rule's extension months; it is
 *    recorded while the referral is open, on or before the period's last
 *    day, and only while the period stays within the maximum.
 *  - A referral whose period has run out is ended by
 *    anv_referrals_end_expired() with the reason "tiden_ute" on the
 *    period's last day, the day it ran out.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-referral-periods"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "anv-audit.h"
#include "anv-date.h"
#include "anv-end-reasons.h"
#include "anv-referrals-private.h"

/* The end reason of a period that ran out (seeded with the reference data) */
#define TIME_RAN_OUT "tiden_ute"

/* Rules */

void
anv_period_rule_free (AnvPeriodRule *rule)
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
  AnvPeriodRule *rule = g_new0 (AnvPeriodRule, 1);

  rule->id = anv_db_column_int64 (stmt, 0);
  anv_service_parse (anv_db_column_text (stmt, 1), &rule->service, NULL);
  rule->valid_from = anv_db_column_dup (stmt, 2);
  rule->initial_months = (guint) anv_db_column_int (stmt, 3);
  rule->extension_months = (guint) anv_db_column_int (stmt, 4);
  rule->max_months = (guint) anv_db_column_int (stmt, 5);
  rule->added_by = anv_db_column_dup (stmt, 6);
  return rule;
}

GPtrArray *
anv_period_rules_list (AnvDb   *db,
                       GError **error)
{
  AnvDbStmt *stmt = anv_db_prepare (db, "periods/rules",
    "SELECT id, service, valid_from, initial_months, extension_months, max_months, added_by "
    "FROM period_rule ORDER BY service, valid_from", error);

  if (stmt == NULL)
    return NULL;
  return anv_db_collect (stmt, rule_from_row, NULL, (GDestroyNotify) anv_period_rule_free,
                         error);
}

/* The C twin of ANV_PERIOD_RULE_ID_SQL: the latest rule valid on the
 * decision date, or else the service's first. */
const AnvPeriodRule *
anv_period_rules_pick (GPtrArray   *rules,
                       AnvService   service,
                       const char  *decided_on)
{
  const AnvPeriodRule *valid = NULL, *first = NULL;

  for (guint i = 0; rules != NULL && i < rules->len; i++)
    {
      const AnvPeriodRule *rule = g_ptr_array_index (rules, i);

      if (rule->service != service)
        continue;
      if (first == NULL || strcmp (rule->valid_from, first->valid_from) < 0)
        first = rule;
      if (strcmp (rule->valid_from, decided_on) <= 0
          && (valid == NULL || strcmp (rule->valid_from, valid->valid_from) > 0))
        valid = rule;
    }
  return valid != NULL ? valid : first;
}

static gboolean
period_error (GError     **error,
              const char  *message)
{
  g_set_error_literal (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_PERIOD, message);
  return FALSE;
}

gboolean
anv_period_rules_add (AnvDb       *db,
                      AnvService   service,
                      const GDate *valid_from,
                      guint        initial_months,
                      guint        extension_months,
                      guint        max_months,
                      GError     **error)
{
  AnvDbStmt *stmt;
  g_autofree char *latest = NULL;
  g_autofree char *details = NULL;
  char from[11];
  gint64 id;

  g_return_val_if_fail (service == ANV_SERVICE_KROM || service == ANV_SERVICE_STOM, FALSE);

  if (initial_months < 1 || initial_months > 60 || extension_months < 1
      || extension_months > 60)
    return period_error (error, _("The initial months and the months of an extension are each "
                                  "a number from 1 to 60."));
  if (max_months < initial_months || max_months > 120)
    {
      g_set_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_PERIOD,
                   /* Translators: %u is the initial months */
                   _("The maximum must be at least the initial %u months, and at most 120."),
                   initial_months);
      return FALSE;
    }
  /* An extension is always the rule's whole block: a maximum between two
   * blocks could never be reached. */
  if ((max_months - initial_months) % extension_months != 0)
    {
      guint reachable = max_months - (max_months - initial_months) % extension_months;

      g_set_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_PERIOD,
                   /* Translators: %1$u initial months, %2$u months of one extension,
                    * %3$u the maximum asked for, %4$u and %5$u the nearest that can be
                    * reached */
                   _("With %1$u initial months and extensions of %2$u months a period "
                     "cannot last exactly %3$u months. Make the maximum the initial months "
                     "and a whole number of extensions, for example %4$u or %5$u."),
                   initial_months, extension_months, max_months, reachable,
                   reachable + extension_months);
      return FALSE;
    }

  anv_date_format (valid_from, from);
  if (!anv_db_begin (db, error))
    return FALSE;

  stmt = anv_db_prepare (db, "periods/latest-decision",
                         "SELECT max (decided_on) FROM referral WHERE service = ?1", error);
  if (stmt == NULL)
    goto fail;
  anv_db_bind_text (stmt, 1, anv_service_code (service));
  if (!anv_db_step_row (stmt, error))
    goto fail;
  latest = anv_db_column_dup (stmt, 0);
  anv_db_reset (stmt);
  if (latest != NULL && strcmp (latest, from) >= 0)
    {
      GDate next;
      char next_day[11];

      /* The example: the day after the latest decision. */
      anv_date_parse (latest, &next, NULL);
      g_date_add_days (&next, 1);
      anv_date_format (&next, next_day);
      g_set_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_PERIOD,
                   /* Translators: %1$s a service, %2$s and %3$s dates */
                   _("Referrals to %1$s are recorded up to %2$s, and a new rule would change "
                     "their periods. Let the rule apply from a later day than %2$s, for "
                     "example %3$s."),
                   anv_service_name (service), latest, next_day);
      goto fail;
    }

  stmt = anv_db_prepare (db, "periods/add-rule",
    "INSERT INTO period_rule (service, valid_from, initial_months, extension_months, "
    "                         max_months, added_by) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id", error);
  if (stmt == NULL)
    goto fail;
  anv_db_bind_text (stmt, 1, anv_service_code (service));
  anv_db_bind_text (stmt, 2, from);
  anv_db_bind_int64 (stmt, 3, initial_months);
  anv_db_bind_int64 (stmt, 4, extension_months);
  anv_db_bind_int64 (stmt, 5, max_months);
  anv_db_bind_text (stmt, 6, anv_db_get_user (db));
  {
    g_autoptr (GError) local_error = NULL;

    if (!anv_db_step_insert (stmt, &id, &local_error))
      {
        if (g_error_matches (local_error, ANV_DB_ERROR, ANV_DB_ERROR_DUPLICATE))
          g_set_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_PERIOD,
                       /* Translators: %1$s a service, %2$s a date */
                       _("%1$s has a period rule from %2$s already. A rule is never changed: "
                         "add one from a later day."),
                       anv_service_name (service), from);
        else
          g_propagate_error (error, g_steal_pointer (&local_error));
        goto fail;
      }
  }

  details = g_strdup_printf ("%s from %s: %u + %u months, at most %u",
                             anv_service_code (service), from, initial_months, extension_months,
                             max_months);
  {
    g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

    if (!anv_audit_append (db, "period_rule.add", "period_rule", id_text, details, error)
        || !anv_db_commit (db, error))
      goto fail;
  }
  return TRUE;

fail:
  anv_db_rollback (db);
  return FALSE;
}

/* A referral's period */

void
anv_referrals_period_last_day (const GDate *start,
                               guint        months,
                               GDate       *out)
{
  *out = *start;
  /* GDate keeps the day, or takes the month's last day when the target
   * month is shorter. */
  g_date_add_months (out, months);
  g_date_subtract_days (out, 1);
}

static gboolean
write_period_end (AnvDb       *db,
                  gint64       referral_id,
                  const char  *period_end,
                  GError     **error)
{
  AnvDbStmt *stmt = anv_db_prepare (db, "periods/set-end",
                                    "UPDATE referral SET period_end = ?1 WHERE id = ?2", error);

  if (stmt == NULL)
    return FALSE;
  anv_db_bind_text (stmt, 1, period_end);
  anv_db_bind_int64 (stmt, 2, referral_id);
  return anv_db_step_done (stmt, error);
}

gboolean
anv_referrals_refresh_period (AnvDb   *db,
                              gint64   referral_id,
                              GError **error)
{
  g_autoptr (AnvReferral) r = anv_referrals_get (db, referral_id, error);
  GDate start, last;
  char day[11];

  if (r == NULL)
    return FALSE;
  if (r->max_months == 0)
    return period_error (error, _("There is no period rule for the referral’s service. An "
                                  "administrator adds one with “anvisa-cli period-rule "
                                  "add”."));
  if (!anv_date_parse (r->started_on ? r->started_on : r->planned_start, &start, error))
    return FALSE;
  anv_referrals_period_last_day (&start, r->period_months, &last);
  anv_date_format (&last, day);
  if (g_strcmp0 (day, r->period_end) == 0)
    return TRUE;
  return write_period_end (db, referral_id, day, error);
}

char *
anv_referral_describe_period (const AnvReferral *referral,
                              const GDate       *today,
                              gboolean          *overdue)
{
  g_autofree char *last_day = NULL;
  char today_text[11];
  gboolean ran_out;

  g_return_val_if_fail (referral != NULL, NULL);
  g_return_val_if_fail (today != NULL, NULL);

  if (overdue != NULL)
    *overdue = FALSE;
  if (referral->annulled || referral->period_end == NULL || referral->max_months == 0)
    return NULL;

  anv_date_format (today, today_text);
  last_day = anv_date_format_long_iso (referral->period_end);
  ran_out = referral->ended_on == NULL && strcmp (referral->period_end, today_text) < 0;
  if (overdue != NULL)
    *overdue = ran_out;

  if (ran_out)
    /* Translators: %s is the period's last day; the referral is still open */
    return g_strdup_printf (_("The period ran out on %s — extend or end the referral"),
                            last_day);
  if (referral->ended_on != NULL)
    return g_strdup_printf (
      /* Translators: an ended referral; %1$s the period's last day, %2$u and %3$u months */
      g_dngettext (GETTEXT_PACKAGE, "Period up to %1$s (%2$u of at most %3$u month)",
                   "Period up to %1$s (%2$u of at most %3$u months)",
                   referral->max_months),
      last_day, referral->period_months, referral->max_months);
  return g_strdup_printf (
    /* Translators: %1$s the period's last day, %2$u and %3$u months */
    g_dngettext (GETTEXT_PACKAGE, "The period ends on %1$s (%2$u of at most %3$u month)",
                 "The period ends on %1$s (%2$u of at most %3$u months)", referral->max_months),
    last_day, referral->period_months, referral->max_months);
}

/* The SQL twin of anv_referrals_period_last_day() over the rules, for
 * the migration that brought periods: every referral at once (a million
 * in a few seconds). SQLite's '+N months' does not clamp (2020-08-31 +
 * 6 months is 2021-03-03 there), so the day is clamped by hand: the
 * first of the target month plus the start's day, at most the target
 * month's last day, less one day. Extensions are counted too. */
gboolean
anv_referrals_fill_period_ends (AnvDb   *db,
                                GError **error)
{
  return anv_db_exec (db,
    "UPDATE referral SET period_end = f.last_day FROM ("
    "  SELECT id, date (t, printf ('%+d days', min (ds, dl) - 2)) AS last_day FROM ("
    "    SELECT id, t, CAST (strftime ('%d', s) AS INTEGER) AS ds,"
    "           CAST (strftime ('%d', date (t, '+1 month', '-1 day')) AS INTEGER) AS dl"
    "    FROM ("
    "      SELECT id, s, date (s, 'start of month', printf ('+%d months', n)) AS t FROM ("
    "        SELECT r.id, coalesce (r.started_on, r.planned_start) AS s,"
    "               (SELECT p.initial_months FROM period_rule p WHERE p.id = "
    ANV_PERIOD_RULE_ID_SQL ("r.service", "r.decided_on") ")"
    "               + (SELECT coalesce (sum (x.months), 0) FROM referral_extension x"
    "                  WHERE x.referral_id = r.id) AS n"
    "        FROM referral r WHERE r.period_end IS NULL)))"
    ") f WHERE referral.id = f.id;",
    error);
}

/* Extensions */

static void
extension_free (gpointer data)
{
  AnvReferralExtension *x = data;

  g_free (x->recorded_on);
  g_free (x->recorded_by);
  g_free (x);
}

static gpointer
extension_from_row (AnvDbStmt *stmt,
                    gpointer   user_data)
{
  AnvReferralExtension *x = g_new0 (AnvReferralExtension, 1);

  x->recorded_on = anv_db_column_dup (stmt, 0);
  x->months = (guint) anv_db_column_int (stmt, 1);
  x->recorded_by = anv_db_column_dup (stmt, 2);
  return x;
}

GPtrArray *
anv_referrals_extensions (AnvDb   *db,
                          gint64   referral_id,
                          GError **error)
{
  AnvDbStmt *stmt = anv_db_prepare (db, "periods/extensions",
    "SELECT recorded_on, months, recorded_by FROM referral_extension "
    "WHERE referral_id = ?1 ORDER BY recorded_on, id", error);

  if (stmt == NULL)
    return NULL;
  anv_db_bind_int64 (stmt, 1, referral_id);
  return anv_db_collect (stmt, extension_from_row, NULL, extension_free, error);
}

/* Why @r cannot be extended on @when, or TRUE. */
static gboolean
check_extension (const AnvReferral  *r,
                 const GDate        *when,
                 const GDate        *today,
                 GError            **error)
{
  char day[11];

  if (r->annulled)
    {
      g_set_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_PERIOD,
                   _("Referral %lld is annulled and cannot be extended. Restore it with a "
                     "correction first if it was annulled by mistake."),
                   (long long) r->id);
      return FALSE;
    }
  if (r->ended_on != NULL)
    {
      g_set_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_PERIOD,
                   /* Translators: %1$lld a referral's number, %2$s a date */
                   _("Referral %1$lld ended on %2$s and cannot be extended. Decide a new "
                     "referral if the job seeker needs more time."),
                   (long long) r->id, r->ended_on);
      return FALSE;
    }
  if (r->extension_months == 0
      || r->period_months + r->extension_months > r->max_months)
    {
      if (r->period_months >= r->max_months)
        g_set_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_PERIOD,
                     /* Translators: %u is a number of months */
                     g_dngettext (GETTEXT_PACKAGE,
                                  "The period already has its maximum of %u month; end the "
                                  "referral instead.",
                                  "The period already has its maximum of %u months; end the "
                                  "referral instead.", r->max_months),
                     r->max_months);
      else
        g_set_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_PERIOD,
                     /* Translators: months: %1$u an extension, %2$u the period with it,
                      * %3$u the maximum */
                     _("An extension of %1$u months would make the period %2$u months, more "
                       "than the maximum of %3$u; end the referral instead."),
                     r->extension_months, r->period_months + r->extension_months,
                     r->max_months);
      return FALSE;
    }
  if (!anv_referrals_check_not_future (when, today, _("The extension"), error)
      || !anv_referrals_check_on_or_after (when, r->decided_on, _("The extension"),
                                           _("the decision"), error))
    return FALSE;
  anv_date_format (when, day);
  if (r->period_end != NULL && strcmp (day, r->period_end) > 0)
    {
      g_set_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_PERIOD,
                   /* Translators: %1$s the period's last day, %2$s the extension's date */
                   _("The period ran out on %1$s, before %2$s: a period is extended on or "
                     "before its last day. End the referral instead (time ran out), or "
                     "record the extension with the date it was decided."),
                   r->period_end, day);
      return FALSE;
    }
  return TRUE;
}

gboolean
anv_referrals_extend (AnvDb       *db,
                      gint64       referral_id,
                      const GDate *date,
                      const GDate *today,
                      GError     **error)
{
  g_autoptr (AnvReferral) r = NULL;
  g_autoptr (AnvReferral) after = NULL;
  g_autofree char *details = NULL;
  GDate when = date ? *date : *today;
  AnvDbStmt *stmt;
  char day[11];

  if (!anv_db_begin (db, error))
    return FALSE;
  r = anv_referrals_get (db, referral_id, error);
  if (r == NULL || !check_extension (r, &when, today, error))
    goto fail;

  /* Extensions are recorded in the order they were made */
  stmt = anv_db_prepare (db, "periods/last-extension",
    "SELECT max (recorded_on) FROM referral_extension WHERE referral_id = ?1", error);
  if (stmt == NULL)
    goto fail;
  anv_db_bind_int64 (stmt, 1, r->id);
  if (anv_db_step (stmt, error) != ANV_DB_ROW)
    goto fail;
  {
    g_autofree char *last = anv_db_column_dup (stmt, 0);

    anv_db_reset (stmt);
    if (!anv_referrals_check_on_or_after (&when, last, _("The extension"),
                                          _("the referral’s last extension"), error))
      goto fail;
  }

  stmt = anv_db_prepare (db, "periods/extend",
    "INSERT INTO referral_extension (referral_id, recorded_on, months, recorded_by) "
    "VALUES (?1, ?2, ?3, ?4)", error);
  if (stmt == NULL)
    goto fail;
  anv_date_format (&when, day);
  anv_db_bind_int64 (stmt, 1, r->id);
  anv_db_bind_text (stmt, 2, day);
  anv_db_bind_int64 (stmt, 3, r->extension_months);
  anv_db_bind_text (stmt, 4, anv_db_get_user (db));
  if (!anv_db_step_done (stmt, error)
      || !anv_referrals_resummarize (db, r, error))
    goto fail;

  after = anv_referrals_get (db, r->id, error);
  if (after == NULL)
    goto fail;
  details = g_strdup_printf ("%s +%u months to %s", day, r->extension_months,
                             after->period_end);
  if (!anv_referrals_audit (db, "referral.extend", r->id, details, error)
      || !anv_db_commit (db, error))
    goto fail;
  return TRUE;

fail:
  anv_db_rollback (db);
  return FALSE;
}

/* The end of the periods that ran out */

static GArray *
list_expired (AnvDb       *db,
              const char  *before,
              GError     **error)
{
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  AnvDbStmt *stmt = anv_db_prepare (db, "periods/expired",
    "SELECT id FROM referral "
    "WHERE ended_on IS NULL AND NOT annulled AND period_end < ?1 ORDER BY id", error);
  AnvDbStep step;

  if (stmt == NULL)
    return NULL;
  anv_db_bind_text (stmt, 1, before);
  while ((step = anv_db_step (stmt, error)) == ANV_DB_ROW)
    {
      gint64 id = anv_db_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (step == ANV_DB_FAILED)
    return NULL;
  return g_steal_pointer (&ids);
}

static gboolean
end_one (AnvDb   *db,
         gint64   id,
         GError **error)
{
  g_autoptr (AnvReferral) r = anv_referrals_get (db, id, error);
  g_autofree char *details = NULL;
  AnvDbStmt *stmt;
  const AnvReferralProvider *current = NULL;
  const char *ended_on;

  if (r == NULL)
    return FALSE;
  /* On the period's last day; a provider recorded after it (changed by
   * hand once the period had run out) moves the end to that day, so that
   * the history never has a provider beginning after its end. */
  current = anv_referral_current_provider (r);
  ended_on = current != NULL && strcmp (current->from_date, r->period_end) > 0
             ? current->from_date : r->period_end;
  stmt = anv_db_prepare (db, "periods/end-expired",
                         "UPDATE referral SET ended_on = ?3, end_reason = ?1 "
                         "WHERE id = ?2", error);
  if (stmt == NULL)
    return FALSE;
  anv_db_bind_text (stmt, 1, TIME_RAN_OUT);
  anv_db_bind_int64 (stmt, 2, id);
  anv_db_bind_text (stmt, 3, ended_on);
  if (!anv_db_step_done (stmt, error)
      || !anv_referrals_resummarize (db, r, error))
    return FALSE;
  details = g_strdup_printf ("%s %s end-expired", ended_on, TIME_RAN_OUT);
  return anv_referrals_audit (db, "referral.end", id, details, error);
}

gboolean
anv_referrals_end_expired (AnvDb       *db,
                           const GDate *date,
                           const GDate *today,
                           gboolean     dry_run,
                           GArray     **out_ids,
                           GError     **error)
{
  g_autoptr (GArray) ids = NULL;
  g_autoptr (AnvEndReason) reason = NULL;
  char before[11];

  if (!anv_referrals_check_not_future (date, today, _("Ending the periods that ran out"),
                                       error))
    return FALSE;
  anv_date_format (date, before);

  if (!anv_db_begin (db, error))
    return FALSE;
  reason = anv_end_reasons_get (db, TIME_RAN_OUT, error);
  if (reason == NULL)
    goto fail;
  ids = list_expired (db, before, error);
  if (ids == NULL)
    goto fail;

  if (dry_run)
    anv_db_rollback (db);
  else
    {
      for (guint i = 0; i < ids->len; i++)
        if (!end_one (db, g_array_index (ids, gint64, i), error))
          goto fail;
      if (!anv_db_commit (db, error))
        goto fail;
    }
  if (out_ids != NULL)
    *out_ids = g_steal_pointer (&ids);
  return TRUE;

fail:
  anv_db_rollback (db);
  return FALSE;
}
