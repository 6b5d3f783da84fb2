/* test-export-interrupt.c — anvisa-cli export killed while it writes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An export of referrals with whole personnummer is stopped with SIGINT,
 * SIGTERM or SIGKILL at moments drawn across its run. After Ctrl-C or
 * SIGTERM nothing of it is left but a complete extract; after SIGKILL the
 * temporary file it left is removed by the next export to that folder.
 * Always: an extract that is there is in the audit log, and one that is
 * not is not claimed there (but after SIGKILL between the entry and the
 * rename: the extract is then still on the disk, under the temporary
 * name, until the next export removes it). The job seekers are the generator's, made of
 * Skatteverket's test personnummer.
 */
#define G_LOG_DOMAIN "anvisa-test-export-interrupt"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "anv-audit.h"
#include "anv-db-private.h"
#include "anv-output.h"
#include "anv-schema.h"
#include "anv-test-util.h"

#define KILLS_PER_SIGNAL 8

typedef struct
{
  char *dir;
  char *db_path;
  char *out_dir;
  char *today_env;
} Fixture;

static GPid
spawn_cli (Fixture    *f,
           const char *output)
{
  const char *argv[] = {
    g_getenv ("ANVISA_CLI"), "--database", f->db_path, "export", "referrals",
    "--full-personnummer", "--output", output, NULL
  };
  g_auto (GStrv) envp = g_environ_setenv (g_get_environ (), "ANVISA_TODAY", "2026-11-22", TRUE);
  g_autoptr (GError) error = NULL;
  GPid pid = 0;

  g_spawn_async (NULL, (char **) argv, envp,
                 G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL
                 | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &pid, &error);
  g_assert_no_error (error);
  return pid;
}

static GPid
spawn_backup (Fixture    *f,
              const char *output)
{
  const char *argv[] = { g_getenv ("ANVISA_CLI"), "--database", f->db_path, "backup", output,
                         NULL };
  g_autoptr (GError) error = NULL;
  GPid pid = 0;

  g_spawn_async (NULL, (char **) argv, NULL,
                 G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL
                 | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &pid, &error);
  g_assert_no_error (error);
  return pid;
}

static int
wait_child (GPid pid)
{
  int status = 0;

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);
  return status;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const char *argv[] = { g_getenv ("ANVISA_CLI"), "--database", NULL, "generate",
                         "--referrals", "60000", NULL };
  g_autoptr (GError) error = NULL;
  int status = 0;

  f->dir = anv_test_make_dir ();
  f->db_path = g_build_filename (f->dir, "anvisa.db", NULL);
  f->out_dir = g_build_filename (f->dir, "ut", NULL);
  g_assert_cmpint (g_mkdir (f->out_dir, 0700), ==, 0);
  argv[2] = f->db_path;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  anv_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->db_path);
  g_free (f->out_dir);
}

/* The hidden files in the folder: temporary ones */
static guint
count_hidden (const char *dir)
{
  g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (handle);
  while ((name = g_dir_read_name (handle)) != NULL)
    if (name[0] == '.')
      n++;
  return n;
}

/* How many audit entries name @base as an extract's file */
static gint64
count_audited (Fixture    *f,
               const char *base)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvDb) db = anv_schema_open (f->db_path, "tester", &error);
  g_autofree char *pattern = NULL;

  g_assert_no_error (error);
  pattern = g_strdup_printf ("%%, to %%/%s", base);
  return anv_test_query_int (db,
                             "SELECT count(*) FROM audit_log WHERE action = 'export.referrals' "
                             "AND details LIKE ?1 AND details NOT LIKE 'not written%'",
                             pattern, 0);
}

/* Runs one export to @base and stops it with @signum after @delay_us;
 * checks what stayed against the audit log. Returns whether it was cut
 * (ended by the signal, with no extract). */
static gboolean
kill_one (Fixture    *f,
          const char *base,
          int         signum,
          gulong      delay_us)
{
  g_autofree char *output = g_build_filename (f->out_dir, base, NULL);
  GPid pid = spawn_cli (f, output);
  gboolean exists;
  int status;

  g_usleep (delay_us);
  kill (pid, signum);
  status = wait_child (pid);
  exists = g_file_test (output, G_FILE_TEST_EXISTS);

  /* An extract that is there is audited; one that is not, is not. Only
   * SIGKILL can cut between the entry and the rename: then the extract
   * is still on the disk, under its temporary name, for the next export
   * to remove. */
  if (exists)
    g_assert_cmpint (count_audited (f, base), ==, 1);
  else if (signum != SIGKILL || count_hidden (f->out_dir) == 0)
    g_assert_cmpint (count_audited (f, base), ==, 0);
  else if (count_audited (f, base) == 1)
    g_test_message ("%s: killed between its entry in the log and its rename", base);
  if (exists)
    {
      g_autofree char *contents = NULL;
      gsize length = 0;

      /* Complete: the last line ends the file */
      g_assert_true (g_file_get_contents (output, &contents, &length, NULL));
      g_assert_cmpuint (length, >, 2);
      g_assert_cmpmem (contents + length - 2, 2, "\r\n", 2);
    }
  return WIFSIGNALED (status) && !exists;
}

