/* test-seekers-page.c — the job seekers page and the registration form, under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "TestSeekersPage"

#include "config.h"

#include <string.h>

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>

#include "anv-date.h"
#include "anv-referral-event-dialog.h"
#include "anv-referral-row.h"
#include "anv-referrals.h"
#include "anv-seeker-form.h"
#include "anv-seeker-import.h"
#include "anv-seeker-list-model.h"
#include "anv-seekers-page.h"
#include "anv-seekers.h"

#include "anv-gui-test-util.h"

/* The form's Save response (anv-seeker-form.c) */
#define RESPONSE_SAVE 100

/* Skatteverket's published test personnummer */
#define ANNA   "198501012382"
#define ANDERS "199001012385"
#define BO     "197201079295"

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

static gboolean
is_search_done (gpointer user_data)
{
  Fixture *fixture = user_data;

  return !anv_seekers_page_get_searching (ANV_SEEKERS_PAGE (fixture->page));
}

/* Until the search the page runs is done and drawn. */
static void
wait_for_search (Fixture *fixture)
{
  /* GtkSearchEntry waits 150 ms after the last key before searching. */
  anv_test_wait_ms (200);

  g_assert_true (anv_test_wait_until (is_search_done, fixture, 20000));
  anv_test_iterate_main_loop ();
}

/* Types @text into @entry a character at a time, at the end. */
static void
type_text (GtkWidget  *entry,
           const char *text)
{
  /* Focused, the entry selects its text: type after it */
  gtk_widget_grab_focus (entry);
  gtk_editable_set_position (GTK_EDITABLE (entry), -1);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gsize length = g_utf8_next_char (p) - p;
      int position;

      /* As a key does: over the selection (an inline completion), at the cursor */
      gtk_editable_delete_selection (GTK_EDITABLE (entry));
      position = gtk_editable_get_position (GTK_EDITABLE (entry));
      gtk_editable_insert_text (GTK_EDITABLE (entry), p, length, &position);
      gtk_editable_set_position (GTK_EDITABLE (entry), position);
      anv_test_iterate_main_loop ();
    }
}

static void
clear_entry (GtkWidget *entry)
{
  gtk_entry_set_text (GTK_ENTRY (entry), "");
  anv_test_iterate_main_loop ();
}

static void
search (Fixture    *fixture,
        const char *text)
{
  GtkWidget *entry = anv_test_find (fixture->page, "search_entry");

  gtk_entry_set_text (GTK_ENTRY (entry), "");
  type_text (entry, text);
  wait_for_search (fixture);
}

static GtkTreeModel *
get_list_model (Fixture *fixture)
{
  return gtk_tree_view_get_model (GTK_TREE_VIEW (anv_test_find (fixture->page, "seekers_view")));
}

/* The rows as "personnummer|name|municipality|referral" lines. */
static char *
describe_rows (Fixture *fixture)
{
  GtkTreeModel *model = get_list_model (fixture);
  GString *rows = g_string_new (NULL);
  GtkTreeIter iter;
  gboolean valid;

  if (model == NULL)
    return g_string_free (rows, FALSE);

  for (valid = gtk_tree_model_get_iter_first (model, &iter);
       valid;
       valid = gtk_tree_model_iter_next (model, &iter))
    {
      g_autofree char *personnummer = NULL, *name = NULL, *municipality = NULL;
      g_autofree char *referral = NULL;

      gtk_tree_model_get (model, &iter,
                          ANV_SEEKER_LIST_COLUMN_PERSONNUMMER, &personnummer,
                          ANV_SEEKER_LIST_COLUMN_NAME, &name,
                          ANV_SEEKER_LIST_COLUMN_MUNICIPALITY, &municipality,
                          ANV_SEEKER_LIST_COLUMN_REFERRAL, &referral,
                          -1);
      g_string_append_printf (rows, "%s|%s|%s|%s\n", personnummer, name, municipality, referral);
    }

  return g_string_free (rows, FALSE);
}

static const char *
get_visible_page (Fixture    *fixture,
                  const char *stack)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (anv_test_find (fixture->page, stack)));
}

static void
add_seeker (Fixture    *fixture,
            const char *personnummer,
            const char *name,
            const char *postal_code,
            gboolean    protected_identity)
{
  g_autoptr (AnvSeeker) seeker = NULL;
  g_autoptr (GError) error = NULL;
  const AnvSeekerInput input = {
    .personnummer = personnummer,
    .name = name,
    .postal_code = postal_code,
    .protected_identity = protected_identity,
  };
  GDate today;

  anv_date_today (&today);
  seeker = anv_seekers_add (fixture->db, &input, &today, &error);
  g_assert_no_error (error);
}

