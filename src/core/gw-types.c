/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gw-types.h"

static const char *priority_names[] = { "P0", "P1", "P2", "P3" };
static const char *status_names[] = { "todo", "in-progress", "blocked", "done", "deferred" };
static const char *risk_names[] = { "", "low", "medium", "high" };
static const char *action_names[] = { "", "IMMEDIATE", "HIGH", "MEDIUM", "LOW" };
static const char *size_names[] = { "", "XS", "S", "M", "L", "XL", "XXL" };
static const char *line_kind_names[] = { "breakdown", "evidence", "impact", "mitigation", "criterion", "remediation" };
static const char *gate_level_names[] = { "must", "should", "nice" };
static const char *milestone_line_names[] = { "deliverable", "entry", "exit" };

/* Compares ignoring case and treating ' ', '_' and '-' alike, so that
 * "In Progress", "in_progress" and "in-progress" are one status. */
static gboolean
loose_equal (const char *a,
             const char *b)
{
  for (; *a && *b; a++, b++)
    {
      char ca = g_ascii_tolower (*a);
      char cb = g_ascii_tolower (*b);

      if (ca == ' ' || ca == '_')
        ca = '-';
      if (cb == ' ' || cb == '_')
        cb = '-';
      if (ca != cb)
        return FALSE;
    }

  return *a == '\0' && *b == '\0';
}

static int
lookup_name (const char *const *names,
             guint              n_names,
             guint              first,
             const char        *text)
{
  g_autofree char *stripped = NULL;

  if (text == NULL)
    return -1;

  stripped = g_strstrip (g_strdup (text));
  for (guint i = first; i < n_names; i++)
    if (loose_equal (names[i], stripped))
      return (int) i;

  return -1;
}

const char *
gw_priority_to_string (GwPriority priority)
{
  g_return_val_if_fail (priority <= GW_PRIORITY_P3, "P2");
  return priority_names[priority];
}

gboolean
gw_priority_from_string (const char *text,
                         GwPriority *out)
{
  int i = lookup_name (priority_names, G_N_ELEMENTS (priority_names), 0, text);

  if (i < 0 && text != NULL)
    {
      g_autofree char *s = g_strstrip (g_ascii_strdown (text, -1));

      if (g_str_equal (s, "critical") || g_str_equal (s, "0"))
        i = 0;
      else if (g_str_equal (s, "high") || g_str_equal (s, "1"))
        i = 1;
      else if (g_str_equal (s, "medium") || g_str_equal (s, "2"))
        i = 2;
      else if (g_str_equal (s, "low") || g_str_equal (s, "3"))
        i = 3;
    }
  if (i < 0)
    return FALSE;
  if (out)
    *out = (GwPriority) i;
  return TRUE;
}

const char *
gw_status_to_string (GwStatus status)
{
  g_return_val_if_fail (status < GW_N_STATUSES, "todo");
  return status_names[status];
}

const char *
gw_status_to_label (GwStatus status)
{
  switch (status)
    {
    case GW_STATUS_TODO:
      return _("To do");
    case GW_STATUS_IN_PROGRESS:
      return _("In progress");
    case GW_STATUS_BLOCKED:
      return _("Blocked");
    case GW_STATUS_DONE:
      return _("Done");
    case GW_STATUS_DEFERRED:
      return _("Deferred");
    default:
      g_return_val_if_reached ("");
    }
}

gboolean
gw_status_from_string (const char *text,
                       GwStatus   *out)
{
  int i = lookup_name (status_names, G_N_ELEMENTS (status_names), 0, text);

  if (i < 0 && text != NULL)
    {
      static const struct { const char *name; GwStatus status; } synonyms[] = {
        { "to do", GW_STATUS_TODO }, { "open", GW_STATUS_TODO }, { "new", GW_STATUS_TODO },
        { "backlog", GW_STATUS_TODO }, { "not started", GW_STATUS_TODO },
        { "doing", GW_STATUS_IN_PROGRESS }, { "started", GW_STATUS_IN_PROGRESS },
        { "wip", GW_STATUS_IN_PROGRESS }, { "in review", GW_STATUS_IN_PROGRESS },
        { "complete", GW_STATUS_DONE }, { "completed", GW_STATUS_DONE },
        { "closed", GW_STATUS_DONE }, { "fixed", GW_STATUS_DONE },
        { "resolved", GW_STATUS_DONE },
        { "blocking", GW_STATUS_BLOCKED },
        { "postponed", GW_STATUS_DEFERRED }, { "won't do", GW_STATUS_DEFERRED },
      };

      g_autofree char *stripped = g_strstrip (g_strdup (text));

      for (guint j = 0; j < G_N_ELEMENTS (synonyms); j++)
        if (loose_equal (synonyms[j].name, stripped))
          {
            i = (int) synonyms[j].status;
            break;
          }
    }
  if (i < 0)
    return FALSE;
  if (out)
    *out = (GwStatus) i;
  return TRUE;
}

