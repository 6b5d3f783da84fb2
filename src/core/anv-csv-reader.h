/* anv-csv-reader.h — reads CSV records one at a time, with line numbers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ANV_CSV_ERROR (anv_csv_error_quark ())

typedef enum
{
  ANV_CSV_ERROR_READ,       /* the file cannot be read */
  ANV_CSV_ERROR_SYNTAX,     /* a quote is misplaced or never closed */
  ANV_CSV_ERROR_EMPTY,      /* no header row */
  ANV_CSV_ERROR_HEADER,     /* a column is missing, unknown or doubled */
  ANV_CSV_ERROR_WIDTH,      /* a record has a value beyond the header's columns */
  ANV_CSV_ERROR_FORMAT,     /* not CSV text: a workbook, UTF-16, another encoding */
  ANV_CSV_ERROR_TOO_LONG,   /* a line or record longer than ANV_CSV_MAX_RECORD_BYTES */
} AnvCsvError;

/* The longest record (one line, or several where a quoted field holds line
 * breaks) a reader accepts: far above any real row, and what keeps the
 * memory of a reader bounded whatever the file holds. */
#define ANV_CSV_MAX_RECORD_BYTES (1024 * 1024)

typedef struct _AnvCsvReader AnvCsvReader;

GQuark        anv_csv_error_quark       (void);

/* Reads @stream, which may start with a UTF-8 byte order mark. The
 * separator (`;`, `,` or a tab) is taken from the header row. A workbook
 * (.xlsx, .ods, .xls) or a file in UTF-16 is refused at the first
 * anv_csv_reader_next() with ANV_CSV_ERROR_FORMAT, saying how to save it
 * as CSV UTF-8. */
AnvCsvReader *anv_csv_reader_new        (GInputStream *stream);
AnvCsvReader *anv_csv_reader_new_for_path (const char *path,
                                           GError    **error);
void          anv_csv_reader_free       (AnvCsvReader *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnvCsvReader, anv_csv_reader_free)

/* Moves to the next record, skipping blank ones. Returns FALSE at the end
 * of the file (with @error unset) or on an error. After a header row has
 * been mapped, a record holding text in Windows-1252 ("ANSI") rather than
 * UTF-8 is ANV_CSV_ERROR_FORMAT, saying how to save the file as CSV UTF-8,
 * and ends the reading; bytes that are neither, and any in a file that has
 * shown letters in UTF-8 before, are left to the caller. */
gboolean      anv_csv_reader_next       (AnvCsvReader *self,
                                         GError      **error);

guint         anv_csv_reader_n_fields   (AnvCsvReader *self);
/* The field's bytes, NUL-terminated; a field holding a NUL byte is cut
 * there: compare anv_csv_reader_field_length() with strlen() to tell. */
const char   *anv_csv_reader_field      (AnvCsvReader *self,
                                         guint         index);
gsize         anv_csv_reader_field_length (AnvCsvReader *self,
                                           guint         index);
/* The line (from 1) on which the current record starts. */
guint         anv_csv_reader_line       (AnvCsvReader *self);
guint64       anv_csv_reader_bytes_read (AnvCsvReader *self);

/* Matches the current record, as a header row, against @names (NULL-
 * terminated groups of synonyms separated by '|', e.g. "name|namn").
 * @columns receives, per group, the field index or -1. Unknown and doubled
 * columns are errors; a heading that is not UTF-8 is ANV_CSV_ERROR_FORMAT
 * (most often a file saved as Windows-1252, "ANSI"). */
gboolean      anv_csv_reader_map_header (AnvCsvReader      *self,
                                         const char *const *names,
                                         int               *columns,
                                         GError           **error);

/* After anv_csv_reader_map_header(): whether the current record has no
 * value beyond the header row's columns (empty fields there are fine). A
 * value there would be lost, most often because a field holds the
 * separator without quotation marks; @error says so. */
gboolean      anv_csv_reader_check_width (AnvCsvReader *self,
                                          GError      **error);

/* Whether @text is a number as a spreadsheet shows it in scientific
 * notation ("1,98001E+11", "5.56E+09"): a personnummer or
 * organisationsnummer in a column formatted as a number. If so, @error
 * says how to keep the digits. */
gboolean      anv_csv_check_not_scientific (const char  *text,
                                            GError     **error);

G_END_DECLS
