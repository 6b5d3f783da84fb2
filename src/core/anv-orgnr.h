/* anv-orgnr.h — Swedish organisationsnummer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ANV_ORGNR_ERROR (anv_orgnr_error_quark ())

typedef enum
{
  ANV_ORGNR_ERROR_EMPTY,
  ANV_ORGNR_ERROR_LENGTH,
  ANV_ORGNR_ERROR_LETTERS,
  ANV_ORGNR_ERROR_CHECK_DIGIT,
  ANV_ORGNR_ERROR_INVALID,
} AnvOrgnrError;

typedef struct
{
  char     digits[11];    /* normalized: 10 digits, no "16" prefix */
  gboolean sole_trader;   /* the number is a personnummer */
} AnvOrgnr;

GQuark   anv_orgnr_error_quark (void);

/* Parses NNNNNN-NNNN, NNNNNNNNNN or the same with the prefix 16 (a legal
 * entity: third digit 2 or more), or a sole trader's personnummer in any form
 * anv_personnummer_parse() accepts (@today is passed on to it; never NULL).
 * @out may be NULL to only validate. */
gboolean anv_orgnr_parse       (const char  *text,
                                const GDate *today,
                                AnvOrgnr    *out,
                                GError     **error);

/* "NNNNNN-NNNN" from the normalized 10 digits. */
char    *anv_orgnr_format      (const char  *digits10);

G_END_DECLS
