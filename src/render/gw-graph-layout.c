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
 * With hints (the layers and places of a layout before an edit), steps 2
 * to 5 keep what they can: old layers, old orders, old places.  Every loop
 * runs in insertion order and every sort breaks ties on indices, so the
 * same input always gives the same output. */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gw-graph-layout.h"

#define NONE G_MAXUINT
#define SIMPLEX_SEARCH 30     /* negative cut values looked at before a pivot */
#define SIFT_WINDOW 200       /* positions tried each side when sifting a wide layer */
#define VIRTUAL_SIFT_WINDOW 16u  /* the same for virtual nodes */
#define LOOP_SIZE 18.0        /* how far a self-loop sticks out of its node */
#define PORT_SPACING 10.0
#define ANCHOR_WEIGHT 50.0    /* pull of a polished node towards its place */
#define INCREMENTAL_ANCHOR_WEIGHT 10000.0  /* pull of a hinted node */
#define SHORT_SWEEPS 4        /* sweeps from each of the two first orders */
#define GLOBAL_ROUNDS 2
#define SIFT_ROUNDS 1
#define STRAIGHTEN_SWEEPS 100
#define POLISH_ROUNDS 2
#define POLISH_WINDOW 2u        /* gaps tried each side of a node */
#define POLISH_MAX_PAIRS 4096u  /* a node whose edges could cross more is left where it is */
#define GLOBAL_WINDOW 1000u     /* places tried each side of a block in global sifting */
#define TRIAL_SEGMENTS 1000   /* components up to this many segments get several trials */
#define MAX_TRIALS 4
#define ONE_START_NODES 1000  /* nodes (virtual ones included) above which one start is made */

typedef struct
{
  double width;
  double height;
  int    group;
  double hint;     /* where it was along its layer; NAN for none */
  int    hint_layer;
} InNode;

typedef struct
{
  guint tail;
  guint head;
} InEdge;

typedef struct
{
  int    group;
  double start;
  double end;
} Band;

struct _GwGraphLayout
{
  GArray           *in_nodes;     /* InNode */
  GArray           *in_edges;     /* InEdge */

  gboolean          done;
  GwGraphNodePlace *places;
  guint8           *reversed;
  guint            *point_start;  /* per edge, n_edges + 1 */
  GArray           *points;       /* GwGraphPoint */
  guint            *chain_start;
  GArray           *chain;        /* GwGraphPoint */
  double           *layer_pos;
  guint             n_layers;
  GArray           *bands;        /* Band, by group */
  double            width;
  double            height;
  guint             n_reversed;
  guint             n_virtual;
  guint64           crossings;
};

/* The graph that network simplex ranks: real nodes, then band nodes. */
typedef struct
{
  guint  n, m;
  guint *tail, *head;
  int   *minlen, *weight;
  int   *rank;
  guint *inc_start, *inc;   /* incident edges of each node, both directions */
} RankGraph;

typedef struct
{
  RankGraph *g;
  guint8    *in_tree;
  guint     *par;           /* tree edge to the parent, NONE at a root */
  guint     *low, *lim;     /* the subtree of v holds the lims low[v]..lim[v] */
  guint     *post;          /* node of each lim */
  gint64    *sub;           /* sum of bal over the subtree */
  int       *bal;           /* out weight - in weight */
  guint     *root;
  guint     *stack, *iter;
  guint      search;
} Simplex;

typedef struct
{
  guint node;
  guint seg;
} Adj;

typedef struct
{
  guint  n_nodes;
  int    r0;                /* first layer */
  guint  nr;                /* number of layers */
  guint *start;             /* nr + 1 */
  guint *nodes;             /* by layer, then position */
} Layers;

typedef struct
{
  const GwGraphLayoutOptions *opt;
  guint    n;               /* real nodes */
  guint    m;               /* edges */
  const InNode *in_nodes;
  const InEdge *in_edges;

  /* orientation */
  guint   *otail, *ohead;
  guint8  *rev, *loop;
  int     *group;           /* effective group when banding */
  guint    n_groups;
  int     *group_values;    /* sorted distinct groups */

  /* layers */
  int     *rank;            /* of real nodes */
  int      n_ranks;

  /* the proper layered graph: real nodes then virtual nodes */
  guint    nt;
  int     *layer;
  guint   *comp;
  double  *lw, *lh;         /* size in the layout (self-loops widen) */
  guint    n_seg;
  guint   *seg_up, *seg_down, *seg_edge;
  guint8  *marked;
  guint   *up_start, *down_start;
  Adj     *up, *down;
  guint   *chain_start, *chain;   /* per edge: upper end, virtual nodes, lower end */
  int     *pos;
  guint8  *up_dirty, *down_dirty; /* per layer: neighbour lists out of order */

  guint    n_comps;
  guint   *comp_first;      /* per component: smallest real node */

  gboolean real_fixed;       /* only virtual nodes may move in the order */
  gboolean incremental;      /* some nodes have hints: keep close to them */
  double  *anchor;           /* per real node: its hint, or NAN */
  double   anchor_weight;

  /* scratch */
  double  *key;
  guint   *block_of;
  guint   *fenwick;
  double  *x;
} Work;

/* Small helpers */

static inline guint
other_end (const RankGraph *g,
           guint            e,
           guint            v)
{
  return g->tail[e] == v ? g->head[e] : g->tail[e];
}

static inline int
slack (const RankGraph *g,
       guint            e)
{
  return g->rank[g->head[e]] - g->rank[g->tail[e]] - g->minlen[e];
}

