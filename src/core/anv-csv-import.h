/* anv-csv-import.h — the one driver of Anvisa's CSV imports: seekers, providers, availability
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "anv-csv-reader.h"
#include "anv-db.h"
#include "anv-import-report.h"

G_BEGIN_DECLS

#define ANV_IMPORT_ERROR (anv_import_error_quark ())

/* Of every import: a file that cannot be read fails in ANV_CSV_ERROR, the
 * database in ANV_DB_ERROR. */
typedef enum
{
  ANV_IMPORT_ERROR_BAD_ROWS,   /* some rows were wrong; nothing was stored */
} AnvImportError;

GQuark   anv_import_error_quark (void);

typedef struct _AnvCsvImport AnvCsvImport;

/* What makes one kind of import: its columns and its rows. */
typedef struct
{
  /* anv_csv_reader_map_header()'s names, one entry per column, NULL last */
  const char *const *columns;
  /* Each column's heading in messages when the file has not got it */
  const char *const *headings;
  /* The message for a file without even a header row, untranslated
   * (marked with N_()) */
  const char        *empty_message;
  /* Refuses (ANV_CSV_ERROR_HEADER) a header without a column the import
   * needs; @index is where each column is, -1 where it is not. */
  gboolean         (*check_header) (const int     *index,
                                    GError       **error);
  /* For anv_csv_import_run(): checks the current row, reporting each wrong
   * field with anv_csv_import_report(); while anv_csv_import_is_writing(),
   * stores it when nothing was wrong. */
  void             (*row)          (AnvCsvImport  *import,
                                    gpointer       user_data);
  /* For anv_csv_import_run(): before each pass over the file (may be
   * NULL). */
  void             (*pass_start)   (AnvCsvImport  *import,
                                    gpointer       user_data);
  /* The audit log's action and table for a stored file, or NULL when
   * every row audits itself. */
  const char        *audit_action;
  const char        *audit_table;
} AnvCsvImportKind;

/* Imports @path, all or nothing, as @kind says. A file is read twice: the
 * first pass checks every row with no lock held, so that others go on
 * working while a file with errors is read and its errors shown; only a
 * good file is read again, to store it, in one transaction. A pipe, which
 * cannot be read twice, has only the second pass, whose errors are held
 * until the rollback. */
gboolean      anv_csv_import_run           (AnvDb                  *db,
                                            const char             *path,
                                            const AnvCsvImportKind *kind,
                                            gpointer                user_data,
                                            AnvImportReport        *report,
                                            GError                **error);

/* For the row function. */
AnvDb        *anv_csv_import_get_db        (AnvCsvImport *import);
AnvCsvReader *anv_csv_import_get_reader    (AnvCsvImport *import);
/* Whether this pass stores the rows (in the transaction). */
gboolean      anv_csv_import_is_writing    (AnvCsvImport *import);
/* Whether anything was reported for the current row. */
gboolean      anv_csv_import_row_is_bad    (AnvCsvImport *import);
/* The field of @column (an index into the kind's columns) in the current
 * row: "" when the file has no such column. */
const char   *anv_csv_import_field         (AnvCsvImport *import,
                                            int           column);
gsize         anv_csv_import_field_length  (AnvCsvImport *import,
                                            int           column);
/* Whether the field holds a NUL character. */
gboolean      anv_csv_import_field_has_nul (AnvCsvImport *import,
                                            int           column);
/* Reports what is wrong in the current row's @column (-1: the whole row),
 * now or, while writing, after the rollback. */
void          anv_csv_import_report        (AnvCsvImport *import,
                                            int           column,
                                            const char   *message);

/* The pieces, for an import that reads its rows its own way (the job
 * seekers', in a thread of its own, in one pass). */

/* Zeroes the counts of @report. */
void          anv_csv_import_report_start  (AnvImportReport        *report);
/* The file's size for progress, 0 when unknown (a pipe). */
guint64       anv_csv_import_file_size     (const char             *path);
/* Whether @path can be read twice (a file, or nothing: then the first
 * pass reports that). */
gboolean      anv_csv_import_can_reread    (const char             *path);
/* Reads the header row of @reader: where @kind's columns are (@index),
 * and their headings as the file writes them (@headings, valid UTF-8,
 * NULL where the file has no such column; the caller frees them). */
gboolean      anv_csv_import_read_header   (AnvCsvReader           *reader,
                                            const AnvCsvImportKind *kind,
                                            int                    *index,
                                            char                  **headings,
                                            GError                **error);
/* Sets @error to "N rows are wrong, so nothing was imported"
 * (ANV_IMPORT_ERROR_BAD_ROWS) and returns FALSE. */
gboolean      anv_csv_import_fail_bad_rows (const AnvImportReport  *report,
                                            GError                **error);
/* Ends the import's transaction: audits "N rows from FILE" as @kind says,
 * commits and counts the rows stored; rolls back on failure. */
gboolean      anv_csv_import_commit        (AnvDb                  *db,
                                            const char             *path,
                                            const AnvCsvImportKind *kind,
                                            AnvImportReport        *report,
                                            GError                **error);

G_END_DECLS
