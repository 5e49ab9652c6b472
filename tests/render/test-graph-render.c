/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "gw-graph-render.h"
#include "gw-item.h"
#include "gw-store.h"

/* A small register:  A -> B -> D, A -> C -> D, C -> E; B done, E in M2. */
static GPtrArray *
make_items (void)
{
  static const struct { const char *key, *title, *deps, *milestone; GwPriority p; GwStatus s; } rows[] = {
    { "A-1", "Enable row-level security on every table", NULL, "M1", GW_PRIORITY_P0, GW_STATUS_TODO },
    { "B-2", "Rotate keys", "A-1", "M1", GW_PRIORITY_P1, GW_STATUS_DONE },
    { "C-3", "Add audit triggers", "A-1", "M1", GW_PRIORITY_P2, GW_STATUS_IN_PROGRESS },
    { "D-4", "Load-test the billing API", "B-2;C-3", "M1", GW_PRIORITY_P3, GW_STATUS_TODO },
    { "E-5", "Write the runbook", "C-3", "M2", GW_PRIORITY_P2, GW_STATUS_BLOCKED },
  };
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(GError) error = NULL;
      GwItem *item = gw_item_new (rows[i].key, rows[i].title);

      gw_item_set_priority (item, rows[i].p);
      gw_item_set_status (item, rows[i].s);
      g_assert_true (gw_item_set_field_text (item, GW_FIELD_MILESTONE, rows[i].milestone, NULL, &error));
      if (rows[i].deps != NULL)
        g_assert_true (gw_item_set_field_text (item, GW_FIELD_DEPENDS_ON, rows[i].deps, NULL, &error));
      g_assert_no_error (error);
      g_ptr_array_add (items, item);
    }
  return items;
}

static GPtrArray *
make_milestones (void)
{
  GPtrArray *milestones = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_milestone_free);

  g_ptr_array_add (milestones, gw_milestone_new ("M1", "Foundation"));
  g_ptr_array_add (milestones, gw_milestone_new ("M2", "Launch"));
  return milestones;
}

static cairo_surface_t *
draw_to_image (GwGraphRender     *render,
               const GwGraphView *view)
{
  double width, height;
  cairo_surface_t *surface;
  cairo_t *cr;

  gw_graph_render_get_size (render, &width, &height);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) ceil (width), (int) ceil (height));
  cr = cairo_create (surface);
  gw_render_set_color (cr, &view->palette->background, 1);
  cairo_paint (cr);
  gw_graph_render_draw (render, cr, view);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static guint32
pixel (cairo_surface_t *surface,
       int              x,
       int              y)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  return *(const guint32 *) (const void *) (data + y * stride + x * 4) & 0xffffff;
}

static guint32
rgb (const GwColor *c)
{
  return ((guint32) lround (c->red * 255) << 16) | ((guint32) lround (c->green * 255) << 8) | (guint32) lround (c->blue * 255);
}

/* Whether a pixel within 2 of (x, y) has exactly the colour: edges of
 * shapes at fractional positions are antialiased. */
static gboolean
color_near (cairo_surface_t *surface,
            double           x,
            double           y,
            guint32          color)
{
  for (int j = (int) floor (y) - 2; j <= (int) floor (y) + 2; j++)
    for (int i = (int) floor (x) - 2; i <= (int) floor (x) + 2; i++)
      if (i >= 0 && j >= 0 && i < cairo_image_surface_get_width (surface) &&
          j < cairo_image_surface_get_height (surface) && pixel (surface, i, j) == color)
        return TRUE;
  return FALSE;
}

/* Share of the pixels of a rectangle that differ from @background. */
static double
ink (cairo_surface_t *surface,
     double           x,
     double           y,
     double           w,
     double           h,
     guint32          background)
{
  guint inked = 0, total = 0;

  for (int j = (int) ceil (y); j < (int) floor (y + h); j++)
    for (int i = (int) ceil (x); i < (int) floor (x + w); i++)
      {
        total++;
        inked += pixel (surface, i, j) != background;
      }
  return total > 0 ? (double) inked / total : 0;
}

/* Tests */

