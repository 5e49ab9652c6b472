/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The go/no-go verdict, readiness, the next-action queue and the top
 * risks, as the Gates page and the stakeholder report show them. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "gw-gates.h"

/* Helpers */

static GwItem *
make_item (const char *key,
           const char *status,
           const char *priority)
{
  GwItem *item = gw_item_new (key, key);
  g_autoptr(GError) error = NULL;

  gw_item_set_field_text (item, GW_FIELD_STATUS, status, NULL, &error);
  g_assert_no_error (error);
  gw_item_set_field_text (item, GW_FIELD_PRIORITY, priority, NULL, &error);
  g_assert_no_error (error);
  return item;
}

static void
set_field (GwItem     *item,
           GwField     field,
           const char *value)
{
  g_autoptr(GError) error = NULL;

  gw_item_set_field_text (item, field, value, NULL, &error);
  g_assert_no_error (error);
}

/* Items "M1".."Mn" (musts), "S1".."Sn" (shoulds), "N1".."Nn" (nice), the
 * first @*_done of each done, and their go/no-go entries. */
typedef struct
{
  GPtrArray *items;
  GPtrArray *entries;
} Decision;

static void
decision_init (Decision *d,
               guint     musts,
               guint     musts_done,
               guint     shoulds,
               guint     shoulds_done,
               guint     nice,
               guint     nice_done)
{
  const struct { const char *prefix; GwGateLevel level; guint n, done; } levels[] = {
    { "MUST-", GW_GATE_MUST, musts, musts_done },
    { "SHOULD-", GW_GATE_SHOULD, shoulds, shoulds_done },
    { "NICE-", GW_GATE_NICE, nice, nice_done },
  };

  d->items = g_ptr_array_new_with_free_func (g_object_unref);
  d->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_decision_entry_free);
  for (guint l = 0; l < G_N_ELEMENTS (levels); l++)
    for (guint i = 0; i < levels[l].n; i++)
      {
        g_autofree char *key = g_strdup_printf ("%s%u", levels[l].prefix, i + 1);

        g_ptr_array_add (d->items, make_item (key, i < levels[l].done ? "done" : "todo", "P0"));
        g_ptr_array_add (d->entries, gw_decision_entry_new (levels[l].level, key, NULL, FALSE));
      }
}