/* A moment to stop a run of @run_us at: mostly after the start-up, while
 * the rows are written, some after the end. */
static gulong
draw_delay (GRand  *rand,
            gulong  run_us)
{
  return (gulong) g_rand_int_range (rand, (gint32) (run_us / 4), (gint32) (run_us * 11 / 10));
}

/* Ctrl-C and SIGTERM: the temporary file goes with the program. */
static void
test_interrupt (Fixture       *f,
                gconstpointer  data)
{
  static const int signals[] = { SIGINT, SIGTERM };
  g_autoptr (GTimer) timer = g_timer_new ();
  g_autoptr (GRand) rand = g_rand_new_with_seed (20261122);
  gulong run_us;
  guint cut = 0;

  /* One run whole, to know how long one takes */
  {
    g_autofree char *output = g_build_filename (f->out_dir, "whole.csv", NULL);

    g_timer_start (timer);
    g_assert_true (g_spawn_check_wait_status (wait_child (spawn_cli (f, output)), NULL));
    run_us = (gulong) (g_timer_elapsed (timer, NULL) * G_USEC_PER_SEC);
    g_assert_cmpint (count_audited (f, "whole.csv"), ==, 1);
  }

  for (guint s = 0; s < G_N_ELEMENTS (signals); s++)
    for (guint i = 0; i < KILLS_PER_SIGNAL; i++)
      {
        g_autofree char *base = g_strdup_printf ("extract-%d-%u.csv", signals[s], i);

        if (kill_one (f, base, signals[s], draw_delay (rand, run_us)))
          cut++;
        if (count_hidden (f->out_dir) != 0)
          g_error ("signal %d after a while: a temporary file was left in %s", signals[s],
                   f->out_dir);
      }
  g_test_message ("a run takes %lu ms; %u of %u stopped before the extract was complete",
                  run_us / 1000, cut, KILLS_PER_SIGNAL * 2);
}

/* The audit entries of exports of referrals, newest first */
static GPtrArray *
list_exports (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvDb) db = anv_schema_open (f->db_path, "tester", &error);
  g_autoptr (GPtrArray) entries = NULL;
  GPtrArray *exports = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  entries = anv_audit_list (db, NULL, NULL, NULL, 1000, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      AnvAuditEntry *entry = g_ptr_array_index (entries, i);

      if (g_strcmp0 (entry->action, "export.referrals") == 0)
        g_ptr_array_add (exports, g_strdup (entry->details));
    }
  return exports;
}

/* Reads @length bytes from @fd (less at its end); the rows begun */
static guint
read_some (int   fd,
           gsize length)
{
  g_autofree char *buffer = g_malloc (length);
  gsize got = 0;
  guint lines = 0;

  while (got < length)
    {
      ssize_t n = read (fd, buffer + got, length - got);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      got += (gsize) n;
    }
  for (gsize i = 0; i < got; i++)
    if (buffer[i] == '\n')
      lines++;
  return lines;
}

/* Checks the two entries an export to @where that stopped early leaves:
 * the extract before its first byte, then its stop, after at least
 * @min_rows rows, for @why. */
static void
assert_stopped (Fixture    *f,
                const char *where,
                guint       min_rows,
                const char *why)
{
  g_autoptr (GPtrArray) exports = list_exports (f);
  g_autofree char *plan_tail = g_strdup_printf (", to %s", where);
  g_autofree char *stop_tail = g_strdup_printf (" rows planned (%s), to %s", why, where);
  guint64 planned = 0, stopped = 0, of = 0;
  const char *plan, *stop;

  g_assert_cmpuint (exports->len, >=, 2);
  stop = exports->pdata[0];
  plan = exports->pdata[1];
  g_test_message ("%s\n%s", plan, stop);
  g_assert_true (g_str_has_suffix (plan, plan_tail));
  g_assert_cmpint (sscanf (plan, "%" G_GUINT64_FORMAT " rows planned, full personnummer",
                           &planned), ==, 1);
  g_assert_nonnull (strstr (plan, " rows planned, full personnummer, "));
  g_assert_true (g_str_has_suffix (stop, stop_tail));
  g_assert_cmpint (sscanf (stop, "stopped after at most %" G_GUINT64_FORMAT " of %"
                           G_GUINT64_FORMAT, &stopped, &of), ==, 2);
  g_assert_cmpuint (of, ==, planned);
  g_assert_cmpuint (stopped, >=, min_rows);
  g_assert_cmpuint (stopped, <, planned);
}

