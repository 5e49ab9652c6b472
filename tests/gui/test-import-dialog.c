/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Importing from the window: the preview shows what the import would do
 * and changes nothing; confirming imports in one undoable step; a file that
 * is not a register shows an error and changes nothing. */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "gw-gui-test.h"
#include "gw-import-dialog.h"
#include "gw-window-private.h"

typedef struct
{
  char     *dir;
  char     *path;
  char     *csv;
  GwWindow *window;
} Fixture;

static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static gboolean
dialog_shown (gpointer data)
{
  return find_dialog () != NULL;
}

static gboolean
has_items (gpointer data)
{
  Fixture *fx = data;

  return g_list_model_get_n_items (G_LIST_MODEL (gw_context_get_items (gw_window_get_context (fx->window)))) > 0;
}

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  static const char csv[] =
    "key,title,priority,effort,owner,depends_on\r\n"
    "T-1,Rotate keys,P0,4h,security,\r\n"
    "T-2,Add TLS,P0,16h,security,T-1\r\n"
    "T-3,Write runbook,P2,1 day,ops,T-9\r\n";

  fx->dir = g_dir_make_tmp ("gapwise-import-XXXXXX", &error);
  fx->path = g_build_filename (fx->dir, "plan.gapwise", NULL);
  fx->csv = g_build_filename (fx->dir, "tasks.csv", NULL);
  g_file_set_contents (fx->csv, csv, -1, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GwStore) store G_GNUC_UNUSED = gw_store_open (fx->path, GW_STORE_OPEN_CREATE, &error);

    g_assert_no_error (error);
  }
  fx->window = g_object_ref_sink (gw_window_new (NULL));
  g_assert_true (gw_window_load (fx->window, fx->path, GW_STORE_OPEN_DEFAULT, &error));
  gtk_window_present (GTK_WINDOW (fx->window));
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  AdwMessageDialog *dialog;

  while ((dialog = find_dialog ()) != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (fx->window));
  g_clear_object (&fx->window);
  {
    g_autoptr(GDir) d = g_dir_open (fx->dir, 0, NULL);
    const char *name;

    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *file = g_build_filename (fx->dir, name, NULL);

        g_unlink (file);
      }
  }
  g_rmdir (fx->dir);
  g_free (fx->csv);
  g_free (fx->path);
  g_free (fx->dir);
}

static void
test_preview_then_import (Fixture       *fx,
                          gconstpointer  data)
{
  const char *paths[] = { fx->csv, NULL };
  GwStore *store = gw_context_get_store (gw_window_get_context (fx->window));
  AdwMessageDialog *dialog;
  GtkWidget *extra;

  gw_import_preview_files (fx->window, paths);
  g_assert_true (gw_test_wait_until (dialog_shown, NULL, 10000));
  dialog = find_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Import “tasks.csv”?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "3 new, 0 changed"));
  /* The dependency on T-9 is reported, and the preview changed nothing. */
  extra = adw_message_dialog_get_extra_child (dialog);
  g_assert_nonnull (extra);
  g_assert_cmpuint (gw_store_count_items (store), ==, 0);

  adw_message_dialog_response (dialog, "import");
  g_assert_true (gw_test_wait_until (has_items, fx, 10000));
  g_assert_cmpuint (gw_store_count_items (store), ==, 3);
  g_assert_nonnull (_gw_window_get_last_toast (fx->window));

  /* One step: a single undo takes the whole import back. */
  gtk_widget_activate_action (GTK_WIDGET (fx->window), "win.undo", NULL);
  g_assert_cmpuint (gw_store_count_items (store), ==, 0);
}

static void
test_cancel_changes_nothing (Fixture       *fx,
                             gconstpointer  data)
{
  const char *paths[] = { fx->csv, NULL };
  GwStore *store = gw_context_get_store (gw_window_get_context (fx->window));

  gw_import_preview_files (fx->window, paths);
  g_assert_true (gw_test_wait_until (dialog_shown, NULL, 10000));
  adw_message_dialog_response (find_dialog (), "cancel");
  gw_test_wait_ms (500);
  g_assert_cmpuint (gw_store_count_items (store), ==, 0);
  g_assert_false (gw_store_can_undo (store));
}

static void
test_bad_file (Fixture       *fx,
               gconstpointer  data)
{
  g_autofree char *notes = g_build_filename (fx->dir, "notes.md", NULL);
  const char *paths[] = { notes, NULL };
  AdwMessageDialog *dialog;

  g_file_set_contents (notes, "# Meeting notes\n\nNothing to see here.\n", -1, NULL);
  gw_import_preview_files (fx->window, paths);
  g_assert_true (gw_test_wait_until (dialog_shown, NULL, 10000));
  dialog = find_dialog ();
  g_assert_true (dialog == _gw_window_get_error_dialog (fx->window));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "notes.md"));
  g_assert_cmpuint (gw_store_count_items (gw_context_get_store (gw_window_get_context (fx->window))), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;

  g_test_init (&argc, &argv, NULL);
  data_home = g_dir_make_tmp ("gapwise-data-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }
  adw_init ();

  g_test_add ("/import-dialog/preview-then-import", Fixture, NULL, fixture_setup, test_preview_then_import, fixture_teardown);
  g_test_add ("/import-dialog/cancel-changes-nothing", Fixture, NULL, fixture_setup, test_cancel_changes_nothing, fixture_teardown);
  g_test_add ("/import-dialog/bad-file", Fixture, NULL, fixture_setup, test_bad_file, fixture_teardown);
  return g_test_run ();
}
