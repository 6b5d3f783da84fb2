/* test-server-window.c — the window on a server: its name, connecting, live updates
 *
 * The live test needs a PostgreSQL server: ANVISA_TEST_SERVER (the suite
 * "server" sets it), where anv_test_open_db() makes each test's database;
 * without it that test is skipped.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "TestServerWindow"

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <gtk/gtk.h>
#include <libpq-fe.h>

#include "anv-application.h"
#include "anv-connect-dialog.h"
#include "anv-context.h"
#include "anv-demo.h"
#include "anv-schema.h"
#include "anv-seeker-form.h"
#include "anv-seekers.h"
#include "anv-server-login.h"
#include "anv-staff.h"
#include "anv-window.h"

#include "anv-gui-test-util.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGconn, PQfinish)


/*
 * Helpers
 */

static void
reset_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;
  g_autoptr (GSettings) settings = NULL;
  g_auto (GStrv) keys = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    return;

  settings = g_settings_new_full (schema, NULL, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);
}

static void
store_response_cb (GtkDialog *dialog,
                   int        response,
                   int       *out)
{
  *out = response;
}

static void
set_true_cb (gboolean *flag)
{
  *flag = TRUE;
}

static gboolean
dialog_idle (gpointer user_data)
{
  return !anv_connect_dialog_get_connecting (ANV_CONNECT_DIALOG (user_data));
}

/* Saves @widget's window as @name in screenshots/ under the tests' build
 * folder, for a person to look at */
static void
save_shot (GtkWidget  *widget,
           const char *name)
{
  g_autofree char *dir = g_build_filename (g_test_get_dir (G_TEST_BUILT), "screenshots", NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr (GdkPixbuf) shot = NULL;
  g_autoptr (GError) error = NULL;
  GdkWindow *gdk_window = gtk_widget_get_window (widget);

  anv_test_wait_ms (200);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  shot = gdk_pixbuf_get_from_window (gdk_window, 0, 0, gdk_window_get_width (gdk_window),
                                     gdk_window_get_height (gdk_window));
  g_assert_nonnull (shot);
  g_assert_true (gdk_pixbuf_save (shot, path, "png", &error, NULL));
  g_assert_no_error (error);
  g_test_message ("%s", path);
}

/*
 * Without a server
 */

/* The header bar names the file and the login */
static void
test_database_text (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *tooltip = NULL;
  g_autofree char *login = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  GtkWidget *window = anv_test_open_window (db);

  /* The login: "tester" on a file, the server's login on a server */
  expected = g_strdup_printf ("%s — logged in as %s", anv_db_get_display_name (db),
                              anv_db_get_user (db));
  g_assert_cmpstr (anv_window_get_database_text (ANV_WINDOW (window)), ==, expected);
  /* In short, as a title and a subtitle; the whole in the tooltip */
  tooltip = gtk_widget_get_tooltip_text (anv_test_find (window, "database_box"));
  g_assert_cmpstr (tooltip, ==, expected);
  login = g_strdup_printf ("logged in as %s", anv_db_get_user (db));
  g_assert_cmpstr (anv_test_label_text (window, "login_label"), ==, login);
  if (anv_test_on_server ())
    {
      g_autofree char *place = NULL;
      g_autoptr (PGconn) conn = NULL;

      g_assert_nonnull (strstr (expected, "postgresql://"));
      /* The test's server is on this computer (a socket) */
      conn = PQconnectdb (anv_test_db_location (db));
      place = g_strdup_printf ("%s on this computer", PQdb (conn));
      g_assert_cmpstr (anv_test_label_text (window, "database_label"), ==, place);
    }
  else
    {
      g_assert_nonnull (strstr (expected, "anvisa.db"));
      g_assert_cmpstr (anv_test_label_text (window, "database_label"), ==, "anvisa.db");
      /* A file has no socket to watch */
      g_assert_cmpint (anv_db_get_socket (db), ==, -1);
      g_assert_cmpuint (anv_window_get_socket_wakeups (ANV_WINDOW (window)), ==, 0);
    }

  gtk_widget_destroy (window);
  anv_test_iterate_main_loop ();
  anv_test_close_db (&db, &dir);
}

/* What the fields make: keywords and values, quoted, never the password */
static void
test_connect_conninfo (void)
{
  g_autoptr (GError) error = NULL;
  GtkWidget *dialog = anv_connect_dialog_new (NULL);
  AnvConnectDialog *connect = ANV_CONNECT_DIALOG (dialog);
  char *conninfo;

  gtk_widget_show (dialog);

  /* No server named: which field to fill in */
  conninfo = anv_connect_dialog_get_conninfo (connect, &error);
  g_assert_null (conninfo);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "server"));
  g_clear_error (&error);

  anv_test_type_into (dialog, "host_entry", "db.kontor.example.se");
  anv_test_type_into (dialog, "user_entry", "anna o'hara");
  anv_test_type_into (dialog, "password_entry", "hemligt");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (anv_test_find (dialog, "port_spin")), 5433);
  conninfo = anv_connect_dialog_get_conninfo (connect, &error);
  g_assert_no_error (error);
  /* A server elsewhere: TLS verified by default */
  g_assert_cmpstr (conninfo, ==, "host='db.kontor.example.se' port='5433' dbname='anvisa' "
                                 "user='anna o\\'hara' sslmode='verify-full'");
  g_free (conninfo);

  /* This computer: TLS preferred */
  anv_test_type_into (dialog, "host_entry", "localhost");
  conninfo = anv_connect_dialog_get_conninfo (connect, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (conninfo, "sslmode='prefer'"));
  g_free (conninfo);

  /* The person's choice stays when the server changes */
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (anv_test_find (dialog, "tls_combo")), "require");
  anv_test_type_into (dialog, "host_entry", "db2.kontor.example.se");
  conninfo = anv_connect_dialog_get_conninfo (connect, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (conninfo, "sslmode='require'"));
  g_free (conninfo);

  /* Advanced: a service's name, or a whole string without its password */
  anv_test_type_into (dialog, "conninfo_entry", "kontoret");
  g_assert_false (gtk_widget_get_sensitive (anv_test_find (dialog, "fields_grid")));
  conninfo = anv_connect_dialog_get_conninfo (connect, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (conninfo, ==, "service='kontoret'");
  g_free (conninfo);

  anv_test_type_into (dialog, "conninfo_entry",
                      "postgresql://anna:hemligt@db.kontor.example.se/anvisa?sslmode=require");
  conninfo = anv_connect_dialog_get_conninfo (connect, &error);
  g_assert_no_error (error);
  g_assert_null (strstr (conninfo, "hemligt"));
  g_assert_nonnull (strstr (conninfo, "user='anna'"));
  g_assert_nonnull (strstr (conninfo, "host='db.kontor.example.se'"));
  g_free (conninfo);

  anv_test_type_into (dialog, "conninfo_entry", "host='unclosed");
  conninfo = anv_connect_dialog_get_conninfo (connect, &error);
  g_assert_null (conninfo);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  gtk_widget_destroy (dialog);
  anv_test_iterate_main_loop ();
}

