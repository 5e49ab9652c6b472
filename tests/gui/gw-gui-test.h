/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* What the window tests share: running the main loop, finding widgets,
 * and the real pointer and keyboard through xdotool. Under Xvfb there is
 * no window manager, so a window sits at the screen's origin. */

typedef gboolean (*GwTestCondition) (gpointer data);

void       gw_test_spin         (void);
void       gw_test_wait_ms      (guint            ms);
gboolean   gw_test_wait_until   (GwTestCondition  done,
                                 gpointer         data,
                                 guint            ms);
GtkWidget *gw_test_find_type    (GtkWidget       *root,
                                 GType            type);
void       gw_test_xdotool      (const char      *args);
void       gw_test_screen_point (GtkWidget       *widget,
                                 double           x,
                                 double           y,
                                 int             *sx,
                                 int             *sy);
void       gw_test_drag         (GtkWidget       *widget,
                                 double           x0,
                                 double           y0,
                                 double           x1,
                                 double           y1);

G_END_DECLS
