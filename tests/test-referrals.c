/* test-referrals.c — the referral's rules, its life cycle and the summary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>
#include <string.h>

#include "anv-approvals.h"
#include "anv-audit.h"
#include "anv-availability.h"
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
#include "anv-summary.h"
#include "anv-test-util.h"

/* Legal entities' numbers (not personal data). */
#define KROM_UMEA      "2021002114"   /* approved for KROM around Umeå */
#define STOM_STHLM     "2021005448"   /* approved for STOM around Stockholm */
#define KROM_VASTERAS  "5560360793"   /* approved for KROM around Västerås only */
#define KROM_UMEA_2    "5560000001"   /* another in Umeå: as near as KROM_UMEA */
#define KROM_FAR       "5560000019"   /* in Skellefteå: farther from Umeå */

typedef struct
{
  char      *dir;
  AnvDb     *db;
  GDate      today;
  GPtrArray *numbers;   /* Skatteverket test personnummer, 12 digits */
} Fixture;

static void
add_seeker (Fixture    *f,
            const char *number,
            const char *municipality)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvSeeker) seeker = NULL;
  AnvSeekerInput input = { number, "Test Testsson", municipality, NULL, FALSE };

  seeker = anv_seekers_add (f->db, &input, &f->today, &error);
  g_assert_no_error (error);
}

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
  static const char *const capital[] = { "0180", "0114", "2480", "2482", "2401", NULL };
  static const char *const west[] = { "1980", NULL };
  guint n = GPOINTER_TO_UINT (data) ? GPOINTER_TO_UINT (data) : 8;

  f->db = anv_test_open_db (&f->dir);
  anv_test_date (&f->today, 2022, 1, 15);
  f->numbers = anv_test_load_personnummer ("1960", "2000", TRUE, n);

  add_provider (f, KROM_UMEA, "Rusta Norr AB", "2480", "Umeåregionen", ANV_SERVICE_KROM, north);
  /* STOM everywhere the tests go, also in Umeå before KROM came there. */
  add_provider (f, STOM_STHLM, "Matchning Syd AB", "0180", "Storstad", ANV_SERVICE_STOM,
                capital);
  add_provider (f, KROM_VASTERAS, "Västra Rusta AB", "1980", "Västerås", ANV_SERVICE_KROM, west);

  for (guint i = 0; i < n; i++)
    add_seeker (f, g_ptr_array_index (f->numbers, i), i % 2 ? "0180" : "2480");
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

/* The first seekers live in Umeå (even) and Stockholm (odd). */
#define UMEA(f, i)   ((const char *) g_ptr_array_index ((f)->numbers, 2 * (i)))
#define STHLM(f, i)  ((const char *) g_ptr_array_index ((f)->numbers, 2 * (i) + 1))

static AnvReferral *
decide (Fixture     *f,
        const char  *pnr,
        AnvService   service,
        const char  *orgnr,
        const char  *level,
        const char  *date,
        GError     **error)
{
  AnvReferralInput input = { 0 };
  GDate decided;

  g_assert_true (anv_date_parse (date, &decided, NULL));
  input.personnummer = pnr;
  input.service = service;
  input.provider_orgnr = orgnr;
  input.level = level;
  input.choice = ANV_CHOICE_OWN;
  input.decided_on = &decided;
  return anv_referrals_decide (f->db, &input, &f->today, error);
}

/* The tables of the choice before the deadline, for a database taken back
 * to an older version. */
#define DROP_CHOICE_TABLES "DROP TABLE referral_choice_wait; DROP TABLE choice_rule;"

/* The second-to-last digit of a personnummer (12 digits): even for women. */
static gboolean
is_female (const char *pnr)
{
  g_assert_cmpuint (strlen (pnr), ==, 12);
  return (pnr[10] - '0') % 2 == 0;
}

static gboolean
on (gboolean (*func) (AnvDb *, const char *, const GDate *, const GDate *, GError **),
    Fixture     *f,
    const char  *pnr,
    const char  *date,
    GError     **error)
{
  GDate day;

  g_assert_true (anv_date_parse (date, &day, NULL));
  return func (f->db, pnr, &day, &f->today, error);
}

static gboolean
end_on (Fixture     *f,
        const char  *pnr,
        const char  *reason,
        const char  *date,
        GError     **error)
{
  GDate day;

  g_assert_true (anv_date_parse (date, &day, NULL));
  return anv_referrals_end (f->db, pnr, reason, &day, &f->today, error);
}

static void
test_decide (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvReferral) r = decide (f, UMEA (f, 0), ANV_SERVICE_NONE, KROM_UMEA, "B",
                                     "2020-04-06", &error);
  const AnvReferralProvider *p;

  g_assert_no_error (error);
  g_assert_cmpint (r->service, ==, ANV_SERVICE_KROM);
  g_assert_cmpstr (r->municipality_code, ==, "2480");
  g_assert_cmpstr (r->decided_on, ==, "2020-04-06");
  /* Ten working days: Easter (10–13 April 2020) does not count. */
  g_assert_cmpstr (r->planned_start, ==, "2020-04-22");
  g_assert_cmpstr (r->decided_by, ==, "tester");
  p = anv_referral_current_provider (r);
  g_assert_cmpstr (p->orgnr, ==, KROM_UMEA);
  g_assert_false (p->outside_area);
  g_assert_null (r->started_on);
}

static void
test_service_rules (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvReferral) r = NULL;

  /* No STOM where KROM has started; the message names what applies. */
  r = decide (f, UMEA (f, 0), ANV_SERVICE_STOM, STOM_STHLM, "2", "2020-04-06", &error);
  g_assert_null (r);
  g_assert_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_SERVICE);
  g_assert_nonnull (strstr (error->message, "Stöd och matchning is not offered in Umeå"));
  g_assert_nonnull (strstr (error->message, "March 30, 2020"));
  g_assert_nonnull (strstr (error->message, "Rusta och matcha applies"));
  g_clear_error (&error);

  /* The day before, STOM was still the one. */
  r = decide (f, UMEA (f, 0), ANV_SERVICE_STOM, STOM_STHLM, "2", "2020-03-29", &error);
  g_assert_no_error (error);
  g_clear_pointer (&r, anv_referral_free);

  /* No KROM where it has not started. */
  r = decide (f, STHLM (f, 0), ANV_SERVICE_KROM, KROM_UMEA, "A", "2020-04-06", &error);
  g_assert_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_SERVICE);
  g_assert_nonnull (strstr (error->message, "Stöd och matchning applies"));
  g_clear_error (&error);

  /* Levels belong to their service. */
  r = decide (f, STHLM (f, 0), ANV_SERVICE_NONE, STOM_STHLM, "B", "2020-04-06", &error);
  g_assert_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_LEVEL);
  g_clear_error (&error);
  r = decide (f, UMEA (f, 1), ANV_SERVICE_NONE, KROM_UMEA, "4", "2020-04-06", &error);
  g_assert_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_LEVEL);
  g_clear_error (&error);

  /* A decision in the future is refused. */
  r = decide (f, UMEA (f, 1), ANV_SERVICE_NONE, KROM_UMEA, "A", "2022-02-01", &error);
  g_assert_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_LIFE_CYCLE);
}

static void
test_provider_rules (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvReferral) r = NULL;
  AnvReferralInput input = { 0 };
  GDate decided;

  /* A provider approved only elsewhere: refused unless it is the job
   * seeker's own choice outside the area, confirmed. */
  r = decide (f, UMEA (f, 0), ANV_SERVICE_NONE, KROM_VASTERAS, "A", "2020-05-04", &error);
  g_assert_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_PROVIDER);
  g_assert_nonnull (strstr (error->message, "outside the area"));
  g_clear_error (&error);

  anv_test_date (&decided, 2020, 5, 4);
  input.personnummer = UMEA (f, 0);
  input.provider_orgnr = KROM_VASTERAS;
  input.level = "A";
  input.choice = ANV_CHOICE_OWN;
  input.outside_area = TRUE;
  input.decided_on = &decided;
  r = anv_referrals_decide (f->db, &input, &f->today, &error);
  g_assert_no_error (error);
  g_assert_true (anv_referral_current_provider (r)->outside_area);
  g_clear_pointer (&r, anv_referral_free);

  /* A STOM provider cannot take KROM, not even by choice. */
  input.personnummer = UMEA (f, 1);
  input.provider_orgnr = STOM_STHLM;
  r = anv_referrals_decide (f->db, &input, &f->today, &error);
  g_assert_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_PROVIDER);
  g_clear_error (&error);

  /* The no-choice default: the only provider approved there. */
  input.provider_orgnr = NULL;
  input.choice = ANV_CHOICE_DEFAULT;
  input.outside_area = FALSE;
  r = anv_referrals_decide (f->db, &input, &f->today, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (anv_referral_current_provider (r)->orgnr, ==, KROM_UMEA);
  g_assert_cmpint (r->choice, ==, ANV_CHOICE_DEFAULT);
}

/* Decides a no-choice default for @pnr on @date; the provider's orgnr. */
static char *
decide_default (Fixture    *f,
                const char *pnr,
                const char *date)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvReferral) r = NULL;
  AnvReferralInput input = { 0 };
  GDate decided;

  g_assert_true (anv_date_parse (date, &decided, NULL));
  input.personnummer = pnr;
  input.level = "B";
  input.choice = ANV_CHOICE_DEFAULT;
  input.decided_on = &decided;
  r = anv_referrals_decide (f->db, &input, &f->today, &error);
  g_assert_no_error (error);
  g_assert_cmpint (r->choice, ==, ANV_CHOICE_DEFAULT);
  return g_strdup (anv_referral_current_provider (r)->orgnr);
}

static char *
propose (Fixture    *f,
         const char *municipality,
         const char *date)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvProvider) provider = NULL;
  GDate day;

  g_assert_true (anv_date_parse (date, &day, NULL));
  provider = anv_providers_propose_default (f->db, ANV_SERVICE_KROM, municipality, &day,
                                            &error);
  g_assert_no_error (error);
  return g_strdup (provider->orgnr);
}

static guint
defaults_of (Fixture    *f,
             const char *month,
             const char *municipality,
             const char *orgnr)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) shares = anv_providers_default_shares (f->db, month, ANV_SERVICE_KROM,
                                                               municipality, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < shares->len; i++)
    {
      AnvDefaultShare *share = g_ptr_array_index (shares, i);

      if (strcmp (share->orgnr, orgnr) == 0)
        return share->defaults;
    }
  return G_MAXUINT;
}

