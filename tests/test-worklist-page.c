/* test-worklist-page.c — the work list in the window: its rows and counts, each row opens its action
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "anv-approvals.h"
#include "anv-context.h"
#include "anv-date.h"
#include "anv-delivery-areas.h"
#include "anv-gui-test-util.h"
#include "anv-providers.h"
#include "anv-referral-dialog.h"
#include "anv-referral-event-dialog.h"
#include "anv-referrals.h"
#include "anv-seeker-list-model.h"
#include "anv-seekers.h"
#include "anv-window.h"
#include "anv-worklist-page.h"

#define STOM_STHLM "2021005448"   /* approved in Stockholm to 2020-09-20 */

typedef struct
{
  char      *dir;
  AnvDb     *db;
  GDate      today;      /* 2020-09-15, as ANVISA_TODAY pins it */
  GPtrArray *numbers;
  gint64     seeker_ids[4];
} Fixture;

enum { ANNA, BO, CILLA, SECRET };

static void
refer (Fixture    *f,
       guint       who,
       const char *name,
       gboolean    protected_identity,
       const char *municipality,
       const char *orgnr,
       const char *decided,
       const char *started)
{
  const char *pnr = g_ptr_array_index (f->numbers, who);
  AnvSeekerInput seeker_input = { pnr, name, municipality, NULL, protected_identity };
  gboolean krom = strcmp (municipality, "2480") == 0;
  AnvReferralInput input = { 0 };
  g_autoptr (AnvSeeker) seeker = NULL;
  g_autoptr (AnvReferral) referral = NULL;
  g_autoptr (GError) error = NULL;
  GDate decided_on, started_on;

  seeker = anv_seekers_add (f->db, &seeker_input, &f->today, &error);
  g_assert_no_error (error);
  f->seeker_ids[who] = seeker->id;
  g_assert_true (anv_date_parse (decided, &decided_on, NULL));
  input.personnummer = pnr;
  input.service = krom ? ANV_SERVICE_KROM : ANV_SERVICE_STOM;
  input.provider_orgnr = orgnr;
  input.level = krom ? "A" : "1";
  input.choice = ANV_CHOICE_OWN;
  input.decided_on = &decided_on;
  referral = anv_referrals_decide (f->db, &input, &f->today, &error);
  g_assert_no_error (error);
  if (started != NULL)
    {
      g_assert_true (anv_date_parse (started, &started_on, NULL));
      g_assert_true (anv_referrals_start (f->db, pnr, &started_on, &f->today, &error));
      g_assert_no_error (error);
    }
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  static const char *const stockholm[] = { "0180", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvProvider) provider = NULL;
  GDate from, to;

  f->db = anv_test_open_db (&f->dir);
  anv_test_date (&f->today, 2020, 9, 15);
  f->numbers = anv_test_load_personnummer ("1960", "2000", TRUE, 4);
  anv_test_approve_krom_provider (f->db);
  provider = anv_providers_add (f->db, STOM_STHLM, "Matchning Syd AB", "0180", &f->today,
                                &error);
  g_assert_no_error (error);
  g_assert_true (anv_areas_add (f->db, "Storstad", ANV_SERVICE_STOM, stockholm, &error));
  anv_test_date (&from, 2014, 1, 1);
  anv_test_date (&to, 2020, 9, 20);
  g_assert_true (anv_providers_approve (f->db, STOM_STHLM, "Storstad", &from, &to, &f->today,
                                        &error));
  g_assert_no_error (error);

  /* Start overdue (planned 2020-08-24); overdue (last day 2020-08-31);
   * provider leaving (approved to 2020-09-20, last day 2020-09-30); start
   * overdue, protected. */
  refer (f, ANNA, "Anna Start", FALSE, "2480", "2021002114", "2020-08-10", NULL);
  refer (f, BO, "Bo Slut", FALSE, "0180", STOM_STHLM, "2020-05-04", "2020-06-01");
  refer (f, CILLA, "Cilla Flytt", FALSE, "0180", STOM_STHLM, "2020-05-04", "2020-07-01");
  refer (f, SECRET, "Hemlig Person", TRUE, "2480", "2021002114", "2020-08-03", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  anv_test_close_db (&f->db, &f->dir);
  g_ptr_array_unref (f->numbers);
}

static const char *
accessible_name (GtkWidget *widget)
{
  return atk_object_get_name (gtk_widget_get_accessible (widget));
}

/* The row whose accessible name has @text, or NULL. */
static GtkWidget *
find_row (GtkWidget  *page,
          const char *text)
{
  g_autoptr (GList) rows = gtk_container_get_children (GTK_CONTAINER (anv_test_find (page,
                                                                                      "list_box")));

  for (GList *l = rows; l != NULL; l = l->next)
    if (strstr (accessible_name (l->data), text) != NULL)
      return l->data;
  return NULL;
}

static guint
count_rows (GtkWidget *page)
{
  g_autoptr (GList) rows = gtk_container_get_children (GTK_CONTAINER (anv_test_find (page,
                                                                                      "list_box")));

  return g_list_length (rows);
}

/* The rows, the counts in the title, and the empty state. */
static void
test_rows (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr (AnvContext) context = anv_context_new (f->db, NULL);
  g_autoptr (GError) error = NULL;
  GtkWidget *page = anv_worklist_page_new (context);
  GtkWidget *window = anv_test_show_in_window (page, 1000, 600);
  GtkWidget *row;
  GDate earlier, ended_on;

  g_assert_cmpuint (anv_worklist_page_get_total (ANV_WORKLIST_PAGE (page)), ==, 4);
  g_assert_cmpstr (anv_worklist_page_get_title (ANV_WORKLIST_PAGE (page)), ==, "To Do (4)");
  /* Three sections, four rows. */
  g_assert_cmpuint (count_rows (page), ==, 7);
  g_assert_nonnull (strstr (anv_test_label_text (page, "counts_label"),
                            "Overdue 1, Start Overdue 2, Provider Leaving 1, Period Ending 0"));
  g_assert_nonnull (find_row (page, "Overdue (1): End the referral"));
  row = find_row (page, "Bo Slut");
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (accessible_name (row), "2020-08-31, 15 days late. End the referral"));
  g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));
  row = find_row (page, "Cilla Flytt");
  g_assert_nonnull (strstr (accessible_name (row), "Change the provider: Matchning Syd AB"));
  /* The protected person, first of the starts (the earlier date), unnamed. */
  g_assert_nonnull (find_row (page, "Protected identity, KROM in Umeå, 2020-08-17"));
  g_assert_null (find_row (page, "Hemlig"));

  /* A save anywhere: the list follows. */
  anv_test_date (&ended_on, 2020, 8, 31);
  g_assert_true (anv_referrals_end (f->db, g_ptr_array_index (f->numbers, BO), "tiden_ute",
                                    &ended_on, &f->today, &error));
  g_assert_no_error (error);
  anv_test_iterate_main_loop ();
  g_assert_cmpstr (anv_worklist_page_get_title (ANV_WORKLIST_PAGE (page)), ==, "To Do (3)");
  g_assert_null (find_row (page, "Bo Slut"));

  /* Another day: nothing due yet. */
  anv_test_date (&earlier, 2020, 8, 1);
  anv_context_set_today (context, &earlier);
  anv_test_iterate_main_loop ();
  g_assert_cmpstr (anv_worklist_page_get_title (ANV_WORKLIST_PAGE (page)), ==, "To Do");
  g_assert_cmpuint (count_rows (page), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (anv_test_find (page,
                                                                                "content_stack"))),
                   ==, "empty");
  g_assert_cmpstr (anv_test_label_text (page, "empty_label"), ==, "Nothing to do");

  gtk_widget_destroy (window);
}

