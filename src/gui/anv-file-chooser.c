/* anv-file-chooser.c — the file choosers the pages open to save a file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-file-chooser"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "anv-file-chooser.h"

GtkFileChooserNative *
anv_file_chooser_new_export (GtkWidget  *widget,
                             const char *title,
                             const char *current_name)
{
  GtkWidget *toplevel = gtk_widget_get_toplevel (widget);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (title,
                                         GTK_IS_WINDOW (toplevel) ? GTK_WINDOW (toplevel) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_do_overwrite_confirmation (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), current_name);
  return chooser;
}

void
anv_file_chooser_add_filter (GtkFileChooserNative *chooser,
                             const char           *name,
                             const char           *mime_type,
                             const char           *extension)
{
  g_autoptr (GtkFileFilter) filter = g_object_ref_sink (gtk_file_filter_new ());
  g_autofree char *pattern = g_strconcat ("*.", extension, NULL);

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_mime_type (filter, mime_type);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
}
