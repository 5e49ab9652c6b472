/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "gw-sample.h"
#include "gw-window-private.h"

/* The main window: the views of one register over a shared GwContext,
 * opening registers, the read-only notice and the window's state. The
 * actions are in gw-window-actions.c. */

G_DEFINE_FINAL_TYPE (GwWindow, gw_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_EDITOR_VISIBLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define MAX_RECENT 10

/* Helpers */

static void
update_recent_menu (GwWindow *self)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-registers");

  g_menu_remove_all (self->recent_section);
  for (guint i = 0; recent[i] != NULL; i++)
    {
      g_autofree char *label = g_filename_display_basename (recent[i]);
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target_value (item, "win.open-recent", g_variant_new_string (recent[i]));
      g_menu_append_item (self->recent_section, item);
    }
}

static void
remember_register (GwWindow   *self,
                   const char *path)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-registers");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) updated = NULL;
  guint n = 1;

  g_strv_builder_add (builder, path);
  for (guint i = 0; recent[i] != NULL && n < MAX_RECENT; i++)
    if (!g_str_equal (recent[i], path))
      {
        g_strv_builder_add (builder, recent[i]);
        n++;
      }
  updated = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-registers", (const char * const *) updated);
  g_settings_set_string (self->settings, "last-register", path);
}

static void
update_title (GwWindow *self)
{
  GwStore *store = gw_context_get_store (self->context);
  g_autofree char *file = NULL;
  const char *name;

  if (store == NULL)
    {
      adw_view_switcher_title_set_title (self->switcher_title, _("Gapwise"));
      adw_view_switcher_title_set_subtitle (self->switcher_title, NULL);
      gtk_window_set_title (GTK_WINDOW (self), _("Gapwise"));
      return;
    }

  name = gw_store_get_name (store);
  file = g_filename_display_basename (gw_store_get_path (store));
  if (name == NULL || *name == '\0')
    name = file;
  adw_view_switcher_title_set_title (self->switcher_title, name);
  adw_view_switcher_title_set_subtitle (self->switcher_title, file);
  {
    /* Translators: the window title, "Release 2.0 — Gapwise" */
    g_autofree char *title = g_strdup_printf (_("%s — Gapwise"), name);

    gtk_window_set_title (GTK_WINDOW (self), title);
  }
}

static void
set_views_context (GwWindow *self)
{
  g_autoptr(GtkSelectionModel) pages = adw_view_stack_get_pages (self->stack);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (pages));

  /* Every view with a "context" property gets the window's context. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);
      GtkWidget *child = adw_view_stack_page_get_child (page);
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (child), "context");

      if (pspec != NULL && g_type_is_a (pspec->value_type, GW_TYPE_CONTEXT))
        g_object_set (child, "context", self->context, NULL);
    }
}

static void
save_window_state (GwWindow *self)
{
  int width = 0, height = 0;

  /* Both pointers: GTK 4.8 crashes on a NULL one. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
}

/* Callbacks */

static void
on_store_changed_cb (GwWindow       *self,
                     const GwChange *change,
                     GwStore        *store)
{
  if (change->settings)
    update_title (self);
  _gw_window_update_actions (self);
}

static void
on_context_notify_cb (GwWindow   *self,
                      GParamSpec *pspec,
                      GwContext  *context)
{
  _gw_window_update_actions (self);
}

static void
on_recent_changed_cb (GwWindow   *self,
                      const char *key,
                      GSettings  *settings)
{
  update_recent_menu (self);
}

static void
on_error_dialog_destroy_cb (GwWindow  *self,
                            GtkWidget *dialog)
{
  if (self->error_dialog == (AdwMessageDialog *) dialog)
    self->error_dialog = NULL;
}

/* GtkWindow */

static gboolean
gw_window_close_request (GtkWindow *window)
{
  GwWindow *self = GW_WINDOW (window);

  gw_item_editor_commit (gw_register_page_get_editor (self->register_page));
  save_window_state (self);
  return GTK_WINDOW_CLASS (gw_window_parent_class)->close_request (window);
}

