/* anv-referral-load.c — loading many referrals at once, for demo and benchmark data
 *
 * The rows are written as given, inside the caller's transaction; the
 * caller (src/demo) brings the summary up to date afterwards.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-referral-load"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "anv-date.h"
#include "anv-referrals-private.h"

struct _AnvReferralLoad
{
  AnvDb     *db;
  gint64     next_id;
  GPtrArray *rules;     /* AnvPeriodRule: each record's period is computed here */
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
  if (stmt == NULL || !anv_db_step_row (stmt, error))
    return NULL;
  load = g_new0 (AnvReferralLoad, 1);
  load->db = g_object_ref (db);
  load->next_id = anv_db_column_int64 (stmt, 0);
  anv_db_reset (stmt);
  load->rules = anv_period_rules_list (db, error);
  if (load->rules == NULL)
    {
      anv_referrals_load_free (load);
      return NULL;
    }
  return load;
}

void
anv_referrals_load_free (AnvReferralLoad *load)
{
  if (load == NULL)
    return;
  g_object_unref (load->db);
  g_clear_pointer (&load->rules, g_ptr_array_unref);
  g_free (load);
}

gboolean
anv_referrals_load (AnvReferralLoad          *load,
                    const AnvReferralRecord  *record,
                    gint64                   *out_id,
                    GError                  **error)
{
  g_autoptr (GError) local_error = NULL;
  const AnvPeriodRule *rule;
  AnvDb *db;
  AnvDbStmt *stmt;
  gint64 id;
  GDate start, last;
  char period_end[11];

  g_return_val_if_fail (load != NULL, FALSE);
  g_return_val_if_fail (record != NULL, FALSE);
  /* A loaded referral has run its course with a provider */
  g_return_val_if_fail (record->choice != ANV_CHOICE_PENDING, FALSE);

  db = load->db;
  id = load->next_id;

  /* The period, as anv_referrals_refresh_period() computes it */
  rule = anv_period_rules_pick (load->rules, record->service, record->decided_on);
  if (rule == NULL
      || !anv_date_parse (record->started_on ? record->started_on : record->planned_start,
                          &start, error))
    {
      if (rule == NULL)
        g_set_error_literal (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_PERIOD,
                             _("There is no period rule for the referral’s service. An "
                               "administrator adds one with “anvisa-cli period-rule add”."));
      return FALSE;
    }

  stmt = anv_db_prepare (db, "referrals/load",
    "INSERT INTO referral (id, seeker_id, service, level, choice, municipality_code, female, "
    "                      decided_on, planned_start, started_on, ended_on, end_reason, "
    "                      decided_by, period_end) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)", error);
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
  anv_referrals_period_last_day (&start,
                                 rule->initial_months
                                 + record->n_extensions * rule->extension_months, &last);
  anv_date_format (&last, period_end);
  anv_db_bind_text (stmt, 14, period_end);
  if (!anv_db_step_done (stmt, &local_error))
    {
      /* The only unique rule on a referral beside its id, which is ours:
       * one open per job seeker. The lookup only improves the message, so
       * its own error is left out. */
      if (g_error_matches (local_error, ANV_DB_ERROR, ANV_DB_ERROR_DUPLICATE))
        anv_referrals_set_open_error (db, anv_referrals_find_open (db, record->seeker_id, NULL),
                                      error);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  load->next_id++;
  if (!anv_referrals_insert_provider_row (db, id, record->provider_id, record->decided_on,
                                          record->outside_area, error)
      || (record->new_provider_id > 0
          && !anv_referrals_insert_provider_row (db, id, record->new_provider_id,
                                                 record->changed_on, FALSE, error)))
    return FALSE;
  /* Each extension recorded on the last day of the period before it */
  for (guint i = 0; i < record->n_extensions; i++)
    {
      char day[11];

      anv_referrals_period_last_day (&start, rule->initial_months + i * rule->extension_months,
                                     &last);
      anv_date_format (&last, day);
      stmt = anv_db_prepare (db, "referrals/load-extension",
        "INSERT INTO referral_extension (referral_id, recorded_on, months, recorded_by) "
        "VALUES (?1, ?2, ?3, ?4)", error);
      if (stmt == NULL)
        return FALSE;
      anv_db_bind_int64 (stmt, 1, id);
      anv_db_bind_text (stmt, 2, day);
      anv_db_bind_int64 (stmt, 3, rule->extension_months);
      anv_db_bind_text (stmt, 4, anv_db_get_user (db));
      if (!anv_db_step_done (stmt, error))
        return FALSE;
    }
  if (out_id != NULL)
    *out_id = id;
  return TRUE;
}
