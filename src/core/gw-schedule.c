/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "gw-schedule.h"

/* Two times closer than this (working hours) are equal for slack. */
#define EPSILON 1e-6

/* Structs */

typedef struct
{
  const char *key;
  double      effort;
  double      roi;          /* NAN for none */
  double      not_before;   /* working hours; 0 for none */
  GwPriority  priority;
  GwStatus    status;
  int         role;         /* index into input roles; -1 for no owner */
  int         milestone;    /* index into input milestones; -1 for none */
} InputItem;

typedef struct
{
  guint  item;
  guint  pred;
  double lag;
} InputDep;

typedef struct
{
  const char *name;
  gboolean    defined;
  int         headcount;
  double      hours_per_week;
} InputRole;

typedef struct
{
  const char *key;
  const char *requires;     /* NULL for none */
  gboolean    defined;
  guint       position;     /* order of definition */
} InputMilestone;

struct _GwScheduleInput
{
  gatomicrefcount  ref_count;
  GwCalendar      *calendar;
  GStringChunk    *strings;
  GArray          *items;       /* InputItem */
  GArray          *deps;        /* InputDep */
  GArray          *roles;       /* InputRole */
  GArray          *milestones;  /* InputMilestone */
  GHashTable      *item_by_key; /* key -> index + 1 */
  GHashTable      *role_by_name;
  GHashTable      *milestone_by_key;
  GPtrArray       *warnings;    /* found while building */
  guint            n_defined_milestones;
};

typedef struct
{
  GwSchedule        pub;
  gatomicrefcount   ref_count;
  GwScheduleInput  *input;
} ScheduleReal;

/* Directed graph over items (0..n-1) and milestones (n..n+m-1), as
 * compressed rows: the successors of v are succ[succ_start[v]..succ_start[v+1]). */
typedef struct
{
  guint   n_nodes;
  guint  *succ_start;
  guint  *succ;
  double *succ_lag;
  guint  *pred_start;
  guint  *pred;
  double *pred_lag;
} Graph;

typedef struct
{
  guint  from;
  guint  to;
  double lag;
} Edge;

typedef enum
{
  EVENT_FINISH = 0,
  EVENT_RELEASE,
} EventKind;

typedef struct
{
  double time;
  guint  node;
  guint  kind;
} Event;

typedef struct
{
  double free;
  guint  person;
} Person;

G_DEFINE_QUARK (gw-schedule-error-quark, gw_schedule_error)
G_DEFINE_BOXED_TYPE (GwSchedule, gw_schedule, gw_schedule_ref, gw_schedule_unref)

/* Input */

/**
 * gw_schedule_input_new:
 * @calendar: the register's working calendar
 *
 * Returns: (transfer full): an empty snapshot to add roles, milestones and
 *   items to
 */
GwScheduleInput *
gw_schedule_input_new (GwCalendar *calendar)
{
  GwScheduleInput *input;

  g_return_val_if_fail (calendar != NULL, NULL);

  input = g_new0 (GwScheduleInput, 1);
  g_atomic_ref_count_init (&input->ref_count);
  input->calendar = gw_calendar_ref (calendar);
  input->strings = g_string_chunk_new (4096);
  input->items = g_array_new (FALSE, FALSE, sizeof (InputItem));
  input->deps = g_array_new (FALSE, FALSE, sizeof (InputDep));
  input->roles = g_array_new (FALSE, FALSE, sizeof (InputRole));
  input->milestones = g_array_new (FALSE, FALSE, sizeof (InputMilestone));
  input->item_by_key = g_hash_table_new (g_str_hash, g_str_equal);
  input->role_by_name = g_hash_table_new (g_str_hash, g_str_equal);
  input->milestone_by_key = g_hash_table_new (g_str_hash, g_str_equal);
  input->warnings = g_ptr_array_new_with_free_func (g_free);
  return input;
}

GwScheduleInput *
gw_schedule_input_ref (GwScheduleInput *input)
{
  g_return_val_if_fail (input != NULL, NULL);
  g_atomic_ref_count_inc (&input->ref_count);
  return input;
}

void
gw_schedule_input_unref (GwScheduleInput *input)
{
  if (input == NULL || !g_atomic_ref_count_dec (&input->ref_count))
    return;
  gw_calendar_unref (input->calendar);
  g_string_chunk_free (input->strings);
  g_array_unref (input->items);
  g_array_unref (input->deps);
  g_array_unref (input->roles);
  g_array_unref (input->milestones);
  g_hash_table_unref (input->item_by_key);
  g_hash_table_unref (input->role_by_name);
  g_hash_table_unref (input->milestone_by_key);
  g_ptr_array_unref (input->warnings);
  g_free (input);
}

/**
 * gw_schedule_input_get_calendar:
 *
 * Returns: (transfer none): the calendar the input was made with
 */
GwCalendar *
gw_schedule_input_get_calendar (GwScheduleInput *input)
{
  g_return_val_if_fail (input != NULL, NULL);
  return input->calendar;
}

guint
gw_schedule_input_get_n_items (GwScheduleInput *input)
{
  g_return_val_if_fail (input != NULL, 0);
  return input->items->len;
}

static int
find_role (GwScheduleInput *input,
           const char      *name,
           gboolean         create)
{
  gpointer value = g_hash_table_lookup (input->role_by_name, name);
  InputRole role = { 0 };

  if (value != NULL)
    return GPOINTER_TO_INT (value) - 1;
  if (!create)
    return -1;
  role.name = g_string_chunk_insert_const (input->strings, name);
  g_array_append_val (input->roles, role);
  g_hash_table_insert (input->role_by_name, (gpointer) role.name, GINT_TO_POINTER (input->roles->len));
  return (int) input->roles->len - 1;
}

static int
find_milestone (GwScheduleInput *input,
                const char      *key)
{
  gpointer value = g_hash_table_lookup (input->milestone_by_key, key);
  InputMilestone m = { 0 };

  if (value != NULL)
    return GPOINTER_TO_INT (value) - 1;
  m.key = g_string_chunk_insert_const (input->strings, key);
  g_array_append_val (input->milestones, m);
  g_hash_table_insert (input->milestone_by_key, (gpointer) m.key, GINT_TO_POINTER (input->milestones->len));
  return (int) input->milestones->len - 1;
}

/**
 * gw_schedule_input_add_role:
 * @headcount: people of the role; 0 for none
 * @hours_per_week: hours each of them works in a week
 *
 * Defines a role, or changes the one of that name.
 */
void
gw_schedule_input_add_role (GwScheduleInput *input,
                            const char      *name,
                            int              headcount,
                            double           hours_per_week)
{
  InputRole *role;
  int index;

  g_return_if_fail (input != NULL);
  g_return_if_fail (name != NULL);

  /* find_role() may grow the array: look it up first */
  index = find_role (input, name, TRUE);
  role = &g_array_index (input->roles, InputRole, index);
  role->defined = TRUE;
  role->headcount = MAX (headcount, 0);
  role->hours_per_week = isfinite (hours_per_week) ? MAX (hours_per_week, 0) : 0;
}

/**
 * gw_schedule_input_add_milestone:
 * @requires: (nullable): the key of the milestone whose items must be
 *   finished before the items of this one start
 *
 * Defines a milestone; milestones keep the order they are defined in.
 */
void
gw_schedule_input_add_milestone (GwScheduleInput *input,
                                 const char      *key,
                                 const char      *requires)
{
  InputMilestone *m;
  int index;

  g_return_if_fail (input != NULL);
  g_return_if_fail (key != NULL);

  index = find_milestone (input, key);
  m = &g_array_index (input->milestones, InputMilestone, index);
  if (!m->defined)
    m->position = input->n_defined_milestones++;
  m->defined = TRUE;
  m->requires = requires && *requires ? g_string_chunk_insert_const (input->strings, requires) : NULL;
}

