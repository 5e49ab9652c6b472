/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <string.h>

#include "gw-graph-layout.h"

#define EPS 1e-6
#define STABLE_LIMIT 5      /* nodes that may change layer or order in an incremental layout */

/* Random DAGs like a register's: mostly edges from recent items (chains),
 * some from anywhere earlier; node sizes vary (their heights too unless
 * @height is given).  Several classes of nodes are never joined. */
static GwGraphLayout *
random_dag (guint32  seed,
            guint    n,
            guint    components,
            double   height,
            GArray  *tails,
            GArray  *heads)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  GwGraphLayout *layout = gw_graph_layout_new ();

  for (guint i = 0; i < n; i++)
    {
      double w = g_rand_int_range (rand, 60, 181), h = g_rand_int_range (rand, 30, 61);

      gw_graph_layout_add_node (layout, w, height > 0 ? height : h, -1);
    }
  /* Node i is in class i % components; it depends on 0 to 3 earlier
   * nodes of its class, mostly recent ones. */
  for (guint i = components; i < n; i++)
    {
      guint deps = g_rand_int_range (rand, 0, 4), earlier = i / components;

      for (guint d = 0; d < deps; d++)
        {
          gboolean anywhere = g_rand_int_range (rand, 0, 10) == 0;
          guint back = (guint) g_rand_int_range (rand, 1, anywhere ? (gint32) earlier + 1 : 13);
          guint j = i - MIN (back, earlier) * components;

          gw_graph_layout_add_edge (layout, j, i);
          if (tails != NULL)
            {
              g_array_append_val (tails, j);
              g_array_append_val (heads, i);
            }
        }
    }
  return layout;
}

typedef struct
{
  double lo, hi;
  gboolean real;
} Span;

static int
compare_span (const void *a,
              const void *b)
{
  const Span *x = a, *y = b;

  return (x->lo > y->lo) - (x->lo < y->lo);
}

/* Everything that must hold of any layout: edges forward in layer order,
 * nodes apart, long edges through every layer between their ends, curves
 * from tail to head. */
