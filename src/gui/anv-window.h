/* anv-window.h — the Anvisa main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "anv-context.h"
#include "anv-db.h"

G_BEGIN_DECLS

#define ANV_TYPE_WINDOW (anv_window_get_type ())
G_DECLARE_FINAL_TYPE (AnvWindow, anv_window, ANV, WINDOW, GtkApplicationWindow)

AnvWindow  *anv_window_new         (GtkApplication *application,
                                    AnvContext     *context);

AnvContext *anv_window_get_context (AnvWindow      *self);
AnvDb      *anv_window_get_db      (AnvWindow      *self);

void       anv_window_show_error (AnvWindow  *self,
                                  const char *message);
void       anv_window_show_page  (AnvWindow  *self,
                                  const char *name);
GtkWidget *anv_window_get_page   (AnvWindow  *self,
                                  const char *name);
void       anv_window_announce   (AnvWindow  *self,
                                  const char *message);

GtkShortcutsWindow *anv_window_get_help_overlay (AnvWindow *self);

/* The database and login the header bar names */
const char *anv_window_get_database_text  (AnvWindow *self);
/* How often the server's socket woke the window with something to read */
guint       anv_window_get_socket_wakeups (AnvWindow *self);

G_END_DECLS
