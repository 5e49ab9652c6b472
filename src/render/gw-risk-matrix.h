/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "gw-item.h"
#include "gw-label-placer.h"
#include "gw-render-common.h"

G_BEGIN_DECLS

typedef struct _GwRiskMatrix GwRiskMatrix;

GwRiskMatrix *gw_risk_matrix_new            (GPtrArray             *items,
                                             int                    cells);
void          gw_risk_matrix_free           (GwRiskMatrix          *matrix);
void          gw_risk_matrix_layout         (GwRiskMatrix          *matrix,
                                             cairo_t               *cr,
                                             const GwRenderPalette *palette,
                                             double                 width,
                                             double                 height);
void          gw_risk_matrix_draw           (GwRiskMatrix          *matrix,
                                             cairo_t               *cr,
                                             const GwRenderPalette *palette);
void          gw_risk_matrix_set_selected   (GwRiskMatrix *matrix,
                                             gint64        item_id);
void          gw_risk_matrix_set_drop_cell  (GwRiskMatrix *matrix,
                                             int           likelihood,
                                             int           severity);
int           gw_risk_matrix_get_cells      (GwRiskMatrix *matrix);

GwItem       *gw_risk_matrix_hit            (GwRiskMatrix *matrix,
                                             double        x,
                                             double        y);
gboolean      gw_risk_matrix_cell_at        (GwRiskMatrix *matrix,
                                             double        x,
                                             double        y,
                                             int          *likelihood,
                                             int          *severity);
void          gw_risk_matrix_get_cell_rect  (GwRiskMatrix *matrix,
                                             int           likelihood,
                                             int           severity,
                                             GwRect       *rect);
gboolean      gw_risk_matrix_get_item_cell  (GwRiskMatrix *matrix,
                                             gint64        item_id,
                                             int          *likelihood,
                                             int          *severity);
gboolean      gw_risk_matrix_get_chip       (GwRiskMatrix *matrix,
                                             gint64        item_id,
                                             GwRect       *rect);
guint         gw_risk_matrix_count          (GwRiskMatrix *matrix,
                                             int           likelihood,
                                             int           severity);
guint         gw_risk_matrix_count_unrated  (GwRiskMatrix *matrix);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GwRiskMatrix, gw_risk_matrix_free)

G_END_DECLS
