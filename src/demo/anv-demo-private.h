/* anv-demo-private.h — what the demo data and the generator share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "anv-db.h"

G_BEGIN_DECLS

/* The day STOM's providers were approved from, and the first day of the
 * national Rusta och matcha approvals the generator adds. */
#define ANV_DEMO_STOM_APPROVED_FROM   "2014-12-01"
#define ANV_DEMO_KROM_PILOT_FROM      "2020-03-30"
#define ANV_DEMO_KROM_NATIONAL_FROM   "2021-05-18"

/* Weighted choice among items (indexes), deterministic with a seeded
 * GRand. */
typedef struct
{
  GArray  *items;        /* guint */
  GArray  *cumulative;   /* guint64: the weights summed up to each item */
  guint64  total;
} AnvDemoWeights;

void        anv_demo_weights_init      (AnvDemoWeights *weights);
void        anv_demo_weights_clear     (AnvDemoWeights *weights);
void        anv_demo_weights_add       (AnvDemoWeights *weights,
                                        guint           item,
                                        guint           weight);
/* An item, or G_MAXUINT when there are none. */
guint       anv_demo_weights_pick      (const AnvDemoWeights *weights,
                                        GRand                *rand);

/* Skatteverket's test personnummer shipped with Anvisa (12 digits), each
 * once, in the file's order. A GPtrArray of strings. */
GPtrArray  *anv_demo_read_test_numbers (GError     **error);
/* Skatteverket's test samordningsnummer, likewise. */
GPtrArray  *anv_demo_read_test_coordination_numbers (GError **error);

/* Whether the database holds job seekers, providers, delivery areas or
 * referrals. */
gboolean    anv_demo_has_data          (AnvDb       *db,
                                        gboolean    *out_has_data,
                                        GError     **error);

/* The municipality's population in 2020, roughly, in thousands. */
guint       anv_demo_population        (const char  *municipality_code);

/* The delivery area of the KROM pilot the municipality belongs to, or
 * NULL outside the pilot. */
const char *anv_demo_pilot_area        (const char  *municipality_code);

/* A common Swedish name. */
char       *anv_demo_make_name         (GRand       *rand,
                                        gboolean     female);

/* Women have an even second-to-last digit. */
gboolean    anv_demo_is_female         (const char  *digits12);

/* A postal code of the municipality at random (@postal_codes as
 * anv_municipalities_list_postal_codes() gives them), or NULL if it has
 * none. */
const char *anv_demo_pick_postal_code  (GHashTable  *postal_codes,
                                        const char  *municipality_code,
                                        GRand       *rand);

/* Providers with invented names and organisationsnummer, delivery areas
 * and approvals, through the core: STOM in every county from 2014-12-01,
 * KROM in the pilot's six areas from 2020-03-30, and with @national_krom
 * KROM in the rest of every county from 2021-05-18. Always the same. */
gboolean    anv_demo_add_providers     (AnvDb       *db,
                                        gboolean     national_krom,
                                        GError     **error);

/* Dates as Julian day numbers, and chance: what the demo and the generator
 * share. */
guint32     anv_demo_julian_of         (guint        year,
                                        guint        month,
                                        guint        day);
void        anv_demo_date_of           (guint32      julian,
                                        GDate       *out);
gboolean    anv_demo_is_working_day    (guint32      julian);
guint32     anv_demo_add_working_days  (guint32      julian,
                                        guint        n);
guint32     anv_demo_add_months        (guint32      julian,
                                        guint        months);
/* A number from @low to @high, both included. */
guint       anv_demo_uniform           (GRand       *rand,
                                        guint        low,
                                        guint        high);
gboolean    anv_demo_chance            (GRand       *rand,
                                        guint        per_mille);
void        anv_demo_shuffle           (GPtrArray   *array,
                                        GRand       *rand);

G_END_DECLS
