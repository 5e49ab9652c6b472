/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "gw-store.h"

G_BEGIN_DECLS

/* 'Gapw': marks a SQLite file as a Gapwise register. */
#define GW_STORE_APPLICATION_ID 0x47617077

/* Tables whose changes are recorded for undo. */
extern const char *const gw_store_tracked_tables[];

gboolean gw_store_schema_create  (sqlite3     *db,
                                  GError     **error);
gboolean gw_store_schema_migrate (sqlite3     *db,
                                  int          from_version,
                                  GError     **error);
gboolean gw_store_exec           (sqlite3     *db,
                                  const char  *sql,
                                  GError     **error);
void     gw_store_set_sqlite_error (GError    **error,
                                    sqlite3    *db,
                                    int         rc,
                                    const char *path);

G_END_DECLS
