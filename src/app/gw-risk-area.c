/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The risk matrix as a widget: drag an item's chip to another cell to
 * re-rate its likelihood and severity (one undoable edit), click it to
 * select the item. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "gw-risk-area.h"
#include "gw-scoring.h"

#define DRAG_THRESHOLD 3.0

struct _GwRiskArea
{
  GwChartArea   parent_instance;

  GwContext    *context;
  GPtrArray    *items;
  int           cells;
  GwRiskMatrix *matrix;

  GwItem       *drag_item;
  gboolean      dragging;
  double        start_x, start_y;
  double        pointer_x, pointer_y;
  int           drop_likelihood, drop_severity;
};

G_DEFINE_FINAL_TYPE (GwRiskArea, gw_risk_area, GW_TYPE_CHART_AREA)

/* Helpers */

static gboolean
can_edit (GwRiskArea *self)
{
  return self->context != NULL && gw_context_get_store (self->context) != NULL &&
         !gw_context_get_read_only (self->context);
}

static void
rebuild (GwRiskArea *self)
{
  g_clear_pointer (&self->matrix, gw_risk_matrix_free);
  if (self->items != NULL)
    self->matrix = gw_risk_matrix_new (self->items, self->cells);
  gw_chart_area_queue_layout (GW_CHART_AREA (self));
}

static void
commit_drop (GwRiskArea *self)
{
  g_autoptr(GwItem) copy = gw_item_copy (self->drag_item);
  g_autoptr(GError) error = NULL;

  gw_item_set_risk_cell (copy, self->drop_likelihood, self->drop_severity, self->cells);
  if (!gw_store_update_item (gw_context_get_store (self->context), copy, &error))
    {
      gw_chart_area_show_error (GW_CHART_AREA (self), error);
      rebuild (self);
    }
}

/* Callbacks */

static void
on_drag_begin_cb (GwRiskArea     *self,
                  double          x,
                  double          y,
                  GtkGestureDrag *gesture)
{
  self->drag_item = self->matrix ? gw_risk_matrix_hit (self->matrix, x, y) : NULL;
  self->dragging = FALSE;
  self->start_x = x;
  self->start_y = y;
  gtk_widget_grab_focus (GTK_WIDGET (self));
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
on_drag_update_cb (GwRiskArea     *self,
                   double          dx,
                   double          dy,
                   GtkGestureDrag *gesture)
{
  int l, s;

  if (self->drag_item == NULL || self->matrix == NULL || !can_edit (self))
    return;
  if (!self->dragging && hypot (dx, dy) < DRAG_THRESHOLD)
    return;

  self->dragging = TRUE;
  self->pointer_x = self->start_x + dx;
  self->pointer_y = self->start_y + dy;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
  if (gw_risk_matrix_cell_at (self->matrix, self->pointer_x, self->pointer_y, &l, &s))
    {
      self->drop_likelihood = l;
      self->drop_severity = s;
    }
  else
    self->drop_likelihood = self->drop_severity = -1;
  gw_risk_matrix_set_drop_cell (self->matrix, self->drop_likelihood, self->drop_severity);
  gw_chart_area_queue_draw_chart (GW_CHART_AREA (self));
}

static void
on_drag_end_cb (GwRiskArea     *self,
                double          dx,
                double          dy,
                GtkGestureDrag *gesture)
{
  int from_l, from_s;

  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), NULL);
  if (!self->dragging)
    {
      if (self->context != NULL && self->matrix != NULL)
        gw_context_set_selected_item (self->context, gw_risk_matrix_hit (self->matrix, self->start_x, self->start_y));
      self->drag_item = NULL;
      return;
    }
  self->dragging = FALSE;
  gw_risk_matrix_set_drop_cell (self->matrix, -1, -1);
  if (self->drop_likelihood >= 0 &&
      gw_risk_matrix_get_item_cell (self->matrix, gw_item_get_id (self->drag_item), &from_l, &from_s) &&
      (from_l != self->drop_likelihood || from_s != self->drop_severity))
    commit_drop (self);
  else
    gw_chart_area_queue_draw_chart (GW_CHART_AREA (self));
  self->drag_item = NULL;
}

static gboolean
on_query_tooltip_cb (GwRiskArea *self,
                     int         x,
                     int         y,
                     gboolean    keyboard,
                     GtkTooltip *tooltip)
{
  GwItem *item = self->matrix ? gw_risk_matrix_hit (self->matrix, x, y) : NULL;
  g_autofree char *text = NULL;
  double likelihood;

  if (item == NULL || self->dragging)
    return FALSE;
  likelihood = gw_item_likelihood_pct (item);
  /* Translators: "Likelihood 45 % · Impact 80" */
  text = g_markup_printf_escaped (_("<b>%s</b> %s\nLikelihood %.0f %% · Impact %d"),
                                  gw_item_get_key (item), gw_item_get_title (item),
                                  isnan (likelihood) ? 0 : likelihood, gw_impact_score (item));
  gtk_tooltip_set_markup (tooltip, text);
  return TRUE;
}

