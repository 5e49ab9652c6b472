/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "gw-context.h"
#include "gw-graph-render.h"

G_BEGIN_DECLS

#define GW_TYPE_GRAPH_CANVAS (gw_graph_canvas_get_type ())
G_DECLARE_FINAL_TYPE (GwGraphCanvas, gw_graph_canvas, GW, GRAPH_CANVAS, GtkWidget)

void           gw_graph_canvas_set_context    (GwGraphCanvas *self,
                                               GwContext     *context);
void           gw_graph_canvas_set_render     (GwGraphCanvas *self,
                                               GwGraphRender *render,
                                               GHashTable    *critical);
GwGraphRender *gw_graph_canvas_get_render     (GwGraphCanvas *self);
void           gw_graph_canvas_set_focus_kind (GwGraphCanvas *self,
                                               GwGraphFocus   kind);
void           gw_graph_canvas_set_show_bands (GwGraphCanvas *self,
                                               gboolean       show);
double         gw_graph_canvas_get_zoom       (GwGraphCanvas *self);
void           gw_graph_canvas_zoom_by        (GwGraphCanvas *self,
                                               double         factor);
void           gw_graph_canvas_zoom_to_fit    (GwGraphCanvas *self);
gboolean       gw_graph_canvas_scroll_to_key  (GwGraphCanvas *self,
                                               const char    *key);
gboolean       gw_graph_canvas_get_node_point (GwGraphCanvas *self,
                                               const char    *key,
                                               double        *x,
                                               double        *y);
void           gw_graph_canvas_select_edge    (GwGraphCanvas *self,
                                               const char    *prerequisite,
                                               const char    *dependent);
gboolean       gw_graph_canvas_get_selected_edge (GwGraphCanvas  *self,
                                                  const char    **prerequisite,
                                                  const char    **dependent);
gboolean       gw_graph_canvas_delete_selected_edge (GwGraphCanvas *self);

G_END_DECLS
