/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The Markdown export reads back through the Markdown importer into an
 * identical register: every item field and list, dependencies with their
 * lag, roles, milestones with their lines, the go/no-go list and its
 * threshold; for the sample register, each seed imported first, and a
 * register made here with every field set. */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <sys/wait.h>

#include "gw-import.h"
#include "gw-markdown-export.h"
#include "gw-markdown-import.h"
#include "gw-sample.h"

typedef struct
{
  char *dir;
} Fixture;

/* Helpers */

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fx->dir = g_dir_make_tmp ("gapwise-md-export-XXXXXX", &error);
  g_assert_no_error (error);
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
  g_free (fx->dir);
}

static GwStore *
new_store (Fixture    *fx,
           const char *name)
{
  g_autofree char *path = g_build_filename (fx->dir, name, NULL);
  g_autoptr(GError) error = NULL;
  GwStore *store = gw_store_open (path, GW_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  return store;
}

static void
import_file (GwStore    *store,
             const char *path)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_import_data_free);
  g_autoptr(GwImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  GwImportData *data = gw_import_read_file (path, &error);

  g_assert_no_error (error);
  g_ptr_array_add (files, data);
  report = gw_import_apply (store, files, FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
}

static GPtrArray *
items_with_lines (GwStore *store)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *items = gw_store_list_items (store, &error);

  g_assert_no_error (error);
  g_assert_true (gw_store_load_all_lines (store, items, &error));
  g_assert_no_error (error);
  return items;
}

static void
assert_lines_equal (GPtrArray *a,
                    GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      GwLine *la = g_ptr_array_index (a, i);
      GwLine *lb = g_ptr_array_index (b, i);

      g_assert_cmpstr (la->text, ==, lb->text);
      g_assert_cmpint (la->done, ==, lb->done);
    }
}

/* Every item, role, milestone and go/no-go entry of @a is in @b, equal. */
static void
assert_registers_equal (GwStore *a,
                        GwStore *b)
{
  g_autoptr(GPtrArray) items_a = items_with_lines (a);
  g_autoptr(GPtrArray) items_b = items_with_lines (b);
  g_autoptr(GPtrArray) roles_a = gw_store_list_roles (a);
  g_autoptr(GPtrArray) roles_b = gw_store_list_roles (b);
  g_autoptr(GPtrArray) ms_a = gw_store_list_milestones (a);
  g_autoptr(GPtrArray) ms_b = gw_store_list_milestones (b);
  g_autoptr(GPtrArray) dec_a = gw_store_list_decision (a);
  g_autoptr(GPtrArray) dec_b = gw_store_list_decision (b);
  g_autofree char *threshold_a = gw_store_get_setting (a, "should_threshold");
  g_autofree char *threshold_b = gw_store_get_setting (b, "should_threshold");

  g_assert_cmpuint (items_a->len, >, 0);
  g_assert_cmpuint (items_a->len, ==, items_b->len);
  for (guint i = 0; i < items_a->len; i++)
    {
      GwItem *ia = g_ptr_array_index (items_a, i);
      GwItem *ib = g_ptr_array_index (items_b, i);

      /* the same order, and field by field for a readable failure */
      g_assert_cmpstr (gw_item_get_key (ia), ==, gw_item_get_key (ib));
      for (guint f = 0; f < GW_N_FIELDS; f++)
        {
          g_autofree char *want = gw_item_get_field_text (ia, (GwField) f);
          g_autofree char *got = gw_item_get_field_text (ib, (GwField) f);

          if (g_strcmp0 (want, got) != 0)
            g_test_message ("%s: %s differs", gw_item_get_key (ia), gw_field_name ((GwField) f));
          g_assert_cmpstr (got, ==, want);
        }
      g_assert_true (gw_item_equal (ia, ib));
    }

  g_assert_cmpuint (roles_a->len, ==, roles_b->len);
  for (guint i = 0; i < roles_a->len; i++)
    {
      GwRole *ra = g_ptr_array_index (roles_a, i);
      GwRole *rb = g_ptr_array_index (roles_b, i);

      g_assert_cmpstr (ra->name, ==, rb->name);
      g_assert_cmpint (ra->headcount, ==, rb->headcount);
      g_assert_cmpfloat (ra->hours_per_week, ==, rb->hours_per_week);
      g_assert_true ((isnan (ra->cost_per_hour) && isnan (rb->cost_per_hour)) || ra->cost_per_hour == rb->cost_per_hour);
    }

  g_assert_cmpuint (ms_a->len, ==, ms_b->len);
  for (guint i = 0; i < ms_a->len; i++)
    {
      GwMilestone *ma = g_ptr_array_index (ms_a, i);
      GwMilestone *mb = g_ptr_array_index (ms_b, i);

      g_assert_cmpstr (ma->key, ==, mb->key);
      g_assert_cmpstr (ma->name, ==, mb->name);
      g_assert_cmpstr (ma->goal, ==, mb->goal);
      g_assert_cmpstr (ma->requires, ==, mb->requires);
      g_assert_cmpstr (ma->duration, ==, mb->duration);
      for (guint k = 0; k < G_N_ELEMENTS (ma->lines); k++)
        assert_lines_equal (ma->lines[k], mb->lines[k]);
    }

  g_assert_cmpuint (dec_a->len, ==, dec_b->len);
  for (guint i = 0; i < dec_a->len; i++)
    {
      GwDecisionEntry *ea = g_ptr_array_index (dec_a, i);
      GwDecisionEntry *eb = g_ptr_array_index (dec_b, i);

      g_assert_cmpint (ea->level, ==, eb->level);
      g_assert_cmpstr (ea->item_key, ==, eb->item_key);
      g_assert_cmpstr (ea->text, ==, eb->text);
      g_assert_cmpint (ea->done, ==, eb->done);
    }
  g_assert_cmpstr (threshold_a, ==, threshold_b);
}

