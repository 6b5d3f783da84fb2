/* test-publish.c — closed months, their revisions and the suppression of small counts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>
#include <string.h>

#include "anv-audit.h"
#include "anv-date.h"
#include "anv-publish.h"
#include "anv-referrals.h"
#include "anv-schema.h"
#include "anv-seekers.h"
#include "anv-summary.h"
#include "anv-test-util.h"

/* The schema version of the step that brought publishing (renumbered at a
 * merge, here only). */
#define SCHEMA_PUBLISH 11

#define KROM_UMEA "2021002114"
#define UMEA      "2480"
#define VINDELN "2404"

typedef struct
{
  char      *dir;
  AnvDb     *db;
  GDate      today;
  GPtrArray *numbers;   /* Skatteverket test personnummer, 12 digits */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->db = anv_test_open_db (&f->dir);
  anv_test_date (&f->today, 2022, 1, 15);
  f->numbers = anv_test_load_personnummer ("1960", "2000", TRUE, 6);
  anv_test_approve_krom_provider (f->db);

  for (guint i = 0; i < f->numbers->len; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (AnvSeeker) seeker = NULL;
      AnvSeekerInput input = { g_ptr_array_index (f->numbers, i), "Test Testsson",
                               i < 4 ? UMEA : VINDELN, NULL, FALSE };

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

#define PNR(f, i) ((const char *) g_ptr_array_index ((f)->numbers, (i)))

static AnvReferral *
decide (Fixture    *f,
        guint       seeker,
        const char *date)
{
  g_autoptr (GError) error = NULL;
  AnvReferralInput input = { 0 };
  AnvReferral *referral;
  GDate decided;

  g_assert_true (anv_date_parse (date, &decided, NULL));
  input.personnummer = PNR (f, seeker);
  input.service = ANV_SERVICE_KROM;
  input.provider_orgnr = KROM_UMEA;
  input.level = "A";
  input.choice = ANV_CHOICE_OWN;
  input.outside_area = seeker >= 4;
  input.decided_on = &decided;
  referral = anv_referrals_decide (f->db, &input, &f->today, &error);
  g_assert_no_error (error);
  return referral;
}

static gboolean
is_female (const char *pnr)
{
  return (pnr[10] - '0') % 2 == 0;
}

static void
close_month (Fixture    *f,
             const char *month)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (anv_publish_close_month (f->db, month, "Månadsrapport", &f->today, &error));
  g_assert_no_error (error);
}

/* The KROM line of @code in @month, from @rows. */
static const AnvSummaryRow *
find_row (GArray     *rows,
          const char *month,
          const char *code)
{
  for (guint i = 0; i < rows->len; i++)
    {
      const AnvSummaryRow *row = &g_array_index (rows, AnvSummaryRow, i);

      if (row->service == ANV_SERVICE_KROM && row->level == ANV_SUMMARY_MUNICIPALITY
          && strcmp (row->month, month) == 0 && strcmp (row->code, code) == 0)
        return row;
    }
  g_assert_not_reached ();
  return NULL;
}

static GArray *
read_krom (Fixture    *f,
           const char *month,
           gboolean    published)
{
  g_autoptr (GError) error = NULL;
  AnvSummaryQuery query = { month, month, ANV_SERVICE_KROM, "24" };
  GArray *rows = published ? anv_publish_read (f->db, &query, &error)
                           : anv_summary_read (f->db, &query, &error);

  g_assert_no_error (error);
  return rows;
}

static GPtrArray *
revisions (Fixture    *f,
           const char *month)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *list = anv_publish_revisions (f->db, month, &error);

  g_assert_no_error (error);
  return list;
}

/* The revision of @column in @code, or NULL. */
static const AnvSummaryRevision *
find_revision (GPtrArray  *list,
               const char *code,
               const char *column)
{
  for (guint i = 0; i < list->len; i++)
    {
      const AnvSummaryRevision *r = g_ptr_array_index (list, i);

      if (strcmp (r->municipality_code, code) == 0 && strcmp (r->column, column) == 0)
        return r;
    }
  return NULL;
}