/* `--output /dev/stdout | head`: the reader takes some rows and closes
 * the pipe. The export is audited all the same, before its first byte,
 * and says where it stopped; the program ends with an error, not killed
 * by SIGPIPE. */
static void
test_stdout_reader_stops (Fixture       *f,
                          gconstpointer  data)
{
  const char *argv[] = {
    g_getenv ("ANVISA_CLI"), "--database", f->db_path, "export", "referrals",
    "--full-personnummer", "--output", "/dev/stdout", NULL
  };
  g_auto (GStrv) envp = g_environ_setenv (g_get_environ (), "ANVISA_TODAY", "2026-11-22", TRUE);
  g_autoptr (GError) error = NULL;
  GPid pid = 0;
  int out = -1, status;
  guint lines;

  envp = g_environ_setenv (envp, "LANGUAGE", "C", TRUE);
  g_spawn_async_with_pipes (NULL, (char **) argv, envp,
                            G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                            &pid, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  lines = read_some (out, 256 * 1024);
  close (out);
  status = wait_child (pid);

  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), !=, 0);
  assert_stopped (f, "/dev/stdout", lines > 0 ? lines - 1 : 0, "reader closed");
}

/* The same through a named pipe; and Ctrl-C while the export waits for
 * its reader: the entry is there, with the stop and the signal. */
static void
test_fifo_reader_stops (Fixture       *f,
                        gconstpointer  data)
{
  static const int signals[] = { 0, SIGINT, SIGTERM };

  for (guint s = 0; s < G_N_ELEMENTS (signals); s++)
    {
      g_autofree char *base = g_strdup_printf ("pipe-%u.csv", s);
      g_autofree char *fifo = g_build_filename (f->out_dir, base, NULL);
      g_autofree char *why = NULL;
      GPid pid;
      int fd, status;
      guint lines;

      g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
      pid = spawn_cli (f, fifo);
      fd = g_open (fifo, O_RDONLY | O_CLOEXEC, 0);
      g_assert_cmpint (fd, >=, 0);
      lines = read_some (fd, 256 * 1024);
      if (signals[s] != 0)
        {
          /* The pipe fills up; the export waits for room */
          g_usleep (200 * 1000);
          kill (pid, signals[s]);
        }
      else
        close (fd);
      status = wait_child (pid);
      if (signals[s] != 0)
        {
          close (fd);
          g_assert_true (WIFSIGNALED (status));
          g_assert_cmpint (WTERMSIG (status), ==, signals[s]);
          why = g_strdup_printf ("signal %d", signals[s]);
        }
      else
        {
          g_assert_true (WIFEXITED (status));
          g_assert_cmpint (WEXITSTATUS (status), !=, 0);
          why = g_strdup ("reader closed");
        }
      assert_stopped (f, fifo, lines > 0 ? lines - 1 : 0, why);
      g_assert_cmpuint (count_hidden (f->out_dir), ==, 0);
    }
}

/* SIGKILL cannot be caught: what it leaves, the next export removes. */
static void
test_kill (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr (GTimer) timer = g_timer_new ();
  g_autoptr (GRand) rand = g_rand_new_with_seed (20261123);
  g_autofree char *last = g_build_filename (f->out_dir, "last.csv", NULL);
  gulong run_us;
  guint left = 0;

  {
    g_autofree char *output = g_build_filename (f->out_dir, "whole.csv", NULL);

    g_timer_start (timer);
    g_assert_true (g_spawn_check_wait_status (wait_child (spawn_cli (f, output)), NULL));
    run_us = (gulong) (g_timer_elapsed (timer, NULL) * G_USEC_PER_SEC);
  }

  for (guint i = 0; i < KILLS_PER_SIGNAL; i++)
    {
      g_autofree char *base = g_strdup_printf ("extract-9-%u.csv", i);

      kill_one (f, base, SIGKILL, draw_delay (rand, run_us));
    }
  left = count_hidden (f->out_dir);

  /* A temporary file that stands for a killed export, whatever the
   * timing: named as Anvisa names them, by a process that is gone. */
  {
    GPid gone = spawn_cli (f, "/nonexistent/folder/x.csv");
    g_autofree char *name = NULL;

    wait_child (gone);
    name = g_strdup_printf (".anvisa-export-%d@%s-AbC123", (int) gone, anv_output_host_tag ());
    g_free (anv_test_write_file (f->out_dir, name, "19121212-1212;Tolvan Tolvansson\r\n"));
  }

  g_assert_true (g_spawn_check_wait_status (wait_child (spawn_cli (f, last)), NULL));
  g_assert_cmpuint (count_hidden (f->out_dir), ==, 0);
  g_test_message ("%u temporary files there after %u kills (each export removes those "
                  "before it), none after the next export", left,
                  KILLS_PER_SIGNAL);
}

