/* anv-personnummer.c — Swedish personnummer and samordningsnummer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-personnummer"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "anv-personnummer.h"
#include "anv-text.h"

/* A samordningsnummer has the birth day plus 60 in the day position. */
#define SAMORDNING_DAY_OFFSET 60

/* From this age the 10-digit form has "+" instead of "-". */
#define PLUS_SEPARATOR_AGE 100

/* What the person typed, taken apart. */
typedef struct
{
  char  digits[13];     /* the first 12 digits, NUL-terminated */
  guint n_digits;       /* how many digits were typed */
  char  separator;      /* '\0', '-' or '+' */
  guint separator_pos;  /* how many digits come before the separator */
} ScannedNumber;

/* The birth date in the number, with the samordningsnummer offset removed. */
typedef struct
{
  int      year;
  int      month;       /* 0: unknown (samordningsnummer) */
  int      day;         /* 0: unknown (samordningsnummer day 60) */
  gboolean samordning;
} BirthParts;

G_DEFINE_QUARK (anv-personnummer-error-quark, anv_personnummer_error)

static gboolean
is_ascii_digits (const char *text,
                 gsize       len)
{
  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
    }

  return TRUE;
}

static gboolean
is_normalized (const char *digits12)
{
  return digits12 != NULL && strlen (digits12) == 12 && is_ascii_digits (digits12, 12);
}

static int
read_two_digits (const char *text)
{
  return (text[0] - '0') * 10 + (text[1] - '0');
}

/* Dates as YYYYMMDD integers, so that they compare with < and >. */
static int
get_date_key (const GDate *date)
{
  return g_date_get_year (date) * 10000 + g_date_get_month (date) * 100 + g_date_get_day (date);
}

/* An unknown month or day counts as the first possible one. */
static int
get_earliest_key (const BirthParts *parts)
{
  int month = parts->month == 0 ? 1 : parts->month;
  int day = (parts->month == 0 || parts->day == 0) ? 1 : parts->day;

  return parts->year * 10000 + month * 100 + day;
}

static char *
dup_stripped (const char *text)
{
  const char *start = text;
  const char *end = text + strlen (text);

  while (*start != '\0' && g_unichar_isspace (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);

  while (end > start)
    {
      const char *prev = g_utf8_prev_char (end);

      if (!g_unichar_isspace (g_utf8_get_char (prev)))
        break;
      end = prev;
    }

  return g_strndup (start, end - start);
}

gboolean
anv_luhn_is_valid (const char *digits,
                   gsize       len)
{
  guint sum = 0;

  g_return_val_if_fail (digits != NULL, FALSE);

  if (len == 0 || !is_ascii_digits (digits, len))
    return FALSE;

  for (gsize i = 0; i < len; i++)
    {
      guint digit = digits[len - 1 - i] - '0';

      if (i % 2 == 1)
        digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
      sum += digit;
    }

  return sum % 10 == 0;
}

char
anv_luhn_compute_check_digit (const char *digits,
                              gsize       len)
{
  guint sum = 0;

  g_return_val_if_fail (digits != NULL, '\0');

  if (!is_ascii_digits (digits, len))
    return '\0';

  for (gsize i = 0; i < len; i++)
    {
      guint digit = digits[len - 1 - i] - '0';

      if (i % 2 == 0)
        digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
      sum += digit;
    }

  return '0' + (10 - sum % 10) % 10;
}

/* YYMMDD or YYYYMMDD, maybe a separator, then four letters and digits of
 * which at least one is a letter: a regional reserve number. */
static gboolean
looks_like_t_number (const char *text)
{
  gsize len = strlen (text);
  gsize head_len;
  gboolean has_letter = FALSE;

  if (len < 10)
    return FALSE;

  for (gsize i = len - 4; i < len; i++)
    {
      if (!g_ascii_isalnum (text[i]))
        return FALSE;
      has_letter |= g_ascii_isalpha (text[i]);
    }

  head_len = len - 4;
  if (text[head_len - 1] == '-' || text[head_len - 1] == '+')
    head_len--;

  return has_letter && (head_len == 6 || head_len == 8) && is_ascii_digits (text, head_len);
}

static gboolean
check_characters (const char *text,
                  GError    **error)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      g_autofree char *character = NULL;
      g_autofree char *typed = NULL;

      if (g_unichar_isspace (c) || (c < 128 && (g_ascii_isdigit (c) || c == '-' || c == '+')))
        continue;

      if (looks_like_t_number (text))
        {
          g_set_error_literal (error, ANV_PERSONNUMMER_ERROR, ANV_PERSONNUMMER_ERROR_T_NUMBER,
                               /* Translators: reservnummer and T-nummer are temporary
                                  numbers from healthcare; keep the Swedish names. */
                               _("This looks like a reservnummer or T-nummer (a letter among the "
                                 "last four characters). These cannot be registered: ask for the "
                                 "person’s personnummer or samordningsnummer."));
          return FALSE;
        }

      typed = g_strndup (p, g_utf8_next_char (p) - p);
      character = anv_text_quote (typed);
      g_set_error (error, ANV_PERSONNUMMER_ERROR, ANV_PERSONNUMMER_ERROR_LETTERS,
                   /* Translators: %1$s is the character that is not allowed, e.g. “O”. */
                   _("“%1$s” is not a digit. Type only digits, with - or + before the last four."),
                   character);
      return FALSE;
    }

  return TRUE;
}

