/* anv-connect-dialog.c — connecting to an office's database server
 *
 * The fields make a libpq connection string (keywords and values), or the
 * "Advanced" field gives one whole (a service name from pg_service.conf,
 * a URI). Connect tries it in a GTask thread while the button's spinner
 * turns; a failure is shown in the dialog, a success handed on with the
 * string without its password (AnvConnectDialog::connected). A typed
 * password, if it is to be remembered, goes to the keyring.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "anvisa-connect-dialog"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "anv-connect-dialog.h"
#include "anv-dialog.h"
#include "anv-server-login.h"

struct _AnvConnectDialog
{
  GtkDialog        parent_instance;

  /* Template widgets */
  GtkWidget       *fields_grid;
  GtkEntry        *host_entry;
  GtkSpinButton   *port_spin;
  GtkEntry        *database_entry;
  GtkEntry        *user_entry;
  GtkEntry        *password_entry;
  GtkToggleButton *remember_check;
  GtkComboBox     *tls_combo;
  GtkEntry        *conninfo_entry;
  GtkExpander     *advanced_expander;
  GtkWidget       *error_box;
  GtkLabel        *error_label;
  GtkWidget       *connect_button;
  GtkSpinner      *spinner;

  gboolean         tls_chosen;    /* the person chose the encryption */
  gboolean         setting_tls;   /* the dialog sets it: not the person's choice */
  gboolean         connecting;
  gboolean         closed;        /* destroyed while a connection was tried */
  char            *keyring_problem;
};

G_DEFINE_FINAL_TYPE (AnvConnectDialog, anv_connect_dialog, GTK_TYPE_DIALOG)

enum
{
  CONNECTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* One try: the task's data, copied from the fields */
typedef struct
{
  char     *conninfo;   /* without the password */
  char     *password;   /* or NULL */
  gboolean  remember;
  char     *keyring_problem;
} Attempt;

static void
attempt_free (gpointer data)
{
  Attempt *attempt = data;

  g_free (attempt->conninfo);
  if (attempt->password != NULL)
    memset (attempt->password, 0, strlen (attempt->password));
  g_free (attempt->password);
  g_free (attempt->keyring_problem);
  g_free (attempt);
}


/*
 * Auxiliary methods
 */

/* This computer (a socket or a loopback address): TLS is not needed. */
static gboolean
is_local_host (const char *host)
{
  return *host == '\0' || *host == '/' || strcmp (host, "localhost") == 0
         || strcmp (host, "127.0.0.1") == 0 || strcmp (host, "::1") == 0;
}

static void
set_default_tls (AnvConnectDialog *self)
{
  const char *host = gtk_entry_get_text (self->host_entry);

  if (self->tls_chosen)
    return;
  self->setting_tls = TRUE;
  gtk_combo_box_set_active_id (self->tls_combo, is_local_host (host) ? "prefer" : "verify-full");
  self->setting_tls = FALSE;
}

static void
show_error (AnvConnectDialog *self,
            const char       *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (self->error_box, message != NULL);
}

static void
set_connecting (AnvConnectDialog *self,
                gboolean          connecting)
{
  self->connecting = connecting;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), connecting);
  if (connecting)
    gtk_spinner_start (self->spinner);
  else
    gtk_spinner_stop (self->spinner);
  /* The button answers no second press while it tries */
  gtk_widget_set_sensitive (self->connect_button, !connecting);
  gtk_widget_set_sensitive (self->fields_grid, !connecting
                            && *gtk_entry_get_text (self->conninfo_entry) == '\0');
  gtk_widget_set_sensitive (GTK_WIDGET (self->conninfo_entry), !connecting);
}

/* In the worker thread */
static void
connect_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Attempt *attempt = task_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvDb) db = NULL;

  db = anv_server_login_open (attempt->conninfo, attempt->password, &error);
  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (attempt->remember && attempt->password != NULL
      && !anv_server_login_store (attempt->conninfo, attempt->password, &error))
    {
      g_debug ("The password could not be kept: %s", error->message);
      attempt->keyring_problem = g_strdup (error->message);
    }
  g_task_return_pointer (task, g_steal_pointer (&db), g_object_unref);
}


