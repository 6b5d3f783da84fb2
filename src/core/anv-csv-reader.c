/* anv-csv-reader.c — reads CSV records one at a time, with line numbers
 *
 * libcsv is a push parser; this wraps it into a pull reader that keeps
 * memory constant (one chunk and the records of one line) and knows on
 * which line each record starts, so that every message can name it.
 * Whether the file is CSV UTF-8 at all (not a workbook, not UTF-16, not
 * Windows-1252) is asked of anv-csv-format.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-csv-reader"

#include "config.h"

#include <string.h>

#include <csv.h>
#include <glib/gi18n-lib.h>

#include "anv-csv-format-private.h"
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
  AnvCsvFormat format;

  if (!fill_chunk (self, error))
    return FALSE;

  format = anv_csv_format_detect (self->chunk, self->chunk_len);
  if (format != ANV_CSV_FORMAT_CSV)
    {
      self->finished = TRUE;
      return anv_csv_format_refuse (self->name, format, error);
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

      if (anv_csv_format_has_utf8_letters (raw, length))
        self->utf8_seen = TRUE;
    }
  if (self->header_width == 0 || self->utf8_seen)
    return TRUE;
  for (guint i = 0; i < n_fields; i++)
    if (!anv_csv_format_check_windows_1252 (self->name, anv_csv_reader_field (self, i),
                                            anv_csv_reader_field_length (self, i),
                                            self->current->line, i, error))
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
    if (!anv_csv_format_check_heading (self->name, anv_csv_reader_field (self, i),
                                       anv_csv_reader_field_length (self, i), i, error))
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
