/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The stakeholder report as a reader gets it: the PDF's pages and text
 * (pdfinfo and pdftotext from poppler-utils) on the sample register and
 * on a long one whose Gantt chart runs over many landscape pages; the
 * register printed as pages; gapwise-cli report. */

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <sys/wait.h>

#include "gw-gates.h"
#include "gw-readiness-chart.h"
#include "gw-report.h"
#include "gw-sample.h"

typedef struct
{
  char *dir;
} Fixture;

/* Helpers */

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fx->dir = g_dir_make_tmp ("gapwise-report-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(GDir) d = g_dir_open (fx->dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (fx->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fx->dir);
  g_free (fx->dir);
}

static char *
run (const char *const *argv,
     int               *exit_status,
     char             **err)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  if (exit_status != NULL)
    *exit_status = WEXITSTATUS (status);
  else
    g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  return out;
}

static char *
pdf_text (const char *path)
{
  const char *argv[] = { "pdftotext", "-layout", path, "-", NULL };

  return run (argv, NULL, NULL);
}

static guint
pdf_pages (const char *path,
           guint      *landscape)
{
  const char *argv[] = { "pdfinfo", "-f", "1", "-l", "100000", path, NULL };
  g_autofree char *info = run (argv, NULL, NULL);
  g_auto(GStrv) lines = g_strsplit (info, "\n", -1);
  guint pages = 0;

  *landscape = 0;
  for (guint i = 0; lines[i] != NULL; i++)
    {
      double w, h;
      guint n;

      if (sscanf (lines[i], "Page %u size: %lf x %lf", &n, &w, &h) == 3)
        {
          pages++;
          if (w > h)
            (*landscape)++;
        }
    }
  return pages;
}

/* The text between the first @from and the next @to after it. */
static char *
between (const char *text,
         const char *from,
         const char *to)
{
  const char *a = strstr (text, from);
  const char *b;

  g_assert_nonnull (a);
  b = strstr (a, to);
  g_assert_nonnull (b);
  return g_strndup (a, b - a);
}

static GDate
today (void)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 10, G_DATE_FEBRUARY, 2026);
  return date;
}

static GwStore *
open_sample (Fixture *fx)
{
  g_autofree char *path = g_build_filename (fx->dir, "sample.gapwise", NULL);
  g_autoptr(GError) error = NULL;
  GwStore *store;

  g_assert_true (gw_sample_create (path, &error));
  g_assert_no_error (error);
  store = gw_store_open (path, GW_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  return store;
}

static char *
write_report (Fixture    *fx,
              GwStore    *store,
              const char *name,
              GwPaper     paper,
              guint      *n_pages)
{
  g_autoptr(GwReport) report = NULL;
  g_autoptr(GError) error = NULL;
  GDate date = today ();
  char *path = g_build_filename (fx->dir, name, NULL);

  report = gw_report_new (store, &date, &error);
  g_assert_no_error (error);
  g_assert_true (gw_report_write_pdf (report, path, paper, n_pages, &error));
  g_assert_no_error (error);
  return path;
}

static void
add_item (GwStore    *store,
          const char *key,
          const char *fields)
{
  g_autoptr(GwItem) item = gw_item_new (key, key);
  g_auto(GStrv) pairs = g_strsplit (fields, ";", -1);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; pairs[i] != NULL; i++)
    {
      g_auto(GStrv) kv = g_strsplit (pairs[i], "=", 2);
      GwField field;

      g_assert_true (gw_field_from_name (kv[0], &field));
      gw_item_set_field_text (item, field, kv[1], NULL, &error);
      g_assert_no_error (error);
    }
  gw_store_add_item (store, item, &error);
  g_assert_no_error (error);
}

/* Tests */

