/* test-db.c — tests for the database: where it lives, how it is opened,
 * its schema steps, the files it refuses and the rules the schema keeps
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The raw SQL here goes around the core API on purpose: it shows that the
 * schema itself refuses what the API would never write.
 */
#define G_LOG_DOMAIN "anvisa-test-db"

#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "anv-availability.h"
#include "anv-date.h"
#include "anv-db-private.h"
#include "anv-end-reasons.h"
#include "anv-municipalities.h"
#include "anv-referrals.h"
#include "anv-schema.h"
#include "anv-seekers.h"
#include "anv-summary.h"
#include "anv-test-util.h"

/* Helpers */

static AnvDb *
open_path (const char *path)
{
  g_autoptr (GError) error = NULL;
  AnvDb *db = anv_schema_open (path, "tester", &error);

  g_assert_no_error (error);
  g_assert_nonnull (db);
  return db;
}

static int
raw_exec (sqlite3    *handle,
          const char *sql)
{
  return sqlite3_exec (handle, sql, NULL, NULL, NULL);
}

static gint64
raw_int (sqlite3    *handle,
         const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* The same through Anvisa's own connection (its pragmas, its log). */
static gint64
db_int (AnvDb      *db,
        const char *sql)
{
  return anv_test_query_int (db, sql, NULL, 0);
}

static char *
db_text (AnvDb      *db,
         const char *sql)
{
  g_autoptr (GError) error = NULL;
  /* The text is its own key: one key, one text. */
  AnvDbStmt *stmt = anv_db_prepare (db, sql, sql, &error);
  char *value;

  g_assert_no_error (error);
  g_assert_cmpint (anv_db_step (stmt, &error), ==, ANV_DB_ROW);
  value = anv_db_column_dup (stmt, 0);
  anv_db_reset (stmt);
  return value;
}

static gboolean
db_exec (AnvDb      *db,
         const char *sql)
{
  g_autoptr (GError) error = NULL;
  gboolean ok = anv_db_exec (db, sql, &error);

  if (!ok)
    g_test_message ("%s", error->message);
  return ok;
}

static guint
file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 07777;
}

static void
assert_date_service (AnvDb      *db,
                     const char *municipality,
                     guint       year,
                     guint       month,
                     guint       day,
                     AnvService  expected)
{
  g_autoptr (GError) error = NULL;
  GDate date;
  AnvService service;

  anv_test_date (&date, year, month, day);
  service = anv_availability_service_on (db, municipality, &date, &error);
  g_assert_no_error (error);
  if (service != expected)
    g_error ("%s on %04u-%02u-%02u: expected %s, got %s", municipality, year, month, day,
             anv_service_code (expected), anv_service_code (service));
}

/* Where the database lives */

