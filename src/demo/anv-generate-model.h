/* anv-generate-model.h — the generator's model of places, services and providers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "anv-approvals.h"
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

/* The candidates for the no-choice default in a stretch of days with the
 * same approved providers, as the core gives them (their defaults unused:
 * the month's tally counts them). */
typedef struct
{
  guint                n;
  guint16             *providers;   /* index into AnvGenerateModel.providers */
  AnvDefaultCandidate *candidates;
} Stretch;

/* The no-choice defaults given in a place in one month, per provider. */
typedef struct
{
  guint16 provider;
  guint   count;
} Tally;

typedef struct
{
  char    code[5];
  GArray *periods;                  /* Period, by from */
  GArray *approved[N_SERVICES];     /* Approved, in the providers' order */
  GArray *changes[N_SERVICES];      /* guint32 days on which the approved set changes */
  GPtrArray *stretches[N_SERVICES]; /* Stretch per stretch between changes, NULL until
                                     * asked */
  guint   tally_month[N_SERVICES];  /* year * 12 + month of the tally; 0: none */
  GArray *tally[N_SERVICES];        /* Tally */
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
/* The no-choice default on @day, by the core's rule
 * (anv_providers_pick_default()) over the candidates the core gives once per
 * stretch of days with the same approved providers, and the model's own
 * tally of the defaults given in the month (the generated referrals are not
 * in the database yet); counts the one given. Ask in the order of the
 * decisions: a new month starts the tally anew. */
gboolean anv_generate_default_provider  (AnvGenerateModel  *model,
                                         Place             *place,
                                         ServiceIndex       s,
                                         guint32            day,
                                         guint16           *out,
                                         GError           **error);
/* Sets the tally of @day's month in @place to the defaults the database
 * holds (for comparing the model with the core). */
gboolean anv_generate_model_recount     (AnvGenerateModel  *model,
                                         Place             *place,
                                         ServiceIndex       s,
                                         guint32            day,
                                         GError           **error);

G_END_DECLS
