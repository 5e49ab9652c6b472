/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Presentation mode: a full-screen window that shows one chart per slide,
 * the register's summary and readiness first, then the chart of every view
 * that has one (GwChartSource), drawn for the whole screen. Left/Right,
 * Page Up/Down, Space and a click move between slides; Escape leaves. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "gw-chart-source.h"
#include "gw-gates.h"
#include "gw-presentation.h"
#include "gw-readiness-chart.h"
#include "gw-style-palette.h"

#define MARGIN 40.0
#define FOOTER 56.0

struct _GwPresentation
{
  AdwWindow       parent_instance;

  GtkDrawingArea *area;
  GPtrArray      *sources;     /* GwChartSource: slides 1.. */
  guint           slide;       /* 0: the summary */

  /* the summary slide */
  char           *name;
  GPtrArray      *items;
  GPtrArray      *milestones;
  GPtrArray      *decision;
  GwSchedule     *schedule;
  GwVerdict      *verdict;
  GwReadiness    *readiness;
  GwNextActions  *next;
};

G_DEFINE_FINAL_TYPE (GwPresentation, gw_presentation, ADW_TYPE_WINDOW)

/* Helpers */

static void
read_summary (GwPresentation *self,
              GwStore        *store)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDate today;

  self->name = g_strdup (gw_store_get_name (store));
  self->items = gw_store_list_items (store, NULL);
  if (self->items == NULL)
    self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->milestones = gw_store_list_milestones (store);
  self->decision = gw_store_list_decision (store);
  self->schedule = gw_schedule_new_from_store (store, NULL);
  self->verdict = gw_verdict_new (self->decision, self->items, gw_gates_get_should_threshold (store));
  self->readiness = gw_readiness_new (self->items);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  self->next = gw_next_actions_new (self->items, self->schedule, &today);
}

static void
show_text (cairo_t               *cr,
           const GwRenderPalette *palette,
           const char            *text,
           double                 size,
           const GwColor         *color,
           double                 x,
           double                 y,
           double                 width,
           PangoAlignment         align)
{
  g_autoptr(PangoLayout) layout = gw_render_text_layout (cr, palette, size, FALSE);

  gw_render_text_set (layout, text, width);
  pango_layout_set_alignment (layout, align);
  gw_render_set_color (cr, color, 1);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

/* Callbacks */

static void
draw_slide_cb (GtkDrawingArea *area,
               cairo_t        *cr,
               int             width,
               int             height,
               gpointer        data)
{
  GwPresentation *self = GW_PRESENTATION (data);
  GwRenderPalette palette;
  g_autofree char *title = gw_presentation_get_slide_title (self, self->slide);
  g_autofree char *counter = g_strdup_printf ("%u / %u", self->slide + 1, gw_presentation_get_n_slides (self));
  double cw = MAX (width - 2 * MARGIN, 1), ch = MAX (height - MARGIN - FOOTER, 1);
  double font = CLAMP (height / 60.0, 12, 24);

  gw_style_palette_for_widget (GTK_WIDGET (area), &palette);
  gw_render_set_color (cr, &palette.background, 1);
  cairo_paint (cr);

  cairo_save (cr);
  cairo_translate (cr, MARGIN, MARGIN);
  cairo_rectangle (cr, 0, 0, cw, ch);
  cairo_clip (cr);
  if (self->slide == 0)
    {
      GwGatesChartData summary = {
        .name = self->name,
        .items = self->items,
        .milestones = self->milestones,
        .decision = self->decision,
        .schedule = self->schedule,
        .verdict = self->verdict,
        .readiness = self->readiness,
        .next = self->next,
      };

      gw_summary_chart_draw (cr, &summary, &palette, cw, ch);
    }
  else if (gw_chart_source_is_ready (g_ptr_array_index (self->sources, self->slide - 1)))
    gw_chart_source_draw (g_ptr_array_index (self->sources, self->slide - 1), cr, cw, ch, &palette);
  else
    /* Translators: on a slide whose chart is still being computed */
    show_text (cr, &palette, _("Preparing the chart…"), font, &palette.muted, 0, ch / 2 - font, cw,
               PANGO_ALIGN_CENTER);
  cairo_restore (cr);

  /* The footer: the slide's name, where to go, and where we are. */
  gw_render_set_color (cr, &palette.border, 1);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, MARGIN, height - FOOTER + 10.5);
  cairo_line_to (cr, width - MARGIN, height - FOOTER + 10.5);
  cairo_stroke (cr);
  show_text (cr, &palette, title, font, &palette.foreground, MARGIN, height - FOOTER + 18, width / 3.0,
             PANGO_ALIGN_LEFT);
  show_text (cr, &palette, _("← → to move · Esc to leave"), font * 0.8, &palette.muted, width / 3.0,
             height - FOOTER + 20, width / 3.0, PANGO_ALIGN_CENTER);
  show_text (cr, &palette, counter, font, &palette.muted, width * 2 / 3.0 - MARGIN, height - FOOTER + 18,
             width / 3.0, PANGO_ALIGN_RIGHT);
}

