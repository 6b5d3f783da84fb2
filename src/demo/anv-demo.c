/* anv-demo.c — a realistic 2020 of demo data, for trying Anvisa out
 *
 * Everything goes through the core's own functions (register, decide,
 * start, change provider, end), so every rule holds as it does for an
 * officer; one outer transaction makes it fast and all or nothing. The
 * year follows the seeds: Rusta och matcha starts slowly in the 32 pilot
 * municipalities on 2020-03-30 (33 referrals in April, one of them ended
 * in April; close to 1,600 by the end of June) while Stöd och matchning
 * goes on in the rest of the country. One fixed seed, no clock.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-demo"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "anv-audit.h"
#include "anv-demo-resources.h"
#include "anv-date.h"
#include "anv-demo-private.h"
#include "anv-demo.h"
#include "anv-municipalities.h"
#include "anv-personnummer.h"
#include "anv-providers.h"
#include "anv-referrals.h"
#include "anv-seekers.h"
#include "anv-workdays.h"

#define TEST_NUMBERS_PATH RESOURCE_PREFIX "/data/skatteverket_testpersonnummer.json"

#define DEMO_SEED      20200330
#define PROVIDER_SEED  20141201
#define DEMO_YEAR      2020

/* Working age in 2020: born 1955–2004. */
#define FIRST_BIRTH    "1955"
#define LAST_BIRTH     "2004"

/* Job seekers who are registered but never referred. */
#define N_UNREFERRED   1500

/* Per 1000: protected identity, a postal code given, own choice outside
 * the area (of own choices), a change of provider (of started ones). */
#define PROTECTED_PER_MILLE      4
#define POSTAL_CODE_PER_MILLE    850
#define OWN_CHOICE_PER_MILLE     550
#define OUTSIDE_AREA_PER_MILLE   12
#define CHANGE_PER_MILLE         25
#define REUSE_PER_MILLE          200

/* Decisions per month of 2020. KROM: none in the two days of March, the
 * seed's 33 in April, close to 1,600 by the end of June. */
static const guint stom_per_month[12] = {
  1350, 1400, 1300, 950, 1000, 1100, 650, 1250, 1500, 1650, 1750, 1200
};
static const guint krom_per_month[12] = {
  0, 0, 0, 33, 477, 1080, 520, 760, 980, 1150, 1240, 860
};

G_DEFINE_QUARK (anv-demo-error-quark, anv_demo_error)

/* Reference tables */

typedef struct
{
  char  code[5];
  guint thousands;
} Population;

