/* test-providers-page.c — the providers page, driven through its widgets under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "TestProvidersPage"

#include "config.h"

#include <string.h>

#include <gtk/gtk.h>

#include "anv-approvals.h"
#include "anv-context.h"
#include "anv-default-shares.h"
#include "anv-delivery-areas.h"
#include "anv-import-dialog.h"
#include "anv-providers-page.h"
#include "anv-providers.h"
#include "anv-referrals.h"
#include "anv-seekers.h"

#include "anv-gui-test-util.h"

typedef struct
{
  char       *tmpdir;
  AnvDb      *db;
  AnvContext *context;
  GtkWidget  *window;
  GtkWidget  *page;
} Fixture;


/*
 * Helpers
 */

static GtkWidget *
find (Fixture    *fixture,
      const char *id)
{
  return anv_test_find (fixture->page, id);
}

static void
type_into (Fixture    *fixture,
           const char *id,
           const char *text)
{
  anv_test_type_into (fixture->page, id, text);
}

static const char *
get_label (Fixture    *fixture,
           const char *id)
{
  return anv_test_label_text (fixture->page, id);
}

static gboolean
has_class (GtkWidget  *widget,
           const char *style_class)
{
  return gtk_style_context_has_class (gtk_widget_get_style_context (widget), style_class);
}

static gboolean
is_sensitive (Fixture    *fixture,
              const char *id)
{
  return gtk_widget_get_sensitive (find (fixture, id));
}

static void
activate (Fixture    *fixture,
          const char *action)
{
  GActionGroup *group = gtk_widget_get_action_group (fixture->page, "providers");

  g_assert_nonnull (group);
  g_assert_true (g_action_group_has_action (group, action));
  g_action_group_activate_action (group, action, NULL);
  anv_test_iterate_main_loop ();
}

static void
click (Fixture    *fixture,
       const char *id)
{
  gtk_button_clicked (GTK_BUTTON (find (fixture, id)));
  anv_test_iterate_main_loop ();
}

/* The rows a list shows, column @column of each, joined by "|". */
static char *
get_column (Fixture    *fixture,
            const char *view_id,
            int         column)
{
  GtkTreeModel *model = gtk_tree_view_get_model (GTK_TREE_VIEW (find (fixture, view_id)));
  g_autoptr (GString) text = g_string_new (NULL);
  GtkTreeIter iter;
  gboolean valid;

  for (valid = gtk_tree_model_get_iter_first (model, &iter);
       valid;
       valid = gtk_tree_model_iter_next (model, &iter))
    {
      GValue value = G_VALUE_INIT;

      gtk_tree_model_get_value (model, &iter, column, &value);
      if (text->len > 0)
        g_string_append_c (text, '|');
      if (G_VALUE_HOLDS_STRING (&value))
        g_string_append (text, g_value_get_string (&value) ? g_value_get_string (&value) : "");
      else if (G_VALUE_HOLDS_UINT (&value))
        g_string_append_printf (text, "%u", g_value_get_uint (&value));
      g_value_unset (&value);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->db = anv_test_open_db (&fixture->tmpdir);
  fixture->context = anv_context_new (fixture->db, NULL);
  fixture->page = anv_providers_page_new (fixture->context);
  fixture->window = anv_test_show_in_window (fixture->page, 1200, 700);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  gtk_widget_destroy (fixture->window);
  anv_test_iterate_main_loop ();

  g_clear_object (&fixture->context);
  anv_test_close_db (&fixture->db, &fixture->tmpdir);
}

static void
add_provider (Fixture *fixture)
{
  g_autoptr (AnvProvider) provider = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GDate) today = g_date_new_dmy (22, G_DATE_NOVEMBER, 2026);

  provider = anv_providers_add (fixture->db, "202100-2114", "Arbetsförmedlingen", "0180",
                                today, &error);
  g_assert_no_error (error);
  anv_test_iterate_main_loop ();
}

static GtkToggleButton *
find_municipality_check (Fixture    *fixture,
                         const char *name)
{
  g_autoptr (GList) rows = NULL;

  rows = gtk_container_get_children (GTK_CONTAINER (find (fixture, "area_municipalities_list")));
  for (GList *l = rows; l != NULL; l = l->next)
    {
      GtkWidget *check = g_object_get_data (l->data, "check");

      if (g_strcmp0 (gtk_button_get_label (GTK_BUTTON (check)), name) == 0)
        return GTK_TOGGLE_BUTTON (check);
    }

  g_assert_not_reached ();
}

