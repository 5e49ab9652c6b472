/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "gw-graph-render.h"
#include "gw-item.h"
#include "gw-store.h"

#define MARGIN 24.0
#define BAND_GUTTER 132.0      /* room for band labels left of the graph (top when left to right) */
#define BAND_GUTTER_LR 36.0
#define CORNER 6.0
#define STRIPE 5.0
#define KEY_SIZE 12.5
#define TITLE_SIZE 12.0
#define BAND_LABEL_SIZE 12.0
#define ARROW_LENGTH 9.0
#define ARROW_HALF_WIDTH 4.5
#define FLATTEN_STEPS 16
#define DIM_OPACITY 0.2

struct _GwGraphRender
{
  GwGraphLayout    *layout;
  GwGraphDirection  direction;
  guint             n_nodes;
  char            **keys;       /* NULL-terminated */
  char            **titles;
  GwPriority       *priority;
  GwStatus         *status;
  GHashTable       *index;      /* key -> node + 1 */
  guint             n_edges;
  guint            *tail;       /* the prerequisite */
  guint            *head;       /* the item that depends on it */
  guint            *out_start;  /* edges by tail, then by head: node -> edge lists */
  guint            *out;
  guint            *in_start;
  guint            *in;
  double           *edge_box;   /* 4 per edge: x0, y0, x1, y1 in layout units */
  gboolean          bands;
  GPtrArray        *band_labels;  /* char *, by group index; the last for items without a milestone */
  int               n_groups;     /* groups that are milestones */
  double            offset_x;     /* layout -> drawing */
  double            offset_y;
  double            width;
  double            height;
};

/* Helpers */

static guint
lookup (GwGraphRender *self,
        const char    *key)
{
  return key != NULL ? GPOINTER_TO_UINT (g_hash_table_lookup (self->index, key)) : 0;
}

static void
compute_edge_boxes (GwGraphRender *self)
{
  self->edge_box = g_new (double, 4 * (gsize) MAX (self->n_edges, 1));
  for (guint e = 0; e < self->n_edges; e++)
    {
      guint n;
      const GwGraphPoint *p = gw_graph_layout_get_edge_points (self->layout, e, &n);
      double *box = &self->edge_box[4 * e];

      box[0] = box[1] = G_MAXDOUBLE;
      box[2] = box[3] = -G_MAXDOUBLE;
      /* A Bézier curve stays inside the hull of its control points. */
      for (guint i = 0; i < n; i++)
        {
          box[0] = MIN (box[0], p[i].x);
          box[1] = MIN (box[1], p[i].y);
          box[2] = MAX (box[2], p[i].x);
          box[3] = MAX (box[3], p[i].y);
        }
    }
}

static void
index_edges (GwGraphRender *self)
{
  g_autofree guint *fill_out = NULL;
  g_autofree guint *fill_in = NULL;

  self->out_start = g_new0 (guint, self->n_nodes + 1);
  self->in_start = g_new0 (guint, self->n_nodes + 1);
  for (guint e = 0; e < self->n_edges; e++)
    {
      self->out_start[self->tail[e] + 1]++;
      self->in_start[self->head[e] + 1]++;
    }
  for (guint v = 0; v < self->n_nodes; v++)
    {
      self->out_start[v + 1] += self->out_start[v];
      self->in_start[v + 1] += self->in_start[v];
    }
  self->out = g_new (guint, self->n_edges + 1);
  self->in = g_new (guint, self->n_edges + 1);
  fill_out = g_memdup2 (self->out_start, sizeof (guint) * (self->n_nodes + 1));
  fill_in = g_memdup2 (self->in_start, sizeof (guint) * (self->n_nodes + 1));
  for (guint e = 0; e < self->n_edges; e++)
    {
      self->out[fill_out[self->tail[e]]++] = e;
      self->in[fill_in[self->head[e]]++] = e;
    }
}

static gboolean
boxes_meet (double ax0, double ay0, double ax1, double ay1,
            double bx0, double by0, double bx1, double by1)
{
  return ax0 <= bx1 && bx0 <= ax1 && ay0 <= by1 && by0 <= ay1;
}

static double
distance_to_segment (double px, double py,
                     double ax, double ay,
                     double bx, double by)
{
  double dx = bx - ax, dy = by - ay;
  double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0;

  t = CLAMP (t, 0, 1);
  return hypot (px - (ax + t * dx), py - (ay + t * dy));
}