static void
decision_clear (Decision *d)
{
  g_clear_pointer (&d->items, g_ptr_array_unref);
  g_clear_pointer (&d->entries, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Decision, decision_clear)

static GwItem *
find (GPtrArray  *items,
      const char *key)
{
  for (guint i = 0; i < items->len; i++)
    if (g_str_equal (gw_item_get_key (g_ptr_array_index (items, i)), key))
      return g_ptr_array_index (items, i);
  g_assert_not_reached ();
  return NULL;
}

/* Verdict */

static void
test_verdict_go (void)
{
  g_auto(Decision) d = { 0 };
  g_autoptr(GwVerdict) v = NULL;
  g_autofree char *why = NULL;

  /* every must, 4 of 5 shoulds = 80 % exactly, no nice one */
  decision_init (&d, 3, 3, 5, 4, 2, 0);
  v = gw_verdict_new (d.entries, d.items, 80);
  g_assert_true (v->go);
  g_assert_true (v->should_met);
  g_assert_cmpfloat (v->should_pct, ==, 80);
  g_assert_cmpuint (v->n_total[GW_GATE_MUST], ==, 3);
  g_assert_cmpuint (v->n_done[GW_GATE_SHOULD], ==, 4);
  g_assert_cmpuint (v->open_musts->len, ==, 0);
  g_assert_cmpstr (gw_verdict_get_word (v), ==, "GO");
  why = gw_verdict_describe (v);
  g_assert_cmpstr (why, ==, "All 3 musts done; shoulds 4 of 5 done = 80 % ≥ 80 %");
}

static void
test_verdict_must_missing (void)
{
  g_auto(Decision) d = { 0 };
  g_autoptr(GwVerdict) v = NULL;
  g_autofree char *why = NULL;

  decision_init (&d, 3, 2, 5, 5, 0, 0);
  v = gw_verdict_new (d.entries, d.items, 80);
  g_assert_false (v->go);
  g_assert_true (v->should_met);
  g_assert_cmpuint (v->open_musts->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (v->open_musts, 0), ==, "MUST-3");
  g_assert_cmpstr (gw_verdict_get_word (v), ==, "NO-GO");
  why = gw_verdict_describe (v);
  g_assert_cmpstr (why, ==, "1 must not done: MUST-3; shoulds 5 of 5 done = 100 % ≥ 80 %");
}

/* The example of the issue: two musts open, 4 of 7 shoulds. */
static void
test_verdict_blockers_sentence (void)
{
  g_auto(Decision) d = { 0 };
  g_autoptr(GwVerdict) v = NULL;
  g_autofree char *why = NULL;

  decision_init (&d, 6, 4, 7, 4, 1, 0);
  gw_item_set_key (find (d.items, "MUST-5"), "P0-005");
  gw_item_set_key (find (d.items, "MUST-6"), "P0-006");
  g_free (((GwDecisionEntry *) g_ptr_array_index (d.entries, 4))->item_key);
  ((GwDecisionEntry *) g_ptr_array_index (d.entries, 4))->item_key = g_strdup ("P0-005");
  g_free (((GwDecisionEntry *) g_ptr_array_index (d.entries, 5))->item_key);
  ((GwDecisionEntry *) g_ptr_array_index (d.entries, 5))->item_key = g_strdup ("P0-006");

  v = gw_verdict_new (d.entries, d.items, 80);
  g_assert_false (v->go);
  g_assert_false (v->should_met);
  why = gw_verdict_describe (v);
  g_assert_cmpstr (why, ==, "2 musts not done: P0-005, P0-006; shoulds 4 of 7 done = 57 % < 80 %");
}

static void
test_verdict_threshold_flips (void)
{
  g_auto(Decision) d = { 0 };

  decision_init (&d, 1, 1, 5, 4, 0, 0);
  {
    g_autoptr(GwVerdict) v = gw_verdict_new (d.entries, d.items, 80);

    g_assert_true (v->go);
  }
  {
    g_autoptr(GwVerdict) v = gw_verdict_new (d.entries, d.items, 85);
    g_autofree char *why = gw_verdict_describe (v);

    g_assert_false (v->go);
    g_assert_cmpuint (v->open_musts->len, ==, 0);
    g_assert_cmpuint (v->open_shoulds->len, ==, 1);
    g_assert_cmpstr (why, ==, "The must is done; shoulds 4 of 5 done = 80 % < 85 %");
  }
  {
    g_autoptr(GwVerdict) v = gw_verdict_new (d.entries, d.items, 0);

    g_assert_true (v->go);
  }
  /* Rounding never hides the side of the threshold: 79.x % is not "80 % < 80 %". */
  {
    g_auto(Decision) many = { 0 };
    g_autoptr(GwVerdict) v = NULL;
    g_autofree char *why = NULL;

    decision_init (&many, 0, 0, 199, 159, 0, 0);
    v = gw_verdict_new (many.entries, many.items, 80);
    why = gw_verdict_describe (v);
    g_assert_false (v->go);
    g_assert_cmpstr (why, ==, "No musts; shoulds 159 of 199 done = 79.8 % < 80 %");
  }
}

static void
test_verdict_nice_never_blocks (void)
{
  g_auto(Decision) d = { 0 };
  g_autoptr(GwVerdict) v = NULL;

  decision_init (&d, 2, 2, 0, 0, 4, 0);
  v = gw_verdict_new (d.entries, d.items, 80);
  g_assert_true (v->go);
  g_assert_cmpuint (v->n_total[GW_GATE_NICE], ==, 4);
  g_assert_cmpuint (v->n_done[GW_GATE_NICE], ==, 0);
  /* no shoulds: the threshold is met */
  g_assert_true (v->should_met);
  g_assert_cmpfloat (v->should_pct, ==, 100);
  {
    g_autofree char *why = gw_verdict_describe (v);

    g_assert_cmpstr (why, ==, "All 2 musts done; no shoulds");
  }
}

/* No entries at all: GO by the rules, and the reason says the list is empty. */
static void
test_verdict_empty (void)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_decision_entry_free);
  g_autoptr(GwVerdict) v = gw_verdict_new (entries, NULL, 80);
  g_autofree char *why = gw_verdict_describe (v);

  g_assert_true (v->go);
  g_assert_cmpstr (why, ==, "The go/no-go list is empty: add musts and shoulds to decide");
}

