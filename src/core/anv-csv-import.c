/* anv-csv-import.c — the one driver of Anvisa's CSV imports: seekers, providers, availability
 *
 * Every import reads a CSV file with a header row naming its columns
 * (English or Swedish), checks every row, reports every wrong field and
 * stores all of the file or nothing. This file does that once: opening,
 * the header, the passes, the counts, progress, the transaction and its
 * rollback, and the one "N rows are wrong" error; an import gives its
 * columns and a function for a row (AnvCsvImportKind).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-csv-import"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "anv-audit.h"
#include "anv-csv-import.h"
#include "anv-db-private.h"

/* Progress is told every so many rows, and at the end of a pass. */
#define PROGRESS_EVERY 4096

G_DEFINE_QUARK (anv-import-error-quark, anv_import_error)

struct _AnvCsvImport
{
  AnvDb                  *db;
  const AnvCsvImportKind *kind;
  gpointer                user_data;
  AnvImportReport        *report;
  AnvCsvReader           *reader;
  guint                   n_columns;
  int                    *index;        /* where each column is, or -1 */
  char                  **headings;     /* as the file writes them, or NULL */
  gboolean                row_bad;
  AnvImportHeld          *held;         /* while writing: the errors, for after the rollback */
};

/* The pieces */

void
anv_csv_import_report_start (AnvImportReport *report)
{
  report->n_rows = report->n_bad_rows = report->n_stored = 0;
  report->n_errors = report->n_listed = 0;
}

guint64
anv_csv_import_file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (guint64) st.st_size : 0;
}

gboolean
anv_csv_import_can_reread (const char *path)
{
  return g_file_test (path, G_FILE_TEST_IS_REGULAR) || !g_file_test (path, G_FILE_TEST_EXISTS);
}