/* The fields from a connection string: the server the window is on */
static void
test_connect_prefill (void)
{
  GtkWidget *dialog = anv_connect_dialog_new (NULL);
  AnvConnectDialog *connect = ANV_CONNECT_DIALOG (dialog);
  GtkWidget *host = anv_test_find (dialog, "host_entry");

  gtk_widget_show (dialog);

  anv_connect_dialog_set_conninfo (connect, "postgresql://anna:hemligt@db.kontor.example.se:5433/"
                                            "kontoret?sslmode=require");
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (host)), ==, "db.kontor.example.se");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (
                     anv_test_find (dialog, "port_spin"))), ==, 5433);
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (anv_test_find (dialog, "database_entry"))),
                   ==, "kontoret");
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (anv_test_find (dialog, "user_entry"))), ==,
                   "anna");
  g_assert_cmpstr (gtk_combo_box_get_active_id (GTK_COMBO_BOX (
                     anv_test_find (dialog, "tls_combo"))), ==, "require");
  /* The password is never shown; it is what is left to type */
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (anv_test_find (dialog, "password_entry"))),
                   ==, "");
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (dialog))
                 == anv_test_find (dialog, "password_entry"));
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (anv_test_find (dialog, "conninfo_entry"))),
                   ==, "");

  /* What the fields cannot say goes whole to "Advanced" */
  anv_connect_dialog_set_conninfo (connect, "service=kontoret password=hemligt");
  g_assert_true (gtk_expander_get_expanded (GTK_EXPANDER (
                   anv_test_find (dialog, "advanced_expander"))));
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (anv_test_find (dialog, "conninfo_entry"))),
                   ==, "service='kontoret'");
  gtk_entry_set_text (GTK_ENTRY (anv_test_find (dialog, "conninfo_entry")), "");

  /* A failure goes as soon as a field changes */
  gtk_entry_set_text (GTK_ENTRY (host), "");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  g_assert_nonnull (anv_connect_dialog_get_error_text (connect));
  anv_test_type_into (dialog, "host_entry", "db.kontor.example.se");
  g_assert_null (anv_connect_dialog_get_error_text (connect));
  gtk_entry_set_text (GTK_ENTRY (anv_test_find (dialog, "database_entry")), "");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  g_assert_nonnull (anv_connect_dialog_get_error_text (connect));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (anv_test_find (dialog, "port_spin")), 5434);
  g_assert_null (anv_connect_dialog_get_error_text (connect));

  gtk_widget_destroy (dialog);
  anv_test_iterate_main_loop ();
}

typedef struct
{
  AnvApplication *app;
  AnvDb          *db;
  gboolean        checked;
} Prefill;

static gboolean
prefill_cb (gpointer user_data)
{
  Prefill *data = user_data;
  GtkWidget *dialog;
  const char *host;

  g_action_group_activate_action (G_ACTION_GROUP (data->app), "connect", NULL);
  anv_test_iterate_main_loop ();
  dialog = anv_test_find_toplevel (ANV_TYPE_CONNECT_DIALOG);
  g_assert_nonnull (dialog);
  host = gtk_entry_get_text (GTK_ENTRY (anv_test_find (dialog, "host_entry")));
  if (anv_test_on_server ())
    {
      g_autofree char *conninfo = NULL;
      g_autoptr (GError) error = NULL;
      g_autoptr (AnvDb) again = NULL;

      /* The same server and database: Connect alone reaches it again */
      g_assert_cmpstr (host, !=, "");
      g_assert_null (anv_connect_dialog_get_error_text (ANV_CONNECT_DIALOG (dialog)));
      conninfo = anv_connect_dialog_get_conninfo (ANV_CONNECT_DIALOG (dialog), &error);
      g_assert_no_error (error);
      again = anv_server_login_open (conninfo, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (anv_db_get_display_name (again), ==, anv_db_get_display_name (data->db));
    }
  else
    {
      /* A file: nothing to fill in */
      g_assert_cmpstr (host, ==, "");
    }
  gtk_widget_destroy (dialog);
  data->checked = TRUE;
  g_action_group_activate_action (G_ACTION_GROUP (data->app), "quit", NULL);
  return G_SOURCE_REMOVE;
}

/* "Connect to a Server…" on a server shows that server's fields */
static void
test_connect_prefill_window (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (AnvApplication) app = NULL;
  char *argv[] = { (char *) "anvisa", NULL };
  Prefill data = { NULL, db, FALSE };

  app = g_object_new (ANV_TYPE_APPLICATION, "application-id", APP_ID,
                      "flags", G_APPLICATION_NON_UNIQUE, "db", db, NULL);
  data.app = app;
  g_timeout_add (300, prefill_cb, &data);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 1, argv), ==, 0);
  g_assert_true (data.checked);

  g_clear_object (&app);
  anv_test_close_db (&db, &dir);
}

