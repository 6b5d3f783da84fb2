/* test-summary-page.c — the supervisor's summary page, driven under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "TestSummaryPage"

#include "config.h"

#include <string.h>

#include <gtk/gtk.h>

#include "anv-approvals.h"
#include "anv-audit.h"
#include "anv-date.h"
#include "anv-delivery-areas.h"
#include "anv-export-dialog.h"
#include "anv-providers.h"
#include "anv-referrals.h"
#include "anv-summary-model.h"
#include "anv-schema.h"
#include "anv-seekers.h"
#include "anv-summary-chart.h"
#include "anv-summary-page.h"

#include "anv-gui-test-util.h"

/* Legal entities' numbers (not personal data) */
#define KROM_UMEA      "2021002114"   /* KROM around Umeå */
#define KROM_VASTERAS  "5560360793"   /* KROM in Västerås */
#define STOM_STHLM     "2021005448"   /* STOM in Stockholm */

/* The columns of the page's store */
enum
{
  COLUMN_NAME,
  COLUMN_SORT_KEY,
  COLUMN_KEY,
  COLUMN_RANK,
  COLUMN_WEIGHT,
  COLUMN_WOMEN,
  COLUMN_MEN,
  COLUMN_TOTAL,
  COLUMN_STARTED,
  COLUMN_JOB,
  COLUMN_STUDIES,
  COLUMN_INTERRUPTED,
  COLUMN_BEFORE_START,
  COLUMN_ACTIVE,
};

/* The people of the tests, by index into the test numbers */
enum
{
  UMEA_1, UMEA_2, UMEA_3,   /* KROM in April 2020; the third leaves in April */
  NORDMALING,               /* KROM in April 2020 */
  VASTERAS,                 /* KROM from 31 March 2020 */
  STOCKHOLM,                /* STOM in April 2020 */
  UMEA_LATE,                /* decided by another connection, in the live test */
  N_PEOPLE
};

static const char *const homes[N_PEOPLE] = {
  "2480", "2480", "2480", "2401", "1980", "0180", "2480",
};

typedef struct
{
  char      *tmpdir;
  AnvDb     *db;
  GDate      today;
  GPtrArray *numbers;   /* Skatteverket's test personnummer, 12 digits */
  GtkWidget *window;
  GtkWidget *page;
} Fixture;


/*
 * Helpers
 */

static const char *
person (Fixture *fixture,
        guint    who)
{
  return g_ptr_array_index (fixture->numbers, who);
}

/* Official statistics split by the second-to-last digit: odd for men. */
static gboolean
is_man (Fixture *fixture,
        guint    who)
{
  return (person (fixture, who)[10] - '0') % 2 == 1;
}

/* The page on a context of its own, with the settings when the schema is
 * compiled (today as ANVISA_TODAY says) */
static GtkWidget *
new_page (AnvDb *db)
{
  g_autoptr (GSettingsSchema) schema = NULL;
  g_autoptr (GSettings) settings = NULL;
  g_autoptr (AnvContext) context = NULL;
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema != NULL)
    settings = g_settings_new_full (schema, NULL, NULL);
  context = anv_context_new (db, settings);

  return anv_summary_page_new (context);
}

static void
add_provider (Fixture            *fixture,
              const char         *orgnr,
              const char         *name,
              const char         *municipality,
              const char         *area,
              AnvService          service,
              const char * const *codes)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvProvider) provider = NULL;
  GDate from;

  provider = anv_providers_add (fixture->db, orgnr, name, municipality, &fixture->today, &error);
  g_assert_no_error (error);
  anv_areas_add (fixture->db, area, service, codes, &error);
  g_assert_no_error (error);
  g_date_clear (&from, 1);
  g_date_set_dmy (&from, 1, G_DATE_JANUARY, 2014);
  anv_providers_approve (fixture->db, orgnr, area, &from, NULL, &fixture->today, &error);
  g_assert_no_error (error);
}

static void
decide (Fixture    *fixture,
        AnvDb      *db,
        guint       who,
        const char *orgnr,
        const char *level,
        const char *date)
{
  g_autoptr (AnvReferral) referral = NULL;
  g_autoptr (GError) error = NULL;
  AnvReferralInput input = { 0, };
  GDate decided;

  g_assert_true (anv_date_parse (date, &decided, NULL));
  input.personnummer = person (fixture, who);
  input.provider_orgnr = orgnr;
  input.level = level;
  input.choice = ANV_CHOICE_OWN;
  input.decided_on = &decided;

  referral = anv_referrals_decide (db, &input, &fixture->today, &error);
  g_assert_no_error (error);
}

static void
end (Fixture    *fixture,
     guint       who,
     const char *reason,
     const char *date)
{
  g_autoptr (GError) error = NULL;
  GDate day;

  g_assert_true (anv_date_parse (date, &day, NULL));
  anv_referrals_end (fixture->db, person (fixture, who), reason, &day, &fixture->today, &error);
  g_assert_no_error (error);
}

static GtkTreeModel *
get_model (Fixture *fixture)
{
  return gtk_tree_view_get_model (GTK_TREE_VIEW (anv_test_find (fixture->page, "tree_view")));
}

static gboolean
find_row (GtkTreeModel *model,
          const char   *key,
          GtkTreeIter  *iter)
{
  gboolean valid;

  for (valid = gtk_tree_model_get_iter_first (model, iter);
       valid;
       valid = gtk_tree_model_iter_next (model, iter))
    {
      g_autofree char *row_key = NULL;

      gtk_tree_model_get (model, iter, COLUMN_KEY, &row_key, -1);
      if (g_strcmp0 (row_key, key) == 0)
        return TRUE;
    }

  return FALSE;
}

/* A number of the row with @key ("0:2480" a municipality, "1:24" a county,
 * "2:" the country, or a month "2020-04"). */
