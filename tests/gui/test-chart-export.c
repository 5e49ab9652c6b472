/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Export, print and presentation from the real window under Xvfb: which
 * pages can export or print, every chart view written to PNG, SVG and PDF
 * in the light palette even in dark style, a chart and the register
 * printed to PDF through GtkPrintOperation (checked with pdftotext), and
 * presentation mode driven with the keyboard. */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <sys/wait.h>

#include "gw-chart-export.h"
#include "gw-gui-test.h"
#include "gw-presentation.h"
#include "gw-register-page.h"
#include "gw-sample.h"
#include "gw-window.h"

typedef struct
{
  char         *dir;
  char         *path;
  GwWindow     *window;
  AdwViewStack *stack;
} Fixture;

/* Helpers */

static char *
run (const char *const *argv)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* The page count pdfinfo prints. */
static guint
pdf_pages (const char *info)
{
  const char *line = strstr (info, "Pages:");
  guint n = 0;

  g_assert_nonnull (line);
  g_assert_cmpint (sscanf (line, "Pages: %u", &n), ==, 1);
  return n;
}

static GtkWidget *
show_page (Fixture    *fx,
           const char *name)
{
  adw_view_stack_set_visible_child_name (fx->stack, name);
  gw_test_wait_ms (200);
  gw_test_spin ();
  return adw_view_stack_get_visible_child (fx->stack);
}

/* Whether win.@action is enabled, seen as a user sees it: a button for it
 * in the header bar is sensitive. */
static gboolean
action_enabled (Fixture    *fx,
                const char *action)
{
  AdwHeaderBar *bar = ADW_HEADER_BAR (gw_test_find_type (GTK_WIDGET (fx->window), ADW_TYPE_HEADER_BAR));
  g_autofree char *name = g_strconcat ("win.", action, NULL);
  GtkWidget *probe = gtk_button_new ();
  gboolean enabled;

  gtk_actionable_set_action_name (GTK_ACTIONABLE (probe), name);
  adw_header_bar_pack_start (bar, probe);
  gw_test_spin ();
  enabled = gtk_widget_get_sensitive (probe);
  adw_header_bar_remove (bar, probe);
  return enabled;
}

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fx->dir = g_dir_make_tmp ("gapwise-export-XXXXXX", &error);
  fx->path = g_build_filename (fx->dir, "sample.gapwise", NULL);
  g_assert_true (gw_sample_create (fx->path, &error));
  g_assert_no_error (error);

  fx->window = g_object_ref_sink (gw_window_new (NULL));
  gtk_window_set_default_size (GTK_WINDOW (fx->window), 1200, 800);
  g_assert_true (gw_window_load (fx->window, fx->path, GW_STORE_OPEN_DEFAULT, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (fx->window));
  fx->stack = ADW_VIEW_STACK (gw_test_find_type (GTK_WIDGET (fx->window), ADW_TYPE_VIEW_STACK));
  gw_test_wait_ms (300);
  gw_test_spin ();
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
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

/* The Register page has no chart: no export (the button says why), but
 * it prints; every chart page exports and prints. */
static void
test_actions_per_page (Fixture       *fx,
                       gconstpointer  data)
{
  const char *charts[] = { "quadrant", "dependencies", "gantt", "resources", "gates" };
  GtkWidget *button;

  show_page (fx, "register");
  g_assert_false (action_enabled (fx, "export-chart"));
  g_assert_true (action_enabled (fx, "print"));
  g_assert_true (action_enabled (fx, "present"));
  g_assert_true (action_enabled (fx, "export-report"));
  g_assert_true (action_enabled (fx, "export-markdown"));
  button = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (fx->window), GW_TYPE_WINDOW, "export_chart_button"));
  g_assert_nonnull (button);
  g_assert_false (gtk_widget_is_sensitive (button));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "This page has no chart to export");

  for (guint i = 0; i < G_N_ELEMENTS (charts); i++)
    {
      GtkWidget *page = show_page (fx, charts[i]);

      g_test_message ("page %s", charts[i]);
      g_assert_true (GW_IS_CHART_SOURCE (page));
      g_assert_true (action_enabled (fx, "export-chart"));
      g_assert_true (action_enabled (fx, "print"));
      g_assert_true (gtk_widget_is_sensitive (button));
      g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "Export Chart… (Ctrl+E)");
    }
}

