/* anv-worklist-page.c — the officer's work list (Att göra): what is due, a row per referral
 *
 * The list reads anv_worklist_read() for the context's today, again at
 * every AnvContext::changed and when the day turns; a section per kind
 * of work, at most ANV_WORKLIST_WINDOW_LIMIT rows each, and the count of
 * all; the counts' category names link to their sections, which may sit
 * below hundreds of rows. The page's title ("To Do (12)") carries the total for the
 * window's switcher. A row, activated (Enter, double click), asks the
 * window through ::open-item to show the person with the action ready.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-worklist-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "anv-date.h"
#include "anv-i18n.h"
#include "anv-personnummer.h"
#include "anv-referrals.h"
#include "anv-worklist-page.h"
#include "anv-worklist.h"

struct _AnvWorklistPage
{
  GtkBox           parent_instance;

  /* Template widgets */
  GtkLabel        *counts_label;
  GtkCheckButton  *mine_check;
  GtkStack        *content_stack;
  GtkListBox      *list_box;
  GtkWidget       *move_button;
  GtkLabel        *move_result;

  AnvContext      *context;
  GtkWidget       *confirm_dialog;    /* the move's confirmation, while shown */
  gboolean         leaving_later;     /* a provider in the list leaves after today */
  guint            total;
  char            *title;
  guint            reload_id;   /* a reading after a change, while not shown */
};

G_DEFINE_FINAL_TYPE (AnvWorklistPage, anv_worklist_page, GTK_TYPE_BOX)

enum
{
  PROP_0,
  PROP_CONTEXT,
  PROP_TOTAL,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS] = { NULL, };

enum
{
  OPEN_ITEM,
  N_SIGNALS
};

static guint signals[N_SIGNALS] = { 0, };

/* What an activated row opens. */
typedef struct
{
  char              *personnummer;
  AnvReferralEvents  event;
} RowTarget;


/*
 * Auxiliary methods
 */

static void
row_target_free (RowTarget *target)
{
  g_free (target->personnummer);
  g_free (target);
}

/* "12 days late", "today", "in 5 days" */
static char *
describe_days (int days_past)
{
  if (days_past > 0)
    /* Translators: in the work list, how long ago the date passed */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day late", "%d days late",
                                         days_past), days_past);
  if (days_past == 0)
    /* Translators: in the work list, the date is today */
    return g_strdup (_("today"));
  /* Translators: in the work list, how many days are left */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "in %d day", "in %d days", -days_past),
                          -days_past);
}

/* The columns' widths in characters, the same in every row so that they
 * line up; the name (-1) takes the rest. Fixed widths rather than a
 * GtkSizeGroup, which measures every row's label again for each one added:
 * 2,000 rows took minutes. */
static const int column_chars[] = { 10, 17, 13, -1, 6, 14, 38 };

static void
add_label (GtkBox     *box,
           const char *text,
           guint       column)
{
  GtkWidget *label = gtk_label_new (text);
  int chars = column_chars[column];

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (label), chars > 0 ? chars : 16);
  if (chars > 0)
    gtk_label_set_max_width_chars (GTK_LABEL (label), chars);
  gtk_widget_show (label);
  gtk_box_pack_start (box, label, chars < 0, TRUE, 0);
}

static void
add_header (AnvWorklistPage     *self,
            AnvWorklistCategory  category,
            guint                count,
            guint                shown)
{
  g_autofree char *count_text = anv_format_count (count);
  g_autofree char *text = NULL;
  g_autofree char *markup = NULL;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *label;

  /* Translators: a section of the work list: %1$s the kind of work, %2$s how
   * many, %3$s what to do */
  text = g_strdup_printf (_("%1$s (%2$s): %3$s"), anv_worklist_category_title (category),
                          count_text, anv_worklist_category_action_label (category));
  if (shown < count)
    {
      g_autofree char *shown_text = anv_format_count (shown);
      g_autofree char *longer = NULL;

      /* Translators: after a section's heading when not every row is shown;
       * %1$s the heading, %2$s how many rows are shown */
      longer = g_strdup_printf (_("%1$s — the first %2$s shown; anvisa-cli worklist lists "
                                  "all"), text, shown_text);
      g_free (text);
      text = g_steal_pointer (&longer);
    }
  markup = g_markup_printf_escaped ("<b>%s</b>", text);
  label = gtk_label_new (NULL);
  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_line_wrap (GTK_LABEL (label), TRUE);
  g_object_set (label, "margin-start", 6, "margin-end", 6, "margin-top", 12, "margin-bottom", 6,
                NULL);
  gtk_widget_show (label);
  gtk_container_add (GTK_CONTAINER (row), label);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_can_focus (row, FALSE);
  g_object_set_data (G_OBJECT (row), "anv-worklist-category", GUINT_TO_POINTER (category + 1));
  atk_object_set_role (gtk_widget_get_accessible (row), ATK_ROLE_HEADING);
  atk_object_set_name (gtk_widget_get_accessible (row), text);
  gtk_widget_show (row);
  gtk_container_add (GTK_CONTAINER (self->list_box), row);
}

