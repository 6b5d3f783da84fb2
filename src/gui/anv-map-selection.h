/* anv-map-selection.h — the map's selected municipality: its numbers and the zoom
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "anv-map-view.h"

G_BEGIN_DECLS

#define ANV_TYPE_MAP_SELECTION (anv_map_selection_get_type ())
G_DECLARE_FINAL_TYPE (AnvMapSelection, anv_map_selection, ANV, MAP_SELECTION, GtkBox)

/* The map whose selected municipality and county the pane follows, and
 * which its buttons zoom; set once (the page's template does). */
void        anv_map_selection_set_view   (AnvMapSelection *self,
                                          AnvMapView      *view);

/* Where the pane looks the selected code up: @municipalities (code →
 * AnvMunicipality) and @rows (code → AnvSummaryRow of the month shown).
 * Both stay the page's; they may change, then call
 * anv_map_selection_update(). */
void        anv_map_selection_set_tables (AnvMapSelection *self,
                                          GHashTable      *municipalities,
                                          GHashTable      *rows);
/* Shows the selected municipality's numbers again */
void        anv_map_selection_update     (AnvMapSelection *self);

G_END_DECLS