/* Every chart view writes PNG, SVG and PDF files; the PNG has the size
 * asked for and the white of the light palette although the app is dark. */
static void
test_export_files (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(GtkSelectionModel) pages = adw_view_stack_get_pages (fx->stack);
  guint charts = 0;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  gw_test_spin ();
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);
      GtkWidget *child = adw_view_stack_page_get_child (page);
      const char *name = adw_view_stack_page_get_name (page);
      const char *extensions[] = { "png", "svg", "pdf" };
      g_autoptr(GError) error = NULL;
      double nw = 0, nh = 0;

      if (!GW_IS_CHART_SOURCE (child))
        continue;
      charts++;
      show_page (fx, name);
      gw_chart_source_get_natural_size (GW_CHART_SOURCE (child), &nw, &nh);
      for (guint e = 0; e < G_N_ELEMENTS (extensions); e++)
        {
          g_autofree char *file = g_strdup_printf ("%s.%s", name, extensions[e]);
          g_autofree char *path = g_build_filename (fx->dir, file, NULL);

          g_test_message ("%s", file);
          g_assert_true (gw_chart_export_write (GW_CHART_SOURCE (child), path, 0, 0, &error));
          g_assert_no_error (error);
          g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
          if (e == 0)
            {
              cairo_surface_t *png = cairo_image_surface_create_from_png (path);
              const guint32 *px;

              g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
              g_assert_cmpint (cairo_image_surface_get_width (png), ==, (int) ceil (nw));
              g_assert_cmpint (cairo_image_surface_get_height (png), ==, (int) ceil (nh));
              px = (const guint32 *) cairo_image_surface_get_data (png);
              /* the corner is the light palette's, not the dark style's #1e1e1e */
              g_assert_cmphex ((px[0] >> 16) & 0xff, >, 0xe0);
              g_assert_cmphex ((px[0] >> 8) & 0xff, >, 0xe0);
              g_assert_cmphex (px[0] & 0xff, >, 0xe0);
              cairo_surface_destroy (png);
            }
          else if (e == 2)
            {
              const char *argv[] = { "pdfinfo", path, NULL };
              g_autofree char *info = run (argv);

              g_assert_cmpuint (pdf_pages (info), ==, 1);
            }
        }
      /* a slide-sized PNG fills 1920 x 1080 */
      {
        g_autofree char *file = g_strdup_printf ("%s-slide.png", name);
        g_autofree char *path = g_build_filename (fx->dir, file, NULL);
        cairo_surface_t *png;

        g_assert_true (gw_chart_export_write (GW_CHART_SOURCE (child), path, 1920, 1080, &error));
        g_assert_no_error (error);
        png = cairo_image_surface_create_from_png (path);
        g_assert_cmpint (cairo_image_surface_get_width (png), ==, 1920);
        g_assert_cmpint (cairo_image_surface_get_height (png), ==, 1080);
        cairo_surface_destroy (png);
      }
    }
  g_assert_cmpuint (charts, ==, 5);

  /* A file name that says no format is refused, naming it. */
  {
    g_autofree char *path = g_build_filename (fx->dir, "chart.bmp", NULL);
    g_autoptr(GError) error = NULL;

    g_assert_false (gw_chart_export_write (GW_CHART_SOURCE (show_page (fx, "gates")), path, 0, 0, &error));
    g_assert_error (error, GW_RENDER_ERROR, GW_RENDER_ERROR_FORMAT);
    g_assert_nonnull (strstr (error->message, "chart.bmp"));
  }
}

