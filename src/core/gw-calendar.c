/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "gw-calendar.h"
#include "gw-store.h"

#define MINUTES_PER_DAY (24 * 60)

/* Working days are numbered twice: "naive" counts every working weekday
 * from the start, "real" skips the holidays too. Hours map to real days. */
struct _GwCalendar
{
  gatomicrefcount ref_count;

  guint32  start_julian;
  guint32  monday_julian;     /* Monday of the week holding the start */
  guint    working_days;      /* bit N set: ISO weekday N is worked */
  guint    n_week_days;       /* working days in a week */
  int      offsets[7];        /* day offsets from the start of the working days in [0, 7) */
  gint64   day_minutes;       /* length of a working day */
  int      day_start;         /* minute of the day work starts */
  gint64  *holidays;          /* naive indices of holidays on working days, ascending */
  guint    n_holidays;
  gint64   max_minutes;       /* the last representable time: 9999-12-31 */
};

G_DEFINE_BOXED_TYPE (GwCalendar, gw_calendar, gw_calendar_ref, gw_calendar_unref)

/* Day numbering */

static gint64
naive_julian (const GwCalendar *self,
              gint64            naive)
{
  return (gint64) self->start_julian + 7 * (naive / self->n_week_days) +
         self->offsets[naive % self->n_week_days];
}

/* The naive index of the first working weekday on or after @julian. */
static gint64
naive_index_at (const GwCalendar *self,
                gint64            julian)
{
  gint64 diff = julian - (gint64) self->start_julian;
  gint64 count = 0;
  int rest;

  if (diff <= 0)
    return 0;
  rest = (int) (diff % 7);
  for (guint i = 0; i < self->n_week_days; i++)
    if (self->offsets[i] < rest)
      count++;
  return (diff / 7) * self->n_week_days + count;
}

static gint64
real_to_naive (const GwCalendar *self,
               gint64            real)
{
  gint64 naive = real;

  for (guint i = 0; i < self->n_holidays && self->holidays[i] <= naive; i++)
    naive++;
  return naive;
}

/* The real index of naive day @naive, or of the next working day when it
 * is a holiday. */
static gint64
naive_to_real (const GwCalendar *self,
               gint64            naive)
{
  guint lo = 0, hi = self->n_holidays;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (self->holidays[mid] < naive)
        lo = mid + 1;
      else
        hi = mid;
    }
  return naive - lo;
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static gint64
hours_to_minutes (const GwCalendar *self,
                  double            hours)
{
  double minutes = hours * 60.0;

  if (!(minutes > 0))
    return 0;
  if (minutes >= (double) self->max_minutes)
    return self->max_minutes;
  return llround (minutes);
}

/* Parsing settings */

/**
 * gw_calendar_parse_working_days:
 * @text: ISO weekdays separated by commas, "1,2,3,4,5" for Monday to Friday
 * @working_days: (out): bit N set for ISO weekday N
 *
 * Returns: whether @text names at least one weekday and nothing else
 */
