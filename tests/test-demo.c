/* test-demo.c — the demo year 2020 and the bulk generator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "anv-approvals.h"
#include "anv-availability.h"
#include "anv-date.h"
#include "anv-db-private.h"
#include "anv-demo.h"
#include "anv-generate-model.h"
#include "anv-generate.h"
#include "anv-municipalities.h"
#include "anv-publish.h"
#include "anv-referrals.h"
#include "anv-seekers.h"
#include "anv-summary.h"
#include "anv-test-util.h"
#include "anv-worklist.h"

#define GENERATED 20000

/* Loading the demo takes seconds: the tests that only read it share one
 * database, loaded on first use. */
static AnvDb *demo_db;
static char *demo_dir;

static AnvDb *
get_demo_db (void)
{
  g_autoptr (GError) error = NULL;

  if (demo_db == NULL)
    {
      demo_db = anv_test_open_db (&demo_dir);
      anv_demo_load (demo_db, NULL, NULL, &error);
      g_assert_no_error (error);
    }
  return demo_db;
}

static gint64
query_int (AnvDb      *db,
           const char *sql)
{
  return anv_test_query_int (db, sql, NULL, 0);
}

/* Every row of the table, as text, in id order. */
static void
dump_table (AnvDb      *db,
            const char *sql,
            GString    *out)
{
  g_autoptr (GError) error = NULL;
  /* The text is its own key: one key, one text. */
  AnvDbStmt *stmt = anv_db_prepare (db, sql, sql, &error);
  AnvDbStep step;

  g_assert_no_error (error);
  while ((step = anv_db_step (stmt, &error)) == ANV_DB_ROW)
    {
      for (int i = 0; i < anv_db_column_count (stmt); i++)
        {
          const char *text = anv_db_column_text (stmt, i);

          g_string_append (out, text ? text : "NULL");
          g_string_append_c (out, i + 1 < anv_db_column_count (stmt) ? '|' : '\n');
        }
    }
  g_assert_no_error (error);
}

static char *
dump_data (AnvDb *db)
{
  g_autoptr (GString) out = g_string_new (NULL);

  dump_table (db, "SELECT * FROM seeker ORDER BY id", out);
  dump_table (db, "SELECT * FROM referral ORDER BY id", out);
  dump_table (db, "SELECT * FROM referral_provider ORDER BY id", out);
  dump_table (db, "SELECT * FROM provider ORDER BY id", out);
  dump_table (db, "SELECT * FROM approval ORDER BY id", out);
  dump_table (db, "SELECT * FROM summary ORDER BY service, municipality_code, month", out);
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, out->str, (gssize) out->len);
}

static GHashTable *
krom_pilot (AnvDb *db)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) municipalities = anv_municipalities_list (db, &error);
  GHashTable *pilot = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GDate day;

  g_assert_no_error (error);
  anv_test_date (&day, 2020, 6, 1);
  for (guint i = 0; i < municipalities->len; i++)
    {
      AnvMunicipality *m = g_ptr_array_index (municipalities, i);

      if (anv_availability_service_on (db, m->code, &day, &error) == ANV_SERVICE_KROM)
        g_hash_table_add (pilot, g_strdup (m->code));
      g_assert_no_error (error);
    }
  g_assert_cmpuint (g_hash_table_size (pilot), ==, 32);
  return pilot;
}

/* Every referral: planned start and start at least ten working days after
 * the decision, the end not before them, each of a person's referrals
 * ended before the next is decided. */
