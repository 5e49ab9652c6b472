/* SPDX-License-Identifier: GPL-3.0-or-later */
/* build-aux/run puts the build's data/share first in XDG_DATA_DIRS: GTK must
 * find the app icon and its symbolic variant there without an install.
 *
 * Usage: test-icon-theme SHARE_DIR [GTEST OPTIONS] (needs a display) */

#include "config.h"

#include <gtk/gtk.h>

static const char *share_dir;

static void
test_icon_found (gconstpointer data)
{
  const char *name = data;
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  g_autoptr(GtkIconPaintable) icon = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) share = g_file_new_for_path (share_dir);

  g_assert_true (gtk_icon_theme_has_icon (theme, name));
  icon = gtk_icon_theme_lookup_icon (theme, name, NULL, 64, 1, GTK_TEXT_DIR_LTR, 0);
  file = gtk_icon_paintable_get_file (icon);
  g_assert_nonnull (file);
  g_assert_true (g_file_has_prefix (file, share));
  g_assert_cmpint (gdk_paintable_get_intrinsic_width (GDK_PAINTABLE (icon)), ==, 64);
}

int
main (int argc, char **argv)
{
  g_autofree char *data_dirs = NULL;
  const char *system_dirs;

  if (argc < 2)
    {
      g_printerr ("Usage: %s SHARE_DIR [OPTIONS]\n", argv[0]);
      return 2;
    }
  share_dir = argv[1];
  argv[1] = argv[0];
  argv++;
  argc--;

  /* As build-aux/run does, before GTK reads it. */
  system_dirs = g_getenv ("XDG_DATA_DIRS");
  data_dirs = g_strconcat (share_dir, ":", system_dirs ? system_dirs : "/usr/local/share:/usr/share", NULL);
  g_setenv ("XDG_DATA_DIRS", data_dirs, TRUE);

  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      /* Exit 77 shows as an error under protocol: 'tap'. */
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }
  g_test_add_data_func ("/icon-theme/app", APPLICATION_ID, test_icon_found);
  g_test_add_data_func ("/icon-theme/symbolic", APPLICATION_ID "-symbolic", test_icon_found);
  return g_test_run ();
}
