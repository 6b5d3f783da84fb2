/* anv-providers.h — providers (leverantörer): registering, finding, listing
 *
 * Delivery areas are in anv-delivery-areas.h, approvals in
 * anv-approvals.h, the import from CSV in anv-provider-import.h and the
 * municipalities' centre points in anv-map.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "anv-availability.h"
#include "anv-db.h"

G_BEGIN_DECLS

#define ANV_PROVIDER_ERROR (anv_provider_error_quark ())

/* For providers, delivery areas and approvals alike. */
typedef enum
{
  ANV_PROVIDER_ERROR_DUPLICATE,     /* the organisationsnummer is registered */
  ANV_PROVIDER_ERROR_NOT_FOUND,     /* no such provider */
  ANV_PROVIDER_ERROR_NAME,          /* empty, too long, not text */
  ANV_PROVIDER_ERROR_AREA,          /* unknown area, duplicate name, empty or wrong service */
  ANV_PROVIDER_ERROR_PERIOD,        /* end before start */
} AnvProviderError;

typedef struct
{
  gint64   id;
  char    *orgnr;               /* 10 digits */
  char    *name;
  char    *municipality_code;
  char    *municipality_name;
  gboolean active;
} AnvProvider;

GQuark       anv_provider_error_quark      (void);

void         anv_provider_free             (AnvProvider *provider);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnvProvider, anv_provider_free)

/* Validates (organisationsnummer, name, municipality) and stores; audited. */
AnvProvider *anv_providers_add             (AnvDb        *db,
                                            const char   *orgnr,
                                            const char   *name,
                                            const char   *municipality_code,
                                            const GDate  *today,
                                            GError      **error);
/* By organisationsnummer in any accepted form. */
AnvProvider *anv_providers_get             (AnvDb        *db,
                                            const char   *orgnr,
                                            const GDate  *today,
                                            GError      **error);
AnvProvider *anv_providers_get_by_id       (AnvDb        *db,
                                            gint64        id,
                                            GError      **error);
/* All providers, by name. A GPtrArray of AnvProvider. */
GPtrArray   *anv_providers_list            (AnvDb        *db,
                                            GError      **error);

G_END_DECLS