static void
check_invariants (GwGraphLayout *layout,
                  const guint   *tails,
                  const guint   *heads,
                  gboolean       lr,
                  double         node_sep)
{
  guint n = gw_graph_layout_get_n_nodes (layout), m = gw_graph_layout_get_n_edges (layout);
  guint n_layers = gw_graph_layout_get_n_layers (layout);
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (Span));
  g_autofree GwGraphNodePlace *places = g_new (GwGraphNodePlace, n + 1);

  for (guint v = 0; v < n; v++)
    {
      gw_graph_layout_get_node (layout, v, &places[v]);
      g_assert_cmpint (places[v].layer, >=, 0);
      g_assert_cmpint (places[v].layer, <, (int) n_layers);
      /* A node sits on its layer's line. */
      g_assert_cmpfloat_with_epsilon (lr ? places[v].x : places[v].y,
                                      gw_graph_layout_get_layer_position (layout, places[v].layer), EPS);
    }

  for (guint e = 0; e < m; e++)
    {
      int lt = places[tails[e]].layer, lh = places[heads[e]].layer;
      guint n_chain, n_points;
      const GwGraphPoint *chain = gw_graph_layout_get_edge_chain (layout, e, &n_chain);
      const GwGraphPoint *points = gw_graph_layout_get_edge_points (layout, e, &n_points);
      int step;

      if (tails[e] == heads[e])
        continue;
      if (gw_graph_layout_edge_is_reversed (layout, e))
        g_assert_cmpint (lt, >, lh);
      else
        g_assert_cmpint (lt, <, lh);

      /* One chain point per layer from tail to head, on each layer's line. */
      g_assert_cmpuint (n_chain, ==, (guint) abs (lh - lt) + 1);
      step = lh > lt ? 1 : -1;
      for (guint i = 0; i < n_chain; i++)
        {
          double across = lr ? chain[i].x : chain[i].y;

          g_assert_cmpfloat_with_epsilon (across, gw_graph_layout_get_layer_position (layout, (guint) (lt + step * (int) i)), EPS);
        }
      g_assert_cmpfloat_with_epsilon (chain[0].x, places[tails[e]].x, EPS);
      g_assert_cmpfloat_with_epsilon (chain[0].y, places[tails[e]].y, EPS);
      g_assert_cmpfloat_with_epsilon (chain[n_chain - 1].x, places[heads[e]].x, EPS);
      g_assert_cmpfloat_with_epsilon (chain[n_chain - 1].y, places[heads[e]].y, EPS);

      /* The curve: cubic pieces from the tail's box to the head's. */
      g_assert_cmpuint (n_points, >=, 4);
      g_assert_cmpuint ((n_points - 1) % 3, ==, 0);
      g_assert_cmpfloat (fabs (points[0].x - places[tails[e]].x), <=, places[tails[e]].width / 2 + EPS);
      g_assert_cmpfloat (fabs (points[0].y - places[tails[e]].y), <=, places[tails[e]].height / 2 + EPS);
      g_assert_cmpfloat (fabs (points[n_points - 1].x - places[heads[e]].x), <=, places[heads[e]].width / 2 + EPS);
      g_assert_cmpfloat (fabs (points[n_points - 1].y - places[heads[e]].y), <=, places[heads[e]].height / 2 + EPS);

      /* Virtual nodes take room in their layer like the others. */
      for (guint i = 1; i + 1 < n_chain; i++)
        {
          Span s = { lr ? chain[i].y : chain[i].x, lr ? chain[i].y : chain[i].x, FALSE };

          s.lo += (double) (lt + step * (int) i) * 1e7;
          s.hi += (double) (lt + step * (int) i) * 1e7;
          g_array_append_val (spans, s);
        }
    }

  /* No overlaps: within each layer, boxes at least node_sep apart and no
   * edge through a box.  Layers are kept apart by an offset of 1e7. */
  for (guint v = 0; v < n; v++)
    {
      double along = lr ? places[v].y : places[v].x, half = (lr ? places[v].height : places[v].width) / 2;
      Span s = { along - half + places[v].layer * 1e7, along + half + places[v].layer * 1e7, TRUE };

      g_array_append_val (spans, s);
    }
  g_array_sort (spans, compare_span);
  for (guint i = 1; i < spans->len; i++)
    {
      const Span *a = &g_array_index (spans, Span, i - 1), *b = &g_array_index (spans, Span, i);

      if (a->real && b->real)
        g_assert_cmpfloat (b->lo - a->hi, >=, node_sep - EPS);
      else
        g_assert_cmpfloat (b->lo, >, a->hi);
    }
}

/* Tests */

static void
test_random_dags (void)
{
  static const guint sizes[] = { 50, 120, 250, 500 };

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (guint32 seed = 1; seed <= 3; seed++)
      {
        g_autoptr(GArray) tails = g_array_new (FALSE, FALSE, sizeof (guint));
        g_autoptr(GArray) heads = g_array_new (FALSE, FALSE, sizeof (guint));
        g_autoptr(GwGraphLayout) layout = random_dag (seed * 7919 + sizes[s], sizes[s], 1 + seed % 3, 0, tails, heads);
        GwGraphLayoutOptions options;

        gw_graph_layout_options_init (&options);
        gw_graph_layout_run (layout, &options);
        g_assert_cmpuint (gw_graph_layout_get_n_reversed (layout), ==, 0);
        check_invariants (layout, (guint *) (void *) tails->data, (guint *) (void *) heads->data, FALSE, options.node_sep);
      }
}

static void
test_left_to_right (void)
{
  g_autoptr(GArray) tails = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) heads = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GwGraphLayout) layout = random_dag (42, 200, 2, 0, tails, heads);
  GwGraphLayoutOptions options;
  double width, height;

  gw_graph_layout_options_init (&options);
  options.direction = GW_GRAPH_LEFT_TO_RIGHT;
  gw_graph_layout_run (layout, &options);
  check_invariants (layout, (guint *) (void *) tails->data, (guint *) (void *) heads->data, TRUE, options.node_sep);

  /* Everything inside the reported size. */
  gw_graph_layout_get_size (layout, &width, &height);
  for (guint v = 0; v < gw_graph_layout_get_n_nodes (layout); v++)
    {
      GwGraphNodePlace p;

      gw_graph_layout_get_node (layout, v, &p);
      g_assert_cmpfloat (p.x - p.width / 2, >=, -EPS);
      g_assert_cmpfloat (p.x + p.width / 2, <=, width + EPS);
      g_assert_cmpfloat (p.y - p.height / 2, >=, -EPS);
      g_assert_cmpfloat (p.y + p.height / 2, <=, height + EPS);
    }
}

