/* anv-worklist.c — the officer's work list (Att göra): one query per kind of work
 *
 * Our rules, also in HACKING.md ("The work list"):
 *
 *  - Only open referrals (not ended, not annulled) decided on or before D;
 *    with an officer, only the referrals that officer decided (decided_by).
 *  - Overdue: the period's last day (period_end) is before D. Ending it
 *    is the one action, so an overdue referral is in no other category.
 *  - Start overdue: no start reported and the planned start before D,
 *    the choice not awaited.
 *  - Period ending: the period's last day is D or one of the 13 days
 *    after it (14 calendar days with D).
 *  - Provider leaving: the current provider (the last of the referral's
 *    history) holds no approval on D, or none on D + 13, for the
 *    referral's service in an area with the referral's municipality (for
 *    a job seeker's own choice outside the area, in any area), by the
 *    rule of anv_providers_is_approved() (ANV_APPROVAL_HOLDS_ON, and an
 *    active provider): gone already, even if approved again later, or
 *    leaving within the 14 days. Its date is the last day of its last
 *    approval there that ended before D (not approved on D) or before
 *    D + 13, or D when there is none (a provider made inactive).
 *  - No choice made: a referral decided before the job seeker chose, still
 *    waiting for the choice after its deadline (before D): assign the
 *    no-choice default, or record the choice the job seeker makes late.
 *  - Rows: the most overdue first (the earliest date), then by the name
 *    shown in Swedish order, then by referral id. A protected identity's
 *    name never leaves the database.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-worklist"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "anv-audit.h"
#include "anv-date.h"
#include "anv-providers-private.h"
#include "anv-text.h"
#include "anv-worklist.h"

/* The binds of every query: ?1 the date D, ?2 the officer or NULL, ?3
 * the limit (-1: none), ?4 D + 13. The columns: the referral, the
 * person, the service and municipality, the date that makes it due,
 * the count of all rows, the provider (or NULL). The partial index
 * referral_open_period_end holds the open referrals: every query names
 * its condition as it is written there. */
#define SELECT_ROW(due, provider) \
  "SELECT r.id, s.personnummer, " \
  "  CASE WHEN s.protected_identity <> 0 THEN NULL ELSE s.name END AS shown, " \
  "  s.protected_identity, r.service, r.municipality_code, m.short_name, " \
  due " AS due, count (*) OVER (), " provider " " \
  "FROM referral r " \
  "JOIN seeker s ON s.id = r.seeker_id " \
  "JOIN municipality m ON m.code = r.municipality_code "

/* Decided on or before D: a list of an earlier day leaves out the
 * referrals decided after it. */
#define WHERE_OPEN \
  "WHERE r.ended_on IS NULL AND NOT r.annulled " \
  "  AND (CAST (?2 AS TEXT) IS NULL OR r.decided_by = ?2) " \
  "  AND r.decided_on <= ?1 "

#define ORDER_ROWS \
  "ORDER BY due, CASE WHEN s.protected_identity <> 0 THEN NULL ELSE s.name END " \
  "  COLLATE " ANV_TEXT_COLLATION " NULLS FIRST, r.id LIMIT ?3"

/* The current provider, as anv_referral_current_provider() takes it. */
#define CURRENT_PROVIDER \
  "JOIN referral_provider rp ON rp.id = (" \
  "  SELECT h.id FROM referral_provider h WHERE h.referral_id = r.id " \
  "  ORDER BY h.from_date DESC, h.id DESC LIMIT 1) " \
  "JOIN provider p ON p.id = rp.provider_id "

/* The approvals of the current provider that count for the referral. */
#define PROVIDER_APPROVALS \
  "FROM approval a " \
  "JOIN delivery_area d ON d.id = a.area_id " \
  "JOIN delivery_area_municipality dm ON dm.area_id = a.area_id " \
  "WHERE a.provider_id = rp.provider_id AND d.service = r.service " \
  "  AND (rp.outside_area <> 0 OR dm.municipality_code = r.municipality_code) "

/* The current provider is approved for the referral on @day. */
#define APPROVED_ON(day) \
  "(p.active <> 0 AND EXISTS (SELECT 1 " PROVIDER_APPROVALS \
  "  AND " ANV_APPROVAL_HOLDS_ON ("a", day) "))"

typedef struct
{
  const char        *key;
  const char        *sql;
  const char        *code;
  const char        *title;
  const char        *action;
  AnvReferralEvents  event;
} Category;

