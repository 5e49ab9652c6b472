/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <glib/gstdio.h>
#include <string.h>

#include "gw-quadrant.h"

static GwItem *
make_item (gint64      id,
           const char *key,
           const char *priority,
           double      effort,
           int         impact)
{
  GwItem *item = gw_item_new (key, key);
  g_autofree char *hours = g_strdup_printf ("%.2f", effort);
  g_autofree char *score = g_strdup_printf ("%d", impact);

  gw_item_set_id (item, id);
  g_assert_true (gw_item_set_field_text (item, GW_FIELD_PRIORITY, priority, NULL, NULL));
  g_assert_true (gw_item_set_field_text (item, GW_FIELD_EFFORT_HOURS, hours, NULL, NULL));
  g_assert_true (gw_item_set_field_text (item, GW_FIELD_IMPACT, score, NULL, NULL));
  return item;
}

static GPtrArray *
random_items (guint   n,
              guint32 seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);
  static const char *priorities[] = { "P0", "P1", "P2", "P3" };

  for (guint i = 0; i < n; i++)
    {
      const char *p = priorities[g_rand_int_range (rand, 0, 4)];
      g_autofree char *key = g_strdup_printf ("%s-%03u", p, i + 1);

      g_ptr_array_add (items, make_item (i + 1, key, p, exp (g_rand_double_range (rand, log (2), log (80))),
                                         g_rand_int_range (rand, 0, 101)));
    }
  return items;
}

typedef struct
{
  cairo_surface_t *surface;
  cairo_t         *cr;
} Canvas;

static void
canvas_init (Canvas *c,
             int     width,
             int     height)
{
  c->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  c->cr = cairo_create (c->surface);
}

static void
canvas_clear (Canvas *c)
{
  cairo_destroy (c->cr);
  cairo_surface_destroy (c->surface);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Canvas, canvas_clear)

static void
pixel_at (cairo_surface_t *surface,
          int              x,
          int              y,
          double          *r,
          double          *g,
          double          *b)
{
  guint32 *row;
  guint32 px;

  cairo_surface_flush (surface);
  row = (guint32 *) (cairo_image_surface_get_data (surface) + y * cairo_image_surface_get_stride (surface));
  px = row[x];
  *r = (px >> 16 & 0xff) / 255.0;
  *g = (px >> 8 & 0xff) / 255.0;
  *b = (px & 0xff) / 255.0;
}

/* The pointer can move over a chart rebuilt since the last frame: before
 * its layout nothing is hit, and nothing complains. */
static void
test_hit_before_layout (void)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GwQuadrantChart) chart = NULL;
  GwQuadrantOptions options;

  g_ptr_array_add (items, make_item (1, "P0-001", "P0", 16, 50));
  gw_quadrant_options_init (&options);
  chart = gw_quadrant_chart_new (items, &options);
  g_assert_null (gw_quadrant_chart_hit (chart, 0, 0));
  g_assert_null (gw_quadrant_chart_hit (chart, 500, 300));
  g_assert_cmpint (gw_quadrant_chart_hit_handle (chart, 0, 0), ==, GW_QUADRANT_HANDLE_NONE);
}

/* An item at the thresholds sits on the lines; markers land where the
 * axes say, are drawn in their priority's colour and hit-test back. */
