/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gw-import.h"

G_BEGIN_DECLS

GwImportData *gw_csv_import (const char  *source,
                             const char  *data,
                             gsize        length,
                             GError     **error);

G_END_DECLS
