/* SPDX-License-Identifier: GPL-3.0-or-later */

/* gapwise-cli commands that bring registers in and take them out:
 * import (Markdown and CSV, merged all or nothing) and export. */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "gw-cli-private.h"
#include "gw-import.h"
#include "gw-markdown-export.h"
#include "gw-table-export.h"

/* Kinds of export: each writes one CSV table of the register (write), or
 * a file of its own format, whole or not at all (save). */
static const struct
{
  const char      *name;
  GwCliExportFunc  write;
  GwCliSaveFunc    save;
} export_kinds[] = {
  { "register", gw_cli_export_register, NULL },
  { "roadmap", gw_cli_export_roadmap, NULL },
  { "resources", gw_cli_export_resources, NULL },
  { "markdown", NULL, gw_markdown_export_to_file },
};

static const struct
{
  const char       *name;
  GwSchedulePeriod  period;
} export_periods[] = {
  { "week", GW_SCHEDULE_PERIOD_WEEK },
  { "month", GW_SCHEDULE_PERIOD_MONTH },
  { "milestone", GW_SCHEDULE_PERIOD_MILESTONE },
};

/* Helpers */

static void
remove_register (const char *path)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

static void
print_report (const GwImportReport *report,
              gboolean              dry_run)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const struct { const char *label; guint value; } counts[] = {
    { N_("items"), report->items },
    { N_("added"), report->added },
    { N_("changed"), report->changed },
    { N_("unchanged"), report->unchanged },
    { N_("not in file"), report->not_in_file },
    { N_("dependencies"), report->dependencies },
    { N_("milestones"), report->milestones },
    { N_("roles"), report->roles },
    { N_("checklist entries"), report->checklist_entries },
    { N_("go/no-go entries"), report->decision_entries },
  };

  for (guint i = 0; i < report->warnings->len; i++)
    g_printerr (_("warning: %s\n"), (const char *) g_ptr_array_index (report->warnings, i));

  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    g_string_append_printf (out, "%s: %u\n", _(counts[i].label), counts[i].value);
  if (dry_run)
    g_string_append_printf (out, "%s\n", _("Dry run: the register was not changed."));
  gw_cli_write_stdout (out->str, out->len);
}

/* Export kinds */

/**
 * gw_cli_export_register:
 *
 * Writes every item with every column, lists included, in register order.
 */
gboolean
gw_cli_export_register (GwStore                  *store,
                        const GwCliExportOptions *options,
                        GwCsvWriter              *writer,
                        GError                  **error)
{
  return gw_table_export_write (store, GW_TABLE_REGISTER, GW_SCHEDULE_PERIOD_WEEK, writer, NULL, error);
}

/* Commands */

static int
cmd_import (const GwCliCommandInfo *info,
            int                     argc,
            char                  **argv)
{
  gboolean dry_run = FALSE;
  GOptionEntry entries[] = {
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_("Report what the import would change, and change nothing"), NULL },
    { NULL }
  };
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_import_data_free);
  g_autoptr(GwImportReport) report = NULL;
  g_autoptr(GwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *path;
  gboolean created = FALSE;
  int rc;

  if ((rc = gw_cli_parse (info, entries, &argc, &argv, 2, -1)) >= 0)
    return rc;
  path = argv[1];

  /* Every file is read before the register is touched. */
  for (int i = 2; i < argc; i++)
    {
      GwImportData *data = gw_import_read_file (argv[i], &error);

      if (data == NULL)
        {
          g_printerr ("%s\n", error->message);
          return GW_EXIT_FAILED;
        }
      g_ptr_array_add (files, data);
    }

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    store = gw_cli_open (path, GW_STORE_OPEN_DEFAULT);
  else if (dry_run)
    store = gw_cli_open (":memory:", GW_STORE_OPEN_CREATE);
  else
    {
      store = gw_cli_open (path, GW_STORE_OPEN_CREATE);
      created = store != NULL;
    }
  if (store == NULL)
    return GW_EXIT_FAILED;

  report = gw_import_apply (store, files, dry_run, &error);
  if (report == NULL)
    {
      g_clear_object (&store);
      if (created)
        remove_register (path);
      return gw_cli_fail (path, error);
    }
  print_report (report, dry_run);
  return GW_EXIT_OK;
}

static int
cmd_export (const GwCliCommandInfo *info,
            int                     argc,
            char                  **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *period = NULL;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The file to write"), N_("FILE") },
    { "period", 0, 0, G_OPTION_ARG_STRING, &period, N_("Periods of a resources table: week, month or milestone"),
      N_("PERIOD") },
    { NULL }
  };
  GwCliExportOptions options = { .period = GW_SCHEDULE_PERIOD_WEEK };
  g_autoptr(GwCsvWriter) writer = NULL;
  g_autoptr(GwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GwCliExportFunc write = NULL;
  GwCliSaveFunc save = NULL;
  gboolean period_known;
  int rc;

  if ((rc = gw_cli_parse (info, entries, &argc, &argv, 2, 2)) >= 0)
    return rc;
  period_known = period == NULL;
  for (guint i = 0; period != NULL && i < G_N_ELEMENTS (export_periods); i++)
    if (g_str_equal (export_periods[i].name, period))
      {
        options.period = export_periods[i].period;
        period_known = TRUE;
      }
  if (!period_known)
    return gw_cli_usage_error (info->name, _("“%s” is not a period: use week, month or milestone."), period);
  for (guint i = 0; i < G_N_ELEMENTS (export_kinds); i++)
    if (g_str_equal (export_kinds[i].name, argv[1]))
      {
        write = export_kinds[i].write;
        save = export_kinds[i].save;
      }
  if (write == NULL && save == NULL)
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; i < G_N_ELEMENTS (export_kinds); i++)
        g_string_append_printf (names, "%s%s", i > 0 ? ", " : "", export_kinds[i].name);
      return gw_cli_usage_error (info->name, _("“%s” is not a kind of export: use %s."), argv[1], names->str);
    }
  if (output == NULL)
    return gw_cli_usage_error (info->name, _("-o FILE is required."));

  store = gw_cli_open (argv[2], GW_STORE_OPEN_READ_ONLY);
  if (store == NULL)
    return GW_EXIT_FAILED;

  if (save != NULL)
    {
      if (!save (store, output, &error))
        return gw_cli_fail (argv[2], error);
      return GW_EXIT_OK;
    }
  writer = gw_csv_writer_new ();
  if (!write (store, &options, writer, &error))
    return gw_cli_fail (argv[2], error);
  if (!gw_csv_writer_save (writer, output, &error))
    {
      g_printerr ("%s\n", error->message);
      return GW_EXIT_FAILED;
    }
  return GW_EXIT_OK;
}

const GwCliCommandInfo gw_cli_import_commands[] = {
  { "import", cmd_import, N_("REGISTER FILE…"),
    N_("Import Markdown or CSV files into a register (created when missing), all or nothing.") },
  { "export", cmd_export, N_("KIND REGISTER -o FILE"),
    N_("Export a register as a CSV table (KIND: register, roadmap or resources) or as Markdown (KIND: markdown).") },
  { NULL }
};