static void
bezier_point (const GwGraphPoint *p,
              double              t,
              double             *x,
              double             *y)
{
  double u = 1 - t;

  *x = u * u * u * p[0].x + 3 * u * u * t * p[1].x + 3 * u * t * t * p[2].x + t * t * t * p[3].x;
  *y = u * u * u * p[0].y + 3 * u * u * t * p[1].y + 3 * u * t * t * p[2].y + t * t * t * p[3].y;
}

/* Distance from (x, y) to an edge's curve, in layout units. */
static double
distance_to_edge (GwGraphRender *self,
                  guint          e,
                  double         x,
                  double         y)
{
  guint n;
  const GwGraphPoint *p = gw_graph_layout_get_edge_points (self->layout, e, &n);
  double best = G_MAXDOUBLE;

  for (guint i = 0; i + 3 < n; i += 3)
    {
      double px = p[i].x, py = p[i].y;

      for (guint s = 1; s <= FLATTEN_STEPS; s++)
        {
          double qx, qy;

          bezier_point (p + i, (double) s / FLATTEN_STEPS, &qx, &qy);
          best = MIN (best, distance_to_segment (x, y, px, py, qx, qy));
          px = qx;
          py = qy;
        }
    }
  return best;
}

static void
add_edge_path (cairo_t            *cr,
               const GwGraphPoint *p,
               guint               n)
{
  cairo_move_to (cr, p[0].x, p[0].y);
  for (guint i = 1; i + 2 < n; i += 3)
    cairo_curve_to (cr, p[i].x, p[i].y, p[i + 1].x, p[i + 1].y, p[i + 2].x, p[i + 2].y);
}

/* An arrowhead at the end of the edge, along its last tangent. */
static void
add_arrowhead (cairo_t            *cr,
               const GwGraphPoint *p,
               guint               n)
{
  const GwGraphPoint *tip = &p[n - 1];
  double dx = 0, dy = 0, len;

  for (guint i = n - 1; i-- > 0;)
    {
      dx = tip->x - p[i].x;
      dy = tip->y - p[i].y;
      if (fabs (dx) + fabs (dy) > 1e-6)
        break;
    }
  len = hypot (dx, dy);
  if (len < 1e-6)
    return;
  dx /= len;
  dy /= len;
  cairo_move_to (cr, tip->x, tip->y);
  cairo_line_to (cr, tip->x - dx * ARROW_LENGTH - dy * ARROW_HALF_WIDTH,
                 tip->y - dy * ARROW_LENGTH + dx * ARROW_HALF_WIDTH);
  cairo_line_to (cr, tip->x - dx * ARROW_LENGTH + dy * ARROW_HALF_WIDTH,
                 tip->y - dy * ARROW_LENGTH - dx * ARROW_HALF_WIDTH);
  cairo_close_path (cr);
}

/* A tick for done items, in a box of the given size. */
static void
add_tick (cairo_t *cr,
          double   x,
          double   y,
          double   size)
{
  cairo_move_to (cr, x, y + size * 0.55);
  cairo_line_to (cr, x + size * 0.38, y + size * 0.9);
  cairo_line_to (cr, x + size, y + size * 0.15);
}

static gboolean
edge_is_highlighted (GwGraphRender     *self,
                     const GwGraphView *view,
                     guint              e)
{
  return view->highlight != NULL &&
         g_hash_table_contains (view->highlight, self->keys[self->tail[e]]) &&
         g_hash_table_contains (view->highlight, self->keys[self->head[e]]);
}

static void
draw_band (GwGraphRender     *self,
           cairo_t           *cr,
           const GwGraphView *view,
           PangoLayout       *label,
           double             start,
           double             end,
           const char        *text,
           guint              index)
{
  const GwRenderPalette *palette = view->palette;
  gboolean lr = self->direction == GW_GRAPH_LEFT_TO_RIGHT;

  gw_render_set_color (cr, &palette->band[index % 2], 1);
  if (lr)
    cairo_rectangle (cr, self->offset_x + start, 0, end - start, self->height);
  else
    cairo_rectangle (cr, 0, self->offset_y + start, self->width, end - start);
  cairo_fill (cr);

  gw_render_text_set (label, text, lr ? end - start - 16 : BAND_GUTTER - 16);
  gw_render_set_color (cr, &palette->muted, 1);
  if (lr)
    cairo_move_to (cr, self->offset_x + start + 8, MARGIN / 2);
  else
    cairo_move_to (cr, 10, self->offset_y + start + 8);
  pango_cairo_show_layout (cr, label);
}

