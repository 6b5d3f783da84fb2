/* anv-map.c — Sweden's municipalities as polygons in SWEREF 99 TM, for the map
 *
 * The borders ship as GeoJSON in WGS 84 (data/swedish_municipalities.geojson).
 * They are read once, projected to SWEREF 99 TM (EPSG:3006) with the
 * Gauss–Krüger series that Lantmäteriet publishes, and kept as plain
 * arrays of metres: the map draws from them and hit-tests against them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-map"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "anv-core-resources.h"
#include "anv-db-private.h"
#include "anv-map.h"
#include "anv-municipalities.h"

#define BORDERS_FILE "swedish_municipalities.geojson"

/* Sweden lies within these bounds (WGS 84); a centre outside them means
 * the file is wrong, for instance with latitude and longitude swapped. */
#define SWEDEN_LAT_MIN 55.0
#define SWEDEN_LAT_MAX 69.5
#define SWEDEN_LON_MIN 10.5
#define SWEDEN_LON_MAX 24.5

/* GRS 80 and the SWEREF 99 TM projection */
#define GRS80_A          6378137.0
#define GRS80_F          (1.0 / 298.257222101)
#define SWEREF_LON0      15.0
#define SWEREF_K0        0.9996
#define SWEREF_FALSE_E   500000.0
#define SWEREF_FALSE_N   0.0

struct _AnvMap
{
  GArray *areas;   /* AnvMapArea, by code */
};

G_DEFINE_QUARK (anv-map-error-quark, anv_map_error)


/* Projection */

void
anv_map_project (double  longitude,
                 double  latitude,
                 double *x,
                 double *y)
{
  static gsize initialized = 0;
  static double a_hat, k_a, c_a, c_b, c_c, c_d, beta[4];
  double phi = latitude * G_PI / 180.0;
  double d_lambda = (longitude - SWEREF_LON0) * G_PI / 180.0;
  double s = sin (phi), s2 = s * s;
  double phi_star, xi, eta, sum_x, sum_y;

  if (g_once_init_enter (&initialized))
    {
      double f = GRS80_F;
      double e2 = f * (2.0 - f);
      double n = f / (2.0 - f);
      double n2 = n * n, n3 = n2 * n, n4 = n3 * n;

      a_hat = GRS80_A / (1.0 + n) * (1.0 + n2 / 4.0 + n4 / 64.0);
      k_a = SWEREF_K0 * a_hat;
      c_a = e2;
      c_b = (5.0 * e2 * e2 - e2 * e2 * e2) / 6.0;
      c_c = (104.0 * pow (e2, 3) - 45.0 * pow (e2, 4)) / 120.0;
      c_d = 1237.0 * pow (e2, 4) / 1260.0;
      beta[0] = n / 2.0 - 2.0 * n2 / 3.0 + 5.0 * n3 / 16.0 + 41.0 * n4 / 180.0;
      beta[1] = 13.0 * n2 / 48.0 - 3.0 * n3 / 5.0 + 557.0 * n4 / 1440.0;
      beta[2] = 61.0 * n3 / 240.0 - 103.0 * n4 / 140.0;
      beta[3] = 49561.0 * n4 / 161280.0;
      g_once_init_leave (&initialized, 1);
    }

  /* The conformal latitude, then the spherical transverse Mercator, then
   * the series that takes it to the ellipsoid. */
  phi_star = phi - s * cos (phi) * (c_a + c_b * s2 + c_c * s2 * s2 + c_d * s2 * s2 * s2);
  xi = atan (tan (phi_star) / cos (d_lambda));
  eta = atanh (cos (phi_star) * sin (d_lambda));

  sum_x = xi;
  sum_y = eta;
  for (int j = 1; j <= 4; j++)
    {
      sum_x += beta[j - 1] * sin (2.0 * j * xi) * cosh (2.0 * j * eta);
      sum_y += beta[j - 1] * cos (2.0 * j * xi) * sinh (2.0 * j * eta);
    }

  *y = k_a * sum_x + SWEREF_FALSE_N;
  *x = k_a * sum_y + SWEREF_FALSE_E;
}


/* Reading */

static void
clear_area (AnvMapArea *area)
{
  g_free (area->name);
  g_free (area->ring_ends);
  g_free (area->points);
}

static gboolean
set_data_error (GError    **error,
                const char *code,
                const char *what)
{
  /* Both may come from the file (the parser's words quote its bytes) */
  g_autofree char *shown_code = g_utf8_make_valid (code, -1);
  g_autofree char *shown_what = g_utf8_make_valid (what, -1);

  g_set_error (error, ANV_MAP_ERROR, ANV_MAP_ERROR_DATA,
               /* Translators: %1$s is a municipality code or “?”, %2$s says what is wrong */
               _("The map's borders are damaged (municipality %1$s: %2$s). "
                 "Reinstall Anvisa."),
               shown_code, shown_what);
  return FALSE;
}

