/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "gw-gates.h"
#include "gw-scoring.h"

/* Go/no-go, readiness, the next-action queue and the top risks of a
 * register. The rules:
 *
 * Verdict (DESIGN.md, "Gate / Go-No-Go"): an entry that names an item is
 * done when the item's status is done (the entry's own tick does not
 * count); a criterion without an item is done when ticked. The verdict is
 * GO when every must is done and at least the should-threshold (a setting,
 * 80 % unless changed) of the shoulds are done; without shoulds the
 * threshold is met; nice-to-have entries never block.
 *
 * Readiness: per category and overall, done items of all items, and the
 * effort of the done items of the effort of all. Deferred items are out of
 * scope and left out.
 *
 * Next actions: the work that is left (items neither done nor deferred) in
 * three buckets, the first that fits:
 *   Immediate   the recommended action is IMMEDIATE, or the item is a P0
 *               whose dependencies are all done (a P0 that can start now);
 *   This month  the schedule starts it within GW_GATES_MONTH_DAYS days of
 *               today, or before today (it is late);
 *   Later       the rest, the items the schedule could not place included.
 * A dependency on a key the register lacks counts as not done. The hours
 * of a bucket are the effort hours of its items. Each bucket is ordered by
 * scheduled start, then priority, then key.
 *
 * Top risks: the open items the risk matrix places (those with an
 * implementation risk or a risk level), by likelihood cell x severity cell
 * of the matrix, then by likelihood % x impact, then key. */

#define MAX_NAMED 10

/* Helpers */

static GHashTable *
index_items (GPtrArray *items)
{
  GHashTable *by_key = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      GwItem *item = g_ptr_array_index (items, i);

      g_hash_table_insert (by_key, (gpointer) gw_item_get_key (item), item);
    }
  return by_key;
}

/* "57" or, when rounding would hide which side of @threshold it is on, "79.6". */
static char *
format_pct (double pct,
            double threshold)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  double shown = round (pct);

  if ((pct < threshold && shown >= threshold) || (pct >= threshold && shown < threshold))
    g_snprintf (buf, sizeof buf, "%.1f", floor (pct * 10) / 10);
  else
    g_snprintf (buf, sizeof buf, "%.0f", shown);
  return g_strdup (buf);
}

static char *
join_names (GPtrArray *names)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < names->len && i < MAX_NAMED; i++)
    {
      if (i > 0)
        g_string_append (text, ", ");
      g_string_append (text, g_ptr_array_index (names, i));
    }
  if (names->len > MAX_NAMED)
    {
      guint more = names->len - MAX_NAMED;

      /* Translators: after a list of keys cut short, "P0-001, …, P0-010 and 3 more" */
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, " and %u more", " and %u more", more), more);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
next_action_clear (GwNextAction *action)
{
  g_clear_object (&action->item);
}

static void
risk_rank_clear (GwRiskRank *rank)
{
  g_clear_object (&rank->item);
}

static int
compare_next_actions (gconstpointer a,
                      gconstpointer b)
{
  const GwNextAction *x = a, *y = b;
  gboolean xs = !isnan (x->start), ys = !isnan (y->start);
  GwPriority px, py;

  if (xs != ys)
    return xs ? -1 : 1;
  if (xs && x->start != y->start)
    return x->start < y->start ? -1 : 1;
  px = gw_item_get_priority (x->item);
  py = gw_item_get_priority (y->item);
  if (px != py)
    return px < py ? -1 : 1;
  return strcmp (gw_item_get_key (x->item), gw_item_get_key (y->item));
}

static double
risk_weight (GwItem *item)
{
  return gw_item_likelihood_pct (item) * gw_impact_score (item);
}

static int
compare_risks (gconstpointer a,
               gconstpointer b)
{
  const GwRiskRank *x = a, *y = b;
  double wx, wy;

  if (x->score != y->score)
    return x->score > y->score ? -1 : 1;
  wx = risk_weight (x->item);
  wy = risk_weight (y->item);
  if (wx != wy)
    return wx > wy ? -1 : 1;
  return strcmp (gw_item_get_key (x->item), gw_item_get_key (y->item));
}

