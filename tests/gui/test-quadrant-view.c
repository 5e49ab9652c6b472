/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The Quadrant page in the real window under Xvfb, driven with the real
 * pointer (xdotool): markers, quadrant lines and risk chips are dragged,
 * and the register must hold the new values, and lose them on undo. */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>

#include "gw-gui-test.h"
#include "gw-quadrant-view.h"
#include "gw-scoring.h"
#include "gw-window.h"

typedef struct
{
  char           *dir;
  char           *path;
  GwWindow       *window;
  GwQuadrantView *view;
} Fixture;

/* Helpers */

static GwStore *
store_of (Fixture *fx)
{
  return gw_context_get_store (gw_window_get_context (fx->window));
}

static GwItem *
stored (Fixture    *fx,
        const char *key)
{
  return gw_store_get_item (store_of (fx), key, NULL);
}

static void
add_item (GwStore    *store,
          const char *key,
          const char *priority,
          const char *effort,
          const char *impact,
          const char *risk_pct)
{
  g_autoptr(GwItem) item = gw_item_new (key, key);
  g_autoptr(GError) error = NULL;

  gw_item_set_field_text (item, GW_FIELD_PRIORITY, priority, NULL, &error);
  gw_item_set_field_text (item, GW_FIELD_EFFORT_HOURS, effort, NULL, &error);
  gw_item_set_field_text (item, GW_FIELD_IMPACT, impact, NULL, &error);
  if (risk_pct != NULL)
    gw_item_set_field_text (item, GW_FIELD_IMPL_RISK_PCT, risk_pct, NULL, &error);
  g_assert_no_error (error);
  gw_store_add_item (store, item, &error);
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *stack;

  fx->dir = g_dir_make_tmp ("gapwise-quadrant-XXXXXX", &error);
  fx->path = g_build_filename (fx->dir, "plan.gapwise", NULL);
  {
    g_autoptr(GwStore) store = gw_store_open (fx->path, GW_STORE_OPEN_CREATE, &error);

    g_assert_no_error (error);
    add_item (store, "P0-001", "P0", "4", "90", "70");
    add_item (store, "P1-002", "P1", "30", "40", "10");
    add_item (store, "P2-003", "P2", "60", "70", NULL);
    gw_store_clear_history (store, &error);
  }

  fx->window = g_object_ref_sink (gw_window_new (NULL));
  gtk_window_set_default_size (GTK_WINDOW (fx->window), 1200, 800);
  g_assert_true (gw_window_load (fx->window, fx->path, GW_STORE_OPEN_DEFAULT, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (fx->window));

  stack = gw_test_find_type (GTK_WIDGET (fx->window), ADW_TYPE_VIEW_STACK);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), "quadrant");
  fx->view = GW_QUADRANT_VIEW (gw_test_find_type (GTK_WIDGET (fx->window), GW_TYPE_QUADRANT_VIEW));
  g_assert_nonnull (fx->view);
  gw_quadrant_view_show_risk (fx->view, FALSE);
  gw_quadrant_view_refresh (fx->view);
  /* Mapped, laid out and drawn. */
  gw_test_wait_ms (600);
  gw_test_spin ();
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
        g_autofree char *path = g_build_filename (fx->dir, name, NULL);

        g_unlink (path);
      }
  }
  g_rmdir (fx->dir);
  g_free (fx->path);
  g_free (fx->dir);
}

/* Tests */

static void
test_drag_marker (Fixture       *fx,
                  gconstpointer  data)
{
  GwQuadrantArea *area = gw_quadrant_view_get_quadrant_area (fx->view);
  GwQuadrantChart *chart = gw_quadrant_area_get_chart (area);
  g_autoptr(GwItem) moved = NULL;
  g_autoptr(GwItem) undone = NULL;
  double x, y, tx, ty, want_effort, want_impact;

  g_assert_nonnull (chart);
  g_assert_true (gw_quadrant_area_get_marker_point (area, "P1-002", &x, &y));
  /* To 20 h and impact 75: from fill-in territory into Major Projects. */
  gw_quadrant_chart_from_data (chart, 20, 75, &tx, &ty);
  /* The chart is rebuilt when the edit lands, so ask it before the drag. */
  gw_quadrant_chart_to_data (chart, round (tx), round (ty), &want_effort, &want_impact);
  chart = NULL;
  gw_test_drag (GTK_WIDGET (area), x, y, tx, ty);

  moved = stored (fx, "P1-002");
  g_test_message ("dropped at %.1f h, impact %d (aimed at 20 h, 75)",
                  gw_item_get_effort_hours (moved), gw_item_get_impact (moved));
  /* Within a pixel or two of where the pointer let go. */
  g_assert_cmpfloat (fabs (gw_item_get_effort_hours (moved) - want_effort), <, 0.5);
  g_assert_cmpint (abs (gw_item_get_impact (moved) - (int) round (want_impact)), <=, 1);

  gtk_widget_activate_action (GTK_WIDGET (fx->window), "win.undo", NULL);
  gw_test_spin ();
  undone = stored (fx, "P1-002");
  g_assert_cmpfloat (gw_item_get_effort_hours (undone), ==, 30);
  g_assert_cmpint (gw_item_get_impact (undone), ==, 40);
}

