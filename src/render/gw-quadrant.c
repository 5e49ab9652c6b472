/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The impact/effort quadrant: every item as a marker at (effort, impact),
 * the quadrant lines at the register's thresholds, the quadrants' names,
 * and labels with the item keys placed so that they never overlap each
 * other or a marker. Layout (positions, labels) is computed once by
 * gw_quadrant_chart_layout(); drawing and hit-testing reuse it. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pixman.h>

#include "gw-quadrant.h"

#define MARKER_RADIUS 6.0
#define LABEL_SIZE 11.0
#define TICK_SIZE 11.0
#define TITLE_SIZE 12.0
#define QUADRANT_NAME_SIZE 14.0
#define HANDLE_SLOP 5.0
#define HIT_SLOP 3.0
/* Labels beyond these are shown on hover only: a chart of thousands of
 * items labels the most important. */
#define MAX_LABELS 600

typedef struct
{
  GwItem          *item;
  double           effort;
  double           impact;
  double           x, y, r;
  guint            color_index;
  double           label_w, label_h;
  GwLabelPlacement place;
  PangoLayout     *layout;   /* the shaped label, while it is placed */
} Marker;

struct _GwQuadrantChart
{
  GwQuadrantOptions options;
  GPtrArray        *items;         /* GwItem */
  GArray           *markers;       /* Marker, in drawing order */
  GPtrArray        *legend_names;  /* char *: the values coloured, by color_index */
  double            width, height;
  double            px, py, pw, ph;   /* plot area */
  double            x_min, x_max;     /* effort range (hours) */
  gint64            selected;
  gint64            hover;
  guint             hidden_labels;
  gboolean          laid_out;
  GwRect            name_box[GW_N_QUADRANTS];  /* quadrant names, empty when not shown */
  GwRect            effort_text_box;          /* "16 h" by the effort line */
  GwRect            impact_text_box;          /* "50" by the impact line */
};

/* GNOME's palette, for categories and milestones. */
static const guint32 categorical[] = {
  0x3584e4, 0x2ec27e, 0xe5a50a, 0xc061cb, 0xe66100, 0x1c71d8, 0x986a44, 0x26a269,
  0xa51d2d, 0x613583, 0x63452c, 0x5e5c64,
};

/* Helpers */

static GwColor
rgb (guint32 hex)
{
  GwColor c = { (hex >> 16 & 0xff) / 255.0, (hex >> 8 & 0xff) / 255.0, (hex & 0xff) / 255.0, 1 };

  return c;
}

static double
nice_ceiling (double v)
{
  static const double steps[] = { 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10 };
  double magnitude = pow (10, floor (log10 (MAX (v, 1e-9))));

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (steps[i] * magnitude >= v)
      return steps[i] * magnitude;
  return 10 * magnitude;
}

static double
effort_to_x (GwQuadrantChart *chart,
             double           effort)
{
  double t;

  if (chart->options.log_effort)
    {
      double e = MAX (effort, chart->x_min);

      t = (log2 (e) - log2 (chart->x_min)) / (log2 (chart->x_max) - log2 (chart->x_min));
    }
  else
    t = (effort - chart->x_min) / (chart->x_max - chart->x_min);
  return chart->px + CLAMP (t, 0, 1) * chart->pw;
}

static double
x_to_effort (GwQuadrantChart *chart,
             double           x)
{
  double t = CLAMP ((x - chart->px) / chart->pw, 0, 1);

  if (chart->options.log_effort)
    return exp2 (log2 (chart->x_min) + t * (log2 (chart->x_max) - log2 (chart->x_min)));
  return chart->x_min + t * (chart->x_max - chart->x_min);
}

static double
impact_to_y (GwQuadrantChart *chart,
             double           impact)
{
  return chart->py + (1 - CLAMP (impact, 0, 100) / 100.0) * chart->ph;
}

static double
marker_radius (GwQuadrantChart *chart,
               GwItem          *item)
{
  switch (chart->options.size_by)
    {
    case GW_MARKER_SIZE_ROI:
      {
        double roi = gw_item_get_roi_pct (item);

        return isnan (roi) ? 4 : 4 + 9 * sqrt (CLAMP (roi, 0, 1000) / 1000.0);
      }
    case GW_MARKER_SIZE_RISK:
      {
        double likelihood = gw_item_likelihood_pct (item);

        return isnan (likelihood) ? 4 : 4 + 9 * likelihood / 100.0;
      }
    case GW_MARKER_SIZE_FIXED:
    default:
      return MARKER_RADIUS;
    }
}

static const char *
color_key (GwQuadrantChart *chart,
           GwItem          *item)
{
  const char *value = chart->options.color_by == GW_COLOR_BY_CATEGORY ? gw_item_get_category (item)
                                                                       : gw_item_get_milestone (item);

  return value != NULL && *value != '\0' ? value : NULL;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_utf8_collate (*(const char *const *) a, *(const char *const *) b);
}

/* Category and milestone colours follow the sorted list of values, so a
 * value keeps its colour when items come and go. */
static void
collect_legend (GwQuadrantChart *chart)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean has_none = FALSE;

  g_ptr_array_set_size (chart->legend_names, 0);
  if (chart->options.color_by != GW_COLOR_BY_CATEGORY && chart->options.color_by != GW_COLOR_BY_MILESTONE)
    return;

  for (guint i = 0; i < chart->items->len; i++)
    {
      const char *value = color_key (chart, g_ptr_array_index (chart->items, i));

      if (value == NULL)
        has_none = TRUE;
      else if (g_hash_table_add (seen, (gpointer) value))
        g_ptr_array_add (chart->legend_names, g_strdup (value));
    }
  g_ptr_array_sort (chart->legend_names, compare_names);
  if (has_none)
    g_ptr_array_add (chart->legend_names, g_strdup (_("None")));
}

