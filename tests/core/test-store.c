/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "gw-item-list.h"
#include "gw-store.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fx->dir = g_dir_make_tmp ("gapwise-store-XXXXXX", &error);
  g_assert_no_error (error);
  fx->path = g_build_filename (fx->dir, "test.gapwise", NULL);
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_chmod (path, 0644);
      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  g_chmod (fx->dir, 0755);
  remove_tree (fx->dir);
  g_free (fx->path);
  g_free (fx->dir);
}

static GwStore *
open_new (Fixture *fx)
{
  g_autoptr(GError) error = NULL;
  GwStore *store = gw_store_open (fx->path, GW_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static GwItem *
add (GwStore    *store,
     const char *key,
     const char *title,
     const char *depends_on)
{
  g_autoptr(GError) error = NULL;
  GwItem *item = gw_item_new (key, title);

  if (depends_on != NULL)
    g_assert_true (gw_item_set_field_text (item, GW_FIELD_DEPENDS_ON, depends_on, NULL, &error));
  g_assert_true (gw_store_add_item (store, item, &error));
  g_assert_no_error (error);
  return item;
}

static GBytes *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize len = 0;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, len);
}

/* An item that uses every field, every list and a dependency with lag. */
static GwItem *
make_full_item (void)
{
  static const struct { GwField field; const char *value; } values[] = {
    { GW_FIELD_KEY, "Gap 1.1" },
    { GW_FIELD_TITLE, "Row-Level Security — database, “quoted”, 日本語" },
    { GW_FIELD_CATEGORY, "Security" },
    { GW_FIELD_PRIORITY, "P0" },
    { GW_FIELD_STATUS, "in-progress" },
    { GW_FIELD_EFFORT, "L (16-32 hours)" },
    { GW_FIELD_RISK, "high" },
    { GW_FIELD_IMPACT, "HIGH" },
    { GW_FIELD_OWNER, "security-engineer" },
    { GW_FIELD_MILESTONE, "M1" },
    { GW_FIELD_DEPENDS_ON, "Gap 0.9+8h" },
    { GW_FIELD_DESCRIPTION, "No database-level RLS;\nisolation at app layer only" },
    { GW_FIELD_MODULE, "database" },
    { GW_FIELD_IMPL_RISK_PCT, "30" },
    { GW_FIELD_DATA_LOSS_RISK_PCT, "5.5" },
    { GW_FIELD_ROI_PCT, "200" },
    { GW_FIELD_REVENUE_IMPACT, "$500K+/year" },
    { GW_FIELD_ASSIGNEE, "Dana" },
    { GW_FIELD_PHASE, "Phase 0" },
    { GW_FIELD_ACTION, "IMMEDIATE" },
    { GW_FIELD_CURRENT_PCT, "50" },
    { GW_FIELD_TARGET_PCT, "100" },
    { GW_FIELD_NOT_BEFORE, "2027-01-11" },
    { GW_FIELD_BREAKDOWN, "- Create RLS policies: 8 hours\n- Test enforcement: 6 hours\n- Review" },
    { GW_FIELD_EVIDENCE, "- No RLS policies\n- ```sql\n  ALTER TABLE x;\n  ```" },
    { GW_FIELD_IMPACT_IF_NOT_FIXED, "- Cannot deploy\n- Fails SOC 2 audit" },
    { GW_FIELD_MITIGATION, "- Audit triggers" },
    { GW_FIELD_ACCEPTANCE_CRITERIA, "- [x] All tables have policies\n- [ ] Audit passes" },
    { GW_FIELD_REMEDIATION, "- Enable RLS\n- Add policies" },
  };
  g_autoptr(GError) error = NULL;
  GwItem *item = gw_item_new (NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      gw_item_set_field_text (item, values[i].field, values[i].value, NULL, &error);
      g_assert_no_error (error);
    }
  return item;
}

/* Tests */

static void
test_new_register_defaults (Fixture       *fx,
                            gconstpointer  data)
{
  g_autoptr(GwStore) store = open_new (fx);
  g_autofree char *hpd = gw_store_get_setting (store, "hours_per_day");
  g_autofree char *start = gw_store_get_setting (store, "start_date");

  g_assert_cmpstr (hpd, ==, "8");
  g_assert_cmpint (strlen (start), ==, 10);
  g_assert_cmpuint (gw_store_count_items (store), ==, 0);
  g_assert_false (gw_store_can_undo (store));
  g_assert_false (gw_store_is_read_only (store));
  g_assert_cmpint (gw_store_get_opened_version (store), ==, 0);
}

