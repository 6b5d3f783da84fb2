/* anv-seekers-page.c — the officer's home: find, register and follow job seekers
 *
 * Its length is one concern: the searchable list of job seekers and the
 * actions on the one selected; the detail pane (AnvSeekerDetail), the form
 * and the referral dialogs are widgets of their own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "anvisa-seekers-page"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "anv-context.h"
#include "anv-i18n.h"
#include "anv-personnummer.h"
#include "anv-referral-dialog.h"
#include "anv-referrals.h"
#include "anv-seeker-detail.h"
#include "anv-seeker-form.h"
#include "anv-seeker-list-model.h"
#include "anv-seeker-search.h"
#include "anv-seekers-page.h"
#include "anv-seekers.h"
#include "anv-window.h"

struct _AnvSeekersPage
{
  GtkBox              parent_instance;

  /* Template widgets */
  GtkSearchEntry     *search_entry;
  GtkSpinner         *search_spinner;
  GtkLabel           *count_label;
  GtkStack           *list_stack;
  GtkLabel           *no_results_label;
  GtkTreeView        *seekers_view;
  GtkTreeSelection   *selection;
  AnvSeekerDetail    *detail_stack;   /* the selected person */

  AnvContext         *context;
  GSimpleActionGroup *actions;

  /* The list */
  AnvSeekerListModel *model;          /* NULL when nothing is searched */
  char               *shown_text;     /* what the model was found by */
  gint64              select_id;      /* to select when the search is done, or 0 */
  gint64              only_id;        /* the one person to list from the search, or 0 */
  gboolean            focus_found;    /* then focus what can be done for them */
  int                 open_kind;      /* then open this AnvReferralDialogKind, or -1 */

  /* The search runs in a thread, on a connection of its own */
  AnvSeekerSearch    *search;
  gboolean            searching;
  gboolean            search_again;   /* the text changed while searching */
};

G_DEFINE_FINAL_TYPE (AnvSeekersPage, anv_seekers_page, GTK_TYPE_BOX)

enum
{
  PROP_0,
  PROP_CONTEXT,
  PROP_SEARCHING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS] = { NULL, };

static void start_search (AnvSeekersPage *self);
static void open_referral_dialog (AnvSeekersPage        *self,
                                  AnvReferralDialogKind  kind);


/*
 * Auxiliary methods
 */

static AnvDb *
get_db (AnvSeekersPage *self)
{
  return anv_context_get_db (self->context);
}

/* The page has no place of its own for a failure: the window shows it. */
static void
show_error (AnvSeekersPage *self,
            const char     *message)
{
  anv_context_report_error (self->context, message);
}

/* Says what was saved, in the window and to a screen reader. */
static void
announce (AnvSeekersPage *self,
          const char     *message)
{
  GtkWidget *toplevel = gtk_widget_get_toplevel (GTK_WIDGET (self));

  if (ANV_IS_WINDOW (toplevel))
    anv_window_announce (ANV_WINDOW (toplevel), message);
  else
    g_debug ("%s", message);
}

/* The page's actions reach the whole window: one started from another
 * page shows this page first, where its field, list and buttons are. */
static void
present_page (AnvSeekersPage *self)
{
  GtkWidget *toplevel = gtk_widget_get_toplevel (GTK_WIDGET (self));

  if (ANV_IS_WINDOW (toplevel))
    anv_window_show_page (ANV_WINDOW (toplevel), "seekers");
}

static GtkWindow *
get_parent_window (AnvSeekersPage *self)
{
  GtkWidget *toplevel = gtk_widget_get_toplevel (GTK_WIDGET (self));

  return GTK_IS_WINDOW (toplevel) ? GTK_WINDOW (toplevel) : NULL;
}

static char *
get_search_text (AnvSeekersPage *self)
{
  return g_strstrip (g_strdup (gtk_entry_get_text (GTK_ENTRY (self->search_entry))));
}

static void
set_searching (AnvSeekersPage *self,
               gboolean        searching)
{
  if (self->searching == searching)
    return;

  self->searching = searching;
  if (searching)
    gtk_spinner_start (self->search_spinner);
  else
    gtk_spinner_stop (self->search_spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->search_spinner), searching);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCHING]);
}

