/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <string.h>

#include "gw-csv-writer.h"
#include "gw-gates.h"
#include "gw-markdown-export.h"

/* Writes a register as a Markdown gap register in the form of the seeds
 * (tests/seeds/001): summary tables, the team, milestone definitions and
 * gates, one "### KEY: Title" section per item with a "- **Label**: value"
 * bullet for every field (the labels of gw_field_label(), which the
 * Markdown importer reads), and the go/no-go lists. Importing the result
 * into an empty register gives the same items, roles, milestones and
 * go/no-go entries (tests/io/test-markdown-export.c checks it).
 *
 * The order matters to the importer: milestones are defined before the
 * items name them, so that they keep their order; the go/no-go lists come
 * after the items they name. Headings above the items name no category or
 * priority, so that nothing but the items' own fields gives them one.
 *
 * What the importer cannot read back: a milestone whose key is not of
 * the "M1" form keeps only its key (the importer knows
 * milestones by "Milestone M1" headings; items naming it recreate it),
 * and a should-threshold with decimals is written rounded (the importer
 * reads whole percentages; the Gates page sets whole ones).
 *
 * The document is a data format like the CSV export: its headings, table
 * headers and field labels are the English words the importer reads
 * (gw_field_label() is translated, so the labels are listed here). */

static const char *const labels[GW_N_FIELDS] = {
  [GW_FIELD_KEY] = "Key",
  [GW_FIELD_TITLE] = "Title",
  [GW_FIELD_CATEGORY] = "Category",
  [GW_FIELD_PRIORITY] = "Priority",
  [GW_FIELD_STATUS] = "Status",
  [GW_FIELD_EFFORT_HOURS] = "Effort (hours)",
  [GW_FIELD_RISK] = "Risk",
  [GW_FIELD_IMPACT] = "Impact",
  [GW_FIELD_OWNER] = "Owner role",
  [GW_FIELD_MILESTONE] = "Milestone",
  [GW_FIELD_DEPENDS_ON] = "Depends on",
  [GW_FIELD_DESCRIPTION] = "Description",
  [GW_FIELD_MODULE] = "Module",
  [GW_FIELD_EFFORT_SIZE] = "Size",
  [GW_FIELD_EFFORT_MIN] = "Minimum effort (hours)",
  [GW_FIELD_EFFORT_MAX] = "Maximum effort (hours)",
  [GW_FIELD_IMPL_RISK_PCT] = "Implementation risk (%)",
  [GW_FIELD_DATA_LOSS_RISK_PCT] = "Data-loss risk (%)",
  [GW_FIELD_ROI_PCT] = "ROI (%)",
  [GW_FIELD_REVENUE_IMPACT] = "Revenue impact",
  [GW_FIELD_ASSIGNEE] = "Assignee",
  [GW_FIELD_PHASE] = "Phase",
  [GW_FIELD_ACTION] = "Recommended action",
  [GW_FIELD_CURRENT_PCT] = "Current (%)",
  [GW_FIELD_TARGET_PCT] = "Target (%)",
  [GW_FIELD_NOT_BEFORE] = "Not before",
  [GW_FIELD_BREAKDOWN] = "Effort breakdown",
  [GW_FIELD_EVIDENCE] = "Evidence",
  [GW_FIELD_IMPACT_IF_NOT_FIXED] = "Impact if not fixed",
  [GW_FIELD_MITIGATION] = "Mitigation",
  [GW_FIELD_ACCEPTANCE_CRITERIA] = "Acceptance criteria",
  [GW_FIELD_REMEDIATION] = "Remediation",
};

/* Helpers */

/* A table cell: one line, '|' escaped. */
static void
append_cell (GString    *out,
             const char *text)
{
  g_string_append (out, " ");
  for (const char *p = text ? text : ""; *p != '\0'; p++)
    {
      if (*p == '|')
        g_string_append (out, "\\|");
      else if (*p == '\n' || *p == '\r')
        g_string_append_c (out, ' ');
      else
        g_string_append_c (out, *p);
    }
  g_string_append (out, " |");
}

