/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The Resources page: each role's people and hours a week (every change
 * one undoable edit of the register), the load chart of the roles per
 * week, month or milestone, and the two tables of the seeds' "Resource
 * Requirements": what each period needs of each role, and each role's
 * total effort. The numbers are the schedule's own table of hours and
 * people per period (GwScheduleLoad), the one the resource CSV exports.
 * The schedule is computed in a worker thread after each burst of
 * changes, as on the Gantt page. */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>

#include "gw-chart-source.h"
#include "gw-resources-view.h"
#include "gw-style-palette.h"

typedef struct
{
  char            *path;      /* read the register from this file in the thread... */
  GwScheduleInput *input;     /* ...or schedule this snapshot of it */
  guint            generation;
} Job;

typedef enum
{
  COLUMN_PERIOD,
  COLUMN_DATES,
  COLUMN_ROLE,       /* a role's people or hours in the period */
  COLUMN_TOTAL,      /* every role's */
  COLUMN_NAME,
  COLUMN_HEADCOUNT,
  COLUMN_HOURS,
  COLUMN_FTE_WEEKS,
  COLUMN_PEAK,
} ColumnKind;

typedef struct
{
  GwResourcesView *view;
  ColumnKind       kind;
  int              role;
  gboolean         numeric;
} Column;

struct _GwResourcesView
{
  GtkWidget        parent_instance;

  GwContext       *context;
  GSignalGroup    *context_signals;
  GSignalGroup    *store_signals;
  gulong           dark_id;

  GwSchedule      *schedule;
  GwResourceChart *chart;
  GCancellable    *cancellable;
  guint            generation;
  gboolean         computing;
  gboolean         dirty;
  guint            recompute_id;
  gboolean         updating;        /* the page sets its spin buttons */
  GPtrArray       *role_rows;       /* GtkWidget: the rows of the roles group */
  GStrv            row_keys;        /* what each row stands for */

  /* template */
  GtkDropDown         *period_dropdown;
  GtkDropDown         *metric_dropdown;
  GtkLabel            *summary_label;
  GtkStack            *stack;
  AdwPreferencesGroup *roles_group;
  GtkDrawingArea      *load_area;
  GtkLabel            *requirements_label;
  GtkScrolledWindow   *requirements_scroller;
  GtkColumnView       *requirements_view;
  GtkColumnView       *totals_view;
  AdwStatusPage       *error_page;
};

static void chart_source_iface_init (GwChartSourceInterface *iface);
static void start_computation (GwResourcesView *self);

G_DEFINE_FINAL_TYPE_WITH_CODE (GwResourcesView, gw_resources_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GW_TYPE_CHART_SOURCE, chart_source_iface_init))

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define RECOMPUTE_DELAY_MS 80

/* Jobs */

static void
job_free (gpointer data)
{
  Job *job = data;

  g_free (job->path);
  g_clear_pointer (&job->input, gw_schedule_input_unref);
  g_free (job);
}

static void
compute_in_thread (GTask        *task,
                   gpointer      source,
                   gpointer      data,
                   GCancellable *cancellable)
{
  Job *job = data;
  g_autoptr(GError) error = NULL;
  GwSchedule *schedule;

  if (job->path != NULL)
    {
      g_autoptr(GwStore) store = gw_store_open (job->path, GW_STORE_OPEN_READ_ONLY, &error);

      schedule = store ? gw_schedule_new_from_store (store, &error) : NULL;
    }
  else
    schedule = gw_schedule_compute (job->input, &error);
  if (schedule == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, schedule, (GDestroyNotify) gw_schedule_unref);
}

/* Helpers */

static GwStore *
get_store (GwResourcesView *self)
{
  return self->context ? gw_context_get_store (self->context) : NULL;
}

static void
show_error (GwResourcesView *self,
            const GError    *error)
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

static GwSchedulePeriod
get_period (GwResourcesView *self)
{
  guint selected = gtk_drop_down_get_selected (self->period_dropdown);

  return selected <= GW_SCHEDULE_PERIOD_MILESTONE ? (GwSchedulePeriod) selected : GW_SCHEDULE_PERIOD_WEEK;
}

static GwResourceMetric
get_metric (GwResourcesView *self)
{
  return gtk_drop_down_get_selected (self->metric_dropdown) == 1 ? GW_RESOURCE_METRIC_PEOPLE
                                                                 : GW_RESOURCE_METRIC_HOURS;
}

static char *
format_day (const GDate *date,
            const char  *format)
{
  g_autoptr(GDateTime) dt = NULL;

  if (!g_date_valid (date))
    return g_strdup ("");
  dt = g_date_time_new_utc (g_date_get_year (date), g_date_get_month (date), g_date_get_day (date), 0, 0, 0);
  return g_date_time_format (dt, format);
}

