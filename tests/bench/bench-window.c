/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Opens a register in the real Gapwise window and reports how long until
 * the Register page has drawn its first frame with rows, and the memory
 * the process holds then. Run under a display (xvfb-run):
 *
 *   bench-window REGISTER [PAGE ...]
 *
 * Prints one JSON line: open_ms (store and item list loaded), ready_ms
 * (from the start of opening to the first frame painted after the window
 * was shown), rss_mib and peak_rss_mib (VmRSS and VmHWM at that frame),
 * heap_mib (bytes handed out by malloc then, whoever asked: Gapwise, GTK or
 * the GL driver; mapped libraries and GL buffers outside malloc are in
 * rss_mib only).
 *
 * With PAGEs (quadrant, dependencies, gantt, resources, gates), the window
 * then shows each page in turn for PAGE_SECONDS while drawing continuously,
 * and prints one more JSON line per page: first_frame_ms (from the switch
 * to the first frame painted after it), longest_frame_ms (the longest gap
 * between two frames in that time: how long the window stopped answering)
 * and rss_mib at the end. */

#include "config.h"

#include <malloc.h>
#include <stdio.h>
#include <string.h>

#include "gw-window.h"

#define PAGE_SECONDS 3

typedef struct
{
  const char  *path;
  char       **pages;
  GtkWidget   *window;
  gint64       start;
  gint64       opened;
  gboolean     done;
  int          status;
  guint        page;          /* index in pages of the page shown */
  gint64       switched;      /* when it was asked for */
  gint64       first_frame;   /* 0 until a frame is painted after the switch */
  gint64       last_frame;
  gint64       longest;
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

static AdwViewStack *
find_view_stack (GtkWidget *widget)
{
  if (ADW_IS_VIEW_STACK (widget))
    return ADW_VIEW_STACK (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwViewStack *found = find_view_stack (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       data)
{
  gtk_widget_queue_draw (widget);
  return G_SOURCE_CONTINUE;
}

static void show_next_page (Bench *bench);

static gboolean
on_page_done_cb (gpointer data)
{
  Bench *bench = data;

  printf ("{\"page\": \"%s\", \"first_frame_ms\": %.1f, \"longest_frame_ms\": %.1f, \"rss_mib\": %.1f}\n",
          bench->pages[bench->page],
          bench->first_frame ? (bench->first_frame - bench->switched) / 1000.0 : -1.0,
          bench->longest / 1000.0, status_mib ("VmRSS:"));
  fflush (stdout);
  bench->page++;
  show_next_page (bench);
  return G_SOURCE_REMOVE;
}

static void
show_next_page (Bench *bench)
{
  AdwViewStack *stack = find_view_stack (bench->window);

  if (bench->pages[bench->page] == NULL)
    {
      g_application_quit (g_application_get_default ());
      return;
    }
  if (adw_view_stack_get_child_by_name (stack, bench->pages[bench->page]) == NULL)
    {
      g_printerr ("bench-window: no page named %s\n", bench->pages[bench->page]);
      bench->status = 1;
      g_application_quit (g_application_get_default ());
      return;
    }
  bench->switched = bench->last_frame = g_get_monotonic_time ();
  bench->first_frame = 0;
  bench->longest = 0;
  adw_view_stack_set_visible_child_name (stack, bench->pages[bench->page]);
  g_timeout_add_seconds (PAGE_SECONDS, on_page_done_cb, bench);
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   Bench         *bench)
{
  gint64 now = g_get_monotonic_time ();
  struct mallinfo2 heap;

  if (bench->done)
    {
      if (bench->switched == 0)
        return;
      if (bench->first_frame == 0)
        bench->first_frame = now;
      bench->longest = MAX (bench->longest, now - bench->last_frame);
      bench->last_frame = now;
      return;
    }
  bench->done = TRUE;
  heap = mallinfo2 ();
  printf ("{\"open_ms\": %.1f, \"ready_ms\": %.1f, \"rss_mib\": %.1f, \"peak_rss_mib\": %.1f, "
          "\"heap_mib\": %.1f}\n",
          (bench->opened - bench->start) / 1000.0, (now - bench->start) / 1000.0,
          status_mib ("VmRSS:"), status_mib ("VmHWM:"),
          (heap.uordblks + heap.hblkhd) / (1024.0 * 1024.0));
  fflush (stdout);
  if (bench->pages[0] == NULL)
    {
      g_application_quit (g_application_get_default ());
      return;
    }
  gtk_widget_add_tick_callback (bench->window, tick_cb, NULL, NULL);
  show_next_page (bench);
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

  bench->window = GTK_WIDGET (window);
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

  if (argc < 2)
    {
      g_printerr ("usage: bench-window REGISTER [PAGE ...]\n");
      return 2;
    }
  bench.path = argv[1];
  bench.pages = argv + 2;
  app = adw_application_new (APPLICATION_ID ".Bench", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (on_activate_cb), &bench);
  g_application_run (G_APPLICATION (app), 1, argv);
  return bench.status;
}
