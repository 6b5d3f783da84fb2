/* anv-map-centres.c — the municipalities' centre points, from the map's GeoJSON
 *
 * The point of each municipality from which distances to providers are
 * measured: the geo_point_2d of the borders file that anv-map.c draws,
 * read by the same rules (anv-map-private.h), checked strictly and
 * stored in the municipality table when the schema is made.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-map-centres"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "anv-core-resources.h"
#include "anv-db-private.h"
#include "anv-map-private.h"
#include "anv-municipalities.h"

/* Sweden lies within these bounds (WGS 84); a centre outside them means
 * the file is wrong, for instance with latitude and longitude swapped. */
#define SWEDEN_LAT_MIN 55.0
#define SWEDEN_LAT_MAX 69.5
#define SWEDEN_LON_MIN 10.5
#define SWEDEN_LON_MAX 24.5

typedef struct
{
  char   code[5];
  double lat;
  double lon;
} Centre;

static void
set_no_centre_error (const char  *municipality_code,
                     GError     **error)
{
  g_set_error (error, ANV_MAP_ERROR, ANV_MAP_ERROR_DATA,
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
  AnvDbStmt *stmt = anv_db_prepare (db, "map/centre",
    "SELECT centre_lat, centre_lon FROM municipality WHERE code = ?1", error);
  gboolean found = FALSE;
  AnvDbStep step;

  if (stmt == NULL)
    return FALSE;
  anv_db_bind_text (stmt, 1, municipality_code);
  step = anv_db_step (stmt, error);
  if (step == ANV_DB_FAILED)
    return FALSE;
  if (step == ANV_DB_ROW)
    {
      found = !anv_db_column_is_null (stmt, 0) && !anv_db_column_is_null (stmt, 1);
      *out_lat = anv_db_column_double (stmt, 0);
      *out_lon = anv_db_column_double (stmt, 1);
      anv_db_reset (stmt);
    }
  if (!found)
    set_no_centre_error (municipality_code, error);
  return found;
}


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
  g_set_error (error, ANV_MAP_ERROR, ANV_MAP_ERROR_DATA,
               /* Translators: %1$s is a file shipped with Anvisa, %2$s what is wrong */
               _("The map data %1$s shipped with Anvisa is damaged: %2$s Reinstall Anvisa."),
               ANV_MAP_FILE, shown);
  return FALSE;
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
read_centre_feature (JsonNode  *node,
                     guint      index,
                     Centre    *out,
                     GError   **error)
{
  JsonNode *properties = anv_map_json_member (node, "properties", JSON_NODE_OBJECT);
  JsonNode *id = anv_map_json_member (properties, "id", JSON_NODE_VALUE);

  if (id == NULL || json_node_get_value_type (id) != G_TYPE_STRING
      || !is_municipality_code (json_node_get_string (id)))
    /* Translators: completes “The map data … is damaged:”; %u counts from 1 */
    return set_reference_error (error, _("feature %u has no four-digit municipality code "
                                         "(properties.id)."), index + 1);
  memcpy (out->code, json_node_get_string (id), 5);

  if (!anv_map_read_geo_point (properties, &out->lat, &out->lon))
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
  features = anv_map_json_member (json_parser_get_root (parser), "features", JSON_NODE_ARRAY);
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

      if (!read_centre_feature (feature, i, &centre, error))
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
  AnvDbStmt *stmt = anv_db_prepare (db, "map/store-centre",
    "UPDATE municipality SET centre_lat = ?1, centre_lon = ?2 WHERE code = ?3", error);

  if (stmt == NULL)
    return FALSE;
  anv_db_bind_double (stmt, 1, centre->lat);
  anv_db_bind_double (stmt, 2, centre->lon);
  anv_db_bind_text (stmt, 3, centre->code);
  if (!anv_db_step_done (stmt, error))
    return FALSE;
  if (anv_db_changes (db) == 0)
    /* Translators: completes “The map data … is damaged:” */
    return set_reference_error (error, _("it names the municipality code %s, which is not "
                                         "one of Sweden’s municipalities."), centre->code);
  return TRUE;
}

static gboolean
check_every_centre (AnvDb   *db,
                    GError **error)
{
  AnvDbStmt *stmt = anv_db_prepare (db, "map/missing-centres",
    "SELECT code, short_name, (SELECT count(*) FROM municipality "
    "                          WHERE centre_lat IS NULL OR centre_lon IS NULL) "
    "FROM municipality WHERE centre_lat IS NULL OR centre_lon IS NULL "
    "ORDER BY code LIMIT 1", error);
  g_autofree char *code = NULL;
  g_autofree char *name = NULL;
  int missing = 0;
  AnvDbStep step;

  if (stmt == NULL)
    return FALSE;
  step = anv_db_step (stmt, error);
  if (step == ANV_DB_FAILED)
    return FALSE;
  if (step == ANV_DB_ROW)
    {
      code = anv_db_column_dup (stmt, 0);
      name = anv_db_column_dup (stmt, 1);
      missing = anv_db_column_int (stmt, 2);
      anv_db_reset (stmt);
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

/* Public API: centre points */

gboolean
anv_map_get_centre (AnvDb       *db,
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

gboolean
anv_map_load_centres (AnvDb         *db,
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
anv_map_read_centres (GInputStream  *stream,
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
anv_map_load_centres_reference (AnvDb   *db,
                                GError **error)
{
  g_autoptr (GInputStream) stream = NULL;
  g_autoptr (GError) open_error = NULL;

  stream = g_resource_open_stream (anv_core_get_resource (),
                                   RESOURCE_PREFIX "/data/" ANV_MAP_FILE,
                                   G_RESOURCE_LOOKUP_FLAGS_NONE, &open_error);
  if (stream == NULL)
    /* Translators: completes “The map data … is damaged:”; %s is the system's reason */
    return set_reference_error (error, _("it is missing (%s)."), open_error->message);
  return anv_map_load_centres (db, stream, error);
}
