/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>

#include "gw-gui-test.h"

/* Runs what is pending on the main loop, without waiting. */
void
gw_test_spin (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gboolean
on_timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop for @ms milliseconds. */
void
gw_test_wait_ms (guint ms)
{
  gboolean timed_out = FALSE;

  g_timeout_add (ms, on_timeout_cb, &timed_out);
  while (!timed_out)
    g_main_context_iteration (NULL, TRUE);
}

/* Runs the main loop until @done says so, for at most @ms milliseconds.
 * Returns: what @done says at the end */
gboolean
gw_test_wait_until (GwTestCondition done,
                    gpointer        data,
                    guint           ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (ms, on_timeout_cb, &timed_out);

  while (!done (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return done (data);
}

/* The first widget of @type in @root's tree, depth first. */
GtkWidget *
gw_test_find_type (GtkWidget *root,
                   GType      type)
{
  if (g_type_is_a (G_OBJECT_TYPE (root), type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = gw_test_find_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
on_child_exit_cb (GPid     pid,
                  int      status,
                  gpointer data)
{
  *(int *) data = status;
  g_spawn_close_pid (pid);
}

/* Runs xdotool with @args while the main loop goes on, so that the window
 * receives the events as they come. */
void
gw_test_xdotool (const char *args)
{
  g_autofree char *command = g_strdup_printf ("xdotool %s", args);
  g_auto(GStrv) argv = NULL;
  g_autoptr(GError) error = NULL;
  int status = -1;
  GPid pid;

  g_assert_true (g_shell_parse_argv (command, NULL, &argv, &error));
  g_spawn_async (NULL, argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, &error);
  g_assert_no_error (error);
  g_child_watch_add (pid, on_child_exit_cb, &status);
  while (status == -1)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  /* Let the last events arrive and an edit be written. */
  gw_test_wait_ms (300);
  gw_test_spin ();
}

/* Where the point (@x, @y) of @widget is on the screen. */
void
gw_test_screen_point (GtkWidget *widget,
                      double     x,
                      double     y,
                      int       *sx,
                      int       *sy)
{
  GtkWidget *window = GTK_WIDGET (gtk_widget_get_root (widget));
  graphene_point_t in = GRAPHENE_POINT_INIT (x, y), out;
  double ox, oy;

  g_assert_true (gtk_widget_compute_point (widget, window, &in, &out));
  gtk_native_get_surface_transform (GTK_NATIVE (window), &ox, &oy);
  *sx = (int) round (out.x + ox);
  *sy = (int) round (out.y + oy);
}

/* Drags with the first button from (@x0, @y0) to (@x1, @y1) of @widget, in
 * steps, the way a hand would. */
void
gw_test_drag (GtkWidget *widget,
              double     x0,
              double     y0,
              double     x1,
              double     y1)
{
  int ax, ay, bx, by;
  g_autofree char *args = NULL;

  gw_test_screen_point (widget, x0, y0, &ax, &ay);
  gw_test_screen_point (widget, x1, y1, &bx, &by);
  args = g_strdup_printf ("mousemove --sync %d %d sleep 0.1 mousedown 1 sleep 0.1 "
                          "mousemove --sync %d %d sleep 0.1 mousemove --sync %d %d sleep 0.1 "
                          "mousemove --sync %d %d sleep 0.2 mouseup 1",
                          ax, ay, ax + 6, ay + 4, (ax + bx) / 2, (ay + by) / 2, bx, by);
  gw_test_xdotool (args);
}
