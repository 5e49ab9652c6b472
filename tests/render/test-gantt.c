/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The Gantt renderer on image surfaces: bars where the schedule puts them,
 * hit-testing, what a scrolled frame lays out and draws, zoom, collapsed
 * groups, and the files it writes. */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <sys/wait.h>

#include "gw-gantt.h"

/* Day zoom: 36 pixels a day. */
#define DAY_PX 36.0

typedef struct
{
  GPtrArray    *items;
  GwSchedule   *schedule;
  GwGanttChart *chart;
} Plan;

static void
plan_clear (Plan *plan)
{
  g_clear_pointer (&plan->chart, gw_gantt_chart_free);
  g_clear_pointer (&plan->schedule, gw_schedule_unref);
  g_clear_pointer (&plan->items, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Plan, plan_clear)

static GwItem *
make_item (const char *key,
           const char *priority,
           double      effort,
           const char *milestone,
           const char *depends_on)
{
  GwItem *item = gw_item_new (key, key);
  g_autofree char *hours = g_strdup_printf ("%g", effort);
  g_autoptr(GError) error = NULL;

  gw_item_set_field_text (item, GW_FIELD_PRIORITY, priority, NULL, &error);
  gw_item_set_field_text (item, GW_FIELD_EFFORT_HOURS, hours, NULL, &error);
  gw_item_set_field_text (item, GW_FIELD_OWNER, "dev", NULL, &error);
  if (milestone != NULL)
    gw_item_set_field_text (item, GW_FIELD_MILESTONE, milestone, NULL, &error);
  if (depends_on != NULL)
    gw_item_set_field_text (item, GW_FIELD_DEPENDS_ON, depends_on, NULL, &error);
  g_assert_no_error (error);
  return item;
}

/* Schedules @items with @people developers from Monday 2027-01-04, and
 * makes the chart at day zoom. */
static void
plan_init (Plan      *plan,
           GPtrArray *items,
           int        people)
{
  g_autoptr(GPtrArray) roles = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_role_free);
  g_autoptr(GPtrArray) milestones = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_milestone_free);
  g_autoptr(GwCalendar) calendar = NULL;
  g_autoptr(GwScheduleInput) input = NULL;
  g_autoptr(GError) error = NULL;
  GwRole *role = gw_role_new ("dev");

  role->headcount = people;
  role->hours_per_week = 40;
  g_ptr_array_add (roles, role);
  for (guint m = 1; m <= 4; m++)
    {
      g_autofree char *key = g_strdup_printf ("M%u", m);
      g_autofree char *name = g_strdup_printf ("Stage %u", m);

      g_ptr_array_add (milestones, gw_milestone_new (key, name));
    }
  calendar = gw_calendar_new_from_settings ("2027-01-04", "1,2,3,4,5", "8", "09:00", "2027-01-06", &error);
  g_assert_no_error (error);
  input = gw_schedule_input_new_from_items (calendar, items, roles, milestones);
  plan->items = items;
  plan->schedule = gw_schedule_compute (input, &error);
  g_assert_no_error (error);
  plan->chart = gw_gantt_chart_new (plan->schedule, items, milestones);
  gw_gantt_chart_set_zoom (plan->chart, GW_GANTT_ZOOM_DAY);
}

static int
index_of (Plan       *plan,
          const char *key)
{
  int i = gw_schedule_lookup (plan->schedule, key);

  g_assert_cmpint (i, >=, 0);
  return i;
}

static cairo_surface_t *
draw_whole (Plan                  *plan,
            const GwRenderPalette *palette)
{
  double w, h;
  cairo_surface_t *surface;
  cairo_t *cr;

  gw_gantt_chart_get_size (plan->chart, &w, &h);
  gw_gantt_chart_set_viewport (plan->chart, 0, 0, w, h);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (w), (int) ceil (h));
  cr = cairo_create (surface);
  gw_gantt_chart_draw (plan->chart, cr, palette);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static void
assert_pixel (cairo_surface_t *surface,
              double           x,
              double           y,
              const GwColor   *color)
{
  guint32 *row = (guint32 *) (cairo_image_surface_get_data (surface) +
                              (int) y * cairo_image_surface_get_stride (surface));
  guint32 px = row[(int) x];

  g_assert_cmpfloat_with_epsilon ((px >> 16 & 0xff) / 255.0, color->red, 0.02);
  g_assert_cmpfloat_with_epsilon ((px >> 8 & 0xff) / 255.0, color->green, 0.02);
  g_assert_cmpfloat_with_epsilon ((px & 0xff) / 255.0, color->blue, 0.02);
}