static void
test_deterministic (void)
{
  g_autoptr(GwGraphLayout) a = random_dag (2024, 300, 2, 0, NULL, NULL);
  g_autoptr(GwGraphLayout) b = random_dag (2024, 300, 2, 0, NULL, NULL);
  g_autofree char *plain_a = NULL;
  g_autofree char *plain_b = NULL;
  g_autofree const char **names = g_new0 (const char *, 301);

  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *name = g_strdup_printf ("n%u", i);

      names[i] = g_intern_string (name);
    }
  gw_graph_layout_run (a, NULL);
  gw_graph_layout_run (b, NULL);
  plain_a = gw_graph_layout_to_plain (a, names);
  plain_b = gw_graph_layout_to_plain (b, names);
  g_assert_cmpstr (plain_a, ==, plain_b);

  /* Running again on the same object gives the same too. */
  gw_graph_layout_run (a, NULL);
  g_clear_pointer (&plain_a, g_free);
  plain_a = gw_graph_layout_to_plain (a, names);
  g_assert_cmpstr (plain_a, ==, plain_b);
}

/* A component with more than 400 000 nodes, virtual ones included, is
 * laid out with bounded effort (LARGE_NODES): a chain of 600 nodes and
 * 1000 nodes that each hang from one of its first 50 and lead to its last
 * make about 570 000 virtual nodes from few real ones. */
static void
test_large_component (void)
{
  g_autoptr(GArray) tails = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) heads = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GwGraphLayout) layout = gw_graph_layout_new ();
  GwGraphLayoutOptions options;
  const guint chain = 600, hanging = 1000;

  for (guint i = 0; i < chain + hanging; i++)
    gw_graph_layout_add_node (layout, 60 + i % 7 * 20, 30, -1);
  for (guint i = 0; i + 1 < chain; i++)
    {
      guint t = i, h = i + 1;

      gw_graph_layout_add_edge (layout, t, h);
      g_array_append_val (tails, t);
      g_array_append_val (heads, h);
    }
  for (guint k = 0; k < hanging; k++)
    {
      guint t = k % 50, v = chain + k, h = chain - 1;

      gw_graph_layout_add_edge (layout, t, v);
      g_array_append_val (tails, t);
      g_array_append_val (heads, v);
      gw_graph_layout_add_edge (layout, v, h);
      g_array_append_val (tails, v);
      g_array_append_val (heads, h);
    }

  gw_graph_layout_options_init (&options);
  gw_graph_layout_run (layout, &options);
  g_assert_cmpuint (gw_graph_layout_get_n_virtual (layout), >, 400000);
  g_assert_cmpuint (gw_graph_layout_get_n_reversed (layout), ==, 0);
  check_invariants (layout, (guint *) (void *) tails->data, (guint *) (void *) heads->data, FALSE, options.node_sep);
}

static guint
find_root (guint *parent,
           guint  v)
{
  while (parent[v] != v)
    v = parent[v] = parent[parent[v]];
  return v;
}

