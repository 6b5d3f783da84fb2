/* anvisa-cli.c — Anvisa for scripts, scheduled reports and checks
 *
 * The same core as the desktop application: a rule is written once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "anv-cli.h"
#include "anv-date.h"
#include "anv-i18n.h"
#include "anv-personnummer.h"
#include "anv-schema.h"
#include "anv-summary.h"

typedef struct
{
  const char   *name;
  AnvCliCommand run;
} Command;

static int import_cb (AnvCli *cli, int argc, char **argv);

static const Command commands[] = {
  { "init", anv_cli_init },
  { "seeker", anv_cli_seeker },
  { "import", import_cb },
  { "availability", anv_cli_availability },
  { "end-reason", anv_cli_end_reason },
  { "period-rule", anv_cli_period_rule },
  { "choice-rule", anv_cli_choice_rule },
  { "provider", anv_cli_provider },
  { "area", anv_cli_area },
  { "refer", anv_cli_refer },
  { "start", anv_cli_start },
  { "change-provider", anv_cli_change_provider },
  { "end", anv_cli_end },
  { "referral", anv_cli_referral },
  { "summary", anv_cli_summary },
  { "publish", anv_cli_publish },
  { "worklist", anv_cli_worklist },
  { "export", anv_cli_export },
  { "demo", anv_cli_demo },
  { "generate", anv_cli_generate },
  { "backup", anv_cli_backup },
  { "restore", anv_cli_restore },
  { "gallra", anv_cli_gallra },
  { "audit", anv_cli_audit },
  { "server", anv_cli_server },
  { "unit", anv_cli_unit },
  { "user", anv_cli_user },
  { "password", anv_cli_password },
  /* Not in the usage: for the crash and concurrency tests. */
  { "stress", anv_cli_stress },
};

static int
import_cb (AnvCli  *cli,
           int      argc,
           char   **argv)
{
  if (argc >= 2 && strcmp (argv[1], "seekers") == 0)
    return anv_cli_import_seekers (cli, argc - 1, argv + 1);
  if (argc >= 2 && strcmp (argv[1], "providers") == 0)
    return anv_cli_import_providers (cli, argc - 1, argv + 1);
  return anv_cli_fail (ANV_EXIT_USAGE, _("Use “import seekers FILE” or “import providers FILE”."));
}

void
anv_cli_print_row_error (guint       line,
                         const char *column,
                         const char *message,
                         gpointer    user_data)
{
  gboolean *progress_shown = user_data;

  if (progress_shown != NULL && *progress_shown)
    {
      g_printerr ("\r\033[K");
      *progress_shown = FALSE;
    }
  if (column != NULL)
    /* Translators: %1$u is a line number, %2$s a column heading, %3$s what is wrong */
    g_printerr (_("Line %1$u, column %2$s: %3$s\n"), line, column, message);
  else
    g_printerr (_("Line %1$u: %2$s\n"), line, message);
}

void
anv_cli_print_more_errors (const AnvImportReport *report)
{
  g_autofree char *more = anv_import_report_describe_more (report);

  if (more != NULL)
    g_printerr ("%s\n", more);
}

int
anv_cli_run_import (AnvCli           *cli,
                    AnvCliImportFunc  import,
                    const char       *path,
                    guint64          *out_stored)
{
  g_autoptr (AnvDb) db = anv_cli_open_db (cli);
  g_autoptr (GError) error = NULL;
  gboolean progress_shown = FALSE, ok;
  AnvImportReport report = { 0 };

  if (db == NULL)
    return ANV_EXIT_REJECTED;

  report.row_error = anv_cli_print_row_error;
  report.progress = isatty (STDERR_FILENO) ? anv_cli_print_progress : NULL;
  report.user_data = &progress_shown;

  ok = import (db, path, &cli->today, &report, &error);
  if (progress_shown)
    g_printerr ("\n");
  anv_cli_print_more_errors (&report);
  if (!ok)
    return anv_cli_fail_error (error);

  *out_stored = report.n_stored;
  return ANV_EXIT_OK;
}

void
anv_cli_print_progress (guint64  done,
                        guint64  total,
                        gpointer user_data)
{
  gboolean *progress_shown = user_data;

  if (total == 0)
    return;
  g_printerr ("\r");
  /* Translators: shown while importing; %u is a percentage */
  g_printerr (_("Importing… %u %%"), (guint) (done * 100 / total));
  *progress_shown = TRUE;
}