/* A small plan: A (8 h) on Monday; B after A, 16 h, over the holiday on
 * Wednesday; C (4 h) alongside A on the second developer. */
static GPtrArray *
small_items (void)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (items, make_item ("A", "P0", 8, "M1", NULL));
  g_ptr_array_add (items, make_item ("B", "P2", 16, "M1", "A"));
  g_ptr_array_add (items, make_item ("C", "P3", 4, "M2", NULL));
  return items;
}

static void
test_bars_where_scheduled (void)
{
  g_auto(Plan) plan = { 0 };
  const GwRenderPalette *palette = gw_render_palette_light ();
  cairo_surface_t *surface;
  double label_w, header_h;
  int a, b, c;
  GwRect ra, rb, rc;
  GwGanttHit hit;

  plan_init (&plan, small_items (), 2);
  a = index_of (&plan, "A");
  b = index_of (&plan, "B");
  c = index_of (&plan, "C");
  surface = draw_whole (&plan, palette);
  gw_gantt_chart_get_margins (plan.chart, &label_w, &header_h);

  /* Monday 09:00-17:00 is the first day's cell; B runs Tuesday and,
   * skipping the holiday, Thursday: it ends at Thursday's end. */
  g_assert_true (gw_gantt_chart_get_bar (plan.chart, a, &ra));
  g_assert_cmpfloat_with_epsilon (ra.x, label_w, 1e-9);
  g_assert_cmpfloat_with_epsilon (ra.w, DAY_PX, 1e-9);
  g_assert_true (gw_gantt_chart_get_bar (plan.chart, b, &rb));
  g_assert_cmpfloat_with_epsilon (rb.x, label_w + DAY_PX, 1e-9);
  g_assert_cmpfloat_with_epsilon (rb.x + rb.w, label_w + 4 * DAY_PX, 1e-9);
  g_assert_true (gw_gantt_chart_get_bar (plan.chart, c, &rc));
  g_assert_cmpfloat_with_epsilon (rc.w, DAY_PX / 2, 1e-9);
  g_assert_cmpfloat (rb.y, >, ra.y);
  g_assert_cmpfloat (rc.y, >, rb.y);

  /* Drawn in the priority's colour; the critical path (A, B) is outlined. */
  assert_pixel (surface, ra.x + ra.w / 2, ra.y + ra.h / 2, &palette->priority[GW_PRIORITY_P0]);
  assert_pixel (surface, rb.x + rb.w / 2, rb.y + rb.h / 2, &palette->priority[GW_PRIORITY_P2]);
  assert_pixel (surface, rc.x + rc.w / 2, rc.y + rc.h / 2, &palette->priority[GW_PRIORITY_P3]);
  assert_pixel (surface, rb.x + rb.w / 2, rb.y + 0.5, &palette->highlight);
  g_assert_true (plan.schedule->items[b].critical);
  g_assert_false (plan.schedule->items[c].critical);

  /* Hits: the bar, its end's handle, the label, the milestone's row. */
  g_assert_true (gw_gantt_chart_hit (plan.chart, rb.x + rb.w / 2, rb.y + rb.h / 2, &hit));
  g_assert_cmpint (hit.kind, ==, GW_GANTT_HIT_BAR);
  g_assert_cmpint (hit.item, ==, b);
  g_assert_true (gw_gantt_chart_hit (plan.chart, rb.x + rb.w - 2, rb.y + rb.h / 2, &hit));
  g_assert_cmpint (hit.kind, ==, GW_GANTT_HIT_BAR_END);
  g_assert_cmpint (hit.item, ==, b);
  g_assert_true (gw_gantt_chart_hit (plan.chart, 40, rb.y + rb.h / 2, &hit));
  g_assert_cmpint (hit.kind, ==, GW_GANTT_HIT_LABEL);
  g_assert_cmpint (hit.item, ==, b);
  g_assert_true (gw_gantt_chart_hit (plan.chart, 40, header_h + 2, &hit));
  g_assert_cmpint (hit.kind, ==, GW_GANTT_HIT_GROUP);
  g_assert_cmpstr (gw_gantt_chart_get_group_key (plan.chart, hit.group), ==, "M1");
  g_assert_false (gw_gantt_chart_hit (plan.chart, rb.x + rb.w + 3 * DAY_PX, rb.y + rb.h / 2, &hit));
  g_assert_false (gw_gantt_chart_hit (plan.chart, rb.x + 2, 5, &hit));

  /* Coordinates: a point in a bar maps back to the working time. */
  g_assert_cmpfloat_with_epsilon (gw_gantt_chart_x_to_hours (plan.chart, rb.x), plan.schedule->items[b].start, 1e-9);
  g_assert_cmpfloat_with_epsilon (gw_gantt_chart_x_to_hours (plan.chart, rb.x + rb.w - 1e-9),
                                  plan.schedule->items[b].finish, 1e-6);
  g_assert_cmpfloat_with_epsilon (gw_gantt_chart_hours_to_x (plan.chart, 4, GW_CALENDAR_START), label_w + DAY_PX / 2, 1e-9);
  {
    GDate date;

    gw_gantt_chart_x_to_date (plan.chart, rb.x + DAY_PX + 1, &date);
    g_assert_cmpint (g_date_get_day (&date), ==, 6);   /* the holiday: it has no working time */
    g_assert_cmpfloat_with_epsilon (gw_gantt_chart_x_to_hours (plan.chart, rb.x + DAY_PX + 10), 16, 1e-9);
    g_assert_cmpfloat_with_epsilon (gw_gantt_chart_date_to_x (plan.chart, &date), rb.x + DAY_PX, 1e-9);
  }
  cairo_surface_destroy (surface);
}

