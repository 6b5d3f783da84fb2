/* anv-map-renderer.c — draws the municipalities map with cairo, on screen or in a file
 *
 * The map view, the PNG and SVG export, the tests and the benchmark all
 * draw through here, so they show the same thing. Each municipality's
 * border becomes a cairo path in user space once per size and county;
 * a frame then only fills and strokes those paths.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "anvisa-map-renderer"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "anv-i18n.h"
#include "anv-map-renderer.h"

#define PADDING          12.0
#define LEGEND_WIDTH     200.0
#define LEGEND_BAR_WIDTH 150.0
#define LEGEND_BAR_HEIGHT 14.0
#define ZOOM_MARGIN      0.04
#define HATCH_SIZE       8

struct _AnvMapRenderer
{
  const AnvMap    *map;
  AnvMapCell      *cells;
  guint            maximum;
  char            *legend_title;
  char            *county_code;       /* NULL: the whole country */
  int              selected;
  int              hovered;

  /* The transform of the last layout: px = offset_x + scale × x,
   * py = offset_y − scale × y */
  double           scale;
  double           offset_x;
  double           offset_y;

  /* The paths, valid for this rectangle and county */
  cairo_path_t   **paths;
  gboolean        *in_view;
  double           cached_rect[4];
  char            *cached_county;
  gboolean         cache_valid;

  /* The borders, drawn once per layout: stroking them is most of the
   * cost of a frame. NULL until the first raster frame. */
  cairo_surface_t *borders;
  /* The fills and borders, drawn once per layout and data: a frame that
   * only moves the pointer paints this and the outlines. */
  cairo_surface_t *base;

  cairo_t         *scratch;
  cairo_pattern_t *hatch;
};

/* A single-hue sequential scale, light to dark blue: the order reads in
 * lightness alone, for every kind of colour vision. */
static const double scale_stops[][3] = {
  { 0.871, 0.922, 0.969 },
  { 0.741, 0.843, 0.906 },
  { 0.420, 0.682, 0.839 },
  { 0.192, 0.510, 0.741 },
  { 0.031, 0.318, 0.612 },
};

static const double not_offered_fill[3] = { 0.878, 0.878, 0.878 };
static const double not_offered_hatch[3] = { 0.690, 0.690, 0.690 };


/*
 * Auxiliary methods
 */

static void
clear_paths (AnvMapRenderer *self)
{
  guint n = anv_map_get_n_areas (self->map);

  for (guint i = 0; i < n; i++)
    g_clear_pointer (&self->paths[i], cairo_path_destroy);
  g_clear_pointer (&self->borders, cairo_surface_destroy);
  g_clear_pointer (&self->base, cairo_surface_destroy);
  self->cache_valid = FALSE;
}

static cairo_pattern_t *
create_hatch (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, HATCH_SIZE,
                                                         HATCH_SIZE);
  cairo_t *cr = cairo_create (surface);
  cairo_pattern_t *pattern;

  cairo_set_source_rgb (cr, not_offered_fill[0], not_offered_fill[1], not_offered_fill[2]);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, not_offered_hatch[0], not_offered_hatch[1], not_offered_hatch[2]);
  cairo_set_line_width (cr, 1.5);
  /* Diagonals that join across the tile's edges */
  cairo_move_to (cr, -1, HATCH_SIZE + 1);
  cairo_line_to (cr, HATCH_SIZE + 1, -1);
  cairo_move_to (cr, -1, 1);
  cairo_line_to (cr, 1, -1);
  cairo_move_to (cr, HATCH_SIZE - 1, HATCH_SIZE + 1);
  cairo_line_to (cr, HATCH_SIZE + 1, HATCH_SIZE - 1);
  cairo_stroke (cr);
  cairo_destroy (cr);

  pattern = cairo_pattern_create_for_surface (surface);
  cairo_pattern_set_extend (pattern, CAIRO_EXTEND_REPEAT);
  cairo_surface_destroy (surface);
  return pattern;
}

