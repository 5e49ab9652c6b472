/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The schedule exports open correctly in a spreadsheet: each CSV goes
 * through Gnumeric's ssconvert to XLSX and back to CSV, and every cell
 * must come back intact: text as text (quotes, commas, newlines, non-ASCII,
 * a neutralised leading '=' shown without its apostrophe and never run as
 * a formula), numbers as numbers, dates and times as dates. The XLSX is
 * also read into Gnumeric's own file format to see the type of each cell. */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "gw-schedule-csv.h"
#include "schedule-fixture.h"

/* Gnumeric's value types */
#define TYPE_NUMBER "40"
#define TYPE_STRING "60"

typedef struct
{
  char *type;    /* ValueType; NULL for a formula */
  char *text;    /* the stored value: a string, or a number (a date's serial) */
} Cell;

typedef struct
{
  GHashTable *cells;   /* "row:col" -> Cell */
  char       *key;
  GString    *text;
  char       *type;
} CellReader;

static void
cell_free (Cell *cell)
{
  g_free (cell->type);
  g_free (cell->text);
  g_free (cell);
}

static char *ssconvert;
static char *tmp_dir;

/* Helpers */

static void
run_ssconvert (const char *from,
               const char *to)
{
  const char *argv[] = { ssconvert, from, to, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL,
                               NULL, NULL, NULL, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("ssconvert %s %s: %s\n%s", from, to, error->message, err);
  g_assert_true (g_file_test (to, G_FILE_TEST_IS_REGULAR));
}

static void
on_start (GMarkupParseContext  *context,
          const char           *element,
          const char          **names,
          const char          **values,
          gpointer              data,
          GError              **error)
{
  CellReader *r = data;
  const char *row = NULL, *col = NULL, *type = NULL;

  if (!g_str_equal (element, "gnm:Cell"))
    return;
  for (guint i = 0; names[i]; i++)
    {
      if (g_str_equal (names[i], "Row"))
        row = values[i];
      else if (g_str_equal (names[i], "Col"))
        col = values[i];
      else if (g_str_equal (names[i], "ValueType"))
        type = values[i];
    }
  g_assert_nonnull (row);
  g_assert_nonnull (col);
  r->key = g_strdup_printf ("%s:%s", row, col);
  r->type = g_strdup (type);
  r->text = g_string_new (NULL);
}

static void
on_text (GMarkupParseContext  *context,
         const char           *text,
         gsize                 length,
         gpointer              data,
         GError              **error)
{
  CellReader *r = data;

  if (r->text != NULL)
    g_string_append_len (r->text, text, length);
}

static void
on_end (GMarkupParseContext  *context,
        const char           *element,
        gpointer              data,
        GError              **error)
{
  CellReader *r = data;
  Cell *cell;

  if (!g_str_equal (element, "gnm:Cell") || r->key == NULL)
    return;
  cell = g_new0 (Cell, 1);
  cell->type = g_steal_pointer (&r->type);
  cell->text = g_string_free (g_steal_pointer (&r->text), FALSE);
  g_hash_table_insert (r->cells, g_steal_pointer (&r->key), cell);
}

/* The cells of a .gnumeric file (gzipped XML). */
static GHashTable *
read_gnumeric (const char *path)
{
  static const GMarkupParser parser = { on_start, on_end, on_text, NULL, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GInputStream) raw = NULL;
  g_autoptr(GZlibDecompressor) gunzip = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GMarkupParseContext) ctx = NULL;
  CellReader r = { 0 };

  raw = G_INPUT_STREAM (g_file_read (file, NULL, &error));
  g_assert_no_error (error);
  in = g_converter_input_stream_new (raw, G_CONVERTER (gunzip));
  g_output_stream_splice (out, in, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, &error);
  g_assert_no_error (error);

  r.cells = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) cell_free);
  ctx = g_markup_parse_context_new (&parser, 0, &r, NULL);
  g_markup_parse_context_parse (ctx,
                                g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out)),
                                (gssize) g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)),
                                &error);
  g_assert_no_error (error);
  g_markup_parse_context_end_parse (ctx, &error);
  g_assert_no_error (error);
  return r.cells;
}

static GPtrArray *
read_csv_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gsize length;

  g_file_get_contents (path, &text, &length, &error);
  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (text, length, NULL));
  return csv_parse_rows (text, length);
}

static gboolean
is_number (const char *text)
{
  g_autoptr(GRegex) re = g_regex_new ("^-?[0-9]+(\\.[0-9]+)?$", 0, 0, NULL);

  return g_regex_match (re, text, 0, NULL);
}

