/* anv-import-report.h — how an import tells what it found
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* At most this many errors are passed to @row_error; the rest are only
 * counted (AnvImportReport.n_errors), so that a file of a million bad rows
 * neither floods a terminal nor fills memory. The window and anvisa-cli
 * list the same number. */
#define ANV_IMPORT_MAX_LISTED_ERRORS 1000

/* Called for the first ANV_IMPORT_MAX_LISTED_ERRORS bad fields or rows, in
 * file order. @column is the column's heading as written in the file, or
 * NULL for the whole row. */
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
  guint64         n_errors;     /* errors found, listed or not */
  guint64         n_listed;     /* errors passed to @row_error */
} AnvImportReport;

/* For the imports: counts the error and passes it on if fewer than
 * ANV_IMPORT_MAX_LISTED_ERRORS were. @report may be NULL. */
void  anv_import_report_row_error     (AnvImportReport *report,
                                       guint            line,
                                       const char      *column,
                                       const char      *message);

/* The sentence to show after the listed errors when some were left out
 * ("The first 1 000 of 5 000 errors are listed."), or NULL when every
 * error was listed. */
char *anv_import_report_describe_more (const AnvImportReport *report);

/* Sets @error to "N rows are wrong, so nothing was imported", the count
 * grouped, in the import's own @domain and @code. */
void  anv_import_report_set_bad_rows  (const AnvImportReport  *report,
                                       GQuark                  domain,
                                       gint                    code,
                                       GError                **error);

/* Errors found while an import holds the write lock, kept (the first
 * ANV_IMPORT_MAX_LISTED_ERRORS of them; the rest counted) to be reported
 * after the rollback, so that no one waits for the lock while they are
 * shown. */
typedef struct _AnvImportHeld AnvImportHeld;

AnvImportHeld *anv_import_held_new    (void);
void           anv_import_held_add    (AnvImportHeld   *held,
                                       guint            line,
                                       const char      *column,
                                       const char      *message);
/* Reports what @held kept through @report, and frees @held. */
void           anv_import_held_report (AnvImportHeld   *held,
                                       AnvImportReport *report);
void           anv_import_held_free   (AnvImportHeld   *held);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnvImportHeld, anv_import_held_free)

G_END_DECLS
