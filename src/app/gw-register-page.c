/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "gw-register-columns.h"
#include "gw-register-page.h"

/* The Register page: the items in a sortable column view, a search entry
 * that filters them through the register's full-text index, and the item
 * editor beside the list (below it when the page is narrow). */
struct _GwRegisterPage
{
  GtkWidget           parent_instance;

  GwContext          *context;
  gboolean            editor_visible;
  gboolean            narrow;
  gboolean            laid_out;      /* the paned's position was set once */
  gboolean            position_pending;
  gboolean            compact;       /* the list shows its main columns only */
  gboolean            show_scores;   /* the RICE, ICE and WSJF columns */
  GSettings          *settings;
  guint               columns_idle_id;
  guint               narrow_idle_id;
  guint               position_idle_id;

  GtkColumnViewColumn *columns[GW_N_REGISTER_COLUMNS];
  GListStore         *matches_model;   /* the items found, in register order */
  GtkSortListModel   *sort_model;       /* over the item list, or the matches when searching */
  GtkSingleSelection *selection;
  gboolean            searching;
  GSignalGroup       *store_signals;
  GSignalGroup       *context_signals;
  gboolean            syncing_selection;

  /* template */
  GtkPaned           *paned;
  GtkSearchEntry     *search_entry;
  GtkLabel           *count_label;
  GtkStack           *list_stack;
  GtkColumnView      *column_view;
  GwItemEditor       *editor;
};

G_DEFINE_FINAL_TYPE (GwRegisterPage, gw_register_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_EDITOR_VISIBLE,
  PROP_SHOW_SCORES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void select_item (GwRegisterPage *self,
                         GwItem         *item);

/* Below this width the editor goes under the list. */
#define NARROW_WIDTH 1000
#define EDITOR_WIDTH 400
/* Below this width of the list, only its main columns are shown. */
#define COMPACT_LIST_WIDTH 980

static const struct
{
  const char *property;      /* the GwItem property the cell shows */
  int         fixed_width;   /* -1: takes the room left */
  gboolean    pill;
  gboolean    numeric;
  gboolean    secondary;     /* left out when the list is narrow */
  gboolean    score;         /* shown only with "show-scores" */
} column_info[GW_N_REGISTER_COLUMNS] = {
  [GW_REGISTER_COLUMN_KEY] = { "key", 88, FALSE, FALSE, FALSE },
  [GW_REGISTER_COLUMN_TITLE] = { "title", -1, FALSE, FALSE, FALSE },
  [GW_REGISTER_COLUMN_CATEGORY] = { "category", 104, FALSE, FALSE, TRUE },
  [GW_REGISTER_COLUMN_PRIORITY] = { "priority", 64, TRUE, FALSE, FALSE },
  [GW_REGISTER_COLUMN_STATUS] = { "status", 104, TRUE, FALSE, FALSE },
  [GW_REGISTER_COLUMN_EFFORT] = { "effort-hours", 64, FALSE, TRUE, FALSE },
  [GW_REGISTER_COLUMN_RISK] = { "risk", 68, FALSE, FALSE, TRUE },
  [GW_REGISTER_COLUMN_IMPACT] = { "impact", 64, FALSE, TRUE, TRUE },
  [GW_REGISTER_COLUMN_OWNER] = { "owner", 120, FALSE, FALSE, FALSE },
  [GW_REGISTER_COLUMN_MILESTONE] = { "milestone", 84, FALSE, FALSE, TRUE },
  /* A score follows every field; rows are rebound when an item changes. */
  [GW_REGISTER_COLUMN_RICE] = { "impact", 64, FALSE, TRUE, TRUE, TRUE },
  [GW_REGISTER_COLUMN_ICE] = { "impact", 60, FALSE, TRUE, TRUE, TRUE },
  [GW_REGISTER_COLUMN_WSJF] = { "impact", 64, FALSE, TRUE, TRUE, TRUE },
};

/* Helpers */

static void
update_state (GwRegisterPage *self)
{
  GwItemList *items = self->context ? gw_context_get_items (self->context) : NULL;
  guint total = items ? g_list_model_get_n_items (G_LIST_MODEL (items)) : 0;
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->sort_model));
  g_autofree char *count = NULL;

  if (total == 0)
    gtk_stack_set_visible_child_name (self->list_stack, "empty");
  else if (shown == 0)
    gtk_stack_set_visible_child_name (self->list_stack, "no-results");
  else
    gtk_stack_set_visible_child_name (self->list_stack, "list");

  if (self->searching)
    /* Translators: "12 of 340 items" */
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u item", "%u of %u items", total),
                             shown, total);
  else
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item", "%u items", total), total);
  gtk_label_set_label (self->count_label, count);
}

