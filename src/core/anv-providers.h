/* anv-providers.h — providers (leverantörer), delivery areas, approvals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "anv-approvals.h"
#include "anv-availability.h"
#include "anv-db.h"
#include "anv-import-report.h"

G_BEGIN_DECLS

#define ANV_PROVIDER_ERROR (anv_provider_error_quark ())

typedef enum
{
  ANV_PROVIDER_ERROR_DUPLICATE,     /* the organisationsnummer is registered */
  ANV_PROVIDER_ERROR_NOT_FOUND,     /* no such provider */
  ANV_PROVIDER_ERROR_NAME,          /* empty, too long, not text */
  ANV_PROVIDER_ERROR_AREA,          /* unknown area, duplicate name, empty or wrong service */
  ANV_PROVIDER_ERROR_PERIOD,        /* end before start */
  ANV_PROVIDER_ERROR_IMPORT,        /* an import had bad rows; nothing stored */
  ANV_PROVIDER_ERROR_REFERENCE,     /* the shipped map data is unreadable */
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

typedef struct
{
  gint64      id;
  char       *name;
  AnvService  service;
  GStrv       municipality_codes;   /* sorted */
} AnvArea;

GQuark       anv_provider_error_quark      (void);

void         anv_provider_free             (AnvProvider *provider);
void         anv_area_free                 (AnvArea     *area);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnvProvider, anv_provider_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnvArea, anv_area_free)

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
/* CSV with orgnr, name, municipality (Swedish headings too); all or
 * nothing, every bad row reported, as for job seekers. */
gboolean     anv_providers_import          (AnvDb           *db,
                                            const char      *path,
                                            const GDate     *today,
                                            AnvImportReport *report,
                                            GError         **error);

/* A named delivery area for one service; audited. */
gboolean     anv_areas_add                 (AnvDb              *db,
                                            const char         *name,
                                            AnvService          service,
                                            const char * const *municipality_codes,
                                            GError            **error);
GPtrArray   *anv_areas_list                (AnvDb        *db,
                                            GError      **error);

/* Approves a provider for the area's service in the area, from @from to
 * @to (NULL: until further notice); audited. */
gboolean     anv_providers_approve         (AnvDb        *db,
                                            const char   *orgnr,
                                            const char   *area_name,
                                            const GDate  *from,
                                            const GDate  *to,
                                            const GDate  *today,
                                            GError      **error);
GPtrArray   *anv_approvals_list            (AnvDb        *db,
                                            GError      **error);

/* Whether the provider is approved for @service in an area containing the
 * municipality on @date. */
gboolean     anv_providers_is_approved     (AnvDb        *db,
                                            gint64        provider_id,
                                            AnvService    service,
                                            const char   *municipality_code,
                                            const GDate  *date,
                                            gboolean     *out_approved,
                                            GError      **error);
/* The active providers approved there and then, by name. */
GPtrArray   *anv_providers_approved_for    (AnvDb        *db,
                                            AnvService    service,
                                            const char   *municipality_code,
                                            const GDate  *date,
                                            GError      **error);
/* The no-choice default (ickevalsalternativ): of the providers approved
 * there and then, the one whose own municipality's centre is nearest the
 * municipality's centre. NULL, with @error set, when none is approved. */
AnvProvider *anv_providers_propose_nearest (AnvDb        *db,
                                            AnvService    service,
                                            const char   *municipality_code,
                                            const GDate  *date,
                                            GError      **error);

/* The centre point (WGS 84 degrees) of a municipality, from which
 * distances to providers are measured. */
gboolean     anv_providers_get_centre      (AnvDb        *db,
                                            const char   *municipality_code,
                                            double       *out_lat,
                                            double       *out_lon,
                                            GError      **error);

/* For the migration: municipality centre points from the shipped GeoJSON. */
gboolean     anv_providers_load_reference  (AnvDb        *db,
                                            GError      **error);
/* The same from @stream (a GeoJSON FeatureCollection whose features have
 * properties.id, the SCB code, and properties.geo_point_2d, [lat, lon] or
 * {"lat": …, "lon": …}). Inside a transaction; afterwards every
 * municipality must have a centre. */
gboolean     anv_providers_load_centres    (AnvDb        *db,
                                            GInputStream *stream,
                                            GError      **error);
/* Reads and checks @stream as anv_providers_load_centres() does, without a
 * database: how many centres it holds. The fuzzer feeds it any bytes. */
gboolean     anv_providers_read_centres    (GInputStream *stream,
                                            guint        *out_n_centres,
                                            GError      **error);

G_END_DECLS