static GtkWidget *
find_form (void)
{
  g_autoptr (GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ANV_IS_SEEKER_FORM (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static GtkWidget *
open_form (Fixture *fixture)
{
  GActionGroup *actions = gtk_widget_get_action_group (fixture->page, "seekers");
  GtkWidget *form;

  g_assert_nonnull (actions);
  g_action_group_activate_action (actions, "new", NULL);
  anv_test_iterate_main_loop ();

  form = find_form ();
  g_assert_nonnull (form);
  return form;
}

/* The page destroys the form in its own response handler, which drops
 * every other handler: an emission hook sees the response all the same. */
static gboolean
response_hook_cb (GSignalInvocationHint *hint,
                  guint                  n_values,
                  const GValue          *values,
                  gpointer               user_data)
{
  int *out = user_data;

  if (ANV_IS_SEEKER_FORM (g_value_get_object (&values[0])))
    *out = g_value_get_int (&values[1]);
  return TRUE;
}

static gulong
watch_responses (int *out)
{
  *out = 0;
  return g_signal_add_emission_hook (g_signal_lookup ("response", GTK_TYPE_DIALOG), 0,
                                     response_hook_cb, out, NULL);
}

static void
unwatch_responses (gulong hook)
{
  g_signal_remove_emission_hook (g_signal_lookup ("response", GTK_TYPE_DIALOG), hook);
}

static gboolean
save_is_sensitive (GtkWidget *form)
{
  const char *fields[] = { "personnummer", "name", "postal_code", "municipality" };
  gboolean sensitive = gtk_widget_is_sensitive (anv_test_find (form, "save_button"));

  /* What the form holds, to read when an assertion fails */
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *entry = g_strconcat (fields[i], "_entry", NULL);
      g_autofree char *message = g_strconcat (fields[i], "_message", NULL);

      g_test_message ("%s: “%s” (%s)", fields[i],
                      gtk_entry_get_text (GTK_ENTRY (anv_test_find (form, entry))),
                      anv_test_label_text (form, message));
    }
  g_test_message ("Save %s", sensitive ? "sensitive" : "insensitive");

  return sensitive;
}

static void
assert_field_error (GtkWidget  *form,
                    const char *entry_id,
                    const char *message_id)
{
  GtkEntry *entry = GTK_ENTRY (anv_test_find (form, entry_id));
  g_autofree char *tooltip = NULL;
  const char *message = anv_test_label_text (form, message_id);

  g_assert_cmpstr (gtk_entry_get_icon_name (entry, GTK_ENTRY_ICON_SECONDARY), ==,
                   "dialog-error-symbolic");
  tooltip = gtk_entry_get_icon_tooltip_text (entry, GTK_ENTRY_ICON_SECONDARY);
  g_assert_cmpstr (message, !=, "");
  g_assert_cmpstr (tooltip, ==, message);
}

static void
assert_field_ok (GtkWidget  *form,
                 const char *entry_id)
{
  GtkEntry *entry = GTK_ENTRY (anv_test_find (form, entry_id));

  g_assert_null (gtk_entry_get_icon_name (entry, GTK_ENTRY_ICON_SECONDARY));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->db = anv_test_open_db (&fixture->tmpdir);
  fixture->context = anv_context_new (fixture->db, NULL);
  fixture->page = anv_seekers_page_new (fixture->context);
  fixture->window = anv_test_show_in_window (fixture->page, 1100, 700);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  GtkWidget *form = find_form ();

  if (form != NULL)
    gtk_widget_destroy (form);
  gtk_widget_destroy (fixture->window);
  anv_test_iterate_main_loop ();

  g_clear_object (&fixture->context);
  anv_test_close_db (&fixture->db, &fixture->tmpdir);
}


/*
 * The page
 */

/* The spinner shows while, and only while, a search runs */
static void
searching_cb (GObject    *page,
              GParamSpec *pspec,
              guint      *n_seen)
{
  GtkWidget *spinner = anv_test_find (GTK_WIDGET (page), "search_spinner");

  g_assert_true (gtk_widget_get_visible (spinner) ==
                 anv_seekers_page_get_searching (ANV_SEEKERS_PAGE (page)));
  (*n_seen)++;
}

static void
test_page_empty (Fixture       *fixture,
                 gconstpointer  user_data)
{
  GActionGroup *actions = gtk_widget_get_action_group (fixture->page, "seekers");
  guint n_seen = 0;

  /* Idle, the spinner is not shown (nor its image read for the first frame) */
  g_assert_false (gtk_widget_get_visible (anv_test_find (fixture->page, "search_spinner")));
  g_signal_connect (fixture->page, "notify::searching", G_CALLBACK (searching_cb), &n_seen);

  g_assert_cmpstr (get_visible_page (fixture, "list_stack"), ==, "empty");
  g_assert_nonnull (strstr (anv_test_label_text (fixture->page, "empty_label"), "Ctrl+N"));
  g_assert_cmpstr (get_visible_page (fixture, "detail_stack"), ==, "none");

  g_assert_true (g_action_group_get_action_enabled (actions, "new"));
  g_assert_true (g_action_group_get_action_enabled (actions, "find"));
  g_assert_false (g_action_group_get_action_enabled (actions, "refer"));

  g_action_group_activate_action (actions, "find", NULL);
  anv_test_iterate_main_loop ();
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (fixture->window)) ==
                 anv_test_find (fixture->page, "search_entry"));

  search (fixture, "Nobody");
  g_assert_cmpstr (get_visible_page (fixture, "list_stack"), ==, "no-results");

  search (fixture, "");
  g_assert_cmpstr (get_visible_page (fixture, "list_stack"), ==, "empty");

  /* "Nobody" was searched: the spinner shown, then hidden */
  g_assert_cmpuint (n_seen, >=, 2);
  g_assert_false (gtk_widget_get_visible (anv_test_find (fixture->page, "search_spinner")));
  g_signal_handlers_disconnect_by_func (fixture->page, searching_cb, &n_seen);
}

static void
test_page_search (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autofree char *rows = NULL;
  GActionGroup *actions = gtk_widget_get_action_group (fixture->page, "seekers");
  GtkTreeView *view = GTK_TREE_VIEW (anv_test_find (fixture->page, "seekers_view"));
  g_autoptr (GtkTreePath) path = NULL;
  GtkWidget *show_full;

  add_seeker (fixture, ANNA, "Anna Andersson", "903 25", FALSE);
  add_seeker (fixture, ANDERS, "Anders Berg", "111 22", FALSE);
  add_seeker (fixture, BO, "Bo Ek", "903 25", TRUE);
  anv_test_iterate_main_loop ();

  /* A name's prefix, any word of it */
  search (fixture, "and");
  g_assert_cmpstr (get_visible_page (fixture, "list_stack"), ==, "list");
  rows = describe_rows (fixture);
  g_assert_cmpstr (rows, ==,
                   "19900101-****|Anders Berg|Stockholm|\n"
                   "19850101-****|Anna Andersson|Umeå|\n");
  g_assert_cmpstr (anv_test_label_text (fixture->page, "count_label"), ==, "2 job seekers");
  g_clear_pointer (&rows, g_free);

  search (fixture, "Ann");
  rows = describe_rows (fixture);
  g_assert_cmpstr (rows, ==, "19850101-****|Anna Andersson|Umeå|\n");
  g_assert_cmpstr (anv_test_label_text (fixture->page, "count_label"), ==, "1 job seeker");
  g_clear_pointer (&rows, g_free);

  /* The personnummer in the forms people type it */
  search (fixture, "850101-2382");
  rows = describe_rows (fixture);
  g_assert_cmpstr (rows, ==, "19850101-****|Anna Andersson|Umeå|\n");
  g_clear_pointer (&rows, g_free);

  search (fixture, "19900101");
  rows = describe_rows (fixture);
  g_assert_cmpstr (rows, ==, "19900101-****|Anders Berg|Stockholm|\n");
  g_clear_pointer (&rows, g_free);

  /* Protected identity: never the name in the list */
  search (fixture, "197201079295");
  rows = describe_rows (fixture);
  g_assert_cmpstr (rows, ==, "19720107-****|Protected identity|Umeå|\n");
  g_clear_pointer (&rows, g_free);

  /* Found by name too, and still not shown */
  search (fixture, "Bo");
  rows = describe_rows (fixture);
  g_assert_cmpstr (rows, ==, "19720107-****|Protected identity|Umeå|\n");
  g_clear_pointer (&rows, g_free);

  /* The detail pane: no postal code for a protected person */
  path = gtk_tree_path_new_first ();
  gtk_tree_view_set_cursor (view, path, NULL, FALSE);
  anv_test_iterate_main_loop ();
  g_assert_cmpstr (get_visible_page (fixture, "detail_stack"), ==, "person");
  g_assert_cmpstr (anv_test_label_text (fixture->page, "personnummer_label"), ==, "19720107-****");
  g_assert_true (gtk_widget_get_visible (anv_test_find (fixture->page, "protected_label")));
  g_assert_false (gtk_widget_get_visible (anv_test_find (fixture->page, "postal_code_label")));
  g_assert_true (g_action_group_get_action_enabled (actions, "refer"));
  g_assert_false (g_action_group_get_action_enabled (actions, "start"));
  g_assert_false (g_action_group_get_action_enabled (actions, "end"));
  g_assert_true (gtk_widget_get_visible (anv_test_find (fixture->page, "refer_button")));
  g_assert_false (gtk_widget_get_visible (anv_test_find (fixture->page, "end_button")));

  /* Enter on the row: to what can be done next */
  gtk_tree_view_row_activated (view, path, NULL);
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (fixture->window)) ==
                 anv_test_find (fixture->page, "refer_button"));

  /* Show the whole number: recorded, then shown */
  search (fixture, "Anna");
  gtk_tree_view_set_cursor (view, path, NULL, FALSE);
  anv_test_iterate_main_loop ();
  g_assert_cmpstr (anv_test_label_text (fixture->page, "personnummer_label"), ==, "19850101-****");
  g_assert_cmpstr (anv_test_label_text (fixture->page, "postal_code_label"), ==, "903 25");
  show_full = anv_test_find (fixture->page, "show_full_button");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (show_full), TRUE);
  wait_for_search (fixture);
  g_assert_cmpstr (anv_test_label_text (fixture->page, "personnummer_label"), ==, "19850101-2382");
  show_full = anv_test_find (fixture->page, "show_full_button");
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (show_full)));
}