static void
add_item (AnvWorklistPage       *self,
          const AnvWorklistItem *item)
{
  g_autofree char *masked = anv_personnummer_format_masked (item->personnummer);
  g_autofree char *days = describe_days (item->days_past);
  g_autofree char *accessible = NULL;
  g_autofree char *what = NULL;
  const char *name = item->name != NULL ? item->name : _("Protected identity");
  const char *action = anv_worklist_category_action_label (item->category);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  RowTarget *target = g_new0 (RowTarget, 1);

  g_object_set (box, "margin-start", 18, "margin-end", 6, "margin-top", 4, "margin-bottom", 4,
                NULL);
  add_label (GTK_BOX (box), item->due_on, 0);
  add_label (GTK_BOX (box), days, 1);
  add_label (GTK_BOX (box), masked, 2);
  add_label (GTK_BOX (box), name, 3);
  add_label (GTK_BOX (box), anv_service_code (item->service), 4);
  add_label (GTK_BOX (box), item->municipality_name, 5);
  if (item->provider_name != NULL)
    {
      /* Translators: in the work list, the provider whose approval ends */
      what = g_strdup_printf (_("%1$s: %2$s"), action, item->provider_name);
      add_label (GTK_BOX (box), what, 6);
    }
  else
    {
      add_label (GTK_BOX (box), action, 6);
    }
  gtk_widget_show (box);
  gtk_container_add (GTK_CONTAINER (row), box);

  /* Translators: a row of the work list as a screen reader says it: %1$s the
   * kind of work, %2$s a masked personnummer, %3$s a name, %4$s KROM or STOM,
   * %5$s a municipality, %6$s a date, %7$s how late ("3 days late"),
   * %8$s what to do */
  accessible = g_strdup_printf (_("%1$s: %2$s %3$s, %4$s in %5$s, %6$s, %7$s. %8$s."),
                                anv_worklist_category_title (item->category), masked, name,
                                anv_service_code (item->service), item->municipality_name,
                                item->due_on, days, what != NULL ? what : action);
  atk_object_set_name (gtk_widget_get_accessible (row), accessible);

  target->personnummer = g_strdup (item->personnummer);
  target->event = anv_worklist_category_event (item->category);
  g_object_set_data_full (G_OBJECT (row), "anv-worklist-target", target,
                          (GDestroyNotify) row_target_free);
  gtk_widget_show (row);
  gtk_container_add (GTK_CONTAINER (self->list_box), row);
}

static void
set_total (AnvWorklistPage *self,
           guint            total)
{
  g_autofree char *count = anv_format_count (total);
  g_autofree char *title = total > 0
    /* Translators: the work list's page in the window's switcher, with how
     * many things are due */
    ? g_strdup_printf (_("To Do (%s)"), count)
    : g_strdup (_("To Do"));

  if (self->total != total)
    {
      self->total = total;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL]);
    }
  if (g_strcmp0 (self->title, title) != 0)
    {
      g_free (self->title);
      self->title = g_steal_pointer (&title);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
    }
}

