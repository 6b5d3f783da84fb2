/* test-audit-dialog.c — a supervisor reads and filters the audit log
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "anv-audit.h"
#include "anv-audit-dialog.h"
#include "anv-db-private.h"
#include "anv-gui-test-util.h"
#include "anv-schema.h"

#define N_OWN     450   /* more than two pages */
#define N_OTHER   3

static void
append_entries (AnvDb *db,
                guint  n)
{
  g_autoptr (GError) error = NULL;

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
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (AnvContext) context = anv_context_new (db, NULL);
  g_autoptr (AnvDb) other = anv_schema_open (anv_db_get_path (db), "kollega", NULL);
  g_autoptr (GPtrArray) all = NULL;
  GtkWidget *dialog;
  int before;

  append_entries (db, N_OWN);
  append_entries (other, N_OTHER);
  all = anv_audit_list (db, NULL, NULL, NULL, 100000, NULL);

  /* A page at a time, the next as the list is scrolled to its end. */
  dialog = anv_audit_dialog_new (NULL, context);
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

/* Details too long for their column are there whole in the row's tooltip,
 * as text: a file name with & or < is not taken for markup. */
static void
test_details_tooltip (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (AnvContext) context = anv_context_new (db, NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *tooltip = NULL;
  GtkTreeView *view;
  GtkTreeModel *model;
  GtkTreeIter iter;
  GtkWidget *dialog;

  g_assert_true (anv_db_begin (db, &error));
  anv_audit_append (db, "note", "database", NULL, "to /tmp/A&B <ny>.csv", &error);
  g_assert_no_error (error);
  g_assert_true (anv_db_commit (db, &error));

  dialog = anv_audit_dialog_new (NULL, context);
  gtk_widget_show (dialog);
  anv_test_iterate_main_loop ();
  view = GTK_TREE_VIEW (anv_test_find (dialog, "entries_view"));
  model = gtk_tree_view_get_model (view);
  g_assert_cmpint (gtk_tree_view_get_tooltip_column (view), >=, 0);
  g_assert_true (gtk_tree_model_get_iter_first (model, &iter));
  gtk_tree_model_get (model, &iter, gtk_tree_view_get_tooltip_column (view), &tooltip, -1);
  g_assert_cmpstr (tooltip, ==, "to /tmp/A&amp;B &lt;ny&gt;.csv");
  g_assert_true (pango_parse_markup (tooltip, -1, 0, NULL, NULL, NULL, NULL));

  gtk_widget_destroy (dialog);
  anv_test_close_db (&db, &dir);
}

/* The count of entries grouped as the person's language groups numbers */
static void
test_grouped (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (AnvContext) context = anv_context_new (db, NULL);
  GtkWidget *dialog;

  append_entries (db, 1200);
  dialog = anv_audit_dialog_new (NULL, context);
  gtk_widget_show (dialog);
  anv_test_iterate_main_loop ();
  while (anv_audit_dialog_load_more (ANV_AUDIT_DIALOG (dialog)))
    ;
  g_assert_cmpint (count_rows (dialog), ==, 1200);
  g_assert_cmpstr (anv_test_label_text (dialog, "message_label"), ==, "1,200 entries.");
  gtk_widget_destroy (dialog);
  anv_test_close_db (&db, &dir);
}

/* The text of @column in row @row of the dialog's list. */
static char *
cell_text (GtkWidget *dialog,
           int        row,
           int        column)
{
  GtkTreeModel *model = gtk_tree_view_get_model (GTK_TREE_VIEW (anv_test_find (dialog,
                                                                               "entries_view")));
  GtkTreeIter iter;
  char *text = NULL;

  g_assert_true (gtk_tree_model_iter_nth_child (model, &iter, NULL, row));
  gtk_tree_model_get (model, &iter, column, &text, -1);
  return text;
}

/* In Swedish, the dialog says what happened in Swedish, with numbers
 * grouped as Swedish readers group them; the log keeps its codes. */
static void
test_swedish (void)
{
  static const struct
  {
    const char *action;
    const char *entity;
    const char *entity_id;
    const char *details;
    const char *event;
    const char *record;
    const char *shown_details;
  } rows[] = {
    { "seeker.add", "seeker", "21034", NULL,
      "Arbetssökande registrerad", "Arbetssökande 21034", "" },
    { "database.restore", "database", NULL,
      "file=anvisa-2020.db; version=5; seekers=12199; referrals=1",
      "Databasen återställd från en säkerhetskopia", "Databas",
      "Fil anvisa-2020.db (databasversion 5). Arbetssökande: 12\u00a0199, anvisningar: 1" },
    { "seeker.import", "seeker", NULL, "1 rows from nya.csv",
      "Arbetssökande inlästa", "Arbetssökande", "1 rad från nya.csv" },
    { "seeker.import", "seeker", NULL, "2060 rows from nya.csv",
      "Arbetssökande inlästa", "Arbetssökande", "2\u00a0060 rader från nya.csv" },
    { "referral.decide", "referral", "7", "KROM 2020-04-06 level B provider 2021002114 no-choice",
      "Anvisning beslutad", "Anvisning 7",
      "KROM, beslut 2020-04-06, nivå B, leverantör 2021002114, ickevalsalternativ" },
    { "referral.end", "referral", "7", "2020-06-30 jobb",
      "Anvisning avslutad", "Anvisning 7", "Avslutades 2020-06-30, orsak jobb" },
    { "availability.set", "municipality", "2480", "KROM 2480 2020-03-30..",
      "Ändrat var en tjänst gäller", "Kommun 2480",
      "KROM 2480, från och med 2020-03-30 tills vidare" },
    { "export.seekers", "export", NULL,
      "1 rows, masked personnummer, 0 left out for protected identity, excel-sv, "
      "to /tmp/arbetssokande.csv",
      "Arbetssökande exporterade", "Export",
      "1 rad, maskerade personnummer, utelämnade för skyddad identitet: 0, excel-sv, "
      "till /tmp/arbetssokande.csv" },
    { "export.summary", "export", NULL,
      "4872 rows, 2020-01 to 2020-12, KROM and STOM, county 24, rfc4180, to standard output",
      "Sammanställning exporterad", "Export",
      "4\u00a0872 rader, 2020-01 till 2020-12, KROM och STOM, län 24, rfc4180, "
      "till standard ut" },
    /* Not text: shown as far as it is text */
    { "seeker.import", "seeker", NULL, "2 rows from caf\xe9.csv",
      "Arbetssökande inlästa", "Arbetssökande", "2 rader från caf\ufffd.csv" },
    /* A form Anvisa does not know is shown as it was logged. */
    { "something.new", "thing", "1", "as it was",
      "something.new", "thing 1", "as it was" },
  };
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (AnvContext) context = anv_context_new (db, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) logged = NULL;
  GtkWidget *dialog;
  guint n = G_N_ELEMENTS (rows);

  g_assert_true (anv_db_begin (db, &error));
  for (guint i = 0; i < n; i++)
    g_assert_true (anv_audit_append (db, rows[i].action, rows[i].entity, rows[i].entity_id,
                                     rows[i].details, &error));
  g_assert_true (anv_db_commit (db, &error));
  g_assert_no_error (error);

  anv_test_set_language ("sv");
  dialog = anv_audit_dialog_new (NULL, context);
  gtk_widget_show (dialog);
  anv_test_iterate_main_loop ();
  g_assert_cmpint (count_rows (dialog), ==, (int) n);

  /* Newest first */
  for (guint i = 0; i < n; i++)
    {
      int row = (int) (n - 1 - i);
      g_autofree char *event = cell_text (dialog, row, 2);
      g_autofree char *record = cell_text (dialog, row, 3);
      g_autofree char *details = cell_text (dialog, row, 4);

      g_assert_cmpstr (event, ==, rows[i].event);
      g_assert_cmpstr (record, ==, rows[i].record);
      g_assert_cmpstr (details, ==, rows[i].shown_details);
    }
  gtk_widget_destroy (dialog);
  anv_test_set_language (NULL);

  /* The log itself is unchanged data. */
  logged = anv_audit_list (db, NULL, NULL, NULL, 100, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((AnvAuditEntry *) g_ptr_array_index (logged, n - 1))->action, ==,
                   "seeker.add");
  g_assert_cmpstr (((AnvAuditEntry *) g_ptr_array_index (logged, n - 2))->details, ==,
                   rows[1].details);
  anv_test_close_db (&db, &dir);
}

/* The dates of the filter behave as the other date fields: an empty one's
 * calendar opens on the context's today (not the computer's clock), and a
 * wrong one is marked in its field until it is put right. */
static void
test_dates (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (AnvContext) context = anv_context_new (db, NULL);
  GtkWidget *dialog, *calendar, *from;
  g_autofree char *tooltip = NULL;
  guint year, month, day;
  GDate today;

  anv_test_date (&today, 2020, 4, 20);
  anv_context_set_today (context, &today);
  dialog = anv_audit_dialog_new (NULL, context);
  gtk_widget_show (dialog);
  anv_test_iterate_main_loop ();

  gtk_button_clicked (GTK_BUTTON (anv_test_find (dialog, "from_button")));
  anv_test_iterate_main_loop ();
  calendar = anv_test_find (dialog, "from_calendar");
  g_assert_nonnull (calendar);
  gtk_calendar_get_date (GTK_CALENDAR (calendar), &year, &month, &day);
  g_assert_cmpuint (year, ==, 2020);
  g_assert_cmpuint (month + 1, ==, 4);
  g_assert_cmpuint (day, ==, 20);
  gtk_popover_popdown (GTK_POPOVER (gtk_widget_get_ancestor (calendar, GTK_TYPE_POPOVER)));
  anv_test_iterate_main_loop ();
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (anv_test_find (dialog, "from_entry"))), ==,
                   "");

  /* Midnight moves the calendar's day on */
  anv_test_date (&today, 2020, 4, 21);
  anv_context_set_today (context, &today);
  gtk_button_clicked (GTK_BUTTON (anv_test_find (dialog, "to_button")));
  anv_test_iterate_main_loop ();
  gtk_calendar_get_date (GTK_CALENDAR (anv_test_find (dialog, "to_calendar")), &year, &month,
                         &day);
  g_assert_cmpuint (day, ==, 21);
  gtk_popover_popdown (GTK_POPOVER (gtk_widget_get_ancestor (anv_test_find (dialog,
                                                                            "to_calendar"),
                                                             GTK_TYPE_POPOVER)));
  anv_test_iterate_main_loop ();

  from = anv_test_find (dialog, "from_entry");
  anv_test_type_into (dialog, "from_entry", "2000-13-45");
  g_assert_true (gtk_style_context_has_class (gtk_widget_get_style_context (from),
                                              GTK_STYLE_CLASS_ERROR));
  /* GTK hands the tooltip over (transfer full). */
  tooltip = gtk_entry_get_icon_tooltip_text (GTK_ENTRY (from), GTK_ENTRY_ICON_SECONDARY);
  g_assert_nonnull (tooltip);
  g_assert_cmpstr (tooltip, !=, "");
  anv_test_type_into (dialog, "from_entry", "2000-01-01");
  g_assert_false (gtk_style_context_has_class (gtk_widget_get_style_context (from),
                                               GTK_STYLE_CLASS_ERROR));
  anv_test_type_into (dialog, "to_entry", "2000-02-30");
  g_assert_true (gtk_style_context_has_class (gtk_widget_get_style_context (anv_test_find (
                                                dialog, "to_entry")), GTK_STYLE_CLASS_ERROR));

  gtk_widget_destroy (dialog);
  anv_test_close_db (&db, &dir);
}

int
main (int    argc,
      char **argv)
{
  if (!anv_test_init_gui (&argc, &argv, "/audit-dialog/no-display"))
    return g_test_run ();

  g_test_add_func ("/audit-dialog/read-and-filter", test_read_and_filter);
  g_test_add_func ("/audit-dialog/swedish", test_swedish);
  g_test_add_func ("/audit-dialog/grouped", test_grouped);
  g_test_add_func ("/audit-dialog/details-tooltip", test_details_tooltip);
  g_test_add_func ("/audit-dialog/dates", test_dates);
  return g_test_run ();
}