AnvDb *
anv_cli_open_db (AnvCli *cli)
{
  g_autofree char *path = cli->database_path ? g_strdup (cli->database_path)
                                             : anv_db_default_path ();
  g_autoptr (GError) error = NULL;
  AnvDb *db = anv_schema_open (path, NULL, &error);

  if (db != NULL && anv_db_get_notice (db) != NULL)
    g_printerr ("anvisa-cli: %s\n", anv_db_get_notice (db));
  if (db == NULL)
    anv_cli_fail_error (error);
  else if (anv_db_is_read_only (db))
    /* A command that only reads goes on; one that writes is refused when it
     * tries, with the same reason. */
    g_printerr ("anvisa-cli: %s\n", anv_db_get_read_only_reason (db));
  return db;
}

gboolean
anv_cli_confirm (const char *question,
                 gboolean    yes,
                 int        *out_status)
{
  char answer[16] = "";

  *out_status = ANV_EXIT_OK;
  if (yes)
    return TRUE;
  if (!isatty (STDIN_FILENO))
    {
      g_printerr ("anvisa-cli: %s\n", question);
      *out_status = anv_cli_fail (ANV_EXIT_USAGE,
                                  _("Nothing was done: there is no terminal to confirm on. "
                                    "Add --yes to confirm."));
      return FALSE;
    }
  /* Translators: the answers are y (yes) and N (no, the default); "j" is
   * accepted too */
  g_print ("%s %s ", question, _("[y/N]"));
  fflush (stdout);
  if (fgets (answer, sizeof answer, stdin) != NULL
      && (answer[0] == 'y' || answer[0] == 'Y' || answer[0] == 'j' || answer[0] == 'J'))
    return TRUE;
  *out_status = anv_cli_fail (ANV_EXIT_REJECTED, _("Nothing was done."));
  return FALSE;
}

int
anv_cli_fail (int         status,
              const char *message)
{
  g_printerr ("anvisa-cli: %s\n", message);
  return status;
}

int
anv_cli_fail_error (GError *error)
{
  g_autofree char *message = NULL;

  /* The personnummer's messages speak of "the number": on a command line
   * with other numbers in it, say which. */
  if (error->domain == ANV_PERSONNUMMER_ERROR)
    /* Translators: %s says what is wrong with a personnummer typed */
    message = g_strdup_printf (_("Personnummer: %s"), error->message);
  return anv_cli_fail (ANV_EXIT_REJECTED, message ? message : error->message);
}

void
anv_cli_print (const char *format,
               ...)
{
  va_list args;
  g_autofree char *text = NULL;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  g_print ("%s", text);
}

static glong
char_width (gunichar c)
{
  if (g_unichar_iszerowidth (c))
    return 0;
  return g_unichar_iswide (c) ? 2 : 1;
}

glong
anv_cli_text_width (const char *text)
{
  glong width = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    width += char_width (g_utf8_get_char (p));
  return width;
}

char *
anv_cli_pad (const char *text,
             glong       width,
             gboolean    cut)
{
  GString *padded = g_string_sized_new (strlen (text) + (gsize) MAX (width, 0));
  glong used = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      glong w = char_width (g_utf8_get_char (p));

      if (cut && used + w > width)
        break;
      g_string_append_len (padded, p, g_utf8_next_char (p) - p);
      used += w;
    }
  for (; used < width; used++)
    g_string_append_c (padded, ' ');
  return g_string_free (padded, FALSE);
}

void
anv_cli_print_table (GPtrArray *rows,
                     guint      n_columns,
                     guint      gap)
{
  g_autofree glong *widths = g_new0 (glong, n_columns);

  for (guint r = 0; r < rows->len; r++)
    {
      GStrv row = g_ptr_array_index (rows, r);

      for (guint c = 0; c < n_columns; c++)
        widths[c] = MAX (widths[c], anv_cli_text_width (row[c]));
    }
  for (guint r = 0; r < rows->len; r++)
    {
      GStrv row = g_ptr_array_index (rows, r);
      g_autoptr (GString) line = g_string_new (NULL);

      for (guint c = 0; c < n_columns; c++)
        {
          if (c + 1 < n_columns)
            {
              g_autofree char *padded = anv_cli_pad (row[c], widths[c] + gap, FALSE);

              g_string_append (line, padded);
            }
          else
            g_string_append (line, row[c]);
        }
      anv_cli_print ("%s\n", line->str);
    }
}

void
anv_cli_print_field (const char *label,
                     const char *format,
                     ...)
{
  g_autofree char *padded = anv_cli_pad (label, ANV_CLI_LABEL_WIDTH, FALSE);
  g_autofree char *value = NULL;
  va_list args;

  va_start (args, format);
  value = g_strdup_vprintf (format, args);
  va_end (args);
  g_print ("%s %s\n", padded, value);
}

