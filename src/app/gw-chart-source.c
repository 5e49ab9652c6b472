/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "gw-chart-source.h"

G_DEFINE_INTERFACE (GwChartSource, gw_chart_source, G_TYPE_OBJECT)

enum {
  CHART_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
gw_chart_source_default_init (GwChartSourceInterface *iface)
{
  /**
   * GwChartSource::chart-changed:
   *
   * The chart draw() draws is another now: one computed in the background
   * is in.
   */
  signals[CHART_CHANGED] =
    g_signal_new ("chart-changed", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
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

/**
 * gw_chart_source_prepare:
 *
 * Brings the chart up to date even if its view is hidden; a chart computed
 * in the background comes with ::chart-changed.
 */
void
gw_chart_source_prepare (GwChartSource *self)
{
  GwChartSourceInterface *iface;

  g_return_if_fail (GW_IS_CHART_SOURCE (self));
  iface = GW_CHART_SOURCE_GET_IFACE (self);
  if (iface->prepare != NULL)
    iface->prepare (self);
}

/**
 * gw_chart_source_is_ready:
 *
 * Returns: whether gw_chart_source_draw() has a chart to draw
 */
gboolean
gw_chart_source_is_ready (GwChartSource *self)
{
  GwChartSourceInterface *iface;

  g_return_val_if_fail (GW_IS_CHART_SOURCE (self), FALSE);
  iface = GW_CHART_SOURCE_GET_IFACE (self);
  return iface->is_ready == NULL || iface->is_ready (self);
}

/* For the views: a new chart is in. */
void
gw_chart_source_chart_changed (GwChartSource *self)
{
  g_return_if_fail (GW_IS_CHART_SOURCE (self));
  g_signal_emit (self, signals[CHART_CHANGED], 0);
}