static void
test_stable_under_edit (void)
{
  const guint n = 240;
  g_autoptr(GArray) tails = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) heads = g_array_new (FALSE, FALSE, sizeof (guint));
  /* Nodes of one height, as the renderer draws them: components share
   * the layers' lines, and a taller node in one would move the others. */
  g_autoptr(GwGraphLayout) before = random_dag (77, n, 4, 48, tails, heads);
  g_autoptr(GwGraphLayout) after = random_dag (77, n, 4, 48, NULL, NULL);
  g_autofree guint *parent = g_new (guint, n);
  g_autofree guint *first = g_new (guint, n);
  g_autofree guint *size = g_new0 (guint, n);
  guint edited = 0, moved_other = 0, moved_edited = 0, n_edited = 0, n_other = 0;
  guint tail = G_MAXUINT, head = G_MAXUINT, seen = 0;

  for (guint v = 0; v < n; v++)
    parent[v] = v;
  for (guint e = 0; e < tails->len; e++)
    parent[find_root (parent, g_array_index (tails, guint, e))] = find_root (parent, g_array_index (heads, guint, e));
  /* One more dependency in the largest component, from its 10th node to
   * its 30th. */
  for (guint v = 0; v < n; v++)
    size[find_root (parent, v)]++;
  for (guint v = 0; v < n; v++)
    if (size[v] > size[edited])
      edited = v;
  g_assert_cmpuint (size[edited], >=, 40);
  for (guint v = 0; v < n; v++)
    if (find_root (parent, v) == edited)
      {
        if (seen == 10)
          tail = v;
        if (seen == 30)
          head = v;
        seen++;
      }
  gw_graph_layout_add_edge (after, tail, head);
  gw_graph_layout_run (before, NULL);
  gw_graph_layout_run (after, NULL);

  /* Positions relative to the first node of each component. */
  for (guint v = n; v-- > 0;)
    first[find_root (parent, v)] = v;
  for (guint v = 0; v < n; v++)
    {
      GwGraphNodePlace b, a, b0, a0;
      gboolean moved;

      gw_graph_layout_get_node (before, v, &b);
      gw_graph_layout_get_node (after, v, &a);
      gw_graph_layout_get_node (before, first[find_root (parent, v)], &b0);
      gw_graph_layout_get_node (after, first[find_root (parent, v)], &a0);
      moved = fabs ((a.x - a0.x) - (b.x - b0.x)) > EPS || fabs ((a.y - a0.y) - (b.y - b0.y)) > EPS;
      if (find_root (parent, v) == edited)
        {
          n_edited++;
          moved_edited += moved;
        }
      else
        {
          n_other++;
          moved_other += moved;
        }
    }
  g_test_message ("nodes moved: %u of %u in the edited component, %u of %u elsewhere",
                  moved_edited, n_edited, moved_other, n_other);
  /* The other components keep their shapes exactly. */
  g_assert_cmpuint (n_other, >, 0);
  g_assert_cmpuint (moved_other, ==, 0);
  /* Laid out afresh, the edited component may change much (the search
   * for few crossings starts over); with the old places as hints, little
   * does: count the nodes whose layer or place in it changed, and how far
   * nodes moved. */
  g_assert_cmpuint (moved_edited, >, 0);
  for (guint edit = 0; edit < 2; edit++)
    {
      /* Edit 0 adds the dependency above, edit 1 removes one. */
      g_autoptr(GwGraphLayout) kept = gw_graph_layout_new ();
      g_autoptr(GArray) kt = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autoptr(GArray) kh = g_array_new (FALSE, FALSE, sizeof (guint));
      guint reordered = 0, dropped = tails->len / 2;
      double furthest = 0, furthest_other = 0;
      GwGraphLayoutOptions options;

      for (guint v = 0; v < n; v++)
        {
          GwGraphNodePlace b;

          gw_graph_layout_get_node (before, v, &b);
          gw_graph_layout_add_node (kept, b.width, b.height, -1);
          gw_graph_layout_set_hint (kept, v, b.layer, b.x);
        }
      for (guint e = 0; e < tails->len; e++)
        if (edit == 0 || e != dropped)
          {
            gw_graph_layout_add_edge (kept, g_array_index (tails, guint, e), g_array_index (heads, guint, e));
            g_array_append_val (kt, g_array_index (tails, guint, e));
            g_array_append_val (kh, g_array_index (heads, guint, e));
          }
      if (edit == 0)
        {
          gw_graph_layout_add_edge (kept, tail, head);
          g_array_append_val (kt, tail);
          g_array_append_val (kh, head);
        }
      gw_graph_layout_options_init (&options);
      gw_graph_layout_run (kept, &options);
      check_invariants (kept, (guint *) (void *) kt->data, (guint *) (void *) kh->data, FALSE, options.node_sep);

      for (guint v = 0; v < n; v++)
        {
          GwGraphNodePlace b, a;
          guint rank_b = 0, rank_a = 0;
          guint touched = edit == 0 ? edited : find_root (parent, g_array_index (tails, guint, dropped));

          gw_graph_layout_get_node (before, v, &b);
          gw_graph_layout_get_node (kept, v, &a);
          for (guint u = 0; u < n; u++)
            {
              GwGraphNodePlace ub, ua;

              gw_graph_layout_get_node (before, u, &ub);
              gw_graph_layout_get_node (kept, u, &ua);
              rank_b += ub.layer == b.layer && ub.x < b.x;
              rank_a += ua.layer == a.layer && ua.x < a.x;
            }
          reordered += a.layer != b.layer || rank_a != rank_b;
          if (find_root (parent, v) == touched)
            furthest = MAX (furthest, fabs (a.x - b.x));
          else
            furthest_other = MAX (furthest_other, fabs (a.x - b.x));
        }
      g_test_message ("with hints, after %s an edge: %u of %u nodes changed layer or order; moved at most "
                      "%.1f (edited component), %.1f (others)", edit == 0 ? "adding" : "removing",
                      reordered, n, furthest, furthest_other);
      g_assert_cmpuint (reordered, <=, STABLE_LIMIT);
      g_assert_cmpfloat (furthest_other, <, 0.5);
    }
}

