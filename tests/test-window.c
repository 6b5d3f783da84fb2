/* test-window.c — the application and its main window, under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "TestWindow"

#include "config.h"

#include <string.h>

#include <gtk/gtk.h>

#include "anv-application.h"
#include "anv-export-dialog.h"
#include "anv-import-dialog.h"
#include "anv-map-page.h"
#include "anv-schema.h"
#include "anv-referrals.h"
#include "anv-seekers.h"
#include "anv-summary-page.h"
#include "anv-window.h"

#include "anv-gui-test-util.h"

typedef struct
{
  char  *tmpdir;
  AnvDb *db;
} Fixture;


/*
 * Helpers
 */

/* A window on the fixture's database, with a context of its own (no
 * settings), not yet shown */
static GtkWidget *
new_window (Fixture *fixture)
{
  g_autoptr (AnvContext) context = anv_context_new (fixture->db, NULL);

  return g_object_new (ANV_TYPE_WINDOW, "context", context, NULL);
}

static GtkWidget *
show_window (Fixture *fixture)
{
  GtkWidget *window;

  window = new_window (fixture);
  gtk_widget_show (window);
  /* Drawn, then what waits for the first frame (the other pages) built */
  anv_test_wait_ms (300);

  return window;
}

/* The settings (in memory, GSETTINGS_BACKEND=memory in tests/meson.build)
 * outlive a test in the same process: each test starts from the defaults,
 * whatever the one before chose. */
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
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  reset_settings ();
  fixture->db = anv_test_open_db (&fixture->tmpdir);
  g_assert_true (ANV_IS_DB (fixture->db));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  anv_test_close_db (&fixture->db, &fixture->tmpdir);
}


/*
 * The window
 */

static void
test_window_pages (Fixture       *fixture,
                   gconstpointer  user_data)
{
  const char *names[] = { "seekers", "summary", "providers" };
  const char *titles[] = { "Job Seekers", "Summary", "Providers" };
  GtkWidget *window;
  GtkWidget *titlebar;
  GtkStack *stack;

  window = show_window (fixture);

  g_assert_true (ANV_IS_WINDOW (window));
  g_assert_true (anv_window_get_db (ANV_WINDOW (window)) == fixture->db);
  g_assert_true (anv_context_get_db (anv_window_get_context (ANV_WINDOW (window))) == fixture->db);
  /* The window's title (window lists, a screen reader) names the database
   * as the header bar does */
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "anvisa.db — Anvisa");

  titlebar = gtk_window_get_titlebar (GTK_WINDOW (window));
  g_assert_true (GTK_IS_HEADER_BAR (titlebar));
  g_assert_true (GTK_IS_STACK_SWITCHER (
    gtk_header_bar_get_custom_title (GTK_HEADER_BAR (titlebar))));

  stack = GTK_STACK (anv_test_find (window, "stack"));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      GtkWidget *page = gtk_stack_get_child_by_name (stack, names[i]);
      g_autofree char *title = NULL;

      g_assert_nonnull (page);
      gtk_container_child_get (GTK_CONTAINER (stack), page, "title", &title, NULL);
      g_assert_cmpstr (title, ==, titles[i]);
    }

  /* The pages' actions reach the whole window, for their accelerators. */
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_assert_nonnull (gtk_widget_get_action_group (window, names[i]));
  g_assert_true (g_action_group_has_action (gtk_widget_get_action_group (window, "summary"),
                                            "export"));
  g_assert_true (g_action_group_has_action (gtk_widget_get_action_group (window, "seekers"),
                                            "new"));

  anv_window_show_page (ANV_WINDOW (window), "summary");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "summary");

  anv_window_show_error (ANV_WINDOW (window), "The disk is full.");
  anv_test_iterate_main_loop ();
  g_assert_true (gtk_widget_get_visible (anv_test_find (window, "info_bar")));
  g_assert_cmpstr (anv_test_label_text (window, "info_label"), ==, "The disk is full.");

  /* What a page reports through the context, the window shows there too */
  gtk_widget_hide (anv_test_find (window, "info_bar"));
  anv_context_report_error (anv_window_get_context (ANV_WINDOW (window)),
                            "The list of job seekers could not be read.");
  anv_test_iterate_main_loop ();
  g_assert_true (gtk_widget_get_visible (anv_test_find (window, "info_bar")));
  g_assert_cmpstr (anv_test_label_text (window, "info_label"), ==,
                   "The list of job seekers could not be read.");

  gtk_widget_destroy (window);
  anv_test_iterate_main_loop ();
}

static void
test_window_menu (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr (GPtrArray) actions = g_ptr_array_new_with_free_func (g_free);
  GtkWidget *window;
  GMenuModel *menu;

  window = show_window (fixture);

  menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (anv_test_find (window,
                                                                         "primary_menu_button")));
  g_assert_nonnull (menu);

  for (int section = 0; section < g_menu_model_get_n_items (menu); section++)
    {
      g_autoptr (GMenuModel) items = NULL;

      items = g_menu_model_get_item_link (menu, section, G_MENU_LINK_SECTION);
      for (int i = 0; i < g_menu_model_get_n_items (items); i++)
        {
          char *action = NULL;

          g_menu_model_get_item_attribute (items, i, G_MENU_ATTRIBUTE_ACTION, "s", &action);
          g_ptr_array_add (actions, action);
        }
    }

  g_ptr_array_add (actions, NULL);
  g_assert_cmpstrv ((char **) actions->pdata,
                    ((const char *[]) { "app.import", "app.export", "app.load-demo",
                                        "app.backup", "app.restore", "app.audit-log",
                                        "app.connect", "app.use-local-file",
                                        "app.csv-profile", "app.csv-profile",
                                        "win.show-help-overlay", "app.about", "app.quit",
                                        NULL }));

  gtk_widget_destroy (window);
  anv_test_iterate_main_loop ();
}

