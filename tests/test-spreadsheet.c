/* test-spreadsheet.c — the exports as LibreOffice Calc opens them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each export is opened with Calc's CSV filter (soffice --headless, a
 * profile of its own) and saved again as CSV with every text cell quoted:
 * a code that Calc took for a number (0114 read as 114) comes back bare,
 * one kept as text comes back quoted, with its zeros. Where LibreOffice
 * is not installed the test is skipped, saying so. Only Skatteverket's
 * test personnummer.
 */
#define G_LOG_DOMAIN "anvisa-test-spreadsheet"

#include <string.h>

#include <glib/gstdio.h>

#include "anv-export.h"
#include "anv-publish.h"
#include "anv-referrals.h"
#include "anv-seekers.h"
#include "anv-test-util.h"

/* Calc's CSV filter options: separator, text delimiter ("), UTF-8 (76),
 * from line 1; on export, token 7: every text cell quoted. */
#define IMPORT_EXCEL_SV "CSV:59,34,76,1"
#define IMPORT_RFC4180  "CSV:44,34,76,1"
#define EXPORT_QUOTED   "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,true"

/* Opens @csv in Calc with @filter and returns what Calc saves of it. */
static char *
open_in_calc (const char *soffice,
              const char *dir,
              const char *csv,
              const char *filter)
{
  g_autofree char *profile = g_build_filename (dir, "lo-profile", NULL);
  g_autofree char *profile_uri = g_filename_to_uri (profile, NULL, NULL);
  g_autofree char *user_installation = g_strconcat ("-env:UserInstallation=", profile_uri,
                                                    NULL);
  g_autofree char *infilter = g_strconcat ("--infilter=", filter, NULL);
  g_autofree char *outdir = g_build_filename (dir, "calc", NULL);
  g_autofree char *base = g_path_get_basename (csv);
  g_autofree char *result = g_build_filename (outdir, base, NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  const char *argv[] = { soffice, user_installation, "--headless", "--norestore", infilter,
                         "--convert-to", EXPORT_QUOTED, "--outdir", outdir, csv, NULL };
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  g_test_message ("soffice: %s%s", out, err);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_file_get_contents (result, &contents, NULL, &error);
  g_assert_no_error (error);
  g_unlink (result);
  return g_steal_pointer (&contents);
}

static void
assert_line (const char *saved,
             const char *line)
{
  g_autofree char *with_ends = g_strconcat ("\n", line, "\n", NULL);
  g_autofree char *text = g_strconcat ("\n", saved, NULL);

  if (strstr (text, with_ends) == NULL)
    g_error ("Calc did not keep the line %s; it saved:\n%.2000s", line, saved);
}

static void
test_codes_stay_text (void)
{
  g_autofree char *soffice = g_find_program_in_path ("soffice");
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = NULL;
  g_autoptr (GPtrArray) numbers = NULL;
  g_autoptr (AnvSeeker) seeker = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *shown = NULL;
  AnvSummaryQuery query = { "2020-04", "2020-04", ANV_SERVICE_KROM, NULL };
  static const AnvCsvProfile profiles[] = { ANV_CSV_PROFILE_EXCEL_SV,
                                            ANV_CSV_PROFILE_RFC4180 };
  GDate today;

  if (soffice == NULL)
    {
      g_test_skip ("LibreOffice is not installed (no soffice in PATH): the exports were not "
                   "opened in Calc. ./setup.sh test installs libreoffice-calc-nogui.");
      return;
    }

  db = anv_test_open_db (&dir);
  anv_test_date (&today, 2020, 4, 6);
  numbers = anv_test_load_personnummer (NULL, NULL, FALSE, 1);
  {
    AnvSeekerInput input = { g_ptr_array_index (numbers, 0), "Anna Åberg", "0114", NULL,
                             FALSE };

    seeker = anv_seekers_add (db, &input, &today, &error);
    g_assert_no_error (error);
  }
  shown = g_strdup_printf ("\"%.8s-%s\"", seeker->personnummer, seeker->personnummer + 8);

  for (guint p = 0; p < G_N_ELEMENTS (profiles); p++)
    {
      const char *name = anv_csv_profile_to_string (profiles[p]);
      const char *filter = profiles[p] == ANV_CSV_PROFILE_EXCEL_SV ? IMPORT_EXCEL_SV
                                                                   : IMPORT_RFC4180;
      g_autofree char *summary_name = g_strdup_printf ("summary-%s.csv", name);
      g_autofree char *seekers_name = g_strdup_printf ("seekers-%s.csv", name);
      g_autofree char *summary = g_build_filename (dir, summary_name, NULL);
      g_autofree char *seekers = g_build_filename (dir, seekers_name, NULL);
      g_autofree char *saved = NULL;
      g_autofree char *line = NULL;
      AnvExportOptions options = { ANV_EXPORT_SUMMARY, profiles[p], FALSE, &query };

      /* The summary: a municipality's code and a county's, zeros first */
      g_assert_true (anv_export_write (db, &options, summary, NULL, &error));
      g_assert_no_error (error);
      saved = open_in_calc (soffice, dir, summary, filter);
      assert_line (saved, "\"KROM\",\"2020-04\",\"municipality\",\"0114\",\"Upplands Väsby\","
                          "0,0,0,0,0,0,0,0,0"
                          ",0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0");
      assert_line (saved, "\"KROM\",\"2020-04\",\"county\",\"01\",\"Stockholms län\","
                          "0,0,0,0,0,0,0,0,0"
                          ",0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0");
      g_clear_pointer (&saved, g_free);

      /* The job seekers: the municipality code and the personnummer */
      options.kind = ANV_EXPORT_SEEKERS;
      options.full_personnummer = TRUE;
      g_assert_true (anv_export_write (db, &options, seekers, NULL, &error));
      g_assert_no_error (error);
      saved = open_in_calc (soffice, dir, seekers, filter);
      line = g_strdup_printf ("%s,\"Anna Åberg\",\"0114\",\"Upplands Väsby\",", shown);
      if (strstr (saved, line) == NULL)
        g_error ("Calc did not keep %s as text; it saved:\n%s", line, saved);
      g_test_message ("%s, as Calc saved it:\n%s", name, saved);
    }

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

/* The publish export: the suppressed cells stay text (".." is no number
 * to Calc), the note is one cell, and every line keeps its columns. */
static void
test_publish_export (void)
{
  g_autofree char *soffice = g_find_program_in_path ("soffice");
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *saved = NULL;
  g_autoptr (AnvDb) db = NULL;
  g_autoptr (GPtrArray) numbers = NULL;
  g_autoptr (AnvSeeker) seeker = NULL;
  g_autoptr (AnvReferral) referral = NULL;
  g_autoptr (GError) error = NULL;
  AnvSummaryQuery query = { "2020-04", "2020-04", ANV_SERVICE_KROM, "24" };
  AnvExportOptions options = { ANV_EXPORT_SUMMARY, ANV_CSV_PROFILE_EXCEL_SV, FALSE, &query,
                               ANV_PUBLISH_DEFAULT_THRESHOLD };
  AnvReferralInput input = { 0 };
  GDate today, decided;

  if (soffice == NULL)
    {
      g_test_skip ("LibreOffice is not installed (no soffice in PATH): the export was not "
                   "opened in Calc. ./setup.sh test installs libreoffice-calc-nogui.");
      return;
    }

  db = anv_test_open_db (&dir);
  anv_test_date (&today, 2020, 5, 6);
  anv_test_date (&decided, 2020, 4, 6);
  anv_test_approve_krom_provider (db);
  numbers = anv_test_load_personnummer ("1960", "2000", TRUE, 1);
  {
    AnvSeekerInput seeker_input = { g_ptr_array_index (numbers, 0), "Anna Åberg", "2480",
                                    NULL, FALSE };

    seeker = anv_seekers_add (db, &seeker_input, &today, &error);
    g_assert_no_error (error);
  }
  input.personnummer = seeker->personnummer;
  input.service = ANV_SERVICE_KROM;
  input.provider_orgnr = "2021002114";
  input.level = "A";
  input.choice = ANV_CHOICE_OWN;
  input.decided_on = &decided;
  referral = anv_referrals_decide (db, &input, &today, &error);
  g_assert_no_error (error);
  g_assert_true (anv_publish_close_month (db, "2020-04", NULL, &today, &error));
  g_assert_no_error (error);

  path = g_build_filename (dir, "publish.csv", NULL);
  g_assert_true (anv_export_write (db, &options, path, NULL, &error));
  g_assert_no_error (error);
  saved = open_in_calc (soffice, dir, path, IMPORT_EXCEL_SV);
  /* The line up to its status (the day it was closed is the clock's) and
   * from the note to its end */
  if (strstr (saved, "\n\"KROM\",\"2020-04\",\"municipality\",\"2480\",\"Umeå\",\"..\",\"..\","
                     "1,0,0,0,0,1,0,0,0,0,0,0,0,0,0,\"..\",\"..\",0,\"..\",\"..\",1,\"..\",\"..\","
                     "0,0,0,\"published 20") == NULL
      || strstr (saved, "\",\"Counts from 1 to 4 in the splits by sex are shown as “..” "
                        "(suppressed), and so are other splits where a suppressed count "
                        "would follow from the county’s or the country’s line; the totals "
                        "are not.\"\n") == NULL)
    g_error ("Calc did not keep Umeå’s line as written; it saved:\n%.3000s", saved);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/spreadsheet/codes-stay-text", test_codes_stay_text);
  g_test_add_func ("/spreadsheet/publish", test_publish_export);
  return g_test_run ();
}
