/* anv-publish-private.h — how the audit log records the revisions of closed months
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "anv-publish.h"

G_BEGIN_DECLS

/* Called by anv_audit_append() right after it wrote entry @audit_id,
 * inside the write's transaction: compares every cell of a closed month
 * that the write touched (kept by the schema's triggers on the summary)
 * with its figures as published and last revised, records a revision for
 * each column that differs, in the name of @audit_id, and forgets the
 * touched cells. Costs one indexed look-up when no closed month was
 * touched. */
gboolean anv_publish_record_revisions (AnvDb   *db,
                                       gint64   audit_id,
                                       GError **error);

G_END_DECLS
