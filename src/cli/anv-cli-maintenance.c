/* anv-cli-maintenance.c — anvisa-cli backup, restore, gallra, audit (and stress, for tests)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-cli-maintenance"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "anv-audit.h"
#include "anv-backup.h"
#include "anv-cli.h"
#include "anv-date.h"
#include "anv-referrals.h"
#include "anv-retention.h"
#include "anv-seeker-import.h"
#include "anv-text.h"

#define AUDIT_DEFAULT_LIMIT 1000
#define STRESS_ROUND_DAYS   60

static guint stress_pause_ms;   /* stress: the wait after each commit */
static const char *stress_change_to; /* stress: the provider to change to, or NULL */

/* The columns of `audit`: time, user, event, record, details */
#define AUDIT_COLUMNS 5

/* stress: for the crash and concurrency tests, not for people. Imports
 * FILE (with --import), then decides, starts and ends a referral for each
 * of its job seekers, round after round, and prints a line after each
 * commit: "imported N", "decided ID PNR", "started PNR", "changed PNR",
 * "ended PNR DATE"; a refusal by the rules (another process came first)
 * is "refused PNR", a write lost with the server's connection "unsaved
 * PNR" (the next write connects again). */

static GPtrArray *
read_personnummer_column (const char  *path,
                          GError     **error)
{
  g_autofree char *contents = NULL;
  g_auto (GStrv) lines = NULL;
  GPtrArray *numbers;

  if (!g_file_get_contents (path, &contents, NULL, error))
    return NULL;
  lines = g_strsplit (contents, "\n", -1);
  numbers = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      const char *end = strpbrk (lines[i], ";,\r");

      if (lines[i][0] != '\0')
        g_ptr_array_add (numbers, end ? g_strndup (lines[i], (gsize) (end - lines[i]))
                                      : g_strdup (lines[i]));
    }
  return numbers;
}

/* Prints a line after a commit, then lets other writers take their turn. */
static void
say (const char *format,
     ...)
{
  va_list args;

  va_start (args, format);
  vprintf (format, args);
  va_end (args);
  fflush (stdout);
  if (stress_pause_ms > 0)
    g_usleep (stress_pause_ms * 1000);
}

/* FALSE when the error is the database's, not the rules'. */
static gboolean
refused (GError     **error,
         const char  *pnr)
{
  if (g_error_matches (*error, ANV_DB_ERROR, ANV_DB_ERROR_CONNECTION)
      || g_error_matches (*error, ANV_DB_ERROR, ANV_DB_ERROR_UNKNOWN))
    {
      /* Not saved; or the connection went as it was committed and came
       * back too late to learn whether it was. */
      say ("%s %s\n", (*error)->code == ANV_DB_ERROR_UNKNOWN ? "unknown" : "unsaved", pnr);
      g_clear_error (error);
      /* The server may be starting again. */
      g_usleep (100 * 1000);
      return TRUE;
    }
  if (!g_error_matches (*error, ANV_REFERRAL_ERROR, (*error)->code))
    return FALSE;
  say ("refused %s\n", pnr);
  g_clear_error (error);
  return TRUE;
}

static gboolean
stress_decide (AnvDb       *db,
               const char  *pnr,
               const GDate *decided,
               const GDate *today,
               GError     **error)
{
  g_autoptr (AnvReferral) referral = NULL;
  AnvReferralInput input = { 0 };

  input.personnummer = pnr;
  input.service = ANV_SERVICE_NONE;
  input.level = "B";
  input.choice = ANV_CHOICE_DEFAULT;
  input.decided_on = decided;
  referral = anv_referrals_decide (db, &input, today, error);
  if (referral == NULL)
    return refused (error, pnr);
  say ("decided %" G_GINT64_FORMAT " %s\n", referral->id, pnr);
  return TRUE;
}

static gboolean
stress_finish (AnvDb       *db,
               const char  *pnr,
               const GDate *decided,
               const GDate *today,
               guint        k,
               GError     **error)
{
  static const char *reasons[] = { "jobb", "studier", "sjuk", "tiden_ute" };
  GDate start = *decided, end = *decided;
  char end_text[11];

  g_date_add_days (&start, 21);
  g_date_add_days (&end, 35);
  if (k % 3 != 0)
    {
      if (anv_referrals_start (db, pnr, &start, today, error))
        say ("started %s\n", pnr);
      else if (!refused (error, pnr))
        return FALSE;
    }
  if (stress_change_to != NULL && k % 3 == 1)
    {
      GDate change = start;

      g_date_add_days (&change, 7);
      if (anv_referrals_change_provider (db, pnr, stress_change_to, TRUE, &change, today, error))
        say ("changed %s\n", pnr);
      else if (!refused (error, pnr))
        return FALSE;
    }
  anv_date_format (&end, end_text);
  /* A result needs a start: one not started ends with an interruption. */
  if (anv_referrals_end (db, pnr, k % 3 != 0 ? reasons[k % G_N_ELEMENTS (reasons)]
                                             : reasons[2 + k % 2], &end, today, error))
    say ("ended %s %s\n", pnr, end_text);
  else if (!refused (error, pnr))
    return FALSE;
  return TRUE;
}

