/* anv-workdays.c — Swedish working days and public holidays
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-workdays"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "anv-workdays.h"

/* The holidays are those of lag (1989:253) om allmänna helgdagar, plus the
 * three eves that are days off in practice. The rules in force since 1953
 * are applied to every year, except that Sveriges nationaldag replaced
 * annandag pingst from 2005. (Before 1953 midsommardagen and alla helgons
 * dag had fixed dates; that history is not modelled.)
 *
 * Each year becomes a table: a bitmap of its working days and its holidays
 * by day. The years anv_date_parse() accepts are built once, on first use,
 * and kept; other years are built on the stack of the caller. Nothing is
 * allocated. */

#define FIRST_CACHED_YEAR 1800
#define LAST_CACHED_YEAR  2199
#define N_CACHED_YEARS    (LAST_CACHED_YEAR - FIRST_CACHED_YEAR + 1)
#define N_WORDS           12  /* 12 × 32 bits hold 366 days */
#define LAST_WHIT_MONDAY_YEAR 2004

typedef enum
{
  HOLIDAY_NEW_YEARS_DAY,
  HOLIDAY_EPIPHANY,
  HOLIDAY_GOOD_FRIDAY,
  HOLIDAY_EASTER_SUNDAY,
  HOLIDAY_EASTER_MONDAY,
  HOLIDAY_MAY_DAY,
  HOLIDAY_ASCENSION_DAY,
  HOLIDAY_WHIT_SUNDAY,
  HOLIDAY_WHIT_MONDAY,
  HOLIDAY_NATIONAL_DAY,
  HOLIDAY_MIDSUMMER_EVE,
  HOLIDAY_MIDSUMMER_DAY,
  HOLIDAY_ALL_SAINTS_DAY,
  HOLIDAY_CHRISTMAS_EVE,
  HOLIDAY_CHRISTMAS_DAY,
  HOLIDAY_BOXING_DAY,
  HOLIDAY_NEW_YEARS_EVE,
  N_HOLIDAY_KINDS
} HolidayKind;

static const struct
{
  const char *name;
  gboolean    is_public;
} holiday_kinds[N_HOLIDAY_KINDS] = {
  /* Translators: Swedish holiday, 1 January (nyårsdagen) */
  [HOLIDAY_NEW_YEARS_DAY] = { N_("New Year’s Day"), TRUE },
  /* Translators: Swedish holiday, 6 January (trettondedag jul) */
  [HOLIDAY_EPIPHANY] = { N_("Epiphany"), TRUE },
  /* Translators: Swedish holiday, the Friday before Easter (långfredagen) */
  [HOLIDAY_GOOD_FRIDAY] = { N_("Good Friday"), TRUE },
  /* Translators: Swedish holiday (påskdagen) */
  [HOLIDAY_EASTER_SUNDAY] = { N_("Easter Sunday"), TRUE },
  /* Translators: Swedish holiday (annandag påsk) */
  [HOLIDAY_EASTER_MONDAY] = { N_("Easter Monday"), TRUE },
  /* Translators: Swedish holiday, 1 May (första maj) */
  [HOLIDAY_MAY_DAY] = { N_("May Day"), TRUE },
  /* Translators: Swedish holiday, Easter + 39 days (Kristi himmelsfärdsdag) */
  [HOLIDAY_ASCENSION_DAY] = { N_("Ascension Day"), TRUE },
  /* Translators: Swedish holiday, Easter + 49 days (pingstdagen) */
  [HOLIDAY_WHIT_SUNDAY] = { N_("Whit Sunday"), TRUE },
  /* Translators: Swedish holiday until 2004 (annandag pingst) */
  [HOLIDAY_WHIT_MONDAY] = { N_("Whit Monday"), TRUE },
  /* Translators: Swedish holiday since 2005, 6 June (Sveriges nationaldag) */
  [HOLIDAY_NATIONAL_DAY] = { N_("National Day of Sweden"), TRUE },
  /* Translators: de facto Swedish holiday, Friday 19–25 June (midsommarafton) */
  [HOLIDAY_MIDSUMMER_EVE] = { N_("Midsummer Eve"), FALSE },
  /* Translators: Swedish holiday, Saturday 20–26 June (midsommardagen) */
  [HOLIDAY_MIDSUMMER_DAY] = { N_("Midsummer Day"), TRUE },
  /* Translators: Swedish holiday, Saturday 31 October–6 November (alla helgons dag) */
  [HOLIDAY_ALL_SAINTS_DAY] = { N_("All Saints’ Day"), TRUE },
  /* Translators: de facto Swedish holiday, 24 December (julafton) */
  [HOLIDAY_CHRISTMAS_EVE] = { N_("Christmas Eve"), FALSE },
  /* Translators: Swedish holiday, 25 December (juldagen) */
  [HOLIDAY_CHRISTMAS_DAY] = { N_("Christmas Day"), TRUE },
  /* Translators: Swedish holiday, 26 December (annandag jul) */
  [HOLIDAY_BOXING_DAY] = { N_("Boxing Day"), TRUE },
  /* Translators: de facto Swedish holiday, 31 December (nyårsafton) */
  [HOLIDAY_NEW_YEARS_EVE] = { N_("New Year’s Eve"), FALSE },
};

