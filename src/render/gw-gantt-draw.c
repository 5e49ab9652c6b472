/* SPDX-License-Identifier: GPL-3.0-or-later */

/* A frame of the Gantt chart: only the rows and the days inside the
 * viewport are laid out and drawn (bars and labels of the rows shown, the
 * time scale's cells of the days shown, and the arrows that cross the
 * viewport, found through an index of the rows they span). Text is shaped
 * once and kept for the rows and cells seen. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pixman.h>
#include <string.h>

#include "gw-gantt-private.h"
#include "gw-quadrant.h"

typedef enum
{
  UNIT_DAY,
  UNIT_WEEK,
  UNIT_MONTH,
  UNIT_QUARTER,
  UNIT_YEAR,
} Unit;

/* The time scale's two bands at each zoom: the top one and the bottom one. */
static const Unit band_units[GW_GANTT_N_ZOOMS][2] = {
  { UNIT_WEEK, UNIT_DAY },
  { UNIT_MONTH, UNIT_WEEK },
  { UNIT_YEAR, UNIT_MONTH },
  { UNIT_YEAR, UNIT_QUARTER },
};

/* Lines and bands of one colour are collected as rectangles on whole
 * pixels, the chart's lines being all level or upright, and filled at
 * once: on an image (the page's and the PNG's case), with pixman straight
 * into its pixels, which costs what a copy costs, where cairo would first
 * merge the overlapping rectangles; on SVG and PDF, as cairo paths. The
 * ends of a line reach half its width past its points, so that the lines
 * of a path join without a notch. */
static void
add_box (GArray *boxes,
         double  x,
         double  y,
         double  w,
         double  h)
{
  double box[4] = { x, y, w, h };

  if (w > 0 && h > 0)
    g_array_append_val (boxes, box);
}

static void
add_vline (GArray *boxes,
           double  x,
           double  y0,
           double  y1,
           double  width)
{
  double top = round (MIN (y0, y1) - width / 2), bottom = round (MAX (y0, y1) + width / 2);

  add_box (boxes, round (x - width / 2), top, width, bottom - top);
}

static void
add_hline (GArray *boxes,
           double  x0,
           double  x1,
           double  y,
           double  width)
{
  double left = round (MIN (x0, x1) - width / 2), right = round (MAX (x0, x1) + width / 2);

  add_box (boxes, left, round (y - width / 2), right - left, width);
}

/* Fills the boxes collected in @boxes, and empties it. */
static void
fill_boxes (cairo_t       *cr,
            GArray        *boxes,
            const GwColor *color)
{
  cairo_surface_t *target = cairo_get_target (cr);
  cairo_matrix_t m;
  double sx, sy, ox, oy, cx0, cy0, cx1, cy1;
  gboolean direct = color->alpha >= 1 && boxes->len > 0 &&
                    cairo_surface_get_type (target) == CAIRO_SURFACE_TYPE_IMAGE &&
                    (cairo_image_surface_get_format (target) == CAIRO_FORMAT_ARGB32 ||
                     cairo_image_surface_get_format (target) == CAIRO_FORMAT_RGB24);

  cairo_get_matrix (cr, &m);
  direct = direct && m.xy == 0 && m.yx == 0 && m.xx > 0 && m.yy > 0;
  if (direct)
    {
      uint32_t *bits = (uint32_t *) cairo_image_surface_get_data (target);
      int stride = cairo_image_surface_get_stride (target) / 4;
      int width = cairo_image_surface_get_width (target), height = cairo_image_surface_get_height (target);
      uint32_t pixel = 0xff000000u | (uint32_t) round (color->red * 255) << 16 |
                       (uint32_t) round (color->green * 255) << 8 | (uint32_t) round (color->blue * 255);
      int clip_x0, clip_y0, clip_x1, clip_y1;

      cairo_surface_get_device_scale (target, &sx, &sy);
      cairo_surface_get_device_offset (target, &ox, &oy);
      m.xx *= sx;
      m.yy *= sy;
      m.x0 = m.x0 * sx + ox;
      m.y0 = m.y0 * sy + oy;
      cairo_clip_extents (cr, &cx0, &cy0, &cx1, &cy1);
      clip_x0 = MAX (0, (int) ceil (cx0 * m.xx + m.x0 - 1e-6));
      clip_y0 = MAX (0, (int) ceil (cy0 * m.yy + m.y0 - 1e-6));
      clip_x1 = MIN (width, (int) floor (cx1 * m.xx + m.x0 + 1e-6));
      clip_y1 = MIN (height, (int) floor (cy1 * m.yy + m.y0 + 1e-6));

      cairo_surface_flush (target);
      for (guint i = 0; i < boxes->len; i++)
        {
          const double *b = &g_array_index (boxes, double, 4 * i);
          int x0 = MAX ((int) round (b[0] * m.xx + m.x0), clip_x0);
          int y0 = MAX ((int) round (b[1] * m.yy + m.y0), clip_y0);
          int x1 = MIN ((int) round ((b[0] + b[2]) * m.xx + m.x0), clip_x1);
          int y1 = MIN ((int) round ((b[1] + b[3]) * m.yy + m.y0), clip_y1);

          if (x1 <= x0 || y1 <= y0)
            continue;
          /* pixman_fill() costs a call per row: a narrow upright line,
           * the common case, is written by hand. */
          if (x1 - x0 <= 8)
            for (int y = y0; y < y1; y++)
              {
                uint32_t *row = bits + (gsize) y * stride;

                for (int x = x0; x < x1; x++)
                  row[x] = pixel;
              }
          else
            pixman_fill (bits, stride, 32, x0, y0, x1 - x0, y1 - y0, pixel);
        }
      cairo_surface_mark_dirty_rectangle (target, clip_x0, clip_y0, MAX (clip_x1 - clip_x0, 0),
                                          MAX (clip_y1 - clip_y0, 0));
    }
  else if (boxes->len > 0)
    {
      for (guint i = 0; i < boxes->len; i++)
        {
          const double *b = &g_array_index (boxes, double, 4 * i);

          cairo_rectangle (cr, b[0], b[1], b[2], b[3]);
        }
      gw_render_set_color (cr, color, 1);
      cairo_fill (cr);
    }
  g_array_set_size (boxes, 0);
}