static gboolean
scan_number (const char    *text,
             ScannedNumber *scan,
             GError       **error)
{
  memset (scan, 0, sizeof (*scan));

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          g_set_error_literal (error, ANV_PERSONNUMMER_ERROR, ANV_PERSONNUMMER_ERROR_SEPARATOR,
                               _("Remove the spaces inside the number: type it as YYMMDD-NNNN "
                                 "or YYYYMMDD-NNNN."));
          return FALSE;
        }

      if (c == '-' || c == '+')
        {
          if (scan->separator != '\0')
            {
              g_set_error_literal (error, ANV_PERSONNUMMER_ERROR,
                                   ANV_PERSONNUMMER_ERROR_SEPARATOR,
                                   _("Type only one - or + in the number, before the last four "
                                     "digits."));
              return FALSE;
            }
          scan->separator = (char) c;
          scan->separator_pos = scan->n_digits;
          continue;
        }

      if (scan->n_digits < 12)
        scan->digits[scan->n_digits] = (char) c;
      scan->n_digits++;
    }

  return TRUE;
}

static gboolean
check_length (const ScannedNumber *scan,
              GError             **error)
{
  if (scan->n_digits == 10 || scan->n_digits == 12)
    return TRUE;

  g_set_error (error, ANV_PERSONNUMMER_ERROR, ANV_PERSONNUMMER_ERROR_LENGTH,
               g_dngettext (GETTEXT_PACKAGE,
                            /* Translators: YYMMDD-NNNN shows the form; in Swedish ÅÅMMDD-NNNN. */
                            "The number has %1$u digit. Type 10 or 12 digits: YYMMDD-NNNN or "
                            "YYYYMMDD-NNNN, with or without the -, and + instead of - for people "
                            "aged 100 or more.",
                            "The number has %1$u digits. Type 10 or 12 digits: YYMMDD-NNNN or "
                            "YYYYMMDD-NNNN, with or without the -, and + instead of - for people "
                            "aged 100 or more.",
                            scan->n_digits),
               scan->n_digits);
  return FALSE;
}