static guint
color_index (GwQuadrantChart *chart,
             GwItem          *item)
{
  const char *value;

  switch (chart->options.color_by)
    {
    case GW_COLOR_BY_PRIORITY:
      return gw_item_get_priority (item);
    case GW_COLOR_BY_STATUS:
      return gw_item_get_status (item);
    case GW_COLOR_BY_CATEGORY:
    case GW_COLOR_BY_MILESTONE:
    default:
      value = color_key (chart, item);
      for (guint i = 0; value != NULL && i < chart->legend_names->len; i++)
        if (g_str_equal (g_ptr_array_index (chart->legend_names, i), value))
          return i;
      return chart->legend_names->len - 1;   /* "None" */
    }
}

static GwColor
marker_color (GwQuadrantChart       *chart,
              const GwRenderPalette *palette,
              guint                  index)
{
  switch (chart->options.color_by)
    {
    case GW_COLOR_BY_PRIORITY:
      return palette->priority[MIN (index, GW_N_PRIORITIES - 1)];
    case GW_COLOR_BY_STATUS:
      return palette->status[MIN (index, GW_N_STATUSES - 1)];
    case GW_COLOR_BY_CATEGORY:
    case GW_COLOR_BY_MILESTONE:
    default:
      if (index + 1 == chart->legend_names->len &&
          g_str_equal (g_ptr_array_index (chart->legend_names, index), _("None")))
        return palette->muted;
      return gw_render_categorical_color (index, palette);
    }
}

static guint
legend_count (GwQuadrantChart *chart)
{
  switch (chart->options.color_by)
    {
    case GW_COLOR_BY_PRIORITY:
      return GW_N_PRIORITIES;
    case GW_COLOR_BY_STATUS:
      return GW_N_STATUSES;
    default:
      return chart->legend_names->len;
    }
}

static const char *
legend_label (GwQuadrantChart *chart,
              guint            index)
{
  switch (chart->options.color_by)
    {
    case GW_COLOR_BY_PRIORITY:
      return gw_priority_to_string (index);
    case GW_COLOR_BY_STATUS:
      return gw_status_to_label (index);
    default:
      return g_ptr_array_index (chart->legend_names, index);
    }
}

static int
compare_label_order (gconstpointer a,
                     gconstpointer b,
                     gpointer      data)
{
  GArray *markers = data;
  const Marker *ma = &g_array_index (markers, Marker, *(const guint *) a);
  const Marker *mb = &g_array_index (markers, Marker, *(const guint *) b);
  GwPriority pa = gw_item_get_priority (ma->item);
  GwPriority pb = gw_item_get_priority (mb->item);

  if (pa != pb)
    return pa < pb ? -1 : 1;
  if (ma->impact != mb->impact)
    return ma->impact > mb->impact ? -1 : 1;
  return g_strcmp0 (gw_item_get_key (ma->item), gw_item_get_key (mb->item));
}

static void
place_markers (GwQuadrantChart *chart)
{
  /* Markers shrink on a crowded chart so that the points stay apart. */
  double room = chart->pw * chart->ph / MAX (chart->markers->len, 1);
  double shrink = CLAMP (sqrt (room / 900.0), 0.5, 1.0);

  for (guint i = 0; i < chart->markers->len; i++)
    {
      Marker *m = &g_array_index (chart->markers, Marker, i);

      m->x = effort_to_x (chart, m->effort);
      m->y = impact_to_y (chart, m->impact);
      m->r = marker_radius (chart, m->item) * shrink;
    }
}

static void
place_labels (GwQuadrantChart       *chart,
              cairo_t               *cr,
              const GwRenderPalette *palette)
{
  guint n = chart->markers->len;
  g_autofree GwCircle *circles = g_new (GwCircle, n);
  g_autofree double *w = g_new (double, n);
  g_autofree double *h = g_new (double, n);
  g_autofree guint *order = g_new (guint, n);
  g_autofree GwLabelPlacement *out = g_new0 (GwLabelPlacement, n);
  GwRect bounds = { chart->px, chart->py, chart->pw, chart->ph };

  for (guint i = 0; i < n; i++)
    {
      Marker *m = &g_array_index (chart->markers, Marker, i);

      circles[i] = (GwCircle) { m->x, m->y, m->r + 1 };
      order[i] = i;
    }
  GwRect obstacles[GW_N_QUADRANTS + 4];
  guint n_obstacles = 0;
  double tx = effort_to_x (chart, chart->options.scoring.effort_threshold);
  double ty = impact_to_y (chart, chart->options.scoring.impact_threshold);

  for (guint q = 0; q < GW_N_QUADRANTS; q++)
    if (chart->name_box[q].w > 0)
      obstacles[n_obstacles++] = chart->name_box[q];
  obstacles[n_obstacles++] = chart->effort_text_box;
  obstacles[n_obstacles++] = chart->impact_text_box;
  obstacles[n_obstacles++] = (GwRect) { tx - 3, chart->py + chart->ph - 22, 6, 18 };   /* grips */
  obstacles[n_obstacles++] = (GwRect) { chart->px + 4, ty - 3, 18, 6 };

  g_qsort_with_data (order, n, sizeof (guint), compare_label_order, chart->markers);
  /* Only the labels that may get a place are measured: shaping text is
   * what costs most on a chart of thousands of items. */
  for (guint k = 0; k < n; k++)
    {
      Marker *m = &g_array_index (chart->markers, Marker, order[k]);

      g_clear_object (&m->layout);
      if (k < MAX_LABELS)
        {
          m->layout = gw_render_text_layout (cr, palette, LABEL_SIZE, FALSE);
          gw_render_text_set (m->layout, gw_item_get_key (m->item), -1);
          gw_render_text_size (m->layout, &m->label_w, &m->label_h);
        }
      w[order[k]] = m->label_w;
      h[order[k]] = m->label_h;
    }
  gw_place_labels (circles, n, w, h, order, MAX_LABELS, obstacles, n_obstacles, &bounds, out);

  chart->hidden_labels = 0;
  for (guint i = 0; i < n; i++)
    {
      Marker *m = &g_array_index (chart->markers, Marker, i);

      m->place = out[i];
      chart->hidden_labels += !out[i].placed;
      if (!out[i].placed)
        g_clear_object (&m->layout);
    }
}

