/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The Quadrant page: the impact/effort quadrant with a list of the items
 * of one quadrant beside it (quick wins first), or the risk matrix; both
 * filtered by milestone, category, status and owner. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "gw-chart-source.h"
#include "gw-quadrant-view.h"
#include "gw-scoring.h"

typedef enum
{
  FILTER_MILESTONE,
  FILTER_CATEGORY,
  FILTER_STATUS,
  FILTER_OWNER,
  N_FILTERS
} Filter;

struct _GwQuadrantView
{
  GtkWidget       parent_instance;

  GwContext      *context;
  GSignalGroup   *context_signals;
  GSignalGroup   *store_signals;
  GSignalGroup   *items_signals;
  GSettings      *settings;
  guint           refresh_id;
  gboolean        updating;          /* refilling the filters' models */

  GPtrArray      *shown;             /* GwItem after the filters */
  GListStore     *side_store;        /* the listed quadrant's items */
  GtkSingleSelection *side_selection;
  GPtrArray      *filter_values[N_FILTERS];   /* char *: the choices after "All" */

  /* template */
  GtkToggleButton *quadrant_toggle;
  GtkToggleButton *risk_toggle;
  GtkWidget       *quadrant_controls;
  GtkDropDown     *color_dropdown;
  GtkDropDown     *size_dropdown;
  GtkToggleButton *log_toggle;
  GtkToggleButton *snap_toggle;
  GtkDropDown     *grid_dropdown;
  GtkMenuButton   *filter_button;
  GtkDropDown     *filters[N_FILTERS];
  GtkLabel        *count_label;
  GtkToggleButton *list_toggle;
  GtkStack        *stack;
  GtkWidget       *side_panel;
  GtkDropDown     *quadrant_dropdown;
  GtkListView     *side_list;
  GwQuadrantArea  *quadrant_area;
  GwRiskArea      *risk_area;
};

static void chart_source_iface_init (GwChartSourceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GwQuadrantView, gw_quadrant_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GW_TYPE_CHART_SOURCE, chart_source_iface_init))

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *color_by_names[] = { "priority", "category", "status", "milestone" };
static const char *size_by_names[] = { "none", "roi", "risk" };

/* Helpers */

static GwStore *
get_store (GwQuadrantView *self)
{
  return self->context ? gw_context_get_store (self->context) : NULL;
}

static gboolean
showing_risk (GwQuadrantView *self)
{
  return gtk_toggle_button_get_active (self->risk_toggle);
}

static const char *
filter_value (GwItem *item,
              Filter  filter)
{
  switch (filter)
    {
    case FILTER_MILESTONE:
      return gw_item_get_milestone (item);
    case FILTER_CATEGORY:
      return gw_item_get_category (item);
    case FILTER_OWNER:
      return gw_item_get_owner (item);
    case FILTER_STATUS:
      return gw_status_to_string (gw_item_get_status (item));
    case N_FILTERS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* The value a filter keeps, or NULL for "All". */
static const char *
chosen (GwQuadrantView *self,
        Filter          filter)
{
  guint selected = gtk_drop_down_get_selected (self->filters[filter]);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION ||
      selected - 1 >= self->filter_values[filter]->len)
    return NULL;
  return g_ptr_array_index (self->filter_values[filter], selected - 1);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_utf8_collate (*(const char *const *) a, *(const char *const *) b);
}

/* Fills each filter with the values the register has, keeping the choice. */
static void
update_filter_models (GwQuadrantView *self,
                      GListModel     *items)
{
  static const char *all_labels[] = {
    N_("All milestones"), N_("All categories"), N_("All statuses"), N_("All owners"),
  };
  guint n = items ? g_list_model_get_n_items (items) : 0;

  self->updating = TRUE;
  for (Filter f = 0; f < N_FILTERS; f++)
    {
      g_autofree char *keep = g_strdup (chosen (self, f));
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
      guint select = 0;

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GwItem) item = g_list_model_get_item (items, i);
          const char *value = filter_value (item, f);

          if (value != NULL && *value != '\0' && !g_hash_table_contains (seen, value))
            {
              g_ptr_array_add (values, g_strdup (value));
              g_hash_table_add (seen, g_ptr_array_index (values, values->len - 1));
            }
        }
      g_ptr_array_sort (values, compare_strings);

      gtk_string_list_append (model, _(all_labels[f]));
      for (guint i = 0; i < values->len; i++)
        {
          const char *value = g_ptr_array_index (values, i);
          GwStatus status;

          if (f == FILTER_STATUS && gw_status_from_string (value, &status))
            gtk_string_list_append (model, gw_status_to_label (status));
          else
            gtk_string_list_append (model, value);
          if (g_strcmp0 (value, keep) == 0)
            select = i + 1;
        }
      g_ptr_array_unref (self->filter_values[f]);
      self->filter_values[f] = g_steal_pointer (&values);
      gtk_drop_down_set_model (self->filters[f], G_LIST_MODEL (model));
      gtk_drop_down_set_selected (self->filters[f], select);
    }
  self->updating = FALSE;
}

