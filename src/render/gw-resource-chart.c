/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The resource load chart: per role, the work of each period of the
 * schedule (GwScheduleLoad, the same table the resource CSV exports)
 * against what the role's people can do in that period. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "gw-resource-chart.h"

#define LABEL_WIDTH 200.0
#define LANE_HEIGHT 96.0
#define MIN_LANE_HEIGHT 64.0
#define TOP 8.0
#define AXIS_HEIGHT 26.0
#define RIGHT 16.0
#define MIN_BAR 4.0
#define MAX_SLOT 120.0
#define NATURAL_SLOT 18.0
#define TEXT_SIZE 12.0
#define SMALL_SIZE 11.0
#define EPSILON 1e-6

struct _GwResourceChart
{
  GwSchedule           *schedule;
  GwScheduleLoad       *own_load;   /* NULL when the schedule's weeks are used */
  const GwScheduleLoad *load;
  GwResourceMetric      metric;
  double               *capacity;   /* [period * n_roles + role] */
  guint                *lanes;      /* roles with work, in schedule order */
  guint                 n_lanes;

  gboolean              laid_out;
  double                width, height;
  double                plot_x, plot_w;
  double                lane_h;
  double                slot_w;     /* room of a bar */
  guint                 per_bar;    /* periods a bar stands for */
  guint                 n_bars;
  double               *lane_max;   /* [lane]: the value at the lane's top */
};

/* Helpers */

static double
nice_ceiling (double v)
{
  static const double steps[] = { 1, 2, 2.5, 5, 10 };
  double magnitude;

  if (!(v > 0))
    return 1;
  magnitude = pow (10, floor (log10 (v)));
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (steps[i] * magnitude >= v - EPSILON)
      return steps[i] * magnitude;
  return 10 * magnitude;
}

/* The working hours of a calendar's period, holidays left out. */
static double
period_hours (const GwCalendar *calendar,
              const GDate      *first,
              const GDate      *last)
{
  GDate after;

  if (!g_date_valid (first) || !g_date_valid (last))
    return 0;
  after = *last;
  g_date_add_days (&after, 1);
  return gw_calendar_hours_at_date (calendar, &after) - gw_calendar_hours_at_date (calendar, first);
}

static double
value_at (GwResourceChart *chart,
          guint            role,
          guint            period)
{
  guint cell = period * chart->load->n_roles + role;

  return chart->metric == GW_RESOURCE_METRIC_HOURS ? chart->load->hours[cell] : chart->load->people[cell];
}

static gboolean
over_at (GwResourceChart *chart,
         guint            role,
         guint            period)
{
  return value_at (chart, role, period) > chart->capacity[period * chart->load->n_roles + role] + EPSILON;
}

/* The period a bar shows: the busiest of those it stands for. */
static guint
bar_period (GwResourceChart *chart,
            guint            role,
            guint            bar,
            gboolean        *any_over)
{
  guint first = bar * chart->per_bar;
  guint last = MIN (first + chart->per_bar, chart->load->n_periods);
  guint best = first;

  if (any_over != NULL)
    *any_over = FALSE;
  for (guint k = first; k < last; k++)
    {
      if (value_at (chart, role, k) > value_at (chart, role, best))
        best = k;
      if (any_over != NULL && over_at (chart, role, k))
        *any_over = TRUE;
    }
  return best;
}

static double
lane_top (GwResourceChart *chart,
          guint            lane)
{
  return TOP + lane * chart->lane_h;
}

/* The plot of a lane: from its top margin to its baseline. */
static void
lane_plot (GwResourceChart *chart,
           guint            lane,
           double          *top,
           double          *bottom)
{
  *top = lane_top (chart, lane) + 18;
  *bottom = lane_top (chart, lane) + chart->lane_h - 8;
}

static double
value_to_y (GwResourceChart *chart,
            guint            lane,
            double           value)
{
  double top, bottom;

  lane_plot (chart, lane, &top, &bottom);
  return bottom - MIN (value / chart->lane_max[lane], 1.05) * (bottom - top);
}

static char *
format_value (GwResourceChart *chart,
              double           value)
{
  g_autofree char *hours = NULL;

  if (chart->metric == GW_RESOURCE_METRIC_PEOPLE)
    return g_strdup_printf ("%.0f", value);
  hours = gw_format_hours (value);
  /* Translators: hours in the resource chart, "64 h" */
  return g_strdup_printf (_("%s h"), hours);
}

