/* SPDX-License-Identifier: GPL-3.0-or-later */

/* A layered graph layout in the manner of Sugiyama et al.:
 *
 *  1. orient: edges against the band order are turned round, then a DFS
 *     in insertion order turns round its back edges, so that the graph has
 *     no cycle (the edges turned round are reported);
 *  2. rank: longest-path layers, improved by network simplex (Gansner et
 *     al. 1993), which minimises the total edge length, then balanced;
 *  3. virtual nodes split every edge longer than one layer;
 *  4. order, per connected component: dot's schedule of weighted-median
 *     sweeps down and up with adjacent transposition (two short runs from
 *     breadth-first orders, a long one from the better; the best order is
 *     kept), then global sifting (Bachmaier, Brandenburg, Brunner and
 *     Hübner 2011: a long edge's virtual nodes move as one block), then
 *     sifting; crossings are counted per layer pair with a Fenwick tree;
 *     small components are searched from several starts;
 *  5. coordinates: Brandes–Köpf's four alignments, balanced, then
 *     least-squares straightening of long edges; a polish moves real nodes
 *     to where their edges, drawn straight, cross least, and the virtual
 *     nodes are re-sifted around them; components go side by side;
 *  6. edges become cubic Bézier pieces through their virtual nodes.
 *
 * A component with more than LARGE_NODES nodes, virtual ones included
 * (far more than a 5000-item register makes), has a bounded search: one
 * run of median sweeps with few transpositions, sifting of its real nodes
 * only, shorter straightening and no polish.
 *
 * With hints (the layers and places of a layout before an edit), steps 2
 * to 5 keep what they can: old layers, old orders, old places.  Every loop
 * runs in insertion order and every sort breaks ties on indices, so the
 * same input always gives the same output. */

#include "config.h"

#include "gw-graph-layout-private.h"

/* Layout */

static void
free_work (Work *w)
{
  g_free (w->otail);
  g_free (w->ohead);
  g_free (w->rev);
  g_free (w->loop);
  g_free (w->group);
  g_free (w->group_values);
  g_free (w->rank);
  g_free (w->layer);
  g_free (w->comp);
  g_free (w->lw);
  g_free (w->lh);
  g_free (w->seg_up);
  g_free (w->seg_down);
  g_free (w->seg_edge);
  g_free (w->marked);
  g_free (w->up_start);
  g_free (w->down_start);
  g_free (w->up);
  g_free (w->down);
  g_free (w->chain_start);
  g_free (w->chain);
  g_free (w->pos);
  g_free (w->up_dirty);
  g_free (w->down_dirty);
  g_free (w->comp_first);
  g_free (w->anchor);
  g_free (w->fenwick);
  g_free (w->block_of);
  g_free (w->key);
  g_free (w->x);
}

static void
clear_results (GwGraphLayout *self)
{
  g_clear_pointer (&self->places, g_free);
  g_clear_pointer (&self->reversed, g_free);
  g_clear_pointer (&self->point_start, g_free);
  g_clear_pointer (&self->points, g_array_unref);
  g_clear_pointer (&self->chain_start, g_free);
  g_clear_pointer (&self->chain, g_array_unref);
  g_clear_pointer (&self->layer_pos, g_free);
  g_clear_pointer (&self->bands, g_array_unref);
  self->done = FALSE;
}

