/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "gw-item.h"
#include "gw-label-placer.h"
#include "gw-render-common.h"
#include "gw-schedule.h"

G_BEGIN_DECLS

/* The Gantt chart of a schedule: a row per scheduled item, grouped by
 * milestone under a header row that can be collapsed, bars on a calendar
 * time axis, dependency arrows, the critical path, milestone diamonds.
 *
 * The chart is drawn through a viewport (the part of the whole chart a
 * widget shows, or the whole of it for a file): only the rows and the time
 * span inside it are laid out and drawn, so a frame costs the same on a
 * register of 100 000 items as on one of 100. The column of labels on the
 * left and the time scale at the top stay in place while the viewport
 * scrolls. Every coordinate the API takes or gives is in the viewport's
 * pixels, (0, 0) at its top left corner. */

typedef enum
{
  GW_GANTT_ZOOM_DAY = 0,
  GW_GANTT_ZOOM_WEEK,
  GW_GANTT_ZOOM_MONTH,
  GW_GANTT_ZOOM_QUARTER,
} GwGanttZoom;

#define GW_GANTT_N_ZOOMS 4

typedef enum
{
  GW_GANTT_COLOR_PRIORITY = 0,
  GW_GANTT_COLOR_CATEGORY,
} GwGanttColorBy;

typedef enum
{
  GW_GANTT_HIT_NONE = 0,
  GW_GANTT_HIT_GROUP,     /* a milestone's header row */
  GW_GANTT_HIT_LABEL,     /* an item's label */
  GW_GANTT_HIT_BAR,       /* an item's bar */
  GW_GANTT_HIT_BAR_END,   /* the handle at the end of an item's bar */
} GwGanttHitKind;

typedef struct
{
  GwGanttHitKind kind;
  int            item;    /* the schedule's item; -1 for none */
  int            group;   /* the milestone (n_milestones: no milestone); -1 for none */
} GwGanttHit;

/* What the last gw_gantt_chart_draw() did. */
typedef struct
{
  guint rows;       /* rows drawn (headers and items) */
  guint laid_out;   /* item rows whose bar and label were placed */
  guint bars;       /* bars drawn */
  guint labels;     /* labels drawn */
  guint arrows;     /* dependency arrows drawn */
} GwGanttStats;

typedef struct _GwGanttChart GwGanttChart;

const char    *gw_gantt_zoom_to_string       (GwGanttZoom  zoom);
gboolean       gw_gantt_zoom_from_string     (const char  *text,
                                              GwGanttZoom *zoom);

GwGanttChart  *gw_gantt_chart_new            (GwSchedule *schedule,
                                              GPtrArray  *items,
                                              GPtrArray  *milestones);
void           gw_gantt_chart_free           (GwGanttChart *chart);
GwSchedule    *gw_gantt_chart_get_schedule   (GwGanttChart *chart);
GwItem        *gw_gantt_chart_get_item       (GwGanttChart *chart,
                                              int           item);

void           gw_gantt_chart_set_zoom       (GwGanttChart *chart,
                                              GwGanttZoom   zoom);
GwGanttZoom    gw_gantt_chart_get_zoom       (GwGanttChart *chart);
GwGanttZoom    gw_gantt_chart_fit_zoom       (GwGanttChart *chart,
                                              double        max_width);
void           gw_gantt_chart_set_color_by   (GwGanttChart   *chart,
                                              GwGanttColorBy  color_by);
void           gw_gantt_chart_set_show_dependencies (GwGanttChart *chart,
                                                     gboolean      show);
void           gw_gantt_chart_set_today      (GwGanttChart *chart,
                                              const GDate  *today);
void           gw_gantt_chart_set_label_width (GwGanttChart *chart,
                                               double        width);
void           gw_gantt_chart_set_collapsed  (GwGanttChart      *chart,
                                              const char *const *milestones);
gboolean       gw_gantt_chart_is_collapsed   (GwGanttChart *chart,
                                              int           group);
const char    *gw_gantt_chart_get_group_key  (GwGanttChart *chart,
                                              int           group);
GHashTable    *gw_gantt_chart_get_row_ranks  (GwGanttChart *chart);
void           gw_gantt_chart_order_rows     (GwGanttChart *chart,
                                              GHashTable   *ranks);
void           gw_gantt_chart_set_selected   (GwGanttChart *chart,
                                              int           item);
void           gw_gantt_chart_set_ghost      (GwGanttChart *chart,
                                              int           item,
                                              double        start_hours,
                                              double        finish_hours);

void           gw_gantt_chart_get_size       (GwGanttChart *chart,
                                              double       *width,
                                              double       *height);
void           gw_gantt_chart_get_margins    (GwGanttChart *chart,
                                              double       *label_width,
                                              double       *header_height);
double         gw_gantt_chart_get_row_height (GwGanttChart *chart);
guint          gw_gantt_chart_get_n_rows     (GwGanttChart *chart);
void           gw_gantt_chart_set_viewport   (GwGanttChart *chart,
                                              double        x,
                                              double        y,
                                              double        width,
                                              double        height);
void           gw_gantt_chart_draw           (GwGanttChart          *chart,
                                              cairo_t               *cr,
                                              const GwRenderPalette *palette);
const GwGanttStats *gw_gantt_chart_get_stats (GwGanttChart *chart);
const guint   *gw_gantt_chart_get_drawn_items (GwGanttChart *chart,
                                               guint        *n_items);

gboolean       gw_gantt_chart_hit            (GwGanttChart *chart,
                                              double        x,
                                              double        y,
                                              GwGanttHit   *hit);
int            gw_gantt_chart_get_item_row   (GwGanttChart *chart,
                                              int           item);
int            gw_gantt_chart_get_group_row  (GwGanttChart *chart,
                                              int           group);
gboolean       gw_gantt_chart_get_bar        (GwGanttChart *chart,
                                              int           item,
                                              GwRect       *bar);
double         gw_gantt_chart_hours_to_x     (GwGanttChart   *chart,
                                              double          hours,
                                              GwCalendarEdge  edge);
double         gw_gantt_chart_x_to_hours     (GwGanttChart *chart,
                                              double        x);
void           gw_gantt_chart_x_to_date      (GwGanttChart *chart,
                                              double        x,
                                              GDate        *date);
double         gw_gantt_chart_date_to_x      (GwGanttChart *chart,
                                              const GDate  *date);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GwGanttChart, gw_gantt_chart_free)

G_END_DECLS