gboolean
anv_csv_import_read_header (AnvCsvReader            *reader,
                            const AnvCsvImportKind  *kind,
                            int                     *index,
                            char                   **headings,
                            GError                 **error)
{
  g_autoptr (GError) local_error = NULL;

  if (!anv_csv_reader_next (reader, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error_literal (error, ANV_CSV_ERROR, ANV_CSV_ERROR_EMPTY, _(kind->empty_message));
      return FALSE;
    }
  if (!anv_csv_reader_map_header (reader, kind->columns, index, error)
      || !kind->check_header (index, error))
    return FALSE;

  for (guint i = 0; kind->columns[i] != NULL; i++)
    {
      g_clear_pointer (&headings[i], g_free);
      if (index[i] >= 0)
        {
          const char *text = anv_csv_reader_field (reader, (guint) index[i]);
          g_autofree char *stripped = g_strstrip (g_strdup (text));

          headings[i] = g_utf8_make_valid (stripped, -1);
        }
    }
  return TRUE;
}

gboolean
anv_csv_import_fail_bad_rows (const AnvImportReport  *report,
                              GError                **error)
{
  anv_import_report_set_bad_rows (report, ANV_IMPORT_ERROR, ANV_IMPORT_ERROR_BAD_ROWS, error);
  return FALSE;
}

gboolean
anv_csv_import_commit (AnvDb                   *db,
                       const char              *path,
                       const AnvCsvImportKind  *kind,
                       AnvImportReport         *report,
                       GError                 **error)
{
  if (kind->audit_action != NULL)
    {
      g_autofree char *basename = g_path_get_basename (path);
      g_autofree char *details = g_strdup_printf ("%" G_GUINT64_FORMAT " rows from %s",
                                                  report->n_rows, basename);

      if (!anv_audit_append (db, kind->audit_action, kind->audit_table, NULL, details, error))
        {
          anv_db_rollback (db);
          return FALSE;
        }
    }
  if (!anv_db_commit (db, error))
    {
      anv_db_rollback (db);
      return FALSE;
    }
  report->n_stored = report->n_rows;
  return TRUE;
}

/* For the row function */

AnvDb *
anv_csv_import_get_db (AnvCsvImport *import)
{
  return import->db;
}

AnvCsvReader *
anv_csv_import_get_reader (AnvCsvImport *import)
{
  return import->reader;
}

gboolean
anv_csv_import_is_writing (AnvCsvImport *import)
{
  return import->held != NULL;
}

gboolean
anv_csv_import_row_is_bad (AnvCsvImport *import)
{
  return import->row_bad;
}

const char *
anv_csv_import_field (AnvCsvImport *import,
                      int           column)
{
  g_return_val_if_fail (column >= 0 && (guint) column < import->n_columns, "");

  if (import->index[column] < 0)
    return "";
  return anv_csv_reader_field (import->reader, (guint) import->index[column]);
}

gsize
anv_csv_import_field_length (AnvCsvImport *import,
                             int           column)
{
  g_return_val_if_fail (column >= 0 && (guint) column < import->n_columns, 0);

  if (import->index[column] < 0)
    return 0;
  return anv_csv_reader_field_length (import->reader, (guint) import->index[column]);
}

gboolean
anv_csv_import_field_has_nul (AnvCsvImport *import,
                              int           column)
{
  return strlen (anv_csv_import_field (import, column))
         != anv_csv_import_field_length (import, column);
}

void
anv_csv_import_report (AnvCsvImport *import,
                       int           column,
                       const char   *message)
{
  /* A message may quote a field that is not UTF-8. */
  g_autofree char *valid = g_utf8_make_valid (message, -1);
  guint line = anv_csv_reader_line (import->reader);
  const char *heading = NULL;

  if (column >= 0)
    heading = import->headings[column] ? import->headings[column]
                                       : import->kind->headings[column];
  import->row_bad = TRUE;
  if (import->held != NULL)
    anv_import_held_add (import->held, line, heading, valid);
  else
    anv_import_report_row_error (import->report, line, heading, valid);
}

/* The two passes */

static void
tell_progress (AnvCsvImport *import,
               guint64       total)
{
  guint64 read = anv_csv_reader_bytes_read (import->reader);
  AnvImportReport *report = import->report;

  /* Each pass is half of the work. */
  if (report->progress != NULL)
    report->progress (import->held != NULL ? total / 2 + read / 2 : read / 2, total,
                      report->user_data);
}

/* One pass over the file: the first (not writing) checks every row and
 * reports what is wrong; the second, in the transaction, checks again and
 * stores, holding back what it finds until the rollback. */
static gboolean
run_pass (AnvCsvImport  *import,
          const char    *path,
          guint64        total,
          GError       **error)
{
  g_autoptr (AnvCsvReader) reader = NULL;
  g_autoptr (GError) local_error = NULL;
  AnvImportReport *report = import->report;

  reader = anv_csv_reader_new_for_path (path, error);
  if (reader == NULL)
    return FALSE;
  import->reader = reader;
  report->n_rows = 0;
  if (import->kind->pass_start != NULL)
    import->kind->pass_start (import, import->user_data);
  if (!anv_csv_import_read_header (reader, import->kind, import->index, import->headings,
                                   error))
    {
      import->reader = NULL;
      return FALSE;
    }

  while (anv_csv_reader_next (reader, &local_error))
    {
      report->n_rows++;
      import->row_bad = FALSE;
      import->kind->row (import, import->user_data);
      if (import->row_bad)
        report->n_bad_rows++;
      if (report->n_rows % PROGRESS_EVERY == 0)
        tell_progress (import, total);
    }
  tell_progress (import, total);
  import->reader = NULL;
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

gboolean
anv_csv_import_run (AnvDb                   *db,
                    const char              *path,
                    const AnvCsvImportKind  *kind,
                    gpointer                 user_data,
                    AnvImportReport         *report,
                    GError                 **error)
{
  AnvImportReport quiet = { 0 };
  AnvCsvImport import = { 0 };
  guint64 total = anv_csv_import_file_size (path);
  gboolean ok = FALSE;

  g_return_val_if_fail (ANV_IS_DB (db), FALSE);
  g_return_val_if_fail (path != NULL && kind != NULL, FALSE);

  import.db = db;
  import.kind = kind;
  import.user_data = user_data;
  import.report = report ? report : &quiet;
  while (kind->columns[import.n_columns] != NULL)
    import.n_columns++;
  import.index = g_new (int, import.n_columns);
  import.headings = g_new0 (char *, import.n_columns + 1);
  anv_csv_import_report_start (import.report);

  /* The first pass checks, with no lock held. A pipe cannot be read
   * twice: it has only the second. */
  if (anv_csv_import_can_reread (path))
    {
      if (!run_pass (&import, path, total, error))
        goto out;
      if (import.report->n_bad_rows > 0)
        {
          anv_csv_import_fail_bad_rows (import.report, error);
          goto out;
        }
    }

  /* The second stores, in one transaction. */
  if (!anv_db_begin (db, error))
    goto out;
  import.held = anv_import_held_new ();
  if (!run_pass (&import, path, total, error))
    {
      anv_db_rollback (db);
      goto out;
    }
  if (import.report->n_bad_rows > 0)
    {
      anv_db_rollback (db);
      anv_import_held_report (g_steal_pointer (&import.held), import.report);
      anv_csv_import_fail_bad_rows (import.report, error);
      goto out;
    }
  ok = anv_csv_import_commit (db, path, kind, import.report, error);

out:
  g_clear_pointer (&import.held, anv_import_held_free);
  g_strfreev (import.headings);
  g_free (import.index);
  return ok;
}