/* GObject */

static void
gw_window_dispose (GObject *object)
{
  GwWindow *self = GW_WINDOW (object);

  if (self->store_signals != NULL)
    g_signal_group_set_target (self->store_signals, NULL);
  if (self->context != NULL)
    gw_context_set_store (self->context, NULL, NULL);
  g_clear_weak_pointer (&self->last_toast);
  gtk_widget_dispose_template (GTK_WIDGET (self), GW_TYPE_WINDOW);
  g_clear_object (&self->store_signals);
  g_clear_object (&self->context);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (gw_window_parent_class)->dispose (object);
}

static void
gw_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  GwWindow *self = GW_WINDOW (object);

  switch (prop_id)
    {
    case PROP_EDITOR_VISIBLE:
      g_value_set_boolean (value, self->editor_visible);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gw_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  GwWindow *self = GW_WINDOW (object);

  switch (prop_id)
    {
    case PROP_EDITOR_VISIBLE:
      gw_window_set_editor_visible (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gw_window_class_init (GwWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = gw_window_dispose;
  object_class->get_property = gw_window_get_property;
  object_class->set_property = gw_window_set_property;
  window_class->close_request = gw_window_close_request;

  properties[PROP_EDITOR_VISIBLE] =
    g_param_spec_boolean ("editor-visible", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The views of the stack are found by GtkBuilder through their
   * gw_..._get_type symbols (the executables export them): a new view is
   * one page in gw-window.ui. */

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/gapwise/Gapwise/gw-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GwWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, GwWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, GwWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, GwWindow, undo_button);
  gtk_widget_class_bind_template_child (widget_class, GwWindow, redo_button);
  gtk_widget_class_bind_template_child (widget_class, GwWindow, read_only_revealer);
  gtk_widget_class_bind_template_child (widget_class, GwWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, GwWindow, register_page);
  gtk_widget_class_bind_template_child (widget_class, GwWindow, recent_section);

  gtk_widget_class_install_property_action (widget_class, "win.show-editor", "editor-visible");
  _gw_window_class_init_actions (widget_class);
}

static void
gw_window_init (GwWindow *self)
{
  g_autofree char *view = NULL;

  self->editor_visible = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));

  self->context = gw_context_new ();
  self->settings = g_settings_new (APPLICATION_ID);

  self->store_signals = g_signal_group_new (GW_TYPE_STORE);
  g_signal_group_connect_object (self->store_signals, "changed",
                                 G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notify::selected-item",
                           G_CALLBACK (on_context_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notify::store",
                           G_CALLBACK (on_context_notify_cb), self, G_CONNECT_SWAPPED);

  set_views_context (self);

  /* Window state */
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  view = g_settings_get_string (self->settings, "visible-view");
  if (adw_view_stack_get_child_by_name (self->stack, view) != NULL)
    adw_view_stack_set_visible_child_name (self->stack, view);
  g_settings_bind (self->settings, "visible-view", self->stack, "visible-child-name", G_SETTINGS_BIND_SET);
  g_settings_bind (self->settings, "editor-visible", self, "editor-visible", G_SETTINGS_BIND_DEFAULT);
  g_object_bind_property (self, "editor-visible", self->register_page, "editor-visible",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);

  g_signal_connect_object (self->settings, "changed::recent-registers",
                           G_CALLBACK (on_recent_changed_cb), self, G_CONNECT_SWAPPED);
  update_recent_menu (self);
  update_title (self);
  _gw_window_update_actions (self);
}

/* Private API */

void
_gw_window_add_toast (GwWindow *self,
                      AdwToast *toast)
{
  g_set_weak_pointer (&self->last_toast, toast);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

AdwToast *
_gw_window_get_last_toast (GwWindow *self)
{
  return self->last_toast;
}

AdwMessageDialog *
_gw_window_get_error_dialog (GwWindow *self)
{
  return self->error_dialog;
}

void
_gw_window_show_error (GwWindow   *self,
                       const char *heading,
                       const char *message)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, message));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  self->error_dialog = dialog;
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (on_error_dialog_destroy_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Public API */

GwWindow *
gw_window_new (GtkApplication *application)
{
  return g_object_new (GW_TYPE_WINDOW, "application", application, NULL);
}

/**
 * gw_window_get_context:
 *
 * Returns: (transfer none): what the window's views share
 */
GwContext *
gw_window_get_context (GwWindow *self)
{
  g_return_val_if_fail (GW_IS_WINDOW (self), NULL);
  return self->context;
}

/**
 * gw_window_load:
 * @flags: %GW_STORE_OPEN_READ_ONLY to show the register without editing it
 *
 * Shows the register at @path in the window. On failure the window keeps
 * the register it had.
 *
 * Returns: whether the register could be opened
 */
gboolean
gw_window_load (GwWindow          *self,
                const char        *path,
                GwStoreOpenFlags   flags,
                GError           **error)
{
  g_autoptr(GwStore) store = NULL;
  g_autoptr(GwItemList) items = NULL;
  g_autofree char *absolute = NULL;

  g_return_val_if_fail (GW_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  absolute = g_canonicalize_filename (path, NULL);
  store = gw_store_open (absolute, flags & GW_STORE_OPEN_READ_ONLY, error);
  if (store == NULL)
    return FALSE;
  items = gw_item_list_new (store, error);
  if (items == NULL)
    return FALSE;

  gw_item_editor_commit (gw_register_page_get_editor (self->register_page));
  gw_context_set_store (self->context, store, items);
  g_signal_group_set_target (self->store_signals, store);

  gtk_revealer_set_reveal_child (self->read_only_revealer, gw_store_is_read_only (store));
  update_title (self);
  remember_register (self, absolute);
  _gw_window_update_actions (self);
  return TRUE;
}

/**
 * gw_window_open:
 *
 * Opens the register at @path; when it cannot be opened, says why in a
 * dialog and keeps the register shown.
 */
void
gw_window_open (GwWindow   *self,
                const char *path)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (GW_IS_WINDOW (self));

  if (!gw_window_load (self, path, GW_STORE_OPEN_DEFAULT, &error))
    _gw_window_show_error (self, _("The Register Could Not Be Opened"), error->message);
}

/**
 * gw_window_get_default_register_path:
 *
 * Returns: (transfer full): where the register opened when there is no
 *   other lives: $XDG_DATA_HOME/gapwise/default.gapwise
 */
char *
gw_window_get_default_register_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "gapwise", "default.gapwise", NULL);
}