static gint64
get_selected_id (AnvSeekersPage *self)
{
  GtkTreeModel *model;
  GtkTreeIter iter;
  gint64 id = 0;

  if (gtk_tree_selection_get_selected (self->selection, &model, &iter))
    gtk_tree_model_get (model, &iter, ANV_SEEKER_LIST_COLUMN_ID, &id, -1);
  return id;
}

/* The actions of the events the core allows for the selected person now
 * (anv_referrals_allowed_events()); none without a person. The detail
 * shows the buttons alike. */
static void
update_actions (AnvSeekersPage *self)
{
  AnvReferralEvents allowed = anv_seeker_detail_get_allowed (self->detail_stack);
  const struct
  {
    const char        *name;
    AnvReferralEvents  event;
  } actions[] = {
    { "refer", ANV_REFERRAL_EVENT_DECIDE },
    { "start", ANV_REFERRAL_EVENT_START },
    { "change-provider", ANV_REFERRAL_EVENT_CHANGE_PROVIDER },
    { "extend", ANV_REFERRAL_EVENT_EXTEND },
    { "end", ANV_REFERRAL_EVENT_END },
    { "choose", ANV_REFERRAL_EVENT_CHOOSE },
    { "assign-default", ANV_REFERRAL_EVENT_CHOOSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->actions),
                                                    actions[i].name);

      g_simple_action_set_enabled (G_SIMPLE_ACTION (action), (allowed & actions[i].event) != 0);
    }
}

static void
update_count (AnvSeekersPage *self)
{
  g_autofree char *text = NULL;
  g_autofree char *count = NULL;
  g_autofree char *search = NULL;
  guint n;

  if (self->model == NULL)
    {
      gtk_label_set_text (self->count_label, "");
      return;
    }

  n = anv_seeker_list_model_get_n_rows (self->model);
  count = anv_format_count (n);
  search = get_search_text (self);
  if (n >= ANV_SEEKERS_PAGE_MAX_RESULTS)
    /* Translators: %s is a number */
    text = g_strdup_printf (_("The first %s job seekers; type more to find fewer"), count);
  else if (anv_seekers_search_order (search, n) == ANV_SEEKER_ORDER_NEWEST)
    /* Translators: %s is a number (always many) */
    text = g_strdup_printf (_("%s job seekers, newest first; type more to sort them by name"),
                            count);
  else
    /* Translators: %s is a number */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%s job seeker", "%s job seekers", n), count);
  gtk_label_set_text (self->count_label, text);
}

/* Reads the selected person and their referrals again and shows them. */
static void
update_detail (AnvSeekersPage *self)
{
  anv_seeker_detail_show (self->detail_stack, get_selected_id (self));
  update_actions (self);
}

static gboolean
focus_if_shown (GtkWidget *widget)
{
  if (widget == NULL || !gtk_widget_is_visible (widget) || !gtk_widget_is_sensitive (widget))
    return FALSE;
  gtk_widget_grab_focus (widget);
  return TRUE;
}

/* The first thing that can be done for the person, else the person's row */
static void
focus_first_action (AnvSeekersPage *self)
{
  if (!anv_seeker_detail_focus_first (self->detail_stack))
    focus_if_shown (GTK_WIDGET (self->seekers_view));
}

/* The focus after a save: the next thing to do for the person; after the
 * end, the person in the list. */
static void
focus_next_action (AnvSeekersPage        *self,
                   AnvReferralDialogKind  done)
{
  if (done == ANV_REFERRAL_DIALOG_END)
    {
      if (focus_if_shown (GTK_WIDGET (self->seekers_view)))
        return;
    }
  else if (anv_seeker_detail_focus_next (self->detail_stack, done))
    {
      return;
    }
  focus_first_action (self);
}