static void
print_to_pdf (Fixture           *fx,
              GtkPrintOperation *operation,
              const char        *path)
{
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;

  gtk_print_operation_set_export_filename (operation, path);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, GTK_WINDOW (fx->window), &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  gw_test_spin ();
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

/* A chart printed through GtkPrintOperation: one landscape page with the
 * chart's text; the Gates chart in light colours whatever the style. */
static void
test_print_chart (Fixture       *fx,
                  gconstpointer  data)
{
  g_autofree char *gates_pdf = g_build_filename (fx->dir, "gates-print.pdf", NULL);
  g_autofree char *quadrant_pdf = g_build_filename (fx->dir, "quadrant-print.pdf", NULL);
  g_autoptr(GtkPrintOperation) gates = NULL;
  g_autoptr(GtkPrintOperation) quadrant = NULL;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  gates = gw_chart_print_operation_new (GW_CHART_SOURCE (show_page (fx, "gates")));
  print_to_pdf (fx, gates, gates_pdf);
  {
    const char *text_argv[] = { "pdftotext", "-layout", gates_pdf, "-", NULL };
    const char *info_argv[] = { "pdfinfo", gates_pdf, NULL };
    g_autofree char *text = run (text_argv);
    g_autofree char *info = run (info_argv);
    double w = 0, h = 0;
    const char *size = strstr (info, "Page size:");

    g_assert_nonnull (strstr (text, "NO-GO"));
    g_assert_nonnull (strstr (text, "musts not done: P0-002"));
    g_assert_nonnull (strstr (text, "M1 · Security Baseline"));
    g_assert_cmpuint (pdf_pages (info), ==, 1);
    g_assert_nonnull (size);
    g_assert_cmpint (sscanf (size, "Page size: %lf x %lf", &w, &h), ==, 2);
    g_assert_cmpfloat (w, >, h);
  }
  /* the printed page is white: the light palette */
  {
    const char *argv[] = { "pdftoppm", "-png", "-r", "20", "-singlefile", gates_pdf, NULL, NULL };
    g_autofree char *prefix = g_build_filename (fx->dir, "gates-page", NULL);
    g_autofree char *png_path = g_strconcat (prefix, ".png", NULL);
    g_autofree char *out = NULL;
    cairo_surface_t *png;
    const guchar *pixels;
    int stride, w, h;
    guint64 light = 0;

    argv[6] = prefix;
    out = run (argv);
    png = cairo_image_surface_create_from_png (png_path);
    g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
    pixels = cairo_image_surface_get_data (png);
    stride = cairo_image_surface_get_stride (png);
    w = cairo_image_surface_get_width (png);
    h = cairo_image_surface_get_height (png);
    for (int y = 0; y < h; y++)
      for (int x = 0; x < w; x++)
        {
          guint32 p = ((const guint32 *) (pixels + y * stride))[x];

          if (((p >> 16) & 0xff) > 0xe0 && ((p >> 8) & 0xff) > 0xe0 && (p & 0xff) > 0xe0)
            light++;
        }
    cairo_surface_destroy (png);
    g_assert_cmpuint (light * 10, >, (guint64) w * h * 7);
  }

  quadrant = gw_chart_print_operation_new (GW_CHART_SOURCE (show_page (fx, "quadrant")));
  print_to_pdf (fx, quadrant, quadrant_pdf);
  {
    const char *argv[] = { "pdftotext", quadrant_pdf, "-", NULL };
    g_autofree char *text = run (argv);

    g_assert_nonnull (strstr (text, "Quick Wins"));
    g_assert_nonnull (strstr (text, "P0-004"));
  }
}

/* The Register page prints the register as a table: every item's key. */
static void
test_print_register (Fixture       *fx,
                     gconstpointer  data)
{
  GwRegisterPage *page = GW_REGISTER_PAGE (show_page (fx, "register"));
  GListModel *shown = gw_register_page_get_shown_items (page);
  g_autofree char *pdf = g_build_filename (fx->dir, "register-print.pdf", NULL);
  g_autoptr(GtkPrintOperation) operation = gw_register_print_operation_new (shown, "Harbor Ledger 2.0");
  const char *argv[] = { "pdftotext", "-layout", pdf, "-", NULL };
  g_autofree char *text = NULL;

  print_to_pdf (fx, operation, pdf);
  text = run (argv);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 26);
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(GwItem) item = g_list_model_get_item (shown, i);

      g_assert_nonnull (strstr (text, gw_item_get_key (item)));
    }
  g_assert_nonnull (strstr (text, "Harbor Ledger 2.0"));
  g_assert_nonnull (strstr (text, "Page 1 of"));
}

