/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the phases of the layered layout share (see gw-graph-layout.c):
 * gw-graph-layout-rank.c orients the edges and assigns layers,
 * gw-graph-layout-order.c orders the layers, gw-graph-layout-place.c
 * assigns coordinates and routes, gw-graph-layout.c runs them. */

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gw-graph-layout.h"

G_BEGIN_DECLS

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
/* A component with more nodes, virtual ones included, than this (four
 * times the largest of a 5000-item register) is ordered and placed with
 * bounded effort: the full search grows faster than its size. */
#define LARGE_NODES 400000u
#define LARGE_SWEEPS 4u            /* median sweeps, from one start */
#define LARGE_TRANSPOSE_ROUNDS 1u  /* transposition passes after each */
#define LARGE_STRAIGHTEN_SWEEPS 8u

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

  gboolean large;            /* the component has more than LARGE_NODES nodes */
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

typedef struct
{
  double key;
  int    pos;
  guint  node;
} SortEntry;

/* The straight-line polish's view of a component (gw-graph-layout-place.c). */
typedef struct _Polish Polish;

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

static inline guint
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

static inline guint
layer_len (const Layers *L,
           guint         r)
{
  return L->start[r + 1] - L->start[r];
}

/* Phases 1 and 2: orientation and layers (gw-graph-layout-rank.c) */

void _gw_layout_assign_groups (Work *w);
guint _gw_layout_group_index (const Work *w,
                              int         group);
void _gw_layout_orient_edges (Work *w);
void _gw_layout_network_simplex (RankGraph *g,
                                 guint      max_iterations);
void _gw_layout_assign_ranks (Work *w);

/* Phases 3 and 4: virtual nodes and order (gw-graph-layout-order.c) */

void _gw_layout_build_proper_graph (Work *w);
void _gw_layout_ensure_sorted (Work         *w,
                               const Layers *L,
                               guint         r);
void _gw_layout_layer_changed (Work         *w,
                               const Layers *L,
                               guint         r);
guint64 _gw_layout_count_crossings (Work         *w,
                                    const Layers *L);
void _gw_layout_transpose_all (Work     *w,
                               Layers   *L,
                               gboolean  ties);
void _gw_layout_sort_entries (SortEntry *entries,
                              guint      n);
void _gw_layout_initial_order (Work   *w,
                               Layers *L,
                               guint  *members,
                               guint   n_members,
                               guint   kind);
guint64 _gw_layout_sift_order (Work    *w,
                               Layers  *L,
                               guint64  best,
                               guint   *best_nodes,
                               guint   *slots,
                               guint    max_rounds);
gboolean _gw_layout_order_component (Work      *w,
                                     Layers    *L,
                                     guint     *members,
                                     guint      n_members,
                                     guint      trial,
                                     GPtrArray *seen);

/* Phases 5 and 6: coordinates and routes (gw-graph-layout-place.c) */

double _gw_layout_separation (Work  *w,
                              guint  a,
                              guint  b);
void _gw_layout_straighten (Work         *w,
                            const Layers *L,
                            double       *x,
                            const double *anchor);
void _gw_layout_place_component (Work         *w,
                                 const Layers *L,
                                 double       *x);
Polish *_gw_layout_polish_new (Work         *w,
                               const Layers *L,
                               const double *layer_y,
                               guint        *members,
                               guint         n_members,
                               gboolean      cache);
void _gw_layout_polish_free (Polish *P);
guint _gw_layout_straight_polish (Work   *w,
                                  Layers *L,
                                  double *x,
                                  Polish *P);
guint64 _gw_layout_count_straight (Polish       *P,
                                   const double *x);
void _gw_layout_polish_reroute (Work   *w,
                                Layers *L,
                                double *x);
void _gw_layout_add_point (GArray *points,
                           double  x,
                           double  y);
void _gw_layout_add_line (GArray *points,
                          double  x0,
                          double  y0,
                          double  x1,
                          double  y1);
double _gw_layout_port_offset (Work     *w,
                               guint     v,
                               guint     seg,
                               gboolean  down);

G_END_DECLS
