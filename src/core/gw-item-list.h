/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "gw-store.h"

G_BEGIN_DECLS

#define GW_TYPE_ITEM_LIST (gw_item_list_get_type ())
G_DECLARE_FINAL_TYPE (GwItemList, gw_item_list, GW, ITEM_LIST, GObject)

GwItemList *gw_item_list_new          (GwStore    *store,
                                       GError    **error);
GwStore    *gw_item_list_get_store    (GwItemList *self);
GwItem     *gw_item_list_lookup       (GwItemList *self,
                                       const char *key);
GwItem     *gw_item_list_lookup_id    (GwItemList *self,
                                       gint64      id);
guint       gw_item_list_find         (GwItemList *self,
                                       GwItem     *item);
gboolean    gw_item_list_reload       (GwItemList *self,
                                       GError    **error);

G_END_DECLS
