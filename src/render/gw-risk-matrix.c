/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The risk matrix: likelihood (x) by severity (y) on a 3 x 3 or 5 x 5
 * grid coloured as a heat map, each item a chip with its key in its cell,
 * and the number of items per cell. Likelihood is the item's
 * implementation risk, or its risk level (gw_item_likelihood_pct());
 * severity is its impact score. Items with neither risk field are not
 * rated and are only counted. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "gw-risk-matrix.h"
#include "gw-scoring.h"

#define CHIP_TEXT_SIZE 11.0
#define AXIS_TEXT_SIZE 11.0
#define TITLE_TEXT_SIZE 12.0
#define CHIP_PAD_X 6.0
#define CHIP_GAP 4.0
#define CELL_PAD 8.0
#define MAX_CELLS 5

typedef struct
{
  GwItem *item;
  int     likelihood;   /* cell, 0 = rarest */
  int     severity;     /* cell, 0 = mildest */
  GwRect  chip;
  gboolean shown;       /* FALSE when the cell was too full */
} Entry;

struct _GwRiskMatrix
{
  int          cells;
  GArray      *entries;           /* Entry */
  guint        unrated;
  double       width, height;
  double       gx, gy, gw, gh;     /* the grid */
  guint        hidden[MAX_CELLS][MAX_CELLS];
  GwRect       more[MAX_CELLS][MAX_CELLS];
  gint64       selected;
  int          drop_likelihood;
  int          drop_severity;
  gboolean     laid_out;
};

static const char *likelihood_names_5[] = {
  N_("Rare"), N_("Unlikely"), N_("Possible"), N_("Likely"), N_("Almost certain"),
};
static const char *severity_names_5[] = {
  N_("Negligible"), N_("Minor"), N_("Moderate"), N_("Major"), N_("Severe"),
};
static const char *level_names_3[] = { N_("Low"), N_("Medium"), N_("High") };

/* Helpers */

static const char *
axis_name (GwRiskMatrix *matrix,
           gboolean      likelihood,
           int           cell)
{
  if (matrix->cells == 3)
    return _(level_names_3[cell]);
  return likelihood ? _(likelihood_names_5[cell]) : _(severity_names_5[cell]);
}

static void
cell_rect (GwRiskMatrix *matrix,
           int           likelihood,
           int           severity,
           GwRect       *rect)
{
  double cw = matrix->gw / matrix->cells;
  double ch = matrix->gh / matrix->cells;

  rect->x = matrix->gx + likelihood * cw;
  rect->y = matrix->gy + (matrix->cells - 1 - severity) * ch;
  rect->w = cw;
  rect->h = ch;
}

/* Green in the mild, unlikely corner to red in the severe, likely one. */
static GwColor
heat (const GwRenderPalette *palette,
      int                    likelihood,
      int                    severity,
      int                    cells)
{
  double t = (double) (likelihood + severity) / (2 * (cells - 1));
  const GwColor *green = &palette->status[GW_STATUS_DONE];
  const GwColor *yellow = &palette->priority[GW_PRIORITY_P2];
  const GwColor *red = &palette->priority[GW_PRIORITY_P0];

  if (t < 0.5)
    return gw_render_mix (green, yellow, t * 2);
  return gw_render_mix (yellow, red, (t - 0.5) * 2);
}

static void
show_text (cairo_t               *cr,
           const GwRenderPalette *palette,
           const char            *text,
           double                 size,
           gboolean               bold,
           const GwColor         *color,
           double                 x,
           double                 y,
           double                 x_align,
           double                 y_align,
           double                 max_width)
{
  g_autoptr(PangoLayout) layout = gw_render_text_layout (cr, palette, size, bold);
  double w, h;

  gw_render_text_set (layout, text, max_width);
  gw_render_text_size (layout, &w, &h);
  gw_render_set_color (cr, color, 1);
  cairo_move_to (cr, x - w * x_align, y - h * y_align);
  pango_cairo_show_layout (cr, layout);
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *ea = a, *eb = b;
  GwPriority pa = gw_item_get_priority (ea->item);
  GwPriority pb = gw_item_get_priority (eb->item);

  if (pa != pb)
    return pa < pb ? -1 : 1;
  return g_strcmp0 (gw_item_get_key (ea->item), gw_item_get_key (eb->item));
}

/* Flows the chips of each cell in rows, most urgent first; what does not
 * fit is counted in a "+N" chip. */
