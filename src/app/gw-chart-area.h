/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "gw-render-common.h"

G_BEGIN_DECLS

/* A widget that shows a chart drawn with cairo: the chart is drawn once
 * into an image at the screen's resolution and the image is shown until
 * something changes (the data, the size, the style), so that hovering and
 * scrolling cost nothing. Subclasses lay out and draw through the class
 * functions and call gw_chart_area_queue_layout()/_queue_draw_chart(). */
#define GW_TYPE_CHART_AREA (gw_chart_area_get_type ())
G_DECLARE_DERIVABLE_TYPE (GwChartArea, gw_chart_area, GW, CHART_AREA, GtkWidget)

struct _GwChartAreaClass
{
  GtkWidgetClass parent_class;

  /* Places everything for a chart of @width x @height; @cr measures text. */
  void (*layout)       (GwChartArea           *self,
                        cairo_t               *cr,
                        const GwRenderPalette *palette,
                        double                 width,
                        double                 height);
  /* Draws the laid-out chart into the cached image. */
  void (*draw)         (GwChartArea           *self,
                        cairo_t               *cr,
                        const GwRenderPalette *palette);
  /* Draws what changes often (hover, a drag in progress) over the image. */
  void (*draw_overlay) (GwChartArea           *self,
                        cairo_t               *cr,
                        const GwRenderPalette *palette);
};

void                   gw_chart_area_queue_layout      (GwChartArea *self);
void                   gw_chart_area_queue_draw_chart  (GwChartArea *self);
const GwRenderPalette *gw_chart_area_get_palette       (GwChartArea *self);
void                   gw_chart_area_show_error        (GwChartArea  *self,
                                                        const GError *error);

G_END_DECLS