static guint
get_number (Fixture    *fixture,
            const char *key,
            int         column)
{
  GtkTreeModel *model = get_model (fixture);
  GtkTreeIter iter;
  guint value;

  g_assert_true (find_row (model, key, &iter));
  gtk_tree_model_get (model, &iter, column, &value, -1);

  return value;
}

static void
choose (Fixture    *fixture,
        const char *combo,
        const char *id)
{
  g_assert_true (gtk_combo_box_set_active_id (GTK_COMBO_BOX (anv_test_find (fixture->page, combo)),
                                              id));
  anv_test_iterate_main_loop ();
}

/* The view of the seed: April 2020, KROM, the whole country. */
static void
show_april_krom (Fixture *fixture)
{
  choose (fixture, "to_month_combo", "04");
  choose (fixture, "service_combo", "KROM");
}

static guint
count_pixels (cairo_surface_t *surface,
              guint32          rgb)
{
  guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint count = 0;

  cairo_surface_flush (surface);
  for (int y = 0; y < cairo_image_surface_get_height (surface); y++)
    for (int x = 0; x < cairo_image_surface_get_width (surface); x++)
      {
        guint32 pixel = *(guint32 *) (data + y * stride + 4 * x);

        if ((pixel & 0xff000000) == 0xff000000 && (pixel & 0x00ffffff) == rgb)
          count++;
      }

  return count;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  static const char *const north[] = { "2480", "2401", NULL };
  static const char *const west[] = { "1980", NULL };
  static const char *const capital[] = { "0180", NULL };
  g_autoptr (GError) error = NULL;

  fixture->db = anv_test_open_db (&fixture->tmpdir);

  g_date_clear (&fixture->today, 1);
  g_date_set_dmy (&fixture->today, 15, G_DATE_MAY, 2020);
  fixture->numbers = anv_test_load_personnummer ("1960", "2000", TRUE, N_PEOPLE);

  add_provider (fixture, KROM_UMEA, "Rusta Norr AB", "2480", "Umeåregionen", ANV_SERVICE_KROM,
                north);
  add_provider (fixture, KROM_VASTERAS, "Västra Rusta AB", "1980", "Västerås", ANV_SERVICE_KROM,
                west);
  add_provider (fixture, STOM_STHLM, "Matchning Syd AB", "0180", "Storstad", ANV_SERVICE_STOM,
                capital);

  for (guint who = 0; who < N_PEOPLE; who++)
    {
      g_autoptr (AnvSeeker) seeker = NULL;
      AnvSeekerInput input = { person (fixture, who), "Test Testsson", homes[who], NULL, FALSE };

      seeker = anv_seekers_add (fixture->db, &input, &fixture->today, &error);
      g_assert_no_error (error);
    }

  decide (fixture, fixture->db, VASTERAS, KROM_VASTERAS, "A", "2020-03-31");
  decide (fixture, fixture->db, UMEA_1, KROM_UMEA, "B", "2020-04-06");
  decide (fixture, fixture->db, STOCKHOLM, STOM_STHLM, "2", "2020-04-08");
  decide (fixture, fixture->db, UMEA_2, KROM_UMEA, "C", "2020-04-14");
  decide (fixture, fixture->db, NORDMALING, KROM_UMEA, "A", "2020-04-15");
  decide (fixture, fixture->db, UMEA_3, KROM_UMEA, "B", "2020-04-20");
  end (fixture, UMEA_3, "flyttat", "2020-04-28");

  fixture->page = new_page (fixture->db);
  fixture->window = anv_test_show_in_window (fixture->page, 1200, 800);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_pointer (&fixture->window, gtk_widget_destroy);
  anv_test_iterate_main_loop ();
  g_clear_pointer (&fixture->numbers, g_ptr_array_unref);
  anv_test_close_db (&fixture->db, &fixture->tmpdir);
}


/*
 * Tests
 */

/* This month and the eleven before it, both services, the whole country */
static void
test_summary_defaults (Fixture       *fixture,
                       gconstpointer  user_data)
{
  AnvSummaryQuery query;

  anv_summary_page_get_query (ANV_SUMMARY_PAGE (fixture->page), &query);
  g_assert_cmpstr (query.from_month, ==, "2020-05");
  g_assert_cmpstr (query.to_month, ==, "2020-05");
  g_assert_cmpint (query.service, ==, ANV_SERVICE_NONE);
  g_assert_null (query.county_code);

  g_assert_cmpstr (gtk_combo_box_get_active_id (GTK_COMBO_BOX (anv_test_find (fixture->page,
                                                                            "from_month_combo"))),
                   ==, "06");
  g_assert_cmpstr (gtk_combo_box_get_active_id (GTK_COMBO_BOX (anv_test_find (fixture->page,
                                                                            "from_year_combo"))),
                   ==, "2019");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (anv_test_find (fixture->page, "month_label"))),
                   ==, "May 2020");

  /* 290 municipalities, 21 counties and the country */
  g_assert_cmpint (gtk_tree_model_iter_n_children (get_model (fixture), NULL), ==, 290 + 21 + 1);

  /* Every filter has an accessible name and a label with a mnemonic */
  {
    const char *ids[] = {
      "from_month_combo", "from_year_combo", "to_month_combo", "to_year_combo",
      "service_combo", "county_combo", "previous_button", "next_button", "tree_view",
    };

    for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
      {
        AtkObject *accessible = gtk_widget_get_accessible (anv_test_find (fixture->page, ids[i]));
        const char *name = atk_object_get_name (accessible);

        g_assert_nonnull (name);
        g_assert_cmpstr (name, !=, "");
      }
  }
}