static void
append_number_cell (GString *out,
                    double   value)
{
  g_autofree char *text = isnan (value) ? g_strdup ("") : gw_format_hours (value);

  append_cell (out, text);
}

static void
append_header (GString           *out,
               const char *const *columns)
{
  g_string_append (out, "|");
  for (guint c = 0; columns[c] != NULL; c++)
    append_cell (out, columns[c]);
  g_string_append (out, "\n|");
  for (guint c = 0; columns[c] != NULL; c++)
    g_string_append (out, "---|");
  g_string_append_c (out, '\n');
}

/* Continuation lines of a bullet's value, indented under it. */
static void
append_indented (GString    *out,
                 const char *text,
                 const char *indent)
{
  g_auto(GStrv) rows = g_strsplit (text, "\n", -1);

  for (guint r = 0; rows[r] != NULL; r++)
    {
      if (r > 0)
        g_string_append_printf (out, "\n%s", indent);
      g_string_append (out, rows[r]);
    }
}

static void
append_checklist (GString    *out,
                  GPtrArray  *lines,
                  gboolean    boxes,
                  const char *first)
{
  if (first != NULL)
    g_string_append_printf (out, "- %s\n", first);
  for (guint i = 0; i < lines->len; i++)
    {
      GwLine *line = g_ptr_array_index (lines, i);

      if (boxes || line->done)
        g_string_append_printf (out, "- [%c] ", line->done ? 'x' : ' ');
      else
        g_string_append (out, "- ");
      append_indented (out, line->text ? line->text : "", "  ");
      g_string_append_c (out, '\n');
    }
}

/* Summary */

static void
write_summary (GString   *out,
               GPtrArray *items)
{
  static const char *const by_priority_columns[] = {
    "Priority", "Count", "Done", "Effort hours", "Hours left", NULL
  };
  g_autoptr(GPtrArray) categories = g_ptr_array_new ();
  g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree guint *counts = NULL;
  guint totals[GW_N_PRIORITIES + 1] = { 0 };
  guint done[GW_N_PRIORITIES] = { 0 };
  double hours[GW_N_PRIORITIES] = { 0 }, left[GW_N_PRIORITIES] = { 0 };
  const char *columns[GW_N_PRIORITIES + 3];

  for (guint i = 0; i < items->len; i++)
    {
      const char *category = gw_item_get_category (g_ptr_array_index (items, i));

      category = category ? category : "";
      if (!g_hash_table_contains (index, category))
        {
          g_hash_table_insert (index, (gpointer) category, GUINT_TO_POINTER (categories->len));
          g_ptr_array_add (categories, (gpointer) category);
        }
    }
  counts = g_new0 (guint, MAX (categories->len, 1) * GW_N_PRIORITIES);
  for (guint i = 0; i < items->len; i++)
    {
      GwItem *item = g_ptr_array_index (items, i);
      const char *category = gw_item_get_category (item);
      guint c = GPOINTER_TO_UINT (g_hash_table_lookup (index, category ? category : ""));
      GwPriority p = gw_item_get_priority (item);
      double h = gw_item_get_effort_hours (item);

      h = isnan (h) ? 0 : h;
      counts[c * GW_N_PRIORITIES + p]++;
      totals[p]++;
      totals[GW_N_PRIORITIES]++;
      hours[p] += h;
      if (gw_item_get_status (item) == GW_STATUS_DONE)
        done[p]++;
      else if (gw_item_get_status (item) != GW_STATUS_DEFERRED)
        left[p] += h;
    }

  g_string_append (out, "## Summary\n\n### Items by Category and Priority\n\n");
  columns[0] = "Category";
  for (guint p = 0; p < GW_N_PRIORITIES; p++)
    columns[p + 1] = gw_priority_to_string (p);
  columns[GW_N_PRIORITIES + 1] = "Total";
  columns[GW_N_PRIORITIES + 2] = NULL;
  append_header (out, columns);
  for (guint c = 0; c < categories->len; c++)
    {
      const char *category = g_ptr_array_index (categories, c);
      guint sum = 0;

      g_string_append (out, "|");
      append_cell (out, *category ? category : "(none)");
      for (guint p = 0; p < GW_N_PRIORITIES; p++)
        {
          g_autofree char *n = g_strdup_printf ("%u", counts[c * GW_N_PRIORITIES + p]);

          sum += counts[c * GW_N_PRIORITIES + p];
          append_cell (out, n);
        }
      {
        g_autofree char *n = g_strdup_printf ("%u", sum);

        append_cell (out, n);
      }
      g_string_append_c (out, '\n');
    }
  g_string_append (out, "| **Total** |");
  for (guint p = 0; p <= GW_N_PRIORITIES; p++)
    g_string_append_printf (out, " **%u** |", totals[p]);
  g_string_append (out, "\n\n");

  g_string_append (out, "### Items by Priority\n\n");
  append_header (out, by_priority_columns);
  for (guint p = 0; p < GW_N_PRIORITIES; p++)
    {
      g_autofree char *n = g_strdup_printf ("%u", totals[p]);
      g_autofree char *d = g_strdup_printf ("%u", done[p]);

      g_string_append (out, "|");
      append_cell (out, gw_priority_to_string (p));
      append_cell (out, n);
      append_cell (out, d);
      append_number_cell (out, hours[p]);
      append_number_cell (out, left[p]);
      g_string_append_c (out, '\n');
    }
  g_string_append_c (out, '\n');
}