static void
place_chips (GwRiskMatrix          *matrix,
             cairo_t               *cr,
             const GwRenderPalette *palette)
{
  g_autoptr(PangoLayout) layout = gw_render_text_layout (cr, palette, CHIP_TEXT_SIZE, FALSE);
  double cursor_x[MAX_CELLS][MAX_CELLS], cursor_y[MAX_CELLS][MAX_CELLS];
  double chip_h = 0;

  gw_render_text_set (layout, "P0-001", -1);
  gw_render_text_size (layout, NULL, &chip_h);
  chip_h += 6;

  for (int l = 0; l < matrix->cells; l++)
    for (int s = 0; s < matrix->cells; s++)
      {
        GwRect r;

        cell_rect (matrix, l, s, &r);
        cursor_x[l][s] = r.x + CELL_PAD;
        cursor_y[l][s] = r.y + CELL_PAD + 16;   /* below the count */
        matrix->hidden[l][s] = 0;
        matrix->more[l][s] = (GwRect) { 0, 0, 0, 0 };
      }

  for (guint i = 0; i < matrix->entries->len; i++)
    {
      Entry *e = &g_array_index (matrix->entries, Entry, i);
      int l = e->likelihood, s = e->severity;
      double w;
      GwRect cell;

      cell_rect (matrix, l, s, &cell);
      gw_render_text_set (layout, gw_item_get_key (e->item), cell.w - 2 * CELL_PAD - 2 * CHIP_PAD_X - 10);
      gw_render_text_size (layout, &w, NULL);
      w += 2 * CHIP_PAD_X + 10;   /* the priority dot */

      if (cursor_x[l][s] + w > cell.x + cell.w - CELL_PAD && cursor_x[l][s] > cell.x + CELL_PAD)
        {
          cursor_x[l][s] = cell.x + CELL_PAD;
          cursor_y[l][s] += chip_h + CHIP_GAP;
        }
      /* Keep a row free for "+N" when more chips follow. */
      if (matrix->hidden[l][s] > 0 ||
          cursor_y[l][s] + 2 * chip_h + CHIP_GAP > cell.y + cell.h - CELL_PAD)
        {
          if (matrix->hidden[l][s] == 0 && cursor_y[l][s] + chip_h <= cell.y + cell.h - CELL_PAD)
            matrix->more[l][s] = (GwRect) { cursor_x[l][s], cursor_y[l][s], 40, chip_h };
          e->shown = FALSE;
          matrix->hidden[l][s]++;
          continue;
        }
      e->chip = (GwRect) { cursor_x[l][s], cursor_y[l][s], w, chip_h };
      e->shown = TRUE;
      cursor_x[l][s] += w + CHIP_GAP;
    }
}

/* Public API */

/**
 * gw_risk_matrix_new:
 * @items: (element-type GwItem): the items to show
 * @cells: 3 or 5 cells a side
 *
 * Returns: (transfer full): a matrix to lay out and draw
 */
GwRiskMatrix *
gw_risk_matrix_new (GPtrArray *items,
                    int        cells)
{
  GwRiskMatrix *matrix;

  g_return_val_if_fail (items != NULL, NULL);
  g_return_val_if_fail (cells == 3 || cells == 5, NULL);

  matrix = g_new0 (GwRiskMatrix, 1);
  matrix->cells = cells;
  matrix->entries = g_array_new (FALSE, TRUE, sizeof (Entry));
  matrix->drop_likelihood = -1;
  matrix->drop_severity = -1;

  for (guint i = 0; i < items->len; i++)
    {
      GwItem *item = g_ptr_array_index (items, i);
      double likelihood = gw_item_likelihood_pct (item);
      Entry e = { 0 };

      if (isnan (likelihood))
        {
          matrix->unrated++;
          continue;
        }
      e.item = g_object_ref (item);
      e.likelihood = gw_risk_cell_for_pct (likelihood, cells);
      e.severity = gw_risk_cell_for_pct (gw_impact_score (item), cells);
      g_array_append_val (matrix->entries, e);
    }
  g_array_sort (matrix->entries, compare_entries);
  return matrix;
}

void
gw_risk_matrix_free (GwRiskMatrix *matrix)
{
  if (matrix == NULL)
    return;
  for (guint i = 0; i < matrix->entries->len; i++)
    g_object_unref (g_array_index (matrix->entries, Entry, i).item);
  g_array_unref (matrix->entries);
  g_free (matrix);
}

int
gw_risk_matrix_get_cells (GwRiskMatrix *matrix)
{
  return matrix->cells;
}

void
gw_risk_matrix_layout (GwRiskMatrix          *matrix,
                       cairo_t               *cr,
                       const GwRenderPalette *palette,
                       double                 width,
                       double                 height)
{
  g_autoptr(PangoLayout) layout = gw_render_text_layout (cr, palette, AXIS_TEXT_SIZE, FALSE);
  double label_w = 0, w;

  g_return_if_fail (matrix != NULL);

  for (int c = 0; c < matrix->cells; c++)
    {
      gw_render_text_set (layout, axis_name (matrix, FALSE, c), -1);
      gw_render_text_size (layout, &w, NULL);
      label_w = MAX (label_w, w);
    }

  matrix->width = width;
  matrix->height = height;
  matrix->gx = 28 + label_w + 10;
  matrix->gy = 30;
  matrix->gw = MAX (width - matrix->gx - 16, 60);
  matrix->gh = MAX (height - matrix->gy - 50, 60);
  place_chips (matrix, cr, palette);
  matrix->laid_out = TRUE;
}

