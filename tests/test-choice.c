/* test-choice.c — a referral decided before the job seeker chose, the choice, the default
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "anv-approvals.h"
#include "anv-date.h"
#include "anv-db-private.h"
#include "anv-delivery-areas.h"
#include "anv-export.h"
#include "anv-migrations.h"
#include "anv-providers.h"
#include "anv-referrals.h"
#include "anv-schema.h"
#include "anv-seekers.h"
#include "anv-summary.h"
#include "anv-test-util.h"
#include "anv-worklist.h"

/* The schema version of the step that brought the choice deadline: one
 * place, so that it can be renumbered when steps are merged. */
#define CHOICE_SCHEMA_VERSION 12

/* Legal entities' numbers (not personal data). */
#define KROM_UMEA      "2021002114"
#define KROM_UMEA_2    "5560000001"
#define STOM_STHLM     "2021005448"

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
              const char         *area,
              AnvService          service,
              const char * const *codes)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvProvider) provider = anv_providers_add (f->db, orgnr, name, codes[0], &f->today,
                                                       &error);
  GDate from;

  g_assert_no_error (error);
  if (area != NULL)
    {
      anv_areas_add (f->db, area, service, codes, &error);
      g_assert_no_error (error);
    }
  anv_test_date (&from, 2014, 1, 1);
  anv_providers_approve (f->db, orgnr, area != NULL ? area : "Umeåregionen", &from, NULL,
                         &f->today, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  static const char *const north[] = { "2480", "2482", NULL };
  static const char *const capital[] = { "0180", NULL };
  guint n = GPOINTER_TO_UINT (data) ? GPOINTER_TO_UINT (data) : 6;

  f->db = anv_test_open_db (&f->dir);
  anv_test_date (&f->today, 2022, 1, 15);
  f->numbers = anv_test_load_personnummer ("1960", "2000", TRUE, n);

  add_provider (f, KROM_UMEA, "Rusta Norr AB", "Umeåregionen", ANV_SERVICE_KROM, north);
  add_provider (f, KROM_UMEA_2, "Umeå Matchning AB", NULL, ANV_SERVICE_KROM, north);
  add_provider (f, STOM_STHLM, "Matchning Syd AB", "Storstad", ANV_SERVICE_STOM, capital);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (AnvSeeker) seeker = NULL;
      AnvSeekerInput input = { g_ptr_array_index (f->numbers, i), "Test Testsson", "2480", NULL,
                               FALSE };

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
decide_pending (Fixture     *f,
                const char  *pnr,
                const char  *date,
                GError     **error)
{
  AnvReferralInput input = { 0 };
  GDate decided;

  g_assert_true (anv_date_parse (date, &decided, NULL));
  input.personnummer = pnr;
  input.service = ANV_SERVICE_NONE;
  input.level = "B";
  input.choice = ANV_CHOICE_PENDING;
  input.decided_on = &decided;
  return anv_referrals_decide (f->db, &input, &f->today, error);
}

static GDate *
day (const char *text)
{
  static GDate date;

  g_assert_true (anv_date_parse (text, &date, NULL));
  return &date;
}

static gint64
count_audit (Fixture    *f,
             const char *action)
{
  return anv_test_query_int (f->db, "SELECT count(*) FROM audit_log WHERE action = ?1", action,
                             0);
}

static void
assert_summary_kept (Fixture *f)
{
  anv_test_assert_summary_matches_recount (f->db, "2020-08", "2021-03", NULL);
  /* A choice or default moves the referral from "no provider yet" to its
   * provider in the breakdown */
  anv_test_assert_parts_match_recount (f->db, "2020-08", "2021-03", NULL);
}

static GArray *
read_summary (Fixture *f)
{
  AnvSummaryQuery query = { "2020-09", "2020-10", ANV_SERVICE_KROM, NULL };
  g_autoptr (GError) error = NULL;
  GArray *rows = anv_summary_read (f->db, &query, &error);

  g_assert_no_error (error);
  return rows;
}

static const AnvSummaryRow *
umea_september (GArray *rows)
{
  for (guint i = 0; i < rows->len; i++)
    {
      const AnvSummaryRow *row = &g_array_index (rows, AnvSummaryRow, i);

      if (row->level == ANV_SUMMARY_MUNICIPALITY && strcmp (row->code, "2480") == 0
          && strcmp (row->month, "2020-09") == 0)
        return row;
    }
  g_assert_not_reached ();
  return NULL;
}

static void
assert_same_summary (GArray *a,
                     GArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  g_assert_cmpmem (a->data, a->len * sizeof (AnvSummaryRow), b->data,
                   b->len * sizeof (AnvSummaryRow));
}

/* Decided without a provider: waiting for the choice until ten working
 * days after the decision; counted as decided and waiting for the start;
 * no start, no change of provider until the choice; the choice within the
 * deadline is the job seeker's own and leaves the summary as it was. */
static void
test_pending_decide (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvReferral) r = NULL;
  g_autoptr (AnvReferral) chosen = NULL;
  g_autoptr (GArray) before = NULL;
  g_autoptr (GArray) after = NULL;
  AnvReferralInput with_provider = { 0 };
  const AnvReferralProvider *provider;

  r = decide_pending (f, PNR (f, 0), "2020-09-01", &error);
  g_assert_no_error (error);
  g_assert_cmpint (r->choice, ==, ANV_CHOICE_PENDING);
  g_assert_cmpstr (r->choice_deadline, ==, "2020-09-15");
  g_assert_null (r->chosen_on);
  g_assert_cmpuint (r->providers->len, ==, 0);
  g_assert_cmpint (anv_referral_allowed_events (r), ==,
                   ANV_REFERRAL_EVENT_CHOOSE | ANV_REFERRAL_EVENT_END
                   | ANV_REFERRAL_EVENT_EXTEND);
  g_assert_cmpint (anv_test_query_int (f->db, "SELECT count(*) FROM audit_log "
                                              "WHERE action = 'referral.decide' AND details = "
                                              "'KROM 2020-09-01 level B awaiting choice until "
                                              "2020-09-15'", NULL, 0), ==, 1);

  /* Counted as every referral: decided, waiting for its start */
  before = read_summary (f);
  g_assert_cmpuint (umea_september (before)->decided_women
                    + umea_september (before)->decided_men, ==, 1);
  g_assert_cmpuint (umea_september (before)->waiting, ==, 1);
  assert_summary_kept (f);

  /* No start, no change of provider, no start by correction */
  g_assert_false (anv_referrals_start (f->db, PNR (f, 0), day ("2020-09-16"), &f->today,
                                       &error));
  g_assert_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_CHOICE);
  g_assert_nonnull (strstr (error->message, "2020-09-15"));
  g_clear_error (&error);
  g_assert_false (anv_referrals_change_provider (f->db, PNR (f, 0), KROM_UMEA, FALSE,
                                                 day ("2020-09-03"), &f->today, &error));
  g_assert_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_CHOICE);
  g_clear_error (&error);
  g_assert_false (anv_referrals_correct (f->db, r->id, "started_on", "2020-09-16", "Fel",
                                         &error));
  g_assert_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_CHOICE);
  g_clear_error (&error);

  /* A corrected decision day moves the deadline with it */
  g_assert_true (anv_referrals_correct (f->db, r->id, "decided_on", "2020-08-31", "Fel dag",
                                        &error));
  g_assert_no_error (error);
  {
    g_autoptr (AnvReferral) corrected = anv_referrals_get (f->db, r->id, &error);

    g_assert_cmpstr (corrected->choice_deadline, ==, "2020-09-14");
  }
  g_assert_true (anv_referrals_correct (f->db, r->id, "decided_on", "2020-09-01", "Rätt dag",
                                        &error));
  g_assert_no_error (error);
  assert_summary_kept (f);

  /* A provider with a pending decision is refused */
  with_provider.personnummer = PNR (f, 1);
  with_provider.level = "A";
  with_provider.provider_orgnr = KROM_UMEA;
  with_provider.choice = ANV_CHOICE_PENDING;
  with_provider.decided_on = day ("2020-09-01");
  g_assert_null (anv_referrals_decide (f->db, &with_provider, &f->today, &error));
  g_assert_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_CHOICE);
  g_clear_error (&error);

  /* The choice, within the deadline: a provider not approved there is
   * refused, as at a decision */
  g_assert_false (anv_referrals_choose (f->db, r->id, STOM_STHLM, FALSE, day ("2020-09-10"),
                                        &f->today, &error));
  g_assert_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_PROVIDER);
  g_clear_error (&error);
  g_assert_false (anv_referrals_choose (f->db, r->id, KROM_UMEA, FALSE, day ("2020-08-31"),
                                        &f->today, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_true (anv_referrals_choose (f->db, r->id, KROM_UMEA, FALSE, day ("2020-09-10"),
                                       &f->today, &error));
  g_assert_no_error (error);
  chosen = anv_referrals_get (f->db, r->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (chosen->choice, ==, ANV_CHOICE_OWN);
  g_assert_cmpstr (chosen->chosen_on, ==, "2020-09-10");
  g_assert_cmpstr (chosen->choice_deadline, ==, "2020-09-15");
  g_assert_cmpuint (chosen->providers->len, ==, 1);
  provider = anv_referral_current_provider (chosen);
  g_assert_cmpstr (provider->orgnr, ==, KROM_UMEA);
  g_assert_cmpstr (provider->from_date, ==, "2020-09-10");
  g_assert_cmpint (count_audit (f, "referral.choose"), ==, 1);

  /* The summary does not depend on the provider */
  after = read_summary (f);
  assert_same_summary (before, after);
  assert_summary_kept (f);

  /* Chosen: the start may come, the choice is not made twice */
  g_assert_true (anv_referrals_start (f->db, PNR (f, 0), day ("2020-09-21"), &f->today,
                                      &error));
  g_assert_no_error (error);
  g_assert_false (anv_referrals_choose (f->db, r->id, KROM_UMEA_2, FALSE, day ("2020-09-22"),
                                        &f->today, &error));
  g_assert_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_CHOICE);
  g_assert_nonnull (strstr (error->message, "2020-09-10"));
  g_clear_error (&error);
  assert_summary_kept (f);

  /* A choice on the decision day leaves the planned start where it was;
   * the provider breakdown still moves the referral to its provider */
  {
    g_autoptr (AnvReferral) same_day = decide_pending (f, PNR (f, 1), "2020-09-01", &error);
    g_autoptr (AnvReferral) chosen_same_day = NULL;

    g_assert_no_error (error);
    g_assert_true (anv_referrals_choose (f->db, same_day->id, KROM_UMEA, FALSE,
                                         day ("2020-09-01"), &f->today, &error));
    g_assert_no_error (error);
    chosen_same_day = anv_referrals_get (f->db, same_day->id, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (chosen_same_day->planned_start, ==, same_day->planned_start);
    assert_summary_kept (f);
  }
}

/* After the deadline, before a default: still the job seeker's own
 * choice. The default only after the deadline; not twice; an end while
 * waiting is allowed, and then nothing more is chosen. */
static void
test_after_deadline (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvReferral) late = NULL;
  g_autoptr (AnvReferral) late_read = NULL;
  g_autoptr (AnvReferral) waiting = NULL;
  g_autoptr (AnvReferral) defaulted = NULL;
  g_autoptr (AnvReferral) ends = NULL;
  g_autofree char *orgnr = NULL;

  late = decide_pending (f, PNR (f, 0), "2020-09-01", &error);
  g_assert_no_error (error);
  g_assert_true (anv_referrals_choose (f->db, late->id, KROM_UMEA_2, FALSE,
                                       day ("2020-09-22"), &f->today, &error));
  g_assert_no_error (error);
  late_read = anv_referrals_get (f->db, late->id, &error);
  g_assert_cmpint (late_read->choice, ==, ANV_CHOICE_OWN);
  g_assert_cmpint (anv_test_query_int (f->db, "SELECT count(*) FROM audit_log WHERE action = "
                                              "'referral.choose' AND details LIKE "
                                              "'%after deadline%'", NULL, 0), ==, 1);

  waiting = decide_pending (f, PNR (f, 1), "2020-09-01", &error);
  g_assert_no_error (error);
  /* On the deadline the job seeker may still choose */
  g_assert_false (anv_referrals_assign_default (f->db, waiting->id, day ("2020-09-15"),
                                                &f->today, NULL, &error));
  g_assert_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_CHOICE);
  g_assert_nonnull (strstr (error->message, "2020-09-16"));
  g_clear_error (&error);
  g_assert_true (anv_referrals_assign_default (f->db, waiting->id, day ("2020-09-16"),
                                               &f->today, &orgnr, &error));
  g_assert_no_error (error);
  defaulted = anv_referrals_get (f->db, waiting->id, &error);
  g_assert_cmpint (defaulted->choice, ==, ANV_CHOICE_DEFAULT);
  g_assert_cmpstr (anv_referral_current_provider (defaulted)->orgnr, ==, orgnr);
  g_assert_cmpstr (anv_referral_current_provider (defaulted)->from_date, ==, "2020-09-16");
  g_assert_cmpint (count_audit (f, "referral.assign_default"), ==, 1);
  /* Counted with the month's defaults */
  g_assert_cmpint (anv_test_query_int (f->db, "SELECT count(*) FROM referral WHERE choice = "
                                              "'default'", NULL, 0), ==, 1);
  g_assert_false (anv_referrals_assign_default (f->db, waiting->id, day ("2020-09-17"),
                                                &f->today, NULL, &error));
  g_assert_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_CHOICE);
  g_clear_error (&error);

  /* Unknown referral; a date in the future */
  g_assert_false (anv_referrals_assign_default (f->db, 999999, day ("2020-09-17"), &f->today,
                                                NULL, &error));
  g_assert_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (anv_referrals_choose (f->db, 999999, KROM_UMEA, FALSE, NULL, &f->today,
                                        &error));
  g_assert_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Ended while waiting (the job seeker got a job first) */
  ends = decide_pending (f, PNR (f, 2), "2020-09-01", &error);
  g_assert_no_error (error);
  g_assert_true (anv_referrals_end (f->db, PNR (f, 2), "sjuk", day ("2020-09-08"), &f->today,
                                    &error));
  g_assert_no_error (error);
  g_assert_false (anv_referrals_choose (f->db, ends->id, KROM_UMEA, FALSE, day ("2020-09-09"),
                                        &f->today, &error));
  g_assert_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_NO_OPEN);
  g_clear_error (&error);
  assert_summary_kept (f);
}

