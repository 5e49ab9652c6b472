/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "gw-calendar.h"
#include "gw-store.h"

#define MON_FRI ((1u << 1) | (1u << 2) | (1u << 3) | (1u << 4) | (1u << 5))

static GwCalendar *
calendar (const char *start,
          const char *days,
          const char *hours,
          const char *day_start,
          const char *holidays)
{
  g_autoptr(GError) error = NULL;
  GwCalendar *cal = gw_calendar_new_from_settings (start, days, hours, day_start, holidays, &error);

  g_assert_no_error (error);
  g_assert_nonnull (cal);
  return cal;
}

static void
assert_wall (GwCalendar     *cal,
             double          hours,
             GwCalendarEdge  edge,
             const char     *expected)
{
  g_autofree char *text = gw_calendar_to_string (cal, hours, edge);

  g_assert_cmpstr (text, ==, expected);
}

/* Monday 2027-01-04, Monday to Friday 09:00-17:00. */
static void
test_default_week (void)
{
  g_autoptr(GwCalendar) cal = calendar ("2027-01-04", "1,2,3,4,5", "8", "09:00", "");
  static const struct { double hours; GwCalendarEdge edge; const char *wall; } cases[] = {
    { 0, GW_CALENDAR_START, "2027-01-04 09:00" },
    { 0, GW_CALENDAR_FINISH, "2027-01-04 09:00" },
    { 4, GW_CALENDAR_START, "2027-01-04 13:00" },
    { 8, GW_CALENDAR_FINISH, "2027-01-04 17:00" },   /* end of the day, not 09:00 next day */
    { 8, GW_CALENDAR_START, "2027-01-05 09:00" },
    { 12.5, GW_CALENDAR_START, "2027-01-05 13:30" },
    { 12.5, GW_CALENDAR_FINISH, "2027-01-05 13:30" },
    { 40, GW_CALENDAR_FINISH, "2027-01-08 17:00" },  /* Friday */
    { 40, GW_CALENDAR_START, "2027-01-11 09:00" },   /* Monday after the weekend */
    { 41, GW_CALENDAR_START, "2027-01-11 10:00" },
    { 216, GW_CALENDAR_FINISH, "2027-02-09 17:00" }, /* 27 working days: into February */
    { 1.0 / 60, GW_CALENDAR_START, "2027-01-04 09:01" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_wall (cal, cases[i].hours, cases[i].edge, cases[i].wall);

  g_assert_cmpfloat (gw_calendar_get_hours_per_day (cal), ==, 8);
  g_assert_cmpfloat (gw_calendar_get_hours_per_week (cal), ==, 40);
}

static void
test_weeks_and_days (void)
{
  g_autoptr(GwCalendar) cal = calendar ("2027-01-06", "1,2,3,4,5", "8", "09:00", "");  /* a Wednesday */
  GDate date;

  /* Week 1 is the Monday-to-Sunday week of the start: Wed, Thu, Fri. */
  g_assert_cmpint (gw_calendar_week (cal, 0, GW_CALENDAR_START), ==, 1);
  g_assert_cmpint (gw_calendar_week (cal, 24, GW_CALENDAR_FINISH), ==, 1);
  g_assert_cmpint (gw_calendar_week (cal, 24, GW_CALENDAR_START), ==, 2);
  g_assert_cmpint (gw_calendar_week (cal, 64, GW_CALENDAR_FINISH), ==, 2);
  g_assert_cmpint (gw_calendar_week (cal, 64, GW_CALENDAR_START), ==, 3);

  gw_calendar_get_week_start (cal, 1, &date);
  g_assert_cmpint (g_date_get_day (&date), ==, 4);
  gw_calendar_get_week_start (cal, 3, &date);
  g_assert_cmpint (g_date_get_day (&date), ==, 18);
  g_assert_cmpint (g_date_get_month (&date), ==, 1);

  /* Wednesday 09:00 to Friday 17:00: 2 days and 8 hours. */
  g_assert_cmpfloat_with_epsilon (gw_calendar_calendar_days (cal, 24, GW_CALENDAR_FINISH), 2 + 8.0 / 24, 1e-9);
  /* to Monday 09:00 */
  g_assert_cmpfloat_with_epsilon (gw_calendar_calendar_days (cal, 24, GW_CALENDAR_START), 5, 1e-9);
}

static void
test_holidays (void)
{
  /* Tuesday 5th off, and a Saturday that changes nothing. */
  g_autoptr(GwCalendar) cal = calendar ("2027-01-04", "1,2,3,4,5", "8", "09:00", "2027-01-05, 2027-01-09,2026-12-31,");
  GDate date;

  assert_wall (cal, 8, GW_CALENDAR_FINISH, "2027-01-04 17:00");
  assert_wall (cal, 8, GW_CALENDAR_START, "2027-01-06 09:00");
  assert_wall (cal, 16, GW_CALENDAR_FINISH, "2027-01-06 17:00");
  assert_wall (cal, 32, GW_CALENDAR_FINISH, "2027-01-08 17:00");
  assert_wall (cal, 32, GW_CALENDAR_START, "2027-01-11 09:00");

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 5, 1, 2027);
  g_assert_false (gw_calendar_is_working_day (cal, &date));
  g_assert_cmpfloat (gw_calendar_hours_at_date (cal, &date), ==, 8);  /* the next working day */
  g_date_set_dmy (&date, 6, 1, 2027);
  g_assert_true (gw_calendar_is_working_day (cal, &date));
  g_assert_cmpfloat (gw_calendar_hours_at_date (cal, &date), ==, 8);
  g_date_set_dmy (&date, 9, 1, 2027);
  g_assert_false (gw_calendar_is_working_day (cal, &date));
  g_assert_cmpfloat (gw_calendar_hours_at_date (cal, &date), ==, 32);

  /* Two holidays in a row, then Christmas across a weekend. */
  {
    g_autoptr(GwCalendar) xmas = calendar ("2027-12-20", "1,2,3,4,5", "8", "09:00",
                                           "2027-12-24,2027-12-27,2027-12-28");

    assert_wall (xmas, 32, GW_CALENDAR_FINISH, "2027-12-23 17:00");
    assert_wall (xmas, 32, GW_CALENDAR_START, "2027-12-29 09:00");
    assert_wall (xmas, 48, GW_CALENDAR_FINISH, "2027-12-30 17:00");
  }
}

static void
test_other_weeks (void)
{
  /* Saturday start: nothing happens before Monday. */
  {
    g_autoptr(GwCalendar) cal = calendar ("2027-01-02", "1,2,3,4,5", "8", "09:00", NULL);
    GDate date;

    assert_wall (cal, 0, GW_CALENDAR_START, "2027-01-04 09:00");
    g_date_clear (&date, 1);
    g_date_set_dmy (&date, 1, 1, 2027);
    g_assert_cmpfloat (gw_calendar_hours_at_date (cal, &date), ==, 0);
  }
  /* Four days of 10 hours from 07:30. */
  {
    g_autoptr(GwCalendar) cal = calendar ("2027-01-04", "1,2,3,4", "10", "07:30", "");

    assert_wall (cal, 10, GW_CALENDAR_FINISH, "2027-01-04 17:30");
    assert_wall (cal, 40, GW_CALENDAR_FINISH, "2027-01-07 17:30");
    assert_wall (cal, 40, GW_CALENDAR_START, "2027-01-11 07:30");
    g_assert_cmpfloat (gw_calendar_get_hours_per_week (cal), ==, 40);
  }
  /* Weekend work only, 7.5 h. */
  {
    g_autoptr(GwCalendar) cal = calendar ("2027-01-04", "6,7", "7.5", "10:00", "");

    assert_wall (cal, 0, GW_CALENDAR_START, "2027-01-09 10:00");
    assert_wall (cal, 15, GW_CALENDAR_FINISH, "2027-01-10 17:30");
    assert_wall (cal, 15, GW_CALENDAR_START, "2027-01-16 10:00");
  }
  /* A night shift that ends after midnight. */
  {
    g_autoptr(GwCalendar) cal = calendar ("2027-01-04", "1,2,3,4,5", "6", "20:00", "");

    assert_wall (cal, 6, GW_CALENDAR_FINISH, "2027-01-05 02:00");
    assert_wall (cal, 6, GW_CALENDAR_START, "2027-01-05 20:00");
  }
}

static void
test_parse_round_trip (void)
{
  g_autoptr(GwCalendar) cal = calendar ("2027-01-04", "1,2,3,4,5", "8", "09:00", "2027-01-05");
  double hours = 0;

  for (double h = 0; h < 400; h += 0.25)
    {
      char buf[GW_CALENDAR_TEXT_SIZE];
      double back;

      gw_calendar_format (cal, h, GW_CALENDAR_START, buf);
      g_assert_true (gw_calendar_parse (cal, buf, &back));
      g_assert_cmpfloat_with_epsilon (back, h, 1e-9);
      gw_calendar_format (cal, h, GW_CALENDAR_FINISH, buf);
      g_assert_true (gw_calendar_parse (cal, buf, &back));
      g_assert_cmpfloat_with_epsilon (back, h, 1e-9);
    }

  /* Outside working hours: the nearest working time after it. */
  g_assert_true (gw_calendar_parse (cal, "2027-01-04 07:00", &hours));
  g_assert_cmpfloat (hours, ==, 0);
  g_assert_true (gw_calendar_parse (cal, "2027-01-04 20:00", &hours));
  g_assert_cmpfloat (hours, ==, 8);
  g_assert_true (gw_calendar_parse (cal, "2027-01-05 12:00", &hours));   /* holiday */
  g_assert_cmpfloat (hours, ==, 8);
  g_assert_true (gw_calendar_parse (cal, "2026-06-01 12:00", &hours));   /* before the start */
  g_assert_cmpfloat (hours, ==, 0);

  g_assert_false (gw_calendar_parse (cal, "2027-01-04", &hours));
  g_assert_false (gw_calendar_parse (cal, "2027-02-30 09:00", &hours));
  g_assert_false (gw_calendar_parse (cal, "2027-01-04 25:00", &hours));
}

static void
test_far_future (void)
{
  g_autoptr(GwCalendar) cal = calendar ("2027-01-04", "1,2,3,4,5", "8", "09:00", "");
  g_autofree char *text = gw_calendar_to_string (cal, 1e15, GW_CALENDAR_FINISH);
  g_autofree char *nan_text = gw_calendar_to_string (cal, NAN, GW_CALENDAR_START);

  /* Clamped to four-digit years, never garbage. */
  g_assert_true (g_str_has_prefix (text, "9999-12-"));
  g_assert_cmpstr (nan_text, ==, "2027-01-04 09:00");
}

static void
test_bad_settings (void)
{
  static const struct { const char *setting; const char *values[5]; } cases[] = {
    { "start_date", { "2027-02-30", "1,2,3,4,5", "8", "09:00", "" } },
    { "start_date", { "4 Jan 2027", "1,2,3,4,5", "8", "09:00", "" } },
    { "working_days", { "2027-01-04", "", "8", "09:00", "" } },
    { "working_days", { "2027-01-04", "1,8", "8", "09:00", "" } },
    { "working_days", { "2027-01-04", "Mon", "8", "09:00", "" } },
    { "hours_per_day", { "2027-01-04", "1,2,3,4,5", "0", "09:00", "" } },
    { "hours_per_day", { "2027-01-04", "1,2,3,4,5", "25", "09:00", "" } },
    { "hours_per_day", { "2027-01-04", "1,2,3,4,5", "eight", "09:00", "" } },
    { "day_start", { "2027-01-04", "1,2,3,4,5", "8", "9am", "" } },
    { "day_start", { "2027-01-04", "1,2,3,4,5", "8", "24:00", "" } },
    { "holidays", { "2027-01-04", "1,2,3,4,5", "8", "09:00", "2027-12-24,Xmas" } },
    { "holidays", { "2027-01-04", "1,2,3,4,5", "8", "09:00", "2027-13-01" } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GwCalendar) cal = gw_calendar_new_from_settings (cases[i].values[0], cases[i].values[1],
                                                                 cases[i].values[2], cases[i].values[3],
                                                                 cases[i].values[4], &error);

      g_assert_null (cal);
      g_assert_error (error, GW_STORE_ERROR, GW_STORE_ERROR_INVALID);
      /* The message names the setting. */
      g_assert_nonnull (strstr (error->message, cases[i].setting));
    }
}

static void
test_from_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gapwise-calendar-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "cal.gapwise", NULL);
  g_autoptr(GwStore) store = NULL;
  g_autoptr(GwCalendar) cal = NULL;

  g_assert_no_error (error);
  store = gw_store_open (path, GW_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);

  g_assert_true (gw_store_set_setting (store, "start_date", "2027-12-20", &error));
  g_assert_true (gw_store_set_setting (store, "holidays", "2027-12-24, 2027-12-27", &error));
  g_assert_no_error (error);

  /* The store refuses holidays it cannot read. */
  g_assert_false (gw_store_set_setting (store, "holidays", "2027-12-32", &error));
  g_assert_error (error, GW_STORE_ERROR, GW_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "holidays"));
  g_clear_error (&error);

  cal = gw_calendar_new_from_store (store, &error);
  g_assert_no_error (error);
  assert_wall (cal, 32, GW_CALENDAR_START, "2027-12-28 09:00");

  g_clear_object (&store);
  g_unlink (path);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (dir);
}