static void
test_migration (Fixture       *f,
                gconstpointer  data)
{
  /* Each engine's own catalogue of tables. */
  const char *sql = anv_test_on_server ()
    ? "SELECT count (*) FROM information_schema.tables WHERE table_schema = current_schema () "
      "AND table_name IN ('published_month', 'published_summary', 'summary_revision', "
      "'summary_touched')"
    : "SELECT count (*) FROM sqlite_master WHERE name IN ('published_month', "
      "'published_summary', 'summary_revision', 'summary_touched')";

  g_assert_cmpint (anv_schema_latest_version (), >=, SCHEMA_PUBLISH);
  g_assert_cmpint (anv_test_query_int (f->db, sql, NULL, 0), ==, 4);
}

static void
test_close (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) months = NULL;
  g_autoptr (GPtrArray) audit = NULL;
  g_autoptr (AnvReferral) a = decide (f, 0, "2020-04-06");
  g_autoptr (AnvReferral) b = decide (f, 1, "2020-04-14");
  const AnvPublishedMonth *m;
  GDate april;

  close_month (f, "2020-04");
  months = anv_publish_list (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (months->len, ==, 1);
  m = g_ptr_array_index (months, 0);
  g_assert_cmpstr (m->month, ==, "2020-04");
  g_assert_cmpstr (m->closed_by, ==, anv_db_get_user (f->db));
  g_assert_cmpstr (m->note, ==, "Månadsrapport");
  g_assert_cmpuint (m->revisions, ==, 0);
  /* Every municipality of the month, both services */
  g_assert_cmpint (anv_test_query_int (f->db, "SELECT count (*) FROM published_summary "
                                       "WHERE month = ?1", "2020-04", 0), ==, 2 * 290);
  g_assert_cmpint (anv_test_query_int (f->db, "SELECT decided_women + decided_men FROM "
                                       "published_summary WHERE month = ?1 AND service = 'KROM' "
                                       "AND municipality_code = '2480'", "2020-04", 0), ==, 2);

  audit = anv_audit_list (f->db, NULL, NULL, NULL, 1, &error);
  g_assert_cmpstr (((AnvAuditEntry *) g_ptr_array_index (audit, 0))->action, ==,
                   "summary.close");
  g_assert_cmpstr (((AnvAuditEntry *) g_ptr_array_index (audit, 0))->details, ==,
                   "2020-04: Månadsrapport");

  /* Twice: refused, saying when and by whom */
  g_assert_false (anv_publish_close_month (f->db, "2020-04", NULL, &f->today, &error));
  g_assert_error (error, ANV_PUBLISH_ERROR, ANV_PUBLISH_ERROR_CLOSED);
  g_assert_nonnull (strstr (error->message, anv_db_get_user (f->db)));
  g_clear_error (&error);

  /* Not ended: the month of today, or later */
  g_assert_false (anv_publish_close_month (f->db, "2022-01", NULL, &f->today, &error));
  g_assert_error (error, ANV_PUBLISH_ERROR, ANV_PUBLISH_ERROR_NOT_ENDED);
  g_clear_error (&error);
  anv_test_date (&april, 2020, 4, 30);
  g_assert_false (anv_publish_close_month (f->db, "2020-04", NULL, &april, &error));
  g_assert_error (error, ANV_PUBLISH_ERROR, ANV_PUBLISH_ERROR_NOT_ENDED);
  g_clear_error (&error);

  /* Before either service began (STOM, from 2014-12-01) */
  g_assert_false (anv_publish_close_month (f->db, "1999-01", NULL, &f->today, &error));
  g_assert_error (error, ANV_PUBLISH_ERROR, ANV_PUBLISH_ERROR_TOO_EARLY);
  g_assert_nonnull (strstr (error->message, "Choose 2014-12 or a later month"));
  g_clear_error (&error);
  g_assert_false (anv_publish_close_month (f->db, "2014-11", NULL, &f->today, &error));
  g_assert_error (error, ANV_PUBLISH_ERROR, ANV_PUBLISH_ERROR_TOO_EARLY);
  g_clear_error (&error);
  close_month (f, "2014-12");

  /* Not a month; a note of two lines */
  g_assert_false (anv_publish_close_month (f->db, "2020-13", NULL, &f->today, &error));
  g_assert_error (error, ANV_PUBLISH_ERROR, ANV_PUBLISH_ERROR_MONTH);
  g_clear_error (&error);
  g_assert_false (anv_publish_close_month (f->db, "2020-03", "a\nb", &f->today, &error));
  g_assert_error (error, ANV_PUBLISH_ERROR, ANV_PUBLISH_ERROR_NOTE);
  g_clear_error (&error);

  /* Any ended month, in any order */
  close_month (f, "2020-03");
  g_clear_pointer (&months, g_ptr_array_unref);
  months = anv_publish_list (f->db, &error);
  g_assert_cmpuint (months->len, ==, 3);

  /* Closing changed no figure */
  anv_test_assert_summary_matches_recount (f->db, "2020-03", "2020-06", "24");
}

