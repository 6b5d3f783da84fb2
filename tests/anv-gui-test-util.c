/* anv-gui-test-util.c — what the widget tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "TestGuiUtil"

#include "config.h"

#include "anv-gui-test-util.h"
#include "anv-window.h"

#include <locale.h>

#include <glib/gi18n-lib.h>

static gboolean
timeout_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
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

static void
test_no_display (void)
{
  g_test_skip ("No display: run the widget tests through tests/run-with-display.sh");
}

const char *
anv_test_get_localedir (void)
{
  const char *localedir = g_getenv ("ANVISA_LOCALEDIR");

  return (localedir != NULL && *localedir != '\0') ? localedir : BUILD_LOCALEDIR;
}

gboolean
anv_test_init_gui (int          *argc,
                   char       ***argv,
                   const char   *no_display_path)
{
  /* textdomain() stays unset so that g_dgettext() keeps translating under
   * the tests' C.UTF-8 locale. */
  bindtextdomain (GETTEXT_PACKAGE, anv_test_get_localedir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_test_init (argc, argv, NULL);
      g_test_add_func (no_display_path, test_no_display);
      return FALSE;
    }

  /* English, whatever the environment, unless a test asks otherwise. */
  g_unsetenv ("LANGUAGE");

  gtk_test_init (argc, argv, NULL);

  /* gtk_test_init() sets the C locale, where gettext ignores LANGUAGE;
   * C.UTF-8 is English too, and lets a test switch. */
  setlocale (LC_ALL, "C.UTF-8");

  return TRUE;
}

void
anv_test_iterate_main_loop (void)
{
  while (gtk_events_pending ())
    gtk_main_iteration ();
}

void
anv_test_wait_ms (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    gtk_main_iteration ();
  anv_test_iterate_main_loop ();
}

gboolean
anv_test_wait_until (AnvTestCondition done,
                     gpointer         user_data,
                     guint            timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, timeout_cb, &timed_out);

  while (!done (user_data) && !timed_out)
    gtk_main_iteration ();
  if (!timed_out)
    g_source_remove (id);

  return !timed_out;
}

GtkWidget *
anv_test_find (GtkWidget  *root,
               const char *id)
{
  gpointer data[2] = { (gpointer) id, NULL };

  gtk_container_forall (GTK_CONTAINER (root), find_by_id_cb, data);
  g_assert_nonnull (data[1]);

  return data[1];
}

const char *
anv_test_label_text (GtkWidget  *root,
                     const char *id)
{
  return gtk_label_get_text (GTK_LABEL (anv_test_find (root, id)));
}

void
anv_test_type_into (GtkWidget  *root,
                    const char *id,
                    const char *text)
{
  gtk_entry_set_text (GTK_ENTRY (anv_test_find (root, id)), text);
  anv_test_iterate_main_loop ();
}

GtkWidget *
anv_test_show_in_window (GtkWidget *child,
                         int        width,
                         int        height)
{
  GtkWidget *window = gtk_window_new (GTK_WINDOW_TOPLEVEL);

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_container_add (GTK_CONTAINER (window), child);
  gtk_widget_show (window);
  anv_test_iterate_main_loop ();

  return window;
}

GtkWidget *
anv_test_find_toplevel (GType type)
{
  g_autoptr (GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

GtkWidget *
anv_test_open_window (AnvDb *db)
{
  g_autoptr (AnvContext) context = anv_context_new (db, NULL);
  GtkWidget *window = g_object_new (ANV_TYPE_WINDOW, "context", context, "default-width", 1280,
                                    "default-height", 760, NULL);

  gtk_widget_show (window);
  anv_test_wait_ms (300);
  return window;
}

void
anv_test_press_key (GtkWidget *widget,
                    guint      keyval)
{
  GdkDisplay *display = gtk_widget_get_display (widget);
  GdkEvent *event = gdk_event_new (GDK_KEY_PRESS);
  g_autofree GdkKeymapKey *keys = NULL;
  int n_keys = 0;

  event->key.window = g_object_ref (gtk_widget_get_window (widget));
  event->key.send_event = TRUE;
  event->key.time = GDK_CURRENT_TIME;
  event->key.keyval = keyval;
  if (gdk_keymap_get_entries_for_keyval (gdk_keymap_get_for_display (display), keyval, &keys,
                                         &n_keys)
      && n_keys > 0)
    event->key.hardware_keycode = (guint16) keys[0].keycode;
  gdk_event_set_device (event, gdk_seat_get_keyboard (gdk_display_get_default_seat (display)));
  gtk_widget_event (widget, event);
  gdk_event_free (event);
  anv_test_iterate_main_loop ();
}

void
anv_test_send_key (GtkWidget       *toplevel,
                   guint            keyval,
                   GdkModifierType  modifiers)
{
  GdkWindow *window = gtk_widget_get_window (toplevel);

  g_assert_nonnull (window);
  g_assert_true (gdk_test_simulate_key (window, 5, 5, keyval, modifiers, GDK_KEY_PRESS));
  g_assert_true (gdk_test_simulate_key (window, 5, 5, keyval, modifiers, GDK_KEY_RELEASE));
  /* The server's round trip, then what GTK does with it */
  gdk_display_sync (gtk_widget_get_display (toplevel));
  anv_test_wait_ms (30);
}
