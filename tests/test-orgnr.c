/* test-orgnr.c — tests for organisationsnummer parsing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Legal entities are public authorities (Arbetsförmedlingen 202100-2114,
 * Skatteverket 202100-5448). Sole traders use Skatteverket's test
 * personnummer (data/skatteverket_testpersonnummer.json).
 */
#define G_LOG_DOMAIN "anvisa-test-orgnr"

#include <string.h>

#include "anv-orgnr.h"

static void
set_today (GDate *today)
{
  g_date_clear (today, 1);
  g_date_set_dmy (today, 22, G_DATE_NOVEMBER, 2026);
}

static void
test_valid (void)
{
  static const struct
  {
    const char *input;
    const char *digits;
    gboolean    sole_trader;
  } cases[] = {
    { "202100-2114", "2021002114", FALSE },
    { "2021002114", "2021002114", FALSE },
    { "  202100-2114\n", "2021002114", FALSE },
    { "16202100-2114", "2021002114", FALSE },
    { "162021002114", "2021002114", FALSE },
    { "202100-5448", "2021005448", FALSE },
    { "162021005448", "2021005448", FALSE },
    /* Sole traders: the personnummer in any form. */
    { "850412-2386", "8504122386", TRUE },
    { "8504122386", "8504122386", TRUE },
    { "198504122386", "8504122386", TRUE },
    { "19850412-2386", "8504122386", TRUE },
    { "900101+9802", "9001019802", TRUE },
    { "189001019802", "9001019802", TRUE },
    { "140168+2396", "1401682396", TRUE },
  };
  GDate today;

  set_today (&today);
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      AnvOrgnr orgnr;

      if (!anv_orgnr_parse (cases[i].input, &today, &orgnr, &error))
        g_error ("“%s” was refused: %s", cases[i].input, error->message);
      g_assert_cmpstr (orgnr.digits, ==, cases[i].digits);
      g_assert_cmpint (orgnr.sole_trader, ==, cases[i].sole_trader);
    }
}

static void
test_errors (void)
{
  static const struct
  {
    const char *input;
    int         code;
  } cases[] = {
    { "", ANV_ORGNR_ERROR_EMPTY },
    { "  ", ANV_ORGNR_ERROR_EMPTY },

    { "202100-211", ANV_ORGNR_ERROR_LENGTH },
    { "20210021145", ANV_ORGNR_ERROR_LENGTH },
    { "1620210021145", ANV_ORGNR_ERROR_LENGTH },
    { "2", ANV_ORGNR_ERROR_LENGTH },
    { "-", ANV_ORGNR_ERROR_LENGTH },

    { "2021OO-2114", ANV_ORGNR_ERROR_LETTERS },
    { "SE202100211401", ANV_ORGNR_ERROR_LETTERS },
    { "202100/2114", ANV_ORGNR_ERROR_LETTERS },
    { "850412-T386", ANV_ORGNR_ERROR_LETTERS },
    { "202100-2114\xff", ANV_ORGNR_ERROR_LETTERS },

    { "202100-2115", ANV_ORGNR_ERROR_CHECK_DIGIT },
    { "2021002110", ANV_ORGNR_ERROR_CHECK_DIGIT },
    { "16202100-5449", ANV_ORGNR_ERROR_CHECK_DIGIT },
    { "850412-2387", ANV_ORGNR_ERROR_CHECK_DIGIT },
    { "198504122380", ANV_ORGNR_ERROR_CHECK_DIGIT },

    /* A misplaced or wrong separator. */
    { "2021-002114", ANV_ORGNR_ERROR_INVALID },
    { "202100+2114", ANV_ORGNR_ERROR_INVALID },
    { "202100--2114", ANV_ORGNR_ERROR_INVALID },
    { "162021-002114", ANV_ORGNR_ERROR_INVALID },
    { "202100 2114", ANV_ORGNR_ERROR_INVALID },
    /* 16 before a number that is not a legal entity's. */
    { "168504122386", ANV_ORGNR_ERROR_INVALID },
    /* A legal entity's number with a century instead of 16. */
    { "192021002114", ANV_ORGNR_ERROR_INVALID },
    /* Sole traders whose personnummer is not valid. */
    { "851312-2386", ANV_ORGNR_ERROR_INVALID },
    { "208504122386", ANV_ORGNR_ERROR_INVALID },
    { "19850412+2386", ANV_ORGNR_ERROR_INVALID },
    { "000229+2399", ANV_ORGNR_ERROR_INVALID },
  };
  GDate today;

  set_today (&today);
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      AnvOrgnr orgnr;
      gboolean ok;

      ok = anv_orgnr_parse (cases[i].input, &today, &orgnr, &error);
      if (ok || !g_error_matches (error, ANV_ORGNR_ERROR, cases[i].code))
        g_error ("“%s”: expected error code %d, got %s", cases[i].input, cases[i].code,
                 ok ? "success" : error->message);

      g_assert_error (error, ANV_ORGNR_ERROR, cases[i].code);
      g_assert_cmpuint (strlen (error->message), >, 20);
    }
}

static void
test_validate_only (void)
{
  g_autoptr (GError) error = NULL;
  GDate today;

  set_today (&today);
  g_assert_true (anv_orgnr_parse ("202100-2114", &today, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (anv_orgnr_parse ("850412-2386", &today, NULL, NULL));
  g_assert_false (anv_orgnr_parse ("202100-2115", &today, NULL, NULL));
}

static void
test_format (void)
{
  static const struct
  {
    const char *digits;
    const char *formatted;
  } cases[] = {
    { "2021002114", "202100-2114" },
    { "2021005448", "202100-5448" },
    { "8504122386", "850412-2386" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *formatted = anv_orgnr_format (cases[i].digits);

      g_assert_cmpstr (formatted, ==, cases[i].formatted);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/orgnr/valid", test_valid);
  g_test_add_func ("/orgnr/errors", test_errors);
  g_test_add_func ("/orgnr/validate-only", test_validate_only);
  g_test_add_func ("/orgnr/format", test_format);

  return g_test_run ();
}
