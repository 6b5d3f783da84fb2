/* anv-text.c — names and other one-line text as Anvisa stores them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-text"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "anv-text.h"

/* The primary weights of the Swedish order (anv_text_collate()): 0 for a
 * character that is ignored, then these bands in this order. */
#define WEIGHT_SPACE   1u
#define WEIGHT_OTHER   0x100u      /* + the code point: punctuation, symbols */
#define WEIGHT_DIGIT   0x200000u   /* + the digit's value */
#define WEIGHT_LETTER  0x300000u   /* + 1 … 29: a … z, å, ä, ö */
#define WEIGHT_SCRIPT  0x400000u   /* + the lower-case code point: other scripts */
#define LETTER_ARING   27u         /* å */
#define LETTER_ADIAER  28u         /* ä */
#define LETTER_ODIAER  29u         /* ö */

/* The characters whose weights are kept in a table, made once: Latin up
 * to Latin Extended-B, which Swedish names are written in. */
#define N_TABLED       0x250

typedef struct
{
  guint32 primary[2];   /* the second for þ (th), ß (ss) and the like, else 0 */
  guint32 accent;       /* 0 for a plain letter, else the accented one in lower case */
  guint32 variant;      /* 0 lower case, 1 a compatibility form (ﬁ), 2 upper or title
                         * case, 3 both (Ａ) */
} Weight;

/* Where anv_text_collate() is in a text. */
typedef struct
{
  const guchar *p;
  const guchar *end;
  guint32       pending;   /* the second primary weight of the last character */
} Cursor;

typedef enum
{
  LEVEL_ACCENT,
  LEVEL_CASE,
} TieLevel;

static Weight weights[N_TABLED];

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

static guint32
weigh_letter (gunichar ascii_letter)
{
  return WEIGHT_LETTER + (guint32) (g_ascii_tolower ((char) ascii_letter) - 'a') + 1;
}

/* The Swedish letter that @base with the combining @mark sorts as: å, ä
 * or ö, or y for ü and ű; 0 for none. */
static guint32
weigh_swedish (gunichar base,
               gunichar mark)
{
  switch (g_unichar_tolower (base))
    {
    case 'a':
      if (mark == 0x030A)                                       /* ring above: å */
        return WEIGHT_LETTER + LETTER_ARING;
      if (mark == 0x0308)                                       /* diaeresis: ä */
        return WEIGHT_LETTER + LETTER_ADIAER;
      break;
    case 'e':
      if (mark == 0x0328)                                       /* ogonek: ę */
        return WEIGHT_LETTER + LETTER_ADIAER;
      break;
    case 'o':
      if (mark == 0x0308 || mark == 0x030B || mark == 0x0302)   /* ö, ő, ô */
        return WEIGHT_LETTER + LETTER_ODIAER;
      break;
    case 'u':
      if (mark == 0x0308 || mark == 0x030B)                     /* ü, ű */
        return weigh_letter ('y');
      break;
    default:
      break;
    }
  return 0;
}

/* The Latin letters that Unicode does not take apart into a base letter
 * and a mark, in lower case. */
static gboolean
weigh_unparted (gunichar  lower,
                Weight   *weight)
{
  switch (lower)
    {
    case 0x00E6:   /* æ */
      weight->primary[0] = WEIGHT_LETTER + LETTER_ADIAER;
      break;
    case 0x00F8:   /* ø */
    case 0x0153:   /* œ */
      weight->primary[0] = WEIGHT_LETTER + LETTER_ODIAER;
      break;
    case 0x00F0:   /* ð */
    case 0x0111:   /* đ */
      weight->primary[0] = weigh_letter ('d');
      break;
    case 0x00FE:   /* þ */
      weight->primary[0] = weigh_letter ('t');
      weight->primary[1] = weigh_letter ('h');
      break;
    case 0x00DF:   /* ß */
      weight->primary[0] = weigh_letter ('s');
      weight->primary[1] = weigh_letter ('s');
      break;
    case 0x0127:   /* ħ */
      weight->primary[0] = weigh_letter ('h');
      break;
    case 0x0131:   /* dotless ı */
      weight->primary[0] = weigh_letter ('i');
      break;
    case 0x0138:   /* ĸ */
      weight->primary[0] = weigh_letter ('k');
      break;
    case 0x0142:   /* ł */
      weight->primary[0] = weigh_letter ('l');
      break;
    case 0x014B:   /* ŋ */
      weight->primary[0] = weigh_letter ('n');
      break;
    case 0x0167:   /* ŧ */
      weight->primary[0] = weigh_letter ('t');
      break;
    default:
      return FALSE;
    }
  return TRUE;
}

