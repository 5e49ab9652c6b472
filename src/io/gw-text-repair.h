/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "gw-types.h"

G_BEGIN_DECLS

/* How the bytes of a file were turned into UTF-8 text. */
typedef enum
{
  GW_TEXT_ENCODING_UTF8 = 0,      /* valid UTF-8 (a byte-order mark is dropped) */
  GW_TEXT_ENCODING_UTF16,         /* UTF-16 with a byte-order mark */
  GW_TEXT_ENCODING_WINDOWS_1252,  /* not UTF-8: the invalid bytes were read as Windows-1252 */
} GwTextEncoding;

/* What gw_text_repair_mojibake() did. */
typedef struct
{
  guint       repaired;   /* characters restored */
  guint       left;       /* damaged-looking sequences left alone (a byte was lost) */
  const char *code_page;  /* the code page behind most repairs ("Windows-1252"), or NULL */
} GwTextRepairReport;

char     *gw_text_decode           (const char          *source,
                                    const char          *data,
                                    gsize                length,
                                    gsize               *out_length,
                                    GwTextEncoding      *encoding,
                                    GError             **error);
char     *gw_text_repair_mojibake  (const char          *text,
                                    gsize                length,
                                    gsize               *out_length,
                                    GwTextRepairReport  *report);
gboolean  gw_text_risk_from_colour (const char          *text,
                                    GwRisk              *risk);
gboolean  gw_text_is_decoration    (gunichar             c);
const char *gw_text_skip_residue   (const char          *text);

G_END_DECLS
