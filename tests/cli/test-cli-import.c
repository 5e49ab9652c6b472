/* SPDX-License-Identifier: GPL-3.0-or-later */

/* `gapwise-cli import` and `gapwise-cli export register` as scripts use
 * them: exit statuses, counts on stdout, warnings and errors on stderr,
 * and a register that a failed import leaves exactly as it was. */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>

typedef struct
{
  char *dir;
  char *reg;
} Fixture;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Runs gapwise-cli with the NULL-terminated arguments. */
static void
run_cli (Run        *run,
         const char *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("GAPWISE_CLI");
  va_list args;
  int wait_status = 0;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  va_start (args, first);
  for (const char *a = first; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  run_clear (run);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  run->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
}

static char *
data_file (const char *name)
{
  return g_build_filename (g_getenv ("GAPWISE_TEST_DATA"), "csv", name, NULL);
}

static char *
write_file (Fixture    *fx,
            const char *name,
            const char *text)
{
  char *path = g_build_filename (fx->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize len = 0;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, len);
}

static char *
list_csv (Fixture *fx)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, "list", fx->reg, "--format", "csv", NULL);
  g_assert_cmpint (run.status, ==, 0);
  return g_steal_pointer (&run.out);
}

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  fx->dir = g_dir_make_tmp ("gapwise-cli-import-XXXXXX", NULL);
  fx->reg = g_build_filename (fx->dir, "plan.gapwise", NULL);
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(GDir) d = g_dir_open (fx->dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (fx->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fx->dir);
  g_free (fx->reg);
  g_free (fx->dir);
}

/* Tests */

static void
test_import_new_register (Fixture       *fx,
                          gconstpointer  data)
{
  g_autofree char *jira = data_file ("jira-export.csv");
  g_autofree char *listed = NULL;
  g_auto(Run) run = { 0 };

  run_cli (&run, "import", fx->reg, jira, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==,
                   "items: 5\nadded: 5\nchanged: 0\nunchanged: 0\nnot in file: 0\ndependencies: 4\n"
                   "milestones: 2\nroles: 3\nchecklist entries: 0\ngo/no-go entries: 0\n");
  g_assert_true (g_str_has_prefix (run.err, "warning: jira-export.csv:1: "));
  g_assert_nonnull (strstr (run.err, "“Watchers”"));

  listed = list_csv (fx);
  g_assert_true (g_str_has_prefix (listed, "key,title,"));
  g_assert_nonnull (strstr (listed, "\r\nGAP-5,Archive old audit logs,,P3,deferred,0,,,,,GAP-2,"));

  run_cli (&run, "check", fx->reg, NULL);
  g_assert_cmpint (run.status, ==, 0);
}

static void
test_dry_run (Fixture       *fx,
              gconstpointer  data)
{
  g_autofree char *semicolon = data_file ("semicolon.csv");
  g_autofree char *cycle = data_file ("cycle.csv");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *missing = g_build_filename (fx->dir, "missing.gapwise", NULL);
  g_autoptr(GBytes) bytes_before = NULL;
  g_autoptr(GBytes) bytes_after = NULL;
  g_auto(Run) run = { 0 };

  run_cli (&run, "import", fx->reg, semicolon, NULL);
  g_assert_cmpint (run.status, ==, 0);
  before = list_csv (fx);
  bytes_before = read_bytes (fx->reg);

  run_cli (&run, "import", fx->reg, cycle, "--dry-run", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==,
                   "items: 3\nadded: 3\nchanged: 0\nunchanged: 0\nnot in file: 3\ndependencies: 2\n"
                   "milestones: 0\nroles: 0\nchecklist entries: 0\ngo/no-go entries: 0\n"
                   "Dry run: the register was not changed.\n");
  g_assert_nonnull (strstr (run.err, "warning: cycle.csv:4: The dependency of “P0-008” on “P0-006” "
                                     "would close the cycle P0-008 -> P0-006 -> P0-008; it was left out.\n"));
  after = list_csv (fx);
  g_assert_cmpstr (after, ==, before);
  bytes_after = read_bytes (fx->reg);
  g_assert_true (g_bytes_equal (bytes_after, bytes_before));
  run_cli (&run, "undo", fx->reg, NULL);
  g_assert_cmpstr (run.out, ==, "Undone: Import semicolon.csv\n");

  /* A dry run into a register that does not exist creates none. */
  run_cli (&run, "import", missing, semicolon, "--dry-run", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "items: 3\nadded: 3\n"));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
}

