/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "gw-item-list.h"
#include "gw-schedule.h"
#include "gw-store.h"

G_BEGIN_DECLS

#define GW_TYPE_CONTEXT (gw_context_get_type ())
G_DECLARE_FINAL_TYPE (GwContext, gw_context, GW, CONTEXT, GObject)

GwContext  *gw_context_new               (void);
GwStore    *gw_context_get_store         (GwContext  *self);
GwItemList *gw_context_get_items         (GwContext  *self);
void        gw_context_set_store         (GwContext  *self,
                                          GwStore    *store,
                                          GwItemList *items);
gboolean    gw_context_get_read_only     (GwContext  *self);
GwItem     *gw_context_get_selected_item (GwContext  *self);
void        gw_context_set_selected_item (GwContext  *self,
                                          GwItem     *item);
gboolean    gw_context_select_key        (GwContext  *self,
                                          const char *key);
gboolean    gw_context_poll              (GwContext  *self);
GwSchedule *gw_context_get_schedule      (GwContext  *self,
                                          GError    **error);

G_END_DECLS