/* One round: each job seeker's referral decided and ended in turn, or
 * (@batch) all decided first, then all ended, so that several processes
 * on the same job seekers meet the rule of one open referral. */
static gboolean
stress_round (AnvDb       *db,
              GPtrArray   *numbers,
              const GDate *decided,
              const GDate *today,
              gboolean     batch,
              guint       *k,
              GError     **error)
{
  for (guint i = 0; i < numbers->len; i++)
    {
      const char *pnr = g_ptr_array_index (numbers, i);

      if (!stress_decide (db, pnr, decided, today, error)
          || (!batch && !stress_finish (db, pnr, decided, today, (*k)++, error)))
        return FALSE;
    }
  for (guint i = 0; batch && i < numbers->len; i++)
    if (!stress_finish (db, g_ptr_array_index (numbers, i), decided, today, (*k)++, error))
      return FALSE;
  return TRUE;
}

static void
print_backup_progress_cb (guint    done,
                          guint    total,
                          gpointer user_data)
{
  if (total == 0)
    return;
  g_printerr ("\r");
  /* Translators: shown while a backup is written; %u is a percentage */
  g_printerr (_("Copying… %u %%"), done * 100 / total);
  *(gboolean *) user_data = TRUE;
}

int
anv_cli_backup (AnvCli  *cli,
                int      argc,
                char   **argv)
{
  g_autoptr (AnvDb) db = NULL;
  g_autoptr (GError) error = NULL;
  gboolean progress_shown = FALSE, ok;

  if (!anv_cli_parse_options ("backup", _("FILE"),
                              _("Copy the whole database to FILE, also while Anvisa is open."),
                              NULL, &argc, &argv))
    return ANV_EXIT_USAGE;
  if (argc != 2)
    return anv_cli_fail (ANV_EXIT_USAGE, _("backup needs the name of the file to write."));

  db = anv_cli_open_db (cli);
  if (db == NULL)
    return ANV_EXIT_REJECTED;

  anv_cli_remove_temp_on_signals ();
  ok = anv_backup_create (db, argv[1],
                          isatty (STDERR_FILENO) ? print_backup_progress_cb : NULL,
                          &progress_shown, NULL, &error);
  if (progress_shown)
    g_printerr ("\n");
  if (!ok)
    return anv_cli_fail_error (error);
  /* Translators: %s is a file */
  anv_cli_print (_("The database is backed up to %s.\n"), argv[1]);
  return ANV_EXIT_OK;
}

int
anv_cli_restore (AnvCli  *cli,
                 int      argc,
                 char   **argv)
{
  gboolean yes = FALSE;
  GOptionEntry entries[] = {
    { "yes", 'y', 0, G_OPTION_ARG_NONE, &yes, N_("Do not ask for confirmation"), NULL },
    { NULL }
  };
  g_autoptr (AnvDb) db = NULL;
  g_autoptr (AnvRestore) restore = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *keep_path = NULL;
  g_autofree char *question = NULL;
  g_autofree char *removed_again = NULL;
  int status;

  if (!anv_cli_parse_options ("restore", _("FILE"),
                              _("Replace the database with a backup, after checking it."),
                              entries, &argc, &argv))
    return ANV_EXIT_USAGE;
  if (argc != 2)
    return anv_cli_fail (ANV_EXIT_USAGE, _("restore needs the name of the backup file."));

  db = anv_cli_open_db (cli);
  if (db == NULL)
    return ANV_EXIT_REJECTED;

  restore = anv_backup_prepare_restore (db, argv[1], &error);
  if (restore == NULL)
    return anv_cli_fail_error (error);

  keep_path = anv_backup_kept_path (db, stamp);
  question = anv_restore_describe_question (restore, argv[1], keep_path);
  if (!anv_cli_confirm (question, yes, &status))
    return status;

  if (!anv_backup_restore (db, restore, keep_path, &error))
    return anv_cli_fail_error (error);
  /* Translators: %1$s is a file, %2$s a file */
  anv_cli_print (_("The database is restored from %1$s. The one before is kept as %2$s.\n"),
                 argv[1], keep_path);
  removed_again = anv_restore_describe_removed_again (restore);
  if (removed_again != NULL)
    anv_cli_print ("%s\n", removed_again);
  return ANV_EXIT_OK;
}

