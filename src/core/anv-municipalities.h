/* anv-municipalities.h — Sweden's municipalities, counties and postal codes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "anv-db.h"

G_BEGIN_DECLS

#define ANV_MUNICIPALITY_ERROR (anv_municipality_error_quark ())

typedef enum
{
  ANV_MUNICIPALITY_ERROR_UNKNOWN,      /* no municipality has that code */
  ANV_MUNICIPALITY_ERROR_POSTAL_CODE,  /* malformed or unknown postal code */
  ANV_MUNICIPALITY_ERROR_REFERENCE,    /* the shipped reference data is unreadable */
} AnvMunicipalityError;

typedef struct
{
  char *code;          /* 4 digits, SCB */
  char *name;          /* "Umeå kommun" */
  char *short_name;    /* "Umeå" */
  char *county_code;   /* 2 digits */
  char *county_name;   /* "Västerbottens län" */
} AnvMunicipality;

typedef struct
{
  char *code;          /* 2 digits, SCB */
  char *name;          /* "Västerbottens län" */
  char *short_name;    /* "Västerbotten" */
} AnvCounty;

GQuark           anv_municipality_error_quark       (void);

void             anv_municipality_free              (AnvMunicipality *municipality);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnvMunicipality, anv_municipality_free)

AnvMunicipality *anv_municipalities_get             (AnvDb       *db,
                                                     const char  *code,
                                                     GError     **error);

/* All 290, ordered by code. A GPtrArray of AnvMunicipality. */
GPtrArray       *anv_municipalities_list            (AnvDb       *db,
                                                     GError     **error);

/* The municipality code of a postal code ("903 25" or "90325"). */
char            *anv_municipalities_for_postal_code (AnvDb       *db,
                                                     const char  *postal_code,
                                                     GError     **error);

/* Loads the tables that the lookups below use, if not yet: after this
 * they touch no database and may be called from another thread. */
gboolean         anv_municipalities_load_lookups    (AnvDb       *db,
                                                     GError     **error);

/* The same, from a table kept with @db for its life (the reference data
 * changes only with Anvisa itself): for lookups row after row. The result
 * belongs to @db. */
const AnvMunicipality *anv_municipalities_lookup    (AnvDb       *db,
                                                     const char  *code,
                                                     GError     **error);
/* @postal_code normalized already (5 digits). NULL with @error if unknown. */
const char      *anv_municipalities_lookup_postal   (AnvDb       *db,
                                                     const char  *postal_code,
                                                     GError     **error);

/* Normalizes a typed postal code to 5 digits, or NULL if malformed. */
char            *anv_postal_code_normalize          (const char  *text);

/* The official name of a municipality from its short name: "Umeå kommun",
 * "Kalix kommun", "Kalmar kommun", "Falu kommun". Every phrase that names
 * a municipality in full takes it from here (or from the stored name, which
 * is made by it). */
char            *anv_municipality_official_name     (const char  *short_name);

/* The official name of a county from its short name: "Västerbottens län",
 * "Skåne län", "Kalmar län", "Dalarnas län". */
char            *anv_county_official_name           (const char  *short_name);

/* For the migration that ships the reference data. */
gboolean         anv_municipalities_load_reference  (AnvDb       *db,
                                                     GError     **error);

/* For the migration that sets the stored names of municipalities and
 * counties to their official form (databases made before it had some
 * wrong: "Kalixs kommun"). */
gboolean         anv_municipalities_correct_names   (AnvDb       *db,
                                                     GError     **error);

void             anv_county_free                    (AnvCounty   *county);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnvCounty, anv_county_free)

/* Every county, by code: a GPtrArray of AnvCounty. */
GPtrArray       *anv_municipalities_list_counties   (AnvDb       *db,
                                                     GError     **error);

/* The postal codes Anvisa knows, by municipality: municipality code →
 * GPtrArray of its postal codes (strings, in ascending order). */
GHashTable      *anv_municipalities_list_postal_codes (AnvDb     *db,
                                                       GError   **error);

G_END_DECLS
