/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "gw-gates.h"
#include "gw-render-common.h"

G_BEGIN_DECLS

/* The readiness dashboard: a bar per category and one overall, as in the
 * seeds' "Production Readiness Progress"; and the two summary charts the
 * Gates page and the presentation show: the register's key figures with
 * its readiness, and the go/no-go decision with the milestone gates. */

double gw_readiness_chart_get_height (const GwReadiness     *readiness,
                                      double                 font_size);
void   gw_readiness_chart_draw       (cairo_t               *cr,
                                      const GwReadiness     *readiness,
                                      const GwRenderPalette *palette,
                                      double                 width,
                                      double                 font_size);

/* What the summary charts show; pointers are borrowed. */
typedef struct
{
  const char          *name;         /* the register's */
  GPtrArray           *items;        /* GwItem */
  GPtrArray           *milestones;   /* GwMilestone, in order */
  GPtrArray           *decision;     /* GwDecisionEntry */
  const GwSchedule    *schedule;     /* nullable */
  const GwVerdict     *verdict;
  const GwReadiness   *readiness;
  const GwNextActions *next;
} GwGatesChartData;

void   gw_summary_chart_draw         (cairo_t                *cr,
                                      const GwGatesChartData *data,
                                      const GwRenderPalette  *palette,
                                      double                  width,
                                      double                  height);
void   gw_gates_chart_draw           (cairo_t                *cr,
                                      const GwGatesChartData *data,
                                      const GwRenderPalette  *palette,
                                      double                  width,
                                      double                  height);

G_END_DECLS