/* Shows @model (the item list or the matches) without losing the selection. */
static void
show_model (GwRegisterPage *self,
            GListModel     *model)
{
  GwItem *selected = self->context ? gw_context_get_selected_item (self->context) : NULL;

  self->syncing_selection = TRUE;
  if (gtk_sort_list_model_get_model (self->sort_model) != model)
    gtk_sort_list_model_set_model (self->sort_model, model);
  self->syncing_selection = FALSE;
  select_item (self, selected);
}

/* The search goes through the register's full-text index; the items found
 * are put in a model of their own in one step, which costs one change of
 * the list rather than one per item (100 000 items stay responsive). */
static void
run_search (GwRegisterPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  GwItemList *items = self->context ? gw_context_get_items (self->context) : NULL;
  GwStore *store = self->context ? gw_context_get_store (self->context) : NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autoptr(GHashTable) ids = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  if (store == NULL || *stripped == '\0')
    {
      self->searching = FALSE;
      show_model (self, items ? G_LIST_MODEL (items) : NULL);
      self->syncing_selection = TRUE;
      g_list_store_remove_all (self->matches_model);
      self->syncing_selection = FALSE;
      update_state (self);
      return;
    }

  ids = gw_store_search (store, stripped, &error);
  if (ids == NULL)
    /* Quoted words cannot fail the index; should it fail, find nothing
     * rather than show everything. */
    g_warning ("Search for “%s” failed: %s", stripped, error->message);

  n = g_list_model_get_n_items (G_LIST_MODEL (items));
  found = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; ids != NULL && i < n; i++)
    {
      GwItem *item = g_list_model_get_item (G_LIST_MODEL (items), i);
      gint64 id = gw_item_get_id (item);

      if (g_hash_table_contains (ids, &id))
        g_ptr_array_add (found, item);
      else
        g_object_unref (item);
    }

  self->searching = TRUE;
  self->syncing_selection = TRUE;
  g_list_store_splice (self->matches_model, 0, g_list_model_get_n_items (G_LIST_MODEL (self->matches_model)),
                       found->pdata, found->len);
  self->syncing_selection = FALSE;
  show_model (self, G_LIST_MODEL (self->matches_model));
  update_state (self);
}

/* Selects @item in the list, scrolling to it, without echoing back to the context. */
static void
select_item (GwRegisterPage *self,
             GwItem         *item)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  guint position = GTK_INVALID_LIST_POSITION;

  if (item != NULL &&
      gtk_single_selection_get_selected_item (self->selection) == (gpointer) item)
    return;

  for (guint i = 0; item != NULL && i < n; i++)
    {
      g_autoptr(GwItem) it = g_list_model_get_item (G_LIST_MODEL (self->selection), i);

      if (it == item)
        {
          position = i;
          break;
        }
    }

  self->syncing_selection = TRUE;
  gtk_single_selection_set_selected (self->selection, position);
  self->syncing_selection = FALSE;

  if (position != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->column_view), "list.scroll-to-item", "u", position);
}

static void
update_columns (GwRegisterPage *self)
{
  guint position = 0;

  /* When the list is narrow, the title keeps its room and the secondary
   * columns go. They are taken out of the view rather than hidden: GTK
   * 4.8 does not give a hidden column's width to the expanding title. */
  for (guint c = 0; c < GW_N_REGISTER_COLUMNS; c++)
    {
      GtkColumnViewColumn *column = self->columns[c];
      gboolean shown = gtk_column_view_column_get_column_view (column) != NULL;
      gboolean wanted = !(self->compact && column_info[c].secondary) &&
                        (!column_info[c].score || self->show_scores);

      if (shown && !wanted)
        gtk_column_view_remove_column (self->column_view, column);
      else if (!shown && wanted)
        gtk_column_view_insert_column (self->column_view, position, column);
      if (wanted)
        position++;
    }
}

static void
apply_narrow (GwRegisterPage *self)
{
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->paned),
                                  self->narrow ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
  /* Beside the list the editor keeps its width; below it, both grow. */
  gtk_paned_set_resize_end_child (self->paned, self->narrow);

  /* GtkPaned scales a position set now by the change from the old
   * orientation's length: set it once the new one is allocated. */
  self->position_pending = TRUE;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* Callbacks */

