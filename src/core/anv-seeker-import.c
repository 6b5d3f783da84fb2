/* anv-seeker-import.c — registering many job seekers from a CSV file
 *
 * One transaction for the whole file: every row is checked and inserted,
 * and only if none was wrong is the transaction committed. The rows are
 * streamed, so a file of millions of rows needs no more memory than one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-import"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "anv-audit.h"
#include "anv-csv-reader.h"
#include "anv-date.h"
#include "anv-db-private.h"
#include "anv-seeker-import.h"
#include "anv-seekers-private.h"

#define PROGRESS_EVERY 4096

G_DEFINE_QUARK (anv-import-error-quark, anv_import_error)

enum { COL_PNR, COL_NAME, COL_MUNICIPALITY, COL_POSTAL, COL_PROTECTED, N_COLS };

static const char *const column_names[] = {
  "personnummer|pnr|personal_number|samordningsnummer",
  "name|namn",
  "municipality|municipality_code|kommun|kommunkod",
  "postal_code|postnummer|postnr",
  "protected|protected_identity|skyddad|skyddad_identitet|skyddade_personuppgifter",
  NULL
};

typedef struct
{
  AnvDb           *db;
  AnvCsvReader    *reader;
  AnvImportReport *report;
  const GDate     *today;
  char             registered_on[11];
  int              columns[N_COLS];
  char            *headings[N_COLS];   /* as written in the file, or NULL */
  gint64           last_id_before;
  gboolean         row_bad;
} Import;

static void
import_clear (Import *import)
{
  for (guint i = 0; i < N_COLS; i++)
    g_clear_pointer (&import->headings[i], g_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Import, import_clear)

static const char *
field (Import *import,
       int     column)
{
  if (import->columns[column] < 0)
    return "";
  return anv_csv_reader_field (import->reader, (guint) import->columns[column]);
}

static gsize
field_length (Import *import,
              int     column)
{
  if (import->columns[column] < 0)
    return 0;
  return anv_csv_reader_field_length (import->reader, (guint) import->columns[column]);
}

/* The column's heading as the file has it (AnvRowErrorFunc). */
static const char *
heading (Import *import,
         int     column)
{
  static const char *const english[] = {
    "personnummer", "name", "municipality", "postal_code", "protected"
  };
  return import->headings[column] ? import->headings[column] : english[column];
}

static void
report (Import     *import,
        int         column,
        const char *message)
{
  import->row_bad = TRUE;
  if (import->report->row_error != NULL)
    {
      /* A message may quote a field that is not UTF-8. */
      g_autofree char *valid = g_utf8_make_valid (message, -1);

      import->report->row_error (anv_csv_reader_line (import->reader),
                                 column >= 0 ? heading (import, column) : NULL,
                                 valid, import->report->user_data);
    }
}

static gboolean
parse_protected (const char *text,
                 gboolean   *out)
{
  static const char *const yes[] = { "1", "ja", "j", "yes", "y", "true", "x", NULL };
  static const char *const no[] = { "", "0", "nej", "n", "no", "false", NULL };
  g_autofree char *value = g_ascii_strdown (text, -1);

  g_strstrip (value);
  *out = g_strv_contains (yes, value);
  return *out || g_strv_contains (no, value);
}

static gboolean
has_nul (Import *import,
         int     column)
{
  return strlen (field (import, column)) != field_length (import, column);
}

static void
import_row (Import *import)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *municipality = NULL;
  g_autofree char *postal = NULL;
  AnvPersonnummer pnr;
  gboolean pnr_ok, protected_identity = FALSE;

  import->row_bad = FALSE;

  pnr_ok = !has_nul (import, COL_PNR)
           && anv_personnummer_parse (field (import, COL_PNR), import->today, &pnr, &error);
  if (!pnr_ok)
    report (import, COL_PNR, error ? error->message
                                   : _("The personnummer contains a NUL character."));
  g_clear_error (&error);

  name = anv_seeker_clean_name (field (import, COL_NAME), field_length (import, COL_NAME),
                                &error);
  if (name == NULL)
    report (import, COL_NAME, error->message);
  g_clear_error (&error);

  if (has_nul (import, COL_MUNICIPALITY) || has_nul (import, COL_POSTAL))
    report (import, has_nul (import, COL_POSTAL) ? COL_POSTAL : COL_MUNICIPALITY,
            _("The field contains a NUL character."));
  else
    {
      municipality = anv_seeker_resolve_municipality (import->db,
                                                      field (import, COL_MUNICIPALITY),
                                                      field (import, COL_POSTAL),
                                                      &postal, &error);
      if (municipality == NULL)
        report (import,
                g_error_matches (error, ANV_SEEKER_ERROR, ANV_SEEKER_ERROR_POSTAL_CODE)
                || import->columns[COL_MUNICIPALITY] < 0 ? COL_POSTAL : COL_MUNICIPALITY,
                error->message);
      g_clear_error (&error);
    }

  if (!parse_protected (field (import, COL_PROTECTED), &protected_identity))
    report (import, COL_PROTECTED,
            _("Write ja or nej (or leave it empty for nej) for protected identity."));

  if (import->row_bad)
    return;

  if (!anv_seeker_insert (import->db, pnr.digits, name, municipality, postal,
                          protected_identity, import->registered_on, NULL, &error))
    {
      if (g_error_matches (error, ANV_SEEKER_ERROR, ANV_SEEKER_ERROR_DUPLICATE)
          && import->last_id_before >= 0)
        {
          g_autofree char *masked = anv_personnummer_format_masked (pnr.digits);
          g_autoptr(GError) again = NULL;
          g_autoptr(AnvSeeker) other = anv_seekers_get (import->db, pnr.digits, import->today,
                                                        &again);

          if (other != NULL && other->id > import->last_id_before)
            {
              g_autofree char *message = g_strdup_printf (
                _("%s appears on an earlier line of this file too. Keep one of the rows."),
                masked);
              report (import, COL_PNR, message);
              return;
            }
        }
      report (import, error->domain == ANV_DB_ERROR ? -1 : COL_PNR, error->message);
    }
}

