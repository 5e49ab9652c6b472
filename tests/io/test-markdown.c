/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <string.h>

#include "gw-markdown-import.h"

/* The expected values below were read off the documents by hand: the seeds
 * in tests/seeds (GAPWISE_SEEDS) and the small documents in
 * tests/data/markdown (GAPWISE_TEST_DATA). */

/* Helpers */

static char *
find_seed (const char *prefix)
{
  const char *dir = g_getenv ("GAPWISE_SEEDS");
  g_autoptr(GDir) d = NULL;
  const char *name;

  g_assert_nonnull (dir);
  d = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, prefix))
      return g_build_filename (dir, name, NULL);
  g_assert_not_reached ();
  return NULL;
}

static GwImportData *
import_path (const char  *path,
             GError     **error)
{
  g_autofree char *text = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &text, &length, NULL));
  return gw_markdown_import (path, text, length, error);
}

static GwImportData *
import_seed (const char *prefix)
{
  g_autofree char *path = find_seed (prefix);
  g_autoptr(GError) error = NULL;
  GwImportData *data = import_path (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (data);
  return data;
}

static char *
data_path (const char *name)
{
  const char *dir = g_getenv ("GAPWISE_TEST_DATA");

  g_assert_nonnull (dir);
  return g_build_filename (dir, "markdown", name, NULL);
}

static GwImportData *
import_data (const char *name)
{
  g_autofree char *path = data_path (name);
  g_autoptr(GError) error = NULL;
  GwImportData *data = import_path (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (data);
  return data;
}

static GwItem *
item (GwImportData *data,
      const char   *key)
{
  GwItem *it = gw_import_data_find_item (data, key);

  if (it == NULL)
    g_error ("no item %s", key);
  return it;
}

static int
item_line (GwImportData *data,
           const char   *key)
{
  for (guint i = 0; i < data->items->len; i++)
    if (g_str_equal (gw_item_get_key (g_ptr_array_index (data->items, i)), key))
      return g_array_index (data->item_lines, int, i);
  g_assert_not_reached ();
  return 0;
}

static const char *
key_at (GwImportData *data,
        guint         i)
{
  return gw_item_get_key (g_ptr_array_index (data->items, i));
}

static guint
n_lines (GwItem     *it,
         GwLineKind  kind)
{
  return gw_item_get_lines (it, kind)->len;
}

static GwLine *
line_at (GwItem     *it,
         GwLineKind  kind,
         guint       i)
{
  GPtrArray *lines = gw_item_get_lines (it, kind);

  g_assert_cmpuint (i, <, lines->len);
  return g_ptr_array_index (lines, i);
}

static double
line_hours (GwItem *it)
{
  GPtrArray *lines = gw_item_get_lines (it, GW_LINE_BREAKDOWN);
  double sum = 0;

  for (guint i = 0; i < lines->len; i++)
    sum += ((GwLine *) g_ptr_array_index (lines, i))->hours;
  return sum;
}

static gboolean
depends (GwItem     *it,
         const char *key)
{
  GPtrArray *deps = gw_item_get_depends_on (it);

  for (guint i = 0; i < deps->len; i++)
    if (g_str_equal (((GwDependency *) g_ptr_array_index (deps, i))->key, key))
      return TRUE;
  return FALSE;
}

static guint
n_depends (GwItem *it)
{
  return gw_item_get_depends_on (it)->len;
}

static guint
count_warnings (GwImportData *data,
                const char   *needle)
{
  guint n = 0;

  for (guint i = 0; i < data->warnings->len; i++)
    if (strstr (g_ptr_array_index (data->warnings, i), needle) != NULL)
      n++;
  return n;
}

static void
print_warnings (GwImportData *data)
{
  for (guint i = 0; i < data->warnings->len; i++)
    g_test_message ("warning: %s", (const char *) g_ptr_array_index (data->warnings, i));
}

static GwRole *
role (GwImportData *data,
      const char   *name)
{
  for (guint i = 0; i < data->roles->len; i++)
    {
      GwRole *r = g_ptr_array_index (data->roles, i);

      if (g_str_equal (r->name, name))
        return r;
    }
  g_error ("no role %s", name);
  return NULL;
}

static GwMilestone *
milestone (GwImportData *data,
           guint         i)
{
  g_assert_cmpuint (i, <, data->milestones->len);
  return g_ptr_array_index (data->milestones, i);
}

static guint
count_decision (GwImportData *data,
                GwGateLevel   level)
{
  guint n = 0;

  for (guint i = 0; i < data->decision->len; i++)
    if (((GwDecisionEntry *) g_ptr_array_index (data->decision, i))->level == level)
      n++;
  return n;
}

static guint
count_priority (GwImportData *data,
                GwPriority    priority)
{
  guint n = 0;

  for (guint i = 0; i < data->items->len; i++)
    if (gw_item_get_priority (g_ptr_array_index (data->items, i)) == priority)
      n++;
  return n;
}

static void
assert_effort (GwItem *it,
               double  hours,
               GwSize  size,
               double  min,
               double  max)
{
  GwEffort e;

  gw_item_get_effort (it, &e);
  g_assert_cmpfloat_with_epsilon (e.hours, hours, 1e-9);
  g_assert_cmpint (e.size, ==, size);
  if (isnan (min))
    g_assert_true (isnan (e.min_hours));
  else
    g_assert_cmpfloat_with_epsilon (e.min_hours, min, 1e-9);
  if (isnan (max))
    g_assert_true (isnan (e.max_hours));
  else
    g_assert_cmpfloat_with_epsilon (e.max_hours, max, 1e-9);
}

static double
total_effort (GwImportData *data,
              const char   *key_prefix)
{
  double sum = 0;

  for (guint i = 0; i < data->items->len; i++)
    {
      GwItem *it = g_ptr_array_index (data->items, i);

      if (g_str_has_prefix (gw_item_get_key (it), key_prefix))
        sum += gw_item_get_effort_hours (it);
    }
  return sum;
}

static double
real_field (GwItem  *it,
            GwField  field)
{
  g_autofree char *text = gw_item_get_field_text (it, field);

  return *text ? g_ascii_strtod (text, NULL) : NAN;
}

/* Seed 000: "### Gap N.M" sections with bold-label paragraphs, tier
 * headings and a summary table that agrees with the sections. */
static void
test_seed_gap_sections (void)
{
  g_autoptr(GwImportData) data = import_seed ("000_");
  static const char *keys[] = {
    "Gap 1.1", "Gap 1.2", "Gap 1.3", "Gap 1.4", "Gap 1.5", "Gap 2.1", "Gap 2.2", "Gap 3.1", "Gap 3.2",
    "Gap 3.3", "Gap 4.1", "Gap 4.2", "Gap 4.3", "Gap 5.1", "Gap 5.2", "Gap 6.1", "Gap 6.2",
  };
  GwItem *it;

  print_warnings (data);
  g_assert_cmpuint (data->items->len, ==, G_N_ELEMENTS (keys));
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_assert_cmpstr (key_at (data, i), ==, keys[i]);
  g_assert_cmpstr (g_hash_table_lookup (data->settings, "name"), ==,
                   "ClientForge CRM v3.0 - Gap Register & Risk Analysis");
  g_assert_null (g_hash_table_lookup (data->settings, "start_date"));

  it = item (data, "Gap 1.1");
  g_assert_cmpint (item_line (data, "Gap 1.1"), ==, 38);
  g_assert_cmpstr (gw_item_get_title (it), ==, "Row-Level Security (RLS)");
  g_assert_cmpstr (gw_item_get_category (it), ==, "DATABASE");
  g_assert_cmpint (gw_item_get_priority (it), ==, GW_PRIORITY_P0);
  g_assert_cmpint (gw_item_get_risk (it), ==, GW_RISK_HIGH);
  assert_effort (it, 24, GW_SIZE_L, 16, 32);
  g_assert_cmpuint (n_lines (it, GW_LINE_BREAKDOWN), ==, 4);
  g_assert_cmpstr (line_at (it, GW_LINE_BREAKDOWN, 0)->text, ==, "Create RLS policies for 15+ tables");
  g_assert_cmpfloat (line_at (it, GW_LINE_BREAKDOWN, 0)->hours, ==, 8);
  g_assert_cmpfloat (line_hours (it), ==, 22);
  g_assert_cmpuint (n_lines (it, GW_LINE_EVIDENCE), ==, 3);
  /* three risk notes, then three "Impact If Not Fixed" lines */
  g_assert_cmpuint (n_lines (it, GW_LINE_IMPACT), ==, 6);
  g_assert_cmpstr (line_at (it, GW_LINE_IMPACT, 0)->text, ==, "Single SQL injection could leak cross-tenant data");
  g_assert_cmpstr (line_at (it, GW_LINE_IMPACT, 5)->text, ==, "Loses enterprise customers ($500K+/year)");
  g_assert_cmpuint (n_lines (it, GW_LINE_MITIGATION), ==, 3);
  g_assert_cmpuint (n_lines (it, GW_LINE_CRITERION), ==, 4);
  for (guint i = 0; i < 4; i++)
    g_assert_false (line_at (it, GW_LINE_CRITERION, i)->done);
  g_assert_cmpint (gw_item_get_action (it), ==, GW_ACTION_IMMEDIATE);
  g_assert_cmpstr (gw_item_get_owner (it), ==, "Security lead");
  g_assert_cmpfloat (gw_item_get_roi_pct (it), ==, 100);

  it = item (data, "Gap 1.2");
  assert_effort (it, 20, GW_SIZE_L, NAN, NAN);
  g_assert_cmpstr (gw_item_get_owner (it), ==, "DevOps engineer");
  g_assert_cmpint (gw_item_get_action (it), ==, GW_ACTION_HIGH);
  g_assert_cmpstr (gw_item_get_category (it), ==, "TIER 1 PRODUCTION BLOCKERS");
  g_assert_cmpuint (n_lines (it, GW_LINE_CRITERION), ==, 5);

  /* "PARALLEL with CI/CD" is no action: left unset, with a warning */
  it = item (data, "Gap 1.4");
  assert_effort (it, 25, GW_SIZE_XL, 25, NAN);
  g_assert_cmpint (gw_item_get_action (it), ==, GW_ACTION_NONE);
  g_assert_cmpuint (count_warnings (data, ":199: Gap 1.4: the action “PARALLEL with CI/CD (start immediately)”"), ==, 1);

  /* The "(Continued)" tier states no priority: the summary table's P1 counts. */
  it = item (data, "Gap 2.1");
  g_assert_cmpint (gw_item_get_priority (it), ==, GW_PRIORITY_P1);
  g_assert_cmpint (gw_item_get_risk (it), ==, GW_RISK_MEDIUM);
  assert_effort (it, 12, GW_SIZE_S, NAN, NAN);
  g_assert_cmpint (gw_item_get_priority (item (data, "Gap 2.2")), ==, GW_PRIORITY_P1);

  it = item (data, "Gap 3.1");
  g_assert_cmpstr (gw_item_get_category (it), ==, "SECURITY & COMPLIANCE");
  g_assert_cmpint (gw_item_get_priority (it), ==, GW_PRIORITY_P1);
  assert_effort (it, 7, GW_SIZE_M, 6, 8);

  it = item (data, "Gap 3.2");
  assert_effort (it, 2.5, GW_SIZE_XS, 2, 3);
  g_assert_cmpstr (gw_item_get_owner (it), ==, "Backend engineer");
  g_assert_cmpfloat (line_hours (it), ==, 3);

  it = item (data, "Gap 5.2");
  assert_effort (it, 80, GW_SIZE_XXL, NAN, NAN);
  g_assert_cmpint (gw_item_get_priority (it), ==, GW_PRIORITY_P2);
  g_assert_cmpint (gw_item_get_action (it), ==, GW_ACTION_LOW);
  g_assert_cmpuint (n_lines (it, GW_LINE_CRITERION), ==, 0);

  it = item (data, "Gap 6.1");
  g_assert_cmpint (gw_item_get_priority (it), ==, GW_PRIORITY_P3);
  g_assert_cmpint (gw_item_get_risk (it), ==, GW_RISK_LOW);
  g_assert_cmpuint (n_lines (it, GW_LINE_CRITERION), ==, 3);
  g_assert_cmpstr (gw_item_get_owner (item (data, "Gap 6.2")), ==, "DevOps + SRE team");

  /* 🔴 ×6, 🟡 ×9, 🟢 ×2 in the sections */
  {
    guint high = 0, medium = 0, low = 0;

    for (guint i = 0; i < data->items->len; i++)
      switch (gw_item_get_risk (g_ptr_array_index (data->items, i)))
        {
        case GW_RISK_HIGH:
          high++;
          break;
        case GW_RISK_MEDIUM:
          medium++;
          break;
        case GW_RISK_LOW:
          low++;
          break;
        default:
          break;
        }
    g_assert_cmpuint (high, ==, 6);
    g_assert_cmpuint (medium, ==, 9);
    g_assert_cmpuint (low, ==, 2);
  }

  /* The summary table agrees with every section. */
  g_assert_cmpuint (count_warnings (data, "the table says"), ==, 0);
  g_assert_cmpuint (count_warnings (data, "Windows-1252"), ==, 1);
  g_assert_cmpuint (data->milestones->len, ==, 0);
  g_assert_cmpuint (data->roles->len, ==, 0);
}

/* Seed 001: "#### P0-001" sections with bullet fields, a dependency graph,
 * milestone definitions, a phased roadmap and role assignments. */
static void
test_seed_bullet_sections (void)
{
  g_autoptr(GwImportData) data = import_seed ("001_");
  static const char *roles[] = {
    "security-engineer", "backend-dev", "performance-engineer", "operations-engineer",
    "compliance-auditor", "testing-specialist", "documentation-specialist",
  };
  GwItem *it;
  GwLine *line;
  GwMilestone *m;

  print_warnings (data);
  g_assert_cmpuint (data->warnings->len, ==, 0);
  g_assert_cmpuint (data->items->len, ==, 53);
  g_assert_cmpuint (count_priority (data, GW_PRIORITY_P0), ==, 15);
  g_assert_cmpuint (count_priority (data, GW_PRIORITY_P1), ==, 28);
  g_assert_cmpuint (count_priority (data, GW_PRIORITY_P2), ==, 10);
  g_assert_cmpstr (key_at (data, 0), ==, "P0-001");
  g_assert_cmpstr (key_at (data, 52), ==, "P2-010");
  g_assert_cmpstr (g_hash_table_lookup (data->settings, "name"), ==, "erlmcp v3 Fortune 500 Deployment Blockers");

  it = item (data, "P0-001");
  g_assert_cmpint (item_line (data, "P0-001"), ==, 45);
  g_assert_cmpstr (gw_item_get_title (it), ==, "Insecure Cookie Management in Cluster Configuration");
  g_assert_cmpstr (gw_item_get_category (it), ==, "SECURITY");
  g_assert_cmpstr (gw_item_get_module (it), ==, "`vm.args`, `rebar.config`");
  g_assert_cmpstr (gw_item_get_description (it), ==,
                   "Hardcoded cookie `erlmcp_secret_cookie` and `erlmcp_cluster` in version control");
  assert_effort (it, 4, GW_SIZE_NONE, NAN, NAN);
  g_assert_cmpstr (gw_item_get_owner (it), ==, "security-engineer");
  g_assert_null (gw_item_get_assignee (it));
  g_assert_cmpstr (gw_item_get_milestone (it), ==, "M1");
  g_assert_cmpstr (gw_item_get_phase (it), ==, "Phase 1: Foundation Security");
  g_assert_cmpuint (n_depends (it), ==, 0);
  g_assert_cmpint (gw_item_get_risk (it), ==, GW_RISK_NONE);
  g_assert_cmpuint (n_lines (it, GW_LINE_IMPACT), ==, 1);
  g_assert_cmpstr (line_at (it, GW_LINE_IMPACT, 0)->text, ==, "Cluster takeover via cookie disclosure");
  /* the fenced evidence is one line, newlines kept */
  g_assert_cmpuint (n_lines (it, GW_LINE_EVIDENCE), ==, 1);
  line = line_at (it, GW_LINE_EVIDENCE, 0);
  g_assert_nonnull (strstr (line->text, "-setcookie erlmcp_secret_cookie\n"));
  g_assert_nonnull (strstr (line->text, "{cluster_cookie, erlmcp_cluster},"));
  g_assert_true (g_str_has_prefix (line->text, "```erlang\n"));
  g_assert_cmpuint (n_lines (it, GW_LINE_REMEDIATION), ==, 4);
  g_assert_cmpstr (line_at (it, GW_LINE_REMEDIATION, 0)->text, ==, "Remove hardcoded cookies from all configs");

  /* Dependencies the sections state ... */
  it = item (data, "P0-009");
  g_assert_true (depends (it, "P0-001") && depends (it, "P0-003"));
  g_assert_cmpuint (n_depends (it), ==, 2);
  it = item (data, "P1-014");
  g_assert_true (depends (it, "P0-009") && depends (it, "P1-002"));
  /* ... and the arrows the dependency graph draws (Part 4) */
  g_assert_true (depends (item (data, "P0-003"), "P0-001"));
  g_assert_true (depends (item (data, "P0-015"), "P0-003"));
  g_assert_true (depends (item (data, "P0-004"), "P0-015"));
  g_assert_true (depends (item (data, "P0-010"), "P0-009"));
  g_assert_true (depends (item (data, "P0-010"), "P0-003"));
  g_assert_true (depends (item (data, "P1-001"), "P0-002"));
  g_assert_true (depends (item (data, "P1-002"), "P0-009"));
  g_assert_true (depends (item (data, "P1-003"), "P0-014"));
  g_assert_true (depends (item (data, "P0-012"), "P0-008"));
  g_assert_cmpuint (n_depends (item (data, "P0-012")), ==, 3);
  g_assert_true (depends (item (data, "P0-013"), "P0-012"));
  g_assert_true (depends (item (data, "P1-015"), "P0-010"));
  g_assert_true (depends (item (data, "P2-006"), "P1-015"));
  g_assert_true (depends (item (data, "P2-004"), "P1-014"));
  /* "P0-005<--->P0-006" points both ways and "P0-014-----P0-008" nowhere */
  g_assert_cmpuint (n_depends (item (data, "P0-005")), ==, 0);
  g_assert_false (depends (item (data, "P0-008"), "P0-014"));
  g_assert_false (depends (item (data, "P0-014"), "P0-008"));
  g_assert_false (depends (item (data, "P1-015"), "P1-014"));

  /* "**Risk:** Thundering herd on recovery" */
  it = item (data, "P1-013");
  g_assert_cmpuint (n_lines (it, GW_LINE_IMPACT), ==, 1);
  g_assert_cmpstr (line_at (it, GW_LINE_IMPACT, 0)->text, ==, "Thundering herd on recovery");
  g_assert_cmpstr (gw_item_get_category (it), ==, "RELIABILITY");

  /* Owners of P1/P2 items come from "Recommended Assignments". */
  g_assert_cmpstr (gw_item_get_owner (item (data, "P1-001")), ==, "security-engineer");
  g_assert_cmpstr (gw_item_get_owner (item (data, "P1-019")), ==, "documentation-specialist");
  g_assert_cmpstr (gw_item_get_owner (item (data, "P2-004")), ==, "compliance-auditor");
  g_assert_null (gw_item_get_owner (item (data, "P1-003")));
  g_assert_null (gw_item_get_owner (item (data, "P1-010")));

  /* Phases from "Part 6: Remediation Roadmap" */
  g_assert_cmpstr (gw_item_get_phase (item (data, "P0-013")), ==, "Phase 4: High Availability");
  g_assert_cmpstr (gw_item_get_phase (item (data, "P2-004")), ==, "Phase 6: Compliance Certification");
  g_assert_null (gw_item_get_phase (item (data, "P1-005")));

  g_assert_cmpstr (gw_item_get_milestone (item (data, "P1-015")), ==, "M4");
  g_assert_cmpstr (gw_item_get_category (item (data, "P2-001")), ==, "SCALABILITY");

  g_assert_cmpuint (data->milestones->len, ==, 4);
  m = milestone (data, 0);
  g_assert_cmpstr (m->key, ==, "M1");
  g_assert_cmpstr (m->name, ==, "Foundation");
  g_assert_cmpstr (m->goal, ==, "Basic production readiness");
  g_assert_cmpstr (m->duration, ==, "2-3 Weeks");
  g_assert_cmpuint (m->lines[GW_MILESTONE_LINE_DELIVERABLE]->len, ==, 5);
  g_assert_cmpstr (((GwLine *) g_ptr_array_index (m->lines[GW_MILESTONE_LINE_DELIVERABLE], 0))->text, ==,
                   "All P0 security issues resolved");
  g_assert_null (m->requires);
  g_assert_cmpstr (milestone (data, 1)->key, ==, "M2");
  g_assert_cmpstr (milestone (data, 3)->key, ==, "M4");
  g_assert_cmpstr (milestone (data, 3)->name, ==, "Scale & Specialized Compliance");

  g_assert_cmpuint (data->roles->len, ==, G_N_ELEMENTS (roles));
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      GwRole *r = g_ptr_array_index (data->roles, i);

      g_assert_cmpstr (r->name, ==, roles[i]);
      g_assert_cmpint (r->headcount, ==, 1);
      g_assert_cmpfloat (r->hours_per_week, ==, 40);
    }
  g_assert_cmpuint (data->decision->len, ==, 0);
}

/* Seed 002: a visual guide. It yields the five "### Gap N: Title 🔴"
 * sections, each read from its drawn box: current and target state, the
 * blockers as evidence, the day-by-day tasks as remediation steps (their
 * "(N days)" as the effort) and the success criteria. The impact/effort
 * matrix and the Gantt chart name ten numbered gaps ([1]..[10]) without
 * keys or fields beyond a duration, and the heat maps, progress bars and
 * decision tree are pictures: none of them makes items. */
static void
test_seed_visual_guide (void)
{
  g_autoptr(GwImportData) data = import_seed ("002_");
  static const struct { const char *key; const char *title; double hours; double current, target;
                        guint evidence, steps, criteria; } gaps[] = {
    { "Gap 1", "Deploy and Validate Cluster", 40, 0, 100, 5, 4, 5 },
    { "Gap 2", "Backup/Restore Testing", 24, 0, 100, 5, 3, 4 },
    { "Gap 3", "Performance Benchmarking", 32, 0, 100, 5, 4, 5 },
    { "Gap 4", "Security Deployment", 32, 40, 95, 6, 4, 5 },
    { "Gap 5", "Disaster Recovery Plan", 24, 0, 100, 5, 3, 5 },
  };

  print_warnings (data);
  g_assert_cmpuint (data->items->len, ==, G_N_ELEMENTS (gaps));
  for (guint i = 0; i < G_N_ELEMENTS (gaps); i++)
    {
      GwItem *it = item (data, gaps[i].key);

      g_test_message ("%s", gaps[i].key);
      g_assert_cmpstr (key_at (data, i), ==, gaps[i].key);
      g_assert_cmpstr (gw_item_get_title (it), ==, gaps[i].title);
      g_assert_cmpint (gw_item_get_risk (it), ==, GW_RISK_HIGH);
      g_assert_cmpint (gw_item_get_priority (it), ==, GW_PRIORITY_P0);
      g_assert_cmpfloat (gw_item_get_effort_hours (it), ==, gaps[i].hours);
      g_assert_cmpfloat (real_field (it, GW_FIELD_CURRENT_PCT), ==, gaps[i].current);
      g_assert_cmpfloat (real_field (it, GW_FIELD_TARGET_PCT), ==, gaps[i].target);
      g_assert_cmpuint (n_lines (it, GW_LINE_EVIDENCE), ==, gaps[i].evidence);
      g_assert_cmpuint (n_lines (it, GW_LINE_REMEDIATION), ==, gaps[i].steps);
      g_assert_cmpuint (n_lines (it, GW_LINE_CRITERION), ==, gaps[i].criteria);
      for (guint j = 0; j < gaps[i].criteria; j++)
        g_assert_false (line_at (it, GW_LINE_CRITERION, j)->done);
    }
  g_assert_cmpstr (line_at (item (data, "Gap 1"), GW_LINE_REMEDIATION, 0)->text, ==,
                   "Day 1-2: Deploy 1 coordinator + 2 workers");
  g_assert_cmpstr (line_at (item (data, "Gap 1"), GW_LINE_EVIDENCE, 0)->text, ==, "No Docker Swarm cluster deployed");
  g_assert_cmpstr (line_at (item (data, "Gap 4"), GW_LINE_CRITERION, 4)->text, ==, "Security audit score >= 95/100");
  /* Mostly Windows-1254 mojibake ("ğŸ”´" for 🔴). */
  g_assert_cmpuint (count_warnings (data, "Windows-1254"), ==, 1);
  g_assert_cmpstr (g_hash_table_lookup (data->settings, "name"), ==, "Gap Analysis & Priority Matrix - Visual Guide");
}

/* Seed 003: a phased plan. It yields the 27 "#### Task N.M: Title (N hours)"
 * tasks of phases 0-2, with the phase heading above them as their phase
 * and the day or week heading as their category, and the seven rows of
 * the gap status table, keyed by their names. Phase 3's "### Week 1-2:
 * Ask Panel Service (80 hours)" headings have no keys; the deliverables,
 * success criteria and checklists after the tasks belong to the day or the
 * phase, not to the task above them; the code blocks are code. */
static void
test_seed_phased_tasks (void)
{
  g_autoptr(GwImportData) data = import_seed ("003_");
  GwItem *it;
  guint tasks = 0;

  print_warnings (data);
  for (guint i = 0; i < data->items->len; i++)
    if (g_str_has_prefix (key_at (data, i), "Task "))
      tasks++;
  g_assert_cmpuint (tasks, ==, 27);
  g_assert_cmpuint (data->items->len, ==, 27 + 7);

  it = item (data, "Task 0.1");
  g_assert_cmpstr (gw_item_get_title (it), ==, "Review & Enhance RLS Migration");
  g_assert_cmpfloat (gw_item_get_effort_hours (it), ==, 2);
  g_assert_cmpstr (gw_item_get_phase (it), ==, "PHASE 0: CRITICAL FIXES");
  g_assert_cmpstr (gw_item_get_category (it), ==, "RLS Deployment");
  g_assert_cmpint (gw_item_get_priority (it), ==, GW_PRIORITY_P0);
  /* The phase headings give the totals: 24 hours and 160 hours. */
  g_assert_cmpfloat (total_effort (data, "Task 0."), ==, 24);
  g_assert_cmpfloat (total_effort (data, "Task 1."), ==, 72);
  g_assert_cmpfloat (total_effort (data, "Task 2."), ==, 160);

  it = item (data, "Task 1.1");
  g_assert_cmpint (gw_item_get_priority (it), ==, GW_PRIORITY_P2);
  g_assert_cmpstr (gw_item_get_phase (it), ==, "PHASE 1: PRODUCTION-GRADE");
  g_assert_cmpstr (gw_item_get_category (it), ==, "Quality & Observability");
  g_assert_cmpuint (n_lines (it, GW_LINE_REMEDIATION), ==, 4);
  g_assert_cmpstr (line_at (it, GW_LINE_REMEDIATION, 0)->text, ==, "Initialize LangFuse client");
  /* the residue of a damaged emoji does not hide the phase */
  g_assert_cmpstr (gw_item_get_phase (item (data, "Task 2.10")), ==, "PHASE 2: ARCHITECTURE REFACTOR");
  g_assert_cmpstr (gw_item_get_category (item (data, "Task 2.10")), ==, "Testing to 95%");
  /* a "Target: 60% minimum" inside a bash block is no field */
  g_assert_true (isnan (real_field (item (data, "Task 0.9"), GW_FIELD_TARGET_PCT)));

  /* The gap status table names its gaps without keys. */
  it = item (data, "LangGraph Workflows");
  g_assert_cmpint (gw_item_get_status (it), ==, GW_STATUS_DONE);
  g_assert_cmpfloat (real_field (it, GW_FIELD_CURRENT_PCT), ==, 95);
  g_assert_cmpfloat (real_field (it, GW_FIELD_TARGET_PCT), ==, 100);
  g_assert_cmpstr (gw_item_get_phase (it), ==, "Phase 0");
  it = item (data, "RLS Not Deployed");
  g_assert_cmpint (gw_item_get_priority (it), ==, GW_PRIORITY_P0);
  g_assert_cmpint (gw_item_get_risk (it), ==, GW_RISK_HIGH);
  g_assert_cmpfloat (real_field (it, GW_FIELD_CURRENT_PCT), ==, 50);
  /* "60%/95%" gives two targets: left unset */
  it = item (data, "Test Coverage 40%");
  g_assert_true (isnan (real_field (it, GW_FIELD_TARGET_PCT)));
  g_assert_cmpfloat (real_field (it, GW_FIELD_CURRENT_PCT), ==, 40);
  g_assert_cmpint (gw_item_get_status (item (data, "DDD Architecture")), ==, GW_STATUS_DEFERRED);
  g_assert_cmpint (gw_item_get_risk (item (data, "DDD Architecture")), ==, GW_RISK_MEDIUM);
  g_assert_cmpint (gw_item_get_priority (item (data, "Event-Driven")), ==, GW_PRIORITY_P3);
  g_assert_cmpint (gw_item_get_risk (item (data, "Event-Driven")), ==, GW_RISK_LOW);
  g_assert_null (gw_import_data_find_item (data, "Week 1-2"));
}

/* Seed 004: priority tables, a week-by-week roadmap, staffing and role
 * tables, milestone gates and a go/no-go matrix; no item sections. Items
 * come from the two priority tables; the roadmap adds owners ("Security"
 * is the "Security Engineer" of the role table); the staffing table gives
 * each role its peak headcount. The "Risk-Based Prioritization" lists and
 * the drawn matrix repeat what the tables say. */
static void
test_seed_tables (void)
{
  g_autoptr(GwImportData) data = import_seed ("004_");
  static const struct { const char *name; int headcount; } roles[] = {
    { "Security Engineer", 2 }, { "Backend Developer", 1 }, { "Performance Engineer", 1 },
    { "Operations Engineer", 2 }, { "Compliance Auditor", 1 }, { "Testing Specialist", 2 },
    { "Documentation Specialist", 1 },
  };
  static const char *names[] = { "Foundation", "High Availability", "Compliance", "Production" };
  static const char *requires[] = { NULL, "M1", "M2", "M3" };
  static const guint exits[] = { 5, 5, 4, 4 };
  GwItem *it;
  GwDecisionEntry *entry;

  print_warnings (data);
  g_assert_cmpuint (data->items->len, ==, 43);
  g_assert_cmpuint (count_priority (data, GW_PRIORITY_P0), ==, 15);
  g_assert_cmpuint (count_priority (data, GW_PRIORITY_P1), ==, 28);
  g_assert_cmpstr (key_at (data, 0), ==, "P0-001");
  g_assert_cmpstr (key_at (data, 42), ==, "P1-028");

  it = item (data, "P0-001");
  g_assert_cmpint (item_line (data, "P0-001"), ==, 40);
  g_assert_cmpstr (gw_item_get_title (it), ==, "Insecure Cookie Management");
  g_assert_cmpstr (gw_item_get_category (it), ==, "Security");
  g_assert_cmpfloat (gw_item_get_effort_hours (it), ==, 4);
  g_assert_cmpint (gw_item_get_impact (it), ==, 80);
  g_assert_cmpstr (gw_item_get_owner (it), ==, "Security Engineer");

  /* Two roadmap rows of 12h for the Vault and AWS halves: the table's 24h. */
  g_assert_cmpfloat (gw_item_get_effort_hours (item (data, "P0-003")), ==, 24);
  g_assert_cmpint (gw_item_get_impact (item (data, "P0-013")), ==, 50);
  it = item (data, "P1-013");
  g_assert_cmpstr (gw_item_get_owner (it), ==, "Backend Developer");
  g_assert_cmpfloat (gw_item_get_effort_hours (it), ==, 4);
  g_assert_cmpint (gw_item_get_priority (it), ==, GW_PRIORITY_P1);
  g_assert_null (gw_item_get_owner (item (data, "P1-007")));
  g_assert_cmpstr (gw_item_get_owner (item (data, "P1-023")), ==, "Testing Specialist");

  g_assert_cmpuint (data->warnings->len, ==, 1);
  g_assert_cmpuint (count_warnings (data, ":212: The table row “Documentation & Runbooks” names no item key"), ==, 1);

  g_assert_cmpuint (data->roles->len, ==, G_N_ELEMENTS (roles));
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      GwRole *r = role (data, roles[i].name);

      g_assert_cmpint (r->headcount, ==, roles[i].headcount);
      g_assert_cmpfloat (r->hours_per_week, ==, 40);
    }

  g_assert_cmpuint (data->milestones->len, ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      GwMilestone *m = milestone (data, i);

      g_assert_cmpstr (m->name, ==, names[i]);
      g_assert_cmpstr (m->requires, ==, requires[i]);
      g_assert_cmpuint (m->lines[GW_MILESTONE_LINE_EXIT]->len, ==, exits[i]);
      g_assert_cmpuint (m->lines[GW_MILESTONE_LINE_ENTRY]->len, ==, 0);
    }

  g_assert_cmpuint (count_decision (data, GW_GATE_MUST), ==, 11);
  g_assert_cmpuint (count_decision (data, GW_GATE_SHOULD), ==, 10);
  g_assert_cmpuint (count_decision (data, GW_GATE_NICE), ==, 4);
  entry = g_ptr_array_index (data->decision, 0);
  g_assert_cmpstr (entry->item_key, ==, "P0-001");
  g_assert_cmpstr (entry->text, ==, "Secure cookies");
  g_assert_false (entry->done);
  entry = g_ptr_array_index (data->decision, data->decision->len - 1);
  g_assert_cmpstr (entry->item_key, ==, "P2-004");
  g_assert_cmpstr (g_hash_table_lookup (data->settings, "should_threshold"), ==, "80");
}

