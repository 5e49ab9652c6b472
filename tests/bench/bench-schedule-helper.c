/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Helper of bench-schedule.sh (run by hand, never a timed test).
 *
 *   bench-schedule-helper load REGISTER.csv OUT.gapwise
 *       loads a register.csv of /work/shared/bench/gen_register.py
 *       (id,title,category,priority,effort_hours,owner,milestone,depends_on)
 *       into a new register with the bench's team: 2 backend-devs,
 *       2 operations-engineers, 1 person for each other role, 40 h a week,
 *       start Monday 2027-01-04, Monday to Friday 09:00-17:00, no holidays.
 *   bench-schedule-helper time OUT.gapwise [RUNS]
 *       times, in this process, the snapshot of the register
 *       (gw_schedule_input_new_from_store) and the scheduling itself
 *       (gw_schedule_compute) RUNS times; prints one JSON line with the
 *       minimum, median and maximum seconds of each.
 */

#include "config.h"

#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gw-schedule.h"
#include "gw-store.h"

static const struct { const char *name; int people; } team[] = {
  { "security-engineer", 1 },
  { "backend-dev", 2 },
  { "performance-engineer", 1 },
  { "operations-engineer", 2 },
  { "compliance-auditor", 1 },
  { "testing-specialist", 1 },
  { "documentation-specialist", 1 },
};

typedef struct
{
  GPtrArray *fields;   /* char *: the cells of the row being read */
  GPtrArray *rows;     /* GStrv */
} Reader;

static void
on_field (void   *data,
          size_t  len,
          void   *user_data)
{
  Reader *r = user_data;

  g_ptr_array_add (r->fields, g_strndup (data, len));
}

static void
on_row (int   c,
        void *user_data)
{
  Reader *r = user_data;

  g_ptr_array_add (r->fields, NULL);
  g_ptr_array_add (r->rows, g_ptr_array_steal (r->fields, NULL));
}

static GPtrArray *
read_csv (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  struct csv_parser parser;
  Reader r;
  gsize len;

  if (!g_file_get_contents (path, &text, &len, &error))
    g_error ("%s", error->message);
  r.fields = g_ptr_array_new ();
  r.rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  csv_init (&parser, CSV_APPEND_NULL);
  if (csv_parse (&parser, text, len, on_field, on_row, &r) != len)
    g_error ("%s: %s", path, csv_strerror (csv_error (&parser)));
  csv_fini (&parser, on_field, on_row, &r);
  csv_free (&parser);
  g_ptr_array_unref (r.fields);
  return r.rows;
}

static int
load (const char *csv_path,
      const char *out_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = read_csv (csv_path);
  g_autoptr(GwStore) store = gw_store_open (out_path, GW_STORE_OPEN_CREATE, &error);
  const char *columns[] = { "id", "title", "category", "priority", "effort_hours", "owner", "milestone", "depends_on" };
  const GwField fields[] = { GW_FIELD_KEY, GW_FIELD_TITLE, GW_FIELD_CATEGORY, GW_FIELD_PRIORITY,
                             GW_FIELD_EFFORT_HOURS, GW_FIELD_OWNER, GW_FIELD_MILESTONE, GW_FIELD_DEPENDS_ON };
  char **header;

  if (store == NULL)
    g_error ("%s", error->message);
  header = g_ptr_array_index (rows, 0);
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    if (header[c] == NULL || !g_str_equal (header[c], columns[c]))
      g_error ("%s: column %u is not “%s”", csv_path, c + 1, columns[c]);

  if (!gw_store_begin (store, "Load", &error) ||
      !gw_store_set_setting (store, "start_date", "2027-01-04", &error))
    g_error ("%s", error->message);
  for (guint t = 0; t < G_N_ELEMENTS (team); t++)
    {
      g_autoptr(GwRole) role = gw_role_new (team[t].name);

      role->headcount = team[t].people;
      role->hours_per_week = 40;
      if (!gw_store_put_role (store, role, &error))
        g_error ("%s", error->message);
    }
  for (guint i = 1; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);
      g_autoptr(GwItem) item = gw_item_new (row[0], "");

      if (g_strv_length (row) < G_N_ELEMENTS (columns))
        continue;
      for (guint c = 1; c < G_N_ELEMENTS (columns); c++)
        if (!gw_item_set_field_text (item, fields[c], row[c], gw_store_get_parse_context (store), &error))
          g_error ("%s:%u: %s", csv_path, i + 1, error->message);
      if (!gw_store_add_item (store, item, &error))
        g_error ("%s:%u: %s", csv_path, i + 1, error->message);
    }
  if (!gw_store_commit (store, &error) || !gw_store_clear_history (store, &error))
    g_error ("%s", error->message);
  return 0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
print_stats (const char *name,
             GArray     *times,
             gboolean    last)
{
  g_array_sort (times, compare_doubles);
  printf ("\"%s\": {\"min\": %.6f, \"median\": %.6f, \"max\": %.6f}%s", name,
          g_array_index (times, double, 0), g_array_index (times, double, times->len / 2),
          g_array_index (times, double, times->len - 1), last ? "" : ", ");
}

static int
time_schedule (const char *path,
               int         runs)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GwStore) store = gw_store_open (path, GW_STORE_OPEN_READ_ONLY, &error);
  g_autoptr(GArray) snap = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) sched = g_array_new (FALSE, FALSE, sizeof (double));
  guint n_items = 0, n_active = 0;
  double makespan = 0, cp = 0;

  if (store == NULL)
    g_error ("%s", error->message);
  /* one warm-up, then the runs */
  for (int r = -1; r < runs; r++)
    {
      gint64 t0 = g_get_monotonic_time (), t1, t2;
      g_autoptr(GwScheduleInput) input = gw_schedule_input_new_from_store (store, &error);
      g_autoptr(GwSchedule) s = NULL;

      if (input == NULL)
        g_error ("%s", error->message);
      t1 = g_get_monotonic_time ();
      s = gw_schedule_compute (input, &error);
      t2 = g_get_monotonic_time ();
      if (s == NULL)
        g_error ("%s", error->message);
      if (r >= 0)
        {
          double a = (t1 - t0) / 1e6, b = (t2 - t1) / 1e6;

          g_array_append_val (snap, a);
          g_array_append_val (sched, b);
        }
      n_items = s->n_items;
      n_active = s->n_active;
      makespan = s->makespan_hours;
      cp = s->critical_path_hours;
    }
  printf ("{\"register\": \"%s\", \"items\": %u, \"active\": %u, \"runs\": %d, "
          "\"makespan_hours\": %.2f, \"critical_path_hours\": %.2f, ",
          path, n_items, n_active, runs, makespan, cp);
  print_stats ("snapshot_s", snap, FALSE);
  print_stats ("schedule_s", sched, TRUE);
  printf ("}\n");
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 4 && g_str_equal (argv[1], "load"))
    return load (argv[2], argv[3]);
  if ((argc == 3 || argc == 4) && g_str_equal (argv[1], "time"))
    return time_schedule (argv[2], argc == 4 ? MAX (1, atoi (argv[3])) : 5);
  fprintf (stderr, "usage: %s load REGISTER.csv OUT.gapwise | time OUT.gapwise [RUNS]\n", argv[0]);
  return 2;
}
