/* test-summary-parts.c — the summary's breakdowns: provider, level, delivery area, age group
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>
#include <string.h>

#include "anv-approvals.h"
#include "anv-date.h"
#include "anv-db-private.h"
#include "anv-delivery-areas.h"
#include "anv-i18n.h"
#include "anv-migrations.h"
#include "anv-providers.h"
#include "anv-referrals.h"
#include "anv-retention.h"
#include "anv-schema.h"
#include "anv-seekers.h"
#include "anv-summary-private.h"
#include "anv-test-util.h"

/* The schema version of the step that brought summary_part: the one
 * number to change when steps are renumbered. */
#define SUMMARY_PART_VERSION 13

/* Legal entities' numbers (not personal data). */
#define KROM_UMEA      "2021002114"   /* approved for KROM around Umeå */
#define STOM_STHLM     "2021005448"   /* approved for STOM around Stockholm and Umeå */
#define KROM_VASTERAS  "5560360793"   /* approved for KROM around Västerås only */
#define KROM_UMEA_2    "5560000001"   /* another in Umeå, in an area of its own */

typedef struct
{
  char      *dir;
  AnvDb     *db;
  GDate      today;
  GPtrArray *numbers;   /* Skatteverket test personnummer, 12 digits */
} Fixture;

static void
add_provider (Fixture            *f,
              const char         *orgnr,
              const char         *name,
              const char         *municipality,
              const char         *area,
              AnvService          service,
              const char * const *codes)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvProvider) provider = anv_providers_add (f->db, orgnr, name, municipality,
                                                       &f->today, &error);
  GDate from;

  g_assert_no_error (error);
  anv_areas_add (f->db, area, service, codes, &error);
  g_assert_no_error (error);
  anv_test_date (&from, 2014, 1, 1);
  anv_providers_approve (f->db, orgnr, area, &from, NULL, &f->today, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  static const char *const north[] = { "2480", "2482", "2401", NULL };
  static const char *const umea[] = { "2480", NULL };
  static const char *const capital[] = { "0180", "0114", "2480", "2482", "2401", NULL };
  static const char *const west[] = { "1980", NULL };
  guint n = GPOINTER_TO_UINT (data) ? GPOINTER_TO_UINT (data) : 8;

  f->db = anv_test_open_db (&f->dir);
  anv_test_date (&f->today, 2022, 1, 15);
  /* Born 1940–2003: every age group at the decisions of 2020–2021 */
  f->numbers = anv_test_load_personnummer ("1940", "2004", TRUE, 0);
  /* Spread over the years, n of them */
  {
    GPtrArray *picked = g_ptr_array_new_with_free_func (g_free);

    for (guint i = 0; i < n; i++)
      g_ptr_array_add (picked, g_strdup (g_ptr_array_index (f->numbers,
                                                            i * (f->numbers->len / n))));
    g_ptr_array_unref (f->numbers);
    f->numbers = picked;
  }

  add_provider (f, KROM_UMEA, "Rusta Norr AB", "2480", "Umeåregionen", ANV_SERVICE_KROM, north);
  add_provider (f, KROM_UMEA_2, "Andra Rusta AB", "2480", "Umeå centrum", ANV_SERVICE_KROM,
                umea);
  add_provider (f, STOM_STHLM, "Matchning Syd AB", "0180", "Storstad", ANV_SERVICE_STOM,
                capital);
  add_provider (f, KROM_VASTERAS, "Västra Rusta AB", "1980", "Västerås", ANV_SERVICE_KROM, west);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (AnvSeeker) seeker = NULL;
      AnvSeekerInput input = { g_ptr_array_index (f->numbers, i), "Test Testsson",
                               i % 2 ? "0180" : "2480", NULL, FALSE };

      seeker = anv_seekers_add (f->db, &input, &f->today, &error);
      g_assert_no_error (error);
    }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->db);
  anv_test_remove_dir (f->dir);
  g_free (f->dir);
  g_ptr_array_unref (f->numbers);
}

