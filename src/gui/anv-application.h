/* anv-application.h — the Anvisa GtkApplication
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "anv-db.h"

G_BEGIN_DECLS

#define ANV_TYPE_APPLICATION (anv_application_get_type ())
G_DECLARE_FINAL_TYPE (AnvApplication, anv_application, ANV, APPLICATION, GtkApplication)

AnvApplication *anv_application_new    (void);

AnvDb          *anv_application_get_db (AnvApplication *self);

G_END_DECLS
