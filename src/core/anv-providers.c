/* anv-providers.c — providers (leverantörer), delivery areas, approvals
 *
 * A provider is approved for a delivery area (a named set of
 * municipalities with one service) for a period. Who may be chosen in a
 * municipality on a day follows from that; the no-choice default is the
 * approved provider whose own municipality lies nearest.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-providers"

#include "config.h"

#include <math.h>

#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "anv-audit.h"
#include "anv-core-resources.h"
#include "anv-csv-reader.h"
#include "anv-date.h"
#include "anv-db-private.h"
#include "anv-municipalities.h"
#include "anv-orgnr.h"
#include "anv-providers.h"
#include "anv-text.h"

#define MAX_PROVIDER_NAME_CHARS 200
#define MAX_AREA_NAME_CHARS     100
#define END_OF_TIME             "9999-12-31"
#define CENTRES_FILE            "swedish_municipalities.geojson"

/* Sweden lies within these bounds (WGS 84); a centre outside them means
 * the file is wrong, for instance with latitude and longitude swapped. */
#define SWEDEN_LAT_MIN 55.0
#define SWEDEN_LAT_MAX 69.5
#define SWEDEN_LON_MIN 10.5
#define SWEDEN_LON_MAX 24.5

typedef enum
{
  NAME_OF_PROVIDER,
  NAME_OF_AREA,
} NameKind;

typedef gpointer (*RowFunc) (sqlite3_stmt *stmt);

typedef struct
{
  char   code[5];
  double lat;
  double lon;
} Centre;

G_DEFINE_QUARK (anv-provider-error-quark, anv_provider_error)

void
anv_provider_free (AnvProvider *provider)
{
  if (provider == NULL)
    return;
  g_free (provider->orgnr);
  g_free (provider->name);
  g_free (provider->municipality_code);
  g_free (provider->municipality_name);
  g_free (provider);
}

void
anv_area_free (AnvArea *area)
{
  if (area == NULL)
    return;
  g_free (area->name);
  g_strfreev (area->municipality_codes);
  g_free (area);
}

void
anv_approval_free (AnvApproval *approval)
{
  if (approval == NULL)
    return;
  g_free (approval->orgnr);
  g_free (approval->provider_name);
  g_free (approval->area_name);
  g_free (approval->valid_from);
  g_free (approval->valid_to);
  g_free (approval);
}

/* Rows */

#define PROVIDER_COLUMNS \
  "p.id, p.orgnr, p.name, p.municipality_code, m.short_name, p.active"
#define SELECT_PROVIDER \
  "SELECT " PROVIDER_COLUMNS " FROM provider p " \
  "JOIN municipality m ON m.code = p.municipality_code "

static AnvProvider *
provider_from_row (sqlite3_stmt *stmt)
{
  AnvProvider *provider = g_new0 (AnvProvider, 1);

  provider->id = sqlite3_column_int64 (stmt, 0);
  provider->orgnr = anv_db_old_column_dup (stmt, 1);
  provider->name = anv_db_old_column_dup (stmt, 2);
  provider->municipality_code = anv_db_old_column_dup (stmt, 3);
  provider->municipality_name = anv_db_old_column_dup (stmt, 4);
  provider->active = sqlite3_column_int (stmt, 5) != 0;
  return provider;
}

static AnvService
service_from_column (sqlite3_stmt *stmt,
                     int           column)
{
  AnvService service = ANV_SERVICE_NONE;

  anv_service_parse ((const char *) sqlite3_column_text (stmt, column), &service, NULL);
  return service;
}

/* Steps @stmt to the end, collecting its rows with @from_row. */
static GPtrArray *
collect (AnvDb           *db,
         sqlite3_stmt    *stmt,
         RowFunc          from_row,
         GDestroyNotify   free_func,
         GError         **error)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func (free_func);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, from_row (stmt));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      anv_db_set_error (db, rc, NULL, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

static char *
id_text (gint64 id)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, id);
}

/* Validation */

static void
set_empty_name_error (NameKind   kind,
                      GError   **error)
{
  if (kind == NAME_OF_PROVIDER)
    g_set_error_literal (error, ANV_PROVIDER_ERROR, ANV_PROVIDER_ERROR_NAME,
                         _("The provider’s name is empty. Type the name the provider is "
                           "registered under."));
  else
    g_set_error_literal (error, ANV_PROVIDER_ERROR, ANV_PROVIDER_ERROR_NAME,
                         _("The delivery area’s name is empty. Type a name for the area, "
                           "for example “Västerbotten”."));
}

static char *
clean_name (const char  *text,
            gsize        length,
            NameKind     kind,
            GError     **error)
{
  g_autoptr (GError) empty = NULL;

  set_empty_name_error (kind, &empty);
  return anv_text_clean_line (text, length,
                              kind == NAME_OF_PROVIDER ? MAX_PROVIDER_NAME_CHARS
                                                       : MAX_AREA_NAME_CHARS,
                              kind == NAME_OF_PROVIDER ? _("The provider’s name")
                                                       : _("The delivery area’s name"),
                              ANV_PROVIDER_ERROR, ANV_PROVIDER_ERROR_NAME, empty->message,
                              error);
}

/* "from 2020-03-30 to 2020-12-31", or "from 2020-03-30 until further notice". */
static char *
describe_period (const char *from,
                 const char *to)
{
  if (to == NULL)
    /* Translators: %s is the first day of a period that has no end */
    return g_strdup_printf (_("from %s until further notice"), from);
  /* Translators: %1$s is the first day of a period, %2$s the last */
  return g_strdup_printf (_("from %1$s to %2$s"), from, to);
}

/* Providers */

static char *
describe_existing_provider (AnvDb      *db,
                            const char *digits)
{
  sqlite3_stmt *stmt = anv_db_statement (db,
    "SELECT p.name, m.short_name, p.registered_on, p.registered_by "
    "FROM provider p JOIN municipality m ON m.code = p.municipality_code "
    "WHERE p.orgnr = ?", NULL);
  char *text = NULL;

  if (stmt == NULL)
    return NULL;
  anv_db_old_bind_text (stmt, 1, digits);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup_printf (
      /* Translators: %1$s a provider's name, %2$s a municipality, %3$s a date, %4$s a user */
      _("%1$s in %2$s, registered on %3$s by %4$s"),
      (const char *) sqlite3_column_text (stmt, 0), (const char *) sqlite3_column_text (stmt, 1),
      (const char *) sqlite3_column_text (stmt, 2), (const char *) sqlite3_column_text (stmt, 3));
  sqlite3_reset (stmt);
  return text;
}