static AnvReferral *
decide (Fixture     *f,
        const char  *pnr,
        const char  *orgnr,
        const char  *level,
        const char  *date,
        GError     **error)
{
  AnvReferralInput input = { 0 };
  GDate decided;

  g_assert_true (anv_date_parse (date, &decided, NULL));
  input.personnummer = pnr;
  input.service = ANV_SERVICE_NONE;
  input.provider_orgnr = orgnr;
  input.level = level;
  input.choice = ANV_CHOICE_OWN;
  input.decided_on = &decided;
  return anv_referrals_decide (f->db, &input, &f->today, error);
}

/* Every count of two rows, named at the first difference. */
static void
assert_counts_equal (const AnvSummaryRow *a,
                     const AnvSummaryRow *b,
                     const char          *what)
{
#define SAME(field) \
  if (a->field != b->field) \
    g_error ("%s %s %s: " #field " %u, not %u", what, anv_service_code (a->service), a->month, \
             a->field, b->field)
  SAME (decided_women);
  SAME (decided_men);
  SAME (started);
  SAME (started_women);
  SAME (started_men);
  SAME (ended_job);
  SAME (ended_job_women);
  SAME (ended_job_men);
  SAME (ended_studies);
  SAME (ended_studies_women);
  SAME (ended_studies_men);
  SAME (ended_interrupted);
  SAME (ended_interrupted_women);
  SAME (ended_interrupted_men);
  SAME (ended_before_start);
  SAME (ended_before_start_women);
  SAME (ended_before_start_men);
  SAME (active_end);
  SAME (active_women);
  SAME (active_men);
  SAME (participating);
  SAME (participating_women);
  SAME (participating_men);
  SAME (waiting);
  SAME (waiting_women);
  SAME (waiting_men);
  SAME (overdue_end);
#undef SAME
}

static guint
add_known (guint a,
           guint b)
{
  return a == ANV_SUMMARY_UNKNOWN || b == ANV_SUMMARY_UNKNOWN ? ANV_SUMMARY_UNKNOWN : a + b;
}

static void
add_counts (AnvSummaryRow       *total,
            const AnvSummaryRow *row)
{
#define ADD(field) total->field += row->field
#define ADD_SPLIT(field) total->field = add_known (total->field, row->field)
  ADD (decided_women);
  ADD (decided_men);
  ADD (started);
  ADD (ended_job);
  ADD (ended_studies);
  ADD (ended_interrupted);
  ADD (ended_before_start);
  ADD (active_end);
  ADD (overdue_end);
  ADD_SPLIT (started_women);
  ADD_SPLIT (started_men);
  ADD_SPLIT (ended_job_women);
  ADD_SPLIT (ended_job_men);
  ADD_SPLIT (ended_studies_women);
  ADD_SPLIT (ended_studies_men);
  ADD_SPLIT (ended_interrupted_women);
  ADD_SPLIT (ended_interrupted_men);
  ADD_SPLIT (ended_before_start_women);
  ADD_SPLIT (ended_before_start_men);
  ADD_SPLIT (active_women);
  ADD_SPLIT (active_men);
  ADD_SPLIT (participating);
  ADD_SPLIT (participating_women);
  ADD_SPLIT (participating_men);
  ADD_SPLIT (waiting);
  ADD_SPLIT (waiting_women);
  ADD_SPLIT (waiting_men);
#undef ADD
#undef ADD_SPLIT
}

static GArray *
read_parts (AnvDb               *db,
            AnvSummaryDimension  by,
            const char          *from,
            const char          *to,
            const char          *county,
            gboolean             recount)
{
  g_autoptr (GError) error = NULL;
  AnvSummaryQuery query = { from, to, ANV_SERVICE_NONE, county, by };
  GArray *parts = recount ? anv_summary_recompute_parts (db, &query, &error)
                          : anv_summary_read_parts (db, &query, &error);

  g_assert_no_error (error);
  return parts;
}

/* The kept breakdown equals the recount, part for part and column for
 * column; with @skip_unknown, the kept part '?' is left out. */