/* The newest referral in the history, as "title|state|where", its period
 * and a line "date text" per event; "" when there is none. */
static char *
describe_history (Fixture *fixture)
{
  GtkWidget *list = anv_test_find (fixture->page, "history_list");
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0);
  GString *text = g_string_new (NULL);
  GtkGrid *grid;

  if (row == NULL)
    return g_string_free (text, FALSE);

  g_assert_true (ANV_IS_REFERRAL_ROW (row));
  g_string_append_printf (text, "%s|%s|%s\n",
                          anv_test_label_text (GTK_WIDGET (row), "title_label"),
                          anv_test_label_text (GTK_WIDGET (row), "state_label"),
                          anv_test_label_text (GTK_WIDGET (row), "where_label"));
  if (gtk_widget_get_visible (anv_test_find (GTK_WIDGET (row), "period_box")))
    g_string_append_printf (text, "%s\n",
                            anv_test_label_text (GTK_WIDGET (row), "period_label"));
  grid = GTK_GRID (anv_test_find (GTK_WIDGET (row), "events_grid"));
  for (int i = 0; gtk_grid_get_child_at (grid, 0, i) != NULL; i++)
    g_string_append_printf (text, "%s %s\n",
                            gtk_label_get_text (GTK_LABEL (gtk_grid_get_child_at (grid, 0, i))),
                            gtk_label_get_text (GTK_LABEL (gtk_grid_get_child_at (grid, 1, i))));
  return g_string_free (text, FALSE);
}

/* A start reported before the earliest allowed one shows its reason in
 * the referral's history. */
static void
test_page_early_start (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr (AnvReferral) referral = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *history = NULL;
  AnvReferralInput decision = { 0 };
  GDate today, decided, started;

  anv_context_get_today (fixture->context, &today);
  anv_test_date (&decided, 2026, 10, 5);
  anv_test_date (&started, 2026, 10, 14);
  anv_test_approve_krom_provider (fixture->db);
  add_seeker (fixture, ANNA, "Anna Andersson", "90325", FALSE);
  decision.personnummer = ANNA;
  decision.level = "A";
  decision.choice = ANV_CHOICE_DEFAULT;
  decision.decided_on = &decided;
  referral = anv_referrals_decide (fixture->db, &decision, &today, &error);
  g_assert_no_error (error);
  g_assert_true (anv_referrals_start_reported (fixture->db, ANNA, &started,
                                               "Leverantören började tidigt", &today, &error));
  g_assert_no_error (error);

  anv_seekers_page_show_seeker (ANV_SEEKERS_PAGE (fixture->page), ANNA);
  wait_for_search (fixture);
  history = describe_history (fixture);
  g_assert_nonnull (strstr (history, "2026-10-14 Started, earlier than allowed: "
                                     "Leverantören började tidigt\n"));
}

/* A person opened by their number (from the work list) is listed alone,
 * not with everyone born the same day, and selected. */
static void
test_page_show_one (Fixture       *fixture,
                    gconstpointer  user_data)
{
  add_seeker (fixture, ANNA, "Anna Andersson", "90325", FALSE);
  add_seeker (fixture, "198501012390", "Anna Bengtsson", "90325", FALSE);

  anv_seekers_page_show_seeker (ANV_SEEKERS_PAGE (fixture->page), "198501012390");
  wait_for_search (fixture);
  g_assert_cmpint (gtk_tree_model_iter_n_children (get_list_model (fixture), NULL), ==, 1);
  g_assert_cmpstr (anv_test_label_text (fixture->page, "name_label"), ==, "Anna Bengtsson");
  g_assert_cmpstr (anv_test_label_text (fixture->page, "count_label"), ==, "1 job seeker");

  /* The same birth date typed: both */
  search (fixture, "19850101");
  g_assert_cmpint (gtk_tree_model_iter_n_children (get_list_model (fixture), NULL), ==, 2);
}

/* The buttons for the selected person are the events the core allows, along
 * a referral's life: refer; then start, change provider and end; after the
 * start no second one; after the end a new referral. The history shows each
 * step, the planned start until the start. */
