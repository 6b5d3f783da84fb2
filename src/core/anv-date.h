/* anv-date.h — ISO dates as Anvisa reads, stores and shows them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ANV_DATE_ERROR (anv_date_error_quark ())

typedef enum
{
  ANV_DATE_ERROR_INVALID,
} AnvDateError;

GQuark   anv_date_error_quark (void);

/* Parses "YYYY-MM-DD" (a real calendar date, years 1800–2199). */
gboolean anv_date_parse       (const char  *text,
                               GDate       *out,
                               GError     **error);

/* Formats as "YYYY-MM-DD" into @buf (at least 11 bytes). */
void     anv_date_format      (const GDate *date,
                               char         buf[11]);

/* Today's local date, or ANVISA_TODAY (YYYY-MM-DD) when it is set: the
 * command-line tests pin the date that way. */
void     anv_date_today       (GDate       *out);

G_END_DECLS
