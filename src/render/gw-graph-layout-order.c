/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The layered layout's phases 3 and 4: virtual nodes on long edges, then
 * the order of each layer (median sweeps, transposition, global sifting,
 * sifting), crossings counted with a Fenwick tree. */

#include "config.h"

#include "gw-graph-layout-private.h"

/* Phase 3: virtual nodes and components */

void
_gw_layout_build_proper_graph (Work *w)
{
  guint *uf = g_new (guint, MAX (w->n, 1));
  guint *fill, *first;
  guint nt = w->n, n_seg = 0, v_next, s_next = 0, c_next = 0;

  /* Components over real edges, named by their smallest node. */
  for (guint v = 0; v < w->n; v++)
    uf[v] = v;
  for (guint e = 0; e < w->m; e++)
    if (!w->loop[e])
      {
        guint a = uf_find (uf, w->otail[e]), b = uf_find (uf, w->ohead[e]);

        if (a < b)
          uf[b] = a;
        else if (b < a)
          uf[a] = b;
      }

  for (guint e = 0; e < w->m; e++)
    if (!w->loop[e])
      {
        guint len = (guint) (w->rank[w->ohead[e]] - w->rank[w->otail[e]]);

        nt += len - 1;
        n_seg += len;
      }
  w->nt = nt;
  w->n_seg = n_seg;
  w->layer = g_new (int, nt);
  w->comp = g_new (guint, nt);
  w->lw = g_new0 (double, nt);
  w->lh = g_new0 (double, nt);
  w->pos = g_new0 (int, nt);
  w->seg_up = g_new (guint, n_seg + 1);
  w->seg_down = g_new (guint, n_seg + 1);
  w->seg_edge = g_new (guint, n_seg + 1);
  w->marked = g_new0 (guint8, n_seg + 1);
  w->chain_start = g_new0 (guint, w->m + 1);
  w->chain = g_new (guint, n_seg + w->m + 1);

  first = g_new (guint, MAX (w->n, 1));
  for (guint v = 0; v < w->n; v++)
    {
      guint r = uf_find (uf, v);

      w->layer[v] = w->rank[v];
      w->lw[v] = w->in_nodes[v].width;
      w->lh[v] = w->in_nodes[v].height;
      if (r == v)
        first[c_next++] = v;
    }
  w->n_comps = c_next;
  w->comp_first = first;
  /* Component numbers in the order of their first node. */
  {
    guint *number = g_new (guint, MAX (w->n, 1));

    for (guint c = 0; c < w->n_comps; c++)
      number[first[c]] = c;
    for (guint v = 0; v < w->n; v++)
      w->comp[v] = number[uf_find (uf, v)];
    g_free (number);
  }
  for (guint e = 0; e < w->m; e++)
    if (w->loop[e])
      w->lw[w->in_edges[e].tail] = w->in_nodes[w->in_edges[e].tail].width + 2 * LOOP_SIZE;

  v_next = w->n;
  for (guint e = 0; e < w->m; e++)
    {
      guint prev, c0 = w->chain_start[e];
      int r0, r1;

      if (w->loop[e])
        {
          w->chain_start[e + 1] = c0;
          continue;
        }
      r0 = w->rank[w->otail[e]];
      r1 = w->rank[w->ohead[e]];
      prev = w->otail[e];
      w->chain[c0++] = prev;
      for (int r = r0 + 1; r <= r1; r++)
        {
          guint cur = (r == r1) ? w->ohead[e] : v_next++;

          if (cur >= w->n)
            {
              w->layer[cur] = r;
              w->comp[cur] = w->comp[w->otail[e]];
            }
          w->seg_up[s_next] = prev;
          w->seg_down[s_next] = cur;
          w->seg_edge[s_next] = e;
          s_next++;
          w->chain[c0++] = cur;
          prev = cur;
        }
      w->chain_start[e + 1] = c0;
    }
  g_assert (v_next == nt && s_next == n_seg);

  w->up_start = g_new0 (guint, nt + 1);
  w->down_start = g_new0 (guint, nt + 1);
  w->up = g_new (Adj, n_seg + 1);
  w->down = g_new (Adj, n_seg + 1);
  for (guint s = 0; s < n_seg; s++)
    {
      w->up_start[w->seg_down[s] + 1]++;
      w->down_start[w->seg_up[s] + 1]++;
    }
  for (guint v = 0; v < nt; v++)
    {
      w->up_start[v + 1] += w->up_start[v];
      w->down_start[v + 1] += w->down_start[v];
    }
  fill = g_memdup2 (w->up_start, sizeof (guint) * (nt + 1));
  for (guint s = 0; s < n_seg; s++)
    w->up[fill[w->seg_down[s]]++] = (Adj) { w->seg_up[s], s };
  g_free (fill);
  fill = g_memdup2 (w->down_start, sizeof (guint) * (nt + 1));
  for (guint s = 0; s < n_seg; s++)
    w->down[fill[w->seg_up[s]]++] = (Adj) { w->seg_down[s], s };
  g_free (fill);

  w->up_dirty = g_new0 (guint8, w->n_ranks + 1);
  w->down_dirty = g_new0 (guint8, w->n_ranks + 1);
  g_free (uf);
}

/* Phase 4: order within layers */

static void
sort_adj (Adj       *list,
          guint      n,
          const int *pos)
{
  /* Insertion sort: the lists are short and nearly sorted. */
  for (guint i = 1; i < n; i++)
    {
      Adj a = list[i];
      guint j = i;

      while (j > 0 && (pos[list[j - 1].node] > pos[a.node] ||
                       (pos[list[j - 1].node] == pos[a.node] && list[j - 1].seg > a.seg)))
        {
          list[j] = list[j - 1];
          j--;
        }
      list[j] = a;
    }
}

/* Makes the neighbour lists of layer r follow the current order of the
 * layers next to it. */
