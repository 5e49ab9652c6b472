/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <glib/gstdio.h>
#include <string.h>

#include "gw-csv-writer.h"

static char *
one_cell (const char *text)
{
  g_autoptr(GwCsvWriter) writer = gw_csv_writer_new ();

  gw_csv_writer_add_text (writer, text);
  gw_csv_writer_end_row (writer);
  return g_strdup (gw_csv_writer_get_data (writer, NULL));
}

/* RFC 4180 cells, and formula-like text made inert. */
static void
test_cells (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "plain", "plain\r\n" },
    { "a, b", "\"a, b\"\r\n" },
    { "say \"hi\"", "\"say \"\"hi\"\"\"\r\n" },
    { "two\nlines", "\"two\nlines\"\r\n" },
    { " padded ", "\" padded \"\r\n" },
    { "=1+2", "\"'=1+2\"\r\n" },
    { "+1", "\"'+1\"\r\n" },
    { "-2+3", "\"'-2+3\"\r\n" },
    { "@SUM(1,2)", "\"'@SUM(1,2)\"\r\n" },
    { "'=1+2", "\"''=1+2\"\r\n" },       /* a user's own apostrophe survives */
    { "'hello", "'hello\r\n" },
    { "Ünïcödé — 日本語", "Ünïcödé — 日本語\r\n" },
    { "", "\r\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = one_cell (cases[i].in);

      g_assert_cmpstr (got, ==, cases[i].out);
    }
}

/* What the writer neutralised reads back as it was. */
static void
test_unneutralise_round_trip (void)
{
  static const char *texts[] = {
    "=1+2", "+1", "-x", "@a", "\tx", "'=1+2", "''=x", "'hello", "'", "plain", "", "'-",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *cell = one_cell (texts[i]);
      g_autofree char *inner = NULL;
      g_autofree char *back = NULL;
      gsize len = strlen (cell) - 2;   /* without CRLF */

      /* Unquote the way a CSV reader does. */
      if (len >= 2 && cell[0] == '"')
        {
          GString *s = g_string_new (NULL);

          for (gsize k = 1; k + 1 < len; k++)
            {
              if (cell[k] == '"' && cell[k + 1] == '"')
                k++;
              g_string_append_c (s, cell[k]);
            }
          inner = g_string_free (s, FALSE);
        }
      else
        inner = g_strndup (cell, len);
      back = gw_csv_unneutralise (inner);
      g_test_message ("“%s” -> %s -> “%s”", texts[i], cell, back);
      g_assert_cmpstr (back, ==, texts[i]);
    }
}

static void
test_numbers (void)
{
  static const struct { double v; const char *out; } cases[] = {
    { 4, "4" }, { 1.5, "1.5" }, { -3, "-3" }, { 0.333333, "0.333333" }, { 1e6, "1000000" },
    { NAN, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GwCsvWriter) writer = gw_csv_writer_new ();
      g_autofree char *want = g_strconcat (cases[i].out, "\r\n", NULL);

      gw_csv_writer_add_number (writer, cases[i].v);
      gw_csv_writer_end_row (writer);
      g_assert_cmpstr (gw_csv_writer_get_data (writer, NULL), ==, want);
    }
}

static void
test_atomic_save (void)
{
  g_autofree char *dir = g_dir_make_tmp ("gapwise-csv-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "out.csv", NULL);
  g_autofree char *missing = g_build_filename (dir, "no", "such", "out.csv", NULL);
  g_autoptr(GwCsvWriter) writer = gw_csv_writer_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  gw_csv_writer_add_text (writer, "key");
  gw_csv_writer_end_row (writer);
  g_assert_true (gw_csv_writer_save (writer, path, &error));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "key\r\n");

  /* A folder that is not there: one sentence naming the file. */
  g_assert_false (gw_csv_writer_save (writer, missing, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "out.csv"));
  g_remove (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv-writer/cells", test_cells);
  g_test_add_func ("/csv-writer/unneutralise-round-trip", test_unneutralise_round_trip);
  g_test_add_func ("/csv-writer/numbers", test_numbers);
  g_test_add_func ("/csv-writer/atomic-save", test_atomic_save);

  return g_test_run ();
}
