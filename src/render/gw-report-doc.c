/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The paged flow the report and the printed register are set in: text,
 * headings, tables and checklists down the page from a cursor, new pages
 * with their footers. */

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "gw-item.h"
#include "gw-report-private.h"

void
_gw_doc_row_free (Row *row)
{
  g_strfreev (row->cells);
  g_free (row);
}

Row *
_gw_doc_row_new (gboolean bold,
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

double
_gw_doc_content_left (Doc *doc)
{
  return MARGIN_SIDE;
}

double
_gw_doc_content_width (Doc *doc)
{
  return doc->page_w - 2 * MARGIN_SIDE;
}

double
_gw_doc_content_bottom (Doc *doc)
{
  return doc->page_h - MARGIN_BOTTOM;
}

gboolean
_gw_doc_drawing (Doc *doc)
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
double
_gw_doc_put_text (Doc            *doc,
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
  if (_gw_doc_drawing (doc))
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
  double w = _gw_doc_content_width (doc);

  if (!_gw_doc_drawing (doc))
    return;
  if (doc->n_pages > 0)
    /* Translators: the footer of the report's pages, "Page 3 of 12" */
    number = g_strdup_printf (_("Page %u of %u"), doc->page, doc->n_pages);
  else
    number = g_strdup_printf (_("Page %u"), doc->page);

  gw_render_set_color (doc->cr, &doc->palette->border, 1);
  cairo_set_line_width (doc->cr, 0.5);
  cairo_move_to (doc->cr, _gw_doc_content_left (doc), y - 6);
  cairo_line_to (doc->cr, _gw_doc_content_left (doc) + w, y - 6);
  cairo_stroke (doc->cr);
  _gw_doc_put_text (doc, doc->footer, SIZE_SMALL, FALSE, &doc->palette->muted, _gw_doc_content_left (doc), y, w * 0.7, FALSE,
                    PANGO_ALIGN_LEFT);
  _gw_doc_put_text (doc, number, SIZE_SMALL, FALSE, &doc->palette->muted, _gw_doc_content_left (doc) + w * 0.7, y, w * 0.3, FALSE,
                    PANGO_ALIGN_RIGHT);
}

void
_gw_doc_end_page (Doc *doc)
{
  if (doc->page == 0)
    return;
  draw_footer (doc);
  if (doc->target == 0)
    cairo_show_page (doc->out);
}

void
_gw_doc_new_page (Doc      *doc,
                  gboolean  landscape)
{
  _gw_doc_end_page (doc);
  doc->page++;
  if (doc->target > 0 && doc->page > (guint) doc->target)
    doc->stop = TRUE;

  doc->page_w = landscape ? doc->portrait_h : doc->portrait_w;
  doc->page_h = landscape ? doc->portrait_w : doc->portrait_h;
  if (doc->surface != NULL && doc->target == 0)
    cairo_pdf_surface_set_size (doc->surface, doc->page_w, doc->page_h);
  doc->cr = doc->target == 0 || doc->page == (guint) doc->target ? doc->out : doc->scratch;
  if (_gw_doc_drawing (doc))
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
void
_gw_doc_ensure_space (Doc    *doc,
                      double  height)
{
  if (doc->y + height > _gw_doc_content_bottom (doc) && doc->y > MARGIN_TOP + 1)
    _gw_doc_new_page (doc, FALSE);
}

void
_gw_doc_heading (Doc        *doc,
                 const char *text,
                 gboolean    top_level)
{
  double size = top_level ? SIZE_H1 : SIZE_H2;
  double h = text_height (doc, text, size, TRUE, _gw_doc_content_width (doc));

  if (doc->y > MARGIN_TOP + 1)
    doc->y += top_level ? 14 : 10;
  /* a heading never ends a page */
  _gw_doc_ensure_space (doc, h + 60);
  doc->y += _gw_doc_put_text (doc, text, size, TRUE, &doc->palette->foreground, _gw_doc_content_left (doc), doc->y,
                              _gw_doc_content_width (doc), TRUE, PANGO_ALIGN_LEFT);
  if (top_level && _gw_doc_drawing (doc))
    {
      gw_render_set_color (doc->cr, &doc->palette->accent, 1);
      cairo_rectangle (doc->cr, _gw_doc_content_left (doc), doc->y + 3, 36, 2);
      cairo_fill (doc->cr);
    }
  doc->y += top_level ? 12 : 5;
}

void
_gw_doc_paragraph (Doc           *doc,
                   const char    *text,
                   double         size,
                   const GwColor *color)
{
  double h = text_height (doc, text, size, FALSE, _gw_doc_content_width (doc));

  _gw_doc_ensure_space (doc, h);
  doc->y += _gw_doc_put_text (doc, text, size, FALSE, color, _gw_doc_content_left (doc), doc->y, _gw_doc_content_width (doc), TRUE,
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
  double x = _gw_doc_content_left (doc);

  if (band != NULL && _gw_doc_drawing (doc))
    {
      gw_render_set_color (doc->cr, band, 1);
      cairo_rectangle (doc->cr, x, doc->y, _gw_doc_content_width (doc), height);
      cairo_fill (doc->cr);
    }
  for (guint c = 0; c < n_columns && cells[c] != NULL; c++)
    {
      _gw_doc_put_text (doc, cells[c], SIZE_TABLE, bold, &doc->palette->foreground, x + CELL_PAD, doc->y + CELL_PAD,
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
  if (_gw_doc_drawing (doc))
    {
      gw_render_set_color (doc->cr, &doc->palette->line, 1);
      cairo_set_line_width (doc->cr, 0.8);
      cairo_move_to (doc->cr, _gw_doc_content_left (doc), doc->y);
      cairo_line_to (doc->cr, _gw_doc_content_left (doc) + _gw_doc_content_width (doc), doc->y);
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
  double page = _gw_doc_content_width (doc);

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
void
_gw_doc_table (Doc          *doc,
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

  _gw_doc_ensure_space (doc, header_h + 3 * (SIZE_TABLE * 1.3 + 2 * CELL_PAD));
  table_header (doc, columns, n_columns, widths);
  for (guint r = 0; r < rows->len && !doc->stop; r++)
    {
      Row *row = g_ptr_array_index (rows, r);
      double h = row_height (doc, columns, n_columns, row->cells, row->bold, widths);
      gboolean orphan = FALSE;

      /* The last row (often a total) never goes to a page alone. */
      if (r + 2 == rows->len && doc->y + h <= _gw_doc_content_bottom (doc) && doc->y > MARGIN_TOP + header_h + 1)
        {
          Row *last = g_ptr_array_index (rows, r + 1);

          orphan = doc->y + h + row_height (doc, columns, n_columns, last->cells, last->bold, widths) >
                   _gw_doc_content_bottom (doc);
        }
      if (orphan || doc->y + h > _gw_doc_content_bottom (doc))
        {
          _gw_doc_new_page (doc, FALSE);
          table_header (doc, columns, n_columns, widths);
        }
      draw_row (doc, columns, n_columns, row->cells, row->bold, widths, h, r % 2 ? &doc->palette->band[0] : NULL);
    }
  doc->y += 6;
}

/* A box, ticked or not, and the line's text. */
void
_gw_doc_checklist (Doc        *doc,
                   GPtrArray  *lines,
                   gboolean    boxes)
{
  double indent = 16, w = _gw_doc_content_width (doc) - indent;

  for (guint i = 0; i < lines->len; i++)
    {
      GwLine *line = g_ptr_array_index (lines, i);
      double h = text_height (doc, line->text, SIZE_BODY, FALSE, w);
      double x = _gw_doc_content_left (doc);

      _gw_doc_ensure_space (doc, h);
      if (_gw_doc_drawing (doc))
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
      doc->y += _gw_doc_put_text (doc, line->text, SIZE_BODY, FALSE,
                                  boxes && line->done ? &doc->palette->muted : &doc->palette->foreground,
                                  x + indent, doc->y, w, TRUE, PANGO_ALIGN_LEFT);
      doc->y += 2;
    }
}

/* Output */

void
_gw_doc_doc_init (Doc                   *doc,
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

void
_gw_doc_doc_clear (Doc *doc)
{
  cairo_destroy (doc->scratch);
}