/* Our rule for the no-choice default: the fewest defaults in the
 * municipality in the decision's month, then the nearest, then a rotation
 * by the day. Umeå has two providers in the town and one in Skellefteå. */
static void
test_default_spread (Fixture       *f,
                     gconstpointer  data)
{
  static const char *const umea_nordmaling[] = { "2480", "2401", NULL };
  g_autoptr (GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_autofree char *fourth = NULL;
  g_autofree char *other_day = NULL;
  g_autofree char *in_june = NULL;
  g_autoptr (AnvReferral) own = NULL;
  const char *town_other;
  GDate day;

  add_provider (f, KROM_UMEA_2, "Umeå Jobb AB", "2480", "Umeå och Nordmaling",
                ANV_SERVICE_KROM, umea_nordmaling);
  add_provider (f, KROM_FAR, "Skellefteå Rusta AB", "2482", "Umeå och Nordmaling 2",
                ANV_SERVICE_KROM, umea_nordmaling);

  /* None given yet: of the two in the town, the day's turn; the same on
   * the same day, the other on the next day. */
  first = propose (f, "2480", "2020-05-04");
  g_assert_true (strcmp (first, KROM_UMEA) == 0 || strcmp (first, KROM_UMEA_2) == 0);
  town_other = strcmp (first, KROM_UMEA) == 0 ? KROM_UMEA_2 : KROM_UMEA;
  g_free (propose (f, "2480", "2020-05-04"));
  other_day = propose (f, "2480", "2020-05-05");
  g_assert_cmpstr (other_day, ==, town_other);

  /* Given one after another: each of the fewest, the nearer first. */
  g_clear_pointer (&first, g_free);
  first = decide_default (f, UMEA (f, 0), "2020-05-04");
  second = decide_default (f, UMEA (f, 1), "2020-05-04");
  third = decide_default (f, UMEA (f, 2), "2020-05-04");
  fourth = decide_default (f, UMEA (f, 3), "2020-05-04");
  g_assert_cmpstr (second, ==, strcmp (first, KROM_UMEA) == 0 ? KROM_UMEA_2 : KROM_UMEA);
  g_assert_cmpstr (third, ==, KROM_FAR);
  g_assert_cmpstr (fourth, ==, first);
  g_assert_cmpuint (defaults_of (f, "2020-05", "2480", KROM_UMEA), ==,
                    strcmp (first, KROM_UMEA) == 0 ? 2 : 1);
  g_assert_cmpuint (defaults_of (f, "2020-05", "2480", KROM_FAR), ==, 1);

  /* A job seeker's own choice is no default: it does not count. */
  own = decide (f, UMEA (f, 4), ANV_SERVICE_NONE, KROM_FAR, "A", "2020-05-06", &error);
  g_assert_no_error (error);
  g_clear_pointer (&second, g_free);
  second = propose (f, "2480", "2020-05-06");
  g_assert_cmpstr (second, !=, first);
  g_assert_cmpstr (second, !=, KROM_FAR);

  /* A change of provider leaves the default with the one decided with. */
  g_assert_true (on (anv_referrals_start, f, UMEA (f, 1), "2020-05-25", &error));
  g_assert_no_error (error);
  anv_test_date (&day, 2020, 5, 27);
  g_assert_true (anv_referrals_change_provider (f->db, UMEA (f, 1), KROM_FAR, FALSE, &day,
                                                &f->today, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (defaults_of (f, "2020-05", "2480", KROM_FAR), ==, 1);
  g_assert_cmpuint (defaults_of (f, "2020-05", "2480", town_other), ==, 1);

  /* Another municipality's defaults count there, not in Umeå. */
  g_assert_true (anv_db_exec (f->db, "UPDATE seeker SET municipality_code = '2401' "
                                     "WHERE id = (SELECT max (id) FROM seeker)", &error));
  g_assert_no_error (error);
  g_clear_pointer (&third, g_free);
  third = decide_default (f, g_ptr_array_index (f->numbers, f->numbers->len - 1),
                          "2020-05-06");
  g_assert_cmpuint (defaults_of (f, "2020-05", "2401", third), ==, 1);
  g_clear_pointer (&fourth, g_free);
  fourth = propose (f, "2480", "2020-05-06");
  g_assert_cmpstr (fourth, ==, second);

  /* A new month starts from none. */
  in_june = propose (f, "2480", "2020-06-01");
  g_assert_true (strcmp (in_june, KROM_UMEA) == 0 || strcmp (in_june, KROM_UMEA_2) == 0);
}

/* The referrals of @orgnr's ids, in order, as "id>orgnr" of their
 * current provider, for the moves' test. */
static char *
moves_text (GPtrArray *moves)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < moves->len; i++)
    {
      const AnvReferralMove *move = g_ptr_array_index (moves, i);

      g_string_append_printf (text, "%s%s>%s", i > 0 ? " " : "", move->from_orgnr,
                              move->to_orgnr != NULL ? move->to_orgnr : "stays");
    }
  return g_string_free (text, FALSE);
}

/* A provider whose approval ends: its open referrals there are leaving
 * from the next day, and move to the no-choice default, spread over the
 * providers that stay; a choice outside the area leaves only when the
 * provider is approved nowhere; where no other provider is approved the
 * referral stays. */
static void
test_move_leaving (Fixture       *f,
                   gconstpointer  data)
{
  static const char *const umea[] = { "2480", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) leaving = NULL;
  g_autoptr (GPtrArray) moves = NULL;
  g_autoptr (AnvReferral) r0 = NULL, r1 = NULL, r2 = NULL, r3 = NULL, r4 = NULL;
  g_autoptr (AnvReferral) after = NULL;
  g_autoptr (AnvProvider) leaver = NULL;
  g_autofree char *text = NULL;
  g_autofree char *to_vasteras = NULL;
  AnvReferralInput outside = { 0 };
  gint64 rows_before;
  GDate day, from, to, later;

  /* Umeå: KROM_UMEA stays, KROM_UMEA_2 leaves after 2020-08-31, KROM_FAR
   * (in Skellefteå, farther) stays. */
  leaver = anv_providers_add (f->db, KROM_UMEA_2, "Umeå Jobb AB", "2480", &f->today, &error);
  g_assert_no_error (error);
  g_assert_nonnull (leaver);
  anv_areas_add (f->db, "Umeå till augusti", ANV_SERVICE_KROM, umea, &error);
  g_assert_no_error (error);
  anv_test_date (&from, 2020, 3, 30);
  anv_test_date (&to, 2020, 8, 31);
  g_assert_true (anv_providers_approve (f->db, KROM_UMEA_2, "Umeå till augusti", &from, &to,
                                        &f->today, &error));
  g_assert_no_error (error);
  add_provider (f, KROM_FAR, "Skellefteå Rusta AB", "2482", "Umeå 2", ANV_SERVICE_KROM, umea);

  to_vasteras = g_strdup_printf ("UPDATE seeker SET municipality_code = '1980' "
                                 "WHERE personnummer = '%s'", STHLM (f, 0));
  g_assert_true (anv_db_exec (f->db, to_vasteras, &error));
  g_assert_no_error (error);

  r0 = decide (f, UMEA (f, 0), ANV_SERVICE_NONE, KROM_UMEA_2, "A", "2020-05-04", &error);
  g_assert_no_error (error);
  r1 = decide (f, UMEA (f, 1), ANV_SERVICE_NONE, KROM_UMEA_2, "A", "2020-05-04", &error);
  g_assert_no_error (error);
  r2 = decide (f, UMEA (f, 2), ANV_SERVICE_NONE, KROM_UMEA, "A", "2020-05-04", &error);
  g_assert_no_error (error);
  anv_test_date (&day, 2020, 5, 4);
  outside.personnummer = UMEA (f, 3);
  outside.provider_orgnr = KROM_VASTERAS;
  outside.outside_area = TRUE;
  outside.level = "A";
  outside.choice = ANV_CHOICE_OWN;
  outside.decided_on = &day;
  r3 = anv_referrals_decide (f->db, &outside, &f->today, &error);
  g_assert_no_error (error);
  r4 = decide (f, STHLM (f, 0), ANV_SERVICE_NONE, KROM_VASTERAS, "A", "2020-05-04", &error);
  g_assert_no_error (error);

  /* On the approval's last day nothing leaves; the day after, the two of
   * KROM_UMEA_2 do; the choice outside the area is approved in Västerås */
  anv_test_date (&day, 2020, 8, 31);
  leaving = anv_referrals_list_leaving (f->db, &day, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (leaving->len, ==, 0);
  g_clear_pointer (&leaving, g_ptr_array_unref);
  anv_test_date (&day, 2020, 9, 1);
  leaving = anv_referrals_list_leaving (f->db, &day, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (leaving->len, ==, 2);
  g_assert_cmpint (((AnvReferralMove *) g_ptr_array_index (leaving, 0))->referral_id, ==, r0->id);
  g_assert_cmpint (((AnvReferralMove *) g_ptr_array_index (leaving, 1))->referral_id, ==, r1->id);
  g_clear_pointer (&leaving, g_ptr_array_unref);

  /* Västerås's only provider leaves too */
  g_assert_true (anv_db_exec (f->db, "UPDATE approval SET valid_to = '2020-08-31' "
                                     "WHERE provider_id = (SELECT id FROM provider "
                                     "                     WHERE orgnr = '" KROM_VASTERAS "')",
                              &error));
  g_assert_no_error (error);

  /* A date after today is refused; a dry run writes nothing */
  anv_test_date (&later, 2022, 1, 16);
  g_assert_false (anv_referrals_move_leaving (f->db, &later, NULL, &f->today, FALSE, NULL,
                                              &error));
  g_assert_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_LIFE_CYCLE);
  g_clear_error (&error);
  rows_before = anv_test_query_int (f->db, "SELECT count(*) FROM referral_provider", NULL, 0);
  g_assert_true (anv_referrals_move_leaving (f->db, &day, NULL, &f->today, TRUE, &moves,
                                             &error));
  g_assert_no_error (error);
  g_assert_cmpint (anv_test_query_int (f->db, "SELECT count(*) FROM referral_provider", NULL, 0), ==,
                   rows_before);
  text = moves_text (moves);
  /* The nearer first, then the one with fewer; the choice outside the
   * area goes to Umeå's default; Västerås has no other */
  g_assert_cmpstr (text, ==, KROM_UMEA_2 ">" KROM_UMEA " " KROM_UMEA_2 ">" KROM_FAR " "
                             KROM_VASTERAS ">" KROM_UMEA " " KROM_VASTERAS ">stays");
  g_clear_pointer (&moves, g_ptr_array_unref);

  /* Only one provider's */
  g_assert_true (anv_referrals_move_leaving (f->db, &day, KROM_FAR, &f->today, TRUE, &moves,
                                             &error));
  g_assert_no_error (error);
  g_assert_cmpuint (moves->len, ==, 0);
  g_clear_pointer (&moves, g_ptr_array_unref);

  g_assert_true (anv_referrals_move_leaving (f->db, &day, NULL, &f->today, FALSE, &moves,
                                             &error));
  g_assert_no_error (error);
  g_clear_pointer (&text, g_free);
  text = moves_text (moves);
  g_assert_cmpstr (text, ==, KROM_UMEA_2 ">" KROM_UMEA " " KROM_UMEA_2 ">" KROM_FAR " "
                             KROM_VASTERAS ">" KROM_UMEA " " KROM_VASTERAS ">stays");
  g_assert_cmpint (anv_test_query_int (f->db, "SELECT count(*) FROM referral_provider", NULL, 0), ==,
                   rows_before + 3);
  g_assert_cmpint (anv_test_query_int (f->db,
                                       "SELECT count(*) FROM audit_log "
                                       "WHERE action = 'referral.change_provider' "
                                       "  AND details LIKE '% from 2020-09-01 no-choice default, "
                                       "leaving %'", NULL, 0), ==, 3);
  after = anv_referrals_get (f->db, r1->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (anv_referral_current_provider (after)->orgnr, ==, KROM_FAR);
  g_assert_cmpstr (anv_referral_current_provider (after)->from_date, ==, "2020-09-01");
  g_assert_false (anv_referral_current_provider (after)->outside_area);

  /* Moved once: only the one that has nowhere to go is left */
  g_clear_pointer (&moves, g_ptr_array_unref);
  leaving = anv_referrals_list_leaving (f->db, &day, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (leaving->len, ==, 1);
  g_assert_cmpint (((AnvReferralMove *) g_ptr_array_index (leaving, 0))->referral_id, ==, r4->id);
  anv_test_assert_summary_matches_recount (f->db, "2020-01", "2020-12", NULL);
  (void) r2;
  (void) r3;
}

/* The history stays in order: a referral whose period ran out is ended,
 * not moved; no end before the current provider's start, by hand or by
 * end-expired; extensions in the order they were made; a period rule
 * whose maximum its extensions cannot reach is refused. */
static void
test_history_in_order (Fixture       *f,
                       gconstpointer  data)
{
  static const char *const umea[] = { "2480", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) leaving = NULL;
  g_autoptr (GArray) ended = NULL;
  g_autoptr (AnvProvider) leaver = NULL;
  g_autoptr (AnvReferral) r0 = NULL, r1 = NULL, after = NULL;
  GDate day, from, to;

  leaver = anv_providers_add (f->db, KROM_UMEA_2, "Umeå Jobb AB", "2480", &f->today, &error);
  g_assert_no_error (error);
  anv_areas_add (f->db, "Umeå till augusti", ANV_SERVICE_KROM, umea, &error);
  g_assert_no_error (error);
  anv_test_date (&from, 2020, 3, 30);
  anv_test_date (&to, 2020, 8, 31);
  g_assert_true (anv_providers_approve (f->db, KROM_UMEA_2, "Umeå till augusti", &from, &to,
                                        &f->today, &error));
  g_assert_no_error (error);

  /* Not started: the period runs from the planned start to 2020-11-17 */
  r0 = decide (f, UMEA (f, 0), ANV_SERVICE_NONE, KROM_UMEA_2, "A", "2020-05-04", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (r0->period_end, ==, "2020-11-17");
  anv_test_date (&day, 2020, 11, 17);
  leaving = anv_referrals_list_leaving (f->db, &day, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (leaving->len, ==, 1);
  g_clear_pointer (&leaving, g_ptr_array_unref);
  anv_test_date (&day, 2020, 11, 18);
  leaving = anv_referrals_list_leaving (f->db, &day, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (leaving->len, ==, 0);

  /* Changed by hand after the period ran out: no end before that day */
  anv_test_date (&day, 2020, 11, 20);
  g_assert_true (anv_referrals_change_provider (f->db, UMEA (f, 0), KROM_UMEA, FALSE, &day,
                                                &f->today, &error));
  g_assert_no_error (error);
  g_assert_false (end_on (f, UMEA (f, 0), "sjuk", "2020-11-19", &error));
  g_assert_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_LIFE_CYCLE);
  g_clear_error (&error);
  anv_test_date (&day, 2020, 12, 1);
  g_assert_true (anv_referrals_end_expired (f->db, &day, &f->today, FALSE, &ended, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ended->len, ==, 1);
  after = anv_referrals_get (f->db, r0->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (after->ended_on, ==, "2020-11-20");
  anv_test_assert_summary_matches_recount (f->db, "2020-01", "2020-12", NULL);

  /* Extensions in order */
  r1 = decide (f, STHLM (f, 0), ANV_SERVICE_STOM, STOM_STHLM, "1", "2020-05-04", &error);
  g_assert_no_error (error);
  anv_test_date (&day, 2020, 8, 10);
  g_assert_true (anv_referrals_extend (f->db, r1->id, &day, &f->today, &error));
  g_assert_no_error (error);
  anv_test_date (&day, 2020, 8, 5);
  g_assert_false (anv_referrals_extend (f->db, r1->id, &day, &f->today, &error));
  g_assert_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_LIFE_CYCLE);
  g_clear_error (&error);

  /* 6 + 4 + 4 never makes 12 */
  anv_test_date (&day, 2021, 1, 1);
  g_assert_false (anv_period_rules_add (f->db, ANV_SERVICE_KROM, &day, 6, 4, 12, &error));
  g_assert_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_PERIOD);
  g_assert_nonnull (strstr (error->message, "10 or 14"));
  g_clear_error (&error);
  g_assert_false (anv_period_rules_add (f->db, ANV_SERVICE_KROM, &day, 6, 6, 5, &error));
  g_assert_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_PERIOD);
  g_assert_nonnull (strstr (error->message, "initial 6 months"));
  g_clear_error (&error);
}

static void
test_planned_start (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvReferral) r = NULL;
  AnvReferralInput input = { 0 };
  GDate decided, start;

  anv_test_date (&decided, 2020, 4, 6);
  anv_test_date (&start, 2020, 4, 21);   /* nine working days */
  input.personnummer = UMEA (f, 0);
  input.provider_orgnr = KROM_UMEA;
  input.level = "C";
  input.decided_on = &decided;
  input.planned_start = &start;
  r = anv_referrals_decide (f->db, &input, &f->today, &error);
  g_assert_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_START_DATE);
  g_assert_nonnull (strstr (error->message, "2020-04-22"));
  g_clear_error (&error);

  anv_test_date (&start, 2020, 5, 4);    /* later is fine */
  r = anv_referrals_decide (f->db, &input, &f->today, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (r->planned_start, ==, "2020-05-04");
}

static void
test_one_open (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvReferral) first = decide (f, UMEA (f, 0), ANV_SERVICE_NONE, KROM_UMEA, "A",
                                         "2020-04-06", &error);
  g_autoptr (AnvReferral) second = NULL;
  AnvDbStmt *stmt;

  g_assert_no_error (error);
  second = decide (f, UMEA (f, 0), ANV_SERVICE_NONE, KROM_UMEA, "A", "2020-04-07", &error);
  g_assert_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, "decided on 2020-04-06"));
  g_clear_error (&error);

  /* The schema holds it too, whatever a program does. */
  stmt = anv_db_prepare (f->db, "test-referrals/copy-referral",
    "INSERT INTO referral (seeker_id, service, level, choice, municipality_code, female, "
    "  decided_on, planned_start, decided_by) "
    "SELECT seeker_id, service, level, choice, municipality_code, female, decided_on, "
    "  planned_start, decided_by FROM referral WHERE id = ?1", &error);
  g_assert_no_error (error);
  anv_db_bind_int64 (stmt, 1, first->id);
  g_assert_false (anv_db_step_done (stmt, &error));
  g_assert_error (error, ANV_DB_ERROR, ANV_DB_ERROR_DUPLICATE);
  g_clear_error (&error);

  /* Nothing is deleted. */
  g_assert_false (anv_db_exec (f->db, "DELETE FROM referral", &error));
  g_clear_error (&error);

  /* Ended, a new one may be decided. */
  g_assert_true (end_on (f, UMEA (f, 0), "sjuk", "2020-04-10", &error));
  g_assert_no_error (error);
  second = decide (f, UMEA (f, 0), ANV_SERVICE_NONE, KROM_UMEA, "A", "2020-04-14", &error);
  g_assert_no_error (error);
}

static void
test_life_cycle (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvReferral) r = decide (f, STHLM (f, 0), ANV_SERVICE_NONE, STOM_STHLM, "3",
                                     "2020-04-06", &error);
  g_autoptr (GPtrArray) history = NULL;
  GDate day;

  g_assert_no_error (error);

  g_assert_false (on (anv_referrals_start, f, STHLM (f, 0), "2020-04-03", &error));
  g_assert_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_LIFE_CYCLE);
  g_clear_error (&error);
  g_assert_false (on (anv_referrals_start, f, STHLM (f, 0), "2020-04-21", &error));
  g_assert_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_EARLY_START);
  g_clear_error (&error);
  g_assert_true (on (anv_referrals_start, f, STHLM (f, 0), "2020-04-22", &error));
  g_assert_no_error (error);
  g_assert_false (on (anv_referrals_start, f, STHLM (f, 0), "2020-04-23", &error));
  g_assert_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_LIFE_CYCLE);
  g_clear_error (&error);

  /* Changing to the same provider, or to one not approved there. */
  anv_test_date (&day, 2020, 6, 1);
  g_assert_false (anv_referrals_change_provider (f->db, STHLM (f, 0), STOM_STHLM, FALSE, &day,
                                                 &f->today, &error));
  g_assert_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_LIFE_CYCLE);
  g_clear_error (&error);
  g_assert_false (anv_referrals_change_provider (f->db, STHLM (f, 0), KROM_UMEA, FALSE, &day,
                                                 &f->today, &error));
  g_assert_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_PROVIDER);
  g_clear_error (&error);

  /* Ends: a reason from the list, not before the start. */
  g_assert_false (end_on (f, STHLM (f, 0), "nosuchreason", "2020-06-01", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (end_on (f, STHLM (f, 0), "jobb", "2020-04-20", &error));
  g_assert_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_LIFE_CYCLE);
  g_clear_error (&error);
  g_assert_true (end_on (f, STHLM (f, 0), "jobb", "2020-09-30", &error));
  g_assert_no_error (error);

  /* After the end nothing more happens to it. */
  g_assert_false (end_on (f, STHLM (f, 0), "jobb", "2020-10-01", &error));
  g_assert_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_NO_OPEN);
  g_clear_error (&error);
  g_assert_false (anv_referrals_change_provider (f->db, STHLM (f, 0), STOM_STHLM, FALSE, &day,
                                                 &f->today, &error));
  g_assert_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_NO_OPEN);
  g_clear_error (&error);

  history = anv_referrals_for_seeker (f->db, STHLM (f, 0), &f->today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 1);
  g_clear_pointer (&r, anv_referral_free);
  r = g_ptr_array_steal_index (history, 0);
  g_assert_cmpstr (r->started_on, ==, "2020-04-22");
  g_assert_cmpstr (r->ended_on, ==, "2020-09-30");
  g_assert_cmpstr (r->end_reason, ==, "jobb");
  g_assert_cmpint (r->end_kind, ==, ANV_END_KIND_RESULT);
}

