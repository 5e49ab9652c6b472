/* SPDX-License-Identifier: GPL-3.0-or-later */

/* gw_import_apply(): merging imported files into a register, all or
 * nothing, as one undo step; and the round trip through an export. */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "gw-csv-import.h"
#include "gw-import.h"
#include "gw-register-csv.h"

typedef struct
{
  char    *dir;
  char    *path;
  GwStore *store;
} Fixture;

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fx->dir = g_dir_make_tmp ("gapwise-import-XXXXXX", &error);
  g_assert_no_error (error);
  fx->path = g_build_filename (fx->dir, "plan.gapwise", NULL);
  fx->store = gw_store_open (fx->path, GW_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(GDir) d = NULL;
  const char *name;

  g_clear_object (&fx->store);
  d = g_dir_open (fx->dir, 0, NULL);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (fx->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fx->dir);
  g_free (fx->path);
  g_free (fx->dir);
}

/* Helpers */

static GwImportData *
csv_text (const char *name,
          const char *text)
{
  g_autoptr(GError) error = NULL;
  GwImportData *data = gw_csv_import (name, text, strlen (text), &error);

  g_assert_no_error (error);
  return data;
}

static GwImportData *
csv_file (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("GAPWISE_TEST_DATA"), "csv", name, NULL);
  g_autoptr(GError) error = NULL;
  GwImportData *data = gw_import_read_file (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (data);
  return data;
}

/* Applies the files (taken) and expects success. */
static GwImportReport *
apply (GwStore      *store,
       gboolean      dry_run,
       GwImportData *first,
       ...)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_import_data_free);
  g_autoptr(GError) error = NULL;
  GwImportReport *report;
  va_list args;

  va_start (args, first);
  for (GwImportData *d = first; d != NULL; d = va_arg (args, GwImportData *))
    g_ptr_array_add (files, d);
  va_end (args);

  report = gw_import_apply (store, files, dry_run, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static GwItem *
get (GwStore    *store,
     const char *key)
{
  g_autoptr(GError) error = NULL;
  GwItem *item = gw_store_get_item (store, key, &error);

  g_assert_no_error (error);
  return item;
}

static void
assert_field (GwStore    *store,
              const char *key,
              GwField     field,
              const char *expected)
{
  g_autoptr(GwItem) item = get (store, key);
  g_autofree char *text = gw_item_get_field_text (item, field);

  if (g_strcmp0 (text, expected) != 0)
    g_error ("%s: field %s is “%s”, expected “%s”", key, gw_field_name (field), text, expected);
}

static gboolean
has_warning (GwImportReport *report,
             const char     *text)
{
  for (guint i = 0; i < report->warnings->len; i++)
    if (g_str_equal (g_ptr_array_index (report->warnings, i), text))
      return TRUE;
  return FALSE;
}

static void
assert_warning (GwImportReport *report,
                const char     *text)
{
  if (!has_warning (report, text))
    {
      for (guint i = 0; i < report->warnings->len; i++)
        g_printerr ("warning: %s\n", (const char *) g_ptr_array_index (report->warnings, i));
      g_error ("no warning “%s”", text);
    }
}

static void
assert_counts (GwImportReport *report,
               guint           items,
               guint           added,
               guint           changed,
               guint           unchanged,
               guint           not_in_file,
               guint           dependencies)
{
  g_assert_cmpuint (report->items, ==, items);
  g_assert_cmpuint (report->added, ==, added);
  g_assert_cmpuint (report->changed, ==, changed);
  g_assert_cmpuint (report->unchanged, ==, unchanged);
  g_assert_cmpuint (report->not_in_file, ==, not_in_file);
  g_assert_cmpuint (report->dependencies, ==, dependencies);
}

/* Every row of every table, history and the full-text index included, as
 * text: two dumps are equal when the registers hold the same bytes. */
static char *
dump_register (const char *path)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  for (guint t = 0; t < tables->len; t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\"", (char *) g_ptr_array_index (tables, t));

      if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
        continue;   /* the full-text table itself reads through its shadow tables */
      g_string_append_printf (out, "[%s]\n", (char *) g_ptr_array_index (tables, t));
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            {
              const guint8 *blob = sqlite3_column_blob (stmt, c);
              int n = sqlite3_column_bytes (stmt, c);

              g_string_append_printf (out, "%d:", sqlite3_column_type (stmt, c));
              for (int i = 0; i < n; i++)
                g_string_append_printf (out, "%02x", blob[i]);
              g_string_append_c (out, '|');
            }
          g_string_append_c (out, '\n');
        }
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static const char merge_v1[] =
  "key,title,risk,owner,effort_hours,depends_on,evidence\n"
  "M-1,One,high,dev,4,,- the log shows it\n"
  "M-2,Two,low,ops,8,M-1,\n"
  "M-3,Three,,dev,2,,\n"
  "M-4,Four,medium,qa,1,M-3,\n";

/* No risk column and no evidence: those stay as they are. */
static const char merge_v2[] =
  "key,title,owner,effort_hours,depends_on\n"
  "M-1,One,dev,4,\n"
  "M-2,Two (renamed),,8,M-1\n"
  "M-4,Four,qa,3,\n"
  "M-5,Five,dev,5,M-2\n";

/* Tests */

