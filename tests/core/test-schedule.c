/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "gw-schedule.h"
#include "gw-store.h"

/* Helpers */

static GwScheduleInput *
new_input_with (const char *start,
                const char *holidays)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GwCalendar) cal = gw_calendar_new_from_settings (start, "1,2,3,4,5", "8", "09:00", holidays, &error);

  g_assert_no_error (error);
  return gw_schedule_input_new (cal);
}

/* Monday 2027-01-04, Monday to Friday 09:00-17:00. */
static GwScheduleInput *
new_input (void)
{
  return new_input_with ("2027-01-04", "");
}

static int
add (GwScheduleInput *input,
     const char      *key,
     double           effort,
     GwPriority       priority,
     const char      *owner)
{
  int i = gw_schedule_input_add_item (input, key, effort, priority, owner);

  g_assert_cmpint (i, >=, 0);
  return i;
}

static void
depend (GwScheduleInput *input,
        int              item,
        const char      *on,
        double           lag)
{
  g_assert_true (gw_schedule_input_add_dependency (input, item, on, lag));
}

static GwSchedule *
compute (GwScheduleInput *input)
{
  g_autoptr(GError) error = NULL;
  GwSchedule *s = gw_schedule_compute (input, &error);

  g_assert_no_error (error);
  g_assert_nonnull (s);
  return s;
}

static const GwScheduleEntry *
entry (GwSchedule *s,
       const char *key)
{
  int i = gw_schedule_lookup (s, key);

  g_assert_cmpint (i, >=, 0);
  return &s->items[i];
}

static void
assert_cpm (GwSchedule *s,
            const char *key,
            double      es,
            double      ef,
            double      ls,
            double      lf,
            double      slack)
{
  const GwScheduleEntry *e = entry (s, key);

  g_assert_cmpfloat_with_epsilon (e->early_start, es, 1e-9);
  g_assert_cmpfloat_with_epsilon (e->early_finish, ef, 1e-9);
  g_assert_cmpfloat_with_epsilon (e->late_start, ls, 1e-9);
  g_assert_cmpfloat_with_epsilon (e->late_finish, lf, 1e-9);
  g_assert_cmpfloat_with_epsilon (e->slack, slack, 1e-9);
  g_assert_cmpint (e->critical, ==, slack == 0);
}

static void
assert_times (GwSchedule *s,
              const char *key,
              double      start,
              double      finish)
{
  const GwScheduleEntry *e = entry (s, key);

  g_assert_cmpfloat_with_epsilon (e->start, start, 1e-9);
  g_assert_cmpfloat_with_epsilon (e->finish, finish, 1e-9);
}

static void
assert_wall (GwSchedule *s,
             const char *key,
             const char *start,
             const char *finish)
{
  const GwScheduleEntry *e = entry (s, key);
  g_autofree char *a = gw_calendar_to_string (s->calendar, e->start, GW_CALENDAR_START);
  g_autofree char *b = gw_calendar_to_string (s->calendar, e->finish, GW_CALENDAR_FINISH);

  g_assert_cmpstr (a, ==, start);
  g_assert_cmpstr (b, ==, finish);
}

