/* anv-area-form.h — the form that defines a delivery area
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "anv-db.h"

G_BEGIN_DECLS

#define ANV_TYPE_AREA_FORM (anv_area_form_get_type ())
G_DECLARE_FINAL_TYPE (AnvAreaForm, anv_area_form, ANV, AREA_FORM, GtkBox)

/* A form of the providers page: a delivery area's name, its service and
 * its municipalities, ticked in a list that a search narrows, saved
 * through anv_areas_add(). It emits "saved" (0: the core gives no id
 * back) once the area is stored and "cancelled" on its Cancel button,
 * empty again either way. Focusing it focuses its first field. The page
 * sets its "context" (an AnvContext), its municipalities (once) and the
 * areas there are. */

void anv_area_form_set_municipalities (AnvAreaForm *self,
                                       GPtrArray   *municipalities);
/* The areas there are (AnvArea), whose names are taken. */
void anv_area_form_set_areas          (AnvAreaForm *self,
                                       GPtrArray   *areas);
/* Judges what is typed, as on opening. */
void anv_area_form_check              (AnvAreaForm *self);
/* Empties the form. */
void anv_area_form_reset              (AnvAreaForm *self);

G_END_DECLS