/* Weekends and holidays are shaded at day zoom; working days are not. */
static void
test_days_off_shaded (void)
{
  g_auto(Plan) plan = { 0 };
  const GwRenderPalette *palette = gw_render_palette_light ();
  cairo_surface_t *surface;
  double label_w, header_h;
  int rows_y;
  guint32 *row;
  guint32 wednesday, saturday;

  plan_init (&plan, small_items (), 2);
  surface = draw_whole (&plan, palette);
  gw_gantt_chart_get_margins (plan.chart, &label_w, &header_h);
  rows_y = (int) (header_h + 1.5 * gw_gantt_chart_get_row_height (plan.chart));   /* A's row, off its bar */
  row = (guint32 *) (cairo_image_surface_get_data (surface) + rows_y * cairo_image_surface_get_stride (surface));
  wednesday = row[(int) (label_w + 2.5 * DAY_PX)];
  saturday = row[(int) (label_w + 5.5 * DAY_PX)];
  g_assert_cmphex (wednesday, ==, saturday);
  g_assert_cmphex (row[(int) (label_w + 3.5 * DAY_PX)] & 0xffffff, ==, 0xffffff);   /* Thursday: plain */
  g_assert_cmphex (saturday & 0xffffff, !=, 0xffffff);
  cairo_surface_destroy (surface);
}

/* 1000 items in four milestones, each after the one before; the view
 * shows 12 rows in the middle: only those rows are laid out. */
static GPtrArray *
chain_items (guint n)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *key = g_strdup_printf ("T-%04u", i);
      g_autofree char *prev = i > 0 ? g_strdup_printf ("T-%04u", i - 1) : NULL;
      g_autofree char *ms = g_strdup_printf ("M%u", 1 + i * 4 / n);

      g_ptr_array_add (items, make_item (key, i % 7 == 0 ? "P0" : "P2", 4 + i % 5, ms, prev));
    }
  /* A long dependency: the last item waits for the first too. */
  {
    g_autofree char *last = g_strdup_printf ("T-0000;T-%04u", n - 2);

    gw_item_set_field_text (g_ptr_array_index (items, n - 1), GW_FIELD_DEPENDS_ON, last, NULL, NULL);
  }
  return items;
}