/* The menu's popover and the shortcuts window are built after the first
 * frame; asked for before, they come at once. */
static void
test_window_on_demand (Fixture       *fixture,
                       gconstpointer  user_data)
{
  GtkWidget *window = new_window (fixture);
  GtkMenuButton *menu_button = GTK_MENU_BUTTON (anv_test_find (window, "primary_menu_button"));
  GtkWidget *overlay;

  gtk_widget_show (window);
  g_assert_null (gtk_menu_button_get_menu_model (menu_button));
  g_assert_null (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));

  /* The first click opens the menu */
  gtk_button_clicked (GTK_BUTTON (menu_button));
  g_assert_nonnull (gtk_menu_button_get_menu_model (menu_button));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (menu_button)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gtk_menu_button_get_popover (menu_button))));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (menu_button), FALSE);

  /* F10's action opens it, and closes it again */
  g_action_group_activate_action (G_ACTION_GROUP (window), "show-primary-menu", NULL);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (menu_button)));
  g_action_group_activate_action (G_ACTION_GROUP (window), "show-primary-menu", NULL);
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (menu_button)));

  /* Ctrl+? shows the shortcuts */
  g_action_group_activate_action (G_ACTION_GROUP (window), "show-help-overlay", NULL);
  overlay = GTK_WIDGET (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  g_assert_true (gtk_widget_get_visible (overlay));
  g_assert_true (GTK_WIDGET (anv_window_get_help_overlay (ANV_WINDOW (window))) == overlay);

  gtk_widget_destroy (window);
  anv_test_iterate_main_loop ();
}

static void
changed_cb (AnvContext *context,
            gboolean   *changed)
{
  *changed = TRUE;
}

static gboolean
is_set (gpointer user_data)
{
  return *(gboolean *) user_data;
}

/* Another process commits: the window notices within two seconds, with
 * nothing done in the window, and tells its pages through the context. */
static void
test_window_live (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr (AnvSeeker) seeker = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GDate) today = g_date_new_dmy (22, G_DATE_NOVEMBER, 2026);
  g_autoptr (AnvDb) other = anv_schema_open (anv_db_get_path (fixture->db), "someone", &error);
  const AnvSeekerInput input = {
    /* One of Skatteverket's published test numbers */
    .personnummer = "19850101-2382",
    .name = "Test Testsson",
    .municipality_code = "0180",
  };
  gboolean changed = FALSE;
  AnvContext *context;
  GtkWidget *window;

  g_assert_no_error (error);
  window = show_window (fixture);
  context = anv_window_get_context (ANV_WINDOW (window));
  g_signal_connect (context, "changed", G_CALLBACK (changed_cb), &changed);

  seeker = anv_seekers_add (other, &input, today, &error);
  g_assert_no_error (error);

  anv_test_wait_until (is_set, &changed, 20000);
  g_assert_true (changed);

  g_signal_handlers_disconnect_by_func (context, changed_cb, &changed);
  gtk_widget_destroy (window);
  anv_test_iterate_main_loop ();
}

static void
test_window_swedish (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autofree char *mo = NULL;
  GtkWidget *window;

  mo = g_build_filename (anv_test_get_localedir (), "sv", "LC_MESSAGES", GETTEXT_PACKAGE ".mo",
                         NULL);
  if (!g_file_test (mo, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("The Swedish translation is not built");
      return;
    }

  /* gettext keeps what it has looked up: switch the language in a fresh
   * process, before the first translated string. */
  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  g_setenv ("LANGUAGE", "sv", TRUE);

  window = show_window (fixture);

  /* The name is the same in Swedish; everything around it is not. */
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "anvisa.db — Anvisa");

  {
    GtkStack *stack = GTK_STACK (anv_test_find (window, "stack"));
    g_autofree char *title = NULL;

    gtk_container_child_get (GTK_CONTAINER (stack),
                             gtk_stack_get_child_by_name (stack, "seekers"),
                             "title", &title, NULL);
    g_assert_cmpstr (title, ==, "Arbetssökande");
  }

  /* In Swedish, whose words are the longer, the window still fits a
   * 1280-pixel screen (an office laptop has 1366). */
  {
    int minimum = 0;

    gtk_widget_get_preferred_width (window, &minimum, NULL);
    g_test_message ("narrowest window: %d px", minimum);
    g_assert_cmpint (minimum, <=, 1280);
  }

  gtk_widget_destroy (window);
  anv_test_iterate_main_loop ();
}


/*
 * The application
 */

static void
test_application_version (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr (AnvApplication) app = anv_application_new ();
      char *argv[] = { (char *) "anvisa", (char *) "--version", NULL };

      g_assert_cmpint (g_application_run (G_APPLICATION (app), 2, argv), ==, 0);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("anvisa " PACKAGE_VERSION "\n");
}