static gboolean
is_row_shown (Fixture    *fixture,
              const char *name)
{
  GtkWidget *check = GTK_WIDGET (find_municipality_check (fixture, name));

  return gtk_widget_get_child_visible (gtk_widget_get_ancestor (check, GTK_TYPE_LIST_BOX_ROW));
}

static void
search_municipalities (Fixture    *fixture,
                       const char *text)
{
  GtkWidget *entry = find (fixture, "area_search_entry");

  gtk_entry_set_text (GTK_ENTRY (entry), text);
  /* Without waiting for the search entry's delay */
  g_signal_emit_by_name (entry, "search-changed");
  anv_test_iterate_main_loop ();
}

static GtkWidget *
run_import (Fixture    *fixture,
            const char *csv)
{
  g_autofree char *path = anv_test_write_file (fixture->tmpdir, "providers.csv", csv);
  GtkWidget *dialog;

  dialog = anv_providers_page_import_file (ANV_PROVIDERS_PAGE (fixture->page), path);
  g_assert_true (ANV_IS_IMPORT_DIALOG (dialog));

  /* The work runs in a thread; the window keeps answering meanwhile. */
  while (anv_import_dialog_get_running (ANV_IMPORT_DIALOG (dialog)))
    gtk_main_iteration ();
  anv_test_iterate_main_loop ();

  return dialog;
}


/*
 * Tests
 */

static void
test_page_empty (Fixture       *fixture,
                 gconstpointer  user_data)
{
  GActionGroup *group = gtk_widget_get_action_group (fixture->page, "providers");

  g_assert_nonnull (group);
  g_assert_true (g_action_group_has_action (group, "new"));
  g_assert_true (g_action_group_has_action (group, "new-area"));
  g_assert_true (g_action_group_has_action (group, "approve"));
  g_assert_true (g_action_group_has_action (group, "import"));

  /* An empty database says what to do */
  g_assert_true (gtk_widget_get_visible (find (fixture, "providers_empty")));
  g_assert_true (gtk_widget_get_visible (find (fixture, "areas_empty")));
  g_assert_true (gtk_widget_get_visible (find (fixture, "approvals_empty")));
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (find (fixture, "form_revealer"))));

  /* The lists have names for screen readers */
  g_assert_cmpstr (atk_object_get_name (gtk_widget_get_accessible (find (fixture,
                                                                         "providers_view"))),
                   ==, "Providers");
}

