/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "gw-schedule-csv.h"
#include "schedule-fixture.h"

/* The fixture's schedule, worked out by hand (Monday 2027-01-04, 8 h days
 * from 09:00; backend-dev has 2 people, "sécurité, équipe" 1; M2 requires
 * M1; K9 is done, K10 deferred):
 *
 *   CPM: K1 0-8, K2 8-20, K3 0-4, gate M1 at 20, K4 20-36, K5 20-26,
 *   K8 20-60, K6 0-2.5, K7 0-4; the end is 60. Slack: K3 16, K4 24,
 *   K5 34, K6 57.5, K7 56; K1, K2, K8 are critical.
 *   Priority order: K1, K3 (P0), K2, K8, K5 (P1 or needed by one), K4, K7
 *   (P2), K6 (P3).
 *   People: at 0 K1 takes backend-dev 1, K3 backend-dev 2, K7 (no owner)
 *   runs alone; at 4 K6 takes backend-dev 2 till 6.5; K2 runs 8-20; at 20
 *   K8 takes the backend-dev free longest (2, since 6.5), K4 the other
 *   one, K5 the security team. */
static const char expected_schedule[] =
  "key,start,finish,slack_hours,critical,owner,person,milestone,duration_hours,start_hours,finish_hours,state\r\n"
  "K1,2027-01-04 09:00,2027-01-04 17:00,0,yes,backend-dev,1,M1,8,0,8,scheduled\r\n"
  "K3,2027-01-04 09:00,2027-01-04 13:00,16,no,backend-dev,2,M1,4,0,4,scheduled\r\n"
  "K7,2027-01-04 09:00,2027-01-04 13:00,56,no,,,,4,0,4,scheduled\r\n"
  "K6,2027-01-04 13:00,2027-01-04 15:30,57.5,no,backend-dev,2,,2.5,4,6.5,scheduled\r\n"
  "K2,2027-01-05 09:00,2027-01-06 13:00,0,yes,\"sécurité, équipe\",1,M1,12,8,20,scheduled\r\n"
  "K8,2027-01-06 13:00,2027-01-13 13:00,0,yes,backend-dev,2,M2,40,20,60,scheduled\r\n"
  "K5,2027-01-06 13:00,2027-01-07 11:00,34,no,\"sécurité, équipe\",1,M2,6,20,26,scheduled\r\n"
  "K4,2027-01-06 13:00,2027-01-08 13:00,24,no,backend-dev,1,M2,16,20,36,scheduled\r\n"
  "K9,,,,,backend-dev,,M1,,,,done\r\n"
  "K10,,,,,backend-dev,,,,,,deferred\r\n";

/* Titles that a spreadsheet would run as formulas get an apostrophe. */
static const char expected_roadmap[] =
  "key,title,priority,status,owner,person,milestone,effort_hours,start,finish,slack_hours,critical,start_week,finish_week\r\n"
  "K1,\"Harden \"\"auth\"\" service, then verify\",P0,todo,backend-dev,1,M1,8,2027-01-04 09:00,2027-01-04 17:00,0,yes,1,1\r\n"
  "K3,\"'=1+2\",P0,todo,backend-dev,2,M1,4,2027-01-04 09:00,2027-01-04 13:00,16,no,1,1\r\n"
  "K7,\"'@ops rotate keys\",P2,todo,,,,4,2027-01-04 09:00,2027-01-04 13:00,56,no,1,1\r\n"
  "K6,\"'-2 ms latency\",P3,todo,backend-dev,2,,2.5,2027-01-04 13:00,2027-01-04 15:30,57.5,no,1,1\r\n"
  "K2,\"Line one\nline two\",P1,todo,\"sécurité, équipe\",1,M1,12,2027-01-05 09:00,2027-01-06 13:00,0,yes,1,1\r\n"
  "K8,Ünïcödé — naïve café 日本語 ✓ ship 🚀,P1,in-progress,backend-dev,2,M2,40,2027-01-06 13:00,2027-01-13 13:00,0,yes,1,2\r\n"
  "K5,\"'+1 more node\",P1,todo,\"sécurité, équipe\",1,M2,6,2027-01-06 13:00,2027-01-07 11:00,34,no,1,1\r\n"
  "K4,\"'=HYPERLINK(\"\"http://example.invalid\"\",\"\"click\"\")\",P2,todo,backend-dev,1,M2,16,2027-01-06 13:00,2027-01-08 13:00,24,no,1,1\r\n"
  "K9,Done already,P1,done,backend-dev,,M1,8,,,,,,\r\n"
  "K10,\"Deferred, for later\",P2,deferred,backend-dev,,,5,,,,,,\r\n";

