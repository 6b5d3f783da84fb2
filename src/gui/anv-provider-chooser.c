/* anv-provider-chooser.c — the providers approved there and then, one to choose
 *
 * The core says which providers are approved where and when, and which is
 * the no-choice default; this widget shows them and keeps the officer's choice apart
 * from the keyboard focus. Deciding a referral and changing its provider
 * both choose through it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-provider-chooser"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "anv-approvals.h"
#include "anv-date.h"
#include "anv-provider-chooser.h"

struct _AnvProviderChooser
{
  GtkBox          parent_instance;

  /* Template widgets */
  GtkListBox     *provider_list;
  GtkLabel       *provider_placeholder;
  GtkToggleButton *outside_check;
  GtkWidget      *outside_box;
  GtkLabel       *outside_label;

  char           *home;            /* where the job seeker lives */
  char           *default_orgnr;   /* the no-choice default of the last fill */
  AnvProviderRow *chosen_row;      /* the provider chosen, or NULL: not the
                                    * focused row, which only moves the focus */
};

G_DEFINE_FINAL_TYPE (AnvProviderChooser, anv_provider_chooser, GTK_TYPE_BOX)

enum
{
  CHOSEN,
  OUTSIDE_TOGGLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];


/*
 * Auxiliary methods
 */

static void
choose_row (AnvProviderChooser *self,
            AnvProviderRow     *row)
{
  if (row == self->chosen_row)
    return;
  if (self->chosen_row != NULL)
    anv_provider_row_set_chosen (self->chosen_row, FALSE);
  self->chosen_row = row;
  if (row != NULL)
    anv_provider_row_set_chosen (row, TRUE);
}

static gboolean
contains_orgnr (GPtrArray  *providers,
                const char *orgnr)
{
  for (guint i = 0; providers != NULL && i < providers->len; i++)
    if (g_strcmp0 (((AnvProvider *) g_ptr_array_index (providers, i))->orgnr, orgnr) == 0)
      return TRUE;
  return FALSE;
}

static void
add_row (AnvProviderChooser *self,
         const AnvProvider  *provider,
         AnvProviderRowMark  mark,
         const char         *current_orgnr,
         gboolean            outside)
{
  if (mark == ANV_PROVIDER_ROW_PLAIN && g_strcmp0 (current_orgnr, provider->orgnr) == 0)
    mark = ANV_PROVIDER_ROW_CURRENT;
  gtk_container_add (GTK_CONTAINER (self->provider_list),
                     anv_provider_row_new (provider, mark, outside));
}


/*
 * Callbacks
 */

/* Space, Enter or a click on a row chooses it; moving the focus does not */
static void
row_activated_cb (GtkListBox         *list,
                  GtkListBoxRow      *row,
                  AnvProviderChooser *self)
{
  if (!gtk_list_box_row_get_activatable (row) || !ANV_IS_PROVIDER_ROW (row))
    return;
  choose_row (self, ANV_PROVIDER_ROW (row));
  g_signal_emit (self, signals[CHOSEN], 0, row);
}

/* The provider title's mnemonic: into the list, at the chosen row */
static gboolean
list_mnemonic_activate_cb (GtkWidget          *list,
                           gboolean            group_cycling,
                           AnvProviderChooser *self)
{
  GtkWidget *row = GTK_WIDGET (self->chosen_row);

  if (row == NULL)
    row = GTK_WIDGET (gtk_list_box_get_row_at_index (self->provider_list, 0));
  gtk_widget_grab_focus (row ? row : list);
  return TRUE;
}

/* The list is one stop for Tab, as a radio group is: Tab and Shift+Tab
 * come in at the chosen row and leave from any row; the arrow keys move
 * between the rows. GTK 3's list box would stop at every row. */
static gboolean
list_focus_cb (GtkWidget          *list,
               GtkDirectionType    direction,
               AnvProviderChooser *self)
{
  if (direction != GTK_DIR_TAB_FORWARD && direction != GTK_DIR_TAB_BACKWARD)
    return FALSE;
  if (gtk_container_get_focus_child (GTK_CONTAINER (list)) != NULL)
    {
      /* Out of the list, to the widget after (or before) it */
      g_signal_stop_emission_by_name (list, "focus");
      return FALSE;
    }
  if (self->chosen_row == NULL)
    return FALSE;
  gtk_widget_grab_focus (GTK_WIDGET (self->chosen_row));
  return TRUE;
}

