/* anv-map-view.c — the municipalities map as a widget: hover, select, zoom to a county
 *
 * A GtkDrawingArea that draws through AnvMapRenderer. The pointer hovers
 * (a tooltip with the municipality's name and numbers) and clicks to
 * select; a double click or Enter zooms to the selected municipality's
 * county, Escape or Backspace back out. The arrow keys go to the nearest
 * municipality in their direction, Page Down and Page Up through them by
 * name, Home and End to the first and last; Tab leaves the map.
 * The selection and its numbers are the widget's accessible description.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "anvisa-map-view"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "anv-map-view.h"
#include "anv-text.h"

struct _AnvMapView
{
  GtkDrawingArea   parent_instance;

  AnvMapRenderer  *renderer;       /* NULL when the borders are unreadable */
  GStrv            descriptions;   /* per municipality */
  guint           *by_name;        /* indexes ordered by name */
  int              selected;
  int              hovered;
};

G_DEFINE_FINAL_TYPE (AnvMapView, anv_map_view, GTK_TYPE_DRAWING_AREA)

enum
{
  PROP_0,
  PROP_SELECTED,
  PROP_COUNTY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS] = { NULL, };


/*
 * Auxiliary methods
 */

static const AnvMap *
get_map (AnvMapView *self)
{
  return anv_map_renderer_get_map (self->renderer);
}

static gboolean
is_shown (AnvMapView *self,
          int         index)
{
  const char *county = anv_map_renderer_get_county (self->renderer);

  return county == NULL
         || strcmp (anv_map_get_area (get_map (self), index)->county_code, county) == 0;
}

/* The municipality at a point of the widget, if it is shown: zoomed to a
 * county, its faded neighbours are not for choosing. */
static int
hit_shown (AnvMapView *self,
           double      x,
           double      y)
{
  int index = anv_map_renderer_hit (self->renderer, x, y);

  return index >= 0 && is_shown (self, index) ? index : -1;
}

static void
update_accessible (AnvMapView *self)
{
  AtkObject *accessible = gtk_widget_get_accessible (GTK_WIDGET (self));

  if (self->selected >= 0 && self->descriptions != NULL)
    atk_object_set_description (accessible, self->descriptions[self->selected]);
  else
    atk_object_set_description (accessible,
                                _("No municipality is selected. Use the arrow keys, or Page "
                                  "Down and Page Up, to go from one municipality to "
                                  "another."));
}

