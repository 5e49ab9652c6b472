/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gw-item.h"

G_BEGIN_DECLS

typedef enum
{
  GW_QUADRANT_QUICK_WIN = 0,   /* high impact, low effort */
  GW_QUADRANT_MAJOR_PROJECT,   /* high impact, high effort */
  GW_QUADRANT_FILL_IN,         /* low impact, low effort */
  GW_QUADRANT_THANKLESS,       /* low impact, high effort */
} GwQuadrant;

#define GW_N_QUADRANTS 4

/* Where the quadrant lines and the risk grid sit (register settings). */
typedef struct
{
  double effort_threshold;   /* hours; below is "low effort" */
  double impact_threshold;   /* 0..100; at or above is "high impact" */
  int    risk_grid;          /* 3 or 5 cells a side */
} GwScoringSettings;

void        gw_scoring_settings_init      (GwScoringSettings *settings);

int         gw_impact_score               (GwItem *item);
int         gw_impact_score_for_priority  (GwPriority priority);
GwQuadrant  gw_quadrant_classify          (double                   effort_hours,
                                           double                   impact,
                                           const GwScoringSettings *settings);
GwQuadrant  gw_item_quadrant              (GwItem                  *item,
                                           const GwScoringSettings *settings);
gboolean    gw_item_is_quick_win          (GwItem                  *item,
                                           const GwScoringSettings *settings);
const char *gw_quadrant_to_label          (GwQuadrant quadrant);
const char *gw_quadrant_to_string         (GwQuadrant quadrant);

double      gw_item_likelihood_pct        (GwItem *item);
int         gw_risk_cell_for_pct          (double pct,
                                           int    cells);
double      gw_risk_cell_midpoint         (int    cell,
                                           int    cells);
GwRisk      gw_risk_level_for_pct         (double pct);

void        gw_item_set_risk_cell         (GwItem *item,
                                           int     likelihood,
                                           int     severity,
                                           int     cells);

double      gw_item_rice                  (GwItem *item);
double      gw_item_ice                   (GwItem *item);
double      gw_item_wsjf                  (GwItem *item);

int         gw_compare_quick_wins_first   (GwItem *a,
                                           GwItem *b);

G_END_DECLS
