/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "gw-chart-export.h"
#include "gw-import-dialog.h"
#include "gw-presentation.h"
#include "gw-schedule-csv.h"
#include "gw-window-private.h"

/* The window's actions: items (new, duplicate, delete), history (undo,
 * redo), registers (new, open, recent, save as) and search. Every edit
 * goes through the store, so each is one undo step. */

/* Helpers */

static GwStore *
writable_store (GwWindow *self)
{
  GwStore *store = gw_context_get_store (self->context);

  return store != NULL && !gw_store_is_read_only (store) ? store : NULL;
}

static void
toast_error (GwWindow *self,
             GError   *error)
{
  AdwToast *toast = adw_toast_new (error->message);

  adw_toast_set_timeout (toast, 8);
  _gw_window_add_toast (self, toast);
}

static GtkFileFilter *
make_register_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Gapwise registers"));
  gtk_file_filter_add_pattern (filter, "*.gapwise");
  gtk_file_filter_add_mime_type (filter, "application/x-gapwise-register");
  return filter;
}

static GtkFileChooserNative *
make_chooser (GwWindow             *self,
              const char           *title,
              GtkFileChooserAction  action,
              const char           *accept)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = make_register_filter ();

  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, accept, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (chooser), filter);
  return chooser;
}

/* "plan" -> "plan.gapwise" */
static char *
with_extension (const char *path)
{
  if (g_str_has_suffix (path, ".gapwise"))
    return g_strdup (path);
  return g_strconcat (path, ".gapwise", NULL);
}

static char *
chosen_path (GtkNativeDialog *chooser)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  return file ? g_file_get_path (file) : NULL;
}

/* The key of the row after @item in the list as shown (else the one
 * before), to select once @item is gone. */
static char *
neighbour_key (GwWindow *self,
               GwItem   *item)
{
  GListModel *shown = gw_register_page_get_shown_items (self->register_page);
  guint n = g_list_model_get_n_items (shown);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GwItem) it = g_list_model_get_item (shown, i);

      if (it == item && n > 1)
        {
          g_autoptr(GwItem) next = g_list_model_get_item (shown, i + 1 < n ? i + 1 : i - 1);

          return g_strdup (gw_item_get_key (next));
        }
    }
  return NULL;
}

static void
select_and_edit (GwWindow   *self,
                 const char *key,
                 GwField     field)
{
  if (!gw_context_select_key (self->context, key))
    return;
  adw_view_stack_set_visible_child_name (self->stack, "register");
  gw_window_set_editor_visible (self, TRUE);
  gw_item_editor_focus_field (gw_register_page_get_editor (self->register_page), field);
}

/* Items */

static void
new_item_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  GwWindow *self = GW_WINDOW (widget);
  GwStore *store = writable_store (self);
  GwItem *selected = gw_context_get_selected_item (self->context);
  GwItemList *items = gw_context_get_items (self->context);
  g_autoptr(GwItem) item = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  const char *like = NULL;

  if (store == NULL)
    return;
  gw_item_editor_commit (gw_register_page_get_editor (self->register_page));

  /* Follow the selected key's pattern, else the last item's. */
  if (selected != NULL)
    like = gw_item_get_key (selected);
  else if (g_list_model_get_n_items (G_LIST_MODEL (items)) > 0)
    {
      g_autoptr(GwItem) last = g_list_model_get_item (G_LIST_MODEL (items),
                                                      g_list_model_get_n_items (G_LIST_MODEL (items)) - 1);

      like = gw_item_get_key (last);
    }
  key = gw_store_next_key (store, like);
  item = gw_item_new (key, _("New item"));
  if (selected != NULL)
    {
      g_autofree char *priority = gw_item_get_field_text (selected, GW_FIELD_PRIORITY);
      g_autofree char *category = gw_item_get_field_text (selected, GW_FIELD_CATEGORY);
      g_autofree char *milestone = gw_item_get_field_text (selected, GW_FIELD_MILESTONE);

      /* A new item usually belongs with the one it follows. */
      gw_item_set_field_text (item, GW_FIELD_PRIORITY, priority, NULL, NULL);
      gw_item_set_field_text (item, GW_FIELD_CATEGORY, category, NULL, NULL);
      gw_item_set_field_text (item, GW_FIELD_MILESTONE, milestone, NULL, NULL);
    }
  if (!gw_store_add_item (store, item, &error))
    {
      toast_error (self, error);
      return;
    }
  select_and_edit (self, key, GW_FIELD_TITLE);
}

