/* anv-cli-staff.c — anvisa-cli unit … and user …: units and logins on a shared server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-cli-staff"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "anv-cli.h"
#include "anv-municipalities.h"
#include "anv-password.h"
#include "anv-staff.h"

/* Opens the database when it is a server's; a file is refused before it
 * is opened (or made), since its one user holds every role. */
static AnvDb *
open_server (AnvCli *cli)
{
  g_autofree char *path = cli->database_path != NULL ? g_strdup (cli->database_path)
                                                     : anv_db_default_path ();

  if (!anv_db_is_server_address (path))
    {
      anv_cli_fail (ANV_EXIT_REJECTED,
                    _("Users and units belong to a shared database on a server (name it with "
                      "--database postgresql://SERVER/DATABASE, or service=NAME). On a "
                      "database file on this computer, whoever opens it holds every role, so "
                      "there are no users or units to manage."));
      return NULL;
    }
  return anv_cli_open_db (cli);
}

static char *
describe_municipality (AnvDb      *db,
                       const char *code)
{
  const AnvMunicipality *municipality = anv_municipalities_lookup (db, code, NULL);

  return g_strdup_printf ("%s (%s)", municipality ? municipality->short_name : "?", code);
}

static void
add_row (GPtrArray *rows,
         ...)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  va_list args;
  const char *text;

  va_start (args, rows);
  while ((text = va_arg (args, const char *)) != NULL)
    g_strv_builder_add (builder, text);
  va_end (args);
  g_ptr_array_add (rows, g_strv_builder_end (builder));
}

/* unit add NAME --municipalities CODE,… */
static int
unit_add (AnvCli  *cli,
          int      argc,
          char   **argv)
{
  g_autofree char *codes_text = NULL;
  GOptionEntry entries[] = {
    { "municipalities", 'm', 0, G_OPTION_ARG_STRING, &codes_text,
      N_("Municipality codes, separated by commas"), N_("CODE,…") },
    { NULL }
  };
  g_autoptr (AnvDb) db = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) codes = NULL;

  if (!anv_cli_parse_options ("unit add", _("NAME"),
                              _("Add a unit (kontor) on a server: the municipalities whose job "
                                "seekers its staff work with."),
                              entries, &argc, &argv))
    return ANV_EXIT_USAGE;
  if (argc != 2 || codes_text == NULL)
    return anv_cli_fail (ANV_EXIT_USAGE, _("unit add needs a NAME and --municipalities."));

  db = open_server (cli);
  if (db == NULL)
    return ANV_EXIT_REJECTED;
  codes = g_strsplit (codes_text, ",", -1);
  if (!anv_units_add (db, argv[1], (const char * const *) codes, &error))
    return anv_cli_fail_error (error);

  /* Translators: %s is the name of a unit (kontor) */
  anv_cli_print (_("Added the unit %s.\n"), g_strstrip (argv[1]));
  return ANV_EXIT_OK;
}

static int
unit_list (AnvCli  *cli,
           int      argc,
           char   **argv)
{
  g_autoptr (AnvDb) db = NULL;
  g_autoptr (GPtrArray) units = NULL;
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr (GError) error = NULL;

  if (!anv_cli_parse_options ("unit list", "", _("List the units (kontor) on a server."), NULL,
                              &argc, &argv))
    return ANV_EXIT_USAGE;
  if (argc != 1)
    return anv_cli_fail (ANV_EXIT_USAGE, _("unit list takes no arguments."));

  db = open_server (cli);
  if (db == NULL)
    return ANV_EXIT_REJECTED;
  units = anv_units_list (db, &error);
  if (units == NULL)
    return anv_cli_fail_error (error);
  if (units->len == 0)
    {
      anv_cli_print ("%s\n", _("There are no units. Add one with “unit add”."));
      return ANV_EXIT_OK;
    }

  add_row (rows, _("Unit"), _("Municipalities"), NULL);
  for (guint i = 0; i < units->len; i++)
    {
      AnvUnit *unit = g_ptr_array_index (units, i);
      g_autoptr (GString) places = g_string_new (NULL);

      for (guint j = 0; unit->municipality_codes[j] != NULL; j++)
        {
          g_autofree char *place = describe_municipality (db, unit->municipality_codes[j]);

          if (j > 0)
            g_string_append (places, ", ");
          g_string_append (places, place);
        }
      add_row (rows, unit->name, places->str, NULL);
    }
  anv_cli_print_table (rows, 2, 2);
  return ANV_EXIT_OK;
}

