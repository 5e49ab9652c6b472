/* SPDX-License-Identifier: GPL-3.0-or-later */

/* gapwise-cli report: the stakeholder report as a PDF. */

#include "config.h"

#include <glib/gi18n.h>

#include "gw-cli-private.h"
#include "gw-report.h"

/* Commands */

static int
cmd_report (const GwCliCommandInfo *info,
            int                     argc,
            char                  **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *paper_name = NULL;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PDF file to write"), N_("FILE") },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper_name, N_("The paper size: a4 (the default) or letter"), N_("SIZE") },
    { NULL }
  };
  g_autoptr(GwStore) store = NULL;
  g_autoptr(GwReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GwPaper paper = GW_PAPER_A4;
  GDate today;
  int rc;

  if ((rc = gw_cli_parse (info, entries, &argc, &argv, 1, 1)) >= 0)
    return rc;
  if (output == NULL)
    return gw_cli_usage_error (info->name, _("-o FILE is required."));
  if (!g_str_has_suffix (output, ".pdf") && !g_str_has_suffix (output, ".PDF"))
    return gw_cli_usage_error (info->name, _("“%s” does not end in .pdf: the report is a PDF file."), output);
  if (paper_name != NULL && !gw_paper_from_string (paper_name, &paper))
    return gw_cli_usage_error (info->name, _("“%s” is not a paper size: use a4 or letter."), paper_name);

  store = gw_cli_open (argv[1], GW_STORE_OPEN_READ_ONLY);
  if (store == NULL)
    return GW_EXIT_FAILED;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  report = gw_report_new (store, &today, &error);
  if (report == NULL)
    return gw_cli_fail (argv[1], error);
  if (!gw_report_write_pdf (report, output, paper, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return GW_EXIT_FAILED;
    }
  return GW_EXIT_OK;
}

const GwCliCommandInfo gw_cli_report_commands[] = {
  { "report", cmd_report, N_("REGISTER -o FILE.pdf"),
    N_("Write the stakeholder report (verdict, readiness, gates, charts, the register) as a PDF.") },
  { NULL }
};
