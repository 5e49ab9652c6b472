/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>
#include <pango/pangocairo.h>

#include "gw-types.h"

G_BEGIN_DECLS

/* What the renderers share: colours, text, and writing a drawing to a
 * PNG, SVG or PDF file. */

#define GW_RENDER_ERROR (gw_render_error_quark ())

typedef enum
{
  GW_RENDER_ERROR_FORMAT,   /* the file name ends in no known extension */
  GW_RENDER_ERROR_SIZE,     /* a size that cannot be drawn */
  GW_RENDER_ERROR_FAILED,   /* cairo or the disk failed */
} GwRenderError;

GQuark gw_render_error_quark (void);

typedef struct
{
  double red, green, blue, alpha;
} GwColor;

/* The colours of a chart. The GUI fills one from its style (dark or light);
 * the CLI and the tests use the built-in ones. */
typedef struct
{
  GwColor     background;
  GwColor     foreground;    /* text */
  GwColor     muted;         /* secondary text, done items */
  GwColor     surface;       /* boxes: nodes, cards */
  GwColor     border;
  GwColor     line;          /* connectors, axes */
  GwColor     accent;        /* the selection */
  GwColor     highlight;     /* the critical path */
  GwColor     band[2];       /* alternating background bands */
  GwColor     priority[GW_N_PRIORITIES];
  GwColor     status[GW_N_STATUSES];
  const char *font_family;
} GwRenderPalette;

typedef enum
{
  GW_RENDER_PNG,
  GW_RENDER_SVG,
  GW_RENDER_PDF,
} GwRenderFormat;

/* Draws a chart whose natural size is the one given to gw_render_write_file(),
 * in those units, from (0, 0). */
typedef void (*GwRenderDrawFunc) (cairo_t  *cr,
                                  gpointer  user_data);

const GwRenderPalette *gw_render_palette_light (void);
const GwRenderPalette *gw_render_palette_dark  (void);

void         gw_render_set_color         (cairo_t       *cr,
                                          const GwColor *color,
                                          double         opacity);
GwColor      gw_render_mix               (const GwColor *a,
                                          const GwColor *b,
                                          double         t);
void         gw_render_rounded_rectangle (cairo_t *cr,
                                          double   x,
                                          double   y,
                                          double   width,
                                          double   height,
                                          double   radius);

PangoLayout *gw_render_text_layout       (cairo_t               *cr,
                                          const GwRenderPalette *palette,
                                          double                 size,
                                          gboolean               bold);
void         gw_render_text_set          (PangoLayout *layout,
                                          const char  *text,
                                          double       max_width);
void         gw_render_text_size         (PangoLayout *layout,
                                          double      *width,
                                          double      *height);

gboolean     gw_render_format_from_path  (const char     *path,
                                          GwRenderFormat *format);
gboolean     gw_render_write_file        (const char             *path,
                                          double                  natural_width,
                                          double                  natural_height,
                                          int                     width,
                                          int                     height,
                                          const GwRenderPalette  *palette,
                                          GwRenderDrawFunc        draw,
                                          gpointer                user_data,
                                          GError                **error);

G_END_DECLS
