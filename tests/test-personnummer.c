/* test-personnummer.c — tests for personnummer and samordningsnummer parsing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every number here is one of Skatteverket's published test numbers
 * (data/skatteverket_test*.json), or such a number with a digit, the century
 * or the separator changed to make it wrong.
 */
#define G_LOG_DOMAIN "anvisa-test-personnummer"

#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "anv-personnummer.h"

#define TODAY "2026-11-22"

/* Short names for the tables. */
#define PN     ANV_IDENTITY_PERSONNUMMER
#define SN     ANV_IDENTITY_SAMORDNINGSNUMMER
#define FEMALE ANV_GENDER_FEMALE
#define MALE   ANV_GENDER_MALE

typedef struct
{
  const char      *input;
  const char      *today;
  const char      *digits;
  AnvIdentityKind  kind;
  AnvGender        gender;
  const char      *birth_date;  /* NULL: unknown */
} ValidCase;

typedef struct
{
  const char *input;
  const char *today;
  int         code;
} ErrorCase;

static void
set_date (GDate      *date,
          const char *iso)
{
  guint year, month, day;

  g_assert_cmpint (sscanf (iso, "%u-%u-%u", &year, &month, &day), ==, 3);
  g_date_clear (date, 1);
  g_date_set_dmy (date, day, month, year);
  g_assert_true (g_date_valid (date));
}

static char *
format_date (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

static char *
describe (const char      *digits,
          AnvIdentityKind  kind,
          AnvGender        gender,
          const char      *birth_date)
{
  return g_strdup_printf ("%s %s %s %s", digits,
                          kind == ANV_IDENTITY_PERSONNUMMER ? "personnummer" : "samordningsnummer",
                          gender == ANV_GENDER_MALE ? "male" : "female",
                          birth_date != NULL ? birth_date : "unknown");
}

static char *
describe_result (const AnvPersonnummer *pn)
{
  g_autofree char *birth_date = NULL;

  if (pn->birth_date_known)
    birth_date = format_date (&pn->birth_date);
  else
    g_assert_false (g_date_valid (&pn->birth_date));

  return describe (pn->digits, pn->kind, pn->gender, birth_date);
}

static void
assert_valid_case (const ValidCase *test)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *actual = NULL;
  AnvPersonnummer pn;
  GDate today;

  set_date (&today, test->today);
  if (!anv_personnummer_parse (test->input, &today, &pn, &error))
    g_error ("“%s” (today %s) was refused: %s", test->input, test->today, error->message);

  expected = describe (test->digits, test->kind, test->gender, test->birth_date);
  actual = describe_result (&pn);
  g_assert_cmpstr (actual, ==, expected);
}

static void
assert_error_case (const ErrorCase *test)
{
  g_autoptr (GError) error = NULL;
  AnvPersonnummer pn;
  GDate today;
  gboolean ok;

  set_date (&today, test->today);
  memset (&pn, 0x5a, sizeof (pn));

  ok = anv_personnummer_parse (test->input, &today, &pn, &error);
  if (ok || !g_error_matches (error, ANV_PERSONNUMMER_ERROR, test->code))
    g_error ("“%s” (today %s): expected error code %d, got %s", test->input, test->today,
             test->code, ok ? "success" : error->message);

  g_assert_error (error, ANV_PERSONNUMMER_ERROR, test->code);
  g_assert_cmpuint (strlen (error->message), >, 20);
  /* On failure the result is left alone. */
  g_assert_cmpint (pn.digits[0], ==, 0x5a);
}