static char *
critical_path_text (GwSchedule *s)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint k = 0; k < s->n_critical_path; k++)
    {
      if (k > 0)
        g_string_append_c (text, ',');
      g_string_append (text, s->keys[s->critical_path[k]]);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
has_warning (GwSchedule *s,
             const char *part1,
             const char *part2)
{
  for (guint i = 0; i < s->warnings->len; i++)
    {
      const char *w = g_ptr_array_index (s->warnings, i);

      if (strstr (w, part1) && (part2 == NULL || strstr (w, part2)))
        return TRUE;
    }
  return FALSE;
}

static int
role_index (GwSchedule *s,
            const char *name)
{
  for (guint r = 0; r < s->n_roles; r++)
    if (g_strcmp0 (s->roles[r].name, name) == 0)
      return (int) r;
  g_assert_not_reached ();
}

/* Tests */

/*   A(8) -> B(16) -> D(8)
 *        -> C(4)  ->
 * by hand: ES/EF/LS/LF A 0/8/0/8, B 8/24/8/24, C 8/12/20/24 (slack 12),
 * D 24/32/24/32; the critical path A, B, D is 32 h long. */
static void
test_cpm (void)
{
  g_autoptr(GwScheduleInput) input = new_input ();
  g_autoptr(GwSchedule) s = NULL;
  g_autofree char *path = NULL;
  int b, c, d;

  gw_schedule_input_add_role (input, "dev", 5, 40);
  add (input, "A", 8, GW_PRIORITY_P1, "dev");
  b = add (input, "B", 16, GW_PRIORITY_P1, "dev");
  c = add (input, "C", 4, GW_PRIORITY_P1, "dev");
  d = add (input, "D", 8, GW_PRIORITY_P1, "dev");
  depend (input, b, "A", 0);
  depend (input, c, "A", 0);
  depend (input, d, "B", 0);
  depend (input, d, "C", 0);
  s = compute (input);

  assert_cpm (s, "A", 0, 8, 0, 8, 0);
  assert_cpm (s, "B", 8, 24, 8, 24, 0);
  assert_cpm (s, "C", 8, 12, 20, 24, 12);
  assert_cpm (s, "D", 24, 32, 24, 32, 0);
  path = critical_path_text (s);
  g_assert_cmpstr (path, ==, "A,B,D");
  g_assert_cmpfloat (s->critical_path_hours, ==, 32);
  g_assert_cmpfloat (s->critical_path_effort, ==, 32);

  /* Five developers: nobody waits, the schedule is the CPM one. */
  assert_times (s, "C", 8, 12);
  assert_wall (s, "D", "2027-01-07 09:00", "2027-01-07 17:00");
  g_assert_cmpfloat (s->makespan_hours, ==, 32);
  /* Monday 09:00 to Thursday 17:00 */
  g_assert_cmpfloat_with_epsilon (s->makespan_days, 3 + 8.0 / 24, 1e-9);
  g_assert_cmpuint (s->warnings->len, ==, 0);
}

/* The same with a lag of 16 h between A and C: C 24/28, D 28/36, B has 4 h
 * of slack and the critical path goes A, C, D (36 h, 20 h of effort). */
static void
test_cpm_lag (void)
{
  g_autoptr(GwScheduleInput) input = new_input ();
  g_autoptr(GwSchedule) s = NULL;
  g_autofree char *path = NULL;
  int b, c, d;

  gw_schedule_input_add_role (input, "dev", 5, 40);
  add (input, "A", 8, GW_PRIORITY_P1, "dev");
  b = add (input, "B", 16, GW_PRIORITY_P1, "dev");
  c = add (input, "C", 4, GW_PRIORITY_P1, "dev");
  d = add (input, "D", 8, GW_PRIORITY_P1, "dev");
  depend (input, b, "A", 0);
  depend (input, c, "A", 16);
  depend (input, d, "B", 0);
  depend (input, d, "C", 0);
  s = compute (input);

  assert_cpm (s, "A", 0, 8, 0, 8, 0);
  assert_cpm (s, "B", 8, 24, 12, 28, 4);
  assert_cpm (s, "C", 24, 28, 24, 28, 0);
  assert_cpm (s, "D", 28, 36, 28, 36, 0);
  path = critical_path_text (s);
  g_assert_cmpstr (path, ==, "A,C,D");
  g_assert_cmpfloat (s->critical_path_hours, ==, 36);
  g_assert_cmpfloat (s->critical_path_effort, ==, 20);
  assert_wall (s, "C", "2027-01-07 09:00", "2027-01-07 13:00");
  assert_wall (s, "D", "2027-01-07 13:00", "2027-01-08 13:00");
}

static void
test_resource_conflict (void)
{
  /* One security engineer: the P0 goes first although added second. */
  {
    g_autoptr(GwScheduleInput) input = new_input ();
    g_autoptr(GwSchedule) s = NULL;

    gw_schedule_input_add_role (input, "sec", 1, 40);
    add (input, "X", 8, GW_PRIORITY_P1, "sec");
    add (input, "Y", 8, GW_PRIORITY_P0, "sec");
    s = compute (input);
    assert_times (s, "Y", 0, 8);
    assert_times (s, "X", 8, 16);
    g_assert_cmpint (entry (s, "X")->person, ==, 0);
    g_assert_cmpint (entry (s, "Y")->person, ==, 0);
    /* CPM ignores people: both could start at once. */
    g_assert_cmpfloat (entry (s, "X")->early_start, ==, 0);
    g_assert_cmpfloat (s->makespan_hours, ==, 16);
    g_assert_cmpfloat (s->critical_path_hours, ==, 8);
  }

  /* Same priority: the longer remaining path first (B-long leads to 20 h
   * more), then the higher ROI, then the key. */
  {
    g_autoptr(GwScheduleInput) input = new_input ();
    g_autoptr(GwSchedule) s = NULL;
    int next, r1, r2;

    gw_schedule_input_add_role (input, "sec", 1, 40);
    gw_schedule_input_add_role (input, "ops", 1, 40);
    add (input, "A-short", 4, GW_PRIORITY_P1, "sec");
    add (input, "B-long", 4, GW_PRIORITY_P1, "sec");
    next = add (input, "C-next", 20, GW_PRIORITY_P1, "ops");
    depend (input, next, "B-long", 0);
    r1 = add (input, "D-low-roi", 2, GW_PRIORITY_P2, "sec");
    r2 = add (input, "E-high-roi", 2, GW_PRIORITY_P2, "sec");
    gw_schedule_input_set_roi (input, r1, 50);
    gw_schedule_input_set_roi (input, r2, 300);
    add (input, "F-no-roi", 2, GW_PRIORITY_P2, "sec");
    add (input, "G-a", 1, GW_PRIORITY_P3, "sec");
    add (input, "G-b", 1, GW_PRIORITY_P3, "sec");
    s = compute (input);
    assert_times (s, "B-long", 0, 4);
    assert_times (s, "A-short", 4, 8);
    assert_times (s, "C-next", 4, 24);
    assert_times (s, "E-high-roi", 8, 10);
    assert_times (s, "D-low-roi", 10, 12);
    assert_times (s, "F-no-roi", 12, 14);
    assert_times (s, "G-a", 14, 15);
    assert_times (s, "G-b", 15, 16);
  }

  /* Two developers: each item on the person free the longest. */
  {
    g_autoptr(GwScheduleInput) input = new_input ();
    g_autoptr(GwSchedule) s = NULL;
    int dev;

    gw_schedule_input_add_role (input, "dev", 2, 40);
    add (input, "a", 8, GW_PRIORITY_P0, "dev");
    add (input, "b", 4, GW_PRIORITY_P0, "dev");
    add (input, "c", 4, GW_PRIORITY_P1, "dev");
    add (input, "d", 2, GW_PRIORITY_P2, "dev");
    s = compute (input);
    assert_times (s, "a", 0, 8);
    assert_times (s, "b", 0, 4);
    assert_times (s, "c", 4, 8);
    assert_times (s, "d", 8, 10);
    g_assert_cmpint (entry (s, "a")->person, ==, 0);
    g_assert_cmpint (entry (s, "b")->person, ==, 1);
    g_assert_cmpint (entry (s, "c")->person, ==, 1);
    /* both are free at 8: the lower-numbered one takes it */
    g_assert_cmpint (entry (s, "d")->person, ==, 0);
    dev = role_index (s, "dev");
    g_assert_cmpint (s->roles[dev].people_used, ==, 2);
    g_assert_cmpfloat (s->roles[dev].effort_hours, ==, 18);
    g_assert_cmpuint (s->roles[dev].n_items, ==, 4);
  }
}

/* A P3 item that a P0 item waits for is started like a P0 item: before
 * the P1 item of the same role, although its own priority is lower. */
static void
test_urgency (void)
{
  g_autoptr(GwScheduleInput) input = new_input ();
  g_autoptr(GwSchedule) s = NULL;
  int high, via;

  gw_schedule_input_add_role (input, "sec", 1, 40);
  gw_schedule_input_add_role (input, "dev", 1, 40);
  add (input, "MID", 8, GW_PRIORITY_P1, "sec");
  add (input, "LOW", 4, GW_PRIORITY_P3, "sec");
  via = add (input, "VIA", 2, GW_PRIORITY_P2, "dev");
  high = add (input, "HIGH", 8, GW_PRIORITY_P0, "dev");
  add (input, "ALONE", 1, GW_PRIORITY_P3, "sec");
  depend (input, via, "LOW", 0);
  depend (input, high, "VIA", 0);
  s = compute (input);

  g_assert_cmpint (entry (s, "LOW")->urgency, ==, GW_PRIORITY_P0);
  g_assert_cmpint (entry (s, "VIA")->urgency, ==, GW_PRIORITY_P0);
  g_assert_cmpint (entry (s, "MID")->urgency, ==, GW_PRIORITY_P1);
  g_assert_cmpint (entry (s, "ALONE")->urgency, ==, GW_PRIORITY_P3);
  assert_times (s, "LOW", 0, 4);
  assert_times (s, "VIA", 4, 6);
  assert_times (s, "HIGH", 6, 14);
  assert_times (s, "MID", 4, 12);
  assert_times (s, "ALONE", 12, 13);
}

static void
test_not_before (void)
{
  g_autoptr(GwScheduleInput) input = new_input ();
  g_autoptr(GwSchedule) s = NULL;
  GDate date;
  int n, w, after;

  gw_schedule_input_add_role (input, "dev", 2, 40);
  n = add (input, "N", 8, GW_PRIORITY_P0, "dev");
  w = add (input, "W", 4, GW_PRIORITY_P0, "dev");
  after = add (input, "AFTER", 4, GW_PRIORITY_P0, "dev");
  depend (input, after, "N", 0);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 6, 1, 2027);             /* Wednesday */
  gw_schedule_input_set_not_before (input, n, &date);
  g_date_set_dmy (&date, 9, 1, 2027);             /* Saturday: Monday */
  gw_schedule_input_set_not_before (input, w, &date);
  s = compute (input);

  assert_wall (s, "N", "2027-01-06 09:00", "2027-01-06 17:00");
  assert_wall (s, "AFTER", "2027-01-07 09:00", "2027-01-07 13:00");
  assert_wall (s, "W", "2027-01-11 09:00", "2027-01-11 13:00");
  /* W ends last (44): N could end as late as 40 without delaying it. */
  assert_cpm (s, "N", 16, 24, 32, 40, 16);
  /* W is held up by its date alone: the chain is W. */
  g_assert_cmpfloat (s->critical_path_hours, ==, 44);
  g_assert_cmpuint (s->n_critical_path, ==, 1);
  g_assert_cmpstr (s->keys[s->critical_path[0]], ==, "W");
}

