/* anv-demo.h — a realistic 2020 of demo data, for trying Anvisa out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "anv-db.h"
#include "anv-import-report.h"

G_BEGIN_DECLS

#define ANV_DEMO_ERROR (anv_demo_error_quark ())

typedef enum
{
  ANV_DEMO_ERROR_NOT_EMPTY,   /* the database holds data already */
  ANV_DEMO_ERROR_DATA,        /* the shipped test personnummer are unreadable */
} AnvDemoError;

/* The month the demo's story is about, where the window goes after the
 * load ("Try the summary for April 2020", the import dialog says). */
#define ANV_DEMO_STORY_MONTH "2020-04"

/* The months in which the demo decides referrals: Stöd och matchning's
 * stock of 2020 from October 2018 on, to the end of 2020. */
#define ANV_DEMO_FIRST_MONTH "2018-10"
#define ANV_DEMO_LAST_MONTH  "2020-12"

GQuark   anv_demo_error_quark (void);

/* Fills an empty database with the year 2020: providers, delivery areas
 * and approvals for both services, job seekers (only Skatteverket's test
 * personnummer) and their referrals, decided, started, changed and ended
 * through the same rules as an officer's. Among them the seed's story:
 * 33 referrals to Rusta och matcha decided in April 2020, one of them
 * ended in April. The same data every time; all or nothing. Refuses a
 * database that holds job seekers, providers, areas or referrals.
 * @progress (may be NULL) is called now and then with the work done so
 * far and the whole. */
gboolean anv_demo_load        (AnvDb            *db,
                               AnvProgressFunc   progress,
                               gpointer          user_data,
                               GError          **error);

G_END_DECLS
