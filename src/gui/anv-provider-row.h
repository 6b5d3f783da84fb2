/* anv-provider-row.h — one provider in a list to choose from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "anv-providers.h"

G_BEGIN_DECLS

#define ANV_TYPE_PROVIDER_ROW (anv_provider_row_get_type ())
G_DECLARE_FINAL_TYPE (AnvProviderRow, anv_provider_row, ANV, PROVIDER_ROW, GtkListBoxRow)

typedef enum
{
  ANV_PROVIDER_ROW_PLAIN,
  ANV_PROVIDER_ROW_DEFAULT,    /* the no-choice default (ickevalsalternativ) */
  ANV_PROVIDER_ROW_CURRENT,    /* the referral's provider now: shown, not chosen */
} AnvProviderRowMark;

/* The provider's name, its organisation number and home, and a tag:
 * "Current provider", "Outside the area" (@outside: not approved where
 * the job seeker lives) or "No-choice default", in that order. */
GtkWidget  *anv_provider_row_new              (const AnvProvider  *provider,
                                               AnvProviderRowMark  mark,
                                               gboolean            outside);

const char *anv_provider_row_get_orgnr        (AnvProviderRow     *self);
const char *anv_provider_row_get_name         (AnvProviderRow     *self);
gboolean    anv_provider_row_get_outside_area (AnvProviderRow     *self);

/* Marks the row chosen (a check, and ", chosen" for a screen reader). */
void        anv_provider_row_set_chosen       (AnvProviderRow     *self,
                                               gboolean            chosen);

G_END_DECLS