static char *
format_amount (GwResourcesView *self,
               double           value)
{
  if (get_metric (self) == GW_RESOURCE_METRIC_PEOPLE)
    return g_strdup_printf ("%.0f", value);
  return gw_format_hours (value);
}

/* The role of the schedule named @name, or -1. */
static int
schedule_role (GwResourcesView *self,
               const char      *name)
{
  for (guint r = 0; self->schedule != NULL && r < self->schedule->n_roles; r++)
    if (g_strcmp0 (self->schedule->roles[r].name, name) == 0)
      return (int) r;
  return -1;
}

/* Roles */

static GwRole *
find_role (GPtrArray  *roles,
           const char *name)
{
  for (guint i = 0; i < roles->len; i++)
    {
      GwRole *role = g_ptr_array_index (roles, i);

      if (g_str_equal (role->name, name))
        return role;
    }
  return NULL;
}

static void
on_role_spin_changed_cb (GwResourcesView *self,
                         GtkSpinButton   *spin)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (spin), ADW_TYPE_ACTION_ROW);
  GwStore *store = get_store (self);
  g_autoptr(GPtrArray) roles = NULL;
  g_autoptr(GwRole) changed = NULL;
  g_autoptr(GError) error = NULL;
  GwRole *role;

  if (self->updating || row == NULL || store == NULL)
    return;
  roles = gw_store_list_roles (store);
  role = find_role (roles, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  if (role == NULL)
    return;
  changed = gw_role_copy (role);
  if (g_str_equal (gtk_widget_get_name (GTK_WIDGET (spin)), "headcount"))
    changed->headcount = gtk_spin_button_get_value_as_int (spin);
  else
    changed->hours_per_week = gtk_spin_button_get_value (spin);
  if (changed->headcount == role->headcount && changed->hours_per_week == role->hours_per_week)
    return;
  if (!gw_store_put_role (store, changed, &error))
    show_error (self, error);
}

static void
on_add_role_clicked_cb (GwResourcesView *self,
                        GtkButton       *button)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_ACTION_ROW);
  g_autoptr(GwRole) role = NULL;
  g_autoptr(GError) error = NULL;

  if (row == NULL || get_store (self) == NULL)
    return;
  role = gw_role_new (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  role->headcount = 1;
  role->hours_per_week = self->schedule ? gw_calendar_get_hours_per_week (self->schedule->calendar) : 40;
  if (!gw_store_put_role (get_store (self), role, &error))
    show_error (self, error);
}

static GtkWidget *
make_spin (GwResourcesView *self,
           const char      *name,
           double           max,
           const char      *unit,
           const char      *tooltip,
           GtkWidget       *row)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (0, max, 1);
  GtkWidget *label = gtk_label_new (unit);

  gtk_widget_set_name (spin, name);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (spin, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  g_signal_connect_swapped (spin, "value-changed", G_CALLBACK (on_role_spin_changed_cb), self);
  gtk_widget_add_css_class (label, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  return spin;
}

static GtkWidget *
make_role_row (GwResourcesView *self,
               const char      *key)
{
  GtkWidget *row = adw_action_row_new ();
  const char *name = key + 2;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), *key == 'n' ? _("No owner") : name);
  if (*key == 'd')
    {
      make_spin (self, "headcount", 10000, _("people"), _("People of the role"), row);
      make_spin (self, "hours-per-week", 168, _("h a week"), _("Hours each of them works in a week"), row);
    }
  else if (*key == 'u')
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Add Role"));

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, _("Make it a role of the register with one person"));
      g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_add_role_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  return row;
}

static GtkSpinButton *
row_spin (GtkWidget  *row,
          const char *name)
{
  GtkWidget *child;

  /* The suffixes sit deep in the row: search its widgets. */
  for (child = gtk_widget_get_first_child (row); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkSpinButton *found;

      if (GTK_IS_SPIN_BUTTON (child) && g_str_equal (gtk_widget_get_name (child), name))
        return GTK_SPIN_BUTTON (child);
      if ((found = row_spin (child, name)) != NULL)
        return found;
    }
  return NULL;
}

/* The rows: the register's roles, then owners that are not roles, then
 * the items without an owner. Rows are made again only when that list
 * changes, so that a field being edited keeps its focus. */