static void
test_gates (void)
{
  /* M2 requires M1, M3 requires M2: B (M2) waits for A (M1) although it
   * does not depend on it, and C (M3) for B. */
  {
    g_autoptr(GwScheduleInput) input = new_input ();
    g_autoptr(GwSchedule) s = NULL;
    int a, b, c, free_item;

    gw_schedule_input_add_role (input, "a", 1, 40);
    gw_schedule_input_add_role (input, "b", 1, 40);
    gw_schedule_input_add_role (input, "c", 1, 40);
    gw_schedule_input_add_milestone (input, "M1", NULL);
    gw_schedule_input_add_milestone (input, "M2", "M1");
    gw_schedule_input_add_milestone (input, "M3", "M2");
    c = add (input, "C", 2, GW_PRIORITY_P0, "c");
    b = add (input, "B", 4, GW_PRIORITY_P0, "b");
    a = add (input, "A", 8, GW_PRIORITY_P3, "a");
    free_item = add (input, "FREE", 2, GW_PRIORITY_P3, "b");
    gw_schedule_input_set_milestone (input, a, "M1");
    gw_schedule_input_set_milestone (input, b, "M2");
    gw_schedule_input_set_milestone (input, c, "M3");
    (void) free_item;
    s = compute (input);

    assert_times (s, "A", 0, 8);
    assert_times (s, "FREE", 0, 2);     /* no milestone: no gate */
    assert_times (s, "B", 8, 12);
    assert_times (s, "C", 12, 14);
    g_assert_cmpuint (s->n_milestones, ==, 3);
    g_assert_cmpstr (s->milestones[1].key, ==, "M2");
    g_assert_cmpint (s->milestones[1].requires, ==, 0);
    g_assert_cmpfloat (s->milestones[0].start, ==, 0);
    g_assert_cmpfloat (s->milestones[0].finish, ==, 8);
    g_assert_cmpfloat (s->milestones[1].start, ==, 8);
    g_assert_cmpfloat (s->milestones[1].finish, ==, 12);
    g_assert_cmpfloat (s->milestones[2].finish, ==, 14);
    /* The gates are constraints for the CPM too. */
    assert_cpm (s, "B", 8, 12, 8, 12, 0);
    g_assert_cmpfloat (s->critical_path_hours, ==, 14);
  }

  /* A milestone without items still passes its gate on: M3 (requires M2,
   * which requires M1) waits for M1. */
  {
    g_autoptr(GwScheduleInput) input = new_input ();
    g_autoptr(GwSchedule) s = NULL;
    int a, c;

    gw_schedule_input_add_milestone (input, "M1", NULL);
    gw_schedule_input_add_milestone (input, "M2", "M1");
    gw_schedule_input_add_milestone (input, "M3", "M2");
    gw_schedule_input_add_role (input, "a", 1, 40);
    a = add (input, "A", 8, GW_PRIORITY_P3, "a");
    c = add (input, "C", 2, GW_PRIORITY_P0, "a");
    gw_schedule_input_set_milestone (input, a, "M1");
    gw_schedule_input_set_milestone (input, c, "M3");
    s = compute (input);
    assert_times (s, "C", 8, 10);
    g_assert_true (isnan (s->milestones[1].start));
  }
}

