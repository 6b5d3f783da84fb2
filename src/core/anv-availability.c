/* anv-availability.c — which matching service applies where, and when
 *
 * A municipality has at most one service on any day (the schema refuses
 * overlapping periods). Setting a period replaces whatever applied in it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-availability"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "anv-audit.h"
#include "anv-availability.h"
#include "anv-csv-reader.h"
#include "anv-date.h"
#include "anv-core-resources.h"
#include "anv-db-private.h"
#include "anv-municipalities.h"
#include "anv-text.h"

G_DEFINE_QUARK (anv-availability-error-quark, anv_availability_error)

/* What Anvisa ships (DOMAIN.md): STOM everywhere from 2014-12-01; KROM in
 * the 32 pilot municipalities from 2020-03-30; KROM everywhere and STOM
 * nowhere from 2021-12-07. */
#define STOM_START        "2014-12-01"
#define KROM_PILOT_START  "2020-03-30"
#define STOM_PILOT_END    "2020-03-29"
#define KROM_NATIONAL     "2021-12-07"
#define STOM_END          "2021-12-06"

const char *
anv_service_code (AnvService service)
{
  switch (service)
    {
    case ANV_SERVICE_KROM:
      return "KROM";
    case ANV_SERVICE_STOM:
      return "STOM";
    case ANV_SERVICE_NONE:
    default:
      return "";
    }
}

const char *
anv_service_name (AnvService service)
{
  switch (service)
    {
    case ANV_SERVICE_KROM:
      return "Rusta och matcha";
    case ANV_SERVICE_STOM:
      return "Stöd och matchning";
    case ANV_SERVICE_NONE:
    default:
      return "";
    }
}

gboolean
anv_service_parse (const char  *text,
                   AnvService  *out,
                   GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text ? text : ""));

  if (g_ascii_strcasecmp (trimmed, "KROM") == 0)
    *out = ANV_SERVICE_KROM;
  else if (g_ascii_strcasecmp (trimmed, "STOM") == 0)
    *out = ANV_SERVICE_STOM;
  else
    {
      g_autofree char *shown = anv_text_quote (trimmed);

      g_set_error (error, ANV_AVAILABILITY_ERROR, ANV_AVAILABILITY_ERROR_SERVICE,
                   /* Translators: KROM and STOM are codes; keep them */
                   _("“%s” is not a service: write KROM (Rusta och matcha) or STOM "
                     "(Stöd och matchning)."),
                   shown);
      return FALSE;
    }
  return TRUE;
}

void
anv_availability_free (AnvAvailability *availability)
{
  if (availability == NULL)
    return;
  g_free (availability->municipality_code);
  g_free (availability->valid_from);
  g_free (availability->valid_to);
  g_free (availability);
}

static AnvService
service_from_column (sqlite3_stmt *stmt,
                     int           column)
{
  AnvService service = ANV_SERVICE_NONE;

  anv_service_parse ((const char *) sqlite3_column_text (stmt, column), &service, NULL);
  return service;
}

GPtrArray *
anv_availability_list (AnvDb       *db,
                       const char  *municipality_code,
                       GError     **error)
{
  sqlite3_stmt *stmt = anv_db_statement (db,
    "SELECT id, service, municipality_code, valid_from, valid_to "
    "FROM service_availability WHERE ?1 IS NULL OR municipality_code = ?1 "
    "ORDER BY municipality_code, valid_from", error);
  g_autoptr (GPtrArray) list = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;

  anv_db_old_bind_text (stmt, 1, municipality_code);
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) anv_availability_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AnvAvailability *a = g_new0 (AnvAvailability, 1);

      a->id = sqlite3_column_int64 (stmt, 0);
      a->service = service_from_column (stmt, 1);
      a->municipality_code = anv_db_old_column_dup (stmt, 2);
      a->valid_from = anv_db_old_column_dup (stmt, 3);
      a->valid_to = anv_db_old_column_dup (stmt, 4);
      g_ptr_array_add (list, a);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      anv_db_set_error (db, rc, NULL, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

GHashTable *
anv_availability_offered_in_month (AnvDb       *db,
                                   AnvService   service,
                                   const char  *month,
                                   GError     **error)
{
  sqlite3_stmt *stmt = anv_db_statement (db,
    "SELECT DISTINCT municipality_code FROM service_availability "
    "WHERE service = ?1 AND valid_from <= date (?2 || '-01', '+1 month', '-1 day') "
    "  AND (valid_to IS NULL OR valid_to >= ?2 || '-01')", error);
  g_autoptr (GHashTable) codes = NULL;
  int rc;

  g_return_val_if_fail (month != NULL && strlen (month) == 7, NULL);

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, anv_service_code (service), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, month, 7, SQLITE_TRANSIENT);
  codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (codes, anv_db_old_column_dup (stmt, 0));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      anv_db_set_error (db, rc, NULL, error);
      return NULL;
    }
  return g_steal_pointer (&codes);
}

