/* anv-csv-writer.c — writes CSV row by row, for Excel or for other tools
 *
 * RFC 4180 quoting, OWASP's neutralization of formula-like text, and the
 * two profiles of reporting: excel-sv (';', BOM, decimal comma) and
 * rfc4180 (','). Both end lines with CRLF.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-csv-writer"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include "anv-csv-writer.h"

/* Rows are collected to about this size before a write. */
#define FLUSH_SIZE (64 * 1024)

#define UTF8_BOM "\xEF\xBB\xBF"

struct _AnvCsvWriter
{
  AnvCsvProfile  profile;
  char           separator;
  char           decimal_mark;
  GOutputStream *stream;     /* one of these two, not owned */
  FILE          *file;
  GString       *buffer;
  gboolean       row_has_cells;
  guint64        n_rows;
};

static AnvCsvWriter *
create_writer (AnvCsvProfile profile)
{
  AnvCsvWriter *self = g_new0 (AnvCsvWriter, 1);

  self->profile = profile;
  self->separator = profile == ANV_CSV_PROFILE_EXCEL_SV ? ';' : ',';
  self->decimal_mark = profile == ANV_CSV_PROFILE_EXCEL_SV ? ',' : '.';
  self->buffer = g_string_sized_new (FLUSH_SIZE + 1024);
  if (profile == ANV_CSV_PROFILE_EXCEL_SV)
    g_string_append (self->buffer, UTF8_BOM);
  return self;
}

static void
start_cell (AnvCsvWriter *self)
{
  if (self->row_has_cells)
    g_string_append_c (self->buffer, self->separator);
  self->row_has_cells = TRUE;
}

static gboolean
is_formula_start (char c)
{
  return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' || c == '\n';
}

static gboolean
needs_quotes (const char *text,
              char        separator)
{
  for (const char *p = text; *p != '\0'; p++)
    if (*p == separator || *p == '"' || *p == '\r' || *p == '\n')
      return TRUE;
  return FALSE;
}

static void
append_quoted (GString    *buffer,
               const char *prefix,
               const char *text)
{
  g_string_append_c (buffer, '"');
  g_string_append (buffer, prefix);
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (buffer, '"');
      g_string_append_c (buffer, *p);
    }
  g_string_append_c (buffer, '"');
}

static gboolean
write_buffer (AnvCsvWriter  *self,
              GError       **error)
{
  if (self->buffer->len == 0)
    return TRUE;

  if (self->stream != NULL)
    {
      if (!g_output_stream_write_all (self->stream, self->buffer->str, self->buffer->len,
                                      NULL, NULL, error))
        return FALSE;
    }
  else
    {
      errno = 0;
      if (fwrite (self->buffer->str, 1, self->buffer->len, self->file) != self->buffer->len)
        {
          int saved_errno = errno != 0 ? errno : EIO;

          g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                               g_strerror (saved_errno));
          return FALSE;
        }
    }

  g_string_truncate (self->buffer, 0);
  return TRUE;
}

AnvCsvWriter *
anv_csv_writer_new_for_stream (GOutputStream *stream,
                               AnvCsvProfile  profile)
{
  AnvCsvWriter *self;

  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), NULL);

  self = create_writer (profile);
  self->stream = stream;
  return self;
}

AnvCsvWriter *
anv_csv_writer_new_for_file (FILE          *file,
                             AnvCsvProfile  profile)
{
  AnvCsvWriter *self;

  g_return_val_if_fail (file != NULL, NULL);

  self = create_writer (profile);
  self->file = file;
  return self;
}

void
anv_csv_writer_free (AnvCsvWriter *self)
{
  if (self == NULL)
    return;
  g_string_free (self->buffer, TRUE);
  g_free (self);
}

char
anv_csv_writer_get_separator (AnvCsvWriter *self)
{
  return self->separator;
}

void
anv_csv_writer_add_text (AnvCsvWriter *self,
                         const char   *text)
{
  g_autofree char *valid = NULL;
  const char *prefix;

  start_cell (self);
  if (text == NULL || *text == '\0')
    return;

  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  prefix = is_formula_start (text[0]) ? "'" : "";
  if (needs_quotes (text, self->separator))
    append_quoted (self->buffer, prefix, text);
  else
    {
      g_string_append (self->buffer, prefix);
      g_string_append (self->buffer, text);
    }
}

void
anv_csv_writer_add_code (AnvCsvWriter *self,
                         const char   *code)
{
  if (code == NULL || *code == '\0' || code[strspn (code, "0123456789")] != '\0')
    {
      anv_csv_writer_add_text (self, code);
      return;
    }

  /* Only digits: nothing of it can be a formula of someone else's. */
  start_cell (self);
  g_string_append (self->buffer, "\"=\"\"");
  g_string_append (self->buffer, code);
  g_string_append (self->buffer, "\"\"\"");
}

void
anv_csv_writer_add_number (AnvCsvWriter *self,
                           gint64        value)
{
  start_cell (self);
  g_string_append_printf (self->buffer, "%" G_GINT64_FORMAT, value);
}

void
anv_csv_writer_add_decimal (AnvCsvWriter *self,
                            double        value,
                            guint         decimals)
{
  /* %f of a finite double: at most 309 digits, the point and 17 decimals. */
  char text[352];
  char format[16];
  char *point;

  start_cell (self);
  if (!isfinite (value))
    return;

  g_snprintf (format, sizeof format, "%%.%uf", MIN (decimals, 17u));
  g_ascii_formatd (text, sizeof text, format, value);
  point = strchr (text, '.');
  if (point != NULL)
    *point = self->decimal_mark;
  g_string_append (self->buffer, text);
}

void
anv_csv_writer_add_date (AnvCsvWriter *self,
                         const char   *iso_date)
{
  if (iso_date == NULL || !g_ascii_isdigit (iso_date[0])
      || iso_date[strspn (iso_date, "0123456789-")] != '\0')
    {
      anv_csv_writer_add_text (self, iso_date);
      return;
    }

  start_cell (self);
  g_string_append (self->buffer, iso_date);
}

gboolean
anv_csv_writer_end_row (AnvCsvWriter  *self,
                        GError       **error)
{
  g_string_append (self->buffer, "\r\n");
  self->row_has_cells = FALSE;
  self->n_rows++;

  if (self->buffer->len >= FLUSH_SIZE)
    return write_buffer (self, error);
  return TRUE;
}

gboolean
anv_csv_writer_flush (AnvCsvWriter  *self,
                      GError       **error)
{
  if (!write_buffer (self, error))
    return FALSE;

  if (self->stream != NULL)
    return g_output_stream_flush (self->stream, NULL, error);

  if (fflush (self->file) != 0)
    {
      int saved_errno = errno;

      g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                           g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

guint64
anv_csv_writer_get_n_rows (AnvCsvWriter *self)
{
  return self->n_rows;
}