/* Two layers, complete bipartite: every order crosses C(a,2)·C(b,2) times. */
static guint64
bipartite_crossings (guint a,
                     guint b,
                     gboolean complete)
{
  g_autoptr(GwGraphLayout) layout = gw_graph_layout_new ();

  for (guint i = 0; i < a + b; i++)
    gw_graph_layout_add_node (layout, 80, 40, -1);
  for (guint i = 0; i < a; i++)
    for (guint j = 0; j < b; j++)
      if (complete || i == b - 1 - j)
        gw_graph_layout_add_edge (layout, i, a + j);
  gw_graph_layout_run (layout, NULL);
  return gw_graph_layout_get_crossings (layout);
}

/* Edges as the polylines through their chain points; proper crossings. */
static guint
geometric_crossings (GwGraphLayout *layout)
{
  guint m = gw_graph_layout_get_n_edges (layout), count = 0;

  for (guint e = 0; e < m; e++)
    for (guint f = e + 1; f < m; f++)
      {
        guint ne, nf;
        const GwGraphPoint *pe = gw_graph_layout_get_edge_chain (layout, e, &ne);
        const GwGraphPoint *pf = gw_graph_layout_get_edge_chain (layout, f, &nf);

        for (guint i = 0; i + 1 < ne; i++)
          for (guint j = 0; j + 1 < nf; j++)
            {
              const GwGraphPoint *a = &pe[i], *b = &pe[i + 1], *c = &pf[j], *d = &pf[j + 1];
              double o1 = (b->x - a->x) * (c->y - a->y) - (b->y - a->y) * (c->x - a->x);
              double o2 = (b->x - a->x) * (d->y - a->y) - (b->y - a->y) * (d->x - a->x);
              double o3 = (d->x - c->x) * (a->y - c->y) - (d->y - c->y) * (a->x - c->x);
              double o4 = (d->x - c->x) * (b->y - c->y) - (d->y - c->y) * (b->x - c->x);

              if (o1 * o2 < -EPS && o3 * o4 < -EPS)
                count++;
            }
      }
  return count;
}