static void
show_text (cairo_t       *cr,
           PangoLayout   *layout,
           const char    *text,
           double         max_width,
           const GwColor *color,
           double         x,
           double         y)
{
  gw_render_text_set (layout, text, max_width);
  gw_render_set_color (cr, color, 1);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_lane_label (GwResourceChart       *chart,
                 cairo_t               *cr,
                 const GwRenderPalette *palette,
                 guint                  lane,
                 PangoLayout           *bold,
                 PangoLayout           *small)
{
  const GwSchedule *s = chart->schedule;
  guint r = chart->lanes[lane];
  const GwScheduleRole *role = &s->roles[r];
  double y = lane_top (chart, lane) + 10;
  g_autofree char *capacity = NULL;
  g_autofree char *hours = gw_format_hours (chart->load->role_hours[r]);
  g_autofree char *totals = NULL;

  show_text (cr, bold, gw_schedule_get_role_name (s, (int) r), LABEL_WIDTH - 20, &palette->foreground, 12, y);
  if (role->name == NULL)
    capacity = g_strdup (_("No owner: no limit"));
  else if (!role->defined)
    capacity = g_strdup (_("Not a role: no limit"));
  else if (!role->limited)
    capacity = g_strdup (_("No people or hours: no limit"));
  else
    {
      g_autofree char *week = gw_format_hours (role->hours_per_week);

      /* Translators: a role's capacity, "2 × 40 h a week" */
      capacity = g_strdup_printf (_("%d × %s h a week"), role->headcount, week);
    }
  show_text (cr, small, capacity, LABEL_WIDTH - 20, role->limited ? &palette->muted : &palette->status[GW_STATUS_BLOCKED],
             12, y + 20);
  /* Translators: a role's totals in the resource chart, "120 h · peak 2" */
  totals = g_strdup_printf (_("%s h · peak %d"), hours, chart->load->peak_people[r]);
  show_text (cr, small, totals, LABEL_WIDTH - 20, &palette->muted, 12, y + 38);
}

static void
draw_lane (GwResourceChart       *chart,
           cairo_t               *cr,
           const GwRenderPalette *palette,
           guint                  lane,
           PangoLayout           *small)
{
  guint r = chart->lanes[lane];
  const GwColor *error = &palette->status[GW_STATUS_BLOCKED];
  double top, bottom;
  static const double dash[] = { 4, 3 };
  g_autofree char *max_text = format_value (chart, chart->lane_max[lane]);
  double w, h;

  lane_plot (chart, lane, &top, &bottom);

  /* The scale: its top value and a faint line there. */
  gw_render_set_color (cr, &palette->border, 0.6);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, chart->plot_x, round (top) + 0.5);
  cairo_line_to (cr, chart->plot_x + chart->plot_w, round (top) + 0.5);
  cairo_stroke (cr);
  gw_render_text_set (small, max_text, -1);
  gw_render_text_size (small, &w, &h);
  gw_render_set_color (cr, &palette->muted, 1);
  cairo_move_to (cr, chart->plot_x - 6 - w, top - h / 2);
  pango_cairo_show_layout (cr, small);

  for (guint b = 0; b < chart->n_bars; b++)
    {
      gboolean any_over;
      guint k = bar_period (chart, r, b, &any_over);
      double v = value_at (chart, r, k);
      double cap = chart->capacity[k * chart->load->n_roles + r];
      double x = chart->plot_x + b * chart->slot_w;
      double bw = MAX (chart->slot_w * (chart->slot_w >= 8 ? 0.72 : 1) - (chart->slot_w >= 8 ? 0 : 1), 1);
      double y_v = value_to_y (chart, lane, v);
      double y_c = value_to_y (chart, lane, MIN (v, cap));

      if (v > 0)
        {
          /* Within the capacity, then over it. */
          gw_render_set_color (cr, &palette->accent, 0.85);
          cairo_rectangle (cr, x, y_c, bw, bottom - y_c);
          cairo_fill (cr);
          if (v > cap + EPSILON)
            {
              gw_render_set_color (cr, error, 1);
              cairo_rectangle (cr, x, y_v, bw, y_c - y_v);
              cairo_fill (cr);
            }
          else if (any_over)
            {
              gw_render_set_color (cr, error, 1);
              cairo_rectangle (cr, x, y_v, bw, MIN (3, bottom - y_v));
              cairo_fill (cr);
            }
        }
    }

  /* The capacity, as a line stepping from bar to bar. */
  for (guint b = 0; b < chart->n_bars; b++)
    {
      guint k = bar_period (chart, r, b, NULL);
      double x = chart->plot_x + b * chart->slot_w;
      double cy = round (value_to_y (chart, lane, chart->capacity[k * chart->load->n_roles + r])) + 0.5;

      if (b == 0)
        cairo_move_to (cr, x, cy);
      else
        cairo_line_to (cr, x, cy);
      cairo_line_to (cr, x + chart->slot_w, cy);
    }
  cairo_save (cr);
  cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
  cairo_set_line_width (cr, 1.5);
  gw_render_set_color (cr, &palette->foreground, 0.75);
  cairo_stroke (cr);
  cairo_restore (cr);

  gw_render_set_color (cr, &palette->line, 1);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, chart->plot_x, round (bottom) + 0.5);
  cairo_line_to (cr, chart->plot_x + chart->plot_w, round (bottom) + 0.5);
  cairo_stroke (cr);
}

