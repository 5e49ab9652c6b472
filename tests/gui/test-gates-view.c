/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The Gates page in the real window under Xvfb: ticking, adding, editing
 * and removing a gate's criteria and go/no-go entries reaches the register
 * as one undoable step each, and the verdict the page shows follows; so do
 * changes made elsewhere. */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "gw-gates-view.h"
#include "gw-gui-test.h"
#include "gw-window.h"

typedef struct
{
  char        *dir;
  char        *path;
  GwWindow    *window;
  GwGatesView *view;
} Fixture;

/* Helpers */

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_str_equal (gtk_widget_get_name (root), name))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The widget of the page named @name; it must be there. */
static GtkWidget *
widget (Fixture    *fx,
        const char *name)
{
  GtkWidget *w = find_named (GTK_WIDGET (fx->view), name);

  if (w == NULL)
    g_error ("no widget named %s on the Gates page", name);
  return w;
}

static GwStore *
store_of (Fixture *fx)
{
  return gw_context_get_store (gw_window_get_context (fx->window));
}

static const char *
verdict (Fixture *fx)
{
  return gtk_label_get_text (GTK_LABEL (widget (fx, "verdict-label")));
}

static const char *
reason (Fixture *fx)
{
  return gtk_label_get_text (GTK_LABEL (widget (fx, "reason-label")));
}

static GwMilestone *
milestone (Fixture    *fx,
           const char *key)
{
  g_autoptr(GPtrArray) all = gw_store_list_milestones (store_of (fx));

  for (guint i = 0; i < all->len; i++)
    if (g_str_equal (((GwMilestone *) g_ptr_array_index (all, i))->key, key))
      return gw_milestone_copy (g_ptr_array_index (all, i));
  g_assert_not_reached ();
  return NULL;
}

static GwLine *
line (GwMilestone         *m,
      GwMilestoneLineKind  kind,
      guint                i)
{
  g_assert_cmpuint (i, <, m->lines[kind]->len);
  return g_ptr_array_index (m->lines[kind], i);
}

static void
undo (Fixture *fx)
{
  gtk_widget_activate_action (GTK_WIDGET (fx->window), "win.undo", NULL);
  gw_test_spin ();
}

/* Types into an entry row and presses its apply button. */
static void
apply_text (Fixture    *fx,
            const char *name,
            const char *text)
{
  GtkWidget *row = widget (fx, name);

  g_assert_true (ADW_IS_ENTRY_ROW (row));
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_emit_by_name (row, "apply");
  gw_test_spin ();
}

static void
click (Fixture    *fx,
       const char *name)
{
  GtkWidget *button = widget (fx, name);

  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  gw_test_spin ();
}

static void
add_item (GwStore    *store,
          const char *key,
          const char *status)
{
  g_autoptr(GwItem) item = gw_item_new (key, key);
  g_autoptr(GError) error = NULL;

  gw_item_set_field_text (item, GW_FIELD_STATUS, status, NULL, &error);
  gw_item_set_field_text (item, GW_FIELD_PRIORITY, "P0", NULL, &error);
  gw_item_set_field_text (item, GW_FIELD_EFFORT_HOURS, "8", NULL, &error);
  gw_item_set_field_text (item, GW_FIELD_MILESTONE, "M1", NULL, &error);
  g_assert_no_error (error);
  gw_store_add_item (store, item, &error);
  g_assert_no_error (error);
}

/* A done must (A), shoulds: the criterion "Security review" (open) and
 * the done item C: 1 of 2 = 50 % < 80 %, NO-GO. M1 has two exit criteria,
 * the first met. */
