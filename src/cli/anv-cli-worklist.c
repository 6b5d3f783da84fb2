/* anv-cli-worklist.c — anvisa-cli worklist: the officer's work list (Att göra)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-cli-worklist"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "anv-cli.h"
#include "anv-csv-writer.h"
#include "anv-date.h"
#include "anv-i18n.h"
#include "anv-personnummer.h"
#include "anv-text.h"
#include "anv-worklist.h"

static const char *
shown_name (const AnvWorklistItem *item)
{
  return item->name != NULL ? item->name : _("Protected identity");
}

static void
print_counts (const AnvWorklist *worklist)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  for (guint c = 0; c < ANV_WORKLIST_N_CATEGORIES; c++)
    {
      GStrv row = g_new0 (char *, 4);

      row[0] = g_strdup (anv_worklist_category_title (c));
      row[1] = anv_format_count (worklist->counts[c]);
      row[2] = g_strdup (anv_worklist_category_action_label (c));
      g_ptr_array_add (rows, row);
    }
  {
    GStrv row = g_new0 (char *, 4);

    /* Translators: the last line of the work list's counts */
    row[0] = g_strdup (_("Total"));
    row[1] = anv_format_count (anv_worklist_get_total (worklist));
    row[2] = g_strdup ("");
    g_ptr_array_add (rows, row);
  }
  anv_cli_print_table (rows, 3, 2);
}

static void
print_category (const AnvWorklist   *worklist,
                AnvWorklistCategory  category)
{
  GPtrArray *items = worklist->items[category];
  gboolean leaving = category == ANV_WORKLIST_PROVIDER_LEAVING;
  guint n_columns = leaving ? 8 : 7;
  g_autoptr (GPtrArray) rows = NULL;
  g_autofree char *count = anv_format_count (worklist->counts[category]);

  anv_cli_print ("\n%s (%s): %s\n", anv_worklist_category_title (category), count,
                 anv_worklist_category_action_label (category));
  if (items->len == 0)
    return;

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  {
    GStrv row = g_new0 (char *, n_columns + 1);

    /* Translators: column headings of the work list; keep them short */
    row[0] = g_strdup (C_("worklist heading", "Date"));
    row[1] = g_strdup (C_("worklist heading", "Days"));
    row[2] = g_strdup (C_("worklist heading", "Personnummer"));
    row[3] = g_strdup (C_("worklist heading", "Name"));
    row[4] = g_strdup (C_("worklist heading", "Service"));
    row[5] = g_strdup (C_("worklist heading", "Municipality"));
    row[6] = g_strdup (C_("worklist heading", "Referral"));
    if (leaving)
      row[7] = g_strdup (C_("worklist heading", "Provider"));
    g_ptr_array_add (rows, row);
  }
  for (guint i = 0; i < items->len; i++)
    {
      const AnvWorklistItem *item = g_ptr_array_index (items, i);
      GStrv row = g_new0 (char *, n_columns + 1);

      row[0] = g_strdup (item->due_on);
      row[1] = g_strdup_printf ("%d", item->days_past);
      row[2] = anv_personnummer_format_masked (item->personnummer);
      row[3] = g_strdup (shown_name (item));
      row[4] = g_strdup (anv_service_code (item->service));
      row[5] = g_strdup (item->municipality_name);
      row[6] = g_strdup_printf ("%" G_GINT64_FORMAT, item->referral_id);
      if (leaving)
        row[7] = g_strdup (item->provider_name);
      g_ptr_array_add (rows, row);
    }
  anv_cli_print_table (rows, n_columns, 2);
}