/* Milestones as alternating bands, each labelled with its name; items
 * without one share the last band. */
static void
draw_bands (GwGraphRender     *self,
            cairo_t           *cr,
            const GwGraphView *view)
{
  g_autoptr(PangoLayout) label = gw_render_text_layout (cr, view->palette, BAND_LABEL_SIZE, TRUE);
  guint drawn = 0;
  double start, end;

  for (int g = 0; g < self->n_groups; g++)
    if (gw_graph_layout_get_group_extent (self->layout, g, &start, &end))
      draw_band (self, cr, view, label, start, end, g_ptr_array_index (self->band_labels, g), drawn++);
  if (gw_graph_layout_get_group_extent (self->layout, -1, &start, &end))
    draw_band (self, cr, view, label, start, end, g_ptr_array_index (self->band_labels, self->n_groups), drawn);
}

static void
draw_edges (GwGraphRender     *self,
            cairo_t           *cr,
            const GwGraphView *view,
            GHashTable        *focus,
            double             clip[4],
            gboolean           highlighted)
{
  const GwRenderPalette *palette = view->palette;

  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint e = 0; e < self->n_edges; e++)
    {
      const double *box = &self->edge_box[4 * e];
      const GwGraphPoint *p;
      guint n;
      double opacity = 1;
      const GwColor *color;

      if (edge_is_highlighted (self, view, e) != highlighted)
        continue;
      if (!boxes_meet (box[0] - ARROW_LENGTH, box[1] - ARROW_LENGTH, box[2] + ARROW_LENGTH, box[3] + ARROW_LENGTH,
                       clip[0], clip[1], clip[2], clip[3]))
        continue;
      p = gw_graph_layout_get_edge_points (self->layout, e, &n);
      if (n < 2)
        continue;
      if (focus != NULL &&
          !(g_hash_table_contains (focus, self->keys[self->tail[e]]) &&
            g_hash_table_contains (focus, self->keys[self->head[e]])))
        opacity = DIM_OPACITY;

      color = highlighted ? &palette->highlight : &palette->line;
      gw_render_set_color (cr, color, opacity);
      cairo_set_line_width (cr, highlighted ? 2.5 : 1.3);
      /* Against the order of the milestones: dashed. */
      if (gw_graph_layout_edge_is_reversed (self->layout, e))
        cairo_set_dash (cr, (double[]) { 5, 4 }, 2, 0);
      add_edge_path (cr, p, n);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      add_arrowhead (cr, p, n);
      cairo_fill (cr);
    }
}

/* The edge the user selected (to delete it), over the others. */
static void
draw_selected_edge (GwGraphRender     *self,
                    cairo_t           *cr,
                    const GwGraphView *view)
{
  if (view->selected_prerequisite == NULL || view->selected_dependent == NULL)
    return;
  for (guint e = 0; e < self->n_edges; e++)
    {
      const GwGraphPoint *p;
      guint n;

      if (!g_str_equal (self->keys[self->tail[e]], view->selected_prerequisite) ||
          !g_str_equal (self->keys[self->head[e]], view->selected_dependent))
        continue;
      p = gw_graph_layout_get_edge_points (self->layout, e, &n);
      if (n < 2)
        return;
      gw_render_set_color (cr, &view->palette->accent, 1);
      cairo_set_line_width (cr, 3.5);
      add_edge_path (cr, p, n);
      cairo_stroke (cr);
      add_arrowhead (cr, p, n);
      cairo_fill (cr);
      return;
    }
}