static void
route_edges (GwGraphLayout *self,
             Work          *w,
             const double  *layer_y,
             const double  *layer_h)
{
  self->point_start = g_new0 (guint, w->m + 1);
  self->points = g_array_sized_new (FALSE, FALSE, sizeof (GwGraphPoint), w->n_seg * 6 + 4 * w->m);
  self->chain_start = g_new0 (guint, w->m + 1);
  self->chain = g_array_sized_new (FALSE, FALSE, sizeof (GwGraphPoint), w->n_seg + w->m);

  for (guint e = 0; e < w->m; e++)
    {
      guint first = self->points->len, first_chain = self->chain->len;

      if (w->loop[e])
        {
          guint v = w->in_edges[e].tail;
          double x = w->x[v] + w->in_nodes[v].width / 2, y = layer_y[w->layer[v]];
          double q = w->in_nodes[v].height / 4;

          _gw_layout_add_point (self->points, x, y - q);
          _gw_layout_add_point (self->points, x + LOOP_SIZE * 1.5, y - q - LOOP_SIZE);
          _gw_layout_add_point (self->points, x + LOOP_SIZE * 1.5, y + q + LOOP_SIZE);
          _gw_layout_add_point (self->points, x, y + q);
          _gw_layout_add_point (self->chain, w->x[v], y);
        }
      else
        {
          const guint *chain = w->chain + w->chain_start[e];
          guint len = w->chain_start[e + 1] - w->chain_start[e];
          guint up = chain[0];
          double px, py;

          /* Leave the upper node at the bottom, reach the rank's bottom. */
          {
            guint seg = NONE;

            for (guint i = w->down_start[up]; i < w->down_start[up + 1]; i++)
              if (w->down[i].node == chain[1] && w->seg_edge[w->down[i].seg] == e)
                seg = w->down[i].seg;
            px = w->x[up] + _gw_layout_port_offset (w, up, seg, TRUE);
          }
          py = layer_y[w->layer[up]] + w->lh[up] / 2;
          _gw_layout_add_point (self->points, px, py);
          _gw_layout_add_line (self->points, px, py, px, layer_y[w->layer[up]] + layer_h[w->layer[up]] / 2);
          py = layer_y[w->layer[up]] + layer_h[w->layer[up]] / 2;

          for (guint i = 1; i < len; i++)
            {
              guint v = chain[i];
              int r = w->layer[v];
              double top = layer_y[r] - layer_h[r] / 2;
              double gap = top - py;
              double qx;

              if (v < w->n)
                {
                  guint seg = NONE;

                  for (guint j = w->up_start[v]; j < w->up_start[v + 1]; j++)
                    if (w->up[j].node == chain[i - 1] && w->seg_edge[w->up[j].seg] == e)
                      seg = w->up[j].seg;
                  qx = w->x[v] + _gw_layout_port_offset (w, v, seg, FALSE);
                }
              else
                qx = w->x[v];

              _gw_layout_add_point (self->points, px, py + gap * 0.45);
              _gw_layout_add_point (self->points, qx, top - gap * 0.45);
              _gw_layout_add_point (self->points, qx, top);
              if (v < w->n)
                _gw_layout_add_line (self->points, qx, top, qx, layer_y[r] - w->lh[v] / 2);
              else
                _gw_layout_add_line (self->points, qx, top, qx, layer_y[r] + layer_h[r] / 2);
              px = qx;
              py = layer_y[r] + layer_h[r] / 2;
            }

          for (guint i = 0; i < len; i++)
            _gw_layout_add_point (self->chain, w->x[chain[i]], layer_y[w->layer[chain[i]]]);

          /* Points run from the edge's own tail to its head. */
          if (w->rev[e])
            {
              GwGraphPoint *p = &g_array_index (self->points, GwGraphPoint, first);
              GwGraphPoint *c = &g_array_index (self->chain, GwGraphPoint, first_chain);
              guint np = self->points->len - first, nc = self->chain->len - first_chain;

              for (guint i = 0; i < np / 2; i++)
                {
                  GwGraphPoint t = p[i];

                  p[i] = p[np - 1 - i];
                  p[np - 1 - i] = t;
                }
              for (guint i = 0; i < nc / 2; i++)
                {
                  GwGraphPoint t = c[i];

                  c[i] = c[nc - 1 - i];
                  c[nc - 1 - i] = t;
                }
            }
        }
      self->point_start[e + 1] = self->points->len;
      self->chain_start[e + 1] = self->chain->len;
    }
}

/* The far end of a segment's edge from node v: the real node at the other
 * end of the long edge v lies on. */
static guint
edge_end (Work  *w,
          guint  seg,
          gboolean upper)
{
  guint e = w->seg_edge[seg];

  return upper ? w->chain[w->chain_start[e]] : w->chain[w->chain_start[e + 1] - 1];
}

/* An incremental layout's order: every layer sorted by where its nodes
 * were (a long edge's virtual nodes where the line between its ends' old
 * places crosses the layer; a new node amid its neighbours), then only
 * moves that keep the hinted nodes in their order. */
