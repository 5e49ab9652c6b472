/* SPDX-License-Identifier: GPL-3.0-or-later */

/* gapwise-cli as scripts use it: exit statuses, CSV output, error
 * sentences, and a register that survives being killed mid-edit. */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

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
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static const char *
cli_path (void)
{
  const char *cli = g_getenv ("GAPWISE_CLI");

  g_assert_nonnull (cli);
  return cli;
}

/* Runs gapwise-cli with the NULL-terminated arguments. */
static void
run_cli (Run        *run,
         const char *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  va_list args;
  int wait_status = 0;

  g_ptr_array_add (argv, (gpointer) cli_path ());
  va_start (args, first);
  for (const char *a = first; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  run->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
}

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  g_auto(Run) run = { 0 };

  fx->dir = g_dir_make_tmp ("gapwise-cli-XXXXXX", NULL);
  fx->reg = g_build_filename (fx->dir, "plan.gapwise", NULL);
  run_cli (&run, "new", fx->reg, "--name", "Launch plan", "--start", "2027-01-04", NULL);
  g_assert_cmpint (run.status, ==, 0);
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

static void
add_sample_items (Fixture *fx)
{
  g_auto(Run) a = { 0 };
  g_auto(Run) b = { 0 };
  g_auto(Run) c = { 0 };

  run_cli (&a, "add", fx->reg, "--key", "P0-001", "--title", "Secure cookies", "--priority", "P0",
           "--effort", "4h", "--owner", "security-engineer", "--category", "Security", NULL);
  run_cli (&b, "add", fx->reg, "--key", "P0-002", "--title", "TLS, \"everywhere\"", "--priority", "P0",
           "--effort", "L (16-32 hours)", "--depends-on", "P0-001", "--risk", "high", "--impact", "HIGH", NULL);
  run_cli (&c, "add", fx->reg, "--key", "P1-001", "--title", "=SUM(A1:A9)", "--effort", "2 days",
           "--depends-on", "P0-001", "--depends-on", "P0-002", "--milestone", "M1", NULL);
  g_assert_cmpint (a.status, ==, 0);
  g_assert_cmpint (b.status, ==, 0);
  g_assert_cmpint (c.status, ==, 0);
}

/* Splits RFC 4180 CSV into rows of cells. */
static GPtrArray *
parse_csv (const char *text)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) row = g_ptr_array_new ();
  g_autoptr(GString) cell = g_string_new (NULL);
  gboolean quoted = FALSE;

  for (const char *p = text; *p; p++)
    {
      if (quoted)
        {
          if (*p == '"' && p[1] == '"')
            g_string_append_c (cell, *p++);
          else if (*p == '"')
            quoted = FALSE;
          else
            g_string_append_c (cell, *p);
        }
      else if (*p == '"')
        quoted = TRUE;
      else if (*p == ',')
        {
          g_ptr_array_add (row, g_strdup (cell->str));
          g_string_truncate (cell, 0);
        }
      else if (*p == '\r' && p[1] == '\n')
        {
          g_ptr_array_add (row, g_strdup (cell->str));
          g_string_truncate (cell, 0);
          g_ptr_array_add (row, NULL);
          g_ptr_array_add (rows, g_ptr_array_steal (row, NULL));
          p++;
        }
      else
        {
          /* Lines must end in CRLF outside quotes. */
          g_assert_cmpint (*p, !=, '\n');
          g_string_append_c (cell, *p);
        }
    }
  g_assert_cmpuint (row->len, ==, 0);
  return rows;
}

static int
column (char      **header,
        const char *name)
{
  for (int i = 0; header[i]; i++)
    if (g_str_equal (header[i], name))
      return i;
  g_assert_not_reached ();
}

/* Tests */