/* Inhabitants at the end of 2019 (SCB), rounded to thousands. */
static const Population populations[] = {
  { "0114", 47 }, { "0115", 34 }, { "0117", 46 }, { "0120", 45 }, { "0123", 80 }, { "0125", 29 },
  { "0126", 113 }, { "0127", 95 }, { "0128", 17 }, { "0136", 95 }, { "0138", 48 },
  { "0139", 30 }, { "0140", 11 }, { "0160", 73 }, { "0162", 33 }, { "0163", 74 },
  { "0180", 976 }, { "0181", 101 }, { "0182", 106 }, { "0183", 53 }, { "0184", 83 },
  { "0186", 48 }, { "0187", 12 }, { "0188", 63 }, { "0191", 49 }, { "0192", 28 }, { "0305", 22 },
  { "0319", 10 }, { "0330", 19 }, { "0331", 14 }, { "0360", 21 }, { "0380", 234 },
  { "0381", 46 }, { "0382", 22 }, { "0428", 9 }, { "0461", 11 }, { "0480", 57 }, { "0481", 12 },
  { "0482", 16 }, { "0483", 35 }, { "0484", 107 }, { "0486", 37 }, { "0488", 14 }, { "0509", 5 },
  { "0512", 4 }, { "0513", 10 }, { "0560", 5 }, { "0561", 12 }, { "0562", 21 }, { "0563", 8 },
  { "0580", 165 }, { "0581", 144 }, { "0582", 15 }, { "0583", 43 }, { "0584", 6 },
  { "0586", 28 }, { "0604", 7 }, { "0617", 10 }, { "0642", 7 }, { "0643", 12 }, { "0662", 29 },
  { "0665", 13 }, { "0680", 143 }, { "0682", 31 }, { "0683", 34 }, { "0684", 11 },
  { "0685", 27 }, { "0686", 17 }, { "0687", 19 }, { "0760", 9 }, { "0761", 9 }, { "0763", 12 },
  { "0764", 20 }, { "0765", 18 }, { "0767", 10 }, { "0780", 95 }, { "0781", 28 }, { "0821", 6 },
  { "0834", 7 }, { "0840", 15 }, { "0860", 14 }, { "0861", 13 }, { "0862", 9 }, { "0880", 70 },
  { "0881", 20 }, { "0882", 27 }, { "0883", 36 }, { "0884", 15 }, { "0885", 11 }, { "0980", 61 },
  { "1060", 13 }, { "1080", 66 }, { "1081", 29 }, { "1082", 32 }, { "1083", 17 }, { "1214", 14 },
  { "1230", 25 }, { "1231", 19 }, { "1233", 37 }, { "1256", 15 }, { "1257", 8 }, { "1260", 16 },
  { "1261", 32 }, { "1262", 25 }, { "1263", 22 }, { "1264", 16 }, { "1265", 19 }, { "1266", 16 },
  { "1267", 16 }, { "1270", 13 }, { "1272", 12 }, { "1273", 13 }, { "1275", 7 }, { "1276", 18 },
  { "1277", 16 }, { "1278", 15 }, { "1280", 348 }, { "1281", 125 }, { "1282", 46 },
  { "1283", 149 }, { "1284", 27 }, { "1285", 34 }, { "1286", 31 }, { "1287", 46 },
  { "1290", 86 }, { "1291", 19 }, { "1292", 43 }, { "1293", 52 }, { "1315", 11 },
  { "1380", 104 }, { "1381", 26 }, { "1382", 46 }, { "1383", 65 }, { "1384", 84 },
  { "1401", 39 }, { "1402", 39 }, { "1407", 13 }, { "1415", 27 }, { "1419", 16 }, { "1421", 15 },
  { "1427", 9 }, { "1430", 10 }, { "1435", 13 }, { "1438", 5 }, { "1439", 7 }, { "1440", 32 },
  { "1441", 43 }, { "1442", 12 }, { "1443", 10 }, { "1444", 6 }, { "1445", 6 }, { "1446", 7 },
  { "1447", 5 }, { "1452", 12 }, { "1460", 10 }, { "1461", 9 }, { "1462", 14 }, { "1463", 35 },
  { "1465", 11 }, { "1466", 10 }, { "1470", 16 }, { "1471", 13 }, { "1472", 11 }, { "1473", 9 },
  { "1480", 583 }, { "1481", 69 }, { "1482", 47 }, { "1484", 15 }, { "1485", 57 },
  { "1486", 13 }, { "1487", 40 }, { "1488", 59 }, { "1489", 41 }, { "1490", 114 },
  { "1491", 25 }, { "1492", 13 }, { "1493", 24 }, { "1494", 40 }, { "1495", 19 }, { "1496", 57 },
  { "1497", 9 }, { "1498", 13 }, { "1499", 33 }, { "1715", 12 }, { "1730", 8 }, { "1737", 12 },
  { "1760", 4 }, { "1761", 17 }, { "1762", 4 }, { "1763", 11 }, { "1764", 9 }, { "1765", 10 },
  { "1766", 13 }, { "1780", 95 }, { "1781", 24 }, { "1782", 10 }, { "1783", 12 }, { "1784", 26 },
  { "1785", 15 }, { "1814", 8 }, { "1860", 6 }, { "1861", 16 }, { "1862", 9 }, { "1863", 7 },
  { "1864", 3 }, { "1880", 157 }, { "1881", 22 }, { "1882", 11 }, { "1883", 30 }, { "1884", 11 },
  { "1885", 24 }, { "1904", 4 }, { "1907", 10 }, { "1960", 9 }, { "1961", 16 }, { "1962", 6 },
  { "1980", 156 }, { "1981", 23 }, { "1982", 13 }, { "1983", 26 }, { "1984", 14 }, { "2021", 7 },
  { "2023", 10 }, { "2026", 10 }, { "2029", 16 }, { "2031", 11 }, { "2034", 7 }, { "2039", 7 },
  { "2061", 11 }, { "2062", 20 }, { "2080", 59 }, { "2081", 52 }, { "2082", 11 }, { "2083", 15 },
  { "2084", 23 }, { "2085", 26 }, { "2101", 6 }, { "2104", 10 }, { "2121", 12 }, { "2132", 10 },
  { "2161", 19 }, { "2180", 102 }, { "2181", 39 }, { "2182", 26 }, { "2183", 26 },
  { "2184", 37 }, { "2260", 9 }, { "2262", 18 }, { "2280", 25 }, { "2281", 99 }, { "2282", 18 },
  { "2283", 19 }, { "2284", 56 }, { "2303", 5 }, { "2305", 6 }, { "2309", 15 }, { "2313", 12 },
  { "2321", 12 }, { "2326", 7 }, { "2361", 10 }, { "2380", 64 }, { "2401", 7 }, { "2403", 2 },
  { "2404", 5 }, { "2409", 7 }, { "2417", 4 }, { "2418", 3 }, { "2421", 6 }, { "2422", 3 },
  { "2425", 3 }, { "2460", 9 }, { "2462", 7 }, { "2463", 3 }, { "2480", 130 }, { "2481", 12 },
  { "2482", 73 }, { "2505", 6 }, { "2506", 3 }, { "2510", 5 }, { "2513", 3 }, { "2514", 16 },
  { "2518", 5 }, { "2521", 6 }, { "2523", 18 }, { "2560", 8 }, { "2580", 79 }, { "2581", 42 },
  { "2582", 28 }, { "2583", 10 }, { "2584", 23 },
};

typedef struct
{
  const char *code;
  const char *area;
} PilotMunicipality;

/* The 32 pilot municipalities in the pilot's six delivery areas. */
static const PilotMunicipality pilot_municipalities[] = {
  { "2401", "Västerbotten" }, { "2403", "Västerbotten" }, { "2404", "Västerbotten" },
  { "2409", "Västerbotten" }, { "2460", "Västerbotten" }, { "2480", "Västerbotten" },
  { "1907", "Västmanland" }, { "1960", "Västmanland" }, { "1961", "Västmanland" },
  { "1980", "Västmanland" }, { "1981", "Västmanland" }, { "1983", "Västmanland" },
  { "1984", "Västmanland" },
  { "1427", "Fyrbodal" }, { "1430", "Fyrbodal" }, { "1439", "Fyrbodal" },
  { "1461", "Fyrbodal" }, { "1484", "Fyrbodal" }, { "1485", "Fyrbodal" },
  { "1487", "Fyrbodal" }, { "1488", "Fyrbodal" },
  { "1444", "Skaraborg" }, { "1470", "Skaraborg" }, { "1471", "Skaraborg" },
  { "1494", "Skaraborg" },
  { "0821", "Kalmar" }, { "0861", "Kalmar" }, { "0882", "Kalmar" },
  { "1060", "Blekinge" }, { "1080", "Blekinge" }, { "1081", "Blekinge" },
  { "1082", "Blekinge" },
};

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

