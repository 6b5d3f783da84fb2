/* anv-map-export.c — the map as a picture to save: PNG or SVG, in memory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "anvisa-map-export"

#include "config.h"

#include <cairo-svg.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "anv-map-export.h"

static cairo_status_t
append_bytes_cb (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/**
 * anv_map_export_draw:
 * @renderer: the map to draw, not used elsewhere meanwhile
 * @svg: whether SVG rather than PNG
 * @title: the picture's title, the measure
 * @subtitle: the service, the month and the totals
 * @error: where a failure is told
 *
 * Returns: (transfer full) (nullable): the picture's bytes, or %NULL when
 *   cairo could not make it (there may not be enough memory)
 */
GBytes *
anv_map_export_draw (AnvMapRenderer  *renderer,
                     gboolean         svg,
                     const char      *title,
                     const char      *subtitle,
                     GError         **error)
{
  g_autoptr (GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (renderer != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (svg)
    surface = cairo_svg_surface_create_for_stream (append_bytes_cb, bytes, ANV_MAP_EXPORT_WIDTH,
                                                   ANV_MAP_EXPORT_HEIGHT);
  else
    surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, ANV_MAP_EXPORT_WIDTH,
                                          ANV_MAP_EXPORT_HEIGHT);

  cr = cairo_create (surface);
  anv_map_renderer_draw_report (renderer, cr, ANV_MAP_EXPORT_WIDTH, ANV_MAP_EXPORT_HEIGHT,
                                title, subtitle,
                                _("Source: Anvisa, the summary of referrals per municipality. "
                                  "Municipal borders: Valmyndigheten, via okfse/sweden-geojson."));
  cairo_destroy (cr);
  if (svg)
    cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  if (status == CAIRO_STATUS_SUCCESS && !svg)
    status = cairo_surface_write_to_png_stream (surface, append_bytes_cb, bytes);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("the picture could not be made: there may not be enough memory"));
      return NULL;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}
