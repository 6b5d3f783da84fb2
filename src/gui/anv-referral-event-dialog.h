/* anv-referral-event-dialog.h — the start, change of provider or end of a referral
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "anv-context.h"
#include "anv-referral-dialog.h"

G_BEGIN_DECLS

#define ANV_TYPE_REFERRAL_EVENT_DIALOG (anv_referral_event_dialog_get_type ())
G_DECLARE_FINAL_TYPE (AnvReferralEventDialog, anv_referral_event_dialog, ANV,
                      REFERRAL_EVENT_DIALOG, GtkDialog)

/* Records @kind (start, change of provider or end; not a decision) of the
 * open referral of the job seeker @personnummer (12 digits); an
 * AnvReferralDialog (anv-referral-dialog.h). */
GtkWidget *anv_referral_event_dialog_new (GtkWindow             *parent,
                                          AnvContext            *context,
                                          const char            *personnummer,
                                          AnvReferralDialogKind  kind);

G_END_DECLS
