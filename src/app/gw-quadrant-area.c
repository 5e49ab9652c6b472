/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The impact/effort quadrant as a widget: hover shows an item, a click
 * selects it, dragging a marker re-rates the item's effort and impact, and
 * dragging a quadrant line moves the register's threshold. Every drag is
 * one edit of the store, so Ctrl+Z takes it back. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "gw-quadrant-area.h"

/* A press that moves less than this is a click. */
#define DRAG_THRESHOLD 3.0

typedef enum
{
  DRAG_NONE,
  DRAG_MARKER,
  DRAG_EFFORT_LINE,
  DRAG_IMPACT_LINE,
} DragMode;

struct _GwQuadrantArea
{
  GwChartArea        parent_instance;

  GwContext         *context;
  GPtrArray         *items;         /* GwItem shown */
  GwQuadrantOptions  options;
  GwQuadrantChart   *chart;
  gboolean           snap;

  GwItem            *hover;
  DragMode           drag_mode;
  GwItem            *drag_item;
  gboolean           dragging;      /* past the click threshold */
  double             start_x, start_y;
  double             drag_effort, drag_impact;
  double             drag_threshold;
};

G_DEFINE_FINAL_TYPE (GwQuadrantArea, gw_quadrant_area, GW_TYPE_CHART_AREA)

/* Helpers */

static GwStore *
get_store (GwQuadrantArea *self)
{
  return self->context ? gw_context_get_store (self->context) : NULL;
}

static gboolean
can_edit (GwQuadrantArea *self)
{
  return get_store (self) != NULL && !gw_context_get_read_only (self->context);
}

static double
snap_effort (GwQuadrantArea *self,
             double          hours)
{
  if (!self->snap)
    return MAX (round (hours * 10) / 10, 0.1);
  /* Whole hours, half hours below two. */
  return hours < 2 ? MAX (round (hours * 2) / 2, 0.5) : round (hours);
}

static double
snap_impact (GwQuadrantArea *self,
             double          impact)
{
  return self->snap ? round (impact / 5) * 5 : round (impact);
}

static void
rebuild_chart (GwQuadrantArea *self)
{
  g_clear_pointer (&self->chart, gw_quadrant_chart_free);
  if (self->items != NULL)
    self->chart = gw_quadrant_chart_new (self->items, &self->options);
  gw_chart_area_queue_layout (GW_CHART_AREA (self));
}

static void
set_hover (GwQuadrantArea *self,
           GwItem         *item)
{
  if (self->hover == item)
    return;
  self->hover = item;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), item != NULL && can_edit (self) ? "grab" : NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
commit_marker (GwQuadrantArea *self)
{
  g_autoptr(GwItem) copy = gw_item_copy (self->drag_item);
  g_autoptr(GError) error = NULL;
  g_autofree char *hours = gw_format_hours (self->drag_effort);

  if (!gw_item_set_field_text (copy, GW_FIELD_EFFORT_HOURS, hours, NULL, &error))
    goto fail;
  gw_item_set_impact (copy, (int) CLAMP (self->drag_impact, 0, 100));
  if (gw_store_update_item (get_store (self), copy, &error))
    return;

fail:
  gw_chart_area_show_error (GW_CHART_AREA (self), error);
  rebuild_chart (self);
}

static void
commit_threshold (GwQuadrantArea *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *value = gw_format_hours (self->drag_threshold);
  const char *name = self->drag_mode == DRAG_EFFORT_LINE ? "effort_threshold" : "impact_threshold";

  if (!gw_store_set_setting (get_store (self), name, value, &error))
    {
      gw_chart_area_show_error (GW_CHART_AREA (self), error);
      rebuild_chart (self);
    }
}

/* Callbacks */

