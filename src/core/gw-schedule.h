/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "gw-calendar.h"
#include "gw-store.h"

G_BEGIN_DECLS

/* The scheduler: critical path (CPM) and a resource-constrained schedule of
 * a register, computed from a snapshot of it (GwScheduleInput) by a pure
 * function, gw_schedule_compute().
 *
 * Rules:
 * - Times are working hours since the start (see GwCalendar).
 * - An item is worked by one person of its owner role. Its duration is its
 *   effort stretched by the calendar's week over the role's hours per week
 *   (a 20 h/week role takes 16 working hours for 8 h of effort). Items of
 *   0 hours take no one's time.
 * - Items with no owner, an owner role that is not defined, or a role with
 *   no people or no hours are scheduled as if the role had as many people
 *   as needed (the result's warnings say so); the people counted for them
 *   are the most that work at once.
 * - Dependencies are finish-to-start with a lag in working hours; an item
 *   does not start before its not-before date; when milestone M requires
 *   milestone R, no item of M starts before every item of R (and of what R
 *   requires) is finished. A gate that contradicts the dependencies (an
 *   item of R depends on one of M) is ignored with a warning.
 * - At each moment the ready items of a role start in priority order: P0
 *   first, then the longest remaining path (the item's tail: the working
 *   hours from its late start to the end of the CPM schedule), then the
 *   higher ROI, then the key; each takes the person of the role who has
 *   been free the longest (the lowest-numbered among equals).
 *   The priority that orders an item is the most urgent of its own and
 *   those of the items that wait for it, directly or not (its "urgency"):
 *   a P3 item that a P0 item depends on is started like a P0 item, since
 *   the P0 item cannot start before it is finished.
 * - Done items take no time and hold nothing up: they are not scheduled
 *   and dependencies on them are met. Deferred items are left out; an item
 *   that depends on one is scheduled without waiting for it, with a warning.
 *   To do, in progress and blocked items are scheduled with their whole
 *   effort.
 * - Slack and the critical flag come from the CPM over the same
 *   constraints with unlimited people: the critical path is the chain of
 *   zero-slack items that ends last; critical_path_hours is its length.
 * - The result depends only on the input's content, not on the order the
 *   items, roles or dependencies were added in.
 */

typedef struct _GwScheduleInput GwScheduleInput;
typedef struct _GwSchedule GwSchedule;
typedef struct _GwScheduleLoad GwScheduleLoad;

typedef enum
{
  GW_SCHEDULE_ACTIVE = 0,   /* scheduled */
  GW_SCHEDULE_DONE,         /* done: not scheduled */
  GW_SCHEDULE_DEFERRED,     /* deferred: left out */
} GwScheduleState;

typedef enum
{
  GW_SCHEDULE_PERIOD_WEEK = 0,
  GW_SCHEDULE_PERIOD_MONTH,
  GW_SCHEDULE_PERIOD_MILESTONE,
} GwSchedulePeriod;

/* One item of the result; times are NAN unless the item is active. */
typedef struct
{
  double          start;          /* working hours since the start */
  double          finish;
  double          duration;       /* working hours it takes */
  double          effort_hours;
  double          early_start;    /* CPM */
  double          early_finish;
  double          late_start;
  double          late_finish;
  double          slack;          /* total slack, working hours */
  int             role;           /* index into roles */
  int             person;         /* 0-based person of the role; -1 for none */
  int             milestone;      /* index into milestones; -1 for none */
  GwPriority      urgency;        /* the priority it was scheduled with (see above) */
  GwScheduleState state;
  gboolean        critical;
} GwScheduleEntry;

typedef struct
{
  char     *name;          /* NULL for the items without an owner */
  gboolean  defined;       /* a role of the register */
  gboolean  limited;       /* has people: items wait for a free one */
  int       headcount;
  double    hours_per_week;
  int       people_used;   /* people the schedule puts to work (unlimited: most at once) */
  guint     n_items;       /* active items */
  double    effort_hours;  /* of the active items */
} GwScheduleRole;

typedef struct
{
  char     *key;
  gboolean  defined;       /* a milestone of the register */
  int       requires;      /* the milestone whose items must be finished first; -1 for none */
  double    start;         /* first start of its active items; NAN without any */
  double    finish;        /* last finish */
  guint     n_items;
} GwScheduleMilestone;

