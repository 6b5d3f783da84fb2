/* anv-map-renderer.h — draws the municipalities map with cairo, on screen or in a file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "anv-map.h"

G_BEGIN_DECLS

/* What one municipality shows */
typedef struct
{
  gboolean offered;   /* the service could be decided there in the month */
  guint    value;     /* the measure */
} AnvMapCell;

typedef struct _AnvMapRenderer AnvMapRenderer;

AnvMapRenderer *anv_map_renderer_new          (const AnvMap     *map);
void            anv_map_renderer_free         (AnvMapRenderer   *self);
/* A renderer of its own with @self's numbers, legend and county, for a
 * report: drawing it leaves @self's layout (and so its hit-testing) alone. */
AnvMapRenderer *anv_map_renderer_copy         (AnvMapRenderer   *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnvMapRenderer, anv_map_renderer_free)

const AnvMap   *anv_map_renderer_get_map      (AnvMapRenderer   *self);

/* One cell per municipality, in the map's order (copied); NULL: all not
 * offered. @legend_title names the measure in the legend. */
void            anv_map_renderer_set_cells    (AnvMapRenderer   *self,
                                               const AnvMapCell *cells,
                                               const char       *legend_title);
/* The county shown, NULL: the whole country. */
void            anv_map_renderer_set_county   (AnvMapRenderer   *self,
                                               const char       *county_code);
const char     *anv_map_renderer_get_county   (AnvMapRenderer   *self);
/* Municipality indexes to outline, or -1 */
void            anv_map_renderer_set_selected (AnvMapRenderer   *self,
                                               int               index);
void            anv_map_renderer_set_hovered  (AnvMapRenderer   *self,
                                               int               index);

/* The top of the colour scale: the largest value, at least 1. */
guint           anv_map_renderer_get_maximum  (AnvMapRenderer   *self);
/* The fill of @value on the scale up to @maximum, in 0–1 per channel. */
void            anv_map_renderer_get_colour   (guint             value,
                                               guint             maximum,
                                               double            rgb[3]);

/* Draws the map and its legend filling @width × @height, the map keeping
 * its shape. The paths of the municipalities are kept between calls and
 * made anew only when the size or the county changes. */
void            anv_map_renderer_draw         (AnvMapRenderer   *self,
                                               cairo_t          *cr,
                                               int               width,
                                               int               height);

/* The same with a title, a subtitle and a source line, and without the
 * outlines of the selected and the hovered: for reports. */
void            anv_map_renderer_draw_report  (AnvMapRenderer   *self,
                                               cairo_t          *cr,
                                               int               width,
                                               int               height,
                                               const char       *title,
                                               const char       *subtitle,
                                               const char       *source);

/* Where the last draw put the point @x, @y (metres), and back; the
 * municipality drawn at @px, @py, or -1. */
void            anv_map_renderer_to_device    (AnvMapRenderer   *self,
                                               double            x,
                                               double            y,
                                               double           *px,
                                               double           *py);
int             anv_map_renderer_hit          (AnvMapRenderer   *self,
                                               double            px,
                                               double            py);

G_END_DECLS
