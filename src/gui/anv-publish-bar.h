/* anv-publish-bar.h — on the summary page: whether the shown month is published, and closing it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "anv-context.h"

G_BEGIN_DECLS

#define ANV_TYPE_PUBLISH_BAR (anv_publish_bar_get_type ())
G_DECLARE_FINAL_TYPE (AnvPublishBar, anv_publish_bar, ANV, PUBLISH_BAR, GtkBox)

GtkWidget *anv_publish_bar_new        (AnvContext    *context);

/* The month the page shows ("YYYY-MM"). */
void       anv_publish_bar_set_month  (AnvPublishBar *self,
                                       const char    *month);

/* Opens the dialog that asks before the month is closed; returns it (it
 * destroys itself when answered). */
GtkWidget *anv_publish_bar_ask_close  (AnvPublishBar *self);

G_END_DECLS
