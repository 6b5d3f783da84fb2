/* anv-approvals.c — approvals of providers for delivery areas, and when one holds
 *
 * Approvals are stored with ISO dates (YYYY-MM-DD), which sort as text in
 * the order of the days; the database compares them so, and so does this
 * file, so that a rule read here and a rule run as SQL
 * (ANV_APPROVAL_HOLDS_ON) cannot disagree. Which providers may be chosen
 * in a municipality on a day follows from the approvals; the no-choice
 * default is the approved provider given the fewest defaults there in the
 * month, then the nearest, then by a rotation of the day (our rule: see
 * anv_providers_pick_default() and HACKING.md, "The no-choice default").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-approvals"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "anv-approvals.h"
#include "anv-audit.h"
#include "anv-date.h"
#include "anv-delivery-areas.h"
#include "anv-map.h"
#include "anv-municipalities.h"
#include "anv-providers-private.h"
#include "anv-text.h"
#include "anv-summary.h"

#define END_OF_TIME "9999-12-31"

/* The mean radius of the earth, km. */
#define EARTH_RADIUS_KM 6371.0

void
anv_approval_free (AnvApproval *approval)
{
  if (approval == NULL)
    return;
  g_free (approval->orgnr);
  g_free (approval->provider_name);
  g_free (approval->area_name);
  g_free (approval->valid_from);
  g_free (approval->valid_to);
  g_free (approval);
}

gboolean
anv_approval_holds_on (const AnvApproval *approval,
                       const GDate       *date)
{
  char day[11];

  g_return_val_if_fail (approval != NULL && approval->valid_from != NULL, FALSE);
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  anv_date_format (date, day);
  return strcmp (approval->valid_from, day) <= 0
         && (approval->valid_to == NULL || strcmp (approval->valid_to, day) >= 0);
}

gboolean
anv_approval_ended_before (const AnvApproval *approval,
                           const GDate       *date)
{
  char day[11];

  g_return_val_if_fail (approval != NULL, FALSE);
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  anv_date_format (date, day);
  return approval->valid_to != NULL && strcmp (approval->valid_to, day) < 0;
}

/* "from 2020-03-30 to 2020-12-31", or "from 2020-03-30 until further notice". */
static char *
describe_period (const char *from,
                 const char *to)
{
  if (to == NULL)
    /* Translators: %s is the first day of a period that has no end */
    return g_strdup_printf (_("from %s until further notice"), from);
  /* Translators: %1$s is the first day of a period, %2$s the last */
  return g_strdup_printf (_("from %1$s to %2$s"), from, to);
}

/* Refuses a period that overlaps one of the provider's approvals for the
 * same area. */
static gboolean
check_no_overlap (AnvDb              *db,
                  const AnvProvider  *provider,
                  gint64              area_id,
                  const char         *area_name,
                  const char         *from,
                  const char         *to,
                  GError            **error)
{
  AnvDbStmt *stmt = anv_db_prepare (db, "approvals/overlap",
    "SELECT valid_from, valid_to FROM approval "
    "WHERE provider_id = ?1 AND area_id = ?2 "
    "  AND valid_from <= coalesce (?4, '" END_OF_TIME "') "
    "  AND coalesce (valid_to, '" END_OF_TIME "') >= ?3 "
    "ORDER BY valid_from LIMIT 1", error);
  AnvDbStep step;

  if (stmt == NULL)
    return FALSE;
  anv_db_bind_int64 (stmt, 1, provider->id);
  anv_db_bind_int64 (stmt, 2, area_id);
  anv_db_bind_text (stmt, 3, from);
  anv_db_bind_text (stmt, 4, to);
  step = anv_db_step (stmt, error);
  if (step == ANV_DB_ROW)
    {
      g_autofree char *existing = describe_period (anv_db_column_text (stmt, 0),
                                                   anv_db_column_text (stmt, 1));

      anv_db_reset (stmt);
      g_set_error (error, ANV_PROVIDER_ERROR, ANV_PROVIDER_ERROR_PERIOD,
                   /* Translators: %1$s is a provider, %2$s a delivery area, %3$s a period
                    * such as “from 2020-03-30 to 2020-12-31” */
                   _("%1$s is approved in the delivery area %2$s already, %3$s, which "
                     "overlaps the period given. Give a period outside it."),
                   provider->name, area_name, existing);
    }
  return step == ANV_DB_DONE;
}

static gboolean
insert_approval (AnvDb       *db,
                 gint64       provider_id,
                 gint64       area_id,
                 const char  *from,
                 const char  *to,
                 GError     **error)
{
  AnvDbStmt *stmt = anv_db_prepare (db, "approvals/insert",
    "INSERT INTO approval (provider_id, area_id, valid_from, valid_to) "
    "VALUES (?1, ?2, ?3, ?4)", error);

  if (stmt == NULL)
    return FALSE;
  anv_db_bind_int64 (stmt, 1, provider_id);
  anv_db_bind_int64 (stmt, 2, area_id);
  anv_db_bind_text (stmt, 3, from);
  anv_db_bind_text (stmt, 4, to);
  return anv_db_step_done (stmt, error);
}