/* Go/no-go */

/**
 * gw_gates_get_should_threshold:
 *
 * Returns: the share of shoulds, in %, that must be done for a GO: the
 *   register's "should_threshold" setting
 */
double
gw_gates_get_should_threshold (GwStore *store)
{
  double threshold;

  g_return_val_if_fail (GW_IS_STORE (store), GW_GATES_DEFAULT_SHOULD_THRESHOLD);

  threshold = gw_store_get_setting_double (store, "should_threshold");
  return isnan (threshold) ? GW_GATES_DEFAULT_SHOULD_THRESHOLD : CLAMP (threshold, 0, 100);
}

/**
 * gw_gates_entry_is_done:
 * @item: (nullable): the item @entry names, or %NULL when it names none or
 *   the register lacks it
 *
 * Returns: whether the entry counts as done: its item's status is done, or,
 *   for a criterion of its own, it is ticked
 */
gboolean
gw_gates_entry_is_done (const GwDecisionEntry *entry,
                        GwItem                *item)
{
  g_return_val_if_fail (entry != NULL, FALSE);

  if (entry->item_key != NULL)
    return item != NULL && gw_item_get_status (item) == GW_STATUS_DONE;
  return entry->done;
}

/**
 * gw_gates_entry_label:
 * @item: (nullable): the item @entry names
 *
 * Returns: what the entry says: its text, else its item's title
 */
const char *
gw_gates_entry_label (const GwDecisionEntry *entry,
                      GwItem                *item)
{
  g_return_val_if_fail (entry != NULL, "");

  if (entry->text != NULL && *entry->text != '\0')
    return entry->text;
  if (item != NULL)
    return gw_item_get_title (item);
  return entry->item_key ? entry->item_key : "";
}

/**
 * gw_verdict_new:
 * @entries: (element-type GwDecisionEntry): the go/no-go list
 * @items: (element-type GwItem): the register's items
 * @threshold: the share of shoulds, in %, a GO needs
 *
 * Returns: (transfer full): the verdict and what decides it
 */
GwVerdict *
gw_verdict_new (GPtrArray *entries,
                GPtrArray *items,
                double     threshold)
{
  g_autoptr(GHashTable) by_key = NULL;
  GwVerdict *v;

  g_return_val_if_fail (entries != NULL, NULL);

  by_key = index_items (items);
  v = g_new0 (GwVerdict, 1);
  v->threshold = isnan (threshold) ? GW_GATES_DEFAULT_SHOULD_THRESHOLD : CLAMP (threshold, 0, 100);
  v->open_musts = g_ptr_array_new_with_free_func (g_free);
  v->open_shoulds = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < entries->len; i++)
    {
      const GwDecisionEntry *entry = g_ptr_array_index (entries, i);
      GwItem *item = entry->item_key ? g_hash_table_lookup (by_key, entry->item_key) : NULL;
      gboolean done = gw_gates_entry_is_done (entry, item);
      guint level = MIN ((guint) entry->level, GW_N_GATE_LEVELS - 1);
      const char *name = entry->item_key ? entry->item_key : entry->text;

      v->n_total[level]++;
      if (done)
        v->n_done[level]++;
      else if (entry->level == GW_GATE_MUST)
        g_ptr_array_add (v->open_musts, g_strdup (name));
      else if (entry->level == GW_GATE_SHOULD)
        g_ptr_array_add (v->open_shoulds, g_strdup (name));
    }

  v->should_pct = v->n_total[GW_GATE_SHOULD] == 0
                  ? 100.0
                  : 100.0 * v->n_done[GW_GATE_SHOULD] / v->n_total[GW_GATE_SHOULD];
  /* Compared in whole entries, so that 4 of 5 meets 80 % exactly. */
  v->should_met = v->n_total[GW_GATE_SHOULD] == 0 ||
                  v->n_done[GW_GATE_SHOULD] * 100.0 >= v->threshold * v->n_total[GW_GATE_SHOULD] - 1e-9;
  v->go = v->open_musts->len == 0 && v->should_met;
  return v;
}