static void
test_corrections (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvReferral) r = decide (f, UMEA (f, 0), ANV_SERVICE_NONE, KROM_UMEA, "A",
                                     "2020-04-06", &error);
  g_autoptr (AnvReferral) after = NULL;
  g_autoptr (GPtrArray) audit = NULL;

  g_assert_no_error (error);
  g_assert_true (on (anv_referrals_start, f, UMEA (f, 0), "2020-04-22", &error));

  g_assert_true (anv_referrals_correct (f->db, r->id, "started_on", "2020-05-04",
                                        "Fel datum i utskriften", &error));
  g_assert_no_error (error);
  after = anv_referrals_get (f->db, r->id, &error);
  g_assert_cmpstr (after->started_on, ==, "2020-05-04");
  g_clear_pointer (&after, anv_referral_free);

  /* A correction must keep the rules, and give a reason. */
  g_assert_false (anv_referrals_correct (f->db, r->id, "started_on", "2020-04-01", "x",
                                         &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (anv_referrals_correct (f->db, r->id, "level", "B", "  ", &error));
  g_assert_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_CORRECTION);
  g_clear_error (&error);

  /* A date out of order says which date is in the way, not the database's
   * words about the clock */
  {
    static const struct
    {
      const char *field, *value, *said;
    } order[] = {
      { "decided_on", "2020-05-05", "after the start (2020-05-04)" },
      { "decided_on", "2020-04-22", "after the planned start (2020-04-22)" },
      { "planned_start", "2020-04-06", "after the decision (2020-04-06)" },
      { "started_on", "2020-04-03", "before the decision (2020-04-06)" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (order); i++)
      {
        g_assert_false (anv_referrals_correct (f->db, r->id, order[i].field, order[i].value,
                                               "x", &error));
        g_assert_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_CORRECTION);
        g_assert_nonnull (strstr (error->message, order[i].said));
        g_assert_null (strstr (error->message, "clock"));
        g_clear_error (&error);
      }
  }
  g_assert_false (anv_referrals_correct (f->db, r->id, "service", "STOM", "x", &error));
  g_assert_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_CORRECTION);
  g_clear_error (&error);

  /* Annulled: it stays, and counts nowhere. */
  g_assert_true (anv_referrals_correct (f->db, r->id, "annulled", "1", "Registrerad av misstag",
                                        &error));
  g_assert_no_error (error);
  after = anv_referrals_get (f->db, r->id, &error);
  g_assert_true (after->annulled);

  audit = anv_audit_list (f->db, NULL, NULL, NULL, 20, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((AnvAuditEntry *) g_ptr_array_index (audit, 0))->action, ==,
                   "referral.correct");
  g_assert_nonnull (strstr (((AnvAuditEntry *) g_ptr_array_index (audit, 0))->details,
                            "annulled: 0 -> 1"));

  /* Restored while a newer referral is open: there is one open at a time. */
  g_clear_pointer (&after, anv_referral_free);
  after = decide (f, UMEA (f, 0), ANV_SERVICE_NONE, KROM_UMEA, "B", "2020-06-01", &error);
  g_assert_no_error (error);
  g_assert_false (anv_referrals_correct (f->db, r->id, "annulled", "0", "Fel beslut annullerat",
                                         &error));
  g_assert_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, "decided on 2020-06-01"));
}