static gboolean
read_header (Import  *import,
             GError **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!anv_csv_reader_next (import->reader, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error_literal (error, ANV_CSV_ERROR, ANV_CSV_ERROR_EMPTY,
                             _("The file is empty. It needs a header row (personnummer, "
                               "name, municipality or postal_code) and a row per job "
                               "seeker."));
      return FALSE;
    }

  if (!anv_csv_reader_map_header (import->reader, column_names, import->columns, error))
    return FALSE;
  for (guint i = 0; i < N_COLS; i++)
    if (import->columns[i] >= 0)
      {
        const char *text = anv_csv_reader_field (import->reader, (guint) import->columns[i]);
        g_autofree char *stripped = g_strstrip (g_strdup (text));

        import->headings[i] = g_utf8_make_valid (stripped, -1);
      }

  if (import->columns[COL_PNR] < 0 || import->columns[COL_NAME] < 0
      || (import->columns[COL_MUNICIPALITY] < 0 && import->columns[COL_POSTAL] < 0))
    {
      g_set_error_literal (error, ANV_CSV_ERROR, ANV_CSV_ERROR_HEADER,
                           _("The header row must name the columns personnummer and name, "
                             "and municipality or postal_code (or both); protected is "
                             "optional. Swedish headings work too: personnummer, namn, "
                             "kommun, postnummer, skyddad."));
      return FALSE;
    }
  return TRUE;
}

static gint64
last_seeker_id (AnvDb   *db,
                GError **error)
{
  sqlite3_stmt *stmt = anv_db_statement (db, "SELECT coalesce (max (id), 0) FROM seeker",
                                         error);
  gint64 id = -1;
  int rc;

  if (stmt == NULL)
    return -1;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  else
    anv_db_set_error (db, rc, NULL, error);
  sqlite3_reset (stmt);
  return id;
}

static guint64
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (guint64) st.st_size : 0;
}

static gboolean
finish (Import      *import,
        const char  *path,
        GError     **error)
{
  g_autofree char *basename = g_path_get_basename (path);
  g_autofree char *details = g_strdup_printf ("%" G_GUINT64_FORMAT " rows from %s",
                                              import->report->n_rows, basename);

  if (!anv_seeker_index_names (import->db, import->last_id_before, error)
      || !anv_audit_append (import->db, "seeker.import", "seeker", NULL, details, error)
      || !anv_db_commit (import->db, error))
    {
      anv_db_rollback (import->db);
      return FALSE;
    }
  import->report->n_stored = import->report->n_rows;
  return TRUE;
}

gboolean
anv_seekers_import (AnvDb            *db,
                    const char       *path,
                    const GDate      *today,
                    AnvImportReport  *report,
                    GError          **error)
{
  g_autoptr(AnvCsvReader) reader = NULL;
  g_autoptr(GError) local_error = NULL;
  AnvImportReport quiet = { 0 };
  g_auto(Import) import = { 0 };
  guint64 total = file_size (path);

  import.db = db;
  import.today = today;
  import.report = report ? report : &quiet;
  import.report->n_rows = import.report->n_bad_rows = import.report->n_stored = 0;
  anv_date_format (today, import.registered_on);

  reader = anv_csv_reader_new_for_path (path, error);
  if (reader == NULL)
    return FALSE;
  import.reader = reader;
  if (!read_header (&import, error))
    return FALSE;

  if (!anv_db_begin (db, error))
    return FALSE;
  import.last_id_before = last_seeker_id (db, error);
  if (import.last_id_before < 0)
    {
      anv_db_rollback (db);
      return FALSE;
    }

  while (anv_csv_reader_next (reader, &local_error))
    {
      import.report->n_rows++;
      import_row (&import);
      if (import.row_bad)
        import.report->n_bad_rows++;
      if (import.report->progress != NULL && import.report->n_rows % PROGRESS_EVERY == 0)
        import.report->progress (anv_csv_reader_bytes_read (reader), total,
                                 import.report->user_data);
    }
  if (import.report->progress != NULL)
    import.report->progress (anv_csv_reader_bytes_read (reader), total,
                             import.report->user_data);

  if (local_error != NULL)
    {
      anv_db_rollback (db);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (import.report->n_bad_rows > 0)
    {
      anv_db_rollback (db);
      g_set_error (error, ANV_IMPORT_ERROR, ANV_IMPORT_ERROR_BAD_ROWS,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%u row is wrong, so nothing was imported. "
                                "Correct it and import the file again.",
                                "%u rows are wrong, so nothing was "
                                "imported. Correct them and import the file again.",
                                (gulong) import.report->n_bad_rows),
                   (guint) import.report->n_bad_rows);
      return FALSE;
    }
  return finish (&import, path, error);
}
