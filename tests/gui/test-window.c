/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The real window on a temporary register, driven through its actions and
 * widgets as a user would, checked against what the register holds. */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "gw-gui-test.h"
#include "gw-item-editor.h"
#include "gw-line-list.h"
#include "gw-register-columns.h"
#include "gw-register-page.h"
#include "gw-window-private.h"

typedef struct
{
  char     *dir;
  char     *path;
  GwWindow *window;
} Fixture;

/* Helpers */

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_label (GtkWidget  *root,
            const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (root)), text) == 0)
    return root;
  if (ADW_IS_STATUS_PAGE (root) && g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (root)), text) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
field (Fixture    *fx,
       const char *name)
{
  g_autofree char *full = g_strconcat ("field-", name, NULL);
  GtkWidget *widget = find_named (GTK_WIDGET (fx->window), full);

  g_assert_nonnull (widget);
  return widget;
}

/* Types @text into an entry row or entry and presses Enter, which makes
 * the GtkText inside emit "activate". */
static void
type_and_enter (GtkWidget  *entry,
                const char *text)
{
  GtkEditable *delegate = gtk_editable_get_delegate (GTK_EDITABLE (entry));

  g_assert_true (GTK_IS_TEXT (delegate));
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_emit_by_name (delegate, "activate");
  gw_test_spin ();
}

static GwContext *
context_of (Fixture *fx)
{
  return gw_window_get_context (fx->window);
}

static GwStore *
store_of (Fixture *fx)
{
  return gw_context_get_store (context_of (fx));
}

static GwItem *
stored (Fixture    *fx,
        const char *key)
{
  return gw_store_get_item (store_of (fx), key, NULL);
}

static GwRegisterPage *
register_page_of (Fixture *fx)
{
  GtkWidget *page = gw_test_find_type (GTK_WIDGET (fx->window), GW_TYPE_REGISTER_PAGE);

  g_assert_nonnull (page);
  return GW_REGISTER_PAGE (page);
}

static GwItemEditor *
editor_of (Fixture *fx)
{
  return gw_register_page_get_editor (register_page_of (fx));
}

static void
select_key (Fixture    *fx,
            const char *key)
{
  g_assert_true (gw_context_select_key (context_of (fx), key));
  gw_test_spin ();
  g_assert_nonnull (gw_item_editor_get_item (editor_of (fx)));
  g_assert_cmpstr (gw_item_get_key (gw_item_editor_get_item (editor_of (fx))), ==, key);
}

static void
activate (Fixture    *fx,
          const char *action)
{
  gtk_widget_activate_action (GTK_WIDGET (fx->window), action, NULL);
  gw_test_spin ();
}

static void
add_item (GwStore    *store,
          const char *key,
          const char *title,
          const char *const *fields)
{
  g_autoptr(GwItem) item = gw_item_new (key, title);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; fields && fields[i]; i += 2)
    {
      GwField f;

      g_assert_true (gw_field_from_name (fields[i], &f));
      gw_item_set_field_text (item, f, fields[i + 1], NULL, &error);
      g_assert_no_error (error);
    }
  gw_store_add_item (store, item, &error);
  g_assert_no_error (error);
}

static void
make_register (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GwStore) store = gw_store_open (path, GW_STORE_OPEN_CREATE, &error);
  g_autoptr(GwRole) backend = gw_role_new ("backend");
  g_autoptr(GwRole) security = gw_role_new ("security");
  g_autoptr(GwMilestone) m1 = gw_milestone_new ("M1", "Hardening");
  const char *p0_001[] = { "description", "Nightly dumps are written as plain text", "priority", "P0",
                           "owner", "backend", "effort", "4h", NULL };
  const char *p0_010[] = { "priority", "P0", "risk", "high", NULL };
  const char *p0_002[] = { "priority", "P0", "status", "blocked", NULL };
  const char *p1_001[] = { "priority", "P1", "depends_on", "P0-001", NULL };

  g_assert_no_error (error);
  gw_store_put_role (store, backend, &error);
  g_assert_no_error (error);
  gw_store_put_role (store, security, &error);
  g_assert_no_error (error);
  gw_store_put_milestone (store, m1, &error);
  g_assert_no_error (error);
  /* Register order is not key order. */
  add_item (store, "P0-001", "Backups are not encrypted", p0_001);
  add_item (store, "P0-010", "Audit log has gaps", p0_010);
  add_item (store, "P0-002", "No rate limiting on login", p0_002);
  add_item (store, "P1-001", "Document the restore procedure", p1_001);
  gw_store_clear_history (store, &error);
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fx->dir = g_dir_make_tmp ("gapwise-window-XXXXXX", &error);
  g_assert_no_error (error);
  fx->path = g_build_filename (fx->dir, "plan.gapwise", NULL);
  make_register (fx->path);

  fx->window = g_object_ref_sink (gw_window_new (NULL));
  gtk_window_set_default_size (GTK_WINDOW (fx->window), 1400, 900);
  g_assert_true (gw_window_load (fx->window, fx->path, GW_STORE_OPEN_DEFAULT, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (fx->window));
  gw_test_spin ();
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
  if (gtk_widget_get_realized (GTK_WIDGET (fx->window)))
    gtk_window_destroy (GTK_WINDOW (fx->window));
  gw_test_spin ();
  g_clear_object (&fx->window);
  remove_tree (fx->dir);
  g_free (fx->path);
  g_free (fx->dir);
}