static void
test_gate_conflict (void)
{
  g_autoptr(GwScheduleInput) input = new_input ();
  g_autoptr(GwSchedule) s = NULL;
  int a, b;

  gw_schedule_input_add_role (input, "dev", 2, 40);
  gw_schedule_input_add_milestone (input, "M1", NULL);
  gw_schedule_input_add_milestone (input, "M2", "M1");
  gw_schedule_input_add_milestone (input, "M3", "M404");
  a = add (input, "A", 8, GW_PRIORITY_P0, "dev");
  b = add (input, "B", 4, GW_PRIORITY_P0, "dev");
  gw_schedule_input_set_milestone (input, a, "M1");
  gw_schedule_input_set_milestone (input, b, "M2");
  depend (input, a, "B", 0);
  s = compute (input);

  /* The dependency wins; the gate is dropped with a warning. */
  assert_times (s, "B", 0, 4);
  assert_times (s, "A", 4, 12);
  g_assert_true (has_warning (s, "“M2”", "“M1”"));
  g_assert_cmpint (s->milestones[1].requires, ==, -1);
  g_assert_true (has_warning (s, "“M3”", "“M404”"));
}

static void
test_calendar (void)
{
  /* From Thursday, 24 h end on Monday 17:00; a holiday that Monday moves it. */
  static const struct { const char *holidays; const char *finish; const char *next; } cases[] = {
    { "", "2027-01-11 17:00", "2027-01-12 09:00" },
    { "2027-01-11", "2027-01-12 17:00", "2027-01-13 09:00" },
    { "2027-01-08,2027-01-11", "2027-01-13 17:00", "2027-01-14 09:00" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GwScheduleInput) input = new_input_with ("2027-01-07", cases[i].holidays);
      g_autoptr(GwSchedule) s = NULL;
      int next;

      gw_schedule_input_add_role (input, "dev", 1, 40);
      add (input, "LONG", 24, GW_PRIORITY_P0, "dev");
      next = add (input, "NEXT", 8, GW_PRIORITY_P0, "dev");
      depend (input, next, "LONG", 0);
      s = compute (input);
      assert_wall (s, "LONG", "2027-01-07 09:00", cases[i].finish);
      {
        g_autofree char *start = gw_calendar_to_string (s->calendar, entry (s, "NEXT")->start, GW_CALENDAR_START);

        g_assert_cmpstr (start, ==, cases[i].next);
      }
    }
}

static void
test_status (void)
{
  g_autoptr(GwScheduleInput) input = new_input ();
  g_autoptr(GwSchedule) s = NULL;
  int a, b, c, d, e, f;

  gw_schedule_input_add_role (input, "dev", 3, 40);
  a = add (input, "DONE", 40, GW_PRIORITY_P0, "dev");
  b = add (input, "AFTER-DONE", 8, GW_PRIORITY_P0, "dev");
  c = add (input, "DEFERRED", 40, GW_PRIORITY_P0, "dev");
  d = add (input, "AFTER-DEFERRED", 8, GW_PRIORITY_P0, "dev");
  e = add (input, "BLOCKED", 4, GW_PRIORITY_P0, "dev");
  f = add (input, "RUNNING", 4, GW_PRIORITY_P0, "dev");
  gw_schedule_input_set_status (input, a, GW_STATUS_DONE);
  gw_schedule_input_set_status (input, c, GW_STATUS_DEFERRED);
  gw_schedule_input_set_status (input, e, GW_STATUS_BLOCKED);
  gw_schedule_input_set_status (input, f, GW_STATUS_IN_PROGRESS);
  depend (input, b, "DONE", 0);
  depend (input, d, "DEFERRED", 0);
  s = compute (input);

  g_assert_cmpint (entry (s, "DONE")->state, ==, GW_SCHEDULE_DONE);
  g_assert_true (isnan (entry (s, "DONE")->start));
  g_assert_cmpint (entry (s, "DEFERRED")->state, ==, GW_SCHEDULE_DEFERRED);
  g_assert_true (isnan (entry (s, "DEFERRED")->finish));
  assert_times (s, "AFTER-DONE", 0, 8);
  assert_times (s, "AFTER-DEFERRED", 0, 8);
  assert_times (s, "BLOCKED", 0, 4);
  assert_times (s, "RUNNING", 4, 8);
  g_assert_cmpuint (s->n_active, ==, 4);
  g_assert_cmpfloat (s->makespan_hours, ==, 8);
  g_assert_true (has_warning (s, "“DEFERRED”", NULL));
  g_assert_false (has_warning (s, "“DONE”", NULL));
  g_assert_cmpfloat (s->roles[role_index (s, "dev")].effort_hours, ==, 24);
}

