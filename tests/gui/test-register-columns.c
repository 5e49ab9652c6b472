/* SPDX-License-Identifier: GPL-3.0-or-later */

/* What the register page shows and sorts by, without a display. */

#include "config.h"

#include <math.h>

#include "gw-register-columns.h"

static void
test_key_order (void)
{
  /* Each key sorts before the next. */
  static const char *ordered[] = {
    "Gap 1.1", "Gap 1.2", "Gap 1.10", "Gap 2.1", "gap 10.1",
    "P0-001", "P0-002", "P0-010", "P0-100", "P1-001", "P1-009", "P10-001",
  };

  for (guint i = 0; i < G_N_ELEMENTS (ordered); i++)
    for (guint j = 0; j < G_N_ELEMENTS (ordered); j++)
      {
        int c = gw_key_compare (ordered[i], ordered[j]);

        if (i < j)
          g_assert_cmpint (c, <, 0);
        else if (i > j)
          g_assert_cmpint (c, >, 0);
        else
          g_assert_cmpint (c, ==, 0);
      }
}

static void
test_key_order_total (void)
{
  /* Keys equal but for leading zeros or case still have an order, the
   * same both ways round. */
  g_assert_cmpint (gw_key_compare ("P0-02", "P0-002"), !=, 0);
  g_assert_cmpint (gw_key_compare ("P0-02", "P0-002"), ==, -gw_key_compare ("P0-002", "P0-02"));
  g_assert_cmpint (gw_key_compare ("a-1", "A-1"), !=, 0);
  g_assert_cmpint (gw_key_compare ("a-1", "A-1"), ==, -gw_key_compare ("A-1", "a-1"));
  g_assert_cmpint (gw_key_compare ("P0", "P0-1"), <, 0);
  g_assert_cmpint (gw_key_compare ("", "P0-1"), <, 0);
  g_assert_cmpint (gw_key_compare ("99999999999999999999", "100000000000000000000"), <, 0);
}

static GwItem *
make_item (const char *key,
           const char *priority,
           const char *status,
           const char *effort,
           const char *owner)
{
  g_autoptr(GError) error = NULL;
  GwItem *item = gw_item_new (key, key);

  gw_item_set_field_text (item, GW_FIELD_PRIORITY, priority, NULL, &error);
  g_assert_no_error (error);
  gw_item_set_field_text (item, GW_FIELD_STATUS, status, NULL, &error);
  g_assert_no_error (error);
  gw_item_set_field_text (item, GW_FIELD_EFFORT, effort, NULL, &error);
  g_assert_no_error (error);
  gw_item_set_field_text (item, GW_FIELD_OWNER, owner, NULL, &error);
  g_assert_no_error (error);
  return item;
}

static void
test_column_compare (void)
{
  g_autoptr(GwItem) a = make_item ("P0-010", "P0", "blocked", "4h", "backend");
  g_autoptr(GwItem) b = make_item ("P0-002", "P2", "todo", "L (16-32 hours)", "");
  g_autoptr(GwItem) c = make_item ("P0-003", "P0", "done", "2 days", "qa");

  g_assert_cmpint (gw_register_column_compare (GW_REGISTER_COLUMN_KEY, b, a), <, 0);
  g_assert_cmpint (gw_register_column_compare (GW_REGISTER_COLUMN_PRIORITY, a, b), <, 0);
  /* Same priority: by key. */
  g_assert_cmpint (gw_register_column_compare (GW_REGISTER_COLUMN_PRIORITY, c, a), <, 0);
  g_assert_cmpint (gw_register_column_compare (GW_REGISTER_COLUMN_STATUS, b, a), <, 0);
  g_assert_cmpint (gw_register_column_compare (GW_REGISTER_COLUMN_EFFORT, a, c), <, 0);
  g_assert_cmpint (gw_register_column_compare (GW_REGISTER_COLUMN_EFFORT, c, b), <, 0);
  /* An empty owner sorts last. */
  g_assert_cmpint (gw_register_column_compare (GW_REGISTER_COLUMN_OWNER, a, b), <, 0);
  g_assert_cmpint (gw_register_column_compare (GW_REGISTER_COLUMN_OWNER, b, c), >, 0);
  for (int col = 0; col < GW_N_REGISTER_COLUMNS; col++)
    g_assert_cmpint (gw_register_column_compare (col, a, a), ==, 0);
}

