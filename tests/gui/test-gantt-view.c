/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The Gantt page in the real window under Xvfb, driven with the real
 * pointer (xdotool): bars are dragged to a new not-before date and their
 * ends to a new effort, and the register must hold the new values, and
 * lose them on undo; clicks select items and fold milestones. */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "gw-gantt-view.h"
#include "gw-gui-test.h"
#include "gw-resources-view.h"
#include "gw-window.h"

/* Day zoom: 36 pixels a day. */
#define DAY_PX 36.0

typedef struct
{
  char        *dir;
  char        *path;
  GwWindow    *window;
  GwGanttView *view;
} Fixture;

/* Helpers */

static gboolean
schedule_drawn (gpointer data)
{
  GwGanttView *view = data;

  return !gw_gantt_view_is_busy (view) && gw_gantt_view_get_chart (view) != NULL;
}

/* Until the page has computed the register's schedule and drawn it. */
static void
wait_for_schedule (Fixture *fx)
{
  g_assert_true (gw_test_wait_until (schedule_drawn, fx->view, 10000));
  gw_test_wait_ms (100);
  gw_test_spin ();
}

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

/* Drags on the chart from (@x0, @y0) to (@x1, @y1) of its canvas, in
 * steps, the way a hand would. */
static void
drag (Fixture *fx,
      double   x0,
      double   y0,
      double   x1,
      double   y1)
{
  GtkWidget *canvas = gw_gantt_view_get_canvas (fx->view);
  int ax, ay, bx, by;
  g_autofree char *args = NULL;

  gw_test_screen_point (canvas, x0, y0, &ax, &ay);
  gw_test_screen_point (canvas, x1, y1, &bx, &by);
  args = g_strdup_printf ("mousemove --sync %d %d sleep 0.1 mousedown 1 sleep 0.1 "
                          "mousemove --sync %d %d sleep 0.1 mousemove --sync %d %d sleep 0.2 "
                          "mousemove --sync %d %d sleep 0.3 mouseup 1",
                          ax, ay, ax + 6, ay, (ax + bx) / 2, (ay + by) / 2, bx, by);
  gw_test_xdotool (args);
}

static void
click (Fixture *fx,
       double   x,
       double   y)
{
  int sx, sy;
  g_autofree char *args = NULL;

  gw_test_screen_point (gw_gantt_view_get_canvas (fx->view), x, y, &sx, &sy);
  /* Without --sync, which waits for a motion that never comes when the
   * pointer is already there. */
  args = g_strdup_printf ("mousemove %d %d sleep 0.2 click 1", sx, sy);
  gw_test_xdotool (args);
}

static int
item_index (Fixture    *fx,
            const char *key)
{
  int index = gw_schedule_lookup (gw_gantt_chart_get_schedule (gw_gantt_view_get_chart (fx->view)), key);

  g_assert_cmpint (index, >=, 0);
  return index;
}

static const GwScheduleEntry *
entry (Fixture    *fx,
       const char *key)
{
  return &gw_gantt_chart_get_schedule (gw_gantt_view_get_chart (fx->view))->items[item_index (fx, key)];
}

static void
bar_of (Fixture    *fx,
        const char *key,
        GwRect     *bar)
{
  g_assert_true (gw_gantt_chart_get_bar (gw_gantt_view_get_chart (fx->view), item_index (fx, key), bar));
}

static void
add_item (GwStore    *store,
          const char *key,
          const char *priority,
          const char *effort,
          const char *milestone,
          const char *depends_on)
{
  g_autoptr(GwItem) item = gw_item_new (key, key);
  g_autoptr(GError) error = NULL;

  gw_item_set_field_text (item, GW_FIELD_PRIORITY, priority, NULL, &error);
  gw_item_set_field_text (item, GW_FIELD_EFFORT_HOURS, effort, NULL, &error);
  gw_item_set_field_text (item, GW_FIELD_OWNER, "dev", NULL, &error);
  gw_item_set_field_text (item, GW_FIELD_MILESTONE, milestone, NULL, &error);
  if (depends_on != NULL)
    gw_item_set_field_text (item, GW_FIELD_DEPENDS_ON, depends_on, NULL, &error);
  g_assert_no_error (error);
  gw_store_add_item (store, item, &error);
  g_assert_no_error (error);
}

/* Two developers from Monday 2027-01-04: A (8 h) then B (16 h) after it
 * in M1; C (8 h) in M2 alongside A. */