static void
test_crossings_small (void)
{
  /* Inserted crossed, drawable without: no crossing. */
  g_assert_cmpuint (bipartite_crossings (3, 3, FALSE), ==, 0);
  /* K2,2 and K3,3 on two layers: 1 and 9, whatever the order. */
  g_assert_cmpuint (bipartite_crossings (2, 2, TRUE), ==, 1);
  g_assert_cmpuint (bipartite_crossings (3, 3, TRUE), ==, 9);

  /* A tree of 40 nodes, inserted breadth first in a shuffled order, and
   * a series-parallel graph: drawn without a crossing, in the count and
   * in the geometry. */
  {
    g_autoptr(GwGraphLayout) tree = gw_graph_layout_new ();
    g_autoptr(GRand) rand = g_rand_new_with_seed (5);

    for (guint i = 0; i < 40; i++)
      gw_graph_layout_add_node (tree, 100, 40, -1);
    for (guint i = 1; i < 40; i++)
      gw_graph_layout_add_edge (tree, g_rand_int_range (rand, 0, i), i);
    gw_graph_layout_run (tree, NULL);
    g_assert_cmpuint (gw_graph_layout_get_crossings (tree), ==, 0);
    g_assert_cmpuint (geometric_crossings (tree), ==, 0);
  }
  {
    /* a -> b -> d, a -> c -> d, a -> d, with c inserted before b. */
    g_autoptr(GwGraphLayout) sp = gw_graph_layout_new ();

    for (guint i = 0; i < 4; i++)
      gw_graph_layout_add_node (sp, 100, 40, -1);
    gw_graph_layout_add_edge (sp, 0, 2);
    gw_graph_layout_add_edge (sp, 0, 1);
    gw_graph_layout_add_edge (sp, 2, 3);
    gw_graph_layout_add_edge (sp, 1, 3);
    gw_graph_layout_add_edge (sp, 0, 3);
    gw_graph_layout_run (sp, NULL);
    g_assert_cmpuint (gw_graph_layout_get_crossings (sp), ==, 0);
    g_assert_cmpuint (geometric_crossings (sp), ==, 0);
  }
}

static void
test_cycle (void)
{
  g_autoptr(GwGraphLayout) layout = gw_graph_layout_new ();
  g_autofree guint *tails = NULL;
  g_autofree guint *heads = NULL;
  guint back, loop, n;
  const GwGraphPoint *points;
  GwGraphLayoutOptions options;

  for (guint i = 0; i < 5; i++)
    gw_graph_layout_add_node (layout, 100, 40, -1);
  gw_graph_layout_add_edge (layout, 0, 1);
  gw_graph_layout_add_edge (layout, 1, 2);
  back = gw_graph_layout_add_edge (layout, 2, 0);   /* closes 0 -> 1 -> 2 -> 0 */
  gw_graph_layout_add_edge (layout, 2, 3);
  gw_graph_layout_add_edge (layout, 3, 4);
  loop = gw_graph_layout_add_edge (layout, 4, 4);
  gw_graph_layout_options_init (&options);
  gw_graph_layout_run (layout, &options);

  /* One edge turned round, reported; the rest runs forward. */
  g_assert_cmpuint (gw_graph_layout_get_n_reversed (layout), ==, 1);
  g_assert_true (gw_graph_layout_edge_is_reversed (layout, back));
  g_assert_false (gw_graph_layout_edge_is_reversed (layout, loop));
  tails = g_new (guint, 6);
  heads = g_new (guint, 6);
  for (guint e = 0; e < 6; e++)
    {
      static const guint t[] = { 0, 1, 2, 2, 3, 4 }, h[] = { 1, 2, 0, 3, 4, 4 };

      tails[e] = t[e];
      heads[e] = h[e];
    }
  check_invariants (layout, tails, heads, FALSE, options.node_sep);

  /* The reversed edge still runs from its own tail (node 2) to node 0. */
  {
    GwGraphNodePlace p2, p0;

    gw_graph_layout_get_node (layout, 2, &p2);
    gw_graph_layout_get_node (layout, 0, &p0);
    points = gw_graph_layout_get_edge_points (layout, back, &n);
    g_assert_cmpfloat (fabs (points[0].y - p2.y), <=, p2.height / 2 + EPS);
    g_assert_cmpfloat (fabs (points[n - 1].y - p0.y), <=, p0.height / 2 + EPS);
  }
  /* The self-loop is a curve out of its node and back. */
  points = gw_graph_layout_get_edge_points (layout, loop, &n);
  g_assert_cmpuint (n, ==, 4);
}