static gboolean
event_dialog_shown (gpointer user_data)
{
  return anv_test_find_toplevel (ANV_TYPE_REFERRAL_EVENT_DIALOG) != NULL;
}

static gint64
selected_seeker (GtkWidget *window)
{
  GtkTreeView *view = GTK_TREE_VIEW (anv_test_find (window, "seekers_view"));
  GtkTreeModel *model = NULL;
  GtkTreeIter iter;
  g_autoptr (GtkTreePath) path = NULL;

  if (!gtk_tree_selection_get_selected (gtk_tree_view_get_selection (view), &model, &iter))
    return 0;
  path = gtk_tree_model_get_path (model, &iter);
  return anv_seeker_list_model_get_id (ANV_SEEKER_LIST_MODEL (model),
                                       gtk_tree_path_get_indices (path)[0]);
}

/* Enter on a row: the seekers page with the person selected and the
 * action's dialog open. */
static void
open_with_enter (Fixture               *f,
                 GtkWidget             *window,
                 const char            *name,
                 guint                  who,
                 AnvReferralDialogKind  kind)
{
  GtkWidget *page = anv_window_get_page (ANV_WINDOW (window), "worklist");
  GtkWidget *row;
  GtkWidget *dialog;

  anv_window_show_page (ANV_WINDOW (window), "worklist");
  anv_test_iterate_main_loop ();
  row = find_row (page, name);
  g_assert_nonnull (row);
  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_grab_focus (row);
  g_assert_true (gtk_widget_has_focus (row));
  anv_test_send_key (window, GDK_KEY_Return, 0);

  g_assert_true (anv_test_wait_until (event_dialog_shown, NULL, 20000));
  dialog = anv_test_find_toplevel (ANV_TYPE_REFERRAL_EVENT_DIALOG);
  g_assert_cmpint (anv_referral_dialog_get_kind (ANV_REFERRAL_DIALOG (dialog)), ==, kind);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (anv_test_find (window, "stack"))),
                   ==, "seekers");
  g_assert_cmpint (selected_seeker (window), ==, f->seeker_ids[who]);
  gtk_widget_destroy (dialog);
  anv_test_iterate_main_loop ();
}