static void
test_page_add_provider (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr (AnvProvider) stored = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GDate) today = g_date_new_dmy (22, G_DATE_NOVEMBER, 2026);
  g_autofree char *orgnrs = NULL;
  g_autofree char *names = NULL;
  g_autofree char *municipalities = NULL;
  g_autofree char *active = NULL;
  GtkWidget *orgnr_entry;

  activate (fixture, "new");
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (find (fixture, "form_revealer"))));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (find (fixture, "form_stack"))),
                   ==, "provider");
  g_assert_false (is_sensitive (fixture, "provider_save_button"));

  /* A bad check digit: an error in the field, as it is typed */
  orgnr_entry = find (fixture, "orgnr_entry");
  type_into (fixture, "name_entry", "Arbetsförmedlingen");
  type_into (fixture, "municipality_entry", "Stockholmm");
  g_assert_true (has_class (find (fixture, "municipality_entry"), GTK_STYLE_CLASS_ERROR));
  g_assert_nonnull (strstr (get_label (fixture, "municipality_message"), "Stockholmm"));
  /* Completion offers the municipalities that begin with what is typed */
  {
    GtkEntry *entry = GTK_ENTRY (find (fixture, "municipality_entry"));
    GtkEntryCompletion *completion = gtk_entry_get_completion (entry);
    g_autofree char *prefix = NULL;

    type_into (fixture, "municipality_entry", "Ume");
    g_assert_false (has_class (GTK_WIDGET (entry), GTK_STYLE_CLASS_ERROR));
    gtk_entry_completion_complete (completion);
    prefix = gtk_entry_completion_compute_prefix (completion, "Ume");
    g_assert_cmpstr (prefix, ==, "Umeå");
  }
  type_into (fixture, "municipality_entry", "stockholm");
  g_assert_false (has_class (find (fixture, "municipality_entry"), GTK_STYLE_CLASS_ERROR));
  g_assert_cmpstr (get_label (fixture, "municipality_message"), ==, "Stockholms län");

  type_into (fixture, "orgnr_entry", "202100-2115");
  g_assert_true (has_class (orgnr_entry, GTK_STYLE_CLASS_ERROR));
  g_assert_cmpstr (gtk_entry_get_icon_name (GTK_ENTRY (orgnr_entry), GTK_ENTRY_ICON_SECONDARY),
                   ==, "dialog-error-symbolic");
  g_assert_nonnull (strstr (get_label (fixture, "orgnr_message"), "check digit"));
  g_assert_false (is_sensitive (fixture, "provider_save_button"));

  /* Still typing is not an error yet */
  type_into (fixture, "orgnr_entry", "2021");
  g_assert_false (has_class (orgnr_entry, GTK_STYLE_CLASS_ERROR));
  g_assert_false (is_sensitive (fixture, "provider_save_button"));

  /* The right one: positive feedback, and Save */
  type_into (fixture, "orgnr_entry", "202100-2114");
  g_assert_false (has_class (orgnr_entry, GTK_STYLE_CLASS_ERROR));
  g_assert_cmpstr (gtk_entry_get_icon_name (GTK_ENTRY (orgnr_entry), GTK_ENTRY_ICON_SECONDARY),
                   ==, "object-select-symbolic");
  g_assert_cmpstr (get_label (fixture, "orgnr_message"), ==, "202100-2114");
  g_assert_true (is_sensitive (fixture, "provider_save_button"));

  click (fixture, "provider_save_button");

  /* Stored, listed, and the form is closed and empty */
  stored = anv_providers_get (fixture->db, "2021002114", today, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored->name, ==, "Arbetsförmedlingen");
  g_assert_cmpstr (stored->municipality_code, ==, "0180");
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (find (fixture, "form_revealer"))));
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (orgnr_entry)), ==, "");

  orgnrs = get_column (fixture, "providers_view", 1);
  names = get_column (fixture, "providers_view", 2);
  municipalities = get_column (fixture, "providers_view", 3);
  active = get_column (fixture, "providers_view", 4);
  g_assert_cmpstr (orgnrs, ==, "202100-2114");
  g_assert_cmpstr (names, ==, "Arbetsförmedlingen");
  g_assert_cmpstr (municipalities, ==, "Stockholm");
  g_assert_cmpstr (active, ==, "Yes");
  g_assert_false (gtk_widget_get_visible (find (fixture, "providers_empty")));

  /* The same number again is named as registered */
  activate (fixture, "new");
  type_into (fixture, "orgnr_entry", "2021002114");
  g_assert_true (has_class (orgnr_entry, GTK_STYLE_CLASS_ERROR));
  g_assert_nonnull (strstr (get_label (fixture, "orgnr_message"), "registered already"));
  g_assert_false (is_sensitive (fixture, "provider_save_button"));

  /* Cancel closes the form and empties it */
  click (fixture, "provider_cancel_button");
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (find (fixture, "form_revealer"))));
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (orgnr_entry)), ==, "");
}

static void
test_page_search (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autofree char *shown = NULL;
  g_autofree char *none = NULL;
  GtkWidget *search = find (fixture, "search_entry");

  add_provider (fixture);

  gtk_entry_set_text (GTK_ENTRY (search), "arbetsformedl");
  g_signal_emit_by_name (search, "search-changed");
  anv_test_iterate_main_loop ();
  none = get_column (fixture, "providers_view", 2);
  g_assert_cmpstr (none, ==, "");

  gtk_entry_set_text (GTK_ENTRY (search), "ARBETSFÖRMEDL");
  g_signal_emit_by_name (search, "search-changed");
  anv_test_iterate_main_loop ();
  shown = get_column (fixture, "providers_view", 2);
  g_assert_cmpstr (shown, ==, "Arbetsförmedlingen");
}

