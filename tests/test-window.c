/* test-window.c — the application and its main window, under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "TestWindow"

#include "config.h"

#include <locale.h>

#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>
#include <gtk/gtk.h>

#include "anv-application.h"
#include "anv-seekers.h"
#include "anv-window.h"

typedef struct
{
  char  *tmpdir;
  char  *path;
  AnvDb *db;
} Fixture;


/*
 * Helpers
 */

static const char *
get_localedir (void)
{
  const char *localedir = g_getenv ("ANVISA_LOCALEDIR");

  return (localedir != NULL && *localedir != '\0') ? localedir : BUILD_LOCALEDIR;
}

static void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
    }

  g_remove (path);
}

static void
iterate_main_loop (void)
{
  while (gtk_events_pending ())
    gtk_main_iteration ();
}

static void
find_by_id_cb (GtkWidget *widget,
               gpointer   user_data)
{
  gpointer *data = user_data;   /* { id, result } */

  if (data[1] != NULL)
    return;

  if (g_strcmp0 (gtk_buildable_get_name (GTK_BUILDABLE (widget)), data[0]) == 0)
    data[1] = widget;
  else if (GTK_IS_CONTAINER (widget))
    gtk_container_forall (GTK_CONTAINER (widget), find_by_id_cb, data);
}

/* A template child by its id in the .ui file. */
static GtkWidget *
find_by_id (GtkWidget  *root,
            const char *id)
{
  gpointer data[2] = { (gpointer) id, NULL };

  gtk_container_forall (GTK_CONTAINER (root), find_by_id_cb, data);
  g_assert_nonnull (data[1]);

  return data[1];
}

static const char *
get_label_text (GtkWidget  *window,
                const char *id)
{
  return gtk_label_get_text (GTK_LABEL (find_by_id (window, id)));
}

static GtkWidget *
show_window (Fixture *fixture)
{
  GtkWidget *window;

  window = g_object_new (ANV_TYPE_WINDOW, "db", fixture->db, NULL);
  gtk_widget_show (window);
  iterate_main_loop ();

  return window;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr (GError) error = NULL;

  fixture->tmpdir = g_dir_make_tmp ("anvisa-test-window-XXXXXX", &error);
  g_assert_no_error (error);

  fixture->path = g_build_filename (fixture->tmpdir, "anvisa.db", NULL);
  fixture->db = anv_db_open (fixture->path, "test", &error);
  g_assert_no_error (error);
  g_assert_true (ANV_IS_DB (fixture->db));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->db);
  remove_tree (fixture->tmpdir);
  g_clear_pointer (&fixture->path, g_free);
  g_clear_pointer (&fixture->tmpdir, g_free);
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
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Anvisa");

  titlebar = gtk_window_get_titlebar (GTK_WINDOW (window));
  g_assert_true (GTK_IS_HEADER_BAR (titlebar));
  g_assert_true (GTK_IS_STACK_SWITCHER (gtk_header_bar_get_custom_title (GTK_HEADER_BAR (titlebar))));

  stack = GTK_STACK (find_by_id (window, "stack"));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      GtkWidget *page = gtk_stack_get_child_by_name (stack, names[i]);
      g_autofree char *title = NULL;

      g_assert_nonnull (page);
      gtk_container_child_get (GTK_CONTAINER (stack), page, "title", &title, NULL);
      g_assert_cmpstr (title, ==, titles[i]);
    }

  anv_window_show_page (ANV_WINDOW (window), "summary");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "summary");

  anv_window_show_error (ANV_WINDOW (window), "The disk is full.");
  iterate_main_loop ();
  g_assert_true (gtk_widget_get_visible (find_by_id (window, "info_bar")));
  g_assert_cmpstr (get_label_text (window, "info_label"), ==, "The disk is full.");

  gtk_widget_destroy (window);
  iterate_main_loop ();
}