static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *stack;

  fx->dir = g_dir_make_tmp ("gapwise-gates-XXXXXX", &error);
  fx->path = g_build_filename (fx->dir, "plan.gapwise", NULL);
  {
    g_autoptr(GwStore) store = gw_store_open (fx->path, GW_STORE_OPEN_CREATE, &error);
    g_autoptr(GwMilestone) m1 = gw_milestone_new ("M1", "Security Baseline");
    g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_decision_entry_free);

    g_assert_no_error (error);
    add_item (store, "A", "done");
    add_item (store, "B", "todo");
    add_item (store, "C", "done");
    m1->goal = (g_free (m1->goal), g_strdup ("Nothing an attacker can use"));
    g_ptr_array_add (m1->lines[GW_MILESTONE_LINE_EXIT], gw_line_new ("Keys rotated", NAN, TRUE));
    g_ptr_array_add (m1->lines[GW_MILESTONE_LINE_EXIT], gw_line_new ("No clear text", NAN, FALSE));
    g_assert_true (gw_store_put_milestone (store, m1, &error));
    g_ptr_array_add (entries, gw_decision_entry_new (GW_GATE_MUST, "A", "Signing key out", FALSE));
    g_ptr_array_add (entries, gw_decision_entry_new (GW_GATE_SHOULD, NULL, "Security review", FALSE));
    g_ptr_array_add (entries, gw_decision_entry_new (GW_GATE_SHOULD, "C", NULL, FALSE));
    g_assert_true (gw_store_set_decision (store, entries, &error));
    gw_store_clear_history (store, &error);
    g_assert_no_error (error);
  }

  fx->window = g_object_ref_sink (gw_window_new (NULL));
  gtk_window_set_default_size (GTK_WINDOW (fx->window), 1200, 800);
  g_assert_true (gw_window_load (fx->window, fx->path, GW_STORE_OPEN_DEFAULT, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (fx->window));

  stack = gw_test_find_type (GTK_WIDGET (fx->window), ADW_TYPE_VIEW_STACK);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), "gates");
  fx->view = GW_GATES_VIEW (gw_test_find_type (GTK_WIDGET (fx->window), GW_TYPE_GATES_VIEW));
  g_assert_nonnull (fx->view);
  gw_test_wait_ms (300);
  gw_test_spin ();
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fx->window));
  gw_test_spin ();
  g_clear_object (&fx->window);
  {
    g_autoptr(GDir) d = g_dir_open (fx->dir, 0, NULL);
    const char *name;

    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *path = g_build_filename (fx->dir, name, NULL);

        g_unlink (path);
      }
  }
  g_rmdir (fx->dir);
  g_free (fx->path);
  g_free (fx->dir);
}

/* Tests */

static void
test_shows_register (Fixture       *fx,
                     gconstpointer  data)
{
  GtkWidget *check;

  g_assert_cmpstr (verdict (fx), ==, "NO-GO");
  g_assert_true (gtk_widget_has_css_class (widget (fx, "verdict-label"), "error"));
  g_assert_cmpstr (reason (fx), ==, "The must is done; shoulds 1 of 2 done = 50 % < 80 %");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (widget (fx, "threshold-spin"))), ==, 80);
  /* the entries: an item's row, a criterion's row with its tick */
  g_assert_true (ADW_IS_ACTION_ROW (widget (fx, "gw:must:0:row")));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget (fx, "gw:must:0:row"))), ==,
                   "A · Signing key out");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (widget (fx, "gw:should:0:row"))), ==, "Security review");
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (widget (fx, "gw:should:0:check"))));
  /* the gate's checklist */
  check = widget (fx, "gw:M1:exit:0:check");
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (widget (fx, "gw:M1:exit:1:check"))));
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (widget (fx, "gw:M1:exit"))), ==, "1 of 2 done");
  /* the next actions: B, a P0 with nothing to wait for, is immediate */
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (widget (fx, "gw:next:0"))), ==, "1 item · 8 h");
  g_assert_cmpint (gtk_widget_get_height (widget (fx, "readiness-area")), >, 40);
}

