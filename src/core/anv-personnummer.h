/* anv-personnummer.h — Swedish personnummer and samordningsnummer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ANV_PERSONNUMMER_ERROR (anv_personnummer_error_quark ())

typedef enum
{
  ANV_PERSONNUMMER_ERROR_EMPTY,
  ANV_PERSONNUMMER_ERROR_LENGTH,
  ANV_PERSONNUMMER_ERROR_LETTERS,
  ANV_PERSONNUMMER_ERROR_T_NUMBER,
  ANV_PERSONNUMMER_ERROR_SEPARATOR,
  ANV_PERSONNUMMER_ERROR_CHECK_DIGIT,
  ANV_PERSONNUMMER_ERROR_DATE,
  ANV_PERSONNUMMER_ERROR_FUTURE,
  ANV_PERSONNUMMER_ERROR_ORGANISATIONSNUMMER,
} AnvPersonnummerError;

typedef enum
{
  ANV_IDENTITY_PERSONNUMMER,
  ANV_IDENTITY_SAMORDNINGSNUMMER,
} AnvIdentityKind;

typedef enum
{
  ANV_GENDER_FEMALE,
  ANV_GENDER_MALE,
} AnvGender;

/* A parsed, validated number. `digits` is the normalized 12-digit form
 * (YYYYMMDDNNNC; for a samordningsnummer the day keeps its +60). */
typedef struct
{
  char            digits[13];
  AnvIdentityKind kind;
  AnvGender       gender;
  gboolean        birth_date_known; /* FALSE for month 00 or day 60 */
  GDate           birth_date;       /* valid only if birth_date_known */
} AnvPersonnummer;

GQuark   anv_personnummer_error_quark (void);

/* Parses a number as people type it: YYMMDD-NNNC, YYMMDD+NNNC, YYMMDDNNNC,
 * YYYYMMDDNNNC or YYYYMMDD-NNNC, with surrounding spaces. The century of a
 * 10-digit form is chosen from @today (pass anv_date_today(); never NULL):
 * with "-" or no separator the person is under 100 at @today, with "+" 100 or
 * older. @out may be NULL to only validate. On failure @out is untouched and
 * @error says, in words for the person, what is wrong. */
gboolean anv_personnummer_parse       (const char      *text,
                                       const GDate     *today,
                                       AnvPersonnummer *out,
                                       GError         **error);

/* Luhn (mod 10) over @len ASCII digits; FALSE if any is not a digit. */
gboolean anv_luhn_is_valid            (const char      *digits,
                                       gsize            len);

/* The digit ('0'–'9') that makes @len ASCII digits followed by it pass
 * anv_luhn_is_valid(); '\0' if any is not a digit. */
char     anv_luhn_compute_check_digit (const char      *digits,
                                       gsize            len);

/* "YYYYMMDD-NNNC" and "YYYYMMDD-****" from the normalized 12 digits. */
char    *anv_personnummer_format      (const char      *digits12);
char    *anv_personnummer_format_masked (const char    *digits12);

G_END_DECLS