/**
 * gw_schedule_input_add_item:
 * @effort_hours: the work it takes
 * @owner: (nullable): the role that does it
 *
 * Adds a to-do item with no ROI, milestone or not-before date.
 *
 * Returns: the item's index, or -1 when @key is already used
 */
int
gw_schedule_input_add_item (GwScheduleInput *input,
                            const char      *key,
                            double           effort_hours,
                            GwPriority       priority,
                            const char      *owner)
{
  InputItem item = { 0 };

  g_return_val_if_fail (input != NULL, -1);
  g_return_val_if_fail (key != NULL, -1);

  if (g_hash_table_contains (input->item_by_key, key))
    return -1;
  item.key = g_string_chunk_insert_const (input->strings, key);
  item.effort = isfinite (effort_hours) && effort_hours > 0 ? effort_hours : 0;
  item.priority = MIN ((guint) priority, GW_N_PRIORITIES - 1);
  item.status = GW_STATUS_TODO;
  item.roi = NAN;
  item.role = owner && *owner ? find_role (input, owner, TRUE) : -1;
  item.milestone = -1;
  g_array_append_val (input->items, item);
  g_hash_table_insert (input->item_by_key, (gpointer) item.key, GUINT_TO_POINTER (input->items->len));
  return (int) input->items->len - 1;
}

static InputItem *
input_item (GwScheduleInput *input,
            int              item)
{
  g_return_val_if_fail (item >= 0 && (guint) item < input->items->len, NULL);
  return &g_array_index (input->items, InputItem, item);
}

void
gw_schedule_input_set_status (GwScheduleInput *input,
                              int              item,
                              GwStatus         status)
{
  InputItem *it;

  g_return_if_fail (input != NULL);
  if ((it = input_item (input, item)) != NULL)
    it->status = status;
}

void
gw_schedule_input_set_roi (GwScheduleInput *input,
                           int              item,
                           double           roi_pct)
{
  InputItem *it;

  g_return_if_fail (input != NULL);
  if ((it = input_item (input, item)) != NULL)
    it->roi = isfinite (roi_pct) ? roi_pct : NAN;
}

void
gw_schedule_input_set_milestone (GwScheduleInput *input,
                                 int              item,
                                 const char      *milestone)
{
  InputItem *it;

  g_return_if_fail (input != NULL);
  if ((it = input_item (input, item)) != NULL)
    it->milestone = milestone && *milestone ? find_milestone (input, milestone) : -1;
}

/**
 * gw_schedule_input_set_not_before:
 * @date: (nullable): the first day the item may start; %NULL for none
 */
void
gw_schedule_input_set_not_before (GwScheduleInput *input,
                                  int              item,
                                  const GDate     *date)
{
  InputItem *it;

  g_return_if_fail (input != NULL);
  if ((it = input_item (input, item)) != NULL)
    it->not_before = date && g_date_valid (date) ? gw_calendar_hours_at_date (input->calendar, date) : 0;
}

/**
 * gw_schedule_input_add_dependency:
 * @item: the index of the item that waits
 * @depends_on: the key of the item it waits for
 * @lag_hours: working hours between that one's finish and this one's start
 *
 * Returns: whether @depends_on is an item of the input
 */
gboolean
gw_schedule_input_add_dependency (GwScheduleInput *input,
                                  int              item,
                                  const char      *depends_on,
                                  double           lag_hours)
{
  gpointer value;
  InputDep dep;

  g_return_val_if_fail (input != NULL, FALSE);
  g_return_val_if_fail (item >= 0 && (guint) item < input->items->len, FALSE);
  g_return_val_if_fail (depends_on != NULL, FALSE);

  value = g_hash_table_lookup (input->item_by_key, depends_on);
  if (value == NULL)
    return FALSE;
  dep.item = (guint) item;
  dep.pred = GPOINTER_TO_UINT (value) - 1;
  dep.lag = isfinite (lag_hours) ? lag_hours : 0;
  g_array_append_val (input->deps, dep);
  return TRUE;
}

