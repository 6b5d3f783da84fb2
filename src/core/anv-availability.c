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
#include "anv-availability-private.h"
#include "anv-csv-import.h"
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

/* The three tests below compare dates as text: YYYY-MM-DD sorts as the
 * days do, as in the database. */

gboolean
anv_availability_holds_on (const AnvAvailability *availability,
                           const GDate           *date)
{
  char day[11];

  g_return_val_if_fail (availability != NULL && availability->valid_from != NULL, FALSE);
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  anv_date_format (date, day);
  return strcmp (availability->valid_from, day) <= 0
         && (availability->valid_to == NULL || strcmp (availability->valid_to, day) >= 0);
}

gboolean
anv_availability_ended_before (const AnvAvailability *availability,
                               const GDate           *date)
{
  char day[11];

  g_return_val_if_fail (availability != NULL, FALSE);
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  anv_date_format (date, day);
  return availability->valid_to != NULL && strcmp (availability->valid_to, day) < 0;
}

gboolean
anv_availability_begins_after (const AnvAvailability *availability,
                               const GDate           *date)
{
  char day[11];

  g_return_val_if_fail (availability != NULL && availability->valid_from != NULL, FALSE);
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  anv_date_format (date, day);
  return strcmp (availability->valid_from, day) > 0;
}

static AnvService
service_from_column (AnvDbStmt *stmt,
                     int        column)
{
  AnvService service = ANV_SERVICE_NONE;

  /* The schema allows KROM and STOM only: nothing to report. */
  anv_service_parse (anv_db_column_text (stmt, column), &service, NULL);
  return service;
}

static gpointer
period_from_row (AnvDbStmt *stmt,
                 gpointer   user_data)
{
  AnvAvailability *a = g_new0 (AnvAvailability, 1);

  a->id = anv_db_column_int64 (stmt, 0);
  a->service = service_from_column (stmt, 1);
  a->municipality_code = anv_db_column_dup (stmt, 2);
  a->valid_from = anv_db_column_dup (stmt, 3);
  a->valid_to = anv_db_column_dup (stmt, 4);
  return a;
}

GPtrArray *
anv_availability_list (AnvDb       *db,
                       const char  *municipality_code,
                       GError     **error)
{
  AnvDbStmt *stmt = anv_db_prepare (db, "availability/list",
    "SELECT id, service, municipality_code, valid_from, valid_to "
    "FROM service_availability WHERE CAST (?1 AS TEXT) IS NULL OR municipality_code = ?1 "
    "ORDER BY municipality_code, valid_from", error);

  if (stmt == NULL)
    return NULL;
  anv_db_bind_text (stmt, 1, municipality_code);
  return anv_db_collect (stmt, period_from_row, NULL, (GDestroyNotify) anv_availability_free,
                         error);
}

static gpointer
text_from_row (AnvDbStmt *stmt,
               gpointer   user_data)
{
  return anv_db_column_dup (stmt, 0);
}

GHashTable *
anv_availability_offered_in_month (AnvDb       *db,
                                   AnvService   service,
                                   const char  *month,
                                   GError     **error)
{
  AnvDbStmt *stmt = anv_db_prepare (db, "availability/offered-in-month",
    "SELECT DISTINCT municipality_code FROM service_availability "
    "WHERE service = ?1 AND valid_from <= ?2 || '-31' "
    "  AND (valid_to IS NULL OR valid_to >= ?2 || '-01')", error);
  g_autoptr (GPtrArray) rows = NULL;
  GHashTable *codes;

  g_return_val_if_fail (month != NULL && strlen (month) == 7, NULL);

  if (stmt == NULL)
    return NULL;

  anv_db_bind_text (stmt, 1, anv_service_code (service));
  anv_db_bind_text (stmt, 2, month);
  rows = anv_db_collect (stmt, text_from_row, NULL, g_free, error);
  if (rows == NULL)
    return NULL;
  codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < rows->len; i++)
    g_hash_table_add (codes, g_ptr_array_steal_index_fast (rows, i--));
  return codes;
}