/* Defaults given one at a time in the month after the decisions count
 * in the month they were given: the next one goes to the provider given
 * fewer that month, not always to the same one. */
static void
test_defaults_by_month_given (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  guint first = 0;

  for (guint i = 0; i < 4; i++)
    {
      g_autoptr (AnvReferral) r = decide_pending (f, PNR (f, i), "2020-09-28", &error);
      g_autofree char *orgnr = NULL;

      g_assert_no_error (error);
      /* The deadline is 2020-10-12; given one by one on 2020-10-20 */
      g_assert_true (anv_referrals_assign_default (f->db, r->id, day ("2020-10-20"),
                                                   &f->today, &orgnr, &error));
      g_assert_no_error (error);
      first += g_strcmp0 (orgnr, KROM_UMEA) == 0;
    }
  g_assert_cmpuint (first, ==, 2);
  /* The month of the defaults is October's, when they were given */
  {
    g_autoptr (GPtrArray) shares = anv_providers_default_shares (f->db, "2020-10",
                                                                 ANV_SERVICE_KROM, "2480",
                                                                 &error);
    guint given = 0;

    g_assert_no_error (error);
    for (guint i = 0; i < shares->len; i++)
      given += ((AnvDefaultShare *) g_ptr_array_index (shares, i))->defaults;
    g_assert_cmpuint (given, ==, 4);
  }
  assert_summary_kept (f);
}