static void
show_empty_state (AnvSeekersPage *self)
{
  g_clear_pointer (&self->shown_text, g_free);
  g_signal_handlers_block_matched (self->selection, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  gtk_tree_view_set_model (self->seekers_view, NULL);
  g_signal_handlers_unblock_matched (self->selection, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL,
                                     self);
  g_clear_object (&self->model);

  gtk_stack_set_visible_child_name (self->list_stack, "empty");
  update_count (self);
  update_detail (self);
}

static void
model_load_failed_cb (AnvSeekerListModel *model,
                      GError             *error,
                      AnvSeekersPage     *self)
{
  show_error (self, error->message);
}

/* Shows the found @ids. The person selected stays selected if found
 * again; a new search of the same text keeps the scroll position. */
static void
show_results (AnvSeekersPage *self,
              const char     *text,
              GArray         *ids)
{
  g_autoptr (AnvSeekerListModel) model = NULL;
  g_autoptr (GtkTreePath) top_path = NULL;
  gboolean same_search = g_strcmp0 (text, self->shown_text) == 0;
  gint64 selected_id = self->select_id != 0 ? self->select_id : get_selected_id (self);
  gint64 top_id = 0;
  gboolean had_focus = gtk_widget_is_focus (GTK_WIDGET (self->seekers_view));
  int position;

  if (same_search && self->model != NULL
      && gtk_tree_view_get_visible_range (self->seekers_view, &top_path, NULL))
    top_id = anv_seeker_list_model_get_id (self->model, gtk_tree_path_get_indices (top_path)[0]);
  g_clear_pointer (&top_path, gtk_tree_path_free);

  if (ids->len > ANV_SEEKERS_PAGE_MAX_RESULTS)
    g_array_set_size (ids, ANV_SEEKERS_PAGE_MAX_RESULTS);
  /* A person opened by id (from the work list): them alone, not everyone
   * born the same day */
  for (guint i = 0; self->only_id != 0 && i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == self->only_id)
      {
        g_array_index (ids, gint64, 0) = self->only_id;
        g_array_set_size (ids, 1);
        break;
      }
  self->only_id = 0;

  model = anv_seeker_list_model_new (self->context, ids);
  g_signal_connect_object (model, "load-failed", G_CALLBACK (model_load_failed_cb), self, 0);

  g_signal_handlers_block_matched (self->selection, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);

  gtk_tree_view_set_model (self->seekers_view, GTK_TREE_MODEL (model));
  g_set_object (&self->model, model);
  g_free (self->shown_text);
  self->shown_text = g_strdup (text);

  position = selected_id != 0 ? anv_seeker_list_model_find (self->model, selected_id) : -1;
  if (position >= 0)
    {
      g_autoptr (GtkTreePath) path = gtk_tree_path_new_from_indices (position, -1);

      gtk_tree_view_set_cursor (self->seekers_view, path, NULL, FALSE);
      if (top_id == 0)
        gtk_tree_view_scroll_to_cell (self->seekers_view, path, NULL, TRUE, 0.3, 0.0);
    }
  if (top_id != 0 && (position = anv_seeker_list_model_find (self->model, top_id)) >= 0)
    {
      top_path = gtk_tree_path_new_from_indices (position, -1);
      gtk_tree_view_scroll_to_cell (self->seekers_view, top_path, NULL, TRUE, 0.0, 0.0);
    }

  g_signal_handlers_unblock_matched (self->selection, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL,
                                     self);
  self->select_id = 0;

  if (ids->len == 0)
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (_("Nobody matches “%s”. Check the spelling, or register "
                                   "the person with Ctrl+N."), text);
      gtk_label_set_text (self->no_results_label, message);
      gtk_stack_set_visible_child_name (self->list_stack, "no-results");
    }
  else
    {
      gtk_stack_set_visible_child_name (self->list_stack, "list");
    }

  if (had_focus)
    gtk_widget_grab_focus (GTK_WIDGET (self->seekers_view));

  update_count (self);
  update_detail (self);

  /* From the work list: the action asked for, once the person is shown */
  if (self->open_kind >= 0)
    {
      AnvReferralDialogKind kind = self->open_kind;

      self->open_kind = -1;
      if (anv_seeker_detail_get_seeker (self->detail_stack) != NULL)
        {
          self->focus_found = FALSE;
          open_referral_dialog (self, kind);
          return;
        }
    }

  /* Registered (or found registered already): on to what can be done */
  if (self->focus_found)
    {
      self->focus_found = FALSE;
      if (anv_seeker_detail_get_seeker (self->detail_stack) != NULL)
        focus_first_action (self);
    }
}