static const AnvSummaryRow *
find_row (GArray     *rows,
          AnvSummaryLevel level,
          const char *code,
          const char *month,
          AnvService  service)
{
  for (guint i = 0; i < rows->len; i++)
    {
      const AnvSummaryRow *row = &g_array_index (rows, AnvSummaryRow, i);

      if (row->level == level && strcmp (row->code, code) == 0
          && strcmp (row->month, month) == 0 && row->service == service)
        return row;
    }
  g_error ("no summary row %d %s %s", level, code, month);
  return NULL;
}

static void
test_summary_story (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  AnvSummaryQuery query = { "2020-04", "2020-05", ANV_SERVICE_KROM, NULL };
  g_autoptr (GArray) rows = NULL;
  const AnvSummaryRow *row;

  gboolean female[3];

  /* Three referrals in Umeå in April; one ends in April, one in May. */
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr (AnvReferral) r = decide (f, UMEA (f, i), ANV_SERVICE_NONE, KROM_UMEA, "A",
                                         "2020-04-06", &error);
      g_assert_no_error (error);
      female[i] = is_female (UMEA (f, i));
    }
  g_assert_true (end_on (f, UMEA (f, 0), "flyttat", "2020-04-20", &error));
  g_assert_true (on (anv_referrals_start, f, UMEA (f, 1), "2020-04-22", &error));
  g_assert_true (end_on (f, UMEA (f, 1), "studier", "2020-05-15", &error));
  g_assert_no_error (error);

  rows = anv_summary_read (f->db, &query, &error);
  g_assert_no_error (error);

  row = find_row (rows, ANV_SUMMARY_MUNICIPALITY, "2480", "2020-04", ANV_SERVICE_KROM);
  g_assert_cmpuint (row->decided_women + row->decided_men, ==, 3);
  g_assert_cmpuint (row->started, ==, 1);
  /* 0 moved away before the start: ended before the start, no interruption. */
  g_assert_cmpuint (row->ended_interrupted, ==, 0);
  g_assert_cmpuint (row->ended_before_start, ==, 1);
  g_assert_cmpuint (row->active_end, ==, 2);

  /* Of the two active at April's end one has started (deltar), one waits. */
  g_assert_cmpuint (row->participating, ==, 1);
  g_assert_cmpuint (row->waiting, ==, 1);
  g_assert_cmpuint (row->started_women, ==, female[1]);
  g_assert_cmpuint (row->started_men, ==, !female[1]);
  g_assert_cmpuint (row->ended_before_start_women, ==, female[0]);
  g_assert_cmpuint (row->ended_before_start_men, ==, !female[0]);
  g_assert_cmpuint (row->waiting_women, ==, female[2]);
  g_assert_cmpuint (row->active_women, ==, female[1] + female[2]);
  g_assert_cmpuint (row->active_men, ==, 2 - female[1] - female[2]);

  row = find_row (rows, ANV_SUMMARY_MUNICIPALITY, "2480", "2020-05", ANV_SERVICE_KROM);
  g_assert_cmpuint (row->decided_women + row->decided_men, ==, 0);
  g_assert_cmpuint (row->ended_studies, ==, 1);
  g_assert_cmpuint (row->ended_studies_women, ==, female[1]);
  g_assert_cmpuint (row->ended_studies_men, ==, !female[1]);
  g_assert_cmpuint (row->active_end, ==, 1);
  g_assert_cmpuint (row->participating, ==, 0);
  g_assert_cmpuint (row->waiting, ==, 1);

  /* The county and the country add up. */
  row = find_row (rows, ANV_SUMMARY_COUNTY, "24", "2020-04", ANV_SERVICE_KROM);
  g_assert_cmpuint (row->active_end, ==, 2);
  row = find_row (rows, ANV_SUMMARY_NATIONAL, "", "2020-04", ANV_SERVICE_KROM);
  g_assert_cmpuint (row->decided_women + row->decided_men, ==, 3);
  g_assert_cmpuint (row->active_end, ==, 2);

  /* 290 municipalities, 21 counties, 1 nation, 2 months. */
  g_assert_cmpuint (rows->len, ==, 2 * (290 + 21 + 1));
  anv_test_assert_summary_matches_recount (f->db, "2020-01", "2020-12", NULL);
  anv_test_assert_summary_splits_add_up (f->db, "2020-01", "2020-12", TRUE);
}

/* The actual start is recorded as the provider reported it: one before
 * the earliest allowed start needs a reason, which is kept with it,
 * shown, audited, and goes when a correction removes the start; the
 * planned start keeps the rule of ten working days. */