static void
draw_node (GwGraphRender     *self,
           cairo_t           *cr,
           const GwGraphView *view,
           guint              v,
           gboolean           dimmed,
           PangoLayout       *key_layout,
           PangoLayout       *title_layout)
{
  const GwRenderPalette *palette = view->palette;
  GwGraphNodePlace place;
  double x, y, w, h, opacity = dimmed ? DIM_OPACITY : 1;
  gboolean done = self->status[v] == GW_STATUS_DONE;
  gboolean highlighted = view->highlight != NULL && g_hash_table_contains (view->highlight, self->keys[v]);
  gboolean selected = view->selected != NULL && g_str_equal (view->selected, self->keys[v]);
  const GwColor *text = done ? &palette->muted : &palette->foreground;
  GwColor fill = done ? gw_render_mix (&palette->surface, &palette->background, 0.6) : palette->surface;

  gw_graph_layout_get_node (self->layout, v, &place);
  w = place.width;
  h = place.height;
  x = place.x - w / 2;
  y = place.y - h / 2;

  if (selected)
    {
      gw_render_rounded_rectangle (cr, x - 3, y - 3, w + 6, h + 6, CORNER + 3);
      gw_render_set_color (cr, &palette->accent, opacity * 0.35);
      cairo_fill (cr);
    }

  gw_render_rounded_rectangle (cr, x, y, w, h, CORNER);
  gw_render_set_color (cr, &fill, opacity);
  cairo_fill_preserve (cr);

  /* The priority stripe along the left side, inside the box. */
  cairo_save (cr);
  cairo_clip (cr);
  gw_render_set_color (cr, &palette->priority[self->priority[v]], opacity * (done ? 0.45 : 1));
  cairo_rectangle (cr, x, y, STRIPE, h);
  cairo_fill (cr);
  cairo_restore (cr);

  gw_render_rounded_rectangle (cr, x + 0.5, y + 0.5, w - 1, h - 1, CORNER - 0.5);
  if (selected)
    {
      gw_render_set_color (cr, &palette->accent, opacity);
      cairo_set_line_width (cr, 2);
    }
  else if (highlighted)
    {
      gw_render_set_color (cr, &palette->highlight, opacity);
      cairo_set_line_width (cr, 2);
    }
  else
    {
      gw_render_set_color (cr, &palette->border, opacity);
      cairo_set_line_width (cr, 1);
    }
  cairo_stroke (cr);

  /* Status at the top right: a tick when done, else a dot. */
  gw_render_set_color (cr, &palette->status[self->status[v]], opacity);
  if (done)
    {
      cairo_set_line_width (cr, 2);
      add_tick (cr, x + w - 20, y + 8, 11);
      cairo_stroke (cr);
    }
  else
    {
      cairo_arc (cr, x + w - 14, y + 13, 4, 0, 2 * G_PI);
      cairo_fill (cr);
    }

  gw_render_set_color (cr, text, opacity);
  gw_render_text_set (key_layout, self->keys[v], w - STRIPE - 36);
  cairo_move_to (cr, x + STRIPE + 8, y + 5);
  pango_cairo_show_layout (cr, key_layout);

  gw_render_text_set (title_layout, self->titles[v], w - STRIPE - 16);
  cairo_move_to (cr, x + STRIPE + 8, y + h / 2 + 1);
  pango_cairo_show_layout (cr, title_layout);
}

static void
free_render (GwGraphRender *self)
{
  g_clear_pointer (&self->layout, gw_graph_layout_free);
  g_strfreev (self->keys);
  g_strfreev (self->titles);
  g_free (self->priority);
  g_free (self->status);
  g_clear_pointer (&self->index, g_hash_table_unref);
  g_free (self->tail);
  g_free (self->head);
  g_free (self->edge_box);
  g_free (self->out_start);
  g_free (self->out);
  g_free (self->in_start);
  g_free (self->in);
  g_clear_pointer (&self->band_labels, g_ptr_array_unref);
  g_free (self);
}

/* Public API */

/**
 * gw_graph_view_init:
 *
 * Sets the defaults: nothing selected, highlighted or focused; bands shown.
 */
void
gw_graph_view_init (GwGraphView           *view,
                    const GwRenderPalette *palette)
{
  g_return_if_fail (view != NULL);
  g_return_if_fail (palette != NULL);

  memset (view, 0, sizeof *view);
  view->palette = palette;
  view->focus_kind = GW_GRAPH_FOCUS_BOTH;
  view->show_bands = TRUE;
}