static gboolean
check_window_cb (gpointer user_data)
{
  GtkApplication *app = user_data;
  GList *windows = gtk_application_get_windows (app);

  g_assert_cmpuint (g_list_length (windows), ==, 1);
  g_assert_true (ANV_IS_WINDOW (windows->data));
  g_assert_true (anv_window_get_db (windows->data) ==
                 anv_application_get_db (ANV_APPLICATION (app)));
  /* The schema compiled in the build tree (tests/meson.build) */
  g_assert_nonnull (anv_context_get_settings (anv_window_get_context (windows->data)));

  /* The shortcuts window (ui/help-overlay.ui), built when asked for */
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (windows->data), "show-help-overlay"));
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (anv_window_get_help_overlay (windows->data)));
  g_assert_true (gtk_application_window_get_help_overlay (windows->data) ==
                 anv_window_get_help_overlay (windows->data));

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);

  return G_SOURCE_REMOVE;
}

static void
test_application_activate (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr (AnvApplication) app = NULL;
  char *argv[] = { (char *) "anvisa", NULL };

  app = g_object_new (ANV_TYPE_APPLICATION,
                      "application-id", APP_ID,
                      "flags", G_APPLICATION_NON_UNIQUE,
                      "db", fixture->db,
                      NULL);

  g_idle_add (check_window_cb, app);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 1, argv), ==, 0);
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
}

/* What the test of the first frame has seen */
typedef struct
{
  GtkApplication *app;
  gboolean        drawn;
  gboolean        finished;
} FirstFrame;

/* Once the window has drawn: the menu, the other pages, the shortcuts
 * window and the icon are there. */
static gboolean
check_after_first_frame_cb (gpointer user_data)
{
  FirstFrame *seen = user_data;
  GtkWidget *window = GTK_WIDGET (gtk_application_get_active_window (seen->app));
  GtkStack *stack = GTK_STACK (anv_test_find (window, "stack"));
  GtkMenuButton *menu_button = GTK_MENU_BUTTON (anv_test_find (window, "primary_menu_button"));
  const char *names[] = { "seekers", "summary", "providers", "map" };

  g_assert_nonnull (gtk_menu_button_get_menu_model (menu_button));
  g_assert_nonnull (gtk_menu_button_get_popover (menu_button));
  g_assert_nonnull (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  g_assert_cmpstr (gtk_window_get_default_icon_name (), ==, APP_ID);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      GtkWidget *slot = gtk_stack_get_child_by_name (stack, names[i]);
      g_autoptr (GList) children = gtk_container_get_children (GTK_CONTAINER (slot));

      g_assert_nonnull (children);
    }

  seen->finished = TRUE;
  g_action_group_activate_action (G_ACTION_GROUP (seen->app), "quit", NULL);
  return G_SOURCE_REMOVE;
}

/* At the first frame: not the menu's popover, the other pages, the
 * shortcuts window or the icon, and nothing read that needs librsvg. */
static gboolean
first_draw_cb (GtkWidget  *window,
               cairo_t    *cr,
               FirstFrame *seen)
{
  GtkStack *stack = GTK_STACK (anv_test_find (window, "stack"));
  GtkMenuButton *menu_button = GTK_MENU_BUTTON (anv_test_find (window, "primary_menu_button"));
  GtkWidget *map_slot = gtk_stack_get_child_by_name (stack, "map");
  g_autoptr (GList) children = gtk_container_get_children (GTK_CONTAINER (map_slot));
  g_autofree char *maps = NULL;

  g_signal_handlers_disconnect_by_func (window, first_draw_cb, seen);

  g_assert_null (gtk_menu_button_get_menu_model (menu_button));
  g_assert_null (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  g_assert_null (gtk_window_get_default_icon_name ());
  g_assert_null (children);

  /* Where the theme has the window's icons as pictures (PNG), nothing
   * of the first frame is a drawing (SVG) that needs librsvg. */
  g_assert_true (g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL));
  if (strstr (maps, "librsvg") != NULL)
    {
      g_autoptr (GtkIconInfo) info = NULL;

      info = gtk_icon_theme_lookup_icon (gtk_icon_theme_get_default (),
                                         "window-close-symbolic", 16, 0);
      if (info == NULL || !g_str_has_suffix (gtk_icon_info_get_filename (info), ".svg"))
        g_error ("The first frame loaded librsvg, for nothing it shows");
      g_test_message ("The icon theme draws the window's buttons from SVG");
    }

  /* After the window's own low-priority work */
  g_idle_add_full (G_PRIORITY_LOW + 1, check_after_first_frame_cb, seen, NULL);
  seen->drawn = TRUE;
  return FALSE;
}

static void
window_added_cb (GtkApplication *app,
                 GtkWindow      *window,
                 FirstFrame     *seen)
{
  g_signal_connect_after (window, "draw", G_CALLBACK (first_draw_cb), seen);
}