static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *stack;

  fx->dir = g_dir_make_tmp ("gapwise-gantt-XXXXXX", &error);
  fx->path = g_build_filename (fx->dir, "plan.gapwise", NULL);
  {
    g_autoptr(GwStore) store = gw_store_open (fx->path, GW_STORE_OPEN_CREATE, &error);
    g_autoptr(GwRole) role = gw_role_new ("dev");

    g_assert_no_error (error);
    gw_store_set_setting (store, "start_date", "2027-01-04", &error);
    role->headcount = 2;
    role->hours_per_week = 40;
    gw_store_put_role (store, role, &error);
    g_assert_no_error (error);
    add_item (store, "A", "P0", "8", "M1", NULL);
    add_item (store, "B", "P1", "16", "M1", "A");
    add_item (store, "C", "P2", "8", "M2", NULL);
    gw_store_clear_history (store, &error);
    g_assert_no_error (error);
  }

  fx->window = g_object_ref_sink (gw_window_new (NULL));
  gtk_window_set_default_size (GTK_WINDOW (fx->window), 1200, 800);
  g_assert_true (gw_window_load (fx->window, fx->path, GW_STORE_OPEN_DEFAULT, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (fx->window));

  stack = gw_test_find_type (GTK_WIDGET (fx->window), ADW_TYPE_VIEW_STACK);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), "gantt");
  fx->view = GW_GANTT_VIEW (gw_test_find_type (GTK_WIDGET (fx->window), GW_TYPE_GANTT_VIEW));
  g_assert_nonnull (fx->view);
  wait_for_schedule (fx);
  gw_gantt_view_set_zoom (fx->view, GW_GANTT_ZOOM_DAY);
  /* Zooming keeps the middle in place: back to the start. */
  g_assert_true (gw_gantt_view_scroll_to_item (fx->view, "A"));
  gw_test_wait_ms (200);
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

/* The schedule the page shows is the register's. */
static void
test_schedule_shown (Fixture       *fx,
                     gconstpointer  data)
{
  GwRect a, b, c;

  bar_of (fx, "A", &a);
  bar_of (fx, "B", &b);
  bar_of (fx, "C", &c);
  g_assert_cmpfloat (entry (fx, "B")->start, ==, 8);
  g_assert_cmpfloat_with_epsilon (b.x - a.x, DAY_PX, 1e-9);
  g_assert_cmpfloat_with_epsilon (b.w, 2 * DAY_PX, 1e-9);
  g_assert_cmpfloat_with_epsilon (c.x, a.x, 1e-9);
  g_assert_true (entry (fx, "A")->critical && entry (fx, "B")->critical);

  /* An edit elsewhere reaches the page: C doubles. */
  {
    g_autoptr(GwItem) item = stored (fx, "C");
    g_autoptr(GError) error = NULL;

    gw_item_set_field_text (item, GW_FIELD_EFFORT_HOURS, "16", NULL, &error);
    gw_store_update_item (store_of (fx), item, &error);
    g_assert_no_error (error);
  }
  wait_for_schedule (fx);
  bar_of (fx, "C", &c);
  g_assert_cmpfloat_with_epsilon (c.w, 2 * DAY_PX, 1e-9);
}

/* Dragging C's bar three days on sets its not-before date to Thursday;
 * the schedule follows; undo takes it back. */
static void
test_drag_bar (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GwItem) moved = NULL;
  g_autoptr(GwItem) undone = NULL;
  GwRect c;

  bar_of (fx, "C", &c);
  g_assert_cmpfloat (entry (fx, "C")->start, ==, 0);
  drag (fx, c.x + c.w / 2, c.y + c.h / 2, c.x + c.w / 2 + 3 * DAY_PX, c.y + c.h / 2);

  moved = stored (fx, "C");
  g_assert_cmpstr (gw_item_get_not_before (moved), ==, "2027-01-07");
  wait_for_schedule (fx);
  g_assert_cmpfloat (entry (fx, "C")->start, ==, 24);
  {
    GwRect after;

    bar_of (fx, "C", &after);
    g_assert_cmpfloat_with_epsilon (after.x, c.x + 3 * DAY_PX, 1e-9);
  }

  /* One edit, one undo step. */
  gtk_widget_activate_action (GTK_WIDGET (fx->window), "win.undo", NULL);
  gw_test_spin ();
  undone = stored (fx, "C");
  g_assert_null (gw_item_get_not_before (undone));
  wait_for_schedule (fx);
  g_assert_cmpfloat (entry (fx, "C")->start, ==, 0);
}

