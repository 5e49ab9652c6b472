/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gw-chart-area.h"
#include "gw-context.h"
#include "gw-risk-matrix.h"

G_BEGIN_DECLS

#define GW_TYPE_RISK_AREA (gw_risk_area_get_type ())
G_DECLARE_FINAL_TYPE (GwRiskArea, gw_risk_area, GW, RISK_AREA, GwChartArea)

GwRiskArea   *gw_risk_area_new         (void);
void          gw_risk_area_set_context (GwRiskArea *self,
                                        GwContext  *context);
void          gw_risk_area_set_items   (GwRiskArea *self,
                                        GPtrArray  *items,
                                        int         cells);
GwRiskMatrix *gw_risk_area_get_matrix  (GwRiskArea *self);

G_END_DECLS
