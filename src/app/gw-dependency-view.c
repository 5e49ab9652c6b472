/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The Dependencies page: the register's dependency graph, laid out by
 * Gapwise's layered layout in a thread (a large register never freezes the
 * window), with the critical path highlighted, a search that jumps to an
 * item, and a focus mode that dims what is not upstream or downstream of
 * the selected item. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gw-chart-source.h"
#include "gw-dependency-view.h"

struct _GwDependencyView
{
  GtkWidget       parent_instance;

  GwContext      *context;
  GSignalGroup   *context_signals;
  GSignalGroup   *store_signals;
  GSettings      *settings;
  guint           refresh_id;
  guint           busy_page_id;   /* says what the busy page waits for, if it waits long */
  guint           generation;     /* of the newest layout asked for */
  gboolean        busy;           /* a layout is running */
  gboolean        pending;        /* and the register changed since it started */
  gboolean        loading_settings;
  gboolean        fresh_layout;   /* lay out anew, not from the shown places */
  gboolean        other_register; /* the graph shown is of the register before */
  gboolean        dirty;          /* changed while hidden: laid out when shown */

  /* template */
  GtkSearchEntry *search_entry;
  GtkDropDown    *focus_dropdown;
  GtkDropDown    *direction_dropdown;
  GtkToggleButton *bands_toggle;
  GtkLabel       *path_label;
  GtkStack       *stack;
  GtkWidget      *busy_box;
  GtkSpinner     *busy_spinner;
  GtkLabel       *busy_label;
  GwGraphCanvas  *canvas;
};

/* A first layout quicker than this leaves the busy page blank. */
#define BUSY_PAGE_DELAY_MS 250

static void chart_source_iface_init (GwChartSourceInterface *iface);
static void refresh                 (GwDependencyView       *self);

G_DEFINE_FINAL_TYPE_WITH_CODE (GwDependencyView, gw_dependency_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GW_TYPE_CHART_SOURCE, chart_source_iface_init))

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  GwDependencyView    *view;
  guint                generation;
  GPtrArray           *items;        /* copies, for the thread */
  GPtrArray           *milestones;
  GwGraphLayoutOptions options;
  GHashTable          *critical;
  GwGraphPlaces       *places;       /* of the graph shown, or NULL */
} LayoutJob;

static void
layout_job_free (LayoutJob *job)
{
  g_clear_object (&job->view);
  g_clear_pointer (&job->items, g_ptr_array_unref);
  g_clear_pointer (&job->milestones, g_ptr_array_unref);
  g_clear_pointer (&job->critical, g_hash_table_unref);
  g_clear_pointer (&job->places, gw_graph_places_free);
  g_free (job);
}

/* Helpers */

static void
read_options (GwDependencyView     *self,
              GwGraphLayoutOptions *options)
{
  gw_graph_layout_options_init (options);
  options->direction = gtk_drop_down_get_selected (self->direction_dropdown) == 1 ? GW_GRAPH_LEFT_TO_RIGHT
                                                                                  : GW_GRAPH_TOP_TO_BOTTOM;
  options->bands = gtk_toggle_button_get_active (self->bands_toggle);
}

static GwGraphFocus
focus_kind (GwDependencyView *self)
{
  static const GwGraphFocus kinds[] = {
    GW_GRAPH_FOCUS_NONE, GW_GRAPH_FOCUS_UPSTREAM, GW_GRAPH_FOCUS_DOWNSTREAM, GW_GRAPH_FOCUS_BOTH,
  };
  guint selected = gtk_drop_down_get_selected (self->focus_dropdown);

  return selected < G_N_ELEMENTS (kinds) ? kinds[selected] : GW_GRAPH_FOCUS_NONE;
}

static void
update_path_label (GwDependencyView *self,
                   GwSchedule       *schedule)
{
  g_autofree char *text = NULL;

  if (schedule == NULL || schedule->n_critical_path == 0)
    {
      gtk_label_set_label (self->path_label, "");
      return;
    }
  {
    g_autofree char *hours = gw_format_hours (schedule->critical_path_effort);

    /* Translators: "Critical path: 7 items, 124 h" */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Critical path: %u item, %s h",
                                         "Critical path: %u items, %s h", schedule->n_critical_path),
                            schedule->n_critical_path, hours);
  }
  gtk_label_set_label (self->path_label, text);
}

