/* test-backup-dialog.c — the backup and restore dialog, with the window's database open
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "anv-audit.h"
#include "anv-backup-dialog.h"
#include "anv-gui-test-util.h"
#include "anv-providers.h"
#include "anv-schema.h"
#include "anv-seekers.h"

/* Skatteverket test numbers. */
#define PNR_ANNA "198501012382"
#define PNR_BO   "198501022381"
#define PNR_CIA  "198501032380"
#define ZETA_ORGNR "2021005448"
#define OTHER_DB_ENV "ANVISA_TEST_OTHER_PROCESS_DB"

typedef struct
{
  char       *dir;
  AnvDb      *db;
  AnvContext *context;   /* the window's, for the dialogs */
  GDate       today;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->db = anv_test_open_db (&f->dir);
  f->context = anv_context_new (f->db, NULL);
  anv_test_date (&f->today, 2026, 11, 22);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  /* A destroyed dialog is let go in an idle of its own. */
  anv_test_iterate_main_loop ();
  g_clear_object (&f->context);
  anv_test_close_db (&f->db, &f->dir);
}

static void
add_seeker (Fixture    *f,
            const char *pnr,
            const char *name)
{
  g_autoptr (GError) error = NULL;
  AnvSeekerInput input = { pnr, name, "2480", NULL, FALSE };
  g_autoptr (AnvSeeker) seeker = anv_seekers_add (f->db, &input, &f->today, &error);

  g_assert_no_error (error);
}

static gboolean
not_running (gpointer user_data)
{
  return !anv_backup_dialog_get_running (user_data);
}

static void
wait_for (GtkWidget *dialog)
{
  g_assert_true (anv_test_wait_until (not_running, dialog, 20000));
}

static guint
count_audit (AnvDb      *db,
             const char *action)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) entries = anv_audit_list (db, NULL, NULL, NULL, 100, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    n += strcmp (((AnvAuditEntry *) g_ptr_array_index (entries, i))->action, action) == 0;
  return n;
}

static gboolean
has_audit (AnvDb      *db,
           const char *action)
{
  return count_audit (db, action) > 0;
}

static void
test_backup_and_restore (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *dest = g_build_filename (f->dir, "kopia.db", NULL);
  g_autoptr (GError) error = NULL;
  GtkWidget *dialog;
  GStatBuf st;

  add_seeker (f, PNR_ANNA, "Anna Andersson");

  dialog = anv_backup_dialog_new_backup (NULL, f->context, dest);
  gtk_widget_show (dialog);
  wait_for (dialog);
  g_assert_true (anv_backup_dialog_get_succeeded (ANV_BACKUP_DIALOG (dialog)));
  g_assert_nonnull (strstr (anv_test_label_text (dialog, "message_label"), "backed up"));
  g_assert_true (gtk_widget_get_visible (anv_test_find (dialog, "close_button")));
  g_assert_cmpint (g_stat (dest, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 0777, ==, 0600);
  g_assert_true (has_audit (f->db, "database.backup"));
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CLOSE);

  add_seeker (f, PNR_BO, "Bo Efter");
  g_assert_cmpint (anv_seekers_count (f->db, &error), ==, 2);

  /* Restore: checked first, then asked; nothing changes before the answer. */
  dialog = anv_backup_dialog_new_restore (NULL, f->context, dest);
  gtk_widget_show (dialog);
  wait_for (dialog);
  g_assert_true (anv_backup_dialog_get_confirming (ANV_BACKUP_DIALOG (dialog)));
  g_assert_nonnull (strstr (anv_test_label_text (dialog, "message_label"), "1 job seeker"));
  g_assert_true (gtk_widget_get_visible (anv_test_find (dialog, "restore_button")));
  g_assert_cmpint (anv_seekers_count (f->db, &error), ==, 2);

  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  wait_for (dialog);
  g_assert_true (anv_backup_dialog_get_succeeded (ANV_BACKUP_DIALOG (dialog)));
  g_assert_cmpint (anv_seekers_count (f->db, &error), ==, 1);
  g_assert_true (has_audit (f->db, "database.restore"));
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CLOSE);

  /* Cancel leaves the database as it is. */
  add_seeker (f, PNR_BO, "Bo Efter");
  dialog = anv_backup_dialog_new_restore (NULL, f->context, dest);
  wait_for (dialog);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  anv_test_iterate_main_loop ();
  g_assert_cmpint (anv_seekers_count (f->db, &error), ==, 2);
}

static gint64
count_zeta (AnvDb *db)
{
  return anv_test_query_int (db, "SELECT count(*) FROM provider WHERE orgnr = ?1", ZETA_ORGNR,
                             0);
}

/* The tester's steps: a backup, the files' types read as the file
 * chooser does (opening and closing them), the command line adding a
 * provider, a restore. The window's connection and another one of the
 * window's (the search's) read what was restored and can write. */
