/* SPDX-License-Identifier: GPL-3.0-or-later */

/* gapwise-cli commands that create, list and edit a register. */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "gw-cli-private.h"
#include "gw-register-csv.h"

#define TITLE_WIDTH 56

/* Helpers */

static void
append_padded (GString    *out,
               const char *text,
               int         width)
{
  glong len = g_utf8_strlen (text, -1);

  if (len > width)
    {
      const char *cut = g_utf8_offset_to_pointer (text, width - 1);

      g_string_append_len (out, text, cut - text);
      g_string_append (out, "…");
      return;
    }
  g_string_append (out, text);
  for (glong i = len; i < width; i++)
    g_string_append_c (out, ' ');
}

static void
print_table (GPtrArray *items)
{
  static const GwField columns[] = {
    GW_FIELD_KEY, GW_FIELD_PRIORITY, GW_FIELD_STATUS, GW_FIELD_EFFORT_HOURS,
    GW_FIELD_OWNER, GW_FIELD_MILESTONE, GW_FIELD_TITLE,
  };
  int widths[G_N_ELEMENTS (columns)];
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    widths[c] = (int) g_utf8_strlen (gw_field_name (columns[c]), -1);
  for (guint i = 0; i < items->len; i++)
    for (guint c = 0; c + 1 < G_N_ELEMENTS (columns); c++)
      {
        g_autofree char *text = gw_item_get_field_text (g_ptr_array_index (items, i), columns[c]);

        widths[c] = MAX (widths[c], (int) g_utf8_strlen (text, -1));
      }
  widths[G_N_ELEMENTS (columns) - 1] = TITLE_WIDTH;

  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    append_padded (out, gw_field_name (columns[c]), widths[c] + 2);
  while (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  g_string_append_c (out, '\n');
  for (guint i = 0; i < items->len; i++)
    {
      for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
        {
          g_autofree char *text = gw_item_get_field_text (g_ptr_array_index (items, i), columns[c]);

          if (c + 1 < G_N_ELEMENTS (columns))
            append_padded (out, text, widths[c] + 2);
          else
            append_padded (out, text, TITLE_WIDTH);
        }
      /* No trailing blanks. */
      while (out->len > 0 && out->str[out->len - 1] == ' ')
        g_string_truncate (out, out->len - 1);
      g_string_append_c (out, '\n');
    }
  gw_cli_write_stdout (out->str, out->len);
}

/* "field=value" */
static gboolean
split_assignment (const char  *text,
                  GwField     *field,
                  const char **value)
{
  const char *eq = strchr (text, '=');
  g_autofree char *name = NULL;

  if (eq == NULL)
    return FALSE;
  name = g_strstrip (g_strndup (text, eq - text));
  if (!gw_field_from_name (name, field))
    return FALSE;
  *value = eq + 1;
  return TRUE;
}

/* Commands */

static int
cmd_new (const GwCliCommandInfo *info,
         int                     argc,
         char                  **argv)
{
  g_autofree char *name = NULL;
  g_autofree char *start = NULL;
  GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The register’s name"), N_("TEXT") },
    { "start", 0, 0, G_OPTION_ARG_STRING, &start, N_("The day work starts"), N_("YYYY-MM-DD") },
    { NULL }
  };
  g_autoptr(GwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *path;
  int rc;

  if ((rc = gw_cli_parse (info, entries, &argc, &argv, 1, 1)) >= 0)
    return rc;
  path = argv[1];

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_printerr (_("“%s” already exists: choose another file name.\n"), display);
      return GW_EXIT_FAILED;
    }

  store = gw_cli_open (path, GW_STORE_OPEN_CREATE);
  if (store == NULL)
    return GW_EXIT_FAILED;

  /* The settings of a new register are part of its creation, not an undo step. */
  if (name != NULL || start != NULL)
    {
      if (!gw_store_begin (store, _("Create register"), &error) ||
          (name != NULL && !gw_store_set_setting (store, "name", name, &error)) ||
          (start != NULL && !gw_store_set_setting (store, "start_date", start, &error)) ||
          !gw_store_commit (store, &error) ||
          !gw_store_clear_history (store, &error))
        {
          if (gw_store_in_edit (store))
            gw_store_rollback (store);
          g_clear_object (&store);
          g_unlink (path);
          return gw_cli_fail (path, error);
        }
    }
  return GW_EXIT_OK;
}

