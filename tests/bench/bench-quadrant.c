/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Times the quadrant chart the way the Quadrant view uses it: laying out
 * and drawing N items at 1920 x 1080 on an image surface, and placing 500
 * labels. Prints medians over repeated runs, in milliseconds.
 *
 *   bench-quadrant [N_ITEMS] [RUNS]      (defaults 10000 and 21) */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "gw-quadrant.h"

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (double *v,
        int     n)
{
  qsort (v, n, sizeof *v, compare_doubles);
  return v[n / 2];
}

/* Items as registers have them: log-normal efforts around 10 h, impacts
 * clustered high, priorities 10/30/40/20 %. */
static GPtrArray *
make_items (guint n)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      double p = g_rand_double (rand);
      const char *priority = p < 0.1 ? "P0" : p < 0.4 ? "P1" : p < 0.8 ? "P2" : "P3";
      g_autofree char *key = g_strdup_printf ("%s-%05u", priority, i + 1);
      GwItem *item = gw_item_new (key, key);
      g_autofree char *effort = g_strdup_printf ("%.1f", CLAMP (exp (log (10) + 0.7 * g_rand_double_range (rand, -2, 2)), 2, 80));
      g_autofree char *impact = g_strdup_printf ("%d", g_rand_int_range (rand, 0, 101));

      gw_item_set_id (item, i + 1);
      gw_item_set_field_text (item, GW_FIELD_PRIORITY, priority, NULL, NULL);
      gw_item_set_field_text (item, GW_FIELD_EFFORT_HOURS, effort, NULL, NULL);
      gw_item_set_field_text (item, GW_FIELD_IMPACT, impact, NULL, NULL);
      g_ptr_array_add (items, item);
    }
  return items;
}

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 ? (guint) atoi (argv[1]) : 10000;
  int runs = argc > 2 ? atoi (argv[2]) : 21;
  g_autoptr(GPtrArray) items = make_items (n);
  g_autoptr(GPtrArray) five_hundred = make_items (500);
  const GwRenderPalette *palette = gw_render_palette_light ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1920, 1080);
  cairo_t *cr = cairo_create (surface);
  g_autofree double *layout_ms = g_new (double, runs);
  g_autofree double *draw_ms = g_new (double, runs);
  g_autofree double *labels_ms = g_new (double, runs);
  GwQuadrantOptions options;

  gw_quadrant_options_init (&options);
  options.log_effort = TRUE;

  for (int r = -1; r < runs; r++)   /* run -1 warms up fonts and caches */
    {
      g_autoptr(GwQuadrantChart) chart = gw_quadrant_chart_new (items, &options);
      g_autoptr(GwQuadrantChart) small = gw_quadrant_chart_new (five_hundred, &options);
      gint64 t0, t1, t2, t3, t4;

      t0 = g_get_monotonic_time ();
      gw_quadrant_chart_layout (chart, cr, palette, 1920, 1080);
      t1 = g_get_monotonic_time ();
      gw_quadrant_chart_draw (chart, cr, palette);
      cairo_surface_flush (surface);
      t2 = g_get_monotonic_time ();
      /* 500 items: every label is tried, as on a real chart. */
      t3 = g_get_monotonic_time ();
      gw_quadrant_chart_layout (small, cr, palette, 1920, 1080);
      t4 = g_get_monotonic_time ();
      if (r >= 0)
        {
          layout_ms[r] = (t1 - t0) / 1000.0;
          draw_ms[r] = (t2 - t1) / 1000.0;
          labels_ms[r] = (t4 - t3) / 1000.0;
        }
    }

  printf ("{\"items\": %u, \"runs\": %d, \"layout_ms\": %.2f, \"draw_ms\": %.2f, "
          "\"layout_500_labels_ms\": %.2f}\n",
          n, runs, median (layout_ms, runs), median (draw_ms, runs), median (labels_ms, runs));
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return 0;
}
