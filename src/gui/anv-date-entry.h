/* anv-date-entry.h — a date typed as YYYY-MM-DD, or chosen in a calendar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ANV_TYPE_DATE_ENTRY (anv_date_entry_get_type ())
G_DECLARE_FINAL_TYPE (AnvDateEntry, anv_date_entry, ANV, DATE_ENTRY, GtkBox)

/* An entry and, beside it, a button that opens a calendar. Its parts are
 * named after the date entry's own id in a template: "date" gives
 * date_entry, date_button, date_popover and date_calendar. Emits
 * ::changed when the text changes, typed or chosen. */
GtkWidget *anv_date_entry_new                 (void);

GtkEntry  *anv_date_entry_get_entry           (AnvDateEntry *self);

/* The date typed (spaces around it ignored); FALSE if it is none. */
gboolean   anv_date_entry_get_date            (AnvDateEntry *self,
                                               GDate        *out);
void       anv_date_entry_set_date            (AnvDateEntry *self,
                                               const GDate  *date);

/* The day the calendar opens on while no date is typed; unset: the
 * calendar's own. */
void       anv_date_entry_set_fallback        (AnvDateEntry *self,
                                               const GDate  *date);

/* An in-field error: an icon with @message as its tooltip; NULL clears it. */
void       anv_date_entry_set_error           (AnvDateEntry *self,
                                               const char   *message);

/* What a screen reader calls the entry, e.g. "Decision date", and, with
 * it, the calendar's button (the property "field-name"). */
void       anv_date_entry_set_accessible_name (AnvDateEntry *self,
                                               const char   *name);

G_END_DECLS