static void
draw_text (cairo_t               *cr,
           const GwRenderPalette *palette,
           const char            *text,
           double                 size,
           gboolean               bold,
           const GwColor         *color,
           double                 x,
           double                 y,
           double                 x_align,
           double                 y_align)
{
  g_autoptr(PangoLayout) layout = gw_render_text_layout (cr, palette, size, bold);
  double w, h;

  gw_render_text_set (layout, text, -1);
  gw_render_text_size (layout, &w, &h);
  gw_render_set_color (cr, color, 1);
  cairo_move_to (cr, x - w * x_align, y - h * y_align);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_axes (GwQuadrantChart       *chart,
           cairo_t               *cr,
           const GwRenderPalette *palette)
{
  double x0 = chart->px, y0 = chart->py, x1 = chart->px + chart->pw, y1 = chart->py + chart->ph;

  cairo_save (cr);
  cairo_set_line_width (cr, 1);

  /* Impact: every 20. */
  for (int v = 0; v <= 100; v += 20)
    {
      double y = round (impact_to_y (chart, v)) + 0.5;
      g_autofree char *text = g_strdup_printf ("%d", v);

      gw_render_set_color (cr, &palette->line, 0.18);
      cairo_move_to (cr, x0, y);
      cairo_line_to (cr, x1, y);
      cairo_stroke (cr);
      draw_text (cr, palette, text, TICK_SIZE, FALSE, &palette->muted, x0 - 6, y, 1, 0.5);
    }

  /* Effort: powers of two on a log axis, round steps on a linear one. */
  if (chart->options.log_effort)
    {
      for (double v = chart->x_min; v <= chart->x_max * 1.0001; v *= 2)
        {
          double x = round (effort_to_x (chart, v)) + 0.5;
          g_autofree char *text = v < 1 ? g_strdup_printf ("%.1f", v) : g_strdup_printf ("%.0f", v);

          gw_render_set_color (cr, &palette->line, 0.18);
          cairo_move_to (cr, x, y0);
          cairo_line_to (cr, x, y1);
          cairo_stroke (cr);
          draw_text (cr, palette, text, TICK_SIZE, FALSE, &palette->muted, x, y1 + 5, 0.5, 0);
        }
    }
  else
    {
      double step = nice_ceiling ((chart->x_max - chart->x_min) / MAX (2, floor (chart->pw / 90)));

      for (double v = chart->x_min; v <= chart->x_max * 1.0001; v += step)
        {
          double x = round (effort_to_x (chart, v)) + 0.5;
          g_autofree char *text = g_strdup_printf ("%g", v);

          gw_render_set_color (cr, &palette->line, 0.18);
          cairo_move_to (cr, x, y0);
          cairo_line_to (cr, x, y1);
          cairo_stroke (cr);
          draw_text (cr, palette, text, TICK_SIZE, FALSE, &palette->muted, x, y1 + 5, 0.5, 0);
        }
    }

  gw_render_set_color (cr, &palette->line, 0.8);
  cairo_rectangle (cr, round (x0) + 0.5, round (y0) + 0.5, round (chart->pw), round (chart->ph));
  cairo_stroke (cr);

  draw_text (cr, palette, chart->options.log_effort ? _("Effort (hours, logarithmic)") : _("Effort (hours)"),
             TITLE_SIZE, FALSE, &palette->foreground, x0 + chart->pw / 2, chart->height - 4, 0.5, 1);

  cairo_save (cr);
  cairo_translate (cr, 4, y0 + chart->ph / 2);
  cairo_rotate (cr, -G_PI / 2);
  draw_text (cr, palette, _("Impact"), TITLE_SIZE, FALSE, &palette->foreground, 0, 0, 0.5, 0);
  cairo_restore (cr);

  cairo_restore (cr);
}

/* The quadrants' areas, their tints, and which corner holds the name. */
typedef struct
{
  GwQuadrant     q;
  double         x, y, w, h;
  const GwColor *tint;
  double         alpha;
  double         ax, ay;
} Area;

static void
get_areas (GwQuadrantChart       *chart,
           const GwRenderPalette *palette,
           Area                   areas[GW_N_QUADRANTS])
{
  double tx = effort_to_x (chart, chart->options.scoring.effort_threshold);
  double ty = impact_to_y (chart, chart->options.scoring.impact_threshold);
  double x0 = chart->px, y0 = chart->py, x1 = chart->px + chart->pw, y1 = chart->py + chart->ph;

  areas[0] = (Area) { GW_QUADRANT_QUICK_WIN, x0, y0, tx - x0, ty - y0, &palette->status[GW_STATUS_DONE], 0.10, 0, 0 };
  areas[1] = (Area) { GW_QUADRANT_MAJOR_PROJECT, tx, y0, x1 - tx, ty - y0, &palette->accent, 0.08, 1, 0 };
  areas[2] = (Area) { GW_QUADRANT_FILL_IN, x0, ty, tx - x0, y1 - ty, &palette->muted, 0.06, 0, 1 };
  areas[3] = (Area) { GW_QUADRANT_THANKLESS, tx, ty, x1 - tx, y1 - ty, &palette->priority[GW_PRIORITY_P0], 0.07, 1, 1 };
}

/* Where the quadrant names and the threshold values go; labels keep off them. */
static void
layout_decorations (GwQuadrantChart       *chart,
                    cairo_t               *cr,
                    const GwRenderPalette *palette)
{
  g_autoptr(PangoLayout) name = gw_render_text_layout (cr, palette, QUADRANT_NAME_SIZE, TRUE);
  g_autoptr(PangoLayout) tick = gw_render_text_layout (cr, palette, TICK_SIZE, TRUE);
  g_autofree char *effort_text = NULL;
  g_autofree char *impact_text = NULL;
  g_autofree char *hours = gw_format_hours (chart->options.scoring.effort_threshold);
  double tx = effort_to_x (chart, chart->options.scoring.effort_threshold);
  double ty = impact_to_y (chart, chart->options.scoring.impact_threshold);
  Area areas[GW_N_QUADRANTS];
  double w, h;

  get_areas (chart, palette, areas);
  for (guint i = 0; i < GW_N_QUADRANTS; i++)
    {
      GwRect *box = &chart->name_box[areas[i].q];

      gw_render_text_set (name, gw_quadrant_to_label (areas[i].q), -1);
      gw_render_text_size (name, &w, &h);
      if (areas[i].w < w + 16 || areas[i].h < h + 12)
        {
          *box = (GwRect) { 0, 0, 0, 0 };
          continue;
        }
      box->x = areas[i].ax ? areas[i].x + areas[i].w - 8 - w : areas[i].x + 8;
      box->y = areas[i].ay ? areas[i].y + areas[i].h - 6 - h : areas[i].y + 6;
      box->w = w;
      box->h = h;
    }

  /* Translators: the effort threshold of the quadrant, e.g. "16 h" */
  effort_text = g_strdup_printf (_("%s h"), hours);
  gw_render_text_set (tick, effort_text, -1);
  gw_render_text_size (tick, &w, &h);
  chart->effort_text_box = (GwRect) { tx + 5, chart->py + chart->ph - 4 - h, w, h };
  impact_text = g_strdup_printf ("%.0f", chart->options.scoring.impact_threshold);
  gw_render_text_set (tick, impact_text, -1);
  gw_render_text_size (tick, &w, &h);
  chart->impact_text_box = (GwRect) { chart->px + 26, ty - 3 - h, w, h };
}

static void
draw_quadrants (GwQuadrantChart       *chart,
                cairo_t               *cr,
                const GwRenderPalette *palette)
{
  Area areas[GW_N_QUADRANTS];

  get_areas (chart, palette, areas);
  for (guint i = 0; i < GW_N_QUADRANTS; i++)
    {
      GwColor name_color = gw_render_mix (&palette->muted, areas[i].tint, 0.35);
      const GwRect *box = &chart->name_box[areas[i].q];

      /* Opaque, mixed with the background: a solid fill costs far less
       * than blending a translucent one over a large chart. */
      GwColor fill = gw_render_mix (&palette->background, areas[i].tint, areas[i].alpha * areas[i].tint->alpha);

      fill.alpha = palette->background.alpha;
      gw_render_set_color (cr, &fill, 1);
      cairo_rectangle (cr, areas[i].x, areas[i].y, areas[i].w, areas[i].h);
      cairo_fill (cr);
      if (box->w > 0)
        draw_text (cr, palette, gw_quadrant_to_label (areas[i].q), QUADRANT_NAME_SIZE, TRUE, &name_color,
                   box->x, box->y, 0, 0);
    }
}

static void
draw_thresholds (GwQuadrantChart       *chart,
                 cairo_t               *cr,
                 const GwRenderPalette *palette)
{
  double tx = round (effort_to_x (chart, chart->options.scoring.effort_threshold)) + 0.5;
  double ty = round (impact_to_y (chart, chart->options.scoring.impact_threshold)) + 0.5;
  double dash[] = { 6, 4 };
  g_autofree char *effort_text = NULL;
  g_autofree char *impact_text = NULL;
  g_autofree char *hours = gw_format_hours (chart->options.scoring.effort_threshold);
  const GwRect *eb = &chart->effort_text_box;
  const GwRect *ib = &chart->impact_text_box;

  cairo_save (cr);
  cairo_set_line_width (cr, 1.5);
  cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
  gw_render_set_color (cr, &palette->foreground, 0.55);
  cairo_move_to (cr, tx, chart->py);
  cairo_line_to (cr, tx, chart->py + chart->ph);
  cairo_move_to (cr, chart->px, ty);
  cairo_line_to (cr, chart->px + chart->pw, ty);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  /* Grips that show the lines can be dragged. */
  gw_render_set_color (cr, &palette->foreground, 0.55);
  gw_render_rounded_rectangle (cr, tx - 3, chart->py + chart->ph - 22, 6, 18, 3);
  gw_render_rounded_rectangle (cr, chart->px + 4, ty - 3, 18, 6, 3);
  cairo_fill (cr);

  /* Translators: the effort threshold of the quadrant, e.g. "16 h" */
  effort_text = g_strdup_printf (_("%s h"), hours);
  impact_text = g_strdup_printf ("%.0f", chart->options.scoring.impact_threshold);
  draw_text (cr, palette, effort_text, TICK_SIZE, TRUE, &palette->foreground, eb->x, eb->y, 0, 0);
  draw_text (cr, palette, impact_text, TICK_SIZE, TRUE, &palette->foreground, ib->x, ib->y, 0, 0);
  cairo_restore (cr);
}

static void
draw_legend (GwQuadrantChart       *chart,
             cairo_t               *cr,
             const GwRenderPalette *palette)
{
  static const char *by_names[] = { N_("Priority"), N_("Category"), N_("Status"), N_("Milestone") };
  g_autoptr(PangoLayout) layout = gw_render_text_layout (cr, palette, TICK_SIZE, FALSE);
  double x = chart->px, y = 6, w, h;
  guint n = legend_count (chart);

  gw_render_text_set (layout, _(by_names[chart->options.color_by]), -1);
  gw_render_text_size (layout, &w, &h);
  gw_render_set_color (cr, &palette->muted, 1);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  x += w + 10;

  for (guint i = 0; i < n; i++)
    {
      GwColor color = marker_color (chart, palette, i);

      gw_render_text_set (layout, legend_label (chart, i), 140);
      gw_render_text_size (layout, &w, &h);
      if (x + 14 + w > chart->px + chart->pw)
        break;
      gw_render_set_color (cr, &color, 1);
      cairo_arc (cr, x + 5, y + h / 2, 5, 0, 2 * G_PI);
      cairo_fill (cr);
      gw_render_set_color (cr, &palette->foreground, 1);
      cairo_move_to (cr, x + 14, y);
      pango_cairo_show_layout (cr, layout);
      x += 14 + w + 14;
    }

  if (chart->options.size_by != GW_MARKER_SIZE_FIXED || chart->hidden_labels > 0)
    {
      g_autoptr(GString) note = g_string_new (NULL);

      if (chart->options.size_by == GW_MARKER_SIZE_ROI)
        g_string_append (note, _("Size: ROI"));
      else if (chart->options.size_by == GW_MARKER_SIZE_RISK)
        g_string_append (note, _("Size: risk"));
      if (chart->hidden_labels > 0)
        {
          if (note->len > 0)
            g_string_append (note, " · ");
          g_string_append_printf (note, ngettext ("%u label hidden", "%u labels hidden", chart->hidden_labels),
                                  chart->hidden_labels);
        }
      gw_render_text_set (layout, note->str, -1);
      gw_render_text_size (layout, &w, &h);
      if (x + w <= chart->px + chart->pw)
        {
          gw_render_set_color (cr, &palette->muted, 1);
          cairo_move_to (cr, chart->px + chart->pw - w, y);
          pango_cairo_show_layout (cr, layout);
        }
    }
}

static void
draw_marker_shape (cairo_t               *cr,
                   const GwRenderPalette *palette,
                   const GwColor         *color,
                   double                 x,
                   double                 y,
                   double                 r,
                   gboolean               done)
{
  cairo_arc (cr, x, y, r, 0, 2 * G_PI);
  gw_render_set_color (cr, color, done ? 0.45 : 1);
  cairo_fill_preserve (cr);
  gw_render_set_color (cr, &palette->background, 1);
  cairo_set_line_width (cr, 1.5);
  cairo_stroke (cr);
}

/* The pixels of the image a cairo_t draws on, when markers can be stamped
 * straight into them: an ARGB32 or RGB24 image, drawn on with no rotation
 * or shear. */
typedef struct
{
  pixman_image_t *image;
  double          xx, yy, x0, y0;   /* user -> pixel: x * xx + x0 */
  int             clip_x0, clip_y0, clip_x1, clip_y1;
} Pixels;

static gboolean
pixels_open (Pixels          *pixels,
             cairo_t         *cr,
             cairo_surface_t *target)
{
  cairo_matrix_t m;
  cairo_format_t format;
  double sx, sy, ox, oy, cx0, cy0, cx1, cy1;
  int width, height;

  if (cairo_surface_get_type (target) != CAIRO_SURFACE_TYPE_IMAGE)
    return FALSE;
  format = cairo_image_surface_get_format (target);
  if (format != CAIRO_FORMAT_ARGB32 && format != CAIRO_FORMAT_RGB24)
    return FALSE;
  cairo_get_matrix (cr, &m);
  if (m.xy != 0 || m.yx != 0 || m.xx <= 0 || m.yy <= 0)
    return FALSE;

  cairo_surface_get_device_scale (target, &sx, &sy);
  cairo_surface_get_device_offset (target, &ox, &oy);
  pixels->xx = m.xx * sx;
  pixels->yy = m.yy * sy;
  pixels->x0 = m.x0 * sx + ox;
  pixels->y0 = m.y0 * sy + oy;

  width = cairo_image_surface_get_width (target);
  height = cairo_image_surface_get_height (target);
  cairo_clip_extents (cr, &cx0, &cy0, &cx1, &cy1);
  pixels->clip_x0 = MAX (0, (int) floor (cx0 * pixels->xx + pixels->x0));
  pixels->clip_y0 = MAX (0, (int) floor (cy0 * pixels->yy + pixels->y0));
  pixels->clip_x1 = MIN (width, (int) ceil (cx1 * pixels->xx + pixels->x0));
  pixels->clip_y1 = MIN (height, (int) ceil (cy1 * pixels->yy + pixels->y0));

  cairo_surface_flush (target);
  pixels->image = pixman_image_create_bits (format == CAIRO_FORMAT_ARGB32 ? PIXMAN_a8r8g8b8 : PIXMAN_x8r8g8b8,
                                            width, height,
                                            (uint32_t *) cairo_image_surface_get_data (target),
                                            cairo_image_surface_get_stride (target));
  return pixels->image != NULL;
}

typedef struct
{
  cairo_surface_t *surface;
  pixman_image_t  *image;   /* the same pixels, for pixman */
} Sprite;

static void
sprite_free (gpointer data)
{
  Sprite *sprite = data;

  pixman_image_unref (sprite->image);
  cairo_surface_destroy (sprite->surface);
  g_free (sprite);
}

/* On an image, each kind of marker is drawn once into a small surface at
 * the image's resolution and stamped where it goes with pixman: thousands
 * of markers then cost what thousands of small copies cost, not thousands
 * of anti-aliased paths. Vector outputs (SVG, PDF) draw real circles. */
static gboolean
draw_marker_sprites (GwQuadrantChart       *chart,
                     cairo_t               *cr,
                     const GwRenderPalette *palette)
{
  g_autoptr(GHashTable) sprites = g_hash_table_new_full (g_int_hash, g_int_equal, g_free, sprite_free);
  cairo_surface_t *target = cairo_get_target (cr);
  Pixels pixels;

  if (!pixels_open (&pixels, cr, target))
    return FALSE;

  for (guint i = 0; i < chart->markers->len; i++)
    {
      Marker *m = &g_array_index (chart->markers, Marker, i);
      gboolean done = gw_item_get_status (m->item) == GW_STATUS_DONE;
      int r2 = (int) round (m->r * 2);   /* half-pixel radius steps */
      int key = (int) ((m->color_index & 0xffff) << 12 | (r2 & 0x3ff) << 2 | done);
      Sprite *sprite = g_hash_table_lookup (sprites, &key);
      double half = r2 / 2.0 + 2;
      int side, px, py, x0, y0, x1, y1;

      if (sprite == NULL)
        {
          GwColor color = marker_color (chart, palette, m->color_index);
          cairo_t *scr;

          side = (int) ceil (2 * half * MAX (pixels.xx, pixels.yy));
          sprite = g_new0 (Sprite, 1);
          sprite->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, side, side);
          scr = cairo_create (sprite->surface);
          cairo_scale (scr, pixels.xx, pixels.yy);
          draw_marker_shape (scr, palette, &color, half, half, r2 / 2.0, done);
          cairo_destroy (scr);
          cairo_surface_flush (sprite->surface);
          sprite->image = pixman_image_create_bits (PIXMAN_a8r8g8b8, side, side,
                                                    (uint32_t *) cairo_image_surface_get_data (sprite->surface),
                                                    cairo_image_surface_get_stride (sprite->surface));
          g_hash_table_insert (sprites, g_memdup2 (&key, sizeof key), sprite);
        }
      side = cairo_image_surface_get_width (sprite->surface);

      /* Whole pixels, so the stamp is copied, not resampled; clipped to
       * the drawing's clip by hand, as pixman knows nothing of it. */
      px = (int) round (m->x * pixels.xx + pixels.x0 - half * pixels.xx);
      py = (int) round (m->y * pixels.yy + pixels.y0 - half * pixels.yy);
      x0 = MAX (px, pixels.clip_x0);
      y0 = MAX (py, pixels.clip_y0);
      x1 = MIN (px + side, pixels.clip_x1);
      y1 = MIN (py + side, pixels.clip_y1);
      if (x1 <= x0 || y1 <= y0)
        continue;
      pixman_image_composite32 (PIXMAN_OP_OVER, sprite->image, NULL, pixels.image,
                                x0 - px, y0 - py, 0, 0, x0, y0, x1 - x0, y1 - y0);
    }

  pixman_image_unref (pixels.image);
  cairo_surface_mark_dirty (target);
  return TRUE;
}

