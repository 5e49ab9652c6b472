/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Helper of bench-layout.sh: reads a register.csv written by
 * gen_register.py (columns id ... depends_on) and
 *
 *   bench-layout-helper plain CSV            writes the layout in Graphviz's plain format
 *   bench-layout-helper time CSV RUNS        times gw_graph_layout_run() alone, RUNS times
 *   bench-layout-helper load CSV REGISTER    creates REGISTER with the items and dependencies
 *
 * The layout uses the node size of `gapwise-cli layout`. */

#include "config.h"

#include <csv.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gw-graph-layout.h"
#include "gw-graph-render.h"
#include "gw-store.h"

typedef struct
{
  GPtrArray *header;   /* char * */
  GPtrArray *rows;     /* GPtrArray of char * */
  GPtrArray *row;
} Table;

static void
on_field (void   *data,
          size_t  len,
          void   *user_data)
{
  Table *t = user_data;

  if (t->row == NULL)
    t->row = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (t->row, g_strndup (data ? data : "", len));
}

static void
on_row (int   c,
        void *user_data)
{
  Table *t = user_data;

  if (t->row == NULL)
    return;
  if (t->header == NULL)
    t->header = t->row;
  else
    g_ptr_array_add (t->rows, t->row);
  t->row = NULL;
}

static Table *
read_table (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gsize len;
  struct csv_parser parser;
  Table *t = g_new0 (Table, 1);

  if (!g_file_get_contents (path, &text, &len, &error))
    {
      g_printerr ("%s\n", error->message);
      exit (1);
    }
  t->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  csv_init (&parser, CSV_APPEND_NULL);
  if (csv_parse (&parser, text, len, on_field, on_row, t) != len)
    {
      g_printerr ("%s: not CSV\n", path);
      exit (1);
    }
  csv_fini (&parser, on_field, on_row, t);
  csv_free (&parser);
  if (t->header == NULL)
    {
      g_printerr ("%s: empty\n", path);
      exit (1);
    }
  return t;
}

static int
column (Table      *t,
        const char *name)
{
  for (guint i = 0; i < t->header->len; i++)
    if (g_str_equal (g_ptr_array_index (t->header, i), name))
      return (int) i;
  return -1;
}

static const char *
cell (GPtrArray *row,
      int        col)
{
  return col >= 0 && (guint) col < row->len ? g_ptr_array_index (row, col) : "";
}

/* The register's graph, nodes in file order, edges prerequisite -> item. */
static GwGraphLayout *
build_layout (Table        *t,
              const char ***names)
{
  GwGraphLayout *layout = gw_graph_layout_new ();
  g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  int id = column (t, "id") >= 0 ? column (t, "id") : column (t, "key");
  int deps = column (t, "depends_on");

  *names = g_new0 (const char *, t->rows->len + 1);
  for (guint i = 0; i < t->rows->len; i++)
    {
      GPtrArray *row = g_ptr_array_index (t->rows, i);

      (*names)[i] = cell (row, id);
      g_hash_table_insert (index, (gpointer) cell (row, id), GUINT_TO_POINTER (i + 1));
      gw_graph_layout_add_node (layout, GW_GRAPH_RENDER_NODE_WIDTH, GW_GRAPH_RENDER_NODE_HEIGHT, -1);
    }
  for (guint i = 0; i < t->rows->len; i++)
    {
      g_auto(GStrv) keys = g_strsplit (cell (g_ptr_array_index (t->rows, i), deps), ";", -1);

      for (guint k = 0; keys[k]; k++)
        {
          guint tail = GPOINTER_TO_UINT (g_hash_table_lookup (index, g_strstrip (keys[k])));

          if (tail > 0)
            gw_graph_layout_add_edge (layout, tail - 1, i);
        }
    }
  return layout;
}

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static int
cmd_time (Table *t,
          int    runs)
{
  g_autofree const char **names = NULL;
  g_autofree double *secs = g_new (double, MAX (runs, 1));
  GwGraphLayout *layout = NULL;

  for (int r = -1; r < runs; r++)
    {
      gint64 t0;

      g_clear_pointer (&layout, gw_graph_layout_free);
      g_clear_pointer (&names, g_free);
      layout = build_layout (t, &names);
      t0 = g_get_monotonic_time ();
      gw_graph_layout_run (layout, NULL);
      if (r >= 0)   /* the first run warms up */
        secs[r] = (g_get_monotonic_time () - t0) / 1e6;
    }
  qsort (secs, runs, sizeof (double), compare_double);
  printf ("{\"nodes\": %u, \"edges\": %u, \"runs\": %d, \"median_s\": %.6f, \"min_s\": %.6f, \"max_s\": %.6f, "
          "\"layers\": %u, \"virtual\": %u, \"layered_crossings\": %" G_GUINT64_FORMAT "}\n",
          gw_graph_layout_get_n_nodes (layout), gw_graph_layout_get_n_edges (layout), runs,
          runs % 2 ? secs[runs / 2] : (secs[runs / 2 - 1] + secs[runs / 2]) / 2,
          secs[0], secs[runs - 1], gw_graph_layout_get_n_layers (layout),
          gw_graph_layout_get_n_virtual (layout), gw_graph_layout_get_crossings (layout));
  gw_graph_layout_free (layout);
  return 0;
}