static void
test_restore_after_other_program (Fixture       *f,
                                  gconstpointer  data)
{
  const char *companions[] = { "", "-wal", "-shm" };
  g_autofree char *path = g_strdup (anv_db_get_path (f->db));
  g_autofree char *dest = g_build_filename (f->dir, "gbk-new.db", NULL);
  g_autoptr (AnvDb) search = NULL;
  g_autoptr (GError) error = NULL;
  GtkWidget *dialog;

  if (g_test_subprocess ())
    {
      /* The command line, a process of its own */
      g_autoptr (AnvDb) db = anv_schema_open (g_getenv (OTHER_DB_ENV), "cli", &error);
      g_autoptr (AnvProvider) provider = NULL;

      g_assert_no_error (error);
      provider = anv_providers_add (db, ZETA_ORGNR, "Zeta Test AB", "2480", &f->today, &error);
      g_assert_no_error (error);
      return;
    }

  search = anv_schema_open (path, "tester", &error);
  g_assert_no_error (error);
  add_seeker (f, PNR_ANNA, "Anna Andersson");
  g_assert_cmpint (anv_seekers_count (search, &error), ==, 1);

  dialog = anv_backup_dialog_new_backup (NULL, f->context, dest);
  gtk_widget_show (dialog);
  wait_for (dialog);
  g_assert_true (anv_backup_dialog_get_succeeded (ANV_BACKUP_DIALOG (dialog)));
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CLOSE);

  for (guint i = 0; i < G_N_ELEMENTS (companions); i++)
    {
      g_autofree char *name = g_strconcat (path, companions[i], NULL);
      g_autoptr (GFile) file = g_file_new_for_path (name);
      g_autoptr (GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE,
                                                      G_FILE_QUERY_INFO_NONE, NULL, &error);

      g_assert_no_error (error);
    }

  g_setenv (OTHER_DB_ENV, path, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  g_unsetenv (OTHER_DB_ENV);
  g_assert_cmpint (count_zeta (f->db), ==, 1);

  dialog = anv_backup_dialog_new_restore (NULL, f->context, dest);
  gtk_widget_show (dialog);
  wait_for (dialog);
  g_assert_true (anv_backup_dialog_get_confirming (ANV_BACKUP_DIALOG (dialog)));
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  wait_for (dialog);
  g_assert_true (anv_backup_dialog_get_succeeded (ANV_BACKUP_DIALOG (dialog)));
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CLOSE);

  g_assert_cmpint (count_zeta (f->db), ==, 0);
  g_assert_cmpint (count_zeta (search), ==, 0);
  add_seeker (f, PNR_BO, "Bo Efter");
  {
    AnvSeekerInput input = { PNR_CIA, "Cia Citron", "2480", NULL, FALSE };
    g_autoptr (AnvSeeker) seeker = anv_seekers_add (search, &input, &f->today, &error);

    g_assert_no_error (error);
  }
  g_assert_cmpint (anv_seekers_count (f->db, &error), ==, 3);
  g_assert_cmpint (anv_seekers_count (search, &error), ==, 3);
  g_assert_no_error (error);
}

static void
test_restore_refused (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *bad = anv_test_write_file (f->dir, "inte-en-databas.db", "hej\n");
  GtkWidget *dialog = anv_backup_dialog_new_restore (NULL, f->context, bad);

  wait_for (dialog);
  g_assert_false (anv_backup_dialog_get_confirming (ANV_BACKUP_DIALOG (dialog)));
  g_assert_false (anv_backup_dialog_get_succeeded (ANV_BACKUP_DIALOG (dialog)));
  g_assert_nonnull (strstr (anv_test_label_text (dialog, "message_label"),
                            "not an Anvisa database"));
  g_assert_false (gtk_widget_get_visible (anv_test_find (dialog, "restore_button")));
  gtk_widget_destroy (dialog);
}

static gboolean
file_exists (gpointer user_data)
{
  return g_file_test (user_data, G_FILE_TEST_IS_REGULAR);
}

/* The window closed (and the dialog with it) while the backup runs: the
 * backup finishes, and nothing touches the dialog's widgets after. */
static void
test_destroyed_while_running (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *dest = g_build_filename (f->dir, "kopia.db", NULL);
  g_autoptr (GtkWidget) dialog = NULL;

  add_seeker (f, PNR_ANNA, "Anna Andersson");
  dialog = g_object_ref_sink (anv_backup_dialog_new_backup (NULL, f->context, dest));
  gtk_widget_show (dialog);
  g_assert_true (anv_backup_dialog_get_running (ANV_BACKUP_DIALOG (dialog)));
  gtk_widget_destroy (dialog);

  g_assert_true (anv_test_wait_until (file_exists, dest, 20000));
  g_assert_true (anv_test_wait_until (not_running, dialog, 20000));
  g_assert_true (has_audit (f->db, "database.backup"));
}

static gboolean
has_backup_temp (const char *dir)
{
  g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (handle)) != NULL)
    if (g_str_has_prefix (name, ".anvisa-backup-"))
      return TRUE;
  return FALSE;
}