static void
draw_markers (GwQuadrantChart       *chart,
              cairo_t               *cr,
              const GwRenderPalette *palette)
{
  g_autoptr(PangoLayout) bold = gw_render_text_layout (cr, palette, LABEL_SIZE, TRUE);

  /* Leader lines under everything. */
  cairo_set_line_width (cr, 1);
  gw_render_set_color (cr, &palette->muted, 0.7);
  for (guint i = 0; i < chart->markers->len; i++)
    {
      Marker *m = &g_array_index (chart->markers, Marker, i);
      const GwRect *b = &m->place.box;

      if (!m->place.placed || !m->place.leader)
        continue;
      cairo_move_to (cr, m->x, m->y);
      cairo_line_to (cr, CLAMP (m->x, b->x, b->x + b->w), CLAMP (m->y, b->y, b->y + b->h));
    }
  cairo_stroke (cr);

  if (!draw_marker_sprites (chart, cr, palette))
    for (guint i = 0; i < chart->markers->len; i++)
      {
        Marker *m = &g_array_index (chart->markers, Marker, i);
        GwColor color = marker_color (chart, palette, m->color_index);

        draw_marker_shape (cr, palette, &color, m->x, m->y, m->r,
                           gw_item_get_status (m->item) == GW_STATUS_DONE);
      }

  for (guint i = 0; i < chart->markers->len; i++)
    {
      Marker *m = &g_array_index (chart->markers, Marker, i);
      gint64 id = gw_item_get_id (m->item);

      if (id != 0 && (id == chart->selected || id == chart->hover))
        {
          cairo_arc (cr, m->x, m->y, m->r + 3.5, 0, 2 * G_PI);
          gw_render_set_color (cr, &palette->accent, 1);
          cairo_set_line_width (cr, id == chart->selected ? 3 : 1.5);
          cairo_stroke (cr);
        }
    }

  for (guint i = 0; i < chart->markers->len; i++)
    {
      Marker *m = &g_array_index (chart->markers, Marker, i);
      gboolean selected = gw_item_get_id (m->item) == chart->selected;
      PangoLayout *l = m->layout;

      if (!m->place.placed)
        continue;
      if (selected)
        {
          l = bold;
          gw_render_text_set (l, gw_item_get_key (m->item), -1);
        }
      gw_render_set_color (cr, selected ? &palette->accent : &palette->foreground,
                           gw_item_get_status (m->item) == GW_STATUS_DONE ? 0.6 : 1);
      cairo_move_to (cr, m->place.box.x, m->place.box.y);
      pango_cairo_show_layout (cr, l);
    }
}