int
anv_cli_unit (AnvCli  *cli,
              int      argc,
              char   **argv)
{
  if (argc >= 2 && strcmp (argv[1], "add") == 0)
    return unit_add (cli, argc - 1, argv + 1);
  if (argc >= 2 && strcmp (argv[1], "list") == 0)
    return unit_list (cli, argc - 1, argv + 1);
  return anv_cli_fail (ANV_EXIT_USAGE, _("Use “unit add” or “unit list”."));
}

/* user add LOGIN --role ROLE [--unit NAME] [--name "FULL NAME"] [--password] */
static int
user_add (AnvCli  *cli,
          int      argc,
          char   **argv)
{
  g_autofree char *role_text = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *name = NULL;
  gboolean with_password = FALSE;
  GOptionEntry entries[] = {
    { "role", 'r', 0, G_OPTION_ARG_STRING, &role_text,
      N_("handlaggare, chef, analytiker, skyddade or administrator"), N_("ROLE") },
    { "unit", 'u', 0, G_OPTION_ARG_STRING, &unit,
      N_("The person’s unit (kontor); without it, the whole country"), N_("NAME") },
    { "name", 'n', 0, G_OPTION_ARG_STRING, &name,
      N_("The person’s name, which the window shows beside the role"), N_("FULL-NAME") },
    { "password", 'p', 0, G_OPTION_ARG_NONE, &with_password,
      N_("Give the login a first password, asked for (or read from standard input); the "
         "person then sets their own with “anvisa-cli password”"), NULL },
    { NULL }
  };
  g_autoptr (AnvDb) db = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *prompt = NULL;
  char *password = NULL;
  AnvRole role;
  gboolean ok;

  if (!anv_cli_parse_options ("user add", _("LOGIN"),
                              _("Create a person’s login on the server as a member of their "
                                "role, without a password (or with a first one, --password): "
                                "the person sets their own with “anvisa-cli password”. Needs "
                                "the login IT keeps with the right to create roles "
                                "(CREATEROLE)."),
                              entries, &argc, &argv))
    return ANV_EXIT_USAGE;
  if (argc != 2 || role_text == NULL)
    return anv_cli_fail (ANV_EXIT_USAGE, _("user add needs a LOGIN and --role."));
  if (!anv_role_parse (role_text, &role, &error))
    return anv_cli_fail_error (error);

  db = open_server (cli);
  if (db == NULL)
    return ANV_EXIT_REJECTED;
  /* Asked for before the login is made, so that a mistyped one leaves
   * nothing behind. */
  if (with_password)
    {
      /* Translators: %s is a login */
      prompt = g_strdup_printf (_("First password for %s: "), argv[1]);
      password = anv_cli_read_password (prompt, &error);
      if (password == NULL)
        return anv_cli_fail_error (error);
    }
  if (!anv_staff_add (db, argv[1], role, unit, name, &error))
    {
      if (password != NULL)
        explicit_bzero (password, strlen (password));
      g_free (password);
      return anv_cli_fail_error (error);
    }
  if (password != NULL)
    {
      ok = anv_password_set (db, argv[1], password, &error);
      explicit_bzero (password, strlen (password));
      g_free (password);
      if (!ok)
        {
          /* Translators: %1$s is a login, %2$s why its password was not set */
          g_autofree char *message = g_strdup_printf (_("The login %1$s was created, but its "
                                                        "password was not set: %2$s"),
                                                      argv[1], error->message);

          return anv_cli_fail (ANV_EXIT_REJECTED, message);
        }
    }

  if (unit != NULL)
    /* Translators: %1$s is a login, %2$s a role, %3$s a unit (kontor) */
    anv_cli_print (_("Created the login %1$s as %2$s at %3$s.\n"), argv[1], anv_role_name (role),
                   g_strstrip (unit));
  else
    /* Translators: %1$s is a login, %2$s a role */
    anv_cli_print (_("Created the login %1$s as %2$s for the whole country.\n"), argv[1],
                   anv_role_name (role));
  if (with_password)
    anv_cli_print ("%s\n", _("The login has the first password you gave: tell it to the "
                             "person, who replaces it with their own (“anvisa-cli "
                             "password”)."));
  else
    anv_cli_print ("%s\n", _("The login has no password yet: give it a first one with "
                             "“anvisa-cli password --login LOGIN”, or let it log in through "
                             "the office’s Kerberos (README.md, “Passwords”)."));
  return ANV_EXIT_OK;
}

