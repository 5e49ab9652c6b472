/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "gw-context.h"

/* What every view of a window shares: the open register, its items as a
 * list model, and the item selected in any view. Views hold the context,
 * not the store, so that opening another register in the same window only
 * changes the context's properties. */
struct _GwContext
{
  GObject     parent_instance;

  GwStore    *store;
  GwItemList *items;
  GwItem     *selected_item;
  gulong      items_changed_id;
  gulong      store_changed_id;
  guint       poll_id;
  GwSchedule *schedule;          /* computed on first use after a change */
};

G_DEFINE_FINAL_TYPE (GwContext, gw_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_ITEMS,
  PROP_READ_ONLY,
  PROP_SELECTED_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define POLL_INTERVAL_SECONDS 1

/* Helpers */

/* The schedule of the items the window holds: the register's other tables
 * are read again, its items are not. */
static GwSchedule *
schedule_items (GwContext  *self,
                GError    **error)
{
  g_autoptr(GwCalendar) calendar = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) roles = NULL;
  g_autoptr(GPtrArray) milestones = NULL;
  g_autoptr(GwScheduleInput) input = NULL;
  guint n;

  if (self->items == NULL)
    return gw_schedule_new_from_store (self->store, error);
  calendar = gw_calendar_new_from_store (self->store, error);
  if (calendar == NULL)
    return NULL;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  items = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (G_LIST_MODEL (self->items), i));
  roles = gw_store_list_roles (self->store);
  milestones = gw_store_list_milestones (self->store);
  input = gw_schedule_input_new_from_items (calendar, items, roles, milestones);
  return gw_schedule_compute (input, error);
}

/* Callbacks */

static void
on_items_changed_cb (GwContext  *self,
                     guint       position,
                     guint       removed,
                     guint       added,
                     GListModel *model)
{
  /* The list keeps its objects across edits; an item that is gone from it
   * (deleted here, by an undo or by another program) is no longer selected. */
  if (self->selected_item != NULL && removed > 0 &&
      gw_item_list_find (self->items, self->selected_item) == G_MAXUINT)
    gw_context_set_selected_item (self, NULL);
}

static void
on_store_changed_cb (GwContext *self)
{
  g_clear_pointer (&self->schedule, gw_schedule_unref);
}

static gboolean
on_poll_timeout_cb (gpointer data)
{
  gw_context_poll (GW_CONTEXT (data));
  return G_SOURCE_CONTINUE;
}

/* GObject */

static void
gw_context_dispose (GObject *object)
{
  GwContext *self = GW_CONTEXT (object);

  g_clear_handle_id (&self->poll_id, g_source_remove);
  if (self->items != NULL)
    g_clear_signal_handler (&self->items_changed_id, self->items);
  if (self->store != NULL)
    g_clear_signal_handler (&self->store_changed_id, self->store);
  g_clear_pointer (&self->schedule, gw_schedule_unref);
  g_clear_object (&self->selected_item);
  g_clear_object (&self->items);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (gw_context_parent_class)->dispose (object);
}

