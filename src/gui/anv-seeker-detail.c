/* anv-seeker-detail.c — the selected job seeker, their actions and referrals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "anvisa-seeker-detail"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "anv-end-reasons.h"
#include "anv-personnummer.h"
#include "anv-referral-row.h"
#include "anv-seeker-detail.h"

struct _AnvSeekerDetail
{
  GtkStack           parent_instance;

  /* Template widgets */
  GtkLabel          *name_label;
  GtkLabel          *protected_label;
  GtkLabel          *personnummer_label;
  GtkToggleButton   *show_full_button;
  GtkLabel          *municipality_label;
  GtkWidget         *postal_code_title;
  GtkLabel          *postal_code_label;
  GtkLabel          *registered_label;
  GtkWidget         *period_box;
  GtkImage          *period_icon;
  GtkLabel          *period_label;
  GtkWidget         *refer_button;
  GtkWidget         *start_button;
  GtkWidget         *change_provider_button;
  GtkWidget         *extend_button;
  GtkWidget         *choose_button;
  GtkWidget         *assign_default_button;
  GtkWidget         *end_button;
  GtkListBox        *history_list;

  AnvContext        *context;

  /* The person shown */
  AnvSeeker         *seeker;
  AnvReferralEvents  allowed;        /* what can be recorded for them now */
  gint64             full_shown_id;  /* whose whole personnummer is shown, or 0 */
};

G_DEFINE_FINAL_TYPE (AnvSeekerDetail, anv_seeker_detail, GTK_TYPE_STACK)

enum
{
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS] = { NULL, };


/*
 * Auxiliary methods
 */

static AnvDb *
get_db (AnvSeekerDetail *self)
{
  return anv_context_get_db (self->context);
}

/* The detail has no place of its own for a failure: the window shows it. */
static void
show_error (AnvSeekerDetail *self,
            const char      *message)
{
  anv_context_report_error (self->context, message);
}

/* The buttons of the events the core allows for the person now
 * (anv_referrals_allowed_events()); the page enables its actions alike. */
static void
update_buttons (AnvSeekerDetail *self)
{
  AnvReferralEvents allowed = anv_seeker_detail_get_allowed (self);

  gtk_widget_set_visible (self->refer_button, (allowed & ANV_REFERRAL_EVENT_DECIDE) != 0);
  gtk_widget_set_visible (self->start_button, (allowed & ANV_REFERRAL_EVENT_START) != 0);
  gtk_widget_set_visible (self->change_provider_button,
                          (allowed & ANV_REFERRAL_EVENT_CHANGE_PROVIDER) != 0);
  gtk_widget_set_visible (self->extend_button, (allowed & ANV_REFERRAL_EVENT_EXTEND) != 0);
  gtk_widget_set_visible (self->choose_button, (allowed & ANV_REFERRAL_EVENT_CHOOSE) != 0);
  gtk_widget_set_visible (self->assign_default_button,
                          (allowed & ANV_REFERRAL_EVENT_CHOOSE) != 0);
  gtk_widget_set_visible (self->end_button, (allowed & ANV_REFERRAL_EVENT_END) != 0);
}

static void
update_personnummer (AnvSeekerDetail *self)
{
  gboolean full = self->seeker != NULL && self->full_shown_id == self->seeker->id;
  g_autofree char *number = NULL;

  if (self->seeker == NULL)
    return;

  number = full ? anv_personnummer_format (self->seeker->personnummer)
                : anv_personnummer_format_masked (self->seeker->personnummer);
  gtk_label_set_text (self->personnummer_label, number);

  g_signal_handlers_block_matched (self->show_full_button, G_SIGNAL_MATCH_DATA,
                                   0, 0, NULL, NULL, self);
  gtk_toggle_button_set_active (self->show_full_button, full);
  g_signal_handlers_unblock_matched (self->show_full_button, G_SIGNAL_MATCH_DATA,
                                     0, 0, NULL, NULL, self);
}

