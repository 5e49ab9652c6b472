/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What gw_store_write_items() (gw-store.c) uses of gw-store-rows.c: rows
 * in memory served to INSERT ... SELECT by the table-valued function
 * gw_import_rows(?1), and their undo record written as a changeset. */

#include <sqlite3.h>

#include "gw-item.h"

G_BEGIN_DECLS

/* A value of a row as the register stores it. */
typedef struct
{
  int type;   /* SQLITE_INTEGER, SQLITE_FLOAT, SQLITE_TEXT or SQLITE_NULL */
  union
  {
    gint64      i;
    double      r;
    const char *text;
  };
  gsize       length;   /* of text */
} GwRowValue;

enum
{
  ITEM_ID, ITEM_KEY, ITEM_POSITION, ITEM_TITLE, ITEM_DESCRIPTION, ITEM_CATEGORY, ITEM_MODULE,
  ITEM_PRIORITY, ITEM_STATUS, ITEM_EFFORT_HOURS, ITEM_EFFORT_SIZE, ITEM_EFFORT_MIN, ITEM_EFFORT_MAX,
  ITEM_RISK, ITEM_IMPL_RISK_PCT, ITEM_DATA_LOSS_RISK_PCT, ITEM_IMPACT, ITEM_ROI_PCT, ITEM_REVENUE_IMPACT,
  ITEM_OWNER, ITEM_ASSIGNEE, ITEM_MILESTONE, ITEM_PHASE, ITEM_ACTION, ITEM_CURRENT_PCT, ITEM_TARGET_PCT,
  ITEM_NOT_BEFORE,
  N_ITEM_VALUES
};

extern const char *const _gw_store_item_value_names[N_ITEM_VALUES];

enum { DEP_ITEM_ID, DEP_DEPENDS_ON, DEP_LAG_HOURS, N_DEP_VALUES };

extern const char *const _gw_store_dep_value_names[N_DEP_VALUES];

/* A table's columns as a changeset lists them: which are the primary key
 * (and where in it), and which of our values each one holds. */
typedef struct
{
  const char *table;
  guint       n_columns;
  guint8      pk[N_ITEM_VALUES];
  guint       value[N_ITEM_VALUES];
} GwTableLayout;

/* A changeset being written. */
typedef struct
{
  guint8 *data;
  gsize   len;
  gsize   alloc;
} GwChangeset;

/* Rows in memory as a table-valued function, gw_import_rows(?1) with ?1
 * a GwRowSource bound by sqlite3_bind_pointer() (as SQLite's carray does),
 * so that one INSERT ... SELECT writes them all: the full-text index then
 * takes them in one go instead of flushing after every statement. */
typedef struct
{
  guint           n_rows;
  void          (*fill) (gconstpointer rows, guint row, GwRowValue *v);
  gconstpointer   rows;
} GwRowSource;

#define GW_ROW_SOURCE_TYPE "gapwise-row-source"

/* The module of gw_import_rows. */
extern const sqlite3_module _gw_store_rows_module;

/* A dependency row: item_id, depends_on, lag_hours. */
typedef struct
{
  gint64 item_id;
  gint64 depends_on;
  double lag_hours;
} GwDepRow;

void _gw_store_item_values (GwItem     *item,
                            GwRowValue *v);
void _gw_store_fill_item (gconstpointer  rows,
                          guint          row,
                          GwRowValue    *v);
void _gw_store_dep_values (const GwDepRow *dep,
                           GwRowValue     *v);
void _gw_store_fill_dep (gconstpointer  rows,
                         guint          row,
                         GwRowValue    *v);
gboolean _gw_store_table_layout_init (sqlite3            *db,
                                      GwTableLayout      *layout,
                                      const char         *table,
                                      const char *const  *names,
                                      guint               n_names);
void _gw_store_changeset_put_table (GwChangeset         *cs,
                                    const GwTableLayout *layout);
void _gw_store_changeset_put_insert (GwChangeset         *cs,
                                     const GwTableLayout *layout,
                                     const GwRowValue    *v);

G_END_DECLS
