/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gw-register-columns.h"
#include "gw-scoring.h"

/* What the register page shows and sorts by, apart from its widgets so
 * that the order of keys and the cell texts can be tested without a
 * display. */

static const char *column_titles[GW_N_REGISTER_COLUMNS] = {
  [GW_REGISTER_COLUMN_KEY] = N_("Key"),
  [GW_REGISTER_COLUMN_TITLE] = N_("Title"),
  [GW_REGISTER_COLUMN_CATEGORY] = N_("Category"),
  [GW_REGISTER_COLUMN_PRIORITY] = N_("Priority"),
  [GW_REGISTER_COLUMN_STATUS] = N_("Status"),
  [GW_REGISTER_COLUMN_EFFORT] = N_("Effort"),
  [GW_REGISTER_COLUMN_RISK] = N_("Risk"),
  [GW_REGISTER_COLUMN_IMPACT] = N_("Impact"),
  [GW_REGISTER_COLUMN_OWNER] = N_("Owner"),
  [GW_REGISTER_COLUMN_MILESTONE] = N_("Milestone"),
  /* Translators: prioritisation scores; keep the acronyms unless your
   * language has its own */
  [GW_REGISTER_COLUMN_RICE] = N_("RICE"),
  [GW_REGISTER_COLUMN_ICE] = N_("ICE"),
  [GW_REGISTER_COLUMN_WSJF] = N_("WSJF"),
};

/* Helpers */

static int
compare_ints (gint64 a,
              gint64 b)
{
  return a < b ? -1 : a > b;
}

static int
compare_doubles (double a,
                 double b)
{
  return a < b ? -1 : a > b;
}

/* Empty texts sort after every other, so that unset fields gather at the end. */
static int
compare_texts (const char *a,
               const char *b)
{
  gboolean a_empty = a == NULL || *a == '\0';
  gboolean b_empty = b == NULL || *b == '\0';

  if (a_empty || b_empty)
    return compare_ints (a_empty, b_empty);
  return g_utf8_collate (a, b);
}

/* The length of the run of digits at @p, and where its significant digits start. */
static gsize
digit_run (const char  *p,
           const char **significant)
{
  const char *start = p;

  while (*p == '0' && g_ascii_isdigit (p[1]))
    p++;
  *significant = p;
  while (g_ascii_isdigit (*p))
    p++;
  return (gsize) (p - start);
}

/* Public API */

/**
 * gw_key_compare:
 *
 * Orders keys as people read them: runs of digits by their value, so
 * "P0-002" comes before "P0-010" and "Gap 1.2" before "Gap 1.10"; other
 * characters without regard to ASCII case.
 *
 * Returns: less than, equal to or greater than 0
 */
int
gw_key_compare (const char *a,
                const char *b)
{
  const char *pa = a ? a : "";
  const char *pb = b ? b : "";

  while (*pa && *pb)
    {
      if (g_ascii_isdigit (*pa) && g_ascii_isdigit (*pb))
        {
          const char *sa, *sb;
          gsize run_a = digit_run (pa, &sa);
          gsize run_b = digit_run (pb, &sb);
          gsize len_a = run_a - (gsize) (sa - pa);
          gsize len_b = run_b - (gsize) (sb - pb);
          int c;

          if (len_a != len_b)
            return len_a < len_b ? -1 : 1;
          c = strncmp (sa, sb, len_a);
          if (c != 0)
            return c < 0 ? -1 : 1;
          pa += run_a;
          pb += run_b;
          continue;
        }
      if (g_ascii_tolower (*pa) != g_ascii_tolower (*pb))
        return g_ascii_tolower (*pa) < g_ascii_tolower (*pb) ? -1 : 1;
      pa++;
      pb++;
    }
  if (*pa || *pb)
    return *pa ? 1 : -1;
  /* Equal but for case or leading zeros: still a total order. */
  return compare_ints (strcmp (a ? a : "", b ? b : ""), 0);
}

const char *
gw_register_column_title (GwRegisterColumn column)
{
  g_return_val_if_fail (column < GW_N_REGISTER_COLUMNS, "");
  return _(column_titles[column]);
}

const char *
gw_risk_to_label (GwRisk risk)
{
  switch (risk)
    {
    case GW_RISK_NONE:
      return "";
    case GW_RISK_LOW:
      return _("Low");
    case GW_RISK_MEDIUM:
      return _("Medium");
    case GW_RISK_HIGH:
      return _("High");
    default:
      g_return_val_if_reached ("");
    }
}

const char *
gw_action_to_label (GwAction action)
{
  switch (action)
    {
    case GW_ACTION_NONE:
      return "";
    case GW_ACTION_IMMEDIATE:
      return _("Immediate");
    case GW_ACTION_HIGH:
      return _("High");
    case GW_ACTION_MEDIUM:
      return _("Medium");
    case GW_ACTION_LOW:
      return _("Low");
    default:
      g_return_val_if_reached ("");
    }
}

/**
 * gw_register_column_text:
 *
 * Returns: (transfer full): the text of @item's cell in @column, "" when unset
 */