/* April 2020, KROM: the seed's view, with both numbers of the story */
static void
test_summary_april_krom (Fixture       *fixture,
                         gconstpointer  user_data)
{
  GtkTreeModel *model;
  GtkTreeIter iter;
  guint women = 0, men = 0;
  g_autofree char *name = NULL;
  int weight, n_rows;

  show_april_krom (fixture);

  for (guint who = UMEA_1; who <= UMEA_3; who++)
    {
      if (is_man (fixture, who))
        men++;
      else
        women++;
    }

  /* Umeå: three referred, one of them gone by the end of April */
  g_assert_cmpuint (get_number (fixture, "0:2480", COLUMN_WOMEN), ==, women);
  g_assert_cmpuint (get_number (fixture, "0:2480", COLUMN_MEN), ==, men);
  g_assert_cmpuint (get_number (fixture, "0:2480", COLUMN_TOTAL), ==, 3);
  /* The third left before the start: ended before the start, not interrupted */
  g_assert_cmpuint (get_number (fixture, "0:2480", COLUMN_INTERRUPTED), ==, 0);
  g_assert_cmpuint (get_number (fixture, "0:2480", COLUMN_BEFORE_START), ==, 1);
  g_assert_cmpuint (get_number (fixture, "0:2480", ANV_SUMMARY_MODEL_COLUMN_BEFORE_START_WOMEN),
                    ==, !is_man (fixture, UMEA_3));
  g_assert_cmpuint (get_number (fixture, "0:2480", ANV_SUMMARY_MODEL_COLUMN_BEFORE_START_MEN),
                    ==, is_man (fixture, UMEA_3));
  g_assert_cmpuint (get_number (fixture, "0:2480", COLUMN_ACTIVE), ==, 2);
  /* The active are those taking part and those waiting, each split by
   * sex; none is overdue in April */
  g_assert_cmpuint (get_number (fixture, "0:2480", ANV_SUMMARY_MODEL_COLUMN_PARTICIPATING)
                    + get_number (fixture, "0:2480", ANV_SUMMARY_MODEL_COLUMN_WAITING), ==, 2);
  g_assert_cmpuint (get_number (fixture, "0:2480", ANV_SUMMARY_MODEL_COLUMN_ACTIVE_WOMEN)
                    + get_number (fixture, "0:2480", ANV_SUMMARY_MODEL_COLUMN_ACTIVE_MEN),
                    ==, 2);
  g_assert_cmpuint (get_number (fixture, "0:2480", ANV_SUMMARY_MODEL_COLUMN_INTERRUPTED_WOMEN)
                    + get_number (fixture, "0:2480", ANV_SUMMARY_MODEL_COLUMN_INTERRUPTED_MEN),
                    ==, 0);
  g_assert_cmpuint (get_number (fixture, "0:2480", ANV_SUMMARY_MODEL_COLUMN_OVERDUE), ==, 0);
  /* Västerås: referred in March, still active */
  g_assert_cmpuint (get_number (fixture, "0:1980", COLUMN_TOTAL), ==, 0);
  g_assert_cmpuint (get_number (fixture, "0:1980", COLUMN_ACTIVE), ==, 1);
  /* Stockholm has STOM, not shown */
  g_assert_cmpuint (get_number (fixture, "0:0180", COLUMN_TOTAL), ==, 0);

  /* The counties' and the country's totals: four referred, four active */
  g_assert_cmpuint (get_number (fixture, "1:24", COLUMN_TOTAL), ==, 4);
  g_assert_cmpuint (get_number (fixture, "1:24", COLUMN_ACTIVE), ==, 3);
  g_assert_cmpuint (get_number (fixture, "1:19", COLUMN_ACTIVE), ==, 1);
  g_assert_cmpuint (get_number (fixture, "2:", COLUMN_TOTAL), ==, 4);
  g_assert_cmpuint (get_number (fixture, "2:", COLUMN_ACTIVE), ==, 4);
  g_assert_cmpuint (get_number (fixture, "2:", COLUMN_INTERRUPTED), ==, 0);
  g_assert_cmpuint (get_number (fixture, "2:", COLUMN_BEFORE_START), ==, 1);

  model = get_model (fixture);
  g_assert_true (find_row (model, "0:2480", &iter));
  gtk_tree_model_get (model, &iter, COLUMN_NAME, &name, COLUMN_WEIGHT, &weight, -1);
  g_assert_cmpstr (name, ==, "Umeå");
  g_assert_cmpint (weight, ==, PANGO_WEIGHT_NORMAL);
  g_clear_pointer (&name, g_free);
  g_assert_true (find_row (model, "1:24", &iter));
  gtk_tree_model_get (model, &iter, COLUMN_NAME, &name, COLUMN_WEIGHT, &weight, -1);
  g_assert_cmpstr (name, ==, "Västerbottens län");
  g_assert_cmpint (weight, ==, PANGO_WEIGHT_BOLD);

  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (anv_test_find (fixture->page, "month_label"))),
                   ==, "April 2020");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (anv_test_find (fixture->page, "subject_label"))),
                   ==, "Whole country: 4 referred, 4 active at the end of the month");

  /* Both services: Stockholm's STOM referral counts too */
  choose (fixture, "service_combo", "both");
  g_assert_cmpuint (get_number (fixture, "0:0180", COLUMN_TOTAL), ==, 1);
  g_assert_cmpuint (get_number (fixture, "2:", COLUMN_TOTAL), ==, 5);
  g_assert_cmpuint (get_number (fixture, "2:", COLUMN_ACTIVE), ==, 5);

  /* One county: its municipalities and its total, no country line */
  choose (fixture, "service_combo", "KROM");
  choose (fixture, "county_combo", "24");
  n_rows = gtk_tree_model_iter_n_children (get_model (fixture), NULL);
  g_assert_cmpint (n_rows, ==, 15 + 1);
  g_assert_false (find_row (get_model (fixture), "2:", &iter));
  g_assert_cmpuint (get_number (fixture, "1:24", COLUMN_TOTAL), ==, 4);

  /* The month stepper: March, and back */
  gtk_button_clicked (GTK_BUTTON (anv_test_find (fixture->page, "previous_button")));
  g_assert_cmpuint (get_number (fixture, "1:24", COLUMN_TOTAL), ==, 0);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (anv_test_find (fixture->page, "month_label"))),
                   ==, "March 2020");
  gtk_button_clicked (GTK_BUTTON (anv_test_find (fixture->page, "next_button")));
  g_assert_cmpuint (get_number (fixture, "1:24", COLUMN_TOTAL), ==, 4);
  g_assert_false (gtk_widget_get_sensitive (anv_test_find (fixture->page, "next_button")));

  /* A month clicked in the chart: the table shows it */
  g_signal_emit_by_name (anv_test_find (fixture->page, "chart"), "month-activated", "2020-03");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (anv_test_find (fixture->page, "month_label"))),
                   ==, "March 2020");
  g_assert_cmpuint (get_number (fixture, "1:24", COLUMN_TOTAL), ==, 0);
}

