/* anv-retention.c — retention (gallring): removing job seekers whose referrals all ended
 *
 * The schema refuses to delete referrals, their history and job seekers
 * unless the one-row retention_permit is there (migration 4). This file
 * adds the permit, deletes, and removes it again, all in one transaction:
 * no other connection ever sees the permit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-retention"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "anv-audit.h"
#include "anv-date.h"
#include "anv-db-private.h"
#include "anv-retention.h"

/* A job seeker is due when they have a referral and none of them ended
 * (or, annulled, was decided) on or after the date, nor is open. */
#define DUE_SEEKER \
  "EXISTS (SELECT 1 FROM referral r WHERE r.seeker_id = s.id) " \
  "AND NOT EXISTS (SELECT 1 FROM referral r WHERE r.seeker_id = s.id " \
  "  AND coalesce (r.ended_on, CASE WHEN r.annulled <> 0 THEN r.decided_on END, '9999-12-31') " \
  "      >= ?1)"

G_DEFINE_QUARK (anv-retention-error-quark, anv_retention_error)

static gboolean
check_date (const GDate  *ended_before,
            const GDate  *today,
            GError      **error)
{
  char text[11];

  if (today == NULL || g_date_compare (ended_before, today) <= 0)
    return TRUE;
  anv_date_format (ended_before, text);
  g_set_error (error, ANV_RETENTION_ERROR, ANV_RETENTION_ERROR_DATE,
               /* Translators: %s is a date */
               _("The date %s is in the future. Choose a date no later than today."), text);
  return FALSE;
}

static gboolean
step_count (AnvDbStmt  *stmt,
            guint64    *out,
            GError    **error)
{
  /* count(*) always gives its row. */
  if (!anv_db_step_row (stmt, error))
    return FALSE;
  *out = (guint64) anv_db_column_int64 (stmt, 0);
  anv_db_reset (stmt);
  return TRUE;
}

static gboolean
collect_due (AnvDb       *db,
             const char  *date,
             guint64     *out_seekers,
             guint64     *out_referrals,
             GError     **error)
{
  AnvDbStmt *stmt;

  if (!anv_db_exec (db, "CREATE TEMP TABLE IF NOT EXISTS retention_due ("
                        "  id BIGINT PRIMARY KEY);"
                        "DELETE FROM retention_due;", error))
    return FALSE;

  stmt = anv_db_prepare (db, "retention/collect-due",
                         "INSERT INTO retention_due (id) "
                         "SELECT s.id FROM seeker s WHERE " DUE_SEEKER, error);
  if (stmt == NULL)
    return FALSE;
  anv_db_bind_text (stmt, 1, date);
  if (!anv_db_step_done (stmt, error))
    return FALSE;
  *out_seekers = (guint64) anv_db_changes (db);

  stmt = anv_db_prepare (db, "retention/count-due-referrals",
                         "SELECT count(*) FROM referral "
                         "WHERE seeker_id IN (SELECT id FROM retention_due)", error);
  return stmt != NULL && step_count (stmt, out_referrals, error);
}

/* FTS5 with external content forgets a row only when told its old text;
 * the 'optimize' afterwards merges the index into one segment, so the
 * forgotten words are gone from it too (and secure_delete clears the
 * pages they were on). A server indexes the names in the table itself:
 * its texts for the two name statements do nothing. */
static gboolean
remove_due (AnvDb   *db,
            GError **error)
{
  AnvDbStmt *stmt;

  if (!anv_db_exec (db, "INSERT INTO retention_permit (id) VALUES (1);", error))
    return FALSE;
  stmt = anv_db_prepare (db, "retention/forget-names",
    "INSERT INTO seeker_name (seeker_name, rowid, name) "
    "  SELECT 'delete', s.id, s.name FROM seeker s "
    "  WHERE s.id IN (SELECT id FROM retention_due)", error);
  if (stmt == NULL || !anv_db_step_done (stmt, error))
    return FALSE;
  if (!anv_db_exec (db,
    "DELETE FROM referral_extension WHERE referral_id IN "
    "  (SELECT id FROM referral WHERE seeker_id IN (SELECT id FROM retention_due));"
    "DELETE FROM referral_correction WHERE referral_id IN "
    "  (SELECT id FROM referral WHERE seeker_id IN (SELECT id FROM retention_due));"
    "DELETE FROM referral_choice_wait WHERE referral_id IN "
    "  (SELECT id FROM referral WHERE seeker_id IN (SELECT id FROM retention_due));"
    "DELETE FROM referral_provider WHERE referral_id IN "
    "  (SELECT id FROM referral WHERE seeker_id IN (SELECT id FROM retention_due));"
    "DELETE FROM referral WHERE seeker_id IN (SELECT id FROM retention_due);"
    "DELETE FROM seeker WHERE id IN (SELECT id FROM retention_due);"
    "DELETE FROM retention_permit;",
    error))
    return FALSE;
  stmt = anv_db_prepare (db, "retention/optimize-names",
    "INSERT INTO seeker_name (seeker_name) VALUES ('optimize')", error);
  if (stmt == NULL || !anv_db_step_done (stmt, error))
    return FALSE;
  return anv_db_exec (db, "DELETE FROM retention_due;", error);
}

gboolean
anv_retention_count (AnvDb       *db,
                     const GDate *ended_before,
                     guint64     *out_seekers,
                     GError     **error)
{
  AnvDbStmt *stmt = anv_db_prepare (db, "retention/count-due",
                                    "SELECT count(*) FROM seeker s WHERE " DUE_SEEKER, error);
  char date[11];

  g_return_val_if_fail (g_date_valid (ended_before), FALSE);

  if (stmt == NULL)
    return FALSE;
  anv_date_format (ended_before, date);
  anv_db_bind_text (stmt, 1, date);
  return step_count (stmt, out_seekers, error);
}

gboolean
anv_retention_run (AnvDb       *db,
                   const GDate *ended_before,
                   const GDate *today,
                   guint64     *out_seekers,
                   guint64     *out_referrals,
                   GError     **error)
{
  g_autofree char *details = NULL;
  guint64 n_seekers = 0, n_referrals = 0;
  char date[11];

  g_return_val_if_fail (g_date_valid (ended_before), FALSE);

  if (!check_date (ended_before, today, error))
    return FALSE;
  anv_date_format (ended_before, date);

  if (!anv_db_begin (db, error))
    return FALSE;
  if (!collect_due (db, date, &n_seekers, &n_referrals, error))
    goto fail;
  details = g_strdup_printf ("ended_before=%s; seekers=%" G_GUINT64_FORMAT
                             "; referrals=%" G_GUINT64_FORMAT,
                             date, n_seekers, n_referrals);
  if ((n_seekers > 0 && !remove_due (db, error))
      || !anv_audit_append (db, "seeker.retention", "seeker", NULL, details, error)
      || !anv_db_commit (db, error))
    goto fail;

  /* Best effort: a reader elsewhere may hold the log; the next checkpoint
   * then does it. */
  anv_db_purge_removed (db);

  if (out_seekers != NULL)
    *out_seekers = n_seekers;
  if (out_referrals != NULL)
    *out_referrals = n_referrals;
  return TRUE;

fail:
  anv_db_rollback (db);
  return FALSE;
}