static void
test_new_direct (void)
{
  GDate start, off[2];
  g_autoptr(GwCalendar) cal = NULL;

  g_date_clear (&start, 1);
  g_date_set_dmy (&start, 4, 1, 2027);
  g_date_clear (off, 2);
  g_date_set_dmy (&off[0], 6, 1, 2027);
  g_date_set_dmy (&off[1], 6, 1, 2027);   /* twice: counted once */
  cal = gw_calendar_new (&start, MON_FRI, 8, 9 * 60, off, 2);
  assert_wall (cal, 16, GW_CALENDAR_START, "2027-01-07 09:00");
  assert_wall (cal, 24, GW_CALENDAR_START, "2027-01-08 09:00");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/calendar/default-week", test_default_week);
  g_test_add_func ("/calendar/weeks-and-days", test_weeks_and_days);
  g_test_add_func ("/calendar/holidays", test_holidays);
  g_test_add_func ("/calendar/other-weeks", test_other_weeks);
  g_test_add_func ("/calendar/parse-round-trip", test_parse_round_trip);
  g_test_add_func ("/calendar/far-future", test_far_future);
  g_test_add_func ("/calendar/bad-settings", test_bad_settings);
  g_test_add_func ("/calendar/from-store", test_from_store);
  g_test_add_func ("/calendar/new", test_new_direct);

  return g_test_run ();
}
