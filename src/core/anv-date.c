/* anv-date.c — ISO dates as Anvisa reads, stores and shows them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-date"

#include "config.h"

#include <stdlib.h>
#include <string.h>

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

  if (year < 1800 || year > 2199)
    {
      g_autofree char *shown = anv_text_quote (trimmed);

      g_set_error (error, ANV_DATE_ERROR, ANV_DATE_ERROR_INVALID,
                   /* Translators: %s is what the person typed */
                   _("%s is outside the years Anvisa works with: give a date from 1800-01-01 "
                     "to 2199-12-31."), shown);
      return FALSE;
    }
  if (!g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
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

/* The words for dates: one list of month names and one long form, so
 * that a date reads the same in every dialog, message and chart. */
const char *
anv_date_month_name (guint    month,
                     gboolean abbreviated)
{
  static const char *const names[] = {
    NC_("month", "January"), NC_("month", "February"), NC_("month", "March"),
    NC_("month", "April"), NC_("month", "May"), NC_("month", "June"),
    NC_("month", "July"), NC_("month", "August"), NC_("month", "September"),
    NC_("month", "October"), NC_("month", "November"), NC_("month", "December"),
  };
  static const char *const short_names[] = {
    NC_("abbreviated month", "Jan"), NC_("abbreviated month", "Feb"),
    NC_("abbreviated month", "Mar"), NC_("abbreviated month", "Apr"),
    NC_("abbreviated month", "May"), NC_("abbreviated month", "Jun"),
    NC_("abbreviated month", "Jul"), NC_("abbreviated month", "Aug"),
    NC_("abbreviated month", "Sep"), NC_("abbreviated month", "Oct"),
    NC_("abbreviated month", "Nov"), NC_("abbreviated month", "Dec"),
  };

  g_return_val_if_fail (month >= 1 && month <= 12, NULL);

  if (abbreviated)
    return g_dpgettext2 (GETTEXT_PACKAGE, "abbreviated month", short_names[month - 1]);
  return g_dpgettext2 (GETTEXT_PACKAGE, "month", names[month - 1]);
}

char *
anv_date_format_long (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_strdup_printf (
    /* Translators: %1$s month name, %2$d day, %3$d year; Swedish: "%2$d %1$s %3$d" */
    _("%1$s %2$d, %3$d"),
    anv_date_month_name (g_date_get_month (date), FALSE),
    (int) g_date_get_day (date), (int) g_date_get_year (date));
}

char *
anv_date_format_long_iso (const char *iso)
{
  GDate date;

  if (iso == NULL || !anv_date_parse (iso, &date, NULL))
    return g_strdup (iso ? iso : "");
  return anv_date_format_long (&date);
}

char *
anv_date_format_month (const char *month,
                       gboolean    abbreviated)
{
  int year, number;

  g_return_val_if_fail (month != NULL && strlen (month) >= 7, NULL);

  year = atoi (month);
  number = atoi (month + 5);
  if (number < 1 || number > 12)
    return g_strdup (month);

  /* Translators: a month and its year, as in “april 2020” */
  return g_strdup_printf (C_("month and year", "%1$s %2$d"),
                          anv_date_month_name ((guint) number, abbreviated), year);
}

gboolean
anv_date_check_today (const GDate  *date,
                      GError      **error)
{
  char shown[11];

  if (g_date_valid (date) && g_date_get_year (date) >= 1800 && g_date_get_year (date) <= 2199)
    return TRUE;

  if (g_date_valid (date))
    g_snprintf (shown, sizeof shown, "%04u-%02u-%02u", g_date_get_year (date),
                (guint) g_date_get_month (date), (guint) g_date_get_day (date));
  else
    g_strlcpy (shown, "?", sizeof shown);
  g_set_error (error, ANV_DATE_ERROR, ANV_DATE_ERROR_TODAY,
               /* Translators: %s is the computer's date, YYYY-MM-DD */
               _("The computer’s clock says today is %s, a date Anvisa cannot work with (it "
                 "knows the years 1800 to 2199). Set the clock to the right date; nothing was "
                 "done."), shown);
  return FALSE;
}

gboolean
anv_date_today_checked (GDate   *out,
                        GError **error)
{
  const char *pinned = g_getenv ("ANVISA_TODAY");

  g_date_clear (out, 1);
  /* Empty counts as not set, as with ANVISA_DATABASE. */
  if (pinned != NULL && *pinned != '\0')
    {
      g_autofree char *shown = NULL;

      if (anv_date_parse (pinned, out, NULL))
        return TRUE;
      shown = anv_text_quote (pinned);
      g_set_error (error, ANV_DATE_ERROR, ANV_DATE_ERROR_TODAY,
                   /* Translators: ANVISA_TODAY is the name of an environment variable:
                    * keep it as it is; YYYY-MM-DD is the format, written as dates are
                    * elsewhere (ÅÅÅÅ-MM-DD); %s is the variable's value */
                   _("The variable ANVISA_TODAY, which sets the day Anvisa takes as today, is "
                     "“%s”: not a date Anvisa can use. Set it to a date written YYYY-MM-DD "
                     "from 1800-01-01 to 2199-12-31, for example 2020-04-15, or remove it to "
                     "use the computer’s clock."), shown);
      return FALSE;
    }

  g_date_set_time_t (out, time (NULL));
  if (anv_date_check_today (out, error))
    return TRUE;
  g_date_clear (out, 1);
  return FALSE;
}

void
anv_date_today (GDate *out)
{
  static gsize warned = 0;
  g_autoptr (GError) error = NULL;

  if (anv_date_today_checked (out, &error))
    return;

  /* Callers that cannot refuse (the window's defaults) get a valid date;
   * anvisa-cli and the application check first and refuse (the window
   * shows the message). Said once in the log, not at every call. */
  if (g_once_init_enter (&warned))
    {
      g_message ("%s", error->message);
      g_once_init_leave (&warned, 1);
    }
  g_date_clear (out, 1);
  g_date_set_time_t (out, time (NULL));
  if (!g_date_valid (out) || g_date_get_year (out) > 2199)
    g_date_set_dmy (out, 31, G_DATE_DECEMBER, 2199);
  else if (g_date_get_year (out) < 1800)
    g_date_set_dmy (out, 1, G_DATE_JANUARY, 1800);
}