static void
test_new_register (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(GwImportReport) report = apply (fx->store, FALSE, csv_file ("jira-export.csv"), NULL);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) roles = NULL;
  g_autofree char *label = NULL;

  assert_counts (report, 5, 5, 0, 0, 0, 4);
  g_assert_cmpuint (report->roles, ==, 3);
  g_assert_cmpuint (report->milestones, ==, 2);
  g_assert_cmpuint (report->decision_entries, ==, 0);
  /* The file's own warnings come first. */
  g_assert_cmpuint (report->warnings->len, ==, 2);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (report->warnings, 0), "jira-export.csv:1: "));

  g_assert_cmpuint (gw_store_count_items (fx->store), ==, 5);
  assert_field (fx->store, "GAP-1", GW_FIELD_TITLE, "Enable row-level security");
  assert_field (fx->store, "GAP-1", GW_FIELD_EFFORT_HOURS, "8");
  assert_field (fx->store, "GAP-5", GW_FIELD_DEPENDS_ON, "GAP-2");
  assert_field (fx->store, "GAP-3", GW_FIELD_DEPENDS_ON, "GAP-1");

  /* Owners and milestones of the items exist: the register is sound. */
  problems = gw_store_check (fx->store);
  g_assert_cmpuint (problems->len, ==, 0);
  roles = gw_store_list_roles (fx->store);
  g_assert_cmpuint (roles->len, ==, 3);
  g_assert_cmpint (((GwRole *) g_ptr_array_index (roles, 0))->headcount, ==, 1);

  label = gw_store_get_undo_label (fx->store);
  g_assert_cmpstr (label, ==, "Import jira-export.csv");
}

static void
test_merge (Fixture       *fx,
            gconstpointer  data)
{
  g_autoptr(GwImportReport) first = apply (fx->store, FALSE, csv_text ("v1.csv", merge_v1), NULL);
  g_autoptr(GwImportReport) second = NULL;
  g_autoptr(GwImportReport) again = NULL;
  g_autoptr(GwImportReport) third = NULL;
  g_autoptr(GwItem) m1 = NULL;
  g_autoptr(GwItem) m4 = NULL;
  g_autoptr(GwItem) m5 = NULL;
  g_autofree char *label = NULL;

  assert_counts (first, 4, 4, 0, 0, 0, 2);

  second = apply (fx->store, FALSE, csv_text ("v2.csv", merge_v2), NULL);
  assert_counts (second, 4, 1, 2, 1, 1, 2);

  /* A column the file has replaces, an empty cell clears, and a column it
   * lacks keeps the register's value. */
  assert_field (fx->store, "M-2", GW_FIELD_TITLE, "Two (renamed)");
  assert_field (fx->store, "M-2", GW_FIELD_OWNER, "");
  assert_field (fx->store, "M-2", GW_FIELD_RISK, "low");
  assert_field (fx->store, "M-4", GW_FIELD_EFFORT_HOURS, "3");
  assert_field (fx->store, "M-4", GW_FIELD_RISK, "medium");
  assert_field (fx->store, "M-4", GW_FIELD_DEPENDS_ON, "");
  assert_field (fx->store, "M-5", GW_FIELD_DEPENDS_ON, "M-2");
  m1 = get (fx->store, "M-1");
  g_assert_cmpuint (gw_item_get_lines (m1, GW_LINE_EVIDENCE)->len, ==, 1);
  g_assert_cmpint (gw_item_get_risk (m1), ==, GW_RISK_HIGH);

  /* Untouched, and the new item comes last. */
  assert_field (fx->store, "M-3", GW_FIELD_TITLE, "Three");
  m4 = get (fx->store, "M-4");
  m5 = get (fx->store, "M-5");
  g_assert_cmpint (gw_item_get_position (m5), >, gw_item_get_position (m4));

  /* The same file again changes nothing and adds no undo step. */
  again = apply (fx->store, FALSE, csv_text ("v2.csv", merge_v2), NULL);
  assert_counts (again, 4, 0, 0, 4, 1, 2);
  label = gw_store_get_undo_label (fx->store);
  g_assert_cmpstr (label, ==, "Import v2.csv");

  /* A file without links leaves them; the counts are the file's. */
  third = apply (fx->store, FALSE,
                 csv_text ("v3.csv", "key,effort_hours,acceptance_criteria\nM-5,6,\"- [ ] a\n- [x] b\"\n"), NULL);
  assert_counts (third, 1, 0, 1, 0, 4, 0);
  g_assert_cmpuint (third->checklist_entries, ==, 2);
  assert_field (fx->store, "M-5", GW_FIELD_DEPENDS_ON, "M-2");
  assert_field (fx->store, "M-5", GW_FIELD_TITLE, "Five");
  assert_field (fx->store, "M-5", GW_FIELD_ACCEPTANCE_CRITERIA, "- [ ] a\n- [x] b");
}

static void
test_merge_effort_range (Fixture       *fx,
                         gconstpointer  data)
{
  g_autoptr(GwImportReport) first = apply (fx->store, FALSE,
                                           csv_text ("sized.csv", "key,effort\nR-1,L (16-32 hours)\nR-2,L\n"), NULL);
  g_autoptr(GwImportReport) second = apply (fx->store, FALSE,
                                            csv_text ("hours.csv", "key,effort_hours\nR-1,40\nR-2,20\n"), NULL);

  g_assert_nonnull (first);
  /* New hours outside the range drop it; inside it, the range stays. */
  assert_field (fx->store, "R-1", GW_FIELD_EFFORT_HOURS, "40");
  assert_field (fx->store, "R-1", GW_FIELD_EFFORT_SIZE, "L");
  assert_field (fx->store, "R-1", GW_FIELD_EFFORT_MIN, "");
  assert_field (fx->store, "R-1", GW_FIELD_EFFORT_MAX, "");
  assert_field (fx->store, "R-2", GW_FIELD_EFFORT_HOURS, "20");
  assert_field (fx->store, "R-2", GW_FIELD_EFFORT_MIN, "16");
  assert_field (fx->store, "R-2", GW_FIELD_EFFORT_MAX, "32");
  g_assert_cmpuint (second->changed, ==, 2);
}