/* Shows the graph, the empty page or the busy page, which starts blank. */
static void
show_page (GwDependencyView *self,
           const char       *name)
{
  if (!g_str_equal (name, "busy"))
    {
      g_clear_handle_id (&self->busy_page_id, g_source_remove);
      gtk_widget_set_visible (self->busy_box, FALSE);
      gtk_spinner_set_spinning (self->busy_spinner, FALSE);
    }
  gtk_stack_set_visible_child_name (self->stack, name);
}

static gboolean
on_busy_page_timeout_cb (gpointer data)
{
  GwDependencyView *self = data;

  self->busy_page_id = 0;
  gtk_widget_set_visible (self->busy_box, TRUE);
  gtk_spinner_set_spinning (self->busy_spinner, TRUE);
  return G_SOURCE_REMOVE;
}

/* With no graph on screen yet, the empty page would say there are no
 * items, and the graph of the register open before is not this one's: the
 * busy page replaces them, and says what it waits for if the layout takes
 * long. After an edit the graph shown stays until the new one is in. */
static void
show_busy_page (GwDependencyView *self,
                guint             n_items)
{
  g_autofree char *text = NULL;

  if (n_items == 0 || (!self->other_register &&
                       g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "graph") == 0))
    return;

  /* Translators: shown while the dependency graph is computed */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Laying out %u item…",
                                       "Laying out %u items…", n_items), n_items);
  gtk_label_set_label (self->busy_label, text);
  show_page (self, "busy");
  self->other_register = FALSE;
  if (self->busy_page_id == 0 && !gtk_widget_get_visible (self->busy_box))
    self->busy_page_id = g_timeout_add (BUSY_PAGE_DELAY_MS, on_busy_page_timeout_cb, self);
}

static void
layout_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  LayoutJob *job = data;

  g_task_return_pointer (task, gw_graph_render_new_from_places (job->items, job->milestones, &job->options,
                                                                job->places),
                         (GDestroyNotify) gw_graph_render_free);
}

static void
on_layout_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      data)
{
  LayoutJob *job = g_task_get_task_data (G_TASK (result));
  GwDependencyView *self = job->view;
  GwGraphRender *render = g_task_propagate_pointer (G_TASK (result), NULL);

  /* The view is gone. */
  if (self->context == NULL)
    {
      g_clear_pointer (&render, gw_graph_render_free);
      return;
    }
  self->busy = FALSE;
  /* Out of date already: of a register closed since, or one that changed
   * meanwhile, whose state now is laid out instead. */
  if (job->generation != self->generation || self->pending)
    {
      g_clear_pointer (&render, gw_graph_render_free);
      if (self->pending)
        {
          self->pending = FALSE;
          refresh (self);
        }
      return;
    }
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self->canvas), NULL);
  gw_graph_canvas_set_render (self->canvas, render, job->critical);
  show_page (self, job->items->len > 0 ? "graph" : "empty");
  gw_chart_source_chart_changed (GW_CHART_SOURCE (self));
}

static void
refresh (GwDependencyView *self)
{
  GwItemList *list = self->context ? gw_context_get_items (self->context) : NULL;
  GwStore *store = self->context ? gw_context_get_store (self->context) : NULL;
  g_autoptr(GTask) task = NULL;
  GwSchedule *schedule;
  LayoutJob *job;
  guint n;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  self->dirty = FALSE;
  if (list == NULL || store == NULL)
    {
      /* A layout still running is of a register no longer open. */
      self->generation++;
      self->pending = FALSE;
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self->canvas), NULL);
      gw_graph_canvas_set_render (self->canvas, NULL, NULL);
      show_page (self, "empty");
      update_path_label (self, NULL);
      return;
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  show_busy_page (self, n);
  /* One layout at a time: a large register's takes minutes and gigabytes.
   * What changed meanwhile is laid out when the running one ends. */
  if (self->busy)
    {
      self->pending = TRUE;
      return;
    }

  job = g_new0 (LayoutJob, 1);
  job->view = g_object_ref (self);
  job->generation = ++self->generation;
  job->items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GwItem) item = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_ptr_array_add (job->items, gw_item_copy (item));
    }
  job->milestones = gw_store_list_milestones (store);
  read_options (self, &job->options);
  /* After an edit, the items that were there keep their places, so that
   * the graph does not jump under the pointer. */
  if (!self->fresh_layout && gw_graph_canvas_get_render (self->canvas) != NULL)
    job->places = gw_graph_render_get_places (gw_graph_canvas_get_render (self->canvas));
  self->fresh_layout = FALSE;

  /* The schedule fails only on a dependency cycle: no path to show then. */
  schedule = gw_context_get_schedule (self->context, NULL);
  if (schedule != NULL && schedule->n_critical_path > 0)
    {
      job->critical = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; i < schedule->n_critical_path; i++)
        g_hash_table_add (job->critical, g_strdup (schedule->keys[schedule->critical_path[i]]));
    }
  update_path_label (self, schedule);

  self->busy = TRUE;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self->canvas), "progress");
  task = g_task_new (NULL, NULL, on_layout_done_cb, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) layout_job_free);
  g_task_run_in_thread (task, layout_thread);
}