static void
set_duplicate_error (AnvDb       *db,
                     const char  *digits,
                     GError     **error)
{
  g_autofree char *existing = describe_existing_provider (db, digits);
  g_autofree char *formatted = anv_orgnr_format (digits);

  g_set_error (error, ANV_PROVIDER_ERROR, ANV_PROVIDER_ERROR_DUPLICATE,
               /* Translators: %1$s is an organisationsnummer, %2$s describes the provider */
               _("The organisationsnummer %1$s is registered already: %2$s. Use that "
                 "provider instead of adding it again."),
               formatted, existing ? existing : "?");
}

/* Inside a transaction. */
static gboolean
insert_provider (AnvDb       *db,
                 const char  *digits,
                 const char  *name,
                 const char  *municipality_code,
                 const char  *registered_on,
                 gint64      *out_id,
                 GError     **error)
{
  sqlite3_stmt *stmt = anv_db_statement (db,
    "INSERT INTO provider (orgnr, name, municipality_code, registered_on, registered_by) "
    "VALUES (?, ?, ?, ?, ?)", error);
  gboolean duplicate;

  if (stmt == NULL)
    return FALSE;
  anv_db_old_bind_text (stmt, 1, digits);
  anv_db_old_bind_text (stmt, 2, name);
  anv_db_old_bind_text (stmt, 3, municipality_code);
  anv_db_old_bind_text (stmt, 4, registered_on);
  anv_db_old_bind_text (stmt, 5, anv_db_get_user (db));

  if (anv_db_old_step_insert (db, stmt, out_id, &duplicate, error))
    return TRUE;
  if (duplicate)
    set_duplicate_error (db, digits, error);
  return FALSE;
}

static AnvProvider *
get_by_digits (AnvDb       *db,
               const char  *digits,
               GError     **error)
{
  sqlite3_stmt *stmt = anv_db_statement (db, SELECT_PROVIDER "WHERE p.orgnr = ?", error);
  AnvProvider *provider = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  anv_db_old_bind_text (stmt, 1, digits);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    provider = provider_from_row (stmt);
  else if (rc == SQLITE_DONE)
    {
      g_autofree char *formatted = anv_orgnr_format (digits);

      g_set_error (error, ANV_PROVIDER_ERROR, ANV_PROVIDER_ERROR_NOT_FOUND,
                   /* Translators: %s is an organisationsnummer */
                   _("No provider with the organisationsnummer %s is registered. Add the "
                     "provider first, or check the number."),
                   formatted);
    }
  else
    anv_db_set_error (db, rc, NULL, error);
  sqlite3_reset (stmt);
  return provider;
}

/* Delivery areas */

/* A name as compared: NFC, without case. */
static char *
fold_name (const char *name)
{
  g_autofree char *normalized = NULL;

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    return g_strdup ("");
  normalized = g_utf8_normalize (name, -1, G_NORMALIZE_NFC);
  g_strstrip (normalized);
  return g_utf8_casefold (normalized, -1);
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
  sqlite3_stmt *stmt = anv_db_statement (db, "SELECT id, service, name FROM delivery_area",
                                         error);
  g_autofree char *key = fold_name (name);
  int rc;

  *out_id = 0;
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *stored = (const char *) sqlite3_column_text (stmt, 2);
      g_autofree char *stored_key = fold_name (stored);
      gboolean exact = g_strcmp0 (stored, name) == 0;

      if (exact || (*out_id == 0 && strcmp (stored_key, key) == 0))
        {
          *out_id = sqlite3_column_int64 (stmt, 0);
          *out_service = service_from_column (stmt, 1);
          g_free (*out_name);
          *out_name = g_strdup (stored);
        }
      if (exact)
        break;
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      anv_db_set_error (db, rc, NULL, error);
      return FALSE;
    }
  return TRUE;
}

/* The area's id, or 0 with @error set; @out_name receives its name as
 * stored. */