/* Tests: editing */

static void
test_edit_text_and_undo (Fixture       *fx,
                         gconstpointer  data)
{
  g_autoptr(GwItem) after = NULL;
  g_autoptr(GwItem) undone = NULL;
  g_autoptr(GwItem) redone = NULL;
  GtkWidget *title;

  select_key (fx, "P0-001");
  title = field (fx, "title");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title)), ==, "Backups are not encrypted");

  type_and_enter (title, "Encrypt nightly backups");
  after = stored (fx, "P0-001");
  g_assert_cmpstr (gw_item_get_title (after), ==, "Encrypt nightly backups");

  /* The list's item follows, so the title column does too. */
  g_assert_cmpstr (gw_item_get_title (gw_item_list_lookup (gw_context_get_items (context_of (fx)), "P0-001")),
                   ==, "Encrypt nightly backups");

  /* The undo button names what it would undo. */
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (fx->window->undo_button)), ==, "Undo Edit “P0-001”");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (fx->window->redo_button)), ==, "Nothing to Redo");

  activate (fx, "win.undo");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (fx->window->redo_button)), ==, "Redo Edit “P0-001”");
  undone = stored (fx, "P0-001");
  g_assert_cmpstr (gw_item_get_title (undone), ==, "Backups are not encrypted");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title)), ==, "Backups are not encrypted");

  activate (fx, "win.redo");
  redone = stored (fx, "P0-001");
  g_assert_cmpstr (gw_item_get_title (redone), ==, "Encrypt nightly backups");
}

static void
test_undo_while_typing (Fixture       *fx,
                        gconstpointer  data)
{
  GtkWidget *title;
  g_autoptr(GwItem) item = NULL;
  g_autofree char *label = NULL;

  select_key (fx, "P0-001");
  title = field (fx, "title");
  gtk_widget_grab_focus (title);
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fx->window)), title));

  /* Committed with Enter, the field keeps the focus... */
  type_and_enter (title, "First title");
  label = gw_store_get_undo_label (store_of (fx));
  g_assert_cmpstr (label, ==, "Edit “P0-001”");

  /* ...typing more and pressing Ctrl+Z takes back the typing only. */
  gtk_editable_set_text (GTK_EDITABLE (title), "Second title, not committed");
  activate (fx, "win.undo");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title)), ==, "First title");
  item = stored (fx, "P0-001");
  g_assert_cmpstr (gw_item_get_title (item), ==, "First title");
  g_clear_object (&item);

  /* Ctrl+Z again undoes the committed edit, and the focused field shows it. */
  activate (fx, "win.undo");
  item = stored (fx, "P0-001");
  g_assert_cmpstr (gw_item_get_title (item), ==, "Backups are not encrypted");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title)), ==, "Backups are not encrypted");
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fx->window)), title));
}

static void
test_edit_fields (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(GwItem) item = NULL;
  GtkWidget *effort;

  select_key (fx, "P0-001");

  effort = field (fx, "effort");
  type_and_enter (effort, "L (16-32 hours)");
  item = stored (fx, "P0-001");
  g_assert_cmpfloat (gw_item_get_effort_hours (item), ==, 24);
  g_assert_cmpint (gw_item_get_effort_size (item), ==, GW_SIZE_L);
  /* The editor shows the hours it read. */
  g_assert_nonnull (find_label (effort, "24 h (16–32 h)"));
  g_clear_object (&item);

  type_and_enter (field (fx, "category"), "Security");
  type_and_enter (field (fx, "impl_risk_pct"), "30");
  type_and_enter (field (fx, "impact"), "HIGH");
  type_and_enter (field (fx, "not_before"), "2027-03-01");
  type_and_enter (field (fx, "assignee"), "Dana");
  adw_combo_row_set_selected (ADW_COMBO_ROW (field (fx, "priority")), GW_PRIORITY_P1);
  adw_combo_row_set_selected (ADW_COMBO_ROW (field (fx, "status")), GW_STATUS_IN_PROGRESS);
  adw_combo_row_set_selected (ADW_COMBO_ROW (field (fx, "risk")), GW_RISK_MEDIUM);
  gw_test_spin ();
  /* Roles and milestones come from menus of the register's own. */
  gtk_widget_activate_action (field (fx, "owner"), "editor.set-owner", "s", "security");
  gtk_widget_activate_action (field (fx, "milestone"), "editor.set-milestone", "s", "M1");
  gw_test_spin ();

  item = stored (fx, "P0-001");
  g_assert_cmpstr (gw_item_get_category (item), ==, "Security");
  g_assert_cmpint (gw_item_get_impact (item), ==, 80);
  g_assert_cmpstr (gw_item_get_not_before (item), ==, "2027-03-01");
  g_assert_cmpstr (gw_item_get_assignee (item), ==, "Dana");
  g_assert_cmpint (gw_item_get_priority (item), ==, GW_PRIORITY_P1);
  g_assert_cmpint (gw_item_get_status (item), ==, GW_STATUS_IN_PROGRESS);
  g_assert_cmpint (gw_item_get_risk (item), ==, GW_RISK_MEDIUM);
  g_assert_cmpstr (gw_item_get_owner (item), ==, "security");
  g_assert_cmpstr (gw_item_get_milestone (item), ==, "M1");
  {
    g_autofree char *pct = gw_item_get_field_text (item, GW_FIELD_IMPL_RISK_PCT);

    g_assert_cmpstr (pct, ==, "30");
  }
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (fx, "owner"))), ==, "security");

  /* Each edit was one step: undo takes back the milestone only. */
  activate (fx, "win.undo");
  g_clear_object (&item);
  item = stored (fx, "P0-001");
  g_assert_null (gw_item_get_milestone (item));
  g_assert_cmpstr (gw_item_get_owner (item), ==, "security");
}