static void
update_roles (GwResourcesView *self)
{
  GwStore *store = get_store (self);
  g_autoptr(GPtrArray) roles = store ? gw_store_list_roles (store) : g_ptr_array_new ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) keys = NULL;
  const GwSchedule *s = self->schedule;

  for (guint i = 0; i < roles->len; i++)
    {
      g_autofree char *key = g_strconcat ("d:", ((GwRole *) g_ptr_array_index (roles, i))->name, NULL);

      g_strv_builder_add (builder, key);
    }
  for (guint r = 0; s != NULL && r < s->n_roles; r++)
    if (!s->roles[r].defined && s->roles[r].n_items > 0)
      {
        g_autofree char *key = g_strconcat (s->roles[r].name ? "u:" : "n:", s->roles[r].name ? s->roles[r].name : "",
                                            NULL);

        if (s->roles[r].name == NULL || find_role (roles, s->roles[r].name) == NULL)
          g_strv_builder_add (builder, key);
      }
  keys = g_strv_builder_end (builder);

  if (self->row_keys == NULL || !g_strv_equal ((const char * const *) keys, (const char * const *) self->row_keys))
    {
      for (guint i = 0; i < self->role_rows->len; i++)
        adw_preferences_group_remove (self->roles_group, g_ptr_array_index (self->role_rows, i));
      g_ptr_array_set_size (self->role_rows, 0);
      for (guint i = 0; keys[i] != NULL; i++)
        {
          GtkWidget *row = make_role_row (self, keys[i]);

          adw_preferences_group_add (self->roles_group, row);
          g_ptr_array_add (self->role_rows, row);
        }
      g_strfreev (self->row_keys);
      self->row_keys = g_steal_pointer (&keys);
    }

  self->updating = TRUE;
  for (guint i = 0; i < self->role_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->role_rows, i);
      const char *key = self->row_keys[i];
      int r = schedule_role (self, *key == 'n' ? NULL : key + 2);
      g_autofree char *subtitle = NULL;

      if (*key == 'd')
        {
          GwRole *role = find_role (roles, key + 2);
          GtkSpinButton *headcount = row_spin (row, "headcount");
          GtkSpinButton *hours = row_spin (row, "hours-per-week");

          g_assert (role != NULL && headcount != NULL && hours != NULL);
          gtk_spin_button_set_value (headcount, role->headcount);
          gtk_spin_button_set_digits (hours, fmod (role->hours_per_week, 1) != 0 ? 1 : 0);
          gtk_spin_button_set_value (hours, role->hours_per_week);
        }
      if (r >= 0 && s->roles[r].n_items > 0)
        {
          g_autofree char *effort = gw_format_hours (s->roles[r].effort_hours);

          /* Translators: a role's work in the schedule, "12 items · 96 h" */
          subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item · %s h", "%u items · %s h",
                                                   s->roles[r].n_items), s->roles[r].n_items, effort);
        }
      else
        subtitle = g_strdup (_("No items"));
      if (*key == 'u')
        {
          char *note = g_strdup_printf (_("%s — not a role of the register: scheduled without a limit"), subtitle);

          g_free (subtitle);
          subtitle = note;
        }
      else if (*key == 'n')
        {
          char *note = g_strdup_printf (_("%s — scheduled without a limit"), subtitle);

          g_free (subtitle);
          subtitle = note;
        }
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
    }
  self->updating = FALSE;
}

/* Tables */

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               Column                   *column)
{
  GtkWidget *cell = gtk_inscription_new (NULL);

  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (cell), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (cell), 3);
  if (column->numeric)
    {
      gtk_inscription_set_xalign (GTK_INSCRIPTION (cell), 1.0);
      gtk_widget_add_css_class (cell, "numeric");
    }
  gtk_list_item_set_child (list_item, cell);
}

static char *
requirements_text (GwResourcesView *self,
                   Column          *column,
                   guint            k,
                   gboolean        *over)
{
  const GwScheduleLoad *load = gw_resource_chart_get_load (self->chart);
  double total = 0;

  switch (column->kind)
    {
    case COLUMN_PERIOD:
      return g_strdup (*load->labels[k] ? load->labels[k] : _("No milestone"));
    case COLUMN_DATES:
      {
        /* Translators: the first and last day of a period; see g_date_time_format() */
        g_autofree char *first = format_day (&load->first_days[k], _("%-d %b"));
        g_autofree char *last = format_day (&load->last_days[k], _("%-d %b %Y"));

        return *first ? g_strdup_printf ("%s – %s", first, last) : g_strdup ("");
      }
    case COLUMN_ROLE:
      *over = gw_resource_chart_is_over (self->chart, column->role, k);
      return format_amount (self, gw_resource_chart_get_value (self->chart, column->role, k));
    case COLUMN_TOTAL:
      for (guint r = 0; r < load->n_roles; r++)
        total += gw_resource_chart_get_value (self->chart, (int) r, k);
      return format_amount (self, total);
    default:
      g_return_val_if_reached (NULL);
    }
}

