/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "gw-context.h"

G_BEGIN_DECLS

#define GW_TYPE_ITEM_EDITOR (gw_item_editor_get_type ())
G_DECLARE_FINAL_TYPE (GwItemEditor, gw_item_editor, GW, ITEM_EDITOR, GtkWidget)

GwContext *gw_item_editor_get_context (GwItemEditor *self);
void       gw_item_editor_set_context (GwItemEditor *self,
                                       GwContext    *context);
GwItem    *gw_item_editor_get_item    (GwItemEditor *self);
void       gw_item_editor_focus_field (GwItemEditor *self,
                                       GwField       field);
void       gw_item_editor_commit      (GwItemEditor *self);
gboolean   gw_item_editor_discard     (GwItemEditor *self);

G_END_DECLS