static gboolean
on_position_idle_cb (gpointer data)
{
  GwRegisterPage *self = GW_REGISTER_PAGE (data);
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  self->position_idle_id = 0;
  if (self->narrow)
    gtk_paned_set_position (self->paned, MAX (height / 2, 160));
  else
    gtk_paned_set_position (self->paned, MAX (width - EDITOR_WIDTH, 300));
  return G_SOURCE_REMOVE;
}

static gboolean
on_columns_idle_cb (gpointer data)
{
  GwRegisterPage *self = GW_REGISTER_PAGE (data);

  self->columns_idle_id = 0;
  update_columns (self);
  return G_SOURCE_REMOVE;
}

static gboolean
on_narrow_idle_cb (gpointer data)
{
  GwRegisterPage *self = GW_REGISTER_PAGE (data);

  self->narrow_idle_id = 0;
  apply_narrow (self);
  return G_SOURCE_REMOVE;
}

static void
on_search_changed_cb (GwRegisterPage *self,
                      GtkSearchEntry *entry)
{
  run_search (self);
}

static void
on_stop_search_cb (GwRegisterPage *self,
                   GtkSearchEntry *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  run_search (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static int
sort_func (gconstpointer a,
           gconstpointer b,
           gpointer      data)
{
  return gw_register_column_compare (GPOINTER_TO_INT (data), GW_ITEM ((gpointer) a), GW_ITEM ((gpointer) b));
}

/* Unsorted, the list is in register order: no sorter at all then, so that
 * switching between the items and the matches costs no sorting pass. */
static void
on_sorter_changed_cb (GwRegisterPage   *self,
                      GtkSorterChange   change,
                      GtkSorter        *sorter)
{
  GtkSorter *wanted = gtk_sorter_get_order (sorter) == GTK_SORTER_ORDER_NONE ? NULL : sorter;

  if (gtk_sort_list_model_get_sorter (self->sort_model) != wanted)
    gtk_sort_list_model_set_sorter (self->sort_model, wanted);
}

static void
on_model_items_changed_cb (GwRegisterPage *self,
                           guint           position,
                           guint           removed,
                           guint           added,
                           GListModel     *model)
{
  update_state (self);
}

static void
on_store_changed_cb (GwRegisterPage *self,
                     gpointer        change,
                     GwStore        *store)
{
  /* Edited titles and descriptions may match the search now, or no longer. */
  if (self->searching)
    run_search (self);
}

static void
on_context_items_cb (GwRegisterPage *self,
                     GParamSpec     *pspec,
                     GwContext      *context)
{
  g_signal_group_set_target (self->store_signals, gw_context_get_store (context));
  run_search (self);
  update_state (self);
}

static void
on_context_selected_item_cb (GwRegisterPage *self,
                             GParamSpec     *pspec,
                             GwContext      *context)
{
  select_item (self, gw_context_get_selected_item (context));
}

static void
on_selection_changed_cb (GwRegisterPage     *self,
                         GParamSpec         *pspec,
                         GtkSingleSelection *selection)
{
  gpointer item = gtk_single_selection_get_selected_item (selection);

  if (self->syncing_selection || self->context == NULL)
    return;
  /* An item the search does not show stays selected for the other views. */
  if (item == NULL && gw_context_get_selected_item (self->context) != NULL && self->searching)
    return;
  gw_context_set_selected_item (self->context, item);
}

static void
on_row_activated_cb (GwRegisterPage *self,
                     guint           position,
                     GtkColumnView  *view)
{
  gw_register_page_set_editor_visible (self, TRUE);
  gw_item_editor_focus_field (self->editor, GW_FIELD_TITLE);
}

/* Cells */

static void
update_cell (GtkListItem      *list_item,
             GwRegisterColumn  column)
{
  GwItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *child = gtk_list_item_get_child (list_item);
  g_autofree char *text = NULL;

  if (item == NULL || child == NULL)
    return;

  text = gw_register_column_text (column, item);
  if (column_info[column].pill)
    {
      const char *css = gw_register_column_css_class (column, item);
      const char *classes[] = { "pill", css, NULL };

      gtk_label_set_label (GTK_LABEL (child), text);
      gtk_widget_set_css_classes (child, classes);
    }
  else
    {
      const char *css = gw_register_column_css_class (column, item);

      gtk_inscription_set_text (GTK_INSCRIPTION (child), text);
      if (column == GW_REGISTER_COLUMN_RISK)
        {
          const char *classes[] = { css, NULL };

          gtk_widget_set_css_classes (child, css ? classes : NULL);
        }
      if (column == GW_REGISTER_COLUMN_TITLE)
        gtk_widget_set_tooltip_text (child, text);
    }
}

/* Items change in place (the list keeps its objects), so a bound cell
 * follows the property it shows. */
static void
on_item_notify_cb (GtkListItem *list_item,
                   GParamSpec  *pspec,
                   GwItem      *item)
{
  for (guint c = 0; c < GW_N_REGISTER_COLUMNS; c++)
    if (g_str_equal (column_info[c].property, pspec->name))
      update_cell (list_item, c);
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  data)
{
  GwRegisterColumn column = GPOINTER_TO_INT (data);
  GtkWidget *child;

  if (column_info[column].pill)
    {
      child = gtk_label_new (NULL);
      gtk_widget_set_halign (child, GTK_ALIGN_START);
      gtk_widget_set_valign (child, GTK_ALIGN_CENTER);
    }
  else
    {
      child = gtk_inscription_new (NULL);
      gtk_inscription_set_text_overflow (GTK_INSCRIPTION (child), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
      gtk_inscription_set_min_chars (GTK_INSCRIPTION (child), 3);
      gtk_widget_set_hexpand (child, TRUE);
      if (column_info[column].numeric)
        {
          gtk_inscription_set_xalign (GTK_INSCRIPTION (child), 1.0);
          gtk_widget_add_css_class (child, "numeric");
        }
      if (column == GW_REGISTER_COLUMN_KEY)
        gtk_widget_add_css_class (child, "item-key");
    }
  gtk_list_item_set_child (list_item, child);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  data)
{
  GwRegisterColumn column = GPOINTER_TO_INT (data);
  GwItem *item = gtk_list_item_get_item (list_item);
  g_autofree char *signal = g_strconcat ("notify::", column_info[column].property, NULL);

  update_cell (list_item, column);
  g_signal_connect_object (item, signal, G_CALLBACK (on_item_notify_cb), list_item, G_CONNECT_SWAPPED);
}

static void
unbind_cell_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  data)
{
  GwItem *item = gtk_list_item_get_item (list_item);

  if (item != NULL)
    g_signal_handlers_disconnect_by_func (item, on_item_notify_cb, list_item);
}

static void
add_columns (GwRegisterPage *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();

  /* Every column's header has the menu that adds the score columns. */
  g_menu_append (menu, _("Show _Scores (RICE, ICE, WSJF)"), "register.show-scores");
  for (guint c = 0; c < GW_N_REGISTER_COLUMNS; c++)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;
      g_autoptr(GtkSorter) sorter = NULL;

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GINT_TO_POINTER (c));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GINT_TO_POINTER (c));
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell_cb), GINT_TO_POINTER (c));

      column = gtk_column_view_column_new (gw_register_column_title (c), g_object_ref (factory));
      sorter = GTK_SORTER (gtk_custom_sorter_new (sort_func, GINT_TO_POINTER (c), NULL));
      gtk_column_view_column_set_sorter (column, sorter);
      gtk_column_view_column_set_resizable (column, TRUE);
      if (column_info[c].fixed_width > 0)
        gtk_column_view_column_set_fixed_width (column, column_info[c].fixed_width);
      else
        gtk_column_view_column_set_expand (column, TRUE);
      gtk_column_view_column_set_header_menu (column, G_MENU_MODEL (menu));
      gtk_column_view_append_column (self->column_view, column);
      self->columns[c] = g_steal_pointer (&column);
    }
}