static void
assert_referral_dates (AnvDb *db)
{
  g_autoptr (GError) error = NULL;
  AnvDbStmt *stmt = anv_db_prepare (db, "test-demo/referral-dates",
    "SELECT seeker_id, decided_on, planned_start, started_on, ended_on FROM referral "
    "ORDER BY seeker_id, decided_on", &error);
  gint64 last_seeker = -1;
  char last_end[11] = "";
  guint n = 0;

  g_assert_no_error (error);
  while (anv_db_step (stmt, &error) == ANV_DB_ROW)
    {
      gint64 seeker = anv_db_column_int64 (stmt, 0);
      const char *decided_on = anv_db_column_text (stmt, 1);
      const char *planned_on = anv_db_column_text (stmt, 2);
      const char *started_on = anv_db_column_text (stmt, 3);
      const char *ended_on = anv_db_column_text (stmt, 4);
      GDate decided, earliest, day;
      char first[11];

      g_assert_true (anv_date_parse (decided_on, &decided, NULL));
      anv_referrals_earliest_start (&decided, &earliest);
      anv_date_format (&earliest, first);
      g_assert_cmpstr (planned_on, >=, first);
      g_assert_true (anv_date_parse (planned_on, &day, NULL));
      if (started_on != NULL)
        g_assert_cmpstr (started_on, >=, first);
      if (ended_on != NULL)
        {
          g_assert_cmpstr (ended_on, >=, decided_on);
          if (started_on != NULL)
            g_assert_cmpstr (ended_on, >=, started_on);
        }

      if (seeker == last_seeker)
        {
          /* The one before was ended, before this decision. */
          g_assert_cmpstr (last_end, !=, "");
          g_assert_cmpstr (last_end, <, decided_on);
        }
      last_seeker = seeker;
      g_strlcpy (last_end, ended_on ? ended_on : "", sizeof last_end);
      n++;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (n, >, 0);
}

/* Each referral was decided for the service that applied there and then. */
static void
assert_services_applied (AnvDb *db)
{
  g_autoptr (GError) error = NULL;
  AnvDbStmt *stmt = anv_db_prepare (db, "test-demo/services-by-id",
    "SELECT service, municipality_code, decided_on FROM referral ORDER BY id", &error);

  g_assert_no_error (error);
  while (anv_db_step (stmt, &error) == ANV_DB_ROW)
    {
      g_autofree char *code = g_strdup (anv_db_column_text (stmt, 1));
      AnvService service;
      GDate day;

      g_assert_true (anv_service_parse (anv_db_column_text (stmt, 0), &service,
                                        NULL));
      g_assert_true (anv_date_parse (anv_db_column_text (stmt, 2), &day, NULL));
      g_assert_cmpint (anv_availability_service_on (db, code, &day, &error), ==, service);
      g_assert_no_error (error);
    }
  g_assert_no_error (error);
}

/* The data follows the rule for the no-choice default: in each municipality, service and
 * month, the defaults of the providers approved all month differ by at
 * most one, but where an approval began or ended within the month. */
static void
assert_defaults_spread (AnvDb *db)
{
  g_autoptr (GError) error = NULL;
  AnvDbStmt *stmt = anv_db_prepare (db, "test-demo/default-spread",
    "SELECT r.municipality_code, r.service, substr (r.decided_on, 1, 7), "
    "       max (n) - min (n), count(*) FROM ("
    "  SELECT r.municipality_code, r.service, r.decided_on, rp.provider_id, "
    "         count(*) OVER (PARTITION BY r.municipality_code, r.service, "
    "                        substr (r.decided_on, 1, 7), rp.provider_id) AS n "
    "  FROM referral r JOIN referral_provider rp ON rp.id = ("
    "    SELECT min (h.id) FROM referral_provider h WHERE h.referral_id = r.id) "
    "  WHERE r.choice = 'default') r "
    "GROUP BY 1, 2, 3 HAVING count (DISTINCT r.provider_id) > 1", &error);
  guint cells = 0, even = 0;

  g_assert_no_error (error);
  while (anv_db_step (stmt, &error) == ANV_DB_ROW)
    {
      cells++;
      even += anv_db_column_int64 (stmt, 3) <= 1;
    }
  g_assert_no_error (error);
  g_test_message ("%u of %u cells with several providers spread evenly", even, cells);
  g_assert_cmpuint (cells, >, 0);
  g_assert_cmpuint (even * 10, >=, cells * 9);
}

/* The demo */

static void
test_demo_april_story (void)
{
  AnvDb *db = get_demo_db ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) pilot = krom_pilot (db);
  AnvSummaryQuery query = { "2020-04", "2020-04", ANV_SERVICE_KROM, NULL };
  g_autoptr (GArray) rows = anv_summary_read (db, &query, &error);
  guint national = 0, decided = 0, active = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    {
      const AnvSummaryRow *row = &g_array_index (rows, AnvSummaryRow, i);

      g_assert_cmpstr (row->month, ==, "2020-04");
      g_assert_cmpint (row->service, ==, ANV_SERVICE_KROM);
      if (row->level == ANV_SUMMARY_NATIONAL)
        {
          /* "Endast 33 personer blev anvisade under hela april", and the map
           * "summerar till 32, vilket beror på att en deltagare lämnat
           * tjänsten under april". */
          g_assert_cmpuint (row->decided_women + row->decided_men, ==, 33);
          g_assert_cmpuint (row->active_end, ==, 32);
          g_assert_cmpuint (row->ended_job + row->ended_studies + row->ended_interrupted
                            + row->ended_before_start, ==, 1);
          national++;
        }
      else if (row->level == ANV_SUMMARY_MUNICIPALITY)
        {
          if (!g_hash_table_contains (pilot, row->code))
            {
              g_assert_cmpuint (row->decided_women + row->decided_men, ==, 0);
              g_assert_cmpuint (row->active_end, ==, 0);
            }
          decided += row->decided_women + row->decided_men;
          active += row->active_end;
        }
    }
  g_assert_cmpuint (national, ==, 1);
  g_assert_cmpuint (decided, ==, 33);
  g_assert_cmpuint (active, ==, 32);

  /* A result needs a start: the demo ends referrals not started only with
   * an interruption, which the summary counts as ended before the start. */
  {
    gint64 results = -1;

    g_assert_true (anv_db_query_int64 (db, "SELECT count (*) FROM referral r "
                                           "JOIN end_reason k ON k.code = r.end_reason "
                                           "WHERE r.started_on IS NULL AND k.kind = 'result'",
                                       &results, &error));
    g_assert_no_error (error);
    g_assert_cmpint (results, ==, 0);
  }

  /* Nothing in the two days of March. */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM referral "
                                  "WHERE service = 'KROM' AND decided_on < '2020-04-01'"),
                   ==, 0);
}