/* Own documents */

static void
test_bullet_fields (void)
{
  g_autoptr(GwImportData) data = import_data ("p0-form.md");
  GwItem *it;
  GwMilestone *m;
  GwRole *r;
  GwDecisionEntry *entry;

  print_warnings (data);
  g_assert_cmpuint (data->warnings->len, ==, 0);
  g_assert_cmpuint (data->items->len, ==, 3);
  /* the example inside a code block is no item */
  g_assert_null (gw_import_data_find_item (data, "P0-999"));
  g_assert_null (gw_import_data_find_item (data, "P0-004"));

  it = item (data, "P0-001");
  g_assert_cmpint (item_line (data, "P0-001"), ==, 18);
  g_assert_cmpstr (gw_item_get_title (it), ==, "Rotate the signing key");
  g_assert_cmpstr (gw_item_get_module (it), ==, "`config/signing.toml`");
  g_assert_cmpstr (gw_item_get_description (it), ==, "The signing key is committed to the repository.");
  g_assert_cmpstr (gw_item_get_category (it), ==, "Security & Compliance");
  /* the field beats the key's "P0-" */
  g_assert_cmpint (gw_item_get_priority (it), ==, GW_PRIORITY_P1);
  g_assert_cmpint (gw_item_get_status (it), ==, GW_STATUS_IN_PROGRESS);
  g_assert_cmpint (gw_item_get_risk (it), ==, GW_RISK_HIGH);
  g_assert_cmpfloat (real_field (it, GW_FIELD_IMPL_RISK_PCT), ==, 10);
  g_assert_cmpfloat (real_field (it, GW_FIELD_DATA_LOSS_RISK_PCT), ==, 2);
  g_assert_cmpint (gw_item_get_impact (it), ==, 90);
  g_assert_cmpfloat (gw_item_get_roi_pct (it), ==, 400);
  {
    g_autofree char *revenue = gw_item_get_field_text (it, GW_FIELD_REVENUE_IMPACT);

    g_assert_cmpstr (revenue, ==, "Keeps two pilot customers");
  }
  /* with an Owner, the Assignee is a person */
  g_assert_cmpstr (gw_item_get_owner (it), ==, "security-engineer");
  g_assert_cmpstr (gw_item_get_assignee (it), ==, "Priya Raman");
  g_assert_cmpstr (gw_item_get_milestone (it), ==, "M1");
  g_assert_cmpstr (gw_item_get_phase (it), ==, "Phase 1");
  g_assert_cmpint (gw_item_get_action (it), ==, GW_ACTION_IMMEDIATE);
  g_assert_cmpstr (gw_item_get_not_before (it), ==, "2025-03-03");
  g_assert_cmpfloat (real_field (it, GW_FIELD_CURRENT_PCT), ==, 40);
  g_assert_cmpfloat (real_field (it, GW_FIELD_TARGET_PCT), ==, 100);
  assert_effort (it, 24, GW_SIZE_L, 16, 32);
  g_assert_cmpuint (n_lines (it, GW_LINE_BREAKDOWN), ==, 2);
  g_assert_cmpfloat (line_at (it, GW_LINE_BREAKDOWN, 1)->hours, ==, 2.5);
  g_assert_cmpuint (n_depends (it), ==, 2);
  g_assert_cmpstr (((GwDependency *) g_ptr_array_index (gw_item_get_depends_on (it), 1))->key, ==, "P0-003");
  g_assert_cmpfloat (((GwDependency *) g_ptr_array_index (gw_item_get_depends_on (it), 1))->lag_hours, ==, 8);
  /* a code block in the Evidence entry (not in its last bullet) is one more line */
  g_assert_cmpuint (n_lines (it, GW_LINE_EVIDENCE), ==, 3);
  g_assert_cmpstr (line_at (it, GW_LINE_EVIDENCE, 1)->text, ==, "Staging and production share it");
  g_assert_cmpstr (line_at (it, GW_LINE_EVIDENCE, 2)->text, ==, "```toml\n[signing]\nkey = \"abc\"\n```");
  g_assert_cmpuint (n_lines (it, GW_LINE_IMPACT), ==, 1);
  g_assert_cmpuint (n_lines (it, GW_LINE_MITIGATION), ==, 1);
  g_assert_cmpuint (n_lines (it, GW_LINE_REMEDIATION), ==, 2);
  g_assert_cmpuint (n_lines (it, GW_LINE_CRITERION), ==, 2);
  g_assert_true (line_at (it, GW_LINE_CRITERION, 0)->done);
  g_assert_false (line_at (it, GW_LINE_CRITERION, 1)->done);

  /* without an Owner, the Assignee names the owner role */
  it = item (data, "P0-002");
  g_assert_cmpstr (gw_item_get_owner (it), ==, "backend-dev");
  g_assert_null (gw_item_get_assignee (it));
  g_assert_cmpint (gw_item_get_risk (it), ==, GW_RISK_MEDIUM);
  g_assert_cmpstr (line_at (it, GW_LINE_IMPACT, 0)->text, ==, "a packet capture shows invoice amounts");
  g_assert_cmpfloat (gw_item_get_effort_hours (it), ==, 16);
  g_assert_cmpuint (n_depends (it), ==, 0);
  g_assert_cmpstr (gw_item_get_category (it), ==, "SECURITY");
  g_assert_cmpint (gw_item_get_priority (it), ==, GW_PRIORITY_P0);

  /* an empty Owner field still makes the Assignee a person */
  it = item (data, "P0-003");
  g_assert_null (gw_item_get_owner (it));
  g_assert_cmpstr (gw_item_get_assignee (it), ==, "Tomás Ortega");
  g_assert_cmpint (gw_item_get_status (it), ==, GW_STATUS_DONE);

  g_assert_cmpstr (g_hash_table_lookup (data->settings, "name"), ==, "Harbour Payments — Test Register");

  g_assert_cmpuint (data->roles->len, ==, 2);
  r = role (data, "security-engineer");
  g_assert_cmpint (r->headcount, ==, 2);
  g_assert_cmpfloat (r->hours_per_week, ==, 40);
  g_assert_cmpfloat (r->cost_per_hour, ==, 95);
  r = role (data, "backend-dev");
  g_assert_cmpint (r->headcount, ==, 3);
  g_assert_cmpfloat (r->hours_per_week, ==, 32);
  g_assert_true (isnan (r->cost_per_hour));

  g_assert_cmpuint (data->milestones->len, ==, 2);
  m = milestone (data, 0);
  g_assert_cmpstr (m->key, ==, "M1");
  g_assert_cmpstr (m->name, ==, "Security Baseline");
  g_assert_cmpstr (m->goal, ==, "Nothing an attacker can use on day one");
  g_assert_cmpstr (m->duration, ==, "2 Weeks");
  g_assert_null (m->requires);
  g_assert_cmpuint (m->lines[GW_MILESTONE_LINE_DELIVERABLE]->len, ==, 2);
  g_assert_cmpuint (m->lines[GW_MILESTONE_LINE_EXIT]->len, ==, 2);
  g_assert_true (((GwLine *) g_ptr_array_index (m->lines[GW_MILESTONE_LINE_EXIT], 0))->done);
  m = milestone (data, 1);
  g_assert_cmpstr (m->requires, ==, "M1");
  g_assert_cmpstr (m->goal, ==, "Survive a node failure");

  g_assert_cmpuint (data->decision->len, ==, 5);
  entry = g_ptr_array_index (data->decision, 0);
  g_assert_cmpint (entry->level, ==, GW_GATE_MUST);
  g_assert_cmpstr (entry->item_key, ==, "P0-001");
  g_assert_true (entry->done);
  entry = g_ptr_array_index (data->decision, 3);
  g_assert_cmpint (entry->level, ==, GW_GATE_SHOULD);
  g_assert_null (entry->item_key);
  g_assert_cmpstr (entry->text, ==, "Security review signed off");
  g_assert_true (entry->done);
  entry = g_ptr_array_index (data->decision, 4);
  g_assert_cmpint (entry->level, ==, GW_GATE_NICE);
  g_assert_cmpstr (g_hash_table_lookup (data->settings, "should_threshold"), ==, "75");
}

