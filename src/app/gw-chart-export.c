/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Chart export (a small dialog for the format and the size, then a file
 * chooser), printing a chart or the register, and saving the stakeholder
 * report and the Markdown register. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "gw-chart-export.h"
#include "gw-table-export.h"
#include "gw-markdown-export.h"
#include "gw-report.h"

#define PRESENTATION_WIDTH 1920
#define PRESENTATION_HEIGHT 1080

static const struct
{
  const char *extension;
  const char *label;
  const char *mime;
} formats[] = {
  { ".png", N_("PNG Image"), "image/png" },
  { ".svg", N_("SVG Drawing"), "image/svg+xml" },
  { ".pdf", N_("PDF Document"), "application/pdf" },
};

/* The export dialog's choices, from its response to the file chosen. */
typedef struct
{
  GtkWindow     *parent;
  GwChartSource *source;
  GwToastFunc    toast_func;
  GtkDropDown   *format;
  GtkCheckButton *natural;
  GtkCheckButton *presentation;
  GtkCheckButton *custom;
  GtkSpinButton *width;
  GtkSpinButton *height;
  guint          chosen_format;
  int            out_width;
  int            out_height;
} ExportJob;

typedef struct
{
  GwChartSource *source;
  double         width;
  double         height;
} DrawJob;

typedef struct
{
  GtkWindow   *parent;
  GwStore     *store;
  GwToastFunc  toast_func;
} SaveJob;

typedef struct
{
  GPtrArray *items;
  char      *title;
} RegisterPrint;

typedef struct
{
  GwReport *report;
  char     *path;
  GwPaper   paper;
} ReportTask;

/* Helpers */

static void
export_job_free (ExportJob *job)
{
  g_clear_object (&job->parent);
  g_clear_object (&job->source);
  g_free (job);
}

static void
save_job_free (SaveJob *job)
{
  g_clear_object (&job->parent);
  g_clear_object (&job->store);
  g_free (job);
}

static void
report_task_free (ReportTask *rt)
{
  g_clear_pointer (&rt->report, gw_report_free);
  g_free (rt->path);
  g_free (rt);
}

static void
register_print_free (gpointer  data,
                     GClosure *closure)
{
  RegisterPrint *rp = data;

  g_ptr_array_unref (rp->items);
  g_free (rp->title);
  g_free (rp);
}

static void
toast_error (GtkWindow   *parent,
             GwToastFunc  toast_func,
             const char  *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 8);
  toast_func (parent, toast);
}

/* "Q3 plan: cost/time" -> "Q3 plan- cost-time": a name a file can have. */
static char *
file_name_for (const char *title)
{
  char *name = g_strdup (title && *title ? title : "Gapwise");

  g_strdelimit (name, "/\\:*?\"<>|", '-');
  return name;
}

static GtkFileChooserNative *
save_chooser (GtkWindow  *parent,
              const char *title,
              const char *current_name,
              const char *filter_name,
              const char *pattern,
              const char *mime)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (title, parent, GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, filter_name);
  gtk_file_filter_add_pattern (filter, pattern);
  if (mime != NULL)
    gtk_file_filter_add_mime_type (filter, mime);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), current_name);
  return chooser;
}

static char *
chosen_path (GtkNativeDialog *chooser,
             const char      *extension)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_autofree char *path = file ? g_file_get_path (file) : NULL;
  g_autofree char *lower = NULL;

  if (path == NULL)
    return NULL;
  lower = g_ascii_strdown (path, -1);
  if (!g_str_has_suffix (lower, extension))
    return g_strconcat (path, extension, NULL);
  return g_steal_pointer (&path);
}

static void
draw_chart_cb (cairo_t  *cr,
               gpointer  data)
{
  DrawJob *job = data;

  gw_chart_source_draw (job->source, cr, job->width, job->height, gw_render_palette_light ());
}

/* Callbacks: export */

static void
on_export_chosen_cb (GtkNativeDialog *chooser,
                     int              response,
                     gpointer         data)
{
  ExportJob *job = data;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (path = chosen_path (chooser, formats[job->chosen_format].extension)) != NULL)
    {
      if (gw_chart_export_write (job->source, path, job->out_width, job->out_height, &error))
        job->toast_func (job->parent, gw_chart_export_saved_toast (path));
      else
        toast_error (job->parent, job->toast_func, error->message);
    }
  g_object_unref (chooser);
  export_job_free (job);
}

