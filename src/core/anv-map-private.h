/* anv-map-private.h — what the map's borders and its centre points share
 *
 * Both read the shipped GeoJSON of the municipalities, with one set of
 * rules for its members and points.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "anv-map.h"

G_BEGIN_DECLS

/* The municipalities' borders and centres, in the core's resources */
#define ANV_MAP_FILE "swedish_municipalities.geojson"

/* The member @name of @node if @node is an object and the member is of
 * @type, else NULL. Unlike json_object_get_*_member(), never warns. */
JsonNode *anv_map_json_member     (JsonNode     *node,
                                   const char   *name,
                                   JsonNodeType  type);
/* A finite number, written with or without a decimal point. */
gboolean  anv_map_json_number     (JsonNode     *node,
                                   double       *out);
/* properties.geo_point_2d, as [lat, lon] or {"lat": …, "lon": …}. */
gboolean  anv_map_read_geo_point  (JsonNode     *properties,
                                   double       *out_lat,
                                   double       *out_lon);

G_END_DECLS
