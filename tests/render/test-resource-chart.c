/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The resource load chart: capacities per period (holidays and part-time
 * people counted), over-capacity found and drawn in the error colour,
 * bars shared by periods on a narrow chart, hits, files. */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gw-resource-chart.h"

static GwItem *
make_item (const char *key,
           double      effort,
           const char *owner)
{
  GwItem *item = gw_item_new (key, key);
  g_autofree char *hours = g_strdup_printf ("%g", effort);
  g_autoptr(GError) error = NULL;

  gw_item_set_field_text (item, GW_FIELD_EFFORT_HOURS, hours, NULL, &error);
  gw_item_set_field_text (item, GW_FIELD_OWNER, owner, NULL, &error);
  g_assert_no_error (error);
  return item;
}

static GwRole *
make_role (const char *name,
           int         headcount,
           double      hours_per_week)
{
  GwRole *role = gw_role_new (name);

  role->headcount = headcount;
  role->hours_per_week = hours_per_week;
  return role;
}

/* From Monday 2027-01-04 with Wednesday off: two developers, one tester
 * half-time, and "ops", which is not a role of the register. */
static GwSchedule *
make_schedule (guint n_dev_items)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) roles = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_role_free);
  g_autoptr(GwCalendar) calendar = NULL;
  g_autoptr(GwScheduleInput) input = NULL;
  g_autoptr(GError) error = NULL;
  GwSchedule *schedule;

  for (guint i = 0; i < n_dev_items; i++)
    {
      g_autofree char *key = g_strdup_printf ("D%u", i + 1);

      g_ptr_array_add (items, make_item (key, 16, "dev"));
    }
  g_ptr_array_add (items, make_item ("Q1", 20, "qa"));
  g_ptr_array_add (items, make_item ("O1", 8, "ops"));
  g_ptr_array_add (roles, make_role ("dev", 2, 40));
  g_ptr_array_add (roles, make_role ("qa", 1, 20));
  calendar = gw_calendar_new_from_settings ("2027-01-04", "1,2,3,4,5", "8", "09:00", "2027-01-06", &error);
  g_assert_no_error (error);
  input = gw_schedule_input_new_from_items (calendar, items, roles, NULL);
  schedule = gw_schedule_compute (input, &error);
  g_assert_no_error (error);
  return schedule;
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

static guint32
pixel (cairo_surface_t *surface,
       double           x,
       double           y)
{
  cairo_surface_flush (surface);
  return ((guint32 *) (cairo_image_surface_get_data (surface) +
                       (int) y * cairo_image_surface_get_stride (surface)))[(int) x] & 0xffffff;
}

/* Each channel within 2 of @c's. */
static void
assert_color (guint32        px,
              const GwColor *c)
{
  g_assert_cmpint (abs ((int) (px >> 16 & 0xff) - (int) round (c->red * 255)), <=, 2);
  g_assert_cmpint (abs ((int) (px >> 8 & 0xff) - (int) round (c->green * 255)), <=, 2);
  g_assert_cmpint (abs ((int) (px & 0xff) - (int) round (c->blue * 255)), <=, 2);
}

/* Week 1 has 32 working hours: the two developers can do 64 h, the
 * half-time tester 16 h; both are busy to the brim but not over. "ops"
 * has no capacity: its 8 h are over it. */