/* A correction that takes a decision out of a closed month (annulled): a revision
 * with who, when and why; the published figures stay. */
static void
test_revision_by_correction (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvReferral) a = decide (f, 0, "2020-04-06");
  g_autoptr (AnvReferral) b = decide (f, 1, "2020-04-14");
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (GArray) published = NULL;
  g_autoptr (GArray) live = NULL;
  g_autofree char *line = NULL;
  const char *column = is_female (PNR (f, 0)) ? "decided_women" : "decided_men";
  const AnvSummaryRevision *r;
  const AnvSummaryRow *row;
  gboolean ok;

  close_month (f, "2020-04");
  ok = anv_referrals_correct (f->db, a->id, "annulled", "1", "registrerad av misstag", &error);
  g_assert_no_error (error);
  g_assert_true (ok);

  list = revisions (f, "2020-04");
  r = find_revision (list, UMEA, column);
  g_assert_nonnull (r);
  g_assert_cmpstr (r->month, ==, "2020-04");
  g_assert_cmpint (r->service, ==, ANV_SERVICE_KROM);
  g_assert_cmpuint (r->new_value, ==, r->old_value - 1);
  g_assert_cmpstr (r->actor, ==, anv_db_get_user (f->db));
  g_assert_cmpstr (r->action, ==, "referral.correct");
  g_assert_cmpstr (r->reason, ==, "registrerad av misstag");
  g_assert_cmpint (r->audit_id, >, 0);
  /* The one referral active at April's end is gone from it too */
  g_assert_nonnull (find_revision (list, UMEA, "active_end"));
  /* and so are the published figures that follow from those kept: the
   * total referred, the active of her sex, the waiting */
  r = find_revision (list, UMEA, "decided");
  g_assert_nonnull (r);
  g_assert_cmpuint (r->old_value, ==, 2);
  g_assert_cmpuint (r->new_value, ==, 1);
  line = anv_publish_describe_revision (f->db, r);
  g_assert_nonnull (strstr (line, "referred in total 2 → 1"));
  g_clear_pointer (&line, g_free);
  g_assert_nonnull (find_revision (list, UMEA, is_female (PNR (f, 0)) ? "active_women"
                                                                      : "active_men"));
  g_assert_null (find_revision (list, UMEA, is_female (PNR (f, 0)) ? "active_men"
                                                                   : "active_women"));
  r = find_revision (list, UMEA, "waiting");
  g_assert_nonnull (r);
  g_assert_cmpuint (r->old_value, ==, 2);
  g_assert_cmpuint (r->new_value, ==, 1);
  g_assert_null (find_revision (list, UMEA, "participating"));
  r = find_revision (list, UMEA, column);

  line = anv_publish_describe_revision (f->db, r);
  g_assert_nonnull (strstr (line, "2020-04 KROM Umeå: "));
  g_assert_nonnull (strstr (line, "registrerad av misstag"));

  /* The month as published keeps its figures; the summary has the truth */
  published = read_krom (f, "2020-04", TRUE);
  live = read_krom (f, "2020-04", FALSE);
  row = find_row (published, "2020-04", UMEA);
  g_assert_cmpuint (row->decided_women + row->decided_men, ==, 2);
  row = find_row (live, "2020-04", UMEA);
  g_assert_cmpuint (row->decided_women + row->decided_men, ==, 1);
  /* The county line of a closed month: the sum of the published */
  for (guint i = 0; i < published->len; i++)
    {
      const AnvSummaryRow *c = &g_array_index (published, AnvSummaryRow, i);

      if (c->level == ANV_SUMMARY_COUNTY)
        g_assert_cmpuint (c->decided_women + c->decided_men, ==, 2);
    }
  g_assert_cmpint (anv_test_query_int (f->db, "SELECT decided_women + decided_men FROM "
                                       "published_summary WHERE month = ?1 AND service = 'KROM' "
                                       "AND municipality_code = '2480'", "2020-04", 0), ==, 2);
  /* Nothing is left for the next write to claim */
  g_assert_cmpint (anv_test_query_int (f->db, "SELECT count (*) FROM summary_touched",
                                       NULL, 0), ==, 0);
  anv_test_assert_summary_matches_recount (f->db, "2020-03", "2020-06", "24");
}

