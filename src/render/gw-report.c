/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "gw-gantt.h"
#include "gw-gates.h"
#include "gw-quadrant.h"
#include "gw-readiness-chart.h"
#include "gw-report.h"
#include "gw-scoring.h"

/* The stakeholder report is laid out as a flow: text, tables and charts
 * go down the page from a cursor, and a block that does not fit starts a
 * new page (a table repeats its header there). The flow runs twice: once
 * drawing nothing, to count the pages for the footers ("Page 3 of 12"),
 * then for real. Printing the register runs the same flow and draws only
 * the page the printer asks for.
 *
 * Units are points (1/72 inch). Colours are always the light palette:
 * paper is white whatever the desktop's style. */

#define A4_WIDTH 595.276
#define A4_HEIGHT 841.89
#define LETTER_WIDTH 612.0
#define LETTER_HEIGHT 792.0

#define MARGIN_SIDE 50.0
#define MARGIN_TOP 52.0
#define MARGIN_BOTTOM 62.0
#define FOOTER_GAP 30.0

#define SIZE_COVER 30.0
#define SIZE_H1 17.0
#define SIZE_H2 12.0
#define SIZE_BODY 9.5
#define SIZE_TABLE 8.5
#define SIZE_SMALL 8.0
#define CELL_PAD 3.5

#define TOP_RISKS 10
#define MAX_QUICK_WINS 12
/* The height of a table row of one line. */
#define ROW_ESTIMATE (SIZE_TABLE * 1.3 + 2 * CELL_PAD)
/* The Gantt chart's pixels on paper, and the widest its titles get. */
#define GANTT_SCALE 0.75
#define GANTT_MAX_LABEL 480.0

struct _GwReport
{
  char        *name;
  GDate        today;
  GPtrArray   *items;        /* GwItem, register order */
  GHashTable  *by_key;
  GPtrArray   *milestones;   /* GwMilestone */
  GPtrArray   *decision;     /* GwDecisionEntry */
  double       threshold;
  int          risk_grid;
  GwScoringSettings scoring;
  GwSchedule  *schedule;     /* NULL when the register cannot be scheduled */
  char        *schedule_problem;
  GwVerdict   *verdict;
  GwReadiness *readiness;
  GwNextActions *next;
};

typedef struct
{
  const GwRenderPalette *palette;
  cairo_surface_t       *surface;     /* the PDF; NULL when a printer gives the pages */
  cairo_t               *out;
  cairo_t               *scratch;     /* for the pages not drawn: measures, draws nowhere */
  cairo_t               *cr;          /* out on the pages drawn, else scratch */
  int                    target;      /* the page to draw, 1-based; 0 for all; -1 for none */
  double                 portrait_w;
  double                 portrait_h;
  double                 page_w;
  double                 page_h;
  double                 y;
  guint                  page;        /* 1-based; 0 before the first */
  guint                  n_pages;     /* from the counting pass; 0 while counting */
  const char            *footer;
  gboolean               stop;        /* past the target page */
} Doc;

typedef struct
{
  const char *title;
  double      weight;
  gboolean    right;    /* numbers */
} Column;

typedef struct
{
  char     **cells;
  gboolean   bold;
} Row;

/* Helpers: text */

static char *
format_date (const GDate *date)
{
  char buf[32];

  if (date == NULL || !g_date_valid (date))
    return g_strdup ("—");
  g_date_strftime (buf, sizeof buf, "%Y-%m-%d", date);
  return g_strdup (buf);
}

static char *
format_hours (double hours)
{
  g_autofree char *h = gw_format_hours (isnan (hours) ? 0 : hours);

  /* Translators: a number of hours, "24 h" */
  return g_strdup_printf (_("%s h"), h);
}

static GwColor
verdict_color (const GwRenderPalette *palette,
               gboolean               go)
{
  return go ? palette->status[GW_STATUS_DONE] : palette->priority[GW_PRIORITY_P0];
}

static void
row_free (Row *row)
{
  g_strfreev (row->cells);
  g_free (row);
}

static Row *
row_new (gboolean bold,
         ...)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  Row *row = g_new0 (Row, 1);
  va_list args;

  va_start (args, bold);
  for (const char *cell = va_arg (args, const char *); cell != NULL; cell = va_arg (args, const char *))
    g_strv_builder_add (builder, cell);
  va_end (args);
  row->cells = g_strv_builder_end (builder);
  row->bold = bold;
  return row;
}

/* Helpers: pages */

static double
content_left (Doc *doc)
{
  return MARGIN_SIDE;
}

static double
content_width (Doc *doc)
{
  return doc->page_w - 2 * MARGIN_SIDE;
}

static double
content_bottom (Doc *doc)
{
  return doc->page_h - MARGIN_BOTTOM;
}

static gboolean
drawing (Doc *doc)
{
  return doc->cr == doc->out;
}

