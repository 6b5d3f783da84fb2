/* anv-application-actions.c — the application's actions: files in and out, pages, about, quit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "anvisa-application-actions"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "anv-application-private.h"
#include "anv-audit-dialog.h"
#include "anv-backup-dialog.h"
#include "anv-connect-dialog.h"
#include "anv-context.h"
#include "anv-date.h"
#include "anv-demo.h"
#include "anv-export.h"
#include "anv-export-dialog.h"
#include "anv-file-chooser.h"
#include "anv-import-dialog.h"
#include "anv-map-page.h"
#include "anv-schema.h"
#include "anv-summary-page.h"
#include "anv-window.h"

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
  { "app.show-page::worklist", { "<Alt>5", NULL } },
  { "win.show-help-overlay", { "<Primary>question", NULL } },
  { "win.show-primary-menu", { "F10", NULL } },
  { "seekers.new", { "<Primary>n", NULL } },
  { "seekers.find", { "<Primary>f", NULL } },
  { "seekers.refer", { "<Primary>r", NULL } },
  { "summary.export", { "<Primary>e", NULL } },
  { "providers.new", { "<Primary><Shift>n", NULL } },
};


/*
 * Auxiliary methods
 */

static AnvContext *get_context (AnvApplication *self);

static void
set_action_enabled (AnvApplication *self,
                    const char     *name,
                    gboolean        enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  if (action != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

/* The demo data goes only into an empty database. What the login's role
 * may not do is disabled, its shortcut with it (once the window, with the
 * context that knows the role, is there). */
void
anv_application_update_actions (AnvApplication *self)
{
  g_autoptr (GError) error = NULL;
  gboolean has_db = self->db != NULL;
  gboolean empty = FALSE;
  AnvContext *context = get_context (self);
  gboolean personal = context == NULL || anv_context_may (context, ANV_WORK_PERSONAL_DATA);
  gboolean reference = context == NULL || anv_context_may (context, ANV_WORK_REFERENCE_DATA);
  gboolean audit = context == NULL || anv_context_may (context, ANV_WORK_AUDIT_LOG);
  /* The demo data fills every table: only a file, or a login of the time
   * before roles, may */
  gboolean every_role = context == NULL
    || anv_context_get_login (context)->kind != ANV_LOGIN_ROLES;

  if (has_db)
    {
      empty = anv_db_is_empty (self->db, &error);
      if (error != NULL)
        g_debug ("Cannot tell whether the database is empty: %s", error->message);
    }

  set_action_enabled (self, "import", has_db && (personal || reference));
  set_action_enabled (self, "export", has_db && personal);
  /* A server's backups are the server's (pg_dump, pg_restore). */
  set_action_enabled (self, "backup", has_db && !anv_db_is_server (self->db));
  set_action_enabled (self, "restore", has_db && !anv_db_is_server (self->db));
  set_action_enabled (self, "audit-log", has_db && audit);
  set_action_enabled (self, "load-demo", has_db && empty && every_role);
  set_action_enabled (self, "use-local-file", has_db && anv_db_is_server (self->db));
}

GtkWindow *
anv_application_get_main_window (AnvApplication *self)
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
  GtkWindow *window = anv_application_get_main_window (self);

  return window != NULL ? anv_window_get_context (ANV_WINDOW (window)) : NULL;
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
  AnvContext *context = get_context (self);
  g_autofree char *path = NULL;
  g_autofree char *kind = NULL;
  GtkWidget *dialog;

  if (response == GTK_RESPONSE_ACCEPT)
    kind = g_strdup (gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "kind"));
  path = anv_application_take_chosen_file (self, chooser, response);

  if (path == NULL || context == NULL)
    return;

  dialog = anv_import_dialog_new (anv_application_get_main_window (self), context,
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
  AnvContext *context = get_context (self);
  GtkFileChooserNative *chooser;
  guint first = 0;

  if (self->chooser != NULL)
    return;
  /* Only what the role may import: job seekers (officers) or providers
   * (the administrator) */
  if (context != NULL && !anv_context_may (context, ANV_WORK_REFERENCE_DATA))
    kinds[1] = labels[1] = NULL;
  if (context != NULL && !anv_context_may (context, ANV_WORK_PERSONAL_DATA))
    first = 1;
  if (kinds[first] == NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Import"),
                                         anv_application_get_main_window (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Import"),
                                         _("_Cancel"));
  add_csv_filter (GTK_FILE_CHOOSER (chooser));
  /* Translators: in the file chooser: what the CSV file holds */
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "kind", _("The file holds"),
                               kinds + first, labels + first);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "kind", kinds[first]);

  anv_application_show_file_chooser (self, chooser, G_CALLBACK (import_chosen_cb));
}

