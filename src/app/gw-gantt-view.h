/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "gw-context.h"
#include "gw-gantt.h"

G_BEGIN_DECLS

#define GW_TYPE_GANTT_VIEW (gw_gantt_view_get_type ())
G_DECLARE_FINAL_TYPE (GwGanttView, gw_gantt_view, GW, GANTT_VIEW, GtkWidget)

GwContext    *gw_gantt_view_get_context     (GwGanttView *self);
void          gw_gantt_view_set_context     (GwGanttView *self,
                                             GwContext   *context);
GwGanttZoom   gw_gantt_view_get_zoom        (GwGanttView *self);
void          gw_gantt_view_set_zoom        (GwGanttView *self,
                                             GwGanttZoom  zoom);
GwGanttChart *gw_gantt_view_get_chart       (GwGanttView *self);
GtkWidget    *gw_gantt_view_get_canvas      (GwGanttView *self);
gboolean      gw_gantt_view_is_busy         (GwGanttView *self);
gboolean      gw_gantt_view_scroll_to_item  (GwGanttView *self,
                                             const char  *key);

G_END_DECLS