static const char *const women[] = {
  "Anna", "Eva", "Maria", "Karin", "Sara", "Lena", "Kristina", "Emma", "Ingrid", "Linnéa",
  "Elin", "Johanna", "Malin", "Hanna", "Åsa", "Sofia", "Ida", "Frida", "Jenny", "Camilla",
  "Annika", "Helena", "Linda", "Therése", "Ebba", "Maja", "Alva", "Wilma", "Elsa", "Matilda",
  "Ronja", "Märta", "Agnes", "Sanna", "Fatima", "Amina", "Jessica", "Louise", "Moa", "Tove",
  "Ylva", "Birgitta", "Ulrika", "Anna-Karin", "Saga", "Majken", "Göta", "Lovisa",
};

static const char *const men[] = {
  "Erik", "Lars", "Karl", "Anders", "Johan", "Per", "Mikael", "Jan", "Peter", "Daniel",
  "Fredrik", "Andreas", "Mattias", "Magnus", "Björn", "Jonas", "Stefan", "Niklas", "Oskar",
  "Viktor", "Emil", "Filip", "Axel", "Gustav", "Oliver", "Jörgen", "Håkan", "Göran", "Sören",
  "Åke", "Mohammed", "Ali", "Ahmed", "Hassan", "Joakim", "Linus", "Simon", "Hampus", "Ludvig",
  "Måns", "Tobias", "Rasmus", "Jöns", "Olle", "Nils-Erik", "Kjell", "Bengt", "Tor",
};

static const char *const surnames[] = {
  "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson",
  "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Jansson", "Hansson", "Bengtsson",
  "Jönsson", "Lindberg", "Jakobsson", "Magnusson", "Lindström", "Olofsson", "Lindqvist",
  "Lindgren", "Berg", "Axelsson", "Bergström", "Lundberg", "Lundgren", "Lind", "Lundqvist",
  "Mattsson", "Berglund", "Fredriksson", "Sandberg", "Henriksson", "Forsberg", "Sjöberg",
  "Wallin", "Engström", "Eklund", "Danielsson", "Lundin", "Håkansson", "Björk", "Bergman",
  "Gunnarsson", "Holm", "Wikström", "Samuelsson", "Isaksson", "Fransson", "Bergqvist",
  "Nyström", "Holmberg", "Arvidsson", "Löfgren", "Söderberg", "Nyberg", "Blomqvist",
  "Claesson", "Nordström", "Mårtensson", "Lundström", "Ali", "Mohammed", "Viklund",
  "Björklund", "Eliasson", "Pålsson", "Berggren", "Sandström", "Lund", "Nordin", "Ström",
  "Åberg", "Hermansson", "Ekström", "Holmgren", "Sundberg", "Hedlund", "Dahlberg",
  "Hellström", "Sjögren", "Abrahamsson", "Falk", "Martinsson", "Öberg", "Andreasson",
  "Strömberg", "Månsson", "Åkesson", "Jonasson", "Norberg", "Åström", "Söderström", "Hassan",
  "Sjöström", "Ahmed", "Höglund", "Bäckström", "Källström", "Sjödin", "Östlund", "Kjellberg",
};

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

typedef struct
{
  const char *code;
  guint       weight;
} Reason;

/* How referrals end: results and interruptions. */
static const Reason after_start_reasons[] = {
  { "jobb", 330 }, { "studier", 120 }, { "tiden_ute", 300 }, { "sjuk", 100 },
  { "flyttat", 60 }, { "aterkallad", 30 }, { "ovrigt", 60 },
};
static const Reason before_start_reasons[] = {
  { "sjuk", 40 }, { "flyttat", 30 }, { "ovrigt", 20 }, { "aterkallad", 10 },
};

/* Dates as Julian day numbers */

guint32
anv_demo_julian_of (guint year,
           guint month,
           guint day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return g_date_get_julian (&date);
}

void
anv_demo_date_of (guint32  julian,
         GDate   *out)
{
  g_date_clear (out, 1);
  g_date_set_julian (out, julian);
}

gboolean
anv_demo_is_working_day (guint32 julian)
{
  GDate date;

  anv_demo_date_of (julian, &date);
  return anv_workdays_is_working_day (&date);
}

guint32
anv_demo_add_working_days (guint32 julian,
                  guint   n)
{
  GDate date;

  anv_demo_date_of (julian, &date);
  anv_workdays_add (&date, n);
  return g_date_get_julian (&date);
}

/* @julian if it is a working day, else the next one. */
static guint32
next_working_day (guint32 julian)
{
  while (!anv_demo_is_working_day (julian))
    julian++;
  return julian;
}

guint32
anv_demo_add_months (guint32 julian,
            guint   months)
{
  GDate date;

  anv_demo_date_of (julian, &date);
  g_date_add_months (&date, months);
  return g_date_get_julian (&date);
}

/* Small helpers */

static guint
uniform (GRand *rand,
         guint  low,
         guint  high)
{
  return (guint) g_rand_int_range (rand, (gint32) low, (gint32) high + 1);
}

gboolean
anv_demo_chance (GRand *rand,
        guint  per_mille)
{
  return (guint) g_rand_int_range (rand, 0, 1000) < per_mille;
}

static const char *
pick_reason (GRand        *rand,
             const Reason *reasons,
             guint         n)
{
  guint total = 0, r;

  for (guint i = 0; i < n; i++)
    total += reasons[i].weight;
  r = uniform (rand, 0, total - 1);
  for (guint i = 0; i < n; i++)
    {
      if (r < reasons[i].weight)
        return reasons[i].code;
      r -= reasons[i].weight;
    }
  return reasons[n - 1].code;
}

