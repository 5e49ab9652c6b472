/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "gw-cli-private.h"

static const GwCliCommandInfo *command_groups[] = {
  gw_cli_register_commands,
  gw_cli_import_commands,
  gw_cli_schedule_commands,
  gw_cli_render_commands,
  gw_cli_report_commands,
};

/* Helpers */

int
gw_cli_usage_error (const char *command,
                    const char *format,
                    ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("gapwise-cli %s: %s\n", command, message);
  g_printerr (_("Run “gapwise-cli %s --help” for its usage.\n"), command);
  return GW_EXIT_USAGE;
}

/**
 * gw_cli_parse:
 * @min_args: how many positional arguments the command needs
 * @max_args: how many it takes at most, -1 for any number
 *
 * Parses the command's options; on return (*argv)[1..] are its positional
 * arguments.
 *
 * Returns: -1 to go on, or the exit status to return at once
 */
int
gw_cli_parse (const GwCliCommandInfo *info,
              GOptionEntry           *entries,
              int                    *argc,
              char                 ***argv,
              int                     min_args,
              int                     max_args)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *prgname = g_strdup_printf ("gapwise-cli %s", info->name);
  int n;

  g_set_prgname (prgname);
  context = g_option_context_new (_(info->parameters));
  g_option_context_set_summary (context, _(info->summary));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    return gw_cli_usage_error (info->name, "%s", error->message);

  n = *argc - 1;
  if (n < min_args || (max_args >= 0 && n > max_args))
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      g_printerr ("%s", help);
      return GW_EXIT_USAGE;
    }
  return -1;
}

/**
 * gw_cli_fail:
 *
 * Prints @error as one sentence on stderr, naming @path unless the
 * message names it already.
 *
 * Returns: %GW_EXIT_FAILED
 */
int
gw_cli_fail (const char *path,
             GError     *error)
{
  g_autofree char *display = path ? g_filename_display_name (path) : NULL;

  if (display != NULL && strstr (error->message, display) == NULL)
    g_printerr ("%s: %s\n", display, error->message);
  else
    g_printerr ("%s\n", error->message);
  return GW_EXIT_FAILED;
}

GwStore *
gw_cli_open (const char       *path,
             GwStoreOpenFlags  flags)
{
  g_autoptr(GError) error = NULL;
  GwStore *store = gw_store_open (path, flags, &error);

  if (store == NULL)
    gw_cli_fail (path, error);
  return store;
}

gboolean
gw_cli_parse_format (const char *command,
                     const char *format,
                     gboolean   *csv)
{
  if (format == NULL || g_str_equal (format, "table"))
    *csv = FALSE;
  else if (g_str_equal (format, "csv"))
    *csv = TRUE;
  else
    {
      gw_cli_usage_error (command, _("“%s” is not a format: use table or csv."), format);
      return FALSE;
    }
  return TRUE;
}

void
gw_cli_write_stdout (const char *data,
                     gsize       length)
{
  while (length > 0)
    {
      ssize_t n = write (STDOUT_FILENO, data, length);

      if (n <= 0)
        return;
      data += n;
      length -= (gsize) n;
    }
}

static void
print_commands (FILE *out)
{
  fprintf (out, "%s\n\n", _("Usage: gapwise-cli COMMAND REGISTER [ARGUMENTS…]"));
  fprintf (out, "%s\n", _("Commands:"));
  for (guint g = 0; g < G_N_ELEMENTS (command_groups); g++)
    for (const GwCliCommandInfo *c = command_groups[g]; c->name; c++)
      fprintf (out, "  %-10s %s\n", c->name, _(c->summary));
  fprintf (out, "\n%s\n", _("Run “gapwise-cli COMMAND --help” for a command’s options."));
}

int
main (int   argc,
      char *argv[])
{
  const char *name;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2)
    {
      print_commands (stderr);
      return GW_EXIT_USAGE;
    }

  name = argv[1];
  if (g_str_equal (name, "--help") || g_str_equal (name, "-h") || g_str_equal (name, "help"))
    {
      print_commands (stdout);
      return GW_EXIT_OK;
    }
  if (g_str_equal (name, "--version"))
    {
      g_print ("gapwise-cli %s\n", PACKAGE_VERSION);
      return GW_EXIT_OK;
    }

  for (guint g = 0; g < G_N_ELEMENTS (command_groups); g++)
    for (const GwCliCommandInfo *c = command_groups[g]; c->name; c++)
      if (g_str_equal (c->name, name))
        return c->run (c, argc - 1, argv + 1);

  g_printerr (_("gapwise-cli: “%s” is not a command.\n"), name);
  print_commands (stderr);
  return GW_EXIT_USAGE;
}