/* The periods under the lanes, as many as fit without overlapping. */
static void
draw_axis (GwResourceChart       *chart,
           cairo_t               *cr,
           const GwRenderPalette *palette,
           PangoLayout           *small)
{
  const GwScheduleLoad *load = chart->load;
  double y = TOP + chart->n_lanes * chart->lane_h + 4;
  double widest = 0, w, h, next_x = -G_MAXDOUBLE;

  for (guint b = 0; b < chart->n_bars; b++)
    {
      const char *label = load->labels[b * chart->per_bar];

      gw_render_text_set (small, *label ? label : _("No milestone"), -1);
      gw_render_text_size (small, &w, &h);
      widest = MAX (widest, w);
      if (b > 64)
        break;
    }
  for (guint b = 0; b < chart->n_bars; b++)
    {
      const char *label = load->labels[b * chart->per_bar];
      double x = chart->plot_x + b * chart->slot_w;

      if (x < next_x)
        continue;
      gw_render_text_set (small, *label ? label : _("No milestone"), -1);
      gw_render_text_size (small, &w, &h);
      if (x + w > chart->width - 2)
        break;
      gw_render_set_color (cr, &palette->muted, 1);
      cairo_move_to (cr, x, y);
      pango_cairo_show_layout (cr, small);
      next_x = x + widest + 12;
    }
  if (chart->per_bar > 1)
    {
      g_autofree char *note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "a bar: the busiest of %u period",
                                                            "a bar: the busiest of %u periods", chart->per_bar),
                                               chart->per_bar);

      show_text (cr, small, note, LABEL_WIDTH - 20, &palette->muted, 12, y);
    }
}

/* Public API */

/**
 * gw_resource_chart_new:
 * @period: the periods of the bars (the schedule's weeks are reused)
 * @metric: what a bar shows: hours worked or people at work
 *
 * Returns: (transfer full): the chart, to lay out and draw
 */
GwResourceChart *
gw_resource_chart_new (GwSchedule       *schedule,
                       GwSchedulePeriod  period,
                       GwResourceMetric  metric)
{
  GwResourceChart *chart;
  const GwScheduleLoad *load;
  double week_hours;

  g_return_val_if_fail (schedule != NULL, NULL);

  chart = g_new0 (GwResourceChart, 1);
  chart->schedule = gw_schedule_ref (schedule);
  chart->metric = metric;
  if (period == GW_SCHEDULE_PERIOD_WEEK && schedule->weeks != NULL)
    chart->load = schedule->weeks;
  else
    chart->load = chart->own_load = gw_schedule_load_new (schedule, period);
  load = chart->load;

  chart->lanes = g_new (guint, MAX (schedule->n_roles, 1));
  for (guint r = 0; r < schedule->n_roles; r++)
    if (schedule->roles[r].n_items > 0)
      chart->lanes[chart->n_lanes++] = r;
  chart->lane_max = g_new0 (double, MAX (chart->n_lanes, 1));

  /* What the people of each role can do in each period. */
  week_hours = gw_calendar_get_hours_per_week (schedule->calendar);
  chart->capacity = g_new0 (double, MAX (load->n_periods * load->n_roles, 1));
  for (guint k = 0; k < load->n_periods; k++)
    {
      double hours = period_hours (schedule->calendar, &load->first_days[k], &load->last_days[k]);

      for (guint r = 0; r < load->n_roles; r++)
        {
          const GwScheduleRole *role = &schedule->roles[r];

          if (!role->limited)
            continue;
          chart->capacity[k * load->n_roles + r] =
            metric == GW_RESOURCE_METRIC_PEOPLE ? role->headcount
                                                : role->headcount * hours * role->hours_per_week / week_hours;
        }
    }
  return chart;
}

void
gw_resource_chart_free (GwResourceChart *chart)
{
  if (chart == NULL)
    return;
  g_clear_pointer (&chart->own_load, gw_schedule_load_free);
  g_free (chart->capacity);
  g_free (chart->lanes);
  g_free (chart->lane_max);
  gw_schedule_unref (chart->schedule);
  g_free (chart);
}