static void
read_options (GwQuadrantView    *self,
              GwQuadrantOptions *options)
{
  GwStore *store = get_store (self);
  guint color = gtk_drop_down_get_selected (self->color_dropdown);
  guint size = gtk_drop_down_get_selected (self->size_dropdown);

  gw_quadrant_options_init (options);
  options->color_by = MIN (color, G_N_ELEMENTS (color_by_names) - 1);
  options->size_by = MIN (size, G_N_ELEMENTS (size_by_names) - 1);
  options->log_effort = gtk_toggle_button_get_active (self->log_toggle);
  if (store != NULL)
    {
      double effort = gw_store_get_setting_double (store, "effort_threshold");
      double impact = gw_store_get_setting_double (store, "impact_threshold");

      if (!isnan (effort))
        options->scoring.effort_threshold = effort;
      if (!isnan (impact))
        options->scoring.impact_threshold = impact;
    }
}

static int
risk_grid (GwQuadrantView *self)
{
  GwStore *store = get_store (self);
  double cells = store ? gw_store_get_setting_double (store, "risk_grid") : 5;

  return cells == 3 ? 3 : 5;
}

static int
compare_quick_wins_ptr (gconstpointer a,
                        gconstpointer b,
                        gpointer      data)
{
  return gw_compare_quick_wins_first (*(GwItem **) a, *(GwItem **) b);
}

static void
update_side_list (GwQuadrantView *self)
{
  GwQuadrantOptions options;
  guint counts[GW_N_QUADRANTS] = { 0 };
  guint selected = gtk_drop_down_get_selected (self->quadrant_dropdown);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) listed = NULL;

  if (selected == GTK_INVALID_LIST_POSITION || selected >= GW_N_QUADRANTS)
    selected = GW_QUADRANT_QUICK_WIN;

  read_options (self, &options);
  listed = gw_quadrant_view_get_side_items (self, selected);
  for (guint i = 0; self->shown != NULL && i < self->shown->len; i++)
    counts[gw_item_quadrant (g_ptr_array_index (self->shown, i), &options.scoring)]++;

  for (GwQuadrant q = 0; q < GW_N_QUADRANTS; q++)
    {
      /* Translators: a quadrant and how many items it holds, "Quick Wins (5)" */
      g_autofree char *label = g_strdup_printf (_("%s (%u)"), gw_quadrant_to_label (q), counts[q]);

      gtk_string_list_append (names, label);
    }
  self->updating = TRUE;
  gtk_drop_down_set_model (self->quadrant_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->quadrant_dropdown, selected);
  self->updating = FALSE;

  g_list_store_splice (self->side_store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->side_store)),
                       listed->pdata, listed->len);
}