/*
 * Callbacks
 */

static void
connected_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  AnvConnectDialog *self = ANV_CONNECT_DIALOG (source);
  Attempt *attempt = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvDb) db = NULL;

  db = g_task_propagate_pointer (G_TASK (result), &error);
  if (self->closed)
    return;

  set_connecting (self, FALSE);
  if (db == NULL)
    {
      show_error (self, error->message);
      return;
    }

  g_clear_pointer (&self->keyring_problem, g_free);
  if (attempt->keyring_problem != NULL)
    self->keyring_problem = g_strdup_printf (
      /* Translators: %s is the keyring's own explanation */
      _("Connected, but the password could not be kept in your keyring: %s. Next time, type "
        "it again, or keep it in ~/.pgpass."),
      attempt->keyring_problem);
  g_signal_emit (self, signals[CONNECTED], 0, db, attempt->conninfo);
  gtk_widget_destroy (GTK_WIDGET (self));
}

static void
start_connecting (AnvConnectDialog *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GTask) task = NULL;
  const char *password = gtk_entry_get_text (self->password_entry);
  Attempt *attempt;
  char *conninfo;

  conninfo = anv_connect_dialog_get_conninfo (self, &error);
  if (conninfo == NULL)
    {
      show_error (self, error->message);
      return;
    }

  attempt = g_new0 (Attempt, 1);
  attempt->conninfo = conninfo;
  attempt->password = *password != '\0' ? g_strdup (password) : NULL;
  attempt->remember = gtk_toggle_button_get_active (self->remember_check);

  show_error (self, NULL);
  set_connecting (self, TRUE);
  task = g_task_new (self, NULL, connected_cb, NULL);
  g_task_set_source_tag (task, start_connecting);
  g_task_set_task_data (task, attempt, attempt_free);
  g_task_run_in_thread (task, connect_thread);
}

static void
anv_connect_dialog_response (GtkDialog *dialog,
                             int        response)
{
  AnvConnectDialog *self = ANV_CONNECT_DIALOG (dialog);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      if (!self->connecting)
        start_connecting (self);
      return;
    }
  gtk_widget_destroy (GTK_WIDGET (self));
}

/* What the person changes makes an old failure stale */
static void
field_changed_cb (GtkWidget        *widget,
                  AnvConnectDialog *self)
{
  if (!self->connecting)
    show_error (self, NULL);
}

static void
host_changed_cb (GtkEditable      *entry,
                 AnvConnectDialog *self)
{
  set_default_tls (self);
}

static void
tls_changed_cb (GtkComboBox      *combo,
                AnvConnectDialog *self)
{
  if (!self->setting_tls)
    self->tls_chosen = TRUE;
}

static void
conninfo_changed_cb (GtkEditable      *entry,
                     AnvConnectDialog *self)
{
  gtk_widget_set_sensitive (self->fields_grid,
                            !self->connecting
                            && *gtk_entry_get_text (self->conninfo_entry) == '\0');
}


/*
 * GObject overrides
 */

static void
anv_connect_dialog_finalize (GObject *object)
{
  AnvConnectDialog *self = ANV_CONNECT_DIALOG (object);

  g_free (self->keyring_problem);

  G_OBJECT_CLASS (anv_connect_dialog_parent_class)->finalize (object);
}

static void
anv_connect_dialog_destroy (GtkWidget *widget)
{
  AnvConnectDialog *self = ANV_CONNECT_DIALOG (widget);

  self->closed = TRUE;
  GTK_WIDGET_CLASS (anv_connect_dialog_parent_class)->destroy (widget);
}