static void
test_default_path (void)
{
  /* GLib caches the XDG folders at their first use: look in a fresh
   * process. */
  if (g_test_subprocess ())
    {
      g_autofree char *path = NULL;

      g_setenv ("ANVISA_DATABASE", "/srv/anvisa/shared.db", TRUE);
      path = anv_db_default_path ();
      g_assert_cmpstr (path, ==, "/srv/anvisa/shared.db");
      g_clear_pointer (&path, g_free);

      /* An empty variable counts as unset. */
      g_setenv ("ANVISA_DATABASE", "", TRUE);
      g_setenv ("XDG_DATA_HOME", "/home/officer/.local/share-test", TRUE);
      path = anv_db_default_path ();
      g_assert_cmpstr (path, ==, "/home/officer/.local/share-test/anvisa/anvisa.db");
      g_clear_pointer (&path, g_free);

      g_unsetenv ("ANVISA_DATABASE");
      path = anv_db_default_path ();
      g_assert_cmpstr (path, ==, "/home/officer/.local/share-test/anvisa/anvisa.db");
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_create_private (void)
{
  g_autofree char *dir = anv_test_make_dir ();
  g_autofree char *nested = g_build_filename (dir, "a", "b", NULL);
  g_autofree char *path = g_build_filename (nested, "anvisa.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *parent = g_build_filename (dir, "a", NULL);
  g_autoptr (AnvDb) db = NULL;
  g_autoptr (GError) error = NULL;
  mode_t old_mask = umask (022);

  db = open_path (path);
  g_assert_cmpstr (anv_db_get_path (db), ==, path);
  g_assert_cmpstr (anv_db_get_user (db), ==, "tester");
  g_assert_cmpint (anv_db_get_schema_version (db), ==, anv_schema_latest_version ());

  g_assert_cmpuint (file_mode (parent), ==, 0700);
  g_assert_cmpuint (file_mode (nested), ==, 0700);
  g_assert_cmpuint (file_mode (path), ==, 0600);

  /* A write while the connection is open leaves the log files in place. */
  anv_end_reasons_add (db, "testorsak", ANV_END_KIND_INTERRUPTION, "Testorsak", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (shm, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (file_mode (wal), ==, 0600);
  g_assert_cmpuint (file_mode (shm), ==, 0600);

  g_clear_object (&db);
  umask (old_mask);
  anv_test_remove_dir (dir);
}

/* Each connection is set up the same way. */
static void
test_pragmas (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);

  path = g_strdup (anv_db_get_path (db));
  for (guint round = 0; round < 2; round++)
    {
      g_autofree char *mode = db_text (db, "PRAGMA journal_mode");

      g_assert_cmpstr (mode, ==, "wal");
      g_assert_cmpint (db_int (db, "PRAGMA synchronous"), ==, 2);
      g_assert_cmpint (db_int (db, "PRAGMA foreign_keys"), ==, 1);
      g_assert_cmpint (db_int (db, "PRAGMA busy_timeout"), >=, 5000);
      g_assert_cmpint (db_int (db, "PRAGMA application_id"), ==, 1095652947);
      g_assert_cmpint (db_int (db, "PRAGMA user_version"), ==, anv_schema_latest_version ());
      g_assert_cmpint (anv_db_get_data_version (db), >, 0);

      /* Again on a second connection to the existing file. */
      g_clear_object (&db);
      db = open_path (path);
    }

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

/* Migrations */

static void
assert_reference_data (AnvDb *db)
{
  g_autoptr (GPtrArray) periods = NULL;
  g_autoptr (GError) error = NULL;
  static const struct
  {
    const char *municipality;
    const char *service;
    const char *from;
    const char *to;
  } expected[] = {
    { "2480", "STOM", "2014-12-01", "2020-03-29" },
    { "2480", "KROM", "2020-03-30", NULL },
    { "0180", "STOM", "2014-12-01", "2021-12-06" },
    { "0180", "KROM", "2021-12-07", NULL },
  };

  g_assert_cmpint (db_int (db, "SELECT count(*) FROM municipality"), ==, 290);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM county"), ==, 21);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM postal_code"), ==, 15463);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM end_reason"), ==, 8);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM service_availability"), ==, 2 * 290);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM service_availability "
                                    "WHERE service = 'KROM' AND valid_from = '2020-03-30'"),
                   ==, 32);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);
  g_assert_true (anv_db_is_empty (db, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i += 2)
    {
      periods = anv_availability_list (db, expected[i].municipality, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (periods->len, ==, 2);
      for (guint j = 0; j < 2; j++)
        {
          AnvAvailability *a = g_ptr_array_index (periods, j);

          g_assert_cmpstr (a->municipality_code, ==, expected[i + j].municipality);
          g_assert_cmpstr (anv_service_code (a->service), ==, expected[i + j].service);
          g_assert_cmpstr (a->valid_from, ==, expected[i + j].from);
          g_assert_cmpstr (a->valid_to, ==, expected[i + j].to);
        }
      g_clear_pointer (&periods, g_ptr_array_unref);
    }

  assert_date_service (db, "2480", 2014, 11, 30, ANV_SERVICE_NONE);
  assert_date_service (db, "2480", 2014, 12, 1, ANV_SERVICE_STOM);
  assert_date_service (db, "2480", 2020, 3, 29, ANV_SERVICE_STOM);
  assert_date_service (db, "2480", 2020, 3, 30, ANV_SERVICE_KROM);
  assert_date_service (db, "2480", 2035, 1, 1, ANV_SERVICE_KROM);
  assert_date_service (db, "0180", 2020, 4, 1, ANV_SERVICE_STOM);
  assert_date_service (db, "0180", 2021, 12, 6, ANV_SERVICE_STOM);
  assert_date_service (db, "0180", 2021, 12, 7, ANV_SERVICE_KROM);
  assert_date_service (db, "9999", 2021, 12, 7, ANV_SERVICE_NONE);
}

static void
test_migrate_from_1 (void)
{
  g_autofree char *dir = anv_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "anvisa.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvDb) db = NULL;

  db = anv_schema_open_at_version (path, "tester", 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (anv_db_get_schema_version (db), ==, 1);
  g_assert_cmpint (db_int (db, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM municipality"), ==, 0);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM service"), ==, 2);
  g_assert_cmpint (db_int (db, "PRAGMA application_id"), ==, 1095652947);
  g_clear_object (&db);

  db = open_path (path);
  g_assert_cmpint (anv_db_get_schema_version (db), ==, anv_schema_latest_version ());
  g_assert_cmpint (db_int (db, "PRAGMA user_version"), ==,
                   anv_schema_latest_version ());
  assert_reference_data (db);

  /* Opening an up-to-date file again changes nothing. */
  g_clear_object (&db);
  db = open_path (path);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM municipality"),
                   ==, 290);

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

/* Every step, from the version before it. */
static void
test_migrate_each_step (void)
{
  int latest = anv_schema_latest_version ();

  g_assert_cmpint (latest, >=, 2);
  for (int version = 1; version <= latest; version++)
    {
      g_autofree char *dir = anv_test_make_dir ();
      g_autofree char *path = g_build_filename (dir, "anvisa.db", NULL);
      g_autoptr (GError) error = NULL;
      g_autoptr (AnvDb) db = NULL;
      g_autofree char *check = NULL;

      db = anv_schema_open_at_version (path, "tester", version - 1, &error);
      g_assert_no_error (error);
      g_assert_cmpint (anv_db_get_schema_version (db), ==, version - 1);
      g_clear_object (&db);

      db = anv_schema_open_at_version (path, "tester", version, &error);
      g_assert_no_error (error);
      g_assert_cmpint (anv_db_get_schema_version (db), ==, version);
      g_assert_cmpint (db_int (db, "PRAGMA user_version"), ==, version);
      g_assert_cmpint (db_int (db, "PRAGMA application_id"), ==, 1095652947);
      g_assert_cmpint (db_int (db, "SELECT count(*) FROM pragma_foreign_key_check"),
                       ==, 0);
      check = db_text (db, "PRAGMA integrity_check");
      g_assert_cmpstr (check, ==, "ok");
      if (version == latest)
        assert_reference_data (db);

      g_clear_object (&db);
      anv_test_remove_dir (dir);
    }
}

/* Version 5 builds the job seekers' and referrals' tables anew so that no
 * id is given twice: rows, indexes, triggers and the name search stay, and
 * ids already removed (known from the audit log) are not given again. */
static void
test_migrate_ids_never_reused (void)
{
  g_autofree char *dir = anv_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "anvisa.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvDb) db = NULL;
  g_autoptr (AnvSeeker) seeker = NULL;
  g_autoptr (GPtrArray) found = NULL;
  g_autofree char *objects_before = NULL;
  g_autofree char *objects_after = NULL;
  g_autofree char *check = NULL;
  AnvSeekerInput input = { "198501012382", "Anna Åberg", "2480", NULL, FALSE };
  const char *objects =
    "SELECT group_concat (type || ':' || name, ' ') FROM "
    "  (SELECT type, name FROM sqlite_schema "
    "   WHERE tbl_name IN ('seeker', 'referral')"
    /* added by later steps (versions 7 and 8) */
    "     AND name NOT IN ('referral_open_period_end', 'referral_default_month')"
    "   ORDER BY type, name)";
#define REFERRAL_OF(seeker_id) \
    "INSERT INTO referral (seeker_id, service, level, choice, municipality_code, female," \
    "  decided_on, planned_start, decided_by) " \
    "VALUES (" seeker_id ", 'KROM', 'A', 'default', '2480', 1, '2020-04-06', '2020-04-20'," \
    "  'tester')"
  const char *anna_referral = REFERRAL_OF ("1");
  const char *cia_referral = REFERRAL_OF ("3");
#undef REFERRAL_OF
  GDate today;

  anv_test_date (&today, 2026, 11, 22);
  db = anv_schema_open_at_version (path, "tester", 4, &error);
  g_assert_no_error (error);

  /* Anna (1) with a referral; Bo (2) removed as retention removes. */
  seeker = anv_seekers_add (db, &input, &today, &error);
  g_assert_no_error (error);
  g_clear_pointer (&seeker, anv_seeker_free);
  input.personnummer = "198501022381";
  input.name = "Bo Borttagen";
  seeker = anv_seekers_add (db, &input, &today, &error);
  g_assert_no_error (error);
  g_clear_pointer (&seeker, anv_seeker_free);
  g_assert_true (db_exec (db, anna_referral));
  g_assert_true (db_exec (db,
                         "INSERT INTO retention_permit (id) VALUES (1);"
                         "INSERT INTO seeker_name (seeker_name, rowid, name) "
                         "  VALUES ('delete', 2, 'Bo Borttagen');"
                         "DELETE FROM seeker WHERE id = 2;"
                         "DELETE FROM retention_permit;"
                         /* A referral, since removed, that had id 5 */
                         "INSERT INTO audit_log (actor, action, entity, entity_id) "
                         "  VALUES ('tester', 'referral.decide', 'referral', '5');"));
  g_assert_cmpint (db_int (db, "SELECT max (id) FROM seeker"), ==, 1);
  objects_before = db_text (db, objects);
  g_clear_object (&db);

  db = open_path (path);
  g_assert_cmpint (db_int (db, "PRAGMA user_version"), ==, anv_schema_latest_version ());
  g_assert_cmpint (db_int (db, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (db_int (db, "PRAGMA legacy_alter_table"), ==, 0);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);
  check = db_text (db, "PRAGMA integrity_check");
  g_assert_cmpstr (check, ==, "ok");
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM sqlite_schema "
                                    "WHERE name IN ('seeker', 'referral') "
                                    "  AND sql LIKE '%id INTEGER PRIMARY KEY AUTOINCREMENT,%'"),
                   ==, 2);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM sqlite_schema WHERE name = 'rebuilt'"),
                   ==, 0);
  objects_after = db_text (db, objects);
  g_assert_cmpstr (objects_after, ==, objects_before);

  /* Anna, her referral and her name in the search are there. */
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM referral WHERE seeker_id = 1"), ==, 1);
  found = anv_seekers_search (db, "Åberg", 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = anv_seekers_search (db, "Borttagen", 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 0);

  /* The triggers are there: no deletion outside retention. */
  g_assert_false (db_exec (db, "DELETE FROM seeker WHERE id = 1"));
  g_assert_false (db_exec (db, "DELETE FROM referral"));

  /* Cia gets 3, not Bo's 2; her referral 6, after the removed 5. */
  input.personnummer = "198501032380";
  input.name = "Cia Ny";
  seeker = anv_seekers_add (db, &input, &today, &error);
  g_assert_no_error (error);
  g_assert_cmpint (db_int (db, "SELECT id FROM seeker WHERE personnummer = '198501032380'"),
                   ==, 3);
  g_assert_true (db_exec (db, cia_referral));
  g_assert_cmpint (db_int (db, "SELECT max (id) FROM referral"), ==, 6);

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

/* Files that are refused, and left as they were */

typedef struct
{
  GBytes *contents;
  gint64  mtime_usec;
  guint   mode;
} Snapshot;

static void
snapshot_take (Snapshot   *snapshot,
               const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFileInfo) info = NULL;
  g_autoptr (GDateTime) mtime = NULL;
  char *data = NULL;
  gsize length = 0;

  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);
  snapshot->contents = g_bytes_new_take (data, length);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_TIME_MODIFIED ","
                            G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC,
                            G_FILE_QUERY_INFO_NONE, NULL, &error);
  g_assert_no_error (error);
  mtime = g_file_info_get_modification_date_time (info);
  snapshot->mtime_usec = g_date_time_to_unix (mtime) * G_USEC_PER_SEC
                         + g_date_time_get_microsecond (mtime);
  snapshot->mode = file_mode (path);
}

