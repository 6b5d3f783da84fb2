/* anv-worklist-page.h — the officer's work list (Att göra), a page of the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "anv-context.h"

G_BEGIN_DECLS

#define ANV_TYPE_WORKLIST_PAGE (anv_worklist_page_get_type ())
G_DECLARE_FINAL_TYPE (AnvWorklistPage, anv_worklist_page, ANV, WORKLIST_PAGE, GtkBox)

/* The page emits ::open-item (personnummer, AnvReferralEvents) when a row
 * is activated; its "title" ("To Do (12)") is for the window's switcher. */
GtkWidget  *anv_worklist_page_new       (AnvContext      *context);

/* How many things are due, every category together. */
guint       anv_worklist_page_get_total (AnvWorklistPage *self);
/* "To Do (12)", or "To Do" when nothing is due. */
const char *anv_worklist_page_get_title (AnvWorklistPage *self);

G_END_DECLS
