/* test-map.c — tests for the map's geometry: projection, borders, hit-testing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-test-map"

#include <math.h>
#include <string.h>

#include "anv-availability.h"
#include "anv-map.h"
#include "anv-test-util.h"

/* Places by longitude and latitude (WGS 84) */
static const struct
{
  const char *name;
  double      lon;
  double      lat;
  const char *municipality;   /* the one the point lies in, or NULL: abroad or at sea */
} places[] = {
  { "Stockholm, Sergels torg", 18.0686, 59.3326, "0180" },
  { "Kiruna, church", 20.2260, 67.8520, "2584" },
  { "Malmö, Stortorget", 13.0020, 55.6057, "1280" },
  { "Umeå, Rådhustorget", 20.2630, 63.8258, "2480" },
  { "Visby", 18.2948, 57.6409, "0980" },
  { "Oslo", 10.7522, 59.9139, NULL },
  { "Helsinki", 24.9384, 60.1699, NULL },
  { "The Skagerrak", 10.0, 57.8, NULL },
  { "The Bothnian Sea, between Gävle and Vaasa", 19.5, 62.0, NULL },
};

static void
project_place (const char *name,
               double     *x,
               double     *y)
{
  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    if (strcmp (places[i].name, name) == 0)
      {
        anv_map_project (places[i].lon, places[i].lat, x, y);
        return;
      }
  g_assert_not_reached ();
}

static AnvMap *
get_map (void)
{
  g_autoptr (GError) error = NULL;
  AnvMap *map = anv_map_get_default (&error);

  g_assert_no_error (error);
  g_assert_nonnull (map);
  return map;
}


/* Tests */

static void
test_projection_meridian (void)
{
  double x, y;

  /* On the central meridian the easting is the false easting, and the
   * northing is the meridian arc on GRS 80 times the scale 0.9996:
   * 6 654 072.8 m to 60° N, so 6 651 411.2 m. */
  anv_map_project (15.0, 60.0, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 500000.0, 0.001);
  g_assert_cmpfloat_with_epsilon (y, 6651411.2, 1.0);

  anv_map_project (15.0, 0.0, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 500000.0, 0.001);
  g_assert_cmpfloat_with_epsilon (y, 0.0, 0.001);

  /* Symmetric about the meridian */
  {
    double east_x, east_y, west_x, west_y;

    anv_map_project (18.0, 62.0, &east_x, &east_y);
    anv_map_project (12.0, 62.0, &west_x, &west_y);
    g_assert_cmpfloat_with_epsilon (east_x - 500000.0, 500000.0 - west_x, 0.001);
    g_assert_cmpfloat_with_epsilon (east_y, west_y, 0.001);
  }
}

static void
test_projection_cities (void)
{
  double sto_x, sto_y, kir_x, kir_y, mal_x, mal_y;

  project_place ("Stockholm, Sergels torg", &sto_x, &sto_y);
  project_place ("Kiruna, church", &kir_x, &kir_y);
  project_place ("Malmö, Stortorget", &mal_x, &mal_y);

  /* Malmö south and west of Stockholm, Kiruna far north */
  g_assert_cmpfloat (mal_y, <, sto_y);
  g_assert_cmpfloat (sto_y, <, kir_y);
  g_assert_cmpfloat (mal_x, <, 500000.0);
  g_assert_cmpfloat (sto_x, >, 500000.0);

  /* Where SWEREF 99 TM puts them, within a few kilometres */
  g_assert_cmpfloat (fabs (sto_x - 674600), <, 3000);
  g_assert_cmpfloat (fabs (sto_y - 6581100), <, 3000);
  g_assert_cmpfloat (fabs (kir_x - 719600), <, 3000);
  g_assert_cmpfloat (fabs (kir_y - 7535700), <, 3000);
  g_assert_cmpfloat (fabs (mal_x - 374000), <, 3000);
  g_assert_cmpfloat (fabs (mal_y - 6164000), <, 3000);

  /* Distances are true to within the scale: Stockholm–Malmö is about
   * 513 km as the crow flies. */
  g_assert_cmpfloat (fabs (hypot (sto_x - mal_x, sto_y - mal_y) - 513000), <, 5000);
}