static void
test_application_first_frame (Fixture       *fixture,
                              gconstpointer  user_data)
{
  if (g_test_subprocess ())
    {
      g_autoptr (AnvApplication) app = NULL;
      char *argv[] = { (char *) "anvisa", NULL };
      FirstFrame seen = { NULL, FALSE, FALSE };

      app = g_object_new (ANV_TYPE_APPLICATION,
                          "application-id", APP_ID,
                          "flags", G_APPLICATION_NON_UNIQUE,
                          "db", fixture->db,
                          NULL);
      seen.app = GTK_APPLICATION (app);
      g_signal_connect (app, "window-added", G_CALLBACK (window_added_cb), &seen);
      g_assert_cmpint (g_application_run (G_APPLICATION (app), 1, argv), ==, 0);
      g_assert_true (seen.drawn && seen.finished);
      return;
    }

  /* A process of its own: a fresh icon cache and default icon */
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static gboolean
check_error_dialog_cb (gpointer user_data)
{
  GtkApplication *app = user_data;
  GList *windows = gtk_application_get_windows (app);

  /* No window, only the message; closing it ends the application. */
  g_assert_cmpuint (g_list_length (windows), ==, 1);
  g_assert_true (GTK_IS_MESSAGE_DIALOG (windows->data));
  g_assert_null (anv_application_get_db (ANV_APPLICATION (app)));

  gtk_dialog_response (GTK_DIALOG (windows->data), GTK_RESPONSE_CLOSE);

  return G_SOURCE_REMOVE;
}

static void
test_application_open_error (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autoptr (AnvApplication) app = NULL;
  char *argv[] = { (char *) "anvisa", (char *) "--database", fixture->tmpdir, NULL };

  /* A folder cannot be opened as a database. */
  app = anv_application_new ();

  g_idle_add (check_error_dialog_cb, app);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 3, argv), ==, 0);
}

typedef struct
{
  guint           key;
  GdkModifierType mods;
  gboolean        found;
} Shortcut;

static void
find_shortcut (GtkWidget *widget,
               gpointer   user_data)
{
  Shortcut *wanted = user_data;

  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      g_autofree char *accelerator = NULL;
      g_auto (GStrv) each = NULL;

      g_object_get (widget, "accelerator", &accelerator, NULL);
      each = g_strsplit (accelerator ? accelerator : "", " ", -1);
      for (guint i = 0; each[i] != NULL; i++)
        {
          guint key;
          GdkModifierType mods;

          gtk_accelerator_parse (each[i], &key, &mods);
          if (key == wanted->key && mods == wanted->mods)
            wanted->found = TRUE;
        }
    }
  if (GTK_IS_CONTAINER (widget))
    gtk_container_forall (GTK_CONTAINER (widget), find_shortcut, wanted);
}

/* Every accelerator the application sets is in the shortcuts window. */
static void
assert_shortcuts_listed (GtkApplication *app)
{
  g_auto (GStrv) actions = gtk_application_list_action_descriptions (app);
  GtkWindow *window = gtk_application_get_active_window (app);
  GtkShortcutsWindow *overlay = anv_window_get_help_overlay (ANV_WINDOW (window));
  guint n_accels = 0;

  g_assert_nonnull (overlay);
  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_auto (GStrv) accels = gtk_application_get_accels_for_action (app, actions[i]);

      for (guint j = 0; accels[j] != NULL; j++)
        {
          Shortcut wanted = { 0, 0, FALSE };

          gtk_accelerator_parse (accels[j], &wanted.key, &wanted.mods);
          find_shortcut (GTK_WIDGET (overlay), &wanted);
          if (!wanted.found)
            g_error ("%s (%s) is not in the shortcuts window", accels[j], actions[i]);
          n_accels++;
        }
    }
  g_assert_cmpuint (n_accels, >=, 10);
}

/* The actions and accelerators of the application, set in one place. */
static gboolean
check_actions_cb (gpointer user_data)
{
  GtkApplication *app = user_data;
  GActionGroup *group = G_ACTION_GROUP (app);
  g_autoptr (GVariant) profile = NULL;
  static const struct
  {
    const char *action;
    const char *accel;
  } accels[] = {
    { "app.quit", "<Primary>q" },
    { "app.import", "<Primary>i" },
    { "win.show-help-overlay", "<Primary>question" },
    { "seekers.new", "<Primary>n" },
    { "seekers.find", "<Primary>f" },
    { "seekers.refer", "<Primary>r" },
    { "summary.export", "<Primary>e" },
    { "providers.new", "<Shift><Primary>n" },
    { "app.show-page::providers", "<Alt>3" },
  };
  GtkWindow *window;

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    {
      g_auto (GStrv) set = gtk_application_get_accels_for_action (app, accels[i].action);
      guint key, expected_key;
      GdkModifierType mods, expected_mods;

      g_assert_nonnull (set);
      g_assert_nonnull (set[0]);
      gtk_accelerator_parse (set[0], &key, &mods);
      gtk_accelerator_parse (accels[i].accel, &expected_key, &expected_mods);
      g_assert_cmpuint (key, ==, expected_key);
      g_assert_cmpuint (mods, ==, expected_mods);
    }

  /* An empty database: demo data may be loaded; import and export work. */
  g_assert_true (g_action_group_get_action_enabled (group, "load-demo"));
  g_assert_true (g_action_group_get_action_enabled (group, "import"));
  g_assert_true (g_action_group_get_action_enabled (group, "export"));

  /* Once it holds someone, no more demo data */
  {
    g_autoptr (AnvSeeker) seeker = NULL;
    g_autoptr (GError) error = NULL;
    g_autoptr (GDate) today = g_date_new_dmy (22, G_DATE_NOVEMBER, 2026);
    const AnvSeekerInput input = {
      /* One of Skatteverket's published test numbers */
      .personnummer = "19850101-2382",
      .name = "Test Testsson",
      .municipality_code = "0180",
    };

    seeker = anv_seekers_add (anv_application_get_db (ANV_APPLICATION (app)), &input, today,
                              &error);
    g_assert_no_error (error);
    g_assert_false (g_action_group_get_action_enabled (group, "load-demo"));
  }

  /* The CSV format is a radio choice in the menu */
  profile = g_action_group_get_action_state (group, "csv-profile");
  g_assert_cmpstr (g_variant_get_string (profile, NULL), ==, "excel-sv");
  g_action_group_activate_action (group, "csv-profile", g_variant_new_string ("rfc4180"));
  g_clear_pointer (&profile, g_variant_unref);
  profile = g_action_group_get_action_state (group, "csv-profile");
  g_assert_cmpstr (g_variant_get_string (profile, NULL), ==, "rfc4180");

  /* … which is what the window's context, and so the export, reads */
  window = gtk_application_get_active_window (app);
  g_assert_cmpint (anv_context_get_csv_profile (anv_window_get_context (ANV_WINDOW (window))),
                   ==, ANV_CSV_PROFILE_RFC4180);

  /* Alt+3 shows the providers page, wherever the focus is */
  g_action_group_activate_action (group, "show-page", g_variant_new_string ("providers"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (anv_test_find (GTK_WIDGET (window),
                                                                               "stack"))),
                   ==, "providers");

  assert_shortcuts_listed (app);

  g_action_group_activate_action (group, "quit", NULL);

  return G_SOURCE_REMOVE;
}