static gboolean
parse_day (const char *text,
           GDate      *date)
{
  int y, m, d;
  char tail;

  if (text == NULL || strlen (text) != 10 ||
      sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_clear (date, 1);
  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

/**
 * gw_schedule_input_new_from_items:
 * @items: (element-type GwItem): the register's items
 * @roles: (element-type GwRole): its roles
 * @milestones: (element-type GwMilestone): its milestones, in order
 *
 * Takes the snapshot of a register that gw_schedule_compute() works on;
 * item i of the input is item i of @items.
 *
 * Returns: (transfer full): the snapshot
 */
GwScheduleInput *
gw_schedule_input_new_from_items (GwCalendar *calendar,
                                  GPtrArray  *items,
                                  GPtrArray  *roles,
                                  GPtrArray  *milestones)
{
  g_autoptr(GwScheduleInput) input = NULL;
  g_autofree int *index = NULL;

  g_return_val_if_fail (calendar != NULL, NULL);
  g_return_val_if_fail (items != NULL, NULL);

  input = gw_schedule_input_new (calendar);
  for (guint i = 0; roles != NULL && i < roles->len; i++)
    {
      GwRole *role = g_ptr_array_index (roles, i);

      gw_schedule_input_add_role (input, role->name, role->headcount, role->hours_per_week);
    }
  for (guint i = 0; milestones != NULL && i < milestones->len; i++)
    {
      GwMilestone *m = g_ptr_array_index (milestones, i);

      gw_schedule_input_add_milestone (input, m->key, m->requires);
    }

  index = g_new (int, items->len);
  for (guint i = 0; i < items->len; i++)
    {
      GwItem *item = g_ptr_array_index (items, i);
      GDate date;

      index[i] = gw_schedule_input_add_item (input, gw_item_get_key (item),
                                             gw_item_get_effort_hours (item),
                                             gw_item_get_priority (item),
                                             gw_item_get_owner (item));
      if (index[i] < 0)
        {
          g_ptr_array_add (input->warnings,
                           g_strdup_printf (_("The key “%s” is used twice: its second item is left out of the schedule."),
                                            gw_item_get_key (item)));
          continue;
        }
      gw_schedule_input_set_status (input, index[i], gw_item_get_status (item));
      gw_schedule_input_set_roi (input, index[i], gw_item_get_roi_pct (item));
      gw_schedule_input_set_milestone (input, index[i], gw_item_get_milestone (item));
      if (parse_day (gw_item_get_not_before (item), &date))
        gw_schedule_input_set_not_before (input, index[i], &date);
    }

  for (guint i = 0; i < items->len; i++)
    {
      GwItem *item = g_ptr_array_index (items, i);
      GPtrArray *deps = gw_item_get_depends_on (item);

      if (index[i] < 0)
        continue;
      for (guint d = 0; deps != NULL && d < deps->len; d++)
        {
          GwDependency *dep = g_ptr_array_index (deps, d);

          if (!gw_schedule_input_add_dependency (input, index[i], dep->key, dep->lag_hours))
            g_ptr_array_add (input->warnings,
                             g_strdup_printf (_("“%s” depends on “%s”, which is not in the register: the dependency is ignored."),
                                              gw_item_get_key (item), dep->key));
        }
    }
  return g_steal_pointer (&input);
}

/**
 * gw_schedule_input_new_from_store:
 *
 * Takes the snapshot of @store's items, roles, milestones and calendar
 * settings; item i of the input is item i of gw_store_list_items().
 *
 * Returns: (transfer full) (nullable): the snapshot, or %NULL with @error set
 */
GwScheduleInput *
gw_schedule_input_new_from_store (GwStore  *store,
                                  GError  **error)
{
  g_autoptr(GwCalendar) calendar = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) roles = NULL;
  g_autoptr(GPtrArray) milestones = NULL;

  g_return_val_if_fail (GW_IS_STORE (store), NULL);

  calendar = gw_calendar_new_from_store (store, error);
  if (calendar == NULL)
    return NULL;
  items = gw_store_list_items (store, error);
  if (items == NULL)
    return NULL;
  roles = gw_store_list_roles (store);
  milestones = gw_store_list_milestones (store);
  return gw_schedule_input_new_from_items (calendar, items, roles, milestones);
}

/* Helpers: heaps */

/* Binary min-heaps in a GArray of small elements, ordered by @before. */
typedef gboolean (*HeapBefore) (gconstpointer a,
                                gconstpointer b,
                                gconstpointer data);

#define HEAP_MAX_ELEMENT 32

/* Always inlined, so that each heap's comparison is inlined in turn. */
G_ALWAYS_INLINE static inline void
heap_push (GArray        *heap,
           gconstpointer  element,
           HeapBefore     before,
           gconstpointer  data)
{
  guint size = g_array_get_element_size (heap);
  guint8 *h;
  guint i;

  g_array_append_vals (heap, element, 1);
  h = (guint8 *) heap->data;
  for (i = heap->len - 1; i > 0; )
    {
      guint parent = (i - 1) / 2;

      if (!before (element, h + parent * size, data))
        break;
      memcpy (h + i * size, h + parent * size, size);
      i = parent;
    }
  memcpy (h + i * size, element, size);
}

G_ALWAYS_INLINE static inline void
heap_pop (GArray        *heap,
          gpointer       top,
          HeapBefore     before,
          gconstpointer  data)
{
  guint size = g_array_get_element_size (heap);
  guint8 *h = (guint8 *) heap->data;
  guint8 last[HEAP_MAX_ELEMENT];
  guint n = heap->len - 1;
  guint i = 0;

  g_assert (size <= HEAP_MAX_ELEMENT);
  memcpy (top, h, size);
  memcpy (last, h + n * size, size);
  g_array_set_size (heap, n);
  if (n == 0)
    return;
  for (;;)
    {
      guint c = 2 * i + 1;

      if (c >= n)
        break;
      if (c + 1 < n && before (h + (c + 1) * size, h + c * size, data))
        c++;
      if (!before (h + c * size, last, data))
        break;
      memcpy (h + i * size, h + c * size, size);
      i = c;
    }
  memcpy (h + i * size, last, size);
}

static gboolean
event_before (gconstpointer a_,
              gconstpointer b_,
              gconstpointer data)
{
  const Event *a = a_, *b = b_;

  if (a->time != b->time)
    return a->time < b->time;
  if (a->kind != b->kind)
    return a->kind < b->kind;
  return a->node < b->node;
}

static void
event_push (GArray *heap,
            double  time,
            guint   node,
            guint   kind)
{
  Event ev = { time, node, kind };

  heap_push (heap, &ev, event_before, NULL);
}

static Event
event_pop (GArray *heap)
{
  Event top;

  heap_pop (heap, &top, event_before, NULL);
  return top;
}

/* Ready items of a role, smallest rank first. */
static gboolean
ready_before (gconstpointer a,
              gconstpointer b,
              gconstpointer data)
{
  const guint *rank = data;

  return rank[*(const guint *) a] < rank[*(const guint *) b];
}

static void
ready_push (GArray      *heap,
            const guint *rank,
            guint        item)
{
  heap_push (heap, &item, ready_before, rank);
}

static guint
ready_pop (GArray      *heap,
           const guint *rank)
{
  guint top;

  heap_pop (heap, &top, ready_before, rank);
  return top;
}

static gboolean
person_before (gconstpointer a_,
               gconstpointer b_,
               gconstpointer data)
{
  const Person *a = a_, *b = b_;

  return a->free < b->free || (a->free == b->free && a->person < b->person);
}

static void
person_push (GArray *heap,
             Person  p)
{
  heap_push (heap, &p, person_before, NULL);
}

static Person
person_pop (GArray *heap)
{
  Person top;

  heap_pop (heap, &top, person_before, NULL);
  return top;
}

/* Helpers: graph */

static void
graph_clear (Graph *g)
{
  g_clear_pointer (&g->succ_start, g_free);
  g_clear_pointer (&g->succ, g_free);
  g_clear_pointer (&g->succ_lag, g_free);
  g_clear_pointer (&g->pred_start, g_free);
  g_clear_pointer (&g->pred, g_free);
  g_clear_pointer (&g->pred_lag, g_free);
}

static void
graph_build (Graph  *g,
             guint   n_nodes,
             GArray *edges)
{
  const Edge *e = (const Edge *) edges->data;
  guint *fill;

  graph_clear (g);
  g->n_nodes = n_nodes;
  g->succ_start = g_new0 (guint, n_nodes + 1);
  g->pred_start = g_new0 (guint, n_nodes + 1);
  g->succ = g_new (guint, edges->len + 1);
  g->succ_lag = g_new (double, edges->len + 1);
  g->pred = g_new (guint, edges->len + 1);
  g->pred_lag = g_new (double, edges->len + 1);

  for (guint i = 0; i < edges->len; i++)
    {
      g->succ_start[e[i].from + 1]++;
      g->pred_start[e[i].to + 1]++;
    }
  for (guint v = 0; v < n_nodes; v++)
    {
      g->succ_start[v + 1] += g->succ_start[v];
      g->pred_start[v + 1] += g->pred_start[v];
    }

  fill = g_new (guint, n_nodes);
  memcpy (fill, g->succ_start, n_nodes * sizeof (guint));
  for (guint i = 0; i < edges->len; i++)
    {
      guint k = fill[e[i].from]++;

      g->succ[k] = e[i].to;
      g->succ_lag[k] = e[i].lag;
    }
  memcpy (fill, g->pred_start, n_nodes * sizeof (guint));
  for (guint i = 0; i < edges->len; i++)
    {
      guint k = fill[e[i].to]++;

      g->pred[k] = e[i].from;
      g->pred_lag[k] = e[i].lag;
    }
  g_free (fill);
}

/* Kahn's algorithm. Returns how many nodes were ordered: fewer than
 * n_nodes when there is a cycle. */
static guint
graph_topo_order (const Graph *g,
                  guint       *order)
{
  g_autofree guint *in = g_new (guint, g->n_nodes);
  guint head = 0, tail = 0;

  for (guint v = 0; v < g->n_nodes; v++)
    {
      in[v] = g->pred_start[v + 1] - g->pred_start[v];
      if (in[v] == 0)
        order[tail++] = v;
    }
  while (head < tail)
    {
      guint v = order[head++];

      for (guint k = g->succ_start[v]; k < g->succ_start[v + 1]; k++)
        if (--in[g->succ[k]] == 0)
          order[tail++] = g->succ[k];
    }
  return tail;
}

/* A cycle among the nodes Kahn's algorithm could not order, as nodes each
 * depending on the next, the last one again the first. */
static GArray *
graph_find_cycle (const Graph *g,
                  const guint *order,
                  guint        n_ordered)
{
  g_autofree guint8 *ordered = g_new0 (guint8, g->n_nodes);
  g_autofree guint *seen_at = g_new (guint, g->n_nodes);
  GArray *path = g_array_new (FALSE, FALSE, sizeof (guint));
  GArray *cycle;
  guint v = G_MAXUINT;

  for (guint i = 0; i < n_ordered; i++)
    ordered[order[i]] = 1;
  for (guint i = 0; i < g->n_nodes; i++)
    {
      seen_at[i] = G_MAXUINT;
      if (!ordered[i] && v == G_MAXUINT)
        v = i;
    }
  g_assert (v != G_MAXUINT);

  /* Every unordered node has an unordered predecessor: walk back until a
   * node comes round again. */
  while (seen_at[v] == G_MAXUINT)
    {
      seen_at[v] = path->len;
      g_array_append_val (path, v);
      for (guint k = g->pred_start[v]; k < g->pred_start[v + 1]; k++)
        if (!ordered[g->pred[k]])
          {
            v = g->pred[k];
            break;
          }
    }
  cycle = g_array_new (FALSE, FALSE, sizeof (guint));
  g_array_append_vals (cycle, &g_array_index (path, guint, seen_at[v]), path->len - seen_at[v]);
  g_array_append_val (cycle, v);
  g_array_unref (path);
  return cycle;
}

/* Computing */

/* What the comparison and message helpers need to know. */
typedef struct
{
  GwScheduleInput  *input;
  guint             n;         /* items */
  const InputItem  *items;     /* [n] */
  const char      **keys;      /* [n] */
  const double     *tail;      /* [n]: longest remaining path */
  const guint      *ms_input;  /* [schedule milestone]: input milestone */
  const int        *urgency;   /* [n + m]: priority inherited from what waits */
} Compute;

static int
compare_names (gconstpointer a,
               gconstpointer b,
               gpointer      data)
{
  const InputRole *roles = data;
  const InputRole *x = &roles[*(const guint *) a];
  const InputRole *y = &roles[*(const guint *) b];

  if (x->defined != y->defined)
    return x->defined ? -1 : 1;
  return strcmp (x->name, y->name);
}

static int
compare_milestones (gconstpointer a,
                    gconstpointer b,
                    gpointer      data)
{
  const InputMilestone *ms = data;
  const InputMilestone *x = &ms[*(const guint *) a];
  const InputMilestone *y = &ms[*(const guint *) b];

  if (x->defined != y->defined)
    return x->defined ? -1 : 1;
  if (x->defined)
    return x->position < y->position ? -1 : x->position > y->position;
  return strcmp (x->key, y->key);
}

/* Priority order: P0 first (the priority inherited from the items that
 * wait), longest tail, highest ROI, key. */
static int
compare_priority (gconstpointer a,
                  gconstpointer b,
                  gpointer      data)
{
  const Compute *c = data;
  guint i = *(const guint *) a;
  guint j = *(const guint *) b;
  double ri = c->items[i].roi, rj = c->items[j].roi;

  if (c->urgency[i] != c->urgency[j])
    return c->urgency[i] < c->urgency[j] ? -1 : 1;
  if (c->tail[i] != c->tail[j])
    return c->tail[i] > c->tail[j] ? -1 : 1;
  if (isnan (ri) != isnan (rj))
    return isnan (ri) ? 1 : -1;
  if (!isnan (ri) && ri != rj)
    return ri > rj ? -1 : 1;
  return strcmp (c->keys[i], c->keys[j]);
}

typedef struct
{
  const double *start;
  const guint  *rank;
} StartOrder;

static int
compare_start (gconstpointer a,
               gconstpointer b,
               gpointer      data)
{
  const StartOrder *o = data;
  guint i = *(const guint *) a;
  guint j = *(const guint *) b;

  if (o->start[i] != o->start[j])
    return o->start[i] < o->start[j] ? -1 : 1;
  return o->rank[i] < o->rank[j] ? -1 : o->rank[i] > o->rank[j];
}

static char *
format_cycle (const Compute *c,
              GArray        *cycle)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < cycle->len; i++)
    {
      guint v = g_array_index (cycle, guint, i);

      if (i > 0)
        g_string_append (text, " -> ");
      if (v < c->n)
        g_string_append (text, c->keys[v]);
      else
        g_string_append (text, g_array_index (c->input->milestones, InputMilestone,
                                              c->ms_input[v - c->n]).key);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
warn_unlimited (GPtrArray            *warnings,
                const GwScheduleRole *role)
{
  guint n = role->n_items;

  if (role->name == NULL)
    g_ptr_array_add (warnings, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
      "%u item has no owner role: it is scheduled as if any number of people could work on it.",
      "%u items have no owner role: they are scheduled as if any number of people could work on them.", n), n));
  else if (!role->defined)
    g_ptr_array_add (warnings, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
      "Role “%s” is not defined: its %u item is scheduled as if any number of people could work on it.",
      "Role “%s” is not defined: its %u items are scheduled as if any number of people could work on them.", n),
      role->name, n));
  else if (role->headcount <= 0)
    g_ptr_array_add (warnings, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
      "Role “%s” has no people: its %u item is scheduled as if any number of people could work on it.",
      "Role “%s” has no people: its %u items are scheduled as if any number of people could work on them.", n),
      role->name, n));
  else
    g_ptr_array_add (warnings, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
      "Role “%s” has no working hours: its %u item is scheduled as if any number of people could work on it.",
      "Role “%s” has no working hours: its %u items are scheduled as if any number of people could work on them.", n),
      role->name, n));
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
schedule_free (ScheduleReal *real)
{
  GwSchedule *s = &real->pub;

  gw_calendar_unref (s->calendar);
  g_free ((gpointer) s->keys);
  g_free (s->items);
  for (guint r = 0; r < s->n_roles; r++)
    g_free (s->roles[r].name);
  g_free (s->roles);
  for (guint k = 0; k < s->n_milestones; k++)
    g_free (s->milestones[k].key);
  g_free (s->milestones);
  g_free (s->order);
  g_free (s->critical_path);
  g_clear_pointer (&s->weeks, gw_schedule_load_free);
  g_ptr_array_unref (s->warnings);
  gw_schedule_input_unref (real->input);
  g_free (real);
}

