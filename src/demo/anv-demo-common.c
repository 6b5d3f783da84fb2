/* anv-demo-common.c — what the demo year and the generator share
 *
 * Reference tables (populations, the KROM pilot, names), dates as Julian
 * day numbers, seeded chance and Skatteverket's test personnummer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-demo-common"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "anv-delivery-areas.h"
#include "anv-demo-private.h"
#include "anv-demo-resources.h"
#include "anv-demo.h"
#include "anv-personnummer.h"
#include "anv-providers.h"
#include "anv-workdays.h"

#define TEST_NUMBERS_PATH RESOURCE_PREFIX "/data/skatteverket_testpersonnummer.json"
#define TEST_COORDINATION_PATH RESOURCE_PREFIX "/data/skatteverket_testsamordningsnummer.json"

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

guint
anv_demo_uniform (GRand *rand,
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

static GPtrArray *
read_numbers (const char  *path,
              GError     **error)
{
  g_autoptr (GInputStream) stream = NULL;
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  g_autoptr (GPtrArray) numbers = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GError) local_error = NULL;
  JsonNode *root;
  JsonArray *array;

  stream = g_resource_open_stream (anv_demo_get_resource (), path,
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

GPtrArray *
anv_demo_read_test_numbers (GError **error)
{
  return read_numbers (TEST_NUMBERS_PATH, error);
}

GPtrArray *
anv_demo_read_test_coordination_numbers (GError **error)
{
  return read_numbers (TEST_COORDINATION_PATH, error);
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
  const char *first = female ? women[anv_demo_uniform (rand, 0, G_N_ELEMENTS (women) - 1)]
                             : men[anv_demo_uniform (rand, 0, G_N_ELEMENTS (men) - 1)];
  const char *last = surnames[anv_demo_uniform (rand, 0, G_N_ELEMENTS (surnames) - 1)];

  /* Now and then a double surname. */
  if (anv_demo_chance (rand, 40))
    return g_strdup_printf ("%s %s %s", first, last,
                            surnames[anv_demo_uniform (rand, 0, G_N_ELEMENTS (surnames) - 1)]);
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
  return g_ptr_array_index (list, anv_demo_uniform (rand, 0, list->len - 1));
}

void
anv_demo_shuffle (GPtrArray *array,
                  GRand     *rand)
{
  for (guint i = array->len; i > 1; i--)
    {
      guint j = anv_demo_uniform (rand, 0, i - 1);
      gpointer swap = array->pdata[i - 1];

      array->pdata[i - 1] = array->pdata[j];
      array->pdata[j] = swap;
    }
}

