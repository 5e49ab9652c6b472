/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The context the views share, without a display: the open register, the
 * selected item, and following other programs' changes. */

#include "config.h"

#include <glib/gstdio.h>

#include "gw-context.h"

typedef struct
{
  char      *dir;
  char      *path;
  GwStore   *store;
  GwContext *context;
} Fixture;

static void
add (GwStore    *store,
     const char *key)
{
  g_autoptr(GwItem) item = gw_item_new (key, key);
  g_autoptr(GError) error = NULL;

  gw_store_add_item (store, item, &error);
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GwItemList) items = NULL;

  fx->dir = g_dir_make_tmp ("gapwise-context-XXXXXX", &error);
  g_assert_no_error (error);
  fx->path = g_build_filename (fx->dir, "plan.gapwise", NULL);
  fx->store = gw_store_open (fx->path, GW_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  add (fx->store, "A-1");
  add (fx->store, "A-2");
  items = gw_item_list_new (fx->store, &error);
  g_assert_no_error (error);
  fx->context = gw_context_new ();
  gw_context_set_store (fx->context, fx->store, items);
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  static const char *files[] = { "plan.gapwise", "plan.gapwise-wal", "plan.gapwise-shm" };

  g_clear_object (&fx->context);
  g_clear_object (&fx->store);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (fx->dir, files[i], NULL);

      g_unlink (path);
    }
  g_rmdir (fx->dir);
  g_free (fx->path);
  g_free (fx->dir);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    data)
{
  (*(guint *) data)++;
}

static void
test_select (Fixture       *fx,
             gconstpointer  data)
{
  guint notified = 0;
  GwItem *selected;

  g_assert_false (gw_context_get_read_only (fx->context));
  g_assert_null (gw_context_get_selected_item (fx->context));
  g_signal_connect (fx->context, "notify::selected-item", G_CALLBACK (count_notify), &notified);

  g_assert_true (gw_context_select_key (fx->context, "A-2"));
  selected = gw_context_get_selected_item (fx->context);
  g_assert_nonnull (selected);
  g_assert_cmpstr (gw_item_get_key (selected), ==, "A-2");
  /* The selected item is the list's own object, which views show. */
  g_assert_true (selected == gw_item_list_lookup (gw_context_get_items (fx->context), "A-2"));
  g_assert_cmpuint (notified, ==, 1);

  /* Selecting it again says nothing; a missing key changes nothing. */
  g_assert_true (gw_context_select_key (fx->context, "A-2"));
  g_assert_false (gw_context_select_key (fx->context, "B-9"));
  g_assert_cmpuint (notified, ==, 1);
  g_assert_true (gw_context_get_selected_item (fx->context) == selected);
}

static void
test_deleted_item_unselected (Fixture       *fx,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (gw_context_select_key (fx->context, "A-1"));

  /* Another item going leaves the selection alone. */
  gw_store_delete_item (fx->store, "A-2", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gw_item_get_key (gw_context_get_selected_item (fx->context)), ==, "A-1");

  /* An edit of the selected item keeps it selected: same object. */
  {
    g_autoptr(GwItem) item = gw_store_get_item (fx->store, "A-1", &error);

    gw_item_set_title (item, "Renamed");
    gw_store_update_item (fx->store, item, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (gw_item_get_title (gw_context_get_selected_item (fx->context)), ==, "Renamed");
  }

  gw_store_delete_item (fx->store, "A-1", &error);
  g_assert_no_error (error);
  g_assert_null (gw_context_get_selected_item (fx->context));
}

static void
test_poll (Fixture       *fx,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GwItemList *items = gw_context_get_items (fx->context);

  g_assert_false (gw_context_poll (fx->context));

  /* gapwise-cli or another window writes the register. */
  {
    g_autoptr(GwStore) other = gw_store_open (fx->path, GW_STORE_OPEN_DEFAULT, &error);

    g_assert_no_error (error);
    add (other, "A-3");
  }
  g_assert_null (gw_item_list_lookup (items, "A-3"));
  g_assert_true (gw_context_poll (fx->context));
  g_assert_nonnull (gw_item_list_lookup (items, "A-3"));
  g_assert_false (gw_context_poll (fx->context));
}

static void
test_switch_register (Fixture       *fx,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fx->dir, "other.gapwise", NULL);
  g_autoptr(GwStore) other = NULL;
  g_autoptr(GwItemList) items = NULL;
  guint store_notified = 0;

  g_assert_true (gw_context_select_key (fx->context, "A-1"));
  g_signal_connect (fx->context, "notify::store", G_CALLBACK (count_notify), &store_notified);

  other = gw_store_open (path, GW_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  items = gw_item_list_new (other, &error);
  g_assert_no_error (error);
  gw_context_set_store (fx->context, other, items);

  g_assert_cmpuint (store_notified, ==, 1);
  g_assert_true (gw_context_get_store (fx->context) == other);
  g_assert_true (gw_context_get_items (fx->context) == items);
  /* The selection belonged to the other register. */
  g_assert_null (gw_context_get_selected_item (fx->context));

  gw_context_set_store (fx->context, NULL, NULL);
  g_assert_true (gw_context_get_read_only (fx->context));
  g_assert_false (gw_context_poll (fx->context));
  g_clear_object (&items);
  g_clear_object (&other);
  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/context/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("select", test_select);
  ADD ("deleted-item-unselected", test_deleted_item_unselected);
  ADD ("poll", test_poll);
  ADD ("switch-register", test_switch_register);

#undef ADD

  return g_test_run ();
}