/* The password goes into the string in memory only */
static void
test_password_strings (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *stripped = NULL;
  g_autofree char *added = NULL;

  stripped = anv_server_login_strip_password ("host=h dbname=d password=x\\'y user=u", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stripped, ==, "user='u' dbname='d' host='h'");

  added = anv_server_login_add_password (stripped, "p'q", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (added, ==, "user='u' dbname='d' host='h' password='p\\'q'");
}

/* A server that cannot be reached: the dialog tries in a thread, with its
 * spinner, then says why in its own words and keeps what was typed */
static void
test_connect_failure (void)
{
  GtkWidget *dialog = anv_connect_dialog_new (NULL);
  AnvConnectDialog *connect = ANV_CONNECT_DIALOG (dialog);
  gboolean connected = FALSE;
  const char *text;

  g_signal_connect_swapped (dialog, "connected", G_CALLBACK (set_true_cb), &connected);
  gtk_widget_show (dialog);
  gtk_expander_set_expanded (GTK_EXPANDER (anv_test_find (dialog, "advanced_expander")), TRUE);
  anv_test_type_into (dialog, "conninfo_entry",
                      "host=/nonexistent-anvisa-socket-dir port=1 dbname=anvisa");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  g_assert_true (anv_connect_dialog_get_connecting (connect));
  g_assert_true (gtk_widget_get_visible (anv_test_find (dialog, "spinner")));
  g_assert_false (gtk_widget_get_sensitive (anv_test_find (dialog, "connect_button")));

  g_assert_true (anv_test_wait_until (dialog_idle, dialog, 20000));
  text = anv_connect_dialog_get_error_text (connect);
  g_assert_nonnull (text);
  g_assert_nonnull (strstr (text, "could not connect"));
  g_assert_false (gtk_widget_get_visible (anv_test_find (dialog, "spinner")));
  g_assert_true (gtk_widget_get_sensitive (anv_test_find (dialog, "connect_button")));
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (anv_test_find (dialog, "conninfo_entry"))), ==,
                   "host=/nonexistent-anvisa-socket-dir port=1 dbname=anvisa");
  g_assert_false (connected);

  /* Closed while trying: the answer that comes later finds no dialog */
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  gtk_widget_destroy (dialog);
  anv_test_wait_ms (500);
}

typedef struct
{
  AnvApplication *app;
  AnvDb          *other;
  gboolean        checked;
} Switch;

static GtkWidget *
only_window (GtkApplication *app)
{
  GtkWidget *found = NULL;

  for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
    if (ANV_IS_WINDOW (l->data))
      {
        g_assert_null (found);
        found = l->data;
      }
  g_assert_nonnull (found);
  return found;
}

static gboolean
switch_cb (gpointer user_data)
{
  Switch *data = user_data;
  GtkWidget *before = only_window (GTK_APPLICATION (data->app));
  GtkWidget *after;

  g_object_add_weak_pointer (G_OBJECT (before), (gpointer *) &before);
  /* On a file nothing to go back to; on a server, the local file */
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (data->app),
                                                    "use-local-file") == anv_test_on_server ());
  anv_application_switch_database (data->app, data->other);
  anv_test_wait_ms (300);

  /* One window, the new one, on the other database; the old one gone */
  g_assert_null (before);
  after = only_window (GTK_APPLICATION (data->app));
  g_assert_true (anv_window_get_db (ANV_WINDOW (after)) == data->other);
  g_assert_true (anv_application_get_db (data->app) == data->other);
  g_assert_nonnull (strstr (anv_window_get_database_text (ANV_WINDOW (after)),
                            anv_db_get_display_name (data->other)));

  data->checked = TRUE;
  g_action_group_activate_action (G_ACTION_GROUP (data->app), "quit", NULL);
  return G_SOURCE_REMOVE;
}

/* Connecting switches the application's database: a new window on it */
static void
test_switch_database (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *other_dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (AnvDb) other = anv_test_open_db (&other_dir);
  g_autoptr (AnvApplication) app = NULL;
  char *argv[] = { (char *) "anvisa", NULL };
  Switch data = { NULL, other, FALSE };

  app = g_object_new (ANV_TYPE_APPLICATION, "application-id", APP_ID,
                      "flags", G_APPLICATION_NON_UNIQUE, "db", db, NULL);
  data.app = app;
  g_timeout_add (300, switch_cb, &data);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 1, argv), ==, 0);
  g_assert_true (data.checked);

  g_clear_object (&app);
  anv_test_close_db (&db, &dir);
  anv_test_close_db (&other, &other_dir);
}

static gboolean
answer_open_error_cb (gpointer user_data)
{
  AnvApplication *app = user_data;
  GtkWidget *message = anv_application_get_open_error (app);

  if (message == NULL)
    return G_SOURCE_CONTINUE;

  /* The remembered server is down: the way back to the file is offered */
  g_assert_nonnull (gtk_dialog_get_widget_for_response (GTK_DIALOG (message), 2));
  gtk_dialog_response (GTK_DIALOG (message), GTK_RESPONSE_CLOSE);
  return G_SOURCE_REMOVE;
}

/* A remembered server that cannot be reached at the start: the message
 * offers the local file beside another file and Quit */
static void
test_remembered_server_down (void)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autoptr (AnvApplication) app = NULL;
  g_autofree char *saved = g_strdup (g_getenv ("ANVISA_DATABASE"));
  char *argv[] = { (char *) "anvisa", NULL };

  reset_settings ();
  g_unsetenv ("ANVISA_DATABASE");
  g_settings_set_string (settings, "database",
                         "host=/nonexistent-anvisa-socket-dir port=1 dbname=anvisa");

  app = g_object_new (ANV_TYPE_APPLICATION, "application-id", APP_ID,
                      "flags", G_APPLICATION_NON_UNIQUE, NULL);
  g_timeout_add (100, answer_open_error_cb, app);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 1, argv), ==, 0);
  g_assert_null (anv_application_get_open_error (app));

  if (saved != NULL)
    g_setenv ("ANVISA_DATABASE", saved, TRUE);
  reset_settings ();
}

