/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gw-store.h"

G_BEGIN_DECLS

#define GW_TYPE_PRESENTATION (gw_presentation_get_type ())
G_DECLARE_FINAL_TYPE (GwPresentation, gw_presentation, GW, PRESENTATION, AdwWindow)

GwPresentation *gw_presentation_new             (GtkWindow      *parent,
                                                 GwStore        *store,
                                                 GPtrArray      *sources,
                                                 guint           first);
guint           gw_presentation_get_slide       (GwPresentation *self);
guint           gw_presentation_get_n_slides    (GwPresentation *self);
char           *gw_presentation_get_slide_title (GwPresentation *self,
                                                 guint           slide);
void            gw_presentation_show_slide      (GwPresentation *self,
                                                 guint           slide);

G_END_DECLS
