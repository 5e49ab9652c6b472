/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gw-import.h"

G_BEGIN_DECLS

GwImportData *gw_markdown_import (const char  *source,
                                  const char  *text,
                                  gsize        length,
                                  GError     **error);

G_END_DECLS