/* The national row of @service in @month. */
static AnvSummaryRow
national_row (AnvDb      *db,
              AnvService  service,
              const char *month)
{
  g_autoptr (GError) error = NULL;
  AnvSummaryQuery query = { month, month, service, NULL };
  g_autoptr (GArray) rows = anv_summary_read (db, &query, &error);
  AnvSummaryRow found = { 0 };
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    {
      const AnvSummaryRow *row = &g_array_index (rows, AnvSummaryRow, i);

      if (row->level == ANV_SUMMARY_NATIONAL)
        {
          found = *row;
          n++;
        }
    }
  g_assert_cmpuint (n, ==, 1);
  return found;
}

static void
test_demo_krom_by_june (void)
{
  AnvDb *db = get_demo_db ();
  gint64 decided = query_int (db, "SELECT count(*) FROM referral WHERE service = 'KROM' "
                                  "AND decided_on BETWEEN '2020-03-30' AND '2020-06-26'");

  /* "Hittills har närmare 1 600 personer fått beslut om att delta i Rusta
   * och matcha" (26 June 2020). */
  g_test_message ("KROM decided 2020-03-30..06-26: %" G_GINT64_FORMAT, decided);
  g_assert_cmpint (decided, >=, 1500);
  g_assert_cmpint (decided, <=, 1600);
}

/* The volumes of the articles, as far as the test personnummer of
 * working age allow (HACKING.md, "The demo year"). */
