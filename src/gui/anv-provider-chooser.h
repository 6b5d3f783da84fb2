/* anv-provider-chooser.h — the providers approved there and then, one to choose
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "anv-provider-row.h"
#include "anv-providers.h"

G_BEGIN_DECLS

#define ANV_TYPE_PROVIDER_CHOOSER (anv_provider_chooser_get_type ())
G_DECLARE_FINAL_TYPE (AnvProviderChooser, anv_provider_chooser, ANV, PROVIDER_CHOOSER, GtkBox)

/* The list of providers (one stop for Tab; a row is chosen by Space, Enter
 * or a click, never by moving the focus), and the job seeker's own choice
 * outside the area. Emits ::chosen (AnvProviderRow *) when the officer
 * chooses a row, ::outside-toggled when the check changes; the owner then
 * fills the list anew. */
GtkWidget      *anv_provider_chooser_new             (void);

/* The list, for a label's mnemonic */
GtkWidget      *anv_provider_chooser_get_list        (AnvProviderChooser *self);

/* Where the job seeker lives, for the note on choosing outside the area. */
void            anv_provider_chooser_set_home        (AnvProviderChooser *self,
                                                      const char         *municipality_name);

/* Empties the list; @why takes the place of the rows. */
void            anv_provider_chooser_clear           (AnvProviderChooser *self,
                                                      const char         *why);

/* Fills the list with the active providers approved for @service in the
 * municipality on @date: with @propose_default the core's no-choice
 * default first, marked; @current_orgnr (nullable) marked and not to be
 * chosen; with the outside check on, then those approved elsewhere.
 * Nothing is chosen. FALSE with @error set if a list could not be read
 * (the rows read until then stay). */
gboolean        anv_provider_chooser_fill            (AnvProviderChooser *self,
                                                      AnvDb              *db,
                                                      AnvService          service,
                                                      const char         *municipality_code,
                                                      const char         *municipality_name,
                                                      const GDate        *date,
                                                      const char         *current_orgnr,
                                                      gboolean            propose_default,
                                                      GError            **error);

/* The no-choice default of the last fill, or NULL. */
const char     *anv_provider_chooser_get_default     (AnvProviderChooser *self);

/* What takes the place of the rows when there are none. */
const char     *anv_provider_chooser_get_placeholder (AnvProviderChooser *self);

AnvProviderRow *anv_provider_chooser_get_chosen      (AnvProviderChooser *self);
const char     *anv_provider_chooser_get_chosen_orgnr (AnvProviderChooser *self);

/* Chooses the row of @orgnr if it is there and may be chosen, else none. */
void            anv_provider_chooser_choose          (AnvProviderChooser *self,
                                                      const char         *orgnr);

gboolean        anv_provider_chooser_get_outside     (AnvProviderChooser *self);

G_END_DECLS
