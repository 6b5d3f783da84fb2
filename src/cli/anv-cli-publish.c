/* anv-cli-publish.c — anvisa-cli publish close|list|revisions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-cli-publish"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "anv-cli.h"
#include "anv-i18n.h"
#include "anv-publish.h"
#include "anv-text.h"

static int
publish_close (AnvCli  *cli,
               int      argc,
               char   **argv)
{
  g_autofree char *note = NULL;
  GOptionEntry entries[] = {
    { "note", 0, 0, G_OPTION_ARG_STRING, &note,
      N_("A note kept with the closed month (one line)"), N_("TEXT") },
    { NULL }
  };
  g_autoptr (AnvDb) db = NULL;
  g_autoptr (GError) error = NULL;

  if (!anv_cli_parse_options ("publish close", "YYYY-MM",
                              _("Close an ended month of the summary: its figures are kept "
                                "as published, and a later change of them is shown as a "
                                "revision."),
                              entries, &argc, &argv))
    return ANV_EXIT_USAGE;
  if (argc != 2)
    return anv_cli_fail (ANV_EXIT_USAGE,
                         _("publish close needs the month to close, as YYYY-MM."));
  if (!anv_summary_parse_month (argv[1], &error))
    return anv_cli_fail (ANV_EXIT_USAGE, error->message);

  db = anv_cli_open_db (cli);
  if (db == NULL)
    return ANV_EXIT_REJECTED;
  if (!anv_publish_close_month (db, argv[1], note, &cli->today, &error))
    return anv_cli_fail_error (error);
  /* Translators: %s is a month, YYYY-MM */
  anv_cli_print (_("%s is closed: its figures are kept as published.\n"), argv[1]);
  return ANV_EXIT_OK;
}

static int
publish_list (AnvCli  *cli,
              int      argc,
              char   **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr (AnvDb) db = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) months = NULL;
  g_autoptr (GPtrArray) table = NULL;

  if (!anv_cli_parse_options ("publish list", "",
                              _("List the closed (published) months of the summary."),
                              entries, &argc, &argv))
    return ANV_EXIT_USAGE;
  if (argc != 1)
    return anv_cli_fail (ANV_EXIT_USAGE, _("publish list takes no arguments."));

  db = anv_cli_open_db (cli);
  if (db == NULL)
    return ANV_EXIT_REJECTED;
  months = anv_publish_list (db, &error);
  if (months == NULL)
    return anv_cli_fail_error (error);
  if (months->len == 0)
    {
      anv_cli_print ("%s\n", _("No month is closed yet."));
      return ANV_EXIT_OK;
    }

  table = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_ptr_array_add (table, g_strdupv ((char *[]) { _("Month"), _("Closed"), _("By"),
                                                  _("Revisions"), _("Note"), NULL }));
  for (guint i = 0; i < months->len; i++)
    {
      const AnvPublishedMonth *m = g_ptr_array_index (months, i);
      char **row = g_new0 (char *, 6);

      row[0] = g_strdup (m->month);
      row[1] = anv_publish_format_time (m->closed_at, FALSE);
      row[2] = g_strdup (m->closed_by);
      row[3] = anv_format_count (m->revisions);
      row[4] = m->note ? anv_text_quote (m->note) : g_strdup ("");
      g_ptr_array_add (table, row);
    }
  anv_cli_print_table (table, 5, 2);
  return ANV_EXIT_OK;
}

static int
publish_revisions (AnvCli  *cli,
                   int      argc,
                   char   **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr (AnvDb) db = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) revisions = NULL;
  const char *month = NULL;

  if (!anv_cli_parse_options ("publish revisions", "[YYYY-MM]",
                              _("List the changes of published figures: which figure, from "
                                "what to what, when, by whom and why."),
                              entries, &argc, &argv))
    return ANV_EXIT_USAGE;
  if (argc > 2)
    return anv_cli_fail (ANV_EXIT_USAGE,
                         _("publish revisions takes at most one month, as YYYY-MM."));
  if (argc == 2)
    {
      month = argv[1];
      if (!anv_summary_parse_month (month, &error))
        return anv_cli_fail (ANV_EXIT_USAGE, error->message);
    }

  db = anv_cli_open_db (cli);
  if (db == NULL)
    return ANV_EXIT_REJECTED;
  revisions = anv_publish_revisions (db, month, &error);
  if (revisions == NULL)
    return anv_cli_fail_error (error);
  if (revisions->len == 0)
    {
      anv_cli_print ("%s\n", month ? _("No published figure of that month has changed.")
                                   : _("No published figure has changed."));
      return ANV_EXIT_OK;
    }
  for (guint i = 0; i < revisions->len; i++)
    {
      g_autofree char *line = anv_publish_describe_revision (db,
                                                             g_ptr_array_index (revisions, i));

      anv_cli_print ("%s\n", line);
    }
  return ANV_EXIT_OK;
}

int
anv_cli_publish (AnvCli  *cli,
                 int      argc,
                 char   **argv)
{
  if (argc >= 2 && strcmp (argv[1], "close") == 0)
    return publish_close (cli, argc - 1, argv + 1);
  if (argc >= 2 && strcmp (argv[1], "list") == 0)
    return publish_list (cli, argc - 1, argv + 1);
  if (argc >= 2 && strcmp (argv[1], "revisions") == 0)
    return publish_revisions (cli, argc - 1, argv + 1);
  return anv_cli_fail (ANV_EXIT_USAGE,
                       _("Use “publish close YYYY-MM”, “publish list” or “publish revisions "
                         "[YYYY-MM]”."));
}