static void
update_count (GwQuadrantView *self,
              guint           total)
{
  g_autofree char *text = NULL;
  guint shown = self->shown ? self->shown->len : 0;
  guint active = 0;

  for (Filter f = 0; f < N_FILTERS; f++)
    active += chosen (self, f) != NULL;

  if (active > 0)
    /* Translators: "12 of 340 items" */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u item", "%u of %u items", total), shown, total);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item", "%u items", total), total);
  gtk_label_set_label (self->count_label, text);

  if (active > 0)
    {
      /* Translators: the filter button with the number of filters in use */
      g_autofree char *label = g_strdup_printf (_("_Filter (%u)"), active);

      gtk_menu_button_set_label (self->filter_button, label);
    }
  else
    gtk_menu_button_set_label (self->filter_button, _("_Filter"));
}

static void
refresh (GwQuadrantView *self)
{
  GwItemList *list = self->context ? gw_context_get_items (self->context) : NULL;
  GListModel *items = list ? G_LIST_MODEL (list) : NULL;
  guint n = items ? g_list_model_get_n_items (items) : 0;
  GwQuadrantOptions options;
  const char *keep[N_FILTERS];

  g_clear_handle_id (&self->refresh_id, g_source_remove);

  update_filter_models (self, items);
  for (Filter f = 0; f < N_FILTERS; f++)
    keep[f] = chosen (self, f);

  g_clear_pointer (&self->shown, g_ptr_array_unref);
  self->shown = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GwItem) item = g_list_model_get_item (items, i);
      gboolean pass = TRUE;

      for (Filter f = 0; f < N_FILTERS && pass; f++)
        pass = keep[f] == NULL || g_strcmp0 (filter_value (item, f), keep[f]) == 0;
      if (pass)
        g_ptr_array_add (self->shown, g_steal_pointer (&item));
    }

  read_options (self, &options);
  gw_quadrant_area_set_snap (self->quadrant_area, gtk_toggle_button_get_active (self->snap_toggle));
  gw_quadrant_area_set_options (self->quadrant_area, &options);
  gw_quadrant_area_set_items (self->quadrant_area, self->shown);
  self->updating = TRUE;
  gtk_drop_down_set_selected (self->grid_dropdown, risk_grid (self) == 3 ? 0 : 1);
  self->updating = FALSE;
  gw_risk_area_set_items (self->risk_area, self->shown, risk_grid (self));
  update_side_list (self);
  update_count (self, n);
}

static gboolean
on_refresh_idle_cb (gpointer data)
{
  GwQuadrantView *self = data;

  self->refresh_id = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

static void
queue_refresh (GwQuadrantView *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, on_refresh_idle_cb, self, NULL);
}

static void
save_settings (GwQuadrantView *self)
{
  if (self->settings == NULL)
    return;
  g_settings_set_string (self->settings, "quadrant-color-by",
                         color_by_names[MIN (gtk_drop_down_get_selected (self->color_dropdown), 3)]);
  g_settings_set_string (self->settings, "quadrant-size-by",
                         size_by_names[MIN (gtk_drop_down_get_selected (self->size_dropdown), 2)]);
  g_settings_set_boolean (self->settings, "quadrant-log-effort", gtk_toggle_button_get_active (self->log_toggle));
  g_settings_set_boolean (self->settings, "quadrant-snap", gtk_toggle_button_get_active (self->snap_toggle));
  g_settings_set_boolean (self->settings, "quadrant-side-list", gtk_toggle_button_get_active (self->list_toggle));
  g_settings_set_string (self->settings, "quadrant-chart", showing_risk (self) ? "risk" : "quadrant");
}