static int
cmd_plain (Table *t)
{
  g_autofree const char **names = NULL;
  g_autoptr(GwGraphLayout) layout = build_layout (t, &names);
  g_autofree char *plain = NULL;

  gw_graph_layout_run (layout, NULL);
  plain = gw_graph_layout_to_plain (layout, names);
  fputs (plain, stdout);
  return 0;
}

/* A bare picture of the layout: boxes and edge curves, for looking at. */
static int
cmd_png (Table      *t,
         const char *path,
         double      scale)
{
  g_autofree const char **names = NULL;
  g_autoptr(GwGraphLayout) layout = build_layout (t, &names);
  cairo_surface_t *surface;
  cairo_t *cr;
  double width, height;

  gw_graph_layout_run (layout, NULL);
  gw_graph_layout_get_size (layout, &width, &height);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) (width * scale) + 20, (int) (height * scale) + 20);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_translate (cr, 10, 10);
  cairo_scale (cr, scale, scale);
  for (guint v = 0; v < gw_graph_layout_get_n_nodes (layout); v++)
    {
      GwGraphNodePlace p;

      gw_graph_layout_get_node (layout, v, &p);
      cairo_rectangle (cr, p.x - p.width / 2, p.y - p.height / 2, p.width, p.height);
      cairo_set_source_rgb (cr, 0.85, 0.85, 0.85);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, 0, 0, 0);
      cairo_set_line_width (cr, 1 / scale);
      cairo_stroke (cr);
    }
  cairo_set_source_rgba (cr, 0.1, 0.3, 0.8, 0.8);
  for (guint e = 0; e < gw_graph_layout_get_n_edges (layout); e++)
    {
      guint n;
      const GwGraphPoint *pt = gw_graph_layout_get_edge_points (layout, e, &n);

      cairo_move_to (cr, pt[0].x, pt[0].y);
      for (guint i = 1; i + 2 < n; i += 3)
        cairo_curve_to (cr, pt[i].x, pt[i].y, pt[i + 1].x, pt[i + 1].y, pt[i + 2].x, pt[i + 2].y);
      cairo_stroke (cr);
    }
  cairo_destroy (cr);
  cairo_surface_write_to_png (surface, path);
  cairo_surface_destroy (surface);
  return 0;
}

static int
cmd_load (Table      *t,
          const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GwStore) store = gw_store_open (path, GW_STORE_OPEN_CREATE, &error);
  int id = column (t, "id") >= 0 ? column (t, "id") : column (t, "key");

  if (store == NULL || !gw_store_begin (store, "Load", &error))
    goto fail;
  for (guint i = 0; i < t->rows->len; i++)
    {
      GPtrArray *row = g_ptr_array_index (t->rows, i);
      g_autoptr(GwItem) item = gw_item_new (cell (row, id), NULL);

      for (guint c = 0; c < t->header->len; c++)
        {
          GwField field;

          if ((int) c == id || !gw_field_from_name (g_ptr_array_index (t->header, c), &field))
            continue;
          if (!gw_item_set_field_text (item, field, cell (row, (int) c),
                                       gw_store_get_parse_context (store), &error))
            goto fail;
        }
      if (!gw_store_add_item (store, item, &error))
        goto fail;
    }
  if (!gw_store_commit (store, &error) || !gw_store_clear_history (store, &error))
    goto fail;
  return 0;

fail:
  g_printerr ("%s: %s\n", path, error ? error->message : "cannot open");
  return 1;
}

int
main (int   argc,
      char *argv[])
{
  Table *t;

  if (argc < 3)
    {
      g_printerr ("usage: %s plain CSV | time CSV RUNS | load CSV REGISTER\n", argv[0]);
      return 2;
    }
  t = read_table (argv[2]);
  if (g_str_equal (argv[1], "plain"))
    return cmd_plain (t);
  if (g_str_equal (argv[1], "time") && argc == 4)
    return cmd_time (t, MAX (atoi (argv[3]), 1));
  if (g_str_equal (argv[1], "png") && argc >= 4)
    return cmd_png (t, argv[3], argc > 4 ? atof (argv[4]) : 0.25);
  if (g_str_equal (argv[1], "load") && argc == 4)
    return cmd_load (t, argv[3]);
  g_printerr ("usage: %s plain CSV | time CSV RUNS | load CSV REGISTER\n", argv[0]);
  return 2;
}