static void
test_page_area_and_approval (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autoptr (GPtrArray) areas = NULL;
  g_autoptr (GPtrArray) approvals = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *area_names = NULL;
  g_autofree char *area_counts = NULL;
  g_autofree char *area_services = NULL;
  g_autofree char *approval_areas = NULL;
  g_autofree char *approval_to = NULL;
  g_autofree char *approved_in = NULL;
  AnvArea *area;

  add_provider (fixture);

  /* An area: a name, a service and municipalities ticked in a searchable list */
  activate (fixture, "new-area");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (find (fixture, "form_stack"))),
                   ==, "area");
  g_assert_cmpstr (get_label (fixture, "area_count_label"), ==, "No municipality ticked");
  type_into (fixture, "area_name_entry", "Västerbotten");
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (find (fixture, "area_service_combo")), "KROM");
  anv_test_iterate_main_loop ();
  g_assert_false (is_sensitive (fixture, "area_save_button"));

  search_municipalities (fixture, "umeå");
  g_assert_true (is_row_shown (fixture, "Umeå"));
  g_assert_false (is_row_shown (fixture, "Stockholm"));
  gtk_toggle_button_set_active (find_municipality_check (fixture, "Umeå"), TRUE);
  anv_test_iterate_main_loop ();
  g_assert_cmpstr (get_label (fixture, "area_count_label"), ==, "1 municipality ticked");
  g_assert_true (is_sensitive (fixture, "area_save_button"));

  /* The county's name finds its municipalities */
  search_municipalities (fixture, "Västerbottens län");
  g_assert_true (is_row_shown (fixture, "Skellefteå"));
  g_assert_false (is_row_shown (fixture, "Kiruna"));
  click (fixture, "area_tick_shown_button");
  g_assert_cmpstr (get_label (fixture, "area_count_label"), ==, "15 municipalities ticked");

  click (fixture, "area_save_button");
  areas = anv_areas_list (fixture->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (areas->len, ==, 1);
  area = g_ptr_array_index (areas, 0);
  g_assert_cmpstr (area->name, ==, "Västerbotten");
  g_assert_cmpint (area->service, ==, ANV_SERVICE_KROM);
  g_assert_cmpuint (g_strv_length (area->municipality_codes), ==, 15);

  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (find (fixture, "lists_stack"))),
                   ==, "areas");
  area_names = get_column (fixture, "areas_view", 1);
  area_services = get_column (fixture, "areas_view", 2);
  area_counts = get_column (fixture, "areas_view", 3);
  g_assert_cmpstr (area_names, ==, "Västerbotten");
  g_assert_cmpstr (area_services, ==, "Rusta och matcha (KROM)");
  g_assert_cmpstr (area_counts, ==, "15");

  /* The name is taken now */
  activate (fixture, "new-area");
  type_into (fixture, "area_name_entry", "västerbotten");
  g_assert_true (gtk_widget_get_visible (find (fixture, "area_message")));
  g_assert_false (is_sensitive (fixture, "area_save_button"));
  click (fixture, "area_cancel_button");
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (find (fixture, "area_name_entry"))), ==, "");

  /* An approval, from and to dates */
  activate (fixture, "approve");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (find (fixture, "form_stack"))),
                   ==, "approval");
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (find (fixture, "approval_provider_combo")),
                               "2021002114");
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (find (fixture, "approval_area_combo")),
                               "Västerbotten");
  type_into (fixture, "approval_from_entry", "2020-03-30");
  type_into (fixture, "approval_to_entry", "2020-01-31");
  g_assert_true (has_class (find (fixture, "approval_to_entry"), GTK_STYLE_CLASS_ERROR));
  g_assert_nonnull (strstr (get_label (fixture, "approval_to_message"), "ends before it starts"));
  g_assert_false (is_sensitive (fixture, "approval_save_button"));

  type_into (fixture, "approval_to_entry", "2020-13-01");
  g_assert_true (has_class (find (fixture, "approval_to_entry"), GTK_STYLE_CLASS_ERROR));
  g_assert_false (is_sensitive (fixture, "approval_save_button"));

  type_into (fixture, "approval_to_entry", "");
  g_assert_true (is_sensitive (fixture, "approval_save_button"));
  click (fixture, "approval_save_button");

  approvals = anv_approvals_list (fixture->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (approvals->len, ==, 1);

  approval_areas = get_column (fixture, "approvals_view", 3);
  approval_to = get_column (fixture, "approvals_view", 6);
  approved_in = get_column (fixture, "providers_view", 5);
  g_assert_cmpstr (approval_areas, ==, "Västerbotten");
  g_assert_cmpstr (approval_to, ==, "until further notice");
  g_assert_cmpstr (approved_in, ==, "Västerbotten (KROM)");

  /* The same approval again overlaps: the core's message, in the form */
  activate (fixture, "approve");
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (find (fixture, "approval_provider_combo")),
                               "2021002114");
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (find (fixture, "approval_area_combo")),
                               "Västerbotten");
  type_into (fixture, "approval_from_entry", "2021-01-01");
  click (fixture, "approval_save_button");
  g_assert_true (gtk_widget_get_visible (find (fixture, "approval_message")));
  g_assert_nonnull (strstr (get_label (fixture, "approval_message"), "approved"));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (find (fixture, "form_revealer"))));
}

