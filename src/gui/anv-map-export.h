/* anv-map-export.h — the map as a picture to save: PNG or SVG, in memory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "anv-map-renderer.h"

G_BEGIN_DECLS

/* The size of the exported picture, in pixels (PNG) or points (SVG) */
#define ANV_MAP_EXPORT_WIDTH  1000
#define ANV_MAP_EXPORT_HEIGHT 1250

/* Draws the report of @renderer (the map, its legend, @title, @subtitle
 * and the source line) into a PNG picture, or an SVG one if @svg, and
 * returns its bytes. Uses cairo and Pango on @renderer alone, no GTK:
 * with a renderer of its own (anv_map_renderer_copy()) it can run off
 * the main thread. */
GBytes *anv_map_export_draw (AnvMapRenderer  *renderer,
                             gboolean         svg,
                             const char      *title,
                             const char      *subtitle,
                             GError         **error);

G_END_DECLS
