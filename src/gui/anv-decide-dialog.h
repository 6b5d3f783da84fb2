/* anv-decide-dialog.h — deciding a referral
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "anv-context.h"

G_BEGIN_DECLS

#define ANV_TYPE_DECIDE_DIALOG (anv_decide_dialog_get_type ())
G_DECLARE_FINAL_TYPE (AnvDecideDialog, anv_decide_dialog, ANV, DECIDE_DIALOG, GtkDialog)

/* Decides a referral for the job seeker @personnummer (12 digits); an
 * AnvReferralDialog (anv-referral-dialog.h). */
GtkWidget *anv_decide_dialog_new (GtkWindow  *parent,
                                  AnvContext *context,
                                  const char *personnummer);

G_END_DECLS
