/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Reading a file to import, and merging what importers read into a
 * register as one transaction and one undo step. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "gw-csv-import.h"
#include "gw-import.h"
#include "gw-markdown-import.h"

/* One item of the merged register: from the register, the files, or both. */
typedef struct
{
  GwItem       *item;         /* the merged item */
  GwItem       *stored;       /* (nullable) the register's version */
  gboolean      owned;        /* item is a copy of our own, not a file's */
  GwImportData *file;         /* (nullable) the last file that gave the item */
  GwImportData *deps_file;    /* (nullable) the file the dependencies come from */
  int           deps_line;
  guint         seq;          /* order of the first dependency in the files */
  int           position;     /* in the register, after the import */
} Entry;

/* The dependency graph: node u depends on edge_to[e] for e in
 * edge_start[u] .. edge_start[u + 1] - 1. */
typedef struct
{
  guint     n_nodes;
  guint    *edge_start;
  guint    *edge_from;
  guint    *edge_to;
  guint    *edge_seq;     /* order in the files; 0 for a dependency the register had */
  gboolean *edge_alive;
} Graph;

typedef struct
{
  Entry      *entry;
  char       *depends_on;
  char       *cycle;
} Dropped;

/* Helpers */

static void
entry_free (Entry *entry)
{
  if (entry->owned)
    g_object_unref (entry->item);
  g_free (entry);
}

static void
dropped_free (Dropped *dropped)
{
  g_free (dropped->depends_on);
  g_free (dropped->cycle);
  g_free (dropped);
}

static void
graph_clear (Graph *graph)
{
  g_free (graph->edge_start);
  g_free (graph->edge_from);
  g_free (graph->edge_to);
  g_free (graph->edge_seq);
  g_free (graph->edge_alive);
}

static void
report_warn (GwImportReport *report,
             GwImportData   *file,
             int             line,
             const char     *format,
             ...) G_GNUC_PRINTF (4, 5);

static void
report_warn (GwImportReport *report,
             GwImportData   *file,
             int             line,
             const char     *format,
             ...)
{
  g_autofree char *message = NULL;
  g_autofree char *display = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (file == NULL)
    {
      g_ptr_array_add (report->warnings, g_steal_pointer (&message));
      return;
    }
  display = g_filename_display_basename (file->source ? file->source : "");
  if (line > 0)
    g_ptr_array_add (report->warnings, g_strdup_printf ("%s:%d: %s", display, line, message));
  else
    g_ptr_array_add (report->warnings, g_strdup_printf ("%s: %s", display, message));
}

static guint64
file_fields (GwImportData *file,
             guint         i)
{
  if (i < file->item_fields->len)
    return g_array_index (file->item_fields, guint64, i);
  return GW_IMPORT_ALL_FIELDS;
}

static int
file_line (GwImportData *file,
           guint         i)
{
  return i < file->item_lines->len ? g_array_index (file->item_lines, int, i) : 0;
}

static void
replace_text (char       **to,
              const char  *from)
{
  if (*to == from)
    return;
  g_free (*to);
  *to = g_strdup (from);
}

