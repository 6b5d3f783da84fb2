/* test-context.c — what a window's pages share: one database, one today, one way to hear
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>

#include "anv-context.h"
#include "anv-end-reasons.h"
#include "anv-test-util.h"

static void
count_cb (gpointer  instance,
          guint    *count)
{
  (*count)++;
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           guint      *count)
{
  (*count)++;
}

static void
message_cb (AnvContext  *context,
            const char  *message,
            char       **out)
{
  g_free (*out);
  *out = g_strdup (message);
}

/* A commit reaches the pages through the context's one signal. */
static void
test_changed (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (AnvContext) context = anv_context_new (db, NULL);
  g_autoptr (GError) error = NULL;
  guint changed = 0;

  g_signal_connect (context, "changed", G_CALLBACK (count_cb), &changed);
  g_assert_true (anv_context_get_db (context) == db);
  g_assert_null (anv_context_get_settings (context));

  g_assert_true (anv_end_reasons_add (db, "kontorets_kod", ANV_END_KIND_INTERRUPTION,
                                      "Kontorets egen", "The office's own", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 1);

  g_clear_object (&context);
  anv_test_close_db (&db, &dir);
}

/* Today is read once: ANVISA_TODAY pins it, and a new day is told. */
static void
test_today (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (AnvContext) context = NULL;
  GDate today, expected, next;
  guint notified = 0;

  g_setenv ("ANVISA_TODAY", "2020-04-06", TRUE);
  context = anv_context_new (db, NULL);
  g_unsetenv ("ANVISA_TODAY");

  anv_context_get_today (context, &today);
  anv_test_date (&expected, 2020, 4, 6);
  g_assert_cmpint (g_date_compare (&today, &expected), ==, 0);

  g_signal_connect (context, "notify::today", G_CALLBACK (notify_cb), &notified);
  anv_context_set_today (context, &expected);
  g_assert_cmpuint (notified, ==, 0);
  anv_test_date (&next, 2020, 4, 7);
  anv_context_set_today (context, &next);
  g_assert_cmpuint (notified, ==, 1);
  anv_context_get_today (context, &today);
  g_assert_cmpint (g_date_compare (&today, &next), ==, 0);

  g_clear_object (&context);
  anv_test_close_db (&db, &dir);
}

/* Without installed settings, the CSV profile is kept for the window's
 * life; an error is handed to whoever shows it. */
static void
test_profile_and_error (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (AnvContext) context = anv_context_new (db, NULL);
  g_autofree char *message = NULL;

  g_assert_cmpint (anv_context_get_csv_profile (context), ==, ANV_CSV_PROFILE_EXCEL_SV);
  anv_context_set_csv_profile (context, ANV_CSV_PROFILE_RFC4180);
  g_assert_cmpint (anv_context_get_csv_profile (context), ==, ANV_CSV_PROFILE_RFC4180);

  g_signal_connect (context, "error", G_CALLBACK (message_cb), &message);
  anv_context_report_error (context, "The list could not be read.");
  g_assert_cmpstr (message, ==, "The list could not be read.");

  g_clear_object (&context);
  anv_test_close_db (&db, &dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/context/changed", test_changed);
  g_test_add_func ("/context/today", test_today);
  g_test_add_func ("/context/profile-and-error", test_profile_and_error);

  return g_test_run ();
}
