/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The Dependencies page in the real window under Xvfb: a dependency is
 * added by dragging one node onto another with the real pointer
 * (xdotool), a cycle is refused, an edge is deleted with Delete, and each
 * is undone; the search jumps to an item; another register shows the busy
 * page until its graph is laid out. */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>

#include "gw-dependency-view.h"
#include "gw-gui-test.h"
#include "gw-window.h"

typedef struct
{
  char             *dir;
  char             *path;
  GwWindow         *window;
  GwDependencyView *view;
} Fixture;

/* Helpers */

static GwStore *
store_of (Fixture *fx)
{
  return gw_context_get_store (gw_window_get_context (fx->window));
}

static gboolean
layout_ready (gpointer data)
{
  GwDependencyView *view = data;

  return !gw_dependency_view_is_busy (view) &&
         gw_graph_canvas_get_render (gw_dependency_view_get_canvas (view)) != NULL;
}

static void
wait_for_layout (Fixture *fx)
{
  g_assert_true (gw_test_wait_until (layout_ready, fx->view, 10000));
  gw_test_wait_ms (200);
  gw_test_spin ();
}

static gboolean
depends_on (Fixture    *fx,
            const char *key,
            const char *prerequisite)
{
  g_autoptr(GwItem) item = gw_store_get_item (store_of (fx), key, NULL);
  GPtrArray *deps = gw_item_get_depends_on (item);

  for (guint i = 0; i < deps->len; i++)
    if (g_str_equal (((GwDependency *) g_ptr_array_index (deps, i))->key, prerequisite))
      return TRUE;
  return FALSE;
}

static void
drag_node (Fixture    *fx,
           const char *from,
           const char *to)
{
  GwGraphCanvas *canvas = gw_dependency_view_get_canvas (fx->view);
  double x0, y0, x1, y1;

  g_assert_true (gw_graph_canvas_get_node_point (canvas, from, &x0, &y0));
  g_assert_true (gw_graph_canvas_get_node_point (canvas, to, &x1, &y1));
  gw_test_drag (GTK_WIDGET (canvas), x0, y0, x1, y1);
  wait_for_layout (fx);
}

static void
add (GwStore    *store,
     const char *key,
     const char *depends)
{
  g_autoptr(GwItem) item = gw_item_new (key, key);
  g_autoptr(GError) error = NULL;

  if (depends != NULL)
    gw_item_add_dependency (item, depends, 0);
  gw_store_add_item (store, item, &error);
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *stack;

  fx->dir = g_dir_make_tmp ("gapwise-graph-XXXXXX", &error);
  fx->path = g_build_filename (fx->dir, "plan.gapwise", NULL);
  {
    g_autoptr(GwStore) store = gw_store_open (fx->path, GW_STORE_OPEN_CREATE, &error);

    g_assert_no_error (error);
    add (store, "A-1", NULL);
    add (store, "B-2", NULL);
    add (store, "C-3", "B-2");
    gw_store_clear_history (store, &error);
  }

  fx->window = g_object_ref_sink (gw_window_new (NULL));
  gtk_window_set_default_size (GTK_WINDOW (fx->window), 1200, 800);
  g_assert_true (gw_window_load (fx->window, fx->path, GW_STORE_OPEN_DEFAULT, &error));
  gtk_window_present (GTK_WINDOW (fx->window));
  stack = gw_test_find_type (GTK_WIDGET (fx->window), ADW_TYPE_VIEW_STACK);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), "dependencies");
  fx->view = GW_DEPENDENCY_VIEW (gw_test_find_type (GTK_WIDGET (fx->window), GW_TYPE_DEPENDENCY_VIEW));
  g_assert_nonnull (fx->view);
  gw_test_wait_ms (400);
  wait_for_layout (fx);
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fx->window));
  gw_test_spin ();
  g_clear_object (&fx->window);
  {
    g_autoptr(GDir) d = g_dir_open (fx->dir, 0, NULL);
    const char *name;

    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *file = g_build_filename (fx->dir, name, NULL);

        g_unlink (file);
      }
  }
  g_rmdir (fx->dir);
  g_free (fx->path);
  g_free (fx->dir);
}

/* Tests */

static void
on_page_cb (GtkStack   *stack,
            GParamSpec *pspec,
            GPtrArray  *pages)
{
  g_ptr_array_add (pages, g_strdup (gtk_stack_get_visible_child_name (stack)));
}

