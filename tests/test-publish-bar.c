/* test-publish-bar.c — a supervisor closes the month shown and reads its revisions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "anv-export-dialog.h"
#include "anv-gui-test-util.h"
#include "anv-publish.h"
#include "anv-publish-bar.h"
#include "anv-referrals.h"
#include "anv-revisions-dialog.h"
#include "anv-seekers.h"
#include "anv-summary-page.h"

static AnvReferral *
refer_in_april (AnvDb       *db,
                const GDate *today)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) numbers = anv_test_load_personnummer ("1960", "2000", TRUE, 1);
  g_autoptr (AnvSeeker) seeker = NULL;
  AnvSeekerInput seeker_input = { g_ptr_array_index (numbers, 0), "Anna Åberg", "2480", NULL,
                                  FALSE };
  AnvReferralInput input = { 0 };
  AnvReferral *referral;
  GDate decided;

  anv_test_approve_krom_provider (db);
  seeker = anv_seekers_add (db, &seeker_input, today, &error);
  g_assert_no_error (error);
  anv_test_date (&decided, 2020, 4, 6);
  input.personnummer = seeker->personnummer;
  input.service = ANV_SERVICE_KROM;
  input.provider_orgnr = "2021002114";
  input.level = "A";
  input.choice = ANV_CHOICE_OWN;
  input.decided_on = &decided;
  referral = anv_referrals_decide (db, &input, today, &error);
  g_assert_no_error (error);
  return referral;
}

static void
test_close_and_revisions (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (AnvContext) context = anv_context_new (db, NULL);
  g_autoptr (AnvReferral) referral = NULL;
  g_autoptr (GPtrArray) months = NULL;
  g_autoptr (GError) error = NULL;
  GtkWidget *bar, *window, *dialog, *marker, *close_button;
  GList *rows;
  GDate today;

  anv_test_date (&today, 2020, 5, 6);
  anv_context_set_today (context, &today);
  referral = refer_in_april (db, &today);

  bar = anv_publish_bar_new (context);
  window = anv_test_show_in_window (bar, 600, 60);
  marker = anv_test_find (window, "publish_marker");
  close_button = anv_test_find (window, "close_month_button");

  /* May has not ended: it cannot be closed */
  anv_publish_bar_set_month (ANV_PUBLISH_BAR (bar), "2020-05");
  g_assert_false (gtk_widget_get_sensitive (close_button));
  g_assert_false (gtk_widget_get_visible (marker));

  /* April: the dialog says what closing means, and closes it with the note */
  anv_publish_bar_set_month (ANV_PUBLISH_BAR (bar), "2020-04");
  g_assert_true (gtk_widget_get_sensitive (close_button));
  dialog = anv_publish_bar_ask_close (ANV_PUBLISH_BAR (bar));
  anv_test_iterate_main_loop ();
  /* Closing cannot be undone: the text itself names the month */
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (anv_test_find (
                                     dialog, "close_month_text"))), "Close April 2020? "));
  anv_test_type_into (dialog, "note_entry", "Månadsrapport");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  anv_test_iterate_main_loop ();

  months = anv_publish_list (db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (months->len, ==, 1);
  g_assert_cmpstr (((AnvPublishedMonth *) g_ptr_array_index (months, 0))->note, ==,
                   "Månadsrapport");
  g_assert_true (gtk_widget_get_visible (marker));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (marker)), "Published "));
  g_assert_null (strstr (gtk_label_get_text (GTK_LABEL (marker)), "revised"));
  g_assert_false (gtk_widget_get_sensitive (close_button));

  /* A correction: the marker says the month was revised */
  g_assert_true (anv_referrals_correct (db, referral->id, "annulled", "1", "fel person",
                                        &error));
  g_assert_no_error (error);
  anv_db_poll_changes (db);
  anv_test_iterate_main_loop ();
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (marker)), "revised since"));

  /* The revisions, one line per changed figure, with the reason */
  dialog = anv_revisions_dialog_new (NULL, context, "2020-04");
  gtk_widget_show (dialog);
  anv_test_iterate_main_loop ();
  rows = gtk_container_get_children (GTK_CONTAINER (anv_test_find (dialog, "revisions_list")));
  g_assert_cmpuint (g_list_length (rows), >=, 2);
  {
    GtkWidget *first = gtk_bin_get_child (GTK_BIN (rows->data));
    const char *text = gtk_label_get_text (GTK_LABEL (first));

    g_assert_nonnull (strstr (text, "2020-04 KROM Umeå: "));
    g_assert_nonnull (strstr (text, "fel person"));
  }
  /* also the figures derived from those kept: the total referred */
  {
    gboolean total = FALSE;

    for (GList *l = rows; l != NULL; l = l->next)
      total = total || strstr (gtk_label_get_text (GTK_LABEL (gtk_bin_get_child (
                                 GTK_BIN (l->data)))), ": referred in total 1 → 0") != NULL;
    g_assert_true (total);
  }
  g_list_free (rows);
  g_assert_false (gtk_widget_get_visible (anv_test_find (dialog, "empty_label")));
  gtk_widget_destroy (dialog);

  gtk_widget_destroy (window);
  anv_test_close_db (&db, &dir);
}