static PangoLayout *
make_layout (Doc        *doc,
             const char *text,
             double      size,
             gboolean    bold,
             double      width,
             gboolean    wrap)
{
  PangoLayout *layout = gw_render_text_layout (doc->cr, doc->palette, size, bold);

  if (wrap)
    {
      pango_layout_set_width (layout, (int) (MAX (width, 1) * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_text (layout, text ? text : "", -1);
    }
  else
    gw_render_text_set (layout, text, width);
  return layout;
}

/* Draws @text at (@x, @y) and returns its height. */
static double
put_text (Doc            *doc,
          const char     *text,
          double          size,
          gboolean        bold,
          const GwColor  *color,
          double          x,
          double          y,
          double          width,
          gboolean        wrap,
          PangoAlignment  align)
{
  g_autoptr(PangoLayout) layout = make_layout (doc, text, size, bold, width, wrap);
  double height;

  pango_layout_set_alignment (layout, align);
  gw_render_text_size (layout, NULL, &height);
  if (drawing (doc))
    {
      gw_render_set_color (doc->cr, color, 1);
      cairo_move_to (doc->cr, x, y);
      pango_cairo_show_layout (doc->cr, layout);
    }
  return height;
}

static double
text_height (Doc        *doc,
             const char *text,
             double      size,
             gboolean    bold,
             double      width)
{
  g_autoptr(PangoLayout) layout = make_layout (doc, text, size, bold, width, TRUE);
  double height;

  gw_render_text_size (layout, NULL, &height);
  return height;
}

static void
draw_footer (Doc *doc)
{
  g_autofree char *number = NULL;
  double y = doc->page_h - MARGIN_BOTTOM + FOOTER_GAP;
  double w = content_width (doc);

  if (!drawing (doc))
    return;
  if (doc->n_pages > 0)
    /* Translators: the footer of the report's pages, "Page 3 of 12" */
    number = g_strdup_printf (_("Page %u of %u"), doc->page, doc->n_pages);
  else
    number = g_strdup_printf (_("Page %u"), doc->page);

  gw_render_set_color (doc->cr, &doc->palette->border, 1);
  cairo_set_line_width (doc->cr, 0.5);
  cairo_move_to (doc->cr, content_left (doc), y - 6);
  cairo_line_to (doc->cr, content_left (doc) + w, y - 6);
  cairo_stroke (doc->cr);
  put_text (doc, doc->footer, SIZE_SMALL, FALSE, &doc->palette->muted, content_left (doc), y, w * 0.7, FALSE,
            PANGO_ALIGN_LEFT);
  put_text (doc, number, SIZE_SMALL, FALSE, &doc->palette->muted, content_left (doc) + w * 0.7, y, w * 0.3, FALSE,
            PANGO_ALIGN_RIGHT);
}

static void
end_page (Doc *doc)
{
  if (doc->page == 0)
    return;
  draw_footer (doc);
  if (doc->target == 0)
    cairo_show_page (doc->out);
}

static void
new_page (Doc      *doc,
          gboolean  landscape)
{
  end_page (doc);
  doc->page++;
  if (doc->target > 0 && doc->page > (guint) doc->target)
    doc->stop = TRUE;

  doc->page_w = landscape ? doc->portrait_h : doc->portrait_w;
  doc->page_h = landscape ? doc->portrait_w : doc->portrait_h;
  if (doc->surface != NULL && doc->target == 0)
    cairo_pdf_surface_set_size (doc->surface, doc->page_w, doc->page_h);
  doc->cr = doc->target == 0 || doc->page == (guint) doc->target ? doc->out : doc->scratch;
  if (drawing (doc))
    {
      cairo_save (doc->cr);
      cairo_rectangle (doc->cr, 0, 0, doc->page_w, doc->page_h);
      gw_render_set_color (doc->cr, &doc->palette->background, 1);
      cairo_fill (doc->cr);
      cairo_restore (doc->cr);
    }
  doc->y = MARGIN_TOP;
}

/* Starts a new page unless @height fits below the cursor. */
static void
ensure_space (Doc    *doc,
              double  height)
{
  if (doc->y + height > content_bottom (doc) && doc->y > MARGIN_TOP + 1)
    new_page (doc, FALSE);
}

static void
heading (Doc        *doc,
         const char *text,
         gboolean    top_level)
{
  double size = top_level ? SIZE_H1 : SIZE_H2;
  double h = text_height (doc, text, size, TRUE, content_width (doc));

  if (doc->y > MARGIN_TOP + 1)
    doc->y += top_level ? 14 : 10;
  /* a heading never ends a page */
  ensure_space (doc, h + 60);
  doc->y += put_text (doc, text, size, TRUE, &doc->palette->foreground, content_left (doc), doc->y,
                      content_width (doc), TRUE, PANGO_ALIGN_LEFT);
  if (top_level && drawing (doc))
    {
      gw_render_set_color (doc->cr, &doc->palette->accent, 1);
      cairo_rectangle (doc->cr, content_left (doc), doc->y + 3, 36, 2);
      cairo_fill (doc->cr);
    }
  doc->y += top_level ? 12 : 5;
}

static void
paragraph (Doc           *doc,
           const char    *text,
           double         size,
           const GwColor *color)
{
  double h = text_height (doc, text, size, FALSE, content_width (doc));

  ensure_space (doc, h);
  doc->y += put_text (doc, text, size, FALSE, color, content_left (doc), doc->y, content_width (doc), TRUE,
                      PANGO_ALIGN_LEFT);
  doc->y += size * 0.6;
}

/* Helpers: tables */

static double
row_height (Doc          *doc,
            const Column *columns,
            guint         n_columns,
            char        **cells,
            gboolean      bold,
            const double *widths)
{
  double h = 0;

  for (guint c = 0; c < n_columns && cells[c] != NULL; c++)
    h = MAX (h, text_height (doc, cells[c], SIZE_TABLE, bold, widths[c] - 2 * CELL_PAD));
  return h + 2 * CELL_PAD;
}

static void
draw_row (Doc          *doc,
          const Column *columns,
          guint         n_columns,
          char        **cells,
          gboolean      bold,
          const double *widths,
          double        height,
          const GwColor *band)
{
  double x = content_left (doc);

  if (band != NULL && drawing (doc))
    {
      gw_render_set_color (doc->cr, band, 1);
      cairo_rectangle (doc->cr, x, doc->y, content_width (doc), height);
      cairo_fill (doc->cr);
    }
  for (guint c = 0; c < n_columns && cells[c] != NULL; c++)
    {
      put_text (doc, cells[c], SIZE_TABLE, bold, &doc->palette->foreground, x + CELL_PAD, doc->y + CELL_PAD,
                widths[c] - 2 * CELL_PAD, TRUE, columns[c].right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
      x += widths[c];
    }
  doc->y += height;
}

static void
table_header (Doc          *doc,
              const Column *columns,
              guint         n_columns,
              const double *widths)
{
  g_autofree char **titles = g_new0 (char *, n_columns + 1);
  double h;

  for (guint c = 0; c < n_columns; c++)
    titles[c] = (char *) columns[c].title;
  h = row_height (doc, columns, n_columns, titles, TRUE, widths);
  draw_row (doc, columns, n_columns, titles, TRUE, widths, h, &doc->palette->band[1]);
  if (drawing (doc))
    {
      gw_render_set_color (doc->cr, &doc->palette->line, 1);
      cairo_set_line_width (doc->cr, 0.8);
      cairo_move_to (doc->cr, content_left (doc), doc->y);
      cairo_line_to (doc->cr, content_left (doc) + content_width (doc), doc->y);
      cairo_stroke (doc->cr);
    }
}

/* The widest word of @text, so that a heading never breaks inside one
 * (German words are long). */
static double
widest_word (Doc        *doc,
             const char *text,
             double      size,
             gboolean    bold)
{
  g_auto(GStrv) words = g_strsplit_set (text ? text : "", " \n", -1);
  double widest = 0;

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autoptr(PangoLayout) layout = gw_render_text_layout (doc->cr, doc->palette, size, bold);
      double w;

      pango_layout_set_text (layout, words[i], -1);
      gw_render_text_size (layout, &w, NULL);
      widest = MAX (widest, w);
    }
  return widest;
}

/* Shares the page's width by the columns' weights, but gives each column
 * at least its heading's widest word, taken from the columns that have
 * room to spare. */
static void
column_widths (Doc          *doc,
               const Column *columns,
               guint         n_columns,
               GPtrArray    *rows,
               double        total_weight,
               double       *widths)
{
  g_autofree double *least = g_new0 (double, n_columns);
  g_autofree gboolean *fixed = g_new0 (gboolean, n_columns);
  double page = content_width (doc);

  for (guint c = 0; c < n_columns; c++)
    {
      g_autoptr(GHashTable) words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      gboolean free_text = FALSE;

      least[c] = widest_word (doc, columns[c].title, SIZE_TABLE, TRUE);
      /* A column of a few values (status, priority, owner) gets room for
       * its longest; free text may wrap. */
      for (guint r = 0; r < rows->len && !free_text; r++)
        {
          const Row *row = g_ptr_array_index (rows, r);
          g_auto(GStrv) split = g_strsplit_set (row->cells[c] ? row->cells[c] : "", " \n", -1);

          for (guint i = 0; split[i] != NULL && !free_text; i++)
            if (!g_hash_table_contains (words, split[i]))
              {
                g_hash_table_add (words, g_strdup (split[i]));
                free_text = g_hash_table_size (words) > 40;
              }
        }
      if (!free_text)
        {
          GHashTableIter iter;
          gpointer word;

          g_hash_table_iter_init (&iter, words);
          while (g_hash_table_iter_next (&iter, &word, NULL))
            least[c] = MAX (least[c], widest_word (doc, word, SIZE_TABLE, FALSE));
        }
      least[c] += 2 * CELL_PAD + 1;
    }

  /* Fix the columns that are too narrow at their least width, share the
   * rest among the others by weight, and again until none is too narrow. */
  for (guint round = 0; round < n_columns; round++)
    {
      double left = page, weight = 0;
      gboolean changed = FALSE;

      for (guint c = 0; c < n_columns; c++)
        if (fixed[c])
          left -= least[c];
        else
          weight += columns[c].weight;
      for (guint c = 0; c < n_columns; c++)
        {
          widths[c] = fixed[c] ? least[c] : (weight > 0 ? MAX (left, 0) * columns[c].weight / weight : 0);
          if (!fixed[c] && widths[c] < least[c])
            fixed[c] = changed = TRUE;
        }
      if (!changed)
        break;
    }
  /* Headings too wide for the page together: back to the plain shares. */
  {
    double sum = 0;
    gboolean empty = FALSE;

    for (guint c = 0; c < n_columns; c++)
      {
        sum += widths[c];
        empty |= widths[c] <= 0;
      }
    if (empty || sum > page + 0.5)
      for (guint c = 0; c < n_columns; c++)
        widths[c] = page * columns[c].weight / total_weight;
  }
}

/* The rows, wrapped across pages with the header repeated on each. */
static void
table (Doc          *doc,
       const Column *columns,
       guint         n_columns,
       GPtrArray    *rows)
{
  g_autofree double *widths = g_new0 (double, n_columns);
  double total = 0, header_h;
  g_autofree char **titles = g_new0 (char *, n_columns + 1);

  for (guint c = 0; c < n_columns; c++)
    {
      total += columns[c].weight;
      titles[c] = (char *) columns[c].title;
    }
  column_widths (doc, columns, n_columns, rows, total, widths);
  header_h = row_height (doc, columns, n_columns, titles, TRUE, widths);

  ensure_space (doc, header_h + 3 * (SIZE_TABLE * 1.3 + 2 * CELL_PAD));
  table_header (doc, columns, n_columns, widths);
  for (guint r = 0; r < rows->len && !doc->stop; r++)
    {
      Row *row = g_ptr_array_index (rows, r);
      double h = row_height (doc, columns, n_columns, row->cells, row->bold, widths);
      gboolean orphan = FALSE;

      /* The last row (often a total) never goes to a page alone. */
      if (r + 2 == rows->len && doc->y + h <= content_bottom (doc) && doc->y > MARGIN_TOP + header_h + 1)
        {
          Row *last = g_ptr_array_index (rows, r + 1);

          orphan = doc->y + h + row_height (doc, columns, n_columns, last->cells, last->bold, widths) >
                   content_bottom (doc);
        }
      if (orphan || doc->y + h > content_bottom (doc))
        {
          new_page (doc, FALSE);
          table_header (doc, columns, n_columns, widths);
        }
      draw_row (doc, columns, n_columns, row->cells, row->bold, widths, h, r % 2 ? &doc->palette->band[0] : NULL);
    }
  doc->y += 6;
}

/* A box, ticked or not, and the line's text. */
static void
checklist (Doc        *doc,
           GPtrArray  *lines,
           gboolean    boxes)
{
  double indent = 16, w = content_width (doc) - indent;

  for (guint i = 0; i < lines->len; i++)
    {
      GwLine *line = g_ptr_array_index (lines, i);
      double h = text_height (doc, line->text, SIZE_BODY, FALSE, w);
      double x = content_left (doc);

      ensure_space (doc, h);
      if (drawing (doc))
        {
          cairo_t *cr = doc->cr;

          if (boxes)
            {
              cairo_rectangle (cr, x + 1.5, doc->y + 2.5, 8, 8);
              if (line->done)
                {
                  gw_render_set_color (cr, &doc->palette->status[GW_STATUS_DONE], 1);
                  cairo_fill (cr);
                  gw_render_set_color (cr, &doc->palette->background, 1);
                  cairo_set_line_width (cr, 1.3);
                  cairo_move_to (cr, x + 3.3, doc->y + 6.6);
                  cairo_line_to (cr, x + 5.2, doc->y + 8.6);
                  cairo_line_to (cr, x + 8.4, doc->y + 4.4);
                  cairo_stroke (cr);
                }
              else
                {
                  gw_render_set_color (cr, &doc->palette->line, 1);
                  cairo_set_line_width (cr, 0.8);
                  cairo_stroke (cr);
                }
            }
          else
            {
              gw_render_set_color (cr, &doc->palette->muted, 1);
              cairo_arc (cr, x + 5, doc->y + 6.5, 1.8, 0, 2 * G_PI);
              cairo_fill (cr);
            }
        }
      doc->y += put_text (doc, line->text, SIZE_BODY, FALSE,
                          boxes && line->done ? &doc->palette->muted : &doc->palette->foreground,
                          x + indent, doc->y, w, TRUE, PANGO_ALIGN_LEFT);
      doc->y += 2;
    }
}

/* Helpers: the report's data */

static GwItem *
lookup (GwReport   *report,
        const char *key)
{
  return key ? g_hash_table_lookup (report->by_key, key) : NULL;
}

static const char *
item_title (GwReport   *report,
            const char *key)
{
  GwItem *item = lookup (report, key);

  return item ? gw_item_get_title (item) : "";
}

static void
schedule_day (GwReport       *report,
              double          hours,
              GwCalendarEdge  edge,
              GDate          *date)
{
  gw_calendar_get_wall (report->schedule->calendar, hours, edge, date, NULL);
}

static int
compare_quick_wins (gconstpointer a,
                    gconstpointer b)
{
  return gw_compare_quick_wins_first (*(GwItem **) a, *(GwItem **) b);
}

/* Sections */

static void
section_cover (Doc      *doc,
               GwReport *report)
{
  const GwRenderPalette *p = doc->palette;
  g_autofree char *today = format_date (&report->today);
  g_autofree char *subtitle = NULL;
  g_autofree char *why = gw_verdict_describe (report->verdict);
  const char *word = gw_verdict_get_word (report->verdict);
  GwColor color = verdict_color (p, report->verdict->go);
  double x = content_left (doc), w = content_width (doc);
  double box_h = 112;

  new_page (doc, FALSE);
  doc->y = doc->page_h * 0.2;
  doc->y += put_text (doc, _("STAKEHOLDER REPORT"), 10, TRUE, &p->accent, x, doc->y, w, FALSE, PANGO_ALIGN_LEFT);
  doc->y += 10;
  doc->y += put_text (doc, report->name, SIZE_COVER, TRUE, &p->foreground, x, doc->y, w, TRUE, PANGO_ALIGN_LEFT);
  doc->y += 8;
  /* Translators: under the report's title, "Report date 2026-02-10 · 29 items" */
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Report date %s · %u item", "Report date %s · %u items",
                                           report->items->len),
                              today, report->items->len);
  doc->y += put_text (doc, subtitle, 11, FALSE, &p->muted, x, doc->y, w, TRUE, PANGO_ALIGN_LEFT);
  doc->y += 40;

  /* The verdict, in large type */
  doc->y += put_text (doc, _("Go/no-go verdict"), SIZE_H2, TRUE, &p->muted, x, doc->y, w, FALSE, PANGO_ALIGN_LEFT);
  doc->y += 8;
  if (drawing (doc))
    {
      gw_render_rounded_rectangle (doc->cr, x, doc->y, w, box_h, 10);
      gw_render_set_color (doc->cr, &color, 1);
      cairo_fill (doc->cr);
    }
  put_text (doc, word, 64, TRUE, &p->background, x, doc->y + (box_h - 64 * 1.25) / 2, w, FALSE, PANGO_ALIGN_CENTER);
  doc->y += box_h + 12;
  doc->y += put_text (doc, why, 12, FALSE, &p->foreground, x, doc->y, w, TRUE, PANGO_ALIGN_LEFT);
  doc->y += 36;

  /* Key figures in a row */
  {
    const GwReadinessRow *all = &report->readiness->overall;
    g_autofree char *done = g_strdup_printf ("%u/%u", all->n_done, all->n_items);
    g_autofree char *left = format_hours (all->hours - all->hours_done);
    g_autofree char *finish = NULL;
    g_autofree char *critical = NULL;
    const char *values[4];
    const char *labels[] = { _("Items done"), _("Hours left"), _("Scheduled finish"), _("Critical path") };
    double cw = w / 4;

    if (report->schedule != NULL && report->schedule->n_active > 0)
      {
        GDate date;

        schedule_day (report, report->schedule->makespan_hours, GW_CALENDAR_FINISH, &date);
        finish = format_date (&date);
        critical = format_hours (report->schedule->critical_path_hours);
      }
    else
      {
        finish = g_strdup ("—");
        critical = g_strdup ("—");
      }
    values[0] = done;
    values[1] = left;
    values[2] = finish;
    values[3] = critical;
    for (guint i = 0; i < 4; i++)
      {
        double h = put_text (doc, values[i], 17, TRUE, &p->foreground, x + i * cw, doc->y, cw - 8, FALSE,
                             PANGO_ALIGN_LEFT);

        put_text (doc, labels[i], SIZE_SMALL + 1, FALSE, &p->muted, x + i * cw, doc->y + h + 2, cw - 8, FALSE,
                  PANGO_ALIGN_LEFT);
      }
  }
}