/* Cancel at once after the backup started. The worker may still have
 * finished first; whichever it was, the dialog tells what happened: a
 * cancelled backup leaves no file, no copy half made and no entry in the
 * audit log, a finished one is there and audited. Tried until a cancel
 * came in time. */
static void
test_backup_cancelled (Fixture       *f,
                       gconstpointer  data)
{
  guint cancelled = 0, finished = 0;

  add_seeker (f, PNR_ANNA, "Anna Andersson");
  for (guint attempt = 0; attempt < 10 && cancelled == 0; attempt++)
    {
      g_autofree char *name = g_strdup_printf ("kopia-%u.db", attempt);
      g_autofree char *dest = g_build_filename (f->dir, name, NULL);
      GtkWidget *dialog = anv_backup_dialog_new_backup (NULL, f->context, dest);
      GtkWidget *cancel = anv_test_find (dialog, "cancel_button");
      const char *message;
      guint audited_before = count_audit (f->db, "database.backup");

      g_assert_true (anv_backup_dialog_get_running (ANV_BACKUP_DIALOG (dialog)));
      g_assert_true (gtk_widget_get_sensitive (cancel));
      gtk_button_clicked (GTK_BUTTON (cancel));
      g_assert_false (gtk_widget_get_sensitive (cancel));
      g_assert_nonnull (strstr (anv_test_label_text (dialog, "message_label"), "Cancelling"));

      wait_for (dialog);
      message = anv_test_label_text (dialog, "message_label");
      g_assert_true (gtk_widget_get_visible (anv_test_find (dialog, "close_button")));
      g_assert_false (has_backup_temp (f->dir));
      if (anv_backup_dialog_get_succeeded (ANV_BACKUP_DIALOG (dialog)))
        {
          g_assert_nonnull (strstr (message, "backed up"));
          g_assert_true (g_file_test (dest, G_FILE_TEST_IS_REGULAR));
          g_assert_cmpuint (count_audit (f->db, "database.backup"), ==, audited_before + 1);
          finished++;
        }
      else
        {
          g_assert_nonnull (strstr (message, "cancelled"));
          g_assert_false (g_file_test (dest, G_FILE_TEST_EXISTS));
          g_assert_cmpuint (count_audit (f->db, "database.backup"), ==, audited_before);
          cancelled++;
        }
      gtk_widget_destroy (dialog);
    }
  g_test_message ("%u backups finished before the cancel, then one was cancelled", finished);
  g_assert_cmpuint (cancelled, ==, 1);
}

/* Closing the window of a running backup asks it to stop, as its Cancel
 * button does; the dialog stays until the backup has ended, and then
 * tells what happened. */
static void
test_backup_closed_while_running (Fixture       *f,
                                  gconstpointer  data)
{
  g_autofree char *dest = g_build_filename (f->dir, "kopia.db", NULL);
  GtkWidget *dialog;

  add_seeker (f, PNR_ANNA, "Anna Andersson");
  dialog = anv_backup_dialog_new_backup (NULL, f->context, dest);
  g_assert_true (anv_backup_dialog_get_running (ANV_BACKUP_DIALOG (dialog)));
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_DELETE_EVENT);
  g_assert_false (gtk_widget_get_sensitive (anv_test_find (dialog, "cancel_button")));
  g_assert_nonnull (strstr (anv_test_label_text (dialog, "message_label"), "Cancelling"));

  wait_for (dialog);
  g_assert_true (gtk_widget_get_visible (anv_test_find (dialog, "close_button")));
  if (anv_backup_dialog_get_succeeded (ANV_BACKUP_DIALOG (dialog)))
    g_assert_true (g_file_test (dest, G_FILE_TEST_IS_REGULAR));
  else
    g_assert_false (g_file_test (dest, G_FILE_TEST_EXISTS));
  gtk_widget_destroy (dialog);
}

int
main (int    argc,
      char **argv)
{
  if (!anv_test_init_gui (&argc, &argv, "/backup-dialog/no-display"))
    return g_test_run ();

  g_test_add ("/backup-dialog/backup-and-restore", Fixture, NULL, fixture_set_up,
              test_backup_and_restore, fixture_tear_down);
  g_test_add ("/backup-dialog/restore-after-other-program", Fixture, NULL, fixture_set_up,
              test_restore_after_other_program, fixture_tear_down);
  g_test_add ("/backup-dialog/backup-cancelled", Fixture, NULL, fixture_set_up,
              test_backup_cancelled, fixture_tear_down);
  g_test_add ("/backup-dialog/restore-refused", Fixture, NULL, fixture_set_up,
              test_restore_refused, fixture_tear_down);
  g_test_add ("/backup-dialog/closed-while-running", Fixture, NULL, fixture_set_up,
              test_backup_closed_while_running, fixture_tear_down);
  g_test_add ("/backup-dialog/destroyed-while-running", Fixture, NULL, fixture_set_up,
              test_destroyed_while_running, fixture_tear_down);
  return g_test_run ();
}
