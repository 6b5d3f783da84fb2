/* fuzz-orgnr.c — libFuzzer harness: organisationsnummer in any form
 *
 * Input: four bytes choosing the reference date, then the text typed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-fuzz"

#include <string.h>

#include "anv-orgnr.h"
#include "anv-personnummer.h"
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
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  AnvOrgnr orgnr;
  GDate today;

  fuzz_take_date (&data, &size, &today);
  text = fuzz_dup_string (data, size);

  if (anv_orgnr_parse (text, &today, &orgnr, &error))
    {
      g_autofree char *formatted = anv_orgnr_format (orgnr.digits);
      AnvOrgnr again;

      g_assert_no_error (error);
      g_assert_cmpuint (strlen (orgnr.digits), ==, 10);
      g_assert_true (anv_luhn_is_valid (orgnr.digits, 10));
      /* A sole trader's ten digits drop the century, which only a
       * plausible today brings back. */
      if (!orgnr.sole_trader || (g_date_get_year (&today) >= 1900
                                 && g_date_get_year (&today) <= 2099))
        {
          g_assert_true (anv_orgnr_parse (formatted, &today, &again, NULL));
          g_assert_cmpstr (again.digits, ==, orgnr.digits);
          g_assert_cmpint (again.sole_trader, ==, orgnr.sole_trader);
        }
    }
  else
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == ANV_ORGNR_ERROR
                     || error->domain == ANV_PERSONNUMMER_ERROR);
      g_assert_true (fuzz_is_message (error->message));
    }
  return 0;
}