static void
on_click_cb (GtkGestureClick *gesture,
             int              n_press,
             double           x,
             double           y,
             GwPresentation  *self)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  guint n = gw_presentation_get_n_slides (self);

  if (button == GDK_BUTTON_SECONDARY)
    gw_presentation_show_slide (self, self->slide > 0 ? self->slide - 1 : 0);
  else if (self->slide + 1 < n)
    gw_presentation_show_slide (self, self->slide + 1);
}

/* Actions */

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GwPresentation *self = GW_PRESENTATION (widget);

  if (self->slide + 1 < gw_presentation_get_n_slides (self))
    gw_presentation_show_slide (self, self->slide + 1);
}

static void
previous_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  GwPresentation *self = GW_PRESENTATION (widget);

  if (self->slide > 0)
    gw_presentation_show_slide (self, self->slide - 1);
}

static void
first_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gw_presentation_show_slide (GW_PRESENTATION (widget), 0);
}

static void
last_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GwPresentation *self = GW_PRESENTATION (widget);

  gw_presentation_show_slide (self, gw_presentation_get_n_slides (self) - 1);
}

static void
leave_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gtk_window_destroy (GTK_WINDOW (widget));
}

/* GObject */

static void
gw_presentation_dispose (GObject *object)
{
  GwPresentation *self = GW_PRESENTATION (object);

  g_clear_pointer (&self->sources, g_ptr_array_unref);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->milestones, g_ptr_array_unref);
  g_clear_pointer (&self->decision, g_ptr_array_unref);
  g_clear_pointer (&self->schedule, gw_schedule_unref);
  g_clear_pointer (&self->verdict, gw_verdict_free);
  g_clear_pointer (&self->readiness, gw_readiness_free);
  g_clear_pointer (&self->next, gw_next_actions_free);

  G_OBJECT_CLASS (gw_presentation_parent_class)->dispose (object);
}

static void
gw_presentation_class_init (GwPresentationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gw_presentation_dispose;

  gtk_widget_class_install_action (widget_class, "presentation.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "presentation.previous", NULL, previous_action);
  gtk_widget_class_install_action (widget_class, "presentation.first", NULL, first_action);
  gtk_widget_class_install_action (widget_class, "presentation.last", NULL, last_action);
  gtk_widget_class_install_action (widget_class, "presentation.leave", NULL, leave_action);
}

static void
gw_presentation_init (GwPresentation *self)
{
  static const struct { guint key; const char *action; } keys[] = {
    { GDK_KEY_Right, "presentation.next" }, { GDK_KEY_Page_Down, "presentation.next" },
    { GDK_KEY_space, "presentation.next" }, { GDK_KEY_Down, "presentation.next" },
    { GDK_KEY_Left, "presentation.previous" }, { GDK_KEY_Page_Up, "presentation.previous" },
    { GDK_KEY_BackSpace, "presentation.previous" }, { GDK_KEY_Up, "presentation.previous" },
    { GDK_KEY_Home, "presentation.first" }, { GDK_KEY_End, "presentation.last" },
    { GDK_KEY_Escape, "presentation.leave" }, { GDK_KEY_F5, "presentation.leave" },
  };
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  /* Captured before GtkWindow's own arrow keys, which move the focus. */
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (keys[i].key, 0),
                                                            gtk_named_action_new (keys[i].action)));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  self->sources = g_ptr_array_new_with_free_func (g_object_unref);
  self->area = GTK_DRAWING_AREA (gtk_drawing_area_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->area), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->area), TRUE);
  gtk_widget_set_focusable (GTK_WIDGET (self->area), TRUE);
  gtk_drawing_area_set_draw_func (self->area, draw_slide_cb, self, NULL);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), 0);
  g_signal_connect_object (click, "pressed", G_CALLBACK (on_click_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->area), GTK_EVENT_CONTROLLER (click));
  adw_window_set_content (ADW_WINDOW (self), GTK_WIDGET (self->area));
  gtk_window_set_title (GTK_WINDOW (self), _("Presentation"));
}

