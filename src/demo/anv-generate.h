/* anv-generate.h — a large database of referrals, for benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "anv-db.h"
#include "anv-import-report.h"

G_BEGIN_DECLS

#define ANV_GENERATE_ERROR (anv_generate_error_quark ())

typedef enum
{
  ANV_GENERATE_ERROR_NOT_EMPTY,   /* the database holds data already */
  ANV_GENERATE_ERROR_COUNT,       /* zero, or more referrals than the people can have */
  ANV_GENERATE_ERROR_SERVICE,     /* no service or no approved provider somewhere */
  ANV_GENERATE_ERROR_DATA,        /* the shipped test personnummer are unreadable */
} AnvGenerateError;

GQuark   anv_generate_error_quark (void);

/* Fills an empty database with exactly @n_referrals referrals from
 * December 2014 to the end of 2026, for Skatteverket's test personnummer
 * (all of them registered; referred from the age of 16): each person's
 * referrals follow one another, each ended before the next is decided,
 * and about one in ten of those referred has no open referral at the end,
 * free to be referred anew. Every rule holds by construction (the service
 * that applies there and then, an approved provider, the start at least
 * ten working days after the decision); the rows are written in bulk and
 * the summary is counted once at the end, all in one transaction. The
 * same data for the same @n_referrals; at most about 3.4 million.
 * @progress may be NULL. */
gboolean anv_generate             (AnvDb            *db,
                                   guint64           n_referrals,
                                   AnvProgressFunc   progress,
                                   gpointer          user_data,
                                   GError          **error);

G_END_DECLS