static void
on_drag_begin_cb (GwQuadrantArea *self,
                  double          x,
                  double          y,
                  GtkGestureDrag *gesture)
{
  GwQuadrantHandle handle;
  GwItem *item;

  self->drag_mode = DRAG_NONE;
  self->drag_item = NULL;
  self->dragging = FALSE;
  self->start_x = x;
  self->start_y = y;
  if (self->chart == NULL)
    return;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  item = gw_quadrant_chart_hit (self->chart, x, y);
  handle = gw_quadrant_chart_hit_handle (self->chart, x, y);
  if (item != NULL)
    {
      self->drag_mode = DRAG_MARKER;
      self->drag_item = item;
      self->drag_effort = gw_item_get_effort_hours (item);
      self->drag_impact = gw_impact_score (item);
    }
  else if (handle == GW_QUADRANT_HANDLE_EFFORT)
    {
      self->drag_mode = DRAG_EFFORT_LINE;
      self->drag_threshold = gw_quadrant_chart_get_options (self->chart)->scoring.effort_threshold;
    }
  else if (handle == GW_QUADRANT_HANDLE_IMPACT)
    {
      self->drag_mode = DRAG_IMPACT_LINE;
      self->drag_threshold = gw_quadrant_chart_get_options (self->chart)->scoring.impact_threshold;
    }
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
on_drag_update_cb (GwQuadrantArea *self,
                   double          dx,
                   double          dy,
                   GtkGestureDrag *gesture)
{
  double effort, impact;

  if (self->drag_mode == DRAG_NONE || self->chart == NULL)
    return;
  if (!self->dragging && hypot (dx, dy) < DRAG_THRESHOLD)
    return;
  if (!can_edit (self))
    return;

  self->dragging = TRUE;
  gw_quadrant_chart_to_data (self->chart, self->start_x + dx, self->start_y + dy, &effort, &impact);

  switch (self->drag_mode)
    {
    case DRAG_MARKER:
      self->drag_effort = snap_effort (self, effort);
      self->drag_impact = snap_impact (self, impact);
      gw_quadrant_chart_move_marker (self->chart, gw_item_get_id (self->drag_item),
                                     self->drag_effort, self->drag_impact);
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
      gw_chart_area_queue_draw_chart (GW_CHART_AREA (self));
      break;
    case DRAG_EFFORT_LINE:
      self->drag_threshold = MAX (round (effort), 1);
      gw_quadrant_chart_set_thresholds (self->chart, self->drag_threshold,
                                        gw_quadrant_chart_get_options (self->chart)->scoring.impact_threshold);
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "col-resize");
      gw_chart_area_queue_layout (GW_CHART_AREA (self));
      break;
    case DRAG_IMPACT_LINE:
      self->drag_threshold = CLAMP (snap_impact (self, impact), 1, 99);
      gw_quadrant_chart_set_thresholds (self->chart,
                                        gw_quadrant_chart_get_options (self->chart)->scoring.effort_threshold,
                                        self->drag_threshold);
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "row-resize");
      gw_chart_area_queue_layout (GW_CHART_AREA (self));
      break;
    case DRAG_NONE:
    default:
      break;
    }
}

static void
on_drag_end_cb (GwQuadrantArea *self,
                double          dx,
                double          dy,
                GtkGestureDrag *gesture)
{
  DragMode mode = self->drag_mode;

  self->drag_mode = DRAG_NONE;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), NULL);
  if (!self->dragging)
    {
      /* A click: select the item under the pointer, or nothing. */
      if (self->context != NULL && self->chart != NULL)
        gw_context_set_selected_item (self->context, gw_quadrant_chart_hit (self->chart, self->start_x, self->start_y));
      return;
    }
  self->dragging = FALSE;

  if (mode == DRAG_MARKER)
    commit_marker (self);
  else if (mode == DRAG_EFFORT_LINE || mode == DRAG_IMPACT_LINE)
    {
      self->drag_mode = mode;
      commit_threshold (self);
      self->drag_mode = DRAG_NONE;
    }
  self->drag_item = NULL;
}

static void
on_motion_cb (GwQuadrantArea           *self,
              double                    x,
              double                    y,
              GtkEventControllerMotion *motion)
{
  GwQuadrantHandle handle;

  if (self->chart == NULL || self->dragging)
    return;
  set_hover (self, gw_quadrant_chart_hit (self->chart, x, y));
  if (self->hover == NULL && can_edit (self))
    {
      handle = gw_quadrant_chart_hit_handle (self->chart, x, y);
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self),
                                       handle == GW_QUADRANT_HANDLE_EFFORT ? "col-resize" :
                                       handle == GW_QUADRANT_HANDLE_IMPACT ? "row-resize" : NULL);
    }
}

static void
on_leave_cb (GwQuadrantArea           *self,
             GtkEventControllerMotion *motion)
{
  set_hover (self, NULL);
}

static gboolean
on_key_pressed_cb (GwQuadrantArea        *self,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   GtkEventControllerKey *controller)
{
  if (keyval == GDK_KEY_Escape && self->dragging)
    {
      /* Cancel the drag: nothing is written. */
      self->dragging = FALSE;
      self->drag_mode = DRAG_NONE;
      self->drag_item = NULL;
      rebuild_chart (self);
      return TRUE;
    }
  return FALSE;
}

