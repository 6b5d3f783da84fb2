/* anv-application.c — the Anvisa GtkApplication: options, actions, the database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "anvisa-application"

#include "config.h"

#include <sys/resource.h>

#include <string.h>

#include <glib/gi18n-lib.h>

#include "anv-application-private.h"
#include "anv-context.h"
#include "anv-date.h"
#include "anv-export.h"
#include "anv-file-chooser.h"
#include "anv-schema.h"
#include "anv-server-login.h"
#include "anv-window.h"

/* The open-failure message's "Choose Another File…" and, when the server
 * the window remembered cannot be opened, "Use the Local File" */
#define RESPONSE_CHOOSE_FILE 1
#define RESPONSE_LOCAL_FILE  2

G_DEFINE_FINAL_TYPE (AnvApplication, anv_application, GTK_TYPE_APPLICATION)

enum
{
  PROP_0,
  PROP_DB,
  N_PROPS
};

static GParamSpec *properties[N_PROPS] = { NULL, };

static const GOptionEntry option_entries[] = {
  {
    "database", 'd', G_OPTION_FLAG_NONE,
    G_OPTION_ARG_FILENAME, NULL,
    N_("Open the database in FILE instead of the default one"),
    /* Translators: the argument of --database in “anvisa --help” */
    N_("FILE")
  },
  {
    "version", 0, G_OPTION_FLAG_NONE,
    G_OPTION_ARG_NONE, NULL,
    N_("Show the version and exit"), NULL
  },
  { NULL }
};


/*
 * Auxiliary methods
 */

static GSettings *
lookup_settings (void)
{
  g_autoptr (GSettingsSchema) schema = NULL;
  GSettingsSchemaSource *source;

  /* Running from the build tree without GSETTINGS_SCHEMA_DIR, the schema is
   * not installed; the window then simply does not remember its size. */
  source = g_settings_schema_source_get_default ();
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);

  if (schema == NULL)
    {
      g_debug ("GSettings schema %s not found; settings will not be saved", APP_ID);
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}

static void
db_changed_cb (AnvApplication *self)
{
  anv_application_update_actions (self);
}

static void
set_db (AnvApplication *self,
        AnvDb          *db)
{
  g_assert (self->db == NULL);

  self->db = g_object_ref (db);
  g_signal_connect_object (self->db, "changed", G_CALLBACK (db_changed_cb), self,
                           G_CONNECT_SWAPPED);
  anv_application_update_actions (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DB]);
}

/* Without settings, the csv-profile action's state is the profile; a new
 * context starts from it. */
static AnvCsvProfile
get_csv_profile_state (AnvApplication *self)
{
  g_autoptr (GVariant) state = NULL;
  AnvCsvProfile profile = ANV_CSV_PROFILE_EXCEL_SV;

  state = g_action_group_get_action_state (G_ACTION_GROUP (self), "csv-profile");
  /* The action only takes the names the menu offers: no error to tell */
  if (state != NULL && !anv_csv_profile_parse (g_variant_get_string (state, NULL), &profile, NULL))
    profile = ANV_CSV_PROFILE_EXCEL_SV;

  return profile;
}

/* One context per window: the database and the settings are the
 * application's, opened once. */
static AnvContext *
new_context (AnvApplication *self)
{
  AnvContext *context = anv_context_new (self->db, self->settings);

  if (self->settings == NULL)
    anv_context_set_csv_profile (context, get_csv_profile_state (self));
  return context;
}

static const char *
describe_open_error (const GError *error)
{
  if (error->domain != ANV_DB_ERROR)
    return _("The database cannot be opened");

  switch (error->code)
    {
    case ANV_DB_ERROR_NOT_ANVISA:
      return _("This file is not an Anvisa database");
    case ANV_DB_ERROR_CORRUPT:
      return _("The database is damaged");
    case ANV_DB_ERROR_TOO_NEW:
      return _("The database is from a newer version of Anvisa");
    case ANV_DB_ERROR_READ_ONLY:
      return _("The database cannot be written to");
    case ANV_DB_ERROR_BUSY:
      return _("Another program is using the database");
    case ANV_DB_ERROR_FULL:
      return _("The disk is full");
    default:
      return _("The database cannot be opened");
    }
}