/* A decision recorded late, in a closed month, where the month had no
 * activity at all; and one in the month before a closed month, which
 * changes only the active at its end. */
static void
test_revision_by_late_event (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (AnvReferral) a = NULL;
  g_autoptr (AnvReferral) b = NULL;
  const AnvSummaryRevision *r;

  close_month (f, "2020-05");
  close_month (f, "2020-06");
  a = decide (f, 4, "2020-05-20");   /* Vindeln: no row before */
  list = revisions (f, NULL);
  r = find_revision (list, VINDELN, is_female (PNR (f, 4)) ? "decided_women"
                                                                : "decided_men");
  g_assert_nonnull (r);
  g_assert_cmpstr (r->month, ==, "2020-05");
  g_assert_cmpuint (r->old_value, ==, 0);
  g_assert_cmpuint (r->new_value, ==, 1);
  g_assert_cmpstr (r->action, ==, "referral.decide");
  g_assert_null (r->reason);
  /* May: decided, active and waiting (of their sex), and what follows:
   * referred in total, active of their sex, waiting; June, carried: the
   * active and the waiting, and the active of their sex, the waiting */
  g_assert_cmpuint (list->len, ==, 6 + 4);
  g_assert_nonnull (find_revision (list, VINDELN, "decided"));
  g_assert_nonnull (find_revision (list, VINDELN, "waiting"));
  g_clear_pointer (&list, g_ptr_array_unref);

  b = decide (f, 0, "2020-04-20");   /* Umeå, April: open */
  list = revisions (f, "2020-06");
  r = find_revision (list, UMEA, "active_end");
  g_assert_nonnull (r);
  g_assert_cmpuint (r->old_value, ==, 0);
  g_assert_cmpuint (r->new_value, ==, 1);
  g_assert_null (find_revision (list, UMEA, "decided_women"));
  g_assert_null (find_revision (list, UMEA, "decided_men"));
  anv_test_assert_summary_matches_recount (f->db, "2020-03", "2020-07", "24");
}

/* No revision when no published figure changes: a write elsewhere, or a
 * correction that changes nothing the summary counts. */
static void
test_no_change (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (AnvReferral) a = decide (f, 0, "2020-04-06");
  g_autoptr (AnvReferral) b = NULL;

  close_month (f, "2020-03");
  close_month (f, "2020-04");
  g_assert_true (anv_referrals_correct (f->db, a->id, "level", "B", "fel nivå", &error));
  g_assert_no_error (error);
  b = decide (f, 1, "2020-07-01");
  list = revisions (f, NULL);
  g_assert_cmpuint (list->len, ==, 0);
  g_assert_cmpint (anv_test_query_int (f->db, "SELECT count (*) FROM summary_touched",
                                       NULL, 0), ==, 0);
}

/* A recount drops the rows a closed month kept; a change found then is a
 * revision, and the month keeps its rows again. */
static void
test_rebuild (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (AnvReferral) a = decide (f, 0, "2020-04-06");

  close_month (f, "2020-05");
  g_assert_true (anv_summary_rebuild (f->db, &error));
  g_assert_no_error (error);
  list = revisions (f, NULL);
  g_assert_cmpuint (list->len, ==, 0);
  g_assert_cmpint (anv_test_query_int (f->db, "SELECT count (*) FROM summary WHERE month = ?1",
                                       "2020-05", 0), ==, 2 * 290);
}