static int
cmd_list (const GwCliCommandInfo *info,
          int                     argc,
          char                  **argv)
{
  g_autofree char *format = NULL;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output format: table or csv"), N_("FORMAT") },
    { NULL }
  };
  g_autoptr(GwStore) store = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  gboolean csv;
  int rc;

  if ((rc = gw_cli_parse (info, entries, &argc, &argv, 1, 1)) >= 0)
    return rc;
  if (!gw_cli_parse_format (info->name, format, &csv))
    return GW_EXIT_USAGE;

  store = gw_cli_open (argv[1], GW_STORE_OPEN_READ_ONLY);
  if (store == NULL)
    return GW_EXIT_FAILED;
  items = gw_store_list_items (store, &error);
  if (items == NULL)
    return gw_cli_fail (argv[1], error);

  if (csv)
    {
      g_autoptr(GwCsvWriter) writer = gw_csv_writer_new ();
      const char *data;
      gsize length;

      gw_register_csv_write (writer, items, FALSE);
      data = gw_csv_writer_get_data (writer, &length);
      gw_cli_write_stdout (data, length);
    }
  else
    print_table (items);

  /* The process ends here: letting it return the items' memory at exit
   * saves a seventh of the command's time on a large register. */
  g_ptr_array_set_free_func (items, NULL);
  g_ptr_array_unref (g_steal_pointer (&items));
  return GW_EXIT_OK;
}

static int
cmd_show (const GwCliCommandInfo *info,
          int                     argc,
          char                  **argv)
{
  g_autoptr(GwStore) store = NULL;
  g_autoptr(GwItem) item = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  int rc;

  if ((rc = gw_cli_parse (info, NULL, &argc, &argv, 2, 2)) >= 0)
    return rc;

  store = gw_cli_open (argv[1], GW_STORE_OPEN_READ_ONLY);
  if (store == NULL)
    return GW_EXIT_FAILED;
  item = gw_store_get_item (store, argv[2], &error);
  if (item == NULL)
    return gw_cli_fail (argv[1], error);

  for (GwField f = 0; f < GW_N_FIELDS; f++)
    {
      g_autofree char *text = gw_item_get_field_text (item, f);

      if (*text == '\0')
        continue;
      if (gw_field_is_list (f) || strchr (text, '\n') != NULL)
        {
          g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

          g_string_append_printf (out, "%s:\n", gw_field_name (f));
          for (guint i = 0; lines[i]; i++)
            g_string_append_printf (out, "  %s\n", lines[i]);
        }
      else
        g_string_append_printf (out, "%s: %s\n", gw_field_name (f), text);
    }
  gw_cli_write_stdout (out->str, out->len);
  return GW_EXIT_OK;
}

