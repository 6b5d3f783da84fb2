/* anv-referral-moves.c — referrals whose provider leaves, moved on
 *
 * A provider leaves a municipality when its approval there ends (or it is
 * made inactive). Its open referrals there cannot stay with it: our rule,
 * as in the officer's work list, is that on the day from which the
 * provider is not approved for the referral's service in the referral's
 * municipality (for a job seeker who chose a provider outside the area:
 * not approved anywhere for the service), the referral is "leaving".
 *
 * anv_referrals_move_leaving() moves every leaving referral, in one
 * transaction, to the no-choice default of its municipality on that day
 * (anv_providers_propose_default()'s rule), each move audited as a change
 * of provider. The moves of one run are counted with the month's
 * defaults, so that they spread over the providers that stay rather than
 * all going to the one that had the fewest before the run. A referral for
 * which no other provider is approved stays where it is, and is reported.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-referral-moves"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "anv-approvals.h"
#include "anv-date.h"
#include "anv-personnummer.h"
#include "anv-providers-private.h"
#include "anv-referrals-private.h"

void
anv_referral_move_free (AnvReferralMove *move)
{
  if (move == NULL)
    return;
  g_free (move->personnummer);
  g_free (move->name);
  g_free (move->municipality_code);
  g_free (move->from_orgnr);
  g_free (move->from_name);
  g_free (move->to_orgnr);
  g_free (move->to_name);
  g_free (move);
}

static gpointer
move_from_row (AnvDbStmt *stmt,
               gpointer   user_data)
{
  AnvReferralMove *move = g_new0 (AnvReferralMove, 1);

  move->referral_id = anv_db_column_int64 (stmt, 0);
  anv_service_parse (anv_db_column_text (stmt, 1), &move->service, NULL);
  move->municipality_code = anv_db_column_dup (stmt, 2);
  move->from_provider_id = anv_db_column_int64 (stmt, 3);
  move->from_orgnr = anv_db_column_dup (stmt, 4);
  move->from_name = anv_db_column_dup (stmt, 5);
  move->personnummer = anv_db_column_dup (stmt, 6);
  move->protected_identity = anv_db_column_int (stmt, 7) != 0;
  /* A protected identity's name stays out of lists (DOMAIN.md) */
  move->name = move->protected_identity ? NULL : anv_db_column_dup (stmt, 8);
  return move;
}

GPtrArray *
anv_referrals_list_leaving (AnvDb       *db,
                            const GDate *on,
                            const char  *provider_orgnr,
                            GError     **error)
{
  AnvDbStmt *stmt;
  char day[11];

  g_return_val_if_fail (ANV_IS_DB (db), NULL);
  g_return_val_if_fail (on != NULL, NULL);

  stmt = anv_db_prepare (db, "moves/leaving",
    "SELECT r.id, r.service, r.municipality_code, p.id, p.orgnr, p.name, "
    "       s.personnummer, s.protected_identity, s.name "
    "FROM referral r "
    "JOIN seeker s ON s.id = r.seeker_id "
    "JOIN referral_provider rp ON rp.id = (SELECT x.id FROM referral_provider x "
    "                                      WHERE x.referral_id = r.id "
    "                                      ORDER BY x.from_date DESC, x.id DESC LIMIT 1) "
    "JOIN provider p ON p.id = rp.provider_id "
    "WHERE r.ended_on IS NULL AND NOT r.annulled AND rp.from_date <= ?1 "
    /* A referral whose period ran out is ended, not moved */
    "  AND r.period_end >= ?1 "
    "  AND (CAST (?2 AS TEXT) IS NULL OR p.orgnr = ?2) "
    "  AND (p.active = 0 OR NOT EXISTS ("
    "    SELECT 1 FROM approval a JOIN delivery_area da ON da.id = a.area_id "
    "    WHERE a.provider_id = p.id AND da.service = r.service "
    "      AND " ANV_APPROVAL_HOLDS_ON ("a", "?1")
    "      AND (rp.outside_area <> 0 OR EXISTS (SELECT 1 FROM delivery_area_municipality dam "
    "                                      WHERE dam.area_id = a.area_id "
    "                                        AND dam.municipality_code = r.municipality_code)))) "
    "ORDER BY r.id", error);
  if (stmt == NULL)
    return NULL;
  anv_date_format (on, day);
  anv_db_bind_text (stmt, 1, day);
  anv_db_bind_text (stmt, 2, provider_orgnr);
  return anv_db_collect (stmt, move_from_row, NULL, (GDestroyNotify) anv_referral_move_free,
                         error);
}

static gboolean
move_one (AnvDb           *db,
          AnvReferralMove *move,
          const char      *day,
          GError         **error)
{
  g_autofree char *details = NULL;
  g_autoptr (AnvReferral) before = anv_referrals_get (db, move->referral_id, error);

  /* The breakdown by provider moves the referral to the new one. */
  if (before == NULL
      || !anv_referrals_insert_provider_row (db, move->referral_id, move->to_provider_id, day,
                                             FALSE, error)
      || !anv_referrals_resummarize (db, before, error))
    return FALSE;
  /* As a change of provider is logged, with why it was made */
  details = g_strdup_printf ("%s from %s no-choice default, leaving %s", move->to_orgnr, day,
                             move->from_orgnr);
  return anv_referrals_audit (db, "referral.change_provider", move->referral_id, details, error);
}

gboolean
anv_referrals_move_leaving (AnvDb       *db,
                            const GDate *date,
                            const char  *provider_orgnr,
                            const GDate *today,
                            gboolean     dry_run,
                            GPtrArray  **out_moves,
                            GError     **error)
{
  g_autoptr (GPtrArray) moves = NULL;
  g_autoptr (AnvDefaultPool) pool = NULL;
  char day[11];

  g_return_val_if_fail (ANV_IS_DB (db), FALSE);
  g_return_val_if_fail (date != NULL && today != NULL, FALSE);

  if (!anv_referrals_check_not_future (date, today, _("Moving the referrals of a provider "
                                                      "that leaves"), error))
    return FALSE;
  anv_date_format (date, day);

  if (!anv_db_begin (db, error))
    return FALSE;
  moves = anv_referrals_list_leaving (db, date, provider_orgnr, error);
  if (moves == NULL)
    goto fail;

  pool = anv_default_pool_new (db, date);
  for (guint i = 0; i < moves->len; i++)
    {
      AnvReferralMove *move = g_ptr_array_index (moves, i);
      g_autoptr (GError) local_error = NULL;
      /* The default among the others than the one it leaves */
      const AnvProvider *to = anv_default_pool_pick (pool, move->service,
                                                     move->municipality_code,
                                                     move->from_provider_id, &local_error);

      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          goto fail;
        }
      if (to == NULL)
        continue;
      move->to_provider_id = to->id;
      move->to_orgnr = g_strdup (to->orgnr);
      move->to_name = g_strdup (to->name);
      if (!dry_run && !move_one (db, move, day, error))
        goto fail;
    }

  if (dry_run)
    anv_db_rollback (db);
  else if (!anv_db_commit (db, error))
    goto fail;
  if (out_moves != NULL)
    *out_moves = g_steal_pointer (&moves);
  return TRUE;

fail:
  anv_db_rollback (db);
  return FALSE;
}
