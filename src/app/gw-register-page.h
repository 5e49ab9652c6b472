/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "gw-context.h"
#include "gw-item-editor.h"

G_BEGIN_DECLS

#define GW_TYPE_REGISTER_PAGE (gw_register_page_get_type ())
G_DECLARE_FINAL_TYPE (GwRegisterPage, gw_register_page, GW, REGISTER_PAGE, GtkWidget)

GwContext    *gw_register_page_get_context        (GwRegisterPage *self);
void          gw_register_page_set_context        (GwRegisterPage *self,
                                                   GwContext      *context);
gboolean      gw_register_page_get_editor_visible (GwRegisterPage *self);
void          gw_register_page_set_editor_visible (GwRegisterPage *self,
                                                   gboolean        visible);
GwItemEditor *gw_register_page_get_editor         (GwRegisterPage *self);
void          gw_register_page_focus_search       (GwRegisterPage *self);
void          gw_register_page_focus_list         (GwRegisterPage *self);
GListModel   *gw_register_page_get_shown_items    (GwRegisterPage *self);
void          gw_register_page_set_search_text    (GwRegisterPage *self,
                                                   const char     *text);
void          gw_register_page_sort_by            (GwRegisterPage   *self,
                                                   int               column,
                                                   GtkSortType       order);

G_END_DECLS
