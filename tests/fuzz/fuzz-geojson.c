/* fuzz-geojson.c — libFuzzer harness: the municipalities' GeoJSON
 *
 * Both readers of the file shipped with Anvisa — the centres for the
 * nearest provider, and the borders for the map — here read any bytes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-fuzz"

#include <gio/gio.h>

#include "anv-map.h"
#include "fuzz-common.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_make_warnings_fatal ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr (GInputStream) stream = g_memory_input_stream_new_from_data (data, (gssize) size,
                                                                        NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) map_error = NULL;
  AnvMap *map;
  guint n_centres = 0;

  if (anv_map_read_centres (stream, &n_centres, &error))
    g_assert_no_error (error);
  else
    {
      g_assert_error (error, ANV_MAP_ERROR, ANV_MAP_ERROR_DATA);
      g_assert_true (fuzz_is_message (error->message));
    }

  map = anv_map_new_from_data ((const char *) data, size, &map_error);
  if (map != NULL)
    {
      g_assert_no_error (map_error);
      anv_map_free (map);
    }
  else
    {
      g_assert_error (map_error, ANV_MAP_ERROR, ANV_MAP_ERROR_DATA);
      g_assert_true (fuzz_is_message (map_error->message));
    }
  return 0;
}