static void
test_ink_where_nodes_are (void)
{
  g_autoptr(GPtrArray) items = make_items ();
  g_autoptr(GwGraphRender) render = gw_graph_render_new (items, NULL, NULL);
  GwGraphView view;
  cairo_surface_t *surface;
  guint32 background;
  double width, height;

  gw_graph_view_init (&view, gw_render_palette_light ());
  surface = draw_to_image (render, &view);
  background = rgb (&view.palette->background);
  gw_graph_render_get_size (render, &width, &height);

  for (guint i = 0; i < items->len; i++)
    {
      double x, y, w, h;

      g_assert_true (gw_graph_render_get_node_rect (render, gw_item_get_key (g_ptr_array_index (items, i)),
                                                    &x, &y, &w, &h));
      g_assert_cmpfloat (w, ==, GW_GRAPH_RENDER_NODE_WIDTH);
      g_assert_cmpfloat (h, ==, GW_GRAPH_RENDER_NODE_HEIGHT);
      g_assert_cmpfloat (x, >=, 0);
      g_assert_cmpfloat (y, >=, 0);
      g_assert_cmpfloat (x + w, <=, width);
      g_assert_cmpfloat (y + h, <=, height);
      /* The box is filled, not the background. */
      g_assert_cmpfloat (ink (surface, x, y, w, h, background), >, 0.9);
    }
  /* The margin stays empty. */
  g_assert_cmpfloat (ink (surface, 0, 0, width, 10, background), ==, 0);
  g_assert_cmpfloat (ink (surface, 0, height - 10, width, 10, background), ==, 0);
  g_assert_false (gw_graph_render_get_node_rect (render, "nope", NULL, NULL, NULL, NULL));
  cairo_surface_destroy (surface);
}

static void
test_priority_and_status (void)
{
  g_autoptr(GPtrArray) items = make_items ();
  g_autoptr(GwGraphRender) render = gw_graph_render_new (items, NULL, NULL);
  g_autoptr(GHashTable) highlight = g_hash_table_new (g_str_hash, g_str_equal);
  GwGraphView view;
  cairo_surface_t *surface;
  const GwRenderPalette *palette = gw_render_palette_light ();
  double x, y, w, h;

  g_hash_table_add (highlight, (gpointer) "A-1");
  gw_graph_view_init (&view, palette);
  view.highlight = highlight;
  view.selected = "C-3";
  surface = draw_to_image (render, &view);

  /* The stripe on the left of A-1 is P0's colour; its border is the
   * highlight's; C-3's border is the selection's. */
  gw_graph_render_get_node_rect (render, "A-1", &x, &y, &w, &h);
  g_assert_true (color_near (surface, x + 3, y + h / 2, rgb (&palette->priority[GW_PRIORITY_P0])));
  g_assert_true (color_near (surface, x + w / 2, y + 1, rgb (&palette->highlight)));
  g_assert_false (color_near (surface, x + w / 2, y + 1, rgb (&palette->accent)));
  gw_graph_render_get_node_rect (render, "C-3", &x, &y, &w, &h);
  g_assert_true (color_near (surface, x + w / 2, y + 1, rgb (&palette->accent)));
  g_assert_false (color_near (surface, x + w / 2, y + 1, rgb (&palette->highlight)));
  /* A done item is muted: its fill is not the fill of a todo item. */
  {
    double bx, by, bw, bh, dx, dy, dw, dh;

    gw_graph_render_get_node_rect (render, "B-2", &bx, &by, &bw, &bh);
    gw_graph_render_get_node_rect (render, "D-4", &dx, &dy, &dw, &dh);
    g_assert_cmphex (pixel (surface, (int) (bx + bw - 40), (int) (by + bh - 4)), !=,
                     pixel (surface, (int) (dx + dw - 40), (int) (dy + dh - 4)));
  }
  cairo_surface_destroy (surface);
}