static void
clear_history (AnvSeekerDetail *self)
{
  g_autoptr (GList) rows = gtk_container_get_children (GTK_CONTAINER (self->history_list));

  for (GList *l = rows; l != NULL; l = l->next)
    gtk_widget_destroy (l->data);
}

/* The open referral's period above the actions: when it ends, or a
 * warning that it ran out; hidden while none is open. */
static void
show_open_period (AnvSeekerDetail *self,
                  GPtrArray       *referrals,
                  const GDate     *today)
{
  g_autofree char *period = NULL;
  gboolean overdue = FALSE;

  for (guint i = 0; referrals != NULL && i < referrals->len && period == NULL; i++)
    {
      const AnvReferral *referral = g_ptr_array_index (referrals, i);

      if (referral->ended_on == NULL && !referral->annulled)
        period = anv_referral_describe_period (referral, today, &overdue);
    }
  anv_referral_row_show_period (self->period_box, self->period_icon, self->period_label,
                                period, overdue);
}

static void
show_person (AnvSeekerDetail *self,
             GPtrArray       *referrals,
             const GDate     *today)
{
  const AnvSeeker *seeker = self->seeker;
  g_autoptr (GPtrArray) reasons = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *municipality = NULL;
  g_autofree char *registered = NULL;
  gboolean show_postal_code;

  gtk_label_set_text (self->name_label, seeker->name);
  gtk_widget_set_visible (GTK_WIDGET (self->protected_label), seeker->protected_identity);
  update_personnummer (self);

  /* Translators: %1$s is a municipality, %2$s its four-digit code */
  municipality = g_strdup_printf (_("%1$s (%2$s)"), seeker->municipality_name,
                                  seeker->municipality_code);
  gtk_label_set_text (self->municipality_label, municipality);

  show_postal_code = !seeker->protected_identity && seeker->postal_code != NULL;
  gtk_widget_set_visible (self->postal_code_title, show_postal_code);
  gtk_widget_set_visible (GTK_WIDGET (self->postal_code_label), show_postal_code);
  if (show_postal_code)
    {
      g_autofree char *postal = NULL;

      if (strlen (seeker->postal_code) == 5)
        postal = g_strdup_printf ("%.3s %s", seeker->postal_code, seeker->postal_code + 3);
      gtk_label_set_text (self->postal_code_label, postal != NULL ? postal : seeker->postal_code);
    }

  /* Translators: %1$s is a date, %2$s the case officer's user name */
  registered = g_strdup_printf (_("%1$s by %2$s"), seeker->registered_on, seeker->registered_by);
  gtk_label_set_text (self->registered_label, registered);

  show_open_period (self, referrals, today);
  clear_history (self);
  reasons = anv_end_reasons_list (get_db (self), TRUE, &error);
  /* The rows then name an end by its code alone: worth no message */
  if (reasons == NULL)
    g_debug ("End reasons: %s", error->message);
  for (guint i = 0; referrals != NULL && i < referrals->len; i++)
    gtk_container_add (GTK_CONTAINER (self->history_list),
                       anv_referral_row_new (g_ptr_array_index (referrals, i), reasons,
                                             today));

  gtk_stack_set_visible_child_name (GTK_STACK (self), "person");
}

static gboolean
focus_if_shown (GtkWidget *widget)
{
  if (widget == NULL || !gtk_widget_is_visible (widget) || !gtk_widget_is_sensitive (widget))
    return FALSE;
  gtk_widget_grab_focus (widget);
  return TRUE;
}


/*
 * Callbacks
 */

static void
show_full_toggled_cb (GtkToggleButton *button,
                      AnvSeekerDetail *self)
{
  g_autoptr (GPtrArray) seekers = NULL;
  g_autoptr (GError) error = NULL;
  gint64 id;

  if (self->seeker == NULL)
    return;

  if (!gtk_toggle_button_get_active (button))
    {
      self->full_shown_id = 0;
      update_personnummer (self);
      return;
    }

  /* Recorded before it is shown; the commit refreshes the page, which
   * keeps showing it. */
  id = self->seeker->id;
  self->full_shown_id = id;
  seekers = anv_seekers_get_by_ids (get_db (self), &id, 1, &error);
  if (seekers == NULL || g_ptr_array_index (seekers, 0) == NULL
      || !anv_seekers_record_full_display (get_db (self), g_ptr_array_index (seekers, 0),
                                           &error))
    {
      self->full_shown_id = 0;
      if (error != NULL)
        show_error (self, error->message);
    }
  update_personnummer (self);
}