static void
outside_toggled_cb (GtkToggleButton    *button,
                    AnvProviderChooser *self)
{
  gboolean outside = gtk_toggle_button_get_active (button);

  if (outside)
    {
      g_autofree char *text = g_strdup_printf (
        /* Translators: %s is the municipality where the job seeker lives */
        _("Own choice outside the area: providers marked “Outside the area” are not approved "
          "in %s. The job seeker may choose one and then pays the travel."),
        self->home ? self->home : "");

      gtk_label_set_text (self->outside_label, text);
    }
  gtk_widget_set_visible (self->outside_box, outside);
  g_signal_emit (self, signals[OUTSIDE_TOGGLED], 0);
}


/*
 * GObject overrides
 */

static void
anv_provider_chooser_finalize (GObject *object)
{
  AnvProviderChooser *self = ANV_PROVIDER_CHOOSER (object);

  g_clear_pointer (&self->home, g_free);
  g_clear_pointer (&self->default_orgnr, g_free);

  G_OBJECT_CLASS (anv_provider_chooser_parent_class)->finalize (object);
}

static void
anv_provider_chooser_class_init (AnvProviderChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = anv_provider_chooser_finalize;

  signals[CHOSEN] = g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 1, ANV_TYPE_PROVIDER_ROW);
  signals[OUTSIDE_TOGGLED] = g_signal_new ("outside-toggled", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/anv-provider-chooser.ui");
  gtk_widget_class_bind_template_child (widget_class, AnvProviderChooser, provider_list);
  gtk_widget_class_bind_template_child (widget_class, AnvProviderChooser, provider_placeholder);
  gtk_widget_class_bind_template_child (widget_class, AnvProviderChooser, outside_check);
  gtk_widget_class_bind_template_child (widget_class, AnvProviderChooser, outside_box);
  gtk_widget_class_bind_template_child (widget_class, AnvProviderChooser, outside_label);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_mnemonic_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_focus_cb);
  gtk_widget_class_bind_template_callback (widget_class, outside_toggled_cb);
}

static void
anv_provider_chooser_init (AnvProviderChooser *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  atk_object_set_name (gtk_widget_get_accessible (GTK_WIDGET (self->outside_check)),
                       _("Own choice outside the area"));
}


/*
 * Public API
 */

GtkWidget *
anv_provider_chooser_new (void)
{
  return g_object_new (ANV_TYPE_PROVIDER_CHOOSER, NULL);
}

GtkWidget *
anv_provider_chooser_get_list (AnvProviderChooser *self)
{
  g_return_val_if_fail (ANV_IS_PROVIDER_CHOOSER (self), NULL);

  return GTK_WIDGET (self->provider_list);
}

void
anv_provider_chooser_set_home (AnvProviderChooser *self,
                               const char         *municipality_name)
{
  g_return_if_fail (ANV_IS_PROVIDER_CHOOSER (self));

  g_free (self->home);
  self->home = g_strdup (municipality_name);
}

void
anv_provider_chooser_clear (AnvProviderChooser *self,
                            const char         *why)
{
  g_autoptr (GList) rows = NULL;

  g_return_if_fail (ANV_IS_PROVIDER_CHOOSER (self));

  rows = gtk_container_get_children (GTK_CONTAINER (self->provider_list));
  self->chosen_row = NULL;
  g_clear_pointer (&self->default_orgnr, g_free);
  for (GList *l = rows; l != NULL; l = l->next)
    gtk_widget_destroy (l->data);
  gtk_label_set_text (self->provider_placeholder, why ? why : "");
}