/* Every field of an item, written as "- **Label**: value" bullets with the
 * labels of gw_field_label(), reads back into an equal item: the form an
 * exporter can write. */
static void
test_every_field_round_trip (void)
{
  static const struct { GwField field; const char *value; } values[] = {
    { GW_FIELD_CATEGORY, "Security & Compliance" },
    { GW_FIELD_PRIORITY, "P1" },
    { GW_FIELD_STATUS, "blocked" },
    { GW_FIELD_EFFORT_HOURS, "20" },
    { GW_FIELD_RISK, "medium" },
    { GW_FIELD_IMPACT, "65" },
    { GW_FIELD_OWNER, "backend-dev" },
    { GW_FIELD_MILESTONE, "M2" },
    { GW_FIELD_DEPENDS_ON, "P0-002;Gap 1.1+8h" },
    { GW_FIELD_DESCRIPTION, "Uses `code`, *stars* and a_b_c;\nsecond line" },
    { GW_FIELD_MODULE, "api/gateway" },
    { GW_FIELD_EFFORT_SIZE, "L" },
    { GW_FIELD_EFFORT_MIN, "16" },
    { GW_FIELD_EFFORT_MAX, "32" },
    { GW_FIELD_IMPL_RISK_PCT, "12.5" },
    { GW_FIELD_DATA_LOSS_RISK_PCT, "3" },
    { GW_FIELD_ROI_PCT, "250" },
    { GW_FIELD_REVENUE_IMPACT, "$10K/month" },
    { GW_FIELD_ASSIGNEE, "Priya Raman" },
    { GW_FIELD_PHASE, "Phase 2" },
    { GW_FIELD_ACTION, "HIGH" },
    { GW_FIELD_CURRENT_PCT, "40" },
    { GW_FIELD_TARGET_PCT, "95" },
    { GW_FIELD_NOT_BEFORE, "2025-04-01" },
    { GW_FIELD_BREAKDOWN, "- Design: 4 hours\n- Build: 12.5 hours\n- Review" },
    { GW_FIELD_EVIDENCE, "- First line\n  continued\n- Second" },
    { GW_FIELD_IMPACT_IF_NOT_FIXED, "- Customers leave" },
    { GW_FIELD_MITIGATION, "- Watch the logs" },
    { GW_FIELD_ACCEPTANCE_CRITERIA, "- [x] Done thing\n- [ ] Open thing" },
    { GW_FIELD_REMEDIATION, "- Step one\n- Step two" },
  };
  g_autoptr(GwItem) original = gw_item_new ("P0-001", "Rewrite the gateway");
  g_autoptr(GwItem) second = gw_item_new ("P0-002", "Plain item - SEE NOTES (2 hours)");
  g_autoptr(GwImportData) data = NULL;
  g_autoptr(GError) error = NULL;
  GString *doc = g_string_new ("# Round Trip\n\n");
  GwItem *items[] = { original, second };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      gw_item_set_field_text (original, values[i].field, values[i].value, NULL, &error);
      g_assert_no_error (error);
    }
  gw_item_set_field_text (second, GW_FIELD_PRIORITY, "P3", NULL, NULL);

  for (guint k = 0; k < G_N_ELEMENTS (items); k++)
    {
      GwItem *it = items[k];

      g_string_append_printf (doc, "#### %s: %s\n", gw_item_get_key (it), gw_item_get_title (it));
      for (guint f = GW_FIELD_CATEGORY; f < GW_N_FIELDS; f++)
        {
          g_autofree char *text = gw_item_get_field_text (it, (GwField) f);

          if (gw_field_is_list ((GwField) f))
            {
              g_auto(GStrv) rows = g_strsplit (text, "\n", -1);

              if (*text == '\0')
                continue;
              g_string_append_printf (doc, "- **%s**:\n", gw_field_label ((GwField) f));
              for (guint r = 0; rows[r] != NULL; r++)
                g_string_append_printf (doc, "  %s\n", rows[r]);
            }
          else
            {
              g_auto(GStrv) rows = g_strsplit (text, "\n", -1);
              g_autofree char *joined = g_strjoinv ("\n  ", rows);

              g_string_append_printf (doc, "- **%s**: %s\n", gw_field_label ((GwField) f), joined);
            }
        }
      g_string_append_c (doc, '\n');
    }
  g_test_message ("%s", doc->str);

  data = gw_markdown_import ("round-trip.md", doc->str, doc->len, &error);
  g_string_free (doc, TRUE);
  g_assert_no_error (error);
  print_warnings (data);
  g_assert_cmpuint (data->warnings->len, ==, 0);
  g_assert_cmpuint (data->items->len, ==, 2);
  for (guint k = 0; k < G_N_ELEMENTS (items); k++)
    {
      GwItem *back = item (data, gw_item_get_key (items[k]));

      for (guint f = 0; f < GW_N_FIELDS; f++)
        {
          g_autofree char *want = gw_item_get_field_text (items[k], (GwField) f);
          g_autofree char *got = gw_item_get_field_text (back, (GwField) f);

          g_test_message ("%s %s", gw_item_get_key (items[k]), gw_field_name ((GwField) f));
          g_assert_cmpstr (got, ==, want);
        }
      g_assert_true (gw_item_equal (back, items[k]));
    }
}

