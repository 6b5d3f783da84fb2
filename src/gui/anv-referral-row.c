/* anv-referral-row.c — one referral in a job seeker's history
 *
 * The seekers page lists a person's referrals, newest first, one row
 * each: the service and level, the state, the municipality of the
 * decision, the period's last day (a warning when an open referral's
 * period has run out), then every event by date.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "anvisa-referral-row"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "anv-end-reasons.h"
#include "anv-referral-row.h"

/* One line of the history. */
typedef struct
{
  const char *date;
  int         order;   /* within a day: decided, provider, started, changed, ended */
  char       *text;
} HistoryEvent;

struct _AnvReferralRow
{
  GtkListBoxRow  parent_instance;

  /* Template widgets */
  GtkLabel      *title_label;
  GtkLabel      *state_label;
  GtkLabel      *where_label;
  GtkWidget     *period_box;
  GtkImage      *period_icon;
  GtkLabel      *period_label;
  GtkGrid       *events_grid;
};

G_DEFINE_FINAL_TYPE (AnvReferralRow, anv_referral_row, GTK_TYPE_LIST_BOX_ROW)


/*
 * Auxiliary methods
 */

static void
history_event_clear (HistoryEvent *event)
{
  g_free (event->text);
}

static const char *
find_end_reason (GPtrArray  *reasons,
                 const char *code)
{
  for (guint i = 0; reasons != NULL && i < reasons->len; i++)
    {
      const AnvEndReason *reason = g_ptr_array_index (reasons, i);

      if (g_strcmp0 (reason->code, code) == 0)
        return anv_end_reason_label (reason);
    }
  return code;
}

static int
compare_events (gconstpointer a,
                gconstpointer b)
{
  const HistoryEvent *x = a, *y = b;
  int by_date = g_strcmp0 (x->date, y->date);

  return by_date != 0 ? by_date : x->order - y->order;
}

static void
add_event (GArray     *events,
           const char *date,
           int         order,
           char       *text)
{
  HistoryEvent event = { date, order, text };

  g_array_append_val (events, event);
}

/* The referral's events in order: decided, provider, started, provider
 * changes, ended. */
static GArray *
collect_events (const AnvReferral *referral,
                GPtrArray         *reasons)
{
  GArray *events = g_array_new (FALSE, FALSE, sizeof (HistoryEvent));

  g_array_set_clear_func (events, (GDestroyNotify) history_event_clear);

  /* Translators: a referral's history; %s is the case officer's user name */
  add_event (events, referral->decided_on, 0, g_strdup_printf (_("Referred by %s"),
                                                               referral->decided_by));

  /* Decided before the job seeker chose: the wait until the deadline */
  if (referral->choice == ANV_CHOICE_PENDING)
    /* Translators: a referral's history (väntar på val); %s is the last day to choose */
    add_event (events, referral->decided_on, 1,
               g_strdup_printf (_("No provider yet: waiting for the job seeker’s choice "
                                  "until %s"), referral->choice_deadline));

  for (guint i = 0; referral->providers != NULL && i < referral->providers->len; i++)
    {
      const AnvReferralProvider *provider = g_ptr_array_index (referral->providers, i);
      g_autofree char *text = NULL;

      if (i == 0 && referral->choice == ANV_CHOICE_OWN)
        /* Translators: a referral's history; %s is a provider */
        text = g_strdup_printf (_("Provider %s, chosen by the job seeker"), provider->name);
      else if (i == 0)
        /* Translators: a referral's history; %s is a provider (ickevalsalternativ) */
        text = g_strdup_printf (_("Provider %s, the no-choice default (no choice made)"),
                                provider->name);
      else
        /* Translators: a referral's history; %s is a provider */
        text = g_strdup_printf (_("Changed provider to %s"), provider->name);

      if (provider->outside_area)
        /* Translators: a referral's history; %s says which provider */
        add_event (events, provider->from_date, i == 0 ? 1 : 3,
                   g_strdup_printf (_("%s, outside the delivery area"), text));
      else
        add_event (events, provider->from_date, i == 0 ? 1 : 3, g_steal_pointer (&text));
    }

  /* The planned start, while a start may still be recorded */
  if (referral->started_on != NULL && referral->start_note != NULL)
    /* Translators: a referral's history; %s is why the start was earlier than allowed */
    add_event (events, referral->started_on, 2,
               g_strdup_printf (_("Started, earlier than allowed: %s"), referral->start_note));
  else if (referral->started_on != NULL)
    add_event (events, referral->started_on, 2, g_strdup (C_("referral history", "Started")));
  else if (anv_referral_allowed_events (referral) & ANV_REFERRAL_EVENT_START)
    add_event (events, referral->planned_start, 2,
               g_strdup (C_("referral history", "Planned start")));

  if (referral->ended_on != NULL)
    {
      const char *reason = find_end_reason (reasons, referral->end_reason);

      if (referral->end_kind == ANV_END_KIND_RESULT)
        /* Translators: a referral's history; %s is the result, such as work */
        add_event (events, referral->ended_on, 4, g_strdup_printf (_("Ended with a result: %s"),
                                                                   reason));
      else
        /* Translators: a referral's history; %s is why it was interrupted */
        add_event (events, referral->ended_on, 4, g_strdup_printf (_("Interrupted: %s"),
                                                                   reason));
    }

  g_array_sort (events, compare_events);
  return events;
}

