/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The Gantt page: the register's schedule as a Gantt chart that scrolls
 * and zooms, whose milestone groups collapse, and whose bars are dragged
 * to change an item's not-before date (the bar) or its effort (the bar's
 * end).
 *
 * The schedule is computed in a worker thread, never while drawing: after
 * the register changes (changes that come in a burst are gathered first),
 * the thread reads the register through a connection of its own, computes
 * the schedule and prepares the chart, and the page swaps the new chart in.
 * While a bar is dragged, the thread computes the schedule of a preview:
 * the items of the last reading with the dragged one changed, so that the
 * bars that depend on it move as it does; releasing the bar makes the one
 * edit, which is one undo step. */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "gw-chart-source.h"
#include "gw-gantt-view.h"
#include "gw-style-palette.h"

/* What the thread reads: the register's items, roles, milestones and
 * calendar. Shared read-only between the page and the thread. */
typedef struct
{
  GPtrArray  *items;        /* GwItem */
  GPtrArray  *roles;        /* GwRole */
  GPtrArray  *milestones;   /* GwMilestone */
  GwCalendar *calendar;
} Snapshot;

typedef struct
{
  char     *path;           /* read the register from this file in the thread... */
  Snapshot *snapshot;       /* ...or compute this one */
  GwItem   *preview;        /* stands in for the snapshot's item of the same key */
  GHashTable *ranks;        /* a preview's rows keep these ranks */
  guint     generation;
} Job;

typedef enum
{
  DRAG_NONE = 0,
  DRAG_MOVE,                /* the bar: its not-before date */
  DRAG_RESIZE,              /* the bar's end: its effort */
} DragKind;

struct _GwGanttView
{
  GtkWidget       parent_instance;

  GwContext      *context;
  GSignalGroup   *context_signals;
  GSignalGroup   *store_signals;
  gulong          dark_id;

  GwGanttChart   *chart;            /* the one shown */
  Snapshot       *snapshot;         /* what it was computed from (previews start from it) */
  GCancellable   *cancellable;
  guint           generation;       /* of the newest computation started */
  gboolean        computing;
  gboolean        dirty;            /* the register changed since the last reading began */
  guint           recompute_id;

  GwGanttZoom     zoom;
  GHashTable     *collapsed;        /* milestone keys */
  GtkAdjustment  *hadjustment;
  GtkAdjustment  *vadjustment;
  cairo_surface_t *frame;           /* the chart is drawn here, then shown */
  double          pointer_x;
  const char     *cursor;
  gboolean        selecting;        /* the selection comes from a click here */

  /* A press on the chart and, once the pointer moves far enough, a drag. */
  GwGanttHit      press;
  char           *press_key;        /* the item pressed */
  double          press_offset;     /* from the pointer to the bar's start (or end) */
  DragKind        drag;
  GDate           drag_date;        /* the not-before date the drag proposes; invalid for none */
  double          drag_effort;      /* the effort it proposes */
  gboolean        drag_changed;     /* the proposal differs from the item */
  gboolean        preview_pending;  /* a newer proposal waits for the running computation */
  gboolean        previewed;        /* the chart shows a preview */
  GHashTable     *drag_ranks;       /* the rows as the drag began */
  double          ghost_start;
  double          ghost_finish;

  /* template */
  GtkDropDown    *zoom_dropdown;
  GtkDropDown    *color_dropdown;
  GtkToggleButton *arrows_toggle;
  GtkMenuButton  *warnings_button;
  GtkLabel       *warnings_label;
  GtkLabel       *summary_label;
  GtkStack       *stack;
  GtkDrawingArea *canvas;
  GtkScrollbar   *hscrollbar;
  GtkScrollbar   *vscrollbar;
  AdwStatusPage  *error_page;
};

static void chart_source_iface_init (GwChartSourceInterface *iface);
static void start_computation (GwGanttView *self,
                               GwItem      *preview);

G_DEFINE_FINAL_TYPE_WITH_CODE (GwGanttView, gw_gantt_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GW_TYPE_CHART_SOURCE, chart_source_iface_init))

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Changes that come within this time are gathered into one computation. */
#define RECOMPUTE_DELAY_MS 80
/* A press becomes a drag when the pointer has moved this far. */
#define DRAG_THRESHOLD 4.0

/* Snapshots and jobs */

static void
snapshot_clear (gpointer data)
{
  Snapshot *snapshot = data;

  g_clear_pointer (&snapshot->items, g_ptr_array_unref);
  g_clear_pointer (&snapshot->roles, g_ptr_array_unref);
  g_clear_pointer (&snapshot->milestones, g_ptr_array_unref);
  g_clear_pointer (&snapshot->calendar, gw_calendar_unref);
}

static void
snapshot_unref (Snapshot *snapshot)
{
  if (snapshot != NULL)
    g_atomic_rc_box_release_full (snapshot, snapshot_clear);
}

static Snapshot *
snapshot_read (GwStore  *store,
               GError  **error)
{
  g_autoptr(GwCalendar) calendar = gw_calendar_new_from_store (store, error);
  g_autoptr(GPtrArray) items = NULL;
  Snapshot *snapshot;

  if (calendar == NULL || (items = gw_store_list_items (store, error)) == NULL)
    return NULL;
  snapshot = g_atomic_rc_box_new0 (Snapshot);
  snapshot->calendar = g_steal_pointer (&calendar);
  snapshot->items = g_steal_pointer (&items);
  snapshot->roles = gw_store_list_roles (store);
  snapshot->milestones = gw_store_list_milestones (store);
  return snapshot;
}

static void
job_free (gpointer data)
{
  Job *job = data;

  g_free (job->path);
  snapshot_unref (job->snapshot);
  g_clear_object (&job->preview);
  g_clear_pointer (&job->ranks, g_hash_table_unref);
  g_free (job);
}

/* The snapshot's items with the preview in place of its namesake. */
static GPtrArray *
items_with_preview (GPtrArray *items,
                    GwItem    *preview)
{
  GPtrArray *out;

  if (preview == NULL)
    return g_ptr_array_ref (items);
  out = g_ptr_array_new_full (items->len, g_object_unref);
  for (guint i = 0; i < items->len; i++)
    {
      GwItem *item = g_ptr_array_index (items, i);

      if (g_str_equal (gw_item_get_key (item), gw_item_get_key (preview)))
        item = preview;
      g_ptr_array_add (out, g_object_ref (item));
    }
  return out;
}

