/* bench-launch.c — how fast Anvisa shows its window, beside a bare GTK 3 window
 *
 *   bench-launch [--plain] [--anvisa PROGRAM] DATABASE [RUNS]
 *
 * Starts `anvisa --database DATABASE` with ANVISA_BENCH_FIRST_DRAW set, so
 * that it prints its peak memory and quits at its first drawn frame, and
 * times that from the spawn; then does the same with a minimal GTK 3 window
 * (this program itself, run with --minimal); RUNS times each, in turn, after
 * one run of each that is not counted. Prints the medians, their ratio and
 * the peak memory. Needs a display (Xvfb: `xvfb-run -a bench-launch …`).
 *
 * By default both run as on a desktop: in a D-Bus session with the
 * accessibility bus (AT-SPI), which every GTK window then joins. Without
 * a session bus, the program runs itself again under dbus-run-session; the
 * accessibility bus is started through the session bus (org.a11y.Bus).
 * --plain runs both in the environment as it is (under a bare xvfb-run,
 * no session bus). The first line of the output says which conditions
 * were measured.
 *
 * Either way the program keeps the display open meanwhile, as a desktop's
 * other programs do: an X server with no client left resets, and with it
 * GTK's record on the root window of its GL visuals, so that each window
 * would probe GL again (Mesa: some 50 ms and 50 MiB), as the first one on
 * a display does. That fixed cost hid the difference between the two.
 *
 * PROGRAM is the anvisa to start; by default the one of this build tree.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include <gtk/gtk.h>

#define MAX_RUNS 31

/* Set in the environment of the copy run under dbus-run-session */
#define SESSION_MARK "ANVISA_BENCH_LAUNCH_SESSION"

static gboolean
minimal_draw_cb (GtkWidget *widget,
                 cairo_t   *cr,
                 gpointer   user_data)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  g_print ("first-draw peak-rss-kib=%ld\n", usage.ru_maxrss);
  gtk_main_quit ();
  return FALSE;
}

static int
run_minimal (int    argc,
             char **argv)
{
  GtkWidget *window;

  gtk_init (&argc, &argv);
  window = gtk_window_new (GTK_WINDOW_TOPLEVEL);
  gtk_window_set_default_size (GTK_WINDOW (window), 960, 640);
  gtk_container_add (GTK_CONTAINER (window), gtk_label_new ("Anvisa"));
  g_signal_connect_after (window, "draw", G_CALLBACK (minimal_draw_cb), NULL);
  gtk_widget_show_all (window);
  gtk_main ();
  return 0;
}

/* Milliseconds from the spawn to the child's line; its peak memory in MiB. */
static double
time_first_draw (char   **argv,
                 double  *out_mib)
{
  g_auto (GStrv) envp = g_environ_setenv (g_get_environ (), "ANVISA_BENCH_FIRST_DRAW", "1", TRUE);
  g_autofree char *out = NULL;
  g_autoptr (GError) error = NULL;
  gint64 start;
  const char *rss;
  int status;

  envp = g_environ_setenv (envp, "GSETTINGS_BACKEND", "memory", TRUE);
  envp = g_environ_unsetenv (envp, SESSION_MARK);
  start = g_get_monotonic_time ();
  if (!g_spawn_sync (NULL, argv, envp, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL,
                     &status, &error))
    g_error ("%s", error->message);
  rss = out ? strstr (out, "peak-rss-kib=") : NULL;
  if (rss == NULL)
    g_error ("%s printed no first draw (is there a display? does it open the database?)",
             argv[0]);
  *out_mib = g_ascii_strtoll (rss + strlen ("peak-rss-kib="), NULL, 10) / 1024.0;
  return (g_get_monotonic_time () - start) / 1e3;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* Runs this program again, with the same arguments, in a D-Bus session of
 * its own; returns its exit status. */
static int
run_in_session (int    argc,
                char **argv)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  g_auto (GStrv) envp = g_environ_setenv (g_get_environ (), SESSION_MARK, "1", TRUE);
  g_autoptr (GError) error = NULL;
  int status;

  g_ptr_array_add (args, (char *) "dbus-run-session");
  g_ptr_array_add (args, (char *) "--");
  for (int i = 0; i < argc; i++)
    g_ptr_array_add (args, argv[i]);
  g_ptr_array_add (args, NULL);

  if (!g_spawn_sync (NULL, (char **) args->pdata, envp,
                     G_SPAWN_SEARCH_PATH | G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL,
                     NULL, NULL, &status, &error))
    {
      g_printerr ("bench-launch: cannot start a D-Bus session (%s); "
                  "run it in one, or with --plain\n", error->message);
      return 1;
    }
  return g_spawn_check_wait_status (status, NULL) ? 0 : 1;
}