static void
export_activated_cb (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  AnvApplication *self = ANV_APPLICATION (user_data);
  AnvContext *context = get_context (self);
  GtkWidget *dialog;

  if (context == NULL)
    return;

  dialog = anv_export_dialog_new (anv_application_get_main_window (self), context,
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
  GtkWindow *window = anv_application_get_main_window (self);
  GtkWidget *summary, *map;
  gboolean empty;

  anv_application_update_actions (self);
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
  AnvContext *context = get_context (self);
  GtkWidget *dialog;

  if (context == NULL)
    return;

  /* Once: the action comes back only if the load fails. */
  g_simple_action_set_enabled (action, FALSE);

  dialog = anv_import_dialog_new (anv_application_get_main_window (self), context,
                                  ANV_IMPORT_DIALOG_DEMO, NULL);
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
  GtkWindow *window = anv_application_get_main_window (self);

  /* A page the role does not show stays hidden (anv_window_show_page()) */
  if (window != NULL)
    anv_window_show_page (ANV_WINDOW (window), g_variant_get_string (parameter, NULL));
}

static void
backup_chosen_cb (GtkNativeDialog *chooser,
                  int              response,
                  AnvApplication  *self)
{
  g_autofree char *path = anv_application_take_chosen_file (self, chooser, response);
  AnvContext *context = get_context (self);
  GtkWidget *dialog;

  if (path == NULL || context == NULL)
    return;
  dialog = anv_backup_dialog_new_backup (anv_application_get_main_window (self), context, path);
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

  if (self->chooser != NULL || context == NULL)
    return;

  anv_context_get_today (context, &today);
  anv_date_format (&today, date);
  /* Translators: the suggested name of a backup file; %s is today's date */
  name = g_strdup_printf (_("anvisa-backup-%s.db"), date);

  chooser = gtk_file_chooser_native_new (_("Back Up Database"),
                                         anv_application_get_main_window (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Back Up"),
                                         _("_Cancel"));
  gtk_file_chooser_set_do_overwrite_confirmation (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  anv_application_show_file_chooser (self, chooser, G_CALLBACK (backup_chosen_cb));
}

static void
restore_chosen_cb (GtkNativeDialog *chooser,
                   int              response,
                   AnvApplication  *self)
{
  g_autofree char *path = anv_application_take_chosen_file (self, chooser, response);
  AnvContext *context = get_context (self);
  GtkWidget *dialog;

  if (path == NULL || context == NULL)
    return;
  dialog = anv_backup_dialog_new_restore (anv_application_get_main_window (self), context, path);
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
                                         anv_application_get_main_window (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Choose"),
                                         _("_Cancel"));
  anv_application_add_database_filters (GTK_FILE_CHOOSER (chooser));
  anv_application_show_file_chooser (self, chooser, G_CALLBACK (restore_chosen_cb));
}

static void
audit_log_activated_cb (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  AnvApplication *self = ANV_APPLICATION (user_data);
  AnvContext *context = get_context (self);
  GtkWidget *dialog;

  if (context == NULL)
    return;
  dialog = anv_audit_dialog_new (anv_application_get_main_window (self), context);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Connected: the window moves to the server's database, and the next
 * start opens it too (unless --database or ANVISA_DATABASE say otherwise) */
static void
connected_cb (AnvConnectDialog *dialog,
              AnvDb            *db,
              const char       *conninfo,
              AnvApplication   *self)
{
  g_autofree char *problem = g_strdup (anv_connect_dialog_get_keyring_problem (dialog));
  GtkWindow *window;

  if (self->settings != NULL)
    g_settings_set_string (self->settings, "database", conninfo);
  anv_application_switch_database (self, db);

  window = anv_application_get_main_window (self);
  if (problem != NULL && window != NULL)
    anv_window_show_error (ANV_WINDOW (window), problem);
}

static void
connect_activated_cb (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  AnvApplication *self = ANV_APPLICATION (user_data);
  GtkWidget *dialog;

  dialog = anv_connect_dialog_new (anv_application_get_main_window (self));
  /* On a server: that server's fields, to change one of them or to log in
   * as someone else (the connection string's password is not shown) */
  if (self->db != NULL && anv_db_is_server (self->db))
    anv_connect_dialog_set_conninfo (ANV_CONNECT_DIALOG (dialog), anv_db_get_path (self->db));
  g_signal_connect_object (dialog, "connected", G_CALLBACK (connected_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Back to the file on this computer: the default one */
static void
use_local_file_activated_cb (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  AnvApplication *self = ANV_APPLICATION (user_data);
  g_autoptr (GError) error = NULL;
  g_autofree char *path = anv_db_default_path ();
  g_autoptr (AnvDb) db = NULL;
  AnvContext *context = get_context (self);

  db = anv_schema_open (path, NULL, &error);
  if (db == NULL)
    {
      if (context != NULL)
        anv_context_report_error (context, error->message);
      return;
    }
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "database", "");
  anv_application_switch_database (self, db);
}

static const GActionEntry app_entries[] = {
  { "connect", connect_activated_cb },
  { "use-local-file", use_local_file_activated_cb },
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


/*
 * Internal API (anv-application-private.h)
 */

void
anv_application_add_actions (AnvApplication *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   app_entries,
                                   G_N_ELEMENTS (app_entries),
                                   self);
  add_csv_profile_action (self);
  anv_application_update_actions (self);

  for (guint i = 0; i < G_N_ELEMENTS (accelerators); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                           accelerators[i].action,
                                           accelerators[i].accels);
}

void
anv_application_show_file_chooser (AnvApplication       *self,
                                   GtkFileChooserNative *chooser,
                                   GCallback             response_cb)
{
  g_clear_object (&self->chooser);
  self->chooser = chooser;

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", response_cb, self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
anv_application_add_database_filters (GtkFileChooser *chooser)
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
char *
anv_application_take_chosen_file (AnvApplication  *self,
                                  GtkNativeDialog *chooser,
                                  int              response)
{
  g_return_val_if_fail (chooser == GTK_NATIVE_DIALOG (self->chooser), NULL);

  return anv_file_chooser_take_file (&self->chooser, response);
}
