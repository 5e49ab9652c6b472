/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "gw-import.h"
#include "gw-io-resources.h"
#include "gw-markdown-import.h"
#include "gw-sample.h"

#define SAMPLE_RESOURCE "/io/github/gapwise/Gapwise/io/sample-register.md"

/* The sample's one date, set relative to the day the register is made so
 * that its plan never lies in the past. */
static gboolean
set_not_before (GwStore     *store,
                const char  *key,
                int          days_after_start,
                GError     **error)
{
  g_autofree char *start = gw_store_get_setting (store, "start_date");
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) later = NULL;
  g_autofree char *iso = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GwItem) item = NULL;

  iso = g_strconcat (start, "T00:00:00Z", NULL);
  day = g_date_time_new_from_iso8601 (iso, NULL);
  if (day == NULL)
    return TRUE;
  later = g_date_time_add_days (day, days_after_start);
  text = g_date_time_format (later, "%Y-%m-%d");

  item = gw_store_get_item (store, key, error);
  if (item == NULL)
    return FALSE;
  return gw_item_set_field_text (item, GW_FIELD_NOT_BEFORE, text, NULL, error) &&
         gw_store_update_item (store, item, error);
}

static gboolean
fill (GwStore  *store,
      GError  **error)
{
  static gsize registered = 0;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_import_data_free);
  g_autoptr(GwImportReport) report = NULL;
  GwImportData *data;
  const char *text;
  gsize length;

  /* The resource is compiled in without a constructor (see meson.build). */
  if (g_once_init_enter (&registered))
    {
      gw_io_register_resource ();
      g_once_init_leave (&registered, 1);
    }
  bytes = g_resource_lookup_data (gw_io_get_resource (), SAMPLE_RESOURCE, 0, error);
  if (bytes == NULL)
    return FALSE;
  text = g_bytes_get_data (bytes, &length);

  data = gw_markdown_import ("sample-register.md", text, length, error);
  if (data == NULL)
    return FALSE;
  g_ptr_array_add (files, data);

  report = gw_import_apply (store, files, FALSE, error);
  if (report == NULL)
    return FALSE;
  return set_not_before (store, "P0-007", 21, error) &&
         gw_store_clear_history (store, error);
}

/**
 * gw_sample_create:
 * @path: where the new register goes; it must not exist
 *
 * Creates the sample register that Gapwise opens on first start: a
 * fictional launch plan that uses every field. It is written beside @path
 * and renamed into place, so a failure leaves no half register.
 */
gboolean
gw_sample_create (const char  *path,
                  GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *display = NULL;
  gboolean ok;

  g_return_val_if_fail (path != NULL, FALSE);

  display = g_filename_display_name (path);
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_EXIST,
                   _("“%s” already exists: the sample register was not written."), display);
      return FALSE;
    }

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("The folder for “%s” could not be created: %s."), display, g_strerror (saved));
      return FALSE;
    }

  tmp = g_strdup_printf ("%s.new-%d", path, (int) getpid ());
  {
    g_autoptr(GwStore) store = gw_store_open (tmp, GW_STORE_OPEN_CREATE, error);

    ok = store != NULL && fill (store, error);
  }
  if (ok && g_rename (tmp, path) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("The sample register could not be saved as “%s”: %s."), display, g_strerror (saved));
      ok = FALSE;
    }
  if (!ok)
    {
      g_autofree char *wal = g_strconcat (tmp, "-wal", NULL);
      g_autofree char *shm = g_strconcat (tmp, "-shm", NULL);

      g_unlink (tmp);
      g_unlink (wal);
      g_unlink (shm);
    }
  return ok;
}