static gboolean
on_refresh_idle_cb (gpointer data)
{
  GwDependencyView *self = data;

  self->refresh_id = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

/* Hidden, the page only notes changes (a large register's layout takes a
 * while and a core); shown, or asked to prepare its chart, it catches up. */
static void
queue_refresh (GwDependencyView *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      g_clear_handle_id (&self->refresh_id, g_source_remove);
      self->dirty = TRUE;
      return;
    }
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, on_refresh_idle_cb, self, NULL);
}

/* Callbacks */

static void
on_search_activate_cb (GwDependencyView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  GwItemList *list = self->context ? gw_context_get_items (self->context) : NULL;
  g_autofree char *needle = NULL;
  GwItem *found;
  guint n;

  if (list == NULL || *text == '\0')
    return;
  /* The item with that key, or the first whose key or title holds the text. */
  found = gw_item_list_lookup (list, text);
  needle = g_utf8_casefold (text, -1);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  for (guint i = 0; found == NULL && i < n; i++)
    {
      g_autoptr(GwItem) item = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_autofree char *key = g_utf8_casefold (gw_item_get_key (item), -1);
      g_autofree char *title = g_utf8_casefold (gw_item_get_title (item), -1);

      if (strstr (key, needle) != NULL || strstr (title, needle) != NULL)
        found = item;
    }
  if (found == NULL)
    {
      gtk_widget_error_bell (GTK_WIDGET (self->search_entry));
      return;
    }
  gw_context_set_selected_item (self->context, found);
  gw_graph_canvas_scroll_to_key (self->canvas, gw_item_get_key (found));
}

static void
on_focus_changed_cb (GwDependencyView *self)
{
  gw_graph_canvas_set_focus_kind (self->canvas, focus_kind (self));
}

static void
on_layout_changed_cb (GwDependencyView *self)
{
  if (self->loading_settings)
    return;
  if (self->settings != NULL)
    {
      g_settings_set_string (self->settings, "dependency-direction",
                             gtk_drop_down_get_selected (self->direction_dropdown) == 1 ? "lr" : "tb");
      g_settings_set_boolean (self->settings, "dependency-bands", gtk_toggle_button_get_active (self->bands_toggle));
    }
  gw_graph_canvas_set_show_bands (self->canvas, gtk_toggle_button_get_active (self->bands_toggle));
  self->fresh_layout = TRUE;
  queue_refresh (self);
}

static void
on_arrange_clicked_cb (GwDependencyView *self)
{
  self->fresh_layout = TRUE;
  queue_refresh (self);
}

static void
on_store_changed_cb (GwDependencyView *self)
{
  queue_refresh (self);
}

static void
on_context_items_cb (GwDependencyView *self)
{
  g_signal_group_set_target (self->store_signals, self->context ? gw_context_get_store (self->context) : NULL);
  self->fresh_layout = TRUE;
  self->other_register = TRUE;
  queue_refresh (self);
}

static void
on_selected_item_cb (GwDependencyView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  gw_graph_canvas_zoom_by (GW_DEPENDENCY_VIEW (widget)->canvas, 1.25);
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  gw_graph_canvas_zoom_by (GW_DEPENDENCY_VIEW (widget)->canvas, 1 / 1.25);
}