/* Retention does not reach the copies restores kept: says where they are. */
static void
print_kept_copies (AnvDb *db)
{
  g_autoptr (GPtrArray) kept = anv_backup_list_kept (db);

  if (kept->len == 0)
    return;
  anv_cli_print ("%s\n", g_dngettext (GETTEXT_PACKAGE,
    "This copy, kept by a restore, still holds the job seekers removed; delete it when it "
    "is no longer needed:",
    "These copies, kept by restores, still hold the job seekers removed; delete them when "
    "they are no longer needed:", kept->len));
  for (guint i = 0; i < kept->len; i++)
    {
      g_autofree char *shown = anv_text_quote_path (g_ptr_array_index (kept, i));

      anv_cli_print ("  %s\n", shown);
    }
}

int
anv_cli_gallra (AnvCli  *cli,
                int      argc,
                char   **argv)
{
  g_autofree char *date_text = NULL;
  gboolean yes = FALSE;
  GOptionEntry entries[] = {
    { "ended-before", 0, 0, G_OPTION_ARG_STRING, &date_text,
      N_("Remove job seekers whose referrals all ended before this date"), N_("DATE") },
    { "yes", 'y', 0, G_OPTION_ARG_NONE, &yes, N_("Do not ask for confirmation"), NULL },
    { NULL }
  };
  g_autoptr (AnvDb) db = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *question = NULL;
  guint64 n_due = 0, n_seekers = 0, n_referrals = 0;
  GDate date;
  int status;

  if (!anv_cli_parse_options ("gallra", "",
                              _("Retention: remove job seekers whose referrals all ended "
                                "before a date."), entries, &argc, &argv))
    return ANV_EXIT_USAGE;
  if (argc != 1 || date_text == NULL)
    return anv_cli_fail (ANV_EXIT_USAGE, _("gallra needs --ended-before DATE."));
  if (!anv_cli_parse_date ("--ended-before", date_text, &date, &error))
    return anv_cli_fail (ANV_EXIT_USAGE, error->message);

  db = anv_cli_open_db (cli);
  if (db == NULL)
    return ANV_EXIT_REJECTED;
  if (!anv_retention_count (db, &date, &n_due, &error))
    return anv_cli_fail_error (error);
  if (n_due == 0)
    {
      /* Translators: %s is a date */
      anv_cli_print (_("No job seeker has only referrals that ended before %s; nothing to "
                       "remove.\n"), date_text);
      return ANV_EXIT_OK;
    }

  question = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
    /* Translators: %1$u is a number, %2$s a date */
    "Remove %1$u job seeker whose referrals all ended before %2$s, with the referrals? "
    "This cannot be undone; the summary keeps its counts.",
    "Remove %1$u job seekers whose referrals all ended before %2$s, with their referrals? "
    "This cannot be undone; the summary keeps its counts.",
    (gulong) n_due), (guint) n_due, date_text);
  if (!anv_cli_confirm (question, yes, &status))
    return status;

  if (!anv_retention_run (db, &date, &cli->today, &n_seekers, &n_referrals, &error))
    return anv_cli_fail_error (error);
  anv_cli_print (g_dngettext (GETTEXT_PACKAGE,
                              /* Translators: %1$u job seekers, %2$u referrals */
                              "Removed %1$u job seeker and the referrals (%2$u).\n",
                              "Removed %1$u job seekers and their referrals (%2$u).\n",
                              (gulong) n_seekers),
                 (guint) n_seekers, (guint) n_referrals);
  if (anv_db_is_server (db))
    /* The server keeps the removed rows' old versions until VACUUM, and in
     * its log and backups (README.md, "A shared server"). */
    anv_cli_print ("%s\n", _("On a server the removed rows stay on its disk until VACUUM: "
                             "ask your office’s IT to run “VACUUM (ANALYZE)” on the database "
                             "now, and to keep its logs and dumps no longer than the "
                             "retention period allows."));
  else
    print_kept_copies (db);
  return ANV_EXIT_OK;
}