/* Hours of work and people busy per period and role. */
struct _GwScheduleLoad
{
  GwSchedulePeriod kind;
  guint     n_periods;
  guint     n_roles;          /* as in the schedule */
  char    **labels;           /* "Week 1", "2027-01", the milestone's key ("" for none) */
  GDate    *first_days;       /* first and last day of each period; invalid for a milestone without items */
  GDate    *last_days;
  double   *hours;            /* [period * n_roles + role] */
  int      *people;           /* [period * n_roles + role]: people who work in the period */
  double   *role_hours;       /* [role]: all periods */
  int      *peak_people;      /* [role]: the most people in one period */
};

/* The result; every field is read-only. Item i is item i of the input. */
struct _GwSchedule
{
  GwCalendar          *calendar;
  guint                n_items;
  const char * const  *keys;             /* [item] */
  GwScheduleEntry     *items;            /* [item] */
  guint                n_roles;
  GwScheduleRole      *roles;            /* defined roles by name, then undefined owners, then no owner */
  guint                n_milestones;
  GwScheduleMilestone *milestones;       /* defined milestones in order, then undefined keys */
  guint                n_active;
  guint               *order;            /* [n_active]: active items by start, then priority order */
  double               makespan_hours;   /* last finish, working hours since the start */
  double               makespan_days;    /* calendar days from day_start on the start date */
  double               critical_path_hours;
  double               critical_path_effort;
  guint                n_critical_path;
  guint               *critical_path;    /* item indices, first to last */
  GwScheduleLoad      *weeks;            /* the load per week and role */
  GPtrArray           *warnings;         /* char *: one sentence each */
};

#define GW_SCHEDULE_ERROR (gw_schedule_error_quark ())

typedef enum
{
  GW_SCHEDULE_ERROR_CYCLE,     /* the dependencies form a cycle */
} GwScheduleError;

GQuark           gw_schedule_error_quark          (void);

/* Input */
GwScheduleInput *gw_schedule_input_new            (GwCalendar       *calendar);
GwScheduleInput *gw_schedule_input_new_from_store (GwStore          *store,
                                                   GError          **error);
GwScheduleInput *gw_schedule_input_new_from_items (GwCalendar       *calendar,
                                                   GPtrArray        *items,
                                                   GPtrArray        *roles,
                                                   GPtrArray        *milestones);
GwScheduleInput *gw_schedule_input_ref            (GwScheduleInput  *input);
void             gw_schedule_input_unref          (GwScheduleInput  *input);
GwCalendar      *gw_schedule_input_get_calendar   (GwScheduleInput  *input);
guint            gw_schedule_input_get_n_items    (GwScheduleInput  *input);

void             gw_schedule_input_add_role       (GwScheduleInput  *input,
                                                   const char       *name,
                                                   int               headcount,
                                                   double            hours_per_week);
void             gw_schedule_input_add_milestone  (GwScheduleInput  *input,
                                                   const char       *key,
                                                   const char       *requires);
int              gw_schedule_input_add_item       (GwScheduleInput  *input,
                                                   const char       *key,
                                                   double            effort_hours,
                                                   GwPriority        priority,
                                                   const char       *owner);
void             gw_schedule_input_set_status     (GwScheduleInput  *input,
                                                   int               item,
                                                   GwStatus          status);
void             gw_schedule_input_set_roi        (GwScheduleInput  *input,
                                                   int               item,
                                                   double            roi_pct);
void             gw_schedule_input_set_milestone  (GwScheduleInput  *input,
                                                   int               item,
                                                   const char       *milestone);
void             gw_schedule_input_set_not_before (GwScheduleInput  *input,
                                                   int               item,
                                                   const GDate      *date);
gboolean         gw_schedule_input_add_dependency (GwScheduleInput  *input,
                                                   int               item,
                                                   const char       *depends_on,
                                                   double            lag_hours);

/* Result */
GwSchedule      *gw_schedule_compute              (GwScheduleInput  *input,
                                                   GError          **error);
GwSchedule      *gw_schedule_new_from_store       (GwStore          *store,
                                                   GError          **error);
GwSchedule      *gw_schedule_ref                  (GwSchedule       *schedule);
void             gw_schedule_unref                (GwSchedule       *schedule);
int              gw_schedule_lookup               (const GwSchedule *schedule,
                                                   const char       *key);
const char      *gw_schedule_get_role_name        (const GwSchedule *schedule,
                                                   int               role);

#define GW_TYPE_SCHEDULE (gw_schedule_get_type ())
GType            gw_schedule_get_type             (void) G_GNUC_CONST;

GwScheduleLoad  *gw_schedule_load_new             (const GwSchedule *schedule,
                                                   GwSchedulePeriod  kind);
void             gw_schedule_load_free            (GwScheduleLoad   *load);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GwScheduleInput, gw_schedule_input_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GwSchedule, gw_schedule_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GwScheduleLoad, gw_schedule_load_free)

G_END_DECLS
