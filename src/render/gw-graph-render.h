/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "gw-graph-layout.h"
#include "gw-render-common.h"

G_BEGIN_DECLS

/* A register's dependency graph, laid out once, then drawn into any cairo_t
 * and hit-tested.  Drawing coordinates: (0, 0) is the top left of the
 * drawing, margins and band labels included; one unit is one pixel at
 * 100 % zoom.  A widget draws with its own transform and hit-tests with
 * the inverse. */

#define GW_GRAPH_RENDER_NODE_WIDTH  172.0
#define GW_GRAPH_RENDER_NODE_HEIGHT 48.0

typedef enum
{
  GW_GRAPH_FOCUS_NONE       = 0,
  GW_GRAPH_FOCUS_UPSTREAM   = 1 << 0,   /* what the item depends on, transitively */
  GW_GRAPH_FOCUS_DOWNSTREAM = 1 << 1,   /* what depends on it */
  GW_GRAPH_FOCUS_BOTH       = GW_GRAPH_FOCUS_UPSTREAM | GW_GRAPH_FOCUS_DOWNSTREAM,
} GwGraphFocus;

/* How to draw: everything the user can change without a new layout. */
typedef struct
{
  const GwRenderPalette *palette;
  GHashTable            *highlight;   /* (nullable) keys to highlight, e.g. the critical path;
                                         an edge is highlighted when both its ends are */
  const char            *selected;    /* (nullable) key of the selected item */
  const char            *focus;       /* (nullable) key: the rest of the graph is dimmed */
  GwGraphFocus           focus_kind;
  gboolean               show_bands;  /* milestone bands, when laid out with them */
  const char            *selected_prerequisite;  /* (nullable) the selected edge's ends */
  const char            *selected_dependent;
} GwGraphView;

typedef struct _GwGraphRender GwGraphRender;

void           gw_graph_view_init             (GwGraphView           *view,
                                               const GwRenderPalette *palette);

GwGraphRender *gw_graph_render_new            (GPtrArray                  *items,
                                               GPtrArray                  *milestones,
                                               const GwGraphLayoutOptions *options);
GwGraphRender *gw_graph_render_new_incremental (GPtrArray                  *items,
                                                GPtrArray                  *milestones,
                                                const GwGraphLayoutOptions *options,
                                                GwGraphRender              *previous);
void           gw_graph_render_free           (GwGraphRender *self);

typedef struct _GwGraphPlaces GwGraphPlaces;

GwGraphPlaces *gw_graph_render_get_places     (GwGraphRender *self);
void           gw_graph_places_free           (GwGraphPlaces *places);
GwGraphRender *gw_graph_render_new_from_places (GPtrArray                  *items,
                                                GPtrArray                  *milestones,
                                                const GwGraphLayoutOptions *options,
                                                const GwGraphPlaces        *previous);

GwGraphLayout *gw_graph_render_get_layout     (GwGraphRender *self);
guint          gw_graph_render_get_n_nodes    (GwGraphRender *self);
const char    *gw_graph_render_get_key        (GwGraphRender *self,
                                               guint          node);
const char * const *gw_graph_render_get_keys  (GwGraphRender *self);
void           gw_graph_render_get_size       (GwGraphRender *self,
                                               double        *width,
                                               double        *height);
gboolean       gw_graph_render_get_node_rect  (GwGraphRender *self,
                                               const char    *key,
                                               double        *x,
                                               double        *y,
                                               double        *width,
                                               double        *height);

void           gw_graph_render_draw           (GwGraphRender     *self,
                                               cairo_t           *cr,
                                               const GwGraphView *view);

const char    *gw_graph_render_node_at        (GwGraphRender *self,
                                               double         x,
                                               double         y);
gboolean       gw_graph_render_edge_at        (GwGraphRender  *self,
                                               double          x,
                                               double          y,
                                               double          tolerance,
                                               const char    **prerequisite,
                                               const char    **dependent);
GHashTable    *gw_graph_render_collect_focus  (GwGraphRender *self,
                                               const char    *key,
                                               GwGraphFocus   kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GwGraphRender, gw_graph_render_free)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GwGraphPlaces, gw_graph_places_free)

G_END_DECLS
