/* anv-provider-form.h — the form that registers a provider
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "anv-db.h"

G_BEGIN_DECLS

#define ANV_TYPE_PROVIDER_FORM (anv_provider_form_get_type ())
G_DECLARE_FINAL_TYPE (AnvProviderForm, anv_provider_form, ANV, PROVIDER_FORM, GtkBox)

/* A form of the providers page: it checks the organisationsnummer, the
 * name and the municipality as they are typed and registers the provider
 * through anv_providers_add(). It emits "saved" (the provider's id, a
 * gint64) once the provider is stored and "cancelled" on its Cancel
 * button, empty again either way. Focusing it focuses its first field.
 * The page sets its "context" (an AnvContext) and its municipalities
 * before it is shown. */

void anv_provider_form_set_municipalities (AnvProviderForm *self,
                                           GPtrArray       *municipalities);
/* Judges what is typed, as on opening. */
void anv_provider_form_check              (AnvProviderForm *self);
/* Empties the form. */
void anv_provider_form_reset              (AnvProviderForm *self);

G_END_DECLS