/* The view's own stack: the one with a busy page. */
static GtkWidget *
find_page_stack (GtkWidget *widget)
{
  if (GTK_IS_STACK (widget) && gtk_stack_get_child_by_name (GTK_STACK (widget), "busy") != NULL)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_page_stack (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
graph_has_node (gpointer data)
{
  Fixture *fx = data;
  double x, y;

  return layout_ready (fx->view) &&
         gw_graph_canvas_get_node_point (gw_dependency_view_get_canvas (fx->view), "N-0200", &x, &y);
}

/* Opening another register never shows "No Items" nor the graph of the
 * register before while the new graph is laid out: the busy page does. */
static void
test_busy_while_laying_out (Fixture       *fx,
                            gconstpointer  data)
{
  g_autofree char *other = g_build_filename (fx->dir, "other.gapwise", NULL);
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  GtkWidget *stack = find_page_stack (GTK_WIDGET (fx->view));
  double x, y;

  g_assert_nonnull (stack);
  {
    g_autoptr(GwStore) store = gw_store_open (other, GW_STORE_OPEN_CREATE, &error);

    g_assert_no_error (error);
    for (guint i = 1; i <= 200; i++)
      {
        g_autofree char *key = g_strdup_printf ("N-%04u", i);
        g_autofree char *before = g_strdup_printf ("N-%04u", i / 2);

        add (store, key, i > 1 ? before : NULL);
      }
  }
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "graph");
  g_signal_connect (stack, "notify::visible-child", G_CALLBACK (on_page_cb), pages);

  g_assert_true (gw_window_load (fx->window, other, GW_STORE_OPEN_DEFAULT, &error));
  g_assert_no_error (error);
  g_assert_true (gw_test_wait_until (graph_has_node, fx, 10000));
  gw_test_spin ();
  g_signal_handlers_disconnect_by_func (stack, on_page_cb, pages);

  g_assert_cmpuint (pages->len, >=, 2);
  g_assert_cmpstr (g_ptr_array_index (pages, 0), ==, "busy");
  g_assert_cmpstr (g_ptr_array_index (pages, pages->len - 1), ==, "graph");
  for (guint i = 0; i < pages->len; i++)
    g_assert_cmpstr (g_ptr_array_index (pages, i), !=, "empty");
  g_assert_false (gw_graph_canvas_get_node_point (gw_dependency_view_get_canvas (fx->view), "A-1", &x, &y));
}

static gboolean
layout_running (gpointer data)
{
  return gw_dependency_view_is_busy (GW_DEPENDENCY_VIEW (data));
}

static gboolean
graph_has_only_y (gpointer data)
{
  Fixture *fx = data;
  GwGraphCanvas *canvas = gw_dependency_view_get_canvas (fx->view);
  double x, y;

  return layout_ready (fx->view) &&
         gw_graph_canvas_get_node_point (canvas, "Y-1", &x, &y) &&
         !gw_graph_canvas_get_node_point (canvas, "N-0001", &x, &y);
}

/* Registers opened one after the other while a layout runs: one layout at
 * a time, and the graph that stays is the last register's. */
static void
test_switch_while_laying_out (Fixture       *fx,
                              gconstpointer  data)
{
  g_autofree char *big = g_build_filename (fx->dir, "big.gapwise", NULL);
  g_autofree char *small = g_build_filename (fx->dir, "small.gapwise", NULL);
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(GwStore) store = gw_store_open (big, GW_STORE_OPEN_CREATE, &error);

    g_assert_no_error (error);
    for (guint i = 1; i <= 300; i++)
      {
        g_autofree char *key = g_strdup_printf ("N-%04u", i);
        g_autofree char *before = g_strdup_printf ("N-%04u", i / 3);

        add (store, key, i > 2 ? before : NULL);
      }
  }
  {
    g_autoptr(GwStore) store = gw_store_open (small, GW_STORE_OPEN_CREATE, &error);

    g_assert_no_error (error);
    add (store, "Y-1", NULL);
    add (store, "Y-2", "Y-1");
  }

  g_assert_true (gw_window_load (fx->window, big, GW_STORE_OPEN_DEFAULT, &error));
  g_assert_no_error (error);
  g_assert_true (gw_test_wait_until (layout_running, fx->view, 5000));
  g_assert_true (gw_window_load (fx->window, small, GW_STORE_OPEN_DEFAULT, &error));
  g_assert_no_error (error);
  g_assert_true (gw_test_wait_until (graph_has_only_y, fx, 20000));
}

static void
test_drag_adds_dependency (Fixture       *fx,
                           gconstpointer  data)
{
  g_assert_false (depends_on (fx, "B-2", "A-1"));
  drag_node (fx, "A-1", "B-2");
  g_assert_true (depends_on (fx, "B-2", "A-1"));

  gtk_widget_activate_action (GTK_WIDGET (fx->window), "win.undo", NULL);
  gw_test_spin ();
  g_assert_false (depends_on (fx, "B-2", "A-1"));
}

static void
test_cycle_refused (Fixture       *fx,
                    gconstpointer  data)
{
  /* B-2 depending on C-3, which depends on B-2: refused. */
  drag_node (fx, "C-3", "B-2");
  g_assert_false (depends_on (fx, "B-2", "C-3"));
  g_assert_true (depends_on (fx, "C-3", "B-2"));
  g_assert_false (gw_store_can_undo (store_of (fx)));
}