static gpointer
approval_from_row (AnvDbStmt *stmt,
                   gpointer   user_data)
{
  AnvApproval *approval = g_new0 (AnvApproval, 1);

  approval->id = anv_db_column_int64 (stmt, 0);
  approval->orgnr = anv_db_column_dup (stmt, 1);
  approval->provider_name = anv_db_column_dup (stmt, 2);
  approval->area_name = anv_db_column_dup (stmt, 3);
  approval->service = anv_provider_service_from_column (stmt, 4);
  approval->valid_from = anv_db_column_dup (stmt, 5);
  approval->valid_to = anv_db_column_dup (stmt, 6);
  return approval;
}

/* The haversine of the great-circle angle between two points (degrees):
 * hav θ = sin²(Δφ/2) + cos φ₁ cos φ₂ sin²(Δλ/2). The distance, 2R·asin √hav θ,
 * grows with it, so comparing it compares distances. */
static double
haversine (double lat1,
           double lon1,
           double lat2,
           double lon2)
{
  double to_radians = G_PI / 180.0;
  double half_dlat = sin ((lat2 - lat1) * to_radians / 2);
  double half_dlon = sin ((lon2 - lon1) * to_radians / 2);

  return half_dlat * half_dlat
         + cos (lat1 * to_radians) * cos (lat2 * to_radians) * half_dlon * half_dlon;
}

/* The provider's approvals in the area, by their first day: a GPtrArray of
 * AnvApproval with only id, valid_from and valid_to set. */
static gpointer
period_from_row (AnvDbStmt *stmt,
                 gpointer   user_data)
{
  AnvApproval *approval = g_new0 (AnvApproval, 1);

  approval->id = anv_db_column_int64 (stmt, 0);
  approval->valid_from = anv_db_column_dup (stmt, 1);
  approval->valid_to = anv_db_column_dup (stmt, 2);
  return approval;
}

static GPtrArray *
list_periods (AnvDb       *db,
              gint64       provider_id,
              gint64       area_id,
              GError     **error)
{
  AnvDbStmt *stmt = anv_db_prepare (db, "approvals/periods",
    "SELECT id, valid_from, valid_to FROM approval "
    "WHERE provider_id = ?1 AND area_id = ?2 ORDER BY valid_from", error);

  if (stmt == NULL)
    return NULL;
  anv_db_bind_int64 (stmt, 1, provider_id);
  anv_db_bind_int64 (stmt, 2, area_id);
  return anv_db_collect (stmt, period_from_row, NULL, (GDestroyNotify) anv_approval_free,
                         error);
}

/* Of @periods, the approval that holds on @day; NULL with @error set, saying
 * why, when none does. */
static const AnvApproval *
find_holding (GPtrArray         *periods,
              const AnvProvider *provider,
              const char        *area_name,
              const char        *day,
              GError           **error)
{
  const AnvApproval *ended = NULL;
  const AnvApproval *later = NULL;

  for (guint i = 0; i < periods->len; i++)
    {
      const AnvApproval *a = g_ptr_array_index (periods, i);

      if (strcmp (a->valid_from, day) > 0)
        {
          if (later == NULL)
            later = a;
          continue;
        }
      if (a->valid_to == NULL || strcmp (a->valid_to, day) >= 0)
        return a;
      ended = a;
    }

  if (ended != NULL)
    g_set_error (error, ANV_PROVIDER_ERROR, ANV_PROVIDER_ERROR_PERIOD,
                 /* Translators: %1$s is a provider, %2$s a delivery area, %3$s the
                  * last day of its approval, %4$s the last day asked for */
                 _("The approval of %1$s in the delivery area %2$s ended on %3$s "
                   "already, before %4$s. Nothing to end."),
                 provider->name, area_name, ended->valid_to, day);
  else if (later != NULL)
    g_set_error (error, ANV_PROVIDER_ERROR, ANV_PROVIDER_ERROR_PERIOD,
                 /* Translators: %1$s is a provider, %2$s a delivery area, %3$s the
                  * first day of its approval, %4$s the last day asked for */
                 _("The approval of %1$s in the delivery area %2$s starts on %3$s, "
                   "after the last day %4$s: give a last day on or after its first day."),
                 provider->name, area_name, later->valid_from, day);
  else
    g_set_error (error, ANV_PROVIDER_ERROR, ANV_PROVIDER_ERROR_NOT_FOUND,
                 /* Translators: %1$s is a provider, %2$s a delivery area */
                 _("%1$s is not approved in the delivery area %2$s: there is no "
                   "approval to end. Check the provider and the area."),
                 provider->name, area_name);
  return NULL;
}