static void
test_bad_file_changes_nothing (Fixture       *fx,
                               gconstpointer  data)
{
  g_autofree char *semicolon = data_file ("semicolon.csv");
  g_autofree char *good = write_file (fx, "good.csv", "key,title\nG-1,Good\n");
  g_autofree char *dup = write_file (fx, "dup.csv", "key,title\nA,One\nB,Two\nA,Three\n");
  g_autofree char *fresh = g_build_filename (fx->dir, "fresh.gapwise", NULL);
  g_autofree char *wal = g_strconcat (fx->reg, "-wal", NULL);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_auto(Run) run = { 0 };

  run_cli (&run, "import", fx->reg, semicolon, NULL);
  g_assert_cmpint (run.status, ==, 0);
  before = read_bytes (fx->reg);

  /* One bad file of two: nothing is imported. */
  run_cli (&run, "import", fx->reg, good, dup, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_cmpstr (run.err, ==, "dup.csv:4: the key “A” is already used on line 2.\n");
  after = read_bytes (fx->reg);
  g_assert_true (g_bytes_equal (after, before));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  run_cli (&run, "undo", fx->reg, NULL);
  g_assert_cmpstr (run.out, ==, "Undone: Import semicolon.csv\n");

  /* Nor is a register created for it. */
  run_cli (&run, "import", fresh, dup, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_false (g_file_test (fresh, G_FILE_TEST_EXISTS));
}

static void
test_unreadable_file (Fixture       *fx,
                      gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (fx->dir, "nowhere.csv", NULL);
  g_autofree char *binary = write_file (fx, "image.csv", "key\n\x01");
  g_auto(Run) run = { 0 };

  run_cli (&run, "import", fx->reg, missing, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "nowhere.csv: the file cannot be read: "));
  g_assert_false (g_file_test (fx->reg, G_FILE_TEST_EXISTS));

  g_assert_true (g_file_set_contents (binary, "key\n\0\0", 6, NULL));
  run_cli (&run, "import", fx->reg, binary, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.err, ==, "image.csv: this is not a text file (it contains NUL bytes).\n");
}

static void
test_usage (Fixture       *fx,
            gconstpointer  data)
{
  g_autofree char *out = g_build_filename (fx->dir, "out.csv", NULL);
  g_auto(Run) run = { 0 };

  run_cli (&run, "import", fx->reg, NULL);
  g_assert_cmpint (run.status, ==, 2);
  run_cli (&run, "import", NULL);
  g_assert_cmpint (run.status, ==, 2);
  run_cli (&run, "import", fx->reg, "x.csv", "--no-such-option", NULL);
  g_assert_cmpint (run.status, ==, 2);

  run_cli (&run, "new", fx->reg, NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_cli (&run, "export", "register", fx->reg, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "-o FILE is required."));
  run_cli (&run, "export", "nonsense", fx->reg, "-o", out, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "“nonsense” is not a kind of export"));
  run_cli (&run, "export", "register", fx->reg, "-o", out, "--period", "year", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

static void
test_export_register (Fixture       *fx,
                      gconstpointer  data)
{
  g_autofree char *jira = data_file ("jira-export.csv");
  g_autofree char *semicolon = data_file ("semicolon.csv");
  g_autofree char *exported = g_build_filename (fx->dir, "register.csv", NULL);
  g_autofree char *again = g_build_filename (fx->dir, "again.csv", NULL);
  g_autofree char *copy = g_build_filename (fx->dir, "copy.gapwise", NULL);
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  g_auto(Run) run = { 0 };
  const char *text;

  run_cli (&run, "import", fx->reg, jira, semicolon, NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_cli (&run, "export", "register", fx->reg, "-o", exported, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "");

  first = read_bytes (exported);
  text = g_bytes_get_data (first, NULL);
  g_assert_true (g_str_has_prefix (text, "key,title,category,priority,status,effort_hours,risk,impact,owner,"
                                         "milestone,depends_on,description,"));
  g_assert_nonnull (strstr (text, ",remediation\r\n"));
  /* Jira's description was a formula: neutralised for spreadsheets. */
  g_assert_nonnull (strstr (text, ",\"'=HYPERLINK(\"\"http://example.com\"\")\","));

  /* Into a new register and out again: the same file. */
  run_cli (&run, "import", copy, exported, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_true (g_str_has_prefix (run.out, "items: 8\nadded: 8\n"));
  run_cli (&run, "export", "register", copy, "-o", again, NULL);
  g_assert_cmpint (run.status, ==, 0);
  second = read_bytes (again);
  g_assert_true (g_bytes_equal (first, second));

  /* Over the register it came from, it changes nothing. */
  run_cli (&run, "import", fx->reg, exported, NULL);
  g_assert_true (g_str_has_prefix (run.out, "items: 8\nadded: 0\nchanged: 0\nunchanged: 8\n"));
}

static void
test_export_fails_cleanly (Fixture       *fx,
                           gconstpointer  data)
{
  g_autofree char *semicolon = data_file ("semicolon.csv");
  g_autofree char *nowhere = g_build_filename (fx->dir, "no-such-folder", "out.csv", NULL);
  g_autofree char *missing = g_build_filename (fx->dir, "missing.gapwise", NULL);
  g_autofree char *out = g_build_filename (fx->dir, "out.csv", NULL);
  g_auto(Run) run = { 0 };

  run_cli (&run, "import", fx->reg, semicolon, NULL);
  run_cli (&run, "export", "register", fx->reg, "-o", nowhere, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "out.csv” could not be written"));

  run_cli (&run, "export", "register", missing, "-o", out, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "does not exist"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

static void
test_undo_import (Fixture       *fx,
                  gconstpointer  data)
{
  g_autofree char *semicolon = data_file ("semicolon.csv");
  g_autofree char *changed = write_file (fx, "changed.csv", "key;title\nS-1;Renamed\nS-9;New\n");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_auto(Run) run = { 0 };

  run_cli (&run, "import", fx->reg, semicolon, NULL);
  before = list_csv (fx);
  run_cli (&run, "import", fx->reg, changed, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "items: 2\nadded: 1\nchanged: 1\nunchanged: 0\nnot in file: 2\n"));

  run_cli (&run, "undo", fx->reg, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "Undone: Import changed.csv\n");
  after = list_csv (fx);
  g_assert_cmpstr (after, ==, before);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add ("/cli-import/" path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("new-register", test_import_new_register);
  ADD ("dry-run", test_dry_run);
  ADD ("bad-file-changes-nothing", test_bad_file_changes_nothing);
  ADD ("unreadable-file", test_unreadable_file);
  ADD ("usage", test_usage);
  ADD ("export-register", test_export_register);
  ADD ("export-fails-cleanly", test_export_fails_cleanly);
  ADD ("undo-import", test_undo_import);
#undef ADD

  return g_test_run ();
}