static void
show_counts (AnvWorklistPage   *self,
             const AnvWorklist *worklist,
             const GDate       *today)
{
  g_autoptr (GString) text = g_string_new (NULL);
  char day[11];

  g_date_strftime (day, sizeof day, "%Y-%m-%d", today);
  /* Translators: the first words of the work list's counts; %s is a date */
  g_string_append_printf (text, _("Due on %s:"), day);
  for (guint c = 0; c < ANV_WORKLIST_N_CATEGORIES; c++)
    {
      g_autofree char *count = anv_format_count (worklist->counts[c]);
      g_autofree char *title = NULL;

      /* A category with rows is a link to its section: the last ones sit
       * below hundreds of rows of the first */
      if (worklist->counts[c] > 0)
        title = g_markup_printf_escaped ("<a href=\"%s\">%s</a>",
                                         anv_worklist_category_code (c),
                                         anv_worklist_category_title (c));
      else
        title = g_markup_escape_text (anv_worklist_category_title (c), -1);
      /* Translators: one of the work list's counts: %1$s the kind of work, %2$s how many */
      g_string_append_printf (text, c == 0 ? _(" %1$s %2$s") : _(", %1$s %2$s"), title, count);
    }
  gtk_label_set_markup (self->counts_label, text->str);
}

/* A category's link in the counts: its section scrolled to the top, its
 * first row selected and focused. */
static gboolean
counts_link_cb (GtkLabel        *label,
                const char      *uri,
                AnvWorklistPage *self)
{
  g_autoptr (GList) rows = gtk_container_get_children (GTK_CONTAINER (self->list_box));
  GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (self->list_box),
                                                 GTK_TYPE_SCROLLED_WINDOW);
  guint category = ANV_WORKLIST_N_CATEGORIES;
  int y = 0;

  for (guint c = 0; c < ANV_WORKLIST_N_CATEGORIES; c++)
    if (g_strcmp0 (uri, anv_worklist_category_code (c)) == 0)
      category = c;
  for (GList *l = rows; l != NULL && category < ANV_WORKLIST_N_CATEGORIES; l = l->next)
    {
      guint of = GPOINTER_TO_UINT (g_object_get_data (l->data, "anv-worklist-category"));

      if (of != category + 1)
        continue;
      if (l->next != NULL)
        {
          gtk_list_box_select_row (self->list_box, l->next->data);
          gtk_widget_grab_focus (l->next->data);
        }
      if (scrolled != NULL
          && gtk_widget_translate_coordinates (l->data, GTK_WIDGET (self->list_box), 0, 0, NULL,
                                               &y))
        gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW
                                                                       (scrolled)), y);
      break;
    }
  return TRUE;
}

/* The move is offered while the list has referrals whose provider leaves. */
static void
update_move_button (AnvWorklistPage   *self,
                    const AnvWorklist *worklist,
                    const GDate       *today)
{
  GPtrArray *items = worklist->items[ANV_WORKLIST_PROVIDER_LEAVING];
  char day[11];

  anv_date_format (today, day);
  self->leaving_later = FALSE;
  for (guint i = 0; i < items->len; i++)
    {
      const AnvWorklistItem *item = g_ptr_array_index (items, i);

      /* The last day of the approval: the provider leaves the day after */
      if (g_strcmp0 (item->due_on, day) >= 0)
        self->leaving_later = TRUE;
    }
  gtk_widget_set_visible (self->move_button,
                          worklist->counts[ANV_WORKLIST_PROVIDER_LEAVING] > 0);
}

/* How many of @moves stay, having no provider to go to. */
static guint
count_staying (GPtrArray *moves)
{
  guint n = 0;

  for (guint i = 0; i < moves->len; i++)
    if (((AnvReferralMove *) g_ptr_array_index (moves, i))->to_provider_id == 0)
      n++;
  return n;
}

/* The sentences after the count: who stays, who leaves later. */
static void
append_others (AnvWorklistPage *self,
               GString         *text,
               guint            staying)
{
  if (staying > 0)
    {
      g_string_append (text, "\n\n");
      g_string_append_printf (text,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%u referral stays with its provider: no other "
                                           "provider is approved in its municipality. Change "
                                           "its provider by hand.",
                                           "%u referrals stay with their provider: no other "
                                           "provider is approved in their municipality. "
                                           "Change their provider by hand.",
                                           staying),
                              staying);
    }
  if (self->leaving_later)
    {
      g_string_append (text, "\n\n");
      g_string_append (text, _("Some providers in Provider Leaving leave after today: their "
                               "referrals can be moved from the day they leave."));
    }
}