static void
order_incremental (Work   *w,
                   Layers *L,
                   guint  *members,
                   guint   n_members)
{
  double *key = w->key;
  guint max_len = 1;
  SortEntry *entries;
  guint *slots, *best_nodes;
  guint64 best;

  _gw_layout_initial_order (w, L, members, n_members, 2);
  for (guint i = 0; i < n_members; i++)
    {
      guint v = members[i];

      if (v < w->n)
        key[v] = w->anchor[v];
    }
  for (guint i = 0; i < n_members; i++)
    {
      guint v = members[i];
      double sum = 0;
      guint count = 0;

      if (v >= w->n || !isnan (key[v]))
        continue;
      for (guint j = w->up_start[v]; j < w->up_start[v + 1]; j++)
        {
          guint o = edge_end (w, w->up[j].seg, TRUE);

          if (!isnan (w->anchor[o]))
            {
              sum += w->anchor[o];
              count++;
            }
        }
      for (guint j = w->down_start[v]; j < w->down_start[v + 1]; j++)
        {
          guint o = edge_end (w, w->down[j].seg, FALSE);

          if (!isnan (w->anchor[o]))
            {
              sum += w->anchor[o];
              count++;
            }
        }
      key[v] = count > 0 ? sum / count : G_MAXDOUBLE;
    }
  for (guint i = 0; i < n_members; i++)
    {
      guint v = members[i], a, b;
      double t;

      if (v < w->n)
        continue;
      a = edge_end (w, w->up[w->up_start[v]].seg, TRUE);
      b = edge_end (w, w->up[w->up_start[v]].seg, FALSE);
      t = (double) (w->layer[v] - w->layer[a]) / (w->layer[b] - w->layer[a]);
      key[v] = key[a] == G_MAXDOUBLE ? key[b] : key[b] == G_MAXDOUBLE ? key[a] : key[a] + (key[b] - key[a]) * t;
    }

  for (guint r = 0; r < L->nr; r++)
    max_len = MAX (max_len, layer_len (L, r));
  entries = g_new (SortEntry, max_len);
  slots = g_new (guint, max_len + 1);
  best_nodes = g_new (guint, n_members);
  for (guint r = 0; r < L->nr; r++)
    {
      guint len = layer_len (L, r);

      for (guint i = 0; i < len; i++)
        {
          guint v = L->nodes[L->start[r] + i];

          entries[i] = (SortEntry) { key[v], (int) v, v };
        }
      _gw_layout_sort_entries (entries, len);
      for (guint i = 0; i < len; i++)
        L->nodes[L->start[r] + i] = entries[i].node;
      _gw_layout_layer_changed (w, L, r);
    }
  if (L->nr > 1)
    {
      _gw_layout_transpose_all (w, L, FALSE);
      best = _gw_layout_count_crossings (w, L);
      _gw_layout_sift_order (w, L, best, best_nodes, slots, SIFT_ROUNDS);
    }
  g_free (entries);
  g_free (slots);
  g_free (best_nodes);
}

/* Orders and places one component.  A small one is laid out from several
 * initial orders, keeping the one whose edges cross least, counted both
 * along their routes and as straight lines: the search finds different
 * local optima from different starts, and small graphs are cheap. */
static void
lay_out_component (Work         *w,
                   Layers       *L,
                   guint        *members,
                   guint         n_members,
                   const double *layer_y,
                   double       *x)
{
  guint n_seg = 0, trials;
  guint64 best = G_MAXUINT64;
  Polish *polish;
  g_autofree guint *best_nodes = NULL;
  g_autofree double *best_x = NULL;
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);

  w->large = n_members > LARGE_NODES;

  if (w->incremental)
    {
      order_incremental (w, L, members, n_members);
      /* From the old places (new nodes after the last of their layer),
       * relaxed with the hinted nodes held fast: what is new makes room,
       * the rest hardly moves. */
      for (guint r = 0; r < L->nr; r++)
        {
          double last = -G_MAXDOUBLE;

          for (guint k = L->start[r]; k < L->start[r + 1]; k++)
            {
              double key = w->key[L->nodes[k]];

              if (key == G_MAXDOUBLE)
                key = last == -G_MAXDOUBLE ? 0 : last + _gw_layout_separation (w, L->nodes[k - 1], L->nodes[k]);
              x[k] = key;
              last = key;
            }
        }
      w->anchor_weight = INCREMENTAL_ANCHOR_WEIGHT;
      _gw_layout_straighten (w, L, x, w->anchor);
      w->anchor_weight = ANCHOR_WEIGHT;
      return;
    }

  for (guint i = 0; i < n_members; i++)
    n_seg += w->down_start[members[i] + 1] - w->down_start[members[i]];
  trials = n_seg <= TRIAL_SEGMENTS && n_seg > 0 ? MAX_TRIALS : 1;

  /* The polish's pairs of edges that may cross depend on the layers
   * only: with several trials they are found once. */
  polish = w->large ? NULL : _gw_layout_polish_new (w, L, layer_y, members, n_members, trials > 1);
  for (guint t = 0; t < trials; t++)
    {
      guint64 score;

      if (!_gw_layout_order_component (w, L, members, n_members, t, seen))
        continue;
      _gw_layout_place_component (w, L, x);
      /* A large component goes without the polish: its pairs of edges
       * that may cross grow with the square of the layers' widths. */
      if (polish != NULL && _gw_layout_straight_polish (w, L, x, polish) > 0)
        _gw_layout_polish_reroute (w, L, x);
      if (trials == 1)
        break;

      score = _gw_layout_count_crossings (w, L) + _gw_layout_count_straight (polish, x);
      if (score < best)
        {
          best = score;
          g_free (best_nodes);
          g_free (best_x);
          best_nodes = g_memdup2 (L->nodes, sizeof (guint) * n_members);
          best_x = g_memdup2 (x, sizeof (double) * n_members);
        }
      if (score == 0)
        break;
    }
  g_clear_pointer (&polish, _gw_layout_polish_free);
  if (trials == 1)
    return;
  memcpy (L->nodes, best_nodes, sizeof (guint) * n_members);
  memcpy (x, best_x, sizeof (double) * n_members);
  for (guint r = 0; r < L->nr; r++)
    _gw_layout_layer_changed (w, L, r);
}

