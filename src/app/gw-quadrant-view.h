/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "gw-context.h"
#include "gw-quadrant-area.h"
#include "gw-risk-area.h"

G_BEGIN_DECLS

#define GW_TYPE_QUADRANT_VIEW (gw_quadrant_view_get_type ())
G_DECLARE_FINAL_TYPE (GwQuadrantView, gw_quadrant_view, GW, QUADRANT_VIEW, GtkWidget)

GwContext      *gw_quadrant_view_get_context       (GwQuadrantView *self);
void            gw_quadrant_view_set_context       (GwQuadrantView *self,
                                                    GwContext      *context);
GwQuadrantArea *gw_quadrant_view_get_quadrant_area (GwQuadrantView *self);
GwRiskArea     *gw_quadrant_view_get_risk_area     (GwQuadrantView *self);
void            gw_quadrant_view_show_risk         (GwQuadrantView *self,
                                                    gboolean        risk);
GPtrArray      *gw_quadrant_view_get_side_items    (GwQuadrantView *self,
                                                    GwQuadrant      quadrant);
void            gw_quadrant_view_refresh           (GwQuadrantView *self);

G_END_DECLS
