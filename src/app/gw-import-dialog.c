/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Import from the window: the user picks Markdown or CSV registers, sees
 * what the import would do (the same report as `gapwise-cli import
 * --dry-run`, with every warning), and confirms. Reading and merging run in
 * a thread on a connection of their own, so a large file never freezes the
 * window; the import is one step of the register's history, undone with
 * Ctrl+Z like any edit. */

#include "config.h"

#include <glib/gi18n.h>

#include "gw-import-dialog.h"
#include "gw-window-private.h"

typedef struct
{
  GwWindow *window;
  char     *register_path;
  GStrv     paths;
  gboolean  dry_run;
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_clear_object (&job->window);
  g_free (job->register_path);
  g_strfreev (job->paths);
  g_free (job);
}

static void start_job (GwWindow          *window,
                       const char *const *paths,
                       gboolean           dry_run);

/* Helpers */

/**
 * gw_import_report_describe:
 *
 * Returns: (transfer full): what an import did or would do, as a few
 *   sentences for the user
 */
char *
gw_import_report_describe (const GwImportReport *report)
{
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u item in the files: ", "%u items in the files: ",
                                             report->items), report->items);
  /* Translators: "3 new, 2 changed, 20 unchanged" */
  g_string_append_printf (text, _("%u new, %u changed, %u unchanged."),
                          report->added, report->changed, report->unchanged);
  if (report->not_in_file > 0)
    {
      g_string_append_c (text, ' ');
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "%u item of the register is in none of the files and stays as it is.",
                                                 "%u items of the register are in none of the files and stay as they are.",
                                                 report->not_in_file), report->not_in_file);
    }
  {
    /* What else the files bring: the counts that are not zero. */
    g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

    if (report->dependencies > 0)
      g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u dependency", "%u dependencies",
                                                            report->dependencies), report->dependencies));
    if (report->milestones > 0)
      g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u milestone", "%u milestones",
                                                            report->milestones), report->milestones));
    if (report->roles > 0)
      g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u role", "%u roles",
                                                            report->roles), report->roles));
    if (report->checklist_entries > 0)
      g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u checklist entry",
                                                            "%u checklist entries", report->checklist_entries),
                                               report->checklist_entries));
    if (report->decision_entries > 0)
      g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u go/no-go entry",
                                                            "%u go/no-go entries", report->decision_entries),
                                               report->decision_entries));
    for (guint i = 0; i < parts->len; i++)
      {
        g_string_append (text, i == 0 ? "\n" : ", ");
        g_string_append (text, g_ptr_array_index (parts, i));
      }
    if (parts->len > 0)
      g_string_append_c (text, '.');
  }
  return g_string_free (text, FALSE);
}

static GtkWidget *
warnings_view (const GwImportReport *report)
{
  g_autoptr(GString) text = g_string_new (NULL);
  GtkWidget *scrolled;
  GtkWidget *label;

  for (guint i = 0; i < report->warnings->len; i++)
    {
      if (i > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, g_ptr_array_index (report->warnings, i));
    }
  label = gtk_label_new (text->str);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "caption");

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 220);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), label);
  gtk_widget_add_css_class (scrolled, "card");
  return scrolled;
}

/* Callbacks */

static void
on_preview_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        gpointer          data)
{
  GwWindow *window = GW_WINDOW (data);
  GStrv paths = g_object_get_data (G_OBJECT (dialog), "gw-import-paths");

  if (g_strcmp0 (response, "import") == 0)
    start_job (window, (const char *const *) paths, FALSE);
  g_object_unref (window);
}

