/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gw-csv-writer.h"
#include "gw-store.h"

G_BEGIN_DECLS

void gw_register_csv_write (GwCsvWriter *writer,
                            GPtrArray   *items,
                            gboolean     with_lines);

G_END_DECLS
