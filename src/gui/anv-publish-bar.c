/* anv-publish-bar.c — on the summary page: whether the shown month is published, and closing it
 *
 * A marker ("Published 2026-12-07", "…, revised since") for a closed
 * month, a button that closes the month shown after a dialog that says
 * what it means, and one that lists the revisions. Built in code and
 * self-contained: the page gives it the month it shows; it reads again on
 * AnvContext::changed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-publish-bar"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "anv-date.h"
#include "anv-publish.h"
#include "anv-publish-bar.h"
#include "anv-revisions-dialog.h"

struct _AnvPublishBar
{
  GtkBox      parent_instance;

  GtkLabel   *marker;
  GtkButton  *close_button;
  GtkButton  *revisions_button;

  AnvContext *context;
  char        month[8];
  gboolean    closed;
};

G_DEFINE_FINAL_TYPE (AnvPublishBar, anv_publish_bar, GTK_TYPE_BOX)

enum
{
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS] = { NULL, };

static void
refresh (AnvPublishBar *self)
{
  AnvDb *db = anv_context_get_db (self->context);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) months = NULL;
  const AnvPublishedMonth *shown = NULL;
  char today_text[11];
  GDate today;
  gboolean ended, may_close;

  if (self->month[0] == '\0')
    return;
  months = anv_publish_list (db, &error);
  if (months == NULL)
    {
      anv_context_report_error (self->context, error->message);
      return;
    }
  for (guint i = 0; i < months->len && shown == NULL; i++)
    if (strcmp (((AnvPublishedMonth *) g_ptr_array_index (months, i))->month, self->month) == 0)
      shown = g_ptr_array_index (months, i);

  self->closed = shown != NULL;
  if (shown != NULL)
    {
      g_autofree char *day = anv_publish_format_time (shown->closed_at, TRUE);
      g_autofree char *at = anv_publish_format_time (shown->closed_at, FALSE);
      g_autofree char *text = shown->revisions > 0
        /* Translators: a marker on the summary page; %s is the day the month was closed */
        ? g_strdup_printf (_("Published %s, revised since"), day)
        /* Translators: a marker on the summary page; %s is the day the month was closed */
        : g_strdup_printf (_("Published %s"), day);
      g_autofree char *tooltip = g_strdup_printf (
        /* Translators: %1$s is who closed the month, %2$s a date and time */
        _("Closed by %1$s on %2$s. Exports for publishing keep the figures as they were then; "
          "the table shows them as they are now."), shown->closed_by, at);

      gtk_label_set_text (self->marker, text);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->marker), tooltip);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->marker), shown != NULL);

  anv_context_get_today (self->context, &today);
  anv_date_format (&today, today_text);
  ended = strncmp (self->month, today_text, 7) < 0;
  may_close = anv_context_may (self->context, ANV_WORK_CLOSE_MONTHS);
  gtk_widget_set_sensitive (GTK_WIDGET (self->close_button),
                            may_close && ended && shown == NULL && !anv_db_is_read_only (db));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->close_button),
                               !may_close ? _("Only a supervisor (chef) closes a month.")
                               : shown != NULL ? _("This month is closed already.")
                               : !ended ? _("A month can be closed once it has ended.")
                               : _("Keep this month’s figures as published"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->revisions_button), months->len > 0);
}

static void
close_response_cb (GtkDialog *dialog,
                   int        response,
                   gpointer   user_data)
{
  AnvPublishBar *self = ANV_PUBLISH_BAR (user_data);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      GtkEntry *note = g_object_get_data (G_OBJECT (dialog), "note");
      g_autoptr (GError) error = NULL;
      GDate today;

      anv_context_get_today (self->context, &today);
      if (!anv_publish_close_month (anv_context_get_db (self->context), self->month,
                                    gtk_entry_get_text (note), &today, &error))
        {
          g_autofree char *message = anv_context_explain_error (self->context, error);

          anv_context_report_error (self->context, message);
        }
      refresh (self);
    }
  gtk_widget_destroy (GTK_WIDGET (dialog));
}

static void
close_clicked_cb (AnvPublishBar *self)
{
  anv_publish_bar_ask_close (self);
}

static void
revisions_clicked_cb (AnvPublishBar *self)
{
  GtkWidget *toplevel = gtk_widget_get_toplevel (GTK_WIDGET (self));
  GtkWidget *dialog = anv_revisions_dialog_new (GTK_IS_WINDOW (toplevel)
                                                  ? GTK_WINDOW (toplevel) : NULL,
                                                self->context,
                                                self->closed ? self->month : NULL);

  gtk_widget_show (dialog);
}

static void
anv_publish_bar_constructed (GObject *object)
{
  AnvPublishBar *self = ANV_PUBLISH_BAR (object);

  G_OBJECT_CLASS (anv_publish_bar_parent_class)->constructed (object);
  g_signal_connect_object (self->context, "changed", G_CALLBACK (refresh), self,
                           G_CONNECT_SWAPPED);
}

static void
anv_publish_bar_dispose (GObject *object)
{
  AnvPublishBar *self = ANV_PUBLISH_BAR (object);

  g_clear_object (&self->context);
  G_OBJECT_CLASS (anv_publish_bar_parent_class)->dispose (object);
}