static void
test_capacity_and_over (void)
{
  g_autoptr(GwSchedule) s = make_schedule (4);
  g_autoptr(GwResourceChart) hours = gw_resource_chart_new (s, GW_SCHEDULE_PERIOD_WEEK, GW_RESOURCE_METRIC_HOURS);
  g_autoptr(GwResourceChart) people = gw_resource_chart_new (s, GW_SCHEDULE_PERIOD_WEEK, GW_RESOURCE_METRIC_PEOPLE);
  int dev = role_index (s, "dev"), qa = role_index (s, "qa"), ops = role_index (s, "ops");

  g_assert_true (gw_resource_chart_get_load (hours) == s->weeks);
  g_assert_cmpuint (gw_resource_chart_get_load (hours)->n_periods, ==, 2);
  g_assert_cmpuint (gw_resource_chart_get_n_lanes (hours), ==, 3);

  g_assert_cmpfloat_with_epsilon (gw_resource_chart_get_capacity (hours, dev, 0), 64, 1e-9);
  g_assert_cmpfloat_with_epsilon (gw_resource_chart_get_capacity (hours, dev, 1), 80, 1e-9);
  g_assert_cmpfloat_with_epsilon (gw_resource_chart_get_capacity (hours, qa, 0), 16, 1e-9);
  g_assert_cmpfloat (gw_resource_chart_get_capacity (hours, ops, 0), ==, 0);
  g_assert_cmpfloat_with_epsilon (gw_resource_chart_get_value (hours, dev, 0), 64, 1e-9);
  g_assert_cmpfloat_with_epsilon (gw_resource_chart_get_value (hours, qa, 0), 16, 1e-9);
  g_assert_cmpfloat_with_epsilon (gw_resource_chart_get_value (hours, ops, 0), 8, 1e-9);

  g_assert_false (gw_resource_chart_is_over (hours, dev, 0));
  g_assert_false (gw_resource_chart_is_over (hours, qa, 0));
  g_assert_true (gw_resource_chart_is_over (hours, ops, 0));
  g_assert_false (gw_resource_chart_is_over (hours, ops, 1));
  g_assert_cmpuint (gw_resource_chart_count_over (hours), ==, 1);

  g_assert_cmpfloat (gw_resource_chart_get_capacity (people, dev, 0), ==, 2);
  g_assert_cmpfloat (gw_resource_chart_get_value (people, dev, 0), ==, 2);
  g_assert_false (gw_resource_chart_is_over (people, dev, 0));
  g_assert_true (gw_resource_chart_is_over (people, ops, 0));
  g_assert_cmpuint (gw_resource_chart_count_over (people), ==, 1);
}

/* Over capacity is drawn in the error colour, the rest in the accent. */
static void
test_over_drawn_in_error_colour (void)
{
  g_autoptr(GwSchedule) s = make_schedule (4);
  g_autoptr(GwResourceChart) chart = gw_resource_chart_new (s, GW_SCHEDULE_PERIOD_WEEK, GW_RESOURCE_METRIC_HOURS);
  const GwRenderPalette *palette = gw_render_palette_light ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 900, 400);
  cairo_t *cr = cairo_create (surface);
  GwColor within = gw_render_mix (&palette->background, &palette->accent, 0.85);
  GwRect dev_bar, ops_bar;
  int role;
  guint period;

  gw_resource_chart_layout (chart, cr, palette, 900, 400);
  gw_resource_chart_draw (chart, cr, palette);
  g_assert_cmpuint (gw_resource_chart_get_periods_per_bar (chart), ==, 1);

  g_assert_true (gw_resource_chart_get_bar (chart, role_index (s, "ops"), 0, &ops_bar));
  g_assert_true (gw_resource_chart_get_bar (chart, role_index (s, "dev"), 0, &dev_bar));
  g_assert_cmpfloat (ops_bar.h, >, 10);
  assert_color (pixel (surface, ops_bar.x + ops_bar.w / 2, ops_bar.y + ops_bar.h / 2),
                &palette->status[GW_STATUS_BLOCKED]);
  assert_color (pixel (surface, dev_bar.x + dev_bar.w / 2, dev_bar.y + dev_bar.h / 2), &within);

  g_assert_true (gw_resource_chart_hit (chart, ops_bar.x + 1, ops_bar.y + ops_bar.h - 1, &role, &period));
  g_assert_cmpint (role, ==, role_index (s, "ops"));
  g_assert_cmpuint (period, ==, 0);
  g_assert_false (gw_resource_chart_hit (chart, 10, 10, &role, &period));

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* Months and milestones come from the schedule's own tables. */
static void
test_other_periods (void)
{
  g_autoptr(GwSchedule) s = make_schedule (4);
  g_autoptr(GwResourceChart) months = gw_resource_chart_new (s, GW_SCHEDULE_PERIOD_MONTH, GW_RESOURCE_METRIC_HOURS);
  const GwScheduleLoad *load = gw_resource_chart_get_load (months);
  int dev = role_index (s, "dev");

  g_assert_cmpuint (load->n_periods, ==, 1);
  g_assert_cmpstr (load->labels[0], ==, "2027-01");
  /* January 2027 from the 4th: 20 working days less the holiday. */
  g_assert_cmpfloat_with_epsilon (gw_resource_chart_get_capacity (months, dev, 0), 2 * 19 * 8, 1e-9);
  g_assert_cmpfloat_with_epsilon (gw_resource_chart_get_value (months, dev, 0), 64, 1e-9);
}