/* Team */

static void
write_team (GString   *out,
            GPtrArray *roles)
{
  static const char *const columns[] = { "Role", "People", "Hours per week", "Cost per hour", NULL };

  if (roles->len == 0)
    return;
  g_string_append (out, "## Team\n\n");
  append_header (out, columns);
  for (guint i = 0; i < roles->len; i++)
    {
      GwRole *role = g_ptr_array_index (roles, i);
      g_autofree char *people = g_strdup_printf ("%d", role->headcount);

      g_string_append (out, "|");
      append_cell (out, role->name);
      append_cell (out, people);
      append_number_cell (out, role->hours_per_week);
      append_number_cell (out, role->cost_per_hour);
      g_string_append_c (out, '\n');
    }
  g_string_append_c (out, '\n');
}

/* Milestones */

static void
write_milestones (GString   *out,
                  GPtrArray *milestones)
{
  if (milestones->len == 0)
    return;

  g_string_append (out, "## Milestone Definitions\n\n");
  for (guint i = 0; i < milestones->len; i++)
    {
      GwMilestone *m = g_ptr_array_index (milestones, i);

      /* "Milestone M1: Name" reads back whatever the name holds. */
      g_string_append_printf (out, "### Milestone %s: %s\n", m->key, m->name ? m->name : "");
      if (m->goal != NULL && *m->goal != '\0')
        {
          g_string_append (out, "- **Goal**: ");
          append_indented (out, m->goal, "  ");
          g_string_append_c (out, '\n');
        }
      if (m->duration != NULL && *m->duration != '\0')
        g_string_append_printf (out, "- **Duration**: %s\n", m->duration);
      if (m->requires != NULL && *m->requires != '\0')
        g_string_append_printf (out, "- **Requires**: %s\n", m->requires);
      if (m->lines[GW_MILESTONE_LINE_DELIVERABLE]->len > 0)
        {
          g_autoptr(GString) nested = g_string_new (NULL);
          g_auto(GStrv) rows = NULL;

          append_checklist (nested, m->lines[GW_MILESTONE_LINE_DELIVERABLE], FALSE, NULL);
          g_string_append (out, "- **Deliverables**:\n");
          rows = g_strsplit (nested->str, "\n", -1);
          for (guint r = 0; rows[r] != NULL; r++)
            if (*rows[r] != '\0')
              g_string_append_printf (out, "  %s\n", rows[r]);
        }
      g_string_append_c (out, '\n');
    }

  g_string_append (out, "## Milestone Gates\n\n");
  for (guint i = 0; i < milestones->len; i++)
    {
      GwMilestone *m = g_ptr_array_index (milestones, i);
      GPtrArray *entry = m->lines[GW_MILESTONE_LINE_ENTRY];
      GPtrArray *exit = m->lines[GW_MILESTONE_LINE_EXIT];
      g_autofree char *requirement = NULL;

      if (m->requires != NULL && *m->requires != '\0')
        requirement = g_strdup_printf ("%s complete", m->requires);

      g_string_append_printf (out, "### %s Gate: %s\n", m->key, m->name ? m->name : "");
      if (entry->len == 0)
        g_string_append_printf (out, "**Entry Criteria**: %s\n", requirement ? requirement : "None");
      else
        {
          g_string_append (out, "**Entry Criteria**:\n");
          append_checklist (out, entry, TRUE, requirement);
          g_string_append_c (out, '\n');
        }
      if (exit->len == 0)
        g_string_append (out, "**Exit Criteria**: None\n");
      else
        {
          g_string_append (out, "**Exit Criteria**:\n");
          append_checklist (out, exit, TRUE, NULL);
        }
      g_string_append_c (out, '\n');
    }
}