GwSchedule *
gw_schedule_ref (GwSchedule *schedule)
{
  g_return_val_if_fail (schedule != NULL, NULL);
  g_atomic_ref_count_inc (&((ScheduleReal *) schedule)->ref_count);
  return schedule;
}

void
gw_schedule_unref (GwSchedule *schedule)
{
  ScheduleReal *real = (ScheduleReal *) schedule;

  if (real != NULL && g_atomic_ref_count_dec (&real->ref_count))
    schedule_free (real);
}

/* Roles in schedule order: defined ones by name, then undefined owners by
 * name, then the items without an owner. Fills s->roles and role_of
 * (input role -> schedule role; role_of[n_input] for no owner). */
static void
setup_roles (GwSchedule      *s,
             GwScheduleInput *input,
             guint           *role_of,
             double           week_hours)
{
  guint n_in = input->roles->len;
  const InputRole *in = (const InputRole *) input->roles->data;
  g_autofree guint *sorted = g_new (guint, n_in + 1);
  gboolean no_owner = FALSE;

  for (guint i = 0; i < input->items->len; i++)
    if (g_array_index (input->items, InputItem, i).role < 0)
      no_owner = TRUE;
  for (guint r = 0; r < n_in; r++)
    sorted[r] = r;
  g_qsort_with_data (sorted, n_in, sizeof (guint), compare_names, (gpointer) in);

  s->n_roles = n_in + (no_owner ? 1 : 0);
  s->roles = g_new0 (GwScheduleRole, MAX (s->n_roles, 1));
  for (guint k = 0; k < n_in; k++)
    {
      const InputRole *r = &in[sorted[k]];
      GwScheduleRole *out = &s->roles[k];

      role_of[sorted[k]] = k;
      out->name = g_strdup (r->name);
      out->defined = r->defined;
      out->headcount = r->defined ? r->headcount : 0;
      out->hours_per_week = r->defined ? r->hours_per_week : week_hours;
      out->limited = r->defined && r->headcount > 0 && r->hours_per_week > 0;
    }
  role_of[n_in] = n_in;
  if (no_owner)
    {
      s->roles[n_in].hours_per_week = week_hours;
      s->roles[n_in].limited = FALSE;
    }
}

/* Milestones in schedule order; fills ms_of (input -> schedule) and
 * ms_input (schedule -> input), and the gates. */