/* A gate's checklist: tick, add, edit, remove; each one undo step. */
static void
test_gate_checklist (Fixture       *fx,
                     gconstpointer  data)
{
  GwStore *store = store_of (fx);
  g_autoptr(GwMilestone) ticked = NULL;
  g_autoptr(GwMilestone) undone = NULL;
  g_autoptr(GwMilestone) added = NULL;
  g_autoptr(GwMilestone) edited = NULL;
  g_autoptr(GwMilestone) removed = NULL;
  g_autoptr(GwMilestone) back = NULL;
  GtkWidget *check = widget (fx, "gw:M1:exit:1:check");
  g_autofree char *label = NULL;

  /* tick the second exit criterion, with the keyboard focus on it */
  gtk_widget_grab_focus (check);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  gw_test_spin ();
  ticked = milestone (fx, "M1");
  g_assert_true (line (ticked, GW_MILESTONE_LINE_EXIT, 1)->done);
  g_assert_cmpuint (ticked->lines[GW_MILESTONE_LINE_EXIT]->len, ==, 2);
  label = gw_store_get_undo_label (store);
  g_assert_cmpstr (label, ==, "Change milestone “M1”");
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (widget (fx, "gw:M1:exit"))), ==, "2 of 2 done");
  /* the page was rebuilt, and the focus stayed on the tick */
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (fx->window));

    g_assert_nonnull (focus);
    g_assert_cmpstr (gtk_widget_get_name (focus), ==, "gw:M1:exit:1:check");
  }

  undo (fx);
  undone = milestone (fx, "M1");
  g_assert_false (line (undone, GW_MILESTONE_LINE_EXIT, 1)->done);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (widget (fx, "gw:M1:exit:1:check"))));

  /* add, edit, remove */
  apply_text (fx, "gw:M1:exit:add", "Penetration test passed");
  added = milestone (fx, "M1");
  g_assert_cmpuint (added->lines[GW_MILESTONE_LINE_EXIT]->len, ==, 3);
  g_assert_cmpstr (line (added, GW_MILESTONE_LINE_EXIT, 2)->text, ==, "Penetration test passed");
  g_assert_false (line (added, GW_MILESTONE_LINE_EXIT, 2)->done);

  apply_text (fx, "gw:M1:exit:2:row", "External penetration test passed");
  edited = milestone (fx, "M1");
  g_assert_cmpstr (line (edited, GW_MILESTONE_LINE_EXIT, 2)->text, ==, "External penetration test passed");

  click (fx, "gw:M1:exit:0:remove");
  removed = milestone (fx, "M1");
  g_assert_cmpuint (removed->lines[GW_MILESTONE_LINE_EXIT]->len, ==, 2);
  g_assert_cmpstr (line (removed, GW_MILESTONE_LINE_EXIT, 0)->text, ==, "No clear text");

  /* an entry criterion of its own */
  apply_text (fx, "gw:M1:entry:add", "Budget approved");
  {
    g_autoptr(GwMilestone) entry = milestone (fx, "M1");

    g_assert_cmpuint (entry->lines[GW_MILESTONE_LINE_ENTRY]->len, ==, 1);
  }

  /* four undos bring the gate back as it was */
  for (guint i = 0; i < 4; i++)
    undo (fx);
  back = milestone (fx, "M1");
  g_assert_cmpuint (back->lines[GW_MILESTONE_LINE_EXIT]->len, ==, 2);
  g_assert_cmpstr (line (back, GW_MILESTONE_LINE_EXIT, 0)->text, ==, "Keys rotated");
  g_assert_true (line (back, GW_MILESTONE_LINE_EXIT, 0)->done);
  g_assert_cmpuint (back->lines[GW_MILESTONE_LINE_ENTRY]->len, ==, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (widget (fx, "gw:M1:exit:0:row"))), ==, "Keys rotated");
}