static void
test_all_or_nothing (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr(GwImportReport) first = apply (fx->store, FALSE, csv_text ("v1.csv", merge_v1), NULL);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_import_data_free);
  g_autoptr(GwImportData) bad = gw_import_data_new ("bad.csv");
  g_autoptr(GwItem) item = gw_item_new ("Z-1", "Impossible range");
  g_autoptr(GwImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GwRole *role = gw_role_new ("dev");

  g_assert_nonnull (first);
  /* The first file is fine and would change items, roles and settings;
   * the second holds an item the register refuses. */
  g_ptr_array_add (files, csv_text ("v2.csv", merge_v2));
  role->headcount = 4;
  g_ptr_array_add (((GwImportData *) g_ptr_array_index (files, 0))->roles, role);
  g_hash_table_insert (((GwImportData *) g_ptr_array_index (files, 0))->settings,
                       g_strdup ("name"), g_strdup ("Renamed"));
  g_assert_true (gw_item_set_field_text (item, GW_FIELD_EFFORT_MIN, "10", NULL, NULL));
  g_assert_true (gw_item_set_field_text (item, GW_FIELD_EFFORT_MAX, "5", NULL, NULL));
  gw_import_data_add_item (bad, item, 2);
  g_ptr_array_add (files, g_steal_pointer (&bad));

  before = dump_register (fx->path);
  report = gw_import_apply (fx->store, files, FALSE, &error);
  g_assert_null (report);
  g_assert_error (error, GW_STORE_ERROR, GW_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Z-1"));
  after = dump_register (fx->path);
  g_assert_cmpstr (after, ==, before);
  g_assert_false (gw_store_in_edit (fx->store));

  /* And the store goes on working. */
  g_clear_error (&error);
  g_clear_pointer (&files->pdata[1], gw_import_data_free);
  g_ptr_array_remove_index (files, 1);
  report = gw_import_apply (fx->store, files, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->added, ==, 1);
  g_assert_cmpstr (gw_store_get_name (fx->store), ==, "Renamed");
}

static void
test_dry_run (Fixture       *fx,
              gconstpointer  data)
{
  g_autoptr(GwImportReport) first = apply (fx->store, FALSE, csv_text ("v1.csv", merge_v1), NULL);
  g_autoptr(GwImportReport) dry = NULL;
  g_autoptr(GwImportReport) real = NULL;
  g_autofree char *before = dump_register (fx->path);
  g_autofree char *after = NULL;

  g_assert_nonnull (first);
  dry = apply (fx->store, TRUE, csv_text ("v2.csv", merge_v2), csv_file ("cycle.csv"), NULL);
  after = dump_register (fx->path);
  g_assert_cmpstr (after, ==, before);

  /* The dry run's report is the real one's. */
  real = apply (fx->store, FALSE, csv_text ("v2.csv", merge_v2), csv_file ("cycle.csv"), NULL);
  assert_counts (dry, real->items, real->added, real->changed, real->unchanged, real->not_in_file,
                 real->dependencies);
  g_assert_cmpuint (dry->roles, ==, real->roles);
  g_assert_cmpuint (dry->milestones, ==, real->milestones);
  g_assert_cmpuint (dry->warnings->len, ==, real->warnings->len);
  for (guint i = 0; i < dry->warnings->len; i++)
    g_assert_cmpstr (g_ptr_array_index (dry->warnings, i), ==, g_ptr_array_index (real->warnings, i));
  assert_counts (real, 7, 4, 2, 1, 1, 4);
}

static void
test_unknown_key_and_cycle (Fixture       *fx,
                            gconstpointer  data)
{
  g_autoptr(GwImportReport) report = apply (fx->store, FALSE, csv_file ("cycle.csv"), NULL);
  g_autoptr(GPtrArray) problems = NULL;

  assert_counts (report, 3, 3, 0, 0, 0, 2);
  assert_warning (report, "cycle.csv:3: “P0-007” depends on “P9-999”, which is neither in the files nor "
                          "in the register; the dependency was left out.");
  assert_warning (report, "cycle.csv:4: The dependency of “P0-008” on “P0-006” would close the cycle "
                          "P0-008 -> P0-006 -> P0-008; it was left out.");
  g_assert_cmpuint (report->warnings->len, ==, 2);

  /* The rest is imported. */
  assert_field (fx->store, "P0-006", GW_FIELD_DEPENDS_ON, "P0-008");
  assert_field (fx->store, "P0-007", GW_FIELD_DEPENDS_ON, "P0-006");
  assert_field (fx->store, "P0-008", GW_FIELD_DEPENDS_ON, "");
  problems = gw_store_check (fx->store);
  g_assert_cmpuint (problems->len, ==, 0);
}

static void
test_cycles_with_register (Fixture       *fx,
                           gconstpointer  data)
{
  g_autoptr(GwImportReport) first = apply (fx->store, FALSE, csv_text ("base.csv", "key,depends_on\nA,\nB,A\n"), NULL);
  g_autoptr(GwImportReport) back = apply (fx->store, FALSE, csv_text ("back.csv", "key,depends_on\nA,B\n"), NULL);
  g_autoptr(GwImportReport) ring = apply (fx->store, FALSE,
                                          csv_text ("ring.csv", "key,depends_on\nC1,C2\nC2,C3+4h\nC3,C1\n"), NULL);

  g_assert_nonnull (first);
  /* B depends on A in the register: A cannot come to depend on B. */
  assert_warning (back, "back.csv:2: The dependency of “A” on “B” would close the cycle A -> B -> A; it was left out.");
  assert_counts (back, 1, 0, 0, 1, 1, 0);
  assert_field (fx->store, "A", GW_FIELD_DEPENDS_ON, "");

  /* Of a ring, the dependency given last is left out. */
  assert_warning (ring, "ring.csv:4: The dependency of “C3” on “C1” would close the cycle C3 -> C1 -> C2 -> C3; "
                        "it was left out.");
  assert_field (fx->store, "C2", GW_FIELD_DEPENDS_ON, "C3+4h");
  assert_field (fx->store, "C3", GW_FIELD_DEPENDS_ON, "");
}

static void
test_many_cycles (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(GString) csv = g_string_new ("key,title,depends_on\n");
  g_autoptr(GwImportReport) report = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  guint n_cycles = 0;

  /* A chain of 2000 items; every 100th also depends on one 10 further on,
   * closing a cycle each. */
  for (guint i = 1; i <= 2000; i++)
    {
      g_string_append_printf (csv, "N-%04u,Item %u,", i, i);
      if (i > 1)
        g_string_append_printf (csv, "N-%04u", i - 1);
      if (i % 100 == 0 && i + 10 <= 2000)
        {
          g_string_append_printf (csv, ";N-%04u", i + 10);
          n_cycles++;
        }
      g_string_append_c (csv, '\n');
    }
  report = apply (fx->store, FALSE, csv_text ("chain.csv", csv->str), NULL);
  g_assert_cmpuint (report->warnings->len, ==, n_cycles);
  g_assert_cmpuint (report->dependencies, ==, 1999);
  problems = gw_store_check (fx->store);
  g_assert_cmpuint (problems->len, ==, 0);
}

static void
test_undo_is_one_step (Fixture       *fx,
                       gconstpointer  data)
{
  g_autoptr(GwImportReport) report = apply (fx->store, FALSE, csv_file ("jira-export.csv"), NULL);
  g_autoptr(GPtrArray) roles = NULL;
  g_autoptr(GPtrArray) milestones = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  g_autofree char *redone = NULL;

  g_assert_nonnull (report);
  g_assert_true (gw_store_undo (fx->store, &label, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (label, ==, "Import jira-export.csv");
  g_assert_cmpuint (gw_store_count_items (fx->store), ==, 0);
  roles = gw_store_list_roles (fx->store);
  milestones = gw_store_list_milestones (fx->store);
  g_assert_cmpuint (roles->len, ==, 0);
  g_assert_cmpuint (milestones->len, ==, 0);
  g_assert_false (gw_store_can_undo (fx->store));

  g_assert_true (gw_store_redo (fx->store, &redone, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gw_store_count_items (fx->store), ==, 5);
  assert_field (fx->store, "GAP-5", GW_FIELD_DEPENDS_ON, "GAP-2");
}

static void
test_several_files (Fixture       *fx,
                    gconstpointer  data)
{
  g_autoptr(GwImportReport) report = apply (fx->store, FALSE,
                                            csv_text ("titles.csv", "key,title,effort_hours\nF-1,One,4\n"),
                                            csv_text ("risks.csv", "key,risk,title\nF-1,high,One again\nF-2,,Two\n"),
                                            NULL);
  g_autofree char *label = gw_store_get_undo_label (fx->store);

  assert_counts (report, 2, 2, 0, 0, 0, 0);
  assert_field (fx->store, "F-1", GW_FIELD_TITLE, "One again");
  assert_field (fx->store, "F-1", GW_FIELD_EFFORT_HOURS, "4");
  assert_field (fx->store, "F-1", GW_FIELD_RISK, "high");
  g_assert_cmpstr (label, ==, "Import titles.csv, risks.csv");
}

static void
test_roles_milestones_decision_settings (Fixture       *fx,
                                         gconstpointer  data)
{
  g_autoptr(GwImportData) doc = csv_text ("plan.csv", "key,title,owner,milestone\nD-1,Ship,dev,M1\nD-2,Docs,writer,M2\n");
  g_autoptr(GwImportData) update = csv_text ("later.csv", "key\nD-1\n");
  g_autoptr(GPtrArray) files = g_ptr_array_new ();
  g_autoptr(GwImportReport) report = NULL;
  g_autoptr(GwImportReport) second = NULL;
  g_autoptr(GPtrArray) roles = NULL;
  g_autoptr(GPtrArray) milestones = NULL;
  g_autoptr(GPtrArray) decision = NULL;
  g_autoptr(GError) error = NULL;
  GwRole *dev = gw_role_new ("dev");
  GwMilestone *m1 = gw_milestone_new ("M1", "Beta");

  dev->headcount = 3;
  g_ptr_array_add (doc->roles, dev);
  g_ptr_array_add (m1->lines[GW_MILESTONE_LINE_EXIT], gw_line_new ("All P0 done", NAN, FALSE));
  g_ptr_array_add (m1->lines[GW_MILESTONE_LINE_EXIT], gw_line_new ("Docs reviewed", NAN, TRUE));
  g_ptr_array_add (doc->milestones, m1);
  g_ptr_array_add (doc->decision, gw_decision_entry_new (GW_GATE_MUST, "D-1", NULL, FALSE));
  g_ptr_array_add (doc->decision, gw_decision_entry_new (GW_GATE_SHOULD, NULL, "Runbook ready", TRUE));
  g_ptr_array_add (doc->decision, gw_decision_entry_new (GW_GATE_NICE, "NOPE-1", NULL, FALSE));
  g_hash_table_insert (doc->settings, g_strdup ("name"), g_strdup ("Imported plan"));
  g_hash_table_insert (doc->settings, g_strdup ("hours_per_day"), g_strdup ("lots"));

  g_ptr_array_add (files, doc);
  report = gw_import_apply (fx->store, files, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->roles, ==, 2);
  g_assert_cmpuint (report->milestones, ==, 2);
  g_assert_cmpuint (report->checklist_entries, ==, 2);
  g_assert_cmpuint (report->decision_entries, ==, 2);
  assert_warning (report, "plan.csv: The go/no-go entry for “NOPE-1” names no item of the files or the register; "
                          "it was left out.");
  assert_warning (report, "plan.csv: Setting “hours_per_day”: “lots” is not a valid number. The setting was left out.");

  roles = gw_store_list_roles (fx->store);
  g_assert_cmpuint (roles->len, ==, 2);
  g_assert_cmpstr (((GwRole *) g_ptr_array_index (roles, 0))->name, ==, "dev");
  g_assert_cmpint (((GwRole *) g_ptr_array_index (roles, 0))->headcount, ==, 3);
  g_assert_cmpstr (((GwRole *) g_ptr_array_index (roles, 1))->name, ==, "writer");
  milestones = gw_store_list_milestones (fx->store);
  g_assert_cmpuint (milestones->len, ==, 2);
  g_assert_cmpstr (((GwMilestone *) g_ptr_array_index (milestones, 0))->name, ==, "Beta");
  g_assert_cmpuint (((GwMilestone *) g_ptr_array_index (milestones, 0))->lines[GW_MILESTONE_LINE_EXIT]->len, ==, 2);
  g_assert_cmpstr (((GwMilestone *) g_ptr_array_index (milestones, 1))->key, ==, "M2");
  g_assert_cmpstr (gw_store_get_name (fx->store), ==, "Imported plan");
  decision = gw_store_list_decision (fx->store);
  g_assert_cmpuint (decision->len, ==, 2);

  /* A later entry for the same item replaces it. */
  g_ptr_array_add (update->decision, gw_decision_entry_new (GW_GATE_SHOULD, "D-1", NULL, TRUE));
  g_ptr_array_index (files, 0) = update;
  second = gw_import_apply (fx->store, files, FALSE, &error);
  g_assert_no_error (error);
  g_clear_pointer (&decision, g_ptr_array_unref);
  decision = gw_store_list_decision (fx->store);
  g_assert_cmpuint (decision->len, ==, 2);
  g_assert_cmpint (((GwDecisionEntry *) g_ptr_array_index (decision, 0))->level, ==, GW_GATE_SHOULD);
  g_assert_cmpstr (((GwDecisionEntry *) g_ptr_array_index (decision, 0))->item_key, ==, "D-1");
}

/* Items that use every field, every list, and text a spreadsheet or a
 * CSV reader could take for something else. */
static void
add_tricky_items (GwStore *store)
{
  static const struct { const char *key; GwField field; const char *value; } values[] = {
    { "Gap 0.9", GW_FIELD_TITLE, "=1+2" },
    { "Gap 0.9", GW_FIELD_DESCRIPTION, "-starts with a dash, has \"quotes\",\r\nand two lines" },
    { "Gap 0.9", GW_FIELD_EFFORT, "XL (25+ hours)" },
    { "Gap 0.9", GW_FIELD_ROI_PCT, "-20" },
    { "Gap 0.9", GW_FIELD_IMPACT, "0" },
    { "Gap 1.1", GW_FIELD_TITLE, "Row-Level Security — database, “quoted”, 日本語" },
    { "Gap 1.1", GW_FIELD_CATEGORY, "Security" },
    { "Gap 1.1", GW_FIELD_PRIORITY, "P0" },
    { "Gap 1.1", GW_FIELD_STATUS, "in-progress" },
    { "Gap 1.1", GW_FIELD_EFFORT, "L (16-32 hours)" },
    { "Gap 1.1", GW_FIELD_RISK, "high" },
    { "Gap 1.1", GW_FIELD_IMPACT, "HIGH" },
    { "Gap 1.1", GW_FIELD_OWNER, "security-engineer" },
    { "Gap 1.1", GW_FIELD_MILESTONE, "M1" },
    { "Gap 1.1", GW_FIELD_DEPENDS_ON, "Gap 0.9+8h" },
    { "Gap 1.1", GW_FIELD_DESCRIPTION, "No database-level RLS;\nisolation at app layer only" },
    { "Gap 1.1", GW_FIELD_MODULE, "database" },
    { "Gap 1.1", GW_FIELD_IMPL_RISK_PCT, "30" },
    { "Gap 1.1", GW_FIELD_DATA_LOSS_RISK_PCT, "5.5" },
    { "Gap 1.1", GW_FIELD_ROI_PCT, "200" },
    { "Gap 1.1", GW_FIELD_REVENUE_IMPACT, "+$500K/year" },
    { "Gap 1.1", GW_FIELD_ASSIGNEE, "@dana" },
    { "Gap 1.1", GW_FIELD_PHASE, "Phase 0" },
    { "Gap 1.1", GW_FIELD_ACTION, "IMMEDIATE" },
    { "Gap 1.1", GW_FIELD_CURRENT_PCT, "50" },
    { "Gap 1.1", GW_FIELD_TARGET_PCT, "100" },
    { "Gap 1.1", GW_FIELD_NOT_BEFORE, "2027-01-11" },
    { "Gap 1.1", GW_FIELD_BREAKDOWN, "- Create RLS policies: 8 hours\n- Test enforcement: 1.25 hours\n- Review" },
    { "Gap 1.1", GW_FIELD_EVIDENCE, "- No RLS policies\n- ```sql\n  ALTER TABLE x;\n  ```" },
    { "Gap 1.1", GW_FIELD_IMPACT_IF_NOT_FIXED, "- Cannot deploy\n- Fails SOC 2 audit" },
    { "Gap 1.1", GW_FIELD_MITIGATION, "- Audit triggers" },
    { "Gap 1.1", GW_FIELD_ACCEPTANCE_CRITERIA, "- [x] All tables have policies\n- [ ] Audit passes" },
    { "Gap 1.1", GW_FIELD_REMEDIATION, "- Enable RLS\n- Add policies" },
    { "P0-003", GW_FIELD_TITLE, "  padded, with spaces  " },
    { "P0-003", GW_FIELD_EFFORT_HOURS, "0.277778" },
    { "P0-003", GW_FIELD_DEPENDS_ON, "Gap 1.1;Gap 0.9+0.5h" },
    { "P0-003", GW_FIELD_OWNER, "backend-dev" },
    { "P0-003", GW_FIELD_MILESTONE, "M2" },
    { "P0-003", GW_FIELD_ACCEPTANCE_CRITERIA, "- [ ]\n- [x] second" },
  };
  const char *keys[] = { "Gap 0.9", "Gap 1.1", "P0-003" };

  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    {
      g_autoptr(GwItem) item = gw_item_new (keys[k], NULL);
      g_autoptr(GError) error = NULL;

      for (guint i = 0; i < G_N_ELEMENTS (values); i++)
        if (g_str_equal (values[i].key, keys[k]))
          {
            gw_item_set_field_text (item, values[i].field, values[i].value, NULL, &error);
            g_assert_no_error (error);
          }
      g_assert_true (gw_store_add_item (store, item, &error));
      g_assert_no_error (error);
    }
}

static GPtrArray *
all_items (GwStore *store)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *items = gw_store_list_items (store, &error);

  g_assert_no_error (error);
  g_assert_true (gw_store_load_all_lines (store, items, &error));
  g_assert_no_error (error);
  return items;
}

static void
test_round_trip (Fixture       *fx,
                 gconstpointer  data)
{
  g_autofree char *copy_path = g_build_filename (fx->dir, "copy.gapwise", NULL);
  g_autoptr(GwStore) copy = NULL;
  g_autoptr(GwCsvWriter) writer = gw_csv_writer_new ();
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) copied = NULL;
  g_autoptr(GwImportReport) report = NULL;
  g_autoptr(GwImportReport) again = NULL;
  g_autoptr(GPtrArray) roles = NULL;
  g_autoptr(GPtrArray) milestones = NULL;
  g_autoptr(GError) error = NULL;
  const char *csv;
  gsize length;

  /* A register with its roles and milestones, as an import makes them. */
  add_tricky_items (fx->store);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GwRole) role = gw_role_new (i == 0 ? "security-engineer" : "backend-dev");
      g_autoptr(GwMilestone) m = gw_milestone_new (i == 0 ? "M1" : "M2", i == 0 ? "M1" : "M2");

      g_assert_true (gw_store_put_role (fx->store, role, &error));
      g_assert_true (gw_store_put_milestone (fx->store, m, &error));
      g_assert_no_error (error);
    }
  report = apply (fx->store, FALSE, csv_file ("jira-export.csv"), NULL);
  g_clear_pointer (&report, gw_import_report_free);

  items = all_items (fx->store);
  gw_register_csv_write (writer, items, TRUE);
  csv = gw_csv_writer_get_data (writer, &length);

  copy = gw_store_open (copy_path, GW_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  report = apply (copy, FALSE, gw_csv_import ("register.csv", csv, length, &error), NULL);
  g_assert_cmpuint (report->warnings->len, ==, 0);
  g_assert_cmpuint (report->added, ==, items->len);

  copied = all_items (copy);
  g_assert_cmpuint (copied->len, ==, items->len);
  for (guint i = 0; i < items->len; i++)
    {
      GwItem *a = g_ptr_array_index (items, i);
      GwItem *b = g_ptr_array_index (copied, i);

      if (!gw_item_equal (a, b))
        for (GwField f = 0; f < GW_N_FIELDS; f++)
          {
            g_autofree char *ta = gw_item_get_field_text (a, f);
            g_autofree char *tb = gw_item_get_field_text (b, f);

            g_assert_cmpstr (tb, ==, ta);
          }
      g_assert_true (gw_item_equal (a, b));
    }

  roles = gw_store_list_roles (copy);
  g_assert_cmpuint (roles->len, ==, 5);
  for (guint i = 0; i < roles->len; i++)
    {
      g_autoptr(GPtrArray) original = gw_store_list_roles (fx->store);

      g_assert_cmpstr (((GwRole *) g_ptr_array_index (roles, i))->name, ==,
                       ((GwRole *) g_ptr_array_index (original, i))->name);
    }
  milestones = gw_store_list_milestones (copy);
  g_assert_cmpuint (milestones->len, ==, 4);
  {
    g_autoptr(GPtrArray) original = gw_store_list_milestones (fx->store);

    for (guint i = 0; i < milestones->len; i++)
      g_assert_cmpstr (((GwMilestone *) g_ptr_array_index (milestones, i))->key, ==,
                       ((GwMilestone *) g_ptr_array_index (original, i))->key);
  }

  /* The export imported over its own register changes nothing. */
  again = apply (fx->store, FALSE, gw_csv_import ("register.csv", csv, length, &error), NULL);
  g_assert_cmpuint (again->unchanged, ==, items->len);
  g_assert_cmpuint (again->changed + again->added, ==, 0);
}

/* The undo record of an import */

/* Every row of the tables an import writes, with the type of each value. */
static char *
dump_rows (const char *path)
{
  static const char *const queries[] = {
    "SELECT * FROM items ORDER BY id",
    "SELECT * FROM dependencies ORDER BY item_id, depends_on",
    "SELECT * FROM item_lines ORDER BY id",
    "SELECT * FROM roles ORDER BY id",
    "SELECT * FROM milestones ORDER BY id",
    "SELECT rowid FROM items_fts WHERE items_fts MATCH 'security OR 日本語 OR ünïcödé' ORDER BY rowid",
  };
  GString *s = g_string_new (NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, queries[q], -1, &stmt, NULL), ==, SQLITE_OK);
      g_string_append_printf (s, "%s\n", queries[q]);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            g_string_append_printf (s, "%d:%s|", sqlite3_column_type (stmt, c),
                                    (const char *) sqlite3_column_text (stmt, c));
          g_string_append_c (s, '\n');
        }
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);
  return g_string_free (s, FALSE);
}