static char *
totals_text (GwResourcesView *self,
             Column          *column,
             guint            row)
{
  const GwScheduleLoad *load = gw_resource_chart_get_load (self->chart);
  const GwSchedule *s = self->schedule;
  guint n_lanes = gw_resource_chart_get_n_lanes (self->chart);
  gboolean total = row >= n_lanes;
  int r = total ? -1 : gw_resource_chart_get_lane_role (self->chart, row);
  double sum = 0;
  int peak = 0;

  switch (column->kind)
    {
    case COLUMN_NAME:
      return g_strdup (total ? _("Total") : gw_schedule_get_role_name (s, r));
    case COLUMN_HEADCOUNT:
      if (!total)
        return s->roles[r].limited ? g_strdup_printf ("%d", s->roles[r].headcount) : g_strdup ("—");
      for (guint k = 0; k < n_lanes; k++)
        {
          int lr = gw_resource_chart_get_lane_role (self->chart, k);

          peak += s->roles[lr].limited ? s->roles[lr].headcount : 0;
        }
      return g_strdup_printf ("%d", peak);
    case COLUMN_HOURS:
      if (!total)
        return gw_format_hours (load->role_hours[r]);
      for (guint k = 0; k < n_lanes; k++)
        sum += load->role_hours[gw_resource_chart_get_lane_role (self->chart, k)];
      return gw_format_hours (sum);
    case COLUMN_FTE_WEEKS:
      for (guint k = 0; k < n_lanes; k++)
        {
          int lr = gw_resource_chart_get_lane_role (self->chart, k);

          if ((total || lr == r) && s->roles[lr].hours_per_week > 0)
            sum += load->role_hours[lr] / s->roles[lr].hours_per_week;
        }
      return g_strdup_printf ("%.1f", sum);
    case COLUMN_PEAK:
      if (!total)
        return g_strdup_printf ("%d", load->peak_people[r]);
      /* The most people at work in one period, all roles together. */
      for (guint k = 0; k < load->n_periods; k++)
        {
          int people = 0;

          for (guint lr = 0; lr < load->n_roles; lr++)
            people += load->people[k * load->n_roles + lr];
          peak = MAX (peak, people);
        }
      return g_strdup_printf ("%d", peak);
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              Column                   *column)
{
  GwResourcesView *self = column->view;
  GtkStringObject *item = gtk_list_item_get_item (list_item);
  GtkWidget *cell = gtk_list_item_get_child (list_item);
  guint index = (guint) atoi (gtk_string_object_get_string (item));
  g_autofree char *text = NULL;
  gboolean over = FALSE;

  if (self->chart == NULL)
    return;
  if (column->kind <= COLUMN_TOTAL)
    text = requirements_text (self, column, index, &over);
  else
    text = totals_text (self, column, index);
  gtk_inscription_set_text (GTK_INSCRIPTION (cell), text);
  if (over)
    gtk_widget_add_css_class (cell, "error");
  else
    gtk_widget_remove_css_class (cell, "error");
  if (column->kind >= COLUMN_NAME && index >= gw_resource_chart_get_n_lanes (self->chart))
    gtk_widget_add_css_class (cell, "heading");
  else
    gtk_widget_remove_css_class (cell, "heading");
}

static void
add_column (GwResourcesView *self,
            GtkColumnView   *view,
            const char      *title,
            ColumnKind       kind,
            int              role)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) column = NULL;
  Column *data = g_new0 (Column, 1);

  data->view = self;
  data->kind = kind;
  data->role = role;
  data->numeric = kind != COLUMN_PERIOD && kind != COLUMN_DATES && kind != COLUMN_NAME;
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), data);
  g_signal_connect_data (factory, "bind", G_CALLBACK (bind_cell_cb), data, (GClosureNotify) g_free, 0);
  column = gtk_column_view_column_new (title, g_object_ref (factory));
  gtk_column_view_column_set_resizable (column, TRUE);
  /* Labels keep their room; the numbers share what is left. */
  if (kind == COLUMN_PERIOD)
    gtk_column_view_column_set_fixed_width (column, 120);
  else if (kind == COLUMN_DATES)
    gtk_column_view_column_set_fixed_width (column, 200);
  else if (kind == COLUMN_NAME)
    gtk_column_view_column_set_expand (column, TRUE);
  else if (kind == COLUMN_ROLE || kind == COLUMN_TOTAL)
    gtk_column_view_column_set_expand (column, TRUE);
  else
    gtk_column_view_column_set_fixed_width (column, 130);
  gtk_column_view_append_column (view, column);
}