static void
test_culling (void)
{
  g_auto(Plan) plan = { 0 };
  const GwRenderPalette *palette = gw_render_palette_light ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 900, 400);
  cairo_t *cr = cairo_create (surface);
  double label_w, header_h, row_h;
  const GwGanttStats *stats;
  const guint *drawn;
  guint n_drawn, n_rows;
  int first_row, mid, far, last;
  GwRect bar;

  plan_init (&plan, chain_items (1000), 2);
  gw_gantt_chart_get_margins (plan.chart, &label_w, &header_h);
  row_h = gw_gantt_chart_get_row_height (plan.chart);
  n_rows = gw_gantt_chart_get_n_rows (plan.chart);
  g_assert_cmpuint (n_rows, ==, 1000 + 4);

  /* Scroll the rows to item 500's and the time line to its bar. */
  mid = index_of (&plan, "T-0500");
  first_row = gw_gantt_chart_get_item_row (plan.chart, mid);
  gw_gantt_chart_set_viewport (plan.chart, 0, first_row * row_h, 900, 400);
  g_assert_true (gw_gantt_chart_get_bar (plan.chart, mid, &bar));
  gw_gantt_chart_set_viewport (plan.chart, bar.x - label_w - 100, first_row * row_h, 900, 400);
  gw_gantt_chart_draw (plan.chart, cr, palette);

  stats = gw_gantt_chart_get_stats (plan.chart);
  drawn = gw_gantt_chart_get_drawn_items (plan.chart, &n_drawn);
  /* (400 - 46) / 26 = 13.6 rows: 14 rows are touched, and no more. */
  g_assert_cmpuint (stats->rows, ==, (guint) ceil ((400 - header_h) / row_h));
  g_assert_cmpuint (stats->laid_out, ==, n_drawn);
  g_assert_cmpuint (n_drawn, <=, stats->rows);
  g_assert_cmpuint (stats->labels, ==, stats->rows);
  g_assert_cmpuint (drawn[0], ==, (guint) mid);
  for (guint k = 0; k < n_drawn; k++)
    {
      int row = gw_gantt_chart_get_item_row (plan.chart, (int) drawn[k]);

      g_assert_cmpint (row, >=, first_row);
      g_assert_cmpint (row, <, first_row + (int) stats->rows);
    }
  /* An item far below is neither laid out nor drawn. */
  far = index_of (&plan, "T-0900");
  for (guint k = 0; k < n_drawn; k++)
    g_assert_cmpuint (drawn[k], !=, (guint) far);
  /* Bars are drawn where their time falls in the viewport. */
  g_assert_cmpuint (stats->bars, >, 0);
  g_assert_cmpuint (stats->bars, <=, stats->laid_out);
  /* Arrows: between the consecutive items shown. */
  g_assert_cmpuint (stats->arrows, >=, stats->bars - 1);

  /* The long arrow from the first item to the last runs down past the
   * viewport at the last item's start: scrolled there, it is drawn though
   * neither end's row is shown. */
  last = index_of (&plan, "T-0999");
  gw_gantt_chart_set_viewport (plan.chart, 0, 0, 900, 400);
  g_assert_true (gw_gantt_chart_get_bar (plan.chart, last, &bar));
  gw_gantt_chart_set_viewport (plan.chart, bar.x - label_w - 200, first_row * row_h, 900, 400);
  gw_gantt_chart_draw (plan.chart, cr, palette);
  stats = gw_gantt_chart_get_stats (plan.chart);
  g_assert_cmpuint (stats->bars, ==, 0);
  g_assert_cmpuint (stats->arrows, ==, 1);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* Each zoom level shows fewer pixels per day; the whole chart narrows. */
static void
test_zoom (void)
{
  g_auto(Plan) plan = { 0 };
  double widths[GW_GANTT_N_ZOOMS], label_w, h;
  int a, b;

  plan_init (&plan, small_items (), 2);
  a = index_of (&plan, "A");
  b = index_of (&plan, "B");
  gw_gantt_chart_get_margins (plan.chart, &label_w, NULL);
  for (guint z = 0; z < GW_GANTT_N_ZOOMS; z++)
    {
      GwRect ra, rb;

      gw_gantt_chart_set_zoom (plan.chart, z);
      gw_gantt_chart_get_size (plan.chart, &widths[z], &h);
      gw_gantt_chart_set_viewport (plan.chart, 0, 0, widths[z], h);
      g_assert_true (gw_gantt_chart_get_bar (plan.chart, a, &ra));
      g_assert_true (gw_gantt_chart_get_bar (plan.chart, b, &rb));
      if (z == GW_GANTT_ZOOM_DAY)
        g_assert_cmpfloat_with_epsilon (rb.x - ra.x, DAY_PX, 1e-9);
      else
        {
          g_assert_cmpfloat (widths[z], <, widths[z - 1]);
          g_assert_cmpfloat (rb.x - ra.x, <, DAY_PX);
        }
      g_assert_cmpfloat_with_epsilon (ra.w, rb.x - ra.x, 1e-9);   /* A fills Monday */
    }
  g_assert_cmpint (gw_gantt_chart_fit_zoom (plan.chart, widths[GW_GANTT_ZOOM_DAY]), ==, GW_GANTT_ZOOM_DAY);
  g_assert_cmpint (gw_gantt_chart_fit_zoom (plan.chart, widths[GW_GANTT_ZOOM_DAY] - 1), ==, GW_GANTT_ZOOM_WEEK);
  g_assert_cmpint (gw_gantt_chart_fit_zoom (plan.chart, label_w), ==, GW_GANTT_ZOOM_QUARTER);
  {
    GwGanttZoom zoom;

    g_assert_true (gw_gantt_zoom_from_string ("Month", &zoom));
    g_assert_cmpint (zoom, ==, GW_GANTT_ZOOM_MONTH);
    g_assert_false (gw_gantt_zoom_from_string ("year", &zoom));
    g_assert_cmpstr (gw_gantt_zoom_to_string (GW_GANTT_ZOOM_QUARTER), ==, "quarter");
  }
}