static void
test_application_actions (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr (AnvApplication) app = NULL;
  char *argv[] = { (char *) "anvisa", NULL };

  app = g_object_new (ANV_TYPE_APPLICATION,
                      "application-id", APP_ID,
                      "flags", G_APPLICATION_NON_UNIQUE,
                      "db", fixture->db,
                      NULL);

  g_idle_add (check_actions_cb, app);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 1, argv), ==, 0);
}

static gboolean
check_csv_profile_in_memory_cb (gpointer user_data)
{
  GtkApplication *app = user_data;
  GActionGroup *group = G_ACTION_GROUP (app);
  GtkWindow *window = gtk_application_get_active_window (app);
  AnvContext *context = anv_window_get_context (ANV_WINDOW (window));

  g_assert_null (anv_context_get_settings (context));
  g_assert_cmpint (anv_context_get_csv_profile (context), ==, ANV_CSV_PROFILE_EXCEL_SV);

  g_action_group_activate_action (group, "csv-profile", g_variant_new_string ("rfc4180"));
  g_assert_cmpint (anv_context_get_csv_profile (context), ==, ANV_CSV_PROFILE_RFC4180);
  g_action_group_activate_action (group, "csv-profile", g_variant_new_string ("excel-sv"));
  g_assert_cmpint (anv_context_get_csv_profile (context), ==, ANV_CSV_PROFILE_EXCEL_SV);

  g_action_group_activate_action (group, "quit", NULL);
  return G_SOURCE_REMOVE;
}

/* Without the schema (run from the build tree by hand), the CSV format
 * chosen in the menu lasts as long as the process, in the context. */
static void
test_application_csv_profile_in_memory (Fixture       *fixture,
                                        gconstpointer  user_data)
{
  if (g_test_subprocess ())
    {
      g_autoptr (AnvApplication) app = NULL;
      char *argv[] = { (char *) "anvisa", NULL };

      app = g_object_new (ANV_TYPE_APPLICATION,
                          "application-id", APP_ID,
                          "flags", G_APPLICATION_NON_UNIQUE,
                          "db", fixture->db,
                          NULL);
      g_idle_add (check_csv_profile_in_memory_cb, app);
      g_assert_cmpint (g_application_run (G_APPLICATION (app), 1, argv), ==, 0);
      return;
    }

  /* A process of its own, where the schema is not found */
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

typedef struct
{
  Fixture        *fixture;
  AnvApplication *app;
} OpenErrorData;

static const char *
get_secondary_text (GtkWidget *dialog)
{
  GtkWidget *area = gtk_message_dialog_get_message_area (GTK_MESSAGE_DIALOG (dialog));
  g_autoptr (GList) labels = gtk_container_get_children (GTK_CONTAINER (area));

  /* The primary text, then the secondary */
  g_assert_cmpuint (g_list_length (labels), ==, 2);
  return gtk_label_get_text (GTK_LABEL (g_list_nth_data (labels, 1)));
}

static gboolean
check_open_error_choices_cb (gpointer user_data)
{
  OpenErrorData *data = user_data;
  GtkApplication *app = GTK_APPLICATION (data->app);
  g_autofree char *primary = NULL;
  g_autofree char *good = NULL;
  GtkWidget *dialog, *choose, *quit;
  GList *windows;

  /* A text file is not an Anvisa database: a message, no window, no crash */
  windows = gtk_application_get_windows (app);
  g_assert_cmpuint (g_list_length (windows), ==, 1);
  dialog = windows->data;
  g_assert_true (GTK_IS_MESSAGE_DIALOG (dialog));
  g_assert_true (dialog == anv_application_get_open_error (data->app));
  g_assert_null (anv_application_get_db (data->app));

  g_object_get (dialog, "text", &primary, NULL);
  g_assert_cmpstr (primary, ==, "This file is not an Anvisa database");
  g_assert_nonnull (strstr (get_secondary_text (dialog), "is not an Anvisa database"));

  /* Two ways out */
  choose = gtk_dialog_get_widget_for_response (GTK_DIALOG (dialog), 1);
  quit = gtk_dialog_get_widget_for_response (GTK_DIALOG (dialog), GTK_RESPONSE_CLOSE);
  g_assert_nonnull (choose);
  g_assert_nonnull (quit);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (choose)), ==, "_Choose Another File…");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (quit)), ==, "_Quit");

  /* Another bad choice: the message says why, and stays */
  anv_application_open_chosen_database (data->app, data->fixture->tmpdir);
  g_assert_true (anv_application_get_open_error (data->app) == dialog);
  g_assert_nonnull (strstr (get_secondary_text (dialog), data->fixture->tmpdir));
  g_assert_null (anv_application_get_db (data->app));

  /* A good one: the window, and the message is gone */
  good = g_build_filename (data->fixture->tmpdir, "other.db", NULL);
  anv_application_open_chosen_database (data->app, good);
  g_assert_nonnull (anv_application_get_db (data->app));
  g_assert_null (anv_application_get_open_error (data->app));
  windows = gtk_application_get_windows (app);
  g_assert_cmpuint (g_list_length (windows), ==, 1);
  g_assert_true (ANV_IS_WINDOW (windows->data));

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);

  return G_SOURCE_REMOVE;
}

