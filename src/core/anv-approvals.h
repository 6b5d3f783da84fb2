/* anv-approvals.h — approvals of providers for delivery areas, and when one holds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "anv-availability.h"

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

G_END_DECLS
