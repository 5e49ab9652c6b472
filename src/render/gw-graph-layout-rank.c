/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The layered layout's phases 1 and 2: edges oriented so that the graph has
 * no cycle, then layers by longest path and network simplex. */

#include "config.h"

#include "gw-graph-layout-private.h"

/* Builds the incidence lists of a rank graph. */
static void
rank_graph_index (RankGraph *g)
{
  guint *fill;

  g->inc_start = g_new0 (guint, g->n + 1);
  g->inc = g_new (guint, 2 * (gsize) g->m);
  for (guint e = 0; e < g->m; e++)
    {
      g->inc_start[g->tail[e] + 1]++;
      g->inc_start[g->head[e] + 1]++;
    }
  for (guint v = 0; v < g->n; v++)
    g->inc_start[v + 1] += g->inc_start[v];
  fill = g_memdup2 (g->inc_start, sizeof (guint) * g->n);
  for (guint e = 0; e < g->m; e++)
    {
      g->inc[fill[g->tail[e]]++] = e;
      g->inc[fill[g->head[e]]++] = e;
    }
  g_free (fill);
}

static void
rank_graph_clear (RankGraph *g)
{
  g_free (g->tail);
  g_free (g->head);
  g_free (g->minlen);
  g_free (g->weight);
  g_free (g->rank);
  g_free (g->inc_start);
  g_free (g->inc);
}

/* Phase 1: orientation */

static int
compare_int (const void *a,
             const void *b)
{
  int x = *(const int *) a, y = *(const int *) b;

  return (x > y) - (x < y);
}

void
_gw_layout_assign_groups (Work *w)
{
  int *values = g_new (int, w->n + 1);
  int max_group = -1;
  guint n_values = 0;

  w->group = g_new (int, w->n);
  for (guint v = 0; v < w->n; v++)
    max_group = MAX (max_group, w->in_nodes[v].group);
  /* Nodes without a group share a band after the others. */
  for (guint v = 0; v < w->n; v++)
    w->group[v] = w->in_nodes[v].group >= 0 ? w->in_nodes[v].group : max_group + 1;

  for (guint v = 0; v < w->n; v++)
    values[n_values++] = w->group[v];
  qsort (values, n_values, sizeof (int), compare_int);
  w->n_groups = 0;
  for (guint i = 0; i < n_values; i++)
    if (w->n_groups == 0 || values[w->n_groups - 1] != values[i])
      values[w->n_groups++] = values[i];
  w->group_values = values;
}