/* Sorted by any column, the totals stay last. */
static void
test_summary_sort (Fixture       *fixture,
                   gconstpointer  user_data)
{
  GtkTreeViewColumn *column;
  GtkTreeModel *model;
  GtkTreeIter iter;
  int n_rows;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  GtkSortType order;
  int sort_column;

  show_april_krom (fixture);
  /* Name, referred women, men, in total */
  column = gtk_tree_view_get_column (GTK_TREE_VIEW (anv_test_find (fixture->page, "tree_view")), 3);
  g_assert_cmpint (gtk_tree_view_column_get_sort_column_id (column), ==, COLUMN_TOTAL);

  /* Twice: ascending, then descending */
  gtk_button_clicked (GTK_BUTTON (gtk_tree_view_column_get_button (column)));
  gtk_button_clicked (GTK_BUTTON (gtk_tree_view_column_get_button (column)));
  anv_test_iterate_main_loop ();

  model = get_model (fixture);
  g_assert_true (gtk_tree_sortable_get_sort_column_id (GTK_TREE_SORTABLE (model), &sort_column,
                                                       &order));
  g_assert_cmpint (sort_column, ==, COLUMN_TOTAL);
  g_assert_cmpint (order, ==, GTK_SORT_DESCENDING);

  n_rows = gtk_tree_model_iter_n_children (model, NULL);
  g_assert_true (gtk_tree_model_get_iter_first (model, &iter));
  gtk_tree_model_get (model, &iter, COLUMN_KEY, &first, -1);
  g_assert_true (gtk_tree_model_iter_nth_child (model, &iter, NULL, n_rows - 1));
  gtk_tree_model_get (model, &iter, COLUMN_KEY, &last, -1);

  g_assert_cmpstr (first, ==, "0:2480");
  g_assert_cmpstr (last, ==, "2:");

  /* The counties come right before the country */
  g_assert_true (gtk_tree_model_iter_nth_child (model, &iter, NULL, n_rows - 22));
  g_clear_pointer (&first, g_free);
  gtk_tree_model_get (model, &iter, COLUMN_KEY, &first, -1);
  g_assert_cmpstr (first, ==, "1:24");
}

/* The row of @key counted from the top. */
static int
get_position (GtkTreeModel *model,
              const char   *key)
{
  GtkTreeIter iter;
  int position = 0;

  for (gboolean valid = gtk_tree_model_get_iter_first (model, &iter);
       valid;
       valid = gtk_tree_model_iter_next (model, &iter), position++)
    {
      g_autofree char *row_key = NULL;

      gtk_tree_model_get (model, &iter, COLUMN_KEY, &row_key, -1);
      if (g_strcmp0 (row_key, key) == 0)
        return position;
    }
  g_error ("no row %s", key);
}

/* By name, the municipalities are in Swedish order: Ystad, then Åmål …
 * Åtvidaberg, then Älmhult … Ängelholm, then Öckerö. */
static void
test_summary_sort_by_name (Fixture       *fixture,
                           gconstpointer  user_data)
{
  static const char *const in_order[] = {
    "0:0512", "0:1286", "0:1492", "0:2260", "0:2321", "0:1765", "0:2463", "0:1277", "0:0561",
    "0:0765", "0:2039", "0:0319", "0:2560", "0:1292", "0:1407", "0:0509", "0:1880",
  };
  GtkTreeModel *model;
  int first;

  show_april_krom (fixture);
  model = get_model (fixture);
  gtk_tree_sortable_set_sort_column_id (GTK_TREE_SORTABLE (model), COLUMN_SORT_KEY,
                                        GTK_SORT_ASCENDING);
  anv_test_iterate_main_loop ();

  first = get_position (model, in_order[0]);
  for (guint i = 1; i < G_N_ELEMENTS (in_order); i++)
    if (get_position (model, in_order[i]) != first + (int) i)
      g_error ("%s is row %d, not %d", in_order[i], get_position (model, in_order[i]),
               first + (int) i);
}