static void
test_borders (void)
{
  AnvMap *map = get_map ();
  AnvMapBounds sweden;
  int umea;

  g_assert_cmpuint (anv_map_get_n_areas (map), ==, 290);
  g_assert_true (anv_map_get_default (NULL) == map);

  umea = anv_map_lookup (map, "2480");
  g_assert_cmpint (umea, >=, 0);
  g_assert_cmpstr (anv_map_get_area (map, umea)->name, ==, "Umeå");
  g_assert_cmpstr (anv_map_get_area (map, umea)->county_code, ==, "24");
  g_assert_cmpint (anv_map_lookup (map, "0114"), ==, 0);
  g_assert_cmpint (anv_map_lookup (map, "9999"), ==, -1);
  g_assert_cmpint (anv_map_lookup (map, NULL), ==, -1);

  /* Ordered by code; every label point lies inside its own border and in
   * no other municipality. */
  for (guint i = 0; i < anv_map_get_n_areas (map); i++)
    {
      const AnvMapArea *area = anv_map_get_area (map, i);

      if (i > 0)
        g_assert_cmpstr (anv_map_get_area (map, i - 1)->code, <, area->code);
      g_assert_true (anv_map_area_contains (area, area->label_x, area->label_y));
      g_assert_cmpint (anv_map_find (map, area->label_x, area->label_y), ==, i);
    }

  /* Sweden: some 1 570 km from south to north, 650 km across */
  g_assert_true (anv_map_get_bounds (map, NULL, &sweden));
  g_assert_cmpfloat (sweden.y_max - sweden.y_min, >, 1500000);
  g_assert_cmpfloat (sweden.y_max - sweden.y_min, <, 1600000);
  g_assert_cmpfloat (sweden.x_max - sweden.x_min, >, 600000);
  g_assert_cmpfloat (sweden.x_max - sweden.x_min, <, 700000);
}

static void
test_hit (void)
{
  AnvMap *map = get_map ();

  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    {
      double x, y;
      int found;

      anv_map_project (places[i].lon, places[i].lat, &x, &y);
      found = anv_map_find (map, x, y);
      g_test_message ("%s", places[i].name);
      if (places[i].municipality == NULL)
        g_assert_cmpint (found, ==, -1);
      else
        g_assert_cmpint (found, ==, anv_map_lookup (map, places[i].municipality));
    }
}

static void
test_counties (void)
{
  AnvMap *map = get_map ();
  const AnvMapArea *umea = anv_map_get_area (map, anv_map_lookup (map, "2480"));
  AnvMapBounds vasterbotten, sweden;
  guint n_in_county = 0;

  g_assert_true (anv_map_get_bounds (map, "24", &vasterbotten));
  g_assert_true (anv_map_get_bounds (map, NULL, &sweden));
  g_assert_cmpfloat (vasterbotten.x_min, <=, umea->bounds.x_min);
  g_assert_cmpfloat (vasterbotten.y_max, >=, umea->bounds.y_max);
  g_assert_cmpfloat (vasterbotten.x_min, >=, sweden.x_min);
  g_assert_cmpfloat (vasterbotten.y_max, <, sweden.y_max);

  for (guint i = 0; i < anv_map_get_n_areas (map); i++)
    n_in_county += strcmp (anv_map_get_area (map, i)->county_code, "24") == 0;
  g_assert_cmpuint (n_in_county, ==, 15);

  g_assert_false (anv_map_get_bounds (map, "99", &sweden));
}