static void
test_demo_volumes (void)
{
  AnvDb *db = get_demo_db ();
  AnvSummaryRow june = national_row (db, ANV_SERVICE_STOM, "2020-06");
  AnvSummaryRow december = national_row (db, ANV_SERVICE_STOM, "2020-12");
  static const char *const second_half[] = {
    "2020-07", "2020-08", "2020-09", "2020-10", "2020-11", "2020-12"
  };
  guint previous = 0;

  /* "STOM ... har för närvarande drygt 20 000 deltagare i månaden": within
   * a tenth, and a stock decided before 2020. */
  g_test_message ("STOM active: June %u, December %u", june.active_end, december.active_end);
  g_assert_cmpuint (june.active_end, >=, 18000);
  g_assert_cmpuint (june.active_end, <=, 22000);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM referral WHERE service = 'STOM' "
                                  "AND decided_on < '2020-01-01' AND (ended_on IS NULL "
                                  "OR ended_on > '2020-06-30') AND period_end >= '2020-06-30'"),
                   >, 1000);
  /* "... målsättningen att fördubbla antalet deltagare per månad mot
   * slutet av året": more active in December than in June. */
  g_assert_cmpuint (december.active_end, >, june.active_end);

  /* "Målet är att tjänsten ska omfatta cirka 6 500 deltagare per månad i
   * höst": from 300 decisions in July, more each month to December (no
   * holiday dip is modelled), the active more than in June. */
  for (guint i = 0; i < G_N_ELEMENTS (second_half); i++)
    {
      AnvSummaryRow row = national_row (db, ANV_SERVICE_KROM, second_half[i]);
      guint decided = row.decided_women + row.decided_men;

      g_test_message ("KROM decided in %s: %u", second_half[i], decided);
      if (i == 0)
        g_assert_cmpuint (decided, >=, 300);
      else
        g_assert_cmpuint (decided, >, previous);
      previous = decided;
    }
  g_assert_cmpuint (national_row (db, ANV_SERVICE_KROM, "2020-12").active_end, >,
                    national_row (db, ANV_SERVICE_KROM, "2020-06").active_end * 3 / 2);
}

/* Every referral follows the period rules: no end after its period's last
 * day, no more extensions than the rule allows, none open after its period
 * at the end of 2020; opened later, nothing is active any more and every
 * referral still open counts as overdue. */
static void
test_demo_periods (void)
{
  AnvDb *db = get_demo_db ();
  static const char *const later[] = { "2021-12", "2026-12" };
  gint64 open = query_int (db, "SELECT count(*) FROM referral WHERE ended_on IS NULL");

  g_assert_cmpint (open, >, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM referral "
                                  "WHERE ended_on IS NOT NULL AND ended_on > period_end"),
                   ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM referral r JOIN period_rule p "
                                  "ON p.service = r.service "
                                  "WHERE p.initial_months + p.extension_months * "
                                  "  (SELECT count(*) FROM referral_extension e "
                                  "   WHERE e.referral_id = r.id) > p.max_months"), ==, 0);
  /* Every extension recorded by the end of 2020, on the last day of the
   * period before it. */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM referral_extension "
                                  "WHERE recorded_on > '2020-12-31'"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM referral_extension"), >, 0);

  for (AnvService service = ANV_SERVICE_KROM; service <= ANV_SERVICE_STOM; service++)
    g_assert_cmpuint (national_row (db, service, "2020-12").overdue_end, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (later); i++)
    {
      AnvSummaryRow krom = national_row (db, ANV_SERVICE_KROM, later[i]);
      AnvSummaryRow stom = national_row (db, ANV_SERVICE_STOM, later[i]);

      g_assert_cmpuint (krom.active_end + stom.active_end, ==, 0);
      g_assert_cmpint (krom.overdue_end + stom.overdue_end, ==, open);
    }
  anv_test_assert_summary_matches_recount (db, "2021-12", "2021-12", NULL);
}