static Marker *
find_marker (GwQuadrantChart *chart,
             gint64           item_id)
{
  for (guint i = 0; i < chart->markers->len; i++)
    {
      Marker *m = &g_array_index (chart->markers, Marker, i);

      if (gw_item_get_id (m->item) == item_id)
        return m;
    }
  return NULL;
}

/* Public API */

void
gw_quadrant_options_init (GwQuadrantOptions *options)
{
  options->log_effort = FALSE;
  options->color_by = GW_COLOR_BY_PRIORITY;
  options->size_by = GW_MARKER_SIZE_FIXED;
  options->show_legend = TRUE;
  gw_scoring_settings_init (&options->scoring);
}

gboolean
gw_color_by_from_string (const char *text,
                         GwColorBy  *color_by)
{
  static const char *names[] = { "priority", "category", "status", "milestone" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (text, names[i]) == 0)
      {
        *color_by = (GwColorBy) i;
        return TRUE;
      }
  return FALSE;
}

gboolean
gw_marker_size_from_string (const char   *text,
                            GwMarkerSize *size_by)
{
  static const char *names[] = { "none", "roi", "risk" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (text, names[i]) == 0)
      {
        *size_by = (GwMarkerSize) i;
        return TRUE;
      }
  return FALSE;
}

/**
 * gw_render_categorical_color:
 *
 * Returns: the @index-th colour of a palette of distinct colours, lighter
 *   on a dark background
 */