static void
test_bad_value (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GwItem) item = NULL;
  GtkWidget *error_label;

  select_key (fx, "P0-001");
  type_and_enter (field (fx, "impact"), "enormous");

  /* The register keeps the old value; the editor says why inline. */
  item = stored (fx, "P0-001");
  g_assert_cmpint (gw_item_get_impact (item), ==, -1);
  error_label = find_named (GTK_WIDGET (fx->window), "editor-error");
  g_assert_nonnull (error_label);
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (error_label)), "“impact”"));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (error_label)), "enormous"));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (gtk_widget_get_ancestor (error_label, GTK_TYPE_REVEALER))));
  g_assert_true (gtk_widget_has_css_class (field (fx, "impact"), "error"));

  /* A key taken by another item is refused by the store, also inline. */
  type_and_enter (field (fx, "key"), "P0-002");
  g_clear_object (&item);
  item = stored (fx, "P0-001");
  g_assert_nonnull (item);
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (error_label)), "P0-002"));

  /* A good value clears the message. */
  type_and_enter (field (fx, "key"), "P0-003");
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (gtk_widget_get_ancestor (error_label, GTK_TYPE_REVEALER))));
  g_clear_object (&item);
  item = stored (fx, "P0-003");
  g_assert_nonnull (item);
}

static void
test_edit_lists (Fixture       *fx,
                 gconstpointer  data)
{
  g_autoptr(GwItem) item = NULL;
  GtkWidget *criteria, *breakdown, *check;
  GwLine *line;

  select_key (fx, "P0-001");

  criteria = field (fx, "acceptance_criteria");
  type_and_enter (find_named (criteria, "add-line"), "Restore from an encrypted dump works");
  type_and_enter (find_named (criteria, "add-line"), "Keys are rotated");
  item = stored (fx, "P0-001");
  g_assert_cmpuint (gw_item_get_lines (item, GW_LINE_CRITERION)->len, ==, 2);
  line = g_ptr_array_index (gw_item_get_lines (item, GW_LINE_CRITERION), 0);
  g_assert_cmpstr (line->text, ==, "Restore from an encrypted dump works");
  g_assert_false (line->done);
  g_clear_object (&item);

  /* Tick the first criterion. */
  check = gw_test_find_type (criteria, GTK_TYPE_CHECK_BUTTON);
  g_assert_nonnull (check);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  gw_test_spin ();
  item = stored (fx, "P0-001");
  line = g_ptr_array_index (gw_item_get_lines (item, GW_LINE_CRITERION), 0);
  g_assert_true (line->done);
  g_clear_object (&item);

  /* A breakdown line with hours. */
  breakdown = field (fx, "breakdown");
  gtk_editable_set_text (GTK_EDITABLE (find_named (breakdown, "add-line-hours")), "6");
  type_and_enter (find_named (breakdown, "add-line"), "Write the migration");
  item = stored (fx, "P0-001");
  g_assert_cmpuint (gw_item_get_lines (item, GW_LINE_BREAKDOWN)->len, ==, 1);
  line = g_ptr_array_index (gw_item_get_lines (item, GW_LINE_BREAKDOWN), 0);
  g_assert_cmpstr (line->text, ==, "Write the migration");
  g_assert_cmpfloat (line->hours, ==, 6);
  g_clear_object (&item);

  /* Removing the second criterion is one undoable step. */
  {
    GtkWidget *row = gtk_widget_get_next_sibling (gtk_widget_get_ancestor (check, GTK_TYPE_LIST_BOX_ROW));
    GtkWidget *remove = NULL;

    for (GtkWidget *w = gtk_widget_get_last_child (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row))); w && !remove;
         w = gtk_widget_get_prev_sibling (w))
      if (GTK_IS_BUTTON (w))
        remove = w;
    g_assert_nonnull (remove);
    g_signal_emit_by_name (remove, "clicked");
    gw_test_spin ();
  }
  item = stored (fx, "P0-001");
  g_assert_cmpuint (gw_item_get_lines (item, GW_LINE_CRITERION)->len, ==, 1);
  g_clear_object (&item);
  activate (fx, "win.undo");
  item = stored (fx, "P0-001");
  g_assert_cmpuint (gw_item_get_lines (item, GW_LINE_CRITERION)->len, ==, 2);
  g_clear_object (&item);

  /* The description is committed when the editor lets go of it. */
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (field (fx, "description"))),
                            "Dumps land on the NAS unencrypted.\nOffsite copies too.", -1);
  gw_item_editor_commit (editor_of (fx));
  item = stored (fx, "P0-001");
  g_assert_cmpstr (gw_item_get_description (item), ==, "Dumps land on the NAS unencrypted.\nOffsite copies too.");
}