static GwPresentation *
find_presentation (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (GW_IS_PRESENTATION (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return GW_PRESENTATION (w);
    }
  return NULL;
}

static void
xdotool_key (const char *keys)
{
  /* No window manager gives the presentation the focus: xdotool does. */
  g_autofree char *command = g_strdup_printf ("xdotool search --onlyvisible --name Presentation windowfocus --sync key %s",
                                              keys);
  g_auto(GStrv) argv = NULL;
  int status = 0;

  g_assert_true (g_shell_parse_argv (command, NULL, &argv, NULL));
  g_assert_true (g_spawn_sync (NULL, argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  gw_test_wait_ms (300);
  gw_test_spin ();
}

/* F5 on the Quadrant page starts on its slide; the keys move; Escape leaves. */
static void
test_present (Fixture       *fx,
              gconstpointer  data)
{
  GwPresentation *presentation;
  g_autofree char *title = NULL;
  g_autofree char *first = NULL;

  show_page (fx, "quadrant");
  gtk_widget_activate_action (GTK_WIDGET (fx->window), "win.present", NULL);
  gw_test_wait_ms (400);
  gw_test_spin ();
  presentation = find_presentation ();
  g_assert_nonnull (presentation);
  /* the summary, then Quadrant, Dependencies, Gantt, Resources, Gates */
  g_assert_cmpuint (gw_presentation_get_n_slides (presentation), ==, 6);
  g_assert_cmpuint (gw_presentation_get_slide (presentation), ==, 1);
  title = gw_presentation_get_slide_title (presentation, 1);
  g_assert_cmpstr (title, ==, "Quadrant");
  first = gw_presentation_get_slide_title (presentation, 0);
  g_assert_cmpstr (first, ==, "Summary and Readiness");

  /* the real keyboard: the presentation has the focus */
  xdotool_key ("Right");
  g_assert_cmpuint (gw_presentation_get_slide (presentation), ==, 2);
  xdotool_key ("Page_Down");
  g_assert_cmpuint (gw_presentation_get_slide (presentation), ==, 3);
  xdotool_key ("End");
  g_assert_cmpuint (gw_presentation_get_slide (presentation), ==, 5);
  xdotool_key ("Right");
  g_assert_cmpuint (gw_presentation_get_slide (presentation), ==, 5);
  xdotool_key ("Home");
  g_assert_cmpuint (gw_presentation_get_slide (presentation), ==, 0);
  xdotool_key ("Left");
  g_assert_cmpuint (gw_presentation_get_slide (presentation), ==, 0);
  xdotool_key ("Escape");
  g_assert_null (find_presentation ());

  /* F5 from the Register page starts on the summary */
  show_page (fx, "register");
  gtk_widget_activate_action (GTK_WIDGET (fx->window), "win.present", NULL);
  gw_test_wait_ms (400);
  gw_test_spin ();
  presentation = find_presentation ();
  g_assert_nonnull (presentation);
  g_assert_cmpuint (gw_presentation_get_slide (presentation), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (presentation), "presentation.leave", NULL);
  gw_test_spin ();
  g_assert_null (find_presentation ());
}

static gboolean
all_ready (gpointer data)
{
  GPtrArray *sources = data;

  for (guint i = 0; i < sources->len; i++)
    if (!gw_chart_source_is_ready (g_ptr_array_index (sources, i)))
      return FALSE;
  return TRUE;
}

/* How many pixels of a chart drawn at 800 x 500 differ from its corner's. */
static guint
drawn_pixels (GwChartSource *source)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 800, 500);
  cairo_t *cr = cairo_create (surface);
  const GwRenderPalette *palette = gw_render_palette_light ();
  guint32 *data, corner;
  guint n = 0;
  int stride;

  gw_render_set_color (cr, &palette->background, 1);
  cairo_paint (cr);
  gw_chart_source_draw (source, cr, 800, 500, palette);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  data = (guint32 *) cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface) / 4;
  corner = data[0] & 0xffffff;
  for (int y = 0; y < 500; y++)
    for (int x = 0; x < 800; x++)
      n += (data[y * stride + x] & 0xffffff) != corner;
  cairo_surface_destroy (surface);
  return n;
}

/* Presenting from a window whose chart pages were never shown: each page
 * computes its chart for its slide, and every slide has one. */
static void
test_present_unvisited_pages (Fixture       *fx,
                              gconstpointer  data)
{
  g_autoptr(GPtrArray) sources = g_ptr_array_new ();
  g_autoptr(GtkSelectionModel) pages = adw_view_stack_get_pages (fx->stack);
  GwPresentation *presentation;

  g_assert_cmpstr (adw_view_stack_get_visible_child_name (fx->stack), ==, "register");
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);
      GtkWidget *child = adw_view_stack_page_get_child (page);

      if (GW_IS_CHART_SOURCE (child))
        g_ptr_array_add (sources, child);
    }
  g_assert_cmpuint (sources->len, ==, 5);

  gtk_widget_activate_action (GTK_WIDGET (fx->window), "win.present", NULL);
  presentation = find_presentation ();
  g_assert_nonnull (presentation);
  g_assert_true (gw_test_wait_until (all_ready, sources, 20000));
  gw_test_spin ();
  for (guint i = 0; i < sources->len; i++)
    {
      g_autofree char *title = gw_chart_source_get_title (g_ptr_array_index (sources, i));
      guint n = drawn_pixels (g_ptr_array_index (sources, i));

      g_test_message ("%s: %u pixels drawn", title, n);
      g_assert_cmpuint (n, >, 2000);
    }
  gtk_widget_activate_action (GTK_WIDGET (presentation), "presentation.leave", NULL);
  gw_test_spin ();
}

