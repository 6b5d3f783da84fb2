/* anv-end-reason-chooser.c — why a referral ends: results and interruptions apart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-end-reason-chooser"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "anv-end-reason-chooser.h"

struct _AnvEndReasonChooser
{
  GtkBox     parent_instance;

  /* Template widgets */
  GtkWidget *result_box;
  GtkWidget *interruption_box;

  GtkWidget *first;             /* the first reason, or NULL */
  GtkWidget *no_reason_radio;   /* the hidden member of the group: none chosen */
};

G_DEFINE_FINAL_TYPE (AnvEndReasonChooser, anv_end_reason_chooser, GTK_TYPE_BOX)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The reason's code on its button, also for the tests */
#define DATA_REASON  "anv-reason"


/*
 * Auxiliary methods
 */

static GtkWidget *
get_chosen (AnvEndReasonChooser *self)
{
  GtkWidget *boxes[] = { self->result_box, self->interruption_box };

  for (guint i = 0; i < G_N_ELEMENTS (boxes); i++)
    {
      g_autoptr (GList) children = gtk_container_get_children (GTK_CONTAINER (boxes[i]));

      for (GList *l = children; l != NULL; l = l->next)
        if (GTK_IS_RADIO_BUTTON (l->data)
            && gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (l->data)))
          return l->data;
    }
  return NULL;
}


/*
 * Callbacks
 */

static void
reason_toggled_cb (GtkToggleButton     *button,
                   AnvEndReasonChooser *self)
{
  if (gtk_toggle_button_get_active (button))
    g_signal_emit (self, signals[CHANGED], 0);
}


/*
 * GtkWidget overrides
 */

/* The reasons are one Tab stop, as the provider list is: Tab comes in on
 * the reason chosen (with none, on the first) and goes on out of the
 * group; the arrow keys move between the reasons (GTK's radio buttons).
 * GTK's own rule takes a visible chosen button for the stop, and the
 * chosen one is hidden here while none is, so each would be a stop. */
static gboolean
anv_end_reason_chooser_focus (GtkWidget        *widget,
                              GtkDirectionType  direction)
{
  AnvEndReasonChooser *self = ANV_END_REASON_CHOOSER (widget);
  GtkWidget *toplevel = gtk_widget_get_toplevel (widget);
  GtkWidget *focus = NULL, *target;

  if (direction != GTK_DIR_TAB_FORWARD && direction != GTK_DIR_TAB_BACKWARD)
    return GTK_WIDGET_CLASS (anv_end_reason_chooser_parent_class)->focus (widget, direction);

  if (GTK_IS_WINDOW (toplevel))
    focus = gtk_window_get_focus (GTK_WINDOW (toplevel));
  if (focus != NULL && gtk_widget_is_ancestor (focus, widget))
    return FALSE;
  target = get_chosen (self);
  if (target == NULL)
    target = self->first;
  if (target == NULL || !gtk_widget_is_drawable (target) || !gtk_widget_is_sensitive (target))
    return FALSE;
  gtk_widget_grab_focus (target);
  return TRUE;
}


/*
 * GObject overrides
 */

static void
anv_end_reason_chooser_dispose (GObject *object)
{
  AnvEndReasonChooser *self = ANV_END_REASON_CHOOSER (object);

  g_clear_object (&self->no_reason_radio);

  G_OBJECT_CLASS (anv_end_reason_chooser_parent_class)->dispose (object);
}

static void
anv_end_reason_chooser_class_init (AnvEndReasonChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = anv_end_reason_chooser_dispose;

  widget_class->focus = anv_end_reason_chooser_focus;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/anv-end-reason-chooser.ui");
  gtk_widget_class_bind_template_child (widget_class, AnvEndReasonChooser, result_box);
  gtk_widget_class_bind_template_child (widget_class, AnvEndReasonChooser, interruption_box);
}

static void
anv_end_reason_chooser_init (AnvEndReasonChooser *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  atk_object_set_name (gtk_widget_get_accessible (self->result_box), _("Results"));
  atk_object_set_name (gtk_widget_get_accessible (self->interruption_box), _("Interruptions"));
}


/*
 * Public API
 */

GtkWidget *
anv_end_reason_chooser_new (void)
{
  return g_object_new (ANV_TYPE_END_REASON_CHOOSER, NULL);
}

gboolean
anv_end_reason_chooser_fill (AnvEndReasonChooser  *self,
                             AnvDb                *db,
                             GError              **error)
{
  g_autoptr (GPtrArray) reasons = NULL;

  g_return_val_if_fail (ANV_IS_END_REASON_CHOOSER (self), FALSE);
  g_return_val_if_fail (self->no_reason_radio == NULL, FALSE);

  reasons = anv_end_reasons_list (db, FALSE, error);
  if (reasons == NULL)
    return FALSE;

  /* A group with nothing chosen: the reason is never proposed. */
  self->no_reason_radio = g_object_ref_sink (gtk_radio_button_new (NULL));
  for (guint i = 0; i < reasons->len; i++)
    {
      AnvEndReason *reason = g_ptr_array_index (reasons, i);
      GtkWidget *radio;

      radio = gtk_radio_button_new_with_label_from_widget (
        GTK_RADIO_BUTTON (self->no_reason_radio), anv_end_reason_label (reason));
      g_object_set_data_full (G_OBJECT (radio), DATA_REASON, g_strdup (reason->code), g_free);
      g_signal_connect_object (radio, "toggled", G_CALLBACK (reason_toggled_cb), self, 0);
      gtk_widget_show (radio);
      gtk_container_add (GTK_CONTAINER (reason->kind == ANV_END_KIND_RESULT
                                          ? self->result_box : self->interruption_box),
                         radio);
      if (self->first == NULL)
        self->first = radio;
    }
  return TRUE;
}

GtkWidget *
anv_end_reason_chooser_get_first (AnvEndReasonChooser *self)
{
  g_return_val_if_fail (ANV_IS_END_REASON_CHOOSER (self), NULL);

  return self->first;
}

const char *
anv_end_reason_chooser_get_code (AnvEndReasonChooser *self)
{
  GtkWidget *chosen;

  g_return_val_if_fail (ANV_IS_END_REASON_CHOOSER (self), NULL);

  chosen = get_chosen (self);
  return chosen ? g_object_get_data (G_OBJECT (chosen), DATA_REASON) : NULL;
}

const char *
anv_end_reason_chooser_get_label (AnvEndReasonChooser *self)
{
  GtkWidget *chosen;

  g_return_val_if_fail (ANV_IS_END_REASON_CHOOSER (self), NULL);

  chosen = get_chosen (self);
  return chosen ? gtk_button_get_label (GTK_BUTTON (chosen)) : NULL;
}

gboolean
anv_end_reason_chooser_is_result (AnvEndReasonChooser *self)
{
  GtkWidget *chosen;

  g_return_val_if_fail (ANV_IS_END_REASON_CHOOSER (self), FALSE);

  chosen = get_chosen (self);
  return chosen != NULL && gtk_widget_get_parent (chosen) == self->result_box;
}