static void
test_window_menu (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr (GPtrArray) actions = g_ptr_array_new_with_free_func (g_free);
  GtkWidget *window;
  GMenuModel *menu;

  window = show_window (fixture);

  menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (find_by_id (window,
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
                    ((const char *[]) { "win.show-help-overlay", "app.about", "app.quit", NULL }));

  gtk_widget_destroy (window);
  iterate_main_loop ();
}

static void
changed_cb (AnvDb    *db,
            gboolean *changed)
{
  *changed = TRUE;
}

static gboolean
timeout_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Another process commits: the window notices within two seconds, with
 * nothing done in the window. */
static void
test_window_live (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr (AnvSeeker) seeker = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GDate) today = g_date_new_dmy (22, G_DATE_NOVEMBER, 2026);
  g_autoptr (AnvDb) other = anv_db_open (fixture->path, "someone", &error);
  const AnvSeekerInput input = {
    /* One of Skatteverket's published test numbers */
    .personnummer = "19850101-2382",
    .name = "Test Testsson",
    .municipality_code = "0180",
  };
  gboolean changed = FALSE, timed_out = FALSE;
  GtkWidget *window;

  g_assert_no_error (error);
  window = show_window (fixture);
  g_signal_connect (fixture->db, "changed", G_CALLBACK (changed_cb), &changed);

  seeker = anv_seekers_add (other, &input, today, &error);
  g_assert_no_error (error);

  g_timeout_add (2000, timeout_cb, &timed_out);
  while (!changed && !timed_out)
    gtk_main_iteration ();
  g_assert_true (changed);

  g_signal_handlers_disconnect_by_func (fixture->db, changed_cb, &changed);
  gtk_widget_destroy (window);
  iterate_main_loop ();
}

static void
test_window_swedish (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autofree char *mo = NULL;
  GtkWidget *window;

  mo = g_build_filename (get_localedir (), "sv", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
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
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Anvisa");

  {
    GtkStack *stack = GTK_STACK (find_by_id (window, "stack"));
    g_autofree char *title = NULL;

    gtk_container_child_get (GTK_CONTAINER (stack),
                             gtk_stack_get_child_by_name (stack, "seekers"),
                             "title", &title, NULL);
    g_assert_cmpstr (title, ==, "Arbetssökande");
  }

  gtk_widget_destroy (window);
  iterate_main_loop ();
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

  /* GtkApplication found ui/help-overlay.ui under the application's path */
  g_assert_nonnull (gtk_application_window_get_help_overlay (windows->data));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (windows->data), "show-help-overlay"));

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

static void
test_no_display (void)
{
  g_test_skip ("No display: run the GUI tests under xvfb-run");
}

int
main (int   argc,
      char *argv[])
{
  /* Translations from the build tree; textdomain() stays unset so that
   * g_dgettext() keeps translating under the test's C.UTF-8 locale. */
  bindtextdomain (GETTEXT_PACKAGE, get_localedir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_test_init (&argc, &argv, NULL);
      g_test_add_func ("/window/no-display", test_no_display);
      return g_test_run ();
    }

  /* English, whatever the environment, unless a test asks otherwise. */
  g_unsetenv ("LANGUAGE");

  gtk_test_init (&argc, &argv, NULL);

  /* gtk_test_init() sets the C locale, where gettext ignores LANGUAGE;
   * C.UTF-8 is English too, and lets the Swedish test switch. */
  setlocale (LC_ALL, "C.UTF-8");

  g_test_add ("/window/pages", Fixture, NULL,
              fixture_set_up, test_window_pages, fixture_tear_down);
  g_test_add ("/window/menu", Fixture, NULL,
              fixture_set_up, test_window_menu, fixture_tear_down);
  g_test_add ("/window/live", Fixture, NULL,
              fixture_set_up, test_window_live, fixture_tear_down);
  g_test_add ("/window/swedish", Fixture, NULL,
              fixture_set_up, test_window_swedish, fixture_tear_down);
  g_test_add_func ("/application/version", test_application_version);
  g_test_add ("/application/activate", Fixture, NULL,
              fixture_set_up, test_application_activate, fixture_tear_down);
  g_test_add ("/application/open-error", Fixture, NULL,
              fixture_set_up, test_application_open_error, fixture_tear_down);

  return g_test_run ();
}
