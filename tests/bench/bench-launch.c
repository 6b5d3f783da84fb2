/* bench-launch.c — how fast Anvisa shows its window, beside a bare GTK 3 window
 *
 *   bench-launch DATABASE [RUNS]
 *
 * Starts `anvisa --database DATABASE` with ANVISA_BENCH_FIRST_DRAW set, so
 * that it prints its peak memory and quits at its first drawn frame, and
 * times that from the spawn; then does the same with a minimal GTK 3 window
 * (this program itself, run with --minimal). Needs a display (Xvfb).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include <gtk/gtk.h>

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
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "ANVISA_BENCH_FIRST_DRAW", "1", TRUE);
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  const char *rss;
  int status;

  envp = g_environ_setenv (envp, "GSETTINGS_BACKEND", "memory", TRUE);
  if (!g_spawn_sync (NULL, argv, envp, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL,
                     &status, &error))
    g_error ("%s", error->message);
  rss = out ? strstr (out, "peak-rss-kib=") : NULL;
  if (rss == NULL)
    g_error ("%s printed no first draw (is there a display?)", argv[0]);
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

int
main (int    argc,
      char **argv)
{
  g_autofree char *self = NULL;
  g_autofree char *anvisa = NULL;
  int runs;
  double anvisa_ms[16], minimal_ms[16], anvisa_mib = 0, minimal_mib = 0;

  if (argc > 1 && strcmp (argv[1], "--minimal") == 0)
    return run_minimal (argc, argv);
  if (argc < 2)
    {
      g_printerr ("Usage: bench-launch DATABASE [RUNS]\n");
      return 2;
    }

  runs = argc > 2 ? CLAMP (atoi (argv[2]), 1, 16) : 5;
  self = g_canonicalize_filename (argv[0], NULL);
  anvisa = g_build_filename (g_path_get_dirname (self), "..", "src", "anvisa", NULL);

  for (int i = 0; i < runs; i++)
    {
      char *anvisa_argv[] = { anvisa, (char *) "--database", argv[1], NULL };
      char *minimal_argv[] = { self, (char *) "--minimal", NULL };

      anvisa_ms[i] = time_first_draw (anvisa_argv, &anvisa_mib);
      minimal_ms[i] = time_first_draw (minimal_argv, &minimal_mib);
    }
  qsort (anvisa_ms, runs, sizeof (double), compare_doubles);
  qsort (minimal_ms, runs, sizeof (double), compare_doubles);

  g_print ("first drawn window, median of %d: anvisa %.0f ms (peak %.1f MiB), "
           "minimal GTK 3 window %.0f ms (peak %.1f MiB); ratio %.2f (target <= 2)\n",
           runs, anvisa_ms[runs / 2], anvisa_mib, minimal_ms[runs / 2], minimal_mib,
           anvisa_ms[runs / 2] / minimal_ms[runs / 2]);
  return 0;
}