static void
on_size_toggled_cb (ExportJob *job)
{
  gboolean custom = gtk_check_button_get_active (job->custom);

  gtk_widget_set_sensitive (GTK_WIDGET (job->width), custom);
  gtk_widget_set_sensitive (GTK_WIDGET (job->height), custom);
}

static void
on_export_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       gpointer          data)
{
  ExportJob *job = data;
  GtkFileChooserNative *chooser;
  g_autofree char *title = NULL;
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;

  if (!g_str_equal (response, "export"))
    {
      export_job_free (job);
      return;
    }

  job->chosen_format = MIN (gtk_drop_down_get_selected (job->format), G_N_ELEMENTS (formats) - 1);
  if (gtk_check_button_get_active (job->presentation))
    {
      job->out_width = PRESENTATION_WIDTH;
      job->out_height = PRESENTATION_HEIGHT;
    }
  else if (gtk_check_button_get_active (job->custom))
    {
      job->out_width = gtk_spin_button_get_value_as_int (job->width);
      job->out_height = gtk_spin_button_get_value_as_int (job->height);
    }
  else
    job->out_width = job->out_height = 0;

  title = gw_chart_source_get_title (job->source);
  base = file_name_for (title);
  name = g_strconcat (base, formats[job->chosen_format].extension, NULL);
  {
    g_autofree char *pattern = g_strconcat ("*", formats[job->chosen_format].extension, NULL);

    chooser = save_chooser (job->parent, _("Export Chart"), name, _(formats[job->chosen_format].label), pattern,
                            formats[job->chosen_format].mime);
  }
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_chosen_cb), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Callbacks: printing */

static void
on_chart_draw_page_cb (GtkPrintOperation *operation,
                       GtkPrintContext   *context,
                       int                page,
                       gpointer           data)
{
  GwChartSource *source = GW_CHART_SOURCE (data);
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double pw = gtk_print_context_get_width (context);
  double ph = gtk_print_context_get_height (context);
  double nw = 1, nh = 1, scale;

  gw_chart_source_get_natural_size (source, &nw, &nh);
  nw = MAX (nw, 1);
  nh = MAX (nh, 1);
  scale = MIN (pw / nw, ph / nh);
  cairo_save (cr);
  cairo_translate (cr, (pw - nw * scale) / 2, (ph - nh * scale) / 2);
  cairo_scale (cr, scale, scale);
  cairo_rectangle (cr, 0, 0, nw, nh);
  cairo_clip (cr);
  gw_chart_source_draw (source, cr, nw, nh, gw_render_palette_light ());
  cairo_restore (cr);
}

static void
on_register_begin_print_cb (GtkPrintOperation *operation,
                            GtkPrintContext   *context,
                            gpointer           data)
{
  RegisterPrint *rp = data;

  gtk_print_operation_set_n_pages (operation,
                                   (int) gw_register_pages_count (rp->items, rp->title,
                                                                  gtk_print_context_get_width (context),
                                                                  gtk_print_context_get_height (context)));
}

static void
on_register_draw_page_cb (GtkPrintOperation *operation,
                          GtkPrintContext   *context,
                          int                page,
                          gpointer           data)
{
  RegisterPrint *rp = data;

  gw_register_pages_draw (rp->items, rp->title, gtk_print_context_get_cairo_context (context),
                          gtk_print_context_get_width (context), gtk_print_context_get_height (context),
                          (guint) page);
}

static void
on_print_done_cb (GtkPrintOperation       *operation,
                  GtkPrintOperationResult  result,
                  gpointer                 data)
{
  SaveJob *job = data;
  g_autoptr(GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (operation, &error);
      toast_error (job->parent, job->toast_func, error ? error->message : _("The chart could not be printed."));
    }
  save_job_free (job);
}

/* Callbacks: report and Markdown */

