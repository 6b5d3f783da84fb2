/* anv-date.c — ISO dates as Anvisa reads, stores and shows them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-date"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "anv-date.h"
#include "anv-text.h"

G_DEFINE_QUARK (anv-date-error-quark, anv_date_error)

static gboolean
read_digits (const char *p,
             guint       n,
             guint      *out)
{
  guint value = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (p[i]))
        return FALSE;
      value = value * 10 + (guint) (p[i] - '0');
    }
  *out = value;
  return TRUE;
}

gboolean
anv_date_parse (const char  *text,
                GDate       *out,
                GError     **error)
{
  guint year, month, day;
  g_autofree char *trimmed = NULL;

  g_return_val_if_fail (out != NULL, FALSE);

  trimmed = g_strstrip (g_strdup (text ? text : ""));

  if (strlen (trimmed) != 10 || trimmed[4] != '-' || trimmed[7] != '-'
      || !read_digits (trimmed, 4, &year)
      || !read_digits (trimmed + 5, 2, &month)
      || !read_digits (trimmed + 8, 2, &day))
    {
      g_autofree char *shown = anv_text_quote (trimmed);

      g_set_error (error, ANV_DATE_ERROR, ANV_DATE_ERROR_INVALID,
                   /* Translators: %s is what the person typed */
                   _("“%s” is not a date: write it as YYYY-MM-DD, for example 2020-04-15."),
                   shown);
      return FALSE;
    }

  if (year < 1800 || year > 2199
      || !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    {
      g_autofree char *shown = anv_text_quote (trimmed);

      g_set_error (error, ANV_DATE_ERROR, ANV_DATE_ERROR_INVALID,
                   _("%s is not a date in the calendar."), shown);
      return FALSE;
    }

  g_date_clear (out, 1);
  g_date_set_dmy (out, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

void
anv_date_format (const GDate *date,
                 char         buf[11])
{
  g_return_if_fail (g_date_valid (date));

  g_snprintf (buf, 11, "%04u-%02u-%02u",
              g_date_get_year (date),
              (guint) g_date_get_month (date),
              (guint) g_date_get_day (date));
}

void
anv_date_today (GDate *out)
{
  const char *pinned = g_getenv ("ANVISA_TODAY");

  g_date_clear (out, 1);
  if (pinned != NULL && anv_date_parse (pinned, out, NULL))
    return;
  g_date_set_time_t (out, time (NULL));
}