/**
 * gw_resource_chart_get_schedule:
 *
 * Returns: (transfer none): the schedule drawn
 */
GwSchedule *
gw_resource_chart_get_schedule (GwResourceChart *chart)
{
  g_return_val_if_fail (chart != NULL, NULL);
  return chart->schedule;
}

/**
 * gw_resource_chart_get_load:
 *
 * Returns: (transfer none): the hours and people per period and role
 */
const GwScheduleLoad *
gw_resource_chart_get_load (GwResourceChart *chart)
{
  g_return_val_if_fail (chart != NULL, NULL);
  return chart->load;
}

GwResourceMetric
gw_resource_chart_get_metric (GwResourceChart *chart)
{
  g_return_val_if_fail (chart != NULL, GW_RESOURCE_METRIC_HOURS);
  return chart->metric;
}

/**
 * gw_resource_chart_get_value:
 *
 * Returns: the hours worked or the people at work of @role in @period
 */
double
gw_resource_chart_get_value (GwResourceChart *chart,
                             int              role,
                             guint            period)
{
  g_return_val_if_fail (chart != NULL, 0);
  g_return_val_if_fail (role >= 0 && (guint) role < chart->load->n_roles && period < chart->load->n_periods, 0);
  return value_at (chart, (guint) role, period);
}

/**
 * gw_resource_chart_get_capacity:
 *
 * Returns: the hours @role's people can work in @period, or their number;
 *   0 for a role without a limit
 */
double
gw_resource_chart_get_capacity (GwResourceChart *chart,
                                int              role,
                                guint            period)
{
  g_return_val_if_fail (chart != NULL, 0);
  g_return_val_if_fail (role >= 0 && (guint) role < chart->load->n_roles && period < chart->load->n_periods, 0);
  return chart->capacity[period * chart->load->n_roles + (guint) role];
}

gboolean
gw_resource_chart_is_over (GwResourceChart *chart,
                           int              role,
                           guint            period)
{
  g_return_val_if_fail (chart != NULL, FALSE);
  g_return_val_if_fail (role >= 0 && (guint) role < chart->load->n_roles && period < chart->load->n_periods, FALSE);
  return over_at (chart, (guint) role, period);
}

/**
 * gw_resource_chart_count_over:
 *
 * Returns: how many periods of how many roles are over capacity
 */
guint
gw_resource_chart_count_over (GwResourceChart *chart)
{
  guint n = 0;

  g_return_val_if_fail (chart != NULL, 0);
  for (guint k = 0; k < chart->load->n_periods; k++)
    for (guint r = 0; r < chart->load->n_roles; r++)
      n += over_at (chart, r, k);
  return n;
}

guint
gw_resource_chart_get_n_lanes (GwResourceChart *chart)
{
  g_return_val_if_fail (chart != NULL, 0);
  return chart->n_lanes;
}

/**
 * gw_resource_chart_get_lane_role:
 *
 * Returns: the role whose lane is @lane, top down
 */
int
gw_resource_chart_get_lane_role (GwResourceChart *chart,
                                 guint            lane)
{
  g_return_val_if_fail (chart != NULL && lane < chart->n_lanes, -1);
  return (int) chart->lanes[lane];
}

/**
 * gw_resource_chart_get_natural_size:
 *
 * Gets the size at which every period has a bar of its own, up to a width
 * that still reads on a page.
 */
void
gw_resource_chart_get_natural_size (GwResourceChart *chart,
                                    double          *width,
                                    double          *height)
{
  g_return_if_fail (chart != NULL);

  if (width)
    *width = LABEL_WIDTH + CLAMP (chart->load->n_periods * NATURAL_SLOT, 400, 2400) + RIGHT;
  if (height)
    *height = TOP + MAX (chart->n_lanes, 1) * LANE_HEIGHT + AXIS_HEIGHT;
}

/**
 * gw_resource_chart_layout:
 * @cr: any context of the target (unused for now: no text is placed)
 *
 * Fits the lanes and the bars into @width x @height: periods share a bar
 * when they are more than the width holds.
 */