static void
test_placement_and_hits (void)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  const GwRenderPalette *palette = gw_render_palette_light ();
  g_auto(Canvas) canvas = { 0 };
  g_autoptr(GwQuadrantChart) chart = NULL;
  GwQuadrantOptions options;
  double x, y, r, tx, ty, effort, impact, red, green, blue;
  double px, py, pw, ph;

  g_ptr_array_add (items, make_item (1, "P0-001", "P0", 16, 50));
  g_ptr_array_add (items, make_item (2, "P3-002", "P3", 4, 90));
  g_ptr_array_add (items, make_item (3, "P1-003", "P1", 60, 10));
  gw_quadrant_options_init (&options);
  canvas_init (&canvas, 1000, 600);
  chart = gw_quadrant_chart_new (items, &options);
  gw_quadrant_chart_layout (chart, canvas.cr, palette, 1000, 600);
  gw_quadrant_chart_draw (chart, canvas.cr, palette);

  gw_quadrant_chart_from_data (chart, 16, 50, &tx, &ty);
  g_assert_true (gw_quadrant_chart_get_marker (chart, 1, &x, &y, &r));
  g_assert_cmpfloat_with_epsilon (x, tx, 1e-9);
  g_assert_cmpfloat_with_epsilon (y, ty, 1e-9);
  g_assert_cmpint (gw_quadrant_chart_hit_handle (chart, tx, ty - 100), ==, GW_QUADRANT_HANDLE_EFFORT);
  g_assert_cmpint (gw_quadrant_chart_hit_handle (chart, tx + 100, ty + 1), ==, GW_QUADRANT_HANDLE_IMPACT);

  /* Quick win top left, thankless bottom right. */
  gw_quadrant_chart_get_plot_area (chart, &px, &py, &pw, &ph);
  g_assert_true (gw_quadrant_chart_get_marker (chart, 2, &x, &y, &r));
  g_assert_cmpfloat (x, <, tx);
  g_assert_cmpfloat (y, <, ty);
  g_assert_true (gw_quadrant_chart_hit (chart, x, y) == g_ptr_array_index (items, 1));
  g_assert_true (gw_quadrant_chart_hit (chart, x + r + 1, y) == g_ptr_array_index (items, 1));
  pixel_at (canvas.surface, (int) x, (int) y, &red, &green, &blue);
  g_assert_cmpfloat_with_epsilon (red, palette->priority[GW_PRIORITY_P3].red, 0.02);
  g_assert_cmpfloat_with_epsilon (green, palette->priority[GW_PRIORITY_P3].green, 0.02);
  g_assert_cmpfloat_with_epsilon (blue, palette->priority[GW_PRIORITY_P3].blue, 0.02);

  g_assert_true (gw_quadrant_chart_get_marker (chart, 3, &x, &y, &r));
  g_assert_cmpfloat (x, >, tx);
  g_assert_cmpfloat (y, >, ty);
  pixel_at (canvas.surface, (int) x, (int) y, &red, &green, &blue);
  g_assert_cmpfloat_with_epsilon (red, palette->priority[GW_PRIORITY_P1].red, 0.02);

  /* Nothing where there is no marker; the pixel mapping inverts. */
  g_assert_null (gw_quadrant_chart_hit (chart, px + pw - 2, py + 2));
  g_assert_true (gw_quadrant_chart_to_data (chart, x, y, &effort, &impact));
  g_assert_cmpfloat_with_epsilon (effort, 60, 1e-6);
  g_assert_cmpfloat_with_epsilon (impact, 10, 1e-6);
  g_assert_false (gw_quadrant_chart_to_data (chart, px - 10, py, NULL, NULL));
}

static void
test_log_axis (void)
{
  g_autoptr(GPtrArray) items = random_items (40, 7);
  g_auto(Canvas) canvas = { 0 };
  g_autoptr(GwQuadrantChart) chart = NULL;
  GwQuadrantOptions options;
  double x4, x8, x16, effort;

  gw_quadrant_options_init (&options);
  options.log_effort = TRUE;
  canvas_init (&canvas, 800, 500);
  chart = gw_quadrant_chart_new (items, &options);
  gw_quadrant_chart_layout (chart, canvas.cr, gw_render_palette_dark (), 800, 500);
  gw_quadrant_chart_draw (chart, canvas.cr, gw_render_palette_dark ());
  gw_quadrant_chart_from_data (chart, 4, 50, &x4, NULL);
  gw_quadrant_chart_from_data (chart, 8, 50, &x8, NULL);
  gw_quadrant_chart_from_data (chart, 16, 50, &x16, NULL);
  /* Doubling the effort is the same step anywhere on the axis. */
  g_assert_cmpfloat_with_epsilon (x8 - x4, x16 - x8, 1e-6);
  gw_quadrant_chart_to_data (chart, x8, 100, &effort, NULL);
  g_assert_cmpfloat_with_epsilon (effort, 8, 1e-6);
}

/* The label invariant of the issue: on 300 items no two labels overlap
 * and no label covers a marker. */
static void
test_labels_on_three_hundred_items (void)
{
  g_autoptr(GPtrArray) items = random_items (300, 42);
  g_auto(Canvas) canvas = { 0 };
  g_autoptr(GwQuadrantChart) chart = NULL;
  GwQuadrantOptions options;
  guint placed = 0;

  gw_quadrant_options_init (&options);
  options.log_effort = TRUE;
  canvas_init (&canvas, 1920, 1080);
  chart = gw_quadrant_chart_new (items, &options);
  gw_quadrant_chart_layout (chart, canvas.cr, gw_render_palette_light (), 1920, 1080);

  for (guint i = 0; i < items->len; i++)
    {
      GwRect a;

      if (!gw_quadrant_chart_get_label (chart, i + 1, &a))
        continue;
      placed++;
      for (guint j = 0; j < items->len; j++)
        {
          GwRect b;
          GwCircle m;

          g_assert_true (gw_quadrant_chart_get_marker (chart, j + 1, &m.x, &m.y, &m.r));
          g_assert_false (gw_rect_hits_circle (&a, &m));
          if (j != i && gw_quadrant_chart_get_label (chart, j + 1, &b))
            g_assert_false (gw_rects_overlap (&a, &b));
        }
    }
  g_test_message ("%u of 300 labels placed", placed);
  g_assert_cmpuint (placed + gw_quadrant_chart_count_hidden_labels (chart), ==, 300);
  g_assert_cmpuint (placed, >=, 290);
}