static gboolean
suggestions_shown (gpointer data)
{
  return gtk_revealer_get_reveal_child (GTK_REVEALER (data));
}

static void
test_dependencies (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(GwItem) item = NULL;
  GtkWidget *add_row, *suggestions;
  GPtrArray *deps;

  select_key (fx, "P0-010");
  add_row = field (fx, "add-dependency");
  suggestions = find_named (GTK_WIDGET (fx->window), "dependency-suggestions");
  g_assert_nonnull (suggestions);

  gtk_editable_set_text (GTK_EDITABLE (add_row), "p0-00");
  gw_test_spin ();
  g_assert_true (gw_test_wait_until (suggestions_shown, suggestions, 1000));

  type_and_enter (add_row, "P0-002");
  item = stored (fx, "P0-010");
  deps = gw_item_get_depends_on (item);
  g_assert_cmpuint (deps->len, ==, 1);
  g_assert_cmpstr (((GwDependency *) g_ptr_array_index (deps, 0))->key, ==, "P0-002");
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (suggestions)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (add_row)), ==, "");
  g_clear_object (&item);

  /* A dependency that closes a cycle is refused with the cycle named. */
  select_key (fx, "P0-002");
  type_and_enter (field (fx, "add-dependency"), "P0-010");
  item = stored (fx, "P0-002");
  g_assert_cmpuint (gw_item_get_depends_on (item)->len, ==, 0);
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (find_named (GTK_WIDGET (fx->window), "editor-error"))),
                            "P0-010"));
  g_clear_object (&item);

  select_key (fx, "P0-010");
  gtk_widget_activate_action (field (fx, "add-dependency"), "editor.remove-dependency", "s", "P0-002");
  gw_test_spin ();
  item = stored (fx, "P0-010");
  g_assert_cmpuint (gw_item_get_depends_on (item)->len, ==, 0);
}

/* Tests: items */

static void
test_new_and_duplicate (Fixture       *fx,
                        gconstpointer  data)
{
  g_autoptr(GwItem) item = NULL;
  GwItem *selected;

  select_key (fx, "P0-001");
  activate (fx, "win.new-item");
  g_assert_cmpuint (gw_store_count_items (store_of (fx)), ==, 5);
  /* The key follows the selected one's pattern past the largest in use. */
  item = stored (fx, "P0-011");
  g_assert_nonnull (item);
  g_assert_cmpint (gw_item_get_priority (item), ==, GW_PRIORITY_P0);
  selected = gw_context_get_selected_item (context_of (fx));
  g_assert_nonnull (selected);
  g_assert_cmpstr (gw_item_get_key (selected), ==, "P0-011");
  /* Ready to type the title. */
  g_assert_true (gtk_widget_is_focus (gtk_root_get_focus (GTK_ROOT (fx->window))));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fx->window)), field (fx, "title")));
  g_clear_object (&item);

  activate (fx, "win.undo");
  g_assert_cmpuint (gw_store_count_items (store_of (fx)), ==, 4);
  g_assert_null (gw_context_get_selected_item (context_of (fx)));

  select_key (fx, "P0-002");
  activate (fx, "win.duplicate-item");
  item = stored (fx, "P0-011");
  g_assert_nonnull (item);
  g_assert_cmpstr (gw_item_get_title (item), ==, "No rate limiting on login (copy)");
  g_assert_cmpint (gw_item_get_status (item), ==, GW_STATUS_BLOCKED);
}

