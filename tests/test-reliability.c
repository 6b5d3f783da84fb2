/* test-reliability.c — backup, restore, retention, a full or failing disk, file modes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "anv-approvals.h"
#include "anv-audit.h"
#include "anv-backup.h"
#include "anv-db-private.h"
#include "anv-delivery-areas.h"
#include "anv-export.h"
#include "anv-providers.h"
#include "anv-referrals.h"
#include "anv-retention.h"
#include "anv-schema.h"
#include "anv-seeker-import.h"
#include "anv-seekers.h"
#include "anv-summary.h"
#include "anv-test-util.h"

/* Skatteverket test numbers. */
#define PNR_ANNA   "198501012382"
#define PNR_BO     "198501022381"
#define PNR_CIA    "198501032380"
#define PNR_DAN    "198501042389"
#define KROM_UMEA  "2021002114"
/* A name no other row has, to look for in the file's bytes. */
#define RARE_NAME  "Zelmira Quarnstedt"

typedef struct
{
  char  *dir;
  AnvDb *db;
  GDate  today;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->db = anv_test_open_db (&f->dir);
  anv_test_date (&f->today, 2026, 11, 22);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  anv_test_close_db (&f->db, &f->dir);
}

/* Helpers */

static void
add_seeker (AnvDb       *db,
            const char  *pnr,
            const char  *name,
            const GDate *today)
{
  g_autoptr (GError) error = NULL;
  AnvSeekerInput input = { pnr, name, "2480", NULL, FALSE };
  g_autoptr (AnvSeeker) seeker = anv_seekers_add (db, &input, today, &error);

  g_assert_no_error (error);
  g_assert_nonnull (seeker);
}

static void
add_provider (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvProvider) provider = NULL;
  const char *codes[] = { "2480", NULL };
  GDate from;

  anv_test_date (&from, 2014, 1, 1);
  provider = anv_providers_add (f->db, KROM_UMEA, "Rusta Norr AB", "2480", &f->today, &error);
  g_assert_no_error (error);
  anv_areas_add (f->db, "Umeåregionen", ANV_SERVICE_KROM, codes, &error);
  g_assert_no_error (error);
  anv_providers_approve (f->db, KROM_UMEA, "Umeåregionen", &from, NULL, &f->today, &error);
  g_assert_no_error (error);
}

/* Decides a referral on @decided, and ends it on @ended unless NULL. */
static void
refer (Fixture    *f,
       const char *pnr,
       const char *decided,
       const char *ended)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvReferral) referral = NULL;
  AnvReferralInput input = { 0 };
  GDate decided_on, ended_on;

  g_assert_true (g_date_valid_dmy (1, 1, 2000));
  g_date_clear (&decided_on, 1);
  g_date_set_parse (&decided_on, decided);
  input.personnummer = pnr;
  input.service = ANV_SERVICE_NONE;
  input.level = "A";
  input.choice = ANV_CHOICE_DEFAULT;
  input.decided_on = &decided_on;
  referral = anv_referrals_decide (f->db, &input, &f->today, &error);
  g_assert_no_error (error);
  if (ended == NULL)
    return;
  g_date_clear (&ended_on, 1);
  g_date_set_parse (&ended_on, ended);
  anv_referrals_end (f->db, pnr, "flyttat", &ended_on, &f->today, &error);
  g_assert_no_error (error);
}

static gint64
count (AnvDb      *db,
       const char *sql)
{
  return anv_test_query_int (db, sql, NULL, 0);
}

static GArray *
read_summary (AnvDb *db)
{
  g_autoptr (GError) error = NULL;
  AnvSummaryQuery query = { "2020-01", "2021-12", ANV_SERVICE_NONE, "24" };
  GArray *rows = anv_summary_read (db, &query, &error);

  g_assert_no_error (error);
  return rows;
}

static void
assert_same_rows (GArray *a,
                  GArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  g_assert_cmpmem (a->data, a->len * sizeof (AnvSummaryRow),
                   b->data, b->len * sizeof (AnvSummaryRow));
}

static guint
file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

static const AnvAuditEntry *
find_audit (GPtrArray  *entries,
            const char *action)
{
  for (guint i = 0; i < entries->len; i++)
    {
      const AnvAuditEntry *entry = g_ptr_array_index (entries, i);

      if (strcmp (entry->action, action) == 0)
        return entry;
    }
  return NULL;
}

static GPtrArray *
audit (AnvDb *db)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *entries = anv_audit_list (db, NULL, NULL, NULL, 1000, &error);

  g_assert_no_error (error);
  return entries;
}

/* Only the database's own files: no temporary copy is left behind. */
static void
assert_no_leftovers (const char *dir)
{
  g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (handle)) != NULL)
    if (name[0] == '.')
      g_error ("left behind: %s", name);
}

/* Backup */

typedef struct
{
  AnvDb       *other;
  const GDate *today;
  guint        calls;
} WriteDuring;

static void
write_during_cb (guint    done,
                 guint    total,
                 gpointer user_data)
{
  WriteDuring *during = user_data;

  g_assert_cmpuint (done, <=, total);
  /* Another connection (the GUI, say) saves while the copy is made. */
  if (during->calls++ == 0)
    add_seeker (during->other, PNR_DAN, "Dan Under Kopiering", during->today);
}

static void
test_backup_while_writing (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *dest = g_build_filename (f->dir, "kopia.db", NULL);
  g_autoptr (AnvDb) other = anv_schema_open (anv_db_get_path (f->db), "kollega", NULL);
  g_autoptr (AnvDb) copy = NULL;
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (GError) error = NULL;
  WriteDuring during = { other, &f->today, 0 };

  add_seeker (f->db, PNR_ANNA, "Anna Andersson", &f->today);
  anv_backup_create (f->db, dest, write_during_cb, &during, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (during.calls, >, 1);

  g_assert_cmpuint (file_mode (dest), ==, 0600);
  assert_no_leftovers (f->dir);

  copy = anv_schema_open (dest, "tester", &error);
  g_assert_no_error (error);
  anv_test_assert_integrity (copy);
  /* The copy started over when the other connection wrote: it has both. */
  g_assert_cmpint (count (copy, "SELECT count(*) FROM seeker"), ==, 2);

  entries = audit (f->db);
  g_assert_nonnull (find_audit (entries, "database.backup"));
}

typedef struct
{
  AnvDb        *other;
  const GDate  *today;
  GPtrArray    *numbers;
  guint         calls;
} WriteAlways;

static void
write_always_cb (guint    done,
                 guint    total,
                 gpointer user_data)
{
  WriteAlways *always = user_data;
  g_autofree char *name = g_strdup_printf ("Alltid Skrivande %u", always->calls);

  /* Another program writes between every two steps of the copy. */
  g_assert_cmpuint (always->calls, <, always->numbers->len);
  add_seeker (always->other, g_ptr_array_index (always->numbers, always->calls++), name,
              always->today);
}

/* When the database never stands still, the copy does not start over for
 * ever: after a few times it takes the rest in one snapshot. */
static void
test_backup_never_still (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *dest = g_build_filename (f->dir, "kopia.db", NULL);
  g_autoptr (AnvDb) other = anv_schema_open (anv_db_get_path (f->db), "kollega", NULL);
  g_autoptr (GPtrArray) numbers = anv_test_load_personnummer ("1960", "1990", TRUE, 50);
  g_autoptr (AnvDb) copy = NULL;
  g_autoptr (GError) error = NULL;
  WriteAlways always = { other, &f->today, numbers, 0 };
  gint64 copied;

  g_assert_true (anv_backup_create (f->db, dest, write_always_cb, &always, NULL, &error));
  g_assert_no_error (error);
  assert_no_leftovers (f->dir);

  copy = anv_schema_open (dest, "tester", &error);
  g_assert_no_error (error);
  anv_test_assert_integrity (copy);
  /* A snapshot taken between two of the writes */
  copied = count (copy, "SELECT count(*) FROM seeker");
  g_assert_cmpint (copied, >=, 1);
  g_assert_cmpint (copied, <=, always.calls);
  g_test_message ("%u writes during the backup, %" G_GINT64_FORMAT " of them in the copy",
                  always.calls, copied);
}

static void
cancel_cb (guint    done,
           guint    total,
           gpointer user_data)
{
  g_cancellable_cancel (user_data);
}

/* A cancelled backup leaves nothing: no file, no copy half made, no
 * entry in the audit log. */
static void
test_backup_cancel (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *dest = g_build_filename (f->dir, "kopia.db", NULL);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (GError) error = NULL;

  add_seeker (f->db, PNR_ANNA, "Anna Andersson", &f->today);
  g_assert_false (anv_backup_create (f->db, dest, cancel_cb, cancellable, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (dest, G_FILE_TEST_EXISTS));
  assert_no_leftovers (f->dir);
  entries = audit (f->db);
  g_assert_null (find_audit (entries, "database.backup"));
}

static void
test_backup_refuses_folder (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  g_assert_false (anv_backup_create (f->db, f->dir, NULL, NULL, NULL, &error));
  g_assert_error (error, ANV_BACKUP_ERROR, ANV_BACKUP_ERROR_WRITE);
  assert_no_leftovers (f->dir);
}

/* Never onto the database in use, nor its log: the open connections would
 * go on writing to a file that is no longer there. */
static void
test_backup_refuses_itself (Fixture       *f,
                            gconstpointer  data)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };
  g_autofree char *via_dot = g_build_filename (f->dir, ".", "anvisa.db", NULL);
  g_autofree char *name = g_path_get_basename (anv_db_get_path (f->db));

  add_seeker (f->db, PNR_ANNA, "Anna Andersson", &f->today);
  g_assert_cmpstr (name, ==, "anvisa.db");
  for (guint i = 0; i <= G_N_ELEMENTS (suffixes); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *dest = i < G_N_ELEMENTS (suffixes)
                              ? g_strconcat (anv_db_get_path (f->db), suffixes[i], NULL)
                              : g_strdup (via_dot);

      g_assert_false (anv_backup_create (f->db, dest, NULL, NULL, NULL, &error));
      g_assert_error (error, ANV_BACKUP_ERROR, ANV_BACKUP_ERROR_WRITE);
      g_assert_nonnull (strstr (error->message, "in use"));
    }
  g_assert_cmpint (count (f->db, "SELECT count(*) FROM seeker"), ==, 1);
  g_assert_cmpint (count (f->db, "SELECT count(*) FROM audit_log "
                                 "WHERE action = 'database.backup'"), ==, 0);
}

