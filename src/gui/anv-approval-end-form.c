/* anv-approval-end-form.c — the form that ends an approval on a last day
 *
 * The approval chosen in the providers page's list and the day that
 * becomes its last. The core refuses what cannot be ended (an approval
 * that ended earlier, a day before its first); the refusal shows in the
 * form. Once ended, the form says how many open referrals have the
 * provider where it is no longer approved from the next day, and that the
 * work list moves them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-approval-end-form"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "anv-approval-end-form.h"
#include "anv-context.h"
#include "anv-date.h"
#include "anv-date-entry.h"
#include "anv-form-field.h"
#include "anv-referrals.h"

struct _AnvApprovalEndForm
{
  GtkBox        parent_instance;

  /* Template widgets */
  GtkLabel     *end_approval_label;
  AnvDateEntry *end_date;
  GtkLabel     *end_message;
  GtkLabel     *end_result;
  GtkWidget    *end_button;

  AnvContext   *context;
  char         *orgnr;             /* 10 digits; NULL: none chosen */
  char         *provider_name;
  char         *area_name;
};

G_DEFINE_FINAL_TYPE (AnvApprovalEndForm, anv_approval_end_form, GTK_TYPE_BOX)

enum
{
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS] = { NULL, };

enum
{
  ENDED,
  CLOSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS] = { 0, };


/*
 * Auxiliary methods
 */

/* What ending the approval on @last means for the open referrals. */
static char *
describe_leaving (AnvApprovalEndForm *self,
                  const GDate        *last,
                  GError            **error)
{
  g_autoptr (GPtrArray) leaving = NULL;
  char last_text[11], next_text[11];
  GDate next = *last;

  g_date_add_days (&next, 1);
  anv_date_format (last, last_text);
  anv_date_format (&next, next_text);
  leaving = anv_referrals_list_leaving (anv_context_get_db (self->context), &next, self->orgnr,
                                       error);
  if (leaving == NULL)
    return NULL;
  if (leaving->len == 0)
    /* Translators: %1$s is a date, %2$s a provider, %3$s the next day */
    return g_strdup_printf (_("The approval now ends on %1$s. No open referral has %2$s "
                              "where it is no longer approved from %3$s."),
                            last_text, self->provider_name, next_text);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       /* Translators: %1$s is a date, %2$u a count, %3$s a
                                        * provider, %4$s the next day */
                                       "The approval now ends on %1$s. %2$u open referral has "
                                       "%3$s where it is no longer approved from %4$s: move "
                                       "it on the To Do page, under Provider Leaving, from "
                                       "that day.",
                                       "The approval now ends on %1$s. %2$u open referrals "
                                       "have %3$s where it is no longer approved from %4$s: "
                                       "move them on the To Do page, under Provider Leaving, "
                                       "from that day.",
                                       leaving->len),
                          last_text, leaving->len, self->provider_name, next_text);
}


/*
 * Callbacks
 */

static void
changed_cb (AnvApprovalEndForm *self)
{
  GDate last;
  gboolean valid = self->orgnr != NULL && anv_date_entry_get_date (self->end_date, &last);

  anv_form_field_set_message (self->end_message, NULL);
  gtk_widget_set_sensitive (self->end_button, valid);
}

static void
end_cb (AnvApprovalEndForm *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *result = NULL;
  GDate last, today;

  if (!gtk_widget_get_sensitive (self->end_button)
      || !anv_date_entry_get_date (self->end_date, &last))
    return;

  anv_context_get_today (self->context, &today);
  if (!anv_providers_end_approval (anv_context_get_db (self->context), self->orgnr,
                                   self->area_name, &last, &today, &error))
    {
      g_autofree char *message = anv_context_explain_error (self->context, error);

      anv_form_field_set_message (self->end_message, message);
      gtk_widget_set_sensitive (self->end_button, FALSE);
      return;
    }

  result = describe_leaving (self, &last, &error);
  anv_form_field_set_message (self->end_result, result != NULL ? result : error->message);
  gtk_widget_set_sensitive (self->end_button, FALSE);
  g_signal_emit (self, signals[ENDED], 0);
}

static void
close_cb (AnvApprovalEndForm *self)
{
  g_signal_emit (self, signals[CLOSED], 0);
}

static gboolean
key_press_cb (AnvApprovalEndForm *self,
              GdkEventKey        *event)
{
  if (event->keyval != GDK_KEY_Escape)
    return GDK_EVENT_PROPAGATE;

  close_cb (self);
  return GDK_EVENT_STOP;
}


/*
 * GObject overrides
 */

static void
anv_approval_end_form_grab_focus (GtkWidget *widget)
{
  AnvApprovalEndForm *self = ANV_APPROVAL_END_FORM (widget);

  gtk_widget_grab_focus (GTK_WIDGET (anv_date_entry_get_entry (self->end_date)));
}