static guint32
unit_start (Unit    unit,
            guint32 julian)
{
  GDate d;

  set_julian (&d, julian);
  switch (unit)
    {
    case UNIT_DAY:
      return julian;
    case UNIT_WEEK:
      return julian - (g_date_get_weekday (&d) - G_DATE_MONDAY);
    case UNIT_MONTH:
      g_date_set_day (&d, 1);
      break;
    case UNIT_QUARTER:
      g_date_set_day (&d, 1);
      g_date_set_month (&d, (GDateMonth) ((g_date_get_month (&d) - 1) / 3 * 3 + 1));
      break;
    case UNIT_YEAR:
    default:
      g_date_set_dmy (&d, 1, G_DATE_JANUARY, g_date_get_year (&d));
      break;
    }
  return g_date_get_julian (&d);
}

static guint32
unit_next (Unit    unit,
           guint32 julian)
{
  GDate d;

  set_julian (&d, unit_start (unit, julian));
  switch (unit)
    {
    case UNIT_DAY:
      return julian + 1;
    case UNIT_WEEK:
      return g_date_get_julian (&d) + 7;
    case UNIT_MONTH:
      g_date_add_months (&d, 1);
      break;
    case UNIT_QUARTER:
      g_date_add_months (&d, 3);
      break;
    case UNIT_YEAR:
    default:
      g_date_add_years (&d, 1);
      break;
    }
  return g_date_get_julian (&d);
}

static char *
format_date (guint32     julian,
             const char *format)
{
  GDate d;
  g_autoptr(GDateTime) dt = NULL;

  set_julian (&d, julian);
  dt = g_date_time_new_utc (g_date_get_year (&d), g_date_get_month (&d), g_date_get_day (&d), 0, 0, 0);
  return g_date_time_format (dt, format);
}

/* The text of a cell of the time scale. */
static char *
cell_text (GwGanttChart *chart,
           Unit          unit,
           gboolean      top,
           guint32       julian)
{
  GDate d;
  int week;

  set_julian (&d, julian);
  switch (unit)
    {
    case UNIT_DAY:
      return g_strdup_printf ("%u", (guint) g_date_get_day (&d));
    case UNIT_WEEK:
      {
        /* Translators: a date in the Gantt chart's time scale, "4 Jan"; see g_date_time_format() */
        g_autofree char *date = format_date (julian, top ? _("%-d %b %Y") : _("%-d %b"));

        week = (int) ((julian - chart->origin) / 7) + 1;
        if (top)
          /* Translators: a week of the schedule in the Gantt chart's time scale, "Week 3 · 18 Jan 2027" */
          return g_strdup_printf (_("Week %d · %s"), week, date);
        /* Translators: a short week of the schedule in the Gantt chart's time scale, "W3 · 18 Jan" */
        return g_strdup_printf (_("W%d · %s"), week, date);
      }
    case UNIT_MONTH:
      /* Translators: a month in the Gantt chart's time scale; see g_date_time_format() */
      return format_date (julian, top ? _("%B %Y") : _("%b"));
    case UNIT_QUARTER:
      /* Translators: a quarter of a year in the Gantt chart's time scale, "Q1" */
      return g_strdup_printf (_("Q%d"), (g_date_get_month (&d) - 1) / 3 + 1);
    case UNIT_YEAR:
    default:
      return g_strdup_printf ("%u", (guint) g_date_get_year (&d));
    }
}

void
_gw_gantt_chart_clear_text (GwGanttChart *chart)
{
  g_clear_object (&chart->label_template);
  g_clear_object (&chart->bold_template);
  g_clear_object (&chart->header_template);
  g_hash_table_remove_all (chart->labels);
  g_hash_table_remove_all (chart->cells);
  g_clear_pointer (&chart->font_family, g_free);
}

/* Layouts are made from templates that share one Pango context; the
 * shaped text of rows and cells is kept until the cache fills. */
static void
ensure_text (GwGanttChart          *chart,
             cairo_t               *cr,
             const GwRenderPalette *palette)
{
  if (chart->font_family != NULL && g_strcmp0 (chart->font_family, palette->font_family) == 0)
    return;
  _gw_gantt_chart_clear_text (chart);
  chart->font_family = g_strdup (palette->font_family);
  chart->label_template = gw_render_text_layout (cr, palette, LABEL_SIZE, FALSE);
  chart->bold_template = gw_render_text_layout (cr, palette, LABEL_SIZE, TRUE);
  chart->header_template = gw_render_text_layout (cr, palette, HEADER_SIZE, FALSE);
}

