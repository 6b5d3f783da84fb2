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
  ANV_DATE_ERROR_TODAY,       /* ANVISA_TODAY is wrong, or the clock is out of range */
} AnvDateError;

GQuark   anv_date_error_quark (void);

/* Parses "YYYY-MM-DD" (a real calendar date, years 1800–2199). */
gboolean anv_date_parse       (const char  *text,
                               GDate       *out,
                               GError     **error);

/* Formats as "YYYY-MM-DD" into @buf (at least 11 bytes). */
void     anv_date_format      (const GDate *date,
                               char         buf[11]);

/* A month's name in the language of the user interface, whatever the
 * locale's LC_TIME says: "april", or with @abbreviated "apr". */
const char *anv_date_month_name (guint        month,
                                 gboolean     abbreviated);

/* A date as a person reads it: "April 6, 2020", in Swedish "6 april 2020".
 * The _iso form takes "YYYY-MM-DD" and gives back anything else as it is. */
char    *anv_date_format_long   (const GDate *date);
char    *anv_date_format_long_iso (const char *iso);

/* "YYYY-MM" as "april 2020" (with @abbreviated "apr 2020"). */
char    *anv_date_format_month  (const char  *month,
                                 gboolean     abbreviated);

/* Today's local date, or ANVISA_TODAY (YYYY-MM-DD) when it is set: the
 * command-line tests pin the date that way. Refused (ANV_DATE_ERROR_TODAY,
 * a message naming the variable or the clock) when ANVISA_TODAY is not such
 * a date, or the clock is outside the years 1800–2199 that the database
 * stores. */
/* Refuses @date as today (ANV_DATE_ERROR_TODAY, a message about the
 * computer's clock) when it is outside 1800–2199. */
gboolean anv_date_check_today (const GDate *date,
                               GError     **error);

gboolean anv_date_today_checked (GDate     *out,
                                 GError   **error);

/* As anv_date_today_checked(), for callers that cannot refuse: a wrong
 * ANVISA_TODAY is warned about and the clock is used, kept within
 * 1800–2199. Check with anv_date_today_checked() before any write. */
void     anv_date_today       (GDate       *out);

G_END_DECLS