gboolean
gw_calendar_parse_working_days (const char *text,
                                guint      *working_days)
{
  g_auto(GStrv) days = NULL;
  guint mask = 0;

  g_return_val_if_fail (working_days != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  days = g_strsplit (text, ",", -1);
  for (guint i = 0; days[i]; i++)
    {
      char *end = NULL;
      char *day = g_strstrip (days[i]);
      gint64 d = g_ascii_strtoll (day, &end, 10);

      if (end == day || *end != '\0' || d < 1 || d > 7)
        return FALSE;
      mask |= 1u << d;
    }
  if (mask == 0)
    return FALSE;
  *working_days = mask;
  return TRUE;
}

static gboolean
parse_date (const char *text,
            GDate      *date)
{
  int y, m, d;
  char tail;

  if (strlen (text) != 10 || sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 ||
      !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_clear (date, 1);
  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

/**
 * gw_calendar_parse_holidays:
 * @text: dates as YYYY-MM-DD separated by commas (empty entries are
 *   skipped); "" for none
 *
 * Returns: (transfer full) (element-type GDate): the holidays, or %NULL
 *   with @error set when a date cannot be read
 */
GArray *
gw_calendar_parse_holidays (const char  *text,
                            GError     **error)
{
  g_autoptr(GArray) dates = g_array_new (FALSE, FALSE, sizeof (GDate));
  g_auto(GStrv) parts = NULL;

  if (text == NULL)
    return g_steal_pointer (&dates);
  parts = g_strsplit (text, ",", -1);
  for (guint i = 0; parts[i]; i++)
    {
      char *part = g_strstrip (parts[i]);
      GDate date;

      if (*part == '\0')
        continue;   /* "", or a stray comma */
      if (!parse_date (part, &date))
        {
          g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_INVALID,
                       _("Setting “%s”: “%s” is not a date as YYYY-MM-DD."), "holidays", part);
          return NULL;
        }
      g_array_append_val (dates, date);
    }
  return g_steal_pointer (&dates);
}

/* Construction */

/**
 * gw_calendar_new:
 * @start: the day the register's work starts
 * @working_days: bit N set for each worked ISO weekday N (1 = Monday)
 * @hours_per_day: hours in a working day, more than 0 and at most 24
 * @day_start_minutes: when a working day starts, in minutes after midnight
 * @holidays: (array length=n_holidays) (nullable): days off
 *
 * Returns: (transfer full): a new calendar
 */
GwCalendar *
gw_calendar_new (const GDate *start,
                 guint        working_days,
                 double       hours_per_day,
                 int          day_start_minutes,
                 const GDate *holidays,
                 guint        n_holidays)
{
  GwCalendar *self;
  g_autoptr(GArray) naive = g_array_new (FALSE, FALSE, sizeof (gint64));
  GDate last;
  GDate day;

  g_return_val_if_fail (start != NULL && g_date_valid (start), NULL);
  g_return_val_if_fail ((working_days & 0xfe) != 0, NULL);
  g_return_val_if_fail (hours_per_day > 0 && hours_per_day <= 24, NULL);
  g_return_val_if_fail (day_start_minutes >= 0 && day_start_minutes < MINUTES_PER_DAY, NULL);

  self = g_new0 (GwCalendar, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->start_julian = g_date_get_julian (start);
  self->monday_julian = self->start_julian - (g_date_get_weekday (start) - G_DATE_MONDAY);
  self->working_days = working_days & 0xfe;
  self->day_minutes = MAX (1, llround (hours_per_day * 60.0));
  self->day_start = day_start_minutes;

  day = *start;
  for (int i = 0; i < 7; i++)
    {
      if (self->working_days & (1u << g_date_get_weekday (&day)))
        self->offsets[self->n_week_days++] = i;
      g_date_add_days (&day, 1);
    }

  for (guint i = 0; holidays != NULL && i < n_holidays; i++)
    {
      guint32 j;
      gint64 n;

      if (!g_date_valid (&holidays[i]) || !gw_calendar_is_working_day (self, &holidays[i]))
        continue;
      j = g_date_get_julian (&holidays[i]);
      if (j < self->start_julian)
        continue;
      n = naive_index_at (self, j);
      g_array_append_val (naive, n);
    }
  g_array_sort (naive, compare_gint64);
  for (guint i = 1; i < naive->len; i++)
    if (g_array_index (naive, gint64, i) == g_array_index (naive, gint64, i - 1))
      g_array_remove_index (naive, i--);
  self->n_holidays = naive->len;
  self->holidays = (gint64 *) g_array_free (g_steal_pointer (&naive), FALSE);

  /* GDate reaches further, but four-digit years keep the text format. */
  g_date_clear (&last, 1);
  g_date_set_dmy (&last, 31, 12, 9999);
  self->max_minutes = naive_to_real (self, naive_index_at (self, g_date_get_julian (&last)) - 1) *
                      self->day_minutes;
  self->max_minutes = MAX (self->max_minutes, 0);
  return self;
}

/**
 * gw_calendar_new_from_settings:
 * @start_date: YYYY-MM-DD; "" or %NULL for today
 * @working_days: ISO weekdays, "1,2,3,4,5"
 * @hours_per_day: "8"
 * @day_start: "09:00"
 * @holidays: (nullable): "2027-12-24,2027-12-25"
 *
 * Reads a calendar from the text of the register settings of the same names.
 *
 * Returns: (transfer full) (nullable): the calendar, or %NULL with @error
 *   naming the setting that cannot be read
 */
GwCalendar *
gw_calendar_new_from_settings (const char  *start_date,
                               const char  *working_days,
                               const char  *hours_per_day,
                               const char  *day_start,
                               const char  *holidays,
                               GError     **error)
{
  g_autoptr(GArray) days_off = NULL;
  GDate start;
  guint mask;
  double hpd;
  char *end = NULL;
  int h = 0, m = 0;
  char tail;

  if (start_date == NULL || *start_date == '\0')
    {
      g_date_clear (&start, 1);
      g_date_set_time_t (&start, time (NULL));
    }
  else if (!parse_date (start_date, &start))
    {
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_INVALID,
                   _("Setting “%s”: “%s” is not a date as YYYY-MM-DD."), "start_date", start_date);
      return NULL;
    }

  if (!gw_calendar_parse_working_days (working_days ? working_days : "1,2,3,4,5", &mask))
    {
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_INVALID,
                   _("Setting “%s”: “%s” is not a list of weekdays 1 (Monday) to 7 (Sunday)."),
                   "working_days", working_days);
      return NULL;
    }

  hpd = hours_per_day ? g_ascii_strtod (hours_per_day, &end) : 8;
  if (hours_per_day != NULL && (end == hours_per_day || *end != '\0' || !(hpd > 0 && hpd <= 24)))
    {
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_INVALID,
                   _("Setting “%s”: “%s” is not a number of hours from more than 0 to 24."),
                   "hours_per_day", hours_per_day);
      return NULL;
    }

  if (day_start == NULL)
    h = 9;
  else if (sscanf (day_start, "%2d:%2d%c", &h, &m, &tail) != 2 || h < 0 || h > 23 || m < 0 || m > 59)
    {
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_INVALID,
                   _("Setting “%s”: “%s” is not a time as HH:MM."), "day_start", day_start);
      return NULL;
    }

  days_off = gw_calendar_parse_holidays (holidays, error);
  if (days_off == NULL)
    return NULL;

  return gw_calendar_new (&start, mask, hpd, h * 60 + m,
                          (const GDate *) days_off->data, days_off->len);
}