static void
test_early_start (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvReferral) r = decide (f, UMEA (f, 0), ANV_SERVICE_NONE, KROM_UMEA, "A",
                                      "2020-04-06", &error);
  g_autoptr (AnvReferral) started = NULL;
  g_autoptr (AnvReferral) corrected = NULL;
  g_autoptr (GPtrArray) audit = NULL;
  const AnvAuditEntry *entry;
  GDate day;

  g_assert_no_error (error);
  anv_test_date (&day, 2020, 4, 16);
  g_assert_false (anv_referrals_start_reported (f->db, UMEA (f, 0), &day, NULL, &f->today,
                                                &error));
  g_assert_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_EARLY_START);
  g_assert_nonnull (strstr (error->message, "2020-04-22"));
  g_assert_nonnull (strstr (error->message, "reason"));
  g_clear_error (&error);
  g_assert_false (anv_referrals_start_reported (f->db, UMEA (f, 0), &day, " \t ", &f->today,
                                                &error));
  g_assert_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_START_NOTE);
  g_clear_error (&error);

  g_assert_true (anv_referrals_start_reported (f->db, UMEA (f, 0), &day,
                                               "Leverantören tog emot henne tidigare",
                                               &f->today, &error));
  g_assert_no_error (error);
  started = anv_referrals_get (f->db, r->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (started->started_on, ==, "2020-04-16");
  g_assert_cmpstr (started->start_note, ==, "Leverantören tog emot henne tidigare");

  audit = anv_audit_list (f->db, NULL, NULL, NULL, 5, &error);
  g_assert_no_error (error);
  entry = g_ptr_array_index (audit, 0);
  g_assert_cmpstr (entry->action, ==, "referral.start");
  g_assert_cmpstr (entry->details, ==,
                   "2020-04-16 early (earliest 2020-04-22): Leverantören tog emot henne tidigare");

  /* A correction that removes the start takes the note with it. */
  g_assert_true (anv_referrals_correct (f->db, r->id, "started_on", "", "fel person", &error));
  g_assert_no_error (error);
  corrected = anv_referrals_get (f->db, r->id, &error);
  g_assert_no_error (error);
  g_assert_null (corrected->started_on);
  g_assert_null (corrected->start_note);
}

/* A result needs a start: ending a referral not started with jobb or
 * studier is refused, directly or by a correction; an interruption ends
 * it, counted as ended before the start, apart from the interruptions. */
static void
test_result_needs_start (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvReferral) r = NULL;
  g_autoptr (AnvReferral) other = NULL;
  g_autoptr (GArray) rows = NULL;
  AnvSummaryQuery query = { "2020-04", "2020-05", ANV_SERVICE_KROM, NULL };
  const AnvSummaryRow *row;
  gboolean female = is_female (UMEA (f, 0));

  r = decide (f, UMEA (f, 0), ANV_SERVICE_NONE, KROM_UMEA, "A", "2020-04-06", &error);
  g_assert_no_error (error);
  g_assert_false (end_on (f, UMEA (f, 0), "jobb", "2020-04-20", &error));
  g_assert_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_REASON);
  g_assert_nonnull (strstr (error->message, "record the start first"));
  g_clear_error (&error);
  g_assert_false (end_on (f, UMEA (f, 0), "studier", "2020-04-20", &error));
  g_assert_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_REASON);
  g_clear_error (&error);

  /* An interruption before the start is allowed, and no correction makes
   * it a result. */
  g_assert_true (end_on (f, UMEA (f, 0), "flyttat", "2020-04-20", &error));
  g_assert_no_error (error);
  g_assert_false (anv_referrals_correct (f->db, r->id, "end_reason", "jobb", "fel", &error));
  g_assert_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_REASON);
  g_clear_error (&error);

  /* A started one with a job cannot lose its start by a correction. */
  other = decide (f, UMEA (f, 1), ANV_SERVICE_NONE, KROM_UMEA, "A", "2020-04-06", &error);
  g_assert_no_error (error);
  g_assert_true (on (anv_referrals_start, f, UMEA (f, 1), "2020-04-22", &error));
  g_assert_true (end_on (f, UMEA (f, 1), "jobb", "2020-05-04", &error));
  g_assert_no_error (error);
  g_assert_false (anv_referrals_correct (f->db, other->id, "started_on", "", "fel", &error));
  g_assert_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_REASON);
  g_clear_error (&error);

  rows = anv_summary_read (f->db, &query, &error);
  g_assert_no_error (error);
  row = find_row (rows, ANV_SUMMARY_MUNICIPALITY, "2480", "2020-04", ANV_SERVICE_KROM);
  g_assert_cmpuint (row->ended_before_start, ==, 1);
  g_assert_cmpuint (row->ended_before_start_women, ==, female);
  g_assert_cmpuint (row->ended_before_start_men, ==, !female);
  g_assert_cmpuint (row->ended_interrupted, ==, 0);
  g_assert_cmpuint (row->ended_job + row->ended_studies, ==, 0);
  row = find_row (rows, ANV_SUMMARY_NATIONAL, "", "2020-04", ANV_SERVICE_KROM);
  g_assert_cmpuint (row->ended_before_start, ==, 1);
  row = find_row (rows, ANV_SUMMARY_MUNICIPALITY, "2480", "2020-05", ANV_SERVICE_KROM);
  g_assert_cmpuint (row->ended_job, ==, 1);
  g_assert_cmpuint (row->ended_before_start, ==, 0);
  anv_test_assert_summary_matches_recount (f->db, "2020-01", "2020-12", NULL);
  anv_test_assert_summary_splits_add_up (f->db, "2020-01", "2020-12", TRUE);
}

/* Schema 10 counts the ends before the start apart. A database of version
 * 9, where an interruption before the start was counted as avbrott, has
 * it moved, with its split; a started one's interruption stays, and so
 * does one that retention removed: it cannot be told apart any more, and
 * the totals stay as they were kept. */
static void
test_summary_before_start_migration (Fixture       *f,
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
  AnvSummaryQuery query = { "2020-04", "2020-05", ANV_SERVICE_KROM, NULL };
  g_autoptr (GArray) rows = NULL;
  const AnvSummaryRow *row;
  gboolean female = is_female (UMEA (f, 0));

  guint64 seekers = 0, referrals = 0;
  GDate ended_before;

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr (AnvReferral) r = decide (f, UMEA (f, i), ANV_SERVICE_NONE, KROM_UMEA, "A",
                                         "2020-04-06", &error);
      g_assert_no_error (error);
    }
  g_assert_true (on (anv_referrals_start, f, UMEA (f, 1), "2020-04-22", &error));
  g_assert_true (end_on (f, UMEA (f, 0), "sjuk", "2020-04-20", &error));
  g_assert_true (end_on (f, UMEA (f, 1), "sjuk", "2020-04-27", &error));
  g_assert_true (end_on (f, UMEA (f, 2), "flyttat", "2020-04-09", &error));
  g_assert_no_error (error);
  /* Retention removes 2, the summary keeps counting it. */
  anv_test_date (&ended_before, 2020, 4, 15);
  g_assert_true (anv_retention_run (f->db, &ended_before, &f->today, &seekers, &referrals,
                                    &error));
  g_assert_no_error (error);
  g_assert_cmpuint (referrals, ==, 1);

  /* Back to version 9: the end before the start counted as avbrott. */
  g_assert_true (anv_db_exec (f->db,
    "UPDATE summary SET ended_interrupted = ended_interrupted + ended_before_start,"
    "  ended_interrupted_women = ended_interrupted_women + ended_before_start_women,"
    "  ended_interrupted_men = ended_interrupted_men + ended_before_start_men;"
    "ALTER TABLE summary DROP COLUMN ended_before_start;"
    "ALTER TABLE summary DROP COLUMN ended_before_start_women;"
    "ALTER TABLE summary DROP COLUMN ended_before_start_men;"
    "ALTER TABLE referral DROP COLUMN start_note;"
    DROP_CHOICE_TABLES
    "DROP TABLE summary_part;"
    "PRAGMA user_version = 9;", &error));
  g_assert_no_error (error);
  g_clear_object (&f->db);

  f->db = anv_schema_open (path, "tester", &error);
  g_assert_no_error (error);
  g_assert_cmpint (anv_db_get_schema_version (f->db), ==, anv_schema_latest_version ());
  rows = anv_summary_read (f->db, &query, &error);
  g_assert_no_error (error);
  row = find_row (rows, ANV_SUMMARY_MUNICIPALITY, "2480", "2020-04", ANV_SERVICE_KROM);
  g_assert_cmpuint (row->ended_interrupted, ==, 2);
  g_assert_cmpuint (row->ended_before_start, ==, 1);
  g_assert_cmpuint (row->ended_before_start_women, ==, female);
  g_assert_cmpuint (row->ended_before_start_men, ==, !female);
  g_assert_cmpuint (row->decided_women + row->decided_men, ==, 3);
  anv_test_assert_summary_splits_add_up (f->db, "2020-01", "2020-12", TRUE);
}

/* Thousands of random decisions, starts, changes, ends and corrections
 * over two years, as a clock moves on; whatever the rules let through, the
 * kept summary must equal a count from scratch, cell by cell. */