void
_gw_layout_ensure_sorted (Work         *w,
                          const Layers *L,
                          guint         r)
{
  int gr = L->r0 + (int) r;

  if (w->up_dirty[gr])
    {
      for (guint k = L->start[r]; k < L->start[r + 1]; k++)
        {
          guint v = L->nodes[k];

          if (w->up_start[v + 1] - w->up_start[v] > 1)
            sort_adj (w->up + w->up_start[v], w->up_start[v + 1] - w->up_start[v], w->pos);
        }
      w->up_dirty[gr] = FALSE;
    }
  if (w->down_dirty[gr])
    {
      for (guint k = L->start[r]; k < L->start[r + 1]; k++)
        {
          guint v = L->nodes[k];

          if (w->down_start[v + 1] - w->down_start[v] > 1)
            sort_adj (w->down + w->down_start[v], w->down_start[v + 1] - w->down_start[v], w->pos);
        }
      w->down_dirty[gr] = FALSE;
    }
}

/* Layer r's order changed: the lists pointing into it are out of order. */
void
_gw_layout_layer_changed (Work         *w,
                          const Layers *L,
                          guint         r)
{
  int gr = L->r0 + (int) r;

  for (guint k = L->start[r]; k < L->start[r + 1]; k++)
    w->pos[L->nodes[k]] = (int) (k - L->start[r]);
  if (r > 0)
    w->down_dirty[gr - 1] = TRUE;
  if (r + 1 < L->nr)
    w->up_dirty[gr + 1] = TRUE;
}

/* Crossings between layer r and r + 1: inversions of the lower ends taken
 * in the order of the upper ends, counted with a Fenwick tree. */
static guint64
count_layer_pair (Work         *w,
                  const Layers *L,
                  guint         r)
{
  guint n_low = layer_len (L, r + 1);
  guint *tree = w->fenwick;
  guint64 crossings = 0, inserted = 0;

  _gw_layout_ensure_sorted (w, L, r);
  memset (tree, 0, sizeof (guint) * (n_low + 1));
  for (guint k = L->start[r]; k < L->start[r + 1]; k++)
    {
      guint v = L->nodes[k];

      for (guint i = w->down_start[v]; i < w->down_start[v + 1]; i++)
        {
          guint p = (guint) w->pos[w->down[i].node] + 1;
          guint64 not_greater = 0;

          for (guint j = p; j > 0; j -= j & -j)
            not_greater += tree[j];
          crossings += inserted - not_greater;
          for (guint j = p; j <= n_low; j += j & -j)
            tree[j]++;
          inserted++;
        }
    }
  return crossings;
}

guint64
_gw_layout_count_crossings (Work         *w,
                            const Layers *L)
{
  guint64 total = 0;

  for (guint r = 0; r + 1 < L->nr; r++)
    total += count_layer_pair (w, L, r);
  return total;
}

/* Crossings among the edges of u and v on one side when u is left of v
 * (*uv) and when v is left of u (*vu); both lists sorted by position. */
static void
pair_crossings (const Adj *a,
                guint      na,
                const Adj *b,
                guint      nb,
                const int *pos,
                guint64   *uv,
                guint64   *vu)
{
  guint j = 0, k = 0;
  guint64 less = 0, equal = 0;

  /* For each lower end of u, count the ends of v strictly left of it
   * (they cross when u is left of v) and those at the same node. */
  for (guint i = 0; i < na; i++)
    {
      int p = pos[a[i].node];

      while (j < nb && pos[b[j].node] < p)
        j++;
      if (k < j)
        k = j;
      while (k < nb && pos[b[k].node] == p)
        k++;
      less += j;
      equal += k - j;
    }
  *uv += less;
  *vu += (guint64) na * nb - less - equal;
}

static void
node_pair_crossings (Work    *w,
                     guint    u,
                     guint    v,
                     guint64 *uv,
                     guint64 *vu)
{
  if (u >= w->n && v >= w->n)
    {
      /* Two virtual nodes: one edge each way. */
      int pu = w->pos[w->up[w->up_start[u]].node], pv = w->pos[w->up[w->up_start[v]].node];
      int du = w->pos[w->down[w->down_start[u]].node], dv = w->pos[w->down[w->down_start[v]].node];

      *uv += (pu > pv) + (du > dv);
      *vu += (pv > pu) + (dv > du);
      return;
    }
  pair_crossings (w->up + w->up_start[u], w->up_start[u + 1] - w->up_start[u],
                  w->up + w->up_start[v], w->up_start[v + 1] - w->up_start[v],
                  w->pos, uv, vu);
  pair_crossings (w->down + w->down_start[u], w->down_start[u + 1] - w->down_start[u],
                  w->down + w->down_start[v], w->down_start[v + 1] - w->down_start[v],
                  w->pos, uv, vu);
}

/* Whether the order must not change between two such nodes: real nodes
 * after the polish, hinted ones in an incremental layout. */
static inline gboolean
is_fixed (const Work *w,
          guint       v)
{
  return v < w->n && (w->real_fixed || (w->incremental && !isnan (w->anchor[v])));
}

/* One pass over layer r swapping neighbours when that removes crossings;
 * with @ties, also when it changes nothing, so that the search can leave
 * a plateau.  Returns the crossings removed. */
static guint64
transpose_layer (Work     *w,
                 Layers   *L,
                 guint     r,
                 gboolean  ties)
{
  guint *nodes = L->nodes + L->start[r];
  guint n = layer_len (L, r);
  gboolean changed = FALSE;
  guint64 gain = 0;

  _gw_layout_ensure_sorted (w, L, r);
  for (guint k = 0; k + 1 < n; k++)
    {
      guint64 uv = 0, vu = 0;

      if (is_fixed (w, nodes[k]) && is_fixed (w, nodes[k + 1]))
        continue;
      node_pair_crossings (w, nodes[k], nodes[k + 1], &uv, &vu);
      if (vu < uv || (ties && vu == uv && uv > 0))
        {
          guint t = nodes[k];

          nodes[k] = nodes[k + 1];
          nodes[k + 1] = t;
          w->pos[nodes[k]] = (int) k;
          w->pos[nodes[k + 1]] = (int) k + 1;
          changed = TRUE;
          gain += uv - vu;
        }
    }
  if (changed)
    _gw_layout_layer_changed (w, L, r);
  return gain;
}