static void
test_delete_and_toast_undo (Fixture       *fx,
                            gconstpointer  data)
{
  g_autoptr(GwItem) back = NULL;
  g_autoptr(GError) error = NULL;
  AdwToast *toast;
  GwItem *gone;

  select_key (fx, "P0-001");
  activate (fx, "win.delete-item");
  gone = gw_store_get_item (store_of (fx), "P0-001", &error);
  g_assert_null (gone);
  g_assert_error (error, GW_STORE_ERROR, GW_STORE_ERROR_NOT_FOUND);
  /* The next row is selected, ready for another Delete. */
  g_assert_cmpstr (gw_item_get_key (gw_context_get_selected_item (context_of (fx))), ==, "P0-010");
  /* The dependency on it went with it. */
  {
    g_autoptr(GwItem) p1 = stored (fx, "P1-001");

    g_assert_cmpuint (gw_item_get_depends_on (p1)->len, ==, 0);
  }

  toast = _gw_window_get_last_toast (fx->window);
  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_title (toast), ==, "“P0-001” deleted");
  g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "_Undo");

  /* What the toast's button does. */
  gtk_widget_activate_action_variant (GTK_WIDGET (fx->window), adw_toast_get_action_name (toast),
                                      adw_toast_get_action_target_value (toast));
  gw_test_spin ();
  back = stored (fx, "P0-001");
  g_assert_nonnull (back);
  g_assert_cmpstr (gw_item_get_title (back), ==, "Backups are not encrypted");
  g_assert_cmpstr (gw_item_get_key (gw_context_get_selected_item (context_of (fx))), ==, "P0-001");
  {
    g_autoptr(GwItem) p1 = stored (fx, "P1-001");

    g_assert_cmpuint (gw_item_get_depends_on (p1)->len, ==, 1);
  }
}

/* Tests: the list */

typedef struct
{
  GListModel *model;
  guint       n;
} CountWait;

static gboolean
has_count (gpointer data)
{
  CountWait *w = data;

  return g_list_model_get_n_items (w->model) == w->n;
}

static char *
shown_keys (GListModel *model)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GwItem) item = g_list_model_get_item (model, i);

      g_string_append_printf (s, "%s%s", i ? " " : "", gw_item_get_key (item));
    }
  return g_string_free (s, FALSE);
}

static void
test_search (Fixture       *fx,
             gconstpointer  data)
{
  GwRegisterPage *page = register_page_of (fx);
  GListModel *shown = gw_register_page_get_shown_items (page);
  GtkWidget *entry = gw_test_find_type (GTK_WIDGET (page), GTK_TYPE_SEARCH_ENTRY);
  CountWait w = { shown, 1 };
  g_autofree char *keys = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 4);

  /* Ctrl+F's action puts the focus in the search entry. */
  activate (fx, "win.find");
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fx->window)), entry));

  /* Typed, the search runs after a short delay. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "encrypt");
  g_assert_true (gw_test_wait_until (has_count, &w, 2000));
  keys = shown_keys (shown);
  g_assert_cmpstr (keys, ==, "P0-001");
  g_clear_pointer (&keys, g_free);

  /* Descriptions count too. */
  gw_register_page_set_search_text (page, "plain text");
  keys = shown_keys (shown);
  g_assert_cmpstr (keys, ==, "P0-001");
  g_clear_pointer (&keys, g_free);

  gw_register_page_set_search_text (page, "P0");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 3);

  gw_register_page_set_search_text (page, "zebra");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 0);
  gw_test_spin ();
  g_assert_true (gtk_widget_get_mapped (find_label (GTK_WIDGET (page), "No Results Found")));

  gw_register_page_set_search_text (page, "");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 4);
  gw_test_spin ();
  g_assert_false (gtk_widget_get_mapped (find_label (GTK_WIDGET (page), "No Results Found")));
}

typedef struct
{
  GListModel *model;
  const char *keys;
} OrderWait;

static gboolean
has_order (gpointer data)
{
  OrderWait *w = data;
  g_autofree char *keys = shown_keys (w->model);

  return g_str_equal (keys, w->keys);
}

/* The list sorts in slices between frames: wait for the order. */
static void
assert_order (GListModel *model,
              const char *keys)
{
  OrderWait w = { model, keys };

  if (!gw_test_wait_until (has_order, &w, 2000))
    {
      g_autofree char *shown = shown_keys (model);

      g_assert_cmpstr (shown, ==, keys);
    }
}

static void
test_sort (Fixture       *fx,
           gconstpointer  data)
{
  GwRegisterPage *page = register_page_of (fx);
  GListModel *shown = gw_register_page_get_shown_items (page);

  assert_order (shown, "P0-001 P0-010 P0-002 P1-001");

  gw_register_page_sort_by (page, GW_REGISTER_COLUMN_KEY, GTK_SORT_ASCENDING);
  assert_order (shown, "P0-001 P0-002 P0-010 P1-001");

  gw_register_page_sort_by (page, GW_REGISTER_COLUMN_KEY, GTK_SORT_DESCENDING);
  assert_order (shown, "P1-001 P0-010 P0-002 P0-001");

  gw_register_page_sort_by (page, GW_REGISTER_COLUMN_STATUS, GTK_SORT_DESCENDING);
  assert_order (shown, "P0-002 P1-001 P0-010 P0-001");

  /* A search keeps the order. */
  gw_register_page_set_search_text (page, "P0");
  assert_order (shown, "P0-002 P0-010 P0-001");

  /* An edit moves the item to its place. */
  select_key (fx, "P0-001");
  adw_combo_row_set_selected (ADW_COMBO_ROW (field (fx, "status")), GW_STATUS_DONE);
  assert_order (shown, "P0-001 P0-002 P0-010");
  g_assert_cmpstr (gw_item_get_key (gw_context_get_selected_item (context_of (fx))), ==, "P0-001");
}

