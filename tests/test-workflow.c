/* test-workflow.c — an officer's day in the real window: register, refer,
 * and the supervisor's summary counts it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <gtk/gtk.h>

#include "anv-gui-test-util.h"
#include "anv-referral-dialog.h"
#include "anv-seeker-form.h"
#include "anv-window.h"

static gboolean
save_sensitive (GtkWidget *dialog)
{
  return gtk_widget_is_sensitive (anv_test_find (dialog, "save_button"));
}

static void
set_entry (GtkWidget  *root,
           const char *id,
           const char *text)
{
  anv_test_type_into (root, id, text);
  anv_test_wait_ms (50);
}

static const char *
summary_line (GtkWidget *window)
{
  anv_window_show_page (ANV_WINDOW (window), "summary");
  anv_test_wait_ms (300);
  return anv_test_label_text (window, "subject_label");
}

static void
test_register_refer_summary (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(AnvDb) db = anv_test_open_db (&dir);
  g_autofree char *before = NULL;
  GtkWidget *window, *form, *dialog;

  anv_test_approve_krom_provider (db);
  window = anv_test_open_window (db);

  before = g_strdup (summary_line (window));
  g_assert_nonnull (strstr (before, "0 referred"));

  /* Register: a mistyped number first, then the right one. */
  anv_window_show_page (ANV_WINDOW (window), "seekers");
  g_action_group_activate_action (gtk_widget_get_action_group (window, "seekers"), "new", NULL);
  anv_test_wait_ms (200);
  form = anv_test_find_toplevel (ANV_TYPE_SEEKER_FORM);
  g_assert_nonnull (form);
  set_entry (form, "name_entry", "Anna Åberg");
  set_entry (form, "postal_code_entry", "903 25");
  set_entry (form, "personnummer_entry", "19850101-2383");
  g_assert_false (save_sensitive (form));
  g_assert_nonnull (strstr (anv_test_label_text (form, "personnummer_message"), "check digit"));
  set_entry (form, "personnummer_entry", "19850101-2382");
  g_assert_true (save_sensitive (form));
  gtk_button_clicked (GTK_BUTTON (anv_test_find (form, "save_button")));
  anv_test_wait_ms (600);
  g_assert_null (anv_test_find_toplevel (ANV_TYPE_SEEKER_FORM));
  g_assert_cmpstr (anv_test_label_text (window, "name_label"), ==, "Anna Åberg");

  /* Refer her: Rusta och matcha applies in Umeå; the nearest provider. */
  g_action_group_activate_action (gtk_widget_get_action_group (window, "seekers"), "refer",
                                  NULL);
  anv_test_wait_ms (300);
  dialog = anv_test_find_toplevel (ANV_TYPE_REFERRAL_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (anv_test_label_text (dialog, "service_label"), ==, "Rusta och matcha");
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (anv_test_find (dialog, "level_combo")), "B");
  anv_test_wait_ms (100);
  g_assert_true (save_sensitive (dialog));
  gtk_button_clicked (GTK_BUTTON (anv_test_find (dialog, "save_button")));
  anv_test_wait_ms (600);
  g_assert_null (anv_test_find_toplevel (ANV_TYPE_REFERRAL_DIALOG));

  /* The supervisor's summary has counted it. */
  g_assert_nonnull (strstr (summary_line (window), "1 referred"));
  g_assert_nonnull (strstr (summary_line (window), "1 active"));

  gtk_widget_destroy (window);
  anv_test_iterate_main_loop ();
  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  if (!anv_test_init_gui (&argc, &argv, "/workflow/no-display"))
    return g_test_run ();

  /* The decision date defaults to today: the first day of KROM's second week. */
  g_setenv ("ANVISA_TODAY", "2020-04-06", TRUE);

  g_test_add_func ("/workflow/register-refer-summary", test_register_refer_summary);
  return g_test_run ();
}
