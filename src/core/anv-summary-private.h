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
} AnvSummaryFacts;

/* Adds (@sign = 1) or takes away (@sign = -1) a referral's contribution,
 * inside the caller's transaction. Its cost depends on the number of
 * months with activity after the referral's months in that municipality,
 * never on the number of referrals. */
gboolean anv_summary_apply (AnvDb                 *db,
                            const AnvSummaryFacts *facts,
                            int                    sign,
                            GError               **error);

G_END_DECLS