/* A municipality month by month, and back to the month chosen */
static void
test_summary_per_month (Fixture       *fixture,
                        gconstpointer  user_data)
{
  GtkTreeView *tree_view = GTK_TREE_VIEW (anv_test_find (fixture->page, "tree_view"));
  GtkTreeModel *model;
  GtkTreeIter iter;
  g_autoptr (GtkTreePath) path = NULL;
  g_autoptr (GtkTreePath) month_path = NULL;
  AnvSummaryQuery query;

  show_april_krom (fixture);
  model = get_model (fixture);
  g_assert_true (find_row (model, "0:2480", &iter));
  path = gtk_tree_model_get_path (model, &iter);
  gtk_tree_view_row_activated (tree_view, path, gtk_tree_view_get_column (tree_view, 0));
  anv_test_iterate_main_loop ();

  g_assert_true (gtk_toggle_button_get_active (
    GTK_TOGGLE_BUTTON (anv_test_find (fixture->page, "per_month_button"))));
  /* June 2019 to April 2020 */
  g_assert_cmpint (gtk_tree_model_iter_n_children (model, NULL), ==, 11);
  g_assert_cmpuint (get_number (fixture, "2020-04", COLUMN_TOTAL), ==, 3);
  g_assert_cmpuint (get_number (fixture, "2020-04", COLUMN_ACTIVE), ==, 2);
  g_assert_cmpuint (get_number (fixture, "2020-03", COLUMN_TOTAL), ==, 0);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (anv_test_find (fixture->page, "subject_label"))),
                   ==, "Umeå, month by month");

  /* The export covers the period then */
  anv_summary_page_get_query (ANV_SUMMARY_PAGE (fixture->page), &query);
  g_assert_cmpstr (query.from_month, ==, "2019-06");
  g_assert_cmpstr (query.to_month, ==, "2020-04");

  /* The chart shows Umeå */
  g_assert_nonnull (strstr (anv_summary_chart_get_description (ANV_SUMMARY_CHART (
                              anv_test_find (fixture->page, "chart"))), "Umeå"));

  /* A month: every municipality in it */
  g_assert_true (find_row (model, "2020-03", &iter));
  month_path = gtk_tree_model_get_path (model, &iter);
  gtk_tree_view_row_activated (tree_view, month_path, gtk_tree_view_get_column (tree_view, 0));
  anv_test_iterate_main_loop ();

  g_assert_false (gtk_toggle_button_get_active (
    GTK_TOGGLE_BUTTON (anv_test_find (fixture->page, "per_month_button"))));
  g_assert_cmpint (gtk_tree_model_iter_n_children (model, NULL), ==, 290 + 21 + 1);
  g_assert_cmpuint (get_number (fixture, "0:1980", COLUMN_TOTAL), ==, 1);
  anv_summary_page_get_query (ANV_SUMMARY_PAGE (fixture->page), &query);
  g_assert_cmpstr (query.from_month, ==, "2020-03");
  g_assert_cmpstr (query.to_month, ==, "2020-03");
}

/* The chart draws its bars in the services' colours. */
static void
test_summary_chart (Fixture       *fixture,
                    gconstpointer  user_data)
{
  AnvSummaryChart *chart = ANV_SUMMARY_CHART (anv_test_find (fixture->page, "chart"));
  cairo_surface_t *surface;
  cairo_t *cr;
  const char *description;

  show_april_krom (fixture);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 800, 300);
  cr = cairo_create (surface);
  anv_summary_chart_render (chart, cr, 800, 300);
  cairo_destroy (cr);

  /* KROM referred and active (Okabe–Ito blue, sky blue); no STOM */
  g_assert_cmpuint (count_pixels (surface, 0x0072b2), >, 100);
  g_assert_cmpuint (count_pixels (surface, 0x56b4e9), >, 100);
  g_assert_cmpuint (count_pixels (surface, 0xd55e00), <, 200);   /* the legend has none */
  cairo_surface_destroy (surface);

  description = anv_summary_chart_get_description (chart);
  g_assert_nonnull (strstr (description, "Whole country"));
  g_assert_nonnull (strstr (description, "KROM: 5 referrals decided in the period"));
  g_assert_nonnull (strstr (description, "in April 2020, 4 decided and 4 active"));
  g_assert_cmpstr (atk_object_get_description (gtk_widget_get_accessible (GTK_WIDGET (chart))),
                   ==, description);
  g_assert_cmpstr (anv_summary_chart_get_month (chart), ==, "2020-04");

  /* Both services: STOM's vermillion and orange too */
  choose (fixture, "service_combo", "both");
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 800, 300);
  cr = cairo_create (surface);
  anv_summary_chart_render (chart, cr, 800, 300);
  cairo_destroy (cr);
  g_assert_cmpuint (count_pixels (surface, 0x0072b2), >, 100);
  g_assert_cmpuint (count_pixels (surface, 0xd55e00), >, 100);
  g_assert_cmpuint (count_pixels (surface, 0xe69f00), >, 100);
  cairo_surface_destroy (surface);
  g_assert_nonnull (strstr (anv_summary_chart_get_description (chart), "STOM: 1 referral"));
}

static gboolean
poll_cb (gpointer user_data)
{
  anv_db_poll_changes (ANV_DB (user_data));
  return G_SOURCE_CONTINUE;
}

static gboolean
is_total_changed (gpointer user_data)
{
  return get_number (user_data, "0:2480", COLUMN_TOTAL) != 3;
}