static void
assert_parts_match_recount (AnvDb               *db,
                            AnvSummaryDimension  by,
                            const char          *from,
                            const char          *to,
                            const char          *county,
                            gboolean             skip_unknown)
{
  g_autoptr (GArray) kept = read_parts (db, by, from, to, county, FALSE);
  g_autoptr (GArray) counted = read_parts (db, by, from, to, county, TRUE);
  guint j = 0;

  for (guint i = 0; i < kept->len; i++)
    {
      const AnvSummaryPart *a = &g_array_index (kept, AnvSummaryPart, i);
      const AnvSummaryPart *b;
      g_autofree char *what = NULL;

      if (skip_unknown && strcmp (a->part, ANV_SUMMARY_PART_UNKNOWN) == 0)
        continue;
      g_assert_cmpuint (j, <, counted->len);
      b = &g_array_index (counted, AnvSummaryPart, j++);
      what = g_strdup_printf ("%s part %s", anv_summary_dimension_code (by), a->part);
      g_assert_cmpstr (a->part, ==, b->part);
      g_assert_cmpstr (a->label, ==, b->label);
      g_assert_cmpint (a->counts.service, ==, b->counts.service);
      g_assert_cmpstr (a->counts.month, ==, b->counts.month);
      g_assert_cmpint (a->counts.level, ==, b->counts.level);
      assert_counts_equal (&a->counts, &b->counts, what);
    }
  g_assert_cmpuint (j, ==, counted->len);
}

/* The parts of @by add up to the summary's national total, column for
 * column, in every month of both services. */
static void
assert_parts_add_up (AnvDb               *db,
                     AnvSummaryDimension  by,
                     const char          *from,
                     const char          *to)
{
  g_autoptr (GError) error = NULL;
  AnvSummaryQuery query = { from, to, ANV_SERVICE_NONE, NULL, ANV_SUMMARY_BY_MUNICIPALITY };
  g_autoptr (GArray) rows = anv_summary_read (db, &query, &error);
  g_autoptr (GArray) parts = read_parts (db, by, from, to, NULL, FALSE);
  guint compared = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    {
      const AnvSummaryRow *total = &g_array_index (rows, AnvSummaryRow, i);
      AnvSummaryRow sum;
      g_autofree char *what = NULL;

      if (total->level != ANV_SUMMARY_NATIONAL)
        continue;
      memset (&sum, 0, sizeof sum);
      sum.service = total->service;
      g_strlcpy (sum.month, total->month, sizeof sum.month);
      for (guint p = 0; p < parts->len; p++)
        {
          const AnvSummaryPart *part = &g_array_index (parts, AnvSummaryPart, p);

          if (part->counts.service == total->service
              && strcmp (part->counts.month, total->month) == 0)
            add_counts (&sum, &part->counts);
        }
      what = g_strdup_printf ("the parts of %s", anv_summary_dimension_code (by));
      assert_counts_equal (&sum, total, what);
      compared++;
    }
  g_assert_cmpuint (compared, >, 0);
}

static const AnvSummaryPart *
find_part (GArray     *parts,
           AnvService  service,
           const char *month,
           const char *part)
{
  for (guint i = 0; i < parts->len; i++)
    {
      const AnvSummaryPart *p = &g_array_index (parts, AnvSummaryPart, i);

      if (p->counts.service == service && strcmp (p->counts.month, month) == 0
          && strcmp (p->part, part) == 0)
        return p;
    }
  return NULL;
}

/* Our rule for the age group: the age on the decision day, the birthday
 * counted; younger than 16 in 16–24; a samordningsnummer's day 60 (not
 * known) as the 1st. */