typedef struct
{
  GError   *error;
  gboolean  done;
} ReportState;

static void
on_report_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      data)
{
  ReportState *state = data;

  gw_chart_export_write_report_finish (result, &state->error);
  state->done = TRUE;
}

/* Export Report: the report is drawn in a thread while the window runs. */
static void
test_report (Fixture       *fx,
             gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (fx->dir, "report.pdf", NULL);
  ReportState state = { NULL, FALSE };
  GwStore *store = gw_context_get_store (gw_window_get_context (fx->window));

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  gw_chart_export_write_report_async (store, pdf, GW_PAPER_LETTER, NULL, on_report_done_cb, &state);
  while (!state.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (state.error);
  {
    const char *text_argv[] = { "pdftotext", pdf, "-", NULL };
    const char *info_argv[] = { "pdfinfo", pdf, NULL };
    g_autofree char *text = run (text_argv);
    g_autofree char *info = run (info_argv);

    g_assert_nonnull (strstr (text, "STAKEHOLDER REPORT"));
    g_assert_nonnull (strstr (text, "NO-GO"));
    g_assert_nonnull (strstr (info, "(letter)"));
    g_assert_cmpuint (pdf_pages (info), >=, 8);
  }

  /* a folder that is not there: the error names the file */
  {
    g_autofree char *bad = g_build_filename (fx->dir, "missing", "report.pdf", NULL);

    state.done = FALSE;
    gw_chart_export_write_report_async (store, bad, GW_PAPER_A4, NULL, on_report_done_cb, &state);
    while (!state.done)
      g_main_context_iteration (NULL, TRUE);
    g_assert_error (state.error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
    g_assert_nonnull (strstr (state.error->message, "report.pdf"));
    g_clear_error (&state.error);
  }
}

/* The file chooser the window opened (GtkFileChooserNative shows a
 * GtkFileChooserDialog when there is no portal). */
static GtkWidget *
wait_for_chooser (void)
{
  for (int tries = 0; tries < 100; tries++)
    {
      GListModel *toplevels = gtk_window_get_toplevels ();

      for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
        {
          g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

          if (GTK_IS_FILE_CHOOSER_DIALOG (window) && gtk_widget_get_visible (window))
            return window;
        }
      gw_test_wait_ms (50);
    }
  g_assert_not_reached ();
}

typedef struct
{
  gboolean  done;
  GError   *error;
} TableState;

static void
on_table_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      data)
{
  TableState *state = data;

  gw_chart_export_write_table_finish (result, &state->error);
  state->done = TRUE;
}

/* Export CSV Table from the main menu: the action asks where, with a name
 * made from the register's; what it then writes, in a thread, is the same
 * table as gapwise-cli export. */
static void
test_export_tables (Fixture       *fx,
                    gconstpointer  data)
{
  static const struct
  {
    const char       *target;
    GwTableKind       kind;
    GwSchedulePeriod  period;
    const char       *cli_kind;
    const char       *cli_period;
    const char       *suggested;
  } tables[] = {
    { "register", GW_TABLE_REGISTER, GW_SCHEDULE_PERIOD_WEEK, "register", NULL, ".csv" },
    { "roadmap", GW_TABLE_ROADMAP, GW_SCHEDULE_PERIOD_WEEK, "roadmap", NULL, " roadmap.csv" },
    { "resources-month", GW_TABLE_RESOURCES, GW_SCHEDULE_PERIOD_MONTH, "resources", "month", " resources.csv" },
    { "resources-milestone", GW_TABLE_RESOURCES, GW_SCHEDULE_PERIOD_MILESTONE, "resources", "milestone",
      " resources.csv" },
  };
  GwStore *store = gw_context_get_store (gw_window_get_context (fx->window));
  const char *cli = g_getenv ("GAPWISE_CLI");

  g_assert_nonnull (cli);
  show_page (fx, "gantt");
  {
    AdwHeaderBar *bar = ADW_HEADER_BAR (gw_test_find_type (GTK_WIDGET (fx->window), ADW_TYPE_HEADER_BAR));
    GtkWidget *probe = gtk_button_new ();

    gtk_actionable_set_detailed_action_name (GTK_ACTIONABLE (probe), "win.export-table::roadmap");
    adw_header_bar_pack_start (bar, probe);
    gw_test_spin ();
    g_assert_true (gtk_widget_get_sensitive (probe));
    adw_header_bar_remove (bar, probe);
  }

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *name = g_strdup_printf ("%s.csv", tables[i].target);
      g_autofree char *path = g_build_filename (fx->dir, name, NULL);
      g_autofree char *cli_path = g_build_filename (fx->dir, "cli.csv", NULL);
      g_autofree char *written = NULL;
      g_autofree char *expected = NULL;
      g_autofree char *period = tables[i].cli_period ? g_strdup_printf ("--period=%s", tables[i].cli_period) : NULL;
      g_autofree char *suggested = g_strconcat (gw_store_get_name (store), tables[i].suggested, NULL);
      const char *argv[] = { cli, "export", tables[i].cli_kind, fx->path, "-o", cli_path, period, NULL };
      TableState state = { FALSE, NULL };
      GtkWidget *chooser;

      g_test_message ("export %s", tables[i].target);
      gtk_widget_activate_action (GTK_WIDGET (fx->window), "win.export-table", "s", tables[i].target);
      chooser = wait_for_chooser ();
G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      {
        g_autofree char *current = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));

        g_assert_cmpstr (current, ==, suggested);
      }
      gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
