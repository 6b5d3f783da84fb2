/* fuzz-geojson.c — libFuzzer harness: the municipality centres (GeoJSON)
 *
 * The loader reads the file shipped with Anvisa; here it reads any bytes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-fuzz"

#include <gio/gio.h>

#include "anv-providers.h"
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
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (data, (gssize) size,
                                                                        NULL);
  g_autoptr(GError) error = NULL;
  guint n_centres = 0;

  if (anv_providers_read_centres (stream, &n_centres, &error))
    g_assert_no_error (error);
  else
    {
      g_assert_error (error, ANV_PROVIDER_ERROR, ANV_PROVIDER_ERROR_REFERENCE);
      g_assert_true (fuzz_is_message (error->message));
    }
  return 0;
}
