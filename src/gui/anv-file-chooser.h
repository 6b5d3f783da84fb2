/* anv-file-chooser.h — the file choosers the pages open to save a file
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

/* Offers the files of @mime_type (and named *.@extension) under @name. */
void                  anv_file_chooser_add_filter (GtkFileChooserNative *chooser,
                                                   const char           *name,
                                                   const char           *mime_type,
                                                   const char           *extension);

G_END_DECLS
