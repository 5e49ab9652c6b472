/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The dependency graph as a widget that pans (drag the background, or
 * scroll) and zooms (Ctrl+scroll, pinch), selects items and edges, adds a
 * dependency when a node is dragged onto another (the one dropped on
 * depends on the one dragged), and deletes the selected edge with Delete.
 * Edits go through the store, so each is one undoable step; a dependency
 * that would close a cycle is refused with a toast that names the cycle. */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "gw-graph-canvas.h"
#include "gw-style-palette.h"

#define MIN_ZOOM 0.05
#define MAX_ZOOM 4.0
#define DRAG_THRESHOLD 4.0
#define EDGE_TOLERANCE 6.0

typedef enum
{
  DRAG_NONE,
  DRAG_PAN,
  DRAG_LINK,
} DragMode;

struct _GwGraphCanvas
{
  GtkWidget      parent_instance;

  GwContext     *context;
  GwGraphRender *render;
  GHashTable    *critical;        /* keys of the critical path */
  GwGraphFocus   focus_kind;
  gboolean       show_bands;

  double         zoom;
  double         origin_x;        /* the drawing's point at the widget's top left */
  double         origin_y;
  gboolean       fit_pending;     /* zoom to fit once the widget has a size */

  DragMode       drag_mode;
  gboolean       dragging;
  double         start_x, start_y;
  double         start_origin_x, start_origin_y;
  double         pointer_x, pointer_y;
  char          *link_from;

  char          *edge_prerequisite;   /* the selected edge */
  char          *edge_dependent;
  double         zoom_start;
};

G_DEFINE_FINAL_TYPE (GwGraphCanvas, gw_graph_canvas, GTK_TYPE_WIDGET)

/* Helpers */

static void
to_drawing (GwGraphCanvas *self,
            double         x,
            double         y,
            double        *dx,
            double        *dy)
{
  *dx = x / self->zoom + self->origin_x;
  *dy = y / self->zoom + self->origin_y;
}

static GwStore *
get_store (GwGraphCanvas *self)
{
  return self->context ? gw_context_get_store (self->context) : NULL;
}

static gboolean
can_edit (GwGraphCanvas *self)
{
  return get_store (self) != NULL && !gw_context_get_read_only (self->context);
}

static const char *
selected_key (GwGraphCanvas *self)
{
  GwItem *item = self->context ? gw_context_get_selected_item (self->context) : NULL;

  return item ? gw_item_get_key (item) : NULL;
}

static const char *
node_at (GwGraphCanvas *self,
         double         x,
         double         y)
{
  double dx, dy;

  if (self->render == NULL)
    return NULL;
  to_drawing (self, x, y, &dx, &dy);
  return gw_graph_render_node_at (self->render, dx, dy);
}

static void
show_error (GwGraphCanvas *self,
            const GError  *error)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    {
      AdwToast *toast = adw_toast_new (error->message);

      adw_toast_set_timeout (toast, 6);
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
    }
  else
    g_message ("%s", error->message);
}

static void
clamp_origin (GwGraphCanvas *self)
{
  double gw = 0, gh = 0;
  double w = gtk_widget_get_width (GTK_WIDGET (self)) / self->zoom;
  double h = gtk_widget_get_height (GTK_WIDGET (self)) / self->zoom;

  if (self->render == NULL)
    return;
  gw_graph_render_get_size (self->render, &gw, &gh);
  /* Keep some of the graph in view: no panning off into the void. */
  self->origin_x = CLAMP (self->origin_x, MIN (-w + 80 / self->zoom, 0), MAX (gw - 80 / self->zoom, 0));
  self->origin_y = CLAMP (self->origin_y, MIN (-h + 80 / self->zoom, 0), MAX (gh - 80 / self->zoom, 0));
}