/* Items */

/* Fields written even when empty: a title ending in "(2 hours)" or
 * " - WORD" keeps it when the section states effort and category, and an
 * Owner field makes the Assignee a person, not the owner role. */
static gboolean
always_written (GwField field)
{
  return field == GW_FIELD_CATEGORY || field == GW_FIELD_PRIORITY || field == GW_FIELD_STATUS ||
         field == GW_FIELD_EFFORT_HOURS || field == GW_FIELD_OWNER;
}

/* A list field: one nested bullet per line, except a fenced code block,
 * which the importer reads as one line when it sits right in the field's
 * entry (as the seeds write evidence). */
static void
write_item_lines (GString    *out,
                  const char *label,
                  GPtrArray  *lines,
                  GwLineKind  kind)
{
  g_string_append_printf (out, "- **%s**:\n", label);
  for (guint i = 0; i < lines->len; i++)
    {
      GwLine *line = g_ptr_array_index (lines, i);
      const char *text = line->text ? line->text : "";
      g_auto(GStrv) rows = g_strsplit (text, "\n", -1);

      if (g_str_has_prefix (text, "```") || g_str_has_prefix (text, "~~~"))
        {
          for (guint r = 0; rows[r] != NULL; r++)
            g_string_append_printf (out, "%s%s\n", *rows[r] ? "  " : "", rows[r]);
          continue;
        }
      g_string_append (out, "  - ");
      if (kind == GW_LINE_CRITERION)
        g_string_append (out, line->done ? "[x] " : "[ ] ");
      for (guint r = 0; rows[r] != NULL; r++)
        g_string_append_printf (out, "%s%s", r > 0 ? "\n    " : "", rows[r]);
      if (kind == GW_LINE_BREAKDOWN && !isnan (line->hours))
        {
          g_autofree char *hours = gw_format_hours (line->hours);

          g_string_append_printf (out, ": %s %s", hours, line->hours == 1.0 ? "hour" : "hours");
        }
      g_string_append_c (out, '\n');
    }
}

static void
write_item (GString *out,
            GwItem  *item)
{
  const char *title = gw_item_get_title (item);

  g_string_append_printf (out, "#### %s: %s\n", gw_item_get_key (item), title);
  /* A heading loses inline markup; a Title field keeps it and wins. */
  if (strpbrk (title, "`*_[]<>&\\#~") != NULL)
    g_string_append_printf (out, "- **%s**: %s\n", labels[GW_FIELD_TITLE], title);
  for (GwField f = GW_FIELD_CATEGORY; f < GW_N_FIELDS; f++)
    {
      g_autofree char *text = NULL;

      if (f == GW_FIELD_TITLE)
        continue;
      text = gw_item_get_field_text (item, f);
      if (gw_field_is_list (f))
        {
          if (*text != '\0')
            write_item_lines (out, labels[f], gw_item_get_lines (item, gw_field_line_kind (f)),
                              gw_field_line_kind (f));
        }
      else if (*text != '\0' || always_written (f))
        {
          g_string_append_printf (out, "- **%s**: ", labels[f]);
          append_indented (out, text, "  ");
          g_string_append_c (out, '\n');
        }
    }
  g_string_append_c (out, '\n');
}