/* The page has the bar, beside the month's name */
static void
test_on_summary_page (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (AnvContext) context = anv_context_new (db, NULL);
  GtkWidget *page = anv_summary_page_new (context);
  GtkWidget *window = anv_test_show_in_window (page, 1000, 700);

  anv_test_iterate_main_loop ();
  g_assert_true (ANV_IS_PUBLISH_BAR (gtk_widget_get_parent (anv_test_find (window,
                                                            "close_month_button"))));
  g_assert_nonnull (anv_test_find (window, "revisions_button"));
  gtk_widget_destroy (window);
  anv_test_close_db (&db, &dir);
}

/* The export dialog's publish option: off by default, its threshold
 * remembered; on, the file is the publish export */
static void
test_export_dialog (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (GSettings) settings = g_settings_new ("se.anvisa.Anvisa");
  g_autoptr (AnvContext) context = anv_context_new (db, settings);
  g_autoptr (AnvReferral) referral = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "publish.csv", NULL);
  g_autofree char *contents = NULL;
  GtkWidget *dialog, *check, *spin;
  GDate today;

  anv_test_date (&today, 2020, 5, 6);
  anv_context_set_today (context, &today);
  referral = refer_in_april (db, &today);

  dialog = anv_export_dialog_new (NULL, context, ANV_CSV_PROFILE_EXCEL_SV);
  gtk_widget_show (dialog);
  anv_test_iterate_main_loop ();
  check = anv_test_find (dialog, "publish_check");
  spin = anv_test_find (dialog, "threshold_spin");
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (check)));
  g_assert_false (gtk_widget_get_sensitive (spin));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spin)), ==, 5);

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (check), TRUE);
  g_assert_true (gtk_widget_get_sensitive (spin));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 2);
  g_assert_cmpint (g_settings_get_int (settings, "publish-threshold"), ==, 2);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 0);   /* kept in range */
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spin)), ==, 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 5);
  gtk_entry_set_text (GTK_ENTRY (anv_test_find (dialog, "from_entry")), "2020-04");
  gtk_entry_set_text (GTK_ENTRY (anv_test_find (dialog, "to_entry")), "2020-04");
  anv_test_iterate_main_loop ();

  anv_export_dialog_export_to (ANV_EXPORT_DIALOG (dialog), path);
  while (anv_export_dialog_get_running (ANV_EXPORT_DIALOG (dialog)))
    gtk_main_iteration ();
  anv_test_iterate_main_loop ();
  g_assert_true (anv_export_dialog_get_succeeded (ANV_EXPORT_DIALOG (dialog)));
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_nonnull (strstr (contents, ";Status;Note\r\n"));
  g_assert_nonnull (strstr (contents, "KROM;2020-04;municipality;\"=\"\"2480\"\"\";Umeå;..;..;1;"));
  g_assert_nonnull (strstr (contents, ";preliminary;\"Counts from 1 to 4"));

  gtk_widget_destroy (dialog);
  g_settings_reset (settings, "publish-threshold");
  anv_test_close_db (&db, &dir);
}

int
main (int    argc,
      char **argv)
{
  if (!anv_test_init_gui (&argc, &argv, "/publish-bar/no-display"))
    return g_test_run ();

  g_test_add_func ("/publish-bar/close-and-revisions", test_close_and_revisions);
  g_test_add_func ("/publish-bar/summary-page", test_on_summary_page);
  g_test_add_func ("/publish-bar/export-dialog", test_export_dialog);
  return g_test_run ();
}
