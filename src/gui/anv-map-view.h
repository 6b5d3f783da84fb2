/* anv-map-view.h — the municipalities map as a widget: hover, select, zoom to a county
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "anv-map-renderer.h"

G_BEGIN_DECLS

#define ANV_TYPE_MAP_VIEW (anv_map_view_get_type ())
G_DECLARE_FINAL_TYPE (AnvMapView, anv_map_view, ANV, MAP_VIEW, GtkDrawingArea)

GtkWidget      *anv_map_view_new          (void);

/* What each municipality shows, in the map's order: @cells and
 * @descriptions (its name and numbers, for tooltips and assistive
 * technology), both copied. */
void            anv_map_view_set_cells    (AnvMapView        *self,
                                           const AnvMapCell  *cells,
                                           const char *const *descriptions,
                                           const char        *legend_title);

/* The selected municipality's code, or NULL. */
const char     *anv_map_view_get_selected (AnvMapView        *self);
void            anv_map_view_set_selected (AnvMapView        *self,
                                           const char        *code);

/* The county zoomed to, or NULL for the whole country. */
const char     *anv_map_view_get_county   (AnvMapView        *self);
void            anv_map_view_zoom_to_selected (AnvMapView    *self);
void            anv_map_view_set_county   (AnvMapView        *self,
                                           const char        *county_code);

/* NULL when the borders could not be read. */
AnvMapRenderer *anv_map_view_get_renderer (AnvMapView        *self);

const char     *anv_map_view_get_tooltip_at (AnvMapView      *self,
                                             double           x,
                                             double           y);

G_END_DECLS
