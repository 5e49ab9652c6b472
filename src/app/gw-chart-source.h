/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "gw-render-common.h"

G_BEGIN_DECLS

/* A view that shows a chart: the window exports, prints and presents the
 * visible view's chart through this interface, with the light palette, so
 * that dark style never leaks into files or paper.
 *
 * A hidden view may leave its chart out of date until it is shown; the
 * presentation shows every view's chart, so it asks each to prepare(), and
 * redraws on ::chart-changed when a chart computed in the background is in. */
#define GW_TYPE_CHART_SOURCE (gw_chart_source_get_type ())
G_DECLARE_INTERFACE (GwChartSource, gw_chart_source, GW, CHART_SOURCE, GObject)

struct _GwChartSourceInterface
{
  GTypeInterface parent_iface;

  /* A short name for files and print jobs ("Quadrant"). */
  char    *(*get_title)        (GwChartSource *self);
  /* The size the chart reads best at, in points (1/72 inch = 1 px at 100 %). */
  void     (*get_natural_size) (GwChartSource *self,
                                double        *width,
                                double        *height);
  /* Draws the whole chart (not only what the view scrolls to) into a
   * @width x @height area at the origin of @cr. */
  void     (*draw)             (GwChartSource         *self,
                                cairo_t               *cr,
                                double                 width,
                                double                 height,
                                const GwRenderPalette *palette);
  /* Optional: bring the chart up to date even while hidden. */
  void     (*prepare)          (GwChartSource *self);
  /* Optional (TRUE when missing): whether draw() has a chart to draw. */
  gboolean (*is_ready)         (GwChartSource *self);
};

char    *gw_chart_source_get_title        (GwChartSource *self);
void     gw_chart_source_get_natural_size (GwChartSource *self,
                                           double        *width,
                                           double        *height);
void     gw_chart_source_draw             (GwChartSource         *self,
                                           cairo_t               *cr,
                                           double                 width,
                                           double                 height,
                                           const GwRenderPalette *palette);
void     gw_chart_source_prepare          (GwChartSource *self);
gboolean gw_chart_source_is_ready         (GwChartSource *self);
void     gw_chart_source_chart_changed    (GwChartSource *self);

G_END_DECLS