static gboolean
is_in_county (AnvMapRenderer   *self,
              const AnvMapArea *area)
{
  return self->county_code == NULL || strcmp (area->county_code, self->county_code) == 0;
}

/* Fits the country or the county into the rectangle, keeping its shape. */
static void
compute_transform (AnvMapRenderer *self,
                   double          x,
                   double          y,
                   double          width,
                   double          height)
{
  AnvMapBounds bounds;
  double bw, bh;

  if (!anv_map_get_bounds (self->map, self->county_code, &bounds))
    anv_map_get_bounds (self->map, NULL, &bounds);
  bw = bounds.x_max - bounds.x_min;
  bh = bounds.y_max - bounds.y_min;
  if (self->county_code != NULL)
    {
      bounds.x_min -= bw * ZOOM_MARGIN;
      bounds.y_min -= bh * ZOOM_MARGIN;
      bw *= 1.0 + 2.0 * ZOOM_MARGIN;
      bh *= 1.0 + 2.0 * ZOOM_MARGIN;
    }

  self->scale = MIN (MAX (width, 1.0) / bw, MAX (height, 1.0) / bh);
  self->offset_x = x + (width - bw * self->scale) / 2.0 - bounds.x_min * self->scale;
  self->offset_y = y + (height + bh * self->scale) / 2.0 + bounds.y_min * self->scale;
}

/* Makes the paths for the rectangle, if the cached ones are for another. */
static void
ensure_paths (AnvMapRenderer *self,
              double          x,
              double          y,
              double          width,
              double          height)
{
  guint n = anv_map_get_n_areas (self->map);

  if (self->cache_valid && self->cached_rect[0] == x && self->cached_rect[1] == y
      && self->cached_rect[2] == width && self->cached_rect[3] == height
      && g_strcmp0 (self->cached_county, self->county_code) == 0)
    return;

  clear_paths (self);
  compute_transform (self, x, y, width, height);

  for (guint i = 0; i < n; i++)
    {
      const AnvMapArea *area = anv_map_get_area (self->map, i);
      double left = self->offset_x + self->scale * area->bounds.x_min;
      double right = self->offset_x + self->scale * area->bounds.x_max;
      double top = self->offset_y - self->scale * area->bounds.y_max;
      double bottom = self->offset_y - self->scale * area->bounds.y_min;
      guint start = 0;

      self->in_view[i] = right >= x && left <= x + width && bottom >= y && top <= y + height;
      if (!self->in_view[i])
        continue;

      cairo_new_path (self->scratch);
      for (guint r = 0; r < area->n_rings; r++)
        {
          double last_x = -G_MAXDOUBLE, last_y = -G_MAXDOUBLE;

          for (guint p = start; p < area->ring_ends[r]; p++)
            {
              double px = self->offset_x + self->scale * area->points[2 * p];
              double py = self->offset_y - self->scale * area->points[2 * p + 1];

              /* Points closer than a third of a pixel add nothing */
              if (p == start)
                cairo_move_to (self->scratch, px, py);
              else if (fabs (px - last_x) + fabs (py - last_y) >= 0.33)
                cairo_line_to (self->scratch, px, py);
              else
                continue;
              last_x = px;
              last_y = py;
            }
          cairo_close_path (self->scratch);
          start = area->ring_ends[r];
        }
      self->paths[i] = cairo_copy_path (self->scratch);
    }
  cairo_new_path (self->scratch);

  self->cached_rect[0] = x;
  self->cached_rect[1] = y;
  self->cached_rect[2] = width;
  self->cached_rect[3] = height;
  g_free (self->cached_county);
  self->cached_county = g_strdup (self->county_code);
  self->cache_valid = TRUE;
}

