/* SPDX-License-Identifier: GPL-3.0-or-later */

/* gapwise-cli commands that plan a register: schedule, stats, and the
 * roadmap and resources exports. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "gw-cli-private.h"
#include "gw-table-export.h"
#include "gw-schedule-csv.h"

/* Helpers */

static void
append_padded (GString    *out,
               const char *text,
               int         width,
               gboolean    right)
{
  glong len = g_utf8_strlen (text, -1);

  if (right)
    for (glong i = len; i < width; i++)
      g_string_append_c (out, ' ');
  g_string_append (out, text);
  if (!right)
    for (glong i = len; i < width; i++)
      g_string_append_c (out, ' ');
}

static void
end_line (GString *out)
{
  while (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  g_string_append_c (out, '\n');
}

static void
print_warnings (const char       *path,
                const GwSchedule *s)
{
  g_autofree char *display = g_filename_display_name (path);

  for (guint i = 0; i < s->warnings->len; i++)
    g_printerr (_("%s: warning: %s\n"), display, (const char *) g_ptr_array_index (s->warnings, i));
}

/* Opens @path and schedules it; prints the error and returns NULL when it
 * cannot. */
static GwSchedule *
open_and_schedule (const char  *path,
                   GwStore    **store_out,
                   GPtrArray  **items_out)
{
  g_autoptr(GwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GwCalendar) calendar = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) roles = NULL;
  g_autoptr(GPtrArray) milestones = NULL;
  g_autoptr(GwScheduleInput) input = NULL;
  GwSchedule *s;

  store = gw_cli_open (path, GW_STORE_OPEN_READ_ONLY);
  if (store == NULL)
    return NULL;
  calendar = gw_calendar_new_from_store (store, &error);
  if (calendar == NULL || (items = gw_store_list_items (store, &error)) == NULL)
    {
      gw_cli_fail (path, error);
      return NULL;
    }
  roles = gw_store_list_roles (store);
  milestones = gw_store_list_milestones (store);
  input = gw_schedule_input_new_from_items (calendar, items, roles, milestones);
  s = gw_schedule_compute (input, &error);
  if (s == NULL)
    {
      gw_cli_fail (path, error);
      return NULL;
    }
  if (store_out != NULL)
    *store_out = g_steal_pointer (&store);
  if (items_out != NULL)
    *items_out = g_steal_pointer (&items);
  return s;
}

static char *
format_hours (double hours)
{
  return gw_format_hours (hours);
}

static char *
critical_path_text (const GwSchedule *s,
                    const char       *separator)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint k = 0; k < s->n_critical_path; k++)
    {
      if (k > 0)
        g_string_append (text, separator);
      g_string_append (text, s->keys[s->critical_path[k]]);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
append_summary (GString          *out,
                const GwSchedule *s)
{
  g_autofree char *path = critical_path_text (s, " -> ");
  g_autofree char *cp = format_hours (s->critical_path_hours);
  g_autofree char *mk = format_hours (s->makespan_hours);
  char finish[GW_CALENDAR_TEXT_SIZE];
  char days[G_ASCII_DTOSTR_BUF_SIZE];

  gw_calendar_format (s->calendar, s->makespan_hours, GW_CALENDAR_FINISH, finish);
  /* A point, as in every other number gapwise-cli prints. */
  g_ascii_formatd (days, sizeof days, "%.1f", s->makespan_days);
  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "Critical path: %s h, %u item: %s\n",
                                            "Critical path: %s h, %u items: %s\n", s->n_critical_path),
                          cp, s->n_critical_path, path);
  g_string_append_printf (out, _("Makespan: %s working hours, %s calendar days, finishing %s\n"),
                          mk, days, finish);
}

