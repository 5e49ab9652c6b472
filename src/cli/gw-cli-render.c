/* SPDX-License-Identifier: GPL-3.0-or-later */

/* gapwise-cli render: a chart of a register to a PNG, SVG or PDF file,
 * drawn by the same renderers as the window's views, in the light palette.
 * Each kind of chart is a row of the table at the end of this file. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "gw-cli-private.h"
#include "gw-gantt.h"
#include "gw-graph-render.h"
#include "gw-quadrant.h"
#include "gw-resource-chart.h"
#include "gw-risk-matrix.h"
#include "gw-schedule.h"
#include "gw-schedule-csv.h"

/* What every kind may use of the command line. */
typedef struct
{
  int      width;
  int      height;
  char    *color_by;
  char    *size_by;
  gboolean log_effort;
  int      grid;
  char    *milestone;
  char    *category;
  char    *status;
  char    *owner;
  char    *direction;
  gboolean no_bands;
  char    *zoom;
  char    *period;
  char    *metric;
} RenderOptions;

typedef struct
{
  const char *name;
  const char *summary;   /* translatable */
  int         default_width;
  int         default_height;
  /* Reads what the chart needs from @store into @state. */
  gboolean  (*prepare) (GwStore              *store,
                        const RenderOptions  *options,
                        gpointer             *state,
                        GError              **error);
  GwRenderDrawFunc draw;
  GDestroyNotify   free_state;
  /* For a chart with a size of its own (NULL: laid out at the size asked
   * for); --width and --height then scale it. */
  void      (*size)    (gpointer              state,
                        double               *width,
                        double               *height);
} RenderKind;

typedef struct
{
  GPtrArray        *items;
  GwQuadrantOptions options;
  int               grid;
  double            width, height;
} ItemsState;

/* Helpers */

static void
items_state_free (gpointer data)
{
  ItemsState *state = data;

  g_ptr_array_unref (state->items);
  g_free (state);
}

static gboolean
keep_item (GwItem              *item,
           const RenderOptions *o)
{
  GwStatus status;

  if (o->milestone != NULL && g_strcmp0 (gw_item_get_milestone (item), o->milestone) != 0)
    return FALSE;
  if (o->category != NULL && g_strcmp0 (gw_item_get_category (item), o->category) != 0)
    return FALSE;
  if (o->owner != NULL && g_strcmp0 (gw_item_get_owner (item), o->owner) != 0)
    return FALSE;
  if (o->status != NULL && gw_status_from_string (o->status, &status) && gw_item_get_status (item) != status)
    return FALSE;
  return TRUE;
}

/* The register's items that pass the filters, and the register's
 * thresholds and risk grid. */
static gboolean
prepare_items (GwStore              *store,
               const RenderOptions  *o,
               gpointer             *out,
               GError              **error)
{
  g_autoptr(GPtrArray) all = gw_store_list_items (store, error);
  ItemsState *state;
  double effort = gw_store_get_setting_double (store, "effort_threshold");
  double impact = gw_store_get_setting_double (store, "impact_threshold");
  double grid = gw_store_get_setting_double (store, "risk_grid");

  if (all == NULL)
    return FALSE;

  state = g_new0 (ItemsState, 1);
  state->items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < all->len; i++)
    if (keep_item (g_ptr_array_index (all, i), o))
      g_ptr_array_add (state->items, g_object_ref (g_ptr_array_index (all, i)));

  gw_quadrant_options_init (&state->options);
  if (!isnan (effort))
    state->options.scoring.effort_threshold = effort;
  if (!isnan (impact))
    state->options.scoring.impact_threshold = impact;
  if (o->color_by != NULL)
    gw_color_by_from_string (o->color_by, &state->options.color_by);
  if (o->size_by != NULL)
    gw_marker_size_from_string (o->size_by, &state->options.size_by);
  state->options.log_effort = o->log_effort;
  state->grid = o->grid != 0 ? o->grid : (grid == 3 ? 3 : 5);
  state->width = o->width;
  state->height = o->height;
  *out = state;
  return TRUE;
}

static void
draw_quadrant (cairo_t  *cr,
               gpointer  data)
{
  ItemsState *state = data;
  g_autoptr(GwQuadrantChart) chart = gw_quadrant_chart_new (state->items, &state->options);

  gw_quadrant_chart_layout (chart, cr, gw_render_palette_light (), state->width, state->height);
  gw_quadrant_chart_draw (chart, cr, gw_render_palette_light ());
}