static void
compute_in_thread (GTask        *task,
                   gpointer      source,
                   gpointer      data,
                   GCancellable *cancellable)
{
  Job *job = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GwScheduleInput) input = NULL;
  g_autoptr(GwSchedule) schedule = NULL;
  GwGanttChart *chart;

  if (job->path != NULL)
    {
      g_autoptr(GwStore) store = gw_store_open (job->path, GW_STORE_OPEN_READ_ONLY, &error);

      if (store == NULL || (job->snapshot = snapshot_read (store, &error)) == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }
  items = items_with_preview (job->snapshot->items, job->preview);
  input = gw_schedule_input_new_from_items (job->snapshot->calendar, items, job->snapshot->roles,
                                            job->snapshot->milestones);
  schedule = gw_schedule_compute (input, &error);
  if (schedule == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  chart = gw_gantt_chart_new (schedule, items, job->snapshot->milestones);
  if (job->ranks != NULL)
    gw_gantt_chart_order_rows (chart, job->ranks);
  g_task_return_pointer (task, chart, (GDestroyNotify) gw_gantt_chart_free);
}

/* Helpers */

static GwStore *
get_store (GwGanttView *self)
{
  return self->context ? gw_context_get_store (self->context) : NULL;
}

static gboolean
editable (GwGanttView *self)
{
  return self->context != NULL && !gw_context_get_read_only (self->context);
}

static void
show_error (GwGanttView  *self,
            const GError *error)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    {
      AdwToast *toast = adw_toast_new (error->message);

      adw_toast_set_timeout (toast, 5);
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
    }
  else
    g_message ("%s", error->message);
}

static char *
format_day (const GDate *date)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (g_date_get_year (date), g_date_get_month (date),
                                                 g_date_get_day (date), 0, 0, 0);

  /* Translators: a date in the Gantt page; see g_date_time_format() */
  return g_date_time_format (dt, _("%-d %b %Y"));
}

static int
find_item (GwGanttView *self,
           const char  *key)
{
  if (self->chart == NULL || key == NULL)
    return -1;
  return gw_schedule_lookup (gw_gantt_chart_get_schedule (self->chart), key);
}

static double
canvas_width (GwGanttView *self)
{
  return gtk_widget_get_width (GTK_WIDGET (self->canvas));
}

static double
canvas_height (GwGanttView *self)
{
  return gtk_widget_get_height (GTK_WIDGET (self->canvas));
}

/* Points the chart's viewport at what the scroll bars show. */
static void
sync_viewport (GwGanttView *self)
{
  if (self->chart != NULL)
    gw_gantt_chart_set_viewport (self->chart, gtk_adjustment_get_value (self->hadjustment),
                                 gtk_adjustment_get_value (self->vadjustment),
                                 canvas_width (self), canvas_height (self));
}

static void
update_adjustments (GwGanttView *self)
{
  double width = 0, height = 0, label_w = 0, header_h = 0, page_w, page_h;

  if (self->chart != NULL)
    {
      gw_gantt_chart_set_label_width (self->chart, CLAMP (canvas_width (self) * 0.28, 160, 320));
      gw_gantt_chart_get_size (self->chart, &width, &height);
      gw_gantt_chart_get_margins (self->chart, &label_w, &header_h);
    }
  page_w = MAX (canvas_width (self) - label_w, 1);
  page_h = MAX (canvas_height (self) - header_h, 1);
  gtk_adjustment_configure (self->hadjustment, gtk_adjustment_get_value (self->hadjustment),
                            0, MAX (width - label_w, 0), 40, page_w * 0.9, page_w);
  gtk_adjustment_configure (self->vadjustment, gtk_adjustment_get_value (self->vadjustment),
                            0, MAX (height - header_h, 0), self->chart ? gw_gantt_chart_get_row_height (self->chart) : 26,
                            page_h * 0.9, page_h);
  sync_viewport (self);
}

static void
update_ghost (GwGanttView *self)
{
  int item = self->drag != DRAG_NONE ? find_item (self, self->press_key) : -1;

  if (self->chart != NULL)
    gw_gantt_chart_set_ghost (self->chart, item, self->ghost_start, self->ghost_finish);
}

static void
update_selection (GwGanttView *self)
{
  GwItem *item = self->context ? gw_context_get_selected_item (self->context) : NULL;

  if (self->chart != NULL)
    gw_gantt_chart_set_selected (self->chart, item ? find_item (self, gw_item_get_key (item)) : -1);
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

static void
apply_collapsed (GwGanttView *self)
{
  g_autofree const char **keys = NULL;

  if (self->chart == NULL)
    return;
  keys = (const char **) g_hash_table_get_keys_as_array (self->collapsed, NULL);
  gw_gantt_chart_set_collapsed (self->chart, keys);
}

/* Puts the page's options on the chart. */
static void
apply_options (GwGanttView *self)
{
  GDate today;

  if (self->chart == NULL)
    return;
  g_date_clear (&today, 1);
  g_date_set_time_t (&today, time (NULL));
  gw_gantt_chart_set_today (self->chart, &today);
  gw_gantt_chart_set_zoom (self->chart, self->zoom);
  gw_gantt_chart_set_color_by (self->chart, gtk_drop_down_get_selected (self->color_dropdown) == 1
                                            ? GW_GANTT_COLOR_CATEGORY : GW_GANTT_COLOR_PRIORITY);
  gw_gantt_chart_set_show_dependencies (self->chart, gtk_toggle_button_get_active (self->arrows_toggle));
  apply_collapsed (self);
  update_selection (self);
  update_ghost (self);
}

static void
update_summary (GwGanttView *self)
{
  GwSchedule *s = self->chart ? gw_gantt_chart_get_schedule (self->chart) : NULL;
  g_autofree char *text = NULL;
  g_autofree char *hours = NULL;
  g_autofree char *finish = NULL;
  g_autoptr(GString) notes = g_string_new (NULL);
  GDate last;

  if (s == NULL)
    {
      gtk_label_set_label (self->summary_label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->warnings_button), FALSE);
      return;
    }
  hours = gw_format_hours (s->critical_path_hours);
  gw_calendar_get_wall (s->calendar, s->makespan_hours, GW_CALENDAR_FINISH, &last, NULL);
  finish = format_day (&last);
  /* Translators: the Gantt page's summary, "24 items · critical path 149 h · finishes 28 Jan 2027" */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item · critical path %s h · finishes %s",
                                       "%u items · critical path %s h · finishes %s", s->n_active),
                          s->n_active, hours, finish);
  gtk_label_set_label (self->summary_label, text);

  for (guint i = 0; i < s->warnings->len; i++)
    {
      if (i > 0)
        g_string_append (notes, "\n\n");
      g_string_append (notes, g_ptr_array_index (s->warnings, i));
    }
  gtk_label_set_label (self->warnings_label, notes->str);
  gtk_widget_set_visible (GTK_WIDGET (self->warnings_button), s->warnings->len > 0);
}

