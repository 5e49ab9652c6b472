/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The Gantt chart: its structure and API; a frame is drawn in
 * gw-gantt-draw.c. gw_gantt_chart_new() does what depends only on the
 * schedule (each item's place on the calendar in days, the milestone
 * groups, the dependency edges), so it can run in a worker thread; the
 * rows follow from the collapsed groups. A frame lays out and draws only
 * the rows and the days inside the viewport: bars and labels of the rows
 * shown, the time scale's cells of the days shown, and the arrows that
 * cross the viewport, found by one pass over the edges with arithmetic
 * only. Text is shaped once and kept for the rows and cells seen. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "gw-gantt-private.h"

static const char *zoom_names[GW_GANTT_N_ZOOMS] = { "day", "week", "month", "quarter" };

/* Helpers: structure */

static int
compare_collate (gconstpointer a,
                 gconstpointer b)
{
  return g_utf8_collate (*(const char *const *) a, *(const char *const *) b);
}

static void
collect_categories (GwGanttChart *chart)
{
  const GwSchedule *s = chart->schedule;
  g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean none = FALSE;

  chart->categories = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < s->n_items; i++)
    {
      const char *c = chart->item_of[i] ? gw_item_get_category (chart->item_of[i]) : NULL;

      if (s->items[i].state != GW_SCHEDULE_ACTIVE)
        continue;
      if (c == NULL || *c == '\0')
        none = TRUE;
      else if (g_hash_table_add (index, (gpointer) c))
        g_ptr_array_add (chart->categories, g_strdup (c));
    }
  g_ptr_array_sort (chart->categories, compare_collate);
  if (none)
    g_ptr_array_add (chart->categories, g_strdup (""));

  g_hash_table_remove_all (index);
  for (guint k = 0; k < chart->categories->len; k++)
    g_hash_table_insert (index, g_ptr_array_index (chart->categories, k), GUINT_TO_POINTER (k));
  chart->category_of = g_new0 (guint, MAX (s->n_items, 1));
  for (guint i = 0; i < s->n_items; i++)
    {
      const char *c = chart->item_of[i] ? gw_item_get_category (chart->item_of[i]) : NULL;

      if (s->items[i].state == GW_SCHEDULE_ACTIVE)
        chart->category_of[i] = GPOINTER_TO_UINT (g_hash_table_lookup (index, c ? c : ""));
    }
}

static void
collect_groups (GwGanttChart *chart,
                GPtrArray    *milestones)
{
  const GwSchedule *s = chart->schedule;
  g_autofree guint *fill = NULL;

  chart->n_groups = s->n_milestones + 1;
  chart->group_names = g_new0 (char *, chart->n_groups + 1);
  chart->group_first = g_new0 (guint, chart->n_groups + 1);
  chart->group_items = g_new (guint, MAX (s->n_active, 1));
  chart->group_start = g_new (double, chart->n_groups);
  chart->group_finish = g_new (double, chart->n_groups);
  chart->collapsed = g_new0 (gboolean, chart->n_groups);
  chart->group_row = g_new (int, chart->n_groups);

  for (guint k = 0; k < s->n_milestones; k++)
    for (guint m = 0; milestones != NULL && m < milestones->len; m++)
      {
        GwMilestone *ms = g_ptr_array_index (milestones, m);

        /* A name that only repeats the key says nothing more. */
        if (g_strcmp0 (ms->key, s->milestones[k].key) == 0 && ms->name != NULL && *ms->name != '\0' &&
            !g_str_equal (ms->name, ms->key))
          chart->group_names[k] = g_strdup (ms->name);
      }

  /* Items by group, keeping the schedule's start order. */
  for (guint j = 0; j < s->n_active; j++)
    {
      int ms = s->items[s->order[j]].milestone;

      chart->group_first[(ms < 0 ? s->n_milestones : (guint) ms) + 1]++;
    }
  for (guint g = 0; g < chart->n_groups; g++)
    chart->group_first[g + 1] += chart->group_first[g];
  fill = g_memdup2 (chart->group_first, chart->n_groups * sizeof (guint));
  for (guint j = 0; j < s->n_active; j++)
    {
      guint i = s->order[j];
      int ms = s->items[i].milestone;

      chart->group_items[fill[ms < 0 ? s->n_milestones : (guint) ms]++] = i;
    }

  for (guint g = 0; g < chart->n_groups; g++)
    {
      chart->group_start[g] = NAN;
      chart->group_finish[g] = NAN;
      for (guint k = chart->group_first[g]; k < chart->group_first[g + 1]; k++)
        {
          guint i = chart->group_items[k];

          if (isnan (chart->group_start[g]) || chart->start_day[i] < chart->group_start[g])
            chart->group_start[g] = chart->start_day[i];
          if (isnan (chart->group_finish[g]) || chart->finish_day[i] > chart->group_finish[g])
            chart->group_finish[g] = chart->finish_day[i];
        }
    }
  /* Headers are worth a row only when some item has a milestone. */
  chart->group_rows = chart->group_first[s->n_milestones] > 0;
}

