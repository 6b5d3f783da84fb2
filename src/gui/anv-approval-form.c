/* anv-approval-form.c — the form that approves a provider in a delivery area
 *
 * A provider and an area chosen from the lists, and the period: the first
 * day, and the last unless the approval runs until further notice. The
 * dates are checked as they are typed; the approval is saved through the
 * core, whose refusal (an overlapping period, say) shows in the form.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-approval-form"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "anv-approval-form.h"
#include "anv-approvals.h"
#include "anv-context.h"
#include "anv-date.h"
#include "anv-delivery-areas.h"
#include "anv-form-field.h"
#include "anv-orgnr.h"
#include "anv-providers.h"

struct _AnvApprovalForm
{
  GtkBox       parent_instance;

  /* Template widgets */
  GtkComboBox *approval_provider_combo;
  GtkComboBox *approval_area_combo;
  GtkEntry    *approval_from_entry;
  GtkEntry    *approval_to_entry;
  GtkLabel    *approval_from_message;
  GtkLabel    *approval_to_message;
  GtkLabel    *approval_message;
  GtkWidget   *approval_save_button;

  AnvContext  *context;
};

G_DEFINE_FINAL_TYPE (AnvApprovalForm, anv_approval_form, GTK_TYPE_BOX)

enum
{
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS] = { NULL, };

enum
{
  SAVED,
  CANCELLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS] = { 0, };


/*
 * Auxiliary methods
 */

static gboolean
check_date_entry (GtkEntry *entry,
                  GtkLabel *message,
                  gboolean  optional,
                  GDate    *out)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = anv_form_field_get_text (entry);

  if (*text == '\0')
    {
      anv_form_field_set_state (entry, message, ANV_FIELD_HINT,
                                optional
                                ? _("Leave it empty when the approval runs until further "
                                    "notice.")
                                : _("The first day, as YYYY-MM-DD."));
      return optional;
    }

  if (!anv_date_parse (text, out, &error))
    {
      anv_form_field_set_state (entry, message,
                                strlen (text) < strlen ("YYYY-MM-DD")
                                ? ANV_FIELD_HINT : ANV_FIELD_ERROR,
                                error->message);
      return FALSE;
    }

  anv_form_field_set_state (entry, message, ANV_FIELD_VALID, NULL);
  return TRUE;
}

static gboolean
read_approval (AnvApprovalForm *self,
               GDate           *from,
               GDate           *to,
               gboolean        *has_to)
{
  gboolean valid;

  g_date_clear (from, 1);
  g_date_clear (to, 1);

  valid = gtk_combo_box_get_active_id (self->approval_provider_combo) != NULL;
  valid &= gtk_combo_box_get_active_id (self->approval_area_combo) != NULL;
  valid &= check_date_entry (self->approval_from_entry, self->approval_from_message, FALSE,
                             from);
  if (!check_date_entry (self->approval_to_entry, self->approval_to_message, TRUE, to))
    return FALSE;

  *has_to = g_date_valid (to);
  if (*has_to && g_date_valid (from) && g_date_compare (to, from) < 0)
    {
      anv_form_field_set_state (self->approval_to_entry, self->approval_to_message,
                                ANV_FIELD_ERROR,
                                _("The approval ends before it starts: give the same day or "
                                  "a later one."));
      return FALSE;
    }

  return valid;
}


/*
 * Callbacks
 */

static void
changed_cb (AnvApprovalForm *self)
{
  GDate from, to;
  gboolean has_to;

  anv_form_field_set_message (self->approval_message, NULL);
  gtk_widget_set_sensitive (self->approval_save_button,
                            read_approval (self, &from, &to, &has_to));
}

static void
save_cb (AnvApprovalForm *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *orgnr = NULL;
  g_autofree char *area = NULL;
  GDate from, to, today;
  gboolean has_to = FALSE;

  if (!gtk_widget_get_sensitive (self->approval_save_button)
      || !read_approval (self, &from, &to, &has_to))
    return;

  orgnr = g_strdup (gtk_combo_box_get_active_id (self->approval_provider_combo));
  area = g_strdup (gtk_combo_box_get_active_id (self->approval_area_combo));
  anv_context_get_today (self->context, &today);

  if (!anv_providers_approve (anv_context_get_db (self->context), orgnr, area, &from,
                              has_to ? &to : NULL, &today, &error))
    {
      g_autofree char *message = anv_context_explain_error (self->context, error);

      anv_form_field_set_message (self->approval_message, message);
      gtk_widget_set_sensitive (self->approval_save_button, FALSE);
      return;
    }

  anv_approval_form_reset (self);
  g_signal_emit (self, signals[SAVED], 0, (gint64) 0);
}

static void
cancel_cb (AnvApprovalForm *self)
{
  anv_approval_form_reset (self);
  g_signal_emit (self, signals[CANCELLED], 0);
}

static gboolean
key_press_cb (AnvApprovalForm *self,
              GdkEventKey     *event)
{
  if (event->keyval != GDK_KEY_Escape)
    return GDK_EVENT_PROPAGATE;

  cancel_cb (self);
  return GDK_EVENT_STOP;
}


/*
 * GObject overrides
 */

static void
anv_approval_form_grab_focus (GtkWidget *widget)
{
  AnvApprovalForm *self = ANV_APPROVAL_FORM (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->approval_provider_combo));
}

static void
anv_approval_form_dispose (GObject *object)
{
  AnvApprovalForm *self = ANV_APPROVAL_FORM (object);

  g_clear_object (&self->context);

  G_OBJECT_CLASS (anv_approval_form_parent_class)->dispose (object);
}