static PangoLayout *
cached (GHashTable  *cache,
        gpointer     key,
        PangoLayout *layout)
{
  if (g_hash_table_size (cache) >= MAX_CACHED)
    g_hash_table_remove_all (cache);
  g_hash_table_insert (cache, key, layout);
  return layout;
}

/* "KEY  Title" with the key in bold, cut to the label column. */
static PangoLayout *
item_label (GwGanttChart *chart,
            guint         item)
{
  gpointer code = GINT_TO_POINTER ((int) item + 1);
  PangoLayout *layout = g_hash_table_lookup (chart->labels, code);
  GwItem *it = chart->item_of[item];
  const char *key = chart->schedule->keys[item];
  const char *title = it ? gw_item_get_title (it) : NULL;
  g_autofree char *text = NULL;
  PangoAttrList *attrs;
  PangoAttribute *bold;
  double indent = chart->group_rows ? INDENT + 8 : 8;

  if (layout != NULL)
    return layout;
  text = title && *title ? g_strconcat (key, "  ", title, NULL) : g_strdup (key);
  layout = pango_layout_copy (chart->label_template);
  gw_render_text_set (layout, text, MAX (chart->label_width - indent - 8, 10));
  attrs = pango_attr_list_new ();
  bold = pango_attr_weight_new (PANGO_WEIGHT_BOLD);
  bold->start_index = 0;
  bold->end_index = (guint) strlen (key);
  pango_attr_list_insert (attrs, bold);
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  return cached (chart->labels, code, layout);
}

static PangoLayout *
group_label (GwGanttChart *chart,
             guint         group)
{
  gpointer code = GINT_TO_POINTER (-(int) group - 1);
  PangoLayout *layout = g_hash_table_lookup (chart->labels, code);
  const GwSchedule *s = chart->schedule;
  guint count = chart->group_first[group + 1] - chart->group_first[group];
  const char *key = group < s->n_milestones ? s->milestones[group].key : _("No milestone");
  const char *name = chart->group_names[group];
  g_autofree char *text = NULL;
  g_autofree char *items = NULL;

  if (layout != NULL)
    return layout;
  items = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item", "%u items", count), count);
  text = name ? g_strdup_printf ("%s · %s (%s)", key, name, items) : g_strdup_printf ("%s (%s)", key, items);
  layout = pango_layout_copy (chart->bold_template);
  gw_render_text_set (layout, text, MAX (chart->label_width - INDENT - 8, 10));
  return cached (chart->labels, code, layout);
}

static PangoLayout *
cell_label (GwGanttChart *chart,
            Unit          unit,
            gboolean      top,
            guint32       julian)
{
  gint64 code = (gint64) unit << 40 | (gint64) top << 32 | julian;
  PangoLayout *layout = g_hash_table_lookup (chart->cells, &code);
  g_autofree char *text = NULL;

  if (layout != NULL)
    return layout;
  text = cell_text (chart, unit, top, julian);
  layout = pango_layout_copy (chart->header_template);
  gw_render_text_set (layout, text, -1);
  return cached (chart->cells, g_memdup2 (&code, sizeof code), layout);
}

static GwColor
bar_color (GwGanttChart          *chart,
           const GwRenderPalette *palette,
           guint                  item)
{
  GwItem *it = chart->item_of[item];

  if (chart->color_by == GW_GANTT_COLOR_CATEGORY)
    {
      guint c = chart->category_of[item];

      if (*(const char *) g_ptr_array_index (chart->categories, c) == '\0')
        return palette->muted;
      return gw_render_categorical_color (c, palette);
    }
  return palette->priority[MIN (it ? gw_item_get_priority (it) : chart->schedule->items[item].urgency,
                                GW_N_PRIORITIES - 1)];
}

/* Helpers: drawing */

typedef struct
{
  int    r0, r1;      /* rows shown, r1 excluded */
  double d0, d1;      /* days shown */
  double left, top;   /* where the rows and the time line begin */
} Visible;

static void
get_visible (GwGanttChart *chart,
             Visible      *v)
{
  double rows_h = MAX (chart->vh - HEADER_HEIGHT, 0);

  v->left = chart->label_width;
  v->top = HEADER_HEIGHT;
  v->r0 = (int) CLAMP (floor (chart->vy / ROW_HEIGHT), 0, chart->n_rows);
  v->r1 = (int) CLAMP (ceil ((chart->vy + rows_h) / ROW_HEIGHT), 0, chart->n_rows);
  v->d0 = x_to_day (chart, v->left);
  v->d1 = x_to_day (chart, chart->vw);
}

static void
draw_row_backgrounds (GwGanttChart          *chart,
                      cairo_t               *cr,
                      const GwRenderPalette *palette,
                      const Visible         *v)
{
  /* Translucent over the days off; they are few rows. */
  for (int r = v->r0; r < v->r1; r++)
    {
      int code = chart->rows[r];

      if (code >= 0 && code != chart->selected)
        continue;
      if (code < 0)
        gw_render_set_color (cr, &palette->foreground, 0.06);
      else
        gw_render_set_color (cr, &palette->accent, 0.16);
      cairo_rectangle (cr, 0, round (row_top (chart, r)), chart->vw, ROW_HEIGHT);
      cairo_fill (cr);
    }
}

