/* anv-file-chooser.c — the file choosers the pages open, made and let go one way
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

GtkFileChooserNative *
anv_file_chooser_new_open (GtkWidget  *widget,
                           const char *title,
                           const char *accept_label)
{
  GtkWidget *toplevel = gtk_widget_get_toplevel (widget);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (title,
                                         GTK_IS_WINDOW (toplevel) ? GTK_WINDOW (toplevel) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN, accept_label,
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  return chooser;
}

char *
anv_file_chooser_take_file (GtkFileChooserNative **chooser,
                            int                    response)
{
  char *path = NULL;

  g_return_val_if_fail (chooser != NULL && GTK_IS_FILE_CHOOSER_NATIVE (*chooser), NULL);

  if (response == GTK_RESPONSE_ACCEPT)
    path = gtk_file_chooser_get_filename (GTK_FILE_CHOOSER (*chooser));
  /* It may still be handling the key that answered it: let go after. */
  g_idle_add_once (g_object_unref, g_steal_pointer (chooser));
  return path;
}

void
anv_file_chooser_close (GtkFileChooserNative **chooser,
                        gpointer               owner)
{
  g_return_if_fail (chooser != NULL);

  if (*chooser == NULL)
    return;
  g_signal_handlers_disconnect_by_data (*chooser, owner);
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (*chooser));
  g_clear_object (chooser);
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