static void
test_verdict_entries (void)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_decision_entry_free);
  g_autoptr(GwVerdict) v = NULL;

  g_ptr_array_add (items, make_item ("P0-001", "in-progress", "P0"));
  /* an item's entry follows the item, not its own tick */
  g_ptr_array_add (entries, gw_decision_entry_new (GW_GATE_MUST, "P0-001", "Keys rotated", TRUE));
  /* a criterion counts its tick */
  g_ptr_array_add (entries, gw_decision_entry_new (GW_GATE_MUST, NULL, "Security review signed off", TRUE));
  g_ptr_array_add (entries, gw_decision_entry_new (GW_GATE_MUST, NULL, "Legal approval", FALSE));
  /* an item the register lacks is not done */
  g_ptr_array_add (entries, gw_decision_entry_new (GW_GATE_MUST, "P9-999", NULL, TRUE));

  v = gw_verdict_new (entries, items, 80);
  g_assert_false (v->go);
  g_assert_cmpuint (v->n_done[GW_GATE_MUST], ==, 1);
  g_assert_cmpuint (v->open_musts->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (v->open_musts, 0), ==, "P0-001");
  g_assert_cmpstr (g_ptr_array_index (v->open_musts, 1), ==, "Legal approval");
  g_assert_cmpstr (g_ptr_array_index (v->open_musts, 2), ==, "P9-999");

  g_assert_cmpstr (gw_gates_entry_label (g_ptr_array_index (entries, 0), g_ptr_array_index (items, 0)), ==,
                   "Keys rotated");
  gw_item_set_status (g_ptr_array_index (items, 0), GW_STATUS_DONE);
  g_assert_true (gw_gates_entry_is_done (g_ptr_array_index (entries, 0), g_ptr_array_index (items, 0)));

  /* many open musts are named up to ten */
  {
    g_auto(Decision) d = { 0 };
    g_autoptr(GwVerdict) many = NULL;
    g_autofree char *why = NULL;

    decision_init (&d, 13, 0, 0, 0, 0, 0);
    many = gw_verdict_new (d.entries, d.items, 80);
    why = gw_verdict_describe (many);
    g_assert_true (g_str_has_prefix (why, "13 musts not done: MUST-1, MUST-2, "));
    g_assert_nonnull (strstr (why, "MUST-10 and 3 more; no shoulds"));
  }
}

static void
test_threshold_setting (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GwStore) store = gw_store_open (":memory:", GW_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  g_assert_cmpfloat (gw_gates_get_should_threshold (store), ==, 80);
  g_assert_true (gw_store_set_setting (store, "should_threshold", "75", &error));
  g_assert_cmpfloat (gw_gates_get_should_threshold (store), ==, 75);
}

/* Readiness */

