/* anv-availability.h — which matching service applies where, and when
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "anv-csv-import.h"
#include "anv-db.h"
#include "anv-import-report.h"

G_BEGIN_DECLS

#define ANV_AVAILABILITY_ERROR (anv_availability_error_quark ())

typedef enum
{
  ANV_AVAILABILITY_ERROR_SERVICE,    /* not KROM or STOM */
  ANV_AVAILABILITY_ERROR_PERIOD,     /* the end comes before the start */
} AnvAvailabilityError;

typedef enum
{
  ANV_SERVICE_NONE,
  ANV_SERVICE_KROM,
  ANV_SERVICE_STOM,
} AnvService;

typedef struct
{
  gint64      id;
  AnvService  service;
  char       *municipality_code;
  char       *valid_from;   /* YYYY-MM-DD */
  char       *valid_to;     /* YYYY-MM-DD, or NULL: until further notice */
} AnvAvailability;

GQuark      anv_availability_error_quark    (void);

const char *anv_service_code                (AnvService service);
/* The service's Swedish name, which is a name and is not translated. */
const char *anv_service_name                (AnvService service);
gboolean    anv_service_parse               (const char  *text,
                                             AnvService  *out,
                                             GError     **error);

void        anv_availability_free           (AnvAvailability *availability);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnvAvailability, anv_availability_free)

/* Whether the period @availability holds on @date: from its first day to
 * its last, both included, or on without end when it has none. The rule
 * of anv_availability_service_on() (ANV_AVAILABILITY_HOLDS_ON in SQL), for
 * periods already read. */
gboolean    anv_availability_holds_on       (const AnvAvailability *availability,
                                             const GDate           *date);

/* Whether the period ended before @date: it has a last day, and that day
 * lies before @date. */
gboolean    anv_availability_ended_before   (const AnvAvailability *availability,
                                             const GDate           *date);

/* Whether the period begins after @date: its first day lies after @date. */
gboolean    anv_availability_begins_after   (const AnvAvailability *availability,
                                             const GDate           *date);

/* The periods of one municipality, or of all when @municipality_code is
 * NULL, ordered by municipality and start. */
GPtrArray  *anv_availability_list           (AnvDb       *db,
                                             const char  *municipality_code,
                                             GError     **error);

/* The service that may be decided in the municipality on @date, or
 * ANV_SERVICE_NONE. */
AnvService  anv_availability_service_on     (AnvDb       *db,
                                             const char  *municipality_code,
                                             const GDate *date,
                                             GError     **error);

/* The municipalities where @service could be decided on at least one day
 * of @month (YYYY-MM): a set of their codes. */
GHashTable *anv_availability_offered_in_month (AnvDb       *db,
                                               AnvService   service,
                                               const char  *month,
                                               GError     **error);

/* Makes @service the one that applies in the municipality from @from to
 * @to (NULL: until further notice). Whatever applied there in that period
 * before — the same service or the other — gives way: one municipality
 * never has both. Audited. */
gboolean    anv_availability_set            (AnvDb       *db,
                                             AnvService   service,
                                             const char  *municipality_code,
                                             const GDate *from,
                                             const GDate *to,
                                             GError     **error);

/* A period that anv_availability_set_full() changed: @before as it was,
 * @after what is left of it (AnvAvailability: none when it was removed,
 * one when it was shortened at its start or its end, two when the new
 * period cut it in two). */
typedef struct
{
  AnvAvailability *before;
  GPtrArray       *after;
} AnvAvailabilityChange;

void        anv_availability_change_free    (AnvAvailabilityChange *change);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnvAvailabilityChange, anv_availability_change_free)

/* As anv_availability_set(), and tells which periods of the municipality
 * gave way: *@out_changes (may be NULL) receives a GPtrArray of
 * AnvAvailabilityChange in date order, empty when none did. */
gboolean    anv_availability_set_full       (AnvDb        *db,
                                             AnvService    service,
                                             const char   *municipality_code,
                                             const GDate  *from,
                                             const GDate  *to,
                                             GPtrArray   **out_changes,
                                             GError      **error);

/* Applies a CSV file of periods (columns service, municipality, valid_from,
 * valid_to), in file order, all or nothing; bad rows: ANV_IMPORT_ERROR_BAD_ROWS. */
gboolean    anv_availability_import         (AnvDb           *db,
                                             const char      *path,
                                             AnvImportReport *report,
                                             GError         **error);

gboolean    anv_availability_load_reference (AnvDb       *db,
                                             GError     **error);

G_END_DECLS