static gboolean
check_separator (const ScannedNumber *scan,
                 GError             **error)
{
  if (scan->separator == '\0')
    return TRUE;

  if (scan->separator == '+' && scan->n_digits == 12)
    {
      g_set_error_literal (error, ANV_PERSONNUMMER_ERROR, ANV_PERSONNUMMER_ERROR_SEPARATOR,
                           _("A + is only used in the 10-digit form (YYMMDD+NNNN) for people "
                             "aged 100 or more. With the full year, type YYYYMMDD-NNNN."));
      return FALSE;
    }

  if (scan->separator_pos != scan->n_digits - 4)
    {
      g_set_error (error, ANV_PERSONNUMMER_ERROR, ANV_PERSONNUMMER_ERROR_SEPARATOR,
                   /* Translators: %1$c is the separator that was typed, - or +. */
                   _("The %1$c is in the wrong place: put it before the last four digits, as in "
                     "YYMMDD-NNNN or YYYYMMDD-NNNN."),
                   scan->separator);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_not_organisationsnummer (const char *ten,
                               GError    **error)
{
  if (ten[2] < '2')
    return TRUE;

  g_set_error_literal (error, ANV_PERSONNUMMER_ERROR, ANV_PERSONNUMMER_ERROR_ORGANISATIONSNUMMER,
                       _("This looks like an organisationsnummer (the third digit is 2 or more), "
                         "not a personnummer. Type the person’s personnummer or "
                         "samordningsnummer."));
  return FALSE;
}

static gboolean
scan_and_check_text (const char    *text,
                     ScannedNumber *scan,
                     GError       **error)
{
  return check_characters (text, error)
         && scan_number (text, scan, error)
         && check_length (scan, error)
         && check_separator (scan, error)
         && check_not_organisationsnummer (scan->digits + scan->n_digits - 10, error);
}

/* The most recent century in which the person is old enough for the
 * separator: under 100 for "-" or none, 100 or more for "+". */
static void
resolve_century (BirthParts  *parts,
                 int          yy,
                 char         separator,
                 const GDate *today)
{
  int today_key = get_date_key (today);
  int min_age = separator == '+' ? PLUS_SEPARATOR_AGE : 0;

  for (int century = g_date_get_year (today) / 100; century >= 0; century--)
    {
      parts->year = century * 100 + yy;
      if (get_earliest_key (parts) + min_age * 10000 <= today_key)
        return;
    }
}

static void
read_birth_parts (const ScannedNumber *scan,
                  const GDate         *today,
                  BirthParts          *parts)
{
  const char *ten = scan->digits + scan->n_digits - 10;
  int day = read_two_digits (ten + 4);

  parts->month = read_two_digits (ten + 2);
  parts->samordning = day >= SAMORDNING_DAY_OFFSET;
  parts->day = parts->samordning ? day - SAMORDNING_DAY_OFFSET : day;

  if (scan->n_digits == 12)
    parts->year = read_two_digits (scan->digits) * 100 + read_two_digits (ten);
  else
    resolve_century (parts, read_two_digits (ten), scan->separator, today);
}

static gboolean
check_birth_year (const BirthParts *parts,
                  GError          **error)
{
  int century = parts->year / 100;

  if (century >= 18 && century <= 20)
    return TRUE;

  g_set_error (error, ANV_PERSONNUMMER_ERROR, ANV_PERSONNUMMER_ERROR_DATE,
               _("The year %1$d is not a possible birth year. A 12-digit number starts with 18, "
                 "19 or 20."),
               parts->year);
  return FALSE;
}

static gboolean
is_birth_date_possible (const BirthParts *parts)
{
  if (parts->month > 12 || parts->day > 31)
    return FALSE;

  /* Only a samordningsnummer may leave the month or the day unknown. */
  if (parts->month == 0 || parts->day == 0)
    return parts->samordning;

  /* Skatteverket has issued samordningsnummer whose day does not exist in
   * their month (31 April + 60, say): such a number is still the person's
   * identity, with an unknown birth date. A personnummer must be a date. */
  if (parts->samordning)
    return TRUE;

  return g_date_valid_dmy (parts->day, parts->month, parts->year);
}

static gboolean
check_birth_date (const BirthParts *parts,
                  GError          **error)
{
  g_autofree char *date = NULL;

  if (is_birth_date_possible (parts))
    return TRUE;

  date = g_strdup_printf ("%04d-%02d-%02d", parts->year, parts->month, parts->day);
  if (parts->samordning)
    g_set_error (error, ANV_PERSONNUMMER_ERROR, ANV_PERSONNUMMER_ERROR_DATE,
                 /* Translators: %1$s is a date as YYYY-MM-DD. */
                 _("There is no date %1$s (in a samordningsnummer the day is the birth day plus "
                   "60). Check the birth date at the start of the number."),
                 date);
  else
    g_set_error (error, ANV_PERSONNUMMER_ERROR, ANV_PERSONNUMMER_ERROR_DATE,
                 /* Translators: %1$s is a date as YYYY-MM-DD. */
                 _("There is no date %1$s. Check the birth date at the start of the number."),
                 date);
  return FALSE;
}

static gboolean
check_check_digit (const char *ten,
                   GError    **error)
{
  if (anv_luhn_is_valid (ten, 10))
    return TRUE;

  g_set_error (error, ANV_PERSONNUMMER_ERROR, ANV_PERSONNUMMER_ERROR_CHECK_DIGIT,
               _("The check digit (the last digit) does not match the others, so a digit is "
                 "probably mistyped. Compare the number with the person’s ID document."));
  return FALSE;
}

static char *
format_birth_parts (const BirthParts *parts)
{
  if (parts->month == 0)
    return g_strdup_printf ("%04d", parts->year);
  if (parts->day == 0)
    return g_strdup_printf ("%04d-%02d", parts->year, parts->month);

  return g_strdup_printf ("%04d-%02d-%02d", parts->year, parts->month, parts->day);
}

static gboolean
check_not_future (const BirthParts *parts,
                  const GDate      *today,
                  GError          **error)
{
  g_autofree char *date = NULL;

  if (get_earliest_key (parts) <= get_date_key (today))
    return TRUE;

  date = format_birth_parts (parts);
  g_set_error (error, ANV_PERSONNUMMER_ERROR, ANV_PERSONNUMMER_ERROR_FUTURE,
               /* Translators: %1$s is a date as YYYY-MM-DD, or only YYYY-MM or YYYY. */
               _("The birth date %1$s is in the future. Check the year at the start of the "
                 "number."),
               date);
  return FALSE;
}

static void
fill_result (const BirthParts *parts,
             const char       *ten,
             AnvPersonnummer  *out)
{
  memset (out, 0, sizeof (*out));
  /* By hand rather than with printf: an import parses a million of these. */
  out->digits[0] = (char) ('0' + parts->year / 1000);
  out->digits[1] = (char) ('0' + parts->year / 100 % 10);
  memcpy (out->digits + 2, ten, 10);
  out->digits[12] = '\0';
  out->kind = parts->samordning ? ANV_IDENTITY_SAMORDNINGSNUMMER : ANV_IDENTITY_PERSONNUMMER;
  out->gender = (ten[8] - '0') % 2 == 1 ? ANV_GENDER_MALE : ANV_GENDER_FEMALE;
  out->birth_date_known = parts->month != 0 && parts->day != 0
                          && g_date_valid_dmy (parts->day, parts->month, parts->year);

  g_date_clear (&out->birth_date, 1);
  if (out->birth_date_known)
    g_date_set_dmy (&out->birth_date, parts->day, parts->month, parts->year);
}

gboolean
anv_personnummer_parse (const char      *text,
                        const GDate     *today,
                        AnvPersonnummer *out,
                        GError         **error)
{
  g_autofree char *stripped = NULL;
  ScannedNumber scan;
  BirthParts parts;
  const char *ten;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, ANV_PERSONNUMMER_ERROR, ANV_PERSONNUMMER_ERROR_LETTERS,
                           _("The number contains characters that are not digits. Type only "
                             "digits, with - or + before the last four."));
      return FALSE;
    }

  stripped = dup_stripped (text);
  if (*stripped == '\0')
    {
      g_set_error_literal (error, ANV_PERSONNUMMER_ERROR, ANV_PERSONNUMMER_ERROR_EMPTY,
                           _("Type the personnummer or samordningsnummer, as YYMMDD-NNNN or "
                             "YYYYMMDD-NNNN."));
      return FALSE;
    }

  if (!scan_and_check_text (stripped, &scan, error))
    return FALSE;

  ten = scan.digits + scan.n_digits - 10;
  read_birth_parts (&scan, today, &parts);

  if (!check_birth_year (&parts, error)
      || !check_birth_date (&parts, error)
      || !check_check_digit (ten, error)
      || !check_not_future (&parts, today, error))
    return FALSE;

  if (out != NULL)
    fill_result (&parts, ten, out);

  return TRUE;
}

char *
anv_personnummer_format (const char *digits12)
{
  g_return_val_if_fail (is_normalized (digits12), NULL);

  return g_strdup_printf ("%.8s-%s", digits12, digits12 + 8);
}

char *
anv_personnummer_format_masked (const char *digits12)
{
  g_return_val_if_fail (is_normalized (digits12), NULL);

  return g_strdup_printf ("%.8s-****", digits12);
}