GwColor
gw_render_categorical_color (guint                  index,
                             const GwRenderPalette *palette)
{
  GwColor c = rgb (categorical[index % G_N_ELEMENTS (categorical)]);
  double luminance = 0.2126 * palette->background.red + 0.7152 * palette->background.green +
                     0.0722 * palette->background.blue;

  if (luminance < 0.5)
    {
      GwColor white = { 1, 1, 1, 1 };

      c = gw_render_mix (&c, &white, 0.25);
    }
  return c;
}

/**
 * gw_quadrant_chart_new:
 * @items: (element-type GwItem): the items to show (already filtered)
 *
 * Returns: (transfer full): a chart to lay out and draw
 */
GwQuadrantChart *
gw_quadrant_chart_new (GPtrArray               *items,
                       const GwQuadrantOptions *options)
{
  GwQuadrantChart *chart;

  g_return_val_if_fail (items != NULL && options != NULL, NULL);

  chart = g_new0 (GwQuadrantChart, 1);
  chart->options = *options;
  chart->items = g_ptr_array_ref (items);
  chart->markers = g_array_new (FALSE, TRUE, sizeof (Marker));
  chart->legend_names = g_ptr_array_new_with_free_func (g_free);
  collect_legend (chart);

  for (guint i = 0; i < items->len; i++)
    {
      GwItem *item = g_ptr_array_index (items, i);
      Marker m = { 0 };

      m.item = item;
      m.effort = gw_item_get_effort_hours (item);
      m.impact = gw_impact_score (item);
      m.r = marker_radius (chart, item);
      m.color_index = color_index (chart, item);
      g_array_append_val (chart->markers, m);
    }
  return chart;
}