static void
search_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (AnvSeekersPage) self = user_data;
  g_autoptr (GArray) ids = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  /* Disposed meanwhile */
  if (self->context == NULL)
    return;

  set_searching (self, FALSE);

  if (self->search_again)
    {
      self->search_again = FALSE;
      start_search (self);
      return;
    }

  ids = anv_seeker_search_run_finish (ANV_SEEKER_SEARCH (object), result, &text, &error);
  if (ids == NULL)
    {
      show_error (self, error->message);
      return;
    }

  show_results (self, text, ids);
}

static void
start_search (AnvSeekersPage *self)
{
  g_autofree char *text = get_search_text (self);

  if (self->searching)
    {
      self->search_again = TRUE;
      return;
    }

  if (*text == '\0')
    {
      show_empty_state (self);
      return;
    }

  set_searching (self, TRUE);

  /* One more than is shown tells that there are more. */
  anv_seeker_search_run_async (self->search, text, ANV_SEEKERS_PAGE_MAX_RESULTS + 1,
                               search_done_cb, g_object_ref (self));
}

static void
referral_response_cb (GtkDialog      *dialog,
                      int             response,
                      AnvSeekersPage *self)
{
  AnvReferralDialog *referral_dialog = ANV_REFERRAL_DIALOG (dialog);
  const char *message = anv_referral_dialog_get_saved_message (referral_dialog);

  if (response == GTK_RESPONSE_OK && message != NULL)
    {
      g_autofree char *saved = g_strdup (message);

      /* The detail as saved, then the focus on what it now offers */
      update_detail (self);
      focus_next_action (self, anv_referral_dialog_get_kind (referral_dialog));
      gtk_widget_destroy (GTK_WIDGET (dialog));
      announce (self, saved);
      return;
    }
  gtk_widget_destroy (GTK_WIDGET (dialog));
}

static void
open_referral_dialog (AnvSeekersPage        *self,
                      AnvReferralDialogKind  kind)
{
  const AnvSeeker *seeker = anv_seeker_detail_get_seeker (self->detail_stack);
  GtkWidget *dialog;

  if (seeker == NULL)
    return;

  present_page (self);
  dialog = anv_referral_dialog_new (get_parent_window (self), self->context,
                                    seeker->personnummer, kind);
  g_signal_connect_object (dialog, "response", G_CALLBACK (referral_response_cb), self, 0);
  gtk_widget_show (dialog);
}


/* "19850101-**** Anna Andersson is registered as a job seeker." */
static char *
describe_registered (AnvSeekersPage *self,
                     const char     *personnummer)
{
  g_autoptr (AnvSeeker) seeker = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *masked = NULL;
  g_autofree char *person = NULL;
  GDate today;

  anv_context_get_today (self->context, &today);
  seeker = anv_seekers_get (get_db (self), personnummer, &today, &error);
  if (seeker == NULL)
    g_debug ("The person registered could not be read again: %s", error->message);
  masked = anv_personnummer_format_masked (seeker ? seeker->personnummer : personnummer);
  /* Translators: masked personnummer and name, e.g. "19850101-**** Anna Andersson" */
  person = seeker ? g_strdup_printf (_("%1$s %2$s"), masked, seeker->name)
                  : g_steal_pointer (&masked);
  /* Translators: %s is the person, e.g. "19850101-**** Anna Andersson" */
  return g_strdup_printf (_("%s is registered as a job seeker."), person);
}


/*
 * Callbacks
 */

static void
search_changed_cb (GtkSearchEntry *entry,
                   AnvSeekersPage *self)
{
  g_autofree char *text = get_search_text (self);

  /* Typed back to what is shown: nothing to do. */
  if (!self->searching && self->shown_text != NULL && g_strcmp0 (text, self->shown_text) == 0)
    return;

  start_search (self);
}