/* Copies the fields of @mask from @from to @to. */
static void
merge_fields (GwItem  *to,
              GwItem  *from,
              guint64  mask)
{
  GwItemFields *t = gw_item_get_fields (to);
  GwItemFields *f = gw_item_get_fields (from);

#define HAS(field) ((mask & GW_IMPORT_FIELD (GW_FIELD_##field)) != 0)
  if (HAS (TITLE))
    replace_text (&t->title, f->title);
  if (HAS (DESCRIPTION))
    replace_text (&t->description, f->description);
  if (HAS (CATEGORY))
    replace_text (&t->category, f->category);
  if (HAS (MODULE))
    replace_text (&t->module, f->module);
  if (HAS (REVENUE_IMPACT))
    replace_text (&t->revenue_impact, f->revenue_impact);
  if (HAS (OWNER))
    replace_text (&t->owner, f->owner);
  if (HAS (ASSIGNEE))
    replace_text (&t->assignee, f->assignee);
  if (HAS (MILESTONE))
    replace_text (&t->milestone, f->milestone);
  if (HAS (PHASE))
    replace_text (&t->phase, f->phase);
  if (HAS (NOT_BEFORE))
    replace_text (&t->not_before, f->not_before);
  if (HAS (PRIORITY))
    t->priority = f->priority;
  if (HAS (STATUS))
    t->status = f->status;
  if (HAS (RISK))
    t->risk = f->risk;
  if (HAS (IMPACT))
    t->impact = f->impact;
  if (HAS (ACTION))
    t->action = f->action;
  if (HAS (IMPL_RISK_PCT))
    t->impl_risk_pct = f->impl_risk_pct;
  if (HAS (DATA_LOSS_RISK_PCT))
    t->data_loss_risk_pct = f->data_loss_risk_pct;
  if (HAS (ROI_PCT))
    t->roi_pct = f->roi_pct;
  if (HAS (CURRENT_PCT))
    t->current_pct = f->current_pct;
  if (HAS (TARGET_PCT))
    t->target_pct = f->target_pct;
  if (HAS (EFFORT_SIZE))
    t->effort_size = f->effort_size;
  if (HAS (EFFORT_MIN))
    t->effort_min = f->effort_min;
  if (HAS (EFFORT_MAX))
    t->effort_max = f->effort_max;
  if (HAS (EFFORT_HOURS))
    {
      t->effort_hours = f->effort_hours;
      /* As gw_item_set_field_text() does: a range kept from the register
       * that no longer holds the new estimate is dropped. */
      if (!HAS (EFFORT_MIN) && !HAS (EFFORT_MAX) &&
          ((!isnan (t->effort_min) && t->effort_hours < t->effort_min) ||
           (!isnan (t->effort_max) && t->effort_hours > t->effort_max)))
        {
          t->effort_min = NAN;
          t->effort_max = NAN;
        }
    }
  if (HAS (DEPENDS_ON))
    {
      GPtrArray *deps = gw_item_get_depends_on (from);

      gw_item_clear_dependencies (to);
      for (guint i = 0; i < deps->len; i++)
        {
          GwDependency *dep = g_ptr_array_index (deps, i);

          gw_item_add_dependency (to, dep->key, dep->lag_hours);
        }
    }
#undef HAS

  for (GwField field = GW_FIELD_BREAKDOWN; field <= GW_FIELD_REMEDIATION; field++)
    {
      GwLineKind kind = gw_field_line_kind (field);
      GPtrArray *lines;

      if (!(mask & GW_IMPORT_FIELD (field)))
        continue;
      lines = gw_item_get_lines (from, kind);
      gw_item_clear_lines (to, kind);
      for (guint i = 0; i < lines->len; i++)
        gw_item_add_line (to, kind, gw_line_copy (g_ptr_array_index (lines, i)));
    }
}

static void
take_ownership (Entry *entry)
{
  if (entry->owned)
    return;
  entry->item = gw_item_copy (entry->item);
  entry->owned = TRUE;
}


/* Dependencies */

static void
graph_build (Graph     *graph,
             GPtrArray *entries,
             GHashTable *by_key)
{
  guint n_edges = 0;

  graph->n_nodes = entries->len;
  graph->edge_start = g_new (guint, entries->len + 1);
  for (guint u = 0; u < entries->len; u++)
    {
      Entry *e = g_ptr_array_index (entries, u);

      graph->edge_start[u] = n_edges;
      n_edges += gw_item_get_depends_on (e->item)->len;
    }
  graph->edge_start[entries->len] = n_edges;
  graph->edge_from = g_new (guint, MAX (n_edges, 1));
  graph->edge_to = g_new (guint, MAX (n_edges, 1));
  graph->edge_seq = g_new (guint, MAX (n_edges, 1));
  graph->edge_alive = g_new (gboolean, MAX (n_edges, 1));

  for (guint u = 0; u < entries->len; u++)
    {
      Entry *e = g_ptr_array_index (entries, u);
      GPtrArray *deps = gw_item_get_depends_on (e->item);

      for (guint d = 0; d < deps->len; d++)
        {
          GwDependency *dep = g_ptr_array_index (deps, d);
          guint edge = graph->edge_start[u] + d;

          /* Unknown keys were dropped before: every key is a node. */
          graph->edge_from[edge] = u;
          graph->edge_to[edge] = GPOINTER_TO_UINT (g_hash_table_lookup (by_key, dep->key)) - 1;
          graph->edge_seq[edge] = e->deps_file != NULL ? e->seq + d + 1 : 0;
          graph->edge_alive[edge] = TRUE;
        }
    }
}

static char *
cycle_text (GPtrArray    *entries,
            const guint  *nodes,
            guint         n,
            guint         first)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i <= n; i++)
    {
      Entry *e = g_ptr_array_index (entries, nodes[(first + i) % n]);

      if (i > 0)
        g_string_append (s, " -> ");
      g_string_append (s, gw_item_get_key (e->item));
    }
  return g_string_free (s, FALSE);
}

/* Kahn's algorithm over the whole graph. When it stalls, the items left
 * form at least one cycle: walking from one of them along dependencies
 * not yet done finds one, and the dependency of that cycle that came last
 * in the files is dropped. Without cycles this costs O(items + dependencies).
 *
 * Returns: (element-type Dropped): the dependencies dropped */