static void
duplicate_item_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  GwWindow *self = GW_WINDOW (widget);
  GwStore *store = writable_store (self);
  GwItem *selected = gw_context_get_selected_item (self->context);
  g_autoptr(GwItem) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *title = NULL;

  if (store == NULL || selected == NULL)
    return;
  gw_item_editor_commit (gw_register_page_get_editor (self->register_page));

  copy = gw_item_copy (selected);
  if (!gw_store_load_lines (store, copy, &error))
    {
      toast_error (self, error);
      return;
    }
  key = gw_store_next_key (store, gw_item_get_key (selected));
  /* Translators: the title of a duplicated item */
  title = g_strdup_printf (_("%s (copy)"), gw_item_get_title (selected));
  gw_item_set_key (copy, key);
  gw_item_set_title (copy, title);
  gw_item_set_id (copy, 0);
  if (!gw_store_add_item (store, copy, &error))
    {
      toast_error (self, error);
      return;
    }
  select_and_edit (self, key, GW_FIELD_TITLE);
}

static void
delete_item_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GwWindow *self = GW_WINDOW (widget);
  GwStore *store = writable_store (self);
  GwItem *selected = gw_context_get_selected_item (self->context);
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *label = NULL;
  g_autofree char *title = NULL;
  g_autofree char *next = NULL;
  AdwToast *toast;

  if (store == NULL || selected == NULL)
    return;

  key = g_strdup (gw_item_get_key (selected));
  next = neighbour_key (self, selected);
  if (!gw_store_delete_item (store, key, &error))
    {
      toast_error (self, error);
      return;
    }
  label = gw_store_get_undo_label (store);
  /* Delete, Delete, ... goes down the list. */
  if (next != NULL)
    gw_context_select_key (self->context, next);

  /* Translators: shown after deleting an item, with an Undo button */
  title = g_strdup_printf (_("“%s” deleted"), key);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo-delete");
  adw_toast_set_action_target_value (toast, g_variant_new ("(ss)", label ? label : "", key));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  _gw_window_add_toast (self, toast);
  gw_register_page_focus_list (self->register_page);
}

static void
undo_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GwWindow *self = GW_WINDOW (widget);
  GwStore *store = writable_store (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *current = NULL;
  const char *label, *key;

  if (store == NULL)
    return;
  g_variant_get (parameter, "(&s&s)", &label, &key);

  /* Only the deletion itself: not an edit made since. */
  current = gw_store_get_undo_label (store);
  if (g_strcmp0 (current, label) != 0)
    {
      g_autofree char *message =
        g_strdup_printf (_("“%s” cannot be restored from here: the register has changed since. Use Undo until it is back."),
                         key);
      AdwToast *toast = adw_toast_new (message);

      _gw_window_add_toast (self, toast);
      return;
    }
  if (!gw_store_undo (store, NULL, &error))
    {
      toast_error (self, error);
      return;
    }
  gw_context_select_key (self->context, key);
}

/* History */

static void
history_action (GwWindow *self,
                gboolean  undo)
{
  GwStore *store = writable_store (self);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (store == NULL)
    return;
  /* Typing not yet committed is what Undo takes back first, as in any
   * text field; it never reached the register. */
  if (gw_item_editor_discard (gw_register_page_get_editor (self->register_page)) && undo)
    return;
  ok = undo ? gw_store_undo (store, NULL, &error) : gw_store_redo (store, NULL, &error);
  if (!ok && !g_error_matches (error, GW_STORE_ERROR, GW_STORE_ERROR_NOTHING))
    toast_error (self, error);
  _gw_window_update_actions (self);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  history_action (GW_WINDOW (widget), TRUE);
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  history_action (GW_WINDOW (widget), FALSE);
}