/* Transposes every layer until a round removes no crossing; only layers
 * next to a change are looked at again. */
void
_gw_layout_transpose_all (Work     *w,
                          Layers   *L,
                          gboolean  ties)
{
  guint8 *candidate = g_new (guint8, L->nr + 1);
  guint64 gain;
  guint rounds = 0;

  memset (candidate, TRUE, L->nr);
  do
    {
      /* A large component: a few passes, the rest of the gain is small
       * for the time it takes. */
      if (w->large && rounds++ >= LARGE_TRANSPOSE_ROUNDS)
        break;
      gain = 0;
      for (guint r = 0; r < L->nr; r++)
        {
          guint64 g;

          if (!candidate[r])
            continue;
          candidate[r] = FALSE;
          g = transpose_layer (w, L, r, ties);
          if (g > 0 || ties)
            {
              /* Ties may have moved nodes: the neighbours must look again. */
              if (r > 0)
                candidate[r - 1] |= g > 0;
              if (r + 1 < L->nr)
                candidate[r + 1] |= g > 0;
              candidate[r] |= g > 0;
            }
          gain += g;
        }
    }
  while (gain > 0);
  g_free (candidate);
}

static inline gboolean
sort_entry_before (const SortEntry *a,
                   const SortEntry *b)
{
  return a->key < b->key || (a->key == b->key && a->pos < b->pos);
}

static void
insertion_sort_entries (SortEntry *entries,
                        guint      n)
{
  for (guint i = 1; i < n; i++)
    {
      SortEntry e = entries[i];
      guint j = i;

      while (j > 0 && sort_entry_before (&e, &entries[j - 1]))
        {
          entries[j] = entries[j - 1];
          j--;
        }
      entries[j] = e;
    }
}

/* Sorts by key, ties by pos: no two entries compare equal, so any sort
 * gives the same order.  Short layers take an insertion sort; long ones
 * a merge sort of runs of 32 with the comparison inlined, which in the
 * wide layers of a large graph beats qsort's calls through a pointer. */
void
_gw_layout_sort_entries (SortEntry *entries,
                         guint      n)
{
  SortEntry *from = entries, *to, *tmp;

  if (n <= 32)
    {
      insertion_sort_entries (entries, n);
      return;
    }
  for (guint i = 0; i < n; i += 32)
    insertion_sort_entries (entries + i, MIN (32u, n - i));
  tmp = g_new (SortEntry, n);
  to = tmp;
  for (guint width = 32; width < n; width *= 2)
    {
      for (guint lo = 0; lo < n; lo += 2 * width)
        {
          guint mid = MIN (lo + width, n), hi = MIN (lo + 2 * width, n);
          guint i = lo, j = mid, k = lo;

          while (i < mid && j < hi)
            to[k++] = sort_entry_before (&from[j], &from[i]) ? from[j++] : from[i++];
          while (i < mid)
            to[k++] = from[i++];
          while (j < hi)
            to[k++] = from[j++];
        }
      {
        SortEntry *t = from;

        from = to;
        to = t;
      }
    }
  if (from != entries)
    memcpy (entries, from, sizeof (SortEntry) * n);
  g_free (tmp);
}

/* Dot's weighted median of a node's neighbour positions. */
static double
median_value (const Adj *list,
              guint      n,
              const int *pos)
{
  guint m = n / 2;
  double left, right;

  if (n == 0)
    return -1;
  if (n % 2 == 1)
    return pos[list[m].node];
  if (n == 2)
    return (pos[list[0].node] + pos[list[1].node]) / 2.0;
  left = pos[list[m - 1].node] - pos[list[0].node];
  right = pos[list[n - 1].node] - pos[list[m].node];
  if (left + right <= 0)
    return (pos[list[m - 1].node] + pos[list[m].node]) / 2.0;
  return (pos[list[m - 1].node] * right + pos[list[m].node] * left) / (left + right);
}

/* Orders layer r by the medians of its neighbours in the layer above
 * (down) or below; nodes without such neighbours keep their places. */
static void
median_layer (Work      *w,
              Layers    *L,
              guint      r,
              gboolean   down,
              gboolean   flip,
              SortEntry *entries,
              guint     *slots)
{
  guint *nodes = L->nodes + L->start[r];
  guint n = layer_len (L, r), n_moving = 0;
  gboolean changed = FALSE;

  _gw_layout_ensure_sorted (w, L, r);
  for (guint k = 0; k < n; k++)
    {
      guint v = nodes[k];
      double key = down
        ? median_value (w->up + w->up_start[v], w->up_start[v + 1] - w->up_start[v], w->pos)
        : median_value (w->down + w->down_start[v], w->down_start[v + 1] - w->down_start[v], w->pos);

      if (key < 0)
        continue;
      slots[n_moving] = k;
      /* On alternate sweeps, ties are broken the other way round so that
       * nodes with equal medians get a chance to swap. */
      entries[n_moving++] = (SortEntry) { key, flip ? -(int) k : (int) k, v };
    }
  _gw_layout_sort_entries (entries, n_moving);
  for (guint i = 0; i < n_moving; i++)
    if (nodes[slots[i]] != entries[i].node)
      {
        nodes[slots[i]] = entries[i].node;
        changed = TRUE;
      }
  if (changed)
    _gw_layout_layer_changed (w, L, r);
}