static void
test_focus_dims_the_rest (void)
{
  g_autoptr(GPtrArray) items = make_items ();
  g_autoptr(GwGraphRender) render = gw_graph_render_new (items, NULL, NULL);
  g_autoptr(GHashTable) up = gw_graph_render_collect_focus (render, "D-4", GW_GRAPH_FOCUS_UPSTREAM);
  g_autoptr(GHashTable) down = gw_graph_render_collect_focus (render, "C-3", GW_GRAPH_FOCUS_DOWNSTREAM);
  g_autoptr(GHashTable) both = gw_graph_render_collect_focus (render, "B-2", GW_GRAPH_FOCUS_BOTH);
  GwGraphView view;
  cairo_surface_t *plain, *focused;
  double x, y, w, h;

  g_assert_cmpuint (g_hash_table_size (up), ==, 4);     /* D-4, B-2, C-3, A-1 */
  g_assert_false (g_hash_table_contains (up, "E-5"));
  g_assert_cmpuint (g_hash_table_size (down), ==, 3);   /* C-3, D-4, E-5 */
  g_assert_true (g_hash_table_contains (down, "E-5"));
  g_assert_false (g_hash_table_contains (down, "A-1"));
  g_assert_cmpuint (g_hash_table_size (both), ==, 3);   /* A-1, B-2, D-4 */

  gw_graph_view_init (&view, gw_render_palette_light ());
  plain = draw_to_image (render, &view);
  view.focus = "C-3";
  view.focus_kind = GW_GRAPH_FOCUS_DOWNSTREAM;
  focused = draw_to_image (render, &view);

  /* B-2 is outside C-3's downstream: drawn fainter; E-5 is inside: as before. */
  gw_graph_render_get_node_rect (render, "B-2", &x, &y, &w, &h);
  g_assert_cmphex (pixel (plain, (int) x + 2, (int) (y + h / 2)), !=, pixel (focused, (int) x + 2, (int) (y + h / 2)));
  gw_graph_render_get_node_rect (render, "E-5", &x, &y, &w, &h);
  g_assert_cmphex (pixel (plain, (int) x + 2, (int) (y + h / 2)), ==, pixel (focused, (int) x + 2, (int) (y + h / 2)));
  cairo_surface_destroy (plain);
  cairo_surface_destroy (focused);
}

static void
test_hit_testing (void)
{
  g_autoptr(GPtrArray) items = make_items ();
  g_autoptr(GwGraphRender) render = gw_graph_render_new (items, NULL, NULL);
  GwGraphLayout *layout = gw_graph_render_get_layout (render);
  double x, y, w, h, width, height, ox, oy;
  const char *tail = NULL, *head = NULL;
  const GwGraphPoint *p;
  guint n;

  for (guint i = 0; i < items->len; i++)
    {
      const char *key = gw_item_get_key (g_ptr_array_index (items, i));

      gw_graph_render_get_node_rect (render, key, &x, &y, &w, &h);
      g_assert_cmpstr (gw_graph_render_node_at (render, x + w / 2, y + h / 2), ==, key);
      g_assert_cmpstr (gw_graph_render_node_at (render, x + 1, y + 1), ==, key);
      g_assert_null (gw_graph_render_node_at (render, x - 1, y - 1));
    }
  gw_graph_render_get_size (render, &width, &height);
  g_assert_null (gw_graph_render_node_at (render, 2, 2));
  g_assert_null (gw_graph_render_node_at (render, width + 50, height / 2));

  /* The middle of each edge's curve finds that edge; edge 3 is C-3 -> D-4. */
  {
    GwGraphNodePlace a;

    gw_graph_render_get_node_rect (render, "A-1", &x, &y, NULL, NULL);
    gw_graph_layout_get_node (layout, 0, &a);
    ox = x - (a.x - a.width / 2);
    oy = y - (a.y - a.height / 2);
  }
  for (guint e = 0; e < gw_graph_layout_get_n_edges (layout); e++)
    {
      static const char *tails[] = { "A-1", "A-1", "B-2", "C-3", "C-3" };
      static const char *heads[] = { "B-2", "C-3", "D-4", "D-4", "E-5" };
      double mx, my;

      p = gw_graph_layout_get_edge_points (layout, e, &n);
      /* The midpoint of the first piece: B(1/2) = (P0 + 3 P1 + 3 P2 + P3) / 8. */
      mx = (p[0].x + 3 * p[1].x + 3 * p[2].x + p[3].x) / 8 + ox;
      my = (p[0].y + 3 * p[1].y + 3 * p[2].y + p[3].y) / 8 + oy;
      g_assert_true (gw_graph_render_edge_at (render, mx, my, 3, &tail, &head));
      g_assert_cmpstr (tail, ==, tails[e]);
      g_assert_cmpstr (head, ==, heads[e]);
      /* Well off the curve, nothing within 3 units. */
      g_assert_false (gw_graph_render_edge_at (render, 2, 2, 3, NULL, NULL));
    }
}

