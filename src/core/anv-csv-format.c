/* anv-csv-format.c — what a spreadsheet made of a file meant to be CSV UTF-8
 *
 * Before and while a CSV file is read: a workbook (.xlsx, .ods, .xls), a
 * zip or UTF-16 text instead of CSV, text saved as Windows-1252 ("ANSI")
 * instead of UTF-8, and numbers a spreadsheet turned into scientific
 * notation are each refused with a sentence that says how to save the
 * file right. The reader (anv-csv-reader.c) asks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-csv-format"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "anv-csv-format-private.h"
#include "anv-csv-reader.h"
#include "anv-text.h"

/* A file in the wrong format, before it is parsed */

static gboolean
contains (const char *bytes,
          gsize       length,
          const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    if (bytes[i] == needle[0] && memcmp (bytes + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

/* What the start of the file says it is. Excel's "Unicode text" is UTF-16
 * with a byte order mark; without one, a header row of ASCII letters in
 * UTF-16 has a NUL byte beside each letter. */
AnvCsvFormat
anv_csv_format_detect (const char *bytes,
                       gsize       length)
{
  guint nul_even = 0, nul_odd = 0;
  gsize sample = MIN (length, 256);

  if (length >= 4 && memcmp (bytes, "PK\x03\x04", 4) == 0)
    {
      if (contains (bytes, length, "application/vnd.oasis.opendocument"))
        return ANV_CSV_FORMAT_ODS;
      if (contains (bytes, length, "xl/") || contains (bytes, length, "[Content_Types].xml"))
        return ANV_CSV_FORMAT_XLSX;
      return ANV_CSV_FORMAT_ZIP;
    }
  if (length >= 8 && memcmp (bytes, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
    return ANV_CSV_FORMAT_XLS;
  if (length >= 2 && (memcmp (bytes, "\xFF\xFE", 2) == 0 || memcmp (bytes, "\xFE\xFF", 2) == 0))
    return ANV_CSV_FORMAT_UTF16;

  for (gsize i = 0; i < sample; i++)
    if (bytes[i] == '\0')
      {
        if (i % 2 == 0)
          nul_even++;
        else
          nul_odd++;
      }
  /* Half the bytes of one parity NUL: ASCII in UTF-16 LE or BE. */
  if (sample >= 4 && MAX (nul_even, nul_odd) * 4 >= sample)
    return ANV_CSV_FORMAT_UTF16;
  return ANV_CSV_FORMAT_CSV;
}

static const char *
how_to_save (void)
{
  /* Translators: how to save a file as CSV UTF-8, after a sentence saying
   * what the file is. Use the names of the menu items and file types of
   * Excel and LibreOffice in your language. */
  return _("Open it in Excel and choose Save As, file type “CSV UTF-8 (Comma "
           "delimited)”, or in LibreOffice Calc choose Save As, “Text CSV”, "
           "character set “Unicode (UTF-8)”; then import the new file.");
}

gboolean
anv_csv_format_refuse (const char    *name,
                       AnvCsvFormat   format,
                       GError       **error)
{
  const char *how = how_to_save ();
  g_autofree char *what = NULL;

  if (name == NULL)
    name = _("The file");
  switch (format)
    {
    case ANV_CSV_FORMAT_XLSX:
      /* Translators: %s is a file's name, or "The file" */
      what = g_strdup_printf (_("%s is an Excel workbook (.xlsx), not a CSV file."), name);
      break;
    case ANV_CSV_FORMAT_ODS:
      /* Translators: %s is a file's name, or "The file" */
      what = g_strdup_printf (_("%s is a LibreOffice Calc spreadsheet (.ods), not a CSV "
                                "file."), name);
      break;
    case ANV_CSV_FORMAT_ZIP:
      /* Translators: %s is a file's name, or "The file" */
      what = g_strdup_printf (_("%s is a compressed (zip) file, not a CSV file."), name);
      break;
    case ANV_CSV_FORMAT_XLS:
      /* Translators: %s is a file's name, or "The file" */
      what = g_strdup_printf (_("%s is an Excel workbook (.xls), not a CSV file."), name);
      break;
    case ANV_CSV_FORMAT_UTF16:
      /* Translators: %s is a file's name, or "The file"; Excel calls UTF-16
       * “Unicode text” */
      what = g_strdup_printf (_("%s is saved as UTF-16 (“Unicode text”), which Anvisa does "
                                "not read."), name);
      break;
    case ANV_CSV_FORMAT_CSV:
    default:
      g_assert_not_reached ();
    }

  g_set_error (error, ANV_CSV_ERROR, ANV_CSV_ERROR_FORMAT, "%s %s", what, how);
  return FALSE;
}

/* Windows-1252 */

/* @raw (@length bytes, not UTF-8) as Windows-1252 text, or NULL where
 * it is not what a spreadsheet cell holds in Windows-1252: every byte
 * defined there, no control characters, and above ASCII only letters and
 * the few marks Excel and Word type (quotation marks, dashes, €, …).
 * Bytes that are neither stay the field's own problem. */
static char *
windows_1252_text (const char *raw,
                   gsize       length)
{
  static const char marks[] = "\u00a0\u00a7\u00ab\u00b0\u00b4\u00bb\u2013\u2014"
                              "\u2018\u2019\u201c\u201d\u2026\u20ac";
  g_autofree char *converted = NULL;

  if (memchr (raw, '\0', length) != NULL)
    return NULL;
  /* A letter in UTF-8 among the bytes: UTF-8 with a broken byte, or text
   * of both kinds, is not a file saved as Windows-1252. */
  for (gsize i = 0; i < length; i++)
    {
      guchar byte = (guchar) raw[i];
      gsize n = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;

      if (byte >= 0xc2 && byte <= 0xf4 && i + n <= length
          && g_utf8_validate (raw + i, (gssize) n, NULL))
        return NULL;
    }
  converted = g_convert (raw, (gssize) length, "UTF-8", "WINDOWS-1252", NULL, NULL, NULL);
  if (converted == NULL)
    return NULL;
  for (const char *p = converted; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
        return NULL;
      if (c == 0x7f || (c >= 0x80 && !g_unichar_isalpha (c)
                        && g_utf8_strchr (marks, -1, c) == NULL))
        return NULL;
    }
  return g_steal_pointer (&converted);
}

/* A file saved as Windows-1252 ("ANSI", what Excel's plain "CSV" writes on
 * Swedish Windows): "tjänst" arrives as "tj\xE4nst", "Åsa" as "\xC5sa".
 * Found in a heading (@line 0) or in a row after the header, the file is
 * refused as a whole rather than row by row or converted: a guess would
 * turn a UTF-8 file with one broken byte into wrong letters everywhere,
 * and the officer can save it right in a minute. */
gboolean
anv_csv_format_check_windows_1252 (const char  *name,
                                   const char  *raw,
                                   gsize        length,
                                   guint        line,
                                   guint        index,
                                   GError     **error)
{
  g_autofree char *converted = NULL;
  g_autofree char *shown = NULL;

  if (g_utf8_validate (raw, (gssize) length, NULL))
    return TRUE;
  converted = windows_1252_text (raw, length);
  if (converted == NULL)
    return TRUE;

  if (name == NULL)
    name = _("The file");
  shown = anv_text_quote (converted);
  if (line == 0)
    g_set_error (error, ANV_CSV_ERROR, ANV_CSV_ERROR_FORMAT,
                 /* Translators: %1$s is a file's name, or "The file"; %2$u a column
                  * number; %3$s the heading as read; %4$s says how to save as CSV
                  * UTF-8 */
                 _("%1$s is saved as Windows-1252 (“ANSI”), not as UTF-8: the heading "
                   "of column %2$u reads “%3$s” only in Windows-1252. %4$s"),
                 name, index + 1, shown, how_to_save ());
  else
    g_set_error (error, ANV_CSV_ERROR, ANV_CSV_ERROR_FORMAT,
                 /* Translators: %1$s is a file's name, or "The file"; %2$u a line
                  * number, %3$u a column number; %4$s the text as read; %5$s says
                  * how to save as CSV UTF-8 */
                 _("%1$s is saved as Windows-1252 (“ANSI”), not as UTF-8: on line %2$u, "
                   "column %3$u reads “%4$s” only in Windows-1252. %5$s"),
                 name, line, index + 1, shown, how_to_save ());
  return FALSE;
}

gboolean
anv_csv_format_check_heading (const char  *name,
                              const char  *raw,
                              gsize        length,
                              guint        index,
                              GError     **error)
{
  if (!anv_csv_format_check_windows_1252 (name, raw, length, 0, index, error))
    return FALSE;
  if (g_utf8_validate (raw, -1, NULL))
    return TRUE;

  if (name == NULL)
    name = _("The file");
  g_set_error (error, ANV_CSV_ERROR, ANV_CSV_ERROR_FORMAT,
               /* Translators: %1$s is a file's name, or "The file"; %2$u a column
                * number; %3$s says how to save as CSV UTF-8 */
               _("%1$s is not UTF-8 text: the heading of column %2$u cannot be read. "
                 "%3$s"),
               name, index + 1, how_to_save ());
  return FALSE;
}

gboolean
anv_csv_format_has_utf8_letters (const char *raw,
                                 gsize       length)
{
  gboolean high = FALSE;

  for (gsize i = 0; i < length && !high; i++)
    high = (guchar) raw[i] >= 0x80;
  return high && g_utf8_validate (raw, (gssize) length, NULL);
}

/* Numbers */

gboolean
anv_csv_check_not_scientific (const char  *text,
                              GError     **error)
{
  const char *p = text;
  const char *mantissa;

  while (*p == ' ')
    p++;
  mantissa = p;
  if (!g_ascii_isdigit (*p))
    return TRUE;
  while (g_ascii_isdigit (*p))
    p++;
  if (*p == ',' || *p == '.')
    {
      p++;
      while (g_ascii_isdigit (*p))
        p++;
    }
  if (*p != 'E' && *p != 'e')
    return TRUE;
  p++;
  if (*p == '+' || *p == '-')
    p++;
  if (!g_ascii_isdigit (*p))
    return TRUE;
  while (g_ascii_isdigit (*p))
    p++;
  while (*p == ' ')
    p++;
  if (*p != '\0')
    return TRUE;

  {
    g_autofree char *shown = anv_text_quote (mantissa);

    g_set_error (error, ANV_CSV_ERROR, ANV_CSV_ERROR_FORMAT,
                 /* Translators: %s is the value, e.g. 1,98001E+11 */
                 _("The spreadsheet turned this number into a decimal number in scientific "
                   "notation (%s), and its last digits are lost. Format the column as Text "
                   "before typing or pasting the numbers, then save the file as CSV UTF-8."),
                 g_strstrip (shown));
  }
  return FALSE;
}