/* A backup stopped by Ctrl-C or SIGTERM leaves no copy of the database
 * behind it either: only a whole backup, which the log knows of. */
static void
test_backup (Fixture       *f,
             gconstpointer  data)
{
  static const int signals[] = { SIGINT, SIGTERM };
  g_autoptr (GTimer) timer = g_timer_new ();
  g_autoptr (GRand) rand = g_rand_new_with_seed (20261124);
  gulong run_us;

  {
    g_autofree char *output = g_build_filename (f->out_dir, "whole.db", NULL);

    g_timer_start (timer);
    g_assert_true (g_spawn_check_wait_status (wait_child (spawn_backup (f, output)), NULL));
    run_us = (gulong) (g_timer_elapsed (timer, NULL) * G_USEC_PER_SEC);
  }
  for (guint s = 0; s < G_N_ELEMENTS (signals); s++)
    for (guint i = 0; i < KILLS_PER_SIGNAL / 2; i++)
      {
        g_autofree char *base = g_strdup_printf ("backup-%d-%u.db", signals[s], i);
        g_autofree char *output = g_build_filename (f->out_dir, base, NULL);
        GPid pid = spawn_backup (f, output);

        g_usleep (draw_delay (rand, run_us));
        kill (pid, signals[s]);
        wait_child (pid);
        if (count_hidden (f->out_dir) != 0)
          g_error ("signal %d: a temporary copy of the database was left in %s", signals[s],
                   f->out_dir);
      }
  g_test_message ("a backup takes %lu ms", run_us / 1000);
}

/* `summary --format csv` into a pipe the reader stops reading, then
 * SIGTERM: it ends as the signal asks, after its audit entry says where
 * it stopped, as `export` does. */
static void
test_summary_csv_signal (Fixture       *f,
                         gconstpointer  data)
{
  const char *argv[] = {
    g_getenv ("ANVISA_CLI"), "--database", f->db_path, "summary", "--format", "csv",
    "--from", "2015-01", "--to", "2026-11", NULL
  };
  g_auto (GStrv) envp = g_environ_setenv (g_get_environ (), "ANVISA_TODAY", "2026-11-22", TRUE);
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvDb) db = NULL;
  g_autoptr (GPtrArray) entries = NULL;
  const char *stop = NULL, *plan = NULL;
  GPid pid = 0;
  int out = -1, status;

  g_spawn_async_with_pipes (NULL, (char **) argv, envp,
                            G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                            &pid, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (read_some (out, 16 * 1024), >, 1);
  /* The pipe fills up; the summary waits for room */
  g_usleep (300 * 1000);
  kill (pid, SIGTERM);
  status = wait_child (pid);
  close (out);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGTERM);

  db = anv_schema_open (f->db_path, "tester", &error);
  g_assert_no_error (error);
  entries = anv_audit_list (db, NULL, NULL, NULL, 1000, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < entries->len && plan == NULL; i++)
    {
      AnvAuditEntry *entry = g_ptr_array_index (entries, i);

      if (g_strcmp0 (entry->action, "export.summary") != 0)
        continue;
      if (stop == NULL)
        stop = entry->details;
      else
        plan = entry->details;
    }
  g_assert_nonnull (plan);
  g_test_message ("%s\n%s", plan, stop);
  g_assert_true (g_str_has_prefix (stop, "stopped after at most "));
  g_assert_true (g_str_has_suffix (stop, "rows planned (signal 15), to standard output"));
  g_assert_nonnull (strstr (plan, " rows planned"));
}

/* The bytes of the hidden (temporary) files in @dir, or -1 when there
 * are none */