/* Moves each node of layer r to the place in the layer where its edges
 * cross least (Matuszewski, Schönfeld and Molitor's sifting). */
static void
sift_layer (Work    *w,
            Layers  *L,
            guint    r,
            guint   *scratch)
{
  guint *nodes = L->nodes + L->start[r];
  guint n = layer_len (L, r);
  gboolean changed = FALSE;

  if (n < 2)
    return;
  _gw_layout_ensure_sorted (w, L, r);
  memcpy (scratch, nodes, sizeof (guint) * n);
  for (guint i = 0; i < n; i++)
    {
      guint u = scratch[i];
      guint from = (guint) w->pos[u];
      guint window = u < w->n ? SIFT_WINDOW : VIRTUAL_SIFT_WINDOW;
      guint lo = from > window ? from - window : 0;
      guint hi = MIN (n - 1, from + window);
      gint64 cost = 0, best_cost = 0;
      guint best = lo;

      if (w->up_start[u] == w->up_start[u + 1] && w->down_start[u] == w->down_start[u + 1])
        continue;
      /* In a large component only real nodes are sifted: the virtual
       * ones are most of the nodes and the sweeps placed them. */
      if (w->large && u >= w->n)
        continue;
      /* Real nodes the polish placed, or hinted ones, stay in order. */
      if (is_fixed (w, u))
        continue;
      /* cost(j): crossings with u at j, less those with u at lo. */
      for (guint j = lo; j <= hi; j++)
        {
          if (j > lo)
            {
              guint v = nodes[j - 1 < from ? j - 1 : j];
              guint64 uv = 0, vu = 0;

              /* Moving u from before v to after it. */
              node_pair_crossings (w, u, v, &uv, &vu);
              cost += (gint64) vu - (gint64) uv;
            }
          if (cost < best_cost || (cost == best_cost && j == from))
            {
              best_cost = cost;
              best = j;
            }
          else if (cost == best_cost && best != from && j < best)
            best = j;
        }
      if (best != from)
        {
          if (best < from)
            memmove (nodes + best + 1, nodes + best, sizeof (guint) * (from - best));
          else
            memmove (nodes + from, nodes + from + 1, sizeof (guint) * (best - from));
          nodes[best] = u;
          for (guint k = MIN (best, from); k <= MAX (best, from); k++)
            w->pos[nodes[k]] = (int) k;
          changed = TRUE;
        }
    }
  if (changed)
    _gw_layout_layer_changed (w, L, r);
}

/* A first order: nodes in the order a walk meets them, starting from the
 * component's sources (or sinks) in insertion order, depth first (or
 * breadth first), down (or up) the edges. */
void
_gw_layout_initial_order (Work   *w,
                          Layers *L,
                          guint  *members,
                          guint   n_members,
                          guint   kind)
{
  gboolean upward = (kind & 1) != 0, breadth = (kind & 2) != 0;
  const guint *next_start = upward ? w->up_start : w->down_start;
  const Adj *next = upward ? w->up : w->down;
  const guint *back_start = upward ? w->down_start : w->up_start;
  guint *fill = g_memdup2 (L->start, sizeof (guint) * (L->nr + 1));
  guint8 *seen = g_new0 (guint8, n_members);
  guint *stack = g_new (guint, n_members + 1);
  guint *iter = g_new (guint, n_members);

  /* w->pos holds each member's local index while this runs. */
  for (guint i = 0; i < n_members; i++)
    w->pos[members[i]] = (int) i;

  for (guint i = 0; i < n_members; i++)
    {
      guint s = members[i], sp = 0, qh = 0;

      /* Every node lies below a source (above a sink). */
      if (s >= w->n || seen[i] || back_start[s] != back_start[s + 1])
        continue;
      seen[i] = TRUE;
      L->nodes[fill[w->layer[s] - L->r0]++] = s;
      iter[i] = next_start[s];
      stack[sp++] = s;
      while (breadth ? qh < sp : sp > 0)
        {
          guint v = breadth ? stack[qh] : stack[sp - 1];
          guint li = (guint) w->pos[v];

          if (iter[li] < next_start[v + 1])
            {
              guint c = next[iter[li]++].node;
              guint lc = (guint) w->pos[c];

              if (seen[lc])
                continue;
              seen[lc] = TRUE;
              L->nodes[fill[w->layer[c] - L->r0]++] = c;
              iter[lc] = next_start[c];
              stack[sp++] = c;
            }
          else if (breadth)
            qh++;
          else
            sp--;
        }
    }
  for (guint r = 0; r < L->nr; r++)
    g_assert (fill[r] == L->start[r + 1]);

  for (guint r = 0; r < L->nr; r++)
    {
      for (guint k = L->start[r]; k < L->start[r + 1]; k++)
        w->pos[L->nodes[k]] = (int) (k - L->start[r]);
      w->up_dirty[L->r0 + (int) r] = TRUE;
      w->down_dirty[L->r0 + (int) r] = TRUE;
    }
  g_free (fill);
  g_free (seen);
  g_free (stack);
  g_free (iter);
}

/* Median sweeps with transposition from the current order, as dot's
 * mincross does: iteration i sweeps down when even, up when odd, and
 * breaks ties the other way round on every other pair of sweeps.  Stops
 * after @max_stall sweeps without a gain of 0.5 %; leaves the best order
 * found in L and returns its crossings. */