static void
draw_risk (cairo_t  *cr,
           gpointer  data)
{
  ItemsState *state = data;
  g_autoptr(GwRiskMatrix) matrix = gw_risk_matrix_new (state->items, state->grid);

  gw_risk_matrix_layout (matrix, cr, gw_render_palette_light (), state->width, state->height);
  gw_risk_matrix_draw (matrix, cr, gw_render_palette_light ());
}

/* The dependency graph, with the critical path highlighted. */
typedef struct
{
  GwGraphRender *render;
  GHashTable    *critical;
} GraphState;

static void
graph_state_free (gpointer data)
{
  GraphState *state = data;

  gw_graph_render_free (state->render);
  g_clear_pointer (&state->critical, g_hash_table_unref);
  g_free (state);
}

static gboolean
parse_direction (const char       *text,
                 GwGraphDirection *direction)
{
  if (text == NULL || g_ascii_strcasecmp (text, "tb") == 0)
    *direction = GW_GRAPH_TOP_TO_BOTTOM;
  else if (g_ascii_strcasecmp (text, "lr") == 0)
    *direction = GW_GRAPH_LEFT_TO_RIGHT;
  else
    return FALSE;
  return TRUE;
}

static gboolean
prepare_graph (GwStore              *store,
               const RenderOptions  *o,
               gpointer             *out,
               GError              **error)
{
  g_autoptr(GPtrArray) all = gw_store_list_items (store, error);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) milestones = NULL;
  g_autoptr(GwSchedule) schedule = NULL;
  GwGraphLayoutOptions options;
  GraphState *state;

  if (all == NULL)
    return FALSE;
  items = g_ptr_array_new ();
  for (guint i = 0; i < all->len; i++)
    if (keep_item (g_ptr_array_index (all, i), o))
      g_ptr_array_add (items, g_ptr_array_index (all, i));
  milestones = gw_store_list_milestones (store);

  gw_graph_layout_options_init (&options);
  parse_direction (o->direction, &options.direction);
  options.bands = !o->no_bands;

  state = g_new0 (GraphState, 1);
  state->render = gw_graph_render_new (items, milestones, &options);
  /* The critical path, when the register can be scheduled. */
  schedule = gw_schedule_new_from_store (store, NULL);
  if (schedule != NULL && schedule->n_critical_path > 0)
    {
      state->critical = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; i < schedule->n_critical_path; i++)
        g_hash_table_add (state->critical, g_strdup (schedule->keys[schedule->critical_path[i]]));
    }
  *out = state;
  return TRUE;
}

static void
draw_graph (cairo_t  *cr,
            gpointer  data)
{
  GraphState *state = data;
  GwGraphView view;

  gw_graph_view_init (&view, gw_render_palette_light ());
  view.highlight = state->critical;
  gw_graph_render_draw (state->render, cr, &view);
}

static void
size_graph (gpointer  data,
            double   *width,
            double   *height)
{
  GraphState *state = data;

  gw_graph_render_get_size (state->render, width, height);
}

/* The Gantt chart of the schedule, every row of it, at the finest zoom
 * that keeps it within a width that still reads (or the zoom asked for);
 * --milestone folds the other milestones. */
#define GANTT_MAX_WIDTH 2400

static gboolean
prepare_gantt (GwStore              *store,
               const RenderOptions  *o,
               gpointer             *out,
               GError              **error)
{
  g_autoptr(GwCalendar) calendar = gw_calendar_new_from_store (store, error);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) roles = NULL;
  g_autoptr(GPtrArray) milestones = NULL;
  g_autoptr(GwScheduleInput) input = NULL;
  g_autoptr(GwSchedule) schedule = NULL;
  GwGanttChart *chart;
  GwGanttZoom zoom;
  GDate today;
  double width, height;

  if (calendar == NULL || (items = gw_store_list_items (store, error)) == NULL)
    return FALSE;
  roles = gw_store_list_roles (store);
  milestones = gw_store_list_milestones (store);
  input = gw_schedule_input_new_from_items (calendar, items, roles, milestones);
  schedule = gw_schedule_compute (input, error);
  if (schedule == NULL)
    return FALSE;

  chart = gw_gantt_chart_new (schedule, items, milestones);
  if (o->zoom == NULL || !gw_gantt_zoom_from_string (o->zoom, &zoom))
    zoom = gw_gantt_chart_fit_zoom (chart, GANTT_MAX_WIDTH);
  gw_gantt_chart_set_zoom (chart, zoom);
  gw_gantt_chart_set_color_by (chart, g_strcmp0 (o->color_by, "category") == 0 ? GW_GANTT_COLOR_CATEGORY
                                                                               : GW_GANTT_COLOR_PRIORITY);
  if (o->milestone != NULL)
    {
      g_autoptr(GStrvBuilder) others = g_strv_builder_new ();
      g_auto(GStrv) keys = NULL;

      for (guint k = 0; k < schedule->n_milestones; k++)
        if (!g_str_equal (schedule->milestones[k].key, o->milestone))
          g_strv_builder_add (others, schedule->milestones[k].key);
      g_strv_builder_add (others, "");
      keys = g_strv_builder_end (others);
      gw_gantt_chart_set_collapsed (chart, (const char * const *) keys);
    }
  g_date_clear (&today, 1);
  g_date_set_time_t (&today, time (NULL));
  gw_gantt_chart_set_today (chart, &today);
  gw_gantt_chart_get_size (chart, &width, &height);
  gw_gantt_chart_set_viewport (chart, 0, 0, width, height);
  *out = chart;
  return TRUE;
}

