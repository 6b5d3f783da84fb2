/* anv-map-selection.c — the map's selected municipality: its numbers and the zoom
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "anvisa-map-selection"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "anv-i18n.h"
#include "anv-map-selection.h"
#include "anv-municipalities.h"
#include "anv-summary.h"

/* The numbers of the selected municipality, as the grid lists them */
enum
{
  NUMBER_DECIDED,
  NUMBER_WOMEN,
  NUMBER_MEN,
  NUMBER_STARTED,
  NUMBER_JOB,
  NUMBER_STUDIES,
  NUMBER_INTERRUPTED,
  NUMBER_ACTIVE,
  N_NUMBERS
};

struct _AnvMapSelection
{
  GtkBox      parent_instance;

  /* Template widgets */
  GtkLabel   *municipality_title;
  GtkLabel   *selected_label;
  GtkLabel   *county_label;
  GtkGrid    *numbers_grid;
  GtkButton  *zoom_button;
  GtkButton  *whole_button;
  GtkLabel   *number_labels[N_NUMBERS];

  AnvMapView *view;
  GHashTable *municipalities;   /* code → AnvMunicipality, the page's */
  GHashTable *rows;             /* code → AnvSummaryRow *, the page's */
};

G_DEFINE_FINAL_TYPE (AnvMapSelection, anv_map_selection, GTK_TYPE_BOX)

enum
{
  PROP_0,
  PROP_VIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS] = { NULL, };


/*
 * Auxiliary methods
 */

static void
add_number_rows (AnvMapSelection *self)
{
  const char *names[N_NUMBERS] = {
    _("Referred"),
    /* Translators: of those referred */
    _("women"),
    /* Translators: of those referred */
    _("men"),
    _("Started"),
    /* Translators: ended with a result */
    _("Ended: job"),
    /* Translators: ended with a result */
    _("Ended: studies"),
    _("Ended: interruption"),
    _("Active at the end of the month"),
  };

  for (guint i = 0; i < N_NUMBERS; i++)
    {
      GtkWidget *name = gtk_label_new (names[i]);
      GtkWidget *value = gtk_label_new ("–");

      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_label_set_line_wrap (GTK_LABEL (name), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (name), 24);
      gtk_label_set_xalign (GTK_LABEL (value), 1);
      gtk_label_set_selectable (GTK_LABEL (value), TRUE);
      gtk_widget_set_hexpand (name, TRUE);
      if (i == NUMBER_WOMEN || i == NUMBER_MEN)
        gtk_widget_set_margin_start (name, 12);
      atk_object_add_relationship (gtk_widget_get_accessible (value), ATK_RELATION_LABELLED_BY,
                                   gtk_widget_get_accessible (name));
      gtk_grid_attach (self->numbers_grid, name, 0, (int) i, 1, 1);
      gtk_grid_attach (self->numbers_grid, value, 1, (int) i, 1, 1);
      gtk_widget_show (name);
      gtk_widget_show (value);
      self->number_labels[i] = GTK_LABEL (value);
    }
}

static void
update_county (AnvMapSelection *self)
{
  const char *county = self->view != NULL ? anv_map_view_get_county (self->view) : NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->whole_button), county != NULL);
}


/*
 * Callbacks
 */

static void
zoom_clicked_cb (AnvMapSelection *self,
                 GtkButton       *button)
{
  if (self->view != NULL)
    anv_map_view_zoom_to_selected (self->view);
}

static void
whole_clicked_cb (AnvMapSelection *self,
                  GtkButton       *button)
{
  if (self->view != NULL)
    anv_map_view_set_county (self->view, NULL);
}


/*
 * GObject overrides
 */

static void
anv_map_selection_dispose (GObject *object)
{
  AnvMapSelection *self = ANV_MAP_SELECTION (object);

  if (self->view != NULL)
    g_signal_handlers_disconnect_by_data (self->view, self);
  g_clear_object (&self->view);
  g_clear_pointer (&self->municipalities, g_hash_table_unref);
  g_clear_pointer (&self->rows, g_hash_table_unref);

  G_OBJECT_CLASS (anv_map_selection_parent_class)->dispose (object);
}

