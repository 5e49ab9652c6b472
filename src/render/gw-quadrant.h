/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "gw-item.h"
#include "gw-label-placer.h"
#include "gw-render-common.h"
#include "gw-scoring.h"

G_BEGIN_DECLS

typedef enum
{
  GW_COLOR_BY_PRIORITY = 0,
  GW_COLOR_BY_CATEGORY,
  GW_COLOR_BY_STATUS,
  GW_COLOR_BY_MILESTONE,
} GwColorBy;

typedef enum
{
  GW_MARKER_SIZE_FIXED = 0,
  GW_MARKER_SIZE_ROI,
  GW_MARKER_SIZE_RISK,
} GwMarkerSize;

typedef enum
{
  GW_QUADRANT_HANDLE_NONE = 0,
  GW_QUADRANT_HANDLE_EFFORT,   /* the vertical line at the effort threshold */
  GW_QUADRANT_HANDLE_IMPACT,   /* the horizontal line at the impact threshold */
} GwQuadrantHandle;

typedef struct
{
  gboolean          log_effort;
  GwColorBy         color_by;
  GwMarkerSize      size_by;
  GwScoringSettings scoring;
  gboolean          show_legend;
} GwQuadrantOptions;

typedef struct _GwQuadrantChart GwQuadrantChart;

void              gw_quadrant_options_init        (GwQuadrantOptions *options);
gboolean          gw_color_by_from_string         (const char *text,
                                                   GwColorBy  *color_by);
gboolean          gw_marker_size_from_string      (const char   *text,
                                                   GwMarkerSize *size_by);
GwColor           gw_render_categorical_color     (guint                  index,
                                                   const GwRenderPalette *palette);

GwQuadrantChart  *gw_quadrant_chart_new           (GPtrArray               *items,
                                                   const GwQuadrantOptions *options);
void              gw_quadrant_chart_free          (GwQuadrantChart *chart);
void              gw_quadrant_chart_layout        (GwQuadrantChart       *chart,
                                                   cairo_t               *cr,
                                                   const GwRenderPalette *palette,
                                                   double                 width,
                                                   double                 height);
void              gw_quadrant_chart_draw          (GwQuadrantChart       *chart,
                                                   cairo_t               *cr,
                                                   const GwRenderPalette *palette);
void              gw_quadrant_chart_set_selected  (GwQuadrantChart *chart,
                                                   gint64           item_id);
void              gw_quadrant_chart_set_hover     (GwQuadrantChart *chart,
                                                   gint64           item_id);
void              gw_quadrant_chart_move_marker   (GwQuadrantChart *chart,
                                                   gint64           item_id,
                                                   double           effort_hours,
                                                   double           impact);
void              gw_quadrant_chart_set_thresholds (GwQuadrantChart *chart,
                                                    double           effort_threshold,
                                                    double           impact_threshold);

GwItem           *gw_quadrant_chart_hit           (GwQuadrantChart *chart,
                                                   double           x,
                                                   double           y);
GwQuadrantHandle  gw_quadrant_chart_hit_handle    (GwQuadrantChart *chart,
                                                   double           x,
                                                   double           y);
gboolean          gw_quadrant_chart_to_data       (GwQuadrantChart *chart,
                                                   double           x,
                                                   double           y,
                                                   double          *effort_hours,
                                                   double          *impact);
void              gw_quadrant_chart_from_data     (GwQuadrantChart *chart,
                                                   double           effort_hours,
                                                   double           impact,
                                                   double          *x,
                                                   double          *y);
gboolean          gw_quadrant_chart_get_marker    (GwQuadrantChart *chart,
                                                   gint64           item_id,
                                                   double          *x,
                                                   double          *y,
                                                   double          *radius);
gboolean          gw_quadrant_chart_get_label     (GwQuadrantChart *chart,
                                                   gint64           item_id,
                                                   GwRect          *box);
guint             gw_quadrant_chart_count_hidden_labels (GwQuadrantChart *chart);
void              gw_quadrant_chart_get_plot_area (GwQuadrantChart *chart,
                                                   double          *x,
                                                   double          *y,
                                                   double          *width,
                                                   double          *height);
const GwQuadrantOptions *gw_quadrant_chart_get_options (GwQuadrantChart *chart);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GwQuadrantChart, gw_quadrant_chart_free)

G_END_DECLS