static void
test_thresholds_move_lines (void)
{
  g_autoptr(GPtrArray) items = random_items (10, 3);
  g_auto(Canvas) canvas = { 0 };
  g_autoptr(GwQuadrantChart) chart = NULL;
  GwQuadrantOptions options;
  double before, after, top;

  gw_quadrant_options_init (&options);
  canvas_init (&canvas, 800, 500);
  chart = gw_quadrant_chart_new (items, &options);
  gw_quadrant_chart_layout (chart, canvas.cr, gw_render_palette_light (), 800, 500);
  /* Near the top of the plot, far from the impact line. */
  gw_quadrant_chart_from_data (chart, 1, 98, NULL, &top);
  gw_quadrant_chart_from_data (chart, 16, 50, &before, NULL);
  g_assert_cmpint (gw_quadrant_chart_hit_handle (chart, before, top), ==, GW_QUADRANT_HANDLE_EFFORT);
  gw_quadrant_chart_set_thresholds (chart, 24, 60);
  gw_quadrant_chart_layout (chart, canvas.cr, gw_render_palette_light (), 800, 500);
  gw_quadrant_chart_from_data (chart, 24, 60, &after, NULL);
  g_assert_cmpfloat (after, >, before);
  g_assert_cmpint (gw_quadrant_chart_hit_handle (chart, before, top), ==, GW_QUADRANT_HANDLE_NONE);
  g_assert_cmpint (gw_quadrant_chart_hit_handle (chart, after, top), ==, GW_QUADRANT_HANDLE_EFFORT);
  g_assert_cmpfloat (gw_quadrant_chart_get_options (chart)->scoring.impact_threshold, ==, 60);
}

static void
draw_for_file (cairo_t  *cr,
               gpointer  data)
{
  GPtrArray *items = data;
  g_autoptr(GwQuadrantChart) chart = NULL;
  GwQuadrantOptions options;

  gw_quadrant_options_init (&options);
  options.color_by = GW_COLOR_BY_CATEGORY;
  chart = gw_quadrant_chart_new (items, &options);
  gw_quadrant_chart_layout (chart, cr, gw_render_palette_light (), 900, 600);
  gw_quadrant_chart_draw (chart, cr, gw_render_palette_light ());
}

/* Like strstr, through the NUL bytes of binary data. */
static gboolean
contains (const char *data,
          gsize       len,
          const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= len; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

static void
test_files (void)
{
  static const struct { const char *name; const char *magic; gsize len; } files[] = {
    { "q.png", "\x89PNG\r\n\x1a\n", 8 }, { "q.svg", "<?xml", 5 }, { "q.pdf", "%PDF-", 5 },
  };
  g_autoptr(GPtrArray) items = random_items (30, 9);
  g_autofree char *dir = g_dir_make_tmp ("gapwise-quadrant-XXXXXX", NULL);

  for (guint i = 0; i < items->len; i++)
    gw_item_set_field_text (g_ptr_array_index (items, i), GW_FIELD_CATEGORY, i % 2 ? "Security" : "Testing",
                            NULL, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (dir, files[i].name, NULL);
      g_autoptr(GError) error = NULL;
      g_autofree char *data = NULL;
      gsize len;

      g_assert_true (gw_render_write_file (path, 900, 600, 900, 600, gw_render_palette_light (),
                                           draw_for_file, items, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &data, &len, NULL));
      g_assert_cmpuint (len, >, 1000);
      g_assert_cmpint (memcmp (data, files[i].magic, files[i].len), ==, 0);
      if (g_str_has_suffix (files[i].name, ".pdf"))
        g_assert_true (contains (data, len, "/Count 1"));
      if (g_str_has_suffix (files[i].name, ".svg"))
        g_assert_nonnull (g_strstr_len (data, len, "<svg"));
      g_unlink (path);
    }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/quadrant/placement-and-hits", test_placement_and_hits);
  g_test_add_func ("/quadrant/hit-before-layout", test_hit_before_layout);
  g_test_add_func ("/quadrant/log-axis", test_log_axis);
  g_test_add_func ("/quadrant/labels-on-300-items", test_labels_on_three_hundred_items);
  g_test_add_func ("/quadrant/thresholds-move-lines", test_thresholds_move_lines);
  g_test_add_func ("/quadrant/files", test_files);

  return g_test_run ();
}