static void
set_rows (GtkColumnView *view,
          guint          n_rows)
{
  g_autoptr(GtkStringList) rows = gtk_string_list_new (NULL);
  g_autoptr(GtkNoSelection) model = NULL;

  for (guint i = 0; i < n_rows; i++)
    {
      char text[16];

      g_snprintf (text, sizeof text, "%u", i);
      gtk_string_list_append (rows, text);
    }
  model = gtk_no_selection_new (G_LIST_MODEL (g_steal_pointer (&rows)));
  gtk_column_view_set_model (view, GTK_SELECTION_MODEL (model));
}

static void
clear_columns (GtkColumnView *view)
{
  GListModel *columns = gtk_column_view_get_columns (view);

  gtk_column_view_set_model (view, NULL);
  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);

      gtk_column_view_remove_column (view, column);
    }
}

static void
update_tables (GwResourcesView *self)
{
  const GwScheduleLoad *load;
  guint n_lanes;

  clear_columns (self->requirements_view);
  clear_columns (self->totals_view);
  if (self->chart == NULL)
    return;
  load = gw_resource_chart_get_load (self->chart);
  n_lanes = gw_resource_chart_get_n_lanes (self->chart);

  gtk_label_set_label (self->requirements_label, get_metric (self) == GW_RESOURCE_METRIC_PEOPLE
                                                 ? _("Resource Requirements (people at work)")
                                                 : _("Resource Requirements (hours of work)"));
  add_column (self, self->requirements_view, get_period (self) == GW_SCHEDULE_PERIOD_MILESTONE
                                             ? _("Milestone") : _("Period"), COLUMN_PERIOD, -1);
  add_column (self, self->requirements_view, _("Dates"), COLUMN_DATES, -1);
  for (guint lane = 0; lane < n_lanes; lane++)
    {
      int r = gw_resource_chart_get_lane_role (self->chart, lane);

      add_column (self, self->requirements_view, gw_schedule_get_role_name (self->schedule, r), COLUMN_ROLE, r);
    }
  add_column (self, self->requirements_view, _("Total"), COLUMN_TOTAL, -1);
  set_rows (self->requirements_view, load->n_periods);
  /* As tall as its rows, up to the scrolled window's most. */
  gtk_scrolled_window_set_min_content_height (self->requirements_scroller, MIN (40 + 34 * (int) load->n_periods, 360));

  add_column (self, self->totals_view, _("Role"), COLUMN_NAME, -1);
  add_column (self, self->totals_view, _("People"), COLUMN_HEADCOUNT, -1);
  add_column (self, self->totals_view, _("Total Hours"), COLUMN_HOURS, -1);
  add_column (self, self->totals_view, _("Full-Time Weeks"), COLUMN_FTE_WEEKS, -1);
  add_column (self, self->totals_view, _("Peak People"), COLUMN_PEAK, -1);
  set_rows (self->totals_view, n_lanes + 1);
}

static void
update_summary (GwResourcesView *self)
{
  g_autofree char *text = NULL;
  g_autofree char *hours = NULL;
  guint over, n_lanes;
  double total = 0;

  if (self->chart == NULL)
    {
      gtk_label_set_label (self->summary_label, "");
      return;
    }
  n_lanes = gw_resource_chart_get_n_lanes (self->chart);
  for (guint lane = 0; lane < n_lanes; lane++)
    total += gw_resource_chart_get_load (self->chart)->role_hours[gw_resource_chart_get_lane_role (self->chart, lane)];
  hours = gw_format_hours (total);
  over = gw_resource_chart_count_over (self->chart);
  /* Translators: the Resources page's summary, "5 roles · 660 h" */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u role · %s h", "%u roles · %s h", n_lanes), n_lanes, hours);
  if (over > 0)
    {
      char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u period over capacity",
                                                 "%s · %u periods over capacity", over), text, over);

      g_free (text);
      text = more;
    }
  gtk_label_set_label (self->summary_label, text);
}

/* The chart and tables of the schedule, by the chosen period and measure. */
static void
update_chart (GwResourcesView *self)
{
  g_clear_pointer (&self->chart, gw_resource_chart_free);
  if (self->schedule != NULL)
    {
      double height;

      self->chart = gw_resource_chart_new (self->schedule, get_period (self), get_metric (self));
      gw_resource_chart_get_natural_size (self->chart, NULL, &height);
      gtk_drawing_area_set_content_height (self->load_area, (int) ceil (height));
    }
  update_tables (self);
  update_summary (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->load_area));
  gw_chart_source_chart_changed (GW_CHART_SOURCE (self));
}

static void
set_schedule (GwResourcesView *self,
              GwSchedule      *schedule)
{
  g_clear_pointer (&self->schedule, gw_schedule_unref);
  self->schedule = schedule;
  update_chart (self);
  update_roles (self);
  if (schedule == NULL)
    gtk_stack_set_visible_child_name (self->stack, get_store (self) ? "loading" : "empty");
  else
    gtk_stack_set_visible_child_name (self->stack, "content");
}

