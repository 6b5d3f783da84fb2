/* test-providers.c — tests for providers, delivery areas and approvals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The organisationsnummer are public ones of state agencies (202100-2114
 * Arbetsförmedlingen, 202100-5448 Skatteverket, 202100-5521
 * Försäkringskassan) or invented ones that pass the check digit
 * (556000-0001 and on). The sole trader's personnummer is one of
 * Skatteverket's published test numbers (data/skatteverket_test*.json).
 */
#define G_LOG_DOMAIN "anvisa-test-providers"

#include <stdio.h>
#include <string.h>

#include "anv-approvals.h"
#include "anv-audit.h"
#include "anv-csv-reader.h"
#include "anv-delivery-areas.h"
#include "anv-map.h"
#include "anv-municipalities.h"
#include "anv-orgnr.h"
#include "anv-provider-import.h"
#include "anv-providers.h"
#include "anv-test-util.h"

#define AF    "202100-2114"    /* Arbetsförmedlingen */
#define SKV   "202100-5448"    /* Skatteverket */
#define FK    "202100-5521"    /* Försäkringskassan */
#define AB1   "556000-0001"
#define AB2   "556000-0019"
#define AB3   "556000-0027"
#define SOLE  "19850101-2382"  /* a sole trader: Skatteverket test personnummer */

#define UMEA       "2480"
#define SKELLEFTEA "2482"
#define STOCKHOLM  "0180"
#define LYCKSELE   "2481"

/* Helpers */

static void
set_today (GDate *today)
{
  anv_test_date (today, 2026, 11, 22);
}

static void
parse_date (const char *text,
            GDate      *date)
{
  guint year, month, day;

  g_assert_cmpint (sscanf (text, "%u-%u-%u", &year, &month, &day), ==, 3);
  anv_test_date (date, year, month, day);
}

static AnvProvider *
add_provider (AnvDb      *db,
              const char *orgnr,
              const char *name,
              const char *municipality)
{
  g_autoptr (GError) error = NULL;
  AnvProvider *provider;
  GDate today;

  set_today (&today);
  provider = anv_providers_add (db, orgnr, name, municipality, &today, &error);
  if (provider == NULL)
    g_error ("%s (%s) was refused: %s", orgnr, name, error->message);
  return provider;
}

static GError *
add_provider_error (AnvDb      *db,
                    const char *orgnr,
                    const char *name,
                    const char *municipality)
{
  GError *error = NULL;
  AnvProvider *provider;
  GDate today;

  set_today (&today);
  provider = anv_providers_add (db, orgnr, name, municipality, &today, &error);
  if (provider != NULL)
    g_error ("%s (%s) was accepted", orgnr, name);
  g_assert_nonnull (error);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  return error;
}

/* @codes: comma-separated, or NULL for no list at all. */
static gboolean
add_area_full (AnvDb       *db,
               const char  *name,
               AnvService   service,
               const char  *codes,
               GError     **error)
{
  g_auto (GStrv) list = codes ? g_strsplit (codes, ",", -1) : NULL;

  return anv_areas_add (db, name, service, (const char * const *) list, error);
}

static void
add_area (AnvDb      *db,
          const char *name,
          AnvService  service,
          const char *codes)
{
  g_autoptr (GError) error = NULL;

  if (!add_area_full (db, name, service, codes, &error))
    g_error ("area %s was refused: %s", name, error->message);
}

/* @to may be NULL: until further notice. */
static gboolean
approve_full (AnvDb       *db,
              const char  *orgnr,
              const char  *area,
              const char  *from,
              const char  *to,
              GError     **error)
{
  GDate today, first, last;

  set_today (&today);
  parse_date (from, &first);
  if (to != NULL)
    parse_date (to, &last);
  return anv_providers_approve (db, orgnr, area, &first, to ? &last : NULL, &today, error);
}

static void
approve (AnvDb      *db,
         const char *orgnr,
         const char *area,
         const char *from,
         const char *to)
{
  g_autoptr (GError) error = NULL;

  if (!approve_full (db, orgnr, area, from, to, &error))
    g_error ("approving %s in %s was refused: %s", orgnr, area, error->message);
}

static guint
count_audit (AnvDb      *db,
             const char *action)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) entries = anv_audit_list (db, NULL, NULL, NULL, 100000, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      AnvAuditEntry *entry = g_ptr_array_index (entries, i);

      if (g_strcmp0 (entry->action, action) == 0)
        {
          g_assert_cmpstr (entry->actor, ==, "tester");
          n++;
        }
    }
  return n;
}

static guint
count_providers (AnvDb *db)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) providers = anv_providers_list (db, &error);

  g_assert_no_error (error);
  return providers->len;
}

static guint
count_areas (AnvDb *db)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) areas = anv_areas_list (db, &error);

  g_assert_no_error (error);
  return areas->len;
}

/* Runs SQL on the database through a connection of its own, for what the
 * API does not offer (deactivating a provider, clearing centres). */
static void
run_sql (AnvDb      *db,
         const char *sql)
{
  anv_test_exec_raw (db, sql);
}

