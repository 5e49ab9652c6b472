/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The MIME type as a desktop sees it: the built package file is installed
 * into a temporary XDG data directory with update-mime-database, and GIO's
 * content sniffing (what Files and the file chooser use) must tell a Gapwise
 * register from any other SQLite database.
 *
 * Usage: test-mime MIME_PACKAGE_XML UPDATE_MIME_DATABASE [GTEST OPTIONS]
 * The environment variable GAPWISE_CLI names gapwise-cli. */

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#define REGISTER_TYPE "application/x-gapwise-register"
#define SQLITE_TYPE "application/vnd.sqlite3"

static char *tmp_dir;

/* Helpers */

static void
run_or_fail (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                     &out, &err, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("%s failed: %s\n%s%s", argv[0], error->message, out, err);
}

/* Installs the package file into TMP/mime and points GIO at TMP first, then
 * the usual system directories (for the SQLite type we derive from). Runs
 * before anything asks GIO about content types. */
static void
install_mime_package (const char *package, const char *update_mime_database)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *packages_dir = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *cache = NULL;
  g_autofree char *mime_dir = NULL;
  g_autofree char *home = NULL;
  g_autofree char *data_dirs = NULL;
  const char *system_dirs;
  gsize length;

  tmp_dir = g_dir_make_tmp ("gapwise-mime-XXXXXX", &error);
  g_assert_no_error (error);

  mime_dir = g_build_filename (tmp_dir, "mime", NULL);
  packages_dir = g_build_filename (mime_dir, "packages", NULL);
  g_assert_cmpint (g_mkdir_with_parents (packages_dir, 0700), ==, 0);
  copy = g_build_filename (packages_dir, "io.github.gapwise.Gapwise.xml", NULL);
  g_file_get_contents (package, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (copy, contents, length, &error);
  g_assert_no_error (error);

  run_or_fail ((const char * const []) { update_mime_database, mime_dir, NULL });
  cache = g_build_filename (mime_dir, "mime.cache", NULL);
  g_assert_true (g_file_test (cache, G_FILE_TEST_IS_REGULAR));

  /* An empty user data dir, so nothing from the person running the tests. */
  home = g_build_filename (tmp_dir, "home", NULL);
  g_assert_cmpint (g_mkdir_with_parents (home, 0700), ==, 0);
  system_dirs = g_getenv ("XDG_DATA_DIRS");
  if (system_dirs == NULL || *system_dirs == '\0')
    system_dirs = "/usr/local/share:/usr/share";
  data_dirs = g_strconcat (tmp_dir, ":", system_dirs, NULL);
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_setenv ("XDG_DATA_DIRS", data_dirs, TRUE);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);
        remove_tree (child);
      }
  g_remove (path);
}

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmp_dir, name, NULL);
}

static GBytes *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

/* A register made the way a user makes one: with gapwise-cli. */
static char *
create_register (const char *name)
{
  const char *cli = g_getenv ("GAPWISE_CLI");
  char *path = tmp_path (name);

  g_assert_nonnull (cli);
  g_remove (path);
  run_or_fail ((const char * const []) { cli, "new", path, "--name", "Launch blockers", NULL });
  run_or_fail ((const char * const []) { cli, "add", path, "--key", "P0-001",
                                          "--title", "Back up the database", NULL });
  return path;
}

/* A SQLite database of some other program: same header, other application id. */
static char *
create_sqlite_file (const char *name, const char *extra_sql)
{
  char *path = tmp_path (name);
  g_autofree char *sql = NULL;
  sqlite3 *db = NULL;
  char *message = NULL;

  g_remove (path);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sql = g_strconcat ("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT);"
                     "INSERT INTO notes (text) VALUES ('not a register');",
                     extra_sql, NULL);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s", message);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  return path;
}

static char *
guess (const char *file_name, GBytes *data, gboolean *uncertain)
{
  gsize size = 0;
  const guchar *bytes = data ? g_bytes_get_data (data, &size) : NULL;

  return g_content_type_guess (file_name, bytes, size, uncertain);
}

/* Tests */

static void
test_register_by_content (void)
{
  g_autofree char *path = create_register ("plan.gapwise");
  g_autoptr(GBytes) data = read_file (path);
  g_autofree char *by_data = NULL;
  g_autofree char *renamed = NULL;
  gboolean uncertain = TRUE;

  /* The data alone decides, as for a download or a renamed file. */
  by_data = guess (NULL, data, &uncertain);
  g_assert_cmpstr (by_data, ==, REGISTER_TYPE);
  g_assert_false (uncertain);

  renamed = guess ("plan.db", data, &uncertain);
  g_assert_cmpstr (renamed, ==, REGISTER_TYPE);
}

