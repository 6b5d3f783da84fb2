/* anv-default-shares.h — each provider's share of a month's no-choice defaults
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "anv-db.h"

G_BEGIN_DECLS

#define ANV_TYPE_DEFAULT_SHARES (anv_default_shares_get_type ())
G_DECLARE_FINAL_TYPE (AnvDefaultShares, anv_default_shares, ANV, DEFAULT_SHARES, GtkBox)

/* A list of the providers page for the supervisor: per municipality and
 * service, each provider's no-choice defaults (ickevalsalternativ) in a
 * month, its own choices and its share of the municipality's defaults,
 * from anv_providers_default_shares(), with buttons for the month before
 * and after. */

/* Reads the month shown again from @db; until a month is chosen, the
 * latest month with data, or @today's. */
void        anv_default_shares_reload    (AnvDefaultShares *self,
                                          AnvDb            *db,
                                          const GDate      *today);
/* Shows @month (YYYY-MM). */
void        anv_default_shares_set_month (AnvDefaultShares *self,
                                          const char       *month);
const char *anv_default_shares_get_month (AnvDefaultShares *self);

G_END_DECLS