static void
test_sample (Fixture       *fx,
             gconstpointer  data)
{
  g_autoptr(GwStore) store = open_sample (fx);
  g_autoptr(GwSchedule) schedule = gw_schedule_new_from_store (store, NULL);
  g_autoptr(GPtrArray) milestones = gw_store_list_milestones (store);
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *critical = NULL;
  g_autofree char *gates = NULL;
  g_autofree char *last = NULL;
  guint n_pages = 0, pages, landscape;

  path = write_report (fx, store, "sample.pdf", GW_PAPER_A4, &n_pages);
  pages = pdf_pages (path, &landscape);
  g_assert_cmpuint (pages, ==, n_pages);
  g_assert_cmpuint (pages, >=, 8);
  /* the Gantt chart is on landscape pages, the rest is portrait */
  g_assert_cmpuint (landscape, >=, 1);
  g_assert_cmpuint (landscape, <, pages);

  text = pdf_text (path);
  /* the cover: name, date, verdict (the sample's musts are not done) */
  g_assert_nonnull (strstr (text, "Harbor Ledger 2.0"));
  g_assert_nonnull (strstr (text, "Report date 2026-02-10"));
  g_assert_nonnull (strstr (text, "NO-GO"));
  g_assert_nonnull (strstr (text, "musts not done: P0-002"));
  /* footers: the register's name and the page number of every page */
  last = g_strdup_printf ("Page %u of %u", pages, pages);
  g_assert_nonnull (strstr (text, "Page 1 of"));
  g_assert_nonnull (strstr (text, last));

  /* every milestone, with its gate */
  gates = between (text, "Milestone gates", "Impact and effort");
  g_assert_cmpuint (milestones->len, ==, 4);
  for (guint i = 0; i < milestones->len; i++)
    {
      GwMilestone *m = g_ptr_array_index (milestones, i);
      g_autofree char *title = g_strdup_printf ("%s · %s", m->key, m->name);

      g_test_message ("milestone %s", title);
      g_assert_nonnull (strstr (gates, title));
    }
  g_assert_nonnull (strstr (gates, "Exit criteria (1/3)"));
  g_assert_nonnull (strstr (gates, "Signing keys rotated in every environment"));

  /* every key of the critical path in its section, and the total */
  g_assert_nonnull (schedule);
  g_assert_cmpuint (schedule->n_critical_path, >, 2);
  critical = between (text, "The longest chain of dependent work", "Schedule");
  for (guint k = 0; k < schedule->n_critical_path; k++)
    {
      const char *key = schedule->keys[schedule->critical_path[k]];

      g_test_message ("critical %s", key);
      g_assert_nonnull (strstr (critical, key));
    }
  {
    g_autofree char *hours = gw_format_hours (schedule->critical_path_hours);
    g_autofree char *total = g_strdup_printf ("%s h from start to finish", hours);

    g_assert_nonnull (strstr (critical, total));
  }

  /* the resource table has the numbers of the exported resource table */
  {
    const char *cli = g_getenv ("GAPWISE_CLI");
    g_autofree char *csv_path = g_build_filename (fx->dir, "resources.csv", NULL);
    const char *argv[] = { cli, "export", "resources", gw_store_get_path (store), "-o", csv_path, NULL };
    g_autofree char *out = NULL;
    g_autofree char *csv = NULL;
    g_autofree char *resources = between (text, "Resources", "Top risks");
    g_auto(GStrv) rows = NULL;
    guint totals = 0;

    g_assert_nonnull (cli);
    out = run (argv, NULL, NULL);
    g_assert_true (g_file_get_contents (csv_path, &csv, NULL, NULL));
    rows = g_strsplit (csv, "\r\n", -1);
    for (guint i = 0; rows[i] != NULL; i++)
      {
        g_auto(GStrv) cells = g_strsplit (rows[i], ",", -1);
        g_autofree char *pattern = NULL;
        g_autoptr(GRegex) regex = NULL;

        if (g_strv_length (cells) < 8 || !g_str_equal (cells[0], "Total"))
          continue;
        /* role, people, items, hours, FTE weeks, peak people on one line */
        pattern = g_strdup_printf ("%s +%s +[0-9]+ +%s +%s +%s\\b", cells[3], cells[4], cells[5], cells[6], cells[7]);
        regex = g_regex_new (pattern, 0, 0, NULL);
        g_test_message ("resources: %s", pattern);
        g_assert_true (g_regex_match (regex, resources, 0, NULL));
        totals++;
      }
    g_assert_cmpuint (totals, ==, 7);
  }

  /* the other sections */
  g_assert_nonnull (strstr (text, "Readiness"));
  g_assert_nonnull (strstr (text, "Immediate"));
  g_assert_nonnull (strstr (text, "Resources"));
  g_assert_nonnull (strstr (text, "backend-dev"));
  g_assert_nonnull (strstr (text, "Top risks"));
  g_assert_nonnull (strstr (text, "Appendix: the register"));
  g_assert_nonnull (strstr (text, "P3-002"));
}