/* Weekends and holidays, where a day is wide enough to see. */
static void
draw_days_off (GwGanttChart          *chart,
               cairo_t               *cr,
               const GwRenderPalette *palette,
               const Visible         *v)
{
  double bottom = MIN (chart->vh, row_top (chart, chart->n_rows));
  GwColor shade = gw_render_mix (&palette->background, &palette->foreground, 0.045);

  if (chart->zoom > GW_GANTT_ZOOM_WEEK)
    return;
  /* Opaque (a translucent fill of the whole height costs far more); the
   * rows' backgrounds go over it. */
  for (gint64 d = (gint64) floor (v->d0); d < v->d1; d++)
    {
      double x0 = round (day_to_x (chart, (double) d)), x1 = round (day_to_x (chart, (double) d + 1));
      GDate date;

      if (d < 0)
        continue;
      set_julian (&date, chart->origin + (guint32) d);
      if (gw_calendar_is_working_day (chart->schedule->calendar, &date))
        continue;
      add_box (chart->boxes, x0, v->top, x1 - x0, round (bottom) - v->top);
    }
  fill_boxes (cr, chart->boxes, &shade);
}

static void
draw_grid (GwGanttChart          *chart,
           cairo_t               *cr,
           const GwRenderPalette *palette,
           const Visible         *v)
{
  double bottom = MIN (chart->vh, row_top (chart, chart->n_rows));

  for (int band = 1; band >= 0; band--)
    {
      Unit unit = band_units[chart->zoom][band];
      guint32 j = unit_start (unit, chart->origin + (guint32) MAX (floor (v->d0), 0));
      GwColor color = gw_render_mix (&palette->background, &palette->border, band == 0 ? 0.9 : 0.45);

      for (; (double) j - chart->origin <= v->d1; j = unit_next (unit, j))
        {
          double x = round (day_to_x (chart, (double) j - chart->origin)) + 0.5;

          if (x < v->left)
            continue;
          add_vline (chart->boxes, x, v->top + 0.5, bottom - 0.5, 1);
        }
      fill_boxes (cr, chart->boxes, &color);
    }
}

static void
draw_today (GwGanttChart          *chart,
            cairo_t               *cr,
            const GwRenderPalette *palette,
            const Visible         *v)
{
  double day, x;

  if (!g_date_valid (&chart->today))
    return;
  day = (double) g_date_get_julian (&chart->today) - chart->origin + 0.5;
  if (day < v->d0 || day > v->d1)
    return;
  x = round (day_to_x (chart, day)) + 0.5;
  add_vline (chart->boxes, x, 1, chart->vh - 1, 2);
  fill_boxes (cr, chart->boxes, &palette->status[GW_STATUS_BLOCKED]);
}

static gboolean
segment_visible (double x0,
                 double y0,
                 double x1,
                 double y1,
                 double left,
                 double top,
                 double right,
                 double bottom)
{
  return MAX (x0, x1) + ARROW_HEAD >= left && MIN (x0, x1) - ARROW_HEAD <= right &&
         MAX (y0, y1) + ARROW_HEAD >= top && MIN (y0, y1) - ARROW_HEAD <= bottom;
}

/* A finish-to-start arrow: along the predecessor's row from its finish,
 * then down (or up) onto the successor's bar near its start; when the
 * successor starts before the predecessor ends, round through the gap
 * above (or below) the successor's row into its start from the left.
 * Returns whether a part of it is inside the viewport. */
static gboolean
route_arrow (GwGanttChart *chart,
             const Edge   *e,
             const Visible *v,
             double        pts[6][2],
             guint        *n_pts,
             gboolean     *down_head)
{
  int rp = chart->row_of[e->pred], rq = chart->row_of[e->succ];
  double x1 = day_to_x (chart, chart->finish_day[e->pred]);
  double x2 = day_to_x (chart, chart->start_day[e->succ]);
  double x2_end, yp, yq, below;
  guint n = 0;

  /* An arrow that passes the viewport from above to below shows only its
   * upright lines, near the successor's start or the predecessor's end:
   * most such arrows are passed over here, with two subtractions. */
  if ((rp < v->r0 || rp >= v->r1) && (rq < v->r0 || rq >= v->r1) &&
      (x2 + ARROW_STEP + ARROW_HEAD < v->left || x2 - ARROW_STEP - ARROW_HEAD > chart->vw) &&
      (x1 + ARROW_STEP + ARROW_HEAD < v->left || x1 - ARROW_HEAD > chart->vw))
    return FALSE;

  x2_end = day_to_x (chart, chart->finish_day[e->succ]);
  yp = row_top (chart, rp) + ROW_HEIGHT / 2;
  yq = row_top (chart, rq) + ROW_HEIGHT / 2;
  below = rq > rp ? 1 : -1;

  /* On pixel centres, so that the lines come out sharp. */
  yp = floor (yp) + 0.5;
  yq = floor (yq) + 0.5;
  x1 = round (x1);
  x2 = round (x2);

  if (x2 >= x1 - 0.5)
    {
      double xv = floor (MAX (x2 + MIN (ARROW_STEP, MAX ((x2_end - x2) / 2, 1)), x1 + 2)) + 0.5;

      pts[n][0] = x1, pts[n++][1] = yp;
      pts[n][0] = xv, pts[n++][1] = yp;
      pts[n][0] = xv, pts[n++][1] = yq - below * BAR_HEIGHT / 2;
      *down_head = TRUE;
    }
  else
    {
      double ygap = yq - below * ROW_HEIGHT / 2;

      pts[n][0] = x1, pts[n++][1] = yp;
      pts[n][0] = x1 + ARROW_STEP, pts[n++][1] = yp;
      pts[n][0] = x1 + ARROW_STEP, pts[n++][1] = ygap;
      pts[n][0] = x2 - ARROW_STEP, pts[n++][1] = ygap;
      pts[n][0] = x2 - ARROW_STEP, pts[n++][1] = yq;
      pts[n][0] = x2, pts[n++][1] = yq;
      *down_head = FALSE;
    }
  *n_pts = n;

  for (guint k = 0; k + 1 < n; k++)
    if (segment_visible (pts[k][0], pts[k][1], pts[k + 1][0], pts[k + 1][1],
                         v->left, v->top, chart->vw, chart->vh))
      return TRUE;
  return FALSE;
}

