/* test-map-page.c — tests for the map: its drawing, the page, live updates, export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "TestMapPage"

#include "config.h"

#include <string.h>

#include <gtk/gtk.h>

#include "anv-approvals.h"
#include "anv-date.h"
#include "anv-delivery-areas.h"
#include "anv-map-page.h"
#include "anv-map-renderer.h"
#include "anv-providers.h"
#include "anv-referrals.h"
#include "anv-seekers.h"
#include "anv-text.h"

#include "anv-gui-test-util.h"

#define KROM_UMEA "2021002114"   /* KROM around Umeå */
#define RENDER_WIDTH  900
#define RENDER_HEIGHT 1100

/* The people of the tests */
enum
{
  UMEA_1, UMEA_2, UMEA_3,   /* KROM in April 2020; the third leaves in April */
  NORDMALING,               /* KROM in April 2020 */
  UMEA_LATE,                /* decided while the page shows */
  N_PEOPLE
};

static const char *const homes[N_PEOPLE] = { "2480", "2480", "2480", "2401", "2480" };

typedef struct
{
  char       *tmpdir;
  AnvDb      *db;
  AnvContext *context;
  GDate       today;
  GPtrArray  *numbers;
  GtkWidget  *window;
  GtkWidget  *page;
} Fixture;


/*
 * Helpers
 */

static const AnvMap *
get_map (void)
{
  g_autoptr (GError) error = NULL;
  const AnvMap *map = anv_map_get_default (&error);

  g_assert_no_error (error);
  return map;
}

/* The colour of the pixel at @x, @y, 0–255 per channel */
static void
get_pixel (cairo_surface_t *surface,
           double           x,
           double           y,
           guint            rgb[3])
{
  guchar *data;
  guint32 pixel;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  g_assert_cmpfloat (x, >=, 0);
  g_assert_cmpfloat (y, >=, 0);
  g_assert_cmpfloat (x, <, cairo_image_surface_get_width (surface));
  g_assert_cmpfloat (y, <, cairo_image_surface_get_height (surface));
  pixel = *(guint32 *) (data + (int) y * cairo_image_surface_get_stride (surface) + 4 * (int) x);
  rgb[0] = (pixel >> 16) & 0xff;
  rgb[1] = (pixel >> 8) & 0xff;
  rgb[2] = pixel & 0xff;
}

/* The pixel at the label point of municipality @code */
static void
get_area_pixel (AnvMapRenderer  *renderer,
                cairo_surface_t *surface,
                const char      *code,
                guint            rgb[3])
{
  const AnvMap *map = anv_map_renderer_get_map (renderer);
  const AnvMapArea *area = anv_map_get_area (map, anv_map_lookup (map, code));
  double px, py;

  anv_map_renderer_to_device (renderer, area->label_x, area->label_y, &px, &py);
  g_assert_cmpint (anv_map_renderer_hit (renderer, px, py), ==, anv_map_lookup (map, code));
  get_pixel (surface, px, py, rgb);
}

static void
assert_colour (const guint   rgb[3],
               const double  expected[3])
{
  for (guint c = 0; c < 3; c++)
    g_assert_cmpint (ABS ((int) rgb[c] - (int) (expected[c] * 255.0 + 0.5)), <=, 3);
}