static void
test_page_import_bad_row (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr (GPtrArray) providers = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *names = NULL;
  GtkWidget *dialog;
  GtkTreeModel *errors;
  GtkTreeIter iter;
  guint line = 0;
  g_autofree char *column = NULL;
  g_autofree char *message = NULL;

  dialog = run_import (fixture,
                       "orgnr;namn;kommun\r\n"
                       "202100-2114;Arbetsförmedlingen;0180\r\n"
                       "202100-2115;Fel AB;2480\r\n");

  g_assert_false (anv_import_dialog_get_succeeded (ANV_IMPORT_DIALOG (dialog)));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (anv_test_find (dialog, "stack"))),
                   ==, "result");
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (anv_test_find (dialog, "result_label"))),
                            "nothing was imported"));

  /* The row's error: line, column, message */
  g_assert_true (gtk_widget_get_visible (anv_test_find (dialog, "errors_window")));
  errors = gtk_tree_view_get_model (GTK_TREE_VIEW (anv_test_find (dialog, "errors_view")));
  g_assert_cmpint (gtk_tree_model_iter_n_children (errors, NULL), ==, 1);
  g_assert_true (gtk_tree_model_get_iter_first (errors, &iter));
  gtk_tree_model_get (errors, &iter, 0, &line, 1, &column, 2, &message, -1);
  g_assert_cmpuint (line, ==, 3);
  g_assert_cmpstr (column, ==, "orgnr");
  g_assert_nonnull (strstr (message, "check digit"));

  /* All or nothing: the good row is not stored either */
  providers = anv_providers_list (fixture->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (providers->len, ==, 0);
  g_assert_true (gtk_widget_get_visible (find (fixture, "providers_empty")));

  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CLOSE);
  anv_test_iterate_main_loop ();

  /* A good file: stored on the import's own connection, and the page,
   * on the window's, shows it at once */
  dialog = run_import (fixture,
                       "orgnr;namn;kommun\r\n"
                       "202100-2114;Arbetsförmedlingen;0180\r\n");
  g_assert_true (anv_import_dialog_get_succeeded (ANV_IMPORT_DIALOG (dialog)));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (anv_test_find (dialog, "result_label"))),
                   ==, "Imported 1 provider from providers.csv.");
  g_assert_false (gtk_widget_get_visible (anv_test_find (dialog, "errors_window")));
  names = get_column (fixture, "providers_view", 2);
  g_assert_cmpstr (names, ==, "Arbetsförmedlingen");

  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CLOSE);
  anv_test_iterate_main_loop ();
}

static void
test_page_escape (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr (GTimer) timer = NULL;
  GdkEvent *event;
  GtkWidget *entry;

  activate (fixture, "new");
  entry = find (fixture, "name_entry");
  type_into (fixture, "name_entry", "Halvfärdig AB");

  /* The revealer maps the form as it slides in */
  timer = g_timer_new ();
  while (!gtk_widget_get_realized (entry) && g_timer_elapsed (timer, NULL) < 5.0)
    gtk_main_iteration_do (FALSE);
  g_assert_true (gtk_widget_get_realized (entry));

  /* Escape in the form, as a key press the window hands to the focused entry */
  event = gdk_event_new (GDK_KEY_PRESS);
  event->key.window = g_object_ref (gtk_widget_get_window (fixture->window));
  event->key.keyval = GDK_KEY_Escape;
  event->key.send_event = TRUE;
  gdk_event_set_device (event, gdk_seat_get_keyboard (gdk_display_get_default_seat (
                                                        gtk_widget_get_display (entry))));
  gtk_widget_grab_focus (entry);
  gtk_main_do_event (event);
  gdk_event_free (event);
  anv_test_iterate_main_loop ();

  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (find (fixture, "form_revealer"))));
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (entry)), ==, "");
}

/* A file of many wrong rows: the dialog lists the first 1,000 (the core's
 * ANV_IMPORT_MAX_LISTED_ERRORS) and says how many there are. With
 * ANVISA_SCREENSHOT_DIR set, it saves the dialog as import-errors.png
 * there for a person to look at. */
