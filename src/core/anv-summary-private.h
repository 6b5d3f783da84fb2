/* anv-summary-private.h — how the referrals keep the summary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "anv-summary.h"

G_BEGIN_DECLS

typedef enum
{
  ANV_SUMMARY_END_NONE,
  ANV_SUMMARY_END_JOB,
  ANV_SUMMARY_END_STUDIES,
  ANV_SUMMARY_END_INTERRUPTED,
} AnvSummaryEnd;

/* The breakdowns kept in summary_part, in the order of
 * AnvSummaryFacts.part. */
typedef enum
{
  ANV_SUMMARY_KEPT_PROVIDER,
  ANV_SUMMARY_KEPT_LEVEL,
  ANV_SUMMARY_KEPT_AGE,
  ANV_SUMMARY_N_KEPT
} AnvSummaryKept;

/* What of a referral the summary counts. */
typedef struct
{
  AnvService    service;
  char          municipality_code[5];
  gboolean      female;
  gboolean      annulled;
  char          decided_on[11];
  char          started_on[11];   /* "" if not started */
  char          ended_on[11];     /* "" if open */
  char          period_end[11];   /* the period's last day */
  AnvSummaryEnd end;
  char          part[ANV_SUMMARY_N_KEPT][12];  /* its part of each kept breakdown:
                                                * the current provider's orgnr (or
                                                * ANV_SUMMARY_PART_NO_PROVIDER), the
                                                * level, the age group */
} AnvSummaryFacts;

/* The age group ("16-24", "25-54", "55-64", "65+") at @decided_on
 * ("YYYY-MM-DD") of the person @personnummer (12 digits, as stored), into
 * @out. Our rule: younger than 16 counts in 16-24; a samordningsnummer
 * without month or day is counted as born on the 1st (of January). */
void     anv_summary_age_part (const char *personnummer,
                               const char *decided_on,
                               char        out[12]);

/* Adds (@sign = 1) or takes away (@sign = -1) a referral's contribution,
 * inside the caller's transaction. Its cost depends on the number of
 * months with activity after the referral's months in that municipality,
 * never on the number of referrals. */
gboolean anv_summary_apply (AnvDb                 *db,
                            const AnvSummaryFacts *facts,
                            int                    sign,
                            GError               **error);

G_END_DECLS
