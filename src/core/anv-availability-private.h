/* anv-availability-private.h — the availability rule as SQL, for the core's statements
 *
 * Only files in src/core include this header.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "anv-availability.h"

G_BEGIN_DECLS

/* anv_availability_holds_on() as SQL, for the service_availability table
 * aliased @s and the date (a placeholder, "?2") @day: keep the two alike. */
#define ANV_AVAILABILITY_HOLDS_ON(s, day) \
  s ".valid_from <= " day " AND (" s ".valid_to IS NULL OR " s ".valid_to >= " day ")"

G_END_DECLS