static void
test_summary_random (Fixture       *f,
                     gconstpointer  data)
{
  static const char *const reasons[] = { "jobb", "studier", "sjuk", "flyttat", "ovrigt",
                                         "tiden_ute" };
  static const char *const fields[] = { "started_on", "ended_on", "end_reason", "decided_on",
                                        "annulled", "planned_start" };
  GRand *rand = g_rand_new_with_seed (20200406);
  guint n_seekers = f->numbers->len;
  guint accepted[8] = { 0 };
  g_autoptr (GArray) overdue_rows = NULL;
  g_autoptr (GError) read_error = NULL;
  AnvSummaryQuery query = { "2019-12", "2022-01", ANV_SERVICE_NONE, NULL };
  guint overdue = 0, waiting = 0, participating = 0, women = 0, men = 0, before_start = 0;
  guint n_steps = 6000, n_referrals = 0;

  for (guint step = 0; step < n_steps; step++)
    {
      g_autoptr (GError) error = NULL;
      const char *pnr = g_ptr_array_index (f->numbers, g_rand_int_range (rand, 0, n_seekers));
      guint op = (guint) g_rand_int_range (rand, 0, 100);
      guint kind;
      gboolean ok = FALSE;
      GDate day;
      char date[11];

      /* The clock: 2020-01-01 to 2021-12-31, a few days of jitter. */
      anv_test_date (&day, 2020, 1, 1);
      g_date_add_days (&day, step * 730 / n_steps + (guint) g_rand_int_range (rand, 0, 3));
      anv_date_format (&day, date);

      if (op < 30)
        {
          g_autoptr (AnvReferral) r = NULL;

          kind = 0;
          r = decide (f, pnr, ANV_SERVICE_NONE, g_rand_boolean (rand) ? KROM_UMEA : STOM_STHLM,
                      "A", date, &error);
          if (r == NULL && error->code == ANV_REFERRAL_ERROR_LEVEL)
            {
              g_clear_error (&error);
              r = decide (f, pnr, ANV_SERVICE_NONE, STOM_STHLM, "3", date, &error);
            }
          if (r == NULL && error->code == ANV_REFERRAL_ERROR_PROVIDER)
            {
              g_clear_error (&error);
              r = decide (f, pnr, ANV_SERVICE_NONE, KROM_UMEA, "A", date, &error);
            }
          ok = r != NULL;
          n_referrals += ok;
        }
      else if (op < 60)
        {
          kind = 1;
          ok = on (anv_referrals_start, f, pnr, date, &error);
        }
      else if (op < 68)
        {
          kind = 2;
          ok = anv_referrals_change_provider (f->db, pnr, KROM_VASTERAS, TRUE, &day, &f->today,
                                              &error);
        }
      else if (op < 92)
        {
          kind = 3;
          ok = end_on (f, pnr, reasons[g_rand_int_range (rand, 0, G_N_ELEMENTS (reasons))],
                       date, &error);
          /* A result without a start is refused for that reason alone. */
          if (!ok && g_error_matches (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_REASON))
            accepted[7]++;
        }
      else if (op >= 96)
        {
          /* An extension of any referral: most are refused (ended, run
           * out, at the maximum), with a reason. */
          gint64 id = g_rand_int_range (rand, 1, (gint32) MAX (2, n_referrals + 1));

          kind = 5;
          ok = anv_referrals_extend (f->db, id, &day, &f->today, &error);
          if (!ok && error->domain == ANV_REFERRAL_ERROR)
            g_assert_cmpint (error->code, ==, ANV_REFERRAL_ERROR_PERIOD);
          if (!ok && g_error_matches (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_NOT_FOUND))
            continue;
        }
      else
        {
          gint64 id = g_rand_int_range (rand, 1, (gint32) MAX (2, n_referrals + 1));
          const char *field = fields[g_rand_int_range (rand, 0, G_N_ELEMENTS (fields))];
          g_autoptr (AnvReferral) r = anv_referrals_get (f->db, id, NULL);
          const char *value = date;
          GDate shifted;
          char other[11];

          kind = 4;
          if (r == NULL)
            continue;
          /* Near the old value, so that many corrections are allowed. */
          if (strcmp (field, "annulled") == 0)
            value = r->annulled ? "0" : "1";
          else if (strcmp (field, "end_reason") == 0)
            value = reasons[g_rand_int_range (rand, 0, G_N_ELEMENTS (reasons))];
          else if (g_rand_int_range (rand, 0, 6) == 0)
            value = "";
          else
            {
              const char *old = strcmp (field, "decided_on") == 0 ? r->decided_on
                                : strcmp (field, "started_on") == 0 ? r->started_on
                                : strcmp (field, "planned_start") == 0 ? r->planned_start
                                : r->ended_on;

              if (old == NULL)
                old = r->decided_on;
              anv_date_parse (old, &shifted, NULL);
              g_date_add_days (&shifted, (guint) g_rand_int_range (rand, 0, 40));
              anv_date_format (&shifted, other);
              value = other;
            }
          ok = anv_referrals_correct (f->db, id, field, value, "slumpad rättelse", &error);
        }

      g_assert_true (ok || error != NULL);
      if (ok)
        accepted[kind]++;

      /* Now and then the periods that ran out are ended. */
      if (step % 1500 == 1499)
        {
          g_autoptr (GArray) ended = NULL;

          g_clear_error (&error);
          g_assert_true (anv_referrals_end_expired (f->db, &day, &f->today, FALSE, &ended,
                                                    &error));
          g_assert_no_error (error);
          accepted[6] += ended->len;
        }
    }
  g_rand_free (rand);

  /* Enough of every kind happened for the comparison to mean something. */
  g_test_message ("accepted: %u decisions, %u starts, %u changes, %u ends, %u corrections, "
                  "%u extensions, %u ended as run out",
                  accepted[0], accepted[1], accepted[2], accepted[3], accepted[4], accepted[5],
                  accepted[6]);
  g_assert_cmpuint (accepted[0], >, 500);
  g_assert_cmpuint (accepted[1], >, 200);
  g_assert_cmpuint (accepted[2], >, 20);
  g_assert_cmpuint (accepted[3], >, 300);
  g_assert_cmpuint (accepted[4], >, 50);
  g_assert_cmpuint (accepted[5], >, 20);
  g_assert_cmpuint (accepted[6], >, 20);
  g_assert_cmpuint (accepted[7], >, 20);
  anv_test_assert_summary_matches_recount (f->db, "2019-12", "2022-01", NULL);
  anv_test_assert_summary_splits_add_up (f->db, "2019-12", "2022-01", TRUE);

  /* Overdue referrals were there to count, and some waiting at a month's
   * end as well as some taking part. */
  overdue_rows = anv_summary_read (f->db, &query, &read_error);
  g_assert_no_error (read_error);
  for (guint i = 0; i < overdue_rows->len; i++)
    {
      const AnvSummaryRow *row = &g_array_index (overdue_rows, AnvSummaryRow, i);

      overdue += row->overdue_end;
      if (row->level == ANV_SUMMARY_MUNICIPALITY)
        {
          waiting += row->waiting;
          participating += row->participating;
          women += row->started_women + row->ended_job_women + row->active_women;
          men += row->started_men + row->ended_interrupted_men + row->active_men;
          before_start += row->ended_before_start;
        }
    }
  g_assert_cmpuint (overdue, >, 0);
  g_assert_cmpuint (waiting, >, 0);
  g_assert_cmpuint (participating, >, 0);
  g_assert_cmpuint (women, >, 0);
  g_assert_cmpuint (men, >, 0);
  g_assert_cmpuint (before_start, >, 0);

  /* The recount from scratch (anv_summary_rebuild()) counts the same. */
  g_assert_true (anv_summary_rebuild (f->db, &read_error));
  g_assert_no_error (read_error);
  anv_test_assert_summary_matches_recount (f->db, "2019-12", "2022-01", NULL);
  anv_test_assert_summary_splits_add_up (f->db, "2019-12", "2022-01", TRUE);
}

/* Schema 9 splits every count by sex and the active into deltar and
 * väntar. On a database of version 8 on which retention removed a
 * referral, the migration fills the splits from the referrals that remain
 * where they are complete, leaves them unknown in the cells that still
 * count the removed one, and keeps every total. */
static void
test_summary_split_migration (Fixture       *f,
                              gconstpointer  data)
{
  /* An old SQLite file, migrated */
  if (anv_test_on_server ())
    {
      g_test_skip ("needs a SQLite file");
      return;
    }
  static const char *const new_columns[] = {
    "started_women", "started_men", "ended_job_women", "ended_job_men",
    "ended_studies_women", "ended_studies_men", "ended_interrupted_women",
    "ended_interrupted_men", "participating_women", "participating_men", "waiting_women",
    "waiting_men", "ended_before_start", "ended_before_start_women",
    "ended_before_start_men",
  };
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "anvisa.db", NULL);
  AnvSummaryQuery query = { "2020-04", "2020-08", ANV_SERVICE_KROM, NULL };
  g_autoptr (GArray) before = NULL;
  g_autoptr (GArray) after = NULL;
  g_autoptr (GString) downgrade = g_string_new (NULL);
  gboolean female[3];
  guint64 seekers = 0, referrals = 0;
  GDate ended_before;
  const AnvSummaryRow *row;

  /* 0 starts in April and gets a job in May; 1 starts in April and goes
   * on; 2 is decided in June and waits. Retention removes 0. */
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr (AnvReferral) r = decide (f, UMEA (f, i), ANV_SERVICE_NONE, KROM_UMEA, "A",
                                         i == 2 ? "2020-06-01" : "2020-04-06", &error);
      g_assert_no_error (error);
      female[i] = is_female (UMEA (f, i));
    }
  g_assert_true (on (anv_referrals_start, f, UMEA (f, 0), "2020-04-22", &error));
  g_assert_true (on (anv_referrals_start, f, UMEA (f, 1), "2020-04-22", &error));
  g_assert_true (end_on (f, UMEA (f, 0), "jobb", "2020-05-15", &error));
  g_assert_no_error (error);
  anv_test_date (&ended_before, 2020, 6, 1);
  g_assert_true (anv_retention_run (f->db, &ended_before, &f->today, &seekers, &referrals,
                                    &error));
  g_assert_no_error (error);
  g_assert_cmpuint (referrals, ==, 1);
  before = anv_summary_read (f->db, &query, &error);
  g_assert_no_error (error);

  /* Back to version 8: the summary as it was kept then. */
  for (guint i = 0; i < G_N_ELEMENTS (new_columns); i++)
    g_string_append_printf (downgrade, "ALTER TABLE summary DROP COLUMN %s;", new_columns[i]);
  g_string_append (downgrade, "ALTER TABLE referral DROP COLUMN start_note;"
                              DROP_CHOICE_TABLES
                              "DROP TABLE summary_part;"
                              "PRAGMA user_version = 8;");
  g_assert_true (anv_db_exec (f->db, downgrade->str, &error));
  g_assert_no_error (error);
  g_clear_object (&f->db);

  f->db = anv_schema_open (path, "tester", &error);
  g_assert_no_error (error);
  g_assert_cmpint (anv_db_get_schema_version (f->db), ==, anv_migrations_latest ());
  after = anv_summary_read (f->db, &query, &error);
  g_assert_no_error (error);

  /* Every total as it was kept. */
  g_assert_cmpuint (after->len, ==, before->len);
  for (guint i = 0; i < after->len; i++)
    {
      const AnvSummaryRow *a = &g_array_index (before, AnvSummaryRow, i);
      const AnvSummaryRow *b = &g_array_index (after, AnvSummaryRow, i);

      g_assert_cmpuint (a->decided_women, ==, b->decided_women);
      g_assert_cmpuint (a->decided_men, ==, b->decided_men);
      g_assert_cmpuint (a->started, ==, b->started);
      g_assert_cmpuint (a->ended_job, ==, b->ended_job);
      g_assert_cmpuint (a->active_end, ==, b->active_end);
      g_assert_cmpuint (a->overdue_end, ==, b->overdue_end);
    }

  /* April: both started and were active; 0 is gone, so the splits are
   * not known, the totals are. */
  row = find_row (after, ANV_SUMMARY_MUNICIPALITY, "2480", "2020-04", ANV_SERVICE_KROM);
  g_assert_cmpuint (row->started, ==, 2);
  g_assert_cmpuint (row->started_women, ==, ANV_SUMMARY_UNKNOWN);
  g_assert_cmpuint (row->started_men, ==, ANV_SUMMARY_UNKNOWN);
  g_assert_cmpuint (row->active_end, ==, 2);
  g_assert_cmpuint (row->participating, ==, ANV_SUMMARY_UNKNOWN);
  g_assert_cmpuint (row->active_women, ==, ANV_SUMMARY_UNKNOWN);
  /* The county's and the country's splits are unknown with it. */
  row = find_row (after, ANV_SUMMARY_NATIONAL, "", "2020-04", ANV_SERVICE_KROM);
  g_assert_cmpuint (row->started_women, ==, ANV_SUMMARY_UNKNOWN);
  g_assert_cmpuint (row->started, ==, 2);

  /* May: the job was 0's, unknown; the one active is 1, known. */
  row = find_row (after, ANV_SUMMARY_MUNICIPALITY, "2480", "2020-05", ANV_SERVICE_KROM);
  g_assert_cmpuint (row->ended_job, ==, 1);
  g_assert_cmpuint (row->ended_job_women, ==, ANV_SUMMARY_UNKNOWN);
  g_assert_cmpuint (row->active_end, ==, 1);
  g_assert_cmpuint (row->participating_women, ==, female[1]);
  g_assert_cmpuint (row->participating_men, ==, !female[1]);
  g_assert_cmpuint (row->waiting, ==, 0);

  /* June and after (a month without a row of its own): 1 takes part, 2
   * waits. */
  for (guint month = 6; month <= 8; month++)
    {
      g_autofree char *text = g_strdup_printf ("2020-%02u", month);

      row = find_row (after, ANV_SUMMARY_MUNICIPALITY, "2480", text, ANV_SERVICE_KROM);
      g_assert_cmpuint (row->active_end, ==, 2);
      g_assert_cmpuint (row->participating, ==, 1);
      g_assert_cmpuint (row->waiting_women, ==, female[2]);
      g_assert_cmpuint (row->waiting_men, ==, !female[2]);
      g_assert_cmpuint (row->active_women, ==, female[1] + female[2]);
    }
  anv_test_assert_summary_splits_add_up (f->db, "2020-01", "2020-12", FALSE);

  /* Kept on from there: 2 starts in July. The unknown stays unknown. */
  g_assert_true (on (anv_referrals_start, f, UMEA (f, 2), "2020-07-20", &error));
  g_assert_no_error (error);
  g_clear_pointer (&after, g_array_unref);
  after = anv_summary_read (f->db, &query, &error);
  g_assert_no_error (error);
  row = find_row (after, ANV_SUMMARY_MUNICIPALITY, "2480", "2020-07", ANV_SERVICE_KROM);
  g_assert_cmpuint (row->participating, ==, 2);
  g_assert_cmpuint (row->waiting, ==, 0);
  g_assert_cmpuint (row->started_women, ==, female[2]);
  row = find_row (after, ANV_SUMMARY_MUNICIPALITY, "2480", "2020-04", ANV_SERVICE_KROM);
  g_assert_cmpuint (row->started_women, ==, ANV_SUMMARY_UNKNOWN);
  anv_test_assert_summary_splits_add_up (f->db, "2020-01", "2020-12", FALSE);
}