void
gw_quadrant_chart_free (GwQuadrantChart *chart)
{
  if (chart == NULL)
    return;
  for (guint i = 0; i < chart->markers->len; i++)
    g_clear_object (&g_array_index (chart->markers, Marker, i).layout);
  g_ptr_array_unref (chart->items);
  g_array_unref (chart->markers);
  g_ptr_array_unref (chart->legend_names);
  g_free (chart);
}

/**
 * gw_quadrant_chart_layout:
 * @cr: any context of the target, to measure text
 *
 * Places the plot area, the markers and their labels in a chart of
 * @width x @height.
 */
void
gw_quadrant_chart_layout (GwQuadrantChart       *chart,
                          cairo_t               *cr,
                          const GwRenderPalette *palette,
                          double                 width,
                          double                 height)
{
  double max_effort = 0, min_effort = G_MAXDOUBLE;
  double top = chart->options.show_legend ? 30 : 12;

  g_return_if_fail (chart != NULL);

  chart->width = width;
  chart->height = height;
  chart->px = 52;
  chart->py = top;
  chart->pw = MAX (width - chart->px - 16, 40);
  chart->ph = MAX (height - top - 46, 40);

  for (guint i = 0; i < chart->markers->len; i++)
    {
      Marker *m = &g_array_index (chart->markers, Marker, i);

      max_effort = MAX (max_effort, m->effort);
      if (m->effort > 0)
        min_effort = MIN (min_effort, m->effort);
    }
  max_effort = MAX (max_effort, chart->options.scoring.effort_threshold * 1.5);
  if (chart->options.log_effort)
    {
      chart->x_min = exp2 (floor (log2 (MIN (MIN (min_effort, chart->options.scoring.effort_threshold), 1.0))));
      chart->x_max = exp2 (ceil (log2 (max_effort * 1.15)));
    }
  else
    {
      chart->x_min = 0;
      chart->x_max = nice_ceiling (max_effort * 1.08);
    }

  place_markers (chart);
  layout_decorations (chart, cr, palette);
  place_labels (chart, cr, palette);
  chart->laid_out = TRUE;
}

void
gw_quadrant_chart_draw (GwQuadrantChart       *chart,
                        cairo_t               *cr,
                        const GwRenderPalette *palette)
{
  g_return_if_fail (chart != NULL && chart->laid_out);

  cairo_save (cr);
  gw_render_set_color (cr, &palette->background, 1);
  cairo_paint (cr);
  draw_quadrants (chart, cr, palette);
  draw_axes (chart, cr, palette);
  draw_thresholds (chart, cr, palette);
  cairo_save (cr);
  cairo_rectangle (cr, chart->px - 14, chart->py - 14, chart->pw + 28, chart->ph + 28);
  cairo_clip (cr);
  draw_markers (chart, cr, palette);
  cairo_restore (cr);
  if (chart->options.show_legend)
    draw_legend (chart, cr, palette);
  cairo_restore (cr);
}

void
gw_quadrant_chart_set_selected (GwQuadrantChart *chart,
                                gint64           item_id)
{
  chart->selected = item_id;
}

