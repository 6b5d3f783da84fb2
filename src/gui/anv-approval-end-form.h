/* anv-approval-end-form.h — the form that ends an approval on a last day
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "anv-approvals.h"

G_BEGIN_DECLS

#define ANV_TYPE_APPROVAL_END_FORM (anv_approval_end_form_get_type ())
G_DECLARE_FINAL_TYPE (AnvApprovalEndForm, anv_approval_end_form, ANV, APPROVAL_END_FORM, GtkBox)

/* A form of the providers page: the approval chosen in the list and its
 * last day, ended through anv_providers_end_approval(). Once ended, the
 * form says how many open referrals the provider leaves and where to move
 * them, and emits "ended"; its Close button (or Escape) emits "closed".
 * Focusing it focuses the last day. The page sets its "context" (an
 * AnvContext). */

/* Shows @approval (its provider, area and period; copied) with today as
 * the last day, and no message. */
void anv_approval_end_form_start (AnvApprovalEndForm *self,
                                  const AnvApproval  *approval);

G_END_DECLS