/* Collapsing a milestone hides its rows and keeps its header. */
static void
test_collapsed_groups (void)
{
  g_auto(Plan) plan = { 0 };
  const char *collapsed[] = { "M2", NULL };
  const GwGanttStats *stats;
  cairo_surface_t *surface;
  double w, h, header_h;
  int m2 = -1, item;
  GwGanttHit hit;

  plan_init (&plan, chain_items (40), 1);
  for (guint g = 0; g < plan.schedule->n_milestones; g++)
    if (g_str_equal (plan.schedule->milestones[g].key, "M2"))
      m2 = (int) g;
  g_assert_cmpint (m2, >=, 0);
  g_assert_cmpuint (gw_gantt_chart_get_n_rows (plan.chart), ==, 44);

  gw_gantt_chart_set_collapsed (plan.chart, collapsed);
  g_assert_true (gw_gantt_chart_is_collapsed (plan.chart, m2));
  g_assert_cmpuint (gw_gantt_chart_get_n_rows (plan.chart), ==, 34);
  item = index_of (&plan, "T-0015");   /* M2 holds items 10 to 19 */
  g_assert_cmpint (gw_gantt_chart_get_item_row (plan.chart, item), ==, -1);
  g_assert_cmpint (gw_gantt_chart_get_item_row (plan.chart, index_of (&plan, "T-0020")), ==,
                   gw_gantt_chart_get_group_row (plan.chart, m2) + 2);

  surface = draw_whole (&plan, gw_render_palette_light ());
  stats = gw_gantt_chart_get_stats (plan.chart);
  g_assert_cmpuint (stats->rows, ==, 34);
  g_assert_cmpuint (stats->laid_out, ==, 30);
  g_assert_cmpuint (stats->labels, ==, 34);
  gw_gantt_chart_get_size (plan.chart, &w, &h);
  gw_gantt_chart_get_margins (plan.chart, NULL, &header_h);
  g_assert_true (gw_gantt_chart_hit (plan.chart, 20,
                                     header_h + (gw_gantt_chart_get_group_row (plan.chart, m2) + 0.5) *
                                     gw_gantt_chart_get_row_height (plan.chart), &hit));
  g_assert_cmpint (hit.kind, ==, GW_GANTT_HIT_GROUP);
  g_assert_cmpint (hit.group, ==, m2);
  cairo_surface_destroy (surface);

  gw_gantt_chart_set_collapsed (plan.chart, NULL);
  g_assert_false (gw_gantt_chart_is_collapsed (plan.chart, m2));
  g_assert_cmpuint (gw_gantt_chart_get_n_rows (plan.chart), ==, 44);
}

/* Rows keep the order another chart gave them: a preview's rows do not
 * move while a bar is dragged. */
