/* anv-provider-row.c — one provider in a list to choose from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-provider-row"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "anv-orgnr.h"
#include "anv-provider-row.h"

struct _AnvProviderRow
{
  GtkListBoxRow  parent_instance;

  /* Template widgets */
  GtkWidget     *check;
  GtkLabel      *name_label;
  GtkLabel      *detail_label;
  GtkWidget     *tag_box;
  GtkImage      *tag_icon;
  GtkLabel      *tag_label;

  char          *orgnr;
  char          *name;
  char          *accessible_name;   /* name, tag and details, for a screen reader */
  gboolean       outside;
};

G_DEFINE_FINAL_TYPE (AnvProviderRow, anv_provider_row, GTK_TYPE_LIST_BOX_ROW)

/* What the tests and other code may look up on any row of the list */
#define DATA_ORGNR   "anv-orgnr"
#define DATA_OUTSIDE "anv-outside-area"


/*
 * GObject overrides
 */

static void
anv_provider_row_finalize (GObject *object)
{
  AnvProviderRow *self = ANV_PROVIDER_ROW (object);

  g_clear_pointer (&self->orgnr, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->accessible_name, g_free);

  G_OBJECT_CLASS (anv_provider_row_parent_class)->finalize (object);
}

static void
anv_provider_row_class_init (AnvProviderRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = anv_provider_row_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/anv-provider-row.ui");
  gtk_widget_class_bind_template_child (widget_class, AnvProviderRow, check);
  gtk_widget_class_bind_template_child (widget_class, AnvProviderRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, AnvProviderRow, detail_label);
  gtk_widget_class_bind_template_child (widget_class, AnvProviderRow, tag_box);
  gtk_widget_class_bind_template_child (widget_class, AnvProviderRow, tag_icon);
  gtk_widget_class_bind_template_child (widget_class, AnvProviderRow, tag_label);
}

static void
anv_provider_row_init (AnvProviderRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}


/*
 * Public API
 */

GtkWidget *
anv_provider_row_new (const AnvProvider  *provider,
                      AnvProviderRowMark  mark,
                      gboolean            outside)
{
  AnvProviderRow *self;
  g_autofree char *orgnr = NULL;
  g_autofree char *details = NULL;
  g_autoptr (GString) accessible = NULL;
  const char *tag = NULL, *icon = NULL;

  g_return_val_if_fail (provider != NULL, NULL);

  self = g_object_new (ANV_TYPE_PROVIDER_ROW, NULL);
  self->orgnr = g_strdup (provider->orgnr);
  self->name = g_strdup (provider->name);
  self->outside = outside;
  g_object_set_data_full (G_OBJECT (self), DATA_ORGNR, g_strdup (provider->orgnr), g_free);
  g_object_set_data (G_OBJECT (self), DATA_OUTSIDE, GINT_TO_POINTER (outside));

  orgnr = anv_orgnr_format (provider->orgnr);
  details = g_strdup_printf ("%s · %s", orgnr,
                             provider->municipality_name ? provider->municipality_name : "");
  gtk_label_set_text (self->name_label, provider->name);
  gtk_label_set_text (self->detail_label, details);

  if (mark == ANV_PROVIDER_ROW_CURRENT)
    {
      /* Translators: marks the provider the referral has now */
      tag = _("Current provider");
      icon = "object-select-symbolic";
    }
  else if (outside)
    {
      /* Translators: marks a provider not approved where the job seeker lives */
      tag = _("Outside the area");
      icon = "dialog-warning-symbolic";
    }
  else if (mark == ANV_PROVIDER_ROW_DEFAULT)
    {
      /* Translators: marks the no-choice default (ickevalsalternativ) */
      tag = _("No-choice default");
      icon = "mark-location-symbolic";
    }

  accessible = g_string_new (provider->name);
  if (tag != NULL)
    {
      gtk_label_set_text (self->tag_label, tag);
      gtk_image_set_from_icon_name (self->tag_icon, icon, GTK_ICON_SIZE_MENU);
      if (!outside)
        gtk_style_context_add_class (gtk_widget_get_style_context (GTK_WIDGET (self->tag_label)),
                                     GTK_STYLE_CLASS_DIM_LABEL);
      gtk_widget_show (self->tag_box);
      g_string_append_printf (accessible, ", %s", tag);
    }
  g_string_append_printf (accessible, ", %s", details);
  self->accessible_name = g_string_free (g_steal_pointer (&accessible), FALSE);
  atk_object_set_name (gtk_widget_get_accessible (GTK_WIDGET (self)), self->accessible_name);

  /* The provider now is shown for reference, never chosen again */
  if (mark == ANV_PROVIDER_ROW_CURRENT)
    {
      gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (self), FALSE);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), FALSE);
    }
  return GTK_WIDGET (self);
}

const char *
anv_provider_row_get_orgnr (AnvProviderRow *self)
{
  g_return_val_if_fail (ANV_IS_PROVIDER_ROW (self), NULL);

  return self->orgnr;
}

const char *
anv_provider_row_get_name (AnvProviderRow *self)
{
  g_return_val_if_fail (ANV_IS_PROVIDER_ROW (self), NULL);

  return self->name;
}

gboolean
anv_provider_row_get_outside_area (AnvProviderRow *self)
{
  g_return_val_if_fail (ANV_IS_PROVIDER_ROW (self), FALSE);

  return self->outside;
}

void
anv_provider_row_set_chosen (AnvProviderRow *self,
                             gboolean        chosen)
{
  g_return_if_fail (ANV_IS_PROVIDER_ROW (self));

  gtk_widget_set_visible (self->check, chosen);
  if (chosen)
    {
      /* Translators: after a provider's name and details in the list,
       * for a screen reader: the one chosen */
      g_autofree char *text = g_strdup_printf (_("%s, chosen"), self->accessible_name);

      gtk_widget_set_state_flags (GTK_WIDGET (self), GTK_STATE_FLAG_SELECTED, FALSE);
      atk_object_set_name (gtk_widget_get_accessible (GTK_WIDGET (self)), text);
    }
  else
    {
      gtk_widget_unset_state_flags (GTK_WIDGET (self), GTK_STATE_FLAG_SELECTED);
      atk_object_set_name (gtk_widget_get_accessible (GTK_WIDGET (self)), self->accessible_name);
    }
}