/* A surface of pixels, where a picture made once can stand in for lines */
static gboolean
is_raster (cairo_t *cr)
{
  switch (cairo_surface_get_type (cairo_get_target (cr)))
    {
    case CAIRO_SURFACE_TYPE_IMAGE:
    case CAIRO_SURFACE_TYPE_XLIB:
    case CAIRO_SURFACE_TYPE_XCB:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Fills the municipalities in view: those without the service together,
 * in one hatched fill, the others each in its colour. */
static void
fill_areas (AnvMapRenderer *self,
            cairo_t        *cr)
{
  guint n = anv_map_get_n_areas (self->map);

  cairo_save (cr);
  /* The borders are stroked over every edge, so on a raster the fills
   * need no smoothing of their own: a third of the time, and no seams. */
  if (is_raster (cr))
    cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  for (guint i = 0; i < n; i++)
    {
      const AnvMapCell *cell = self->cells != NULL ? &self->cells[i] : NULL;
      double rgb[3];

      if (!self->in_view[i] || cell == NULL || !cell->offered)
        continue;
      anv_map_renderer_get_colour (cell->value, self->maximum, rgb);
      cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
      cairo_new_path (cr);
      cairo_append_path (cr, self->paths[i]);
      cairo_fill (cr);
    }

  cairo_new_path (cr);
  for (guint i = 0; i < n; i++)
    if (self->in_view[i] && (self->cells == NULL || !self->cells[i].offered))
      cairo_append_path (cr, self->paths[i]);
  cairo_set_source (cr, self->hatch);
  cairo_fill (cr);
  cairo_restore (cr);
}

/* Strokes every border in view, in white. */
static void
stroke_borders (AnvMapRenderer *self,
                cairo_t        *cr)
{
  guint n = anv_map_get_n_areas (self->map);

  cairo_save (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_BEVEL);
  cairo_set_line_width (cr, self->county_code != NULL ? 1.0 : 0.5);
  cairo_set_source_rgb (cr, 1.0, 1.0, 1.0);
  for (guint i = 0; i < n; i++)
    if (self->in_view[i])
      {
        cairo_new_path (cr);
        cairo_append_path (cr, self->paths[i]);
        cairo_stroke (cr);
      }
  cairo_restore (cr);
}

/* A picture of the map's rectangle made by @paint, for @cr's target */
static cairo_surface_t *
create_layer (AnvMapRenderer *self,
              cairo_t        *cr,
              void          (*paint) (AnvMapRenderer *self,
                                      cairo_t        *cr))
{
  cairo_surface_t *layer = cairo_surface_create_similar (cairo_get_target (cr),
                                                         CAIRO_CONTENT_COLOR_ALPHA,
                                                         (int) ceil (self->cached_rect[2]),
                                                         (int) ceil (self->cached_rect[3]));
  cairo_t *layer_cr = cairo_create (layer);

  cairo_translate (layer_cr, -self->cached_rect[0], -self->cached_rect[1]);
  paint (self, layer_cr);
  cairo_destroy (layer_cr);
  return layer;
}

/* On a raster target the borders come from a picture made once per
 * layout; a vector target (SVG, PDF) gets them as lines. */
static void
draw_borders (AnvMapRenderer *self,
              cairo_t        *cr)
{
  if (!is_raster (cr))
    {
      stroke_borders (self, cr);
      return;
    }

  if (self->borders == NULL)
    self->borders = create_layer (self, cr, stroke_borders);
  cairo_set_source_surface (cr, self->borders, self->cached_rect[0], self->cached_rect[1]);
  cairo_paint (cr);
}

/* Everything but the outlines of the hovered and the selected */
static void
paint_base (AnvMapRenderer *self,
            cairo_t        *cr)
{
  guint n = anv_map_get_n_areas (self->map);

  fill_areas (self, cr);
  draw_borders (self, cr);

  /* Zoomed to a county, its neighbours fade */
  if (self->county_code != NULL)
    {
      cairo_set_source_rgba (cr, 1.0, 1.0, 1.0, 0.65);
      for (guint i = 0; i < n; i++)
        if (self->in_view[i] && !is_in_county (self, anv_map_get_area (self->map, i)))
          {
            cairo_new_path (cr);
            cairo_append_path (cr, self->paths[i]);
            cairo_fill (cr);
          }
    }
}

static void
outline_area (AnvMapRenderer *self,
              cairo_t        *cr,
              int             index,
              double          width,
              double          grey)
{
  if (index < 0 || self->paths[index] == NULL)
    return;

  cairo_new_path (cr);
  cairo_append_path (cr, self->paths[index]);
  cairo_set_line_width (cr, width + 2.0);
  cairo_set_source_rgb (cr, 1.0, 1.0, 1.0);
  cairo_stroke_preserve (cr);
  cairo_set_line_width (cr, width);
  cairo_set_source_rgb (cr, grey, grey, grey);
  cairo_stroke (cr);
}

static void
draw_areas (AnvMapRenderer *self,
            cairo_t        *cr,
            double          x,
            double          y,
            double          width,
            double          height)
{
  ensure_paths (self, x, y, width, height);

  cairo_save (cr);
  cairo_rectangle (cr, x, y, width, height);
  cairo_clip (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_BEVEL);

  if (is_raster (cr))
    {
      if (self->base == NULL)
        self->base = create_layer (self, cr, paint_base);
      cairo_set_source_surface (cr, self->base, x, y);
      cairo_paint (cr);
    }
  else
    {
      paint_base (self, cr);
    }

  if (self->hovered != self->selected)
    outline_area (self, cr, self->hovered, 1.5, 0.35);
  outline_area (self, cr, self->selected, 2.5, 0.0);
  cairo_restore (cr);
}

static PangoLayout *
create_layout (cairo_t    *cr,
               const char *text,
               double      points,
               gboolean    bold,
               double      width)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr (PangoFontDescription) font = pango_font_description_from_string ("Sans");

  pango_font_description_set_size (font, (int) (points * PANGO_SCALE));
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_text (layout, text, -1);
  return layout;
}

/* Draws @text at @x, @y; returns its height. */
static double
draw_text (cairo_t    *cr,
           const char *text,
           double      x,
           double      y,
           double      points,
           gboolean    bold,
           double      width,
           double      grey)
{
  g_autoptr (PangoLayout) layout = create_layout (cr, text, points, bold, width);
  int text_height;

  pango_layout_get_pixel_size (layout, NULL, &text_height);
  cairo_set_source_rgb (cr, grey, grey, grey);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  return text_height;
}

static double
measure_legend (AnvMapRenderer *self,
                cairo_t        *cr)
{
  g_autoptr (PangoLayout) layout = create_layout (cr, self->legend_title ? self->legend_title : "",
                                                 9.0, TRUE, LEGEND_WIDTH - 20.0);
  int title_height;

  pango_layout_get_pixel_size (layout, NULL, &title_height);
  return title_height + 6.0 + LEGEND_BAR_HEIGHT + 4.0 + 16.0 + 10.0 + LEGEND_BAR_HEIGHT + 4.0;
}

/* The legend: the measure, the scale from 0 to the maximum, and what the
 * hatching means. */
static void
draw_legend (AnvMapRenderer *self,
             cairo_t        *cr,
             double          x,
             double          y)
{
  g_autofree char *maximum = anv_format_count (self->maximum);
  g_autoptr (PangoLayout) max_layout = create_layout (cr, maximum, 8.0, FALSE, -1);
  cairo_pattern_t *gradient;
  int max_width;

  cairo_save (cr);
  y += draw_text (cr, self->legend_title ? self->legend_title : "", x, y, 9.0, TRUE,
                  LEGEND_WIDTH - 20.0, 0.1) + 6.0;

  gradient = cairo_pattern_create_linear (x, 0, x + LEGEND_BAR_WIDTH, 0);
  for (guint i = 0; i < G_N_ELEMENTS (scale_stops); i++)
    cairo_pattern_add_color_stop_rgb (gradient, (double) i / (G_N_ELEMENTS (scale_stops) - 1),
                                      scale_stops[i][0], scale_stops[i][1], scale_stops[i][2]);
  cairo_rectangle (cr, x, y, LEGEND_BAR_WIDTH, LEGEND_BAR_HEIGHT);
  cairo_set_source (cr, gradient);
  cairo_fill_preserve (cr);
  cairo_pattern_destroy (gradient);
  cairo_set_source_rgb (cr, 0.5, 0.5, 0.5);
  cairo_set_line_width (cr, 1.0);
  cairo_stroke (cr);
  y += LEGEND_BAR_HEIGHT + 4.0;

  draw_text (cr, "0", x, y, 8.0, FALSE, -1, 0.2);
  pango_layout_get_pixel_size (max_layout, &max_width, NULL);
  cairo_move_to (cr, x + LEGEND_BAR_WIDTH - max_width, y);
  pango_cairo_show_layout (cr, max_layout);
  y += 16.0 + 10.0;

  cairo_rectangle (cr, x, y, 28.0, LEGEND_BAR_HEIGHT);
  cairo_set_source (cr, self->hatch);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 0.5, 0.5, 0.5);
  cairo_stroke (cr);
  /* Translators: the map's legend for the hatched municipalities */
  draw_text (cr, _("Service not offered"), x + 36.0, y - 1.0, 8.5, FALSE,
             LEGEND_WIDTH - 56.0, 0.2);
  cairo_restore (cr);
}