static const char *
pick_level (GRand      *rand,
            AnvService  service)
{
  static const Reason krom_levels[] = { { "A", 30 }, { "B", 45 }, { "C", 25 } };
  static const Reason stom_levels[] = { { "1", 35 }, { "2", 20 }, { "3", 30 }, { "4", 15 } };

  if (service == ANV_SERVICE_KROM)
    return pick_reason (rand, krom_levels, G_N_ELEMENTS (krom_levels));
  return pick_reason (rand, stom_levels, G_N_ELEMENTS (stom_levels));
}

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

/* What the demo and the generator share */

void
anv_demo_weights_init (AnvDemoWeights *weights)
{
  weights->items = g_array_new (FALSE, FALSE, sizeof (guint));
  weights->cumulative = g_array_new (FALSE, FALSE, sizeof (guint64));
  weights->total = 0;
}

void
anv_demo_weights_clear (AnvDemoWeights *weights)
{
  g_clear_pointer (&weights->items, g_array_unref);
  g_clear_pointer (&weights->cumulative, g_array_unref);
  weights->total = 0;
}

void
anv_demo_weights_add (AnvDemoWeights *weights,
                      guint           item,
                      guint           weight)
{
  if (weight == 0)
    return;
  weights->total += weight;
  g_array_append_val (weights->items, item);
  g_array_append_val (weights->cumulative, weights->total);
}

guint
anv_demo_weights_pick (const AnvDemoWeights *weights,
                       GRand                *rand)
{
  guint64 r;
  guint low = 0, high;

  if (weights->total == 0)
    return G_MAXUINT;
  r = (guint64) (g_rand_double (rand) * (double) weights->total);
  if (r >= weights->total)
    r = weights->total - 1;

  /* The first item whose cumulative weight is above r. */
  high = weights->items->len - 1;
  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (g_array_index (weights->cumulative, guint64, middle) > r)
        high = middle;
      else
        low = middle + 1;
    }
  return g_array_index (weights->items, guint, low);
}

GPtrArray *
anv_demo_read_test_numbers (GError **error)
{
  g_autoptr (GInputStream) stream = NULL;
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  g_autoptr (GPtrArray) numbers = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GError) local_error = NULL;
  JsonNode *root;
  JsonArray *array;

  stream = g_resource_open_stream (anv_demo_get_resource (), TEST_NUMBERS_PATH,
                                   G_RESOURCE_LOOKUP_FLAGS_NONE, &local_error);
  if (stream == NULL
      || !json_parser_load_from_stream (parser, stream, NULL, &local_error)
      || (root = json_parser_get_root (parser)) == NULL
      || !JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error (error, ANV_DEMO_ERROR, ANV_DEMO_ERROR_DATA,
                   /* Translators: %s is the reason */
                   _("Skatteverket’s test personnummer shipped with Anvisa cannot be read "
                     "(%s). Reinstall Anvisa."),
                   local_error ? local_error->message : _("not a list"));
      return NULL;
    }

  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      const char *number;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        continue;
      number = json_node_get_string (node);
      if (strlen (number) != 12 || !anv_luhn_is_valid (number + 2, 10)
          || g_hash_table_contains (seen, number))
        continue;
      g_hash_table_add (seen, (gpointer) number);
      g_ptr_array_add (numbers, g_strdup (number));
    }
  return g_steal_pointer (&numbers);
}

gboolean
anv_demo_has_data (AnvDb     *db,
                   gboolean  *out_has_data,
                   GError   **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GPtrArray) providers = NULL;
  g_autoptr (GPtrArray) areas = NULL;
  gboolean empty = anv_db_is_empty (db, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  /* No job seekers means no referrals either: each belongs to one. */
  if (!empty)
    {
      *out_has_data = TRUE;
      return TRUE;
    }
  providers = anv_providers_list (db, error);
  if (providers == NULL)
    return FALSE;
  areas = anv_areas_list (db, error);
  if (areas == NULL)
    return FALSE;
  *out_has_data = providers->len > 0 || areas->len > 0;
  return TRUE;
}

guint
anv_demo_population (const char *municipality_code)
{
  for (guint i = 0; i < G_N_ELEMENTS (populations); i++)
    if (strcmp (populations[i].code, municipality_code) == 0)
      return populations[i].thousands;
  return 10;
}

const char *
anv_demo_pilot_area (const char *municipality_code)
{
  for (guint i = 0; i < G_N_ELEMENTS (pilot_municipalities); i++)
    if (strcmp (pilot_municipalities[i].code, municipality_code) == 0)
      return pilot_municipalities[i].area;
  return NULL;
}

char *
anv_demo_make_name (GRand    *rand,
                    gboolean  female)
{
  const char *first = female ? women[uniform (rand, 0, G_N_ELEMENTS (women) - 1)]
                             : men[uniform (rand, 0, G_N_ELEMENTS (men) - 1)];
  const char *last = surnames[uniform (rand, 0, G_N_ELEMENTS (surnames) - 1)];

  /* Now and then a double surname. */
  if (anv_demo_chance (rand, 40))
    return g_strdup_printf ("%s %s %s", first, last,
                            surnames[uniform (rand, 0, G_N_ELEMENTS (surnames) - 1)]);
  return g_strdup_printf ("%s %s", first, last);
}

gboolean
anv_demo_is_female (const char *digits12)
{
  return (digits12[10] - '0') % 2 == 0;
}

