/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gw-csv-writer.h"
#include "gw-schedule.h"
#include "gw-store.h"

G_BEGIN_DECLS

/* The CSV tables a register exports, the same from gapwise-cli export
 * and from the window's Export menu. */
typedef enum
{
  GW_TABLE_REGISTER,    /* every field, as gapwise-cli reads it back */
  GW_TABLE_ROADMAP,     /* one row per item: schedule, weeks, critical path */
  GW_TABLE_RESOURCES,   /* per period and role, then the totals by role */
} GwTableKind;

gboolean gw_table_export_write (GwStore           *store,
                                GwTableKind        kind,
                                GwSchedulePeriod   period,
                                GwCsvWriter       *writer,
                                GPtrArray        **warnings,
                                GError           **error);
gboolean gw_table_export_save  (GwStore           *store,
                                GwTableKind        kind,
                                GwSchedulePeriod   period,
                                const char        *path,
                                GError           **error);

G_END_DECLS
