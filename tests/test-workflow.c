/* test-workflow.c — an officer's day in the real window: register, refer,
 * and the supervisor's summary counts it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtk/gtk.h>

#include "anv-date.h"
#include "anv-db-private.h"
#include "anv-gui-test-util.h"
#include "anv-referral-dialog.h"
#include "anv-referrals.h"
#include "anv-seeker-form.h"
#include "anv-seekers.h"
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

static gboolean
toplevel_gone (gpointer type)
{
  return anv_test_find_toplevel ((GType) GPOINTER_TO_SIZE (type)) == NULL;
}

typedef struct
{
  GtkWidget  *root;
  const char *id;
  const char *text;
} LabelWait;

static gboolean
label_shows (gpointer data)
{
  LabelWait *wait = data;

  return g_strcmp0 (anv_test_label_text (wait->root, wait->id), wait->text) == 0;
}

static gboolean
label_contains (gpointer data)
{
  LabelWait *wait = data;

  return strstr (anv_test_label_text (wait->root, wait->id), wait->text) != NULL;
}

/* Waits until the page shows the person saved. */
static void
assert_shows_person (GtkWidget  *window,
                     const char *name)
{
  if (!anv_test_wait_until (label_shows, &(LabelWait) { window, "name_label", name }, 20000))
    g_error ("the page shows “%s”, not the person saved",
             anv_test_label_text (window, "name_label"));
}

/* The window says what was saved: in its notice, which a screen reader
 * sees as a notification named by the same words. */
static void
assert_announced (GtkWidget  *window,
                  const char *text)
{
  GtkWidget *notice = anv_test_find (window, "notice_bar");
  AtkObject *accessible = gtk_widget_get_accessible (notice);

  g_assert_true (gtk_widget_get_visible (notice));
  g_assert_cmpstr (anv_test_label_text (window, "notice_label"), ==, text);
  g_assert_cmpint (atk_object_get_role (accessible), ==, ATK_ROLE_NOTIFICATION);
  g_assert_cmpstr (atk_object_get_name (accessible), ==, text);
}

/* After a dialog closed, the focus is on @id in the window, not lost. */
static void
assert_focus_on (GtkWidget  *window,
                 const char *id)
{
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (window));

  if (focus != anv_test_find (window, id))
    g_error ("the focus is on %s, not on %s",
             focus ? gtk_buildable_get_name (GTK_BUILDABLE (focus)) : "nothing", id);
  g_assert_true (gtk_widget_is_visible (focus));
}

/* Shows the summary page and waits until its line says @text. */
static void
assert_summary_says (GtkWidget  *window,
                     const char *text)
{
  anv_window_show_page (ANV_WINDOW (window), "summary");
  if (!anv_test_wait_until (label_contains, &(LabelWait) { window, "subject_label", text },
                            20000))
    g_error ("the summary says “%s”, not “%s”", anv_test_label_text (window, "subject_label"),
             text);
}

/* Waits until the form or dialog of @type has closed after its save; a
 * message it shows instead fails the test with that message. */
static void
assert_saved (GType       type,
              const char *message_id)
{
  if (!anv_test_wait_until (toplevel_gone, GSIZE_TO_POINTER ((gsize) type), 20000))
    g_error ("%s stayed open: “%s”", g_type_name (type),
             anv_test_label_text (anv_test_find_toplevel (type), message_id));
}