static void
collect_edges (GwGanttChart *chart)
{
  const GwSchedule *s = chart->schedule;
  g_autoptr(GArray) edges = g_array_new (FALSE, FALSE, sizeof (Edge));

  for (guint i = 0; i < s->n_items; i++)
    {
      GPtrArray *deps;

      if (chart->item_of[i] == NULL || s->items[i].state != GW_SCHEDULE_ACTIVE)
        continue;
      deps = gw_item_get_depends_on (chart->item_of[i]);
      for (guint d = 0; deps != NULL && d < deps->len; d++)
        {
          GwDependency *dep = g_ptr_array_index (deps, d);
          int p = gw_schedule_lookup (s, dep->key);
          Edge e;

          if (p < 0 || s->items[p].state != GW_SCHEDULE_ACTIVE)
            continue;
          e.pred = (guint) p;
          e.succ = i;
          g_array_append_val (edges, e);
        }
    }
  chart->n_edges = edges->len;
  chart->edges = (Edge *) g_array_free (g_steal_pointer (&edges), FALSE);
}

/* The arrows between rows that are shown, indexed by those rows: a
 * frame looks at the arrows that begin near it and the long ones, not at
 * every arrow of the register. */
static void
index_edges (GwGanttChart *chart)
{
  g_autofree guint *fill = NULL;

  g_clear_pointer (&chart->edge_bucket_start, g_free);
  g_clear_pointer (&chart->edge_buckets, g_free);
  g_clear_pointer (&chart->long_edges, g_free);
  chart->n_edge_buckets = chart->n_rows / EDGE_BUCKET + 1;
  chart->edge_bucket_start = g_new0 (guint, chart->n_edge_buckets + 1);
  chart->edge_buckets = g_new (guint, MAX (chart->n_edges, 1));
  chart->long_edges = g_new (guint, MAX (chart->n_edges, 1));
  chart->n_long_edges = 0;

  for (guint k = 0; k < chart->n_edges; k++)
    {
      int rp = chart->row_of[chart->edges[k].pred], rq = chart->row_of[chart->edges[k].succ];

      if (rp < 0 || rq < 0)
        continue;
      if (ABS (rp - rq) >= EDGE_BUCKET)
        chart->long_edges[chart->n_long_edges++] = k;
      else
        chart->edge_bucket_start[MIN (rp, rq) / EDGE_BUCKET + 1]++;
    }
  for (guint b = 0; b < chart->n_edge_buckets; b++)
    chart->edge_bucket_start[b + 1] += chart->edge_bucket_start[b];
  fill = g_memdup2 (chart->edge_bucket_start, chart->n_edge_buckets * sizeof (guint));
  for (guint k = 0; k < chart->n_edges; k++)
    {
      int rp = chart->row_of[chart->edges[k].pred], rq = chart->row_of[chart->edges[k].succ];

      if (rp >= 0 && rq >= 0 && ABS (rp - rq) < EDGE_BUCKET)
        chart->edge_buckets[fill[MIN (rp, rq) / EDGE_BUCKET]++] = k;
    }
}

/* The rows follow from the groups and which of them are collapsed: one
 * pass over the items, no drawing. */