static void
swap_axes (GArray *points)
{
  for (guint i = 0; i < points->len; i++)
    {
      GwGraphPoint *p = &g_array_index (points, GwGraphPoint, i);
      double t = p->x;

      p->x = p->y;
      p->y = t;
    }
}

static void
run_layout (GwGraphLayout              *self,
            const GwGraphLayoutOptions *opt)
{
  Work w = { 0 };
  gboolean lr = opt->direction == GW_GRAPH_LEFT_TO_RIGHT;
  g_autofree InNode *nodes = NULL;
  g_autofree guint *comp_count = NULL;
  g_autofree guint *members = NULL;
  g_autofree double *layer_y = NULL;
  g_autofree double *layer_h = NULL;
  double cursor = 0, lowest = G_MAXDOUBLE;
  guint max_len = 1;
  GArray *placed;

  w.opt = opt;
  w.n = self->in_nodes->len;
  w.m = self->in_edges->len;
  w.in_edges = (const InEdge *) (void *) self->in_edges->data;
  /* Lay out top to bottom; left to right is the same with axes swapped. */
  nodes = g_new (InNode, w.n + 1);
  memcpy (nodes, self->in_nodes->data, sizeof (InNode) * w.n);
  if (lr)
    for (guint v = 0; v < w.n; v++)
      {
        double t = nodes[v].width;

        nodes[v].width = nodes[v].height;
        nodes[v].height = t;
      }
  w.in_nodes = nodes;

  for (guint v = 0; v < w.n; v++)
    w.incremental |= !isnan (nodes[v].hint);
  _gw_layout_assign_groups (&w);
  _gw_layout_orient_edges (&w);
  _gw_layout_assign_ranks (&w);
  _gw_layout_build_proper_graph (&w);

  /* Members of each component: real nodes, then virtual ones. */
  comp_count = g_new0 (guint, w.n_comps + 1);
  for (guint v = 0; v < w.nt; v++)
    comp_count[w.comp[v] + 1]++;
  for (guint c = 0; c < w.n_comps; c++)
    comp_count[c + 1] += comp_count[c];
  members = g_new (guint, w.nt + 1);
  {
    g_autofree guint *fill = g_memdup2 (comp_count, sizeof (guint) * (w.n_comps + 1));

    for (guint v = 0; v < w.nt; v++)
      members[fill[w.comp[v]]++] = v;
  }
  {
    g_autofree guint *per_layer = g_new0 (guint, w.n_ranks + 1);

    for (guint v = 0; v < w.nt; v++)
      per_layer[w.layer[v]]++;
    for (int r = 0; r < w.n_ranks; r++)
      max_len = MAX (max_len, per_layer[r]);
  }
  w.fenwick = g_new (guint, MAX (max_len, w.nt) + 2);
  w.block_of = g_new (guint, w.nt + 1);
  w.x = g_new0 (double, w.nt + 1);

  /* Layers' positions along the rank axis. */
  layer_y = g_new0 (double, w.n_ranks + 1);
  layer_h = g_new0 (double, w.n_ranks + 1);
  for (guint v = 0; v < w.n; v++)
    layer_h[w.layer[v]] = MAX (layer_h[w.layer[v]], w.lh[v]);
  for (int r = 0; r < w.n_ranks; r++)
    layer_y[r] = (r == 0 ? 0 : layer_y[r - 1] + layer_h[r - 1] / 2 + opt->rank_sep) + layer_h[r] / 2;

  /* Hints: nodes stay near where they were. */
  w.anchor = g_new (double, w.n + 1);
  for (guint v = 0; v < w.n; v++)
    {
      w.anchor[v] = nodes[v].hint;
      w.incremental |= !isnan (nodes[v].hint);
    }
  w.key = g_new (double, w.nt + 1);
  w.anchor_weight = ANCHOR_WEIGHT;
  placed = g_array_new (FALSE, FALSE, sizeof (double));

  self->crossings = 0;
  for (guint c = 0; c < w.n_comps; c++)
    {
      guint *mem = members + comp_count[c];
      guint nm = comp_count[c + 1] - comp_count[c];
      Layers L = { 0 };
      int r_max = 0;
      g_autofree double *x = NULL;
      double left = G_MAXDOUBLE, right = -G_MAXDOUBLE, shift;

      L.n_nodes = nm;
      L.r0 = G_MAXINT;
      for (guint i = 0; i < nm; i++)
        {
          L.r0 = MIN (L.r0, w.layer[mem[i]]);
          r_max = MAX (r_max, w.layer[mem[i]]);
        }
      L.nr = (guint) (r_max - L.r0 + 1);
      L.start = g_new0 (guint, L.nr + 1);
      L.nodes = g_new (guint, nm);
      for (guint i = 0; i < nm; i++)
        L.start[w.layer[mem[i]] - L.r0 + 1]++;
      for (guint r = 0; r < L.nr; r++)
        L.start[r + 1] += L.start[r];

      x = g_new (double, nm);
      lay_out_component (&w, &L, mem, nm, layer_y, x);
      self->crossings += _gw_layout_count_crossings (&w, &L);
      for (guint k = 0; k < nm; k++)
        {
          guint v = L.nodes[k];

          left = MIN (left, x[k] - w.lw[v] / 2);
          right = MAX (right, x[k] + w.lw[v] / 2);
        }
      /* Side by side; in an incremental layout a component with hints
       * stays where it was unless another is there. */
      shift = cursor - left;
      if (w.incremental)
        {
          gboolean hinted = FALSE, clear = TRUE;

          for (guint i = 0; i < nm && !hinted; i++)
            hinted = mem[i] < w.n && !isnan (w.anchor[mem[i]]);
          for (guint i = 0; i < placed->len && hinted && clear; i += 2)
            clear = right + opt->node_sep < g_array_index (placed, double, i) ||
                    left - opt->node_sep > g_array_index (placed, double, i + 1);
          if (hinted && clear)
            shift = 0;
        }
      for (guint k = 0; k < nm; k++)
        w.x[L.nodes[k]] = x[k] + shift;
      g_array_append_val (placed, (double) { left + shift });
      g_array_append_val (placed, (double) { right + shift });
      cursor = MAX (cursor, right + shift + opt->node_sep * 2);
      lowest = MIN (lowest, left + shift);

      g_free (L.start);
      g_free (L.nodes);
    }
  /* Nothing left of 0 (a hinted component may have moved there). */
  if (w.n > 0 && lowest < 0)
    {
      for (guint v = 0; v < w.nt; v++)
        w.x[v] -= lowest;
      cursor -= lowest;
    }
  g_array_unref (placed);

  clear_results (self);
  self->n_layers = (guint) w.n_ranks;
  self->layer_pos = g_memdup2 (layer_y, sizeof (double) * (w.n_ranks + 1));
  self->width = w.n > 0 ? cursor - opt->node_sep * 2 : 0;
  self->height = w.n_ranks > 0 ? layer_y[w.n_ranks - 1] + layer_h[w.n_ranks - 1] / 2 : 0;
  self->n_virtual = w.nt - w.n;
  self->places = g_new0 (GwGraphNodePlace, w.n + 1);
  for (guint v = 0; v < w.n; v++)
    {
      GwGraphNodePlace *p = &self->places[v];
      const InNode *in = &g_array_index (self->in_nodes, InNode, v);

      p->x = lr ? layer_y[w.layer[v]] : w.x[v];
      p->y = lr ? w.x[v] : layer_y[w.layer[v]];
      p->width = in->width;
      p->height = in->height;
      p->layer = w.layer[v];
      p->order = w.pos[v];
    }
  self->reversed = g_new0 (guint8, w.m + 1);
  self->n_reversed = 0;
  for (guint e = 0; e < w.m; e++)
    {
      self->reversed[e] = w.rev[e];
      self->n_reversed += w.rev[e];
    }
  route_edges (self, &w, layer_y, layer_h);

  /* Bands: from half a gap above a group's first layer to half a gap
   * below its last. */
  self->bands = g_array_new (FALSE, FALSE, sizeof (Band));
  if (opt->bands && w.n > 0)
    {
      g_autofree int *first = g_new (int, w.n_groups);
      g_autofree int *last = g_new (int, w.n_groups);

      for (guint b = 0; b < w.n_groups; b++)
        {
          first[b] = G_MAXINT;
          last[b] = -1;
        }
      for (guint v = 0; v < w.n; v++)
        {
          guint b = _gw_layout_group_index (&w, w.group[v]);

          first[b] = MIN (first[b], w.layer[v]);
          last[b] = MAX (last[b], w.layer[v]);
        }
      for (guint b = 0; b < w.n_groups; b++)
        {
          Band band = { w.group_values[b], 0, 0 };

          band.start = layer_y[first[b]] - layer_h[first[b]] / 2 - opt->rank_sep / 2;
          band.end = layer_y[last[b]] + layer_h[last[b]] / 2 + opt->rank_sep / 2;
          g_array_append_val (self->bands, band);
        }
    }

  if (lr)
    {
      double t = self->width;

      self->width = self->height;
      self->height = t;
      swap_axes (self->points);
      swap_axes (self->chain);
    }
  self->done = TRUE;
  free_work (&w);
}

