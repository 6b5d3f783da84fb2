/* anv-csv-reader.c — reads CSV records one at a time, with line numbers
 *
 * libcsv is a push parser; this wraps it into a pull reader that keeps
 * memory constant (one chunk and the records of one line) and knows on
 * which line each record starts, so that every message can name it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-csv"

#include "config.h"

#include <string.h>

#include <csv.h>
#include <glib/gi18n-lib.h>

#include "anv-csv-reader.h"
#include "anv-text.h"

#define CHUNK_SIZE (64 * 1024)
/* libcsv's state between rows (ROW_NOT_BEGUN in csv.c). */
#define LIBCSV_ROW_NOT_BEGUN 0

typedef struct
{
  gsize start;
  gsize length;
} Span;

typedef struct
{
  GString *bytes;   /* fields, each followed by a NUL */
  GArray  *spans;   /* Span per field */
  guint    line;
} Record;

struct _AnvCsvReader
{
  GInputStream      *stream;
  struct csv_parser  parser;
  gboolean           parser_ready;

  char              *chunk;
  gsize              chunk_len;
  gsize              chunk_pos;
  gboolean           at_eof;
  gboolean           finished;
  guint64            bytes_read;

  guint              line;          /* line of the next byte to parse */
  gboolean           at_line_start;
  gboolean           after_cr;      /* the last byte parsed was a CR */

  Record            *building;
  Record            *current;
  GQueue             ready;         /* of Record */
  GPtrArray         *spare;         /* of Record */
  char               separator;
  guint              header_width;  /* fields of the mapped header row, or 0 */
  gboolean           utf8_seen;     /* a record so far holds a letter in UTF-8 */
  gsize              record_bytes;  /* fed to the parser since the record began */
  char              *name;          /* the file's name for messages, or NULL */
};

G_DEFINE_QUARK (anv-csv-error-quark, anv_csv_error)

static Record *
record_new (void)
{
  Record *record = g_new0 (Record, 1);

  record->bytes = g_string_sized_new (256);
  record->spans = g_array_sized_new (FALSE, FALSE, sizeof (Span), 8);
  return record;
}

static void
record_free (gpointer data)
{
  Record *record = data;

  g_string_free (record->bytes, TRUE);
  g_array_unref (record->spans);
  g_free (record);
}

static void
record_clear (Record *record)
{
  g_string_truncate (record->bytes, 0);
  g_array_set_size (record->spans, 0);
  record->line = 0;
}

static gboolean
record_is_blank (Record *record)
{
  for (guint i = 0; i < record->spans->len; i++)
    if (g_array_index (record->spans, Span, i).length > 0)
      return FALSE;
  return TRUE;
}

static Record *
take_spare (AnvCsvReader *self)
{
  if (self->spare->len > 0)
    return g_ptr_array_steal_index_fast (self->spare, self->spare->len - 1);
  return record_new ();
}

static void
give_back (AnvCsvReader *self,
           Record       *record)
{
  if (record == NULL)
    return;
  record_clear (record);
  g_ptr_array_add (self->spare, record);
}

/* libcsv callbacks */

static void
field_cb (void   *field,
          size_t  length,
          void   *data)
{
  AnvCsvReader *self = data;
  Record *record = self->building;
  Span span = { record->bytes->len, length };

  if (length > 0)
    g_string_append_len (record->bytes, field, (gssize) length);
  g_string_append_c (record->bytes, '\0');
  g_array_append_val (record->spans, span);
}

static void
row_cb (int   terminator,
        void *data)
{
  AnvCsvReader *self = data;
  Record *record = self->building;

  self->record_bytes = 0;
  if (record_is_blank (record))
    {
      guint line = record->line;

      record_clear (record);
      record->line = line;
      return;
    }

  g_queue_push_tail (&self->ready, record);
  self->building = take_spare (self);
  self->building->line = self->line;
}

/* A file in the wrong format, before it is parsed */