static void
build_rows (GwGanttChart *chart)
{
  const GwSchedule *s = chart->schedule;
  guint r = 0;

  g_free (chart->rows);
  chart->rows = g_new (int, s->n_active + chart->n_groups + 1);
  for (guint i = 0; i < s->n_items; i++)
    chart->row_of[i] = -1;
  for (guint g = 0; g < chart->n_groups; g++)
    {
      chart->group_row[g] = -1;
      if (chart->group_first[g] == chart->group_first[g + 1])
        continue;
      if (chart->group_rows)
        {
          chart->group_row[g] = (int) r;
          chart->rows[r++] = -(int) g - 1;
          if (chart->collapsed[g])
            continue;
        }
      for (guint k = chart->group_first[g]; k < chart->group_first[g + 1]; k++)
        {
          chart->row_of[chart->group_items[k]] = (int) r;
          chart->rows[r++] = (int) chart->group_items[k];
        }
    }
  chart->n_rows = r;
  index_edges (chart);
}

typedef struct
{
  const guint *rank;
  const guint *position;
} RowOrder;

static int
compare_rank (gconstpointer a,
              gconstpointer b,
              gpointer      data)
{
  const RowOrder *o = data;
  guint i = *(const guint *) a, j = *(const guint *) b;

  if (o->rank[i] != o->rank[j])
    return o->rank[i] < o->rank[j] ? -1 : 1;
  return o->position[i] < o->position[j] ? -1 : o->position[i] > o->position[j];
}

/* Public API */

const char *
gw_gantt_zoom_to_string (GwGanttZoom zoom)
{
  g_return_val_if_fail ((guint) zoom < GW_GANTT_N_ZOOMS, NULL);
  return zoom_names[zoom];
}

/**
 * gw_gantt_zoom_from_string:
 * @text: "day", "week", "month" or "quarter"
 *
 * Returns: whether @text names a zoom level
 */
gboolean
gw_gantt_zoom_from_string (const char  *text,
                           GwGanttZoom *zoom)
{
  g_return_val_if_fail (zoom != NULL, FALSE);

  for (guint i = 0; text != NULL && i < GW_GANTT_N_ZOOMS; i++)
    if (g_ascii_strcasecmp (text, zoom_names[i]) == 0)
      {
        *zoom = (GwGanttZoom) i;
        return TRUE;
      }
  return FALSE;
}

/**
 * gw_gantt_chart_new:
 * @schedule: the schedule to draw
 * @items: (element-type GwItem) (nullable): the items it was computed
 *   from, for their titles, priorities, categories and dependencies; they
 *   are read, never changed, and may be read from another thread
 * @milestones: (element-type GwMilestone) (nullable): for their names
 *
 * Places every scheduled item on the calendar and sorts the items into
 * milestone groups, in start order. Needs no cairo context: it can run in
 * a worker thread.
 *
 * Returns: (transfer full): the chart, at week zoom, nothing collapsed
 */