gboolean
anv_provider_chooser_fill (AnvProviderChooser  *self,
                           AnvDb               *db,
                           AnvService           service,
                           const char          *municipality_code,
                           const char          *municipality_name,
                           const GDate         *date,
                           const char          *current_orgnr,
                           gboolean             propose_default,
                           GError             **error)
{
  g_autoptr (GPtrArray) local = NULL;
  g_autoptr (GPtrArray) anywhere = NULL;
  g_autoptr (AnvProvider) proposed = NULL;
  g_autofree char *day = NULL;
  g_autofree char *empty = NULL;

  g_return_val_if_fail (ANV_IS_PROVIDER_CHOOSER (self), FALSE);
  g_return_val_if_fail (ANV_IS_DB (db), FALSE);

  anv_provider_chooser_clear (self, NULL);
  local = anv_providers_approved_for (db, service, municipality_code, date, error);
  if (local == NULL)
    return FALSE;
  if (propose_default && local->len > 0)
    {
      /* Without a proposal (it could not be made) the officer chooses from
       * the list, which says itself whether it could be read. */
      proposed = anv_providers_propose_default (db, service, municipality_code, date, NULL);
      if (proposed != NULL)
        self->default_orgnr = g_strdup (proposed->orgnr);
    }

  /* The no-choice default first, then the others approved there, then —
   * on the job seeker's own choice — those approved only elsewhere. */
  if (proposed != NULL)
    add_row (self, proposed, ANV_PROVIDER_ROW_DEFAULT, NULL, FALSE);
  for (guint i = 0; i < local->len; i++)
    {
      AnvProvider *p = g_ptr_array_index (local, i);

      if (g_strcmp0 (p->orgnr, self->default_orgnr) != 0)
        add_row (self, p, ANV_PROVIDER_ROW_PLAIN, current_orgnr, FALSE);
    }

  day = anv_date_format_long (date);
  empty = g_strdup_printf (
    /* Translators: %1$s service, %2$s municipality, %3$s date */
    _("No provider is approved for %1$s in %2$s on %3$s."),
    anv_service_name (service), municipality_name, day);
  gtk_label_set_text (self->provider_placeholder, empty);

  if (gtk_toggle_button_get_active (self->outside_check))
    {
      anywhere = anv_approvals_list_approved_anywhere (db, service, date, error);
      if (anywhere == NULL)
        return FALSE;
      for (guint i = 0; i < anywhere->len; i++)
        {
          AnvProvider *p = g_ptr_array_index (anywhere, i);

          if (!contains_orgnr (local, p->orgnr))
            add_row (self, p, ANV_PROVIDER_ROW_PLAIN, current_orgnr, TRUE);
        }
    }
  return TRUE;
}

const char *
anv_provider_chooser_get_default (AnvProviderChooser *self)
{
  g_return_val_if_fail (ANV_IS_PROVIDER_CHOOSER (self), NULL);

  return self->default_orgnr;
}

const char *
anv_provider_chooser_get_placeholder (AnvProviderChooser *self)
{
  g_return_val_if_fail (ANV_IS_PROVIDER_CHOOSER (self), NULL);

  return gtk_label_get_text (self->provider_placeholder);
}

AnvProviderRow *
anv_provider_chooser_get_chosen (AnvProviderChooser *self)
{
  g_return_val_if_fail (ANV_IS_PROVIDER_CHOOSER (self), NULL);

  return self->chosen_row;
}

const char *
anv_provider_chooser_get_chosen_orgnr (AnvProviderChooser *self)
{
  g_return_val_if_fail (ANV_IS_PROVIDER_CHOOSER (self), NULL);

  return self->chosen_row ? anv_provider_row_get_orgnr (self->chosen_row) : NULL;
}

void
anv_provider_chooser_choose (AnvProviderChooser *self,
                             const char         *orgnr)
{
  g_autoptr (GList) rows = NULL;

  g_return_if_fail (ANV_IS_PROVIDER_CHOOSER (self));

  rows = gtk_container_get_children (GTK_CONTAINER (self->provider_list));
  for (GList *l = rows; l != NULL; l = l->next)
    if (orgnr != NULL && ANV_IS_PROVIDER_ROW (l->data)
        && g_strcmp0 (anv_provider_row_get_orgnr (l->data), orgnr) == 0
        && gtk_list_box_row_get_activatable (l->data))
      {
        choose_row (self, l->data);
        return;
      }
  choose_row (self, NULL);
}

gboolean
anv_provider_chooser_get_outside (AnvProviderChooser *self)
{
  g_return_val_if_fail (ANV_IS_PROVIDER_CHOOSER (self), FALSE);

  return gtk_toggle_button_get_active (self->outside_check);
}