typedef struct
{
  double   x, y;
  gboolean down;
  double   direction;
} Head;

static void
add_head_path (cairo_t    *cr,
               const Head *h)
{
  cairo_move_to (cr, h->x, h->y);
  if (h->down)
    {
      cairo_line_to (cr, h->x - ARROW_HEAD, h->y - h->direction * ARROW_HEAD * 1.4);
      cairo_line_to (cr, h->x + ARROW_HEAD, h->y - h->direction * ARROW_HEAD * 1.4);
    }
  else
    {
      cairo_line_to (cr, h->x - ARROW_HEAD * 1.4, h->y - ARROW_HEAD);
      cairo_line_to (cr, h->x - ARROW_HEAD * 1.4, h->y + ARROW_HEAD);
    }
  cairo_close_path (cr);
}

/* The kinds of arrow, drawn in this order. */
enum
{
  ARROW_FAINT,      /* longer than the viewport is high: it leads out of sight */
  ARROW_PLAIN,
  ARROW_CRITICAL,   /* between two critical items */
  N_ARROW_KINDS
};

/* Routes the arrows of @edges that show in the viewport: their lines go
 * to @boxes, their heads to @heads, by their kind. */
static void
add_arrows (GwGanttChart  *chart,
            const Visible *v,
            const guint   *edges,
            guint          n_edges,
            GArray        *boxes[N_ARROW_KINDS],
            GArray        *heads[N_ARROW_KINDS])
{
  const GwSchedule *s = chart->schedule;

  for (guint k = 0; k < n_edges; k++)
    {
      const Edge *e = &chart->edges[edges[k]];
      int rp = chart->row_of[e->pred], rq = chart->row_of[e->succ];
      double pts[6][2];
      guint n;
      Head head;
      int kind;

      /* Rows first: arrows wholly above or below the viewport are passed
       * over without any arithmetic on their times. */
      if ((rp < v->r0 && rq < v->r0) || (rp >= v->r1 && rq >= v->r1))
        continue;
      if (!route_arrow (chart, e, v, pts, &n, &head.down))
        continue;
      if (s->items[e->pred].critical && s->items[e->succ].critical)
        kind = ARROW_CRITICAL;
      else
        kind = ABS (rp - rq) > v->r1 - v->r0 ? ARROW_FAINT : ARROW_PLAIN;
      for (guint j = 1; j < n; j++)
        if (pts[j][0] == pts[j - 1][0])
          add_vline (boxes[kind], pts[j][0], pts[j - 1][1], pts[j][1], kind == ARROW_CRITICAL ? 2 : 1);
        else
          add_hline (boxes[kind], pts[j - 1][0], pts[j][0], pts[j][1], kind == ARROW_CRITICAL ? 2 : 1);
      head.x = pts[n - 1][0];
      head.y = pts[n - 1][1];
      head.direction = rq > rp ? 1 : -1;
      g_array_append_val (heads[kind], head);
    }
}

