/* anv-connect-dialog.h — connecting to an office's database server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "anv-db.h"

G_BEGIN_DECLS

#define ANV_TYPE_CONNECT_DIALOG (anv_connect_dialog_get_type ())
G_DECLARE_FINAL_TYPE (AnvConnectDialog, anv_connect_dialog, ANV, CONNECT_DIALOG, GtkDialog)

/* The dialog; on success it emits AnvConnectDialog::connected (the open
 * database and its connection string without the password) and closes. */
GtkWidget  *anv_connect_dialog_new             (GtkWindow        *parent);

/* Fills the fields from @conninfo (keywords and values, or a URI; its
 * password is never shown): the server the window is on. A string the
 * fields cannot say goes whole, without its password, to "Advanced". */
void        anv_connect_dialog_set_conninfo    (AnvConnectDialog *self,
                                                const char       *conninfo);

/* The connection string the fields make now, without the password, or
 * NULL with @error saying which field to fill in. */
char       *anv_connect_dialog_get_conninfo    (AnvConnectDialog *self,
                                                GError          **error);

/* Whether a connection is being tried (the button's spinner turns). */
gboolean    anv_connect_dialog_get_connecting  (AnvConnectDialog *self);

/* The failure shown, or NULL */
const char *anv_connect_dialog_get_error_text  (AnvConnectDialog *self);

/* While AnvConnectDialog::connected is emitted: a sentence saying the
 * password to remember could not be kept in the keyring, or NULL */
const char *anv_connect_dialog_get_keyring_problem (AnvConnectDialog *self);

G_END_DECLS