static void
test_round_trip_every_field (Fixture       *fx,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GwItem) want = make_full_item ();
  g_autoptr(GwItem) got = NULL;

  {
    g_autoptr(GwStore) store = open_new (fx);
    g_autoptr(GwItem) base G_GNUC_UNUSED = add (store, "Gap 0.9", "Base", NULL);

    g_assert_true (gw_store_add_item (store, want, &error));
    g_assert_no_error (error);
  }

  {
    g_autoptr(GwStore) store = gw_store_open (fx->path, GW_STORE_OPEN_DEFAULT, &error);
    g_autoptr(GPtrArray) items = NULL;

    g_assert_no_error (error);
    got = gw_store_get_item (store, "Gap 1.1", &error);
    g_assert_no_error (error);
    g_assert_true (gw_item_equal (want, got));

    /* Every field reads back as the same text. */
    for (GwField f = 0; f < GW_N_FIELDS; f++)
      {
        g_autofree char *a = gw_item_get_field_text (want, f);
        g_autofree char *b = gw_item_get_field_text (got, f);

        g_assert_cmpstr (a, ==, b);
      }
    g_assert_cmpfloat (gw_item_get_effort_hours (got), ==, 24);
    g_assert_cmpint (gw_item_get_effort_size (got), ==, GW_SIZE_L);
    g_assert_cmpint (gw_item_get_impact (got), ==, 80);

    /* Listing gives the same fields and dependencies, without lines. */
    items = gw_store_list_items (store, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (items->len, ==, 2);
    g_assert_false (gw_item_has_lines (g_ptr_array_index (items, 1)));
    g_assert_true (gw_item_equal (want, g_ptr_array_index (items, 1)));
    g_assert_true (gw_store_load_all_lines (store, items, &error));
    g_assert_true (gw_item_equal (want, g_ptr_array_index (items, 1)));
  }
}

static void
test_roles_milestones_decision (Fixture       *fx,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GwRole) role = gw_role_new ("backend-dev");
  g_autoptr(GwMilestone) m1 = gw_milestone_new ("M1", "Foundation");
  g_autoptr(GwMilestone) m2 = gw_milestone_new ("M2", "High availability");
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_decision_entry_free);

  {
    g_autoptr(GwStore) store = open_new (fx);
    g_autoptr(GwItem) a G_GNUC_UNUSED = add (store, "P0-001", "Cookies", NULL);

    role->headcount = 2;
    role->hours_per_week = 32;
    role->cost_per_hour = 95.5;
    g_assert_true (gw_store_put_role (store, role, &error));
    g_free (m1->goal);
    m1->goal = g_strdup ("Fix security");
    g_ptr_array_add (m1->lines[GW_MILESTONE_LINE_EXIT], gw_line_new ("All P0 security fixed", NAN, TRUE));
    g_ptr_array_add (m1->lines[GW_MILESTONE_LINE_DELIVERABLE], gw_line_new ("TLS", NAN, FALSE));
    m2->requires = g_strdup ("M1");
    g_ptr_array_add (m2->lines[GW_MILESTONE_LINE_ENTRY], gw_line_new ("M1 complete", NAN, FALSE));
    g_assert_true (gw_store_put_milestone (store, m1, &error));
    g_assert_true (gw_store_put_milestone (store, m2, &error));
    g_ptr_array_add (entries, gw_decision_entry_new (GW_GATE_MUST, "P0-001", "Secure cookies", FALSE));
    g_ptr_array_add (entries, gw_decision_entry_new (GW_GATE_NICE, NULL, "FedRAMP", TRUE));
    g_assert_true (gw_store_set_decision (store, entries, &error));
    g_assert_no_error (error);
  }

  {
    g_autoptr(GwStore) store = gw_store_open (fx->path, GW_STORE_OPEN_DEFAULT, &error);
    g_autoptr(GPtrArray) roles = gw_store_list_roles (store);
    g_autoptr(GPtrArray) milestones = gw_store_list_milestones (store);
    g_autoptr(GPtrArray) decision = gw_store_list_decision (store);
    GwRole *r;
    GwMilestone *m;
    GwDecisionEntry *e;

    g_assert_cmpuint (roles->len, ==, 1);
    r = g_ptr_array_index (roles, 0);
    g_assert_cmpstr (r->name, ==, "backend-dev");
    g_assert_cmpint (r->headcount, ==, 2);
    g_assert_cmpfloat (r->hours_per_week, ==, 32);
    g_assert_cmpfloat (r->cost_per_hour, ==, 95.5);

    g_assert_cmpuint (milestones->len, ==, 2);
    m = g_ptr_array_index (milestones, 0);
    g_assert_cmpstr (m->key, ==, "M1");
    g_assert_cmpstr (m->goal, ==, "Fix security");
    g_assert_cmpuint (m->lines[GW_MILESTONE_LINE_EXIT]->len, ==, 1);
    g_assert_true (((GwLine *) g_ptr_array_index (m->lines[GW_MILESTONE_LINE_EXIT], 0))->done);
    m = g_ptr_array_index (milestones, 1);
    g_assert_cmpstr (m->requires, ==, "M1");
    g_assert_cmpuint (m->lines[GW_MILESTONE_LINE_ENTRY]->len, ==, 1);

    g_assert_cmpuint (decision->len, ==, 2);
    e = g_ptr_array_index (decision, 0);
    g_assert_cmpint (e->level, ==, GW_GATE_MUST);
    g_assert_cmpstr (e->item_key, ==, "P0-001");
    e = g_ptr_array_index (decision, 1);
    g_assert_null (e->item_key);
    g_assert_true (e->done);

    /* Each of these was one undo step. */
    g_assert_true (gw_store_undo (store, NULL, &error));
    g_assert_cmpuint (gw_store_list_decision (store)->len, ==, 0);
  }
}

