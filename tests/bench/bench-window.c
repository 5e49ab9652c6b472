/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Opens a register in the real Gapwise window and reports how long until
 * the Register page has drawn its first frame with rows, and the memory
 * the process holds then. Run under a display (xvfb-run):
 *
 *   bench-window REGISTER
 *
 * Prints one JSON line: open_ms (store and item list loaded), ready_ms
 * (from the start of opening to the first frame painted after the window
 * was shown), rss_mib and peak_rss_mib (VmRSS and VmHWM at that frame),
 * heap_mib (bytes handed out by malloc then, whoever asked: Gapwise, GTK or
 * the GL driver; mapped libraries and GL buffers outside malloc are in
 * rss_mib only). */

#include "config.h"

#include <malloc.h>
#include <stdio.h>
#include <string.h>

#include "gw-window.h"

typedef struct
{
  const char *path;
  gint64      start;
  gint64      opened;
  gboolean    done;
  int         status;
} Bench;

static double
status_mib (const char *field)
{
  g_autofree char *text = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &text, NULL, NULL))
    return -1;
  line = strstr (text, field);
  if (line == NULL)
    return -1;
  return g_ascii_strtod (line + strlen (field), NULL) / 1024.0;
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   Bench         *bench)
{
  gint64 now = g_get_monotonic_time ();
  struct mallinfo2 heap;

  if (bench->done)
    return;
  bench->done = TRUE;
  heap = mallinfo2 ();
  printf ("{\"open_ms\": %.1f, \"ready_ms\": %.1f, \"rss_mib\": %.1f, \"peak_rss_mib\": %.1f, "
          "\"heap_mib\": %.1f}\n",
          (bench->opened - bench->start) / 1000.0, (now - bench->start) / 1000.0,
          status_mib ("VmRSS:"), status_mib ("VmHWM:"),
          (heap.uordblks + heap.hblkhd) / (1024.0 * 1024.0));
  fflush (stdout);
  g_application_quit (g_application_get_default ());
}

static void
on_map_cb (GtkWidget *window,
           Bench     *bench)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), bench);
}

static void
on_activate_cb (GtkApplication *app,
                Bench          *bench)
{
  g_autoptr(GError) error = NULL;
  GwWindow *window = gw_window_new (app);

  bench->start = g_get_monotonic_time ();
  if (!gw_window_load (window, bench->path, GW_STORE_OPEN_DEFAULT, &error))
    {
      g_printerr ("%s\n", error->message);
      bench->status = 1;
      g_application_quit (G_APPLICATION (app));
      return;
    }
  bench->opened = g_get_monotonic_time ();
  g_signal_connect_after (window, "map", G_CALLBACK (on_map_cb), bench);
  gtk_window_set_default_size (GTK_WINDOW (window), 1440, 900);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;
  Bench bench = { 0 };

  if (argc != 2)
    {
      g_printerr ("usage: bench-window REGISTER\n");
      return 2;
    }
  bench.path = argv[1];
  app = adw_application_new (APPLICATION_ID ".Bench", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (on_activate_cb), &bench);
  g_application_run (G_APPLICATION (app), 1, argv);
  return bench.status;
}
