/* test-loading.c — the core's entry points for loading tools (libanvisa-demo)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "anv-availability.h"
#include "anv-db-private.h"
#include "anv-municipalities.h"
#include "anv-providers.h"
#include "anv-referrals.h"
#include "anv-seekers.h"
#include "anv-summary.h"
#include "anv-test-util.h"

static gint64
query_int (AnvDb      *db,
           const char *sql)
{
  g_autoptr (GError) error = NULL;
  gint64 value = 0;

  g_assert_true (anv_db_query_int64 (db, sql, &value, &error));
  g_assert_no_error (error);
  return value;
}

/* The large cache while bulk writing, then the one the connection had. */
static void
test_bulk_cache (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = NULL;
  gint64 usual;

  if (anv_test_on_server ())
    {
      g_test_skip ("needs a SQLite file: the server's memory is its own");
      return;
    }
  db = anv_test_open_db (&dir);
  usual = query_int (db, "PRAGMA cache_size");
  g_assert_cmpint (usual, !=, -256 * 1024);
  /* Nothing to set back yet. */
  g_assert_true (anv_db_set_bulk_cache (db, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (db, "PRAGMA cache_size"), ==, usual);

  g_assert_true (anv_db_set_bulk_cache (db, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (db, "PRAGMA cache_size"), ==, -256 * 1024);
  /* Twice in bulk still goes back to the usual size, not the bulk one. */
  g_assert_true (anv_db_set_bulk_cache (db, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (anv_db_set_bulk_cache (db, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (db, "PRAGMA cache_size"), ==, usual);

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

/* Job seekers as they were registered, found by name after the finish;
 * a protected person's postal code is not kept; a duplicate is named. */
static void
test_seekers (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (GPtrArray) numbers = anv_test_load_personnummer ("1985", "1986", TRUE, 2);
  g_autoptr (AnvSeeker) first = NULL;
  g_autoptr (AnvSeeker) second = NULL;
  g_autoptr (GPtrArray) found = NULL;
  AnvSeekerInput input = { 0 };
  gint64 first_id = 0, second_id = 0;
  GDate today;

  anv_test_date (&today, 2020, 6, 1);
  g_assert_true (anv_db_begin (db, &error));
  g_assert_no_error (error);

  input.personnummer = g_ptr_array_index (numbers, 0);
  input.name = "Loka Laddsson";
  input.municipality_code = "2480";
  input.postal_code = "90325";
  g_assert_true (anv_seekers_load (db, &input, "2015-02-03", &first_id, &error));
  g_assert_no_error (error);

  input.personnummer = g_ptr_array_index (numbers, 1);
  input.name = "Skyddad Laddsson";
  input.protected_identity = TRUE;
  g_assert_true (anv_seekers_load (db, &input, "2016-03-04", &second_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (second_id, >, first_id);

  /* SQLite's name search learns them only at the finish; the server's
   * trigram index follows the table at once. */
  found = anv_seekers_search (db, "Laddsson", 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, anv_test_on_server () ? 2 : 0);
  g_clear_pointer (&found, g_ptr_array_unref);
  g_assert_true (anv_seekers_load_finish (db, 0, &error));
  g_assert_no_error (error);
  g_assert_true (anv_db_commit (db, &error));
  g_assert_no_error (error);

  first = anv_seekers_get (db, g_ptr_array_index (numbers, 0), &today, &error);
  g_assert_no_error (error);
  g_assert_cmpint (first->id, ==, first_id);
  g_assert_cmpstr (first->registered_on, ==, "2015-02-03");
  g_assert_cmpstr (first->registered_by, ==, "tester");
  g_assert_cmpstr (first->postal_code, ==, "90325");
  second = anv_seekers_get (db, g_ptr_array_index (numbers, 1), &today, &error);
  g_assert_no_error (error);
  g_assert_true (second->protected_identity);
  g_assert_null (second->postal_code);

  found = anv_seekers_search (db, "Laddsson", 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 2);

  /* No audit entry per job seeker: the loading tool writes one. */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM audit_log WHERE action = 'seeker.add'"),
                   ==, 0);

  /* The database's own rules still hold. */
  g_assert_true (anv_db_begin (db, &error));
  input.personnummer = g_ptr_array_index (numbers, 0);
  g_assert_false (anv_seekers_load (db, &input, "2017-01-02", NULL, &error));
  g_assert_error (error, ANV_SEEKER_ERROR, ANV_SEEKER_ERROR_DUPLICATE);
  anv_db_rollback (db);

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

static gint64
load_seeker (AnvDb      *db,
             const char *number)
{
  g_autoptr (GError) error = NULL;
  AnvSeekerInput input = { number, "Loka Laddsson", "2480", NULL, FALSE };
  gint64 id = 0;

  g_assert_true (anv_seekers_load (db, &input, "2020-01-02", &id, &error));
  g_assert_no_error (error);
  return id;
}

/* Referrals as they ran, with a change of provider; one open per person
 * still; the summary counts them once rebuilt. */
static void
test_referrals (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (GPtrArray) numbers = anv_test_load_personnummer ("1985", "1986", TRUE, 2);
  g_autoptr (AnvProvider) other = NULL;
  g_autoptr (AnvProvider) first = NULL;
  g_autoptr (AnvReferral) ended = NULL;
  AnvReferralLoad *load;
  AnvReferralRecord record = { 0 };
  gint64 seeker_id, other_seeker_id, id = 0, next_id = 0;
  const AnvReferralProvider *provider;
  GDate today;

  anv_test_date (&today, 2020, 4, 6);
  anv_test_approve_krom_provider (db);
  first = anv_providers_get (db, "202100-2114", &today, &error);
  g_assert_no_error (error);
  other = anv_providers_add (db, "556036-0793", "Vägen Vidare AB", "2480", &today, &error);
  g_assert_no_error (error);

  g_assert_true (anv_db_begin (db, &error));
  seeker_id = load_seeker (db, g_ptr_array_index (numbers, 0));
  other_seeker_id = load_seeker (db, g_ptr_array_index (numbers, 1));
  load = anv_referrals_load_begin (db, &error);
  g_assert_no_error (error);

  record.seeker_id = seeker_id;
  record.service = ANV_SERVICE_KROM;
  record.level = "B";
  record.choice = ANV_CHOICE_OWN;
  record.municipality_code = "2480";
  record.female = FALSE;
  record.decided_on = "2020-04-01";
  record.planned_start = "2020-04-16";
  record.started_on = "2020-04-16";
  record.ended_on = "2020-05-29";
  record.end_reason = "jobb";
  record.provider_id = first->id;
  record.outside_area = FALSE;
  record.new_provider_id = other->id;
  record.changed_on = "2020-05-04";
  g_assert_true (anv_referrals_load (load, &record, &id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (id, ==, 1);
  anv_referrals_load_free (load);
  g_assert_true (anv_db_commit (db, &error));
  g_assert_no_error (error);

  /* A load in a new transaction goes on after the referrals there are. The
   * next one stays open; a second open one is refused. */
  g_assert_true (anv_db_begin (db, &error));
  load = anv_referrals_load_begin (db, &error);
  g_assert_no_error (error);
  memset (&record, 0, sizeof record);
  record.seeker_id = seeker_id;
  record.service = ANV_SERVICE_KROM;
  record.level = "A";
  record.choice = ANV_CHOICE_DEFAULT;
  record.municipality_code = "2480";
  record.decided_on = "2020-06-01";
  record.planned_start = "2020-06-15";
  record.provider_id = first->id;
  g_assert_true (anv_referrals_load (load, &record, &next_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (next_id, ==, id + 1);
  record.decided_on = "2020-06-02";
  g_assert_false (anv_referrals_load (load, &record, NULL, &error));
  g_assert_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_OPEN);
  g_clear_error (&error);

  /* A rule of the schema: the planned start after the decision. */
  record.seeker_id = other_seeker_id;
  record.planned_start = "2020-05-01";
  g_assert_false (anv_referrals_load (load, &record, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* Refused ones use up no id. */
  record.planned_start = "2020-06-15";
  g_assert_true (anv_referrals_load (load, &record, &next_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (next_id, ==, id + 2);
  anv_referrals_load_free (load);

  g_assert_true (anv_summary_rebuild (db, &error));
  g_assert_no_error (error);
  g_assert_true (anv_db_commit (db, &error));
  g_assert_no_error (error);

  ended = anv_referrals_get (db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ended->seeker_id, ==, seeker_id);
  g_assert_cmpint (ended->service, ==, ANV_SERVICE_KROM);
  g_assert_cmpstr (ended->level, ==, "B");
  g_assert_cmpint (ended->choice, ==, ANV_CHOICE_OWN);
  g_assert_cmpstr (ended->started_on, ==, "2020-04-16");
  g_assert_cmpstr (ended->ended_on, ==, "2020-05-29");
  g_assert_cmpstr (ended->end_reason, ==, "jobb");
  g_assert_cmpstr (ended->decided_by, ==, "tester");
  g_assert_cmpuint (ended->providers->len, ==, 2);
  provider = g_ptr_array_index (ended->providers, 0);
  g_assert_cmpstr (provider->orgnr, ==, "2021002114");
  g_assert_cmpstr (provider->from_date, ==, "2020-04-01");
  provider = anv_referral_current_provider (ended);
  g_assert_cmpstr (provider->orgnr, ==, "5560360793");
  g_assert_cmpstr (provider->from_date, ==, "2020-05-04");

  g_assert_cmpint (query_int (db, "SELECT count(*) FROM referral"), ==, 3);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM audit_log "
                                  "WHERE action LIKE 'referral.%'"), ==, 0);
  anv_test_assert_summary_matches_recount (db, "2020-01", "2020-12", NULL);

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

/* Every county by code, with both names; every postal code under its
 * municipality, in order. */
static void
test_counties_and_postal_codes (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (GPtrArray) counties = anv_municipalities_list_counties (db, &error);
  g_autoptr (GHashTable) postal_codes = NULL;
  const AnvCounty *county;
  GHashTableIter iter;
  gpointer key, value;
  GPtrArray *umea;
  guint total = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (counties->len, ==, 21);
  county = g_ptr_array_index (counties, 0);
  g_assert_cmpstr (county->code, ==, "01");
  g_assert_cmpstr (county->name, ==, "Stockholms län");
  g_assert_cmpstr (county->short_name, ==, "Stockholm");
  for (guint i = 1; i < counties->len; i++)
    g_assert_cmpstr (((AnvCounty *) g_ptr_array_index (counties, i - 1))->code, <,
                     ((AnvCounty *) g_ptr_array_index (counties, i))->code);
  county = g_ptr_array_index (counties, counties->len - 1);
  g_assert_cmpstr (county->code, ==, "25");
  g_assert_cmpstr (county->short_name, ==, "Norrbotten");

  postal_codes = anv_municipalities_list_postal_codes (db, &error);
  g_assert_no_error (error);
  umea = g_hash_table_lookup (postal_codes, "2480");
  g_assert_nonnull (umea);
  g_assert_true (g_ptr_array_find_with_equal_func (umea, "90325", g_str_equal, NULL));
  g_hash_table_iter_init (&iter, postal_codes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GPtrArray *list = value;

      for (guint i = 0; i < list->len; i++)
        {
          const char *code = g_ptr_array_index (list, i);

          if (i > 0)
            g_assert_cmpstr (g_ptr_array_index (list, i - 1), <, code);
          g_assert_cmpstr (anv_municipalities_lookup_postal (db, code, &error), ==, key);
          g_assert_no_error (error);
        }
      total += list->len;
    }
  g_assert_cmpint (total, ==, query_int (db, "SELECT count(*) FROM postal_code"));

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/loading/bulk-cache", test_bulk_cache);
  g_test_add_func ("/loading/seekers", test_seekers);
  g_test_add_func ("/loading/referrals", test_referrals);
  g_test_add_func ("/loading/counties-and-postal-codes", test_counties_and_postal_codes);

  return g_test_run ();
}