/* Nor onto the database through a link to it, nor onto a copy a restore
 * kept (which may be the only one left of someone retention removed),
 * nor into a pipe: a backup is a database file, taking its name. */
static void
test_backup_refuses_kept_and_links (Fixture       *f,
                                    gconstpointer  data)
{
  g_autofree char *kept = anv_backup_kept_path (f->db, "2026-11-01T10-00-00");
  g_autofree char *symlink_path = g_build_filename (f->dir, "link.db", NULL);
  g_autofree char *hardlink_path = g_build_filename (f->dir, "hard.db", NULL);
  g_autofree char *kept_link = g_build_filename (f->dir, "kept-link.db", NULL);
  g_autofree char *fifo = g_build_filename (f->dir, "pipe.db", NULL);
  g_autofree char *kept_journal = g_strconcat (kept, "-journal", NULL);
  const char *targets[] = { symlink_path, hardlink_path, kept, kept_link, kept_journal, fifo };
  const char *words[] = { "in use", "in use", "restore kept", "restore kept", "restore kept",
                          "not an ordinary file" };
  GStatBuf st;

  add_seeker (f->db, PNR_ANNA, "Anna Andersson", &f->today);
  g_assert_true (g_file_set_contents (kept, "kept before a restore", -1, NULL));
  g_assert_cmpint (symlink (anv_db_get_path (f->db), symlink_path), ==, 0);
  g_assert_cmpint (link (anv_db_get_path (f->db), hardlink_path), ==, 0);
  g_assert_cmpint (symlink (kept, kept_link), ==, 0);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_false (anv_backup_create (f->db, targets[i], NULL, NULL, NULL, &error));
      g_assert_error (error, ANV_BACKUP_ERROR, ANV_BACKUP_ERROR_WRITE);
      if (strstr (error->message, words[i]) == NULL)
        g_error ("%s: %s", targets[i], error->message);
    }
  {
    g_autofree char *contents = NULL;

    g_assert_true (g_file_get_contents (kept, &contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, "kept before a restore");
  }
  g_assert_cmpint (g_lstat (symlink_path, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  g_assert_cmpint (g_lstat (fifo, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));
  g_assert_false (g_file_test (kept_journal, G_FILE_TEST_EXISTS));
  g_assert_cmpint (count (f->db, "SELECT count(*) FROM seeker"), ==, 1);
  g_assert_cmpint (count (f->db, "SELECT count(*) FROM audit_log "
                                 "WHERE action = 'database.backup'"), ==, 0);
  anv_test_assert_integrity (f->db);
}

/* A backup replaces only an earlier backup (an SQLite database) or an
 * empty file: never a document or an export that happens to have the
 * name. */
static void
test_backup_refuses_document (Fixture       *f,
                              gconstpointer  data)
{
  static const char *const documents[] = { "Personnummer;Namn\r\n19121212-1212;Tolvan\r\n",
                                           "%PDF-1.7\n", "SQLite format 2\n" };
  g_autofree char *earlier = g_build_filename (f->dir, "bk1.db", NULL);
  g_autofree char *empty = NULL;

  add_seeker (f->db, PNR_ANNA, "Anna Andersson", &f->today);
  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      g_autofree char *name = g_strdup_printf ("document-%u.db", i);
      g_autofree char *path = anv_test_write_file (f->dir, name, documents[i]);
      g_autofree char *contents = NULL;
      g_autoptr (GError) error = NULL;

      g_assert_false (anv_backup_create (f->db, path, NULL, NULL, NULL, &error));
      g_assert_error (error, ANV_BACKUP_ERROR, ANV_BACKUP_ERROR_WRITE);
      g_assert_nonnull (strstr (error->message, "is not a backup"));
      g_assert_nonnull (strstr (error->message, name));
      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      g_assert_cmpstr (contents, ==, documents[i]);
    }
  /* A name longer than the folder allows is refused before anything is
   * written or logged (the temporary file's short name would not show it) */
  {
    g_autofree char *long_name = g_strnfill (300, 'a');
    g_autofree char *base = g_strconcat (long_name, ".db", NULL);
    g_autofree char *path = g_build_filename (f->dir, base, NULL);
    g_autoptr (GError) error = NULL;

    g_assert_false (anv_backup_create (f->db, path, NULL, NULL, NULL, &error));
    g_assert_nonnull (error);
    g_assert_nonnull (strstr (error->message, "the name is too long"));
  }
  g_assert_cmpint (count (f->db, "SELECT count(*) FROM audit_log "
                                 "WHERE action = 'database.backup'"), ==, 0);

  /* An earlier backup is replaced, and so is an empty file */
  {
    g_autoptr (GError) error = NULL;

    g_assert_true (anv_backup_create (f->db, earlier, NULL, NULL, NULL, &error));
    add_seeker (f->db, PNR_BO, "Bo Efter", &f->today);
    g_assert_true (anv_backup_create (f->db, earlier, NULL, NULL, NULL, &error));
    empty = anv_test_write_file (f->dir, "tom.db", "");
    g_assert_true (anv_backup_create (f->db, empty, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
  }
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (AnvDb) copy = anv_schema_open (earlier, "tester", &error);

    g_assert_no_error (error);
    g_assert_cmpint (count (copy, "SELECT count(*) FROM seeker"), ==, 2);
  }
  assert_no_leftovers (f->dir);
}

/* A backup replaces an SQLite database only when it is Anvisa's (its
 * application_id) and nothing has it open (no -wal, -shm or -journal
 * beside it): never another program's, which renaming over would leave
 * with a log of another file. */
static void
test_backup_refuses_other_database (Fixture       *f,
                                    gconstpointer  data)
{
  g_autofree char *other = g_build_filename (f->dir, "other.sqlite", NULL);
  g_autofree char *plain = g_build_filename (f->dir, "plain.sqlite", NULL);
  g_autofree char *earlier = g_build_filename (f->dir, "bk1.db", NULL);
  g_autofree char *earlier_wal = g_strconcat (earlier, "-wal", NULL);
  g_autoptr (GError) error = NULL;
  sqlite3 *other_db = NULL, *plain_db = NULL, *earlier_db = NULL;

  add_seeker (f->db, PNR_ANNA, "Anna Andersson", &f->today);

  /* Another program's database, in use, with its log beside it */
  g_assert_cmpint (sqlite3_open (other, &other_db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other_db, "PRAGMA journal_mode = WAL; "
                                 "CREATE TABLE t (x); INSERT INTO t VALUES (42);",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  /* And one of another program, closed, with no log */
  g_assert_cmpint (sqlite3_open (plain, &plain_db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (plain_db, "CREATE TABLE t (x); INSERT INTO t VALUES (7);",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (plain_db), ==, SQLITE_OK);

  g_assert_false (anv_backup_create (f->db, other, NULL, NULL, NULL, &error));
  g_assert_error (error, ANV_BACKUP_ERROR, ANV_BACKUP_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "other.sqlite"));
  g_assert_nonnull (strstr (error->message, "another program"));
  g_clear_error (&error);
  g_assert_false (anv_backup_create (f->db, plain, NULL, NULL, NULL, &error));
  g_assert_error (error, ANV_BACKUP_ERROR, ANV_BACKUP_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "another program"));
  g_clear_error (&error);
  g_assert_cmpint (anv_test_raw_query_int (other_db, "SELECT x FROM t"), ==, 42);
  g_assert_cmpint (sqlite3_close (other_db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_open (plain, &plain_db), ==, SQLITE_OK);
  g_assert_cmpint (anv_test_raw_query_int (plain_db, "SELECT x FROM t"), ==, 7);
  g_assert_cmpint (sqlite3_close (plain_db), ==, SQLITE_OK);

  /* An earlier backup that something has open, in WAL mode: refused,
   * naming its log; once closed, replaced. */
  g_assert_true (anv_backup_create (f->db, earlier, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (earlier, &earlier_db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (earlier_db, "PRAGMA journal_mode = WAL; "
                                 "SELECT count(*) FROM seeker;", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  g_assert_true (g_file_test (earlier_wal, G_FILE_TEST_EXISTS));
  g_assert_false (anv_backup_create (f->db, earlier, NULL, NULL, NULL, &error));
  g_assert_error (error, ANV_BACKUP_ERROR, ANV_BACKUP_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "bk1.db-wal"));
  g_clear_error (&error);
  g_assert_cmpint (sqlite3_close (earlier_db), ==, SQLITE_OK);
  g_assert_false (g_file_test (earlier_wal, G_FILE_TEST_EXISTS));
  add_seeker (f->db, PNR_BO, "Bo Efter", &f->today);
  g_assert_true (anv_backup_create (f->db, earlier, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr (AnvDb) copy = anv_schema_open (earlier, "tester", &error);

    g_assert_no_error (error);
    g_assert_cmpint (count (copy, "SELECT count(*) FROM seeker"), ==, 2);
  }
  g_assert_cmpint (count (f->db, "SELECT count(*) FROM audit_log "
                                 "WHERE action = 'database.backup'"), ==, 2);
}

/* A backup or a restore logs the absolute path of its file, as an export
 * does, however it was named. */
static void
test_backup_logs_absolute_path (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *cwd = g_get_current_dir ();
  g_autofree char *sub = g_build_filename (f->dir, "bk", NULL);
  g_autofree char *absolute = g_build_filename (sub, "ok.db", NULL);
  g_autofree char *expected = g_strconcat ("file=", absolute, NULL);
  g_autofree char *keep = g_build_filename (f->dir, "fore.db", NULL);
  g_autofree char *keep_expected = g_strconcat ("file=", keep, NULL);
  g_autofree char *restore_expected = NULL;
  g_autoptr (AnvRestore) restore = NULL;
  g_autoptr (GError) error = NULL;

  add_seeker (f->db, PNR_ANNA, "Anna Andersson", &f->today);
  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  g_assert_cmpint (g_chdir (f->dir), ==, 0);
  g_assert_true (anv_backup_create (f->db, "bk/./ok.db", NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (anv_test_query_int (f->db,
                                       "SELECT count(*) FROM audit_log "
                                       "WHERE action = 'database.backup' AND details = ?1",
                                       expected, 0), ==, 1);

  restore = anv_backup_prepare_restore (f->db, "bk/ok.db", &error);
  g_assert_no_error (error);
  g_assert_true (anv_backup_restore (f->db, restore, "fore.db", &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_chdir (cwd), ==, 0);
  restore_expected = g_strdup_printf ("%s; version=%%", expected);
  g_assert_cmpint (anv_test_query_int (f->db,
                                       "SELECT count(*) FROM audit_log "
                                       "WHERE action = 'database.restore' AND details LIKE ?1",
                                       restore_expected, 0), ==, 1);
  g_assert_cmpint (anv_test_query_int (f->db,
                                       "SELECT count(*) FROM audit_log "
                                       "WHERE action = 'database.backup' AND details = ?1",
                                       keep_expected, 0), ==, 1);
}

static void
test_restore (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *dest = g_build_filename (f->dir, "kopia.db", NULL);
  g_autofree char *keep = g_build_filename (f->dir, "fore.db", NULL);
  g_autoptr (AnvDb) other = anv_schema_open (anv_db_get_path (f->db), "kollega", NULL);
  g_autoptr (AnvDb) kept = NULL;
  g_autoptr (AnvRestore) restore = NULL;
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (GError) error = NULL;

  add_seeker (f->db, PNR_ANNA, "Anna Andersson", &f->today);
  anv_backup_create (f->db, dest, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  add_seeker (f->db, PNR_BO, "Bo Efter", &f->today);

  restore = anv_backup_prepare_restore (f->db, dest, &error);
  g_assert_no_error (error);
  g_assert_cmpint (anv_restore_get_seekers (restore), ==, 1);
  g_assert_cmpint (anv_restore_get_version (restore), ==, anv_schema_latest_version ());
  {
    g_autofree char *question = anv_restore_describe_question (restore, dest, keep);

    g_assert_nonnull (strstr (question, "(1 job seeker, 0 referrals)"));
  }
  /* Checking changed nothing yet. */
  g_assert_cmpint (count (f->db, "SELECT count(*) FROM seeker"), ==, 2);

  anv_backup_restore (f->db, restore, keep, &error);
  g_assert_no_error (error);
  g_clear_pointer (&restore, anv_restore_free);
  assert_no_leftovers (f->dir);

  g_assert_cmpint (count (f->db, "SELECT count(*) FROM seeker"), ==, 1);
  /* Another connection sees the restored data too. */
  g_assert_cmpint (count (other, "SELECT count(*) FROM seeker WHERE personnummer = '"
                                 PNR_BO "'"), ==, 0);
  anv_test_assert_integrity (f->db);
  entries = audit (f->db);
  g_assert_nonnull (find_audit (entries, "database.restore"));
  /* The audit log only grew: Bo's registration after the backup, the
   * backups (the one restored and the copy kept before) are all still
   * there, each once, in order, and the restore comes last */
  g_assert_cmpint (count (f->db, "SELECT count(*) FROM audit_log "
                                 "WHERE action = 'seeker.add'"), ==, 2);
  g_assert_cmpint (count (f->db, "SELECT count(*) FROM audit_log "
                                 "WHERE action = 'database.backup'"), ==, 2);
  g_assert_cmpint (count (f->db, "SELECT count(*) FROM audit_log "
                                 "WHERE action = 'database.restore'"), ==, 1);
  g_assert_cmpint (count (f->db, "SELECT action = 'database.restore' FROM audit_log "
                                 "ORDER BY id DESC LIMIT 1"), ==, 1);
  g_assert_cmpint (count (f->db, "SELECT count(*) FROM audit_log a JOIN audit_log b "
                                 "ON a.id < b.id AND a.at > b.at"), ==, 0);

  /* What was there before is kept, privately. */
  g_assert_cmpuint (file_mode (keep), ==, 0600);
  kept = anv_schema_open (keep, "tester", &error);
  g_assert_no_error (error);
  g_assert_cmpint (count (kept, "SELECT count(*) FROM seeker"), ==, 2);
}

static void
test_restore_older (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *old = g_build_filename (f->dir, "gammal.db", NULL);
  g_autoptr (AnvDb) old_db = anv_schema_open_at_version (old, "tester", 3, NULL);
  g_autoptr (AnvRestore) restore = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_nonnull (old_db);
  g_clear_object (&old_db);

  restore = anv_backup_prepare_restore (f->db, old, &error);
  g_assert_no_error (error);
  g_assert_cmpint (anv_restore_get_version (restore), ==, 3);
  anv_backup_restore (f->db, restore, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count (f->db, "PRAGMA user_version"), ==, anv_schema_latest_version ());
  g_assert_cmpint (count (f->db, "SELECT count(*) FROM sqlite_schema "
                                 "WHERE name = 'retention_permit'"), ==, 1);
}

typedef struct
{
  const char  *path;
  GPtrArray   *numbers;
  const GDate *today;
  gboolean     checkpoint;   /* after each write, move the log into the file */
  gulong       pause_us;     /* between two writes */
  gint         committed;
  gint         stop;
} LiveWriter;

/* Another program, using a database: it adds job seekers, one per number,
 * until told to stop. */
static gpointer
live_writer_thread (gpointer user_data)
{
  LiveWriter *writer = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvDb) db = anv_schema_open (writer->path, "kollega", &error);

  g_assert_no_error (error);
  for (guint i = 0; i < writer->numbers->len && !g_atomic_int_get (&writer->stop); i++)
    {
      g_autofree char *name = g_strdup_printf ("Levande Skrivare %u", i);

      add_seeker (db, g_ptr_array_index (writer->numbers, i), name, writer->today);
      g_atomic_int_inc (&writer->committed);
      /* Best effort: a reader may hold the log, and the next round tries again. */
      if (writer->checkpoint)
        anv_db_purge_removed (db);
      if (writer->pause_us > 0)
        g_usleep (writer->pause_us);
    }
  return NULL;
}

/* A database that another program writes to while it is read for a
 * restore: each copy is whole, and has at least what was written before. */
static void
test_restore_from_live (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *source = g_build_filename (f->dir, "annan.db", NULL);
  g_autoptr (GPtrArray) numbers = anv_test_load_personnummer ("1930", "1990", TRUE, 400);
  g_autoptr (AnvDb) created = NULL;
  LiveWriter writer = { source, numbers, &f->today, TRUE, 0, 0, 0 };
  GThread *thread;
  gint at_start;
  guint i;

  created = anv_schema_open (source, "kollega", NULL);
  g_assert_nonnull (created);
  g_clear_object (&created);

  thread = g_thread_new ("anvisa-test-writer", live_writer_thread, &writer);
  while (g_atomic_int_get (&writer.committed) == 0)
    g_usleep (1000);
  at_start = g_atomic_int_get (&writer.committed);

  for (i = 0; i < 20 && g_atomic_int_get (&writer.committed) < (gint) numbers->len; i++)
    {
      g_autoptr (AnvRestore) restore = NULL;
      g_autoptr (GError) error = NULL;
      gint before = g_atomic_int_get (&writer.committed);

      restore = anv_backup_prepare_restore (f->db, source, &error);
      g_assert_no_error (error);
      g_assert_nonnull (restore);
      g_assert_cmpint (anv_restore_get_seekers (restore), >=, before);
    }
  g_atomic_int_set (&writer.stop, 1);
  g_thread_join (thread);

  g_test_message ("%u restores read while %d job seekers were written", i,
                  g_atomic_int_get (&writer.committed) - at_start);
  g_assert_cmpuint (i, >=, 5);
  g_assert_cmpint (g_atomic_int_get (&writer.committed), >, at_start);
  g_assert_cmpint (count (f->db, "SELECT count(*) FROM seeker"), ==, 0);
  assert_no_leftovers (f->dir);
}

/* The window's way: a backup and a restore each on a connection of their
 * own while the window's connection and the search's stay open; the
 * files are read by something else in the process (a file chooser), and
 * between backup and restore another program (the command line) writes.
 * Afterwards both open connections read what was restored, and can
 * write. */
#define ZETA_ORGNR "2021005448"
#define OTHER_DB_ENV "ANVISA_TEST_OTHER_PROCESS_DB"

static void
add_zeta (const char  *path,
          const GDate *today)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvDb) db = anv_schema_open (path, "cli", &error);
  g_autoptr (AnvProvider) provider = NULL;

  g_assert_no_error (error);
  provider = anv_providers_add (db, ZETA_ORGNR, "Zeta Test AB", "2480", today, &error);
  g_assert_no_error (error);
}

static void
test_restore_other_process (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *path = g_strdup (anv_db_get_path (f->db));
  g_autofree char *dest = g_build_filename (f->dir, "gbk-new.db", NULL);
  g_autofree char *keep = g_build_filename (f->dir, "fore.db", NULL);
  g_autoptr (AnvDb) search = NULL;
  g_autoptr (AnvDb) worker = NULL;
  g_autoptr (AnvRestore) restore = NULL;
  g_autoptr (GError) error = NULL;
  const char *companions[] = { "", "-wal", "-shm" };
  AnvDb *in_use[2];

  if (g_test_subprocess ())
    {
      /* The other program, a process of its own */
      add_zeta (g_getenv (OTHER_DB_ENV), &f->today);
      return;
    }

  search = anv_schema_open (path, "tester", &error);
  g_assert_no_error (error);
  add_seeker (f->db, PNR_ANNA, "Anna Andersson", &f->today);
  g_assert_cmpint (count (search, "SELECT count(*) FROM seeker"), ==, 1);

  worker = anv_schema_open (path, "tester", &error);
  g_assert_no_error (error);
  g_assert_true (anv_backup_create (worker, dest, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&worker);

  /* Something else in the process reads the files and closes them again,
   * as a file chooser showing their folder does to tell their types. */
  for (guint i = 0; i < G_N_ELEMENTS (companions); i++)
    {
      g_autofree char *name = g_strconcat (path, companions[i], NULL);
      char byte;
      int fd = g_open (name, O_RDONLY | O_CLOEXEC, 0);

      g_assert_cmpint (fd, >=, 0);
      g_assert_cmpint (read (fd, &byte, 1), ==, 1);
      g_assert_true (g_close (fd, NULL));
    }

  g_setenv (OTHER_DB_ENV, path, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  g_unsetenv (OTHER_DB_ENV);
  g_assert_cmpint (count (f->db, "SELECT count(*) FROM provider WHERE orgnr = '"
                                 ZETA_ORGNR "'"), ==, 1);

  worker = anv_schema_open (path, "tester", &error);
  g_assert_no_error (error);
  restore = anv_backup_prepare_restore (worker, dest, &error);
  g_assert_no_error (error);
  g_assert_true (anv_backup_restore (worker, restore, keep, &error));
  g_assert_no_error (error);
  g_clear_pointer (&restore, anv_restore_free);
  g_clear_object (&worker);

  in_use[0] = f->db;
  in_use[1] = search;
  for (guint i = 0; i < G_N_ELEMENTS (in_use); i++)
    {
      g_assert_cmpint (count (in_use[i], "SELECT count(*) FROM provider WHERE orgnr = '"
                                       ZETA_ORGNR "'"), ==, 0);
      g_assert_cmpint (count (in_use[i], "SELECT count(*) FROM audit_log "
                                       "WHERE action = 'database.restore'"), ==, 1);
    }
  add_seeker (f->db, PNR_BO, "Bo Efter", &f->today);
  add_seeker (search, PNR_CIA, "Cia Citron", &f->today);
  for (guint i = 0; i < G_N_ELEMENTS (in_use); i++)
    g_assert_cmpint (count (in_use[i], "SELECT count(*) FROM seeker"), ==, 3);
  anv_test_assert_integrity (f->db);

  /* And so does another program afterwards. */
  worker = anv_schema_open (path, "tester", &error);
  g_assert_no_error (error);
  g_assert_cmpint (count (worker, "SELECT count(*) FROM seeker"), ==, 3);
}

/* Files copied from another computer: a database and its log, without
 * the log's index. It is restored with what its log holds, and nothing
 * new appears beside it. */
static void
test_restore_moved_with_log (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *origin = g_build_filename (f->dir, "annan.db", NULL);
  g_autofree char *origin_wal = g_strconcat (origin, "-wal", NULL);
  g_autofree char *moved_dir = g_build_filename (f->dir, "usb", NULL);
  g_autofree char *moved = g_build_filename (moved_dir, "flyttad.db", NULL);
  g_autofree char *moved_wal = g_strconcat (moved, "-wal", NULL);
  g_autofree char *contents = NULL;
  g_autoptr (AnvDb) other = NULL;
  g_autoptr (AnvRestore) restore = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GDir) dir = NULL;
  gsize length = 0;
  guint n_files = 0;

  other = anv_schema_open (origin, "kollega", &error);
  g_assert_no_error (error);
  add_seeker (other, PNR_ANNA, "Anna Andersson", &f->today);
  /* Bo only in the log */
  g_assert_true (anv_db_exec (other, "PRAGMA wal_autocheckpoint = 0", &error));
  g_assert_no_error (error);
  add_seeker (other, PNR_BO, "Bo Berg", &f->today);

  g_assert_cmpint (g_mkdir (moved_dir, 0700), ==, 0);
  g_assert_true (g_file_get_contents (origin, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (moved, contents, (gssize) length, NULL));
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (origin_wal, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 0);
  g_assert_true (g_file_set_contents (moved_wal, contents, (gssize) length, NULL));
  g_clear_object (&other);

  restore = anv_backup_prepare_restore (f->db, moved, &error);
  g_assert_no_error (error);
  g_assert_cmpint (anv_restore_get_seekers (restore), ==, 2);
  g_clear_pointer (&restore, anv_restore_free);

  dir = g_dir_open (moved_dir, 0, NULL);
  while (g_dir_read_name (dir) != NULL)
    n_files++;
  g_assert_cmpuint (n_files, ==, 2);
}

static gboolean
has_seeker (AnvDb      *db,
            const char *pnr)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM seeker "
                                          "WHERE personnummer = '%s'", pnr);

  return count (db, sql) == 1;
}

/* Another program writes to the database in use while it is restored:
 * whatever it wrote is either in the copy kept beside the database or,
 * written after the restore, in the restored database. Nothing is lost. */
static void
test_restore_while_writing (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *backup = g_build_filename (f->dir, "kopia.db", NULL);
  g_autofree char *keep = g_build_filename (f->dir, "sparad.db", NULL);
  g_autoptr (GPtrArray) numbers = anv_test_load_personnummer ("1930", "1990", TRUE, 60);
  g_autoptr (AnvDb) kept = NULL;
  g_autoptr (AnvRestore) restore = NULL;
  g_autoptr (GError) error = NULL;
  LiveWriter writer = { anv_db_get_path (f->db), numbers, &f->today, FALSE, 5000, 0, 0 };
  guint in_kept = 0, after = 0;
  GThread *thread;

  add_seeker (f->db, PNR_ANNA, "Anna Andersson", &f->today);
  anv_backup_create (f->db, backup, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  thread = g_thread_new ("anvisa-test-writer", live_writer_thread, &writer);
  while (g_atomic_int_get (&writer.committed) < 3)
    g_usleep (1000);
  restore = anv_backup_prepare_restore (f->db, backup, &error);
  g_assert_no_error (error);
  anv_backup_restore (f->db, restore, keep, &error);
  g_assert_no_error (error);
  g_thread_join (thread);

  kept = anv_schema_open (keep, "tester", &error);
  g_assert_no_error (error);
  g_assert_true (has_seeker (kept, PNR_ANNA));
  g_assert_true (has_seeker (f->db, PNR_ANNA));
  for (gint i = 0; i < writer.committed; i++)
    {
      const char *pnr = g_ptr_array_index (numbers, i);
      gboolean there_before = has_seeker (kept, pnr);
      gboolean there_after = has_seeker (f->db, pnr);

      if (!there_before && !there_after)
        g_error ("job seeker %d of %d was lost in the restore", i + 1, writer.committed);
      in_kept += there_before;
      after += there_after;
    }
  g_test_message ("%d written: %u in the kept copy, %u after the restore",
                  writer.committed, in_kept, after);
  g_assert_cmpint (writer.committed, ==, (gint) numbers->len);
  g_assert_cmpuint (in_kept, >=, 3);
  g_assert_cmpuint (in_kept + after, ==, numbers->len);
  /* The writes after the restore took ids above those of the writes in
   * the kept copy, whose entries the log keeps: no id was given twice. */
  g_assert_cmpint (count (f->db, "SELECT count(*) FROM (SELECT entity_id FROM audit_log "
                                 "  WHERE action = 'seeker.add' "
                                 "  GROUP BY entity_id HAVING count(*) > 1) AS twice"), ==, 0);

  /* Both audited in the restored database: the kept copy, the restore */
  g_assert_cmpint (count (kept, "SELECT count(*) FROM audit_log "
                                "WHERE action = 'database.restore'"), ==, 0);
  g_assert_cmpint (count (f->db, "SELECT count(*) FROM audit_log "
                                 "WHERE action = 'database.restore'"), ==, 1);
  {
    g_autofree char *logged = g_strconcat ("file=", keep, NULL);

    g_assert_cmpint (anv_test_query_int (f->db,
                                         "SELECT count(*) FROM audit_log "
                                         "WHERE action = 'database.backup' AND details = ?1",
                                         logged, 0), ==, 1);
  }
  anv_test_assert_integrity (f->db);
}

/* A backup with 4 KiB pages (databases made before Anvisa chose 8 KiB)
 * restores into one with 8 KiB pages. */
static void
test_restore_page_size (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *old = g_build_filename (f->dir, "sma-sidor.db", NULL);
  g_autoptr (AnvDb) old_db = anv_schema_open (old, "tester", NULL);
  g_autoptr (AnvRestore) restore = NULL;
  g_autoptr (GError) error = NULL;
  sqlite3 *handle = NULL;

  add_seeker (old_db, PNR_ANNA, "Anna Andersson", &f->today);
  g_clear_object (&old_db);
  g_assert_cmpint (sqlite3_open (old, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, "PRAGMA journal_mode = DELETE; "
                                 "PRAGMA page_size = 4096; VACUUM", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  sqlite3_close (handle);
  old_db = anv_schema_open (old, "tester", NULL);
  g_assert_cmpint (count (old_db, "PRAGMA page_size"), ==, 4096);
  g_clear_object (&old_db);
  g_assert_cmpint (count (f->db, "PRAGMA page_size"), ==, 8192);

  restore = anv_backup_prepare_restore (f->db, old, &error);
  g_assert_no_error (error);
  g_assert_true (anv_backup_restore (f->db, restore, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f->db, "SELECT count(*) FROM seeker"), ==, 1);
  g_assert_cmpint (count (f->db, "PRAGMA page_size"), ==, 8192);
  g_assert_cmpint (count (f->db, "SELECT count(*) FROM audit_log "
                                 "WHERE action = 'database.restore'"), ==, 1);
}

typedef void (*SpoilFunc) (const char *path);

static void
spoil_text (const char *path)
{
  g_assert_true (g_file_set_contents (path, "personnummer;namn\n", -1, NULL));
}

static void
spoil_truncate (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (truncate (path, st.st_size / 2), ==, 0);
}

static void
spoil_newer (const char *path)
{
  sqlite3 *handle = NULL;

  g_assert_cmpint (sqlite3_open (path, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, "PRAGMA user_version = 999", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  sqlite3_close (handle);
}

/* Overwrites the middle of the file, where the tables' pages are. */
static void
spoil_pages (const char *path)
{
  GStatBuf st;
  int fd = g_open (path, O_WRONLY, 0);
  char junk[8192];

  memset (junk, 0x5a, sizeof junk);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  for (off_t at = 16384; at + (off_t) sizeof junk < st.st_size; at += 4 * sizeof junk)
    g_assert_cmpint (pwrite (fd, junk, sizeof junk, at), ==, sizeof junk);
  g_close (fd, NULL);
}

static void
test_restore_refusals (Fixture       *f,
                       gconstpointer  data)
{
  static const struct
  {
    const char *name;
    SpoilFunc   spoil;
  } cases[] = {
    { "not a database", spoil_text },
    { "truncated", spoil_truncate },
    { "newer Anvisa", spoil_newer },
    { "damaged pages", spoil_pages },
  };

  add_seeker (f->db, PNR_ANNA, "Anna Andersson", &f->today);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("fel-%u.db", i);
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      g_autoptr (AnvRestore) restore = NULL;
      g_autoptr (GError) error = NULL;
      gsize before_len = 0, after_len = 0;

      anv_backup_create (f->db, path, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      cases[i].spoil (path);
      g_assert_true (g_file_get_contents (path, &before, &before_len, NULL));

      restore = anv_backup_prepare_restore (f->db, path, &error);
      g_test_message ("%s: %s", cases[i].name, error ? error->message : "(accepted)");
      g_assert_null (restore);
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, path));

      g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
      g_assert_cmpmem (before, before_len, after, after_len);
      g_assert_cmpint (count (f->db, "SELECT count(*) FROM seeker"), ==, 1);
      assert_no_leftovers (f->dir);
    }
}

/* Retention */

static gboolean
file_has_text (const char *path,
               const char *text)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;
  for (gsize i = 0; i < length; i++)
    contents[i] = g_ascii_tolower (contents[i]);
  return memmem (contents, length, text, strlen (text)) != NULL;
}

/* A removed job seeker's ids are in the audit log: no one new gets them,
 * even when the removed rows had the highest ids. */
static void
test_retention_ids_not_reused (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  gint64 anna, anna_referral, bo, bo_referral;
  guint64 seekers = 0;
  GDate date;

  add_provider (f);
  add_seeker (f->db, PNR_DAN, "Dan Utan", &f->today);
  add_seeker (f->db, PNR_ANNA, RARE_NAME, &f->today);
  refer (f, PNR_ANNA, "2020-04-06", "2020-06-30");
  anna = count (f->db, "SELECT id FROM seeker WHERE personnummer = '" PNR_ANNA "'");
  anna_referral = count (f->db, "SELECT max (id) FROM referral");
  g_assert_cmpint (anna, ==, count (f->db, "SELECT max (id) FROM seeker"));

  anv_test_date (&date, 2021, 1, 1);
  anv_retention_run (f->db, &date, &f->today, &seekers, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (seekers, ==, 1);

  add_seeker (f->db, PNR_BO, "Bo Ny", &f->today);
  refer (f, PNR_BO, "2020-08-03", NULL);
  bo = count (f->db, "SELECT id FROM seeker WHERE personnummer = '" PNR_BO "'");
  bo_referral = count (f->db, "SELECT max (id) FROM referral");
  g_assert_cmpint (bo, >, anna);
  g_assert_cmpint (bo_referral, >, anna_referral);
  anv_test_assert_integrity (f->db);
}

static void
test_retention (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (anv_db_get_path (f->db), "-wal", NULL);
  g_autoptr (GArray) before = NULL;
  g_autoptr (GArray) after = NULL;
  g_autoptr (GPtrArray) found = NULL;
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (GError) error = NULL;
  const AnvAuditEntry *entry;
  guint64 due = 0, seekers = 0, referrals = 0;
  GDate date, future;

  add_provider (f);
  add_seeker (f->db, PNR_ANNA, RARE_NAME, &f->today);       /* all ended before: removed */
  add_seeker (f->db, PNR_BO, "Bo Öppen", &f->today);        /* open referral: kept */
  add_seeker (f->db, PNR_CIA, "Cia Senare", &f->today);     /* ended after: kept */
  add_seeker (f->db, PNR_DAN, "Dan Utan", &f->today);       /* no referral: kept */
  refer (f, PNR_ANNA, "2020-04-06", "2020-06-30");
  refer (f, PNR_ANNA, "2020-08-03", "2020-10-30");
  refer (f, PNR_BO, "2020-04-06", "2020-05-29");
  refer (f, PNR_BO, "2020-06-01", NULL);
  refer (f, PNR_CIA, "2020-04-06", "2021-03-01");
  before = read_summary (f->db);
  anv_test_assert_summary_matches_recount (f->db, "2020-01", "2021-12", "24");

  /* The schema refuses deletions outside a retention run. */
  g_assert_false (anv_db_exec (f->db, "DELETE FROM referral", &error));
  g_clear_error (&error);
  g_assert_false (anv_db_exec (f->db, "DELETE FROM seeker", &error));
  g_clear_error (&error);

  anv_test_date (&future, 2027, 1, 1);
  g_assert_false (anv_retention_run (f->db, &future, &f->today, NULL, NULL, &error));
  g_assert_error (error, ANV_RETENTION_ERROR, ANV_RETENTION_ERROR_DATE);
  g_clear_error (&error);

  anv_test_date (&date, 2021, 1, 1);
  anv_retention_count (f->db, &date, &due, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (due, ==, 1);
  anv_retention_run (f->db, &date, &f->today, &seekers, &referrals, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (seekers, ==, 1);
  g_assert_cmpuint (referrals, ==, 2);

  /* The summary counts stay as they were. */
  after = read_summary (f->db);
  assert_same_rows (before, after);
  anv_test_assert_integrity (f->db);

  g_assert_cmpint (count (f->db, "SELECT count(*) FROM seeker"), ==, 3);
  g_assert_cmpint (count (f->db, "SELECT count(*) FROM referral"), ==, 3);
  g_assert_cmpint (count (f->db, "SELECT count(*) FROM retention_permit"), ==, 0);
  found = anv_seekers_search (f->db, "Zelmira", 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = anv_seekers_search (f->db, "Bo", 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);

  /* Audited with the counts, never the name or the number. */
  entries = audit (f->db);
  entry = find_audit (entries, "seeker.retention");
  g_assert_nonnull (entry);
  g_assert_nonnull (strstr (entry->details, "seekers=1"));
  g_assert_nonnull (strstr (entry->details, "referrals=2"));
  g_assert_null (strstr (entry->details, "Zelmira"));
  g_assert_null (strstr (entry->details, "850101"));

  /* Nothing of the name is left in the file, nor in the log. */
  g_assert_false (file_has_text (anv_db_get_path (f->db), "zelmira"));
  g_assert_false (file_has_text (anv_db_get_path (f->db), "quarnstedt"));
  g_assert_false (file_has_text (wal, "zelmira"));
  g_assert_false (file_has_text (anv_db_get_path (f->db), PNR_ANNA));

  /* A recount would lose the removed referrals: refused, nothing changed. */
  g_assert_false (anv_summary_rebuild (f->db, &error));
  g_assert_error (error, ANV_SUMMARY_ERROR, ANV_SUMMARY_ERROR_RETAINED);
  g_clear_error (&error);
  g_clear_pointer (&after, g_array_unref);
  after = read_summary (f->db);
  assert_same_rows (before, after);

  /* A second run finds no one. */
  anv_retention_run (f->db, &date, &f->today, &seekers, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (seekers, ==, 0);
}

/* Retention while another connection (the window's) is open and has read:
 * the removed name is left neither in the file nor in its log. */
static void
test_retention_other_open (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (anv_db_get_path (f->db), "-wal", NULL);
  g_autoptr (AnvDb) other = anv_schema_open (anv_db_get_path (f->db), "kollega", NULL);
  g_autoptr (GError) error = NULL;
  guint64 seekers = 0;
  GDate date;

  g_assert_nonnull (other);
  add_provider (f);
  add_seeker (f->db, PNR_ANNA, RARE_NAME, &f->today);
  add_seeker (f->db, PNR_BO, "Bo Öppen", &f->today);
  refer (f, PNR_ANNA, "2020-04-06", "2020-06-30");
  refer (f, PNR_BO, "2020-06-01", NULL);
  g_assert_cmpint (count (other, "SELECT count(*) FROM seeker"), ==, 2);
  g_assert_true (file_has_text (wal, "zelmira"));

  anv_test_date (&date, 2021, 1, 1);
  anv_retention_run (f->db, &date, &f->today, &seekers, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (seekers, ==, 1);
  g_assert_cmpint (count (other, "SELECT count(*) FROM seeker"), ==, 1);

  g_assert_false (file_has_text (anv_db_get_path (f->db), "zelmira"));
  g_assert_false (file_has_text (wal, "zelmira"));
}

/* The copies restores kept are found, and only they. */
static void
test_list_kept (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *kept = anv_backup_kept_path (f->db, "20261122-101500");
  g_autofree char *kept_wal = g_strconcat (kept, "-wal", NULL);
  g_autofree char *other = g_build_filename (f->dir, "annan.db.before-restore-20261122-101500",
                                             NULL);
  g_autoptr (GPtrArray) none = anv_backup_list_kept (f->db);
  g_autoptr (GPtrArray) found = NULL;

  g_assert_cmpuint (none->len, ==, 0);
  g_assert_true (g_file_set_contents (kept, "x", 1, NULL));
  g_assert_true (g_file_set_contents (kept_wal, "x", 1, NULL));
  g_assert_true (g_file_set_contents (other, "x", 1, NULL));
  found = anv_backup_list_kept (f->db);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (found, 0), ==, kept);
}

/* A backup made before a retention run, restored after it: the people
 * the run removed stay removed, and the summary stays as it was. */
static void
test_restore_keeps_retention (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *backup = g_build_filename (f->dir, "före-gallring.db", NULL);
  g_autoptr (AnvRestore) restore = NULL;
  g_autoptr (GArray) before = NULL;
  g_autoptr (GArray) after = NULL;
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (GError) error = NULL;
  guint64 seekers = 0, retentions = 0;
  GDate date;

  add_provider (f);
  add_seeker (f->db, PNR_ANNA, RARE_NAME, &f->today);       /* all ended before: removed */
  add_seeker (f->db, PNR_BO, "Bo Öppen", &f->today);        /* open referral: kept */
  refer (f, PNR_ANNA, "2020-04-06", "2020-06-30");
  refer (f, PNR_BO, "2020-06-01", NULL);
  g_assert_true (anv_backup_create (f->db, backup, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  anv_test_date (&date, 2021, 1, 1);
  anv_retention_run (f->db, &date, &f->today, &seekers, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (seekers, ==, 1);
  before = read_summary (f->db);

  restore = anv_backup_prepare_restore (f->db, backup, &error);
  g_assert_no_error (error);
  /* The backup itself still has her: the check tells it as it is. */
  g_assert_cmpint (anv_restore_get_seekers (restore), ==, 2);
  g_assert_true (anv_backup_restore (f->db, restore, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (anv_restore_get_removed_again (restore), ==, 1);

  g_assert_cmpint (count (f->db, "SELECT count(*) FROM seeker"), ==, 1);
  g_assert_cmpint (count (f->db, "SELECT count(*) FROM seeker WHERE personnummer = '"
                                 PNR_ANNA "'"), ==, 0);
  g_assert_cmpint (count (f->db, "SELECT count(*) FROM referral"), ==, 1);
  after = read_summary (f->db);
  assert_same_rows (before, after);
  anv_test_assert_integrity (f->db);

  /* Both runs are in the log: the one made, and the one made again. */
  entries = audit (f->db);
  for (guint i = 0; i < entries->len; i++)
    retentions += strcmp (((AnvAuditEntry *) g_ptr_array_index (entries, i))->action,
                          "seeker.retention") == 0;
  g_assert_cmpuint (retentions, ==, 2);
  g_assert_nonnull (find_audit (entries, "database.restore"));
}

/* A full or failing disk: a VFS that wraps the default one and fails
 * writes once its budget of bytes is spent. */

typedef struct
{
  sqlite3_file  base;
  sqlite3_file *real;
} FaultFile;

static sqlite3_vfs *real_vfs;
static sqlite3_vfs fault_vfs;
static gint64 fault_budget = -1;   /* bytes that may still be written; -1: any */
static int fault_code = SQLITE_FULL;
static guint fault_hits;

#define REAL(file) (((FaultFile *) (file))->real)

static int
fault_write (sqlite3_file *file,
             const void   *data,
             int           amount,
             sqlite3_int64 offset)
{
  if (fault_budget >= 0)
    {
      if (fault_budget < amount)
        {
          fault_hits++;
          return fault_code;
        }
      fault_budget -= amount;
    }
  return REAL (file)->pMethods->xWrite (REAL (file), data, amount, offset);
}

static int
fault_close (sqlite3_file *file)
{
  return REAL (file)->pMethods->xClose (REAL (file));
}

static int
fault_read (sqlite3_file *file, void *data, int amount, sqlite3_int64 offset)
{
  return REAL (file)->pMethods->xRead (REAL (file), data, amount, offset);
}

static int
fault_truncate (sqlite3_file *file, sqlite3_int64 size)
{
  return REAL (file)->pMethods->xTruncate (REAL (file), size);
}

static int
fault_sync (sqlite3_file *file, int flags)
{
  return REAL (file)->pMethods->xSync (REAL (file), flags);
}

static int
fault_file_size (sqlite3_file *file, sqlite3_int64 *size)
{
  return REAL (file)->pMethods->xFileSize (REAL (file), size);
}

static int
fault_lock (sqlite3_file *file, int level)
{
  return REAL (file)->pMethods->xLock (REAL (file), level);
}

static int
fault_unlock (sqlite3_file *file, int level)
{
  return REAL (file)->pMethods->xUnlock (REAL (file), level);
}

static int
fault_check_lock (sqlite3_file *file, int *out)
{
  return REAL (file)->pMethods->xCheckReservedLock (REAL (file), out);
}

static int
fault_file_control (sqlite3_file *file, int op, void *arg)
{
  return REAL (file)->pMethods->xFileControl (REAL (file), op, arg);
}

static int
fault_sector_size (sqlite3_file *file)
{
  return REAL (file)->pMethods->xSectorSize (REAL (file));
}

static int
fault_device (sqlite3_file *file)
{
  return REAL (file)->pMethods->xDeviceCharacteristics (REAL (file));
}

static int
fault_shm_map (sqlite3_file *file, int page, int size, int extend, void volatile **out)
{
  return REAL (file)->pMethods->xShmMap (REAL (file), page, size, extend, out);
}

static int
fault_shm_lock (sqlite3_file *file, int offset, int n, int flags)
{
  return REAL (file)->pMethods->xShmLock (REAL (file), offset, n, flags);
}

static void
fault_shm_barrier (sqlite3_file *file)
{
  REAL (file)->pMethods->xShmBarrier (REAL (file));
}

static int
fault_shm_unmap (sqlite3_file *file, int delete_flag)
{
  return REAL (file)->pMethods->xShmUnmap (REAL (file), delete_flag);
}

static const sqlite3_io_methods fault_methods = {
  2, fault_close, fault_read, fault_write, fault_truncate, fault_sync, fault_file_size,
  fault_lock, fault_unlock, fault_check_lock, fault_file_control, fault_sector_size,
  fault_device, fault_shm_map, fault_shm_lock, fault_shm_barrier, fault_shm_unmap,
  NULL, NULL
};

static int
fault_open (sqlite3_vfs  *vfs,
            const char   *name,
            sqlite3_file *file,
            int           flags,
            int          *out_flags)
{
  FaultFile *fault = (FaultFile *) file;
  int rc;

  fault->real = (sqlite3_file *) (fault + 1);
  rc = real_vfs->xOpen (real_vfs, name, fault->real, flags, out_flags);
  fault->base.pMethods = fault->real->pMethods != NULL ? &fault_methods : NULL;
  return rc;
}

static void
install_fault_vfs (void)
{
  if (real_vfs != NULL)
    return;
  real_vfs = sqlite3_vfs_find (NULL);
  fault_vfs = *real_vfs;
  fault_vfs.zName = "anvisa-fault";
  fault_vfs.szOsFile = (int) sizeof (FaultFile) + real_vfs->szOsFile;
  fault_vfs.xOpen = fault_open;
  fault_vfs.pNext = NULL;
  g_assert_cmpint (sqlite3_vfs_register (&fault_vfs, 1), ==, SQLITE_OK);
}

static void
test_disk_fault (gconstpointer data)
{
  int code = GPOINTER_TO_INT (data);
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *csv = NULL;
  g_autoptr (AnvDb) db = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvSeeker) seeker = NULL;
  g_autoptr (GString) rows = g_string_new ("personnummer;namn;kommun\n");
  const char *numbers[] = { PNR_BO, PNR_CIA, PNR_DAN };
  AnvSeekerInput input = { PNR_BO, "Bo Ek", "2480", NULL, FALSE };
  AnvImportReport report = { 0 };
  GDate today;
  gint64 audit_before;

  install_fault_vfs ();
  anv_test_date (&today, 2026, 11, 22);
  db = anv_test_open_db (&dir);
  path = g_strdup (anv_db_get_path (db));
  add_seeker (db, PNR_ANNA, "Anna Andersson", &today);
  audit_before = count (db, "SELECT count(*) FROM audit_log");

  /* One write: the disk fills (or fails) during it. */
  fault_code = code;
  fault_hits = 0;
  fault_budget = 0;
  seeker = anv_seekers_add (db, &input, &today, &error);
  g_assert_null (seeker);
  g_assert_cmpuint (fault_hits, >, 0);
  g_test_message ("%s", error->message);
  if (code == SQLITE_FULL)
    {
      g_assert_error (error, ANV_DB_ERROR, ANV_DB_ERROR_FULL);
      g_assert_nonnull (strstr (error->message, "disk is full"));
    }
  else
    {
      g_assert_error (error, ANV_DB_ERROR, ANV_DB_ERROR_IO);
      g_assert_nonnull (strstr (error->message, "could not be written"));
    }
  g_assert_nonnull (strstr (error->message, "othing was saved"));
  g_clear_error (&error);

  /* A bulk import runs out of room part way: none of it is stored. */
  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    g_string_append_printf (rows, "%s;Person %u;2480\n", numbers[i], i);
  csv = anv_test_write_file (dir, "sokande.csv", rows->str);
  fault_budget = 8192;
  g_assert_false (anv_seekers_import (db, csv, &today, &report, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  /* With room again, the database is whole and as before. */
  fault_budget = -1;
  g_clear_object (&db);
  db = anv_schema_open (path, "tester", &error);
  g_assert_no_error (error);
  anv_test_assert_integrity (db);
  g_assert_cmpint (count (db, "SELECT count(*) FROM seeker"), ==, 1);
  g_assert_cmpint (count (db, "SELECT count(*) FROM audit_log"), ==, audit_before);
  anv_test_assert_summary_matches_recount (db, "2020-01", "2021-12", "24");

  /* And it takes writes again. */
  add_seeker (db, PNR_BO, "Bo Ek", &today);
  g_assert_cmpint (count (db, "SELECT count(*) FROM seeker"), ==, 2);
  anv_test_close_db (&db, &dir);
}

/* Files */

static void
test_file_modes (Fixture       *f,
                 gconstpointer  data)
{
  const char *path = anv_db_get_path (f->db);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *folder = g_build_filename (f->dir, "ny", "mapp", NULL);
  g_autofree char *nested = g_build_filename (folder, "anvisa.db", NULL);
  g_autofree char *backup = g_build_filename (f->dir, "kopia.db", NULL);
  g_autofree char *export = g_build_filename (f->dir, "sokande.csv", NULL);
  g_autoptr (AnvDb) second = NULL;
  g_autoptr (GError) error = NULL;
  AnvExportOptions options = { ANV_EXPORT_SEEKERS, ANV_CSV_PROFILE_EXCEL_SV, FALSE, NULL };
  mode_t old_mask = umask (0);   /* the most careless setting */

  add_seeker (f->db, PNR_ANNA, "Anna Andersson", &f->today);
  g_assert_cmpuint (file_mode (path), ==, 0600);
  g_assert_cmpuint (file_mode (wal), ==, 0600);
  g_assert_cmpuint (file_mode (shm), ==, 0600);

  anv_backup_create (f->db, backup, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (file_mode (backup), ==, 0600);

  anv_export_write (f->db, &options, export, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (file_mode (export), ==, 0600);

  second = anv_schema_open (nested, "tester", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (file_mode (folder), ==, 0700);
  g_assert_cmpuint (file_mode (nested), ==, 0600);
  umask (old_mask);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/backup/while-writing", Fixture, NULL, fixture_set_up,
              test_backup_while_writing, fixture_tear_down);
  g_test_add ("/backup/never-still", Fixture, NULL, fixture_set_up, test_backup_never_still,
              fixture_tear_down);
  g_test_add ("/backup/cancel", Fixture, NULL, fixture_set_up, test_backup_cancel,
              fixture_tear_down);
  g_test_add ("/backup/refuses-folder", Fixture, NULL, fixture_set_up,
              test_backup_refuses_folder, fixture_tear_down);
  g_test_add ("/backup/refuses-itself", Fixture, NULL, fixture_set_up,
              test_backup_refuses_itself, fixture_tear_down);
  g_test_add ("/backup/refuses-kept-and-links", Fixture, NULL, fixture_set_up,
              test_backup_refuses_kept_and_links, fixture_tear_down);
  g_test_add ("/backup/refuses-document", Fixture, NULL, fixture_set_up,
              test_backup_refuses_document, fixture_tear_down);
  g_test_add ("/backup/refuses-other-database", Fixture, NULL, fixture_set_up,
              test_backup_refuses_other_database, fixture_tear_down);
  g_test_add ("/backup/logs-absolute-path", Fixture, NULL, fixture_set_up,
              test_backup_logs_absolute_path, fixture_tear_down);
  g_test_add ("/backup/restore-page-size", Fixture, NULL, fixture_set_up,
              test_restore_page_size, fixture_tear_down);
  g_test_add ("/backup/restore", Fixture, NULL, fixture_set_up, test_restore,
              fixture_tear_down);
  g_test_add ("/backup/restore-older", Fixture, NULL, fixture_set_up, test_restore_older,
              fixture_tear_down);
  g_test_add ("/backup/restore-from-live", Fixture, NULL, fixture_set_up,
              test_restore_from_live, fixture_tear_down);
  g_test_add ("/backup/restore-moved-with-log", Fixture, NULL, fixture_set_up,
              test_restore_moved_with_log, fixture_tear_down);
  g_test_add ("/backup/restore-while-writing", Fixture, NULL, fixture_set_up,
              test_restore_while_writing, fixture_tear_down);
  g_test_add ("/backup/restore-other-process", Fixture, NULL, fixture_set_up,
              test_restore_other_process, fixture_tear_down);
  g_test_add ("/backup/restore-refusals", Fixture, NULL, fixture_set_up,
              test_restore_refusals, fixture_tear_down);
  g_test_add ("/retention/other-open", Fixture, NULL, fixture_set_up,
              test_retention_other_open, fixture_tear_down);
  g_test_add ("/retention/kept-copies", Fixture, NULL, fixture_set_up, test_list_kept,
              fixture_tear_down);
  g_test_add ("/retention/restore", Fixture, NULL, fixture_set_up,
              test_restore_keeps_retention, fixture_tear_down);
  g_test_add ("/retention/ids-not-reused", Fixture, NULL, fixture_set_up,
              test_retention_ids_not_reused, fixture_tear_down);
  g_test_add ("/retention/run", Fixture, NULL, fixture_set_up, test_retention,
              fixture_tear_down);
  g_test_add ("/files/modes", Fixture, NULL, fixture_set_up, test_file_modes,
              fixture_tear_down);
  g_test_add_data_func ("/disk/full", GINT_TO_POINTER (SQLITE_FULL), test_disk_fault);
  g_test_add_data_func ("/disk/io-error", GINT_TO_POINTER (SQLITE_IOERR_WRITE),
                        test_disk_fault);
  return g_test_run ();
}
