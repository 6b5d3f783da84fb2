/* test-screenshots.c — every page with the demo data, as a person sees it
 *
 * Writes screenshots/<page>.png under the tests' build folder (in Swedish)
 * for a person to look at, and checks that each is a drawn page, not an
 * empty window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <gtk/gtk.h>

#include "anv-audit.h"
#include "anv-audit-dialog.h"
#include "anv-backup-dialog.h"
#include "anv-db-private.h"
#include "anv-demo.h"
#include "anv-export-dialog.h"
#include "anv-gui-test-util.h"
#include "anv-import-dialog.h"
#include "anv-map-page.h"
#include "anv-referral-event-dialog.h"
#include "anv-seekers-page.h"
#include "anv-summary-page.h"
#include "anv-window.h"

static gboolean
is_search_done (gpointer page)
{
  return !anv_seekers_page_get_searching (ANV_SEEKERS_PAGE (page));
}

/* How many distinct colours a picture has, up to @enough. */
static guint
count_colours (GdkPixbuf *pixbuf,
               guint      enough)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_direct_hash, g_direct_equal);
  int n_channels = gdk_pixbuf_get_n_channels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  const guchar *pixels = gdk_pixbuf_read_pixels (pixbuf);

  for (int y = 0; y < gdk_pixbuf_get_height (pixbuf); y += 3)
    for (int x = 0; x < gdk_pixbuf_get_width (pixbuf); x += 3)
      {
        const guchar *p = pixels + y * stride + x * n_channels;
        guint rgb = (guint) p[0] << 16 | (guint) p[1] << 8 | p[2];

        g_hash_table_add (seen, GUINT_TO_POINTER (rgb + 1));
        if (g_hash_table_size (seen) >= enough)
          return enough;
      }
  return g_hash_table_size (seen);
}

/* Saves @widget's window as @name under @out_dir and checks that it is
 * drawn. */
static void
save_shot (GtkWidget  *widget,
           const char *out_dir,
           const char *name)
{
  g_autofree char *path = g_build_filename (out_dir, name, NULL);
  g_autoptr (GdkPixbuf) shot = NULL;
  g_autoptr (GError) error = NULL;
  GdkWindow *gdk_window = gtk_widget_get_window (widget);

  shot = gdk_pixbuf_get_from_window (gdk_window, 0, 0, gdk_window_get_width (gdk_window),
                                     gdk_window_get_height (gdk_window));
  g_assert_nonnull (shot);
  g_assert_true (gdk_pixbuf_save (shot, path, "png", &error, NULL));
  g_assert_no_error (error);
  g_test_message ("%s", path);
  g_assert_cmpuint (count_colours (shot, 40), ==, 40);
}

/* Years later: the pages open on the data's last year and month, and the
 * audit log reads in Swedish. */