static const char *
get_string_member (JsonObject *object,
                   const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
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
      *out = json_node_get_double (node);
      return isfinite (*out);
    case G_TYPE_INT64:
      *out = (double) json_node_get_int (node);
      return TRUE;
    default:
      return FALSE;
    }
}

/* Appends one ring ([[lon, lat], …]) projected. */
static gboolean
add_ring (JsonNode *node,
          GArray   *points,
          GArray   *ring_ends)
{
  JsonArray *ring;
  guint n, end;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  ring = json_node_get_array (node);
  n = json_array_get_length (ring);
  if (n < 3)
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      JsonNode *pair = json_array_get_element (ring, i);
      double lon, lat, xy[2];

      if (!JSON_NODE_HOLDS_ARRAY (pair) || json_array_get_length (json_node_get_array (pair)) < 2
          || !read_number (json_array_get_element (json_node_get_array (pair), 0), &lon)
          || !read_number (json_array_get_element (json_node_get_array (pair), 1), &lat))
        return FALSE;
      anv_map_project (lon, lat, &xy[0], &xy[1]);
      g_array_append_vals (points, xy, 2);
    }
  end = points->len / 2;
  g_array_append_val (ring_ends, end);
  return TRUE;
}

/* Appends the rings of one polygon ([[ring], [hole], …]). */
static gboolean
add_polygon (JsonNode *node,
             GArray   *points,
             GArray   *ring_ends)
{
  JsonArray *rings;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  rings = json_node_get_array (node);
  if (json_array_get_length (rings) == 0)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (rings); i++)
    if (!add_ring (json_array_get_element (rings, i), points, ring_ends))
      return FALSE;
  return TRUE;
}

static gboolean
read_geometry (JsonObject *geometry,
               GArray     *points,
               GArray     *ring_ends)
{
  const char *type = get_string_member (geometry, "type");
  JsonNode *coordinates = geometry != NULL ? json_object_get_member (geometry, "coordinates")
                                           : NULL;

  if (g_strcmp0 (type, "Polygon") == 0)
    return add_polygon (coordinates, points, ring_ends);

  if (g_strcmp0 (type, "MultiPolygon") == 0 && coordinates != NULL
      && JSON_NODE_HOLDS_ARRAY (coordinates))
    {
      JsonArray *polygons = json_node_get_array (coordinates);

      for (guint i = 0; i < json_array_get_length (polygons); i++)
        if (!add_polygon (json_array_get_element (polygons, i), points, ring_ends))
          return FALSE;
      return json_array_get_length (polygons) > 0;
    }
  return FALSE;
}

