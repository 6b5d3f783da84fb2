/* bench-referrals.c — Anvisa at national scale: decide, summarize, search, export
 *
 *   bench-referrals [REFERRALS] [DIR | CONNINFO]
 *
 * Builds (or reuses) DIR/national.db with REFERRALS referrals (default
 * 1,000,000) from `anv_generate`; given a server's connection string
 * (`host=/tmp/x port=N dbname=D`, `postgresql://…`) instead, fills that
 * database when it is empty and uses it as it is otherwise. Then measures,
 * in one run:
 *   - reading a year of the summary for all municipalities and both
 *     services;
 *   - a name search for a common name, as the window makes it;
 *   - exporting every referral as CSV, beside the engine's own shell
 *     writing the same columns of the same rows (sqlite3 -csv, or psql's
 *     \copy … TO STDOUT CSV);
 *   - deciding a referral with every rule (each its own transaction, as an
 *     officer's save is), for people with no open referral;
 *   - the same with N_CLIENTS programs deciding at once, each on its own
 *     connection that has decided once before (the program runs itself
 *     again with --client);
 *   - how long after another connection's save a connection hears of it
 *     (anv_db_poll_changes(), waiting on anv_db_get_socket() where there is
 *     one; the window's timer where there is none);
 * and prints the figures and the peak memory.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "anv-date.h"
#include "anv-db-private.h"
#include "anv-export.h"
#include "anv-generate.h"
#include "anv-referrals.h"
#include "anv-schema.h"
#include "anv-seekers.h"
#include "anv-summary.h"

#define N_DECISIONS 200
#define N_READS     50
#define N_SEARCHES  20
#define N_CLIENTS   30
#define N_CLIENT_DECISIONS 20   /* each client's */
#define N_SAVES     50
#define WINDOW_POLL_MS 1000     /* the window's timer, where there is no socket */
#define SEARCH_NAME "Andersson"
#define SEARCH_MAX  20001       /* what the job seekers' page asks for */

/* The export's columns and rows, as SQL for either engine's shell (masked
 * numbers, protected identities left out; the server's flags are
 * integers, not truth values, hence "= 0"). */
static const char shell_query[] =
  "SELECT substr (s.personnummer, 1, 8) || '-****', r.service, r.level, r.choice,"
  "       r.municipality_code, m.short_name, r.decided_on, r.planned_start, r.started_on,"
  "       substr (p.orgnr, 1, 6) || '-' || substr (p.orgnr, 7), p.name, rp.outside_area,"
  "       r.ended_on, r.end_reason, e.kind, r.annulled "
  "FROM referral r JOIN seeker s ON s.id = r.seeker_id "
  "JOIN municipality m ON m.code = r.municipality_code "
  "LEFT JOIN referral_provider rp ON rp.id = (SELECT h.id FROM referral_provider h"
  "  WHERE h.referral_id = r.id ORDER BY h.from_date DESC, h.id DESC LIMIT 1) "
  "LEFT JOIN provider p ON p.id = rp.provider_id "
  "LEFT JOIN end_reason e ON e.code = r.end_reason "
  "WHERE s.protected_identity = 0 ORDER BY r.id";

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (GArray *times)
{
  g_array_sort (times, compare_doubles);
  return g_array_index (times, double, times->len / 2);
}

/* After median() has sorted @times. */
static double
percentile (GArray *times,
            double  p)
{
  guint i = (guint) (p * times->len);

  return g_array_index (times, double, MIN (i, times->len - 1));
}

static double
peak_mib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

/* The machine is shared: its load beside each figure. */
static void
print_load (const char *when)
{
  g_autofree char *text = NULL;

  if (g_file_get_contents ("/proc/loadavg", &text, NULL, NULL))
    g_print ("load average %s: %.14s\n", when, text);
}

static AnvDb *
open_or_die (const char *path)
{
  g_autoptr (GError) error = NULL;
  AnvDb *db = anv_schema_open (path, "bench", &error);

  if (db == NULL)
    g_error ("open: %s", error->message);
  return db;
}