/* Exports @store, imports the file into a new register and compares. */
static char *
round_trip (Fixture    *fx,
            GwStore    *store,
            const char *name)
{
  g_autofree char *md_name = g_strconcat (name, ".md", NULL);
  g_autofree char *md = g_build_filename (fx->dir, md_name, NULL);
  g_autofree char *back_name = g_strconcat (name, "-back.gapwise", NULL);
  g_autoptr(GwStore) back = new_store (fx, back_name);
  g_autoptr(GError) error = NULL;
  g_autoptr(GwImportData) data = NULL;
  char *text = NULL;
  gsize length;

  g_assert_true (gw_markdown_export_to_file (store, md, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (md, &text, &length, NULL));

  /* The importer reads it without a complaint. */
  data = gw_markdown_import (md, text, length, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < data->warnings->len; i++)
    g_test_message ("warning: %s", (const char *) g_ptr_array_index (data->warnings, i));
  g_assert_cmpuint (data->warnings->len, ==, 0);

  import_file (back, md);
  assert_registers_equal (store, back);
  return text;
}

static char *
find_seed (const char *prefix)
{
  const char *dir = g_getenv ("GAPWISE_SEEDS");
  g_autoptr(GDir) d = NULL;
  const char *name;

  g_assert_nonnull (dir);
  d = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, prefix))
      return g_build_filename (dir, name, NULL);
  g_assert_not_reached ();
  return NULL;
}

/* Tests */

