/* anv-application.c — the Anvisa GtkApplication: options, actions, the database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "AnvApplication"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "anv-application.h"
#include "anv-window.h"

struct _AnvApplication
{
  GtkApplication  parent_instance;

  char           *db_path;      /* from --database, or NULL for the default */
  AnvDb          *db;
  GSettings      *settings;     /* NULL when the schema is not installed */
};

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
show_open_error (AnvApplication *self,
                 const char     *path,
                 const GError   *error)
{
  g_autoptr (GString) text = g_string_new (NULL);
  GtkWidget *dialog;

  dialog = gtk_message_dialog_new (NULL,
                                   GTK_DIALOG_MODAL,
                                   GTK_MESSAGE_ERROR,
                                   GTK_BUTTONS_CLOSE,
                                   "%s",
                                   _("Could not open the database"));

  /* The core names the file in most of its messages; say it otherwise. */
  if (strstr (error->message, path) == NULL)
    {
      /* Translators: %s is the path of the database file */
      g_string_append_printf (text, _("Database: %s"), path);
      g_string_append (text, "\n\n");
    }

  g_string_append (text, error->message);
  g_string_append (text, "\n\n");
  g_string_append (text, _("Anvisa will close now. To use another database, start Anvisa like this:"));
  /* Translators: the argument of --database in “anvisa --help” */
  g_string_append_printf (text, "\n\nanvisa --database %s", _("FILE"));

  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", text->str);

  /* Translators: the application name, usually not translated */
  gtk_window_set_title (GTK_WINDOW (dialog), _("Anvisa"));

  /* The dialog holds the application; closing it ends the program. */
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_widget_destroy), NULL);

  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
open_database (AnvApplication *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  path = self->db_path != NULL ? g_strdup (self->db_path) : anv_db_default_path ();

  self->db = anv_db_open (path, NULL, &error);
  if (self->db == NULL)
    {
      g_message ("Could not open the database %s: %s", path, error->message);
      show_open_error (self, path, error);
      return FALSE;
    }

  g_debug ("Opened the database %s", anv_db_get_path (self->db));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DB]);

  return TRUE;
}


/*
 * Callbacks
 */

static void
about_activated_cb (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  AnvApplication *self = ANV_APPLICATION (user_data);
  GtkWindow *parent;

  parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  gtk_show_about_dialog (parent,
                         /* Translators: the application name, usually not translated */
                         "program-name", _("Anvisa"),
                         "logo-icon-name", APP_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Register job seekers and refer them to the matching "
                                       "services Rusta och matcha and Stöd och matchning."),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
quit_activated_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  AnvApplication *self = ANV_APPLICATION (user_data);
  GList *windows;

  /* Destroy the windows rather than quitting outright, so that each one
   * saves its state; the application ends with its last window. */
  windows = gtk_application_get_windows (GTK_APPLICATION (self));
  while (windows != NULL)
    {
      gtk_widget_destroy (GTK_WIDGET (windows->data));
      windows = gtk_application_get_windows (GTK_APPLICATION (self));
    }
}

static const GActionEntry app_entries[] = {
  { "about", about_activated_cb },
  { "quit", quit_activated_cb },
};


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
  static const char *quit_accels[] = { "<Primary>q", NULL };

  G_APPLICATION_CLASS (anv_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   app_entries,
                                   G_N_ELEMENTS (app_entries),
                                   self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);

  gtk_window_set_default_icon_name (APP_ID);

  self->settings = lookup_settings ();
}

static void
anv_application_activate (GApplication *application)
{
  AnvApplication *self = ANV_APPLICATION (application);
  GtkWindow *window;

  /* Also the error dialog, if opening failed before. */
  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  if (self->db == NULL && !open_database (self))
    return;

  window = GTK_WINDOW (anv_window_new (GTK_APPLICATION (self), self->db, self->settings));
  gtk_window_present (window);
}

static void
anv_application_shutdown (GApplication *application)
{
  AnvApplication *self = ANV_APPLICATION (application);

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

  g_clear_object (&self->settings);
  g_clear_object (&self->db);

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
      g_assert (self->db == NULL);
      self->db = g_value_dup_object (value);
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
   * first activation from --database or anv_db_default_path().
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