/* The map and its legend in the rectangle: the legend to the left of the
 * map when there is room, else over the map's lower left corner. */
static void
draw_map_and_legend (AnvMapRenderer *self,
                     cairo_t        *cr,
                     double          x,
                     double          y,
                     double          width,
                     double          height)
{
  double legend_height = measure_legend (self, cr);

  if (width >= 2.0 * LEGEND_WIDTH + 2.0 * PADDING)
    {
      draw_areas (self, cr, x + LEGEND_WIDTH + PADDING, y + PADDING,
                  width - LEGEND_WIDTH - 2.0 * PADDING, height - 2.0 * PADDING);
      draw_legend (self, cr, x + PADDING, y + height - PADDING - legend_height);
    }
  else
    {
      draw_areas (self, cr, x + PADDING, y + PADDING, width - 2.0 * PADDING,
                  MAX (height - 2.0 * PADDING - legend_height, 1.0));
      draw_legend (self, cr, x + PADDING, y + height - PADDING - legend_height);
    }
}


/*
 * Public
 */

AnvMapRenderer *
anv_map_renderer_new (const AnvMap *map)
{
  AnvMapRenderer *self;
  cairo_surface_t *surface;

  g_return_val_if_fail (map != NULL, NULL);

  self = g_new0 (AnvMapRenderer, 1);
  self->map = map;
  self->maximum = 1;
  self->selected = -1;
  self->hovered = -1;
  self->paths = g_new0 (cairo_path_t *, anv_map_get_n_areas (map));
  self->in_view = g_new0 (gboolean, anv_map_get_n_areas (map));
  surface = cairo_image_surface_create (CAIRO_FORMAT_A8, 1, 1);
  self->scratch = cairo_create (surface);
  cairo_surface_destroy (surface);
  self->hatch = create_hatch ();
  return self;
}

