/* anv-referral-row.h — one referral in a job seeker's history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "anv-referrals.h"

G_BEGIN_DECLS

#define ANV_TYPE_REFERRAL_ROW (anv_referral_row_get_type ())
G_DECLARE_FINAL_TYPE (AnvReferralRow, anv_referral_row, ANV, REFERRAL_ROW, GtkListBoxRow)

/* A row that shows @referral: its service and level, whether it is open,
 * ended or annulled, where it was decided, and its events in order (the
 * decision, the providers, the start or the planned start, the end, named
 * by @end_reasons, AnvEndReason, when it has the code), and its period's
 * last day, marked as run out when it is before @today and still open. */
GtkWidget *anv_referral_row_new (const AnvReferral *referral,
                                 GPtrArray         *end_reasons,
                                 const GDate       *today);

/* Shows @period (anv_referral_describe_period(), or NULL: @box hidden) in
 * @label, with @icon, a warning sign, and in bold when it has run out:
 * the row and the detail pane say it alike. */
void       anv_referral_row_show_period (GtkWidget  *box,
                                         GtkImage   *icon,
                                         GtkLabel   *label,
                                         const char *period,
                                         gboolean    overdue);

G_END_DECLS
