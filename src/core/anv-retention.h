/* anv-retention.h — retention (gallring): removing job seekers whose referrals all ended
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "anv-db.h"

G_BEGIN_DECLS

#define ANV_RETENTION_ERROR (anv_retention_error_quark ())

typedef enum
{
  ANV_RETENTION_ERROR_DATE,   /* the date is in the future */
} AnvRetentionError;

GQuark   anv_retention_error_quark (void);

/* How many job seekers anv_retention_run() would remove: those with at
 * least one referral, every one of which ended (or was annulled) before
 * @ended_before, and none open. */
gboolean anv_retention_count       (AnvDb       *db,
                                    const GDate *ended_before,
                                    guint64     *out_seekers,
                                    GError     **error);

/* Removes those job seekers with their referrals, provider history and
 * corrections, and their names from the search index, in one transaction
 * with an audit entry that gives the counts (never names). The kept
 * summary is not touched: its counts stay as they were, although a
 * recount from the remaining referrals (anv_summary_rebuild) would no
 * longer see the removed ones. Afterwards the write-ahead log is copied
 * into the file, so that with secure_delete nothing of them is left.
 * @today guards against a date in the future. */
gboolean anv_retention_run         (AnvDb       *db,
                                    const GDate *ended_before,
                                    const GDate *today,
                                    guint64     *out_seekers,
                                    guint64     *out_referrals,
                                    GError     **error);

G_END_DECLS