static void
load_settings (GwQuadrantView *self)
{
  g_autofree char *color = g_settings_get_string (self->settings, "quadrant-color-by");
  g_autofree char *size = g_settings_get_string (self->settings, "quadrant-size-by");
  g_autofree char *chart = g_settings_get_string (self->settings, "quadrant-chart");

  self->updating = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (color_by_names); i++)
    if (g_str_equal (color, color_by_names[i]))
      gtk_drop_down_set_selected (self->color_dropdown, i);
  for (guint i = 0; i < G_N_ELEMENTS (size_by_names); i++)
    if (g_str_equal (size, size_by_names[i]))
      gtk_drop_down_set_selected (self->size_dropdown, i);
  gtk_toggle_button_set_active (self->log_toggle, g_settings_get_boolean (self->settings, "quadrant-log-effort"));
  gtk_toggle_button_set_active (self->snap_toggle, g_settings_get_boolean (self->settings, "quadrant-snap"));
  gtk_toggle_button_set_active (self->list_toggle, g_settings_get_boolean (self->settings, "quadrant-side-list"));
  gtk_toggle_button_set_active (g_str_equal (chart, "risk") ? self->risk_toggle : self->quadrant_toggle, TRUE);
  self->updating = FALSE;
}

/* Callbacks */

static void
on_chart_toggled_cb (GwQuadrantView *self)
{
  gboolean risk = showing_risk (self);

  gtk_stack_set_visible_child_name (self->stack, risk ? "risk" : "quadrant");
  gtk_widget_set_visible (self->quadrant_controls, !risk);
  gtk_widget_set_visible (GTK_WIDGET (self->grid_dropdown), risk);
  gtk_widget_set_visible (GTK_WIDGET (self->list_toggle), !risk);
  if (!self->updating)
    save_settings (self);
}

static void
on_options_changed_cb (GwQuadrantView *self)
{
  if (self->updating)
    return;
  save_settings (self);
  queue_refresh (self);
}

static void
on_filter_changed_cb (GwQuadrantView *self)
{
  if (!self->updating)
    queue_refresh (self);
}

static void
on_reset_filters_cb (GwQuadrantView *self)
{
  self->updating = TRUE;
  for (Filter f = 0; f < N_FILTERS; f++)
    gtk_drop_down_set_selected (self->filters[f], 0);
  self->updating = FALSE;
  gtk_menu_button_popdown (self->filter_button);
  queue_refresh (self);
}

static void
on_grid_changed_cb (GwQuadrantView *self)
{
  g_autoptr(GError) error = NULL;
  const char *cells = gtk_drop_down_get_selected (self->grid_dropdown) == 0 ? "3" : "5";
  GwStore *store = get_store (self);

  if (self->updating || store == NULL || gw_store_is_read_only (store))
    return;
  /* The grid size is the register's: one undoable edit. */
  if (!gw_store_set_setting (store, "risk_grid", cells, &error))
    gw_chart_area_show_error (GW_CHART_AREA (self->risk_area), error);
}

static void
on_list_toggled_cb (GwQuadrantView *self)
{
  gtk_widget_set_visible (self->side_panel, gtk_toggle_button_get_active (self->list_toggle));
  if (!self->updating)
    save_settings (self);
}

static void
on_side_quadrant_changed_cb (GwQuadrantView *self)
{
  if (!self->updating)
    update_side_list (self);
}

static void
on_side_list_activate_cb (GwQuadrantView *self,
                          guint           position)
{
  g_autoptr(GwItem) item = g_list_model_get_item (G_LIST_MODEL (self->side_store), position);

  if (self->context != NULL && item != NULL)
    gw_context_set_selected_item (self->context, item);
}

static void
on_store_changed_cb (GwQuadrantView *self)
{
  queue_refresh (self);
}

static void
on_items_changed_cb (GwQuadrantView *self)
{
  queue_refresh (self);
}

static void
on_context_items_cb (GwQuadrantView *self)
{
  g_signal_group_set_target (self->store_signals, get_store (self));
  g_signal_group_set_target (self->items_signals, self->context ? gw_context_get_items (self->context) : NULL);
  queue_refresh (self);
}

static void
on_selected_item_cb (GwQuadrantView *self)
{
  gw_chart_area_queue_draw_chart (GW_CHART_AREA (self->quadrant_area));
  gw_chart_area_queue_draw_chart (GW_CHART_AREA (self->risk_area));
}

