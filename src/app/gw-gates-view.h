/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gw-context.h"

G_BEGIN_DECLS

#define GW_TYPE_GATES_VIEW (gw_gates_view_get_type ())
G_DECLARE_FINAL_TYPE (GwGatesView, gw_gates_view, GW, GATES_VIEW, GtkWidget)

GtkWidget *gw_gates_view_new         (void);
GwContext *gw_gates_view_get_context (GwGatesView *self);
void       gw_gates_view_set_context (GwGatesView *self,
                                      GwContext   *context);
void       gw_gates_view_refresh     (GwGatesView *self);

G_END_DECLS