/* "2 to Umeå Jobb AB" a line per provider, in the order first moved to. */
static void
append_destinations (GString   *text,
                     GPtrArray *moves)
{
  g_autoptr (GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; i < moves->len; i++)
    {
      AnvReferralMove *move = g_ptr_array_index (moves, i);
      guint n;

      if (move->to_provider_id == 0)
        continue;
      n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, move->to_name));
      if (n == 0)
        g_ptr_array_add (names, move->to_name);
      g_hash_table_insert (counts, move->to_name, GUINT_TO_POINTER (n + 1));
    }
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, name));

      g_string_append (text, i == 0 ? "\n\n" : "\n");
      /* Translators: a line of the move's confirmation: %1$u how many, %2$s a provider */
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%1$u referral to %2$s",
                                                 "%1$u referrals to %2$s", n),
                              n, name);
    }
}

static void
reload (AnvWorklistPage *self)
{
  g_autoptr (AnvWorklist) worklist = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GList) rows = NULL;
  AnvDb *db = anv_context_get_db (self->context);
  const char *officer = NULL;
  GtkListBoxRow *selected;
  g_autofree char *selected_pnr = NULL;
  gboolean had_focus;
  GDate today;

  anv_context_get_today (self->context, &today);
  if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->mine_check)))
    officer = anv_db_get_user (db);
  worklist = anv_worklist_read (db, &today, officer, ANV_WORKLIST_WINDOW_LIMIT, &error);
  if (worklist == NULL)
    {
      anv_context_report_error (self->context, error->message);
      return;
    }

  /* The person selected stays selected when still due */
  selected = gtk_list_box_get_selected_row (self->list_box);
  if (selected != NULL)
    {
      RowTarget *target = g_object_get_data (G_OBJECT (selected), "anv-worklist-target");

      selected_pnr = target != NULL ? g_strdup (target->personnummer) : NULL;
    }
  had_focus = gtk_widget_has_focus (GTK_WIDGET (self->list_box))
              || (selected != NULL && gtk_widget_has_focus (GTK_WIDGET (selected)));

  rows = gtk_container_get_children (GTK_CONTAINER (self->list_box));
  for (GList *l = rows; l != NULL; l = l->next)
    gtk_widget_destroy (l->data);

  for (guint c = 0; c < ANV_WORKLIST_N_CATEGORIES; c++)
    {
      GPtrArray *items = worklist->items[c];

      if (worklist->counts[c] == 0)
        continue;
      add_header (self, c, worklist->counts[c], items->len);
      for (guint i = 0; i < items->len; i++)
        add_item (self, g_ptr_array_index (items, i));
    }

  show_counts (self, worklist, &today);
  update_move_button (self, worklist, &today);
  gtk_stack_set_visible_child_name (self->content_stack,
                                    anv_worklist_get_total (worklist) > 0 ? "list" : "empty");
  set_total (self, anv_worklist_get_total (worklist));

  if (selected_pnr != NULL)
    {
      g_autoptr (GList) now = gtk_container_get_children (GTK_CONTAINER (self->list_box));

      for (GList *l = now; l != NULL; l = l->next)
        {
          RowTarget *target = g_object_get_data (l->data, "anv-worklist-target");

          if (target != NULL && g_strcmp0 (target->personnummer, selected_pnr) == 0)
            {
              gtk_list_box_select_row (self->list_box, l->data);
              if (had_focus)
                gtk_widget_grab_focus (l->data);
              break;
            }
        }
    }
}


/*
 * Callbacks
 */

static gboolean
reload_idle_cb (gpointer user_data)
{
  AnvWorklistPage *self = ANV_WORKLIST_PAGE (user_data);

  self->reload_id = 0;
  reload (self);
  return G_SOURCE_REMOVE;
}