/* Decided before the choice, the last day passed: the row is "No Choice
 * Made", not a start overdue, and opens the no-choice default's dialog. */
static void
test_choice (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvReferral) pending = NULL;
  g_autoptr (AnvContext) context = anv_context_new (f->db, NULL);
  AnvReferralInput input = { 0 };
  GtkWidget *page, *window, *row;
  GDate ended_on, decided_on;

  anv_test_date (&ended_on, 2020, 8, 28);
  g_assert_true (anv_referrals_end (f->db, g_ptr_array_index (f->numbers, ANNA), "sjuk",
                                    &ended_on, &f->today, &error));
  g_assert_no_error (error);
  anv_test_date (&decided_on, 2020, 8, 31);
  input.personnummer = g_ptr_array_index (f->numbers, ANNA);
  input.level = "B";
  input.choice = ANV_CHOICE_PENDING;
  input.decided_on = &decided_on;
  pending = anv_referrals_decide (f->db, &input, &f->today, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pending->choice_deadline, ==, "2020-09-14");

  page = anv_worklist_page_new (context);
  window = anv_test_show_in_window (page, 1000, 600);
  g_assert_nonnull (find_row (page, "No Choice Made (1): Assign the no-choice default"));
  row = find_row (page, "Anna Start");
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (accessible_name (row), "2020-09-14"));
  g_assert_nonnull (strstr (accessible_name (row), "Assign the no-choice default"));
  g_assert_nonnull (strstr (anv_test_label_text (page, "counts_label"), "Start Overdue 1"));
  gtk_widget_destroy (window);

  window = anv_test_open_window (f->db);
  open_with_enter (f, window, "Anna Start", ANNA, ANV_REFERRAL_DIALOG_ASSIGN_DEFAULT);
  gtk_widget_destroy (window);
}

/* The counts' category names are links: one scrolls its section into
 * view and selects its first row, below the others' rows. */
