/* anv-cli-password.c — anvisa-cli password: a login sets its own password on a server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-cli-password"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "anv-cli.h"
#include "anv-password.h"

/* One line of standard input without its line break; on a terminal
 * after @prompt, not echoed. NULL at the end of the input. */
static char *
read_line (const char *prompt,
           gboolean    terminal)
{
  struct termios saved, quiet;
  gboolean hidden = FALSE;
  char *line = NULL;
  size_t size = 0;
  ssize_t length;
  char *copy;

  if (terminal)
    {
      fputs (prompt, stderr);
      fflush (stderr);
      if (tcgetattr (STDIN_FILENO, &saved) == 0)
        {
          quiet = saved;
          quiet.c_lflag &= ~(tcflag_t) ECHO;
          quiet.c_lflag |= ECHONL;
          hidden = tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
        }
    }
  length = getline (&line, &size, stdin);
  if (hidden)
    tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
  if (length < 0)
    {
      if (line != NULL)
        explicit_bzero (line, size);
      free (line);
      return NULL;
    }
  while (length > 0 && (line[length - 1] == '\n' || line[length - 1] == '\r'))
    line[--length] = '\0';
  copy = g_strdup (line);
  explicit_bzero (line, size);
  free (line);
  return copy;
}

static void
forget (char *password)
{
  if (password != NULL)
    explicit_bzero (password, strlen (password));
  g_free (password);
}

char *
anv_cli_read_password (const char  *prompt,
                       GError     **error)
{
  gboolean terminal = isatty (STDIN_FILENO);
  char *password = read_line (prompt, terminal);
  char *again;

  if (password == NULL)
    {
      g_set_error_literal (error, ANV_PASSWORD_ERROR, ANV_PASSWORD_ERROR_INVALID,
                           _("No password was given: type it when asked, or give it as one "
                             "line on standard input."));
      return NULL;
    }
  if (!anv_password_check (password, error))
    {
      forget (password);
      return NULL;
    }
  /* A script gives it once; a person types it twice, unseen. */
  if (!terminal)
    return password;
  again = read_line (_("The same again: "), TRUE);
  if (again == NULL || strcmp (again, password) != 0)
    {
      forget (password);
      forget (again);
      g_set_error_literal (error, ANV_PASSWORD_ERROR, ANV_PASSWORD_ERROR_MISMATCH,
                           _("The two passwords differ. Nothing was changed; try again."));
      return NULL;
    }
  forget (again);
  return password;
}

/* password */
int
anv_cli_password (AnvCli  *cli,
                  int      argc,
                  char   **argv)
{
  g_autofree char *login = NULL;
  GOptionEntry entries[] = {
    { "login", 'l', 0, G_OPTION_ARG_STRING, &login,
      N_("Set another login’s password instead (IT resetting a forgotten one; needs the "
         "right to create roles)"), N_("LOGIN") },
    { NULL }
  };
  g_autofree char *path = NULL;
  g_autofree char *prompt = NULL;
  g_autoptr (AnvDb) db = NULL;
  g_autoptr (GError) error = NULL;
  char *password;
  gboolean ok;

  if (!anv_cli_parse_options ("password", "",
                              _("Set your own password on the server: asked for twice, not "
                                "shown (or read as one line from standard input). It is "
                                "hashed (SCRAM) on this computer before it is sent."),
                              entries, &argc, &argv))
    return ANV_EXIT_USAGE;
  if (argc != 1)
    return anv_cli_fail (ANV_EXIT_USAGE, _("password takes no arguments."));

  path = cli->database_path != NULL ? g_strdup (cli->database_path) : anv_db_default_path ();
  if (!anv_db_is_server_address (path))
    return anv_cli_fail (ANV_EXIT_REJECTED,
                         _("Passwords belong to logins on a shared server (name it with "
                           "--database postgresql://SERVER/DATABASE, or service=NAME). A "
                           "database file on this computer has no logins: the computer’s "
                           "own login protects it."));
  /* Connected first, with the password as it is now: a wrong one is told
   * before a new one is asked for. */
  db = anv_cli_open_db (cli);
  if (db == NULL)
    return ANV_EXIT_REJECTED;

  /* Translators: %s is a login */
  prompt = login != NULL ? g_strdup_printf (_("New password for %s: "), login)
                         : g_strdup (_("New password: "));
  password = anv_cli_read_password (prompt, &error);
  if (password == NULL)
    return anv_cli_fail_error (error);
  ok = anv_password_set (db, login, password, &error);
  forget (password);
  if (!ok)
    return anv_cli_fail_error (error);

  /* Translators: %s is the person's login */
  anv_cli_print (_("The password of %s is changed. Give the new one from now on; where it "
                   "is kept (~/.pgpass, the keyring), change it there too.\n"),
                 login != NULL ? login : anv_db_get_user (db));
  return ANV_EXIT_OK;
}