static void
test_page_life_cycle (Fixture       *fixture,
                          gconstpointer  user_data)
{
  static const struct
  {
    const char *id;
    const char *action;
  } buttons[] = {
    { "refer_button", "refer" },
    { "start_button", "start" },
    { "change_provider_button", "change-provider" },
    { "extend_button", "extend" },
    { "end_button", "end" },
  };
  static const struct
  {
    const char *step;
    gboolean    shown[G_N_ELEMENTS (buttons)];
    const char *history;
  } steps[] = {
    { "registered", { TRUE, FALSE, FALSE, FALSE, FALSE }, "" },
    { "decided", { FALSE, TRUE, TRUE, TRUE, TRUE },
      "Rusta och matcha, level A|Open|Decided in Umeå\n"
      "The period ends on April 18, 2027 (6 of at most 12 months)\n"
      "2026-10-05 Referred by tester\n"
      "2026-10-05 Provider Rusta Norr AB, the no-choice default (no choice made)\n"
      "2026-10-19 Planned start\n" },
    { "started", { FALSE, FALSE, TRUE, TRUE, TRUE },
      "Rusta och matcha, level A|Open|Decided in Umeå\n"
      "The period ends on April 25, 2027 (6 of at most 12 months)\n"
      "2026-10-05 Referred by tester\n"
      "2026-10-05 Provider Rusta Norr AB, the no-choice default (no choice made)\n"
      "2026-10-26 Started\n" },
    { "ended", { TRUE, FALSE, FALSE, FALSE, FALSE },
      "Rusta och matcha, level A|Ended|Decided in Umeå\n"
      "Period up to April 25, 2027 (6 of at most 12 months)\n"
      "2026-10-05 Referred by tester\n"
      "2026-10-05 Provider Rusta Norr AB, the no-choice default (no choice made)\n"
      "2026-10-26 Started\n"
      "2026-11-22 Ended with a result: Job\n" },
  };
  GActionGroup *actions = gtk_widget_get_action_group (fixture->page, "seekers");
  g_autoptr (AnvReferral) referral = NULL;
  AnvReferralInput decision = { 0 };
  GDate today, decided, started;

  anv_context_get_today (fixture->context, &today);
  anv_test_date (&decided, 2026, 10, 5);
  anv_test_date (&started, 2026, 10, 26);
  anv_test_approve_krom_provider (fixture->db);
  add_seeker (fixture, ANNA, "Anna Andersson", "90325", FALSE);
  anv_seekers_page_show_seeker (ANV_SEEKERS_PAGE (fixture->page), ANNA);
  wait_for_search (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr (GError) error = NULL;

      switch (i)
        {
        case 1:
          decision.personnummer = ANNA;
          decision.level = "A";
          decision.choice = ANV_CHOICE_DEFAULT;
          decision.decided_on = &decided;
          referral = anv_referrals_decide (fixture->db, &decision, &today, &error);
          break;
        case 2:
          anv_referrals_start (fixture->db, ANNA, &started, &today, &error);
          break;
        case 3:
          anv_referrals_end (fixture->db, ANNA, "jobb", NULL, &today, &error);
          break;
        default:
          break;
        }
      g_assert_no_error (error);
      wait_for_search (fixture);

      g_test_message ("%s", steps[i].step);
      g_assert_cmpstr (anv_test_label_text (fixture->page, "name_label"), ==, "Anna Andersson");
      {
        g_autofree char *history = describe_history (fixture);

        g_assert_cmpstr (history, ==, steps[i].history);
      }
      for (guint j = 0; j < G_N_ELEMENTS (buttons); j++)
        {
          g_assert_cmpint (gtk_widget_get_visible (anv_test_find (fixture->page, buttons[j].id)),
                           ==, steps[i].shown[j]);
          g_assert_cmpint (g_action_group_get_action_enabled (actions, buttons[j].action), ==,
                           steps[i].shown[j]);
        }
    }
}

/* Decided before the choice: the page says until when the job seeker may
 * choose and offers Register Choice and Assign No-choice Default, not a
 * start nor a change of provider; once chosen, the start. */
static void
test_page_pending (Fixture       *fixture,
                   gconstpointer  user_data)
{
  GActionGroup *actions = gtk_widget_get_action_group (fixture->page, "seekers");
  g_autoptr (AnvReferral) referral = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *history = NULL;
  g_autofree char *chosen = NULL;
  AnvReferralInput decision = { 0 };
  GDate today, decided, on;

  anv_context_get_today (fixture->context, &today);
  anv_test_date (&decided, 2026, 10, 5);
  anv_test_approve_krom_provider (fixture->db);
  add_seeker (fixture, ANNA, "Anna Andersson", "90325", FALSE);
  decision.personnummer = ANNA;
  decision.level = "A";
  decision.choice = ANV_CHOICE_PENDING;
  decision.decided_on = &decided;
  referral = anv_referrals_decide (fixture->db, &decision, &today, &error);
  g_assert_no_error (error);

  anv_seekers_page_show_seeker (ANV_SEEKERS_PAGE (fixture->page), ANNA);
  wait_for_search (fixture);
  history = describe_history (fixture);
  g_assert_nonnull (strstr (history, "2026-10-05 No provider yet: waiting for the job seeker’s "
                                     "choice until 2026-10-19\n"));
  g_assert_true (gtk_widget_get_visible (anv_test_find (fixture->page, "choose_button")));
  g_assert_true (gtk_widget_get_visible (anv_test_find (fixture->page,
                                                        "assign_default_button")));
  g_assert_false (gtk_widget_get_visible (anv_test_find (fixture->page, "start_button")));
  g_assert_false (gtk_widget_get_visible (anv_test_find (fixture->page,
                                                         "change_provider_button")));
  g_assert_true (gtk_widget_get_visible (anv_test_find (fixture->page, "end_button")));
  g_assert_true (g_action_group_get_action_enabled (actions, "choose"));
  g_assert_true (g_action_group_get_action_enabled (actions, "assign-default"));
  g_assert_false (g_action_group_get_action_enabled (actions, "start"));

  anv_test_date (&on, 2026, 10, 12);
  g_assert_true (anv_referrals_choose (fixture->db, referral->id, "2021002114", FALSE, &on,
                                       &today, &error));
  g_assert_no_error (error);
  wait_for_search (fixture);
  chosen = describe_history (fixture);
  g_assert_nonnull (strstr (chosen, "2026-10-12 Provider Rusta Norr AB, chosen by the job "
                                    "seeker\n"));
  g_assert_null (strstr (chosen, "No provider yet"));
  g_assert_false (gtk_widget_get_visible (anv_test_find (fixture->page, "choose_button")));
  g_assert_true (gtk_widget_get_visible (anv_test_find (fixture->page, "start_button")));
  g_assert_false (g_action_group_get_action_enabled (actions, "assign-default"));
}

