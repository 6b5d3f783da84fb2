/* main.c — the entry point of the Anvisa GUI
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "anvisa"

#include "config.h"

#include <glib.h>

#include "anv-application.h"
#include "anv-i18n.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr (AnvApplication) app = NULL;

  anv_i18n_init ();
  app = anv_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