static void
draw_arrows (GwGanttChart          *chart,
             cairo_t               *cr,
             const GwRenderPalette *palette,
             const Visible         *v)
{
  GArray *boxes[N_ARROW_KINDS], *heads[N_ARROW_KINDS];
  /* Opaque: cheaper to fill. */
  GwColor colors[N_ARROW_KINDS] = {
    gw_render_mix (&palette->background, &palette->line, 0.4),
    gw_render_mix (&palette->background, &palette->line, 0.85),
    palette->highlight,
  };
  guint first, last;

  if (!chart->show_dependencies || chart->n_rows == 0 || v->r1 <= v->r0)
    return;
  for (int k = 0; k < N_ARROW_KINDS; k++)
    {
      boxes[k] = g_array_new (FALSE, FALSE, 4 * sizeof (double));
      heads[k] = g_array_new (FALSE, FALSE, sizeof (Head));
    }

  /* The candidates: the short arrows that begin in a bucket of rows near
   * the viewport, and the long ones. */
  first = (guint) MAX (v->r0 - EDGE_BUCKET + 1, 0) / EDGE_BUCKET;
  last = (guint) (v->r1 - 1) / EDGE_BUCKET;
  for (guint b = first; b <= last; b++)
    add_arrows (chart, v, chart->edge_buckets + chart->edge_bucket_start[b],
                chart->edge_bucket_start[b + 1] - chart->edge_bucket_start[b], boxes, heads);
  add_arrows (chart, v, chart->long_edges, chart->n_long_edges, boxes, heads);

  /* Each kind's lines at once, then their heads. */
  for (int k = 0; k < N_ARROW_KINDS; k++)
    {
      if (heads[k]->len > 0)
        {
          chart->stats.arrows += heads[k]->len;
          fill_boxes (cr, boxes[k], &colors[k]);
          gw_render_set_color (cr, &colors[k], 1);
          for (guint i = 0; i < heads[k]->len; i++)
            add_head_path (cr, &g_array_index (heads[k], Head, i));
          cairo_fill (cr);
        }
      g_array_unref (boxes[k]);
      g_array_unref (heads[k]);
    }
}

static void
diamond_path (cairo_t *cr,
              double   x,
              double   y,
              double   r)
{
  cairo_move_to (cr, x, y - r);
  cairo_line_to (cr, x + r, y);
  cairo_line_to (cr, x, y + r);
  cairo_line_to (cr, x - r, y);
  cairo_close_path (cr);
}

/* A group's row: a bracket over its items' span and the milestone's
 * diamond at its finish. */
static void
draw_group_summary (GwGanttChart          *chart,
                    cairo_t               *cr,
                    const GwRenderPalette *palette,
                    int                    row,
                    guint                  group)
{
  double y = row_top (chart, row) + ROW_HEIGHT / 2;
  double x0 = day_to_x (chart, chart->group_start[group]);
  double x1 = day_to_x (chart, chart->group_finish[group]);

  if (isnan (x0))
    return;
  /* A bar with a tab pointing down at each end, over the group's items. */
  gw_render_set_color (cr, &palette->foreground, 0.6);
  cairo_move_to (cr, x0, y - SUMMARY_HEIGHT / 2);
  cairo_line_to (cr, MAX (x1, x0 + 1), y - SUMMARY_HEIGHT / 2);
  cairo_line_to (cr, MAX (x1, x0 + 1), y + SUMMARY_HEIGHT);
  cairo_line_to (cr, MAX (x1, x0 + 1) - 5, y + SUMMARY_HEIGHT / 2);
  cairo_line_to (cr, x0 + 5, y + SUMMARY_HEIGHT / 2);
  cairo_line_to (cr, x0, y + SUMMARY_HEIGHT);
  cairo_close_path (cr);
  cairo_fill (cr);

  if (group < chart->schedule->n_milestones)
    {
      diamond_path (cr, x1, y, DIAMOND);
      gw_render_set_color (cr, &palette->foreground, 1);
      cairo_fill_preserve (cr);
      gw_render_set_color (cr, &palette->background, 1);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
    }
}

static void
draw_bar (GwGanttChart          *chart,
          cairo_t               *cr,
          const GwRenderPalette *palette,
          int                    row,
          guint                  item)
{
  const GwScheduleEntry *e = &chart->schedule->items[item];
  GwColor color = bar_color (chart, palette, item);
  GwRect r;

  bar_rect (chart, row, chart->start_day[item], chart->finish_day[item], &r);
  if (r.x + r.w < chart->label_width - ARROW_HEAD || r.x > chart->vw)
    return;
  chart->stats.bars++;

  if (e->duration <= 0)
    {
      /* Nothing to work: a small diamond where it happens. */
      diamond_path (cr, r.x, r.y + r.h / 2, BAR_HEIGHT / 2.5);
      gw_render_set_color (cr, &color, 1);
      cairo_fill (cr);
      return;
    }
  gw_render_rounded_rectangle (cr, r.x, r.y, MAX (r.w, 2), r.h, 3);
  gw_render_set_color (cr, &color, 1);
  if (e->critical)
    {
      cairo_fill_preserve (cr);
      gw_render_set_color (cr, &palette->highlight, 1);
      cairo_set_line_width (cr, 2);
      cairo_stroke (cr);
    }
  else
    cairo_fill (cr);
  if ((int) item == chart->selected)
    {
      gw_render_rounded_rectangle (cr, r.x - 2.5, r.y - 2.5, MAX (r.w, 2) + 5, r.h + 5, 4);
      gw_render_set_color (cr, &palette->accent, 1);
      cairo_set_line_width (cr, 2);
      cairo_stroke (cr);
    }
}