static void
test_readiness (void)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GwReadiness) r = NULL;
  const struct { const char *key, *category, *status, *effort; } rows[] = {
    { "A", "Security", "done", "4" },
    { "B", "Security", "todo", "12" },
    { "C", "Database", "done", "8" },
    { "D", "", "in-progress", "2" },
    { "E", "Security", "deferred", "40" },   /* out of scope */
    { "F", "Database", "done", "0" },
  };
  const GwReadinessRow *row;

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      GwItem *item = make_item (rows[i].key, rows[i].status, "P1");

      set_field (item, GW_FIELD_CATEGORY, rows[i].category);
      set_field (item, GW_FIELD_EFFORT_HOURS, rows[i].effort);
      g_ptr_array_add (items, item);
    }
  r = gw_readiness_new (items);
  g_assert_cmpuint (r->overall.n_items, ==, 5);
  g_assert_cmpuint (r->overall.n_done, ==, 3);
  g_assert_cmpfloat (r->overall.hours, ==, 26);
  g_assert_cmpfloat (r->overall.hours_done, ==, 12);
  g_assert_cmpfloat (gw_readiness_row_pct (&r->overall), ==, 60);

  g_assert_cmpuint (r->categories->len, ==, 3);
  row = &g_array_index (r->categories, GwReadinessRow, 0);
  g_assert_cmpstr (row->category, ==, "Security");
  g_assert_cmpuint (row->n_items, ==, 2);
  g_assert_cmpuint (row->n_done, ==, 1);
  g_assert_cmpfloat (row->hours, ==, 16);
  g_assert_cmpfloat (row->hours_done, ==, 4);
  row = &g_array_index (r->categories, GwReadinessRow, 1);
  g_assert_cmpstr (row->category, ==, "Database");
  g_assert_cmpuint (row->n_done, ==, 2);
  g_assert_cmpfloat (gw_readiness_row_pct (row), ==, 100);
  row = &g_array_index (r->categories, GwReadinessRow, 2);
  g_assert_cmpstr (row->category, ==, "");
  g_assert_cmpuint (row->n_items, ==, 1);
}

/* Next actions */

static void
assert_bucket (GwNextActions *next,
               GwNextBucket   bucket,
               const char    *keys)
{
  g_autoptr(GString) got = g_string_new (NULL);
  GArray *actions = next->actions[bucket];

  for (guint i = 0; i < actions->len; i++)
    g_string_append_printf (got, "%s%s", i ? " " : "", gw_item_get_key (g_array_index (actions, GwNextAction, i).item));
  g_assert_cmpstr (got->str, ==, keys);
}