void
gw_quadrant_chart_set_hover (GwQuadrantChart *chart,
                             gint64           item_id)
{
  chart->hover = item_id;
}

/**
 * gw_quadrant_chart_move_marker:
 *
 * Moves an item's marker (and its label with it) while it is dragged,
 * without laying the chart out again.
 */
void
gw_quadrant_chart_move_marker (GwQuadrantChart *chart,
                               gint64           item_id,
                               double           effort_hours,
                               double           impact)
{
  Marker *m = find_marker (chart, item_id);
  double dx, dy;

  if (m == NULL)
    return;
  m->effort = effort_hours;
  m->impact = impact;
  dx = effort_to_x (chart, effort_hours) - m->x;
  dy = impact_to_y (chart, impact) - m->y;
  m->x += dx;
  m->y += dy;
  m->place.box.x += dx;
  m->place.box.y += dy;
}

void
gw_quadrant_chart_set_thresholds (GwQuadrantChart *chart,
                                  double           effort_threshold,
                                  double           impact_threshold)
{
  chart->options.scoring.effort_threshold = MAX (effort_threshold, 0);
  chart->options.scoring.impact_threshold = CLAMP (impact_threshold, 0, 100);
}

/**
 * gw_quadrant_chart_hit:
 *
 * Returns: (transfer none) (nullable): the item whose marker is under
 *   (@x, @y), the topmost one where markers overlap; none before the chart
 *   is laid out (the pointer can move over a chart rebuilt since it was
 *   last drawn)
 */
GwItem *
gw_quadrant_chart_hit (GwQuadrantChart *chart,
                       double           x,
                       double           y)
{
  g_return_val_if_fail (chart != NULL, NULL);

  if (!chart->laid_out)
    return NULL;

  for (guint i = chart->markers->len; i > 0; i--)
    {
      Marker *m = &g_array_index (chart->markers, Marker, i - 1);
      double dx = x - m->x, dy = y - m->y;

      if (dx * dx + dy * dy <= (m->r + HIT_SLOP) * (m->r + HIT_SLOP))
        return m->item;
      if (m->place.placed && x >= m->place.box.x && x <= m->place.box.x + m->place.box.w &&
          y >= m->place.box.y && y <= m->place.box.y + m->place.box.h)
        return m->item;
    }
  return NULL;
}

/* No handle before the chart is laid out, like gw_quadrant_chart_hit(). */
GwQuadrantHandle
gw_quadrant_chart_hit_handle (GwQuadrantChart *chart,
                              double           x,
                              double           y)
{
  double tx = effort_to_x (chart, chart->options.scoring.effort_threshold);
  double ty = impact_to_y (chart, chart->options.scoring.impact_threshold);
  gboolean inside = x >= chart->px && x <= chart->px + chart->pw && y >= chart->py && y <= chart->py + chart->ph;

  if (!chart->laid_out || !inside)
    return GW_QUADRANT_HANDLE_NONE;
  if (fabs (x - tx) <= HANDLE_SLOP)
    return GW_QUADRANT_HANDLE_EFFORT;
  if (fabs (y - ty) <= HANDLE_SLOP)
    return GW_QUADRANT_HANDLE_IMPACT;
  return GW_QUADRANT_HANDLE_NONE;
}

/**
 * gw_quadrant_chart_to_data:
 *
 * Returns: whether (@x, @y) is inside the plot; the effort and impact
 *   there are set either way (clamped to the axes)
 */
gboolean
gw_quadrant_chart_to_data (GwQuadrantChart *chart,
                           double           x,
                           double           y,
                           double          *effort_hours,
                           double          *impact)
{
  if (effort_hours)
    *effort_hours = x_to_effort (chart, x);
  if (impact)
    *impact = CLAMP (100 * (1 - (y - chart->py) / chart->ph), 0, 100);
  return x >= chart->px && x <= chart->px + chart->pw && y >= chart->py && y <= chart->py + chart->ph;
}

void
gw_quadrant_chart_from_data (GwQuadrantChart *chart,
                             double           effort_hours,
                             double           impact,
                             double          *x,
                             double          *y)
{
  if (x)
    *x = effort_to_x (chart, effort_hours);
  if (y)
    *y = impact_to_y (chart, impact);
}

gboolean
gw_quadrant_chart_get_marker (GwQuadrantChart *chart,
                              gint64           item_id,
                              double          *x,
                              double          *y,
                              double          *radius)
{
  Marker *m = find_marker (chart, item_id);

  if (m == NULL)
    return FALSE;
  if (x)
    *x = m->x;
  if (y)
    *y = m->y;
  if (radius)
    *radius = m->r;
  return TRUE;
}

/**
 * gw_quadrant_chart_get_label:
 *
 * Returns: whether the item's label is shown; @box is where
 */
gboolean
gw_quadrant_chart_get_label (GwQuadrantChart *chart,
                             gint64           item_id,
                             GwRect          *box)
{
  Marker *m = find_marker (chart, item_id);

  if (m == NULL || !m->place.placed)
    return FALSE;
  if (box)
    *box = m->place.box;
  return TRUE;
}

guint
gw_quadrant_chart_count_hidden_labels (GwQuadrantChart *chart)
{
  return chart->hidden_labels;
}

void
gw_quadrant_chart_get_plot_area (GwQuadrantChart *chart,
                                 double          *x,
                                 double          *y,
                                 double          *width,
                                 double          *height)
{
  if (x)
    *x = chart->px;
  if (y)
    *y = chart->py;
  if (width)
    *width = chart->pw;
  if (height)
    *height = chart->ph;
}

const GwQuadrantOptions *
gw_quadrant_chart_get_options (GwQuadrantChart *chart)
{
  return &chart->options;
}
