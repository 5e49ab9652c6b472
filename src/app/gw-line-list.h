/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "gw-item.h"

G_BEGIN_DECLS

#define GW_TYPE_LINE_LIST (gw_line_list_get_type ())
G_DECLARE_FINAL_TYPE (GwLineList, gw_line_list, GW, LINE_LIST, GtkWidget)

GtkWidget  *gw_line_list_new       (GwLineKind  kind);
GwLineKind  gw_line_list_get_kind  (GwLineList *self);
GPtrArray  *gw_line_list_get_lines (GwLineList *self);
void        gw_line_list_set_lines (GwLineList *self,
                                    GPtrArray  *lines);

G_END_DECLS
