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

/* Installed, the translations are in LOCALEDIR; run from the build tree
 * (as ./setup.sh does) before installing, they are only in the build's po/. */
static const char *
choose_localedir (void)
{
  g_autofree char *installed = g_build_filename (LOCALEDIR, "sv", "LC_MESSAGES",
                                                 GETTEXT_PACKAGE ".mo", NULL);
  g_autofree char *built = g_build_filename (BUILD_LOCALEDIR, "sv", "LC_MESSAGES",
                                             GETTEXT_PACKAGE ".mo", NULL);

  if (!g_file_test (installed, G_FILE_TEST_EXISTS) && g_file_test (built, G_FILE_TEST_EXISTS))
    return BUILD_LOCALEDIR;
  return LOCALEDIR;
}

void
anv_i18n_init (void)
{
  const char *localedir = g_getenv ("ANVISA_LOCALEDIR");

  const char *set = setlocale (LC_ALL, "");
  const char *messages = setlocale (LC_MESSAGES, NULL);

  /* In the plain C locale gettext ignores LANGUAGE and output cannot be
   * UTF-8: C.UTF-8 is the same locale without those two limits. */
  if (set != NULL && messages != NULL
      && (strcmp (messages, "C") == 0 || strcmp (messages, "POSIX") == 0))
    setlocale (LC_ALL, "C.UTF-8");

  if (set == NULL)
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

  bindtextdomain (GETTEXT_PACKAGE, localedir && *localedir ? localedir : choose_localedir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

char *
anv_format_count (guint64 n)
{
  /* Translators: written between the groups of three digits in numbers from
   * 1,000 on ("12,199"); in Swedish a no-break space ("12 199") */
  const char *separator = C_("thousands separator", ",");
  char digits[24];
  GString *text = g_string_new (NULL);
  guint length = (guint) g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, n);

  for (guint i = 0; i < length; i++)
    {
      if (i > 0 && (length - i) % 3 == 0 && length > 3)
        g_string_append (text, separator);
      g_string_append_c (text, digits[i]);
    }
  return g_string_free (text, FALSE);
}