static void
setup_side_row_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   gpointer                  data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *key = gtk_label_new (NULL);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *meta = gtk_label_new (NULL);

  gtk_widget_add_css_class (key, "item-key");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (meta, "dim-label");
  gtk_widget_add_css_class (meta, "numeric");
  gtk_box_append (GTK_BOX (box), key);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), meta);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_side_row_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  gpointer                  data)
{
  GwItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *key = gtk_widget_get_first_child (box);
  GtkWidget *title = gtk_widget_get_next_sibling (key);
  GtkWidget *meta = gtk_widget_get_next_sibling (title);
  g_autofree char *hours = gw_format_hours (gw_item_get_effort_hours (item));
  /* Translators: effort and impact of an item, "6 h · 90" */
  g_autofree char *scores = g_strdup_printf (_("%s h · %d"), hours, gw_impact_score (item));

  gtk_label_set_label (GTK_LABEL (key), gw_item_get_key (item));
  gtk_label_set_label (GTK_LABEL (title), gw_item_get_title (item));
  gtk_widget_set_tooltip_text (title, gw_item_get_title (item));
  gtk_label_set_label (GTK_LABEL (meta), scores);
}

/* GwChartSource */

static char *
gw_quadrant_view_get_title (GwChartSource *source)
{
  return g_strdup (showing_risk (GW_QUADRANT_VIEW (source)) ? _("Risk Matrix") : _("Quadrant"));
}

static void
gw_quadrant_view_get_natural_size (GwChartSource *source,
                                   double        *width,
                                   double        *height)
{
  *width = 1200;
  *height = 800;
}

static void
gw_quadrant_view_draw_chart (GwChartSource         *source,
                             cairo_t               *cr,
                             double                 width,
                             double                 height,
                             const GwRenderPalette *palette)
{
  GwQuadrantView *self = GW_QUADRANT_VIEW (source);
  g_autoptr(GPtrArray) empty = g_ptr_array_new ();
  GPtrArray *items = self->shown ? self->shown : empty;

  if (showing_risk (self))
    {
      g_autoptr(GwRiskMatrix) matrix = gw_risk_matrix_new (items, risk_grid (self));

      gw_risk_matrix_layout (matrix, cr, palette, width, height);
      gw_risk_matrix_draw (matrix, cr, palette);
    }
  else
    {
      GwQuadrantOptions options;
      g_autoptr(GwQuadrantChart) chart = NULL;

      read_options (self, &options);
      chart = gw_quadrant_chart_new (items, &options);
      gw_quadrant_chart_layout (chart, cr, palette, width, height);
      gw_quadrant_chart_draw (chart, cr, palette);
    }
}

static void
chart_source_iface_init (GwChartSourceInterface *iface)
{
  iface->get_title = gw_quadrant_view_get_title;
  iface->get_natural_size = gw_quadrant_view_get_natural_size;
  iface->draw = gw_quadrant_view_draw_chart;
}

/* GObject */

