/* test-worklist.c — the officer's work list: each category, its edges, the officer, privacy
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "anv-date.h"
#include "anv-providers.h"
#include "anv-approvals.h"
#include "anv-db-private.h"
#include "anv-delivery-areas.h"
#include "anv-referrals.h"
#include "anv-schema.h"
#include "anv-seekers.h"
#include "anv-test-util.h"
#include "anv-worklist.h"

#define KROM_UMEA   "2021002114"   /* approved around Umeå from 2020-03-30, no end */
#define STOM_STAY   "2021005448"   /* approved in Stockholm to 2020-09-28: D + 13 */
#define STOM_LEAVE  "5560360793"   /* approved in Stockholm to 2020-09-27: D + 12 */

typedef struct
{
  char      *dir;
  AnvDb     *db;
  AnvDb     *anna;      /* the same file, as another officer */
  GDate      today;     /* D: 2020-09-15 */
  GPtrArray *numbers;
  guint      next;      /* the next unused number */
} Fixture;

static void
approve (Fixture    *f,
         const char *orgnr,
         const char *name,
         const char *area,
         const char *to)
{
  static const char *const stockholm[] = { "0180", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvProvider) provider = NULL;
  GDate from, last;

  provider = anv_providers_add (f->db, orgnr, name, "0180", &f->today, &error);
  g_assert_no_error (error);
  g_assert_true (anv_areas_add (f->db, area, ANV_SERVICE_STOM, stockholm, &error));
  g_assert_no_error (error);
  anv_test_date (&from, 2014, 1, 1);
  g_assert_true (anv_date_parse (to, &last, NULL));
  g_assert_true (anv_providers_approve (f->db, orgnr, area, &from, &last, &f->today, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  f->db = anv_test_open_db (&f->dir);
  anv_test_date (&f->today, 2020, 9, 15);
  f->numbers = anv_test_load_personnummer ("1960", "2000", TRUE, 16);
  anv_test_approve_krom_provider (f->db);
  approve (f, STOM_STAY, "Stannar AB", "Storstad A", "2020-09-28");
  approve (f, STOM_LEAVE, "Lämnar AB", "Storstad B", "2020-09-27");

  /* The same database as another officer's program opens it */
  f->anna = anv_schema_open (anv_test_db_location (f->db), "anna", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->anna);
  anv_test_close_db (&f->db, &f->dir);
  g_ptr_array_unref (f->numbers);
}

/* A job seeker in @municipality with a referral decided on @decided by
 * the connection @db's user; started on @started unless NULL. Returns the
 * referral's id. */
static gint64
refer (Fixture    *f,
       AnvDb      *db,
       const char *name,
       gboolean    protected_identity,
       const char *municipality,
       const char *orgnr,
       const char *decided,
       const char *started)
{
  const char *pnr = g_ptr_array_index (f->numbers, f->next++);
  AnvSeekerInput seeker_input = { pnr, name, municipality, NULL, protected_identity };
  gboolean krom = strcmp (municipality, "2480") == 0;
  AnvReferralInput input = { 0 };
  g_autoptr (AnvSeeker) seeker = NULL;
  g_autoptr (AnvReferral) referral = NULL;
  g_autoptr (GError) error = NULL;
  GDate decided_on, started_on;

  seeker = anv_seekers_add (db, &seeker_input, &f->today, &error);
  g_assert_no_error (error);
  g_assert_true (anv_date_parse (decided, &decided_on, NULL));
  input.personnummer = pnr;
  input.service = krom ? ANV_SERVICE_KROM : ANV_SERVICE_STOM;
  input.provider_orgnr = orgnr;
  input.level = krom ? "A" : "1";
  input.choice = ANV_CHOICE_OWN;
  input.decided_on = &decided_on;
  referral = anv_referrals_decide (db, &input, &f->today, &error);
  g_assert_no_error (error);
  if (started != NULL)
    {
      g_assert_true (anv_date_parse (started, &started_on, NULL));
      g_assert_true (anv_referrals_start (db, pnr, &started_on, &f->today, &error));
      g_assert_no_error (error);
    }
  return referral->id;
}

typedef struct
{
  gint64      id;
  const char *name;     /* NULL: protected */
  const char *due_on;
  int         days_past;
} Expected;

static void
assert_items (GPtrArray      *items,
              const Expected *expected,
              guint           n)
{
  g_assert_cmpuint (items->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      AnvWorklistItem *item = g_ptr_array_index (items, i);

      g_assert_cmpint (item->referral_id, ==, expected[i].id);
      g_assert_cmpstr (item->name, ==, expected[i].name);
      g_assert_true (item->protected_identity == (expected[i].name == NULL));
      g_assert_cmpstr (item->due_on, ==, expected[i].due_on);
      g_assert_cmpint (item->days_past, ==, expected[i].days_past);
      g_assert_cmpuint (strlen (item->personnummer), ==, 12);
    }
}

static void
test_categories (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr (AnvWorklist) all = NULL;
  g_autoptr (AnvWorklist) annas = NULL;
  g_autoptr (AnvWorklist) testers = NULL;
  g_autoptr (AnvWorklist) limited = NULL;
  g_autoptr (GError) error = NULL;
  gint64 overdue, at_d, at_d13, beyond, leaving, staying, ended, zlatan, asa, orjan, secret,
         annas_own, on_time;
  GDate ended_on;

  /* STOM, 3 months: started 2020-06-15, last day 2020-09-14, the day before
   * D; with the provider that leaves, yet only overdue. */
  overdue = refer (f, f->db, "Olle Sen", FALSE, "0180", STOM_LEAVE, "2020-05-04", "2020-06-15");
  at_d = refer (f, f->db, "Dag Noll", FALSE, "0180", STOM_STAY, "2020-05-04", "2020-06-16");
  at_d13 = refer (f, f->db, "Tretton Dag", FALSE, "0180", STOM_STAY, "2020-05-04",
                  "2020-06-29");
  beyond = refer (f, f->db, "Fjorton Dag", FALSE, "0180", STOM_STAY, "2020-05-04",
                  "2020-06-30");
  leaving = refer (f, f->db, "Lena Flytt", FALSE, "0180", STOM_LEAVE, "2020-05-04",
                   "2020-07-01");
  staying = refer (f, f->db, "Stina Kvar", FALSE, "0180", STOM_STAY, "2020-05-04",
                   "2020-07-01");
  anv_test_date (&ended_on, 2020, 8, 1);
  ended = refer (f, f->db, "Erik Slut", FALSE, "0180", STOM_LEAVE, "2020-05-04", "2020-06-01");
  g_assert_true (anv_referrals_end (f->db, g_ptr_array_index (f->numbers, f->next - 1), "jobb",
                                    &ended_on, &f->today, &error));
  g_assert_no_error (error);

  /* KROM in Umeå, not started: planned start 2020-08-24, ten working days
   * after the decision; same day, so by name in Swedish order. */
  orjan = refer (f, f->db, "Örjan Ek", FALSE, "2480", KROM_UMEA, "2020-08-10", NULL);
  asa = refer (f, f->db, "Åsa Ek", FALSE, "2480", KROM_UMEA, "2020-08-10", NULL);
  zlatan = refer (f, f->db, "Zlatan Ek", FALSE, "2480", KROM_UMEA, "2020-08-10", NULL);
  secret = refer (f, f->db, "Hemlig Person", TRUE, "2480", KROM_UMEA, "2020-08-03", NULL);
  annas_own = refer (f, f->anna, "Anna Egen", FALSE, "2480", KROM_UMEA, "2020-08-11", NULL);
  if (anv_test_on_server ())
    {
      /* A server names the login, whatever the program says: the test
       * cluster has one, so Anna's decision is hers by hand. */
      g_autofree char *sql = g_strdup_printf (
        "UPDATE referral SET decided_by = 'anna' WHERE id = %" G_GINT64_FORMAT, annas_own);
      g_autoptr (GError) error_anna = NULL;

      g_assert_true (anv_db_exec (f->db, sql, &error_anna));
      g_assert_no_error (error_anna);
    }
  /* Planned start on D itself: not overdue yet. */
  on_time = refer (f, f->db, "Punktlig Start", FALSE, "2480", KROM_UMEA, "2020-09-01", NULL);

  all = anv_worklist_read (f->db, &f->today, NULL, 0, &error);
  g_assert_no_error (error);

  {
    const Expected e[] = { { overdue, "Olle Sen", "2020-09-14", 1 } };

    g_assert_cmpuint (all->counts[ANV_WORKLIST_OVERDUE], ==, 1);
    assert_items (all->items[ANV_WORKLIST_OVERDUE], e, G_N_ELEMENTS (e));
  }
  {
    const Expected e[] = {
      { secret, NULL, "2020-08-17", 29 },
      { zlatan, "Zlatan Ek", "2020-08-24", 22 },
      { asa, "Åsa Ek", "2020-08-24", 22 },
      { orjan, "Örjan Ek", "2020-08-24", 22 },
      { annas_own, "Anna Egen", "2020-08-25", 21 },
    };

    g_assert_cmpuint (all->counts[ANV_WORKLIST_START_OVERDUE], ==, 5);
    assert_items (all->items[ANV_WORKLIST_START_OVERDUE], e, G_N_ELEMENTS (e));
  }
  {
    const Expected e[] = { { leaving, "Lena Flytt", "2020-09-27", -12 } };
    AnvWorklistItem *item;

    g_assert_cmpuint (all->counts[ANV_WORKLIST_PROVIDER_LEAVING], ==, 1);
    assert_items (all->items[ANV_WORKLIST_PROVIDER_LEAVING], e, G_N_ELEMENTS (e));
    item = g_ptr_array_index (all->items[ANV_WORKLIST_PROVIDER_LEAVING], 0);
    g_assert_cmpstr (item->provider_name, ==, "Lämnar AB");
    g_assert_cmpint (item->service, ==, ANV_SERVICE_STOM);
    g_assert_cmpstr (item->municipality_code, ==, "0180");
    g_assert_cmpstr (item->municipality_name, ==, "Stockholm");
  }
  {
    const Expected e[] = {
      { at_d, "Dag Noll", "2020-09-15", 0 },
      { at_d13, "Tretton Dag", "2020-09-28", -13 },
    };

    g_assert_cmpuint (all->counts[ANV_WORKLIST_PERIOD_ENDING], ==, 2);
    assert_items (all->items[ANV_WORKLIST_PERIOD_ENDING], e, G_N_ELEMENTS (e));
  }
  g_assert_cmpuint (anv_worklist_get_total (all), ==, 9);

  /* The list names people: its reading is in the audit log with how many
   * it showed, once, not again for the same list shown anew. */
  {
    g_autoptr (AnvWorklist) again = anv_worklist_read (f->db, &f->today, NULL, 0, &error);

    g_assert_no_error (error);
    g_assert_nonnull (again);
    g_assert_cmpint (anv_test_query_int (f->db, "SELECT count (*) FROM audit_log WHERE action = "
                                         "'worklist.read' AND details = '9 listed'",
                                         NULL, 0), ==, 1);
  }

  /* Nowhere: beyond D + 13, a provider that stays, ended, on time. */
  for (guint c = 0; c < ANV_WORKLIST_N_CATEGORIES; c++)
    for (guint i = 0; i < all->items[c]->len; i++)
      {
        AnvWorklistItem *item = g_ptr_array_index (all->items[c], i);

        g_assert_cmpint (item->referral_id, !=, beyond);
        g_assert_cmpint (item->referral_id, !=, staying);
        g_assert_cmpint (item->referral_id, !=, ended);
        g_assert_cmpint (item->referral_id, !=, on_time);
        /* The protected person's name never leaves the database. */
        g_assert_cmpstr (item->name, !=, "Hemlig Person");
        g_assert_cmpuint (anv_worklist_category_event (c), !=, ANV_REFERRAL_EVENT_NONE);
      }

  /* The officer's own. */
  annas = anv_worklist_read (f->db, &f->today, "anna", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (anv_worklist_get_total (annas), ==, 1);
  g_assert_cmpuint (annas->counts[ANV_WORKLIST_START_OVERDUE], ==, 1);
  g_assert_cmpint (((AnvWorklistItem *) g_ptr_array_index (
                      annas->items[ANV_WORKLIST_START_OVERDUE], 0))->referral_id, ==, annas_own);
  testers = anv_worklist_read (f->db, &f->today, "tester", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (anv_worklist_get_total (testers), ==, 8);
  g_assert_cmpuint (testers->counts[ANV_WORKLIST_START_OVERDUE], ==, 4);

  /* A limit cuts the rows, never the count. */
  limited = anv_worklist_read (f->db, &f->today, NULL, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (limited->counts[ANV_WORKLIST_START_OVERDUE], ==, 5);
  g_assert_cmpuint (limited->items[ANV_WORKLIST_START_OVERDUE]->len, ==, 2);
  g_assert_cmpuint (anv_worklist_get_total (limited), ==, 9);
}

/* The days move the edges: the day after, the referral at D is overdue
 * and the provider that leaves on D + 12 leaves for the one at D + 13. */
static void
test_next_days (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (AnvWorklist) later = NULL;
  g_autoptr (AnvWorklist) earlier = NULL;
  g_autoptr (GError) error = NULL;
  GDate next, before;
  gint64 at_d, staying;

  at_d = refer (f, f->db, "Dag Noll", FALSE, "0180", STOM_STAY, "2020-05-04", "2020-06-16");
  staying = refer (f, f->db, "Stina Kvar", FALSE, "0180", STOM_STAY, "2020-05-04",
                   "2020-07-01");

  anv_test_date (&next, 2020, 9, 16);
  later = anv_worklist_read (f->db, &next, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (later->counts[ANV_WORKLIST_OVERDUE], ==, 1);
  g_assert_cmpint (((AnvWorklistItem *) g_ptr_array_index (
                      later->items[ANV_WORKLIST_OVERDUE], 0))->referral_id, ==, at_d);
  /* Stannar AB's approval ends 2020-09-28; on 2020-09-29 (D + 13) it holds
   * no more. */
  g_assert_cmpuint (later->counts[ANV_WORKLIST_PROVIDER_LEAVING], ==, 1);
  g_assert_cmpint (((AnvWorklistItem *) g_ptr_array_index (
                      later->items[ANV_WORKLIST_PROVIDER_LEAVING], 0))->referral_id, ==,
                   staying);

  /* 14 days before the last day, 2020-09-01: not yet ending (D + 13 is
   * 2020-09-14, the last day 2020-09-15). */
  anv_test_date (&before, 2020, 9, 1);
  earlier = anv_worklist_read (f->db, &before, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (earlier->counts[ANV_WORKLIST_PERIOD_ENDING], ==, 0);
  g_assert_cmpuint (anv_worklist_get_total (earlier), ==, 0);
}

/* A list of an earlier day leaves out the referrals decided after it:
 * Kort AB's approval ends 2020-09-20, so on 2020-09-10 (D + 13 is
 * 2020-09-23) a referral to it decided on 2020-09-15 would be leaving. */
static void
test_decided_after (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr (AnvWorklist) before = NULL;
  g_autoptr (AnvWorklist) on_d = NULL;
  g_autoptr (GError) error = NULL;
  GDate earlier;
  gint64 late;

  approve (f, "5560125790", "Kort AB", "Storstad C", "2020-09-20");
  late = refer (f, f->db, "Sen Beslut", FALSE, "0180", "5560125790", "2020-09-15", NULL);

  anv_test_date (&earlier, 2020, 9, 10);
  before = anv_worklist_read (f->db, &earlier, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (anv_worklist_get_total (before), ==, 0);

  on_d = anv_worklist_read (f->db, &f->today, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (on_d->counts[ANV_WORKLIST_PROVIDER_LEAVING], ==, 1);
  g_assert_cmpint (((AnvWorklistItem *) g_ptr_array_index (
                      on_d->items[ANV_WORKLIST_PROVIDER_LEAVING], 0))->referral_id, ==, late);
}

/* A provider not approved on D but approved again before D + 13 is
 * leaving: Åter AB's first approval ends 2020-09-10, the next starts on
 * 2020-09-20. Its date is the last day of the one that ended. */
static void
test_gone_on_d (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (AnvWorklist) all = NULL;
  g_autoptr (GError) error = NULL;
  GDate from;
  gint64 gone;

  approve (f, "5560125790", "Åter AB", "Storstad C", "2020-09-10");
  gone = refer (f, f->db, "Gunn Borta", FALSE, "0180", "5560125790", "2020-05-04",
                "2020-07-01");
  anv_test_date (&from, 2020, 9, 20);
  g_assert_true (anv_providers_approve (f->db, "5560125790", "Storstad C", &from, NULL,
                                        &f->today, &error));
  g_assert_no_error (error);

  all = anv_worklist_read (f->db, &f->today, NULL, 0, &error);
  g_assert_no_error (error);
  {
    const Expected e[] = { { gone, "Gunn Borta", "2020-09-10", 5 } };

    g_assert_cmpuint (all->counts[ANV_WORKLIST_PROVIDER_LEAVING], ==, 1);
    assert_items (all->items[ANV_WORKLIST_PROVIDER_LEAVING], e, G_N_ELEMENTS (e));
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/worklist/categories", Fixture, NULL, fixture_set_up, test_categories,
              fixture_tear_down);
  g_test_add ("/worklist/next-days", Fixture, NULL, fixture_set_up, test_next_days,
              fixture_tear_down);
  g_test_add ("/worklist/decided-after", Fixture, NULL, fixture_set_up, test_decided_after,
              fixture_tear_down);
  g_test_add ("/worklist/gone-on-d", Fixture, NULL, fixture_set_up, test_gone_on_d,
              fixture_tear_down);
  return g_test_run ();
}