static void
test_empty_register (Fixture       *fx,
                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fx->dir, "empty.gapwise", NULL);
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(GwStore) store G_GNUC_UNUSED = gw_store_open (path, GW_STORE_OPEN_CREATE, &error);

    g_assert_no_error (error);
  }
  g_assert_true (gw_window_load (fx->window, path, GW_STORE_OPEN_DEFAULT, &error));
  gw_test_spin ();
  g_assert_true (gtk_widget_get_mapped (find_label (GTK_WIDGET (fx->window), "No Items")));

  activate (fx, "win.new-item");
  g_assert_cmpuint (gw_store_count_items (store_of (fx)), ==, 1);
  gw_test_spin ();
  g_assert_false (gtk_widget_get_mapped (find_label (GTK_WIDGET (fx->window), "No Items")));
}

/* Tests: registers */

static void
assert_open_refused (Fixture    *fx,
                     const char *path,
                     const char *fragment)
{
  AdwMessageDialog *dialog;

  gw_window_open (fx->window, path);
  gw_test_spin ();
  dialog = _gw_window_get_error_dialog (fx->window);
  g_assert_nonnull (dialog);
  g_test_message ("%s", adw_message_dialog_get_body (dialog));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), fragment));
  /* The register shown stays. */
  g_assert_cmpstr (gw_store_get_path (store_of (fx)), ==, fx->path);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gw_context_get_items (context_of (fx)))), ==, 4);
  gtk_window_destroy (GTK_WINDOW (dialog));
  gw_test_spin ();
  g_assert_null (_gw_window_get_error_dialog (fx->window));
}

static void
test_open_bad_files (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_build_filename (fx->dir, "notes.gapwise", NULL);
  g_autofree char *newer = g_build_filename (fx->dir, "newer.gapwise", NULL);
  g_autofree char *missing = g_build_filename (fx->dir, "missing.gapwise", NULL);
  sqlite3 *db = NULL;

  g_file_set_contents (text, "# Gap register\n\nP0-001: not a database\n", -1, &error);
  g_assert_no_error (error);
  assert_open_refused (fx, text, "notes.gapwise");

  make_register (newer);
  g_assert_cmpint (sqlite3_open (newer, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  assert_open_refused (fx, newer, "newer.gapwise");

  assert_open_refused (fx, missing, "missing.gapwise");
}

static void
test_read_only (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GwItem) item = NULL;
  GtkWidget *banner;

  g_assert_true (gw_window_load (fx->window, fx->path, GW_STORE_OPEN_READ_ONLY, &error));
  g_assert_no_error (error);
  gw_test_spin ();
  g_assert_true (gw_context_get_read_only (context_of (fx)));

  banner = find_label (GTK_WIDGET (fx->window), "This register is read-only; changes cannot be saved");
  g_assert_nonnull (banner);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (gtk_widget_get_ancestor (banner, GTK_TYPE_REVEALER))));

  select_key (fx, "P0-001");
  g_assert_false (gtk_widget_is_sensitive (field (fx, "title")));
  g_assert_false (gtk_widget_is_sensitive (field (fx, "acceptance_criteria")));

  /* Actions that would write do nothing. */
  activate (fx, "win.new-item");
  activate (fx, "win.delete-item");
  activate (fx, "win.duplicate-item");
  g_assert_cmpuint (gw_store_count_items (store_of (fx)), ==, 4);
  item = stored (fx, "P0-001");
  g_assert_nonnull (item);

  /* A writable register again lifts it. */
  g_assert_true (gw_window_load (fx->window, fx->path, GW_STORE_OPEN_DEFAULT, &error));
  gw_test_spin ();
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (gtk_widget_get_ancestor (banner, GTK_TYPE_REVEALER))));
  select_key (fx, "P0-001");
  g_assert_true (gtk_widget_is_sensitive (field (fx, "title")));
}

typedef struct
{
  GwItemList *items;
  const char *key;
  const char *title;
} TitleWait;

static gboolean
has_title (gpointer data)
{
  TitleWait *w = data;
  GwItem *item = gw_item_list_lookup (w->items, w->key);

  return item != NULL && g_strcmp0 (gw_item_get_title (item), w->title) == 0;
}

static void
test_outside_change (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GwStore) other = NULL;
  g_autoptr(GwItem) item = NULL;
  TitleWait w = { gw_context_get_items (context_of (fx)), "P0-001", "Encrypt backups at rest" };
  TitleWait added = { gw_context_get_items (context_of (fx)), "P2-001", "Added by a script" };

  select_key (fx, "P0-001");

  /* Another program (gapwise-cli, another window) writes the register. */
  other = gw_store_open (fx->path, GW_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  item = gw_store_get_item (other, "P0-001", &error);
  g_assert_no_error (error);
  gw_item_set_title (item, "Encrypt backups at rest");
  gw_store_update_item (other, item, &error);
  g_assert_no_error (error);
  add_item (other, "P2-001", "Added by a script", NULL);

  /* Polled once a second. */
  g_assert_true (gw_test_wait_until (has_title, &w, 3000));
  g_assert_true (gw_test_wait_until (has_title, &added, 1000));
  gw_test_spin ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (fx, "title"))), ==, "Encrypt backups at rest");
}