static void
set_chart (GwGanttView  *self,
           GwGanttChart *chart)
{
  GwSchedule *s;

  g_clear_pointer (&self->chart, gw_gantt_chart_free);
  self->chart = chart;
  apply_options (self);
  update_summary (self);
  update_adjustments (self);
  gw_chart_source_chart_changed (GW_CHART_SOURCE (self));

  s = chart ? gw_gantt_chart_get_schedule (chart) : NULL;
  if (s == NULL)
    gtk_stack_set_visible_child_name (self->stack, get_store (self) ? "loading" : "empty");
  else
    gtk_stack_set_visible_child_name (self->stack, s->n_active == 0 ? "empty" : "chart");
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

static void
show_schedule_error (GwGanttView  *self,
                     const GError *error)
{
  g_clear_pointer (&self->chart, gw_gantt_chart_free);
  update_summary (self);
  adw_status_page_set_description (self->error_page, error->message);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

static gboolean
on_recompute_timeout_cb (gpointer data)
{
  GwGanttView *self = GW_GANTT_VIEW (data);

  self->recompute_id = 0;
  start_computation (self, NULL);
  return G_SOURCE_REMOVE;
}

/* The register changed: read it again soon, once the burst is over. */
static void
queue_recompute (GwGanttView *self)
{
  self->dirty = TRUE;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)) || self->drag != DRAG_NONE)
    return;
  g_clear_handle_id (&self->recompute_id, g_source_remove);
  self->recompute_id = g_timeout_add (RECOMPUTE_DELAY_MS, on_recompute_timeout_cb, self);
}

/* The item as the drag would leave it. */
static GwItem *
proposed_item (GwGanttView *self,
               GwItem      *item)
{
  GwItem *copy = gw_item_copy (item);

  if (self->drag == DRAG_MOVE)
    {
      char text[16] = "";

      if (g_date_valid (&self->drag_date))
        g_snprintf (text, sizeof text, "%04u-%02u-%02u", (guint) g_date_get_year (&self->drag_date),
                    (guint) g_date_get_month (&self->drag_date), (guint) g_date_get_day (&self->drag_date));
      gw_item_set_field_text (copy, GW_FIELD_NOT_BEFORE, text, NULL, NULL);
    }
  else if (self->drag == DRAG_RESIZE)
    {
      GwStore *store = get_store (self);
      GwEffort effort;

      gw_item_get_effort (copy, &effort);
      effort.hours = self->drag_effort;
      effort.min_hours = NAN;
      effort.max_hours = NAN;
      if (effort.size != GW_SIZE_NONE && store != NULL)
        effort.size = gw_size_ranges_classify (&gw_store_get_parse_context (store)->sizes, effort.hours);
      gw_item_set_effort (copy, &effort);
    }
  return copy;
}

static void
start_preview (GwGanttView *self)
{
  int index = find_item (self, self->press_key);
  GwItem *item = index >= 0 ? gw_gantt_chart_get_item (self->chart, index) : NULL;
  g_autoptr(GwItem) preview = NULL;

  if (item == NULL || self->snapshot == NULL)
    return;
  if (self->computing)
    {
      self->preview_pending = TRUE;
      return;
    }
  preview = proposed_item (self, item);
  self->previewed = TRUE;
  start_computation (self, preview);
}

static void
on_computed_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  GwGanttView *self = GW_GANTT_VIEW (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  GwGanttChart *chart = g_task_propagate_pointer (G_TASK (result), &error);

  /* A computation for another register, or one the page gave up (it may
   * be gone: its dispose cancels). */
  if (job->generation != self->generation || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_pointer (&chart, gw_gantt_chart_free);
      return;
    }
  self->computing = FALSE;

  if (chart != NULL)
    {
      if (job->preview == NULL)
        {
          snapshot_unref (self->snapshot);
          self->snapshot = g_steal_pointer (&job->snapshot);
        }
      set_chart (self, chart);
    }
  else if (job->preview == NULL)
    show_schedule_error (self, error);

  /* What came in meanwhile. */
  if (self->drag != DRAG_NONE && self->preview_pending)
    {
      self->preview_pending = FALSE;
      start_preview (self);
    }
  else if (self->dirty && self->drag == DRAG_NONE)
    queue_recompute (self);
}

static void
start_computation (GwGanttView *self,
                   GwItem      *preview)
{
  GwStore *store = get_store (self);
  const char *path = store ? gw_store_get_path (store) : NULL;
  g_autoptr(GTask) task = NULL;
  Job *job;

  if (store == NULL)
    return;
  if (self->computing)
    {
      if (preview == NULL)
        self->dirty = TRUE;
      return;
    }

  job = g_new0 (Job, 1);
  job->generation = ++self->generation;
  if (preview != NULL)
    {
      job->snapshot = g_atomic_rc_box_acquire (self->snapshot);
      job->preview = g_object_ref (preview);
      job->ranks = self->drag_ranks ? g_hash_table_ref (self->drag_ranks) : NULL;
    }
  else
    {
      g_autoptr(GError) error = NULL;

      self->dirty = FALSE;
      /* A register in a file is read in the thread through a connection
       * of its own; one in memory has only this one. */
      if (path != NULL && g_file_test (path, G_FILE_TEST_IS_REGULAR))
        job->path = g_strdup (path);
      else if ((job->snapshot = snapshot_read (store, &error)) == NULL)
        {
          job_free (job);
          show_schedule_error (self, error);
          return;
        }
    }

  self->computing = TRUE;
  task = g_task_new (self, self->cancellable, on_computed_cb, NULL);
  g_task_set_source_tag (task, start_computation);
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, compute_in_thread);
}