static void
write_report_thread (GTask        *task,
                     gpointer      source,
                     gpointer      data,
                     GCancellable *cancellable)
{
  ReportTask *rt = data;
  GError *error = NULL;

  if (gw_report_write_pdf (rt->report, rt->path, rt->paper, NULL, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_report_written_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      data)
{
  SaveJob *job = data;
  g_autoptr(GError) error = NULL;
  ReportTask *rt = g_task_get_task_data (G_TASK (result));

  if (gw_chart_export_write_report_finish (result, &error))
    job->toast_func (job->parent, gw_chart_export_saved_toast (rt->path));
  else
    toast_error (job->parent, job->toast_func, error->message);
  save_job_free (job);
}

static GwPaper
default_paper (void)
{
  g_autoptr(GtkPaperSize) size = gtk_paper_size_new (NULL);

  /* North American locales default to Letter, the rest of the world to A4. */
  return g_str_has_prefix (gtk_paper_size_get_name (size), "na_") ? GW_PAPER_LETTER : GW_PAPER_A4;
}

static void
on_report_chosen_cb (GtkNativeDialog *chooser,
                     int              response,
                     gpointer         data)
{
  SaveJob *job = data;
  g_autofree char *path = NULL;

  if (response != GTK_RESPONSE_ACCEPT || (path = chosen_path (chooser, ".pdf")) == NULL)
    {
      g_object_unref (chooser);
      save_job_free (job);
      return;
    }
  g_object_unref (chooser);

  gw_chart_export_write_report_async (job->store, path, default_paper (), NULL, on_report_written_cb, job);
}

static void
on_markdown_chosen_cb (GtkNativeDialog *chooser,
                       int              response,
                       gpointer         data)
{
  SaveJob *job = data;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT && (path = chosen_path (chooser, ".md")) != NULL)
    {
      if (gw_markdown_export_to_file (job->store, path, &error))
        job->toast_func (job->parent, gw_chart_export_saved_toast (path));
      else
        toast_error (job->parent, job->toast_func, error->message);
    }
  g_object_unref (chooser);
  save_job_free (job);
}

/* Callbacks: CSV tables */

typedef struct
{
  char             *register_path;
  char             *path;
  GwTableKind       kind;
  GwSchedulePeriod  period;
} TableTask;

static void
table_task_free (TableTask *tt)
{
  g_free (tt->register_path);
  g_free (tt->path);
  g_free (tt);
}

/* The thread reads the register through a connection of its own, so the
 * schedule of a large register does not stop the window. */
static void
write_table_thread (GTask        *task,
                    gpointer      source,
                    gpointer      data,
                    GCancellable *cancellable)
{
  TableTask *tt = data;
  g_autoptr(GwStore) store = NULL;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  store = gw_store_open (tt->register_path, GW_STORE_OPEN_READ_ONLY, &error);
  if (store != NULL && gw_table_export_save (store, tt->kind, tt->period, tt->path, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_table_written_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      data)
{
  SaveJob *job = data;
  TableTask *tt = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (gw_chart_export_write_table_finish (result, &error))
    job->toast_func (job->parent, gw_chart_export_saved_toast (tt->path));
  else
    toast_error (job->parent, job->toast_func, error->message);
  save_job_free (job);
}

static void
on_table_chosen_cb (GtkNativeDialog *chooser,
                    int              response,
                    gpointer         data)
{
  SaveJob *job = data;
  GwTableKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "gapwise-table-kind"));
  GwSchedulePeriod period = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "gapwise-table-period"));
  g_autofree char *path = NULL;

  if (response != GTK_RESPONSE_ACCEPT || (path = chosen_path (chooser, ".csv")) == NULL)
    {
      g_object_unref (chooser);
      save_job_free (job);
      return;
    }
  g_object_unref (chooser);
  gw_chart_export_write_table_async (job->store, kind, period, path, NULL, on_table_written_cb, job);
}

/* Public API */

/**
 * gw_chart_export_write:
 * @width: the file's width in pixels (PNG) or points; 0 with @height 0
 *   for the chart's natural size
 *
 * Writes @source's chart to @path (PNG, SVG or PDF by its extension) in
 * the light palette. A size other than the natural one lays the chart out
 * for that shape, at about the natural size's text size, then scales it.
 */