/* GtkWidget */

static void
gw_register_page_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  GwRegisterPage *self = GW_REGISTER_PAGE (widget);

  gtk_widget_measure (GTK_WIDGET (self->paned), orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

/* No layout manager: with one, GTK would not call this. */
static void
gw_register_page_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  GwRegisterPage *self = GW_REGISTER_PAGE (widget);
  gboolean narrow = width < NARROW_WIDTH;
  gboolean compact;

  gtk_widget_allocate (GTK_WIDGET (self->paned), width, height, baseline, NULL);

  compact = gtk_widget_get_width (gtk_paned_get_start_child (self->paned)) < COMPACT_LIST_WIDTH;
  if (compact != self->compact)
    {
      self->compact = compact;
      if (self->columns_idle_id == 0)
        self->columns_idle_id = g_idle_add (on_columns_idle_cb, self);
    }

  /* Changing the paned inside an allocation would re-enter it: do it next. */
  if (narrow != self->narrow || !self->laid_out)
    {
      self->narrow = narrow;
      self->laid_out = TRUE;
      if (self->narrow_idle_id == 0)
        self->narrow_idle_id = g_idle_add (on_narrow_idle_cb, self);
    }
  else if (self->position_pending)
    {
      self->position_pending = FALSE;
      if (self->position_idle_id == 0)
        self->position_idle_id = g_idle_add (on_position_idle_cb, self);
    }
}

