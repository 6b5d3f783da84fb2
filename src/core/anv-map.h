/* anv-map.h — Sweden's municipalities as polygons in SWEREF 99 TM, for the map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "anv-db.h"

G_BEGIN_DECLS

#define ANV_MAP_ERROR (anv_map_error_quark ())

typedef enum
{
  ANV_MAP_ERROR_DATA,   /* the borders file is unreadable or incomplete, or a
                         * municipality has no centre point */
} AnvMapError;

/* A rectangle in projected metres: x is easting, y is northing. */
typedef struct
{
  double x_min;
  double y_min;
  double x_max;
  double y_max;
} AnvMapBounds;

/* One municipality: its rings (outer borders and holes alike; a point is
 * inside when it lies inside an odd number of them) as x, y pairs. */
typedef struct
{
  char          code[5];          /* 4 digits, SCB */
  char          county_code[3];   /* 2 digits */
  char         *name;             /* "Umeå" */
  AnvMapBounds  bounds;
  double        label_x;          /* a point inside, for labels and keys */
  double        label_y;
  guint         n_rings;
  guint        *ring_ends;        /* ring i ends before point ring_ends[i] */
  guint         n_points;
  double       *points;           /* x0, y0, x1, y1, … */
} AnvMapArea;

typedef struct _AnvMap AnvMap;

GQuark            anv_map_error_quark    (void);

/* Projects WGS 84 @longitude, @latitude (degrees) to SWEREF 99 TM, the
 * transverse Mercator on 15° E that Lantmäteriet uses: @x easting and @y
 * northing in metres. */
void              anv_map_project        (double       longitude,
                                          double       latitude,
                                          double      *x,
                                          double      *y);

/* The shipped borders of the 290 municipalities, parsed on first use and
 * kept for the process's life. (transfer none) */
AnvMap           *anv_map_get_default    (GError     **error);

/* Borders from GeoJSON text (a FeatureCollection whose features have the
 * properties id, kom_namn and lan_code), for tests. */
AnvMap           *anv_map_new_from_data  (const char  *data,
                                          gsize        length,
                                          GError     **error);
void              anv_map_free           (AnvMap      *map);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnvMap, anv_map_free)

/* The municipalities, ordered by code. */
guint             anv_map_get_n_areas    (const AnvMap *map);
const AnvMapArea *anv_map_get_area       (const AnvMap *map,
                                          guint         index);
/* The index of the municipality @code, or -1. */
int               anv_map_lookup         (const AnvMap *map,
                                          const char   *code);

/* The municipality that covers the point @x, @y (metres), or -1 (the sea,
 * Norway, Finland). */
int               anv_map_find           (const AnvMap *map,
                                          double        x,
                                          double        y);
gboolean          anv_map_area_contains  (const AnvMapArea *area,
                                          double            x,
                                          double            y);

/* The bounds of the county @county_code's municipalities, or of the whole
 * country for NULL. FALSE if the county has none. */
gboolean          anv_map_get_bounds     (const AnvMap *map,
                                          const char   *county_code,
                                          AnvMapBounds *out);

/* Centre points, in the database: the municipalities' geo_point_2d from
 * the same file, from which distances to providers are measured. */

/* The centre (WGS 84 degrees) of a municipality. */
gboolean          anv_map_get_centre     (AnvDb        *db,
                                          const char   *municipality_code,
                                          double       *out_lat,
                                          double       *out_lon,
                                          GError      **error);

/* For the migration: the centres from the shipped GeoJSON. */
gboolean          anv_map_load_centres_reference (AnvDb   *db,
                                                  GError **error);
/* The same from @stream (a GeoJSON FeatureCollection whose features have
 * properties.id, the SCB code, and properties.geo_point_2d, [lat, lon] or
 * {"lat": …, "lon": …}). Inside a transaction; afterwards every
 * municipality must have a centre. */
gboolean          anv_map_load_centres   (AnvDb        *db,
                                          GInputStream *stream,
                                          GError      **error);
/* Reads and checks @stream as anv_map_load_centres() does, without a
 * database: how many centres it holds. The fuzzer feeds it any bytes. */
gboolean          anv_map_read_centres   (GInputStream *stream,
                                          guint        *out_n_centres,
                                          GError      **error);

G_END_DECLS