static void
test_delete_edge (Fixture       *fx,
                  gconstpointer  data)
{
  GwGraphCanvas *canvas = gw_dependency_view_get_canvas (fx->view);
  const char *prerequisite = NULL, *dependent = NULL;
  double bx, by, cx, cy;
  int sx, sy;
  g_autofree char *args = NULL;

  /* Click the middle of the edge B-2 -> C-3, then press Delete. */
  g_assert_true (gw_graph_canvas_get_node_point (canvas, "B-2", &bx, &by));
  g_assert_true (gw_graph_canvas_get_node_point (canvas, "C-3", &cx, &cy));
  gw_test_screen_point (GTK_WIDGET (canvas), (bx + cx) / 2, (by + cy) / 2, &sx, &sy);
  args = g_strdup_printf ("mousemove --sync %d %d sleep 0.1 click 1 sleep 0.3 key Delete", sx, sy);
  gw_test_xdotool (args);
  if (gw_graph_canvas_get_selected_edge (canvas, &prerequisite, &dependent))
    g_test_message ("edge still selected: %s -> %s", prerequisite, dependent);
  g_assert_false (depends_on (fx, "C-3", "B-2"));

  gtk_widget_activate_action (GTK_WIDGET (fx->window), "win.undo", NULL);
  gw_test_spin ();
  g_assert_true (depends_on (fx, "C-3", "B-2"));
}

static void
test_search_jumps (Fixture       *fx,
                   gconstpointer  data)
{
  GtkWidget *entry = gw_test_find_type (GTK_WIDGET (fx->view), GTK_TYPE_SEARCH_ENTRY);
  GwItem *selected;

  gtk_editable_set_text (GTK_EDITABLE (entry), "c-3");
  g_signal_emit_by_name (entry, "activate");
  gw_test_spin ();
  selected = gw_context_get_selected_item (gw_window_get_context (fx->window));
  g_assert_nonnull (selected);
  g_assert_cmpstr (gw_item_get_key (selected), ==, "C-3");
}

/* Where each node is drawn, in the graph's own coordinates. */
static GHashTable *
node_places (Fixture *fx)
{
  GwGraphRender *render = gw_graph_canvas_get_render (gw_dependency_view_get_canvas (fx->view));
  GHashTable *places = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint v = 0; v < gw_graph_render_get_n_nodes (render); v++)
    {
      const char *key = gw_graph_render_get_key (render, v);
      double *xy = g_new (double, 2);
      double w, h;

      g_assert_true (gw_graph_render_get_node_rect (render, key, &xy[0], &xy[1], &w, &h));
      g_hash_table_insert (places, g_strdup (key), xy);
    }
  return places;
}

static void
test_edit_keeps_places (Fixture       *fx,
                        gconstpointer  data)
{
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer key, value;
  guint moved = 0;

  /* A register big enough for a fresh layout to shuffle it: two chains
   * and a fan. */
  for (int i = 1; i <= 8; i++)
    {
      g_autofree char *k = g_strdup_printf ("D-%d", i);
      g_autofree char *prev = i > 1 ? g_strdup_printf ("D-%d", i - 1) : NULL;
      g_autofree char *e = g_strdup_printf ("E-%d", i);
      g_autofree char *eprev = i > 1 ? g_strdup_printf ("E-%d", i - 1) : g_strdup ("C-3");

      add (store_of (fx), k, prev);
      add (store_of (fx), e, eprev);
    }
  for (int i = 1; i <= 8; i++)
    {
      g_autofree char *f = g_strdup_printf ("F-%d", i);

      add (store_of (fx), f, i % 2 ? "D-2" : "E-3");
    }
  gw_test_wait_ms (300);
  wait_for_layout (fx);
  before = node_places (fx);

  /* One new dependency between the chains. */
  g_assert_true (gw_store_link (store_of (fx), "E-6", "D-4", 0, &error));
  g_assert_no_error (error);
  gw_test_wait_ms (300);
  wait_for_layout (fx);
  after = node_places (fx);

  g_assert_cmpuint (g_hash_table_size (after), ==, g_hash_table_size (before));
  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const double *a = value;
      const double *b = g_hash_table_lookup (after, key);

      g_assert_nonnull (b);
      if (fabs (a[0] - b[0]) > 1 || fabs (a[1] - b[1]) > 1)
        {
          g_test_message ("%s moved from %.0f,%.0f to %.0f,%.0f", (char *) key, a[0], a[1], b[0], b[1]);
          moved++;
        }
    }
  /* The new dependency's ends may move; nothing else. */
  g_assert_cmpuint (moved, <=, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;

  g_test_init (&argc, &argv, NULL);
  data_home = g_dir_make_tmp ("gapwise-data-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }
  adw_init ();

#define ADD(path, fn) g_test_add ("/dependency-view/" path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("drag-adds-dependency", test_drag_adds_dependency);
  ADD ("cycle-refused", test_cycle_refused);
  ADD ("delete-edge", test_delete_edge);
  ADD ("search-jumps", test_search_jumps);
  ADD ("edit-keeps-places", test_edit_keeps_places);
  ADD ("busy-while-laying-out", test_busy_while_laying_out);
  ADD ("switch-while-laying-out", test_switch_while_laying_out);
#undef ADD

  return g_test_run ();
}
