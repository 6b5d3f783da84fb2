/* anv-providers-page.h — providers, delivery areas and approvals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "anv-context.h"

G_BEGIN_DECLS

#define ANV_TYPE_PROVIDERS_PAGE (anv_providers_page_get_type ())
G_DECLARE_FINAL_TYPE (AnvProvidersPage, anv_providers_page, ANV, PROVIDERS_PAGE, GtkBox)

/* The page inserts the action group "providers": providers.new (the
 * provider form), providers.new-area, providers.approve and
 * providers.import (a CSV file, through a file chooser). It follows
 * @context and reports through it what it cannot show. */
GtkWidget *anv_providers_page_new         (AnvContext       *context);

GtkWidget *anv_providers_page_import_file (AnvProvidersPage *self,
                                           const char       *path);

G_END_DECLS