static void
show_preview (GwWindow             *window,
              const char *const    *paths,
              const GwImportReport *report)
{
  g_autofree char *body = gw_import_report_describe (report);
  guint n = g_strv_length ((GStrv) paths);
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;

  if (n == 1)
    {
      g_autofree char *name = g_filename_display_basename (paths[0]);

      /* Translators: a dialog's heading, "Import “plan.md”?" */
      heading = g_strdup_printf (_("Import “%s”?"), name);
    }
  else
    heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Import %u File?", "Import %u Files?", n), n);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (window), heading, body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "import", _("_Import"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "import", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "import");
  adw_message_dialog_set_close_response (dialog, "cancel");
  if (report->warnings->len > 0)
    adw_message_dialog_set_extra_child (dialog, warnings_view (report));
  g_object_set_data_full (G_OBJECT (dialog), "gw-import-paths", g_strdupv ((GStrv) paths),
                          (GDestroyNotify) g_strfreev);
  g_signal_connect (dialog, "response", G_CALLBACK (on_preview_response_cb), g_object_ref (window));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  ImportJob *job = data;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_import_data_free);
  g_autoptr(GwStore) store = NULL;
  GwImportReport *report;
  GError *error = NULL;

  for (guint i = 0; job->paths[i] != NULL; i++)
    {
      GwImportData *file = gw_import_read_file (job->paths[i], &error);

      if (file == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      g_ptr_array_add (files, file);
    }

  /* A connection of this thread's own: the window's stays free. */
  store = gw_store_open (job->register_path, GW_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  report = gw_import_apply (store, files, job->dry_run, &error);
  if (report == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, report, (GDestroyNotify) gw_import_report_free);
}

static void
on_job_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  ImportJob *job = g_task_get_task_data (G_TASK (result));
  GwWindow *window = job->window;
  g_autoptr(GwImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  gtk_widget_set_cursor_from_name (GTK_WIDGET (window), NULL);
  report = g_task_propagate_pointer (G_TASK (result), &error);
  if (report == NULL)
    {
      _gw_window_show_error (window, _("The Files Could Not Be Imported"), error->message);
      return;
    }

  if (job->dry_run)
    {
      show_preview (window, (const char *const *) job->paths, report);
      return;
    }

  /* The import was written by another connection: read it now rather
   * than at the next poll. */
  gw_context_poll (gw_window_get_context (window));
  {
    g_autofree char *title = g_strdup_printf (_("Imported: %u new, %u changed"), report->added, report->changed);
    AdwToast *toast = adw_toast_new (title);

    adw_toast_set_button_label (toast, _("_Undo"));
    adw_toast_set_action_name (toast, "win.undo");
    adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
    _gw_window_add_toast (window, toast);
  }
}

static void
start_job (GwWindow          *window,
           const char *const *paths,
           gboolean           dry_run)
{
  GwStore *store = gw_context_get_store (gw_window_get_context (window));
  g_autoptr(GTask) task = NULL;
  ImportJob *job;

  g_return_if_fail (store != NULL);

  job = g_new0 (ImportJob, 1);
  job->window = g_object_ref (window);
  job->register_path = g_strdup (gw_store_get_path (store));
  job->paths = g_strdupv ((GStrv) paths);
  job->dry_run = dry_run;

  gtk_widget_set_cursor_from_name (GTK_WIDGET (window), "progress");
  task = g_task_new (NULL, NULL, on_job_done_cb, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) import_job_free);
  g_task_run_in_thread (task, import_thread);
}

static void
on_chooser_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        gpointer         data)
{
  GwWindow *window = GW_WINDOW (data);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) paths = NULL;

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);
          g_autofree char *path = g_file_get_path (file);

          if (path != NULL)
            g_strv_builder_add (builder, path);
        }
      paths = g_strv_builder_end (builder);
      if (paths[0] != NULL)
        gw_import_preview_files (window, (const char *const *) paths);
    }
  g_object_unref (chooser);
  g_object_unref (window);
}

/* Public API */

/**
 * gw_import_choose_files:
 *
 * Asks for Markdown or CSV registers to import into the window's register,
 * then previews the import.
 */
void
gw_import_choose_files (GwWindow *window)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) registers = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  g_return_if_fail (GW_IS_WINDOW (window));

  chooser = gtk_file_chooser_native_new (_("Import Registers"), GTK_WINDOW (window),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import…"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_file_filter_set_name (registers, _("Markdown and CSV registers"));
  for (const char *const *p = (const char *const[]) { "*.md", "*.markdown", "*.txt", "*.csv", "*.tsv", NULL }; *p; p++)
    gtk_file_filter_add_pattern (registers, *p);
  gtk_file_filter_add_mime_type (registers, "text/markdown");
  gtk_file_filter_add_mime_type (registers, "text/csv");
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), registers);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (chooser), registers);

  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response_cb), g_object_ref (window));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/**
 * gw_import_preview_files:
 * @paths: the files to import
 *
 * Reads @paths and works out what importing them would change (a dry run
 * in a thread), then asks the user to confirm with that report.
 */
void
gw_import_preview_files (GwWindow          *window,
                         const char *const *paths)
{
  g_return_if_fail (GW_IS_WINDOW (window));
  g_return_if_fail (paths != NULL && paths[0] != NULL);

  start_job (window, paths, TRUE);
}