static void
test_register_refer_summary (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  GtkWidget *window, *form, *dialog;

  anv_test_approve_krom_provider (db);
  window = anv_test_open_window (db);

  assert_summary_says (window, "0 referred");

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
  assert_saved (ANV_TYPE_SEEKER_FORM, "save_error_label");
  assert_shows_person (window, "Anna Åberg");
  assert_announced (window, "19850101-**** Anna Åberg is registered as a job seeker.");
  assert_focus_on (window, "refer_button");

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
  assert_saved (ANV_TYPE_REFERRAL_DIALOG, "error_label");
  assert_announced (window, "Referral saved: 19850101-**** Anna Åberg to Rusta och matcha with "
                    "Rusta Norr AB, planned start April 22, 2020.");
  /* Refer is gone; the next thing to do is the start */
  g_assert_false (gtk_widget_get_visible (anv_test_find (window, "refer_button")));
  assert_focus_on (window, "start_button");

  /* The supervisor's summary has counted it. */
  assert_summary_says (window, "1 referred, 1 active");

  gtk_widget_destroy (window);
  anv_test_iterate_main_loop ();
  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

/* Concurrency: the window writes while other programs write */

#define WRITERS        2
#define WRITER_SLICE   12   /* job seekers per writing program */
#define GUI_SEEKERS    6    /* registered and referred in the window */
/* Each run decides 60 days after the last; the 40th still ends before the
 * programs' "today", 22 November 2026, so that no decision lies ahead. */
#define MAX_RUNS       40

typedef struct
{
  const char *db_path;
  char       *file;
  GPid        pid;           /* 0 between runs */
  int         out_fd;
  int         err_fd;
  guint       runs;
  guint       decided;
  GString    *decided_lines; /* "ID PNR" of every decision reported */
} Writer;

/* anvisa-cli's stress loop: the first run imports the writer's own job
 * seekers; each run decides, starts and ends a referral for each of them,
 * later runs later in time. */
static void
writer_start (Writer *w)
{
  GDate date;
  g_auto (GStrv) envp = g_environ_setenv (g_get_environ (), "ANVISA_TODAY", "2026-11-22", TRUE);
  g_autoptr (GError) error = NULL;
  const char *argv[] = {
    g_getenv ("ANVISA_CLI"), "--database", w->db_path, "stress", w->file, "--rounds", "1",
    "--pause", "10", "--first", NULL, w->runs == 0 ? "--import" : NULL, NULL
  };
  char text[11];

  /* The first in April 2020 */
  anv_test_date (&date, 2020, 4, 1);
  g_date_add_days (&date, 60 * w->runs);
  anv_date_format (&date, text);
  argv[10] = text;
  g_spawn_async_with_pipes (NULL, (char **) argv, envp, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                            &w->pid, NULL, &w->out_fd, &w->err_fd, &error);
  g_assert_no_error (error);
  w->runs++;
}

/* Collects a writer that has ended (or, with @wait, waits for it): it
 * must have ended well, with nothing said to a person. TRUE when it was
 * still running. */
static gboolean
writer_poll (Writer   *w,
             gboolean  wait)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto (GStrv) lines = NULL;
  int status = 0;
  pid_t ended;

  if (w->pid == 0)
    return FALSE;
  ended = waitpid (w->pid, &status, wait ? 0 : WNOHANG);
  g_assert_cmpint (ended, !=, -1);
  if (ended == 0)
    return TRUE;

  out = anv_test_read_fd (w->out_fd);
  err = anv_test_read_fd (w->err_fd);
  g_spawn_close_pid (w->pid);
  w->pid = 0;
  /* No "database is locked", nor any other message. */
  g_assert_cmpstr (err, ==, "");
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "decided "))
      {
        g_string_append_printf (w->decided_lines, "%s\n", lines[i] + strlen ("decided "));
        w->decided++;
      }
    else if (g_str_has_prefix (lines[i], "refused"))
      g_error ("a writer on its own job seekers was refused: %s", lines[i]);
  return FALSE;
}

static gboolean
writers_running (Writer *writers)
{
  gboolean running = FALSE;

  for (guint i = 0; i < WRITERS; i++)
    running |= writer_poll (&writers[i], FALSE);
  return running;
}

/* Every 10 ms while the window works: the writers that ended are started
 * again, later in time. */
static gboolean
keep_writing_cb (gpointer data)
{
  Writer *writers = data;

  for (guint i = 0; i < WRITERS; i++)
    if (!writer_poll (&writers[i], FALSE) && writers[i].runs < MAX_RUNS)
      writer_start (&writers[i]);
  return G_SOURCE_CONTINUE;
}

/* Registers @name with @pnr in the window's form, and refers the person
 * through the referral dialog; counts in @overlapping each save made
 * while a writer was running. */
static void
register_and_refer (GtkWidget  *window,
                    const char *name,
                    const char *pnr,
                    Writer     *writers,
                    guint      *overlapping)
{
  GtkWidget *form, *dialog;

  g_action_group_activate_action (gtk_widget_get_action_group (window, "seekers"), "new", NULL);
  anv_test_wait_ms (100);
  form = anv_test_find_toplevel (ANV_TYPE_SEEKER_FORM);
  g_assert_nonnull (form);
  set_entry (form, "name_entry", name);
  set_entry (form, "postal_code_entry", "903 25");
  set_entry (form, "personnummer_entry", pnr);
  g_assert_true (save_sensitive (form));
  *overlapping += writers_running (writers);
  gtk_button_clicked (GTK_BUTTON (anv_test_find (form, "save_button")));
  assert_saved (ANV_TYPE_SEEKER_FORM, "save_error_label");
  assert_shows_person (window, name);

  g_action_group_activate_action (gtk_widget_get_action_group (window, "seekers"), "refer",
                                  NULL);
  anv_test_wait_ms (200);
  dialog = anv_test_find_toplevel (ANV_TYPE_REFERRAL_DIALOG);
  g_assert_nonnull (dialog);
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (anv_test_find (dialog, "level_combo")), "B");
  anv_test_wait_ms (50);
  g_assert_true (save_sensitive (dialog));
  *overlapping += writers_running (writers);
  gtk_button_clicked (GTK_BUTTON (anv_test_find (dialog, "save_button")));
  assert_saved (ANV_TYPE_REFERRAL_DIALOG, "error_label");
}