static void
setup_milestones (GwSchedule      *s,
                  GwScheduleInput *input,
                  guint           *ms_of,
                  guint           *ms_input,
                  int             *gate)
{
  guint m = input->milestones->len;
  const InputMilestone *in = (const InputMilestone *) input->milestones->data;

  for (guint k = 0; k < m; k++)
    ms_input[k] = k;
  g_qsort_with_data (ms_input, m, sizeof (guint), compare_milestones, (gpointer) in);

  s->n_milestones = m;
  s->milestones = g_new0 (GwScheduleMilestone, MAX (m, 1));
  for (guint k = 0; k < m; k++)
    ms_of[ms_input[k]] = k;
  for (guint k = 0; k < m; k++)
    {
      const InputMilestone *im = &in[ms_input[k]];
      GwScheduleMilestone *out = &s->milestones[k];

      out->key = g_strdup (im->key);
      out->defined = im->defined;
      out->start = out->finish = NAN;
      out->requires = -1;
      gate[k] = -1;
      if (im->requires != NULL)
        {
          gpointer value = g_hash_table_lookup (input->milestone_by_key, im->requires);

          if (value == NULL)
            g_ptr_array_add (s->warnings,
                             g_strdup_printf (_("Milestone “%s” requires “%s”, which is not a milestone: the gate is ignored."),
                                              im->key, im->requires));
          else
            gate[k] = out->requires = (int) ms_of[GPOINTER_TO_UINT (value) - 1];
        }
    }
}

/**
 * gw_schedule_compute:
 * @input: the snapshot of a register
 *
 * Computes the critical path and the resource-constrained schedule of
 * @input by the rules at the top of gw-schedule.h.
 *
 * Returns: (transfer full) (nullable): the schedule, or %NULL with @error
 *   set when the dependencies form a cycle
 */