static void
section_readiness (Doc      *doc,
                   GwReport *report)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  const Column columns[] = {
    { _("Bucket"), 1.2, FALSE }, { _("Items"), 0.6, TRUE }, { _("Hours"), 0.8, TRUE }, { _("First items"), 3.4, FALSE },
  };
  double h;

  new_page (doc, FALSE);
  heading (doc, _("Readiness"), TRUE);
  paragraph (doc, _("Done items of all items, and the effort of the done items of all effort, per category. "
                    "Deferred items are out of scope and not counted."),
             SIZE_BODY, &doc->palette->muted);
  h = gw_readiness_chart_get_height (report->readiness, SIZE_BODY);
  ensure_space (doc, MIN (h, 200));
  if (h <= content_bottom (doc) - doc->y)
    {
      if (drawing (doc))
        {
          cairo_save (doc->cr);
          cairo_translate (doc->cr, content_left (doc), doc->y);
          gw_readiness_chart_draw (doc->cr, report->readiness, doc->palette, content_width (doc), SIZE_BODY);
          cairo_restore (doc->cr);
        }
      doc->y += h;
    }
  else
    {
      /* more categories than a page holds: as a table */
      const Column cat_columns[] = {
        { _("Category"), 3, FALSE }, { _("Done"), 1, TRUE }, { _("Items"), 1, TRUE }, { _("Share"), 1, TRUE },
        { _("Hours done"), 1.2, TRUE }, { _("Hours"), 1.2, TRUE },
      };
      g_autoptr(GPtrArray) cat_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);

      for (guint i = 0; i <= report->readiness->categories->len; i++)
        {
          const GwReadinessRow *r = i == 0 ? &report->readiness->overall
                                           : &g_array_index (report->readiness->categories, GwReadinessRow, i - 1);
          g_autofree char *done = g_strdup_printf ("%u", r->n_done);
          g_autofree char *n = g_strdup_printf ("%u", r->n_items);
          g_autofree char *pct = g_strdup_printf ("%.0f", floor (gw_readiness_row_pct (r)));
          g_autofree char *hd = gw_format_hours (r->hours_done);
          g_autofree char *ht = gw_format_hours (r->hours);

          g_ptr_array_add (cat_rows, row_new (i == 0, i == 0 ? _("Overall") : (*r->category ? r->category : _("No category")),
                                              done, n, pct, hd, ht, NULL));
        }
      table (doc, cat_columns, G_N_ELEMENTS (cat_columns), cat_rows);
    }

  heading (doc, _("Next actions"), FALSE);
  paragraph (doc, _("Immediate: the recommended action is IMMEDIATE, or a P0 item whose dependencies are all done. "
                    "This month: the schedule starts it within 30 days. Later: the rest. Done and deferred items are "
                    "left out."),
             SIZE_SMALL, &doc->palette->muted);
  for (guint b = 0; b < GW_N_NEXT_BUCKETS; b++)
    {
      GArray *actions = report->next->actions[b];
      g_autoptr(GString) first = g_string_new (NULL);
      g_autofree char *n = g_strdup_printf ("%u", actions->len);
      g_autofree char *hours = format_hours (report->next->hours[b]);

      for (guint i = 0; i < actions->len && i < 8; i++)
        g_string_append_printf (first, "%s%s", i ? ", " : "",
                                gw_item_get_key (g_array_index (actions, GwNextAction, i).item));
      if (actions->len > 8)
        g_string_append_printf (first, g_dngettext (GETTEXT_PACKAGE, " and %u more", " and %u more",
                                                    actions->len - 8), actions->len - 8);
      g_ptr_array_add (rows, row_new (FALSE, gw_next_bucket_to_label (b), n, hours, first->str, NULL));
    }
  table (doc, columns, G_N_ELEMENTS (columns), rows);
}