static GtkWidget *
make_label (const char *text,
            gboolean    dim)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_line_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_line_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (dim)
    gtk_style_context_add_class (gtk_widget_get_style_context (label), "dim-label");
  gtk_widget_show (label);
  return label;
}

static void
show_period (AnvReferralRow    *self,
             const AnvReferral *referral,
             const GDate       *today)
{
  gboolean overdue = FALSE;
  g_autofree char *period = anv_referral_describe_period (referral, today, &overdue);

  anv_referral_row_show_period (self->period_box, self->period_icon, self->period_label,
                                period, overdue);
}

static void
show_referral (AnvReferralRow    *self,
               const AnvReferral *referral,
               GPtrArray         *reasons,
               const GDate       *today)
{
  g_autoptr (GArray) events = collect_events (referral, reasons);
  g_autofree char *title = NULL;
  g_autofree char *level = NULL;
  g_autofree char *where = NULL;
  const char *state;

  level = anv_referral_level_in_sentence (referral->service, referral->level);
  if (level != NULL)
    /* Translators: e.g. "Rusta och matcha, level B" */
    title = g_strdup_printf (_("%1$s, %2$s"), anv_service_name (referral->service), level);
  else
    title = g_strdup (anv_service_name (referral->service));
  gtk_label_set_text (self->title_label, title);

  if (referral->annulled)
    /* Translators: the state of a referral */
    state = C_("referral state", "Annulled");
  else if (referral->ended_on != NULL)
    /* Translators: the state of a referral */
    state = C_("referral state", "Ended");
  else
    /* Translators: the state of a referral */
    state = C_("referral state", "Open");
  gtk_label_set_text (self->state_label, state);

  /* Translators: %s is the municipality where a referral was decided */
  where = g_strdup_printf (_("Decided in %s"), referral->municipality_name);
  gtk_label_set_text (self->where_label, where);
  show_period (self, referral, today);

  for (guint i = 0; i < events->len; i++)
    {
      const HistoryEvent *event = &g_array_index (events, HistoryEvent, i);
      GtkWidget *date = make_label (event->date, TRUE);
      GtkWidget *text = make_label (event->text, FALSE);

      gtk_label_set_line_wrap (GTK_LABEL (date), FALSE);
      gtk_widget_set_valign (date, GTK_ALIGN_START);
      gtk_grid_attach (self->events_grid, date, 0, (int) i, 1, 1);
      gtk_widget_set_hexpand (text, TRUE);
      gtk_grid_attach (self->events_grid, text, 1, (int) i, 1, 1);
    }
}


/*
 * GObject overrides
 */

static void
anv_referral_row_class_init (AnvReferralRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/anv-referral-row.ui");

  gtk_widget_class_bind_template_child (widget_class, AnvReferralRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, AnvReferralRow, state_label);
  gtk_widget_class_bind_template_child (widget_class, AnvReferralRow, where_label);
  gtk_widget_class_bind_template_child (widget_class, AnvReferralRow, period_box);
  gtk_widget_class_bind_template_child (widget_class, AnvReferralRow, period_icon);
  gtk_widget_class_bind_template_child (widget_class, AnvReferralRow, period_label);
  gtk_widget_class_bind_template_child (widget_class, AnvReferralRow, events_grid);
}

static void
anv_referral_row_init (AnvReferralRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}


/*
 * Public API
 */

GtkWidget *
anv_referral_row_new (const AnvReferral *referral,
                      GPtrArray         *end_reasons,
                      const GDate       *today)
{
  AnvReferralRow *self;

  g_return_val_if_fail (referral != NULL, NULL);
  g_return_val_if_fail (today != NULL, NULL);

  self = g_object_new (ANV_TYPE_REFERRAL_ROW, NULL);
  show_referral (self, referral, end_reasons, today);
  return GTK_WIDGET (self);
}

void
anv_referral_row_show_period (GtkWidget  *box,
                              GtkImage   *icon,
                              GtkLabel   *label,
                              const char *period,
                              gboolean    overdue)
{
  GtkStyleContext *style = gtk_widget_get_style_context (GTK_WIDGET (label));
  PangoAttrList *attributes = pango_attr_list_new ();

  gtk_widget_set_visible (box, period != NULL);
  gtk_label_set_text (label, period != NULL ? period : "");
  gtk_widget_set_visible (GTK_WIDGET (icon), overdue);
  /* Run out: bold beside the warning sign, and marked for the theme */
  if (overdue)
    {
      pango_attr_list_insert (attributes, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      gtk_style_context_add_class (style, "warning");
    }
  else
    {
      gtk_style_context_remove_class (style, "warning");
    }
  gtk_label_set_attributes (label, attributes);
  pango_attr_list_unref (attributes);
}
