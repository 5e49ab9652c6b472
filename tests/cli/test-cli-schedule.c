/* SPDX-License-Identifier: GPL-3.0-or-later */

/* `gapwise-cli schedule`, `stats` and `export roadmap|resources` as
 * scripts use them: exit statuses, output on stdout, warnings and errors
 * on stderr; and the example registers of tests/seeds, imported, schedule
 * without error and respect their dependencies. */

#include "config.h"

#include <csv.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>

#include "gw-store.h"

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
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
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

#define assert_ok(run) \
  G_STMT_START { \
    if ((run)->status != 0) \
      g_error ("exit %d: %s", (run)->status, (run)->err); \
  } G_STMT_END

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fx->dir = g_dir_make_tmp ("gapwise-cli-schedule-XXXXXX", &error);
  g_assert_no_error (error);
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

/* One security engineer, two developers, from Monday 2027-01-04:
 *   A  P0 8 h   sec             0-8
 *   B  P1 16 h  dev, after A    8-24
 *   C  P2 4 h   sec             8-12 (waits for A: P0 first)
 *   D  P2 3 h   no owner        0-3, with a warning
 * The critical path A, B is 24 h; C has 20 h of slack, D 21 h. */
static void
make_plan (Fixture *fx)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, "new", fx->reg, "--start", "2027-01-04", NULL);
  assert_ok (&run);
  run_cli (&run, "role", fx->reg, "sec", "--headcount", "1", NULL);
  assert_ok (&run);
  run_cli (&run, "role", fx->reg, "dev", "--headcount", "2", NULL);
  assert_ok (&run);
  run_cli (&run, "add", fx->reg, "--key", "A", "--title", "Harden auth", "--priority", "P0",
           "--effort", "8h", "--owner", "sec", NULL);
  assert_ok (&run);
  run_cli (&run, "add", fx->reg, "--key", "B", "--title", "Rotate keys", "--priority", "P1",
           "--effort", "2 days", "--owner", "dev", NULL);
  assert_ok (&run);
  run_cli (&run, "add", fx->reg, "--key", "C", "--title", "Café 日本語, docs", "--effort", "4h",
           "--owner", "sec", "--category", "Security", NULL);
  assert_ok (&run);
  run_cli (&run, "add", fx->reg, "--key", "D", "--title", "=cleanup()", "--effort", "3h", NULL);
  assert_ok (&run);
  run_cli (&run, "link", fx->reg, "B", "--depends-on", "A", NULL);
  assert_ok (&run);
}

static char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

/* CSV rows through libcsv */

typedef struct
{
  GPtrArray *fields;
  GPtrArray *rows;
} Reader;

static void
on_field (void *data, size_t len, void *user_data)
{
  g_ptr_array_add (((Reader *) user_data)->fields, g_strndup (data, len));
}

static void
on_row (int c, void *user_data)
{
  Reader *r = user_data;

  g_ptr_array_add (r->fields, NULL);
  g_ptr_array_add (r->rows, g_ptr_array_steal (r->fields, NULL));
}

static GPtrArray *
parse_csv (const char *text)
{
  struct csv_parser parser;
  Reader r = { g_ptr_array_new (), g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev) };
  size_t len = strlen (text);

  csv_init (&parser, CSV_STRICT | CSV_APPEND_NULL);
  g_assert_cmpuint (csv_parse (&parser, text, len, on_field, on_row, &r), ==, len);
  csv_fini (&parser, on_field, on_row, &r);
  csv_free (&parser);
  g_ptr_array_unref (r.fields);
  return r.rows;
}

static int
column (GPtrArray  *rows,
        const char *name)
{
  char **header = g_ptr_array_index (rows, 0);

  for (int c = 0; header[c]; c++)
    if (g_str_equal (header[c], name))
      return c;
  g_error ("no column %s", name);
}

/* Tests */