/* Plain output */

static gboolean
is_numeral (const char *s)
{
  gboolean digits = FALSE, dot = FALSE;

  if (*s == '-')
    s++;
  for (; *s; s++)
    {
      if (g_ascii_isdigit (*s))
        digits = TRUE;
      else if (*s == '.' && !dot)
        dot = TRUE;
      else
        return FALSE;
    }
  return digits;
}

/* " value" with at most four decimals, trailing zeros dropped; integer
 * arithmetic, so no locale and no cost of printf for the many points. */
static void
append_number (GString *out,
               double   value)
{
  gint64 q = (gint64) llround (value * 10000);
  char buf[32];
  int len = 0, frac;

  if (q < 0)
    {
      g_string_append (out, " -");
      q = -q;
    }
  else
    g_string_append_c (out, ' ');
  frac = (int) (q % 10000);
  q /= 10000;
  do
    {
      buf[len++] = (char) ('0' + q % 10);
      q /= 10;
    }
  while (q > 0);
  while (len > 0)
    g_string_append_c (out, buf[--len]);
  if (frac > 0)
    {
      int digits = 4;

      while (frac % 10 == 0)
        {
          frac /= 10;
          digits--;
        }
      g_string_append_c (out, '.');
      for (int d = digits - 1; d >= 0; d--)
        {
          int p = 1;

          for (int k = 0; k < d; k++)
            p *= 10;
          g_string_append_c (out, (char) ('0' + frac / p % 10));
        }
    }
}