static void
test_column_text (void)
{
  g_autoptr(GwItem) item = make_item ("P1-007", "P1", "in-progress", "L (16-32 hours)", "security");
  g_autoptr(GwItem) bare = gw_item_new ("X-1", "Bare");
  g_autoptr(GError) error = NULL;
  static const struct { GwRegisterColumn column; const char *text; } expected[] = {
    { GW_REGISTER_COLUMN_KEY, "P1-007" },
    { GW_REGISTER_COLUMN_PRIORITY, "P1" },
    { GW_REGISTER_COLUMN_STATUS, "In progress" },
    { GW_REGISTER_COLUMN_EFFORT, "24 h" },
    { GW_REGISTER_COLUMN_RISK, "High" },
    { GW_REGISTER_COLUMN_IMPACT, "80" },
    { GW_REGISTER_COLUMN_OWNER, "security" },
  };

  gw_item_set_field_text (item, GW_FIELD_RISK, "high", NULL, &error);
  g_assert_no_error (error);
  gw_item_set_field_text (item, GW_FIELD_IMPACT, "HIGH", NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *text = gw_register_column_text (expected[i].column, item);

      g_assert_cmpstr (text, ==, expected[i].text);
    }

  /* Unset fields show nothing rather than 0 (the scores always have a value). */
  for (int col = GW_REGISTER_COLUMN_CATEGORY; col <= GW_REGISTER_COLUMN_MILESTONE; col++)
    if (col != GW_REGISTER_COLUMN_PRIORITY && col != GW_REGISTER_COLUMN_STATUS)
      {
        g_autofree char *text = gw_register_column_text (col, bare);

        g_assert_cmpstr (text, ==, "");
      }
}

static void
test_score_columns (void)
{
  g_autoptr(GwItem) cheap = gw_item_new ("A-1", "Cheap");
  g_autoptr(GwItem) dear = gw_item_new ("A-2", "Dear");
  g_autofree char *rice = NULL;

  gw_item_set_field_text (cheap, GW_FIELD_EFFORT, "4h", NULL, NULL);
  gw_item_set_field_text (cheap, GW_FIELD_IMPACT, "90", NULL, NULL);
  gw_item_set_field_text (dear, GW_FIELD_EFFORT, "80h", NULL, NULL);
  gw_item_set_field_text (dear, GW_FIELD_IMPACT, "90", NULL, NULL);

  /* RICE of impact 90 (2.725), confidence 0.8, 0.1 person-week. */
  rice = gw_register_column_text (GW_REGISTER_COLUMN_RICE, cheap);
  g_assert_cmpstr (rice, ==, "21.8");
  /* The cheaper item sorts above on every score. */
  g_assert_cmpint (gw_register_column_compare (GW_REGISTER_COLUMN_RICE, cheap, dear), >, 0);
  g_assert_cmpint (gw_register_column_compare (GW_REGISTER_COLUMN_ICE, cheap, dear), >, 0);
  g_assert_cmpint (gw_register_column_compare (GW_REGISTER_COLUMN_WSJF, cheap, dear), >, 0);
  g_assert_cmpstr (gw_register_column_title (GW_REGISTER_COLUMN_WSJF), ==, "WSJF");
}

static void
test_css_classes (void)
{
  g_autoptr(GwItem) item = make_item ("P0-001", "P0", "blocked", "4h", "");

  g_assert_cmpstr (gw_register_column_css_class (GW_REGISTER_COLUMN_PRIORITY, item), ==, "priority-p0");
  g_assert_cmpstr (gw_register_column_css_class (GW_REGISTER_COLUMN_STATUS, item), ==, "status-blocked");
  g_assert_null (gw_register_column_css_class (GW_REGISTER_COLUMN_RISK, item));
  g_assert_null (gw_register_column_css_class (GW_REGISTER_COLUMN_TITLE, item));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/register-columns/key-order", test_key_order);
  g_test_add_func ("/register-columns/key-order-total", test_key_order_total);
  g_test_add_func ("/register-columns/compare", test_column_compare);
  g_test_add_func ("/register-columns/text", test_column_text);
  g_test_add_func ("/register-columns/score-columns", test_score_columns);
  g_test_add_func ("/register-columns/css-classes", test_css_classes);

  return g_test_run ();
}