static guint
uf_find (guint *parent,
         guint  v)
{
  guint r = v;

  while (parent[r] != r)
    r = parent[r];
  while (parent[v] != r)
    {
      guint next = parent[v];

      parent[v] = r;
      v = next;
    }
  return r;
}

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

static void
assign_groups (Work *w)
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

static guint
group_index (const Work *w,
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

static void
orient_edges (Work *w)
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

static void
network_simplex (RankGraph *g,
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

static void
assign_ranks (Work *w)
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
          guint b = group_index (w, w->group[v]);

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
        network_simplex (&g, 50 * (g.n + g.m) + 1000);
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

/* Phase 3: virtual nodes and components */

static void
build_proper_graph (Work *w)
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

static inline guint
layer_len (const Layers *L,
           guint         r)
{
  return L->start[r + 1] - L->start[r];
}

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
static void
ensure_sorted (Work         *w,
               const Layers *L,
               guint         r)
{
  int gr = L->r0 + (int) r;

  if (w->up_dirty[gr])
    {
      for (guint k = L->start[r]; k < L->start[r + 1]; k++)
        {
          guint v = L->nodes[k];

          sort_adj (w->up + w->up_start[v], w->up_start[v + 1] - w->up_start[v], w->pos);
        }
      w->up_dirty[gr] = FALSE;
    }
  if (w->down_dirty[gr])
    {
      for (guint k = L->start[r]; k < L->start[r + 1]; k++)
        {
          guint v = L->nodes[k];

          sort_adj (w->down + w->down_start[v], w->down_start[v + 1] - w->down_start[v], w->pos);
        }
      w->down_dirty[gr] = FALSE;
    }
}

/* Layer r's order changed: the lists pointing into it are out of order. */
static void
layer_changed (Work         *w,
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

  ensure_sorted (w, L, r);
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

static guint64
count_crossings (Work         *w,
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

  ensure_sorted (w, L, r);
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
    layer_changed (w, L, r);
  return gain;
}

/* Transposes every layer until a round removes no crossing; only layers
 * next to a change are looked at again. */
static void
transpose_all (Work     *w,
               Layers   *L,
               gboolean  ties)
{
  guint8 *candidate = g_new (guint8, L->nr + 1);
  guint64 gain;

  memset (candidate, TRUE, L->nr);
  do
    {
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

typedef struct
{
  double key;
  int    pos;
  guint  node;
} SortEntry;

static int
compare_sort_entry (const void *pa,
                    const void *pb)
{
  const SortEntry *a = pa, *b = pb;

  if (a->key != b->key)
    return a->key < b->key ? -1 : 1;
  return (a->pos > b->pos) - (a->pos < b->pos);
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

  ensure_sorted (w, L, r);
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
  qsort (entries, n_moving, sizeof (SortEntry), compare_sort_entry);
  for (guint i = 0; i < n_moving; i++)
    if (nodes[slots[i]] != entries[i].node)
      {
        nodes[slots[i]] = entries[i].node;
        changed = TRUE;
      }
  if (changed)
    layer_changed (w, L, r);
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
  ensure_sorted (w, L, r);
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
    layer_changed (w, L, r);
}

/* A first order: nodes in the order a walk meets them, starting from the
 * component's sources (or sinks) in insertion order, depth first (or
 * breadth first), down (or up) the edges. */
static void
initial_order (Work   *w,
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

  best = count_crossings (w, L);
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
      transpose_all (w, L, !flip);
      c = count_crossings (w, L);
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
    layer_changed (w, L, r);
  return best;
}

static guint64
sift_order (Work    *w,
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
      transpose_all (w, L, FALSE);
      c = count_crossings (w, L);
      if (c >= best)
        break;
      best = c;
      memcpy (best_nodes, L->nodes, sizeof (guint) * L->n_nodes);
    }
  memcpy (L->nodes, best_nodes, sizeof (guint) * L->n_nodes);
  for (guint r = 0; r < L->nr; r++)
    layer_changed (w, L, r);
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
      layer_changed (w, L, r);
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
  transpose_all (w, L, FALSE);
  c = count_crossings (w, L);
  if (c < best)
    {
      best = c;
      memcpy (best_nodes, L->nodes, sizeof (guint) * n_members);
    }
  else
    {
      memcpy (L->nodes, best_nodes, sizeof (guint) * n_members);
      for (guint r = 0; r < L->nr; r++)
        layer_changed (w, L, r);
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
      layer_changed (w, L, r);
    }
}

/* The search for an order with few crossings, from initial order number
 * @trial: two short sweep runs (trial 0: from breadth-first orders down,
 * then up the edges; later trials from other walks or shuffled layers), a
 * long run from the better, global sifting, then sifting.  Leaves the
 * order in L. */
static void
order_component (Work   *w,
                 Layers *L,
                 guint  *members,
                 guint   n_members,
                 guint   trial)
{
  guint max_len = 0, stall = MAX (w->opt->sweeps, 1u);
  guint64 best = G_MAXUINT64, c;
  guint *best_nodes, *keep;
  SortEntry *entries;
  guint *slots;

  initial_order (w, L, members, n_members, (2 + trial) % 4);
  if (L->nr < 2)
    return;
  for (guint r = 0; r < L->nr; r++)
    max_len = MAX (max_len, layer_len (L, r));
  entries = g_new (SortEntry, max_len + 1);
  slots = g_new (guint, max_len + 1);
  best_nodes = g_new (guint, n_members);
  keep = g_new (guint, n_members);

  /* A large component does with one start: its sweeps take long, and
   * global sifting moves far anyway. */
  for (guint k = 0; k < (L->n_nodes > ONE_START_NODES ? 1u : 2u) && best > 0; k++)
    {
      if (k > 0 || trial >= 4)
        initial_order (w, L, members, n_members, k == 0 ? (2 + trial) % 4 : (3 + trial) % 4);
      if (trial >= 4)
        shuffle_order (w, L, trial * 2 + k);
      transpose_all (w, L, FALSE);
      c = sweep_order (w, L, best_nodes, entries, slots, stall, SHORT_SWEEPS);
      if (c < best)
        {
          best = c;
          memcpy (keep, L->nodes, sizeof (guint) * n_members);
        }
    }
  memcpy (L->nodes, keep, sizeof (guint) * n_members);
  for (guint r = 0; r < L->nr; r++)
    layer_changed (w, L, r);
  sweep_order (w, L, best_nodes, entries, slots, stall, 3 * stall);
  transpose_all (w, L, FALSE);
  best = count_crossings (w, L);
  memcpy (best_nodes, L->nodes, sizeof (guint) * n_members);
  best = global_sift (w, L, members, n_members, best, best_nodes, GLOBAL_ROUNDS);
  sift_order (w, L, best, best_nodes, slots, SIFT_ROUNDS);

  g_free (best_nodes);
  g_free (keep);
  g_free (entries);
  g_free (slots);
}

/* Phase 5: coordinates (Brandes and Köpf) */

static double
separation (Work  *w,
            guint  a,
            guint  b)
{
  gboolean ra = a < w->n, rb = b < w->n;
  double sep = w->opt->node_sep;

  if (!ra && !rb)
    sep /= 4;
  else if (!ra || !rb)
    sep /= 2;
  return (w->lw[a] + w->lw[b]) / 2 + sep;
}

/* Marks the segments that cross an inner segment (one between two
 * virtual nodes): alignment must not use them. */
static void
mark_conflicts (Work         *w,
                const Layers *L)
{
  for (guint r = 1; r + 1 < L->nr; r++)
    {
      const guint *lower = L->nodes + L->start[r + 1];
      guint n_lower = layer_len (L, r + 1), n_upper = layer_len (L, r);
      int k0 = 0;
      guint l = 0;

      for (guint l1 = 0; l1 < n_lower; l1++)
        {
          guint v = lower[l1];
          int inner = -1;

          if (v >= w->n && w->up_start[v + 1] - w->up_start[v] == 1 && w->up[w->up_start[v]].node >= w->n)
            inner = w->pos[w->up[w->up_start[v]].node];
          if (l1 + 1 == n_lower || inner >= 0)
            {
              int k1 = inner >= 0 ? inner : (int) n_upper - 1;

              for (; l <= l1; l++)
                {
                  guint x = lower[l];

                  for (guint i = w->up_start[x]; i < w->up_start[x + 1]; i++)
                    {
                      int p = w->pos[w->up[i].node];

                      if (p < k0 || p > k1)
                        w->marked[w->up[i].seg] = TRUE;
                    }
                }
              k0 = k1;
            }
        }
    }
}

/* One of the four alignments: vertical direction from the top (or the
 * bottom), horizontal from the left (or the right).  Writes x of every
 * node of the component into xs, leftmost placement for that direction. */
static void
align_and_compact (Work         *w,
                   const Layers *L,
                   gboolean      from_bottom,
                   gboolean      from_right,
                   guint        *root,
                   double       *xs)
{
  guint n = L->n_nodes;
  guint *b_start, *b_next, *b_to, *indeg, *queue, qh = 0, qt = 0, n_be = 0;
  double *b_gap, *bx;

  for (guint k = 0; k < n; k++)
    root[k] = k;

  for (guint step = 1; step < L->nr; step++)
    {
      guint r = from_bottom ? L->nr - 1 - step : step;
      guint len = layer_len (L, r);
      int bound = -1;

      for (guint i = 0; i < len; i++)
        {
          guint k = L->start[r] + (from_right ? len - 1 - i : i);
          guint v = L->nodes[k];
          const Adj *list = from_bottom ? w->down + w->down_start[v] : w->up + w->up_start[v];
          guint d = from_bottom ? w->down_start[v + 1] - w->down_start[v] : w->up_start[v + 1] - w->up_start[v];
          guint medians[2];
          guint n_med;
          gboolean aligned = FALSE;

          if (d == 0)
            continue;
          medians[0] = (d - 1) / 2;
          medians[1] = d / 2;
          n_med = medians[0] == medians[1] ? 1 : 2;
          if (from_right && n_med == 2)
            {
              guint t = medians[0];

              medians[0] = medians[1];
              medians[1] = t;
            }
          for (guint mi = 0; mi < n_med && !aligned; mi++)
            {
              guint u = list[medians[mi]].node;
              guint ru = (guint) w->layer[u] - (guint) L->r0;
              int hp = from_right ? (int) layer_len (L, ru) - 1 - w->pos[u] : w->pos[u];

              if (!w->marked[list[medians[mi]].seg] && bound < hp)
                {
                  root[k] = root[L->start[ru] + (guint) w->pos[u]];
                  bound = hp;
                  aligned = TRUE;
                }
            }
        }
    }

  /* Block graph: each root after the root of its left neighbour. */
  b_start = g_new0 (guint, n + 1);
  b_next = g_new (guint, n + 1);
  b_to = g_new (guint, n + 1);
  b_gap = g_new (double, n + 1);
  indeg = g_new0 (guint, n);
  for (guint k = 0; k < n; k++)
    b_start[k] = NONE;
  for (guint r = 0; r < L->nr; r++)
    {
      guint len = layer_len (L, r);

      for (guint i = 0; i + 1 < len; i++)
        {
          guint ka = L->start[r] + (from_right ? len - 1 - i : i);
          guint kb = L->start[r] + (from_right ? len - 2 - i : i + 1);
          guint a = root[ka], b = root[kb];

          b_to[n_be] = b;
          b_gap[n_be] = separation (w, L->nodes[ka], L->nodes[kb]);
          b_next[n_be] = b_start[a];
          b_start[a] = n_be;
          indeg[b]++;
          n_be++;
        }
    }
  bx = g_new0 (double, n);
  queue = g_new (guint, n + 1);
  for (guint k = 0; k < n; k++)
    if (root[k] == k && indeg[k] == 0)
      queue[qt++] = k;
  while (qh < qt)
    {
      guint a = queue[qh++];

      for (guint e = b_start[a]; e != NONE; e = b_next[e])
        {
          guint b = b_to[e];

          bx[b] = MAX (bx[b], bx[a] + b_gap[e]);
          if (--indeg[b] == 0)
            queue[qt++] = b;
        }
    }
  for (guint k = 0; k < n; k++)
    xs[k] = from_right ? -bx[root[k]] : bx[root[k]];

  g_free (b_start);
  g_free (b_next);
  g_free (b_to);
  g_free (b_gap);
  g_free (indeg);
  g_free (bx);
  g_free (queue);
}

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Weight of a segment in the coordinate refinement: long edges (runs of
 * virtual nodes) are kept straight first, as in dot. */
static double
segment_weight (Work  *w,
                guint  a,
                guint  b)
{
  int virtuals = (a >= w->n) + (b >= w->n);

  return virtuals == 2 ? 8 : virtuals == 1 ? 2 : 1;
}

/* Moves every node of layer r as close as it can to the weighted mean of
 * its neighbours while the layer keeps its order and separations: a
 * weighted isotonic regression, solved exactly by pooling adjacent
 * violators.  Returns how far the furthest node moved. */
static double
relax_layer (Work         *w,
             const Layers *L,
             guint         r,
             double       *x,
             const double *anchor,
             double       *target,
             double       *weight,
             double       *offset,
             double       *block_w,
             double       *block_s,
             guint        *block_n)
{
  guint first = L->start[r], len = layer_len (L, r), nb = 0;
  double moved = 0;

  for (guint i = 0; i < len; i++)
    {
      guint v = L->nodes[first + i];
      double sum = 0, wsum = 0;

      for (guint j = w->up_start[v]; j < w->up_start[v + 1]; j++)
        {
          guint a = w->up[j].node;
          double ws = segment_weight (w, a, v);

          sum += ws * x[L->start[w->layer[a] - L->r0] + (guint) w->pos[a]];
          wsum += ws;
        }
      for (guint j = w->down_start[v]; j < w->down_start[v + 1]; j++)
        {
          guint b = w->down[j].node;
          double ws = segment_weight (w, v, b);

          sum += ws * x[L->start[w->layer[b] - L->r0] + (guint) w->pos[b]];
          wsum += ws;
        }
      offset[i] = i == 0 ? 0 : offset[i - 1] + separation (w, L->nodes[first + i - 1], v);
      if (anchor != NULL && v < w->n && !isnan (anchor[v]))
        {
          /* Held near where the straight-line polish put it. */
          sum += w->anchor_weight * anchor[v];
          wsum += w->anchor_weight;
        }
      if (wsum > 0)
        {
          target[i] = sum / wsum - offset[i];
          weight[i] = wsum;
        }
      else
        {
          /* A node without edges stays where it is unless pushed. */
          target[i] = x[first + i] - offset[i];
          weight[i] = 1e-3;
        }
    }

  for (guint i = 0; i < len; i++)
    {
      block_w[nb] = weight[i];
      block_s[nb] = weight[i] * target[i];
      block_n[nb] = 1;
      nb++;
      while (nb > 1 && block_s[nb - 2] / block_w[nb - 2] > block_s[nb - 1] / block_w[nb - 1])
        {
          block_w[nb - 2] += block_w[nb - 1];
          block_s[nb - 2] += block_s[nb - 1];
          block_n[nb - 2] += block_n[nb - 1];
          nb--;
        }
    }
  for (guint b = 0, i = 0; b < nb; b++)
    {
      double y = block_s[b] / block_w[b];

      for (guint c = 0; c < block_n[b]; c++, i++)
        {
          double nx = y + offset[i];

          moved = MAX (moved, fabs (nx - x[first + i]));
          x[first + i] = nx;
        }
    }
  return moved;
}

/* Refines Brandes–Köpf's coordinates by least squares over the segments:
 * each long edge becomes a straight line between its ends and each node
 * moves towards its neighbours, orders and separations kept. */
static void
straighten (Work         *w,
            const Layers *L,
            double       *x,
            const double *anchor)
{
  guint max_len = 1;
  double *target, *weight, *offset, *block_w, *block_s;
  guint *block_n;
  guint sweeps = STRAIGHTEN_SWEEPS;

  for (guint r = 0; r < L->nr; r++)
    max_len = MAX (max_len, layer_len (L, r));
  target = g_new (double, max_len);
  weight = g_new (double, max_len);
  offset = g_new (double, max_len);
  block_w = g_new (double, max_len);
  block_s = g_new (double, max_len);
  block_n = g_new (guint, max_len);

  for (guint s = 0; s < sweeps; s++)
    {
      double moved = 0;

      for (guint i = 0; i < L->nr; i++)
        {
          guint r = s % 2 == 0 ? i : L->nr - 1 - i;

          moved = MAX (moved, relax_layer (w, L, r, x, anchor, target, weight, offset, block_w, block_s, block_n));
        }
      if (moved < 0.25)
        break;
    }

  g_free (target);
  g_free (weight);
  g_free (offset);
  g_free (block_w);
  g_free (block_s);
  g_free (block_n);
}





/* x of every node of the component, by index into L->nodes. */
static void
place_component (Work         *w,
                 const Layers *L,
                 double       *x)
{
  guint n = L->n_nodes;
  guint *root = g_new (guint, n + 1);
  double *xs[4];
  double lo[4], hi[4];
  guint narrowest = 0;

  for (guint r = 0; r < L->nr; r++)
    {
      w->up_dirty[L->r0 + (int) r] = TRUE;
      w->down_dirty[L->r0 + (int) r] = TRUE;
      ensure_sorted (w, L, r);
    }
  mark_conflicts (w, L);

  for (guint d = 0; d < 4; d++)
    {
      xs[d] = g_new (double, n + 1);
      align_and_compact (w, L, d & 1, (d & 2) != 0, root, xs[d]);
      lo[d] = G_MAXDOUBLE;
      hi[d] = -G_MAXDOUBLE;
      for (guint k = 0; k < n; k++)
        {
          double half = w->lw[L->nodes[k]] / 2;

          lo[d] = MIN (lo[d], xs[d][k] - half);
          hi[d] = MAX (hi[d], xs[d][k] + half);
        }
      if (hi[d] - lo[d] < hi[narrowest] - lo[narrowest])
        narrowest = d;
    }

  /* Align the others to the narrowest, by its left or right side. */
  for (guint d = 0; d < 4; d++)
    {
      double shift = (d & 2) ? hi[narrowest] - hi[d] : lo[narrowest] - lo[d];

      for (guint k = 0; k < n; k++)
        xs[d][k] += shift;
    }
  for (guint k = 0; k < n; k++)
    {
      double v[4] = { xs[0][k], xs[1][k], xs[2][k], xs[3][k] };

      qsort (v, 4, sizeof (double), compare_double);
      x[k] = (v[1] + v[2]) / 2;
    }
  straighten (w, L, x, NULL);

  for (guint d = 0; d < 4; d++)
    g_free (xs[d]);
  g_free (root);
}




/* Straight-line polish.  Seen as straight segments between their ends'
 * centres, edges cross more than along their routes through the virtual
 * nodes; each real node moves to the gap between the real nodes of its
 * layer where its edges, drawn straight, cross least.  Exact counts: a
 * segment is tested against the edges that span one of its layer gaps. */

static gboolean
segments_cross (double ax, double ay, double bx, double by,
                double cx, double cy, double dx, double dy)
{
  double o1 = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
  double o2 = (bx - ax) * (dy - ay) - (by - ay) * (dx - ax);
  double o3 = (dx - cx) * (ay - cy) - (dy - cy) * (ax - cx);
  double o4 = (dx - cx) * (by - cy) - (dy - cy) * (bx - cx);

  return ((o1 > 1e-9 && o2 < -1e-9) || (o1 < -1e-9 && o2 > 1e-9)) &&
         ((o3 > 1e-9 && o4 < -1e-9) || (o3 < -1e-9 && o4 > 1e-9));
}

typedef struct
{
  double x0, y0, x1, y1;
  guint  moving;      /* 0: neither end is the node being moved; 1: the start; 2: the end */
} PolishSeg;

typedef struct
{
  Work          *w;
  const Layers  *L;
  const double  *layer_y;
  double        *xr;          /* x of real nodes, by node */
  guint         *members;
  guint          n_real;
  guint         *edges;       /* the component's edges */
  guint          n_edges;
  guint         *gap_start;   /* edges spanning each gap between layers r and r + 1 */
  guint         *gap;
  guint         *inc_start;   /* edges at each real member */
  guint         *inc;
  guint         *stamp;       /* by edge */
  guint          stamp_now;
  PolishSeg     *mine;        /* scratch: the node's segments and those they may cross */
  PolishSeg     *theirs;
  guint          cap;
} Polish;

static void
polish_init (Polish       *P,
             Work         *w,
             const Layers *L,
             const double *layer_y,
             const double *x,
             guint        *members,
             guint         n_members)
{
  g_autofree guint *local = g_new (guint, w->n);
  g_autofree guint *fill = NULL;

  memset (P, 0, sizeof *P);
  P->w = w;
  P->L = L;
  P->layer_y = layer_y;
  P->members = members;
  P->xr = g_new (double, w->n);
  for (guint k = 0; k < L->n_nodes; k++)
    if (L->nodes[k] < w->n)
      P->xr[L->nodes[k]] = x[k];
  /* Members hold real nodes first. */
  while (P->n_real < n_members && members[P->n_real] < w->n)
    {
      local[members[P->n_real]] = P->n_real;
      P->n_real++;
    }

  P->edges = g_new (guint, w->m + 1);
  for (guint e = 0; e < w->m; e++)
    if (!w->loop[e] && w->comp[w->otail[e]] == w->comp[members[0]])
      P->edges[P->n_edges++] = e;

  P->gap_start = g_new0 (guint, L->nr + 1);
  for (guint i = 0; i < P->n_edges; i++)
    for (int r = w->layer[w->otail[P->edges[i]]]; r < w->layer[w->ohead[P->edges[i]]]; r++)
      P->gap_start[r - L->r0 + 1]++;
  for (guint r = 0; r < L->nr; r++)
    P->gap_start[r + 1] += P->gap_start[r];
  P->gap = g_new (guint, P->gap_start[L->nr] + 1);
  fill = g_memdup2 (P->gap_start, sizeof (guint) * (L->nr + 1));
  for (guint i = 0; i < P->n_edges; i++)
    for (int r = w->layer[w->otail[P->edges[i]]]; r < w->layer[w->ohead[P->edges[i]]]; r++)
      P->gap[fill[r - L->r0]++] = P->edges[i];
  g_clear_pointer (&fill, g_free);

  P->inc_start = g_new0 (guint, P->n_real + 1);
  for (guint i = 0; i < P->n_edges; i++)
    {
      P->inc_start[local[w->otail[P->edges[i]]] + 1]++;
      P->inc_start[local[w->ohead[P->edges[i]]] + 1]++;
    }
  for (guint i = 0; i < P->n_real; i++)
    P->inc_start[i + 1] += P->inc_start[i];
  P->inc = g_new (guint, P->inc_start[P->n_real] + 1);
  fill = g_memdup2 (P->inc_start, sizeof (guint) * (P->n_real + 1));
  for (guint i = 0; i < P->n_edges; i++)
    {
      P->inc[fill[local[w->otail[P->edges[i]]]]++] = P->edges[i];
      P->inc[fill[local[w->ohead[P->edges[i]]]]++] = P->edges[i];
    }
  P->stamp = g_new0 (guint, w->m + 1);
  P->cap = 64;
  P->mine = g_new (PolishSeg, P->cap);
  P->theirs = g_new (PolishSeg, P->cap);
}

static void
polish_clear (Polish *P)
{
  g_free (P->xr);
  g_free (P->edges);
  g_free (P->gap_start);
  g_free (P->gap);
  g_free (P->inc_start);
  g_free (P->inc);
  g_free (P->stamp);
  g_free (P->mine);
  g_free (P->theirs);
}

/* The pairs (one of member i's edges, an edge that may cross it), as
 * segments; i's end of its edges is marked, so that it can move.  Stops
 * past @limit pairs. */
static guint
polish_pairs (Polish *P,
              guint   i,
              double  x_lo,
              double  x_hi,
              guint   limit)
{
  Work *w = P->w;
  guint v = P->members[i], n = 0;

  for (guint j = P->inc_start[i]; j < P->inc_start[i + 1]; j++)
    {
      guint e = P->inc[j];
      guint a = w->otail[e], b = w->ohead[e];
      int first = w->layer[a] - P->L->r0, last = w->layer[b] - P->L->r0;

      P->stamp_now++;
      for (int g = first; g < last; g++)
        for (guint q = P->gap_start[g]; q < P->gap_start[g + 1]; q++)
          {
            guint f = P->gap[q], c, d;

            if (P->stamp[f] == P->stamp_now)
              continue;
            P->stamp[f] = P->stamp_now;
            c = w->otail[f];
            d = w->ohead[f];
            if (c == a || c == b || d == a || d == b)
              continue;
            if (n > limit)
              return n;
            if (n == P->cap)
              {
                P->cap *= 2;
                P->mine = g_renew (PolishSeg, P->mine, P->cap);
                P->theirs = g_renew (PolishSeg, P->theirs, P->cap);
              }
            /* With i anywhere in [x_lo, x_hi], its edge spans at most
             * this much across: edges wholly outside cannot cross it. */
            {
              double far = a == v ? P->xr[b] : P->xr[a];

              if (MAX (P->xr[c], P->xr[d]) < MIN (far, x_lo) || MIN (P->xr[c], P->xr[d]) > MAX (far, x_hi))
                continue;
            }
            P->mine[n] = (PolishSeg) { P->xr[a], P->layer_y[w->layer[a]], P->xr[b], P->layer_y[w->layer[b]],
                                       a == v ? 1 : 2 };
            P->theirs[n] = (PolishSeg) { P->xr[c], P->layer_y[w->layer[c]], P->xr[d], P->layer_y[w->layer[d]], 0 };
            n++;
          }
    }
  return n;
}

/* Crossings of the pairs with the moving node at x. */
static guint
polish_count (Polish *P,
              guint   n_pairs,
              double  x)
{
  guint crossings = 0;

  for (guint i = 0; i < n_pairs; i++)
    {
      const PolishSeg *s = &P->mine[i], *t = &P->theirs[i];
      double x0 = s->moving == 1 ? x : s->x0, x1 = s->moving == 2 ? x : s->x1;

      if (MAX (t->x0, t->x1) < MIN (x0, x1) || MIN (t->x0, t->x1) > MAX (x0, x1))
        continue;
      crossings += segments_cross (x0, s->y0, x1, s->y1, t->x0, t->y0, t->x1, t->y1);
    }
  return crossings;
}

/* Every crossing of two straight edges is seen from each of its four ends. */
static guint64
polish_total (Polish *P)
{
  guint64 total = 0;

  for (guint i = 0; i < P->n_real; i++)
    {
      double x = P->xr[P->members[i]];

      total += polish_count (P, polish_pairs (P, i, x, x, G_MAXUINT - 1), x);
    }
  return total / 4;
}

/* Moves each real node to the gap between the real nodes of its layer
 * where its edges, straight, cross least.  Returns how many moved. */
static guint
straight_polish (Work         *w,
                 Layers       *L,
                 double       *x,
                 const double *layer_y,
                 guint        *members,
                 guint         n_members)
{
  Polish P;
  guint moved = 0, max_len = 1;
  double *others;

  polish_init (&P, w, L, layer_y, x, members, n_members);
  for (guint r = 0; r < L->nr; r++)
    max_len = MAX (max_len, layer_len (L, r));
  others = g_new (double, max_len + 1);

  for (guint round = 0; round < POLISH_ROUNDS; round++)
    {
      guint round_moves = 0;

      for (guint i = 0; i < P.n_real; i++)
        {
          guint v = members[i], n_pairs, n_others = 0, best_c, here, lo_k, hi_k, n_cand;
          double cand[2 * POLISH_WINDOW + 2];
          int r = w->layer[v] - L->r0;
          double x0 = P.xr[v], best_x = x0, pitch = w->in_nodes[v].width + w->opt->node_sep;

          /* The gaps near where the node is: here = how many are left of it. */
          for (guint k = L->start[r]; k < L->start[r + 1]; k++)
            if (L->nodes[k] < w->n && L->nodes[k] != v)
              others[n_others++] = P.xr[L->nodes[k]];
          qsort (others, n_others, sizeof (double), compare_double);
          here = 0;
          while (here < n_others && others[here] < x0)
            here++;
          lo_k = here > POLISH_WINDOW ? here - POLISH_WINDOW : 0;
          hi_k = MIN (n_others, here + POLISH_WINDOW);
          n_cand = 0;
          for (guint k = lo_k; k <= hi_k && n_others > 0; k++)
            cand[n_cand++] = k == 0 ? others[0] - pitch
              : k == n_others ? others[n_others - 1] + pitch
              : (others[k - 1] + others[k]) / 2;

          n_pairs = polish_pairs (&P, i, MIN (x0, n_cand > 0 ? cand[0] : x0), MAX (x0, n_cand > 0 ? cand[n_cand - 1] : x0),
                                  POLISH_MAX_PAIRS);
          /* In a dense layer every node's edges meet all the others: the
           * polish would cost the square of the layer's edges. */
          if (n_pairs > POLISH_MAX_PAIRS)
            continue;
          best_c = polish_count (&P, n_pairs, x0);
          if (best_c == 0)
            continue;
          for (guint k = 0; k < n_cand; k++)
            {
              guint c = polish_count (&P, n_pairs, cand[k]);

              if (c < best_c)
                {
                  best_c = c;
                  best_x = cand[k];
                }
            }
          if (best_x != x0)
            {
              P.xr[v] = best_x;
              round_moves++;
            }
        }
      moved += round_moves;
      if (round_moves == 0)
        break;
    }

  for (guint k = 0; k < L->n_nodes; k++)
    if (L->nodes[k] < w->n)
      x[k] = P.xr[L->nodes[k]];
  g_free (others);
  polish_clear (&P);
  return moved;
}

/* Crossings of the component's edges drawn as straight segments between
 * their ends' centres. */
static guint64
count_straight (Work         *w,
                const Layers *L,
                const double *x,
                const double *layer_y,
                guint        *members,
                guint         n_members)
{
  Polish P;
  guint64 total;

  polish_init (&P, w, L, layer_y, x, members, n_members);
  total = polish_total (&P);
  polish_clear (&P);
  return total;
}

/* After the polish: the layers take the real nodes' new places, virtual
 * nodes are reordered around them (real nodes keep their order), and the
 * placement is redone with real nodes held near their polished x. */
static void
polish_reroute (Work   *w,
                Layers *L,
                double *x)
{
  guint n = L->n_nodes, max_len = 1;
  double *by_node = g_new (double, w->nt);
  double *anchor = g_new0 (double, w->n);
  SortEntry *entries;
  guint *best_nodes = g_new (guint, n), *slots;
  guint64 best;

  for (guint r = 0; r < L->nr; r++)
    max_len = MAX (max_len, layer_len (L, r));
  entries = g_new (SortEntry, max_len);
  slots = g_new (guint, max_len + 1);
  for (guint k = 0; k < n; k++)
    {
      by_node[L->nodes[k]] = x[k];
      if (L->nodes[k] < w->n)
        anchor[L->nodes[k]] = x[k];
    }
  for (guint r = 0; r < L->nr; r++)
    {
      guint len = layer_len (L, r);

      for (guint i = 0; i < len; i++)
        {
          guint v = L->nodes[L->start[r] + i];

          entries[i] = (SortEntry) { by_node[v], (int) i, v };
        }
      qsort (entries, len, sizeof (SortEntry), compare_sort_entry);
      for (guint i = 0; i < len; i++)
        L->nodes[L->start[r] + i] = entries[i].node;
      layer_changed (w, L, r);
    }

  w->real_fixed = TRUE;
  transpose_all (w, L, FALSE);
  best = count_crossings (w, L);
  best = sift_order (w, L, best, best_nodes, slots, SIFT_ROUNDS);
  w->real_fixed = FALSE;

  for (guint k = 0; k < n; k++)
    x[k] = by_node[L->nodes[k]];
  for (guint r = 0; r < L->nr; r++)
    {
      /* Feasible first: push apart what overlaps. */
      for (guint k = L->start[r] + 1; k < L->start[r + 1]; k++)
        x[k] = MAX (x[k], x[k - 1] + separation (w, L->nodes[k - 1], L->nodes[k]));
    }
  straighten (w, L, x, anchor);

  g_free (by_node);
  g_free (anchor);
  g_free (entries);
  g_free (best_nodes);
  g_free (slots);
}

/* Phase 6: edge routes */

static void
add_point (GArray *points,
           double  x,
           double  y)
{
  GwGraphPoint p = { x, y };

  g_array_append_val (points, p);
}

/* A straight piece as a cubic Bézier, skipped when empty. */
static void
add_line (GArray *points,
          double  x0,
          double  y0,
          double  x1,
          double  y1)
{
  if (fabs (x1 - x0) < 1e-9 && fabs (y1 - y0) < 1e-9)
    return;
  add_point (points, x0 + (x1 - x0) / 3, y0 + (y1 - y0) / 3);
  add_point (points, x0 + 2 * (x1 - x0) / 3, y0 + 2 * (y1 - y0) / 3);
  add_point (points, x1, y1);
}

/* Where a segment leaves (or enters) a real node: edges spread over the
 * bottom (top) side in the order of the nodes they go to. */
static double
port_offset (Work  *w,
             guint  v,
             guint  seg,
             gboolean down)
{
  const Adj *list = down ? w->down + w->down_start[v] : w->up + w->up_start[v];
  guint n = down ? w->down_start[v + 1] - w->down_start[v] : w->up_start[v + 1] - w->up_start[v];
  double spread;

  if (n < 2)
    return 0;
  spread = MIN (w->in_nodes[v].width * 0.6, PORT_SPACING * (n - 1));
  for (guint i = 0; i < n; i++)
    if (list[i].seg == seg)
      return -spread / 2 + spread * i / (n - 1);
  return 0;
}

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

          add_point (self->points, x, y - q);
          add_point (self->points, x + LOOP_SIZE * 1.5, y - q - LOOP_SIZE);
          add_point (self->points, x + LOOP_SIZE * 1.5, y + q + LOOP_SIZE);
          add_point (self->points, x, y + q);
          add_point (self->chain, w->x[v], y);
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
            px = w->x[up] + port_offset (w, up, seg, TRUE);
          }
          py = layer_y[w->layer[up]] + w->lh[up] / 2;
          add_point (self->points, px, py);
          add_line (self->points, px, py, px, layer_y[w->layer[up]] + layer_h[w->layer[up]] / 2);
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
                  qx = w->x[v] + port_offset (w, v, seg, FALSE);
                }
              else
                qx = w->x[v];

              add_point (self->points, px, py + gap * 0.45);
              add_point (self->points, qx, top - gap * 0.45);
              add_point (self->points, qx, top);
              if (v < w->n)
                add_line (self->points, qx, top, qx, layer_y[r] - w->lh[v] / 2);
              else
                add_line (self->points, qx, top, qx, layer_y[r] + layer_h[r] / 2);
              px = qx;
              py = layer_y[r] + layer_h[r] / 2;
            }

          for (guint i = 0; i < len; i++)
            add_point (self->chain, w->x[chain[i]], layer_y[w->layer[chain[i]]]);

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

  initial_order (w, L, members, n_members, 2);
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
      qsort (entries, len, sizeof (SortEntry), compare_sort_entry);
      for (guint i = 0; i < len; i++)
        L->nodes[L->start[r] + i] = entries[i].node;
      layer_changed (w, L, r);
    }
  if (L->nr > 1)
    {
      transpose_all (w, L, FALSE);
      best = count_crossings (w, L);
      sift_order (w, L, best, best_nodes, slots, SIFT_ROUNDS);
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
  g_autofree guint *best_nodes = NULL;
  g_autofree double *best_x = NULL;

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
                key = last == -G_MAXDOUBLE ? 0 : last + separation (w, L->nodes[k - 1], L->nodes[k]);
              x[k] = key;
              last = key;
            }
        }
      w->anchor_weight = INCREMENTAL_ANCHOR_WEIGHT;
      straighten (w, L, x, w->anchor);
      w->anchor_weight = ANCHOR_WEIGHT;
      return;
    }

  for (guint i = 0; i < n_members; i++)
    n_seg += w->down_start[members[i] + 1] - w->down_start[members[i]];
  trials = n_seg <= TRIAL_SEGMENTS && n_seg > 0 ? MAX_TRIALS : 1;

  for (guint t = 0; t < trials; t++)
    {
      guint64 score;

      order_component (w, L, members, n_members, t);
      place_component (w, L, x);
      if (straight_polish (w, L, x, layer_y, members, n_members) > 0)
        polish_reroute (w, L, x);
      if (trials == 1)
        return;

      score = count_crossings (w, L) + count_straight (w, L, x, layer_y, members, n_members);
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
  memcpy (L->nodes, best_nodes, sizeof (guint) * n_members);
  memcpy (x, best_x, sizeof (double) * n_members);
  for (guint r = 0; r < L->nr; r++)
    layer_changed (w, L, r);
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
  assign_groups (&w);
  orient_edges (&w);
  assign_ranks (&w);
  build_proper_graph (&w);

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
      self->crossings += count_crossings (&w, &L);
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
          guint b = group_index (&w, w.group[v]);

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