static int
cmd_add (const GwCliCommandInfo *info,
         int                     argc,
         char                  **argv)
{
  g_autofree char *key = NULL, *title = NULL, *priority = NULL, *effort = NULL, *owner = NULL;
  g_autofree char *milestone = NULL, *category = NULL, *status = NULL, *risk = NULL, *impact = NULL;
  g_auto(GStrv) depends_on = NULL;
  GOptionEntry entries[] = {
    { "key", 0, 0, G_OPTION_ARG_STRING, &key, N_("The item’s key, unique in the register"), N_("KEY") },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("The item’s title"), N_("TEXT") },
    { "priority", 0, 0, G_OPTION_ARG_STRING, &priority, N_("P0, P1, P2 or P3"), N_("PRIORITY") },
    { "effort", 0, 0, G_OPTION_ARG_STRING, &effort, N_("Effort: 4h, 2 days, M, L (16-32 hours)"), N_("TEXT") },
    { "owner", 0, 0, G_OPTION_ARG_STRING, &owner, N_("The owner role"), N_("ROLE") },
    { "milestone", 0, 0, G_OPTION_ARG_STRING, &milestone, N_("The milestone’s key"), N_("KEY") },
    { "category", 0, 0, G_OPTION_ARG_STRING, &category, N_("The category"), N_("TEXT") },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status, N_("todo, in-progress, blocked, done or deferred"), N_("STATUS") },
    { "risk", 0, 0, G_OPTION_ARG_STRING, &risk, N_("low, medium or high"), N_("LEVEL") },
    { "impact", 0, 0, G_OPTION_ARG_STRING, &impact, N_("0 to 100, or HIGH, MEDIUM, LOW"), N_("N|LEVEL") },
    { "depends-on", 0, 0, G_OPTION_ARG_STRING_ARRAY, &depends_on, N_("An item this one depends on (repeatable)"), N_("KEY") },
    { NULL }
  };
  const struct { GwField field; char **value; } values[] = {
    { GW_FIELD_PRIORITY, &priority }, { GW_FIELD_EFFORT, &effort }, { GW_FIELD_OWNER, &owner },
    { GW_FIELD_MILESTONE, &milestone }, { GW_FIELD_CATEGORY, &category }, { GW_FIELD_STATUS, &status },
    { GW_FIELD_RISK, &risk }, { GW_FIELD_IMPACT, &impact },
  };
  g_autoptr(GwStore) store = NULL;
  g_autoptr(GwItem) item = NULL;
  g_autoptr(GError) error = NULL;
  int rc;

  if ((rc = gw_cli_parse (info, entries, &argc, &argv, 1, 1)) >= 0)
    return rc;
  if (key == NULL)
    return gw_cli_usage_error (info->name, _("--key is required."));

  store = gw_cli_open (argv[1], GW_STORE_OPEN_DEFAULT);
  if (store == NULL)
    return GW_EXIT_FAILED;

  item = gw_item_new (NULL, NULL);
  if (!gw_item_set_field_text (item, GW_FIELD_KEY, key, NULL, &error) ||
      !gw_item_set_field_text (item, GW_FIELD_TITLE, title ? title : "", NULL, &error))
    return gw_cli_fail (argv[1], error);

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    if (*values[i].value != NULL &&
        !gw_item_set_field_text (item, values[i].field, *values[i].value,
                                 gw_store_get_parse_context (store), &error))
      return gw_cli_fail (argv[1], error);
  for (guint i = 0; depends_on && depends_on[i]; i++)
    gw_item_add_dependency (item, depends_on[i], 0);

  if (!gw_store_add_item (store, item, &error))
    return gw_cli_fail (argv[1], error);
  return GW_EXIT_OK;
}

static int
cmd_set (const GwCliCommandInfo *info,
         int                     argc,
         char                  **argv)
{
  g_autoptr(GwStore) store = NULL;
  g_autoptr(GwItem) item = NULL;
  g_autoptr(GError) error = NULL;
  int rc;

  if ((rc = gw_cli_parse (info, NULL, &argc, &argv, 3, -1)) >= 0)
    return rc;

  /* Check every assignment before touching the register. */
  for (int i = 3; i < argc; i++)
    {
      GwField field;
      const char *value;

      if (!split_assignment (argv[i], &field, &value))
        return gw_cli_usage_error (info->name, _("“%s” is not FIELD=VALUE with a field of the CSV header."),
                                   argv[i]);
    }

  store = gw_cli_open (argv[1], GW_STORE_OPEN_DEFAULT);
  if (store == NULL)
    return GW_EXIT_FAILED;
  item = gw_store_get_item (store, argv[2], &error);
  if (item == NULL)
    return gw_cli_fail (argv[1], error);

  for (int i = 3; i < argc; i++)
    {
      GwField field;
      const char *value;

      split_assignment (argv[i], &field, &value);
      if (!gw_item_set_field_text (item, field, value, gw_store_get_parse_context (store), &error))
        return gw_cli_fail (argv[1], error);
    }
  if (!gw_store_update_item (store, item, &error))
    return gw_cli_fail (argv[1], error);
  return GW_EXIT_OK;
}

