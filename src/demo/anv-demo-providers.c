/* anv-demo-providers.c — the demo's providers, delivery areas and approvals
 *
 * Invented providers with Luhn-valid organisationsnummer, made through the
 * core as an officer makes them: STOM in one area per county, KROM in the
 * pilot's six areas and, for the generator, in the rest of the country.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-demo-providers"

#include "config.h"

#include <string.h>

#include "anv-approvals.h"
#include "anv-date.h"
#include "anv-delivery-areas.h"
#include "anv-demo-private.h"
#include "anv-municipalities.h"
#include "anv-personnummer.h"
#include "anv-providers.h"

#define PROVIDER_SEED  20141201

typedef struct
{
  const char *name;
  const char *county_code;
  guint       n_providers;
} PilotArea;

static const PilotArea pilot_areas[] = {
  { "Västerbotten", "24", 5 },
  { "Västmanland", "19", 5 },
  { "Fyrbodal", "14", 5 },
  { "Skaraborg", "14", 4 },
  { "Kalmar", "08", 4 },
  { "Blekinge", "10", 4 },
};

/* Of every pilot area's providers, this many are STOM providers of the
 * county; the rest are new. */
#define PILOT_PROVIDERS_FROM_STOM 2

/* Invented: no provider of these names is meant. */
static const char *const provider_stems[] = {
  "Arbetslinjen", "Kompetensbron", "Nästa Steg", "Framtidsvägen", "Jobbkraft", "Vägvisarna",
  "Matchningshuset", "Karriärkompassen", "Yrkesporten", "Startlinjen", "Bryggan",
  "Steget Vidare", "Nordljus", "Gröna Vägen", "Drivkraft", "Vägen Framåt", "Jobbverkstan",
  "Resursbyrån", "Kompassrosen", "Språngbrädan", "Horisont", "Karriärfabriken",
  "Öppna Dörrar", "Mötesplatsen", "Stegvis", "Älvdalens Coachning", "Fjällvinden",
  "Ängsbacken", "Lärkan Utbildning", "Sjöbris Kompetens", "Måltavlan", "Arbetsglädje",
  "Framsteg", "Ledstången", "Bärkraft", "Hållbar Matchning", "Fyrtornet", "Trappsteget",
  "Kraftverket", "Utsikten",
};

/* Providers approved for STOM in many counties; their home municipality. */
#define N_NATIONAL_PROVIDERS 3
static const char *const national_homes[N_NATIONAL_PROVIDERS] = { "0180", "1480", "1280" };

/* A Luhn-valid organisationsnummer of an aktiebolag, 559…, the same for
 * the same @index. */
static void
make_orgnr (guint index,
            char  out[11])
{
  g_snprintf (out, 11, "559%06u", (index * 104729u + 270011u) % 1000000u);
  out[9] = anv_luhn_compute_check_digit (out, 9);
  out[10] = '\0';
}

/* Providers, areas and approvals */

typedef struct
{
  AnvDb      *db;
  GRand      *rand;
  GPtrArray  *municipalities;   /* AnvMunicipality, by code */
  guint       n_providers;      /* organisationsnummer made so far */
  guint       n_stems;          /* names used so far */
  char        national[N_NATIONAL_PROVIDERS][11];
  GHashTable *stom_by_county;   /* county code → GPtrArray of orgnr approved until further
                                 * notice */
} ProviderSetup;

static gboolean
parse_day (const char *text,
           GDate      *out)
{
  return anv_date_parse (text, out, NULL);
}

static gboolean
add_provider (ProviderSetup  *setup,
              const char     *name,
              const char     *municipality_code,
              const char     *registered_on,
              char            out_orgnr[11],
              GError        **error)
{
  g_autoptr (AnvProvider) provider = NULL;
  GDate day;

  parse_day (registered_on, &day);
  make_orgnr (setup->n_providers++, out_orgnr);
  provider = anv_providers_add (setup->db, out_orgnr, name, municipality_code, &day, error);
  return provider != NULL;
}

static gboolean
approve (ProviderSetup  *setup,
         const char     *orgnr,
         const char     *area,
         const char     *from,
         const char     *to,
         GError        **error)
{
  GDate first, last;

  parse_day (from, &first);
  if (to != NULL)
    parse_day (to, &last);
  return anv_providers_approve (setup->db, orgnr, area, &first, to ? &last : NULL, &first,
                                error);
}

static const char *
next_stem (ProviderSetup *setup)
{
  guint n_local = G_N_ELEMENTS (provider_stems) - N_NATIONAL_PROVIDERS;

  return provider_stems[N_NATIONAL_PROVIDERS + setup->n_stems++ % n_local];
}

