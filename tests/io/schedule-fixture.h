/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gw-schedule.h"

G_BEGIN_DECLS

/* A small register whose titles, role and milestone names hold what
 * spreadsheets trip over (quotes, commas, a newline, leading '=', '+',
 * '-', '@', non-ASCII and emoji), scheduled from Monday 2027-01-04.
 * The expected figures are worked out by hand in test-schedule-csv.c. */
typedef struct
{
  GPtrArray  *items;       /* GwItem */
  GPtrArray  *roles;       /* GwRole */
  GPtrArray  *milestones;  /* GwMilestone */
  GwSchedule *schedule;
} ScheduleFixture;

ScheduleFixture *schedule_fixture_new  (void);
void             schedule_fixture_free (ScheduleFixture *fx);

GPtrArray       *csv_parse_rows        (const char *data,
                                        gsize       length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScheduleFixture, schedule_fixture_free)

G_END_DECLS