/* Inline markup in a value is written back as Markdown, so that an
 * exporter that writes the text as it is gets the same text again. */
static void
test_inline_markup (void)
{
  static const char doc[] =
    "#### P0-001: Links\n"
    "- **Issue**: See [the docs](https://example.org/a), https://example.org/b, "
    "![logo](img.png), **bold**, *em*, `code` and ~~gone~~.\n"
    "- **Effort**: 1 hour\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GwImportData) data = gw_markdown_import ("inline.md", doc, strlen (doc), &error);

  g_assert_no_error (error);
  g_assert_cmpstr (gw_item_get_description (item (data, "P0-001")), ==,
                   "See [the docs](https://example.org/a), https://example.org/b, ![logo](img.png), "
                   "**bold**, *em*, `code` and ~~gone~~.");
}

/* A milestone that items name but nothing defines is made from the names. */
static void
test_named_milestones (void)
{
  static const char doc[] =
    "#### P0-001: One\n- **Milestone**: M7 (Hardening)\n\n"
    "#### P0-002: Two\n- **Milestone**: M7 (Other words)\n\n"
    "#### P0-003: Three\n- **Milestone**: M8\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GwImportData) data = gw_markdown_import ("named.md", doc, strlen (doc), &error);

  g_assert_no_error (error);
  g_assert_cmpuint (data->milestones->len, ==, 2);
  g_assert_cmpstr (milestone (data, 0)->key, ==, "M7");
  g_assert_cmpstr (milestone (data, 0)->name, ==, "Hardening");
  g_assert_cmpstr (milestone (data, 1)->key, ==, "M8");
  g_assert_cmpstr (milestone (data, 1)->name, ==, "M8");
  g_assert_cmpstr (gw_item_get_milestone (item (data, "P0-002")), ==, "M7");
}