static void
test_unlimited (void)
{
  g_autoptr(GwScheduleInput) input = new_input ();
  g_autoptr(GwSchedule) s = NULL;
  int ghost, nobody, empty;

  gw_schedule_input_add_role (input, "empty", 0, 40);
  add (input, "G1", 8, GW_PRIORITY_P1, "ghost");
  add (input, "G2", 8, GW_PRIORITY_P1, "ghost");
  add (input, "G3", 4, GW_PRIORITY_P1, "ghost");
  add (input, "N1", 8, GW_PRIORITY_P1, NULL);
  add (input, "E1", 8, GW_PRIORITY_P1, "empty");
  add (input, "E2", 8, GW_PRIORITY_P1, "empty");
  s = compute (input);

  assert_times (s, "G1", 0, 8);
  assert_times (s, "G2", 0, 8);
  assert_times (s, "G3", 0, 4);
  assert_times (s, "N1", 0, 8);
  assert_times (s, "E2", 0, 8);
  g_assert_cmpfloat (s->makespan_hours, ==, 8);

  ghost = role_index (s, "ghost");
  nobody = role_index (s, NULL);
  empty = role_index (s, "empty");
  /* defined roles first, then undefined owners, then no owner */
  g_assert_cmpint (empty, <, ghost);
  g_assert_cmpint (ghost, <, nobody);
  g_assert_false (s->roles[ghost].defined);
  g_assert_false (s->roles[ghost].limited);
  g_assert_cmpint (s->roles[ghost].people_used, ==, 3);
  g_assert_cmpint (s->roles[empty].people_used, ==, 2);
  g_assert_true (has_warning (s, "“ghost”", "3"));
  g_assert_true (has_warning (s, "“empty”", "no people"));
  g_assert_true (has_warning (s, "no owner", NULL));
  g_assert_cmpstr (gw_schedule_get_role_name (s, ghost), ==, "ghost");
  g_assert_nonnull (gw_schedule_get_role_name (s, nobody));
}

static void
test_part_time_and_zero (void)
{
  g_autoptr(GwScheduleInput) input = new_input ();
  g_autoptr(GwSchedule) s = NULL;
  int gate, after;

  gw_schedule_input_add_role (input, "half", 1, 20);
  add (input, "PT", 8, GW_PRIORITY_P0, "half");
  gate = add (input, "GATE", 0, GW_PRIORITY_P0, "half");
  after = add (input, "AFTER", 4, GW_PRIORITY_P0, "half");
  depend (input, gate, "PT", 0);
  depend (input, after, "GATE", 0);
  s = compute (input);

  /* 8 h of work at 20 h a week take 16 working hours. */
  assert_times (s, "PT", 0, 16);
  g_assert_cmpfloat (entry (s, "PT")->duration, ==, 16);
  g_assert_cmpfloat (entry (s, "PT")->effort_hours, ==, 8);
  /* 0 h: a point in time, nobody's work */
  assert_times (s, "GATE", 16, 16);
  g_assert_cmpint (entry (s, "GATE")->person, ==, -1);
  assert_times (s, "AFTER", 16, 24);
  g_assert_true (entry (s, "GATE")->critical);

  /* The load counts work hours, not the stretched duration. */
  g_assert_cmpfloat_with_epsilon (s->weeks->hours[0 * s->weeks->n_roles + 0], 12, 1e-9);
  g_assert_cmpfloat_with_epsilon (s->weeks->role_hours[0], 12, 1e-9);
}

static void
test_cycle (void)
{
  g_autoptr(GwScheduleInput) input = new_input ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GwSchedule) s = NULL;
  int a, b, c;

  a = add (input, "A", 8, GW_PRIORITY_P0, NULL);
  b = add (input, "B", 8, GW_PRIORITY_P0, NULL);
  c = add (input, "C", 8, GW_PRIORITY_P0, NULL);
  depend (input, a, "B", 0);
  depend (input, b, "C", 0);
  depend (input, c, "A", 0);
  s = gw_schedule_compute (input, &error);
  g_assert_null (s);
  g_assert_error (error, GW_SCHEDULE_ERROR, GW_SCHEDULE_ERROR_CYCLE);
  /* names the cycle, whichever item it starts from */
  g_assert_true (strstr (error->message, "A -> B -> C -> A") ||
                 strstr (error->message, "B -> C -> A -> B") ||
                 strstr (error->message, "C -> A -> B -> C"));

  g_assert_false (gw_schedule_input_add_dependency (input, a, "NOPE", 0));
  g_assert_cmpint (gw_schedule_input_add_item (input, "A", 1, GW_PRIORITY_P0, NULL), ==, -1);
}

