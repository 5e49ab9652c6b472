/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "gw-item-list.h"

/* The register's items as a GListModel, in register order. It follows the
 * store: after an edit only the items the edit touched are reloaded and
 * replaced in place, so views keep their selection and scroll position. */
struct _GwItemList
{
  GObject     parent_instance;

  GwStore    *store;
  GPtrArray  *items;     /* GwItem, by position */
  GHashTable *by_id;     /* gint64 * -> GwItem (owned by items) */
  GHashTable *by_key;    /* const char * (the item's) -> GwItem */
  gulong      changed_id;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GwItemList, gw_item_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers */

static void
index_items (GwItemList *self)
{
  g_hash_table_remove_all (self->by_id);
  g_hash_table_remove_all (self->by_key);
  for (guint i = 0; i < self->items->len; i++)
    {
      GwItem *item = g_ptr_array_index (self->items, i);
      gint64 id = gw_item_get_id (item);

      g_hash_table_insert (self->by_id, g_memdup2 (&id, sizeof id), item);
      g_hash_table_insert (self->by_key, (gpointer) gw_item_get_key (item), item);
    }
}

static int
compare_position (GwItem *a,
                  GwItem *b)
{
  int pa = gw_item_get_position (a);
  int pb = gw_item_get_position (b);

  if (pa != pb)
    return pa < pb ? -1 : 1;
  return gw_item_get_id (a) < gw_item_get_id (b) ? -1 : gw_item_get_id (a) > gw_item_get_id (b);
}

/* Where @item belongs by position. */
static guint
insertion_index (GwItemList *self,
                 GwItem     *item)
{
  guint lo = 0, hi = self->items->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (compare_position (g_ptr_array_index (self->items, mid), item) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static void
remove_at (GwItemList *self,
           guint       index)
{
  GwItem *item = g_ptr_array_index (self->items, index);
  gint64 id = gw_item_get_id (item);

  g_hash_table_remove (self->by_key, gw_item_get_key (item));
  g_hash_table_remove (self->by_id, &id);
  g_ptr_array_remove_index (self->items, index);
  g_list_model_items_changed (G_LIST_MODEL (self), index, 1, 0);
}

static void
insert_item (GwItemList *self,
             GwItem     *item)
{
  guint index = insertion_index (self, item);
  gint64 id = gw_item_get_id (item);

  g_ptr_array_insert (self->items, (int) index, g_object_ref (item));
  g_hash_table_insert (self->by_id, g_memdup2 (&id, sizeof id), item);
  g_hash_table_insert (self->by_key, (gpointer) gw_item_get_key (item), item);
  g_list_model_items_changed (G_LIST_MODEL (self), index, 0, 1);
}

static void
refresh_item (GwItemList *self,
              gint64      id)
{
  g_autoptr(GwItem) fresh = gw_store_get_item_by_id (self->store, id);
  GwItem *current = g_hash_table_lookup (self->by_id, &id);
  guint index;

  if (current != NULL)
    {
      if (!g_ptr_array_find (self->items, current, &index))
        g_assert_not_reached ();

      if (fresh == NULL)
        {
          remove_at (self, index);
          return;
        }

      gw_item_set_lines_loaded (fresh, FALSE);
      if (gw_item_get_position (fresh) != gw_item_get_position (current))
        {
          g_autoptr(GwItem) keep = g_object_ref (current);

          remove_at (self, index);
          gw_item_assign (keep, fresh);
          insert_item (self, keep);
          return;
        }

      g_hash_table_remove (self->by_key, gw_item_get_key (current));
      gw_item_assign (current, fresh);
      g_hash_table_insert (self->by_key, (gpointer) gw_item_get_key (current), current);
      /* Same object out and in: views rebind the row and keep the selection. */
      g_list_model_items_changed (G_LIST_MODEL (self), index, 1, 1);
    }
  else if (fresh != NULL)
    {
      gw_item_set_lines_loaded (fresh, FALSE);
      insert_item (self, fresh);
    }
}

/* Callbacks */

static void
on_store_changed_cb (GwItemList     *self,
                     const GwChange *change,
                     GwStore        *store)
{
  guint old_n = self->items->len;

  /* Past a few items, one full reload is cheaper than finding each. */
  if (change->everything || change->item_ids->len > 64)
    {
      gw_item_list_reload (self, NULL);
      return;
    }

  for (guint i = 0; i < change->item_ids->len; i++)
    refresh_item (self, g_array_index (change->item_ids, gint64, i));

  if (old_n != self->items->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* GListModel */

static GType
gw_item_list_get_item_type (GListModel *model)
{
  return GW_TYPE_ITEM;
}

static guint
gw_item_list_get_n_items (GListModel *model)
{
  return GW_ITEM_LIST (model)->items->len;
}

static gpointer
gw_item_list_get_item (GListModel *model,
                       guint       position)
{
  GwItemList *self = GW_ITEM_LIST (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = gw_item_list_get_item_type;
  iface->get_n_items = gw_item_list_get_n_items;
  iface->get_item = gw_item_list_get_item;
}

/* GObject */

static void
gw_item_list_dispose (GObject *object)
{
  GwItemList *self = GW_ITEM_LIST (object);

  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (gw_item_list_parent_class)->dispose (object);
}

static void
gw_item_list_finalize (GObject *object)
{
  GwItemList *self = GW_ITEM_LIST (object);

  g_clear_pointer (&self->by_key, g_hash_table_unref);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (gw_item_list_parent_class)->finalize (object);
}

static void
gw_item_list_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  GwItemList *self = GW_ITEM_LIST (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->items->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gw_item_list_class_init (GwItemListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gw_item_list_dispose;
  object_class->finalize = gw_item_list_finalize;
  object_class->get_property = gw_item_list_get_property;

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gw_item_list_init (GwItemList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->by_key = g_hash_table_new (g_str_hash, g_str_equal);
}

/* Public API */

/**
 * gw_item_list_new:
 *
 * Returns: (transfer full): the items of @store, kept up to date
 */
GwItemList *
gw_item_list_new (GwStore  *store,
                  GError  **error)
{
  g_autoptr(GwItemList) self = NULL;

  g_return_val_if_fail (GW_IS_STORE (store), NULL);

  self = g_object_new (GW_TYPE_ITEM_LIST, NULL);
  self->store = g_object_ref (store);
  if (!gw_item_list_reload (self, error))
    return NULL;
  self->changed_id = g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb),
                                              self, G_CONNECT_SWAPPED);
  return g_steal_pointer (&self);
}

GwStore *
gw_item_list_get_store (GwItemList *self)
{
  g_return_val_if_fail (GW_IS_ITEM_LIST (self), NULL);
  return self->store;
}

/**
 * gw_item_list_reload:
 *
 * Reads every item again; items that are still there keep their objects.
 */
gboolean
gw_item_list_reload (GwItemList  *self,
                     GError     **error)
{
  g_autoptr(GPtrArray) fresh = NULL;
  guint old_n;

  g_return_val_if_fail (GW_IS_ITEM_LIST (self), FALSE);

  fresh = gw_store_list_items (self->store, error);
  if (fresh == NULL)
    return FALSE;

  for (guint i = 0; i < fresh->len; i++)
    {
      GwItem *item = g_ptr_array_index (fresh, i);
      gint64 id = gw_item_get_id (item);
      GwItem *current = g_hash_table_lookup (self->by_id, &id);

      if (current != NULL)
        {
          gw_item_assign (current, item);
          g_ptr_array_index (fresh, i) = g_object_ref (current);
          g_object_unref (item);
        }
    }

  old_n = self->items->len;
  g_clear_pointer (&self->items, g_ptr_array_unref);
  self->items = g_steal_pointer (&fresh);
  index_items (self);

  if (old_n > 0 || self->items->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, self->items->len);
  if (old_n != self->items->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  return TRUE;
}

/**
 * gw_item_list_lookup:
 *
 * Returns: (transfer none) (nullable): the item with @key
 */
GwItem *
gw_item_list_lookup (GwItemList *self,
                     const char *key)
{
  g_return_val_if_fail (GW_IS_ITEM_LIST (self), NULL);
  return key ? g_hash_table_lookup (self->by_key, key) : NULL;
}

/**
 * gw_item_list_lookup_id:
 *
 * Returns: (transfer none) (nullable): the item with @id
 */
GwItem *
gw_item_list_lookup_id (GwItemList *self,
                        gint64      id)
{
  g_return_val_if_fail (GW_IS_ITEM_LIST (self), NULL);
  return g_hash_table_lookup (self->by_id, &id);
}

/**
 * gw_item_list_find:
 *
 * Returns: the position of @item, or %GTK_INVALID_LIST_POSITION (G_MAXUINT)
 */
guint
gw_item_list_find (GwItemList *self,
                   GwItem     *item)
{
  guint index;

  g_return_val_if_fail (GW_IS_ITEM_LIST (self), G_MAXUINT);

  if (g_ptr_array_find (self->items, item, &index))
    return index;
  return G_MAXUINT;
}