/* The weights of @c, worked out (the table keeps those of Latin). */
static void
weigh (gunichar  c,
       Weight   *weight)
{
  gunichar parts[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
  gunichar canonical[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
  gunichar lower;
  gsize n_parts, n_canonical;
  guint n = 0;

  memset (weight, 0, sizeof *weight);
  if (c < 0x80)
    {
      weight->variant = g_ascii_isupper ((char) c) ? 2 : 0;
      if (g_ascii_isalpha ((char) c))
        weight->primary[0] = weigh_letter (c);
      else if (g_ascii_isdigit ((char) c))
        weight->primary[0] = WEIGHT_DIGIT + (c - '0');
      else if (c == ' ')
        weight->primary[0] = WEIGHT_SPACE;
      else
        weight->primary[0] = WEIGHT_OTHER + c;
      return;
    }

  lower = g_unichar_tolower (c);
  weight->variant = lower != c ? 2 : 0;
  switch (lower)
    {
    case 0x00E5:   /* å */
      weight->primary[0] = WEIGHT_LETTER + LETTER_ARING;
      return;
    case 0x00E4:   /* ä */
      weight->primary[0] = WEIGHT_LETTER + LETTER_ADIAER;
      return;
    case 0x00F6:   /* ö */
      weight->primary[0] = WEIGHT_LETTER + LETTER_ODIAER;
      return;
    default:
      break;
    }

  /* From here on a letter with an accent, or no letter at all. */
  weight->accent = lower;
  if (weigh_unparted (lower, weight))
    return;
  if (g_unichar_ismark (c))
    {
      weight->accent = 0;
      return;
    }
  if (g_unichar_isspace (c))
    {
      weight->primary[0] = WEIGHT_SPACE;
      return;
    }
  if (g_unichar_isdigit (c))
    {
      weight->primary[0] = WEIGHT_DIGIT + (guint32) g_unichar_digit_value (c);
      return;
    }

  /* A letter with marks as its base letter (é as e), in the compatibility
   * form as names are compared (anv_text_fold(): ﬁ as fi, Ａ as A). */
  n_parts = g_unichar_fully_decompose (c, TRUE, parts, G_N_ELEMENTS (parts));
  n_canonical = g_unichar_fully_decompose (c, FALSE, canonical, G_N_ELEMENTS (canonical));
  if (n_canonical != n_parts || memcmp (canonical, parts, n_parts * sizeof (gunichar)) != 0)
    {
      weight->variant++;
      if (n_canonical == 1)
        weight->accent = 0;
    }
  if (n_parts > 1 || parts[0] != c)
    for (gsize i = 0; i < n_parts && n < G_N_ELEMENTS (weight->primary); i++)
      {
        guint32 swedish = i + 1 < n_parts ? weigh_swedish (parts[i], parts[i + 1]) : 0;
        Weight part;

        if (g_unichar_ismark (parts[i]))
          continue;
        if (swedish != 0)
          {
            weight->primary[n++] = swedish;
            continue;
          }
        weigh (parts[i], &part);
        for (guint j = 0; j < G_N_ELEMENTS (part.primary) && part.primary[j] != 0
                          && n < G_N_ELEMENTS (weight->primary); j++)
          weight->primary[n++] = part.primary[j];
      }
  if (n > 0)
    return;

  weight->primary[0] = g_unichar_isalpha (c) ? WEIGHT_SCRIPT + lower : WEIGHT_OTHER + c;
}

static void
ensure_weights (void)
{
  static gsize made = 0;

  if (g_once_init_enter (&made))
    {
      for (gunichar c = 0; c < N_TABLED; c++)
        weigh (c, &weights[c]);
      g_once_init_leave (&made, 1);
    }
}

/* The next character of @cursor's text with its weights; a byte that is
 * not UTF-8 as U+FFFD. */
static const Weight *
read_weight (Cursor *cursor,
             Weight *scratch)
{
  gunichar c = g_utf8_get_char_validated ((const char *) cursor->p,
                                          (gssize) (cursor->end - cursor->p));

  if (c == (gunichar) -1 || c == (gunichar) -2)
    {
      cursor->p++;
      c = 0xFFFD;
    }
  else
    cursor->p = (const guchar *) g_utf8_next_char (cursor->p);

  if (c < N_TABLED)
    return &weights[c];
  weigh (c, scratch);
  return scratch;
}

/* The next primary weight of @cursor's text, 0 at its end. */
static inline guint32
next_primary (Cursor *cursor)
{
  guint32 primary = cursor->pending;

  if (primary != 0)
    {
      cursor->pending = 0;
      return primary;
    }
  while (cursor->p < cursor->end)
    {
      Weight scratch;
      const Weight *weight;

      /* Most names are mostly ASCII: one look in the table. */
      if (*cursor->p < 0x80)
        return weights[*cursor->p++].primary[0];
      weight = read_weight (cursor, &scratch);
      if (weight->primary[0] != 0)
        {
          cursor->pending = weight->primary[1];
          return weight->primary[0];
        }
    }
  return 0;
}

/* The next character's accent or case, as 1 or more; 0 at the end. */
static guint32
next_tie (Cursor   *cursor,
          TieLevel  level)
{
  while (cursor->p < cursor->end)
    {
      Weight scratch;
      const Weight *weight = read_weight (cursor, &scratch);

      if (weight->primary[0] != 0)
        return 1 + (level == LEVEL_ACCENT ? weight->accent : weight->variant);
    }
  return 0;
}

int
anv_text_collate (const char *a,
                  const char *b)
{
  return anv_text_collate_len (a, -1, b, -1);
}

int
anv_text_collate_len (const char *a,
                      gssize      a_length,
                      const char *b,
                      gssize      b_length)
{
  const guchar *a_end, *b_end;
  Cursor x, y;
  int result;

  if (a == NULL || b == NULL)
    return (a != NULL) - (b != NULL);

  ensure_weights ();
  a_end = (const guchar *) a + (a_length < 0 ? strlen (a) : (gsize) a_length);
  b_end = (const guchar *) b + (b_length < 0 ? strlen (b) : (gsize) b_length);

  /* The letters, without case or accents */
  x = (Cursor) { (const guchar *) a, a_end, 0 };
  y = (Cursor) { (const guchar *) b, b_end, 0 };
  for (;;)
    {
      guint32 first = next_primary (&x);
      guint32 second = next_primary (&y);

      if (first != second)
        return first < second ? -1 : 1;
      if (first == 0)
        break;
    }

  /* The same letters: the plain before the accented, then lower case
   * before upper. */
  for (TieLevel level = LEVEL_ACCENT; level <= LEVEL_CASE; level++)
    {
      x = (Cursor) { (const guchar *) a, a_end, 0 };
      y = (Cursor) { (const guchar *) b, b_end, 0 };
      for (;;)
        {
          guint32 first = next_tie (&x, level);
          guint32 second = next_tie (&y, level);

          if (first != second)
            return first < second ? -1 : 1;
          if (first == 0)
            break;
        }
    }

  /* The same to the eye, or nearly: the bytes decide. */
  result = memcmp (a, b, MIN (a_end - (const guchar *) a, b_end - (const guchar *) b));
  if (result != 0)
    return result < 0 ? -1 : 1;
  return (a_end - (const guchar *) a > b_end - (const guchar *) b)
         - (a_end - (const guchar *) a < b_end - (const guchar *) b);
}