static void
test_list_csv_contract (Fixture       *fx,
                        gconstpointer  data)
{
  static const char *required[] = {
    "key", "title", "category", "priority", "status", "effort_hours", "risk", "impact", "owner",
    "milestone", "depends_on",
  };
  g_auto(Run) run = { 0 };
  g_autoptr(GPtrArray) rows = NULL;
  char **header, **row;

  add_sample_items (fx);
  run_cli (&run, "list", fx->reg, "--format", "csv", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");

  rows = parse_csv (run.out);
  g_assert_cmpuint (rows->len, ==, 4);
  header = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (header[0], ==, "key");
  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    column (header, required[i]);

  row = g_ptr_array_index (rows, 2);
  g_assert_cmpstr (row[column (header, "key")], ==, "P0-002");
  g_assert_cmpstr (row[column (header, "title")], ==, "TLS, \"everywhere\"");
  g_assert_cmpstr (row[column (header, "effort_hours")], ==, "24");
  g_assert_cmpstr (row[column (header, "impact")], ==, "80");
  g_assert_cmpstr (row[column (header, "risk")], ==, "high");
  g_assert_cmpstr (row[column (header, "depends_on")], ==, "P0-001");
  g_assert_cmpstr (row[column (header, "category")], ==, "");

  row = g_ptr_array_index (rows, 3);
  /* A formula is neutralised; dependencies are joined by ';'. */
  g_assert_cmpstr (row[column (header, "title")], ==, "'=SUM(A1:A9)");
  g_assert_cmpstr (row[column (header, "depends_on")], ==, "P0-001;P0-002");
  g_assert_cmpstr (row[column (header, "effort_hours")], ==, "16");
  g_assert_cmpstr (row[column (header, "milestone")], ==, "M1");
}

static void
test_list_table (Fixture       *fx,
                 gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_auto(GStrv) lines = NULL;

  add_sample_items (fx);
  run_cli (&run, "list", fx->reg, NULL);
  g_assert_cmpint (run.status, ==, 0);
  lines = g_strsplit (run.out, "\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "key"));
  g_assert_true (g_str_has_prefix (lines[1], "P0-001"));
  g_assert_nonnull (strstr (lines[1], "security-engineer"));
  g_assert_nonnull (strstr (lines[2], "TLS"));
}

typedef struct
{
  const char *args[8];
  int         status;
  const char *stderr_words;   /* NULL: stderr may say anything */
} ExitCase;

static void
test_exit_statuses (Fixture       *fx,
                    gconstpointer  data)
{
  const ExitCase cases[] = {
    { { "frobnicate", NULL }, 2, "not a command" },
    { { "list", NULL }, 2, "Usage" },
    { { "list", fx->reg, "--format", "xml", NULL }, 2, "not a format" },
    { { "list", fx->reg, "--bogus", NULL }, 2, "bogus" },
    { { "add", fx->reg, "--title", "No key", NULL }, 2, "--key" },
    { { "set", fx->reg, "P0-001", "colour=red", NULL }, 2, "colour=red" },
    { { "set", fx->reg, "P0-001", "priority=P7", NULL }, 1, "priority" },
    { { "set", fx->reg, "P9-999", "priority=P1", NULL }, 1, "P9-999" },
    { { "set", fx->reg, "P0-001", "effort_hours=-3", NULL }, 1, "effort_hours" },
    { { "add", fx->reg, "--key", "P0-001", "--title", "Again", NULL }, 1, "already exists" },
    { { "add", fx->reg, "--key", "X-1", "--effort", "lots", NULL }, 1, "lots" },
    { { "link", fx->reg, "P0-001", "--depends-on", "P1-001", NULL }, 1, "P0-001 -> P1-001 -> P0-001" },
    { { "link", fx->reg, "P0-001", "--depends-on", "P0-001", NULL }, 1, "itself" },
    { { "unlink", fx->reg, "P0-001", "--depends-on", "P0-002", NULL }, 1, "does not depend" },
    { { "delete", fx->reg, "P9-999", NULL }, 1, "P9-999" },
    { { "show", fx->reg, "P0-002", NULL }, 0, NULL },
    { { "role", fx->reg, "backend-dev", "--headcount", "-2", NULL }, 1, "headcount" },
    { { "new", fx->reg, NULL }, 1, "already exists" },
    { { "list", "/nonexistent/plan.gapwise", NULL }, 1, "does not exist" },
  };

  add_sample_items (fx);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) argv = g_ptr_array_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      int wait_status;

      g_ptr_array_add (argv, (gpointer) cli_path ());
      for (guint j = 0; cases[i].args[j]; j++)
        g_ptr_array_add (argv, (gpointer) cases[i].args[j]);
      g_ptr_array_add (argv, NULL);
      g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                    &wait_status, &error);
      g_assert_no_error (error);
      g_test_message ("gapwise-cli %s … -> %d: %s", cases[i].args[0], WEXITSTATUS (wait_status), err);
      g_assert_cmpint (WEXITSTATUS (wait_status), ==, cases[i].status);
      if (cases[i].stderr_words != NULL)
        g_assert_nonnull (strstr (err, cases[i].stderr_words));
      /* A failed command's message is one sentence naming the problem. */
      if (cases[i].status == 1)
        {
          g_assert_cmpuint (strlen (err), >, 0);
          g_assert_true (g_str_has_suffix (err, ".\n"));
        }
    }
}