/* Option, environment, the remembered server, the default file */
static void
test_database_order (void)
{
  g_autoptr (AnvApplication) app = NULL;
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autoptr (GError) error = NULL;
  g_autofree char *saved = g_strdup (g_getenv ("ANVISA_DATABASE"));
  g_autofree char *path = NULL;
  g_autofree char *fallback = NULL;

  reset_settings ();
  app = g_object_new (ANV_TYPE_APPLICATION, "application-id", APP_ID,
                      "flags", G_APPLICATION_NON_UNIQUE, NULL);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  g_unsetenv ("ANVISA_DATABASE");
  fallback = anv_db_default_path ();
  path = anv_application_get_database_path (app);
  g_assert_cmpstr (path, ==, fallback);
  g_clear_pointer (&path, g_free);

  g_settings_set_string (settings, "database", "host=db.example.se dbname=anvisa");
  path = anv_application_get_database_path (app);
  g_assert_cmpstr (path, ==, "host=db.example.se dbname=anvisa");
  g_clear_pointer (&path, g_free);

  g_setenv ("ANVISA_DATABASE", "/tmp/elsewhere.db", TRUE);
  path = anv_application_get_database_path (app);
  g_assert_cmpstr (path, ==, "/tmp/elsewhere.db");
  g_clear_pointer (&path, g_free);

  if (saved != NULL)
    g_setenv ("ANVISA_DATABASE", saved, TRUE);
  else
    g_unsetenv ("ANVISA_DATABASE");
  reset_settings ();
}


/*
 * On a server
 */

typedef struct
{
  gint64   at;     /* when the window's context heard of it */
  gboolean heard;
} Heard;

static void
context_changed_cb (AnvContext *context,
                    Heard      *heard)
{
  if (!heard->heard)
    heard->at = g_get_monotonic_time ();
  heard->heard = TRUE;
}

static gboolean
is_heard (gpointer user_data)
{
  return ((Heard *) user_data)->heard;
}

/* Another connection commits: the window hears it through the socket's
 * notification, not its timer, and tells its pages */
static void
test_live_from_socket (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvDb) db = NULL;
  g_autoptr (AnvDb) other = NULL;
  g_autoptr (AnvSeeker) seeker = NULL;
  g_autoptr (GDate) today = g_date_new_dmy (22, G_DATE_NOVEMBER, 2026);
  g_autofree char *dir = NULL;
  const char *conninfo;
  const AnvSeekerInput input = {
    /* One of Skatteverket's published test numbers */
    .personnummer = "19850101-2382",
    .name = "Test Testsson",
    .municipality_code = "0180",
  };
  Heard heard = { 0, FALSE };
  AnvContext *context;
  GtkWidget *window;
  gint64 committed;

  if (!anv_test_on_server ())
    {
      g_test_skip ("ANVISA_TEST_SERVER is not set: no PostgreSQL server to test against");
      return;
    }

  db = anv_test_open_db (&dir);
  conninfo = anv_test_db_location (db);
  other = anv_schema_open (conninfo, "someone", &error);
  g_assert_no_error (error);
  g_assert_true (anv_db_is_server (db));
  g_assert_cmpint (anv_db_get_socket (db), >=, 0);

  window = anv_test_open_window (db);
  g_assert_nonnull (strstr (anv_window_get_database_text (ANV_WINDOW (window)), "postgresql://"));
  context = anv_window_get_context (ANV_WINDOW (window));
  g_signal_connect (context, "changed", G_CALLBACK (context_changed_cb), &heard);

  seeker = anv_seekers_add (other, &input, today, &error);
  g_assert_no_error (error);
  committed = g_get_monotonic_time ();

  g_assert_true (anv_test_wait_until (is_heard, &heard, 20000));
  /* The socket's watch brought it, not the timer */
  g_assert_cmpuint (anv_window_get_socket_wakeups (ANV_WINDOW (window)), >=, 1);
  g_test_message ("another connection's commit reached the window in %.1f ms",
                  (heard.at - committed) / 1000.0);

  /* The same from another process: anvisa-cli registers a second person */
  if (g_getenv ("ANVISA_CLI") != NULL)
    {
      const char *argv[] = {
        g_getenv ("ANVISA_CLI"), "--database", conninfo, "seeker", "add",
        "--personnummer", "19850102-2381", "--name", "Test Andersson",
        "--municipality", "0180", NULL,
      };
      g_autoptr (GSubprocess) cli = NULL;
      guint before = anv_window_get_socket_wakeups (ANV_WINDOW (window));
      gint64 started;

      heard.heard = FALSE;
      started = g_get_monotonic_time ();
      cli = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error);
      g_assert_no_error (error);
      g_assert_true (anv_test_wait_until (is_heard, &heard, 20000));
      g_assert_cmpuint (anv_window_get_socket_wakeups (ANV_WINDOW (window)), >, before);
      g_assert_true (g_subprocess_wait_check (cli, NULL, &error));
      g_assert_no_error (error);
      g_test_message ("anvisa-cli's commit reached the window %.1f ms after the command "
                      "started (its start-up and connection included)",
                      (heard.at - started) / 1000.0);
    }

  g_signal_handlers_disconnect_by_func (context, context_changed_cb, &heard);
  gtk_widget_destroy (window);
  anv_test_iterate_main_loop ();
  g_clear_object (&other);
  anv_test_close_db (&db, &dir);
}

/* The test's database takes no connections (@accepting FALSE) and every
 * connection to it ends, as while the server restarts; or takes them
 * again. Said from the server's first database (ANVISA_TEST_SERVER's). */
