/* anv-generate-model.h — the generator's model of places, services and providers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "anv-availability.h"
#include "anv-db.h"

G_BEGIN_DECLS

#define NO_DAY      0
#define OPEN_END    G_MAXUINT32
#define NO_PROVIDER G_MAXUINT16


typedef enum
{
  SERVICE_KROM,
  SERVICE_STOM,
  N_SERVICES
} ServiceIndex;



/* A service's period in a municipality; @to is OPEN_END if none. */
typedef struct
{
  guint32      from;
  guint32      to;
  ServiceIndex service;
} Period;

/* A provider's approval there, with the provider as an index into
 * AnvGenerateModel.providers. */
typedef struct
{
  guint16 provider;
  guint32 from;
  guint32 to;
} Approved;

typedef struct
{
  char    code[5];
  GArray *periods;                  /* Period, by from */
  GArray *approved[N_SERVICES];     /* Approved, in the providers' order */
  GArray *changes[N_SERVICES];      /* guint32 days on which the approved set changes */
  GArray *nearest[N_SERVICES];      /* gint: provider index per stretch between changes,
                                     * -1 until asked */
} Place;

typedef struct
{
  gint64 id;
  char   orgnr[11];
} Provider;

/* The model: read once, then asked. */
typedef struct
{
  AnvDb      *db;
  GArray     *places;                    /* Place, by code */
  GHashTable *place_index;               /* code → index + 1 */
  GArray     *providers;                 /* Provider, in the core's order of choice */
  GHashTable *provider_index;            /* orgnr → index + 1 */
  GArray     *all_approved[N_SERVICES];  /* Approved, any area */
} AnvGenerateModel;

static inline AnvService
anv_generate_service (ServiceIndex s)
{
  return s == SERVICE_KROM ? ANV_SERVICE_KROM : ANV_SERVICE_STOM;
}

/* Every municipality, its service periods, the active providers and their
 * approvals, through the core's list functions. */
gboolean anv_generate_model_read        (AnvGenerateModel  *model,
                                         AnvDb             *db,
                                         GError           **error);
void     anv_generate_model_clear       (AnvGenerateModel  *model);

/* The service that may be decided in @place on @day, or -1. */
int      anv_generate_service_on        (const Place       *place,
                                         guint32            day);
/* The first day from @day to @limit on which a service applies, or
 * NO_DAY. */
guint32  anv_generate_first_service_day (const Place       *place,
                                         guint32            day,
                                         guint32            limit);
/* The providers approved there and then, in order; returns how many. */
guint    anv_generate_approved_on       (const Place       *place,
                                         ServiceIndex       s,
                                         guint32            day,
                                         guint16           *out,
                                         guint              max);
/* The no-choice default: what the core proposes, asked once per stretch
 * of days with the same approved providers. */
gboolean anv_generate_nearest_provider  (AnvGenerateModel  *model,
                                         Place             *place,
                                         ServiceIndex       s,
                                         guint32            day,
                                         guint16           *out,
                                         GError           **error);

G_END_DECLS