static guint64
sweep_order (Work      *w,
             Layers    *L,
             guint     *best_nodes,
             SortEntry *entries,
             guint     *slots,
             guint      max_stall,
             guint      max_sweeps)
{
  guint64 best, c;
  guint stall = 0;

  best = _gw_layout_count_crossings (w, L);
  memcpy (best_nodes, L->nodes, sizeof (guint) * L->n_nodes);
  for (guint it = 0; it < max_sweeps && best > 0 && stall < max_stall; it++)
    {
      gboolean down = (it % 2 == 0);
      gboolean flip = (it % 4) < 2;

      if (down)
        for (guint r = 1; r < L->nr; r++)
          median_layer (w, L, r, TRUE, flip, entries, slots);
      else
        for (guint r = L->nr - 1; r-- > 0;)
          median_layer (w, L, r, FALSE, flip, entries, slots);
      _gw_layout_transpose_all (w, L, !flip);
      c = _gw_layout_count_crossings (w, L);
      stall++;
      if (c <= best)
        {
          if (c < best * 0.995)
            stall = 0;
          best = c;
          memcpy (best_nodes, L->nodes, sizeof (guint) * L->n_nodes);
        }
    }
  memcpy (L->nodes, best_nodes, sizeof (guint) * L->n_nodes);
  for (guint r = 0; r < L->nr; r++)
    _gw_layout_layer_changed (w, L, r);
  return best;
}

guint64
_gw_layout_sift_order (Work    *w,
                       Layers  *L,
                       guint64  best,
                       guint   *best_nodes,
                       guint   *slots,
                       guint    max_rounds)
{
  guint64 c;

  memcpy (best_nodes, L->nodes, sizeof (guint) * L->n_nodes);
  for (guint round = 0; round < max_rounds && best > 0; round++)
    {
      for (guint r = 0; r < L->nr; r++)
        sift_layer (w, L, r, slots);
      for (guint r = L->nr; r-- > 0;)
        sift_layer (w, L, r, slots);
      _gw_layout_transpose_all (w, L, FALSE);
      c = _gw_layout_count_crossings (w, L);
      if (c >= best)
        break;
      best = c;
      memcpy (best_nodes, L->nodes, sizeof (guint) * L->n_nodes);
    }
  memcpy (L->nodes, best_nodes, sizeof (guint) * L->n_nodes);
  for (guint r = 0; r < L->nr; r++)
    _gw_layout_layer_changed (w, L, r);
  return best;
}

/* Global sifting (Bachmaier, Brandenburg, Brunner and Hübner, 2011):
 * a real node is a block, and so is the run of virtual nodes of each long
 * edge.  Blocks take places in one global order from which every layer's
 * order follows; each block in turn moves to the place in that order where
 * the edges cross least.  Unlike moves within a layer, this can take a
 * long edge from one side of the drawing to the other. */

typedef struct
{
  guint   n;
  guint  *block_of;    /* per node of the graph (scratch shared by components) */
  int    *top;         /* first and last layer, as indices into L */
  int    *bottom;
  guint  *node;        /* real node, or NONE for a run of virtual nodes */
  guint  *edge;        /* the long edge of a run */
  double *label;       /* place in the global order */
  guint  *next, *prev;
  guint   head;
} Blocks;

static guint
block_node (Work         *w,
            const Blocks *B,
            guint         b,
            int           r)
{
  if (B->node[b] != NONE)
    return B->node[b];
  /* The run starts one layer below the edge's upper end. */
  return w->chain[w->chain_start[B->edge[b]] + (guint) (r - B->top[b] + 1)];
}

/* Whether node p is left of node q (same layer) when block a sits just
 * before block b in the global order, or just after it when @swapped. */
static gboolean
block_left (const Blocks *B,
            guint         p,
            guint         q,
            guint         a,
            guint         b,
            gboolean      swapped)
{
  guint bp = B->block_of[p], bq = B->block_of[q];
  double lp, lq;

  if (bp == a && bq == b)
    return !swapped;
  if (bp == b && bq == a)
    return swapped;
  lp = B->label[bp == a ? b : bp];
  lq = B->label[bq == a ? b : bq];
  if (lp != lq)
    return lp < lq;
  return bp == a;   /* a goes just before b */
}

/* Change in crossings when block a moves from just before block b to just
 * after it.  Only pairs of edges at a layer both blocks share can change,
 * and inside the shared run of layers both ends of such a pair swap
 * together: only the edges above the first shared layer and below the
 * last one count. */
static gint64
block_delta (Work         *w,
             const Blocks *B,
             guint         a,
             guint         b)
{
  int lo = MAX (B->top[a], B->top[b]), hi = MIN (B->bottom[a], B->bottom[b]);
  gint64 delta = 0;

  if (lo > hi)
    return 0;
  for (guint side = 0; side < 2; side++)
    {
      int r = side == 0 ? lo : hi;
      guint na = block_node (w, B, a, r), nb = block_node (w, B, b, r);
      const guint *start = side == 0 ? w->up_start : w->down_start;
      const Adj *list = side == 0 ? w->up : w->down;

      for (guint i = start[na]; i < start[na + 1]; i++)
        for (guint j = start[nb]; j < start[nb + 1]; j++)
          {
            guint x = list[i].node, y = list[j].node;
            gboolean before, after;

            if (x == y)
              continue;
            /* Crossing iff the far ends are in the other order than a's
             * and b's nodes: before, a's is left; after, right. */
            before = !block_left (B, x, y, a, b, FALSE);
            after = block_left (B, x, y, a, b, TRUE);
            delta += (gint64) after - (gint64) before;
          }
    }
  return delta;
}

static void
blocks_move_after (Blocks *B,
                   guint   a,
                   guint   after)
{
  double lo, hi;

  /* Unlink. */
  if (B->prev[a] != NONE)
    B->next[B->prev[a]] = B->next[a];
  else
    B->head = B->next[a];
  if (B->next[a] != NONE)
    B->prev[B->next[a]] = B->prev[a];

  /* Link after `after`, or first when NONE. */
  B->prev[a] = after;
  B->next[a] = after == NONE ? B->head : B->next[after];
  if (B->next[a] != NONE)
    B->prev[B->next[a]] = a;
  if (after == NONE)
    B->head = a;
  else
    B->next[after] = a;

  lo = B->prev[a] != NONE ? B->label[B->prev[a]] : (B->next[a] != NONE ? B->label[B->next[a]] - 2 : 0);
  hi = B->next[a] != NONE ? B->label[B->next[a]] : lo + 2;
  if (hi - lo > 1e-7)
    B->label[a] = (lo + hi) / 2;
  else
    {
      double l = 0;

      for (guint c = B->head; c != NONE; c = B->next[c])
        B->label[c] = l++;
    }
}