static void
print_schedule_table (const GwSchedule *s)
{
  enum { KEY, START, FINISH, SLACK, CRITICAL, OWNER, MILESTONE, N_COLUMNS };
  const char *header[N_COLUMNS] = {
    _("key"), _("start"), _("finish"), _("slack h"), _("critical"), _("owner"), _("milestone"),
  };
  int widths[N_COLUMNS];
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);

  for (int c = 0; c < N_COLUMNS; c++)
    widths[c] = (int) g_utf8_strlen (header[c], -1);
  for (guint j = 0; j < s->n_active; j++)
    {
      guint i = s->order[j];
      const GwScheduleEntry *e = &s->items[i];
      char *row[N_COLUMNS];
      char buf[GW_CALENDAR_TEXT_SIZE];

      row[KEY] = g_strdup (s->keys[i]);
      gw_calendar_format (s->calendar, e->start, GW_CALENDAR_START, buf);
      row[START] = g_strdup (buf);
      gw_calendar_format (s->calendar, e->finish, GW_CALENDAR_FINISH, buf);
      row[FINISH] = g_strdup (buf);
      row[SLACK] = format_hours (e->slack);
      row[CRITICAL] = g_strdup (e->critical ? _("yes") : "");
      if (e->person >= 0 && s->roles[e->role].limited)
        row[OWNER] = g_strdup_printf ("%s #%d", gw_schedule_get_role_name (s, e->role), e->person + 1);
      else
        row[OWNER] = g_strdup (s->roles[e->role].name ? s->roles[e->role].name : "");
      row[MILESTONE] = g_strdup (e->milestone >= 0 ? s->milestones[e->milestone].key : "");
      for (int c = 0; c < N_COLUMNS; c++)
        {
          widths[c] = MAX (widths[c], (int) g_utf8_strlen (row[c], -1));
          g_ptr_array_add (cells, row[c]);
        }
    }

  for (int c = 0; c < N_COLUMNS; c++)
    {
      append_padded (out, header[c], widths[c], c == SLACK);
      g_string_append (out, "  ");
    }
  end_line (out);
  for (guint j = 0; j < s->n_active; j++)
    {
      for (int c = 0; c < N_COLUMNS; c++)
        {
          append_padded (out, g_ptr_array_index (cells, j * N_COLUMNS + c), widths[c], c == SLACK);
          g_string_append (out, "  ");
        }
      end_line (out);
    }
  for (guint i = 0; i < s->n_items; i++)
    if (s->items[i].state != GW_SCHEDULE_ACTIVE)
      {
        g_string_append_printf (out, "%s  %s\n", s->keys[i],
                                s->items[i].state == GW_SCHEDULE_DONE ? _("done: not scheduled")
                                                                      : _("deferred: not scheduled"));
      }
  g_string_append_c (out, '\n');
  append_summary (out, s);
  gw_cli_write_stdout (out->str, out->len);
}

/* Stats */

typedef struct
{
  char  *category;
  guint  count[GW_N_PRIORITIES];
} CategoryRow;

static void
category_row_free (CategoryRow *row)
{
  g_free (row->category);
  g_free (row);
}

static int
compare_categories (gconstpointer a,
                    gconstpointer b)
{
  const CategoryRow *x = *(CategoryRow * const *) a;
  const CategoryRow *y = *(CategoryRow * const *) b;

  /* no category last */
  if ((*x->category == '\0') != (*y->category == '\0'))
    return *x->category == '\0' ? 1 : -1;
  return g_utf8_collate (x->category, y->category);
}

static void
add_stat_number (GwCsvWriter *writer,
                 const char  *name,
                 double       value)
{
  gw_csv_writer_add_text (writer, name);
  gw_csv_writer_add_number (writer, round (value * 100.0) / 100.0);
  gw_csv_writer_end_row (writer);
}

static void
add_stat_text (GwCsvWriter *writer,
               const char  *name,
               const char  *value)
{
  gw_csv_writer_add_text (writer, name);
  gw_csv_writer_add_text (writer, value);
  gw_csv_writer_end_row (writer);
}

/* Commands */

static int
cmd_schedule (const GwCliCommandInfo *info,
              int                     argc,
              char                  **argv)
{
  g_autofree char *format = NULL;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output format: table or csv"), N_("FORMAT") },
    { NULL }
  };
  g_autoptr(GwSchedule) s = NULL;
  gboolean csv;
  int rc;

  if ((rc = gw_cli_parse (info, entries, &argc, &argv, 1, 1)) >= 0)
    return rc;
  if (!gw_cli_parse_format (info->name, format, &csv))
    return GW_EXIT_USAGE;

  s = open_and_schedule (argv[1], NULL, NULL);
  if (s == NULL)
    return GW_EXIT_FAILED;
  print_warnings (argv[1], s);

  if (csv)
    {
      g_autoptr(GwCsvWriter) writer = gw_csv_writer_new ();
      const char *data;
      gsize length;

      gw_schedule_csv_write_schedule (writer, s);
      data = gw_csv_writer_get_data (writer, &length);
      gw_cli_write_stdout (data, length);
    }
  else
    print_schedule_table (s);
  return GW_EXIT_OK;
}