gboolean
anv_cli_default_month (AnvCli  *cli,
                       AnvDb   *db,
                       char     out[8],
                       GError **error)
{
  char today[11];
  char latest[8];

  if (!anv_summary_latest_month (db, latest, error))
    return FALSE;
  anv_date_format (&cli->today, today);
  today[7] = '\0';
  g_strlcpy (out, latest[0] != '\0' && strcmp (latest, today) < 0 ? latest : today, 8);
  return TRUE;
}

gboolean
anv_cli_parse_date (const char  *option,
                    const char  *text,
                    GDate       *out,
                    GError     **error)
{
  if (anv_date_parse (text, out, error))
    return TRUE;
  g_prefix_error (error, "%s: ", option);
  return FALSE;
}

/* The entry of @entries for the option in @arg ("--name", "--name=…" or
 * "-n"), or NULL. */
static const GOptionEntry *
find_entry (const GOptionEntry *entries,
            const char         *arg)
{
  for (guint i = 0; entries != NULL && entries[i].long_name != NULL; i++)
    {
      gsize length = strlen (entries[i].long_name);

      if (g_str_has_prefix (arg, "--") && strncmp (arg + 2, entries[i].long_name, length) == 0
          && (arg[2 + length] == '\0' || arg[2 + length] == '='))
        return &entries[i];
      if (entries[i].short_name != '\0' && arg[0] == '-' && arg[1] == entries[i].short_name
          && arg[2] == '\0')
        return &entries[i];
    }
  return NULL;
}

/* GLib's own message for an option value that is not UTF-8 names neither
 * the option nor what to do. */
static gboolean
check_values_are_text (const char         *command,
                       const GOptionEntry *entries,
                       int                 argc,
                       char              **argv)
{
  for (int i = 1; i < argc; i++)
    {
      const GOptionEntry *entry = find_entry (entries, argv[i]);
      const char *equals = strchr (argv[i], '=');
      const char *value;

      if (entry == NULL || entry->arg != G_OPTION_ARG_STRING)
        continue;
      value = equals != NULL && g_str_has_prefix (argv[i], "--") ? equals + 1
              : i + 1 < argc ? argv[i + 1] : "";
      if (g_utf8_validate (value, -1, NULL))
        continue;

      g_printerr (_("anvisa-cli %1$s: the value of --%2$s is not UTF-8 text. Type it again, "
                    "or set the terminal to UTF-8.\n"), command, entry->long_name);
      return FALSE;
    }
  return TRUE;
}