typedef struct
{
  guint16 day;   /* 0-based day of the year */
  guint8  kind;  /* a HolidayKind */
} Holiday;

typedef struct
{
  guint32 jan1;                               /* Julian day (GDate) of 1 January */
  guint16 n_days;                             /* 365 or 366 */
  guint32 working[N_WORDS];                   /* bit d set: day d is a working day */
  Holiday holidays[ANV_WORKDAYS_N_HOLIDAYS];  /* by day, then by kind */
} YearTable;

static YearTable year_tables[N_CACHED_YEARS];
static gsize     year_ready[N_CACHED_YEARS];

/* Anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
static void
compute_easter (guint  year,
                guint *month,
                guint *day)
{
  guint a = year % 19;
  guint b = year / 100;
  guint c = year % 100;
  guint d = b / 4;
  guint e = b % 4;
  guint f = (b + 8) / 25;
  guint g = (b - f + 1) / 3;
  guint h = (19 * a + b - d - g + 15) % 30;
  guint i = c / 4;
  guint k = c % 4;
  guint l = (32 + 2 * e + 2 * i - h - k) % 7;
  guint m = (a + 11 * h + 22 * l) / 451;
  guint n = h + l - 7 * m + 114;

  *month = n / 31;
  *day = n % 31 + 1;
}

/* 0-based */
static guint
get_day_of_year (GDateYear  year,
                 GDateMonth month,
                 GDateDay   day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  return g_date_get_day_of_year (&date) - 1;
}

/* 0 = Monday … 6 = Sunday; Julian day 1 (1 January of year 1) was a Monday. */
static guint
get_weekday_index (const YearTable *table,
                   guint            day)
{
  return (table->jan1 - 1 + day) % 7;
}

static guint
find_saturday_from (const YearTable *table,
                    guint            day)
{
  return day + (5 + 7 - get_weekday_index (table, day)) % 7;
}

static gboolean
is_working (const YearTable *table,
            guint            day)
{
  return (table->working[day / 32] >> (day % 32)) & 1;
}

static guint
count_bits (guint32 bits)
{
  bits = bits - ((bits >> 1) & 0x55555555);
  bits = (bits & 0x33333333) + ((bits >> 2) & 0x33333333);
  bits = (bits + (bits >> 4)) & 0x0f0f0f0f;
  return (bits * 0x01010101) >> 24;
}

/* Working days among days @first..@last (0-based, inclusive) of one year. */
static guint
count_working_days (const YearTable *table,
                    guint            first,
                    guint            last)
{
  guint count = 0;

  for (guint w = first / 32; w <= last / 32; w++)
    {
      guint32 bits = table->working[w];

      if (w == first / 32)
        bits &= G_MAXUINT32 << (first % 32);
      if (w == last / 32)
        bits &= G_MAXUINT32 >> (31 - last % 32);
      count += count_bits (bits);
    }

  return count;
}

static void
mark_weekdays (YearTable *table)
{
  memset (table->working, 0, sizeof table->working);

  for (guint day = 0; day < table->n_days; day++)
    if (get_weekday_index (table, day) < 5)
      table->working[day / 32] |= (guint32) 1 << (day % 32);
}

static void
add_holiday (YearTable   *table,
             guint       *n,
             guint        day,
             HolidayKind  kind)
{
  g_assert (*n < ANV_WORKDAYS_N_HOLIDAYS);

  table->holidays[*n].day = (guint16) day;
  table->holidays[*n].kind = (guint8) kind;
  (*n)++;
  table->working[day / 32] &= ~((guint32) 1 << (day % 32));
}