static GPtrArray *
graph_break_cycles (Graph     *graph,
                    GPtrArray *entries)
{
  GPtrArray *dropped = g_ptr_array_new_with_free_func ((GDestroyNotify) dropped_free);
  guint n = graph->n_nodes;
  guint n_edges = graph->edge_start[n];
  g_autofree guint *pending = g_new0 (guint, MAX (n, 1));       /* dependencies not yet done */
  g_autofree guint *rev_start = g_new0 (guint, n + 1);
  g_autofree guint *rev_edge = g_new (guint, MAX (n_edges, 1)); /* edges by prerequisite */
  g_autofree gboolean *done = g_new0 (gboolean, MAX (n, 1));
  g_autofree guint *walk_mark = g_new0 (guint, MAX (n, 1));
  g_autofree guint *walk_pos = g_new0 (guint, MAX (n, 1));
  g_autoptr(GArray) queue = g_array_sized_new (FALSE, FALSE, sizeof (guint), n);
  g_autoptr(GArray) walk = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) walk_edges = g_array_new (FALSE, FALSE, sizeof (guint));
  guint head = 0, n_done = 0, cursor = 0, walk_id = 0;

  for (guint e = 0; e < n_edges; e++)
    rev_start[graph->edge_to[e] + 1]++;
  for (guint v = 0; v < n; v++)
    rev_start[v + 1] += rev_start[v];
  {
    g_autofree guint *fill = g_memdup2 (rev_start, sizeof (guint) * (n + 1));

    for (guint e = 0; e < n_edges; e++)
      rev_edge[fill[graph->edge_to[e]]++] = e;
  }

  for (guint u = 0; u < n; u++)
    {
      pending[u] = graph->edge_start[u + 1] - graph->edge_start[u];
      if (pending[u] == 0)
        g_array_append_val (queue, u);
    }

  for (;;)
    {
      guint x, best, start;
      Dropped *drop;

      while (head < queue->len)
        {
          guint v = g_array_index (queue, guint, head++);

          done[v] = TRUE;
          n_done++;
          for (guint r = rev_start[v]; r < rev_start[v + 1]; r++)
            {
              guint e = rev_edge[r];
              guint u = graph->edge_from[e];

              if (graph->edge_alive[e] && --pending[u] == 0)
                g_array_append_val (queue, u);
            }
        }
      if (n_done == n)
        break;

      /* Stalled: every item left waits for another item left. */
      while (done[cursor])
        cursor++;
      walk_id++;
      g_array_set_size (walk, 0);
      g_array_set_size (walk_edges, 0);
      for (x = cursor; walk_mark[x] != walk_id; )
        {
          guint next = x;

          walk_mark[x] = walk_id;
          walk_pos[x] = walk->len;
          g_array_append_val (walk, x);
          for (guint e = graph->edge_start[x]; e < graph->edge_start[x + 1]; e++)
            if (graph->edge_alive[e] && !done[graph->edge_to[e]])
              {
                next = graph->edge_to[e];
                g_array_append_val (walk_edges, e);
                break;
              }
          g_assert (next != x);
          x = next;
        }

      start = walk_pos[x];
      best = start;
      for (guint i = start; i < walk->len; i++)
        if (graph->edge_seq[g_array_index (walk_edges, guint, i)] >
            graph->edge_seq[g_array_index (walk_edges, guint, best)])
          best = i;

      {
        guint e = g_array_index (walk_edges, guint, best);
        guint u = graph->edge_from[e];
        Entry *from = g_ptr_array_index (entries, u);
        Entry *to = g_ptr_array_index (entries, graph->edge_to[e]);

        graph->edge_alive[e] = FALSE;
        if (--pending[u] == 0)
          g_array_append_val (queue, u);

        drop = g_new0 (Dropped, 1);
        drop->entry = from;
        drop->depends_on = g_strdup (gw_item_get_key (to->item));
        drop->cycle = cycle_text (entries, &g_array_index (walk, guint, start), walk->len - start, best - start);
        g_ptr_array_add (dropped, drop);
      }
    }
  return dropped;
}