static void
set_accepting (AnvDb    *db,
               gboolean  accepting)
{
  PQconninfoOption *options = PQconninfoParse (anv_test_db_location (db), NULL);
  PGconn *conn = PQconnectdb (g_getenv ("ANVISA_TEST_SERVER"));
  g_autofree char *name = NULL;
  g_autofree char *alter = NULL;
  g_autofree char *end = NULL;
  PGresult *result;

  g_assert_nonnull (options);
  for (PQconninfoOption *o = options; o->keyword != NULL; o++)
    if (strcmp (o->keyword, "dbname") == 0)
      name = g_strdup (o->val);
  PQconninfoFree (options);
  g_assert_nonnull (name);
  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);

  /* The test's own names: letters, digits and underscores */
  alter = g_strdup_printf ("ALTER DATABASE \"%s\" ALLOW_CONNECTIONS %s", name,
                           accepting ? "true" : "false");
  result = PQexec (conn, alter);
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_COMMAND_OK);
  PQclear (result);
  if (!accepting)
    {
      end = g_strdup_printf ("SELECT pg_terminate_backend (pid, 10000) FROM pg_stat_activity "
                             "WHERE datname = '%s'", name);
      result = PQexec (conn, end);
      g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
      PQclear (result);
    }
  PQfinish (conn);
}

static void
type_text (GtkWidget  *entry,
           const char *text)
{
  gtk_widget_grab_focus (entry);
  gtk_editable_set_position (GTK_EDITABLE (entry), -1);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      int position = gtk_editable_get_position (GTK_EDITABLE (entry));

      gtk_editable_delete_selection (GTK_EDITABLE (entry));
      position = gtk_editable_get_position (GTK_EDITABLE (entry));
      gtk_editable_insert_text (GTK_EDITABLE (entry), p, g_utf8_next_char (p) - p, &position);
      gtk_editable_set_position (GTK_EDITABLE (entry), position);
      anv_test_iterate_main_loop ();
    }
}

static void
log_form (GtkWidget *form)
{
  const char *fields[] = { "personnummer", "name", "postal_code", "municipality" };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *entry = g_strconcat (fields[i], "_entry", NULL);
      g_autofree char *message = g_strconcat (fields[i], "_message", NULL);

      g_test_message ("%s: “%s” (%s)", fields[i],
                      gtk_entry_get_text (GTK_ENTRY (anv_test_find (form, entry))),
                      anv_test_label_text (form, message));
    }
  g_test_message ("save bar %s: %s",
                  gtk_widget_get_visible (anv_test_find (form, "save_error_bar")) ? "shown"
                                                                                  : "hidden",
                  anv_test_label_text (form, "save_error_label"));
}

static void
assert_field_ok (GtkWidget  *form,
                 const char *entry_id)
{
  g_assert_null (gtk_entry_get_icon_name (GTK_ENTRY (anv_test_find (form, entry_id)),
                                          GTK_ENTRY_ICON_SECONDARY));
}

static void
assert_connection_lost (GtkWidget *form,
                        gboolean   saved)
{
  const char *text = anv_test_label_text (form, "save_error_label");

  g_assert_true (gtk_widget_get_visible (anv_test_find (form, "save_error_bar")));
  g_assert_nonnull (strstr (text, "connection to the database server"));
  if (saved)
    {
      g_assert_nonnull (strstr (text, "Nothing was saved"));
      g_assert_nonnull (strstr (text, "try again"));
    }
  else
    {
      /* Nobody saved: nothing is said of saving */
      g_assert_null (strstr (text, "saved"));
      g_assert_nonnull (strstr (text, "checked as soon as the server answers"));
    }
  /* Under no field */
  assert_field_ok (form, "personnummer_entry");
  assert_field_ok (form, "postal_code_entry");
  assert_field_ok (form, "municipality_entry");
  g_assert_null (strstr (anv_test_label_text (form, "municipality_message"), "server"));
  g_assert_null (strstr (anv_test_label_text (form, "postal_code_message"), "server"));
}

static gboolean
bar_hidden (gpointer bar)
{
  return !gtk_widget_get_visible (GTK_WIDGET (bar));
}

/* The server restarted while the register dialog was opened and filled
 * in: the lost connection is said as such, where the dialog says why a
 * save failed, never under a field; what was typed stays, the fields'
 * hints are the right ones once the server is back, and Save saves */
static void
test_register_after_restart (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvSeeker) seeker = NULL;
  GtkWidget *window, *form, *postal_code;
  GDate today;
  int response = 0;

  if (!anv_test_on_server ())
    {
      g_test_skip ("ANVISA_TEST_SERVER is not set: no PostgreSQL server to test against");
      return;
    }

  db = anv_test_open_db (&dir);
  window = anv_test_open_window (db);

  /* Opened while the server is away */
  set_accepting (db, FALSE);
  form = anv_seeker_form_new (GTK_WINDOW (window),
                              anv_window_get_context (ANV_WINDOW (window)));
  gtk_widget_show (form);
  anv_test_iterate_main_loop ();
  log_form (form);
  assert_connection_lost (form, FALSE);

  type_text (anv_test_find (form, "personnummer_entry"), "19850101-2382");
  type_text (anv_test_find (form, "name_entry"), "Anna Andersson");
  postal_code = anv_test_find (form, "postal_code_entry");
  type_text (postal_code, "903 25");
  log_form (form);
  assert_connection_lost (form, FALSE);

  /* Saved while it is away: not saved, said so, everything kept */
  g_assert_true (gtk_widget_is_sensitive (anv_test_find (form, "save_button")));
  gtk_button_clicked (GTK_BUTTON (anv_test_find (form, "save_button")));
  anv_test_iterate_main_loop ();
  log_form (form);
  assert_connection_lost (form, TRUE);
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (anv_test_find (form, "personnummer_entry"))),
                   ==, "19850101-2382");
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (anv_test_find (form, "name_entry"))), ==,
                   "Anna Andersson");
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (postal_code)), ==, "903 25");
  save_shot (form, "register-after-restart-en.png");

  /* Back: the message goes by itself, nothing typed or saved; the postal
   * code's hint then names the municipality, not its code */
  set_accepting (db, TRUE);
  g_assert_true (anv_test_wait_until (bar_hidden, anv_test_find (form, "save_error_bar"),
                                      20000));
  log_form (form);
  g_assert_cmpstr (anv_test_label_text (form, "postal_code_message"), ==, "In Umeå kommun");
  gtk_editable_delete_text (GTK_EDITABLE (postal_code), 0, -1);
  type_text (postal_code, "903 25");
  log_form (form);
  g_assert_cmpstr (anv_test_label_text (form, "postal_code_message"), ==, "In Umeå kommun");
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (anv_test_find (form, "municipality_entry"))),
                   ==, "Umeå");
  assert_field_ok (form, "municipality_entry");

  g_signal_connect (form, "response", G_CALLBACK (store_response_cb), &response);
  gtk_button_clicked (GTK_BUTTON (anv_test_find (form, "save_button")));
  anv_test_iterate_main_loop ();
  g_assert_cmpint (response, ==, GTK_RESPONSE_OK);
  anv_context_get_today (anv_window_get_context (ANV_WINDOW (window)), &today);
  seeker = anv_seekers_get (db, "198501012382", &today, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (seeker->name, ==, "Anna Andersson");

  gtk_widget_destroy (form);
  gtk_widget_destroy (window);
  anv_test_iterate_main_loop ();
  anv_test_close_db (&db, &dir);
}