/* Forgets the register's schedule: another register, or none. */
static void
reset (GwGanttView *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->generation++;
  self->computing = FALSE;
  self->drag = DRAG_NONE;
  self->previewed = FALSE;
  self->preview_pending = FALSE;
  g_clear_pointer (&self->drag_ranks, g_hash_table_unref);
  g_clear_pointer (&self->press_key, g_free);
  g_clear_handle_id (&self->recompute_id, g_source_remove);
  g_clear_pointer (&self->snapshot, snapshot_unref);
  g_hash_table_remove_all (self->collapsed);
  gtk_adjustment_set_value (self->hadjustment, 0);
  gtk_adjustment_set_value (self->vadjustment, 0);
  set_chart (self, NULL);
}

/* Zooms, keeping the day under @anchor_x where it is. */
static void
zoom_at (GwGanttView *self,
         GwGanttZoom  zoom,
         double       anchor_x)
{
  GDate day;
  double fraction = 0, day_w;

  zoom = CLAMP (zoom, GW_GANTT_ZOOM_DAY, GW_GANTT_ZOOM_QUARTER);
  if (zoom == self->zoom)
    return;
  if (self->chart != NULL)
    {
      gw_gantt_chart_x_to_date (self->chart, anchor_x, &day);
      day_w = gw_gantt_chart_date_to_x (self->chart, &day);
      g_date_add_days (&day, 1);
      day_w = gw_gantt_chart_date_to_x (self->chart, &day) - day_w;
      g_date_subtract_days (&day, 1);
      fraction = day_w > 0 ? (anchor_x - gw_gantt_chart_date_to_x (self->chart, &day)) / day_w : 0;
    }
  self->zoom = zoom;
  if (gtk_drop_down_get_selected (self->zoom_dropdown) != (guint) zoom)
    gtk_drop_down_set_selected (self->zoom_dropdown, zoom);
  if (self->chart == NULL)
    return;

  gw_gantt_chart_set_zoom (self->chart, zoom);
  update_adjustments (self);
  {
    double x0, x1, value;
    GDate next = day;

    gw_gantt_chart_set_viewport (self->chart, 0, gtk_adjustment_get_value (self->vadjustment),
                                 canvas_width (self), canvas_height (self));
    x0 = gw_gantt_chart_date_to_x (self->chart, &day);
    g_date_add_days (&next, 1);
    x1 = gw_gantt_chart_date_to_x (self->chart, &next);
    value = x0 + fraction * (x1 - x0) - anchor_x;
    gtk_adjustment_set_value (self->hadjustment, value);
  }
  sync_viewport (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

static void
toggle_group (GwGanttView *self,
              int          group)
{
  const char *key = gw_gantt_chart_get_group_key (self->chart, group);

  if (!g_hash_table_remove (self->collapsed, key))
    g_hash_table_add (self->collapsed, g_strdup (key));
  apply_collapsed (self);
  update_adjustments (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

/* The effort that makes @item's bar end at @x. */
static double
effort_at (GwGanttView *self,
           int          item,
           double       x)
{
  GwSchedule *s = gw_gantt_chart_get_schedule (self->chart);
  const GwScheduleEntry *e = &s->items[item];
  const GwScheduleRole *role = &s->roles[e->role];
  double duration = gw_gantt_chart_x_to_hours (self->chart, x) - e->start;
  double factor = role->limited ? role->hours_per_week / gw_calendar_get_hours_per_week (s->calendar) : 1;
  double step = self->zoom == GW_GANTT_ZOOM_DAY ? 1 : self->zoom == GW_GANTT_ZOOM_WEEK ? 4 : 8;

  return MAX (round (duration * factor / step) * step, step);
}

/* The not-before date that puts @item's bar's start at @x: the nearest
 * day's start, moved on to a working day; none at the register's start. */
static void
date_at (GwGanttView *self,
         double       x,
         GDate       *date)
{
  GwSchedule *s = gw_gantt_chart_get_schedule (self->chart);
  GDate start;
  double day_w;

  gw_calendar_get_start_date (s->calendar, &start);
  gw_gantt_chart_x_to_date (self->chart, x, date);
  day_w = gw_gantt_chart_date_to_x (self->chart, date);
  g_date_add_days (date, 1);
  day_w = gw_gantt_chart_date_to_x (self->chart, date) - day_w;
  g_date_subtract_days (date, 1);
  gw_gantt_chart_x_to_date (self->chart, x + day_w / 2, date);
  for (int k = 0; k < 14 && !gw_calendar_is_working_day (s->calendar, date); k++)
    g_date_add_days (date, 1);
  if (g_date_compare (date, &start) <= 0)
    g_date_clear (date, 1);
}

/* Follows the pointer during a drag: the outline where the bar goes and,
 * when the proposal changes, a preview of the schedule. */
static void
drag_to (GwGanttView *self,
         double       x)
{
  int index = find_item (self, self->press_key);
  GwSchedule *s;
  GwItem *item;
  const GwScheduleEntry *e;
  gboolean changed = FALSE;

  if (index < 0 || (item = gw_gantt_chart_get_item (self->chart, index)) == NULL)
    return;
  s = gw_gantt_chart_get_schedule (self->chart);
  e = &s->items[index];

  if (self->drag == DRAG_MOVE)
    {
      GDate date;
      const char *current = gw_item_get_not_before (item);

      date_at (self, x - self->press_offset, &date);
      changed = g_date_valid (&date) != g_date_valid (&self->drag_date) ||
                (g_date_valid (&date) && g_date_compare (&date, &self->drag_date) != 0);
      self->drag_date = date;
      self->ghost_start = g_date_valid (&date) ? gw_calendar_hours_at_date (s->calendar, &date) : 0;
      self->ghost_finish = self->ghost_start + e->duration;
      {
        g_autoptr(GwItem) proposed = proposed_item (self, item);

        self->drag_changed = g_strcmp0 (gw_item_get_not_before (proposed), current) != 0;
      }
    }
  else
    {
      double effort = effort_at (self, index, x - self->press_offset);
      const GwScheduleRole *role = &s->roles[e->role];
      double factor = role->limited ? gw_calendar_get_hours_per_week (s->calendar) / role->hours_per_week : 1;

      changed = effort != self->drag_effort;
      self->drag_effort = effort;
      self->drag_changed = effort != gw_item_get_effort_hours (item);
      self->ghost_start = e->start;
      self->ghost_finish = e->start + effort * factor;
    }
  update_ghost (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
  if (changed)
    start_preview (self);
}

static void
end_drag (GwGanttView *self,
          gboolean     commit)
{
  GwItemList *items = self->context ? gw_context_get_items (self->context) : NULL;
  GwItem *item = items && self->press_key ? gw_item_list_lookup (items, self->press_key) : NULL;
  gboolean edited = FALSE;

  if (commit && self->drag_changed && item != NULL)
    {
      g_autoptr(GwItem) copy = proposed_item (self, item);
      g_autoptr(GError) error = NULL;

      edited = gw_store_update_item (get_store (self), copy, &error);
      if (!edited)
        show_error (self, error);
    }
  self->drag = DRAG_NONE;
  self->preview_pending = FALSE;
  g_clear_pointer (&self->drag_ranks, g_hash_table_unref);
  update_ghost (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
  /* The edit marked the register changed, which brings the new schedule;
   * without an edit, the schedule of the register replaces the preview. */
  if (self->dirty || self->previewed)
    queue_recompute (self);
  self->previewed = FALSE;
}

static char *
tooltip_markup (GwGanttView *self,
                int          index)
{
  GwSchedule *s = gw_gantt_chart_get_schedule (self->chart);
  const GwScheduleEntry *e = &s->items[index];
  GwItem *item = gw_gantt_chart_get_item (self->chart, index);
  const GwScheduleRole *role = &s->roles[e->role];
  g_autofree char *title = g_markup_escape_text (item ? gw_item_get_title (item) : "", -1);
  g_autofree char *key = g_markup_escape_text (s->keys[index], -1);
  g_autofree char *start = gw_calendar_to_string (s->calendar, e->start, GW_CALENDAR_START);
  g_autofree char *finish = gw_calendar_to_string (s->calendar, e->finish, GW_CALENDAR_FINISH);
  g_autofree char *effort = gw_format_hours (e->effort_hours);
  g_autofree char *slack = gw_format_hours (e->slack);
  g_autofree char *owner = NULL;
  g_autofree char *owner_text = NULL;

  if (role->limited && e->person >= 0)
    /* Translators: a role and one of its people, "backend #2" */
    owner = g_strdup_printf (_("%s #%d"), gw_schedule_get_role_name (s, e->role), e->person + 1);
  else
    owner = g_strdup (gw_schedule_get_role_name (s, e->role));
  owner_text = g_markup_escape_text (owner, -1);

  return g_strdup_printf ("<b>%s</b> %s\n%s %s\n%s %s\n%s %s h\n%s %s h%s\n%s %s",
                          key, title,
                          _("Start:"), start,
                          _("Finish:"), finish,
                          _("Effort:"), effort,
                          _("Slack:"), slack, e->critical ? _(" (critical path)") : "",
                          _("Owner:"), owner_text);
}

/* Callbacks */

static void
draw_canvas (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        data)
{
  GwGanttView *self = GW_GANTT_VIEW (data);
  GwRenderPalette palette;
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (area));
  cairo_t *frame_cr;

  if (self->chart == NULL || width <= 0 || height <= 0)
    return;
  gw_style_palette_for_widget (GTK_WIDGET (area), &palette);
  sync_viewport (self);

  /* Into an image of the widget's pixels, which the renderer fills fast
   * (its lines straight into the pixels); GTK would record the drawing
   * and play it back. */
  if (self->frame == NULL || cairo_image_surface_get_width (self->frame) != width * scale ||
      cairo_image_surface_get_height (self->frame) != height * scale)
    {
      g_clear_pointer (&self->frame, cairo_surface_destroy);
      self->frame = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width * scale, height * scale);
      cairo_surface_set_device_scale (self->frame, scale, scale);
    }
  frame_cr = cairo_create (self->frame);
  gw_gantt_chart_draw (self->chart, frame_cr, &palette);
  cairo_destroy (frame_cr);
  cairo_surface_flush (self->frame);
  cairo_set_source_surface (cr, self->frame, 0, 0);
  cairo_paint (cr);
}

static void
on_canvas_resize_cb (GwGanttView    *self,
                     int             width,
                     int             height,
                     GtkDrawingArea *area)
{
  update_adjustments (self);
}

static void
on_adjustment_value_changed_cb (GwGanttView   *self,
                                GtkAdjustment *adjustment)
{
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

static void
on_store_changed_cb (GwGanttView    *self,
                     const GwChange *change,
                     GwStore        *store)
{
  queue_recompute (self);
}

static void
on_context_store_cb (GwGanttView *self,
                     GParamSpec  *pspec,
                     GwContext   *context)
{
  g_signal_group_set_target (self->store_signals, gw_context_get_store (context));
  reset (self);
  queue_recompute (self);
}

static void
on_context_selected_item_cb (GwGanttView *self,
                             GParamSpec  *pspec,
                             GwContext   *context)
{
  GwItem *item = gw_context_get_selected_item (context);

  update_selection (self);
  if (item != NULL && !self->selecting)
    gw_gantt_view_scroll_to_item (self, gw_item_get_key (item));
}

static void
on_dark_changed_cb (GwGanttView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

static void
on_zoom_selected_cb (GwGanttView *self,
                     GParamSpec  *pspec,
                     GtkDropDown *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (selected < GW_GANTT_N_ZOOMS)
    zoom_at (self, (GwGanttZoom) selected, canvas_width (self) / 2);
}

static void
on_display_changed_cb (GwGanttView *self)
{
  apply_options (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

static void
on_drag_begin_cb (GwGanttView    *self,
                  double          x,
                  double          y,
                  GtkGestureDrag *gesture)
{
  GwRect bar;

  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
  self->drag = DRAG_NONE;
  g_clear_pointer (&self->press_key, g_free);
  if (self->chart == NULL || !gw_gantt_chart_hit (self->chart, x, y, &self->press))
    return;
  if (self->press.item >= 0)
    {
      self->press_key = g_strdup (gw_gantt_chart_get_schedule (self->chart)->keys[self->press.item]);
      if (gw_gantt_chart_get_bar (self->chart, self->press.item, &bar))
        self->press_offset = self->press.kind == GW_GANTT_HIT_BAR_END ? x - (bar.x + bar.w) : x - bar.x;
    }
}

static void
on_drag_update_cb (GwGanttView    *self,
                   double          dx,
                   double          dy,
                   GtkGestureDrag *gesture)
{
  double x0, y0;
  int index;

  if (self->press_key == NULL || self->chart == NULL)
    return;
  gtk_gesture_drag_get_start_point (gesture, &x0, &y0);
  if (self->drag == DRAG_NONE)
    {
      if (hypot (dx, dy) < DRAG_THRESHOLD || !editable (self) ||
          (self->press.kind != GW_GANTT_HIT_BAR && self->press.kind != GW_GANTT_HIT_BAR_END))
        return;
      index = find_item (self, self->press_key);
      if (index < 0)
        return;
      self->drag = self->press.kind == GW_GANTT_HIT_BAR ? DRAG_MOVE : DRAG_RESIZE;
      self->drag_changed = FALSE;
      self->preview_pending = FALSE;
      g_date_clear (&self->drag_date, 1);
      self->drag_effort = NAN;
      g_clear_pointer (&self->drag_ranks, g_hash_table_unref);
      self->drag_ranks = gw_gantt_chart_get_row_ranks (self->chart);
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self->canvas), self->drag == DRAG_MOVE ? "grabbing" : "ew-resize");
    }
  drag_to (self, x0 + dx);
}

static void
on_drag_end_cb (GwGanttView    *self,
                double          dx,
                double          dy,
                GtkGestureDrag *gesture)
{
  if (self->drag != DRAG_NONE)
    {
      end_drag (self, TRUE);
      return;
    }
  if (self->chart == NULL)
    return;
  /* A click: select the item, or open or close the group. */
  if (self->press.kind == GW_GANTT_HIT_GROUP)
    toggle_group (self, self->press.group);
  else if (self->press_key != NULL && self->context != NULL)
    {
      self->selecting = TRUE;
      gw_context_select_key (self->context, self->press_key);
      self->selecting = FALSE;
    }
  else if (self->context != NULL && self->press.kind == GW_GANTT_HIT_NONE && hypot (dx, dy) < DRAG_THRESHOLD)
    gw_context_set_selected_item (self->context, NULL);
}

static void
on_drag_cancel_cb (GwGanttView      *self,
                   GdkEventSequence *sequence,
                   GtkGesture       *gesture)
{
  if (self->drag != DRAG_NONE)
    end_drag (self, FALSE);
}

static void
on_motion_cb (GwGanttView              *self,
              double                    x,
              double                    y,
              GtkEventControllerMotion *motion)
{
  const char *cursor = NULL;
  GwGanttHit hit;

  self->pointer_x = x;
  if (self->drag != DRAG_NONE || self->chart == NULL)
    return;
  if (gw_gantt_chart_hit (self->chart, x, y, &hit))
    {
      if (hit.kind == GW_GANTT_HIT_BAR_END && editable (self))
        cursor = "ew-resize";
      else if (hit.kind == GW_GANTT_HIT_BAR && editable (self))
        cursor = "grab";
      else
        cursor = "pointer";
    }
  if (cursor != self->cursor)
    {
      self->cursor = cursor;
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self->canvas), cursor);
    }
}

static gboolean
on_scroll_cb (GwGanttView              *self,
              double                    dx,
              double                    dy,
              GtkEventControllerScroll *scroll)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (scroll));
  gboolean wheel = gtk_event_controller_scroll_get_unit (scroll) == GDK_SCROLL_UNIT_WHEEL;

  if (state & GDK_CONTROL_MASK)
    {
      if (dy != 0)
        zoom_at (self, self->zoom + (dy > 0 ? 1 : -1), self->pointer_x);
      return TRUE;
    }
  if (state & GDK_SHIFT_MASK)
    {
      dx = dy;
      dy = 0;
    }
  gtk_adjustment_set_value (self->hadjustment, gtk_adjustment_get_value (self->hadjustment) + dx * (wheel ? 60 : 1));
  gtk_adjustment_set_value (self->vadjustment, gtk_adjustment_get_value (self->vadjustment) +
                                               dy * (wheel ? 3 * gtk_adjustment_get_step_increment (self->vadjustment) : 1));
  return TRUE;
}

static gboolean
on_key_pressed_cb (GwGanttView           *self,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   GtkEventControllerKey *key)
{
  GtkAdjustment *adj = NULL;
  double step = 0;

  switch (keyval)
    {
    case GDK_KEY_Escape:
      if (self->drag == DRAG_NONE)
        return FALSE;
      end_drag (self, FALSE);
      return TRUE;
    case GDK_KEY_Up:
    case GDK_KEY_Down:
      adj = self->vadjustment;
      step = gtk_adjustment_get_step_increment (adj) * (keyval == GDK_KEY_Up ? -1 : 1);
      break;
    case GDK_KEY_Page_Up:
    case GDK_KEY_Page_Down:
      adj = self->vadjustment;
      step = gtk_adjustment_get_page_increment (adj) * (keyval == GDK_KEY_Page_Up ? -1 : 1);
      break;
    case GDK_KEY_Left:
    case GDK_KEY_Right:
      adj = self->hadjustment;
      step = gtk_adjustment_get_step_increment (adj) * (keyval == GDK_KEY_Left ? -1 : 1);
      break;
    case GDK_KEY_Home:
    case GDK_KEY_End:
      adj = self->vadjustment;
      step = keyval == GDK_KEY_Home ? -G_MAXDOUBLE / 4 : G_MAXDOUBLE / 4;
      break;
    default:
      return FALSE;
    }
  gtk_adjustment_set_value (adj, gtk_adjustment_get_value (adj) + step);
  return TRUE;
}

static gboolean
on_query_tooltip_cb (GwGanttView *self,
                     int          x,
                     int          y,
                     gboolean     keyboard,
                     GtkTooltip  *tooltip,
                     GtkWidget   *widget)
{
  GwGanttHit hit;
  GwRect bar;
  g_autofree char *markup = NULL;

  if (keyboard || self->chart == NULL || self->drag != DRAG_NONE ||
      !gw_gantt_chart_hit (self->chart, x, y, &hit) || hit.item < 0)
    return FALSE;
  markup = tooltip_markup (self, hit.item);
  gtk_tooltip_set_markup (tooltip, markup);
  if (hit.kind != GW_GANTT_HIT_LABEL && gw_gantt_chart_get_bar (self->chart, hit.item, &bar))
    gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { (int) floor (bar.x), (int) floor (bar.y),
                                                         (int) ceil (bar.w) + 8, (int) ceil (bar.h) });
  return TRUE;
}

static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  GwGanttView *self = GW_GANTT_VIEW (widget);

  zoom_at (self, self->zoom - 1, canvas_width (self) / 2);
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  GwGanttView *self = GW_GANTT_VIEW (widget);

  zoom_at (self, self->zoom + 1, canvas_width (self) / 2);
}