GwGanttChart *
gw_gantt_chart_new (GwSchedule *schedule,
                    GPtrArray  *items,
                    GPtrArray  *milestones)
{
  GwGanttChart *chart;
  GwSchedule *s = schedule;
  GDate date;
  int minute;

  g_return_val_if_fail (schedule != NULL, NULL);

  chart = g_new0 (GwGanttChart, 1);
  chart->schedule = gw_schedule_ref (schedule);
  chart->items = items ? g_ptr_array_ref (items) : NULL;
  chart->zoom = GW_GANTT_ZOOM_WEEK;
  chart->show_dependencies = TRUE;
  chart->label_width = DEFAULT_LABEL_WIDTH;
  chart->selected = -1;
  chart->ghost = -1;
  g_date_clear (&chart->today, 1);
  chart->drawn = g_array_new (FALSE, FALSE, sizeof (guint));
  chart->boxes = g_array_new (FALSE, FALSE, 4 * sizeof (double));
  chart->labels = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_object_unref);
  chart->cells = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);

  chart->item_of = g_new0 (GwItem *, MAX (s->n_items, 1));
  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      GwItem *item = g_ptr_array_index (items, i);
      int index = gw_schedule_lookup (s, gw_item_get_key (item));

      if (index >= 0)
        chart->item_of[index] = item;
    }

  /* The axis starts on the Monday of the start date's week, where week 1 begins. */
  gw_calendar_get_week_start (s->calendar, 1, &date);
  chart->origin = g_date_get_julian (&date);
  gw_calendar_get_start_date (s->calendar, &date);
  chart->start_julian = g_date_get_julian (&date);
  gw_calendar_get_wall (s->calendar, 0, GW_CALENDAR_START, &date, &minute);
  chart->day_start = minute;
  chart->hours_per_day = gw_calendar_get_hours_per_day (s->calendar);
  chart->day_minutes = chart->hours_per_day * 60;
  gw_calendar_get_wall (s->calendar, s->makespan_hours, GW_CALENDAR_FINISH, &date, NULL);
  chart->last_day = MAX (g_date_get_julian (&date) + 1, chart->origin + 28);

  chart->start_day = g_new (double, MAX (s->n_items, 1));
  chart->finish_day = g_new (double, MAX (s->n_items, 1));
  for (guint i = 0; i < s->n_items; i++)
    {
      const GwScheduleEntry *e = &s->items[i];

      chart->start_day[i] = chart->finish_day[i] = NAN;
      if (e->state != GW_SCHEDULE_ACTIVE)
        continue;
      chart->start_day[i] = hours_to_day (chart, e->start, GW_CALENDAR_START);
      chart->finish_day[i] = e->duration > 0 ? hours_to_day (chart, e->finish, GW_CALENDAR_FINISH)
                                             : chart->start_day[i];
    }

  collect_groups (chart, milestones);
  collect_edges (chart);
  collect_categories (chart);
  chart->row_of = g_new (int, MAX (s->n_items, 1));
  build_rows (chart);
  return chart;
}

void
gw_gantt_chart_free (GwGanttChart *chart)
{
  if (chart == NULL)
    return;
  _gw_gantt_chart_clear_text (chart);
  g_hash_table_unref (chart->labels);
  g_hash_table_unref (chart->cells);
  g_array_unref (chart->drawn);
  g_array_unref (chart->boxes);
  g_free (chart->item_of);
  g_free (chart->start_day);
  g_free (chart->finish_day);
  g_strfreev (chart->group_names);
  g_free (chart->group_first);
  g_free (chart->group_items);
  g_free (chart->group_start);
  g_free (chart->group_finish);
  g_free (chart->collapsed);
  g_free (chart->group_row);
  g_free (chart->rows);
  g_free (chart->row_of);
  g_free (chart->edges);
  g_free (chart->edge_bucket_start);
  g_free (chart->edge_buckets);
  g_free (chart->long_edges);
  g_free (chart->category_of);
  g_clear_pointer (&chart->categories, g_ptr_array_unref);
  g_clear_pointer (&chart->items, g_ptr_array_unref);
  gw_schedule_unref (chart->schedule);
  g_free (chart);
}

/**
 * gw_gantt_chart_get_schedule:
 *
 * Returns: (transfer none): the schedule drawn
 */
GwSchedule *
gw_gantt_chart_get_schedule (GwGanttChart *chart)
{
  g_return_val_if_fail (chart != NULL, NULL);
  return chart->schedule;
}

/**
 * gw_gantt_chart_get_item:
 * @item: an index of the schedule's items
 *
 * Returns: (transfer none) (nullable): the register's item of that index
 */
GwItem *
gw_gantt_chart_get_item (GwGanttChart *chart,
                         int           item)
{
  g_return_val_if_fail (chart != NULL, NULL);
  g_return_val_if_fail (item >= 0 && (guint) item < chart->schedule->n_items, NULL);
  return chart->item_of[item];
}

void
gw_gantt_chart_set_zoom (GwGanttChart *chart,
                         GwGanttZoom   zoom)
{
  g_return_if_fail (chart != NULL);
  g_return_if_fail ((guint) zoom < GW_GANTT_N_ZOOMS);
  chart->zoom = zoom;
}

