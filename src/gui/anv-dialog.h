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

G_END_DECLS