static void
test_next_actions (void)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) roles = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_role_free);
  g_autoptr(GPtrArray) milestones = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_milestone_free);
  g_autoptr(GwCalendar) calendar = NULL;
  g_autoptr(GwScheduleInput) input = NULL;
  g_autoptr(GwSchedule) schedule = NULL;
  g_autoptr(GwNextActions) next = NULL;
  g_autoptr(GError) error = NULL;
  GwItem *it;
  GDate today;
  /* key, status, priority, effort, depends on, action */
  const struct { const char *key, *status, *priority, *effort, *deps, *action; } rows[] = {
    { "IMM", "todo", "P2", "8", "LONG", "IMMEDIATE" },  /* IMMEDIATE wins over waiting */
    { "P0-READY", "todo", "P0", "8", "", "" },           /* a P0 with nothing to wait for */
    { "P0-AFTER-DONE", "blocked", "P0", "4", "DONE", "" }, /* waits only for a done item */
    { "P0-WAITS", "todo", "P0", "8", "P1-SOON", "" },   /* a P0 that waits: by its start */
    { "P1-SOON", "todo", "P1", "16", "", "" },           /* starts at once */
    { "LONG", "in-progress", "P2", "200", "", "" },      /* 25 working days */
    { "LATE", "todo", "P1", "8", "LONG", "" },           /* starts after LONG: day 36 */
    { "DONE", "done", "P0", "8", "", "" },
    { "DEFERRED", "deferred", "P0", "8", "", "" },
    { "GHOST-DEP", "todo", "P0", "2", "NOWHERE", "" },   /* an unknown key is not done */
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      it = make_item (rows[i].key, rows[i].status, rows[i].priority);
      set_field (it, GW_FIELD_EFFORT_HOURS, rows[i].effort);
      set_field (it, GW_FIELD_ACTION, rows[i].action);
      set_field (it, GW_FIELD_OWNER, "dev");
      if (*rows[i].deps != '\0')
        gw_item_add_dependency_unchecked (it, rows[i].deps, 0);
      g_ptr_array_add (items, it);
    }
  {
    GwRole *role = gw_role_new ("dev");

    role->headcount = 4;
    g_ptr_array_add (roles, role);
  }
  /* Monday 2027-01-04 */
  calendar = gw_calendar_new_from_settings ("2027-01-04", "1,2,3,4,5", "8", "09:00", "", &error);
  g_assert_no_error (error);
  input = gw_schedule_input_new_from_items (calendar, items, roles, milestones);
  schedule = gw_schedule_compute (input, &error);
  g_assert_no_error (error);

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 4, G_DATE_JANUARY, 2027);
  next = gw_next_actions_new (items, schedule, &today);

  assert_bucket (next, GW_NEXT_IMMEDIATE, "P0-AFTER-DONE P0-READY IMM");
  assert_bucket (next, GW_NEXT_THIS_MONTH, "GHOST-DEP P1-SOON LONG P0-WAITS");
  assert_bucket (next, GW_NEXT_LATER, "LATE");
  g_assert_cmpfloat (next->hours[GW_NEXT_IMMEDIATE], ==, 20);
  g_assert_cmpfloat (next->hours[GW_NEXT_THIS_MONTH], ==, 226);
  g_assert_cmpfloat (next->hours[GW_NEXT_LATER], ==, 8);

  /* the start day of LATE: 25 working days after Monday 4 January */
  {
    const GwNextAction *late = &g_array_index (next->actions[GW_NEXT_LATER], GwNextAction, 0);

    g_assert_true (g_date_valid (&late->start_date));
    g_assert_cmpint (g_date_get_day (&late->start_date), ==, 8);
    g_assert_cmpint (g_date_get_month (&late->start_date), ==, G_DATE_FEBRUARY);
  }

  /* A month later everything scheduled is due: LATE moves up. */
  {
    g_autoptr(GwNextActions) later = NULL;

    g_date_add_days (&today, 20);
    later = gw_next_actions_new (items, schedule, &today);
    assert_bucket (later, GW_NEXT_THIS_MONTH, "GHOST-DEP P1-SOON LONG P0-WAITS LATE");
    assert_bucket (later, GW_NEXT_LATER, "");
  }

  /* Without a schedule, what is not immediate is later. */
  {
    g_autoptr(GwNextActions) unscheduled = gw_next_actions_new (items, NULL, &today);

    assert_bucket (unscheduled, GW_NEXT_IMMEDIATE, "P0-AFTER-DONE P0-READY IMM");
    assert_bucket (unscheduled, GW_NEXT_THIS_MONTH, "");
    assert_bucket (unscheduled, GW_NEXT_LATER, "GHOST-DEP P0-WAITS LATE P1-SOON LONG");
  }
}

/* Top risks and milestone dates */

static void
test_top_risks (void)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) top = NULL;
  const struct { const char *key, *status, *risk_pct, *risk, *impact; } rows[] = {
    { "LOW", "todo", "10", "", "20" },
    { "HIGH", "todo", "90", "", "95" },
    { "MID", "todo", "", "medium", "60" },
    { "DONE", "done", "95", "", "95" },      /* done: no longer a risk */
    { "UNRATED", "todo", "", "", "90" },     /* not on the matrix */
    { "HIGH2", "todo", "85", "", "90" },     /* same cell as HIGH, a little less */
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      GwItem *it = make_item (rows[i].key, rows[i].status, "P1");

      set_field (it, GW_FIELD_IMPL_RISK_PCT, rows[i].risk_pct);
      set_field (it, GW_FIELD_RISK, rows[i].risk);
      set_field (it, GW_FIELD_IMPACT, rows[i].impact);
      g_ptr_array_add (items, it);
    }
  top = gw_gates_top_risks (items, 5, 3);
  g_assert_cmpuint (top->len, ==, 3);
  g_assert_cmpstr (gw_item_get_key (g_array_index (top, GwRiskRank, 0).item), ==, "HIGH");
  g_assert_cmpint (g_array_index (top, GwRiskRank, 0).score, ==, 25);
  g_assert_cmpstr (gw_item_get_key (g_array_index (top, GwRiskRank, 1).item), ==, "HIGH2");
  g_assert_cmpstr (gw_item_get_key (g_array_index (top, GwRiskRank, 2).item), ==, "MID");
  g_assert_cmpint (g_array_index (top, GwRiskRank, 2).likelihood, ==, 2);
  g_assert_cmpint (g_array_index (top, GwRiskRank, 2).severity, ==, 3);
}