static void
snapshot_clear (Snapshot *snapshot)
{
  g_clear_pointer (&snapshot->contents, g_bytes_unref);
}

typedef void (*MakeFileFunc) (const char *path);

static void
make_text_file (const char *path)
{
  g_autoptr (GError) error = NULL;

  g_file_set_contents (path, "personnummer;namn\n198501012382;Test Testsson\n", -1, &error);
  g_assert_no_error (error);
}

static void
make_short_sqlite_file (const char *path)
{
  g_autoptr (GError) error = NULL;

  /* Starts like a database, but is too short to be one. */
  g_file_set_contents_full (path, "SQLite format 3", 16, G_FILE_SET_CONTENTS_NONE, 0600,
                            &error);
  g_assert_no_error (error);
}

static void
make_foreign_database (const char *path)
{
  sqlite3 *handle = NULL;

  g_assert_cmpint (sqlite3_open (path, &handle), ==, SQLITE_OK);
  g_assert_cmpint (raw_exec (handle, "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT);"
                                     "INSERT INTO notes (text) VALUES ('hello');"
                                     "PRAGMA user_version = 1;"),
                   ==, SQLITE_OK);
  sqlite3_close (handle);
}

static void
make_anvisa_database (const char *path)
{
  g_autoptr (AnvDb) db = open_path (path);
}

static void
make_newer_database (const char *path)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d",
                                          anv_schema_latest_version () + 1);
  sqlite3 *handle = NULL;

  make_anvisa_database (path);
  g_assert_cmpint (sqlite3_open (path, &handle), ==, SQLITE_OK);
  g_assert_cmpint (raw_exec (handle, sql), ==, SQLITE_OK);
  sqlite3_close (handle);
}

/* A newer Anvisa that is still running: its last commit is in the
 * write-ahead log, not yet in the file. */