/* Drops dependencies on keys that are nowhere, and on the item itself. */
static void
drop_unknown_dependencies (GwImportReport *report,
                           Entry          *entry,
                           GHashTable     *by_key)
{
  GPtrArray *deps = gw_item_get_depends_on (entry->item);

  for (guint d = deps->len; d > 0; d--)
    {
      GwDependency *dep = g_ptr_array_index (deps, d - 1);
      const char *key = gw_item_get_key (entry->item);

      if (g_str_equal (dep->key, key))
        report_warn (report, entry->deps_file, entry->deps_line,
                     _("“%s” cannot depend on itself; the dependency was left out."), key);
      else if (!g_hash_table_contains (by_key, dep->key))
        report_warn (report, entry->deps_file, entry->deps_line,
                     _("“%s” depends on “%s”, which is neither in the files nor in the register; "
                       "the dependency was left out."), key, dep->key);
      else
        continue;
      take_ownership (entry);
      deps = gw_item_get_depends_on (entry->item);
      g_ptr_array_remove_index (deps, d - 1);
    }
}

typedef struct
{
  GPtrArray  *entries;
  GHashTable *by_key;   /* key -> index in entries + 1 */
} Positions;

/* Dependencies are listed by the position of the item depended on, as
 * the register lists them, so that equal lists compare equal. */
static int
compare_dependencies (gconstpointer a,
                      gconstpointer b,
                      gpointer      user_data)
{
  const Positions *positions = user_data;
  const GwDependency *da = *(const GwDependency **) a;
  const GwDependency *db = *(const GwDependency **) b;
  guint ia = GPOINTER_TO_UINT (g_hash_table_lookup (positions->by_key, da->key));
  guint ib = GPOINTER_TO_UINT (g_hash_table_lookup (positions->by_key, db->key));
  const Entry *ea = g_ptr_array_index (positions->entries, ia - 1);
  const Entry *eb = g_ptr_array_index (positions->entries, ib - 1);

  return (ea->position > eb->position) - (ea->position < eb->position);
}

static gboolean
dependencies_sorted (GwItem    *item,
                     Positions *positions)
{
  GPtrArray *deps = gw_item_get_depends_on (item);

  for (guint d = 1; d < deps->len; d++)
    if (compare_dependencies (&g_ptr_array_index (deps, d - 1), &g_ptr_array_index (deps, d), positions) > 0)
      return FALSE;
  return TRUE;
}

/* Roles, milestones, go/no-go entries, settings */

static gboolean
roles_equal (const GwRole *a,
             const GwRole *b)
{
  return g_strcmp0 (a->name, b->name) == 0 && a->headcount == b->headcount &&
         a->hours_per_week == b->hours_per_week &&
         ((isnan (a->cost_per_hour) && isnan (b->cost_per_hour)) || a->cost_per_hour == b->cost_per_hour);
}

/* A role or milestone problem of a file is a warning, a failure of the
 * register an error. */
static gboolean
is_invalid_value (const GError *error)
{
  return error->domain == GW_STORE_ERROR &&
         (error->code == GW_STORE_ERROR_INVALID || error->code == GW_STORE_ERROR_CYCLE ||
          error->code == GW_STORE_ERROR_NOT_FOUND);
}

static gboolean
merge_settings (GwStore         *store,
                GPtrArray       *files,
                GwImportReport  *report,
                GError         **error)
{
  for (guint f = 0; f < files->len; f++)
    {
      GwImportData *file = g_ptr_array_index (files, f);
      g_autoptr(GList) names = g_list_sort (g_hash_table_get_keys (file->settings), (GCompareFunc) strcmp);

      for (GList *l = names; l != NULL; l = l->next)
        {
          const char *value = g_hash_table_lookup (file->settings, l->data);
          g_autoptr(GError) local_error = NULL;

          if (gw_store_set_setting (store, l->data, value, &local_error))
            continue;
          if (!is_invalid_value (local_error))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          report_warn (report, file, 0, _("%s The setting was left out."), local_error->message);
        }
    }
  return TRUE;
}

/* Roles of the files replace the register's of the same name; an owner
 * no role describes gets a role of one person. */
