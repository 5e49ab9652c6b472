/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>

#include "gw-scoring.h"

static GwItem *
make (const char *key,
      const char *priority,
      const char *effort,
      const char *impact)
{
  GwItem *item = gw_item_new (key, key);

  g_assert_true (gw_item_set_field_text (item, GW_FIELD_PRIORITY, priority, NULL, NULL));
  g_assert_true (gw_item_set_field_text (item, GW_FIELD_EFFORT, effort, NULL, NULL));
  if (impact != NULL)
    g_assert_true (gw_item_set_field_text (item, GW_FIELD_IMPACT, impact, NULL, NULL));
  return item;
}

static void
test_impact_score (void)
{
  g_autoptr(GwItem) given = make ("A", "P3", "4h", "85");
  g_autoptr(GwItem) level = make ("B", "P3", "4h", "HIGH");
  g_autoptr(GwItem) p0 = make ("C", "P0", "4h", NULL);
  g_autoptr(GwItem) p3 = make ("D", "P3", "4h", NULL);

  g_assert_cmpint (gw_impact_score (given), ==, 85);
  g_assert_cmpint (gw_impact_score (level), ==, 80);
  g_assert_cmpint (gw_impact_score (p0), ==, 90);
  g_assert_cmpint (gw_impact_score (p3), ==, 20);
}

/* Seed 004's P1 table: effort, impact, and the author's Quick Win column,
 * which the default thresholds (16 h, impact 50) reproduce. */
static void
test_seed_quick_wins (void)
{
  static const struct { const char *key, *effort, *impact; gboolean quick; } rows[] = {
    { "P1-001", "24h", "HIGH", FALSE }, { "P1-002", "32h", "HIGH", FALSE },
    { "P1-003", "8h", "HIGH", TRUE }, { "P1-004", "16h", "HIGH", TRUE },
    { "P1-005", "12h", "MEDIUM", TRUE }, { "P1-006", "4h", "MEDIUM", TRUE },
    { "P1-010", "16h", "MEDIUM", TRUE }, { "P1-014", "32h", "HIGH", FALSE },
    { "P1-015", "24h", "MEDIUM", FALSE }, { "P1-021", "24h", "HIGH", FALSE },
    { "P1-026", "4h", "HIGH", TRUE }, { "P1-028", "8h", "MEDIUM", TRUE },
  };
  GwScoringSettings settings;

  gw_scoring_settings_init (&settings);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(GwItem) item = make (rows[i].key, "P1", rows[i].effort, rows[i].impact);

      g_test_message ("%s", rows[i].key);
      g_assert_cmpint (gw_item_is_quick_win (item, &settings), ==, rows[i].quick);
    }
}

static void
test_thresholds_move_items (void)
{
  g_autoptr(GwItem) item = make ("Q", "P1", "12h", "60");
  GwScoringSettings settings;

  gw_scoring_settings_init (&settings);
  g_assert_cmpint (gw_item_quadrant (item, &settings), ==, GW_QUADRANT_QUICK_WIN);
  settings.effort_threshold = 8;
  g_assert_cmpint (gw_item_quadrant (item, &settings), ==, GW_QUADRANT_MAJOR_PROJECT);
  settings.impact_threshold = 70;
  g_assert_cmpint (gw_item_quadrant (item, &settings), ==, GW_QUADRANT_THANKLESS);
  settings.effort_threshold = 40;
  g_assert_cmpint (gw_item_quadrant (item, &settings), ==, GW_QUADRANT_FILL_IN);
}

static void
test_risk_cells (void)
{
  g_autoptr(GwItem) item = make ("R", "P1", "4h", "50");

  g_assert_true (isnan (gw_item_likelihood_pct (item)));
  g_assert_true (gw_item_set_field_text (item, GW_FIELD_RISK, "high", NULL, NULL));
  g_assert_cmpfloat (gw_item_likelihood_pct (item), ==, 75);
  g_assert_true (gw_item_set_field_text (item, GW_FIELD_IMPL_RISK_PCT, "30", NULL, NULL));
  g_assert_cmpfloat (gw_item_likelihood_pct (item), ==, 30);

  g_assert_cmpint (gw_risk_cell_for_pct (0, 5), ==, 0);
  g_assert_cmpint (gw_risk_cell_for_pct (19.9, 5), ==, 0);
  g_assert_cmpint (gw_risk_cell_for_pct (20, 5), ==, 1);
  g_assert_cmpint (gw_risk_cell_for_pct (100, 5), ==, 4);
  g_assert_cmpint (gw_risk_cell_for_pct (50, 3), ==, 1);
  g_assert_cmpfloat (gw_risk_cell_midpoint (4, 5), ==, 90);
  g_assert_cmpfloat (gw_risk_cell_midpoint (0, 3), ==, 100.0 / 6);
  /* The midpoint of every cell lies in that cell. */
  for (int cells = 3; cells <= 5; cells += 2)
    for (int c = 0; c < cells; c++)
      g_assert_cmpint (gw_risk_cell_for_pct (gw_risk_cell_midpoint (c, cells), cells), ==, c);
  g_assert_cmpint (gw_risk_level_for_pct (10), ==, GW_RISK_LOW);
  g_assert_cmpint (gw_risk_level_for_pct (50), ==, GW_RISK_MEDIUM);
  g_assert_cmpint (gw_risk_level_for_pct (90), ==, GW_RISK_HIGH);
}