const char *
anv_demo_pick_postal_code (GHashTable *postal_codes,
                           const char *municipality_code,
                           GRand      *rand)
{
  GPtrArray *list = g_hash_table_lookup (postal_codes, municipality_code);

  if (list == NULL || list->len == 0)
    return NULL;
  return g_ptr_array_index (list, uniform (rand, 0, list->len - 1));
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

/* The year 2020 */

typedef enum
{
  REGION_OUTSIDE_PILOT,
  REGION_PILOT,
  REGION_ANY,
} Region;

typedef struct
{
  char     number[13];
  guint    municipality;   /* index into Demo.municipalities */
  guint32  free_from;      /* may be referred again from this day; 0: has an open one */
} Person;

/* One referral to decide. */
typedef struct
{
  guint32    decided;
  guint32    seq;
  AnvService service;
  gboolean   story;     /* the one of April's 33 that ends in April */
} Slot;

/* A referral's life, planned before it is recorded. */
typedef struct
{
  const char *level;
  guint32     planned;
  guint32     started;     /* 0: never */
  guint32     changed;     /* 0: no change of provider */
  guint32     ended;       /* 0: not by the end of the year */
  const char *reason;
  gboolean    own_choice;
  gboolean    outside_area;
} Life;

typedef struct
{
  AnvDb           *db;
  GRand           *rand;
  GDate            today;
  guint32          today_julian;
  guint32          pilot_start;
  GPtrArray       *municipalities;   /* AnvMunicipality */
  GHashTable      *postal_codes;
  GPtrArray       *areas;            /* AnvArea */
  AnvDemoWeights   weights[3];       /* by Region */
  GPtrArray       *numbers;          /* shuffled */
  guint            next_number;
  GArray          *people;           /* Person */
  GArray          *pools[2];         /* guint person indexes, by Region, whose last
                                      * referral has ended */
  AnvProgressFunc  progress;
  gpointer         user_data;
  guint64          done;
  guint64          total;
} Demo;

static void
demo_clear (Demo *demo)
{
  g_clear_pointer (&demo->rand, g_rand_free);
  g_clear_pointer (&demo->municipalities, g_ptr_array_unref);
  g_clear_pointer (&demo->postal_codes, g_hash_table_unref);
  g_clear_pointer (&demo->areas, g_ptr_array_unref);
  for (guint i = 0; i < G_N_ELEMENTS (demo->weights); i++)
    anv_demo_weights_clear (&demo->weights[i]);
  g_clear_pointer (&demo->numbers, g_ptr_array_unref);
  g_clear_pointer (&demo->people, g_array_unref);
  g_clear_pointer (&demo->pools[0], g_array_unref);
  g_clear_pointer (&demo->pools[1], g_array_unref);
}

static void
report_progress (Demo *demo)
{
  demo->done++;
  if (demo->progress != NULL && (demo->done % 250 == 0 || demo->done == demo->total))
    demo->progress (demo->done, demo->total, demo->user_data);
}

void
anv_demo_shuffle (GPtrArray *array,
         GRand     *rand)
{
  for (guint i = array->len; i > 1; i--)
    {
      guint j = uniform (rand, 0, i - 1);
      gpointer swap = array->pdata[i - 1];

      array->pdata[i - 1] = array->pdata[j];
      array->pdata[j] = swap;
    }
}

/* The numbers of people of working age, in a fixed random order. */
static gboolean
prepare_numbers (Demo    *demo,
                 GError **error)
{
  g_autoptr (GPtrArray) all = anv_demo_read_test_numbers (error);

  if (all == NULL)
    return FALSE;
  demo->numbers = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < all->len; i++)
    {
      const char *number = g_ptr_array_index (all, i);

      if (strncmp (number, FIRST_BIRTH, 4) >= 0 && strncmp (number, LAST_BIRTH, 4) <= 0)
        g_ptr_array_add (demo->numbers, g_strdup (number));
    }
  anv_demo_shuffle (demo->numbers, demo->rand);
  return TRUE;
}

static void
prepare_weights (Demo *demo)
{
  for (guint i = 0; i < G_N_ELEMENTS (demo->weights); i++)
    anv_demo_weights_init (&demo->weights[i]);
  for (guint i = 0; i < demo->municipalities->len; i++)
    {
      AnvMunicipality *m = g_ptr_array_index (demo->municipalities, i);
      guint weight = anv_demo_population (m->code);

      anv_demo_weights_add (&demo->weights[REGION_ANY], i, weight);
      anv_demo_weights_add (&demo->weights[anv_demo_pilot_area (m->code) ? REGION_PILOT
                                                                         : REGION_OUTSIDE_PILOT],
                            i, weight);
    }
}

static guint32
random_working_day (GRand *rand,
                    guint  month)
{
  guint32 first = anv_demo_julian_of (DEMO_YEAR, month, 1);
  guint n_days = g_date_get_days_in_month ((GDateMonth) month, DEMO_YEAR);
  guint32 day;

  do
    day = first + uniform (rand, 0, n_days - 1);
  while (!anv_demo_is_working_day (day));
  return day;
}