static void
test_bands (void)
{
  g_autoptr(GwGraphLayout) layout = gw_graph_layout_new ();
  GwGraphLayoutOptions options;
  static const int groups[] = { 0, 0, 1, 1, 2, 2, -1, 0 };
  double start[4], end[4];
  guint against;

  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    gw_graph_layout_add_node (layout, 100, 40, groups[i]);
  gw_graph_layout_add_edge (layout, 0, 1);
  gw_graph_layout_add_edge (layout, 1, 2);
  gw_graph_layout_add_edge (layout, 0, 4);
  gw_graph_layout_add_edge (layout, 2, 6);
  against = gw_graph_layout_add_edge (layout, 5, 7);   /* from band 2 back to band 0 */
  gw_graph_layout_options_init (&options);
  options.bands = TRUE;
  gw_graph_layout_run (layout, &options);

  for (int g = -1; g < 3; g++)
    {
      g_assert_true (gw_graph_layout_get_group_extent (layout, g, &start[g + 1], &end[g + 1]));
      g_assert_cmpfloat (start[g + 1], <, end[g + 1]);
    }
  g_assert_false (gw_graph_layout_get_group_extent (layout, 7, NULL, NULL));
  /* Bands follow the groups' order, the ungrouped last, without overlap. */
  g_assert_cmpfloat (end[1], <=, start[2] + EPS);
  g_assert_cmpfloat (end[2], <=, start[3] + EPS);
  g_assert_cmpfloat (end[3], <=, start[0] + EPS);
  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    {
      GwGraphNodePlace p;
      int b = groups[i] + 1;

      gw_graph_layout_get_node (layout, i, &p);
      g_assert_cmpfloat (p.y, >, start[b]);
      g_assert_cmpfloat (p.y, <, end[b]);
    }
  g_assert_true (gw_graph_layout_edge_is_reversed (layout, against));
  g_assert_cmpuint (gw_graph_layout_get_n_reversed (layout), ==, 1);

  /* Without bands there are none. */
  options.bands = FALSE;
  gw_graph_layout_run (layout, &options);
  g_assert_false (gw_graph_layout_get_group_extent (layout, 0, NULL, NULL));
  g_assert_cmpuint (gw_graph_layout_get_n_reversed (layout), ==, 0);
}

static void
test_plain (void)
{
  g_autoptr(GwGraphLayout) layout = gw_graph_layout_new ();
  const char *names[] = { "P0-001", "Gap 1.1", "abc_9", "say \"hi\"", "12.5", "node" };
  g_autofree char *plain = NULL;
  g_auto(GStrv) lines = NULL;
  GwGraphNodePlace top;
  double width, height;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    gw_graph_layout_add_node (layout, 144, 36, -1);
  gw_graph_layout_add_edge (layout, 0, 1);
  gw_graph_layout_add_edge (layout, 1, 2);
  gw_graph_layout_add_edge (layout, 0, 3);
  gw_graph_layout_add_edge (layout, 3, 4);
  gw_graph_layout_add_edge (layout, 2, 5);
  gw_graph_layout_run (layout, NULL);
  plain = gw_graph_layout_to_plain (layout, names);
  lines = g_strsplit (plain, "\n", -1);

  /* graph scale width height, in inches. */
  gw_graph_layout_get_size (layout, &width, &height);
  g_assert_true (g_str_has_prefix (lines[0], "graph 1 "));
  {
    g_auto(GStrv) f = g_strsplit (lines[0], " ", -1);

    g_assert_cmpfloat_with_epsilon (g_ascii_strtod (f[2], NULL), width / 72, 1e-3);
    g_assert_cmpfloat_with_epsilon (g_ascii_strtod (f[3], NULL), height / 72, 1e-3);
  }
  /* Names quoted as Graphviz quotes them; y upwards: the first node, on
   * the first layer, has the largest y. */
  g_assert_true (g_str_has_prefix (lines[1], "node \"P0-001\" "));
  g_assert_true (g_str_has_suffix (lines[1], " \"P0-001\" solid box black lightgrey"));
  g_assert_true (g_str_has_prefix (lines[2], "node \"Gap 1.1\" "));
  g_assert_true (g_str_has_prefix (lines[3], "node abc_9 "));
  g_assert_true (g_str_has_prefix (lines[4], "node \"say \\\"hi\\\"\" "));
  g_assert_true (g_str_has_prefix (lines[5], "node 12.5 "));
  g_assert_true (g_str_has_prefix (lines[6], "node \"node\" "));
  gw_graph_layout_get_node (layout, 0, &top);
  {
    g_auto(GStrv) f = g_strsplit (lines[1], " ", -1);

    g_assert_cmpfloat_with_epsilon (g_ascii_strtod (f[3], NULL), (height - top.y) / 72, 1e-3);
    g_assert_cmpfloat_with_epsilon (g_ascii_strtod (f[4], NULL), 2.0, 1e-3);
    g_assert_cmpfloat_with_epsilon (g_ascii_strtod (f[5], NULL), 0.5, 1e-3);
  }
  /* edge tail head n x1 y1 ... style color */
  g_assert_true (g_str_has_prefix (lines[7], "edge \"P0-001\" \"Gap 1.1\" "));
  g_assert_true (g_str_has_prefix (lines[11], "edge abc_9 \"node\" "));
  {
    g_auto(GStrv) f = g_strsplit (lines[11], " ", -1);
    guint n = (guint) g_ascii_strtoull (f[3], NULL, 10);

    g_assert_cmpuint (g_strv_length (f), ==, 4 + 2 * n + 2);
    g_assert_cmpstr (f[4 + 2 * n], ==, "solid");
    g_assert_cmpstr (f[5 + 2 * n], ==, "black");
  }
  g_assert_cmpstr (lines[12], ==, "stop");
  g_assert_cmpstr (lines[13], ==, "");
}