GwSchedule *
gw_schedule_compute (GwScheduleInput  *input,
                     GError          **error)
{
  ScheduleReal *real;
  GwSchedule *s;
  const InputItem *items;
  guint n, m, n_nodes, n_roles_in, base_edges;
  double week_hours, T = 0, makespan = 0;
  g_autofree guint *role_of = NULL;
  g_autofree guint *ms_of = NULL;
  g_autofree guint *ms_input = NULL;
  g_autofree int *gate = NULL;
  g_autofree double *dur = NULL;
  g_autofree double *es = NULL;
  g_autofree double *ls = NULL;
  g_autofree double *tail = NULL;
  g_autofree double *release = NULL;
  g_autofree double *start = NULL;
  g_autofree double *finish = NULL;
  g_autofree guint *topo = NULL;
  g_autofree guint *rank = NULL;
  g_autofree int *urgency = NULL;
  g_autofree guint *remaining = NULL;
  g_autofree guint *deferred_deps = NULL;
  g_autofree int *person = NULL;
  g_autofree guint *people_count = NULL;
  g_autofree gboolean *dirty = NULL;
  g_autoptr(GArray) edges = g_array_new (FALSE, FALSE, sizeof (Edge));
  g_autoptr(GArray) events = NULL;
  g_autoptr(GArray) dirty_list = NULL;
  g_autoptr(GArray) chain = NULL;
  g_autoptr(GPtrArray) deferred_keys = NULL;
  GArray **ready = NULL;
  GArray **people = NULL;
  Graph g = { 0 };
  Compute c = { 0 };
  guint n_active = 0;

  g_return_val_if_fail (input != NULL, NULL);

  n = input->items->len;
  m = input->milestones->len;
  n_nodes = n + m;
  n_roles_in = input->roles->len;
  items = (const InputItem *) input->items->data;
  week_hours = gw_calendar_get_hours_per_week (input->calendar);

  real = g_new0 (ScheduleReal, 1);
  g_atomic_ref_count_init (&real->ref_count);
  real->input = gw_schedule_input_ref (input);
  s = &real->pub;
  s->calendar = gw_calendar_ref (input->calendar);
  s->warnings = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < input->warnings->len; i++)
    g_ptr_array_add (s->warnings, g_strdup (g_ptr_array_index (input->warnings, i)));

  /* Roles, milestones, items */
  role_of = g_new (guint, n_roles_in + 1);
  setup_roles (s, input, role_of, week_hours);
  ms_of = g_new (guint, MAX (m, 1));
  ms_input = g_new (guint, MAX (m, 1));
  gate = g_new (int, MAX (m, 1));
  setup_milestones (s, input, ms_of, ms_input, gate);

  s->n_items = n;
  s->items = g_new0 (GwScheduleEntry, MAX (n, 1));
  s->keys = g_new (const char *, n + 1);
  dur = g_new0 (double, n_nodes + 1);
  for (guint i = 0; i < n; i++)
    {
      const InputItem *it = &items[i];
      GwScheduleEntry *e = &s->items[i];
      GwScheduleRole *role;

      ((const char **) s->keys)[i] = it->key;
      e->role = (int) role_of[it->role < 0 ? n_roles_in : (guint) it->role];
      e->milestone = it->milestone < 0 ? -1 : (int) ms_of[it->milestone];
      e->effort_hours = it->effort;
      e->person = -1;
      e->state = it->status == GW_STATUS_DONE ? GW_SCHEDULE_DONE :
                 it->status == GW_STATUS_DEFERRED ? GW_SCHEDULE_DEFERRED : GW_SCHEDULE_ACTIVE;
      e->start = e->finish = e->duration = NAN;
      e->early_start = e->early_finish = e->late_start = e->late_finish = e->slack = NAN;
      if (e->state != GW_SCHEDULE_ACTIVE)
        continue;

      role = &s->roles[e->role];
      dur[i] = role->limited ? it->effort * (week_hours / role->hours_per_week) : it->effort;
      role->n_items++;
      role->effort_hours += it->effort;
      if (e->milestone >= 0)
        s->milestones[e->milestone].n_items++;
      n_active++;
    }
  ((const char **) s->keys)[n] = NULL;
  for (guint r = 0; r < s->n_roles; r++)
    if (!s->roles[r].limited && s->roles[r].n_items > 0)
      warn_unlimited (s->warnings, &s->roles[r]);

  c.input = input;
  c.n = n;
  c.items = items;
  c.keys = (const char **) s->keys;
  c.ms_input = ms_input;

  /* The graph: dependencies between active items, items into their
   * milestone, then the gates (rebuilt when one has to go). */
  deferred_deps = g_new0 (guint, MAX (n, 1));
  for (guint d = 0; d < input->deps->len; d++)
    {
      const InputDep *dep = &g_array_index (input->deps, InputDep, d);
      Edge e = { dep->pred, dep->item, dep->lag };

      if (s->items[dep->item].state != GW_SCHEDULE_ACTIVE ||
          s->items[dep->pred].state == GW_SCHEDULE_DONE)
        continue;
      if (s->items[dep->pred].state == GW_SCHEDULE_DEFERRED)
        {
          deferred_deps[dep->pred]++;
          continue;
        }
      g_array_append_val (edges, e);
    }
  for (guint i = 0; i < n; i++)
    if (s->items[i].state == GW_SCHEDULE_ACTIVE && s->items[i].milestone >= 0)
      {
        Edge e = { i, n + (guint) s->items[i].milestone, 0 };

        g_array_append_val (edges, e);
      }
  base_edges = edges->len;

  deferred_keys = g_ptr_array_new ();
  for (guint i = 0; i < n; i++)
    if (deferred_deps[i] > 0)
      g_ptr_array_add (deferred_keys, (gpointer) items[i].key);
  g_ptr_array_sort (deferred_keys, compare_keys);
  for (guint k = 0; k < deferred_keys->len; k++)
    {
      const char *key = g_ptr_array_index (deferred_keys, k);
      guint count = deferred_deps[GPOINTER_TO_UINT (g_hash_table_lookup (input->item_by_key, key)) - 1];

      g_ptr_array_add (s->warnings, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
        "“%s” is deferred: %u item that depends on it is scheduled without waiting for it.",
        "“%s” is deferred: %u items that depend on it are scheduled without waiting for it.", count),
        key, count));
    }

  topo = g_new (guint, n_nodes + 1);
  for (;;)
    {
      g_autoptr(GArray) cycle = NULL;
      g_autofree char *text = NULL;
      guint ordered;
      int broken = -1;

      g_array_set_size (edges, base_edges);
      for (guint k = 0; k < m; k++)
        {
          if (gate[k] < 0)
            continue;
          {
            Edge e = { n + (guint) gate[k], n + k, 0 };

            g_array_append_val (edges, e);
          }
        }
      for (guint i = 0; i < n; i++)
        {
          int k = s->items[i].milestone;

          if (s->items[i].state == GW_SCHEDULE_ACTIVE && k >= 0 && gate[k] >= 0)
            {
              Edge e = { n + (guint) gate[k], i, 0 };

              g_array_append_val (edges, e);
            }
        }
      graph_build (&g, n_nodes, edges);
      ordered = graph_topo_order (&g, topo);
      if (ordered == n_nodes)
        break;

      /* Edges out of a milestone are gates: drop the gate the cycle goes
       * through, or fail when it is made of dependencies alone. */
      cycle = graph_find_cycle (&g, topo, ordered);
      text = format_cycle (&c, cycle);
      for (guint k = 0; k + 1 < cycle->len && broken < 0; k++)
        {
          guint from = g_array_index (cycle, guint, k + 1);
          guint to = g_array_index (cycle, guint, k);

          if (from >= n)
            broken = to >= n ? (int) (to - n) : s->items[to].milestone;
        }
      if (broken < 0)
        {
          g_set_error (error, GW_SCHEDULE_ERROR, GW_SCHEDULE_ERROR_CYCLE,
                       _("The dependencies form a cycle: %s."), text);
          graph_clear (&g);
          gw_schedule_unref (s);
          return NULL;
        }
      g_ptr_array_add (s->warnings,
                       g_strdup_printf (_("The gate of milestone “%s” on “%s” is ignored: it contradicts the dependencies (%s)."),
                                        s->milestones[broken].key, s->milestones[gate[broken]].key, text));
      gate[broken] = -1;
      s->milestones[broken].requires = -1;
    }

  /* Critical path method: earliest times forward, latest times backward. */
  es = g_new0 (double, n_nodes + 1);
  ls = g_new0 (double, n_nodes + 1);
  tail = g_new0 (double, n_nodes + 1);
  for (guint i = 0; i < n; i++)
    es[i] = s->items[i].state == GW_SCHEDULE_ACTIVE ? items[i].not_before : 0;
  for (guint t = 0; t < n_nodes; t++)
    {
      guint v = topo[t];
      double ef = es[v] + dur[v];

      for (guint k = g.succ_start[v]; k < g.succ_start[v + 1]; k++)
        es[g.succ[k]] = MAX (es[g.succ[k]], ef + g.succ_lag[k]);
      if (v < n && s->items[v].state == GW_SCHEDULE_ACTIVE)
        T = MAX (T, ef);
    }
  {
    g_autofree double *lf = g_new (double, n_nodes + 1);

    for (guint v = 0; v < n_nodes; v++)
      lf[v] = T;
    for (guint t = n_nodes; t-- > 0; )
      {
        guint v = topo[t];

        ls[v] = lf[v] - dur[v];
        tail[v] = T - ls[v];
        for (guint k = g.pred_start[v]; k < g.pred_start[v + 1]; k++)
          lf[g.pred[k]] = MIN (lf[g.pred[k]], ls[v] - g.pred_lag[k]);
      }
  }
  c.tail = tail;

  for (guint i = 0; i < n; i++)
    {
      GwScheduleEntry *e = &s->items[i];

      if (e->state != GW_SCHEDULE_ACTIVE)
        continue;
      e->duration = dur[i];
      e->early_start = es[i];
      e->early_finish = es[i] + dur[i];
      e->late_start = ls[i];
      e->late_finish = ls[i] + dur[i];
      e->slack = MAX (ls[i] - es[i], 0);
      e->critical = ls[i] - es[i] <= EPSILON;
    }
  s->critical_path_hours = T;

  /* The critical path: from the critical item that ends last, back
   * through the predecessors that hold it up, ties by key. */
  chain = g_array_new (FALSE, FALSE, sizeof (guint));
  {
    guint cur = G_MAXUINT;

    for (guint i = 0; i < n; i++)
      if (s->items[i].state == GW_SCHEDULE_ACTIVE && s->items[i].critical &&
          fabs (es[i] + dur[i] - T) <= EPSILON &&
          (cur == G_MAXUINT || strcmp (items[i].key, items[cur].key) < 0))
        cur = i;
    while (cur != G_MAXUINT)
      {
        guint best = G_MAXUINT;

        if (cur < n)
          g_array_append_val (chain, cur);
        for (guint k = g.pred_start[cur]; k < g.pred_start[cur + 1]; k++)
          {
            guint p = g.pred[k];
            const char *pk, *bk;

            if (ls[p] - es[p] > EPSILON || fabs (es[p] + dur[p] + g.pred_lag[k] - es[cur]) > EPSILON)
              continue;
            if (best == G_MAXUINT)
              {
                best = p;
                continue;
              }
            /* Items before milestones, then by key. */
            if ((p < n) != (best < n))
              {
                if (p < n)
                  best = p;
                continue;
              }
            pk = p < n ? items[p].key : s->milestones[p - n].key;
            bk = best < n ? items[best].key : s->milestones[best - n].key;
            if (strcmp (pk, bk) < 0)
              best = p;
          }
        cur = best;
      }
  }
  s->n_critical_path = chain->len;
  s->critical_path = g_new (guint, MAX (chain->len, 1));
  for (guint k = 0; k < chain->len; k++)
    {
      guint i = g_array_index (chain, guint, chain->len - 1 - k);

      s->critical_path[k] = i;
      s->critical_path_effort += items[i].effort;
    }

  /* An item is as urgent as the most urgent item that waits for it: a P3
   * item that a P0 item depends on must start as early as that P0 item's
   * own work would, or the P0 item waits. Gates pass urgency on too. */
  urgency = g_new (int, n_nodes + 1);
  for (guint t = n_nodes; t-- > 0; )
    {
      guint v = topo[t];

      urgency[v] = v < n ? (int) items[v].priority : GW_N_PRIORITIES;
      for (guint k = g.succ_start[v]; k < g.succ_start[v + 1]; k++)
        urgency[v] = MIN (urgency[v], urgency[g.succ[k]]);
      if (v < n && s->items[v].state == GW_SCHEDULE_ACTIVE)
        s->items[v].urgency = (GwPriority) urgency[v];
    }
  c.urgency = urgency;

  /* Priority order of the active items. */
  s->n_active = n_active;
  s->order = g_new (guint, MAX (n_active, 1));
  rank = g_new0 (guint, MAX (n, 1));
  {
    guint k = 0;

    for (guint i = 0; i < n; i++)
      if (s->items[i].state == GW_SCHEDULE_ACTIVE)
        s->order[k++] = i;
    g_qsort_with_data (s->order, n_active, sizeof (guint), compare_priority, &c);
    for (k = 0; k < n_active; k++)
      rank[s->order[k]] = k;
  }

  /* List scheduling: events in time order; after all events of a moment,
   * each role whose ready items or people changed starts what it can. */
  release = g_new (double, n_nodes + 1);
  start = g_new (double, n_nodes + 1);
  finish = g_new (double, n_nodes + 1);
  remaining = g_new (guint, n_nodes + 1);
  person = g_new (int, MAX (n, 1));
  people_count = g_new0 (guint, s->n_roles + 1);
  dirty = g_new0 (gboolean, s->n_roles + 1);
  dirty_list = g_array_new (FALSE, FALSE, sizeof (guint));
  events = g_array_sized_new (FALSE, FALSE, sizeof (Event), 1024);
  ready = g_new0 (GArray *, s->n_roles + 1);
  people = g_new0 (GArray *, s->n_roles + 1);
  for (guint r = 0; r < s->n_roles; r++)
    {
      ready[r] = g_array_new (FALSE, FALSE, sizeof (guint));
      people[r] = g_array_new (FALSE, FALSE, sizeof (Person));
      if (s->roles[r].limited)
        for (int p = 0; p < s->roles[r].headcount; p++)
          {
            Person free_person = { 0, (guint) p };

            g_array_append_val (people[r], free_person);
          }
    }

  for (guint v = 0; v < n_nodes; v++)
    {
      gboolean active = v >= n || s->items[v].state == GW_SCHEDULE_ACTIVE;

      release[v] = v < n && active ? items[v].not_before : 0;
      remaining[v] = g.pred_start[v + 1] - g.pred_start[v];
      start[v] = finish[v] = NAN;
      if (v < n)
        person[v] = -1;
      if (active && remaining[v] == 0)
        event_push (events, release[v], v, EVENT_RELEASE);
    }

  while (events->len > 0)
    {
      double now = g_array_index (events, Event, 0).time;

      while (events->len > 0 && g_array_index (events, Event, 0).time <= now)
        {
          Event ev = event_pop (events);
          guint v = ev.node;

          if (ev.kind == EVENT_RELEASE)
            {
              if (v >= n || dur[v] == 0)
                {
                  start[v] = finish[v] = now;
                  event_push (events, now, v, EVENT_FINISH);
                }
              else
                {
                  guint r = (guint) s->items[v].role;

                  ready_push (ready[r], rank, v);
                  if (!dirty[r])
                    {
                      dirty[r] = TRUE;
                      g_array_append_val (dirty_list, r);
                    }
                }
              continue;
            }

          if (v < n && dur[v] > 0)
            {
              guint r = (guint) s->items[v].role;

              if (!dirty[r])
                {
                  dirty[r] = TRUE;
                  g_array_append_val (dirty_list, r);
                }
            }
          for (guint k = g.succ_start[v]; k < g.succ_start[v + 1]; k++)
            {
              guint w = g.succ[k];

              release[w] = MAX (release[w], finish[v] + g.succ_lag[k]);
              if (--remaining[w] == 0)
                event_push (events, MAX (release[w], now), w, EVENT_RELEASE);
            }
        }

      for (guint d = 0; d < dirty_list->len; d++)
        {
          guint r = g_array_index (dirty_list, guint, d);
          gboolean limited = s->roles[r].limited;

          dirty[r] = FALSE;
          while (ready[r]->len > 0)
            {
              Person p;
              guint i;

              if (people[r]->len > 0 && g_array_index (people[r], Person, 0).free <= now)
                p = person_pop (people[r]);
              else if (!limited)
                p = (Person) { now, people_count[r]++ };
              else
                break;

              i = ready_pop (ready[r], rank);
              start[i] = now;
              finish[i] = now + dur[i];
              person[i] = (int) p.person;
              p.free = finish[i];
              person_push (people[r], p);
              event_push (events, finish[i], i, EVENT_FINISH);
            }
        }
      g_array_set_size (dirty_list, 0);
    }

  for (guint r = 0; r < s->n_roles; r++)
    {
      g_array_unref (ready[r]);
      g_array_unref (people[r]);
    }
  g_free (ready);
  g_free (people);
  graph_clear (&g);

  /* Results */
  {
    g_autofree gboolean *used = NULL;
    guint total_people = 0;
    g_autofree guint *base = g_new0 (guint, s->n_roles + 1);
    StartOrder so = { start, rank };

    for (guint r = 0; r < s->n_roles; r++)
      {
        base[r] = total_people;
        total_people += s->roles[r].limited ? (guint) s->roles[r].headcount : people_count[r];
      }
    used = g_new0 (gboolean, total_people + 1);

    for (guint i = 0; i < n; i++)
      {
        GwScheduleEntry *e = &s->items[i];
        GwScheduleMilestone *ms;

        if (e->state != GW_SCHEDULE_ACTIVE)
          continue;
        e->start = start[i];
        e->finish = finish[i];
        e->person = person[i];
        makespan = MAX (makespan, finish[i]);
        if (person[i] >= 0 && !used[base[e->role] + (guint) person[i]])
          {
            used[base[e->role] + (guint) person[i]] = TRUE;
            s->roles[e->role].people_used++;
          }
        if (e->milestone < 0)
          continue;
        ms = &s->milestones[e->milestone];
        if (isnan (ms->start) || start[i] < ms->start)
          ms->start = start[i];
        if (isnan (ms->finish) || finish[i] > ms->finish)
          ms->finish = finish[i];
      }
    g_qsort_with_data (s->order, n_active, sizeof (guint), compare_start, &so);
  }
  s->makespan_hours = makespan;
  s->makespan_days = gw_calendar_calendar_days (s->calendar, makespan, GW_CALENDAR_FINISH);
  s->weeks = gw_schedule_load_new (s, GW_SCHEDULE_PERIOD_WEEK);
  return s;
}