static gboolean
set_last_day (AnvDb       *db,
              gint64       approval_id,
              const char  *day,
              GError     **error)
{
  AnvDbStmt *stmt = anv_db_prepare (db, "approvals/end",
    "UPDATE approval SET valid_to = ?2 WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  anv_db_bind_int64 (stmt, 1, approval_id);
  anv_db_bind_text (stmt, 2, day);
  return anv_db_step_done (stmt, error);
}

/* Public API */

gboolean
anv_providers_approve (AnvDb        *db,
                       const char   *orgnr,
                       const char   *area_name,
                       const GDate  *from,
                       const GDate  *to,
                       const GDate  *today,
                       GError      **error)
{
  g_autoptr (AnvProvider) provider = NULL;
  g_autofree char *area = NULL;
  g_autofree char *id = NULL;
  g_autofree char *details = NULL;
  char first[11], last[11] = "";
  gint64 area_id;

  g_return_val_if_fail (ANV_IS_DB (db), FALSE);
  g_return_val_if_fail (from != NULL && g_date_valid (from), FALSE);
  g_return_val_if_fail (to == NULL || g_date_valid (to), FALSE);
  g_return_val_if_fail (today != NULL, FALSE);

  provider = anv_providers_get (db, orgnr, today, error);
  if (provider == NULL)
    return FALSE;
  area_id = anv_areas_find (db, area_name, &area, error);
  if (area_id == 0)
    return FALSE;
  if (to != NULL && g_date_compare (to, from) < 0)
    {
      g_set_error_literal (error, ANV_PROVIDER_ERROR, ANV_PROVIDER_ERROR_PERIOD,
                           _("The approval ends before it starts: give an end date on or "
                             "after the start date, or none."));
      return FALSE;
    }

  anv_date_format (from, first);
  if (to != NULL)
    anv_date_format (to, last);
  id = g_strdup_printf ("%" G_GINT64_FORMAT, provider->id);
  details = g_strdup_printf ("%s %s..%s", area, first, last);

  if (!anv_db_begin (db, error))
    return FALSE;
  if (!check_no_overlap (db, provider, area_id, area, first, to ? last : NULL, error)
      || !insert_approval (db, provider->id, area_id, first, to ? last : NULL, error)
      || !anv_audit_append (db, "provider.approve", "provider", id, details, error)
      || !anv_db_commit (db, error))
    {
      anv_db_rollback (db);
      return FALSE;
    }
  return TRUE;
}

gboolean
anv_providers_end_approval (AnvDb        *db,
                            const char   *orgnr,
                            const char   *area_name,
                            const GDate  *last_day,
                            const GDate  *today,
                            GError      **error)
{
  g_autoptr (AnvProvider) provider = NULL;
  g_autoptr (GPtrArray) periods = NULL;
  g_autofree char *area = NULL;
  g_autofree char *id = NULL;
  g_autofree char *details = NULL;
  const AnvApproval *holding;
  char day[11];
  gint64 area_id;

  g_return_val_if_fail (ANV_IS_DB (db), FALSE);
  g_return_val_if_fail (last_day != NULL && g_date_valid (last_day), FALSE);
  g_return_val_if_fail (today != NULL, FALSE);

  provider = anv_providers_get (db, orgnr, today, error);
  if (provider == NULL)
    return FALSE;
  area_id = anv_areas_find (db, area_name, &area, error);
  if (area_id == 0)
    return FALSE;
  anv_date_format (last_day, day);

  if (!anv_db_begin (db, error))
    return FALSE;
  periods = list_periods (db, provider->id, area_id, error);
  holding = periods ? find_holding (periods, provider, area, day, error) : NULL;
  if (holding != NULL && g_strcmp0 (holding->valid_to, day) == 0)
    {
      g_set_error (error, ANV_PROVIDER_ERROR, ANV_PROVIDER_ERROR_PERIOD,
                   /* Translators: %1$s is a provider, %2$s a delivery area, %3$s a date */
                   _("The approval of %1$s in the delivery area %2$s ends on %3$s "
                     "already. Nothing to change."),
                   provider->name, area, day);
      holding = NULL;
    }
  if (holding == NULL)
    {
      anv_db_rollback (db);
      return FALSE;
    }

  id = g_strdup_printf ("%" G_GINT64_FORMAT, provider->id);
  details = g_strdup_printf ("%s %s..%s ended %s", area, holding->valid_from,
                             holding->valid_to ? holding->valid_to : "", day);
  if (!set_last_day (db, holding->id, day, error)
      || !anv_audit_append (db, "provider.end-approval", "provider", id, details, error)
      || !anv_db_commit (db, error))
    {
      anv_db_rollback (db);
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
anv_approvals_list (AnvDb   *db,
                    GError **error)
{
  AnvDbStmt *stmt;

  g_return_val_if_fail (ANV_IS_DB (db), NULL);

  stmt = anv_db_prepare (db, "approvals/list",
    "SELECT a.id, p.orgnr, p.name, d.name, d.service, a.valid_from, a.valid_to "
    "FROM approval a JOIN provider p ON p.id = a.provider_id "
    "JOIN delivery_area d ON d.id = a.area_id "
    "ORDER BY p.name COLLATE " ANV_TEXT_COLLATION ", p.orgnr, "
    "  d.name COLLATE " ANV_TEXT_COLLATION ", a.valid_from", error);
  if (stmt == NULL)
    return NULL;
  return anv_db_collect (stmt, approval_from_row, NULL, (GDestroyNotify) anv_approval_free,
                         error);
}

gboolean
anv_providers_is_approved (AnvDb        *db,
                           gint64        provider_id,
                           AnvService    service,
                           const char   *municipality_code,
                           const GDate  *date,
                           gboolean     *out_approved,
                           GError      **error)
{
  AnvDbStmt *stmt;
  AnvDbStep step;
  char day[11];

  g_return_val_if_fail (ANV_IS_DB (db), FALSE);
  g_return_val_if_fail (date != NULL && out_approved != NULL, FALSE);

  /* The condition on the dates is anv_approval_holds_on()'s. */
  stmt = anv_db_prepare (db, "approvals/is-approved",
    "SELECT EXISTS (SELECT 1 FROM approval a "
    "  JOIN delivery_area d ON d.id = a.area_id "
    "  JOIN delivery_area_municipality dm ON dm.area_id = a.area_id "
    "  JOIN provider p ON p.id = a.provider_id "
    "  WHERE a.provider_id = ?1 AND d.service = ?2 AND dm.municipality_code = ?3 "
    "    AND " ANV_APPROVAL_HOLDS_ON ("a", "?4") " AND p.active <> 0)", error);
  if (stmt == NULL)
    return FALSE;

  anv_date_format (date, day);
  anv_db_bind_int64 (stmt, 1, provider_id);
  anv_db_bind_text (stmt, 2, anv_service_code (service));
  anv_db_bind_text (stmt, 3, municipality_code);
  anv_db_bind_text (stmt, 4, day);
  step = anv_db_step (stmt, error);
  if (step == ANV_DB_FAILED)
    return FALSE;
  /* EXISTS gives one row, always. */
  *out_approved = step == ANV_DB_ROW && anv_db_column_int (stmt, 0) != 0;
  if (step == ANV_DB_ROW)
    anv_db_reset (stmt);
  return TRUE;
}

/* A provider approved there and then, with its own municipality's centre. */
typedef struct
{
  AnvProvider *provider;
  gboolean     has_centre;
  double       lat;
  double       lon;
} Approved;

static void
approved_free (Approved *approved)
{
  anv_provider_free (approved->provider);
  g_free (approved);
}

static gpointer
approved_from_row (AnvDbStmt *stmt,
                   gpointer   user_data)
{
  Approved *approved = g_new0 (Approved, 1);

  approved->provider = anv_provider_from_row (stmt, NULL);
  approved->has_centre = !anv_db_column_is_null (stmt, 6) && !anv_db_column_is_null (stmt, 7);
  approved->lat = anv_db_column_double (stmt, 6);
  approved->lon = anv_db_column_double (stmt, 7);
  return approved;
}

/* The approved providers, by name, each with its municipality's centre
 * (an array of Approved). */
static GPtrArray *
list_approved (AnvDb        *db,
               AnvService    service,
               const char   *municipality_code,
               const GDate  *date,
               GError      **error)
{
  AnvDbStmt *stmt;
  char day[11];

  /* The condition on the dates is anv_approval_holds_on()'s. */
  stmt = anv_db_prepare (db, "approvals/approved-for",
    "SELECT " ANV_PROVIDER_COLUMNS ", m.centre_lat, m.centre_lon "
    "FROM delivery_area_municipality dm "
    "JOIN delivery_area d ON d.id = dm.area_id "
    "JOIN approval a ON a.area_id = dm.area_id "
    "JOIN provider p ON p.id = a.provider_id "
    "JOIN municipality m ON m.code = p.municipality_code "
    "WHERE dm.municipality_code = ?2 AND d.service = ?1 "
    "  AND " ANV_APPROVAL_HOLDS_ON ("a", "?3") " AND p.active <> 0 "
    /* Grouped rather than DISTINCT: PostgreSQL sorts a DISTINCT only by what it selects */
    "GROUP BY p.id, m.code "
    "ORDER BY p.name COLLATE " ANV_TEXT_COLLATION ", p.orgnr", error);
  if (stmt == NULL)
    return NULL;

  anv_date_format (date, day);
  anv_db_bind_text (stmt, 1, anv_service_code (service));
  anv_db_bind_text (stmt, 2, municipality_code);
  anv_db_bind_text (stmt, 3, day);
  return anv_db_collect (stmt, approved_from_row, NULL, (GDestroyNotify) approved_free, error);
}

GPtrArray *
anv_providers_approved_for (AnvDb        *db,
                            AnvService    service,
                            const char   *municipality_code,
                            const GDate  *date,
                            GError      **error)
{
  g_autoptr (GPtrArray) approved = NULL;
  const AnvMunicipality *municipality;
  GPtrArray *providers;

  g_return_val_if_fail (ANV_IS_DB (db), NULL);
  g_return_val_if_fail (date != NULL, NULL);

  municipality = anv_municipalities_lookup (db, municipality_code, error);
  if (municipality == NULL)
    return NULL;
  approved = list_approved (db, service, municipality->code, date, error);
  if (approved == NULL)
    return NULL;

  providers = g_ptr_array_new_full (approved->len, (GDestroyNotify) anv_provider_free);
  for (guint i = 0; i < approved->len; i++)
    {
      Approved *item = g_ptr_array_index (approved, i);

      g_ptr_array_add (providers, g_steal_pointer (&item->provider));
    }
  return providers;
}

GPtrArray *
anv_approvals_list_approved_anywhere (AnvDb        *db,
                                      AnvService    service,
                                      const GDate  *date,
                                      GError      **error)
{
  AnvDbStmt *stmt;
  char day[11];

  g_return_val_if_fail (ANV_IS_DB (db), NULL);
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  /* The condition on the dates is anv_approval_holds_on()'s. */
  stmt = anv_db_prepare (db, "approvals/approved-anywhere",
    "SELECT " ANV_PROVIDER_COLUMNS " FROM provider p "
    "JOIN municipality m ON m.code = p.municipality_code "
    "WHERE p.active <> 0 AND EXISTS ("
    "  SELECT 1 FROM approval a JOIN delivery_area d ON d.id = a.area_id "
    "  WHERE a.provider_id = p.id AND d.service = ?1 "
    "    AND " ANV_APPROVAL_HOLDS_ON ("a", "?2") ") "
    "ORDER BY p.name COLLATE " ANV_TEXT_COLLATION ", p.orgnr", error);
  if (stmt == NULL)
    return NULL;

  anv_date_format (date, day);
  anv_db_bind_text (stmt, 1, anv_service_code (service));
  anv_db_bind_text (stmt, 2, day);
  return anv_db_collect (stmt, anv_provider_from_row, NULL,
                         (GDestroyNotify) anv_provider_free, error);
}

/* The first day of @date's month and its last, as stored. */
static void
month_bounds (const GDate *date,
              char         first[11],
              char         last[11])
{
  GDate day = *date;

  g_date_set_day (&day, 1);
  anv_date_format (&day, first);
  g_date_set_day (&day, g_date_get_days_in_month (g_date_get_month (date),
                                                  g_date_get_year (date)));
  anv_date_format (&day, last);
}

/* Adds to each candidate the no-choice defaults given it in the month, in
 * the municipality: by the provider given (the first of the referral's
 * history), in the month it was given — the decision's for a default
 * decided at once, the assignment's for one given when the wait for the
 * choice ran out (its first provider row is dated that day) — annulled
 * ones not counted. Two range scans: the partial index
 * referral_default_month for the first, referral_choice_given for the
 * second (anv-migrations.c). */
static gboolean
count_defaults (AnvDb        *db,
                AnvService    service,
                const char   *municipality_code,
                const GDate  *date,
                GArray       *candidates,
                GError      **error)
{
  AnvDbStmt *stmt;
  AnvDbStep step;
  char first[11], last[11];

  stmt = anv_db_prepare (db, "approvals/count-defaults",
    "WITH given (id) AS ("
    "  SELECT r.id FROM referral r "
    "  WHERE r.municipality_code = ?1 AND r.service = ?2 AND r.choice = 'default' "
    "    AND r.decided_on BETWEEN ?3 AND ?4 AND r.annulled = 0 "
    "    AND NOT EXISTS (SELECT 1 FROM referral_choice_wait w WHERE w.referral_id = r.id) "
    "  UNION ALL "
    /* CROSS JOIN: the waits of the month first, whatever the statistics */
    "  SELECT r.id FROM referral_choice_wait w CROSS JOIN referral r "
    "  WHERE r.id = w.referral_id AND w.chosen_on BETWEEN ?3 AND ?4 AND r.municipality_code = ?1 "
    "    AND r.service = ?2 AND r.choice = 'default' AND r.annulled = 0) "
    "SELECT rp.provider_id, count(*) FROM given g "
    "JOIN referral_provider rp ON rp.id = ("
    "  SELECT h.id FROM referral_provider h WHERE h.referral_id = g.id "
    "  ORDER BY h.from_date, h.id LIMIT 1) "
    "GROUP BY rp.provider_id", error);
  if (stmt == NULL)
    return FALSE;

  month_bounds (date, first, last);
  anv_db_bind_text (stmt, 1, municipality_code);
  anv_db_bind_text (stmt, 2, anv_service_code (service));
  anv_db_bind_text (stmt, 3, first);
  anv_db_bind_text (stmt, 4, last);
  while ((step = anv_db_step (stmt, error)) == ANV_DB_ROW)
    {
      gint64 provider_id = anv_db_column_int64 (stmt, 0);

      for (guint i = 0; i < candidates->len; i++)
        {
          AnvDefaultCandidate *c = &g_array_index (candidates, AnvDefaultCandidate, i);

          if (c->provider_id == provider_id)
            c->defaults = (guint) anv_db_column_int64 (stmt, 1);
        }
    }
  return step == ANV_DB_DONE;
}

GArray *
anv_providers_default_candidates (AnvDb        *db,
                                  AnvService    service,
                                  const char   *municipality_code,
                                  const GDate  *date,
                                  GPtrArray   **out_providers,
                                  GError      **error)
{
  g_autoptr (GPtrArray) approved = NULL;
  g_autoptr (GPtrArray) providers = NULL;
  g_autoptr (GArray) candidates = NULL;
  const AnvMunicipality *municipality;
  double lat, lon;

  g_return_val_if_fail (ANV_IS_DB (db), NULL);
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  municipality = anv_municipalities_lookup (db, municipality_code, error);
  if (municipality == NULL || !anv_map_get_centre (db, municipality->code, &lat, &lon, error))
    return NULL;
  approved = list_approved (db, service, municipality->code, date, error);
  if (approved == NULL)
    return NULL;

  candidates = g_array_sized_new (FALSE, TRUE, sizeof (AnvDefaultCandidate), approved->len);
  providers = g_ptr_array_new_full (approved->len, (GDestroyNotify) anv_provider_free);
  for (guint i = 0; i < approved->len; i++)
    {
      Approved *item = g_ptr_array_index (approved, i);
      AnvDefaultCandidate candidate = { item->provider->id, 0, 0.0 };
      double item_lat = item->lat, item_lon = item->lon;

      /* A provider's municipality without a centre: the map module says
       * so, in its words. */
      if (!item->has_centre
          && !anv_map_get_centre (db, item->provider->municipality_code, &item_lat, &item_lon,
                                  error))
        return NULL;
      candidate.distance = 2 * EARTH_RADIUS_KM
                           * asin (sqrt (haversine (lat, lon, item_lat, item_lon)));
      g_array_append_val (candidates, candidate);
      g_ptr_array_add (providers, g_steal_pointer (&item->provider));
    }

  if (!count_defaults (db, service, municipality->code, date, candidates, error))
    return NULL;
  if (out_providers != NULL)
    *out_providers = g_steal_pointer (&providers);
  return g_steal_pointer (&candidates);
}

/* Whether @a comes before @b by the rule's first two keys. */
static int
compare_candidates (const AnvDefaultCandidate *a,
                    const AnvDefaultCandidate *b)
{
  if (a->defaults != b->defaults)
    return a->defaults < b->defaults ? -1 : 1;
  if (a->distance != b->distance)
    return a->distance < b->distance ? -1 : 1;
  return 0;
}

guint
anv_providers_pick_default (const AnvDefaultCandidate *candidates,
                            guint                      n,
                            const GDate               *date)
{
  guint best = 0, n_tied = 0, turn;

  g_return_val_if_fail (candidates != NULL && n > 0, 0);
  g_return_val_if_fail (date != NULL && g_date_valid (date), 0);

  for (guint i = 1; i < n; i++)
    if (compare_candidates (&candidates[i], &candidates[best]) < 0)
      best = i;
  for (guint i = 0; i < n; i++)
    n_tied += compare_candidates (&candidates[i], &candidates[best]) == 0;

  /* Of the tied, by provider id, the one whose place is the day's turn:
   * the same answer for the same day, another on the next. A handful of
   * candidates: counting those before each needs no allocation. */
  turn = g_date_get_julian (date) % n_tied;
  for (guint i = 0; i < n; i++)
    {
      guint before = 0;

      if (compare_candidates (&candidates[i], &candidates[best]) != 0)
        continue;
      for (guint j = 0; j < n; j++)
        before += compare_candidates (&candidates[j], &candidates[best]) == 0
                  && candidates[j].provider_id < candidates[i].provider_id;
      if (before == turn)
        return i;
    }
  return best;
}

/* The candidates of one municipality and service in a pool */
typedef struct
{
  GArray    *candidates;     /* AnvDefaultCandidate */
  GPtrArray *providers;      /* AnvProvider, in the same order */
} PoolEntry;

struct _AnvDefaultPool
{
  AnvDb      *db;
  GDate       date;
  GHashTable *entries;       /* "service municipality" → PoolEntry */
};

static void
pool_entry_free (PoolEntry *entry)
{
  g_clear_pointer (&entry->candidates, g_array_unref);
  g_clear_pointer (&entry->providers, g_ptr_array_unref);
  g_free (entry);
}

AnvDefaultPool *
anv_default_pool_new (AnvDb       *db,
                      const GDate *date)
{
  AnvDefaultPool *pool;

  g_return_val_if_fail (ANV_IS_DB (db), NULL);
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  pool = g_new0 (AnvDefaultPool, 1);
  pool->db = g_object_ref (db);
  pool->date = *date;
  pool->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) pool_entry_free);
  return pool;
}

void
anv_default_pool_free (AnvDefaultPool *pool)
{
  if (pool == NULL)
    return;
  g_clear_pointer (&pool->entries, g_hash_table_unref);
  g_clear_object (&pool->db);
  g_free (pool);
}

const AnvProvider *
anv_default_pool_pick (AnvDefaultPool *pool,
                       AnvService      service,
                       const char     *municipality_code,
                       gint64          except_provider_id,
                       GError        **error)
{
  g_autofree char *key = NULL;
  g_autoptr (GArray) others = NULL;
  g_autoptr (GArray) index = NULL;
  PoolEntry *entry;
  guint chosen;

  g_return_val_if_fail (pool != NULL && municipality_code != NULL, NULL);

  key = g_strdup_printf ("%d %s", service, municipality_code);
  entry = g_hash_table_lookup (pool->entries, key);
  if (entry == NULL)
    {
      entry = g_new0 (PoolEntry, 1);
      entry->candidates = anv_providers_default_candidates (pool->db, service,
                                                            municipality_code, &pool->date,
                                                            &entry->providers, error);
      if (entry->candidates == NULL)
        {
          pool_entry_free (entry);
          return NULL;
        }
      g_hash_table_insert (pool->entries, g_steal_pointer (&key), entry);
    }

  others = g_array_new (FALSE, FALSE, sizeof (AnvDefaultCandidate));
  index = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < entry->candidates->len; i++)
    {
      const AnvDefaultCandidate *candidate = &g_array_index (entry->candidates,
                                                             AnvDefaultCandidate, i);

      if (candidate->provider_id == except_provider_id)
        continue;
      g_array_append_val (others, *candidate);
      g_array_append_val (index, i);
    }
  if (others->len == 0)
    return NULL;
  chosen = g_array_index (index, guint,
                          anv_providers_pick_default ((const AnvDefaultCandidate *) (gpointer)
                                                      others->data, others->len,
                                                      &pool->date));
  g_array_index (entry->candidates, AnvDefaultCandidate, chosen).defaults++;
  return g_ptr_array_index (entry->providers, chosen);
}