/* A referral's period: its last day, extensions and their refusals. */
static void
test_periods (Fixture       *f,
              gconstpointer  data)
{
  static const struct { const char *start; guint months; const char *last; } days[] = {
    { "2020-04-16", 6, "2020-10-15" },
    { "2020-08-31", 6, "2021-02-27" },     /* clamped to February's end, less a day */
    { "2019-08-31", 6, "2020-02-28" },     /* a leap year */
    { "2020-03-01", 12, "2021-02-28" },
    { "2020-11-30", 3, "2021-02-27" },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvReferral) r = NULL;
  g_autoptr (AnvReferral) after = NULL;
  g_autoptr (GPtrArray) extensions = NULL;
  GDate day;

  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      GDate start, last;
      char text[11];

      anv_date_parse (days[i].start, &start, NULL);
      anv_referrals_period_last_day (&start, days[i].months, &last);
      anv_date_format (&last, text);
      g_assert_cmpstr (text, ==, days[i].last);
    }

  /* KROM: 6 months from the planned start, then from the start. */
  r = decide (f, UMEA (f, 0), ANV_SERVICE_NONE, KROM_UMEA, "B", "2020-04-01", &error);
  g_assert_no_error (error);
  /* The planned start, ten working days on (Easter between): 2020-04-17 */
  g_assert_cmpstr (r->period_end, ==, "2020-10-16");
  g_assert_true (anv_referral_allowed_events (r) & ANV_REFERRAL_EVENT_EXTEND);
  g_assert_true (on (anv_referrals_start, f, UMEA (f, 0), "2020-04-20", &error));
  after = anv_referrals_get (f->db, r->id, &error);
  g_assert_cmpstr (after->period_end, ==, "2020-10-19");
  g_clear_pointer (&after, anv_referral_free);

  /* An extension after the last day is refused, with what to do. */
  anv_test_date (&day, 2020, 10, 20);
  g_assert_false (anv_referrals_extend (f->db, r->id, &day, &f->today, &error));
  g_assert_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_PERIOD);
  g_assert_nonnull (strstr (error->message, "2020-10-19"));
  g_clear_error (&error);

  /* On the last day: 6 more months, audited. */
  anv_test_date (&day, 2020, 10, 19);
  g_assert_true (anv_referrals_extend (f->db, r->id, &day, &f->today, &error));
  g_assert_no_error (error);
  after = anv_referrals_get (f->db, r->id, &error);
  g_assert_cmpstr (after->period_end, ==, "2021-04-19");
  g_assert_cmpuint (after->period_months, ==, 12);
  g_assert_false (anv_referral_allowed_events (after) & ANV_REFERRAL_EVENT_EXTEND);
  extensions = anv_referrals_extensions (f->db, r->id, &error);
  g_assert_cmpuint (extensions->len, ==, 1);
  {
    gint64 n = 0;

    g_assert_true (anv_db_query_int64 (f->db, "SELECT count(*) FROM audit_log "
                                       "WHERE action = 'referral.extend'", &n, &error));
    g_assert_cmpint (n, ==, 1);
  }

  /* At the maximum of 12 months: refused, saying so. */
  g_assert_false (anv_referrals_extend (f->db, r->id, &day, &f->today, &error));
  g_assert_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_PERIOD);
  g_assert_nonnull (strstr (error->message, "maximum of 12 months"));
  g_clear_error (&error);

  anv_test_assert_summary_matches_recount (f->db, "2020-01", "2021-12", NULL);
}

/* Nothing counts as active at a month's end after its period's last day,
 * ended or not; it counts as overdue until end-expired ends it on that
 * day. */