/* Go/no-go */

static void
write_decision (GString   *out,
                GPtrArray *entries,
                double     threshold)
{
  g_autofree char *pct = gw_format_hours (round (threshold));
  g_autofree char *should_heading = g_strdup_printf ("Should Have (At Least %s%% for Go)", pct);
  const struct { GwGateLevel level; const char *heading; } levels[] = {
    { GW_GATE_MUST, "Must Have (All Required for Go)" },
    { GW_GATE_SHOULD, should_heading },
    { GW_GATE_NICE, "Nice to Have (Optional for Go)" },
  };

  if (entries->len == 0 && threshold == GW_GATES_DEFAULT_SHOULD_THRESHOLD)
    return;

  g_string_append (out, "## Decision Matrix: Go/No-Go\n\n");
  for (guint l = 0; l < G_N_ELEMENTS (levels); l++)
    {
      gboolean any = FALSE;

      g_string_append_printf (out, "### %s\n", levels[l].heading);
      for (guint i = 0; i < entries->len; i++)
        {
          GwDecisionEntry *e = g_ptr_array_index (entries, i);

          if (e->level != levels[l].level)
            continue;
          any = TRUE;
          g_string_append_printf (out, "- [%c] ", e->done ? 'x' : ' ');
          if (e->item_key != NULL)
            {
              g_string_append (out, e->item_key);
              if (e->text != NULL && *e->text != '\0')
                g_string_append_printf (out, ": %s", e->text);
            }
          else
            g_string_append (out, e->text ? e->text : "");
          g_string_append_c (out, '\n');
        }
      if (!any)
        g_string_append (out, "\n");
      g_string_append_c (out, '\n');
    }
}

/* Public API */

/**
 * gw_markdown_export:
 *
 * Returns: (transfer full): the register as a Markdown gap register, or
 *   %NULL when it could not be read
 */
char *
gw_markdown_export (GwStore  *store,
                    GError  **error)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) roles = NULL;
  g_autoptr(GPtrArray) milestones = NULL;
  g_autoptr(GPtrArray) decision = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  GString *out;
  const char *name;

  g_return_val_if_fail (GW_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  items = gw_store_list_items (store, error);
  if (items == NULL || !gw_store_load_all_lines (store, items, error))
    return NULL;
  roles = gw_store_list_roles (store);
  milestones = gw_store_list_milestones (store);
  decision = gw_store_list_decision (store);

  out = g_string_new (NULL);
  name = gw_store_get_name (store);
  if (name != NULL && *name != '\0')
    g_string_append_printf (out, "# %s\n\n", name);
  g_string_append_printf (out, "Exported from Gapwise on %s.", today);
  g_string_append (out, "\n\n---\n\n");

  write_summary (out, items);
  write_team (out, roles);
  write_milestones (out, milestones);

  g_string_append (out, "## Items\n\n");
  for (guint i = 0; i < items->len; i++)
    write_item (out, g_ptr_array_index (items, i));

  write_decision (out, decision, gw_gates_get_should_threshold (store));
  return g_string_free (out, FALSE);
}

/**
 * gw_markdown_export_to_file:
 *
 * Writes the register as Markdown to @path, whole or not at all.
 */
gboolean
gw_markdown_export_to_file (GwStore     *store,
                            const char  *path,
                            GError     **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (GW_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  text = gw_markdown_export (store, error);
  return text != NULL && gw_write_file_atomically (path, text, strlen (text), error);
}