static void
assert_values_equal (sqlite3_value *a,
                     sqlite3_value *b)
{
  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_cmpint (sqlite3_value_type (a), ==, sqlite3_value_type (b));
  switch (sqlite3_value_type (a))
    {
    case SQLITE_INTEGER:
      g_assert_cmpint (sqlite3_value_int64 (a), ==, sqlite3_value_int64 (b));
      break;
    case SQLITE_FLOAT:
      g_assert_true (sqlite3_value_double (a) == sqlite3_value_double (b));
      break;
    case SQLITE_TEXT:
      g_assert_cmpint (sqlite3_value_bytes (a), ==, sqlite3_value_bytes (b));
      g_assert_cmpstr ((const char *) sqlite3_value_text (a), ==, (const char *) sqlite3_value_text (b));
      break;
    default:
      break;
    }
}

/* The last undo step records the register's rows of items and
 * dependencies it inserted as the session extension does: every column,
 * read back from the table, with the type the table gives it. Returns
 * how many items and dependencies it inserts. */
static void
assert_inserts_are_rows (const char *path,
                         guint      *n_items,
                         guint      *n_deps)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *history = NULL;
  sqlite3_stmt *item = NULL;
  sqlite3_stmt *dep = NULL;
  sqlite3_changeset_iter *iter = NULL;

  *n_items = *n_deps = 0;
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT changeset FROM history WHERE undone = 0 ORDER BY id DESC LIMIT 1",
                                       -1, &history, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT * FROM items WHERE id = ?1", -1, &item, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT * FROM dependencies WHERE item_id = ?1 AND depends_on = ?2",
                                       -1, &dep, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (history), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3changeset_start (&iter, sqlite3_column_bytes (history, 0),
                                           (void *) sqlite3_column_blob (history, 0)), ==, SQLITE_OK);
  while (sqlite3changeset_next (iter) == SQLITE_ROW)
    {
      const char *table;
      int n_columns, op, indirect;
      sqlite3_stmt *row;
      sqlite3_value *value = NULL;

      g_assert_cmpint (sqlite3changeset_op (iter, &table, &n_columns, &op, &indirect), ==, SQLITE_OK);
      if (op != SQLITE_INSERT || !(g_str_equal (table, "items") || g_str_equal (table, "dependencies")))
        continue;
      g_assert_false (indirect);
      row = g_str_equal (table, "items") ? item : dep;
      for (int c = 0; c < (row == item ? 1 : 2); c++)
        {
          g_assert_cmpint (sqlite3changeset_new (iter, c, &value), ==, SQLITE_OK);
          sqlite3_bind_value (row, c + 1, value);
        }
      g_assert_cmpint (sqlite3_step (row), ==, SQLITE_ROW);
      g_assert_cmpint (sqlite3_column_count (row), ==, n_columns);
      for (int c = 0; c < n_columns; c++)
        {
          g_assert_cmpint (sqlite3changeset_new (iter, c, &value), ==, SQLITE_OK);
          assert_values_equal (value, sqlite3_column_value (row, c));
        }
      sqlite3_reset (row);
      if (row == item)
        (*n_items)++;
      else
        (*n_deps)++;
    }
  g_assert_cmpint (sqlite3changeset_finalize (iter), ==, SQLITE_OK);
  sqlite3_finalize (history);
  sqlite3_finalize (item);
  sqlite3_finalize (dep);
  sqlite3_close (db);
}