static void
test_sample (Fixture       *fx,
             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fx->dir, "sample.gapwise", NULL);
  g_autoptr(GwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_true (gw_sample_create (path, &error));
  g_assert_no_error (error);
  store = gw_store_open (path, GW_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);

  text = round_trip (fx, store, "sample");

  /* What a reader finds: the seeds' section form, the tables, the gates. */
  g_assert_true (g_str_has_prefix (text, "# Harbor Ledger 2.0"));
  g_assert_nonnull (strstr (text, "\n#### P0-001: Move the invoice signing key out of the repository\n"));
  g_assert_nonnull (strstr (text, "\n- **Depends on**: P0-001\n"));
  g_assert_nonnull (strstr (text, "\n  - [x] No key material in the release branch's history\n"));
  g_assert_nonnull (strstr (text, "\n### Items by Category and Priority\n"));
  g_assert_nonnull (strstr (text, "\n| Security | 3 |"));
  g_assert_nonnull (strstr (text, "\n### Items by Priority\n"));
  g_assert_nonnull (strstr (text, "\n| backend-dev | 3 | 40 |  |\n"));
  g_assert_nonnull (strstr (text, "\n### Milestone M1: Security Baseline\n- **Goal**: Nothing an attacker can use on day one\n"));
  g_assert_nonnull (strstr (text, "\n### M2 Gate: Reliability\n**Entry Criteria**: M1 complete\n"));
  g_assert_nonnull (strstr (text, "\n### Should Have (At Least 80% for Go)\n- [ ] P0-007: Month-end load test\n"));
}

static void
test_seed (Fixture       *fx,
           gconstpointer  data)
{
  const char *prefix = data;
  g_autofree char *seed = find_seed (prefix);
  g_autofree char *name = g_strconcat ("seed-", prefix, ".gapwise", NULL);
  g_autoptr(GwStore) store = new_store (fx, name);
  g_autofree char *text = NULL;

  import_file (store, seed);
  text = round_trip (fx, store, prefix);
  g_assert_nonnull (strstr (text, "\n#### "));
}

static void
set (GwItem     *item,
     GwField     field,
     const char *value)
{
  g_autoptr(GError) error = NULL;

  gw_item_set_field_text (item, field, value, NULL, &error);
  g_assert_no_error (error);
}

/* A register made here: every field and list of an item, lags, a role
 * with a cost, a milestone gate with its own entry criteria, go/no-go
 * criteria of their own and a threshold of 75 %. */
