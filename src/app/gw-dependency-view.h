/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "gw-context.h"
#include "gw-graph-canvas.h"

G_BEGIN_DECLS

#define GW_TYPE_DEPENDENCY_VIEW (gw_dependency_view_get_type ())
G_DECLARE_FINAL_TYPE (GwDependencyView, gw_dependency_view, GW, DEPENDENCY_VIEW, GtkWidget)

GwContext     *gw_dependency_view_get_context (GwDependencyView *self);
void           gw_dependency_view_set_context (GwDependencyView *self,
                                               GwContext        *context);
GwGraphCanvas *gw_dependency_view_get_canvas  (GwDependencyView *self);
gboolean       gw_dependency_view_is_busy     (GwDependencyView *self);

G_END_DECLS