gboolean
gw_chart_export_write (GwChartSource  *source,
                       const char     *path,
                       int             width,
                       int             height,
                       GError        **error)
{
  DrawJob job = { source, 1, 1 };
  double nw = 1, nh = 1;

  g_return_val_if_fail (GW_IS_CHART_SOURCE (source), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  gw_chart_source_get_natural_size (source, &nw, &nh);
  nw = MAX (nw, 1);
  nh = MAX (nh, 1);
  if (width > 0 && height > 0)
    {
      double k = sqrt (nw * nh / ((double) width * height));

      job.width = width * k;
      job.height = height * k;
    }
  else
    {
      job.width = nw;
      job.height = nh;
      width = height = 0;
    }
  return gw_render_write_file (path, job.width, job.height, width, height, gw_render_palette_light (),
                               draw_chart_cb, &job, error);
}

/**
 * gw_chart_export_run:
 *
 * Asks for a format and a size, then for a file, and exports @source's
 * chart there.
 */
void
gw_chart_export_run (GtkWindow     *parent,
                     GwChartSource *source,
                     GwToastFunc    toast_func)
{
  ExportJob *job;
  AdwMessageDialog *dialog;
  GtkWidget *grid, *label, *size_box, *custom_box;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  g_autofree char *natural_label = NULL;
  double nw = 0, nh = 0;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (GW_IS_CHART_SOURCE (source));
  g_return_if_fail (toast_func != NULL);

  job = g_new0 (ExportJob, 1);
  job->parent = g_object_ref (parent);
  job->source = g_object_ref (source);
  job->toast_func = toast_func;

  title = gw_chart_source_get_title (source);
  gw_chart_source_get_natural_size (source, &nw, &nh);
  /* Translators: the export dialog's text, with the chart's name */
  body = g_strdup_printf (_("“%s” as a file, in light colours."), title);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _("Export Chart"), body));

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    gtk_string_list_append (names, _(formats[i].label));
  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);

  label = gtk_label_new_with_mnemonic (_("_Format"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_grid_attach (GTK_GRID (grid), label, 0, 0, 1, 1);
  job->format = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL));
  gtk_widget_set_hexpand (GTK_WIDGET (job->format), TRUE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (job->format));
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (job->format), 1, 0, 1, 1);

  label = gtk_label_new (_("Size"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_valign (label, GTK_ALIGN_START);
  gtk_grid_attach (GTK_GRID (grid), label, 0, 1, 1, 1);
  size_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  /* Translators: the chart's own size, "Natural (1200 × 800)" */
  natural_label = g_strdup_printf (_("_Natural (%.0f × %.0f)"), nw, nh);
  job->natural = GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (natural_label));
  job->presentation = GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (_("_Slide (1920 × 1080)")));
  job->custom = GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (_("_Custom")));
  gtk_check_button_set_group (job->presentation, job->natural);
  gtk_check_button_set_group (job->custom, job->natural);
  gtk_check_button_set_active (job->natural, TRUE);
  custom_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  job->width = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (16, 16384, 10));
  job->height = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (16, 16384, 10));
  gtk_spin_button_set_value (job->width, round (MAX (nw, 16)));
  gtk_spin_button_set_value (job->height, round (MAX (nh, 16)));
  gtk_accessible_update_property (GTK_ACCESSIBLE (job->width), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Width"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (job->height), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Height"), -1);
  gtk_box_append (GTK_BOX (custom_box), GTK_WIDGET (job->custom));
  gtk_box_append (GTK_BOX (custom_box), GTK_WIDGET (job->width));
  gtk_box_append (GTK_BOX (custom_box), gtk_label_new ("×"));
  gtk_box_append (GTK_BOX (custom_box), GTK_WIDGET (job->height));
  gtk_box_append (GTK_BOX (size_box), GTK_WIDGET (job->natural));
  gtk_box_append (GTK_BOX (size_box), GTK_WIDGET (job->presentation));
  gtk_box_append (GTK_BOX (size_box), custom_box);
  gtk_grid_attach (GTK_GRID (grid), size_box, 1, 1, 1, 1);
  g_signal_connect_swapped (job->custom, "toggled", G_CALLBACK (on_size_toggled_cb), job);
  on_size_toggled_cb (job);

  adw_message_dialog_set_extra_child (dialog, grid);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "export", _("_Export…"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "export", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "export");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_export_response_cb), job);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * gw_chart_print_operation_new:
 *
 * Returns: (transfer full): a print job of one page: @source's chart,
 *   scaled to the page, landscape when the chart is wider than tall
 */
