/* anv-seeker-detail.h — the selected job seeker, their actions and referrals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "anv-context.h"
#include "anv-referral-dialog.h"
#include "anv-referrals.h"
#include "anv-seekers.h"

G_BEGIN_DECLS

#define ANV_TYPE_SEEKER_DETAIL (anv_seeker_detail_get_type ())
G_DECLARE_FINAL_TYPE (AnvSeekerDetail, anv_seeker_detail, ANV, SEEKER_DETAIL, GtkStack)

/* The stack's pages: "none" (nobody selected) and "person". Its buttons
 * answer to the enclosing page's actions seekers.refer, .start,
 * .change-provider, .extend and .end. */
void               anv_seeker_detail_set_context      (AnvSeekerDetail       *self,
                                                       AnvContext            *context);

/* Reads the person with @id (0: nobody) and their referrals again and
 * shows them; a failure is reported through the context. */
void               anv_seeker_detail_show             (AnvSeekerDetail       *self,
                                                       gint64                 id);
/* The person shown, or NULL */
const AnvSeeker   *anv_seeker_detail_get_seeker       (AnvSeekerDetail       *self);
/* The events the core allows for the person shown now; none without one */
AnvReferralEvents  anv_seeker_detail_get_allowed      (AnvSeekerDetail       *self);

/* Focuses the first thing that can be done for the person; FALSE if none */
gboolean           anv_seeker_detail_focus_first      (AnvSeekerDetail       *self);
/* After @done was saved: focuses what comes next for the person (the start
 * after the decision, the end after a start or a change); FALSE if nothing
 * comes next or it is not shown */
gboolean           anv_seeker_detail_focus_next       (AnvSeekerDetail       *self,
                                                       AnvReferralDialogKind  done);

G_END_DECLS
