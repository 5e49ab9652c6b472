/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <adwaita.h>

#include "gw-style-palette.h"

static void
from_rgba (GwColor       *color,
           const GdkRGBA *rgba)
{
  color->red = rgba->red;
  color->green = rgba->green;
  color->blue = rgba->blue;
  color->alpha = rgba->alpha;
}

static void
lookup (GtkStyleContext *context,
        const char      *name,
        GwColor         *color)
{
  GdkRGBA rgba;

  if (gtk_style_context_lookup_color (context, name, &rgba))
    from_rgba (color, &rgba);
}

/**
 * gw_style_palette_for_widget:
 *
 * Fills @palette for drawing a chart in @widget: the light or dark
 * built-in palette, following the style manager, with the background,
 * text and accent colours of the current style (libadwaita's named colours),
 * so that charts sit in the window as its own widgets do.
 */
void
gw_style_palette_for_widget (GtkWidget       *widget,
                             GwRenderPalette *palette)
{
  GtkStyleContext *context;
  GwColor white = { 1, 1, 1, 1 };
  GwColor black = { 0, 0, 0, 1 };
  gboolean dark;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (palette != NULL);

  dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  *palette = dark ? *gw_render_palette_dark () : *gw_render_palette_light ();

  context = gtk_widget_get_style_context (widget);
  lookup (context, "view_bg_color", &palette->background);
  lookup (context, "view_fg_color", &palette->foreground);
  lookup (context, "accent_color", &palette->accent);
  lookup (context, "card_bg_color", &palette->surface);
  palette->muted = gw_render_mix (&palette->foreground, &palette->background, 0.45);
  palette->muted.alpha = 1;
  palette->border = gw_render_mix (&palette->foreground, &palette->background, 0.78);
  palette->border.alpha = 1;
  palette->band[0] = gw_render_mix (&palette->background, dark ? &white : &black, 0.03);
  palette->band[1] = gw_render_mix (&palette->background, dark ? &white : &black, 0.06);
}