static int
user_list (AnvCli  *cli,
           int      argc,
           char   **argv)
{
  g_autoptr (AnvDb) db = NULL;
  g_autoptr (GPtrArray) staff = NULL;
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr (GError) error = NULL;

  if (!anv_cli_parse_options ("user list", "", _("List the users on a server, with their "
                                                 "roles and units."), NULL, &argc, &argv))
    return ANV_EXIT_USAGE;
  if (argc != 1)
    return anv_cli_fail (ANV_EXIT_USAGE, _("user list takes no arguments."));

  db = open_server (cli);
  if (db == NULL)
    return ANV_EXIT_REJECTED;
  staff = anv_staff_list (db, &error);
  if (staff == NULL)
    return anv_cli_fail_error (error);
  if (staff->len == 0)
    {
      anv_cli_print ("%s\n", _("There are no users. Add one with “user add”."));
      return ANV_EXIT_OK;
    }

  add_row (rows, _("Login"), _("Name"), _("Role"), _("Unit"), _("Status"), _("Created by"),
           NULL);
  for (guint i = 0; i < staff->len; i++)
    {
      AnvStaff *person = g_ptr_array_index (staff, i);

      add_row (rows, person->login, person->name != NULL ? person->name : "",
               anv_role_code (person->role),
               person->unit != NULL ? person->unit : _("(whole country)"),
               person->disabled ? _("disabled") : _("active"), person->created_by, NULL);
    }
  anv_cli_print_table (rows, 6, 2);
  return ANV_EXIT_OK;
}

static int
user_disable (AnvCli  *cli,
              int      argc,
              char   **argv)
{
  g_autoptr (AnvDb) db = NULL;
  g_autoptr (GError) error = NULL;

  if (!anv_cli_parse_options ("user disable", _("LOGIN"),
                              _("Stop a user’s login: the server refuses it from now on; the "
                                "user stays in the list and in the audit log."),
                              NULL, &argc, &argv))
    return ANV_EXIT_USAGE;
  if (argc != 2)
    return anv_cli_fail (ANV_EXIT_USAGE, _("Use “user disable LOGIN”."));

  db = open_server (cli);
  if (db == NULL)
    return ANV_EXIT_REJECTED;
  if (!anv_staff_disable (db, argv[1], &error))
    return anv_cli_fail_error (error);

  /* Translators: %s is a login */
  anv_cli_print (_("The login %s may no longer log in.\n"), g_strstrip (argv[1]));
  return ANV_EXIT_OK;
}

int
anv_cli_user (AnvCli  *cli,
              int      argc,
              char   **argv)
{
  if (argc >= 2 && strcmp (argv[1], "add") == 0)
    return user_add (cli, argc - 1, argv + 1);
  if (argc >= 2 && strcmp (argv[1], "list") == 0)
    return user_list (cli, argc - 1, argv + 1);
  if (argc >= 2 && strcmp (argv[1], "disable") == 0)
    return user_disable (cli, argc - 1, argv + 1);
  return anv_cli_fail (ANV_EXIT_USAGE, _("Use “user add”, “user list” or “user disable”."));
}
