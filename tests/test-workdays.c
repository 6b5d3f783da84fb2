/* test-workdays.c — tests for Swedish working days and public holidays
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>

#include <glib.h>

#include "anv-workdays.h"

/* Helpers */

static void
set_date (GDate      *date,
          const char *iso)
{
  guint year, month, day;

  g_assert_cmpint (sscanf (iso, "%u-%u-%u", &year, &month, &day), ==, 3);
  g_assert_true (g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year));
  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

static void
format_date (const GDate *date,
             char         buf[11])
{
  g_snprintf (buf, 11, "%04u-%02u-%02u",
              g_date_get_year (date),
              (guint) g_date_get_month (date),
              (guint) g_date_get_day (date));
}

static void
assert_date (const GDate *date,
             const char  *expected)
{
  char buf[11];

  format_date (date, buf);
  g_assert_cmpstr (buf, ==, expected);
}

static gboolean
is_weekend (const GDate *date)
{
  return g_date_get_weekday (date) >= G_DATE_SATURDAY;
}

/* Working days in (from, to], one day at a time, as a reference. */
static guint
count_naively (const GDate *from,
               const GDate *to)
{
  GDate day = *from;
  guint count = 0;

  while (g_date_compare (&day, to) < 0)
    {
      g_date_add_days (&day, 1);
      if (anv_workdays_is_working_day (&day))
        count++;
    }
  return count;
}

/* Easter */

static void
test_easter (void)
{
  static const struct
  {
    guint year;
    const char *easter;
  } cases[] = {
    { 2019, "2019-04-21" },
    { 2020, "2020-04-12" },
    { 2021, "2021-04-04" },
    { 2022, "2022-04-17" },
    { 2023, "2023-04-09" },
    { 2024, "2024-03-31" },
    { 2025, "2025-04-20" },
    { 2026, "2026-04-05" },
    { 2027, "2027-03-28" },
    { 2004, "2004-04-11" },
    { 2005, "2005-03-27" },
    { 1900, "1900-04-15" },
    { 1943, "1943-04-25" },  /* the latest possible date */
    { 2038, "2038-04-25" },
    { 2100, "2100-03-28" },
    { 2190, "2190-04-25" },
    { 2199, "2199-04-14" },
    { 1818, "1818-03-22" },  /* the earliest possible date */
    { 2285, "2285-03-22" },  /* outside the kept years */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate easter;

      anv_workdays_get_easter ((GDateYear) cases[i].year, &easter);
      assert_date (&easter, cases[i].easter);
      g_assert_cmpint (g_date_get_weekday (&easter), ==, G_DATE_SUNDAY);
      g_assert_cmpstr (anv_workdays_holiday_name (&easter), ==, "Easter Sunday");
    }
}

/* A whole year of holidays */

typedef struct
{
  const char *date;
  const char *name;
  gboolean    is_public;
} ExpectedHoliday;

static void
check_year (guint                  year,
            const ExpectedHoliday *expected)
{
  AnvHoliday holidays[ANV_WORKDAYS_N_HOLIDAYS];
  GDate day;
  guint n;

  n = anv_workdays_list_holidays ((GDateYear) year, holidays);
  g_assert_cmpuint (n, ==, ANV_WORKDAYS_N_HOLIDAYS);

  for (guint i = 0; i < n; i++)
    {
      assert_date (&holidays[i].date, expected[i].date);
      g_assert_cmpstr (holidays[i].name, ==, expected[i].name);
      g_assert_cmpint (holidays[i].is_public, ==, expected[i].is_public);
    }

  /* Every other day of the year is no holiday, and works unless it is a
   * Saturday or Sunday. */
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 1, G_DATE_JANUARY, (GDateYear) year);
  for (guint i = 0; g_date_get_year (&day) == year; g_date_add_days (&day, 1))
    {
      char iso[11];
      const char *name = NULL;

      format_date (&day, iso);
      if (i < n && g_str_equal (iso, expected[i].date))
        name = expected[i++].name;

      g_assert_cmpstr (anv_workdays_holiday_name (&day), ==, name);
      g_assert_cmpint (anv_workdays_is_working_day (&day), ==,
                       name == NULL && !is_weekend (&day));
    }
}

