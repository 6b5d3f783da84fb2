/* anv-referral-corrections.c — correcting a recorded referral, annulment included
 *
 * A correction changes one field, keeps the old and the new value with
 * its reason, and must leave a referral that still keeps the rules.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-referral-corrections"

#include "config.h"

#include <stdarg.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "anv-date.h"
#include "anv-end-reasons.h"
#include "anv-referrals-private.h"
#include "anv-text.h"

/* A correction's reason, as long as a short paragraph */
#define MAX_CORRECTION_REASON_CHARS 500

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
    /* A start removed takes its note (why it was early) with it */
    return anv_db_prepare (db, "referrals/correct/started-on-note",
                           "UPDATE referral SET started_on = ?1, "
                           "start_note = CASE WHEN CAST (?1 AS TEXT) IS NULL THEN NULL ELSE start_note END "
                           "WHERE id = ?2", error);
  if (strcmp (field, "ended_on") == 0)
    return anv_db_prepare (db, "referrals/correct/ended-on",
                           "UPDATE referral SET ended_on = ?1, "
                           "end_reason = CASE WHEN CAST (?1 AS TEXT) IS NULL THEN NULL ELSE end_reason END "
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

static gboolean order_error (GError     **error,
                             const char  *format,
                             ...) G_GNUC_PRINTF (2, 3);

static gboolean
order_error (GError     **error,
             const char  *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  return correction_error (message, error);
}

/* The order of the dates that the table keeps (a decision before the
 * planned start, the start and the end; a start before the end), checked
 * before the write so that the message says which date is in the way. */
static gboolean
check_date_order (const AnvReferral  *r,
                  const char         *field,
                  const char         *value,
                  GError            **error)
{
  if (strcmp (field, "decided_on") == 0)
    {
      if (r->started_on != NULL && strcmp (value, r->started_on) > 0)
        /* Translators: %s is a date */
        return order_error (error, _("The decision would come after the start (%s): correct "
                                     "the start first."), r->started_on);
      if (r->ended_on != NULL && strcmp (value, r->ended_on) > 0)
        /* Translators: %s is a date */
        return order_error (error, _("The decision would come after the end (%s): correct "
                                     "the end first."), r->ended_on);
      if (strcmp (value, r->planned_start) >= 0)
        /* Translators: %s is a date */
        return order_error (error, _("The decision would come on or after the planned start "
                                     "(%s): correct the planned start first."),
                            r->planned_start);
    }
  else if (strcmp (field, "planned_start") == 0)
    {
      if (strcmp (value, r->decided_on) <= 0)
        /* Translators: %s is a date */
        return order_error (error, _("The planned start must come after the decision (%s)."),
                            r->decided_on);
    }
  else if (strcmp (field, "started_on") == 0)
    {
      if (strcmp (value, r->decided_on) < 0)
        /* Translators: %s is a date */
        return order_error (error, _("The start cannot come before the decision (%s)."),
                            r->decided_on);
      if (r->ended_on != NULL && strcmp (value, r->ended_on) > 0)
        /* Translators: %s is a date */
        return order_error (error, _("The start would come after the end (%s): correct the "
                                     "end first."), r->ended_on);
    }
  else if (strcmp (field, "ended_on") == 0)
    {
      if (strcmp (value, r->decided_on) < 0)
        /* Translators: %s is a date */
        return order_error (error, _("The end cannot come before the decision (%s)."),
                            r->decided_on);
      if (r->started_on != NULL && strcmp (value, r->started_on) < 0)
        /* Translators: %s is a date */
        return order_error (error, _("The end cannot come before the start (%s)."),
                            r->started_on);
    }
  return TRUE;
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
    return anv_referrals_check_level (r->service, value, error);
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
  return anv_date_parse (value, &date, error) && check_date_order (r, field, value, error);
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
  if (!anv_referrals_check_planned_start (&decided, &planned, error))
    return FALSE;
  if (r->started_on != NULL && !anv_referrals_check_not_awaiting (r, _("A start"), error))
    return FALSE;
  if (r->started_on != NULL && strcmp (r->started_on, r->decided_on) < 0)
    return correction_error (_("The start cannot come before the decision."), error);
  if (r->ended_on != NULL && (strcmp (r->ended_on, r->decided_on) < 0
                              || (r->started_on && strcmp (r->ended_on, r->started_on) < 0)))
    return correction_error (_("The end cannot come before the decision or the start."),
                             error);
  if (r->ended_on != NULL && !anv_referrals_check_result_started (r->started_on, r->end_kind,
                                                                  error))
    return FALSE;
  if (!r->annulled)
    {
      AnvService service;

      if (!anv_referrals_choose_service (db, r->service, r->municipality_code, r->municipality_name,
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
  return anv_referrals_audit (db, "referral.correct", r->id, details, error);
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
        anv_referrals_set_open_error (db, anv_referrals_find_open (db, before->seeker_id, NULL),
                                      error);
      else
        g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s ",
                                    _("The correction does not fit the referral’s other "
                                      "dates."));
      goto fail;
    }

  /* A referral waiting for the choice: its deadline follows the decision */
  if (strcmp (field, "decided_on") == 0 && before->choice == ANV_CHOICE_PENDING
      && !anv_referrals_refresh_choice_deadline (db, before, value, error))
    goto fail;

  after = anv_referrals_get (db, referral_id, error);
  if (after == NULL || !check_corrected (db, after, error)
      || !anv_referrals_resummarize (db, before, error)
      /* After the summary: its audit entry records the revisions of closed
       * months that the correction made. */
      || !record_correction (db, before, field, value, clean_reason, error)
      || !anv_db_commit (db, error))
    goto fail;
  return TRUE;

fail:
  anv_db_rollback (db);
  return FALSE;
}