/* Public API */

/**
 * gw_presentation_new:
 * @sources: (element-type GwChartSource): the views with a chart, in the
 *   order of their pages
 * @first: the slide to start on: 0 for the summary, n for source n - 1
 *
 * Returns: (transfer none): the presentation window, full screen
 */
GwPresentation *
gw_presentation_new (GtkWindow *parent,
                     GwStore   *store,
                     GPtrArray *sources,
                     guint      first)
{
  GwPresentation *self;

  g_return_val_if_fail (GW_IS_STORE (store), NULL);
  g_return_val_if_fail (sources != NULL, NULL);

  self = g_object_new (GW_TYPE_PRESENTATION,
                       "transient-for", parent,
                       "destroy-with-parent", TRUE,
                       "modal", TRUE,
                       NULL);
  /* Pages never shown may have no chart yet: each computes its own now. */
  for (guint i = 0; i < sources->len; i++)
    {
      GwChartSource *source = g_ptr_array_index (sources, i);

      g_ptr_array_add (self->sources, g_object_ref (source));
      g_signal_connect_object (source, "chart-changed", G_CALLBACK (gtk_widget_queue_draw),
                               self->area, G_CONNECT_SWAPPED);
      gw_chart_source_prepare (source);
    }
  read_summary (self, store);
  self->slide = MIN (first, sources->len);
  /* The screen's size too, for window managers that do not make it full screen. */
  if (parent != NULL && gtk_native_get_surface (GTK_NATIVE (parent)) != NULL)
    {
      GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (parent));
      GdkMonitor *monitor = gdk_display_get_monitor_at_surface (gdk_surface_get_display (surface), surface);
      GdkRectangle area;

      if (monitor != NULL)
        {
          gdk_monitor_get_geometry (monitor, &area);
          gtk_window_set_default_size (GTK_WINDOW (self), area.width, area.height);
        }
    }
  gtk_window_fullscreen (GTK_WINDOW (self));
  return self;
}

guint
gw_presentation_get_slide (GwPresentation *self)
{
  g_return_val_if_fail (GW_IS_PRESENTATION (self), 0);
  return self->slide;
}

guint
gw_presentation_get_n_slides (GwPresentation *self)
{
  g_return_val_if_fail (GW_IS_PRESENTATION (self), 0);
  return self->sources->len + 1;
}

/**
 * gw_presentation_get_slide_title:
 *
 * Returns: (transfer full): the name of slide @slide
 */
char *
gw_presentation_get_slide_title (GwPresentation *self,
                                 guint           slide)
{
  g_return_val_if_fail (GW_IS_PRESENTATION (self), NULL);
  g_return_val_if_fail (slide <= self->sources->len, NULL);

  if (slide == 0)
    return g_strdup (_("Summary and Readiness"));
  return gw_chart_source_get_title (g_ptr_array_index (self->sources, slide - 1));
}

void
gw_presentation_show_slide (GwPresentation *self,
                            guint           slide)
{
  g_return_if_fail (GW_IS_PRESENTATION (self));

  slide = MIN (slide, self->sources->len);
  if (slide == self->slide)
    return;
  self->slide = slide;
  gtk_widget_queue_draw (GTK_WIDGET (self->area));
}
