/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gw-chart-area.h"
#include "gw-context.h"
#include "gw-quadrant.h"

G_BEGIN_DECLS

#define GW_TYPE_QUADRANT_AREA (gw_quadrant_area_get_type ())
G_DECLARE_FINAL_TYPE (GwQuadrantArea, gw_quadrant_area, GW, QUADRANT_AREA, GwChartArea)

GwQuadrantArea          *gw_quadrant_area_new         (void);
void                     gw_quadrant_area_set_context (GwQuadrantArea          *self,
                                                       GwContext               *context);
void                     gw_quadrant_area_set_items   (GwQuadrantArea          *self,
                                                       GPtrArray               *items);
void                     gw_quadrant_area_set_options (GwQuadrantArea          *self,
                                                       const GwQuadrantOptions *options);
const GwQuadrantOptions *gw_quadrant_area_get_options (GwQuadrantArea          *self);
void                     gw_quadrant_area_set_snap    (GwQuadrantArea          *self,
                                                       gboolean                 snap);
GwQuadrantChart         *gw_quadrant_area_get_chart   (GwQuadrantArea          *self);
gboolean                 gw_quadrant_area_get_marker_point (GwQuadrantArea *self,
                                                            const char     *key,
                                                            double         *x,
                                                            double         *y);

G_END_DECLS