/* Dragging B's end a day on makes it 24 h of work; undo takes it back. */
static void
test_drag_bar_end (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(GwItem) longer = NULL;
  g_autoptr(GwItem) undone = NULL;
  GwRect b;
  GwGanttHit hit;
  double x = 0;

  bar_of (fx, "B", &b);
  x = b.x + b.w - 2;
  g_assert_true (gw_gantt_chart_hit (gw_gantt_view_get_chart (fx->view), x, b.y + b.h / 2, &hit));
  g_assert_cmpint (hit.kind, ==, GW_GANTT_HIT_BAR_END);
  drag (fx, x, b.y + b.h / 2, x + DAY_PX, b.y + b.h / 2);

  longer = stored (fx, "B");
  g_assert_cmpfloat (gw_item_get_effort_hours (longer), ==, 24);
  wait_for_schedule (fx);
  g_assert_cmpfloat (entry (fx, "B")->duration, ==, 24);
  bar_of (fx, "B", &b);
  g_assert_cmpfloat_with_epsilon (b.w, 3 * DAY_PX, 1e-9);

  gtk_widget_activate_action (GTK_WIDGET (fx->window), "win.undo", NULL);
  gw_test_spin ();
  undone = stored (fx, "B");
  g_assert_cmpfloat (gw_item_get_effort_hours (undone), ==, 16);
  wait_for_schedule (fx);
  g_assert_cmpfloat (entry (fx, "B")->duration, ==, 16);
}

/* A click on a bar selects its item for the editor; on a milestone's
 * row, folds the milestone and unfolds it again. */
static void
test_click (Fixture       *fx,
            gconstpointer  data)
{
  GwGanttChart *chart = gw_gantt_view_get_chart (fx->view);
  GwItem *selected;
  GwRect c;
  double header_h, row_h;
  guint rows;
  int m2_row;

  bar_of (fx, "C", &c);
  click (fx, c.x + c.w / 2, c.y + c.h / 2);
  selected = gw_context_get_selected_item (gw_window_get_context (fx->window));
  g_assert_nonnull (selected);
  g_assert_cmpstr (gw_item_get_key (selected), ==, "C");

  chart = gw_gantt_view_get_chart (fx->view);
  rows = gw_gantt_chart_get_n_rows (chart);
  g_assert_cmpuint (rows, ==, 5);
  gw_gantt_chart_get_margins (chart, NULL, &header_h);
  row_h = gw_gantt_chart_get_row_height (chart);
  m2_row = gw_gantt_chart_get_item_row (chart, item_index (fx, "C")) - 1;
  click (fx, 40, header_h + (m2_row + 0.5) * row_h);
  g_assert_cmpuint (gw_gantt_chart_get_n_rows (gw_gantt_view_get_chart (fx->view)), ==, 4);
  g_assert_cmpint (gw_gantt_chart_get_item_row (gw_gantt_view_get_chart (fx->view), item_index (fx, "C")), ==, -1);
  gw_test_wait_ms (500);   /* not a double click */
  click (fx, 40, header_h + (m2_row + 0.5) * row_h);
  g_assert_cmpuint (gw_gantt_chart_get_n_rows (gw_gantt_view_get_chart (fx->view)), ==, 5);
}

/* Ctrl+Minus zooms out: the same work takes fewer pixels. */
static void
test_zoom_keys (Fixture       *fx,
                gconstpointer  data)
{
  GwRect before, after;

  bar_of (fx, "B", &before);
  gtk_widget_grab_focus (gw_gantt_view_get_canvas (fx->view));
  gw_test_spin ();
  gw_test_xdotool ("key --clearmodifiers ctrl+minus");
  g_assert_cmpint (gw_gantt_view_get_zoom (fx->view), ==, GW_GANTT_ZOOM_WEEK);
  bar_of (fx, "B", &after);
  g_assert_cmpfloat (after.w, <, before.w);
  gw_test_xdotool ("key --clearmodifiers ctrl+plus");
  g_assert_cmpint (gw_gantt_view_get_zoom (fx->view), ==, GW_GANTT_ZOOM_DAY);
  bar_of (fx, "B", &after);
  g_assert_cmpfloat_with_epsilon (after.w, before.w, 1e-9);
}

/* The Resources page: typing a role's headcount into its field changes
 * the register (one undo step) and the load chart follows. */