/*
 * GObject overrides
 */

static void
anv_seeker_detail_dispose (GObject *object)
{
  AnvSeekerDetail *self = ANV_SEEKER_DETAIL (object);

  g_clear_object (&self->context);
  g_clear_pointer (&self->seeker, anv_seeker_free);

  G_OBJECT_CLASS (anv_seeker_detail_parent_class)->dispose (object);
}

static void
anv_seeker_detail_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AnvSeekerDetail *self = ANV_SEEKER_DETAIL (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
anv_seeker_detail_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  AnvSeekerDetail *self = ANV_SEEKER_DETAIL (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      anv_seeker_detail_set_context (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
anv_seeker_detail_class_init (AnvSeekerDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = anv_seeker_detail_dispose;
  object_class->get_property = anv_seeker_detail_get_property;
  object_class->set_property = anv_seeker_detail_set_property;

  /**
   * AnvSeekerDetail:context:
   *
   * What the window's pages share: the database, today, and where a
   * failure is told. Set once, by the page that holds the detail in its
   * template.
   */
  properties[PROP_CONTEXT] = g_param_spec_object ("context",
                                                  "Context",
                                                  "What the window's pages share",
                                                  ANV_TYPE_CONTEXT,
                                                  G_PARAM_READWRITE |
                                                  G_PARAM_EXPLICIT_NOTIFY |
                                                  G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/anv-seeker-detail.ui");

  gtk_widget_class_bind_template_child (widget_class, AnvSeekerDetail, name_label);
  gtk_widget_class_bind_template_child (widget_class, AnvSeekerDetail, protected_label);
  gtk_widget_class_bind_template_child (widget_class, AnvSeekerDetail, personnummer_label);
  gtk_widget_class_bind_template_child (widget_class, AnvSeekerDetail, show_full_button);
  gtk_widget_class_bind_template_child (widget_class, AnvSeekerDetail, municipality_label);
  gtk_widget_class_bind_template_child (widget_class, AnvSeekerDetail, postal_code_title);
  gtk_widget_class_bind_template_child (widget_class, AnvSeekerDetail, postal_code_label);
  gtk_widget_class_bind_template_child (widget_class, AnvSeekerDetail, registered_label);
  gtk_widget_class_bind_template_child (widget_class, AnvSeekerDetail, period_box);
  gtk_widget_class_bind_template_child (widget_class, AnvSeekerDetail, period_icon);
  gtk_widget_class_bind_template_child (widget_class, AnvSeekerDetail, period_label);
  gtk_widget_class_bind_template_child (widget_class, AnvSeekerDetail, refer_button);
  gtk_widget_class_bind_template_child (widget_class, AnvSeekerDetail, start_button);
  gtk_widget_class_bind_template_child (widget_class, AnvSeekerDetail, change_provider_button);
  gtk_widget_class_bind_template_child (widget_class, AnvSeekerDetail, extend_button);
  gtk_widget_class_bind_template_child (widget_class, AnvSeekerDetail, choose_button);
  gtk_widget_class_bind_template_child (widget_class, AnvSeekerDetail, assign_default_button);
  gtk_widget_class_bind_template_child (widget_class, AnvSeekerDetail, end_button);
  gtk_widget_class_bind_template_child (widget_class, AnvSeekerDetail, history_list);

  gtk_widget_class_bind_template_callback (widget_class, show_full_toggled_cb);
}

static void
anv_seeker_detail_init (AnvSeekerDetail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}


/*
 * Public API
 */

/**
 * anv_seeker_detail_set_context:
 * @self: an #AnvSeekerDetail
 * @context: the window's #AnvContext
 *
 * Gives the detail its context, once: the page that holds it in its
 * template does so when it is constructed.
 */
void
anv_seeker_detail_set_context (AnvSeekerDetail *self,
                               AnvContext      *context)
{
  g_return_if_fail (ANV_IS_SEEKER_DETAIL (self));
  g_return_if_fail (context == NULL || ANV_IS_CONTEXT (context));
  g_return_if_fail (self->context == NULL || self->context == context);

  if (g_set_object (&self->context, context))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

void
anv_seeker_detail_show (AnvSeekerDetail *self,
                        gint64           id)
{
  g_autoptr (GPtrArray) referrals = NULL;
  g_autoptr (GError) error = NULL;
  GDate today;

  g_return_if_fail (ANV_IS_SEEKER_DETAIL (self));
  g_return_if_fail (ANV_IS_CONTEXT (self->context));

  g_clear_pointer (&self->seeker, anv_seeker_free);
  self->allowed = ANV_REFERRAL_EVENT_NONE;

  /* Opening the record is a read of personal data, logged with the login
   * (the same record shown anew after a change is not logged again). */
  if (id != 0)
    self->seeker = anv_seekers_open_by_id (get_db (self), id, &error);

  if (self->seeker == NULL)
    {
      if (error != NULL)
        show_error (self, error->message);
      self->full_shown_id = 0;
      gtk_stack_set_visible_child_name (GTK_STACK (self), "none");
      update_buttons (self);
      return;
    }

  if (self->full_shown_id != self->seeker->id)
    self->full_shown_id = 0;

  anv_context_get_today (self->context, &today);
  referrals = anv_referrals_for_seeker (get_db (self), self->seeker->personnummer, &today,
                                       &error);
  if (referrals == NULL)
    show_error (self, error->message);
  self->allowed = anv_referrals_allowed_events (referrals);

  show_person (self, referrals, &today);
  update_buttons (self);
}

const AnvSeeker *
anv_seeker_detail_get_seeker (AnvSeekerDetail *self)
{
  g_return_val_if_fail (ANV_IS_SEEKER_DETAIL (self), NULL);

  return self->seeker;
}

AnvReferralEvents
anv_seeker_detail_get_allowed (AnvSeekerDetail *self)
{
  g_return_val_if_fail (ANV_IS_SEEKER_DETAIL (self), ANV_REFERRAL_EVENT_NONE);

  return self->seeker != NULL ? self->allowed : ANV_REFERRAL_EVENT_NONE;
}

gboolean
anv_seeker_detail_focus_first (AnvSeekerDetail *self)
{
  GtkWidget *buttons[7];

  g_return_val_if_fail (ANV_IS_SEEKER_DETAIL (self), FALSE);

  buttons[0] = self->refer_button;
  buttons[1] = self->assign_default_button;
  buttons[2] = self->choose_button;
  buttons[3] = self->start_button;
  buttons[4] = self->change_provider_button;
  buttons[5] = self->extend_button;
  buttons[6] = self->end_button;
  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    if (focus_if_shown (buttons[i]))
      return TRUE;
  return FALSE;
}

gboolean
anv_seeker_detail_focus_next (AnvSeekerDetail       *self,
                              AnvReferralDialogKind  done)
{
  g_return_val_if_fail (ANV_IS_SEEKER_DETAIL (self), FALSE);

  /* The button that was pressed may be gone (a start is recorded once):
   * the next thing to do, in the order the events come. */
  switch (done)
    {
    case ANV_REFERRAL_DIALOG_DECIDE:
      /* Decided before the choice: the choice is the next thing */
      return focus_if_shown (self->start_button) || focus_if_shown (self->choose_button);
    case ANV_REFERRAL_DIALOG_CHOOSE:
    case ANV_REFERRAL_DIALOG_ASSIGN_DEFAULT:
      return focus_if_shown (self->start_button);
    case ANV_REFERRAL_DIALOG_START:
    case ANV_REFERRAL_DIALOG_CHANGE_PROVIDER:
    case ANV_REFERRAL_DIALOG_EXTEND:
      return focus_if_shown (self->end_button);
    case ANV_REFERRAL_DIALOG_END:
    default:
      return FALSE;
    }
}