G_GNUC_END_IGNORE_DEPRECATIONS
      gw_test_spin ();

      gw_chart_export_write_table_async (store, tables[i].kind, tables[i].period, path, NULL,
                                         on_table_done_cb, &state);
      while (!state.done)
        g_main_context_iteration (NULL, TRUE);
      g_assert_no_error (state.error);
      g_assert_true (g_file_get_contents (path, &written, NULL, NULL));
      g_free (run (argv));
      g_assert_true (g_file_get_contents (cli_path, &expected, NULL, NULL));
      g_assert_cmpstr (written, ==, expected);
      g_assert_true (g_str_has_prefix (written, tables[i].kind == GW_TABLE_REGISTER ? "key," :
                                                tables[i].kind == GW_TABLE_ROADMAP ? "key,title," : "period,"));
      g_unlink (cli_path);
    }

  /* A folder that is not there: an error that names the file. */
  {
    g_autofree char *bad = g_build_filename (fx->dir, "missing", "roadmap.csv", NULL);
    TableState state = { FALSE, NULL };

    gw_chart_export_write_table_async (store, GW_TABLE_ROADMAP, GW_SCHEDULE_PERIOD_WEEK, bad, NULL,
                                       on_table_done_cb, &state);
    while (!state.done)
      g_main_context_iteration (NULL, TRUE);
    g_assert_nonnull (state.error);
    g_assert_nonnull (strstr (state.error->message, "roadmap.csv"));
    g_clear_error (&state.error);
  }
}

/* After an export, the toast names the file and opens it. */
static void
test_saved_toast (Fixture       *fx,
                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fx->dir, "Quadrant.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);
  AdwToast *toast = g_object_ref_sink (gw_chart_export_saved_toast (path));
  GVariant *target = adw_toast_get_action_target_value (toast);

  g_assert_cmpstr (adw_toast_get_title (toast), ==, "“Quadrant.png” saved");
  g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "_Open");
  g_assert_cmpstr (adw_toast_get_action_name (toast), ==, "win.open-export");
  g_assert_cmpstr (g_variant_get_string (target, NULL), ==, uri);
  g_object_unref (toast);
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

#define ADD(path, fn) g_test_add ("/chart-export/" path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("actions-per-page", test_actions_per_page);
  ADD ("export-files", test_export_files);
  ADD ("print-chart", test_print_chart);
  ADD ("print-register", test_print_register);
  ADD ("present", test_present);
  ADD ("present-unvisited-pages", test_present_unvisited_pages);
  ADD ("report", test_report);
  ADD ("saved-toast", test_saved_toast);
  ADD ("export-tables", test_export_tables);
#undef ADD

  return g_test_run ();
}
