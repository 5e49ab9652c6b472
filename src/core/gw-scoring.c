/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Scores derived from an item's fields: the impact score and quadrant of
 * the impact/effort matrix, the likelihood of the risk matrix, and the
 * common prioritisation scores RICE, ICE and WSJF.
 *
 * Gap registers carry no "reach" or "confidence" columns, so the scores are
 * computed from the fields they do carry; the mapping is documented at
 * each function so that a lead can tell what a number means. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "gw-scoring.h"

/* Likelihood, in %, of an item with only a risk level. */
static const double risk_level_pct[] = {
  [GW_RISK_NONE] = NAN,
  [GW_RISK_LOW] = 15,
  [GW_RISK_MEDIUM] = 45,
  [GW_RISK_HIGH] = 75,
};

void
gw_scoring_settings_init (GwScoringSettings *settings)
{
  settings->effort_threshold = 16;
  settings->impact_threshold = 50;
  settings->risk_grid = 5;
}

/**
 * gw_impact_score_for_priority:
 *
 * Returns: the impact score an item of @priority has when its impact is
 *   not given: P0 90, P1 70, P2 45, P3 20
 */
int
gw_impact_score_for_priority (GwPriority priority)
{
  static const int scores[] = { 90, 70, 45, 20 };

  g_return_val_if_fail (priority <= GW_PRIORITY_P3, 45);
  return scores[priority];
}

/**
 * gw_impact_score:
 *
 * Returns: the item's impact (0..100), or the score of its priority when
 *   the impact is not given
 */
int
gw_impact_score (GwItem *item)
{
  int impact = gw_item_get_impact (item);

  return impact >= 0 ? impact : gw_impact_score_for_priority (gw_item_get_priority (item));
}

GwQuadrant
gw_quadrant_classify (double                   effort_hours,
                      double                   impact,
                      const GwScoringSettings *settings)
{
  gboolean high_impact = impact >= settings->impact_threshold;
  gboolean low_effort = effort_hours <= settings->effort_threshold;

  if (high_impact)
    return low_effort ? GW_QUADRANT_QUICK_WIN : GW_QUADRANT_MAJOR_PROJECT;
  return low_effort ? GW_QUADRANT_FILL_IN : GW_QUADRANT_THANKLESS;
}

GwQuadrant
gw_item_quadrant (GwItem                  *item,
                  const GwScoringSettings *settings)
{
  return gw_quadrant_classify (gw_item_get_effort_hours (item), gw_impact_score (item), settings);
}

/**
 * gw_item_is_quick_win:
 *
 * An item is a quick win when it lies in the Quick Wins quadrant: impact at
 * or above the impact threshold and effort at or below the effort
 * threshold (16 hours by default, so a 16 h item still counts, as the
 * seeds' priority tables count it).
 */
gboolean
gw_item_is_quick_win (GwItem                  *item,
                      const GwScoringSettings *settings)
{
  return gw_item_quadrant (item, settings) == GW_QUADRANT_QUICK_WIN;
}

const char *
gw_quadrant_to_label (GwQuadrant quadrant)
{
  switch (quadrant)
    {
    case GW_QUADRANT_QUICK_WIN:
      return _("Quick Wins");
    case GW_QUADRANT_MAJOR_PROJECT:
      return _("Major Projects");
    case GW_QUADRANT_FILL_IN:
      return _("Fill-ins");
    case GW_QUADRANT_THANKLESS:
      return _("Thankless Tasks");
    default:
      g_return_val_if_reached ("");
    }
}

const char *
gw_quadrant_to_string (GwQuadrant quadrant)
{
  static const char *names[] = { "quick-win", "major-project", "fill-in", "thankless" };

  g_return_val_if_fail (quadrant < GW_N_QUADRANTS, "");
  return names[quadrant];
}

/**
 * gw_item_likelihood_pct:
 *
 * Returns: how likely the item's risk is, in %: its implementation risk
 *   when given, else 15 / 45 / 75 for a low / medium / high risk level,
 *   else NAN
 */
double
gw_item_likelihood_pct (GwItem *item)
{
  GwItemFields *f = gw_item_get_fields (item);

  if (!isnan (f->impl_risk_pct))
    return f->impl_risk_pct;
  return risk_level_pct[f->risk];
}

/**
 * gw_risk_cell_for_pct:
 * @pct: 0..100
 * @cells: cells a side of the grid (3 or 5)
 *
 * Returns: the cell (0 = lowest) that holds @pct
 */
int
gw_risk_cell_for_pct (double pct,
                      int    cells)
{
  int cell;

  g_return_val_if_fail (cells > 0, 0);

  if (isnan (pct))
    return 0;
  cell = (int) floor (CLAMP (pct, 0, 100) * cells / 100.0);
  return MIN (cell, cells - 1);
}

double
gw_risk_cell_midpoint (int cell,
                       int cells)
{
  g_return_val_if_fail (cells > 0 && cell >= 0 && cell < cells, 50);
  return (cell + 0.5) * 100.0 / cells;
}

