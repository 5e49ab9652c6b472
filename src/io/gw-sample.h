/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean gw_sample_create (const char  *path,
                           GError     **error);

G_END_DECLS