static void
test_screenshots_later (void)
{
  static const struct
  {
    const char *action;
    const char *entity;
    const char *entity_id;
    const char *details;
  } entries[] = {
    { "seeker.import", "seeker", NULL, "1 rows from nya.csv" },
    { "seeker.add", "seeker", "21034", NULL },
    { "referral.decide", "referral", "9001", "KROM 2021-03-01 level B provider 2021002114" },
    { "referral.end", "referral", "9001", "2021-05-28 jobb" },
    { "database.backup", "database", NULL, "file=anvisa-2021-06-01.db" },
    { "database.restore", "database", NULL,
      "file=anvisa-2021-06-01.db; version=6; seekers=12199; referrals=20412" },
    { "availability.set", "municipality", "2514", "KROM 2514 2021-12-07.." },
  };
  g_autofree char *dir = NULL;
  g_autofree char *out_dir = g_build_filename (g_test_get_dir (G_TEST_BUILT), "screenshots",
                                               NULL);
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (AnvContext) context = NULL;
  g_autoptr (GError) error = NULL;
  GtkWidget *window, *dialog;

  g_assert_true (anv_demo_load (db, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (anv_db_begin (db, &error));
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    g_assert_true (anv_audit_append (db, entries[i].action, entries[i].entity,
                                     entries[i].entity_id, entries[i].details, &error));
  g_assert_true (anv_db_commit (db, &error));
  g_assert_no_error (error);
  g_mkdir_with_parents (out_dir, 0700);

  g_setenv ("ANVISA_TODAY", "2026-12-07", TRUE);
  context = anv_context_new (db, NULL);
  window = g_object_new (ANV_TYPE_WINDOW, "context", context, "default-width", 1280,
                         "default-height", 760, NULL);
  gtk_widget_show (window);
  anv_test_wait_ms (500);

  anv_window_show_page (ANV_WINDOW (window), "summary");
  anv_test_wait_ms (700);
  save_shot (window, out_dir, "summary-later.png");
  anv_window_show_page (ANV_WINDOW (window), "map");
  anv_test_wait_ms (700);
  save_shot (window, out_dir, "map-later.png");
  /* Six years on: what the demo year leaves for an officer to do */
  anv_window_show_page (ANV_WINDOW (window), "worklist");
  anv_test_wait_ms (700);
  save_shot (window, out_dir, "worklist-later.png");

  dialog = anv_audit_dialog_new (GTK_WINDOW (window), context);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 1100, 420);
  gtk_widget_show (dialog);
  anv_test_wait_ms (700);
  save_shot (dialog, out_dir, "audit-dialog.png");

  gtk_widget_destroy (dialog);
  gtk_widget_destroy (window);
  anv_test_iterate_main_loop ();
  g_setenv ("ANVISA_TODAY", "2020-12-31", TRUE);
  g_clear_object (&context);
  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

static gboolean
is_worker_done (gpointer dialog)
{
  return !anv_worker_dialog_get_running (ANV_WORKER_DIALOG (dialog));
}

/* Shows @dialog, waits until its work is done and saves it as @name. */
static void
save_dialog_shot (GtkWidget  *dialog,
                  const char *out_dir,
                  const char *name)
{
  gtk_widget_show (dialog);
  g_assert_true (anv_test_wait_until (is_worker_done, dialog, 60000));
  anv_test_wait_ms (500);
  save_shot (dialog, out_dir, name);
  gtk_widget_destroy (dialog);
  anv_test_iterate_main_loop ();
}

/* The worker dialogs: the export as it asks what to write, the summary
 * page's export, an import with bad rows, a backup and a restore's
 * question. */
static void
test_screenshots_dialogs (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *out_dir = g_build_filename (g_test_get_dir (G_TEST_BUILT), "screenshots",
                                               NULL);
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (GError) error = NULL;
  g_autofree char *csv = g_build_filename (dir, "nya-arbetssokande.csv", NULL);
  g_autofree char *summary_csv = g_build_filename (dir, "sammanstallning.csv", NULL);
  g_autofree char *backup = g_build_filename (dir, "kopia.db", NULL);
  g_autoptr (AnvContext) context = NULL;
  GtkWidget *window, *page, *dialog;

  g_assert_true (anv_demo_load (db, NULL, NULL, &error));
  g_assert_no_error (error);
  g_mkdir_with_parents (out_dir, 0700);
  /* Skatteverket's test numbers; the second with a wrong check digit */
  g_assert_true (g_file_set_contents (csv,
                                      "personnummer;namn;kommun\n"
                                      "19850101-2382;Test Testsson;0180\n"
                                      "19850101-2383;Test Felsson;0180\n"
                                      "19850101-2390;Test Kommunlös;9999\n",
                                      -1, &error));
  g_assert_no_error (error);

  context = anv_context_new (db, NULL);
  window = g_object_new (ANV_TYPE_WINDOW, "context", context, "default-width", 1280,
                         "default-height", 760, NULL);
  gtk_widget_show (window);
  anv_window_show_page (ANV_WINDOW (window), "summary");
  anv_test_wait_ms (700);
  page = anv_window_get_page (ANV_WINDOW (window), "summary");

  dialog = anv_export_dialog_new (GTK_WINDOW (window), context, ANV_CSV_PROFILE_EXCEL_SV);
  gtk_widget_show (dialog);
  anv_test_wait_ms (500);
  save_shot (dialog, out_dir, "export-dialog.png");
  gtk_widget_destroy (dialog);

  save_dialog_shot (anv_summary_page_export_to_path (ANV_SUMMARY_PAGE (page), summary_csv),
                    out_dir, "summary-export-dialog.png");
  save_dialog_shot (anv_import_dialog_new (GTK_WINDOW (window), context,
                                           ANV_IMPORT_DIALOG_SEEKERS, csv),
                    out_dir, "import-dialog-errors.png");
  save_dialog_shot (anv_backup_dialog_new_backup (GTK_WINDOW (window), context, backup),
                    out_dir, "backup-dialog.png");
  save_dialog_shot (anv_backup_dialog_new_restore (GTK_WINDOW (window), context, backup),
                    out_dir, "restore-dialog.png");

  gtk_widget_destroy (window);
  anv_test_iterate_main_loop ();
  g_clear_object (&context);
  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

static void
test_screenshots (void)
{
  static const char *const pages[] = { "seekers", "summary", "providers", "map", "worklist" };
  g_autofree char *dir = NULL;
  g_autofree char *out_dir = g_build_filename (g_test_get_dir (G_TEST_BUILT), "screenshots",
                                               NULL);
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (AnvContext) context = NULL;
  g_autoptr (GError) error = NULL;
  GtkWidget *window;

  g_assert_true (anv_demo_load (db, NULL, NULL, &error));
  g_assert_no_error (error);

  context = anv_context_new (db, NULL);
  window = g_object_new (ANV_TYPE_WINDOW, "context", context, "default-width", 1280,
                         "default-height", 760, NULL);
  gtk_widget_show (window);
  anv_test_wait_ms (500);
  g_mkdir_with_parents (out_dir, 0700);

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *name = g_strconcat (pages[i], ".png", NULL);
      g_autofree char *path = g_build_filename (out_dir, name, NULL);
      g_autoptr (GdkPixbuf) shot = NULL;
      GdkWindow *gdk_window;

      anv_window_show_page (ANV_WINDOW (window), pages[i]);
      /* The officer's page with a search, as it is used. */
      if (strcmp (pages[i], "seekers") == 0)
        {
          GtkWidget *entry = anv_test_find (window, "search_entry");

          anv_test_type_into (window, "search_entry", "andersson");
          /* The search starts after a pause in the typing, and runs in a
           * thread: the picture shows its result. */
          anv_test_wait_ms (300);
          g_assert_true (anv_test_wait_until (is_search_done,
                                              gtk_widget_get_ancestor (entry,
                                                                       ANV_TYPE_SEEKERS_PAGE),
                                              20000));
        }
      /* The map of the seed: KROM in April 2020, Umeå selected */
      if (strcmp (pages[i], "map") == 0)
        {
          GtkWidget *view = anv_test_find (window, "map_view");
          GtkWidget *page = gtk_widget_get_ancestor (view, ANV_TYPE_MAP_PAGE);

          anv_map_page_set_month (ANV_MAP_PAGE (page), "2020-04");
          anv_map_view_set_selected (ANV_MAP_VIEW (view), "2480");
        }
      anv_test_wait_ms (700);
      gdk_window = gtk_widget_get_window (window);
      shot = gdk_pixbuf_get_from_window (gdk_window, 0, 0, gdk_window_get_width (gdk_window),
                                         gdk_window_get_height (gdk_window));
      g_assert_nonnull (shot);
      g_assert_true (gdk_pixbuf_save (shot, path, "png", &error, NULL));
      g_assert_no_error (error);
      g_test_message ("%s", path);

      /* A drawn page has text and widgets: many colours, not a blank. */
      g_assert_cmpuint (count_colours (shot, 40), ==, 40);

      /* The map as exported for a report, beside it */
      if (strcmp (pages[i], "map") == 0)
        {
          g_autofree char *export_path = g_build_filename (out_dir, "map-export.png", NULL);
          GtkWidget *page = gtk_widget_get_ancestor (anv_test_find (window, "map_view"),
                                                     ANV_TYPE_MAP_PAGE);

          g_autofree char *county_path = g_build_filename (out_dir, "map-county.png", NULL);
          g_autoptr (GdkPixbuf) county_shot = NULL;
          GtkWidget *view = anv_test_find (window, "map_view");

          g_assert_true (anv_map_page_export_to_path (ANV_MAP_PAGE (page), export_path, &error));
          g_assert_no_error (error);
          g_test_message ("%s", export_path);

          /* Zoomed to Västerbotten, Umeå selected */
          anv_map_view_set_county (ANV_MAP_VIEW (view), "24");
          anv_test_wait_ms (300);
          county_shot = gdk_pixbuf_get_from_window (gdk_window, 0, 0,
                                                    gdk_window_get_width (gdk_window),
                                                    gdk_window_get_height (gdk_window));
          g_assert_true (gdk_pixbuf_save (county_shot, county_path, "png", &error, NULL));
          g_assert_no_error (error);
          g_test_message ("%s", county_path);
        }
    }

  /* The summary's breakdowns: by age group and by provider */
  {
    static const char *const breakdowns[] = { "age", "provider" };
    GtkWidget *combo;

    anv_window_show_page (ANV_WINDOW (window), "summary");
    combo = anv_test_find (window, "breakdown_combo");
    for (guint i = 0; i < G_N_ELEMENTS (breakdowns); i++)
      {
        g_autofree char *name = g_strdup_printf ("summary-by-%s.png", breakdowns[i]);

        g_assert_true (gtk_combo_box_set_active_id (GTK_COMBO_BOX (combo), breakdowns[i]));
        anv_test_wait_ms (700);
        save_shot (window, out_dir, name);
      }
    gtk_combo_box_set_active_id (GTK_COMBO_BOX (combo), "municipality");
  }

  gtk_widget_destroy (window);
  anv_test_iterate_main_loop ();
  g_clear_object (&context);
  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

/* A job seeker whose referral runs: its period in the detail pane and
 * the Förläng dialog, as the officer sees them at the end of 2020. */
static void
test_screenshots_period (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *out_dir = g_build_filename (g_test_get_dir (G_TEST_BUILT), "screenshots",
                                               NULL);
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (AnvContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *personnummer = NULL;
  GtkWidget *window, *page, *dialog;
  AnvDbStmt *stmt;

  g_assert_true (anv_demo_load (db, NULL, NULL, &error));
  g_assert_no_error (error);
  g_mkdir_with_parents (out_dir, 0700);

  /* A started KROM referral that can still be extended */
  stmt = anv_db_prepare (db, "test/screenshots/extendable",
                         "SELECT s.personnummer FROM referral r JOIN seeker s ON s.id = r.seeker_id "
                         "WHERE r.service = 'KROM' AND r.ended_on IS NULL AND NOT r.annulled "
                         "  AND r.started_on IS NOT NULL AND r.period_end >= '2020-12-31' "
                         "  AND NOT s.protected_identity "
                         "  AND NOT EXISTS (SELECT 1 FROM referral_extension e "
                         "                  WHERE e.referral_id = r.id) "
                         "ORDER BY r.id LIMIT 1", &error);
  g_assert_no_error (error);
  g_assert_cmpint (anv_db_step (stmt, &error), ==, ANV_DB_ROW);
  personnummer = anv_db_column_dup (stmt, 0);
  anv_db_reset (stmt);

  context = anv_context_new (db, NULL);
  window = g_object_new (ANV_TYPE_WINDOW, "context", context, "default-width", 1280,
                         "default-height", 760, NULL);
  gtk_widget_show (window);
  anv_window_show_page (ANV_WINDOW (window), "seekers");
  page = anv_window_get_page (ANV_WINDOW (window), "seekers");
  anv_seekers_page_show_seeker (ANV_SEEKERS_PAGE (page), personnummer);
  anv_test_wait_ms (300);
  g_assert_true (anv_test_wait_until (is_search_done, page, 20000));
  anv_test_wait_ms (500);
  g_assert_true (gtk_widget_get_visible (anv_test_find (page, "period_box")));
  save_shot (window, out_dir, "seeker-period.png");

  g_action_group_activate_action (gtk_widget_get_action_group (page, "seekers"), "extend",
                                  NULL);
  anv_test_iterate_main_loop ();
  dialog = anv_test_find_toplevel (ANV_TYPE_REFERRAL_EVENT_DIALOG);
  g_assert_nonnull (dialog);
  anv_test_wait_ms (500);
  save_shot (dialog, out_dir, "extend-dialog.png");

  gtk_widget_destroy (dialog);
  gtk_widget_destroy (window);
  anv_test_iterate_main_loop ();
  g_clear_object (&context);
  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  if (!anv_test_init_gui (&argc, &argv, "/screenshots/no-display"))
    return g_test_run ();

  /* In Swedish, for Swedish readers, and in the demo's year. */
  g_setenv ("LANGUAGE", "sv", TRUE);
  g_setenv ("ANVISA_TODAY", "2020-12-31", TRUE);

  g_test_add_func ("/screenshots/pages", test_screenshots);
  g_test_add_func ("/screenshots/later", test_screenshots_later);
  g_test_add_func ("/screenshots/dialogs", test_screenshots_dialogs);
  g_test_add_func ("/screenshots/period", test_screenshots_period);
  return g_test_run ();
}