/* Public API */

/**
 * gw_graph_layout_options_init:
 *
 * Sets the defaults: top to bottom, 24 units between neighbours, 48
 * between layers, network simplex on, no bands.
 */
void
gw_graph_layout_options_init (GwGraphLayoutOptions *options)
{
  g_return_if_fail (options != NULL);

  options->direction = GW_GRAPH_TOP_TO_BOTTOM;
  options->node_sep = 24;
  options->rank_sep = 48;
  options->bands = FALSE;
  options->network_simplex = TRUE;
  options->sweeps = 8;
}

GwGraphLayout *
gw_graph_layout_new (void)
{
  GwGraphLayout *self = g_new0 (GwGraphLayout, 1);

  self->in_nodes = g_array_new (FALSE, FALSE, sizeof (InNode));
  self->in_edges = g_array_new (FALSE, FALSE, sizeof (InEdge));
  return self;
}

void
gw_graph_layout_free (GwGraphLayout *self)
{
  if (self == NULL)
    return;
  clear_results (self);
  g_array_unref (self->in_nodes);
  g_array_unref (self->in_edges);
  g_free (self);
}

/**
 * gw_graph_layout_add_node:
 * @group: the band the node belongs to (a milestone's index), or -1
 *
 * Returns: the node's index, counted from 0 in the order of addition
 */
guint
gw_graph_layout_add_node (GwGraphLayout *self,
                          double         width,
                          double         height,
                          int            group)
{
  InNode node = { width, height, group, NAN, -1 };

  g_return_val_if_fail (self != NULL, NONE);
  g_return_val_if_fail (width >= 0 && height >= 0 && isfinite (width) && isfinite (height), NONE);

  g_array_append_val (self->in_nodes, node);
  self->done = FALSE;
  return self->in_nodes->len - 1;
}

/**
 * gw_graph_layout_add_edge:
 * @tail: the prerequisite
 * @head: the node that depends on it
 *
 * Returns: the edge's index, counted from 0 in the order of addition
 */
guint
gw_graph_layout_add_edge (GwGraphLayout *self,
                          guint          tail,
                          guint          head)
{
  InEdge edge = { tail, head };

  g_return_val_if_fail (self != NULL, NONE);
  g_return_val_if_fail (tail < self->in_nodes->len && head < self->in_nodes->len, NONE);

  g_array_append_val (self->in_edges, edge);
  self->done = FALSE;
  return self->in_edges->len - 1;
}

/**
 * gw_graph_layout_set_hint:
 * @layer: the node's layer before an edit; -1 to forget the hint
 * @position: where the node was along its layer: its x top to bottom, its
 *   y left to right (as from gw_graph_layout_get_node() on the layout
 *   before the edit)
 *
 * With hints, gw_graph_layout_run() changes the layout little: nodes keep
 * their layers unless an edge pushes them down, keep their order in their
 * layers and stay near their hinted places; new nodes and edges are fitted
 * in around them, and components stay where they were.  Crossings are then reduced by local moves only, so a layout
 * kept up this way for long may cross more than one made afresh.
 */