static void
test_demo_services (void)
{
  AnvDb *db = get_demo_db ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) pilot = krom_pilot (db);
  AnvDbStmt *stmt = anv_db_prepare (db, "test-demo/services",
    "SELECT service, municipality_code, decided_on FROM referral", &error);
  guint krom = 0, stom = 0;

  g_assert_no_error (error);
  while (anv_db_step (stmt, &error) == ANV_DB_ROW)
    {
      const char *service = anv_db_column_text (stmt, 0);
      const char *code = anv_db_column_text (stmt, 1);
      const char *decided_on = anv_db_column_text (stmt, 2);

      /* STOM's stock of 2020 from October 2018 on */
      g_assert_cmpstr (decided_on, >=, "2018-10-01");
      g_assert_cmpstr (decided_on, <=, "2020-12-31");
      if (strcmp (service, "KROM") == 0)
        {
          /* No KROM outside the pilot in 2020, nor before it. */
          g_assert_cmpstr (decided_on, >=, "2020-04-01");
          g_assert_true (g_hash_table_contains (pilot, code));
          krom++;
        }
      else if (g_hash_table_contains (pilot, code))
        {
          /* No STOM in the pilot once KROM started there. */
          g_assert_cmpstr (decided_on, <=, "2020-03-29");
          stom++;
        }
      else
        stom++;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (krom, >, 0);
  g_assert_cmpuint (stom, >, krom);

  /* A bit of everything the year holds. */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM referral_provider WHERE outside_area <> 0"),
                   >, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) - count(DISTINCT referral_id) "
                                  "FROM referral_provider"), >, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM seeker WHERE protected_identity <> 0"),
                   >, 0);
  g_assert_cmpint (query_int (db, "SELECT count(DISTINCT end_reason) FROM referral"), >=, 7);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM referral WHERE choice = 'default'"),
                   >, 0);
  assert_referral_dates (db);
  assert_services_applied (db);
  assert_defaults_spread (db);
}

/* What the year shows besides its volumes: ends of every kind in each
 * service, and on the last day of 2020 a work list with the referrals of
 * the STOM providers whose approvals ended on 2020-08-31, starts overdue
 * and periods ending, but nothing overdue. */
static void
test_demo_story_elements (void)
{
  AnvDb *db = get_demo_db ();
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvWorklist) worklist = NULL;
  GDate day;

  for (AnvService service = ANV_SERVICE_KROM; service <= ANV_SERVICE_STOM; service++)
    {
      AnvSummaryRow row = national_row (db, service, "2020-10");

      g_assert_cmpuint (row.ended_job, >, 0);
      g_assert_cmpuint (row.ended_studies, >, 0);
      g_assert_cmpuint (row.ended_interrupted, >, 0);
      g_assert_cmpuint (row.ended_before_start, >, 0);
    }
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM approval WHERE valid_to = '2020-08-31'"),
                   ==, 4);

  anv_test_date (&day, 2020, 12, 31);
  worklist = anv_worklist_read (db, &day, NULL, 0, &error);
  g_assert_no_error (error);
  g_test_message ("work list on 2020-12-31: %u overdue, %u start overdue, %u provider "
                  "leaving, %u period ending", worklist->counts[ANV_WORKLIST_OVERDUE],
                  worklist->counts[ANV_WORKLIST_START_OVERDUE],
                  worklist->counts[ANV_WORKLIST_PROVIDER_LEAVING],
                  worklist->counts[ANV_WORKLIST_PERIOD_ENDING]);
  g_assert_cmpuint (worklist->counts[ANV_WORKLIST_OVERDUE], ==, 0);
  g_assert_cmpuint (worklist->counts[ANV_WORKLIST_START_OVERDUE], >, 0);
  g_assert_cmpuint (worklist->counts[ANV_WORKLIST_PROVIDER_LEAVING], >, 0);
  g_assert_cmpuint (worklist->counts[ANV_WORKLIST_PERIOD_ENDING], >, 0);
  for (guint i = 0; i < worklist->items[ANV_WORKLIST_PROVIDER_LEAVING]->len; i++)
    {
      AnvWorklistItem *item = g_ptr_array_index (worklist->items[ANV_WORKLIST_PROVIDER_LEAVING],
                                                 i);

      g_assert_cmpint (item->service, ==, ANV_SERVICE_STOM);
      g_assert_cmpstr (item->due_on, ==, "2020-08-31");
    }
}

/* The bulk is one audit entry (and the summary's recount), like the
 * generator's; April's story is the officer's, each decision audited. */
