/* anv-delivery-areas.c — delivery areas (leveransområden): named sets of municipalities
 *
 * An area has one service (KROM or STOM) and a name that is unique
 * regardless of case; providers are approved for areas (anv-approvals.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-delivery-areas"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "anv-audit.h"
#include "anv-delivery-areas.h"
#include "anv-municipalities.h"
#include "anv-providers-private.h"
#include "anv-text.h"

void
anv_area_free (AnvArea *area)
{
  if (area == NULL)
    return;
  g_free (area->name);
  g_strfreev (area->municipality_codes);
  g_free (area);
}

/* Finds the area named @name, exactly or else regardless of case (which
 * SQLite folds for ASCII only: there are few areas, so all are read).
 * @out_id is 0 if there is none. FALSE only on a database error. */
static gboolean
lookup_area (AnvDb       *db,
             const char  *name,
             gint64      *out_id,
             AnvService  *out_service,
             char       **out_name,
             GError     **error)
{
  AnvDbStmt *stmt = anv_db_prepare (db, "delivery-areas/names",
                                    "SELECT id, service, name FROM delivery_area", error);
  g_autofree char *key = anv_text_fold (name);
  AnvDbStep step;

  *out_id = 0;
  if (stmt == NULL)
    return FALSE;
  while ((step = anv_db_step (stmt, error)) == ANV_DB_ROW)
    {
      const char *stored = anv_db_column_text (stmt, 2);
      g_autofree char *stored_key = anv_text_fold (stored);
      gboolean exact = g_strcmp0 (stored, name) == 0;

      if (exact || (*out_id == 0 && strcmp (stored_key, key) == 0))
        {
          *out_id = anv_db_column_int64 (stmt, 0);
          *out_service = anv_provider_service_from_column (stmt, 1);
          g_free (*out_name);
          *out_name = g_strdup (stored);
        }
      if (exact)
        {
          anv_db_reset (stmt);
          return TRUE;
        }
    }
  return step == ANV_DB_DONE;
}

gint64
anv_areas_find (AnvDb       *db,
                const char  *name,
                char       **out_name,
                GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_utf8_make_valid (name ? name : "", -1));
  AnvService service;
  gint64 id;

  if (!lookup_area (db, trimmed, &id, &service, out_name, error))
    return 0;
  if (id == 0)
    {
      g_autofree char *shown = anv_text_quote (trimmed);

      g_set_error (error, ANV_PROVIDER_ERROR, ANV_PROVIDER_ERROR_AREA,
                   /* Translators: %s is the name of a delivery area (leveransområde) */
                   _("There is no delivery area named “%s”. Check the name in the list of "
                     "delivery areas, or add the area first."),
                   shown);
    }
  return id;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* The municipality codes of an area's list, checked and without repeats,
 * sorted. */
static GStrv
check_area_codes (AnvDb              *db,
                  const char         *area_name,
                  const char * const *codes,
                  GError            **error)
{
  g_autoptr (GPtrArray) result = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    {
      g_autofree char *code = g_strstrip (g_strdup (codes[i]));
      const AnvMunicipality *municipality;

      if (*code == '\0')
        {
          g_autofree char *shown = anv_text_quote (area_name);

          g_set_error (error, ANV_PROVIDER_ERROR, ANV_PROVIDER_ERROR_AREA,
                       /* Translators: %s is the name of a delivery area */
                       _("The list of municipalities for the delivery area “%s” has an empty "
                         "entry. Give four-digit municipality codes separated by commas."),
                       shown);
          return NULL;
        }
      /* Any code that is not one, whatever the reason, is reported below
       * with the area's name. */
      municipality = anv_municipalities_lookup (db, code, NULL);
      if (municipality == NULL)
        {
          g_autofree char *shown_code = anv_text_quote (code);
          g_autofree char *shown_area = anv_text_quote (area_name);

          g_set_error (error, ANV_PROVIDER_ERROR, ANV_PROVIDER_ERROR_AREA,
                       /* Translators: %1$s is what was given as a municipality code,
                        * %2$s the name of a delivery area */
                       _("“%1$s” is not a municipality code, so the delivery area “%2$s” "
                         "was not saved. A municipality code has four digits, for example "
                         "2480 for Umeå."),
                       shown_code, shown_area);
          return NULL;
        }
      if (g_hash_table_add (seen, municipality->code))
        g_ptr_array_add (result, g_strdup (municipality->code));
    }

  if (g_hash_table_size (seen) == 0)
    {
      g_autofree char *shown = anv_text_quote (area_name);

      g_set_error (error, ANV_PROVIDER_ERROR, ANV_PROVIDER_ERROR_AREA,
                   /* Translators: %s is the name of a delivery area */
                   _("The delivery area “%s” has no municipalities. Give at least one "
                     "municipality code."),
                   shown);
      return NULL;
    }
  g_ptr_array_sort (result, compare_strings);
  g_ptr_array_add (result, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&result), FALSE);
}

static gboolean
check_area_name_free (AnvDb       *db,
                      const char  *name,
                      GError     **error)
{
  g_autofree char *existing = NULL;
  AnvService service = ANV_SERVICE_NONE;
  gint64 id;

  if (!lookup_area (db, name, &id, &service, &existing, error))
    return FALSE;
  if (id != 0)
    {
      g_set_error (error, ANV_PROVIDER_ERROR, ANV_PROVIDER_ERROR_AREA,
                   /* Translators: %1$s is the name of a delivery area, %2$s a service */
                   _("There is a delivery area named “%1$s” already, for %2$s. Choose "
                     "another name, or approve providers in the existing area."),
                   existing, anv_service_name (service));
      return FALSE;
    }
  return TRUE;
}