static void
search_activate_cb (GtkEntry       *entry,
                    AnvSeekersPage *self)
{
  g_autoptr (GtkTreePath) path = NULL;

  if (self->model == NULL || anv_seeker_list_model_get_n_rows (self->model) == 0)
    return;

  /* Enter: to the list, on the first person unless one is selected */
  if (get_selected_id (self) == 0)
    {
      path = gtk_tree_path_new_first ();
      gtk_tree_view_set_cursor (self->seekers_view, path, NULL, FALSE);
    }
  gtk_widget_grab_focus (GTK_WIDGET (self->seekers_view));
}

static void
search_stop_cb (GtkSearchEntry *entry,
                AnvSeekersPage *self)
{
  gtk_entry_set_text (GTK_ENTRY (entry), "");
}

static gboolean
search_key_press_cb (GtkWidget      *entry,
                     GdkEventKey    *event,
                     AnvSeekersPage *self)
{
  if (event->keyval != GDK_KEY_Down && event->keyval != GDK_KEY_KP_Down)
    return GDK_EVENT_PROPAGATE;

  /* Down: into the list */
  search_activate_cb (GTK_ENTRY (entry), self);
  return GDK_EVENT_STOP;
}

static void
selection_changed_cb (GtkTreeSelection *selection,
                      AnvSeekersPage   *self)
{
  update_detail (self);
}

static void
row_activated_cb (GtkTreeView       *tree_view,
                  GtkTreePath       *path,
                  GtkTreeViewColumn *column,
                  AnvSeekersPage    *self)
{
  /* Enter on a person: to what can be done next */
  anv_seeker_detail_focus_first (self->detail_stack);
}

static void
context_changed_cb (AnvContext     *context,
                    AnvSeekersPage *self)
{
  /* The selected person first (it is quick), then the list again. */
  update_detail (self);
  if (self->shown_text != NULL)
    start_search (self);
}

static void
form_response_cb (GtkDialog      *dialog,
                  int             response,
                  AnvSeekersPage *self)
{
  const char *personnummer = anv_seeker_form_get_personnummer (ANV_SEEKER_FORM (dialog));
  g_autofree char *saved = NULL;

  if ((response == GTK_RESPONSE_OK || response == ANV_SEEKER_FORM_RESPONSE_EXISTING)
      && personnummer != NULL)
    {
      if (response == GTK_RESPONSE_OK)
        saved = describe_registered (self, personnummer);
      present_page (self);
      anv_seekers_page_show_seeker (self, personnummer);
      /* Once found (if not, an error is shown and the focus stays) */
      self->focus_found = self->select_id != 0;
    }

  gtk_widget_destroy (GTK_WIDGET (dialog));
  if (saved != NULL)
    announce (self, saved);
}

static void
new_action_cb (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  AnvSeekersPage *self = ANV_SEEKERS_PAGE (user_data);
  GtkWidget *form = anv_seeker_form_new (get_parent_window (self), self->context);

  g_signal_connect_object (form, "response", G_CALLBACK (form_response_cb), self, 0);
  gtk_widget_show (form);
}