/**
 * gw_calendar_new_from_store:
 *
 * Returns: (transfer full) (nullable): the calendar of @store's settings
 *   start_date, working_days, hours_per_day, day_start and holidays
 */
GwCalendar *
gw_calendar_new_from_store (GwStore  *store,
                            GError  **error)
{
  g_autofree char *start = NULL;
  g_autofree char *days = NULL;
  g_autofree char *hours = NULL;
  g_autofree char *day_start = NULL;
  g_autofree char *holidays = NULL;

  g_return_val_if_fail (GW_IS_STORE (store), NULL);

  start = gw_store_get_setting (store, "start_date");
  days = gw_store_get_setting (store, "working_days");
  hours = gw_store_get_setting (store, "hours_per_day");
  day_start = gw_store_get_setting (store, "day_start");
  holidays = gw_store_get_setting (store, "holidays");
  return gw_calendar_new_from_settings (start, days, hours, day_start, holidays, error);
}

GwCalendar *
gw_calendar_ref (GwCalendar *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
gw_calendar_unref (GwCalendar *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->holidays);
  g_free (self);
}

/* Public API */

void
gw_calendar_get_start_date (const GwCalendar *self,
                            GDate            *date)
{
  g_return_if_fail (self != NULL && date != NULL);
  g_date_clear (date, 1);
  g_date_set_julian (date, self->start_julian);
}

/**
 * gw_calendar_get_hours_per_day:
 *
 * Returns: the hours of a working day (rounded to whole minutes)
 */
double
gw_calendar_get_hours_per_day (const GwCalendar *self)
{
  g_return_val_if_fail (self != NULL, 8);
  return self->day_minutes / 60.0;
}

/**
 * gw_calendar_get_hours_per_week:
 *
 * Returns: the working hours of a week without holidays
 */
double
gw_calendar_get_hours_per_week (const GwCalendar *self)
{
  g_return_val_if_fail (self != NULL, 40);
  return self->n_week_days * (self->day_minutes / 60.0);
}

gboolean
gw_calendar_is_working_day (const GwCalendar *self,
                            const GDate      *date)
{
  g_return_val_if_fail (self != NULL && date != NULL, FALSE);

  if (!(self->working_days & (1u << g_date_get_weekday (date))))
    return FALSE;
  if (self->n_holidays > 0 && g_date_get_julian (date) >= self->start_julian)
    {
      gint64 n = naive_index_at (self, g_date_get_julian (date));

      for (guint i = 0; i < self->n_holidays; i++)
        if (self->holidays[i] == n)
          return FALSE;
    }
  return TRUE;
}

/**
 * gw_calendar_get_wall:
 * @hours: working hours since the start
 * @edge: how to read a time between two working days
 * @date: (out): the day
 * @minute_of_day: (out): minutes after midnight on @date
 *
 * Turns working hours into a wall time, to the nearest minute.
 */
void
gw_calendar_get_wall (const GwCalendar *self,
                      double            hours,
                      GwCalendarEdge    edge,
                      GDate            *date,
                      int              *minute_of_day)
{
  gint64 total, day, offset, julian, minute;

  g_return_if_fail (self != NULL && date != NULL);

  total = hours_to_minutes (self, hours);
  day = total / self->day_minutes;
  offset = total % self->day_minutes;
  if (edge == GW_CALENDAR_FINISH && offset == 0 && day > 0)
    {
      day--;
      offset = self->day_minutes;
    }
  julian = naive_julian (self, real_to_naive (self, day));
  minute = self->day_start + offset;
  julian += minute / MINUTES_PER_DAY;
  minute %= MINUTES_PER_DAY;

  g_date_clear (date, 1);
  g_date_set_julian (date, (guint32) julian);
  if (minute_of_day != NULL)
    *minute_of_day = (int) minute;
}