static void
compute_bounds (AnvMapArea *area)
{
  area->bounds = (AnvMapBounds) { INFINITY, INFINITY, -INFINITY, -INFINITY };
  for (guint i = 0; i < area->n_points; i++)
    {
      double x = area->points[2 * i], y = area->points[2 * i + 1];

      area->bounds.x_min = MIN (area->bounds.x_min, x);
      area->bounds.x_max = MAX (area->bounds.x_max, x);
      area->bounds.y_min = MIN (area->bounds.y_min, y);
      area->bounds.y_max = MAX (area->bounds.y_max, y);
    }
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* A point surely inside: on the horizontal line through the middle of the
 * bounds, the middle of the widest stretch that lies inside. */
static void
find_inner_point (AnvMapArea *area)
{
  double y = (area->bounds.y_min + area->bounds.y_max) / 2.0;
  g_autoptr (GArray) crossings = g_array_new (FALSE, FALSE, sizeof (double));
  guint start = 0;
  double widest = -1.0;

  area->label_x = (area->bounds.x_min + area->bounds.x_max) / 2.0;
  area->label_y = y;

  for (guint r = 0; r < area->n_rings; r++)
    {
      guint end = area->ring_ends[r];

      for (guint i = start, j = end - 1; i < end; j = i++)
        {
          double xi = area->points[2 * i], yi = area->points[2 * i + 1];
          double xj = area->points[2 * j], yj = area->points[2 * j + 1];

          if ((yi > y) != (yj > y))
            {
              double x = xi + (y - yi) * (xj - xi) / (yj - yi);

              g_array_append_val (crossings, x);
            }
        }
      start = end;
    }

  g_array_sort (crossings, compare_doubles);
  for (guint i = 0; i + 1 < crossings->len; i += 2)
    {
      double a = g_array_index (crossings, double, i);
      double b = g_array_index (crossings, double, i + 1);

      if (b - a > widest)
        {
          widest = b - a;
          area->label_x = (a + b) / 2.0;
        }
    }
}

static void
place_label (AnvMapArea *area,
             JsonObject *properties)
{
  JsonNode *point = json_object_get_member (properties, "geo_point_2d");
  double lat, lon, x, y;

  /* The file's own centre when it lies inside (it does for most) */
  if (point != NULL && JSON_NODE_HOLDS_ARRAY (point)
      && json_array_get_length (json_node_get_array (point)) == 2
      && read_number (json_array_get_element (json_node_get_array (point), 0), &lat)
      && read_number (json_array_get_element (json_node_get_array (point), 1), &lon))
    {
      anv_map_project (lon, lat, &x, &y);
      if (anv_map_area_contains (area, x, y))
        {
          area->label_x = x;
          area->label_y = y;
          return;
        }
    }
  find_inner_point (area);
}

static gboolean
read_feature (JsonNode   *node,
              AnvMapArea *area,
              GError    **error)
{
  JsonObject *feature = node != NULL && JSON_NODE_HOLDS_OBJECT (node)
                        ? json_node_get_object (node) : NULL;
  JsonNode *properties_node = feature != NULL ? json_object_get_member (feature, "properties")
                                              : NULL;
  JsonNode *geometry_node = feature != NULL ? json_object_get_member (feature, "geometry")
                                            : NULL;
  JsonObject *properties = properties_node != NULL && JSON_NODE_HOLDS_OBJECT (properties_node)
                           ? json_node_get_object (properties_node) : NULL;
  const char *code = get_string_member (properties, "id");
  const char *county = get_string_member (properties, "lan_code");
  const char *name = get_string_member (properties, "kom_namn");
  g_autoptr (GArray) points = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) ring_ends = g_array_new (FALSE, FALSE, sizeof (guint));

  if (code == NULL || strlen (code) != 4 || county == NULL || strlen (county) != 2
      || name == NULL)
    return set_data_error (error, code != NULL ? code : "?",
                           _("no code, county or name"));
  if (geometry_node == NULL || !JSON_NODE_HOLDS_OBJECT (geometry_node)
      || !read_geometry (json_node_get_object (geometry_node), points, ring_ends))
    return set_data_error (error, code, _("no readable border"));

  memcpy (area->code, code, 5);
  memcpy (area->county_code, county, 3);
  area->name = g_strdup (name);
  area->n_rings = ring_ends->len;
  area->ring_ends = (guint *) g_array_free (g_steal_pointer (&ring_ends), FALSE);
  area->n_points = points->len / 2;
  area->points = (double *) g_array_free (g_steal_pointer (&points), FALSE);
  compute_bounds (area);
  place_label (area, properties);
  return TRUE;
}

static int
compare_areas (gconstpointer a,
               gconstpointer b)
{
  return strcmp (((const AnvMapArea *) a)->code, ((const AnvMapArea *) b)->code);
}

static AnvMap *
read_map (JsonParser *parser,
          GError    **error)
{
  JsonNode *root = json_parser_get_root (parser);
  JsonNode *features = NULL;
  g_autoptr (AnvMap) map = g_new0 (AnvMap, 1);
  JsonArray *array;

  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    features = json_object_get_member (json_node_get_object (root), "features");
  if (features == NULL || !JSON_NODE_HOLDS_ARRAY (features))
    {
      set_data_error (error, "?", _("no list of municipalities"));
      return NULL;
    }

  array = json_node_get_array (features);
  map->areas = g_array_sized_new (FALSE, TRUE, sizeof (AnvMapArea),
                                  json_array_get_length (array));
  g_array_set_clear_func (map->areas, (GDestroyNotify) clear_area);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      AnvMapArea area = { { 0 }, };

      if (!read_feature (json_array_get_element (array, i), &area, error))
        {
          clear_area (&area);
          return NULL;
        }
      g_array_append_val (map->areas, area);
    }
  g_array_sort (map->areas, compare_areas);
  return g_steal_pointer (&map);
}


/* Public */

AnvMap *
anv_map_new_from_data (const char  *data,
                       gsize        length,
                       GError     **error)
{
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  g_autoptr (GError) parse_error = NULL;

  g_return_val_if_fail (data != NULL, NULL);

  if (!json_parser_load_from_data (parser, data, (gssize) length, &parse_error))
    {
      set_data_error (error, "?", parse_error->message);
      return NULL;
    }
  return read_map (parser, error);
}