static void
test_holidays_2020 (void)
{
  static const ExpectedHoliday expected[ANV_WORKDAYS_N_HOLIDAYS] = {
    { "2020-01-01", "New Year’s Day", TRUE },
    { "2020-01-06", "Epiphany", TRUE },
    { "2020-04-10", "Good Friday", TRUE },
    { "2020-04-12", "Easter Sunday", TRUE },
    { "2020-04-13", "Easter Monday", TRUE },
    { "2020-05-01", "May Day", TRUE },
    { "2020-05-21", "Ascension Day", TRUE },           /* 12 April + 39 */
    { "2020-05-31", "Whit Sunday", TRUE },             /* 12 April + 49 */
    { "2020-06-06", "National Day of Sweden", TRUE },  /* a Saturday */
    { "2020-06-19", "Midsummer Eve", FALSE },          /* earliest possible */
    { "2020-06-20", "Midsummer Day", TRUE },
    { "2020-10-31", "All Saints’ Day", TRUE },         /* earliest possible */
    { "2020-12-24", "Christmas Eve", FALSE },
    { "2020-12-25", "Christmas Day", TRUE },
    { "2020-12-26", "Boxing Day", TRUE },
    { "2020-12-31", "New Year’s Eve", FALSE },
  };

  check_year (2020, expected);
}

static void
test_holidays_2026 (void)
{
  static const ExpectedHoliday expected[ANV_WORKDAYS_N_HOLIDAYS] = {
    { "2026-01-01", "New Year’s Day", TRUE },
    { "2026-01-06", "Epiphany", TRUE },
    { "2026-04-03", "Good Friday", TRUE },
    { "2026-04-05", "Easter Sunday", TRUE },
    { "2026-04-06", "Easter Monday", TRUE },
    { "2026-05-01", "May Day", TRUE },
    { "2026-05-14", "Ascension Day", TRUE },           /* 5 April + 39 */
    { "2026-05-24", "Whit Sunday", TRUE },             /* 5 April + 49 */
    { "2026-06-06", "National Day of Sweden", TRUE },  /* a Saturday */
    { "2026-06-19", "Midsummer Eve", FALSE },
    { "2026-06-20", "Midsummer Day", TRUE },
    { "2026-10-31", "All Saints’ Day", TRUE },
    { "2026-12-24", "Christmas Eve", FALSE },
    { "2026-12-25", "Christmas Day", TRUE },
    { "2026-12-26", "Boxing Day", TRUE },
    { "2026-12-31", "New Year’s Eve", FALSE },
  };

  check_year (2026, expected);
}

/* Whit Monday until 2004, National Day from 2005 */

