/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A layered (Sugiyama) layout of a directed graph: nodes are boxes with a
 * size, edges run from a prerequisite to what depends on it.  Pure
 * geometry: no cairo, no GTK.  Coordinates are in the caller's units with
 * the origin at the top left and y growing downwards. */

typedef enum
{
  GW_GRAPH_TOP_TO_BOTTOM = 0,
  GW_GRAPH_LEFT_TO_RIGHT,
} GwGraphDirection;

typedef struct
{
  GwGraphDirection direction;
  double           node_sep;         /* between neighbours in a layer */
  double           rank_sep;         /* between layers */
  gboolean         bands;            /* each group in its own run of layers */
  gboolean         network_simplex;  /* shorten edges; else longest-path layers */
  guint            sweeps;           /* crossing-reduction sweeps without progress before stopping */
} GwGraphLayoutOptions;

typedef struct
{
  double x;
  double y;
} GwGraphPoint;

typedef struct
{
  double x, y;           /* centre */
  double width, height;
  int    layer;          /* 0 = first layer */
  int    order;          /* position in the layer, virtual nodes included */
} GwGraphNodePlace;

typedef struct _GwGraphLayout GwGraphLayout;

void           gw_graph_layout_options_init   (GwGraphLayoutOptions *options);

GwGraphLayout *gw_graph_layout_new            (void);
void           gw_graph_layout_free           (GwGraphLayout *self);

guint          gw_graph_layout_add_node       (GwGraphLayout *self,
                                               double         width,
                                               double         height,
                                               int            group);
guint          gw_graph_layout_add_edge       (GwGraphLayout *self,
                                               guint          tail,
                                               guint          head);
void           gw_graph_layout_set_hint       (GwGraphLayout *self,
                                               guint          node,
                                               int            layer,
                                               double         position);
guint          gw_graph_layout_get_n_nodes    (GwGraphLayout *self);
guint          gw_graph_layout_get_n_edges    (GwGraphLayout *self);

void           gw_graph_layout_run            (GwGraphLayout              *self,
                                               const GwGraphLayoutOptions *options);

/* Results, valid after gw_graph_layout_run(). */
void           gw_graph_layout_get_size       (GwGraphLayout *self,
                                               double        *width,
                                               double        *height);
void           gw_graph_layout_get_node       (GwGraphLayout    *self,
                                               guint             node,
                                               GwGraphNodePlace *place);
const GwGraphPoint *gw_graph_layout_get_edge_points (GwGraphLayout *self,
                                                     guint          edge,
                                                     guint         *n_points);
const GwGraphPoint *gw_graph_layout_get_edge_chain  (GwGraphLayout *self,
                                                     guint          edge,
                                                     guint         *n_points);
gboolean       gw_graph_layout_edge_is_reversed (GwGraphLayout *self,
                                                 guint          edge);
guint          gw_graph_layout_get_n_reversed (GwGraphLayout *self);
guint          gw_graph_layout_get_n_layers   (GwGraphLayout *self);
double         gw_graph_layout_get_layer_position (GwGraphLayout *self,
                                                   guint          layer);
guint          gw_graph_layout_get_n_virtual  (GwGraphLayout *self);
guint64        gw_graph_layout_get_crossings  (GwGraphLayout *self);
gboolean       gw_graph_layout_get_group_extent (GwGraphLayout *self,
                                                 int            group,
                                                 double        *start,
                                                 double        *end);

char          *gw_graph_layout_to_plain       (GwGraphLayout      *self,
                                               const char * const *names);
char          *gw_graph_quote_id              (const char *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GwGraphLayout, gw_graph_layout_free)

G_END_DECLS