AnvService
anv_availability_service_on (AnvDb       *db,
                             const char  *municipality_code,
                             const GDate *date,
                             GError     **error)
{
  /* The condition on the dates is anv_availability_holds_on()'s. */
  AnvDbStmt *stmt = anv_db_prepare (db, "availability/service-on",
    "SELECT s.service FROM service_availability s "
    "WHERE s.municipality_code = ?1 AND " ANV_AVAILABILITY_HOLDS_ON ("s", "?2") " LIMIT 1",
    error);
  AnvService service = ANV_SERVICE_NONE;
  char day[11];

  if (stmt == NULL)
    return ANV_SERVICE_NONE;

  anv_date_format (date, day);
  anv_db_bind_text (stmt, 1, municipality_code);
  anv_db_bind_text (stmt, 2, day);
  if (anv_db_step (stmt, error) == ANV_DB_ROW)
    {
      service = service_from_column (stmt, 0);
      anv_db_reset (stmt);
    }
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
  AnvDbStmt *stmt = anv_db_prepare (db, "availability/insert",
    "INSERT INTO service_availability (service, municipality_code, valid_from, valid_to) "
    "VALUES (?1, ?2, ?3, ?4)", error);

  if (stmt == NULL)
    return FALSE;
  anv_db_bind_text (stmt, 1, service);
  anv_db_bind_text (stmt, 2, municipality_code);
  anv_db_bind_text (stmt, 3, from);
  anv_db_bind_text (stmt, 4, to);
  return anv_db_step_done (stmt, error);
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
  AnvDbStmt *remove;
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

      remove = anv_db_prepare (db, "availability/delete",
                               "DELETE FROM service_availability WHERE id = ?1", error);
      if (remove == NULL)
        return FALSE;
      anv_db_bind_int64 (remove, 1, p->id);
      if (!anv_db_step_done (remove, error))
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

static const char *const import_headings[] = {
  "service", "municipality", "valid_from", "valid_to"
};

static gboolean
check_import_header (const int  *index,
                     GError    **error)
{
  for (int i = COL_SERVICE; i <= COL_FROM; i++)
    if (index[i] < 0)
      {
        g_set_error (error, ANV_CSV_ERROR, ANV_CSV_ERROR_HEADER,
                     _("The header row has no column “%s”. The columns are: service, "
                       "municipality, valid_from and (optional) valid_to."),
                     import_headings[i]);
        return FALSE;
      }
  return TRUE;
}

/* Reports every bad field of the row; while writing, applies the period if
 * there is none. */
static void
import_row (AnvCsvImport *import,
            gpointer      user_data)
{
  AnvDb *db = anv_csv_import_get_db (import);
  g_autoptr (GError) local_error = NULL;
  g_autoptr (AnvMunicipality) municipality = NULL;
  AnvService service = ANV_SERVICE_NONE;
  GDate from, to;
  const char *to_text = anv_csv_import_field (import, COL_TO);
  gboolean has_to = *to_text != '\0';

  if (!anv_csv_reader_check_width (anv_csv_import_get_reader (import), &local_error))
    anv_csv_import_report (import, -1, local_error->message);
  g_clear_error (&local_error);
  if (!anv_service_parse (anv_csv_import_field (import, COL_SERVICE), &service, &local_error))
    anv_csv_import_report (import, COL_SERVICE, local_error->message);
  g_clear_error (&local_error);
  municipality = anv_municipalities_get (db, anv_csv_import_field (import, COL_MUNICIPALITY),
                                         &local_error);
  if (municipality == NULL)
    anv_csv_import_report (import, local_error->domain == ANV_DB_ERROR ? -1 : COL_MUNICIPALITY,
                           local_error->message);
  g_clear_error (&local_error);
  if (!anv_date_parse (anv_csv_import_field (import, COL_FROM), &from, &local_error))
    anv_csv_import_report (import, COL_FROM, local_error->message);
  g_clear_error (&local_error);
  if (has_to && !anv_date_parse (to_text, &to, &local_error))
    anv_csv_import_report (import, COL_TO, local_error->message);
  g_clear_error (&local_error);
  if (has_to && !anv_csv_import_row_is_bad (import) && g_date_compare (&to, &from) < 0)
    anv_csv_import_report (import, COL_TO,
                           _("The period ends before it starts: give an end date on or "
                             "after the start date, or none."));
  /* The first pass only checks. */
  if (anv_csv_import_row_is_bad (import) || !anv_csv_import_is_writing (import))
    return;

  if (!apply_period (db, service, municipality->code, &from, has_to ? &to : NULL,
                     &local_error))
    anv_csv_import_report (import,
                           g_error_matches (local_error, ANV_AVAILABILITY_ERROR,
                                            ANV_AVAILABILITY_ERROR_PERIOD) ? COL_TO : -1,
                           local_error->message);
}

gboolean
anv_availability_import (AnvDb            *db,
                         const char       *path,
                         AnvImportReport  *report,
                         GError          **error)
{
  /* Each period is audited as it is applied. */
  static const AnvCsvImportKind kind = {
    .columns = import_columns,
    .headings = import_headings,
    .empty_message = N_("The file is empty: it needs a header row naming the columns, and a "
                        "row per period."),
    .check_header = check_import_header,
    .row = import_row,
  };

  return anv_csv_import_run (db, path, &kind, NULL, report, error);
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