static void
set_open_error_text (AnvApplication *self,
                     const char     *path,
                     const GError   *error)
{
  g_autoptr (GString) text = g_string_new (NULL);
  g_autofree char *display_path = NULL;

  /* A server's connection string is shown without its password */
  if (anv_db_is_server_address (path))
    display_path = anv_server_login_strip_password (path, NULL);
  if (display_path == NULL)
    display_path = g_filename_display_name (path);

  g_object_set (self->open_error, "text", describe_open_error (error), NULL);

  /* The core names the file in most of its messages; say it otherwise. */
  if (strstr (error->message, display_path) == NULL)
    {
      /* Translators: %s is the path of the database file */
      g_string_append_printf (text, _("Database: %s"), display_path);
      g_string_append (text, "\n\n");
    }

  g_string_append (text, error->message);
  g_string_append (text, "\n\n");
  g_string_append (text, _("Choose another database file, or quit."));

  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (self->open_error),
                                            "%s", text->str);
}

static void open_error_response_cb (GtkDialog      *dialog,
                                    int             response,
                                    AnvApplication *self);

/* Whether the database to open is the server the window remembered (the
 * key "database"), not one named by --database or ANVISA_DATABASE */
static gboolean
is_remembered_server (AnvApplication *self)
{
  const char *env = g_getenv ("ANVISA_DATABASE");
  g_autofree char *remembered = NULL;

  if (self->db_path != NULL || (env != NULL && *env != '\0') || self->settings == NULL)
    return FALSE;
  remembered = g_settings_get_string (self->settings, "database");
  return *remembered != '\0';
}

static void
show_open_error (AnvApplication *self,
                 const char     *path,
                 const GError   *error)
{
  if (self->open_error == NULL)
    {
      self->open_error = gtk_message_dialog_new (NULL, 0, GTK_MESSAGE_ERROR, GTK_BUTTONS_NONE,
                                                 "%s", "");
      gtk_dialog_add_buttons (GTK_DIALOG (self->open_error),
                              _("_Quit"), GTK_RESPONSE_CLOSE,
                              _("_Choose Another File…"), RESPONSE_CHOOSE_FILE,
                              NULL);
      /* A server that is down (or moved) must not keep the window from
       * the file on this computer at every start */
      if (is_remembered_server (self))
        gtk_dialog_add_button (GTK_DIALOG (self->open_error), _("Use the _Local File"),
                               RESPONSE_LOCAL_FILE);
      gtk_dialog_set_default_response (GTK_DIALOG (self->open_error), RESPONSE_CHOOSE_FILE);

      /* Translators: the application name, usually not translated */
      gtk_window_set_title (GTK_WINDOW (self->open_error), _("Anvisa"));

      /* The message holds the application; closing it ends the program. */
      gtk_window_set_application (GTK_WINDOW (self->open_error), GTK_APPLICATION (self));
      g_signal_connect (self->open_error, "response", G_CALLBACK (open_error_response_cb), self);
      g_signal_connect (self->open_error, "destroy", G_CALLBACK (gtk_widget_destroyed),
                        &self->open_error);
    }

  set_open_error_text (self, path, error);
  gtk_window_set_default_icon_name (APP_ID);
  gtk_window_present (GTK_WINDOW (self->open_error));
}

/* For the start-up benchmark (tests/bench/bench-launch.c): with
 * ANVISA_BENCH_FIRST_DRAW set, the first drawn frame prints the peak memory
 * and ends the program. */
