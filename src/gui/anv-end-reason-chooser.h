/* anv-end-reason-chooser.h — why a referral ends: results and interruptions apart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "anv-end-reasons.h"

G_BEGIN_DECLS

#define ANV_TYPE_END_REASON_CHOOSER (anv_end_reason_chooser_get_type ())
G_DECLARE_FINAL_TYPE (AnvEndReasonChooser, anv_end_reason_chooser, ANV, END_REASON_CHOOSER,
                      GtkBox)

/* The active end reasons as one group of radio buttons, results and
 * interruptions under their headings, none chosen: a reason is never
 * proposed. Emits ::changed when the officer chooses one. */
GtkWidget  *anv_end_reason_chooser_new         (void);

/* Fills the groups from the database. */
gboolean    anv_end_reason_chooser_fill        (AnvEndReasonChooser  *self,
                                                AnvDb                *db,
                                                GError              **error);

/* The first reason, for a label's mnemonic; NULL before filling. */
GtkWidget  *anv_end_reason_chooser_get_first   (AnvEndReasonChooser  *self);

/* The reason chosen: its code ("jobb"), its label and whether it is a
 * result; NULL (and FALSE) while none is. */
const char *anv_end_reason_chooser_get_code    (AnvEndReasonChooser  *self);
const char *anv_end_reason_chooser_get_label   (AnvEndReasonChooser  *self);
gboolean    anv_end_reason_chooser_is_result   (AnvEndReasonChooser  *self);

G_END_DECLS
