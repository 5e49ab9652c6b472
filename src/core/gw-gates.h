/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "gw-item.h"
#include "gw-schedule.h"
#include "gw-store.h"

G_BEGIN_DECLS

/* Milestone gates, the go/no-go verdict, readiness and the next-action
 * queue: pure computations over a register's items, go/no-go entries and
 * schedule (see gw-gates.c for the rules). */

#define GW_GATES_DEFAULT_SHOULD_THRESHOLD 80.0
/* "This month" in the next-action queue: starts within this many days. */
#define GW_GATES_MONTH_DAYS 30

/* Go/no-go */

#define GW_N_GATE_LEVELS 3

typedef struct
{
  gboolean   go;
  double     threshold;                  /* % of the shoulds that must be done */
  guint      n_total[GW_N_GATE_LEVELS];  /* entries by GwGateLevel */
  guint      n_done[GW_N_GATE_LEVELS];
  double     should_pct;                 /* % of the shoulds done; 100 without shoulds */
  gboolean   should_met;
  GPtrArray *open_musts;                 /* char *: the item's key, or the criterion's text */
  GPtrArray *open_shoulds;
} GwVerdict;

double      gw_gates_get_should_threshold (GwStore               *store);
gboolean    gw_gates_entry_is_done        (const GwDecisionEntry *entry,
                                           GwItem                *item);
const char *gw_gates_entry_label          (const GwDecisionEntry *entry,
                                           GwItem                *item);

GwVerdict  *gw_verdict_new                (GPtrArray             *entries,
                                           GPtrArray             *items,
                                           double                 threshold);
void        gw_verdict_free               (GwVerdict             *verdict);
const char *gw_verdict_get_word           (const GwVerdict       *verdict);
char       *gw_verdict_describe           (const GwVerdict       *verdict);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GwVerdict, gw_verdict_free)

/* Readiness */

typedef struct
{
  char   *category;    /* "" for the items without one */
  guint   n_items;
  guint   n_done;
  double  hours;
  double  hours_done;
} GwReadinessRow;

typedef struct
{
  GwReadinessRow  overall;
  GArray         *categories;   /* GwReadinessRow, in the order the register first names them */
} GwReadiness;

GwReadiness *gw_readiness_new  (GPtrArray   *items);
void         gw_readiness_free (GwReadiness *readiness);
double       gw_readiness_row_pct (const GwReadinessRow *row);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GwReadiness, gw_readiness_free)

/* Next actions */

typedef enum
{
  GW_NEXT_IMMEDIATE = 0,
  GW_NEXT_THIS_MONTH,
  GW_NEXT_LATER,
} GwNextBucket;

#define GW_N_NEXT_BUCKETS 3

typedef struct
{
  GwItem *item;         /* a reference */
  double  start;        /* working hours since the start; NAN when not scheduled */
  GDate   start_date;   /* invalid when not scheduled */
} GwNextAction;

typedef struct
{
  GArray *actions[GW_N_NEXT_BUCKETS];   /* GwNextAction, by start, then priority, then key */
  double  hours[GW_N_NEXT_BUCKETS];     /* their effort */
} GwNextActions;

GwNextActions *gw_next_actions_new     (GPtrArray        *items,
                                        const GwSchedule *schedule,
                                        const GDate      *today);
void           gw_next_actions_free    (GwNextActions    *actions);
const char    *gw_next_bucket_to_label (GwNextBucket      bucket);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GwNextActions, gw_next_actions_free)

/* Top risks */

typedef struct
{
  GwItem *item;         /* a reference */
  int     likelihood;   /* cell of the risk matrix, 0 = rarest */
  int     severity;     /* cell, 0 = mildest */
  int     score;        /* (likelihood + 1) x (severity + 1) */
} GwRiskRank;

GArray   *gw_gates_top_risks       (GPtrArray        *items,
                                    int               cells,
                                    guint             max);

/* Milestones */

gboolean  gw_gates_milestone_dates (const GwSchedule *schedule,
                                    const char       *key,
                                    GDate            *start,
                                    GDate            *finish);

G_END_DECLS
