/* test-audit-dialog.c — a supervisor reads and filters the audit log
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "anv-audit.h"
#include "anv-audit-dialog.h"
#include "anv-db-private.h"
#include "anv-gui-test-util.h"

#define N_OWN     450   /* more than two pages */
#define N_OTHER   3

static void
append_entries (AnvDb *db,
                guint  n)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (anv_db_begin (db, &error));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("%u", i + 1);

      anv_audit_append (db, "seeker.add", "seeker", id, NULL, &error);
      g_assert_no_error (error);
    }
  g_assert_true (anv_db_commit (db, &error));
}

static int
count_rows (GtkWidget *dialog)
{
  GtkTreeView *view = GTK_TREE_VIEW (anv_test_find (dialog, "entries_view"));

  return gtk_tree_model_iter_n_children (gtk_tree_view_get_model (view), NULL);
}

static void
test_read_and_filter (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(AnvDb) db = anv_test_open_db (&dir);
  g_autoptr(AnvDb) other = anv_db_open (anv_db_get_path (db), "kollega", NULL);
  g_autoptr(GPtrArray) all = NULL;
  GtkWidget *dialog;
  int before;

  append_entries (db, N_OWN);
  append_entries (other, N_OTHER);
  all = anv_audit_list (db, NULL, NULL, NULL, 100000, NULL);

  /* A page at a time, the next as the list is scrolled to its end. */
  dialog = anv_audit_dialog_new (NULL, db);
  gtk_widget_show (dialog);
  anv_test_iterate_main_loop ();
  g_assert_cmpint (count_rows (dialog), ==, 200);
  g_assert_nonnull (strstr (anv_test_label_text (dialog, "message_label"), "scroll down"));
  g_signal_emit_by_name (anv_test_find (dialog, "scrolled_window"), "edge-reached",
                         GTK_POS_BOTTOM);
  g_assert_cmpint (count_rows (dialog), ==, 400);
  while (anv_audit_dialog_load_more (ANV_AUDIT_DIALOG (dialog)))
    ;
  g_assert_cmpint (count_rows (dialog), ==, (int) all->len);
  g_assert_false (anv_audit_dialog_load_more (ANV_AUDIT_DIALOG (dialog)));

  /* By user. */
  anv_test_type_into (dialog, "user_entry", "kollega");
  g_assert_cmpint (count_rows (dialog), ==, N_OTHER);
  g_assert_nonnull (strstr (anv_test_label_text (dialog, "message_label"), "3 entries"));

  /* By date: nothing in 2000; a wrong date says so and keeps the list. */
  anv_test_type_into (dialog, "user_entry", "");
  anv_test_type_into (dialog, "from_entry", "2000-01-01");
  anv_test_type_into (dialog, "to_entry", "2000-12-31");
  g_assert_cmpint (count_rows (dialog), ==, 0);
  g_assert_nonnull (strstr (anv_test_label_text (dialog, "message_label"), "No entries"));
  anv_test_type_into (dialog, "to_entry", "");
  before = count_rows (dialog);
  g_assert_cmpint (before, ==, 200);
  anv_test_type_into (dialog, "from_entry", "2000-13-45");
  g_assert_cmpint (count_rows (dialog), ==, before);
  g_assert_null (strstr (anv_test_label_text (dialog, "message_label"), "entries"));

  gtk_widget_destroy (dialog);
  g_clear_object (&other);
  anv_test_close_db (&db, &dir);
}

int
main (int    argc,
      char **argv)
{
  if (!anv_test_init_gui (&argc, &argv, "/audit-dialog/no-display"))
    return g_test_run ();

  g_test_add_func ("/audit-dialog/read-and-filter", test_read_and_filter);
  return g_test_run ();
}
