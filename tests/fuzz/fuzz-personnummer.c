/* fuzz-personnummer.c — libFuzzer harness: personnummer in any form
 *
 * Input: four bytes choosing the reference date, then the text typed. A
 * number that parses must come back the same from its formatted forms.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-fuzz"

#include <string.h>

#include "anv-personnummer.h"
#include "fuzz-common.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_make_warnings_fatal ();
  return 0;
}

static void
check_round_trip (const AnvPersonnummer *pnr,
                  const GDate           *today)
{
  g_autofree char *formatted = anv_personnummer_format (pnr->digits);
  g_autofree char *masked = anv_personnummer_format_masked (pnr->digits);
  g_autoptr (GError) error = NULL;
  AnvPersonnummer again;

  g_assert_true (anv_personnummer_parse (formatted, today, &again, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (again.digits, ==, pnr->digits);
  g_assert_cmpint (again.kind, ==, pnr->kind);
  g_assert_cmpint (again.gender, ==, pnr->gender);
  g_assert_cmpuint (strlen (masked), ==, 13);
  g_assert_true (g_str_has_suffix (masked, "-****"));

  /* Twelve digits without the separator are the same number. */
  g_assert_true (anv_personnummer_parse (pnr->digits, today, &again, NULL));
  g_assert_cmpstr (again.digits, ==, pnr->digits);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  AnvPersonnummer pnr;
  GDate today;

  fuzz_take_date (&data, &size, &today);
  text = fuzz_dup_string (data, size);

  if (anv_personnummer_parse (text, &today, &pnr, &error))
    {
      g_assert_no_error (error);
      g_assert_cmpuint (strlen (pnr.digits), ==, 12);
      for (guint i = 0; i < 12; i++)
        g_assert_true (g_ascii_isdigit (pnr.digits[i]));
      g_assert_true (anv_luhn_is_valid (pnr.digits + 2, 10));
      g_assert_true (!pnr.birth_date_known || g_date_valid (&pnr.birth_date));
      check_round_trip (&pnr, &today);
    }
  else
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == ANV_PERSONNUMMER_ERROR);
      g_assert_true (fuzz_is_message (error->message));
    }
  return 0;
}