static void
test_whit_monday_national_day (void)
{
  static const struct
  {
    const char *date;
    const char *name;
    gboolean    working;
  } cases[] = {
    { "1900-06-04", "Whit Monday", FALSE },
    { "1900-06-06", NULL, TRUE },
    { "2004-05-31", "Whit Monday", FALSE },
    { "2004-06-06", NULL, FALSE },  /* a Sunday, and not yet a holiday */
    { "2005-05-16", NULL, TRUE },   /* Whit Monday, no longer a holiday */
    { "2005-06-06", "National Day of Sweden", FALSE },  /* a Monday */
    { "2023-05-29", NULL, TRUE },   /* Whit Monday */
    { "2023-06-06", "National Day of Sweden", FALSE },  /* a Tuesday */
    { "2199-06-06", "National Day of Sweden", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate date;

      set_date (&date, cases[i].date);
      g_assert_cmpstr (anv_workdays_holiday_name (&date), ==, cases[i].name);
      g_assert_cmpint (anv_workdays_is_working_day (&date), ==, cases[i].working);
    }
}

/* Midsommar and alla helgons dag move with the weekdays */

static void
assert_holiday_at (const char *iso,
                   int         offset,
                   const char *name)
{
  GDate date;

  set_date (&date, iso);
  if (offset > 0)
    g_date_add_days (&date, (guint) offset);
  else if (offset < 0)
    g_date_subtract_days (&date, (guint) -offset);
  g_assert_cmpstr (anv_workdays_holiday_name (&date), ==, name);
}

static void
test_moving_saturdays (void)
{
  static const struct
  {
    guint year;
    const char *midsummer_eve;
    const char *all_saints;
  } cases[] = {
    { 2019, "2019-06-21", "2019-11-02" },
    { 2020, "2020-06-19", "2020-10-31" },  /* both at their earliest */
    { 2021, "2021-06-25", "2021-11-06" },  /* both at their latest */
    { 2022, "2022-06-24", "2022-11-05" },
    { 2023, "2023-06-23", "2023-11-04" },
    { 2024, "2024-06-21", "2024-11-02" },
    { 2025, "2025-06-20", "2025-11-01" },
    { 2026, "2026-06-19", "2026-10-31" },
    { 2027, "2027-06-25", "2027-11-06" },
    { 2004, "2004-06-25", "2004-11-06" },
    { 2005, "2005-06-24", "2005-11-05" },
    { 1900, "1900-06-22", "1900-11-03" },
    { 2100, "2100-06-25", "2100-11-06" },
    { 2199, "2199-06-21", "2199-11-02" },
    { 2285, "2285-06-19", "2285-10-31" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate eve, saints;

      set_date (&eve, cases[i].midsummer_eve);
      set_date (&saints, cases[i].all_saints);
      g_assert_cmpint (g_date_get_weekday (&eve), ==, G_DATE_FRIDAY);
      g_assert_cmpint (g_date_get_weekday (&saints), ==, G_DATE_SATURDAY);
      g_assert_false (anv_workdays_is_working_day (&eve));

      assert_holiday_at (cases[i].midsummer_eve, -1, NULL);
      assert_holiday_at (cases[i].midsummer_eve, 0, "Midsummer Eve");
      assert_holiday_at (cases[i].midsummer_eve, 1, "Midsummer Day");
      assert_holiday_at (cases[i].midsummer_eve, 2, NULL);
      assert_holiday_at (cases[i].midsummer_eve, 7, NULL);
      assert_holiday_at (cases[i].all_saints, -7, NULL);
      assert_holiday_at (cases[i].all_saints, -1, NULL);
      assert_holiday_at (cases[i].all_saints, 0, "All Saints’ Day");
      assert_holiday_at (cases[i].all_saints, 1, NULL);
      assert_holiday_at (cases[i].all_saints, 7, NULL);
    }
}

/* Two holidays on one day */

static void
test_coinciding (void)
{
  AnvHoliday holidays[ANV_WORKDAYS_N_HOLIDAYS];
  GDate date;

  /* Easter 2008 was 23 March, so Ascension Day (+39) was 1 May. */
  set_date (&date, "2008-05-01");
  g_assert_cmpstr (anv_workdays_holiday_name (&date), ==, "May Day");
  anv_workdays_list_holidays (2008, holidays);
  assert_date (&holidays[5].date, "2008-05-01");
  g_assert_cmpstr (holidays[5].name, ==, "May Day");
  assert_date (&holidays[6].date, "2008-05-01");
  g_assert_cmpstr (holidays[6].name, ==, "Ascension Day");

  /* Easter 1818 was 22 March, so Ascension Day came on 30 April, before May
   * Day; the list stays in date order. So in 2285, outside the kept years. */
  anv_workdays_list_holidays (1818, holidays);
  assert_date (&holidays[5].date, "1818-04-30");
  g_assert_cmpstr (holidays[5].name, ==, "Ascension Day");
  assert_date (&holidays[6].date, "1818-05-01");
  g_assert_cmpstr (holidays[6].name, ==, "May Day");
  anv_workdays_list_holidays (2285, holidays);
  assert_date (&holidays[5].date, "2285-04-30");
  g_assert_cmpstr (holidays[5].name, ==, "Ascension Day");
}

static void
test_list_every_year (void)
{
  static const guint extra_years[] = { 1, 1583, 1799, 2200, 2400, 9999, 65535 };

  for (guint i = 0; i < 300 + G_N_ELEMENTS (extra_years); i++)
    {
      guint year = i < 300 ? 1900 + i : extra_years[i - 300];
      AnvHoliday holidays[ANV_WORKDAYS_N_HOLIDAYS];
      guint n_public = 0;

      g_assert_cmpuint (anv_workdays_list_holidays ((GDateYear) year, holidays), ==,
                        ANV_WORKDAYS_N_HOLIDAYS);
      for (guint j = 0; j < ANV_WORKDAYS_N_HOLIDAYS; j++)
        {
          g_assert_cmpuint (g_date_get_year (&holidays[j].date), ==, year);
          g_assert_false (anv_workdays_is_working_day (&holidays[j].date));
          g_assert_nonnull (anv_workdays_holiday_name (&holidays[j].date));
          if (j > 0)
            g_assert_cmpint (g_date_compare (&holidays[j - 1].date, &holidays[j].date), <=, 0);
          n_public += holidays[j].is_public;
        }
      g_assert_cmpuint (n_public, ==, 13);
    }
}

/* Adding working days */

static void
test_add (void)
{
  static const struct
  {
    const char *from;
    guint n;
    const char *expected;
  } cases[] = {
    /* Monday before Easter 2020 (Good Friday 10 April, Easter Monday 13).
     * 7 Tue 1, 8 Wed 2, 9 Thu 3, [10–13], 14 Tue 4, 15 5, 16 6, 17 Fri 7,
     * [18–19], 20 Mon 8, 21 9, 22 Wed 10. */
    { "2020-04-06", 10, "2020-04-22" },
    /* Midsommar 2020: afton Friday 19 June. 16 Tue 1, 17 2, 18 Thu 3,
     * [19–21], 22 Mon 4, 23 5, 24 6, 25 7, 26 Fri 8, [27–28], 29 Mon 9,
     * 30 Tue 10. */
    { "2020-06-15", 10, "2020-06-30" },
    /* Christmas 2020: 24 Thu, 25 Fri, 26 Sat, 31 Thu, 1 Jan Fri, 6 Jan Wed
     * are off. From Friday 18 December: 21 Mon 1, 22 2, 23 Wed 3, [24–27],
     * 28 Mon 4, 29 5, 30 Wed 6, [31–3 Jan], 4 Mon 7, 5 Tue 8, [6],
     * 7 Thu 9, 8 Fri 10. */
    { "2020-12-18", 10, "2021-01-08" },
    /* Christmas 2025: 24 Wed – 26 Fri, 31 Wed, 1 Jan Thu, 6 Jan Tue off.
     * From Friday 19 December: 22 Mon 1, 23 Tue 2, [24–28], 29 Mon 3,
     * 30 Tue 4, [31–1], 2 Fri 5, [3–4], 5 Mon 6, [6], 7 Wed 7, 8 8,
     * 9 Fri 9, [10–11], 12 Mon 10. */
    { "2025-12-19", 10, "2026-01-12" },
    /* From a Saturday with no holiday near: Monday 8 March is the first,
     * Friday 12 the 5th, Friday 19 the 10th. From the Friday before, the
     * same. */
    { "2021-03-06", 10, "2021-03-19" },
    { "2021-03-05", 10, "2021-03-19" },
    /* Maundy Thursday 2025 works; Good Friday 18 April to Easter Monday 21
     * and May Day (Thursday) are off. 22 Tue 1, 23 2, 24 3, 25 Fri 4,
     * [26–27], 28 Mon 5, 29 6, 30 Wed 7, [1 May], 2 Fri 8, [3–4],
     * 5 Mon 9, 6 Tue 10. */
    { "2025-04-17", 10, "2025-05-06" },
    /* Ascension Day 2026 is Thursday 14 May; Whit Monday 25 May works.
     * 12 Tue 1, 13 Wed 2, [14], 15 Fri 3, [16–17], 18 Mon 4, 19 5, 20 6,
     * 21 7, 22 Fri 8, [23–24], 25 Mon 9, 26 Tue 10. */
    { "2026-05-11", 10, "2026-05-26" },
    /* Whit Monday 31 May 2004 was still off. 25 Tue 1, 26 2, 27 3, 28 Fri
     * 4, [29–31], 1 Jun Tue 5, 2 6, 3 7, 4 Fri 8, [5–6], 7 Mon 9,
     * 8 Tue 10. */
    { "2004-05-24", 10, "2004-06-08" },
    /* Whit Monday 16 May 2005 was not. From Friday 13 May: 16 Mon 1 …
     * 20 Fri 5, 23 Mon 6 … 27 Fri 10. */
    { "2005-05-13", 10, "2005-05-27" },
    /* National Day Monday 6 June 2005 was off. 2 Thu 1, 3 Fri 2, [4–6],
     * 7 Tue 3, 8 4, 9 5, 10 Fri 6, [11–12], 13 Mon 7, 14 8, 15 9,
     * 16 Thu 10. */
    { "2005-06-01", 10, "2005-06-16" },
    /* Easter 2100 is 28 March: Good Friday 26 March, Easter Monday 29.
     * 23 Tue 1, 24 2, 25 Thu 3, [26–29], 30 Tue 4, 31 Wed 5, 1 Apr Thu 6,
     * 2 Fri 7, [3–4], 5 Mon 8, 6 Tue 9, 7 Wed 10. */
    { "2100-03-22", 10, "2100-04-07" },
    /* Small steps: nothing moves with 0, even on a holiday; Friday + 1 is
     * Monday; a holiday + 1 is the next working day. */
    { "2020-04-10", 0, "2020-04-10" },
    { "2020-04-17", 1, "2020-04-20" },
    { "2020-04-10", 1, "2020-04-14" },
    { "2020-12-23", 1, "2020-12-28" },
    { "2021-12-23", 1, "2021-12-27" },
    { "2021-12-30", 1, "2022-01-03" },  /* 31 Friday and the weekend off */
    /* A whole year: 2021 has 261 weekdays, 8 of them holidays (1 and 6
     * January, 2 and 5 April, 13 May, 25 June, 24 and 31 December), so
     * 253 working days, the last on Thursday 30 December… */
    { "2020-12-31", 253, "2021-12-30" },
    /* …across the end of the kept years. */
    { "2199-12-30", 1, "2200-01-02" },  /* Mon; 31 Tue and 1 Jan Wed off */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate date;

      set_date (&date, cases[i].from);
      anv_workdays_add (&date, cases[i].n);
      assert_date (&date, cases[i].expected);
      if (cases[i].n > 0)
        g_assert_true (anv_workdays_is_working_day (&date));
    }
}

/* Counting working days */

static void
test_between (void)
{
  static const struct
  {
    const char *from;
    const char *to;
    guint expected;
  } cases[] = {
    { "2020-04-06", "2020-04-06", 0 },
    { "2020-04-22", "2020-04-06", 0 },   /* backwards */
    { "2020-04-06", "2020-04-22", 10 },
    { "2020-04-09", "2020-04-14", 1 },   /* only the Tuesday after Easter */
    { "2020-04-09", "2020-04-13", 0 },   /* Good Friday to Easter Monday */
    { "2020-12-31", "2021-01-01", 0 },   /* New Year's Day */
    { "2020-12-30", "2021-01-04", 1 },   /* only Monday 4 January */
    /* 2020: 262 weekdays, 10 of them holidays (1 and 6 January, 10 and 13
     * April, 1 and 21 May, 19 June, 24, 25 and 31 December). */
    { "2019-12-31", "2020-12-31", 252 },
    { "2020-12-31", "2021-12-31", 253 }, /* see /workdays/add */
    { "2019-12-31", "2021-12-31", 505 },
    { "2199-12-30", "2200-01-02", 1 },   /* out of the kept years */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate from, to;

      set_date (&from, cases[i].from);
      set_date (&to, cases[i].to);
      g_assert_cmpuint (anv_workdays_between (&from, &to), ==, cases[i].expected);
      g_assert_cmpuint (count_naively (&from, &to), ==, cases[i].expected);
    }
}

/* between (d, add (d, n)) == n, and add () stops on the first day that
 * reaches n. */
static void
test_inverse (void)
{
  GDate day;

  set_date (&day, "2020-01-01");
  for (; g_date_get_year (&day) <= 2021; g_date_add_days (&day, 1))
    {
      for (guint n = 0; n <= 15; n++)
        {
          GDate later = day;

          anv_workdays_add (&later, n);
          g_assert_cmpuint (anv_workdays_between (&day, &later), ==, n);
          if (n > 0)
            {
              GDate before = later;

              g_assert_true (anv_workdays_is_working_day (&later));
              g_date_subtract_days (&before, 1);
              g_assert_cmpuint (anv_workdays_between (&day, &before), ==, n - 1);
            }
        }
    }
}

/* The bitmap counts agree with a day-at-a-time count over spans of up to
 * three years, starting every fifth day of 2019–2020 and of 2198–2199 (so
 * crossing out of the kept years). */
static void
test_between_naive (void)
{
  static const char *starts[] = { "2019-01-01", "2198-01-01" };

  for (guint s = 0; s < G_N_ELEMENTS (starts); s++)
    {
      GDate from;

      set_date (&from, starts[s]);
      for (guint step = 0; step < 146; step++, g_date_add_days (&from, 5))
        {
          GDate to = from;
          guint count = 0;

          for (guint span = 1; span <= 1100; span++)
            {
              g_date_add_days (&to, 1);
              count += anv_workdays_is_working_day (&to);
              g_assert_cmpuint (anv_workdays_between (&from, &to), ==, count);
            }
        }
    }
}

/* Run with -m perf */
static void
test_perf (void)
{
  GDate start, date;
  guint total = 0;
  const guint n_calls = 1000000;
  double seconds;

  if (!g_test_perf ())
    {
      g_test_skip ("a benchmark: run with -m perf");
      return;
    }

  set_date (&start, "2020-01-01");
  g_test_timer_start ();
  for (guint i = 0; i < n_calls; i++)
    {
      date = start;
      g_date_add_days (&date, i % 3000);
      anv_workdays_add (&date, 10);
      total += g_date_get_day (&date);
    }
  seconds = g_test_timer_elapsed ();
  g_assert_cmpuint (total, >, 0);
  g_test_minimized_result (seconds * 1e9 / n_calls, "anv_workdays_add (10): %.0f ns per call",
                           seconds * 1e9 / n_calls);
}

/* Why a day is not a working day, in a sentence; NULL for a working day. */
static void
test_why_not_working (void)
{
  const struct
  {
    const char *date;
    const char *why;
  } cases[] = {
    { "2020-06-05", NULL },
    { "2020-06-06", "2020-06-06 is National Day of Sweden, not a working day." },
    { "2020-06-07", "2020-06-07 is a Sunday, not a working day." },
    { "2020-06-13", "2020-06-13 is a Saturday, not a working day." },
    { "2020-06-19", "2020-06-19 is Midsummer Eve, not a working day." },
    { "2020-04-13", "2020-04-13 is Easter Monday, not a working day." },
    { "2020-12-24", "2020-12-24 is Christmas Eve, not a working day." },
    { "2020-04-14", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *why = NULL;
      GDate date;

      set_date (&date, cases[i].date);
      why = anv_workdays_why_not_working (&date);
      g_assert_cmpstr (why, ==, cases[i].why);
      g_assert_cmpint (why == NULL, ==, anv_workdays_is_working_day (&date));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/workdays/easter", test_easter);
  g_test_add_func ("/workdays/holidays/2020", test_holidays_2020);
  g_test_add_func ("/workdays/holidays/2026", test_holidays_2026);
  g_test_add_func ("/workdays/holidays/whit-monday-national-day", test_whit_monday_national_day);
  g_test_add_func ("/workdays/holidays/moving-saturdays", test_moving_saturdays);
  g_test_add_func ("/workdays/holidays/coinciding", test_coinciding);
  g_test_add_func ("/workdays/holidays/every-year", test_list_every_year);
  g_test_add_func ("/workdays/add", test_add);
  g_test_add_func ("/workdays/why-not-working", test_why_not_working);
  g_test_add_func ("/workdays/between", test_between);
  g_test_add_func ("/workdays/between/inverse", test_inverse);
  g_test_add_func ("/workdays/between/naive", test_between_naive);
  g_test_add_func ("/workdays/perf", test_perf);

  return g_test_run ();
}