static void
draw_gantt (cairo_t  *cr,
            gpointer  data)
{
  gw_gantt_chart_draw (data, cr, gw_render_palette_light ());
}

static void
size_gantt (gpointer  data,
            double   *width,
            double   *height)
{
  gw_gantt_chart_get_size (data, width, height);
}

/* The load of each role per period against its capacity. */
static gboolean
prepare_resources (GwStore              *store,
                   const RenderOptions  *o,
                   gpointer             *out,
                   GError              **error)
{
  g_autoptr(GwSchedule) schedule = gw_schedule_new_from_store (store, error);
  GwSchedulePeriod period = GW_SCHEDULE_PERIOD_WEEK;

  if (schedule == NULL)
    return FALSE;
  if (o->period != NULL)
    gw_schedule_period_from_string (o->period, &period);
  *out = gw_resource_chart_new (schedule, period, g_strcmp0 (o->metric, "people") == 0 ? GW_RESOURCE_METRIC_PEOPLE
                                                                                       : GW_RESOURCE_METRIC_HOURS);
  return TRUE;
}

static void
draw_resources (cairo_t  *cr,
                gpointer  data)
{
  double width, height;

  gw_resource_chart_get_natural_size (data, &width, &height);
  gw_resource_chart_layout (data, cr, gw_render_palette_light (), width, height);
  gw_resource_chart_draw (data, cr, gw_render_palette_light ());
}

static void
size_resources (gpointer  data,
                double   *width,
                double   *height)
{
  gw_resource_chart_get_natural_size (data, width, height);
}

static const RenderKind render_kinds[] = {
  { "quadrant", N_("the impact/effort quadrant"), 1200, 800, prepare_items, draw_quadrant, items_state_free, NULL },
  { "risk", N_("the risk matrix"), 1100, 750, prepare_items, draw_risk, items_state_free, NULL },
  { "graph", N_("the dependency graph"), 0, 0, prepare_graph, draw_graph, graph_state_free, size_graph },
  { "gantt", N_("the Gantt chart of the schedule"), 0, 0, prepare_gantt, draw_gantt,
    (GDestroyNotify) gw_gantt_chart_free, size_gantt },
  { "resources", N_("the load of each role per period"), 0, 0, prepare_resources, draw_resources,
    (GDestroyNotify) gw_resource_chart_free, size_resources },
};

static const RenderKind *
find_kind (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (render_kinds); i++)
    if (g_str_equal (render_kinds[i].name, name))
      return &render_kinds[i];
  return NULL;
}

static char *
kind_names (void)
{
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (render_kinds); i++)
    {
      if (i > 0)
        g_string_append (names, i + 1 == G_N_ELEMENTS (render_kinds) ? _(" or ") : ", ");
      g_string_append (names, render_kinds[i].name);
    }
  return g_string_free (names, FALSE);
}

/* Command */