static void
make_newer_database_in_wal (const char *path)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d",
                                          anv_schema_latest_version () + 1);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  sqlite3 *handle = NULL;

  make_anvisa_database (path);
  g_assert_cmpint (sqlite3_open (path, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_db_config (handle, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (raw_exec (handle, sql), ==, SQLITE_OK);
  sqlite3_close (handle);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static guint
page_size_of (const char *path)
{
  sqlite3 *handle = NULL;
  guint size;

  g_assert_cmpint (sqlite3_open_v2 (path, &handle, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  size = (guint) raw_int (handle, "PRAGMA page_size");
  sqlite3_close (handle);
  return size;
}

static void
make_truncated_database (const char *path)
{
  guint page_size;

  make_anvisa_database (path);
  page_size = page_size_of (path);
  g_assert_cmpint (truncate (path, page_size + page_size / 2), ==, 0);
}

/* Cut at seven tenths, as a copy that did not finish: the schema is
 * still readable, the data are not all there. */
static void
make_late_truncated_database (const char *path)
{
  GStatBuf st;
  guint page_size;

  make_anvisa_database (path);
  page_size = page_size_of (path);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (truncate (path, (st.st_size * 7 / 10) / page_size * page_size), ==, 0);
}

/* Overwrites pages 2 and on with noise, keeping the header page. */
static void
make_damaged_database (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length;
  guint page_size;

  make_anvisa_database (path);
  page_size = page_size_of (path);
  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 8 * page_size);
  for (gsize i = page_size; i < length; i++)
    data[i] = (char) (0xA5 ^ (i * 7));
  g_file_set_contents_full (path, data, (gssize) length, G_FILE_SET_CONTENTS_NONE, 0600,
                            &error);
  g_assert_no_error (error);
}

/* Overwrites the first half of page 2 only (the counties' table): the
 * schema on page 1 reads well, so this may only show when the table is
 * read. */
static void
make_page2_damaged_database (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length;
  guint page_size;

  make_anvisa_database (path);
  page_size = page_size_of (path);
  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);
  memset (data + page_size, 0xFF, page_size / 2);
  g_file_set_contents_full (path, data, (gssize) length, G_FILE_SET_CONTENTS_NONE, 0600,
                            &error);
  g_assert_no_error (error);
}

typedef struct
{
  const char   *name;
  MakeFileFunc  make;
  int           code;
  int           other_code;   /* -1, or another acceptable code */
  gboolean      may_open;     /* the damage may show only on reading */
  const char   *says;         /* NULL, or words the message must hold */
} RefusalCase;

/* Reads what a window reads first; the damage must show as such. */
static void
assert_damage_shows (AnvDb *db)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = anv_municipalities_list (db, &error);

  g_assert_null (list);
  g_assert_error (error, ANV_DB_ERROR, ANV_DB_ERROR_CORRUPT);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

/* The period's last day as the GDate rule gives it */
static void
assert_period_end (AnvDb      *db,
                   gint64      id,
                   const char *start,
                   guint       months)
{
  g_autofree char *sql = g_strdup_printf ("SELECT period_end FROM referral WHERE id = %"
                                          G_GINT64_FORMAT, id);
  g_autofree char *stored = db_text (db, sql);
  GDate from, last;
  char expected[11];

  g_assert_true (anv_date_parse (start, &from, NULL));
  anv_referrals_period_last_day (&from, months, &last);
  anv_date_format (&last, expected);
  g_assert_cmpstr (stored, ==, expected);
}

/* Active and overdue at the end of @month in Umeå's KROM cell, as
 * "active/overdue": the summary keeps a row only for months that change. */
static char *
umea_at (AnvDb      *db,
         const char *month)
{
  g_autofree char *sql = g_strdup_printf (
    "SELECT active_end || '/' || overdue_end FROM summary "
    "WHERE service = 'KROM' AND municipality_code = '2480' AND month <= '%s' "
    "ORDER BY month DESC LIMIT 1", month);

  return db_text (db, sql);
}

/* Version 7 fills the period of the referrals there (started, waiting for
 * the start, ended after their period; one from the 31st, whose sixth
 * month is shorter) as the GDate rule gives it, and moves the summary's
 * counts: active until the period's last day, overdue after it until
 * the end; as a recount from the referrals gives them. */
static void
test_migrate_periods_from_6 (void)
{
  static const struct
  {
    const char *month;
    const char *counts;   /* active/overdue */
  } expected[] = {
    { "2020-04", "2/0" }, { "2020-09", "4/0" },
    { "2020-10", "2/2" },   /* 1 and 3 ran out on 2020-10-21 and 2020-10-19 */
    { "2020-11", "1/3" },   /* 2, waiting, on 2020-11-17 */
    { "2021-02", "0/4" },   /* 4 on 2021-02-27 */
    { "2021-03", "0/3" },   /* 3 ended */
  };
  g_autofree char *dir = anv_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "anvisa.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvDb) db = NULL;
  const char *const people[] = { "198501012382", "198501022381", "199001012385",
                                 "197201079295" };
  GDate today;

  anv_test_date (&today, 2021, 6, 1);
  db = anv_schema_open_at_version (path, "tester", 6, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      AnvSeekerInput input = { people[i], "Anna Åberg", "2480", NULL, FALSE };
      g_autoptr (AnvSeeker) seeker = anv_seekers_add (db, &input, &today, &error);

      g_assert_no_error (error);
    }
  g_assert_true (db_exec (db,
    "INSERT INTO referral (id, seeker_id, service, level, choice, municipality_code, female,"
    "  decided_on, planned_start, started_on, ended_on, end_reason, decided_by) VALUES"
    "  (1, 1, 'KROM', 'A', 'default', '2480', 1, '2020-04-06', '2020-04-22', '2020-04-22',"
    "   NULL, NULL, 'tester'),"
    "  (2, 2, 'KROM', 'A', 'default', '2480', 1, '2020-05-04', '2020-05-18', NULL,"
    "   NULL, NULL, 'tester'),"
    "  (3, 3, 'KROM', 'B', 'default', '2480', 0, '2020-04-06', '2020-04-20', '2020-04-20',"
    "   '2021-03-15', 'jobb', 'tester'),"
    "  (4, 4, 'KROM', 'C', 'default', '2480', 0, '2020-08-14', '2020-08-31', '2020-08-31',"
    "   NULL, NULL, 'tester');"
    /* The summary as version 6 kept it: active until the end */
    "INSERT INTO summary (service, municipality_code, month, active_end) VALUES"
    "  ('KROM', '2480', '2020-04', 2), ('KROM', '2480', '2020-05', 3),"
    "  ('KROM', '2480', '2020-08', 4), ('KROM', '2480', '2021-03', 3);"));
  g_clear_object (&db);

  db = open_path (path);
  assert_period_end (db, 1, "2020-04-22", 6);
  assert_period_end (db, 2, "2020-05-18", 6);
  assert_period_end (db, 3, "2020-04-20", 6);
  assert_period_end (db, 4, "2020-08-31", 6);
  {
    g_autofree char *last_day = db_text (db, "SELECT period_end FROM referral WHERE id = 4");

    g_assert_cmpstr (last_day, ==, "2021-02-27");
  }
  for (guint pass = 0; pass < 2; pass++)
    {
      for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
        {
          g_autofree char *counts = umea_at (db, expected[i].month);

          g_test_message ("%s %s", pass ? "recounted" : "migrated", expected[i].month);
          g_assert_cmpstr (counts, ==, expected[i].counts);
        }
      /* A recount from the referrals gives the same */
      g_assert_true (anv_summary_rebuild (db, &error));
      g_assert_no_error (error);
    }

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

/* The migration's SQL twin of the period's last day agrees with the GDate
 * rule for every start in 2020–2024 (month ends, 29 February) and periods
 * of 3, 6, 9 and 12 months. */
static void
test_period_fill_matches_rule (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (GError) error = NULL;
  AnvSeekerInput input = { "198501012382", "Anna Åberg", "0180", NULL, FALSE };
  g_autoptr (AnvSeeker) seeker = NULL;
  AnvDbStmt *stmt;
  GDate today;
  guint n = 0;

  anv_test_date (&today, 2025, 1, 1);
  seeker = anv_seekers_add (db, &input, &today, &error);
  g_assert_no_error (error);
  /* STOM (3 months a rule) decided the day before the start, ended, so that one
   * person can have them all; an extension of 0, 3, 6 or 9 months more */
  g_assert_true (db_exec (db,
    "WITH RECURSIVE day (d) AS (SELECT '2020-01-01' UNION ALL"
    "  SELECT date (d, '+1 day') FROM day WHERE d < '2024-12-31'),"
    " extra (m) AS (VALUES (0), (3), (6), (9)) "
    "INSERT INTO referral (seeker_id, service, level, choice, municipality_code, female,"
    "  decided_on, planned_start, started_on, ended_on, end_reason, decided_by) "
    "SELECT 1, 'STOM', '1', 'default', '0180', 1, date (d, '-1 day'), d, d, '2099-01-01', 'jobb', "
    "  'tester:' || m FROM day, extra;"
    "INSERT INTO referral_extension (referral_id, recorded_on, months, recorded_by) "
    "SELECT id, decided_on, CAST (substr (decided_by, 8) AS INTEGER), 'tester' "
    "FROM referral WHERE decided_by <> 'tester:0';"
    "UPDATE referral SET period_end = NULL;"));
  g_assert_true (anv_referrals_fill_period_ends (db, &error));
  g_assert_no_error (error);

  stmt = anv_db_prepare (db, "test/period-ends",
                         "SELECT started_on, 3 + CAST (substr (decided_by, 8) AS INTEGER), "
                         "period_end FROM referral ORDER BY id", &error);
  g_assert_no_error (error);
  while (anv_db_step (stmt, &error) == ANV_DB_ROW)
    {
      GDate start, last;
      char expected[11];

      g_assert_true (anv_date_parse (anv_db_column_text (stmt, 0), &start, NULL));
      anv_referrals_period_last_day (&start, (guint) anv_db_column_int (stmt, 1), &last);
      anv_date_format (&last, expected);
      if (g_strcmp0 (anv_db_column_text (stmt, 2), expected) != 0)
        g_error ("from %s, %d months: SQL %s, GDate %s", anv_db_column_text (stmt, 0),
                 anv_db_column_int (stmt, 1), anv_db_column_text (stmt, 2), expected);
      n++;
    }
  g_assert_no_error (error);
  anv_db_reset (stmt);
  g_assert_cmpuint (n, ==, 1827 * 4);
  anv_test_close_db (&db, &dir);
}

static void
test_refusals (void)
{
  static const RefusalCase cases[] = {
    { "text file", make_text_file, ANV_DB_ERROR_NOT_ANVISA, -1, FALSE },
    { "short file", make_short_sqlite_file, ANV_DB_ERROR_NOT_ANVISA, -1, FALSE },
    { "other program's database", make_foreign_database, ANV_DB_ERROR_NOT_ANVISA, -1, FALSE },
    { "newer Anvisa", make_newer_database, ANV_DB_ERROR_TOO_NEW, -1, FALSE },
    { "newer Anvisa, in the log", make_newer_database_in_wal, ANV_DB_ERROR_TOO_NEW, -1,
      FALSE },
    { "truncated", make_truncated_database, ANV_DB_ERROR_CORRUPT, ANV_DB_ERROR_NOT_ANVISA,
      FALSE },
    { "damaged", make_damaged_database, ANV_DB_ERROR_CORRUPT, ANV_DB_ERROR_NOT_ANVISA, FALSE },
    { "truncated late", make_late_truncated_database, ANV_DB_ERROR_CORRUPT, -1, FALSE,
      "cut short" },
    { "page 2 damaged", make_page2_damaged_database, ANV_DB_ERROR_CORRUPT,
      ANV_DB_ERROR_NOT_ANVISA, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const RefusalCase *test = &cases[i];
      g_autofree char *dir = anv_test_make_dir ();
      g_autofree char *path = g_build_filename (dir, "anvisa.db", NULL);
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autoptr (GError) error = NULL;
      g_autoptr (AnvDb) db = NULL;
      Snapshot before = { 0 }, after = { 0 };
      gboolean had_wal;

      g_test_message ("%s", test->name);
      test->make (path);
      had_wal = g_file_test (wal, G_FILE_TEST_EXISTS);
      snapshot_take (&before, path);
      /* Let a write, if there were one, show in the time stamp. */
      g_usleep (20 * 1000);

      db = anv_schema_open (path, "tester", &error);
      if (db != NULL && test->may_open)
        {
          assert_damage_shows (db);
          g_clear_object (&db);
        }
      else if (db != NULL)
        g_error ("%s: was opened", test->name);
      else if (!g_error_matches (error, ANV_DB_ERROR, test->code)
          && !(test->other_code >= 0 && g_error_matches (error, ANV_DB_ERROR, test->other_code)))
        g_error ("%s: expected code %d, got %s %d: %s", test->name, test->code,
                 g_quark_to_string (error->domain), error->code, error->message);
      else
        {
          g_assert_true (g_utf8_validate (error->message, -1, NULL));
          g_assert_cmpuint (strlen (error->message), >, 20);
          if (test->says != NULL && strstr (error->message, test->says) == NULL)
            g_error ("%s: the message does not say “%s”: %s", test->name, test->says,
                     error->message);
        }

      snapshot_take (&after, path);
      if (!g_bytes_equal (before.contents, after.contents))
        g_error ("%s: the file was changed", test->name);
      g_assert_cmpint (before.mtime_usec, ==, after.mtime_usec);
      g_assert_cmpuint (before.mode, ==, after.mode);
      g_assert_cmpint (g_file_test (wal, G_FILE_TEST_EXISTS), ==, had_wal);

      snapshot_clear (&before);
      snapshot_clear (&after);
      anv_test_remove_dir (dir);
    }
}

/* Takes away the permission to write @path (a file, or a folder: to
 * create files in it); FALSE where this machine cannot. */
static gboolean
forbid_writing (const char *path)
{
  if (geteuid () == 0)
    return anv_test_set_immutable (path, TRUE);
  return g_chmod (path, g_file_test (path, G_FILE_TEST_IS_DIR) ? 0500 : 0400) == 0;
}

static void
allow_writing (const char *path)
{
  if (geteuid () == 0)
    g_assert_true (anv_test_set_immutable (path, FALSE));
  else
    g_assert_cmpint (g_chmod (path, g_file_test (path, G_FILE_TEST_IS_DIR) ? 0700 : 0600),
                     ==, 0);
}

static AnvSeeker *
try_add_seeker (AnvDb   *db,
                GError **error)
{
  AnvSeekerInput input = { "198501012382", "Anna Åberg", "2480", NULL, FALSE };
  GDate today;

  anv_test_date (&today, 2020, 6, 1);
  return anv_seekers_add (db, &input, &today, error);
}

/* A database whose file, or folder, may not be written is opened for
 * reading; a write is refused saying why (the folder or the file) and
 * what to do, and nothing is changed or left beside the file. */
static void
test_read_only (gconstpointer data)
{
  gboolean folder = GPOINTER_TO_INT (data);
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *wal = NULL;
  g_autofree char *shm = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (AnvSeeker) seeker = NULL;
  g_autoptr (GError) error = NULL;
  const char *forbidden;
  Snapshot before = { 0 }, after = { 0 };

  seeker = try_add_seeker (db, &error);
  g_assert_no_error (error);
  g_clear_pointer (&seeker, anv_seeker_free);
  path = g_strdup (anv_db_get_path (db));
  wal = g_strconcat (path, "-wal", NULL);
  shm = g_strconcat (path, "-shm", NULL);
  g_assert_false (anv_db_is_read_only (db));
  g_assert_null (anv_db_get_read_only_reason (db));
  g_clear_object (&db);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  forbidden = folder ? dir : path;
  if (!forbid_writing (forbidden))
    {
      g_test_skip ("this machine cannot take away root's permission to write (no immutable "
                   "attribute)");
      anv_test_remove_dir (dir);
      return;
    }
  snapshot_take (&before, path);

  db = anv_schema_open (path, "tester", &error);
  g_assert_no_error (error);
  g_assert_nonnull (db);
  g_assert_true (anv_db_is_read_only (db));
  g_test_message ("%s", anv_db_get_read_only_reason (db));
  g_assert_nonnull (strstr (anv_db_get_read_only_reason (db), "can only be read"));
  g_assert_nonnull (strstr (anv_db_get_read_only_reason (db), folder ? "folder" : "the file"));
  g_assert_cmpint (anv_db_get_schema_version (db), ==, anv_schema_latest_version ());

  /* Read */
  g_assert_cmpint (anv_seekers_count (db, &error), ==, 1);
  g_assert_no_error (error);

  /* Write */
  g_assert_null (try_add_seeker (db, &error));
  g_assert_error (error, ANV_DB_ERROR, ANV_DB_ERROR_READ_ONLY);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "Nothing was saved"));
  g_assert_nonnull (strstr (error->message, folder ? "folder" : "the file"));
  g_clear_error (&error);
  g_clear_object (&db);

  snapshot_take (&after, path);
  g_assert_true (g_bytes_equal (before.contents, after.contents));
  g_assert_cmpint (before.mtime_usec, ==, after.mtime_usec);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
  snapshot_clear (&before);
  snapshot_clear (&after);

  /* A new database cannot be made in that folder: the message names it. */
  if (folder)
    {
      g_autofree char *new_path = g_build_filename (dir, "new.db", NULL);

      g_assert_null (anv_schema_open (new_path, "tester", &error));
      g_assert_error (error, ANV_DB_ERROR, ANV_DB_ERROR_READ_ONLY);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, "folder"));
      g_assert_false (g_file_test (new_path, G_FILE_TEST_EXISTS));
      g_clear_error (&error);
    }

  allow_writing (forbidden);
  db = open_path (path);
  g_assert_false (anv_db_is_read_only (db));
  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

/* In a folder that may not be written, changes still in the write-ahead
 * log are read through its shared-memory file; without that file they
 * cannot be, and the message says so rather than show older data. */
static void
test_read_only_log (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *shm = NULL;
  g_autofree char *wal = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (AnvSeeker) seeker = NULL;
  g_autoptr (GError) error = NULL;
  sqlite3 *other = NULL;

  path = g_strdup (anv_db_get_path (db));
  wal = g_strconcat (path, "-wal", NULL);
  shm = g_strconcat (path, "-shm", NULL);
  /* A seeker left in the log, as a program that stopped would leave it. */
  g_assert_true (anv_db_exec (db, "PRAGMA wal_autocheckpoint = 0", &error));
  g_assert_no_error (error);
  seeker = try_add_seeker (db, &error);
  g_assert_no_error (error);
  /* That program is another connection, the last to close, which leaves
   * the log as it is. */
  g_assert_cmpint (sqlite3_open (path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_db_config (other, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (raw_int (other, "SELECT count(*) FROM seeker"), ==, 1);
  g_clear_object (&db);
  sqlite3_close (other);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (shm, G_FILE_TEST_EXISTS));

  if (!forbid_writing (dir))
    {
      g_test_skip ("this machine cannot take away root's permission to write (no immutable "
                   "attribute)");
      anv_test_remove_dir (dir);
      return;
    }

  db = anv_schema_open (path, "tester", &error);
  g_assert_no_error (error);
  g_assert_true (anv_db_is_read_only (db));
  g_assert_cmpint (anv_seekers_count (db, &error), ==, 1);
  g_assert_no_error (error);
  g_clear_object (&db);

  allow_writing (dir);
  g_assert_cmpint (g_remove (shm), ==, 0);
  g_assert_true (forbid_writing (dir));
  db = anv_schema_open (path, "tester", &error);
  g_assert_null (db);
  g_assert_error (error, ANV_DB_ERROR, ANV_DB_ERROR_READ_ONLY);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "-wal"));
  g_assert_nonnull (strstr (error->message, "folder"));

  allow_writing (dir);
  db = open_path (path);
  g_assert_cmpint (anv_seekers_count (db, &error), ==, 1);
  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

static void
test_refuse_directory (void)
{
  g_autofree char *dir = anv_test_make_dir ();
  g_autofree char *blocker = anv_test_write_file (dir, "blocker", "a file, not a folder\n");
  g_autofree char *under_file = g_build_filename (blocker, "sub", "anvisa.db", NULL);
  g_autofree char *is_dir = g_build_filename (dir, "folder.db", NULL);
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvDb) db = NULL;

  /* The folder cannot be created: a file is in the way. */
  db = anv_schema_open (under_file, "tester", &error);
  g_assert_null (db);
  g_assert_error (error, ANV_DB_ERROR, ANV_DB_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, blocker));
  g_assert_true (g_file_get_contents (blocker, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "a file, not a folder\n");
  g_clear_error (&error);

  /* The path is a folder. */
  g_assert_cmpint (g_mkdir (is_dir, 0700), ==, 0);
  db = anv_schema_open (is_dir, "tester", &error);
  g_assert_null (db);
  g_assert_error (error, ANV_DB_ERROR, ANV_DB_ERROR_NOT_ANVISA);
  g_clear_error (&error);

  anv_test_remove_dir (dir);
}

/* The schema's own rules */

typedef struct
{
  const char *what;
  const char *sql;
  int         rc;   /* extended result code */
} ConstraintCase;

static void
test_constraints (void)
{
  static const char valid_seeker[] =
    "INSERT INTO seeker (personnummer, name, municipality_code, postal_code, "
    "  protected_identity, registered_on, registered_by) "
    "VALUES ('198501012382', 'Anna Andersson', '2480', '90325', 0, '2026-11-22', 'tester');"
    "INSERT INTO audit_log (actor, action, entity) VALUES ('tester', 'test', 'test');";
  static const ConstraintCase cases[] = {
    { "personnummer of 11 digits",
      "INSERT INTO seeker (personnummer, name, municipality_code, registered_on, registered_by)"
      " VALUES ('19850101238', 'A', '2480', '2026-11-22', 'tester')",
      SQLITE_CONSTRAINT_CHECK },
    { "personnummer of 13 digits",
      "INSERT INTO seeker (personnummer, name, municipality_code, registered_on, registered_by)"
      " VALUES ('1985010123820', 'A', '2480', '2026-11-22', 'tester')",
      SQLITE_CONSTRAINT_CHECK },
    { "personnummer with a sign",
      "INSERT INTO seeker (personnummer, name, municipality_code, registered_on, registered_by)"
      " VALUES ('+98501012382', 'A', '2480', '2026-11-22', 'tester')",
      SQLITE_CONSTRAINT_CHECK },
    { "personnummer with letters",
      "INSERT INTO seeker (personnummer, name, municipality_code, registered_on, registered_by)"
      " VALUES ('19850101238X', 'A', '2480', '2026-11-22', 'tester')",
      SQLITE_CONSTRAINT_CHECK },
    { "personnummer with a separator",
      "INSERT INTO seeker (personnummer, name, municipality_code, registered_on, registered_by)"
      " VALUES ('19850101-238', 'A', '2480', '2026-11-22', 'tester')",
      SQLITE_CONSTRAINT_CHECK },
    { "unknown municipality",
      "INSERT INTO seeker (personnummer, name, municipality_code, registered_on, registered_by)"
      " VALUES ('198501012390', 'A', '9999', '2026-11-22', 'tester')",
      SQLITE_CONSTRAINT_FOREIGNKEY },
    { "duplicate personnummer",
      "INSERT INTO seeker (personnummer, name, municipality_code, registered_on, registered_by)"
      " VALUES ('198501012382', 'B', '2480', '2026-11-22', 'tester')",
      SQLITE_CONSTRAINT_UNIQUE },
    { "protected identity with a postal code",
      "INSERT INTO seeker (personnummer, name, municipality_code, postal_code,"
      " protected_identity, registered_on, registered_by)"
      " VALUES ('198501012390', 'A', '2480', '90325', 1, '2026-11-22', 'tester')",
      SQLITE_CONSTRAINT_CHECK },
    { "empty name",
      "INSERT INTO seeker (personnummer, name, municipality_code, registered_on, registered_by)"
      " VALUES ('198501012390', '', '2480', '2026-11-22', 'tester')",
      SQLITE_CONSTRAINT_CHECK },
    { "malformed postal code",
      "INSERT INTO seeker (personnummer, name, municipality_code, postal_code, registered_on,"
      " registered_by) VALUES ('198501012390', 'A', '2480', '903 2', '2026-11-22', 'tester')",
      SQLITE_CONSTRAINT_CHECK },
    { "registration date that is no date",
      "INSERT INTO seeker (personnummer, name, municipality_code, registered_on, registered_by)"
      " VALUES ('198501012390', 'A', '2480', '22/11/2026', 'tester')",
      SQLITE_CONSTRAINT_CHECK },
    { "registration date not in ISO form",
      "INSERT INTO seeker (personnummer, name, municipality_code, registered_on, registered_by)"
      " VALUES ('198501012390', 'A', '2480', '2026-1-05', 'tester')",
      SQLITE_CONSTRAINT_CHECK },
    { "no one registered",
      "INSERT INTO seeker (personnummer, name, municipality_code, registered_on, registered_by)"
      " VALUES ('198501012390', 'A', '2480', '2026-11-22', '')",
      SQLITE_CONSTRAINT_CHECK },
    { "audit log changed",
      "UPDATE audit_log SET actor = 'someone else'",
      SQLITE_CONSTRAINT_TRIGGER },
    { "audit log emptied",
      "DELETE FROM audit_log",
      SQLITE_CONSTRAINT_TRIGGER },
    { "overlapping period",
      "INSERT INTO service_availability (service, municipality_code, valid_from, valid_to)"
      " VALUES ('STOM', '2480', '2021-01-01', '2021-06-30')",
      SQLITE_CONSTRAINT_TRIGGER },
    { "overlapping open period",
      "INSERT INTO service_availability (service, municipality_code, valid_from)"
      " VALUES ('KROM', '2480', '2040-01-01')",
      SQLITE_CONSTRAINT_TRIGGER },
    { "period stretched over another",
      "UPDATE service_availability SET valid_to = '2020-04-30'"
      " WHERE municipality_code = '2480' AND service = 'STOM'",
      SQLITE_CONSTRAINT_TRIGGER },
    { "period ending before it starts",
      "INSERT INTO service_availability (service, municipality_code, valid_from, valid_to)"
      " VALUES ('STOM', '2480', '2001-02-01', '2001-01-31')",
      SQLITE_CONSTRAINT_CHECK },
    { "unknown service",
      "INSERT INTO service_availability (service, municipality_code, valid_from, valid_to)"
      " VALUES ('ABCD', '2480', '2001-01-01', '2001-01-31')",
      SQLITE_CONSTRAINT_FOREIGNKEY },
    { "municipality code of 3 digits",
      "INSERT INTO municipality (code, name, short_name, county_code)"
      " VALUES ('248', 'X kommun', 'X', '24')",
      SQLITE_CONSTRAINT_CHECK },
    { "municipality in no county",
      "INSERT INTO municipality (code, name, short_name, county_code)"
      " VALUES ('2499', 'X kommun', 'X', '99')",
      SQLITE_CONSTRAINT_FOREIGNKEY },
    { "end reason code in capitals",
      "INSERT INTO end_reason (code, kind, label_sv, label_en)"
      " VALUES ('Jobb2', 'result', 'A', 'B')",
      SQLITE_CONSTRAINT_CHECK },
    { "end reason of a third kind",
      "INSERT INTO end_reason (code, kind, label_sv, label_en)"
      " VALUES ('jobb2', 'other', 'A', 'B')",
      SQLITE_CONSTRAINT_CHECK },
    { "postal code in an unknown municipality",
      "INSERT INTO postal_code (code, locality, municipality_code)"
      " VALUES ('99999', 'X', '9999')",
      SQLITE_CONSTRAINT_FOREIGNKEY },
    { "municipality still in use",
      "DELETE FROM municipality WHERE code = '2480'",
      SQLITE_CONSTRAINT_FOREIGNKEY },
  };
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  sqlite3 *handle = NULL;
  gint64 audit_rows;

  /* Another program, which breaks the rules if the schema lets it. */
  g_assert_cmpint (sqlite3_open (anv_db_get_path (db), &handle), ==, SQLITE_OK);
  sqlite3_extended_result_codes (handle, 1);
  g_assert_cmpint (raw_exec (handle, "PRAGMA foreign_keys = ON"), ==, SQLITE_OK);

  g_assert_cmpint (raw_exec (handle, valid_seeker), ==, SQLITE_OK);
  audit_rows = raw_int (handle, "SELECT count(*) FROM audit_log");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      int rc = raw_exec (handle, cases[i].sql);

      if (rc != cases[i].rc)
        g_error ("%s: expected result %d, got %d (%s)", cases[i].what, cases[i].rc, rc,
                 sqlite3_errmsg (handle));
    }

  g_assert_cmpint (raw_int (handle, "SELECT count(*) FROM seeker"), ==, 1);
  g_assert_cmpint (raw_int (handle, "SELECT count(*) FROM audit_log"), ==, audit_rows);
  g_assert_cmpint (raw_int (handle, "SELECT count(*) FROM service_availability"), ==, 580);
  sqlite3_close (handle);

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

static void
count_cb (AnvDb *db,
          guint *count)
{
  (*count)++;
}

/* Another process's commit is seen by polling; our own is announced. */
static void
test_changes (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) mine = anv_test_open_db (&dir);
  g_autofree char *path = g_build_filename (dir, "anvisa.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvDb) other = anv_schema_open (path, "someone", &error);
  g_autoptr (AnvSeeker) seeker = NULL;
  AnvSeekerInput input = { "198501012382", "Anna Åberg", "2480", NULL, FALSE };
  guint changes = 0;
  GDate today;

  g_assert_no_error (error);
  g_signal_connect (mine, "changed", G_CALLBACK (count_cb), &changes);
  anv_test_date (&today, 2026, 11, 22);

  g_assert_false (anv_db_poll_changes (mine));
  seeker = anv_seekers_add (other, &input, &today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes, ==, 0);
  g_assert_true (anv_db_poll_changes (mine));
  g_assert_cmpuint (changes, ==, 1);
  g_assert_false (anv_db_poll_changes (mine));
  g_assert_cmpuint (changes, ==, 1);

  g_clear_pointer (&seeker, anv_seeker_free);
  input.personnummer = "198501022381";
  seeker = anv_seekers_add (mine, &input, &today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes, ==, 2);
  /* Our own commit does not look like another's. */
  g_assert_false (anv_db_poll_changes (mine));

  g_clear_object (&other);
  g_clear_object (&mine);
  anv_test_remove_dir (dir);
}

/* A rule of the schema that refuses a value is reported in Anvisa's
 * words: no SQL (“CHECK constraint failed: …”) reaches the person. */
static void
test_constraint_message (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (GError) error = NULL;

  g_assert_false (anv_db_exec (db, "INSERT INTO provider (orgnr, name, municipality_code, "
                                   "registered_on, registered_by) VALUES ('2021002114', 'X', "
                                   "'2480', '22000-01-01', 'tester')", &error));
  g_assert_error (error, ANV_DB_ERROR, ANV_DB_ERROR_CONSTRAINT);
  g_test_message ("%s", error->message);
  g_assert_null (strstr (error->message, "CHECK"));
  g_assert_null (strstr (error->message, "constraint"));
  g_assert_null (strstr (error->message, "registered_on"));
  g_assert_nonnull (strstr (error->message, "2199"));

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

/* The statement layer the core modules use: statements cached by key,
 * numbered placeholders, RETURNING for new ids, a unique key taken and a
 * rule of the schema each in an error code of Anvisa's own. */
static gpointer
name_from_row (AnvDbStmt *stmt,
               gpointer   user_data)
{
  int *rows = user_data;

  (*rows)++;
  return anv_db_column_dup (stmt, 0);
}

static void
test_statement_layer (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) names = NULL;
  AnvDbStmt *insert;
  AnvDbStmt *again;
  AnvDbStmt *select;
  gint64 first = 0;
  gint64 second = 0;
  int rows = 0;

  g_assert_true (anv_db_exec (db, "CREATE TABLE t (id INTEGER PRIMARY KEY, "
                                  "name TEXT NOT NULL UNIQUE, size REAL CHECK (size > 0))",
                              &error));
  g_assert_no_error (error);

  insert = anv_db_prepare (db, "test/insert",
                           "INSERT INTO t (name, size) VALUES (?1, ?2) RETURNING id", &error);
  g_assert_no_error (error);
  anv_db_bind_text (insert, 1, "Kiruna");
  anv_db_bind_double (insert, 2, 1.5);
  g_assert_true (anv_db_step_insert (insert, &first, &error));
  g_assert_no_error (error);
  g_assert_cmpint (anv_db_changes (db), ==, 1);

  /* The same key gives the same statement, reset, with nothing bound. */
  again = anv_db_prepare (db, "test/insert",
                          "INSERT INTO t (name, size) VALUES (?1, ?2) RETURNING id", &error);
  g_assert_true (again == insert);
  anv_db_bind_text (again, 1, "Åre");
  g_assert_true (anv_db_step_insert (again, &second, &error));
  g_assert_cmpint (second, >, first);

  again = anv_db_prepare (db, "test/insert",
                          "INSERT INTO t (name, size) VALUES (?1, ?2) RETURNING id", &error);
  anv_db_bind_text (again, 1, "Kiruna");
  g_assert_false (anv_db_step_insert (again, NULL, &error));
  g_assert_error (error, ANV_DB_ERROR, ANV_DB_ERROR_DUPLICATE);
  g_clear_error (&error);

  anv_db_bind_text (again, 1, "Gävle");
  anv_db_bind_double (again, 2, -1);
  g_assert_false (anv_db_step_insert (again, NULL, &error));
  g_assert_error (error, ANV_DB_ERROR, ANV_DB_ERROR_CONSTRAINT);
  g_assert_null (strstr (error->message, "CHECK"));
  g_clear_error (&error);

  select = anv_db_prepare (db, "test/select", "SELECT name, size FROM t ORDER BY id", &error);
  g_assert_no_error (error);
  g_assert_cmpint (anv_db_step (select, &error), ==, ANV_DB_ROW);
  g_assert_cmpstr (anv_db_column_text (select, 0), ==, "Kiruna");
  g_assert_cmpfloat (anv_db_column_double (select, 1), ==, 1.5);
  g_assert_cmpint (anv_db_step (select, &error), ==, ANV_DB_ROW);
  g_assert_true (anv_db_column_is_null (select, 1));
  g_assert_cmpint (anv_db_step (select, &error), ==, ANV_DB_DONE);

  names = anv_db_collect (select, name_from_row, &rows, g_free, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rows, ==, 2);
  g_assert_cmpuint (names->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (names, 1), ==, "Åre");

  g_assert_false (anv_db_in_transaction (db));
  g_assert_true (anv_db_begin (db, &error));
  g_assert_true (anv_db_in_transaction (db));
  anv_db_rollback (db);
  g_assert_false (anv_db_in_transaction (db));

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

/* Failures that used to return without a word now say one: a known key
 * with another text, and a row that was due and did not come. */
static void
test_statement_failures (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (GError) error = NULL;
  AnvDbStmt *stmt;
  gint64 id = 0;

  g_assert_true (anv_db_exec (db, "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)",
                              &error));
  g_assert_no_error (error);

  stmt = anv_db_prepare (db, "test/one-key", "SELECT count(*) FROM t", &error);
  g_assert_no_error (error);
  g_assert_nonnull (stmt);
  g_test_expect_message ("anvisa-db", G_LOG_LEVEL_CRITICAL, "*two different texts*");
  stmt = anv_db_prepare (db, "test/one-key", "SELECT max (id) FROM t", &error);
  g_test_assert_expected_messages ();
  g_assert_null (stmt);
  g_assert_error (error, ANV_DB_ERROR, ANV_DB_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "test/one-key"));
  g_clear_error (&error);

  /* count(*) gives its row; a WHERE that matches nothing gives none. */
  stmt = anv_db_prepare (db, "test/count", "SELECT count(*) FROM t", &error);
  g_assert_true (anv_db_step_row (stmt, &error));
  g_assert_no_error (error);
  g_assert_cmpint (anv_db_column_int64 (stmt, 0), ==, 0);
  anv_db_reset (stmt);
  stmt = anv_db_prepare (db, "test/none", "SELECT name FROM t WHERE id = 1", &error);
  g_assert_false (anv_db_step_row (stmt, &error));
  g_assert_error (error, ANV_DB_ERROR, ANV_DB_ERROR_FAILED);
  g_clear_error (&error);

  /* An INSERT whose id is asked for but which returns none. */
  stmt = anv_db_prepare (db, "test/insert-no-returning",
                         "INSERT INTO t (name) VALUES ('Kiruna')", &error);
  g_assert_false (anv_db_step_insert (stmt, &id, &error));
  g_assert_error (error, ANV_DB_ERROR, ANV_DB_ERROR_FAILED);

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

/* A failed commit rolls nothing back itself: the transaction stays open
 * for the caller's rollback, the one owner of it (anv-db-private.h). */
static void
test_commit_fails_caller_rolls_back (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (GError) error = NULL;
  gint64 rows = -1;

  g_assert_true (anv_db_exec (db,
    "CREATE TABLE parent (id INTEGER PRIMARY KEY);"
    "CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL "
    "  REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED);", &error));
  g_assert_no_error (error);

  /* A deferred reference is checked at COMMIT, which fails. */
  g_assert_true (anv_db_begin (db, &error));
  g_assert_true (anv_db_exec (db, "INSERT INTO child (parent_id) VALUES (7)", &error));
  g_assert_no_error (error);
  g_assert_false (anv_db_commit (db, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_true (anv_db_in_transaction (db));

  anv_db_rollback (db);
  g_assert_false (anv_db_in_transaction (db));
  g_assert_true (anv_db_query_int64 (db, "SELECT count(*) FROM child", &rows, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rows, ==, 0);

  /* The connection is usable again: the next transaction commits. */
  g_assert_true (anv_db_begin (db, &error));
  g_assert_true (anv_db_exec (db, "INSERT INTO parent (id) VALUES (7);"
                                  "INSERT INTO child (parent_id) VALUES (7)", &error));
  g_assert_true (anv_db_commit (db, &error));
  g_assert_no_error (error);

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

/* The connection opens a file and brings nothing up to date: that is the
 * schema layer's work, one layer up. */
static void
test_connect_without_schema (void)
{
  g_autofree char *dir = anv_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "anvisa.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvDb) db = NULL;
  int version = -1;

  db = anv_db_connect (path, "tester", anv_schema_latest_version (), &error);
  g_assert_no_error (error);
  g_assert_cmpint (anv_db_get_schema_version (db), ==, 0);
  g_assert_true (anv_db_read_schema_version (db, &version, &error));
  g_assert_no_error (error);
  g_assert_cmpint (version, ==, 0);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM sqlite_schema"), ==, 0);
  g_assert_cmpint (db_int (db, "PRAGMA application_id"), ==, 1095652947);
  g_assert_false (anv_db_is_read_only (db));

  /* The version is the engine's to keep. */
  g_assert_true (anv_db_write_schema_version (db, 0, &error));
  g_assert_no_error (error);
  g_clear_object (&db);

  /* The schema layer brings it up to date. */
  db = open_path (path);
  g_assert_cmpint (anv_db_get_schema_version (db), ==, anv_schema_latest_version ());
  g_assert_true (anv_db_read_schema_version (db, &version, &error));
  g_assert_cmpint (version, ==, anv_schema_latest_version ());
  g_clear_object (&db);

  /* A connection that knows fewer versions than the file holds refuses it. */
  db = anv_db_connect (path, "tester", 1, &error);
  g_assert_error (error, ANV_DB_ERROR, ANV_DB_ERROR_TOO_NEW);
  g_assert_null (db);

  anv_test_remove_dir (dir);
}

/* After removing personal data, the log that still held it is emptied. */
static void
test_purge_removed (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (AnvSeeker) seeker = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *wal = g_strconcat (anv_db_get_path (db), "-wal", NULL);
  GStatBuf st;

  seeker = try_add_seeker (db, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (wal, &st), ==, 0);
  g_assert_cmpint (st.st_size, >, 0);

  anv_db_purge_removed (db);
  g_assert_cmpint (g_stat (wal, &st), ==, 0);
  g_assert_cmpint (st.st_size, ==, 0);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM seeker"), ==, 1);

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/db/default-path", test_default_path);
  g_test_add_func ("/db/create/private", test_create_private);
  g_test_add_func ("/db/pragmas", test_pragmas);
  g_test_add_func ("/db/migrations/from-1", test_migrate_from_1);
  g_test_add_func ("/db/migrations/each-step", test_migrate_each_step);
  g_test_add_func ("/db/migrations/ids-never-reused", test_migrate_ids_never_reused);
  g_test_add_func ("/db/migrations/periods-from-6", test_migrate_periods_from_6);
  g_test_add_func ("/db/period-fill-matches-rule", test_period_fill_matches_rule);
  g_test_add_func ("/db/refuse/files", test_refusals);
  g_test_add_data_func ("/db/read-only/file", GINT_TO_POINTER (FALSE), test_read_only);
  g_test_add_data_func ("/db/read-only/folder", GINT_TO_POINTER (TRUE), test_read_only);
  g_test_add_func ("/db/read-only/log", test_read_only_log);
  g_test_add_func ("/db/refuse/directory", test_refuse_directory);
  g_test_add_func ("/db/constraints", test_constraints);
  g_test_add_func ("/db/changes", test_changes);
  g_test_add_func ("/db/constraint-message", test_constraint_message);
  g_test_add_func ("/db/statement-layer", test_statement_layer);
  g_test_add_func ("/db/statement-failures", test_statement_failures);
  g_test_add_func ("/db/commit-fails", test_commit_fails_caller_rolls_back);
  g_test_add_func ("/db/connect/no-schema", test_connect_without_schema);
  g_test_add_func ("/db/purge-removed", test_purge_removed);

  return g_test_run ();
}
