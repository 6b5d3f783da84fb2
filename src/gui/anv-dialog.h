/* anv-dialog.h — what Anvisa's dialogs share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Keeps @dialog, once destroyed, until the idles queued before it have run:
 * destroying a window takes its buttons' mnemonics off it, and GTK 3 then
 * queues an idle that uses the window without holding it. Call from the
 * dialog's init. */
void anv_dialog_keep_until_idle (GtkWidget *dialog);

/* Queues @function on @context (NULL: the global default context), always
 * as a source of its own. Workers report progress with it: unlike
 * g_main_context_invoke(), it never runs @function in the calling thread,
 * which a worker whose thread has no context of its own would otherwise do
 * whenever the main thread is between two iterations. */
void anv_dialog_queue_in (GMainContext   *context,
                          GSourceFunc     function,
                          gpointer        data,
                          GDestroyNotify  notify);

/* Names the close button GTK adds to @bar (its "show-close-button"), which
 * has only an icon, so that a screen reader says what it does. */
void anv_info_bar_name_close_button (GtkInfoBar *bar);

G_END_DECLS