static void
test_load (void)
{
  g_autoptr(GwScheduleInput) input = new_input ();
  g_autoptr(GwSchedule) s = NULL;
  g_autoptr(GwScheduleLoad) months = NULL;
  g_autoptr(GwScheduleLoad) ms = NULL;
  int solo, pair, a, b, c, d;
  guint nr;

  gw_schedule_input_add_role (input, "solo", 1, 40);
  gw_schedule_input_add_role (input, "pair", 2, 40);
  gw_schedule_input_add_milestone (input, "M1", NULL);
  a = add (input, "LONG", 48, GW_PRIORITY_P0, "solo");  /* week 1: 40 h, week 2: 8 h */
  b = add (input, "P1", 8, GW_PRIORITY_P0, "pair");
  c = add (input, "P2", 8, GW_PRIORITY_P0, "pair");
  d = add (input, "P3", 8, GW_PRIORITY_P0, "pair");
  depend (input, d, "LONG", 0);
  gw_schedule_input_set_milestone (input, a, "M1");
  gw_schedule_input_set_milestone (input, b, "M1");
  (void) c;
  s = compute (input);
  solo = role_index (s, "solo");
  pair = role_index (s, "pair");
  nr = s->weeks->n_roles;

  assert_times (s, "P3", 48, 56);
  g_assert_cmpuint (s->weeks->n_periods, ==, 2);
  g_assert_cmpstr (s->weeks->labels[0], ==, "Week 1");
  g_assert_cmpint (g_date_get_day (&s->weeks->first_days[1]), ==, 11);
  g_assert_cmpint (g_date_get_day (&s->weeks->last_days[1]), ==, 17);
  g_assert_cmpfloat (s->weeks->hours[0 * nr + solo], ==, 40);
  g_assert_cmpfloat (s->weeks->hours[1 * nr + solo], ==, 8);
  g_assert_cmpint (s->weeks->people[0 * nr + solo], ==, 1);
  g_assert_cmpint (s->weeks->people[1 * nr + solo], ==, 1);
  g_assert_cmpfloat (s->weeks->hours[0 * nr + pair], ==, 16);
  g_assert_cmpint (s->weeks->people[0 * nr + pair], ==, 2);
  g_assert_cmpfloat (s->weeks->hours[1 * nr + pair], ==, 8);
  g_assert_cmpint (s->weeks->people[1 * nr + pair], ==, 1);
  g_assert_cmpint (s->weeks->peak_people[pair], ==, 2);
  g_assert_cmpfloat (s->weeks->role_hours[pair], ==, 24);

  months = gw_schedule_load_new (s, GW_SCHEDULE_PERIOD_MONTH);
  g_assert_cmpuint (months->n_periods, ==, 1);
  g_assert_cmpstr (months->labels[0], ==, "2027-01");
  g_assert_cmpfloat (months->hours[solo], ==, 48);
  g_assert_cmpint (g_date_get_day (&months->last_days[0]), ==, 31);

  ms = gw_schedule_load_new (s, GW_SCHEDULE_PERIOD_MILESTONE);
  g_assert_cmpuint (ms->n_periods, ==, 2);           /* M1, then no milestone */
  g_assert_cmpstr (ms->labels[0], ==, "M1");
  g_assert_cmpstr (ms->labels[1], ==, "");
  g_assert_cmpfloat (ms->hours[0 * nr + solo], ==, 48);
  g_assert_cmpfloat (ms->hours[0 * nr + pair], ==, 8);
  g_assert_cmpint (ms->people[0 * nr + pair], ==, 1);
  g_assert_cmpfloat (ms->hours[1 * nr + pair], ==, 16);
  g_assert_cmpint (ms->people[1 * nr + pair], ==, 2);  /* P2 and P3 on different people */
  g_assert_cmpint (g_date_get_day (&ms->first_days[0]), ==, 4);
  g_assert_cmpint (g_date_get_day (&ms->last_days[0]), ==, 11);
}

/* A random register: dependencies only on earlier items, three roles,
 * milestones with gates, lags and not-before dates. */
typedef struct
{
  char   key[16];
  double effort;
  int    priority;
  int    role;
  int    milestone;
  int    not_before;   /* days after the start, or -1 */
  double roi;
  int    status;
  int    deps[3];
  double lags[3];
  int    n_deps;
} RandomItem;

static const char *random_roles[] = { "r-one", "r-two", "r-three", NULL };
static const int random_heads[] = { 1, 2, 3, 0 };
static const char *random_milestones[] = { "M1", "M2", "M3" };

static void
make_random (GRand      *rand,
             RandomItem *items,
             guint       n)
{
  for (guint i = 0; i < n; i++)
    {
      RandomItem *it = &items[i];

      g_snprintf (it->key, sizeof it->key, "K-%04u", (i * 7919) % 10000);
      it->effort = g_rand_int_range (rand, 0, 9) == 0 ? 0 : g_rand_int_range (rand, 1, 41) / 2.0;
      it->priority = g_rand_int_range (rand, 0, 4);
      it->role = g_rand_int_range (rand, 0, 4);
      it->milestone = (int) (3 * i / n);
      it->not_before = g_rand_int_range (rand, 0, 10) == 0 ? g_rand_int_range (rand, 0, 30) : -1;
      it->roi = g_rand_int_range (rand, 0, 3) == 0 ? NAN : g_rand_int_range (rand, 0, 4) * 50;
      it->status = g_rand_int_range (rand, 0, 20) == 0 ? GW_STATUS_DONE :
                   g_rand_int_range (rand, 0, 20) == 0 ? GW_STATUS_DEFERRED : GW_STATUS_TODO;
      it->n_deps = i == 0 ? 0 : g_rand_int_range (rand, 0, 4);
      for (int d = 0; d < it->n_deps; d++)
        {
          it->deps[d] = g_rand_int_range (rand, MAX (0, (int) i - 15), (int) i);
          it->lags[d] = g_rand_int_range (rand, 0, 5) == 0 ? 4 : 0;
        }
    }
}

