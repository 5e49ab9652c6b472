/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "gw-context.h"
#include "gw-resource-chart.h"

G_BEGIN_DECLS

#define GW_TYPE_RESOURCES_VIEW (gw_resources_view_get_type ())
G_DECLARE_FINAL_TYPE (GwResourcesView, gw_resources_view, GW, RESOURCES_VIEW, GtkWidget)

GwContext       *gw_resources_view_get_context   (GwResourcesView  *self);
void             gw_resources_view_set_context   (GwResourcesView  *self,
                                                  GwContext        *context);
void             gw_resources_view_set_period    (GwResourcesView  *self,
                                                  GwSchedulePeriod  period);
void             gw_resources_view_set_metric    (GwResourcesView  *self,
                                                  GwResourceMetric  metric);
GwResourceChart *gw_resources_view_get_chart     (GwResourcesView  *self);
GtkSpinButton   *gw_resources_view_get_role_spin (GwResourcesView  *self,
                                                  const char       *role,
                                                  gboolean          hours_per_week);
gboolean         gw_resources_view_is_busy       (GwResourcesView  *self);

G_END_DECLS