/* GObject */

static void
gw_register_page_dispose (GObject *object)
{
  GwRegisterPage *self = GW_REGISTER_PAGE (object);

  g_clear_handle_id (&self->narrow_idle_id, g_source_remove);
  g_clear_handle_id (&self->columns_idle_id, g_source_remove);
  g_clear_handle_id (&self->position_idle_id, g_source_remove);
  if (self->context_signals != NULL)
    g_signal_group_set_target (self->context_signals, NULL);
  if (self->store_signals != NULL)
    g_signal_group_set_target (self->store_signals, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), GW_TYPE_REGISTER_PAGE);
  for (guint c = 0; c < GW_N_REGISTER_COLUMNS; c++)
    g_clear_object (&self->columns[c]);
  g_clear_object (&self->selection);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->matches_model);
  g_clear_object (&self->context_signals);
  g_clear_object (&self->store_signals);
  g_clear_object (&self->settings);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (gw_register_page_parent_class)->dispose (object);
}

static void
gw_register_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  GwRegisterPage *self = GW_REGISTER_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_EDITOR_VISIBLE:
      g_value_set_boolean (value, self->editor_visible);
      break;
    case PROP_SHOW_SCORES:
      g_value_set_boolean (value, self->show_scores);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gw_register_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  GwRegisterPage *self = GW_REGISTER_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      gw_register_page_set_context (self, g_value_get_object (value));
      break;
    case PROP_EDITOR_VISIBLE:
      gw_register_page_set_editor_visible (self, g_value_get_boolean (value));
      break;
    case PROP_SHOW_SCORES:
      if (self->show_scores != g_value_get_boolean (value))
        {
          self->show_scores = g_value_get_boolean (value);
          update_columns (self);
          if (self->settings != NULL)
            g_settings_set_boolean (self->settings, "register-show-scores", self->show_scores);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gw_register_page_class_init (GwRegisterPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gw_register_page_dispose;
  object_class->get_property = gw_register_page_get_property;
  object_class->set_property = gw_register_page_set_property;
  widget_class->measure = gw_register_page_measure;
  widget_class->size_allocate = gw_register_page_size_allocate;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, GW_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EDITOR_VISIBLE] =
    g_param_spec_boolean ("editor-visible", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_SCORES] =
    g_param_spec_boolean ("show-scores", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_install_property_action (widget_class, "register.show-scores", "show-scores");

  g_type_ensure (GW_TYPE_ITEM_EDITOR);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/gapwise/Gapwise/gw-register-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GwRegisterPage, paned);
  gtk_widget_class_bind_template_child (widget_class, GwRegisterPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, GwRegisterPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, GwRegisterPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, GwRegisterPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, GwRegisterPage, editor);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search_cb);
}

