/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pango/pangocairo.h>

#include "gw-gantt.h"

G_BEGIN_DECLS

/* What gw-gantt.c (the chart's structure, its API) and gw-gantt-draw.c
 * (a frame) share. */

#define ROW_HEIGHT 26.0
#define BAR_HEIGHT 14.0
#define SUMMARY_HEIGHT 6.0
#define DIAMOND 7.0
#define HEADER_BAND 23.0
#define HEADER_HEIGHT (2 * HEADER_BAND)
#define DEFAULT_LABEL_WIDTH 280.0
#define MIN_LABEL_WIDTH 120.0
#define LABEL_SIZE 12.0
#define HEADER_SIZE 11.0
#define INDENT 22.0
#define HANDLE_WIDTH 6.0
#define HIT_SLOP 2.0
#define MIN_HIT_WIDTH 8.0
#define ARROW_STEP 6.0
#define ARROW_HEAD 4.0
#define MAX_CACHED 4096
/* Arrows are found by the rows they span, in buckets of this many rows. */
#define EDGE_BUCKET 256

/* Pixels per day, and the days the axis runs on past the last finish. */
static inline double
gw_gantt_px_per_day (GwGanttZoom zoom)
{
  static const double px[GW_GANTT_N_ZOOMS] = { 36, 16, 5, 1.7 };

  return px[zoom];
}

static inline int
gw_gantt_pad_days (GwGanttZoom zoom)
{
  static const int pad[GW_GANTT_N_ZOOMS] = { 7, 14, 31, 92 };

  return pad[zoom];
}

/* A dependency: succ waits for pred (both schedule indices). */
typedef struct
{
  guint pred;
  guint succ;
} Edge;

struct _GwGanttChart
{
  GwSchedule     *schedule;
  GPtrArray      *items;          /* GwItem, as given */
  GwItem        **item_of;        /* [n_items]: the item of each schedule index, or NULL */
  double         *start_day;      /* [n_items]: days from the origin; NAN unless active */
  double         *finish_day;

  guint           n_groups;       /* the milestones, then "no milestone" */
  char          **group_names;    /* [n_groups]: milestone names, or NULL */
  guint          *group_first;    /* [n_groups + 1]: into group_items */
  guint          *group_items;    /* active items by group, in start order */
  double         *group_start;    /* [n_groups]: days */
  double         *group_finish;
  gboolean       *collapsed;      /* [n_groups] */
  gboolean        group_rows;     /* FALSE when every item is in "no milestone" */

  int            *rows;           /* >= 0: an item; < 0: group -(row + 1) */
  guint           n_rows;
  int            *row_of;         /* [n_items]: -1 when hidden or not active */
  int            *group_row;      /* [n_groups]: -1 without a row */

  Edge           *edges;
  guint           n_edges;
  guint          *edge_bucket_start;   /* [n_edge_buckets + 1]: into edge_buckets */
  guint          *edge_buckets;        /* short edges (shown) by the bucket of rows they begin in */
  guint           n_edge_buckets;
  guint          *long_edges;          /* edges (shown) that span a bucket or more */
  guint           n_long_edges;
  guint          *category_of;    /* [n_items]: colour index by category */
  GPtrArray      *categories;     /* char *: sorted; the last is "" for none */

  guint32         origin;         /* the julian day at the axis' start (a Monday) */
  guint32         last_day;       /* the julian day after the last finish */
  guint32         start_julian;
  int             day_start;      /* minute of the day work starts */
  double          day_minutes;
  double          hours_per_day;

  GwGanttZoom     zoom;
  GwGanttColorBy  color_by;
  gboolean        show_dependencies;
  GDate           today;
  double          label_width;
  int             selected;
  int             ghost;
  double          ghost_start;    /* days */
  double          ghost_finish;

  double          vx, vy, vw, vh;

  GwGanttStats    stats;
  GArray         *drawn;          /* guint: items drawn in the last frame */
  GArray         *boxes;          /* double[4]: rectangles to fill in one colour */

  char           *font_family;    /* of the layouts below */
  PangoLayout    *label_template;
  PangoLayout    *bold_template;
  PangoLayout    *header_template;
  GHashTable     *labels;         /* row code -> PangoLayout */
  GHashTable     *cells;          /* gint64 cell code -> PangoLayout */
};

/* Time and place */

static inline double
ppd (GwGanttChart *chart)
{
  return gw_gantt_px_per_day (chart->zoom);
}

static inline double
timeline_width (GwGanttChart *chart)
{
  return (chart->last_day + gw_gantt_pad_days (chart->zoom) - chart->origin) * ppd (chart);
}

/* Days from the origin to a working time: a working day fills its whole
 * day on the axis, so a bar of half a day takes half a day's width. */
static inline double
hours_to_day (GwGanttChart   *chart,
              double          hours,
              GwCalendarEdge  edge)
{
  GDate date;
  int minute;
  double fraction;

  gw_calendar_get_wall (chart->schedule->calendar, hours, edge, &date, &minute);
  fraction = CLAMP ((minute - chart->day_start) / chart->day_minutes, 0, 1);
  return (double) g_date_get_julian (&date) - chart->origin + fraction;
}

static inline double
day_to_x (GwGanttChart *chart,
          double        day)
{
  return chart->label_width + day * ppd (chart) - chart->vx;
}

static inline double
x_to_day (GwGanttChart *chart,
          double        x)
{
  return (x - chart->label_width + chart->vx) / ppd (chart);
}

static inline double
row_top (GwGanttChart *chart,
         int           row)
{
  return HEADER_HEIGHT + row * ROW_HEIGHT - chart->vy;
}

static inline void
set_julian (GDate   *date,
            guint32  julian)
{
  g_date_clear (date, 1);
  g_date_set_julian (date, julian);
}

static inline void
bar_rect (GwGanttChart *chart,
          int           row,
          double        start_day,
          double        finish_day,
          GwRect       *rect)
{
  double x0 = day_to_x (chart, start_day);
  double x1 = day_to_x (chart, finish_day);

  rect->x = x0;
  rect->y = row_top (chart, row) + (ROW_HEIGHT - BAR_HEIGHT) / 2;
  rect->w = MAX (x1 - x0, 0);
  rect->h = BAR_HEIGHT;
}

void _gw_gantt_chart_clear_text (GwGanttChart *chart);

G_END_DECLS