static gboolean
period_is_warning (GtkWidget *root)
{
  GtkWidget *label = anv_test_find (root, "period_label");

  return gtk_widget_get_visible (anv_test_find (root, "period_icon"))
         && gtk_style_context_has_class (gtk_widget_get_style_context (label), "warning");
}

static gboolean
extend_dialog_is_gone (gpointer user_data)
{
  return anv_test_find_toplevel (ANV_TYPE_REFERRAL_EVENT_DIALOG) == NULL;
}

/* The open referral's period above the actions and in its row; Extend
 * while the core allows it, through the dialog, which says the new last
 * day before Save; then the new last day shows and Extend goes (the
 * maximum is reached). A period that ran out is a warning in both. */
static void
test_page_period (Fixture       *fixture,
                  gconstpointer  user_data)
{
  GActionGroup *actions = gtk_widget_get_action_group (fixture->page, "seekers");
  g_autoptr (AnvReferral) referral = NULL;
  g_autoptr (AnvReferral) overdue = NULL;
  g_autoptr (GError) error = NULL;
  AnvReferralInput decision = { 0 };
  GtkListBoxRow *row;
  GtkWidget *dialog;
  GDate today, decided;

  anv_context_get_today (fixture->context, &today);
  anv_test_approve_krom_provider (fixture->db);
  add_seeker (fixture, ANNA, "Anna Andersson", "90325", FALSE);
  add_seeker (fixture, ANDERS, "Anders Andersson", "90325", FALSE);

  decision.level = "A";
  decision.choice = ANV_CHOICE_DEFAULT;
  decision.decided_on = &decided;
  anv_test_date (&decided, 2026, 10, 5);
  decision.personnummer = ANNA;
  referral = anv_referrals_decide (fixture->db, &decision, &today, &error);
  g_assert_no_error (error);
  /* Planned start 2026-01-20: six months ran out on 2026-07-19 */
  anv_test_date (&decided, 2026, 1, 5);
  decision.personnummer = ANDERS;
  overdue = anv_referrals_decide (fixture->db, &decision, &today, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (overdue->period_end, ==, "2026-07-19");

  anv_seekers_page_show_seeker (ANV_SEEKERS_PAGE (fixture->page), ANNA);
  wait_for_search (fixture);
  g_assert_true (gtk_widget_get_visible (anv_test_find (fixture->page, "period_box")));
  g_assert_cmpstr (anv_test_label_text (fixture->page, "period_label"), ==,
                   "The period ends on April 18, 2027 (6 of at most 12 months)");
  g_assert_false (period_is_warning (fixture->page));
  g_assert_true (gtk_widget_get_visible (anv_test_find (fixture->page, "extend_button")));
  g_assert_true (g_action_group_get_action_enabled (actions, "extend"));

  /* Extend: today by default, the new last day said before Save */
  g_action_group_activate_action (actions, "extend", NULL);
  anv_test_iterate_main_loop ();
  dialog = anv_test_find_toplevel (ANV_TYPE_REFERRAL_EVENT_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Extend Referral");
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (anv_test_find (dialog, "date_entry"))), ==,
                   "2026-11-22");
  g_assert_cmpstr (anv_test_label_text (dialog, "confirm_label"), ==,
                   "Extend the referral of 19850101-**** Anna Andersson to Rusta och matcha by "
                   "6 months on November 22, 2026: the period then ends on October 18, 2027.");
  gtk_button_clicked (GTK_BUTTON (anv_test_find (dialog, "save_button")));
  g_assert_true (anv_test_wait_until (extend_dialog_is_gone, NULL, 20000));
  wait_for_search (fixture);

  g_assert_cmpstr (anv_test_label_text (fixture->page, "period_label"), ==,
                   "The period ends on October 18, 2027 (12 of at most 12 months)");
  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (anv_test_find (fixture->page,
                                                                     "history_list")), 0);
  g_assert_cmpstr (anv_test_label_text (GTK_WIDGET (row), "period_label"), ==,
                   "The period ends on October 18, 2027 (12 of at most 12 months)");
  /* At the maximum: no more extensions offered */
  g_assert_false (gtk_widget_get_visible (anv_test_find (fixture->page, "extend_button")));
  g_assert_false (g_action_group_get_action_enabled (actions, "extend"));
  g_assert_true (gtk_widget_get_visible (anv_test_find (fixture->page, "end_button")));

  /* Run out and still open: a warning, above the actions and in the row */
  anv_seekers_page_show_seeker (ANV_SEEKERS_PAGE (fixture->page), ANDERS);
  wait_for_search (fixture);
  g_assert_cmpstr (anv_test_label_text (fixture->page, "period_label"), ==,
                   "The period ran out on July 19, 2026 — extend or end the referral");
  g_assert_true (period_is_warning (fixture->page));
  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (anv_test_find (fixture->page,
                                                                     "history_list")), 0);
  g_assert_true (period_is_warning (GTK_WIDGET (row)));
}

/* Another save in the database: the list follows and keeps the selection. */
static void
test_page_refresh (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autofree char *rows = NULL;
  GtkTreeView *view = GTK_TREE_VIEW (anv_test_find (fixture->page, "seekers_view"));
  g_autoptr (GtkTreePath) path = gtk_tree_path_new_from_indices (1, -1);
  GtkTreeSelection *selection = gtk_tree_view_get_selection (view);
  GtkTreeModel *model;
  GtkTreeIter iter;
  gint64 id = 0;

  add_seeker (fixture, ANNA, "Anna Andersson", "903 25", FALSE);
  add_seeker (fixture, ANDERS, "Anders Berg", "111 22", FALSE);

  search (fixture, "and");
  gtk_tree_view_set_cursor (view, path, NULL, FALSE);
  anv_test_iterate_main_loop ();
  g_assert_cmpstr (anv_test_label_text (fixture->page, "name_label"), ==, "Anna Andersson");

  /* Comes first by name: the selected person moves down a row */
  add_seeker (fixture, "199001022384", "Alva Andreasson", "111 22", FALSE);
  wait_for_search (fixture);

  rows = describe_rows (fixture);
  g_assert_cmpstr (rows, ==,
                   "19900102-****|Alva Andreasson|Stockholm|\n"
                   "19900101-****|Anders Berg|Stockholm|\n"
                   "19850101-****|Anna Andersson|Umeå|\n");
  g_assert_true (gtk_tree_selection_get_selected (selection, &model, &iter));
  gtk_tree_model_get (model, &iter, ANV_SEEKER_LIST_COLUMN_ID, &id, -1);
  g_assert_cmpint (anv_seeker_list_model_find (ANV_SEEKER_LIST_MODEL (model), id), ==, 2);
  g_assert_cmpstr (anv_test_label_text (fixture->page, "name_label"), ==, "Anna Andersson");
}


