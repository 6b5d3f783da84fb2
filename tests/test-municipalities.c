/* test-municipalities.c — the official names of municipalities and counties
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-test-municipalities"

#include <string.h>

#include "anv-csv-reader.h"
#include "anv-db-private.h"
#include "anv-municipalities.h"
#include "anv-schema.h"
#include "anv-test-util.h"

/* Names where a rule of thumb goes wrong, as the municipalities and
 * counties are officially called. */
static const struct
{
  const char *short_name;
  const char *official;
} municipalities[] = {
  { "Kalix", "Kalix kommun" },
  { "Överkalix", "Överkalix kommun" },
  { "Kalmar", "Kalmar kommun" },
  { "Falun", "Falu kommun" },
  { "Orust", "Orust kommun" },
  { "Hällefors", "Hällefors kommun" },
  { "Borås", "Borås kommun" },
  { "Umeå", "Umeå kommun" },
  { "Upplands Väsby", "Upplands Väsby kommun" },
  { "Malung-Sälen", "Malung-Sälens kommun" },
  { "Göteborg", "Göteborgs kommun" },
  { "Gotland", "Gotlands kommun" },
  { "Stockholm", "Stockholms kommun" },
}, counties[] = {
  { "Stockholm", "Stockholms län" },
  { "Västra Götaland", "Västra Götalands län" },
  { "Skåne", "Skåne län" },
  { "Gävleborg", "Gävleborgs län" },
  { "Jämtland", "Jämtlands län" },
  { "Kalmar", "Kalmar län" },
  { "Västernorrland", "Västernorrlands län" },
  { "Dalarna", "Dalarnas län" },
  { "Örebro", "Örebro län" },
  { "Uppsala", "Uppsala län" },
};

static void
test_names (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (municipalities); i++)
    {
      g_autofree char *name = anv_municipality_official_name (municipalities[i].short_name);

      g_assert_cmpstr (name, ==, municipalities[i].official);
    }
  for (guint i = 0; i < G_N_ELEMENTS (counties); i++)
    {
      g_autofree char *name = anv_county_official_name (counties[i].short_name);

      g_assert_cmpstr (name, ==, counties[i].official);
    }
}

/* Every row of the shipped list (data/municipality_county.csv, the
 * official names): the function makes the same names, and a new database
 * has them. */
static void
test_all_official (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data",
                                                 "municipality_county.csv", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (GInputStream) stream = G_INPUT_STREAM (g_file_read (file, NULL, &error));
  g_autoptr (AnvCsvReader) reader = NULL;
  g_autoptr (GHashTable) counties_seen = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                               g_free, NULL);
  g_autoptr (GPtrArray) stored = NULL;
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = NULL;
  static const char *const header[] = {
    "municipality_code", "municipality_name", "municipality_name_short",
    "county_code", "county_name", "county_name_short", NULL
  };
  int columns[6];
  guint n = 0;

  g_assert_no_error (error);
  reader = anv_csv_reader_new (stream);
  g_assert_true (anv_csv_reader_next (reader, &error));
  g_assert_true (anv_csv_reader_map_header (reader, header, columns, &error));
  g_assert_no_error (error);

  db = anv_test_open_db (&dir);
  while (anv_csv_reader_next (reader, &error))
    {
      const char *code = anv_csv_reader_field (reader, (guint) columns[0]);
      const char *official = anv_csv_reader_field (reader, (guint) columns[1]);
      const char *short_name = anv_csv_reader_field (reader, (guint) columns[2]);
      const char *county = anv_csv_reader_field (reader, (guint) columns[4]);
      g_autofree char *name = anv_municipality_official_name (short_name);
      g_autofree char *county_name = anv_county_official_name (anv_csv_reader_field (reader,
                                                               (guint) columns[5]));
      g_autoptr (AnvMunicipality) m = anv_municipalities_get (db, code, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (name, ==, official);
      g_assert_cmpstr (county_name, ==, county);
      g_assert_cmpstr (m->name, ==, official);
      g_assert_cmpstr (m->county_name, ==, county);
      g_hash_table_add (counties_seen, g_strdup (county));
      n++;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 290);
  g_assert_cmpuint (g_hash_table_size (counties_seen), ==, 21);

  stored = anv_municipalities_list (db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored->len, ==, 290);
  anv_test_close_db (&db, &dir);
}

/* A database made before the names were corrected has them right after
 * it is opened. */
static void
test_old_database (void)
{
  /* An old SQLite file, migrated */
  if (anv_test_on_server ())
    {
      g_test_skip ("needs a SQLite file");
      return;
    }
  g_autofree char *dir = anv_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "anvisa.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvDb) db = anv_schema_open_at_version (path, "tester", 5, &error);
  g_autoptr (AnvMunicipality) kalix = NULL;
  g_autoptr (AnvMunicipality) kalmar = NULL;

  g_assert_no_error (error);
  g_assert_true (anv_db_exec (db, "UPDATE municipality SET name = 'Kalixs kommun' "
                              "WHERE code = '2514';"
                              "UPDATE municipality SET name = 'Kalmars kommun' "
                              "WHERE code = '0880';", &error));
  g_clear_object (&db);

  db = anv_schema_open (path, "tester", &error);
  g_assert_no_error (error);
  kalix = anv_municipalities_get (db, "2514", &error);
  kalmar = anv_municipalities_get (db, "0880", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kalix->name, ==, "Kalix kommun");
  g_assert_cmpstr (kalmar->name, ==, "Kalmar kommun");
  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/municipalities/names", test_names);
  g_test_add_func ("/municipalities/all-official", test_all_official);
  g_test_add_func ("/municipalities/old-database", test_old_database);

  return g_test_run ();
}
