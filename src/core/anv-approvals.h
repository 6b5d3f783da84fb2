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
/* The no-choice default (ickevalsalternativ): of the providers approved
 * there and then, the one whose own municipality's centre is nearest the
 * municipality's centre. NULL, with @error set, when none is approved. */
AnvProvider *anv_providers_propose_nearest (AnvDb        *db,
                                            AnvService    service,
                                            const char   *municipality_code,
                                            const GDate  *date,
                                            GError      **error);

G_END_DECLS