static void
test_suppress (void)
{
  static const struct
  {
    guint    parts[3];
    guint    n;
    guint    threshold;
    gboolean masked[3];
  } cases[] = {
    { { 3, 10 }, 2, 5, { TRUE, TRUE } },        /* one small: the other follows from the total */
    { { 0, 10 }, 2, 5, { FALSE, FALSE } },      /* zero is shown */
    { { 5, 6 }, 2, 5, { FALSE, FALSE } },
    { { 4, 0 }, 2, 5, { TRUE, TRUE } },         /* "all four were women" is not told either */
    { { 1, 1 }, 2, 2, { TRUE, TRUE } },
    { { 1, 1 }, 2, 1, { FALSE, FALSE } },       /* threshold 1: nothing suppressed */
    { { ANV_SUMMARY_UNKNOWN, ANV_SUMMARY_UNKNOWN }, 2, 5, { FALSE, FALSE } },
    { { 2, 9, 7 }, 3, 5, { TRUE, FALSE, TRUE } },  /* age groups: the smallest other too */
    { { 2, 3, 7 }, 3, 5, { TRUE, TRUE, FALSE } },
    { { 20, 30, 40 }, 3, 5, { FALSE, FALSE, FALSE } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gboolean masked[3] = { FALSE, FALSE, FALSE };
      gboolean any = anv_publish_suppress (cases[i].parts, masked, cases[i].n,
                                           cases[i].threshold);

      g_test_message ("case %u", i);
      for (guint j = 0; j < cases[i].n; j++)
        g_assert_cmpint (masked[j], ==, cases[i].masked[j]);
      g_assert_cmpint (any, ==, cases[i].masked[0] || cases[i].masked[1]
                                || cases[i].masked[2]);
    }
}

static AnvSummaryRow
line (AnvSummaryLevel level,
      const char     *code,
      guint           decided_women,
      guint           decided_men,
      guint           participating_women,
      guint           participating_men,
      guint           waiting_women,
      guint           waiting_men)
{
  AnvSummaryRow row = { 0 };

  row.level = level;
  g_strlcpy (row.code, code, sizeof row.code);
  g_strlcpy (row.month, "2020-04", sizeof row.month);
  row.service = ANV_SERVICE_KROM;
  row.decided_women = decided_women;
  row.decided_men = decided_men;
  row.participating_women = participating_women;
  row.participating_men = participating_men;
  row.waiting_women = waiting_women;
  row.waiting_men = waiting_men;
  row.participating = participating_women + participating_men;
  row.waiting = waiting_women + waiting_men;
  row.active_women = participating_women + waiting_women;
  row.active_men = participating_men + waiting_men;
  row.active_end = row.participating + row.waiting;
  return row;
}

/* Complementary suppression: a municipality's suppressed split does not
 * follow from its county's line, nor a county's from the national line. */
static void
test_suppress_rows (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) rows = g_array_new (FALSE, TRUE, sizeof (AnvSummaryRow));
  g_autofree AnvPublishMask *masks = NULL;
  AnvSummaryRow r;
  enum { STOCKHOLM, OSKARSHAMN, VINDELN_ROW, MALA, VANNAS, UMEA_ROW, C01, C08, C24, COUNTRY };

#define ADD_LINE(...) (r = line (__VA_ARGS__), g_array_append_val (rows, r))
  ADD_LINE (ANV_SUMMARY_MUNICIPALITY, "0180", 10, 10, 10, 10, 0, 0);
  ADD_LINE (ANV_SUMMARY_MUNICIPALITY, "0882", 1, 0, 0, 0, 0, 0);   /* alone in its county */
  ADD_LINE (ANV_SUMMARY_MUNICIPALITY, VINDELN, 5, 6, 5, 5, 5, 5);
  ADD_LINE (ANV_SUMMARY_MUNICIPALITY, "2418", 0, 0, 0, 0, 0, 0);   /* zeros are exact */
  ADD_LINE (ANV_SUMMARY_MUNICIPALITY, "2460", 20, 20, 3, 3, 0, 0);
  ADD_LINE (ANV_SUMMARY_MUNICIPALITY, UMEA, 2, 10, 1, 5, 3, 3);
  ADD_LINE (ANV_SUMMARY_COUNTY, "01", 10, 10, 10, 10, 0, 0);
  ADD_LINE (ANV_SUMMARY_COUNTY, "08", 1, 0, 0, 0, 0, 0);
  ADD_LINE (ANV_SUMMARY_COUNTY, "24", 27, 36, 9, 13, 8, 8);
  ADD_LINE (ANV_SUMMARY_NATIONAL, "", 38, 46, 19, 23, 8, 8);
#undef ADD_LINE

  masks = anv_publish_suppress_rows (f->db, rows, 5, &error);
  g_assert_no_error (error);
  /* Umeå's referred 2 of 12 women: Vindeln's too (11, the smallest
   * non-zero total of Västerbotten's others), not Malå's zeros nor
   * Vännäs' 40; the county's line stays. */
  g_assert_true (anv_test_masked_group (masks[UMEA_ROW], ANV_PUBLISH_SPLIT_DECIDED));
  g_assert_true (anv_test_masked_group (masks[VINDELN_ROW], ANV_PUBLISH_SPLIT_DECIDED));
  g_assert_false (anv_test_masked_group (masks[MALA], ANV_PUBLISH_SPLIT_DECIDED));
  g_assert_false (anv_test_masked_group (masks[VANNAS], ANV_PUBLISH_SPLIT_DECIDED));
  g_assert_false (anv_test_masked_group (masks[C24], ANV_PUBLISH_SPLIT_DECIDED));
  /* Umeå's active (taking part 1 of 6): Vännäs' 6 active go with it, all
   * three splits; Vindeln's 20 not. */
  for (guint s = ANV_PUBLISH_SPLIT_ACTIVE; s <= ANV_PUBLISH_SPLIT_WAITING; s++)
    {
      g_assert_true (masks[UMEA_ROW][s][0] && masks[UMEA_ROW][s][1]);
      g_assert_true (masks[VANNAS][s][0] && masks[VANNAS][s][1]);
      g_assert_false (anv_test_masked_group (masks[VINDELN_ROW], s));
      g_assert_false (anv_test_masked_group (masks[C24], s));
      g_assert_false (anv_test_masked_group (masks[COUNTRY], s));
    }
  /* Oskarshamn alone in Kalmar län: the county's line, and then the
   * national line. */
  g_assert_true (anv_test_masked_group (masks[OSKARSHAMN], ANV_PUBLISH_SPLIT_DECIDED));
  g_assert_true (anv_test_masked_group (masks[C08], ANV_PUBLISH_SPLIT_DECIDED));
  g_assert_true (anv_test_masked_group (masks[COUNTRY], ANV_PUBLISH_SPLIT_DECIDED));
  g_assert_false (anv_test_masked_group (masks[STOCKHOLM], ANV_PUBLISH_SPLIT_DECIDED));
  g_assert_false (anv_test_masked_group (masks[C01], ANV_PUBLISH_SPLIT_DECIDED));
  anv_test_assert_nothing_follows (f->db, rows, masks);
}

