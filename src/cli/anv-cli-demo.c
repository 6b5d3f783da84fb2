/* anv-cli-demo.c — anvisa-cli demo and generate
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-cli-demo"

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "anv-approvals.h"
#include "anv-cli.h"
#include "anv-delivery-areas.h"
#include "anv-demo.h"
#include "anv-i18n.h"
#include "anv-generate.h"
#include "anv-providers.h"
#include "anv-seekers.h"
#include "anv-summary.h"

/* Seconds since @start, a monotonic time. */
static double
seconds_since (gint64 start)
{
  return (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
}

/* The demo's referrals by service (KROM, then STOM), from the national
 * rows of its summary: how many were decided, in which months. */
typedef struct
{
  guint64 decided;
  char    first[8];    /* YYYY-MM, "" if none */
  char    last[8];
} Decided;

/* Every referral the demo decided, from its first month to its last, and
 * April's story: the KROM row of ANV_DEMO_STORY_MONTH into @out_story. */
static gboolean
count_decided (AnvDb          *db,
               Decided         out[2],
               AnvSummaryRow  *out_story,
               GError        **error)
{
  AnvSummaryQuery query = { ANV_DEMO_FIRST_MONTH, ANV_DEMO_LAST_MONTH, ANV_SERVICE_NONE, NULL };
  g_autoptr (GArray) rows = anv_summary_read (db, &query, error);

  if (rows == NULL)
    return FALSE;
  memset (out, 0, 2 * sizeof *out);
  memset (out_story, 0, sizeof *out_story);
  for (guint i = 0; i < rows->len; i++)
    {
      const AnvSummaryRow *row = &g_array_index (rows, AnvSummaryRow, i);
      guint64 decided = (guint64) row->decided_women + row->decided_men;
      Decided *d = &out[row->service == ANV_SERVICE_KROM ? 0 : 1];

      if (row->level != ANV_SUMMARY_NATIONAL)
        continue;
      if (row->service == ANV_SERVICE_KROM && strcmp (row->month, ANV_DEMO_STORY_MONTH) == 0)
        *out_story = *row;
      if (decided == 0)
        continue;
      d->decided += decided;
      if (d->first[0] == '\0')
        g_strlcpy (d->first, row->month, sizeof d->first);
      g_strlcpy (d->last, row->month, sizeof d->last);
    }
  return TRUE;
}

static void
end_progress (gboolean progress_shown)
{
  if (progress_shown)
    g_printerr ("\n");
}

static int
print_demo (AnvDb  *db,
            double  seconds)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) providers = NULL;
  g_autoptr (GPtrArray) areas = NULL;
  g_autoptr (GPtrArray) approvals = NULL;
  g_autofree char *seekers_text = NULL;
  g_autofree char *total_text = NULL;
  g_autofree char *krom_text = NULL;
  g_autofree char *stom_text = NULL;
  g_autofree char *story_text = NULL;
  g_autofree char *story_active_text = NULL;
  Decided decided[2];
  AnvSummaryRow story;
  guint64 total, story_decided;
  gint64 seekers;

  seekers = anv_seekers_count (db, &error);
  if (error == NULL)
    providers = anv_providers_list (db, &error);
  if (providers != NULL)
    areas = anv_areas_list (db, &error);
  if (areas != NULL)
    approvals = anv_approvals_list (db, &error);
  if (approvals == NULL || !count_decided (db, decided, &story, &error))
    return anv_cli_fail_error (error);

  total = decided[0].decided + decided[1].decided;
  story_decided = (guint64) story.decided_women + story.decided_men;
  /* Grouped as every count Anvisa prints ("83 809") */
  seekers_text = anv_format_count ((guint64) MAX (seekers, 0));
  total_text = anv_format_count (total);
  krom_text = anv_format_count (decided[0].decided);
  stom_text = anv_format_count (decided[1].decided);
  story_text = g_strdup_printf ("%" G_GUINT64_FORMAT, story_decided);
  story_active_text = g_strdup_printf ("%u", story.active_end);

  /* Translators: %.1f is a number of seconds */
  anv_cli_print (_("Loaded the demo data for 2020 in %.1f s:\n"), seconds);
  anv_cli_print ("  ");
  anv_cli_print (g_dngettext (GETTEXT_PACKAGE,
                              /* Translators: %s is a number */
                              "%s job seeker\n", "%s job seekers\n",
                              (gulong) MAX (seekers, 0)),
                 seekers_text);
  anv_cli_print ("  ");
  anv_cli_print (g_dngettext (GETTEXT_PACKAGE,
                              /* Translators: %1$u providers, %2$u areas, %3$u approvals */
                              "%1$u provider in %2$u delivery areas, %3$u approvals\n",
                              "%1$u providers in %2$u delivery areas, %3$u approvals\n",
                              providers->len),
                 providers->len, areas->len, approvals->len);
  anv_cli_print ("  ");
  anv_cli_print (g_dngettext (GETTEXT_PACKAGE,
                              /* Translators: %s is a number; the lines below split them
                               * by service */
                              "%s referral in all:\n", "%s referrals in all:\n",
                              (gulong) MIN (total, G_MAXLONG)),
                 total_text);
  anv_cli_print ("    ");
  anv_cli_print (g_dngettext (GETTEXT_PACKAGE,
                              /* Translators: %1$s is a number, %2$s and %3$s months
                               * (YYYY-MM) */
                              "%1$s to Stöd och matchning (STOM), decided from %2$s to %3$s\n",
                              "%1$s to Stöd och matchning (STOM), decided from %2$s to %3$s\n",
                              (gulong) MIN (decided[1].decided, G_MAXLONG)),
                 stom_text, decided[1].first, decided[1].last);
  anv_cli_print ("    ");
  anv_cli_print (g_dngettext (GETTEXT_PACKAGE,
                              /* Translators: %1$s is a number, %2$s and %3$s months
                               * (YYYY-MM) */
                              "%1$s to Rusta och matcha (KROM), decided from %2$s to %3$s\n",
                              "%1$s to Rusta och matcha (KROM), decided from %2$s to %3$s\n",
                              (gulong) MIN (decided[0].decided, G_MAXLONG)),
                 krom_text, decided[0].first, decided[0].last);
  anv_cli_print ("  ");
  anv_cli_print (g_dngettext (GETTEXT_PACKAGE,
                              /* Translators: %1$s is a month (YYYY-MM), %2$s and %3$s
                               * numbers; the story is the one the demo's articles tell */
                              "The story, %1$s: %2$s referral to Rusta och matcha in the "
                              "pilot, %3$s active at the month’s end\n",
                              "The story, %1$s: %2$s referrals to Rusta och matcha in the "
                              "pilot, %3$s active at the month’s end\n",
                              (gulong) MIN (story_decided, G_MAXLONG)),
                 ANV_DEMO_STORY_MONTH, story_text, story_active_text);
  anv_cli_print ("%s\n", _("Try: anvisa-cli summary --service KROM --from 2020-04 --to 2020-04"));
  return ANV_EXIT_OK;
}