static void
zoom_fit_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  gw_graph_canvas_zoom_to_fit (GW_DEPENDENCY_VIEW (widget)->canvas);
}

/* GwChartSource */

static char *
gw_dependency_view_get_title (GwChartSource *source)
{
  return g_strdup (_("Dependencies"));
}

static void
gw_dependency_view_get_natural_size (GwChartSource *source,
                                     double        *width,
                                     double        *height)
{
  GwGraphRender *render = gw_graph_canvas_get_render (GW_DEPENDENCY_VIEW (source)->canvas);

  *width = 1200;
  *height = 800;
  if (render != NULL)
    {
      gw_graph_render_get_size (render, width, height);
      *width = CLAMP (*width, 600, 6000);
      *height = CLAMP (*height, 400, 6000);
    }
}

static void
gw_dependency_view_draw_chart (GwChartSource         *source,
                               cairo_t               *cr,
                               double                 width,
                               double                 height,
                               const GwRenderPalette *palette)
{
  GwDependencyView *self = GW_DEPENDENCY_VIEW (source);
  GwGraphRender *render = gw_graph_canvas_get_render (self->canvas);
  GwSchedule *schedule = self->context ? gw_context_get_schedule (self->context, NULL) : NULL;
  g_autoptr(GHashTable) critical = g_hash_table_new (g_str_hash, g_str_equal);
  GwGraphView view;
  double gw, gh, scale;

  gw_render_set_color (cr, &palette->background, 1);
  cairo_paint (cr);
  if (render == NULL)
    return;

  for (guint i = 0; schedule != NULL && i < schedule->n_critical_path; i++)
    g_hash_table_add (critical, (gpointer) schedule->keys[schedule->critical_path[i]]);
  gw_graph_render_get_size (render, &gw, &gh);
  scale = MIN (width / MAX (gw, 1), height / MAX (gh, 1));
  cairo_save (cr);
  cairo_translate (cr, (width - gw * scale) / 2, (height - gh * scale) / 2);
  cairo_scale (cr, scale, scale);
  gw_graph_view_init (&view, palette);
  view.highlight = critical;
  view.show_bands = gtk_toggle_button_get_active (self->bands_toggle);
  gw_graph_render_draw (render, cr, &view);
  cairo_restore (cr);
}

static void
gw_dependency_view_prepare (GwChartSource *source)
{
  GwDependencyView *self = GW_DEPENDENCY_VIEW (source);

  if (self->dirty || self->refresh_id != 0)
    refresh (self);
}

static gboolean
gw_dependency_view_is_ready (GwChartSource *source)
{
  GwDependencyView *self = GW_DEPENDENCY_VIEW (source);

  return !self->dirty && self->refresh_id == 0 &&
         g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "busy") != 0;
}

static void
chart_source_iface_init (GwChartSourceInterface *iface)
{
  iface->get_title = gw_dependency_view_get_title;
  iface->get_natural_size = gw_dependency_view_get_natural_size;
  iface->draw = gw_dependency_view_draw_chart;
  iface->prepare = gw_dependency_view_prepare;
  iface->is_ready = gw_dependency_view_is_ready;
}

/* GtkWidget */

static void
gw_dependency_view_map (GtkWidget *widget)
{
  GwDependencyView *self = GW_DEPENDENCY_VIEW (widget);

  GTK_WIDGET_CLASS (gw_dependency_view_parent_class)->map (widget);
  if (self->dirty)
    queue_refresh (self);
}

/* GObject */

static void
gw_dependency_view_dispose (GObject *object)
{
  GwDependencyView *self = GW_DEPENDENCY_VIEW (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  self->generation++;   /* a layout still running is dropped */
  if (self->context_signals != NULL)
    g_signal_group_set_target (self->context_signals, NULL);
  if (self->store_signals != NULL)
    g_signal_group_set_target (self->store_signals, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), GW_TYPE_DEPENDENCY_VIEW);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->context_signals);
  g_clear_object (&self->store_signals);
  g_clear_object (&self->settings);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (gw_dependency_view_parent_class)->dispose (object);
}