/* GwChartSource */

static char *
gw_gantt_view_get_title (GwChartSource *source)
{
  return g_strdup (_("Gantt"));
}

static void
gw_gantt_view_get_natural_size (GwChartSource *source,
                                double        *width,
                                double        *height)
{
  GwGanttView *self = GW_GANTT_VIEW (source);

  *width = 800;
  *height = 400;
  if (self->chart != NULL)
    gw_gantt_chart_get_size (self->chart, width, height);
}

/* The whole chart, every row and the whole time span, without the
 * selection; the page's viewport is set again at its next frame. */
static void
gw_gantt_view_draw_chart (GwChartSource         *source,
                          cairo_t               *cr,
                          double                 width,
                          double                 height,
                          const GwRenderPalette *palette)
{
  GwGanttView *self = GW_GANTT_VIEW (source);
  double w, h, scale;

  if (self->chart == NULL)
    return;
  gw_gantt_chart_get_size (self->chart, &w, &h);
  scale = MIN (width / MAX (w, 1), height / MAX (h, 1));
  gw_gantt_chart_set_selected (self->chart, -1);
  gw_gantt_chart_set_ghost (self->chart, -1, 0, 0);
  gw_gantt_chart_set_viewport (self->chart, 0, 0, w, h);
  cairo_save (cr);
  cairo_scale (cr, scale, scale);
  gw_gantt_chart_draw (self->chart, cr, palette);
  cairo_restore (cr);
  update_selection (self);
  update_ghost (self);
}