GwGanttZoom
gw_gantt_chart_get_zoom (GwGanttChart *chart)
{
  g_return_val_if_fail (chart != NULL, GW_GANTT_ZOOM_WEEK);
  return chart->zoom;
}

/**
 * gw_gantt_chart_fit_zoom:
 * @max_width: the width the whole chart may take
 *
 * Returns: the finest zoom at which the whole time span fits in
 *   @max_width, or the coarsest when none does
 */
GwGanttZoom
gw_gantt_chart_fit_zoom (GwGanttChart *chart,
                         double        max_width)
{
  g_return_val_if_fail (chart != NULL, GW_GANTT_ZOOM_WEEK);

  for (guint z = 0; z < GW_GANTT_N_ZOOMS; z++)
    {
      double days = chart->last_day + gw_gantt_pad_days (z) - chart->origin;

      if (chart->label_width + days * gw_gantt_px_per_day (z) <= max_width)
        return (GwGanttZoom) z;
    }
  return GW_GANTT_ZOOM_QUARTER;
}

void
gw_gantt_chart_set_color_by (GwGanttChart   *chart,
                             GwGanttColorBy  color_by)
{
  g_return_if_fail (chart != NULL);
  chart->color_by = color_by;
}

void
gw_gantt_chart_set_show_dependencies (GwGanttChart *chart,
                                      gboolean      show)
{
  g_return_if_fail (chart != NULL);
  chart->show_dependencies = show;
}

/**
 * gw_gantt_chart_set_today:
 * @today: (nullable): the day to mark with a line; %NULL for none
 */
void
gw_gantt_chart_set_today (GwGanttChart *chart,
                          const GDate  *today)
{
  g_return_if_fail (chart != NULL);
  if (today != NULL && g_date_valid (today))
    chart->today = *today;
  else
    g_date_clear (&chart->today, 1);
}

/**
 * gw_gantt_chart_set_label_width:
 * @width: the width of the column of labels on the left
 */
void
gw_gantt_chart_set_label_width (GwGanttChart *chart,
                                double        width)
{
  g_return_if_fail (chart != NULL);

  width = round (MAX (width, MIN_LABEL_WIDTH));
  if (width == chart->label_width)
    return;
  chart->label_width = width;
  g_hash_table_remove_all (chart->labels);
}

/**
 * gw_gantt_chart_set_collapsed:
 * @milestones: (array zero-terminated=1) (nullable): the keys of the
 *   milestones whose items are hidden under their header; "" for the
 *   items without a milestone
 *
 * Sets which groups are collapsed and lays the rows out again.
 */
void
gw_gantt_chart_set_collapsed (GwGanttChart      *chart,
                              const char *const *milestones)
{
  const GwSchedule *s;

  g_return_if_fail (chart != NULL);

  s = chart->schedule;
  for (guint g = 0; g < chart->n_groups; g++)
    {
      const char *key = g < s->n_milestones ? s->milestones[g].key : "";

      chart->collapsed[g] = milestones != NULL && g_strv_contains (milestones, key);
    }
  build_rows (chart);
}

/**
 * gw_gantt_chart_is_collapsed:
 * @group: a milestone's index, or the schedule's n_milestones for the
 *   items without one
 */
gboolean
gw_gantt_chart_is_collapsed (GwGanttChart *chart,
                             int           group)
{
  g_return_val_if_fail (chart != NULL, FALSE);
  g_return_val_if_fail (group >= 0 && (guint) group < chart->n_groups, FALSE);
  return chart->collapsed[group];
}

/**
 * gw_gantt_chart_get_group_key:
 *
 * Returns: the key of @group's milestone, "" for the items without one
 */
const char *
gw_gantt_chart_get_group_key (GwGanttChart *chart,
                              int           group)
{
  g_return_val_if_fail (chart != NULL, NULL);
  g_return_val_if_fail (group >= 0 && (guint) group < chart->n_groups, NULL);
  return (guint) group < chart->schedule->n_milestones ? chart->schedule->milestones[group].key : "";
}

/**
 * gw_gantt_chart_get_row_ranks:
 *
 * Returns: (transfer full) (element-type utf8 guint): the keys of the
 *   items with a row, each to its row's rank (plus one), for
 *   gw_gantt_chart_order_rows()
 */