static void
assert_undo_redo (Fixture    *fx,
                  const char *before,
                  const char *after)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;

  g_assert_true (gw_store_undo (fx->store, NULL, &error));
  g_assert_no_error (error);
  undone = dump_rows (fx->path);
  g_assert_cmpstr (undone, ==, before);
  g_assert_true (gw_store_redo (fx->store, NULL, &error));
  g_assert_no_error (error);
  redone = dump_rows (fx->path);
  g_assert_cmpstr (redone, ==, after);
}

static void
test_undo_record (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(GString) first = g_string_new ("key,title,description,priority,status,effort,risk,impact,owner,"
                                           "milestone,depends_on,impl_risk_pct,roi_pct,current_pct,"
                                           "not_before,acceptance_criteria\n");
  g_autoptr(GString) long_text = g_string_new (NULL);
  g_autoptr(GwImportReport) r1 = NULL;
  g_autoptr(GwImportReport) r2 = NULL;
  g_autofree char *empty = dump_rows (fx->path);
  g_autofree char *after_first = NULL;
  g_autofree char *after_second = NULL;
  guint n_items, n_deps;

  /* Text of every length a changeset writes differently (one, two and
   * three bytes of length), numbers whole and not, empty cells. */
  for (guint i = 0; i < 2100; i++)
    g_string_append (long_text, "ünïcödé ");
  g_string_append_printf (first, "A-1,Row-Level Security — “quoted”,\"%s\",P0,in-progress,L (16-32 hours),high,"
                                 "HIGH,security-engineer,M1,,30,-20.5,50,2027-01-11,\"- [x] done\n- [ ] not\"\n",
                          long_text->str);
  g_string_append (first, "A-2,日本語,,P3,,1.25h,,0,,,A-1+8h,,,,,\n");
  for (guint i = 3; i < 200; i++)
    g_string_append_printf (first, "A-%u,Item %u %.*s,,P%u,todo,%u,low,%u,dev,M2,A-%u;A-%u+0.5h,,,,,\n",
                            i, i, (int) (i % 150), long_text->str, i % 4, i, i % 101, i - 1, i / 2);

  r1 = apply (fx->store, FALSE, csv_text ("first.csv", first->str), NULL);
  assert_counts (r1, 199, 199, 0, 0, 0, 1 + 2 * 197);
  assert_inserts_are_rows (fx->path, &n_items, &n_deps);
  g_assert_cmpuint (n_items, ==, 199);
  g_assert_cmpuint (n_deps, ==, 1 + 2 * 197);
  after_first = dump_rows (fx->path);
  assert_undo_redo (fx, empty, after_first);

  /* Changed items (recorded by the session) and new ones depending on
   * them and on each other, in one step. */
  r2 = apply (fx->store, FALSE,
              csv_text ("second.csv", "key,title,depends_on\n"
                                      "A-2,Renamed,A-1\n"
                                      "A-5,Five,B-2\n"
                                      "B-1,New one,A-3+2h\n"
                                      "B-2,New two,B-1;A-2\n"),
              NULL);
  assert_counts (r2, 4, 2, 2, 0, 197, 5);
  assert_inserts_are_rows (fx->path, &n_items, &n_deps);
  g_assert_cmpuint (n_items, ==, 2);
  g_assert_cmpuint (n_deps, ==, 4);
  after_second = dump_rows (fx->path);
  assert_undo_redo (fx, after_first, after_second);
}