static void
draw_ghost (GwGanttChart          *chart,
            cairo_t               *cr,
            const GwRenderPalette *palette)
{
  static const double dash[] = { 4, 3 };
  GwRect r;
  int row;

  if (chart->ghost < 0 || (row = chart->row_of[chart->ghost]) < 0)
    return;
  bar_rect (chart, row, chart->ghost_start, chart->ghost_finish, &r);
  cairo_save (cr);
  gw_render_rounded_rectangle (cr, r.x + 0.5, r.y - 1.5, MAX (r.w, 2) - 1, r.h + 3, 3);
  gw_render_set_color (cr, &palette->accent, 0.15);
  cairo_fill_preserve (cr);
  cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
  cairo_set_line_width (cr, 1.5);
  gw_render_set_color (cr, &palette->accent, 1);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_timeline (GwGanttChart          *chart,
               cairo_t               *cr,
               const GwRenderPalette *palette,
               const Visible         *v)
{
  cairo_save (cr);
  cairo_rectangle (cr, v->left, v->top, MAX (chart->vw - v->left, 0), MAX (chart->vh - v->top, 0));
  cairo_clip (cr);

  draw_grid (chart, cr, palette, v);
  draw_arrows (chart, cr, palette, v);
  for (int r = v->r0; r < v->r1; r++)
    {
      int code = chart->rows[r];

      chart->stats.rows++;
      if (code < 0)
        {
          draw_group_summary (chart, cr, palette, r, (guint) (-code - 1));
          continue;
        }
      chart->stats.laid_out++;
      g_array_append_val (chart->drawn, code);
      draw_bar (chart, cr, palette, r, (guint) code);
    }
  draw_ghost (chart, cr, palette);
  cairo_restore (cr);
}

static void
draw_cell_text (GwGanttChart          *chart,
                cairo_t               *cr,
                const GwRenderPalette *palette,
                PangoLayout           *layout,
                double                 x0,
                double                 x1,
                double                 y,
                gboolean               sticky)
{
  double w, h, x;

  gw_render_text_size (layout, &w, &h);
  /* A cell cut by the label column keeps its text in sight while it fits. */
  x = sticky ? MAX (x0, chart->label_width) + 5 : x0 + (x1 - x0 - w) / 2;
  if (w > x1 - x0 - 4 || x + w > x1 - 2)
    return;
  gw_render_set_color (cr, &palette->foreground, sticky ? 1 : 0.8);
  cairo_move_to (cr, x, y + (HEADER_BAND - h) / 2);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_header (GwGanttChart          *chart,
             cairo_t               *cr,
             const GwRenderPalette *palette,
             const Visible         *v)
{
  GwColor bg = gw_render_mix (&palette->background, &palette->foreground, 0.035);

  cairo_save (cr);
  cairo_rectangle (cr, v->left, 0, MAX (chart->vw - v->left, 0), HEADER_HEIGHT);
  cairo_clip (cr);
  gw_render_set_color (cr, &bg, 1);
  cairo_paint (cr);

  for (int band = 0; band < 2; band++)
    {
      Unit unit = band_units[chart->zoom][band];
      double y = band * HEADER_BAND;
      guint32 j = unit_start (unit, chart->origin + (guint32) MAX (floor (v->d0), 0));

      for (; (double) j - chart->origin <= v->d1; j = unit_next (unit, j))
        {
          double x0 = day_to_x (chart, (double) j - chart->origin);
          double x1 = day_to_x (chart, (double) unit_next (unit, j) - chart->origin);

          draw_cell_text (chart, cr, palette, cell_label (chart, unit, band == 0, j), x0, x1, y, band == 0);
          add_box (chart->boxes, round (x0), y + (band == 0 ? 0 : 4), 1, HEADER_BAND - (band == 0 ? 0 : 4));
        }
    }
  add_box (chart->boxes, v->left, HEADER_BAND, chart->vw - v->left, 1);
  add_box (chart->boxes, v->left, HEADER_HEIGHT - 1, chart->vw - v->left, 1);
  fill_boxes (cr, chart->boxes, &palette->border);

  if (g_date_valid (&chart->today))
    {
      double day = (double) g_date_get_julian (&chart->today) - chart->origin + 0.5;

      if (day >= v->d0 && day <= v->d1)
        {
          double x = round (day_to_x (chart, day)) + 0.5;

          gw_render_set_color (cr, &palette->status[GW_STATUS_BLOCKED], 0.9);
          cairo_move_to (cr, x - 5, HEADER_HEIGHT - 7);
          cairo_line_to (cr, x + 5, HEADER_HEIGHT - 7);
          cairo_line_to (cr, x, HEADER_HEIGHT);
          cairo_close_path (cr);
          cairo_fill (cr);
        }
    }
  cairo_restore (cr);
}

static void
draw_labels (GwGanttChart          *chart,
             cairo_t               *cr,
             const GwRenderPalette *palette,
             const Visible         *v)
{
  double w, h;

  cairo_save (cr);
  cairo_rectangle (cr, 0, v->top, v->left, MAX (chart->vh - v->top, 0));
  cairo_clip (cr);
  for (int r = v->r0; r < v->r1; r++)
    {
      int code = chart->rows[r];
      double y = row_top (chart, r);
      PangoLayout *layout;

      if (code < 0)
        {
          guint g = (guint) (-code - 1);
          double cx = 12, cy = y + ROW_HEIGHT / 2;

          /* The disclosure triangle: pointing right when collapsed. */
          gw_render_set_color (cr, &palette->foreground, 0.7);
          if (chart->collapsed[g])
            {
              cairo_move_to (cr, cx - 2.5, cy - 5);
              cairo_line_to (cr, cx + 3.5, cy);
              cairo_line_to (cr, cx - 2.5, cy + 5);
            }
          else
            {
              cairo_move_to (cr, cx - 5, cy - 2.5);
              cairo_line_to (cr, cx + 5, cy - 2.5);
              cairo_line_to (cr, cx, cy + 3.5);
            }
          cairo_close_path (cr);
          cairo_fill (cr);
          layout = group_label (chart, g);
          gw_render_text_size (layout, &w, &h);
          gw_render_set_color (cr, &palette->foreground, 1);
          cairo_move_to (cr, INDENT, y + (ROW_HEIGHT - h) / 2);
        }
      else
        {
          layout = item_label (chart, (guint) code);
          gw_render_text_size (layout, &w, &h);
          gw_render_set_color (cr, code == chart->selected ? &palette->accent : &palette->foreground, 1);
          cairo_move_to (cr, chart->group_rows ? INDENT + 8 : 8, y + (ROW_HEIGHT - h) / 2);
        }
      pango_cairo_show_layout (cr, layout);
      chart->stats.labels++;
    }
  cairo_restore (cr);

  add_box (chart->boxes, round (v->left) - 1, 0, 1, chart->vh);
  fill_boxes (cr, chart->boxes, &palette->border);
}

/* The top left corner: what the colours mean. */
static void
draw_corner (GwGanttChart          *chart,
             cairo_t               *cr,
             const GwRenderPalette *palette,
             const Visible         *v)
{
  GwColor bg = gw_render_mix (&palette->background, &palette->foreground, 0.035);
  g_autoptr(PangoLayout) layout = pango_layout_copy (chart->header_template);
  double x = 8, w, h;

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, v->left, HEADER_HEIGHT);
  cairo_clip (cr);
  gw_render_set_color (cr, &bg, 1);
  cairo_paint (cr);

  if (chart->color_by == GW_GANTT_COLOR_PRIORITY)
    for (guint p = 0; p < GW_N_PRIORITIES; p++)
      {
        gw_render_text_set (layout, gw_priority_to_string (p), -1);
        gw_render_text_size (layout, &w, &h);
        if (x + 14 + w > v->left - 4)
          break;
        gw_render_rounded_rectangle (cr, x, (HEADER_BAND - 10) / 2, 10, 10, 2);
        gw_render_set_color (cr, &palette->priority[p], 1);
        cairo_fill (cr);
        gw_render_set_color (cr, &palette->foreground, 0.8);
        cairo_move_to (cr, x + 14, (HEADER_BAND - h) / 2);
        pango_cairo_show_layout (cr, layout);
        x += 14 + w + 10;
      }
  else
    {
      gw_render_text_set (layout, _("Bars coloured by category"), v->left - 16);
      gw_render_text_size (layout, &w, &h);
      gw_render_set_color (cr, &palette->foreground, 0.8);
      cairo_move_to (cr, x, (HEADER_BAND - h) / 2);
      pango_cairo_show_layout (cr, layout);
    }

  gw_render_rounded_rectangle (cr, 9, HEADER_BAND + (HEADER_BAND - 10) / 2, 18, 9, 2);
  gw_render_set_color (cr, &palette->muted, 0.5);
  cairo_fill_preserve (cr);
  gw_render_set_color (cr, &palette->highlight, 1);
  cairo_set_line_width (cr, 2);
  cairo_stroke (cr);
  gw_render_text_set (layout, _("Critical path"), v->left - 44);
  gw_render_text_size (layout, &w, &h);
  gw_render_set_color (cr, &palette->foreground, 0.8);
  cairo_move_to (cr, 34, HEADER_BAND + (HEADER_BAND - h) / 2);
  pango_cairo_show_layout (cr, layout);

  add_box (chart->boxes, 0, HEADER_HEIGHT - 1, v->left, 1);
  fill_boxes (cr, chart->boxes, &palette->border);
  cairo_restore (cr);
}

/* Public API */

/**
 * gw_gantt_chart_draw:
 *
 * Draws the viewport into the rectangle (0, 0, width, height) of @cr.
 */
void
gw_gantt_chart_draw (GwGanttChart          *chart,
                     cairo_t               *cr,
                     const GwRenderPalette *palette)
{
  Visible v;

  g_return_if_fail (chart != NULL && cr != NULL && palette != NULL);

  ensure_text (chart, cr, palette);
  memset (&chart->stats, 0, sizeof chart->stats);
  g_array_set_size (chart->drawn, 0);
  get_visible (chart, &v);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, chart->vw, chart->vh);
  cairo_clip (cr);
  gw_render_set_color (cr, &palette->background, 1);
  cairo_paint (cr);

  cairo_save (cr);
  cairo_rectangle (cr, v.left, v.top, MAX (chart->vw - v.left, 0), MAX (chart->vh - v.top, 0));
  cairo_clip (cr);
  draw_days_off (chart, cr, palette, &v);
  cairo_restore (cr);
  cairo_save (cr);
  cairo_rectangle (cr, 0, v.top, chart->vw, MAX (chart->vh - v.top, 0));
  cairo_clip (cr);
  draw_row_backgrounds (chart, cr, palette, &v);
  cairo_restore (cr);

  draw_timeline (chart, cr, palette, &v);
  draw_today (chart, cr, palette, &v);
  draw_header (chart, cr, palette, &v);
  draw_labels (chart, cr, palette, &v);
  draw_corner (chart, cr, palette, &v);
  cairo_restore (cr);
}