static GwSchedule *
schedule_random (RandomItem *items,
                 guint       n,
                 const guint *perm)
{
  g_autoptr(GwScheduleInput) input = new_input ();
  g_autofree int *index = g_new (int, n);

  /* roles and milestones in the register's order; items in any */
  for (guint r = 0; r < 3; r++)
    gw_schedule_input_add_role (input, random_roles[perm ? 2 - r : r], random_heads[perm ? 2 - r : r], 40);
  gw_schedule_input_add_milestone (input, "M1", NULL);
  gw_schedule_input_add_milestone (input, "M2", "M1");
  gw_schedule_input_add_milestone (input, "M3", NULL);

  for (guint k = 0; k < n; k++)
    {
      guint i = perm ? perm[k] : k;
      RandomItem *it = &items[i];

      index[i] = add (input, it->key, it->effort, it->priority, random_roles[it->role]);
      gw_schedule_input_set_milestone (input, index[i], random_milestones[it->milestone]);
      gw_schedule_input_set_roi (input, index[i], it->roi);
      gw_schedule_input_set_status (input, index[i], it->status);
      if (it->not_before >= 0)
        {
          GDate date;

          g_date_clear (&date, 1);
          g_date_set_dmy (&date, 4, 1, 2027);
          g_date_add_days (&date, it->not_before);
          gw_schedule_input_set_not_before (input, index[i], &date);
        }
    }
  for (guint k = 0; k < n; k++)
    {
      guint i = perm ? perm[n - 1 - k] : k;
      RandomItem *it = &items[i];

      for (int d = 0; d < it->n_deps; d++)
        depend (input, index[i], items[it->deps[d]].key, it->lags[d]);
    }
  return compute (input);
}

/* What a user checks in any schedule: every dependency, not-before date,
 * gate and person's time is respected. */
static void
check_valid (GwSchedule *s,
             RandomItem *items,
             guint       n)
{
  double m1_end = 0;

  for (guint i = 0; i < n; i++)
    {
      const GwScheduleEntry *e = entry (s, items[i].key);

      if (e->state == GW_SCHEDULE_ACTIVE && s->milestones[e->milestone].key[1] == '1')
        m1_end = MAX (m1_end, e->finish);
    }

  for (guint i = 0; i < n; i++)
    {
      RandomItem *it = &items[i];
      const GwScheduleEntry *e = entry (s, it->key);

      if (e->state != GW_SCHEDULE_ACTIVE)
        {
          g_assert_true (isnan (e->start));
          continue;
        }
      g_assert_cmpfloat (e->finish, >=, e->start);
      g_assert_cmpfloat (e->slack, >=, 0);
      g_assert_cmpfloat (e->start, >=, e->early_start - 1e-9);
      for (int d = 0; d < it->n_deps; d++)
        {
          const GwScheduleEntry *p = entry (s, items[it->deps[d]].key);

          if (p->state == GW_SCHEDULE_ACTIVE)
            g_assert_cmpfloat (e->start, >=, p->finish + it->lags[d] - 1e-9);
        }
      if (it->not_before >= 0)
        {
          GDate date;

          g_date_clear (&date, 1);
          g_date_set_dmy (&date, 4, 1, 2027);
          g_date_add_days (&date, it->not_before);
          g_assert_cmpfloat (e->start, >=, gw_calendar_hours_at_date (s->calendar, &date));
        }
      if (it->milestone == 1)
        g_assert_cmpfloat (e->start, >=, m1_end);
      if (s->roles[e->role].limited && e->duration > 0)
        {
          g_assert_cmpint (e->person, >=, 0);
          g_assert_cmpint (e->person, <, s->roles[e->role].headcount);
          for (guint j = 0; j < n; j++)
            {
              const GwScheduleEntry *o = entry (s, items[j].key);

              if (j == i || o->state != GW_SCHEDULE_ACTIVE || o->role != e->role ||
                  o->person != e->person || !(o->duration > 0))
                continue;
              /* the same person never works on two items at once */
              g_assert_true (o->finish <= e->start || o->start >= e->finish);
            }
        }
    }
}

static void
test_determinism (void)
{
  const guint n = 400;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20270104);
  g_autofree RandomItem *items = g_new0 (RandomItem, n);
  g_autofree guint *perm = g_new (guint, n);
  g_autoptr(GwSchedule) a = NULL;
  g_autoptr(GwSchedule) b = NULL;
  g_autoptr(GwSchedule) again = NULL;
  g_autofree char *path_a = NULL;
  g_autofree char *path_b = NULL;

  make_random (rand, items, n);
  for (guint i = 0; i < n; i++)
    perm[i] = i;
  for (guint i = n - 1; i > 0; i--)
    {
      guint j = (guint) g_rand_int_range (rand, 0, (gint32) i + 1);
      guint t = perm[i];

      perm[i] = perm[j];
      perm[j] = t;
    }

  a = schedule_random (items, n, NULL);
  again = schedule_random (items, n, NULL);
  b = schedule_random (items, n, perm);
  check_valid (a, items, n);

  for (guint i = 0; i < n; i++)
    {
      const GwScheduleEntry *x = entry (a, items[i].key);
      const GwScheduleEntry *y = entry (b, items[i].key);
      const GwScheduleEntry *z = entry (again, items[i].key);

      for (const GwScheduleEntry *o = y; o; o = (o == y ? z : NULL))
        {
          g_assert_cmpint (x->state, ==, o->state);
          if (x->state != GW_SCHEDULE_ACTIVE)
            continue;
          g_assert_cmpfloat (x->start, ==, o->start);
          g_assert_cmpfloat (x->finish, ==, o->finish);
          g_assert_cmpfloat (x->slack, ==, o->slack);
          g_assert_cmpint (x->critical, ==, o->critical);
          g_assert_cmpint (x->person, ==, o->person);
          g_assert_cmpstr (a->roles[x->role].name, ==, (o == y ? b : again)->roles[o->role].name);
        }
    }
  path_a = critical_path_text (a);
  path_b = critical_path_text (b);
  g_assert_cmpstr (path_a, ==, path_b);
  g_assert_cmpfloat (a->makespan_hours, ==, b->makespan_hours);
  g_assert_cmpuint (a->warnings->len, ==, b->warnings->len);
  /* the resource limits cost time over the CPM */
  g_assert_cmpfloat (a->makespan_hours, >=, a->critical_path_hours);
  g_assert_cmpuint (a->weeks->n_periods, ==, b->weeks->n_periods);
  for (guint k = 0; k < a->weeks->n_periods * a->weeks->n_roles; k++)
    {
      g_assert_cmpfloat_with_epsilon (a->weeks->hours[k], b->weeks->hours[k], 1e-6);
      g_assert_cmpint (a->weeks->people[k], ==, b->weeks->people[k]);
    }
}