static void
test_validation (Fixture       *fx,
                 gconstpointer  data)
{
  g_autoptr(GwStore) store = open_new (fx);
  g_autoptr(GwItem) a G_GNUC_UNUSED = add (store, "P0-001", "A", NULL);
  g_autoptr(GwItem) dup = gw_item_new ("P0-001", "Again");
  g_autoptr(GwItem) item = gw_item_new ("P0-002", "B");
  g_autoptr(GError) error = NULL;
  static const struct { GwField field; const char *value; } bad[] = {
    { GW_FIELD_PRIORITY, "P4" },
    { GW_FIELD_PRIORITY, "urgent" },
    { GW_FIELD_STATUS, "maybe" },
    { GW_FIELD_EFFORT, "-4h" },
    { GW_FIELD_EFFORT, "lots" },
    { GW_FIELD_EFFORT_HOURS, "-1" },
    { GW_FIELD_IMPACT, "101" },
    { GW_FIELD_RISK, "extreme" },
    { GW_FIELD_NOT_BEFORE, "2027-02-30" },
    { GW_FIELD_CURRENT_PCT, "150" },
    { GW_FIELD_KEY, "" },
    { GW_FIELD_KEY, "a;b" },
  };

  g_assert_false (gw_store_add_item (store, dup, &error));
  g_assert_error (error, GW_STORE_ERROR, GW_STORE_ERROR_DUPLICATE);
  g_assert_nonnull (strstr (error->message, "P0-001"));
  g_clear_error (&error);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *before = gw_item_get_field_text (item, bad[i].field);
      g_autofree char *after = NULL;

      g_assert_false (gw_item_set_field_text (item, bad[i].field, bad[i].value, NULL, &error));
      g_assert_error (error, GW_STORE_ERROR, GW_STORE_ERROR_INVALID);
      /* The message names the field. */
      g_assert_nonnull (strstr (error->message, gw_field_name (bad[i].field)));
      g_clear_error (&error);
      after = gw_item_get_field_text (item, bad[i].field);
      g_assert_cmpstr (before, ==, after);
    }

  /* A dependency on a key that does not exist. */
  gw_item_add_dependency (item, "P9-999", 0);
  g_assert_false (gw_store_add_item (store, item, &error));
  g_assert_error (error, GW_STORE_ERROR, GW_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "P9-999"));
  g_clear_error (&error);
  g_assert_cmpuint (gw_store_count_items (store), ==, 1);
}

static void
test_cycles (Fixture       *fx,
             gconstpointer  data)
{
  g_autoptr(GwStore) store = open_new (fx);
  g_autoptr(GwItem) a G_GNUC_UNUSED = add (store, "P0-005", "Registry", NULL);
  g_autoptr(GwItem) b G_GNUC_UNUSED = add (store, "P0-006", "Scaling", "P0-005");
  g_autoptr(GwItem) c G_GNUC_UNUSED = add (store, "P0-008", "Split brain", "P0-006");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  g_assert_false (gw_store_link (store, "P0-006", "P0-006", 0, &error));
  g_assert_error (error, GW_STORE_ERROR, GW_STORE_ERROR_CYCLE);
  g_assert_nonnull (strstr (error->message, "itself"));
  g_clear_error (&error);

  g_assert_false (gw_store_link (store, "P0-006", "P0-008", 0, &error));
  g_assert_error (error, GW_STORE_ERROR, GW_STORE_ERROR_CYCLE);
  g_assert_nonnull (strstr (error->message, "P0-006 -> P0-008 -> P0-006"));
  g_clear_error (&error);

  g_assert_false (gw_store_link (store, "P0-005", "P0-008", 0, &error));
  g_assert_nonnull (strstr (error->message, "P0-005 -> P0-008 -> P0-006 -> P0-005"));
  g_clear_error (&error);

  /* Nothing of the refused edits was kept. */
  problems = gw_store_check (store);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_true (gw_store_link (store, "P0-008", "P0-005", 4, &error));
  g_assert_no_error (error);
}