static gboolean
merge_roles (GwStore         *store,
             GPtrArray       *files,
             GPtrArray       *entries,
             GwImportReport  *report,
             GError         **error)
{
  g_autoptr(GPtrArray) existing = gw_store_list_roles (store);
  g_autoptr(GHashTable) known = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) counted = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < existing->len; i++)
    {
      GwRole *role = g_ptr_array_index (existing, i);

      g_hash_table_insert (known, role->name, role);
    }

  for (guint f = 0; f < files->len; f++)
    {
      GwImportData *file = g_ptr_array_index (files, f);

      for (guint i = 0; i < file->roles->len; i++)
        {
          GwRole *role = g_ptr_array_index (file->roles, i);
          GwRole *have = g_hash_table_lookup (known, role->name);
          g_autoptr(GError) local_error = NULL;

          g_hash_table_add (counted, role->name);
          if (have != NULL && roles_equal (have, role))
            continue;
          if (!gw_store_put_role (store, role, &local_error))
            {
              if (!is_invalid_value (local_error))
                {
                  g_propagate_error (error, g_steal_pointer (&local_error));
                  return FALSE;
                }
              report_warn (report, file, 0, _("%s The role was left out."), local_error->message);
              continue;
            }
          g_hash_table_insert (known, role->name, role);
        }
    }

  for (guint i = 0; i < entries->len; i++)
    {
      Entry *e = g_ptr_array_index (entries, i);
      const char *owner = gw_item_get_owner (e->item);
      g_autoptr(GwRole) role = NULL;

      /* Thousands of items name a few roles: each name is looked at once. */
      if (e->file == NULL || owner == NULL || !g_hash_table_add (seen, (gpointer) owner))
        continue;
      g_hash_table_add (counted, (gpointer) owner);
      if (g_hash_table_contains (known, owner))
        continue;
      role = gw_role_new (owner);
      if (!gw_store_put_role (store, role, error))
        return FALSE;
      g_hash_table_add (known, (gpointer) owner);
    }
  report->roles = g_hash_table_size (counted);
  return TRUE;
}

static gboolean
milestones_equal (const GwMilestone *a,
                  const GwMilestone *b)
{
  if (g_strcmp0 (a->key, b->key) != 0 || g_strcmp0 (a->name, b->name) != 0 ||
      g_strcmp0 (a->goal, b->goal) != 0 || g_strcmp0 (a->requires, b->requires) != 0 ||
      g_strcmp0 (a->duration, b->duration) != 0)
    return FALSE;
  for (guint k = 0; k < G_N_ELEMENTS (a->lines); k++)
    {
      if (a->lines[k]->len != b->lines[k]->len)
        return FALSE;
      for (guint i = 0; i < a->lines[k]->len; i++)
        {
          GwLine *la = g_ptr_array_index (a->lines[k], i);
          GwLine *lb = g_ptr_array_index (b->lines[k], i);

          if (g_strcmp0 (la->text, lb->text) != 0 || la->done != lb->done)
            return FALSE;
        }
    }
  return TRUE;
}

/* Milestones of the files replace the register's of the same key; a
 * milestone key no milestone describes gets a milestone of that key. */
static gboolean
merge_milestones (GwStore         *store,
                  GPtrArray       *files,
                  GPtrArray       *entries,
                  GwImportReport  *report,
                  GError         **error)
{
  g_autoptr(GPtrArray) existing = gw_store_list_milestones (store);
  g_autoptr(GHashTable) known = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) counted = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < existing->len; i++)
    {
      GwMilestone *m = g_ptr_array_index (existing, i);

      g_hash_table_insert (known, m->key, m);
    }

  for (guint f = 0; f < files->len; f++)
    {
      GwImportData *file = g_ptr_array_index (files, f);

      for (guint i = 0; i < file->milestones->len; i++)
        {
          GwMilestone *m = g_ptr_array_index (file->milestones, i);
          GwMilestone *have = g_hash_table_lookup (known, m->key);
          g_autoptr(GError) local_error = NULL;

          g_hash_table_add (counted, m->key);
          report->checklist_entries += m->lines[GW_MILESTONE_LINE_ENTRY]->len + m->lines[GW_MILESTONE_LINE_EXIT]->len;
          if (have != NULL && milestones_equal (have, m))
            continue;
          if (!gw_store_put_milestone (store, m, &local_error))
            {
              if (!is_invalid_value (local_error))
                {
                  g_propagate_error (error, g_steal_pointer (&local_error));
                  return FALSE;
                }
              report_warn (report, file, 0, _("%s The milestone was left out."), local_error->message);
              continue;
            }
          g_hash_table_insert (known, m->key, m);
        }
    }

  for (guint i = 0; i < entries->len; i++)
    {
      Entry *e = g_ptr_array_index (entries, i);
      const char *key = gw_item_get_milestone (e->item);
      g_autoptr(GwMilestone) m = NULL;

      if (e->file == NULL || key == NULL || !g_hash_table_add (seen, (gpointer) key))
        continue;
      g_hash_table_add (counted, (gpointer) key);
      if (g_hash_table_contains (known, key))
        continue;
      m = gw_milestone_new (key, key);
      if (!gw_store_put_milestone (store, m, error))
        return FALSE;
      g_hash_table_add (known, (gpointer) key);
    }
  report->milestones = g_hash_table_size (counted);
  return TRUE;
}

static gboolean
same_decision_entry (const GwDecisionEntry *a,
                     const GwDecisionEntry *b)
{
  if (a->item_key != NULL || b->item_key != NULL)
    return g_strcmp0 (a->item_key, b->item_key) == 0;
  return g_strcmp0 (a->text, b->text) == 0;
}