/* Week 1 (Jan 4-10) holds 0-40 h: backend-dev K1 8 + K3 4 + K6 2.5 + K4 16
 * + K8 20 = 50.5 h by both people; week 2 the rest of K8, 20 h. FTE weeks
 * are hours / 40. The items without an owner have no role name and no
 * headcount. */
static const char expected_weeks[] =
  "period,first_day,last_day,role,headcount,hours,fte_weeks,people\r\n"
  "Week 1,2027-01-04,2027-01-10,backend-dev,2,50.5,1.26,2\r\n"
  "Week 1,2027-01-04,2027-01-10,\"sécurité, équipe\",1,18,0.45,1\r\n"
  "Week 1,2027-01-04,2027-01-10,,,4,0.1,1\r\n"
  "Week 2,2027-01-11,2027-01-17,backend-dev,2,20,0.5,1\r\n"
  "Week 2,2027-01-11,2027-01-17,\"sécurité, équipe\",1,0,0,0\r\n"
  "Week 2,2027-01-11,2027-01-17,,,0,0,0\r\n"
  "Total,2027-01-04,2027-01-13,backend-dev,2,70.5,1.76,2\r\n"
  "Total,2027-01-04,2027-01-13,\"sécurité, équipe\",1,18,0.45,1\r\n"
  "Total,2027-01-04,2027-01-13,,,4,0.1,1\r\n";

static const char expected_milestones[] =
  "period,first_day,last_day,role,headcount,hours,fte_weeks,people\r\n"
  "M1,2027-01-04,2027-01-06,backend-dev,2,12,0.3,2\r\n"
  "M1,2027-01-04,2027-01-06,\"sécurité, équipe\",1,12,0.3,1\r\n"
  "M1,2027-01-04,2027-01-06,,,0,0,0\r\n"
  "M2,2027-01-06,2027-01-13,backend-dev,2,56,1.4,2\r\n"
  "M2,2027-01-06,2027-01-13,\"sécurité, équipe\",1,6,0.15,1\r\n"
  "M2,2027-01-06,2027-01-13,,,0,0,0\r\n"
  "No milestone,2027-01-04,2027-01-04,backend-dev,2,2.5,0.06,1\r\n"
  "No milestone,2027-01-04,2027-01-04,\"sécurité, équipe\",1,0,0,0\r\n"
  "No milestone,2027-01-04,2027-01-04,,,4,0.1,1\r\n"
  "Total,2027-01-04,2027-01-13,backend-dev,2,70.5,1.76,2\r\n"
  "Total,2027-01-04,2027-01-13,\"sécurité, équipe\",1,18,0.45,1\r\n"
  "Total,2027-01-04,2027-01-13,,,4,0.1,1\r\n";

static char *
write_to_string (void (*write) (GwCsvWriter *, ScheduleFixture *, gpointer),
                 ScheduleFixture *fx,
                 gpointer         data)
{
  g_autoptr(GwCsvWriter) writer = gw_csv_writer_new ();
  gsize length;
  const char *text;

  write (writer, fx, data);
  text = gw_csv_writer_get_data (writer, &length);
  g_assert_true (g_utf8_validate (text, length, NULL));
  return g_strndup (text, length);
}

static void
schedule_writer (GwCsvWriter *w, ScheduleFixture *fx, gpointer data)
{
  gw_schedule_csv_write_schedule (w, fx->schedule);
}

static void
roadmap_writer (GwCsvWriter *w, ScheduleFixture *fx, gpointer data)
{
  gw_schedule_csv_write_roadmap (w, fx->schedule, fx->items);
}

