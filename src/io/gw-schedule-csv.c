/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "gw-schedule-csv.h"

/* Helpers */

static void
add_hours (GwCsvWriter *writer,
           double       hours)
{
  double rounded = round (hours * 100.0) / 100.0;

  gw_csv_writer_add_number (writer, rounded == 0 ? 0 : rounded);
}

static void
add_time (GwCsvWriter      *writer,
          const GwSchedule *s,
          double            hours,
          GwCalendarEdge    edge)
{
  char buf[GW_CALENDAR_TEXT_SIZE];

  gw_calendar_format (s->calendar, hours, edge, buf);
  gw_csv_writer_add_text (writer, buf);
}

static void
add_day (GwCsvWriter *writer,
         const GDate *date)
{
  char buf[16];

  if (!g_date_valid (date))
    {
      gw_csv_writer_add_text (writer, NULL);
      return;
    }
  g_snprintf (buf, sizeof buf, "%04u-%02u-%02u", (guint) g_date_get_year (date),
              (guint) g_date_get_month (date), (guint) g_date_get_day (date));
  gw_csv_writer_add_text (writer, buf);
}

/* The name written for a role: the items without an owner get none. */
static const char *
role_name (const GwSchedule *s,
           int               role)
{
  return s->roles[role].name ? s->roles[role].name : "";
}

/* Active items by start, then the done and deferred ones in register order. */
static guint *
rows_in_order (const GwSchedule *s)
{
  guint *rows = g_new (guint, MAX (s->n_items, 1));
  guint k = 0;

  for (guint j = 0; j < s->n_active; j++)
    rows[k++] = s->order[j];
  for (GwScheduleState state = GW_SCHEDULE_DONE; state <= GW_SCHEDULE_DEFERRED; state++)
    for (guint i = 0; i < s->n_items; i++)
      if (s->items[i].state == state)
        rows[k++] = i;
  g_assert (k == s->n_items);
  return rows;
}

/* The columns both tables share: start, finish, slack_hours, critical. */
static void
add_timing (GwCsvWriter           *writer,
            const GwSchedule      *s,
            const GwScheduleEntry *e)
{
  if (e->state != GW_SCHEDULE_ACTIVE)
    {
      for (int c = 0; c < 4; c++)
        gw_csv_writer_add_text (writer, NULL);
      return;
    }
  add_time (writer, s, e->start, GW_CALENDAR_START);
  add_time (writer, s, e->finish, GW_CALENDAR_FINISH);
  add_hours (writer, e->slack);
  gw_csv_writer_add_text (writer, e->critical ? "yes" : "no");
}

/* The person of a role with people, 1-based; none for the roles without
 * a limit, whose people are only counted. */
static void
add_person (GwCsvWriter           *writer,
            const GwSchedule      *s,
            const GwScheduleEntry *e)
{
  if (e->person >= 0 && s->roles[e->role].limited)
    gw_csv_writer_add_int (writer, e->person + 1);
  else
    gw_csv_writer_add_text (writer, NULL);
}

/* Public API */

/**
 * gw_schedule_csv_write_schedule:
 *
 * Writes the schedule of every item, the active ones by start:
 * key, start, finish, slack_hours, critical, owner, person (1-based within
 * a role with people; empty for the others), milestone, duration_hours,
 * start_hours, finish_hours (working hours since the start), state
 * (scheduled, done or deferred).
 */
void
gw_schedule_csv_write_schedule (GwCsvWriter      *writer,
                                const GwSchedule *s)
{
  static const char *const header[] = {
    "key", "start", "finish", "slack_hours", "critical", "owner", "person", "milestone",
    "duration_hours", "start_hours", "finish_hours", "state",
  };
  g_autofree guint *rows = NULL;

  g_return_if_fail (writer != NULL && s != NULL);

  for (guint c = 0; c < G_N_ELEMENTS (header); c++)
    gw_csv_writer_add_text (writer, header[c]);
  gw_csv_writer_end_row (writer);

  rows = rows_in_order (s);
  for (guint k = 0; k < s->n_items; k++)
    {
      const GwScheduleEntry *e = &s->items[rows[k]];
      gboolean active = e->state == GW_SCHEDULE_ACTIVE;

      gw_csv_writer_add_text (writer, s->keys[rows[k]]);
      add_timing (writer, s, e);
      gw_csv_writer_add_text (writer, role_name (s, e->role));
      add_person (writer, s, e);
      gw_csv_writer_add_text (writer, e->milestone >= 0 ? s->milestones[e->milestone].key : NULL);
      if (active)
        {
          add_hours (writer, e->duration);
          add_hours (writer, e->start);
          add_hours (writer, e->finish);
        }
      else
        for (int c = 0; c < 3; c++)
          gw_csv_writer_add_text (writer, NULL);
      gw_csv_writer_add_text (writer, e->state == GW_SCHEDULE_ACTIVE ? "scheduled" :
                                      e->state == GW_SCHEDULE_DONE ? "done" : "deferred");
      gw_csv_writer_end_row (writer);
    }
}

/**
 * gw_schedule_csv_write_roadmap:
 * @items: (element-type GwItem): the register's items the schedule was
 *   computed from (for their titles and fields)
 *
 * Writes the week-by-week roadmap, the active items by start:
 * key, title, priority, status, owner, person, milestone, effort_hours,
 * start, finish, slack_hours, critical, start_week, finish_week (weeks
 * counted from 1 for the week of the start date).
 */
