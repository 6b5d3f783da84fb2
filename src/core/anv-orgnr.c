/* anv-orgnr.c — Swedish organisationsnummer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-orgnr"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "anv-orgnr.h"
#include "anv-personnummer.h"
#include "anv-text.h"

/* The prefix of the 12-digit form of a legal entity's number. */
#define LEGAL_ENTITY_PREFIX "16"

typedef struct
{
  char  digits[13];     /* the first 12 digits, NUL-terminated */
  guint n_digits;
  guint n_separators;
  char  separator;      /* the last separator typed: '\0', '-' or '+' */
  guint separator_pos;  /* how many digits come before it */
} ScannedOrgnr;

G_DEFINE_QUARK (anv-orgnr-error-quark, anv_orgnr_error)

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
scan_orgnr (const char   *text,
            ScannedOrgnr *scan,
            GError      **error)
{
  memset (scan, 0, sizeof (*scan));

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      g_autofree char *character = NULL;
      g_autofree char *typed = NULL;

      if (c < 128 && g_ascii_isdigit (c))
        {
          if (scan->n_digits < 12)
            scan->digits[scan->n_digits] = (char) c;
          scan->n_digits++;
          continue;
        }

      if (c == '-' || c == '+')
        {
          scan->n_separators++;
          scan->separator = (char) c;
          scan->separator_pos = scan->n_digits;
          continue;
        }

      if (g_unichar_isspace (c))
        {
          g_set_error_literal (error, ANV_ORGNR_ERROR, ANV_ORGNR_ERROR_INVALID,
                               _("Remove the spaces inside the number: type it as NNNNNN-NNNN."));
          return FALSE;
        }

      typed = g_strndup (p, g_utf8_next_char (p) - p);
      character = anv_text_quote (typed);
      g_set_error (error, ANV_ORGNR_ERROR, ANV_ORGNR_ERROR_LETTERS,
                   /* Translators: %1$s is the character that is not allowed, e.g. “O”. */
                   _("“%1$s” is not a digit. An organisationsnummer has only digits, with a - "
                     "before the last four."),
                   character);
      return FALSE;
    }

  return TRUE;
}

static gboolean
is_legal_entity_12 (const ScannedOrgnr *scan)
{
  return scan->n_digits == 12 && g_str_has_prefix (scan->digits, LEGAL_ENTITY_PREFIX);
}

static gboolean
check_legal_entity_separator (const ScannedOrgnr *scan,
                              GError            **error)
{
  if (scan->n_separators == 0)
    return TRUE;

  if (scan->n_separators == 1 && scan->separator == '-'
      && scan->separator_pos == scan->n_digits - 4)
    return TRUE;

  g_set_error_literal (error, ANV_ORGNR_ERROR, ANV_ORGNR_ERROR_INVALID,
                       _("Put a single - before the last four digits, as in NNNNNN-NNNN, or "
                         "leave it out."));
  return FALSE;
}

static gboolean
check_legal_entity_prefix (const ScannedOrgnr *scan,
                           GError            **error)
{
  if (scan->digits[4] >= '2')
    return TRUE;

  g_set_error_literal (error, ANV_ORGNR_ERROR, ANV_ORGNR_ERROR_INVALID,
                       _("The prefix 16 is only used before a legal entity’s number, whose third "
                         "digit is 2 or more. For a sole trader, type the personnummer."));
  return FALSE;
}

static gboolean
check_orgnr_check_digit (const char *ten,
                         GError    **error)
{
  if (anv_luhn_is_valid (ten, 10))
    return TRUE;

  g_set_error (error, ANV_ORGNR_ERROR, ANV_ORGNR_ERROR_CHECK_DIGIT,
               _("The check digit (the last digit) of the organisationsnummer does not match "
                 "the others, so a digit is probably mistyped. Compare it with the provider’s "
                 "registration."));
  return FALSE;
}

static gboolean
parse_legal_entity (const ScannedOrgnr *scan,
                    AnvOrgnr           *out,
                    GError            **error)
{
  const char *ten = scan->digits + scan->n_digits - 10;

  if (!check_legal_entity_separator (scan, error)
      || (scan->n_digits == 12 && !check_legal_entity_prefix (scan, error))
      || !check_orgnr_check_digit (ten, error))
    return FALSE;

  if (out != NULL)
    {
      memcpy (out->digits, ten, 10);
      out->digits[10] = '\0';
      out->sole_trader = FALSE;
    }

  return TRUE;
}