static void
test_schedule_csv (Fixture       *fx,
                   gconstpointer  data)
{
  g_auto(Run) run = { 0 };

  make_plan (fx);
  run_cli (&run, "schedule", fx->reg, "--format", "csv", NULL);
  assert_ok (&run);
  g_assert_cmpstr (run.out, ==,
    "key,start,finish,slack_hours,critical,owner,person,milestone,duration_hours,start_hours,finish_hours,state\r\n"
    "A,2027-01-04 09:00,2027-01-04 17:00,0,yes,sec,1,,8,0,8,scheduled\r\n"
    "D,2027-01-04 09:00,2027-01-04 12:00,21,no,,,,3,0,3,scheduled\r\n"
    "B,2027-01-05 09:00,2027-01-06 17:00,0,yes,dev,1,,16,8,24,scheduled\r\n"
    "C,2027-01-05 09:00,2027-01-05 13:00,20,no,sec,1,,4,8,12,scheduled\r\n");
  /* the item without an owner is pointed out, on stderr only */
  g_assert_nonnull (strstr (run.err, "warning"));
  g_assert_nonnull (strstr (run.err, "no owner"));
  g_assert_nonnull (strstr (run.err, "plan.gapwise"));

  /* Schedule-relevant edits show at once; undo brings the old plan back. */
  run_cli (&run, "set", fx->reg, "A", "status=done", NULL);
  assert_ok (&run);
  run_cli (&run, "schedule", fx->reg, "--format", "csv", NULL);
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "C,2027-01-04 09:00,2027-01-04 13:00,"));
  g_assert_nonnull (strstr (run.out, "B,2027-01-04 09:00,2027-01-05 17:00,"));
  g_assert_nonnull (strstr (run.out, "A,,,,,sec,,,,,,done\r\n"));
  run_cli (&run, "undo", fx->reg, NULL);
  assert_ok (&run);
  run_cli (&run, "schedule", fx->reg, "--format", "csv", NULL);
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "C,2027-01-05 09:00,2027-01-05 13:00,"));
}

static void
test_schedule_table (Fixture       *fx,
                     gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_auto(GStrv) lines = NULL;

  make_plan (fx);
  run_cli (&run, "schedule", fx->reg, NULL);
  assert_ok (&run);
  lines = g_strsplit (run.out, "\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "key"));
  g_assert_nonnull (strstr (lines[0], "finish"));
  g_assert_true (g_str_has_prefix (lines[1], "A "));
  g_assert_nonnull (strstr (lines[1], "2027-01-04 17:00"));
  g_assert_nonnull (strstr (lines[1], "sec #1"));
  g_assert_true (g_str_has_prefix (lines[3], "B "));
  g_assert_nonnull (strstr (run.out, "Critical path: 24 h, 2 items: A -> B\n"));
  g_assert_nonnull (strstr (run.out, "Makespan: 24 working hours, 2.3 calendar days, finishing 2027-01-06 17:00\n"));
}

static void
test_stats (Fixture       *fx,
            gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GHashTable) values = g_hash_table_new (g_str_hash, g_str_equal);
  static const struct { const char *name; const char *value; } expected[] = {
    { "items", "4" },
    { "items_todo", "4" },
    { "items_P0", "1" },
    { "items_P2", "2" },
    { "category:Security:P2", "1" },
    { "category::P0", "1" },
    { "total_effort_hours", "31" },
    { "critical_path_hours", "24" },
    { "critical_path_items", "2" },
    { "critical_path", "A;B" },
    { "makespan_hours", "24" },
    { "makespan_days", "2.33" },      /* Monday 09:00 to Wednesday 17:00 */
    { "makespan_working_days", "3" },
    { "finish", "2027-01-06 17:00" },
  };

  make_plan (fx);
  run_cli (&run, "stats", fx->reg, "--format", "csv", NULL);
  assert_ok (&run);
  rows = parse_csv (run.out);
  g_assert_cmpstr (((char **) g_ptr_array_index (rows, 0))[0], ==, "name");
  g_assert_cmpstr (((char **) g_ptr_array_index (rows, 0))[1], ==, "value");
  for (guint r = 1; r < rows->len; r++)
    {
      char **row = g_ptr_array_index (rows, r);

      g_assert_cmpuint (g_strv_length (row), ==, 2);
      g_hash_table_insert (values, row[0], row[1]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (g_hash_table_lookup (values, expected[i].name), ==, expected[i].value);

  run_cli (&run, "stats", fx->reg, NULL);
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "Items: 4 (to do 4,"));
  g_assert_nonnull (strstr (run.out, "Security"));
  g_assert_nonnull (strstr (run.out, "Total effort: 31 h"));
  g_assert_nonnull (strstr (run.out, "Critical path: 24 h, 2 items: A -> B"));
}