static void
test_application_open_error_choices (Fixture       *fixture,
                                     gconstpointer  user_data)
{
  g_autoptr (AnvApplication) app = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text_file = g_build_filename (fixture->tmpdir, "notes.txt", NULL);
  char *argv[] = { (char *) "anvisa", (char *) "--database", text_file, NULL };
  OpenErrorData data = { fixture, NULL };

  g_file_set_contents (text_file, "Not a database, just some notes.\n", -1, &error);
  g_assert_no_error (error);

  app = anv_application_new ();
  data.app = app;

  g_idle_add (check_open_error_choices_cb, &data);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 3, argv), ==, 0);
}

static gboolean
quit_from_open_error_cb (gpointer user_data)
{
  AnvApplication *app = user_data;
  GtkWidget *dialog = anv_application_get_open_error (app);

  g_assert_nonnull (dialog);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CLOSE);

  return G_SOURCE_REMOVE;
}

/* "Quit" in the message ends the program cleanly. */
static void
test_application_open_error_quit (Fixture       *fixture,
                                  gconstpointer  user_data)
{
  g_autoptr (AnvApplication) app = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text_file = g_build_filename (fixture->tmpdir, "notes.txt", NULL);
  char *argv[] = { (char *) "anvisa", (char *) "--database", text_file, NULL };

  g_file_set_contents (text_file, "id;name\n1;Test\n", -1, &error);
  g_assert_no_error (error);

  app = anv_application_new ();
  g_idle_add (quit_from_open_error_cb, app);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 3, argv), ==, 0);
  g_assert_null (anv_application_get_open_error (app));
}

/* Export…: the choice of what, the warning for personal data, masked
 * personnummer unless asked, written in a thread. */
static void
test_application_export (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr (AnvSeeker) seeker = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GDate) today = g_date_new_dmy (22, G_DATE_NOVEMBER, 2026);
  g_autofree char *path = g_build_filename (fixture->tmpdir, "seekers.csv", NULL);
  g_autofree char *contents = NULL;
  g_autoptr (AnvContext) context = anv_context_new (fixture->db, NULL);
  const AnvSeekerInput input = {
    /* One of Skatteverket's published test numbers */
    .personnummer = "19850101-2382",
    .name = "Test Testsson",
    .municipality_code = "0180",
  };
  GtkWidget *dialog;

  seeker = anv_seekers_add (fixture->db, &input, today, &error);
  g_assert_no_error (error);

  dialog = anv_export_dialog_new (NULL, context, ANV_CSV_PROFILE_EXCEL_SV);
  gtk_widget_show (dialog);
  anv_test_iterate_main_loop ();

  /* The summary by default: nothing personal, no warning */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (anv_test_find (dialog, "stack"))),
                   ==, "export");
  g_assert_true (gtk_toggle_button_get_active (
    GTK_TOGGLE_BUTTON (anv_test_find (dialog, "summary_radio"))));
  g_assert_false (gtk_widget_get_sensitive (anv_test_find (dialog, "full_check")));
  g_assert_false (gtk_widget_get_visible (anv_test_find (dialog, "warning_box")));

  /* A month that is not one: no export */
  gtk_entry_set_text (GTK_ENTRY (anv_test_find (dialog, "from_entry")), "2020-13");
  anv_test_iterate_main_loop ();
  g_assert_false (gtk_widget_get_sensitive (anv_test_find (dialog, "export_button")));
  gtk_entry_set_text (GTK_ENTRY (anv_test_find (dialog, "from_entry")), "2020-01");
  anv_test_iterate_main_loop ();
  g_assert_true (gtk_widget_get_sensitive (anv_test_find (dialog, "export_button")));

  /* Job seekers: personal data, said so */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (anv_test_find (dialog, "seekers_radio")), TRUE);
  anv_test_iterate_main_loop ();
  g_assert_true (gtk_widget_get_visible (anv_test_find (dialog, "warning_box")));
  g_assert_true (gtk_widget_get_sensitive (anv_test_find (dialog, "full_check")));
  g_assert_nonnull (strstr (anv_test_label_text (dialog, "warning_label"), "masked"));

  anv_export_dialog_export_to (ANV_EXPORT_DIALOG (dialog), path);
  while (anv_export_dialog_get_running (ANV_EXPORT_DIALOG (dialog)))
    gtk_main_iteration ();
  anv_test_iterate_main_loop ();

  g_assert_true (anv_export_dialog_get_succeeded (ANV_EXPORT_DIALOG (dialog)));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (anv_test_find (dialog, "result_label"))),
                   ==, "Wrote 1 row to seekers.csv.");

  /* Excel in Swedish, masked */
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (contents, "\xEF\xBB\xBF"));
  g_assert_nonnull (strstr (contents, "19850101-****"));
  g_assert_null (strstr (contents, "2382"));

  gtk_widget_destroy (dialog);
  anv_test_iterate_main_loop ();
}