/* Reads "YYYY-MM-DD HH:MM", "YYYY-MM-DD", "YYYY-MM" as our exports write
 * them, or "YYYY/MM/DD HH:MM:SS", "YYYY/MM/DD" as ssconvert writes them
 * back; the minutes since 1899-12-30, the day spreadsheets count from. */
static gboolean
parse_when (const char *text,
            gboolean    with_time,
            double     *minutes)
{
  int y, mo, d = 1, h = 0, mi = 0, s = 0, n;
  char sep;
  GDate date, epoch;

  if (with_time)
    {
      n = sscanf (text, "%4d%c%2d%*c%2d %2d:%2d:%2d", &y, &sep, &mo, &d, &h, &mi, &s);
      if (n < 6)
        return FALSE;
    }
  else
    {
      n = sscanf (text, "%4d%c%2d%*c%2d", &y, &sep, &mo, &d);
      if (n < 3 || strchr (text, ' ') != NULL)
        return FALSE;
    }
  if ((sep != '-' && sep != '/') || !g_date_valid_dmy (d, mo, y))
    return FALSE;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, d, mo, y);
  g_date_clear (&epoch, 1);
  g_date_set_dmy (&epoch, 30, 12, 1899);
  *minutes = (g_date_get_julian (&date) - (double) g_date_get_julian (&epoch)) * 1440 + h * 60 + mi + s / 60.0;
  return TRUE;
}

static void
check_cell (GString    *problems,
            const char *name,
            guint       r,
            guint       c,
            const char *orig,
            const char *back,
            const Cell *cell)
{
  g_autoptr(GRegex) datetime = g_regex_new ("^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}$", 0, 0, NULL);
  g_autoptr(GRegex) day = g_regex_new ("^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$", 0, 0, NULL);
  const char *type = cell ? cell->type : NULL;

#define PROBLEM(...) \
  G_STMT_START { \
    g_autofree char *what_ = g_strdup_printf (__VA_ARGS__); \
    g_string_append_printf (problems, "%s row %u col %u: %s\n", name, r + 1, c + 1, what_); \
  } G_STMT_END

  if (*orig == '\0')
    {
      if (*back != '\0' || cell != NULL)
        PROBLEM ("empty cell came back as “%s”", back);
      return;
    }
  if (cell == NULL)
    {
      PROBLEM ("“%s” has no cell in the spreadsheet", orig);
      return;
    }

  if (g_regex_match (datetime, orig, 0, NULL) || g_regex_match (day, orig, 0, NULL))
    {
      gboolean with_time = strchr (orig, ' ') != NULL;
      double want, got;

      g_assert_true (parse_when (orig, with_time, &want));
      if (g_strcmp0 (type, TYPE_NUMBER) != 0)
        PROBLEM ("“%s” is not a date in the spreadsheet (type %s)", orig, type ? type : "formula");
      else if (fabs (g_ascii_strtod (cell->text, NULL) * 1440 - want) > 0.01)
        PROBLEM ("“%s” is the date serial %s", orig, cell->text);
      if (!parse_when (back, with_time, &got) || fabs (got - want) > 0.01)
        PROBLEM ("date “%s” came back as “%s”", orig, back);
      return;
    }

  if (is_number (orig))
    {
      double want = g_ascii_strtod (orig, NULL);

      if (g_strcmp0 (type, TYPE_NUMBER) != 0)
        PROBLEM ("number “%s” is not a number in the spreadsheet (type %s)", orig, type ? type : "formula");
      if (!is_number (back) || fabs (g_ascii_strtod (back, NULL) - want) > 1e-9 * MAX (1, fabs (want)))
        PROBLEM ("number “%s” came back as “%s”", orig, back);
      return;
    }

  /* Text, shown without the apostrophe that kept it from being a formula. */
  {
    g_autofree char *want = gw_csv_unneutralise (orig);

    if (g_strcmp0 (type, TYPE_STRING) != 0)
      PROBLEM ("text “%s” became %s", orig, type ? "a value of another type" : "a formula");
    else if (g_strcmp0 (cell->text, want) != 0)
      PROBLEM ("text “%s” is “%s” in the spreadsheet", want, cell->text);
    if (g_strcmp0 (back, want) != 0)
      PROBLEM ("text “%s” came back as “%s”", want, back);
  }
#undef PROBLEM
}

typedef void (*WriteFunc) (GwCsvWriter *writer, ScheduleFixture *fx, gpointer data);