void
gw_graph_layout_set_hint (GwGraphLayout *self,
                          guint          node,
                          int            layer,
                          double         position)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (node < self->in_nodes->len);

  g_array_index (self->in_nodes, InNode, node).hint = layer >= 0 ? position : NAN;
  g_array_index (self->in_nodes, InNode, node).hint_layer = layer;
  self->done = FALSE;
}

guint
gw_graph_layout_get_n_nodes (GwGraphLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->in_nodes->len;
}

guint
gw_graph_layout_get_n_edges (GwGraphLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->in_edges->len;
}

/**
 * gw_graph_layout_run:
 * @options: (nullable): the defaults of gw_graph_layout_options_init() when %NULL
 *
 * Computes the layout. Never fails: cycles are broken by turning edges
 * round (see gw_graph_layout_edge_is_reversed()).
 */
void
gw_graph_layout_run (GwGraphLayout              *self,
                     const GwGraphLayoutOptions *options)
{
  GwGraphLayoutOptions defaults;

  g_return_if_fail (self != NULL);

  if (options == NULL)
    {
      gw_graph_layout_options_init (&defaults);
      options = &defaults;
    }
  run_layout (self, options);
}

void
gw_graph_layout_get_size (GwGraphLayout *self,
                          double        *width,
                          double        *height)
{
  g_return_if_fail (self != NULL && self->done);

  if (width != NULL)
    *width = self->width;
  if (height != NULL)
    *height = self->height;
}

void
gw_graph_layout_get_node (GwGraphLayout    *self,
                          guint             node,
                          GwGraphNodePlace *place)
{
  g_return_if_fail (self != NULL && self->done);
  g_return_if_fail (node < self->in_nodes->len);
  g_return_if_fail (place != NULL);

  *place = self->places[node];
}

/**
 * gw_graph_layout_get_edge_points:
 * @n_points: (out): 3k + 1 points
 *
 * Returns: (transfer none): the edge's route from its tail to its head as
 *   cubic Bézier pieces: a start point, then two control points and an
 *   end point per piece
 */
const GwGraphPoint *
gw_graph_layout_get_edge_points (GwGraphLayout *self,
                                 guint          edge,
                                 guint         *n_points)
{
  g_return_val_if_fail (self != NULL && self->done, NULL);
  g_return_val_if_fail (edge < self->in_edges->len, NULL);
  g_return_val_if_fail (n_points != NULL, NULL);

  *n_points = self->point_start[edge + 1] - self->point_start[edge];
  return &g_array_index (self->points, GwGraphPoint, self->point_start[edge]);
}

/**
 * gw_graph_layout_get_edge_chain:
 * @n_points: (out): one more than the number of layers the edge spans
 *
 * Returns: (transfer none): the centres of the edge's tail, of its
 *   virtual nodes (one per layer it crosses) and of its head
 */
const GwGraphPoint *
gw_graph_layout_get_edge_chain (GwGraphLayout *self,
                                guint          edge,
                                guint         *n_points)
{
  g_return_val_if_fail (self != NULL && self->done, NULL);
  g_return_val_if_fail (edge < self->in_edges->len, NULL);
  g_return_val_if_fail (n_points != NULL, NULL);

  *n_points = self->chain_start[edge + 1] - self->chain_start[edge];
  return &g_array_index (self->chain, GwGraphPoint, self->chain_start[edge]);
}

/**
 * gw_graph_layout_edge_is_reversed:
 *
 * Returns: whether the edge runs against the layer order: it closed a
 *   cycle, or it goes from a later band to an earlier one
 */
gboolean
gw_graph_layout_edge_is_reversed (GwGraphLayout *self,
                                  guint          edge)
{
  g_return_val_if_fail (self != NULL && self->done, FALSE);
  g_return_val_if_fail (edge < self->in_edges->len, FALSE);

  return self->reversed[edge];
}

guint
gw_graph_layout_get_n_reversed (GwGraphLayout *self)
{
  g_return_val_if_fail (self != NULL && self->done, 0);
  return self->n_reversed;
}

guint
gw_graph_layout_get_n_layers (GwGraphLayout *self)
{
  g_return_val_if_fail (self != NULL && self->done, 0);
  return self->n_layers;
}

/**
 * gw_graph_layout_get_layer_position:
 *
 * Returns: the centre line of a layer: its y top to bottom, its x left to right
 */
double
gw_graph_layout_get_layer_position (GwGraphLayout *self,
                                    guint          layer)
{
  g_return_val_if_fail (self != NULL && self->done, 0);
  g_return_val_if_fail (layer < self->n_layers, 0);
  return self->layer_pos[layer];
}

guint
gw_graph_layout_get_n_virtual (GwGraphLayout *self)
{
  g_return_val_if_fail (self != NULL && self->done, 0);
  return self->n_virtual;
}

/**
 * gw_graph_layout_get_crossings:
 *
 * Returns: the edge crossings between adjacent layers, virtual nodes
 *   included, of the final order
 */
