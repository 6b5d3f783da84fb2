/* anv-i18n.c — the language Anvisa speaks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-i18n"

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "anv-i18n.h"

static const char *
requested_locale (void)
{
  const char *names[] = { "LC_ALL", "LC_MESSAGES", "LANG" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const char *value = g_getenv (names[i]);

      if (value != NULL && *value != '\0')
        return value;
    }
  return NULL;
}

/* "sv_SE.UTF-8" → "sv_SE:sv", for gettext's LANGUAGE. */
static char *
language_of (const char *locale)
{
  g_autofree char *name = g_strndup (locale, strcspn (locale, ".@"));
  g_autofree char *language = g_strndup (name, strcspn (name, "_"));

  if (strcmp (name, language) == 0)
    return g_steal_pointer (&name);
  return g_strdup_printf ("%s:%s", name, language);
}

void
anv_i18n_init (void)
{
  const char *localedir = g_getenv ("ANVISA_LOCALEDIR");

  if (setlocale (LC_ALL, "") == NULL)
    {
      const char *requested = requested_locale ();
      const char *language = g_getenv ("LANGUAGE");

      setlocale (LC_ALL, "C.UTF-8");
      if (requested != NULL && (language == NULL || *language == '\0'))
        {
          g_autofree char *fallback = language_of (requested);
          g_setenv ("LANGUAGE", fallback, TRUE);
        }
    }

  bindtextdomain (GETTEXT_PACKAGE, localedir && *localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