/* The referral export leaves out people with protected identity, and the
 * dialog says how many and that the summary counts them. */
static void
test_application_export_protected (Fixture       *fixture,
                                   gconstpointer  user_data)
{
  static const char *const numbers[] = { "198501012382", "198501022381" };
  g_autoptr (GError) error = NULL;
  g_autoptr (GDate) today = g_date_new_dmy (22, G_DATE_NOVEMBER, 2026);
  g_autoptr (GDate) decided = g_date_new_dmy (4, G_DATE_MAY, 2020);
  g_autofree char *path = g_build_filename (fixture->tmpdir, "referrals.csv", NULL);
  g_autoptr (AnvContext) context = anv_context_new (fixture->db, NULL);
  GtkWidget *dialog;

  anv_test_approve_krom_provider (fixture->db);
  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      AnvSeekerInput seeker_input = { numbers[i], i == 0 ? "Test Testsson" : "Hemlig Person",
                                      "2480", NULL, i == 1 };
      AnvReferralInput input = { 0 };
      g_autoptr (AnvSeeker) seeker = anv_seekers_add (fixture->db, &seeker_input, today,
                                                      &error);
      g_autoptr (AnvReferral) referral = NULL;

      g_assert_no_error (error);
      input.personnummer = numbers[i];
      input.service = ANV_SERVICE_KROM;
      input.provider_orgnr = "2021002114";
      input.level = "B";
      input.choice = ANV_CHOICE_OWN;
      input.decided_on = decided;
      referral = anv_referrals_decide (fixture->db, &input, today, &error);
      g_assert_no_error (error);
    }

  dialog = anv_export_dialog_new (NULL, context, ANV_CSV_PROFILE_EXCEL_SV);
  gtk_widget_show (dialog);
  anv_test_iterate_main_loop ();
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (anv_test_find (dialog, "referrals_radio")),
                                TRUE);
  anv_test_iterate_main_loop ();
  anv_export_dialog_export_to (ANV_EXPORT_DIALOG (dialog), path);
  while (anv_export_dialog_get_running (ANV_EXPORT_DIALOG (dialog)))
    gtk_main_iteration ();
  anv_test_iterate_main_loop ();

  g_assert_true (anv_export_dialog_get_succeeded (ANV_EXPORT_DIALOG (dialog)));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (anv_test_find (dialog, "result_label"))),
                   ==, "Wrote 1 row to referrals.csv. 1 referral of a person with protected "
                   "identity was left out; the summary counts it, so its totals are higher.");

  gtk_widget_destroy (dialog);
  anv_test_iterate_main_loop ();
}

/* Ctrl+F (seekers.find) from any page goes to the job seekers' search
 * field, shown: never to a hidden one, where typed text would vanish. */
static void
test_window_find_from_other_page (Fixture       *fixture,
                                  gconstpointer  user_data)
{
  const char *others[] = { "summary", "providers", "map" };
  GtkWidget *window = anv_test_open_window (fixture->db);
  GtkWidget *search = anv_test_find (window, "search_entry");
  GtkStack *stack = GTK_STACK (anv_test_find (window, "stack"));

  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    {
      anv_window_show_page (ANV_WINDOW (window), others[i]);
      anv_test_wait_ms (300);
      gtk_entry_set_text (GTK_ENTRY (search), "");
      g_action_group_activate_action (gtk_widget_get_action_group (window, "seekers"), "find",
                                      NULL);
      anv_test_iterate_main_loop ();

      g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "seekers");
      g_assert_true (gtk_window_get_focus (GTK_WINDOW (window)) == search);
      g_assert_true (gtk_widget_get_mapped (search));

      /* What is typed then lands in the field the officer sees */
      anv_test_send_key (window, GDK_KEY_A, 0);
      g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (search)), ==, "A");
    }

  gtk_widget_destroy (window);
  anv_test_iterate_main_loop ();
}

/* A message shown as the window opens (a read-only database, say) does not
 * take the focus: the page's first field has it, so typing searches. */
static void
test_window_first_focus (Fixture       *fixture,
                         gconstpointer  user_data)
{
  GtkWidget *window = new_window (fixture);
  GtkWidget *search = anv_test_find (window, "search_entry");

  anv_window_show_error (ANV_WINDOW (window), "The database can only be read.");
  gtk_widget_show (window);
  anv_test_iterate_main_loop ();

  g_assert_true (gtk_widget_get_visible (anv_test_find (window, "info_bar")));
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (window)) == search);
  anv_test_send_key (window, GDK_KEY_B, 0);
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (search)), ==, "B");

  gtk_widget_destroy (window);
  anv_test_iterate_main_loop ();
}

