/* anv-cli-seekers.c — anvisa-cli seeker … and import seekers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-cli-seekers"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "anv-audit.h"
#include "anv-cli.h"
#include "anv-i18n.h"
#include "anv-seeker-import.h"
#include "anv-seekers.h"

#define SEARCH_PAGE 50

static void
print_seeker (AnvSeeker *seeker,
              gboolean   full_number)
{
  g_autofree char *number = full_number ? anv_personnummer_format (seeker->personnummer)
                                        : anv_personnummer_format_masked (seeker->personnummer);

  anv_cli_print_field (_("Personnummer:"), "%s", number);
  anv_cli_print_field (_("Name:"), "%s", seeker->name);
  anv_cli_print_field (_("Municipality:"), "%s (%s)", seeker->municipality_name,
                       seeker->municipality_code);
  if (seeker->protected_identity)
    anv_cli_print_field (_("Protected identity:"), "%s",
                         _("yes — no address is stored or shown"));
  else if (seeker->postal_code != NULL)
    anv_cli_print_field (_("Postal code:"), "%.3s %s", seeker->postal_code,
                         seeker->postal_code + 3);
  anv_cli_print_field (_("Registered:"), "%s (%s)", seeker->registered_on,
                       seeker->registered_by);
}

static int
seeker_add (AnvCli  *cli,
            int      argc,
            char   **argv)
{
  g_autofree char *personnummer = NULL;
  g_autofree char *name = NULL;
  g_autofree char *municipality = NULL;
  g_autofree char *postal_code = NULL;
  gboolean protected_identity = FALSE;
  GOptionEntry entries[] = {
    { "personnummer", 'p', 0, G_OPTION_ARG_STRING, &personnummer,
      N_("Personnummer or samordningsnummer"), "P" },
    { "name", 'n', 0, G_OPTION_ARG_STRING, &name, N_("The job seeker’s name"), N_("NAME") },
    { "municipality", 'm', 0, G_OPTION_ARG_STRING, &municipality,
      N_("Municipality code (4 digits)"), N_("CODE") },
    { "postal-code", 0, 0, G_OPTION_ARG_STRING, &postal_code,
      N_("Postal code of the home address (fills in the municipality)"), "NNNNN" },
    { "protected", 0, 0, G_OPTION_ARG_NONE, &protected_identity,
      N_("The person has protected identity (skyddade personuppgifter)"), NULL },
    { NULL }
  };
  g_autoptr (AnvDb) db = NULL;
  g_autoptr (AnvSeeker) seeker = NULL;
  g_autoptr (GError) error = NULL;
  AnvSeekerInput input = { 0 };

  if (!anv_cli_parse_options ("seeker add", "", _("Register a job seeker."), entries,
                              &argc, &argv))
    return ANV_EXIT_USAGE;
  if (personnummer == NULL || name == NULL || (municipality == NULL && postal_code == NULL)
      || argc > 1)
    return anv_cli_fail (ANV_EXIT_USAGE,
                         _("seeker add needs --personnummer, --name and --municipality or "
                           "--postal-code."));

  db = anv_cli_open_db (cli);
  if (db == NULL)
    return ANV_EXIT_REJECTED;

  input.personnummer = personnummer;
  input.name = name;
  input.municipality_code = municipality;
  input.postal_code = postal_code;
  input.protected_identity = protected_identity;

  seeker = anv_seekers_add (db, &input, &cli->today, &error);
  if (seeker == NULL)
    return anv_cli_fail_error (error);

  anv_cli_print ("%s\n", _("Registered:"));
  print_seeker (seeker, FALSE);
  return ANV_EXIT_OK;
}

static int
seeker_show (AnvCli  *cli,
             int      argc,
             char   **argv)
{
  gboolean full = FALSE;
  GOptionEntry entries[] = {
    { "full-personnummer", 0, 0, G_OPTION_ARG_NONE, &full,
      N_("Show the whole personnummer (recorded in the audit log)"), NULL },
    { NULL }
  };
  g_autoptr (AnvDb) db = NULL;
  g_autoptr (AnvSeeker) seeker = NULL;
  g_autoptr (GError) error = NULL;

  if (!anv_cli_parse_options ("seeker show", "P", _("Show a job seeker."), entries,
                              &argc, &argv))
    return ANV_EXIT_USAGE;
  if (argc != 2)
    return anv_cli_fail (ANV_EXIT_USAGE, _("seeker show needs one personnummer."));

  db = anv_cli_open_db (cli);
  if (db == NULL)
    return ANV_EXIT_REJECTED;

  /* Opened as the window opens a record: recorded in the audit log. */
  seeker = anv_seekers_open (db, argv[1], &cli->today, &error);
  if (seeker == NULL)
    return anv_cli_fail_error (error);

  if (full && !anv_seekers_record_full_display (db, seeker, &error))
    return anv_cli_fail_error (error);

  print_seeker (seeker, full);
  return ANV_EXIT_OK;
}