static void
section_decision (Doc      *doc,
                  GwReport *report)
{
  const GwVerdict *v = report->verdict;
  const struct { GwGateLevel level; const char *title; } levels[] = {
    { GW_GATE_MUST, _("Must have (all required for GO)") },
    { GW_GATE_SHOULD, NULL },
    { GW_GATE_NICE, _("Nice to have (never blocks)") },
  };
  const Column columns[] = {
    { _("Key"), 1, FALSE }, { _("Entry"), 4.2, FALSE }, { _("Owner"), 1.6, FALSE }, { _("Status"), 1.1, FALSE },
  };
  g_autofree char *why = gw_verdict_describe (v);
  g_autofree char *line = NULL;
  g_autofree char *threshold = gw_format_hours (v->threshold);
  g_autofree char *should_title = NULL;
  GwColor color = verdict_color (doc->palette, v->go);

  new_page (doc, FALSE);
  heading (doc, _("Go/No-Go"), TRUE);
  /* Translators: "Verdict: NO-GO" */
  line = g_strdup_printf (_("Verdict: %s"), gw_verdict_get_word (v));
  doc->y += put_text (doc, line, 15, TRUE, &color, content_left (doc), doc->y, content_width (doc), FALSE,
                      PANGO_ALIGN_LEFT);
  doc->y += 2;
  paragraph (doc, why, SIZE_BODY + 1, &doc->palette->foreground);

  should_title = g_strdup_printf (_("Should have (at least %s %% for GO)"), threshold);
  for (guint l = 0; l < G_N_ELEMENTS (levels); l++)
    {
      g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);

      heading (doc, levels[l].title ? levels[l].title : should_title, FALSE);
      for (guint i = 0; i < report->decision->len; i++)
        {
          GwDecisionEntry *entry = g_ptr_array_index (report->decision, i);
          GwItem *item = lookup (report, entry->item_key);
          const char *status;

          if (entry->level != levels[l].level)
            continue;
          if (item != NULL)
            status = gw_status_to_label (gw_item_get_status (item));
          else
            status = gw_gates_entry_is_done (entry, NULL) ? _("Done") : _("Open");
          g_ptr_array_add (rows, row_new (FALSE, entry->item_key ? entry->item_key : "—",
                                          gw_gates_entry_label (entry, item),
                                          item && gw_item_get_owner (item) ? gw_item_get_owner (item) : "",
                                          status, NULL));
        }
      if (rows->len == 0)
        paragraph (doc, _("No entries."), SIZE_BODY, &doc->palette->muted);
      else
        table (doc, columns, G_N_ELEMENTS (columns), rows);
    }

  heading (doc, _("Milestone gates"), TRUE);
  if (report->milestones->len == 0)
    paragraph (doc, _("The register has no milestones."), SIZE_BODY, &doc->palette->muted);
  for (guint i = 0; i < report->milestones->len && !doc->stop; i++)
    {
      GwMilestone *m = g_ptr_array_index (report->milestones, i);
      g_autofree char *title = g_strdup_printf ("%s · %s", m->key, m->name ? m->name : "");
      g_autoptr(GString) meta = g_string_new (NULL);
      GDate start, finish;

      if (report->schedule != NULL && gw_gates_milestone_dates (report->schedule, m->key, &start, &finish))
        {
          g_autofree char *a = format_date (&start);
          g_autofree char *b = format_date (&finish);

          /* Translators: a milestone's dates, "Scheduled 2026-03-02 to 2026-03-20" */
          g_string_append_printf (meta, _("Scheduled %s to %s"), a, b);
        }
      else
        g_string_append (meta, _("Not scheduled"));
      if (m->requires != NULL && *m->requires != '\0')
        g_string_append_printf (meta, _(" · starts after %s is complete"), m->requires);
      if (m->duration != NULL && *m->duration != '\0')
        g_string_append_printf (meta, _(" · planned for %s"), m->duration);

      ensure_space (doc, 90);
      heading (doc, title, FALSE);
      if (m->goal != NULL && *m->goal != '\0')
        {
          g_autofree char *goal = g_strdup_printf (_("Goal: %s"), m->goal);

          paragraph (doc, goal, SIZE_BODY, &doc->palette->foreground);
        }
      paragraph (doc, meta->str, SIZE_BODY, &doc->palette->muted);
      {
        const struct { GwMilestoneLineKind kind; const char *title; gboolean boxes; } parts[] = {
          { GW_MILESTONE_LINE_DELIVERABLE, _("Deliverables"), FALSE },
          { GW_MILESTONE_LINE_ENTRY, _("Entry criteria"), TRUE },
          { GW_MILESTONE_LINE_EXIT, _("Exit criteria"), TRUE },
        };

        for (guint k = 0; k < G_N_ELEMENTS (parts); k++)
          {
            GPtrArray *lines = m->lines[parts[k].kind];
            guint done = 0;
            g_autofree char *label = NULL;

            if (lines->len == 0)
              continue;
            for (guint j = 0; j < lines->len; j++)
              done += ((GwLine *) g_ptr_array_index (lines, j))->done;
            label = parts[k].boxes ? g_strdup_printf ("%s (%u/%u)", parts[k].title, done, lines->len)
                                   : g_strdup (parts[k].title);
            ensure_space (doc, 30);
            doc->y += put_text (doc, label, SIZE_BODY, TRUE, &doc->palette->foreground, content_left (doc), doc->y,
                                content_width (doc), FALSE, PANGO_ALIGN_LEFT);
            doc->y += 2;
            checklist (doc, lines, parts[k].boxes);
            doc->y += 4;
          }
      }
    }
}