const char *
gw_risk_to_string (GwRisk risk)
{
  g_return_val_if_fail (risk <= GW_RISK_HIGH, "");
  return risk_names[risk];
}

gboolean
gw_risk_from_string (const char *text,
                     GwRisk     *out)
{
  int i;

  if (text == NULL || *text == '\0')
    i = GW_RISK_NONE;
  else
    i = lookup_name (risk_names, G_N_ELEMENTS (risk_names), 1, text);
  if (i < 0)
    return FALSE;
  if (out)
    *out = (GwRisk) i;
  return TRUE;
}

const char *
gw_action_to_string (GwAction action)
{
  g_return_val_if_fail (action <= GW_ACTION_LOW, "");
  return action_names[action];
}

gboolean
gw_action_from_string (const char *text,
                       GwAction   *out)
{
  int i;

  if (text == NULL || *text == '\0')
    i = GW_ACTION_NONE;
  else
    i = lookup_name (action_names, G_N_ELEMENTS (action_names), 1, text);
  if (i < 0)
    return FALSE;
  if (out)
    *out = (GwAction) i;
  return TRUE;
}

const char *
gw_size_to_string (GwSize size)
{
  g_return_val_if_fail (size <= GW_SIZE_XXL, "");
  return size_names[size];
}

gboolean
gw_size_from_string (const char *text,
                     GwSize     *out)
{
  int i;

  if (text == NULL || *text == '\0')
    i = GW_SIZE_NONE;
  else
    i = lookup_name (size_names, G_N_ELEMENTS (size_names), 1, text);
  if (i < 0)
    return FALSE;
  if (out)
    *out = (GwSize) i;
  return TRUE;
}

const char *
gw_line_kind_to_string (GwLineKind kind)
{
  g_return_val_if_fail (kind < GW_N_LINE_KINDS, "");
  return line_kind_names[kind];
}

gboolean
gw_line_kind_from_string (const char *text,
                          GwLineKind *out)
{
  int i = lookup_name (line_kind_names, G_N_ELEMENTS (line_kind_names), 0, text);

  if (i < 0)
    return FALSE;
  if (out)
    *out = (GwLineKind) i;
  return TRUE;
}

const char *
gw_gate_level_to_string (GwGateLevel level)
{
  g_return_val_if_fail (level <= GW_GATE_NICE, "");
  return gate_level_names[level];
}

gboolean
gw_gate_level_from_string (const char  *text,
                           GwGateLevel *out)
{
  int i = lookup_name (gate_level_names, G_N_ELEMENTS (gate_level_names), 0, text);

  if (i < 0)
    return FALSE;
  if (out)
    *out = (GwGateLevel) i;
  return TRUE;
}

const char *
gw_milestone_line_kind_to_string (GwMilestoneLineKind kind)
{
  g_return_val_if_fail (kind <= GW_MILESTONE_LINE_EXIT, "");
  return milestone_line_names[kind];
}

gboolean
gw_milestone_line_kind_from_string (const char          *text,
                                    GwMilestoneLineKind *out)
{
  int i = lookup_name (milestone_line_names, G_N_ELEMENTS (milestone_line_names), 0, text);

  if (i < 0)
    return FALSE;
  if (out)
    *out = (GwMilestoneLineKind) i;
  return TRUE;
}

/**
 * gw_impact_from_level:
 * @text: "HIGH", "medium", "low", "critical" or a number 0..100
 *
 * Returns: the impact score, or -1 when @text is neither a level nor a
 *   number in range.
 */
int
gw_impact_from_level (const char *text)
{
  g_autofree char *s = NULL;
  char *end = NULL;
  gint64 n;

  if (text == NULL)
    return -1;

  s = g_strstrip (g_ascii_strdown (text, -1));
  if (g_str_equal (s, "critical") || g_str_equal (s, "blocker"))
    return 100;
  if (g_str_equal (s, "high"))
    return 80;
  if (g_str_equal (s, "medium") || g_str_equal (s, "med"))
    return 50;
  if (g_str_equal (s, "low"))
    return 20;

  n = g_ascii_strtoll (s, &end, 10);
  if (end == s || (*end != '\0' && !g_str_equal (end, "%")) || n < 0 || n > 100)
    return -1;
  return (int) n;
}