void
gw_risk_matrix_draw (GwRiskMatrix          *matrix,
                     cairo_t               *cr,
                     const GwRenderPalette *palette)
{
  g_autoptr(PangoLayout) chip_layout = NULL;
  g_autofree char *unrated = NULL;

  g_return_if_fail (matrix != NULL && matrix->laid_out);

  cairo_save (cr);
  gw_render_set_color (cr, &palette->background, 1);
  cairo_paint (cr);

  /* Cells and their counts. */
  for (int l = 0; l < matrix->cells; l++)
    for (int s = 0; s < matrix->cells; s++)
      {
        GwColor color = heat (palette, l, s, matrix->cells);
        guint count = gw_risk_matrix_count (matrix, l, s);
        GwRect r;

        cell_rect (matrix, l, s, &r);
        gw_render_set_color (cr, &color, l == matrix->drop_likelihood && s == matrix->drop_severity ? 0.55 : 0.22);
        cairo_rectangle (cr, r.x + 1, r.y + 1, r.w - 2, r.h - 2);
        cairo_fill (cr);
        if (count > 0)
          {
            g_autofree char *text = g_strdup_printf ("%u", count);

            show_text (cr, palette, text, AXIS_TEXT_SIZE, TRUE, &palette->muted,
                       r.x + r.w - CELL_PAD, r.y + 4, 1, 0, -1);
          }
      }
  if (matrix->drop_likelihood >= 0)
    {
      GwRect r;

      cell_rect (matrix, matrix->drop_likelihood, matrix->drop_severity, &r);
      gw_render_set_color (cr, &palette->accent, 1);
      cairo_set_line_width (cr, 2);
      cairo_rectangle (cr, r.x + 2, r.y + 2, r.w - 4, r.h - 4);
      cairo_stroke (cr);
    }

  /* Axes. */
  for (int c = 0; c < matrix->cells; c++)
    {
      GwRect r;

      cell_rect (matrix, c, 0, &r);
      show_text (cr, palette, axis_name (matrix, TRUE, c), AXIS_TEXT_SIZE, FALSE, &palette->muted,
                 r.x + r.w / 2, matrix->gy + matrix->gh + 6, 0.5, 0, r.w - 4);
      cell_rect (matrix, 0, c, &r);
      show_text (cr, palette, axis_name (matrix, FALSE, c), AXIS_TEXT_SIZE, FALSE, &palette->muted,
                 matrix->gx - 8, r.y + r.h / 2, 1, 0.5, -1);
    }
  show_text (cr, palette, _("Likelihood"), TITLE_TEXT_SIZE, FALSE, &palette->foreground,
             matrix->gx + matrix->gw / 2, matrix->height - 4, 0.5, 1, -1);
  cairo_save (cr);
  cairo_translate (cr, 4, matrix->gy + matrix->gh / 2);
  cairo_rotate (cr, -G_PI / 2);
  show_text (cr, palette, _("Severity"), TITLE_TEXT_SIZE, FALSE, &palette->foreground, 0, 0, 0.5, 0, -1);
  cairo_restore (cr);

  if (matrix->unrated > 0)
    {
      unrated = g_strdup_printf (ngettext ("%u item has no risk rating", "%u items have no risk rating",
                                           matrix->unrated), matrix->unrated);
      show_text (cr, palette, unrated, AXIS_TEXT_SIZE, FALSE, &palette->muted,
                 matrix->gx + matrix->gw, 8, 1, 0, -1);
    }

  /* Chips. */
  chip_layout = gw_render_text_layout (cr, palette, CHIP_TEXT_SIZE, FALSE);
  for (guint i = 0; i < matrix->entries->len; i++)
    {
      Entry *e = &g_array_index (matrix->entries, Entry, i);
      gboolean selected = gw_item_get_id (e->item) == matrix->selected && matrix->selected != 0;
      gboolean done = gw_item_get_status (e->item) == GW_STATUS_DONE;
      const GwRect *c = &e->chip;

      if (!e->shown)
        continue;
      gw_render_rounded_rectangle (cr, c->x, c->y, c->w, c->h, c->h / 2);
      gw_render_set_color (cr, &palette->surface, 1);
      cairo_fill_preserve (cr);
      gw_render_set_color (cr, selected ? &palette->accent : &palette->border, 1);
      cairo_set_line_width (cr, selected ? 2 : 1);
      cairo_stroke (cr);

      cairo_arc (cr, c->x + CHIP_PAD_X + 3, c->y + c->h / 2, 3.5, 0, 2 * G_PI);
      gw_render_set_color (cr, &palette->priority[gw_item_get_priority (e->item)], 1);
      cairo_fill (cr);

      gw_render_text_set (chip_layout, gw_item_get_key (e->item), c->w - 2 * CHIP_PAD_X - 10);
      gw_render_set_color (cr, done ? &palette->muted : &palette->foreground, 1);
      cairo_move_to (cr, c->x + CHIP_PAD_X + 10, c->y + 3);
      pango_cairo_show_layout (cr, chip_layout);
    }

  for (int l = 0; l < matrix->cells; l++)
    for (int s = 0; s < matrix->cells; s++)
      if (matrix->hidden[l][s] > 0 && matrix->more[l][s].w > 0)
        {
          g_autofree char *more = g_strdup_printf ("+%u", matrix->hidden[l][s]);

          show_text (cr, palette, more, CHIP_TEXT_SIZE, TRUE, &palette->muted,
                     matrix->more[l][s].x, matrix->more[l][s].y + 3, 0, 0, -1);
        }
  cairo_restore (cr);
}

