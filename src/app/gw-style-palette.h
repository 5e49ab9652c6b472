/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "gw-render-common.h"

G_BEGIN_DECLS

void gw_style_palette_for_widget (GtkWidget       *widget,
                                  GwRenderPalette *palette);

G_END_DECLS
