/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What a desktop reads about Gapwise must agree with itself: the desktop
 * entry, the AppStream metainfo, the MIME package and the icons, as built,
 * with the German translation merged in.
 *
 * Usage: test-desktop-integration DESKTOP METAINFO MIME_PACKAGE ICONS_DIR [GTEST OPTIONS] */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gio/gio.h>

#define GROUP G_KEY_FILE_DESKTOP_GROUP
#define REGISTER_TYPE "application/x-gapwise-register"

typedef struct
{
  char *path;      /* element names joined by '/', from the root */
  char *type;      /* the "type" attribute, or NULL */
  char *lang;      /* the "xml:lang" attribute, or NULL */
  GString *text;
} Element;

typedef struct
{
  GPtrArray *open;     /* of Element, innermost last */
  GPtrArray *elements; /* of Element, in document order of their end */
} XmlDoc;

static const char *desktop_path;
static const char *metainfo_path;
static const char *mime_path;
static const char *icons_dir;

/* Helpers */

static void
element_free (gpointer data)
{
  Element *e = data;

  g_free (e->path);
  g_free (e->type);
  g_free (e->lang);
  g_string_free (e->text, TRUE);
  g_free (e);
}

static void
on_start_element (GMarkupParseContext  *context,
                  const char           *name,
                  const char          **attribute_names,
                  const char          **attribute_values,
                  gpointer              user_data,
                  GError              **error)
{
  XmlDoc *doc = user_data;
  Element *e = g_new0 (Element, 1);

  if (doc->open->len > 0)
    {
      Element *parent = g_ptr_array_index (doc->open, doc->open->len - 1);
      e->path = g_strconcat (parent->path, "/", name, NULL);
    }
  else
    e->path = g_strdup (name);
  for (guint i = 0; attribute_names[i] != NULL; i++)
    {
      if (g_str_equal (attribute_names[i], "type"))
        e->type = g_strdup (attribute_values[i]);
      else if (g_str_equal (attribute_names[i], "xml:lang"))
        e->lang = g_strdup (attribute_values[i]);
    }
  e->text = g_string_new (NULL);
  g_ptr_array_add (doc->open, e);
}

static void
on_end_element (GMarkupParseContext  *context,
                const char           *name,
                gpointer              user_data,
                GError              **error)
{
  XmlDoc *doc = user_data;

  g_ptr_array_add (doc->elements, g_ptr_array_steal_index (doc->open, doc->open->len - 1));
}

static void
on_text (GMarkupParseContext  *context,
         const char           *text,
         gsize                 length,
         gpointer              user_data,
         GError              **error)
{
  XmlDoc *doc = user_data;

  if (doc->open->len > 0)
    {
      Element *e = g_ptr_array_index (doc->open, doc->open->len - 1);
      g_string_append_len (e->text, text, length);
    }
}

static XmlDoc *
xml_doc_load (const char *path)
{
  static const GMarkupParser parser = { on_start_element, on_end_element, on_text, NULL, NULL };
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  XmlDoc *doc = g_new0 (XmlDoc, 1);

  doc->open = g_ptr_array_new_with_free_func (element_free);
  doc->elements = g_ptr_array_new_with_free_func (element_free);
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  context = g_markup_parse_context_new (&parser, G_MARKUP_TREAT_CDATA_AS_TEXT, doc, NULL);
  g_markup_parse_context_parse (context, contents, -1, &error);
  g_assert_no_error (error);
  g_markup_parse_context_end_parse (context, &error);
  g_assert_no_error (error);
  return doc;
}

static void
xml_doc_free (XmlDoc *doc)
{
  g_ptr_array_unref (doc->open);
  g_ptr_array_unref (doc->elements);
  g_free (doc);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XmlDoc, xml_doc_free)

/* The first element at PATH in language LANG (NULL: untranslated). */
static Element *
xml_doc_find (XmlDoc     *doc,
              const char *path,
              const char *lang)
{
  for (guint i = 0; i < doc->elements->len; i++)
    {
      Element *e = g_ptr_array_index (doc->elements, i);

      if (g_str_equal (e->path, path) && g_strcmp0 (e->lang, lang) == 0)
        return e;
    }
  return NULL;
}

static const char *
xml_doc_text (XmlDoc     *doc,
              const char *path,
              const char *lang)
{
  Element *e = xml_doc_find (doc, path, lang);

  if (e == NULL)
    g_error ("%s has no <%s>%s%s", metainfo_path, path, lang ? " in " : "", lang ? lang : "");
  return g_strstrip (e->text->str);
}

static GKeyFile *
load_desktop_entry (void)
{
  g_autoptr(GError) error = NULL;
  GKeyFile *key_file = g_key_file_new ();

  g_key_file_load_from_file (key_file, desktop_path, G_KEY_FILE_KEEP_TRANSLATIONS, &error);
  g_assert_no_error (error);
  return key_file;
}