/* While two other programs write to the same database, an officer
 * registers and refers job seekers in the window: every save goes
 * through, no message about a busy database reaches anyone, every
 * decision is there afterwards, the rules hold, and the summary the
 * window shows is the count of all of them. */
static void
test_while_others_write (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (GPtrArray) numbers = anv_test_load_personnummer ("1960", "1990", TRUE,
                                                             WRITERS * WRITER_SLICE
                                                             + GUI_SEEKERS);
  g_autoptr (GTimer) timer = g_timer_new ();
  g_autofree char *expected = NULL;
  Writer writers[WRITERS] = { { 0 } };
  GtkWidget *window;
  guint next = 0, overlapping = 0, total_decided = 0, keeping;
  gint64 april;

  anv_test_approve_krom_provider (db);
  for (guint i = 0; i < WRITERS; i++)
    {
      g_autoptr (GString) csv = g_string_new ("personnummer;namn;kommun\n");
      g_autofree char *name = g_strdup_printf ("writer-%u.csv", i);

      for (guint n = 0; n < WRITER_SLICE; n++)
        g_string_append_printf (csv, "%s;Prov Skrivare %u;2480\n",
                                (const char *) g_ptr_array_index (numbers, next++), n);
      writers[i].db_path = anv_test_db_location (db);
      writers[i].file = anv_test_write_file (dir, name, csv->str);
      writers[i].decided_lines = g_string_new (NULL);
    }
  window = anv_test_open_window (db);
  anv_window_show_page (ANV_WINDOW (window), "seekers");

  for (guint i = 0; i < WRITERS; i++)
    writer_start (&writers[i]);
  keeping = g_timeout_add (10, keep_writing_cb, writers);
  for (guint k = 0; k < GUI_SEEKERS; k++)
    {
      g_autofree char *name = g_strdup_printf ("Prov Fönster %u", k);

      register_and_refer (window, name, g_ptr_array_index (numbers, next + k), writers,
                          &overlapping);
    }
  g_source_remove (keeping);
  for (guint i = 0; i < WRITERS; i++)
    {
      writer_poll (&writers[i], TRUE);
      total_decided += writers[i].decided;
    }

  /* Every decision the writers reported is there, and theirs only. */
  for (guint i = 0; i < WRITERS; i++)
    {
      g_auto (GStrv) lines = g_strsplit (writers[i].decided_lines->str, "\n", -1);
      gint64 found = 0;

      for (guint l = 0; lines[l] != NULL && lines[l][0] != '\0'; l++)
        {
          g_auto (GStrv) w = g_strsplit (lines[l], " ", 2);

          g_assert_cmpint (anv_test_query_int (db, "SELECT count(*) FROM referral r "
                                                       "JOIN seeker s ON s.id = r.seeker_id "
                                                       "WHERE s.personnummer = ?1 AND r.id = ?2",
                                               w[1], g_ascii_strtoll (w[0], NULL, 10)), ==, 1);
        }
      for (guint n = 0; n < WRITER_SLICE; n++)
        found += anv_test_query_int (db, "SELECT count(*) FROM referral r JOIN seeker s "
                                             "ON s.id = r.seeker_id WHERE s.personnummer = ?1",
                                     g_ptr_array_index (numbers, i * WRITER_SLICE + n), 0);
      g_assert_cmpint (found, ==, writers[i].decided);
      g_assert_cmpuint (writers[i].decided, ==, writers[i].runs * WRITER_SLICE);
      g_free (writers[i].file);
      g_string_free (writers[i].decided_lines, TRUE);
    }
  /* The window's, each once. */
  for (guint k = 0; k < GUI_SEEKERS; k++)
    g_assert_cmpint (anv_test_query_int (db, "SELECT count(*) FROM referral r JOIN seeker s "
                                                 "ON s.id = r.seeker_id "
                                                 "WHERE s.personnummer = ?1 "
                                                 "AND r.decided_on = '2020-04-06'",
                                         g_ptr_array_index (numbers, next + k), 0), ==, 1);
  g_assert_cmpint (anv_test_query_int (db, "SELECT coalesce (max (c), 0) FROM "
                                               "(SELECT count(*) AS c FROM referral "
                                               "WHERE ended_on IS NULL AND annulled = 0 "
                                               "GROUP BY seeker_id) AS o", NULL, 0), ==, 1);
  anv_test_assert_integrity (db);
  anv_test_assert_summary_matches_recount (db, "2020-01", "2026-12", NULL);
  /* The window wrote while others wrote: most of its saves. */
  g_assert_cmpuint (overlapping, >=, GUI_SEEKERS);

  /* The summary page, updated live, counts April's decisions: the
   * window's and the first run of each writer. */
  april = anv_test_query_int (db, "SELECT count(*) FROM referral WHERE decided_on "
                                      "BETWEEN '2020-04-01' AND '2020-04-30' AND annulled = 0",
                              NULL, 0);
  g_assert_cmpint (april, ==, GUI_SEEKERS + WRITERS * WRITER_SLICE);
  expected = g_strdup_printf ("%" G_GINT64_FORMAT " referred", april);
  assert_summary_says (window, expected);

  g_test_message ("the window registered and referred %u job seekers in %.1f s while %u "
                  "programs made %u decisions (%u runs); %u of its %u saves were made while "
                  "they wrote",
                  GUI_SEEKERS, g_timer_elapsed (timer, NULL), WRITERS, total_decided,
                  writers[0].runs + writers[1].runs, overlapping, 2 * GUI_SEEKERS);
  gtk_widget_destroy (window);
  anv_test_iterate_main_loop ();
  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

/* Records an event through its button: the dialog opens on its defaults,
 * and @prepare completes it. */
static void
record_event (GtkWidget  *window,
              const char *button_id,
              void      (*prepare) (GtkWidget *dialog))
{
  GtkWidget *button = anv_test_find (window, button_id);
  GtkWidget *dialog;

  gtk_widget_grab_focus (button);
  gtk_button_clicked (GTK_BUTTON (button));
  anv_test_wait_ms (300);
  dialog = anv_test_find_toplevel (ANV_TYPE_REFERRAL_DIALOG);
  g_assert_nonnull (dialog);
  if (prepare != NULL)
    prepare (dialog);
  g_assert_true (save_sensitive (dialog));
  gtk_button_clicked (GTK_BUTTON (anv_test_find (dialog, "save_button")));
  assert_saved (ANV_TYPE_REFERRAL_DIALOG, "error_label");
  anv_test_wait_ms (100);
}

static void
choose_work (GtkWidget *dialog)
{
  g_autoptr (GList) reasons = gtk_container_get_children (
    GTK_CONTAINER (anv_test_find (dialog, "result_box")));

  for (GList *l = reasons; l != NULL; l = l->next)
    if (g_strcmp0 (g_object_get_data (l->data, "anv-reason"), "jobb") == 0)
      gtk_toggle_button_set_active (l->data, TRUE);
  anv_test_iterate_main_loop ();
}

/* After Register Start and End the button pressed is gone: the focus goes
 * on to the next thing to do, and the window says what was saved. */
static void
test_focus_after_events (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvSeeker) seeker = NULL;
  g_autoptr (AnvReferral) referral = NULL;
  AnvSeekerInput input = { "198501012382", "Anna Testsson", "2480", NULL, FALSE };
  AnvReferralInput decision = { 0 };
  GtkWidget *window;
  GDate today, decided;

  /* Decided in April; today is in June, after the planned start */
  g_setenv ("ANVISA_TODAY", "2020-06-15", TRUE);
  anv_test_date (&today, 2020, 6, 15);
  anv_test_date (&decided, 2020, 4, 6);
  anv_test_approve_krom_provider (db);
  seeker = anv_seekers_add (db, &input, &today, &error);
  g_assert_no_error (error);
  decision.personnummer = input.personnummer;
  decision.level = "A";
  decision.choice = ANV_CHOICE_DEFAULT;
  decision.decided_on = &decided;
  referral = anv_referrals_decide (db, &decision, &today, &error);
  g_assert_no_error (error);

  window = anv_test_open_window (db);
  anv_window_show_page (ANV_WINDOW (window), "seekers");
  set_entry (window, "search_entry", "19850101");
  anv_test_wait_ms (300);
  gtk_widget_activate (anv_test_find (window, "search_entry"));
  assert_shows_person (window, "Anna Testsson");

  record_event (window, "start_button", NULL);
  g_assert_false (gtk_widget_get_visible (anv_test_find (window, "start_button")));
  assert_focus_on (window, "end_button");
  assert_announced (window, "Start saved: 19850101-**** Anna Testsson started Rusta och matcha "
                    "on April 22, 2020.");

  record_event (window, "end_button", choose_work);
  g_assert_false (gtk_widget_get_visible (anv_test_find (window, "end_button")));
  assert_focus_on (window, "seekers_view");
  assert_announced (window, "End saved: the referral of 19850101-**** Anna Testsson ended on "
                    "June 15, 2020 (Job).");

  gtk_widget_destroy (window);
  anv_test_iterate_main_loop ();
  g_clear_object (&db);
  anv_test_remove_dir (dir);
  g_setenv ("ANVISA_TODAY", "2020-04-06", TRUE);
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
  g_test_add_func ("/workflow/while-others-write", test_while_others_write);
  g_test_add_func ("/workflow/focus-after-events", test_focus_after_events);
  return g_test_run ();
}