/* Cycles written into the file by another program: check names one cycle
 * per tangle, each the shortest way round from the first item. */
static void
test_check_cycles (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) problems = NULL;
  sqlite3 *db = NULL;

  {
    g_autoptr(GwStore) store = open_new (fx);

    /* A chain A-000 <- A-001 <- … that the C tangle hangs from, then two
     * separate tangles. */
    for (int i = 0; i < 120; i++)
      {
        g_autofree char *key = g_strdup_printf ("A-%03d", i);
        g_autofree char *dep = i > 0 ? g_strdup_printf ("A-%03d", i - 1) : NULL;
        g_autoptr(GwItem) item G_GNUC_UNUSED = add (store, key, "Chain", dep);
      }
    g_autoptr(GwItem) b1 G_GNUC_UNUSED = add (store, "B-1", "One", NULL);
    g_autoptr(GwItem) b2 G_GNUC_UNUSED = add (store, "B-2", "Two", "B-1");
    g_autoptr(GwItem) b3 G_GNUC_UNUSED = add (store, "B-3", "Three", "B-2");
    g_autoptr(GwItem) c1 G_GNUC_UNUSED = add (store, "C-1", "Four", "A-100");
    g_autoptr(GwItem) c2 G_GNUC_UNUSED = add (store, "C-2", "Five", "C-1");

    problems = gw_store_check (store);
    g_assert_cmpuint (problems->len, ==, 0);
    g_clear_pointer (&problems, g_ptr_array_unref);
  }

  g_assert_cmpint (sqlite3_open (fx->path, &db), ==, SQLITE_OK);
  /* B-1 -> B-3 closes B-1 -> B-3 -> B-2 -> B-1; B-2 -> B-3 adds a shorter
   * loop in the same tangle. C-1 -> C-2 closes the second one. */
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO dependencies (item_id, depends_on) "
                                 "SELECT a.id, b.id FROM items a, items b WHERE "
                                 "(a.key = 'B-1' AND b.key = 'B-3') OR (a.key = 'B-2' AND b.key = 'B-3') "
                                 "OR (a.key = 'C-1' AND b.key = 'C-2')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GwStore) store = gw_store_open (fx->path, GW_STORE_OPEN_DEFAULT, &error);

    g_assert_no_error (error);
    problems = gw_store_check (store);
  }
  g_assert_cmpuint (problems->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (problems, 0), ==, "Dependency cycle: B-1 -> B-3 -> B-2 -> B-1.");
  g_assert_cmpstr (g_ptr_array_index (problems, 1), ==, "Dependency cycle: C-1 -> C-2 -> C-1.");
}