/* Moves block a's node in each of its layers to its place by label: the
 * layers stay sorted by label while blocks move. */
static void
blocks_resort (Work   *w,
               Layers *L,
               Blocks *B,
               guint   a)
{
  for (int r = B->top[a]; r <= B->bottom[a]; r++)
    {
      guint *nodes = L->nodes + L->start[r];
      guint n = layer_len (L, (guint) r), u = block_node (w, B, a, r), from = 0, lo = 0, hi;
      double key = B->label[a];

      while (nodes[from] != u)
        from++;
      memmove (nodes + from, nodes + from + 1, sizeof (guint) * (n - from - 1));
      hi = n - 1;
      while (lo < hi)
        {
          guint mid = (lo + hi) / 2;

          if (B->label[B->block_of[nodes[mid]]] < key)
            lo = mid + 1;
          else
            hi = mid;
        }
      memmove (nodes + lo + 1, nodes + lo, sizeof (guint) * (n - 1 - lo));
      nodes[lo] = u;
    }
}

/* The blocks sharing a layer with block a, in label order.  The layers are
 * sorted by label: each block is taken from the first layer it shares
 * with a (a's top layer, or its own top below that), and these runs are
 * merged. */
static guint
blocks_overlap (Work   *w,
                Layers *L,
                Blocks *B,
                guint   a,
                guint  *run,
                guint  *overlap,
                guint  *heap,
                guint  *at,
                guint  *run_end)
{
  guint m = 0, n_heap = 0, k = (guint) (B->bottom[a] - B->top[a] + 1), n_run = 0;

  if (k == 1)
    {
      int r = B->top[a];

      for (guint q = L->start[r]; q < L->start[r + 1]; q++)
        if (B->block_of[L->nodes[q]] != a)
          overlap[m++] = B->block_of[L->nodes[q]];
      return m;
    }

  /* The runs, one after the other in run[], the first of each at at[]. */
  for (guint h = 0; h < k; h++)
    {
      int r = B->top[a] + (int) h;

      at[h] = n_run;
      for (guint q = L->start[r]; q < L->start[r + 1]; q++)
        {
          guint c = B->block_of[L->nodes[q]];

          if (c != a && (h == 0 || B->top[c] == r))
            run[n_run++] = c;
        }
      run_end[h] = n_run;
    }

#define HEAD_LABEL(h) B->label[run[at[h]]]
  for (guint h = 0; h < k; h++)
    if (at[h] < run_end[h])
      {
        guint i = n_heap++;

        heap[i] = h;
        while (i > 0 && HEAD_LABEL (heap[(i - 1) / 2]) > HEAD_LABEL (heap[i]))
          {
            guint t = heap[i];

            heap[i] = heap[(i - 1) / 2];
            heap[(i - 1) / 2] = t;
            i = (i - 1) / 2;
          }
      }
  while (n_heap > 0)
    {
      guint h = heap[0], i = 0;

      overlap[m++] = run[at[h]];
      if (++at[h] >= run_end[h])
        heap[0] = heap[--n_heap];
      for (;;)
        {
          guint l = 2 * i + 1, rr = l + 1, s = i;

          if (l < n_heap && HEAD_LABEL (heap[l]) < HEAD_LABEL (heap[s]))
            s = l;
          if (rr < n_heap && HEAD_LABEL (heap[rr]) < HEAD_LABEL (heap[s]))
            s = rr;
          if (s == i)
            break;
          {
            guint t = heap[i];

            heap[i] = heap[s];
            heap[s] = t;
          }
          i = s;
        }
    }
#undef HEAD_LABEL
  return m;
}

/* One round: every block moves to its best place, staying where it is
 * when that is as good.  Returns the crossings removed. */
static gint64
global_sift_round (Work   *w,
                   Layers *L,
                   Blocks *B,
                   guint  *run,
                   guint  *overlap,
                   guint  *heap,
                   guint  *at,
                   guint  *run_end)
{
  gint64 gain = 0;

  for (guint a = 0; a < B->n; a++)
    {
      guint m, here = 0, best_j = 0, lo;
      gint64 cost = 0, best_cost = 0, cost_here = 0;

      m = blocks_overlap (w, L, B, a, run, overlap, heap, at, run_end);
      if (m == 0)
        continue;
      while (here < m && B->label[overlap[here]] < B->label[a])
        here++;
      /* cost(j): crossings with a after the first j blocks, less cost(lo);
       * in a wide layer only the places near a are tried. */
      lo = here > GLOBAL_WINDOW ? here - GLOBAL_WINDOW : 0;
      m = MIN (m, here + GLOBAL_WINDOW);
      best_j = lo;
      for (guint j = lo + 1; j <= m; j++)
        {
          cost += block_delta (w, B, a, overlap[j - 1]);
          if (j == here)
            cost_here = cost;
          if (cost < best_cost)
            {
              best_cost = cost;
              best_j = j;
            }
        }
      if (best_cost >= cost_here)
        continue;
      gain += cost_here - best_cost;
      blocks_move_after (B, a, best_j == 0 ? B->prev[overlap[0]] : overlap[best_j - 1]);
      blocks_resort (w, L, B, a);
    }
  return gain;
}