/**
 * gw_calendar_format:
 * @buf: (out caller-allocates): receives "YYYY-MM-DD HH:MM"
 *
 * Writes the wall time of @hours working hours after the start.
 */
void
gw_calendar_format (const GwCalendar *self,
                    double            hours,
                    GwCalendarEdge    edge,
                    char              buf[GW_CALENDAR_TEXT_SIZE])
{
  GDate date;
  int minute;

  g_return_if_fail (self != NULL && buf != NULL);

  gw_calendar_get_wall (self, hours, edge, &date, &minute);
  g_snprintf (buf, GW_CALENDAR_TEXT_SIZE, "%04u-%02u-%02u %02d:%02d",
              (guint) g_date_get_year (&date), (guint) g_date_get_month (&date),
              (guint) g_date_get_day (&date), minute / 60, minute % 60);
}

/**
 * gw_calendar_to_string:
 *
 * Returns: (transfer full): the wall time of @hours as "YYYY-MM-DD HH:MM"
 */
char *
gw_calendar_to_string (const GwCalendar *self,
                       double            hours,
                       GwCalendarEdge    edge)
{
  char buf[GW_CALENDAR_TEXT_SIZE];

  g_return_val_if_fail (self != NULL, NULL);
  gw_calendar_format (self, hours, edge, buf);
  return g_strdup (buf);
}

/**
 * gw_calendar_hours_at_date:
 *
 * Returns: the working hours from the start to the beginning of the first
 *   working day on or after @date; 0 for days before the start
 */
double
gw_calendar_hours_at_date (const GwCalendar *self,
                           const GDate      *date)
{
  g_return_val_if_fail (self != NULL && date != NULL && g_date_valid (date), 0);

  return naive_to_real (self, naive_index_at (self, g_date_get_julian (date))) *
         (double) self->day_minutes / 60.0;
}

/**
 * gw_calendar_parse:
 * @text: "YYYY-MM-DD HH:MM"
 * @hours: (out): working hours since the start
 *
 * The inverse of gw_calendar_format(): a time outside the working hours of
 * a day reads as the nearest working time after it (or the end of the day).
 *
 * Returns: whether @text is a date and time
 */
gboolean
gw_calendar_parse (const GwCalendar *self,
                   const char       *text,
                   double           *hours)
{
  g_autofree char *day = NULL;
  GDate date;
  int h, m;
  char tail;
  double base;
  gint64 into;

  g_return_val_if_fail (self != NULL && hours != NULL, FALSE);

  if (text == NULL || strlen (text) != 16 || text[10] != ' ')
    return FALSE;
  day = g_strndup (text, 10);
  if (!parse_date (day, &date) ||
      sscanf (text + 11, "%2d:%2d%c", &h, &m, &tail) != 2 || h < 0 || h > 23 || m < 0 || m > 59)
    return FALSE;

  base = gw_calendar_hours_at_date (self, &date);
  if (g_date_get_julian (&date) < self->start_julian || !gw_calendar_is_working_day (self, &date))
    {
      *hours = base;
      return TRUE;
    }
  into = CLAMP ((gint64) (h * 60 + m) - self->day_start, 0, self->day_minutes);
  *hours = base + into / 60.0;
  return TRUE;
}

/**
 * gw_calendar_week:
 *
 * Returns: the week of the wall time of @hours, counted from 1 for the
 *   Monday-to-Sunday week holding the start date
 */
int
gw_calendar_week (const GwCalendar *self,
                  double            hours,
                  GwCalendarEdge    edge)
{
  GDate date;

  g_return_val_if_fail (self != NULL, 1);

  gw_calendar_get_wall (self, hours, edge, &date, NULL);
  return (int) ((g_date_get_julian (&date) - self->monday_julian) / 7) + 1;
}

/**
 * gw_calendar_get_week_start:
 * @week: a week number as gw_calendar_week() counts them
 * @monday: (out): the Monday that week begins with
 */
void
gw_calendar_get_week_start (const GwCalendar *self,
                            int               week,
                            GDate            *monday)
{
  g_return_if_fail (self != NULL && monday != NULL && week >= 1);

  g_date_clear (monday, 1);
  g_date_set_julian (monday, self->monday_julian + 7 * (guint32) (week - 1));
}

/**
 * gw_calendar_calendar_days:
 *
 * Returns: the calendar days (a fraction for the time of day) from
 *   day_start on the start date to the wall time of @hours
 */
double
gw_calendar_calendar_days (const GwCalendar *self,
                           double            hours,
                           GwCalendarEdge    edge)
{
  GDate date;
  int minute;

  g_return_val_if_fail (self != NULL, 0);

  gw_calendar_get_wall (self, hours, edge, &date, &minute);
  return (double) ((gint64) g_date_get_julian (&date) - self->start_julian) +
         (minute - self->day_start) / (double) MINUTES_PER_DAY;
}
