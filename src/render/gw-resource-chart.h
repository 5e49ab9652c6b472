/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "gw-label-placer.h"
#include "gw-render-common.h"
#include "gw-schedule.h"

G_BEGIN_DECLS

/* The load of each role per period: a lane per role that has work, a bar
 * per period (the hours worked, or the people at work) against the role's
 * capacity, drawn as a line; what goes over the capacity is drawn in the
 * error colour. A role without people or hours, or an owner that is not a
 * role of the register, has no capacity: all its work is over it. When the
 * periods are more than the width holds, each bar stands for several
 * periods and shows the highest of them. */

typedef enum
{
  GW_RESOURCE_METRIC_HOURS = 0,
  GW_RESOURCE_METRIC_PEOPLE,
} GwResourceMetric;

typedef struct _GwResourceChart GwResourceChart;

GwResourceChart      *gw_resource_chart_new          (GwSchedule       *schedule,
                                                      GwSchedulePeriod  period,
                                                      GwResourceMetric  metric);
void                  gw_resource_chart_free         (GwResourceChart *chart);
GwSchedule           *gw_resource_chart_get_schedule (GwResourceChart *chart);
const GwScheduleLoad *gw_resource_chart_get_load     (GwResourceChart *chart);
GwResourceMetric      gw_resource_chart_get_metric   (GwResourceChart *chart);

double                gw_resource_chart_get_value    (GwResourceChart *chart,
                                                      int              role,
                                                      guint            period);
double                gw_resource_chart_get_capacity (GwResourceChart *chart,
                                                      int              role,
                                                      guint            period);
gboolean              gw_resource_chart_is_over      (GwResourceChart *chart,
                                                      int              role,
                                                      guint            period);
guint                 gw_resource_chart_count_over   (GwResourceChart *chart);
guint                 gw_resource_chart_get_n_lanes  (GwResourceChart *chart);
int                   gw_resource_chart_get_lane_role (GwResourceChart *chart,
                                                       guint            lane);

void                  gw_resource_chart_get_natural_size (GwResourceChart *chart,
                                                          double          *width,
                                                          double          *height);
void                  gw_resource_chart_layout       (GwResourceChart       *chart,
                                                      cairo_t               *cr,
                                                      const GwRenderPalette *palette,
                                                      double                 width,
                                                      double                 height);
void                  gw_resource_chart_draw         (GwResourceChart       *chart,
                                                      cairo_t               *cr,
                                                      const GwRenderPalette *palette);
guint                 gw_resource_chart_get_periods_per_bar (GwResourceChart *chart);
gboolean              gw_resource_chart_get_bar      (GwResourceChart *chart,
                                                      int              role,
                                                      guint            period,
                                                      GwRect          *bar);
gboolean              gw_resource_chart_hit          (GwResourceChart *chart,
                                                      double           x,
                                                      double           y,
                                                      int             *role,
                                                      guint           *period);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GwResourceChart, gw_resource_chart_free)

G_END_DECLS
