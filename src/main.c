/* main.c — the entry point of the Anvisa GUI
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Anvisa"

#include "config.h"

#include <locale.h>

#include <glib/gi18n-lib.h>

#include "anv-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr (AnvApplication) app = NULL;
  const char *localedir;

  /* The tests point this at the translations in the build tree. */
  localedir = g_getenv ("ANVISA_LOCALEDIR");
  if (localedir == NULL || *localedir == '\0')
    localedir = LOCALEDIR;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = anv_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