/* Hidden, the page computes nothing; the presentation needs its chart. */
static void
gw_gantt_view_prepare (GwChartSource *source)
{
  GwGanttView *self = GW_GANTT_VIEW (source);

  if ((self->chart == NULL || self->dirty) && !self->computing && self->drag == DRAG_NONE)
    {
      g_clear_handle_id (&self->recompute_id, g_source_remove);
      start_computation (self, NULL);
    }
}

static gboolean
gw_gantt_view_is_ready (GwChartSource *source)
{
  return GW_GANTT_VIEW (source)->chart != NULL;
}

static void
chart_source_iface_init (GwChartSourceInterface *iface)
{
  iface->get_title = gw_gantt_view_get_title;
  iface->get_natural_size = gw_gantt_view_get_natural_size;
  iface->draw = gw_gantt_view_draw_chart;
  iface->prepare = gw_gantt_view_prepare;
  iface->is_ready = gw_gantt_view_is_ready;
}

/* GtkWidget */

static void
gw_gantt_view_map (GtkWidget *widget)
{
  GwGanttView *self = GW_GANTT_VIEW (widget);

  GTK_WIDGET_CLASS (gw_gantt_view_parent_class)->map (widget);
  /* Hidden, the page only notes changes; shown, it catches up. */
  if (self->dirty && self->recompute_id == 0)
    queue_recompute (self);
}

