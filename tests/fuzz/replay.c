/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Replays saved inputs through a harness's LLVMFuzzerTestOneInput()
 * without libFuzzer, one GTest case per input: each argument after the
 * GTest options is a file or a folder of files (a corpus). A crash, a
 * sanitizer report or a critical warning fails the case. */

#include "config.h"

#include <glib.h>

#include "gw-fuzz.h"

static void
replay_file (gconstpointer data)
{
  const char *path = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpint (LLVMFuzzerTestOneInput ((const uint8_t *) contents, length), ==, 0);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  g_test_init (&argc, &argv, NULL);

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GDir) dir = g_dir_open (argv[i], 0, NULL);
      const char *name;

      if (dir == NULL)
        {
          g_ptr_array_add (paths, g_strdup (argv[i]));
          continue;
        }
      while ((name = g_dir_read_name (dir)) != NULL)
        g_ptr_array_add (paths, g_build_filename (argv[i], name, NULL));
    }
  g_ptr_array_sort (paths, compare_names);

  /* An empty corpus proves nothing. */
  if (paths->len == 0)
    g_error ("no inputs to replay: give files or corpus folders");
  for (guint i = 0; i < paths->len; i++)
    {
      g_autofree char *base = g_path_get_basename (g_ptr_array_index (paths, i));
      g_autofree char *test = g_strdup_printf ("/replay/%s", base);

      g_test_add_data_func (test, g_ptr_array_index (paths, i), replay_file);
    }
  return g_test_run ();
}