static void
test_page_import_many_errors (Fixture       *fixture,
                              gconstpointer  user_data)
{
  GString *csv = g_string_new ("orgnr;namn;kommun\r\n");
  GtkWidget *dialog;
  GtkTreeModel *errors;
  const char *shots = g_getenv ("ANVISA_SCREENSHOT_DIR");

  for (guint i = 0; i < 1500; i++)
    /* A wrong check digit */
    g_string_append (csv, "202100-2115;Fel AB;2480\r\n");
  dialog = run_import (fixture, csv->str);
  g_string_free (csv, TRUE);

  g_assert_false (anv_import_dialog_get_succeeded (ANV_IMPORT_DIALOG (dialog)));
  errors = gtk_tree_view_get_model (GTK_TREE_VIEW (anv_test_find (dialog, "errors_view")));
  g_assert_cmpint (gtk_tree_model_iter_n_children (errors, NULL), ==, 1000);
  g_assert_true (gtk_widget_get_visible (anv_test_find (dialog, "more_errors_label")));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (anv_test_find (dialog, "more_errors_label"))),
                   ==, "The first 1,000 of 1,500 errors are listed.");

  if (shots != NULL)
    {
      GdkWindow *window = gtk_widget_get_window (dialog);
      g_autoptr (GdkPixbuf) shot = NULL;
      g_autofree char *path = g_build_filename (shots, "import-errors.png", NULL);
      g_autoptr (GError) error = NULL;

      anv_test_iterate_main_loop ();
      shot = gdk_pixbuf_get_from_window (window, 0, 0, gdk_window_get_width (window),
                                         gdk_window_get_height (window));
      g_assert_true (gdk_pixbuf_save (shot, path, "png", &error, NULL));
      g_assert_no_error (error);
    }

  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CLOSE);
  anv_test_iterate_main_loop ();
}

/* Approve… starts from what the lists have selected; from an approval,
 * another period for the same provider and area. */