void
gw_verdict_free (GwVerdict *verdict)
{
  if (verdict == NULL)
    return;
  g_ptr_array_unref (verdict->open_musts);
  g_ptr_array_unref (verdict->open_shoulds);
  g_free (verdict);
}

/**
 * gw_verdict_get_word:
 *
 * Returns: "GO" or "NO-GO"
 */
const char *
gw_verdict_get_word (const GwVerdict *verdict)
{
  g_return_val_if_fail (verdict != NULL, "");

  return verdict->go ? C_("verdict", "GO") : C_("verdict", "NO-GO");
}

/**
 * gw_verdict_describe:
 *
 * Returns: (transfer full): what decides the verdict, as "2 musts not
 *   done: P0-005, P0-006; shoulds 4 of 7 done = 57 % < 80 %"
 */
char *
gw_verdict_describe (const GwVerdict *v)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint musts = v ? v->n_total[GW_GATE_MUST] : 0;
  guint shoulds = v ? v->n_total[GW_GATE_SHOULD] : 0;

  g_return_val_if_fail (v != NULL, NULL);

  /* GO by the rules, but nothing decides it yet: say so. */
  if (musts == 0 && shoulds == 0 && v->n_total[GW_GATE_NICE] == 0)
    return g_strdup (_("The go/no-go list is empty: add musts and shoulds to decide"));

  if (v->open_musts->len > 0)
    {
      g_autofree char *names = join_names (v->open_musts);
      guint n = v->open_musts->len;

      /* Translators: "2 musts not done: P0-005, P0-006" */
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u must not done: %s", "%u musts not done: %s", n),
                              n, names);
    }
  else if (musts > 0)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "The must is done", "All %u musts done", musts), musts);
  else
    g_string_append (text, _("No musts"));

  g_string_append (text, "; ");
  if (shoulds == 0)
    g_string_append (text, _("no shoulds"));
  else
    {
      g_autofree char *pct = format_pct (v->should_pct, v->threshold);
      g_autofree char *threshold = format_pct (v->threshold, v->threshold);

      if (v->should_met)
        /* Translators: "shoulds 6 of 7 done = 86 % ≥ 80 %" */
        g_string_append_printf (text, _("shoulds %u of %u done = %s %% ≥ %s %%"),
                                v->n_done[GW_GATE_SHOULD], shoulds, pct, threshold);
      else
        /* Translators: "shoulds 4 of 7 done = 57 % < 80 %" */
        g_string_append_printf (text, _("shoulds %u of %u done = %s %% < %s %%"),
                                v->n_done[GW_GATE_SHOULD], shoulds, pct, threshold);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Readiness */

/**
 * gw_readiness_new:
 * @items: (element-type GwItem): the register's items
 *
 * Returns: (transfer full): done and total items and hours per category
 *   and overall, deferred items left out
 */
GwReadiness *
gw_readiness_new (GPtrArray *items)
{
  g_autoptr(GHashTable) rows = g_hash_table_new (g_str_hash, g_str_equal);
  GwReadiness *r;

  g_return_val_if_fail (items != NULL, NULL);

  r = g_new0 (GwReadiness, 1);
  r->categories = g_array_new (FALSE, TRUE, sizeof (GwReadinessRow));

  for (guint i = 0; i < items->len; i++)
    {
      GwItem *item = g_ptr_array_index (items, i);
      const char *category = gw_item_get_category (item);
      GwStatus status = gw_item_get_status (item);
      double hours = gw_item_get_effort_hours (item);
      gpointer index;
      GwReadinessRow *row;

      if (status == GW_STATUS_DEFERRED)
        continue;
      if (category == NULL)
        category = "";
      if (isnan (hours) || hours < 0)
        hours = 0;
      if (!g_hash_table_lookup_extended (rows, category, NULL, &index))
        {
          GwReadinessRow fresh = { .category = g_strdup (category) };

          g_array_append_val (r->categories, fresh);
          index = GUINT_TO_POINTER (r->categories->len);
          g_hash_table_insert (rows, fresh.category, index);
        }
      row = &g_array_index (r->categories, GwReadinessRow, GPOINTER_TO_UINT (index) - 1);
      row->n_items++;
      row->hours += hours;
      r->overall.n_items++;
      r->overall.hours += hours;
      if (status == GW_STATUS_DONE)
        {
          row->n_done++;
          row->hours_done += hours;
          r->overall.n_done++;
          r->overall.hours_done += hours;
        }
    }
  return r;
}

void
gw_readiness_free (GwReadiness *readiness)
{
  if (readiness == NULL)
    return;
  for (guint i = 0; i < readiness->categories->len; i++)
    g_free (g_array_index (readiness->categories, GwReadinessRow, i).category);
  g_array_unref (readiness->categories);
  g_free (readiness->overall.category);
  g_free (readiness);
}

/**
 * gw_readiness_row_pct:
 *
 * Returns: the share of the row's items that are done, in %; 0 without items
 */
double
gw_readiness_row_pct (const GwReadinessRow *row)
{
  g_return_val_if_fail (row != NULL, 0);
  return row->n_items > 0 ? 100.0 * row->n_done / row->n_items : 0;
}

/* Next actions */

/**
 * gw_next_actions_new:
 * @items: (element-type GwItem): the register's items
 * @schedule: (nullable): their schedule; without one nothing is "this month"
 * @today: the day "the next 30 days" count from
 *
 * Returns: (transfer full): the work that is left in its buckets (see the
 *   rules at the top of gw-gates.c)
 */
GwNextActions *
gw_next_actions_new (GPtrArray        *items,
                     const GwSchedule *schedule,
                     const GDate      *today)
{
  g_autoptr(GHashTable) by_key = NULL;
  GwNextActions *next;
  GDate horizon;

  g_return_val_if_fail (items != NULL, NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  by_key = index_items (items);
  horizon = *today;
  g_date_add_days (&horizon, GW_GATES_MONTH_DAYS);

  next = g_new0 (GwNextActions, 1);
  for (guint b = 0; b < GW_N_NEXT_BUCKETS; b++)
    {
      next->actions[b] = g_array_new (FALSE, TRUE, sizeof (GwNextAction));
      g_array_set_clear_func (next->actions[b], (GDestroyNotify) next_action_clear);
    }

  for (guint i = 0; i < items->len; i++)
    {
      GwItem *item = g_ptr_array_index (items, i);
      GwStatus status = gw_item_get_status (item);
      GwNextAction action = { .start = NAN };
      GwNextBucket bucket = GW_NEXT_LATER;
      gboolean ready = TRUE;
      GPtrArray *deps;
      double hours;
      int index;

      if (status == GW_STATUS_DONE || status == GW_STATUS_DEFERRED)
        continue;

      g_date_clear (&action.start_date, 1);
      index = schedule ? gw_schedule_lookup (schedule, gw_item_get_key (item)) : -1;
      if (index >= 0 && schedule->items[index].state == GW_SCHEDULE_ACTIVE)
        {
          action.start = schedule->items[index].start;
          gw_calendar_get_wall (schedule->calendar, action.start, GW_CALENDAR_START, &action.start_date, NULL);
        }

      deps = gw_item_get_depends_on (item);
      for (guint d = 0; deps != NULL && d < deps->len && ready; d++)
        {
          GwDependency *dep = g_ptr_array_index (deps, d);
          GwItem *other = g_hash_table_lookup (by_key, dep->key);

          ready = other != NULL && gw_item_get_status (other) == GW_STATUS_DONE;
        }

      if (gw_item_get_action (item) == GW_ACTION_IMMEDIATE ||
          (gw_item_get_priority (item) == GW_PRIORITY_P0 && ready))
        bucket = GW_NEXT_IMMEDIATE;
      else if (g_date_valid (&action.start_date) && g_date_compare (&action.start_date, &horizon) <= 0)
        bucket = GW_NEXT_THIS_MONTH;

      action.item = g_object_ref (item);
      g_array_append_val (next->actions[bucket], action);
      hours = gw_item_get_effort_hours (item);
      if (!isnan (hours) && hours > 0)
        next->hours[bucket] += hours;
    }

  for (guint b = 0; b < GW_N_NEXT_BUCKETS; b++)
    g_array_sort (next->actions[b], compare_next_actions);
  return next;
}

void
gw_next_actions_free (GwNextActions *actions)
{
  if (actions == NULL)
    return;
  for (guint b = 0; b < GW_N_NEXT_BUCKETS; b++)
    g_array_unref (actions->actions[b]);
  g_free (actions);
}

const char *
gw_next_bucket_to_label (GwNextBucket bucket)
{
  switch (bucket)
    {
    case GW_NEXT_IMMEDIATE:
      return _("Immediate");
    case GW_NEXT_THIS_MONTH:
      return _("This month");
    case GW_NEXT_LATER:
      return _("Later");
    default:
      g_return_val_if_reached ("");
    }
}

/* Top risks */

/**
 * gw_gates_top_risks:
 * @items: (element-type GwItem): the register's items
 * @cells: cells a side of the risk matrix (3 or 5)
 * @max: how many to return at most
 *
 * Returns: (transfer full) (element-type GwRiskRank): the open items with
 *   the highest likelihood x severity, highest first
 */
GArray *
gw_gates_top_risks (GPtrArray *items,
                    int        cells,
                    guint      max)
{
  GArray *ranks = g_array_new (FALSE, TRUE, sizeof (GwRiskRank));

  g_array_set_clear_func (ranks, (GDestroyNotify) risk_rank_clear);
  g_return_val_if_fail (items != NULL, ranks);

  if (cells < 2)
    cells = 5;
  for (guint i = 0; i < items->len; i++)
    {
      GwItem *item = g_ptr_array_index (items, i);
      GwStatus status = gw_item_get_status (item);
      double likelihood = gw_item_likelihood_pct (item);
      GwRiskRank rank;

      if (status == GW_STATUS_DONE || status == GW_STATUS_DEFERRED || isnan (likelihood))
        continue;
      rank.item = g_object_ref (item);
      rank.likelihood = gw_risk_cell_for_pct (likelihood, cells);
      rank.severity = gw_risk_cell_for_pct (gw_impact_score (item), cells);
      rank.score = (rank.likelihood + 1) * (rank.severity + 1);
      g_array_append_val (ranks, rank);
    }
  g_array_sort (ranks, compare_risks);
  if (ranks->len > max)
    g_array_set_size (ranks, max);
  return ranks;
}

/* Milestones */

/**
 * gw_gates_milestone_dates:
 *
 * Returns: whether the schedule has work in the milestone @key; then
 *   @start and @finish are the days its first item starts and its last
 *   finishes
 */
gboolean
gw_gates_milestone_dates (const GwSchedule *schedule,
                          const char       *key,
                          GDate            *start,
                          GDate            *finish)
{
  g_return_val_if_fail (schedule != NULL && key != NULL, FALSE);

  for (guint m = 0; m < schedule->n_milestones; m++)
    {
      const GwScheduleMilestone *ms = &schedule->milestones[m];

      if (g_strcmp0 (ms->key, key) != 0 || isnan (ms->start))
        continue;
      if (start != NULL)
        gw_calendar_get_wall (schedule->calendar, ms->start, GW_CALENDAR_START, start, NULL);
      if (finish != NULL)
        gw_calendar_get_wall (schedule->calendar, ms->finish, GW_CALENDAR_FINISH, finish, NULL);
      return TRUE;
    }
  return FALSE;
}
