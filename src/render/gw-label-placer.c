/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Places one label per marker so that no two labels overlap and no label
 * covers a marker: first in one of eight spots next to its marker, then,
 * where that is crowded, further out on rings of growing radius, to be
 * joined to the marker by a leader line. A uniform grid over the area
 * finds the neighbours of a candidate, so the cost grows with the number
 * of labels, not its square. */

#include "config.h"

#include <math.h>

#include "gw-label-placer.h"

#define GAP 3.0
#define N_RING_ANGLES 24

static const double ring_steps[] = { 12, 22, 34, 48, 64, 84, 108, 136, 170, 210, 260 };

typedef struct
{
  double      cell;
  int         cols;
  int         rows;
  double      x0, y0;
  GArray    **cells;    /* guint: marker index, or label index | LABEL_BIT */
} Grid;

#define LABEL_BIT 0x80000000u
#define OBSTACLE_BIT 0x40000000u

/* Helpers */

gboolean
gw_rects_overlap (const GwRect *a,
                  const GwRect *b)
{
  return a->x < b->x + b->w && b->x < a->x + a->w &&
         a->y < b->y + b->h && b->y < a->y + a->h;
}

gboolean
gw_rect_hits_circle (const GwRect   *rect,
                     const GwCircle *circle)
{
  double cx = CLAMP (circle->x, rect->x, rect->x + rect->w);
  double cy = CLAMP (circle->y, rect->y, rect->y + rect->h);
  double dx = circle->x - cx;
  double dy = circle->y - cy;

  return dx * dx + dy * dy < circle->r * circle->r;
}

static void
grid_init (Grid         *grid,
           const GwRect *bounds,
           double        cell)
{
  grid->cell = cell;
  grid->x0 = bounds->x;
  grid->y0 = bounds->y;
  grid->cols = MAX (1, (int) ceil (bounds->w / cell));
  grid->rows = MAX (1, (int) ceil (bounds->h / cell));
  grid->cells = g_new0 (GArray *, (gsize) grid->cols * grid->rows);
}

static void
grid_clear (Grid *grid)
{
  for (int i = 0; i < grid->cols * grid->rows; i++)
    if (grid->cells[i] != NULL)
      g_array_unref (grid->cells[i]);
  g_free (grid->cells);
}

static void
grid_range (const Grid *grid,
            double      x,
            double      y,
            double      w,
            double      h,
            int        *c0,
            int        *r0,
            int        *c1,
            int        *r1)
{
  *c0 = CLAMP ((int) floor ((x - grid->x0) / grid->cell), 0, grid->cols - 1);
  *r0 = CLAMP ((int) floor ((y - grid->y0) / grid->cell), 0, grid->rows - 1);
  *c1 = CLAMP ((int) floor ((x + w - grid->x0) / grid->cell), 0, grid->cols - 1);
  *r1 = CLAMP ((int) floor ((y + h - grid->y0) / grid->cell), 0, grid->rows - 1);
}

static void
grid_add (Grid   *grid,
          double  x,
          double  y,
          double  w,
          double  h,
          guint   value)
{
  int c0, r0, c1, r1;

  grid_range (grid, x, y, w, h, &c0, &r0, &c1, &r1);
  for (int r = r0; r <= r1; r++)
    for (int c = c0; c <= c1; c++)
      {
        GArray **cell = &grid->cells[r * grid->cols + c];

        if (*cell == NULL)
          *cell = g_array_new (FALSE, FALSE, sizeof (guint));
        g_array_append_val (*cell, value);
      }
}

static gboolean
is_free (const Grid             *grid,
         const GwRect           *box,
         const GwRect           *bounds,
         const GwCircle         *markers,
         const GwRect           *obstacles,
         const GwLabelPlacement *out)
{
  int c0, r0, c1, r1;

  if (box->x < bounds->x || box->y < bounds->y ||
      box->x + box->w > bounds->x + bounds->w || box->y + box->h > bounds->y + bounds->h)
    return FALSE;

  grid_range (grid, box->x, box->y, box->w, box->h, &c0, &r0, &c1, &r1);
  for (int r = r0; r <= r1; r++)
    for (int c = c0; c <= c1; c++)
      {
        GArray *cell = grid->cells[r * grid->cols + c];

        for (guint i = 0; cell != NULL && i < cell->len; i++)
          {
            guint v = g_array_index (cell, guint, i);

            if (v & LABEL_BIT)
              {
                if (gw_rects_overlap (box, &out[v & ~LABEL_BIT].box))
                  return FALSE;
              }
            else if (v & OBSTACLE_BIT)
              {
                if (gw_rects_overlap (box, &obstacles[v & ~OBSTACLE_BIT]))
                  return FALSE;
              }
            else if (gw_rect_hits_circle (box, &markers[v]))
              return FALSE;
          }
      }
  return TRUE;
}

