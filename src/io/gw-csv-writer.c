/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <csv.h>
#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>

#include "gw-csv-writer.h"

struct _GwCsvWriter
{
  GString *data;
  gboolean row_started;
};

GwCsvWriter *
gw_csv_writer_new (void)
{
  GwCsvWriter *writer = g_new0 (GwCsvWriter, 1);

  writer->data = g_string_sized_new (4096);
  return writer;
}

void
gw_csv_writer_free (GwCsvWriter *writer)
{
  if (writer == NULL)
    return;
  g_string_free (writer->data, TRUE);
  g_free (writer);
}

/**
 * gw_csv_needs_neutralising:
 *
 * Returns: whether a spreadsheet could take @text for a formula (it starts
 *   with '=', '+', '-', '@', a tab or a carriage return).
 */
gboolean
gw_csv_needs_neutralising (const char *text)
{
  return text != NULL && (text[0] == '=' || text[0] == '+' || text[0] == '-' ||
                          text[0] == '@' || text[0] == '\t' || text[0] == '\r');
}

/* What the writer puts an apostrophe in front of: a would-be formula, and
 * text that is apostrophes before one ("'=x" written by a user), so that
 * reading back strips exactly the one the writer added. */
static gboolean
needs_apostrophe (const char *text)
{
  while (text != NULL && *text == '\'')
    text++;
  return gw_csv_needs_neutralising (text);
}

/**
 * gw_csv_is_neutralised:
 *
 * Returns: whether @text starts with an apostrophe that
 *   gw_csv_writer_add_text() added, to be dropped when the cell is read
 */
gboolean
gw_csv_is_neutralised (const char *text)
{
  return text != NULL && text[0] == '\'' && needs_apostrophe (text + 1);
}

/**
 * gw_csv_unneutralise:
 *
 * Returns: (transfer full): @text without the apostrophe that
 *   gw_csv_writer_add_text() put in front of a would-be formula
 */
char *
gw_csv_unneutralise (const char *text)
{
  return g_strdup (gw_csv_is_neutralised (text) ? text + 1 : text);
}

/* Decimal digits without printf: exports write a number in most rows. */
static void
append_int (GString *out,
            gint64   value)
{
  char buf[24];
  int i = sizeof buf;
  guint64 v = value < 0 ? - (guint64) value : (guint64) value;

  do
    {
      buf[--i] = (char) ('0' + v % 10);
      v /= 10;
    }
  while (v > 0);
  if (value < 0)
    buf[--i] = '-';
  g_string_append_len (out, buf + i, sizeof buf - i);
}

static void
start_cell (GwCsvWriter *writer)
{
  if (writer->row_started)
    g_string_append_c (writer->data, ',');
  writer->row_started = TRUE;
}

static void
append_quoted (GwCsvWriter *writer,
               const char  *text,
               gsize        len)
{
  gsize needed = len * 2 + 2;
  gsize old = writer->data->len;

  /* csv_write() quotes the whole cell and doubles the quotes inside. */
  g_string_set_size (writer->data, old + needed);
  needed = csv_write (writer->data->str + old, needed, text, len);
  g_string_set_size (writer->data, old + needed);
}

void
gw_csv_writer_add_text (GwCsvWriter *writer,
                        const char  *text)
{
  gboolean plain = TRUE;

  start_cell (writer);
  if (text == NULL || *text == '\0')
    return;

  if (needs_apostrophe (text))
    {
      g_autofree char *safe = g_strconcat ("'", text, NULL);

      append_quoted (writer, safe, strlen (safe));
      return;
    }

  for (const char *p = text; *p && plain; p++)
    if (*p == ',' || *p == '"' || *p == '\n' || *p == '\r')
      plain = FALSE;
  if (plain && text[0] != ' ' && text[strlen (text) - 1] != ' ')
    g_string_append (writer->data, text);
  else
    append_quoted (writer, text, strlen (text));
}

void
gw_csv_writer_add_number (GwCsvWriter *writer,
                          double       value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  start_cell (writer);
  if (isnan (value))
    return;
  if (value == floor (value) && fabs (value) < 1e15)
    append_int (writer->data, (gint64) value);
  else
    {
      /* Shortest text that reads back the same, with a '.' decimal point. */
      g_ascii_formatd (buf, sizeof buf, "%.6f", value);
      for (char *end = buf + strlen (buf) - 1; end > buf && *end == '0'; end--)
        *end = '\0';
      if (buf[strlen (buf) - 1] == '.')
        buf[strlen (buf) - 1] = '\0';
      g_string_append (writer->data, buf);
    }
}

void
gw_csv_writer_add_int (GwCsvWriter *writer,
                       gint64       value)
{
  start_cell (writer);
  append_int (writer->data, value);
}

void
gw_csv_writer_end_row (GwCsvWriter *writer)
{
  g_string_append (writer->data, "\r\n");
  writer->row_started = FALSE;
}

const char *
gw_csv_writer_get_data (GwCsvWriter *writer,
                        gsize       *length)
{
  if (length)
    *length = writer->data->len;
  return writer->data->str;
}

void
gw_csv_writer_reset (GwCsvWriter *writer)
{
  g_string_truncate (writer->data, 0);
  writer->row_started = FALSE;
}

/**
 * gw_write_file_atomically:
 *
 * Writes @data to a temporary file beside @path, syncs it and renames it
 * over @path: readers see the old file or the whole new one, never half.
 */
gboolean
gw_write_file_atomically (const char  *path,
                          const char  *data,
                          gsize        length,
                          GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!g_file_set_contents_full (path, data, length,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0644, &local_error))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, G_FILE_ERROR, local_error->code,
                   _("“%s” could not be written: %s."), display, local_error->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
gw_csv_writer_save (GwCsvWriter  *writer,
                    const char   *path,
                    GError      **error)
{
  return gw_write_file_atomically (path, writer->data->str, writer->data->len, error);
}