/* Go/no-go: ticking the open should makes it GO; undo makes it NO-GO. */
static void
test_decision_entry (Fixture       *fx,
                     gconstpointer  data)
{
  GwStore *store = store_of (fx);
  g_autoptr(GPtrArray) entries = NULL;

  gtk_check_button_set_active (GTK_CHECK_BUTTON (widget (fx, "gw:should:0:check")), TRUE);
  gw_test_spin ();
  entries = gw_store_list_decision (store);
  g_assert_cmpuint (entries->len, ==, 3);
  g_assert_true (((GwDecisionEntry *) g_ptr_array_index (entries, 1))->done);
  g_assert_cmpstr (verdict (fx), ==, "GO");
  g_assert_true (gtk_widget_has_css_class (widget (fx, "verdict-label"), "success"));
  g_assert_cmpstr (reason (fx), ==, "The must is done; shoulds 2 of 2 done = 100 % ≥ 80 %");

  undo (fx);
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = gw_store_list_decision (store);
  g_assert_false (((GwDecisionEntry *) g_ptr_array_index (entries, 1))->done);
  g_assert_cmpstr (verdict (fx), ==, "NO-GO");

  /* adding the open item B as a must names it as the blocker */
  apply_text (fx, "gw:must:add", "B: Admin console locked");
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = gw_store_list_decision (store);
  g_assert_cmpuint (entries->len, ==, 4);
  g_assert_cmpstr (((GwDecisionEntry *) g_ptr_array_index (entries, 3))->item_key, ==, "B");
  g_assert_cmpstr (((GwDecisionEntry *) g_ptr_array_index (entries, 3))->text, ==, "Admin console locked");
  g_assert_cmpint (((GwDecisionEntry *) g_ptr_array_index (entries, 3))->level, ==, GW_GATE_MUST);
  g_assert_cmpstr (reason (fx), ==, "1 must not done: B; shoulds 1 of 2 done = 50 % < 80 %");

  /* a criterion's text is edited in place; an entry is removed */
  apply_text (fx, "gw:should:0:row", "Security review signed off");
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = gw_store_list_decision (store);
  g_assert_cmpstr (((GwDecisionEntry *) g_ptr_array_index (entries, 1))->text, ==, "Security review signed off");
  click (fx, "gw:must:1:remove");
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = gw_store_list_decision (store);
  g_assert_cmpuint (entries->len, ==, 3);
  g_assert_cmpstr (reason (fx), ==, "The must is done; shoulds 1 of 2 done = 50 % < 80 %");

  for (guint i = 0; i < 3; i++)
    undo (fx);
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = gw_store_list_decision (store);
  g_assert_cmpuint (entries->len, ==, 3);
  g_assert_cmpstr (((GwDecisionEntry *) g_ptr_array_index (entries, 1))->text, ==, "Security review");
}

/* The should-threshold is a setting; lowering it to 50 % makes it GO. */
static void
test_threshold (Fixture       *fx,
                gconstpointer  data)
{
  GwStore *store = store_of (fx);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (widget (fx, "threshold-spin")), 50);
  gw_test_spin ();
  {
    g_autofree char *value = gw_store_get_setting (store, "should_threshold");

    g_assert_cmpstr (value, ==, "50");
  }
  g_assert_cmpstr (verdict (fx), ==, "GO");
  g_assert_cmpstr (reason (fx), ==, "The must is done; shoulds 1 of 2 done = 50 % ≥ 50 %");

  undo (fx);
  {
    g_autofree char *value = gw_store_get_setting (store, "should_threshold");

    g_assert_cmpstr (value, ==, "80");
  }
  g_assert_cmpstr (verdict (fx), ==, "NO-GO");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (widget (fx, "threshold-spin"))), ==, 80);
}

/* An item done elsewhere (the editor, another program) changes the verdict. */
static void
test_follows_store (Fixture       *fx,
                    gconstpointer  data)
{
  GwStore *store = store_of (fx);
  g_autoptr(GwItem) c = gw_store_get_item (store, "C", NULL);
  g_autoptr(GError) error = NULL;

  gw_item_set_status (c, GW_STATUS_TODO);
  g_assert_true (gw_store_update_item (store, c, &error));
  g_assert_no_error (error);
  gw_test_spin ();
  g_assert_cmpstr (reason (fx), ==, "The must is done; shoulds 0 of 2 done = 0 % < 80 %");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (widget (fx, "gw:should:1:row"))), ==, "To do");
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

#define ADD(path, fn) g_test_add ("/gates-view/" path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("shows-register", test_shows_register);
  ADD ("gate-checklist", test_gate_checklist);
  ADD ("decision-entry", test_decision_entry);
  ADD ("threshold", test_threshold);
  ADD ("follows-store", test_follows_store);
#undef ADD

  return g_test_run ();
}