void
gw_risk_matrix_set_selected (GwRiskMatrix *matrix,
                             gint64        item_id)
{
  matrix->selected = item_id;
}

/**
 * gw_risk_matrix_set_drop_cell:
 *
 * Highlights the cell an item is being dragged to; -1 for none.
 */
void
gw_risk_matrix_set_drop_cell (GwRiskMatrix *matrix,
                              int           likelihood,
                              int           severity)
{
  matrix->drop_likelihood = likelihood;
  matrix->drop_severity = severity;
}

/**
 * gw_risk_matrix_hit:
 *
 * Returns: (transfer none) (nullable): the item whose chip is at (@x, @y)
 */
GwItem *
gw_risk_matrix_hit (GwRiskMatrix *matrix,
                    double        x,
                    double        y)
{
  for (guint i = 0; i < matrix->entries->len; i++)
    {
      Entry *e = &g_array_index (matrix->entries, Entry, i);

      if (e->shown && x >= e->chip.x && x <= e->chip.x + e->chip.w &&
          y >= e->chip.y && y <= e->chip.y + e->chip.h)
        return e->item;
    }
  return NULL;
}

gboolean
gw_risk_matrix_cell_at (GwRiskMatrix *matrix,
                        double        x,
                        double        y,
                        int          *likelihood,
                        int          *severity)
{
  int l, s;

  if (x < matrix->gx || y < matrix->gy || x >= matrix->gx + matrix->gw || y >= matrix->gy + matrix->gh)
    return FALSE;
  l = (int) ((x - matrix->gx) / (matrix->gw / matrix->cells));
  s = matrix->cells - 1 - (int) ((y - matrix->gy) / (matrix->gh / matrix->cells));
  if (likelihood)
    *likelihood = CLAMP (l, 0, matrix->cells - 1);
  if (severity)
    *severity = CLAMP (s, 0, matrix->cells - 1);
  return TRUE;
}

void
gw_risk_matrix_get_cell_rect (GwRiskMatrix *matrix,
                              int           likelihood,
                              int           severity,
                              GwRect       *rect)
{
  cell_rect (matrix, likelihood, severity, rect);
}

gboolean
gw_risk_matrix_get_item_cell (GwRiskMatrix *matrix,
                              gint64        item_id,
                              int          *likelihood,
                              int          *severity)
{
  for (guint i = 0; i < matrix->entries->len; i++)
    {
      Entry *e = &g_array_index (matrix->entries, Entry, i);

      if (gw_item_get_id (e->item) == item_id)
        {
          if (likelihood)
            *likelihood = e->likelihood;
          if (severity)
            *severity = e->severity;
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
gw_risk_matrix_get_chip (GwRiskMatrix *matrix,
                         gint64        item_id,
                         GwRect       *rect)
{
  for (guint i = 0; i < matrix->entries->len; i++)
    {
      Entry *e = &g_array_index (matrix->entries, Entry, i);

      if (gw_item_get_id (e->item) == item_id && e->shown)
        {
          if (rect)
            *rect = e->chip;
          return TRUE;
        }
    }
  return FALSE;
}

guint
gw_risk_matrix_count (GwRiskMatrix *matrix,
                      int           likelihood,
                      int           severity)
{
  guint n = 0;

  for (guint i = 0; i < matrix->entries->len; i++)
    {
      Entry *e = &g_array_index (matrix->entries, Entry, i);

      n += e->likelihood == likelihood && e->severity == severity;
    }
  return n;
}

guint
gw_risk_matrix_count_unrated (GwRiskMatrix *matrix)
{
  return matrix->unrated;
}
