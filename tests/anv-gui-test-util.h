/* anv-gui-test-util.h — what the widget tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "anv-test-util.h"

G_BEGIN_DECLS

typedef gboolean (*AnvTestCondition) (gpointer user_data);

/* Where the translations are: $ANVISA_LOCALEDIR, else the build tree's. */
const char *anv_test_get_localedir     (void);

/* Readies a widget test program: the translations from there, then
 * gtk_test_init() in English, whatever the environment. Without a display
 * it adds one test at @no_display_path that skips, and returns FALSE:
 * main() then returns g_test_run(). */
gboolean    anv_test_init_gui          (int          *argc,
                                        char       ***argv,
                                        const char   *no_display_path);

/* Runs the main loop until nothing is pending. */
void        anv_test_iterate_main_loop (void);

/* Runs the main loop for @ms milliseconds, then until nothing is pending. */
void        anv_test_wait_ms           (guint ms);

/* Runs the main loop until @done returns TRUE or @timeout_ms pass:
 * FALSE when the time ran out. */
gboolean    anv_test_wait_until        (AnvTestCondition  done,
                                        gpointer          user_data,
                                        guint             timeout_ms);

/* A template child by its id in the .ui file. */
GtkWidget  *anv_test_find              (GtkWidget  *root,
                                        const char *id);

/* The text of the label @id below @root. */
const char *anv_test_label_text        (GtkWidget  *root,
                                        const char *id);

/* Sets the text of the entry @id below @root, and lets it react. */
void        anv_test_type_into         (GtkWidget  *root,
                                        const char *id,
                                        const char *text);

/* A new toplevel of @width × @height holding @child, shown and drawn. */
GtkWidget  *anv_test_show_in_window    (GtkWidget *child,
                                        int        width,
                                        int        height);

/* A key press as the keyboard sends it (with its hardware keycode, so
 * that key bindings such as Tab's work), to @widget; lets it react. */
void        anv_test_press_key         (GtkWidget  *widget,
                                        guint       keyval);

/* A key press and release sent through the X server to @toplevel (the
 * pointer moved over it first), as a person's keyboard sends it: what
 * GTK then does is what it does for a person, selection included. */
void        anv_test_send_key          (GtkWidget       *toplevel,
                                        guint            keyval,
                                        GdkModifierType  modifiers);

/* The visible toplevel of @type, or NULL: a dialog the code under test
 * opened. */
GtkWidget  *anv_test_find_toplevel     (GType      type);

/* The application's main window on @db at 1280 × 760, shown and drawn. */
GtkWidget  *anv_test_open_window       (AnvDb     *db);

G_END_DECLS