void
gw_schedule_csv_write_roadmap (GwCsvWriter      *writer,
                               const GwSchedule *s,
                               GPtrArray        *items)
{
  static const char *const header[] = {
    "key", "title", "priority", "status", "owner", "person", "milestone", "effort_hours",
    "start", "finish", "slack_hours", "critical", "start_week", "finish_week",
  };
  g_autofree guint *rows = NULL;
  g_autofree GwItem **by_index = NULL;

  g_return_if_fail (writer != NULL && s != NULL && items != NULL);

  by_index = g_new0 (GwItem *, MAX (s->n_items, 1));
  for (guint i = 0; i < items->len; i++)
    {
      GwItem *item = g_ptr_array_index (items, i);
      int index = gw_schedule_lookup (s, gw_item_get_key (item));

      if (index >= 0)
        by_index[index] = item;
    }

  for (guint c = 0; c < G_N_ELEMENTS (header); c++)
    gw_csv_writer_add_text (writer, header[c]);
  gw_csv_writer_end_row (writer);

  rows = rows_in_order (s);
  for (guint k = 0; k < s->n_items; k++)
    {
      const GwScheduleEntry *e = &s->items[rows[k]];
      GwItem *item = by_index[rows[k]];

      if (item == NULL)
        continue;
      gw_csv_writer_add_text (writer, gw_item_get_key (item));
      gw_csv_writer_add_text (writer, gw_item_get_title (item));
      gw_csv_writer_add_text (writer, gw_priority_to_string (gw_item_get_priority (item)));
      gw_csv_writer_add_text (writer, gw_status_to_string (gw_item_get_status (item)));
      gw_csv_writer_add_text (writer, gw_item_get_owner (item));
      add_person (writer, s, e);
      gw_csv_writer_add_text (writer, gw_item_get_milestone (item));
      add_hours (writer, gw_item_get_effort_hours (item));
      add_timing (writer, s, e);
      if (e->state == GW_SCHEDULE_ACTIVE)
        {
          gw_csv_writer_add_int (writer, gw_calendar_week (s->calendar, e->start, GW_CALENDAR_START));
          gw_csv_writer_add_int (writer, gw_calendar_week (s->calendar, e->finish, GW_CALENDAR_FINISH));
        }
      else
        {
          gw_csv_writer_add_text (writer, NULL);
          gw_csv_writer_add_text (writer, NULL);
        }
      gw_csv_writer_end_row (writer);
    }
}

/**
 * gw_schedule_csv_write_resources:
 * @period: weeks, months or milestones
 *
 * Writes the resource requirements: per period and role with work
 * (period, first_day, last_day, role, headcount, hours, fte_weeks,
 * people), then one "Total" row per role: its hours over the whole
 * schedule, their full-time weeks and the most people busy in one period.
 * FTE weeks are hours over the role's hours per week; people are those
 * who work in the period (for a role without a limit, the most at once).
 */
void
gw_schedule_csv_write_resources (GwCsvWriter      *writer,
                                 const GwSchedule *s,
                                 GwSchedulePeriod  period)
{
  static const char *const header[] = {
    "period", "first_day", "last_day", "role", "headcount", "hours", "fte_weeks", "people",
  };
  g_autoptr(GwScheduleLoad) own = NULL;
  const GwScheduleLoad *load;
  GDate first, last;

  g_return_if_fail (writer != NULL && s != NULL);

  if (period == GW_SCHEDULE_PERIOD_WEEK)
    load = s->weeks;
  else
    load = own = gw_schedule_load_new (s, period);

  for (guint c = 0; c < G_N_ELEMENTS (header); c++)
    gw_csv_writer_add_text (writer, header[c]);
  gw_csv_writer_end_row (writer);

#define ROLE_ROW(label, first_day, last_day, r, hours, people) \
  G_STMT_START { \
    const GwScheduleRole *role_ = &s->roles[r]; \
    gw_csv_writer_add_text (writer, label); \
    add_day (writer, first_day); \
    add_day (writer, last_day); \
    gw_csv_writer_add_text (writer, role_name (s, (int) (r))); \
    if (role_->limited) \
      gw_csv_writer_add_int (writer, role_->headcount); \
    else \
      gw_csv_writer_add_text (writer, NULL); \
    add_hours (writer, hours); \
    add_hours (writer, role_->hours_per_week > 0 ? (hours) / role_->hours_per_week : 0); \
    gw_csv_writer_add_int (writer, people); \
    gw_csv_writer_end_row (writer); \
  } G_STMT_END

  for (guint k = 0; k < load->n_periods; k++)
    {
      const char *label = load->labels[k];

      if (period == GW_SCHEDULE_PERIOD_MILESTONE && *label == '\0')
        label = _("No milestone");
      for (guint r = 0; r < load->n_roles; r++)
        if (s->roles[r].n_items > 0)
          ROLE_ROW (label, &load->first_days[k], &load->last_days[k], r,
                    load->hours[k * load->n_roles + r], load->people[k * load->n_roles + r]);
    }

  gw_calendar_get_start_date (s->calendar, &first);
  gw_calendar_get_wall (s->calendar, s->makespan_hours, GW_CALENDAR_FINISH, &last, NULL);
  for (guint r = 0; r < load->n_roles; r++)
    if (s->roles[r].n_items > 0)
      ROLE_ROW (_("Total"), &first, &last, r, load->role_hours[r], load->peak_people[r]);
#undef ROLE_ROW
}

/**
 * gw_schedule_period_from_string:
 * @text: "week", "month" or "milestone"
 *
 * Returns: whether @text names a period
 */
gboolean
gw_schedule_period_from_string (const char       *text,
                                GwSchedulePeriod *period)
{
  static const char *const names[] = { "week", "month", "milestone" };

  g_return_val_if_fail (period != NULL, FALSE);

  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (text, names[i]) == 0)
      {
        *period = (GwSchedulePeriod) i;
        return TRUE;
      }
  return FALSE;
}