static void
test_empty (void)
{
  g_autoptr(GwGraphLayout) layout = gw_graph_layout_new ();
  g_autofree char *plain = NULL;
  double width = -1, height = -1;

  gw_graph_layout_run (layout, NULL);
  gw_graph_layout_get_size (layout, &width, &height);
  g_assert_cmpfloat (width, ==, 0);
  g_assert_cmpfloat (height, ==, 0);
  g_assert_cmpuint (gw_graph_layout_get_n_layers (layout), ==, 0);
  plain = gw_graph_layout_to_plain (layout, NULL);
  g_assert_cmpstr (plain, ==, "graph 1 0 0\nstop\n");
}

static void
test_preconditions (void)
{
  g_autoptr(GwGraphLayout) layout = gw_graph_layout_new ();

  gw_graph_layout_add_node (layout, 10, 10, -1);
  if (g_test_undefined ())
    {
      g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*tail < self->in_nodes->len*");
      g_assert_cmpuint (gw_graph_layout_add_edge (layout, 0, 5), ==, G_MAXUINT);
      g_test_assert_expected_messages ();
      g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*width >= 0*");
      g_assert_cmpuint (gw_graph_layout_add_node (layout, -1, 10, -1), ==, G_MAXUINT);
      g_test_assert_expected_messages ();
    }
  g_assert_cmpuint (gw_graph_layout_get_n_edges (layout), ==, 0);
  g_assert_cmpuint (gw_graph_layout_get_n_nodes (layout), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/graph-layout/random-dags", test_random_dags);
  g_test_add_func ("/graph-layout/left-to-right", test_left_to_right);
  g_test_add_func ("/graph-layout/deterministic", test_deterministic);
  g_test_add_func ("/graph-layout/stable-under-edit", test_stable_under_edit);
  g_test_add_func ("/graph-layout/large-component", test_large_component);
  g_test_add_func ("/graph-layout/crossings-small", test_crossings_small);
  g_test_add_func ("/graph-layout/cycle", test_cycle);
  g_test_add_func ("/graph-layout/bands", test_bands);
  g_test_add_func ("/graph-layout/plain", test_plain);
  g_test_add_func ("/graph-layout/empty", test_empty);
  g_test_add_func ("/graph-layout/preconditions", test_preconditions);

  return g_test_run ();
}