/* The snapshot comes from a register. */
static void
test_from_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gapwise-schedule-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "s.gapwise", NULL);
  g_autoptr(GwStore) store = NULL;
  g_autoptr(GwSchedule) s = NULL;
  g_autoptr(GwRole) role = gw_role_new ("backend-dev");
  g_autoptr(GwMilestone) m1 = gw_milestone_new ("M1", "Foundation");
  g_autoptr(GwMilestone) m2 = gw_milestone_new ("M2", "HA");
  static const struct { const char *key; const char *effort; const char *milestone; const char *deps; const char *status; const char *nb; } rows[] = {
    { "P0-001", "1 day", "M1", "", "todo", "" },
    { "P0-002", "4h", "M1", "P0-001", "in-progress", "" },
    { "P0-003", "L (16-32 hours)", "M2", "", "todo", "" },
    { "P0-004", "2h", "", "P0-002+8h", "todo", "2027-01-05" },
    { "P0-005", "40h", "", "", "done", "" },
  };

  g_assert_no_error (error);
  store = gw_store_open (path, GW_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (gw_store_set_setting (store, "start_date", "2027-01-04", &error));
  role->headcount = 1;
  g_assert_true (gw_store_put_role (store, role, &error));
  m2->requires = g_strdup ("M1");
  g_assert_true (gw_store_put_milestone (store, m1, &error));
  g_assert_true (gw_store_put_milestone (store, m2, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(GwItem) item = gw_item_new (rows[i].key, "Title");
      const GwParseContext *ctx = gw_store_get_parse_context (store);

      g_assert_true (gw_item_set_field_text (item, GW_FIELD_EFFORT, rows[i].effort, ctx, &error));
      g_assert_true (gw_item_set_field_text (item, GW_FIELD_OWNER, "backend-dev", ctx, &error));
      g_assert_true (gw_item_set_field_text (item, GW_FIELD_MILESTONE, rows[i].milestone, ctx, &error));
      g_assert_true (gw_item_set_field_text (item, GW_FIELD_DEPENDS_ON, rows[i].deps, ctx, &error));
      g_assert_true (gw_item_set_field_text (item, GW_FIELD_STATUS, rows[i].status, ctx, &error));
      g_assert_true (gw_item_set_field_text (item, GW_FIELD_NOT_BEFORE, rows[i].nb, ctx, &error));
      g_assert_true (gw_store_add_item (store, item, &error));
      g_assert_no_error (error);
    }

  s = gw_schedule_new_from_store (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (s->n_items, ==, 5);
  /* item i of the schedule is item i of the register */
  g_assert_cmpstr (s->keys[0], ==, "P0-001");
  g_assert_cmpstr (s->keys[4], ==, "P0-005");
  /* One developer: P0-001 0-8, P0-002 8-12 (M1 done at 12), P0-003 (M2,
   * 24 h) waits for that gate: 12-36; P0-004 may start 8 h after P0-002
   * (at 20) but the developer is busy till 36. */
  assert_wall (s, "P0-001", "2027-01-04 09:00", "2027-01-04 17:00");
  assert_times (s, "P0-002", 8, 12);
  assert_times (s, "P0-003", 12, 36);
  assert_times (s, "P0-004", 36, 38);
  g_assert_cmpint (entry (s, "P0-005")->state, ==, GW_SCHEDULE_DONE);
  g_assert_cmpfloat (s->makespan_hours, ==, 38);
  g_assert_cmpuint (s->warnings->len, ==, 0);

  g_clear_object (&store);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *p = g_build_filename (dir, name, NULL);

        g_unlink (p);
      }
  }
  g_rmdir (dir);
}

static void
test_empty (void)
{
  g_autoptr(GwScheduleInput) input = new_input ();
  g_autoptr(GwSchedule) s = compute (input);

  g_assert_cmpuint (s->n_items, ==, 0);
  g_assert_cmpuint (s->n_active, ==, 0);
  g_assert_cmpfloat (s->makespan_hours, ==, 0);
  g_assert_cmpfloat (s->makespan_days, ==, 0);
  g_assert_cmpuint (s->n_critical_path, ==, 0);
  g_assert_cmpuint (s->weeks->n_periods, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/schedule/cpm", test_cpm);
  g_test_add_func ("/schedule/cpm-lag", test_cpm_lag);
  g_test_add_func ("/schedule/resource-conflict", test_resource_conflict);
  g_test_add_func ("/schedule/urgency", test_urgency);
  g_test_add_func ("/schedule/not-before", test_not_before);
  g_test_add_func ("/schedule/gates", test_gates);
  g_test_add_func ("/schedule/gate-conflict", test_gate_conflict);
  g_test_add_func ("/schedule/calendar", test_calendar);
  g_test_add_func ("/schedule/status", test_status);
  g_test_add_func ("/schedule/unlimited", test_unlimited);
  g_test_add_func ("/schedule/part-time-and-zero", test_part_time_and_zero);
  g_test_add_func ("/schedule/cycle", test_cycle);
  g_test_add_func ("/schedule/load", test_load);
  g_test_add_func ("/schedule/determinism", test_determinism);
  g_test_add_func ("/schedule/from-store", test_from_store);
  g_test_add_func ("/schedule/empty", test_empty);

  return g_test_run ();
}