/**
 * gw_graph_render_new:
 * @items: (element-type GwItem): the register's items
 * @milestones: (element-type GwMilestone) (nullable): in order; their
 *   names label the bands
 * @options: (nullable): layout options; with bands set, each milestone's
 *   items get their own run of layers (bands are left out when no item
 *   has a milestone)
 *
 * Lays out the items' dependency graph, an edge from each prerequisite to
 * the item that depends on it.  Dependencies on keys that are not among
 * @items are left out.
 *
 * Returns: (transfer full): the graph, ready to draw
 */
GwGraphRender *
gw_graph_render_new (GPtrArray                  *items,
                     GPtrArray                  *milestones,
                     const GwGraphLayoutOptions *options)
{
  g_return_val_if_fail (items != NULL, NULL);

  return gw_graph_render_new_incremental (items, milestones, options, NULL);
}

/**
 * gw_graph_render_new_incremental:
 * @previous: (nullable): the graph before an edit
 *
 * Like gw_graph_render_new(), but items that were in @previous keep their
 * order and stay near their places (see gw_graph_layout_set_hint()), so
 * that an edit moves little.
 *
 * Returns: (transfer full): the graph, ready to draw
 */
GwGraphRender *
gw_graph_render_new_incremental (GPtrArray                  *items,
                                 GPtrArray                  *milestones,
                                 const GwGraphLayoutOptions *options,
                                 GwGraphRender              *previous)
{
  g_autoptr(GwGraphPlaces) places = previous != NULL ? gw_graph_render_get_places (previous) : NULL;

  return gw_graph_render_new_from_places (items, milestones, options, places);
}

struct _GwGraphPlaces
{
  GwGraphDirection  direction;
  GHashTable       *index;     /* key -> place + 1 */
  GArray           *places;    /* GwGraphNodePlace */
};

/**
 * gw_graph_render_get_places:
 *
 * Copies where each item of the graph is, so that a layout made in
 * another thread after an edit can keep them there while this graph is
 * drawn or freed.
 *
 * Returns: (transfer full): the places, for gw_graph_render_new_from_places()
 */
GwGraphPlaces *
gw_graph_render_get_places (GwGraphRender *self)
{
  GwGraphPlaces *places;

  g_return_val_if_fail (self != NULL, NULL);

  places = g_new0 (GwGraphPlaces, 1);
  places->direction = self->direction;
  places->index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  places->places = g_array_sized_new (FALSE, FALSE, sizeof (GwGraphNodePlace), self->n_nodes);
  for (guint v = 0; v < self->n_nodes; v++)
    {
      GwGraphNodePlace place;

      gw_graph_layout_get_node (self->layout, v, &place);
      g_array_append_val (places->places, place);
      g_hash_table_insert (places->index, g_strdup (self->keys[v]), GUINT_TO_POINTER (v + 1));
    }
  return places;
}

void
gw_graph_places_free (GwGraphPlaces *places)
{
  if (places == NULL)
    return;
  g_hash_table_unref (places->index);
  g_array_unref (places->places);
  g_free (places);
}

/**
 * gw_graph_render_new_from_places:
 * @previous: (nullable): gw_graph_render_get_places() of the graph before
 *   an edit
 *
 * Like gw_graph_render_new_incremental(), from a copy of the places.
 *
 * Returns: (transfer full): the graph, ready to draw
 */
