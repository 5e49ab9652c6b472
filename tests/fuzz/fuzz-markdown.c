/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Fuzzes the Markdown importer (with the mojibake repair and the text
 * decoding it runs first), and merging what it reads into a register as a
 * dry run into an empty register in memory. */

#include "config.h"

#include <string.h>

#include "gw-fuzz.h"
#include "gw-import.h"
#include "gw-markdown-import.h"
#include "gw-text-repair.h"

/* Larger files only cost time: the merge is linear. */
#define MAX_ITEMS_TO_MERGE 2000

static void
check_text (const char *text)
{
  g_assert (text != NULL);
  g_assert (g_utf8_validate (text, -1, NULL));
}

static void
check_lines (GPtrArray *lines)
{
  for (guint i = 0; lines != NULL && i < lines->len; i++)
    check_text (((GwLine *) g_ptr_array_index (lines, i))->text);
}

static void
check_data (GwImportData *data)
{
  g_assert (data->items->len > 0);
  g_assert (data->item_lines->len == data->items->len);
  g_assert (g_hash_table_size (data->by_key) == data->items->len);

  for (guint i = 0; i < data->items->len; i++)
    {
      GwItem *item = g_ptr_array_index (data->items, i);
      GPtrArray *deps = gw_item_get_depends_on (item);

      check_text (gw_item_get_key (item));
      g_assert (*gw_item_get_key (item) != '\0');
      check_text (gw_item_get_title (item));
      g_assert (*gw_item_get_title (item) != '\0');
      g_assert (gw_import_data_find_item (data, gw_item_get_key (item)) == item);
      g_assert (g_array_index (data->item_lines, int, i) >= 1);
      for (guint f = 0; f < GW_N_FIELDS; f++)
        {
          g_autofree char *text = gw_item_get_field_text (item, (GwField) f);

          check_text (text);
        }
      for (guint k = 0; k < GW_N_LINE_KINDS; k++)
        check_lines (gw_item_get_lines (item, (GwLineKind) k));
      for (guint d = 0; d < deps->len; d++)
        {
          GwDependency *dep = g_ptr_array_index (deps, d);

          check_text (dep->key);
          g_assert (!g_str_equal (dep->key, gw_item_get_key (item)));
        }
    }
  for (guint i = 0; i < data->milestones->len; i++)
    {
      GwMilestone *m = g_ptr_array_index (data->milestones, i);

      check_text (m->key);
      check_text (m->name);
      for (guint k = 0; k < G_N_ELEMENTS (m->lines); k++)
        check_lines (m->lines[k]);
    }
  for (guint i = 0; i < data->roles->len; i++)
    check_text (((GwRole *) g_ptr_array_index (data->roles, i))->name);
  for (guint i = 0; i < data->decision->len; i++)
    check_text (((GwDecisionEntry *) g_ptr_array_index (data->decision, i))->text);
  for (guint i = 0; i < data->warnings->len; i++)
    check_text (g_ptr_array_index (data->warnings, i));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static GwStore *store;
  g_autoptr(GwImportData) parsed = NULL;
  g_autoptr(GError) error = NULL;
  const char *text = (const char *) data;

  if (store == NULL)
    store = gw_store_open (":memory:", GW_STORE_OPEN_CREATE, NULL);
  g_assert (store != NULL);

  /* The repair keeps valid UTF-8 valid. */
  if (g_utf8_validate_len (text, size, NULL))
    {
      gsize length = 0;
      g_autofree char *repaired = gw_text_repair_mojibake (text, size, &length, NULL);

      g_assert (g_utf8_validate_len (repaired, length, NULL));
      g_assert (repaired[length] == '\0');
    }

  parsed = gw_markdown_import ("fuzz.md", text, size, &error);
  if (parsed == NULL)
    {
      g_assert (error != NULL && error->domain == GW_IMPORT_ERROR);
      check_text (error->message);
      return 0;
    }
  g_assert (error == NULL);
  check_data (parsed);

  if (parsed->items->len <= MAX_ITEMS_TO_MERGE)
    {
      g_autoptr(GPtrArray) files = g_ptr_array_new ();
      g_autoptr(GwImportReport) report = NULL;

      g_ptr_array_add (files, parsed);
      /* It may fail (a dependency cycle the sections state), but a dry run
       * into an empty register never leaves anything. */
      report = gw_import_apply (store, files, TRUE, NULL);
      if (report != NULL)
        g_assert (report->items == parsed->items->len && report->added == report->items);
      g_assert (gw_store_count_items (store) == 0);
      g_assert (!gw_store_in_edit (store));
    }
  return 0;
}