static gboolean
on_query_tooltip_cb (GwQuadrantArea *self,
                     int             x,
                     int             y,
                     gboolean        keyboard,
                     GtkTooltip     *tooltip)
{
  GwItem *item = self->chart ? gw_quadrant_chart_hit (self->chart, x, y) : NULL;
  g_autofree char *hours = NULL;
  g_autofree char *text = NULL;
  g_autofree char *roi = NULL;
  g_autofree char *scores = NULL;
  double roi_pct;

  if (item == NULL || self->dragging)
    return FALSE;

  hours = gw_format_hours (gw_item_get_effort_hours (item));
  roi_pct = gw_item_get_roi_pct (item);
  /* Translators: " · ROI 400 %" */
  roi = isnan (roi_pct) ? g_strdup ("") : g_strdup_printf (_(" · ROI %.0f %%"), roi_pct);
  /* Translators: "Effort 6 h · Impact 90" and the ROI part */
  scores = g_strdup_printf (_("Effort %s h · Impact %d%s"), hours, gw_impact_score (item), roi);
  text = g_markup_printf_escaped ("<b>%s</b> %s\n%s\n%s",
                                  gw_item_get_key (item), gw_item_get_title (item), scores,
                                  gw_quadrant_to_label (gw_item_quadrant (item, &gw_quadrant_chart_get_options (self->chart)->scoring)));
  gtk_tooltip_set_markup (tooltip, text);
  return TRUE;
}

/* GwChartArea */

static void
gw_quadrant_area_layout (GwChartArea           *area,
                         cairo_t               *cr,
                         const GwRenderPalette *palette,
                         double                 width,
                         double                 height)
{
  GwQuadrantArea *self = GW_QUADRANT_AREA (area);

  if (self->chart != NULL)
    gw_quadrant_chart_layout (self->chart, cr, palette, width, height);
}

static void
gw_quadrant_area_draw (GwChartArea           *area,
                       cairo_t               *cr,
                       const GwRenderPalette *palette)
{
  GwQuadrantArea *self = GW_QUADRANT_AREA (area);
  GwItem *selected = self->context ? gw_context_get_selected_item (self->context) : NULL;

  if (self->chart == NULL)
    return;
  gw_quadrant_chart_set_selected (self->chart, selected ? gw_item_get_id (selected) : 0);
  gw_quadrant_chart_draw (self->chart, cr, palette);
}

static void
gw_quadrant_area_draw_overlay (GwChartArea           *area,
                               cairo_t               *cr,
                               const GwRenderPalette *palette)
{
  GwQuadrantArea *self = GW_QUADRANT_AREA (area);
  double x, y, r;

  if (self->chart == NULL)
    return;

  if (self->hover != NULL && !self->dragging &&
      gw_quadrant_chart_get_marker (self->chart, gw_item_get_id (self->hover), &x, &y, &r))
    {
      gw_render_set_color (cr, &palette->accent, 1);
      cairo_set_line_width (cr, 1.5);
      cairo_arc (cr, x, y, r + 3.5, 0, 2 * G_PI);
      cairo_stroke (cr);
    }

  /* While a marker is dragged, its new values beside it. */
  if (self->dragging && self->drag_mode == DRAG_MARKER &&
      gw_quadrant_chart_get_marker (self->chart, gw_item_get_id (self->drag_item), &x, &y, &r))
    {
      g_autofree char *hours = gw_format_hours (self->drag_effort);
      g_autofree char *text = g_strdup_printf (_("%s h · impact %.0f"), hours, self->drag_impact);
      g_autoptr(PangoLayout) layout = gw_render_text_layout (cr, palette, 12, TRUE);
      double w, h;

      gw_render_text_set (layout, text, -1);
      gw_render_text_size (layout, &w, &h);
      x = MIN (x + r + 8, gtk_widget_get_width (GTK_WIDGET (self)) - w - 12);
      y = MAX (y - r - h - 10, 4);
      gw_render_rounded_rectangle (cr, x, y, w + 12, h + 6, 6);
      gw_render_set_color (cr, &palette->foreground, 0.85);
      cairo_fill (cr);
      gw_render_set_color (cr, &palette->background, 1);
      cairo_move_to (cr, x + 6, y + 3);
      pango_cairo_show_layout (cr, layout);
    }
}