static void
decide (Fixture    *fixture,
        guint       who,
        const char *date)
{
  g_autoptr (AnvReferral) referral = NULL;
  g_autoptr (GError) error = NULL;
  AnvReferralInput input = { 0, };
  GDate decided;

  g_assert_true (anv_date_parse (date, &decided, NULL));
  input.personnummer = g_ptr_array_index (fixture->numbers, who);
  input.provider_orgnr = KROM_UMEA;
  input.level = "B";
  input.choice = ANV_CHOICE_OWN;
  input.decided_on = &decided;
  referral = anv_referrals_decide (fixture->db, &input, &fixture->today, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  static const char *const north[] = { "2480", "2401", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvProvider) provider = NULL;
  GDate from, day;

  fixture->db = anv_test_open_db (&fixture->tmpdir);
  g_date_clear (&fixture->today, 1);
  g_date_set_dmy (&fixture->today, 15, G_DATE_MAY, 2020);
  fixture->numbers = anv_test_load_personnummer ("1970", "2000", FALSE, N_PEOPLE);

  provider = anv_providers_add (fixture->db, KROM_UMEA, "Rusta Norr AB", "2480", &fixture->today,
                                &error);
  g_assert_no_error (error);
  anv_areas_add (fixture->db, "Umeåregionen", ANV_SERVICE_KROM, north, &error);
  g_assert_no_error (error);
  g_date_clear (&from, 1);
  g_date_set_dmy (&from, 30, G_DATE_MARCH, 2020);
  anv_providers_approve (fixture->db, KROM_UMEA, "Umeåregionen", &from, NULL, &fixture->today,
                         &error);
  g_assert_no_error (error);

  for (guint who = 0; who < N_PEOPLE; who++)
    {
      g_autoptr (AnvSeeker) seeker = NULL;
      AnvSeekerInput input = { g_ptr_array_index (fixture->numbers, who), "Test Testsson",
                               homes[who], NULL, FALSE };

      seeker = anv_seekers_add (fixture->db, &input, &fixture->today, &error);
      g_assert_no_error (error);
    }

  decide (fixture, UMEA_1, "2020-04-06");
  decide (fixture, UMEA_2, "2020-04-14");
  decide (fixture, NORDMALING, "2020-04-15");
  decide (fixture, UMEA_3, "2020-04-20");
  g_assert_true (anv_date_parse ("2020-04-28", &day, NULL));
  anv_referrals_end (fixture->db, g_ptr_array_index (fixture->numbers, UMEA_3), "flyttat", &day,
                     &fixture->today, &error);
  g_assert_no_error (error);

  fixture->context = anv_context_new (fixture->db, NULL);
  fixture->page = anv_map_page_new (fixture->context);
  fixture->window = anv_test_show_in_window (fixture->page, 1200, 900);
  anv_map_page_set_month (ANV_MAP_PAGE (fixture->page), "2020-04");
  anv_test_iterate_main_loop ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_pointer (&fixture->window, gtk_widget_destroy);
  anv_test_iterate_main_loop ();
  g_clear_pointer (&fixture->numbers, g_ptr_array_unref);
  g_clear_object (&fixture->context);
  anv_test_close_db (&fixture->db, &fixture->tmpdir);
}

static const char *
get_description (Fixture *fixture)
{
  AnvMapView *view = anv_map_page_get_view (ANV_MAP_PAGE (fixture->page));

  return atk_object_get_description (gtk_widget_get_accessible (GTK_WIDGET (view)));
}


/*
 * Tests
 */

/* A small known map, drawn headless: each municipality in its colour */
static void
test_render (void)
{
  const AnvMap *map = get_map ();
  g_autoptr (AnvMapRenderer) renderer = anv_map_renderer_new (map);
  g_autofree AnvMapCell *cells = g_new0 (AnvMapCell, anv_map_get_n_areas (map));
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, RENDER_WIDTH,
                                                         RENDER_HEIGHT);
  cairo_t *cr = cairo_create (surface);
  double full[3], half[3], none[3];
  guint rgb[3];
  double px, py, x, y;

  /* Offered everywhere with 0, except: Umeå 10 (the most), Göteborg 5,
   * Kiruna not offered */
  for (guint i = 0; i < anv_map_get_n_areas (map); i++)
    cells[i].offered = TRUE;
  cells[anv_map_lookup (map, "2480")].value = 10;
  cells[anv_map_lookup (map, "1480")].value = 5;
  cells[anv_map_lookup (map, "2584")].offered = FALSE;
  anv_map_renderer_set_cells (renderer, cells, "Anvisade");
  g_assert_cmpuint (anv_map_renderer_get_maximum (renderer), ==, 10);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  anv_map_renderer_draw (renderer, cr, RENDER_WIDTH, RENDER_HEIGHT);

  anv_map_renderer_get_colour (10, 10, full);
  anv_map_renderer_get_colour (5, 10, half);
  anv_map_renderer_get_colour (0, 10, none);
  /* The scale darkens as it rises */
  g_assert_cmpfloat (full[0] + full[1] + full[2], <, half[0] + half[1] + half[2]);
  g_assert_cmpfloat (half[0] + half[1] + half[2], <, none[0] + none[1] + none[2]);

  get_area_pixel (renderer, surface, "2480", rgb);
  assert_colour (rgb, full);
  get_area_pixel (renderer, surface, "1480", rgb);
  assert_colour (rgb, half);
  get_area_pixel (renderer, surface, "1280", rgb);
  assert_colour (rgb, none);
  get_area_pixel (renderer, surface, "0180", rgb);
  assert_colour (rgb, none);

  /* Not offered: grey (the fill or its hatching), not the scale's zero */
  get_area_pixel (renderer, surface, "2584", rgb);
  g_assert_cmpint (ABS ((int) rgb[0] - (int) rgb[2]), <=, 2);
  g_assert_cmpint (ABS ((int) rgb[1] - (int) rgb[2]), <=, 2);
  g_assert_cmpint (rgb[0], >=, 170);
  g_assert_cmpint (rgb[0], <=, 230);

  /* Hit-testing: the sea, Norway and the legend hit nothing */
  anv_map_project (19.5, 62.0, &x, &y);
  anv_map_renderer_to_device (renderer, x, y, &px, &py);
  g_assert_cmpint (anv_map_renderer_hit (renderer, px, py), ==, -1);
  get_pixel (surface, px, py, rgb);
  g_assert_cmpuint (rgb[0], ==, 255);
  anv_map_project (10.75, 59.91, &x, &y);
  anv_map_renderer_to_device (renderer, x, y, &px, &py);
  g_assert_cmpint (anv_map_renderer_hit (renderer, px, py), ==, -1);
  g_assert_cmpint (anv_map_renderer_hit (renderer, 20, RENDER_HEIGHT - 20), ==, -1);

  /* The map keeps its shape: as many pixels per metre across as up */
  {
    const AnvMapArea *a = anv_map_get_area (map, anv_map_lookup (map, "1280"));
    const AnvMapArea *b = anv_map_get_area (map, anv_map_lookup (map, "2584"));
    double ax, ay, bx, by;

    anv_map_renderer_to_device (renderer, a->label_x, a->label_y, &ax, &ay);
    anv_map_renderer_to_device (renderer, b->label_x, b->label_y, &bx, &by);
    g_assert_cmpfloat_with_epsilon ((bx - ax) / (b->label_x - a->label_x),
                                    (ay - by) / (b->label_y - a->label_y), 1e-9);
    /* and fills the height it has */
    g_assert_cmpfloat (ay - by, >, 0.75 * RENDER_HEIGHT);
  }

  /* Zoomed to Västerbotten, Umeå is larger and Malmö out of sight */
  anv_map_renderer_set_county (renderer, "24");
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  anv_map_renderer_draw (renderer, cr, RENDER_WIDTH, RENDER_HEIGHT);
  get_area_pixel (renderer, surface, "2480", rgb);
  assert_colour (rgb, full);
  {
    const AnvMapArea *malmo = anv_map_get_area (map, anv_map_lookup (map, "1280"));

    anv_map_renderer_to_device (renderer, malmo->label_x, malmo->label_y, &px, &py);
    g_assert_cmpfloat (py, >, RENDER_HEIGHT);
  }

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* The code of the municipality whose name sorts last, as the page sorts */
static const char *
last_by_name (const AnvMap *map)
{
  const AnvMapArea *last = anv_map_get_area (map, 0);

  for (guint i = 1; i < anv_map_get_n_areas (map); i++)
    if (anv_text_collate (anv_map_get_area (map, i)->name, last->name) > 0)
      last = anv_map_get_area (map, i);
  return last->code;
}

/* April 2020, KROM: the totals, the colours' source, the selection */
static void
test_page (Fixture       *fixture,
           gconstpointer  user_data)
{
  AnvMapView *view = anv_map_page_get_view (ANV_MAP_PAGE (fixture->page));
  const AnvMap *map = anv_map_renderer_get_map (anv_map_view_get_renderer (view));

  g_assert_cmpstr (anv_map_page_get_month (ANV_MAP_PAGE (fixture->page)), ==, "2020-04");
  g_assert_cmpstr (anv_test_label_text (fixture->page, "totals_label"), ==,
                   "4 referred · 3 active at the end of the month");
  g_assert_cmpstr (anv_test_label_text (fixture->page, "month_label"), ==, "April 2020");
  g_assert_cmpstr (atk_object_get_description (gtk_widget_get_accessible (
                     anv_test_find (fixture->page, "month_scale"))), ==, "April 2020");

  /* Select Umeå: its row, and its numbers for assistive technology */
  g_assert_null (anv_map_view_get_selected (view));
  anv_map_view_set_selected (view, "2480");
  g_assert_cmpstr (anv_test_label_text (fixture->page, "selected_label"), ==, "Umeå kommun");
  g_assert_cmpstr (anv_test_label_text (fixture->page, "county_label"), ==,
                   "Västerbottens län");
  g_assert_nonnull (strstr (get_description (fixture), "Umeå"));
  g_assert_nonnull (strstr (get_description (fixture), "3 referred"));
  g_assert_nonnull (strstr (get_description (fixture), "2 active"));

  /* Stockholm had no KROM in 2020: not offered, not zero */
  anv_map_view_set_selected (view, "0180");
  g_assert_nonnull (strstr (get_description (fixture), "not offered"));

  /* The pointer over Umeå shows its name and numbers; over the sea, nothing */
  {
    AnvMapRenderer *renderer = anv_map_view_get_renderer (view);
    const AnvMap *map = anv_map_renderer_get_map (renderer);
    const AnvMapArea *umea = anv_map_get_area (map, (guint) anv_map_lookup (map, "2480"));
    const char *tooltip;
    double px, py;

    anv_map_renderer_to_device (renderer, umea->label_x, umea->label_y, &px, &py);
    tooltip = anv_map_view_get_tooltip_at (view, px, py);
    g_assert_nonnull (tooltip);
    g_assert_nonnull (strstr (tooltip, "Umeå"));
    g_assert_nonnull (strstr (tooltip, "3 referred"));
    /* East of Umeå, out in the Gulf of Bothnia */
    anv_map_renderer_to_device (renderer, umea->label_x + 80000, umea->label_y, &px, &py);
    g_assert_null (anv_map_view_get_tooltip_at (view, px, py));
  }

  /* Zoom to the county and back */
  anv_map_view_set_selected (view, "2480");
  gtk_widget_grab_focus (GTK_WIDGET (view));
  anv_test_press_key (GTK_WIDGET (view), GDK_KEY_Return);
  g_assert_cmpstr (anv_map_view_get_county (view), ==, "24");
  g_assert_true (gtk_widget_get_sensitive (anv_test_find (fixture->page, "whole_button")));
  /* The arrow keys stay in the county */
  for (guint i = 0; i < 6; i++)
    {
      anv_test_press_key (GTK_WIDGET (view), GDK_KEY_Down);
      g_assert_nonnull (anv_map_view_get_selected (view));
      g_assert_true (g_str_has_prefix (anv_map_view_get_selected (view), "24"));
    }
  anv_test_press_key (GTK_WIDGET (view), GDK_KEY_Escape);
  g_assert_null (anv_map_view_get_county (view));

  /* Page Down/Up go through the municipalities by name, Home and End to
   * the first and last; Tab leaves the map */
  anv_map_view_set_selected (view, NULL);
  anv_test_press_key (GTK_WIDGET (view), GDK_KEY_Page_Down);
  g_assert_cmpstr (anv_map_view_get_selected (view), ==, "1440");   /* Ale */
  anv_test_press_key (GTK_WIDGET (view), GDK_KEY_Page_Down);
  g_assert_cmpstr (anv_map_view_get_selected (view), ==, "1489");   /* Alingsås */
  anv_test_press_key (GTK_WIDGET (view), GDK_KEY_Page_Up);
  g_assert_cmpstr (anv_map_view_get_selected (view), ==, "1440");
  anv_test_press_key (GTK_WIDGET (view), GDK_KEY_Page_Up);
  g_assert_cmpstr (anv_map_view_get_selected (view), ==, "1440");
  /* in Swedish order: Ystad, Åmål … Åtvidaberg, Älmhult … Ängelholm, Öckerö */
  anv_map_view_set_selected (view, "1286");
  anv_test_press_key (GTK_WIDGET (view), GDK_KEY_Page_Down);
  g_assert_cmpstr (anv_map_view_get_selected (view), ==, "1492");
  anv_map_view_set_selected (view, "0561");
  anv_test_press_key (GTK_WIDGET (view), GDK_KEY_Page_Down);
  g_assert_cmpstr (anv_map_view_get_selected (view), ==, "0765");
  anv_map_view_set_selected (view, "1292");
  anv_test_press_key (GTK_WIDGET (view), GDK_KEY_Page_Down);
  g_assert_cmpstr (anv_map_view_get_selected (view), ==, "1407");
  anv_test_press_key (GTK_WIDGET (view), GDK_KEY_End);
  g_assert_cmpstr (anv_map_view_get_selected (view), ==, last_by_name (map));
  anv_test_press_key (GTK_WIDGET (view), GDK_KEY_Home);
  g_assert_cmpstr (anv_map_view_get_selected (view), ==, "1440");
  /* Tab, as the window gets it: the focus moves on, the selection stays */
  gtk_widget_grab_focus (GTK_WIDGET (view));
  g_assert_true (gtk_widget_is_focus (GTK_WIDGET (view)));
  anv_test_press_key (gtk_widget_get_toplevel (GTK_WIDGET (view)), GDK_KEY_Tab);
  g_assert_false (gtk_widget_is_focus (GTK_WIDGET (view)));
  g_assert_cmpstr (anv_map_view_get_selected (view), ==, "1440");

  /* Up from Malmö goes north, and stays in Skåne's neighbourhood */
  anv_map_view_set_selected (view, "1280");
  anv_test_press_key (GTK_WIDGET (view), GDK_KEY_Up);
  g_assert_cmpstr (anv_map_view_get_selected (view), !=, "1280");
  g_assert_true (g_str_has_prefix (anv_map_view_get_selected (view), "12"));
  g_assert_cmpfloat (anv_map_get_area (map, (guint) anv_map_lookup (map,
                       anv_map_view_get_selected (view)))->label_y, >,
                     anv_map_get_area (map, (guint) anv_map_lookup (map, "1280"))->label_y);

  /* March: the pilot began on the 30th, nobody referred yet */
  gtk_button_clicked (GTK_BUTTON (anv_test_find (fixture->page, "previous_button")));
  g_assert_cmpstr (anv_map_page_get_month (ANV_MAP_PAGE (fixture->page)), ==, "2020-03");
  g_assert_cmpstr (anv_test_label_text (fixture->page, "totals_label"), ==,
                   "0 referred · 0 active at the end of the month");
  gtk_range_set_value (GTK_RANGE (anv_test_find (fixture->page, "month_scale")),
                       gtk_range_get_value (GTK_RANGE (anv_test_find (fixture->page,
                                                                      "month_scale"))) + 1);
  g_assert_cmpstr (anv_map_page_get_month (ANV_MAP_PAGE (fixture->page)), ==, "2020-04");
}

/* A new referral re-colours the map at once */
static void
test_live (Fixture       *fixture,
           gconstpointer  user_data)
{
  AnvMapView *view = anv_map_page_get_view (ANV_MAP_PAGE (fixture->page));
  AnvMapRenderer *renderer = anv_map_view_get_renderer (view);

  anv_map_view_set_selected (view, "2480");
  g_assert_cmpuint (anv_map_renderer_get_maximum (renderer), ==, 3);

  decide (fixture, UMEA_LATE, "2020-04-29");
  g_assert_cmpstr (anv_test_label_text (fixture->page, "totals_label"), ==,
                   "5 referred · 4 active at the end of the month");
  g_assert_cmpuint (anv_map_renderer_get_maximum (renderer), ==, 4);
  g_assert_nonnull (strstr (get_description (fixture), "4 referred"));
}

/* At midnight into a new month the slider offers it too */
static void
test_new_month (Fixture       *fixture,
                gconstpointer  user_data)
{
  GtkRange *scale = GTK_RANGE (anv_test_find (fixture->page, "month_scale"));
  double last = gtk_adjustment_get_upper (gtk_range_get_adjustment (scale));
  GDate next;

  /* From 2014-01 to the fixture's today, May 2020 */
  g_assert_cmpfloat (last, ==, (2020 - 2014) * 12 + 4);

  anv_test_date (&next, 2020, 6, 1);
  anv_context_set_today (fixture->context, &next);
  g_assert_cmpfloat (gtk_adjustment_get_upper (gtk_range_get_adjustment (scale)), ==, last + 1);
  anv_map_page_set_month (ANV_MAP_PAGE (fixture->page), "2020-06");
  g_assert_cmpstr (anv_map_page_get_month (ANV_MAP_PAGE (fixture->page)), ==, "2020-06");
  g_assert_cmpstr (anv_test_label_text (fixture->page, "totals_label"), ==,
                   "0 referred · 3 active at the end of the month");
}

/* A database whose data ends in the past opens on its latest month, not
 * on a month of zeros; an empty one on this month, and on the data's month
 * once the first referral comes. */
static void
test_latest_month (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) empty = NULL;
  g_autoptr (AnvContext) context = NULL;
  GtkWidget *page, *window;

  /* Today is read as the context is made */
  g_setenv ("ANVISA_TODAY", "2023-06-15", TRUE);
  context = anv_context_new (fixture->db, NULL);
  page = anv_map_page_new (context);
  window = anv_test_show_in_window (page, 1200, 900);
  g_assert_cmpstr (anv_map_page_get_month (ANV_MAP_PAGE (page)), ==, "2020-04");
  g_assert_cmpstr (anv_test_label_text (page, "totals_label"), ==,
                   "4 referred · 3 active at the end of the month");
  gtk_widget_destroy (window);

  /* This month, and the data's once it comes */
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (AnvProvider) provider = NULL;
    g_autoptr (AnvSeeker) seeker = NULL;
    static const char *const north[] = { "2480", NULL };
    AnvSeekerInput input = { g_ptr_array_index (fixture->numbers, UMEA_LATE), "Test Testsson",
                             "2480", NULL, FALSE };
    AnvDb *saved = fixture->db;
    GDate from;

    empty = anv_test_open_db (&dir);
    g_clear_object (&context);
    context = anv_context_new (empty, NULL);
    page = anv_map_page_new (context);
    window = anv_test_show_in_window (page, 1200, 900);
    g_assert_cmpstr (anv_map_page_get_month (ANV_MAP_PAGE (page)), ==, "2023-06");

    provider = anv_providers_add (empty, KROM_UMEA, "Rusta Norr AB", "2480", &fixture->today,
                                  &error);
    g_assert_no_error (error);
    anv_areas_add (empty, "Umeåregionen", ANV_SERVICE_KROM, north, &error);
    g_assert_no_error (error);
    g_date_clear (&from, 1);
    g_date_set_dmy (&from, 30, G_DATE_MARCH, 2020);
    anv_providers_approve (empty, KROM_UMEA, "Umeåregionen", &from, NULL, &fixture->today,
                           &error);
    g_assert_no_error (error);
    seeker = anv_seekers_add (empty, &input, &fixture->today, &error);
    g_assert_no_error (error);
    fixture->db = empty;
    decide (fixture, UMEA_LATE, "2020-04-29");
    fixture->db = saved;
    anv_test_iterate_main_loop ();
    g_assert_cmpstr (anv_map_page_get_month (ANV_MAP_PAGE (page)), ==, "2020-04");
    g_assert_cmpstr (anv_test_label_text (page, "totals_label"), ==,
                     "1 referred · 1 active at the end of the month");
    gtk_widget_destroy (window);
  }
  g_clear_object (&context);
  anv_test_close_db (&empty, &dir);
  g_setenv ("ANVISA_TODAY", "2020-05-15", TRUE);
}