static void
test_table_disagrees (void)
{
  g_autoptr(GwImportData) data = import_data ("gap-form.md");
  GwItem *it;

  print_warnings (data);
  g_assert_cmpuint (data->items->len, ==, 4);
  g_assert_cmpuint (data->warnings->len, ==, 2);
  g_assert_cmpuint (count_warnings (data, "gap-form.md:64: Gap 1.1: the table says effort M but the section says 35 hours; keeping the section’s."), ==, 1);
  g_assert_cmpuint (count_warnings (data, "gap-form.md:64: Gap 1.1: the table says priority P1 but the section says P0; keeping the section’s."), ==, 1);

  it = item (data, "Gap 1.1");
  g_assert_cmpfloat (gw_item_get_effort_hours (it), ==, 35);
  g_assert_cmpint (gw_item_get_priority (it), ==, GW_PRIORITY_P0);
  g_assert_cmpstr (gw_item_get_title (it), ==, "Row-Level Security");
  g_assert_cmpstr (gw_item_get_category (it), ==, "DATABASE");
  g_assert_cmpstr (gw_item_get_description (it), ==, "No database-level row security;\nisolation only in the application layer.");
  g_assert_cmpfloat (gw_item_get_roi_pct (it), ==, 300);
  g_assert_cmpuint (n_lines (it, GW_LINE_BREAKDOWN), ==, 2);
  g_assert_cmpuint (n_lines (it, GW_LINE_IMPACT), ==, 2);
  g_assert_cmpuint (n_lines (it, GW_LINE_MITIGATION), ==, 1);
  g_assert_cmpuint (n_lines (it, GW_LINE_CRITERION), ==, 2);
  g_assert_true (line_at (it, GW_LINE_CRITERION, 0)->done);
  g_assert_cmpstr (gw_item_get_owner (it), ==, "Security lead");
  g_assert_cmpint (gw_item_get_action (it), ==, GW_ACTION_IMMEDIATE);

  /* table cells fill what the section leaves open */
  it = item (data, "Gap 1.2");
  g_assert_cmpstr (gw_item_get_owner (it), ==, "DevOps engineer");
  g_assert_cmpfloat (gw_item_get_roi_pct (it), ==, 200);
  g_assert_cmpint (gw_item_get_action (it), ==, GW_ACTION_HIGH);

  /* "3.1" has no section; the other rows name "Gap N.M" items */
  it = item (data, "Gap 3.1");
  g_assert_cmpstr (gw_item_get_title (it), ==, "Search isolation");
  g_assert_cmpint (gw_item_get_priority (it), ==, GW_PRIORITY_P2);
  g_assert_cmpfloat (gw_item_get_effort_hours (it), ==, 6);
  g_assert_cmpint (gw_item_get_risk (it), ==, GW_RISK_HIGH);
  g_assert_cmpint (item_line (data, "Gap 3.1"), ==, 67);
}

