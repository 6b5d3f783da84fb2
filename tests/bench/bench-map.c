/* bench-map.c — how fast the municipalities map parses and draws
 *
 *   bench-map [FRAMES] [WIDTH] [HEIGHT]
 *
 * Times the one-time reading of the borders (GeoJSON → SWEREF 99 TM), then
 * draws the whole map with its legend to an image surface FRAMES times
 * (default 200) at WIDTH × HEIGHT (default 1200 × 900): the first frame
 * makes the cairo paths and the pictures of the borders and the fills,
 * which a frame that only moves the pointer reuses. A frame with new
 * numbers (the next month, a new referral) fills every municipality
 * anew; a frame at a new size (as while the window is resized) also makes
 * the paths and the borders anew.
 * Prints the median and the minimum per frame, in CPU time of the drawing
 * thread (on a busy machine wall-clock time mostly measures the others).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <glib.h>

#include "anv-map-renderer.h"

static int
compare_times (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static void
report (const char *what,
        GArray     *times)
{
  g_array_sort (times, compare_times);
  printf ("%-34s median %7.3f ms   min %7.3f ms   (%u frames)\n", what,
          g_array_index (times, gint64, times->len / 2) / 1000.0,
          g_array_index (times, gint64, 0) / 1000.0, times->len);
}

/* Microseconds of this thread's CPU time */
static gint64
get_cpu_time (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return (gint64) now.tv_sec * G_USEC_PER_SEC + now.tv_nsec / 1000;
}

static gint64
draw_frame (AnvMapRenderer  *renderer,
            cairo_surface_t *surface,
            int              width,
            int              height)
{
  cairo_t *cr = cairo_create (surface);
  gint64 start = get_cpu_time ();

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  anv_map_renderer_draw (renderer, cr, width, height);
  cairo_surface_flush (surface);
  cairo_destroy (cr);
  return get_cpu_time () - start;
}

int
main (int   argc,
      char *argv[])
{
  guint frames = argc > 1 ? (guint) atoi (argv[1]) : 200;
  int width = argc > 2 ? atoi (argv[2]) : 1200;
  int height = argc > 3 ? atoi (argv[3]) : 900;
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) cached = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) resized = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) new_data = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (AnvMapRenderer) renderer = NULL;
  g_autofree AnvMapCell *cells = NULL;
  const AnvMap *map;
  cairo_surface_t *surface;
  gint64 start, parse, first;

  start = get_cpu_time ();
  map = anv_map_get_default (&error);
  parse = get_cpu_time () - start;
  if (map == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }

  /* Values on the whole scale, and every tenth municipality not offered */
  cells = g_new0 (AnvMapCell, anv_map_get_n_areas (map));
  for (guint i = 0; i < anv_map_get_n_areas (map); i++)
    {
      cells[i].offered = i % 10 != 0;
      cells[i].value = (i * 7) % 40;
    }
  renderer = anv_map_renderer_new (map);
  anv_map_renderer_set_cells (renderer, cells, "Anvisade i månaden, KROM, april 2020");
  anv_map_renderer_set_selected (renderer, anv_map_lookup (map, "2480"));

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  first = draw_frame (renderer, surface, width, height);
  for (guint i = 0; i < frames; i++)
    {
      gint64 t = draw_frame (renderer, surface, width, height);

      g_array_append_val (cached, t);
    }
  for (guint i = 0; i < frames; i++)
    {
      gint64 t;

      cells[i % anv_map_get_n_areas (map)].value++;
      anv_map_renderer_set_cells (renderer, cells, "Anvisade i månaden, KROM, april 2020");
      t = draw_frame (renderer, surface, width, height);
      g_array_append_val (new_data, t);
    }
  for (guint i = 0; i < frames; i++)
    {
      gint64 t = draw_frame (renderer, surface, width - 1 - (int) (i % 2),
                             height - 1 - (int) (i % 2));

      g_array_append_val (resized, t);
    }
  cairo_surface_destroy (surface);

  printf ("map of %u municipalities at %d × %d\n", anv_map_get_n_areas (map), width, height);
  printf ("%-34s %7.3f ms\n", "parse and project (once)", parse / 1000.0);
  printf ("%-34s %7.3f ms\n", "first frame", first / 1000.0);
  report ("frame, pointer moved", cached);
  report ("frame with new numbers", new_data);
  report ("frame at a new size", resized);
  return 0;
}