/* GObject */

static void
gw_gantt_view_dispose (GObject *object)
{
  GwGanttView *self = GW_GANTT_VIEW (object);

  /* A computation still running finds the page gone. */
  self->generation++;
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->recompute_id, g_source_remove);
  g_clear_signal_handler (&self->dark_id, adw_style_manager_get_default ());
  if (self->context_signals != NULL)
    g_signal_group_set_target (self->context_signals, NULL);
  if (self->store_signals != NULL)
    g_signal_group_set_target (self->store_signals, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), GW_TYPE_GANTT_VIEW);
  /* Children the template does not bind (the toolbar) are ours to drop. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->chart, gw_gantt_chart_free);
  g_clear_pointer (&self->snapshot, snapshot_unref);
  g_clear_pointer (&self->frame, cairo_surface_destroy);
  g_clear_pointer (&self->press_key, g_free);
  g_clear_pointer (&self->drag_ranks, g_hash_table_unref);
  g_clear_pointer (&self->collapsed, g_hash_table_unref);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->context_signals);
  g_clear_object (&self->store_signals);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (gw_gantt_view_parent_class)->dispose (object);
}

static void
gw_gantt_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  GwGanttView *self = GW_GANTT_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gw_gantt_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  GwGanttView *self = GW_GANTT_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      gw_gantt_view_set_context (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gw_gantt_view_class_init (GwGanttViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gw_gantt_view_dispose;
  object_class->get_property = gw_gantt_view_get_property;
  object_class->set_property = gw_gantt_view_set_property;
  widget_class->map = gw_gantt_view_map;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, GW_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "gantt.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "gantt.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "gantt.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "gantt.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "gantt.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "gantt.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "gantt.zoom-out", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/gapwise/Gapwise/gw-gantt-view.ui");
  gtk_widget_class_bind_template_child (widget_class, GwGanttView, zoom_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GwGanttView, color_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GwGanttView, arrows_toggle);
  gtk_widget_class_bind_template_child (widget_class, GwGanttView, warnings_button);
  gtk_widget_class_bind_template_child (widget_class, GwGanttView, warnings_label);
  gtk_widget_class_bind_template_child (widget_class, GwGanttView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, GwGanttView, stack);
  gtk_widget_class_bind_template_child (widget_class, GwGanttView, canvas);
  gtk_widget_class_bind_template_child (widget_class, GwGanttView, hscrollbar);
  gtk_widget_class_bind_template_child (widget_class, GwGanttView, vscrollbar);
  gtk_widget_class_bind_template_child (widget_class, GwGanttView, error_page);
  gtk_widget_class_bind_template_callback (widget_class, on_zoom_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_display_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_canvas_resize_cb);
}

static void
gw_gantt_view_init (GwGanttView *self)
{
  GtkGesture *drag;
  GtkEventController *controller;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->zoom = GW_GANTT_ZOOM_WEEK;
  gtk_drop_down_set_selected (self->zoom_dropdown, self->zoom);
  self->collapsed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->cancellable = g_cancellable_new ();
  self->hadjustment = g_object_ref_sink (gtk_adjustment_new (0, 0, 0, 40, 0, 0));
  self->vadjustment = g_object_ref_sink (gtk_adjustment_new (0, 0, 0, 26, 0, 0));
  gtk_scrollbar_set_adjustment (self->hscrollbar, self->hadjustment);
  gtk_scrollbar_set_adjustment (self->vscrollbar, self->vadjustment);
  g_signal_connect_swapped (self->hadjustment, "value-changed", G_CALLBACK (on_adjustment_value_changed_cb), self);
  g_signal_connect_swapped (self->vadjustment, "value-changed", G_CALLBACK (on_adjustment_value_changed_cb), self);
  gtk_drawing_area_set_draw_func (self->canvas, draw_canvas, self, NULL);

  drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect_swapped (drag, "drag-begin", G_CALLBACK (on_drag_begin_cb), self);
  g_signal_connect_swapped (drag, "drag-update", G_CALLBACK (on_drag_update_cb), self);
  g_signal_connect_swapped (drag, "drag-end", G_CALLBACK (on_drag_end_cb), self);
  g_signal_connect_swapped (drag, "cancel", G_CALLBACK (on_drag_cancel_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->canvas), GTK_EVENT_CONTROLLER (drag));

  controller = gtk_event_controller_motion_new ();
  g_signal_connect_swapped (controller, "motion", G_CALLBACK (on_motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->canvas), controller);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect_swapped (controller, "scroll", G_CALLBACK (on_scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->canvas), controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->canvas), controller);

  g_signal_connect_swapped (self->canvas, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), self);
  self->dark_id = g_signal_connect_swapped (adw_style_manager_get_default (), "notify::dark",
                                            G_CALLBACK (on_dark_changed_cb), self);

  self->context_signals = g_signal_group_new (GW_TYPE_CONTEXT);
  g_signal_group_connect_object (self->context_signals, "notify::store",
                                 G_CALLBACK (on_context_store_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->context_signals, "notify::selected-item",
                                 G_CALLBACK (on_context_selected_item_cb), self, G_CONNECT_SWAPPED);
  self->store_signals = g_signal_group_new (GW_TYPE_STORE);
  g_signal_group_connect_object (self->store_signals, "changed",
                                 G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
}

/* Public API */

