/* anv-cli-export.c — anvisa-cli export summary|referrals|seekers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-cli-export"

#include "config.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "anv-cli.h"
#include "anv-export.h"
#include "anv-i18n.h"
#include "anv-output.h"
#include "anv-publish.h"

/* Removes the file being written, then ends the program as the signal
 * would have: the default action put back, the signal raised again is
 * delivered when this returns. While the file is being logged and named,
 * or while an export goes into a pipe (which stops after its row and
 * logs where it stopped), every signal is only noted, however many come
 * (the handler stays), and the core raises the first once that is done.
 * Only async-signal-safe calls. */
static void
remove_temp_cb (int signum)
{
  struct sigaction fallback = { 0 };

  if (!anv_output_signal_received (signum))
    return;
  fallback.sa_handler = SIG_DFL;
  sigemptyset (&fallback.sa_mask);
  sigaction (signum, &fallback, NULL);
  raise (signum);
}

static gboolean
parse_kind (const char    *text,
            AnvExportKind *out)
{
  if (strcmp (text, "summary") == 0)
    *out = ANV_EXPORT_SUMMARY;
  else if (strcmp (text, "referrals") == 0)
    *out = ANV_EXPORT_REFERRALS;
  else if (strcmp (text, "seekers") == 0)
    *out = ANV_EXPORT_SEEKERS;
  else
    return FALSE;
  return TRUE;
}

/* Checks the summary's options into @query; --to the same as --from when
 * only --from is given. With neither, the months are left NULL, for
 * anv_cli_default_month() once the database is open. */
static int
prepare_summary_query (const char      *from,
                       const char      *to,
                       const char      *service,
                       const char      *county,
                       AnvSummaryQuery *query)
{
  g_autoptr (GError) error = NULL;

  query->from_month = from ? from : to;
  query->to_month = to ? to : query->from_month;
  query->service = ANV_SERVICE_NONE;
  query->county_code = county;

  if ((query->from_month != NULL && !anv_summary_parse_month (query->from_month, &error))
      || (query->to_month != NULL && !anv_summary_parse_month (query->to_month, &error))
      || (service != NULL && !anv_service_parse (service, &query->service, &error)))
    return anv_cli_fail (ANV_EXIT_USAGE, error->message);
  return ANV_EXIT_OK;
}

/* On standard output, or, when the export went to a pipe, a device or
 * standard output itself (/dev/stdout), on standard error: never into the
 * export's rows (on standard output when they went to standard error). */
static void
print_result (const char            *path,
              AnvExportKind          kind,
              const AnvExportCounts *counts)
{
  g_autofree char *rows = anv_format_count (counts->rows);
  g_autofree char *left_out = anv_format_count (counts->protected_left_out);
  void (*print) (const char *format, ...) = anv_cli_print;

  if (counts->kind == ANV_OUTPUT_STREAM
      || (counts->kind == ANV_OUTPUT_DESCRIPTOR && counts->descriptor != STDERR_FILENO))
    print = g_printerr;
  print (g_dngettext (GETTEXT_PACKAGE,
                              /* Translators: %1$s is a number of rows, %2$s a file */
                              "Wrote %1$s row to %2$s.\n",
                              "Wrote %1$s rows to %2$s.\n",
                              (gulong) MIN (counts->rows, G_MAXULONG)),
                 rows, path);
  /* The summary counts them: say why the referrals' totals differ from it */
  if (counts->protected_left_out > 0 && kind == ANV_EXPORT_REFERRALS)
    print (g_dngettext (GETTEXT_PACKAGE,
                        "%s referral of a person with protected identity was left out; the "
                        "summary counts it, so its totals are higher.\n",
                        "%s referrals of people with protected identity were left out; the "
                        "summary counts them, so its totals are higher.\n",
                        (gulong) MIN (counts->protected_left_out, G_MAXULONG)),
           left_out);
  else if (counts->protected_left_out > 0)
    print (g_dngettext (GETTEXT_PACKAGE,
                                "%s row of a person with protected identity was left out.\n",
                                "%s rows of people with protected identity were left out.\n",
                                (gulong) MIN (counts->protected_left_out, G_MAXULONG)),
                   left_out);
}