static gboolean
resources_drawn (gpointer data)
{
  GwResourcesView *view = data;

  return !gw_resources_view_is_busy (view) && gw_resources_view_get_chart (view) != NULL;
}

static void
wait_for_resources (GwResourcesView *view)
{
  g_assert_true (gw_test_wait_until (resources_drawn, view, 10000));
  gw_test_wait_ms (100);
  gw_test_spin ();
}

static int
role_of (GwResourceChart *chart,
         const char      *name)
{
  GwSchedule *s = gw_resource_chart_get_schedule (chart);

  for (guint r = 0; r < s->n_roles; r++)
    if (g_strcmp0 (s->roles[r].name, name) == 0)
      return (int) r;
  g_assert_not_reached ();
}

static void
test_resources_headcount (Fixture       *fx,
                          gconstpointer  data)
{
  GtkWidget *stack = gw_test_find_type (GTK_WIDGET (fx->window), ADW_TYPE_VIEW_STACK);
  GwResourcesView *view;
  GwResourceChart *chart;
  GtkSpinButton *field;
  g_autoptr(GPtrArray) roles = NULL;
  int sx, sy, dev;
  g_autofree char *args = NULL;

  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), "resources");
  view = GW_RESOURCES_VIEW (gw_test_find_type (GTK_WIDGET (fx->window), GW_TYPE_RESOURCES_VIEW));
  g_assert_nonnull (view);
  wait_for_resources (view);

  /* Two developers: A and C in week 1 side by side. */
  chart = gw_resources_view_get_chart (view);
  dev = role_of (chart, "dev");
  g_assert_cmpfloat (gw_resource_chart_get_capacity (chart, dev, 0), ==, 80);
  g_assert_cmpint (gw_resource_chart_get_load (chart)->peak_people[dev], ==, 2);
  g_assert_cmpuint (gw_resource_chart_count_over (chart), ==, 0);
  field = gw_resources_view_get_role_spin (view, "dev", FALSE);
  g_assert_nonnull (field);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (field), ==, 2);

  /* Type 1 into the field and press Enter. */
  gw_test_screen_point (GTK_WIDGET (field), 12, gtk_widget_get_height (GTK_WIDGET (field)) / 2.0, &sx, &sy);
  args = g_strdup_printf ("mousemove %d %d sleep 0.2 click 1 sleep 0.2 key ctrl+a type 1", sx, sy);
  gw_test_xdotool (args);
  gw_test_xdotool ("key Return");
  roles = gw_store_list_roles (store_of (fx));
  g_assert_cmpuint (roles->len, ==, 1);
  g_assert_cmpint (((GwRole *) g_ptr_array_index (roles, 0))->headcount, ==, 1);

  wait_for_resources (view);
  chart = gw_resources_view_get_chart (view);
  dev = role_of (chart, "dev");
  g_assert_cmpfloat (gw_resource_chart_get_capacity (chart, dev, 0), ==, 40);
  g_assert_cmpint (gw_resource_chart_get_load (chart)->peak_people[dev], ==, 1);
  g_assert_cmpfloat (gw_resource_chart_get_value (chart, dev, 0), ==, 32);   /* 8 + 16 + 8 h, one at a time */

  /* One undo step takes it back, field and chart. */
  gtk_widget_activate_action (GTK_WIDGET (fx->window), "win.undo", NULL);
  gw_test_spin ();
  g_clear_pointer (&roles, g_ptr_array_unref);
  roles = gw_store_list_roles (store_of (fx));
  g_assert_cmpint (((GwRole *) g_ptr_array_index (roles, 0))->headcount, ==, 2);
  wait_for_resources (view);
  chart = gw_resources_view_get_chart (view);
  g_assert_cmpfloat (gw_resource_chart_get_capacity (chart, role_of (chart, "dev"), 0), ==, 80);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (gw_resources_view_get_role_spin (view, "dev", FALSE)), ==, 2);
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

#define ADD(path, fn) g_test_add ("/gantt-view/" path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("schedule-shown", test_schedule_shown);
  ADD ("drag-bar", test_drag_bar);
  ADD ("drag-bar-end", test_drag_bar_end);
  ADD ("click", test_click);
  ADD ("zoom-keys", test_zoom_keys);
#undef ADD
  g_test_add ("/resources-view/headcount", Fixture, NULL, fixture_setup, test_resources_headcount, fixture_teardown);

  return g_test_run ();
}