static void
section_quadrant (Doc      *doc,
                  GwReport *report)
{
  g_autoptr(GwQuadrantChart) chart = NULL;
  GwQuadrantOptions options;
  g_autoptr(GPtrArray) wins = g_ptr_array_new ();
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  const Column columns[] = {
    { _("Key"), 1, FALSE }, { _("Title"), 4, FALSE }, { _("Effort"), 0.9, TRUE }, { _("Impact"), 0.8, TRUE },
    { _("Owner"), 1.6, FALSE },
  };
  double natural_w = 900, natural_h = 640, scale;
  guint max_rows;

  new_page (doc, FALSE);
  heading (doc, _("Impact and effort"), TRUE);
  paragraph (doc, _("Each item placed by its effort (hours) and impact (0–100): quick wins at the top left, major "
                    "projects at the top right."),
             SIZE_BODY, &doc->palette->muted);

  gw_quadrant_options_init (&options);
  options.scoring = report->scoring;
  options.show_legend = TRUE;
  chart = gw_quadrant_chart_new (report->items, &options);
  scale = content_width (doc) / natural_w;
  if (drawing (doc))
    {
      cairo_save (doc->cr);
      cairo_translate (doc->cr, content_left (doc), doc->y);
      cairo_scale (doc->cr, scale, scale);
      /* the chart paints its background: keep it off the heading */
      cairo_rectangle (doc->cr, 0, 0, natural_w, natural_h);
      cairo_clip (doc->cr);
      gw_quadrant_chart_layout (chart, doc->cr, doc->palette, natural_w, natural_h);
      gw_quadrant_chart_draw (chart, doc->cr, doc->palette);
      cairo_restore (doc->cr);
    }
  doc->y += natural_h * scale + 8;

  /* The open quick wins under it, as the Quadrant page lists them. */
  for (guint i = 0; i < report->items->len; i++)
    {
      GwItem *item = g_ptr_array_index (report->items, i);
      GwStatus status = gw_item_get_status (item);

      if (status != GW_STATUS_DONE && status != GW_STATUS_DEFERRED && gw_item_is_quick_win (item, &report->scoring))
        g_ptr_array_add (wins, item);
    }
  g_ptr_array_sort (wins, (GCompareFunc) compare_quick_wins);
  heading (doc, _("Open quick wins"), FALSE);
  /* As many as the page holds under the chart (rows of one line), the
   * rest are in the appendix. */
  max_rows = (guint) MAX (3, floor ((content_bottom (doc) - doc->y - 3 * ROW_ESTIMATE) / ROW_ESTIMATE));
  max_rows = MIN (max_rows, MAX_QUICK_WINS);
  if (wins->len <= max_rows + 1)
    max_rows = wins->len;
  if (wins->len == 0)
    {
      paragraph (doc, _("No open item has a high impact for a low effort."), SIZE_BODY, &doc->palette->muted);
      return;
    }
  for (guint i = 0; i < wins->len && i < max_rows; i++)
    {
      GwItem *item = g_ptr_array_index (wins, i);
      g_autofree char *effort = format_hours (gw_item_get_effort_hours (item));
      g_autofree char *impact = g_strdup_printf ("%d", gw_impact_score (item));
      const char *owner = gw_item_get_owner (item);

      g_ptr_array_add (rows, row_new (FALSE, gw_item_get_key (item), gw_item_get_title (item), effort, impact,
                                      owner ? owner : "", NULL));
    }
  if (wins->len > max_rows)
    {
      guint more = wins->len - max_rows;
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "and %u more (see the appendix)",
                                                            "and %u more (see the appendix)", more), more);

      g_ptr_array_add (rows, row_new (FALSE, "…", text, "", "", "", NULL));
    }
  table (doc, columns, G_N_ELEMENTS (columns), rows);
}

