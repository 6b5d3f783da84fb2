/* anv-workdays.h — Swedish working days and public holidays
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Every year has exactly this many holidays: 13 public ones by law plus
 * midsommarafton, julafton and nyårsafton. */
#define ANV_WORKDAYS_N_HOLIDAYS 16

typedef struct
{
  GDate       date;
  const char *name;       /* translated, static */
  gboolean    is_public;  /* FALSE for the de facto holidays */
} AnvHoliday;

/* The name of the holiday (or de facto holiday: midsommarafton, julafton,
 * nyårsafton) on @date, translated, or NULL if @date is none. When two fall
 * on one day (Ascension Day was 1 May in 2008) the one listed first by
 * anv_workdays_list_holidays() is named. */
const char *anv_workdays_holiday_name   (const GDate *date);

gboolean    anv_workdays_is_working_day (const GDate *date);

/* Why @date is not a working day, as a translated sentence ("2020-06-06
 * is National Day of Sweden, not a working day.", "… is a Sunday, …"),
 * or NULL when it is one. Free with g_free(). */
char       *anv_workdays_why_not_working (const GDate *date);

/* Moves @date forward by @n working days. With @n == 0 it is unchanged. */
void        anv_workdays_add            (GDate       *date,
                                         guint        n);

/* Working days after @from up to and including @to (0 if @to <= @from). */
guint       anv_workdays_between        (const GDate *from,
                                         const GDate *to);

/* Easter Sunday of @year (Gregorian). */
void        anv_workdays_get_easter     (GDateYear    year,
                                         GDate       *out);

/* Fills @out with the holidays of @year in date order and returns how many
 * (always ANV_WORKDAYS_N_HOLIDAYS). Nothing is allocated. */
guint       anv_workdays_list_holidays  (GDateYear    year,
                                         AnvHoliday   out[ANV_WORKDAYS_N_HOLIDAYS]);

G_END_DECLS