static void
test_save_as (Fixture       *fx,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = g_build_filename (fx->dir, "copy.gapwise", NULL);

  /* What the Save As dialog's response does, without a file chooser. */
  g_assert_true (gw_store_save_as (store_of (fx), copy, &error));
  gw_window_open (fx->window, copy);
  gw_test_spin ();
  g_assert_null (_gw_window_get_error_dialog (fx->window));
  g_assert_cmpstr (gw_store_get_path (store_of (fx)), ==, copy);

  /* Edits go to the copy now, and the copy is remembered. */
  select_key (fx, "P0-001");
  type_and_enter (field (fx, "title"), "Edited in the copy");
  {
    g_autoptr(GwStore) original = gw_store_open (fx->path, GW_STORE_OPEN_DEFAULT, &error);
    g_autoptr(GwItem) item = gw_store_get_item (original, "P0-001", &error);

    g_assert_cmpstr (gw_item_get_title (item), ==, "Backups are not encrypted");
  }
  {
    g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
    g_auto(GStrv) recent = g_settings_get_strv (settings, "recent-registers");
    g_autofree char *last = g_settings_get_string (settings, "last-register");

    g_autoptr(GVariant) target = NULL;

    g_assert_cmpstr (recent[0], ==, copy);
    g_assert_cmpstr (last, ==, copy);
    /* The main menu's Open Recent lists it first. */
    g_assert_cmpint (g_menu_model_get_n_items (G_MENU_MODEL (fx->window->recent_section)), >=, 2);
    target = g_menu_model_get_item_attribute_value (G_MENU_MODEL (fx->window->recent_section), 0,
                                                    G_MENU_ATTRIBUTE_TARGET, G_VARIANT_TYPE_STRING);
    g_assert_cmpstr (g_variant_get_string (target, NULL), ==, copy);
  }
  /* Opening a recent register goes back to it. */
  gtk_widget_activate_action (GTK_WIDGET (fx->window), "win.open-recent", "s", fx->path);
  gw_test_spin ();
  g_assert_cmpstr (gw_store_get_path (store_of (fx)), ==, fx->path);
}

static void
test_default_register (Fixture       *fx,
                       gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *path = gw_window_get_default_register_path ();
  g_autofree char *gone = g_build_filename (fx->dir, "gone.gapwise", NULL);

  /* First start: the default register is made from the sample. */
  g_settings_set_string (settings, "last-register", "");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  gw_window_open_default (fx->window);
  gw_test_spin ();
  g_assert_null (_gw_window_get_error_dialog (fx->window));
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpstr (gw_store_get_path (store_of (fx)), ==, path);
  g_assert_cmpuint (gw_store_count_items (store_of (fx)), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (gw_register_page_get_shown_items (register_page_of (fx))), ==,
                    gw_store_count_items (store_of (fx)));

  /* Later starts open the register open last... */
  g_settings_set_string (settings, "last-register", fx->path);
  gw_window_open_default (fx->window);
  gw_test_spin ();
  g_assert_cmpstr (gw_store_get_path (store_of (fx)), ==, fx->path);

  /* ...unless it is gone. */
  g_settings_set_string (settings, "last-register", gone);
  gw_window_open_default (fx->window);
  gw_test_spin ();
  g_assert_cmpstr (gw_store_get_path (store_of (fx)), ==, path);
  g_assert_null (_gw_window_get_error_dialog (fx->window));
}

static void
test_editor_toggle (Fixture       *fx,
                    gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  GtkWidget *editor = GTK_WIDGET (editor_of (fx));

  g_settings_set_boolean (settings, "editor-visible", TRUE);
  gw_test_spin ();
  g_assert_true (gtk_widget_get_visible (editor));

  activate (fx, "win.show-editor");
  g_assert_false (gw_window_get_editor_visible (fx->window));
  g_assert_false (gtk_widget_get_visible (editor));
  g_assert_false (g_settings_get_boolean (settings, "editor-visible"));

  activate (fx, "win.show-editor");
  g_assert_true (gtk_widget_get_visible (editor));
  g_assert_true (g_settings_get_boolean (settings, "editor-visible"));
}