char *
gw_register_column_text (GwRegisterColumn  column,
                         GwItem           *item)
{
  g_return_val_if_fail (GW_IS_ITEM (item), NULL);

  switch (column)
    {
    case GW_REGISTER_COLUMN_KEY:
      return g_strdup (gw_item_get_key (item));
    case GW_REGISTER_COLUMN_TITLE:
      return g_strdup (gw_item_get_title (item));
    case GW_REGISTER_COLUMN_CATEGORY:
      return g_strdup (gw_item_get_category (item) ? gw_item_get_category (item) : "");
    case GW_REGISTER_COLUMN_PRIORITY:
      return g_strdup (gw_priority_to_string (gw_item_get_priority (item)));
    case GW_REGISTER_COLUMN_STATUS:
      return g_strdup (gw_status_to_label (gw_item_get_status (item)));
    case GW_REGISTER_COLUMN_EFFORT:
      {
        double hours = gw_item_get_effort_hours (item);
        g_autofree char *text = NULL;

        if (hours <= 0)
          return g_strdup ("");
        text = gw_format_hours (hours);
        /* Translators: an effort in hours, "24 h" */
        return g_strdup_printf (_("%s h"), text);
      }
    case GW_REGISTER_COLUMN_RISK:
      return g_strdup (gw_risk_to_label (gw_item_get_risk (item)));
    case GW_REGISTER_COLUMN_IMPACT:
      return gw_item_get_impact (item) < 0 ? g_strdup ("")
                                           : g_strdup_printf ("%d", gw_item_get_impact (item));
    case GW_REGISTER_COLUMN_OWNER:
      return g_strdup (gw_item_get_owner (item) ? gw_item_get_owner (item) : "");
    case GW_REGISTER_COLUMN_MILESTONE:
      return g_strdup (gw_item_get_milestone (item) ? gw_item_get_milestone (item) : "");
    case GW_REGISTER_COLUMN_RICE:
      return g_strdup_printf ("%.1f", gw_item_rice (item));
    case GW_REGISTER_COLUMN_ICE:
      return g_strdup_printf ("%.0f", gw_item_ice (item));
    case GW_REGISTER_COLUMN_WSJF:
      return g_strdup_printf ("%.1f", gw_item_wsjf (item));
    default:
      g_return_val_if_reached (g_strdup (""));
    }
}

/**
 * gw_register_column_compare:
 *
 * Orders @a and @b by @column, ascending; ties are broken by key so that
 * the order is the same every time.
 *
 * Returns: less than, equal to or greater than 0
 */
int
gw_register_column_compare (GwRegisterColumn  column,
                            GwItem           *a,
                            GwItem           *b)
{
  int c = 0;

  g_return_val_if_fail (GW_IS_ITEM (a) && GW_IS_ITEM (b), 0);

  switch (column)
    {
    case GW_REGISTER_COLUMN_KEY:
      break;
    case GW_REGISTER_COLUMN_TITLE:
      c = compare_texts (gw_item_get_title (a), gw_item_get_title (b));
      break;
    case GW_REGISTER_COLUMN_CATEGORY:
      c = compare_texts (gw_item_get_category (a), gw_item_get_category (b));
      break;
    case GW_REGISTER_COLUMN_PRIORITY:
      c = compare_ints (gw_item_get_priority (a), gw_item_get_priority (b));
      break;
    case GW_REGISTER_COLUMN_STATUS:
      c = compare_ints (gw_item_get_status (a), gw_item_get_status (b));
      break;
    case GW_REGISTER_COLUMN_EFFORT:
      c = compare_doubles (gw_item_get_effort_hours (a), gw_item_get_effort_hours (b));
      break;
    case GW_REGISTER_COLUMN_RISK:
      c = compare_ints (gw_item_get_risk (a), gw_item_get_risk (b));
      break;
    case GW_REGISTER_COLUMN_IMPACT:
      c = compare_ints (gw_item_get_impact (a), gw_item_get_impact (b));
      break;
    case GW_REGISTER_COLUMN_OWNER:
      c = compare_texts (gw_item_get_owner (a), gw_item_get_owner (b));
      break;
    case GW_REGISTER_COLUMN_RICE:
      c = compare_doubles (gw_item_rice (a), gw_item_rice (b));
      break;
    case GW_REGISTER_COLUMN_ICE:
      c = compare_doubles (gw_item_ice (a), gw_item_ice (b));
      break;
    case GW_REGISTER_COLUMN_WSJF:
      c = compare_doubles (gw_item_wsjf (a), gw_item_wsjf (b));
      break;
    case GW_REGISTER_COLUMN_MILESTONE:
      c = compare_texts (gw_item_get_milestone (a), gw_item_get_milestone (b));
      if (c == 0 && gw_item_get_milestone (a) != NULL && gw_item_get_milestone (b) != NULL)
        c = gw_key_compare (gw_item_get_milestone (a), gw_item_get_milestone (b));
      break;
    default:
      g_return_val_if_reached (0);
    }
  if (c != 0)
    return c;
  return gw_key_compare (gw_item_get_key (a), gw_item_get_key (b));
}

/**
 * gw_register_column_css_class:
 *
 * Returns: (nullable): the style class of @item's cell in @column, for
 *   the coloured priority and status pills and the risk level
 */
const char *
gw_register_column_css_class (GwRegisterColumn  column,
                              GwItem           *item)
{
  static const char *priority_classes[] = { "priority-p0", "priority-p1", "priority-p2", "priority-p3" };
  static const char *status_classes[] = {
    "status-todo", "status-in-progress", "status-blocked", "status-done", "status-deferred",
  };
  static const char *risk_classes[] = { NULL, "risk-low", "risk-medium", "risk-high" };

  g_return_val_if_fail (GW_IS_ITEM (item), NULL);

  switch (column)
    {
    case GW_REGISTER_COLUMN_PRIORITY:
      return priority_classes[gw_item_get_priority (item)];
    case GW_REGISTER_COLUMN_STATUS:
      return status_classes[gw_item_get_status (item)];
    case GW_REGISTER_COLUMN_RISK:
      return risk_classes[gw_item_get_risk (item)];
    default:
      return NULL;
    }
}