/* An item written by gw_store_write_items() and changed again in the
 * same edit is undone and redone whole. */
static void
test_undo_record_same_edit (Fixture       *fx,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GwItem) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *empty = dump_rows (fx->path);
  g_autofree char *after = NULL;

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *key = g_strdup_printf ("K-%u", i);
      GwItem *item = gw_item_new (key, "Title");

      if (i > 0)
        gw_item_add_dependency (item, "K-0", 1.5);
      g_ptr_array_add (items, item);
    }
  g_assert_true (gw_store_begin (fx->store, "Several", &error));
  g_assert_true (gw_store_write_items (fx->store, items, &error));
  g_assert_no_error (error);
  again = get (fx->store, "K-1");
  gw_item_set_title (again, "Changed in the same edit");
  gw_item_clear_dependencies (again);
  g_assert_true (gw_store_update_item (fx->store, again, &error));
  g_assert_no_error (error);
  g_assert_true (gw_store_delete_item (fx->store, "K-2", &error));
  g_assert_no_error (error);
  g_assert_true (gw_store_commit (fx->store, &error));
  g_assert_no_error (error);

  after = dump_rows (fx->path);
  g_assert_nonnull (strstr (after, "Changed in the same edit"));
  g_assert_null (strstr (after, "K-2"));
  assert_undo_redo (fx, empty, after);
}

