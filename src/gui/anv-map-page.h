/* anv-map-page.h — the map of referrals per municipality, month by month
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "anv-context.h"
#include "anv-map-figures.h"
#include "anv-map-view.h"
#include "anv-summary.h"

G_BEGIN_DECLS

#define ANV_TYPE_MAP_PAGE (anv_map_page_get_type ())
G_DECLARE_FINAL_TYPE (AnvMapPage, anv_map_page, ANV, MAP_PAGE, GtkBox)

GtkWidget  *anv_map_page_new            (AnvContext    *context);

/* The month shown, YYYY-MM; setting moves the month control. */
const char *anv_map_page_get_month      (AnvMapPage    *self);
void        anv_map_page_set_month      (AnvMapPage    *self,
                                         const char    *month);
void        anv_map_page_set_service    (AnvMapPage    *self,
                                         AnvService     service);
AnvMapView *anv_map_page_get_view       (AnvMapPage    *self);

/* Writes the map with its title, month, legend and source line: SVG when
 * @path ends in ".svg", else PNG. */
gboolean    anv_map_page_export_to_path (AnvMapPage    *self,
                                         const char    *path,
                                         GError       **error);

G_END_DECLS