static void
test_bands (void)
{
  g_autoptr(GPtrArray) items = make_items ();
  g_autoptr(GPtrArray) milestones = make_milestones ();
  g_autoptr(GwGraphRender) render = NULL;
  GwGraphLayoutOptions options;
  GwGraphView view;
  cairo_surface_t *surface;
  double m1_y, m2_y, h;

  gw_graph_layout_options_init (&options);
  options.bands = TRUE;
  render = gw_graph_render_new (items, milestones, &options);
  gw_graph_view_init (&view, gw_render_palette_light ());
  surface = draw_to_image (render, &view);

  /* M2's item lies below M1's; the gutter on the left shows the bands'
   * colours in turn at those heights. */
  gw_graph_render_get_node_rect (render, "D-4", NULL, &m1_y, NULL, &h);
  gw_graph_render_get_node_rect (render, "E-5", NULL, &m2_y, NULL, NULL);
  g_assert_cmpfloat (m2_y, >, m1_y + h);
  g_assert_cmphex (pixel (surface, 4, (int) (m1_y + h / 2)), ==, rgb (&view.palette->band[0]));
  g_assert_cmphex (pixel (surface, 4, (int) (m2_y + h / 2)), ==, rgb (&view.palette->band[1]));
  /* Labels: ink in the gutter near each band's top. */
  g_assert_cmpfloat (ink (surface, 8, m2_y - 30, 100, 24, rgb (&view.palette->band[1])), >, 0);
  cairo_surface_destroy (surface);

  /* Without milestones, no bands even when asked for. */
  {
    g_autoptr(GwGraphRender) plain = gw_graph_render_new (items, NULL, NULL);
    double w1, w2;

    gw_graph_render_get_size (plain, &w1, NULL);
    gw_graph_render_get_size (render, &w2, NULL);
    g_assert_cmpfloat (w2, >, w1);   /* the gutter for labels */
  }
}

/* An edit laid out from the graph before it: the items that were there
 * stay where they were. */
static void
test_incremental (void)
{
  g_autoptr(GPtrArray) items = make_items ();
  g_autoptr(GwGraphRender) before = gw_graph_render_new (items, NULL, NULL);
  g_autoptr(GwGraphRender) after = NULL;
  g_autoptr(GwGraphRender) afresh = NULL;
  g_autoptr(GError) error = NULL;
  GwItem *f = gw_item_new ("F-6", "Sign off the release");

  g_assert_true (gw_item_set_field_text (f, GW_FIELD_DEPENDS_ON, "E-5;B-2", NULL, &error));
  g_ptr_array_add (items, f);
  gw_item_add_dependency (g_ptr_array_index (items, 3), "A-1", 0);   /* D-4 also depends on A-1 */
  after = gw_graph_render_new_incremental (items, NULL, NULL, before);
  afresh = gw_graph_render_new (items, NULL, NULL);

  for (guint i = 0; i < 5; i++)
    {
      const char *key = gw_item_get_key (g_ptr_array_index (items, i));
      double x0, y0, x1, y1;

      gw_graph_render_get_node_rect (before, key, &x0, &y0, NULL, NULL);
      gw_graph_render_get_node_rect (after, key, &x1, &y1, NULL, NULL);
      g_assert_cmpfloat (fabs (x1 - x0), <, 1);
      g_assert_cmpfloat (fabs (y1 - y0), <, 1);
    }
  /* The new item is drawn, below what it depends on. */
  {
    double ey, fy, h;

    g_assert_true (gw_graph_render_get_node_rect (after, "F-6", NULL, &fy, NULL, NULL));
    gw_graph_render_get_node_rect (after, "E-5", NULL, &ey, NULL, &h);
    g_assert_cmpfloat (fy, >, ey + h);
  }
  g_assert_cmpuint (gw_graph_layout_get_n_edges (gw_graph_render_get_layout (after)), ==,
                    gw_graph_layout_get_n_edges (gw_graph_render_get_layout (afresh)));
}