static void
test_age_groups (void)
{
  static const struct
  {
    const char *pnr;
    const char *decided;
    const char *group;
  } cases[] = {
    { "199506152389", "2020-06-15", "25-54" },
    { "199506152389", "2020-06-14", "16-24" },
    { "196506232880", "2020-06-23", "55-64" },
    { "196506232880", "2020-06-22", "25-54" },
    { "195506302388", "2020-06-30", "65+" },
    { "195506302388", "2020-06-29", "55-64" },
    { "201001012382", "2020-06-15", "16-24" },
    /* samordningsnummer: born 1995-05-08 (68), a day not known (60) */
    { "199505682394", "2020-05-08", "25-54" },
    { "199505682394", "2020-05-07", "16-24" },
    { "199502602395", "2020-02-01", "25-54" },
    { "199502602395", "2020-01-31", "16-24" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      char group[12];

      anv_summary_age_part (cases[i].pnr, cases[i].decided, group);
      g_assert_cmpstr (group, ==, cases[i].group);
    }
}

/* A change of provider moves the referral's counts, the decision's too,
 * to the provider it has now; a level correction moves them to the new
 * level; a referral counts in every area that holds its municipality. */
static void
test_moves (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvReferral) r = NULL;
  g_autoptr (GArray) parts = NULL;
  const char *pnr = g_ptr_array_index (f->numbers, 0);   /* lives in Umeå */
  const AnvSummaryPart *p;
  GDate day;

  r = decide (f, pnr, KROM_UMEA, "A", "2020-04-06", &error);
  g_assert_no_error (error);
  anv_test_date (&day, 2020, 4, 22);
  g_assert_true (anv_referrals_start (f->db, pnr, &day, &f->today, &error));
  anv_test_date (&day, 2020, 5, 4);
  g_assert_true (anv_referrals_change_provider (f->db, pnr, KROM_UMEA_2, FALSE, &day,
                                                &f->today, &error));
  g_assert_no_error (error);

  parts = read_parts (f->db, ANV_SUMMARY_BY_PROVIDER, "2020-04", "2020-05", NULL, FALSE);
  g_assert_null (find_part (parts, ANV_SERVICE_KROM, "2020-04", KROM_UMEA));
  p = find_part (parts, ANV_SERVICE_KROM, "2020-04", KROM_UMEA_2);
  g_assert_nonnull (p);
  g_assert_cmpstr (p->label, ==, "Andra Rusta AB");
  g_assert_cmpuint (p->counts.decided_women + p->counts.decided_men, ==, 1);
  g_assert_cmpuint (p->counts.started, ==, 1);
  g_assert_cmpuint (p->counts.participating, ==, 1);
  g_clear_pointer (&parts, g_array_unref);

  g_assert_true (anv_referrals_correct (f->db, r->id, "level", "C", "fel nivå", &error));
  g_assert_no_error (error);
  parts = read_parts (f->db, ANV_SUMMARY_BY_LEVEL, "2020-05", "2020-05", NULL, FALSE);
  g_assert_null (find_part (parts, ANV_SERVICE_KROM, "2020-05", "A"));
  p = find_part (parts, ANV_SERVICE_KROM, "2020-05", "C");
  g_assert_nonnull (p);
  g_assert_cmpuint (p->counts.active_end, ==, 1);
  g_clear_pointer (&parts, g_array_unref);

  /* Umeå is in two KROM areas: it counts in both */
  parts = read_parts (f->db, ANV_SUMMARY_BY_AREA, "2020-05", "2020-05", NULL, FALSE);
  for (guint i = 0; i < parts->len; i++)
    {
      p = &g_array_index (parts, AnvSummaryPart, i);
      if (p->counts.service == ANV_SERVICE_KROM)
        g_assert_cmpuint (p->counts.active_end, ==, 1);
    }
  g_assert_cmpuint (parts->len, ==, 2);
  assert_parts_match_recount (f->db, ANV_SUMMARY_BY_AREA, "2020-04", "2020-06", NULL, FALSE);
}

static const AnvSummaryDimension kept_and_area[] = {
  ANV_SUMMARY_BY_PROVIDER, ANV_SUMMARY_BY_LEVEL, ANV_SUMMARY_BY_AGE, ANV_SUMMARY_BY_AREA,
};

/* Random decisions, starts, changes of provider, ends, level and date
 * corrections, extensions and the ends of the periods that ran out, a
 * provider's approval ended and its referrals moved; each kept breakdown
 * must equal a count made anew, part for part, and add up to the
 * summary. */
