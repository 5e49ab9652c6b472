/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The layered layout's phases 5 and 6: coordinates (Brandes–Köpf,
 * straightening, the polish) and the edges' Bézier routes. */

#include "config.h"

#include "gw-graph-layout-private.h"

/* Phase 5: coordinates (Brandes and Köpf) */

double
_gw_layout_separation (Work  *w,
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
          b_gap[n_be] = _gw_layout_separation (w, L->nodes[ka], L->nodes[kb]);
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
      offset[i] = i == 0 ? 0 : offset[i - 1] + _gw_layout_separation (w, L->nodes[first + i - 1], v);
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
void
_gw_layout_straighten (Work         *w,
                       const Layers *L,
                       double       *x,
                       const double *anchor)
{
  guint max_len = 1;
  double *target, *weight, *offset, *block_w, *block_s;
  guint *block_n;
  guint sweeps = w->large ? LARGE_STRAIGHTEN_SWEEPS : STRAIGHTEN_SWEEPS;

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
void
_gw_layout_place_component (Work         *w,
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
      _gw_layout_ensure_sorted (w, L, r);
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
  _gw_layout_straighten (w, L, x, NULL);

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

struct _Polish
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
  guint         *cand_start;  /* with a cache: per entry of inc, its edges that may cross */
  guint         *cand;
  guint         *scratch;     /* without a cache: the partners of one edge */
  PolishSeg     *mine;        /* scratch: the node's segments and those they may cross */
  PolishSeg     *theirs;
  guint          cap;
};

/* The edges that span one of the layer gaps that edge inc[j] spans and
 * share no end with it, each once, into @out (room for every edge of the
 * component).  Returns how many. */
static guint
gap_partners (Polish *P,
              guint   j,
              guint  *out)
{
  Work *w = P->w;
  guint e = P->inc[j], a = w->otail[e], b = w->ohead[e], n = 0;
  int first = w->layer[a] - P->L->r0, last = w->layer[b] - P->L->r0;

  P->stamp_now++;
  for (int g = first; g < last; g++)
    for (guint q = P->gap_start[g]; q < P->gap_start[g + 1]; q++)
      {
        guint f = P->gap[q], c = w->otail[f], d = w->ohead[f];

        if (P->stamp[f] == P->stamp_now)
          continue;
        P->stamp[f] = P->stamp_now;
        if (c == a || c == b || d == a || d == b)
          continue;
        out[n++] = f;
      }
  return n;
}

/* The edges that may cross each edge of each real member, found once: they
 * depend on the layers only, not on the order, so every trial reuses them. */
static void
polish_fill_cache (Polish *P)
{
  guint n_inc = P->inc_start[P->n_real], n = 0, cap = MAX (256u, 2 * P->n_edges);

  P->cand_start = g_new (guint, n_inc + 1);
  P->cand = g_new (guint, cap);
  for (guint j = 0; j < n_inc; j++)
    {
      if (cap - n < P->n_edges)
        {
          cap = 2 * cap + P->n_edges;
          P->cand = g_renew (guint, P->cand, cap);
        }
      P->cand_start[j] = n;
      n += gap_partners (P, j, P->cand + n);
    }
  P->cand_start[n_inc] = n;
}

/* The structure of the component's straight edges: which edges span each
 * layer gap and meet each real node.  @cache: also the pairs that may
 * cross, for a component laid out several times. */
Polish *
_gw_layout_polish_new (Work         *w,
                       const Layers *L,
                       const double *layer_y,
                       guint        *members,
                       guint         n_members,
                       gboolean      cache)
{
  Polish *P = g_new0 (Polish, 1);
  g_autofree guint *local = g_new (guint, w->n);
  g_autofree guint *fill = NULL;

  P->w = w;
  P->L = L;
  P->layer_y = layer_y;
  P->members = members;
  P->xr = g_new (double, w->n);
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
  if (cache)
    polish_fill_cache (P);
  else
    P->scratch = g_new (guint, P->n_edges + 1);
  return P;
}

void
_gw_layout_polish_free (Polish *P)
{
  g_free (P->xr);
  g_free (P->edges);
  g_free (P->gap_start);
  g_free (P->gap);
  g_free (P->inc_start);
  g_free (P->inc);
  g_free (P->stamp);
  g_free (P->cand_start);
  g_free (P->cand);
  g_free (P->scratch);
  g_free (P->mine);
  g_free (P->theirs);
  g_free (P);
}

/* The real nodes' x from the placement (by index into L->nodes). */
static void
polish_take_x (Polish       *P,
               const double *x)
{
  for (guint k = 0; k < P->L->n_nodes; k++)
    if (P->L->nodes[k] < P->w->n)
      P->xr[P->L->nodes[k]] = x[k];
}

/* Adds the pair (edge e of member i, edge f) unless f lies wholly outside
 * the reach of e while i moves in [x_lo, x_hi].  FALSE once the pairs are
 * more than @limit. */
static inline gboolean
polish_add_pair (Polish *P,
                 guint   v,
                 guint   e,
                 guint   f,
                 double  x_lo,
                 double  x_hi,
                 guint  *n,
                 guint   limit)
{
  Work *w = P->w;
  guint a = w->otail[e], b = w->ohead[e], c = w->otail[f], d = w->ohead[f];
  double far = a == v ? P->xr[b] : P->xr[a];

  if (*n > limit)
    return FALSE;
  if (*n == P->cap)
    {
      P->cap *= 2;
      P->mine = g_renew (PolishSeg, P->mine, P->cap);
      P->theirs = g_renew (PolishSeg, P->theirs, P->cap);
    }
  /* With i anywhere in [x_lo, x_hi], its edge spans at most this much
   * across: edges wholly outside cannot cross it. */
  if (MAX (P->xr[c], P->xr[d]) < MIN (far, x_lo) || MIN (P->xr[c], P->xr[d]) > MAX (far, x_hi))
    return TRUE;
  P->mine[*n] = (PolishSeg) { P->xr[a], P->layer_y[w->layer[a]], P->xr[b], P->layer_y[w->layer[b]],
                              a == v ? 1 : 2 };
  P->theirs[*n] = (PolishSeg) { P->xr[c], P->layer_y[w->layer[c]], P->xr[d], P->layer_y[w->layer[d]], 0 };
  (*n)++;
  return TRUE;
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
  guint v = P->members[i], n = 0;

  for (guint j = P->inc_start[i]; j < P->inc_start[i + 1]; j++)
    {
      const guint *partners = P->cand != NULL ? P->cand + P->cand_start[j] : P->scratch;
      guint n_partners = P->cand != NULL ? P->cand_start[j + 1] - P->cand_start[j] : gap_partners (P, j, P->scratch);

      for (guint q = 0; q < n_partners; q++)
        if (!polish_add_pair (P, v, P->inc[j], partners[q], x_lo, x_hi, &n, limit))
          return n;
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
guint
_gw_layout_straight_polish (Work         *w,
                            Layers       *L,
                            double       *x,
                            Polish       *P)
{
  guint moved = 0, max_len = 1;
  guint *members = P->members;
  double *others;

  polish_take_x (P, x);
  for (guint r = 0; r < L->nr; r++)
    max_len = MAX (max_len, layer_len (L, r));
  others = g_new (double, max_len + 1);

  for (guint round = 0; round < POLISH_ROUNDS; round++)
    {
      guint round_moves = 0;

      for (guint i = 0; i < P->n_real; i++)
        {
          guint v = members[i], n_pairs, n_others = 0, best_c, here, lo_k, hi_k, n_cand;
          double cand[2 * POLISH_WINDOW + 2];
          int r = w->layer[v] - L->r0;
          double x0 = P->xr[v], best_x = x0, pitch = w->in_nodes[v].width + w->opt->node_sep;

          /* The gaps near where the node is: here = how many are left of it. */
          for (guint k = L->start[r]; k < L->start[r + 1]; k++)
            if (L->nodes[k] < w->n && L->nodes[k] != v)
              others[n_others++] = P->xr[L->nodes[k]];
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

          n_pairs = polish_pairs (P, i, MIN (x0, n_cand > 0 ? cand[0] : x0), MAX (x0, n_cand > 0 ? cand[n_cand - 1] : x0),
                                  POLISH_MAX_PAIRS);
          /* In a dense layer every node's edges meet all the others: the
           * polish would cost the square of the layer's edges. */
          if (n_pairs > POLISH_MAX_PAIRS)
            continue;
          best_c = polish_count (P, n_pairs, x0);
          if (best_c == 0)
            continue;
          for (guint k = 0; k < n_cand; k++)
            {
              guint c = polish_count (P, n_pairs, cand[k]);

              if (c < best_c)
                {
                  best_c = c;
                  best_x = cand[k];
                }
            }
          if (best_x != x0)
            {
              P->xr[v] = best_x;
              round_moves++;
            }
        }
      moved += round_moves;
      if (round_moves == 0)
        break;
    }

  for (guint k = 0; k < L->n_nodes; k++)
    if (L->nodes[k] < w->n)
      x[k] = P->xr[L->nodes[k]];
  g_free (others);
  return moved;
}

/* Crossings of the component's edges drawn as straight segments between
 * their ends' centres. */
guint64
_gw_layout_count_straight (Polish       *P,
                           const double *x)
{
  polish_take_x (P, x);
  return polish_total (P);
}

/* After the polish: the layers take the real nodes' new places, virtual
 * nodes are reordered around them (real nodes keep their order), and the
 * placement is redone with real nodes held near their polished x. */
void
_gw_layout_polish_reroute (Work   *w,
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
      _gw_layout_sort_entries (entries, len);
      for (guint i = 0; i < len; i++)
        L->nodes[L->start[r] + i] = entries[i].node;
      _gw_layout_layer_changed (w, L, r);
    }

  w->real_fixed = TRUE;
  _gw_layout_transpose_all (w, L, FALSE);
  best = _gw_layout_count_crossings (w, L);
  best = _gw_layout_sift_order (w, L, best, best_nodes, slots, SIFT_ROUNDS);
  w->real_fixed = FALSE;

  for (guint k = 0; k < n; k++)
    x[k] = by_node[L->nodes[k]];
  for (guint r = 0; r < L->nr; r++)
    {
      /* Feasible first: push apart what overlaps. */
      for (guint k = L->start[r] + 1; k < L->start[r + 1]; k++)
        x[k] = MAX (x[k], x[k - 1] + _gw_layout_separation (w, L->nodes[k - 1], L->nodes[k]));
    }
  _gw_layout_straighten (w, L, x, anchor);

  g_free (by_node);
  g_free (anchor);
  g_free (entries);
  g_free (best_nodes);
  g_free (slots);
}

/* Phase 6: edge routes */

void
_gw_layout_add_point (GArray *points,
                      double  x,
                      double  y)
{
  GwGraphPoint p = { x, y };

  g_array_append_val (points, p);
}

/* A straight piece as a cubic Bézier, skipped when empty. */
void
_gw_layout_add_line (GArray *points,
                     double  x0,
                     double  y0,
                     double  x1,
                     double  y1)
{
  if (fabs (x1 - x0) < 1e-9 && fabs (y1 - y0) < 1e-9)
    return;
  _gw_layout_add_point (points, x0 + (x1 - x0) / 3, y0 + (y1 - y0) / 3);
  _gw_layout_add_point (points, x0 + 2 * (x1 - x0) / 3, y0 + 2 * (y1 - y0) / 3);
  _gw_layout_add_point (points, x1, y1);
}

/* Where a segment leaves (or enters) a real node: edges spread over the
 * bottom (top) side in the order of the nodes they go to. */
double
_gw_layout_port_offset (Work  *w,
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