/* Added in kind order, so a stable sort by day keeps ties in kind order. */
static void
sort_holidays (YearTable *table)
{
  for (guint i = 1; i < ANV_WORKDAYS_N_HOLIDAYS; i++)
    {
      Holiday holiday = table->holidays[i];
      guint j = i;

      for (; j > 0 && table->holidays[j - 1].day > holiday.day; j--)
        table->holidays[j] = table->holidays[j - 1];
      table->holidays[j] = holiday;
    }
}

static void
collect_holidays (YearTable *table,
                  GDateYear  year)
{
  guint easter_month, easter_day;
  guint easter, midsummer_day, all_saints_day;
  guint n = 0;

  compute_easter (year, &easter_month, &easter_day);
  easter = get_day_of_year (year, (GDateMonth) easter_month, (GDateDay) easter_day);
  midsummer_day = find_saturday_from (table, get_day_of_year (year, G_DATE_JUNE, 20));
  all_saints_day = find_saturday_from (table, get_day_of_year (year, G_DATE_OCTOBER, 31));

  add_holiday (table, &n, get_day_of_year (year, G_DATE_JANUARY, 1), HOLIDAY_NEW_YEARS_DAY);
  add_holiday (table, &n, get_day_of_year (year, G_DATE_JANUARY, 6), HOLIDAY_EPIPHANY);
  add_holiday (table, &n, easter - 2, HOLIDAY_GOOD_FRIDAY);
  add_holiday (table, &n, easter, HOLIDAY_EASTER_SUNDAY);
  add_holiday (table, &n, easter + 1, HOLIDAY_EASTER_MONDAY);
  add_holiday (table, &n, get_day_of_year (year, G_DATE_MAY, 1), HOLIDAY_MAY_DAY);
  add_holiday (table, &n, easter + 39, HOLIDAY_ASCENSION_DAY);
  add_holiday (table, &n, easter + 49, HOLIDAY_WHIT_SUNDAY);
  if (year <= LAST_WHIT_MONDAY_YEAR)
    add_holiday (table, &n, easter + 50, HOLIDAY_WHIT_MONDAY);
  else
    add_holiday (table, &n, get_day_of_year (year, G_DATE_JUNE, 6), HOLIDAY_NATIONAL_DAY);
  add_holiday (table, &n, midsummer_day - 1, HOLIDAY_MIDSUMMER_EVE);
  add_holiday (table, &n, midsummer_day, HOLIDAY_MIDSUMMER_DAY);
  add_holiday (table, &n, all_saints_day, HOLIDAY_ALL_SAINTS_DAY);
  add_holiday (table, &n, get_day_of_year (year, G_DATE_DECEMBER, 24), HOLIDAY_CHRISTMAS_EVE);
  add_holiday (table, &n, get_day_of_year (year, G_DATE_DECEMBER, 25), HOLIDAY_CHRISTMAS_DAY);
  add_holiday (table, &n, get_day_of_year (year, G_DATE_DECEMBER, 26), HOLIDAY_BOXING_DAY);
  add_holiday (table, &n, get_day_of_year (year, G_DATE_DECEMBER, 31), HOLIDAY_NEW_YEARS_EVE);

  g_assert (n == ANV_WORKDAYS_N_HOLIDAYS);
  sort_holidays (table);
}

static void
fill_year_table (YearTable *table,
                 GDateYear  year)
{
  GDate jan1;

  g_date_clear (&jan1, 1);
  g_date_set_dmy (&jan1, 1, G_DATE_JANUARY, year);
  table->jan1 = g_date_get_julian (&jan1);
  table->n_days = g_date_is_leap_year (year) ? 366 : 365;

  mark_weekdays (table);
  collect_holidays (table, year);
}

/* The table of @year: a kept one, or @scratch filled in. */
static const YearTable *
get_year_table (GDateYear  year,
                YearTable *scratch)
{
  guint i;

  if (year < FIRST_CACHED_YEAR || year > LAST_CACHED_YEAR)
    {
      fill_year_table (scratch, year);
      return scratch;
    }

  i = year - FIRST_CACHED_YEAR;
  if (g_once_init_enter (&year_ready[i]))
    {
      fill_year_table (&year_tables[i], year);
      g_once_init_leave (&year_ready[i], 1);
    }

  return &year_tables[i];
}

const char *
anv_workdays_holiday_name (const GDate *date)
{
  YearTable scratch;
  const YearTable *table;
  guint day;

  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  table = get_year_table (g_date_get_year (date), &scratch);
  day = g_date_get_julian (date) - table->jan1;

  for (guint i = 0; i < ANV_WORKDAYS_N_HOLIDAYS; i++)
    {
      if (table->holidays[i].day == day)
        return _(holiday_kinds[table->holidays[i].kind].name);
    }

  return NULL;
}