static void
test_export (Fixture       *fx,
             gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *roadmap = g_build_filename (fx->dir, "roadmap.csv", NULL);
  g_autofree char *resources = g_build_filename (fx->dir, "resources.csv", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  make_plan (fx);
  run_cli (&run, "export", "roadmap", fx->reg, "-o", roadmap, NULL);
  assert_ok (&run);
  g_assert_cmpstr (run.out, ==, "");
  text = read_text (roadmap);
  rows = parse_csv (text);
  g_assert_cmpuint (rows->len, ==, 5);
  {
    char **c = g_ptr_array_index (rows, 4);   /* the last to start */

    g_assert_cmpstr (c[column (rows, "key")], ==, "C");
    g_assert_cmpstr (c[column (rows, "title")], ==, "Café 日本語, docs");
    g_assert_cmpstr (c[column (rows, "start")], ==, "2027-01-05 09:00");
    g_assert_cmpstr (c[column (rows, "finish")], ==, "2027-01-05 13:00");
    g_assert_cmpstr (c[column (rows, "slack_hours")], ==, "20");
    g_assert_cmpstr (c[column (rows, "critical")], ==, "no");
    g_assert_cmpstr (c[column (rows, "start_week")], ==, "1");
  }
  /* a would-be formula is written as text */
  g_assert_nonnull (strstr (text, ",\"'=cleanup()\","));
  g_clear_pointer (&rows, g_ptr_array_unref);
  g_clear_pointer (&text, g_free);

  run_cli (&run, "export", "resources", fx->reg, "-o", resources, "--period", "month", NULL);
  assert_ok (&run);
  text = read_text (resources);
  rows = parse_csv (text);
  g_assert_cmpstr (text, ==,
    "period,first_day,last_day,role,headcount,hours,fte_weeks,people\r\n"
    "2027-01,2027-01-01,2027-01-31,dev,2,16,0.4,1\r\n"
    "2027-01,2027-01-01,2027-01-31,sec,1,12,0.3,1\r\n"
    "2027-01,2027-01-01,2027-01-31,,,3,0.08,1\r\n"
    "Total,2027-01-04,2027-01-06,dev,2,16,0.4,1\r\n"
    "Total,2027-01-04,2027-01-06,sec,1,12,0.3,1\r\n"
    "Total,2027-01-04,2027-01-06,,,3,0.08,1\r\n");

  run_cli (&run, "export", "resources", fx->reg, "-o", resources, NULL);
  assert_ok (&run);
  g_clear_pointer (&text, g_free);
  text = read_text (resources);
  g_assert_true (g_str_has_prefix (text, "period,first_day,last_day,role,headcount,hours,fte_weeks,people\r\n"
                                          "Week 1,2027-01-04,2027-01-10,dev,2,16,0.4,1\r\n"));
}

static void
test_errors (Fixture       *fx,
             gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *missing = g_build_filename (fx->dir, "missing.gapwise", NULL);
  g_autofree char *not_register = g_build_filename (fx->dir, "notes.txt", NULL);
  g_autofree char *nowhere = g_build_filename (fx->dir, "no-such-dir", "out.csv", NULL);
  g_autofree char *out = g_build_filename (fx->dir, "out.csv", NULL);

  make_plan (fx);
  g_assert_true (g_file_set_contents (not_register, "just some notes\n", -1, NULL));

  /* usage: 2 */
  run_cli (&run, "schedule", NULL);
  g_assert_cmpint (run.status, ==, 2);
  run_cli (&run, "schedule", fx->reg, "--format", "xml", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "xml"));
  run_cli (&run, "stats", fx->reg, "extra", NULL);
  g_assert_cmpint (run.status, ==, 2);
  run_cli (&run, "export", "roadmap", fx->reg, NULL);
  g_assert_cmpint (run.status, ==, 2);
  run_cli (&run, "export", "resources", fx->reg, "-o", out, "--period", "fortnight", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "fortnight"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));

  /* bad input: 1, one sentence naming the file */
  run_cli (&run, "schedule", missing, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "missing.gapwise"));
  g_assert_cmpstr (run.out, ==, "");
  run_cli (&run, "stats", not_register, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "notes.txt"));
  run_cli (&run, "export", "roadmap", fx->reg, "-o", nowhere, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "out.csv"));
}

/* A gate that contradicts a dependency is dropped with a warning; the
 * schedule still comes out. */
