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

/* The invisible characters that change the direction of the text after
 * them (U+202A–U+202E, U+2066–U+2069, and the marks U+200E, U+200F,
 * U+061C): in a name they only serve to make it read as something else. */
static gboolean
is_direction_control (gunichar c)
{
  return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)
         || c == 0x200E || c == 0x200F || c == 0x061C;
}

/* Characters that show nothing, or nothing but a blank, yet make a name
 * differ from the same name typed without them: the format characters
 * (U+200B zero width space, U+FEFF, U+00AD soft hyphen, U+2060 word
 * joiner, the zero-width joiners …) and the fillers and selectors that
 * are letters or marks only to Unicode. In a name they hide duplicates. */
static gboolean
is_invisible (gunichar c)
{
  return g_unichar_type (c) == G_UNICODE_FORMAT
         || c == 0x034F                      /* combining grapheme joiner */
         || c == 0x115F || c == 0x1160       /* Hangul fillers */
         || c == 0x3164 || c == 0xFFA0
         || c == 0x17B4 || c == 0x17B5       /* Khmer inherent vowels */
         || c == 0x2800                      /* braille blank */
         || (c >= 0xFE00 && c <= 0xFE0F)     /* variation selectors */
         || (c >= 0xE0100 && c <= 0xE01EF);
}

/* A space other than the ordinary one (no-break, en, em, ideographic …)
 * looks the same in a name: it is stored as the ordinary space. */
static char *
replace_spaces (char *text)
{
  GString *out = NULL;
  const char *p;

  for (p = text; *p != '\0'; p = g_utf8_next_char (p))
    if ((guchar) *p >= 0x80 && g_unichar_type (g_utf8_get_char (p)) == G_UNICODE_SPACE_SEPARATOR)
      break;
  if (*p == '\0')
    return text;

  out = g_string_sized_new (strlen (text));
  for (p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_type (c) == G_UNICODE_SPACE_SEPARATOR)
        g_string_append_c (out, ' ');
      else
        g_string_append_unichar (out, c);
    }
  g_free (text);
  return g_string_free (out, FALSE);
}

char *
anv_text_clean_line (const char  *text,
                     gsize        length,
                     guint        max_chars,
                     const char  *what,
                     GQuark       domain,
                     gint         code,
                     const char  *empty_message,
                     GError     **error)
{
  g_autofree char *name = NULL;
  glong chars;

  if (text == NULL || strlen (text) != length)
    {
      g_set_error (error, domain, code,
                   /* Translators: %s is a field as the subject of a sentence, e.g.
                    * “The name” */
                   _("%s contains a NUL character. Type the text again."), what);
      return NULL;
    }
  if (!g_utf8_validate (text, (gssize) length, NULL))
    {
      g_set_error (error, domain, code,
                   /* Translators: %s is a field as the subject of a sentence, e.g.
                    * “The name” */
                   _("%s is not UTF-8 text. Save the file as UTF-8 (in Excel: "
                     "“CSV UTF-8”) and try again."), what);
      return NULL;
    }

  /* An import normalizes a million names: plain ASCII needs none. */
  name = is_ascii (text, length) ? g_strndup (text, length)
                                 : g_utf8_normalize (text, (gssize) length, G_NORMALIZE_NFC);
  name = replace_spaces (name);
  g_strstrip (name);
  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (c);

      if (g_unichar_iscntrl (c) || type == G_UNICODE_LINE_SEPARATOR
          || type == G_UNICODE_PARAGRAPH_SEPARATOR)
        {
          g_set_error (error, domain, code,
                       /* Translators: %s is a field as the subject of a sentence, e.g.
                        * “The name” */
                       _("%s contains a control character (such as a tab or a line "
                         "break). Type the text on one line."), what);
          return NULL;
        }
      if (is_direction_control (c))
        {
          g_set_error (error, domain, code,
                       /* Translators: %1$s is a field as the subject of a sentence,
                        * e.g. “The name”; %2$04X is a Unicode code point, e.g. 202E */
                       _("%1$s contains an invisible character that changes the "
                         "direction of the text (U+%2$04X). Type the text again without "
                         "it, or copy it from another source."),
                       what, (guint) c);
          return NULL;
        }
      if (is_invisible (c))
        {
          g_set_error (error, domain, code,
                       /* Translators: %1$s is a field as the subject of a sentence,
                        * e.g. “The name”; %2$04X is a Unicode code point, e.g. 200B;
                        * %3$ld counts characters from 1 */
                       _("%1$s contains an invisible character (U+%2$04X) at position %3$ld. "
                         "Remove it: it makes the text differ from the same text typed "
                         "without it."),
                       what, (guint) c, g_utf8_pointer_to_offset (name, p) + 1);
          return NULL;
        }
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
                   /* Translators: %1$s is a field as the subject of a sentence, e.g.
                    * “The name” */
                   _("%1$s has %2$ld characters; at most %3$d are allowed."),
                   what, chars, (int) max_chars);
      return NULL;
    }
  return g_steal_pointer (&name);
}

static char *
quote_up_to (const char *text,
             guint       max_chars)
{
  g_autofree char *valid = g_utf8_make_valid (text ? text : "", -1);
  GString *shown = g_string_sized_new (64);
  guint n_chars = 0;

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p), n_chars++)
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (c);

      if (n_chars == max_chars)
        {
          g_string_append (shown, "…");
          break;
        }
      if (g_unichar_iscntrl (c) || type == G_UNICODE_FORMAT
          || type == G_UNICODE_LINE_SEPARATOR || type == G_UNICODE_PARAGRAPH_SEPARATOR)
        g_string_append_unichar (shown, 0xFFFD);
      else
        g_string_append_unichar (shown, c);
    }
  return g_string_free (shown, FALSE);
}

char *
anv_text_quote (const char *text)
{
  return quote_up_to (text, ANV_TEXT_QUOTE_MAX_CHARS);
}

char *
anv_text_quote_path (const char *path)
{
  return quote_up_to (path, ANV_TEXT_QUOTE_PATH_MAX_CHARS);
}

char *
anv_text_fold (const char *text)
{
  g_autofree char *compatible = NULL;
  g_autofree char *folded = NULL;
  gsize length;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return g_strdup ("");

  /* Most names are plain ASCII: lower case is all their folding. */
  length = strlen (text);
  if (is_ascii (text, length))
    return g_ascii_strdown (text, (gssize) length);

  /* Case folding may leave text that is no longer in NFKC (a capital
   * with a combining mark, for one): normalized before and after. */
  compatible = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  folded = g_utf8_casefold (compatible, -1);
  return g_utf8_normalize (folded, -1, G_NORMALIZE_NFKC);
}
