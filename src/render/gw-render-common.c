/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n-lib.h>
#include <math.h>

#include "gw-render-common.h"

/* cairo's image surfaces stop at 32767 pixels a side; a PNG is kept well
 * below that, and below ~1 GB of pixels, by scaling the chart down. */
#define MAX_PNG_SIDE 16384
#define MAX_PNG_PIXELS (80 * 1000 * 1000)
/* PDF readers refuse pages larger than 200 inches. */
#define MAX_PDF_SIDE 14400

#define RGB(hex) { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, ((hex) & 0xff) / 255.0, 1 }

/* GNOME's palette (the HIG colours libadwaita uses). */
static const GwRenderPalette light_palette = {
  .background = RGB (0xffffff),
  .foreground = RGB (0x241f31),
  .muted = RGB (0x77767b),
  .surface = RGB (0xfafafa),
  .border = RGB (0xc0bfbc),
  .line = RGB (0x9a9996),
  .accent = RGB (0x1c71d8),
  .highlight = RGB (0x813d9c),
  .band = { RGB (0xf6f5f4), RGB (0xebeaf0) },
  .priority = { RGB (0xe01b24), RGB (0xff7800), RGB (0xe5a50a), RGB (0x62a0ea) },
  .status = { RGB (0x9a9996), RGB (0x3584e4), RGB (0xe01b24), RGB (0x26a269), RGB (0xc0bfbc) },
  .font_family = "Cantarell, DejaVu Sans, sans-serif",
};

static const GwRenderPalette dark_palette = {
  .background = RGB (0x1e1e1e),
  .foreground = RGB (0xffffff),
  .muted = RGB (0x9a9996),
  .surface = RGB (0x303030),
  .border = RGB (0x5e5c64),
  .line = RGB (0x9a9996),
  .accent = RGB (0x78aeed),
  .highlight = RGB (0xdc8add),
  .band = { RGB (0x242424), RGB (0x2e2c35) },
  .priority = { RGB (0xf66151), RGB (0xffa348), RGB (0xf8e45c), RGB (0x99c1f1) },
  .status = { RGB (0x9a9996), RGB (0x62a0ea), RGB (0xf66151), RGB (0x57e389), RGB (0x77767b) },
  .font_family = "Cantarell, DejaVu Sans, sans-serif",
};

G_DEFINE_QUARK (gw-render-error-quark, gw_render_error)

/* Colours and shapes */

const GwRenderPalette *
gw_render_palette_light (void)
{
  return &light_palette;
}

const GwRenderPalette *
gw_render_palette_dark (void)
{
  return &dark_palette;
}

/**
 * gw_render_set_color:
 * @opacity: multiplies the colour's alpha
 */
void
gw_render_set_color (cairo_t       *cr,
                     const GwColor *color,
                     double         opacity)
{
  g_return_if_fail (cr != NULL && color != NULL);

  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * opacity);
}

/**
 * gw_render_mix:
 * @t: 0 gives @a, 1 gives @b
 *
 * Returns: the colour between @a and @b
 */
GwColor
gw_render_mix (const GwColor *a,
               const GwColor *b,
               double         t)
{
  GwColor c = { 0, 0, 0, 1 };

  g_return_val_if_fail (a != NULL && b != NULL, c);

  c.red = a->red + (b->red - a->red) * t;
  c.green = a->green + (b->green - a->green) * t;
  c.blue = a->blue + (b->blue - a->blue) * t;
  c.alpha = a->alpha + (b->alpha - a->alpha) * t;
  return c;
}