AnvService
anv_availability_service_on (AnvDb       *db,
                             const char  *municipality_code,
                             const GDate *date,
                             GError     **error)
{
  sqlite3_stmt *stmt = anv_db_statement (db,
    "SELECT service FROM service_availability "
    "WHERE municipality_code = ?1 AND valid_from <= ?2 "
    "  AND (valid_to IS NULL OR valid_to >= ?2) LIMIT 1", error);
  AnvService service = ANV_SERVICE_NONE;
  char day[11];
  int rc;

  if (stmt == NULL)
    return ANV_SERVICE_NONE;

  anv_date_format (date, day);
  anv_db_old_bind_text (stmt, 1, municipality_code);
  sqlite3_bind_text (stmt, 2, day, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    service = service_from_column (stmt, 0);
  else if (rc != SQLITE_DONE)
    anv_db_set_error (db, rc, NULL, error);
  sqlite3_reset (stmt);
  return service;
}

static gboolean
insert_period (AnvDb       *db,
               const char  *service,
               const char  *municipality_code,
               const char  *from,
               const char  *to,
               GError     **error)
{
  sqlite3_stmt *stmt = anv_db_statement (db,
    "INSERT INTO service_availability (service, municipality_code, valid_from, valid_to) "
    "VALUES (?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  anv_db_old_bind_text (stmt, 1, service);
  anv_db_old_bind_text (stmt, 2, municipality_code);
  anv_db_old_bind_text (stmt, 3, from);
  anv_db_old_bind_text (stmt, 4, to);
  return anv_db_old_step_done (db, stmt, error);
}

/* Cuts [from, to] out of every period of the municipality, keeping what
 * lies before and after it. */
static gboolean
clear_period (AnvDb       *db,
              const char  *municipality_code,
              const char  *from,
              const char  *to,
              GError     **error)
{
  g_autoptr (GPtrArray) periods = anv_availability_list (db, municipality_code, error);
  sqlite3_stmt *remove;
  const char *end = to ? to : "9999-12-31";

  if (periods == NULL)
    return FALSE;

  for (guint i = 0; i < periods->len; i++)
    {
      AnvAvailability *p = g_ptr_array_index (periods, i);
      const char *p_end = p->valid_to ? p->valid_to : "9999-12-31";
      const char *code = anv_service_code (p->service);

      if (strcmp (p->valid_from, end) > 0 || strcmp (p_end, from) < 0)
        continue;

      remove = anv_db_statement (db, "DELETE FROM service_availability WHERE id = ?", error);
      if (remove == NULL)
        return FALSE;
      sqlite3_bind_int64 (remove, 1, p->id);
      if (!anv_db_old_step_done (db, remove, error))
        return FALSE;

      if (strcmp (p->valid_from, from) < 0)
        {
          GDate day;
          char before[11];

          anv_date_parse (from, &day, NULL);
          g_date_subtract_days (&day, 1);
          anv_date_format (&day, before);
          if (!insert_period (db, code, municipality_code, p->valid_from, before, error))
            return FALSE;
        }
      if (to != NULL && strcmp (p_end, to) > 0)
        {
          GDate day;
          char after[11];

          anv_date_parse (to, &day, NULL);
          g_date_add_days (&day, 1);
          anv_date_format (&day, after);
          if (!insert_period (db, code, municipality_code, after, p->valid_to, error))
            return FALSE;
        }
    }
  return TRUE;
}

/* Within a transaction. */
static gboolean
apply_period (AnvDb       *db,
              AnvService   service,
              const char  *municipality_code,
              const GDate *from,
              const GDate *to,
              GError     **error)
{
  g_autoptr (AnvMunicipality) municipality = NULL;
  g_autofree char *details = NULL;
  char first[11], last[11] = "";

  if (to != NULL && g_date_compare (to, from) < 0)
    {
      g_set_error_literal (error, ANV_AVAILABILITY_ERROR, ANV_AVAILABILITY_ERROR_PERIOD,
                           _("The period ends before it starts: give an end date on or "
                             "after the start date, or none."));
      return FALSE;
    }

  municipality = anv_municipalities_get (db, municipality_code, error);
  if (municipality == NULL)
    return FALSE;

  anv_date_format (from, first);
  if (to != NULL)
    anv_date_format (to, last);

  details = g_strdup_printf ("%s %s %s..%s", anv_service_code (service), municipality->code,
                             first, last);

  return clear_period (db, municipality->code, first, to ? last : NULL, error)
         && insert_period (db, anv_service_code (service), municipality->code, first,
                           to ? last : NULL, error)
         && anv_audit_append (db, "availability.set", "municipality", municipality->code,
                              details, error);
}

void
anv_availability_change_free (AnvAvailabilityChange *change)
{
  if (change == NULL)
    return;
  anv_availability_free (change->before);
  g_clear_pointer (&change->after, g_ptr_array_unref);
  g_free (change);
}

/* Whether @periods holds one with the service and dates of @p (a period
 * cut out and put back as it was has not changed). */
static gboolean
holds_period (GPtrArray             *periods,
              const AnvAvailability *p)
{
  for (guint i = 0; i < periods->len; i++)
    {
      const AnvAvailability *q = g_ptr_array_index (periods, i);

      if (q->service == p->service && strcmp (q->valid_from, p->valid_from) == 0
          && g_strcmp0 (q->valid_to, p->valid_to) == 0)
        return TRUE;
    }
  return FALSE;
}

static AnvAvailability *
copy_period (const AnvAvailability *p)
{
  AnvAvailability *copy = g_new0 (AnvAvailability, 1);

  copy->id = p->id;
  copy->service = p->service;
  copy->municipality_code = g_strdup (p->municipality_code);
  copy->valid_from = g_strdup (p->valid_from);
  copy->valid_to = g_strdup (p->valid_to);
  return copy;
}

/* What became of each period of @before that is not in @after as it was:
 * the pieces of it that are left (of the same service, within its dates,
 * outside the new period [@first, @last]), none if it was removed. */
static GPtrArray *
compare_periods (GPtrArray  *before,
                 GPtrArray  *after,
                 const char *first,
                 const char *last)
{
  GPtrArray *changes = g_ptr_array_new_with_free_func (
    (GDestroyNotify) anv_availability_change_free);
  const char *new_end = last ? last : "9999-12-31";

  for (guint i = 0; i < before->len; i++)
    {
      AnvAvailability *old = g_ptr_array_index (before, i);
      const char *old_end = old->valid_to ? old->valid_to : "9999-12-31";
      AnvAvailabilityChange *change;

      if (holds_period (after, old))
        continue;

      change = g_new0 (AnvAvailabilityChange, 1);
      change->before = copy_period (old);
      change->after = g_ptr_array_new_with_free_func ((GDestroyNotify) anv_availability_free);
      for (guint j = 0; j < after->len; j++)
        {
          AnvAvailability *piece = g_ptr_array_index (after, j);
          const char *piece_end = piece->valid_to ? piece->valid_to : "9999-12-31";

          if (holds_period (before, piece) || piece->service != old->service
              || strcmp (piece->valid_from, old->valid_from) < 0
              || strcmp (piece_end, old_end) > 0
              || (strcmp (piece->valid_from, new_end) <= 0 && strcmp (piece_end, first) >= 0))
            continue;
          g_ptr_array_add (change->after, copy_period (piece));
        }
      g_ptr_array_add (changes, change);
    }
  return changes;
}

gboolean
anv_availability_set_full (AnvDb        *db,
                           AnvService    service,
                           const char   *municipality_code,
                           const GDate  *from,
                           const GDate  *to,
                           GPtrArray   **out_changes,
                           GError      **error)
{
  g_autoptr (AnvMunicipality) municipality = NULL;
  g_autoptr (GPtrArray) before = NULL;
  g_autoptr (GPtrArray) after = NULL;
  char first[11], last[11] = "";

  g_return_val_if_fail (service != ANV_SERVICE_NONE, FALSE);

  if (!anv_db_begin (db, error))
    return FALSE;
  if (out_changes != NULL)
    {
      municipality = anv_municipalities_get (db, municipality_code, error);
      before = municipality ? anv_availability_list (db, municipality->code, error) : NULL;
      if (before == NULL)
        {
          anv_db_rollback (db);
          return FALSE;
        }
    }
  if (!apply_period (db, service, municipality_code, from, to, error)
      || (out_changes != NULL
          && (after = anv_availability_list (db, municipality->code, error)) == NULL)
      || !anv_db_commit (db, error))
    {
      anv_db_rollback (db);
      return FALSE;
    }

  if (out_changes != NULL)
    {
      anv_date_format (from, first);
      if (to != NULL)
        anv_date_format (to, last);
      *out_changes = compare_periods (before, after, first, to ? last : NULL);
    }
  return TRUE;
}

gboolean
anv_availability_set (AnvDb       *db,
                      AnvService   service,
                      const char  *municipality_code,
                      const GDate *from,
                      const GDate *to,
                      GError     **error)
{
  return anv_availability_set_full (db, service, municipality_code, from, to, NULL, error);
}

/* Import */

enum { COL_SERVICE, COL_MUNICIPALITY, COL_FROM, COL_TO, N_COLS };

static const char *const import_columns[] = {
  "service|tjänst",
  "municipality|municipality_code|kommun|kommunkod",
  "valid_from|from|från|fr.o.m.",
  "valid_to|to|till|t.o.m.",
  NULL
};

/* Where the columns are, and their headings as the file writes them. */
typedef struct
{
  int   index[N_COLS];
  char *heading[N_COLS];
} Columns;

static void
columns_clear (Columns *columns)
{
  for (guint i = 0; i < N_COLS; i++)
    g_clear_pointer (&columns->heading[i], g_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Columns, columns_clear)

static const char *
field (AnvCsvReader  *reader,
       const Columns *columns,
       int            column)
{
  if (columns->index[column] < 0)
    return "";
  return anv_csv_reader_field (reader, (guint) columns->index[column]);
}

/* Reports the error, or, in the second pass (@held), keeps it to report
 * after the rollback. */
static void
report_row (AnvImportReport *report,
            AnvImportHeld   *held,
            AnvCsvReader    *reader,
            const Columns   *columns,
            int              column,
            const char      *message)
{
  static const char *const names[] = { "service", "municipality", "valid_from", "valid_to" };
  /* A message may quote a field that is not UTF-8. */
  g_autofree char *valid = g_utf8_make_valid (message, -1);
  const char *heading = column < 0 ? NULL
                        : columns->heading[column] ? columns->heading[column] : names[column];

  if (held != NULL)
    anv_import_held_add (held, anv_csv_reader_line (reader), heading, valid);
  else
    anv_import_report_row_error (report, anv_csv_reader_line (reader), heading, valid);
}

/* Reports every bad field of the row; in the second pass (@held), applies
 * the period if there is none. */
static gboolean
apply_row (AnvDb           *db,
           AnvCsvReader    *reader,
           const Columns   *columns,
           AnvImportReport *report,
           AnvImportHeld   *held)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (AnvMunicipality) municipality = NULL;
  AnvService service = ANV_SERVICE_NONE;
  GDate from, to;
  const char *to_text = field (reader, columns, COL_TO);
  gboolean has_to = *to_text != '\0';
  gboolean ok = TRUE;

  if (!anv_csv_reader_check_width (reader, &local_error))
    {
      report_row (report, held, reader, columns, -1, local_error->message);
      g_clear_error (&local_error);
      ok = FALSE;
    }
  if (!anv_service_parse (field (reader, columns, COL_SERVICE), &service, &local_error))
    {
      report_row (report, held, reader, columns, COL_SERVICE, local_error->message);
      g_clear_error (&local_error);
      ok = FALSE;
    }
  municipality = anv_municipalities_get (db, field (reader, columns, COL_MUNICIPALITY),
                                         &local_error);
  if (municipality == NULL)
    {
      report_row (report, held, reader, columns,
                  local_error->domain == ANV_DB_ERROR ? -1 : COL_MUNICIPALITY,
                  local_error->message);
      g_clear_error (&local_error);
      ok = FALSE;
    }
  if (!anv_date_parse (field (reader, columns, COL_FROM), &from, &local_error))
    {
      report_row (report, held, reader, columns, COL_FROM, local_error->message);
      g_clear_error (&local_error);
      ok = FALSE;
    }
  if (has_to && !anv_date_parse (to_text, &to, &local_error))
    {
      report_row (report, held, reader, columns, COL_TO, local_error->message);
      g_clear_error (&local_error);
      ok = FALSE;
    }
  if (has_to && ok && g_date_compare (&to, &from) < 0)
    {
      report_row (report, held, reader, columns, COL_TO,
                  _("The period ends before it starts: give an end date on or "
                    "after the start date, or none."));
      ok = FALSE;
    }
  /* The first pass only checks. */
  if (!ok || held == NULL)
    return ok;

  if (!apply_period (db, service, municipality->code, &from, has_to ? &to : NULL,
                     &local_error))
    {
      report_row (report, held, reader, columns,
                  g_error_matches (local_error, ANV_AVAILABILITY_ERROR,
                                   ANV_AVAILABILITY_ERROR_PERIOD) ? COL_TO : -1,
                  local_error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_header (AnvCsvReader  *reader,
             Columns       *columns,
             GError       **error)
{
  g_autoptr (GError) local_error = NULL;

  if (!anv_csv_reader_next (reader, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error_literal (error, ANV_CSV_ERROR, ANV_CSV_ERROR_EMPTY,
                             _("The file is empty: it needs a header row naming the "
                               "columns, and a row per period."));
      return FALSE;
    }
  if (!anv_csv_reader_map_header (reader, import_columns, columns->index, error))
    return FALSE;

  for (int i = COL_SERVICE; i <= COL_FROM; i++)
    if (columns->index[i] < 0)
      {
        g_set_error (error, ANV_CSV_ERROR, ANV_CSV_ERROR_HEADER,
                     _("The header row has no column “%s”. The columns are: service, "
                       "municipality, valid_from and (optional) valid_to."),
                     i == COL_SERVICE ? "service" : i == COL_MUNICIPALITY ? "municipality"
                                                                          : "valid_from");
        return FALSE;
      }

  for (guint i = 0; i < N_COLS; i++)
    if (columns->index[i] >= 0)
      {
        g_autofree char *stripped = g_strstrip (g_strdup (field (reader, columns, (int) i)));

        columns->heading[i] = g_utf8_make_valid (stripped, -1);
      }
  return TRUE;
}

/* One pass over the file: the first (@held NULL) checks every row and
 * reports what is wrong; the second, in a transaction, checks again and
 * applies the periods, keeping what it finds in @held. */
static gboolean
import_pass (AnvDb            *db,
             const char       *path,
             AnvImportReport  *report,
             AnvImportHeld    *held,
             GError          **error)
{
  g_autoptr (AnvCsvReader) reader = NULL;
  g_autoptr (GError) local_error = NULL;
  g_auto (Columns) columns = { 0 };

  report->n_rows = 0;
  reader = anv_csv_reader_new_for_path (path, error);
  if (reader == NULL || !read_header (reader, &columns, error))
    return FALSE;

  while (anv_csv_reader_next (reader, &local_error))
    {
      report->n_rows++;
      if (!apply_row (db, reader, &columns, report, held))
        report->n_bad_rows++;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

static gboolean
fail_bad_rows (AnvImportReport  *report,
               GError          **error)
{
  anv_import_report_set_bad_rows (report, ANV_AVAILABILITY_ERROR, ANV_AVAILABILITY_ERROR_IMPORT,
                                  error);
  return FALSE;
}

gboolean
anv_availability_import (AnvDb            *db,
                         const char       *path,
                         AnvImportReport  *report,
                         GError          **error)
{
  g_autoptr (AnvImportHeld) held = NULL;
  AnvImportReport dummy = { 0 };

  if (report == NULL)
    report = &dummy;
  report->n_rows = report->n_bad_rows = report->n_stored = 0;
  report->n_errors = report->n_listed = 0;

  /* The first pass checks, with no lock held: others go on working while
   * a file with errors is read and its errors shown. A pipe cannot be read
   * twice: it has only the second. */
  if (g_file_test (path, G_FILE_TEST_IS_REGULAR) || !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      if (!import_pass (db, path, report, NULL, error))
        return FALSE;
      if (report->n_bad_rows > 0)
        return fail_bad_rows (report, error);
    }

  /* The second applies the periods, in one transaction. */
  if (!anv_db_begin (db, error))
    return FALSE;
  held = anv_import_held_new ();
  if (!import_pass (db, path, report, held, error))
    {
      anv_db_rollback (db);
      return FALSE;
    }
  if (report->n_bad_rows > 0)
    {
      anv_db_rollback (db);
      anv_import_held_report (g_steal_pointer (&held), report);
      return fail_bad_rows (report, error);
    }

  if (!anv_db_commit (db, error))
    return FALSE;
  report->n_stored = report->n_rows;
  return TRUE;
}

/* Reference data */

static GHashTable *
read_pilot_municipalities (GError **error)
{
  static const char *const names[] = {
    "municipality_code", "municipality_name_short", "county_name", NULL
  };
  g_autoptr (GInputStream) stream = NULL;
  g_autoptr (AnvCsvReader) reader = NULL;
  g_autoptr (GHashTable) codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GError) local_error = NULL;
  int columns[3];

  stream = g_resource_open_stream (anv_core_get_resource (),
                                   RESOURCE_PREFIX "/data/krom_pilot_2020.csv",
                                   G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (stream == NULL)
    return NULL;
  reader = anv_csv_reader_new (stream);
  if (!anv_csv_reader_next (reader, error)
      || !anv_csv_reader_map_header (reader, names, columns, error))
    return NULL;

  while (anv_csv_reader_next (reader, &local_error))
    g_hash_table_add (codes, g_strdup (anv_csv_reader_field (reader, (guint) columns[0])));

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&codes);
}

gboolean
anv_availability_load_reference (AnvDb   *db,
                                 GError **error)
{
  g_autoptr (GHashTable) pilot = read_pilot_municipalities (error);
  g_autoptr (GPtrArray) municipalities = NULL;

  if (pilot == NULL)
    return FALSE;
  municipalities = anv_municipalities_list (db, error);
  if (municipalities == NULL)
    return FALSE;

  for (guint i = 0; i < municipalities->len; i++)
    {
      AnvMunicipality *m = g_ptr_array_index (municipalities, i);
      gboolean in_pilot = g_hash_table_contains (pilot, m->code);

      if (!insert_period (db, "STOM", m->code, STOM_START,
                          in_pilot ? STOM_PILOT_END : STOM_END, error)
          || !insert_period (db, "KROM", m->code,
                             in_pilot ? KROM_PILOT_START : KROM_NATIONAL, NULL, error))
        return FALSE;
    }
  return TRUE;
}