static void
test_window_state_saved (Fixture       *fx,
                         gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);

  gtk_window_set_default_size (GTK_WINDOW (fx->window), 1000, 700);
  gw_test_wait_ms (300);
  adw_view_stack_set_visible_child_name (fx->window->stack, "gantt");
  g_assert_cmpstr (g_settings_get_string (settings, "visible-view"), ==, "gantt");

  /* Typed but not committed: closing writes it. */
  select_key (fx, "P0-001");
  gtk_editable_set_text (GTK_EDITABLE (field (fx, "title")), "Closed with this title");
  gtk_window_close (GTK_WINDOW (fx->window));
  gw_test_spin ();
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1000);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 700);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
  {
    g_autoptr(GwStore) store = gw_store_open (fx->path, GW_STORE_OPEN_DEFAULT, NULL);
    g_autoptr(GwItem) item = gw_store_get_item (store, "P0-001", NULL);

    g_assert_cmpstr (gw_item_get_title (item), ==, "Closed with this title");
  }

  /* A new window starts that way. */
  {
    g_autoptr(GwWindow) again = g_object_ref_sink (gw_window_new (NULL));

    g_assert_cmpstr (adw_view_stack_get_visible_child_name (again->stack), ==, "gantt");
    gtk_window_destroy (GTK_WINDOW (again));
  }
  g_settings_set_string (settings, "visible-view", "register");
}

static gboolean
is_vertical (gpointer data)
{
  return gtk_orientable_get_orientation (GTK_ORIENTABLE (data)) == GTK_ORIENTATION_VERTICAL;
}

static gboolean
is_horizontal (gpointer data)
{
  return !is_vertical (data);
}

/* Every column but the scores, which are shown on request. */
static gboolean
has_all_columns (gpointer data)
{
  return g_list_model_get_n_items (gtk_column_view_get_columns (GTK_COLUMN_VIEW (data))) == GW_REGISTER_COLUMN_MILESTONE + 1;
}

static gboolean
has_score_columns (gpointer data)
{
  return g_list_model_get_n_items (gtk_column_view_get_columns (GTK_COLUMN_VIEW (data))) == GW_N_REGISTER_COLUMNS;
}

static void
test_narrow (Fixture       *fx,
             gconstpointer  data)
{
  GtkWidget *paned = gw_test_find_type (GTK_WIDGET (register_page_of (fx)), GTK_TYPE_PANED);
  GtkWidget *view = gw_test_find_type (GTK_WIDGET (register_page_of (fx)), GTK_TYPE_COLUMN_VIEW);

  g_assert_true (gw_test_wait_until (is_horizontal, paned, 3000));

  /* In a narrow window the editor goes below the list... */
  gtk_window_set_default_size (GTK_WINDOW (fx->window), 800, 600);
  gw_test_wait_ms (300);
  if (gtk_widget_get_width (GTK_WIDGET (fx->window)) > 1000)
    {
      g_test_skip ("the display did not resize the window");
      return;
    }
  g_assert_true (gw_test_wait_until (is_vertical, paned, 3000));
  /* ...and the list keeps its main columns. */
  g_assert_cmpuint (g_list_model_get_n_items (gtk_column_view_get_columns (GTK_COLUMN_VIEW (view))), ==, 6);

  /* Wide again, every column is back. */
  gtk_window_set_default_size (GTK_WINDOW (fx->window), 1440, 900);
  g_assert_true (gw_test_wait_until (is_horizontal, paned, 3000));
  g_assert_true (gw_test_wait_until (has_all_columns, view, 3000));

  /* The header menu's "Show Scores" adds RICE, ICE and WSJF. */
  gtk_widget_activate_action (GTK_WIDGET (register_page_of (fx)), "register.show-scores", NULL);
  g_assert_true (gw_test_wait_until (has_score_columns, view, 3000));
  gtk_widget_activate_action (GTK_WIDGET (register_page_of (fx)), "register.show-scores", NULL);
  g_assert_true (gw_test_wait_until (has_all_columns, view, 3000));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  g_autofree char *data_dir = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  /* Before GLib caches it: the default register goes to a place of ours. */
  data_home = g_dir_make_tmp ("gapwise-data-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }
  adw_init ();

#define ADD(path, func) \
  g_test_add ("/window/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("edit/text-and-undo", test_edit_text_and_undo);
  ADD ("edit/undo-while-typing", test_undo_while_typing);
  ADD ("edit/fields", test_edit_fields);
  ADD ("edit/bad-value", test_bad_value);
  ADD ("edit/lists", test_edit_lists);
  ADD ("edit/dependencies", test_dependencies);
  ADD ("items/new-and-duplicate", test_new_and_duplicate);
  ADD ("items/delete-and-toast-undo", test_delete_and_toast_undo);
  ADD ("list/search", test_search);
  ADD ("list/sort", test_sort);
  ADD ("list/empty-register", test_empty_register);
  ADD ("register/open-bad-files", test_open_bad_files);
  ADD ("register/read-only", test_read_only);
  ADD ("register/outside-change", test_outside_change);
  ADD ("register/save-as", test_save_as);
  ADD ("register/default", test_default_register);
  ADD ("state/editor-toggle", test_editor_toggle);
  ADD ("state/saved", test_window_state_saved);
  ADD ("state/narrow", test_narrow);

#undef ADD

  status = g_test_run ();
  data_dir = g_build_filename (data_home, "gapwise", NULL);
  remove_tree (data_dir);
  g_rmdir (data_home);
  return status;
}