/* A save in this window shows at once; another process's within seconds. */
static void
test_summary_live (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr (AnvDb) other = NULL;
  g_autoptr (GError) error = NULL;
  gboolean timed_out;
  guint poll_id;

  show_april_krom (fixture);
  g_assert_cmpuint (get_number (fixture, "0:2480", COLUMN_ACTIVE), ==, 2);

  /* Here: at once, with no main loop iteration (a job needs a start) */
  {
    GDate started;

    anv_test_date (&started, 2020, 4, 28);
    g_assert_true (anv_referrals_start (fixture->db, person (fixture, UMEA_2), &started,
                                        &fixture->today, &error));
    g_assert_no_error (error);
  }
  end (fixture, UMEA_2, "jobb", "2020-04-30");
  g_assert_cmpuint (get_number (fixture, "0:2480", COLUMN_JOB), ==, 1);
  g_assert_cmpuint (get_number (fixture, "0:2480", COLUMN_ACTIVE), ==, 1);
  g_assert_cmpuint (get_number (fixture, "2:", COLUMN_JOB), ==, 1);

  /* Another connection, as another process: the window's poll (here the
   * test's, every 250 ms) brings it. */
  other = anv_schema_open (anv_db_get_path (fixture->db), "someone", &error);
  g_assert_no_error (error);
  decide (fixture, other, UMEA_LATE, KROM_UMEA, "A", "2020-04-29");
  g_assert_cmpuint (get_number (fixture, "0:2480", COLUMN_TOTAL), ==, 3);

  poll_id = g_timeout_add (250, poll_cb, fixture->db);
  timed_out = !anv_test_wait_until (is_total_changed, fixture, 20000);
  g_source_remove (poll_id);

  g_assert_false (timed_out);
  g_assert_cmpuint (get_number (fixture, "0:2480", COLUMN_TOTAL), ==, 4);
  g_assert_cmpuint (get_number (fixture, "0:2480", COLUMN_ACTIVE), ==, 2);
  g_assert_cmpuint (get_number (fixture, "2:", COLUMN_TOTAL), ==, 5);
}

static const char *
label_text (Fixture    *fixture,
            const char *name)
{
  return gtk_label_get_text (GTK_LABEL (anv_test_find (fixture->page, name)));
}

/* One referred, one active: singular words in Swedish */
static void
test_summary_singular (Fixture       *fixture,
                       gconstpointer  user_data)
{
  anv_test_set_language ("sv");
  choose (fixture, "service_combo", "KROM");
  choose (fixture, "to_month_combo", "04");
  g_signal_emit_by_name (anv_test_find (fixture->page, "chart"), "month-activated", "2020-03");
  /* Västerås, referred on 31 March, the only one in March */
  g_assert_cmpstr (label_text (fixture, "month_label"), ==, "mars 2020");
  g_assert_true (g_str_has_suffix (label_text (fixture, "subject_label"),
                                   ": 1 anvisad, 1 aktiv vid månadens slut"));
  g_signal_emit_by_name (anv_test_find (fixture->page, "chart"), "month-activated", "2020-04");
  g_assert_true (g_str_has_suffix (label_text (fixture, "subject_label"),
                                   ": 4 anvisade, 4 aktiva vid månadens slut"));
  anv_test_set_language (NULL);
}

/* A database whose data ends in the past opens on its last year, not on
 * a year of zeros; an empty one on this year, and on the data's year once
 * the first data comes. */
static void
test_summary_latest_month (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) empty = NULL;
  AnvSummaryQuery query;
  GtkWidget *page, *window;

  g_setenv ("ANVISA_TODAY", "2023-06-15", TRUE);
  page = new_page (fixture->db);
  window = anv_test_show_in_window (page, 1200, 800);
  anv_summary_page_get_query (ANV_SUMMARY_PAGE (page), &query);
  g_assert_cmpstr (query.from_month, ==, "2020-04");
  g_assert_cmpstr (query.to_month, ==, "2020-04");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (anv_test_find (page, "month_label"))), ==,
                   "April 2020");
  g_assert_cmpstr (gtk_combo_box_get_active_id (GTK_COMBO_BOX (anv_test_find (page,
                                                                           "from_year_combo"))),
                   ==, "2019");
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (anv_test_find (page,
                                                                          "subject_label"))),
                            ": 5 referred, 5 active"));
  gtk_widget_destroy (window);

  /* Empty: this month; then the first referral, decided in 2020 */
  empty = anv_test_open_db (&dir);
  page = new_page (empty);
  window = anv_test_show_in_window (page, 1200, 800);
  anv_summary_page_get_query (ANV_SUMMARY_PAGE (page), &query);
  g_assert_cmpstr (query.to_month, ==, "2023-06");
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (AnvSeeker) seeker = NULL;
    AnvSeekerInput input = { person (fixture, UMEA_LATE), "Test Testsson", "2480", NULL, FALSE };
    static const char *const north[] = { "2480", NULL };
    AnvDb *saved = fixture->db;

    seeker = anv_seekers_add (empty, &input, &fixture->today, &error);
    g_assert_no_error (error);
    fixture->db = empty;
    add_provider (fixture, KROM_UMEA, "Rusta Norr AB", "2480", "Umeåregionen",
                  ANV_SERVICE_KROM, north);
    decide (fixture, empty, UMEA_LATE, KROM_UMEA, "B", "2020-04-02");
    fixture->db = saved;
  }
  anv_test_iterate_main_loop ();
  anv_summary_page_get_query (ANV_SUMMARY_PAGE (page), &query);
  g_assert_cmpstr (query.from_month, ==, "2020-04");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (anv_test_find (page, "month_label"))), ==,
                   "April 2020");
  gtk_widget_destroy (window);
  anv_test_close_db (&empty, &dir);
  g_setenv ("ANVISA_TODAY", "2020-05-15", TRUE);
}

/* Where the demo's message sends the person: a month and a service */
static void
test_summary_show_month (Fixture       *fixture,
                         gconstpointer  user_data)
{
  AnvSummaryQuery query;

  anv_summary_page_show_month (ANV_SUMMARY_PAGE (fixture->page), "2020-04", ANV_SERVICE_KROM);
  anv_summary_page_get_query (ANV_SUMMARY_PAGE (fixture->page), &query);
  g_assert_cmpstr (query.from_month, ==, "2020-04");
  g_assert_cmpint (query.service, ==, ANV_SERVICE_KROM);
  g_assert_cmpstr (gtk_combo_box_get_active_id (GTK_COMBO_BOX (anv_test_find (fixture->page,
                                                                            "service_combo"))),
                   ==, "KROM");
  g_assert_cmpstr (label_text (fixture, "subject_label"), ==,
                   "Whole country: 4 referred, 4 active at the end of the month");
  g_assert_cmpuint (get_number (fixture, "0:2480", COLUMN_TOTAL), ==, 3);
}