guint64
gw_graph_layout_get_crossings (GwGraphLayout *self)
{
  g_return_val_if_fail (self != NULL && self->done, 0);
  return self->crossings;
}

/**
 * gw_graph_layout_get_group_extent:
 * @group: a group given to gw_graph_layout_add_node(); -1 for the band
 *   of the nodes without one
 * @start: (out): where the band starts along the layer axis
 * @end: (out): where it ends
 *
 * Returns: %FALSE when the layout has no band for @group (bands off, or
 *   no node in it)
 */
gboolean
gw_graph_layout_get_group_extent (GwGraphLayout *self,
                                  int            group,
                                  double        *start,
                                  double        *end)
{
  int max_group = -1;

  g_return_val_if_fail (self != NULL && self->done, FALSE);

  if (group < 0)
    {
      for (guint v = 0; v < self->in_nodes->len; v++)
        max_group = MAX (max_group, g_array_index (self->in_nodes, InNode, v).group);
      group = max_group + 1;
    }
  for (guint b = 0; b < self->bands->len; b++)
    {
      const Band *band = &g_array_index (self->bands, Band, b);

      if (band->group == group)
        {
          if (start != NULL)
            *start = band->start;
          if (end != NULL)
            *end = band->end;
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * gw_graph_quote_id:
 *
 * Returns: (transfer full): @name as Graphviz writes a node name: bare
 *   when it is an identifier or a numeral, else in double quotes with
 *   inner quotes escaped
 */
char *
gw_graph_quote_id (const char *name)
{
  static const char *keywords[] = { "node", "edge", "graph", "digraph", "subgraph", "strict" };
  gboolean bare;
  GString *out;

  g_return_val_if_fail (name != NULL, NULL);

  bare = *name != '\0' && !g_ascii_isdigit (*name);
  for (const char *p = name; *p && bare; p++)
    if (!(g_ascii_isalnum (*p) || *p == '_' || (guchar) *p >= 128))
      bare = FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (keywords) && bare; i++)
    if (g_ascii_strcasecmp (name, keywords[i]) == 0)
      bare = FALSE;
  if (bare || (*name != '\0' && is_numeral (name)))
    return g_strdup (name);

  out = g_string_new ("\"");
  for (const char *p = name; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
  return g_string_free (out, FALSE);
}

/**
 * gw_graph_layout_to_plain:
 * @names: the name of each node, in the order they were added
 *
 * Writes the layout in Graphviz's `plain` format: inches, y upwards,
 * every edge's Bézier control points.
 *
 * Returns: (transfer full): the text
 */
char *
gw_graph_layout_to_plain (GwGraphLayout      *self,
                          const char * const *names)
{
  GString *out;
  const double inch = 72;
  g_autofree char **quoted = NULL;

  g_return_val_if_fail (self != NULL && self->done, NULL);
  g_return_val_if_fail (names != NULL || self->in_nodes->len == 0, NULL);

  out = g_string_sized_new (64 * (self->in_nodes->len + 1) + 16 * self->points->len);
  quoted = g_new0 (char *, self->in_nodes->len + 1);
  for (guint v = 0; v < self->in_nodes->len; v++)
    quoted[v] = gw_graph_quote_id (names[v]);

  g_string_append (out, "graph 1");
  append_number (out, self->width / inch);
  append_number (out, self->height / inch);
  g_string_append_c (out, '\n');
  for (guint v = 0; v < self->in_nodes->len; v++)
    {
      const GwGraphNodePlace *p = &self->places[v];

      g_string_append (out, "node ");
      g_string_append (out, quoted[v]);
      append_number (out, p->x / inch);
      append_number (out, (self->height - p->y) / inch);
      append_number (out, p->width / inch);
      append_number (out, p->height / inch);
      g_string_append_c (out, ' ');
      g_string_append (out, quoted[v]);
      g_string_append (out, " solid box black lightgrey\n");
    }
  for (guint e = 0; e < self->in_edges->len; e++)
    {
      const InEdge *edge = &g_array_index (self->in_edges, InEdge, e);
      guint n = self->point_start[e + 1] - self->point_start[e];


      g_string_append_printf (out, "edge %s %s %u", quoted[edge->tail], quoted[edge->head], n);
      for (guint i = self->point_start[e]; i < self->point_start[e + 1]; i++)
        {
          const GwGraphPoint *pt = &g_array_index (self->points, GwGraphPoint, i);

          append_number (out, pt->x / inch);
          append_number (out, (self->height - pt->y) / inch);
        }
      g_string_append (out, " solid black\n");
    }
  g_string_append (out, "stop\n");

  for (guint v = 0; v < self->in_nodes->len; v++)
    g_free (quoted[v]);
  return g_string_free (out, FALSE);
}