static void
test_demo_audit (void)
{
  AnvDb *db = get_demo_db ();
  g_autofree char *details = NULL;

  g_assert_cmpint (query_int (db, "SELECT count(*) FROM audit_log WHERE action = 'demo.load'"),
                   ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM audit_log "
                                  "WHERE action = 'summary.rebuild'"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM audit_log "
                                  "WHERE action = 'referral.decide'"), ==, 33);
  details = g_strdup_printf ("%" G_GINT64_FORMAT " job seekers, %" G_GINT64_FORMAT
                             " referrals decided",
                             query_int (db, "SELECT count(*) FROM seeker"),
                             query_int (db, "SELECT count(*) FROM referral"));
  g_assert_cmpint (anv_test_query_int (db, "SELECT count(*) FROM audit_log "
                                           "WHERE action = 'demo.load' AND details = ?1",
                                       details, 0), ==, 1);

  /* Nobody is referred before the age of 16 (dates as numbers YYYYMMDD, which
   * both engines compute alike; a coordination number's day is less 60). */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM referral r "
                                  "JOIN seeker s ON s.id = r.seeker_id "
                                  "WHERE (CAST (substr (s.personnummer, 1, 4) AS INTEGER) + 16) "
                                  "  * 10000 + CAST (substr (s.personnummer, 5, 2) AS INTEGER) "
                                  "  * 100 + CAST (substr (s.personnummer, 7, 2) AS INTEGER) % 60 "
                                  "  > CAST (replace (r.decided_on, '-', '') AS INTEGER)"),
                   ==, 0);
}

static void
test_demo_summary (void)
{
  anv_test_assert_summary_matches_recount (get_demo_db (), "2019-01", "2020-12", NULL);
}

static void
test_demo_deterministic (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autofree char *first = dump_data (get_demo_db ());
  g_autofree char *second = NULL;

  anv_demo_load (db, NULL, NULL, &error);
  g_assert_no_error (error);
  second = dump_data (db);
  g_assert_cmpstr (first, ==, second);

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

static void
assert_refused (AnvDb *db)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *before = dump_data (db);
  g_autofree char *after = NULL;
  gint64 audit = query_int (db, "SELECT count(*) FROM audit_log");

  g_assert_false (anv_demo_load (db, NULL, NULL, &error));
  g_assert_error (error, ANV_DEMO_ERROR, ANV_DEMO_ERROR_NOT_EMPTY);
  g_clear_error (&error);

  g_assert_false (anv_generate (db, 1000, NULL, NULL, &error));
  g_assert_error (error, ANV_GENERATE_ERROR, ANV_GENERATE_ERROR_NOT_EMPTY);

  after = dump_data (db);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM audit_log"), ==, audit);
}

static void
test_demo_refuses_data (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (AnvSeeker) seeker = NULL;
  AnvSeekerInput input = { "198507012394", "Test Testsson", "2480", NULL, FALSE };
  GDate today;

  anv_test_date (&today, 2020, 1, 15);
  seeker = anv_seekers_add (db, &input, &today, &error);
  g_assert_no_error (error);

  assert_refused (db);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM seeker"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM provider"), ==, 0);

  /* Nor twice. */
  assert_refused (get_demo_db ());

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

/* The generator */

/* The generator's model keeps its own copies of "the service on a day" and
 * "approved there on a day", on Julian days, for speed. They must answer as
 * the core does: asked on the days around every period and every approval
 * of each municipality, where an off-by-one would show. */
static void
add_days_around (GArray  *days,
                 guint32  from,
                 guint32  to)
{
  guint32 around[] = { from - 1, from, from + 1, to - 1, to, to + 1 };

  for (guint i = 0; i < G_N_ELEMENTS (around); i++)
    if (around[i] > 1 && around[i] < OPEN_END - 1 && g_date_valid_julian (around[i]))
      g_array_append_val (days, around[i]);
}