static void
anv_approval_end_form_dispose (GObject *object)
{
  AnvApprovalEndForm *self = ANV_APPROVAL_END_FORM (object);

  g_clear_object (&self->context);

  G_OBJECT_CLASS (anv_approval_end_form_parent_class)->dispose (object);
}

static void
anv_approval_end_form_finalize (GObject *object)
{
  AnvApprovalEndForm *self = ANV_APPROVAL_END_FORM (object);

  g_free (self->orgnr);
  g_free (self->provider_name);
  g_free (self->area_name);

  G_OBJECT_CLASS (anv_approval_end_form_parent_class)->finalize (object);
}

static void
anv_approval_end_form_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  AnvApprovalEndForm *self = ANV_APPROVAL_END_FORM (object);

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
anv_approval_end_form_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  AnvApprovalEndForm *self = ANV_APPROVAL_END_FORM (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      if (g_set_object (&self->context, g_value_get_object (value)))
        g_object_notify_by_pspec (object, properties[PROP_CONTEXT]);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
anv_approval_end_form_class_init (AnvApprovalEndFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_type_ensure (ANV_TYPE_DATE_ENTRY);

  object_class->dispose = anv_approval_end_form_dispose;
  object_class->finalize = anv_approval_end_form_finalize;
  object_class->get_property = anv_approval_end_form_get_property;
  object_class->set_property = anv_approval_end_form_set_property;
  widget_class->grab_focus = anv_approval_end_form_grab_focus;

  /**
   * AnvApprovalEndForm:context:
   *
   * The window's database and today, set by the page that holds the form.
   */
  properties[PROP_CONTEXT] = g_param_spec_object ("context",
                                                  "Context",
                                                  "What the pages of a window share",
                                                  ANV_TYPE_CONTEXT,
                                                  G_PARAM_READWRITE |
                                                  G_PARAM_EXPLICIT_NOTIFY |
                                                  G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AnvApprovalEndForm::ended:
   * @self: the form
   *
   * The approval has its new last day; the form says what follows.
   */
  signals[ENDED] = g_signal_new ("ended", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * AnvApprovalEndForm::closed:
   * @self: the form
   *
   * Close or Escape was pressed.
   */
  signals[CLOSED] = g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/anv-approval-end-form.ui");

  gtk_widget_class_bind_template_child (widget_class, AnvApprovalEndForm, end_approval_label);
  gtk_widget_class_bind_template_child (widget_class, AnvApprovalEndForm, end_date);
  gtk_widget_class_bind_template_child (widget_class, AnvApprovalEndForm, end_message);
  gtk_widget_class_bind_template_child (widget_class, AnvApprovalEndForm, end_result);
  gtk_widget_class_bind_template_child (widget_class, AnvApprovalEndForm, end_button);

  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, end_cb);
  gtk_widget_class_bind_template_callback (widget_class, close_cb);
  gtk_widget_class_bind_template_callback (widget_class, key_press_cb);
}

static void
anv_approval_end_form_init (AnvApprovalEndForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_entry_set_activates_default (anv_date_entry_get_entry (self->end_date), TRUE);
}

void
anv_approval_end_form_start (AnvApprovalEndForm *self,
                             const AnvApproval  *approval)
{
  g_autofree char *text = NULL;
  GDate today;

  g_return_if_fail (ANV_IS_APPROVAL_END_FORM (self));
  g_return_if_fail (approval != NULL);

  g_free (self->orgnr);
  g_free (self->provider_name);
  g_free (self->area_name);
  self->orgnr = g_strdup (approval->orgnr);
  self->provider_name = g_strdup (approval->provider_name);
  self->area_name = g_strdup (approval->area_name);

  if (approval->valid_to == NULL)
    /* Translators: %1$s is a provider, %2$s a delivery area, %3$s its service, %4$s a date */
    text = g_strdup_printf (_("%1$s in %2$s (%3$s), approved from %4$s until further notice."),
                            approval->provider_name, approval->area_name,
                            anv_service_code (approval->service), approval->valid_from);
  else
    /* Translators: %1$s is a provider, %2$s a delivery area, %3$s its service, %4$s and
     * %5$s dates */
    text = g_strdup_printf (_("%1$s in %2$s (%3$s), approved from %4$s to %5$s."),
                            approval->provider_name, approval->area_name,
                            anv_service_code (approval->service), approval->valid_from,
                            approval->valid_to);
  gtk_label_set_text (self->end_approval_label, text);

  anv_context_get_today (self->context, &today);
  anv_date_entry_set_date (self->end_date, &today);
  anv_form_field_set_message (self->end_result, NULL);
  changed_cb (self);
}