/* The address of the accessibility bus, started if need be, or NULL. */
static char *
get_accessibility_bus (void)
{
  g_autoptr (GDBusConnection) session = NULL;
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GError) error = NULL;
  char *address = NULL;

  session = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  if (session != NULL)
    reply = g_dbus_connection_call_sync (session, "org.a11y.Bus", "/org/a11y/bus",
                                         "org.a11y.Bus", "GetAddress", NULL,
                                         G_VARIANT_TYPE ("(s)"), G_DBUS_CALL_FLAGS_NONE,
                                         10000, NULL, &error);
  if (reply == NULL)
    {
      g_printerr ("bench-launch: no accessibility bus: %s\n", error->message);
      return NULL;
    }
  g_variant_get (reply, "(s)", &address);
  return address;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *self = NULL;
  g_autofree char *anvisa = NULL;
  g_autofree char *a11y_bus = NULL;
  g_autofree char *conditions = NULL;
  gboolean plain = FALSE;
  GdkDisplay *display;
  int runs;
  double anvisa_ms[MAX_RUNS], minimal_ms[MAX_RUNS], anvisa_mib = 0, minimal_mib = 0;
  GOptionEntry entries[] = {
    { "plain", 0, 0, G_OPTION_ARG_NONE, &plain,
      "Run in the environment as it is: no D-Bus session or accessibility bus is started",
      NULL },
    { "anvisa", 0, 0, G_OPTION_ARG_FILENAME, &anvisa,
      "The anvisa program to start (default: the one of this build)", "PROGRAM" },
    { NULL }
  };

  if (argc > 1 && strcmp (argv[1], "--minimal") == 0)
    return run_minimal (argc, argv);

  /* The session first, for the whole program: before GTK reads anything */
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL && g_getenv (SESSION_MARK) == NULL
      && !g_strv_contains ((const char * const *) argv, "--plain"))
    return run_in_session (argc, argv);

  context = g_option_context_new ("DATABASE [RUNS] — time Anvisa's first frame");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc < 2)
    {
      g_printerr ("Usage: bench-launch [--plain] [--anvisa PROGRAM] DATABASE [RUNS]\n%s\n",
                  error != NULL ? error->message : "");
      return 2;
    }

  runs = argc > 2 ? CLAMP (atoi (argv[2]), 1, MAX_RUNS) : 9;
  self = g_canonicalize_filename (argv[0], NULL);
  if (anvisa == NULL)
    {
      g_autofree char *dir = g_path_get_dirname (self);

      anvisa = g_build_filename (dir, "..", "src", "anvisa", NULL);
    }

  /* Held open until the end: see the top of the file */
  display = gdk_display_open (NULL);
  if (display == NULL)
    {
      g_printerr ("bench-launch: no display; run it under xvfb-run -a\n");
      return 1;
    }

  if (plain)
    conditions = g_strdup_printf ("plain: D-Bus session bus %s; accessibility bus not started",
                                  g_getenv ("DBUS_SESSION_BUS_ADDRESS") != NULL
                                  ? "from the environment" : "none in the environment");
  else
    {
      a11y_bus = get_accessibility_bus ();
      conditions = g_strdup_printf ("desktop: D-Bus session bus %s; accessibility bus %s",
                                    g_getenv (SESSION_MARK) != NULL
                                    ? "started by bench-launch" : "from the environment",
                                    a11y_bus != NULL ? "running" : "UNAVAILABLE");
    }
  g_print ("conditions: %s; display %s, held open; %s\n", conditions,
           gdk_display_get_name (display), anvisa);

  for (int i = -1; i < runs; i++)
    {
      char *anvisa_argv[] = { anvisa, (char *) "--database", argv[1], NULL };
      char *minimal_argv[] = { self, (char *) "--minimal", NULL };
      double ms;

      /* Run -1, not counted, starts what the first window of a session
       * starts (the accessibility registry) and reads the files in. */
      ms = time_first_draw (anvisa_argv, &anvisa_mib);
      if (i >= 0)
        anvisa_ms[i] = ms;
      ms = time_first_draw (minimal_argv, &minimal_mib);
      if (i >= 0)
        minimal_ms[i] = ms;
    }
  qsort (anvisa_ms, runs, sizeof (double), compare_doubles);
  qsort (minimal_ms, runs, sizeof (double), compare_doubles);

  g_print ("first drawn window, median of %d: anvisa %.0f ms (%.0f-%.0f; peak %.1f MiB), "
           "minimal GTK 3 window %.0f ms (%.0f-%.0f; peak %.1f MiB); ratio %.2f (target <= 2)\n",
           runs, anvisa_ms[runs / 2], anvisa_ms[0], anvisa_ms[runs - 1], anvisa_mib,
           minimal_ms[runs / 2], minimal_ms[0], minimal_ms[runs - 1], minimal_mib,
           anvisa_ms[runs / 2] / minimal_ms[runs / 2]);

  gdk_display_close (display);
  return 0;
}