static int
cmd_render (const GwCliCommandInfo *info,
            int                     argc,
            char                  **argv)
{
  RenderOptions o = { 0 };
  g_autofree char *output = NULL;
  g_autofree char *names = NULL;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The file to write: .png, .svg or .pdf"), N_("FILE") },
    { "width", 0, 0, G_OPTION_ARG_INT, &o.width, N_("Width in pixels or points"), N_("N") },
    { "height", 0, 0, G_OPTION_ARG_INT, &o.height, N_("Height in pixels or points"), N_("N") },
    { "color-by", 0, 0, G_OPTION_ARG_STRING, &o.color_by, N_("Quadrant: colour by priority, category, status or milestone"), N_("FIELD") },
    { "size-by", 0, 0, G_OPTION_ARG_STRING, &o.size_by, N_("Quadrant: size by none, roi or risk"), N_("FIELD") },
    { "log", 0, 0, G_OPTION_ARG_NONE, &o.log_effort, N_("Quadrant: logarithmic effort axis"), NULL },
    { "grid", 0, 0, G_OPTION_ARG_INT, &o.grid, N_("Risk matrix: 3 or 5 cells a side"), N_("N") },
    { "milestone", 0, 0, G_OPTION_ARG_STRING, &o.milestone, N_("Only the items of this milestone"), N_("KEY") },
    { "category", 0, 0, G_OPTION_ARG_STRING, &o.category, N_("Only the items of this category"), N_("TEXT") },
    { "status", 0, 0, G_OPTION_ARG_STRING, &o.status, N_("Only the items of this status"), N_("STATUS") },
    { "owner", 0, 0, G_OPTION_ARG_STRING, &o.owner, N_("Only the items of this owner role"), N_("ROLE") },
    { "direction", 0, 0, G_OPTION_ARG_STRING, &o.direction, N_("Graph: tb (top to bottom) or lr (left to right)"), N_("DIR") },
    { "no-bands", 0, 0, G_OPTION_ARG_NONE, &o.no_bands, N_("Graph: no milestone bands"), NULL },
    { "zoom", 0, 0, G_OPTION_ARG_STRING, &o.zoom, N_("Gantt: day, week, month or quarter (default: the finest that fits)"), N_("ZOOM") },
    { "period", 0, 0, G_OPTION_ARG_STRING, &o.period, N_("Resources: week, month or milestone"), N_("PERIOD") },
    { "metric", 0, 0, G_OPTION_ARG_STRING, &o.metric, N_("Resources: hours or people"), N_("METRIC") },
    { NULL }
  };
  g_autoptr(GwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const RenderKind *kind;
  gpointer state = NULL;
  GwColorBy color_by;
  GwMarkerSize size_by;
  GwStatus status;
  GwGraphDirection direction;
  GwGanttZoom zoom;
  GwSchedulePeriod period;
  gboolean ok;
  int rc;

  if ((rc = gw_cli_parse (info, entries, &argc, &argv, 2, 2)) >= 0)
    goto out;

  names = kind_names ();
  kind = find_kind (argv[1]);
  rc = GW_EXIT_USAGE;
  if (kind == NULL)
    {
      gw_cli_usage_error (info->name, _("“%s” is not a kind of chart: use %s."), argv[1], names);
      goto out;
    }
  if (output == NULL)
    {
      gw_cli_usage_error (info->name, _("-o FILE is required."));
      goto out;
    }
  if (o.color_by != NULL && !gw_color_by_from_string (o.color_by, &color_by))
    {
      gw_cli_usage_error (info->name, _("--color-by “%s”: use priority, category, status or milestone."), o.color_by);
      goto out;
    }
  if (o.size_by != NULL && !gw_marker_size_from_string (o.size_by, &size_by))
    {
      gw_cli_usage_error (info->name, _("--size-by “%s”: use none, roi or risk."), o.size_by);
      goto out;
    }
  if (o.grid != 0 && o.grid != 3 && o.grid != 5)
    {
      gw_cli_usage_error (info->name, _("--grid %d: use 3 or 5."), o.grid);
      goto out;
    }
  if (o.status != NULL && !gw_status_from_string (o.status, &status))
    {
      gw_cli_usage_error (info->name, _("--status “%s”: use todo, in-progress, blocked, done or deferred."), o.status);
      goto out;
    }

  if (!parse_direction (o.direction, &direction))
    {
      gw_cli_usage_error (info->name, _("--direction “%s”: use tb or lr."), o.direction);
      goto out;
    }
  if (o.zoom != NULL && !gw_gantt_zoom_from_string (o.zoom, &zoom))
    {
      gw_cli_usage_error (info->name, _("--zoom “%s”: use day, week, month or quarter."), o.zoom);
      goto out;
    }
  if (o.period != NULL && !gw_schedule_period_from_string (o.period, &period))
    {
      gw_cli_usage_error (info->name, _("--period “%s”: use week, month or milestone."), o.period);
      goto out;
    }
  if (o.metric != NULL && g_strcmp0 (o.metric, "hours") != 0 && g_strcmp0 (o.metric, "people") != 0)
    {
      gw_cli_usage_error (info->name, _("--metric “%s”: use hours or people."), o.metric);
      goto out;
    }
  if (o.width < 0 || o.height < 0)
    {
      gw_cli_usage_error (info->name, _("--width and --height must be positive."));
      goto out;
    }

  /* Without a size the chart gets its own; with one side, the other follows. */
  if (kind->size != NULL)
    ;   /* its own size, scaled to what is asked for */
  else if (o.width <= 0 && o.height <= 0)
    {
      o.width = kind->default_width;
      o.height = kind->default_height;
    }
  else if (o.width <= 0)
    o.width = (int) round ((double) o.height * kind->default_width / kind->default_height);
  else if (o.height <= 0)
    o.height = (int) round ((double) o.width * kind->default_height / kind->default_width);

  rc = GW_EXIT_FAILED;
  store = gw_cli_open (argv[2], GW_STORE_OPEN_READ_ONLY);
  if (store == NULL)
    goto out;
  if (!kind->prepare (store, &o, &state, &error))
    {
      gw_cli_fail (argv[2], error);
      goto out;
    }
  if (kind->size != NULL)
    {
      double natural_width, natural_height;

      kind->size (state, &natural_width, &natural_height);
      ok = gw_render_write_file (output, natural_width, natural_height, o.width, o.height,
                                 gw_render_palette_light (), kind->draw, state, &error);
    }
  else
    /* Laid out at the size asked for, so that text keeps its size. */
    ok = gw_render_write_file (output, o.width, o.height, o.width, o.height, gw_render_palette_light (),
                               kind->draw, state, &error);
  kind->free_state (state);
  if (!ok)
    {
      gw_cli_fail (NULL, error);
      goto out;
    }
  rc = GW_EXIT_OK;

out:
  g_free (o.color_by);
  g_free (o.size_by);
  g_free (o.milestone);
  g_free (o.category);
  g_free (o.status);
  g_free (o.owner);
  g_free (o.direction);
  g_free (o.zoom);
  g_free (o.period);
  g_free (o.metric);
  return rc;
}