/*
 * The form
 */

static void
test_form_register (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr (AnvSeeker) seeker = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *rows = NULL;
  GtkWidget *form, *personnummer, *name, *postal_code, *municipality;
  int response = 0;
  gulong hook;
  GDate today;

  form = open_form (fixture);
  hook = watch_responses (&response);
  personnummer = anv_test_find (form, "personnummer_entry");
  name = anv_test_find (form, "name_entry");
  postal_code = anv_test_find (form, "postal_code_entry");
  municipality = anv_test_find (form, "municipality_entry");

  g_assert_false (save_is_sensitive (form));
  assert_field_ok (form, "personnummer_entry");

  /* A wrong check digit: the error shows as it is typed */
  type_text (personnummer, "19850101-2383");
  assert_field_error (form, "personnummer_entry", "personnummer_message");
  g_assert_nonnull (strstr (anv_test_label_text (form, "personnummer_message"), "check digit"));
  type_text (name, "Anna Andersson");
  type_text (postal_code, "903 25");
  g_assert_false (save_is_sensitive (form));

  /* The postal code filled in the municipality */
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (municipality)), ==, "Umeå");
  assert_field_ok (form, "postal_code_entry");
  assert_field_ok (form, "municipality_entry");

  /* Half a number is an error too, and the good one is understood */
  clear_entry (personnummer);
  type_text (personnummer, "850101");
  assert_field_error (form, "personnummer_entry", "personnummer_message");
  g_assert_false (save_is_sensitive (form));
  type_text (personnummer, "-2382");
  assert_field_ok (form, "personnummer_entry");
  g_assert_cmpstr (anv_test_label_text (form, "personnummer_message"), ==,
                   "19850101-2382 · Woman, born January 1, 1985");
  g_assert_true (save_is_sensitive (form));

  /* An unknown municipality, then a known one */
  clear_entry (municipality);
  type_text (municipality, "Atlantis");
  assert_field_error (form, "municipality_entry", "municipality_message");
  g_assert_false (save_is_sensitive (form));
  clear_entry (municipality);
  type_text (municipality, "umeå");
  assert_field_ok (form, "municipality_entry");
  g_assert_true (save_is_sensitive (form));
  /* Folded as names are, compatibility form first: a mathematical bold
   * capital U (which has no lower case of its own) counts as "u" */
  clear_entry (municipality);
  type_text (municipality, "\U0001D414ME\u00C5");
  assert_field_ok (form, "municipality_entry");
  g_assert_true (save_is_sensitive (form));

  /* Another municipality than the postal code's */
  clear_entry (municipality);
  type_text (municipality, "Stockholm");
  assert_field_error (form, "municipality_entry", "municipality_message");
  g_assert_false (save_is_sensitive (form));
  clear_entry (municipality);
  g_assert_true (save_is_sensitive (form));

  /* An empty name, once left, is an error */
  clear_entry (name);
  assert_field_error (form, "name_entry", "name_message");
  g_assert_false (save_is_sensitive (form));
  type_text (name, "Anna Andersson");
  g_assert_true (save_is_sensitive (form));

  /* Ctrl+Enter saves from anywhere in the form, a check box too */
  gtk_widget_grab_focus (anv_test_find (form, "protected_check"));
  anv_test_send_key (form, GDK_KEY_Return, GDK_CONTROL_MASK);
  anv_test_iterate_main_loop ();
  g_assert_cmpint (response, ==, GTK_RESPONSE_OK);
  unwatch_responses (hook);

  anv_date_today (&today);
  seeker = anv_seekers_get (fixture->db, "198501012382", &today, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (seeker->name, ==, "Anna Andersson");
  g_assert_cmpstr (seeker->municipality_code, ==, "2480");
  g_assert_cmpstr (seeker->postal_code, ==, "90325");
  g_assert_false (seeker->protected_identity);

  /* The page shows and selects the new person */
  wait_for_search (fixture);
  g_assert_null (find_form ());
  rows = describe_rows (fixture);
  g_assert_cmpstr (rows, ==, "19850101-****|Anna Andersson|Umeå|\n");
  g_assert_cmpstr (get_visible_page (fixture, "detail_stack"), ==, "person");
  g_assert_cmpstr (anv_test_label_text (fixture->page, "name_label"), ==, "Anna Andersson");
  g_assert_cmpstr (anv_test_label_text (fixture->page, "personnummer_label"), ==, "19850101-****");
  /* Found by what the masked number shows, never the whole number. */
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (anv_test_find (fixture->page, "search_entry"))),
                   ==, "19850101");
}

/* Hostile values typed (or pasted) into the form: each field shows an
 * error it can show safely, or accepts the value. */
static void
test_form_hostile (Fixture       *fixture,
                   gconstpointer  user_data)
{
  const struct
  {
    const char *field;
    const char *text;
    const char *word;    /* in the field's message; NULL: the value is accepted */
  } cases[] = {
    { "name", "Anna\u202e" "Andersson", "direction" },
    { "name", "Anna\u2028" "Andersson", "one line" },
    { "name", "Anna\x1b[2J", "control character" },
    { "name", "Anna\tAndersson", "control character" },
    { "name", "'; DROP TABLE seekers; --", NULL },
    { "name", "=1+1", NULL },
    { "personnummer", "'; DROP TABLE seekers; --", "digit" },
    { "personnummer", "\u202e" "19850101-2382", "digit" },
    { "personnummer", "0000-00-00", "number" },
    { "municipality", "0180'; DROP TABLE seeker; --", "municipality" },
    { "postal_code", "=1+1", "postal code" },
  };
  g_autofree char *long_text = g_strnfill (100 * 1024, 'a');
  GtkWidget *form = open_form (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (cases) + 1; i++)
    {
      gboolean is_long = i == G_N_ELEMENTS (cases);
      const char *field = is_long ? "name" : cases[i].field;
      const char *word = is_long ? "characters" : cases[i].word;
      g_autofree char *entry_id = g_strconcat (field, "_entry", NULL);
      g_autofree char *message_id = g_strconcat (field, "_message", NULL);
      GtkWidget *entry = anv_test_find (form, entry_id);
      const char *message;

      g_test_message ("case %u: %s", i, field);
      clear_entry (entry);
      if (is_long)
        {
          gtk_entry_set_text (GTK_ENTRY (entry), long_text);
          anv_test_iterate_main_loop ();
        }
      else
        type_text (entry, cases[i].text);

      message = anv_test_label_text (form, message_id);
      g_assert_true (g_utf8_validate (message, -1, NULL));
      g_assert_cmpuint (strlen (message), <, 8192);
      for (const char *p = message; *p != '\0'; p = g_utf8_next_char (p))
        g_assert_false (g_unichar_iscntrl (g_utf8_get_char (p)) || g_utf8_get_char (p) == 0x202E);
      if (word == NULL)
        assert_field_ok (form, entry_id);
      else
        {
          assert_field_error (form, entry_id, message_id);
          if (strstr (message, word) == NULL)
            g_error ("case %u: “%s” does not say “%s”", i, message, word);
        }
      clear_entry (entry);
    }
}