static void
test_help_for_every_command (Fixture       *fx,
                             gconstpointer  data)
{
  static const char *commands[] = {
    "new", "list", "show", "add", "set", "delete", "link", "unlink", "role", "check", "undo", "redo",
  };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(Run) run = { 0 };

      run_cli (&run, commands[i], "--help", NULL);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_nonnull (strstr (run.out, "Usage:"));
      g_assert_nonnull (strstr (run.out, commands[i]));
    }
}

static void
test_undo_redo_steps (Fixture       *fx,
                      gconstpointer  data)
{
  g_auto(Run) set = { 0 };
  g_auto(Run) undo = { 0 };
  g_auto(Run) show = { 0 };
  g_auto(Run) redo = { 0 };
  g_auto(Run) show2 = { 0 };

  add_sample_items (fx);
  /* Several fields in one command are one undo step. */
  run_cli (&set, "set", fx->reg, "P0-001", "status=done", "owner=backend-dev", "risk=low", NULL);
  g_assert_cmpint (set.status, ==, 0);
  run_cli (&undo, "undo", fx->reg, NULL);
  g_assert_cmpint (undo.status, ==, 0);
  g_assert_nonnull (strstr (undo.out, "P0-001"));
  run_cli (&show, "show", fx->reg, "P0-001", NULL);
  g_assert_nonnull (strstr (show.out, "status: todo"));
  g_assert_nonnull (strstr (show.out, "owner: security-engineer"));
  run_cli (&redo, "redo", fx->reg, NULL);
  run_cli (&show2, "show", fx->reg, "P0-001", NULL);
  g_assert_nonnull (strstr (show2.out, "status: done"));
  g_assert_nonnull (strstr (show2.out, "risk: low"));
}

static void
test_check (Fixture       *fx,
            gconstpointer  data)
{
  g_auto(Run) bad = { 0 };
  g_auto(Run) role = { 0 };
  g_auto(Run) role2 = { 0 };
  g_auto(Run) good = { 0 };

  add_sample_items (fx);
  /* Owner role and milestone not defined: check fails naming them. */
  run_cli (&bad, "check", fx->reg, NULL);
  g_assert_cmpint (bad.status, ==, 1);
  g_assert_nonnull (strstr (bad.err, "security-engineer"));
  g_assert_nonnull (strstr (bad.err, "M1"));

  run_cli (&role, "role", fx->reg, "security-engineer", "--headcount", "2", NULL);
  g_assert_cmpint (role.status, ==, 0);
  run_cli (&role2, "set", fx->reg, "P1-001", "milestone=", NULL);
  g_assert_cmpint (role2.status, ==, 0);
  run_cli (&good, "check", fx->reg, NULL);
  g_assert_cmpint (good.status, ==, 0);
  g_assert_nonnull (strstr (good.out, "no problems"));
}

static void
test_render_charts (Fixture       *fx,
                    gconstpointer  data)
{
  static const struct { const char *kind; const char *file; const char *magic; } outputs[] = {
    { "quadrant", "q.png", "\x89PNG" }, { "quadrant", "q.svg", "<?xml" }, { "quadrant", "q.pdf", "%PDF" },
    { "risk", "r.png", "\x89PNG" }, { "risk", "r.pdf", "%PDF" },
  };

  add_sample_items (fx);
  for (guint i = 0; i < G_N_ELEMENTS (outputs); i++)
    {
      g_autofree char *path = g_build_filename (fx->dir, outputs[i].file, NULL);
      g_autofree char *contents = NULL;
      g_auto(Run) run = { 0 };
      gsize len;

      run_cli (&run, "render", outputs[i].kind, fx->reg, "-o", path, "--width", "900", NULL);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
      g_assert_cmpuint (len, >, 1000);
      g_assert_true (g_str_has_prefix (contents, outputs[i].magic));
    }

  {
    g_autofree char *png = g_build_filename (fx->dir, "x.png", NULL);
    g_autofree char *txt = g_build_filename (fx->dir, "x.txt", NULL);
    g_auto(Run) bad_kind = { 0 };
    g_auto(Run) bad_format = { 0 };
    g_auto(Run) bad_option = { 0 };

    run_cli (&bad_kind, "render", "pie", fx->reg, "-o", png, NULL);
    g_assert_cmpint (bad_kind.status, ==, 2);
    g_assert_nonnull (strstr (bad_kind.err, "pie"));
    run_cli (&bad_format, "render", "quadrant", fx->reg, "-o", txt, NULL);
    g_assert_cmpint (bad_format.status, ==, 1);
    g_assert_nonnull (strstr (bad_format.err, "x.txt"));
    g_assert_false (g_file_test (txt, G_FILE_TEST_EXISTS));
    run_cli (&bad_option, "render", "quadrant", fx->reg, "-o", png, "--color-by", "mood", NULL);
    g_assert_cmpint (bad_option.status, ==, 2);
  }
}