/* A long schedule on a narrow chart: bars stand for several weeks, and
 * each shows the busiest of them. */
static void
test_bars_shared (void)
{
  g_autoptr(GwSchedule) s = make_schedule (400);
  g_autoptr(GwResourceChart) chart = gw_resource_chart_new (s, GW_SCHEDULE_PERIOD_WEEK, GW_RESOURCE_METRIC_PEOPLE);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 500, 300);
  cairo_t *cr = cairo_create (surface);
  guint n = gw_resource_chart_get_load (chart)->n_periods;
  guint per_bar;

  g_assert_cmpuint (n, >, 70);
  gw_resource_chart_layout (chart, cr, gw_render_palette_light (), 500, 300);
  gw_resource_chart_draw (chart, cr, gw_render_palette_light ());
  per_bar = gw_resource_chart_get_periods_per_bar (chart);
  g_assert_cmpuint (per_bar, >, 1);
  g_assert_cmpfloat ((double) (n + per_bar - 1) / per_bar * 4, <=, 500 - 200 - 16 + 4);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

typedef struct
{
  GwResourceChart *chart;
  double           width, height;
} FileData;

static void
draw_file (cairo_t  *cr,
           gpointer  data)
{
  FileData *fd = data;

  gw_resource_chart_layout (fd->chart, cr, gw_render_palette_light (), fd->width, fd->height);
  gw_resource_chart_draw (fd->chart, cr, gw_render_palette_light ());
}

static void
test_files (void)
{
  static const struct { const char *name; const char *magic; gsize len; } files[] = {
    { "r.png", "\x89PNG\r\n\x1a\n", 8 }, { "r.svg", "<?xml", 5 }, { "r.pdf", "%PDF-", 5 },
  };
  g_autoptr(GwSchedule) s = make_schedule (20);
  g_autoptr(GwResourceChart) chart = gw_resource_chart_new (s, GW_SCHEDULE_PERIOD_WEEK, GW_RESOURCE_METRIC_HOURS);
  g_autofree char *dir = g_dir_make_tmp ("resources-XXXXXX", NULL);
  FileData fd = { chart, 0, 0 };

  gw_resource_chart_get_natural_size (chart, &fd.width, &fd.height);
  g_assert_cmpfloat (fd.height, >, 3 * 64);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (dir, files[i].name, NULL);
      g_autofree char *data = NULL;
      g_autoptr(GError) error = NULL;
      gsize len;

      g_assert_true (gw_render_write_file (path, fd.width, fd.height, 0, 0, gw_render_palette_light (),
                                           draw_file, &fd, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &data, &len, NULL));
      g_assert_cmpuint (len, >, files[i].len);
      g_assert_cmpint (memcmp (data, files[i].magic, files[i].len), ==, 0);
      g_unlink (path);
    }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/resource-chart/capacity-and-over", test_capacity_and_over);
  g_test_add_func ("/resource-chart/over-drawn-in-error-colour", test_over_drawn_in_error_colour);
  g_test_add_func ("/resource-chart/other-periods", test_other_periods);
  g_test_add_func ("/resource-chart/bars-shared", test_bars_shared);
  g_test_add_func ("/resource-chart/files", test_files);
  return g_test_run ();
}
