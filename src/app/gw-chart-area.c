/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <adwaita.h>

#include "gw-chart-area.h"
#include "gw-style-palette.h"

typedef struct
{
  cairo_surface_t *cache;        /* the chart at the widget's size and scale */
  int              cache_width;
  int              cache_height;
  int              cache_scale;
  gboolean         needs_layout;
  gboolean         needs_draw;
  GwRenderPalette  palette;
  gulong           dark_id;
} GwChartAreaPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (GwChartArea, gw_chart_area, GTK_TYPE_WIDGET)

/* Callbacks */

static void
on_dark_changed_cb (GwChartArea *self)
{
  gw_chart_area_queue_layout (self);
}

/* GtkWidget */

static void
gw_chart_area_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  GwChartArea *self = GW_CHART_AREA (widget);
  GwChartAreaPrivate *priv = gw_chart_area_get_instance_private (self);
  GwChartAreaClass *klass = GW_CHART_AREA_GET_CLASS (self);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int scale = gtk_widget_get_scale_factor (widget);
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  if (priv->cache == NULL || priv->cache_width != width || priv->cache_height != height ||
      priv->cache_scale != scale)
    {
      g_clear_pointer (&priv->cache, cairo_surface_destroy);
      priv->cache = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width * scale, height * scale);
      cairo_surface_set_device_scale (priv->cache, scale, scale);
      priv->cache_width = width;
      priv->cache_height = height;
      priv->cache_scale = scale;
      priv->needs_layout = TRUE;
    }

  if (priv->needs_layout || priv->needs_draw)
    {
      cairo_t *cache_cr = cairo_create (priv->cache);

      if (priv->needs_layout)
        {
          gw_style_palette_for_widget (widget, &priv->palette);
          klass->layout (self, cache_cr, &priv->palette, width, height);
        }
      cairo_set_operator (cache_cr, CAIRO_OPERATOR_SOURCE);
      cairo_set_source_rgba (cache_cr, 0, 0, 0, 0);
      cairo_paint (cache_cr);
      cairo_set_operator (cache_cr, CAIRO_OPERATOR_OVER);
      klass->draw (self, cache_cr, &priv->palette);
      cairo_destroy (cache_cr);
      cairo_surface_flush (priv->cache);
      priv->needs_layout = FALSE;
      priv->needs_draw = FALSE;
    }

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_set_source_surface (cr, priv->cache, 0, 0);
  cairo_paint (cr);
  if (klass->draw_overlay != NULL)
    klass->draw_overlay (self, cr, &priv->palette);
  cairo_destroy (cr);
}

static void
gw_chart_area_css_changed (GtkWidget         *widget,
                           GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (gw_chart_area_parent_class)->css_changed (widget, change);
  gw_chart_area_queue_layout (GW_CHART_AREA (widget));
}

static void
gw_chart_area_unrealize (GtkWidget *widget)
{
  GwChartAreaPrivate *priv = gw_chart_area_get_instance_private (GW_CHART_AREA (widget));

  g_clear_pointer (&priv->cache, cairo_surface_destroy);
  GTK_WIDGET_CLASS (gw_chart_area_parent_class)->unrealize (widget);
}

/* GObject */

static void
gw_chart_area_dispose (GObject *object)
{
  GwChartAreaPrivate *priv = gw_chart_area_get_instance_private (GW_CHART_AREA (object));

  g_clear_signal_handler (&priv->dark_id, adw_style_manager_get_default ());
  g_clear_pointer (&priv->cache, cairo_surface_destroy);

  G_OBJECT_CLASS (gw_chart_area_parent_class)->dispose (object);
}

static void
gw_chart_area_class_init (GwChartAreaClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gw_chart_area_dispose;
  widget_class->snapshot = gw_chart_area_snapshot;
  widget_class->css_changed = gw_chart_area_css_changed;
  widget_class->unrealize = gw_chart_area_unrealize;
}

static void
gw_chart_area_init (GwChartArea *self)
{
  GwChartAreaPrivate *priv = gw_chart_area_get_instance_private (self);

  priv->needs_layout = TRUE;
  priv->palette = *gw_render_palette_light ();
  priv->dark_id = g_signal_connect_swapped (adw_style_manager_get_default (), "notify::dark",
                                            G_CALLBACK (on_dark_changed_cb), self);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
}

/* Public API */

/**
 * gw_chart_area_queue_layout:
 *
 * The data or the size changed: lay the chart out and draw it again.
 */
void
gw_chart_area_queue_layout (GwChartArea *self)
{
  GwChartAreaPrivate *priv = gw_chart_area_get_instance_private (self);

  g_return_if_fail (GW_IS_CHART_AREA (self));
  priv->needs_layout = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * gw_chart_area_queue_draw_chart:
 *
 * Something drawn in the image changed (a selection, a moved mark) but not
 * the layout: draw the image again.
 */
void
gw_chart_area_queue_draw_chart (GwChartArea *self)
{
  GwChartAreaPrivate *priv = gw_chart_area_get_instance_private (self);

  g_return_if_fail (GW_IS_CHART_AREA (self));
  priv->needs_draw = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const GwRenderPalette *
gw_chart_area_get_palette (GwChartArea *self)
{
  GwChartAreaPrivate *priv = gw_chart_area_get_instance_private (self);

  g_return_val_if_fail (GW_IS_CHART_AREA (self), NULL);
  return &priv->palette;
}

/**
 * gw_chart_area_show_error:
 *
 * Shows why an edit made on the chart was refused, as a toast of the
 * window (or a warning when there is no toast overlay).
 */
void
gw_chart_area_show_error (GwChartArea  *self,
                          const GError *error)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  g_return_if_fail (GW_IS_CHART_AREA (self));

  if (overlay != NULL)
    {
      AdwToast *toast = adw_toast_new (error->message);

      adw_toast_set_timeout (toast, 5);
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
    }
  else
    g_message ("%s", error->message);
}