static int
count_rows (GtkWidget  *window,
            const char *view_id)
{
  GtkTreeModel *model = gtk_tree_view_get_model (GTK_TREE_VIEW (anv_test_find (window, view_id)));

  return model != NULL ? gtk_tree_model_iter_n_children (model, NULL) : 0;
}

/* A save reaches every page, but a page in the background reads its lists
 * only when it is shown: a save on one page does not wait for another's
 * reading (on a server, each list is a round trip and more) */
static void
test_hidden_pages_wait (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  GtkWidget *window = anv_test_open_window (db);

  anv_window_show_page (ANV_WINDOW (window), "seekers");
  anv_test_wait_ms (100);
  g_assert_cmpint (count_rows (window, "providers_view"), ==, 0);

  /* A provider saved (through the window's own connection) */
  anv_test_approve_krom_provider (db);
  anv_test_iterate_main_loop ();
  g_assert_cmpint (count_rows (window, "providers_view"), ==, 0);

  anv_window_show_page (ANV_WINDOW (window), "providers");
  anv_test_wait_ms (100);
  g_assert_cmpint (count_rows (window, "providers_view"), ==, 1);

  gtk_widget_destroy (window);
  anv_test_iterate_main_loop ();
  anv_test_close_db (&db, &dir);
}

static gboolean
form_gone (gpointer user_data)
{
  return anv_test_find_toplevel (ANV_TYPE_SEEKER_FORM) == NULL;
}

/* How long a registration through the window takes on the demo year: the
 * save itself, then until the window has shown it (every page's reading
 * after the save included). Figures only: said, not asserted. */
static void
test_save_time (void)
{
  g_autoptr (GPtrArray) numbers = NULL;
  guint next = 0;
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = NULL;
  g_autoptr (GError) error = NULL;
  GActionGroup *seekers;
  GtkWidget *window;
  gint64 started;

  /* The demo year takes a minute on a server: on request only */
  if (!anv_test_on_server () || g_getenv ("ANVISA_TEST_SAVE_TIME") == NULL)
    {
      g_test_skip ("measured on a server, with ANVISA_TEST_SAVE_TIME=1, only");
      return;
    }

  numbers = anv_test_load_personnummer (NULL, NULL, TRUE, 0);
  db = anv_test_open_db (&dir);
  started = g_get_monotonic_time ();
  g_assert_true (anv_demo_load (db, NULL, NULL, &error));
  g_assert_no_error (error);
  g_test_message ("the demo year loaded in %.1f s", (g_get_monotonic_time () - started) / 1e6);
  window = anv_test_open_window (db);
  anv_window_show_page (ANV_WINDOW (window), "seekers");
  anv_test_wait_ms (300);
  seekers = gtk_widget_get_action_group (window, "seekers");

  for (guint i = 0; i < 5; i++)
    {
      GtkWidget *form;
      gint64 clicked, saved, shown;
      const char *number = NULL;
      GDate today;

      /* One the demo did not register */
      anv_context_get_today (anv_window_get_context (ANV_WINDOW (window)), &today);
      while (number == NULL && next < numbers->len)
        {
          g_autoptr (AnvSeeker) seeker = NULL;
          g_autoptr (GError) missing = NULL;
          const char *candidate = g_ptr_array_index (numbers, next++);

          seeker = anv_seekers_get (db, candidate, &today, &missing);
          if (seeker == NULL)
            number = candidate;
        }
      g_assert_nonnull (number);

      g_action_group_activate_action (seekers, "new", NULL);
      anv_test_iterate_main_loop ();
      form = anv_test_find_toplevel (ANV_TYPE_SEEKER_FORM);
      g_assert_nonnull (form);
      type_text (anv_test_find (form, "personnummer_entry"), number);
      type_text (anv_test_find (form, "name_entry"), "Test Testsson");
      type_text (anv_test_find (form, "postal_code_entry"), "903 25");
      g_assert_true (gtk_widget_is_sensitive (anv_test_find (form, "save_button")));

      clicked = g_get_monotonic_time ();
      gtk_button_clicked (GTK_BUTTON (anv_test_find (form, "save_button")));
      saved = g_get_monotonic_time ();
      g_assert_true (anv_test_wait_until (form_gone, NULL, 20000));
      anv_test_iterate_main_loop ();
      shown = g_get_monotonic_time ();
      g_test_message ("registration %u: Save returned after %.1f ms, the window was done "
                      "after %.1f ms", i + 1, (saved - clicked) / 1000.0,
                      (shown - clicked) / 1000.0);
      anv_test_wait_ms (100);
    }

  gtk_widget_destroy (window);
  anv_test_iterate_main_loop ();
  anv_test_close_db (&db, &dir);
}

/* In Swedish, as an officer sees them: the connect dialog after a failed
 * try, and the window's header bar on a file (on a server in the suite
 * "server"), written to screenshots/ */