static void
test_letter (Fixture       *fx,
             gconstpointer  data)
{
  g_autoptr(GwStore) store = open_sample (fx);
  g_autofree char *path = write_report (fx, store, "letter.pdf", GW_PAPER_LETTER, NULL);
  const char *argv[] = { "pdfinfo", path, NULL };
  g_autofree char *info = run (argv, NULL, NULL);

  g_assert_nonnull (strstr (info, "612 x 792 pts (letter)"));
}

/* Every must and 4 of 5 shoulds done: GO in large type. */
static void
test_go (Fixture       *fx,
         gconstpointer  data)
{
  g_autofree char *reg = g_build_filename (fx->dir, "go.gapwise", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GwStore) store = gw_store_open (reg, GW_STORE_OPEN_CREATE, &error);
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_decision_entry_free);
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  gw_store_set_setting (store, "name", "Ready Register", &error);
  for (guint i = 1; i <= 7; i++)
    {
      g_autofree char *key = g_strdup_printf ("P0-%03u", i);

      add_item (store, key, i <= 6 ? "status=done;effort_hours=4" : "status=todo;effort_hours=4");
      g_ptr_array_add (entries, gw_decision_entry_new (i <= 2 ? GW_GATE_MUST : GW_GATE_SHOULD, key, NULL, FALSE));
    }
  g_assert_true (gw_store_set_decision (store, entries, &error));
  g_assert_no_error (error);

  path = write_report (fx, store, "go.pdf", GW_PAPER_A4, NULL);
  text = pdf_text (path);
  g_assert_nonnull (strstr (text, "Ready Register"));
  g_assert_null (strstr (text, "NO-GO"));
  g_assert_nonnull (strstr (text, "GO"));
  g_assert_nonnull (strstr (text, "All 2 musts done; shoulds 4 of 5 done = 80 % ≥ 80 %"));
}

/* 300 items: the Gantt chart takes many landscape pages, the register
 * table many portrait ones, each with its header. */
static void
test_long (Fixture       *fx,
           gconstpointer  data)
{
  g_autofree char *reg = g_build_filename (fx->dir, "long.gapwise", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GwStore) store = gw_store_open (reg, GW_STORE_OPEN_CREATE, &error);
  g_autoptr(GwStore) sample = open_sample (fx);
  g_autofree char *path = NULL;
  g_autofree char *sample_path = NULL;
  g_autofree char *text = NULL;
  guint pages, landscape, sample_pages, sample_landscape, gantt_pages = 0;
  const char *roles[] = { "backend-dev", "frontend-dev", "operations-engineer" };

  g_assert_no_error (error);
  g_assert_true (gw_store_begin (store, "fill", &error));
  gw_store_set_setting (store, "name", "Long Register", &error);
  gw_store_set_setting (store, "start_date", "2026-01-05", &error);
  for (guint i = 1; i <= 300; i++)
    {
      g_autofree char *key = g_strdup_printf ("T-%03u", i);
      g_autofree char *fields = g_strdup_printf ("title=Task number %u;priority=P%u;effort_hours=%u;owner=%s;milestone=M%u",
                                                 i, i % 4, 4 + i % 13, roles[i % 3], 1 + (i - 1) / 100);

      add_item (store, key, fields);
      if (i > 3 && i % 5 != 0)
        {
          g_autofree char *on = g_strdup_printf ("T-%03u", i - 3);

          g_assert_true (gw_store_link (store, key, on, 0, &error));
        }
    }
  g_assert_true (gw_store_commit (store, &error));
  g_assert_no_error (error);

  path = write_report (fx, store, "long.pdf", GW_PAPER_A4, NULL);
  sample_path = write_report (fx, sample, "sample.pdf", GW_PAPER_A4, NULL);
  pages = pdf_pages (path, &landscape);
  sample_pages = pdf_pages (sample_path, &sample_landscape);
  g_test_message ("long: %u pages (%u landscape); sample: %u (%u)", pages, landscape, sample_pages, sample_landscape);
  g_assert_cmpuint (pages, >, sample_pages + 10);
  g_assert_cmpuint (landscape, >, sample_landscape);
  g_assert_cmpuint (landscape, >=, 10);

  text = pdf_text (path);
  /* Every Gantt page says which it is, and the rows add up. */
  for (guint p = 1; p <= landscape; p++)
    {
      g_autofree char *title = g_strdup_printf ("Schedule (%u of %u)", p, landscape);

      if (strstr (text, title) != NULL)
        gantt_pages++;
    }
  g_assert_cmpuint (gantt_pages, ==, landscape);
  g_assert_nonnull (strstr (text, "of 303 · bars"));   /* 300 items and 3 milestone rows */
  /* The appendix repeats its header on every page and ends with the last item. */
  {
    g_autofree char *appendix = between (text, "Appendix: the register", "T-300");
    guint headers = 0;

    for (const char *p = appendix; (p = strstr (p, "Key ")) != NULL; p++)
      headers++;
    g_assert_cmpuint (headers, >=, 5);
  }
}

