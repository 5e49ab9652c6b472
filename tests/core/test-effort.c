/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>

#include "gw-effort.h"
#include "gw-error.h"

typedef struct
{
  const char *text;
  double      hours;
  GwSize      size;
  double      min;   /* NAN: no range */
  double      max;
} EffortCase;

/* Every form of effort written in the seed registers (tests/seeds), with
 * the hours a reader of the document would take from it (8-hour days,
 * 5-day weeks). */
static const EffortCase seed_cases[] = {
  /* 000: "**Effort**: SIZE (hours)" and the summary table's bare sizes */
  { "L (16-32 hours)", 24, GW_SIZE_L, 16, 32 },
  { "L (20 hours)", 20, GW_SIZE_L, NAN, NAN },
  { "L (25 hours)", 25, GW_SIZE_L, NAN, NAN },
  { "XL (25+ hours)", 25, GW_SIZE_XL, 25, NAN },
  { "XL (35 hours)", 35, GW_SIZE_XL, NAN, NAN },
  { "S (12 hours)", 12, GW_SIZE_S, NAN, NAN },
  { "M (6-8 hours)", 7, GW_SIZE_M, 6, 8 },
  { "XS (2-3 hours)", 2.5, GW_SIZE_XS, 2, 3 },
  { "M (8-12 hours)", 10, GW_SIZE_M, 8, 12 },
  { "XL (30 hours)", 30, GW_SIZE_XL, NAN, NAN },
  { "L (40 hours)", 40, GW_SIZE_L, NAN, NAN },
  { "M (18 hours)", 18, GW_SIZE_M, NAN, NAN },
  { "M (12 hours)", 12, GW_SIZE_M, NAN, NAN },
  { "XXL (80 hours)", 80, GW_SIZE_XXL, NAN, NAN },
  { "XS (4 hours)", 4, GW_SIZE_XS, NAN, NAN },
  { "XS", 2, GW_SIZE_XS, 0, 4 },
  { "S", 6, GW_SIZE_S, 4, 8 },
  { "M", 12, GW_SIZE_M, 8, 16 },
  { "L", 24, GW_SIZE_L, 16, 32 },
  { "XL", 48, GW_SIZE_XL, 32, 64 },
  { "XXL", 96, GW_SIZE_XXL, 64, 128 },
  { "240+ hrs", 240, GW_SIZE_NONE, 240, NAN },
  /* 000 breakdown lines, 001 bullet fields */
  { "8 hours", 8, GW_SIZE_NONE, NAN, NAN },
  { "6 hours", 6, GW_SIZE_NONE, NAN, NAN },
  { "4 hours", 4, GW_SIZE_NONE, NAN, NAN },
  { "2 hours", 2, GW_SIZE_NONE, NAN, NAN },
  { "1 hour", 1, GW_SIZE_NONE, NAN, NAN },
  { "0.5 hours", 0.5, GW_SIZE_NONE, NAN, NAN },
  { "16 hours", 16, GW_SIZE_NONE, NAN, NAN },
  { "24 hours", 24, GW_SIZE_NONE, NAN, NAN },
  { "32 hours", 32, GW_SIZE_NONE, NAN, NAN },
  { "40 hours", 40, GW_SIZE_NONE, NAN, NAN },
  /* 004 tables */
  { "4h", 4, GW_SIZE_NONE, NAN, NAN },
  { "8h", 8, GW_SIZE_NONE, NAN, NAN },
  { "12h", 12, GW_SIZE_NONE, NAN, NAN },
  { "16h", 16, GW_SIZE_NONE, NAN, NAN },
  { "20h", 20, GW_SIZE_NONE, NAN, NAN },
  { "24h", 24, GW_SIZE_NONE, NAN, NAN },
  { "32h", 32, GW_SIZE_NONE, NAN, NAN },
  { "40h", 40, GW_SIZE_NONE, NAN, NAN },
  { "(4h)", 4, GW_SIZE_NONE, NAN, NAN },
  { "(40h)", 40, GW_SIZE_NONE, NAN, NAN },
  /* 002 matrix and gap boxes */
  { "(5 days)", 40, GW_SIZE_NONE, NAN, NAN },
  { "(3 days)", 24, GW_SIZE_NONE, NAN, NAN },
  { "(4 days)", 32, GW_SIZE_NONE, NAN, NAN },
  { "(1-2 days)", 12, GW_SIZE_NONE, 8, 16 },
  { "(3-5 days)", 32, GW_SIZE_NONE, 24, 40 },
  { "(6+ days)", 48, GW_SIZE_NONE, 48, NAN },
  { "7 days", 56, GW_SIZE_NONE, NAN, NAN },
  /* 003 task headings and phase times */
  { "(2 hours)", 2, GW_SIZE_NONE, NAN, NAN },
  { "(8 hours)", 8, GW_SIZE_NONE, NAN, NAN },
  { "1.5 hours", 1.5, GW_SIZE_NONE, NAN, NAN },
  { "4.5 hours", 4.5, GW_SIZE_NONE, NAN, NAN },
  { "24 hours (3 working days)", 24, GW_SIZE_NONE, NAN, NAN },
  { "3 working days", 24, GW_SIZE_NONE, NAN, NAN },
  { "2 weeks (80 hours)", 80, GW_SIZE_NONE, NAN, NAN },
  { "1 week", 40, GW_SIZE_NONE, NAN, NAN },
  { "4 weeks", 160, GW_SIZE_NONE, NAN, NAN },
  { "1-2 weeks", 60, GW_SIZE_NONE, 40, 80 },
  { "4-8 weeks", 240, GW_SIZE_NONE, 160, 320 },
  { "14 weeks", 560, GW_SIZE_NONE, NAN, NAN },
  /* DESIGN.md's forms */
  { "1.5h", 1.5, GW_SIZE_NONE, NAN, NAN },
  { "2 days", 16, GW_SIZE_NONE, NAN, NAN },
  { " 4  Hours ", 4, GW_SIZE_NONE, NAN, NAN },
  { "L (16–32 hours)", 24, GW_SIZE_L, 16, 32 },   /* en dash */
  { "1,5h", 1.5, GW_SIZE_NONE, NAN, NAN },
  { "30 minutes", 0.5, GW_SIZE_NONE, NAN, NAN },
  { "0", 0, GW_SIZE_NONE, NAN, NAN },
  { "12", 12, GW_SIZE_NONE, NAN, NAN },
};