static void
test_tasks (void)
{
  g_autoptr(GwImportData) data = import_data ("tasks.md");
  GwItem *it;

  g_assert_cmpuint (data->items->len, ==, 3);
  it = item (data, "Task 0.1");
  g_assert_cmpint (gw_item_get_priority (it), ==, GW_PRIORITY_P0);
  g_assert_cmpfloat (gw_item_get_effort_hours (it), ==, 2);
  g_assert_true (isnan (real_field (it, GW_FIELD_TARGET_PCT)));
  /* "Success Criteria" after the task's content is the day's, not the task's */
  g_assert_cmpuint (n_lines (item (data, "Task 0.2"), GW_LINE_CRITERION), ==, 0);
  it = item (data, "Task 1.1");
  g_assert_cmpint (gw_item_get_priority (it), ==, GW_PRIORITY_P2);
  g_assert_cmpstr (gw_item_get_phase (it), ==, "PHASE 1: PRODUCTION-GRADE");
  g_assert_cmpuint (n_lines (it, GW_LINE_REMEDIATION), ==, 2);
}

static void
test_drawn_boxes (void)
{
  g_autoptr(GwImportData) data = import_data ("box.md");
  GwItem *it;

  g_assert_cmpuint (data->items->len, ==, 2);
  it = item (data, "Gap 1");
  g_assert_cmpfloat (real_field (it, GW_FIELD_CURRENT_PCT), ==, 10);
  g_assert_cmpfloat (real_field (it, GW_FIELD_TARGET_PCT), ==, 90);
  g_assert_cmpfloat (gw_item_get_effort_hours (it), ==, 16);
  g_assert_cmpint (gw_item_get_risk (it), ==, GW_RISK_HIGH);
  g_assert_cmpuint (n_lines (it, GW_LINE_EVIDENCE), ==, 2);
  g_assert_cmpstr (line_at (it, GW_LINE_REMEDIATION, 1)->text, ==, "Day 2: Trigger failover");
  g_assert_cmpuint (n_lines (it, GW_LINE_CRITERION), ==, 2);
  g_assert_false (line_at (it, GW_LINE_CRITERION, 0)->done);
  g_assert_true (line_at (it, GW_LINE_CRITERION, 1)->done);
  it = item (data, "Gap 2");
  g_assert_cmpint (gw_item_get_risk (it), ==, GW_RISK_MEDIUM);
  g_assert_cmpfloat (gw_item_get_effort_hours (it), ==, 24);
}