int
anv_cli_audit (AnvCli  *cli,
               int      argc,
               char   **argv)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *user = NULL;
  int limit = AUDIT_DEFAULT_LIMIT;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("From this date"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("To this date (inclusive)"), N_("DATE") },
    { "user", 'u', 0, G_OPTION_ARG_STRING, &user, N_("Only what this user did"), N_("USER") },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("At most this many entries (default 1000)"),
      "N" },
    { NULL }
  };
  g_autoptr (AnvDb) db = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) entries_found = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  char from_text[11], to_text[11];
  gboolean more;
  GDate date;

  if (!anv_cli_parse_options ("audit", "",
                              _("List the audit log: who did what, when, newest first."),
                              entries, &argc, &argv))
    return ANV_EXIT_USAGE;
  if (argc != 1 || limit <= 0)
    return anv_cli_fail (ANV_EXIT_USAGE,
                         _("audit takes only --from, --to, --user and a positive --limit."));
  if (from != NULL && !anv_cli_parse_date ("--from", from, &date, &error))
    return anv_cli_fail (ANV_EXIT_USAGE, error->message);
  if (from != NULL)
    anv_date_format (&date, from_text);
  if (to != NULL && !anv_cli_parse_date ("--to", to, &date, &error))
    return anv_cli_fail (ANV_EXIT_USAGE, error->message);
  if (to != NULL)
    anv_date_format (&date, to_text);

  db = anv_cli_open_db (cli);
  if (db == NULL)
    return ANV_EXIT_REJECTED;
  /* One more than shown, to tell whether the log holds more */
  entries_found = anv_audit_list (db, from ? from_text : NULL, to ? to_text : NULL, user,
                                  limit == G_MAXINT ? (guint) limit : (guint) limit + 1, &error);
  if (entries_found == NULL)
    return anv_cli_fail_error (error);
  more = entries_found->len > (guint) limit;
  if (more)
    g_ptr_array_set_size (entries_found, limit);

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_ptr_array_add (rows, g_strdupv ((char *[]) { _("Time (UTC)"), _("User"), _("Action"),
                                                 _("Record"), _("Details"), NULL }));
  for (guint i = 0; i < entries_found->len; i++)
    {
      const AnvAuditEntry *e = g_ptr_array_index (entries_found, i);
      g_autoptr (AnvAuditDescription) said = anv_audit_describe (e);

      g_ptr_array_add (rows, g_strdupv ((char *[]) { e->at ? e->at : "",
                                                     e->actor ? e->actor : "", said->event,
                                                     said->record, said->details, NULL }));
    }
  anv_cli_print_table (rows, AUDIT_COLUMNS, 1);
  if (entries_found->len == 0)
    anv_cli_print ("%s\n", _("No entries."));
  if (more)
    anv_cli_print ("\n");
  if (more)
    anv_cli_print (g_dngettext (GETTEXT_PACKAGE,
                                /* Translators: %u the entries shown */
                                "Only the newest entry is shown; the log holds more. Narrow it "
                                "with --from, --to or --user, or show more with --limit.\n",
                                "Only the newest %u entries are shown; the log holds more. Narrow "
                                "them with --from, --to or --user, or show more with --limit.\n",
                                (gulong) limit),
                   (guint) limit);
  return ANV_EXIT_OK;
}

int
anv_cli_stress (AnvCli  *cli,
                int      argc,
                char   **argv)
{
  gboolean do_import = FALSE, batch = FALSE;
  int rounds = 1, pause_ms = 0;
  g_autofree char *first_text = NULL;
  g_autofree char *change_to = NULL;
  GOptionEntry entries[] = {
    { "change-to", 0, 0, G_OPTION_ARG_STRING, &change_to,
      N_("Change each third referral to this provider"), "ORGNR" },
    { "import", 0, 0, G_OPTION_ARG_NONE, &do_import, N_("Import FILE first"), NULL },
    { "rounds", 0, 0, G_OPTION_ARG_INT, &rounds, N_("Rounds of decisions"), "N" },
    { "first", 0, 0, G_OPTION_ARG_STRING, &first_text, N_("First decision date"), "DATE" },
    { "batch", 0, 0, G_OPTION_ARG_NONE, &batch, N_("Decide for all, then end for all"), NULL },
    { "pause", 0, 0, G_OPTION_ARG_INT, &pause_ms, N_("Milliseconds to wait after each commit"),
      "MS" },
    { NULL }
  };
  g_autoptr (AnvDb) db = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) numbers = NULL;
  GDate decided;
  guint k = 0;

  if (!anv_cli_parse_options ("stress", "FILE", _("For tests only."), entries, &argc, &argv))
    return ANV_EXIT_USAGE;
  if (argc != 2 || pause_ms < 0)
    return ANV_EXIT_USAGE;
  stress_pause_ms = (guint) pause_ms;
  stress_change_to = change_to;
  if (!anv_date_parse (first_text ? first_text : "2020-04-01", &decided, &error))
    return anv_cli_fail_error (error);

  numbers = read_personnummer_column (argv[1], &error);
  if (numbers == NULL)
    return anv_cli_fail_error (error);
  db = anv_cli_open_db (cli);
  if (db == NULL)
    return ANV_EXIT_REJECTED;

  if (do_import)
    {
      AnvImportReport report = { 0 };

      if (!anv_seekers_import (db, argv[1], &cli->today, &report, &error))
        return anv_cli_fail_error (error);
      say ("imported %" G_GUINT64_FORMAT "\n", report.n_stored);
    }

  for (int r = 0; r < rounds; r++, g_date_add_days (&decided, STRESS_ROUND_DAYS))
    if (!stress_round (db, numbers, &decided, &cli->today, batch, &k, &error))
      return anv_cli_fail_error (error);
  return ANV_EXIT_OK;
}