guint
_gw_layout_group_index (const Work *w,
                        int         group)
{
  guint lo = 0, hi = w->n_groups;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (w->group_values[mid] < group)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

void
_gw_layout_orient_edges (Work *w)
{
  guint *out_start = g_new0 (guint, w->n + 1);
  guint *out = g_new (guint, w->m + 1);
  guint *fill;
  guint8 *state = g_new0 (guint8, w->n);
  guint *stack = g_new (guint, w->n + 1);
  guint *iter = g_new (guint, w->n);

  w->otail = g_new (guint, w->m);
  w->ohead = g_new (guint, w->m);
  w->rev = g_new0 (guint8, w->m);
  w->loop = g_new0 (guint8, w->m);

  for (guint e = 0; e < w->m; e++)
    {
      guint t = w->in_edges[e].tail, h = w->in_edges[e].head;

      w->loop[e] = (t == h);
      if (w->opt->bands && !w->loop[e] && w->group[t] > w->group[h])
        {
          w->rev[e] = TRUE;
          w->otail[e] = h;
          w->ohead[e] = t;
        }
      else
        {
          w->otail[e] = t;
          w->ohead[e] = h;
        }
    }

  /* DFS in insertion order; its back edges close every cycle. */
  for (guint e = 0; e < w->m; e++)
    if (!w->loop[e])
      out_start[w->otail[e] + 1]++;
  for (guint v = 0; v < w->n; v++)
    out_start[v + 1] += out_start[v];
  fill = g_memdup2 (out_start, sizeof (guint) * (w->n + 1));
  for (guint e = 0; e < w->m; e++)
    if (!w->loop[e])
      out[fill[w->otail[e]]++] = e;
  g_free (fill);

  for (guint s = 0; s < w->n; s++)
    {
      guint sp = 0;

      if (state[s] != 0)
        continue;
      state[s] = 1;
      iter[s] = out_start[s];
      stack[sp++] = s;
      while (sp > 0)
        {
          guint v = stack[sp - 1];

          if (iter[v] < out_start[v + 1])
            {
              guint e = out[iter[v]++];
              guint h = w->ohead[e];

              if (state[h] == 0)
                {
                  state[h] = 1;
                  iter[h] = out_start[h];
                  stack[sp++] = h;
                }
              else if (state[h] == 1)
                {
                  w->otail[e] = h;
                  w->ohead[e] = v;
                  w->rev[e] = !w->rev[e];
                }
            }
          else
            {
              state[v] = 2;
              sp--;
            }
        }
    }

  g_free (out_start);
  g_free (out);
  g_free (state);
  g_free (stack);
  g_free (iter);
}

/* Phase 2: layers */

/* Ranks as low as the edges allow, from the ranks already there (0, or
 * an incremental layout's old layers). */
static void
longest_path_ranks (RankGraph *g)
{
  guint *indeg = g_new0 (guint, g->n);
  guint *queue = g_new (guint, g->n + 1);
  guint qh = 0, qt = 0;

  for (guint e = 0; e < g->m; e++)
    indeg[g->head[e]]++;
  for (guint v = 0; v < g->n; v++)
    if (indeg[v] == 0)
      queue[qt++] = v;
  while (qh < qt)
    {
      guint v = queue[qh++];

      for (guint i = g->inc_start[v]; i < g->inc_start[v + 1]; i++)
        {
          guint e = g->inc[i];
          guint h = g->head[e];

          if (g->tail[e] != v)
            continue;
          g->rank[h] = MAX (g->rank[h], g->rank[v] + g->minlen[e]);
          if (--indeg[h] == 0)
            queue[qt++] = h;
        }
    }
  g_assert (qt == g->n);
  g_free (indeg);
  g_free (queue);
}

/* Numbers the subtree of @start (entered through @par_edge) in postorder
 * from @low, and sums the balances. */
static void
simplex_number (Simplex *s,
                guint    start,
                guint    par_edge,
                guint    low)
{
  RankGraph *g = s->g;
  guint counter = low, sp = 0;

  s->par[start] = par_edge;
  s->low[start] = counter;
  s->iter[start] = g->inc_start[start];
  s->sub[start] = s->bal[start];
  s->stack[sp++] = start;
  while (sp > 0)
    {
      guint v = s->stack[sp - 1];

      if (s->iter[v] < g->inc_start[v + 1])
        {
          guint e = g->inc[s->iter[v]++];
          guint c;

          if (!s->in_tree[e] || e == s->par[v])
            continue;
          c = other_end (g, e, v);
          s->par[c] = e;
          s->low[c] = counter;
          s->iter[c] = g->inc_start[c];
          s->sub[c] = s->bal[c];
          s->stack[sp++] = c;
        }
      else
        {
          s->lim[v] = counter;
          s->post[counter] = v;
          counter++;
          sp--;
          if (sp > 0)
            s->sub[s->stack[sp - 1]] += s->sub[v];
        }
    }
}

typedef struct
{
  guint size;
  guint root;
} HeapEntry;

static gboolean
heap_less (const HeapEntry *a,
           const HeapEntry *b)
{
  return a->size < b->size || (a->size == b->size && a->root < b->root);
}

static void
heap_push (HeapEntry *heap,
           guint     *len,
           HeapEntry  entry)
{
  guint i = (*len)++;

  heap[i] = entry;
  while (i > 0 && heap_less (&heap[i], &heap[(i - 1) / 2]))
    {
      HeapEntry t = heap[i];

      heap[i] = heap[(i - 1) / 2];
      heap[(i - 1) / 2] = t;
      i = (i - 1) / 2;
    }
}

static HeapEntry
heap_pop (HeapEntry *heap,
          guint     *len)
{
  HeapEntry top = heap[0];
  guint i = 0;

  heap[0] = heap[--(*len)];
  for (;;)
    {
      guint l = 2 * i + 1, r = l + 1, m = i;

      if (l < *len && heap_less (&heap[l], &heap[m]))
        m = l;
      if (r < *len && heap_less (&heap[r], &heap[m]))
        m = r;
      if (m == i)
        break;
      {
        HeapEntry t = heap[i];

        heap[i] = heap[m];
        heap[m] = t;
      }
      i = m;
    }
  return top;
}

/* Grows tight trees and merges the smallest with its tightest neighbour,
 * shifting its ranks, until every connected component is one tree. */
static void
simplex_feasible_tree (Simplex *s)
{
  RankGraph *g = s->g;
  guint *uf = g_new (guint, g->n);
  guint *size = g_new (guint, g->n);
  guint *next = g_new (guint, g->n);   /* members of a tree, as a list */
  guint *last = g_new (guint, g->n);
  guint8 *seen = g_new0 (guint8, g->n);
  HeapEntry *heap = g_new (HeapEntry, 2 * (gsize) g->n + 1);
  guint heap_len = 0;

  for (guint v = 0; v < g->n; v++)
    {
      guint tail_member, qh;

      if (seen[v])
        continue;
      /* The tight tree around v, breadth first; next[] doubles as queue. */
      seen[v] = TRUE;
      uf[v] = v;
      tail_member = v;
      next[v] = NONE;
      size[v] = 1;
      for (qh = v; qh != NONE; qh = next[qh])
        for (guint i = g->inc_start[qh]; i < g->inc_start[qh + 1]; i++)
          {
            guint e = g->inc[i];
            guint o = other_end (g, e, qh);

            if (seen[o] || slack (g, e) != 0)
              continue;
            seen[o] = TRUE;
            uf[o] = v;
            s->in_tree[e] = TRUE;
            next[tail_member] = o;
            next[o] = NONE;
            tail_member = o;
            size[v]++;
          }
      last[v] = tail_member;
      heap_push (heap, &heap_len, (HeapEntry) { size[v], v });
    }

  while (heap_len > 0)
    {
      HeapEntry top = heap_pop (heap, &heap_len);
      guint c = top.root, best = NONE, r, other, tail_root;
      int best_slack = 0, delta;

      if (uf_find (uf, c) != c || size[c] != top.size)
        continue;
      for (guint u = c; u != NONE && !(best != NONE && best_slack == 0); u = next[u])
        for (guint i = g->inc_start[u]; i < g->inc_start[u + 1]; i++)
          {
            guint e = g->inc[i];
            int sl;

            if (s->in_tree[e] || uf_find (uf, other_end (g, e, u)) == c)
              continue;
            sl = slack (g, e);
            if (best == NONE || sl < best_slack)
              {
                best = e;
                best_slack = sl;
                if (sl == 0)
                  break;
              }
          }
      if (best == NONE)
        continue;  /* a whole connected component */

      tail_root = uf_find (uf, g->tail[best]);
      delta = tail_root == c ? best_slack : -best_slack;
      for (guint u = c; u != NONE; u = next[u])
        g->rank[u] += delta;
      s->in_tree[best] = TRUE;

      other = tail_root == c ? uf_find (uf, g->head[best]) : tail_root;
      if (size[other] >= size[c])
        {
          r = other;
          next[last[other]] = c;
          last[other] = last[c];
          uf[c] = other;
        }
      else
        {
          r = c;
          next[last[c]] = other;
          last[c] = last[other];
          uf[other] = c;
        }
      size[r] = size[c] + size[other];
      heap_push (heap, &heap_len, (HeapEntry) { size[r], r });
    }

  g_free (uf);
  g_free (size);
  g_free (next);
  g_free (last);
  g_free (seen);
  g_free (heap);
}

static inline gint64
cut_value (const Simplex *s,
           guint          v)
{
  guint e = s->par[v];

  return s->g->tail[e] == v ? s->sub[v] : -s->sub[v];
}

/* Returns the child end of a tree edge with a negative cut value. */
static guint
simplex_leave (Simplex *s)
{
  guint n = s->g->n, found = 0, best = NONE;
  gint64 best_cut = 0;

  for (guint k = 0; k < n; k++)
    {
      guint v = (s->search + k) % n;
      gint64 c;

      if (s->par[v] == NONE)
        continue;
      c = cut_value (s, v);
      if (c < 0)
        {
          if (best == NONE || c < best_cut)
            {
              best = v;
              best_cut = c;
            }
          if (++found >= SIMPLEX_SEARCH)
            {
              s->search = (v + 1) % n;
              return best;
            }
        }
    }
  s->search = best != NONE ? (best + 1) % n : 0;
  return best;
}

static guint
simplex_enter (Simplex *s,
               guint    v)
{
  RankGraph *g = s->g;
  guint e = s->par[v];
  guint lo = s->low[v], hi = s->lim[v];
  guint rlo = s->low[s->root[v]], rhi = s->lim[s->root[v]];
  gboolean into_subtree = (g->tail[e] == v);   /* the entering edge's head is in the subtree */
  gboolean scan_inside = (hi - lo + 1) * 2 <= rhi - rlo + 1;
  guint best = NONE;
  int best_slack = 0;

  for (guint pass = 0; pass < 2; pass++)
    {
      guint from, to;

      if (scan_inside)
        {
          if (pass == 1)
            break;
          from = lo;
          to = hi + 1;
        }
      else if (pass == 0)
        {
          from = rlo;
          to = lo;
        }
      else
        {
          from = hi + 1;
          to = rhi + 1;
        }

      for (guint k = from; k < to; k++)
        {
          guint u = s->post[k];

          for (guint i = g->inc_start[u]; i < g->inc_start[u + 1]; i++)
            {
              guint f = g->inc[i];
              guint head = g->head[f];
              gboolean head_inside, tail_inside;
              int sl;

              if (s->in_tree[f])
                continue;
              head_inside = s->lim[head] >= lo && s->lim[head] <= hi;
              tail_inside = s->lim[g->tail[f]] >= lo && s->lim[g->tail[f]] <= hi;
              if (head_inside == tail_inside || head_inside != into_subtree)
                continue;
              sl = slack (g, f);
              if (best == NONE || sl < best_slack)
                {
                  best = f;
                  best_slack = sl;
                  if (sl == 0)
                    return best;
                }
            }
        }
    }
  return best;
}

static void
simplex_update (Simplex *s,
                guint    v,
                guint    f)
{
  RankGraph *g = s->g;
  guint e = s->par[v];
  guint lo = s->low[v], hi = s->lim[v];
  guint rlo = s->low[s->root[v]], rhi = s->lim[s->root[v]];
  int delta = slack (g, f);
  guint a, b;

  if (delta > 0)
    {
      /* Tighten f by moving one side of e; the smaller one. */
      int sign = (g->tail[e] == v) ? -1 : 1;

      if ((hi - lo + 1) * 2 <= rhi - rlo + 1)
        for (guint k = lo; k <= hi; k++)
          g->rank[s->post[k]] += sign * delta;
      else
        {
          for (guint k = rlo; k < lo; k++)
            g->rank[s->post[k]] -= sign * delta;
          for (guint k = hi + 1; k <= rhi; k++)
            g->rank[s->post[k]] -= sign * delta;
        }
    }

  a = g->tail[f];
  b = g->head[f];
  while (!(s->low[a] <= s->lim[b] && s->lim[b] <= s->lim[a]))
    a = other_end (g, s->par[a], a);

  s->in_tree[e] = FALSE;
  s->in_tree[f] = TRUE;
  simplex_number (s, a, s->par[a], s->low[a]);
}

void
_gw_layout_network_simplex (RankGraph *g,
                            guint      max_iterations)
{
  Simplex s = { 0 };
  guint counter = 0;
  guint8 *numbered;

  s.g = g;
  s.in_tree = g_new0 (guint8, g->m);
  s.par = g_new (guint, g->n);
  s.low = g_new (guint, g->n);
  s.lim = g_new (guint, g->n);
  s.post = g_new (guint, g->n);
  s.sub = g_new (gint64, g->n);
  s.bal = g_new0 (int, g->n);
  s.root = g_new (guint, g->n);
  s.stack = g_new (guint, g->n + 1);
  s.iter = g_new (guint, g->n);

  for (guint e = 0; e < g->m; e++)
    {
      s.bal[g->tail[e]] += g->weight[e];
      s.bal[g->head[e]] -= g->weight[e];
    }

  simplex_feasible_tree (&s);

  numbered = g_new0 (guint8, g->n);
  for (guint v = 0; v < g->n; v++)
    {
      guint first = counter;

      if (numbered[v])
        continue;
      simplex_number (&s, v, NONE, counter);
      counter = s.lim[v] + 1;
      for (guint k = first; k < counter; k++)
        {
          numbered[s.post[k]] = TRUE;
          s.root[s.post[k]] = v;
        }
    }
  g_free (numbered);

  for (guint it = 0; it < max_iterations; it++)
    {
      guint v = simplex_leave (&s), f;

      if (v == NONE)
        break;
      f = simplex_enter (&s, v);
      g_assert (f != NONE);
      simplex_update (&s, v, f);
    }

  g_free (s.in_tree);
  g_free (s.par);
  g_free (s.low);
  g_free (s.lim);
  g_free (s.post);
  g_free (s.sub);
  g_free (s.bal);
  g_free (s.root);
  g_free (s.stack);
  g_free (s.iter);
}

/* Moves nodes with as many edges in as out to the least crowded layer
 * they can take, which evens the layers' widths.  Crowding is counted
 * within each group of nodes of the same label (a connected component,
 * laid out apart from the others), so that editing one component does
 * not move another. */
static void
balance_ranks (RankGraph   *g,
               guint        n_real,
               int          max_rank,
               const guint *label)
{
  int *count = g_new0 (int, max_rank + 1);
  guint *start = g_new0 (guint, n_real + 1), *order = g_new (guint, n_real + 1);

  for (guint v = 0; v < n_real; v++)
    start[label[v] + 1]++;
  for (guint c = 0; c < n_real; c++)
    start[c + 1] += start[c];
  {
    g_autofree guint *fill = g_memdup2 (start, sizeof (guint) * (n_real + 1));

    for (guint v = 0; v < n_real; v++)
      order[fill[label[v]]++] = v;
  }

  for (guint c = 0; c < n_real; c++)
    {
      for (guint k = start[c]; k < start[c + 1]; k++)
        count[g->rank[order[k]]]++;
      for (guint k = start[c]; k < start[c + 1]; k++)
        {
          guint v = order[k];
          int in_w = 0, out_w = 0, low = 0, high = max_rank, best;

          for (guint i = g->inc_start[v]; i < g->inc_start[v + 1]; i++)
            {
              guint e = g->inc[i];

              if (g->head[e] == v)
                {
                  in_w += g->weight[e];
                  low = MAX (low, g->rank[g->tail[e]] + g->minlen[e]);
                }
              else
                {
                  out_w += g->weight[e];
                  high = MIN (high, g->rank[g->head[e]] - g->minlen[e]);
                }
            }
          if (in_w != out_w || in_w == 0)
            continue;
          best = g->rank[v];
          for (int r = low; r <= high; r++)
            if (count[r] < count[best])
              best = r;
          count[g->rank[v]]--;
          count[best]++;
          g->rank[v] = best;
        }
      for (guint k = start[c]; k < start[c + 1]; k++)
        count[g->rank[order[k]]] = 0;
    }
  g_free (count);
  g_free (start);
  g_free (order);
}

/* Labels nodes by connected component (the smallest node of each); with
 * bands every node is in one group, since bands line up all components. */
static guint *
component_labels (Work *w)
{
  guint *label = g_new (guint, w->n + 1);

  for (guint v = 0; v < w->n; v++)
    label[v] = w->opt->bands ? 0 : v;
  if (w->opt->bands)
    return label;
  for (guint e = 0; e < w->m; e++)
    if (!w->loop[e])
      {
        guint a = uf_find (label, w->otail[e]), b = uf_find (label, w->ohead[e]);

        if (a < b)
          label[b] = a;
        else if (b < a)
          label[a] = b;
      }
  for (guint v = 0; v < w->n; v++)
    label[v] = uf_find (label, v);
  return label;
}

void
_gw_layout_assign_ranks (Work *w)
{
  RankGraph g = { 0 };
  guint n_bands = w->opt->bands ? w->n_groups : 0;
  guint k = 0, *label;
  int min_rank = G_MAXINT, max_rank = 0;

  g.n = w->n + 2 * n_bands;
  for (guint e = 0; e < w->m; e++)
    g.m += !w->loop[e];
  if (n_bands > 0)
    g.m += 2 * (gsize) w->n + n_bands - 1;
  g.tail = g_new (guint, g.m);
  g.head = g_new (guint, g.m);
  g.minlen = g_new (int, g.m);
  g.weight = g_new (int, g.m);
  g.rank = g_new0 (int, g.n);
  /* Incremental: nodes start in their old layers and move down only where
   * an edge needs it. */
  if (w->incremental)
    for (guint v = 0; v < w->n; v++)
      g.rank[v] = MAX (w->in_nodes[v].hint_layer, 0);

  for (guint e = 0; e < w->m; e++)
    if (!w->loop[e])
      {
        g.tail[k] = w->otail[e];
        g.head[k] = w->ohead[e];
        g.minlen[k] = 1;
        g.weight[k] = 1;
        k++;
      }
  if (n_bands > 0)
    {
      /* Band b spans the layers between its top node n + 2b and its
       * bottom node n + 2b + 1; the next band starts below. */
      for (guint v = 0; v < w->n; v++)
        {
          guint b = _gw_layout_group_index (w, w->group[v]);

          g.tail[k] = w->n + 2 * b;
          g.head[k] = v;
          g.minlen[k] = 0;
          g.weight[k] = 0;
          k++;
          g.tail[k] = v;
          g.head[k] = w->n + 2 * b + 1;
          g.minlen[k] = 0;
          g.weight[k] = 0;
          k++;
        }
      for (guint b = 0; b + 1 < n_bands; b++)
        {
          g.tail[k] = w->n + 2 * b + 1;
          g.head[k] = w->n + 2 * (b + 1);
          g.minlen[k] = 1;
          g.weight[k] = 0;
          k++;
        }
    }
  g_assert (k == g.m);
  rank_graph_index (&g);

  longest_path_ranks (&g);
  if (w->opt->network_simplex && !w->incremental)
    {
      gint64 excess = 0;

      /* Every weighted edge as short as it may be: nothing to improve,
       * and the pivots would all be degenerate. */
      for (guint e = 0; e < g.m; e++)
        excess += (gint64) g.weight[e] * slack (&g, e);
      if (excess > 0)
        _gw_layout_network_simplex (&g, 50 * (g.n + g.m) + 1000);
    }

  /* Every component from layer 0 (all together with bands). */
  label = component_labels (w);
  {
    g_autofree int *lowest = g_new (int, w->n + 1);

    for (guint v = 0; v < w->n; v++)
      lowest[v] = G_MAXINT;
    for (guint v = 0; v < w->n; v++)
      lowest[label[v]] = MIN (lowest[label[v]], g.rank[v]);
    for (guint v = 0; v < w->n; v++)
      min_rank = MIN (min_rank, g.rank[v]);
    if (w->n == 0)
      min_rank = 0;
    /* Band nodes move with the lot; an incremental layout keeps its layers. */
    if (w->incremental)
      min_rank = 0;
    for (guint v = w->n; v < g.n; v++)
      g.rank[v] -= min_rank;
    for (guint v = 0; v < w->n && !w->incremental; v++)
      g.rank[v] -= w->opt->bands ? min_rank : lowest[label[v]];
  }
  for (guint v = 0; v < w->n; v++)
    max_rank = MAX (max_rank, g.rank[v]);
  if (w->opt->network_simplex && !w->incremental)
    balance_ranks (&g, w->n, max_rank, label);
  g_free (label);

  w->rank = g_new (int, MAX (w->n, 1));
  memcpy (w->rank, g.rank, sizeof (int) * w->n);
  w->n_ranks = w->n > 0 ? max_rank + 1 : 0;
  rank_graph_clear (&g);
}