static void
gw_context_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  GwContext *self = GW_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_ITEMS:
      g_value_set_object (value, self->items);
      break;
    case PROP_READ_ONLY:
      g_value_set_boolean (value, gw_context_get_read_only (self));
      break;
    case PROP_SELECTED_ITEM:
      g_value_set_object (value, self->selected_item);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gw_context_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  GwContext *self = GW_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_SELECTED_ITEM:
      gw_context_set_selected_item (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gw_context_class_init (GwContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gw_context_dispose;
  object_class->get_property = gw_context_get_property;
  object_class->set_property = gw_context_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, GW_TYPE_STORE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ITEMS] =
    g_param_spec_object ("items", NULL, NULL, GW_TYPE_ITEM_LIST,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_ITEM] =
    g_param_spec_object ("selected-item", NULL, NULL, GW_TYPE_ITEM,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gw_context_init (GwContext *self)
{
}

/* Public API */

GwContext *
gw_context_new (void)
{
  return g_object_new (GW_TYPE_CONTEXT, NULL);
}

/**
 * gw_context_get_store:
 *
 * Returns: (transfer none) (nullable): the open register
 */
GwStore *
gw_context_get_store (GwContext *self)
{
  g_return_val_if_fail (GW_IS_CONTEXT (self), NULL);
  return self->store;
}

/**
 * gw_context_get_items:
 *
 * Returns: (transfer none) (nullable): the items of the open register
 */
GwItemList *
gw_context_get_items (GwContext *self)
{
  g_return_val_if_fail (GW_IS_CONTEXT (self), NULL);
  return self->items;
}

/**
 * gw_context_set_store:
 * @store: (nullable): the register to show
 * @items: (nullable): its items, made with gw_item_list_new() on @store
 *
 * Switches every view of the context to another register. The selection
 * is cleared, and the register is polled for outside changes once a second.
 */
void
gw_context_set_store (GwContext  *self,
                      GwStore    *store,
                      GwItemList *items)
{
  g_return_if_fail (GW_IS_CONTEXT (self));
  g_return_if_fail (store == NULL || GW_IS_STORE (store));
  g_return_if_fail ((store == NULL) == (items == NULL));
  g_return_if_fail (items == NULL || gw_item_list_get_store (items) == store);

  if (store == self->store)
    return;

  g_object_freeze_notify (G_OBJECT (self));

  gw_context_set_selected_item (self, NULL);
  g_clear_handle_id (&self->poll_id, g_source_remove);
  if (self->items != NULL)
    g_clear_signal_handler (&self->items_changed_id, self->items);
  if (self->store != NULL)
    g_clear_signal_handler (&self->store_changed_id, self->store);
  g_clear_pointer (&self->schedule, gw_schedule_unref);

  g_set_object (&self->store, store);
  /* Connected before any view's handler, so that a view that asks for the
   * schedule when the store changes gets the new one. */
  if (self->store != NULL)
    self->store_changed_id = g_signal_connect_object (self->store, "changed",
                                                      G_CALLBACK (on_store_changed_cb),
                                                      self, G_CONNECT_SWAPPED);
  g_set_object (&self->items, items);

  /* After the views' models have seen the change, so that they can
   * follow the selection being cleared. */
  if (self->items != NULL)
    self->items_changed_id = g_signal_connect_object (self->items, "items-changed",
                                                      G_CALLBACK (on_items_changed_cb),
                                                      self, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  if (self->store != NULL)
    self->poll_id = g_timeout_add_seconds (POLL_INTERVAL_SECONDS, on_poll_timeout_cb, self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEMS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);

  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * gw_context_get_read_only:
 *
 * Returns: whether edits are impossible: no register, or a read-only one
 */
gboolean
gw_context_get_read_only (GwContext *self)
{
  g_return_val_if_fail (GW_IS_CONTEXT (self), TRUE);
  return self->store == NULL || gw_store_is_read_only (self->store);
}

/**
 * gw_context_get_selected_item:
 *
 * Returns: (transfer none) (nullable): the selected item, one of the
 *   objects of the context's item list
 */
GwItem *
gw_context_get_selected_item (GwContext *self)
{
  g_return_val_if_fail (GW_IS_CONTEXT (self), NULL);
  return self->selected_item;
}

/**
 * gw_context_set_selected_item:
 * @item: (nullable): an item of the context's item list, or %NULL
 */
void
gw_context_set_selected_item (GwContext *self,
                              GwItem    *item)
{
  g_return_if_fail (GW_IS_CONTEXT (self));
  g_return_if_fail (item == NULL || GW_IS_ITEM (item));

  if (g_set_object (&self->selected_item, item))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ITEM]);
}

/**
 * gw_context_select_key:
 *
 * Selects the item with @key.
 *
 * Returns: whether the register has such an item
 */
gboolean
gw_context_select_key (GwContext  *self,
                       const char *key)
{
  GwItem *item;

  g_return_val_if_fail (GW_IS_CONTEXT (self), FALSE);

  if (self->items == NULL || (item = gw_item_list_lookup (self->items, key)) == NULL)
    return FALSE;
  gw_context_set_selected_item (self, item);
  return TRUE;
}

/**
 * gw_context_poll:
 *
 * Looks for changes other programs made to the register; views follow
 * them through the store's #GwStore::changed signal.
 *
 * Returns: whether the register had changed
 */
gboolean
gw_context_poll (GwContext *self)
{
  g_return_val_if_fail (GW_IS_CONTEXT (self), FALSE);

  if (self->store == NULL)
    return FALSE;
  return gw_store_poll (self->store);
}

/**
 * gw_context_get_schedule:
 *
 * The schedule of the open register, shared by every view: it is computed
 * the first time a view asks after the register changed, so that several
 * views refreshing after one edit compute it once.
 *
 * Returns: (transfer none) (nullable): the schedule, or %NULL with @error
 *   set (no register, or dependencies that form a cycle)
 */
GwSchedule *
gw_context_get_schedule (GwContext  *self,
                         GError    **error)
{
  g_return_val_if_fail (GW_IS_CONTEXT (self), NULL);

  if (self->store == NULL)
    {
      g_set_error_literal (error, GW_STORE_ERROR, GW_STORE_ERROR_NOT_FOUND, "No register is open.");
      return NULL;
    }
  if (self->schedule == NULL)
    self->schedule = schedule_items (self, error);
  return self->schedule;
}
