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

/* Creates Anvisa's schema in an empty server database, or brings an older
 * one up to date; a file is init's, not this command's. */
static int
server_init (AnvCli  *cli,
             int      argc,
             char   **argv)
{
  g_autofree char *path = NULL;
  g_autoptr (AnvDb) db = NULL;

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
