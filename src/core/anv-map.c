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
#include "anv-map-private.h"

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

gboolean
anv_map_json_number (JsonNode *node,
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
          || !anv_map_json_number (json_array_get_element (json_node_get_array (pair), 0), &lon)
          || !anv_map_json_number (json_array_get_element (json_node_get_array (pair), 1), &lat))
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

JsonNode *
anv_map_json_member (JsonNode     *node,
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
             && anv_map_json_number (json_array_get_element (array, 0), out_lat)
             && anv_map_json_number (json_array_get_element (array, 1), out_lon);
    }
  return anv_map_json_number (anv_map_json_member (node, "lat", JSON_NODE_VALUE), out_lat)
         && anv_map_json_number (anv_map_json_member (node, "lon", JSON_NODE_VALUE), out_lon);
}

gboolean
anv_map_read_geo_point (JsonNode *properties,
                        double   *out_lat,
                        double   *out_lon)
{
  return read_point (anv_map_json_member (properties, "geo_point_2d", JSON_NODE_ARRAY),
                     out_lat, out_lon)
         || read_point (anv_map_json_member (properties, "geo_point_2d", JSON_NODE_OBJECT),
                        out_lat, out_lon);
}

static void
place_label (AnvMapArea *area,
             JsonNode   *properties)
{
  double lat, lon, x, y;

  /* The file's own centre, as the centre points read it, when it lies
   * inside (it does for most) */
  if (anv_map_read_geo_point (properties, &lat, &lon))
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
  place_label (area, properties_node);
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
                                      RESOURCE_PREFIX "/data/" ANV_MAP_FILE,
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
