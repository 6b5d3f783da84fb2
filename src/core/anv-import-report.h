/* anv-import-report.h — how an import tells what it found
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Called once for every bad field or row, in file order. @column is the
 * column's heading as written in the file, or NULL for the whole row. */
typedef void (*AnvRowErrorFunc) (guint       line,
                                 const char *column,
                                 const char *message,
                                 gpointer    user_data);

/* Called now and then with the bytes read so far and the file's size
 * (0 when unknown). */
typedef void (*AnvProgressFunc) (guint64  done,
                                 guint64  total,
                                 gpointer user_data);

typedef struct
{
  AnvRowErrorFunc row_error;
  AnvProgressFunc progress;
  gpointer        user_data;

  /* Filled in by the import. */
  guint64         n_rows;       /* data rows read */
  guint64         n_bad_rows;   /* rows with at least one error */
  guint64         n_stored;     /* rows stored: n_rows, or 0 */
} AnvImportReport;

G_END_DECLS