static void
test_gate_conflict (Fixture       *fx,
                    gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(GwStore) store = gw_store_open (fx->reg, GW_STORE_OPEN_CREATE, &error);
    g_autoptr(GwMilestone) m1 = gw_milestone_new ("M1", "Foundation");
    g_autoptr(GwMilestone) m2 = gw_milestone_new ("M2", "Scale");
    g_autoptr(GwItem) x = gw_item_new ("X", "In M1");
    g_autoptr(GwItem) y = gw_item_new ("Y", "In M2");
    const GwParseContext *ctx;

    g_assert_no_error (error);
    ctx = gw_store_get_parse_context (store);
    m2->requires = g_strdup ("M1");
    g_assert_true (gw_store_set_setting (store, "start_date", "2027-01-04", &error));
    g_assert_true (gw_store_put_milestone (store, m1, &error));
    g_assert_true (gw_store_put_milestone (store, m2, &error));
    g_assert_true (gw_item_set_field_text (y, GW_FIELD_MILESTONE, "M2", ctx, &error));
    g_assert_true (gw_item_set_field_text (y, GW_FIELD_EFFORT, "4h", ctx, &error));
    g_assert_true (gw_store_add_item (store, y, &error));
    g_assert_true (gw_item_set_field_text (x, GW_FIELD_MILESTONE, "M1", ctx, &error));
    g_assert_true (gw_item_set_field_text (x, GW_FIELD_EFFORT, "8h", ctx, &error));
    g_assert_true (gw_item_set_field_text (x, GW_FIELD_DEPENDS_ON, "Y", ctx, &error));
    g_assert_true (gw_store_add_item (store, x, &error));
    g_assert_no_error (error);
  }

  run_cli (&run, "schedule", fx->reg, "--format", "csv", NULL);
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "Y,2027-01-04 09:00,2027-01-04 13:00,"));
  g_assert_nonnull (strstr (run.out, "X,2027-01-04 13:00,2027-01-05 13:00,"));
  g_assert_nonnull (strstr (run.err, "“M2”"));
  g_assert_nonnull (strstr (run.err, "ignored"));
}

/* Every seed register imports, schedules with exit 0 and one row per item,
 * and no item starts before what it depends on is finished. */
static void
test_seeds (Fixture       *fx,
            gconstpointer  data)
{
  const char *seeds = g_getenv ("GAPWISE_SEEDS");
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint n_seeds = 0;

  g_assert_nonnull (seeds);
  dir = g_dir_open (seeds, 0, NULL);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *seed = g_build_filename (seeds, name, NULL);
      g_autofree char *reg = g_strdup_printf ("%s/%s.gapwise", fx->dir, name);
      g_auto(Run) run = { 0 };
      g_autoptr(GPtrArray) items = NULL;
      g_autoptr(GPtrArray) sched = NULL;
      g_autoptr(GHashTable) finish = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(GHashTable) start = g_hash_table_new (g_str_hash, g_str_equal);
      int k, s, f, d, key;

      if (!g_str_has_suffix (name, ".txt"))
        continue;
      n_seeds++;
      g_test_message ("seed %s", name);
      run_cli (&run, "import", reg, seed, NULL);
      assert_ok (&run);
      run_cli (&run, "list", reg, "--format", "csv", NULL);
      assert_ok (&run);
      items = parse_csv (run.out);
      g_assert_cmpuint (items->len, >, 1);

      run_cli (&run, "schedule", reg, "--format", "csv", NULL);
      assert_ok (&run);
      sched = parse_csv (run.out);
      g_assert_cmpuint (sched->len, ==, items->len);
      k = column (sched, "key");
      s = column (sched, "start");
      f = column (sched, "finish");
      for (guint r = 1; r < sched->len; r++)
        {
          char **row = g_ptr_array_index (sched, r);

          g_hash_table_insert (start, row[k], row[s]);
          g_hash_table_insert (finish, row[k], row[f]);
        }
      key = column (items, "key");
      d = column (items, "depends_on");
      for (guint r = 1; r < items->len; r++)
        {
          char **row = g_ptr_array_index (items, r);
          g_auto(GStrv) deps = g_strsplit (row[d], ";", -1);
          const char *mine = g_hash_table_lookup (start, row[key]);

          g_assert_nonnull (mine);
          for (guint j = 0; deps[j]; j++)
            {
              g_autofree char *dep = g_strstrip (g_strdup (deps[j]));
              char *plus = strrchr (dep, '+');
              const char *theirs;

              if (plus != NULL)
                *plus = '\0';
              theirs = g_hash_table_lookup (finish, dep);
              /* "YYYY-MM-DD HH:MM" compares as text; unscheduled (done) is "" */
              if (*dep && theirs && *theirs && *mine)
                g_assert_cmpint (strcmp (mine, theirs), >=, 0);
            }
        }

      run_cli (&run, "stats", reg, "--format", "csv", NULL);
      assert_ok (&run);
      g_assert_nonnull (strstr (run.out, "makespan_days,"));
    }
  g_assert_cmpuint (n_seeds, ==, 5);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add ("/cli-schedule/" path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("schedule-csv", test_schedule_csv);
  ADD ("schedule-table", test_schedule_table);
  ADD ("stats", test_stats);
  ADD ("export", test_export);
  ADD ("errors", test_errors);
  ADD ("gate-conflict", test_gate_conflict);
  ADD ("seeds", test_seeds);
#undef ADD

  return g_test_run ();
}