/* Every layer in the order of its nodes' blocks. */
static void
blocks_apply (Work   *w,
              Layers *L,
              Blocks *B)
{
  for (guint r = 0; r < L->nr; r++)
    {
      guint *nodes = L->nodes + L->start[r];
      guint len = layer_len (L, r);

      for (guint i = 1; i < len; i++)
        {
          guint v = nodes[i];
          double key = B->label[B->block_of[v]];
          guint j = i;

          while (j > 0 && B->label[B->block_of[nodes[j - 1]]] > key)
            {
              nodes[j] = nodes[j - 1];
              j--;
            }
          nodes[j] = v;
        }
      _gw_layout_layer_changed (w, L, r);
    }
}

/* Sifts the blocks of a component from its current order; keeps the
 * result when it crosses less.  Returns the crossings. */
static guint64
global_sift (Work    *w,
             Layers  *L,
             guint   *members,
             guint    n_members,
             guint64  best,
             guint   *best_nodes,
             guint    rounds)
{
  Blocks B = { 0 };
  guint *run, *overlap, *indeg, *con_start, *con, *heap_b, *heap, *at, *run_end;
  double *key;
  guint n_con = 0, n_heap = 0, placed = 0;
  guint64 c;

  B.block_of = w->block_of;
  B.top = g_new (int, n_members);
  B.bottom = g_new (int, n_members);
  B.node = g_new (guint, n_members);
  B.edge = g_new (guint, n_members);
  for (guint i = 0; i < n_members; i++)
    {
      guint v = members[i];

      if (v < w->n)
        {
          B.node[B.n] = v;
          B.edge[B.n] = NONE;
          B.top[B.n] = B.bottom[B.n] = w->layer[v] - L->r0;
          w->block_of[v] = B.n++;
        }
      else if (w->up[w->up_start[v]].node < w->n)
        {
          /* The first virtual node of a long edge: the run is one block. */
          guint e = w->seg_edge[w->up[w->up_start[v]].seg];
          guint first = w->chain_start[e], last = w->chain_start[e + 1] - 1;

          B.node[B.n] = NONE;
          B.edge[B.n] = e;
          B.top[B.n] = w->layer[w->chain[first + 1]] - L->r0;
          B.bottom[B.n] = w->layer[w->chain[last - 1]] - L->r0;
          for (guint k = first + 1; k < last; k++)
            w->block_of[w->chain[k]] = B.n;
          B.n++;
        }
    }
  B.label = g_new (double, B.n);
  B.next = g_new (guint, B.n);
  B.prev = g_new (guint, B.n);
  run = g_new (guint, B.n + 1);
  overlap = g_new (guint, B.n + 1);

  /* A global order that keeps the layers' orders where they agree: blocks
   * by the layers' left-to-right constraints, ties by mean relative place. */
  key = g_new0 (double, B.n);
  indeg = g_new0 (guint, B.n);
  con_start = g_new0 (guint, B.n + 1);
  for (guint r = 0; r < L->nr; r++)
    {
      guint len = layer_len (L, r);

      for (guint i = 0; i < len; i++)
        {
          guint b = w->block_of[L->nodes[L->start[r] + i]];

          key[b] += (i + 0.5) / len / (B.bottom[b] - B.top[b] + 1);
          if (i + 1 < len)
            {
              con_start[b + 1]++;
              n_con++;
            }
        }
    }
  for (guint b = 0; b < B.n; b++)
    con_start[b + 1] += con_start[b];
  con = g_new (guint, n_con + 1);
  {
    guint *fill = g_memdup2 (con_start, sizeof (guint) * (B.n + 1));

    for (guint r = 0; r < L->nr; r++)
      for (guint k = L->start[r]; k + 1 < L->start[r + 1]; k++)
        {
          guint a = w->block_of[L->nodes[k]], b = w->block_of[L->nodes[k + 1]];

          con[fill[a]++] = b;
          indeg[b]++;
        }
    g_free (fill);
  }
  heap_b = g_new (guint, B.n + 1);
  {
    guint8 *done = g_new0 (guint8, B.n);
    guint prev = NONE;

    for (guint b = 0; b < B.n; b++)
      if (indeg[b] == 0)
        heap_b[n_heap++] = b;
    while (placed < B.n)
      {
        guint best_i = 0, b;

        if (n_heap == 0)
          {
            /* Crossing runs make the constraints cyclic: take the
             * leftmost remaining block. */
            guint pick = NONE;

            for (guint c2 = 0; c2 < B.n; c2++)
              if (!done[c2] && (pick == NONE || key[c2] < key[pick]))
                pick = c2;
            indeg[pick] = 0;
            heap_b[n_heap++] = pick;
          }
        for (guint i = 1; i < n_heap; i++)
          if (key[heap_b[i]] < key[heap_b[best_i]] ||
              (key[heap_b[i]] == key[heap_b[best_i]] && heap_b[i] < heap_b[best_i]))
            best_i = i;
        b = heap_b[best_i];
        heap_b[best_i] = heap_b[--n_heap];
        if (done[b])
          continue;
        done[b] = TRUE;
        B.label[b] = placed++;
        B.prev[b] = prev;
        B.next[b] = NONE;
        if (prev == NONE)
          B.head = b;
        else
          B.next[prev] = b;
        prev = b;
        for (guint i = con_start[b]; i < con_start[b + 1]; i++)
          if (!done[con[i]] && indeg[con[i]] > 0 && --indeg[con[i]] == 0)
            heap_b[n_heap++] = con[i];
      }
    g_free (done);
  }

  /* The layers in label order, kept so while blocks move. */
  for (guint r = 0; r < L->nr; r++)
    {
      guint *nodes = L->nodes + L->start[r];
      guint len = layer_len (L, r);

      for (guint i = 1; i < len; i++)
        {
          guint v = nodes[i], j = i;
          double lv = B.label[B.block_of[v]];

          while (j > 0 && B.label[B.block_of[nodes[j - 1]]] > lv)
            {
              nodes[j] = nodes[j - 1];
              j--;
            }
          nodes[j] = v;
        }
    }
  heap = g_new (guint, L->nr + 1);
  at = g_new (guint, L->nr + 1);
  run_end = g_new (guint, L->nr + 1);

  for (guint round = 0; round < rounds; round++)
    {
      gint64 gain = global_sift_round (w, L, &B, run, overlap, heap, at, run_end);

      if (gain <= 0)
        break;
    }
  blocks_apply (w, L, &B);
  _gw_layout_transpose_all (w, L, FALSE);
  c = _gw_layout_count_crossings (w, L);
  if (c < best)
    {
      best = c;
      memcpy (best_nodes, L->nodes, sizeof (guint) * n_members);
    }
  else
    {
      memcpy (L->nodes, best_nodes, sizeof (guint) * n_members);
      for (guint r = 0; r < L->nr; r++)
        _gw_layout_layer_changed (w, L, r);
    }

  g_free (B.top);
  g_free (B.bottom);
  g_free (B.node);
  g_free (B.edge);
  g_free (B.label);
  g_free (B.next);
  g_free (B.prev);
  g_free (run);
  g_free (overlap);
  g_free (heap);
  g_free (at);
  g_free (run_end);
  g_free (key);
  g_free (indeg);
  g_free (con_start);
  g_free (con);
  g_free (heap_b);
  return best;
}