GHashTable *
gw_gantt_chart_get_row_ranks (GwGanttChart *chart)
{
  GHashTable *ranks;

  g_return_val_if_fail (chart != NULL, NULL);

  ranks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint r = 0; r < chart->n_rows; r++)
    if (chart->rows[r] >= 0)
      g_hash_table_insert (ranks, g_strdup (chart->schedule->keys[chart->rows[r]]), GUINT_TO_POINTER (r + 1));
  return ranks;
}

/**
 * gw_gantt_chart_order_rows:
 * @ranks: (element-type utf8 guint): item keys to ranks, as
 *   gw_gantt_chart_get_row_ranks() gives them
 *
 * Orders the items of each group by @ranks, those without a rank last in
 * start order, so that rows stay where another chart had them (while a
 * bar is dragged, the preview keeps the rows still). Needs no cairo
 * context: it can run in a worker thread.
 */
void
gw_gantt_chart_order_rows (GwGanttChart *chart,
                           GHashTable   *ranks)
{
  const GwSchedule *s;
  g_autofree guint *rank = NULL;
  g_autofree guint *position = NULL;
  RowOrder order;

  g_return_if_fail (chart != NULL && ranks != NULL);

  s = chart->schedule;
  rank = g_new (guint, MAX (s->n_items, 1));
  position = g_new (guint, MAX (s->n_items, 1));
  for (guint k = 0; k < s->n_active; k++)
    {
      guint i = chart->group_items[k];
      gpointer value = g_hash_table_lookup (ranks, s->keys[i]);

      rank[i] = value ? GPOINTER_TO_UINT (value) : G_MAXUINT;
      position[i] = k;
    }
  order.rank = rank;
  order.position = position;
  for (guint g = 0; g < chart->n_groups; g++)
    g_qsort_with_data (chart->group_items + chart->group_first[g], chart->group_first[g + 1] - chart->group_first[g],
                       sizeof (guint), compare_rank, &order);
  build_rows (chart);
}

/**
 * gw_gantt_chart_set_selected:
 * @item: the schedule's item to show selected; -1 for none
 */
void
gw_gantt_chart_set_selected (GwGanttChart *chart,
                             int           item)
{
  g_return_if_fail (chart != NULL);
  chart->selected = item >= 0 && (guint) item < chart->schedule->n_items ? item : -1;
}

/**
 * gw_gantt_chart_set_ghost:
 * @item: the item being dragged; -1 for none
 * @start_hours: where the drag puts its start (working hours)
 * @finish_hours: and its finish
 *
 * Outlines where a dragged bar would go, on the item's row.
 */
void
gw_gantt_chart_set_ghost (GwGanttChart *chart,
                          int           item,
                          double        start_hours,
                          double        finish_hours)
{
  g_return_if_fail (chart != NULL);

  chart->ghost = item >= 0 && (guint) item < chart->schedule->n_items ? item : -1;
  if (chart->ghost < 0)
    return;
  chart->ghost_start = hours_to_day (chart, start_hours, GW_CALENDAR_START);
  chart->ghost_finish = finish_hours > start_hours ? hours_to_day (chart, finish_hours, GW_CALENDAR_FINISH)
                                                   : chart->ghost_start;
}

/**
 * gw_gantt_chart_get_size:
 *
 * Gets the size of the whole chart at its zoom: the label column and the
 * whole time span wide, the time scale and every row high.
 */
void
gw_gantt_chart_get_size (GwGanttChart *chart,
                         double       *width,
                         double       *height)
{
  g_return_if_fail (chart != NULL);

  if (width)
    *width = chart->label_width + timeline_width (chart);
  if (height)
    *height = HEADER_HEIGHT + chart->n_rows * ROW_HEIGHT;
}

/**
 * gw_gantt_chart_get_margins:
 * @label_width: (out) (optional): the width of the label column
 * @header_height: (out) (optional): the height of the time scale
 *
 * The parts of the viewport that do not scroll.
 */