static void
test_screenshots (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = NULL;
  AnvContext *context;
  GtkWidget *dialog;
  GtkWidget *window;

  /* gettext keeps what it has looked up: a fresh process in Swedish */
  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDOUT
                                       | G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }
  anv_test_set_language ("sv");

  dialog = anv_connect_dialog_new (NULL);
  gtk_widget_show (dialog);
  anv_test_type_into (dialog, "host_entry", "anvisa.kontoret.example.se");
  anv_test_type_into (dialog, "user_entry", "anna");
  anv_test_type_into (dialog, "password_entry", "hemligt");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (anv_test_find (dialog, "remember_check")),
                                TRUE);
  save_shot (dialog, "connect-dialog.png");
  gtk_expander_set_expanded (GTK_EXPANDER (anv_test_find (dialog, "advanced_expander")), TRUE);
  anv_test_type_into (dialog, "conninfo_entry",
                      "host=/nonexistent-anvisa-socket-dir port=1 dbname=anvisa");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  g_assert_true (anv_test_wait_until (dialog_idle, dialog, 20000));
  g_assert_nonnull (anv_connect_dialog_get_error_text (ANV_CONNECT_DIALOG (dialog)));
  save_shot (dialog, "connect-dialog-failed.png");
  gtk_widget_destroy (dialog);
  anv_test_iterate_main_loop ();

  /* On the server when the suite has one, at the window's default size:
   * which database and who is logged in can be read whole */
  db = anv_test_open_db (&dir);
  context = anv_context_new (db, NULL);
  window = g_object_new (ANV_TYPE_WINDOW, "context", context, NULL);
  gtk_widget_show (window);
  anv_test_wait_ms (300);
  g_assert_nonnull (strstr (anv_window_get_database_text (ANV_WINDOW (window)),
                            " — inloggad som "));
  g_assert_true (g_str_has_prefix (anv_test_label_text (window, "login_label"), "inloggad som "));
  for (guint i = 0; i < 2; i++)
    {
      GtkLabel *label = GTK_LABEL (anv_test_find (window, i == 0 ? "database_label"
                                                                 : "login_label"));

      g_test_message ("%s", gtk_label_get_text (label));
      g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (label)));
    }
  save_shot (window, anv_test_on_server () ? "server-window.png" : "file-window.png");

  if (anv_test_on_server ())
    {
      GtkWidget *form;

      /* "Connect to a Server…" on it: its fields filled in */
      dialog = anv_connect_dialog_new (GTK_WINDOW (window));
      anv_connect_dialog_set_conninfo (ANV_CONNECT_DIALOG (dialog), anv_db_get_path (db));
      gtk_widget_show (dialog);
      save_shot (dialog, "connect-dialog-prefilled.png");
      gtk_widget_destroy (dialog);

      /* The register dialog while the server restarts, after a Save */
      set_accepting (db, FALSE);
      form = anv_seeker_form_new (GTK_WINDOW (window), context);
      gtk_widget_show (form);
      anv_test_iterate_main_loop ();
      /* a login of the time before roles may register a protected identity */
      g_assert_true (gtk_widget_get_visible (anv_test_find (form, "protected_check")));
      type_text (anv_test_find (form, "personnummer_entry"), "19850101-2382");
      type_text (anv_test_find (form, "name_entry"), "Anna Andersson");
      type_text (anv_test_find (form, "postal_code_entry"), "903 25");
      gtk_button_clicked (GTK_BUTTON (anv_test_find (form, "save_button")));
      anv_test_iterate_main_loop ();
      g_assert_true (gtk_widget_get_visible (anv_test_find (form, "save_error_bar")));
      save_shot (form, "register-after-restart.png");
      set_accepting (db, TRUE);
      gtk_widget_destroy (form);
    }
  gtk_widget_destroy (window);
  g_clear_object (&context);
  anv_test_iterate_main_loop ();
  anv_test_close_db (&db, &dir);

}


/* The window as each role sees it: the role in the header bar, only the
 * pages and actions the role may use, and a refusal in the role's words */
