/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Fuzzes the CSV importer, and merging what it reads into a register
 * (a dry run into an empty register in memory: the dependency graph,
 * cycles, roles and milestones). */

#include "config.h"

#include "gw-csv-import.h"
#include "gw-fuzz.h"

/* Larger files only cost time: the merge is linear. */
#define MAX_ITEMS_TO_MERGE 5000

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static GwStore *store;
  g_autoptr(GwImportData) parsed = NULL;

  if (store == NULL)
    store = gw_store_open (":memory:", GW_STORE_OPEN_CREATE, NULL);
  g_assert (store != NULL);

  parsed = gw_csv_import ("fuzz.csv", (const char *) data, size, NULL);
  if (parsed != NULL && parsed->items->len <= MAX_ITEMS_TO_MERGE)
    {
      g_autoptr(GPtrArray) files = g_ptr_array_new ();
      g_autoptr(GwImportReport) report = NULL;

      g_ptr_array_add (files, parsed);
      /* It may fail (a range whose minimum is above its maximum), but
       * a dry run into an empty register never leaves anything. */
      report = gw_import_apply (store, files, TRUE, NULL);
      if (report != NULL)
        {
          g_assert (report->items == parsed->items->len);
          g_assert (report->added == report->items && report->not_in_file == 0);
        }
      g_assert (gw_store_count_items (store) == 0);
      g_assert (!gw_store_in_edit (store));
    }
  return 0;
}