/* The Register page's print: pages with the header repeated. */
static void
test_register_pages (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr(GwStore) store = open_sample (fx);
  g_autoptr(GPtrArray) items = gw_store_list_items (store, NULL);
  g_autoptr(GPtrArray) many = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *path = g_build_filename (fx->dir, "register.pdf", NULL);
  g_autofree char *text = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  guint n;

  /* the sample's items eight times: several pages */
  for (guint k = 0; k < 8; k++)
    for (guint i = 0; i < items->len; i++)
      {
        GwItem *copy = gw_item_copy (g_ptr_array_index (items, i));
        g_autofree char *key = g_strdup_printf ("%s-%u", gw_item_get_key (copy), k);

        gw_item_set_key (copy, key);
        g_ptr_array_add (many, copy);
      }
  g_assert_cmpuint (gw_register_pages_count (items, "Sample", 595, 842), ==, 1);
  n = gw_register_pages_count (many, "Sample", 595, 842);
  g_assert_cmpuint (n, >=, 3);

  surface = cairo_pdf_surface_create (path, 595, 842);
  cr = cairo_create (surface);
  for (guint p = 0; p < n; p++)
    {
      gw_register_pages_draw (many, "Sample", cr, 595, 842, p);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  text = pdf_text (path);
  g_assert_nonnull (strstr (text, "P0-001-0"));
  g_assert_nonnull (strstr (text, "P3-002-7"));
  {
    g_autofree char *last = g_strdup_printf ("Page %u of %u", n, n);

    g_assert_nonnull (strstr (text, last));
  }
  /* each page after the first starts with the column headers */
  {
    g_auto(GStrv) pages = g_strsplit (text, "\f", -1);

    for (guint p = 1; p < n; p++)
      g_assert_nonnull (strstr (pages[p], "Key"));
  }
}

static void
test_write_error (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(GwStore) store = open_sample (fx);
  g_autofree char *path = g_build_filename (fx->dir, "missing", "report.pdf", NULL);
  g_autoptr(GwReport) report = NULL;
  g_autoptr(GError) error = NULL;
  GDate date = today ();

  report = gw_report_new (store, &date, &error);
  g_assert_no_error (error);
  g_assert_false (gw_report_write_pdf (report, path, GW_PAPER_A4, NULL, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_nonnull (strstr (error->message, "report.pdf"));
}

static void
test_cli (Fixture       *fx,
          gconstpointer  data)
{
  const char *cli = g_getenv ("GAPWISE_CLI");
  g_autoptr(GwStore) store = open_sample (fx);
  g_autofree char *reg = g_strdup (gw_store_get_path (store));
  g_autofree char *pdf = g_build_filename (fx->dir, "cli.pdf", NULL);
  g_autofree char *png = g_build_filename (fx->dir, "cli.png", NULL);
  g_autofree char *text = NULL;
  int status;

  g_assert_nonnull (cli);
  {
    const char *argv[] = { cli, "report", reg, "-o", pdf, "--paper", "letter", NULL };
    g_autofree char *err = NULL;
    g_autofree char *out G_GNUC_UNUSED = run (argv, &status, &err);

    g_assert_cmpint (status, ==, 0);
    g_assert_cmpstr (err, ==, "");
  }
  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, "NO-GO"));
  {
    const char *argv[] = { cli, "report", reg, NULL };
    g_autofree char *err = NULL;
    g_autofree char *out G_GNUC_UNUSED = run (argv, &status, &err);

    g_assert_cmpint (status, ==, 2);
    g_assert_nonnull (strstr (err, "-o FILE"));
  }
  {
    const char *argv[] = { cli, "report", reg, "-o", pdf, "--paper", "a5", NULL };
    g_autofree char *err = NULL;
    g_autofree char *out G_GNUC_UNUSED = run (argv, &status, &err);

    g_assert_cmpint (status, ==, 2);
    g_assert_nonnull (strstr (err, "a5"));
  }
  {
    const char *argv[] = { cli, "report", reg, "-o", png, NULL };
    g_autofree char *err = NULL;
    g_autofree char *out G_GNUC_UNUSED = run (argv, &status, &err);

    g_assert_cmpint (status, ==, 2);
    g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
  }
  {
    g_autofree char *missing = g_build_filename (fx->dir, "none.gapwise", NULL);
    const char *argv[] = { cli, "report", missing, "-o", pdf, NULL };
    g_autofree char *err = NULL;
    g_autofree char *out G_GNUC_UNUSED = run (argv, &status, &err);

    g_assert_cmpint (status, ==, 1);
    g_assert_nonnull (strstr (err, "none.gapwise"));
  }
}

/* The readiness bars draw ink in the bar's colour, as wide as done is. */
static void
test_readiness_chart (void)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GwReadiness) r = NULL;
  const GwRenderPalette *palette = gw_render_palette_light ();
  cairo_surface_t *surface;
  cairo_t *cr;
  double h;
  guint green = 0;

  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *key = g_strdup_printf ("K-%u", i);
      GwItem *item = gw_item_new (key, key);

      gw_item_set_field_text (item, GW_FIELD_CATEGORY, i < 2 ? "Done Category" : "Open Category", NULL, NULL);
      gw_item_set_status (item, i < 2 ? GW_STATUS_DONE : GW_STATUS_TODO);
      g_ptr_array_add (items, item);
    }
  r = gw_readiness_new (items);
  h = gw_readiness_chart_get_height (r, 12);
  g_assert_cmpfloat (h, >, 3 * 12 * 2);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 600, (int) ceil (h));
  cr = cairo_create (surface);
  gw_render_set_color (cr, &palette->background, 1);
  cairo_paint (cr);
  gw_readiness_chart_draw (cr, r, palette, 600, 12);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  /* the fully done category's bar is green (the done colour) */
  {
    const guchar *data = cairo_image_surface_get_data (surface);
    int stride = cairo_image_surface_get_stride (surface);
    const GwColor *done = &palette->status[GW_STATUS_DONE];
    guint rr = (guint) round (done->red * 255), gg = (guint) round (done->green * 255), bb = (guint) round (done->blue * 255);

    for (int y = 0; y < cairo_image_surface_get_height (surface); y++)
      for (int x = 0; x < 600; x++)
        {
          const guint32 *px = (const guint32 *) (data + y * stride) + x;

          if (((*px >> 16) & 0xff) == rr && ((*px >> 8) & 0xff) == gg && (*px & 0xff) == bb)
            green++;
        }
  }
  cairo_surface_destroy (surface);
  g_assert_cmpuint (green, >, 200);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add ("/report/" path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("sample", test_sample);
  ADD ("letter", test_letter);
  ADD ("go", test_go);
  ADD ("long", test_long);
  ADD ("register-pages", test_register_pages);
  ADD ("write-error", test_write_error);
  ADD ("cli", test_cli);
#undef ADD
  g_test_add_func ("/report/readiness-chart", test_readiness_chart);

  return g_test_run ();
}