static void
select_index (AnvMapView *self,
              int         index)
{
  if (index == self->selected)
    return;

  self->selected = index;
  if (self->renderer != NULL)
    anv_map_renderer_set_selected (self->renderer, index);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

static void
set_hovered (AnvMapView *self,
             int         index)
{
  if (index == self->hovered)
    return;

  self->hovered = index;
  anv_map_renderer_set_hovered (self->renderer, index);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static int
compare_names_cb (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  const AnvMap *map = user_data;

  return anv_text_collate (anv_map_get_area (map, *(const guint *) a)->name,
                           anv_map_get_area (map, *(const guint *) b)->name);
}

/* The municipality after @from by name (@step 1) or before it (−1) among
 * those shown, or −1 past the end; from none (−1), the first or the last. */
static int
find_by_name (AnvMapView *self,
              int         from,
              int         step)
{
  int n = (int) anv_map_get_n_areas (get_map (self));
  int position = step > 0 ? -1 : n;

  for (int i = 0; i < n && from >= 0; i++)
    if ((int) self->by_name[i] == from)
      position = i;

  for (position += step; position >= 0 && position < n; position += step)
    if (is_shown (self, (int) self->by_name[position]))
      return (int) self->by_name[position];
  return -1;
}

/* The nearest municipality shown in the direction (@dx, @dy): along it
 * counts once, aside from it twice. */
static int
find_in_direction (AnvMapView *self,
                   double      dx,
                   double      dy)
{
  const AnvMap *map = get_map (self);
  const AnvMapArea *from = anv_map_get_area (map, self->selected);
  double best_score = G_MAXDOUBLE;
  int best = -1;

  for (guint i = 0; i < anv_map_get_n_areas (map); i++)
    {
      const AnvMapArea *area = anv_map_get_area (map, i);
      double ex = area->label_x - from->label_x;
      double ey = area->label_y - from->label_y;
      double along = ex * dx + ey * dy;
      double aside = fabs (ex * dy - ey * dx);
      double score;

      if ((int) i == self->selected || along <= 0 || !is_shown (self, (int) i))
        continue;
      score = along + 2.0 * aside;
      if (score < best_score)
        {
          best_score = score;
          best = (int) i;
        }
    }
  return best;
}

/*
 * GtkWidget overrides
 */

static gboolean
anv_map_view_draw (GtkWidget *widget,
                   cairo_t   *cr)
{
  AnvMapView *self = ANV_MAP_VIEW (widget);
  int width = gtk_widget_get_allocated_width (widget);
  int height = gtk_widget_get_allocated_height (widget);
  GtkStyleContext *context = gtk_widget_get_style_context (widget);

  gtk_render_background (context, cr, 0, 0, width, height);

  if (self->renderer == NULL)
    {
      g_autoptr (PangoLayout) layout = gtk_widget_create_pango_layout (
        widget, _("The map cannot be drawn: its borders are damaged. Reinstall Anvisa."));

      gtk_render_layout (context, cr, 12, 12, layout);
      return FALSE;
    }

  anv_map_renderer_draw (self->renderer, cr, width, height);

  if (gtk_widget_has_visible_focus (widget))
    gtk_render_focus (context, cr, 2, 2, width - 4, height - 4);
  return FALSE;
}

static gboolean
anv_map_view_motion_notify_event (GtkWidget      *widget,
                                  GdkEventMotion *event)
{
  AnvMapView *self = ANV_MAP_VIEW (widget);

  if (self->renderer != NULL)
    set_hovered (self, hit_shown (self, event->x, event->y));
  return GDK_EVENT_PROPAGATE;
}

static gboolean
anv_map_view_leave_notify_event (GtkWidget        *widget,
                                 GdkEventCrossing *event)
{
  AnvMapView *self = ANV_MAP_VIEW (widget);

  if (self->renderer != NULL)
    set_hovered (self, -1);
  return GDK_EVENT_PROPAGATE;
}

static gboolean
anv_map_view_button_press_event (GtkWidget      *widget,
                                 GdkEventButton *event)
{
  AnvMapView *self = ANV_MAP_VIEW (widget);
  int index;

  if (self->renderer == NULL || event->button != GDK_BUTTON_PRIMARY)
    return GDK_EVENT_PROPAGATE;

  gtk_widget_grab_focus (widget);
  index = hit_shown (self, event->x, event->y);
  if (event->type == GDK_2BUTTON_PRESS)
    {
      anv_map_view_zoom_to_selected (self);
      return GDK_EVENT_STOP;
    }
  if (event->type == GDK_BUTTON_PRESS && index >= 0)
    select_index (self, index);
  return GDK_EVENT_STOP;
}

static gboolean
anv_map_view_key_press_event (GtkWidget   *widget,
                              GdkEventKey *event)
{
  AnvMapView *self = ANV_MAP_VIEW (widget);
  int next = -2;

  if (self->renderer == NULL
      || (event->state & (GDK_CONTROL_MASK | GDK_MOD1_MASK)) != 0)
    return GDK_EVENT_PROPAGATE;

  switch (event->keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      if (self->selected < 0)
        next = find_by_name (self, -1, 1);
      else if (event->keyval == GDK_KEY_Left || event->keyval == GDK_KEY_KP_Left)
        next = find_in_direction (self, -1, 0);
      else if (event->keyval == GDK_KEY_Right || event->keyval == GDK_KEY_KP_Right)
        next = find_in_direction (self, 1, 0);
      else if (event->keyval == GDK_KEY_Up || event->keyval == GDK_KEY_KP_Up)
        next = find_in_direction (self, 0, 1);
      else
        next = find_in_direction (self, 0, -1);
      if (next >= 0)
        select_index (self, next);
      return GDK_EVENT_STOP;

    /* By name: Page Down/Up the next or previous, Home and End the first
     * and last. Tab leaves the map, as it leaves every other control. */
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
      next = find_by_name (self, self->selected, event->keyval == GDK_KEY_Page_Up
                                 || event->keyval == GDK_KEY_KP_Page_Up ? -1 : 1);
      if (next >= 0)
        select_index (self, next);
      return GDK_EVENT_STOP;

    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      next = find_by_name (self, -1, event->keyval == GDK_KEY_Home
                                 || event->keyval == GDK_KEY_KP_Home ? 1 : -1);
      if (next >= 0)
        select_index (self, next);
      return GDK_EVENT_STOP;

    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
    case GDK_KEY_space:
      anv_map_view_zoom_to_selected (self);
      return GDK_EVENT_STOP;

    case GDK_KEY_Escape:
    case GDK_KEY_BackSpace:
      if (anv_map_view_get_county (self) == NULL)
        return GDK_EVENT_PROPAGATE;
      anv_map_view_set_county (self, NULL);
      return GDK_EVENT_STOP;

    default:
      return GDK_EVENT_PROPAGATE;
    }
}

static gboolean
anv_map_view_query_tooltip (GtkWidget  *widget,
                            int         x,
                            int         y,
                            gboolean    keyboard_mode,
                            GtkTooltip *tooltip)
{
  AnvMapView *self = ANV_MAP_VIEW (widget);
  const char *text;

  if (keyboard_mode)
    text = self->selected >= 0 && self->descriptions != NULL
           ? self->descriptions[self->selected] : NULL;
  else
    text = anv_map_view_get_tooltip_at (self, x, y);
  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}


/*
 * GObject overrides
 */

static void
anv_map_view_finalize (GObject *object)
{
  AnvMapView *self = ANV_MAP_VIEW (object);

  g_clear_pointer (&self->renderer, anv_map_renderer_free);
  g_clear_pointer (&self->descriptions, g_strfreev);
  g_clear_pointer (&self->by_name, g_free);

  G_OBJECT_CLASS (anv_map_view_parent_class)->finalize (object);
}

static void
anv_map_view_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  AnvMapView *self = ANV_MAP_VIEW (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      g_value_set_string (value, anv_map_view_get_selected (self));
      break;

    case PROP_COUNTY:
      g_value_set_string (value, anv_map_view_get_county (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
anv_map_view_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  AnvMapView *self = ANV_MAP_VIEW (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      anv_map_view_set_selected (self, g_value_get_string (value));
      break;

    case PROP_COUNTY:
      anv_map_view_set_county (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
anv_map_view_class_init (AnvMapViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = anv_map_view_finalize;
  object_class->get_property = anv_map_view_get_property;
  object_class->set_property = anv_map_view_set_property;

  widget_class->draw = anv_map_view_draw;
  widget_class->motion_notify_event = anv_map_view_motion_notify_event;
  widget_class->leave_notify_event = anv_map_view_leave_notify_event;
  widget_class->button_press_event = anv_map_view_button_press_event;
  widget_class->key_press_event = anv_map_view_key_press_event;
  widget_class->query_tooltip = anv_map_view_query_tooltip;

  /**
   * AnvMapView:selected:
   *
   * The code of the selected municipality, or %NULL.
   */
  properties[PROP_SELECTED] = g_param_spec_string ("selected",
                                                   "Selected",
                                                   "The selected municipality's code",
                                                   NULL,
                                                   G_PARAM_READWRITE |
                                                   G_PARAM_EXPLICIT_NOTIFY |
                                                   G_PARAM_STATIC_STRINGS);

  /**
   * AnvMapView:county:
   *
   * The code of the county the map is zoomed to, or %NULL for the country.
   */
  properties[PROP_COUNTY] = g_param_spec_string ("county",
                                                 "County",
                                                 "The county zoomed to",
                                                 NULL,
                                                 G_PARAM_READWRITE |
                                                 G_PARAM_EXPLICIT_NOTIFY |
                                                 G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_accessible_role (widget_class, ATK_ROLE_IMAGE_MAP);
  gtk_widget_class_set_css_name (widget_class, "anv-map-view");
}

static void
anv_map_view_init (AnvMapView *self)
{
  g_autoptr (GError) error = NULL;
  const AnvMap *map = anv_map_get_default (&error);

  self->selected = -1;
  self->hovered = -1;

  if (map == NULL)
    g_warning ("The map's borders: %s", error->message);
  else
    {
      guint n = anv_map_get_n_areas (map);

      self->renderer = anv_map_renderer_new (map);
      self->by_name = g_new (guint, n);
      for (guint i = 0; i < n; i++)
        self->by_name[i] = i;
      g_qsort_with_data (self->by_name, n, sizeof (guint), compare_names_cb, (gpointer) map);
    }

  gtk_widget_set_can_focus (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_add_events (GTK_WIDGET (self), GDK_POINTER_MOTION_MASK | GDK_BUTTON_PRESS_MASK
                                            | GDK_LEAVE_NOTIFY_MASK | GDK_KEY_PRESS_MASK);
  gtk_widget_set_size_request (GTK_WIDGET (self), 320, 400);

  /* Translators: the accessible name of the map page's map */
  atk_object_set_name (gtk_widget_get_accessible (GTK_WIDGET (self)),
                       _("Map of the municipalities"));
  update_accessible (self);
}

GtkWidget *
anv_map_view_new (void)
{
  return g_object_new (ANV_TYPE_MAP_VIEW, NULL);
}

void
anv_map_view_set_cells (AnvMapView        *self,
                        const AnvMapCell  *cells,
                        const char *const *descriptions,
                        const char        *legend_title)
{
  g_return_if_fail (ANV_IS_MAP_VIEW (self));

  if (self->renderer == NULL)
    return;

  anv_map_renderer_set_cells (self->renderer, cells, legend_title);
  g_strfreev (self->descriptions);
  self->descriptions = g_strdupv ((GStrv) descriptions);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
anv_map_view_get_selected (AnvMapView *self)
{
  g_return_val_if_fail (ANV_IS_MAP_VIEW (self), NULL);

  if (self->selected < 0)
    return NULL;
  return anv_map_get_area (get_map (self), self->selected)->code;
}

void
anv_map_view_set_selected (AnvMapView *self,
                           const char *code)
{
  g_return_if_fail (ANV_IS_MAP_VIEW (self));

  if (self->renderer == NULL)
    return;
  select_index (self, anv_map_lookup (get_map (self), code));
}

const char *
anv_map_view_get_county (AnvMapView *self)
{
  g_return_val_if_fail (ANV_IS_MAP_VIEW (self), NULL);

  return self->renderer != NULL ? anv_map_renderer_get_county (self->renderer) : NULL;
}

void
anv_map_view_set_county (AnvMapView *self,
                         const char *county_code)
{
  AnvMapBounds bounds;

  g_return_if_fail (ANV_IS_MAP_VIEW (self));

  if (self->renderer == NULL
      || g_strcmp0 (county_code, anv_map_renderer_get_county (self->renderer)) == 0)
    return;
  /* Only a county with municipalities on the map */
  if (county_code != NULL && !anv_map_get_bounds (get_map (self), county_code, &bounds))
    return;

  anv_map_renderer_set_county (self->renderer, county_code);
  /* A selection outside the county goes */
  if (self->selected >= 0 && !is_shown (self, self->selected))
    select_index (self, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTY]);
}

AnvMapRenderer *
anv_map_view_get_renderer (AnvMapView *self)
{
  g_return_val_if_fail (ANV_IS_MAP_VIEW (self), NULL);

  return self->renderer;
}

/**
 * anv_map_view_get_tooltip_at:
 * @self: an #AnvMapView
 * @x: a point in the widget, as the pointer gives it
 * @y: the same
 *
 * Returns: (nullable): the municipality's name and numbers that the
 *   tooltip shows at the point, or %NULL where there is no municipality.
 */
const char *
anv_map_view_get_tooltip_at (AnvMapView *self,
                             double      x,
                             double      y)
{
  int index;

  g_return_val_if_fail (ANV_IS_MAP_VIEW (self), NULL);

  if (self->renderer == NULL || self->descriptions == NULL)
    return NULL;
  index = hit_shown (self, x, y);
  return index >= 0 ? self->descriptions[index] : NULL;
}

/**
 * anv_map_view_zoom_to_selected:
 * @self: an #AnvMapView
 *
 * Zooms to the county of the selected municipality, if one is selected.
 */
void
anv_map_view_zoom_to_selected (AnvMapView *self)
{
  g_return_if_fail (ANV_IS_MAP_VIEW (self));

  if (self->renderer != NULL && self->selected >= 0)
    anv_map_view_set_county (self,
                             anv_map_get_area (get_map (self), self->selected)->county_code);
}