static void
round_trip (const char *name,
            WriteFunc   write,
            gpointer    data)
{
  g_autoptr(ScheduleFixture) fx = NULL;
  g_autoptr(GwCsvWriter) writer = gw_csv_writer_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *xlsx = NULL;
  g_autofree char *back = NULL;
  g_autofree char *gnumeric = NULL;
  g_autoptr(GPtrArray) orig_rows = NULL;
  g_autoptr(GPtrArray) back_rows = NULL;
  g_autoptr(GHashTable) cells = NULL;
  g_autoptr(GString) problems = g_string_new (NULL);
  guint n_cells = 0;

  if (ssconvert == NULL)
    {
      g_test_skip ("ssconvert (Gnumeric) is not installed");
      return;
    }

  fx = schedule_fixture_new ();
  csv = g_strdup_printf ("%s/%s.csv", tmp_dir, name);
  xlsx = g_strdup_printf ("%s/%s.xlsx", tmp_dir, name);
  back = g_strdup_printf ("%s/%s.back.csv", tmp_dir, name);
  gnumeric = g_strdup_printf ("%s/%s.gnumeric", tmp_dir, name);

  write (writer, fx, data);
  g_assert_true (gw_csv_writer_save (writer, csv, &error));
  g_assert_no_error (error);
  run_ssconvert (csv, xlsx);
  run_ssconvert (xlsx, back);
  run_ssconvert (xlsx, gnumeric);

  orig_rows = read_csv_file (csv);
  back_rows = read_csv_file (back);
  cells = read_gnumeric (gnumeric);

  g_assert_cmpuint (back_rows->len, ==, orig_rows->len);
  for (guint r = 0; r < orig_rows->len; r++)
    {
      char **o = g_ptr_array_index (orig_rows, r);
      char **b = g_ptr_array_index (back_rows, r);

      g_assert_cmpuint (g_strv_length (b), ==, g_strv_length (o));
      for (guint c = 0; o[c]; c++)
        {
          g_autofree char *key = g_strdup_printf ("%u:%u", r, c);

          check_cell (problems, name, r, c, o[c], b[c], g_hash_table_lookup (cells, key));
          n_cells++;
        }
    }
  g_test_message ("%s: %u cells checked", name, n_cells);
  if (problems->len > 0)
    g_test_message ("%s", problems->str);
  g_assert_cmpstr (problems->str, ==, "");

  g_unlink (csv);
  g_unlink (xlsx);
  g_unlink (back);
  g_unlink (gnumeric);
}

static void
write_schedule (GwCsvWriter *w, ScheduleFixture *fx, gpointer data)
{
  gw_schedule_csv_write_schedule (w, fx->schedule);
}

static void
write_roadmap (GwCsvWriter *w, ScheduleFixture *fx, gpointer data)
{
  gw_schedule_csv_write_roadmap (w, fx->schedule, fx->items);
}

static void
write_resources (GwCsvWriter *w, ScheduleFixture *fx, gpointer data)
{
  gw_schedule_csv_write_resources (w, fx->schedule, GPOINTER_TO_INT (data));
}

/* Tests */

static void
test_roadmap (void)
{
  round_trip ("roadmap", write_roadmap, NULL);
}

static void
test_schedule (void)
{
  round_trip ("schedule", write_schedule, NULL);
}

static void
test_resources_week (void)
{
  round_trip ("resources-week", write_resources, GINT_TO_POINTER (GW_SCHEDULE_PERIOD_WEEK));
}

static void
test_resources_month (void)
{
  round_trip ("resources-month", write_resources, GINT_TO_POINTER (GW_SCHEDULE_PERIOD_MONTH));
}

static void
test_resources_milestone (void)
{
  round_trip ("resources-milestone", write_resources, GINT_TO_POINTER (GW_SCHEDULE_PERIOD_MILESTONE));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int rc;

  g_test_init (&argc, &argv, NULL);

  ssconvert = g_find_program_in_path ("ssconvert");
  tmp_dir = g_dir_make_tmp ("gapwise-spreadsheet-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/spreadsheet/roadmap", test_roadmap);
  g_test_add_func ("/spreadsheet/schedule", test_schedule);
  g_test_add_func ("/spreadsheet/resources-week", test_resources_week);
  g_test_add_func ("/spreadsheet/resources-month", test_resources_month);
  g_test_add_func ("/spreadsheet/resources-milestone", test_resources_milestone);

  rc = g_test_run ();
  g_rmdir (tmp_dir);
  g_free (tmp_dir);
  g_free (ssconvert);
  return rc;
}