static void
test_random (Fixture       *f,
             gconstpointer  data)
{
  static const char *const reasons[] = { "jobb", "studier", "sjuk", "flyttat", "tiden_ute" };
  static const char *const levels[] = { "A", "B", "C", "1", "2", "3", "4" };
  static const char *const fields[] = { "level", "level", "started_on", "ended_on",
                                        "decided_on", "annulled" };
  GRand *rand = g_rand_new_with_seed (20201012);
  guint n_seekers = f->numbers->len, n_steps = 3000, n_referrals = 0;
  guint accepted[5] = { 0 };

  for (guint step = 0; step < n_steps; step++)
    {
      g_autoptr (GError) error = NULL;
      const char *pnr = g_ptr_array_index (f->numbers, g_rand_int_range (rand, 0, n_seekers));
      guint op = (guint) g_rand_int_range (rand, 0, 100);
      GDate day;
      char date[11];

      anv_test_date (&day, 2020, 1, 1);
      g_date_add_days (&day, step * 730 / n_steps + (guint) g_rand_int_range (rand, 0, 3));
      anv_date_format (&day, date);

      if (step == n_steps / 2)
        {
          g_autoptr (GPtrArray) moves = NULL;
          GDate next = day;

          /* The second provider in Umeå leaves; its referrals move. */
          g_assert_true (anv_providers_end_approval (f->db, KROM_UMEA_2, "Umeå centrum", &day,
                                                     &f->today, &error));
          g_assert_no_error (error);
          g_date_add_days (&next, 1);
          g_assert_true (anv_referrals_move_leaving (f->db, &next, NULL, &f->today, FALSE,
                                                     &moves, &error));
          g_assert_no_error (error);
          accepted[4] += moves->len;
        }

      if (op < 30)
        {
          g_autoptr (AnvReferral) r = NULL;

          r = decide (f, pnr, g_rand_boolean (rand) ? KROM_UMEA : KROM_UMEA_2,
                      levels[g_rand_int_range (rand, 0, 3)], date, &error);
          if (r == NULL && error->code == ANV_REFERRAL_ERROR_PROVIDER)
            {
              g_clear_error (&error);
              r = decide (f, pnr, KROM_UMEA, levels[g_rand_int_range (rand, 0, 3)], date,
                          &error);
            }
          if (r == NULL && error->code == ANV_REFERRAL_ERROR_LEVEL)
            {
              g_clear_error (&error);
              r = decide (f, pnr, STOM_STHLM, levels[g_rand_int_range (rand, 3, 7)], date,
                          &error);
            }
          n_referrals += r != NULL;
          accepted[0] += r != NULL;
        }
      else if (op < 55)
        anv_referrals_start (f->db, pnr, &day, &f->today, &error);
      else if (op < 68)
        {
          static const char *const to[] = { KROM_UMEA, KROM_UMEA_2, KROM_VASTERAS };
          guint which = (guint) g_rand_int_range (rand, 0, 3);

          accepted[1] += anv_referrals_change_provider (f->db, pnr, to[which], which == 2,
                                                        &day, &f->today, &error);
        }
      else if (op < 88)
        anv_referrals_end (f->db, pnr, reasons[g_rand_int_range (rand, 0, 5)], &day,
                           &f->today, &error);
      else if (op < 96)
        {
          gint64 id = g_rand_int_range (rand, 1, (gint32) MAX (2, n_referrals + 1));
          const char *field = fields[g_rand_int_range (rand, 0, G_N_ELEMENTS (fields))];
          g_autoptr (AnvReferral) r = anv_referrals_get (f->db, id, NULL);
          const char *value = date;
          char other[11];

          if (r == NULL)
            continue;
          if (strcmp (field, "level") == 0)
            value = levels[g_rand_int_range (rand, 0, G_N_ELEMENTS (levels))];
          else if (strcmp (field, "annulled") == 0)
            value = r->annulled ? "0" : "1";
          else
            {
              const char *old = strcmp (field, "decided_on") == 0 ? r->decided_on
                                : strcmp (field, "started_on") == 0 ? r->started_on
                                : r->ended_on;
              GDate shifted;

              anv_date_parse (old ? old : r->decided_on, &shifted, NULL);
              g_date_add_days (&shifted, (guint) g_rand_int_range (rand, 0, 30));
              anv_date_format (&shifted, other);
              value = other;
            }
          if (anv_referrals_correct (f->db, id, field, value, "slumpad rättelse", &error)
              && strcmp (field, "level") == 0)
            accepted[2]++;
        }
      else
        {
          gint64 id = g_rand_int_range (rand, 1, (gint32) MAX (2, n_referrals + 1));

          anv_referrals_extend (f->db, id, &day, &f->today, &error);
        }

      if (step % 1000 == 999)
        {
          g_autoptr (GArray) ended = NULL;

          g_clear_error (&error);
          g_assert_true (anv_referrals_end_expired (f->db, &day, &f->today, FALSE, &ended,
                                                    &error));
          g_assert_no_error (error);
          accepted[3] += ended->len;
        }
    }
  g_rand_free (rand);

  g_test_message ("accepted: %u decisions, %u changes of provider, %u level corrections, "
                  "%u ended as run out, %u moved", accepted[0], accepted[1], accepted[2],
                  accepted[3], accepted[4]);
  g_assert_cmpuint (accepted[0], >, 300);
  g_assert_cmpuint (accepted[1], >, 20);
  g_assert_cmpuint (accepted[2], >, 10);
  g_assert_cmpuint (accepted[3], >, 5);
  g_assert_cmpuint (accepted[4], >, 0);

  for (guint d = 0; d < G_N_ELEMENTS (kept_and_area); d++)
    {
      assert_parts_match_recount (f->db, kept_and_area[d], "2019-12", "2022-01", NULL, FALSE);
      assert_parts_match_recount (f->db, kept_and_area[d], "2020-06", "2021-03", "24", FALSE);
      if (kept_and_area[d] != ANV_SUMMARY_BY_AREA)
        assert_parts_add_up (f->db, kept_and_area[d], "2019-12", "2022-01");
    }

  /* The rebuild counts the same */
  {
    g_autoptr (GError) error = NULL;

    g_assert_true (anv_summary_rebuild (f->db, &error));
    g_assert_no_error (error);
    for (guint d = 0; d < G_N_ELEMENTS (kept_and_area); d++)
      assert_parts_match_recount (f->db, kept_and_area[d], "2019-12", "2022-01", NULL, FALSE);
  }
}