static void
anv_approval_form_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AnvApprovalForm *self = ANV_APPROVAL_FORM (object);

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
anv_approval_form_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  AnvApprovalForm *self = ANV_APPROVAL_FORM (object);

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
anv_approval_form_class_init (AnvApprovalFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = anv_approval_form_dispose;
  object_class->get_property = anv_approval_form_get_property;
  object_class->set_property = anv_approval_form_set_property;
  widget_class->grab_focus = anv_approval_form_grab_focus;

  /**
   * AnvApprovalForm:context:
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
   * AnvApprovalForm::saved:
   * @self: the form
   * @id: 0: the core gives no id back
   *
   * The approval is stored, and the form reset.
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  /**
   * AnvApprovalForm::cancelled:
   * @self: the form
   *
   * Cancel was pressed; the form is reset.
   */
  signals[CANCELLED] = g_signal_new ("cancelled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/anv-approval-form.ui");

  gtk_widget_class_bind_template_child (widget_class, AnvApprovalForm, approval_provider_combo);
  gtk_widget_class_bind_template_child (widget_class, AnvApprovalForm, approval_area_combo);
  gtk_widget_class_bind_template_child (widget_class, AnvApprovalForm, approval_from_entry);
  gtk_widget_class_bind_template_child (widget_class, AnvApprovalForm, approval_to_entry);
  gtk_widget_class_bind_template_child (widget_class, AnvApprovalForm, approval_from_message);
  gtk_widget_class_bind_template_child (widget_class, AnvApprovalForm, approval_to_message);
  gtk_widget_class_bind_template_child (widget_class, AnvApprovalForm, approval_message);
  gtk_widget_class_bind_template_child (widget_class, AnvApprovalForm, approval_save_button);

  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_cb);
  gtk_widget_class_bind_template_callback (widget_class, key_press_cb);
}

static void
anv_approval_form_init (AnvApprovalForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * anv_approval_form_set_providers:
 * @self: an #AnvApprovalForm
 * @providers: (element-type AnvProvider): the providers to choose from
 *
 * Fills the providers' list; the provider chosen stays chosen if it is
 * still there.
 */
void
anv_approval_form_set_providers (AnvApprovalForm *self,
                                 GPtrArray       *providers)
{
  g_autofree char *chosen = NULL;

  g_return_if_fail (ANV_IS_APPROVAL_FORM (self));
  g_return_if_fail (providers != NULL);

  chosen = g_strdup (gtk_combo_box_get_active_id (self->approval_provider_combo));
  gtk_combo_box_text_remove_all (GTK_COMBO_BOX_TEXT (self->approval_provider_combo));

  for (guint i = 0; i < providers->len; i++)
    {
      AnvProvider *provider = g_ptr_array_index (providers, i);
      g_autofree char *orgnr = anv_orgnr_format (provider->orgnr);
      g_autofree char *label = NULL;

      /* Translators: a provider in a list: %1$s is its name, %2$s its organisationsnummer */
      label = g_strdup_printf (_("%1$s (%2$s)"), provider->name, orgnr);
      gtk_combo_box_text_append (GTK_COMBO_BOX_TEXT (self->approval_provider_combo),
                                 provider->orgnr, label);
    }

  if (chosen != NULL)
    gtk_combo_box_set_active_id (self->approval_provider_combo, chosen);
}

/**
 * anv_approval_form_set_areas:
 * @self: an #AnvApprovalForm
 * @areas: (element-type AnvArea): the delivery areas to choose from
 *
 * Fills the areas' list; the area chosen stays chosen if it is still
 * there.
 */
void
anv_approval_form_set_areas (AnvApprovalForm *self,
                             GPtrArray       *areas)
{
  g_autofree char *chosen = NULL;

  g_return_if_fail (ANV_IS_APPROVAL_FORM (self));
  g_return_if_fail (areas != NULL);

  chosen = g_strdup (gtk_combo_box_get_active_id (self->approval_area_combo));
  gtk_combo_box_text_remove_all (GTK_COMBO_BOX_TEXT (self->approval_area_combo));

  for (guint i = 0; i < areas->len; i++)
    {
      AnvArea *area = g_ptr_array_index (areas, i);
      /* The services' names are names: not translated */
      g_autofree char *service = g_strdup_printf ("%s (%s)", anv_service_name (area->service),
                                                  anv_service_code (area->service));
      g_autofree char *label = NULL;

      /* Translators: a delivery area in a list: %1$s is its name, %2$s its service */
      label = g_strdup_printf (_("%1$s – %2$s"), area->name, service);
      gtk_combo_box_text_append (GTK_COMBO_BOX_TEXT (self->approval_area_combo),
                                 area->name, label);
    }

  if (chosen != NULL)
    gtk_combo_box_set_active_id (self->approval_area_combo, chosen);
}

void
anv_approval_form_start (AnvApprovalForm *self,
                         const char      *orgnr,
                         const char      *area)
{
  g_return_if_fail (ANV_IS_APPROVAL_FORM (self));

  if (orgnr != NULL)
    gtk_combo_box_set_active_id (self->approval_provider_combo, orgnr);
  if (area != NULL)
    gtk_combo_box_set_active_id (self->approval_area_combo, area);
  if (*gtk_entry_get_text (self->approval_from_entry) == '\0')
    anv_approval_form_reset (self);

  changed_cb (self);
}

void
anv_approval_form_reset (AnvApprovalForm *self)
{
  char today[11];
  GDate date;

  g_return_if_fail (ANV_IS_APPROVAL_FORM (self));

  anv_context_get_today (self->context, &date);
  anv_date_format (&date, today);

  gtk_combo_box_set_active (self->approval_provider_combo, -1);
  gtk_combo_box_set_active (self->approval_area_combo, -1);
  gtk_entry_set_text (self->approval_from_entry, today);
  gtk_entry_set_text (self->approval_to_entry, "");
  anv_form_field_set_message (self->approval_message, NULL);
}