static AnvDb *
open_national (const char *path,
               guint64     n)
{
  g_autoptr (GError) error = NULL;
  gboolean exists = g_file_test (path, G_FILE_TEST_EXISTS);
  AnvDb *db = open_or_die (path);
  gint64 start;

  if (anv_db_is_server (db))
    {
      exists = !anv_db_is_empty (db, &error);
      g_assert_no_error (error);
    }
  if (exists)
    {
      g_print ("Reusing %s\n", path);
      return db;
    }
  start = g_get_monotonic_time ();
  if (!anv_generate (db, n, NULL, NULL, &error))
    g_error ("generate: %s", error->message);
  g_print ("generate:        %" G_GUINT64_FORMAT " referrals in %.1f s\n", n,
           (g_get_monotonic_time () - start) / 1e6);
  /* The server plans from its statistics, which its autovacuum gathers
   * only a minute or so after a load: until then a decision takes some
   * times longer. The figures are those of a server that has them. */
  if (anv_db_is_server (db))
    {
      start = g_get_monotonic_time ();
      if (!anv_db_exec (db, "ANALYZE", &error))
        g_error ("analyze: %s", error->message);
      g_print ("analyze:         %.1f s\n", (g_get_monotonic_time () - start) / 1e6);
    }
  return db;
}

static gpointer
dup_first_column (AnvDbStmt *stmt,
                  gpointer   user_data)
{
  return anv_db_column_dup (stmt, 0);
}

static GPtrArray *
people_without_open_referral (AnvDb *db,
                              guint  n)
{
  g_autoptr (GError) error = NULL;
  AnvDbStmt *stmt = anv_db_prepare (db, "bench-referrals/people",
    "SELECT personnummer FROM seeker s WHERE protected_identity = 0 AND NOT EXISTS ("
    "  SELECT 1 FROM referral r WHERE r.seeker_id = s.id AND r.ended_on IS NULL"
    "  AND r.annulled = 0) ORDER BY id LIMIT ?1", &error);
  GPtrArray *people;

  g_assert_no_error (error);
  anv_db_bind_int64 (stmt, 1, n);
  people = anv_db_collect (stmt, dup_first_column, NULL, g_free, &error);
  g_assert_no_error (error);
  return people;
}

/* One decision, as an officer's save makes it; its time in ms, or a
 * negative number when refused (@error set). */
static double
decide_one (AnvDb       *db,
            const char  *personnummer,
            GError     **error)
{
  g_autoptr (AnvReferral) r = NULL;
  AnvReferralInput input = { 0 };
  GDate today;
  gint64 start = g_get_monotonic_time ();

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 20, G_DATE_NOVEMBER, 2026);
  input.personnummer = personnummer;
  input.level = "B";
  input.choice = ANV_CHOICE_DEFAULT;
  input.decided_on = &today;
  r = anv_referrals_decide (db, &input, &today, error);
  if (r == NULL)
    return -1;
  return (g_get_monotonic_time () - start) / 1e3;
}

/* @batched: all in one outer transaction, so that the figure is the work of
 * the rules without the disk's flush per decision. */