static guint
count_audit (AnvDb      *db,
             const char *action)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) entries = anv_audit_list (db, NULL, NULL, NULL, 1000, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    n += strcmp (((AnvAuditEntry *) g_ptr_array_index (entries, i))->action, action) == 0;
  return n;
}

/* Exports the view to @path through the export dialog and waits until
 * its worker is done; returns the dialog, showing the result. */
static GtkWidget *
export_view (Fixture    *fixture,
             const char *path)
{
  GtkWidget *dialog = anv_summary_page_export_to_path (ANV_SUMMARY_PAGE (fixture->page), path);

  g_assert_true (ANV_IS_EXPORT_DIALOG (dialog));
  gtk_widget_show (dialog);
  while (anv_export_dialog_get_running (ANV_EXPORT_DIALOG (dialog)))
    gtk_main_iteration ();
  anv_test_iterate_main_loop ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (anv_test_find (dialog, "stack"))),
                   ==, "result");

  return dialog;
}

/* The view as CSV: Swedish Excel by default, written in the export
 * dialog's worker thread and recorded in the audit log */
static void
test_summary_export (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->tmpdir, "sammanstallning-2020-04.csv",
                                            NULL);
  g_autofree char *bad_path = g_build_filename (fixture->tmpdir, "missing", "x.csv", NULL);
  g_autofree char *contents = NULL;
  g_auto (GStrv) lines = NULL;
  g_auto (GStrv) heading = NULL;
  GtkWidget *dialog;
  guint audited;
  gboolean found = FALSE;
  gsize length;

  show_april_krom (fixture);
  audited = count_audit (fixture->db, "export.summary");

  dialog = export_view (fixture, path);
  g_assert_true (anv_export_dialog_get_succeeded (ANV_EXPORT_DIALOG (dialog)));
  g_assert_cmpstr (anv_test_label_text (dialog, "result_label"), ==,
                   "Wrote 312 rows to sammanstallning-2020-04.csv.");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Export Summary");
  gtk_widget_destroy (dialog);
  g_assert_cmpuint (count_audit (fixture->db, "export.summary"), ==, audited + 1);

  /* excel-sv: a byte order mark, semicolons, CRLF */
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (contents, "\xef\xbb\xbf"));
  lines = g_strsplit (contents + 3, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 312 + 1);   /* heading, rows, "" */
  g_assert_cmpstr (lines[312 + 1], ==, "");
  heading = g_strsplit (lines[0], ";", -1);
  /* overdue at the month’s end, then the splits by sex */
  g_assert_cmpuint (g_strv_length (heading), ==, 33);

  for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_auto (GStrv) cells = g_strsplit (lines[i], ";", -1);

      g_assert_cmpuint (g_strv_length (cells), ==, 33);
      g_assert_cmpstr (cells[0], ==, "KROM");
      g_assert_cmpstr (cells[1], ==, "2020-04");
      if (g_strcmp0 (cells[3], "\"=\"\"2480\"\"\"") == 0)
        {
          g_assert_cmpstr (cells[4], ==, "Umeå");
          g_assert_cmpstr (cells[7], ==, "3");
          g_assert_cmpstr (cells[11], ==, "0");
          g_assert_cmpstr (cells[12], ==, "2");
          g_assert_cmpstr (cells[30], ==, "1");
          found = TRUE;
        }
    }
  g_assert_true (found);

  /* A file that cannot be written: the reason, in the dialog */
  dialog = export_view (fixture, bad_path);
  g_assert_false (anv_export_dialog_get_succeeded (ANV_EXPORT_DIALOG (dialog)));
  g_assert_nonnull (strstr (anv_test_label_text (dialog, "result_label"), "missing"));
  gtk_widget_destroy (dialog);
  g_assert_false (g_file_test (bad_path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_audit (fixture->db, "export.summary"), ==, audited + 1);

  /* The action is there for the button, the menu and Ctrl+E */
  g_assert_true (g_action_group_has_action (gtk_widget_get_action_group (fixture->page,
                                                                         "summary"),
                                            "export"));
}

/* The key of the row named @name, or NULL */
static char *
dup_key_of_name (Fixture    *fixture,
                 const char *name)
{
  GtkTreeModel *model = get_model (fixture);
  GtkTreeIter iter;
  gboolean valid;

  for (valid = gtk_tree_model_get_iter_first (model, &iter);
       valid;
       valid = gtk_tree_model_iter_next (model, &iter))
    {
      g_autofree char *row_name = NULL;
      char *key = NULL;

      gtk_tree_model_get (model, &iter, COLUMN_NAME, &row_name, COLUMN_KEY, &key, -1);
      if (g_strcmp0 (row_name, name) == 0)
        return key;
      g_free (key);
    }
  return NULL;
}

/* The breakdown switches the table's rows to providers, levels, areas or
 * age groups, with the county's or the country's total under them; the
 * export writes what is shown. */