static gint64
hidden_size (const char *dir)
{
  g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;
  gint64 total = -1;

  g_assert_nonnull (handle);
  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      GStatBuf st;

      if (name[0] == '.' && g_stat (path, &st) == 0)
        total = MAX (total, 0) + st.st_size;
    }
  return total;
}

/* Ctrl-C pressed again and again (and SIGTERM) while the export or the
 * backup waits to log its file, another program holding the write lock:
 * every signal is only noted, and once the lock is free the file is
 * logged and named, and then the program ends as the first signal asked.
 * Never a temporary file left, never a file the log does not know. */
static void
test_signals_while_committing (Fixture       *f,
                               gconstpointer  data)
{
  gboolean backup = GPOINTER_TO_INT (data);
  const char *base = backup ? "backup.db" : "extract.csv";
  g_autofree char *output = g_build_filename (f->out_dir, base, NULL);
  g_autofree char *pattern = g_strdup_printf ("%%/%s%%", base);
  g_autoptr (GError) error = NULL;
  sqlite3 *holder = NULL;
  gint64 size = -1, audited;
  GPid pid;
  int status, stable = 0;

  pid = backup ? spawn_backup (f, output) : spawn_cli (f, output);
  /* Once it writes its temporary file, the write lock is taken away */
  for (guint i = 0; i < 2000 && hidden_size (f->out_dir) < 0; i++)
    g_usleep (5000);
  g_assert_cmpint (hidden_size (f->out_dir), >=, 0);
  g_assert_cmpint (sqlite3_open (f->db_path, &holder), ==, SQLITE_OK);
  sqlite3_busy_timeout (holder, 5000);
  g_assert_cmpint (sqlite3_exec (holder, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  /* Written whole: it waits for the lock */
  for (guint i = 0; i < 400 && stable < 8; i++)
    {
      gint64 now = hidden_size (f->out_dir);

      stable = now == size ? stable + 1 : 0;
      size = now;
      g_usleep (50000);
    }
  g_assert_cmpint (stable, ==, 8);

  kill (pid, SIGINT);
  g_usleep (100000);
  kill (pid, SIGINT);
  g_usleep (100000);
  kill (pid, SIGTERM);
  g_usleep (300000);
  g_assert_cmpint (waitpid (pid, &status, WNOHANG), ==, 0);

  g_assert_cmpint (sqlite3_exec (holder, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (holder), ==, SQLITE_OK);
  status = wait_child (pid);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGINT);

  g_assert_cmpuint (count_hidden (f->out_dir), ==, 0);
  {
    g_autoptr (AnvDb) db = anv_schema_open (f->db_path, "tester", &error);

    g_assert_no_error (error);
    audited = anv_test_query_int (db,
                                  backup ? "SELECT count(*) FROM audit_log WHERE action = "
                                           "'database.backup' AND details LIKE ?1"
                                         : "SELECT count(*) FROM audit_log WHERE action = "
                                           "'export.referrals' AND details LIKE ?1 "
                                           "AND details NOT LIKE 'not written%'",
                                  pattern, 0);
  }
  g_assert_cmpint (audited, ==, g_file_test (output, G_FILE_TEST_EXISTS) ? 1 : 0);
  g_assert_true (g_file_test (output, G_FILE_TEST_EXISTS));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  if (g_getenv ("ANVISA_CLI") == NULL)
    g_error ("ANVISA_CLI must name the anvisa-cli to test");
  g_test_add ("/export-interrupt/sigint-sigterm", Fixture, NULL, fixture_set_up, test_interrupt,
              fixture_tear_down);
  g_test_add ("/export-interrupt/sigkill", Fixture, NULL, fixture_set_up, test_kill,
              fixture_tear_down);
  g_test_add ("/export-interrupt/backup", Fixture, NULL, fixture_set_up, test_backup,
              fixture_tear_down);
  g_test_add ("/export-interrupt/signals-while-committing", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_signals_while_committing, fixture_tear_down);
  g_test_add ("/export-interrupt/backup-signals-while-committing", Fixture,
              GINT_TO_POINTER (TRUE), fixture_set_up, test_signals_while_committing,
              fixture_tear_down);
  g_test_add ("/export-interrupt/summary-csv-signal", Fixture, NULL, fixture_set_up,
              test_summary_csv_signal, fixture_tear_down);
  g_test_add ("/export-interrupt/stdout-reader-stops", Fixture, NULL, fixture_set_up,
              test_stdout_reader_stops, fixture_tear_down);
  g_test_add ("/export-interrupt/fifo-reader-stops", Fixture, NULL, fixture_set_up,
              test_fifo_reader_stops, fixture_tear_down);
  return g_test_run ();
}