/* Inside a transaction. */
static gboolean
insert_area (AnvDb       *db,
             const char  *name,
             AnvService   service,
             GStrv        codes,
             gint64      *out_id,
             GError     **error)
{
  AnvDbStmt *stmt = anv_db_prepare (db, "delivery-areas/insert",
    "INSERT INTO delivery_area (name, service) VALUES (?1, ?2) RETURNING id", error);
  gint64 id;

  if (stmt == NULL)
    return FALSE;
  anv_db_bind_text (stmt, 1, name);
  anv_db_bind_text (stmt, 2, anv_service_code (service));
  if (!anv_db_step_insert (stmt, &id, error))
    return FALSE;

  for (guint i = 0; codes[i] != NULL; i++)
    {
      stmt = anv_db_prepare (db, "delivery-areas/insert-municipality",
        "INSERT INTO delivery_area_municipality (area_id, municipality_code) VALUES (?1, ?2)",
        error);
      if (stmt == NULL)
        return FALSE;
      anv_db_bind_int64 (stmt, 1, id);
      anv_db_bind_text (stmt, 2, codes[i]);
      if (!anv_db_step_done (stmt, error))
        return FALSE;
    }
  *out_id = id;
  return TRUE;
}

/* Public API */

gboolean
anv_areas_add (AnvDb              *db,
               const char         *name,
               AnvService          service,
               const char * const *municipality_codes,
               GError            **error)
{
  g_autofree char *clean = NULL;
  g_autofree char *id = NULL;
  g_autofree char *details = NULL;
  g_autofree char *joined = NULL;
  g_auto (GStrv) codes = NULL;
  gint64 area_id = 0;

  g_return_val_if_fail (ANV_IS_DB (db), FALSE);

  clean = anv_provider_clean_name (name, name ? strlen (name) : 0, ANV_NAME_OF_AREA, error);
  if (clean == NULL)
    return FALSE;
  if (service != ANV_SERVICE_KROM && service != ANV_SERVICE_STOM)
    {
      g_set_error (error, ANV_PROVIDER_ERROR, ANV_PROVIDER_ERROR_AREA,
                   /* Translators: %s is the name of a delivery area; KROM and STOM are codes */
                   _("Choose the service of the delivery area “%s”: KROM (Rusta och matcha) "
                     "or STOM (Stöd och matchning)."),
                   clean);
      return FALSE;
    }
  codes = check_area_codes (db, clean, municipality_codes, error);
  if (codes == NULL)
    return FALSE;

  joined = g_strjoinv (",", codes);
  details = g_strdup_printf ("%s %s: %s", anv_service_code (service), clean, joined);

  if (!anv_db_begin (db, error))
    return FALSE;
  if (!check_area_name_free (db, clean, error)
      || !insert_area (db, clean, service, codes, &area_id, error))
    {
      anv_db_rollback (db);
      return FALSE;
    }
  id = g_strdup_printf ("%" G_GINT64_FORMAT, area_id);
  if (!anv_audit_append (db, "area.add", "delivery_area", id, details, error)
      || !anv_db_commit (db, error))
    {
      anv_db_rollback (db);
      return FALSE;
    }
  return TRUE;
}

/* A row of the list: an area with one of its municipalities. */
typedef struct
{
  gint64      id;
  char       *name;
  AnvService  service;
  char       *code;
} AreaRow;

static void
area_row_free (AreaRow *row)
{
  g_free (row->name);
  g_free (row->code);
  g_free (row);
}

static gpointer
area_row_from_row (AnvDbStmt *stmt,
                   gpointer   user_data)
{
  AreaRow *row = g_new0 (AreaRow, 1);

  row->id = anv_db_column_int64 (stmt, 0);
  row->name = anv_db_column_dup (stmt, 1);
  row->service = anv_provider_service_from_column (stmt, 2);
  row->code = anv_db_column_dup (stmt, 3);
  return row;
}

GPtrArray *
anv_areas_list (AnvDb   *db,
                GError **error)
{
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GPtrArray) areas = NULL;
  g_autoptr (GStrvBuilder) codes = NULL;
  AnvDbStmt *stmt;
  AnvArea *area = NULL;

  g_return_val_if_fail (ANV_IS_DB (db), NULL);

  stmt = anv_db_prepare (db, "delivery-areas/list",
    "SELECT d.id, d.name, d.service, dm.municipality_code "
    "FROM delivery_area d JOIN delivery_area_municipality dm ON dm.area_id = d.id "
    "ORDER BY d.name COLLATE " ANV_TEXT_COLLATION ", d.id, dm.municipality_code", error);
  if (stmt == NULL)
    return NULL;
  rows = anv_db_collect (stmt, area_row_from_row, NULL, (GDestroyNotify) area_row_free, error);
  if (rows == NULL)
    return NULL;

  /* One row per municipality, an area's rows together. */
  areas = g_ptr_array_new_with_free_func ((GDestroyNotify) anv_area_free);
  for (guint i = 0; i < rows->len; i++)
    {
      AreaRow *row = g_ptr_array_index (rows, i);

      if (area == NULL || area->id != row->id)
        {
          if (area != NULL)
            area->municipality_codes = g_strv_builder_end (codes);
          g_clear_pointer (&codes, g_strv_builder_unref);
          codes = g_strv_builder_new ();

          area = g_new0 (AnvArea, 1);
          area->id = row->id;
          area->name = g_steal_pointer (&row->name);
          area->service = row->service;
          g_ptr_array_add (areas, area);
        }
      g_strv_builder_add (codes, row->code);
    }
  if (area != NULL)
    area->municipality_codes = g_strv_builder_end (codes);
  return g_steal_pointer (&areas);
}