static void
test_order_rows (void)
{
  g_auto(Plan) plan = { 0 };
  g_autoptr(GHashTable) ranks = NULL;
  int a, b;

  plan_init (&plan, small_items (), 2);
  a = index_of (&plan, "A");
  b = index_of (&plan, "B");
  g_assert_cmpint (gw_gantt_chart_get_item_row (plan.chart, a), ==, 1);
  g_assert_cmpint (gw_gantt_chart_get_item_row (plan.chart, b), ==, 2);

  ranks = gw_gantt_chart_get_row_ranks (plan.chart);
  g_assert_cmpuint (g_hash_table_size (ranks), ==, 3);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (ranks, "B")), ==, 3);

  /* B before A, whatever their starts. */
  g_hash_table_insert (ranks, g_strdup ("B"), GUINT_TO_POINTER (1));
  gw_gantt_chart_order_rows (plan.chart, ranks);
  g_assert_cmpint (gw_gantt_chart_get_item_row (plan.chart, b), ==, 1);
  g_assert_cmpint (gw_gantt_chart_get_item_row (plan.chart, a), ==, 2);
  g_assert_cmpint (gw_gantt_chart_get_item_row (plan.chart, index_of (&plan, "C")), ==, 4);

  /* Items without a rank follow those with one. */
  g_hash_table_remove (ranks, "B");
  gw_gantt_chart_order_rows (plan.chart, ranks);
  g_assert_cmpint (gw_gantt_chart_get_item_row (plan.chart, a), ==, 1);
  g_assert_cmpint (gw_gantt_chart_get_item_row (plan.chart, b), ==, 2);
}

/* Without milestones there are no header rows. */
static void
test_no_milestones (void)
{
  g_auto(Plan) plan = { 0 };
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (items, make_item ("X", "P1", 8, NULL, NULL));
  g_ptr_array_add (items, make_item ("Y", "P1", 8, NULL, "X"));
  plan_init (&plan, items, 1);
  g_assert_cmpuint (gw_gantt_chart_get_n_rows (plan.chart), ==, 2);
  g_assert_cmpint (gw_gantt_chart_get_item_row (plan.chart, index_of (&plan, "Y")), ==, 1);
}

static void
draw_file (cairo_t  *cr,
           gpointer  data)
{
  gw_gantt_chart_draw (data, cr, gw_render_palette_light ());
}

static void
test_files (void)
{
  static const struct { const char *name; const char *magic; gsize len; } files[] = {
    { "g.png", "\x89PNG\r\n\x1a\n", 8 }, { "g.svg", "<?xml", 5 }, { "g.pdf", "%PDF-", 5 },
  };
  g_auto(Plan) plan = { 0 };
  g_autofree char *dir = g_dir_make_tmp ("gantt-XXXXXX", NULL);
  double w, h;

  plan_init (&plan, chain_items (300), 2);
  gw_gantt_chart_set_zoom (plan.chart, GW_GANTT_ZOOM_WEEK);
  gw_gantt_chart_get_size (plan.chart, &w, &h);
  gw_gantt_chart_set_viewport (plan.chart, 0, 0, w, h);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (dir, files[i].name, NULL);
      g_autofree char *data = NULL;
      g_autoptr(GError) error = NULL;
      gsize len;

      g_assert_true (gw_render_write_file (path, w, h, 0, 0, gw_render_palette_light (), draw_file, plan.chart, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &data, &len, NULL));
      g_assert_cmpuint (len, >, files[i].len);
      g_assert_cmpint (memcmp (data, files[i].magic, files[i].len), ==, 0);
      /* The whole chart, every row, went in: one page of a PDF. */
      g_assert_cmpuint (gw_gantt_chart_get_stats (plan.chart)->laid_out, ==, 300);
      if (g_str_has_suffix (path, ".pdf"))
        {
          g_autoptr(GRegex) page = g_regex_new ("/Type\\s*/Page[^s]", G_REGEX_RAW, 0, NULL);
          g_autoptr(GMatchInfo) match = NULL;
          guint pages = 0;

          g_regex_match_full (page, data, (gssize) len, 0, 0, &match, NULL);
          while (g_match_info_matches (match))
            {
              pages++;
              g_match_info_next (match, NULL);
            }
          g_assert_cmpuint (pages, ==, 1);
        }
      g_unlink (path);
    }
  g_rmdir (dir);
}