static int
seeker_search (AnvCli  *cli,
               int      argc,
               char   **argv)
{
  int page = 1;
  GOptionEntry entries[] = {
    { "page", 0, 0, G_OPTION_ARG_INT, &page, N_("Which page of results to show"), "N" },
    { NULL }
  };
  g_autoptr (AnvDb) db = NULL;
  g_autoptr (GPtrArray) found = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  if (!anv_cli_parse_options ("seeker search", _("TEXT"),
                              _("Find job seekers by the start of the personnummer or of any "
                                "part of the name."),
                              entries, &argc, &argv))
    return ANV_EXIT_USAGE;
  if (argc < 2 || page < 1)
    return anv_cli_fail (ANV_EXIT_USAGE, _("seeker search needs a text to search for."));

  db = anv_cli_open_db (cli);
  if (db == NULL)
    return ANV_EXIT_REJECTED;

  text = g_strjoinv (" ", argv + 1);
  found = anv_seekers_search (db, text, (guint) (page - 1) * SEARCH_PAGE, SEARCH_PAGE + 1,
                              &error);
  if (found == NULL)
    return anv_cli_fail_error (error);

  if (found->len == 0)
    {
      anv_cli_print ("%s\n", _("No job seekers found."));
      return ANV_EXIT_OK;
    }

  for (guint i = 0; i < MIN (found->len, SEARCH_PAGE); i++)
    {
      AnvSeeker *seeker = g_ptr_array_index (found, i);
      g_autofree char *masked = anv_personnummer_format_masked (seeker->personnummer);

      g_autofree char *name = anv_cli_pad (seeker->protected_identity ? _("Protected identity")
                                                                      : seeker->name, 32, FALSE);

      anv_cli_print ("%s  %s  %s\n", masked, name, seeker->municipality_name);
    }
  if (found->len > SEARCH_PAGE)
    anv_cli_print (_("More job seekers match: add --page %d, or type more.\n"), page + 1);
  return ANV_EXIT_OK;
}

int
anv_cli_seeker (AnvCli  *cli,
                int      argc,
                char   **argv)
{
  if (argc >= 2 && strcmp (argv[1], "add") == 0)
    return seeker_add (cli, argc - 1, argv + 1);
  if (argc >= 2 && strcmp (argv[1], "show") == 0)
    return seeker_show (cli, argc - 1, argv + 1);
  if (argc >= 2 && strcmp (argv[1], "search") == 0)
    return seeker_search (cli, argc - 1, argv + 1);

  return anv_cli_fail (ANV_EXIT_USAGE,
                       _("Use “seeker add”, “seeker show” or “seeker search”; "
                         "“anvisa-cli --help” tells more."));
}

/* import seekers FILE */

int
anv_cli_import_seekers (AnvCli  *cli,
                        int      argc,
                        char   **argv)
{
  g_autofree char *count = NULL;
  guint64 stored = 0;
  int status;

  if (!anv_cli_parse_options ("import seekers", _("FILE"),
                              _("Register job seekers from a CSV file: all of them, or none "
                                "if any row is wrong."),
                              NULL, &argc, &argv))
    return ANV_EXIT_USAGE;
  if (argc != 2)
    return anv_cli_fail (ANV_EXIT_USAGE, _("Use “import seekers FILE”."));

  status = anv_cli_run_import (cli, anv_seekers_import, argv[1], &stored);
  if (status != ANV_EXIT_OK)
    return status;

  count = anv_format_count (stored);
  anv_cli_print (g_dngettext (GETTEXT_PACKAGE, "Imported %s job seeker.\n",
                              "Imported %s job seekers.\n", (gulong) MIN (stored, G_MAXULONG)),
                 count);
  return ANV_EXIT_OK;
}