gboolean
anv_cli_parse_options (const char    *command,
                       const char    *parameters,
                       const char    *summary,
                       GOptionEntry  *entries,
                       int           *argc,
                       char        ***argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new (parameters);
  g_autoptr (GError) error = NULL;
  g_autofree char *prgname = g_strdup_printf ("anvisa-cli %s", command);

  g_set_prgname (prgname);
  if (g_get_charset (NULL) && !check_values_are_text (command, entries, *argc, *argv))
    return FALSE;
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      g_printerr ("anvisa-cli %s: %s\n\n%s", command, error->message, help);
      return FALSE;
    }
  return TRUE;
}

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s\n", _("Usage: anvisa-cli [--database PATH] COMMAND [OPTIONS…]"));
  fprintf (stream, "\n%s\n", _("Commands:"));
  fprintf (stream, "  init                         %s\n",
           _("Create the database (or bring it up to date)"));
  fprintf (stream, "  seeker add --personnummer P --name N (--municipality CODE | "
                   "--postal-code NNNNN) [--protected]\n"
                   "                               %s\n", _("Register a job seeker"));
  fprintf (stream, "  seeker show P                %s\n", _("Show a job seeker"));
  fprintf (stream, "  seeker search TEXT           %s\n",
           _("Find job seekers by personnummer or name"));
  fprintf (stream, "  import seekers FILE          %s\n",
           _("Register job seekers from a CSV file, all or nothing"));
  fprintf (stream, "  availability list [--municipality CODE]\n"
                   "                               %s\n",
           _("Show which service applies where, and when"));
  fprintf (stream, "  availability set --service S --municipalities CODE,… --from DATE "
                   "[--to DATE]\n"
                   "                               %s\n",
           _("Make a service apply in municipalities from a date"));
  fprintf (stream, "  availability import FILE     %s\n",
           _("Apply periods of availability from a CSV file"));
  fprintf (stream, "  provider add --orgnr N --name NAME --municipality CODE\n"
                   "                               %s\n", _("Register a provider"));
  fprintf (stream, "  provider list                %s\n", _("List the providers"));
  fprintf (stream, "  provider approve ORGNR --area NAME --from DATE [--to DATE]\n"
                   "                               %s\n",
           _("Approve a provider in a delivery area"));
  fprintf (stream, "  provider defaults [--month YYYY-MM] [--service S] [--municipality CODE]\n"
                   "                               %s\n",
           _("Each provider’s share of the no-choice defaults"));
  fprintf (stream, "  area add NAME --service S --municipalities CODE,…\n"
                   "                               %s\n", _("Add a delivery area"));
  fprintf (stream, "  area list                    %s\n", _("List the delivery areas"));
  fprintf (stream, "  import providers FILE        %s\n",
           _("Register providers from a CSV file, all or nothing"));
  fprintf (stream, "  refer PNR --level L (--provider ORGNR | --no-choice | --pending) "
                   "[--decided DATE]\n"
                   "                               %s\n", _("Decide a referral"));
  fprintf (stream, "  start PNR [--date D]         %s\n", _("Record that the referral started"));
  fprintf (stream, "  change-provider PNR --provider ORGNR [--date D]\n"
                   "                               %s\n", _("Change the provider"));
  fprintf (stream, "  end PNR --reason CODE [--date D]\n"
                   "                               %s\n", _("Record that the referral ended"));
  fprintf (stream, "  referral show PNR            %s\n", _("Show a job seeker’s referrals"));
  fprintf (stream, "  referral correct ID --field F --value V --reason TEXT\n"
                   "                               %s\n", _("Correct a wrong entry"));
  fprintf (stream, "  referral extend ID [--date D]\n"
                   "                               %s\n", _("Extend the referral’s period"));
  fprintf (stream, "  referral end-expired --date D [--dry-run]\n"
                   "                               %s\n",
           _("End the referrals whose period ran out before D"));
  fprintf (stream, "  referral move-leaving --date D [--provider ORGNR] [--dry-run]\n"
                   "                               %s\n",
           _("Move the referrals of providers that leave to the no-choice default"));
  fprintf (stream, "  referral choose ID --provider ORGNR [--date D]\n"
                   "                               %s\n",
           _("Record the provider the job seeker chose"));
  fprintf (stream, "  referral assign-default ID [--date D]\n"
                   "                               %s\n",
           _("Assign the no-choice default after the choice deadline"));
  fprintf (stream, "  referral assign-defaults --date D [--dry-run]\n"
                   "                               %s\n",
           _("Assign the no-choice default to every referral whose choice deadline passed"));
  fprintf (stream, "  summary [--from YYYY-MM] [--to YYYY-MM] [--service S] [--county CODE] "
                   "[--by provider|level|area|age] [--format table|csv]\n"
                   "                               %s\n",
           _("The summary per municipality and month"));
  fprintf (stream, "  publish close YYYY-MM [--note TEXT]\n"
                   "                               %s\n",
           _("Close an ended month: keep its figures as published"));
  fprintf (stream, "  publish list                 %s\n", _("List the closed months"));
  fprintf (stream, "  publish revisions [YYYY-MM]  %s\n",
           _("List the changes of published figures, with who, when and why"));
  fprintf (stream, "  worklist [--officer USER] [--date D] [--format table|csv]\n"
                   "                               %s\n",
           _("What needs doing: overdue, starts, providers leaving, periods ending, "
             "choices not made"));
  fprintf (stream, "  export summary|referrals|seekers --output FILE [--profile excel-sv|rfc4180]\n"
                   "                               %s\n", _("Write CSV for reporting"));
  fprintf (stream, "  export summary --publish [--threshold N] --output FILE\n"
                   "                               %s\n",
           _("The summary for publishing: small counts by sex suppressed"));
  fprintf (stream, "  demo                         %s\n",
           _("Fill an empty database with a realistic 2020"));
  fprintf (stream, "  generate --referrals N       %s\n",
           _("Fill an empty database with N referrals, for benchmarks"));
  fprintf (stream, "  backup FILE                  %s\n",
           _("Copy the whole database to FILE (also while Anvisa is open)"));
  fprintf (stream, "  restore FILE [--yes]         %s\n",
           _("Replace the database with a checked backup"));
  fprintf (stream, "  gallra --ended-before DATE [--yes]\n"
                   "                               %s\n",
           _("Remove job seekers whose referrals all ended before DATE"));
  fprintf (stream, "  audit [--from DATE] [--to DATE] [--user USER]\n"
                   "                               %s\n", _("List the audit log"));
  fprintf (stream, "  server init                  %s\n",
           _("Create or update Anvisa’s tables in a server’s database"));
  fprintf (stream, "  unit add NAME --municipalities CODE,…\n"
                   "                               %s\n",
           _("Add a unit (kontor) on a server, covering municipalities"));
  fprintf (stream, "  unit list                    %s\n", _("List the units on a server"));
  fprintf (stream, "  user add LOGIN --role ROLE [--unit NAME] [--password]\n"
                   "                               %s\n",
           _("Create a person’s login on a server, with a role and a unit"));
  fprintf (stream, "  user list                    %s\n", _("List the users on a server"));
  fprintf (stream, "  user disable LOGIN           %s\n",
           _("Stop a user’s login on a server"));
  fprintf (stream, "  password [--login LOGIN]     %s\n",
           _("Set your own password on a server (asked for, not shown)"));
  fprintf (stream, "  end-reason list              %s\n", _("List the reasons a referral can end"));
  fprintf (stream, "  end-reason add CODE --kind result|interruption --label TEXT "
                   "[--label-en TEXT]\n"
                   "                               %s\n", _("Add a reason"));
  fprintf (stream, "  period-rule list             %s\n",
           _("List the rules of the referrals’ periods"));
  fprintf (stream, "  period-rule add --service S --from DATE --initial N --extension N --max N\n"
                   "                               %s\n", _("Add a period rule"));
  fprintf (stream, "  choice-rule list             %s\n",
           _("List the rules of the choice deadline"));
  fprintf (stream, "  choice-rule add --service S --from DATE --workdays N\n"
                   "                               %s\n", _("Add a choice rule"));
  fprintf (stream, "\n%s\n", _("The database is $ANVISA_DATABASE, or else "
                                "$XDG_DATA_HOME/anvisa/anvisa.db, unless --database names one."));
  fprintf (stream, "%s\n", _("A database on a PostgreSQL server is named by a connection string: "
                             "postgresql://SERVER/DATABASE or service=NAME."));
  fprintf (stream, "%s\n", _("Exit status: 0 done, 1 input or database refused, 2 wrong usage."));
}