static void
test_undo_redo (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;

  {
    g_autoptr(GwStore) store = open_new (fx);
    g_autoptr(GwItem) a G_GNUC_UNUSED = add (store, "P0-001", "Cookies", NULL);
    g_autoptr(GwItem) b G_GNUC_UNUSED = add (store, "P0-002", "Transport security", "P0-001");
    g_autoptr(GwItem) edit = gw_store_get_item (store, "P0-002", &error);

    g_assert_true (gw_item_set_field_text (edit, GW_FIELD_TITLE, "TLS everywhere", NULL, &error));
    g_assert_true (gw_item_set_field_text (edit, GW_FIELD_ACCEPTANCE_CRITERIA, "- [ ] TLS 1.3", NULL, &error));
    g_assert_true (gw_store_update_item (store, edit, &error));
    g_assert_true (gw_store_delete_item (store, "P0-001", &error));
    g_assert_no_error (error);
    g_assert_cmpuint (gw_store_count_items (store), ==, 1);
  }

  /* The history survives closing the register. */
  {
    g_autoptr(GwStore) store = gw_store_open (fx->path, GW_STORE_OPEN_DEFAULT, &error);
    g_autoptr(GwItem) b = NULL;
    g_autoptr(GHashTable) hits = NULL;

    g_assert_no_error (error);
    label = gw_store_get_undo_label (store);
    g_assert_cmpstr (label, ==, "Delete “P0-001”");
    g_assert_true (gw_store_undo (store, NULL, &error));
    g_assert_no_error (error);

    /* The deleted item and the dependency on it are back. */
    b = gw_store_get_item (store, "P0-002", &error);
    g_assert_cmpuint (gw_item_get_depends_on (b)->len, ==, 1);
    g_assert_cmpstr (gw_item_get_title (b), ==, "TLS everywhere");
    g_assert_cmpuint (gw_item_get_lines (b, GW_LINE_CRITERION)->len, ==, 1);
    g_clear_object (&b);

    /* Search follows undo. */
    hits = gw_store_search (store, "cookies", &error);
    g_assert_cmpuint (g_hash_table_size (hits), ==, 1);
    g_clear_pointer (&hits, g_hash_table_unref);

    g_assert_true (gw_store_undo (store, NULL, &error));
    b = gw_store_get_item (store, "P0-002", &error);
    g_assert_cmpstr (gw_item_get_title (b), ==, "Transport security");
    g_assert_cmpuint (gw_item_get_lines (b, GW_LINE_CRITERION)->len, ==, 0);
    g_clear_object (&b);
    hits = gw_store_search (store, "TLS", &error);
    g_assert_cmpuint (g_hash_table_size (hits), ==, 0);
    g_clear_pointer (&hits, g_hash_table_unref);
    hits = gw_store_search (store, "transp", &error);
    g_assert_cmpuint (g_hash_table_size (hits), ==, 1);
    g_clear_pointer (&hits, g_hash_table_unref);

    g_assert_true (gw_store_redo (store, NULL, &error));
    g_assert_true (gw_store_can_redo (store));
  }

  {
    g_autoptr(GwStore) store = gw_store_open (fx->path, GW_STORE_OPEN_DEFAULT, &error);
    g_autoptr(GwItem) b = gw_store_get_item (store, "P0-002", &error);

    g_assert_cmpstr (gw_item_get_title (b), ==, "TLS everywhere");
    g_assert_true (gw_store_redo (store, NULL, &error));
    g_assert_cmpuint (gw_store_count_items (store), ==, 1);
    g_assert_false (gw_store_redo (store, NULL, &error));
    g_assert_error (error, GW_STORE_ERROR, GW_STORE_ERROR_NOTHING);
    g_clear_error (&error);

    /* Undo everything back to the empty register. */
    while (gw_store_can_undo (store))
      g_assert_true (gw_store_undo (store, NULL, NULL));
    g_assert_cmpuint (gw_store_count_items (store), ==, 0);

    /* A new edit ends the redo branch. */
    g_clear_object (&b);
    b = add (store, "X-1", "Fresh", NULL);
    g_assert_false (gw_store_can_redo (store));
  }
}

static void
test_grouped_edit_is_one_step (Fixture       *fx,
                               gconstpointer  data)
{
  g_autoptr(GwStore) store = open_new (fx);
  g_autoptr(GError) error = NULL;
  g_autoptr(GwItem) dup = NULL;

  g_assert_true (gw_store_begin (store, "Import", &error));
  for (int i = 0; i < 10; i++)
    {
      g_autofree char *key = g_strdup_printf ("K-%d", i);
      g_autoptr(GwItem) item G_GNUC_UNUSED = add (store, key, "x", NULL);
    }
  g_assert_true (gw_store_commit (store, &error));
  g_assert_cmpuint (gw_store_count_items (store), ==, 10);
  g_assert_true (gw_store_undo (store, NULL, &error));
  g_assert_cmpuint (gw_store_count_items (store), ==, 0);

  /* A failure inside a group leaves nothing behind. */
  g_assert_true (gw_store_begin (store, "Import", &error));
  {
    g_autoptr(GwItem) item G_GNUC_UNUSED = add (store, "K-1", "x", NULL);
  }
  dup = gw_item_new ("K-1", "again");
  g_assert_false (gw_store_add_item (store, dup, &error));
  g_clear_error (&error);
  g_assert_false (gw_store_commit (store, &error));
  g_clear_error (&error);
  g_assert_cmpuint (gw_store_count_items (store), ==, 0);
}

