/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "gw-types.h"

G_BEGIN_DECLS

/* A register's working calendar: the working days of the week, the hours of
 * a working day from day_start, holidays, counted from the start date.
 *
 * Times inside Gapwise are "working hours since the start": 0 is day_start
 * on the first working day on or after the start date, and every working
 * day adds hours_per_day. The calendar turns them into wall times. A time
 * that falls on the boundary between two working days reads as the end of
 * the earlier day for a finish (17:00 with 8 h days from 09:00) and as the
 * beginning of the later day for a start (09:00 the next working day). */
typedef struct _GwCalendar GwCalendar;

typedef enum
{
  GW_CALENDAR_START = 0,   /* a boundary is the beginning of the next working day */
  GW_CALENDAR_FINISH,      /* a boundary is the end of the previous working day */
} GwCalendarEdge;

/* "YYYY-MM-DD HH:MM" and its terminating nul */
#define GW_CALENDAR_TEXT_SIZE 17

#define GW_TYPE_CALENDAR (gw_calendar_get_type ())
GType        gw_calendar_get_type          (void) G_GNUC_CONST;

GwCalendar  *gw_calendar_new               (const GDate    *start,
                                            guint           working_days,
                                            double          hours_per_day,
                                            int             day_start_minutes,
                                            const GDate    *holidays,
                                            guint           n_holidays);
GwCalendar  *gw_calendar_new_from_settings (const char     *start_date,
                                            const char     *working_days,
                                            const char     *hours_per_day,
                                            const char     *day_start,
                                            const char     *holidays,
                                            GError        **error);
GwCalendar  *gw_calendar_new_from_store    (GwStore        *store,
                                            GError        **error);
GwCalendar  *gw_calendar_ref               (GwCalendar     *self);
void         gw_calendar_unref             (GwCalendar     *self);

gboolean     gw_calendar_parse_working_days (const char    *text,
                                             guint         *working_days);
GArray      *gw_calendar_parse_holidays    (const char     *text,
                                            GError        **error);

void         gw_calendar_get_start_date    (const GwCalendar *self,
                                            GDate            *date);
double       gw_calendar_get_hours_per_day (const GwCalendar *self);
double       gw_calendar_get_hours_per_week (const GwCalendar *self);
gboolean     gw_calendar_is_working_day    (const GwCalendar *self,
                                            const GDate      *date);

void         gw_calendar_get_wall          (const GwCalendar *self,
                                            double            hours,
                                            GwCalendarEdge    edge,
                                            GDate            *date,
                                            int              *minute_of_day);
void         gw_calendar_format            (const GwCalendar *self,
                                            double            hours,
                                            GwCalendarEdge    edge,
                                            char              buf[GW_CALENDAR_TEXT_SIZE]);
char        *gw_calendar_to_string         (const GwCalendar *self,
                                            double            hours,
                                            GwCalendarEdge    edge);
gboolean     gw_calendar_parse             (const GwCalendar *self,
                                            const char       *text,
                                            double           *hours);
double       gw_calendar_hours_at_date     (const GwCalendar *self,
                                            const GDate      *date);
int          gw_calendar_week              (const GwCalendar *self,
                                            double            hours,
                                            GwCalendarEdge    edge);
void         gw_calendar_get_week_start    (const GwCalendar *self,
                                            int               week,
                                            GDate            *monday);
double       gw_calendar_calendar_days     (const GwCalendar *self,
                                            double            hours,
                                            GwCalendarEdge    edge);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GwCalendar, gw_calendar_unref)

G_END_DECLS