/* Global options come before the command: --database PATH, --version,
 * --help. */
static int
parse_global (AnvCli  *cli,
              int      argc,
              char   **argv,
              int     *index)
{
  int i = 1;

  while (i < argc && argv[i][0] == '-')
    {
      if (strcmp (argv[i], "--database") == 0 && i + 1 < argc)
        {
          cli->database_path = argv[i + 1];
          i += 2;
        }
      else if (g_str_has_prefix (argv[i], "--database="))
        cli->database_path = argv[i++] + strlen ("--database=");
      else if (strcmp (argv[i], "--version") == 0)
        {
          g_print ("anvisa-cli %s\n", PACKAGE_VERSION);
          return ANV_EXIT_OK;
        }
      else if (strcmp (argv[i], "--help") == 0 || strcmp (argv[i], "-h") == 0)
        {
          print_usage (stdout);
          return ANV_EXIT_OK;
        }
      else
        {
          g_printerr (_("anvisa-cli: “%s” is not an option, or its value is missing.\n\n"),
                      argv[i]);
          print_usage (stderr);
          return ANV_EXIT_USAGE;
        }
    }
  *index = i;
  return -1;
}

int
main (int    argc,
      char **argv)
{
  AnvCli cli = { 0 };
  g_autoptr (GError) error = NULL;
  int index = 0;
  int status;

  anv_i18n_init ();
  g_set_prgname ("anvisa-cli");

  status = parse_global (&cli, argc, argv, &index);
  if (status >= 0)
    return status;

  /* Every command may date what it writes: a wrong ANVISA_TODAY is how the
   * command was started (usage), a clock outside 1800–2199 is refused. */
  if (!anv_date_today_checked (&cli.today, &error))
    return anv_cli_fail (g_getenv ("ANVISA_TODAY") != NULL && *g_getenv ("ANVISA_TODAY") != '\0'
                         ? ANV_EXIT_USAGE : ANV_EXIT_REJECTED, error->message);

  if (index >= argc)
    {
      print_usage (stderr);
      return ANV_EXIT_USAGE;
    }

  for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
    if (strcmp (argv[index], commands[c].name) == 0)
      return commands[c].run (&cli, argc - index, argv + index);

  g_printerr (_("anvisa-cli: “%s” is not a command.\n\n"), argv[index]);
  print_usage (stderr);
  return ANV_EXIT_USAGE;
}
