/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gw-context.h"

G_BEGIN_DECLS

#define GW_TYPE_WINDOW (gw_window_get_type ())
G_DECLARE_FINAL_TYPE (GwWindow, gw_window, GW, WINDOW, AdwApplicationWindow)

GwWindow  *gw_window_new               (GtkApplication *application);
GwContext *gw_window_get_context       (GwWindow       *self);
gboolean   gw_window_load              (GwWindow         *self,
                                        const char       *path,
                                        GwStoreOpenFlags  flags,
                                        GError          **error);
void       gw_window_open              (GwWindow       *self,
                                        const char     *path);
void       gw_window_open_default      (GwWindow       *self);
gboolean   gw_window_get_editor_visible (GwWindow      *self);
void       gw_window_set_editor_visible (GwWindow      *self,
                                         gboolean       visible);
char      *gw_window_get_default_register_path (void);

G_END_DECLS