static void
on_computed_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  GwResourcesView *self = GW_RESOURCES_VIEW (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  GwSchedule *schedule = g_task_propagate_pointer (G_TASK (result), &error);

  /* A computation for another register, or one the page gave up (it may
   * be gone: its dispose cancels). */
  if (job->generation != self->generation || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_pointer (&schedule, gw_schedule_unref);
      return;
    }
  self->computing = FALSE;
  if (schedule != NULL)
    set_schedule (self, schedule);
  else
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
    }
  if (self->dirty)
    start_computation (self);
}

static void
start_computation (GwResourcesView *self)
{
  GwStore *store = get_store (self);
  const char *path = store ? gw_store_get_path (store) : NULL;
  g_autoptr(GTask) task = NULL;
  Job *job;

  if (store == NULL)
    return;
  if (self->computing)
    {
      self->dirty = TRUE;
      return;
    }
  self->dirty = FALSE;
  job = g_new0 (Job, 1);
  job->generation = ++self->generation;
  /* A register in a file is read in the thread through a connection of
   * its own; one in memory has only this one. */
  if (path != NULL && g_file_test (path, G_FILE_TEST_IS_REGULAR))
    job->path = g_strdup (path);
  else
    {
      g_autoptr(GError) error = NULL;

      job->input = gw_schedule_input_new_from_store (store, &error);
      if (job->input == NULL)
        {
          job_free (job);
          adw_status_page_set_description (self->error_page, error->message);
          gtk_stack_set_visible_child_name (self->stack, "error");
          return;
        }
    }
  self->computing = TRUE;
  task = g_task_new (self, self->cancellable, on_computed_cb, NULL);
  g_task_set_source_tag (task, start_computation);
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, compute_in_thread);
}

static gboolean
on_recompute_timeout_cb (gpointer data)
{
  GwResourcesView *self = GW_RESOURCES_VIEW (data);

  self->recompute_id = 0;
  start_computation (self);
  return G_SOURCE_REMOVE;
}

static void
queue_recompute (GwResourcesView *self)
{
  self->dirty = TRUE;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  g_clear_handle_id (&self->recompute_id, g_source_remove);
  self->recompute_id = g_timeout_add (RECOMPUTE_DELAY_MS, on_recompute_timeout_cb, self);
}

static void
reset (GwResourcesView *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->generation++;
  self->computing = FALSE;
  g_clear_handle_id (&self->recompute_id, g_source_remove);
  set_schedule (self, NULL);
}

/* Callbacks */

static void
draw_load (GtkDrawingArea *area,
           cairo_t        *cr,
           int             width,
           int             height,
           gpointer        data)
{
  GwResourcesView *self = GW_RESOURCES_VIEW (data);
  GwRenderPalette palette;

  if (self->chart == NULL)
    return;
  gw_style_palette_for_widget (GTK_WIDGET (area), &palette);
  gw_resource_chart_layout (self->chart, cr, &palette, width, height);
  gw_resource_chart_draw (self->chart, cr, &palette);
}

static gboolean
on_load_query_tooltip_cb (GwResourcesView *self,
                          int              x,
                          int              y,
                          gboolean         keyboard,
                          GtkTooltip      *tooltip,
                          GtkWidget       *widget)
{
  const GwScheduleLoad *load;
  g_autofree char *value = NULL;
  g_autofree char *capacity = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autofree char *text = NULL;
  int role;
  guint k;

  if (keyboard || self->chart == NULL || !gw_resource_chart_hit (self->chart, x, y, &role, &k))
    return FALSE;
  load = gw_resource_chart_get_load (self->chart);
  value = format_amount (self, gw_resource_chart_get_value (self->chart, role, k));
  capacity = format_amount (self, gw_resource_chart_get_capacity (self->chart, role, k));
  first = format_day (&load->first_days[k], _("%-d %b"));
  last = format_day (&load->last_days[k], _("%-d %b %Y"));
  if (get_metric (self) == GW_RESOURCE_METRIC_PEOPLE)
    /* Translators: a bar of the load chart, "backend · Week 3 (18 Jan – 24 Jan 2027): 2 of 3 people" */
    text = g_strdup_printf (_("%s · %s (%s – %s): %s of %s people"), gw_schedule_get_role_name (self->schedule, role),
                            *load->labels[k] ? load->labels[k] : _("No milestone"), first, last, value, capacity);
  else
    /* Translators: a bar of the load chart, "backend · Week 3 (18 Jan – 24 Jan 2027): 64 of 120 h" */
    text = g_strdup_printf (_("%s · %s (%s – %s): %s of %s h"), gw_schedule_get_role_name (self->schedule, role),
                            *load->labels[k] ? load->labels[k] : _("No milestone"), first, last, value, capacity);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
on_options_changed_cb (GwResourcesView *self)
{
  update_chart (self);
}

static void
on_store_changed_cb (GwResourcesView *self,
                     const GwChange  *change,
                     GwStore         *store)
{
  queue_recompute (self);
}

static void
on_context_store_cb (GwResourcesView *self,
                     GParamSpec      *pspec,
                     GwContext       *context)
{
  g_signal_group_set_target (self->store_signals, gw_context_get_store (context));
  reset (self);
  queue_recompute (self);
}

static void
on_dark_changed_cb (GwResourcesView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self->load_area));
}

