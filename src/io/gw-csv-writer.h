/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Builds RFC 4180 CSV (CRLF line ends, quotes doubled, UTF-8) in memory.
 * Text cells that a spreadsheet would run as a formula get a leading
 * apostrophe; numbers are written as numbers with a '.' decimal point. */
typedef struct _GwCsvWriter GwCsvWriter;

GwCsvWriter *gw_csv_writer_new        (void);
void         gw_csv_writer_free       (GwCsvWriter *writer);
void         gw_csv_writer_add_text   (GwCsvWriter *writer,
                                       const char  *text);
void         gw_csv_writer_add_number (GwCsvWriter *writer,
                                       double       value);
void         gw_csv_writer_add_int    (GwCsvWriter *writer,
                                       gint64       value);
void         gw_csv_writer_end_row    (GwCsvWriter *writer);
const char  *gw_csv_writer_get_data   (GwCsvWriter *writer,
                                       gsize       *length);
void         gw_csv_writer_reset      (GwCsvWriter *writer);
gboolean     gw_csv_writer_save       (GwCsvWriter  *writer,
                                       const char   *path,
                                       GError      **error);

gboolean     gw_csv_needs_neutralising (const char *text);
gboolean     gw_csv_is_neutralised     (const char *text);
char        *gw_csv_unneutralise       (const char *text);

gboolean     gw_write_file_atomically  (const char   *path,
                                        const char   *data,
                                        gsize         length,
                                        GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GwCsvWriter, gw_csv_writer_free)

G_END_DECLS