static void
test_changed_signal_and_list (Fixture       *fx,
                              gconstpointer  data)
{
  g_autoptr(GwStore) store = open_new (fx);
  g_autoptr(GError) error = NULL;
  g_autoptr(GwItemList) list = gw_item_list_new (store, &error);
  g_autoptr(GwItem) a G_GNUC_UNUSED = add (store, "A-1", "First", NULL);
  g_autoptr(GwItem) b G_GNUC_UNUSED = add (store, "A-2", "Second", NULL);
  g_autoptr(GwItem) edit = NULL;
  GwItem *in_list;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  in_list = gw_item_list_lookup (list, "A-1");
  g_assert_nonnull (in_list);

  edit = gw_item_copy (in_list);
  gw_item_set_title (edit, "Renamed");
  g_assert_true (gw_store_update_item (store, edit, &error));
  /* Same object, new title. */
  g_assert_true (gw_item_list_lookup (list, "A-1") == in_list);
  g_assert_cmpstr (gw_item_get_title (in_list), ==, "Renamed");

  g_assert_true (gw_store_delete_item (store, "A-1", &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_assert_true (gw_store_undo (store, NULL, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  g_assert_cmpstr (gw_item_get_key (g_list_model_get_item (G_LIST_MODEL (list), 0)), ==, "A-1");
  g_object_unref (g_list_model_get_item (G_LIST_MODEL (list), 0));
}

static void
test_two_writers (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(GwStore) one = open_new (fx);
  g_autoptr(GError) error = NULL;
  g_autoptr(GwStore) two = gw_store_open (fx->path, GW_STORE_OPEN_DEFAULT, &error);
  g_autoptr(GwItemList) list = gw_item_list_new (one, &error);
  g_autoptr(GwItem) a G_GNUC_UNUSED = add (two, "B-1", "From the other window", NULL);

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  /* The first writer notices the other's commit. */
  g_assert_true (gw_store_poll (one));
  g_assert_false (gw_store_poll (one));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);

  /* Undo in the first undoes the second's edit: the history is the file's. */
  g_assert_true (gw_store_undo (one, NULL, &error));
  g_assert_true (gw_store_poll (two));
  g_assert_cmpuint (gw_store_count_items (two), ==, 0);
}

/* Opens the read-only register and tries to write; run where the file
 * really cannot be written (as a user, or as root dropped to nobody). */
static void
open_read_only_register (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GwStore) store = gw_store_open (path, GW_STORE_OPEN_DEFAULT, &error);
  g_autoptr(GwItem) b = gw_item_new ("R-2", "No");

  g_assert_no_error (error);
  g_assert_true (gw_store_is_read_only (store));
  g_assert_cmpuint (gw_store_count_items (store), ==, 1);
  g_assert_false (gw_store_add_item (store, b, &error));
  g_assert_error (error, GW_STORE_ERROR, GW_STORE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "read-only"));
}

static void
test_read_only (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;

  {
    g_autoptr(GwStore) store = open_new (fx);
    g_autoptr(GwItem) a G_GNUC_UNUSED = add (store, "R-1", "Read me", NULL);
  }
  g_chmod (fx->path, 0444);
  g_chmod (fx->dir, 0755);
  before = read_file (fx->path);

  if (geteuid () != 0)
    open_read_only_register (fx->path);
  else
    {
      /* Root may write any file: try as nobody in a child. */
      g_setenv ("GAPWISE_READ_ONLY_PATH", fx->path, TRUE);
      g_test_trap_subprocess ("/store/read-only-file/as-nobody", 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
    }
  after = read_file (fx->path);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_read_only_as_nobody (void)
{
  const char *path = g_getenv ("GAPWISE_READ_ONLY_PATH");

  if (!g_test_subprocess ())
    return;   /* only ever run as the child of test_read_only */
  g_assert_nonnull (path);
  g_assert_cmpint (setgid (65534), ==, 0);
  g_assert_cmpint (setuid (65534), ==, 0);
  open_read_only_register (path);
}

static void
test_read_only_flag (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(GwStore) store = open_new (fx);
    g_autoptr(GwItem) a G_GNUC_UNUSED = add (store, "R-1", "Read me", NULL);
  }
  {
    g_autoptr(GwStore) store = gw_store_open (fx->path, GW_STORE_OPEN_READ_ONLY, &error);

    g_assert_true (gw_store_is_read_only (store));
    g_assert_false (gw_store_delete_item (store, "R-1", &error));
    g_assert_error (error, GW_STORE_ERROR, GW_STORE_ERROR_READ_ONLY);
    g_assert_nonnull (strstr (error->message, "test.gapwise"));
  }
}

typedef struct
{
  const char *name;
  int         code;
  const char *words;   /* the message must contain these */
} BadFile;

static void
check_bad_file (Fixture       *fx,
                const BadFile *bad)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = read_file (fx->path);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GwStore) store = gw_store_open (fx->path, GW_STORE_OPEN_CREATE, &error);
  g_autofree char *wal = g_strconcat (fx->path, "-wal", NULL);

  g_assert_null (store);
  g_assert_error (error, GW_STORE_ERROR, bad->code);
  g_assert_nonnull (strstr (error->message, "test.gapwise"));
  g_assert_nonnull (strstr (error->message, bad->words));
  /* One sentence. */
  g_assert_null (strchr (error->message, '\n'));
  after = read_file (fx->path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static void
test_not_a_register (Fixture       *fx,
                     gconstpointer  data)
{
  BadFile bad = { "text", GW_STORE_ERROR_NOT_REGISTER, "not a Gapwise register" };

  g_file_set_contents (fx->path, "# Gap register\n\n- just Markdown\n", -1, NULL);
  check_bad_file (fx, &bad);
}

static void
test_other_database (Fixture       *fx,
                     gconstpointer  data)
{
  BadFile bad = { "other", GW_STORE_ERROR_NOT_REGISTER, "another program" };
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (fx->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE t (x); INSERT INTO t VALUES (1);", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  check_bad_file (fx, &bad);
}

static void
test_truncated (Fixture       *fx,
                gconstpointer  data)
{
  BadFile bad = { "truncated", GW_STORE_ERROR_CORRUPT, "truncated" };
  g_autoptr(GBytes) whole = NULL;
  gsize len;

  {
    g_autoptr(GwStore) store = open_new (fx);

    for (int i = 0; i < 200; i++)
      {
        g_autofree char *key = g_strdup_printf ("T-%03d", i);
        g_autoptr(GwItem) item G_GNUC_UNUSED = add (store, key, "A title long enough to fill some pages of the file", NULL);
      }
  }
  whole = read_file (fx->path);
  len = g_bytes_get_size (whole);
  g_file_set_contents (fx->path, g_bytes_get_data (whole, NULL), len / 2, NULL);
  check_bad_file (fx, &bad);
}

static void
test_newer_version (Fixture       *fx,
                    gconstpointer  data)
{
  BadFile bad = { "newer", GW_STORE_ERROR_NEWER, "newer version" };
  sqlite3 *db = NULL;
  g_autofree char *sql = NULL;

  {
    g_autoptr(GwStore) store G_GNUC_UNUSED = open_new (fx);
  }
  g_assert_cmpint (sqlite3_open (fx->path, &db), ==, SQLITE_OK);
  sql = g_strdup_printf ("PRAGMA user_version = %d", GW_STORE_SCHEMA_VERSION + 1);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  check_bad_file (fx, &bad);
}

static void
test_missing_file (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GwStore) store = gw_store_open (fx->path, GW_STORE_OPEN_DEFAULT, &error);

  g_assert_null (store);
  g_assert_error (error, GW_STORE_ERROR, GW_STORE_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (fx->path, G_FILE_TEST_EXISTS));
}

/* Every register format from version 1 on is kept in tests/data and must
 * open, upgrade and keep what it held. */
static void
test_migrations (Fixture       *fx,
                 gconstpointer  data)
{
  const char *dir = g_getenv ("GAPWISE_TEST_DATA");

  g_assert_nonnull (dir);
  for (int v = 1; v <= GW_STORE_SCHEMA_VERSION; v++)
    {
      g_autofree char *name = g_strdup_printf ("register-v%d.gapwise", v);
      g_autofree char *fixture = g_build_filename (dir, name, NULL);
      g_autoptr(GBytes) bytes = read_file (fixture);
      g_autoptr(GError) error = NULL;
      g_autoptr(GwStore) store = NULL;
      g_autoptr(GwItem) item = NULL;
      g_autoptr(GPtrArray) roles = NULL;
      g_autoptr(GPtrArray) problems = NULL;

      g_file_set_contents (fx->path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
      g_assert_no_error (error);
      store = gw_store_open (fx->path, GW_STORE_OPEN_DEFAULT, &error);
      g_assert_no_error (error);
      g_assert_cmpint (gw_store_get_opened_version (store), ==, v);

      /* What make-fixtures.sh put in every fixture. */
      g_assert_cmpuint (gw_store_count_items (store), ==, 3);
      item = gw_store_get_item (store, "P0-002", &error);
      g_assert_no_error (error);
      g_assert_cmpstr (gw_item_get_title (item), ==, "TLS, everywhere");
      g_assert_cmpfloat (gw_item_get_effort_hours (item), ==, 24);
      g_assert_cmpint (gw_item_get_effort_size (item), ==, GW_SIZE_L);
      g_assert_cmpint (gw_item_get_impact (item), ==, 80);
      g_assert_cmpint (gw_item_get_priority (item), ==, GW_PRIORITY_P0);
      g_assert_cmpuint (gw_item_get_depends_on (item)->len, ==, 1);
      g_assert_cmpuint (gw_item_get_lines (item, GW_LINE_CRITERION)->len, ==, 2);
      roles = gw_store_list_roles (store);
      g_assert_cmpuint (roles->len, ==, 1);
      g_assert_cmpint (((GwRole *) g_ptr_array_index (roles, 0))->headcount, ==, 2);
      problems = gw_store_check (store);
      g_assert_cmpuint (problems->len, ==, 0);

      /* The history written by the old version still undoes. */
      g_assert_true (gw_store_undo (store, NULL, &error));
      g_assert_no_error (error);
      g_clear_object (&store);

      store = gw_store_open (fx->path, GW_STORE_OPEN_DEFAULT, &error);
      g_assert_cmpint (gw_store_get_opened_version (store), ==, GW_STORE_SCHEMA_VERSION);
    }
}

static void
test_save_as (Fixture       *fx,
              gconstpointer  data)
{
  g_autoptr(GwStore) store = open_new (fx);
  g_autoptr(GwItem) a G_GNUC_UNUSED = add (store, "S-1", "Saved", NULL);
  g_autofree char *copy_path = g_build_filename (fx->dir, "copy.gapwise", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GwStore) copy = NULL;

  g_assert_true (gw_store_save_as (store, copy_path, &error));
  g_assert_no_error (error);
  copy = gw_store_open (copy_path, GW_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gw_store_count_items (copy), ==, 1);
  g_assert_true (gw_store_can_undo (copy));
}

static void
test_settings (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GwStore) store = open_new (fx);
  g_autoptr(GError) error = NULL;
  static const char *bad[][2] = {
    { "hours_per_day", "0" }, { "hours_per_day", "x" }, { "start_date", "2027-13-01" },
    { "working_days", "1,8" }, { "size_ranges", "Q=1-2" }, { "colour", "red" },
    { "should_threshold", "120" }, { "risk_grid", "4" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (gw_store_set_setting (store, bad[i][0], bad[i][1], &error));
      g_assert_error (error, GW_STORE_ERROR, GW_STORE_ERROR_INVALID);
      g_clear_error (&error);
    }
  g_assert_true (gw_store_set_setting (store, "risk_grid", "3", &error));
  g_assert_true (gw_store_undo (store, NULL, &error));
  g_assert_true (gw_store_set_setting (store, "hours_per_day", "6", &error));
  g_assert_cmpfloat (gw_store_get_parse_context (store)->hours_per_day, ==, 6);
  g_assert_true (gw_store_set_setting (store, "name", "Launch", &error));
  g_assert_cmpstr (gw_store_get_name (store), ==, "Launch");
  g_assert_true (gw_store_undo (store, NULL, &error));
  g_assert_cmpstr (gw_store_get_name (store), ==, "");
  g_assert_true (gw_store_undo (store, NULL, &error));
  g_assert_cmpfloat (gw_store_get_parse_context (store)->hours_per_day, ==, 8);
}

static void
test_next_key (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GwStore) store = open_new (fx);
  g_autoptr(GwItem) a G_GNUC_UNUSED = add (store, "P1-007", "x", NULL);
  g_autoptr(GwItem) b G_GNUC_UNUSED = add (store, "P1-028", "y", NULL);
  g_autofree char *next = gw_store_next_key (store, "P1-007");
  g_autofree char *fresh = gw_store_next_key (store, "Gap-");

  g_assert_cmpstr (next, ==, "P1-029");
  g_assert_cmpstr (fresh, ==, "Gap-001");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add ("/store/" path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("new-register-defaults", test_new_register_defaults);
  ADD ("round-trip-every-field", test_round_trip_every_field);
  ADD ("roles-milestones-decision", test_roles_milestones_decision);
  ADD ("validation", test_validation);
  ADD ("cycles", test_cycles);
  ADD ("check-cycles", test_check_cycles);
  ADD ("undo-redo-across-reopen", test_undo_redo);
  ADD ("grouped-edit-is-one-step", test_grouped_edit_is_one_step);
  ADD ("changed-signal-and-list", test_changed_signal_and_list);
  ADD ("two-writers", test_two_writers);
  ADD ("read-only-file", test_read_only);
  ADD ("read-only-flag", test_read_only_flag);
  g_test_add_func ("/store/read-only-file/as-nobody", test_read_only_as_nobody);
  ADD ("bad-file/not-a-register", test_not_a_register);
  ADD ("bad-file/other-database", test_other_database);
  ADD ("bad-file/truncated", test_truncated);
  ADD ("bad-file/newer-version", test_newer_version);
  ADD ("bad-file/missing", test_missing_file);
  ADD ("migrations", test_migrations);
  ADD ("save-as", test_save_as);
  ADD ("settings", test_settings);
  ADD ("next-key", test_next_key);
#undef ADD

  return g_test_run ();
}
