/* anv-csv-format-private.h — the checks of anv-csv-format.c, for the reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What the start of a file says it is. */
typedef enum
{
  ANV_CSV_FORMAT_CSV,
  ANV_CSV_FORMAT_XLSX,
  ANV_CSV_FORMAT_ODS,
  ANV_CSV_FORMAT_ZIP,
  ANV_CSV_FORMAT_XLS,
  ANV_CSV_FORMAT_UTF16,
} AnvCsvFormat;

/* The format of a file that starts with @bytes (@length of them). */
AnvCsvFormat anv_csv_format_detect             (const char    *bytes,
                                                gsize          length);

/* Sets @error (ANV_CSV_ERROR_FORMAT): the file @name (NULL: "The file")
 * is @format, not CSV, and how to save it as CSV UTF-8. Returns FALSE. */
gboolean     anv_csv_format_refuse             (const char    *name,
                                                AnvCsvFormat   format,
                                                GError       **error);

/* FALSE, with @error set, when @raw (@length bytes, field @index from 0
 * on @line, 0 for the header row, of the file @name) is not UTF-8 but
 * text in Windows-1252. */
gboolean     anv_csv_format_check_windows_1252 (const char    *name,
                                                const char    *raw,
                                                gsize          length,
                                                guint          line,
                                                guint          index,
                                                GError       **error);

/* A heading that is not UTF-8 is refused: Windows-1252 is said as such,
 * anything else as not text. */
gboolean     anv_csv_format_check_heading      (const char    *name,
                                                const char    *raw,
                                                gsize          length,
                                                guint          index,
                                                GError       **error);

/* Whether @raw holds a letter above ASCII and is valid UTF-8. */
gboolean     anv_csv_format_has_utf8_letters   (const char    *raw,
                                                gsize          length);

G_END_DECLS