static void
test_every_field (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(GwStore) store = new_store (fx, "every.gapwise");
  g_autoptr(GwItem) a = gw_item_new ("P0-001", "Rewrite the gateway");
  g_autoptr(GwItem) b = gw_item_new ("P1-002", "Plain item - SEE NOTES (2 hours)");
  g_autoptr(GwItem) c = gw_item_new ("Gap 1.1", "A gap with a `code` title");
  g_autoptr(GwMilestone) m1 = gw_milestone_new ("M1", "Security Baseline");
  g_autoptr(GwMilestone) m2 = gw_milestone_new ("M2", "Reliability (phase two)");
  g_autoptr(GPtrArray) decision = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_decision_entry_free);
  g_autoptr(GwRole) role = gw_role_new ("backend-dev");
  g_autoptr(GwRole) docs = gw_role_new ("documentation | specialist");
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_true (gw_store_set_setting (store, "name", "Every Field", &error));

  role->headcount = 3;
  role->hours_per_week = 37.5;
  role->cost_per_hour = 95;
  g_assert_true (gw_store_put_role (store, role, &error));
  docs->hours_per_week = 24;
  g_assert_true (gw_store_put_role (store, docs, &error));

  m1->goal = (g_free (m1->goal), g_strdup ("Nothing an attacker can use on day one"));
  m1->duration = g_strdup ("2 Weeks");
  g_ptr_array_add (m1->lines[GW_MILESTONE_LINE_DELIVERABLE], gw_line_new ("Per-environment keys", NAN, FALSE));
  g_ptr_array_add (m1->lines[GW_MILESTONE_LINE_DELIVERABLE], gw_line_new ("TLS inside the cluster", NAN, TRUE));
  g_ptr_array_add (m1->lines[GW_MILESTONE_LINE_EXIT], gw_line_new ("Keys rotated", NAN, TRUE));
  g_ptr_array_add (m1->lines[GW_MILESTONE_LINE_EXIT], gw_line_new ("No clear text", NAN, FALSE));
  g_assert_true (gw_store_put_milestone (store, m1, &error));
  m2->requires = g_strdup ("M1");
  g_ptr_array_add (m2->lines[GW_MILESTONE_LINE_ENTRY], gw_line_new ("Budget approved", NAN, TRUE));
  g_ptr_array_add (m2->lines[GW_MILESTONE_LINE_ENTRY], gw_line_new ("On-call rota staffed", NAN, FALSE));
  g_assert_true (gw_store_put_milestone (store, m2, &error));
  g_assert_no_error (error);

  set (a, GW_FIELD_CATEGORY, "Security & Compliance");
  set (a, GW_FIELD_PRIORITY, "P0");
  set (a, GW_FIELD_STATUS, "blocked");
  set (a, GW_FIELD_EFFORT, "L (16-32 hours)");
  set (a, GW_FIELD_RISK, "medium");
  set (a, GW_FIELD_IMPACT, "65");
  set (a, GW_FIELD_OWNER, "backend-dev");
  set (a, GW_FIELD_MILESTONE, "M2");
  set (a, GW_FIELD_DESCRIPTION, "Uses `code`, *stars* and a_b_c;\nsecond line");
  set (a, GW_FIELD_MODULE, "api/gateway");
  set (a, GW_FIELD_IMPL_RISK_PCT, "12.5");
  set (a, GW_FIELD_DATA_LOSS_RISK_PCT, "3");
  set (a, GW_FIELD_ROI_PCT, "250");
  set (a, GW_FIELD_REVENUE_IMPACT, "$10K/month");
  set (a, GW_FIELD_ASSIGNEE, "Priya Raman");
  set (a, GW_FIELD_PHASE, "Phase 2");
  set (a, GW_FIELD_ACTION, "HIGH");
  set (a, GW_FIELD_CURRENT_PCT, "40");
  set (a, GW_FIELD_TARGET_PCT, "95");
  set (a, GW_FIELD_NOT_BEFORE, "2025-04-01");
  set (a, GW_FIELD_BREAKDOWN, "- Design: 4 hours\n- Build: 12.5 hours\n- Review");
  set (a, GW_FIELD_EVIDENCE, "- First line\n  continued\n- Second");
  set (a, GW_FIELD_IMPACT_IF_NOT_FIXED, "- Customers leave");
  set (a, GW_FIELD_MITIGATION, "- Watch the logs");
  set (a, GW_FIELD_ACCEPTANCE_CRITERIA, "- [x] Done thing\n- [ ] Open thing");
  set (a, GW_FIELD_REMEDIATION, "- Step one\n- Step two");
  g_assert_true (gw_store_add_item (store, a, &error));
  set (b, GW_FIELD_PRIORITY, "P1");
  set (b, GW_FIELD_EFFORT_HOURS, "6");
  set (b, GW_FIELD_OWNER, "documentation | specialist");
  g_assert_true (gw_store_add_item (store, b, &error));
  set (c, GW_FIELD_PRIORITY, "P3");
  set (c, GW_FIELD_STATUS, "done");
  set (c, GW_FIELD_MILESTONE, "M1");
  g_assert_true (gw_store_add_item (store, c, &error));
  g_assert_true (gw_store_link (store, "P0-001", "Gap 1.1", 0, &error));
  g_assert_true (gw_store_link (store, "P0-001", "P1-002", 8, &error));
  g_assert_no_error (error);

  g_ptr_array_add (decision, gw_decision_entry_new (GW_GATE_MUST, "P0-001", "Gateway rewritten", FALSE));
  g_ptr_array_add (decision, gw_decision_entry_new (GW_GATE_MUST, "Gap 1.1", NULL, TRUE));
  g_ptr_array_add (decision, gw_decision_entry_new (GW_GATE_SHOULD, NULL, "Security review signed off", TRUE));
  g_ptr_array_add (decision, gw_decision_entry_new (GW_GATE_SHOULD, "P1-002", "Docs", FALSE));
  g_ptr_array_add (decision, gw_decision_entry_new (GW_GATE_NICE, NULL, "A status page", FALSE));
  g_assert_true (gw_store_set_decision (store, decision, &error));
  g_assert_true (gw_store_set_setting (store, "should_threshold", "75", &error));
  g_assert_no_error (error);

  text = round_trip (fx, store, "every");
  g_assert_nonnull (strstr (text, "\n- **Depends on**: P1-002+8h;Gap 1.1\n"));
  g_assert_nonnull (strstr (text, "\n| documentation \\| specialist | 1 | 24 |  |\n"));
  g_assert_nonnull (strstr (text, "\n**Entry Criteria**:\n- M1 complete\n- [x] Budget approved\n- [ ] On-call rota staffed\n"));
}

