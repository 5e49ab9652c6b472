/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The sample register Gapwise opens on first start: realistic, and using
 * every field of the register model. */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "gw-sample.h"
#include "gw-store.h"

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

  fx->dir = g_dir_make_tmp ("gapwise-sample-XXXXXX", NULL);
  fx->path = g_build_filename (fx->dir, "nested", "default.gapwise", NULL);
  g_assert_true (gw_sample_create (fx->path, &error));
  g_assert_no_error (error);
  fx->store = gw_store_open (fx->path, GW_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  g_autofree char *nested = g_build_filename (fx->dir, "nested", NULL);

  g_clear_object (&fx->store);
  g_unlink (fx->path);
  g_rmdir (nested);
  g_rmdir (fx->dir);
  g_free (fx->path);
  g_free (fx->dir);
}

/* The longest chain of dependencies, in items. */
static guint
chain_depth (GHashTable *by_key,
             GwItem     *item,
             GHashTable *memo)
{
  guint *known = g_hash_table_lookup (memo, gw_item_get_key (item));
  GPtrArray *deps = gw_item_get_depends_on (item);
  guint best = 0;

  if (known != NULL)
    return *known;
  for (guint i = 0; i < deps->len; i++)
    {
      GwDependency *dep = g_ptr_array_index (deps, i);
      GwItem *prerequisite = g_hash_table_lookup (by_key, dep->key);

      g_assert_nonnull (prerequisite);
      best = MAX (best, chain_depth (by_key, prerequisite, memo));
    }
  best++;
  g_hash_table_insert (memo, (gpointer) gw_item_get_key (item), g_memdup2 (&best, sizeof best));
  return best;
}

static void
test_contents (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = gw_store_list_items (fx->store, &error);
  g_autoptr(GPtrArray) roles = gw_store_list_roles (fx->store);
  g_autoptr(GPtrArray) milestones = gw_store_list_milestones (fx->store);
  g_autoptr(GPtrArray) decision = gw_store_list_decision (fx->store);
  g_autoptr(GPtrArray) problems = gw_store_check (fx->store);
  g_autoptr(GHashTable) by_key = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) memo = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  gboolean used[GW_N_FIELDS] = { FALSE };
  guint statuses[GW_N_STATUSES] = { 0 };
  guint depth = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (items->len, >=, 24);
  g_assert_cmpuint (items->len, <=, 30);
  g_assert_cmpuint (roles->len, >=, 5);
  g_assert_cmpuint (milestones->len, ==, 4);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("problem: %s", (char *) g_ptr_array_index (problems, i));
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpstr (gw_store_get_name (fx->store), !=, "");

  /* Every milestone has gate criteria; later ones require the one before. */
  for (guint i = 0; i < milestones->len; i++)
    {
      GwMilestone *m = g_ptr_array_index (milestones, i);

      g_assert_cmpuint (m->lines[GW_MILESTONE_LINE_EXIT]->len, >, 0);
      g_assert_cmpuint (m->lines[GW_MILESTONE_LINE_DELIVERABLE]->len, >, 0);
      g_assert_cmpstr (m->goal, !=, "");
      if (i > 0)
        g_assert_cmpstr (m->requires, ==, ((GwMilestone *) g_ptr_array_index (milestones, i - 1))->key);
    }
  g_assert_cmpuint (decision->len, >=, 10);

  g_assert_true (gw_store_load_all_lines (fx->store, items, &error));
  for (guint i = 0; i < items->len; i++)
    g_hash_table_insert (by_key, (gpointer) gw_item_get_key (g_ptr_array_index (items, i)),
                         g_ptr_array_index (items, i));
  for (guint i = 0; i < items->len; i++)
    {
      GwItem *item = g_ptr_array_index (items, i);

      statuses[gw_item_get_status (item)]++;
      depth = MAX (depth, chain_depth (by_key, item, memo));
      for (GwField f = 0; f < GW_N_FIELDS; f++)
        {
          g_autofree char *text = gw_item_get_field_text (item, f);

          if (*text != '\0')
            used[f] = TRUE;
        }
    }

  /* Every field of the model appears somewhere in the sample. */
  for (GwField f = 0; f < GW_N_FIELDS; f++)
    {
      g_test_message ("field %s: %s", gw_field_name (f), used[f] ? "used" : "NOT USED");
      g_assert_true (used[f]);
    }
  /* Mixed statuses and dependency chains at least four deep. */
  for (guint s = 0; s < GW_N_STATUSES; s++)
    g_assert_cmpuint (statuses[s], >, 0);
  g_test_message ("longest dependency chain: %u items", depth);
  g_assert_cmpuint (depth, >=, 4);

  /* Nothing to undo: creating the sample is not an edit. */
  g_assert_false (gw_store_can_undo (fx->store));
}

static void
test_refuses_existing (Fixture       *fx,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (gw_sample_create (fx->path, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_EXIST);
  /* The register that was there is untouched. */
  g_assert_cmpuint (gw_store_count_items (fx->store), >=, 24);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/sample/contents", Fixture, NULL, fixture_setup, test_contents, fixture_teardown);
  g_test_add ("/sample/refuses-existing", Fixture, NULL, fixture_setup, test_refuses_existing, fixture_teardown);

  return g_test_run ();
}
