/* anv-providers-page.h — providers, delivery areas and approvals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "anv-context.h"
#include "anv-db.h"

G_BEGIN_DECLS

#define ANV_TYPE_PROVIDERS_PAGE (anv_providers_page_get_type ())
G_DECLARE_FINAL_TYPE (AnvProvidersPage, anv_providers_page, ANV, PROVIDERS_PAGE, GtkBox)

/* The page inserts the action group "providers": providers.new (the
 * provider form), providers.new-area, providers.approve and
 * providers.import (a CSV file, through a file chooser). It follows its
 * AnvContext; given a database alone, it makes a context of its own and
 * shows that context's errors in the window. */
GtkWidget *anv_providers_page_new             (AnvDb            *db);
GtkWidget *anv_providers_page_new_for_context (AnvContext       *context);

GtkWidget *anv_providers_page_import_file     (AnvProvidersPage *self,
                                               const char       *path);

G_END_DECLS
