/* anv-referral-dialog.h — deciding a referral, and the later events of one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "anv-db.h"

G_BEGIN_DECLS

#define ANV_TYPE_REFERRAL_DIALOG (anv_referral_dialog_get_type ())
G_DECLARE_FINAL_TYPE (AnvReferralDialog, anv_referral_dialog, ANV, REFERRAL_DIALOG, GtkDialog)

typedef enum
{
  ANV_REFERRAL_DIALOG_DECIDE,           /* a new referral */
  ANV_REFERRAL_DIALOG_START,            /* the open referral started */
  ANV_REFERRAL_DIALOG_CHANGE_PROVIDER,  /* … changes provider */
  ANV_REFERRAL_DIALOG_END,              /* … ends (result or interruption) */
} AnvReferralDialogKind;

/* A dialog for the job seeker @personnummer (12 digits) that saves through
 * anv-referrals.h and ends with GTK_RESPONSE_OK when saved (the database
 * then emits AnvDb::changed) or GTK_RESPONSE_CANCEL. */
GtkWidget *anv_referral_dialog_new (GtkWindow             *parent,
                                    AnvDb                 *db,
                                    const char            *personnummer,
                                    AnvReferralDialogKind  kind);

AnvReferralDialogKind anv_referral_dialog_get_kind          (AnvReferralDialog *self);

/* The organisation number of the provider chosen in the list, or NULL. */
const char           *anv_referral_dialog_get_provider      (AnvReferralDialog *self);

/* Once saved (GTK_RESPONSE_OK), what was saved in one sentence, for the
 * window to announce; NULL before. */
const char           *anv_referral_dialog_get_saved_message (AnvReferralDialog *self);

G_END_DECLS
