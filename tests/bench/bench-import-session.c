/* SPDX-License-Identifier: GPL-3.0-or-later */

/* What recording every row for undo with SQLite's session extension
 * costs an import: the writes gw_store_write_items() made before it
 * recorded new rows itself (items staged in a temporary table and copied
 * by one statement, then one statement per dependency) on a new register,
 * with and without the session attached to the tracked tables, then the
 * changeset, its history row and the commit. gw_store_write_items() now
 * leaves new items and their dependencies out of the session, so this is
 * the cost it avoids.
 *
 *   bench-import-session DIR N RUNS
 *
 * Items are synthetic but shaped like the peer bench's (titles of ~40
 * characters, 0-3 dependencies on recent items, mean 1.5). Prints one
 * line per run and phase, then the medians, in seconds. Run by hand. */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

#include "gw-store.h"

enum { STAGE, INSERT, DEPENDENCIES, CHANGESET, HISTORY, COMMIT, TOTAL, N_PHASES };

static const char *const phase_names[N_PHASES] = {
  "stage", "insert", "dependencies", "changeset", "history", "commit", "total",
};

static void
exec_or_die (sqlite3    *db,
             const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static sqlite3_stmt *
prepare_or_die (sqlite3    *db,
                const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  return stmt;
}

static void
run_once (const char *dir,
          guint       n,
          gboolean    session,
          double     *times)
{
  static const char *const tables[] = {
    "settings", "roles", "milestones", "milestone_lines", "items", "item_lines", "dependencies", "decision",
  };
  g_autofree char *path = g_build_filename (dir, session ? "session.gapwise" : "plain.gapwise", NULL);
  g_autoptr(GwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3_session *recorder = NULL;
  sqlite3_stmt *stmt;
  sqlite3 *db = NULL;
  GRand *rand = g_rand_new_with_seed (42);
  void *changeset = NULL;
  int size = 0;
  gint64 t0, t;

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *file = g_strconcat (path, i == 0 ? "" : i == 1 ? "-wal" : "-shm", NULL);

      g_unlink (file);
    }
  /* A new register, with the schema and settings the store writes. */
  store = gw_store_open (path, GW_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec_or_die (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;");

  t0 = t = g_get_monotonic_time ();
#define LAP(phase) G_STMT_START { gint64 now = g_get_monotonic_time (); times[phase] = (now - t) / 1e6; t = now; } G_STMT_END

  exec_or_die (db, "BEGIN IMMEDIATE");
  if (session)
    {
      g_assert_cmpint (sqlite3session_create (db, "main", &recorder), ==, SQLITE_OK);
      for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
        g_assert_cmpint (sqlite3session_attach (recorder, tables[i]), ==, SQLITE_OK);
    }

  exec_or_die (db, "CREATE TEMP TABLE import_items AS SELECT * FROM main.items WHERE 0");
  stmt = prepare_or_die (db, "INSERT INTO temp.import_items (id, position, key, title, category, priority, status, "
                             "effort_hours, owner, milestone) VALUES (?1, ?1, ?2, ?3, ?4, ?5, 'todo', ?6, ?7, ?8)");
  for (guint i = 1; i <= n; i++)
    {
      char key[32], title[96];

      g_snprintf (key, sizeof key, "P1-%05u", i);
      g_snprintf (title, sizeof title, "Harden the audit log for EU region, item %u", i);
      sqlite3_bind_int64 (stmt, 1, i);
      sqlite3_bind_text (stmt, 2, key, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, title, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, "Security", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, "P1", -1, SQLITE_STATIC);
      sqlite3_bind_double (stmt, 6, g_rand_int_range (rand, 2, 41));
      sqlite3_bind_text (stmt, 7, "backend-dev", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 8, "M1", -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        g_error ("stage: %s", sqlite3_errmsg (db));
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  LAP (STAGE);

  exec_or_die (db, "INSERT INTO main.items SELECT * FROM temp.import_items");
  LAP (INSERT);

  stmt = prepare_or_die (db, "INSERT INTO dependencies (item_id, depends_on, lag_hours) VALUES (?1, ?2, 0)");
  for (guint i = 2; i <= n; i++)
    {
      static const int weights[] = { 15, 37, 31, 17 };
      int pick = g_rand_int_range (rand, 0, 100), k = 0;
      g_autoptr(GHashTable) seen = g_hash_table_new (g_direct_hash, g_direct_equal);

      while (pick >= weights[k])
        pick -= weights[k++];
      for (int d = 0; d < k; d++)
        {
          guint back = (guint) g_rand_int_range (rand, 0, 24);
          guint on = i - 1 - MIN (back, i - 2);

          if (!g_hash_table_add (seen, GUINT_TO_POINTER (on)))
            continue;
          sqlite3_bind_int64 (stmt, 1, i);
          sqlite3_bind_int64 (stmt, 2, on);
          if (sqlite3_step (stmt) != SQLITE_DONE)
            g_error ("dependency: %s", sqlite3_errmsg (db));
          sqlite3_reset (stmt);
        }
    }
  sqlite3_finalize (stmt);
  LAP (DEPENDENCIES);

  if (session)
    g_assert_cmpint (sqlite3session_changeset (recorder, &size, &changeset), ==, SQLITE_OK);
  LAP (CHANGESET);
  if (session)
    {
      stmt = prepare_or_die (db, "INSERT INTO history (label, changeset) VALUES ('Import', ?1)");
      sqlite3_bind_blob (stmt, 1, changeset, size, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        g_error ("history: %s", sqlite3_errmsg (db));
      sqlite3_finalize (stmt);
    }
  LAP (HISTORY);
  exec_or_die (db, "COMMIT");
  LAP (COMMIT);
  times[TOTAL] = (g_get_monotonic_time () - t0) / 1e6;
#undef LAP

  printf ("session=%d changeset_bytes=%d", session, size);
  for (guint p = 0; p < N_PHASES; p++)
    printf (" %s=%.3f", phase_names[p], times[p]);
  printf ("\n");

  sqlite3_free (changeset);
  if (recorder != NULL)
    sqlite3session_delete (recorder);
  sqlite3_close (db);
  g_rand_free (rand);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

int
main (int   argc,
      char *argv[])
{
  guint n, runs;
  g_autofree double *times = NULL;

  if (argc != 4)
    {
      fprintf (stderr, "usage: %s DIR N RUNS\n", argv[0]);
      return 2;
    }
  n = (guint) g_ascii_strtoull (argv[2], NULL, 10);
  runs = MAX ((guint) g_ascii_strtoull (argv[3], NULL, 10), 1);
  times = g_new0 (double, 2 * runs * N_PHASES);

  /* Alternate, so that a busier moment hurts both alike. */
  for (guint r = 0; r < runs; r++)
    for (guint s = 0; s < 2; s++)
      run_once (argv[1], n, s == 1, times + (s * runs + r) * N_PHASES);

  for (guint s = 0; s < 2; s++)
    {
      printf ("median session=%d n=%u runs=%u", s, n, runs);
      for (guint p = 0; p < N_PHASES; p++)
        {
          g_autofree double *values = g_new (double, runs);

          for (guint r = 0; r < runs; r++)
            values[r] = times[(s * runs + r) * N_PHASES + p];
          qsort (values, runs, sizeof (double), compare_doubles);
          printf (" %s=%.3f", phase_names[p], values[runs / 2]);
        }
      printf ("\n");
    }
  return 0;
}