void
gw_gantt_chart_get_margins (GwGanttChart *chart,
                            double       *label_width,
                            double       *header_height)
{
  g_return_if_fail (chart != NULL);

  if (label_width)
    *label_width = chart->label_width;
  if (header_height)
    *header_height = HEADER_HEIGHT;
}

double
gw_gantt_chart_get_row_height (GwGanttChart *chart)
{
  return ROW_HEIGHT;
}

guint
gw_gantt_chart_get_n_rows (GwGanttChart *chart)
{
  g_return_val_if_fail (chart != NULL, 0);
  return chart->n_rows;
}

/**
 * gw_gantt_chart_set_viewport:
 * @x: how far the time line is scrolled, in pixels from its start
 * @y: how far the rows are scrolled, in pixels from the first
 * @width: the viewport's width, the label column included
 * @height: its height, the time scale included
 *
 * Chooses the part of the chart that gw_gantt_chart_draw() draws and
 * that hit-testing and the coordinates refer to. With (0, 0) and the
 * size of gw_gantt_chart_get_size(), that is the whole chart.
 */
void
gw_gantt_chart_set_viewport (GwGanttChart *chart,
                             double        x,
                             double        y,
                             double        width,
                             double        height)
{
  g_return_if_fail (chart != NULL);

  chart->vx = MAX (x, 0);
  chart->vy = MAX (y, 0);
  chart->vw = MAX (width, 0);
  chart->vh = MAX (height, 0);
}

/**
 * gw_gantt_chart_get_stats:
 *
 * Returns: what the last frame drew
 */
const GwGanttStats *
gw_gantt_chart_get_stats (GwGanttChart *chart)
{
  g_return_val_if_fail (chart != NULL, NULL);
  return &chart->stats;
}

/**
 * gw_gantt_chart_get_drawn_items:
 * @n_items: (out): how many
 *
 * Returns: (array length=n_items): the items whose rows the last frame
 *   laid out, top to bottom
 */
const guint *
gw_gantt_chart_get_drawn_items (GwGanttChart *chart,
                                guint        *n_items)
{
  g_return_val_if_fail (chart != NULL && n_items != NULL, NULL);
  *n_items = chart->drawn->len;
  return (const guint *) chart->drawn->data;
}

/**
 * gw_gantt_chart_hit:
 * @x: a point of the viewport
 * @hit: (out): what is there
 *
 * Returns: whether there is something at (@x, @y): a group's header row,
 *   an item's label, its bar or the handle at its end
 */
gboolean
gw_gantt_chart_hit (GwGanttChart *chart,
                    double        x,
                    double        y,
                    GwGanttHit   *hit)
{
  double rel;
  int row, code;
  GwRect r;

  g_return_val_if_fail (chart != NULL && hit != NULL, FALSE);

  hit->kind = GW_GANTT_HIT_NONE;
  hit->item = -1;
  hit->group = -1;
  if (y < HEADER_HEIGHT || x < 0 || x > chart->vw || y > chart->vh)
    return FALSE;
  rel = y - HEADER_HEIGHT + chart->vy;
  row = (int) floor (rel / ROW_HEIGHT);
  if (row < 0 || (guint) row >= chart->n_rows)
    return FALSE;
  code = chart->rows[row];
  if (code < 0)
    {
      hit->kind = GW_GANTT_HIT_GROUP;
      hit->group = -code - 1;
      return TRUE;
    }
  if (x < chart->label_width)
    {
      hit->kind = GW_GANTT_HIT_LABEL;
      hit->item = code;
      return TRUE;
    }

  bar_rect (chart, row, chart->start_day[code], chart->finish_day[code], &r);
  if (y < r.y - HIT_SLOP || y > r.y + r.h + HIT_SLOP)
    return FALSE;
  /* A wide bar has its handle inside its end; a narrow one just past it,
   * so that both stay within reach. */
  if (r.w >= 3 * HANDLE_WIDTH ? x >= r.x + r.w - HANDLE_WIDTH && x <= r.x + r.w + HIT_SLOP
                              : x >= r.x + r.w && x <= r.x + r.w + HANDLE_WIDTH + HIT_SLOP &&
                                x >= r.x + MIN_HIT_WIDTH / 2)
    hit->kind = GW_GANTT_HIT_BAR_END;
  else if (x >= r.x - HIT_SLOP && x <= MAX (r.x + r.w, r.x + MIN_HIT_WIDTH / 2) + HIT_SLOP)
    hit->kind = GW_GANTT_HIT_BAR;
  else
    return FALSE;
  hit->item = code;
  return TRUE;
}