/**
 * gw_schedule_new_from_store:
 *
 * Schedules @store as it is now.
 *
 * Returns: (transfer full) (nullable): the schedule, or %NULL with @error set
 */
GwSchedule *
gw_schedule_new_from_store (GwStore  *store,
                            GError  **error)
{
  g_autoptr(GwScheduleInput) input = NULL;

  g_return_val_if_fail (GW_IS_STORE (store), NULL);

  input = gw_schedule_input_new_from_store (store, error);
  if (input == NULL)
    return NULL;
  return gw_schedule_compute (input, error);
}

/**
 * gw_schedule_lookup:
 *
 * Returns: the index of the item with @key, or -1
 */
int
gw_schedule_lookup (const GwSchedule *schedule,
                    const char       *key)
{
  const ScheduleReal *real = (const ScheduleReal *) schedule;
  gpointer value;

  g_return_val_if_fail (schedule != NULL, -1);
  g_return_val_if_fail (key != NULL, -1);

  value = g_hash_table_lookup (real->input->item_by_key, key);
  return value ? GPOINTER_TO_INT (value) - 1 : -1;
}

/**
 * gw_schedule_get_role_name:
 *
 * Returns: the name of role @role, or a label for the items without an owner
 */
const char *
gw_schedule_get_role_name (const GwSchedule *schedule,
                           int               role)
{
  g_return_val_if_fail (schedule != NULL, NULL);
  g_return_val_if_fail (role >= 0 && (guint) role < schedule->n_roles, NULL);

  return schedule->roles[role].name ? schedule->roles[role].name : _("No owner");
}

/* Load per period */

void
gw_schedule_load_free (GwScheduleLoad *load)
{
  if (load == NULL)
    return;
  g_strfreev (load->labels);
  g_free (load->first_days);
  g_free (load->last_days);
  g_free (load->hours);
  g_free (load->people);
  g_free (load->role_hours);
  g_free (load->peak_people);
  g_free (load);
}

static void
load_alloc (GwScheduleLoad *load,
            guint           n_periods)
{
  guint cells = MAX (n_periods * load->n_roles, 1);

  load->n_periods = n_periods;
  load->labels = g_new0 (char *, n_periods + 1);
  load->first_days = g_new0 (GDate, MAX (n_periods, 1));
  load->last_days = g_new0 (GDate, MAX (n_periods, 1));
  load->hours = g_new0 (double, cells);
  load->people = g_new0 (int, cells);
  load->role_hours = g_new0 (double, MAX (load->n_roles, 1));
  load->peak_people = g_new0 (int, MAX (load->n_roles, 1));
}