static void
test_jump (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvReferral) pending = NULL;
  g_autoptr (AnvContext) context = anv_context_new (f->db, NULL);
  AnvReferralInput input = { 0 };
  GtkWidget *page, *window, *label, *list_box, *scrolled;
  GtkAdjustment *adjustment;
  GtkListBoxRow *selected;
  gboolean handled = FALSE;
  GDate ended_on, decided_on;

  anv_test_date (&ended_on, 2020, 8, 28);
  g_assert_true (anv_referrals_end (f->db, g_ptr_array_index (f->numbers, ANNA), "sjuk",
                                    &ended_on, &f->today, &error));
  g_assert_no_error (error);
  anv_test_date (&decided_on, 2020, 8, 31);
  input.personnummer = g_ptr_array_index (f->numbers, ANNA);
  input.level = "B";
  input.choice = ANV_CHOICE_PENDING;
  input.decided_on = &decided_on;
  pending = anv_referrals_decide (f->db, &input, &f->today, &error);
  g_assert_no_error (error);

  page = anv_worklist_page_new (context);
  window = anv_test_show_in_window (page, 1000, 260);
  label = anv_test_find (page, "counts_label");
  list_box = anv_test_find (page, "list_box");
  scrolled = gtk_widget_get_ancestor (list_box, GTK_TYPE_SCROLLED_WINDOW);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (label)),
                            "<a href=\"choice-due\">No Choice Made</a> 1"));
  /* No link where nothing is due */
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (label)), "Period Ending 0"));
  g_assert_null (strstr (gtk_label_get_label (GTK_LABEL (label)), "href=\"period-ending\""));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0.0);

  g_signal_emit_by_name (label, "activate-link", "choice-due", &handled);
  anv_test_iterate_main_loop ();
  g_assert_true (handled);
  selected = gtk_list_box_get_selected_row (GTK_LIST_BOX (list_box));
  g_assert_nonnull (selected);
  g_assert_nonnull (strstr (accessible_name (GTK_WIDGET (selected)), "Anna Start"));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 0.0);
  gtk_widget_destroy (window);
}

static void
test_open (Fixture       *f,
           gconstpointer  data)
{
  GtkWidget *window = anv_test_open_window (f->db);
  GtkWidget *stack = anv_test_find (window, "stack");
  GtkWidget *slot = gtk_stack_get_child_by_name (GTK_STACK (stack), "worklist");
  g_autofree char *title = NULL;
  gboolean attention = FALSE;

  /* The count in the switcher, once the page is built. */
  anv_window_get_page (ANV_WINDOW (window), "worklist");
  gtk_container_child_get (GTK_CONTAINER (stack), slot, "title", &title,
                           "needs-attention", &attention, NULL);
  g_assert_cmpstr (title, ==, "To Do (4)");
  g_assert_true (attention);

  open_with_enter (f, window, "Bo Slut", BO, ANV_REFERRAL_DIALOG_END);
  open_with_enter (f, window, "Anna Start", ANNA, ANV_REFERRAL_DIALOG_START);
  open_with_enter (f, window, "Cilla Flytt", CILLA, ANV_REFERRAL_DIALOG_CHANGE_PROVIDER);

  gtk_widget_destroy (window);
}

static gboolean
message_dialog_shown (gpointer user_data)
{
  return anv_test_find_toplevel (GTK_TYPE_MESSAGE_DIALOG) != NULL;
}

/* The dialog the move button shows: its question and details, answered
 * with @response. */
static void
answer_move (GtkWidget  *page,
             const char *question,
             const char *details,
             int         response)
{
  GtkWidget *dialog;
  g_autofree char *text = NULL;
  g_autofree char *secondary = NULL;

  gtk_widget_grab_focus (anv_test_find (page, "move_button"));
  g_assert_true (gtk_widget_has_focus (anv_test_find (page, "move_button")));
  /* As Enter or Space on the focused button does it */
  gtk_widget_activate (anv_test_find (page, "move_button"));
  g_assert_true (anv_test_wait_until (message_dialog_shown, NULL, 5000));
  dialog = anv_test_find_toplevel (GTK_TYPE_MESSAGE_DIALOG);
  g_object_get (dialog, "text", &text, "secondary-text", &secondary, NULL);
  g_test_message ("%s\n%s", text, secondary);
  g_assert_cmpstr (text, ==, question);
  g_assert_nonnull (strstr (secondary, details));
  gtk_dialog_response (GTK_DIALOG (dialog), response);
  anv_test_iterate_main_loop ();
  g_assert_null (anv_test_find_toplevel (GTK_TYPE_MESSAGE_DIALOG));
}