/* GObject */

static void
gw_quadrant_area_dispose (GObject *object)
{
  GwQuadrantArea *self = GW_QUADRANT_AREA (object);

  g_clear_pointer (&self->chart, gw_quadrant_chart_free);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (gw_quadrant_area_parent_class)->dispose (object);
}

static void
gw_quadrant_area_class_init (GwQuadrantAreaClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GwChartAreaClass *area_class = GW_CHART_AREA_CLASS (klass);

  object_class->dispose = gw_quadrant_area_dispose;
  area_class->layout = gw_quadrant_area_layout;
  area_class->draw = gw_quadrant_area_draw;
  area_class->draw_overlay = gw_quadrant_area_draw_overlay;

  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "quadrantchart");
  gtk_widget_class_set_accessible_role (GTK_WIDGET_CLASS (klass), GTK_ACCESSIBLE_ROLE_IMG);
}

static void
gw_quadrant_area_init (GwQuadrantArea *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  gw_quadrant_options_init (&self->options);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect_swapped (drag, "drag-begin", G_CALLBACK (on_drag_begin_cb), self);
  g_signal_connect_swapped (drag, "drag-update", G_CALLBACK (on_drag_update_cb), self);
  g_signal_connect_swapped (drag, "drag-end", G_CALLBACK (on_drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  g_signal_connect_swapped (motion, "motion", G_CALLBACK (on_motion_cb), self);
  g_signal_connect_swapped (motion, "leave", G_CALLBACK (on_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Impact and effort of every item"), -1);
}

/* Public API */

GwQuadrantArea *
gw_quadrant_area_new (void)
{
  return g_object_new (GW_TYPE_QUADRANT_AREA, NULL);
}

void
gw_quadrant_area_set_context (GwQuadrantArea *self,
                              GwContext      *context)
{
  g_return_if_fail (GW_IS_QUADRANT_AREA (self));
  g_set_object (&self->context, context);
}

/**
 * gw_quadrant_area_set_items:
 * @items: (element-type GwItem): the items to show
 */
void
gw_quadrant_area_set_items (GwQuadrantArea *self,
                            GPtrArray      *items)
{
  g_return_if_fail (GW_IS_QUADRANT_AREA (self));

  if (self->dragging)
    return;   /* the drag's own edit will bring the new items */
  g_clear_pointer (&self->items, g_ptr_array_unref);
  self->items = items ? g_ptr_array_ref (items) : NULL;
  self->hover = NULL;
  rebuild_chart (self);
}

void
gw_quadrant_area_set_options (GwQuadrantArea          *self,
                              const GwQuadrantOptions *options)
{
  g_return_if_fail (GW_IS_QUADRANT_AREA (self));
  self->options = *options;
  rebuild_chart (self);
}

const GwQuadrantOptions *
gw_quadrant_area_get_options (GwQuadrantArea *self)
{
  g_return_val_if_fail (GW_IS_QUADRANT_AREA (self), NULL);
  return &self->options;
}

void
gw_quadrant_area_set_snap (GwQuadrantArea *self,
                           gboolean        snap)
{
  g_return_if_fail (GW_IS_QUADRANT_AREA (self));
  self->snap = snap;
}

/**
 * gw_quadrant_area_get_chart:
 *
 * Returns: (transfer none) (nullable): the chart as laid out on screen
 */
GwQuadrantChart *
gw_quadrant_area_get_chart (GwQuadrantArea *self)
{
  g_return_val_if_fail (GW_IS_QUADRANT_AREA (self), NULL);
  return self->chart;
}

/**
 * gw_quadrant_area_get_marker_point:
 *
 * Returns: whether the item with @key is shown; (@x, @y) is its marker's
 *   centre in the widget's coordinates
 */
gboolean
gw_quadrant_area_get_marker_point (GwQuadrantArea *self,
                                   const char     *key,
                                   double         *x,
                                   double         *y)
{
  g_return_val_if_fail (GW_IS_QUADRANT_AREA (self), FALSE);

  for (guint i = 0; self->chart != NULL && self->items != NULL && i < self->items->len; i++)
    {
      GwItem *item = g_ptr_array_index (self->items, i);

      if (g_strcmp0 (gw_item_get_key (item), key) == 0)
        return gw_quadrant_chart_get_marker (self->chart, gw_item_get_id (item), x, y, NULL);
    }
  return FALSE;
}