/* GwChartArea */

static void
gw_risk_area_layout (GwChartArea           *area,
                     cairo_t               *cr,
                     const GwRenderPalette *palette,
                     double                 width,
                     double                 height)
{
  GwRiskArea *self = GW_RISK_AREA (area);

  if (self->matrix != NULL)
    gw_risk_matrix_layout (self->matrix, cr, palette, width, height);
}

static void
gw_risk_area_draw (GwChartArea           *area,
                   cairo_t               *cr,
                   const GwRenderPalette *palette)
{
  GwRiskArea *self = GW_RISK_AREA (area);
  GwItem *selected = self->context ? gw_context_get_selected_item (self->context) : NULL;

  if (self->matrix == NULL)
    return;
  gw_risk_matrix_set_selected (self->matrix, selected ? gw_item_get_id (selected) : 0);
  gw_risk_matrix_draw (self->matrix, cr, palette);
}

static void
gw_risk_area_draw_overlay (GwChartArea           *area,
                           cairo_t               *cr,
                           const GwRenderPalette *palette)
{
  GwRiskArea *self = GW_RISK_AREA (area);
  g_autoptr(PangoLayout) layout = NULL;
  double w, h;

  if (!self->dragging || self->drag_item == NULL)
    return;

  /* The chip follows the pointer. */
  layout = gw_render_text_layout (cr, palette, 11, TRUE);
  gw_render_text_set (layout, gw_item_get_key (self->drag_item), -1);
  gw_render_text_size (layout, &w, &h);
  gw_render_rounded_rectangle (cr, self->pointer_x - w / 2 - 8, self->pointer_y - h / 2 - 3, w + 16, h + 6,
                               (h + 6) / 2);
  gw_render_set_color (cr, &palette->accent, 1);
  cairo_fill (cr);
  gw_render_set_color (cr, &palette->background, 1);
  cairo_move_to (cr, self->pointer_x - w / 2, self->pointer_y - h / 2);
  pango_cairo_show_layout (cr, layout);
}

/* GObject */

static void
gw_risk_area_dispose (GObject *object)
{
  GwRiskArea *self = GW_RISK_AREA (object);

  g_clear_pointer (&self->matrix, gw_risk_matrix_free);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (gw_risk_area_parent_class)->dispose (object);
}

static void
gw_risk_area_class_init (GwRiskAreaClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GwChartAreaClass *area_class = GW_CHART_AREA_CLASS (klass);

  object_class->dispose = gw_risk_area_dispose;
  area_class->layout = gw_risk_area_layout;
  area_class->draw = gw_risk_area_draw;
  area_class->draw_overlay = gw_risk_area_draw_overlay;

  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "riskmatrix");
  gtk_widget_class_set_accessible_role (GTK_WIDGET_CLASS (klass), GTK_ACCESSIBLE_ROLE_IMG);
}

static void
gw_risk_area_init (GwRiskArea *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();

  self->cells = 5;
  self->drop_likelihood = self->drop_severity = -1;
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect_swapped (drag, "drag-begin", G_CALLBACK (on_drag_begin_cb), self);
  g_signal_connect_swapped (drag, "drag-update", G_CALLBACK (on_drag_update_cb), self);
  g_signal_connect_swapped (drag, "drag-end", G_CALLBACK (on_drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Likelihood and severity of every item’s risk"), -1);
}

/* Public API */

GwRiskArea *
gw_risk_area_new (void)
{
  return g_object_new (GW_TYPE_RISK_AREA, NULL);
}

void
gw_risk_area_set_context (GwRiskArea *self,
                          GwContext  *context)
{
  g_return_if_fail (GW_IS_RISK_AREA (self));
  g_set_object (&self->context, context);
}

/**
 * gw_risk_area_set_items:
 * @items: (element-type GwItem): the items to place
 * @cells: 3 or 5 cells a side
 */
void
gw_risk_area_set_items (GwRiskArea *self,
                        GPtrArray  *items,
                        int         cells)
{
  g_return_if_fail (GW_IS_RISK_AREA (self));
  g_return_if_fail (cells == 3 || cells == 5);

  if (self->dragging)
    return;
  g_clear_pointer (&self->items, g_ptr_array_unref);
  self->items = items ? g_ptr_array_ref (items) : NULL;
  self->cells = cells;
  rebuild (self);
}

/**
 * gw_risk_area_get_matrix:
 *
 * Returns: (transfer none) (nullable): the matrix as laid out on screen
 */
GwRiskMatrix *
gw_risk_area_get_matrix (GwRiskArea *self)
{
  g_return_val_if_fail (GW_IS_RISK_AREA (self), NULL);
  return self->matrix;
}