typedef struct
{
  GwGraphRender *render;
  GwGraphView    view;
} DrawData;

static void
draw_cb (cairo_t  *cr,
         gpointer  user_data)
{
  DrawData *data = user_data;

  gw_graph_render_draw (data->render, cr, &data->view);
}

static void
test_files (void)
{
  g_autoptr(GPtrArray) items = make_items ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gapwise-graph-XXXXXX", &error);
  DrawData data;
  static const struct { const char *name; const char *magic; gsize len; } files[] = {
    { "graph.png", "\x89PNG\r\n\x1a\n", 8 },
    { "graph.svg", "<?xml", 5 },
    { "graph.pdf", "%PDF-", 5 },
  };
  double width, height;

  g_assert_no_error (error);
  data.render = gw_graph_render_new (items, NULL, NULL);
  gw_graph_view_init (&data.view, gw_render_palette_light ());
  gw_graph_render_get_size (data.render, &width, &height);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (dir, files[i].name, NULL);
      g_autofree char *contents = NULL;
      gsize len;

      g_assert_true (gw_render_write_file (path, width, height, 0, 0, data.view.palette, draw_cb, &data, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &contents, &len, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (len, >, 200);
      g_assert_cmpmem (contents, files[i].len, files[i].magic, files[i].len);
      if (g_str_has_suffix (files[i].name, ".svg"))
        {
          g_assert_nonnull (strstr (contents, "<svg"));
          g_assert_nonnull (strstr (contents, "</svg>"));
        }
      if (g_str_has_suffix (files[i].name, ".pdf"))
        {
          g_autoptr(GRegex) page = g_regex_new ("/Type\\s*/Page[^s]", G_REGEX_RAW, 0, NULL);
          g_autoptr(GMatchInfo) match = NULL;
          guint pages = 0;

          g_regex_match_full (page, contents, (gssize) len, 0, 0, &match, NULL);
          while (g_match_info_matches (match))
            {
              pages++;
              g_match_info_next (match, NULL);
            }
          g_assert_cmpuint (pages, ==, 1);
          /* Complete: the trailer ends the file (cairo_surface_finish). */
          {
            gboolean eof = FALSE;

            for (gsize k = len > 40 ? len - 40 : 0; k + 5 <= len; k++)
              eof |= memcmp (contents + k, "%%EOF", 5) == 0;
            g_assert_true (eof);
          }
        }
      if (g_str_has_suffix (files[i].name, ".png"))
        {
          cairo_surface_t *png = cairo_image_surface_create_from_png (path);

          g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
          g_assert_cmpint (cairo_image_surface_get_width (png), ==, (int) ceil (width));
          g_assert_cmpint (cairo_image_surface_get_height (png), ==, (int) ceil (height));
          cairo_surface_destroy (png);
        }
      g_unlink (path);
    }

  /* A size asked for: the PNG has it. */
  {
    g_autofree char *path = g_build_filename (dir, "small.png", NULL);
    cairo_surface_t *png;

    g_assert_true (gw_render_write_file (path, width, height, 300, 200, data.view.palette, draw_cb, &data, &error));
    png = cairo_image_surface_create_from_png (path);
    g_assert_cmpint (cairo_image_surface_get_width (png), ==, 300);
    g_assert_cmpint (cairo_image_surface_get_height (png), ==, 200);
    cairo_surface_destroy (png);
    g_unlink (path);
  }

  /* An unknown extension: an error naming the formats, and no file. */
  {
    g_autofree char *path = g_build_filename (dir, "graph.gif", NULL);

    g_assert_false (gw_render_write_file (path, width, height, 0, 0, data.view.palette, draw_cb, &data, &error));
    g_assert_error (error, GW_RENDER_ERROR, GW_RENDER_ERROR_FORMAT);
    g_assert_nonnull (strstr (error->message, ".png"));
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
    g_clear_error (&error);
  }
  gw_graph_render_free (data.render);
  g_rmdir (dir);
}

/* gapwise-cli layout and render graph, end to end. */
static void
run_cli (const char * const *args,
         char              **out,
         int                 expect)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status;

  g_ptr_array_add (argv, (gpointer) g_getenv ("GAPWISE_CLI"));
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL) || expect != 0)
    g_assert_cmpint (WEXITSTATUS (status), ==, expect);
}