static void
test_register_by_name (void)
{
  g_autofree char *type = guess ("Q3 release.gapwise", NULL, NULL);

  g_assert_cmpstr (type, ==, REGISTER_TYPE);
}

static void
test_register_file_info (void)
{
  g_autofree char *path = create_register ("info.gapwise");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInfo) info = NULL;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE,
                            G_FILE_QUERY_INFO_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_file_info_get_content_type (info), ==, REGISTER_TYPE);
}

static void
test_plain_sqlite_is_not_register (void)
{
  g_autofree char *path = create_sqlite_file ("notes.sqlite", "");
  g_autoptr(GBytes) data = read_file (path);
  g_autofree char *type = guess (NULL, data, NULL);

  g_assert_cmpstr (type, !=, REGISTER_TYPE);
  g_assert_true (g_content_type_is_a (type, SQLITE_TYPE));
}

static void
test_other_application_id_is_not_register (void)
{
  /* 'GPKG', the GeoPackage id: a SQLite file that belongs to another program. */
  g_autofree char *path = create_sqlite_file ("map.db", "PRAGMA application_id = 1196444487;");
  g_autoptr(GBytes) data = read_file (path);
  g_autofree char *type = guess (NULL, data, NULL);

  g_assert_cmpstr (type, !=, REGISTER_TYPE);
}

static void
test_not_sqlite (void)
{
  /* The application id alone, without the SQLite header, is not enough. */
  guchar bytes[128] = "Gapwise register, but not SQLite";
  g_autoptr(GBytes) data = NULL;
  g_autofree char *type = NULL;

  bytes[68] = 0x47; bytes[69] = 0x61; bytes[70] = 0x70; bytes[71] = 0x77;
  data = g_bytes_new (bytes, sizeof bytes);
  type = guess (NULL, data, NULL);
  g_assert_cmpstr (type, !=, REGISTER_TYPE);
}

static void
test_type_metadata (void)
{
  g_autofree char *description = g_content_type_get_description (REGISTER_TYPE);

  g_assert_true (g_content_type_is_a (REGISTER_TYPE, SQLITE_TYPE));
  g_assert_false (g_content_type_is_unknown (REGISTER_TYPE));
  g_assert_cmpstr (description, ==, "Gapwise register");
}

static void
test_type_description_german (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *description = NULL;

      /* A fresh process: GIO caches descriptions per type. */
      g_setenv ("LANGUAGE", "de", TRUE);
      description = g_content_type_get_description (REGISTER_TYPE);
      g_assert_cmpstr (description, ==, "Gapwise-Register");
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int argc, char **argv)
{
  const char *inherited = g_getenv ("GAPWISE_TEST_MIME_DIR");
  int status;

  if (inherited != NULL)
    {
      /* A g_test_trap_subprocess() child: the parent's database and
       * XDG variables are in the environment already. */
      tmp_dir = g_strdup (inherited);
    }
  else
    {
      if (argc < 3)
        {
          g_printerr ("Usage: %s MIME_PACKAGE_XML UPDATE_MIME_DATABASE [OPTIONS]\n", argv[0]);
          return 2;
        }
      install_mime_package (argv[1], argv[2]);
      g_setenv ("GAPWISE_TEST_MIME_DIR", tmp_dir, TRUE);
      /* GTest must not see the two paths. */
      argv[2] = argv[0];
      argv += 2;
      argc -= 2;
    }

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/mime/register-by-content", test_register_by_content);
  g_test_add_func ("/mime/register-by-name", test_register_by_name);
  g_test_add_func ("/mime/register-file-info", test_register_file_info);
  g_test_add_func ("/mime/plain-sqlite-is-not-register", test_plain_sqlite_is_not_register);
  g_test_add_func ("/mime/other-application-id-is-not-register", test_other_application_id_is_not_register);
  g_test_add_func ("/mime/not-sqlite", test_not_sqlite);
  g_test_add_func ("/mime/type-metadata", test_type_metadata);
  g_test_add_func ("/mime/type-description-german", test_type_description_german);
  status = g_test_run ();

  if (inherited == NULL)
    remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}
