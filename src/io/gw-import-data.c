/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "gw-import.h"

G_DEFINE_QUARK (gw-import-error-quark, gw_import_error)

GwImportData *
gw_import_data_new (const char *source)
{
  GwImportData *data = g_new0 (GwImportData, 1);

  data->source = g_strdup (source);
  data->items = g_ptr_array_new_with_free_func (g_object_unref);
  data->item_lines = g_array_new (FALSE, FALSE, sizeof (int));
  data->roles = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_role_free);
  data->milestones = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_milestone_free);
  data->decision = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_decision_entry_free);
  data->settings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  data->warnings = g_ptr_array_new_with_free_func (g_free);
  data->by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  data->item_fields = g_array_new (FALSE, FALSE, sizeof (guint64));
  return data;
}

void
gw_import_data_free (GwImportData *data)
{
  if (data == NULL)
    return;
  g_free (data->source);
  g_ptr_array_unref (data->items);
  g_array_unref (data->item_lines);
  g_ptr_array_unref (data->roles);
  g_ptr_array_unref (data->milestones);
  g_ptr_array_unref (data->decision);
  g_hash_table_unref (data->settings);
  g_ptr_array_unref (data->warnings);
  g_hash_table_unref (data->by_key);
  g_array_unref (data->item_fields);
  g_free (data);
}

/**
 * gw_import_data_warn:
 * @line: the line of the file, or 0 when the warning is about the whole file
 *
 * Records a warning as "FILE:LINE: message".
 */
void
gw_import_data_warn (GwImportData *data,
                     int           line,
                     const char   *format,
                     ...)
{
  g_autofree char *message = NULL;
  g_autofree char *display = g_filename_display_basename (data->source ? data->source : "");
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (line > 0)
    g_ptr_array_add (data->warnings, g_strdup_printf ("%s:%d: %s", display, line, message));
  else
    g_ptr_array_add (data->warnings, g_strdup_printf ("%s: %s", display, message));
}

/**
 * gw_import_data_find_item:
 *
 * Returns: (transfer none) (nullable): the item read with @key
 */
GwItem *
gw_import_data_find_item (GwImportData *data,
                          const char   *key)
{
  return key ? g_hash_table_lookup (data->by_key, key) : NULL;
}

/**
 * gw_import_data_add_item:
 * @item: (transfer none): an item with a key not yet in @data
 * @line: where the item starts in the file
 */
void
gw_import_data_add_item (GwImportData *data,
                         GwItem       *item,
                         int           line)
{
  guint64 all = GW_IMPORT_ALL_FIELDS;

  g_return_if_fail (gw_item_get_key (item) != NULL);

  g_ptr_array_add (data->items, g_object_ref (item));
  g_array_append_val (data->item_lines, line);
  g_array_append_val (data->item_fields, all);
  g_hash_table_insert (data->by_key, g_strdup (gw_item_get_key (item)), item);
}

void
gw_import_report_free (GwImportReport *report)
{
  if (report == NULL)
    return;
  g_ptr_array_unref (report->warnings);
  g_free (report);
}