static const char *bad_cases[] = {
  "", "   ", "lots", "-4h", "4 parsecs", "XXXL", "L (many hours)", "L (16-32 hours", "8-4 hours",
  "4h and more", "1e9 hours", "NaN", "(", "M M",
};

static void
assert_same_real (double got,
                  double want)
{
  if (isnan (want))
    g_assert_true (isnan (got));
  else
    g_assert_cmpfloat_with_epsilon (got, want, 1e-9);
}

static void
test_seed_forms (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (seed_cases); i++)
    {
      const EffortCase *c = &seed_cases[i];
      g_autoptr(GError) error = NULL;
      GwEffort e;

      g_test_message ("effort “%s”", c->text);
      g_assert_true (gw_effort_parse (c->text, 8, NULL, &e, &error));
      g_assert_no_error (error);
      assert_same_real (e.hours, c->hours);
      g_assert_cmpint (e.size, ==, c->size);
      assert_same_real (e.min_hours, c->min);
      assert_same_real (e.max_hours, c->max);
    }
}

static void
test_round_trip (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (seed_cases); i++)
    {
      GwEffort e, back;
      g_autofree char *text = NULL;

      g_assert_true (gw_effort_parse (seed_cases[i].text, 8, NULL, &e, NULL));
      text = gw_effort_to_string (&e);
      g_test_message ("“%s” -> “%s”", seed_cases[i].text, text);
      g_assert_true (gw_effort_parse (text, 8, NULL, &back, NULL));
      assert_same_real (back.hours, e.hours);
      assert_same_real (back.min_hours, e.min_hours);
      assert_same_real (back.max_hours, e.max_hours);
      g_assert_cmpint (back.size, ==, e.size);
    }
}

static void
test_rejects (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autoptr(GError) error = NULL;
      GwEffort e = { 123, 0, 0, GW_SIZE_M };

      g_test_message ("bad effort “%s”", bad_cases[i]);
      g_assert_false (gw_effort_parse (bad_cases[i], 8, NULL, &e, &error));
      g_assert_error (error, GW_STORE_ERROR, GW_STORE_ERROR_INVALID);
      /* Untouched on failure. */
      g_assert_cmpfloat (e.hours, ==, 123);
    }
}

static void
test_hours_per_day_and_ranges (void)
{
  GwSizeRanges ranges;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GwEffort e;

  g_assert_true (gw_effort_parse ("2 days", 6, NULL, &e, NULL));
  g_assert_cmpfloat (e.hours, ==, 12);
  g_assert_true (gw_effort_parse ("1 week", 6, NULL, &e, NULL));
  g_assert_cmpfloat (e.hours, ==, 30);

  gw_size_ranges_init_default (&ranges);
  g_assert_true (gw_size_ranges_parse ("M=10-20", &ranges, &error));
  g_assert_true (gw_effort_parse ("M", 8, &ranges, &e, NULL));
  g_assert_cmpfloat (e.hours, ==, 15);
  g_assert_cmpint (gw_size_ranges_classify (&ranges, 3), ==, GW_SIZE_XS);
  g_assert_cmpint (gw_size_ranges_classify (&ranges, 16), ==, GW_SIZE_M);
  g_assert_cmpint (gw_size_ranges_classify (&ranges, 500), ==, GW_SIZE_XXL);
  text = gw_size_ranges_to_string (&ranges);
  g_assert_cmpstr (text, ==, "XS=0-4,S=4-8,M=10-20,L=16-32,XL=32-64,XXL=64-128");
  g_assert_false (gw_size_ranges_parse ("M=20-10", &ranges, &error));
  g_assert_error (error, GW_STORE_ERROR, GW_STORE_ERROR_INVALID);
}

static void
test_format_hours (void)
{
  static const struct { double v; const char *text; } cases[] = {
    { 4, "4" }, { 1.5, "1.5" }, { 0.333333, "0.33" }, { 0, "0" }, { -0.0, "0" }, { 100.25, "100.25" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = gw_format_hours (cases[i].v);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/effort/seed-forms", test_seed_forms);
  g_test_add_func ("/effort/round-trip", test_round_trip);
  g_test_add_func ("/effort/rejects", test_rejects);
  g_test_add_func ("/effort/hours-per-day-and-ranges", test_hours_per_day_and_ranges);
  g_test_add_func ("/effort/format-hours", test_format_hours);

  return g_test_run ();
}