static void
context_changed_cb (AnvContext      *context,
                    AnvWorklistPage *self)
{
  /* Shown, at once. In the background (its count in the page's title
   * still wanted), once what changed it has finished: a save on another
   * page does not wait for this page's reading, and changes that come
   * together are read once. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      g_clear_handle_id (&self->reload_id, g_source_remove);
      reload (self);
      return;
    }
  if (self->reload_id == 0)
    {
      self->reload_id = g_idle_add_full (G_PRIORITY_LOW, reload_idle_cb, self, NULL);
      g_source_set_name_by_id (self->reload_id, "[anvisa] worklist reload");
    }
}

static void
today_changed_cb (AnvContext      *context,
                  GParamSpec      *pspec,
                  AnvWorklistPage *self)
{
  reload (self);
}

static void
mine_toggled_cb (AnvWorklistPage *self)
{
  reload (self);
}

static void
show_move_result (AnvWorklistPage *self,
                  const char      *text)
{
  gtk_label_set_text (self->move_result, text);
  gtk_widget_set_visible (GTK_WIDGET (self->move_result), text != NULL);
}

static void
confirm_response_cb (GtkDialog       *dialog,
                     int              response,
                     AnvWorklistPage *self)
{
  g_autoptr (GPtrArray) moves = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) text = NULL;
  guint moved;
  GDate today;

  gtk_widget_destroy (GTK_WIDGET (dialog));
  if (response != GTK_RESPONSE_ACCEPT)
    return;

  anv_context_get_today (self->context, &today);
  if (!anv_referrals_move_leaving (anv_context_get_db (self->context), &today, NULL, &today,
                                   FALSE, &moves, &error))
    {
      anv_context_report_error (self->context, error->message);
      return;
    }
  moved = moves->len - count_staying (moves);
  text = g_string_new (NULL);
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                             "Moved %u referral to the no-choice default.",
                                             "Moved %u referrals to the no-choice default.",
                                             moved),
                          moved);
  append_destinations (text, moves);
  append_others (self, text, count_staying (moves));
  show_move_result (self, text->str);
}

static void
confirm_destroyed_cb (AnvWorklistPage *self)
{
  self->confirm_dialog = NULL;
}

static void
move_clicked_cb (AnvWorklistPage *self)
{
  g_autoptr (GPtrArray) moves = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) details = g_string_new (NULL);
  g_autofree char *question = NULL;
  GtkWidget *toplevel = gtk_widget_get_toplevel (GTK_WIDGET (self));
  GtkWidget *dialog;
  guint moving;
  GDate today;

  if (self->confirm_dialog != NULL)
    return;
  show_move_result (self, NULL);
  anv_context_get_today (self->context, &today);
  if (!anv_referrals_move_leaving (anv_context_get_db (self->context), &today, NULL, &today,
                                   TRUE, &moves, &error))
    {
      anv_context_report_error (self->context, error->message);
      return;
    }
  moving = moves->len - count_staying (moves);
  if (moving > 0)
    question = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Move %u referral to the no-choice default?",
                                             "Move %u referrals to the no-choice default?",
                                             moving),
                                moving);
  else
    question = g_strdup (_("No referral can be moved today"));

  g_string_append (details, _("Each referral whose provider is no longer approved in its "
                              "municipality today moves from today to the no-choice default "
                              "there, everyone’s referrals, each change in the audit log."));
  append_destinations (details, moves);
  append_others (self, details, count_staying (moves));

  dialog = gtk_message_dialog_new (GTK_IS_WINDOW (toplevel) ? GTK_WINDOW (toplevel) : NULL,
                                   GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   moving > 0 ? GTK_MESSAGE_QUESTION : GTK_MESSAGE_INFO,
                                   GTK_BUTTONS_NONE, "%s", question);
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", details->str);
  if (moving > 0)
    {
      gtk_dialog_add_buttons (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL,
                              _("_Move"), GTK_RESPONSE_ACCEPT, NULL);
      gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
    }
  else
    {
      gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Close"), GTK_RESPONSE_CLOSE);
    }
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_response_cb), self, 0);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (confirm_destroyed_cb), self,
                           G_CONNECT_SWAPPED);
  self->confirm_dialog = dialog;
  gtk_widget_show (dialog);
}

static void
row_activated_cb (AnvWorklistPage *self,
                  GtkListBoxRow   *row)
{
  RowTarget *target = g_object_get_data (G_OBJECT (row), "anv-worklist-target");

  if (target != NULL)
    g_signal_emit (self, signals[OPEN_ITEM], 0, target->personnummer, (guint) target->event);
}


/*
 * GObject overrides
 */

static void
anv_worklist_page_constructed (GObject *object)
{
  AnvWorklistPage *self = ANV_WORKLIST_PAGE (object);

  G_OBJECT_CLASS (anv_worklist_page_parent_class)->constructed (object);

  g_assert (ANV_IS_CONTEXT (self->context));

  g_signal_connect_object (self->context, "changed", G_CALLBACK (context_changed_cb), self, 0);
  g_signal_connect_object (self->counts_label, "activate-link", G_CALLBACK (counts_link_cb),
                           self, 0);
  g_signal_connect_object (self->context, "notify::today", G_CALLBACK (today_changed_cb), self,
                           0);
  reload (self);
}

static void
anv_worklist_page_dispose (GObject *object)
{
  AnvWorklistPage *self = ANV_WORKLIST_PAGE (object);

  g_clear_pointer (&self->confirm_dialog, gtk_widget_destroy);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (anv_worklist_page_parent_class)->dispose (object);
}

static void
anv_worklist_page_finalize (GObject *object)
{
  AnvWorklistPage *self = ANV_WORKLIST_PAGE (object);

  g_free (self->title);

  G_OBJECT_CLASS (anv_worklist_page_parent_class)->finalize (object);
}

static void
anv_worklist_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AnvWorklistPage *self = ANV_WORKLIST_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_TOTAL:
      g_value_set_uint (value, self->total);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
anv_worklist_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  AnvWorklistPage *self = ANV_WORKLIST_PAGE (object);

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
anv_worklist_page_class_init (AnvWorklistPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = anv_worklist_page_constructed;
  object_class->dispose = anv_worklist_page_dispose;
  object_class->finalize = anv_worklist_page_finalize;
  object_class->get_property = anv_worklist_page_get_property;
  object_class->set_property = anv_worklist_page_set_property;

  properties[PROP_CONTEXT] = g_param_spec_object ("context", "Context",
                                                  "What the window's pages share",
                                                  ANV_TYPE_CONTEXT,
                                                  G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY
                                                  | G_PARAM_STATIC_STRINGS
                                                  | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * AnvWorklistPage:total:
   *
   * How many things are due, in every category together.
   */
  properties[PROP_TOTAL] = g_param_spec_uint ("total", "Total", "How many things are due",
                                              0, G_MAXUINT, 0,
                                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS
                                              | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * AnvWorklistPage:title:
   *
   * The page's title for the window's switcher, with the total: "To Do (12)".
   */
  properties[PROP_TITLE] = g_param_spec_string ("title", "Title", "The title with the total",
                                                NULL,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS
                                                | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AnvWorklistPage::open-item:
   * @personnummer: the person's, 12 digits
   * @event: the AnvReferralEvents that does the work
   *
   * A row was activated: the window shows the person with the action ready.
   */
  signals[OPEN_ITEM] = g_signal_new ("open-item", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING,
                                     G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/anv-worklist-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AnvWorklistPage, counts_label);
  gtk_widget_class_bind_template_child (widget_class, AnvWorklistPage, mine_check);
  gtk_widget_class_bind_template_child (widget_class, AnvWorklistPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, AnvWorklistPage, list_box);
  gtk_widget_class_bind_template_child (widget_class, AnvWorklistPage, move_button);
  gtk_widget_class_bind_template_child (widget_class, AnvWorklistPage, move_result);
  gtk_widget_class_bind_template_callback (widget_class, mine_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, move_clicked_cb);
}

static void
anv_worklist_page_init (AnvWorklistPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->title = g_strdup (_("To Do"));
}


/*
 * Public API
 */

GtkWidget *
anv_worklist_page_new (AnvContext *context)
{
  g_return_val_if_fail (ANV_IS_CONTEXT (context), NULL);

  return g_object_new (ANV_TYPE_WORKLIST_PAGE, "context", context, NULL);
}

guint
anv_worklist_page_get_total (AnvWorklistPage *self)
{
  g_return_val_if_fail (ANV_IS_WORKLIST_PAGE (self), 0);

  return self->total;
}

const char *
anv_worklist_page_get_title (AnvWorklistPage *self)
{
  g_return_val_if_fail (ANV_IS_WORKLIST_PAGE (self), NULL);

  return self->title;
}