GwGraphRender *
gw_graph_render_new_from_places (GPtrArray                  *items,
                                 GPtrArray                  *milestones,
                                 const GwGraphLayoutOptions *options,
                                 const GwGraphPlaces        *previous)
{
  GwGraphRender *self;
  GwGraphLayoutOptions opt;
  g_autoptr(GHashTable) group_of = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) tails = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) heads = g_array_new (FALSE, FALSE, sizeof (guint));
  gboolean any_milestone = FALSE;
  double lw, lh;

  g_return_val_if_fail (items != NULL, NULL);

  if (options != NULL)
    opt = *options;
  else
    gw_graph_layout_options_init (&opt);

  self = g_new0 (GwGraphRender, 1);
  self->direction = opt.direction;
  self->layout = gw_graph_layout_new ();
  self->n_nodes = items->len;
  self->keys = g_new0 (char *, items->len + 1);
  self->titles = g_new0 (char *, items->len + 1);
  self->priority = g_new0 (GwPriority, items->len + 1);
  self->status = g_new0 (GwStatus, items->len + 1);
  self->index = g_hash_table_new (g_str_hash, g_str_equal);
  self->band_labels = g_ptr_array_new_with_free_func (g_free);

  /* Groups: the register's milestones in order, then milestone keys that
   * are not defined, in the order items name them. */
  for (guint i = 0; milestones != NULL && i < milestones->len; i++)
    {
      const GwMilestone *m = g_ptr_array_index (milestones, i);

      if (m->key == NULL || g_hash_table_contains (group_of, m->key))
        continue;
      g_hash_table_insert (group_of, m->key, GINT_TO_POINTER (self->band_labels->len + 1));
      g_ptr_array_add (self->band_labels,
                       m->name != NULL && *m->name != '\0' ? g_strdup_printf ("%s · %s", m->key, m->name)
                                                           : g_strdup (m->key));
    }
  for (guint i = 0; i < items->len; i++)
    {
      const char *m = gw_item_get_milestone (g_ptr_array_index (items, i));

      if (m == NULL || *m == '\0')
        continue;
      any_milestone = TRUE;
      if (!g_hash_table_contains (group_of, m))
        {
          g_hash_table_insert (group_of, (gpointer) m, GINT_TO_POINTER (self->band_labels->len + 1));
          g_ptr_array_add (self->band_labels, g_strdup (m));
        }
    }
  self->n_groups = (int) self->band_labels->len;
  g_ptr_array_add (self->band_labels, g_strdup (_("No milestone")));
  self->bands = opt.bands && any_milestone;
  opt.bands = self->bands;

  for (guint i = 0; i < items->len; i++)
    {
      GwItem *item = g_ptr_array_index (items, i);
      const char *m = gw_item_get_milestone (item);
      int group = m != NULL && *m != '\0' ? GPOINTER_TO_INT (g_hash_table_lookup (group_of, m)) - 1 : -1;

      self->keys[i] = g_strdup (gw_item_get_key (item));
      self->titles[i] = g_strdup (gw_item_get_title (item) != NULL ? gw_item_get_title (item) : "");
      self->priority[i] = gw_item_get_priority (item);
      self->status[i] = gw_item_get_status (item);
      if (!g_hash_table_contains (self->index, self->keys[i]))
        g_hash_table_insert (self->index, self->keys[i], GUINT_TO_POINTER (i + 1));
      gw_graph_layout_add_node (self->layout, GW_GRAPH_RENDER_NODE_WIDTH, GW_GRAPH_RENDER_NODE_HEIGHT, group);
    }
  for (guint i = 0; i < items->len; i++)
    {
      GPtrArray *deps = gw_item_get_depends_on (g_ptr_array_index (items, i));

      for (guint d = 0; deps != NULL && d < deps->len; d++)
        {
          const GwDependency *dep = g_ptr_array_index (deps, d);
          guint tail = lookup (self, dep->key);

          if (tail == 0)
            continue;
          tail--;
          g_array_append_val (tails, tail);
          g_array_append_val (heads, i);
          gw_graph_layout_add_edge (self->layout, tail, i);
        }
    }
  self->n_edges = tails->len;
  self->tail = (guint *) (void *) g_array_free (g_steal_pointer (&tails), FALSE);
  self->head = (guint *) (void *) g_array_free (g_steal_pointer (&heads), FALSE);

  index_edges (self);
  if (previous != NULL && previous->direction == opt.direction)
    for (guint v = 0; v < self->n_nodes; v++)
      {
        guint old = GPOINTER_TO_UINT (g_hash_table_lookup (previous->index, self->keys[v]));
        const GwGraphNodePlace *place;

        if (old == 0)
          continue;
        place = &g_array_index (previous->places, GwGraphNodePlace, old - 1);
        gw_graph_layout_set_hint (self->layout, v, place->layer,
                                  opt.direction == GW_GRAPH_LEFT_TO_RIGHT ? place->y : place->x);
      }
  gw_graph_layout_run (self->layout, &opt);
  compute_edge_boxes (self);

  gw_graph_layout_get_size (self->layout, &lw, &lh);
  self->offset_x = MARGIN + (self->bands && opt.direction == GW_GRAPH_TOP_TO_BOTTOM ? BAND_GUTTER : 0);
  self->offset_y = MARGIN + (self->bands && opt.direction == GW_GRAPH_LEFT_TO_RIGHT ? BAND_GUTTER_LR : 0);
  self->width = self->offset_x + lw + MARGIN;
  self->height = self->offset_y + lh + MARGIN;
  return self;
}

