/* anv-seeker-form.h — registering a job seeker, with live validation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "anv-context.h"

G_BEGIN_DECLS

#define ANV_TYPE_SEEKER_FORM (anv_seeker_form_get_type ())
G_DECLARE_FINAL_TYPE (AnvSeekerForm, anv_seeker_form, ANV, SEEKER_FORM, GtkDialog)

/* A dialog that registers a job seeker through anv_seekers_add(); it ends
 * with GTK_RESPONSE_OK once the person is saved (the context then emits
 * AnvContext::changed), GTK_RESPONSE_CANCEL on Escape. When the personnummer
 * is registered already it ends with ANV_SEEKER_FORM_RESPONSE_EXISTING and
 * anv_seeker_form_get_personnummer() names that person, so the caller can
 * open their record. */
#define ANV_SEEKER_FORM_RESPONSE_EXISTING 1

GtkWidget  *anv_seeker_form_new              (GtkWindow     *parent,
                                              AnvContext    *context);
/* The saved (or existing) person's personnummer, 12 digits, or NULL. */
const char *anv_seeker_form_get_personnummer (AnvSeekerForm *self);

G_END_DECLS