/* A number registered already links to the person. */
static void
test_form_existing (Fixture       *fixture,
                    gconstpointer  user_data)
{
  GtkWidget *form, *existing;
  int response = 0;
  gulong hook;

  add_seeker (fixture, ANDERS, "Anders Berg", "111 22", FALSE);
  anv_test_iterate_main_loop ();

  form = open_form (fixture);
  hook = watch_responses (&response);
  type_text (anv_test_find (form, "personnummer_entry"), "9001012385");
  assert_field_error (form, "personnummer_entry", "personnummer_message");
  g_assert_cmpstr (anv_test_label_text (form, "personnummer_message"), ==,
                   "19900101-**** is registered already.");
  g_assert_false (save_is_sensitive (form));

  existing = anv_test_find (form, "existing_button");
  g_assert_true (gtk_widget_get_visible (existing));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (existing)), ==, "_Open 19900101-****");
  gtk_button_clicked (GTK_BUTTON (existing));
  anv_test_iterate_main_loop ();
  g_assert_cmpint (response, ==, ANV_SEEKER_FORM_RESPONSE_EXISTING);
  unwatch_responses (hook);

  wait_for_search (fixture);
  g_assert_cmpstr (anv_test_label_text (fixture->page, "name_label"), ==, "Anders Berg");
}

/* Escape cancels; a failed save keeps everything typed. */
static void
test_form_cancel_and_failure (Fixture       *fixture,
                              gconstpointer  user_data)
{
  GtkWidget *form, *personnummer, *question;
  int response = 0;
  gulong hook;

  form = open_form (fixture);
  hook = watch_responses (&response);
  personnummer = anv_test_find (form, "personnummer_entry");
  type_text (personnummer, "199001012385");
  type_text (anv_test_find (form, "name_entry"), "Anders Berg");
  /* Set at once: typed key by key, the entry's inline completion runs on a
   * timer and may land between two keys. */
  gtk_entry_set_text (GTK_ENTRY (anv_test_find (form, "municipality_entry")), "Stockholm");
  anv_test_iterate_main_loop ();
  g_assert_true (save_is_sensitive (form));

  /* Someone else registers the person meanwhile */
  add_seeker (fixture, ANDERS, "Anders Berg", "111 22", FALSE);
  gtk_button_clicked (GTK_BUTTON (anv_test_find (form, "save_button")));
  anv_test_iterate_main_loop ();
  g_assert_cmpint (response, ==, RESPONSE_SAVE);
  g_assert_true (find_form () == form);
  g_assert_true (gtk_widget_get_visible (anv_test_find (form, "save_error_bar")));
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (personnummer)), ==, "199001012385");
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (anv_test_find (form, "name_entry"))), ==,
                   "Anders Berg");
  assert_field_error (form, "personnummer_entry", "personnummer_message");
  g_assert_false (save_is_sensitive (form));

  /* Escape, with what was typed: the form asks first, and Keep Editing
   * (the default, and the question's Escape) keeps it */
  g_signal_emit_by_name (form, "close");
  anv_test_iterate_main_loop ();
  question = anv_test_find_toplevel (GTK_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (question);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (question)) == GTK_WINDOW (form));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (question)));
  g_assert_cmpint (response, ==, RESPONSE_SAVE);
  g_signal_emit_by_name (question, "close");
  anv_test_iterate_main_loop ();
  g_assert_null (anv_test_find_toplevel (GTK_TYPE_MESSAGE_DIALOG));
  g_assert_true (find_form () == form);
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (personnummer)), ==, "199001012385");

  /* Asked again, Discard closes it */
  g_signal_emit_by_name (form, "close");
  anv_test_iterate_main_loop ();
  question = anv_test_find_toplevel (GTK_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (question);
  gtk_dialog_response (GTK_DIALOG (question), 1);
  anv_test_iterate_main_loop ();
  g_assert_cmpint (response, ==, GTK_RESPONSE_CANCEL);
  unwatch_responses (hook);
  g_assert_null (find_form ());
  g_assert_null (anv_test_find_toplevel (GTK_TYPE_MESSAGE_DIALOG));

  /* Nothing typed: Escape closes at once */
  form = open_form (fixture);
  hook = watch_responses (&response);
  g_signal_emit_by_name (form, "close");
  anv_test_iterate_main_loop ();
  g_assert_null (anv_test_find_toplevel (GTK_TYPE_MESSAGE_DIALOG));
  g_assert_cmpint (response, ==, GTK_RESPONSE_CANCEL);
  unwatch_responses (hook);
  g_assert_null (find_form ());
}


/*
 * The lazy model
 */

static void
row_error_cb (guint       line,
              const char *column,
              const char *message,
              gpointer    user_data)
{
  guint *n_errors = user_data;

  if ((*n_errors)++ < 5)
    g_test_message ("Line %u, %s: %s", line, column != NULL ? column : "-", message);
}

/* Every one of Skatteverket's test personnummer, registered through a CSV
 * import. Returns how many. */