static int
compare_slots (gconstpointer a,
               gconstpointer b)
{
  const Slot *x = a, *y = b;

  if (x->decided != y->decided)
    return x->decided < y->decided ? -1 : 1;
  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Every decision of the year, in date order. */
static GArray *
plan_slots (Demo *demo)
{
  GArray *slots = g_array_new (FALSE, TRUE, sizeof (Slot));
  guint32 seq = 0;

  for (guint month = 1; month <= 12; month++)
    {
      for (guint i = 0; i < stom_per_month[month - 1]; i++)
        {
          Slot slot = { random_working_day (demo->rand, month), seq++, ANV_SERVICE_STOM };

          g_array_append_val (slots, slot);
        }
      for (guint i = 0; i < krom_per_month[month - 1]; i++)
        {
          Slot slot = { random_working_day (demo->rand, month), seq++, ANV_SERVICE_KROM };

          /* The first of April's decisions is the participant who left in
           * April. */
          if (month == 4 && i == 0)
            {
              slot.decided = anv_demo_julian_of (DEMO_YEAR, 4, 1);
              slot.story = TRUE;
            }
          /* KROM is decided only where and when it has started. */
          while (slot.decided < demo->pilot_start)
            slot.decided = random_working_day (demo->rand, month);
          g_array_append_val (slots, slot);
        }
    }
  g_array_sort (slots, compare_slots);
  return slots;
}

/* When and how a referral decided on @slot runs. */
static void
plan_life (Demo       *demo,
           const Slot *slot,
           Life       *life)
{
  GRand *rand = demo->rand;
  guint32 earliest = anv_demo_add_working_days (slot->decided, ANV_REFERRAL_MIN_WORKING_DAYS);
  /* Of April's KROM referrals only the story's ends in April: the others
   * start in the second half of April at the earliest and last weeks. */
  gboolean in_april = slot->service == ANV_SERVICE_KROM
                      && slot->decided <= anv_demo_julian_of (DEMO_YEAR, 4, 30);
  guint extra = anv_demo_chance (rand, 700) ? 0 : anv_demo_chance (rand, 666) ? uniform (rand, 1, 5)
                                                            : uniform (rand, 6, 15);

  memset (life, 0, sizeof *life);
  life->level = pick_level (rand, slot->service);
  life->own_choice = anv_demo_chance (rand, OWN_CHOICE_PER_MILLE);
  life->outside_area = life->own_choice && anv_demo_chance (rand, OUTSIDE_AREA_PER_MILLE);
  life->planned = anv_demo_add_working_days (earliest, extra);

  if (slot->story)
    {
      /* Started, and left a week later: moved away. */
      life->planned = earliest;
      life->started = earliest;
      life->ended = anv_demo_add_working_days (earliest, 5);
      life->reason = "flyttat";
      return;
    }

  if (!in_april && anv_demo_chance (rand, 60))
    {
      /* Ended before it started. */
      life->ended = next_working_day (slot->decided
                                      + uniform (rand, 1, life->planned - slot->decided - 1));
      life->reason = pick_reason (rand, before_start_reasons,
                                  G_N_ELEMENTS (before_start_reasons));
    }
  else
    {
      guint max_days = slot->service == ANV_SERVICE_KROM ? 365 : 273;

      life->started = anv_demo_chance (rand, 800)
                        ? life->planned
                        : anv_demo_add_working_days (life->planned, uniform (rand, 1, 3));
      life->reason = pick_reason (rand, after_start_reasons, G_N_ELEMENTS (after_start_reasons));
      if (strcmp (life->reason, "tiden_ute") == 0)
        {
          /* KROM: 6 or 12 months; STOM: blocks of 3 months, at most 9. */
          guint months = slot->service == ANV_SERVICE_KROM ? (anv_demo_chance (rand, 500) ? 6 : 12)
                         : anv_demo_chance (rand, 200) ? 3 : anv_demo_chance (rand, 375) ? 6 : 9;

          life->ended = anv_demo_add_months (life->started, months) - 1;
        }
      else
        life->ended = next_working_day (life->started + 21
                                        + uniform (rand, 0, max_days * 3 / 4));
      if (life->ended - life->started >= 40 && anv_demo_chance (rand, CHANGE_PER_MILLE))
        life->changed = next_working_day (life->started
                                          + uniform (rand, 10, life->ended - life->started - 15));
    }

  /* Only what has happened by the end of the year is recorded. */
  if (life->started > demo->today_julian)
    life->started = 0;
  if (life->changed > demo->today_julian)
    life->changed = 0;
  if (life->ended > demo->today_julian)
    {
      life->ended = 0;
      life->reason = NULL;
    }
}

/* A job seeker whose last referral ended a month before, or G_MAXUINT. */
static guint
reuse_person (Demo    *demo,
              Region   region,
              guint32  decided,
              gboolean must)
{
  GArray *pool = demo->pools[region == REGION_PILOT ? REGION_PILOT : REGION_OUTSIDE_PILOT];
  guint attempts = must ? pool->len : 6;

  for (guint attempt = 0; attempt < attempts && pool->len > 0; attempt++)
    {
      guint i = must ? attempt : uniform (demo->rand, 0, pool->len - 1);
      guint person = g_array_index (pool, guint, i);

      if (g_array_index (demo->people, Person, person).free_from <= decided)
        {
          g_array_remove_index_fast (pool, i);
          return person;
        }
    }
  return G_MAXUINT;
}

static gboolean
register_person (Demo     *demo,
                 Region    region,
                 guint32   registered,
                 guint    *out_person,
                 GError  **error)
{
  g_autoptr (AnvSeeker) seeker = NULL;
  g_autofree char *name = NULL;
  const AnvMunicipality *municipality;
  AnvSeekerInput input = { 0 };
  Person person = { 0 };
  GDate day;

  g_strlcpy (person.number, g_ptr_array_index (demo->numbers, demo->next_number++),
             sizeof person.number);
  person.municipality = anv_demo_weights_pick (&demo->weights[region], demo->rand);
  municipality = g_ptr_array_index (demo->municipalities, person.municipality);

  name = anv_demo_make_name (demo->rand, anv_demo_is_female (person.number));
  input.personnummer = person.number;
  input.name = name;
  input.municipality_code = municipality->code;
  input.protected_identity = anv_demo_chance (demo->rand, PROTECTED_PER_MILLE);
  if (!input.protected_identity && anv_demo_chance (demo->rand, POSTAL_CODE_PER_MILLE))
    input.postal_code = anv_demo_pick_postal_code (demo->postal_codes, municipality->code,
                                                   demo->rand);

  anv_demo_date_of (registered, &day);
  seeker = anv_seekers_add (demo->db, &input, &day, error);
  if (seeker == NULL)
    return FALSE;
  g_array_append_val (demo->people, person);
  *out_person = demo->people->len - 1;
  return TRUE;
}

/* The job seeker for a decision: now and then one referred before, else a
 * new one registered some weeks before. G_MAXUINT if nobody is left. */
static gboolean
choose_person (Demo        *demo,
               const Slot  *slot,
               guint       *out_person,
               GError     **error)
{
  Region region = slot->service == ANV_SERVICE_KROM ? REGION_PILOT
                  : slot->decided < demo->pilot_start ? REGION_ANY : REGION_OUTSIDE_PILOT;
  guint32 first_day = next_working_day (anv_demo_julian_of (DEMO_YEAR, 1, 2));
  guint32 registered, weeks_before;

  *out_person = G_MAXUINT;
  if (!slot->story && anv_demo_chance (demo->rand, REUSE_PER_MILLE))
    *out_person = reuse_person (demo, region, slot->decided, FALSE);
  if (*out_person != G_MAXUINT)
    return TRUE;

  if (demo->next_number >= demo->numbers->len)
    {
      *out_person = reuse_person (demo, region, slot->decided, TRUE);
      return TRUE;
    }

  /* Registered some weeks before, in 2020. */
  weeks_before = uniform (demo->rand, 3, 75);
  registered = slot->decided - MIN (slot->decided - first_day, weeks_before);
  registered = MIN (next_working_day (registered), slot->decided);
  return register_person (demo, region, registered, out_person, error);
}

static gboolean
contains_orgnr (GPtrArray  *providers,
                const char *orgnr)
{
  for (guint i = 0; i < providers->len; i++)
    if (strcmp (((AnvProvider *) g_ptr_array_index (providers, i))->orgnr, orgnr) == 0)
      return TRUE;
  return FALSE;
}

/* A provider approved for @service on @date somewhere else than in the
 * municipality, or NULL. */
static char *
pick_outside_provider (Demo         *demo,
                       AnvService    service,
                       const char   *municipality_code,
                       GPtrArray    *local,
                       const GDate  *date,
                       GError      **error)
{
  for (guint attempt = 0; attempt < 8; attempt++)
    {
      AnvArea *area = g_ptr_array_index (demo->areas,
                                         uniform (demo->rand, 0, demo->areas->len - 1));
      g_autoptr (GPtrArray) there = NULL;
      AnvProvider *provider;

      if (area->service != service
          || g_strv_contains ((const char * const *) area->municipality_codes,
                              municipality_code))
        continue;
      there = anv_providers_approved_for (demo->db, service, area->municipality_codes[0], date,
                                          error);
      if (there == NULL)
        return NULL;
      if (there->len == 0)
        continue;
      provider = g_ptr_array_index (there, uniform (demo->rand, 0, there->len - 1));
      if (!contains_orgnr (local, provider->orgnr))
        return g_strdup (provider->orgnr);
    }
  return NULL;
}

static gboolean
decide (Demo         *demo,
        const Slot   *slot,
        const Person *person,
        Life         *life,
        char        **out_orgnr,
        GError      **error)
{
  const AnvMunicipality *municipality = g_ptr_array_index (demo->municipalities,
                                                           person->municipality);
  g_autoptr (GPtrArray) local = NULL;
  g_autoptr (AnvReferral) referral = NULL;
  g_autofree char *orgnr = NULL;
  g_autoptr (GError) local_error = NULL;
  AnvReferralInput input = { 0 };
  GDate decided, planned;

  anv_demo_date_of (slot->decided, &decided);
  anv_demo_date_of (life->planned, &planned);

  if (life->own_choice)
    {
      local = anv_providers_approved_for (demo->db, slot->service, municipality->code,
                                          &decided, error);
      if (local == NULL)
        return FALSE;
      if (life->outside_area)
        {
          orgnr = pick_outside_provider (demo, slot->service, municipality->code, local,
                                         &decided, &local_error);
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
        }
      if (orgnr == NULL && local->len > 0)
        orgnr = g_strdup (((AnvProvider *) g_ptr_array_index (
                            local, uniform (demo->rand, 0, local->len - 1)))->orgnr);
    }
  life->outside_area = life->outside_area && orgnr != NULL
                       && !contains_orgnr (local, orgnr);

  input.personnummer = person->number;
  input.service = slot->service;
  input.provider_orgnr = orgnr;
  input.level = life->level;
  input.choice = orgnr != NULL ? ANV_CHOICE_OWN : ANV_CHOICE_DEFAULT;
  input.outside_area = life->outside_area;
  input.decided_on = &decided;
  input.planned_start = &planned;

  referral = anv_referrals_decide (demo->db, &input, &demo->today, error);
  if (referral == NULL)
    return FALSE;
  *out_orgnr = g_strdup (anv_referral_current_provider (referral)->orgnr);
  return TRUE;
}

/* Another provider approved where the job seeker lives, or NULL. */
static gboolean
change_provider (Demo          *demo,
                 const Slot    *slot,
                 const Person  *person,
                 const Life    *life,
                 const char    *current,
                 GError       **error)
{
  const AnvMunicipality *municipality = g_ptr_array_index (demo->municipalities,
                                                           person->municipality);
  g_autoptr (GPtrArray) local = NULL;
  GDate day;
  guint first;

  anv_demo_date_of (life->changed, &day);
  local = anv_providers_approved_for (demo->db, slot->service, municipality->code, &day, error);
  if (local == NULL)
    return FALSE;
  if (local->len < 2)
    return TRUE;

  first = uniform (demo->rand, 0, local->len - 1);
  for (guint i = 0; i < local->len; i++)
    {
      AnvProvider *provider = g_ptr_array_index (local, (first + i) % local->len);

      if (strcmp (provider->orgnr, current) != 0)
        return anv_referrals_change_provider (demo->db, person->number, provider->orgnr, FALSE,
                                              &day, &demo->today, error);
    }
  return TRUE;
}

static gboolean
record_referral (Demo        *demo,
                 const Slot  *slot,
                 GError     **error)
{
  g_autofree char *orgnr = NULL;
  Person *person;
  guint index;
  Life life;
  GDate day;

  plan_life (demo, slot, &life);
  if (!choose_person (demo, slot, &index, error))
    return FALSE;
  /* Nobody left to refer: the year is full. */
  if (index == G_MAXUINT)
    return TRUE;
  person = &g_array_index (demo->people, Person, index);

  if (!decide (demo, slot, person, &life, &orgnr, error))
    return FALSE;
  person->free_from = 0;

  if (life.started != 0)
    {
      anv_demo_date_of (life.started, &day);
      if (!anv_referrals_start (demo->db, person->number, &day, &demo->today, error))
        return FALSE;
    }
  if (life.changed != 0 && !change_provider (demo, slot, person, &life, orgnr, error))
    return FALSE;
  if (life.ended != 0)
    {
      anv_demo_date_of (life.ended, &day);
      if (!anv_referrals_end (demo->db, person->number, life.reason, &day, &demo->today,
                              error))
        return FALSE;
      person->free_from = life.ended + 30;
      g_array_append_val (demo->pools[anv_demo_pilot_area (
        ((AnvMunicipality *) g_ptr_array_index (demo->municipalities,
                                                person->municipality))->code)
        ? REGION_PILOT : REGION_OUTSIDE_PILOT], index);
    }
  return TRUE;
}

/* Job seekers registered in 2020 who have not been referred, most of
 * them from March to June. */
static gboolean
register_unreferred (Demo    *demo,
                     guint    n,
                     GError **error)
{
  for (guint i = 0; i < n && demo->next_number < demo->numbers->len; i++)
    {
      guint month = anv_demo_chance (demo->rand, 500) ? uniform (demo->rand, 3, 6)
                                             : uniform (demo->rand, 1, 12);
      guint person;

      if (!register_person (demo, REGION_ANY, random_working_day (demo->rand, month), &person,
                            error))
        return FALSE;
      report_progress (demo);
    }
  return TRUE;
}

static gboolean
load_year (Demo    *demo,
           GError **error)
{
  g_autoptr (GArray) slots = NULL;
  g_autofree char *details = NULL;

  if (!prepare_numbers (demo, error))
    return FALSE;
  demo->municipalities = anv_municipalities_list (demo->db, error);
  if (demo->municipalities == NULL)
    return FALSE;
  demo->postal_codes = anv_municipalities_list_postal_codes (demo->db, error);
  if (demo->postal_codes == NULL)
    return FALSE;
  prepare_weights (demo);

  if (!anv_demo_add_providers (demo->db, FALSE, error))
    return FALSE;
  demo->areas = anv_areas_list (demo->db, error);
  if (demo->areas == NULL)
    return FALSE;

  slots = plan_slots (demo);
  demo->total = slots->len + N_UNREFERRED;
  for (guint i = 0; i < slots->len; i++)
    {
      if (!record_referral (demo, &g_array_index (slots, Slot, i), error))
        return FALSE;
      report_progress (demo);
    }
  if (!register_unreferred (demo, N_UNREFERRED, error))
    return FALSE;
  if (demo->progress != NULL)
    demo->progress (demo->total, demo->total, demo->user_data);

  details = g_strdup_printf ("%u job seekers, %u referrals decided", demo->people->len,
                             slots->len);
  return anv_audit_append (demo->db, "demo.load", "database", NULL, details, error);
}

/* Public API */

gboolean
anv_demo_load (AnvDb            *db,
               AnvProgressFunc   progress,
               gpointer          user_data,
               GError          **error)
{
  Demo demo = { 0 };
  gboolean has_data = FALSE;
  g_autoptr (GError) local_error = NULL;

  g_return_val_if_fail (ANV_IS_DB (db), FALSE);

  if (!anv_demo_has_data (db, &has_data, error))
    return FALSE;
  if (has_data)
    {
      g_set_error_literal (error, ANV_DEMO_ERROR, ANV_DEMO_ERROR_NOT_EMPTY,
                           _("The database already holds data (job seekers, providers or "
                             "referrals), so the demo data was not loaded and nothing was "
                             "changed. Load the demo data into a new, empty database."));
      return FALSE;
    }

  demo.db = db;
  demo.rand = g_rand_new_with_seed (DEMO_SEED);
  demo.progress = progress;
  demo.user_data = user_data;
  demo.today_julian = anv_demo_julian_of (DEMO_YEAR, 12, 31);
  anv_demo_date_of (demo.today_julian, &demo.today);
  demo.pilot_start = anv_demo_julian_of (DEMO_YEAR, 3, 30);
  demo.people = g_array_new (FALSE, TRUE, sizeof (Person));
  demo.pools[0] = g_array_new (FALSE, FALSE, sizeof (guint));
  demo.pools[1] = g_array_new (FALSE, FALSE, sizeof (guint));

  if (!anv_db_begin (db, &local_error))
    goto fail;
  if (!load_year (&demo, &local_error) || !anv_db_commit (db, &local_error))
    {
      anv_db_rollback (db);
      goto fail;
    }
  demo_clear (&demo);
  return TRUE;

fail:
  demo_clear (&demo);
  g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                              _("The demo data could not be loaded, and nothing was "
                                "changed: "));
  return FALSE;
}
