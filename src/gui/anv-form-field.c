/* anv-form-field.c — the verdict on a field of a form, shown as it is typed
 *
 * The forms of the providers page check each field as it is typed, with
 * the core's own rules, and show the result in one way: an icon, a line
 * under the field, and the same line for a screen reader.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-form-field"

#include "config.h"

#include "anv-form-field.h"

void
anv_form_field_set_state (GtkEntry      *entry,
                          GtkLabel      *message,
                          AnvFieldState  state,
                          const char    *text)
{
  GtkStyleContext *entry_style = gtk_widget_get_style_context (GTK_WIDGET (entry));
  GtkStyleContext *message_style = gtk_widget_get_style_context (GTK_WIDGET (message));
  const char *icon = NULL;

  switch (state)
    {
    case ANV_FIELD_HINT:
      break;
    case ANV_FIELD_ERROR:
      icon = "dialog-error-symbolic";
      break;
    case ANV_FIELD_VALID:
      icon = "object-select-symbolic";
      break;
    default:
      g_assert_not_reached ();
    }

  gtk_entry_set_icon_from_icon_name (entry, GTK_ENTRY_ICON_SECONDARY, icon);
  gtk_entry_set_icon_tooltip_text (entry, GTK_ENTRY_ICON_SECONDARY, icon ? text : NULL);

  if (state == ANV_FIELD_ERROR)
    {
      gtk_style_context_add_class (entry_style, GTK_STYLE_CLASS_ERROR);
      gtk_style_context_add_class (message_style, GTK_STYLE_CLASS_ERROR);
      gtk_style_context_remove_class (message_style, GTK_STYLE_CLASS_DIM_LABEL);
    }
  else
    {
      gtk_style_context_remove_class (entry_style, GTK_STYLE_CLASS_ERROR);
      gtk_style_context_remove_class (message_style, GTK_STYLE_CLASS_ERROR);
      gtk_style_context_add_class (message_style, GTK_STYLE_CLASS_DIM_LABEL);
    }

  gtk_label_set_text (message, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (message), text != NULL && *text != '\0');
  atk_object_set_description (gtk_widget_get_accessible (GTK_WIDGET (entry)),
                              text != NULL ? text : "");
}

void
anv_form_field_set_message (GtkLabel   *label,
                            const char *text)
{
  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL);
}

char *
anv_form_field_get_text (GtkEntry *entry)
{
  return g_strstrip (g_strdup (gtk_entry_get_text (entry)));
}