static void
test_dependency_graph (void)
{
  g_autoptr(GwImportData) data = import_data ("graph.md");

  print_warnings (data);
  g_assert_cmpuint (data->items->len, ==, 5);
  g_assert_true (depends (item (data, "A-2"), "A-1"));
  g_assert_cmpuint (n_depends (item (data, "A-2")), ==, 1);
  g_assert_true (depends (item (data, "A-3"), "A-1"));
  g_assert_true (depends (item (data, "A-4"), "A-1"));
  g_assert_true (depends (item (data, "A-5"), "A-3"));
  /* "<-->" and "------" state no direction */
  g_assert_cmpuint (n_depends (item (data, "A-4")), ==, 1);
  g_assert_cmpuint (n_depends (item (data, "A-5")), ==, 1);
  /* "A-3 ---> A-1" would close a cycle */
  g_assert_cmpuint (n_depends (item (data, "A-1")), ==, 0);
  g_assert_cmpuint (data->warnings->len, ==, 1);
  g_assert_cmpuint (count_warnings (data, "graph.md:27: The dependency graph’s arrow from A-3 to A-1 would close the cycle A-1 -> A-3 -> A-1"), ==, 1);
}

static void
test_weak_keys (void)
{
  g_autoptr(GwImportData) data = import_data ("weak-key.md");
  GwItem *it;

  g_assert_cmpuint (data->items->len, ==, 1);
  it = item (data, "Login bug");
  g_assert_cmpstr (gw_item_get_title (it), ==, "Users are logged out after a minute");
  g_assert_cmpint (gw_item_get_priority (it), ==, GW_PRIORITY_P1);
  /* a sub-heading named like a field starts that field */
  g_assert_cmpuint (n_lines (it, GW_LINE_EVIDENCE), ==, 1);
  g_assert_null (gw_import_data_find_item (data, "Backend"));
  g_assert_null (gw_import_data_find_item (data, "Summary"));
}

