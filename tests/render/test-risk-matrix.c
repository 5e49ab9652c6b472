/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>

#include "gw-risk-matrix.h"
#include "gw-scoring.h"

static GwItem *
rated (gint64      id,
       const char *key,
       const char *risk_pct,
       const char *impact)
{
  GwItem *item = gw_item_new (key, key);

  gw_item_set_id (item, id);
  if (risk_pct != NULL)
    g_assert_true (gw_item_set_field_text (item, GW_FIELD_IMPL_RISK_PCT, risk_pct, NULL, NULL));
  g_assert_true (gw_item_set_field_text (item, GW_FIELD_IMPACT, impact, NULL, NULL));
  return item;
}

static GwRiskMatrix *
laid_out (GPtrArray       *items,
          int              cells,
          cairo_surface_t **surface)
{
  GwRiskMatrix *matrix = gw_risk_matrix_new (items, cells);
  cairo_t *cr;

  *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 900, 600);
  cr = cairo_create (*surface);
  gw_risk_matrix_layout (matrix, cr, gw_render_palette_light (), 900, 600);
  gw_risk_matrix_draw (matrix, cr, gw_render_palette_light ());
  cairo_destroy (cr);
  return matrix;
}

static void
test_cells_and_counts (void)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  cairo_surface_t *surface;
  g_autoptr(GwRiskMatrix) matrix = NULL;
  GwRect cell, chip;
  int l, s;

  g_ptr_array_add (items, rated (1, "A", "90", "95"));   /* almost certain, severe */
  g_ptr_array_add (items, rated (2, "B", "85", "90"));
  g_ptr_array_add (items, rated (3, "C", "10", "10"));   /* rare, negligible */
  g_ptr_array_add (items, rated (4, "D", NULL, "50"));   /* no risk rating */
  g_ptr_array_add (items, rated (5, "E", "50", "50"));
  matrix = laid_out (items, 5, &surface);

  g_assert_cmpuint (gw_risk_matrix_count (matrix, 4, 4), ==, 2);
  g_assert_cmpuint (gw_risk_matrix_count (matrix, 0, 0), ==, 1);
  g_assert_cmpuint (gw_risk_matrix_count (matrix, 2, 2), ==, 1);
  g_assert_cmpuint (gw_risk_matrix_count_unrated (matrix), ==, 1);
  g_assert_false (gw_risk_matrix_get_item_cell (matrix, 4, NULL, NULL));

  /* The chip of A lies in the top right cell and hit-tests to A. */
  g_assert_true (gw_risk_matrix_get_chip (matrix, 1, &chip));
  gw_risk_matrix_get_cell_rect (matrix, 4, 4, &cell);
  g_assert_cmpfloat (chip.x, >=, cell.x);
  g_assert_cmpfloat (chip.y, >=, cell.y);
  g_assert_cmpfloat (chip.x + chip.w, <=, cell.x + cell.w);
  g_assert_cmpfloat (chip.y + chip.h, <=, cell.y + cell.h);
  g_assert_true (gw_risk_matrix_hit (matrix, chip.x + chip.w / 2, chip.y + chip.h / 2) == g_ptr_array_index (items, 0));

  /* Rare and negligible is bottom left. */
  gw_risk_matrix_get_cell_rect (matrix, 0, 0, &cell);
  g_assert_true (gw_risk_matrix_cell_at (matrix, cell.x + 3, cell.y + cell.h - 3, &l, &s));
  g_assert_cmpint (l, ==, 0);
  g_assert_cmpint (s, ==, 0);
  g_assert_false (gw_risk_matrix_cell_at (matrix, 2, 2, NULL, NULL));
  cairo_surface_destroy (surface);
}

/* Dropping an item into a cell and laying the matrix out again puts it
 * there: what the view does on a drag. */
static void
test_drop_rerates (void)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  cairo_surface_t *surface;
  GwRiskMatrix *matrix;
  int l, s;

  g_ptr_array_add (items, rated (1, "A", "90", "95"));
  for (int cells = 3; cells <= 5; cells += 2)
    for (int tl = 0; tl < cells; tl++)
      for (int ts = 0; ts < cells; ts++)
        {
          gw_item_set_risk_cell (g_ptr_array_index (items, 0), tl, ts, cells);
          matrix = laid_out (items, cells, &surface);
          g_assert_true (gw_risk_matrix_get_item_cell (matrix, 1, &l, &s));
          g_assert_cmpint (l, ==, tl);
          g_assert_cmpint (s, ==, ts);
          gw_risk_matrix_free (matrix);
          cairo_surface_destroy (surface);
        }
}

static void
test_full_cell_counts_the_rest (void)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  cairo_surface_t *surface;
  g_autoptr(GwRiskMatrix) matrix = NULL;
  guint shown = 0;

  for (int i = 0; i < 80; i++)
    {
      g_autofree char *key = g_strdup_printf ("P1-%03d", i);

      g_ptr_array_add (items, rated (i + 1, key, "90", "90"));
    }
  matrix = laid_out (items, 5, &surface);
  g_assert_cmpuint (gw_risk_matrix_count (matrix, 4, 4), ==, 80);
  for (int i = 0; i < 80; i++)
    {
      GwRect chip, cell;

      if (!gw_risk_matrix_get_chip (matrix, i + 1, &chip))
        continue;
      shown++;
      gw_risk_matrix_get_cell_rect (matrix, 4, 4, &cell);
      g_assert_cmpfloat (chip.y + chip.h, <=, cell.y + cell.h);
    }
  g_assert_cmpuint (shown, >, 0);
  g_assert_cmpuint (shown, <, 80);
  cairo_surface_destroy (surface);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/risk-matrix/cells-and-counts", test_cells_and_counts);
  g_test_add_func ("/risk-matrix/drop-rerates", test_drop_rerates);
  g_test_add_func ("/risk-matrix/full-cell-counts-the-rest", test_full_cell_counts_the_rest);

  return g_test_run ();
}
