/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Benchmark of the Gantt chart (run by hand through bench-gantt.sh, never
 * a timed test).
 *
 *   bench-gantt REGISTER [FRAMES [RUNS]]
 *
 * 1. The recompute the Gantt page does in its worker thread after a
 *    change, RUNS times: reading the register (gw_store_list_items and
 *    the rest), the snapshot (gw_schedule_input_new_from_items), the
 *    scheduling (gw_schedule_compute), the chart's preparation
 *    (gw_gantt_chart_new), and then, on the page's side, laying the rows
 *    out (gw_gantt_chart_set_collapsed).
 * 2. Frames of 1920 x 1080 drawn on an image surface, at each zoom:
 *    - "jump": each frame at another place in the middle half of the rows
 *      (the time line scrolled to the first row's bar), so that the text
 *      of every row is shaped anew: the cost of a first look;
 *    - "scroll": frames scrolling down 40 pixels at a time, as a wheel
 *      does, from five places in the middle;
 *    - "still": the same frame again (a hover, a tooltip).
 *    Each frame is timed alone; the medians and 90th percentiles go out.
 *
 * One JSON line on stdout. Run under callgrind with FRAMES small for
 * instruction counts: CALLGRIND=1 skips the recompute part.
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "gw-gantt.h"
#include "gw-store.h"

#define WIDTH 1920
#define HEIGHT 1080

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
percentile (GArray *ms,
            double  p)
{
  g_array_sort (ms, compare_double);
  return g_array_index (ms, double, (guint) MIN (ms->len - 1, floor (p * ms->len)));
}

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static void
print_times (const char *name,
             GArray     *ms,
             gboolean    last)
{
  printf ("\"%s\": {\"n\": %u, \"median_ms\": %.3f, \"p90_ms\": %.3f, \"max_ms\": %.3f}%s",
          name, ms->len, percentile (ms, 0.5), percentile (ms, 0.9), percentile (ms, 1.0), last ? "" : ", ");
}

/* Scrolls to the rows at @fraction of the chart, the time line to the bar
 * of the first of them. */
static void
scroll_to (GwGanttChart *chart,
           double        fraction,
           double        extra_y)
{
  double label_w, header_h, w, h, y;
  int row;
  GwRect bar;
  guint n = gw_gantt_chart_get_n_rows (chart);
  const GwSchedule *s = gw_gantt_chart_get_schedule (chart);

  gw_gantt_chart_get_margins (chart, &label_w, &header_h);
  gw_gantt_chart_get_size (chart, &w, &h);
  row = (int) (fraction * n);
  y = row * gw_gantt_chart_get_row_height (chart) + extra_y;
  gw_gantt_chart_set_viewport (chart, 0, y, WIDTH, HEIGHT);
  /* The first item at or below that row. */
  for (guint k = 0; k < s->n_active; k++)
    {
      int r = gw_gantt_chart_get_item_row (chart, (int) s->order[k]);

      if (r >= row && r < row + 3 && gw_gantt_chart_get_bar (chart, (int) s->order[k], &bar))
        {
          gw_gantt_chart_set_viewport (chart, MAX (bar.x - label_w - 200, 0), y, WIDTH, HEIGHT);
          return;
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GwStore) store = NULL;
  g_autoptr(GwGanttChart) chart = NULL;
  g_autoptr(GArray) t_read = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) t_snapshot = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) t_compute = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) t_chart = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) t_rows = g_array_new (FALSE, FALSE, sizeof (double));
  cairo_surface_t *surface;
  cairo_t *cr;
  guint frames = argc > 2 ? (guint) atoi (argv[2]) : 200;
  guint runs = argc > 3 ? (guint) atoi (argv[3]) : 3;
  gboolean callgrind = g_getenv ("CALLGRIND") != NULL;
  guint n_items = 0, n_edges = 0;

  if (argc < 2)
    {
      fprintf (stderr, "usage: bench-gantt REGISTER [FRAMES [RUNS]]\n");
      return 2;
    }
  store = gw_store_open (argv[1], GW_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL)
    g_error ("%s", error->message);

  for (guint run = 0; run < (callgrind ? 1 : runs); run++)
    {
      g_autoptr(GwCalendar) calendar = NULL;
      g_autoptr(GPtrArray) items = NULL;
      g_autoptr(GPtrArray) roles = NULL;
      g_autoptr(GPtrArray) milestones = NULL;
      g_autoptr(GwScheduleInput) input = NULL;
      g_autoptr(GwSchedule) schedule = NULL;
      double t0, t1, t2, t3, t4, t5;

      t0 = now_ms ();
      calendar = gw_calendar_new_from_store (store, &error);
      items = gw_store_list_items (store, &error);
      if (calendar == NULL || items == NULL)
        g_error ("%s", error->message);
      roles = gw_store_list_roles (store);
      milestones = gw_store_list_milestones (store);
      t1 = now_ms ();
      input = gw_schedule_input_new_from_items (calendar, items, roles, milestones);
      t2 = now_ms ();
      schedule = gw_schedule_compute (input, &error);
      if (schedule == NULL)
        g_error ("%s", error->message);
      t3 = now_ms ();
      g_clear_pointer (&chart, gw_gantt_chart_free);
      chart = gw_gantt_chart_new (schedule, items, milestones);
      t4 = now_ms ();
      gw_gantt_chart_set_collapsed (chart, NULL);
      t5 = now_ms ();
      g_array_append_vals (t_read, &(double) { t1 - t0 }, 1);
      g_array_append_vals (t_snapshot, &(double) { t2 - t1 }, 1);
      g_array_append_vals (t_compute, &(double) { t3 - t2 }, 1);
      g_array_append_vals (t_chart, &(double) { t4 - t3 }, 1);
      g_array_append_vals (t_rows, &(double) { t5 - t4 }, 1);
      n_items = items->len;
      n_edges = 0;
      for (guint i = 0; i < items->len; i++)
        n_edges += gw_item_get_depends_on (g_ptr_array_index (items, i))->len;
    }

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cr = cairo_create (surface);

  printf ("{\"register\": \"%s\", \"items\": %u, \"dependencies\": %u, \"rows\": %u, \"frame\": \"%dx%d\", ",
          argv[1], n_items, n_edges, gw_gantt_chart_get_n_rows (chart), WIDTH, HEIGHT);
  if (!callgrind)
    {
      printf ("\"recompute\": {");
      print_times ("read", t_read, FALSE);
      print_times ("snapshot", t_snapshot, FALSE);
      print_times ("schedule", t_compute, FALSE);
      print_times ("chart", t_chart, FALSE);
      print_times ("rows", t_rows, TRUE);
      printf ("}, ");
    }

  printf ("\"frames\": {");
  for (guint z = 0; z < GW_GANTT_N_ZOOMS; z++)
    {
      g_autoptr(GArray) jump = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) scroll = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) still = g_array_new (FALSE, FALSE, sizeof (double));
      guint64 bars = 0, arrows = 0, laid_out = 0;

      gw_gantt_chart_set_zoom (chart, z);
      /* One frame first, so that the fonts are loaded. */
      scroll_to (chart, 0.5, 0);
      gw_gantt_chart_draw (chart, cr, gw_render_palette_light ());

      for (guint f = 0; f < frames; f++)
        {
          double t;

          scroll_to (chart, 0.25 + 0.5 * f / MAX (frames, 1), 0);
          t = now_ms ();
          gw_gantt_chart_draw (chart, cr, gw_render_palette_light ());
          t = now_ms () - t;
          g_array_append_val (jump, t);
          bars += gw_gantt_chart_get_stats (chart)->bars;
          arrows += gw_gantt_chart_get_stats (chart)->arrows;
          laid_out += gw_gantt_chart_get_stats (chart)->laid_out;
        }
      for (guint f = 0; f < frames; f++)
        {
          double t;

          scroll_to (chart, 0.3 + 0.1 * (f * 5 / MAX (frames, 1)), 40.0 * (f % MAX (frames / 5, 1)));
          t = now_ms ();
          gw_gantt_chart_draw (chart, cr, gw_render_palette_light ());
          t = now_ms () - t;
          g_array_append_val (scroll, t);
        }
      scroll_to (chart, 0.6, 0);
      for (guint f = 0; f < frames; f++)
        {
          double t = now_ms ();

          gw_gantt_chart_draw (chart, cr, gw_render_palette_light ());
          t = now_ms () - t;
          g_array_append_val (still, t);
        }

      printf ("\"%s\": {\"bars_per_frame\": %.1f, \"arrows_per_frame\": %.1f, \"rows_laid_out\": %.1f, ",
              gw_gantt_zoom_to_string (z), (double) bars / frames, (double) arrows / frames, (double) laid_out / frames);
      print_times ("jump", jump, FALSE);
      print_times ("scroll", scroll, FALSE);
      print_times ("still", still, TRUE);
      printf ("}%s", z + 1 < GW_GANTT_N_ZOOMS ? ", " : "");
    }
  printf ("}}\n");

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return 0;
}