static gboolean
first_draw_cb (GtkWidget *widget,
               cairo_t   *cr,
               gpointer   user_data)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  g_print ("first-draw peak-rss-kib=%ld\n", usage.ru_maxrss);
  g_application_quit (G_APPLICATION (user_data));
  return FALSE;
}

static void
show_main_window (AnvApplication *self)
{
  g_autoptr (GString) problems = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvContext) context = new_context (self);
  GtkWindow *window;
  GDate today;

  window = GTK_WINDOW (anv_window_new (GTK_APPLICATION (self), context));
  /* The window's context knows the login's role: what it may not do goes */
  anv_application_update_actions (self);

  /* A database that can only be read says so in the title and in the
   * information bar, with what to do; each save is refused with the same
   * reason. */
  if (anv_db_is_read_only (self->db))
    {
      GtkWidget *titlebar = gtk_window_get_titlebar (window);
      /* Translators: the window's title when the database cannot be changed */
      const char *title = _("Anvisa (read only)");

      gtk_window_set_title (window, title);
      if (GTK_IS_HEADER_BAR (titlebar))
        gtk_header_bar_set_title (GTK_HEADER_BAR (titlebar), title);
      g_string_append (problems, anv_db_get_read_only_reason (self->db));
    }
  /* What the person should know of the connection: that it is not
   * encrypted, say */
  if (anv_db_get_notice (self->db) != NULL)
    g_string_append_printf (problems, "%s%s", problems->len > 0 ? "\n" : "",
                            anv_db_get_notice (self->db));
  if (!anv_date_today_checked (&today, &error))
    g_string_append_printf (problems, "%s%s", problems->len > 0 ? "\n" : "", error->message);
  if (problems->len > 0)
    anv_window_show_error (ANV_WINDOW (window), problems->str);

  if (g_getenv ("ANVISA_BENCH_FIRST_DRAW") != NULL)
    g_signal_connect_after (window, "draw", G_CALLBACK (first_draw_cb), self);
  gtk_window_present (window);
}

static void
disconnect_db (AnvApplication *self)
{
  if (self->db == NULL)
    return;
  g_signal_handlers_disconnect_by_func (self->db, db_changed_cb, self);
  g_clear_object (&self->db);
}

static gboolean
open_database (AnvApplication *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  path = anv_application_get_database_path (self);

  if (!anv_application_open_database (self, path, &error))
    {
      g_debug ("Could not open the database: %s", error->message);
      show_open_error (self, path, error);
      return FALSE;
    }

  return TRUE;
}

/*
 * Callbacks
 */

static void
database_chosen_cb (GtkNativeDialog *chooser,
                    int              response,
                    AnvApplication  *self)
{
  g_autofree char *path = anv_application_take_chosen_file (self, chooser, response);

  if (path != NULL && self->open_error != NULL)
    anv_application_open_chosen_database (self, path);
}

static void
open_error_response_cb (GtkDialog      *dialog,
                        int             response,
                        AnvApplication *self)
{
  GtkFileChooserNative *chooser;

  if (response == RESPONSE_LOCAL_FILE)
    {
      g_autofree char *path = anv_db_default_path ();

      g_settings_set_string (self->settings, "database", "");
      anv_application_open_chosen_database (self, path);
      return;
    }
  if (response != RESPONSE_CHOOSE_FILE)
    {
      gtk_widget_destroy (GTK_WIDGET (dialog));
      return;
    }

  chooser = gtk_file_chooser_native_new (_("Open a Database"),
                                         GTK_WINDOW (dialog),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"),
                                         _("_Cancel"));
  anv_application_add_database_filters (GTK_FILE_CHOOSER (chooser));
  anv_application_show_file_chooser (self, chooser, G_CALLBACK (database_chosen_cb));
}


/*
 * GApplication overrides
 */