static void
bench_decisions (AnvDb    *db,
                 gboolean  batched)
{
  g_autoptr (GPtrArray) people = people_without_open_referral (db, N_DECISIONS);
  g_autoptr (GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  guint refused = 0;
  double middle, p99;

  if (batched && !anv_db_begin (db, NULL))
    g_error ("begin failed");
  for (guint i = 0; i < people->len; i++)
    {
      g_autoptr (GError) error = NULL;
      double ms = decide_one (db, g_ptr_array_index (people, i), &error);

      if (ms < 0)
        {
          refused++;
          g_printerr ("refused: %s\n", error->message);
          continue;
        }
      g_array_append_val (times, ms);
    }
  if (batched)
    anv_db_rollback (db);
  middle = median (times);
  p99 = percentile (times, 0.99);
  g_print ("decide%s %u referrals, median %.3f ms, p99 %.3f ms, slowest %.3f ms "
           "(%s; %u refused)\n",
           batched ? " (rules):" : ":        ",
           times->len, middle, p99,
           g_array_index (times, double, times->len - 1),
           batched ? "in one transaction, rolled back" : "each a durable transaction",
           refused);
}

/* What each client sends back on its pipe. */
typedef struct
{
  guint32 decided;
  guint32 refused;
  gint64  finished;                  /* monotonic, µs */
  double  ms[N_CLIENT_DECISIONS];
  char    first_error[200];
} ClientReport;

/* The client's side: bench-referrals --client PATH READY-FD GO-FD OUT-FD
 * PERSONNUMMER…: opens its own connection, says it is ready, waits for the
 * start, decides for each person in turn. */
static int
run_client (int    argc,
            char **argv)
{
  g_autoptr (AnvDb) db = NULL;
  ClientReport report = { 0 };
  int ready_fd, go_fd, out_fd;
  char byte = 'r';

  if (argc < 6)
    return 2;
  ready_fd = atoi (argv[3]);
  go_fd = atoi (argv[4]);
  out_fd = atoi (argv[5]);
  db = open_or_die (argv[2]);
  /* A connection that has decided before, as an officer's window has:
   * its statements prepared, its lookups read. The warm-up is rolled
   * back, so its person is free again. */
  if (argc > 6 && anv_db_begin (db, NULL))
    {
      g_autoptr (GError) error = NULL;

      decide_one (db, argv[6], &error);
      anv_db_rollback (db);
    }
  if (write (ready_fd, &byte, 1) != 1)
    return 3;
  close (ready_fd);
  /* The start: the parent closes its end */
  while (read (go_fd, &byte, 1) < 0 && errno == EINTR)
    ;
  for (int i = 6; i < argc && report.decided + report.refused < N_CLIENT_DECISIONS; i++)
    {
      g_autoptr (GError) error = NULL;
      double ms = decide_one (db, argv[i], &error);

      if (ms < 0)
        {
          if (report.refused++ == 0)
            g_strlcpy (report.first_error, error->message, sizeof report.first_error);
          continue;
        }
      report.ms[report.decided++] = ms;
    }
  report.finished = g_get_monotonic_time ();
  if (write (out_fd, &report, sizeof report) != sizeof report)
    return 4;
  return 0;
}

static void
bench_concurrent_decisions (AnvDb      *db,
                            const char *path)
{
  g_autoptr (GPtrArray) people = people_without_open_referral (db,
                                                               N_CLIENTS * N_CLIENT_DECISIONS);
  g_autoptr (GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  int ready[2], go[2], out[N_CLIENTS][2];
  pid_t pids[N_CLIENTS];
  gint64 start, last = 0;
  guint refused = 0;
  double middle, p99;
  GString *errors = g_string_new (NULL);

  if (people->len < N_CLIENTS * N_CLIENT_DECISIONS)
    {
      g_print ("decide (%d clients): too few people without an open referral\n", N_CLIENTS);
      return;
    }
  if (pipe (ready) != 0 || pipe (go) != 0)
    g_error ("pipe: %s", g_strerror (errno));
  for (guint c = 0; c < N_CLIENTS; c++)
    {
      g_autoptr (GPtrArray) args = g_ptr_array_new_with_free_func (g_free);

      if (pipe (out[c]) != 0)
        g_error ("pipe: %s", g_strerror (errno));
      g_ptr_array_add (args, g_strdup (self));
      g_ptr_array_add (args, g_strdup ("--client"));
      g_ptr_array_add (args, g_strdup (path));
      g_ptr_array_add (args, g_strdup_printf ("%d", ready[1]));
      g_ptr_array_add (args, g_strdup_printf ("%d", go[0]));
      g_ptr_array_add (args, g_strdup_printf ("%d", out[c][1]));
      for (guint i = 0; i < N_CLIENT_DECISIONS; i++)
        g_ptr_array_add (args, g_strdup (g_ptr_array_index (people,
                                                            c * N_CLIENT_DECISIONS + i)));
      g_ptr_array_add (args, NULL);
      pids[c] = fork ();
      if (pids[c] == 0)
        {
          close (ready[0]);
          close (go[1]);
          execv (self, (char **) args->pdata);
          _exit (127);
        }
      close (out[c][1]);
    }
  close (ready[1]);
  close (go[0]);
  for (guint c = 0; c < N_CLIENTS; c++)
    {
      char byte;

      if (read (ready[0], &byte, 1) != 1)
        g_error ("a client did not start");
    }
  close (ready[0]);
  start = g_get_monotonic_time ();
  close (go[1]);
  for (guint c = 0; c < N_CLIENTS; c++)
    {
      ClientReport report;
      gsize got = 0;
      int status;

      while (got < sizeof report)
        {
          ssize_t r = read (out[c][0], (char *) &report + got, sizeof report - got);

          if (r <= 0)
            break;
          got += r;
        }
      close (out[c][0]);
      waitpid (pids[c], &status, 0);
      if (got < sizeof report)
        {
          g_printerr ("client %u ended without a report (status %d)\n", c, status);
          refused += N_CLIENT_DECISIONS;
          continue;
        }
      g_array_append_vals (times, report.ms, report.decided);
      refused += report.refused;
      last = MAX (last, report.finished);
      if (report.refused > 0 && errors->len < 400)
        g_string_append_printf (errors, "\n    client %u: %u refused, first: %s", c,
                                report.refused, report.first_error);
    }
  if (times->len == 0)
    {
      g_print ("decide (%d clients): every decision refused%s\n", N_CLIENTS, errors->str);
      g_string_free (errors, TRUE);
      return;
    }
  middle = median (times);
  p99 = percentile (times, 0.99);
  g_print ("decide (%d clients at once, %d each): %u decided, median %.1f ms, p99 %.1f ms, "
           "slowest %.1f ms; %.0f decisions/s over %.2f s; %u refused%s\n",
           N_CLIENTS, N_CLIENT_DECISIONS, times->len, middle, p99, g_array_index (times, double, times->len - 1),
           times->len / ((last - start) / 1e6), (last - start) / 1e6, refused, errors->str);
  g_string_free (errors, TRUE);
}

static void
bench_summary (AnvDb *db)
{
  g_autoptr (GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  AnvSummaryQuery query = { "2025-01", "2025-12", ANV_SERVICE_NONE, NULL };
  guint n_rows = 0;

  for (guint i = 0; i < N_READS; i++)
    {
      g_autoptr (GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      g_autoptr (GArray) rows = anv_summary_read (db, &query, &error);
      double ms = (g_get_monotonic_time () - start) / 1e3;

      g_assert_no_error (error);
      n_rows = rows->len;
      g_array_append_val (times, ms);
    }
  g_print ("summary read:    a year, 290 municipalities, both services (%u rows): "
           "median %.2f ms over %u reads\n", n_rows, median (times), N_READS);
}

/* The name search as the job seekers' page makes it (every match's id,
 * up to its limit), and the first page of whole rows. */
static void
bench_search (AnvDb *db)
{
  g_autoptr (GArray) id_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) page_times = g_array_new (FALSE, FALSE, sizeof (double));
  guint n_ids = 0;

  for (guint i = 0; i < N_SEARCHES; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GArray) ids = NULL;
      g_autoptr (GPtrArray) page = NULL;
      gint64 start = g_get_monotonic_time ();
      double ms;

      ids = anv_seekers_search_ids (db, SEARCH_NAME, SEARCH_MAX, &error);
      g_assert_no_error (error);
      ms = (g_get_monotonic_time () - start) / 1e3;
      g_array_append_val (id_times, ms);
      n_ids = ids->len;

      start = g_get_monotonic_time ();
      page = anv_seekers_search (db, SEARCH_NAME, 0, 50, &error);
      g_assert_no_error (error);
      ms = (g_get_monotonic_time () - start) / 1e3;
      g_array_append_val (page_times, ms);
    }
  g_print ("search \"%s\": %u matches: their ids median %.2f ms; the first 50 rows "
           "median %.2f ms (over %u searches)\n", SEARCH_NAME, n_ids, median (id_times),
           median (page_times), N_SEARCHES);
}

/* The listener's side: bench-referrals --listen PATH READY-FD OUT-FD:
 * sends the moment of each change heard, N_SAVES times. */
static int
run_listener (int    argc,
              char **argv)
{
  g_autoptr (AnvDb) db = NULL;
  int ready_fd, out_fd, fd;
  char byte = 'r';

  if (argc < 5)
    return 2;
  ready_fd = atoi (argv[3]);
  out_fd = atoi (argv[4]);
  db = open_or_die (argv[2]);
  anv_db_poll_changes (db);
  fd = anv_db_get_socket (db);
  if (write (ready_fd, &byte, 1) != 1)
    return 3;
  close (ready_fd);
  for (guint heard = 0; heard < N_SAVES;)
    {
      gint64 now;

      if (fd >= 0)
        {
          struct pollfd pfd = { fd, POLLIN, 0 };

          poll (&pfd, 1, 5000);
        }
      else
        g_usleep (WINDOW_POLL_MS * 1000);
      if (!anv_db_poll_changes (db))
        continue;
      now = g_get_monotonic_time ();
      if (write (out_fd, &now, sizeof now) != sizeof now)
        return 4;
      heard++;
    }
  return 0;
}

static void
bench_notify (const char *path)
{
  g_autoptr (AnvDb) db = open_or_die (path);
  g_autoptr (GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *ready_arg = NULL, *out_arg = NULL;
  AnvSeeker seeker = { 0 };
  int ready[2], out[2];
  char byte;
  pid_t pid;
  int status;
  double middle;

  if (pipe (ready) != 0 || pipe (out) != 0)
    g_error ("pipe: %s", g_strerror (errno));
  ready_arg = g_strdup_printf ("%d", ready[1]);
  out_arg = g_strdup_printf ("%d", out[1]);
  pid = fork ();
  if (pid == 0)
    {
      close (ready[0]);
      close (out[0]);
      execl (self, self, "--listen", path, ready_arg, out_arg, (char *) NULL);
      _exit (127);
    }
  close (ready[1]);
  close (out[1]);
  if (read (ready[0], &byte, 1) != 1)
    g_error ("the listener did not start");
  close (ready[0]);

  seeker.id = 1;
  for (guint i = 0; i < N_SAVES; i++)
    {
      g_autoptr (GError) error = NULL;
      gint64 committed, heard;

      /* Saves at no fixed phase of the listener's timer: it starts
       * again as it hears the save before */
      g_usleep (g_random_int_range (20, anv_db_is_server (db) ? 200 : WINDOW_POLL_MS) * 1000);
      if (!anv_seekers_record_full_display (db, &seeker, &error))
        g_error ("save: %s", error->message);
      committed = g_get_monotonic_time ();
      if (read (out[0], &heard, sizeof heard) != sizeof heard)
        g_error ("the listener stopped");
      double ms = (heard - committed) / 1e3;
      g_array_append_val (times, ms);
    }
  close (out[0]);
  waitpid (pid, &status, 0);
  middle = median (times);
  g_print ("another window hears a save: median %.2f ms, slowest %.2f ms over %u saves "
           "(%s)\n", middle, g_array_index (times, double, times->len - 1), N_SAVES,
           anv_db_is_server (db) ? "waiting on the connection's socket"
                                 : "the window's timer of 1 s, there being no socket");
}

static double
run_shell (AnvDb      *db,
           const char *out_path)
{
  gint64 start = g_get_monotonic_time ();
  g_autofree char *copy = g_strdup_printf ("\\copy (%s) TO STDOUT CSV HEADER", shell_query);
  g_autofree char *with_end = g_strdup_printf ("%s;", shell_query);
  const char *path = anv_db_get_path (db);
  int status;
  pid_t pid = fork ();

  if (pid == 0)
    {
      if (freopen (out_path, "w", stdout) == NULL)
        _exit (127);
      if (anv_db_is_server (db))
        execlp ("psql", "psql", "-X", "-q", path, "-c", copy, (char *) NULL);
      else
        execlp ("sqlite3", "sqlite3", "-csv", "-header", path, with_end, (char *) NULL);
      _exit (127);
    }
  waitpid (pid, &status, 0);
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    return -1;
  return (g_get_monotonic_time () - start) / 1e6;
}

static void
bench_export (AnvDb      *db,
              const char *dir)
{
  g_autofree char *ours = g_build_filename (dir, "referrals.csv", NULL);
  g_autofree char *theirs = g_build_filename (dir, "referrals-shell.csv", NULL);
  g_autoptr (GError) error = NULL;
  AnvExportOptions options = { ANV_EXPORT_REFERRALS, ANV_CSV_PROFILE_RFC4180, FALSE, NULL };
  double before = peak_mib (), seconds, shell;
  guint64 rows = 0;
  gint64 start = g_get_monotonic_time ();

  /* In the export's own read transaction (anv_db_begin_read()), as the
   * window and anvisa-cli run it: on a server its rows stream. */
  if (!anv_export_write (db, &options, ours, &rows, &error))
    g_error ("export: %s", error->message);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  g_print ("export:          %" G_GUINT64_FORMAT " referrals in %.2f s (%.0f rows/s); "
           "peak memory %.1f MiB before, %.1f MiB after\n",
           rows, seconds, rows / seconds, before, peak_mib ());

  shell = run_shell (db, theirs);
  if (shell > 0)
    g_print ("%s the same columns and rows in %.2f s; ratio anvisa / shell "
             "%.2f (target <= 1)\n", anv_db_is_server (db) ? "psql \\copy:    " : "sqlite3 -csv:   ",
             shell, seconds / shell);
  else
    g_print ("the shell's export failed\n");
  g_unlink (ours);
  g_unlink (theirs);
}

int
main (int    argc,
      char **argv)
{
  guint64 n;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr (AnvDb) db = NULL;

  if (argc > 1 && strcmp (argv[1], "--client") == 0)
    return run_client (argc, argv);
  if (argc > 1 && strcmp (argv[1], "--listen") == 0)
    return run_listener (argc, argv);

  n = argc > 1 ? g_ascii_strtoull (argv[1], NULL, 10) : 1000000;
  if (argc > 2 && anv_db_is_server_address (argv[2]))
    {
      path = g_strdup (argv[2]);
      dir = g_dir_make_tmp ("anvisa-bench-XXXXXX", NULL);
    }
  else
    {
      dir = argc > 2 ? g_strdup (argv[2]) : g_dir_make_tmp ("anvisa-bench-XXXXXX", NULL);
      path = g_build_filename (dir, "national.db", NULL);
      g_mkdir_with_parents (dir, 0700);
    }
  print_load ("before");
  db = open_national (path, n);
  print_load ("after loading");
  bench_summary (db);
  bench_search (db);
  bench_export (db, dir);
  bench_decisions (db, TRUE);
  bench_decisions (db, FALSE);
  bench_concurrent_decisions (db, path);
  bench_notify (path);
  g_print ("peak memory:     %.1f MiB (whole process)\n", peak_mib ());
  print_load ("at the end");
  if (anv_db_is_server_address (path))
    g_rmdir (dir);
  return 0;
}