static void
test_roles (void)
{
  static const struct
  {
    const char *suffix;
    AnvRole     role;
    const char *shown;      /* in the header bar, after the login */
    gboolean    seekers;    /* the job seekers' page and its actions */
    gboolean    summary;
    gboolean    edit_providers;
  } cases[] = {
    { "analytiker", ANV_ROLE_ANALYTIKER, "analyst, Umeå", FALSE, TRUE, FALSE },
    { "handlaggare", ANV_ROLE_HANDLAGGARE, "case officer, Umeå", TRUE, TRUE, FALSE },
    { "administrator", ANV_ROLE_ADMINISTRATOR, "administrator, the whole country", FALSE,
      FALSE, TRUE },
  };
  const char * const umea[] = { "2480", "2460", NULL };
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = NULL;
  g_autoptr (GError) error = NULL;
  const char *conninfo;

  if (!anv_test_on_server ())
    {
      g_test_skip ("ANVISA_TEST_SERVER is not set: no PostgreSQL server to test against");
      return;
    }
  reset_settings ();
  db = anv_test_open_db (&dir);
  conninfo = anv_test_db_location (db);
  g_assert_true (anv_units_add (db, "Umeå", umea, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *login = g_strdup_printf ("w%d_%s", (int) getpid (), cases[i].suffix);
      g_autofree char *as = g_strconcat (conninfo, " user=", login, NULL);
      g_autofree char *drop = g_strdup_printf ("DROP ROLE IF EXISTS %s", login);
      g_autofree char *expected = NULL;
      g_autoptr (AnvDb) own = NULL;
      g_autoptr (AnvSeeker) seeker = NULL;
      AnvSeekerInput input = { "19121212-1212", "Tolvan Tolvansson", "2480", NULL, FALSE };
      GtkWidget *window, *seekers_slot, *providers;
      GActionGroup *seekers_actions, *providers_actions;
      AnvContext *context;
      AtkObject *accessible;
      GDate today;

      g_assert_true (anv_staff_add (db, login, cases[i].role,
                                    cases[i].role == ANV_ROLE_ADMINISTRATOR ? NULL : "Umeå",
                                    /* the analyst named: greeted by name */
                                    cases[i].role == ANV_ROLE_ANALYTIKER ? "Stig Lund" : NULL,
                                    &error));
      g_assert_no_error (error);
      own = anv_schema_open (as, NULL, &error);
      g_assert_no_error (error);
      window = anv_test_open_window (own);
      context = anv_window_get_context (ANV_WINDOW (window));

      /* A handläggare, not cleared for protected identities, is not offered
       * to register one */
      if (cases[i].role == ANV_ROLE_HANDLAGGARE)
        {
          GtkWidget *form = anv_seeker_form_new (GTK_WINDOW (window), context);

          g_assert_false (gtk_widget_get_visible (anv_test_find (form, "protected_check")));
          gtk_widget_destroy (form);
        }

      /* The role and the unit under the database, and to a screen reader */
      if (cases[i].role == ANV_ROLE_ANALYTIKER)
        {
          expected = g_strdup_printf ("Stig Lund · %s", cases[i].shown);
          /* the login, which the line leaves out, in the tooltip */
          g_assert_nonnull (strstr (anv_window_get_database_text (ANV_WINDOW (window)), login));
        }
      else
        expected = g_strdup_printf ("logged in as %s · %s", login, cases[i].shown);
      g_assert_cmpstr (anv_test_label_text (window, "login_label"), ==, expected);
      g_assert_nonnull (strstr (anv_window_get_database_text (ANV_WINDOW (window)),
                                anv_role_name (cases[i].role)));
      accessible = gtk_widget_get_accessible (anv_test_find (window, "database_box"));
      g_assert_nonnull (strstr (atk_object_get_description (accessible),
                                anv_role_name (cases[i].role)));
      /* The window's title names the database too */
      g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), "on this computer"));

      /* The job seekers: the page, and its actions with their shortcuts */
      anv_test_wait_ms (300);
      seekers_slot = gtk_stack_get_child_by_name (GTK_STACK (anv_test_find (window, "stack")),
                                                  "seekers");
      g_assert_cmpint (gtk_widget_get_visible (seekers_slot), ==, cases[i].seekers);
      g_assert_cmpint (anv_window_get_page (ANV_WINDOW (window), "seekers") != NULL, ==,
                       cases[i].seekers);
      g_assert_cmpint (anv_window_get_page (ANV_WINDOW (window), "worklist") != NULL, ==,
                       cases[i].seekers);
      g_assert_cmpint (anv_window_get_page (ANV_WINDOW (window), "summary") != NULL, ==,
                       cases[i].summary);
      seekers_actions = gtk_widget_get_action_group (window, "seekers");
      if (cases[i].seekers)
        {
          g_assert_nonnull (seekers_actions);
          g_assert_true (g_action_group_get_action_enabled (seekers_actions, "new"));
        }
      else
        g_assert_null (seekers_actions);
      /* Shown to another page: the stack does not show a hidden page */
      anv_window_show_page (ANV_WINDOW (window), "seekers");
      g_assert_cmpint (g_strcmp0 (gtk_stack_get_visible_child_name (
                                    GTK_STACK (anv_test_find (window, "stack"))), "seekers")
                       == 0, ==, cases[i].seekers);

      /* The reference data: every role reads it, the administrator changes it */
      providers = anv_window_get_page (ANV_WINDOW (window), "providers");
      g_assert_nonnull (providers);
      providers_actions = gtk_widget_get_action_group (providers, "providers");
      g_assert_cmpint (g_action_group_get_action_enabled (providers_actions, "new"), ==,
                       cases[i].edit_providers);
      anv_window_show_page (ANV_WINDOW (window), "providers");
      {
        g_autofree char *shot = g_strdup_printf ("roles-%s-providers.png", cases[i].suffix);

        save_shot (window, shot);
      }
      /* Nothing the role may not read was asked for: no error shown */
      g_assert_false (gtk_widget_get_visible (anv_test_find (window, "info_bar")));

      /* A refusal by the server, said in the role's words */
      if (!cases[i].seekers)
        {
          g_autofree char *message = NULL;
          g_autofree char *role = NULL;

          anv_test_date (&today, 2026, 11, 2);
          seeker = anv_seekers_add (own, &input, &today, &error);
          g_assert_null (seeker);
          g_assert_error (error, ANV_DB_ERROR, ANV_DB_ERROR_DENIED);
          message = anv_context_explain_error (context, error);
          role = g_strndup (cases[i].shown, strcspn (cases[i].shown, ","));
          g_assert_true (g_str_has_prefix (message, "Your role ("));
          g_assert_nonnull (strstr (message, role));
          g_assert_null (strstr (message, "permission"));
          g_clear_error (&error);
        }

      gtk_widget_destroy (window);
      anv_test_iterate_main_loop ();
      g_clear_object (&own);
      anv_test_exec_raw (db, drop);
    }
  anv_test_close_db (&db, &dir);
}

int
main (int   argc,
      char *argv[])
{
  if (!anv_test_init_gui (&argc, &argv, "/server-window/no-display"))
    return g_test_run ();

  g_test_add_func ("/server-window/database-text", test_database_text);
  g_test_add_func ("/server-window/connect-conninfo", test_connect_conninfo);
  g_test_add_func ("/server-window/connect-prefill", test_connect_prefill);
  g_test_add_func ("/server-window/connect-prefill-window", test_connect_prefill_window);
  g_test_add_func ("/server-window/password-strings", test_password_strings);
  g_test_add_func ("/server-window/connect-failure", test_connect_failure);
  g_test_add_func ("/server-window/database-order", test_database_order);
  g_test_add_func ("/server-window/switch-database", test_switch_database);
  g_test_add_func ("/server-window/remembered-server-down", test_remembered_server_down);
  g_test_add_func ("/server-window/live-from-socket", test_live_from_socket);
  g_test_add_func ("/server-window/register-after-restart", test_register_after_restart);
  g_test_add_func ("/server-window/hidden-pages-wait", test_hidden_pages_wait);
  g_test_add_func ("/server-window/save-time", test_save_time);
  g_test_add_func ("/server-window/screenshots", test_screenshots);
  g_test_add_func ("/server-window/roles", test_roles);

  return g_test_run ();
}