/* Crash safety: a shell keeps editing the register with gapwise-cli and
 * logs every command that returned; it is killed with SIGKILL at random
 * moments. Every logged edit must be there, and the file intact. */
static void
child_setup (gpointer data)
{
  setpgid (0, 0);
}

static void
test_crash_safety (Fixture       *fx,
                   gconstpointer  data)
{
  g_autofree char *log = g_build_filename (fx->dir, "done.log", NULL);
  g_autofree char *script = g_strdup_printf (
    "i=$1; while :; do i=$((i+1));"
    " \"$CLI\" add \"$REG\" --key K-$i --title \"Item $i\" --effort 2h || exit 1;"
    " echo add K-$i >> \"$LOG\";"
    " \"$CLI\" set \"$REG\" K-$i status=in-progress \"description=edit $i\" || exit 1;"
    " echo set K-$i >> \"$LOG\";"
    " done");
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261122);
  g_autoptr(GError) error = NULL;
  g_autoptr(GwStore) store = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *problem = NULL;
  g_auto(GStrv) env = g_get_environ ();
  g_auto(GStrv) lines = NULL;
  guint checked = 0;
  int next = 0;

  env = g_environ_setenv (env, "CLI", cli_path (), TRUE);
  env = g_environ_setenv (env, "REG", fx->reg, TRUE);
  env = g_environ_setenv (env, "LOG", log, TRUE);

  for (int round = 0; round < 6; round++)
    {
      g_autofree char *start = g_strdup_printf ("%d", next);
      const char *argv[] = { "/bin/sh", "-c", script, "sh", start, NULL };
      GPid pid;
      int status;

      g_spawn_async (NULL, (char **) argv, env, G_SPAWN_DO_NOT_REAP_CHILD, child_setup, NULL, &pid, &error);
      g_assert_no_error (error);
      g_usleep (g_rand_int_range (rand, 150, 700) * 1000);
      kill (-pid, SIGKILL);
      waitpid (pid, &status, 0);
      g_assert_true (WIFSIGNALED (status));
      g_spawn_close_pid (pid);
      next += 1000;
    }

  store = gw_store_open (fx->reg, GW_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (gw_store_integrity_check (store, &problem));

  g_file_get_contents (log, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      g_auto(GStrv) parts = g_strsplit (lines[i], " ", 2);
      g_autoptr(GwItem) item = NULL;

      if (parts[0] == NULL || parts[1] == NULL)
        continue;
      item = gw_store_get_item (store, parts[1], &error);
      g_assert_no_error (error);
      if (g_str_equal (parts[0], "set"))
        g_assert_cmpint (gw_item_get_status (item), ==, GW_STATUS_IN_PROGRESS);
      checked++;
    }
  g_test_message ("%u returned edits checked after 6 kills", checked);
  g_assert_cmpuint (checked, >, 10);

  /* The killed register still takes edits and undoes them. */
  {
    g_autoptr(GwItem) item = gw_item_new ("After-crash", "x");

    g_assert_true (gw_store_add_item (store, item, &error));
    g_assert_true (gw_store_undo (store, NULL, &error));
    g_assert_no_error (error);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add ("/cli/" path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("list-csv-contract", test_list_csv_contract);
  ADD ("list-table", test_list_table);
  ADD ("exit-statuses", test_exit_statuses);
  ADD ("help-for-every-command", test_help_for_every_command);
  ADD ("undo-redo-steps", test_undo_redo_steps);
  ADD ("check", test_check);
  ADD ("render-charts", test_render_charts);
  ADD ("crash-safety", test_crash_safety);
#undef ADD

  return g_test_run ();
}