/**
 * gw_window_open_default:
 *
 * Opens the register that was open last, else the default register,
 * which is made from the sample register the first time.
 */
void
gw_window_open_default (GwWindow *self)
{
  g_autofree char *last = NULL;
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (GW_IS_WINDOW (self));

  last = g_settings_get_string (self->settings, "last-register");
  if (*last != '\0' && g_file_test (last, G_FILE_TEST_EXISTS) && gw_window_load (self, last, GW_STORE_OPEN_DEFAULT, NULL))
    return;

  path = gw_window_get_default_register_path ();
  dir = g_path_get_dirname (path);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved = errno;
          g_autofree char *display = g_filename_display_name (dir);
          g_autofree char *message =
            g_strdup_printf (_("The folder “%s” could not be created: %s."), display, g_strerror (saved));

          _gw_window_show_error (self, _("The Default Register Could Not Be Created"), message);
          return;
        }
      if (!gw_sample_create (path, &error))
        {
          _gw_window_show_error (self, _("The Default Register Could Not Be Created"), error->message);
          return;
        }
    }
  gw_window_open (self, path);
}

gboolean
gw_window_get_editor_visible (GwWindow *self)
{
  g_return_val_if_fail (GW_IS_WINDOW (self), FALSE);
  return self->editor_visible;
}

void
gw_window_set_editor_visible (GwWindow *self,
                              gboolean  visible)
{
  g_return_if_fail (GW_IS_WINDOW (self));

  visible = !!visible;
  if (visible == self->editor_visible)
    return;
  self->editor_visible = visible;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITOR_VISIBLE]);
}