static void
test_export (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autofree char *png = g_build_filename (fixture->tmpdir, "karta.png", NULL);
  g_autofree char *svg = g_build_filename (fixture->tmpdir, "karta.svg", NULL);
  g_autofree char *bad = g_build_filename (fixture->tmpdir, "missing", "karta.png", NULL);
  g_autofree char *contents = NULL;
  g_autoptr (GdkPixbuf) picture = NULL;
  g_autoptr (GError) error = NULL;
  AnvMapView *view = anv_map_page_get_view (ANV_MAP_PAGE (fixture->page));
  AnvMapRenderer *renderer = anv_map_view_get_renderer (view);
  const AnvMap *map = anv_map_renderer_get_map (renderer);
  const AnvMapArea *umea = anv_map_get_area (map, (guint) anv_map_lookup (map, "2480"));
  const char *tooltip;
  double umea_x, umea_y;

  /* Where Umeå is on screen, before the exports */
  anv_map_renderer_to_device (renderer, umea->label_x, umea->label_y, &umea_x, &umea_y);

  g_assert_true (anv_map_page_export_to_path (ANV_MAP_PAGE (fixture->page), png, &error));
  g_assert_no_error (error);
  picture = gdk_pixbuf_new_from_file (png, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (picture), ==, 1000);
  g_assert_cmpint (gdk_pixbuf_get_height (picture), ==, 1250);

  g_assert_true (anv_map_page_export_to_path (ANV_MAP_PAGE (fixture->page), svg, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (svg, &contents, NULL, &error));
  g_assert_nonnull (strstr (contents, "<svg"));
  g_assert_cmpstr (anv_test_label_text (fixture->page, "message_label"), ==,
                   "The map was saved as “karta.svg”.");

  /* The map on screen still answers the pointer where it showed Umeå */
  tooltip = anv_map_view_get_tooltip_at (view, umea_x, umea_y);
  g_assert_nonnull (tooltip);
  g_assert_nonnull (strstr (tooltip, "Umeå"));

  /* A file that cannot be written: a message, and an old file stays whole */
  g_assert_false (anv_map_page_export_to_path (ANV_MAP_PAGE (fixture->page), bad, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "karta.png"));
  g_assert_nonnull (strstr (error->message, "Choose another folder"));
  g_clear_error (&error);

  /* Never over the database, named however: it stays whole */
  {
    g_autofree char *db_png = g_strconcat (anv_db_get_path (fixture->db), "", NULL);
    g_autofree char *wal = g_strconcat (anv_db_get_path (fixture->db), "-wal", NULL);
    const char *targets[] = { db_png, wal };

    for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
      {
        g_assert_false (anv_map_page_export_to_path (ANV_MAP_PAGE (fixture->page), targets[i],
                                                     &error));
        g_assert_nonnull (strstr (error->message, "is the database in use"));
        g_assert_nonnull (strstr (anv_test_label_text (fixture->page, "message_label"),
                                  "is the database in use"));
        g_clear_error (&error);
      }
    anv_test_assert_integrity (fixture->db);
  }

  /* For a person to look at: the refusal as the page shows it */
  {
    g_autofree char *out_dir = g_test_build_filename (G_TEST_BUILT, "screenshots", NULL);
    g_autofree char *shot_path = g_build_filename (out_dir, "map-export-refused.png", NULL);
    g_autoptr (GdkPixbuf) shot = NULL;
    GdkWindow *gdk_window;

    g_mkdir_with_parents (out_dir, 0755);
    anv_test_wait_ms (300);
    gdk_window = gtk_widget_get_window (fixture->window);
    shot = gdk_pixbuf_get_from_window (gdk_window, 0, 0, gdk_window_get_width (gdk_window),
                                       gdk_window_get_height (gdk_window));
    g_assert_nonnull (shot);
    g_assert_true (gdk_pixbuf_save (shot, shot_path, "png", &error, NULL));
    g_assert_no_error (error);
    g_test_message ("%s", shot_path);
  }
}

int
main (int    argc,
      char **argv)
{
  if (!anv_test_init_gui (&argc, &argv, "/map-page/no-display"))
    return g_test_run ();

  g_setenv ("ANVISA_TODAY", "2020-05-15", TRUE);

  g_test_add_func ("/map-page/render", test_render);
  g_test_add ("/map-page/page", Fixture, NULL, fixture_set_up, test_page, fixture_tear_down);
  g_test_add ("/map-page/live", Fixture, NULL, fixture_set_up, test_live, fixture_tear_down);
  g_test_add ("/map-page/new-month", Fixture, NULL, fixture_set_up, test_new_month,
              fixture_tear_down);
  g_test_add ("/map-page/latest-month", Fixture, NULL, fixture_set_up, test_latest_month,
              fixture_tear_down);
  g_test_add ("/map-page/export", Fixture, NULL, fixture_set_up, test_export,
              fixture_tear_down);
  return g_test_run ();
}