void
anv_map_renderer_free (AnvMapRenderer *self)
{
  if (self == NULL)
    return;

  clear_paths (self);
  g_free (self->paths);
  g_free (self->in_view);
  g_free (self->cells);
  g_free (self->legend_title);
  g_free (self->county_code);
  g_free (self->cached_county);
  cairo_destroy (self->scratch);
  cairo_pattern_destroy (self->hatch);
  g_free (self);
}

AnvMapRenderer *
anv_map_renderer_copy (AnvMapRenderer *self)
{
  AnvMapRenderer *copy = anv_map_renderer_new (self->map);

  anv_map_renderer_set_cells (copy, self->cells, self->legend_title);
  anv_map_renderer_set_county (copy, self->county_code);
  return copy;
}

const AnvMap *
anv_map_renderer_get_map (AnvMapRenderer *self)
{
  return self->map;
}

void
anv_map_renderer_set_cells (AnvMapRenderer   *self,
                            const AnvMapCell *cells,
                            const char       *legend_title)
{
  guint n = anv_map_get_n_areas (self->map);

  g_clear_pointer (&self->cells, g_free);
  g_clear_pointer (&self->base, cairo_surface_destroy);
  self->maximum = 1;
  if (cells != NULL)
    {
      self->cells = g_memdup2 (cells, n * sizeof (AnvMapCell));
      for (guint i = 0; i < n; i++)
        if (cells[i].offered)
          self->maximum = MAX (self->maximum, cells[i].value);
    }
  g_free (self->legend_title);
  self->legend_title = g_strdup (legend_title);
}