typedef enum
{
  FORMAT_CSV,
  FORMAT_XLSX,
  FORMAT_ODS,
  FORMAT_ZIP,
  FORMAT_XLS,
  FORMAT_UTF16,
} Format;

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
static Format
detect_format (const char *bytes,
               gsize       length)
{
  guint nul_even = 0, nul_odd = 0;
  gsize sample = MIN (length, 256);

  if (length >= 4 && memcmp (bytes, "PK\x03\x04", 4) == 0)
    {
      if (contains (bytes, length, "application/vnd.oasis.opendocument"))
        return FORMAT_ODS;
      if (contains (bytes, length, "xl/") || contains (bytes, length, "[Content_Types].xml"))
        return FORMAT_XLSX;
      return FORMAT_ZIP;
    }
  if (length >= 8 && memcmp (bytes, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
    return FORMAT_XLS;
  if (length >= 2 && (memcmp (bytes, "\xFF\xFE", 2) == 0 || memcmp (bytes, "\xFE\xFF", 2) == 0))
    return FORMAT_UTF16;

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
    return FORMAT_UTF16;
  return FORMAT_CSV;
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

static gboolean
report_format (AnvCsvReader  *self,
               Format         format,
               GError       **error)
{
  g_autofree char *name = g_strdup (self->name ? self->name : _("The file"));
  const char *how = how_to_save ();
  g_autofree char *what = NULL;

  switch (format)
    {
    case FORMAT_XLSX:
      /* Translators: %s is a file's name, or "The file" */
      what = g_strdup_printf (_("%s is an Excel workbook (.xlsx), not a CSV file."), name);
      break;
    case FORMAT_ODS:
      /* Translators: %s is a file's name, or "The file" */
      what = g_strdup_printf (_("%s is a LibreOffice Calc spreadsheet (.ods), not a CSV "
                                "file."), name);
      break;
    case FORMAT_ZIP:
      /* Translators: %s is a file's name, or "The file" */
      what = g_strdup_printf (_("%s is a compressed (zip) file, not a CSV file."), name);
      break;
    case FORMAT_XLS:
      /* Translators: %s is a file's name, or "The file" */
      what = g_strdup_printf (_("%s is an Excel workbook (.xls), not a CSV file."), name);
      break;
    case FORMAT_UTF16:
      /* Translators: %s is a file's name, or "The file"; Excel calls UTF-16
       * “Unicode text” */
      what = g_strdup_printf (_("%s is saved as UTF-16 (“Unicode text”), which Anvisa does "
                                "not read."), name);
      break;
    case FORMAT_CSV:
    default:
      g_assert_not_reached ();
    }

  g_set_error (error, ANV_CSV_ERROR, ANV_CSV_ERROR_FORMAT, "%s %s", what, how);
  return FALSE;
}

/* Reading */

AnvCsvReader *
anv_csv_reader_new (GInputStream *stream)
{
  AnvCsvReader *self = g_new0 (AnvCsvReader, 1);

  self->stream = g_object_ref (stream);
  self->chunk = g_malloc (CHUNK_SIZE);
  self->line = 1;
  self->at_line_start = TRUE;
  self->building = record_new ();
  self->building->line = 1;
  self->spare = g_ptr_array_new_with_free_func (record_free);
  g_queue_init (&self->ready);
  return self;
}

AnvCsvReader *
anv_csv_reader_new_for_path (const char  *path,
                             GError     **error)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFileInputStream) stream = NULL;
  g_autoptr (GError) local_error = NULL;

  stream = g_file_read (file, NULL, &local_error);
  if (stream == NULL)
    {
      g_autofree char *shown = anv_text_quote_path (path);
      /* The system's words repeat the path as it was typed */
      g_autofree char *reason = anv_text_quote_path (local_error->message);

      g_set_error (error, ANV_CSV_ERROR, ANV_CSV_ERROR_READ,
                   /* Translators: %1$s is a file, %2$s the system's reason */
                   _("The file %1$s cannot be read: %2$s"), shown, reason);
      return NULL;
    }
  {
    AnvCsvReader *self = anv_csv_reader_new (G_INPUT_STREAM (stream));
    g_autofree char *basename = g_filename_display_basename (path);
    g_autofree char *shown = anv_text_quote (basename);

    /* Translators: a file's name as the subject of a sentence */
    self->name = g_strdup_printf (_("The file “%s”"), shown);
    return self;
  }
}

void
anv_csv_reader_free (AnvCsvReader *self)
{
  if (self == NULL)
    return;
  if (self->parser_ready)
    csv_free (&self->parser);
  g_queue_clear_full (&self->ready, record_free);
  g_clear_pointer (&self->building, record_free);
  g_clear_pointer (&self->current, record_free);
  g_ptr_array_unref (self->spare);
  g_object_unref (self->stream);
  g_free (self->chunk);
  g_free (self->name);
  g_free (self);
}

static gboolean
fill_chunk (AnvCsvReader  *self,
            GError       **error)
{
  g_autoptr (GError) local_error = NULL;
  gssize n;

  n = g_input_stream_read (self->stream, self->chunk, CHUNK_SIZE, NULL, &local_error);
  if (n < 0)
    {
      g_set_error (error, ANV_CSV_ERROR, ANV_CSV_ERROR_READ,
                   _("The file cannot be read after line %1$u: %2$s"),
                   self->line, local_error->message);
      return FALSE;
    }
  self->chunk_len = (gsize) n;
  self->chunk_pos = 0;
  self->bytes_read += (guint64) n;
  self->at_eof = n == 0;
  return TRUE;
}

/* The separator is the one of `;`, `,` and tab that the header row uses
 * most often outside quotes (`;` on a tie: what Swedish Excel writes; a
 * tab only where it is the most frequent, as in Excel's "Text (Tab
 * delimited)"). */
static char
detect_separator (const char *bytes,
                  gsize       length)
{
  guint semicolons = 0, commas = 0, tabs = 0;
  gboolean quoted = FALSE;

  for (gsize i = 0; i < length && bytes[i] != '\n' && bytes[i] != '\r'; i++)
    {
      if (bytes[i] == '"')
        quoted = !quoted;
      else if (!quoted && bytes[i] == ';')
        semicolons++;
      else if (!quoted && bytes[i] == ',')
        commas++;
      else if (!quoted && bytes[i] == '\t')
        tabs++;
    }
  if (tabs > semicolons && tabs > commas)
    return '\t';
  return commas > semicolons ? ',' : ';';
}

static gboolean
start_parser (AnvCsvReader  *self,
              GError       **error)
{
  Format format;

  if (!fill_chunk (self, error))
    return FALSE;

  format = detect_format (self->chunk, self->chunk_len);
  if (format != FORMAT_CSV)
    {
      self->finished = TRUE;
      return report_format (self, format, error);
    }

  if (self->chunk_len >= 3 && memcmp (self->chunk, "\xEF\xBB\xBF", 3) == 0)
    self->chunk_pos = 3;

  self->separator = detect_separator (self->chunk + self->chunk_pos,
                                      self->chunk_len - self->chunk_pos);

  if (csv_init (&self->parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
    g_error ("libcsv could not allocate its parser");
  csv_set_delim (&self->parser, (unsigned char) self->separator);
  self->parser_ready = TRUE;
  return TRUE;
}

/* @line: where the quotation mark is misplaced, or where the record with
 * the one never closed starts. */
static gboolean
report_syntax_error (guint    line,
                     GError **error)
{
  g_set_error (error, ANV_CSV_ERROR, ANV_CSV_ERROR_SYNTAX,
               /* Translators: %u is a line number */
               _("Line %u: a quotation mark is misplaced or never closed. Put quotation "
                 "marks only around whole fields, and write a quotation mark inside a "
                 "field as two (\"\")."),
               line);
  return FALSE;
}

static gboolean
report_too_long (AnvCsvReader  *self,
                 GError       **error)
{
  guint mib = ANV_CSV_MAX_RECORD_BYTES / (1024 * 1024);

  self->finished = TRUE;
  if (self->building->line == self->line)
    g_set_error (error, ANV_CSV_ERROR, ANV_CSV_ERROR_TOO_LONG,
                 /* Translators: %1$u is a line number, %2$u a size in MiB */
                 _("Line %1$u is longer than %2$u MiB, far longer than any row Anvisa "
                   "reads, so the file was not read further. Check that it is the right "
                   "file, saved as CSV."),
                 self->line, mib);
  else
    g_set_error (error, ANV_CSV_ERROR, ANV_CSV_ERROR_TOO_LONG,
                 /* Translators: %1$u and %3$u are line numbers, %2$u a size in MiB */
                 _("The row that starts on line %1$u is longer than %2$u MiB by line %3$u: "
                   "most likely a quotation mark in it is never closed. Put quotation "
                   "marks only around whole fields."),
                 self->building->line, mib, self->line);
  return FALSE;
}

/* Feeds the parser up to and including the end of the next line (LF,
 * CR LF, or a CR alone as old Mac files have it: libcsv ends a record at
 * each), or to the end of the chunk, noting where each record starts. */
static gboolean
feed_piece (AnvCsvReader  *self,
            GError       **error)
{
  const char *start = self->chunk + self->chunk_pos;
  gsize available = self->chunk_len - self->chunk_pos;
  gboolean split_crlf = self->after_cr && start[0] == '\n';
  gsize length;
  gboolean ends_line;

  if (split_crlf)
    {
      /* The LF of a CR LF that a chunk's end split: no other line. */
      length = 1;
      ends_line = FALSE;
    }
  else
    {
      const char *newline = memchr (start, '\n', available);
      gsize before = newline ? (gsize) (newline - start) : available;
      const char *cr = memchr (start, '\r', before);

      if (cr != NULL && cr + 1 != newline)
        length = (gsize) (cr - start) + 1;
      else
        length = newline ? before + 1 : available;
      ends_line = newline != NULL || cr != NULL;
    }

  if (self->at_line_start && self->parser.pstate == LIBCSV_ROW_NOT_BEGUN
      && self->building->spans->len == 0)
    self->building->line = self->line;

  /* Refused before the parser holds it: memory stays bounded whatever
   * the file holds. */
  if (self->record_bytes + length > ANV_CSV_MAX_RECORD_BYTES)
    return report_too_long (self, error);
  self->record_bytes += length;

  if (csv_parse (&self->parser, start, length, field_cb, row_cb, self) != length)
    return report_syntax_error (self->line, error);

  self->chunk_pos += length;
  self->after_cr = ends_line && start[length - 1] == '\r';
  if (ends_line)
    {
      self->at_line_start = TRUE;
      self->line++;
    }
  else if (!split_crlf)
    self->at_line_start = FALSE;
  return TRUE;
}

static gboolean check_row_encoding (AnvCsvReader  *self,
                                    GError       **error);

gboolean
anv_csv_reader_next (AnvCsvReader  *self,
                     GError       **error)
{
  give_back (self, g_steal_pointer (&self->current));

  if (!self->parser_ready)
    {
      /* After a refused format: nothing more. */
      if (self->finished)
        return FALSE;
      if (!start_parser (self, error))
        return FALSE;
    }

  while (g_queue_is_empty (&self->ready) && !self->finished)
    {
      if (self->chunk_pos < self->chunk_len)
        {
          if (!feed_piece (self, error))
            return FALSE;
        }
      else if (!self->at_eof)
        {
          if (!fill_chunk (self, error))
            return FALSE;
        }
      else
        {
          /* At the end of the file only a quoted field can be open: the
           * line to name is the one its record starts on, not the last. */
          self->finished = TRUE;
          if (csv_fini (&self->parser, field_cb, row_cb, self) != 0)
            return report_syntax_error (self->building->line, error);
        }
    }

  self->current = g_queue_pop_head (&self->ready);
  if (self->current != NULL && !check_row_encoding (self, error))
    {
      /* Refused: nothing more, not even rows already parsed. */
      self->finished = TRUE;
      give_back (self, g_steal_pointer (&self->current));
      while (!g_queue_is_empty (&self->ready))
        give_back (self, g_queue_pop_head (&self->ready));
      return FALSE;
    }
  return self->current != NULL;
}

guint
anv_csv_reader_n_fields (AnvCsvReader *self)
{
  return self->current ? self->current->spans->len : 0;
}

const char *
anv_csv_reader_field (AnvCsvReader *self,
                      guint         index)
{
  g_return_val_if_fail (self->current != NULL, NULL);

  if (index >= self->current->spans->len)
    return "";
  return self->current->bytes->str + g_array_index (self->current->spans, Span, index).start;
}

gsize
anv_csv_reader_field_length (AnvCsvReader *self,
                             guint         index)
{
  g_return_val_if_fail (self->current != NULL, 0);

  if (index >= self->current->spans->len)
    return 0;
  return g_array_index (self->current->spans, Span, index).length;
}

guint
anv_csv_reader_line (AnvCsvReader *self)
{
  return self->current ? self->current->line : self->line;
}

char
anv_csv_reader_separator (AnvCsvReader *self)
{
  return self->separator;
}

guint64
anv_csv_reader_bytes_read (AnvCsvReader *self)
{
  return self->bytes_read;
}

static int
find_group (const char *const *names,
            const char        *header)
{
  for (int group = 0; names[group] != NULL; group++)
    {
      g_auto (GStrv) synonyms = g_strsplit (names[group], "|", -1);

      for (guint i = 0; synonyms[i] != NULL; i++)
        if (g_utf8_collate (synonyms[i], header) == 0
            || g_ascii_strcasecmp (synonyms[i], header) == 0)
          return group;
    }
  return -1;
}

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
 * and the officer can save it right in a minute. Returns FALSE, with
 * @error set, if field @index is such text. */
static gboolean
check_windows_1252 (AnvCsvReader  *self,
                    guint          line,
                    guint          index,
                    GError       **error)
{
  const char *raw = anv_csv_reader_field (self, index);
  gsize length = anv_csv_reader_field_length (self, index);
  g_autofree char *name = NULL;
  g_autofree char *converted = NULL;
  g_autofree char *shown = NULL;

  if (g_utf8_validate (raw, (gssize) length, NULL))
    return TRUE;
  converted = windows_1252_text (raw, length);
  if (converted == NULL)
    return TRUE;

  name = g_strdup (self->name ? self->name : _("The file"));
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

/* A heading that is not UTF-8 is refused: Windows-1252 is said as such
 * (check_windows_1252()), anything else as not text. */
static gboolean
check_heading_encoding (AnvCsvReader  *self,
                        guint          index,
                        GError       **error)
{
  const char *raw = anv_csv_reader_field (self, index);
  g_autofree char *name = NULL;

  if (!check_windows_1252 (self, 0, index, error))
    return FALSE;
  if (g_utf8_validate (raw, -1, NULL))
    return TRUE;

  name = g_strdup (self->name ? self->name : _("The file"));
  g_set_error (error, ANV_CSV_ERROR, ANV_CSV_ERROR_FORMAT,
               /* Translators: %1$s is a file's name, or "The file"; %2$u a column
                * number; %3$s says how to save as CSV UTF-8 */
               _("%1$s is not UTF-8 text: the heading of column %2$u cannot be read. "
                 "%3$s"),
               name, index + 1, how_to_save ());
  return FALSE;
}

static gboolean
has_high_bytes (const char *raw,
                gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if ((guchar) raw[i] >= 0x80)
      return TRUE;
  return FALSE;
}

/* A row after the header row: one that holds Windows-1252 text ends the
 * file with one message, not one per field of every row. Not in a file
 * that has shown letters in UTF-8 (in the header or a row so far): such a
 * file is UTF-8, and its few bytes that are not stay the fields' own
 * problems. */
static gboolean
check_row_encoding (AnvCsvReader  *self,
                    GError       **error)
{
  guint n_fields = anv_csv_reader_n_fields (self);

  for (guint i = 0; i < n_fields && !self->utf8_seen; i++)
    {
      const char *raw = anv_csv_reader_field (self, i);
      gsize length = anv_csv_reader_field_length (self, i);

      if (has_high_bytes (raw, length) && g_utf8_validate (raw, (gssize) length, NULL))
        self->utf8_seen = TRUE;
    }
  if (self->header_width == 0 || self->utf8_seen)
    return TRUE;
  for (guint i = 0; i < n_fields; i++)
    if (!check_windows_1252 (self, self->current->line, i, error))
      return FALSE;
  return TRUE;
}

gboolean
anv_csv_reader_map_header (AnvCsvReader      *self,
                           const char *const *names,
                           int               *columns,
                           GError           **error)
{
  guint n_groups = g_strv_length ((char **) names);

  for (guint group = 0; group < n_groups; group++)
    columns[group] = -1;

  for (guint i = 0; i < anv_csv_reader_n_fields (self); i++)
    if (!check_heading_encoding (self, i, error))
      return FALSE;

  for (guint i = 0; i < anv_csv_reader_n_fields (self); i++)
    {
      g_autofree char *raw = g_strstrip (g_strdup (anv_csv_reader_field (self, i)));
      /* Messages quote it: bytes that are not UTF-8 become U+FFFD. */
      g_autofree char *header = g_utf8_make_valid (raw, -1);
      g_autofree char *folded = g_utf8_strdown (header, -1);
      int group = find_group (names, folded);

      if (group < 0)
        {
          g_autofree char *accepted = g_strjoinv (", ", (char **) names);
          g_autofree char *readable = g_strdelimit (g_steal_pointer (&accepted), "|", '/');
          g_autofree char *shown = anv_text_quote (header);

          g_set_error (error, ANV_CSV_ERROR, ANV_CSV_ERROR_HEADER,
                       /* Translators: %1$u is a column number, %2$s its heading, %3$s a list */
                       _("Column %1$u of the header row, “%2$s”, is not a column Anvisa "
                         "knows. The columns are: %3$s."),
                       i + 1, shown, readable);
          return FALSE;
        }
      if (columns[group] >= 0)
        {
          g_autofree char *shown = anv_text_quote (header);

          g_set_error (error, ANV_CSV_ERROR, ANV_CSV_ERROR_HEADER,
                       _("Column %1$u of the header row, “%2$s”, repeats column %3$d. "
                         "Remove one of them."),
                       i + 1, shown, columns[group] + 1);
          return FALSE;
        }
      columns[group] = (int) i;
    }
  self->header_width = anv_csv_reader_n_fields (self);
  return TRUE;
}

gboolean
anv_csv_reader_check_width (AnvCsvReader  *self,
                            GError       **error)
{
  guint n_fields = anv_csv_reader_n_fields (self);

  if (self->header_width == 0)
    return TRUE;
  for (guint i = self->header_width; i < n_fields; i++)
    if (anv_csv_reader_field_length (self, i) > 0 && self->separator == '\t')
      {
        g_set_error (error, ANV_CSV_ERROR, ANV_CSV_ERROR_WIDTH,
                     /* Translators: %1$u and %2$u count fields */
                     _("The row has %1$u fields, more than the %2$u columns of the header "
                       "row, so a value would be lost. Remove the tab from the field that "
                       "holds one."),
                     n_fields, self->header_width);
        return FALSE;
      }
    else if (anv_csv_reader_field_length (self, i) > 0)
      {
        g_set_error (error, ANV_CSV_ERROR, ANV_CSV_ERROR_WIDTH,
                     /* Translators: %1$u and %2$u count fields; %3$c is ; or , */
                     _("The row has %1$u fields, more than the %2$u columns of the header "
                       "row, so a value would be lost. Put quotation marks around a field "
                       "that contains %3$c."),
                     n_fields, self->header_width, self->separator);
        return FALSE;
      }
  return TRUE;
}

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