static void
test_nothing_active_past_period (Fixture       *f,
                                 gconstpointer  data)
{
  AnvSummaryQuery query = { "2020-09", "2020-11", ANV_SERVICE_KROM, "24" };
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvReferral) r = NULL;
  g_autoptr (AnvReferral) after = NULL;
  g_autoptr (GArray) rows = NULL;
  g_autoptr (GArray) ids = NULL;
  GDate day;

  /* Started 2020-04-20: the last day is 2020-10-19, and it never ends. */
  r = decide (f, UMEA (f, 0), ANV_SERVICE_NONE, KROM_UMEA, "B", "2020-04-01", &error);
  g_assert_no_error (error);
  g_assert_true (on (anv_referrals_start, f, UMEA (f, 0), "2020-04-20", &error));

  rows = anv_summary_read (f->db, &query, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    {
      const AnvSummaryRow *row = &g_array_index (rows, AnvSummaryRow, i);

      if (row->level != ANV_SUMMARY_COUNTY)
        continue;
      /* September: within the period. October and November: overdue. */
      g_assert_cmpuint (row->active_end, ==, strcmp (row->month, "2020-09") == 0 ? 1 : 0);
      g_assert_cmpuint (row->overdue_end, ==, strcmp (row->month, "2020-09") == 0 ? 0 : 1);
    }
  g_clear_pointer (&rows, g_array_unref);
  anv_test_assert_summary_matches_recount (f->db, "2020-01", "2021-12", NULL);

  /* A dry run says which, and writes nothing. */
  anv_test_date (&day, 2020, 11, 20);
  g_assert_true (anv_referrals_end_expired (f->db, &day, &f->today, TRUE, &ids, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, r->id);
  g_clear_pointer (&ids, g_array_unref);
  after = anv_referrals_get (f->db, r->id, &error);
  g_assert_null (after->ended_on);
  g_clear_pointer (&after, anv_referral_free);

  /* Ended on the last day, time ran out: no longer overdue. */
  g_assert_true (anv_referrals_end_expired (f->db, &day, &f->today, FALSE, &ids, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1);
  after = anv_referrals_get (f->db, r->id, &error);
  g_assert_cmpstr (after->ended_on, ==, "2020-10-19");
  g_assert_cmpstr (after->end_reason, ==, "tiden_ute");
  rows = anv_summary_read (f->db, &query, &error);
  for (guint i = 0; i < rows->len; i++)
    {
      const AnvSummaryRow *row = &g_array_index (rows, AnvSummaryRow, i);

      if (row->level != ANV_SUMMARY_COUNTY)
        continue;
      g_assert_cmpuint (row->overdue_end, ==, 0);
      g_assert_cmpuint (row->ended_interrupted, ==, strcmp (row->month, "2020-10") == 0);
    }
  anv_test_assert_summary_matches_recount (f->db, "2020-01", "2021-12", NULL);
}

/* The warning for a decision on a day off, for the CLI and the dialog. */
static void
test_decision_warning (void)
{
  g_autofree char *holiday = NULL;
  g_autofree char *weekday = NULL;
  GDate date;

  anv_test_date (&date, 2020, 6, 6);
  holiday = anv_referrals_decision_warning (&date);
  g_assert_cmpstr (holiday, ==, "The decision is dated on a day off: 2020-06-06 is National Day "
                                "of Sweden, not a working day. Check that the date is right.");
  anv_test_date (&date, 2020, 6, 8);
  weekday = anv_referrals_decision_warning (&date);
  g_assert_null (weekday);
}

/* What may be recorded now, for one referral and for the job seeker, along
 * the life cycle and after an annulment. */
static void
test_allowed_events (Fixture       *f,
                     gconstpointer  data)
{
  /* An open referral within its maximum may also be extended. */
  const AnvReferralEvents open = ANV_REFERRAL_EVENT_CHANGE_PROVIDER | ANV_REFERRAL_EVENT_END
                                 | ANV_REFERRAL_EVENT_EXTEND;
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvReferral) r = NULL;
  g_autoptr (GPtrArray) history = NULL;
  struct
  {
    const char        *step;
    AnvReferralEvents  seeker;    /* anv_referrals_allowed_events() */
    AnvReferralEvents  newest;    /* anv_referral_allowed_events() of the newest */
  } expected[] = {
    { "none", ANV_REFERRAL_EVENT_DECIDE, ANV_REFERRAL_EVENT_NONE },
    { "decided", open | ANV_REFERRAL_EVENT_START, open | ANV_REFERRAL_EVENT_START },
    { "started", open, open },
    { "ended", ANV_REFERRAL_EVENT_DECIDE, ANV_REFERRAL_EVENT_NONE },
    { "decided again", open | ANV_REFERRAL_EVENT_START, open | ANV_REFERRAL_EVENT_START },
    { "annulled", ANV_REFERRAL_EVENT_DECIDE, ANV_REFERRAL_EVENT_NONE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      switch (i)
        {
        case 1:
          r = decide (f, STHLM (f, 0), ANV_SERVICE_NONE, STOM_STHLM, "3", "2020-04-06",
                      &error);
          break;
        case 2:
          on (anv_referrals_start, f, STHLM (f, 0), "2020-04-22", &error);
          break;
        case 3:
          end_on (f, STHLM (f, 0), "jobb", "2020-09-30", &error);
          break;
        case 4:
          g_clear_pointer (&r, anv_referral_free);
          r = decide (f, STHLM (f, 0), ANV_SERVICE_NONE, STOM_STHLM, "1", "2020-10-05",
                      &error);
          break;
        case 5:
          anv_referrals_correct (f->db, r->id, "annulled", "1", "Beslutad på fel person",
                                 &error);
          break;
        default:
          break;
        }
      g_assert_no_error (error);

      g_clear_pointer (&history, g_ptr_array_unref);
      history = anv_referrals_for_seeker (f->db, STHLM (f, 0), &f->today, &error);
      g_assert_no_error (error);
      g_test_message ("%s", expected[i].step);
      g_assert_cmpint (anv_referrals_allowed_events (history), ==, expected[i].seeker);
      if (history->len > 0)
        g_assert_cmpint (anv_referral_allowed_events (g_ptr_array_index (history, 0)), ==,
                         expected[i].newest);
    }
  g_assert_cmpint (anv_referrals_allowed_events (NULL), ==, ANV_REFERRAL_EVENT_DECIDE);
}

/* Why the other service is not offered: one sentence, from the periods of
 * availability (Umeå: KROM from 2020-03-30; Stockholm: KROM from 2021-12-07). */
static void
test_explain_unavailable (Fixture       *f,
                          gconstpointer  data)
{
  static const struct
  {
    AnvService  unavailable;
    AnvService  applies;
    const char *code;
    const char *name;
    const char *date;
    const char *language;
    const char *expected;
  } cases[] = {
    { ANV_SERVICE_STOM, ANV_SERVICE_KROM, "2480", "Umeå", "2020-04-06", NULL,
      "Stöd och matchning is not offered in Umeå since March 30, 2020: there Rusta och "
      "matcha applies." },
    { ANV_SERVICE_KROM, ANV_SERVICE_STOM, "0180", "Stockholm", "2020-04-06", NULL,
      "Rusta och matcha is not offered in Stockholm before December 7, 2021: there Stöd och "
      "matchning applies." },
    { ANV_SERVICE_STOM, ANV_SERVICE_KROM, "0180", "Stockholm", "2021-12-07", NULL,
      "Stöd och matchning is not offered in Stockholm since December 7, 2021: there Rusta "
      "och matcha applies." },
    { ANV_SERVICE_KROM, ANV_SERVICE_STOM, "0180", "Stockholm", "2021-12-06", "sv",
      "Rusta och matcha finns inte i Stockholm före 7 december 2021: där gäller Stöd och "
      "matchning." },
    { ANV_SERVICE_KROM, ANV_SERVICE_NONE, "2480", "Umeå", "1999-04-06", NULL,
      "No matching service can be decided in Umeå on April 6, 1999." },
  };
  g_autofree char *saved_locale = g_strdup (setlocale (LC_ALL, NULL));

  anv_i18n_init ();
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *why = NULL;
      GDate date;

      g_assert_true (anv_date_parse (cases[i].date, &date, NULL));
      anv_test_set_language (cases[i].language);
      why = anv_referrals_explain_unavailable (f->db, cases[i].unavailable, cases[i].applies,
                                               cases[i].code, cases[i].name, &date, &error);
      anv_test_set_language (NULL);
      g_assert_no_error (error);
      g_assert_cmpstr (why, ==, cases[i].expected);
    }
  setlocale (LC_ALL, saved_locale);

  /* The rule refuses the other service with the same sentence. */
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (AnvReferral) r = decide (f, UMEA (f, 0), ANV_SERVICE_STOM, STOM_STHLM, "2",
                                        "2020-04-06", &error);

    g_assert_null (r);
    g_assert_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_SERVICE);
    g_assert_cmpstr (error->message, ==, cases[0].expected);
  }
}

/* The levels of each service, and their names in a list, in both languages. */
static void
test_levels (void)
{
  static const struct
  {
    AnvService  service;
    const char *levels;        /* the codes, joined */
    const char *level;
    const char *label_en;
    const char *label_sv;
  } cases[] = {
    { ANV_SERVICE_KROM, "ABC", "B", "Level B", "Nivå B" },
    { ANV_SERVICE_STOM, "1234", "2", "Track 2: Basic with language support",
      "Spår 2: Grundläggande med språkstöd" },
    { ANV_SERVICE_STOM, "1234", "4", "Track 4: Enhanced with language support",
      "Spår 4: Förstärkt med språkstöd" },
    { ANV_SERVICE_KROM, "ABC", "2", NULL, NULL },
    { ANV_SERVICE_STOM, "1234", "A", NULL, NULL },
    { ANV_SERVICE_STOM, "1234", NULL, NULL, NULL },
    { ANV_SERVICE_NONE, "", "A", NULL, NULL },
  };
  g_autofree char *saved_locale = g_strdup (setlocale (LC_ALL, NULL));

  anv_i18n_init ();
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *joined = g_strjoinv ("", (char **) anv_referral_levels (cases[i].service));
      g_autofree char *label_en = NULL;
      g_autofree char *label_sv = NULL;

      g_assert_cmpstr (joined, ==, cases[i].levels);
      label_en = anv_referral_level_label (cases[i].service, cases[i].level);
      anv_test_set_language ("sv");
      label_sv = anv_referral_level_label (cases[i].service, cases[i].level);
      anv_test_set_language (NULL);
      g_assert_cmpstr (label_en, ==, cases[i].label_en);
      g_assert_cmpstr (label_sv, ==, cases[i].label_sv);
    }
  setlocale (LC_ALL, saved_locale);
}

/* A level inside a sentence: one wording for the window, in both
 * languages; NULL for what is not a level of the service. */
static void
test_level_in_sentence (void)
{
  static const struct
  {
    AnvService  service;
    const char *level;
    const char *text_en;
    const char *text_sv;
  } cases[] = {
    { ANV_SERVICE_KROM, "A", "level A", "nivå A" },
    { ANV_SERVICE_KROM, "C", "level C", "nivå C" },
    { ANV_SERVICE_STOM, "2", "track 2", "spår 2" },
    { ANV_SERVICE_STOM, "4", "track 4", "spår 4" },
    { ANV_SERVICE_KROM, "2", NULL, NULL },
    { ANV_SERVICE_STOM, "B", NULL, NULL },
    { ANV_SERVICE_STOM, NULL, NULL, NULL },
    { ANV_SERVICE_NONE, "A", NULL, NULL },
  };
  g_autofree char *saved_locale = g_strdup (setlocale (LC_ALL, NULL));

  anv_i18n_init ();
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text_en = anv_referral_level_in_sentence (cases[i].service,
                                                                 cases[i].level);
      g_autofree char *text_sv = NULL;

      anv_test_set_language ("sv");
      text_sv = anv_referral_level_in_sentence (cases[i].service, cases[i].level);
      anv_test_set_language (NULL);
      g_assert_cmpstr (text_en, ==, cases[i].text_en);
      g_assert_cmpstr (text_sv, ==, cases[i].text_sv);
    }
  setlocale (LC_ALL, saved_locale);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, n) \
  g_test_add (path, Fixture, GUINT_TO_POINTER (n), fixture_set_up, func, fixture_tear_down)
  ADD ("/referrals/decide", test_decide, 8);
  ADD ("/referrals/service-rules", test_service_rules, 8);
  ADD ("/referrals/provider-rules", test_provider_rules, 8);
  ADD ("/referrals/default-spread", test_default_spread, 12);
  ADD ("/referrals/move-leaving", test_move_leaving, 12);
  ADD ("/referrals/history-in-order", test_history_in_order, 4);
  ADD ("/referrals/planned-start", test_planned_start, 8);
  ADD ("/referrals/one-open", test_one_open, 8);
  ADD ("/referrals/life-cycle", test_life_cycle, 8);
  ADD ("/referrals/corrections", test_corrections, 8);
  ADD ("/referrals/allowed-events", test_allowed_events, 8);
  ADD ("/referrals/explain-unavailable", test_explain_unavailable, 8);
  ADD ("/summary/story", test_summary_story, 8);
  ADD ("/summary/random", test_summary_random, 300);
  ADD ("/referrals/result-needs-start", test_result_needs_start, 20);
  ADD ("/referrals/early-start", test_early_start, 8);
  ADD ("/summary/before-start-migration", test_summary_before_start_migration, 20);
  ADD ("/summary/split-migration", test_summary_split_migration, 8);
  ADD ("/referrals/periods", test_periods, 4);
  ADD ("/summary/nothing-active-past-period", test_nothing_active_past_period, 4);
#undef ADD
  g_test_add_func ("/referrals/decision-warning", test_decision_warning);
  g_test_add_func ("/referrals/levels", test_levels);
  g_test_add_func ("/referrals/level-in-sentence", test_level_in_sentence);

  return g_test_run ();
}