static gboolean
check_demo_cb (gpointer user_data)
{
  GtkApplication *app = user_data;
  GtkWindow *window = gtk_application_get_active_window (app);
  GtkWidget *dialog = NULL, *summary, *map;
  AnvSummaryQuery query;

  anv_window_show_page (ANV_WINDOW (window), "seekers");
  anv_test_wait_ms (300);
  g_action_group_activate_action (G_ACTION_GROUP (app), "load-demo", NULL);
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "load-demo"));
  {
    g_autoptr (GList) toplevels = gtk_window_list_toplevels ();

    for (GList *l = toplevels; l != NULL; l = l->next)
      if (ANV_IS_IMPORT_DIALOG (l->data))
        dialog = l->data;
  }
  g_assert_nonnull (dialog);
  while (anv_import_dialog_get_running (ANV_IMPORT_DIALOG (dialog)))
    gtk_main_iteration ();
  g_assert_true (anv_import_dialog_get_succeeded (ANV_IMPORT_DIALOG (dialog)));
  gtk_widget_destroy (dialog);
  anv_test_iterate_main_loop ();

  /* "Try the summary for April 2020: 33 referrals to Rusta och matcha" */
  summary = anv_window_get_page (ANV_WINDOW (window), "summary");
  map = anv_window_get_page (ANV_WINDOW (window), "map");
  g_assert_nonnull (summary);
  g_assert_true (gtk_widget_get_mapped (summary));
  anv_summary_page_get_query (ANV_SUMMARY_PAGE (summary), &query);
  g_assert_cmpstr (query.from_month, ==, "2020-04");
  g_assert_cmpint (query.service, ==, ANV_SERVICE_KROM);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (anv_test_find (summary,
                                                                          "subject_label"))),
                            ": 33 referred"));
  g_assert_nonnull (map);
  g_assert_cmpstr (anv_map_page_get_month (ANV_MAP_PAGE (map)), ==, "2020-04");

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  return G_SOURCE_REMOVE;
}

/* After "Load demo data", the window goes where the dialog's message
 * says. */
static void
test_application_demo (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr (AnvApplication) app = NULL;
  char *argv[] = { (char *) "anvisa", NULL };

  app = g_object_new (ANV_TYPE_APPLICATION,
                      "application-id", APP_ID,
                      "flags", G_APPLICATION_NON_UNIQUE,
                      "db", fixture->db,
                      NULL);

  g_timeout_add (500, check_demo_cb, app);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 1, argv), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  /* The subprocess of /application/csv-profile-in-memory runs without the
   * schema: GSettings finds its schemas once, at first use. */
  for (int i = 1; i < argc; i++)
    if (g_strcmp0 (argv[i], "--GTestSubprocess") == 0 && i > 1
        && g_strcmp0 (argv[i - 1], "/application/csv-profile-in-memory") == 0)
      g_unsetenv ("GSETTINGS_SCHEMA_DIR");

  if (!anv_test_init_gui (&argc, &argv, "/window/no-display"))
    return g_test_run ();

  g_test_add ("/window/pages", Fixture, NULL,
              fixture_set_up, test_window_pages, fixture_tear_down);
  g_test_add ("/window/menu", Fixture, NULL,
              fixture_set_up, test_window_menu, fixture_tear_down);
  g_test_add ("/window/on-demand", Fixture, NULL,
              fixture_set_up, test_window_on_demand, fixture_tear_down);
  g_test_add ("/window/live", Fixture, NULL,
              fixture_set_up, test_window_live, fixture_tear_down);
  g_test_add ("/window/swedish", Fixture, NULL,
              fixture_set_up, test_window_swedish, fixture_tear_down);
  g_test_add ("/window/first-focus", Fixture, NULL,
              fixture_set_up, test_window_first_focus, fixture_tear_down);
  g_test_add ("/window/find-from-other-page", Fixture, NULL,
              fixture_set_up, test_window_find_from_other_page, fixture_tear_down);
  g_test_add_func ("/application/version", test_application_version);
  g_test_add ("/application/activate", Fixture, NULL,
              fixture_set_up, test_application_activate, fixture_tear_down);
  g_test_add ("/application/first-frame", Fixture, NULL,
              fixture_set_up, test_application_first_frame, fixture_tear_down);
  g_test_add ("/application/open-error", Fixture, NULL,
              fixture_set_up, test_application_open_error, fixture_tear_down);
  g_test_add ("/application/export-protected", Fixture, NULL, fixture_set_up,
              test_application_export_protected, fixture_tear_down);
  g_test_add ("/application/export", Fixture, NULL,
              fixture_set_up, test_application_export, fixture_tear_down);
  g_test_add ("/application/actions", Fixture, NULL,
              fixture_set_up, test_application_actions, fixture_tear_down);
  g_test_add ("/application/csv-profile-in-memory", Fixture, NULL,
              fixture_set_up, test_application_csv_profile_in_memory, fixture_tear_down);
  g_test_add ("/application/open-error-choices", Fixture, NULL,
              fixture_set_up, test_application_open_error_choices, fixture_tear_down);
  g_test_add ("/application/open-error-quit", Fixture, NULL,
              fixture_set_up, test_application_open_error_quit, fixture_tear_down);
  g_test_add ("/application/demo", Fixture, NULL,
              fixture_set_up, test_application_demo, fixture_tear_down);

  return g_test_run ();
}