GtkPrintOperation *
gw_chart_print_operation_new (GwChartSource *source)
{
  GtkPrintOperation *operation;
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autofree char *title = NULL;
  double nw = 1, nh = 1;

  g_return_val_if_fail (GW_IS_CHART_SOURCE (source), NULL);

  title = gw_chart_source_get_title (source);
  gw_chart_source_get_natural_size (source, &nw, &nh);
  operation = gtk_print_operation_new ();
  gtk_print_operation_set_job_name (operation, title);
  gtk_print_operation_set_n_pages (operation, 1);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_page_setup_set_orientation (setup, nw > nh ? GTK_PAGE_ORIENTATION_LANDSCAPE : GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_print_operation_set_default_page_setup (operation, setup);
  g_signal_connect_data (operation, "draw-page", G_CALLBACK (on_chart_draw_page_cb), g_object_ref (source),
                         (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  return operation;
}

/**
 * gw_register_print_operation_new:
 * @items: (element-type GwItem): the items as the Register page shows them
 *
 * Returns: (transfer full): a print job of the register as a table, over
 *   as many pages as it takes
 */
GtkPrintOperation *
gw_register_print_operation_new (GListModel *items,
                                 const char *title)
{
  GtkPrintOperation *operation;
  RegisterPrint *rp;
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (items), NULL);

  rp = g_new0 (RegisterPrint, 1);
  n = g_list_model_get_n_items (items);
  rp->items = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (rp->items, g_list_model_get_item (items, i));
  rp->title = g_strdup (title);

  operation = gtk_print_operation_new ();
  gtk_print_operation_set_job_name (operation, title);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  /* The table has margins of its own. */
  gtk_print_operation_set_use_full_page (operation, TRUE);
  g_signal_connect (operation, "begin-print", G_CALLBACK (on_register_begin_print_cb), rp);
  g_signal_connect_data (operation, "draw-page", G_CALLBACK (on_register_draw_page_cb), rp, register_print_free, 0);
  return operation;
}

/**
 * gw_chart_export_print:
 *
 * Shows the print dialog for @operation and prints; a failure is told in
 * a toast.
 */
void
gw_chart_export_print (GtkWindow         *parent,
                       GtkPrintOperation *operation,
                       GwToastFunc        toast_func)
{
  SaveJob *job;
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (GTK_IS_PRINT_OPERATION (operation));

  job = g_new0 (SaveJob, 1);
  job->parent = g_object_ref (parent);
  job->toast_func = toast_func;
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect (operation, "done", G_CALLBACK (on_print_done_cb), job);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, &error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR && error != NULL)
    toast_error (parent, toast_func, error->message);
}

/**
 * gw_chart_export_report:
 *
 * Asks for a file and writes the stakeholder report there, drawing it in
 * a thread; a toast says when it is done.
 */
void
gw_chart_export_report (GtkWindow   *parent,
                        GwStore     *store,
                        GwToastFunc  toast_func)
{
  SaveJob *job;
  GtkFileChooserNative *chooser;
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (GW_IS_STORE (store));

  job = g_new0 (SaveJob, 1);
  job->parent = g_object_ref (parent);
  job->store = g_object_ref (store);
  job->toast_func = toast_func;
  base = file_name_for (gw_store_get_name (store));
  /* Translators: the report's file name, "Release 2.0 report.pdf" */
  name = g_strdup_printf (_("%s report.pdf"), base);
  chooser = save_chooser (parent, _("Export Report"), name, _("PDF Document"), "*.pdf", "application/pdf");
  g_signal_connect (chooser, "response", G_CALLBACK (on_report_chosen_cb), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/**
 * gw_chart_export_write_report_async:
 * @paper: A4 or Letter
 *
 * Reads what the stakeholder report shows from @store now, then draws it
 * to @path in a thread; @callback gets the result of
 * gw_chart_export_write_report_finish().
 */
void
gw_chart_export_write_report_async (GwStore             *store,
                                    const char          *path,
                                    GwPaper              paper,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  ReportTask *rt;
  GDate today;

  g_return_if_fail (GW_IS_STORE (store));
  g_return_if_fail (path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, gw_chart_export_write_report_async);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  rt = g_new0 (ReportTask, 1);
  rt->path = g_strdup (path);
  rt->paper = paper;
  g_task_set_task_data (task, rt, (GDestroyNotify) report_task_free);
  /* Read on this thread (the store is not shared), draw on another. */
  rt->report = gw_report_new (store, &today, &error);
  if (rt->report == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_run_in_thread (task, write_report_thread);
}

gboolean
gw_chart_export_write_report_finish (GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * gw_chart_export_markdown:
 *
 * Asks for a file and writes the register there as Markdown.
 */
void
gw_chart_export_markdown (GtkWindow   *parent,
                          GwStore     *store,
                          GwToastFunc  toast_func)
{
  SaveJob *job;
  GtkFileChooserNative *chooser;
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (GW_IS_STORE (store));

  job = g_new0 (SaveJob, 1);
  job->parent = g_object_ref (parent);
  job->store = g_object_ref (store);
  job->toast_func = toast_func;
  base = file_name_for (gw_store_get_name (store));
  name = g_strconcat (base, ".md", NULL);
  chooser = save_chooser (parent, _("Export as Markdown"), name, _("Markdown"), "*.md", "text/markdown");
  g_signal_connect (chooser, "response", G_CALLBACK (on_markdown_chosen_cb), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/**
 * gw_chart_export_write_table_async:
 * @path: the CSV file to write
 *
 * Writes one CSV table of @store to @path in a thread, which reads the
 * register through a connection of its own.
 */
void
gw_chart_export_write_table_async (GwStore             *store,
                                   GwTableKind          kind,
                                   GwSchedulePeriod     period,
                                   const char          *path,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  TableTask *tt;

  g_return_if_fail (GW_IS_STORE (store));
  g_return_if_fail (path != NULL);

  tt = g_new0 (TableTask, 1);
  tt->register_path = g_strdup (gw_store_get_path (store));
  tt->path = g_strdup (path);
  tt->kind = kind;
  tt->period = period;
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, gw_chart_export_write_table_async);
  g_task_set_task_data (task, tt, (GDestroyNotify) table_task_free);
  g_task_run_in_thread (task, write_table_thread);
}

gboolean
gw_chart_export_write_table_finish (GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * gw_chart_export_table:
 * @kind: which table
 * @period: the periods of a resources table
 *
 * Asks for a file and writes one CSV table of the register there, in a
 * thread; a toast says where, with a button that opens it.
 */
void
gw_chart_export_table (GtkWindow        *parent,
                       GwStore          *store,
                       GwTableKind       kind,
                       GwSchedulePeriod  period,
                       GwToastFunc       toast_func)
{
  SaveJob *job;
  GtkFileChooserNative *chooser;
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;
  const char *title, *suffix;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (GW_IS_STORE (store));

  switch (kind)
    {
    case GW_TABLE_ROADMAP:
      title = _("Export Roadmap");
      /* Translators: the end of an exported file's name, "Harbor Ledger roadmap.csv" */
      suffix = _("roadmap");
      break;
    case GW_TABLE_RESOURCES:
      title = _("Export Resources");
      /* Translators: the end of an exported file's name, "Harbor Ledger resources.csv" */
      suffix = _("resources");
      break;
    case GW_TABLE_REGISTER:
    default:
      title = _("Export Register as CSV");
      suffix = NULL;
      break;
    }

  job = g_new0 (SaveJob, 1);
  job->parent = g_object_ref (parent);
  job->store = g_object_ref (store);
  job->toast_func = toast_func;
  base = file_name_for (gw_store_get_name (store));
  name = suffix != NULL ? g_strdup_printf ("%s %s.csv", base, suffix) : g_strconcat (base, ".csv", NULL);
  chooser = save_chooser (parent, title, name, _("CSV table"), "*.csv", "text/csv");
  g_object_set_data (G_OBJECT (chooser), "gapwise-table-kind", GINT_TO_POINTER (kind));
  g_object_set_data (G_OBJECT (chooser), "gapwise-table-period", GINT_TO_POINTER (period));
  g_signal_connect (chooser, "response", G_CALLBACK (on_table_chosen_cb), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/**
 * gw_chart_export_saved_toast:
 *
 * Returns: (transfer full): a toast that names the file written, with a
 *   button that opens it (win.open-export)
 */
AdwToast *
gw_chart_export_saved_toast (const char *path)
{
  g_autofree char *name = g_filename_display_basename (path);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *title = NULL;
  AdwToast *toast;

  /* Translators: after an export, "“Quadrant.png” saved" */
  title = g_strdup_printf (_("“%s” saved"), name);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Open"));
  adw_toast_set_action_name (toast, "win.open-export");
  adw_toast_set_action_target_value (toast, g_variant_new_string (uri));
  return toast;
}
