/* anv-seekers-page.h — the officer's home: find, register and follow job seekers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "anv-db.h"

G_BEGIN_DECLS

#define ANV_TYPE_SEEKERS_PAGE (anv_seekers_page_get_type ())
G_DECLARE_FINAL_TYPE (AnvSeekersPage, anv_seekers_page, ANV, SEEKERS_PAGE, GtkBox)

GtkWidget *anv_seekers_page_new (AnvDb *db);

G_END_DECLS
