/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define GW_STORE_ERROR (gw_store_error_quark ())

typedef enum
{
  GW_STORE_ERROR_INVALID,        /* a value a field cannot hold */
  GW_STORE_ERROR_NOT_FOUND,      /* no item, role or milestone of that key */
  GW_STORE_ERROR_DUPLICATE,      /* key already used */
  GW_STORE_ERROR_CYCLE,          /* dependency would close a cycle */
  GW_STORE_ERROR_NOT_REGISTER,   /* the file is not a Gapwise register */
  GW_STORE_ERROR_CORRUPT,        /* truncated or damaged register */
  GW_STORE_ERROR_NEWER,          /* written by a newer Gapwise */
  GW_STORE_ERROR_READ_ONLY,      /* the register can only be read */
  GW_STORE_ERROR_BUSY,           /* another program holds the register */
  GW_STORE_ERROR_IO,             /* disk full, permission, ... */
  GW_STORE_ERROR_NOTHING,        /* nothing to undo or redo */
  GW_STORE_ERROR_CONFLICT,       /* history does not match the register */
  GW_STORE_ERROR_FAILED,
} GwStoreError;

GQuark gw_store_error_quark (void);

G_END_DECLS