/**
 * gw_gantt_chart_get_item_row:
 *
 * Returns: the row of @item, or -1 when it has none (not scheduled, or
 *   in a collapsed group)
 */
int
gw_gantt_chart_get_item_row (GwGanttChart *chart,
                             int           item)
{
  g_return_val_if_fail (chart != NULL, -1);
  g_return_val_if_fail (item >= 0 && (guint) item < chart->schedule->n_items, -1);
  return chart->row_of[item];
}

/**
 * gw_gantt_chart_get_group_row:
 *
 * Returns: the header row of @group, or -1 when it has none
 */
int
gw_gantt_chart_get_group_row (GwGanttChart *chart,
                              int           group)
{
  g_return_val_if_fail (chart != NULL, -1);
  g_return_val_if_fail (group >= 0 && (guint) group < chart->n_groups, -1);
  return chart->group_row[group];
}

/**
 * gw_gantt_chart_get_bar:
 * @bar: (out): where the item's bar is, in the viewport (it may be
 *   outside it)
 *
 * Returns: whether @item has a bar (is scheduled and its row shown)
 */
gboolean
gw_gantt_chart_get_bar (GwGanttChart *chart,
                        int           item,
                        GwRect       *bar)
{
  int row;

  g_return_val_if_fail (chart != NULL && bar != NULL, FALSE);
  g_return_val_if_fail (item >= 0 && (guint) item < chart->schedule->n_items, FALSE);

  row = chart->row_of[item];
  if (row < 0)
    return FALSE;
  bar_rect (chart, row, chart->start_day[item], chart->finish_day[item], bar);
  return TRUE;
}

/**
 * gw_gantt_chart_hours_to_x:
 *
 * Returns: the x of the viewport where working time @hours is
 */
double
gw_gantt_chart_hours_to_x (GwGanttChart   *chart,
                           double          hours,
                           GwCalendarEdge  edge)
{
  g_return_val_if_fail (chart != NULL, 0);
  return day_to_x (chart, hours_to_day (chart, hours, edge));
}

/**
 * gw_gantt_chart_x_to_hours:
 *
 * Returns: the working time at @x of the viewport: the working hours up
 *   to that point of its day, or to the next working day's start when the
 *   day is not worked
 */
double
gw_gantt_chart_x_to_hours (GwGanttChart *chart,
                           double        x)
{
  double day, whole;
  GDate date;
  double hours;

  g_return_val_if_fail (chart != NULL, 0);

  day = x_to_day (chart, x);
  whole = floor (day);
  if (whole + chart->origin < chart->start_julian)
    return 0;
  set_julian (&date, chart->origin + (guint32) whole);
  hours = gw_calendar_hours_at_date (chart->schedule->calendar, &date);
  if (gw_calendar_is_working_day (chart->schedule->calendar, &date))
    hours += (day - whole) * chart->hours_per_day;
  return hours;
}

/**
 * gw_gantt_chart_x_to_date:
 * @date: (out): the day under @x of the viewport
 */
void
gw_gantt_chart_x_to_date (GwGanttChart *chart,
                          double        x,
                          GDate        *date)
{
  double day;

  g_return_if_fail (chart != NULL && date != NULL);

  day = floor (x_to_day (chart, x));
  set_julian (date, (guint32) MAX ((double) chart->origin + day, 1));
}

/**
 * gw_gantt_chart_date_to_x:
 *
 * Returns: the x of the viewport where @date begins
 */
double
gw_gantt_chart_date_to_x (GwGanttChart *chart,
                          const GDate  *date)
{
  g_return_val_if_fail (chart != NULL && date != NULL && g_date_valid (date), 0);
  return day_to_x (chart, (double) g_date_get_julian (date) - chart->origin);
}