static gint64
find_area (AnvDb       *db,
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
  sqlite3_stmt *stmt = anv_db_statement (db,
    "INSERT INTO delivery_area (name, service) VALUES (?, ?)", error);
  gint64 id;

  if (stmt == NULL)
    return FALSE;
  anv_db_old_bind_text (stmt, 1, name);
  anv_db_old_bind_text (stmt, 2, anv_service_code (service));
  if (!anv_db_old_step_done (db, stmt, error))
    return FALSE;
  id = sqlite3_last_insert_rowid (anv_db_get_handle (db));

  for (guint i = 0; codes[i] != NULL; i++)
    {
      stmt = anv_db_statement (db,
        "INSERT INTO delivery_area_municipality (area_id, municipality_code) VALUES (?, ?)",
        error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      anv_db_old_bind_text (stmt, 2, codes[i]);
      if (!anv_db_old_step_done (db, stmt, error))
        return FALSE;
    }
  *out_id = id;
  return TRUE;
}

/* Approvals */

/* Refuses a period that overlaps one of the provider's approvals for the
 * same area. */
static gboolean
check_no_overlap (AnvDb              *db,
                  const AnvProvider  *provider,
                  gint64              area_id,
                  const char         *area_name,
                  const char         *from,
                  const char         *to,
                  GError            **error)
{
  sqlite3_stmt *stmt = anv_db_statement (db,
    "SELECT valid_from, valid_to FROM approval "
    "WHERE provider_id = ?1 AND area_id = ?2 "
    "  AND valid_from <= coalesce (?4, '" END_OF_TIME "') "
    "  AND coalesce (valid_to, '" END_OF_TIME "') >= ?3 "
    "ORDER BY valid_from LIMIT 1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, provider->id);
  sqlite3_bind_int64 (stmt, 2, area_id);
  anv_db_old_bind_text (stmt, 3, from);
  anv_db_old_bind_text (stmt, 4, to);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      g_autofree char *existing = describe_period ((const char *) sqlite3_column_text (stmt, 0),
                                                   (const char *) sqlite3_column_text (stmt, 1));

      g_set_error (error, ANV_PROVIDER_ERROR, ANV_PROVIDER_ERROR_PERIOD,
                   /* Translators: %1$s is a provider, %2$s a delivery area, %3$s a period
                    * such as “from 2020-03-30 to 2020-12-31” */
                   _("%1$s is approved in the delivery area %2$s already, %3$s, which "
                     "overlaps the period given. Give a period outside it."),
                   provider->name, area_name, existing);
    }
  else if (rc != SQLITE_DONE)
    anv_db_set_error (db, rc, NULL, error);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE;
}

static gboolean
insert_approval (AnvDb       *db,
                 gint64       provider_id,
                 gint64       area_id,
                 const char  *from,
                 const char  *to,
                 GError     **error)
{
  sqlite3_stmt *stmt = anv_db_statement (db,
    "INSERT INTO approval (provider_id, area_id, valid_from, valid_to) VALUES (?, ?, ?, ?)",
    error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, provider_id);
  sqlite3_bind_int64 (stmt, 2, area_id);
  anv_db_old_bind_text (stmt, 3, from);
  anv_db_old_bind_text (stmt, 4, to);
  return anv_db_old_step_done (db, stmt, error);
}

static AnvApproval *
approval_from_row (sqlite3_stmt *stmt)
{
  AnvApproval *approval = g_new0 (AnvApproval, 1);

  approval->id = sqlite3_column_int64 (stmt, 0);
  approval->orgnr = anv_db_old_column_dup (stmt, 1);
  approval->provider_name = anv_db_old_column_dup (stmt, 2);
  approval->area_name = anv_db_old_column_dup (stmt, 3);
  approval->service = service_from_column (stmt, 4);
  approval->valid_from = anv_db_old_column_dup (stmt, 5);
  approval->valid_to = anv_db_old_column_dup (stmt, 6);
  return approval;
}

/* Distances */

/* The haversine of the great-circle angle between two points (degrees):
 * hav θ = sin²(Δφ/2) + cos φ₁ cos φ₂ sin²(Δλ/2). The distance, 2R·asin √hav θ,
 * grows with it, so comparing it compares distances. */
static double
haversine (double lat1,
           double lon1,
           double lat2,
           double lon2)
{
  double to_radians = G_PI / 180.0;
  double half_dlat = sin ((lat2 - lat1) * to_radians / 2);
  double half_dlon = sin ((lon2 - lon1) * to_radians / 2);

  return half_dlat * half_dlat
         + cos (lat1 * to_radians) * cos (lat2 * to_radians) * half_dlon * half_dlon;
}

static void
set_no_centre_error (const char  *municipality_code,
                     GError     **error)
{
  g_set_error (error, ANV_PROVIDER_ERROR, ANV_PROVIDER_ERROR_REFERENCE,
               /* Translators: %s is a municipality code */
               _("Anvisa has no centre point for the municipality %s, so it cannot tell "
                 "which provider is nearest. Reinstall Anvisa."),
               municipality_code);
}

static gboolean
get_centre (AnvDb       *db,
            const char  *municipality_code,
            double      *out_lat,
            double      *out_lon,
            GError     **error)
{
  sqlite3_stmt *stmt = anv_db_statement (db,
    "SELECT centre_lat, centre_lon FROM municipality WHERE code = ?", error);
  gboolean found = FALSE;
  int rc;

  if (stmt == NULL)
    return FALSE;
  anv_db_old_bind_text (stmt, 1, municipality_code);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) == SQLITE_FLOAT
      && sqlite3_column_type (stmt, 1) == SQLITE_FLOAT)
    {
      *out_lat = sqlite3_column_double (stmt, 0);
      *out_lon = sqlite3_column_double (stmt, 1);
      found = TRUE;
    }
  else if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    set_no_centre_error (municipality_code, error);
  else
    anv_db_set_error (db, rc, NULL, error);
  sqlite3_reset (stmt);
  return found;
}

/* Reference data */

static gboolean
set_reference_error (GError     **error,
                     const char  *format,
                     ...) G_GNUC_PRINTF (2, 3);

static gboolean
set_reference_error (GError     **error,
                     const char  *format,
                     ...)
{
  g_autofree char *detail = NULL;
  g_autofree char *shown = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);
  /* The parser's own words may quote the file's bytes, valid UTF-8 or not */
  shown = g_utf8_make_valid (detail, -1);
  g_set_error (error, ANV_PROVIDER_ERROR, ANV_PROVIDER_ERROR_REFERENCE,
               /* Translators: %1$s is a file shipped with Anvisa, %2$s what is wrong */
               _("The map data %1$s shipped with Anvisa is damaged: %2$s Reinstall Anvisa."),
               CENTRES_FILE, shown);
  return FALSE;
}

/* The member @name of @node if @node is an object and the member is of
 * @type, else NULL. Unlike json_object_get_*_member(), never warns. */
static JsonNode *
get_member (JsonNode     *node,
            const char   *name,
            JsonNodeType  type)
{
  JsonNode *member;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  member = json_object_get_member (json_node_get_object (node), name);
  return member != NULL && JSON_NODE_TYPE (member) == type ? member : NULL;
}

static gboolean
read_number (JsonNode *node,
             double   *out)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_DOUBLE:
    case G_TYPE_INT64:
      *out = json_node_get_double (node);
      return TRUE;
    default:
      return FALSE;
    }
}

/* geo_point_2d is [lat, lon], or an object with lat and lon. */
static gboolean
read_point (JsonNode *node,
            double   *out_lat,
            double   *out_lon)
{
  if (node == NULL)
    return FALSE;
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      return json_array_get_length (array) == 2
             && read_number (json_array_get_element (array, 0), out_lat)
             && read_number (json_array_get_element (array, 1), out_lon);
    }
  return read_number (get_member (node, "lat", JSON_NODE_VALUE), out_lat)
         && read_number (get_member (node, "lon", JSON_NODE_VALUE), out_lon);
}