static void
test_page_approve_from_selection (Fixture       *fixture,
                                  gconstpointer  user_data)
{
  const char *const umea[] = { "2480", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (GDate) from = g_date_new_dmy (1, G_DATE_JANUARY, 2020);
  g_autoptr (GDate) today = g_date_new_dmy (22, G_DATE_NOVEMBER, 2026);
  GtkTreeView *view;
  g_autoptr (GtkTreePath) path = gtk_tree_path_new_first ();

  add_provider (fixture);
  g_assert_true (anv_areas_add (fixture->db, "Umeå", ANV_SERVICE_KROM, umea, &error));
  g_assert_no_error (error);
  g_assert_true (anv_providers_approve (fixture->db, "2021002114", "Umeå", from, NULL, today,
                                        &error));
  g_assert_no_error (error);
  anv_test_iterate_main_loop ();

  /* Nothing selected: nothing chosen */
  activate (fixture, "approve");
  g_assert_null (gtk_combo_box_get_active_id (GTK_COMBO_BOX (find (fixture,
                                                                   "approval_provider_combo"))));
  click (fixture, "approval_cancel_button");

  gtk_stack_set_visible_child_name (GTK_STACK (find (fixture, "lists_stack")), "approvals");
  view = GTK_TREE_VIEW (find (fixture, "approvals_view"));
  gtk_tree_view_set_cursor (view, path, NULL, FALSE);
  activate (fixture, "approve");
  g_assert_cmpstr (gtk_combo_box_get_active_id (GTK_COMBO_BOX (find (fixture,
                                                                     "approval_provider_combo"))),
                   ==, "2021002114");
  g_assert_cmpstr (gtk_combo_box_get_active_id (GTK_COMBO_BOX (find (fixture,
                                                                     "approval_area_combo"))),
                   ==, "Umeå");
}

/* The supervisor's list: each provider's no-choice defaults in a month,
 * its own choices and its share of the municipality's defaults. */
static void
test_page_default_shares (Fixture       *fixture,
                          gconstpointer  user_data)
{
  const char *const umea[] = { "2480", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (GDate) from = g_date_new_dmy (1, G_DATE_JANUARY, 2020);
  g_autoptr (GDate) decided = g_date_new_dmy (4, G_DATE_MAY, 2020);
  g_autoptr (GDate) today = g_date_new_dmy (22, G_DATE_NOVEMBER, 2026);
  g_autoptr (AnvSeeker) seeker = NULL;
  g_autoptr (AnvReferral) referral = NULL;
  g_autofree char *providers = NULL;
  g_autofree char *defaults = NULL;
  g_autofree char *shares = NULL;
  AnvSeekerInput seeker_input = { "198501012382", "Anna Åberg", "2480", NULL, FALSE };
  AnvReferralInput input = { 0 };
  AnvDefaultShares *list;

  add_provider (fixture);
  g_assert_true (anv_areas_add (fixture->db, "Umeå", ANV_SERVICE_KROM, umea, &error));
  g_assert_no_error (error);
  g_assert_true (anv_providers_approve (fixture->db, "2021002114", "Umeå", from, NULL, today,
                                        &error));
  g_assert_no_error (error);
  seeker = anv_seekers_add (fixture->db, &seeker_input, today, &error);
  g_assert_no_error (error);
  input.personnummer = seeker_input.personnummer;
  input.level = "B";
  input.choice = ANV_CHOICE_DEFAULT;
  input.decided_on = decided;
  referral = anv_referrals_decide (fixture->db, &input, today, &error);
  g_assert_no_error (error);
  anv_test_iterate_main_loop ();

  gtk_stack_set_visible_child_name (GTK_STACK (find (fixture, "lists_stack")), "defaults");
  list = ANV_DEFAULT_SHARES (find (fixture, "default_shares"));
  /* The latest month with data */
  g_assert_cmpstr (anv_default_shares_get_month (list), ==, "2020-05");
  providers = get_column (fixture, "shares_view", 2);
  defaults = get_column (fixture, "shares_view", 3);
  shares = get_column (fixture, "shares_view", 5);
  g_assert_cmpstr (providers, ==, "Arbetsförmedlingen");
  g_assert_cmpstr (defaults, ==, "1");
  g_assert_cmpstr (shares, ==, "100 %");
  g_assert_false (gtk_widget_get_visible (find (fixture, "shares_empty")));

  click (fixture, "previous_button");
  g_assert_cmpstr (anv_default_shares_get_month (list), ==, "2020-04");
  g_clear_pointer (&providers, g_free);
  providers = get_column (fixture, "shares_view", 2);
  g_assert_cmpstr (providers, ==, "");
  g_assert_true (gtk_widget_get_visible (find (fixture, "shares_empty")));
}

/* End Approval… gives the approval chosen in the list a last day, says how
 * many open referrals the provider leaves, and shows the core's refusal of
 * a second end; it needs an approval chosen. */
static void
test_page_end_approval (Fixture       *fixture,
                        gconstpointer  user_data)
{
  const char *const umea[] = { "2480", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (GDate) from = g_date_new_dmy (1, G_DATE_JANUARY, 2020);
  g_autoptr (GDate) decided = g_date_new_dmy (4, G_DATE_MAY, 2020);
  g_autoptr (GDate) today = g_date_new_dmy (15, G_DATE_SEPTEMBER, 2020);
  g_autoptr (AnvSeeker) seeker = NULL;
  g_autoptr (AnvReferral) referral = NULL;
  g_autoptr (GtkTreePath) path = gtk_tree_path_new_first ();
  g_autoptr (GPtrArray) approvals = NULL;
  g_autofree char *to = NULL;
  AnvSeekerInput seeker_input = { "198501012382", "Anna Åberg", "2480", NULL, FALSE };
  AnvReferralInput input = { 0 };
  GActionGroup *group = gtk_widget_get_action_group (fixture->page, "providers");
  AnvApproval *approval;

  anv_context_set_today (fixture->context, today);
  add_provider (fixture);
  g_assert_true (anv_areas_add (fixture->db, "Umeå", ANV_SERVICE_KROM, umea, &error));
  g_assert_no_error (error);
  g_assert_true (anv_providers_approve (fixture->db, "2021002114", "Umeå", from, NULL, today,
                                        &error));
  g_assert_no_error (error);
  seeker = anv_seekers_add (fixture->db, &seeker_input, today, &error);
  g_assert_no_error (error);
  input.personnummer = seeker_input.personnummer;
  input.level = "B";
  input.provider_orgnr = "2021002114";
  input.choice = ANV_CHOICE_OWN;
  input.decided_on = decided;
  referral = anv_referrals_decide (fixture->db, &input, today, &error);
  g_assert_no_error (error);
  anv_test_iterate_main_loop ();

  /* Nothing chosen: nothing to end. */
  g_assert_false (g_action_group_get_action_enabled (group, "end-approval"));
  gtk_stack_set_visible_child_name (GTK_STACK (find (fixture, "lists_stack")), "approvals");
  gtk_tree_view_set_cursor (GTK_TREE_VIEW (find (fixture, "approvals_view")), path, NULL, FALSE);
  anv_test_iterate_main_loop ();
  g_assert_true (g_action_group_get_action_enabled (group, "end-approval"));
  g_assert_cmpstr (atk_object_get_name (gtk_widget_get_accessible (find (fixture,
                                                                         "end_date_entry"))),
                   ==, "Last day");

  activate (fixture, "end-approval");
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (find (fixture, "form_revealer"))));
  g_assert_nonnull (strstr (get_label (fixture, "end_approval_label"),
                            "Arbetsförmedlingen in Umeå (KROM), approved from 2020-01-01 "
                            "until further notice"));
  g_assert_true (gtk_widget_has_focus (find (fixture, "end_date_entry")));
  type_into (fixture, "end_date_entry", "2020-08-31");
  g_assert_true (is_sensitive (fixture, "end_button"));
  click (fixture, "end_button");
  g_test_message ("%s", get_label (fixture, "end_result"));
  g_assert_nonnull (strstr (get_label (fixture, "end_result"),
                            "now ends on 2020-08-31. 1 open referral has Arbetsförmedlingen "
                            "where it is no longer approved from 2020-09-01"));
  g_assert_nonnull (strstr (get_label (fixture, "end_result"), "Provider Leaving"));
  g_assert_false (is_sensitive (fixture, "end_button"));

  approvals = anv_approvals_list (fixture->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (approvals->len, ==, 1);
  approval = g_ptr_array_index (approvals, 0);
  g_assert_cmpstr (approval->valid_to, ==, "2020-08-31");
  to = get_column (fixture, "approvals_view", 6);
  g_assert_cmpstr (to, ==, "2020-08-31");
  g_assert_cmpint (anv_test_query_int (fixture->db, "SELECT count(*) FROM audit_log "
                                       "WHERE action = ?1", "provider.end-approval", 0), ==, 1);

  /* A later day: refused, saying when it ended. */
  type_into (fixture, "end_date_entry", "2020-09-30");
  click (fixture, "end_button");
  g_assert_nonnull (strstr (get_label (fixture, "end_message"), "ended on 2020-08-31"));
  g_assert_cmpint (anv_test_query_int (fixture->db, "SELECT count(*) FROM audit_log "
                                       "WHERE action = ?1", "provider.end-approval", 0), ==, 1);

  click (fixture, "end_close_button");
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (find (fixture, "form_revealer"))));
}