static void
test_threshold (void)
{
  static const char *const bad[] = { "0", "abc", "101", "", "-1", "5x", " 5", "1e2" };
  guint value = 0;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_false (anv_publish_parse_threshold (bad[i], &value, &error));
      g_assert_error (error, ANV_PUBLISH_ERROR, ANV_PUBLISH_ERROR_THRESHOLD);
      g_assert_nonnull (strstr (error->message, "1 to 100"));
    }
  g_assert_true (anv_publish_parse_threshold ("5", &value, NULL));
  g_assert_cmpuint (value, ==, 5);
  g_assert_true (anv_publish_parse_threshold ("100", &value, NULL));
  g_assert_cmpuint (value, ==, 100);
  g_assert_true (anv_publish_parse_threshold ("1", &value, NULL));
  g_assert_cmpuint (value, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/publish/migration", test_migration);
  ADD ("/publish/close", test_close);
  ADD ("/publish/revision/correction", test_revision_by_correction);
  ADD ("/publish/revision/late-event", test_revision_by_late_event);
  ADD ("/publish/revision/none", test_no_change);
  ADD ("/publish/revision/rebuild", test_rebuild);
  ADD ("/publish/suppress-rows", test_suppress_rows);
#undef ADD
  g_test_add_func ("/publish/suppress", test_suppress);
  g_test_add_func ("/publish/threshold", test_threshold);
  return g_test_run ();
}
