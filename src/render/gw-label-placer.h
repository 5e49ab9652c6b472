/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  double x, y, w, h;
} GwRect;

typedef struct
{
  double x, y, r;
} GwCircle;

typedef struct
{
  GwRect   box;      /* where the label goes */
  gboolean placed;   /* FALSE when no free place was found */
  gboolean leader;   /* the label sits away from its marker: draw a line */
} GwLabelPlacement;

void     gw_place_labels        (const GwCircle   *markers,
                                 guint             n_markers,
                                 const double     *label_width,
                                 const double     *label_height,
                                 const guint      *order,
                                 guint             n_labels,
                                 const GwRect     *obstacles,
                                 guint             n_obstacles,
                                 const GwRect     *bounds,
                                 GwLabelPlacement *out);

gboolean gw_rects_overlap       (const GwRect   *a,
                                 const GwRect   *b);
gboolean gw_rect_hits_circle    (const GwRect   *rect,
                                 const GwCircle *circle);

G_END_DECLS