static void
anv_connect_dialog_class_init (AnvConnectDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkDialogClass *dialog_class = GTK_DIALOG_CLASS (klass);

  object_class->finalize = anv_connect_dialog_finalize;
  widget_class->destroy = anv_connect_dialog_destroy;
  dialog_class->response = anv_connect_dialog_response;

  /**
   * AnvConnectDialog::connected:
   * @self: the dialog
   * @db: the database it connected to
   * @conninfo: its connection string, without the password
   *
   * Emitted when the connection succeeded, before the dialog closes.
   */
  signals[CONNECTED] = g_signal_new ("connected", G_TYPE_FROM_CLASS (klass),
                                     G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                     G_TYPE_NONE, 2, ANV_TYPE_DB, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/anv-connect-dialog.ui");

  gtk_widget_class_bind_template_child (widget_class, AnvConnectDialog, fields_grid);
  gtk_widget_class_bind_template_child (widget_class, AnvConnectDialog, host_entry);
  gtk_widget_class_bind_template_child (widget_class, AnvConnectDialog, port_spin);
  gtk_widget_class_bind_template_child (widget_class, AnvConnectDialog, database_entry);
  gtk_widget_class_bind_template_child (widget_class, AnvConnectDialog, user_entry);
  gtk_widget_class_bind_template_child (widget_class, AnvConnectDialog, password_entry);
  gtk_widget_class_bind_template_child (widget_class, AnvConnectDialog, remember_check);
  gtk_widget_class_bind_template_child (widget_class, AnvConnectDialog, tls_combo);
  gtk_widget_class_bind_template_child (widget_class, AnvConnectDialog, conninfo_entry);
  gtk_widget_class_bind_template_child (widget_class, AnvConnectDialog, advanced_expander);
  gtk_widget_class_bind_template_child (widget_class, AnvConnectDialog, error_box);
  gtk_widget_class_bind_template_child (widget_class, AnvConnectDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, AnvConnectDialog, connect_button);
  gtk_widget_class_bind_template_child (widget_class, AnvConnectDialog, spinner);

  gtk_widget_class_bind_template_callback (widget_class, host_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, tls_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, conninfo_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
}

static void
anv_connect_dialog_init (AnvConnectDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  anv_dialog_keep_until_idle (GTK_WIDGET (self));

  gtk_entry_set_text (self->user_entry, g_get_user_name ());
  set_default_tls (self);
  /* Opened again, it starts without an old failure */
  g_signal_connect (self, "map", G_CALLBACK (field_changed_cb), self);
  gtk_widget_grab_focus (GTK_WIDGET (self->host_entry));
}

GtkWidget *
anv_connect_dialog_new (GtkWindow *parent)
{
  return g_object_new (ANV_TYPE_CONNECT_DIALOG,
                       "transient-for", parent,
                       "use-header-bar", FALSE,
                       NULL);
}

char *
anv_connect_dialog_get_conninfo (AnvConnectDialog  *self,
                                 GError           **error)
{
  g_autoptr (GString) out = g_string_new (NULL);
  g_autofree char *host = NULL;
  g_autofree char *database = NULL;
  g_autofree char *user = NULL;
  g_autofree char *whole = NULL;
  g_autofree char *port = NULL;

  g_return_val_if_fail (ANV_IS_CONNECT_DIALOG (self), NULL);

  whole = g_strstrip (g_strdup (gtk_entry_get_text (self->conninfo_entry)));
  if (*whole != '\0')
    {
      /* A word alone is a service's name */
      if (strchr (whole, '=') == NULL && strstr (whole, "://") == NULL)
        {
          anv_server_login_append_pair (out, "service", whole);
          return anv_server_login_strip_password (out->str, error);
        }
      return anv_server_login_strip_password (whole, error);
    }

  host = g_strstrip (g_strdup (gtk_entry_get_text (self->host_entry)));
  database = g_strstrip (g_strdup (gtk_entry_get_text (self->database_entry)));
  user = g_strstrip (g_strdup (gtk_entry_get_text (self->user_entry)));
  if (*host == '\0')
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->host_entry));
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Type the server’s name (or address), as your office’s IT "
                             "gave it."));
      return NULL;
    }
  if (*database == '\0')
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->database_entry));
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Type the database’s name, as your office’s IT gave it."));
      return NULL;
    }

  anv_server_login_append_pair (out, "host", host);
  port = g_strdup_printf ("%d", gtk_spin_button_get_value_as_int (self->port_spin));
  anv_server_login_append_pair (out, "port", port);
  anv_server_login_append_pair (out, "dbname", database);
  if (*user != '\0')
    anv_server_login_append_pair (out, "user", user);
  anv_server_login_append_pair (out, "sslmode",
                                gtk_combo_box_get_active_id (self->tls_combo));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The fields that say a server; anything else in a connection string is
 * kept whole in the "Advanced" field */
