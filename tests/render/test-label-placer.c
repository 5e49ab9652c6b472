/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>

#include "gw-label-placer.h"

static void
check_invariants (const GwCircle         *markers,
                  guint                   n,
                  const GwRect           *bounds,
                  const GwLabelPlacement *out,
                  guint                  *placed)
{
  *placed = 0;
  for (guint i = 0; i < n; i++)
    {
      if (!out[i].placed)
        continue;
      (*placed)++;
      g_assert_cmpfloat (out[i].box.x, >=, bounds->x);
      g_assert_cmpfloat (out[i].box.y, >=, bounds->y);
      g_assert_cmpfloat (out[i].box.x + out[i].box.w, <=, bounds->x + bounds->w);
      g_assert_cmpfloat (out[i].box.y + out[i].box.h, <=, bounds->y + bounds->h);
      for (guint j = 0; j < n; j++)
        {
          g_assert_false (gw_rect_hits_circle (&out[i].box, &markers[j]));
          if (j != i && out[j].placed)
            g_assert_false (gw_rects_overlap (&out[i].box, &out[j].box));
        }
    }
}

/* 300 items, clustered as real registers are (many small efforts with
 * high impact), on a chart of 1200 x 700. */
static void
test_three_hundred_items (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (300);
  const guint n = 300;
  GwRect bounds = { 0, 0, 1200, 700 };
  g_autofree GwCircle *markers = g_new (GwCircle, n);
  g_autofree double *w = g_new (double, n);
  g_autofree double *h = g_new (double, n);
  g_autofree GwLabelPlacement *out = g_new0 (GwLabelPlacement, n);
  guint placed, leaders = 0;

  for (guint i = 0; i < n; i++)
    {
      double effort = exp (g_rand_double_range (rand, log (2), log (80)));
      double impact = CLAMP (g_rand_double_range (rand, 0, 1) < 0.6 ? g_rand_double_range (rand, 60, 100)
                                                                    : g_rand_double_range (rand, 0, 100), 0, 100);

      markers[i].x = 40 + (log (effort) - log (2)) / (log (80) - log (2)) * 1120;
      markers[i].y = 20 + (100 - impact) / 100 * 660;
      markers[i].r = g_rand_double_range (rand, 4, 9);
      w[i] = 46;   /* "P1-027" at 11 px */
      h[i] = 14;
    }

  gw_place_labels (markers, n, w, h, NULL, n, NULL, 0, &bounds, out);
  check_invariants (markers, n, &bounds, out, &placed);
  for (guint i = 0; i < n; i++)
    leaders += out[i].leader;
  g_test_message ("%u of %u labels placed, %u with leader lines", placed, n, leaders);
  g_assert_cmpuint (placed, >=, n * 95 / 100);
  g_assert_cmpuint (leaders, >, 0);
}

static void
test_free_spot_first (void)
{
  GwCircle markers[] = { { 100, 100, 5 } };
  double w[] = { 40 }, h[] = { 12 };
  GwRect bounds = { 0, 0, 400, 400 };
  GwLabelPlacement out[1];

  gw_place_labels (markers, 1, w, h, NULL, 1, NULL, 0, &bounds, out);
  g_assert_true (out[0].placed);
  g_assert_false (out[0].leader);
  /* To the right of the marker, vertically centred. */
  g_assert_cmpfloat (out[0].box.x, >, 105);
  g_assert_cmpfloat (out[0].box.x, <, 110);
  g_assert_cmpfloat (out[0].box.y + 6, ==, 100);
}

static void
test_crowded_marker_gets_leader (void)
{
  /* A marker boxed in by neighbours on every side. */
  GwCircle markers[9];
  double w[9], h[9];
  guint order[9] = { 1, 2, 3, 4, 5, 6, 7, 8, 0 };
  GwRect bounds = { 0, 0, 600, 600 };
  GwLabelPlacement out[9];
  guint n = 0, placed;

  for (int dy = -1; dy <= 1; dy++)
    for (int dx = -1; dx <= 1; dx++)
      {
        guint i = (dx == 0 && dy == 0) ? 0 : ++n;

        markers[i] = (GwCircle) { 300 + dx * 14, 300 + dy * 14, 5 };
        w[i] = 40;
        h[i] = 12;
      }
  gw_place_labels (markers, 9, w, h, order, 9, NULL, 0, &bounds, out);
  check_invariants (markers, 9, &bounds, out, &placed);
  g_assert_cmpuint (placed, ==, 9);
  g_assert_true (out[0].leader);
}

static void
test_obstacles_and_limit (void)
{
  GwCircle markers[] = { { 100, 100, 5 }, { 300, 300, 5 } };
  double w[] = { 40, 40 }, h[] = { 12, 12 };
  /* A title right where the first label would go. */
  GwRect title = { 106, 90, 60, 20 };
  GwRect bounds = { 0, 0, 400, 400 };
  GwLabelPlacement out[2];

  gw_place_labels (markers, 2, w, h, NULL, 1, &title, 1, &bounds, out);
  g_assert_true (out[0].placed);
  g_assert_false (gw_rects_overlap (&out[0].box, &title));
  /* Only one label was asked for. */
  g_assert_false (out[1].placed);
}

static void
test_no_room (void)
{
  GwCircle markers[] = { { 10, 10, 5 } };
  double w[] = { 400 }, h[] = { 12 };
  GwRect bounds = { 0, 0, 100, 100 };
  GwLabelPlacement out[1];

  gw_place_labels (markers, 1, w, h, NULL, 1, NULL, 0, &bounds, out);
  g_assert_false (out[0].placed);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/label-placer/three-hundred-items", test_three_hundred_items);
  g_test_add_func ("/label-placer/free-spot-first", test_free_spot_first);
  g_test_add_func ("/label-placer/crowded-marker-gets-leader", test_crowded_marker_gets_leader);
  g_test_add_func ("/label-placer/obstacles-and-limit", test_obstacles_and_limit);
  g_test_add_func ("/label-placer/no-room", test_no_room);

  return g_test_run ();
}