/* GwChartSource */

static char *
gw_resources_view_get_title (GwChartSource *source)
{
  return g_strdup (_("Resources"));
}

static void
gw_resources_view_get_natural_size (GwChartSource *source,
                                    double        *width,
                                    double        *height)
{
  GwResourcesView *self = GW_RESOURCES_VIEW (source);

  *width = 800;
  *height = 400;
  if (self->chart != NULL)
    gw_resource_chart_get_natural_size (self->chart, width, height);
}

static void
gw_resources_view_draw_chart (GwChartSource         *source,
                              cairo_t               *cr,
                              double                 width,
                              double                 height,
                              const GwRenderPalette *palette)
{
  GwResourcesView *self = GW_RESOURCES_VIEW (source);

  if (self->chart == NULL)
    return;
  gw_resource_chart_layout (self->chart, cr, palette, width, height);
  gw_resource_chart_draw (self->chart, cr, palette);
  /* The page lays its chart out again at its own size. */
  gtk_widget_queue_draw (GTK_WIDGET (self->load_area));
}

/* Hidden, the page computes nothing; the presentation needs its chart. */
static void
gw_resources_view_prepare (GwChartSource *source)
{
  GwResourcesView *self = GW_RESOURCES_VIEW (source);

  if (self->schedule == NULL || self->dirty)
    {
      g_clear_handle_id (&self->recompute_id, g_source_remove);
      start_computation (self);
    }
}

static gboolean
gw_resources_view_is_ready (GwChartSource *source)
{
  return GW_RESOURCES_VIEW (source)->chart != NULL;
}

static void
chart_source_iface_init (GwChartSourceInterface *iface)
{
  iface->get_title = gw_resources_view_get_title;
  iface->get_natural_size = gw_resources_view_get_natural_size;
  iface->draw = gw_resources_view_draw_chart;
  iface->prepare = gw_resources_view_prepare;
  iface->is_ready = gw_resources_view_is_ready;
}

/* GtkWidget */

static void
gw_resources_view_map (GtkWidget *widget)
{
  GwResourcesView *self = GW_RESOURCES_VIEW (widget);

  GTK_WIDGET_CLASS (gw_resources_view_parent_class)->map (widget);
  if (self->dirty && self->recompute_id == 0)
    queue_recompute (self);
}

/* GObject */