static void
test_summary_breakdown (Fixture       *fixture,
                        gconstpointer  user_data)
{
  GtkTreeViewColumn *name_column;
  g_autofree char *path = g_build_filename (fixture->tmpdir, "fordelning.csv", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *key = NULL;
  g_autoptr (GError) error = NULL;
  GtkWidget *dialog;

  show_april_krom (fixture);
  name_column = gtk_tree_view_get_column (GTK_TREE_VIEW (anv_test_find (fixture->page,
                                                                       "tree_view")), 0);
  g_assert_cmpstr (gtk_tree_view_column_get_title (name_column), ==, "Municipality");

  /* By provider: Rusta Norr AB's four of April, Västra Rusta AB's one
   * active since March; the country's total stays */
  choose (fixture, "breakdown_combo", "provider");
  g_assert_cmpstr (gtk_tree_view_column_get_title (name_column), ==, "Provider");
  g_assert_null (dup_key_of_name (fixture, "Umeå"));
  key = dup_key_of_name (fixture, "Rusta Norr AB");
  g_assert_nonnull (key);
  g_assert_cmpuint (get_number (fixture, key, COLUMN_TOTAL), ==, 4);
  g_assert_cmpuint (get_number (fixture, key, COLUMN_ACTIVE), ==, 3);
  g_clear_pointer (&key, g_free);
  key = dup_key_of_name (fixture, "Västra Rusta AB");
  g_assert_cmpuint (get_number (fixture, key, COLUMN_TOTAL), ==, 0);
  g_assert_cmpuint (get_number (fixture, key, COLUMN_ACTIVE), ==, 1);
  g_clear_pointer (&key, g_free);
  g_assert_cmpuint (get_number (fixture, "2:", COLUMN_TOTAL), ==, 4);
  g_assert_cmpuint (gtk_tree_model_iter_n_children (get_model (fixture), NULL), ==, 3);

  /* By level: B twice (one of them ended before the start) */
  choose (fixture, "breakdown_combo", "level");
  g_assert_cmpstr (gtk_tree_view_column_get_title (name_column), ==, "Level or track");
  key = dup_key_of_name (fixture, "Level B");
  g_assert_nonnull (key);
  g_assert_cmpuint (get_number (fixture, key, COLUMN_TOTAL), ==, 2);
  g_assert_cmpuint (get_number (fixture, key, COLUMN_BEFORE_START), ==, 1);
  g_clear_pointer (&key, g_free);

  /* The export writes the breakdown */
  dialog = export_view (fixture, path);
  g_assert_true (anv_export_dialog_get_succeeded (ANV_EXPORT_DIALOG (dialog)));
  gtk_widget_destroy (dialog);
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (contents, "Service;Month;Breakdown;Code;Name;"));
  g_assert_nonnull (strstr (contents, "\r\nKROM;2020-04;Level or track;B;Level B;"));
  g_assert_null (strstr (contents, "Umeå"));

  /* Back to the municipalities */
  choose (fixture, "breakdown_combo", "municipality");
  g_assert_cmpstr (gtk_tree_view_column_get_title (name_column), ==, "Municipality");
  g_assert_cmpuint (get_number (fixture, "0:2480", COLUMN_TOTAL), ==, 3);
}

/* The database itself is refused as the file to write, as by every
 * export: it stays whole, and nothing is recorded as exported */
static void
test_summary_export_database (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autoptr (GError) error = NULL;
  const char *db_path = anv_db_get_path (fixture->db);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GtkWidget *dialog;
  guint audited;
  gsize length_before, length_after;

  show_april_krom (fixture);
  audited = count_audit (fixture->db, "export.summary");
  g_assert_true (g_file_get_contents (db_path, &before, &length_before, &error));
  g_assert_no_error (error);

  dialog = export_view (fixture, db_path);
  g_assert_false (anv_export_dialog_get_succeeded (ANV_EXPORT_DIALOG (dialog)));
  g_assert_nonnull (strstr (anv_test_label_text (dialog, "result_label"), "database in use"));
  gtk_widget_destroy (dialog);

  g_assert_true (g_file_get_contents (db_path, &after, &length_after, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (before, length_before, after, length_after);
  g_assert_cmpuint (count_audit (fixture->db, "export.summary"), ==, audited);
}

/* The profile from the settings: RFC 4180 when chosen there */
static void
test_summary_export_profile (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autoptr (GSettingsSchema) schema = NULL;
  g_autoptr (GSettings) settings = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->tmpdir, "rfc.csv", NULL);
  g_autofree char *contents = NULL;
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  GtkWidget *dialog;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    {
      g_test_skip ("The GSettings schema is not compiled in the build tree");
      return;
    }

  /* The memory backend is one for the process: the page sees the change. */
  settings = g_settings_new_full (schema, NULL, NULL);
  g_settings_set_string (settings, "csv-profile", "rfc4180");

  show_april_krom (fixture);
  dialog = export_view (fixture, path);
  g_assert_true (anv_export_dialog_get_succeeded (ANV_EXPORT_DIALOG (dialog)));
  gtk_widget_destroy (dialog);
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (contents, "Service,Month,"));
  g_assert_nonnull (strstr (contents, "\r\nKROM,2020-04,municipality,\"=\"\"2480\"\"\",Umeå,"));

  g_settings_reset (settings, "csv-profile");
}

int
main (int   argc,
      char *argv[])
{
  /* A fixed today: the default period ends in May 2020. */
  g_setenv ("ANVISA_TODAY", "2020-05-15", TRUE);

  if (!anv_test_init_gui (&argc, &argv, "/summary-page/no-display"))
    return g_test_run ();

#define ADD(name, func) \
  g_test_add ("/summary-page/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("defaults", test_summary_defaults);
  ADD ("april-krom", test_summary_april_krom);
  ADD ("sort", test_summary_sort);
  ADD ("sort-by-name", test_summary_sort_by_name);
  ADD ("per-month", test_summary_per_month);
  ADD ("chart", test_summary_chart);
  ADD ("live", test_summary_live);
  ADD ("export", test_summary_export);
  ADD ("export-database", test_summary_export_database);
  ADD ("export-profile", test_summary_export_profile);
  ADD ("singular", test_summary_singular);
  ADD ("latest-month", test_summary_latest_month);
  ADD ("show-month", test_summary_show_month);
  ADD ("breakdown", test_summary_breakdown);

#undef ADD

  return g_test_run ();
}
