/* anv-csv-writer.h — writes CSV row by row, for Excel or for other tools
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdio.h>

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  ANV_CSV_PROFILE_EXCEL_SV,   /* ';', UTF-8 with BOM, CRLF, decimal comma */
  ANV_CSV_PROFILE_RFC4180,    /* ',', no BOM, CRLF */
} AnvCsvProfile;

typedef struct _AnvCsvWriter AnvCsvWriter;

/* A writer to @stream or @file, which the caller keeps open and closes
 * after anv_csv_writer_flush(). The byte order mark (excel-sv) is written
 * with the first flush. Rows are buffered and written in blocks: memory
 * stays constant however many rows are written. */
AnvCsvWriter *anv_csv_writer_new_for_stream (GOutputStream *stream,
                                             AnvCsvProfile  profile);
AnvCsvWriter *anv_csv_writer_new_for_file   (FILE          *file,
                                             AnvCsvProfile  profile);
void          anv_csv_writer_free           (AnvCsvWriter  *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnvCsvWriter, anv_csv_writer_free)

char          anv_csv_writer_get_separator  (AnvCsvWriter  *self);

/* Adds a cell of free text to the current row (NULL: an empty cell). A
 * text a spreadsheet would take for a formula — starting with '=', '+',
 * '-', '@', tab, CR or LF — gets a leading "'" (OWASP, CSV injection).
 * Quoted as RFC 4180 requires. Invalid UTF-8 is replaced by U+FFFD. */
void          anv_csv_writer_add_text       (AnvCsvWriter  *self,
                                             const char    *text);

/* A code whose leading zeros matter: a municipality's "0114", a county's
 * "01". Digits are written as the formula ="0114" (quoted, as RFC 4180
 * wants a cell with quotes: "=""0114"""), which LibreOffice Calc and
 * Excel both open as the text 0114, where the bare digits would become
 * the number 114. Anything else is written as add_text() writes it; NULL:
 * an empty cell. */
void          anv_csv_writer_add_code       (AnvCsvWriter  *self,
                                             const char    *code);

/* Numbers as Anvisa formats them: digits only, never a thousands
 * separator. */
void          anv_csv_writer_add_number     (AnvCsvWriter  *self,
                                             gint64         value);
/* With @decimals digits after the profile's decimal mark (a comma for
 * excel-sv, a point for rfc4180). A value that is not finite is an empty
 * cell. */
void          anv_csv_writer_add_decimal    (AnvCsvWriter  *self,
                                             double         value,
                                             guint          decimals);
/* An ISO date or month ("2020-04-30", "2020-04") as it is; NULL: an empty
 * cell. Anything else than digits and '-' is written as text. */
void          anv_csv_writer_add_date       (AnvCsvWriter  *self,
                                             const char    *iso_date);

/* Ends the current row with CRLF; writes the buffer out when it is full. */
gboolean      anv_csv_writer_end_row        (AnvCsvWriter  *self,
                                             GError       **error);

/* Writes out whatever is buffered (in G_IO_ERROR on failure). */
gboolean      anv_csv_writer_flush          (AnvCsvWriter  *self,
                                             GError       **error);

/* The rows ended so far, the header row included. */
guint64       anv_csv_writer_get_n_rows     (AnvCsvWriter  *self);

G_END_DECLS