static void
gw_resources_view_dispose (GObject *object)
{
  GwResourcesView *self = GW_RESOURCES_VIEW (object);

  /* A computation still running finds the page gone. */
  self->generation++;
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->recompute_id, g_source_remove);
  g_clear_signal_handler (&self->dark_id, adw_style_manager_get_default ());
  if (self->context_signals != NULL)
    g_signal_group_set_target (self->context_signals, NULL);
  if (self->store_signals != NULL)
    g_signal_group_set_target (self->store_signals, NULL);
  if (self->requirements_view != NULL)
    {
      clear_columns (self->requirements_view);
      clear_columns (self->totals_view);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), GW_TYPE_RESOURCES_VIEW);
  /* Children the template does not bind (the toolbar) are ours to drop. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->chart, gw_resource_chart_free);
  g_clear_pointer (&self->schedule, gw_schedule_unref);
  g_clear_pointer (&self->role_rows, g_ptr_array_unref);
  g_clear_pointer (&self->row_keys, g_strfreev);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->context_signals);
  g_clear_object (&self->store_signals);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (gw_resources_view_parent_class)->dispose (object);
}

static void
gw_resources_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  GwResourcesView *self = GW_RESOURCES_VIEW (object);

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
gw_resources_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  GwResourcesView *self = GW_RESOURCES_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      gw_resources_view_set_context (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gw_resources_view_class_init (GwResourcesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gw_resources_view_dispose;
  object_class->get_property = gw_resources_view_get_property;
  object_class->set_property = gw_resources_view_set_property;
  widget_class->map = gw_resources_view_map;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, GW_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/gapwise/Gapwise/gw-resources-view.ui");
  gtk_widget_class_bind_template_child (widget_class, GwResourcesView, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GwResourcesView, metric_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GwResourcesView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, GwResourcesView, stack);
  gtk_widget_class_bind_template_child (widget_class, GwResourcesView, roles_group);
  gtk_widget_class_bind_template_child (widget_class, GwResourcesView, load_area);
  gtk_widget_class_bind_template_child (widget_class, GwResourcesView, requirements_label);
  gtk_widget_class_bind_template_child (widget_class, GwResourcesView, requirements_scroller);
  gtk_widget_class_bind_template_child (widget_class, GwResourcesView, requirements_view);
  gtk_widget_class_bind_template_child (widget_class, GwResourcesView, totals_view);
  gtk_widget_class_bind_template_child (widget_class, GwResourcesView, error_page);
  gtk_widget_class_bind_template_callback (widget_class, on_options_changed_cb);
}

static void
gw_resources_view_init (GwResourcesView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->role_rows = g_ptr_array_new ();
  gtk_drawing_area_set_draw_func (self->load_area, draw_load, self, NULL);
  g_signal_connect_swapped (self->load_area, "query-tooltip", G_CALLBACK (on_load_query_tooltip_cb), self);
  self->dark_id = g_signal_connect_swapped (adw_style_manager_get_default (), "notify::dark",
                                            G_CALLBACK (on_dark_changed_cb), self);

  self->context_signals = g_signal_group_new (GW_TYPE_CONTEXT);
  g_signal_group_connect_object (self->context_signals, "notify::store",
                                 G_CALLBACK (on_context_store_cb), self, G_CONNECT_SWAPPED);
  self->store_signals = g_signal_group_new (GW_TYPE_STORE);
  g_signal_group_connect_object (self->store_signals, "changed",
                                 G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
}

/* Public API */

/**
 * gw_resources_view_get_context:
 *
 * Returns: (transfer none) (nullable): the context the page shows
 */
GwContext *
gw_resources_view_get_context (GwResourcesView *self)
{
  g_return_val_if_fail (GW_IS_RESOURCES_VIEW (self), NULL);
  return self->context;
}

void
gw_resources_view_set_context (GwResourcesView *self,
                               GwContext       *context)
{
  g_return_if_fail (GW_IS_RESOURCES_VIEW (self));
  g_return_if_fail (context == NULL || GW_IS_CONTEXT (context));

  if (!g_set_object (&self->context, context))
    return;
  g_signal_group_set_target (self->context_signals, context);
  g_signal_group_set_target (self->store_signals, context ? gw_context_get_store (context) : NULL);
  reset (self);
  queue_recompute (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

void
gw_resources_view_set_period (GwResourcesView  *self,
                              GwSchedulePeriod  period)
{
  g_return_if_fail (GW_IS_RESOURCES_VIEW (self));
  gtk_drop_down_set_selected (self->period_dropdown, period);
}

void
gw_resources_view_set_metric (GwResourcesView  *self,
                              GwResourceMetric  metric)
{
  g_return_if_fail (GW_IS_RESOURCES_VIEW (self));
  gtk_drop_down_set_selected (self->metric_dropdown, metric == GW_RESOURCE_METRIC_PEOPLE ? 1 : 0);
}

/**
 * gw_resources_view_get_chart:
 *
 * Returns: (transfer none) (nullable): the load chart shown
 */
GwResourceChart *
gw_resources_view_get_chart (GwResourcesView *self)
{
  g_return_val_if_fail (GW_IS_RESOURCES_VIEW (self), NULL);
  return self->chart;
}

/**
 * gw_resources_view_get_role_spin:
 * @hours_per_week: the hours a week rather than the people
 *
 * Returns: (transfer none) (nullable): the field of @role's row
 */
GtkSpinButton *
gw_resources_view_get_role_spin (GwResourcesView *self,
                                 const char      *role,
                                 gboolean         hours_per_week)
{
  g_return_val_if_fail (GW_IS_RESOURCES_VIEW (self), NULL);

  for (guint i = 0; self->row_keys != NULL && i < self->role_rows->len; i++)
    if (self->row_keys[i][0] == 'd' && g_strcmp0 (self->row_keys[i] + 2, role) == 0)
      return row_spin (g_ptr_array_index (self->role_rows, i), hours_per_week ? "hours-per-week" : "headcount");
  return NULL;
}

/**
 * gw_resources_view_is_busy:
 *
 * Returns: whether a schedule is being computed or waits to be
 */
gboolean
gw_resources_view_is_busy (GwResourcesView *self)
{
  g_return_val_if_fail (GW_IS_RESOURCES_VIEW (self), FALSE);
  return self->computing || self->recompute_id != 0;
}