static void
anv_map_selection_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AnvMapSelection *self = ANV_MAP_SELECTION (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      g_value_set_object (value, self->view);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
anv_map_selection_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  AnvMapSelection *self = ANV_MAP_SELECTION (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      anv_map_selection_set_view (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
anv_map_selection_class_init (AnvMapSelectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = anv_map_selection_dispose;
  object_class->get_property = anv_map_selection_get_property;
  object_class->set_property = anv_map_selection_set_property;

  /**
   * AnvMapSelection:view:
   *
   * The map whose selection the pane shows and whose zoom its buttons
   * change; the title "Municipality" is its mnemonic label.
   */
  properties[PROP_VIEW] = g_param_spec_object ("view",
                                               "View",
                                               "The map the pane follows",
                                               ANV_TYPE_MAP_VIEW,
                                               G_PARAM_READWRITE |
                                               G_PARAM_EXPLICIT_NOTIFY |
                                               G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/anv-map-selection.ui");

  gtk_widget_class_bind_template_child (widget_class, AnvMapSelection, municipality_title);
  gtk_widget_class_bind_template_child (widget_class, AnvMapSelection, selected_label);
  gtk_widget_class_bind_template_child (widget_class, AnvMapSelection, county_label);
  gtk_widget_class_bind_template_child (widget_class, AnvMapSelection, numbers_grid);
  gtk_widget_class_bind_template_child (widget_class, AnvMapSelection, zoom_button);
  gtk_widget_class_bind_template_child (widget_class, AnvMapSelection, whole_button);

  gtk_widget_class_bind_template_callback (widget_class, zoom_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, whole_clicked_cb);
}

static void
anv_map_selection_init (AnvMapSelection *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  add_number_rows (self);
}


/*
 * Public API
 */

void
anv_map_selection_set_view (AnvMapSelection *self,
                            AnvMapView      *view)
{
  g_return_if_fail (ANV_IS_MAP_SELECTION (self));
  g_return_if_fail (view == NULL || ANV_IS_MAP_VIEW (view));
  g_return_if_fail (self->view == NULL || self->view == view);

  if (!g_set_object (&self->view, view))
    return;

  g_signal_connect_object (view, "notify::selected", G_CALLBACK (anv_map_selection_update),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (view, "notify::county", G_CALLBACK (update_county), self,
                           G_CONNECT_SWAPPED);
  gtk_label_set_mnemonic_widget (self->municipality_title, GTK_WIDGET (view));
  update_county (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
}

void
anv_map_selection_set_tables (AnvMapSelection *self,
                              GHashTable      *municipalities,
                              GHashTable      *rows)
{
  g_return_if_fail (ANV_IS_MAP_SELECTION (self));

  g_clear_pointer (&self->municipalities, g_hash_table_unref);
  g_clear_pointer (&self->rows, g_hash_table_unref);
  self->municipalities = municipalities != NULL ? g_hash_table_ref (municipalities) : NULL;
  self->rows = rows != NULL ? g_hash_table_ref (rows) : NULL;
}

void
anv_map_selection_update (AnvMapSelection *self)
{
  const char *code;
  const AnvMunicipality *municipality = NULL;
  const AnvSummaryRow *row = NULL;
  guint values[N_NUMBERS] = { 0, };

  g_return_if_fail (ANV_IS_MAP_SELECTION (self));

  code = self->view != NULL ? anv_map_view_get_selected (self->view) : NULL;
  if (code != NULL && self->municipalities != NULL)
    municipality = g_hash_table_lookup (self->municipalities, code);
  if (code != NULL && self->rows != NULL)
    row = g_hash_table_lookup (self->rows, code);

  gtk_widget_set_sensitive (GTK_WIDGET (self->zoom_button), code != NULL);
  if (code == NULL)
    {
      gtk_label_set_text (self->selected_label, _("None selected"));
      gtk_label_set_text (self->county_label, "");
      for (guint i = 0; i < N_NUMBERS; i++)
        gtk_label_set_text (self->number_labels[i], "–");
      return;
    }

  gtk_label_set_text (self->selected_label, municipality != NULL ? municipality->name : code);
  gtk_label_set_text (self->county_label, municipality != NULL ? municipality->county_name : "");
  if (row != NULL)
    {
      values[NUMBER_DECIDED] = row->decided_women + row->decided_men;
      values[NUMBER_WOMEN] = row->decided_women;
      values[NUMBER_MEN] = row->decided_men;
      values[NUMBER_STARTED] = row->started;
      values[NUMBER_JOB] = row->ended_job;
      values[NUMBER_STUDIES] = row->ended_studies;
      values[NUMBER_INTERRUPTED] = row->ended_interrupted;
      values[NUMBER_ACTIVE] = row->active_end;
    }
  for (guint i = 0; i < N_NUMBERS; i++)
    {
      g_autofree char *text = anv_format_count (values[i]);

      gtk_label_set_text (self->number_labels[i], text);
    }
}