static void
test_read_file (Fixture       *fx,
                gconstpointer  data)
{
  g_autofree char *odd = g_build_filename (fx->dir, "tasks.export", NULL);
  g_autofree char *missing = g_build_filename (fx->dir, "missing.csv", NULL);
  g_autofree char *notes = g_build_filename (fx->dir, "notes", NULL);
  g_autofree char *plan = g_build_filename (fx->dir, "plan.md", NULL);
  g_autofree char *listed = g_build_filename (fx->dir, "list.txt", NULL);
  static const char markdown[] =
    "# Plan\n\n"
    "#### P0-001: Secure cookies\n- **Effort:** 4 hours\n\n"
    "#### P0-002: TLS everywhere\n- **Effort:** 8 hours\n- **Dependencies:** P0-001\n";
  g_autoptr(GwImportData) read = NULL;
  g_autoptr(GError) error = NULL;

  /* An extension that says nothing: the content does. */
  g_assert_true (g_file_set_contents (odd, "key;title\nX-1;Sniffed\n", -1, NULL));
  read = gw_import_read_file (odd, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (read->items->len, ==, 1);
  g_assert_cmpstr (gw_item_get_title (g_ptr_array_index (read->items, 0)), ==, "Sniffed");
  g_clear_pointer (&read, gw_import_data_free);

  /* A heading first: Markdown, with or without a telling extension. */
  g_assert_true (g_file_set_contents (notes, markdown, -1, NULL));
  g_assert_true (g_file_set_contents (plan, markdown, -1, NULL));
  g_assert_true (g_file_set_contents (listed, "key,title\nY-1,CSV after all\n", -1, NULL));
  for (guint i = 0; i < 2; i++)
    {
      read = gw_import_read_file (i == 0 ? notes : plan, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (read->items->len, ==, 2);
      g_assert_cmpstr (gw_item_get_key (g_ptr_array_index (read->items, 1)), ==, "P0-002");
      g_clear_pointer (&read, gw_import_data_free);
    }
  /* .txt means Markdown even when the text would do as CSV. */
  read = gw_import_read_file (listed, &error);
  g_assert_null (read);
  g_assert_error (error, GW_IMPORT_ERROR, GW_IMPORT_ERROR_NO_ITEMS);
  g_clear_error (&error);

  read = gw_import_read_file (missing, &error);
  g_assert_null (read);
  g_assert_error (error, GW_IMPORT_ERROR, GW_IMPORT_ERROR_UNREADABLE);
  g_assert_nonnull (strstr (error->message, "missing.csv: the file cannot be read"));
  g_clear_error (&error);

  read = gw_import_read_file (fx->dir, &error);
  g_assert_null (read);
  g_assert_error (error, GW_IMPORT_ERROR, GW_IMPORT_ERROR_UNREADABLE);
}

static void
test_read_only (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GwStore) reader = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_import_data_free);
  g_autoptr(GwImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  reader = gw_store_open (fx->path, GW_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_ptr_array_add (files, csv_text ("v1.csv", merge_v1));
  report = gw_import_apply (reader, files, FALSE, &error);
  g_assert_null (report);
  g_assert_error (error, GW_STORE_ERROR, GW_STORE_ERROR_READ_ONLY);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add ("/import-apply/" path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("new-register", test_new_register);
  ADD ("merge", test_merge);
  ADD ("merge-effort-range", test_merge_effort_range);
  ADD ("all-or-nothing", test_all_or_nothing);
  ADD ("dry-run", test_dry_run);
  ADD ("unknown-key-and-cycle", test_unknown_key_and_cycle);
  ADD ("cycles-with-register", test_cycles_with_register);
  ADD ("many-cycles", test_many_cycles);
  ADD ("undo-is-one-step", test_undo_is_one_step);
  ADD ("undo-record", test_undo_record);
  ADD ("undo-record-same-edit", test_undo_record_same_edit);
  ADD ("several-files", test_several_files);
  ADD ("roles-milestones-decision-settings", test_roles_milestones_decision_settings);
  ADD ("round-trip", test_round_trip);
  ADD ("read-file", test_read_file);
  ADD ("read-only", test_read_only);
#undef ADD

  return g_test_run ();
}