static gboolean
strv_has (char **strv,
          const char *value)
{
  return strv != NULL && g_strv_contains ((const char * const *) strv, value);
}

static char *
icon_path (const char *context, const char *suffix)
{
  g_autofree char *name = g_strconcat (APPLICATION_ID, suffix, ".svg", NULL);

  return g_build_filename (icons_dir, "hicolor", context, "apps", name, NULL);
}

static GdkPixbuf *
load_icon (const char *path)
{
  g_autoptr(GError) error = NULL;
  GdkPixbuf *pixbuf = gdk_pixbuf_new_from_file (path, &error);

  g_assert_no_error (error);
  g_assert_true (gdk_pixbuf_get_has_alpha (pixbuf));
  g_assert_cmpint (gdk_pixbuf_get_n_channels (pixbuf), ==, 4);
  return pixbuf;
}

static const guchar *
pixel (GdkPixbuf *pixbuf, int x, int y)
{
  return gdk_pixbuf_read_pixels (pixbuf) + y * gdk_pixbuf_get_rowstride (pixbuf) + x * 4;
}

/* Tests */

static void
test_desktop_entry (void)
{
  g_autoptr(GKeyFile) entry = load_desktop_entry ();
  g_autoptr(GError) error = NULL;
  g_autofree char *exec = NULL;
  g_autofree char *icon = NULL;
  g_auto(GStrv) mime_types = NULL;
  g_auto(GStrv) categories = NULL;
  g_autofree char *basename = g_path_get_basename (desktop_path);

  /* GNOME finds a running app's entry by its application id. */
  g_assert_cmpstr (basename, ==, APPLICATION_ID ".desktop");
  exec = g_key_file_get_string (entry, GROUP, G_KEY_FILE_DESKTOP_KEY_EXEC, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (exec, ==, "gapwise %F");
  icon = g_key_file_get_string (entry, GROUP, G_KEY_FILE_DESKTOP_KEY_ICON, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (icon, ==, APPLICATION_ID);
  mime_types = g_key_file_get_string_list (entry, GROUP, G_KEY_FILE_DESKTOP_KEY_MIME_TYPE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (strv_has (mime_types, REGISTER_TYPE));
  categories = g_key_file_get_string_list (entry, GROUP, G_KEY_FILE_DESKTOP_KEY_CATEGORIES, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (strv_has (categories, "Office"));
  g_assert_true (strv_has (categories, "ProjectManagement"));
  g_assert_true (g_key_file_get_boolean (entry, GROUP, G_KEY_FILE_DESKTOP_KEY_STARTUP_NOTIFY, &error));
  g_assert_no_error (error);
}

static void
test_desktop_entry_german (void)
{
  g_autoptr(GKeyFile) entry = load_desktop_entry ();
  const char *keys[] = { G_KEY_FILE_DESKTOP_KEY_COMMENT, "Keywords" };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *english = g_key_file_get_string (entry, GROUP, keys[i], NULL);
      g_autofree char *german = g_key_file_get_locale_string (entry, GROUP, keys[i], "de", NULL);

      g_assert_nonnull (english);
      g_assert_nonnull (german);
      g_assert_cmpstr (german, !=, english);
    }
}

static void
test_desktop_types_are_defined (void)
{
  g_autoptr(GKeyFile) entry = load_desktop_entry ();
  g_autoptr(XmlDoc) package = xml_doc_load (mime_path);
  g_auto(GStrv) mime_types = g_key_file_get_string_list (entry, GROUP, G_KEY_FILE_DESKTOP_KEY_MIME_TYPE, NULL, NULL);
  Element *type;

  g_assert_nonnull (mime_types);
  for (guint i = 0; mime_types[i] != NULL; i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < package->elements->len; j++)
        {
          Element *e = g_ptr_array_index (package->elements, j);
          if (g_str_equal (e->path, "mime-info/mime-type") && g_strcmp0 (e->type, mime_types[i]) == 0)
            found = TRUE;
        }
      if (!found)
        g_error ("%s opens %s, which %s does not define", desktop_path, mime_types[i], mime_path);
    }

  type = xml_doc_find (package, "mime-info/mime-type/comment", "de");
  g_assert_nonnull (type);
  g_assert_cmpstr (g_strstrip (type->text->str), ==, "Gapwise-Register");
}

static void
test_metainfo (void)
{
  g_autoptr(XmlDoc) metainfo = xml_doc_load (metainfo_path);
  g_autofree char *desktop_id = g_path_get_basename (desktop_path);
  Element *launchable = xml_doc_find (metainfo, "component/launchable", NULL);

  g_assert_cmpstr (xml_doc_text (metainfo, "component/id", NULL), ==, APPLICATION_ID);
  g_assert_nonnull (launchable);
  g_assert_cmpstr (launchable->type, ==, "desktop-id");
  g_assert_cmpstr (g_strstrip (launchable->text->str), ==, desktop_id);
  g_assert_cmpstr (xml_doc_text (metainfo, "component/provides/mediatype", NULL), ==, REGISTER_TYPE);
  g_assert_cmpstr (xml_doc_text (metainfo, "component/translation", NULL), ==, GETTEXT_PACKAGE);
  g_assert_cmpstr (xml_doc_text (metainfo, "component/project_license", NULL), ==, "GPL-3.0-or-later");
}

/* The metainfo lists a release for the version being built. */
static void
test_metainfo_release (void)
{
  g_autofree char *contents = NULL;
  g_autofree char *expected = g_strdup_printf ("<release version=\"%s\"", PACKAGE_VERSION);
  g_autoptr(GError) error = NULL;

  g_file_get_contents (metainfo_path, &contents, NULL, &error);
  g_assert_no_error (error);
  if (strstr (contents, expected) == NULL)
    g_error ("%s has no release for version %s", metainfo_path, PACKAGE_VERSION);
}

static void
test_metainfo_german (void)
{
  g_autoptr(XmlDoc) metainfo = xml_doc_load (metainfo_path);
  const char *paths[] = { "component/summary", "component/description/p" };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      const char *english = xml_doc_text (metainfo, paths[i], NULL);
      const char *german = xml_doc_text (metainfo, paths[i], "de");

      g_assert_cmpstr (german, !=, "");
      g_assert_cmpstr (german, !=, english);
    }
  /* A name is not translated. */
  g_assert_null (xml_doc_find (metainfo, "component/name", "de"));
}

static void
test_app_icon (void)
{
  g_autofree char *path = icon_path ("scalable", "");
  g_autoptr(GdkPixbuf) icon = load_icon (path);
  int size;
  guint opaque = 0;

  g_assert_cmpint (gdk_pixbuf_get_width (icon), ==, 128);
  g_assert_cmpint (gdk_pixbuf_get_height (icon), ==, 128);
  size = gdk_pixbuf_get_width (icon);
  /* A shape on a transparent canvas, not a filled square. */
  g_assert_cmpint (pixel (icon, 0, 0)[3], ==, 0);
  g_assert_cmpint (pixel (icon, size - 1, size - 1)[3], ==, 0);
  g_assert_cmpint (pixel (icon, size / 2, size / 2)[3], ==, 255);
  for (int y = 0; y < size; y++)
    for (int x = 0; x < size; x++)
      opaque += pixel (icon, x, y)[3] == 255;
  g_assert_cmpuint (opaque, >, size * size / 2);
}

static void
test_symbolic_icon (void)
{
  g_autofree char *path = icon_path ("symbolic", "-symbolic");
  g_autoptr(GdkPixbuf) icon = load_icon (path);
  guint drawn = 0;

  g_assert_cmpint (gdk_pixbuf_get_width (icon), ==, 16);
  g_assert_cmpint (gdk_pixbuf_get_height (icon), ==, 16);
  /* One colour, #2e3436, which GTK replaces with the text colour. */
  for (int y = 0; y < 16; y++)
    for (int x = 0; x < 16; x++)
      {
        const guchar *p = pixel (icon, x, y);

        if (p[3] < 128)
          continue;
        drawn++;
        if (ABS (p[0] - 0x2e) > 2 || ABS (p[1] - 0x34) > 2 || ABS (p[2] - 0x36) > 2)
          g_error ("%s: pixel %d,%d is #%02x%02x%02x, not #2e3436", path, x, y, p[0], p[1], p[2]);
      }
  g_assert_cmpuint (drawn, >, 40);
}

int
main (int argc, char **argv)
{
  if (argc < 5)
    {
      g_printerr ("Usage: %s DESKTOP METAINFO MIME_PACKAGE ICONS_DIR [OPTIONS]\n", argv[0]);
      return 2;
    }
  desktop_path = argv[1];
  metainfo_path = argv[2];
  mime_path = argv[3];
  icons_dir = argv[4];
  argv[4] = argv[0];
  argv += 4;
  argc -= 4;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/desktop-entry/fields", test_desktop_entry);
  g_test_add_func ("/desktop-entry/german", test_desktop_entry_german);
  g_test_add_func ("/desktop-entry/types-are-defined", test_desktop_types_are_defined);
  g_test_add_func ("/metainfo/consistent", test_metainfo);
  g_test_add_func ("/metainfo/release", test_metainfo_release);
  g_test_add_func ("/metainfo/german", test_metainfo_german);
  g_test_add_func ("/icons/app", test_app_icon);
  g_test_add_func ("/icons/symbolic", test_symbolic_icon);
  return g_test_run ();
}