static int
cmd_stats (const GwCliCommandInfo *info,
           int                     argc,
           char                  **argv)
{
  g_autofree char *format = NULL;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output format: table or csv"), N_("FORMAT") },
    { NULL }
  };
  g_autoptr(GwSchedule) s = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GwStore) store = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) category_row_free);
  g_autoptr(GHashTable) by_category = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *path_keys = NULL;
  guint by_status[GW_N_STATUSES] = { 0 };
  guint by_priority[GW_N_PRIORITIES] = { 0 };
  double total_effort = 0, open_effort = 0;
  char start[GW_CALENDAR_TEXT_SIZE], finish[GW_CALENDAR_TEXT_SIZE];
  gboolean csv;
  int rc;

  if ((rc = gw_cli_parse (info, entries, &argc, &argv, 1, 1)) >= 0)
    return rc;
  if (!gw_cli_parse_format (info->name, format, &csv))
    return GW_EXIT_USAGE;

  s = open_and_schedule (argv[1], &store, &items);
  if (s == NULL)
    return GW_EXIT_FAILED;
  print_warnings (argv[1], s);

  for (guint i = 0; i < items->len; i++)
    {
      GwItem *item = g_ptr_array_index (items, i);
      const char *category = gw_item_get_category (item) ? gw_item_get_category (item) : "";
      CategoryRow *row = g_hash_table_lookup (by_category, category);
      GwStatus status = gw_item_get_status (item);

      if (row == NULL)
        {
          row = g_new0 (CategoryRow, 1);
          row->category = g_strdup (category);
          g_ptr_array_add (rows, row);
          g_hash_table_insert (by_category, row->category, row);
        }
      row->count[gw_item_get_priority (item)]++;
      by_priority[gw_item_get_priority (item)]++;
      by_status[status]++;
      total_effort += gw_item_get_effort_hours (item);
      if (status != GW_STATUS_DONE && status != GW_STATUS_DEFERRED)
        open_effort += gw_item_get_effort_hours (item);
    }
  g_ptr_array_sort (rows, compare_categories);
  path_keys = critical_path_text (s, ";");
  gw_calendar_format (s->calendar, 0, GW_CALENDAR_START, start);
  gw_calendar_format (s->calendar, s->makespan_hours, GW_CALENDAR_FINISH, finish);

  if (csv)
    {
      g_autoptr(GwCsvWriter) writer = gw_csv_writer_new ();
      const char *data;
      gsize length;

      gw_csv_writer_add_text (writer, "name");
      gw_csv_writer_add_text (writer, "value");
      gw_csv_writer_end_row (writer);
      add_stat_number (writer, "items", items->len);
      for (GwStatus st = 0; st < GW_N_STATUSES; st++)
        {
          g_autofree char *name = g_strdup_printf ("items_%s", gw_status_to_string (st));

          add_stat_number (writer, name, by_status[st]);
        }
      for (GwPriority p = 0; p < GW_N_PRIORITIES; p++)
        {
          g_autofree char *name = g_strdup_printf ("items_%s", gw_priority_to_string (p));

          add_stat_number (writer, name, by_priority[p]);
        }
      for (guint r = 0; r < rows->len; r++)
        {
          CategoryRow *row = g_ptr_array_index (rows, r);

          for (GwPriority p = 0; p < GW_N_PRIORITIES; p++)
            {
              g_autofree char *name = g_strdup_printf ("category:%s:%s", row->category, gw_priority_to_string (p));

              add_stat_number (writer, name, row->count[p]);
            }
        }
      add_stat_number (writer, "total_effort_hours", total_effort);
      add_stat_number (writer, "open_effort_hours", open_effort);
      add_stat_number (writer, "critical_path_hours", s->critical_path_hours);
      add_stat_number (writer, "critical_path_effort_hours", s->critical_path_effort);
      add_stat_number (writer, "critical_path_items", s->n_critical_path);
      add_stat_text (writer, "critical_path", path_keys);
      add_stat_number (writer, "makespan_hours", s->makespan_hours);
      add_stat_number (writer, "makespan_days", s->makespan_days);
      add_stat_number (writer, "makespan_working_days",
                       s->makespan_hours / gw_calendar_get_hours_per_day (s->calendar));
      add_stat_text (writer, "start", start);
      add_stat_text (writer, "finish", finish);
      add_stat_number (writer, "warnings", s->warnings->len);
      data = gw_csv_writer_get_data (writer, &length);
      gw_cli_write_stdout (data, length);
    }
  else
    {
      g_autoptr(GString) out = g_string_new (NULL);
      g_autofree char *total = format_hours (total_effort);
      g_autofree char *open = format_hours (open_effort);
      int width = (int) g_utf8_strlen (_("category"), -1);
      const char *none = _("(none)");

      for (guint r = 0; r < rows->len; r++)
        {
          CategoryRow *row = g_ptr_array_index (rows, r);

          width = MAX (width, (int) g_utf8_strlen (*row->category ? row->category : none, -1));
        }

      g_string_append_printf (out, _("Items: %u (to do %u, in progress %u, blocked %u, done %u, deferred %u)\n\n"),
                              items->len, by_status[GW_STATUS_TODO], by_status[GW_STATUS_IN_PROGRESS],
                              by_status[GW_STATUS_BLOCKED], by_status[GW_STATUS_DONE],
                              by_status[GW_STATUS_DEFERRED]);
      append_padded (out, _("category"), width + 2, FALSE);
      for (GwPriority p = 0; p < GW_N_PRIORITIES; p++)
        append_padded (out, gw_priority_to_string (p), 6, TRUE);
      append_padded (out, _("total"), 7, TRUE);
      end_line (out);
      for (guint r = 0; r < rows->len; r++)
        {
          CategoryRow *row = g_ptr_array_index (rows, r);
          guint sum = 0;
          char num[16];

          append_padded (out, *row->category ? row->category : none, width + 2, FALSE);
          for (GwPriority p = 0; p < GW_N_PRIORITIES; p++)
            {
              g_snprintf (num, sizeof num, "%u", row->count[p]);
              append_padded (out, num, 6, TRUE);
              sum += row->count[p];
            }
          g_snprintf (num, sizeof num, "%u", sum);
          append_padded (out, num, 7, TRUE);
          end_line (out);
        }
      append_padded (out, _("total"), width + 2, FALSE);
      for (GwPriority p = 0; p < GW_N_PRIORITIES; p++)
        {
          char num[16];

          g_snprintf (num, sizeof num, "%u", by_priority[p]);
          append_padded (out, num, 6, TRUE);
        }
      {
        char num[16];

        g_snprintf (num, sizeof num, "%u", items->len);
        append_padded (out, num, 7, TRUE);
      }
      end_line (out);
      g_string_append_c (out, '\n');
      g_string_append_printf (out, _("Total effort: %s h (open: %s h)\n"), total, open);
      g_string_append_printf (out, _("Start: %s\n"), start);
      append_summary (out, s);
      gw_cli_write_stdout (out->str, out->len);
    }
  return GW_EXIT_OK;
}