/* Periods of calendar time (weeks or months) from the one holding the
 * start date to the one holding the last finish. */
static void
load_time_periods (GwScheduleLoad   *load,
                   const GwSchedule *s)
{
  GDate first, last, day;
  g_autoptr(GArray) firsts = g_array_new (FALSE, FALSE, sizeof (GDate));

  gw_calendar_get_start_date (s->calendar, &day);
  gw_calendar_get_wall (s->calendar, s->makespan_hours, GW_CALENDAR_FINISH, &last, NULL);
  if (load->kind == GW_SCHEDULE_PERIOD_WEEK)
    gw_calendar_get_week_start (s->calendar, 1, &first);
  else
    {
      first = day;
      g_date_set_day (&first, 1);
    }
  day = first;
  while (g_date_compare (&day, &last) <= 0)
    {
      g_array_append_val (firsts, day);
      if (load->kind == GW_SCHEDULE_PERIOD_WEEK)
        g_date_add_days (&day, 7);
      else
        g_date_add_months (&day, 1);
    }
  g_array_append_val (firsts, day);   /* the end of the last period */

  load_alloc (load, firsts->len - 1);
  for (guint k = 0; k < load->n_periods; k++)
    {
      GDate *f = &g_array_index (firsts, GDate, k);

      load->first_days[k] = *f;
      load->last_days[k] = g_array_index (firsts, GDate, k + 1);
      g_date_subtract_days (&load->last_days[k], 1);
      if (load->kind == GW_SCHEDULE_PERIOD_WEEK)
        load->labels[k] = g_strdup_printf (_("Week %u"), k + 1);
      else
        load->labels[k] = g_strdup_printf ("%04u-%02u", (guint) g_date_get_year (f), (guint) g_date_get_month (f));
    }
}

/**
 * gw_schedule_load_new:
 * @kind: weeks, months or milestones
 *
 * Adds up the hours worked and counts the people at work per period and
 * role. An item's effort is spread evenly over its duration; a milestone's
 * period holds the work of its items.
 *
 * Returns: (transfer full): the table
 */
GwScheduleLoad *
gw_schedule_load_new (const GwSchedule *s,
                      GwSchedulePeriod  kind)
{
  GwScheduleLoad *load;
  g_autofree guint *base = NULL;
  g_autofree guint *last_seen = NULL;
  guint total_people = 0;

  g_return_val_if_fail (s != NULL, NULL);

  load = g_new0 (GwScheduleLoad, 1);
  load->kind = kind;
  load->n_roles = s->n_roles;

  base = g_new0 (guint, s->n_roles + 1);
  for (guint r = 0; r < s->n_roles; r++)
    {
      base[r] = total_people;
      total_people += (guint) MAX (s->roles[r].people_used, s->roles[r].headcount);
    }
  last_seen = g_new (guint, total_people + 1);
  for (guint p = 0; p <= total_people; p++)
    last_seen[p] = G_MAXUINT;

#define COUNT_PERSON(k, e) \
  G_STMT_START { \
    guint g_ = base[(e)->role] + (guint) (e)->person; \
    if ((e)->person >= 0 && last_seen[g_] != (k)) \
      { \
        last_seen[g_] = (k); \
        load->people[(k) * load->n_roles + (guint) (e)->role]++; \
      } \
  } G_STMT_END

  if (kind == GW_SCHEDULE_PERIOD_MILESTONE)
    {
      gboolean none = FALSE;
      g_autofree guint *bucket_start = NULL;
      g_autofree guint *bucket = NULL;
      g_autofree guint *fill = NULL;
      guint n_periods;

      for (guint k = 0; k < s->n_active; k++)
        if (s->items[s->order[k]].milestone < 0)
          none = TRUE;
      n_periods = s->n_milestones + (none ? 1 : 0);
      load_alloc (load, n_periods);
      for (guint k = 0; k < n_periods; k++)
        {
          double first = k < s->n_milestones ? s->milestones[k].start : NAN;
          double last = k < s->n_milestones ? s->milestones[k].finish : NAN;

          load->labels[k] = g_strdup (k < s->n_milestones ? s->milestones[k].key : "");
          if (k == s->n_milestones)
            for (guint j = 0; j < s->n_active; j++)
              {
                const GwScheduleEntry *e = &s->items[s->order[j]];

                if (e->milestone < 0)
                  {
                    first = isnan (first) ? e->start : MIN (first, e->start);
                    last = isnan (last) ? e->finish : MAX (last, e->finish);
                  }
              }
          g_date_clear (&load->first_days[k], 1);
          g_date_clear (&load->last_days[k], 1);
          if (!isnan (first))
            {
              gw_calendar_get_wall (s->calendar, first, GW_CALENDAR_START, &load->first_days[k], NULL);
              gw_calendar_get_wall (s->calendar, last, GW_CALENDAR_FINISH, &load->last_days[k], NULL);
            }
        }

      /* Items by milestone (in start order), so that each person is
       * counted once per milestone. */
      bucket_start = g_new0 (guint, n_periods + 2);
      bucket = g_new (guint, MAX (s->n_active, 1));
      for (guint j = 0; j < s->n_active; j++)
        {
          int ms = s->items[s->order[j]].milestone;

          bucket_start[(ms < 0 ? s->n_milestones : (guint) ms) + 1]++;
        }
      for (guint k = 0; k < n_periods; k++)
        bucket_start[k + 1] += bucket_start[k];
      fill = g_memdup2 (bucket_start, (n_periods + 1) * sizeof (guint));
      for (guint j = 0; j < s->n_active; j++)
        {
          int ms = s->items[s->order[j]].milestone;

          bucket[fill[ms < 0 ? s->n_milestones : (guint) ms]++] = s->order[j];
        }
      for (guint k = 0; k < n_periods; k++)
        for (guint j = bucket_start[k]; j < bucket_start[k + 1]; j++)
          {
            const GwScheduleEntry *e = &s->items[bucket[j]];

            load->hours[k * load->n_roles + (guint) e->role] += e->effort_hours;
            if (e->duration > 0)
              COUNT_PERSON (k, e);
          }
    }
  else
    {
      g_autofree double *bounds = NULL;

      load_time_periods (load, s);
      bounds = g_new (double, load->n_periods + 1);
      for (guint k = 0; k < load->n_periods; k++)
        bounds[k] = gw_calendar_hours_at_date (s->calendar, &load->first_days[k]);
      {
        GDate after = load->last_days[load->n_periods - 1];

        g_date_add_days (&after, 1);
        bounds[load->n_periods] = gw_calendar_hours_at_date (s->calendar, &after);
      }

      for (guint j = 0; j < s->n_active; j++)
        {
          const GwScheduleEntry *e = &s->items[s->order[j]];
          double rate;
          guint lo = 0, hi = load->n_periods;

          if (!(e->duration > 0))
            continue;
          rate = e->effort_hours / e->duration;
          /* the last period that begins at or before the start */
          while (hi - lo > 1)
            {
              guint mid = lo + (hi - lo) / 2;

              if (bounds[mid] <= e->start)
                lo = mid;
              else
                hi = mid;
            }
          for (guint k = lo; k < load->n_periods && bounds[k] < e->finish; k++)
            {
              double overlap = MIN (e->finish, bounds[k + 1]) - MAX (e->start, bounds[k]);

              if (overlap <= 0)
                continue;
              load->hours[k * load->n_roles + (guint) e->role] += overlap * rate;
              COUNT_PERSON (k, e);
            }
        }
    }
#undef COUNT_PERSON

  for (guint k = 0; k < load->n_periods; k++)
    for (guint r = 0; r < load->n_roles; r++)
      {
        load->role_hours[r] += load->hours[k * load->n_roles + r];
        load->peak_people[r] = MAX (load->peak_people[r], load->people[k * load->n_roles + r]);
      }
  return load;
}