static void
test_mojibake_files (void)
{
  static const struct { const char *file; const char *code_page; } cases[] = {
    { "mojibake-1252.md", "Windows-1252" },
    { "mojibake-1254.md", "Windows-1254" },
    { "mojibake-1250.md", "Windows-1250" },
    { "mojibake-latin1.md", "ISO-8859-1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GwImportData) data = import_data (cases[i].file);
      GwItem *it;

      g_test_message ("%s", cases[i].file);
      print_warnings (data);
      g_assert_cmpuint (data->items->len, ==, 3);
      it = item (data, "P0-001");
      g_assert_cmpstr (gw_item_get_title (it), ==, "Fix the login — now");
      g_assert_cmpint (gw_item_get_risk (it), ==, GW_RISK_HIGH);
      g_assert_cmpstr (line_at (it, GW_LINE_EVIDENCE, 1)->text, ==, "Warning ⚠️ and a check ✅");
      g_assert_cmpint (gw_item_get_risk (item (data, "P0-002")), ==, GW_RISK_MEDIUM);
      g_assert_cmpint (gw_item_get_risk (item (data, "P0-003")), ==, GW_RISK_LOW);
      g_assert_cmpstr (gw_item_get_title (item (data, "P0-002")), ==, "Second → item");
      g_assert_true (g_str_has_prefix (g_hash_table_lookup (data->settings, "name"), "Mojibake Register — "));
      g_assert_cmpuint (count_warnings (data, cases[i].code_page), ==, 1);
    }
}

static void
test_latin1_file (void)
{
  g_autoptr(GwImportData) data = import_data ("latin1.md");
  GwItem *it = item (data, "P1-001");

  g_assert_cmpstr (gw_item_get_title (it), ==, "Résumé upload – fails");
  g_assert_cmpstr (gw_item_get_owner (it), ==, "développeur");
  g_assert_cmpstr (g_hash_table_lookup (data->settings, "name"), ==, "Café Register");
  g_assert_cmpuint (count_warnings (data, "latin1.md: The file is not valid UTF-8; it was read as Windows-1252"), ==, 1);
}

static void
test_crlf_and_bom (void)
{
  g_autoptr(GwImportData) data = import_data ("crlf-bom.md");
  GwItem *it;

  g_assert_cmpuint (data->warnings->len, ==, 0);
  g_assert_cmpuint (data->items->len, ==, 2);
  g_assert_cmpstr (g_hash_table_lookup (data->settings, "name"), ==, "CRLF Register");
  g_assert_cmpint (item_line (data, "P0-001"), ==, 3);
  g_assert_cmpint (item_line (data, "P0-002"), ==, 9);
  it = item (data, "P0-001");
  g_assert_cmpstr (gw_item_get_owner (it), ==, "backend-dev");
  g_assert_cmpfloat (gw_item_get_effort_hours (it), ==, 4);
  g_assert_true (line_at (it, GW_LINE_CRITERION, 0)->done);
  g_assert_cmpstr (line_at (it, GW_LINE_CRITERION, 0)->text, ==, "Done");
  g_assert_true (depends (item (data, "P0-002"), "P0-001"));
}

static void
test_utf16_file (void)
{
  g_autoptr(GwImportData) data = import_data ("utf16.md");

  g_assert_cmpuint (data->items->len, ==, 1);
  g_assert_cmpstr (gw_item_get_title (item (data, "P2-001")), ==, "Wide text — item");
  g_assert_cmpfloat (gw_item_get_effort_hours (item (data, "P2-001")), ==, 3);
}

static void
test_no_items (void)
{
  static const char *files[] = { "empty.md", "notes.md" };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = data_path (files[i]);
      g_autofree char *want = g_strdup_printf ("%s: no gap register items found (expected sections like “#### P0-001: Title” or a table with an ID column).",
                                               files[i]);
      g_autoptr(GError) error = NULL;
      GwImportData *data = import_path (path, &error);

      g_assert_null (data);
      g_assert_error (error, GW_IMPORT_ERROR, GW_IMPORT_ERROR_NO_ITEMS);
      g_assert_cmpstr (error->message, ==, want);
    }
}

static void
test_binary (void)
{
  static const char bytes[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
  g_autoptr(GError) error = NULL;
  GwImportData *data = gw_markdown_import ("picture.md", bytes, sizeof bytes - 1, &error);

  g_assert_null (data);
  g_assert_error (error, GW_IMPORT_ERROR, GW_IMPORT_ERROR_UNREADABLE);
  g_assert_true (g_str_has_prefix (error->message, "picture.md: "));
}

/* A generated register of 10 000 items in the bullet form, with a table
 * over all of them: every item, dependency and table cell arrives. */
static void
test_large_register (void)
{
  const guint n = 10000;
  GString *doc = g_string_new ("# Generated\n\n## Part 1: Items (P0)\n\n");
  g_autoptr(GwImportData) data = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;

  for (guint i = 1; i <= n; i++)
    {
      g_string_append_printf (doc, "#### P%u-%05u: Item %u\n- **Effort**: %u hours\n- **Owner**: team-%u\n",
                              i % 4, i, i, i % 40 + 1, i % 5);
      if (i > 1)
        g_string_append_printf (doc, "- **Dependencies**: P%u-%05u\n", (i - 1) % 4, i - 1);
      g_string_append (doc, "- **Evidence**:\n  - one\n  - two\n- **Acceptance Criteria**:\n  - [x] done\n  - [ ] open\n\n");
    }
  g_string_append (doc, "## Summary\n\n| ID | Impact | Status |\n|---|---|---|\n");
  for (guint i = 1; i <= n; i++)
    g_string_append_printf (doc, "| P%u-%05u | %u | %s |\n", i % 4, i, i % 101, i % 2 ? "done" : "todo");

  start = g_get_monotonic_time ();
  data = gw_markdown_import ("large.md", doc->str, doc->len, &error);
  g_test_message ("%u items, %zu bytes: %.0f ms", n, doc->len, (g_get_monotonic_time () - start) / 1000.0);
  g_string_free (doc, TRUE);
  g_assert_no_error (error);
  g_assert_cmpuint (data->items->len, ==, n);
  g_assert_cmpuint (data->warnings->len, ==, 0);
  for (guint i = 0; i < n; i++)
    {
      GwItem *it = g_ptr_array_index (data->items, i);

      g_assert_cmpuint (n_depends (it), ==, i > 0 ? 1 : 0);
      g_assert_cmpuint (n_lines (it, GW_LINE_CRITERION), ==, 2);
      g_assert_cmpint (gw_item_get_impact (it), ==, (int) ((i + 1) % 101));
      g_assert_cmpint (gw_item_get_status (it), ==, (i + 1) % 2 ? GW_STATUS_DONE : GW_STATUS_TODO);
    }
  g_assert_cmpstr (key_at (data, n - 1), ==, "P0-10000");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/markdown/seed/gap-sections", test_seed_gap_sections);
  g_test_add_func ("/markdown/seed/bullet-sections", test_seed_bullet_sections);
  g_test_add_func ("/markdown/seed/visual-guide", test_seed_visual_guide);
  g_test_add_func ("/markdown/seed/phased-tasks", test_seed_phased_tasks);
  g_test_add_func ("/markdown/seed/tables", test_seed_tables);
  g_test_add_func ("/markdown/bullet-fields", test_bullet_fields);
  g_test_add_func ("/markdown/every-field-round-trip", test_every_field_round_trip);
  g_test_add_func ("/markdown/inline-markup", test_inline_markup);
  g_test_add_func ("/markdown/named-milestones", test_named_milestones);
  g_test_add_func ("/markdown/table-disagrees", test_table_disagrees);
  g_test_add_func ("/markdown/tasks", test_tasks);
  g_test_add_func ("/markdown/drawn-boxes", test_drawn_boxes);
  g_test_add_func ("/markdown/dependency-graph", test_dependency_graph);
  g_test_add_func ("/markdown/weak-keys", test_weak_keys);
  g_test_add_func ("/markdown/mojibake-files", test_mojibake_files);
  g_test_add_func ("/markdown/latin1-file", test_latin1_file);
  g_test_add_func ("/markdown/crlf-and-bom", test_crlf_and_bom);
  g_test_add_func ("/markdown/utf16-file", test_utf16_file);
  g_test_add_func ("/markdown/no-items", test_no_items);
  g_test_add_func ("/markdown/binary", test_binary);
  g_test_add_func ("/markdown/large-register", test_large_register);

  return g_test_run ();
}