static void
resources_writer (GwCsvWriter *w, ScheduleFixture *fx, gpointer data)
{
  gw_schedule_csv_write_resources (w, fx->schedule, GPOINTER_TO_INT (data));
}

static void
test_schedule (void)
{
  g_autoptr(ScheduleFixture) fx = schedule_fixture_new ();
  g_autofree char *text = write_to_string (schedule_writer, fx, NULL);

  g_assert_cmpstr (text, ==, expected_schedule);
}

static void
test_roadmap (void)
{
  g_autoptr(ScheduleFixture) fx = schedule_fixture_new ();
  g_autofree char *text = write_to_string (roadmap_writer, fx, NULL);
  g_autoptr(GPtrArray) rows = NULL;

  g_assert_cmpstr (text, ==, expected_roadmap);

  /* Read back as CSV: 14 cells a row, the titles intact once the
   * apostrophe is taken off. */
  rows = csv_parse_rows (text, strlen (text));
  g_assert_cmpuint (rows->len, ==, fx->items->len + 1);
  for (guint r = 1; r < rows->len; r++)
    {
      char **row = g_ptr_array_index (rows, r);
      g_autofree char *title = gw_csv_unneutralise (row[1]);
      gboolean found = FALSE;

      g_assert_cmpuint (g_strv_length (row), ==, 14);
      for (guint i = 0; i < fx->items->len; i++)
        {
          GwItem *item = g_ptr_array_index (fx->items, i);

          if (g_str_equal (gw_item_get_key (item), row[0]))
            {
              g_assert_cmpstr (title, ==, gw_item_get_title (item));
              found = TRUE;
            }
        }
      g_assert_true (found);
    }
}

static void
test_resources (void)
{
  g_autoptr(ScheduleFixture) fx = schedule_fixture_new ();
  g_autofree char *weeks = write_to_string (resources_writer, fx, GINT_TO_POINTER (GW_SCHEDULE_PERIOD_WEEK));
  g_autofree char *milestones = write_to_string (resources_writer, fx, GINT_TO_POINTER (GW_SCHEDULE_PERIOD_MILESTONE));
  g_autofree char *months = write_to_string (resources_writer, fx, GINT_TO_POINTER (GW_SCHEDULE_PERIOD_MONTH));
  g_autoptr(GPtrArray) rows = NULL;

  g_assert_cmpstr (weeks, ==, expected_weeks);
  g_assert_cmpstr (milestones, ==, expected_milestones);

  /* One month: the same totals as the weeks. */
  rows = csv_parse_rows (months, strlen (months));
  g_assert_cmpuint (rows->len, ==, 1 + 3 + 3);
  {
    char **row = g_ptr_array_index (rows, 1);

    g_assert_cmpstr (row[0], ==, "2027-01");
    g_assert_cmpstr (row[1], ==, "2027-01-01");
    g_assert_cmpstr (row[2], ==, "2027-01-31");
    g_assert_cmpstr (row[3], ==, "backend-dev");
    g_assert_cmpstr (row[5], ==, "70.5");
    g_assert_cmpstr (row[7], ==, "2");
  }
}

static void
test_period_names (void)
{
  GwSchedulePeriod p = GW_SCHEDULE_PERIOD_WEEK;

  g_assert_true (gw_schedule_period_from_string ("month", &p));
  g_assert_cmpint (p, ==, GW_SCHEDULE_PERIOD_MONTH);
  g_assert_true (gw_schedule_period_from_string ("Milestone", &p));
  g_assert_cmpint (p, ==, GW_SCHEDULE_PERIOD_MILESTONE);
  g_assert_true (gw_schedule_period_from_string ("week", &p));
  g_assert_cmpint (p, ==, GW_SCHEDULE_PERIOD_WEEK);
  g_assert_false (gw_schedule_period_from_string ("fortnight", &p));
  g_assert_false (gw_schedule_period_from_string (NULL, &p));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/schedule-csv/schedule", test_schedule);
  g_test_add_func ("/schedule-csv/roadmap", test_roadmap);
  g_test_add_func ("/schedule-csv/resources", test_resources);
  g_test_add_func ("/schedule-csv/period-names", test_period_names);

  return g_test_run ();
}