static void
gw_register_page_init (GwRegisterPage *self)
{
  GtkEventController *shortcuts;

  self->editor_visible = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));

  add_columns (self);
  {
    GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
    g_autoptr(GSettingsSchema) schema = source ? g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE) : NULL;

    if (schema != NULL && g_settings_schema_has_key (schema, "register-show-scores"))
      {
        self->settings = g_settings_new (APPLICATION_ID);
        self->show_scores = g_settings_get_boolean (self->settings, "register-show-scores");
      }
  }
  update_columns (self);

  self->matches_model = g_list_store_new (GW_TYPE_ITEM);
  self->sort_model = gtk_sort_list_model_new (NULL, NULL);
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (on_sorter_changed_cb), self, G_CONNECT_SWAPPED);
  /* Sorting 100 000 items by key takes a while: in slices, between frames. */
  gtk_sort_list_model_set_incremental (self->sort_model, TRUE);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->sort_model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (self->sort_model, "items-changed",
                           G_CALLBACK (on_model_items_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (on_selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->column_view, "activate",
                           G_CALLBACK (on_row_activated_cb), self, G_CONNECT_SWAPPED);

  self->store_signals = g_signal_group_new (GW_TYPE_STORE);
  g_signal_group_connect_object (self->store_signals, "changed",
                                 G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
  self->context_signals = g_signal_group_new (GW_TYPE_CONTEXT);
  g_signal_group_connect_object (self->context_signals, "notify::items",
                                 G_CALLBACK (on_context_items_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->context_signals, "notify::selected-item",
                                 G_CALLBACK (on_context_selected_item_cb), self, G_CONNECT_SWAPPED);

  /* Delete acts on the selected item only while the list has the focus;
   * in a text field it deletes text. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                                                          gtk_named_action_new ("win.delete-item")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_KP_Delete, 0),
                                                          gtk_named_action_new ("win.delete-item")));
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), shortcuts);

  update_state (self);
}

/* Public API */

/**
 * gw_register_page_get_context:
 *
 * Returns: (transfer none) (nullable): the page's context
 */
GwContext *
gw_register_page_get_context (GwRegisterPage *self)
{
  g_return_val_if_fail (GW_IS_REGISTER_PAGE (self), NULL);
  return self->context;
}

void
gw_register_page_set_context (GwRegisterPage *self,
                              GwContext      *context)
{
  g_return_if_fail (GW_IS_REGISTER_PAGE (self));
  g_return_if_fail (context == NULL || GW_IS_CONTEXT (context));

  if (!g_set_object (&self->context, context))
    return;

  g_signal_group_set_target (self->context_signals, context);
  gw_item_editor_set_context (self->editor, context);
  if (context != NULL)
    {
      on_context_items_cb (self, NULL, context);
      on_context_selected_item_cb (self, NULL, context);
    }
  else
    {
      g_signal_group_set_target (self->store_signals, NULL);
      self->searching = FALSE;
      show_model (self, NULL);
      update_state (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

gboolean
gw_register_page_get_editor_visible (GwRegisterPage *self)
{
  g_return_val_if_fail (GW_IS_REGISTER_PAGE (self), FALSE);
  return self->editor_visible;
}

void
gw_register_page_set_editor_visible (GwRegisterPage *self,
                                     gboolean        visible)
{
  g_return_if_fail (GW_IS_REGISTER_PAGE (self));

  visible = !!visible;
  if (visible == self->editor_visible)
    return;
  self->editor_visible = visible;
  gtk_widget_set_visible (GTK_WIDGET (self->editor), visible);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITOR_VISIBLE]);
}

/**
 * gw_register_page_get_editor:
 *
 * Returns: (transfer none): the item editor beside the list
 */
GwItemEditor *
gw_register_page_get_editor (GwRegisterPage *self)
{
  g_return_val_if_fail (GW_IS_REGISTER_PAGE (self), NULL);
  return self->editor;
}

void
gw_register_page_focus_search (GwRegisterPage *self)
{
  g_return_if_fail (GW_IS_REGISTER_PAGE (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
gw_register_page_focus_list (GwRegisterPage *self)
{
  g_return_if_fail (GW_IS_REGISTER_PAGE (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

/**
 * gw_register_page_get_shown_items:
 *
 * Returns: (transfer none): the items as the list shows them: searched and sorted
 */
GListModel *
gw_register_page_get_shown_items (GwRegisterPage *self)
{
  g_return_val_if_fail (GW_IS_REGISTER_PAGE (self), NULL);
  return G_LIST_MODEL (self->selection);
}

/**
 * gw_register_page_set_search_text:
 *
 * Searches for @text at once, as typing it would after the search delay.
 */
void
gw_register_page_set_search_text (GwRegisterPage *self,
                                  const char     *text)
{
  g_return_if_fail (GW_IS_REGISTER_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  run_search (self);
}

/**
 * gw_register_page_sort_by:
 * @column: a #GwRegisterColumn
 *
 * Sorts the list as a click on the column's header does.
 */
void
gw_register_page_sort_by (GwRegisterPage *self,
                          int             column,
                          GtkSortType     order)
{
  g_return_if_fail (GW_IS_REGISTER_PAGE (self));
  g_return_if_fail (column >= 0 && column < GW_N_REGISTER_COLUMNS);

  gtk_column_view_sort_by_column (self->column_view, self->columns[column], order);
}
