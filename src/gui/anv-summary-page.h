/* anv-summary-page.h — the supervisor's live summary per municipality and month
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "anv-db.h"

G_BEGIN_DECLS

#define ANV_TYPE_SUMMARY_PAGE (anv_summary_page_get_type ())
G_DECLARE_FINAL_TYPE (AnvSummaryPage, anv_summary_page, ANV, SUMMARY_PAGE, GtkBox)

GtkWidget *anv_summary_page_new (AnvDb *db);

G_END_DECLS