/* Go/no-go entries of the files replace the register's for the same item
 * (or, without an item, the same text); new ones are added at the end. */
static gboolean
merge_decision (GwStore         *store,
                GPtrArray       *files,
                GHashTable      *by_key,
                GwImportReport  *report,
                GError         **error)
{
  g_autoptr(GPtrArray) list = gw_store_list_decision (store);
  gboolean changed = FALSE;

  for (guint f = 0; f < files->len; f++)
    {
      GwImportData *file = g_ptr_array_index (files, f);

      for (guint i = 0; i < file->decision->len; i++)
        {
          GwDecisionEntry *entry = g_ptr_array_index (file->decision, i);
          gboolean found = FALSE;

          if (entry->item_key != NULL && !g_hash_table_contains (by_key, entry->item_key))
            {
              report_warn (report, file, 0,
                           _("The go/no-go entry for “%s” names no item of the files or the register; "
                             "it was left out."), entry->item_key);
              continue;
            }
          report->decision_entries++;
          for (guint j = 0; j < list->len && !found; j++)
            {
              GwDecisionEntry *have = g_ptr_array_index (list, j);

              if (!same_decision_entry (have, entry))
                continue;
              found = TRUE;
              if (have->level != entry->level || have->done != entry->done ||
                  g_strcmp0 (have->text, entry->text) != 0)
                {
                  g_ptr_array_index (list, j) = gw_decision_entry_new (entry->level, entry->item_key,
                                                                       entry->text, entry->done);
                  gw_decision_entry_free (have);
                  changed = TRUE;
                }
            }
          if (!found)
            {
              g_ptr_array_add (list, gw_decision_entry_new (entry->level, entry->item_key,
                                                            entry->text, entry->done));
              changed = TRUE;
            }
        }
    }
  return !changed || gw_store_set_decision (store, list, error);
}

/* Items */

static char *
make_label (GPtrArray *files)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint f = 0; f < files->len; f++)
    {
      GwImportData *file = g_ptr_array_index (files, f);
      g_autofree char *display = g_filename_display_basename (file->source ? file->source : "");

      if (f > 0)
        g_string_append (names, _(", "));
      g_string_append (names, display);
    }
  /* Translators: %s is a list of file names. */
  return g_strdup_printf (_("Import %s"), names->str);
}

/* Puts the files' items over the register's, by key. */
static void
merge_items (GPtrArray      *files,
             GPtrArray      *entries,
             GHashTable     *by_key,
             GwImportReport *report)
{
  guint seq = 0;

  for (guint f = 0; f < files->len; f++)
    {
      GwImportData *file = g_ptr_array_index (files, f);

      for (guint i = 0; i < file->items->len; i++)
        {
          GwItem *item = g_ptr_array_index (file->items, i);
          guint64 mask = file_fields (file, i);
          guint at = GPOINTER_TO_UINT (g_hash_table_lookup (by_key, gw_item_get_key (item)));
          Entry *e;

          if (at == 0)
            {
              /* A new item is the file's own, with defaults where it says nothing. */
              e = g_new0 (Entry, 1);
              e->item = item;
              g_ptr_array_add (entries, e);
              g_hash_table_insert (by_key, (gpointer) gw_item_get_key (item), GUINT_TO_POINTER (entries->len));
            }
          else
            {
              e = g_ptr_array_index (entries, at - 1);
              take_ownership (e);
              merge_fields (e->item, item, mask);
            }
          if (e->file == NULL)
            report->items++;
          if (mask & GW_IMPORT_FIELD (GW_FIELD_ACCEPTANCE_CRITERIA))
            report->checklist_entries += gw_item_get_lines (item, GW_LINE_CRITERION)->len;
          e->file = file;
          if (mask & GW_IMPORT_FIELD (GW_FIELD_DEPENDS_ON))
            {
              e->deps_file = file;
              e->deps_line = file_line (file, i);
              e->seq = seq;
              seq += gw_item_get_depends_on (item)->len;
            }
        }
    }
}

/* Files */

typedef enum
{
  FILE_CSV,
  FILE_MARKDOWN,
} FileKind;

/* The delimiters of one line, outside quotes. */
static guint
count_delimiters (const char *line,
                  gsize       length,
                  char        delimiter)
{
  gboolean quoted = FALSE;
  guint n = 0;

  for (gsize i = 0; i < length; i++)
    {
      if (line[i] == '"')
        quoted = !quoted;
      else if (!quoted && line[i] == delimiter)
        n++;
    }
  return n;
}

/* Without a telling extension: a Markdown register starts with a heading,
 * a list, a table or prose; a CSV file's first two lines have the same
 * number of delimiters. */