/* The batch: every referral whose deadline passed before D, in one
 * transaction, spread over the providers; a dry run writes nothing; the
 * work list shows them until then. */
static void
test_assign_defaults (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) dry = NULL;
  g_autoptr (GPtrArray) done = NULL;
  g_autoptr (AnvWorklist) on_deadline = NULL;
  g_autoptr (AnvWorklist) list = NULL;
  g_autoptr (AnvWorklist) list_after = NULL;
  g_autoptr (GArray) before = NULL;
  g_autoptr (GArray) after = NULL;
  guint first = 0;

  for (guint i = 0; i < 6; i++)
    {
      g_autoptr (AnvReferral) r = decide_pending (f, PNR (f, i), "2020-09-01", &error);

      g_assert_no_error (error);
    }
  /* One more, decided later: its deadline (2020-09-29) has not passed */
  {
    g_autoptr (AnvReferral) r = decide_pending (f, PNR (f, 6), "2020-09-15", &error);

    g_assert_no_error (error);
  }

  /* The work list: not on the deadline, the day after */
  on_deadline = anv_worklist_read (f->db, day ("2020-09-15"), NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (on_deadline->counts[ANV_WORKLIST_CHOICE_DUE], ==, 0);
  list = anv_worklist_read (f->db, day ("2020-09-16"), NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->counts[ANV_WORKLIST_CHOICE_DUE], ==, 6);
  /* Their planned start passed too, but no start can be recorded yet */
  g_assert_cmpuint (list->counts[ANV_WORKLIST_START_OVERDUE], ==, 0);
  g_assert_cmpstr (((AnvWorklistItem *) g_ptr_array_index (
                      list->items[ANV_WORKLIST_CHOICE_DUE], 0))->due_on, ==, "2020-09-15");
  g_assert_cmpint (anv_worklist_category_event (ANV_WORKLIST_CHOICE_DUE), ==,
                   ANV_REFERRAL_EVENT_CHOOSE);
  g_assert_cmpstr (anv_worklist_category_code (ANV_WORKLIST_CHOICE_DUE), ==, "choice-due");

  before = read_summary (f);
  g_assert_true (anv_referrals_assign_defaults (f->db, day ("2020-09-16"), &f->today, TRUE,
                                                &dry, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (dry->len, ==, 6);
  g_assert_cmpint (count_audit (f, "referral.assign_default"), ==, 0);
  g_assert_cmpint (anv_test_query_int (f->db, "SELECT count(*) FROM referral_choice_wait "
                                              "WHERE chosen_on IS NULL", NULL, 0), ==, 7);

  /* Not in the future */
  g_assert_false (anv_referrals_assign_defaults (f->db, day ("2022-01-16"), &f->today, FALSE,
                                                 NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  g_assert_true (anv_referrals_assign_defaults (f->db, day ("2020-09-16"), &f->today, FALSE,
                                                &done, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (done->len, ==, 6);
  for (guint i = 0; i < done->len; i++)
    {
      const AnvChoiceDue *d = g_ptr_array_index (done, i);
      const AnvChoiceDue *planned = g_ptr_array_index (dry, i);

      g_assert_nonnull (d->to_orgnr);
      /* The dry run said what the run did */
      g_assert_cmpstr (d->to_orgnr, ==, planned->to_orgnr);
      first += strcmp (d->to_orgnr, KROM_UMEA) == 0;
    }
  /* Spread: three each, not all to the one with the fewest before */
  g_assert_cmpuint (first, ==, 3);
  g_assert_cmpint (count_audit (f, "referral.assign_default"), ==, 6);
  g_assert_cmpint (anv_test_query_int (f->db, "SELECT count(*) FROM referral_choice_wait "
                                              "WHERE chosen_on IS NULL", NULL, 0), ==, 1);
  g_assert_cmpint (anv_test_query_int (f->db, "SELECT count(*) FROM referral WHERE choice = "
                                              "'default'", NULL, 0), ==, 6);

  list_after = anv_worklist_read (f->db, day ("2020-09-16"), NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list_after->counts[ANV_WORKLIST_CHOICE_DUE], ==, 0);

  after = read_summary (f);
  assert_same_summary (before, after);
  assert_summary_kept (f);
}

/* The provider learns of the referral when the choice or the default is
 * recorded: the planned start moves to the earliest start counted from
 * that day, and the period's last day with it; a later planned start
 * stays. */
static void
test_planned_start_moves (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvReferral) chosen = NULL;
  g_autoptr (AnvReferral) chosen_read = NULL;
  g_autoptr (AnvReferral) waiting = NULL;
  g_autoptr (AnvReferral) defaulted = NULL;
  g_autoptr (AnvWorklist) list = NULL;
  GDate from, earliest, last;
  char expected[11], expected_end[11];

  /* The choice the day after the decision: one working day later */
  chosen = decide_pending (f, PNR (f, 0), "2020-09-01", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (chosen->planned_start, ==, "2020-09-15");
  g_assert_true (anv_referrals_choose (f->db, chosen->id, KROM_UMEA, FALSE, day ("2020-09-02"),
                                       &f->today, &error));
  g_assert_no_error (error);
  chosen_read = anv_referrals_get (f->db, chosen->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (chosen_read->planned_start, ==, "2020-09-16");

  /* The default three weeks after the deadline */
  waiting = decide_pending (f, PNR (f, 1), "2020-09-01", &error);
  g_assert_no_error (error);
  g_assert_true (anv_referrals_assign_defaults (f->db, day ("2020-10-06"), &f->today, FALSE,
                                                NULL, &error));
  g_assert_no_error (error);
  defaulted = anv_referrals_get (f->db, waiting->id, &error);
  g_assert_no_error (error);
  anv_test_date (&from, 2020, 10, 6);
  anv_referrals_earliest_start (&from, &earliest);
  anv_date_format (&earliest, expected);
  g_assert_cmpstr (defaulted->planned_start, ==, expected);
  g_assert_cmpstr (defaulted->planned_start, ==, "2020-10-20");
  anv_referrals_period_last_day (&earliest, defaulted->period_months, &last);
  anv_date_format (&last, expected_end);
  g_assert_cmpstr (defaulted->period_end, ==, expected_end);
  g_assert_cmpstr (defaulted->period_end, !=, waiting->period_end);
  g_assert_cmpint (anv_test_query_int (f->db, "SELECT count(*) FROM audit_log WHERE action = "
                                              "'referral.assign_default' AND details LIKE "
                                              "'%planned start 2020-09-15 -> 2020-10-20'",
                                       NULL, 0), ==, 1);

  /* Not overdue on the day the provider got it; the one chosen in time is */
  list = anv_worklist_read (f->db, day ("2020-10-06"), NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->counts[ANV_WORKLIST_START_OVERDUE], ==, 1);
  g_assert_cmpint (((AnvWorklistItem *) g_ptr_array_index (
                      list->items[ANV_WORKLIST_START_OVERDUE], 0))->referral_id, ==, chosen->id);
  assert_summary_kept (f);
}

/* Waiting for the choice needs someone to choose among: where no provider
 * is approved it is refused, as the no-choice default is. */
static void
test_pending_needs_provider (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) numbers = anv_test_load_personnummer ("1940", "1959", TRUE, 1);
  g_autoptr (AnvSeeker) seeker = NULL;
  g_autoptr (AnvReferral) r = NULL;
  AnvSeekerInput input = { g_ptr_array_index (numbers, 0), "Test Testsson", "2403", NULL,
                           FALSE };

  /* Bjurholm: Rusta och matcha is there, no provider approved */
  seeker = anv_seekers_add (f->db, &input, &f->today, &error);
  g_assert_no_error (error);
  r = decide_pending (f, g_ptr_array_index (numbers, 0), "2020-09-01", &error);
  g_assert_null (r);
  g_assert_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_CHOICE);
  g_assert_nonnull (strstr (error->message, "Bjurholm"));
  g_assert_nonnull (strstr (error->message, "2020-09-01"));
  g_assert_cmpint (anv_test_query_int (f->db, "SELECT count(*) FROM referral", NULL, 0), ==, 0);
}

/* The referral export says "pending" for a referral that waits, and the
 * choice once made. */
static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvReferral) waiting = NULL;
  g_autoptr (AnvReferral) chosen = NULL;
  g_autofree char *path = g_build_filename (f->dir, "referrals.csv", NULL);
  g_autofree char *text = NULL;
  AnvExportOptions options = { ANV_EXPORT_REFERRALS, ANV_CSV_PROFILE_RFC4180, FALSE, NULL };

  waiting = decide_pending (f, PNR (f, 0), "2020-09-01", &error);
  g_assert_no_error (error);
  chosen = decide_pending (f, PNR (f, 1), "2020-09-01", &error);
  g_assert_no_error (error);
  g_assert_true (anv_referrals_choose (f->db, chosen->id, KROM_UMEA, FALSE, day ("2020-09-02"),
                                       &f->today, &error));
  g_assert_no_error (error);

  g_assert_true (anv_export_write (f->db, &options, path, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_nonnull (strstr (text, ",KROM,B,pending,"));
  g_assert_nonnull (strstr (text, ",KROM,B,own,"));
  g_clear_pointer (&text, g_free);

  /* Ended while it waited: no choice was made, and it waits no more */
  g_assert_true (anv_referrals_end (f->db, PNR (f, 0), "sjuk", day ("2020-09-08"), &f->today,
                                    &error));
  g_assert_no_error (error);
  g_assert_true (anv_export_write (f->db, &options, path, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_null (strstr (text, ",KROM,B,pending,"));
  g_assert_nonnull (strstr (text, ",KROM,B,none,"));
}

/* The rule as data: seeded with ten working days; a later one applies to
 * the decisions from its day; out of range, twice, or changed: refused. */
static void
test_rules (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rules = NULL;
  g_autoptr (AnvReferral) early = NULL;
  g_autoptr (AnvReferral) later = NULL;

  rules = anv_choice_rules_list (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rules->len, ==, 2);
  for (guint i = 0; i < rules->len; i++)
    g_assert_cmpuint (((AnvChoiceRule *) g_ptr_array_index (rules, i))->workdays, ==, 10);

  g_assert_false (anv_choice_rules_add (f->db, ANV_SERVICE_KROM, day ("2021-01-01"), 0,
                                        &error));
  g_assert_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_CHOICE);
  g_assert_nonnull (strstr (error->message, "from 1 to 60"));
  g_clear_error (&error);
  g_assert_false (anv_choice_rules_add (f->db, ANV_SERVICE_KROM, day ("2021-01-01"), 400,
                                        &error));
  g_assert_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_CHOICE);
  g_clear_error (&error);
  g_assert_true (anv_choice_rules_add (f->db, ANV_SERVICE_KROM, day ("2021-01-01"), 15,
                                       &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_audit (f, "choice_rule.add"), ==, 1);
  g_assert_false (anv_choice_rules_add (f->db, ANV_SERVICE_KROM, day ("2021-01-01"), 12,
                                        &error));
  g_assert_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_CHOICE);
  g_clear_error (&error);
  g_assert_false (anv_db_exec (f->db, "UPDATE choice_rule SET workdays = 5", &error));
  g_clear_error (&error);
  g_assert_false (anv_db_exec (f->db, "DELETE FROM choice_rule", &error));
  g_clear_error (&error);

  /* 2020-12-30: the ten days' rule, over New Year's Eve and Day and Epiphany */
  early = decide_pending (f, PNR (f, 0), "2020-12-30", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (early->choice_deadline, ==, "2021-01-18");
  /* 2021-01-04: fifteen working days */
  later = decide_pending (f, PNR (f, 1), "2021-01-04", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (later->choice_deadline, ==, "2021-01-26");
}

/* The step on a database of the version before it: the rules seeded, the
 * referrals recorded read as before, the summary as it was. */
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
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "anvisa.db", NULL);
  g_autoptr (GArray) before = NULL;
  g_autoptr (GArray) after = NULL;
  g_autoptr (AnvReferral) own = NULL;
  g_autoptr (AnvReferral) read = NULL;
  g_autoptr (GPtrArray) rules = NULL;
  g_autofree char *sql = NULL;
  AnvReferralInput input = { 0 };

  input.personnummer = PNR (f, 0);
  input.level = "A";
  input.provider_orgnr = KROM_UMEA;
  input.choice = ANV_CHOICE_OWN;
  input.decided_on = day ("2020-09-01");
  own = anv_referrals_decide (f->db, &input, &f->today, &error);
  g_assert_no_error (error);
  before = read_summary (f);

  /* Back to the step before: the later steps' tables go too */
  sql = g_strdup_printf ("DROP TABLE referral_choice_wait; DROP TABLE choice_rule;"
                         "DROP TABLE summary_part;"
                         "PRAGMA user_version = %d;", CHOICE_SCHEMA_VERSION - 1);
  g_assert_true (anv_db_exec (f->db, sql, &error));
  g_assert_no_error (error);
  g_clear_object (&f->db);

  f->db = anv_schema_open (path, "tester", &error);
  g_assert_no_error (error);
  g_assert_cmpint (anv_db_get_schema_version (f->db), >=, CHOICE_SCHEMA_VERSION);
  rules = anv_choice_rules_list (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rules->len, ==, 2);
  read = anv_referrals_get (f->db, own->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (read->choice, ==, ANV_CHOICE_OWN);
  g_assert_null (read->choice_deadline);
  g_assert_cmpint (anv_referral_allowed_events (read) & ANV_REFERRAL_EVENT_CHOOSE, ==, 0);
  after = read_summary (f);
  assert_same_summary (before, after);
  anv_test_assert_integrity (f->db);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, n) \
  g_test_add (path, Fixture, GUINT_TO_POINTER (n), fixture_set_up, func, fixture_tear_down)
  ADD ("/choice/pending-decide", test_pending_decide, 4);
  ADD ("/choice/after-deadline", test_after_deadline, 4);
  ADD ("/choice/assign-defaults", test_assign_defaults, 8);
  ADD ("/choice/defaults-by-month-given", test_defaults_by_month_given, 4);
  ADD ("/choice/planned-start-moves", test_planned_start_moves, 2);
  ADD ("/choice/pending-needs-provider", test_pending_needs_provider, 2);
  ADD ("/choice/rules", test_rules, 4);
  ADD ("/choice/export", test_export, 2);
  ADD ("/choice/migration", test_migration, 2);
#undef ADD

  return g_test_run ();
}