AnvProvider *
anv_providers_propose_default (AnvDb        *db,
                               AnvService    service,
                               const char   *municipality_code,
                               const GDate  *date,
                               GError      **error)
{
  g_autoptr (GPtrArray) providers = NULL;
  g_autoptr (GArray) candidates = NULL;
  guint chosen;

  g_return_val_if_fail (ANV_IS_DB (db), NULL);
  g_return_val_if_fail (date != NULL, NULL);

  candidates = anv_providers_default_candidates (db, service, municipality_code, date,
                                                 &providers, error);
  if (candidates == NULL)
    return NULL;
  if (candidates->len == 0)
    {
      const AnvMunicipality *municipality = anv_municipalities_lookup (db, municipality_code,
                                                                       error);
      char day[11];

      if (municipality == NULL)
        return NULL;
      anv_date_format (date, day);
      g_set_error (error, ANV_PROVIDER_ERROR, ANV_PROVIDER_ERROR_NOT_FOUND,
                   /* Translators: %1$s is a service, %2$s a municipality, %3$s a date */
                   _("No provider is approved for %1$s in %2$s on %3$s, so there is no "
                     "no-choice default to propose. Approve a provider for a delivery area "
                     "with the municipality first."),
                   anv_service_name (service), municipality->short_name, day);
      return NULL;
    }

  chosen = anv_providers_pick_default ((const AnvDefaultCandidate *) (gpointer) candidates->data,
                                       candidates->len, date);
  return g_steal_pointer (&g_ptr_array_index (providers, chosen));
}