static void
test_milestone_dates (void)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) roles = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_role_free);
  g_autoptr(GPtrArray) milestones = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_milestone_free);
  g_autoptr(GwCalendar) calendar = NULL;
  g_autoptr(GwScheduleInput) input = NULL;
  g_autoptr(GwSchedule) schedule = NULL;
  g_autoptr(GError) error = NULL;
  GwMilestone *m2;
  GDate start, finish;
  GwItem *it;

  g_ptr_array_add (milestones, gw_milestone_new ("M1", "First"));
  m2 = gw_milestone_new ("M2", "Second");
  m2->requires = g_strdup ("M1");
  g_ptr_array_add (milestones, m2);
  g_ptr_array_add (milestones, gw_milestone_new ("M3", "Empty"));
  it = make_item ("A", "todo", "P1");
  set_field (it, GW_FIELD_EFFORT_HOURS, "16");
  set_field (it, GW_FIELD_MILESTONE, "M1");
  g_ptr_array_add (items, it);
  it = make_item ("B", "todo", "P1");
  set_field (it, GW_FIELD_EFFORT_HOURS, "8");
  set_field (it, GW_FIELD_MILESTONE, "M2");
  g_ptr_array_add (items, it);

  calendar = gw_calendar_new_from_settings ("2027-01-04", "1,2,3,4,5", "8", "09:00", "", &error);
  g_assert_no_error (error);
  input = gw_schedule_input_new_from_items (calendar, items, roles, milestones);
  schedule = gw_schedule_compute (input, &error);
  g_assert_no_error (error);

  g_assert_true (gw_gates_milestone_dates (schedule, "M1", &start, &finish));
  g_assert_cmpint (g_date_get_day (&start), ==, 4);
  g_assert_cmpint (g_date_get_day (&finish), ==, 5);
  /* M2 waits for the gate of M1 */
  g_assert_true (gw_gates_milestone_dates (schedule, "M2", &start, &finish));
  g_assert_cmpint (g_date_get_day (&start), ==, 6);
  g_assert_cmpint (g_date_get_day (&finish), ==, 6);
  g_assert_false (gw_gates_milestone_dates (schedule, "M3", &start, &finish));
  g_assert_false (gw_gates_milestone_dates (schedule, "M9", NULL, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gates/verdict/go", test_verdict_go);
  g_test_add_func ("/gates/verdict/must-missing", test_verdict_must_missing);
  g_test_add_func ("/gates/verdict/blockers-sentence", test_verdict_blockers_sentence);
  g_test_add_func ("/gates/verdict/threshold-flips", test_verdict_threshold_flips);
  g_test_add_func ("/gates/verdict/nice-never-blocks", test_verdict_nice_never_blocks);
  g_test_add_func ("/gates/verdict/entries", test_verdict_entries);
  g_test_add_func ("/gates/verdict/empty", test_verdict_empty);
  g_test_add_func ("/gates/verdict/threshold-setting", test_threshold_setting);
  g_test_add_func ("/gates/readiness", test_readiness);
  g_test_add_func ("/gates/next-actions", test_next_actions);
  g_test_add_func ("/gates/top-risks", test_top_risks);
  g_test_add_func ("/gates/milestone-dates", test_milestone_dates);

  return g_test_run ();
}