static void
test_set_risk_cell (void)
{
  g_autoptr(GwItem) item = make ("R", "P2", "4h", "30");

  /* Unrated: dropped in the likely, severe corner of a 5 x 5 grid. */
  gw_item_set_risk_cell (item, 3, 4, 5);
  g_assert_cmpfloat (gw_item_get_fields (item)->impl_risk_pct, ==, 70);
  g_assert_cmpint (gw_item_get_risk (item), ==, GW_RISK_HIGH);
  g_assert_cmpint (gw_item_get_impact (item), ==, 90);
  g_assert_cmpint (gw_risk_cell_for_pct (gw_item_likelihood_pct (item), 5), ==, 3);

  /* Moved along one axis only: the other value stays as it was. */
  gw_item_get_fields (item)->impl_risk_pct = 75;
  gw_item_set_risk_cell (item, 3, 1, 5);
  g_assert_cmpfloat (gw_item_get_fields (item)->impl_risk_pct, ==, 75);
  g_assert_cmpint (gw_item_get_impact (item), ==, 30);
  gw_item_set_risk_cell (item, 0, 1, 3);
  g_assert_cmpfloat (gw_item_get_fields (item)->impl_risk_pct, ==, 17);
  g_assert_cmpint (gw_item_get_risk (item), ==, GW_RISK_LOW);
  g_assert_cmpint (gw_item_get_impact (item), ==, 50);
}

static void
test_scores_order (void)
{
  g_autoptr(GwItem) small_high = make ("S", "P0", "4h", "90");
  g_autoptr(GwItem) big_high = make ("B", "P0", "80h", "90");
  g_autoptr(GwItem) small_low = make ("L", "P3", "4h", "10");

  /* Cheaper and more valuable scores higher, for every score. */
  g_assert_cmpfloat (gw_item_rice (small_high), >, gw_item_rice (big_high));
  g_assert_cmpfloat (gw_item_rice (small_high), >, gw_item_rice (small_low));
  g_assert_cmpfloat (gw_item_ice (small_high), >, gw_item_ice (big_high));
  g_assert_cmpfloat (gw_item_ice (small_high), >, gw_item_ice (small_low));
  g_assert_cmpfloat (gw_item_wsjf (small_high), >, gw_item_wsjf (big_high));
  g_assert_cmpfloat (gw_item_wsjf (small_high), >, gw_item_wsjf (small_low));
  /* RICE of 90 impact (2.725), confidence 0.8, 4 h = 0.1 week. */
  g_assert_cmpfloat_with_epsilon (gw_item_rice (small_high), 2.725 * 0.8 / 0.1, 1e-9);
}

static void
test_quick_wins_order (void)
{
  g_autoptr(GwItem) a = make ("A", "P1", "4h", NULL);
  g_autoptr(GwItem) b = make ("B", "P0", "4h", NULL);
  g_autoptr(GwItem) c = make ("C", "P1", "4h", NULL);

  g_assert_true (gw_item_set_field_text (c, GW_FIELD_ROI_PCT, "300", NULL, NULL));
  g_assert_cmpint (gw_compare_quick_wins_first (b, a), <, 0);
  g_assert_cmpint (gw_compare_quick_wins_first (c, a), <, 0);
  g_assert_cmpint (gw_compare_quick_wins_first (a, c), >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/scoring/impact-score", test_impact_score);
  g_test_add_func ("/scoring/seed-quick-wins", test_seed_quick_wins);
  g_test_add_func ("/scoring/thresholds-move-items", test_thresholds_move_items);
  g_test_add_func ("/scoring/risk-cells", test_risk_cells);
  g_test_add_func ("/scoring/set-risk-cell", test_set_risk_cell);
  g_test_add_func ("/scoring/scores-order", test_scores_order);
  g_test_add_func ("/scoring/quick-wins-order", test_quick_wins_order);

  return g_test_run ();
}