static void
find_action_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  AnvSeekersPage *self = ANV_SEEKERS_PAGE (user_data);

  /* From another page too: this page's field, shown, never a hidden one */
  present_page (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
refer_action_cb (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  open_referral_dialog (ANV_SEEKERS_PAGE (user_data), ANV_REFERRAL_DIALOG_DECIDE);
}

static void
start_action_cb (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  open_referral_dialog (ANV_SEEKERS_PAGE (user_data), ANV_REFERRAL_DIALOG_START);
}

static void
change_provider_action_cb (GSimpleAction *action,
                           GVariant      *parameter,
                           gpointer       user_data)
{
  open_referral_dialog (ANV_SEEKERS_PAGE (user_data), ANV_REFERRAL_DIALOG_CHANGE_PROVIDER);
}

static void
extend_action_cb (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  open_referral_dialog (ANV_SEEKERS_PAGE (user_data), ANV_REFERRAL_DIALOG_EXTEND);
}

static void
choose_action_cb (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  open_referral_dialog (ANV_SEEKERS_PAGE (user_data), ANV_REFERRAL_DIALOG_CHOOSE);
}

static void
assign_default_action_cb (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  open_referral_dialog (ANV_SEEKERS_PAGE (user_data), ANV_REFERRAL_DIALOG_ASSIGN_DEFAULT);
}

static void
end_action_cb (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  open_referral_dialog (ANV_SEEKERS_PAGE (user_data), ANV_REFERRAL_DIALOG_END);
}

static const GActionEntry action_entries[] = {
  { "new", new_action_cb },
  { "find", find_action_cb },
  { "refer", refer_action_cb },
  { "start", start_action_cb },
  { "change-provider", change_provider_action_cb },
  { "extend", extend_action_cb },
  { "choose", choose_action_cb },
  { "assign-default", assign_default_action_cb },
  { "end", end_action_cb },
};


/*
 * GObject overrides
 */

static void
anv_seekers_page_constructed (GObject *object)
{
  AnvSeekersPage *self = ANV_SEEKERS_PAGE (object);

  G_OBJECT_CLASS (anv_seekers_page_parent_class)->constructed (object);

  g_assert (ANV_IS_CONTEXT (self->context));

  self->search = anv_seeker_search_new (self->context);
  anv_seeker_detail_set_context (self->detail_stack, self->context);
  g_signal_connect_object (self->context, "changed", G_CALLBACK (context_changed_cb), self, 0);
  show_empty_state (self);
}

static void
anv_seekers_page_dispose (GObject *object)
{
  AnvSeekersPage *self = ANV_SEEKERS_PAGE (object);

  g_clear_object (&self->model);
  g_clear_object (&self->actions);
  g_clear_object (&self->search);
  g_clear_object (&self->context);
  g_clear_pointer (&self->shown_text, g_free);

  G_OBJECT_CLASS (anv_seekers_page_parent_class)->dispose (object);
}

static void
anv_seekers_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  AnvSeekersPage *self = ANV_SEEKERS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_SEARCHING:
      g_value_set_boolean (value, self->searching);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
anv_seekers_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  AnvSeekersPage *self = ANV_SEEKERS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_assert (self->context == NULL);
      self->context = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
anv_seekers_page_class_init (AnvSeekersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = anv_seekers_page_constructed;
  object_class->dispose = anv_seekers_page_dispose;
  object_class->get_property = anv_seekers_page_get_property;
  object_class->set_property = anv_seekers_page_set_property;

  /**
   * AnvSeekersPage:context:
   *
   * What the window's pages share: the database the page shows, today,
   * and where a failure is told.
   */
  properties[PROP_CONTEXT] = g_param_spec_object ("context",
                                                  "Context",
                                                  "What the window's pages share",
                                                  ANV_TYPE_CONTEXT,
                                                  G_PARAM_READWRITE |
                                                  G_PARAM_CONSTRUCT_ONLY |
                                                  G_PARAM_EXPLICIT_NOTIFY |
                                                  G_PARAM_STATIC_STRINGS);

  /**
   * AnvSeekersPage:searching:
   *
   * Whether a search runs.
   */
  properties[PROP_SEARCHING] = g_param_spec_boolean ("searching",
                                                     "Searching",
                                                     "Whether a search runs",
                                                     FALSE,
                                                     G_PARAM_READABLE |
                                                     G_PARAM_EXPLICIT_NOTIFY |
                                                     G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ANV_TYPE_SEEKER_DETAIL);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/anv-seekers-page.ui");

  gtk_widget_class_bind_template_child (widget_class, AnvSeekersPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AnvSeekersPage, search_spinner);
  gtk_widget_class_bind_template_child (widget_class, AnvSeekersPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, AnvSeekersPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, AnvSeekersPage, no_results_label);
  gtk_widget_class_bind_template_child (widget_class, AnvSeekersPage, seekers_view);
  gtk_widget_class_bind_template_child (widget_class, AnvSeekersPage, selection);
  gtk_widget_class_bind_template_child (widget_class, AnvSeekersPage, detail_stack);

  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_stop_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_key_press_cb);
  gtk_widget_class_bind_template_callback (widget_class, selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
}

static void
anv_seekers_page_init (AnvSeekersPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->open_kind = -1;
  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), action_entries,
                                   G_N_ELEMENTS (action_entries), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "seekers", G_ACTION_GROUP (self->actions));
}