/* In the order of AnvWorklistCategory. */
static const Category categories[ANV_WORKLIST_N_CATEGORIES] = {
  { "worklist/overdue",
    SELECT_ROW ("r.period_end", "NULL")
    WHERE_OPEN "AND r.period_end < ?1 "
    ORDER_ROWS,
    "overdue",
    /* Translators: a category of the work list: open after the period's last day */
    N_("Overdue"), N_("End the referral"), ANV_REFERRAL_EVENT_END },
  { "worklist/start-overdue",
    SELECT_ROW ("r.planned_start", "NULL")
    WHERE_OPEN "AND r.period_end >= ?1 AND r.started_on IS NULL AND r.planned_start < ?1 "
    /* No start while the choice is awaited: the choice is the work */
    "AND NOT EXISTS (SELECT 1 FROM referral_choice_wait w "
    "                WHERE w.referral_id = r.id AND w.chosen_on IS NULL) "
    ORDER_ROWS,
    "start-overdue",
    /* Translators: a category of the work list: the planned start passed, no start reported */
    N_("Start Overdue"), N_("Record the start"), ANV_REFERRAL_EVENT_START },
  { "worklist/provider-leaving",
    SELECT_ROW ("coalesce ((SELECT max (a.valid_to) " PROVIDER_APPROVALS
                "  AND a.valid_to < CASE WHEN " APPROVED_ON ("?1") " THEN ?4 ELSE ?1 END), ?1)",
                "p.name")
    CURRENT_PROVIDER
    WHERE_OPEN "AND r.period_end >= ?1 "
    /* Cheap first: only a provider with an approval that ends before
     * D + 13 or starts after D, or one made inactive, can be without an
     * approval on D or D + 13 (areas and approvals are never edited);
     * this keeps the query at a range scan of the open referrals when
     * millions are stored. */
    "AND rp.provider_id IN (SELECT provider_id FROM approval "
    "                       WHERE valid_to < ?4 OR valid_from > ?1 "
    "                       UNION ALL SELECT id FROM provider WHERE active = 0) "
    "AND NOT (" APPROVED_ON ("?1") " AND " APPROVED_ON ("?4") ") "
    ORDER_ROWS,
    "provider-leaving",
    /* Translators: a category of the work list: the provider's approval ends */
    N_("Provider Leaving"), N_("Change the provider"), ANV_REFERRAL_EVENT_CHANGE_PROVIDER },
  { "worklist/period-ending",
    SELECT_ROW ("r.period_end", "NULL")
    WHERE_OPEN "AND r.period_end BETWEEN ?1 AND ?4 "
    ORDER_ROWS,
    "period-ending",
    /* Translators: a category of the work list: the period's last day is near */
    N_("Period Ending"), N_("Extend or end"), ANV_REFERRAL_EVENT_EXTEND },
  { "worklist/choice-due",
    SELECT_ROW ("w.deadline", "NULL")
    "JOIN referral_choice_wait w ON w.referral_id = r.id "
    WHERE_OPEN "AND r.period_end >= ?1 AND w.chosen_on IS NULL AND w.deadline < ?1 "
    ORDER_ROWS,
    "choice-due",
    /* Translators: a category of the work list: the job seeker did not choose a provider
     * by the deadline (Val ej gjort) */
    N_("No Choice Made"), N_("Assign the no-choice default"), ANV_REFERRAL_EVENT_CHOOSE },
};


/*
 * Auxiliary methods
 */

static AnvWorklistItem *
item_from_row (AnvDbStmt           *stmt,
               AnvWorklistCategory  category,
               const GDate         *date)
{
  AnvWorklistItem *item = g_new0 (AnvWorklistItem, 1);
  GDate due;

  item->category = category;
  item->referral_id = anv_db_column_int64 (stmt, 0);
  item->personnummer = anv_db_column_dup (stmt, 1);
  item->name = anv_db_column_dup (stmt, 2);
  item->protected_identity = anv_db_column_int (stmt, 3) != 0;
  item->service = anv_provider_service_from_column (stmt, 4);
  item->municipality_code = anv_db_column_dup (stmt, 5);
  item->municipality_name = anv_db_column_dup (stmt, 6);
  item->due_on = anv_db_column_dup (stmt, 7);
  item->provider_name = anv_db_column_dup (stmt, 9);
  if (item->due_on != NULL && anv_date_parse (item->due_on, &due, NULL))
    item->days_past = (int) g_date_get_julian (date) - (int) g_date_get_julian (&due);
  return item;
}

