/* anv-dialog.c — what Anvisa's dialogs share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-dialog"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "anv-dialog.h"

static gboolean
release_cb (gpointer user_data)
{
  g_object_unref (user_data);
  return G_SOURCE_REMOVE;
}

static void
destroy_cb (GtkWidget *dialog,
            gpointer   user_data)
{
  /* After GTK's idles, which run at G_PRIORITY_DEFAULT_IDLE */
  g_idle_add_full (G_PRIORITY_LOW, release_cb, g_object_ref (dialog), NULL);
}

void
anv_dialog_keep_until_idle (GtkWidget *dialog)
{
  g_return_if_fail (GTK_IS_WINDOW (dialog));

  g_signal_connect (dialog, "destroy", G_CALLBACK (destroy_cb), NULL);
}

void
anv_dialog_queue_in (GMainContext   *context,
                     GSourceFunc     function,
                     gpointer        data,
                     GDestroyNotify  notify)
{
  g_autoptr (GSource) source = g_idle_source_new ();

  g_return_if_fail (function != NULL);

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, function, data, notify);
  g_source_set_static_name (source, "[anvisa] worker report");
  g_source_attach (source, context);
}

void
anv_info_bar_name_close_button (GtkInfoBar *bar)
{
  GObject *button;
  AtkObject *accessible;

  g_return_if_fail (GTK_IS_INFO_BAR (bar));

  /* GtkInfoBar's template names it: an icon, no label, no name */
  button = gtk_widget_get_template_child (GTK_WIDGET (bar), GTK_TYPE_INFO_BAR, "close_button");
  if (!GTK_IS_BUTTON (button))
    return;
  accessible = gtk_widget_get_accessible (GTK_WIDGET (button));
  atk_object_set_name (accessible, _("Close"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (button), _("Close"));
}