gboolean
anv_workdays_is_working_day (const GDate *date)
{
  YearTable scratch;
  const YearTable *table;

  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  table = get_year_table (g_date_get_year (date), &scratch);
  return is_working (table, g_date_get_julian (date) - table->jan1);
}

char *
anv_workdays_why_not_working (const GDate *date)
{
  const char *holiday;
  char shown[11];

  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  if (anv_workdays_is_working_day (date))
    return NULL;

  g_snprintf (shown, sizeof shown, "%04u-%02u-%02u", g_date_get_year (date),
              (guint) g_date_get_month (date), (guint) g_date_get_day (date));
  holiday = anv_workdays_holiday_name (date);
  if (holiday != NULL)
    /* Translators: %1$s is a date (YYYY-MM-DD), %2$s a holiday's name, e.g.
     * “National Day of Sweden” */
    return g_strdup_printf (_("%1$s is %2$s, not a working day."), shown, holiday);
  if (g_date_get_weekday (date) == G_DATE_SATURDAY)
    /* Translators: %s is a date (YYYY-MM-DD) */
    return g_strdup_printf (_("%s is a Saturday, not a working day."), shown);
  /* Translators: %s is a date (YYYY-MM-DD) */
  return g_strdup_printf (_("%s is a Sunday, not a working day."), shown);
}

void
anv_workdays_add (GDate *date,
                  guint  n)
{
  YearTable scratch;
  const YearTable *table;
  GDateYear year;
  guint day;

  g_return_if_fail (date != NULL && g_date_valid (date));

  if (n == 0)
    return;

  year = g_date_get_year (date);
  table = get_year_table (year, &scratch);
  day = g_date_get_julian (date) - table->jan1;

  while (n > 0)
    {
      if (++day == table->n_days)
        {
          if (year == G_MAXUINT16)
            {
              g_critical ("%s: the result is past the last date a GDate holds", G_STRFUNC);
              return;
            }
          table = get_year_table (++year, &scratch);
          day = 0;
        }
      if (is_working (table, day))
        n--;
    }

  g_date_set_julian (date, table->jan1 + day);
}

guint
anv_workdays_between (const GDate *from,
                      const GDate *to)
{
  YearTable scratch;
  const YearTable *table;
  GDateYear year;
  guint32 first, last;
  guint count = 0;

  g_return_val_if_fail (from != NULL && g_date_valid (from), 0);
  g_return_val_if_fail (to != NULL && g_date_valid (to), 0);

  first = g_date_get_julian (from) + 1;
  last = g_date_get_julian (to);
  if (last < first)
    return 0;

  year = g_date_get_year (from);
  table = get_year_table (year, &scratch);

  for (;;)
    {
      guint32 year_end = table->jan1 + table->n_days - 1;

      if (first <= year_end)
        count += count_working_days (table, first - table->jan1,
                                     MIN (last, year_end) - table->jan1);
      if (last <= year_end)
        break;

      first = year_end + 1;
      table = get_year_table (++year, &scratch);
    }

  return count;
}

void
anv_workdays_get_easter (GDateYear  year,
                         GDate     *out)
{
  guint month, day;

  g_return_if_fail (g_date_valid_year (year));
  g_return_if_fail (out != NULL);

  compute_easter (year, &month, &day);
  g_date_clear (out, 1);
  g_date_set_dmy (out, (GDateDay) day, (GDateMonth) month, year);
}

guint
anv_workdays_list_holidays (GDateYear  year,
                            AnvHoliday out[ANV_WORKDAYS_N_HOLIDAYS])
{
  YearTable scratch;
  const YearTable *table;

  g_return_val_if_fail (g_date_valid_year (year), 0);
  g_return_val_if_fail (out != NULL, 0);

  table = get_year_table (year, &scratch);

  for (guint i = 0; i < ANV_WORKDAYS_N_HOLIDAYS; i++)
    {
      const Holiday *holiday = &table->holidays[i];

      g_date_clear (&out[i].date, 1);
      g_date_set_julian (&out[i].date, table->jan1 + holiday->day);
      out[i].name = _(holiday_kinds[holiday->kind].name);
      out[i].is_public = holiday_kinds[holiday->kind].is_public;
    }

  return ANV_WORKDAYS_N_HOLIDAYS;
}
