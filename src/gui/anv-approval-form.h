/* anv-approval-form.h — the form that approves a provider in a delivery area
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "anv-db.h"

G_BEGIN_DECLS

#define ANV_TYPE_APPROVAL_FORM (anv_approval_form_get_type ())
G_DECLARE_FINAL_TYPE (AnvApprovalForm, anv_approval_form, ANV, APPROVAL_FORM, GtkBox)

/* A form of the providers page: a provider, a delivery area and a period,
 * saved through anv_providers_approve(). It emits "saved" (0: the core
 * gives no id back) once the approval is stored and "cancelled" on its
 * Cancel button, reset either way (from today, until further notice).
 * Focusing it focuses its first field. The page sets its "context" (an
 * AnvContext), then resets it, and gives it the providers and areas to
 * choose from. */

/* The providers (AnvProvider) and the areas (AnvArea) to choose from; a
 * choice made stays if it is still there. */
void anv_approval_form_set_providers (AnvApprovalForm *self,
                                      GPtrArray       *providers);
void anv_approval_form_set_areas     (AnvApprovalForm *self,
                                      GPtrArray       *areas);
/* Chooses the provider with the organisationsnummer @orgnr (10 digits)
 * and the area named @area, each unless NULL; begins again from today if
 * the first day was emptied; then judges the form, as on opening. */
void anv_approval_form_start         (AnvApprovalForm *self,
                                      const char      *orgnr,
                                      const char      *area);
/* Empties the choices and the last day; the first is today. */
void anv_approval_form_reset         (AnvApprovalForm *self);

G_END_DECLS