/* Shuffles every layer, a fixed pseudo-random permutation per seed. */
static void
shuffle_order (Work   *w,
               Layers *L,
               guint   seed)
{
  guint32 state = 2654435761u * (seed + 1);

  for (guint r = 0; r < L->nr; r++)
    {
      guint *nodes = L->nodes + L->start[r];
      guint n = layer_len (L, r);

      for (guint i = n; i > 1; i--)
        {
          guint j, t;

          /* xorshift32: the same sequence on every machine. */
          state ^= state << 13;
          state ^= state >> 17;
          state ^= state << 5;
          j = state % i;
          t = nodes[i - 1];
          nodes[i - 1] = nodes[j];
          nodes[j] = t;
        }
      _gw_layout_layer_changed (w, L, r);
    }
}

/* The search for an order with few crossings, from initial order number
 * @trial: two short sweep runs (trial 0: from breadth-first orders down,
 * then up the edges; later trials from other walks or shuffled layers), a
 * long run from the better, global sifting, then sifting.  Leaves the
 * order in L.
 *
 * The rest of the search after the short runs depends on their order
 * alone.  @seen (nullable) holds the orders earlier trials went on from:
 * when the short runs end where one did, this trial would repeat it, and
 * FALSE is returned at once; otherwise the order is added to @seen. */
gboolean
_gw_layout_order_component (Work      *w,
                            Layers    *L,
                            guint     *members,
                            guint      n_members,
                            guint      trial,
                            GPtrArray *seen)
{
  guint max_len = 0, stall = MAX (w->opt->sweeps, 1u);
  guint64 best = G_MAXUINT64, c;
  guint *best_nodes, *keep;
  SortEntry *entries;
  guint *slots;
  gboolean repeated = FALSE;

  _gw_layout_initial_order (w, L, members, n_members, (2 + trial) % 4);
  if (L->nr < 2)
    return TRUE;
  for (guint r = 0; r < L->nr; r++)
    max_len = MAX (max_len, layer_len (L, r));
  entries = g_new (SortEntry, max_len + 1);
  slots = g_new (guint, max_len + 1);
  best_nodes = g_new (guint, n_members);
  keep = g_new (guint, n_members);

  if (w->large)
    {
      /* One run of sweeps from the first start, then sifting: global
       * sifting and the long run cost more than linear time. */
      _gw_layout_transpose_all (w, L, FALSE);
      best = sweep_order (w, L, best_nodes, entries, slots, LARGE_SWEEPS, LARGE_SWEEPS);
      _gw_layout_sift_order (w, L, best, best_nodes, slots, SIFT_ROUNDS);
      goto out;
    }

  /* A large component does with one start: its sweeps take long, and
   * global sifting moves far anyway. */
  for (guint k = 0; k < (L->n_nodes > ONE_START_NODES ? 1u : 2u) && best > 0; k++)
    {
      if (k > 0 || trial >= 4)
        _gw_layout_initial_order (w, L, members, n_members, k == 0 ? (2 + trial) % 4 : (3 + trial) % 4);
      if (trial >= 4)
        shuffle_order (w, L, trial * 2 + k);
      _gw_layout_transpose_all (w, L, FALSE);
      c = sweep_order (w, L, best_nodes, entries, slots, stall, SHORT_SWEEPS);
      if (c < best)
        {
          best = c;
          memcpy (keep, L->nodes, sizeof (guint) * n_members);
        }
    }
  if (seen != NULL)
    {
      for (guint i = 0; i < seen->len && !repeated; i++)
        repeated = memcmp (g_ptr_array_index (seen, i), keep, sizeof (guint) * n_members) == 0;
      if (!repeated)
        g_ptr_array_add (seen, g_memdup2 (keep, sizeof (guint) * n_members));
    }
  if (repeated)
    goto out;
  memcpy (L->nodes, keep, sizeof (guint) * n_members);
  for (guint r = 0; r < L->nr; r++)
    _gw_layout_layer_changed (w, L, r);
  sweep_order (w, L, best_nodes, entries, slots, stall, 3 * stall);
  _gw_layout_transpose_all (w, L, FALSE);
  best = _gw_layout_count_crossings (w, L);
  memcpy (best_nodes, L->nodes, sizeof (guint) * n_members);
  best = global_sift (w, L, members, n_members, best, best_nodes, GLOBAL_ROUNDS);
  _gw_layout_sift_order (w, L, best, best_nodes, slots, SIFT_ROUNDS);

out:
  g_free (best_nodes);
  g_free (keep);
  g_free (entries);
  g_free (slots);
  return !repeated;
}