static guint
import_test_personnummer (Fixture *fixture)
{
  g_autofree char *json = g_test_build_filename (G_TEST_DIST, "..", "data",
                                                 "skatteverket_testpersonnummer.json", NULL);
  g_autofree char *csv_path = g_build_filename (fixture->tmpdir, "seekers.csv", NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GString) csv = g_string_new ("personnummer;name;municipality\n");
  g_autoptr (GError) error = NULL;
  guint n_errors = 0;
  AnvImportReport report = { row_error_cb, NULL, &n_errors, };
  const char *codes[] = { "0180", "1480", "1280", "2480", "0380" };
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *numbers;
  GDate today;
  guint n = 0;

  json_parser_load_from_file (parser, json, &error);
  g_assert_no_error (error);
  numbers = json_node_get_array (json_parser_get_root (parser));

  /* The published list has a few numbers twice. */
  for (guint i = 0; i < json_array_get_length (numbers); i++)
    {
      const char *number = json_array_get_string_element (numbers, i);

      if (!g_hash_table_add (seen, (gpointer) number))
        continue;
      g_string_append_printf (csv, "%s;Test%u Testsson;%s\n", number, n,
                              codes[n % G_N_ELEMENTS (codes)]);
      n++;
    }
  g_file_set_contents (csv_path, csv->str, csv->len, &error);
  g_assert_no_error (error);

  anv_date_today (&today);
  g_assert_true (anv_seekers_import (fixture->db, csv_path, &today, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_stored, ==, n);

  return n;
}

static void
test_page_lazy (Fixture       *fixture,
                gconstpointer  user_data)
{
  GtkTreeView *view = GTK_TREE_VIEW (anv_test_find (fixture->page, "seekers_view"));
  AnvSeekerListModel *model;
  g_autoptr (GtkTreePath) last = NULL;
  g_autofree char *count = NULL;
  gint64 start;
  guint n, loaded;

  n = import_test_personnummer (fixture);
  g_assert_cmpuint (n, >, 40000);
  anv_test_iterate_main_loop ();

  /* Every one of them matches */
  start = g_get_monotonic_time ();
  gtk_entry_set_text (GTK_ENTRY (anv_test_find (fixture->page, "search_entry")), "testsson");
  wait_for_search (fixture);
  g_test_message ("Search and first rows drawn for %u job seekers: %.0f ms (150 ms of which "
                  "GtkSearchEntry waits)", n, (g_get_monotonic_time () - start) / 1000.0);

  /* The first ANV_SEEKERS_PAGE_MAX_RESULTS of them, newest first */
  g_assert_cmpuint (n, >, ANV_SEEKERS_PAGE_MAX_RESULTS);
  n = ANV_SEEKERS_PAGE_MAX_RESULTS;
  model = ANV_SEEKER_LIST_MODEL (get_list_model (fixture));
  g_assert_nonnull (model);
  g_assert_cmpuint (anv_seeker_list_model_get_n_rows (model), ==, n);
  g_assert_cmpint (gtk_tree_model_iter_n_children (GTK_TREE_MODEL (model), NULL), ==, n);
  /* Grouped by thousands, as English writes it */
  count = g_strdup_printf ("The first %u,%03u job seekers; type more to find fewer",
                           n / 1000, n % 1000);
  g_assert_cmpstr (anv_test_label_text (fixture->page, "count_label"), ==, count);

  /* Drawn: only the first page was read, and the one GtkTreeView
   * measures a row in (the middle one, in fixed-height mode) */
  loaded = anv_seeker_list_model_get_pages_loaded (model);
  g_test_message ("Pages read after the first draw: %u of %u", loaded,
                  (n + ANV_SEEKER_LIST_PAGE_SIZE - 1) / ANV_SEEKER_LIST_PAGE_SIZE);
  g_assert_cmpuint (loaded, >=, 1);
  g_assert_cmpuint (loaded, <=, 2);

  /* To the end: a page or two more, not everything between */
  last = gtk_tree_path_new_from_indices (n - 1, -1);
  gtk_tree_view_scroll_to_cell (view, last, NULL, TRUE, 1.0, 0.0);
  anv_test_wait_ms (100);
  loaded = anv_seeker_list_model_get_pages_loaded (model);
  g_test_message ("Pages read after scrolling to the end: %u", loaded);
  g_assert_cmpuint (loaded, <=, 5);

  /* The last row is the last test number's */
  {
    GtkTreeIter iter;
    g_autofree char *name = NULL;

    g_assert_true (gtk_tree_model_get_iter (GTK_TREE_MODEL (model), &iter, last));
    gtk_tree_model_get (GTK_TREE_MODEL (model), &iter, ANV_SEEKER_LIST_COLUMN_NAME, &name, -1);
    g_assert_true (g_str_has_suffix (name, " Testsson"));
  }

  /* A personnummer prefix: a year's worth */
  search (fixture, "1985");
  model = ANV_SEEKER_LIST_MODEL (get_list_model (fixture));
  g_assert_cmpuint (anv_seeker_list_model_get_n_rows (model), >, 100);
  g_assert_cmpuint (anv_seeker_list_model_get_pages_loaded (model), <=, 2);
}

int
main (int   argc,
      char *argv[])
{
  /* Today, pinned: the personnummer are read against it. */
  g_setenv ("ANVISA_TODAY", "2026-11-22", TRUE);

  if (!anv_test_init_gui (&argc, &argv, "/seekers-page/no-display"))
    return g_test_run ();

  /* A scroll goes straight to its end, not through the rows between:
   * the tests count the pages read. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add ("/seekers-page/empty", Fixture, NULL,
              fixture_set_up, test_page_empty, fixture_tear_down);
  g_test_add ("/seekers-page/search", Fixture, NULL,
              fixture_set_up, test_page_search, fixture_tear_down);
  g_test_add ("/seekers-page/life-cycle", Fixture, NULL,
              fixture_set_up, test_page_life_cycle, fixture_tear_down);
  g_test_add ("/seekers-page/show-one", Fixture, NULL, fixture_set_up, test_page_show_one,
              fixture_tear_down);
  g_test_add ("/seekers-page/pending", Fixture, NULL, fixture_set_up, test_page_pending,
              fixture_tear_down);
  g_test_add ("/seekers-page/early-start", Fixture, NULL, fixture_set_up, test_page_early_start,
              fixture_tear_down);
  g_test_add ("/seekers-page/period", Fixture, NULL,
              fixture_set_up, test_page_period, fixture_tear_down);
  g_test_add ("/seekers-page/refresh", Fixture, NULL,
              fixture_set_up, test_page_refresh, fixture_tear_down);
  g_test_add ("/seekers-page/form/register", Fixture, NULL,
              fixture_set_up, test_form_register, fixture_tear_down);
  g_test_add ("/seekers-page/form/hostile", Fixture, NULL,
              fixture_set_up, test_form_hostile, fixture_tear_down);
  g_test_add ("/seekers-page/form/existing", Fixture, NULL,
              fixture_set_up, test_form_existing, fixture_tear_down);
  g_test_add ("/seekers-page/form/cancel-and-failure", Fixture, NULL,
              fixture_set_up, test_form_cancel_and_failure, fixture_tear_down);
  g_test_add ("/seekers-page/lazy", Fixture, NULL,
              fixture_set_up, test_page_lazy, fixture_tear_down);

  return g_test_run ();
}