static void
test_drag_threshold (Fixture       *fx,
                     gconstpointer  data)
{
  GwQuadrantArea *area = gw_quadrant_view_get_quadrant_area (fx->view);
  GwQuadrantChart *chart = gw_quadrant_area_get_chart (area);
  g_autofree char *after = NULL;
  g_autofree char *undone = NULL;
  double x16, x24, ytop;

  gw_quadrant_chart_from_data (chart, 16, 95, &x16, &ytop);
  gw_quadrant_chart_from_data (chart, 24, 95, &x24, NULL);
  gw_test_drag (GTK_WIDGET (area), x16, ytop, x24, ytop);

  after = gw_store_get_setting (store_of (fx), "effort_threshold");
  g_test_message ("effort threshold after the drag: %s", after);
  g_assert_cmpfloat (fabs (g_ascii_strtod (after, NULL) - 24), <=, 1);

  gtk_widget_activate_action (GTK_WIDGET (fx->window), "win.undo", NULL);
  gw_test_spin ();
  undone = gw_store_get_setting (store_of (fx), "effort_threshold");
  g_assert_cmpstr (undone, ==, "16");
}

static void
test_click_selects (Fixture       *fx,
                    gconstpointer  data)
{
  GwQuadrantArea *area = gw_quadrant_view_get_quadrant_area (fx->view);
  GwItem *selected;
  double x, y;
  int sx, sy;
  g_autofree char *args = NULL;

  g_assert_true (gw_quadrant_area_get_marker_point (area, "P2-003", &x, &y));
  gw_test_screen_point (GTK_WIDGET (area), x, y, &sx, &sy);
  args = g_strdup_printf ("mousemove --sync %d %d sleep 0.1 click 1", sx, sy);
  gw_test_xdotool (args);
  selected = gw_context_get_selected_item (gw_window_get_context (fx->window));
  g_assert_nonnull (selected);
  g_assert_cmpstr (gw_item_get_key (selected), ==, "P2-003");
}

static void
test_drag_risk_chip (Fixture       *fx,
                     gconstpointer  data)
{
  GwRiskArea *area = gw_quadrant_view_get_risk_area (fx->view);
  GwRiskMatrix *matrix;
  g_autoptr(GwItem) moved = NULL;
  g_autoptr(GwItem) undone = NULL;
  GwItem *item;
  GwRect chip, cell;
  int l, s;

  gw_quadrant_view_show_risk (fx->view, TRUE);
  gw_test_wait_ms (400);
  gw_test_spin ();
  matrix = gw_risk_area_get_matrix (area);
  g_assert_nonnull (matrix);
  /* P2-003 has no risk rating and is not on the grid. */
  g_assert_cmpuint (gw_risk_matrix_count_unrated (matrix), ==, 1);

  item = gw_item_list_lookup (gw_context_get_items (gw_window_get_context (fx->window)), "P1-002");
  g_assert_true (gw_risk_matrix_get_chip (matrix, gw_item_get_id (item), &chip));
  g_assert_true (gw_risk_matrix_get_item_cell (matrix, gw_item_get_id (item), &l, &s));
  g_assert_cmpint (l, ==, 0);   /* 10 %: rare */
  g_assert_cmpint (s, ==, 2);   /* impact 40: moderate */

  /* To likely (3) and severe (4). */
  gw_risk_matrix_get_cell_rect (matrix, 3, 4, &cell);
  gw_test_drag (GTK_WIDGET (area), chip.x + chip.w / 2, chip.y + chip.h / 2,
        cell.x + cell.w / 2, cell.y + cell.h / 2);

  moved = stored (fx, "P1-002");
  g_assert_cmpfloat (gw_item_get_fields (moved)->impl_risk_pct, ==, 70);
  g_assert_cmpint (gw_item_get_risk (moved), ==, GW_RISK_HIGH);
  g_assert_cmpint (gw_item_get_impact (moved), ==, 90);

  gtk_widget_activate_action (GTK_WIDGET (fx->window), "win.undo", NULL);
  gw_test_spin ();
  undone = stored (fx, "P1-002");
  g_assert_cmpfloat (gw_item_get_fields (undone)->impl_risk_pct, ==, 10);
  g_assert_cmpint (gw_item_get_impact (undone), ==, 40);
}

static void
test_filters_and_side_list (Fixture       *fx,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) quick = NULL;
  g_autoptr(GPtrArray) major = NULL;

  /* P0-001: 4 h at 90 is the one quick win; P2-003 is a major project. */
  quick = gw_quadrant_view_get_side_items (fx->view, GW_QUADRANT_QUICK_WIN);
  g_assert_cmpuint (quick->len, ==, 1);
  g_assert_cmpstr (gw_item_get_key (g_ptr_array_index (quick, 0)), ==, "P0-001");
  major = gw_quadrant_view_get_side_items (fx->view, GW_QUADRANT_MAJOR_PROJECT);
  g_assert_cmpuint (major->len, ==, 1);
  g_assert_cmpstr (gw_item_get_key (g_ptr_array_index (major, 0)), ==, "P2-003");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;

  g_test_init (&argc, &argv, NULL);
  /* The window must not make or open the user's default register. */
  data_home = g_dir_make_tmp ("gapwise-data-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }
  adw_init ();

#define ADD(path, fn) g_test_add ("/quadrant-view/" path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("drag-marker", test_drag_marker);
  ADD ("drag-threshold", test_drag_threshold);
  ADD ("click-selects", test_click_selects);
  ADD ("drag-risk-chip", test_drag_risk_chip);
  ADD ("filters-and-side-list", test_filters_and_side_list);
#undef ADD

  return g_test_run ();
}