static int
anv_application_handle_local_options (GApplication *application,
                                      GVariantDict *options)
{
  AnvApplication *self = ANV_APPLICATION (application);
  const char *path = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("anvisa %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, "database", "^&ay", &path))
    {
      g_free (self->db_path);
      self->db_path = g_strdup (path);

      /* One process per database: a second “anvisa --database” must not
       * just raise the window of another database. */
      g_application_set_flags (application,
                               g_application_get_flags (application) | G_APPLICATION_NON_UNIQUE);
    }

  return -1;
}

static void
anv_application_startup (GApplication *application)
{
  AnvApplication *self = ANV_APPLICATION (application);

  G_APPLICATION_CLASS (anv_application_parent_class)->startup (application);

  self->settings = lookup_settings ();

  anv_application_add_actions (self);

  /* The icon (for every window) is set once the window has drawn its
   * first frame: see anv-window.c. */
}

static void
anv_application_activate (GApplication *application)
{
  AnvApplication *self = ANV_APPLICATION (application);
  GtkWindow *window;

  /* A second launch raises the window (or the message, if opening failed). */
  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  if (self->db == NULL && !open_database (self))
    return;

  show_main_window (self);
}

static void
anv_application_shutdown (GApplication *application)
{
  AnvApplication *self = ANV_APPLICATION (application);

  anv_file_chooser_close (&self->chooser, self);

  /* Make sure the window size reaches disk before the process exits. */
  if (self->settings != NULL)
    g_settings_sync ();

  G_APPLICATION_CLASS (anv_application_parent_class)->shutdown (application);
}


/*
 * GObject overrides
 */

static void
anv_application_dispose (GObject *object)
{
  AnvApplication *self = ANV_APPLICATION (object);

  g_clear_object (&self->chooser);
  g_clear_object (&self->settings);
  disconnect_db (self);

  G_OBJECT_CLASS (anv_application_parent_class)->dispose (object);
}

static void
anv_application_finalize (GObject *object)
{
  AnvApplication *self = ANV_APPLICATION (object);

  g_clear_pointer (&self->db_path, g_free);

  G_OBJECT_CLASS (anv_application_parent_class)->finalize (object);
}

static void
anv_application_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  AnvApplication *self = ANV_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_DB:
      g_value_set_object (value, self->db);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
anv_application_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  AnvApplication *self = ANV_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_DB:
      if (g_value_get_object (value) != NULL)
        set_db (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
anv_application_class_init (AnvApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = anv_application_dispose;
  object_class->finalize = anv_application_finalize;
  object_class->get_property = anv_application_get_property;
  object_class->set_property = anv_application_set_property;

  application_class->handle_local_options = anv_application_handle_local_options;
  application_class->startup = anv_application_startup;
  application_class->activate = anv_application_activate;
  application_class->shutdown = anv_application_shutdown;

  /**
   * AnvApplication:db:
   *
   * The open database. Given at construction (tests), or opened on the
   * first activation from --database or anv_db_default_path(), or from
   * the file chosen after that failed.
   */
  properties[PROP_DB] = g_param_spec_object ("db",
                                             "Database",
                                             "The open Anvisa database",
                                             ANV_TYPE_DB,
                                             G_PARAM_READWRITE |
                                             G_PARAM_CONSTRUCT_ONLY |
                                             G_PARAM_EXPLICIT_NOTIFY |
                                             G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
anv_application_init (AnvApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
}

AnvApplication *
anv_application_new (void)
{
  return g_object_new (ANV_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}

/**
 * anv_application_get_db:
 * @self: an #AnvApplication
 *
 * Returns: (transfer none) (nullable): the open database, or %NULL before
 *   the first activation or when it could not be opened
 */
AnvDb *
anv_application_get_db (AnvApplication *self)
{
  g_return_val_if_fail (ANV_IS_APPLICATION (self), NULL);

  return self->db;
}

/**
 * anv_application_open_database:
 * @self: an #AnvApplication without a database yet
 * @path: the database file
 * @error: where a failure is told
 *
 * Opens (creating it if missing) the database at @path as the
 * application's; the message about a database that could not be opened
 * does this with the file chosen in it, then shows the window.
 *
 * Returns: %TRUE if the database is open
 */
gboolean
anv_application_open_database (AnvApplication  *self,
                               const char      *path,
                               GError         **error)
{
  g_autoptr (AnvDb) db = NULL;

  g_return_val_if_fail (ANV_IS_APPLICATION (self), FALSE);
  g_return_val_if_fail (self->db == NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* A server's database that wants a password: the keyring's, if it
   * keeps one */
  db = anv_server_login_open (path, NULL, error);
  if (db == NULL)
    return FALSE;

  /* The display name: a server's path may hold a password from the keyring */
  g_debug ("Opened the database %s", anv_db_get_display_name (db));
  set_db (self, db);

  return TRUE;
}

/**
 * anv_application_get_open_error:
 * @self: an #AnvApplication
 *
 * Returns: (transfer none) (nullable): the message shown because the
 *   database could not be opened, with its buttons Quit and Choose Another
 *   File…, or %NULL
 */
GtkWidget *
anv_application_get_open_error (AnvApplication *self)
{
  g_return_val_if_fail (ANV_IS_APPLICATION (self), NULL);

  return self->open_error;
}

/**
 * anv_application_open_chosen_database:
 * @self: an #AnvApplication showing its open-failure message
 * @path: the file chosen instead
 *
 * What choosing @path in the message's file chooser does: opens it and
 * shows the window, or tells in the message why it cannot be opened.
 */
void
anv_application_open_chosen_database (AnvApplication *self,
                                      const char     *path)
{
  g_autoptr (GError) error = NULL;

  g_return_if_fail (ANV_IS_APPLICATION (self));
  g_return_if_fail (self->open_error != NULL);

  if (!anv_application_open_database (self, path, &error))
    {
      set_open_error_text (self, path, error);
      return;
    }

  /* The window holds the application before the message lets go of it. */
  show_main_window (self);
  gtk_widget_destroy (self->open_error);
}

/**
 * anv_application_get_database_path:
 * @self: an #AnvApplication
 *
 * The database to open: --database, else $ANVISA_DATABASE, else the
 * server the window was last connected to (the GSettings key "database",
 * kept without its password), else the default file.
 *
 * Returns: (transfer full): a file's path or a connection string
 */
char *
anv_application_get_database_path (AnvApplication *self)
{
  const char *env = g_getenv ("ANVISA_DATABASE");
  g_autofree char *remembered = NULL;

  g_return_val_if_fail (ANV_IS_APPLICATION (self), NULL);

  if (self->db_path != NULL)
    return g_strdup (self->db_path);
  if (env != NULL && *env != '\0')
    return g_strdup (env);
  if (self->settings != NULL)
    remembered = g_settings_get_string (self->settings, "database");
  if (remembered != NULL && *remembered != '\0')
    return g_steal_pointer (&remembered);
  return anv_db_default_path ();
}

/**
 * anv_application_switch_database:
 * @self: an #AnvApplication with a database and its window
 * @db: the database to work on from now on
 *
 * Makes @db the application's database: a new window opens on it and the
 * windows on the one before close (they save their state as they go).
 */
void
anv_application_switch_database (AnvApplication *self,
                                 AnvDb          *db)
{
  g_autoptr (GList) old_windows = NULL;

  g_return_if_fail (ANV_IS_APPLICATION (self));
  g_return_if_fail (ANV_IS_DB (db));

  old_windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  disconnect_db (self);
  set_db (self, db);
  g_debug ("Switched to the database %s", anv_db_get_display_name (db));

  /* The new window holds the application before the old ones let go */
  show_main_window (self);
  for (GList *l = old_windows; l != NULL; l = l->next)
    if (ANV_IS_WINDOW (l->data))
      gtk_widget_destroy (GTK_WIDGET (l->data));
}
