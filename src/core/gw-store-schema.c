/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "gw-store-private.h"

const char *const gw_store_tracked_tables[] = {
  "settings", "roles", "milestones", "milestone_lines", "items", "item_lines",
  "dependencies", "decision", NULL
};

/* Version 1: the first register format. Foreign keys are deferred so that
 * undo can replay a changeset in any row order. */
static const char schema_v1[] =
  "CREATE TABLE settings ("
  "  name TEXT PRIMARY KEY NOT NULL,"
  "  value TEXT NOT NULL"
  ");"
  "CREATE TABLE roles ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),"
  "  headcount INTEGER NOT NULL DEFAULT 1 CHECK (headcount >= 0),"
  "  hours_per_week REAL NOT NULL DEFAULT 40 CHECK (hours_per_week >= 0 AND hours_per_week <= 168),"
  "  cost_per_hour REAL CHECK (cost_per_hour IS NULL OR cost_per_hour >= 0)"
  ");"
  "CREATE TABLE milestones ("
  "  id INTEGER PRIMARY KEY,"
  "  key TEXT NOT NULL UNIQUE CHECK (length(trim(key)) > 0),"
  "  name TEXT NOT NULL DEFAULT '',"
  "  goal TEXT NOT NULL DEFAULT '',"
  "  position INTEGER NOT NULL,"
  "  requires TEXT,"
  "  duration TEXT"
  ");"
  "CREATE TABLE milestone_lines ("
  "  id INTEGER PRIMARY KEY,"
  "  milestone_id INTEGER NOT NULL REFERENCES milestones (id) DEFERRABLE INITIALLY DEFERRED,"
  "  kind TEXT NOT NULL CHECK (kind IN ('deliverable', 'entry', 'exit')),"
  "  position INTEGER NOT NULL,"
  "  text TEXT NOT NULL,"
  "  done INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1))"
  ");"
  "CREATE INDEX milestone_lines_by_milestone ON milestone_lines (milestone_id, kind, position);"
  "CREATE TABLE items ("
  "  id INTEGER PRIMARY KEY,"
  "  key TEXT NOT NULL UNIQUE CHECK (length(trim(key)) > 0),"
  "  position INTEGER NOT NULL,"
  "  title TEXT NOT NULL DEFAULT '',"
  "  description TEXT,"
  "  category TEXT,"
  "  module TEXT,"
  "  priority TEXT NOT NULL DEFAULT 'P2' CHECK (priority IN ('P0', 'P1', 'P2', 'P3')),"
  "  status TEXT NOT NULL DEFAULT 'todo'"
  "    CHECK (status IN ('todo', 'in-progress', 'blocked', 'done', 'deferred')),"
  "  effort_hours REAL NOT NULL DEFAULT 0 CHECK (effort_hours >= 0),"
  "  effort_size TEXT CHECK (effort_size IS NULL OR effort_size IN ('XS', 'S', 'M', 'L', 'XL', 'XXL')),"
  "  effort_min REAL CHECK (effort_min IS NULL OR effort_min >= 0),"
  "  effort_max REAL CHECK (effort_max IS NULL OR effort_max >= 0),"
  "  risk TEXT CHECK (risk IS NULL OR risk IN ('low', 'medium', 'high')),"
  "  impl_risk_pct REAL CHECK (impl_risk_pct IS NULL OR impl_risk_pct BETWEEN 0 AND 100),"
  "  data_loss_risk_pct REAL CHECK (data_loss_risk_pct IS NULL OR data_loss_risk_pct BETWEEN 0 AND 100),"
  "  impact INTEGER CHECK (impact IS NULL OR impact BETWEEN 0 AND 100),"
  "  roi_pct REAL,"
  "  revenue_impact TEXT,"
  "  owner TEXT,"
  "  assignee TEXT,"
  "  milestone TEXT,"
  "  phase TEXT,"
  "  action TEXT CHECK (action IS NULL OR action IN ('IMMEDIATE', 'HIGH', 'MEDIUM', 'LOW')),"
  "  current_pct REAL CHECK (current_pct IS NULL OR current_pct BETWEEN 0 AND 100),"
  "  target_pct REAL CHECK (target_pct IS NULL OR target_pct BETWEEN 0 AND 100),"
  "  not_before TEXT CHECK (not_before IS NULL OR date(not_before) = not_before)"
  ");"
  "CREATE INDEX items_by_position ON items (position);"
  "CREATE TABLE item_lines ("
  "  id INTEGER PRIMARY KEY,"
  "  item_id INTEGER NOT NULL REFERENCES items (id) DEFERRABLE INITIALLY DEFERRED,"
  "  kind TEXT NOT NULL"
  "    CHECK (kind IN ('breakdown', 'evidence', 'impact', 'mitigation', 'criterion', 'remediation')),"
  "  position INTEGER NOT NULL,"
  "  text TEXT NOT NULL,"
  "  hours REAL CHECK (hours IS NULL OR hours >= 0),"
  "  done INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1))"
  ");"
  "CREATE INDEX item_lines_by_item ON item_lines (item_id, kind, position);"
  "CREATE TABLE dependencies ("
  "  item_id INTEGER NOT NULL REFERENCES items (id) DEFERRABLE INITIALLY DEFERRED,"
  "  depends_on INTEGER NOT NULL REFERENCES items (id) DEFERRABLE INITIALLY DEFERRED,"
  "  lag_hours REAL NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (item_id, depends_on),"
  "  CHECK (item_id <> depends_on)"
  ") WITHOUT ROWID;"
  "CREATE INDEX dependencies_by_prerequisite ON dependencies (depends_on);"
  "CREATE TABLE decision ("
  "  id INTEGER PRIMARY KEY,"
  "  level TEXT NOT NULL CHECK (level IN ('must', 'should', 'nice')),"
  "  item_id INTEGER REFERENCES items (id) DEFERRABLE INITIALLY DEFERRED,"
  "  text TEXT NOT NULL DEFAULT '',"
  "  done INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),"
  "  position INTEGER NOT NULL"
  ");"
  "CREATE TABLE history ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  label TEXT NOT NULL,"
  "  changeset BLOB NOT NULL,"
  "  undone INTEGER NOT NULL DEFAULT 0,"
  "  created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"
  ");"
  "CREATE VIRTUAL TABLE items_fts USING fts5 ("
  "  key, title, description, content = 'items', content_rowid = 'id',"
  "  tokenize = 'unicode61 remove_diacritics 2'"
  ");"
  "CREATE TRIGGER items_fts_insert AFTER INSERT ON items BEGIN"
  "  INSERT INTO items_fts (rowid, key, title, description)"
  "    VALUES (new.id, new.key, new.title, new.description);"
  "END;"
  "CREATE TRIGGER items_fts_delete AFTER DELETE ON items BEGIN"
  "  INSERT INTO items_fts (items_fts, rowid, key, title, description)"
  "    VALUES ('delete', old.id, old.key, old.title, old.description);"
  "END;"
  "CREATE TRIGGER items_fts_update AFTER UPDATE OF key, title, description ON items BEGIN"
  "  INSERT INTO items_fts (items_fts, rowid, key, title, description)"
  "    VALUES ('delete', old.id, old.key, old.title, old.description);"
  "  INSERT INTO items_fts (rowid, key, title, description)"
  "    VALUES (new.id, new.key, new.title, new.description);"
  "END;";

