/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gw-csv-writer.h"
#include "gw-schedule.h"

G_BEGIN_DECLS

/* CSV tables of a schedule (RFC 4180 through GwCsvWriter): times as
 * "YYYY-MM-DD HH:MM" of working time, days as YYYY-MM-DD, hours rounded
 * to the hundredth. */

void gw_schedule_csv_write_schedule  (GwCsvWriter      *writer,
                                      const GwSchedule *schedule);
void gw_schedule_csv_write_roadmap   (GwCsvWriter      *writer,
                                      const GwSchedule *schedule,
                                      GPtrArray        *items);
void gw_schedule_csv_write_resources (GwCsvWriter      *writer,
                                      const GwSchedule *schedule,
                                      GwSchedulePeriod  period);

gboolean gw_schedule_period_from_string (const char       *text,
                                         GwSchedulePeriod *period);

G_END_DECLS