/* A municipality of @codes, the bigger the likelier. */
static const AnvMunicipality *
pick_home (ProviderSetup *setup,
           GPtrArray     *members)
{
  AnvDemoWeights weights;
  guint index;

  anv_demo_weights_init (&weights);
  for (guint i = 0; i < members->len; i++)
    {
      const AnvMunicipality *m = g_ptr_array_index (members, i);

      anv_demo_weights_add (&weights, i, anv_demo_population (m->code));
    }
  index = anv_demo_weights_pick (&weights, setup->rand);
  anv_demo_weights_clear (&weights);
  return g_ptr_array_index (members, index);
}

static GStrv
codes_of (GPtrArray *members)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  GStrv codes;

  for (guint i = 0; i < members->len; i++)
    g_strv_builder_add (builder, ((AnvMunicipality *) g_ptr_array_index (members, i))->code);
  codes = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return codes;
}

/* The county's municipalities, all or only those outside the pilot. */
static GPtrArray *
county_members (ProviderSetup *setup,
                const char    *county_code,
                gboolean       outside_pilot_only)
{
  GPtrArray *members = g_ptr_array_new ();

  for (guint i = 0; i < setup->municipalities->len; i++)
    {
      AnvMunicipality *m = g_ptr_array_index (setup->municipalities, i);

      if (strcmp (m->county_code, county_code) == 0
          && (!outside_pilot_only || anv_demo_pilot_area (m->code) == NULL))
        g_ptr_array_add (members, m);
    }
  return members;
}

static guint
county_population (GPtrArray *members)
{
  guint sum = 0;

  for (guint i = 0; i < members->len; i++)
    sum += anv_demo_population (((AnvMunicipality *) g_ptr_array_index (members, i))->code);
  return sum;
}

/* One STOM area per county: two to four local providers, some of the
 * national ones, and in a few counties a provider that left in 2020 and
 * its successor. */
static gboolean
add_stom_county (ProviderSetup  *setup,
                 guint           county_index,
                 const char     *county_code,
                 const char     *county_name,
                 GError        **error)
{
  g_autoptr (GPtrArray) members = county_members (setup, county_code, FALSE);
  g_autofree char *area = g_strdup_printf ("STOM %s", county_name);
  g_auto (GStrv) codes = codes_of (members);
  GPtrArray *lasting = g_ptr_array_new_with_free_func (g_free);
  guint population = county_population (members);
  guint n_local = 2 + (population >= 1000 ? 2 : population >= 300 ? 1 : 0);
  gboolean replaced = county_index % 5 == 2;

  g_hash_table_insert (setup->stom_by_county, g_strdup (county_code), lasting);
  if (!anv_areas_add (setup->db, area, ANV_SERVICE_STOM, (const char * const *) codes, error))
    return FALSE;

  for (guint j = 0; j < n_local; j++)
    {
      const AnvMunicipality *home = pick_home (setup, members);
      g_autofree char *name = g_strdup_printf ("%s %s AB", next_stem (setup),
                                               home->short_name);
      gboolean leaves = replaced && j == 0;
      char orgnr[11];

      if (!add_provider (setup, name, home->code, "2014-11-03", orgnr, error)
          || !approve (setup, orgnr, area, ANV_DEMO_STOM_APPROVED_FROM,
                       leaves ? "2020-08-31" : NULL, error))
        return FALSE;
      if (!leaves)
        g_ptr_array_add (lasting, g_strdup (orgnr));
    }

  if (replaced)
    {
      const AnvMunicipality *home = pick_home (setup, members);
      g_autofree char *name = g_strdup_printf ("%s %s AB", next_stem (setup), county_name);
      char orgnr[11];

      if (!add_provider (setup, name, home->code, "2020-08-03", orgnr, error)
          || !approve (setup, orgnr, area, "2020-09-01", NULL, error))
        return FALSE;
      g_ptr_array_add (lasting, g_strdup (orgnr));
    }

  for (guint k = 0; k < N_NATIONAL_PROVIDERS; k++)
    if ((county_index + k) % 3 != 1 || population >= 1000)
      {
        if (!approve (setup, setup->national[k], area, ANV_DEMO_STOM_APPROVED_FROM, NULL,
                      error))
          return FALSE;
        g_ptr_array_add (lasting, g_strdup (setup->national[k]));
      }
  return TRUE;
}