static void
test_cli (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *reg = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  guint nodes = 0, edges = 0;

  if (g_getenv ("GAPWISE_CLI") == NULL)
    {
      g_test_skip ("GAPWISE_CLI is not set");
      return;
    }
  dir = g_dir_make_tmp ("gapwise-graph-cli-XXXXXX", &error);
  g_assert_no_error (error);
  reg = g_build_filename (dir, "r.gapwise", NULL);
  pdf = g_build_filename (dir, "graph.pdf", NULL);

  run_cli ((const char *[]) { "new", reg, NULL }, NULL, 0);
  run_cli ((const char *[]) { "add", reg, "--key", "Gap 1.1", "--title", "RLS", NULL }, NULL, 0);
  run_cli ((const char *[]) { "add", reg, "--key", "P0-002", "--title", "Keys", "--depends-on", "Gap 1.1", NULL }, NULL, 0);
  run_cli ((const char *[]) { "add", reg, "--key", "P0-003", "--title", "Audit", "--depends-on", "P0-002", NULL }, NULL, 0);
  run_cli ((const char *[]) { "link", reg, "P0-003", "--depends-on", "Gap 1.1", NULL }, NULL, 0);

  run_cli ((const char *[]) { "layout", reg, "--format", "plain", NULL }, &plain, 0);
  lines = g_strsplit (plain, "\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "graph 1 "));
  for (guint i = 0; lines[i]; i++)
    {
      nodes += g_str_has_prefix (lines[i], "node ");
      edges += g_str_has_prefix (lines[i], "edge ");
    }
  g_assert_cmpuint (nodes, ==, 3);
  g_assert_cmpuint (edges, ==, 2 + 1);
  g_assert_nonnull (strstr (plain, "node \"Gap 1.1\" "));
  g_assert_nonnull (strstr (plain, "edge \"Gap 1.1\" \"P0-002\" "));
  g_assert_true (g_str_has_suffix (plain, "stop\n"));

  run_cli ((const char *[]) { "render", "graph", reg, "-o", pdf, NULL }, NULL, 0);
  g_assert_true (g_file_get_contents (pdf, &contents, NULL, &error));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));

  /* Usage errors exit 2, bad input 1. */
  run_cli ((const char *[]) { "layout", reg, "--format", "svg", NULL }, NULL, 2);
  run_cli ((const char *[]) { "render", "graph", reg, "-o", pdf, "--direction", "up", NULL }, NULL, 2);
  run_cli ((const char *[]) { "render", "graph", reg, NULL }, NULL, 2);
  run_cli ((const char *[]) { "render", "graph", reg, "-o", "x.gif", NULL }, NULL, 1);
  run_cli ((const char *[]) { "layout", "/nonexistent/r.gapwise", NULL }, NULL, 1);

  g_unlink (pdf);
  g_unlink (reg);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);

        g_unlink (path);
      }
  }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/graph-render/ink", test_ink_where_nodes_are);
  g_test_add_func ("/graph-render/priority-and-status", test_priority_and_status);
  g_test_add_func ("/graph-render/focus", test_focus_dims_the_rest);
  g_test_add_func ("/graph-render/hit-testing", test_hit_testing);
  g_test_add_func ("/graph-render/bands", test_bands);
  g_test_add_func ("/graph-render/incremental", test_incremental);
  g_test_add_func ("/graph-render/files", test_files);
  g_test_add_func ("/graph-render/cli", test_cli);

  return g_test_run ();
}