void
gw_graph_render_free (GwGraphRender *self)
{
  if (self != NULL)
    free_render (self);
}

/**
 * gw_graph_render_get_layout:
 *
 * Returns: (transfer none): the layout, in layout units: drawing
 *   coordinates less the offset of gw_graph_render_get_node_rect()
 */
GwGraphLayout *
gw_graph_render_get_layout (GwGraphRender *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->layout;
}

guint
gw_graph_render_get_n_nodes (GwGraphRender *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_nodes;
}

const char *
gw_graph_render_get_key (GwGraphRender *self,
                         guint          node)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (node < self->n_nodes, NULL);
  return self->keys[node];
}

/**
 * gw_graph_render_get_keys:
 *
 * Returns: (transfer none): the items' keys by node, %NULL-terminated
 */
const char * const *
gw_graph_render_get_keys (GwGraphRender *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return (const char * const *) self->keys;
}

/**
 * gw_graph_render_get_size:
 *
 * The size of the drawing, margins and band labels included.
 */
void
gw_graph_render_get_size (GwGraphRender *self,
                          double        *width,
                          double        *height)
{
  g_return_if_fail (self != NULL);

  if (width != NULL)
    *width = self->width;
  if (height != NULL)
    *height = self->height;
}

/**
 * gw_graph_render_get_node_rect:
 *
 * Returns: %FALSE when no item has @key; else the box of its node, in
 *   drawing coordinates
 */
gboolean
gw_graph_render_get_node_rect (GwGraphRender *self,
                               const char    *key,
                               double        *x,
                               double        *y,
                               double        *width,
                               double        *height)
{
  GwGraphNodePlace place;
  guint v;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  v = lookup (self, key);
  if (v == 0)
    return FALSE;
  gw_graph_layout_get_node (self->layout, v - 1, &place);
  if (x != NULL)
    *x = self->offset_x + place.x - place.width / 2;
  if (y != NULL)
    *y = self->offset_y + place.y - place.height / 2;
  if (width != NULL)
    *width = place.width;
  if (height != NULL)
    *height = place.height;
  return TRUE;
}

/**
 * gw_graph_render_draw:
 *
 * Draws the graph into @cr in drawing coordinates, over whatever is there
 * (the caller paints the background).  Only what meets @cr's clip is
 * drawn, so a widget showing part of a large graph draws that part.
 */
void
gw_graph_render_draw (GwGraphRender     *self,
                      cairo_t           *cr,
                      const GwGraphView *view)
{
  g_autoptr(GHashTable) focus = NULL;
  g_autoptr(PangoLayout) key_layout = NULL;
  g_autoptr(PangoLayout) title_layout = NULL;
  double clip[4];

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (view != NULL && view->palette != NULL);

  cairo_save (cr);
  if (view->focus != NULL && lookup (self, view->focus) != 0 && view->focus_kind != GW_GRAPH_FOCUS_NONE)
    focus = gw_graph_render_collect_focus (self, view->focus, view->focus_kind);

  if (self->bands && view->show_bands)
    draw_bands (self, cr, view);

  cairo_translate (cr, self->offset_x, self->offset_y);
  cairo_clip_extents (cr, &clip[0], &clip[1], &clip[2], &clip[3]);

  draw_edges (self, cr, view, focus, clip, FALSE);
  draw_edges (self, cr, view, focus, clip, TRUE);
  draw_selected_edge (self, cr, view);

  key_layout = gw_render_text_layout (cr, view->palette, KEY_SIZE, TRUE);
  title_layout = gw_render_text_layout (cr, view->palette, TITLE_SIZE, FALSE);
  for (guint v = 0; v < self->n_nodes; v++)
    {
      GwGraphNodePlace place;

      gw_graph_layout_get_node (self->layout, v, &place);
      if (!boxes_meet (place.x - place.width / 2 - 4, place.y - place.height / 2 - 4,
                       place.x + place.width / 2 + 4, place.y + place.height / 2 + 4,
                       clip[0], clip[1], clip[2], clip[3]))
        continue;
      draw_node (self, cr, view, v, focus != NULL && !g_hash_table_contains (focus, self->keys[v]),
                 key_layout, title_layout);
    }
  cairo_restore (cr);
}

