/* anv-referrals-private.h — what the files of the referral module share
 *
 * Only the anv-referral*.c files of src/core include this header.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "anv-db-private.h"
#include "anv-providers.h"
#include "anv-referrals.h"
#include "anv-summary-private.h"

G_BEGIN_DECLS

/* Reading and writing (anv-referrals.c) */

/* The job seeker's open referral's id, 0 if none, -1 with @error set. */
gint64       anv_referrals_find_open        (AnvDb              *db,
                                             gint64              seeker_id,
                                             GError            **error);

/* Refuses a second open referral, naming the open one (@open_id) when it
 * can be read. */
void         anv_referrals_set_open_error   (AnvDb              *db,
                                             gint64              open_id,
                                             GError            **error);

gboolean     anv_referrals_insert_provider_row (AnvDb           *db,
                                                gint64           referral_id,
                                                gint64           provider_id,
                                                const char      *from_date,
                                                gboolean         outside_area,
                                                GError         **error);

/* The summary's facts of @r, whose job seeker is @female or not and has
 * @personnummer (12 digits). */
void         anv_referrals_facts_of         (const AnvReferral  *r,
                                             gboolean            female,
                                             const char         *personnummer,
                                             AnvSummaryFacts    *facts);

/* Inside a transaction: takes the referral's old contribution (@before)
 * away from the summary and adds its new one. */
gboolean     anv_referrals_resummarize      (AnvDb              *db,
                                             const AnvReferral  *before,
                                             GError            **error);

gboolean     anv_referrals_audit            (AnvDb              *db,
                                             const char         *action,
                                             gint64              referral_id,
                                             const char         *details,
                                             GError            **error);

/* The id of the period rule of a referral of service @service decided on
 * @decided (SQL expressions): the latest valid on the decision date, or
 * else the service's first. The SQL twin of anv_period_rules_pick(). */
#define ANV_PERIOD_RULE_ID_SQL(service, decided) \
  "coalesce ((SELECT q.id FROM period_rule q WHERE q.service = " service \
  "             AND q.valid_from <= " decided " ORDER BY q.valid_from DESC LIMIT 1), " \
  "          (SELECT q.id FROM period_rule q WHERE q.service = " service \
  "           ORDER BY q.valid_from LIMIT 1))"

/* Periods (anv-referral-periods.c) */

/* Computes the referral's period's last day anew and stores it: inside
 * the transaction of every write that may change it. */
gboolean     anv_referrals_refresh_period   (AnvDb              *db,
                                             gint64              referral_id,
                                             GError            **error);

/* Choice before the deadline (anv-referral-choice.c) */

/* Records that the new referral @referral_id waits for the job seeker's
 * choice until @deadline. */
gboolean     anv_referrals_insert_choice_wait (AnvDb            *db,
                                               gint64            referral_id,
                                               const GDate      *deadline,
                                               GError          **error);

/* Counts the deadline of @r, whose choice is awaited, anew from the
 * decision day @decided_on (YYYY-MM-DD, corrected) and stores it. */
gboolean     anv_referrals_refresh_choice_deadline (AnvDb             *db,
                                                    const AnvReferral *r,
                                                    const char        *decided_on,
                                                    GError           **error);

/* Refuses @what (e.g. "A start") on @r while its choice is awaited,
 * saying what to do first. */
gboolean     anv_referrals_check_not_awaiting (const AnvReferral *r,
                                               const char        *what,
                                               GError           **error);

/* The rules (anv-referral-rules.c) */

/* @what (e.g. "The decision") may not be dated after @today. */
gboolean     anv_referrals_check_not_future (const GDate        *date,
                                             const GDate        *today,
                                             const char         *what,
                                             GError            **error);

/* @what on @date may not come before @earlier_what on @earlier (a date
 * as stored, or NULL: no such date). */
gboolean     anv_referrals_check_on_or_after (const GDate       *date,
                                              const char        *earlier,
                                              const char        *what,
                                              const char        *earlier_what,
                                              GError           **error);

/* The service to decide: the one that applies in the municipality on
 * @date; asking for the other (@wanted) is refused with the reason. */
gboolean     anv_referrals_choose_service   (AnvDb              *db,
                                             AnvService          wanted,
                                             const char         *municipality_code,
                                             const char         *municipality_name,
                                             const GDate        *date,
                                             AnvService         *out,
                                             GError            **error);

gboolean     anv_referrals_check_level      (AnvService          service,
                                             const char         *level,
                                             GError            **error);

/* The provider to record (NULL @orgnr: the no-choice default): approved
 * where the job seeker lives, or the job seeker's own choice outside the
 * area when the officer confirmed it; @out_outside_area tells which. */
AnvProvider *anv_referrals_choose_provider  (AnvDb              *db,
                                             const char         *orgnr,
                                             AnvProviderChoice   choice,
                                             gboolean            outside_area_confirmed,
                                             AnvService          service,
                                             const char         *municipality_code,
                                             const char         *municipality_name,
                                             const GDate        *date,
                                             const GDate        *today,
                                             gboolean           *out_outside_area,
                                             GError            **error);

/* A result (jobb, studier) ends a referral that has started; one not
 * started (@started_on NULL) ends with an interruption, which the summary
 * counts apart, as ended before the start. */
gboolean     anv_referrals_check_result_started (const char    *started_on,
                                                 AnvEndKind     kind,
                                                 GError       **error);

/* The start @planned may not come before the earliest start after the
 * decision @decided. */
gboolean     anv_referrals_check_planned_start (const GDate     *decided,
                                                const GDate     *planned,
                                                GError         **error);

G_END_DECLS
