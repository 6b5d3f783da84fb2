/* anv-providers-page.h — providers, delivery areas and approvals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "anv-db.h"

G_BEGIN_DECLS

#define ANV_TYPE_PROVIDERS_PAGE (anv_providers_page_get_type ())
G_DECLARE_FINAL_TYPE (AnvProvidersPage, anv_providers_page, ANV, PROVIDERS_PAGE, GtkBox)

GtkWidget *anv_providers_page_new (AnvDb *db);

G_END_DECLS
