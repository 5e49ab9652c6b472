/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "gw-chart-source.h"

G_DEFINE_INTERFACE (GwChartSource, gw_chart_source, G_TYPE_OBJECT)

static void
gw_chart_source_default_init (GwChartSourceInterface *iface)
{
}

/**
 * gw_chart_source_get_title:
 *
 * Returns: (transfer full): the chart's name, for files and print jobs
 */
char *
gw_chart_source_get_title (GwChartSource *self)
{
  g_return_val_if_fail (GW_IS_CHART_SOURCE (self), NULL);
  return GW_CHART_SOURCE_GET_IFACE (self)->get_title (self);
}

void
gw_chart_source_get_natural_size (GwChartSource *self,
                                  double        *width,
                                  double        *height)
{
  g_return_if_fail (GW_IS_CHART_SOURCE (self));
  GW_CHART_SOURCE_GET_IFACE (self)->get_natural_size (self, width, height);
}

void
gw_chart_source_draw (GwChartSource         *self,
                      cairo_t               *cr,
                      double                 width,
                      double                 height,
                      const GwRenderPalette *palette)
{
  g_return_if_fail (GW_IS_CHART_SOURCE (self));
  g_return_if_fail (cr != NULL && palette != NULL);
  GW_CHART_SOURCE_GET_IFACE (self)->draw (self, cr, width, height, palette);
}
