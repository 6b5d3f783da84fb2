/* anv-seekers-page.h — the officer's home: find, register and follow job seekers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "anv-context.h"
#include "anv-referrals.h"

G_BEGIN_DECLS

/* The most rows one search shows; more say "type more". Nobody reads
 * further, and reading more ids would make every keystroke slower. */
#define ANV_SEEKERS_PAGE_MAX_RESULTS 20000

#define ANV_TYPE_SEEKERS_PAGE (anv_seekers_page_get_type ())
G_DECLARE_FINAL_TYPE (AnvSeekersPage, anv_seekers_page, ANV, SEEKERS_PAGE, GtkBox)

/* The page inserts its actions as the group "seekers": new (register),
 * find (to the search field), refer, start, change-provider and end (for
 * the selected person). */
GtkWidget *anv_seekers_page_new         (AnvContext     *context);

/* Searches for the person with @personnummer (any accepted form) and
 * selects them when found. */
void       anv_seekers_page_show_seeker (AnvSeekersPage *self,
                                         const char     *personnummer);

/* Selects the person, as show_seeker(), and then opens the dialog of
 * @event (START, CHANGE_PROVIDER, END); for another event, focuses the
 * first thing that can be done for them. The work list's rows open here. */
void       anv_seekers_page_open_event  (AnvSeekersPage    *self,
                                         const char        *personnummer,
                                         AnvReferralEvents  event);

/* TRUE while a search runs (the property "searching"). */
gboolean   anv_seekers_page_get_searching (AnvSeekersPage *self);

G_END_DECLS