int
anv_cli_export (AnvCli  *cli,
                int      argc,
                char   **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *profile_name = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *service = NULL;
  g_autofree char *county = NULL;
  g_autofree char *threshold = NULL;
  gboolean full = FALSE;
  gboolean publish = FALSE;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("The file to write (replaced when the export is complete); - for standard output"),
      N_("FILE") },
    { "profile", 0, 0, G_OPTION_ARG_STRING, &profile_name,
      N_("excel-sv (semicolons, for Excel in Swedish; the default) or rfc4180 (commas)"),
      N_("PROFILE") },
    { "full-personnummer", 0, 0, G_OPTION_ARG_NONE, &full,
      N_("Write whole personnummer instead of masked ones (recorded in the audit log)"), NULL },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from,
      N_("Summary: the first month (default: the latest month with data, at most this "
         "month)"), N_("YYYY-MM") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to,
      N_("Summary: the last month (default: the first)"), N_("YYYY-MM") },
    { "service", 0, 0, G_OPTION_ARG_STRING, &service,
      N_("Summary: KROM or STOM (default: both)"), "S" },
    { "county", 0, 0, G_OPTION_ARG_STRING, &county,
      N_("Summary: one county’s municipalities, by code (default: the whole country)"),
      N_("CODE") },
    { "publish", 0, 0, G_OPTION_ARG_NONE, &publish,
      N_("Summary: for publishing: closed months as published, and counts below the "
         "threshold in the municipalities’ splits by sex shown as “..”"), NULL },
    { "threshold", 0, 0, G_OPTION_ARG_STRING, &threshold,
      N_("With --publish: the smallest count shown in a split, 1 to 100 (default: 5)"),
      "N" },
    { NULL }
  };
  g_autoptr (AnvDb) db = NULL;
  g_autoptr (GError) error = NULL;
  AnvExportOptions options = { 0 };
  AnvExportCounts counts = { 0 };
  AnvSummaryQuery query = { 0 };
  char default_month[8];
  int status;

  if (!anv_cli_parse_options ("export", "summary|referrals|seekers",
                              _("Write a CSV file for reporting. Exports with personnummer "
                                "leave out people with protected identity and are recorded "
                                "in the audit log."),
                              entries, &argc, &argv))
    return ANV_EXIT_USAGE;
  if (argc != 2 || !parse_kind (argv[1], &options.kind))
    return anv_cli_fail (ANV_EXIT_USAGE,
                         _("Use “export summary”, “export referrals” or “export seekers”, "
                           "with --output FILE."));
  if (output == NULL || *output == '\0')
    return anv_cli_fail (ANV_EXIT_USAGE, _("Name the file to write with --output FILE."));
  /* "-", as for other tools, is standard output: never a file named "-" */
  if (g_str_equal (output, "-"))
    {
      g_free (output);
      output = g_strdup ("/dev/stdout");
    }
  if (!anv_csv_profile_parse (profile_name ? profile_name : "excel-sv", &options.profile,
                              &error))
    return anv_cli_fail (ANV_EXIT_USAGE, error->message);

  if (options.kind == ANV_EXPORT_SUMMARY)
    {
      if (full)
        return anv_cli_fail (ANV_EXIT_USAGE,
                             _("The summary holds no personnummer: leave out "
                               "--full-personnummer."));
      status = prepare_summary_query (from, to, service, county, &query);
      if (status != ANV_EXIT_OK)
        return status;
      options.summary = &query;
      if (threshold != NULL && !publish)
        return anv_cli_fail (ANV_EXIT_USAGE, _("--threshold is for --publish: add --publish, "
                                               "or leave out --threshold."));
      if (publish)
        {
          options.publish_threshold = ANV_PUBLISH_DEFAULT_THRESHOLD;
          if (threshold != NULL
              && !anv_publish_parse_threshold (threshold, &options.publish_threshold, &error))
            return anv_cli_fail (ANV_EXIT_USAGE, error->message);
        }
    }
  else if (publish || threshold != NULL)
    return anv_cli_fail (ANV_EXIT_USAGE,
                         _("--publish and --threshold are for “export summary” only."));
  else if (from != NULL || to != NULL || service != NULL || county != NULL)
    return anv_cli_fail (ANV_EXIT_USAGE,
                         _("--from, --to, --service and --county are for “export summary” "
                           "only."));
  options.full_personnummer = full;

  db = anv_cli_open_db (cli);
  if (db == NULL)
    return ANV_EXIT_REJECTED;
  if (options.kind == ANV_EXPORT_SUMMARY && query.from_month == NULL)
    {
      if (!anv_cli_default_month (cli, db, default_month, &error))
        return anv_cli_fail_error (error);
      query.from_month = query.to_month = default_month;
    }

  anv_cli_remove_temp_on_signals ();
  if (!anv_export_write_counted (db, &options, output, &counts, &error))
    return anv_cli_fail_error (error);

  print_result (output, options.kind, &counts);
  return ANV_EXIT_OK;
}

void
anv_cli_remove_temp_on_signals (void)
{
  static const int signals[] = { SIGINT, SIGTERM, SIGHUP };
  struct sigaction action = { 0 };

  /* Not SA_RESETHAND: a second Ctrl-C while the file is being logged and
   * named must be noted as the first was, not end the program there. The
   * other two are held back while one is handled. */
  action.sa_handler = remove_temp_cb;
  sigemptyset (&action.sa_mask);
  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    sigaddset (&action.sa_mask, signals[i]);
  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    sigaction (signals[i], &action, NULL);
  /* A reader that stops (`| head`) makes the write fail, so that the
   * audit log can say where the export stopped, instead of ending the
   * program without a word. */
  signal (SIGPIPE, SIG_IGN);
}