/* The area form is walked with Tab and Shift+Tab: from the search, the
 * list of municipalities is passed on the way to its buttons and back. */
static void
test_page_area_form_tab (Fixture       *fixture,
                         gconstpointer  user_data)
{
  GtkWidget *search = find (fixture, "area_search_entry");
  GtkWidget *tick = find (fixture, "area_tick_shown_button");
  GtkWindow *window = GTK_WINDOW (fixture->window);
  GtkWidget *first;
  guint n;

  activate (fixture, "new-area");
  gtk_window_present (window);
  gtk_widget_grab_focus (search);
  anv_test_wait_ms (50);
  g_assert_true (gtk_widget_has_focus (search));

  /* Into the list, on its first municipality; Down moves to the next */
  anv_test_send_key (fixture->window, GDK_KEY_Tab, 0);
  first = gtk_window_get_focus (window);
  g_assert_true (GTK_IS_CHECK_BUTTON (first));
  anv_test_send_key (fixture->window, GDK_KEY_Down, 0);
  g_assert_true (GTK_IS_CHECK_BUTTON (gtk_window_get_focus (window)));
  g_assert_true (gtk_window_get_focus (window) != first);
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (first)));

  /* On out of the list, in one Tab, to its buttons and back */
  for (n = 0; n < 2 && gtk_window_get_focus (window) != tick; n++)
    {
      anv_test_send_key (fixture->window, GDK_KEY_Tab, 0);
      g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (window),
                                             find (fixture, "form_revealer")));
    }
  g_assert_true (gtk_window_get_focus (window) == tick);

  for (n = 0; n < 3 && gtk_window_get_focus (window) != search; n++)
    anv_test_send_key (fixture->window, GDK_KEY_Tab, GDK_SHIFT_MASK);
  g_assert_true (gtk_window_get_focus (window) == search);
  anv_test_send_key (fixture->window, GDK_KEY_Tab, GDK_SHIFT_MASK);
  g_assert_true (gtk_window_get_focus (window) == find (fixture, "area_service_combo")
                 || gtk_widget_is_ancestor (gtk_window_get_focus (window),
                                            find (fixture, "area_service_combo")));
}

int
main (int   argc,
      char *argv[])
{
  if (!anv_test_init_gui (&argc, &argv, "/providers-page/no-display"))
    return g_test_run ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/providers-page/empty", test_page_empty);
  ADD ("/providers-page/add-provider", test_page_add_provider);
  ADD ("/providers-page/search", test_page_search);
  ADD ("/providers-page/area-and-approval", test_page_area_and_approval);
  ADD ("/providers-page/import-bad-row", test_page_import_bad_row);
  ADD ("/providers-page/escape", test_page_escape);
  ADD ("/providers-page/area-form-tab", test_page_area_form_tab);
  ADD ("/providers-page/approve-from-selection", test_page_approve_from_selection);
  ADD ("/providers-page/end-approval", test_page_end_approval);
  ADD ("/providers-page/default-shares", test_page_default_shares);
  ADD ("/providers-page/import-many-errors", test_page_import_many_errors);

#undef ADD

  return g_test_run ();
}
