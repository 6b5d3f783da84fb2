/* anv-cli-server.c — anvisa-cli server init: Anvisa's schema on a server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-cli-server"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "anv-cli.h"
#include "anv-schema.h"
#include "anv-staff.h"

/* Creates Anvisa's schema in an empty server database, or brings an older
 * one up to date; a file is init's, not this command's. */
static int
server_init (AnvCli  *cli,
             int      argc,
             char   **argv)
{
  g_autofree char *path = NULL;
  g_autoptr (AnvDb) db = NULL;
  g_autoptr (GError) error = NULL;
  guint created = 0, missing = 0;

  if (!anv_cli_parse_options ("server init", "",
                              _("Create Anvisa’s tables in an empty database on a PostgreSQL "
                                "server, or bring them up to date. The login needs the right "
                                "to create tables in the database."),
                              NULL, &argc, &argv))
    return ANV_EXIT_USAGE;
  if (argc != 1)
    return anv_cli_fail (ANV_EXIT_USAGE, _("server init takes no arguments."));

  path = cli->database_path != NULL ? g_strdup (cli->database_path) : anv_db_default_path ();
  if (!anv_db_is_server_address (path))
    return anv_cli_fail (ANV_EXIT_USAGE,
                         _("server init works on a server’s database: name it with --database "
                           "postgresql://SERVER/DATABASE (or service=NAME from "
                           "pg_service.conf), or in ANVISA_DATABASE. For a file, use init."));

  db = anv_cli_open_db (cli);
  if (db == NULL)
    return ANV_EXIT_REJECTED;
  anv_cli_print (_("Database: %s\n"), anv_db_get_display_name (db));
  anv_cli_print (_("Schema version: %d\n"), anv_db_get_schema_version (db));
  anv_cli_print (_("Logged in as: %s\n"), anv_db_get_user (db));

  /* The roles' groups, and their rights on every table, also those a
   * later step added (HACKING.md, "Roles on the server"). */
  if (!anv_staff_grant_roles (db, &created, &missing, &error))
    return anv_cli_fail_error (error);
  if (created > 0)
    anv_cli_print (g_dngettext (GETTEXT_PACKAGE, "Created %u group role for Anvisa’s roles.\n",
                                "Created %u group roles for Anvisa’s roles.\n", created),
                   created);
  if (missing > 0)
    anv_cli_print (g_dngettext (GETTEXT_PACKAGE,
                                "%u of Anvisa’s group roles is missing: this login may not "
                                "create roles. Run server init again with one that may "
                                "(CREATEROLE) before adding users.\n",
                                "%u of Anvisa’s group roles are missing: this login may not "
                                "create roles. Run server init again with one that may "
                                "(CREATEROLE) before adding users.\n", missing),
                   missing);
  return ANV_EXIT_OK;
}

int
anv_cli_server (AnvCli  *cli,
                int      argc,
                char   **argv)
{
  if (argc >= 2 && strcmp (argv[1], "init") == 0)
    return server_init (cli, argc - 1, argv + 1);
  return anv_cli_fail (ANV_EXIT_USAGE, _("Use “server init”."));
}