static void
section_critical_path (Doc      *doc,
                       GwReport *report)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  const Column columns[] = {
    { _("Key"), 1, FALSE }, { _("Title"), 3.6, FALSE }, { _("Owner"), 1.5, FALSE },
    { _("Start"), 1.1, FALSE }, { _("Finish"), 1.1, FALSE }, { _("Hours"), 0.8, TRUE },
  };
  GwSchedule *s = report->schedule;
  double effort = 0;

  new_page (doc, FALSE);
  heading (doc, _("Critical path"), TRUE);
  if (s == NULL || s->n_critical_path == 0)
    {
      paragraph (doc, report->schedule_problem ? report->schedule_problem : _("No open work: there is no critical path."),
                 SIZE_BODY, &doc->palette->muted);
      return;
    }
  {
    g_autofree char *length = gw_format_hours (s->critical_path_hours);
    g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "The longest chain of dependent work: %u item, %s working hours from its first start to its last finish.",
                                                          "The longest chain of dependent work: %u items, %s working hours from its first start to its last finish.",
                                                          s->n_critical_path),
                                             s->n_critical_path, length);

    paragraph (doc, text, SIZE_BODY, &doc->palette->muted);
  }
  for (guint k = 0; k < s->n_critical_path; k++)
    {
      guint i = s->critical_path[k];
      const GwScheduleEntry *e = &s->items[i];
      GwItem *item = lookup (report, s->keys[i]);
      GDate a, b;
      g_autofree char *start = NULL;
      g_autofree char *finish = NULL;
      g_autofree char *hours = NULL;
      double h = item ? gw_item_get_effort_hours (item) : e->effort_hours;

      schedule_day (report, e->start, GW_CALENDAR_START, &a);
      schedule_day (report, e->finish, GW_CALENDAR_FINISH, &b);
      start = format_date (&a);
      finish = format_date (&b);
      hours = gw_format_hours (isnan (h) ? 0 : h);
      effort += isnan (h) ? 0 : h;
      g_ptr_array_add (rows, row_new (FALSE, s->keys[i], item_title (report, s->keys[i]),
                                      item && gw_item_get_owner (item) ? gw_item_get_owner (item) : "",
                                      start, finish, hours, NULL));
    }
  {
    g_autofree char *total = gw_format_hours (effort);
    g_autofree char *length = format_hours (s->critical_path_hours);
    g_autofree char *span = g_strdup_printf (_("%s from start to finish"), length);

    g_ptr_array_add (rows, row_new (TRUE, _("Total"), span, "", "", "", total, NULL));
  }
  table (doc, columns, G_N_ELEMENTS (columns), rows);
}

static void
section_gantt (Doc      *doc,
               GwReport *report)
{
  g_autoptr(GwGanttChart) chart = NULL;
  g_autoptr(GHashTable) headers = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (guint));
  double width, height, label_w, header_h, row_h, scale, avail_w, avail_h, title_h;
  guint n_rows, per_page, pages;

  if (report->schedule == NULL || report->schedule->n_active == 0)
    return;

  chart = gw_gantt_chart_new (report->schedule, report->items, report->milestones);
  gw_gantt_chart_set_today (chart, &report->today);

  /* Landscape pages; the time scale fitted to the width, shrunk when even
   * the coarsest zoom is wider. */
  avail_w = doc->portrait_h - 2 * MARGIN_SIDE;
  gw_gantt_chart_set_zoom (chart, gw_gantt_chart_fit_zoom (chart, avail_w / GANTT_SCALE));
  gw_gantt_chart_get_size (chart, &width, &height);
  gw_gantt_chart_get_margins (chart, &label_w, &header_h);
  /* Room to spare goes to the titles. */
  if (width < avail_w / GANTT_SCALE)
    {
      gw_gantt_chart_set_label_width (chart, MIN (label_w + avail_w / GANTT_SCALE - width, GANTT_MAX_LABEL));
      gw_gantt_chart_get_size (chart, &width, &height);
    }
  row_h = gw_gantt_chart_get_row_height (chart);
  n_rows = gw_gantt_chart_get_n_rows (chart);
  scale = MIN (GANTT_SCALE, avail_w / width);
  title_h = SIZE_H1 * 1.3 + 12 + SIZE_SMALL * 1.4 + 8;
  avail_h = doc->portrait_w - MARGIN_TOP - MARGIN_BOTTOM - title_h;
  per_page = MAX (1, (guint) floor ((avail_h / scale - header_h) / row_h));

  /* Page breaks, never right after a milestone's header row. */
  for (guint g = 0; g <= report->schedule->n_milestones; g++)
    {
      int row = gw_gantt_chart_get_group_row (chart, (int) g);

      if (row >= 0)
        g_hash_table_add (headers, GINT_TO_POINTER (row));
    }
  for (guint first = 0; first < n_rows;)
    {
      guint next = MIN (first + per_page, n_rows);

      if (next < n_rows && next - 1 > first && g_hash_table_contains (headers, GINT_TO_POINTER (next - 1)))
        next--;
      g_array_append_val (starts, first);
      first = next;
    }
  g_array_append_val (starts, n_rows);
  pages = starts->len - 1;

  for (guint p = 0; p < pages && !doc->stop; p++)
    {
      guint first = g_array_index (starts, guint, p);
      guint rows = g_array_index (starts, guint, p + 1) - first;
      g_autofree char *title = pages > 1
        /* Translators: the heading of a Gantt page, "Schedule (2 of 3)" */
        ? g_strdup_printf (_("Schedule (%u of %u)"), p + 1, pages)
        : g_strdup (_("Schedule"));
      /* Translators: under the Gantt chart's heading, "Rows 25–48 of 70" */
      g_autofree char *range = g_strdup_printf (_("Rows %u–%u of %u · bars from the resource-constrained schedule, "
                                                  "the critical path highlighted"),
                                                first + 1, first + rows, n_rows);

      new_page (doc, TRUE);
      heading (doc, title, TRUE);
      doc->y += put_text (doc, range, SIZE_SMALL, FALSE, &doc->palette->muted, content_left (doc), doc->y,
                          content_width (doc), FALSE, PANGO_ALIGN_LEFT);
      doc->y += 8;
      gw_gantt_chart_set_viewport (chart, 0, first * row_h, width, header_h + rows * row_h);
      if (drawing (doc))
        {
          cairo_save (doc->cr);
          cairo_translate (doc->cr, content_left (doc), doc->y);
          cairo_scale (doc->cr, scale, scale);
          gw_gantt_chart_draw (chart, doc->cr, doc->palette);
          cairo_restore (doc->cr);
        }
      doc->y += (header_h + rows * row_h) * scale;
    }
}

