/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "gw-application.h"
#include "gw-window-private.h"

/* The application: one window per register opened, the default register
 * when started without one, and the actions and shortcuts of all windows. */
struct _GwApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (GwApplication, gw_application, ADW_TYPE_APPLICATION)

static const struct
{
  const char *action;
  const char *accels[3];
} accels[] = {
  { "win.new-item", { "<Control>n", NULL } },
  { "win.duplicate-item", { "<Control>d", NULL } },
  { "win.undo", { "<Control>z", NULL } },
  { "win.redo", { "<Control><Shift>z", "<Control>y", NULL } },
  { "win.new-register", { "<Control><Shift>n", NULL } },
  { "win.open", { "<Control>o", NULL } },
  { "win.save-as", { "<Control><Shift>s", NULL } },
  { "win.import", { "<Control>i", NULL } },
  { "win.find", { "<Control>f", NULL } },
  { "win.show-editor", { "F9", NULL } },
  { "app.quit", { "<Control>q", NULL } },
};

/* Helpers */

/* The window showing the register at @path, if any. */
static GwWindow *
find_window (GwApplication *self,
             GFile         *file)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      GwStore *store;

      if (!GW_IS_WINDOW (l->data))
        continue;
      store = gw_context_get_store (gw_window_get_context (l->data));
      if (store != NULL)
        {
          g_autoptr(GFile) shown = g_file_new_for_path (gw_store_get_path (store));

          if (g_file_equal (shown, file))
            return l->data;
        }
    }
  return NULL;
}

/* Actions */

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       data)
{
  GtkApplication *app = GTK_APPLICATION (data);
  GList *windows = g_list_copy (gtk_application_get_windows (app));

  /* Closing saves each window's state and pending edits. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_list_free (windows);
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       data)
{
  GtkApplication *app = GTK_APPLICATION (data);
  static const char *developers[] = { "The Gapwise developers", NULL };

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", _("Gapwise"),
                         "application-icon", APPLICATION_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", _("The Gapwise developers"),
                         "developers", developers,
                         "comments", _("Plan the gaps between you and a release: score them, order them by dependencies and schedule them against your team’s capacity."),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = quit_activated },
  { .name = "about", .activate = about_activated },
};

/* GApplication */

static void
gw_application_startup (GApplication *application)
{
  G_APPLICATION_CLASS (gw_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (application), app_actions,
                                   G_N_ELEMENTS (app_actions), application);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (application), accels[i].action, accels[i].accels);
}

static void
gw_application_activate (GApplication *application)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));

  if (window == NULL)
    {
      GwWindow *new_window = gw_window_new (GTK_APPLICATION (application));

      gw_window_open_default (new_window);
      window = GTK_WINDOW (new_window);
    }
  gtk_window_present (window);
}

static void
gw_application_open (GApplication  *application,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  GwApplication *self = GW_APPLICATION (application);

  for (int i = 0; i < n_files; i++)
    {
      GwWindow *window = find_window (self, files[i]);
      g_autofree char *path = g_file_get_path (files[i]);
      g_autoptr(GError) error = NULL;

      if (window == NULL && path != NULL)
        {
          window = gw_window_new (GTK_APPLICATION (application));
          if (!gw_window_load (window, path, GW_STORE_OPEN_DEFAULT, &error))
            {
              /* Show something useful behind the message. */
              gw_window_open_default (window);
              gtk_window_present (GTK_WINDOW (window));
              _gw_window_show_error (window, _("The Register Could Not Be Opened"), error->message);
              continue;
            }
        }
      else if (window == NULL)
        {
          g_autofree char *uri = g_file_get_uri (files[i]);
          g_autofree char *message =
            g_strdup_printf (_("“%s” is not on this computer: copy it to a local folder and open the copy."), uri);

          window = gw_window_new (GTK_APPLICATION (application));
          gw_window_open_default (window);
          gtk_window_present (GTK_WINDOW (window));
          _gw_window_show_error (window, _("The Register Could Not Be Opened"), message);
          continue;
        }
      gtk_window_present (GTK_WINDOW (window));
    }
}

static void
gw_application_class_init (GwApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->startup = gw_application_startup;
  app_class->activate = gw_application_activate;
  app_class->open = gw_application_open;
}

static void
gw_application_init (GwApplication *self)
{
}

/* Public API */

GwApplication *
gw_application_new (void)
{
  return g_object_new (GW_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/gapwise/Gapwise",
                       NULL);
}