/* "Move to the No-choice Default…" moves, after a confirmation that says
 * how many and to whom, every referral whose provider has left (but for
 * one whose period ran out: it is due to end), and the section empties;
 * before the provider leaves, it says so and moves none. */
static void
test_move (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr (AnvContext) context = anv_context_new (f->db, NULL);
  g_autoptr (AnvProvider) provider = NULL;
  g_autoptr (GError) error = NULL;
  GtkWidget *page = anv_worklist_page_new (context);
  GtkWidget *window = anv_test_show_in_window (page, 1000, 600);
  GtkWidget *button = anv_test_find (page, "move_button");
  GDate from, left;

  provider = anv_providers_add (f->db, "5560000001", "Umeå Jobb AB", "0180", &f->today, &error);
  g_assert_no_error (error);
  anv_test_date (&from, 2014, 1, 1);
  g_assert_true (anv_providers_approve (f->db, "5560000001", "Storstad", &from, NULL, &f->today,
                                        &error));
  g_assert_no_error (error);
  anv_context_set_today (context, &f->today);
  anv_test_iterate_main_loop ();

  /* Leaving after today: nothing moves yet. */
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_cmpstr (atk_object_get_name (gtk_widget_get_accessible (button)), ==,
                   "Move to the No-choice Default…");
  answer_move (page, "No referral can be moved today", "leave after today",
               GTK_RESPONSE_CLOSE);
  g_assert_nonnull (find_row (page, "Cilla Flytt"));

  /* The provider has left: Cilla moves to the one that stays; Bo's period
   * ran out, so Bo is due to end, not to move. */
  anv_test_date (&left, 2020, 9, 21);
  anv_context_set_today (context, &left);
  anv_test_iterate_main_loop ();
  answer_move (page, "Move 1 referral to the no-choice default?",
               "1 referral to Umeå Jobb AB", GTK_RESPONSE_CANCEL);
  g_assert_nonnull (find_row (page, "Provider Leaving (1)"));
  g_assert_cmpint (anv_test_query_int (f->db, "SELECT count(*) FROM audit_log "
                                       "WHERE action = ?1", "referral.change_provider", 0),
                   ==, 0);

  answer_move (page, "Move 1 referral to the no-choice default?",
               "1 referral to Umeå Jobb AB", GTK_RESPONSE_ACCEPT);
  g_assert_nonnull (strstr (anv_test_label_text (page, "move_result"),
                            "Moved 1 referral to the no-choice default."));
  g_assert_null (find_row (page, "Provider Leaving"));
  g_assert_null (find_row (page, "Change the provider"));
  g_assert_false (gtk_widget_get_visible (button));
  g_assert_cmpint (anv_test_query_int (f->db, "SELECT count(*) FROM audit_log "
                                       "WHERE action = ?1", "referral.change_provider", 0),
                   ==, 1);

  gtk_widget_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  /* The window's today: the data's September 2020. */
  g_setenv ("ANVISA_TODAY", "2020-09-15", TRUE);

  if (!anv_test_init_gui (&argc, &argv, "/worklist-page/no-display"))
    return g_test_run ();

  g_test_add ("/worklist-page/rows", Fixture, NULL, fixture_set_up, test_rows,
              fixture_tear_down);
  g_test_add ("/worklist-page/choice", Fixture, NULL, fixture_set_up, test_choice,
              fixture_tear_down);
  g_test_add ("/worklist-page/jump", Fixture, NULL, fixture_set_up, test_jump,
              fixture_tear_down);
  g_test_add ("/worklist-page/open", Fixture, NULL, fixture_set_up, test_open,
              fixture_tear_down);
  g_test_add ("/worklist-page/move", Fixture, NULL, fixture_set_up, test_move,
              fixture_tear_down);
  return g_test_run ();
}