/* Exports */

/* A table of gw-table-export, with the scheduler's warnings on stderr. */
static gboolean
export_table (GwStore          *store,
              GwTableKind       kind,
              GwSchedulePeriod  period,
              GwCsvWriter      *writer,
              GError          **error)
{
  g_autoptr(GPtrArray) warnings = NULL;
  g_autofree char *display = NULL;

  if (!gw_table_export_write (store, kind, period, writer, &warnings, error))
    return FALSE;
  display = g_filename_display_name (gw_store_get_path (store));
  for (guint i = 0; warnings != NULL && i < warnings->len; i++)
    g_printerr (_("%s: warning: %s\n"), display, (const char *) g_ptr_array_index (warnings, i));
  return TRUE;
}

/**
 * gw_cli_export_roadmap:
 *
 * Writes the roadmap of @store's schedule, one row per item.
 */
gboolean
gw_cli_export_roadmap (GwStore                  *store,
                       const GwCliExportOptions *options,
                       GwCsvWriter              *writer,
                       GError                  **error)
{
  return export_table (store, GW_TABLE_ROADMAP, GW_SCHEDULE_PERIOD_WEEK, writer, error);
}

/**
 * gw_cli_export_resources:
 *
 * Writes the resources @store's schedule needs per period and role.
 */
gboolean
gw_cli_export_resources (GwStore                  *store,
                         const GwCliExportOptions *options,
                         GwCsvWriter              *writer,
                         GError                  **error)
{
  return export_table (store, GW_TABLE_RESOURCES, options ? options->period : GW_SCHEDULE_PERIOD_WEEK,
                       writer, error);
}

const GwCliCommandInfo gw_cli_schedule_commands[] = {
  { "schedule", cmd_schedule, N_("REGISTER"),
    N_("Schedule the items on the team’s people: start, finish, slack, critical path.") },
  { "stats", cmd_stats, N_("REGISTER"),
    N_("Count items by category and priority; effort, critical path and makespan.") },
  { NULL }
};
