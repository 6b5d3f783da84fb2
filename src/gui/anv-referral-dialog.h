/* anv-referral-dialog.h — what the window asks of a dialog that records a referral
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "anv-context.h"
#include "anv-referrals.h"
#include "anv-seekers.h"

G_BEGIN_DECLS

#define ANV_TYPE_REFERRAL_DIALOG (anv_referral_dialog_get_type ())
G_DECLARE_INTERFACE (AnvReferralDialog, anv_referral_dialog, ANV, REFERRAL_DIALOG, GtkDialog)

typedef enum
{
  ANV_REFERRAL_DIALOG_DECIDE,           /* a new referral: AnvDecideDialog */
  ANV_REFERRAL_DIALOG_START,            /* the open referral started: AnvReferralEventDialog */
  ANV_REFERRAL_DIALOG_CHANGE_PROVIDER,  /* … changes provider */
  ANV_REFERRAL_DIALOG_END,              /* … ends (result or interruption) */
  ANV_REFERRAL_DIALOG_EXTEND,           /* … has its period extended (förlängning) */
  ANV_REFERRAL_DIALOG_CHOOSE,           /* … awaiting the choice: the job seeker chose */
  ANV_REFERRAL_DIALOG_ASSIGN_DEFAULT,   /* … awaiting the choice: the no-choice default */
} AnvReferralDialogKind;

struct _AnvReferralDialogInterface
{
  GTypeInterface parent_iface;

  AnvReferralDialogKind (*get_kind)       (AnvReferralDialog  *self);
  const char *          (*get_provider)   (AnvReferralDialog  *self);
  /* What Save would save, in a sentence; or NULL, and in *@problem what
   * is missing or wrong (checking marks the fields) */
  char *                (*confirm)        (AnvReferralDialog  *self,
                                           char              **problem);
  gboolean              (*save)           (AnvReferralDialog  *self,
                                           GError            **error);
  /* What was saved, in the past tense */
  char *                (*describe_saved) (AnvReferralDialog  *self);
};

/* A dialog for the job seeker @personnummer (12 digits) that saves through
 * anv-referrals.h and ends with GTK_RESPONSE_OK when saved (the context
 * then emits ::changed) or GTK_RESPONSE_CANCEL: the decide dialog for
 * ANV_REFERRAL_DIALOG_DECIDE, the event dialog for the others. */
GtkWidget *anv_referral_dialog_new (GtkWindow             *parent,
                                    AnvContext            *context,
                                    const char            *personnummer,
                                    AnvReferralDialogKind  kind);

AnvReferralDialogKind anv_referral_dialog_get_kind          (AnvReferralDialog *self);

/* The organisation number of the provider chosen in the list, or NULL. */
const char           *anv_referral_dialog_get_provider      (AnvReferralDialog *self);

/* Once saved (GTK_RESPONSE_OK), what was saved in one sentence, for the
 * window to announce; NULL before. */
const char           *anv_referral_dialog_get_saved_message (AnvReferralDialog *self);

/* For the dialogs that implement it: the form's course and what they say
 * alike. */

/* Called once from the dialog's init: the info bar says why a save failed
 * (until the form changes), the footer says what Save would save, and Save
 * (the response GTK_RESPONSE_OK) saves only a complete form; the dialog
 * stays open, with everything typed, when the core refuses; Escape and the
 * window's close cancel. */
void     anv_referral_dialog_set_up_form   (AnvReferralDialog *self,
                                            GtkInfoBar        *info_bar,
                                            GtkLabel          *error_label,
                                            GtkLabel          *confirm_label,
                                            GtkImage          *confirm_icon,
                                            GtkWidget         *save_button);

/* Checks the form (::confirm), says what Save would save or what is
 * missing, and lets Save (and Enter) act only when the form is complete. */
gboolean anv_referral_dialog_update_state  (AnvReferralDialog *self);

void     anv_referral_dialog_show_error    (AnvReferralDialog *self,
                                            const char        *message);

/* While saving: what the save itself changes need not be followed. */
gboolean anv_referral_dialog_is_saving     (AnvReferralDialog *self);


/* The person in @label, where they live too, and in the header bar. */
void  anv_referral_dialog_show_person        (AnvReferralDialog *self,
                                              GtkLabel          *label,
                                              const AnvSeeker   *seeker,
                                              const char        *personnummer);

/* The person as every dialog names them: "19850101-**** Anna Andersson",
 * or the masked number alone when @seeker (nullable) could not be read. */
char *anv_referral_dialog_describe_person    (const AnvSeeker *seeker,
                                              const char      *personnummer);

/* Said beside the start or the planned start when it comes too soon. */
char *anv_referral_dialog_describe_too_early (const GDate     *earliest);

G_END_DECLS