static gboolean
add_pilot_area (ProviderSetup    *setup,
                const PilotArea  *pilot,
                GError          **error)
{
  g_autoptr (GPtrArray) members = g_ptr_array_new ();
  g_auto (GStrv) codes = NULL;
  GPtrArray *stom = g_hash_table_lookup (setup->stom_by_county, pilot->county_code);

  for (guint i = 0; i < setup->municipalities->len; i++)
    {
      AnvMunicipality *m = g_ptr_array_index (setup->municipalities, i);
      const char *area = anv_demo_pilot_area (m->code);

      if (area != NULL && strcmp (area, pilot->name) == 0)
        g_ptr_array_add (members, m);
    }
  codes = codes_of (members);
  if (!anv_areas_add (setup->db, pilot->name, ANV_SERVICE_KROM, (const char * const *) codes,
                      error))
    return FALSE;

  for (guint j = 0; j < pilot->n_providers; j++)
    {
      char orgnr[11];

      if (stom != NULL && j < PILOT_PROVIDERS_FROM_STOM && j < stom->len)
        g_strlcpy (orgnr, g_ptr_array_index (stom, stom->len - 1 - j), sizeof orgnr);
      else
        {
          const AnvMunicipality *home = pick_home (setup, members);
          g_autofree char *name = g_strdup_printf ("%s %s AB", next_stem (setup),
                                                   pilot->name);

          if (!add_provider (setup, name, home->code, "2020-02-03", orgnr, error))
            return FALSE;
        }
      if (!approve (setup, orgnr, pilot->name, ANV_DEMO_KROM_PILOT_FROM, NULL, error))
        return FALSE;
    }
  return TRUE;
}

/* For the generator: KROM in the rest of each county, by the county's
 * lasting STOM providers. */
static gboolean
add_national_krom (ProviderSetup  *setup,
                   const char     *county_code,
                   const char     *county_name,
                   GError        **error)
{
  g_autoptr (GPtrArray) members = county_members (setup, county_code, TRUE);
  g_autofree char *area = g_strdup_printf ("KROM %s", county_name);
  g_auto (GStrv) codes = NULL;
  GPtrArray *stom = g_hash_table_lookup (setup->stom_by_county, county_code);

  if (members->len == 0)
    return TRUE;
  codes = codes_of (members);
  if (!anv_areas_add (setup->db, area, ANV_SERVICE_KROM, (const char * const *) codes, error))
    return FALSE;
  for (guint j = 0; stom != NULL && j < stom->len; j++)
    if (!approve (setup, g_ptr_array_index (stom, j), area, ANV_DEMO_KROM_NATIONAL_FROM, NULL,
                  error))
      return FALSE;
  return TRUE;
}

gboolean
anv_demo_add_providers (AnvDb    *db,
                        gboolean  national_krom,
                        GError  **error)
{
  g_autoptr (GPtrArray) municipalities = anv_municipalities_list (db, error);
  g_autoptr (GHashTable) stom_by_county = NULL;
  g_autoptr (GPtrArray) counties = NULL;
  ProviderSetup setup = { 0 };
  gboolean ok = FALSE;

  if (municipalities == NULL)
    return FALSE;
  counties = anv_municipalities_list_counties (db, error);
  if (counties == NULL)
    return FALSE;

  stom_by_county = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) g_ptr_array_unref);
  setup.db = db;
  setup.rand = g_rand_new_with_seed (PROVIDER_SEED);
  setup.municipalities = municipalities;
  setup.stom_by_county = stom_by_county;

  for (guint k = 0; k < N_NATIONAL_PROVIDERS; k++)
    {
      g_autofree char *name = g_strdup_printf ("%s Sverige AB", provider_stems[k]);

      if (!add_provider (&setup, name, national_homes[k], "2014-11-03", setup.national[k],
                         error))
        goto out;
    }
  for (guint i = 0; i < counties->len; i++)
    if (!add_stom_county (&setup, i, ((AnvCounty *) g_ptr_array_index (counties, i))->code,
                          ((AnvCounty *) g_ptr_array_index (counties, i))->short_name, error))
      goto out;
  for (guint i = 0; i < G_N_ELEMENTS (pilot_areas); i++)
    if (!add_pilot_area (&setup, &pilot_areas[i], error))
      goto out;
  if (national_krom)
    for (guint i = 0; i < counties->len; i++)
      if (!add_national_krom (&setup, ((AnvCounty *) g_ptr_array_index (counties, i))->code,
                              ((AnvCounty *) g_ptr_array_index (counties, i))->short_name,
                              error))
        goto out;
  ok = TRUE;

out:
  g_rand_free (setup.rand);
  return ok;
}