static gboolean
is_municipality_code (const char *text)
{
  if (text == NULL || strlen (text) != 4)
    return FALSE;
  for (guint i = 0; i < 4; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

static gboolean
read_feature (JsonNode  *node,
              guint      index,
              Centre    *out,
              GError   **error)
{
  JsonNode *properties = get_member (node, "properties", JSON_NODE_OBJECT);
  JsonNode *id = get_member (properties, "id", JSON_NODE_VALUE);

  if (id == NULL || json_node_get_value_type (id) != G_TYPE_STRING
      || !is_municipality_code (json_node_get_string (id)))
    /* Translators: completes “The map data … is damaged:”; %u counts from 1 */
    return set_reference_error (error, _("feature %u has no four-digit municipality code "
                                         "(properties.id)."), index + 1);
  memcpy (out->code, json_node_get_string (id), 5);

  if (!read_point (get_member (properties, "geo_point_2d", JSON_NODE_ARRAY), &out->lat,
                   &out->lon)
      && !read_point (get_member (properties, "geo_point_2d", JSON_NODE_OBJECT), &out->lat,
                      &out->lon))
    /* Translators: completes “The map data … is damaged:”; %s is a municipality code */
    return set_reference_error (error, _("the municipality %s has no centre point "
                                         "(properties.geo_point_2d)."), out->code);
  if (out->lat < SWEDEN_LAT_MIN || out->lat > SWEDEN_LAT_MAX
      || out->lon < SWEDEN_LON_MIN || out->lon > SWEDEN_LON_MAX)
    /* Translators: completes “The map data … is damaged:”; %1$s is a municipality
     * code, %2$f and %3$f its latitude and longitude */
    return set_reference_error (error, _("the centre point of the municipality %1$s "
                                         "(%2$f, %3$f) lies outside Sweden."),
                                out->code, out->lat, out->lon);
  return TRUE;
}

/* Reads every centre before anything is written. */
static GArray *
read_centres (GInputStream  *stream,
              GError       **error)
{
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  g_autoptr (GError) parse_error = NULL;
  g_autoptr (GArray) centres = g_array_new (FALSE, TRUE, sizeof (Centre));
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonNode *features;

  if (!json_parser_load_from_stream (parser, stream, NULL, &parse_error))
    {
      /* Translators: completes “The map data … is damaged:”; %s is the parser's reason */
      set_reference_error (error, _("it is not JSON (%s)."), parse_error->message);
      return NULL;
    }
  features = get_member (json_parser_get_root (parser), "features", JSON_NODE_ARRAY);
  if (features == NULL)
    {
      /* Translators: completes “The map data … is damaged:” */
      set_reference_error (error, _("it is not a GeoJSON feature collection."));
      return NULL;
    }

  for (guint i = 0; i < json_array_get_length (json_node_get_array (features)); i++)
    {
      JsonNode *feature = json_array_get_element (json_node_get_array (features), i);
      Centre centre;

      if (!read_feature (feature, i, &centre, error))
        return NULL;
      if (!g_hash_table_add (seen, g_strdup (centre.code)))
        {
          /* Translators: completes “The map data … is damaged:”; %s is a code */
          set_reference_error (error, _("the municipality %s is there twice."), centre.code);
          return NULL;
        }
      g_array_append_val (centres, centre);
    }
  return g_steal_pointer (&centres);
}

static gboolean
store_centre (AnvDb         *db,
              const Centre  *centre,
              GError       **error)
{
  sqlite3_stmt *stmt = anv_db_statement (db,
    "UPDATE municipality SET centre_lat = ?, centre_lon = ? WHERE code = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_double (stmt, 1, centre->lat);
  sqlite3_bind_double (stmt, 2, centre->lon);
  anv_db_old_bind_text (stmt, 3, centre->code);
  if (!anv_db_old_step_done (db, stmt, error))
    return FALSE;
  if (sqlite3_changes (anv_db_get_handle (db)) == 0)
    /* Translators: completes “The map data … is damaged:” */
    return set_reference_error (error, _("it names the municipality code %s, which is not "
                                         "one of Sweden’s municipalities."), centre->code);
  return TRUE;
}

static gboolean
check_every_centre (AnvDb   *db,
                    GError **error)
{
  sqlite3_stmt *stmt = anv_db_statement (db,
    "SELECT code, short_name, (SELECT count(*) FROM municipality "
    "                          WHERE centre_lat IS NULL OR centre_lon IS NULL) "
    "FROM municipality WHERE centre_lat IS NULL OR centre_lon IS NULL "
    "ORDER BY code LIMIT 1", error);
  g_autofree char *code = NULL;
  g_autofree char *name = NULL;
  int missing = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      code = anv_db_old_column_dup (stmt, 0);
      name = anv_db_old_column_dup (stmt, 1);
      missing = sqlite3_column_int (stmt, 2);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      anv_db_set_error (db, rc, NULL, error);
      return FALSE;
    }
  if (missing > 0)
    return set_reference_error (error,
                                /* Translators: completes “The map data … is damaged:”;
                                 * %2$s is a municipality, %3$s its code */
                                g_dngettext (GETTEXT_PACKAGE,
                                             "%1$d municipality has no centre point, among "
                                             "them %2$s (%3$s).",
                                             "%1$d municipalities have no centre point, "
                                             "among them %2$s (%3$s).",
                                             (gulong) missing),
                                missing, name, code);
  return TRUE;
}

/* Import */

enum { COL_ORGNR, COL_NAME, COL_MUNICIPALITY, N_COLS };

static const char *const import_columns[] = {
  "orgnr|organisationsnummer|organisation_number|org_nr",
  "name|namn",
  "municipality|municipality_code|kommun|kommunkod",
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
  char            *headings[N_COLS];   /* as the file writes them */
  GHashTable      *lines;              /* orgnr digits → first line (GUINT_TO_POINTER) */
  gboolean         row_bad;
  AnvImportHeld   *held;               /* the second pass's errors, or NULL */
} Import;

static void
import_clear (Import *import)
{
  for (guint i = 0; i < N_COLS; i++)
    g_clear_pointer (&import->headings[i], g_free);
  g_clear_pointer (&import->lines, g_hash_table_unref);
  g_clear_pointer (&import->held, anv_import_held_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Import, import_clear)

static const char *
import_field (Import *import,
              int     column)
{
  return anv_csv_reader_field (import->reader, (guint) import->columns[column]);
}

static gboolean
import_field_has_nul (Import *import,
                      int     column)
{
  return strlen (import_field (import, column))
         != anv_csv_reader_field_length (import->reader, (guint) import->columns[column]);
}

static void
report_field (Import     *import,
              int         column,
              const char *message)
{
  /* A message may quote a field that is not UTF-8. */
  g_autofree char *valid = g_utf8_make_valid (message, -1);
  guint line = anv_csv_reader_line (import->reader);
  const char *heading = column >= 0 ? import->headings[column] : NULL;

  import->row_bad = TRUE;
  if (import->held != NULL)
    anv_import_held_add (import->held, line, heading, valid);
  else
    anv_import_report_row_error (import->report, line, heading, valid);
}

/* The organisationsnummer's digits, or FALSE with the row reported. */
static gboolean
import_orgnr (Import   *import,
              AnvOrgnr *orgnr)
{
  g_autoptr (GError) error = NULL;
  gpointer earlier;

  if (import_field_has_nul (import, COL_ORGNR))
    {
      report_field (import, COL_ORGNR, _("The field contains a NUL character."));
      return FALSE;
    }
  if (!anv_csv_check_not_scientific (import_field (import, COL_ORGNR), &error)
      || !anv_orgnr_parse (import_field (import, COL_ORGNR), import->today, orgnr, &error))
    {
      report_field (import, COL_ORGNR, error->message);
      return FALSE;
    }
  earlier = g_hash_table_lookup (import->lines, orgnr->digits);
  if (earlier != NULL)
    {
      g_autofree char *formatted = anv_orgnr_format (orgnr->digits);
      g_autofree char *message = g_strdup_printf (
        /* Translators: %1$s is an organisationsnummer, %2$u a line of the file */
        _("The organisationsnummer %1$s is on line %2$u of this file too. Keep one of "
          "the rows."),
        formatted, GPOINTER_TO_UINT (earlier));

      report_field (import, COL_ORGNR, message);
      return FALSE;
    }
  g_hash_table_insert (import->lines, g_strdup (orgnr->digits),
                       GUINT_TO_POINTER (anv_csv_reader_line (import->reader)));
  return TRUE;
}

/* Reports every bad field of the row; inserts it if there is none. */
static void
import_row (Import *import)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *name = NULL;
  const AnvMunicipality *municipality = NULL;
  AnvOrgnr orgnr;
  gboolean orgnr_ok;

  import->row_bad = FALSE;
  if (!anv_csv_reader_check_width (import->reader, &error))
    report_field (import, -1, error->message);
  g_clear_error (&error);
  orgnr_ok = import_orgnr (import, &orgnr);

  name = clean_name (import_field (import, COL_NAME),
                     anv_csv_reader_field_length (import->reader,
                                                  (guint) import->columns[COL_NAME]),
                     NAME_OF_PROVIDER, &error);
  if (name == NULL)
    report_field (import, COL_NAME, error->message);
  g_clear_error (&error);

  if (import_field_has_nul (import, COL_MUNICIPALITY))
    report_field (import, COL_MUNICIPALITY, _("The field contains a NUL character."));
  else
    {
      municipality = anv_municipalities_lookup (import->db,
                                                import_field (import, COL_MUNICIPALITY),
                                                &error);
      if (municipality == NULL)
        report_field (import, error->domain == ANV_DB_ERROR ? -1 : COL_MUNICIPALITY,
                      error->message);
      g_clear_error (&error);
    }

  /* The first pass only checks. */
  if (!orgnr_ok || import->row_bad || import->held == NULL)
    return;

  if (!insert_provider (import->db, orgnr.digits, name, municipality->code,
                        import->registered_on, NULL, &error))
    report_field (import, error->domain == ANV_DB_ERROR ? -1 : COL_ORGNR, error->message);
}

static gboolean
import_read_header (Import  *import,
                    GError **error)
{
  g_autoptr (GError) local_error = NULL;

  if (!anv_csv_reader_next (import->reader, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error_literal (error, ANV_CSV_ERROR, ANV_CSV_ERROR_EMPTY,
                             _("The file is empty. It needs a header row (orgnr, name, "
                               "municipality) and a row per provider."));
      return FALSE;
    }
  if (!anv_csv_reader_map_header (import->reader, import_columns, import->columns, error))
    return FALSE;

  for (guint i = 0; i < N_COLS; i++)
    {
      g_autofree char *stripped = NULL;

      if (import->columns[i] < 0)
        {
          g_set_error_literal (error, ANV_CSV_ERROR, ANV_CSV_ERROR_HEADER,
                               _("The header row must name the columns orgnr, name and "
                                 "municipality. Swedish headings work too: "
                                 "organisationsnummer, namn, kommun."));
          return FALSE;
        }
      stripped = g_strstrip (g_strdup (import_field (import, (int) i)));
      g_free (import->headings[i]);
      import->headings[i] = g_utf8_make_valid (stripped, -1);
    }
  return TRUE;
}

static gboolean
import_finish (Import      *import,
               const char  *path,
               GError     **error)
{
  g_autofree char *basename = g_path_get_basename (path);
  g_autofree char *details = g_strdup_printf ("%" G_GUINT64_FORMAT " rows from %s",
                                              import->report->n_rows, basename);

  if (!anv_audit_append (import->db, "provider.import", "provider", NULL, details, error)
      || !anv_db_commit (import->db, error))
    {
      anv_db_rollback (import->db);
      return FALSE;
    }
  import->report->n_stored = import->report->n_rows;
  return TRUE;
}

static guint64
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (guint64) st.st_size : 0;
}

/* Public API: providers */

AnvProvider *
anv_providers_add (AnvDb        *db,
                   const char   *orgnr,
                   const char   *name,
                   const char   *municipality_code,
                   const GDate  *today,
                   GError      **error)
{
  g_autofree char *clean = NULL;
  g_autofree char *id = NULL;
  const AnvMunicipality *municipality;
  AnvOrgnr parsed;
  char registered_on[11];
  gint64 provider_id = 0;

  g_return_val_if_fail (ANV_IS_DB (db), NULL);
  g_return_val_if_fail (today != NULL, NULL);

  if (!anv_orgnr_parse (orgnr ? orgnr : "", today, &parsed, error))
    return NULL;
  clean = clean_name (name, name ? strlen (name) : 0, NAME_OF_PROVIDER, error);
  if (clean == NULL)
    return NULL;
  municipality = anv_municipalities_lookup (db, municipality_code, error);
  if (municipality == NULL)
    return NULL;

  anv_date_format (today, registered_on);
  if (!anv_db_begin (db, error))
    return NULL;
  if (!insert_provider (db, parsed.digits, clean, municipality->code, registered_on,
                        &provider_id, error))
    {
      anv_db_rollback (db);
      return NULL;
    }
  id = id_text (provider_id);
  if (!anv_audit_append (db, "provider.add", "provider", id, parsed.digits, error)
      || !anv_db_commit (db, error))
    {
      anv_db_rollback (db);
      return NULL;
    }
  return anv_providers_get_by_id (db, provider_id, error);
}

AnvProvider *
anv_providers_get (AnvDb        *db,
                   const char   *orgnr,
                   const GDate  *today,
                   GError      **error)
{
  AnvOrgnr parsed;

  g_return_val_if_fail (ANV_IS_DB (db), NULL);
  g_return_val_if_fail (today != NULL, NULL);

  if (!anv_orgnr_parse (orgnr ? orgnr : "", today, &parsed, error))
    return NULL;
  return get_by_digits (db, parsed.digits, error);
}

AnvProvider *
anv_providers_get_by_id (AnvDb   *db,
                         gint64   id,
                         GError **error)
{
  sqlite3_stmt *stmt;
  AnvProvider *provider = NULL;
  int rc;

  g_return_val_if_fail (ANV_IS_DB (db), NULL);

  stmt = anv_db_statement (db, SELECT_PROVIDER "WHERE p.id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    provider = provider_from_row (stmt);
  else if (rc == SQLITE_DONE)
    g_set_error (error, ANV_PROVIDER_ERROR, ANV_PROVIDER_ERROR_NOT_FOUND,
                 _("The provider was not found. Choose it again from the list of "
                   "providers."));
  else
    anv_db_set_error (db, rc, NULL, error);
  sqlite3_reset (stmt);
  return provider;
}

GPtrArray *
anv_providers_list (AnvDb   *db,
                    GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ANV_IS_DB (db), NULL);

  stmt = anv_db_statement (db, SELECT_PROVIDER "ORDER BY p.name COLLATE NOCASE, p.orgnr",
                           error);
  if (stmt == NULL)
    return NULL;
  return collect (db, stmt, (RowFunc) provider_from_row,
                  (GDestroyNotify) anv_provider_free, error);
}

/* One pass over the file: the first (import->held NULL) checks every row
 * and reports what is wrong; the second, in a transaction, checks again
 * and inserts, holding back what it finds until the rollback. */
static gboolean
import_pass (Import      *import,
             const char  *path,
             guint64      total,
             GError     **error)
{
  g_autoptr (AnvCsvReader) reader = NULL;
  g_autoptr (GError) local_error = NULL;
  gboolean writing = import->held != NULL;

  reader = anv_csv_reader_new_for_path (path, error);
  if (reader == NULL)
    return FALSE;
  import->reader = reader;
  import->report->n_rows = 0;
  g_hash_table_remove_all (import->lines);
  if (!import_read_header (import, error))
    return FALSE;

  while (anv_csv_reader_next (reader, &local_error))
    {
      import->report->n_rows++;
      import_row (import);
      if (import->row_bad)
        import->report->n_bad_rows++;
    }
  if (import->report->progress != NULL)
    {
      guint64 read = anv_csv_reader_bytes_read (reader);

      import->report->progress (writing ? total / 2 + read / 2 : read / 2, total,
                                import->report->user_data);
    }
  import->reader = NULL;
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

static gboolean
import_fail_bad_rows (Import  *import,
                      GError **error)
{
  anv_import_report_set_bad_rows (import->report, ANV_PROVIDER_ERROR, ANV_PROVIDER_ERROR_IMPORT,
                                  error);
  return FALSE;
}

gboolean
anv_providers_import (AnvDb            *db,
                      const char       *path,
                      const GDate      *today,
                      AnvImportReport  *report,
                      GError          **error)
{
  AnvImportReport quiet = { 0 };
  g_auto (Import) import = { 0 };
  guint64 total = file_size (path);

  g_return_val_if_fail (ANV_IS_DB (db), FALSE);
  g_return_val_if_fail (path != NULL && today != NULL, FALSE);

  import.db = db;
  import.today = today;
  import.report = report ? report : &quiet;
  import.report->n_rows = import.report->n_bad_rows = import.report->n_stored = 0;
  import.report->n_errors = import.report->n_listed = 0;
  import.lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  anv_date_format (today, import.registered_on);

  /* The first pass checks, with no lock held: others go on working while
   * a file with errors is read and its errors shown. A pipe cannot be read
   * twice: it has only the second. */
  if (g_file_test (path, G_FILE_TEST_IS_REGULAR) || !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      if (!import_pass (&import, path, total, error))
        return FALSE;
      if (import.report->n_bad_rows > 0)
        return import_fail_bad_rows (&import, error);
    }

  /* The second inserts, in one transaction. */
  if (!anv_db_begin (db, error))
    return FALSE;
  import.held = anv_import_held_new ();
  if (!import_pass (&import, path, total, error))
    {
      anv_db_rollback (db);
      return FALSE;
    }
  if (import.report->n_bad_rows > 0)
    {
      anv_db_rollback (db);
      anv_import_held_report (g_steal_pointer (&import.held), import.report);
      return import_fail_bad_rows (&import, error);
    }
  return import_finish (&import, path, error);
}

/* Public API: delivery areas */

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

  clean = clean_name (name, name ? strlen (name) : 0, NAME_OF_AREA, error);
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
  id = id_text (area_id);
  if (!anv_audit_append (db, "area.add", "delivery_area", id, details, error)
      || !anv_db_commit (db, error))
    {
      anv_db_rollback (db);
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
anv_areas_list (AnvDb   *db,
                GError **error)
{
  g_autoptr (GPtrArray) areas = NULL;
  g_autoptr (GStrvBuilder) codes = NULL;
  sqlite3_stmt *stmt;
  AnvArea *area = NULL;
  int rc;

  g_return_val_if_fail (ANV_IS_DB (db), NULL);

  stmt = anv_db_statement (db,
    "SELECT d.id, d.name, d.service, dm.municipality_code "
    "FROM delivery_area d JOIN delivery_area_municipality dm ON dm.area_id = d.id "
    "ORDER BY d.name COLLATE NOCASE, d.id, dm.municipality_code", error);
  if (stmt == NULL)
    return NULL;

  areas = g_ptr_array_new_with_free_func ((GDestroyNotify) anv_area_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (area == NULL || area->id != sqlite3_column_int64 (stmt, 0))
        {
          if (area != NULL)
            area->municipality_codes = g_strv_builder_end (codes);
          g_clear_pointer (&codes, g_strv_builder_unref);
          codes = g_strv_builder_new ();

          area = g_new0 (AnvArea, 1);
          area->id = sqlite3_column_int64 (stmt, 0);
          area->name = anv_db_old_column_dup (stmt, 1);
          area->service = service_from_column (stmt, 2);
          g_ptr_array_add (areas, area);
        }
      g_strv_builder_add (codes, (const char *) sqlite3_column_text (stmt, 3));
    }
  sqlite3_reset (stmt);
  if (area != NULL)
    area->municipality_codes = g_strv_builder_end (codes);

  if (rc != SQLITE_DONE)
    {
      anv_db_set_error (db, rc, NULL, error);
      return NULL;
    }
  return g_steal_pointer (&areas);
}

/* Public API: approvals */

gboolean
anv_providers_approve (AnvDb        *db,
                       const char   *orgnr,
                       const char   *area_name,
                       const GDate  *from,
                       const GDate  *to,
                       const GDate  *today,
                       GError      **error)
{
  g_autoptr (AnvProvider) provider = NULL;
  g_autofree char *area = NULL;
  g_autofree char *id = NULL;
  g_autofree char *details = NULL;
  char first[11], last[11] = "";
  gint64 area_id;

  g_return_val_if_fail (ANV_IS_DB (db), FALSE);
  g_return_val_if_fail (from != NULL && g_date_valid (from), FALSE);
  g_return_val_if_fail (to == NULL || g_date_valid (to), FALSE);
  g_return_val_if_fail (today != NULL, FALSE);

  provider = anv_providers_get (db, orgnr, today, error);
  if (provider == NULL)
    return FALSE;
  area_id = find_area (db, area_name, &area, error);
  if (area_id == 0)
    return FALSE;
  if (to != NULL && g_date_compare (to, from) < 0)
    {
      g_set_error_literal (error, ANV_PROVIDER_ERROR, ANV_PROVIDER_ERROR_PERIOD,
                           _("The approval ends before it starts: give an end date on or "
                             "after the start date, or none."));
      return FALSE;
    }

  anv_date_format (from, first);
  if (to != NULL)
    anv_date_format (to, last);
  id = id_text (provider->id);
  details = g_strdup_printf ("%s %s..%s", area, first, last);

  if (!anv_db_begin (db, error))
    return FALSE;
  if (!check_no_overlap (db, provider, area_id, area, first, to ? last : NULL, error)
      || !insert_approval (db, provider->id, area_id, first, to ? last : NULL, error)
      || !anv_audit_append (db, "provider.approve", "provider", id, details, error)
      || !anv_db_commit (db, error))
    {
      anv_db_rollback (db);
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
anv_approvals_list (AnvDb   *db,
                    GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ANV_IS_DB (db), NULL);

  stmt = anv_db_statement (db,
    "SELECT a.id, p.orgnr, p.name, d.name, d.service, a.valid_from, a.valid_to "
    "FROM approval a JOIN provider p ON p.id = a.provider_id "
    "JOIN delivery_area d ON d.id = a.area_id "
    "ORDER BY p.name COLLATE NOCASE, p.orgnr, d.name COLLATE NOCASE, a.valid_from", error);
  if (stmt == NULL)
    return NULL;
  return collect (db, stmt, (RowFunc) approval_from_row,
                  (GDestroyNotify) anv_approval_free, error);
}

gboolean
anv_providers_is_approved (AnvDb        *db,
                           gint64        provider_id,
                           AnvService    service,
                           const char   *municipality_code,
                           const GDate  *date,
                           gboolean     *out_approved,
                           GError      **error)
{
  sqlite3_stmt *stmt;
  char day[11];
  int rc;

  g_return_val_if_fail (ANV_IS_DB (db), FALSE);
  g_return_val_if_fail (date != NULL && out_approved != NULL, FALSE);

  stmt = anv_db_statement (db,
    "SELECT EXISTS (SELECT 1 FROM approval a "
    "  JOIN delivery_area d ON d.id = a.area_id "
    "  JOIN delivery_area_municipality dm ON dm.area_id = a.area_id "
    "  JOIN provider p ON p.id = a.provider_id "
    "  WHERE a.provider_id = ?1 AND d.service = ?2 AND dm.municipality_code = ?3 "
    "    AND a.valid_from <= ?4 AND (a.valid_to IS NULL OR a.valid_to >= ?4) "
    "    AND p.active)", error);
  if (stmt == NULL)
    return FALSE;

  anv_date_format (date, day);
  sqlite3_bind_int64 (stmt, 1, provider_id);
  anv_db_old_bind_text (stmt, 2, anv_service_code (service));
  anv_db_old_bind_text (stmt, 3, municipality_code);
  anv_db_old_bind_text (stmt, 4, day);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out_approved = sqlite3_column_int (stmt, 0) != 0;
  else
    anv_db_set_error (db, rc, NULL, error);
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW;
}

/* The approved providers, each followed in @centres (if not NULL) by its
 * municipality's centre. */
static GPtrArray *
list_approved (AnvDb        *db,
               AnvService    service,
               const char   *municipality_code,
               const GDate  *date,
               GArray       *centres,
               GError      **error)
{
  g_autoptr (GPtrArray) providers = NULL;
  sqlite3_stmt *stmt;
  char day[11];
  int rc;

  stmt = anv_db_statement (db,
    "SELECT DISTINCT " PROVIDER_COLUMNS ", m.centre_lat, m.centre_lon "
    "FROM delivery_area_municipality dm "
    "JOIN delivery_area d ON d.id = dm.area_id "
    "JOIN approval a ON a.area_id = dm.area_id "
    "JOIN provider p ON p.id = a.provider_id "
    "JOIN municipality m ON m.code = p.municipality_code "
    "WHERE dm.municipality_code = ?2 AND d.service = ?1 "
    "  AND a.valid_from <= ?3 AND (a.valid_to IS NULL OR a.valid_to >= ?3) AND p.active "
    "ORDER BY p.name COLLATE NOCASE, p.orgnr", error);
  if (stmt == NULL)
    return NULL;

  anv_date_format (date, day);
  anv_db_old_bind_text (stmt, 1, anv_service_code (service));
  anv_db_old_bind_text (stmt, 2, municipality_code);
  anv_db_old_bind_text (stmt, 3, day);

  providers = g_ptr_array_new_with_free_func ((GDestroyNotify) anv_provider_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (providers, provider_from_row (stmt));
      if (centres != NULL)
        {
          Centre centre = { .lat = sqlite3_column_double (stmt, 6),
                            .lon = sqlite3_column_double (stmt, 7) };

          if (sqlite3_column_type (stmt, 6) != SQLITE_FLOAT
              || sqlite3_column_type (stmt, 7) != SQLITE_FLOAT)
            {
              AnvProvider *last = g_ptr_array_index (providers, providers->len - 1);

              sqlite3_reset (stmt);
              set_no_centre_error (last->municipality_code, error);
              return NULL;
            }
          g_array_append_val (centres, centre);
        }
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      anv_db_set_error (db, rc, NULL, error);
      return NULL;
    }
  return g_steal_pointer (&providers);
}

GPtrArray *
anv_providers_approved_for (AnvDb        *db,
                            AnvService    service,
                            const char   *municipality_code,
                            const GDate  *date,
                            GError      **error)
{
  const AnvMunicipality *municipality;

  g_return_val_if_fail (ANV_IS_DB (db), NULL);
  g_return_val_if_fail (date != NULL, NULL);

  municipality = anv_municipalities_lookup (db, municipality_code, error);
  if (municipality == NULL)
    return NULL;
  return list_approved (db, service, municipality->code, date, NULL, error);
}

AnvProvider *
anv_providers_propose_nearest (AnvDb        *db,
                               AnvService    service,
                               const char   *municipality_code,
                               const GDate  *date,
                               GError      **error)
{
  g_autoptr (GPtrArray) providers = NULL;
  g_autoptr (GArray) centres = NULL;
  const AnvMunicipality *municipality;
  double lat, lon, best_distance = G_MAXDOUBLE;
  guint best = 0;

  g_return_val_if_fail (ANV_IS_DB (db), NULL);
  g_return_val_if_fail (date != NULL, NULL);

  municipality = anv_municipalities_lookup (db, municipality_code, error);
  if (municipality == NULL || !get_centre (db, municipality->code, &lat, &lon, error))
    return NULL;

  centres = g_array_new (FALSE, TRUE, sizeof (Centre));
  providers = list_approved (db, service, municipality->code, date, centres, error);
  if (providers == NULL)
    return NULL;
  if (providers->len == 0)
    {
      char day[11];

      anv_date_format (date, day);
      g_set_error (error, ANV_PROVIDER_ERROR, ANV_PROVIDER_ERROR_NOT_FOUND,
                   /* Translators: %1$s is a service, %2$s a municipality, %3$s a date */
                   _("No provider is approved for %1$s in %2$s on %3$s, so there is no "
                     "nearest provider to propose. Approve a provider for a delivery area "
                     "with the municipality first."),
                   anv_service_name (service), municipality->short_name, day);
      return NULL;
    }

  /* The list is by name, so the first of equally near providers wins. */
  for (guint i = 0; i < providers->len; i++)
    {
      const Centre *centre = &g_array_index (centres, Centre, i);
      double distance = haversine (lat, lon, centre->lat, centre->lon);

      if (distance < best_distance)
        {
          best_distance = distance;
          best = i;
        }
    }
  return g_ptr_array_steal_index (providers, best);
}

gboolean
anv_providers_get_centre (AnvDb       *db,
                          const char  *municipality_code,
                          double      *out_lat,
                          double      *out_lon,
                          GError     **error)
{
  const AnvMunicipality *municipality;

  g_return_val_if_fail (ANV_IS_DB (db), FALSE);
  g_return_val_if_fail (out_lat != NULL && out_lon != NULL, FALSE);

  municipality = anv_municipalities_lookup (db, municipality_code, error);
  return municipality != NULL
         && get_centre (db, municipality->code, out_lat, out_lon, error);
}

/* Public API: reference data */

gboolean
anv_providers_load_centres (AnvDb         *db,
                            GInputStream  *stream,
                            GError       **error)
{
  g_autoptr (GArray) centres = NULL;

  g_return_val_if_fail (ANV_IS_DB (db), FALSE);
  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), FALSE);

  centres = read_centres (stream, error);
  if (centres == NULL)
    return FALSE;
  for (guint i = 0; i < centres->len; i++)
    if (!store_centre (db, &g_array_index (centres, Centre, i), error))
      return FALSE;
  return check_every_centre (db, error);
}

gboolean
anv_providers_read_centres (GInputStream  *stream,
                            guint         *out_n_centres,
                            GError       **error)
{
  g_autoptr (GArray) centres = NULL;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), FALSE);

  centres = read_centres (stream, error);
  if (centres == NULL)
    return FALSE;
  if (out_n_centres != NULL)
    *out_n_centres = centres->len;
  return TRUE;
}

gboolean
anv_providers_load_reference (AnvDb   *db,
                              GError **error)
{
  g_autoptr (GInputStream) stream = NULL;
  g_autoptr (GError) open_error = NULL;

  stream = g_resource_open_stream (anv_core_get_resource (),
                                   RESOURCE_PREFIX "/data/" CENTRES_FILE,
                                   G_RESOURCE_LOOKUP_FLAGS_NONE, &open_error);
  if (stream == NULL)
    /* Translators: completes “The map data … is damaged:”; %s is the system's reason */
    return set_reference_error (error, _("it is missing (%s)."), open_error->message);
  return anv_providers_load_centres (db, stream, error);
}