/**
 * gw_gantt_view_get_context:
 *
 * Returns: (transfer none) (nullable): the context the page shows
 */
GwContext *
gw_gantt_view_get_context (GwGanttView *self)
{
  g_return_val_if_fail (GW_IS_GANTT_VIEW (self), NULL);
  return self->context;
}

void
gw_gantt_view_set_context (GwGanttView *self,
                           GwContext   *context)
{
  g_return_if_fail (GW_IS_GANTT_VIEW (self));
  g_return_if_fail (context == NULL || GW_IS_CONTEXT (context));

  if (!g_set_object (&self->context, context))
    return;
  g_signal_group_set_target (self->context_signals, context);
  g_signal_group_set_target (self->store_signals, context ? gw_context_get_store (context) : NULL);
  reset (self);
  queue_recompute (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

GwGanttZoom
gw_gantt_view_get_zoom (GwGanttView *self)
{
  g_return_val_if_fail (GW_IS_GANTT_VIEW (self), GW_GANTT_ZOOM_WEEK);
  return self->zoom;
}

/**
 * gw_gantt_view_set_zoom:
 *
 * Zooms about the middle of the page.
 */
void
gw_gantt_view_set_zoom (GwGanttView *self,
                        GwGanttZoom  zoom)
{
  g_return_if_fail (GW_IS_GANTT_VIEW (self));
  zoom_at (self, zoom, canvas_width (self) / 2);
}

/**
 * gw_gantt_view_get_chart:
 *
 * Returns: (transfer none) (nullable): the chart shown, with its viewport
 *   where the page is scrolled to
 */
GwGanttChart *
gw_gantt_view_get_chart (GwGanttView *self)
{
  g_return_val_if_fail (GW_IS_GANTT_VIEW (self), NULL);
  sync_viewport (self);
  return self->chart;
}

/**
 * gw_gantt_view_get_canvas:
 *
 * Returns: (transfer none): the widget the chart is drawn in; the chart's
 *   coordinates are its own
 */
GtkWidget *
gw_gantt_view_get_canvas (GwGanttView *self)
{
  g_return_val_if_fail (GW_IS_GANTT_VIEW (self), NULL);
  return GTK_WIDGET (self->canvas);
}

/**
 * gw_gantt_view_is_busy:
 *
 * Returns: whether a schedule is being computed or waits to be
 */
gboolean
gw_gantt_view_is_busy (GwGanttView *self)
{
  g_return_val_if_fail (GW_IS_GANTT_VIEW (self), FALSE);
  return self->computing || self->recompute_id != 0 || self->preview_pending;
}

/**
 * gw_gantt_view_scroll_to_item:
 *
 * Scrolls so that the bar of the item with @key is in sight, opening its
 * group when it is collapsed.
 *
 * Returns: whether the item has a bar
 */
gboolean
gw_gantt_view_scroll_to_item (GwGanttView *self,
                              const char  *key)
{
  int index, row;
  GwRect bar;
  double row_h, page_h, page_w, x;

  g_return_val_if_fail (GW_IS_GANTT_VIEW (self), FALSE);

  index = find_item (self, key);
  if (index < 0 || gw_gantt_chart_get_schedule (self->chart)->items[index].state != GW_SCHEDULE_ACTIVE)
    return FALSE;
  row = gw_gantt_chart_get_item_row (self->chart, index);
  if (row < 0)
    {
      GwSchedule *s = gw_gantt_chart_get_schedule (self->chart);
      int ms = s->items[index].milestone;

      g_hash_table_remove (self->collapsed, ms >= 0 ? s->milestones[ms].key : "");
      apply_collapsed (self);
      update_adjustments (self);
      row = gw_gantt_chart_get_item_row (self->chart, index);
    }
  row_h = gw_gantt_chart_get_row_height (self->chart);
  page_h = gtk_adjustment_get_page_size (self->vadjustment);
  page_w = gtk_adjustment_get_page_size (self->hadjustment);
  if (row * row_h < gtk_adjustment_get_value (self->vadjustment) ||
      (row + 1) * row_h > gtk_adjustment_get_value (self->vadjustment) + page_h)
    gtk_adjustment_set_value (self->vadjustment, row * row_h - page_h / 3);

  sync_viewport (self);
  if (gw_gantt_chart_get_bar (self->chart, index, &bar))
    {
      double label_w;

      gw_gantt_chart_get_margins (self->chart, &label_w, NULL);
      x = bar.x - label_w + gtk_adjustment_get_value (self->hadjustment);
      if (x < gtk_adjustment_get_value (self->hadjustment) ||
          x + MIN (bar.w, page_w / 2) > gtk_adjustment_get_value (self->hadjustment) + page_w)
        gtk_adjustment_set_value (self->hadjustment, x - page_w / 4);
    }
  sync_viewport (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
  return TRUE;
}