static void
gw_quadrant_view_dispose (GObject *object)
{
  GwQuadrantView *self = GW_QUADRANT_VIEW (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->context_signals != NULL)
    g_signal_group_set_target (self->context_signals, NULL);
  if (self->store_signals != NULL)
    g_signal_group_set_target (self->store_signals, NULL);
  if (self->items_signals != NULL)
    g_signal_group_set_target (self->items_signals, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), GW_TYPE_QUADRANT_VIEW);
  /* Children the template does not bind (the toolbar) are ours to drop. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->context_signals);
  g_clear_object (&self->store_signals);
  g_clear_object (&self->items_signals);
  g_clear_object (&self->side_selection);
  g_clear_object (&self->side_store);
  g_clear_object (&self->settings);
  g_clear_object (&self->context);
  g_clear_pointer (&self->shown, g_ptr_array_unref);
  for (Filter f = 0; f < N_FILTERS; f++)
    g_clear_pointer (&self->filter_values[f], g_ptr_array_unref);

  G_OBJECT_CLASS (gw_quadrant_view_parent_class)->dispose (object);
}

static void
gw_quadrant_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  GwQuadrantView *self = GW_QUADRANT_VIEW (object);

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
gw_quadrant_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  GwQuadrantView *self = GW_QUADRANT_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      gw_quadrant_view_set_context (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gw_quadrant_view_class_init (GwQuadrantViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gw_quadrant_view_dispose;
  object_class->get_property = gw_quadrant_view_get_property;
  object_class->set_property = gw_quadrant_view_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, GW_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (GW_TYPE_QUADRANT_AREA);
  g_type_ensure (GW_TYPE_RISK_AREA);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/gapwise/Gapwise/gw-quadrant-view.ui");
  gtk_widget_class_bind_template_child (widget_class, GwQuadrantView, quadrant_toggle);
  gtk_widget_class_bind_template_child (widget_class, GwQuadrantView, risk_toggle);
  gtk_widget_class_bind_template_child (widget_class, GwQuadrantView, quadrant_controls);
  gtk_widget_class_bind_template_child (widget_class, GwQuadrantView, color_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GwQuadrantView, size_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GwQuadrantView, log_toggle);
  gtk_widget_class_bind_template_child (widget_class, GwQuadrantView, snap_toggle);
  gtk_widget_class_bind_template_child (widget_class, GwQuadrantView, grid_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GwQuadrantView, filter_button);
  gtk_widget_class_bind_template_child_full (widget_class, "milestone_filter", FALSE,
                                             G_STRUCT_OFFSET (GwQuadrantView, filters[FILTER_MILESTONE]));
  gtk_widget_class_bind_template_child_full (widget_class, "category_filter", FALSE,
                                             G_STRUCT_OFFSET (GwQuadrantView, filters[FILTER_CATEGORY]));
  gtk_widget_class_bind_template_child_full (widget_class, "status_filter", FALSE,
                                             G_STRUCT_OFFSET (GwQuadrantView, filters[FILTER_STATUS]));
  gtk_widget_class_bind_template_child_full (widget_class, "owner_filter", FALSE,
                                             G_STRUCT_OFFSET (GwQuadrantView, filters[FILTER_OWNER]));
  gtk_widget_class_bind_template_child (widget_class, GwQuadrantView, count_label);
  gtk_widget_class_bind_template_child (widget_class, GwQuadrantView, list_toggle);
  gtk_widget_class_bind_template_child (widget_class, GwQuadrantView, stack);
  gtk_widget_class_bind_template_child (widget_class, GwQuadrantView, side_panel);
  gtk_widget_class_bind_template_child (widget_class, GwQuadrantView, quadrant_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GwQuadrantView, side_list);
  gtk_widget_class_bind_template_child (widget_class, GwQuadrantView, quadrant_area);
  gtk_widget_class_bind_template_child (widget_class, GwQuadrantView, risk_area);
  gtk_widget_class_bind_template_callback (widget_class, on_chart_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_options_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_reset_filters_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_grid_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_list_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_side_quadrant_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_side_list_activate_cb);
}

static void
gw_quadrant_view_init (GwQuadrantView *self)
{
  GtkListItemFactory *factory;
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  for (Filter f = 0; f < N_FILTERS; f++)
    self->filter_values[f] = g_ptr_array_new_with_free_func (g_free);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->side_store = g_list_store_new (GW_TYPE_ITEM);
  self->side_selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->side_store)));
  gtk_single_selection_set_autoselect (self->side_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->side_selection, TRUE);
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_side_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_side_row_cb), NULL);
  gtk_list_view_set_factory (self->side_list, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->side_list, GTK_SELECTION_MODEL (self->side_selection));

  self->context_signals = g_signal_group_new (GW_TYPE_CONTEXT);
  g_signal_group_connect_object (self->context_signals, "notify::items",
                                 G_CALLBACK (on_context_items_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->context_signals, "notify::selected-item",
                                 G_CALLBACK (on_selected_item_cb), self, G_CONNECT_SWAPPED);
  self->store_signals = g_signal_group_new (GW_TYPE_STORE);
  g_signal_group_connect_object (self->store_signals, "changed",
                                 G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
  self->items_signals = g_signal_group_new (GW_TYPE_ITEM_LIST);
  g_signal_group_connect_object (self->items_signals, "items-changed",
                                 G_CALLBACK (on_items_changed_cb), self, G_CONNECT_SWAPPED);

  /* Window state lives in the app's settings; a test without the schema
   * gets the defaults. */
  schema = source ? g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE) : NULL;
  if (schema != NULL && g_settings_schema_has_key (schema, "quadrant-color-by"))
    {
      self->settings = g_settings_new (APPLICATION_ID);
      load_settings (self);
    }
  on_chart_toggled_cb (self);
  on_list_toggled_cb (self);
}