/*
 * Public API
 */

GtkWidget *
anv_seekers_page_new (AnvContext *context)
{
  g_return_val_if_fail (ANV_IS_CONTEXT (context), NULL);

  return g_object_new (ANV_TYPE_SEEKERS_PAGE, "context", context, NULL);
}

/**
 * anv_seekers_page_show_seeker:
 * @self: an #AnvSeekersPage
 * @personnummer: any accepted form
 *
 * Searches for the person and, once found, lists them alone (not everyone
 * born the same day) and selects them.
 */
void
anv_seekers_page_show_seeker (AnvSeekersPage *self,
                              const char     *personnummer)
{
  g_autoptr (AnvSeeker) seeker = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *number = NULL;
  GDate today;

  g_return_if_fail (ANV_IS_SEEKERS_PAGE (self));
  g_return_if_fail (personnummer != NULL);

  anv_context_get_today (self->context, &today);
  seeker = anv_seekers_get (get_db (self), personnummer, &today, &error);
  if (seeker == NULL)
    {
      show_error (self, error->message);
      return;
    }

  /* Searched by the birth date, the part that the masked number shows:
   * the whole number would stand unmasked in the search field. */
  self->select_id = seeker->id;
  self->only_id = seeker->id;
  number = g_strndup (seeker->personnummer, 8);
  gtk_entry_set_text (GTK_ENTRY (self->search_entry), number);
  start_search (self);
}

/**
 * anv_seekers_page_open_event:
 * @self: an #AnvSeekersPage
 * @personnummer: any accepted form
 * @event: what to record: START, CHANGE_PROVIDER or END open their dialog,
 *   CHOOSE the no-choice default's
 *   once the person is shown; any other selects the person and focuses
 *   the first thing that can be done for them
 *
 * Shows the person with the action ready: the work list's rows open here.
 */
void
anv_seekers_page_open_event (AnvSeekersPage    *self,
                             const char        *personnummer,
                             AnvReferralEvents  event)
{
  g_return_if_fail (ANV_IS_SEEKERS_PAGE (self));
  g_return_if_fail (personnummer != NULL);

  switch (event)
    {
    case ANV_REFERRAL_EVENT_START:
      self->open_kind = ANV_REFERRAL_DIALOG_START;
      break;
    case ANV_REFERRAL_EVENT_CHANGE_PROVIDER:
      self->open_kind = ANV_REFERRAL_DIALOG_CHANGE_PROVIDER;
      break;
    case ANV_REFERRAL_EVENT_END:
      self->open_kind = ANV_REFERRAL_DIALOG_END;
      break;
    case ANV_REFERRAL_EVENT_CHOOSE:
      /* The work list's row: the deadline passed, the default is due */
      self->open_kind = ANV_REFERRAL_DIALOG_ASSIGN_DEFAULT;
      break;
    case ANV_REFERRAL_EVENT_NONE:
    case ANV_REFERRAL_EVENT_DECIDE:
    case ANV_REFERRAL_EVENT_EXTEND:
    default:
      self->open_kind = -1;
      break;
    }
  self->focus_found = TRUE;
  anv_seekers_page_show_seeker (self, personnummer);
  /* Not found (the error is shown): nothing waits for a search. */
  if (!self->searching)
    {
      self->open_kind = -1;
      self->focus_found = FALSE;
    }
}

gboolean
anv_seekers_page_get_searching (AnvSeekersPage *self)
{
  g_return_val_if_fail (ANV_IS_SEEKERS_PAGE (self), FALSE);

  return self->searching;
}