/* gapwise-cli layout: the dependency graph's layout as Graphviz's plain
 * format, so that tools made for dot's output can read it. */
static int
cmd_layout (const GwCliCommandInfo *info,
            int                     argc,
            char                  **argv)
{
  g_autofree char *format = NULL;
  g_autofree char *direction_name = NULL;
  gboolean bands = FALSE;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output format: plain (Graphviz’s)"), N_("FORMAT") },
    { "direction", 0, 0, G_OPTION_ARG_STRING, &direction_name, N_("tb (top to bottom) or lr (left to right)"), N_("DIR") },
    { "bands", 0, 0, G_OPTION_ARG_NONE, &bands, N_("Keep each milestone in its own band of layers"), NULL },
    { NULL }
  };
  g_autoptr(GwStore) store = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) milestones = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GwGraphRender) render = NULL;
  g_autofree char *plain = NULL;
  GwGraphLayoutOptions options;
  int rc;

  if ((rc = gw_cli_parse (info, entries, &argc, &argv, 1, 1)) >= 0)
    return rc;
  if (format != NULL && !g_str_equal (format, "plain"))
    return gw_cli_usage_error (info->name, _("“%s” is not a layout format: use plain."), format);
  gw_graph_layout_options_init (&options);
  if (!parse_direction (direction_name, &options.direction))
    return gw_cli_usage_error (info->name, _("--direction “%s”: use tb or lr."), direction_name);
  options.bands = bands;

  store = gw_cli_open (argv[1], GW_STORE_OPEN_READ_ONLY);
  if (store == NULL)
    return GW_EXIT_FAILED;
  items = gw_store_list_items (store, &error);
  if (items == NULL)
    return gw_cli_fail (argv[1], error);
  milestones = gw_store_list_milestones (store);

  render = gw_graph_render_new (items, milestones, &options);
  plain = gw_graph_layout_to_plain (gw_graph_render_get_layout (render), gw_graph_render_get_keys (render));
  gw_cli_write_stdout (plain, strlen (plain));
  return GW_EXIT_OK;
}

const GwCliCommandInfo gw_cli_render_commands[] = {
  { "render", cmd_render, N_("KIND REGISTER -o FILE"),
    N_("Draw a chart of the register to a PNG, SVG or PDF file.") },
  { "layout", cmd_layout, N_("REGISTER --format plain"),
    N_("Write the dependency graph’s layout in Graphviz’s plain format.") },
  { NULL }
};