static FileKind
sniff_kind (const char *text,
            gsize       length)
{
  static const char delimiters[] = { ',', ';', '\t' };
  const char *lines[2] = { NULL, NULL };
  gsize lengths[2] = { 0, 0 };
  guint n_lines = 0;
  gsize i = 0;

  if (length >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    i = 3;
  while (i < length && n_lines < 2)
    {
      gsize start = i;

      while (i < length && text[i] != '\n' && text[i] != '\r')
        i++;
      if (i > start)
        {
          gsize j = start;

          while (j < i && g_ascii_isspace (text[j]))
            j++;
          if (j < i)
            {
              lines[n_lines] = text + start;
              lengths[n_lines++] = i - start;
            }
        }
      i++;
    }
  if (n_lines == 0 || strchr ("#-*>|", lines[0][0]) != NULL)
    return FILE_MARKDOWN;
  for (guint d = 0; d < G_N_ELEMENTS (delimiters); d++)
    {
      guint first = count_delimiters (lines[0], lengths[0], delimiters[d]);

      if (first > 0 && (n_lines == 1 || count_delimiters (lines[1], lengths[1], delimiters[d]) == first))
        return FILE_CSV;
    }
  return FILE_MARKDOWN;
}

static FileKind
file_kind (const char *path,
           const char *contents,
           gsize       length)
{
  static const struct { const char *extension; FileKind kind; } extensions[] = {
    { ".csv", FILE_CSV }, { ".tsv", FILE_CSV },
    { ".md", FILE_MARKDOWN }, { ".markdown", FILE_MARKDOWN }, { ".txt", FILE_MARKDOWN },
  };
  g_autofree char *lower = g_ascii_strdown (path, -1);

  for (guint i = 0; i < G_N_ELEMENTS (extensions); i++)
    if (g_str_has_suffix (lower, extensions[i].extension))
      return extensions[i].kind;
  return sniff_kind (contents, length);
}

/* Public API */

/**
 * gw_import_apply:
 * @files: (element-type GwImportData): what the importers read, in order;
 *   their items are taken into the register as they are (new ones get
 *   their ids and positions)
 * @dry_run: do all the work, then roll it back
 *
 * Merges files into the register in one transaction and one undo step
 * (“Import tasks.csv”), all or nothing.
 *
 * Items are matched by key. An item of the files that the register lacks
 * is added at the end (a field its file does not give gets its default).
 * An item the register has is updated with the fields its file gives
 * (#GwImportData.item_fields): a field the file does not give at all keeps
 * the register's value, a field it gives empty is cleared. Items of the
 * register in none of the files are left alone. When several files give an
 * item, later files win for the fields they give.
 *
 * Dependencies are resolved once every item is known. A dependency on a key
 * that is neither in the files nor in the register, on the item itself, or
 * one that would close a cycle is not stored, with a warning naming the
 * cycle ("P0-006 -> P0-008 -> P0-006", "->" read as "depends on"); of a
 * cycle, the dependency given last in the files is the one left out.
 *
 * Roles and milestones of the files replace the register's of the same
 * name or key; owners and milestones of imported items that nothing
 * describes get a role of one person, 40 hours a week, and a milestone
 * named after its key. Go/no-go entries replace the register's for the same
 * item (or text) and are added otherwise; settings of the files replace the
 * register's. A value the register refuses (a role of 20000 people, a
 * setting out of range) is left out with a warning.
 *
 * The report counts what the files hold: their items (a key once, however
 * many files give it), how many were added, changed or already equal, the
 * register's items in none of them; the dependencies the files give that
 * were stored; the roles and milestones the files describe or their items
 * name; the acceptance criteria of their items and the entry and exit
 * criteria of their milestones; their go/no-go entries.
 *
 * Returns: (transfer full): the counts and warnings, or %NULL with @error
 *   set, the register untouched
 */
GwImportReport *
gw_import_apply (GwStore    *store,
                 GPtrArray  *files,
                 gboolean    dry_run,
                 GError    **error)
{
  g_autoptr(GwImportReport) report = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GHashTable) by_key = NULL;
  g_autoptr(GPtrArray) dropped = NULL;
  g_autoptr(GPtrArray) writes = NULL;
  g_autofree char *label = NULL;
  Positions positions;
  Graph graph = { 0 };
  gboolean need_lines = FALSE;
  int position = 0;

  g_return_val_if_fail (GW_IS_STORE (store), NULL);
  g_return_val_if_fail (files != NULL && files->len > 0, NULL);
  g_return_val_if_fail (!gw_store_in_edit (store), NULL);

  report = g_new0 (GwImportReport, 1);
  report->warnings = g_ptr_array_new_with_free_func (g_free);
  for (guint f = 0; f < files->len; f++)
    {
      GwImportData *file = g_ptr_array_index (files, f);

      for (guint i = 0; i < file->warnings->len; i++)
        g_ptr_array_add (report->warnings, g_strdup (g_ptr_array_index (file->warnings, i)));
      for (guint i = 0; i < file->items->len && !need_lines; i++)
        need_lines = (file_fields (file, i) & ~(GW_IMPORT_FIELD (GW_FIELD_BREAKDOWN) - 1)) != 0;
    }

  label = make_label (files);
  if (!gw_store_begin (store, label, error))
    return NULL;

  stored = gw_store_list_items (store, error);
  if (stored == NULL || (need_lines && !gw_store_load_all_lines (store, stored, error)))
    goto fail;

  entries = g_ptr_array_new_full (stored->len, (GDestroyNotify) entry_free);
  by_key = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < stored->len; i++)
    {
      Entry *e = g_new0 (Entry, 1);

      e->item = e->stored = g_ptr_array_index (stored, i);
      e->position = gw_item_get_position (e->stored);
      position = MAX (position, e->position);
      g_ptr_array_add (entries, e);
      g_hash_table_insert (by_key, (gpointer) gw_item_get_key (e->stored), GUINT_TO_POINTER (i + 1));
    }

  merge_items (files, entries, by_key, report);

  /* The whole graph, checked once. */
  for (guint i = 0; i < entries->len; i++)
    {
      Entry *e = g_ptr_array_index (entries, i);

      if (e->stored == NULL)
        e->position = ++position;
      if (e->deps_file != NULL)
        drop_unknown_dependencies (report, e, by_key);
    }
  graph_build (&graph, entries, by_key);
  dropped = graph_break_cycles (&graph, entries);
  graph_clear (&graph);
  for (guint i = 0; i < dropped->len; i++)
    {
      Dropped *d = g_ptr_array_index (dropped, i);

      take_ownership (d->entry);
      gw_item_remove_dependency (d->entry->item, d->depends_on);
      report_warn (report, d->entry->deps_file, d->entry->deps_line,
                   _("The dependency of “%s” on “%s” would close the cycle %s; it was left out."),
                   gw_item_get_key (d->entry->item), d->depends_on, d->cycle);
    }

  positions.entries = entries;
  positions.by_key = by_key;
  writes = g_ptr_array_new ();
  for (guint i = 0; i < entries->len; i++)
    {
      Entry *e = g_ptr_array_index (entries, i);

      if (e->file == NULL)
        {
          report->not_in_file++;
          continue;
        }
      if (!dependencies_sorted (e->item, &positions))
        g_ptr_array_sort_with_data (gw_item_get_depends_on (e->item), compare_dependencies, &positions);
      if (e->deps_file != NULL)
        report->dependencies += gw_item_get_depends_on (e->item)->len;
      if (e->stored == NULL)
        report->added++;
      else if (gw_item_equal (e->item, e->stored))
        {
          report->unchanged++;
          continue;
        }
      else
        report->changed++;
      g_ptr_array_add (writes, e->item);
    }

  if (!merge_settings (store, files, report, error) ||
      !merge_roles (store, files, entries, report, error) ||
      !merge_milestones (store, files, entries, report, error) ||
      (writes->len > 0 && !gw_store_write_items (store, writes, error)) ||
      !merge_decision (store, files, by_key, report, error))
    goto fail;

  if (dry_run)
    gw_store_rollback (store);
  else if (!gw_store_commit (store, error))
    return NULL;
  return g_steal_pointer (&report);

fail:
  gw_store_rollback (store);
  return NULL;
}

/**
 * gw_import_read_file:
 * @path: a Markdown register (.md, .markdown, .txt) or a CSV file (.csv,
 *   .tsv); with another extension, the content decides
 *
 * Returns: (transfer full): what the file holds, or %NULL with @error set
 */
GwImportData *
gw_import_read_file (const char  *path,
                     GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *display = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);

  display = g_filename_display_name (path);
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, GW_IMPORT_ERROR, GW_IMPORT_ERROR_UNREADABLE,
                   _("%s: this is a folder, not a file to import."), display);
      return NULL;
    }
  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, GW_IMPORT_ERROR, GW_IMPORT_ERROR_UNREADABLE,
                   _("%s: the file cannot be read: %s."), display, local_error->message);
      return NULL;
    }

  switch (file_kind (path, contents, length))
    {
    case FILE_CSV:
      return gw_csv_import (path, contents, length, error);
    case FILE_MARKDOWN:
    default:
      return gw_markdown_import (path, contents, length, error);
    }
}