static void
gw_dependency_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  GwDependencyView *self = GW_DEPENDENCY_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gw_dependency_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  GwDependencyView *self = GW_DEPENDENCY_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      gw_dependency_view_set_context (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gw_dependency_view_class_init (GwDependencyViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gw_dependency_view_dispose;
  object_class->get_property = gw_dependency_view_get_property;
  object_class->set_property = gw_dependency_view_set_property;
  widget_class->map = gw_dependency_view_map;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, GW_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "graph.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "graph.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "graph.zoom-fit", NULL, zoom_fit_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "graph.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "graph.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "graph.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "graph.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "graph.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "graph.zoom-fit", NULL);

  g_type_ensure (GW_TYPE_GRAPH_CANVAS);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/gapwise/Gapwise/gw-dependency-view.ui");
  gtk_widget_class_bind_template_child (widget_class, GwDependencyView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, GwDependencyView, focus_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GwDependencyView, direction_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GwDependencyView, bands_toggle);
  gtk_widget_class_bind_template_child (widget_class, GwDependencyView, path_label);
  gtk_widget_class_bind_template_child (widget_class, GwDependencyView, busy_box);
  gtk_widget_class_bind_template_child (widget_class, GwDependencyView, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, GwDependencyView, busy_label);
  gtk_widget_class_bind_template_child (widget_class, GwDependencyView, stack);
  gtk_widget_class_bind_template_child (widget_class, GwDependencyView, canvas);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_focus_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_layout_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_arrange_clicked_cb);
}

static void
gw_dependency_view_init (GwDependencyView *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->fresh_layout = TRUE;

  self->context_signals = g_signal_group_new (GW_TYPE_CONTEXT);
  g_signal_group_connect_object (self->context_signals, "notify::items",
                                 G_CALLBACK (on_context_items_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->context_signals, "notify::selected-item",
                                 G_CALLBACK (on_selected_item_cb), self, G_CONNECT_SWAPPED);
  self->store_signals = g_signal_group_new (GW_TYPE_STORE);
  g_signal_group_connect_object (self->store_signals, "changed",
                                 G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);

  schema = source ? g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE) : NULL;
  if (schema != NULL && g_settings_schema_has_key (schema, "dependency-direction"))
    {
      g_autofree char *direction = NULL;

      self->settings = g_settings_new (APPLICATION_ID);
      direction = g_settings_get_string (self->settings, "dependency-direction");
      self->loading_settings = TRUE;
      gtk_drop_down_set_selected (self->direction_dropdown, g_str_equal (direction, "lr") ? 1 : 0);
      gtk_toggle_button_set_active (self->bands_toggle, g_settings_get_boolean (self->settings, "dependency-bands"));
      self->loading_settings = FALSE;
    }
  gw_graph_canvas_set_show_bands (self->canvas, gtk_toggle_button_get_active (self->bands_toggle));
  show_page (self, "empty");
}

/* Public API */

/**
 * gw_dependency_view_get_context:
 *
 * Returns: (transfer none) (nullable): the view's context
 */
GwContext *
gw_dependency_view_get_context (GwDependencyView *self)
{
  g_return_val_if_fail (GW_IS_DEPENDENCY_VIEW (self), NULL);
  return self->context;
}

void
gw_dependency_view_set_context (GwDependencyView *self,
                                GwContext        *context)
{
  g_return_if_fail (GW_IS_DEPENDENCY_VIEW (self));
  g_return_if_fail (context == NULL || GW_IS_CONTEXT (context));

  if (!g_set_object (&self->context, context))
    return;
  g_signal_group_set_target (self->context_signals, context);
  gw_graph_canvas_set_context (self->canvas, context);
  on_context_items_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

/**
 * gw_dependency_view_get_canvas:
 *
 * Returns: (transfer none): the graph widget
 */
GwGraphCanvas *
gw_dependency_view_get_canvas (GwDependencyView *self)
{
  g_return_val_if_fail (GW_IS_DEPENDENCY_VIEW (self), NULL);
  return self->canvas;
}

/**
 * gw_dependency_view_is_busy:
 *
 * Returns: whether a layout is being computed or waits to be
 */
gboolean
gw_dependency_view_is_busy (GwDependencyView *self)
{
  g_return_val_if_fail (GW_IS_DEPENDENCY_VIEW (self), FALSE);
  return self->busy || self->refresh_id != 0;
}