static int
cmd_delete (const GwCliCommandInfo *info,
            int                     argc,
            char                  **argv)
{
  g_autoptr(GwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  int rc;

  if ((rc = gw_cli_parse (info, NULL, &argc, &argv, 2, 2)) >= 0)
    return rc;
  store = gw_cli_open (argv[1], GW_STORE_OPEN_DEFAULT);
  if (store == NULL)
    return GW_EXIT_FAILED;
  if (!gw_store_delete_item (store, argv[2], &error))
    return gw_cli_fail (argv[1], error);
  return GW_EXIT_OK;
}

static int
link_or_unlink (const GwCliCommandInfo *info,
                int                     argc,
                char                  **argv,
                gboolean                link)
{
  g_autofree char *depends_on = NULL;
  double lag = 0;
  GOptionEntry entries[] = {
    { "depends-on", 0, 0, G_OPTION_ARG_STRING, &depends_on, N_("The item depended on"), N_("KEY") },
    { "lag", 0, 0, G_OPTION_ARG_DOUBLE, &lag, N_("Hours to wait after it finishes"), N_("HOURS") },
    { NULL }
  };
  g_autoptr(GwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  int rc;

  if (!link)
    entries[1].long_name = NULL;
  if ((rc = gw_cli_parse (info, entries, &argc, &argv, 2, 2)) >= 0)
    return rc;
  if (depends_on == NULL)
    return gw_cli_usage_error (info->name, _("--depends-on is required."));

  store = gw_cli_open (argv[1], GW_STORE_OPEN_DEFAULT);
  if (store == NULL)
    return GW_EXIT_FAILED;
  if (link ? !gw_store_link (store, argv[2], depends_on, lag, &error)
           : !gw_store_unlink (store, argv[2], depends_on, &error))
    return gw_cli_fail (argv[1], error);
  return GW_EXIT_OK;
}

static int
cmd_link (const GwCliCommandInfo *info,
          int                     argc,
          char                  **argv)
{
  return link_or_unlink (info, argc, argv, TRUE);
}

static int
cmd_unlink (const GwCliCommandInfo *info,
            int                     argc,
            char                  **argv)
{
  return link_or_unlink (info, argc, argv, FALSE);
}

static int
cmd_role (const GwCliCommandInfo *info,
          int                     argc,
          char                  **argv)
{
  int headcount = -1;
  double hours = NAN, cost = NAN;
  gboolean remove = FALSE;
  GOptionEntry entries[] = {
    { "headcount", 0, 0, G_OPTION_ARG_INT, &headcount, N_("People in the role"), N_("N") },
    { "hours-per-week", 0, 0, G_OPTION_ARG_DOUBLE, &hours, N_("Working hours per person and week"), N_("H") },
    { "cost-per-hour", 0, 0, G_OPTION_ARG_DOUBLE, &cost, N_("Cost of an hour of work"), N_("C") },
    { "delete", 0, 0, G_OPTION_ARG_NONE, &remove, N_("Delete the role"), NULL },
    { NULL }
  };
  g_autoptr(GwStore) store = NULL;
  g_autoptr(GPtrArray) roles = NULL;
  g_autoptr(GwRole) role = NULL;
  g_autoptr(GError) error = NULL;
  int rc;

  if ((rc = gw_cli_parse (info, entries, &argc, &argv, 2, 2)) >= 0)
    return rc;

  store = gw_cli_open (argv[1], GW_STORE_OPEN_DEFAULT);
  if (store == NULL)
    return GW_EXIT_FAILED;

  if (remove)
    {
      if (!gw_store_delete_role (store, argv[2], &error))
        return gw_cli_fail (argv[1], error);
      return GW_EXIT_OK;
    }

  roles = gw_store_list_roles (store);
  for (guint i = 0; i < roles->len && role == NULL; i++)
    if (g_str_equal (((GwRole *) g_ptr_array_index (roles, i))->name, argv[2]))
      role = gw_role_copy (g_ptr_array_index (roles, i));
  if (role == NULL)
    role = gw_role_new (argv[2]);

  if (headcount != -1)
    role->headcount = headcount;
  if (!isnan (hours))
    role->hours_per_week = hours;
  if (!isnan (cost))
    role->cost_per_hour = cost;

  if (!gw_store_put_role (store, role, &error))
    return gw_cli_fail (argv[1], error);
  return GW_EXIT_OK;
}

static int
cmd_check (const GwCliCommandInfo *info,
           int                     argc,
           char                  **argv)
{
  g_autoptr(GwStore) store = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *display = NULL;
  int rc;

  if ((rc = gw_cli_parse (info, NULL, &argc, &argv, 1, 1)) >= 0)
    return rc;
  store = gw_cli_open (argv[1], GW_STORE_OPEN_READ_ONLY);
  if (store == NULL)
    return GW_EXIT_FAILED;

  display = g_filename_display_name (argv[1]);
  problems = gw_store_check (store);
  for (guint i = 0; i < problems->len; i++)
    g_printerr ("%s: %s\n", display, (const char *) g_ptr_array_index (problems, i));
  if (problems->len > 0)
    return GW_EXIT_FAILED;
  g_print (_("%s: no problems found (%u items).\n"), display, gw_store_count_items (store));
  return GW_EXIT_OK;
}

static int
history_command (const GwCliCommandInfo *info,
                 int                     argc,
                 char                  **argv,
                 gboolean                undo)
{
  g_autoptr(GwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  int rc;

  if ((rc = gw_cli_parse (info, NULL, &argc, &argv, 1, 1)) >= 0)
    return rc;
  store = gw_cli_open (argv[1], GW_STORE_OPEN_DEFAULT);
  if (store == NULL)
    return GW_EXIT_FAILED;
  if (undo ? !gw_store_undo (store, &label, &error) : !gw_store_redo (store, &label, &error))
    return gw_cli_fail (argv[1], error);
  g_print (undo ? _("Undone: %s\n") : _("Redone: %s\n"), label);
  return GW_EXIT_OK;
}

static int
cmd_undo (const GwCliCommandInfo *info,
          int                     argc,
          char                  **argv)
{
  return history_command (info, argc, argv, TRUE);
}

static int
cmd_redo (const GwCliCommandInfo *info,
          int                     argc,
          char                  **argv)
{
  return history_command (info, argc, argv, FALSE);
}

const GwCliCommandInfo gw_cli_register_commands[] = {
  { "new", cmd_new, N_("REGISTER"), N_("Create an empty register.") },
  { "list", cmd_list, N_("REGISTER"), N_("List the items of a register.") },
  { "show", cmd_show, N_("REGISTER KEY"), N_("Show every field of one item.") },
  { "add", cmd_add, N_("REGISTER"), N_("Add an item.") },
  { "set", cmd_set, N_("REGISTER KEY FIELD=VALUE…"), N_("Change fields of an item, named as in the CSV header.") },
  { "delete", cmd_delete, N_("REGISTER KEY"), N_("Delete an item and the dependencies on it.") },
  { "link", cmd_link, N_("REGISTER KEY"), N_("Make an item depend on another.") },
  { "unlink", cmd_unlink, N_("REGISTER KEY"), N_("Remove a dependency.") },
  { "role", cmd_role, N_("REGISTER NAME"), N_("Create or change a role.") },
  { "check", cmd_check, N_("REGISTER"), N_("Look for cycles, dangling references and damage.") },
  { "undo", cmd_undo, N_("REGISTER"), N_("Undo the last change.") },
  { "redo", cmd_redo, N_("REGISTER"), N_("Redo the last undone change.") },
  { NULL }
};