/* Zooms by @factor keeping the drawing's point under (@x, @y) in place. */
static void
zoom_at (GwGraphCanvas *self,
         double         factor,
         double         x,
         double         y)
{
  double dx, dy;
  double zoom = CLAMP (self->zoom * factor, MIN_ZOOM, MAX_ZOOM);

  to_drawing (self, x, y, &dx, &dy);
  self->zoom = zoom;
  self->origin_x = dx - x / zoom;
  self->origin_y = dy - y / zoom;
  clamp_origin (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
clear_edge (GwGraphCanvas *self)
{
  g_clear_pointer (&self->edge_prerequisite, g_free);
  g_clear_pointer (&self->edge_dependent, g_free);
}

static void
add_dependency (GwGraphCanvas *self,
                const char    *prerequisite,
                const char    *dependent)
{
  g_autoptr(GError) error = NULL;

  if (!gw_store_link (get_store (self), dependent, prerequisite, 0, &error))
    show_error (self, error);
}

/* Callbacks */

static void
on_drag_begin_cb (GwGraphCanvas  *self,
                  double          x,
                  double          y,
                  GtkGestureDrag *gesture)
{
  const char *node = node_at (self, x, y);

  self->start_x = self->pointer_x = x;
  self->start_y = self->pointer_y = y;
  self->start_origin_x = self->origin_x;
  self->start_origin_y = self->origin_y;
  self->dragging = FALSE;
  g_clear_pointer (&self->link_from, g_free);
  if (node != NULL && can_edit (self))
    {
      self->drag_mode = DRAG_LINK;
      self->link_from = g_strdup (node);
    }
  else
    self->drag_mode = DRAG_PAN;
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
on_drag_update_cb (GwGraphCanvas  *self,
                   double          dx,
                   double          dy,
                   GtkGestureDrag *gesture)
{
  if (!self->dragging && hypot (dx, dy) < DRAG_THRESHOLD)
    return;
  self->dragging = TRUE;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  self->pointer_x = self->start_x + dx;
  self->pointer_y = self->start_y + dy;
  if (self->drag_mode == DRAG_PAN)
    {
      self->origin_x = self->start_origin_x - dx / self->zoom;
      self->origin_y = self->start_origin_y - dy / self->zoom;
      clamp_origin (self);
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
    }
  else
    gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "crosshair");
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_drag_end_cb (GwGraphCanvas  *self,
                double          dx,
                double          dy,
                GtkGestureDrag *gesture)
{
  DragMode mode = self->drag_mode;
  g_autofree char *from = g_steal_pointer (&self->link_from);

  self->drag_mode = DRAG_NONE;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), NULL);

  if (!self->dragging)
    {
      /* A click: an item, an edge, or nothing. */
      const char *node = node_at (self, self->start_x, self->start_y);
      const char *prerequisite = NULL, *dependent = NULL;
      double x, y;

      clear_edge (self);
      to_drawing (self, self->start_x, self->start_y, &x, &y);
      if (node != NULL)
        gw_context_select_key (self->context, node);
      else if (self->render != NULL &&
               gw_graph_render_edge_at (self->render, x, y, EDGE_TOLERANCE / self->zoom, &prerequisite, &dependent))
        {
          self->edge_prerequisite = g_strdup (prerequisite);
          self->edge_dependent = g_strdup (dependent);
        }
      else if (self->context != NULL)
        gw_context_set_selected_item (self->context, NULL);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }
  self->dragging = FALSE;

  if (mode == DRAG_LINK && from != NULL)
    {
      const char *to = node_at (self, self->pointer_x, self->pointer_y);

      if (to != NULL && g_strcmp0 (to, from) != 0)
        add_dependency (self, from, to);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
on_scroll_cb (GwGraphCanvas            *self,
              double                    dx,
              double                    dy,
              GtkEventControllerScroll *controller)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  if (state & GDK_CONTROL_MASK)
    {
      zoom_at (self, dy < 0 ? 1.15 : 1 / 1.15, self->pointer_x, self->pointer_y);
      return TRUE;
    }
  if (state & GDK_SHIFT_MASK)
    {
      double t = dx;

      dx = dy;
      dy = t;
    }
  self->origin_x += dx * 40 / self->zoom;
  self->origin_y += dy * 40 / self->zoom;
  clamp_origin (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

static void
on_zoom_begin_cb (GwGraphCanvas  *self,
                  GdkEventSequence *sequence,
                  GtkGesture     *gesture)
{
  self->zoom_start = self->zoom;
}

static void
on_zoom_scale_changed_cb (GwGraphCanvas  *self,
                          double          scale,
                          GtkGestureZoom *gesture)
{
  double x, y;

  gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y);
  zoom_at (self, self->zoom_start * scale / self->zoom, x, y);
}

static void
on_motion_cb (GwGraphCanvas            *self,
              double                    x,
              double                    y,
              GtkEventControllerMotion *motion)
{
  self->pointer_x = x;
  self->pointer_y = y;
  if (self->drag_mode == DRAG_NONE)
    gtk_widget_set_cursor_from_name (GTK_WIDGET (self),
                                     node_at (self, x, y) != NULL && can_edit (self) ? "pointer" : NULL);
}

static gboolean
on_key_pressed_cb (GwGraphCanvas         *self,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   GtkEventControllerKey *controller)
{
  if (keyval == GDK_KEY_Delete || keyval == GDK_KEY_KP_Delete || keyval == GDK_KEY_BackSpace)
    return gw_graph_canvas_delete_selected_edge (self);
  if (keyval == GDK_KEY_Escape)
    {
      if (self->dragging)
        {
          self->dragging = FALSE;
          self->drag_mode = DRAG_NONE;
          g_clear_pointer (&self->link_from, g_free);
        }
      else
        clear_edge (self);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return TRUE;
    }
  return FALSE;
}

static gboolean
on_query_tooltip_cb (GwGraphCanvas *self,
                     int            x,
                     int            y,
                     gboolean       keyboard,
                     GtkTooltip    *tooltip)
{
  const char *key = node_at (self, x, y);
  const char *prerequisite = NULL, *dependent = NULL;
  g_autofree char *text = NULL;
  double dx, dy;

  if (self->dragging || self->render == NULL)
    return FALSE;
  if (key != NULL && self->context != NULL)
    {
      GwItem *item = gw_item_list_lookup (gw_context_get_items (self->context), key);
      g_autofree char *hours = NULL;

      if (item == NULL)
        return FALSE;
      hours = gw_format_hours (gw_item_get_effort_hours (item));
      /* Translators: a node's tooltip: key, title, status, effort */
      text = g_markup_printf_escaped (_("<b>%s</b> %s\n%s · %s h"), key, gw_item_get_title (item),
                                      gw_status_to_label (gw_item_get_status (item)), hours);
    }
  else
    {
      to_drawing (self, x, y, &dx, &dy);
      if (!gw_graph_render_edge_at (self->render, dx, dy, EDGE_TOLERANCE / self->zoom, &prerequisite, &dependent))
        return FALSE;
      /* Translators: an edge's tooltip, "P0-002 depends on P0-001" */
      text = g_markup_printf_escaped (_("<b>%s</b> depends on <b>%s</b>"), dependent, prerequisite);
    }
  gtk_tooltip_set_markup (tooltip, text);
  return TRUE;
}

/* GtkWidget */

static void
gw_graph_canvas_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  GwGraphCanvas *self = GW_GRAPH_CANVAS (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GwRenderPalette palette;
  GwGraphView view;
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;
  if (self->fit_pending && self->render != NULL)
    {
      self->fit_pending = FALSE;
      gw_graph_canvas_zoom_to_fit (self);
    }

  gw_style_palette_for_widget (widget, &palette);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gw_render_set_color (cr, &palette.background, 1);
  cairo_paint (cr);

  if (self->render != NULL)
    {
      cairo_save (cr);
      cairo_scale (cr, self->zoom, self->zoom);
      cairo_translate (cr, -self->origin_x, -self->origin_y);
      gw_graph_view_init (&view, &palette);
      view.highlight = self->critical;
      view.selected = selected_key (self);
      view.focus = self->focus_kind != GW_GRAPH_FOCUS_NONE ? view.selected : NULL;
      view.focus_kind = self->focus_kind;
      view.show_bands = self->show_bands;
      view.selected_prerequisite = self->edge_prerequisite;
      view.selected_dependent = self->edge_dependent;
      gw_graph_render_draw (self->render, cr, &view);
      cairo_restore (cr);
    }

  /* The dependency being drawn, from the node to the pointer. */
  if (self->dragging && self->drag_mode == DRAG_LINK && self->link_from != NULL)
    {
      double x, y, w, h;
      const char *target = node_at (self, self->pointer_x, self->pointer_y);

      if (gw_graph_render_get_node_rect (self->render, self->link_from, &x, &y, &w, &h))
        {
          gw_render_set_color (cr, &palette.accent, 1);
          cairo_set_line_width (cr, 2.5);
          cairo_set_dash (cr, (double[]) { 6, 4 }, 2, 0);
          cairo_move_to (cr, (x + w / 2 - self->origin_x) * self->zoom, (y + h / 2 - self->origin_y) * self->zoom);
          cairo_line_to (cr, self->pointer_x, self->pointer_y);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
        }
      if (target != NULL && g_strcmp0 (target, self->link_from) != 0 &&
          gw_graph_render_get_node_rect (self->render, target, &x, &y, &w, &h))
        {
          gw_render_set_color (cr, &palette.accent, 1);
          cairo_set_line_width (cr, 3);
          gw_render_rounded_rectangle (cr, (x - self->origin_x) * self->zoom - 3, (y - self->origin_y) * self->zoom - 3,
                                       w * self->zoom + 6, h * self->zoom + 6, 8);
          cairo_stroke (cr);
        }
    }
  cairo_destroy (cr);
}

static void
gw_graph_canvas_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  clamp_origin (GW_GRAPH_CANVAS (widget));
}

/* GObject */

static void
gw_graph_canvas_dispose (GObject *object)
{
  GwGraphCanvas *self = GW_GRAPH_CANVAS (object);

  g_clear_pointer (&self->render, gw_graph_render_free);
  g_clear_pointer (&self->critical, g_hash_table_unref);
  g_clear_pointer (&self->link_from, g_free);
  clear_edge (self);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (gw_graph_canvas_parent_class)->dispose (object);
}

static void
gw_graph_canvas_class_init (GwGraphCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gw_graph_canvas_dispose;
  widget_class->snapshot = gw_graph_canvas_snapshot;
  widget_class->size_allocate = gw_graph_canvas_size_allocate;

  gtk_widget_class_set_css_name (widget_class, "dependencygraph");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
gw_graph_canvas_init (GwGraphCanvas *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkGesture *zoom = gtk_gesture_zoom_new ();
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->zoom = 1;
  self->focus_kind = GW_GRAPH_FOCUS_NONE;
  self->show_bands = TRUE;
  self->fit_pending = TRUE;

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect_swapped (drag, "drag-begin", G_CALLBACK (on_drag_begin_cb), self);
  g_signal_connect_swapped (drag, "drag-update", G_CALLBACK (on_drag_update_cb), self);
  g_signal_connect_swapped (drag, "drag-end", G_CALLBACK (on_drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  g_signal_connect_swapped (zoom, "begin", G_CALLBACK (on_zoom_begin_cb), self);
  g_signal_connect_swapped (zoom, "scale-changed", G_CALLBACK (on_zoom_scale_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (zoom));

  g_signal_connect_swapped (scroll, "scroll", G_CALLBACK (on_scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);

  g_signal_connect_swapped (motion, "motion", G_CALLBACK (on_motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("The items and what each depends on"), -1);
}

/* Public API */

void
gw_graph_canvas_set_context (GwGraphCanvas *self,
                             GwContext     *context)
{
  g_return_if_fail (GW_IS_GRAPH_CANVAS (self));

  if (g_set_object (&self->context, context))
    self->fit_pending = TRUE;
}

/**
 * gw_graph_canvas_set_render:
 * @render: (transfer full) (nullable): the laid-out graph
 * @critical: (nullable): the keys of the critical path
 *
 * Shows a new layout. The zoom and the scroll position stay, so that an
 * edit, which moves little, does not move the view.
 */
void
gw_graph_canvas_set_render (GwGraphCanvas *self,
                            GwGraphRender *render,
                            GHashTable    *critical)
{
  g_return_if_fail (GW_IS_GRAPH_CANVAS (self));

  g_clear_pointer (&self->render, gw_graph_render_free);
  self->render = render;
  g_clear_pointer (&self->critical, g_hash_table_unref);
  self->critical = critical ? g_hash_table_ref (critical) : NULL;
  if (self->drag_mode == DRAG_LINK)
    {
      self->drag_mode = DRAG_NONE;
      self->dragging = FALSE;
    }
  clamp_origin (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * gw_graph_canvas_get_render:
 *
 * Returns: (transfer none) (nullable): the graph shown
 */
GwGraphRender *
gw_graph_canvas_get_render (GwGraphCanvas *self)
{
  g_return_val_if_fail (GW_IS_GRAPH_CANVAS (self), NULL);
  return self->render;
}

void
gw_graph_canvas_set_focus_kind (GwGraphCanvas *self,
                                GwGraphFocus   kind)
{
  g_return_if_fail (GW_IS_GRAPH_CANVAS (self));
  self->focus_kind = kind;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
gw_graph_canvas_set_show_bands (GwGraphCanvas *self,
                                gboolean       show)
{
  g_return_if_fail (GW_IS_GRAPH_CANVAS (self));
  self->show_bands = show;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

double
gw_graph_canvas_get_zoom (GwGraphCanvas *self)
{
  g_return_val_if_fail (GW_IS_GRAPH_CANVAS (self), 1);
  return self->zoom;
}

/**
 * gw_graph_canvas_zoom_by:
 *
 * Zooms around the middle of the view.
 */
void
gw_graph_canvas_zoom_by (GwGraphCanvas *self,
                         double         factor)
{
  g_return_if_fail (GW_IS_GRAPH_CANVAS (self));
  zoom_at (self, factor, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
           gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

/**
 * gw_graph_canvas_zoom_to_fit:
 *
 * Shows the whole graph, at 100 % at most.
 */
void
gw_graph_canvas_zoom_to_fit (GwGraphCanvas *self)
{
  double gw = 0, gh = 0;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  g_return_if_fail (GW_IS_GRAPH_CANVAS (self));

  if (self->render == NULL || width <= 0 || height <= 0)
    {
      self->fit_pending = TRUE;
      return;
    }
  gw_graph_render_get_size (self->render, &gw, &gh);
  self->zoom = CLAMP (MIN (width / MAX (gw, 1), height / MAX (gh, 1)), MIN_ZOOM, 1.0);
  self->origin_x = (gw - width / self->zoom) / 2;
  self->origin_y = (gh - height / self->zoom) / 2;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * gw_graph_canvas_scroll_to_key:
 *
 * Centres the view on the item's node, zooming in to read it if needed.
 *
 * Returns: whether the graph has the item
 */
gboolean
gw_graph_canvas_scroll_to_key (GwGraphCanvas *self,
                               const char    *key)
{
  double x, y, w, h;

  g_return_val_if_fail (GW_IS_GRAPH_CANVAS (self), FALSE);

  if (self->render == NULL || key == NULL || !gw_graph_render_get_node_rect (self->render, key, &x, &y, &w, &h))
    return FALSE;
  self->zoom = MAX (self->zoom, 0.8);
  self->origin_x = x + w / 2 - gtk_widget_get_width (GTK_WIDGET (self)) / 2.0 / self->zoom;
  self->origin_y = y + h / 2 - gtk_widget_get_height (GTK_WIDGET (self)) / 2.0 / self->zoom;
  clamp_origin (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

/**
 * gw_graph_canvas_get_node_point:
 *
 * Returns: whether the item's node is in the graph; (@x, @y) is its
 *   centre in the widget's coordinates
 */
gboolean
gw_graph_canvas_get_node_point (GwGraphCanvas *self,
                                const char    *key,
                                double        *x,
                                double        *y)
{
  double nx, ny, w, h;

  g_return_val_if_fail (GW_IS_GRAPH_CANVAS (self), FALSE);

  if (self->render == NULL || !gw_graph_render_get_node_rect (self->render, key, &nx, &ny, &w, &h))
    return FALSE;
  *x = (nx + w / 2 - self->origin_x) * self->zoom;
  *y = (ny + h / 2 - self->origin_y) * self->zoom;
  return TRUE;
}

void
gw_graph_canvas_select_edge (GwGraphCanvas *self,
                             const char    *prerequisite,
                             const char    *dependent)
{
  g_return_if_fail (GW_IS_GRAPH_CANVAS (self));

  clear_edge (self);
  self->edge_prerequisite = g_strdup (prerequisite);
  self->edge_dependent = g_strdup (dependent);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
gw_graph_canvas_get_selected_edge (GwGraphCanvas  *self,
                                   const char    **prerequisite,
                                   const char    **dependent)
{
  g_return_val_if_fail (GW_IS_GRAPH_CANVAS (self), FALSE);

  if (self->edge_prerequisite == NULL)
    return FALSE;
  if (prerequisite)
    *prerequisite = self->edge_prerequisite;
  if (dependent)
    *dependent = self->edge_dependent;
  return TRUE;
}

/**
 * gw_graph_canvas_delete_selected_edge:
 *
 * Removes the selected dependency from the register (one undoable edit).
 *
 * Returns: whether an edge was selected
 */
gboolean
gw_graph_canvas_delete_selected_edge (GwGraphCanvas *self)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (GW_IS_GRAPH_CANVAS (self), FALSE);

  if (self->edge_prerequisite == NULL || !can_edit (self))
    return FALSE;
  if (!gw_store_unlink (get_store (self), self->edge_dependent, self->edge_prerequisite, &error))
    show_error (self, error);
  clear_edge (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}