GwRisk
gw_risk_level_for_pct (double pct)
{
  if (isnan (pct))
    return GW_RISK_NONE;
  if (pct < 30)
    return GW_RISK_LOW;
  if (pct < 60)
    return GW_RISK_MEDIUM;
  return GW_RISK_HIGH;
}

/**
 * gw_item_set_risk_cell:
 * @likelihood: the cell on the likelihood axis, 0 = rarest
 * @severity: the cell on the severity axis, 0 = mildest
 * @cells: cells a side of the matrix
 *
 * Re-rates @item as dropped into a cell of the risk matrix: its
 * implementation risk becomes the middle of the likelihood cell (and its
 * risk level follows), its impact the middle of the severity cell. An
 * item already in that cell on an axis keeps its value on that axis.
 */
void
gw_item_set_risk_cell (GwItem *item,
                       int     likelihood,
                       int     severity,
                       int     cells)
{
  GwItemFields *f = gw_item_get_fields (item);
  double pct;

  g_return_if_fail (GW_IS_ITEM (item));
  g_return_if_fail (cells > 0 && likelihood >= 0 && likelihood < cells && severity >= 0 && severity < cells);

  if (gw_risk_cell_for_pct (gw_item_likelihood_pct (item), cells) != likelihood ||
      isnan (gw_item_likelihood_pct (item)))
    {
      pct = round (gw_risk_cell_midpoint (likelihood, cells));
      f->impl_risk_pct = pct;
      f->risk = gw_risk_level_for_pct (pct);
    }
  if (gw_risk_cell_for_pct (gw_impact_score (item), cells) != severity)
    f->impact = (int) round (gw_risk_cell_midpoint (severity, cells));
}

/* The confidence that the estimate holds, 0..1: the complement of the
 * likelihood of trouble; 0.8 when nothing is known. */
static double
confidence (GwItem *item)
{
  double likelihood = gw_item_likelihood_pct (item);

  return isnan (likelihood) ? 0.8 : CLAMP (1.0 - likelihood / 100.0, 0.05, 1.0);
}

/**
 * gw_item_rice:
 *
 * RICE = reach x impact x confidence / effort, with reach 1 (a register
 * has no reach column), impact on RICE's 0.25..3 scale from the impact
 * score, confidence from gw_item_likelihood_pct(), effort in person-weeks
 * of 40 hours (at least one hour).
 */
double
gw_item_rice (GwItem *item)
{
  double impact = 0.25 + 2.75 * gw_impact_score (item) / 100.0;
  double effort_weeks = MAX (gw_item_get_effort_hours (item), 1.0) / 40.0;

  return impact * confidence (item) / effort_weeks;
}

/**
 * gw_item_ice:
 *
 * ICE = impact x confidence x ease, each 1..10: impact from the impact
 * score, confidence from gw_item_likelihood_pct(), ease falling with the
 * effort (10 for an hour, 1 for 128 hours and more, logarithmic).
 */
double
gw_item_ice (GwItem *item)
{
  double impact = 1 + 9 * gw_impact_score (item) / 100.0;
  double conf = 1 + 9 * confidence (item);
  double hours = MAX (gw_item_get_effort_hours (item), 1.0);
  double ease = CLAMP (10 - 9 * log2 (hours) / 7.0, 1, 10);

  return impact * conf * ease;
}

/**
 * gw_item_wsjf:
 *
 * WSJF = cost of delay / job size, cost of delay being business value
 * (impact score / 10) + time criticality (10 / 7 / 4 / 1 for P0..P3) +
 * risk reduction (likelihood / 10), job size the effort in days of 8
 * hours (at least one).
 */
double
gw_item_wsjf (GwItem *item)
{
  static const double criticality[] = { 10, 7, 4, 1 };
  double likelihood = gw_item_likelihood_pct (item);
  double cost_of_delay = gw_impact_score (item) / 10.0 +
                         criticality[gw_item_get_priority (item)] +
                         (isnan (likelihood) ? 0 : likelihood / 10.0);
  double job_size = MAX (gw_item_get_effort_hours (item) / 8.0, 1.0);

  return cost_of_delay / job_size;
}

/**
 * gw_compare_quick_wins_first:
 *
 * Orders items by priority, then by ROI (highest first, unknown last),
 * then by key: the order of the quadrant's side list.
 */
int
gw_compare_quick_wins_first (GwItem *a,
                             GwItem *b)
{
  double ra = gw_item_get_roi_pct (a);
  double rb = gw_item_get_roi_pct (b);

  if (gw_item_get_priority (a) != gw_item_get_priority (b))
    return gw_item_get_priority (a) < gw_item_get_priority (b) ? -1 : 1;
  if (isnan (ra) != isnan (rb))
    return isnan (ra) ? 1 : -1;
  if (!isnan (ra) && ra != rb)
    return ra > rb ? -1 : 1;
  return g_strcmp0 (gw_item_get_key (a), gw_item_get_key (b));
}