static int
compare_orgnrs (gconstpointer a,
                gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static char *
join_model_orgnrs (AnvGenerateModel *model,
                   const guint16    *indices,
                   guint             n)
{
  g_autoptr (GPtrArray) orgnrs = g_ptr_array_new ();

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (orgnrs, g_array_index (model->providers, Provider, indices[i]).orgnr);
  g_ptr_array_sort (orgnrs, compare_orgnrs);
  g_ptr_array_add (orgnrs, NULL);
  return g_strjoinv (",", (char **) orgnrs->pdata);
}

static char *
join_core_orgnrs (GPtrArray *providers)
{
  g_autoptr (GPtrArray) orgnrs = g_ptr_array_new ();

  for (guint i = 0; i < providers->len; i++)
    g_ptr_array_add (orgnrs, ((AnvProvider *) g_ptr_array_index (providers, i))->orgnr);
  g_ptr_array_sort (orgnrs, compare_orgnrs);
  g_ptr_array_add (orgnrs, NULL);
  return g_strjoinv (",", (char **) orgnrs->pdata);
}

/* The model's no-choice default, with its tally of the month set to the
 * defaults the demo's database holds, is the core's. */
static void
assert_same_default (AnvGenerateModel *model,
                     Place            *place,
                     ServiceIndex      s,
                     guint32           day,
                     const GDate      *date)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvProvider) from_core = NULL;
  guint16 from_model = NO_PROVIDER;
  const char *orgnr;

  g_assert_true (anv_generate_model_recount (model, place, s, day, &error));
  g_assert_true (anv_generate_default_provider (model, place, s, day, &from_model, &error));
  g_assert_no_error (error);
  from_core = anv_providers_propose_default (model->db, anv_generate_service (s), place->code,
                                             date, &error);
  g_assert_no_error (error);
  orgnr = g_array_index (model->providers, Provider, from_model).orgnr;
  if (strcmp (orgnr, from_core->orgnr) != 0)
    g_error ("%s, day %u, %s: the model gives the default to %s, the core to %s",
             place->code, day, anv_service_code (anv_generate_service (s)), orgnr,
             from_core->orgnr);
}