void
anv_default_share_free (AnvDefaultShare *share)
{
  if (share == NULL)
    return;
  g_free (share->municipality_code);
  g_free (share->municipality_name);
  g_free (share->orgnr);
  g_free (share->provider_name);
  g_free (share);
}

static gpointer
share_from_row (AnvDbStmt *stmt,
                gpointer   user_data)
{
  AnvDefaultShare *share = g_new0 (AnvDefaultShare, 1);

  share->municipality_code = anv_db_column_dup (stmt, 0);
  share->municipality_name = anv_db_column_dup (stmt, 1);
  share->service = anv_provider_service_from_column (stmt, 2);
  share->orgnr = anv_db_column_dup (stmt, 3);
  share->provider_name = anv_db_column_dup (stmt, 4);
  share->defaults = (guint) anv_db_column_int64 (stmt, 5);
  share->own_choices = (guint) anv_db_column_int64 (stmt, 6);
  share->municipality_defaults = (guint) anv_db_column_int64 (stmt, 7);
  return share;
}

GPtrArray *
anv_providers_default_shares (AnvDb        *db,
                              const char   *month,
                              AnvService    service,
                              const char   *municipality_code,
                              GError      **error)
{
  g_autofree char *day = NULL;
  AnvDbStmt *stmt;
  GDate date;
  char first[11], last[11];

  g_return_val_if_fail (ANV_IS_DB (db), NULL);

  if (!anv_summary_parse_month (month, error))
    return NULL;
  if (municipality_code != NULL
      && anv_municipalities_lookup (db, municipality_code, error) == NULL)
    return NULL;
  day = g_strconcat (month, "-01", NULL);
  anv_date_parse (day, &date, NULL);
  month_bounds (&date, first, last);

  /* The referrals given a provider in the month, by that provider; beside them
   * the providers approved in the month where referrals were decided, so
   * that a provider given none shows with its zero. */
  stmt = anv_db_prepare (db, "approvals/default-shares",
    "WITH given AS ("
    "  SELECT r.municipality_code AS code, r.service AS service, rp.provider_id AS provider_id,"
    "         count (*) FILTER (WHERE r.choice = 'default') AS defaults,"
    "         count (*) FILTER (WHERE r.choice = 'own') AS own"
    "  FROM referral r "
    "  JOIN referral_provider rp ON rp.id = ("
    "    SELECT h.id FROM referral_provider h WHERE h.referral_id = r.id "
    "    ORDER BY h.from_date, h.id LIMIT 1) "
    /* In the month the provider was given: decided then, or chosen or
     * defaulted then after a wait for the choice (count_defaults ()) */
    "  WHERE ((r.decided_on BETWEEN ?1 AND ?2 AND NOT EXISTS ("
    "            SELECT 1 FROM referral_choice_wait w WHERE w.referral_id = r.id)) "
    "         OR r.id IN (SELECT w.referral_id FROM referral_choice_wait w "
    "                     WHERE w.chosen_on BETWEEN ?1 AND ?2)) "
    "    AND r.annulled = 0 "
    "    AND (CAST (?3 AS TEXT) IS NULL OR r.service = ?3) "
    "    AND (CAST (?4 AS TEXT) IS NULL OR r.municipality_code = ?4) "
    "  GROUP BY 1, 2, 3), "
    "places AS (SELECT DISTINCT code, service FROM given), "
    "approved AS ("
    "  SELECT DISTINCT dm.municipality_code AS code, d.service AS service, a.provider_id "
    "  FROM places pl "
    "  JOIN delivery_area_municipality dm ON dm.municipality_code = pl.code "
    "  JOIN delivery_area d ON d.id = dm.area_id AND d.service = pl.service "
    "  JOIN approval a ON a.area_id = d.id "
    "  WHERE a.valid_from <= ?2 AND coalesce (a.valid_to, '" END_OF_TIME "') >= ?1), "
    "rows AS ("
    "  SELECT code, service, provider_id FROM given "
    "  UNION SELECT code, service, provider_id FROM approved) "
    "SELECT k.code, m.short_name, k.service, p.orgnr, p.name, "
    "       coalesce (g.defaults, 0), coalesce (g.own, 0), "
    "       sum (coalesce (g.defaults, 0)) OVER (PARTITION BY k.code, k.service) "
    "FROM rows k "
    "LEFT JOIN given g ON g.code = k.code AND g.service = k.service "
    "  AND g.provider_id = k.provider_id "
    "JOIN provider p ON p.id = k.provider_id "
    "JOIN municipality m ON m.code = k.code "
    "ORDER BY m.short_name COLLATE " ANV_TEXT_COLLATION ", k.code, k.service, 6 DESC, "
    "  p.name COLLATE " ANV_TEXT_COLLATION ", p.orgnr", error);
  if (stmt == NULL)
    return NULL;

  anv_db_bind_text (stmt, 1, first);
  anv_db_bind_text (stmt, 2, last);
  anv_db_bind_text (stmt, 3, service == ANV_SERVICE_NONE ? NULL : anv_service_code (service));
  anv_db_bind_text (stmt, 4, municipality_code);
  return anv_db_collect (stmt, share_from_row, NULL, (GDestroyNotify) anv_default_share_free,
                         error);
}