static void
section_resources (Doc      *doc,
                   GwReport *report)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  const Column columns[] = {
    { _("Role"), 2.6, FALSE }, { _("People"), 0.9, TRUE }, { _("Items"), 0.8, TRUE }, { _("Hours"), 1, TRUE },
    { _("FTE weeks"), 1, TRUE }, { _("Peak people"), 1, TRUE },
  };
  GwSchedule *s = report->schedule;
  double hours = 0, fte = 0;
  guint items = 0;

  new_page (doc, FALSE);
  heading (doc, _("Resources"), TRUE);
  if (s == NULL || s->n_active == 0)
    {
      paragraph (doc, report->schedule_problem ? report->schedule_problem : _("No open work to staff."),
                 SIZE_BODY, &doc->palette->muted);
      return;
    }
  paragraph (doc, _("Per role: the hours of its open items, those hours in full-time weeks of the role, and the most "
                    "people of the role at work in one week of the schedule (as in the exported resource table)."),
             SIZE_BODY, &doc->palette->muted);
  for (guint r = 0; r < s->n_roles; r++)
    {
      const GwScheduleRole *role = &s->roles[r];
      double h = s->weeks->role_hours[r];
      double f = role->hours_per_week > 0 ? h / role->hours_per_week : 0;
      g_autofree char *people = role->limited ? g_strdup_printf ("%d", role->headcount) : g_strdup ("—");
      g_autofree char *n = g_strdup_printf ("%u", role->n_items);
      g_autofree char *hs = gw_format_hours (h);
      g_autofree char *fs = gw_format_hours (f);
      g_autofree char *peak = g_strdup_printf ("%d", s->weeks->peak_people[r]);

      if (role->n_items == 0)
        continue;
      hours += h;
      fte += f;
      items += role->n_items;
      g_ptr_array_add (rows, row_new (FALSE, role->name ? role->name : _("No owner"), people, n, hs, fs, peak, NULL));
    }
  {
    g_autofree char *n = g_strdup_printf ("%u", items);
    g_autofree char *hs = gw_format_hours (hours);
    g_autofree char *fs = gw_format_hours (fte);

    g_ptr_array_add (rows, row_new (TRUE, _("Total"), "", n, hs, fs, "", NULL));
  }
  table (doc, columns, G_N_ELEMENTS (columns), rows);
  for (guint w = 0; w < s->warnings->len; w++)
    paragraph (doc, g_ptr_array_index (s->warnings, w), SIZE_SMALL, &doc->palette->muted);
}

static void
section_risks (Doc      *doc,
               GwReport *report)
{
  g_autoptr(GArray) top = gw_gates_top_risks (report->items, report->risk_grid, TOP_RISKS);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  const Column columns[] = {
    { _("Key"), 1, FALSE }, { _("Title"), 3.6, FALSE }, { _("Likelihood"), 1.1, TRUE },
    { _("Severity"), 1, TRUE }, { _("Score"), 0.8, TRUE }, { _("Owner"), 1.5, FALSE },
  };
  g_autofree char *intro = g_strdup_printf (_("The open items with the highest likelihood × severity on the %d × %d "
                                              "risk matrix: likelihood from the implementation risk or the risk level, "
                                              "severity from the impact."),
                                            report->risk_grid, report->risk_grid);

  heading (doc, _("Top risks"), TRUE);
  paragraph (doc, intro, SIZE_BODY, &doc->palette->muted);
  if (top->len == 0)
    {
      paragraph (doc, _("No open item has a risk rating."), SIZE_BODY, &doc->palette->muted);
      return;
    }
  for (guint i = 0; i < top->len; i++)
    {
      GwRiskRank *rank = &g_array_index (top, GwRiskRank, i);
      g_autofree char *l = g_strdup_printf ("%d/%d (%.0f %%)", rank->likelihood + 1, report->risk_grid,
                                            gw_item_likelihood_pct (rank->item));
      g_autofree char *s = g_strdup_printf ("%d/%d", rank->severity + 1, report->risk_grid);
      g_autofree char *score = g_strdup_printf ("%d", rank->score);
      const char *owner = gw_item_get_owner (rank->item);

      g_ptr_array_add (rows, row_new (FALSE, gw_item_get_key (rank->item), gw_item_get_title (rank->item), l, s, score,
                                      owner ? owner : "", NULL));
    }
  table (doc, columns, G_N_ELEMENTS (columns), rows);
}

/* The register table, for the appendix and for printing. */
static void
register_table (Doc       *doc,
                GPtrArray *items)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  const Column columns[] = {
    { _("Key"), 1.05, FALSE }, { _("Title"), 4, FALSE }, { _("Priority"), 0.8, FALSE }, { _("Status"), 1.1, FALSE },
    { _("Effort"), 0.8, TRUE }, { _("Owner"), 1.7, FALSE }, { _("Milestone"), 1, FALSE },
  };

  for (guint i = 0; i < items->len; i++)
    {
      GwItem *item = g_ptr_array_index (items, i);
      double hours = gw_item_get_effort_hours (item);
      g_autofree char *effort = isnan (hours) ? g_strdup ("") : format_hours (hours);
      const char *owner = gw_item_get_owner (item);
      const char *milestone = gw_item_get_milestone (item);

      g_ptr_array_add (rows, row_new (FALSE, gw_item_get_key (item), gw_item_get_title (item),
                                      gw_priority_to_string (gw_item_get_priority (item)),
                                      gw_status_to_label (gw_item_get_status (item)), effort,
                                      owner ? owner : "", milestone ? milestone : "", NULL));
    }
  table (doc, columns, G_N_ELEMENTS (columns), rows);
}

static void
section_appendix (Doc      *doc,
                  GwReport *report)
{
  new_page (doc, FALSE);
  heading (doc, _("Appendix: the register"), TRUE);
  register_table (doc, report->items);
}

static void
run_report (Doc      *doc,
            GwReport *report)
{
  section_cover (doc, report);
  section_readiness (doc, report);
  section_decision (doc, report);
  section_quadrant (doc, report);
  section_critical_path (doc, report);
  section_gantt (doc, report);
  section_resources (doc, report);
  section_risks (doc, report);
  section_appendix (doc, report);
  end_page (doc);
}

/* Output */

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static cairo_status_t
discard_bytes (void                *closure,
               const unsigned char *data,
               unsigned int         length)
{
  return CAIRO_STATUS_SUCCESS;
}

static void
doc_init (Doc                   *doc,
          cairo_t               *out,
          cairo_surface_t       *surface,
          int                    target,
          double                 width,
          double                 height,
          const char            *footer)
{
  cairo_surface_t *scratch = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);

  memset (doc, 0, sizeof *doc);
  doc->palette = gw_render_palette_light ();
  doc->out = out;
  doc->surface = surface;
  doc->scratch = cairo_create (scratch);
  cairo_surface_destroy (scratch);
  doc->cr = doc->scratch;
  doc->target = target;
  doc->portrait_w = MIN (width, height);
  doc->portrait_h = MAX (width, height);
  doc->page_w = width;
  doc->page_h = height;
  doc->footer = footer;
}

static void
doc_clear (Doc *doc)
{
  cairo_destroy (doc->scratch);
}

/* Public API: paper */