static gboolean
read_category (AnvDb               *db,
               AnvWorklistCategory  category,
               const char          *day,
               const char          *last_day,
               const char          *officer,
               const GDate         *date,
               guint                limit,
               AnvWorklist         *worklist,
               GError             **error)
{
  const Category *c = &categories[category];
  AnvDbStmt *stmt = anv_db_prepare (db, c->key, c->sql, error);
  AnvDbStep step;

  if (stmt == NULL)
    return FALSE;
  anv_db_bind_text (stmt, 1, day);
  anv_db_bind_text (stmt, 2, officer);
  anv_db_bind_int64 (stmt, 3, limit > 0 ? (gint64) limit : -1);
  anv_db_bind_text (stmt, 4, last_day);

  while ((step = anv_db_step (stmt, error)) == ANV_DB_ROW)
    {
      worklist->counts[category] = (guint) anv_db_column_int64 (stmt, 8);
      g_ptr_array_add (worklist->items[category], item_from_row (stmt, category, date));
    }
  return step == ANV_DB_DONE;
}


/*
 * Public methods
 */

void
anv_worklist_item_free (AnvWorklistItem *item)
{
  if (item == NULL)
    return;
  g_free (item->personnummer);
  g_free (item->name);
  g_free (item->municipality_code);
  g_free (item->municipality_name);
  g_free (item->due_on);
  g_free (item->provider_name);
  g_free (item);
}

void
anv_worklist_free (AnvWorklist *worklist)
{
  if (worklist == NULL)
    return;
  for (guint i = 0; i < ANV_WORKLIST_N_CATEGORIES; i++)
    g_clear_pointer (&worklist->items[i], g_ptr_array_unref);
  g_free (worklist);
}

AnvWorklist *
anv_worklist_read (AnvDb        *db,
                   const GDate  *date,
                   const char   *officer,
                   guint         limit,
                   GError      **error)
{
  g_autoptr (AnvWorklist) worklist = NULL;
  char day[11], last_day[11];
  guint listed = 0;
  GDate last;

  g_return_val_if_fail (ANV_IS_DB (db), NULL);
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  last = *date;
  g_date_add_days (&last, ANV_WORKLIST_DAYS_AHEAD - 1);
  anv_date_format (date, day);
  anv_date_format (&last, last_day);

  worklist = g_new0 (AnvWorklist, 1);
  for (guint i = 0; i < ANV_WORKLIST_N_CATEGORIES; i++)
    worklist->items[i] = g_ptr_array_new_with_free_func ((GDestroyNotify) anv_worklist_item_free);

  for (guint i = 0; i < ANV_WORKLIST_N_CATEGORIES; i++)
    {
      if (!read_category (db, i, day, last_day, officer, date, limit, worklist, error))
        return NULL;
      listed += worklist->items[i]->len;
    }

  /* The list names people: logged with the login, how many it showed,
   * once until it shows another (HACKING.md, "Reads in the audit log"). */
  if (listed > 0)
    {
      g_autofree char *details = g_strdup_printf ("%u listed", listed);
      g_autofree char *key = g_strdup_printf ("%s %s %u %u", day, officer ? officer : "",
                                              limit, listed);

      if (!anv_audit_append_read (db, "worklist.read", "referral", NULL, details, key, error))
        return NULL;
    }
  return g_steal_pointer (&worklist);
}

guint
anv_worklist_get_total (const AnvWorklist *worklist)
{
  guint total = 0;

  g_return_val_if_fail (worklist != NULL, 0);

  for (guint i = 0; i < ANV_WORKLIST_N_CATEGORIES; i++)
    total += worklist->counts[i];
  return total;
}

const char *
anv_worklist_category_title (AnvWorklistCategory category)
{
  g_return_val_if_fail (category < ANV_WORKLIST_N_CATEGORIES, NULL);

  return _(categories[category].title);
}

const char *
anv_worklist_category_action_label (AnvWorklistCategory category)
{
  g_return_val_if_fail (category < ANV_WORKLIST_N_CATEGORIES, NULL);

  return _(categories[category].action);
}

const char *
anv_worklist_category_code (AnvWorklistCategory category)
{
  g_return_val_if_fail (category < ANV_WORKLIST_N_CATEGORIES, NULL);

  return categories[category].code;
}

AnvReferralEvents
anv_worklist_category_event (AnvWorklistCategory category)
{
  g_return_val_if_fail (category < ANV_WORKLIST_N_CATEGORIES, ANV_REFERRAL_EVENT_NONE);

  return categories[category].event;
}