/* `gapwise-cli export markdown` writes the same file, and imports back. */
static void
test_cli (Fixture       *fx,
          gconstpointer  data)
{
  const char *cli = g_getenv ("GAPWISE_CLI");
  g_autofree char *reg = g_build_filename (fx->dir, "sample.gapwise", NULL);
  g_autofree char *md = g_build_filename (fx->dir, "sample.md", NULL);
  g_autofree char *back_path = g_build_filename (fx->dir, "back.gapwise", NULL);
  g_autoptr(GwStore) store = NULL;
  g_autoptr(GwStore) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = -1;

  g_assert_nonnull (cli);
  g_assert_true (gw_sample_create (reg, &error));
  g_assert_no_error (error);

  {
    const char *argv[] = { cli, "export", "markdown", reg, "-o", md, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_cmpstr (err, ==, "");
  }
  store = gw_store_open (reg, GW_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  back = gw_store_open (back_path, GW_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  import_file (back, md);
  assert_registers_equal (store, back);

  /* Without -o: a usage error (2), and no file. */
  {
    const char *argv[] = { cli, "export", "markdown", reg, NULL };

    g_clear_pointer (&err, g_free);
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, &err, &status, &error);
    g_assert_no_error (error);
    g_assert_true (WIFEXITED (status));
    g_assert_cmpint (WEXITSTATUS (status), ==, 2);
    g_assert_nonnull (strstr (err, "-o FILE"));
  }
  /* A folder that is not there: 1, naming the file. */
  {
    g_autofree char *bad = g_build_filename (fx->dir, "missing", "x.md", NULL);
    const char *argv[] = { cli, "export", "markdown", reg, "-o", bad, NULL };

    g_clear_pointer (&err, g_free);
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, &err, &status, &error);
    g_assert_no_error (error);
    g_assert_true (WIFEXITED (status));
    g_assert_cmpint (WEXITSTATUS (status), ==, 1);
    g_assert_nonnull (strstr (err, "x.md"));
  }
}

/* A file that cannot be written leaves nothing behind and says why. */
static void
test_write_error (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(GwStore) store = new_store (fx, "empty.gapwise");
  g_autofree char *path = g_build_filename (fx->dir, "missing", "out.md", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (gw_markdown_export_to_file (store, path, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_nonnull (strstr (error->message, "out.md"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  static const char *const seeds[] = { "000", "001", "002", "003", "004" };

  g_test_init (&argc, &argv, NULL);

  g_test_add ("/markdown-export/sample", Fixture, NULL, fixture_setup, test_sample, fixture_teardown);
  g_test_add ("/markdown-export/every-field", Fixture, NULL, fixture_setup, test_every_field, fixture_teardown);
  g_test_add ("/markdown-export/cli", Fixture, NULL, fixture_setup, test_cli, fixture_teardown);
  g_test_add ("/markdown-export/write-error", Fixture, NULL, fixture_setup, test_write_error, fixture_teardown);
  for (guint i = 0; i < G_N_ELEMENTS (seeds); i++)
    {
      g_autofree char *path = g_strdup_printf ("/markdown-export/seed-%s", seeds[i]);

      g_test_add (path, Fixture, seeds[i], fixture_setup, test_seed, fixture_teardown);
    }

  return g_test_run ();
}