static void
test_generate_model_matches_core (void)
{
  AnvDb *db = get_demo_db ();
  g_autoptr (GError) error = NULL;
  AnvGenerateModel model = { 0 };
  guint compared = 0;

  g_assert_true (anv_generate_model_read (&model, db, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < model.places->len; i++)
    {
      const Place *place = &g_array_index (model.places, Place, i);
      g_autoptr (GArray) days = g_array_new (FALSE, FALSE, sizeof (guint32));

      for (guint j = 0; j < place->periods->len; j++)
        {
          const Period *p = &g_array_index (place->periods, Period, j);

          add_days_around (days, p->from, p->to);
        }
      for (guint s = 0; s < N_SERVICES; s++)
        for (guint j = 0; j < place->approved[s]->len; j++)
          {
            const Approved *a = &g_array_index (place->approved[s], Approved, j);

            add_days_around (days, a->from, a->to);
          }

      for (guint d = 0; d < days->len; d++)
        {
          guint32 day = g_array_index (days, guint32, d);
          int model_service = anv_generate_service_on (place, day);
          AnvService core_service;
          GDate date;

          g_date_clear (&date, 1);
          g_date_set_julian (&date, day);
          core_service = anv_availability_service_on (db, place->code, &date, &error);
          g_assert_no_error (error);
          if (core_service != (model_service < 0 ? ANV_SERVICE_NONE
                                                 : anv_generate_service (model_service)))
            g_error ("%s, day %u: the model's service is not the core's", place->code, day);

          for (guint s = 0; s < N_SERVICES; s++)
            {
              guint16 indices[256];
              guint n = anv_generate_approved_on (place, s, day, indices,
                                                  G_N_ELEMENTS (indices));
              g_autoptr (GPtrArray) approved = NULL;
              g_autofree char *from_model = NULL;
              g_autofree char *from_core = NULL;

              approved = anv_providers_approved_for (db, anv_generate_service (s), place->code,
                                                     &date, &error);
              g_assert_no_error (error);
              from_model = join_model_orgnrs (&model, indices, n);
              from_core = join_core_orgnrs (approved);
              if (g_strcmp0 (from_model, from_core) != 0)
                g_error ("%s, day %u, %s: the model says “%s”, the core “%s”", place->code,
                         day, anv_service_code (anv_generate_service (s)), from_model,
                         from_core);
              if (n > 0)
                assert_same_default (&model, (Place *) place, s, day, &date);
            }
          compared++;
        }
    }
  g_test_message ("%u days compared", compared);
  g_assert_cmpuint (compared, >, 100);
  anv_generate_model_clear (&model);
}

static void
test_generate (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autofree char *first = NULL;
  gint64 people, open;

  g_assert_true (anv_generate (db, GENERATED, NULL, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpint (query_int (db, "SELECT count(*) FROM referral"), ==, GENERATED);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM referral_provider"), >=, GENERATED);
  people = query_int (db, "SELECT count(*) FROM seeker");
  g_assert_cmpint (people, >, 40000);

  /* At most one open referral per person, and people left to refer. */
  g_assert_cmpint (query_int (db, "SELECT coalesce (max (n), 0) FROM "
                                  "(SELECT count(*) AS n FROM referral "
                                  " WHERE ended_on IS NULL GROUP BY seeker_id) AS o"), <=, 1);
  open = query_int (db, "SELECT count(DISTINCT seeker_id) FROM referral WHERE ended_on IS NULL");
  g_assert_cmpint (open, >, 0);
  g_assert_cmpint (open, <=, people * 95 / 100);

  assert_referral_dates (db);
  assert_services_applied (db);
  assert_defaults_spread (db);
  anv_test_assert_summary_matches_recount (db, "2019-01", "2020-12", NULL);
  anv_test_assert_summary_matches_recount (db, "2025-01", "2026-12", NULL);

  /* The same again. */
  first = dump_data (db);
  g_clear_object (&db);
  anv_test_remove_dir (dir);
  g_clear_pointer (&dir, g_free);

  db = anv_test_open_db (&dir);
  g_assert_true (anv_generate (db, GENERATED, NULL, NULL, &error));
  g_assert_no_error (error);
  {
    g_autofree char *second = dump_data (db);

    g_assert_cmpstr (first, ==, second);
  }
  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

static void
test_generate_count (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);

  g_assert_false (anv_generate (db, 0, NULL, NULL, &error));
  g_assert_error (error, ANV_GENERATE_ERROR, ANV_GENERATE_ERROR_COUNT);
  g_clear_error (&error);
  g_assert_false (anv_generate (db, 100000000, NULL, NULL, &error));
  g_assert_error (error, ANV_GENERATE_ERROR, ANV_GENERATE_ERROR_COUNT);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM provider"), ==, 0);

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

/* In a publish export of the demo's 2020, both services, no suppressed
 * split follows from a county's or the national line and the splits shown
 * (without the complementary suppression some 160 did). */
static void
test_demo_publish_suppression (void)
{
  g_autoptr (GError) error = NULL;
  AnvSummaryQuery query = { "2020-01", "2020-12", ANV_SERVICE_NONE, NULL };
  g_autoptr (GArray) rows = anv_publish_read (get_demo_db (), &query, &error);
  g_autofree AnvPublishMask *masks = NULL;
  guint n = 0;

  g_assert_no_error (error);
  masks = anv_publish_suppress_rows (get_demo_db (), rows, ANV_PUBLISH_DEFAULT_THRESHOLD,
                                     &error);
  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    for (guint s = 0; s < ANV_PUBLISH_N_SPLITS; s++)
      n += anv_test_masked_group (masks[i], s);
  g_assert_cmpuint (n, >, 1000);
  anv_test_assert_nothing_follows (get_demo_db (), rows, masks);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/demo/april-story", test_demo_april_story);
  g_test_add_func ("/demo/krom-by-june", test_demo_krom_by_june);
  g_test_add_func ("/demo/volumes", test_demo_volumes);
  g_test_add_func ("/demo/periods", test_demo_periods);
  g_test_add_func ("/demo/services", test_demo_services);
  g_test_add_func ("/demo/story-elements", test_demo_story_elements);
  g_test_add_func ("/demo/audit", test_demo_audit);
  g_test_add_func ("/demo/summary", test_demo_summary);
  g_test_add_func ("/demo/deterministic", test_demo_deterministic);
  g_test_add_func ("/demo/publish-suppression", test_demo_publish_suppression);
  g_test_add_func ("/demo/refuses-data", test_demo_refuses_data);
  g_test_add_func ("/generate/model-matches-core", test_generate_model_matches_core);
  g_test_add_func ("/generate/referrals", test_generate);
  g_test_add_func ("/generate/count", test_generate_count);

  status = g_test_run ();

  g_clear_object (&demo_db);
  anv_test_remove_dir (demo_dir);
  g_free (demo_dir);
  return status;
}
