/* anv-delivery-areas.h — delivery areas (leveransområden): named sets of municipalities
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "anv-availability.h"
#include "anv-db.h"

G_BEGIN_DECLS

/* Errors are ANV_PROVIDER_ERROR_AREA and ANV_PROVIDER_ERROR_NAME
 * (anv-providers.h). */
typedef struct
{
  gint64      id;
  char       *name;
  AnvService  service;
  GStrv       municipality_codes;   /* sorted */
} AnvArea;

void         anv_area_free                 (AnvArea     *area);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnvArea, anv_area_free)

/* A named delivery area for one service; audited. */
gboolean     anv_areas_add                 (AnvDb              *db,
                                            const char         *name,
                                            AnvService          service,
                                            const char * const *municipality_codes,
                                            GError            **error);
/* All areas, by name. A GPtrArray of AnvArea. */
GPtrArray   *anv_areas_list                (AnvDb        *db,
                                            GError      **error);

G_END_DECLS