int
anv_cli_demo (AnvCli  *cli,
              int      argc,
              char   **argv)
{
  g_autoptr (AnvDb) db = NULL;
  g_autoptr (GError) error = NULL;
  gboolean progress_shown = FALSE;
  gint64 start;

  if (!anv_cli_parse_options ("demo", "",
                              _("Fill a new, empty database with demo data for 2020: "
                                "providers, job seekers (Skatteverket’s test personnummer) "
                                "and their referrals."),
                              NULL, &argc, &argv))
    return ANV_EXIT_USAGE;
  if (argc != 1)
    return anv_cli_fail (ANV_EXIT_USAGE, _("demo takes no arguments."));

  db = anv_cli_open_db (cli);
  if (db == NULL)
    return ANV_EXIT_REJECTED;

  start = g_get_monotonic_time ();
  if (!anv_demo_load (db, isatty (STDERR_FILENO) ? anv_cli_print_progress : NULL,
                      &progress_shown, &error))
    {
      end_progress (progress_shown);
      return anv_cli_fail_error (error);
    }
  end_progress (progress_shown);
  return print_demo (db, seconds_since (start));
}

int
anv_cli_generate (AnvCli  *cli,
                  int      argc,
                  char   **argv)
{
  gint64 n_referrals = 0;
  GOptionEntry entries[] = {
    { "referrals", 'n', 0, G_OPTION_ARG_INT64, &n_referrals,
      N_("How many referrals to create"), "N" },
    { NULL }
  };
  g_autoptr (AnvDb) db = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *count = NULL;
  g_autofree char *seekers_text = NULL;
  gboolean progress_shown = FALSE;
  gint64 start, seekers;

  if (!anv_cli_parse_options ("generate", "",
                              _("Fill a new, empty database with a large number of "
                                "referrals from 2014 to 2026, for benchmarks."),
                              entries, &argc, &argv))
    return ANV_EXIT_USAGE;
  if (argc != 1 || n_referrals <= 0)
    return anv_cli_fail (ANV_EXIT_USAGE,
                         _("generate needs --referrals N, a number above zero."));

  db = anv_cli_open_db (cli);
  if (db == NULL)
    return ANV_EXIT_REJECTED;

  start = g_get_monotonic_time ();
  if (!anv_generate (db, (guint64) n_referrals,
                     isatty (STDERR_FILENO) ? anv_cli_print_progress : NULL,
                     &progress_shown, &error))
    {
      end_progress (progress_shown);
      return anv_cli_fail_error (error);
    }
  end_progress (progress_shown);

  seekers = anv_seekers_count (db, &error);
  if (error != NULL)
    return anv_cli_fail_error (error);
  count = g_strdup_printf ("%" G_GINT64_FORMAT, n_referrals);
  seekers_text = g_strdup_printf ("%" G_GINT64_FORMAT, seekers);
  anv_cli_print (g_dngettext (GETTEXT_PACKAGE,
                              /* Translators: %1$s referrals, %2$s job seekers, %3$.1f
                               * seconds */
                              "Created %1$s referral for %2$s job seekers in %3$.1f s.\n",
                              "Created %1$s referrals for %2$s job seekers in %3$.1f s.\n",
                              (gulong) MIN (n_referrals, G_MAXLONG)),
                 count, seekers_text, seconds_since (start));
  return ANV_EXIT_OK;
}