/* The providers' names, joined by commas. */
static char *
join_names (GPtrArray *providers)
{
  g_autoptr (GString) names = g_string_new (NULL);

  for (guint i = 0; i < providers->len; i++)
    {
      AnvProvider *p = g_ptr_array_index (providers, i);

      if (i > 0)
        g_string_append_c (names, ',');
      g_string_append (names, p->name);
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

/* Providers */

static void
test_add_and_get (void)
{
  static const struct
  {
    const char *input;
    const char *digits;
    const char *name;
    const char *municipality;
    const char *municipality_name;
  } cases[] = {
    { AF, "2021002114", "Arbetsförmedlingen", STOCKHOLM, "Stockholm" },
    { "2021005448", "2021005448", "  Skatteverket  ", "0184", "Solna" },
    { "16202100-5521", "2021005521", "Försäkringskassan", "1480", "Göteborg" },
    { AB1, "5560000001", "Cafe\xcc\x81 Matchning AB", UMEA, "Umeå" },   /* NFD é */
    { SOLE, "8501012382", "Anna Andersson Coaching", SKELLEFTEA, "Skellefteå" },
    /* Born in 2000: the ten digits start with 0. */
    { "20000101-2384", "0001012384", "Eva Ek Konsult", UMEA, "Umeå" },
  };
  static const char *const expected_names[] = {
    "Arbetsförmedlingen", "Skatteverket", "Försäkringskassan", "Café Matchning AB",
    "Anna Andersson Coaching", "Eva Ek Konsult",
  };
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *names = NULL;
  GDate today;

  set_today (&today);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (AnvProvider) provider = add_provider (db, cases[i].input, cases[i].name,
                                                      cases[i].municipality);
      g_autoptr (AnvProvider) by_orgnr = NULL;
      g_autoptr (AnvProvider) by_id = NULL;
      g_autofree char *formatted = anv_orgnr_format (cases[i].digits);

      g_assert_cmpint (provider->id, >, 0);
      g_assert_cmpstr (provider->orgnr, ==, cases[i].digits);
      g_assert_cmpstr (provider->name, ==, expected_names[i]);
      g_assert_cmpstr (provider->municipality_code, ==, cases[i].municipality);
      g_assert_cmpstr (provider->municipality_name, ==, cases[i].municipality_name);
      g_assert_true (provider->active);

      /* Found again by the number in another form, and by id. */
      by_orgnr = anv_providers_get (db, formatted, &today, &error);
      g_assert_no_error (error);
      g_assert_cmpint (by_orgnr->id, ==, provider->id);
      by_id = anv_providers_get_by_id (db, provider->id, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (by_id->orgnr, ==, cases[i].digits);
    }

  list = anv_providers_list (db, &error);
  g_assert_no_error (error);
  names = join_names (list);
  g_assert_cmpstr (names, ==, "Anna Andersson Coaching,Arbetsförmedlingen,Café Matchning AB,"
                              "Eva Ek Konsult,Försäkringskassan,Skatteverket");
  g_assert_cmpuint (count_audit (db, "provider.add"), ==, G_N_ELEMENTS (cases));

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

static void
test_get_unknown (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (AnvProvider) provider = NULL;
  g_autoptr (GError) error = NULL;
  GDate today;

  set_today (&today);
  provider = anv_providers_get (db, AF, &today, &error);
  g_assert_null (provider);
  g_assert_error (error, ANV_PROVIDER_ERROR, ANV_PROVIDER_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, AF));
  g_clear_error (&error);

  provider = anv_providers_get_by_id (db, 4711, &error);
  g_assert_null (provider);
  g_assert_error (error, ANV_PROVIDER_ERROR, ANV_PROVIDER_ERROR_NOT_FOUND);
  g_clear_error (&error);

  provider = anv_providers_get (db, "202100-2115", &today, &error);
  g_assert_null (provider);
  g_assert_error (error, ANV_ORGNR_ERROR, ANV_ORGNR_ERROR_CHECK_DIGIT);

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

static void
test_add_duplicate (void)
{
  static const char *const again[] = { AF, "2021002114", "162021002114", " 202100-2114 " };
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (AnvProvider) first = add_provider (db, AF, "Arbetsförmedlingen", STOCKHOLM);

  for (guint i = 0; i < G_N_ELEMENTS (again); i++)
    {
      g_autoptr (GError) error = add_provider_error (db, again[i], "Another Name AB", UMEA);

      g_assert_error (error, ANV_PROVIDER_ERROR, ANV_PROVIDER_ERROR_DUPLICATE);
      /* The message names the provider that is registered. */
      g_assert_nonnull (strstr (error->message, AF));
      g_assert_nonnull (strstr (error->message, "Arbetsförmedlingen"));
      g_assert_nonnull (strstr (error->message, "Stockholm"));
      g_assert_nonnull (strstr (error->message, "tester"));
    }
  g_assert_cmpuint (count_providers (db), ==, 1);
  g_assert_cmpuint (count_audit (db, "provider.add"), ==, 1);

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

static void
test_add_bad (void)
{
  g_autofree char *long_name = g_strnfill (201, 'x');
  g_autofree char *longest_name = g_strnfill (200, 'y');
  const struct
  {
    const char *orgnr;
    const char *name;
    const char *municipality;
    GQuark      domain;
    int         code;
    const char *in_message;
  } cases[] = {
    { "", "Namn AB", UMEA, ANV_ORGNR_ERROR, ANV_ORGNR_ERROR_EMPTY, NULL },
    { "202100-2115", "Namn AB", UMEA, ANV_ORGNR_ERROR, ANV_ORGNR_ERROR_CHECK_DIGIT, NULL },
    { "20210-2114", "Namn AB", UMEA, ANV_ORGNR_ERROR, ANV_ORGNR_ERROR_LENGTH, NULL },
    { "2021OO-2114", "Namn AB", UMEA, ANV_ORGNR_ERROR, ANV_ORGNR_ERROR_LETTERS, NULL },
    { AB1, "", UMEA, ANV_PROVIDER_ERROR, ANV_PROVIDER_ERROR_NAME, "provider" },
    { AB1, "   ", UMEA, ANV_PROVIDER_ERROR, ANV_PROVIDER_ERROR_NAME, "provider" },
    { AB1, long_name, UMEA, ANV_PROVIDER_ERROR, ANV_PROVIDER_ERROR_NAME, "201" },
    { AB1, "Namn\tAB", UMEA, ANV_PROVIDER_ERROR, ANV_PROVIDER_ERROR_NAME, "tab" },
    { AB1, "Namn\xff AB", UMEA, ANV_PROVIDER_ERROR, ANV_PROVIDER_ERROR_NAME, "UTF-8" },
    { AB1, "Namn AB", "9999", ANV_MUNICIPALITY_ERROR, ANV_MUNICIPALITY_ERROR_UNKNOWN, "9999" },
    { AB1, "Namn AB", "", ANV_MUNICIPALITY_ERROR, ANV_MUNICIPALITY_ERROR_UNKNOWN, NULL },
    { AB1, "Namn AB", "Umeå", ANV_MUNICIPALITY_ERROR, ANV_MUNICIPALITY_ERROR_UNKNOWN, "Umeå" },
  };
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (AnvProvider) longest = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = add_provider_error (db, cases[i].orgnr, cases[i].name,
                                                    cases[i].municipality);

      g_assert_error (error, cases[i].domain, cases[i].code);
      if (cases[i].in_message != NULL)
        g_assert_nonnull (strstr (error->message, cases[i].in_message));
    }
  g_assert_cmpuint (count_providers (db), ==, 0);
  g_assert_cmpuint (count_audit (db, "provider.add"), ==, 0);

  longest = add_provider (db, AB1, longest_name, UMEA);
  g_assert_cmpstr (longest->name, ==, longest_name);

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

/* Delivery areas */

static void
test_areas_add (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (GPtrArray) areas = NULL;
  g_autoptr (GError) error = NULL;
  AnvArea *area;

  /* Codes are trimmed, sorted and counted once; a municipality may be in
   * several areas, also of the other service. */
  add_area (db, "Västerbotten", ANV_SERVICE_KROM, "2482, 2480,2481,2480");
  add_area (db, "Umeå med omnejd", ANV_SERVICE_KROM, UMEA);
  add_area (db, "Norrland STOM", ANV_SERVICE_STOM, "2480,2581");
  add_area (db, "  Stockholm  ", ANV_SERVICE_KROM, STOCKHOLM);

  areas = anv_areas_list (db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (areas->len, ==, 4);

  area = g_ptr_array_index (areas, 0);
  g_assert_cmpstr (area->name, ==, "Norrland STOM");
  g_assert_cmpint (area->service, ==, ANV_SERVICE_STOM);
  g_assert_cmpstrv (area->municipality_codes, ((const char *const[]) { "2480", "2581", NULL }));

  area = g_ptr_array_index (areas, 1);
  g_assert_cmpstr (area->name, ==, "Stockholm");
  g_assert_cmpstrv (area->municipality_codes, ((const char *const[]) { "0180", NULL }));

  area = g_ptr_array_index (areas, 3);
  g_assert_cmpstr (area->name, ==, "Västerbotten");
  g_assert_cmpint (area->service, ==, ANV_SERVICE_KROM);
  g_assert_cmpstrv (area->municipality_codes,
                    ((const char *const[]) { "2480", "2481", "2482", NULL }));

  g_assert_cmpuint (count_audit (db, "area.add"), ==, 4);

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

static void
test_areas_bad (void)
{
  static const struct
  {
    const char *name;
    AnvService  service;
    const char *codes;
    int         code;
    const char *in_message;
  } cases[] = {
    { "Norr", ANV_SERVICE_KROM, "2480,9999", ANV_PROVIDER_ERROR_AREA, "9999" },
    { "Norr", ANV_SERVICE_KROM, "2480,Umeå", ANV_PROVIDER_ERROR_AREA, "Umeå" },
    { "Norr", ANV_SERVICE_KROM, "", ANV_PROVIDER_ERROR_AREA, "Norr" },
    { "Norr", ANV_SERVICE_KROM, "2480,,2482", ANV_PROVIDER_ERROR_AREA, "empty" },
    { "Norr", ANV_SERVICE_KROM, NULL, ANV_PROVIDER_ERROR_AREA, "no municipalities" },
    { "Norr", ANV_SERVICE_NONE, "2480", ANV_PROVIDER_ERROR_AREA, "KROM" },
    { "", ANV_SERVICE_KROM, "2480", ANV_PROVIDER_ERROR_NAME, "area" },
    { "Västerbotten", ANV_SERVICE_KROM, "2480", ANV_PROVIDER_ERROR_AREA, "Västerbotten" },
    { "VÄSTERBOTTEN", ANV_SERVICE_STOM, "2480", ANV_PROVIDER_ERROR_AREA, "already" },
    { " Västerbotten ", ANV_SERVICE_KROM, "2482", ANV_PROVIDER_ERROR_AREA, "already" },
    /* Full-width letters: the same name in another form (anv_text_fold) */
    { "\uFF36\u00C4\uFF33\uFF34\uFF25\uFF32\uFF22\uFF2F\uFF34\uFF34\uFF25\uFF2E",
      ANV_SERVICE_KROM, "2482", ANV_PROVIDER_ERROR_AREA, "already" },
  };
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);

  add_area (db, "Västerbotten", ANV_SERVICE_KROM, "2480,2482");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_false (add_area_full (db, cases[i].name, cases[i].service, cases[i].codes,
                                     &error));
      g_assert_error (error, ANV_PROVIDER_ERROR, cases[i].code);
      if (strstr (error->message, cases[i].in_message) == NULL)
        g_error ("case %u: “%s” does not mention “%s”", i, error->message,
                 cases[i].in_message);
    }
  g_assert_cmpuint (count_areas (db), ==, 1);
  g_assert_cmpuint (count_audit (db, "area.add"), ==, 1);

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

/* Approvals */

static void
test_approve (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (AnvProvider) af = add_provider (db, AF, "Arbetsförmedlingen", UMEA);
  g_autoptr (AnvProvider) skv = add_provider (db, SKV, "Skatteverket", SKELLEFTEA);
  g_autoptr (GPtrArray) approvals = NULL;
  g_autoptr (GError) error = NULL;
  AnvApproval *a;

  add_area (db, "Västerbotten", ANV_SERVICE_KROM, "2480,2482");
  add_area (db, "Umeå STOM", ANV_SERVICE_STOM, UMEA);
  approve (db, SKV, "Västerbotten", "2020-03-30", NULL);
  approve (db, "2021002114", "västerbotten", "2020-03-30", "2020-12-31");
  approve (db, AF, "Västerbotten", "2021-01-01", NULL);
  approve (db, AF, "Umeå STOM", "2014-12-01", "2021-12-06");

  approvals = anv_approvals_list (db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (approvals->len, ==, 4);

  a = g_ptr_array_index (approvals, 0);
  g_assert_cmpstr (a->orgnr, ==, "2021002114");
  g_assert_cmpstr (a->provider_name, ==, "Arbetsförmedlingen");
  g_assert_cmpstr (a->area_name, ==, "Umeå STOM");
  g_assert_cmpint (a->service, ==, ANV_SERVICE_STOM);
  g_assert_cmpstr (a->valid_from, ==, "2014-12-01");
  g_assert_cmpstr (a->valid_to, ==, "2021-12-06");

  a = g_ptr_array_index (approvals, 1);
  g_assert_cmpstr (a->area_name, ==, "Västerbotten");
  g_assert_cmpstr (a->valid_from, ==, "2020-03-30");
  g_assert_cmpstr (a->valid_to, ==, "2020-12-31");

  a = g_ptr_array_index (approvals, 2);
  g_assert_cmpstr (a->valid_from, ==, "2021-01-01");
  g_assert_null (a->valid_to);

  a = g_ptr_array_index (approvals, 3);
  g_assert_cmpstr (a->provider_name, ==, "Skatteverket");
  g_assert_cmpint (a->service, ==, ANV_SERVICE_KROM);

  g_assert_cmpuint (count_audit (db, "provider.approve"), ==, 4);

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

static void
test_approve_bad (void)
{
  /* Arbetsförmedlingen is approved in Västerbotten 2020-03-30 – 2020-12-31
   * and from 2022-01-01 on. */
  static const struct
  {
    const char *orgnr;
    const char *area;
    const char *from;
    const char *to;
    gboolean    orgnr_error; /* the code is in ANV_ORGNR_ERROR, not ANV_PROVIDER_ERROR */
    int         code;        /* -1: accepted */
  } cases[] = {
    { AF, "Västerbotten", "2020-01-01", "2020-03-30", 0, ANV_PROVIDER_ERROR_PERIOD },
    { AF, "Västerbotten", "2020-06-01", "2020-06-30", 0, ANV_PROVIDER_ERROR_PERIOD },
    { AF, "Västerbotten", "2020-01-01", "2021-06-30", 0, ANV_PROVIDER_ERROR_PERIOD },
    { AF, "Västerbotten", "2020-12-31", "2021-03-01", 0, ANV_PROVIDER_ERROR_PERIOD },
    { AF, "Västerbotten", "2019-01-01", NULL, 0, ANV_PROVIDER_ERROR_PERIOD },
    { AF, "Västerbotten", "2021-06-01", "2022-01-01", 0, ANV_PROVIDER_ERROR_PERIOD },
    { AF, "Västerbotten", "2030-01-01", NULL, 0, ANV_PROVIDER_ERROR_PERIOD },
    { AF, "Västerbotten", "2021-03-01", "2021-02-28", 0, ANV_PROVIDER_ERROR_PERIOD },
    { AF, "Nowhere", "2021-01-01", NULL, 0, ANV_PROVIDER_ERROR_AREA },
    { AB1, "Västerbotten", "2021-01-01", NULL, 0, ANV_PROVIDER_ERROR_NOT_FOUND },
    { "202100-2115", "Västerbotten", "2021-01-01", NULL, 1, ANV_ORGNR_ERROR_CHECK_DIGIT },
    /* Accepted: the gaps, a one-day period, and another area. */
    { AF, "Västerbotten", "2020-01-01", "2020-03-29", 0, -1 },
    { AF, "Västerbotten", "2021-01-01", "2021-12-31", 0, -1 },
    { AF, "Umeå", "2020-06-01", NULL, 0, -1 },
    { SKV, "Västerbotten", "2020-06-01", "2020-06-01", 0, -1 },
  };
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (AnvProvider) af = add_provider (db, AF, "Arbetsförmedlingen", UMEA);
  g_autoptr (AnvProvider) skv = add_provider (db, SKV, "Skatteverket", SKELLEFTEA);
  guint accepted = 0;

  add_area (db, "Västerbotten", ANV_SERVICE_KROM, "2480,2482");
  add_area (db, "Umeå", ANV_SERVICE_KROM, UMEA);
  approve (db, AF, "Västerbotten", "2020-03-30", "2020-12-31");
  approve (db, AF, "Västerbotten", "2022-01-01", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      gboolean ok = approve_full (db, cases[i].orgnr, cases[i].area, cases[i].from,
                                  cases[i].to, &error);
      GQuark domain;

      if (cases[i].code < 0)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          accepted++;
          continue;
        }
      domain = cases[i].orgnr_error ? ANV_ORGNR_ERROR : ANV_PROVIDER_ERROR;
      g_assert_false (ok);
      g_assert_error (error, domain, cases[i].code);
      if (cases[i].code == ANV_PROVIDER_ERROR_PERIOD && cases[i].to != NULL
          && strcmp (cases[i].to, cases[i].from) > 0)
        {
          /* An overlap names the provider and the area. */
          g_assert_nonnull (strstr (error->message, "Arbetsförmedlingen"));
          g_assert_nonnull (strstr (error->message, "Västerbotten"));
        }
    }
  g_assert_cmpuint (count_audit (db, "provider.approve"), ==, 2 + accepted);

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

static gboolean
end_approval (AnvDb       *db,
              const char  *orgnr,
              const char  *area,
              const char  *day,
              GError     **error)
{
  GDate today, last;

  set_today (&today);
  parse_date (day, &last);
  return anv_providers_end_approval (db, orgnr, area, &last, &today, error);
}

/* Ending an approval sets its last day; the refusals say why and write
 * nothing. */
static void
test_end_approval (void)
{
  /* Arbetsförmedlingen is approved in Västerbotten 2020-03-30 – 2020-12-31
   * and from 2022-01-01 on, in Umeå 2020-03-30 – 2021-06-30. */
  static const struct
  {
    const char *orgnr;
    const char *area;
    const char *day;
    int         code;        /* -1: accepted */
    const char *says;        /* in the message */
  } cases[] = {
    { AF, "Västerbotten", "2021-03-01", ANV_PROVIDER_ERROR_PERIOD, "2020-12-31" },
    { AF, "Västerbotten", "2020-01-01", ANV_PROVIDER_ERROR_PERIOD, "2020-03-30" },
    { AF, "Västerbotten", "2020-12-31", ANV_PROVIDER_ERROR_PERIOD, "2020-12-31" },
    { SKV, "Västerbotten", "2021-01-01", ANV_PROVIDER_ERROR_NOT_FOUND, "Skatteverket" },
    { AF, "Nowhere", "2021-01-01", ANV_PROVIDER_ERROR_AREA, NULL },
    { AB1, "Västerbotten", "2021-01-01", ANV_PROVIDER_ERROR_NOT_FOUND, NULL },
    /* Accepted: the open one ended, a closed one shortened. */
    { AF, "västerbotten", "2022-08-31", -1, NULL },
    { AF, "Umeå", "2020-08-31", -1, NULL },
    /* Ended now: a later day is refused, naming the last day. */
    { AF, "Västerbotten", "2022-09-30", ANV_PROVIDER_ERROR_PERIOD, "2022-08-31" },
  };
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (AnvProvider) af = add_provider (db, AF, "Arbetsförmedlingen", UMEA);
  g_autoptr (AnvProvider) skv = add_provider (db, SKV, "Skatteverket", SKELLEFTEA);
  g_autoptr (GPtrArray) approvals = NULL;
  g_autoptr (GError) error = NULL;
  guint accepted = 0;
  AnvApproval *a;

  add_area (db, "Västerbotten", ANV_SERVICE_KROM, "2480,2482");
  add_area (db, "Umeå", ANV_SERVICE_KROM, UMEA);
  approve (db, AF, "Västerbotten", "2020-03-30", "2020-12-31");
  approve (db, AF, "Västerbotten", "2022-01-01", NULL);
  approve (db, AF, "Umeå", "2020-03-30", "2021-06-30");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) e = NULL;
      gboolean ok = end_approval (db, cases[i].orgnr, cases[i].area, cases[i].day, &e);

      if (cases[i].code < 0)
        {
          g_assert_no_error (e);
          g_assert_true (ok);
          accepted++;
          continue;
        }
      g_assert_false (ok);
      g_assert_error (e, ANV_PROVIDER_ERROR, cases[i].code);
      if (cases[i].says != NULL)
        g_assert_nonnull (strstr (e->message, cases[i].says));
    }
  g_assert_cmpuint (accepted, ==, 2);
  g_assert_cmpuint (count_audit (db, "provider.end-approval"), ==, accepted);

  approvals = anv_approvals_list (db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (approvals->len, ==, 3);
  a = g_ptr_array_index (approvals, 0);
  g_assert_cmpstr (a->area_name, ==, "Umeå");
  g_assert_cmpstr (a->valid_to, ==, "2020-08-31");
  a = g_ptr_array_index (approvals, 1);
  g_assert_cmpstr (a->valid_to, ==, "2020-12-31");
  a = g_ptr_array_index (approvals, 2);
  g_assert_cmpstr (a->valid_from, ==, "2022-01-01");
  g_assert_cmpstr (a->valid_to, ==, "2022-08-31");

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

static void
test_is_approved (void)
{
  static const struct
  {
    AnvService  service;
    const char *municipality;
    const char *date;
    gboolean    approved;
  } cases[] = {
    { ANV_SERVICE_KROM, UMEA, "2020-03-29", FALSE },
    { ANV_SERVICE_KROM, UMEA, "2020-03-30", TRUE },    /* first day */
    { ANV_SERVICE_KROM, SKELLEFTEA, "2020-07-01", TRUE },
    { ANV_SERVICE_KROM, UMEA, "2020-12-31", TRUE },    /* last day */
    { ANV_SERVICE_KROM, UMEA, "2021-01-01", FALSE },
    { ANV_SERVICE_KROM, UMEA, "2021-05-17", FALSE },
    { ANV_SERVICE_KROM, UMEA, "2021-05-18", TRUE },    /* the second, open period */
    { ANV_SERVICE_KROM, UMEA, "2199-12-31", TRUE },
    { ANV_SERVICE_KROM, STOCKHOLM, "2020-07-01", FALSE },   /* not in the area */
    { ANV_SERVICE_STOM, UMEA, "2020-07-01", FALSE },        /* the area is KROM's */
    { ANV_SERVICE_STOM, LYCKSELE, "2020-07-01", TRUE },
    { ANV_SERVICE_KROM, LYCKSELE, "2020-07-01", FALSE },
  };
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (AnvProvider) af = add_provider (db, AF, "Arbetsförmedlingen", UMEA);
  g_autoptr (AnvProvider) skv = add_provider (db, SKV, "Skatteverket", UMEA);
  g_autoptr (GError) error = NULL;
  gboolean approved = TRUE;
  GDate date;

  add_area (db, "Västerbotten", ANV_SERVICE_KROM, "2480,2482");
  add_area (db, "Lycksele", ANV_SERVICE_STOM, LYCKSELE);
  approve (db, AF, "Västerbotten", "2020-03-30", "2020-12-31");
  approve (db, AF, "Västerbotten", "2021-05-18", NULL);
  approve (db, AF, "Lycksele", "2014-12-01", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      parse_date (cases[i].date, &date);
      g_assert_true (anv_providers_is_approved (db, af->id, cases[i].service,
                                                cases[i].municipality, &date, &approved,
                                                &error));
      g_assert_no_error (error);
      if (approved != cases[i].approved)
        g_error ("case %u (%s %s): %d", i, cases[i].municipality, cases[i].date, approved);

      /* Skatteverket is approved nowhere. */
      g_assert_true (anv_providers_is_approved (db, skv->id, cases[i].service,
                                                cases[i].municipality, &date, &approved,
                                                &error));
      g_assert_false (approved);
    }

  /* An inactive provider is approved nowhere. */
  run_sql (db, "UPDATE provider SET active = 0 WHERE orgnr = '2021002114'");
  parse_date ("2020-07-01", &date);
  g_assert_true (anv_providers_is_approved (db, af->id, ANV_SERVICE_KROM, UMEA, &date,
                                            &approved, &error));
  g_assert_no_error (error);
  g_assert_false (approved);

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

/* The rule for approvals already read agrees with the database's, case by
 * case: first and last day included, no last day open, text dates. */
static void
test_holds_on (void)
{
  static const struct
  {
    const char *from;
    const char *to;         /* NULL: until further notice */
    const char *day;
    gboolean    holds;
    gboolean    ended;
  } cases[] = {
    { "2020-03-30", "2020-12-31", "2020-03-29", FALSE, FALSE },   /* the day before */
    { "2020-03-30", "2020-12-31", "2020-03-30", TRUE, FALSE },    /* the first day */
    { "2020-03-30", "2020-12-31", "2020-07-01", TRUE, FALSE },
    { "2020-03-30", "2020-12-31", "2020-12-31", TRUE, FALSE },    /* the last day */
    { "2020-03-30", "2020-12-31", "2021-01-01", FALSE, TRUE },    /* the day after */
    { "2020-03-30", "2020-03-30", "2020-03-30", TRUE, FALSE },    /* one day long */
    { "2020-03-30", "2020-03-30", "2020-03-31", FALSE, TRUE },
    { "2020-03-30", NULL, "2020-03-29", FALSE, FALSE },
    { "2020-03-30", NULL, "2020-03-30", TRUE, FALSE },
    { "2020-03-30", NULL, "2199-12-31", TRUE, FALSE },            /* open: no end */
    { "2019-12-31", "2020-01-01", "2020-01-01", TRUE, FALSE },    /* over the new year */
    { "2019-12-31", "2020-01-01", "2020-01-02", FALSE, TRUE },
    { "1800-01-01", NULL, "1800-01-01", TRUE, FALSE },
  };
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (AnvProvider) af = add_provider (db, AF, "Arbetsförmedlingen", UMEA);
  g_autoptr (GError) error = NULL;

  add_area (db, "Västerbotten", ANV_SERVICE_KROM, UMEA);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GPtrArray) approvals = NULL;
      AnvApproval *approval;
      gboolean in_database = !cases[i].holds;
      GDate day;

      run_sql (db, "DELETE FROM approval");
      approve (db, AF, "Västerbotten", cases[i].from, cases[i].to);
      approvals = anv_approvals_list (db, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (approvals->len, ==, 1);
      approval = g_ptr_array_index (approvals, 0);
      parse_date (cases[i].day, &day);

      g_assert_true (anv_providers_is_approved (db, af->id, ANV_SERVICE_KROM, UMEA, &day,
                                                &in_database, &error));
      g_assert_no_error (error);
      if (anv_approval_holds_on (approval, &day) != cases[i].holds
          || in_database != cases[i].holds
          || anv_approval_ended_before (approval, &day) != cases[i].ended)
        g_error ("case %u (%s..%s on %s): holds %d, in the database %d, ended %d", i,
                 cases[i].from, cases[i].to ? cases[i].to : "", cases[i].day,
                 anv_approval_holds_on (approval, &day), in_database,
                 anv_approval_ended_before (approval, &day));
    }

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

static void
test_approved_for (void)
{
  static const struct
  {
    AnvService  service;
    const char *municipality;
    const char *date;
    const char *names;
  } cases[] = {
    { ANV_SERVICE_KROM, UMEA, "2020-03-29", "" },
    { ANV_SERVICE_KROM, UMEA, "2020-03-30", "Bravo Matchning AB,Delta Rusta AB" },
    { ANV_SERVICE_KROM, SKELLEFTEA, "2020-03-30", "Bravo Matchning AB" },
    { ANV_SERVICE_KROM, UMEA, "2021-01-01", "Alfa Jobb AB,Bravo Matchning AB" },
    { ANV_SERVICE_KROM, STOCKHOLM, "2021-01-01", "" },
    { ANV_SERVICE_STOM, UMEA, "2021-01-01", "" },
  };
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (AnvProvider) a = add_provider (db, AB1, "Alfa Jobb AB", UMEA);
  g_autoptr (AnvProvider) b = add_provider (db, AB2, "Bravo Matchning AB", SKELLEFTEA);
  g_autoptr (AnvProvider) c = add_provider (db, AB3, "Charlie Inaktiv AB", UMEA);
  g_autoptr (AnvProvider) d = add_provider (db, FK, "Delta Rusta AB", STOCKHOLM);
  g_autoptr (GPtrArray) none = NULL;
  g_autoptr (GError) error = NULL;
  GDate date;

  /* Bravo is approved in two areas that both hold Umeå: listed once. */
  add_area (db, "Västerbotten", ANV_SERVICE_KROM, "2480,2482");
  add_area (db, "Umeå", ANV_SERVICE_KROM, UMEA);
  approve (db, AB1, "Umeå", "2021-01-01", NULL);
  approve (db, AB2, "Västerbotten", "2020-03-30", NULL);
  approve (db, AB2, "Umeå", "2020-03-30", NULL);
  approve (db, AB3, "Umeå", "2020-03-30", NULL);
  approve (db, FK, "Umeå", "2020-03-30", "2020-12-31");
  run_sql (db, "UPDATE provider SET active = 0 WHERE orgnr = '5560000027'");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GPtrArray) providers = NULL;
      g_autofree char *names = NULL;

      parse_date (cases[i].date, &date);
      providers = anv_providers_approved_for (db, cases[i].service, cases[i].municipality,
                                              &date, &error);
      g_assert_no_error (error);
      names = join_names (providers);
      if (g_strcmp0 (names, cases[i].names) != 0)
        g_error ("case %u: “%s”, not “%s”", i, names, cases[i].names);
    }

  none = anv_providers_approved_for (db, ANV_SERVICE_KROM, "9999", &date, &error);
  g_assert_null (none);
  g_assert_error (error, ANV_MUNICIPALITY_ERROR, ANV_MUNICIPALITY_ERROR_UNKNOWN);

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

/* "Approved anywhere": any area, the dates both included, active providers
 * only, each once, by name; the service must match. */
static void
test_approved_anywhere (void)
{
  static const struct
  {
    AnvService  service;
    const char *date;
    const char *names;
  } cases[] = {
    { ANV_SERVICE_KROM, "2020-03-29", "" },
    { ANV_SERVICE_KROM, "2020-03-30", "Bravo Matchning AB,Delta Rusta AB" },
    { ANV_SERVICE_KROM, "2020-12-31", "Bravo Matchning AB,Delta Rusta AB" },
    { ANV_SERVICE_KROM, "2021-01-01", "Alfa Jobb AB,Bravo Matchning AB" },
    { ANV_SERVICE_STOM, "2020-06-30", "Alfa Jobb AB" },
    { ANV_SERVICE_STOM, "2020-07-01", "" },
  };
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (AnvProvider) a = add_provider (db, AB1, "Alfa Jobb AB", UMEA);
  g_autoptr (AnvProvider) b = add_provider (db, AB2, "Bravo Matchning AB", SKELLEFTEA);
  g_autoptr (AnvProvider) c = add_provider (db, AB3, "Charlie Inaktiv AB", UMEA);
  g_autoptr (AnvProvider) d = add_provider (db, FK, "Delta Rusta AB", STOCKHOLM);
  GDate date;

  add_area (db, "Västerbotten", ANV_SERVICE_KROM, "2480,2482");
  add_area (db, "Umeå", ANV_SERVICE_KROM, UMEA);
  add_area (db, "Stockholm", ANV_SERVICE_KROM, STOCKHOLM);
  add_area (db, "Skellefteå STOM", ANV_SERVICE_STOM, SKELLEFTEA);
  approve (db, AB1, "Umeå", "2021-01-01", NULL);
  approve (db, AB1, "Skellefteå STOM", "2020-01-01", "2020-06-30");
  approve (db, AB2, "Västerbotten", "2020-03-30", NULL);
  approve (db, AB2, "Umeå", "2020-03-30", NULL);
  approve (db, AB3, "Umeå", "2020-03-30", NULL);
  approve (db, FK, "Stockholm", "2020-03-30", "2020-12-31");
  run_sql (db, "UPDATE provider SET active = 0 WHERE orgnr = '5560000027'");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GPtrArray) providers = NULL;
      g_autoptr (GError) error = NULL;
      g_autofree char *names = NULL;

      parse_date (cases[i].date, &date);
      providers = anv_approvals_list_approved_anywhere (db, cases[i].service, &date, &error);
      g_assert_no_error (error);
      names = join_names (providers);
      if (g_strcmp0 (names, cases[i].names) != 0)
        g_error ("case %u: “%s”, not “%s”", i, names, cases[i].names);
    }

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

/* "556000" and @n as an organisationsnummer with its check digit. */
static char *
make_orgnr (guint n)
{
  g_autofree char *digits = g_strdup_printf ("556000%03u", n);
  guint sum = 0;

  for (guint i = 0; i < 9; i++)
    {
      guint product = (guint) (digits[i] - '0') * (i % 2 == 0 ? 2 : 1);

      sum += product > 9 ? product - 9 : product;
    }
  return g_strdup_printf ("%s%u", digits, (10 - sum % 10) % 10);
}

/* Providers, areas and approvals are listed in Swedish order: å, ä, ö
 * after z (COLLATE NOCASE put Ä before Å), without case. */
static void
test_swedish_order (void)
{
  static const struct
  {
    const char *name;
    const char *municipality;
  } providers[] = {
    { "Örebro Vägledning AB", "1880" },
    { "Åre Matchning AB", "2321" },
    { "Ängelholms Jobbstöd AB", "1292" },
    { "Zenit Jobb AB", UMEA },
    { "Älmhults Rusta AB", "0765" },
    { "arbetslivsresurs AB", UMEA },
    { "Åmåls Jobb AB", "1492" },
    { "Östersunds Coaching AB", "2380" },
  };
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (GPtrArray) areas = NULL;
  g_autoptr (GPtrArray) approvals = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) names = g_string_new (NULL);
  g_autofree char *joined = NULL;
  g_autofree char *zenit = make_orgnr (3);
  g_autofree char *are = make_orgnr (1);
  g_autofree char *angelholm = make_orgnr (2);
  GDate date;

  for (guint i = 0; i < G_N_ELEMENTS (providers); i++)
    {
      g_autofree char *orgnr = make_orgnr (i);
      g_autoptr (AnvProvider) provider = add_provider (db, orgnr, providers[i].name,
                                                       providers[i].municipality);
    }

  list = anv_providers_list (db, &error);
  g_assert_no_error (error);
  joined = join_names (list);
  g_assert_cmpstr (joined, ==, "arbetslivsresurs AB,Zenit Jobb AB,Åmåls Jobb AB,"
                               "Åre Matchning AB,Älmhults Rusta AB,Ängelholms Jobbstöd AB,"
                               "Örebro Vägledning AB,Östersunds Coaching AB");

  add_area (db, "Östersund", ANV_SERVICE_KROM, "2380");
  add_area (db, "Åre", ANV_SERVICE_KROM, "2321");
  add_area (db, "Ängelholm", ANV_SERVICE_KROM, "1292");
  add_area (db, "Ydre", ANV_SERVICE_KROM, "0512");
  areas = anv_areas_list (db, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < areas->len; i++)
    g_string_append_printf (names, "%s%s", i > 0 ? "," : "",
                            ((AnvArea *) g_ptr_array_index (areas, i))->name);
  g_assert_cmpstr (names->str, ==, "Ydre,Åre,Ängelholm,Östersund");

  /* By provider, then by area */
  approve (db, zenit, "Östersund", "2020-03-30", NULL);
  approve (db, zenit, "Ängelholm", "2020-03-30", NULL);
  approve (db, zenit, "Åre", "2020-03-30", NULL);
  approve (db, angelholm, "Åre", "2020-03-30", NULL);
  approve (db, are, "Åre", "2020-03-30", NULL);
  approvals = anv_approvals_list (db, &error);
  g_assert_no_error (error);
  g_string_truncate (names, 0);
  for (guint i = 0; i < approvals->len; i++)
    {
      AnvApproval *a = g_ptr_array_index (approvals, i);

      g_string_append_printf (names, "%s%s: %s", i > 0 ? "," : "", a->provider_name,
                              a->area_name);
    }
  g_assert_cmpstr (names->str, ==, "Zenit Jobb AB: Åre,Zenit Jobb AB: Ängelholm,"
                                   "Zenit Jobb AB: Östersund,Åre Matchning AB: Åre,"
                                   "Ängelholms Jobbstöd AB: Åre");

  parse_date ("2020-04-01", &date);
  g_clear_pointer (&list, g_ptr_array_unref);
  g_clear_pointer (&joined, g_free);
  list = anv_providers_approved_for (db, ANV_SERVICE_KROM, "2321", &date, &error);
  g_assert_no_error (error);
  joined = join_names (list);
  g_assert_cmpstr (joined, ==, "Zenit Jobb AB,Åre Matchning AB,Ängelholms Jobbstöd AB");

  g_clear_pointer (&list, g_ptr_array_unref);
  g_clear_pointer (&joined, g_free);
  list = anv_approvals_list_approved_anywhere (db, ANV_SERVICE_KROM, &date, &error);
  g_assert_no_error (error);
  joined = join_names (list);
  g_assert_cmpstr (joined, ==, "Zenit Jobb AB,Åre Matchning AB,Ängelholms Jobbstöd AB");

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

/* With no defaults given yet, the nearest: distance breaks the tie of
 * none each (the rotation of equally near ones: test-referrals). */
static void
test_propose_nearest (void)
{
  static const struct
  {
    const char *approved;     /* orgnr of the approved providers, comma-separated */
    const char *seeker_in;
    const char *nearest;      /* name, or NULL: none approved */
  } cases[] = {
    { AB1 "," AB2, UMEA, "Umeå Coaching AB" },
    { AB2 "," AB1, UMEA, "Umeå Coaching AB" },
    { AB1 "," AB2, SKELLEFTEA, "Skellefteå Jobb AB" },
    { AB3 "," AB2, UMEA, "Skellefteå Jobb AB" },         /* Stockholm is farther */
    { AB3 "," AB2, SKELLEFTEA, "Skellefteå Jobb AB" },
    { AB3, UMEA, "Stockholm Rusta AB" },                  /* the only one */
    { FK "," AB1, LYCKSELE, "Umeå Coaching AB" },
    { "", UMEA, NULL },
  };
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (AnvProvider) p1 = add_provider (db, AB1, "Umeå Coaching AB", UMEA);
  g_autoptr (AnvProvider) p2 = add_provider (db, AB2, "Skellefteå Jobb AB", SKELLEFTEA);
  g_autoptr (AnvProvider) p3 = add_provider (db, AB3, "Stockholm Rusta AB", STOCKHOLM);
  g_autoptr (AnvProvider) p4 = add_provider (db, FK, "Umeå Vägledning AB", UMEA);
  GDate date;

  parse_date ("2021-06-01", &date);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *area = g_strdup_printf ("Area %u", i);
      g_auto (GStrv) orgnrs = g_strsplit (cases[i].approved, ",", -1);
      g_autoptr (AnvProvider) nearest = NULL;
      g_autoptr (GError) error = NULL;

      add_area (db, area, i % 2 ? ANV_SERVICE_STOM : ANV_SERVICE_KROM, "2480,2481,2482");
      for (guint j = 0; orgnrs[j] != NULL && *orgnrs[j] != '\0'; j++)
        approve (db, orgnrs[j], area, "2021-01-01", NULL);

      nearest = anv_providers_propose_default (db, i % 2 ? ANV_SERVICE_STOM : ANV_SERVICE_KROM,
                                               cases[i].seeker_in, &date, &error);
      if (cases[i].nearest == NULL)
        {
          g_assert_null (nearest);
          g_assert_error (error, ANV_PROVIDER_ERROR, ANV_PROVIDER_ERROR_NOT_FOUND);
          continue;
        }
      g_assert_no_error (error);
      if (g_strcmp0 (nearest->name, cases[i].nearest) != 0)
        g_error ("case %u: %s, not %s", i, nearest->name, cases[i].nearest);

      /* Each case has its own area: take it out of the next cases. */
      run_sql (db, "UPDATE approval SET valid_to = '2020-12-31', valid_from = '2020-01-01'");
    }

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

/* Reference data */

static void
test_centres_loaded (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) municipalities = anv_municipalities_list (db, &error);
  double lat = 0, lon = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (municipalities->len, ==, 290);
  for (guint i = 0; i < municipalities->len; i++)
    {
      AnvMunicipality *m = g_ptr_array_index (municipalities, i);

      if (!anv_map_get_centre (db, m->code, &lat, &lon, &error))
        g_error ("%s %s: %s", m->code, m->short_name, error->message);
      if (lat < 55.0 || lat > 69.1 || lon < 10.9 || lon > 24.2)
        g_error ("%s %s: %f, %f is not in Sweden", m->code, m->short_name, lat, lon);
    }

  /* Umeå lies north of Stockholm and east of Malmö's longitude by far;
   * Kiruna is the northernmost. */
  g_assert_true (anv_map_get_centre (db, UMEA, &lat, &lon, &error));
  g_assert_cmpfloat_with_epsilon (lat, 64.0, 0.5);
  g_assert_cmpfloat_with_epsilon (lon, 20.0, 1.0);
  g_assert_true (anv_map_get_centre (db, "2584", &lat, &lon, &error));
  g_assert_cmpfloat (lat, >, 67.0);

  g_assert_false (anv_map_get_centre (db, "9999", &lat, &lon, &error));
  g_assert_error (error, ANV_MUNICIPALITY_ERROR, ANV_MUNICIPALITY_ERROR_UNKNOWN);

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

#define FEATURE(id, point) \
  "{\"type\":\"Feature\",\"properties\":{\"id\":" id ",\"geo_point_2d\":" point "}}"

static void
test_centres_malformed (void)
{
  static const struct
  {
    const char *json;
    const char *in_message;
  } cases[] = {
    { "", "feature collection" },
    { "{\"features\": [", "not JSON" },
    { "[]", "feature collection" },
    { "{\"features\": {}}", "feature collection" },
    { "{\"features\": [1]}", "feature 1" },
    { "{\"features\": [{\"properties\": []}]}", "feature 1" },
    { "{\"features\": [" FEATURE ("2480", "[63.8, 20.3]") "]}", "feature 1" },
    { "{\"features\": [" FEATURE ("\"2480\"", "[63.8, 20.3]") ","
                         FEATURE ("\"248\"", "[63.8, 20.3]") "]}", "feature 2" },
    { "{\"features\": [" FEATURE ("\"2480\"", "null") "]}", "2480" },
    { "{\"features\": [" FEATURE ("\"2480\"", "[63.8]") "]}", "2480" },
    { "{\"features\": [" FEATURE ("\"2480\"", "[63.8, \"20.3\"]") "]}", "2480" },
    { "{\"features\": [" FEATURE ("\"2480\"", "{\"lat\": 63.8}") "]}", "2480" },
    { "{\"features\": [" FEATURE ("\"2480\"", "[20.3, 63.8]") "]}", "outside Sweden" },
    { "{\"features\": [" FEATURE ("\"9999\"", "[63.8, 20.3]") "]}", "9999" },
    { "{\"features\": [" FEATURE ("\"2480\"", "[63.8, 20.3]") ","
                         FEATURE ("\"2480\"", "[63.8, 20.3]") "]}", "twice" },
    /* The parser's message quotes "2\643" as bytes that are not UTF-8
     * (found by the fuzzer) */
    { "{\"features\": [{\"properties\": {\"id\": \"2\\643\"A}}]}", "not JSON" },
    /* Well formed, but only two of the 290. */
    { "{\"features\": [" FEATURE ("\"2480\"", "[63.8, 20.3]") ","
                         FEATURE ("\"2482\"", "{\"lon\": 20.9, \"lat\": 64.8}") "]}",
      "288 municipalities" },
  };
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (GError) error = NULL;
  double lat, lon;

  run_sql (db, "UPDATE municipality SET centre_lat = NULL, centre_lon = NULL");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GInputStream) stream =
        g_memory_input_stream_new_from_data (cases[i].json, -1, NULL);

      g_assert_false (anv_map_load_centres (db, stream, &error));
      g_assert_error (error, ANV_MAP_ERROR, ANV_MAP_ERROR_DATA);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      if (strstr (error->message, cases[i].in_message) == NULL)
        g_error ("case %u: “%s” does not mention “%s”", i, error->message,
                 cases[i].in_message);
      g_clear_error (&error);
    }

  /* Both forms of the point were read. */
  g_assert_true (anv_map_get_centre (db, SKELLEFTEA, &lat, &lon, &error));
  g_assert_cmpfloat (lat, ==, 64.8);
  g_assert_cmpfloat (lon, ==, 20.9);
  g_assert_true (anv_map_get_centre (db, UMEA, &lat, &lon, &error));
  g_assert_cmpfloat (lat, ==, 63.8);

  /* Without a centre, no nearest provider can be proposed. */
  g_assert_false (anv_map_get_centre (db, STOCKHOLM, &lat, &lon, &error));
  g_assert_error (error, ANV_MAP_ERROR, ANV_MAP_ERROR_DATA);
  g_clear_error (&error);

  /* The shipped file mends it all. */
  g_assert_true (anv_map_load_centres_reference (db, &error));
  g_assert_no_error (error);
  g_assert_true (anv_map_get_centre (db, STOCKHOLM, &lat, &lon, &error));
  g_assert_cmpfloat_with_epsilon (lat, 59.3, 0.2);

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

/* Import */

typedef struct
{
  GString *errors;      /* "LINE:COLUMN|…" */
  GString *messages;
} Collected;

static void
row_error_cb (guint       line,
              const char *column,
              const char *message,
              gpointer    user_data)
{
  Collected *collected = user_data;

  g_assert_true (g_utf8_validate (message, -1, NULL));
  g_assert_cmpuint (strlen (message), >, 10);
  if (collected->errors->len > 0)
    g_string_append_c (collected->errors, '|');
  g_string_append_printf (collected->errors, "%u:%s", line, column ? column : "-");
  g_string_append_printf (collected->messages, "%u: %s\n", line, message);
}

static void
test_import_good (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) providers = NULL;
  g_autofree char *names = NULL;
  AnvImportReport report = { 0 };
  AnvProvider *p;
  GDate today;

  set_today (&today);
  path = anv_test_write_file (dir, "leverantörer.csv",
                              "\xef\xbb\xbf" "Organisationsnummer;Namn;Kommun\r\n"
                              "202100-2114;Arbetsförmedlingen;0180\r\n"
                              "5560000001;\"Matchning; Rusta & Co AB\";2480\r\n"
                              "\r\n"
                              SOLE ";  Anna Andersson Coaching ; 2482 \r\n");
  g_assert_true (anv_providers_import (db, path, &today, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_rows, ==, 3);
  g_assert_cmpuint (report.n_bad_rows, ==, 0);
  g_assert_cmpuint (report.n_stored, ==, 3);

  providers = anv_providers_list (db, &error);
  names = join_names (providers);
  g_assert_cmpstr (names, ==,
                   "Anna Andersson Coaching,Arbetsförmedlingen,Matchning; Rusta & Co AB");
  p = g_ptr_array_index (providers, 0);
  g_assert_cmpstr (p->orgnr, ==, "8501012382");
  g_assert_cmpstr (p->municipality_code, ==, SKELLEFTEA);
  g_assert_cmpuint (count_audit (db, "provider.import"), ==, 1);

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

static void
test_import_bad_rows (void)
{
  static const struct
  {
    const char *contents;
    const char *errors;
  } cases[] = {
    /* Every bad field, with the file's own heading and line. */
    { "orgnr,name,municipality\n"
      "202100-2114,Arbetsförmedlingen,0180\n"
      "202100-2115,,9999\n"
      "556000-0001,Bra AB,2480\n",
      "3:orgnr|3:name|3:municipality" },
    { "Orgnr;Namn;Kommunkod\n"
      "556000-0001;Alfa AB;2480\n"
      "556000-0019;Bravo AB;2480\n"
      "5560000001;Alfa igen AB;2482\n",
      "4:Orgnr" },
    /* Already registered (Skatteverket is, in every case). */
    { "organisationsnummer;namn;kommun\n"
      "16202100-5448;Skatteverket igen;0184\n",
      "2:organisationsnummer" },
    /* A quoted field spreads over two lines: the next row's line is right. */
    { "orgnr;name;municipality\n"
      "556000-0001;\"Alfa\nAB\";2480\n"
      "556000-0019;Bravo AB;Umeå\n",
      "2:name|4:municipality" },
    /* Lines ended by a CR alone (old Mac files) are lines too: found by the
     * fuzzer, which saw the second record reported as line 1. */
    { "orgnr;namn;kommun\r202100-2114;Zust rNoar s\xef\xbb\xbf" "pAB",
      /* The name holds a U+FEFF: an invisible character, refused too. */
      "2:namn|2:kommun" },
    { "orgnr;name;municipality\r"
      "556000-0001;Alfa AB;2480\r"
      "556000-0019;Bravo AB;9999\r\n"
      "5560000001;Alfa igen AB;9999\r",
      "3:municipality|4:orgnr|4:municipality" },
  };
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (AnvProvider) skv = add_provider (db, SKV, "Skatteverket", "0184");
  GDate today;

  set_today (&today);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = anv_test_write_file (dir, "providers.csv", cases[i].contents);
      Collected collected = { g_string_new (NULL), g_string_new (NULL) };
      AnvImportReport report = { row_error_cb, NULL, &collected, 0, 0, 0 };
      g_autoptr (GError) error = NULL;

      g_assert_false (anv_providers_import (db, path, &today, &report, &error));
      g_assert_error (error, ANV_IMPORT_ERROR, ANV_IMPORT_ERROR_BAD_ROWS);
      if (strcmp (collected.errors->str, cases[i].errors) != 0)
        g_error ("case %u: %s, not %s\n%s", i, collected.errors->str, cases[i].errors,
                 collected.messages->str);
      g_assert_cmpuint (report.n_bad_rows, >, 0);
      g_assert_cmpuint (report.n_stored, ==, 0);

      /* The messages say what is wrong. */
      if (i == 1)
        g_assert_nonnull (strstr (collected.messages->str, "line 2"));
      if (i == 2)
        g_assert_nonnull (strstr (collected.messages->str, "Skatteverket"));

      g_string_free (collected.errors, TRUE);
      g_string_free (collected.messages, TRUE);
    }

  /* Nothing from any file was stored. */
  g_assert_cmpuint (count_providers (db), ==, 1);
  g_assert_cmpuint (count_audit (db, "provider.import"), ==, 0);

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

static void
test_import_bad_file (void)
{
  static const struct
  {
    const char *contents;
    int         code;
  } cases[] = {
    { "", ANV_CSV_ERROR_EMPTY },
    { "orgnr;name\n556000-0001;Alfa AB\n", ANV_CSV_ERROR_HEADER },
    { "orgnr;name;municipality;phone\n", ANV_CSV_ERROR_HEADER },
    { "orgnr;namn;name;kommun\n", ANV_CSV_ERROR_HEADER },
  };
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (GError) error = NULL;
  GDate today;

  set_today (&today);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = anv_test_write_file (dir, "providers.csv", cases[i].contents);

      g_assert_false (anv_providers_import (db, path, &today, NULL, &error));
      g_assert_error (error, ANV_CSV_ERROR, cases[i].code);
      g_clear_error (&error);
    }

  g_assert_false (anv_providers_import (db, "/nonexistent/providers.csv", &today, NULL,
                                        &error));
  g_assert_error (error, ANV_CSV_ERROR, ANV_CSV_ERROR_READ);
  g_assert_cmpuint (count_providers (db), ==, 0);

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/providers/add-and-get", test_add_and_get);
  g_test_add_func ("/providers/get-unknown", test_get_unknown);
  g_test_add_func ("/providers/add-duplicate", test_add_duplicate);
  g_test_add_func ("/providers/add-bad", test_add_bad);
  g_test_add_func ("/providers/areas/add", test_areas_add);
  g_test_add_func ("/providers/areas/bad", test_areas_bad);
  g_test_add_func ("/providers/approvals/approve", test_approve);
  g_test_add_func ("/providers/approvals/bad", test_approve_bad);
  g_test_add_func ("/providers/approvals/end", test_end_approval);
  g_test_add_func ("/providers/approvals/is-approved", test_is_approved);
  g_test_add_func ("/providers/approvals/holds-on", test_holds_on);
  g_test_add_func ("/providers/approvals/approved-for", test_approved_for);
  g_test_add_func ("/providers/approvals/approved-anywhere", test_approved_anywhere);
  g_test_add_func ("/providers/swedish-order", test_swedish_order);
  g_test_add_func ("/providers/nearest", test_propose_nearest);
  g_test_add_func ("/providers/centres/loaded", test_centres_loaded);
  g_test_add_func ("/providers/centres/malformed", test_centres_malformed);
  g_test_add_func ("/providers/import/good", test_import_good);
  g_test_add_func ("/providers/import/bad-rows", test_import_bad_rows);
  g_test_add_func ("/providers/import/bad-file", test_import_bad_file);

  return g_test_run ();
}