/* Registers */

static void
on_open_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     gpointer         data)
{
  GwWindow *self = GW_WINDOW (data);
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT && (path = chosen_path (chooser)) != NULL)
    gw_window_open (self, path);
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GwWindow *self = GW_WINDOW (widget);
  GtkFileChooserNative *chooser = make_chooser (self, _("Open Register"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"));

  g_signal_connect (chooser, "response", G_CALLBACK (on_open_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gw_import_choose_files (GW_WINDOW (widget));
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  gw_window_open (GW_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
on_save_as_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        gpointer         data)
{
  GwWindow *self = GW_WINDOW (data);
  GwStore *store = gw_context_get_store (self->context);
  g_autofree char *chosen = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT && store != NULL && (chosen = chosen_path (chooser)) != NULL)
    {
      g_autoptr(GFile) current = g_file_new_for_path (gw_store_get_path (store));
      g_autoptr(GFile) target = NULL;

      path = with_extension (chosen);
      target = g_file_new_for_path (path);
      if (g_file_equal (current, target))
        ;  /* Saving a register onto itself: it is saved already. */
      else if (!gw_store_save_as (store, path, &error))
        _gw_window_show_error (self, _("The Register Could Not Be Saved"), error->message);
      else
        gw_window_open (self, path);
    }
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  GwWindow *self = GW_WINDOW (widget);
  GwStore *store = gw_context_get_store (self->context);
  GtkFileChooserNative *chooser;

  if (store == NULL)
    return;
  gw_item_editor_commit (gw_register_page_get_editor (self->register_page));
  chooser = make_chooser (self, _("Save Register As"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"));
  {
    g_autofree char *base = g_path_get_basename (gw_store_get_path (store));

    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), base);
  }
  g_signal_connect (chooser, "response", G_CALLBACK (on_save_as_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Makes an empty register at @path, replacing a file the user agreed to replace. */
static gboolean
create_register (const char  *path,
                 GError     **error)
{
  static const char *suffixes[] = { "", "-wal", "-shm", "-journal" };
  g_autoptr(GwStore) store = NULL;
  g_autofree char *base = g_path_get_basename (path);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
  store = gw_store_open (path, GW_STORE_OPEN_CREATE, error);
  if (store == NULL)
    return FALSE;
  if (g_str_has_suffix (base, ".gapwise"))
    base[strlen (base) - strlen (".gapwise")] = '\0';
  /* Naming it is part of making it, not a step to undo. */
  return gw_store_set_setting (store, "name", base, error) && gw_store_clear_history (store, error);
}

static void
on_new_register_response_cb (GtkNativeDialog *chooser,
                             int              response,
                             gpointer         data)
{
  GwWindow *self = GW_WINDOW (data);
  g_autofree char *chosen = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT && (chosen = chosen_path (chooser)) != NULL)
    {
      path = with_extension (chosen);
      if (!create_register (path, &error))
        _gw_window_show_error (self, _("The Register Could Not Be Created"), error->message);
      else
        gw_window_open (self, path);
    }
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
new_register_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GwWindow *self = GW_WINDOW (widget);
  GtkFileChooserNative *chooser;

  chooser = make_chooser (self, _("New Register"), GTK_FILE_CHOOSER_ACTION_SAVE, _("C_reate"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("Untitled.gapwise"));
  g_signal_connect (chooser, "response", G_CALLBACK (on_new_register_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Search */

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GwWindow *self = GW_WINDOW (widget);

  adw_view_stack_set_visible_child_name (self->stack, "register");
  gw_register_page_focus_search (self->register_page);
}

/* Charts: export, print, presentation; the report and Markdown */

/* The register to export or show, with the editor's pending edit written
 * first; NULL when no register is open. */
static GwStore *
store_to_export (GwWindow *self)
{
  GwStore *store = gw_context_get_store (self->context);

  if (store != NULL)
    gw_item_editor_commit (gw_register_page_get_editor (self->register_page));
  return store;
}

/* The visible page's chart, or NULL when the page has none. */
static GwChartSource *
visible_chart (GwWindow *self)
{
  GtkWidget *page = adw_view_stack_get_visible_child (self->stack);

  return page != NULL && GW_IS_CHART_SOURCE (page) ? GW_CHART_SOURCE (page) : NULL;
}

static void
add_toast_cb (gpointer  window,
              AdwToast *toast)
{
  _gw_window_add_toast (GW_WINDOW (window), toast);
}

static void
on_visible_page_cb (GwWindow *self)
{
  /* Also called while the template is built, before the context is. */
  if (self->context != NULL)
    _gw_window_update_actions (self);
}

static void
export_chart_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GwWindow *self = GW_WINDOW (widget);
  GwChartSource *chart = visible_chart (self);

  if (chart != NULL && gw_context_get_store (self->context) != NULL)
    gw_chart_export_run (GTK_WINDOW (self), chart, add_toast_cb);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  GwWindow *self = GW_WINDOW (widget);
  GwStore *store = gw_context_get_store (self->context);
  GwChartSource *chart = visible_chart (self);
  g_autoptr(GtkPrintOperation) operation = NULL;

  if (store == NULL)
    return;
  if (chart != NULL)
    operation = gw_chart_print_operation_new (chart);
  else if (adw_view_stack_get_visible_child (self->stack) == GTK_WIDGET (self->register_page))
    {
      g_autofree char *base = g_path_get_basename (gw_store_get_path (store));
      const char *name = gw_store_get_name (store);

      operation = gw_register_print_operation_new (gw_register_page_get_shown_items (self->register_page),
                                                   name != NULL && *name != '\0' ? name : base);
    }
  if (operation != NULL)
    gw_chart_export_print (GTK_WINDOW (self), operation, add_toast_cb);
}

static void
present_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  GwWindow *self = GW_WINDOW (widget);
  GwStore *store = store_to_export (self);
  g_autoptr(GtkSelectionModel) pages = adw_view_stack_get_pages (self->stack);
  g_autoptr(GPtrArray) sources = g_ptr_array_new ();
  GwChartSource *shown = visible_chart (self);
  GwPresentation *presentation;
  guint first = 0;

  if (store == NULL)
    return;
  /* One slide per view with a chart, in the order of the pages. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);
      GtkWidget *child = adw_view_stack_page_get_child (page);

      if (!GW_IS_CHART_SOURCE (child))
        continue;
      g_ptr_array_add (sources, child);
      if (GW_CHART_SOURCE (child) == shown)
        first = sources->len;
    }
  presentation = gw_presentation_new (GTK_WINDOW (self), store, sources, first);
  gtk_window_present (GTK_WINDOW (presentation));
}

static void
export_report_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  GwWindow *self = GW_WINDOW (widget);
  GwStore *store = store_to_export (self);

  if (store != NULL)
    gw_chart_export_report (GTK_WINDOW (self), store, add_toast_cb);
}

static void
export_markdown_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  GwWindow *self = GW_WINDOW (widget);
  GwStore *store = store_to_export (self);

  if (store != NULL)
    gw_chart_export_markdown (GTK_WINDOW (self), store, add_toast_cb);
}

/* The CSV tables: "register", "roadmap", "resources-week", "resources-month"
 * or "resources-milestone". */
static void
export_table_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GwWindow *self = GW_WINDOW (widget);
  const char *which = g_variant_get_string (parameter, NULL);
  GwTableKind kind = GW_TABLE_REGISTER;
  GwSchedulePeriod period = GW_SCHEDULE_PERIOD_WEEK;
  GwStore *store;

  if (g_str_equal (which, "roadmap"))
    kind = GW_TABLE_ROADMAP;
  else if (g_str_has_prefix (which, "resources-"))
    {
      kind = GW_TABLE_RESOURCES;
      if (!gw_schedule_period_from_string (which + strlen ("resources-"), &period))
        return;
    }
  else if (!g_str_equal (which, "register"))
    return;
  if ((store = store_to_export (self)) != NULL)
    gw_chart_export_table (GTK_WINDOW (self), store, kind, period, add_toast_cb);
}

/* Opens a file an export wrote (the button of its toast). */
static void
open_export_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  gtk_show_uri (GTK_WINDOW (widget), g_variant_get_string (parameter, NULL), GDK_CURRENT_TIME);
}

/* Private API */

void
_gw_window_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.new-item", NULL, new_item_action);
  gtk_widget_class_install_action (widget_class, "win.duplicate-item", NULL, duplicate_item_action);
  gtk_widget_class_install_action (widget_class, "win.delete-item", NULL, delete_item_action);
  gtk_widget_class_install_action (widget_class, "win.undo-delete", "(ss)", undo_delete_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "win.new-register", NULL, new_register_action);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "win.export-chart", NULL, export_chart_action);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "win.present", NULL, present_action);
  gtk_widget_class_install_action (widget_class, "win.export-report", NULL, export_report_action);
  gtk_widget_class_install_action (widget_class, "win.export-markdown", NULL, export_markdown_action);
  gtk_widget_class_install_action (widget_class, "win.export-table", "s", export_table_action);
  gtk_widget_class_install_action (widget_class, "win.open-export", "s", open_export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export-chart", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "win.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.present", NULL);
  /* The stack's page changes what export and print act on, and what the
   * export button's tooltip says (found with gtk_widget_get_template_child()). */
  gtk_widget_class_bind_template_callback (widget_class, on_visible_page_cb);
  gtk_widget_class_bind_template_child_full (widget_class, "export_chart_button", FALSE, 0);
}

/**
 * _gw_window_update_actions:
 *
 * Enables each action that can act on the register and selection of now,
 * and names in the tooltips what undo and redo would take back.
 */
void
_gw_window_update_actions (GwWindow *self)
{
  GwStore *store = gw_context_get_store (self->context);
  GwStore *writable = writable_store (self);
  gboolean selected = gw_context_get_selected_item (self->context) != NULL;
  g_autofree char *undo_label = writable ? gw_store_get_undo_label (writable) : NULL;
  g_autofree char *redo_label = writable ? gw_store_get_redo_label (writable) : NULL;
  g_autofree char *undo_tip = NULL;
  g_autofree char *redo_tip = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-item", writable != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.duplicate-item", writable != NULL && selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-item", writable != NULL && selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo-delete", writable != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", writable != NULL && undo_label != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", writable != NULL && redo_label != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-as", store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", writable != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.find", store != NULL);
  {
    GtkWidget *page = adw_view_stack_get_visible_child (self->stack);
    GtkWidget *export_button =
      GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (self), GW_TYPE_WINDOW, "export_chart_button"));
    gboolean chart = store != NULL && visible_chart (self) != NULL;
    gboolean table = store != NULL && page != NULL && page == GTK_WIDGET (self->register_page);

    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-chart", chart);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print", chart || table);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.present", store != NULL);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-report", store != NULL);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-markdown", store != NULL);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-table", store != NULL);
    if (export_button != NULL)
      gtk_widget_set_tooltip_text (export_button, chart ? _("Export Chart… (Ctrl+E)")
                                                        : _("This page has no chart to export"));
  }

  /* Translators: a tooltip, "Undo Edit “P0-001”" */
  undo_tip = undo_label ? g_strdup_printf (_("Undo %s"), undo_label) : g_strdup (_("Nothing to Undo"));
  /* Translators: a tooltip, "Redo Edit “P0-001”" */
  redo_tip = redo_label ? g_strdup_printf (_("Redo %s"), redo_label) : g_strdup (_("Nothing to Redo"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->undo_button), undo_tip);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->redo_button), redo_tip);
}
