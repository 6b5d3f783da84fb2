/* test-i18n.c — numbers and words in the person's language
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-test-i18n"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "anv-i18n.h"
#include "anv-date.h"
#include "anv-test-util.h"

static const struct
{
  guint64     n;
  const char *english;
  const char *swedish;    /* groups apart by a no-break space */
} counts[] = {
  { 0, "0", "0" },
  { 7, "7", "7" },
  { 999, "999", "999" },
  { 1000, "1,000", "1\u00a0000" },
  { 2060, "2,060", "2\u00a0060" },
  { 12199, "12,199", "12\u00a0199" },
  { 100000, "100,000", "100\u00a0000" },
  { 1000000, "1,000,000", "1\u00a0000\u00a0000" },
  { G_MAXUINT64, "18,446,744,073,709,551,615",
    "18\u00a0446\u00a0744\u00a0073\u00a0709\u00a0551\u00a0615" },
};

static void
check_counts (gboolean swedish)
{
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      g_autofree char *text = anv_format_count (counts[i].n);

      g_assert_cmpstr (text, ==, swedish ? counts[i].swedish : counts[i].english);
    }
}

static void
test_counts (void)
{
  anv_test_set_language ("sv");
  check_counts (TRUE);
  anv_test_set_language ("en");
  check_counts (FALSE);
}

/* Every placeholder of a date or month in the windows is translated: in
 * Swedish it reads ÅÅÅÅ-MM-DD, not YYYY-MM-DD. */
static void
test_placeholders (void)
{
  g_autofree char *ui_dir = g_test_build_filename (G_TEST_DIST, "..", "ui", NULL);
  g_autoptr (GDir) dir = g_dir_open (ui_dir, 0, NULL);
  g_autoptr (GRegex) property = g_regex_new ("<property name=\"placeholder-text\"([^>]*)>"
                                            "([^<]*)</property>", 0, 0, NULL);
  const char *name;
  guint n_dates = 0;

  g_assert_nonnull (dir);
  anv_test_set_language ("sv");
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *contents = NULL;
      g_autoptr (GMatchInfo) info = NULL;

      if (!g_str_has_suffix (name, ".ui"))
        continue;
      path = g_build_filename (ui_dir, name, NULL);
      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      g_regex_match (property, contents, 0, &info);
      for (; g_match_info_matches (info); g_match_info_next (info, NULL))
        {
          g_autofree char *attributes = g_match_info_fetch (info, 1);
          g_autofree char *text = g_match_info_fetch (info, 2);

          if (strstr (text, "YYYY") == NULL)
            continue;
          n_dates++;
          if (strstr (attributes, "translatable=\"yes\"") == NULL)
            g_error ("%s: the placeholder %s is not marked translatable", name, text);
          g_assert_null (strstr (g_dgettext (GETTEXT_PACKAGE, text), "YYYY"));
          g_assert_nonnull (strstr (g_dgettext (GETTEXT_PACKAGE, text), "ÅÅÅÅ"));
        }
    }
  /* The date entry's own (every dialog's date fields use it) and the pages' */
  g_assert_cmpuint (n_dates, >=, 5);

  /* And where a message names the form */
  g_assert_nonnull (strstr (_("“%s” is not a date: write it as YYYY-MM-DD, for example "
                              "2020-04-15."), "ÅÅÅÅ-MM-DD"));
  g_assert_nonnull (strstr (_("“%s” is not a month: write it as YYYY-MM, for example 2020-04."),
                            "ÅÅÅÅ-MM"));
  anv_test_set_language ("en");
}

/* One word for one thing in the Swedish window: the whole country is
 * "riket" in the summary's filter, its line and the map. */
static void
test_one_word (void)
{
  anv_test_set_language ("sv");
  g_assert_cmpstr (_("Whole country"), ==, "Riket");
  g_assert_cmpstr (g_dpgettext2 (GETTEXT_PACKAGE, "county", "Whole country"), ==,
                   "Hela riket");
  g_assert_nonnull (strstr (g_dpgettext2 (GETTEXT_PACKAGE, "shortcut window",
                                          "Back to the whole country"), "hela riket"));
  g_assert_nonnull (strstr (_("Show the whole country again (Escape)"), "hela riket"));
  g_assert_cmpstr (_("_All of Sweden"), ==, "_Hela riket");
  anv_test_set_language ("en");
}

/* One way to say a date, in every dialog, message and chart. */
static void
test_dates (void)
{
  GDate date;
  g_autofree char *en_long = NULL;
  g_autofree char *sv_long = NULL;
  g_autofree char *sv_month = NULL;
  g_autofree char *sv_short = NULL;
  g_autofree char *not_iso = NULL;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 6, G_DATE_APRIL, 2020);

  anv_test_set_language ("en");
  en_long = anv_date_format_long (&date);
  g_assert_cmpstr (en_long, ==, "April 6, 2020");
  g_assert_cmpstr (anv_date_month_name (12, TRUE), ==, "Dec");

  anv_test_set_language ("sv");
  sv_long = anv_date_format_long_iso ("2020-04-06");
  g_assert_cmpstr (sv_long, ==, "6 april 2020");
  sv_month = anv_date_format_month ("2020-05", FALSE);
  g_assert_cmpstr (sv_month, ==, "maj 2020");
  sv_short = anv_date_format_month ("2019-10", TRUE);
  g_assert_cmpstr (sv_short, ==, "okt 2019");
  not_iso = anv_date_format_long_iso ("2020-13-01");
  g_assert_cmpstr (not_iso, ==, "2020-13-01");

  anv_test_set_language ("en");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  anv_i18n_init ();

  g_test_add_func ("/i18n/counts", test_counts);
  g_test_add_func ("/i18n/placeholders", test_placeholders);
  g_test_add_func ("/i18n/one-word", test_one_word);
  g_test_add_func ("/i18n/dates", test_dates);
  return g_test_run ();
}
