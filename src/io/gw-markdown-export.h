/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gw-store.h"

G_BEGIN_DECLS

char     *gw_markdown_export         (GwStore     *store,
                                      GError     **error);
gboolean  gw_markdown_export_to_file (GwStore     *store,
                                      const char  *path,
                                      GError     **error);

G_END_DECLS
