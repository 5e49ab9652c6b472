/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gw-render-common.h"

G_BEGIN_DECLS

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

double _gw_doc_content_left (Doc *doc);
double _gw_doc_content_width (Doc *doc);
double _gw_doc_content_bottom (Doc *doc);
gboolean _gw_doc_drawing (Doc *doc);
double _gw_doc_put_text (Doc            *doc,
                         const char     *text,
                         double          size,
                         gboolean        bold,
                         const GwColor  *color,
                         double          x,
                         double          y,
                         double          width,
                         gboolean        wrap,
                         PangoAlignment  align);
void _gw_doc_end_page (Doc *doc);
void _gw_doc_new_page (Doc      *doc,
                       gboolean  landscape);
void _gw_doc_ensure_space (Doc    *doc,
                           double  height);
void _gw_doc_heading (Doc        *doc,
                      const char *text,
                      gboolean    top_level);
void _gw_doc_paragraph (Doc           *doc,
                        const char    *text,
                        double         size,
                        const GwColor *color);
void _gw_doc_table (Doc          *doc,
                    const Column *columns,
                    guint         n_columns,
                    GPtrArray    *rows);
void _gw_doc_checklist (Doc       *doc,
                        GPtrArray *lines,
                        gboolean   boxes);
void _gw_doc_doc_init (Doc             *doc,
                       cairo_t         *out,
                       cairo_surface_t *surface,
                       int              target,
                       double           width,
                       double           height,
                       const char      *footer);
void _gw_doc_doc_clear (Doc *doc);
Row * _gw_doc_row_new (gboolean bold,
                       ...) G_GNUC_NULL_TERMINATED;
void _gw_doc_row_free (Row *row);

G_END_DECLS
