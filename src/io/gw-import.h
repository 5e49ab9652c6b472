/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gw-store.h"

G_BEGIN_DECLS

#define GW_IMPORT_ERROR (gw_import_error_quark ())

typedef enum
{
  GW_IMPORT_ERROR_UNREADABLE,   /* cannot read the file, or not text */
  GW_IMPORT_ERROR_NO_ITEMS,     /* nothing that looks like a register */
  GW_IMPORT_ERROR_BAD_ROW,      /* a row without key, a key twice, ... */
  GW_IMPORT_ERROR_FORMAT,       /* an unknown kind of file */
} GwImportError;

GQuark gw_import_error_quark (void);

/* What an importer read from one file, before it goes into a register.
 * Importers fill it; gw_import_apply() merges it into a store. */
typedef struct
{
  char       *source;      /* the file's name, for messages */
  GPtrArray  *items;       /* GwItem: lines loaded, dependencies by key, in file order */
  GArray     *item_lines;  /* int: the line of the file each item starts on */
  GPtrArray  *roles;       /* GwRole */
  GPtrArray  *milestones;  /* GwMilestone, in order */
  GPtrArray  *decision;    /* GwDecisionEntry */
  GHashTable *settings;    /* char * -> char *: register settings ("name", "start_date") */
  GPtrArray  *warnings;    /* char *: "FILE:LINE: sentence." */
  GHashTable *by_key;      /* the items by key; kept by gw_import_data_add_item() */
  GArray     *item_fields; /* guint64 per item: the fields (1 << GwField) the file gives
                            * for it, empty ones included; GW_IMPORT_ALL_FIELDS (what
                            * gw_import_data_add_item() sets) when the file describes the
                            * item whole. gw_import_apply() keeps the register's value of
                            * a field the file does not give. */
} GwImportData;

#define GW_IMPORT_ALL_FIELDS ((G_GUINT64_CONSTANT (1) << GW_N_FIELDS) - 1)
#define GW_IMPORT_FIELD(field) (G_GUINT64_CONSTANT (1) << (field))

GwImportData *gw_import_data_new         (const char   *source);
void          gw_import_data_free        (GwImportData *data);
void          gw_import_data_warn        (GwImportData *data,
                                          int           line,
                                          const char   *format,
                                          ...) G_GNUC_PRINTF (3, 4);
GwItem       *gw_import_data_find_item   (GwImportData *data,
                                          const char   *key);
void          gw_import_data_add_item    (GwImportData *data,
                                          GwItem       *item,
                                          int           line);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GwImportData, gw_import_data_free)

/* The outcome of merging files into a register. */
typedef struct
{
  guint      items;          /* items in the files */
  guint      added;
  guint      changed;
  guint      unchanged;
  guint      not_in_file;    /* in the register but in none of the files */
  guint      dependencies;
  guint      milestones;
  guint      roles;
  guint      checklist_entries;
  guint      decision_entries;
  GPtrArray *warnings;       /* char * */
} GwImportReport;

void            gw_import_report_free (GwImportReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GwImportReport, gw_import_report_free)

GwImportData   *gw_import_read_file   (const char  *path,
                                       GError     **error);
GwImportReport *gw_import_apply       (GwStore     *store,
                                       GPtrArray   *files,
                                       gboolean     dry_run,
                                       GError     **error);

G_END_DECLS