/* Runs gapwise-cli with @args; returns its exit status. */
static int
run_cli (const char *const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_ptr_array_add (argv, (gpointer) g_getenv ("GAPWISE_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

/* gapwise-cli render gantt and resources write whole charts. */
static void
test_cli (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *reg = NULL;
  g_autofree char *png = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *svg = NULL;
  g_autofree char *res = NULL;
  g_autofree char *data = NULL;
  gsize len;

  if (g_getenv ("GAPWISE_CLI") == NULL)
    {
      g_test_skip ("GAPWISE_CLI is not set");
      return;
    }
  dir = g_dir_make_tmp ("gantt-cli-XXXXXX", NULL);
  reg = g_build_filename (dir, "plan.gapwise", NULL);
  png = g_build_filename (dir, "g.png", NULL);
  pdf = g_build_filename (dir, "g.pdf", NULL);
  svg = g_build_filename (dir, "g.svg", NULL);
  res = g_build_filename (dir, "r.png", NULL);

  g_assert_cmpint (run_cli ((const char *[]) { "new", reg, "--start", "2027-01-04", NULL }), ==, 0);
  g_assert_cmpint (run_cli ((const char *[]) { "role", reg, "dev", "--headcount", "1", NULL }), ==, 0);
  g_assert_cmpint (run_cli ((const char *[]) { "add", reg, "--key", "A", "--title", "First", "--effort", "8h",
                                               "--owner", "dev", "--milestone", "M1", NULL }), ==, 0);
  g_assert_cmpint (run_cli ((const char *[]) { "add", reg, "--key", "B", "--title", "Second", "--effort", "2 days",
                                               "--owner", "dev", "--milestone", "M2", NULL }), ==, 0);
  g_assert_cmpint (run_cli ((const char *[]) { "link", reg, "B", "--depends-on", "A", NULL }), ==, 0);

  g_assert_cmpint (run_cli ((const char *[]) { "render", "gantt", reg, "-o", png, NULL }), ==, 0);
  g_assert_true (g_file_get_contents (png, &data, &len, NULL));
  g_assert_cmpint (memcmp (data, "\x89PNG\r\n\x1a\n", 8), ==, 0);
  g_clear_pointer (&data, g_free);
  g_assert_cmpint (run_cli ((const char *[]) { "render", "gantt", reg, "-o", pdf, "--zoom", "quarter",
                                               "--width", "800", NULL }), ==, 0);
  g_assert_true (g_file_get_contents (pdf, &data, &len, NULL));
  g_assert_cmpint (memcmp (data, "%PDF-", 5), ==, 0);
  g_clear_pointer (&data, g_free);
  g_assert_cmpint (run_cli ((const char *[]) { "render", "gantt", reg, "-o", svg, "--milestone", "M2", NULL }), ==, 0);
  g_assert_true (g_file_get_contents (svg, &data, &len, NULL));
  g_assert_cmpint (memcmp (data, "<?xml", 5), ==, 0);
  g_clear_pointer (&data, g_free);
  g_assert_cmpint (run_cli ((const char *[]) { "render", "resources", reg, "-o", res, "--period", "month",
                                               "--metric", "people", NULL }), ==, 0);
  g_assert_true (g_file_get_contents (res, &data, &len, NULL));
  g_assert_cmpint (memcmp (data, "\x89PNG\r\n\x1a\n", 8), ==, 0);

  /* Usage errors exit with 2, a register that is not there with 1. */
  g_assert_cmpint (run_cli ((const char *[]) { "render", "gantt", reg, "-o", png, "--zoom", "year", NULL }), ==, 2);
  g_assert_cmpint (run_cli ((const char *[]) { "render", "resources", reg, "-o", res, "--metric", "cost", NULL }), ==, 2);
  g_assert_cmpint (run_cli ((const char *[]) { "render", "gantt", "/nonexistent/x.gapwise", "-o", png, NULL }), ==, 1);

  for (const char *const *f = (const char *const[]) { png, pdf, svg, res, reg, NULL }; *f != NULL; f++)
    g_unlink (*f);
  {
    g_autofree char *wal = g_strconcat (reg, "-wal", NULL);
    g_autofree char *shm = g_strconcat (reg, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gantt/bars-where-scheduled", test_bars_where_scheduled);
  g_test_add_func ("/gantt/days-off-shaded", test_days_off_shaded);
  g_test_add_func ("/gantt/culling", test_culling);
  g_test_add_func ("/gantt/zoom", test_zoom);
  g_test_add_func ("/gantt/collapsed-groups", test_collapsed_groups);
  g_test_add_func ("/gantt/order-rows", test_order_rows);
  g_test_add_func ("/gantt/no-milestones", test_no_milestones);
  g_test_add_func ("/gantt/files", test_files);
  g_test_add_func ("/gantt/cli", test_cli);
  return g_test_run ();
}