static void
anv_publish_bar_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  AnvPublishBar *self = ANV_PUBLISH_BAR (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
anv_publish_bar_class_init (AnvPublishBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = anv_publish_bar_constructed;
  object_class->dispose = anv_publish_bar_dispose;
  object_class->set_property = anv_publish_bar_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, ANV_TYPE_CONTEXT,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
anv_publish_bar_init (AnvPublishBar *self)
{
  gtk_box_set_spacing (GTK_BOX (self), 6);

  self->marker = GTK_LABEL (gtk_label_new (NULL));
  gtk_buildable_set_name (GTK_BUILDABLE (self->marker), "publish_marker");
  gtk_style_context_add_class (gtk_widget_get_style_context (GTK_WIDGET (self->marker)),
                               "dim-label");
  gtk_container_add (GTK_CONTAINER (self), GTK_WIDGET (self->marker));

  self->close_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("C_lose Month…")));
  gtk_buildable_set_name (GTK_BUILDABLE (self->close_button), "close_month_button");
  g_signal_connect_swapped (self->close_button, "clicked", G_CALLBACK (close_clicked_cb), self);
  gtk_widget_show (GTK_WIDGET (self->close_button));
  gtk_container_add (GTK_CONTAINER (self), GTK_WIDGET (self->close_button));

  self->revisions_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("Re_visions…")));
  gtk_buildable_set_name (GTK_BUILDABLE (self->revisions_button), "revisions_button");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->revisions_button),
                               _("The changes of published figures since their months were "
                                 "closed: who, when and why"));
  g_signal_connect_swapped (self->revisions_button, "clicked",
                            G_CALLBACK (revisions_clicked_cb), self);
  gtk_widget_show (GTK_WIDGET (self->revisions_button));
  gtk_container_add (GTK_CONTAINER (self), GTK_WIDGET (self->revisions_button));
}

GtkWidget *
anv_publish_bar_new (AnvContext *context)
{
  g_return_val_if_fail (ANV_IS_CONTEXT (context), NULL);

  return g_object_new (ANV_TYPE_PUBLISH_BAR, "context", context, NULL);
}

void
anv_publish_bar_set_month (AnvPublishBar *self,
                           const char    *month)
{
  g_return_if_fail (ANV_IS_PUBLISH_BAR (self));

  g_strlcpy (self->month, month ? month : "", sizeof self->month);
  refresh (self);
}

GtkWidget *
anv_publish_bar_ask_close (AnvPublishBar *self)
{
  GtkWidget *toplevel = gtk_widget_get_toplevel (GTK_WIDGET (self));
  g_autofree char *month = anv_date_format_month (self->month, FALSE);
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog, *area, *text, *note_label, *note;

  g_return_val_if_fail (ANV_IS_PUBLISH_BAR (self), NULL);

  /* Translators: %s is a month (“april 2020”) */
  title = g_strdup_printf (_("Close %s?"), month);
  dialog = gtk_dialog_new_with_buttons (title,
                                        GTK_IS_WINDOW (toplevel) ? GTK_WINDOW (toplevel) : NULL,
                                        GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                        _("_Cancel"), GTK_RESPONSE_CANCEL,
                                        _("C_lose Month"), GTK_RESPONSE_ACCEPT,
                                        NULL);
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  area = gtk_dialog_get_content_area (GTK_DIALOG (dialog));
  g_object_set (area, "margin", 12, "spacing", 6, NULL);

  /* Closing cannot be undone: the text says which month, not only the
   * title (which some window managers do not show). */
  body = g_strdup_printf (/* Translators: %1$s is a month (“april 2020”) */
                          _("Close %1$s? Its figures, every municipality and both services, "
                            "are kept as published now, with your name and the time. A "
                            "closed month cannot be reopened. Changes recorded later (a "
                            "correction, an event reported late) still update the summary, "
                            "and each change of a published figure is listed as a revision: "
                            "what changed, when, by whom and why. Exports for publishing "
                            "show the published figures."), month);
  text = gtk_label_new (body);
  gtk_buildable_set_name (GTK_BUILDABLE (text), "close_month_text");
  gtk_label_set_line_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (text), 60);
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_container_add (GTK_CONTAINER (area), text);

  note_label = gtk_label_new_with_mnemonic (_("_Note (optional)"));
  gtk_label_set_xalign (GTK_LABEL (note_label), 0);
  gtk_container_add (GTK_CONTAINER (area), note_label);
  note = gtk_entry_new ();
  gtk_buildable_set_name (GTK_BUILDABLE (note), "note_entry");
  gtk_entry_set_max_length (GTK_ENTRY (note), 500);
  gtk_label_set_mnemonic_widget (GTK_LABEL (note_label), note);
  gtk_container_add (GTK_CONTAINER (area), note);
  g_object_set_data (G_OBJECT (dialog), "note", note);

  g_signal_connect_object (dialog, "response", G_CALLBACK (close_response_cb), self, 0);
  gtk_widget_show_all (dialog);
  return dialog;
}
