/* anv-text.c — names and other one-line text as Anvisa stores them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-text"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "anv-text.h"

static gboolean
is_ascii (const char *text,
          gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if ((guchar) text[i] >= 0x80)
      return FALSE;
  return TRUE;
}

char *
anv_text_clean_name (const char  *text,
                     gsize        length,
                     guint        max_chars,
                     GQuark       domain,
                     gint         code,
                     const char  *empty_message,
                     GError     **error)
{
  g_autofree char *name = NULL;
  glong chars;

  if (text == NULL || strlen (text) != length)
    {
      g_set_error_literal (error, domain, code,
                           _("The name contains a NUL character. Type the name again."));
      return NULL;
    }
  if (!g_utf8_validate (text, (gssize) length, NULL))
    {
      g_set_error_literal (error, domain, code,
                           _("The name is not UTF-8 text. Save the file as UTF-8 (in Excel: "
                             "“CSV UTF-8”) and try again."));
      return NULL;
    }

  /* An import normalizes a million names: plain ASCII needs none. */
  name = is_ascii (text, length) ? g_strndup (text, length)
                                 : g_utf8_normalize (text, (gssize) length, G_NORMALIZE_NFC);
  g_strstrip (name);
  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      {
        g_set_error_literal (error, domain, code,
                             _("The name contains a control character (such as a tab or "
                               "a line break). Type the name on one line."));
        return NULL;
      }

  chars = g_utf8_strlen (name, -1);
  if (chars == 0)
    {
      g_set_error_literal (error, domain, code, empty_message);
      return NULL;
    }
  if (chars > (glong) max_chars)
    {
      g_set_error (error, domain, code,
                   _("The name has %1$ld characters; at most %2$d are allowed."),
                   chars, (int) max_chars);
      return NULL;
    }
  return g_steal_pointer (&name);
}