typedef gboolean (*Migration) (sqlite3 *db, GError **error);

/* migrations[v] upgrades a register from version v + 1 to v + 2. */
static const Migration migrations[] = {
  NULL,
};

gboolean
gw_store_exec (sqlite3     *db,
               const char  *sql,
               GError     **error)
{
  char *message = NULL;
  int rc = sqlite3_exec (db, sql, NULL, NULL, &message);

  if (rc != SQLITE_OK)
    {
      gw_store_set_sqlite_error (error, db, rc, NULL);
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

gboolean
gw_store_schema_create (sqlite3  *db,
                        GError  **error)
{
  g_autofree char *pragmas = NULL;

  if (!gw_store_exec (db, schema_v1, error))
    return FALSE;
  /* Later versions are reached through the same path as old registers. */
  if (!gw_store_schema_migrate (db, 1, error))
    return FALSE;

  pragmas = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d;",
                             GW_STORE_APPLICATION_ID, GW_STORE_SCHEMA_VERSION);
  return gw_store_exec (db, pragmas, error);
}

gboolean
gw_store_schema_migrate (sqlite3  *db,
                         int       from_version,
                         GError  **error)
{
  for (int v = from_version; v < GW_STORE_SCHEMA_VERSION; v++)
    {
      g_autofree char *pragma = NULL;

      g_assert (v - 1 < (int) G_N_ELEMENTS (migrations) && migrations[v - 1] != NULL);
      if (!migrations[v - 1] (db, error))
        return FALSE;
      pragma = g_strdup_printf ("PRAGMA user_version = %d;", v + 1);
      if (!gw_store_exec (db, pragma, error))
        return FALSE;
    }
  return TRUE;
}