static int
print_csv (const AnvWorklist *worklist)
{
  g_autoptr (AnvCsvWriter) writer = anv_csv_writer_new_for_file (stdout,
                                                                 ANV_CSV_PROFILE_EXCEL_SV);
  g_autoptr (GError) error = NULL;
  /* Translated, as the exports' headings are; the first column keeps
   * the category's code (overdue, start-overdue, provider-leaving,
   * period-ending) for programs, the second its name for people. */
  const char *const headings[] = {
    /* Translators: a column of the work list's CSV: overdue, period-ending… as they are */
    C_("worklist heading", "Category code"),
    /* Translators: a column of the work list's CSV: the category's name */
    C_("worklist heading", "Category"),
    C_("worklist heading", "Date"),
    C_("worklist heading", "Days"),
    C_("worklist heading", "Personnummer"),
    C_("worklist heading", "Name"),
    C_("worklist heading", "Service"),
    _("Municipality code"),
    C_("worklist heading", "Municipality"),
    C_("worklist heading", "Referral"),
    C_("worklist heading", "Provider"),
  };

  for (guint h = 0; h < G_N_ELEMENTS (headings); h++)
    anv_csv_writer_add_text (writer, headings[h]);
  if (!anv_csv_writer_end_row (writer, &error))
    return anv_cli_fail_error (error);

  for (guint c = 0; c < ANV_WORKLIST_N_CATEGORIES; c++)
    for (guint i = 0; i < worklist->items[c]->len; i++)
      {
        const AnvWorklistItem *item = g_ptr_array_index (worklist->items[c], i);
        g_autofree char *masked = anv_personnummer_format_masked (item->personnummer);

        anv_csv_writer_add_text (writer, anv_worklist_category_code (c));
        anv_csv_writer_add_text (writer, anv_worklist_category_title (c));
        anv_csv_writer_add_date (writer, item->due_on);
        anv_csv_writer_add_number (writer, item->days_past);
        anv_csv_writer_add_text (writer, masked);
        anv_csv_writer_add_text (writer, shown_name (item));
        anv_csv_writer_add_text (writer, anv_service_code (item->service));
        anv_csv_writer_add_code (writer, item->municipality_code);
        anv_csv_writer_add_text (writer, item->municipality_name);
        anv_csv_writer_add_number (writer, item->referral_id);
        anv_csv_writer_add_text (writer, item->provider_name);
        if (!anv_csv_writer_end_row (writer, &error))
          return anv_cli_fail_error (error);
      }
  if (!anv_csv_writer_flush (writer, &error))
    return anv_cli_fail_error (error);
  return ANV_EXIT_OK;
}

int
anv_cli_worklist (AnvCli  *cli,
                  int      argc,
                  char   **argv)
{
  g_autofree char *officer = NULL;
  g_autofree char *date_text = NULL;
  g_autofree char *format = NULL;
  GOptionEntry entries[] = {
    { "officer", 'o', 0, G_OPTION_ARG_STRING, &officer,
      N_("Only the referrals this user decided (default: everyone’s)"), N_("USER") },
    { "date", 'd', 0, G_OPTION_ARG_STRING, &date_text,
      N_("The day to list the work of (default: today)"), N_("DATE") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format,
      N_("table (default) or csv: headings and categories in your language, the first "
         "column the category’s code for programs (overdue, start-overdue, "
         "provider-leaving, period-ending)"),
      N_("FORMAT") },
    { NULL }
  };
  g_autoptr (AnvDb) db = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvWorklist) worklist = NULL;
  char day[11];
  GDate date = cli->today;

  if (!anv_cli_parse_options ("worklist", "",
                              _("What needs doing: referrals past their period’s last day, "
                                "starts not reported, providers whose approval ends within 14 "
                                "days, and periods that end within 14 days."),
                              entries, &argc, &argv))
    return ANV_EXIT_USAGE;
  if (argc != 1 || (format != NULL && strcmp (format, "table") != 0
                    && strcmp (format, "csv") != 0))
    return anv_cli_fail (ANV_EXIT_USAGE, _("worklist takes --format table or --format csv."));
  if (date_text != NULL && !anv_cli_parse_date ("--date", date_text, &date, &error))
    return anv_cli_fail_error (error);
  if (officer != NULL && *officer == '\0')
    return anv_cli_fail (ANV_EXIT_USAGE, _("--officer needs a user name."));

  db = anv_cli_open_db (cli);
  if (db == NULL)
    return ANV_EXIT_REJECTED;
  worklist = anv_worklist_read (db, &date, officer, 0, &error);
  if (worklist == NULL)
    return anv_cli_fail_error (error);

  if (format != NULL && strcmp (format, "csv") == 0)
    return print_csv (worklist);

  anv_date_format (&date, day);
  if (officer != NULL)
    {
      g_autofree char *quoted = anv_text_quote (officer);

      /* Translators: %1$s is a date (YYYY-MM-DD), %2$s a user name */
      anv_cli_print (_("Work list on %1$s, referrals decided by %2$s:\n"), day, quoted);
    }
  else
    /* Translators: %s is a date (YYYY-MM-DD) */
    anv_cli_print (_("Work list on %s, everyone’s referrals:\n"), day);
  print_counts (worklist);
  for (guint c = 0; c < ANV_WORKLIST_N_CATEGORIES; c++)
    print_category (worklist, c);
  anv_cli_print ("\n%s\n", _("Days: since the date (negative: days left). Each person’s "
                             "name is hidden when their identity is protected."));
  return ANV_EXIT_OK;
}
