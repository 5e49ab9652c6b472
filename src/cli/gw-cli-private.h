/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "gw-csv-writer.h"
#include "gw-schedule.h"
#include "gw-store.h"

G_BEGIN_DECLS

/* Exit statuses of the gapwise-cli contract. */
#define GW_EXIT_OK 0
#define GW_EXIT_FAILED 1   /* bad input, failed check */
#define GW_EXIT_USAGE 2

typedef struct _GwCliCommandInfo GwCliCommandInfo;
typedef int (*GwCliCommand) (const GwCliCommandInfo *info,
                             int                     argc,
                             char                  **argv);

struct _GwCliCommandInfo
{
  const char   *name;
  GwCliCommand  run;
  const char   *parameters;  /* "REGISTER KEY" */
  const char   *summary;     /* translatable */
};

/* Helpers shared by the command files. */
int        gw_cli_parse         (const GwCliCommandInfo *info,
                                 GOptionEntry           *entries,
                                 int                    *argc,
                                 char                 ***argv,
                                 int                     min_args,
                                 int                     max_args);
int        gw_cli_usage_error   (const char *command,
                                 const char *format,
                                 ...) G_GNUC_PRINTF (2, 3);
int        gw_cli_fail          (const char *path,
                                 GError     *error);
GwStore   *gw_cli_open          (const char       *path,
                                 GwStoreOpenFlags  flags);
gboolean   gw_cli_parse_format  (const char *command,
                                 const char *format,
                                 gboolean   *csv);
void       gw_cli_write_stdout  (const char *data,
                                 gsize       length);

/* Options of `gapwise-cli export` that some kinds read. */
typedef struct
{
  GwSchedulePeriod period;   /* --period week|month|milestone (resources) */
} GwCliExportOptions;

/* `gapwise-cli export KIND`: one function per kind, listed in gw-cli-import.c. */
typedef gboolean (*GwCliExportFunc) (GwStore                  *store,
                                     const GwCliExportOptions *options,
                                     GwCsvWriter              *writer,
                                     GError                  **error);

/* A kind of export that writes its own file, whole or not at all. */
typedef gboolean (*GwCliSaveFunc) (GwStore     *store,
                                   const char  *path,
                                   GError     **error);

gboolean   gw_cli_export_register  (GwStore                  *store,
                                    const GwCliExportOptions *options,
                                    GwCsvWriter              *writer,
                                    GError                  **error);

/* The schedule's kinds of export, in gw-cli-schedule.c. */
gboolean   gw_cli_export_roadmap   (GwStore                  *store,
                                    const GwCliExportOptions *options,
                                    GwCsvWriter              *writer,
                                    GError                  **error);
gboolean   gw_cli_export_resources (GwStore                  *store,
                                    const GwCliExportOptions *options,
                                    GwCsvWriter              *writer,
                                    GError                  **error);

/* Command groups, one file each. */
extern const GwCliCommandInfo gw_cli_register_commands[];
extern const GwCliCommandInfo gw_cli_import_commands[];
extern const GwCliCommandInfo gw_cli_schedule_commands[];
extern const GwCliCommandInfo gw_cli_render_commands[];
extern const GwCliCommandInfo gw_cli_report_commands[];

G_END_DECLS