void
gw_render_rounded_rectangle (cairo_t *cr,
                             double   x,
                             double   y,
                             double   width,
                             double   height,
                             double   radius)
{
  g_return_if_fail (cr != NULL);

  radius = MIN (radius, MIN (width, height) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + width - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + width - radius, y + height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* Text */

/**
 * gw_render_text_layout:
 * @size: the font size in drawing units (pixels at 100 % zoom)
 *
 * Returns: (transfer full): a layout for @cr in the palette's font, with
 *   metrics that do not depend on the output's hinting, so that a PNG, an
 *   SVG and the screen lay text out alike
 */
PangoLayout *
gw_render_text_layout (cairo_t               *cr,
                       const GwRenderPalette *palette,
                       double                 size,
                       gboolean               bold)
{
  PangoLayout *layout;
  PangoContext *context;
  PangoFontDescription *desc;
  cairo_font_options_t *options;

  g_return_val_if_fail (cr != NULL && palette != NULL, NULL);

  layout = pango_cairo_create_layout (cr);
  context = pango_layout_get_context (layout);
  pango_cairo_context_set_resolution (context, 72);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_layout_context_changed (layout);

  desc = pango_font_description_from_string (palette->font_family);
  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  pango_font_description_set_weight (desc, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  return layout;
}

/**
 * gw_render_text_set:
 * @max_width: the width the text may take, ending in an ellipsis beyond
 *   it; negative for no limit
 *
 * Sets one line of text.
 */
void
gw_render_text_set (PangoLayout *layout,
                    const char  *text,
                    double       max_width)
{
  g_return_if_fail (PANGO_IS_LAYOUT (layout));

  pango_layout_set_single_paragraph_mode (layout, TRUE);
  pango_layout_set_ellipsize (layout, max_width >= 0 ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
  pango_layout_set_width (layout, max_width >= 0 ? (int) (max_width * PANGO_SCALE) : -1);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
}

void
gw_render_text_size (PangoLayout *layout,
                     double      *width,
                     double      *height)
{
  PangoRectangle logical;

  g_return_if_fail (PANGO_IS_LAYOUT (layout));

  pango_layout_get_extents (layout, NULL, &logical);
  if (width != NULL)
    *width = (double) logical.width / PANGO_SCALE;
  if (height != NULL)
    *height = (double) logical.height / PANGO_SCALE;
}

/* Files */

gboolean
gw_render_format_from_path (const char     *path,
                            GwRenderFormat *format)
{
  g_autofree char *lower = NULL;
  GwRenderFormat f;

  g_return_val_if_fail (path != NULL, FALSE);

  lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, ".png"))
    f = GW_RENDER_PNG;
  else if (g_str_has_suffix (lower, ".svg"))
    f = GW_RENDER_SVG;
  else if (g_str_has_suffix (lower, ".pdf"))
    f = GW_RENDER_PDF;
  else
    return FALSE;
  if (format != NULL)
    *format = f;
  return TRUE;
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
check_status (cairo_status_t   status,
              const char      *path,
              GError         **error)
{
  g_autofree char *display = NULL;

  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;
  display = g_filename_display_name (path);
  g_set_error (error, GW_RENDER_ERROR, GW_RENDER_ERROR_FAILED,
               _("Could not draw “%s”: %s."), display, cairo_status_to_string (status));
  return FALSE;
}

/**
 * gw_render_write_file:
 * @path: ends in .png, .svg or .pdf, which chooses the format
 * @natural_width: the chart's own size, in units
 * @width: the output's size in pixels (PNG) or points; 0 for the
 *   natural size.  The chart is scaled to fit and centred.
 * @palette: its background fills the page
 * @draw: draws the chart at its natural size
 *
 * Writes the file whole or not at all: it is drawn in memory, then saved
 * under a temporary name and renamed.
 */
gboolean
gw_render_write_file (const char             *path,
                      double                  natural_width,
                      double                  natural_height,
                      int                     width,
                      int                     height,
                      const GwRenderPalette  *palette,
                      GwRenderDrawFunc        draw,
                      gpointer                user_data,
                      GError                **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autofree char *display = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  GwRenderFormat format;
  double out_w, out_h, scale, max_side;
  cairo_status_t status;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (palette != NULL && draw != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  display = g_filename_display_name (path);
  if (!gw_render_format_from_path (path, &format))
    {
      g_set_error (error, GW_RENDER_ERROR, GW_RENDER_ERROR_FORMAT,
                   _("“%s” does not end in .png, .svg or .pdf: choose one of these formats."), display);
      return FALSE;
    }
  if (width < 0 || height < 0 || width > 100000 || height > 100000)
    {
      g_set_error (error, GW_RENDER_ERROR, GW_RENDER_ERROR_SIZE,
                   _("The size %d × %d of “%s” is out of range: give a width and a height from 1 to 100000."),
                   width, height, display);
      return FALSE;
    }

  natural_width = MAX (natural_width, 1);
  natural_height = MAX (natural_height, 1);
  out_w = width > 0 ? width : (height > 0 ? ceil (natural_width * height / natural_height) : ceil (natural_width));
  out_h = height > 0 ? height : (width > 0 ? ceil (natural_height * width / natural_width) : ceil (natural_height));

  /* Keep the page within what the format's readers accept. */
  max_side = format == GW_RENDER_PNG ? MAX_PNG_SIDE : format == GW_RENDER_PDF ? MAX_PDF_SIDE : G_MAXDOUBLE;
  if (out_w > max_side || out_h > max_side)
    {
      double shrink = max_side / MAX (out_w, out_h);

      out_w = MAX (1, floor (out_w * shrink));
      out_h = MAX (1, floor (out_h * shrink));
    }
  if (format == GW_RENDER_PNG && out_w * out_h > MAX_PNG_PIXELS)
    {
      double shrink = sqrt (MAX_PNG_PIXELS / (out_w * out_h));

      out_w = MAX (1, floor (out_w * shrink));
      out_h = MAX (1, floor (out_h * shrink));
    }
  scale = MIN (out_w / natural_width, out_h / natural_height);

  switch (format)
    {
    case GW_RENDER_PNG:
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) out_w, (int) out_h);
      break;
    case GW_RENDER_SVG:
      surface = cairo_svg_surface_create_for_stream (append_bytes, bytes, out_w, out_h);
      cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
      break;
    case GW_RENDER_PDF:
    default:
      surface = cairo_pdf_surface_create_for_stream (append_bytes, bytes, out_w, out_h);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Gapwise " PACKAGE_VERSION);
      break;
    }
  if (!check_status (cairo_surface_status (surface), path, error))
    {
      cairo_surface_destroy (surface);
      return FALSE;
    }

  cr = cairo_create (surface);
  gw_render_set_color (cr, &palette->background, 1);
  cairo_paint (cr);
  cairo_translate (cr, (out_w - natural_width * scale) / 2, (out_h - natural_height * scale) / 2);
  cairo_scale (cr, scale, scale);
  draw (cr, user_data);
  status = cairo_status (cr);
  cairo_destroy (cr);

  if (format == GW_RENDER_PNG && status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_write_to_png_stream (surface, append_bytes, bytes);
  /* SVG and PDF are complete only once the surface is finished. */
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (!check_status (status, path, error))
    return FALSE;

  if (!g_file_set_contents_full (path, (const char *) bytes->data, bytes->len,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0644, error))
    return FALSE;
  return TRUE;
}