void
anv_map_renderer_set_county (AnvMapRenderer *self,
                             const char     *county_code)
{
  g_free (self->county_code);
  self->county_code = g_strdup (county_code);
}

const char *
anv_map_renderer_get_county (AnvMapRenderer *self)
{
  return self->county_code;
}

void
anv_map_renderer_set_selected (AnvMapRenderer *self,
                               int             index)
{
  self->selected = index;
}

void
anv_map_renderer_set_hovered (AnvMapRenderer *self,
                              int             index)
{
  self->hovered = index;
}

guint
anv_map_renderer_get_maximum (AnvMapRenderer *self)
{
  return self->maximum;
}

void
anv_map_renderer_get_colour (guint  value,
                             guint  maximum,
                             double rgb[3])
{
  double t = maximum > 0 ? MIN ((double) value / maximum, 1.0) : 0.0;
  double position = t * (G_N_ELEMENTS (scale_stops) - 1);
  guint low = MIN ((guint) position, G_N_ELEMENTS (scale_stops) - 2);
  double f = position - low;

  for (guint c = 0; c < 3; c++)
    rgb[c] = scale_stops[low][c] * (1.0 - f) + scale_stops[low + 1][c] * f;
}

void
anv_map_renderer_draw (AnvMapRenderer *self,
                       cairo_t        *cr,
                       int             width,
                       int             height)
{
  g_return_if_fail (self != NULL);

  draw_map_and_legend (self, cr, 0, 0, width, height);
}

void
anv_map_renderer_draw_report (AnvMapRenderer *self,
                              cairo_t        *cr,
                              int             width,
                              int             height,
                              const char     *title,
                              const char     *subtitle,
                              const char     *source)
{
  double y = PADDING;
  int source_height;
  g_autoptr (PangoLayout) source_layout = NULL;
  int selected, hovered;

  g_return_if_fail (self != NULL);

  /* A report shows the map, not the pointer or the selection */
  selected = self->selected;
  hovered = self->hovered;
  self->selected = self->hovered = -1;

  cairo_save (cr);
  cairo_set_source_rgb (cr, 1.0, 1.0, 1.0);
  cairo_paint (cr);

  y += draw_text (cr, title, PADDING, y, 16.0, TRUE, width - 2.0 * PADDING, 0.0);
  y += draw_text (cr, subtitle, PADDING, y + 2.0, 11.0, FALSE, width - 2.0 * PADDING, 0.2)
       + 4.0;

  source_layout = create_layout (cr, source, 8.0, FALSE, width - 2.0 * PADDING);
  pango_layout_get_pixel_size (source_layout, NULL, &source_height);
  draw_map_and_legend (self, cr, 0, y, width, height - y - source_height - PADDING);
  cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
  cairo_move_to (cr, PADDING, height - PADDING - source_height);
  pango_cairo_show_layout (cr, source_layout);
  cairo_restore (cr);

  self->selected = selected;
  self->hovered = hovered;
}

void
anv_map_renderer_to_device (AnvMapRenderer *self,
                            double          x,
                            double          y,
                            double         *px,
                            double         *py)
{
  *px = self->offset_x + self->scale * x;
  *py = self->offset_y - self->scale * y;
}

int
anv_map_renderer_hit (AnvMapRenderer *self,
                      double          px,
                      double          py)
{
  if (!self->cache_valid || self->scale <= 0)
    return -1;
  if (px < self->cached_rect[0] || px > self->cached_rect[0] + self->cached_rect[2]
      || py < self->cached_rect[1] || py > self->cached_rect[1] + self->cached_rect[3])
    return -1;
  return anv_map_find (self->map, (px - self->offset_x) / self->scale,
                       (self->offset_y - py) / self->scale);
}