static void
propagate_sole_trader_error (GError  *pn_error,
                             GError **error)
{
  if (pn_error->code == ANV_PERSONNUMMER_ERROR_CHECK_DIGIT)
    {
      g_set_error_literal (error, ANV_ORGNR_ERROR, ANV_ORGNR_ERROR_CHECK_DIGIT,
                           pn_error->message);
      return;
    }

  g_set_error (error, ANV_ORGNR_ERROR, ANV_ORGNR_ERROR_INVALID,
               /* Translators: %1$s says why the personnummer is not valid, in full sentences. */
               _("This is not a legal entity’s organisationsnummer, so it was read as a sole "
                 "trader’s personnummer. %1$s"),
               pn_error->message);
}

static gboolean
parse_sole_trader (const char  *text,
                   const GDate *today,
                   AnvOrgnr    *out,
                   GError     **error)
{
  g_autoptr (GError) pn_error = NULL;
  AnvPersonnummer pn;

  if (!anv_personnummer_parse (text, today, &pn, &pn_error))
    {
      propagate_sole_trader_error (pn_error, error);
      return FALSE;
    }

  if (out != NULL)
    {
      memcpy (out->digits, pn.digits + 2, 10);
      out->digits[10] = '\0';
      out->sole_trader = TRUE;
    }

  return TRUE;
}

static gboolean
set_length_error (const ScannedOrgnr *scan,
                  GError            **error)
{
  g_set_error (error, ANV_ORGNR_ERROR, ANV_ORGNR_ERROR_LENGTH,
               g_dngettext (GETTEXT_PACKAGE,
                            "The number has %1$u digit. An organisationsnummer has 10 digits "
                            "(NNNNNN-NNNN), or 12 with the prefix 16. For a sole trader it is "
                            "the personnummer.",
                            "The number has %1$u digits. An organisationsnummer has 10 digits "
                            "(NNNNNN-NNNN), or 12 with the prefix 16. For a sole trader it is "
                            "the personnummer.",
                            scan->n_digits),
               scan->n_digits);
  return FALSE;
}

gboolean
anv_orgnr_parse (const char  *text,
                 const GDate *today,
                 AnvOrgnr    *out,
                 GError     **error)
{
  g_autofree char *stripped = NULL;
  ScannedOrgnr scan;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, ANV_ORGNR_ERROR, ANV_ORGNR_ERROR_LETTERS,
                           _("The number contains characters that are not digits. Type it as "
                             "NNNNNN-NNNN."));
      return FALSE;
    }

  stripped = g_strstrip (g_strdup (text));
  if (*stripped == '\0')
    {
      g_set_error_literal (error, ANV_ORGNR_ERROR, ANV_ORGNR_ERROR_EMPTY,
                           _("Type the organisationsnummer, as NNNNNN-NNNN."));
      return FALSE;
    }

  if (!scan_orgnr (stripped, &scan, error))
    return FALSE;

  if (is_legal_entity_12 (&scan) || (scan.n_digits == 10 && scan.digits[2] >= '2'))
    return parse_legal_entity (&scan, out, error);

  if (scan.n_digits == 12 && scan.digits[4] >= '2')
    {
      g_set_error_literal (error, ANV_ORGNR_ERROR, ANV_ORGNR_ERROR_INVALID,
                           _("A 12-digit organisationsnummer starts with 16, as in "
                             "16NNNNNN-NNNN. Check the first two digits."));
      return FALSE;
    }

  if (scan.n_digits == 10 || scan.n_digits == 12)
    return parse_sole_trader (stripped, today, out, error);

  return set_length_error (&scan, error);
}

char *
anv_orgnr_format (const char *digits10)
{
  g_return_val_if_fail (digits10 != NULL && strlen (digits10) == 10
                        && is_ascii_digits (digits10, 10), NULL);

  return g_strdup_printf ("%.6s-%s", digits10, digits10 + 6);
}