/* The box of a label of size w x h whose nearest point to the marker is
 * at angle @a, distance @d from the marker's centre. */
static GwRect
box_at_angle (const GwCircle *m,
              double          w,
              double          h,
              double          a,
              double          d)
{
  double px = m->x + cos (a) * d;
  double py = m->y + sin (a) * d;
  GwRect box;

  /* Anchor the side that faces the marker at the point. */
  box.x = cos (a) > 0.3 ? px : cos (a) < -0.3 ? px - w : px - w / 2;
  box.y = sin (a) > 0.3 ? py : sin (a) < -0.3 ? py - h : py - h / 2;
  box.w = w;
  box.h = h;
  return box;
}

/**
 * gw_place_labels:
 * @markers: the markers, which labels must not cover
 * @label_width: (array length=n_markers): the size of each marker's label
 * @order: (nullable): the order in which to place labels (first gets the
 *   best spot), or %NULL for marker order
 * @n_labels: how many labels to place, following @order; the rest are not
 *   placed (a chart of thousands of items labels the most important)
 * @obstacles: (array length=n_obstacles) (nullable): other things labels
 *   must not cover, such as titles drawn on the chart
 * @bounds: the area labels must stay in
 * @out: (array length=n_markers): where each label goes
 *
 * Places a label beside each marker where it overlaps no other label and
 * no marker; crowded labels go further out (out[i].leader); a label with
 * no free place at all is not placed (out[i].placed is FALSE).
 */
void
gw_place_labels (const GwCircle   *markers,
                 guint             n_markers,
                 const double     *label_width,
                 const double     *label_height,
                 const guint      *order,
                 guint             n_labels,
                 const GwRect     *obstacles,
                 guint             n_obstacles,
                 const GwRect     *bounds,
                 GwLabelPlacement *out)
{
  Grid grid;
  double cell = 0;

  if (n_markers == 0)
    return;

  for (guint i = 0; i < n_markers; i++)
    cell = MAX (cell, MAX (label_width[i], label_height[i]));
  grid_init (&grid, bounds, CLAMP (cell, 16, 128));

  for (guint i = 0; i < n_markers; i++)
    {
      const GwCircle *m = &markers[i];

      out[i].placed = FALSE;
      out[i].leader = FALSE;
      grid_add (&grid, m->x - m->r, m->y - m->r, 2 * m->r, 2 * m->r, i);
    }
  for (guint i = 0; i < n_obstacles; i++)
    grid_add (&grid, obstacles[i].x, obstacles[i].y, obstacles[i].w, obstacles[i].h, i | OBSTACLE_BIT);

  for (guint k = 0; k < MIN (n_labels, n_markers); k++)
    {
      guint i = order ? order[k] : k;
      const GwCircle *m = &markers[i];
      double w = label_width[i];
      double h = label_height[i];
      /* Right, left, above, below, then the corners. */
      const GwRect near[] = {
        { m->x + m->r + GAP, m->y - h / 2, w, h },
        { m->x - m->r - GAP - w, m->y - h / 2, w, h },
        { m->x - w / 2, m->y - m->r - GAP - h, w, h },
        { m->x - w / 2, m->y + m->r + GAP, w, h },
        { m->x + m->r * 0.7 + GAP, m->y - m->r * 0.7 - GAP - h, w, h },
        { m->x + m->r * 0.7 + GAP, m->y + m->r * 0.7 + GAP, w, h },
        { m->x - m->r * 0.7 - GAP - w, m->y - m->r * 0.7 - GAP - h, w, h },
        { m->x - m->r * 0.7 - GAP - w, m->y + m->r * 0.7 + GAP, w, h },
      };

      for (guint c = 0; c < G_N_ELEMENTS (near) && !out[i].placed; c++)
        if (is_free (&grid, &near[c], bounds, markers, obstacles, out))
          {
            out[i].box = near[c];
            out[i].placed = TRUE;
          }

      for (guint s = 0; s < G_N_ELEMENTS (ring_steps) && !out[i].placed; s++)
        for (guint a = 0; a < N_RING_ANGLES && !out[i].placed; a++)
          {
            /* Start to the upper right and go round, alternating sides. */
            double angle = -G_PI / 4 + (a % 2 ? -1 : 1) * ((a + 1) / 2) * 2 * G_PI / N_RING_ANGLES;
            GwRect box = box_at_angle (m, w, h, angle, m->r + ring_steps[s]);

            if (is_free (&grid, &box, bounds, markers, obstacles, out))
              {
                out[i].box = box;
                out[i].placed = TRUE;
                out[i].leader = TRUE;
              }
          }

      if (out[i].placed)
        grid_add (&grid, out[i].box.x, out[i].box.y, out[i].box.w, out[i].box.h, i | LABEL_BIT);
    }

  grid_clear (&grid);
}