static void
test_forms (void)
{
  static const ValidCase cases[] = {
    { "850412-2386", TODAY, "198504122386", PN, FEMALE, "1985-04-12" },
    { "8504122386", TODAY, "198504122386", PN, FEMALE, "1985-04-12" },
    { "198504122386", TODAY, "198504122386", PN, FEMALE, "1985-04-12" },
    { "19850412-2386", TODAY, "198504122386", PN, FEMALE, "1985-04-12" },
    { "  850412-2386  ", TODAY, "198504122386", PN, FEMALE, "1985-04-12" },
    { "\t19850412-2386\n", TODAY, "198504122386", PN, FEMALE, "1985-04-12" },
    { "\xc2\xa0" "8504122386 ", TODAY, "198504122386", PN, FEMALE, "1985-04-12" },
    { "850412-2394", TODAY, "198504122394", PN, MALE, "1985-04-12" },
    { "19850412-9886", TODAY, "198504129886", PN, FEMALE, "1985-04-12" },
    { "900101+9802", TODAY, "189001019802", PN, FEMALE, "1890-01-01" },
    { "189001029819", TODAY, "189001029819", PN, MALE, "1890-01-02" },
    { "18900102-9819", TODAY, "189001029819", PN, MALE, "1890-01-02" },
    { "231231-2388", TODAY, "202312312388", PN, FEMALE, "2023-12-31" },
    { "20231231-2388", TODAY, "202312312388", PN, FEMALE, "2023-12-31" },
    { "190002289825", TODAY, "190002289825", PN, FEMALE, "1900-02-28" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_valid_case (&cases[i]);
}

static void
test_leap_years (void)
{
  static const ValidCase valid[] = {
    { "200002292399", TODAY, "200002292399", PN, MALE, "2000-02-29" },
    { "000229-2399", TODAY, "200002292399", PN, MALE, "2000-02-29" },
    { "20200229-2387", TODAY, "202002292387", PN, FEMALE, "2020-02-29" },
    { "160229-2383", TODAY, "201602292383", PN, FEMALE, "2016-02-29" },
    { "960229+9803", TODAY, "189602299803", PN, FEMALE, "1896-02-29" },
    /* Born on 29 February 2000, 100 years old on 1 March 2100. */
    { "000229+2399", "2100-03-01", "200002292399", PN, MALE, "2000-02-29" },
  };
  static const ErrorCase invalid[] = {
    /* 1900 was not a leap year. */
    { "190002292399", TODAY, ANV_PERSONNUMMER_ERROR_DATE },
    { "19000229-2399", TODAY, ANV_PERSONNUMMER_ERROR_DATE },
    { "000229+2399", TODAY, ANV_PERSONNUMMER_ERROR_DATE },
    { "000229+2399", "2100-02-28", ANV_PERSONNUMMER_ERROR_DATE },
    { "202302292387", TODAY, ANV_PERSONNUMMER_ERROR_DATE },
    { "230229-2387", TODAY, ANV_PERSONNUMMER_ERROR_DATE },
    { "189702299803", TODAY, ANV_PERSONNUMMER_ERROR_DATE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (valid); i++)
    assert_valid_case (&valid[i]);
  for (gsize i = 0; i < G_N_ELEMENTS (invalid); i++)
    assert_error_case (&invalid[i]);
}

static void
test_century (void)
{
  static const struct
  {
    const char *input;
    const char *today;
    const char *digits;
  } cases[] = {
    { "850412-2386", TODAY, "198504122386" },
    { "8504122386", TODAY, "198504122386" },
    { "850412+2386", TODAY, "188504122386" },
    { "231231-2388", TODAY, "202312312388" },
    { "2312312388", TODAY, "202312312388" },
    { "231231+2388", TODAY, "192312312388" },
    /* 1 December 2026 is after today, so the person was born in 1926 … */
    { "261204-9029", TODAY, "192612049029" },
    { "2612049029", TODAY, "192612049029" },
    /* … and is not yet 100, so with + they were born in 1826. */
    { "261204+9029", TODAY, "182612049029" },
    /* 9 November is before today: born this year, or 100 this month. */
    { "261109-9199", TODAY, "202611099199" },
    { "261109+9199", TODAY, "192611099199" },
    { "900101+9802", TODAY, "189001019802" },
    { "900101-9802", TODAY, "199001019802" },
    { "000229-2399", TODAY, "200002292399" },
    /* 100 years old on the day itself. */
    { "240228+9223", "2024-02-28", "192402289223" },
    { "240228-9223", "2024-02-28", "202402289223" },
    { "240322-9269", "2024-02-28", "192403229269" },
    { "240322+9269", "2024-02-28", "182403229269" },
    { "240322+9269", "2024-03-22", "192403229269" },
    /* Samordningsnummer: an unknown month or day counts as the first. */
    { "310060-2394", TODAY, "193100602394" },
    { "310060+2394", TODAY, "183100602394" },
    { "150072+2390", TODAY, "191500722390" },
    { "150072-2390", TODAY, "201500722390" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      AnvPersonnummer pn;
      GDate today;

      set_date (&today, cases[i].today);
      if (!anv_personnummer_parse (cases[i].input, &today, &pn, &error))
        g_error ("“%s” (today %s) was refused: %s", cases[i].input, cases[i].today,
                 error->message);
      g_assert_cmpstr (pn.digits, ==, cases[i].digits);
    }
}

static void
test_samordningsnummer (void)
{
  static const ValidCase cases[] = {
    { "191401682396", TODAY, "191401682396", SN, MALE, "1914-01-08" },
    { "140168+2396", TODAY, "191401682396", SN, MALE, "1914-01-08" },
    { "19140370-2390", TODAY, "191403702390", SN, MALE, "1914-03-10" },
    { "191406652386", TODAY, "191406652386", SN, FEMALE, "1914-06-05" },
    { "191412852384", TODAY, "191412852384", SN, FEMALE, "1914-12-25" },
    { "202312912393", TODAY, "202312912393", SN, MALE, "2023-12-31" },
    { "231291-2393", TODAY, "202312912393", SN, MALE, "2023-12-31" },
    /* Unknown month. */
    { "191500722390", TODAY, "191500722390", SN, MALE, NULL },
    { "150072+2390", TODAY, "191500722390", SN, MALE, NULL },
    /* Unknown day. */
    { "191711602399", TODAY, "191711602399", SN, MALE, NULL },
    { "171160+2399", TODAY, "191711602399", SN, MALE, NULL },
    /* Unknown month and day. */
    { "193100602394", TODAY, "193100602394", SN, MALE, NULL },
    { "19800060-2394", TODAY, "198000602394", SN, MALE, NULL },
    { "610060-2397", TODAY, "196100602397", SN, MALE, NULL },
    /* 31 February plus 60: issued all the same, the birth date unknown. */
    { "191402912396", TODAY, "191402912396", SN, MALE, NULL },
  };
  static const ErrorCase invalid[] = {
    /* Day 32 plus 60. */
    { "191401922396", TODAY, ANV_PERSONNUMMER_ERROR_DATE },
    /* Month 13 with an unknown day. */
    { "191713602399", TODAY, ANV_PERSONNUMMER_ERROR_DATE },
    /* Days 32–59 are neither a birth day nor a birth day plus 60. */
    { "191401452396", TODAY, ANV_PERSONNUMMER_ERROR_DATE },
    { "140168+2397", TODAY, ANV_PERSONNUMMER_ERROR_CHECK_DIGIT },
    { "203100602394", TODAY, ANV_PERSONNUMMER_ERROR_FUTURE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_valid_case (&cases[i]);
  for (gsize i = 0; i < G_N_ELEMENTS (invalid); i++)
    assert_error_case (&invalid[i]);
}

static void
test_errors (void)
{
  static const ErrorCase cases[] = {
    { "", TODAY, ANV_PERSONNUMMER_ERROR_EMPTY },
    { "   ", TODAY, ANV_PERSONNUMMER_ERROR_EMPTY },
    { "\t\n", TODAY, ANV_PERSONNUMMER_ERROR_EMPTY },

    { "8", TODAY, ANV_PERSONNUMMER_ERROR_LENGTH },
    { "850412-238", TODAY, ANV_PERSONNUMMER_ERROR_LENGTH },
    { "850412238", TODAY, ANV_PERSONNUMMER_ERROR_LENGTH },
    { "85041223866", TODAY, ANV_PERSONNUMMER_ERROR_LENGTH },
    { "1985041223861", TODAY, ANV_PERSONNUMMER_ERROR_LENGTH },
    { "19850412-23861", TODAY, ANV_PERSONNUMMER_ERROR_LENGTH },
    { "850412-", TODAY, ANV_PERSONNUMMER_ERROR_LENGTH },
    { "-", TODAY, ANV_PERSONNUMMER_ERROR_LENGTH },

    { "85O412-2386", TODAY, ANV_PERSONNUMMER_ERROR_LETTERS },
    { "850412/2386", TODAY, ANV_PERSONNUMMER_ERROR_LETTERS },
    { "850412.2386", TODAY, ANV_PERSONNUMMER_ERROR_LETTERS },
    { "19850412\xe2\x80\x93" "2386", TODAY, ANV_PERSONNUMMER_ERROR_LETTERS },
    { "19850412-2386\xff", TODAY, ANV_PERSONNUMMER_ERROR_LETTERS },
    { "abc", TODAY, ANV_PERSONNUMMER_ERROR_LETTERS },
    { "850412-238T", TODAY, ANV_PERSONNUMMER_ERROR_T_NUMBER },

    { "850412-T386", TODAY, ANV_PERSONNUMMER_ERROR_T_NUMBER },
    { "850412-t386", TODAY, ANV_PERSONNUMMER_ERROR_T_NUMBER },
    { "850412T386", TODAY, ANV_PERSONNUMMER_ERROR_T_NUMBER },
    { "19850412-T386", TODAY, ANV_PERSONNUMMER_ERROR_T_NUMBER },
    { "19850412-2R86", TODAY, ANV_PERSONNUMMER_ERROR_T_NUMBER },
    { " 850412+T386 ", TODAY, ANV_PERSONNUMMER_ERROR_T_NUMBER },

    { "8504-122386", TODAY, ANV_PERSONNUMMER_ERROR_SEPARATOR },
    { "850412--2386", TODAY, ANV_PERSONNUMMER_ERROR_SEPARATOR },
    { "850412-+2386", TODAY, ANV_PERSONNUMMER_ERROR_SEPARATOR },
    { "-8504122386", TODAY, ANV_PERSONNUMMER_ERROR_SEPARATOR },
    { "8504122386-", TODAY, ANV_PERSONNUMMER_ERROR_SEPARATOR },
    { "198504-122386", TODAY, ANV_PERSONNUMMER_ERROR_SEPARATOR },
    { "19850412+2386", TODAY, ANV_PERSONNUMMER_ERROR_SEPARATOR },
    { "18900101+9802", TODAY, ANV_PERSONNUMMER_ERROR_SEPARATOR },
    { "850412 2386", TODAY, ANV_PERSONNUMMER_ERROR_SEPARATOR },
    { "85 04 12-2386", TODAY, ANV_PERSONNUMMER_ERROR_SEPARATOR },

    { "850412-2387", TODAY, ANV_PERSONNUMMER_ERROR_CHECK_DIGIT },
    { "8504122380", TODAY, ANV_PERSONNUMMER_ERROR_CHECK_DIGIT },
    { "198504122385", TODAY, ANV_PERSONNUMMER_ERROR_CHECK_DIGIT },
    { "19850412-2336", TODAY, ANV_PERSONNUMMER_ERROR_CHECK_DIGIT },
    { "900101+9803", TODAY, ANV_PERSONNUMMER_ERROR_CHECK_DIGIT },
    { "202312312389", TODAY, ANV_PERSONNUMMER_ERROR_CHECK_DIGIT },

    { "851312-2386", TODAY, ANV_PERSONNUMMER_ERROR_DATE },
    { "19850432-2386", TODAY, ANV_PERSONNUMMER_ERROR_DATE },
    { "850400-2386", TODAY, ANV_PERSONNUMMER_ERROR_DATE },
    { "850012-2386", TODAY, ANV_PERSONNUMMER_ERROR_DATE },
    { "198504312386", TODAY, ANV_PERSONNUMMER_ERROR_DATE },
    { "178504122386", TODAY, ANV_PERSONNUMMER_ERROR_DATE },
    { "218504122386", TODAY, ANV_PERSONNUMMER_ERROR_DATE },
    { "168504122386", TODAY, ANV_PERSONNUMMER_ERROR_DATE },

    { "208504122386", TODAY, ANV_PERSONNUMMER_ERROR_FUTURE },
    { "20850412-2386", TODAY, ANV_PERSONNUMMER_ERROR_FUTURE },
    { "202312312388", "2023-12-30", ANV_PERSONNUMMER_ERROR_FUTURE },
    { "202612049029", TODAY, ANV_PERSONNUMMER_ERROR_FUTURE },

    { "202100-2114", TODAY, ANV_PERSONNUMMER_ERROR_ORGANISATIONSNUMMER },
    { "2021002114", TODAY, ANV_PERSONNUMMER_ERROR_ORGANISATIONSNUMMER },
    { "16202100-2114", TODAY, ANV_PERSONNUMMER_ERROR_ORGANISATIONSNUMMER },
    { "162021002114", TODAY, ANV_PERSONNUMMER_ERROR_ORGANISATIONSNUMMER },
    { "202100-5448", TODAY, ANV_PERSONNUMMER_ERROR_ORGANISATIONSNUMMER },
    { "202100-5449", TODAY, ANV_PERSONNUMMER_ERROR_ORGANISATIONSNUMMER },
    { "198520122386", TODAY, ANV_PERSONNUMMER_ERROR_ORGANISATIONSNUMMER },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_error_case (&cases[i]);
}

static void
test_validate_only (void)
{
  g_autoptr (GError) error = NULL;
  GDate today;

  set_date (&today, TODAY);
  g_assert_true (anv_personnummer_parse ("850412-2386", &today, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (anv_personnummer_parse ("850412-2387", &today, NULL, NULL));
  g_assert_false (anv_personnummer_parse ("850412-2387", &today, NULL, &error));
  g_assert_error (error, ANV_PERSONNUMMER_ERROR, ANV_PERSONNUMMER_ERROR_CHECK_DIGIT);
}

static void
test_check_digit_message (void)
{
  g_autoptr (GError) error = NULL;
  GDate today;

  set_date (&today, TODAY);
  g_assert_false (anv_personnummer_parse ("850412-2387", &today, NULL, &error));
  g_assert_error (error, ANV_PERSONNUMMER_ERROR, ANV_PERSONNUMMER_ERROR_CHECK_DIGIT);
  /* It says what is wrong without handing out the digit that would make a
   * mistyped number pass. */
  g_assert_nonnull (strstr (error->message, "check digit"));
  g_assert_null (strchr (error->message, '6'));
}

static void
test_format (void)
{
  static const struct
  {
    const char *digits;
    const char *full;
    const char *masked;
  } cases[] = {
    { "198504122386", "19850412-2386", "19850412-****" },
    { "189001019802", "18900101-9802", "18900101-****" },
    { "202312312388", "20231231-2388", "20231231-****" },
    { "191500722390", "19150072-2390", "19150072-****" },
    { "193100602394", "19310060-2394", "19310060-****" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *full = anv_personnummer_format (cases[i].digits);
      g_autofree char *masked = anv_personnummer_format_masked (cases[i].digits);

      g_assert_cmpstr (full, ==, cases[i].full);
      g_assert_cmpstr (masked, ==, cases[i].masked);
    }
}

static void
test_format_round_trip (void)
{
  static const char *numbers[] = {
    "198504122386", "189001019802", "191401682396", "191500722390", "200002292399",
  };
  GDate today;

  set_date (&today, TODAY);
  for (gsize i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *full = anv_personnummer_format (numbers[i]);
      AnvPersonnummer pn;

      g_assert_true (anv_personnummer_parse (full, &today, &pn, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (pn.digits, ==, numbers[i]);
    }
}

static void
test_luhn (void)
{
  static const struct
  {
    const char *digits;
    gboolean    valid;
  } cases[] = {
    { "8504122386", TRUE },
    { "8504122387", FALSE },
    { "2021002114", TRUE },
    { "2021005448", TRUE },
    { "2021005449", FALSE },
    { "79927398713", TRUE },
    { "79927398710", FALSE },
    { "0", TRUE },
    { "18", TRUE },
    { "81", FALSE },
    { "", FALSE },
    { "85041x2386", FALSE },
  };
  static const struct
  {
    const char *payload;
    char        check_digit;
  } check_digits[] = {
    { "850412238", '6' },
    { "202100211", '4' },
    { "202100544", '8' },
    { "7992739871", '3' },
    { "900101980", '2' },
    { "", '0' },
    { "85041x238", '\0' },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *digits = cases[i].digits;

      if (anv_luhn_is_valid (digits, strlen (digits)) != cases[i].valid)
        g_error ("Luhn over “%s” should be %s", digits, cases[i].valid ? "valid" : "invalid");
    }

  /* Only the first `len` digits count. */
  g_assert_true (anv_luhn_is_valid ("8504122386xyz", 10));

  for (gsize i = 0; i < G_N_ELEMENTS (check_digits); i++)
    {
      const char *payload = check_digits[i].payload;

      g_assert_cmpint (anv_luhn_compute_check_digit (payload, strlen (payload)), ==,
                       check_digits[i].check_digit);
    }
}

/* 100 or older at @today, counting an unknown month or day as the first. */
static gboolean
is_centenarian (const char  *digits12,
                const GDate *today)
{
  int year = g_ascii_digit_value (digits12[0]) * 1000 + g_ascii_digit_value (digits12[1]) * 100
             + g_ascii_digit_value (digits12[2]) * 10 + g_ascii_digit_value (digits12[3]);
  int month = g_ascii_digit_value (digits12[4]) * 10 + g_ascii_digit_value (digits12[5]);
  int day = (g_ascii_digit_value (digits12[6]) * 10 + g_ascii_digit_value (digits12[7])) % 60;
  int age;

  if (month == 0)
    month = day = 1;
  if (day == 0)
    day = 1;

  age = (int) g_date_get_year (today) - year;
  if ((int) g_date_get_month (today) < month
      || ((int) g_date_get_month (today) == month && (int) g_date_get_day (today) < day))
    age--;

  return age >= 100;
}

static void
assert_parses_to (const char  *input,
                  const GDate *today,
                  const char  *digits12)
{
  g_autoptr (GError) error = NULL;
  AnvPersonnummer pn;

  if (!anv_personnummer_parse (input, today, &pn, &error))
    g_error ("“%s” (%s) was refused: %s", input, digits12, error->message);
  if (strcmp (pn.digits, digits12) != 0)
    g_error ("“%s” became %s, expected %s", input, pn.digits, digits12);
}

/* Samordningsnummer in Skatteverket's test data whose day does not exist in
 * its month (30 February, 31 April, …). They are issued numbers all the
 * same: accepted, with the birth date unknown. */
static const char *impossible_samordningsnummer[] = {
  "192004912388", "193002902397", "193302912385", "193309912388", "194209912387",
  "194804912386", "195102892386", "195109912385", "195202912381", "196602902394",
  "197404912383", "197902902399", "198106912382", "198502902391", "199611912388",
  "200111912382", "200302912381", "200902912385", "201109912384", "201302892383",
  "201402902397", "201402912388", "201604912384", "201902892387",
};

static gboolean
is_impossible_samordningsnummer (const char *digits)
{
  for (gsize i = 0; i < G_N_ELEMENTS (impossible_samordningsnummer); i++)
    {
      if (strcmp (digits, impossible_samordningsnummer[i]) == 0)
        return TRUE;
    }

  return FALSE;
}

static guint
assert_all_accepted (const char      *file_name,
                     AnvIdentityKind  kind)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", file_name, NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonArray *numbers;
  guint n_impossible = 0;
  GDate today;
  guint n;

  set_date (&today, TODAY);
  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  numbers = json_node_get_array (json_parser_get_root (parser));
  n = json_array_get_length (numbers);
  g_assert_cmpuint (n, >, 1000);

  for (guint i = 0; i < n; i++)
    {
      const char *digits = json_array_get_string_element (numbers, i);
      char separator = is_centenarian (digits, &today) ? '+' : '-';
      g_autofree char *ten = g_strdup_printf ("%.6s%c%s", digits + 2, separator, digits + 8);
      AnvPersonnummer pn;

      assert_parses_to (digits, &today, digits);
      assert_parses_to (ten, &today, digits);
      g_assert_true (anv_personnummer_parse (ten, &today, &pn, NULL));
      g_assert_cmpint (pn.kind, ==, kind);
      if (is_impossible_samordningsnummer (digits))
        {
          g_assert_false (pn.birth_date_known);
          n_impossible++;
        }
      if (separator == '-')
        assert_parses_to (digits + 2, &today, digits);
    }

  return n_impossible;
}

static void
test_skatteverket_personnummer (void)
{
  g_assert_cmpuint (assert_all_accepted ("skatteverket_testpersonnummer.json",
                                         ANV_IDENTITY_PERSONNUMMER), ==, 0);
}

static void
test_skatteverket_samordningsnummer (void)
{
  g_assert_cmpuint (assert_all_accepted ("skatteverket_testsamordningsnummer.json",
                                         ANV_IDENTITY_SAMORDNINGSNUMMER),
                    ==, G_N_ELEMENTS (impossible_samordningsnummer));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/personnummer/forms", test_forms);
  g_test_add_func ("/personnummer/leap-years", test_leap_years);
  g_test_add_func ("/personnummer/century", test_century);
  g_test_add_func ("/personnummer/samordningsnummer", test_samordningsnummer);
  g_test_add_func ("/personnummer/errors", test_errors);
  g_test_add_func ("/personnummer/validate-only", test_validate_only);
  g_test_add_func ("/personnummer/check-digit-message", test_check_digit_message);
  g_test_add_func ("/personnummer/format", test_format);
  g_test_add_func ("/personnummer/format-round-trip", test_format_round_trip);
  g_test_add_func ("/personnummer/luhn", test_luhn);
  g_test_add_func ("/personnummer/skatteverket-personnummer", test_skatteverket_personnummer);
  g_test_add_func ("/personnummer/skatteverket-samordningsnummer",
                   test_skatteverket_samordningsnummer);

  return g_test_run ();
}
