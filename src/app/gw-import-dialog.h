/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gw-import.h"
#include "gw-window.h"

G_BEGIN_DECLS

void  gw_import_choose_files    (GwWindow   *window);
void  gw_import_preview_files   (GwWindow   *window,
                                 const char *const *paths);
char *gw_import_report_describe (const GwImportReport *report);

G_END_DECLS
