/* anv-approvals.h — approvals of providers for delivery areas, and when one holds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "anv-availability.h"
#include "anv-db.h"
#include "anv-providers.h"

G_BEGIN_DECLS

typedef struct
{
  gint64      id;
  char       *orgnr;
  char       *provider_name;
  char       *area_name;
  AnvService  service;
  char       *valid_from;           /* YYYY-MM-DD, the first day */
  char       *valid_to;             /* YYYY-MM-DD, the last day; NULL: until further notice */
} AnvApproval;

void         anv_approval_free             (AnvApproval *approval);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnvApproval, anv_approval_free)

/* Whether @approval holds on @date: from its first day to its last, both
 * included, or on without end when it has none. The same rule as the
 * database's (valid_from <= date AND (valid_to IS NULL OR valid_to >= date)),
 * for approvals already read. */
gboolean     anv_approval_holds_on         (const AnvApproval *approval,
                                            const GDate       *date);

/* Whether @approval ended before @date: it has a last day, and that day
 * lies before @date. An approval that starts after @date has not ended. */
gboolean     anv_approval_ended_before     (const AnvApproval *approval,
                                            const GDate       *date);

/* Errors are ANV_PROVIDER_ERROR (anv-providers.h): NOT_FOUND, AREA, PERIOD. */

/* Approves a provider for the area's service in the area, from @from to
 * @to (NULL: until further notice); audited. */
gboolean     anv_providers_approve         (AnvDb        *db,
                                            const char   *orgnr,
                                            const char   *area_name,
                                            const GDate  *from,
                                            const GDate  *to,
                                            const GDate  *today,
                                            GError      **error);
/* Ends the provider's approval in the area that holds on @last_day (one
 * without a last day, or with a later one): @last_day becomes its last
 * day; audited. Refused when no approval holds then: none in the area, one
 * that ended earlier (the message says when), or one that starts later. */
gboolean     anv_providers_end_approval    (AnvDb        *db,
                                            const char   *orgnr,
                                            const char   *area_name,
                                            const GDate  *last_day,
                                            const GDate  *today,
                                            GError      **error);
/* Every approval, by provider, area and start. A GPtrArray of AnvApproval. */
GPtrArray   *anv_approvals_list            (AnvDb        *db,
                                            GError      **error);

/* Whether the provider is approved for @service in an area containing the
 * municipality on @date. */
gboolean     anv_providers_is_approved     (AnvDb        *db,
                                            gint64        provider_id,
                                            AnvService    service,
                                            const char   *municipality_code,
                                            const GDate  *date,
                                            gboolean     *out_approved,
                                            GError      **error);
/* The active providers approved there and then, by name. */
GPtrArray   *anv_providers_approved_for    (AnvDb        *db,
                                            AnvService    service,
                                            const char   *municipality_code,
                                            const GDate  *date,
                                            GError      **error);
/* The active providers approved for @service in any area on @date, by
 * name: those a job seeker may choose outside the area where they live.
 * The one rule for "approved anywhere"; anv_referrals_choose_provider()
 * and the provider chooser both ask it. A GPtrArray of AnvProvider. */
GPtrArray   *anv_approvals_list_approved_anywhere (AnvDb        *db,
                                                   AnvService    service,
                                                   const GDate  *date,
                                                   GError      **error);
/* The no-choice default (ickevalsalternativ), our rule: of the providers
 * approved for @service in the municipality on @date, the one given the
 * fewest no-choice defaults in the municipality in @date's calendar month;
 * of equally few, the one whose own municipality's centre is nearest the
 * municipality's centre; of those, a rotation by the day
 * (anv_providers_pick_default()). NULL, with @error set, when none is
 * approved. The CLI, the window and the demo all ask this. */
AnvProvider *anv_providers_propose_default (AnvDb        *db,
                                            AnvService    service,
                                            const char   *municipality_code,
                                            const GDate  *date,
                                            GError      **error);

/* A provider that may be given the no-choice default. */
typedef struct
{
  gint64  provider_id;
  guint   defaults;       /* no-choice defaults given it in the month, in the municipality */
  double  distance;       /* km from its municipality's centre to the job seeker's */
} AnvDefaultCandidate;

/* The providers approved there and then, by name, as candidates for the
 * no-choice default (a GArray of AnvDefaultCandidate); @out_providers
 * (nullable) gets their AnvProvider in the same order. */
GArray      *anv_providers_default_candidates (AnvDb        *db,
                                               AnvService    service,
                                               const char   *municipality_code,
                                               const GDate  *date,
                                               GPtrArray   **out_providers,
                                               GError      **error);

/* The rule itself, on candidates already read: the index of the one with
 * the fewest defaults, then the shortest distance; of those still equal,
 * ordered by provider id, the one at the day's Julian number modulo their
 * count, so that the result is the same for the same day and moves on
 * with the days. @n must be at least 1. */
guint        anv_providers_pick_default    (const AnvDefaultCandidate *candidates,
                                            guint                      n,
                                            const GDate               *date);

/* The no-choice defaults of one batch on one day (assigning the defaults
 * of the referrals whose choice ran out, moving those of a provider that
 * leaves): each municipality's candidates read once, and each default
 * given counted at once, so that the batch spreads its defaults as the
 * same decisions one after the other would. */
typedef struct _AnvDefaultPool AnvDefaultPool;

AnvDefaultPool    *anv_default_pool_new  (AnvDb          *db,
                                          const GDate    *date);
void               anv_default_pool_free (AnvDefaultPool *pool);
/* The provider the next default of @service in @municipality_code goes
 * to, other than @except_provider_id (0: none), counted at once. NULL
 * with @error unset when no other provider is approved there; NULL with
 * @error set when the candidates cannot be read. The pool owns it. */
const AnvProvider *anv_default_pool_pick (AnvDefaultPool *pool,
                                          AnvService      service,
                                          const char     *municipality_code,
                                          gint64          except_provider_id,
                                          GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnvDefaultPool, anv_default_pool_free)

/* A provider's share of the no-choice defaults in a municipality in a
 * month: its own choices there beside. */
typedef struct
{
  char       *municipality_code;
  char       *municipality_name;
  AnvService  service;
  char       *orgnr;
  char       *provider_name;
  guint       defaults;                /* no-choice defaults given it */
  guint       own_choices;             /* the job seekers' own choices of it */
  guint       municipality_defaults;   /* all no-choice defaults there for the service */
} AnvDefaultShare;

void         anv_default_share_free        (AnvDefaultShare *share);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnvDefaultShare, anv_default_share_free)

/* Per municipality and service, each provider that was given a referral
 * decided in @month (YYYY-MM) there, or was approved there in the month
 * where referrals were decided: by the municipality's name, the service,
 * most defaults first. @service ANV_SERVICE_NONE: both; @municipality_code
 * NULL: every municipality. A GPtrArray of AnvDefaultShare. A referral
 * counts for the provider it was decided with, even if changed later;
 * annulled referrals count nowhere. */
GPtrArray   *anv_providers_default_shares  (AnvDb        *db,
                                            const char   *month,
                                            AnvService    service,
                                            const char   *municipality_code,
                                            GError      **error);

G_END_DECLS