AnvMap *
anv_map_get_default (GError **error)
{
  static AnvMap *map = NULL;
  G_LOCK_DEFINE_STATIC (map);
  AnvMap *result;

  G_LOCK (map);
  if (map == NULL)
    {
      g_autoptr (GBytes) bytes = NULL;
      g_autoptr (GError) open_error = NULL;

      bytes = g_resource_lookup_data (anv_core_get_resource (),
                                      RESOURCE_PREFIX "/data/" BORDERS_FILE,
                                      G_RESOURCE_LOOKUP_FLAGS_NONE, &open_error);
      if (bytes == NULL)
        set_data_error (error, "?", open_error->message);
      else
        map = anv_map_new_from_data (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                     error);
    }
  result = map;
  G_UNLOCK (map);

  return result;
}

void
anv_map_free (AnvMap *map)
{
  if (map == NULL)
    return;
  g_clear_pointer (&map->areas, g_array_unref);
  g_free (map);
}

guint
anv_map_get_n_areas (const AnvMap *map)
{
  g_return_val_if_fail (map != NULL, 0);

  return map->areas->len;
}

const AnvMapArea *
anv_map_get_area (const AnvMap *map,
                  guint         index)
{
  g_return_val_if_fail (map != NULL, NULL);
  g_return_val_if_fail (index < map->areas->len, NULL);

  return &g_array_index (map->areas, AnvMapArea, index);
}

int
anv_map_lookup (const AnvMap *map,
                const char   *code)
{
  guint low = 0, high;

  g_return_val_if_fail (map != NULL, -1);

  if (code == NULL)
    return -1;
  high = map->areas->len;
  while (low < high)
    {
      guint middle = (low + high) / 2;
      int order = strcmp (g_array_index (map->areas, AnvMapArea, middle).code, code);

      if (order == 0)
        return (int) middle;
      if (order < 0)
        low = middle + 1;
      else
        high = middle;
    }
  return -1;
}

gboolean
anv_map_area_contains (const AnvMapArea *area,
                       double            x,
                       double            y)
{
  gboolean inside = FALSE;
  guint start = 0;

  g_return_val_if_fail (area != NULL, FALSE);

  if (x < area->bounds.x_min || x > area->bounds.x_max
      || y < area->bounds.y_min || y > area->bounds.y_max)
    return FALSE;

  /* Even–odd: a ray to the east crosses the border an odd number of times
   * from inside. Holes are rings like any other. */
  for (guint r = 0; r < area->n_rings; r++)
    {
      guint end = area->ring_ends[r];

      for (guint i = start, j = end - 1; i < end; j = i++)
        {
          double xi = area->points[2 * i], yi = area->points[2 * i + 1];
          double xj = area->points[2 * j], yj = area->points[2 * j + 1];

          if ((yi > y) != (yj > y) && x < xi + (y - yi) * (xj - xi) / (yj - yi))
            inside = !inside;
        }
      start = end;
    }
  return inside;
}

int
anv_map_find (const AnvMap *map,
              double        x,
              double        y)
{
  g_return_val_if_fail (map != NULL, -1);

  for (guint i = 0; i < map->areas->len; i++)
    if (anv_map_area_contains (&g_array_index (map->areas, AnvMapArea, i), x, y))
      return (int) i;
  return -1;
}

gboolean
anv_map_get_bounds (const AnvMap *map,
                    const char   *county_code,
                    AnvMapBounds *out)
{
  gboolean found = FALSE;

  g_return_val_if_fail (map != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  *out = (AnvMapBounds) { INFINITY, INFINITY, -INFINITY, -INFINITY };
  for (guint i = 0; i < map->areas->len; i++)
    {
      const AnvMapArea *area = &g_array_index (map->areas, AnvMapArea, i);

      if (county_code != NULL && strcmp (area->county_code, county_code) != 0)
        continue;
      out->x_min = MIN (out->x_min, area->bounds.x_min);
      out->y_min = MIN (out->y_min, area->bounds.y_min);
      out->x_max = MAX (out->x_max, area->bounds.x_max);
      out->y_max = MAX (out->y_max, area->bounds.y_max);
      found = TRUE;
    }
  return found;
}


/* Centre points: the point of each municipality from which distances to
 * providers are measured, read from the same file's geo_point_2d and
 * stored in the municipality table. */

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
               BORDERS_FILE, shown);
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
read_centre_feature (JsonNode  *node,
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
                                   RESOURCE_PREFIX "/data/" BORDERS_FILE,
                                   G_RESOURCE_LOOKUP_FLAGS_NONE, &open_error);
  if (stream == NULL)
    /* Translators: completes “The map data … is damaged:”; %s is the system's reason */
    return set_reference_error (error, _("it is missing (%s)."), open_error->message);
  return anv_map_load_centres (db, stream, error);
}