gboolean
gw_paper_from_string (const char *text,
                      GwPaper    *paper)
{
  g_return_val_if_fail (paper != NULL, FALSE);

  if (g_strcmp0 (text, "a4") == 0 || g_strcmp0 (text, "A4") == 0)
    *paper = GW_PAPER_A4;
  else if (text != NULL && g_ascii_strcasecmp (text, "letter") == 0)
    *paper = GW_PAPER_LETTER;
  else
    return FALSE;
  return TRUE;
}

/**
 * gw_paper_get_size:
 *
 * The portrait size of @paper in points.
 */
void
gw_paper_get_size (GwPaper  paper,
                   double  *width,
                   double  *height)
{
  g_return_if_fail (width != NULL && height != NULL);

  *width = paper == GW_PAPER_LETTER ? LETTER_WIDTH : A4_WIDTH;
  *height = paper == GW_PAPER_LETTER ? LETTER_HEIGHT : A4_HEIGHT;
}

/* Public API: the report */

/**
 * gw_report_new:
 * @today: the report's date, which "the next 30 days" count from
 *
 * Reads what the report shows from @store, so that it can be written in
 * another thread.
 *
 * Returns: (transfer full): the report, or %NULL when the register could
 *   not be read
 */
GwReport *
gw_report_new (GwStore      *store,
               const GDate  *today,
               GError      **error)
{
  g_autoptr(GwReport) report = NULL;
  g_autoptr(GError) schedule_error = NULL;
  const char *name;
  double v;

  g_return_val_if_fail (GW_IS_STORE (store), NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  report = g_new0 (GwReport, 1);
  report->today = *today;
  report->items = gw_store_list_items (store, error);
  if (report->items == NULL)
    return NULL;
  report->by_key = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < report->items->len; i++)
    {
      GwItem *item = g_ptr_array_index (report->items, i);

      g_hash_table_insert (report->by_key, (gpointer) gw_item_get_key (item), item);
    }
  name = gw_store_get_name (store);
  if (name == NULL || *name == '\0')
    report->name = g_path_get_basename (gw_store_get_path (store));
  else
    report->name = g_strdup (name);
  report->milestones = gw_store_list_milestones (store);
  report->decision = gw_store_list_decision (store);
  report->threshold = gw_gates_get_should_threshold (store);
  v = gw_store_get_setting_double (store, "risk_grid");
  report->risk_grid = v == 3 ? 3 : 5;
  gw_scoring_settings_init (&report->scoring);
  v = gw_store_get_setting_double (store, "effort_threshold");
  if (!isnan (v))
    report->scoring.effort_threshold = v;
  v = gw_store_get_setting_double (store, "impact_threshold");
  if (!isnan (v))
    report->scoring.impact_threshold = v;
  report->scoring.risk_grid = report->risk_grid;

  report->schedule = gw_schedule_new_from_store (store, &schedule_error);
  if (report->schedule == NULL)
    /* Translators: in the report when the register cannot be scheduled */
    report->schedule_problem = g_strdup_printf (_("The register could not be scheduled: %s"), schedule_error->message);

  report->verdict = gw_verdict_new (report->decision, report->items, report->threshold);
  report->readiness = gw_readiness_new (report->items);
  report->next = gw_next_actions_new (report->items, report->schedule, today);
  return g_steal_pointer (&report);
}

void
gw_report_free (GwReport *report)
{
  if (report == NULL)
    return;
  g_free (report->name);
  g_clear_pointer (&report->by_key, g_hash_table_unref);
  g_clear_pointer (&report->items, g_ptr_array_unref);
  g_clear_pointer (&report->milestones, g_ptr_array_unref);
  g_clear_pointer (&report->decision, g_ptr_array_unref);
  g_clear_pointer (&report->schedule, gw_schedule_unref);
  g_free (report->schedule_problem);
  g_clear_pointer (&report->verdict, gw_verdict_free);
  g_clear_pointer (&report->readiness, gw_readiness_free);
  g_clear_pointer (&report->next, gw_next_actions_free);
  g_free (report);
}

/**
 * gw_report_write_pdf:
 * @n_pages: (out) (optional): the pages written
 *
 * Writes the report to @path whole or not at all: it is made in memory,
 * then saved under a temporary name and renamed.
 */
gboolean
gw_report_write_pdf (GwReport    *report,
                     const char  *path,
                     GwPaper      paper,
                     guint       *n_pages,
                     GError     **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  double width, height;
  guint counted;
  Doc doc;

  g_return_val_if_fail (report != NULL && path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  display = g_filename_display_name (path);
  gw_paper_get_size (paper, &width, &height);

  /* Count the pages, drawing nothing. */
  surface = cairo_pdf_surface_create_for_stream (discard_bytes, NULL, width, height);
  cr = cairo_create (surface);
  doc_init (&doc, cr, surface, -1, width, height, report->name);
  run_report (&doc, report);
  counted = doc.page;
  doc_clear (&doc);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  surface = cairo_pdf_surface_create_for_stream (append_bytes, bytes, width, height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, report->name);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Gapwise " PACKAGE_VERSION);
  cr = cairo_create (surface);
  doc_init (&doc, cr, surface, 0, width, height, report->name);
  doc.n_pages = counted;
  run_report (&doc, report);
  g_warn_if_fail (doc.page == counted);
  doc_clear (&doc);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, GW_RENDER_ERROR, GW_RENDER_ERROR_FAILED,
                   _("Could not draw the report “%s”: %s."), display, cairo_status_to_string (status));
      return FALSE;
    }
  if (!g_file_set_contents_full (path, (const char *) bytes->data, bytes->len,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0644, &local_error))
    {
      g_set_error (error, G_FILE_ERROR, local_error->code,
                   _("“%s” could not be written: %s."), display, local_error->message);
      return FALSE;
    }
  if (n_pages != NULL)
    *n_pages = counted;
  return TRUE;
}

/* Public API: the register on pages */

static void
run_register (Doc        *doc,
              GPtrArray  *items,
              const char *title)
{
  new_page (doc, FALSE);
  heading (doc, title, TRUE);
  register_table (doc, items);
  end_page (doc);
}

/**
 * gw_register_pages_count:
 * @items: (element-type GwItem): the items, in the order to print
 * @width: a page's width in points
 *
 * Returns: how many pages gw_register_pages_draw() draws
 */
guint
gw_register_pages_count (GPtrArray  *items,
                         const char *title,
                         double      width,
                         double      height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);
  Doc doc;
  guint n;

  g_return_val_if_fail (items != NULL, 0);

  doc_init (&doc, cr, NULL, -1, width, height, title);
  run_register (&doc, items, title);
  n = doc.page;
  doc_clear (&doc);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return n;
}

/**
 * gw_register_pages_draw:
 * @page: 0-based
 *
 * Draws page @page of the register's table into @cr, whose origin is the
 * page's top left corner, in the light palette.
 */
void
gw_register_pages_draw (GPtrArray  *items,
                        const char *title,
                        cairo_t    *cr,
                        double      width,
                        double      height,
                        guint       page)
{
  Doc doc;

  g_return_if_fail (items != NULL && cr != NULL);

  doc_init (&doc, cr, NULL, (int) page + 1, width, height, title);
  doc.n_pages = gw_register_pages_count (items, title, width, height);
  new_page (&doc, FALSE);
  heading (&doc, title, TRUE);
  register_table (&doc, items);
  if (!doc.stop)
    end_page (&doc);
  doc_clear (&doc);
}