static const char *const field_keywords[] = {
  "host", "port", "dbname", "user", "sslmode", "password",
};

void
anv_connect_dialog_set_conninfo (AnvConnectDialog *self,
                                 const char       *conninfo)
{
  g_autoptr (GHashTable) pairs = NULL;
  g_autofree char *stripped = NULL;
  GHashTableIter iter;
  const char *keyword;
  const char *value;
  gboolean fits = TRUE;

  g_return_if_fail (ANV_IS_CONNECT_DIALOG (self));

  if (conninfo == NULL || *conninfo == '\0')
    return;
  pairs = anv_server_login_parse (conninfo, NULL);
  if (pairs == NULL)
    return;

  g_hash_table_iter_init (&iter, pairs);
  while (g_hash_table_iter_next (&iter, (gpointer *) &keyword, (gpointer *) &value))
    if (!g_strv_contains (field_keywords, keyword))
      fits = FALSE;
  value = g_hash_table_lookup (pairs, "sslmode");
  if (value != NULL && strcmp (value, "verify-full") != 0 && strcmp (value, "require") != 0
      && strcmp (value, "prefer") != 0)
    fits = FALSE;
  /* Several servers in one string are for the "Advanced" field too */
  value = g_hash_table_lookup (pairs, "host");
  if (value == NULL || strchr (value, ',') != NULL)
    fits = FALSE;

  if (!fits)
    {
      stripped = anv_server_login_strip_password (conninfo, NULL);
      if (stripped == NULL)
        return;
      gtk_entry_set_text (self->conninfo_entry, stripped);
      gtk_expander_set_expanded (self->advanced_expander, TRUE);
      return;
    }

  gtk_entry_set_text (self->host_entry, g_hash_table_lookup (pairs, "host"));
  value = g_hash_table_lookup (pairs, "port");
  gtk_spin_button_set_value (self->port_spin, value != NULL ? g_ascii_strtod (value, NULL)
                                                            : 5432);
  value = g_hash_table_lookup (pairs, "dbname");
  gtk_entry_set_text (self->database_entry, value != NULL ? value : "");
  value = g_hash_table_lookup (pairs, "user");
  gtk_entry_set_text (self->user_entry, value != NULL ? value : g_get_user_name ());
  value = g_hash_table_lookup (pairs, "sslmode");
  if (value != NULL)
    {
      gtk_combo_box_set_active_id (self->tls_combo, value);
      self->tls_chosen = TRUE;
    }
  /* What is left to type: the password */
  gtk_widget_grab_focus (GTK_WIDGET (self->password_entry));
}

gboolean
anv_connect_dialog_get_connecting (AnvConnectDialog *self)
{
  g_return_val_if_fail (ANV_IS_CONNECT_DIALOG (self), FALSE);

  return self->connecting;
}

const char *
anv_connect_dialog_get_error_text (AnvConnectDialog *self)
{
  g_return_val_if_fail (ANV_IS_CONNECT_DIALOG (self), NULL);

  return gtk_widget_get_visible (self->error_box) ? gtk_label_get_text (self->error_label) : NULL;
}

/* While AnvConnectDialog::connected is emitted: why the password to
 * remember could not be kept, or NULL */
const char *
anv_connect_dialog_get_keyring_problem (AnvConnectDialog *self)
{
  g_return_val_if_fail (ANV_IS_CONNECT_DIALOG (self), NULL);

  return self->keyring_problem;
}