/**
 * gw_graph_render_node_at:
 * @x: drawing coordinates
 *
 * Returns: (nullable): the key of the item whose box holds the point
 */
const char *
gw_graph_render_node_at (GwGraphRender *self,
                         double         x,
                         double         y)
{
  g_return_val_if_fail (self != NULL, NULL);

  x -= self->offset_x;
  y -= self->offset_y;
  /* Nodes drawn later lie on top. */
  for (guint v = self->n_nodes; v-- > 0;)
    {
      GwGraphNodePlace place;

      gw_graph_layout_get_node (self->layout, v, &place);
      if (fabs (x - place.x) <= place.width / 2 && fabs (y - place.y) <= place.height / 2)
        return self->keys[v];
    }
  return NULL;
}

/**
 * gw_graph_render_edge_at:
 * @x: drawing coordinates
 * @tolerance: how far from the curve the point may be
 * @prerequisite: (out) (optional): the key of the item depended on
 * @dependent: (out) (optional): the key of the item that depends on it
 *
 * Finds the dependency whose curve passes nearest to the point.
 *
 * Returns: whether one passes within @tolerance
 */
gboolean
gw_graph_render_edge_at (GwGraphRender  *self,
                         double          x,
                         double          y,
                         double          tolerance,
                         const char    **prerequisite,
                         const char    **dependent)
{
  guint best = G_MAXUINT;
  double best_d = G_MAXDOUBLE;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (tolerance >= 0, FALSE);

  x -= self->offset_x;
  y -= self->offset_y;
  for (guint e = 0; e < self->n_edges; e++)
    {
      const double *box = &self->edge_box[4 * e];
      double d;

      if (!boxes_meet (box[0] - tolerance, box[1] - tolerance, box[2] + tolerance, box[3] + tolerance,
                       x, y, x, y))
        continue;
      d = distance_to_edge (self, e, x, y);
      if (d <= tolerance && d < best_d)
        {
          best_d = d;
          best = e;
        }
    }
  if (best == G_MAXUINT)
    return FALSE;
  if (prerequisite != NULL)
    *prerequisite = self->keys[self->tail[best]];
  if (dependent != NULL)
    *dependent = self->keys[self->head[best]];
  return TRUE;
}

/**
 * gw_graph_render_collect_focus:
 * @kind: upstream (what @key depends on, transitively), downstream (what
 *   depends on it) or both
 *
 * Returns: (transfer container): the set of keys: @key and those reached
 */
GHashTable *
gw_graph_render_collect_focus (GwGraphRender *self,
                               const char    *key,
                               GwGraphFocus   kind)
{
  GHashTable *set;
  g_autofree guint *queue = NULL;
  g_autofree guint8 *seen = NULL;
  guint start, qh = 0, qt = 0;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  set = g_hash_table_new (g_str_hash, g_str_equal);
  start = lookup (self, key);
  if (start == 0)
    return set;

  queue = g_new (guint, self->n_nodes + 1);
  seen = g_new0 (guint8, self->n_nodes);
  for (guint pass = 0; pass < 2; pass++)
    {
      gboolean up = pass == 0;

      if (!(kind & (up ? GW_GRAPH_FOCUS_UPSTREAM : GW_GRAPH_FOCUS_DOWNSTREAM)))
        continue;
      memset (seen, 0, self->n_nodes);
      qh = qt = 0;
      queue[qt++] = start - 1;
      seen[start - 1] = TRUE;
      while (qh < qt)
        {
          guint v = queue[qh++];

          const guint *start_of = up ? self->in_start : self->out_start;
          const guint *list = up ? self->in : self->out;

          g_hash_table_add (set, self->keys[v]);
          for (guint i = start_of[v]; i < start_of[v + 1]; i++)
            {
              guint e = list[i];
              guint to = up ? self->tail[e] : self->head[e];

              if (!seen[to])
                {
                  seen[to] = TRUE;
                  queue[qt++] = to;
                }
            }
        }
    }
  g_hash_table_add (set, self->keys[start - 1]);
  return set;
}