static void
test_damaged (void)
{
  static const char *const damaged[] = {
    "",
    "{}",
    "{\"features\": [{\"properties\": {\"id\": \"0114\"}}]}",
    "{\"features\": [{\"properties\": {\"id\": \"0114\", \"lan_code\": \"01\", "
    "\"kom_namn\": \"Upplands Väsby\"}, \"geometry\": {\"type\": \"Polygon\", "
    "\"coordinates\": [[[18, 59], [18.1, 59]]]}}]}",
    /* The parser's message quotes this as bytes that are not UTF-8 (found by
     * the fuzzer) */
    "{\"features\": [{\"properties\": {\"id\": \"2\\643\"A}}]}",
  };
  static const char square[] =
    "{\"features\": [{\"properties\": {\"id\": \"0114\", \"lan_code\": \"01\", "
    "\"kom_namn\": \"Upplands Väsby\"}, \"geometry\": {\"type\": \"Polygon\", "
    "\"coordinates\": [[[18, 59], [19, 59], [19, 60], [18, 60], [18, 59]], "
    "[[18.4, 59.4], [18.6, 59.4], [18.6, 59.6], [18.4, 59.6], [18.4, 59.4]]]}}]}";
  g_autoptr (AnvMap) map = NULL;
  g_autoptr (GError) error = NULL;
  double x, y;

  for (guint i = 0; i < G_N_ELEMENTS (damaged); i++)
    {
      g_autoptr (AnvMap) none = anv_map_new_from_data (damaged[i], strlen (damaged[i]), &error);

      g_assert_null (none);
      g_assert_error (error, ANV_MAP_ERROR, ANV_MAP_ERROR_DATA);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_clear_error (&error);
    }

  /* A square with a square hole: the hole is outside */
  map = anv_map_new_from_data (square, strlen (square), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (anv_map_get_n_areas (map), ==, 1);
  anv_map_project (18.2, 59.5, &x, &y);
  g_assert_cmpint (anv_map_find (map, x, y), ==, 0);
  anv_map_project (18.5, 59.5, &x, &y);
  g_assert_cmpint (anv_map_find (map, x, y), ==, -1);
  anv_map_project (19.5, 59.5, &x, &y);
  g_assert_cmpint (anv_map_find (map, x, y), ==, -1);
  /* Its label point is not in the hole */
  g_assert_true (anv_map_area_contains (anv_map_get_area (map, 0),
                                        anv_map_get_area (map, 0)->label_x,
                                        anv_map_get_area (map, 0)->label_y));
}

static void
test_offered (void)
{
  static const struct
  {
    AnvService  service;
    const char *month;
    guint       n;
  } cases[] = {
    { ANV_SERVICE_KROM, "2020-02", 0 },
    { ANV_SERVICE_KROM, "2020-03", 32 },     /* from 30 March */
    { ANV_SERVICE_KROM, "2020-04", 32 },
    { ANV_SERVICE_STOM, "2020-03", 290 },    /* until 29 March in the pilot */
    { ANV_SERVICE_STOM, "2020-04", 258 },
  };
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GHashTable) codes = anv_availability_offered_in_month (db, cases[i].service,
                                                                       cases[i].month, &error);

      g_assert_no_error (error);
      g_test_message ("%s %s", anv_service_code (cases[i].service), cases[i].month);
      g_assert_cmpuint (g_hash_table_size (codes), ==, cases[i].n);
      if (cases[i].service == ANV_SERVICE_KROM && cases[i].n > 0)
        g_assert_true (g_hash_table_contains (codes, "2480"));
    }

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/map/projection/meridian", test_projection_meridian);
  g_test_add_func ("/map/projection/cities", test_projection_cities);
  g_test_add_func ("/map/borders", test_borders);
  g_test_add_func ("/map/hit", test_hit);
  g_test_add_func ("/map/counties", test_counties);
  g_test_add_func ("/map/damaged", test_damaged);
  g_test_add_func ("/map/offered", test_offered);

  return g_test_run ();
}
