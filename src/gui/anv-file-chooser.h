/* anv-file-chooser.h — the file choosers the pages open, made and let go one way
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A modal chooser, over @widget's window, that saves a new file or replaces
 * one after asking: titled @title, proposing @current_name, its buttons
 * Export and Cancel. */
GtkFileChooserNative *anv_file_chooser_new_export (GtkWidget            *widget,
                                                   const char           *title,
                                                   const char           *current_name);

/* A modal chooser, over @widget's window, that opens an existing file:
 * titled @title, its buttons @accept_label and Cancel. */
GtkFileChooserNative *anv_file_chooser_new_open   (GtkWidget            *widget,
                                                   const char           *title,
                                                   const char           *accept_label);

/* For a chooser's "response" handler: the file chosen, or NULL when
 * @response is not GTK_RESPONSE_ACCEPT. Takes *@chooser (sets it to NULL)
 * and lets it go once it has finished handling the key that answered it. */
char                 *anv_file_chooser_take_file  (GtkFileChooserNative **chooser,
                                                   int                    response);

/* For the owner's dispose: closes *@chooser if it is still open, without
 * calling the owner's handlers (those connected with @owner as data), and
 * sets it to NULL. */
void                  anv_file_chooser_close      (GtkFileChooserNative **chooser,
                                                   gpointer               owner);

/* Offers the files of @mime_type (and named *.@extension) under @name. */
void                  anv_file_chooser_add_filter (GtkFileChooserNative *chooser,
                                                   const char           *name,
                                                   const char           *mime_type,
                                                   const char           *extension);

G_END_DECLS