void
gw_resource_chart_layout (GwResourceChart       *chart,
                          cairo_t               *cr,
                          const GwRenderPalette *palette,
                          double                 width,
                          double                 height)
{
  guint n;

  g_return_if_fail (chart != NULL);

  n = chart->load->n_periods;
  chart->width = width;
  chart->height = height;
  chart->plot_x = LABEL_WIDTH;
  chart->plot_w = MAX (width - LABEL_WIDTH - RIGHT, 40);
  chart->lane_h = MAX ((height - TOP - AXIS_HEIGHT) / MAX (chart->n_lanes, 1), MIN_LANE_HEIGHT);
  chart->per_bar = MAX (1, (guint) ceil (n * MIN_BAR / chart->plot_w));
  chart->n_bars = (n + chart->per_bar - 1) / chart->per_bar;
  chart->slot_w = MIN (chart->plot_w / MAX (chart->n_bars, 1), MAX_SLOT);

  for (guint lane = 0; lane < chart->n_lanes; lane++)
    {
      guint r = chart->lanes[lane];
      double top = 0;

      for (guint k = 0; k < n; k++)
        top = MAX (top, MAX (value_at (chart, r, k), chart->capacity[k * chart->load->n_roles + r]));
      chart->lane_max[lane] = nice_ceiling (top);
    }
  chart->laid_out = TRUE;
}

void
gw_resource_chart_draw (GwResourceChart       *chart,
                        cairo_t               *cr,
                        const GwRenderPalette *palette)
{
  g_autoptr(PangoLayout) bold = NULL;
  g_autoptr(PangoLayout) small = NULL;

  g_return_if_fail (chart != NULL && chart->laid_out);
  g_return_if_fail (cr != NULL && palette != NULL);

  bold = gw_render_text_layout (cr, palette, TEXT_SIZE, TRUE);
  small = gw_render_text_layout (cr, palette, SMALL_SIZE, FALSE);

  cairo_save (cr);
  gw_render_set_color (cr, &palette->background, 1);
  cairo_rectangle (cr, 0, 0, chart->width, chart->height);
  cairo_fill (cr);
  for (guint lane = 0; lane < chart->n_lanes; lane++)
    {
      if (lane % 2 == 1)
        {
          gw_render_set_color (cr, &palette->band[0], 1);
          cairo_rectangle (cr, 0, lane_top (chart, lane), chart->width, chart->lane_h);
          cairo_fill (cr);
        }
      draw_lane_label (chart, cr, palette, lane, bold, small);
      draw_lane (chart, cr, palette, lane, small);
    }
  draw_axis (chart, cr, palette, small);
  cairo_restore (cr);
}

/**
 * gw_resource_chart_get_periods_per_bar:
 *
 * Returns: how many periods a bar stands for at the laid-out width
 */
guint
gw_resource_chart_get_periods_per_bar (GwResourceChart *chart)
{
  g_return_val_if_fail (chart != NULL && chart->laid_out, 1);
  return chart->per_bar;
}

/**
 * gw_resource_chart_get_bar:
 * @bar: (out): the bar that shows @period of @role, its whole height
 *
 * Returns: whether @role has a lane
 */
gboolean
gw_resource_chart_get_bar (GwResourceChart *chart,
                           int              role,
                           guint            period,
                           GwRect          *bar)
{
  guint b, k;

  g_return_val_if_fail (chart != NULL && chart->laid_out && bar != NULL, FALSE);
  g_return_val_if_fail (period < chart->load->n_periods, FALSE);

  for (guint lane = 0; lane < chart->n_lanes; lane++)
    {
      double top, bottom;

      if (chart->lanes[lane] != (guint) role)
        continue;
      b = period / chart->per_bar;
      k = bar_period (chart, (guint) role, b, NULL);
      lane_plot (chart, lane, &top, &bottom);
      bar->x = chart->plot_x + b * chart->slot_w;
      bar->w = MAX (chart->slot_w * (chart->slot_w >= 8 ? 0.72 : 1) - (chart->slot_w >= 8 ? 0 : 1), 1);
      bar->y = value_to_y (chart, lane, value_at (chart, (guint) role, k));
      bar->h = bottom - bar->y;
      return TRUE;
    }
  return FALSE;
}

/**
 * gw_resource_chart_hit:
 * @role: (out): the role of the lane under the point
 * @period: (out): the period its bar there shows
 *
 * Returns: whether (@x, @y) is over a period of a lane
 */
gboolean
gw_resource_chart_hit (GwResourceChart *chart,
                       double           x,
                       double           y,
                       int             *role,
                       guint           *period)
{
  guint lane, b;

  g_return_val_if_fail (chart != NULL && chart->laid_out, FALSE);

  if (x < chart->plot_x || y < TOP || chart->n_bars == 0)
    return FALSE;
  lane = (guint) ((y - TOP) / chart->lane_h);
  b = (guint) ((x - chart->plot_x) / chart->slot_w);
  if (lane >= chart->n_lanes || b >= chart->n_bars)
    return FALSE;
  if (role)
    *role = (int) chart->lanes[lane];
  if (period)
    *period = bar_period (chart, chart->lanes[lane], b, NULL);
  return TRUE;
}