/* Public API */

/**
 * gw_quadrant_view_get_context:
 *
 * Returns: (transfer none) (nullable): the view's context
 */
GwContext *
gw_quadrant_view_get_context (GwQuadrantView *self)
{
  g_return_val_if_fail (GW_IS_QUADRANT_VIEW (self), NULL);
  return self->context;
}

void
gw_quadrant_view_set_context (GwQuadrantView *self,
                              GwContext      *context)
{
  g_return_if_fail (GW_IS_QUADRANT_VIEW (self));
  g_return_if_fail (context == NULL || GW_IS_CONTEXT (context));

  if (!g_set_object (&self->context, context))
    return;
  g_signal_group_set_target (self->context_signals, context);
  gw_quadrant_area_set_context (self->quadrant_area, context);
  gw_risk_area_set_context (self->risk_area, context);
  on_context_items_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

GwQuadrantArea *
gw_quadrant_view_get_quadrant_area (GwQuadrantView *self)
{
  g_return_val_if_fail (GW_IS_QUADRANT_VIEW (self), NULL);
  return self->quadrant_area;
}

GwRiskArea *
gw_quadrant_view_get_risk_area (GwQuadrantView *self)
{
  g_return_val_if_fail (GW_IS_QUADRANT_VIEW (self), NULL);
  return self->risk_area;
}

void
gw_quadrant_view_show_risk (GwQuadrantView *self,
                            gboolean        risk)
{
  g_return_if_fail (GW_IS_QUADRANT_VIEW (self));
  gtk_toggle_button_set_active (risk ? self->risk_toggle : self->quadrant_toggle, TRUE);
}

/**
 * gw_quadrant_view_get_side_items:
 *
 * Returns: (transfer full) (element-type GwItem): the shown items of
 *   @quadrant in the side list's order: priority, then ROI, then key
 */
GPtrArray *
gw_quadrant_view_get_side_items (GwQuadrantView *self,
                                 GwQuadrant      quadrant)
{
  GPtrArray *listed = g_ptr_array_new_with_free_func (g_object_unref);
  GwQuadrantOptions options;

  g_return_val_if_fail (GW_IS_QUADRANT_VIEW (self), listed);

  read_options (self, &options);
  for (guint i = 0; self->shown != NULL && i < self->shown->len; i++)
    {
      GwItem *item = g_ptr_array_index (self->shown, i);

      if (gw_item_quadrant (item, &options.scoring) == quadrant)
        g_ptr_array_add (listed, g_object_ref (item));
    }
  g_ptr_array_sort_with_data (listed, compare_quick_wins_ptr, NULL);
  return listed;
}

/**
 * gw_quadrant_view_refresh:
 *
 * Reads the register again now instead of at the next idle.
 */
void
gw_quadrant_view_refresh (GwQuadrantView *self)
{
  g_return_if_fail (GW_IS_QUADRANT_VIEW (self));
  refresh (self);
}
