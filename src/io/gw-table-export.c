/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "gw-table-export.h"

#include "gw-calendar.h"
#include "gw-register-csv.h"
#include "gw-schedule-csv.h"

/**
 * gw_table_export_write:
 * @period: the periods of a resources table
 * @warnings: (out) (optional) (transfer full) (element-type utf8): what the
 *   scheduler had to say about the register (roadmap and resources)
 *
 * Writes one CSV table of @store into @writer.
 *
 * Returns: whether the table could be made; the scheduler refuses a
 *   register with a dependency cycle
 */
gboolean
gw_table_export_write (GwStore           *store,
                       GwTableKind        kind,
                       GwSchedulePeriod   period,
                       GwCsvWriter       *writer,
                       GPtrArray        **warnings,
                       GError           **error)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GwSchedule) schedule = NULL;

  g_return_val_if_fail (GW_IS_STORE (store), FALSE);
  g_return_val_if_fail (writer != NULL, FALSE);

  if (warnings != NULL)
    *warnings = NULL;

  if (kind == GW_TABLE_REGISTER)
    {
      items = gw_store_list_items (store, error);
      if (items == NULL || !gw_store_load_all_lines (store, items, error))
        return FALSE;
      gw_register_csv_write (writer, items, TRUE);
      return TRUE;
    }

  if (kind == GW_TABLE_ROADMAP)
    {
      g_autoptr(GwCalendar) calendar = gw_calendar_new_from_store (store, error);
      g_autoptr(GPtrArray) roles = NULL;
      g_autoptr(GPtrArray) milestones = NULL;
      g_autoptr(GwScheduleInput) input = NULL;

      if (calendar == NULL || (items = gw_store_list_items (store, error)) == NULL)
        return FALSE;
      roles = gw_store_list_roles (store);
      milestones = gw_store_list_milestones (store);
      input = gw_schedule_input_new_from_items (calendar, items, roles, milestones);
      schedule = gw_schedule_compute (input, error);
    }
  else
    schedule = gw_schedule_new_from_store (store, error);

  if (schedule == NULL)
    return FALSE;
  if (kind == GW_TABLE_ROADMAP)
    gw_schedule_csv_write_roadmap (writer, schedule, items);
  else
    gw_schedule_csv_write_resources (writer, schedule, period);

  if (warnings != NULL)
    {
      *warnings = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < schedule->warnings->len; i++)
        g_ptr_array_add (*warnings, g_strdup (g_ptr_array_index (schedule->warnings, i)));
    }
  return TRUE;
}

/**
 * gw_table_export_save:
 *
 * Writes one CSV table of @store to @path, whole or not at all.
 */
gboolean
gw_table_export_save (GwStore           *store,
                      GwTableKind        kind,
                      GwSchedulePeriod   period,
                      const char        *path,
                      GError           **error)
{
  g_autoptr(GwCsvWriter) writer = gw_csv_writer_new ();

  return gw_table_export_write (store, kind, period, writer, NULL, error) &&
         gw_csv_writer_save (writer, path, error);
}