/* On a database from before the breakdowns, where retention removed
 * referrals, the migration counts the parts from the referrals that
 * remain and puts the rest into the part '?': the parts add up to the
 * totals, which stay as they were; the upkeep goes on from there. */
static void
test_migration (Fixture       *f,
                gconstpointer  data)
{
  /* An old SQLite file, migrated */
  if (anv_test_on_server ())
    {
      g_test_skip ("needs a SQLite file");
      return;
    }
  static const char *const reasons[] = { "jobb", "sjuk", "studier" };
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "anvisa.db", NULL);
  g_autofree char *downgrade = NULL;
  g_autoptr (GArray) unknown = NULL;
  guint64 seekers = 0, referrals = 0;
  GDate ended_before, day;
  const AnvSummaryPart *p;

  /* Every seeker: decided in April 2020, started in May, the first half
   * ended in June (removed by retention), the rest go on. */
  for (guint i = 0; i < f->numbers->len; i++)
    {
      const char *pnr = g_ptr_array_index (f->numbers, i);
      g_autoptr (AnvReferral) r = decide (f, pnr, i % 2 ? STOM_STHLM : KROM_UMEA,
                                         i % 2 ? "2" : "B", "2020-04-06", &error);

      g_assert_no_error (error);
      anv_test_date (&day, 2020, 5, 4);
      g_assert_true (anv_referrals_start (f->db, pnr, &day, &f->today, &error));
      if (i < f->numbers->len / 2)
        {
          anv_test_date (&day, 2020, 6, 10);
          g_assert_true (anv_referrals_end (f->db, pnr, reasons[i % 3], &day, &f->today,
                                            &error));
        }
      g_assert_no_error (error);
    }
  anv_test_date (&ended_before, 2020, 7, 1);
  g_assert_true (anv_retention_run (f->db, &ended_before, &f->today, &seekers, &referrals,
                                    &error));
  g_assert_no_error (error);
  g_assert_cmpuint (referrals, ==, f->numbers->len / 2);

  /* Back to the version before the breakdowns */
  downgrade = g_strdup_printf ("DROP TABLE summary_part; PRAGMA user_version = %d;",
                               SUMMARY_PART_VERSION - 1);
  g_assert_true (anv_db_exec (f->db, downgrade, &error));
  g_assert_no_error (error);
  g_clear_object (&f->db);
  f->db = anv_schema_open (path, "tester", &error);
  g_assert_no_error (error);
  g_assert_cmpint (anv_db_get_schema_version (f->db), ==, anv_migrations_latest ());

  /* The areas are the summary's municipalities, which count the removed
   * too: only the kept breakdowns are compared with a recount. */
  for (guint d = 0; d < G_N_ELEMENTS (kept_and_area); d++)
    if (kept_and_area[d] != ANV_SUMMARY_BY_AREA)
      {
        assert_parts_add_up (f->db, kept_and_area[d], "2020-03", "2020-09");
        assert_parts_match_recount (f->db, kept_and_area[d], "2020-03", "2020-09", NULL, TRUE);
      }
  /* What retention removed: decided in April, ended in June */
  unknown = read_parts (f->db, ANV_SUMMARY_BY_PROVIDER, "2020-04", "2020-07", NULL, FALSE);
  p = find_part (unknown, ANV_SERVICE_KROM, "2020-04", ANV_SUMMARY_PART_UNKNOWN);
  g_assert_nonnull (p);
  g_assert_cmpuint (p->counts.decided_women + p->counts.decided_men, ==,
                    (f->numbers->len / 2 + 1) / 2);
  g_assert_cmpuint (p->counts.active_end, ==, (f->numbers->len / 2 + 1) / 2);
  g_assert_cmpstr (p->label, ==, "Not known (removed by retention)");
  p = find_part (unknown, ANV_SERVICE_KROM, "2020-06", ANV_SUMMARY_PART_UNKNOWN);
  g_assert_nonnull (p);
  g_assert_cmpuint (p->counts.active_end, ==, 0);
  /* A part is shown in every month of a period in which it counts */
  p = find_part (unknown, ANV_SERVICE_KROM, "2020-07", ANV_SUMMARY_PART_UNKNOWN);
  g_assert_nonnull (p);
  g_assert_cmpuint (p->counts.active_end + p->counts.decided_women + p->counts.decided_men
                    + p->counts.ended_job + p->counts.ended_studies
                    + p->counts.ended_interrupted, ==, 0);

  /* The upkeep goes on: the rest end in August */
  for (guint i = f->numbers->len / 2; i < f->numbers->len; i++)
    {
      anv_test_date (&day, 2020, 8, 3);
      g_assert_true (anv_referrals_end (f->db, g_ptr_array_index (f->numbers, i), "jobb", &day,
                                        &f->today, &error));
      g_assert_no_error (error);
    }
  for (guint d = 0; d < G_N_ELEMENTS (kept_and_area); d++)
    if (kept_and_area[d] != ANV_SUMMARY_BY_AREA)
      assert_parts_add_up (f->db, kept_and_area[d], "2020-03", "2020-09");
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  anv_i18n_init ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/summary-parts/age-groups", test_age_groups);
  g_test_add ("/summary-parts/moves", Fixture, NULL, fixture_set_up, test_moves,
              fixture_tear_down);
  g_test_add ("/summary-parts/random", Fixture, GUINT_TO_POINTER (60), fixture_set_up,
              test_random, fixture_tear_down);
  g_test_add ("/summary-parts/migration", Fixture, GUINT_TO_POINTER (12), fixture_set_up,
              test_migration, fixture_tear_down);
  return g_test_run ();
}
