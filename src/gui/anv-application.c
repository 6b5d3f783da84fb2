/* anv-application.c — the Anvisa GtkApplication: options, actions, the database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "anvisa-application"

#include "config.h"

#include <sys/resource.h>

#include <string.h>

#include <glib/gi18n-lib.h>

#include "anv-application.h"
#include "anv-audit-dialog.h"
#include "anv-backup-dialog.h"
#include "anv-context.h"
#include "anv-date.h"
#include "anv-demo.h"
#include "anv-export.h"
#include "anv-export-dialog.h"
#include "anv-import-dialog.h"
#include "anv-map-page.h"
#include "anv-summary-page.h"
#include "anv-window.h"

/* The open-failure message's "Choose Another File…" */
#define RESPONSE_CHOOSE_FILE 1

struct _AnvApplication
{
  GtkApplication        parent_instance;

  char                 *db_path;      /* from --database, or NULL for the default */

  /* Opened once, for every window's AnvContext */
  AnvDb                *db;
  GSettings            *settings;     /* NULL when the schema is not installed */

  GtkWidget            *open_error;   /* the message when the database cannot be opened */
  GtkFileChooserNative *chooser;      /* the one file chooser open, if any */
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

/* Every accelerator of the application, its windows and their pages. The
 * pages' groups (seekers., summary., providers., map.) answer while the focus is
 * inside the page; app. and win. ones everywhere in the window. The
 * shortcuts window (ui/help-overlay.ui) lists the same. */
static const struct
{
  const char *action;
  const char *accels[3];
} accelerators[] = {
  { "app.quit", { "<Primary>q", NULL } },
  { "app.import", { "<Primary>i", NULL } },
  { "app.show-page::seekers", { "<Alt>1", NULL } },
  { "app.show-page::summary", { "<Alt>2", NULL } },
  { "app.show-page::providers", { "<Alt>3", NULL } },
  { "app.show-page::map", { "<Alt>4", NULL } },
  { "win.show-help-overlay", { "<Primary>question", NULL } },
  { "seekers.new", { "<Primary>n", NULL } },
  { "seekers.find", { "<Primary>f", NULL } },
  { "seekers.refer", { "<Primary>r", NULL } },
  { "summary.export", { "<Primary>e", NULL } },
  { "providers.new", { "<Primary><Shift>n", NULL } },
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
set_action_enabled (AnvApplication *self,
                    const char     *name,
                    gboolean        enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  if (action != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

/* The demo data goes only into an empty database. */
static void
update_actions (AnvApplication *self)
{
  g_autoptr (GError) error = NULL;
  gboolean has_db = self->db != NULL;
  gboolean empty = FALSE;

  if (has_db)
    {
      empty = anv_db_is_empty (self->db, &error);
      if (error != NULL)
        g_debug ("Cannot tell whether the database is empty: %s", error->message);
    }

  set_action_enabled (self, "import", has_db);
  set_action_enabled (self, "export", has_db);
  set_action_enabled (self, "backup", has_db);
  set_action_enabled (self, "restore", has_db);
  set_action_enabled (self, "audit-log", has_db);
  set_action_enabled (self, "load-demo", has_db && empty);
}

static void
db_changed_cb (AnvApplication *self)
{
  update_actions (self);
}

static void
set_db (AnvApplication *self,
        AnvDb          *db)
{
  g_assert (self->db == NULL);

  self->db = g_object_ref (db);
  g_signal_connect_object (self->db, "changed", G_CALLBACK (db_changed_cb), self,
                           G_CONNECT_SWAPPED);
  update_actions (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DB]);
}

static GtkWindow *
get_main_window (AnvApplication *self)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  for (GList *l = windows; l != NULL; l = l->next)
    {
      if (ANV_IS_WINDOW (l->data))
        return GTK_WINDOW (l->data);
    }

  return NULL;
}

/* The context of the main window, or NULL when there is none. */
static AnvContext *
get_context (AnvApplication *self)
{
  GtkWindow *window = get_main_window (self);

  return window != NULL ? anv_window_get_context (ANV_WINDOW (window)) : NULL;
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

static void
add_csv_filter (GtkFileChooser *chooser)
{
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  /* Translators: a kind of file in the file chooser */
  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_chooser_add_filter (chooser, g_object_ref_sink (filter));
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
  g_autofree char *display_path = g_filename_display_name (path);

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
  if (!anv_date_today_checked (&today, &error))
    g_string_append_printf (problems, "%s%s", problems->len > 0 ? "\n" : "", error->message);
  if (problems->len > 0)
    anv_window_show_error (ANV_WINDOW (window), problems->str);

  if (g_getenv ("ANVISA_BENCH_FIRST_DRAW") != NULL)
    g_signal_connect_after (window, "draw", G_CALLBACK (first_draw_cb), self);
  gtk_window_present (window);
}

static gboolean
open_database (AnvApplication *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  path = self->db_path != NULL ? g_strdup (self->db_path) : anv_db_default_path ();

  if (!anv_application_open_database (self, path, &error))
    {
      g_debug ("Could not open the database %s: %s", path, error->message);
      show_open_error (self, path, error);
      return FALSE;
    }

  return TRUE;
}

static void
show_file_chooser (AnvApplication       *self,
                   GtkFileChooserNative *chooser,
                   GCallback             response_cb)
{
  g_clear_object (&self->chooser);
  self->chooser = chooser;

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", response_cb, self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
add_database_filters (GtkFileChooser *chooser)
{
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  /* Translators: a kind of file in the file chooser */
  gtk_file_filter_set_name (filter, _("Anvisa databases"));
  gtk_file_filter_add_pattern (filter, "*.db");
  gtk_file_filter_add_pattern (filter, "*.sqlite");
  gtk_file_chooser_add_filter (chooser, g_object_ref_sink (filter));
  g_clear_object (&filter);

  filter = gtk_file_filter_new ();
  /* Translators: a kind of file in the file chooser */
  gtk_file_filter_set_name (filter, _("All files"));
  gtk_file_filter_add_pattern (filter, "*");
  gtk_file_chooser_add_filter (chooser, g_object_ref_sink (filter));
}

/* The file the person chose, or NULL; the chooser is let go once it has
 * finished handling the key that answered it. */
static char *
take_chosen_file (AnvApplication  *self,
                  GtkNativeDialog *chooser,
                  int              response)
{
  char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    path = gtk_file_chooser_get_filename (GTK_FILE_CHOOSER (chooser));
  g_idle_add_once (g_object_unref, g_steal_pointer (&self->chooser));
  return path;
}

/*
 * Callbacks
 */

static void
database_chosen_cb (GtkNativeDialog *chooser,
                    int              response,
                    AnvApplication  *self)
{
  g_autofree char *path = take_chosen_file (self, chooser, response);

  if (path != NULL && self->open_error != NULL)
    anv_application_open_chosen_database (self, path);
}

static void
open_error_response_cb (GtkDialog      *dialog,
                        int             response,
                        AnvApplication *self)
{
  GtkFileChooserNative *chooser;

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
  add_database_filters (GTK_FILE_CHOOSER (chooser));
  show_file_chooser (self, chooser, G_CALLBACK (database_chosen_cb));
}

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
   * saves its state; the application ends with its last window (or when
   * an import still running is done). */
  windows = gtk_application_get_windows (GTK_APPLICATION (self));
  while (windows != NULL)
    {
      gtk_widget_destroy (GTK_WIDGET (windows->data));
      windows = gtk_application_get_windows (GTK_APPLICATION (self));
    }
}

static void
import_chosen_cb (GtkNativeDialog *chooser,
                  int              response,
                  AnvApplication  *self)
{
  g_autofree char *path = NULL;
  g_autofree char *kind = NULL;
  GtkWidget *dialog;

  if (response == GTK_RESPONSE_ACCEPT)
    kind = g_strdup (gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "kind"));
  path = take_chosen_file (self, chooser, response);

  if (path == NULL || self->db == NULL)
    return;

  dialog = anv_import_dialog_new (get_main_window (self), self->db,
                                  g_strcmp0 (kind, "providers") == 0
                                  ? ANV_IMPORT_DIALOG_PROVIDERS
                                  : ANV_IMPORT_DIALOG_SEEKERS,
                                  path);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_activated_cb (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  AnvApplication *self = ANV_APPLICATION (user_data);
  const char *kinds[] = { "seekers", "providers", NULL };
  const char *labels[] = { _("Job seekers"), _("Providers"), NULL };
  GtkFileChooserNative *chooser;

  if (self->chooser != NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Import"),
                                         get_main_window (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Import"),
                                         _("_Cancel"));
  add_csv_filter (GTK_FILE_CHOOSER (chooser));
  /* Translators: in the file chooser: what the CSV file holds */
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "kind", _("The file holds"),
                               kinds, labels);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "kind", "seekers");

  show_file_chooser (self, chooser, G_CALLBACK (import_chosen_cb));
}

static void
export_activated_cb (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  AnvApplication *self = ANV_APPLICATION (user_data);
  AnvContext *context = get_context (self);
  GtkWidget *dialog;

  if (self->db == NULL || context == NULL)
    return;

  dialog = anv_export_dialog_new (get_main_window (self), self->db,
                                  anv_context_get_csv_profile (context));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* After the demo data is loaded, the window goes where the dialog's
 * message says: the summary of Rusta och matcha in April 2020, and the
 * map of the same month. */
static void
demo_dialog_closed_cb (AnvApplication *self)
{
  g_autoptr (GError) error = NULL;
  GtkWindow *window = get_main_window (self);
  GtkWidget *summary, *map;
  gboolean empty;

  update_actions (self);
  if (window == NULL || self->db == NULL)
    return;
  empty = anv_db_is_empty (self->db, &error);
  if (error != NULL)
    {
      anv_context_report_error (anv_window_get_context (ANV_WINDOW (window)), error->message);
      return;
    }
  if (empty)
    return;

  summary = anv_window_get_page (ANV_WINDOW (window), "summary");
  map = anv_window_get_page (ANV_WINDOW (window), "map");
  anv_summary_page_show_month (ANV_SUMMARY_PAGE (summary), ANV_DEMO_STORY_MONTH,
                               ANV_SERVICE_KROM);
  anv_map_page_set_service (ANV_MAP_PAGE (map), ANV_SERVICE_KROM);
  anv_map_page_set_month (ANV_MAP_PAGE (map), ANV_DEMO_STORY_MONTH);
  anv_window_show_page (ANV_WINDOW (window), "summary");
}

static void
load_demo_activated_cb (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  AnvApplication *self = ANV_APPLICATION (user_data);
  GtkWidget *dialog;

  if (self->db == NULL)
    return;

  /* Once: the action comes back only if the load fails. */
  g_simple_action_set_enabled (action, FALSE);

  dialog = anv_import_dialog_new (get_main_window (self), self->db, ANV_IMPORT_DIALOG_DEMO,
                                  NULL);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (demo_dialog_closed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_page_activated_cb (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  AnvApplication *self = ANV_APPLICATION (user_data);
  GtkWindow *window = get_main_window (self);

  if (window != NULL)
    anv_window_show_page (ANV_WINDOW (window), g_variant_get_string (parameter, NULL));
}

static void
backup_chosen_cb (GtkNativeDialog *chooser,
                  int              response,
                  AnvApplication  *self)
{
  g_autofree char *path = take_chosen_file (self, chooser, response);
  GtkWidget *dialog;

  if (path == NULL || self->db == NULL)
    return;
  dialog = anv_backup_dialog_new_backup (get_main_window (self), self->db, path);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
backup_activated_cb (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  AnvApplication *self = ANV_APPLICATION (user_data);
  AnvContext *context = get_context (self);
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;
  char date[11];
  GDate today;

  if (self->chooser != NULL || self->db == NULL || context == NULL)
    return;

  anv_context_get_today (context, &today);
  anv_date_format (&today, date);
  /* Translators: the suggested name of a backup file; %s is today's date */
  name = g_strdup_printf (_("anvisa-backup-%s.db"), date);

  chooser = gtk_file_chooser_native_new (_("Back Up Database"),
                                         get_main_window (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Back Up"),
                                         _("_Cancel"));
  gtk_file_chooser_set_do_overwrite_confirmation (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  show_file_chooser (self, chooser, G_CALLBACK (backup_chosen_cb));
}

static void
restore_chosen_cb (GtkNativeDialog *chooser,
                   int              response,
                   AnvApplication  *self)
{
  g_autofree char *path = take_chosen_file (self, chooser, response);
  GtkWidget *dialog;

  if (path == NULL || self->db == NULL)
    return;
  dialog = anv_backup_dialog_new_restore (get_main_window (self), self->db, path);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
restore_activated_cb (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  AnvApplication *self = ANV_APPLICATION (user_data);
  GtkFileChooserNative *chooser;

  if (self->chooser != NULL || self->db == NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Restore from Backup"),
                                         get_main_window (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Choose"),
                                         _("_Cancel"));
  add_database_filters (GTK_FILE_CHOOSER (chooser));
  show_file_chooser (self, chooser, G_CALLBACK (restore_chosen_cb));
}

static void
audit_log_activated_cb (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  AnvApplication *self = ANV_APPLICATION (user_data);
  GtkWidget *dialog;

  if (self->db == NULL)
    return;
  dialog = anv_audit_dialog_new (get_main_window (self), self->db);
  gtk_window_present (GTK_WINDOW (dialog));
}

static const GActionEntry app_entries[] = {
  { "about", about_activated_cb },
  { "quit", quit_activated_cb },
  { "import", import_activated_cb },
  { "export", export_activated_cb },
  { "load-demo", load_demo_activated_cb },
  { "backup", backup_activated_cb },
  { "restore", restore_activated_cb },
  { "audit-log", audit_log_activated_cb },
  { "show-page", show_page_activated_cb, "s" },
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

/* Without settings: the choice goes to every window's context, where the
 * export reads it. */
static void
csv_profile_change_state_cb (GSimpleAction  *action,
                             GVariant       *value,
                             AnvApplication *self)
{
  g_autoptr (GError) error = NULL;
  AnvCsvProfile profile;

  if (!anv_csv_profile_parse (g_variant_get_string (value, NULL), &profile, &error))
    {
      g_debug ("The CSV format stays: %s", error->message);
      return;
    }

  g_simple_action_set_state (action, value);
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (ANV_IS_WINDOW (l->data))
      anv_context_set_csv_profile (anv_window_get_context (l->data), profile);
}

static void
add_csv_profile_action (AnvApplication *self)
{
  g_autoptr (GAction) action = NULL;

  /* The export format is a setting when the schema is installed; else it
   * lasts as long as the process. Either way the contexts read it. */
  if (self->settings != NULL)
    {
      action = g_settings_create_action (self->settings, "csv-profile");
    }
  else
    {
      action = G_ACTION (g_simple_action_new_stateful ("csv-profile", G_VARIANT_TYPE_STRING,
                                                       g_variant_new_string ("excel-sv")));
      g_signal_connect_object (action, "change-state", G_CALLBACK (csv_profile_change_state_cb),
                               self, 0);
    }

  g_action_map_add_action (G_ACTION_MAP (self), action);
}

static void
anv_application_startup (GApplication *application)
{
  AnvApplication *self = ANV_APPLICATION (application);

  G_APPLICATION_CLASS (anv_application_parent_class)->startup (application);

  self->settings = lookup_settings ();

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   app_entries,
                                   G_N_ELEMENTS (app_entries),
                                   self);
  add_csv_profile_action (self);
  update_actions (self);

  for (guint i = 0; i < G_N_ELEMENTS (accelerators); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                           accelerators[i].action,
                                           accelerators[i].accels);

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

  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }

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

  db = anv_db_open (path, NULL, error);
  if (db == NULL)
    return FALSE;

  g_debug ("Opened the database %s", anv_db_get_path (db));
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
