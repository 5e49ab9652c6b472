/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "gw-effort.h"
#include "gw-error.h"

/* Working days per week, for efforts given in weeks. */
#define DAYS_PER_WEEK 5.0
#define MAX_EFFORT_HOURS 1.0e6

typedef struct
{
  const char *text;   /* whole input, for messages */
  const char *p;      /* cursor */
} Scanner;

/* Helpers */

static void
skip_space (Scanner *s)
{
  while (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r')
    s->p++;
}

static gboolean
read_number (Scanner *s,
             double  *out)
{
  const char *start = s->p;
  char buf[64];
  gsize len = 0;

  while (g_ascii_isdigit (*s->p) || *s->p == '.' || *s->p == ',')
    {
      /* A ',' is a decimal comma only between digits ("1,5h"). */
      if (*s->p == ',' && !(s->p > start && g_ascii_isdigit (s->p[1])))
        break;
      if (len + 1 >= sizeof buf)
        return FALSE;
      buf[len++] = *s->p == ',' ? '.' : *s->p;
      s->p++;
    }
  buf[len] = '\0';
  if (len == 0 || !g_ascii_isdigit (buf[0]))
    {
      s->p = start;
      return FALSE;
    }

  {
    char *end = NULL;
    double v = g_ascii_strtod (buf, &end);

    if (end == NULL || *end != '\0' || !isfinite (v))
      {
        s->p = start;
        return FALSE;
      }
    *out = v;
  }
  return TRUE;
}

/* Reads a word of letters (and '-' inside, "person-days"); returns it lower-cased. */
static char *
read_word (Scanner *s)
{
  const char *start = s->p;

  while (g_ascii_isalpha (*s->p) || (*s->p == '-' && s->p > start && g_ascii_isalpha (s->p[1])))
    s->p++;
  if (s->p == start)
    return NULL;
  return g_ascii_strdown (start, s->p - start);
}

/* Returns the factor from the unit to hours, or 0 when @word is no unit. */
static double
unit_factor (const char *word,
             double      hours_per_day)
{
  static const char *hour_words[] = { "h", "hr", "hrs", "hour", "hours", NULL };
  static const char *day_words[] = { "d", "day", "days", "pd", "person-day", "person-days",
                                     "man-day", "man-days", NULL };
  static const char *week_words[] = { "w", "wk", "wks", "week", "weeks", NULL };
  static const char *minute_words[] = { "min", "mins", "minute", "minutes", NULL };

  if (g_strv_contains (hour_words, word))
    return 1.0;
  if (g_strv_contains (day_words, word))
    return hours_per_day;
  if (g_strv_contains (week_words, word))
    return hours_per_day * DAYS_PER_WEEK;
  if (g_strv_contains (minute_words, word))
    return 1.0 / 60.0;
  return 0.0;
}

static gboolean
size_from_word (const char *word,
                GwSize     *size)
{
  return word != NULL && *word != '\0' && gw_size_from_string (word, size) && *size != GW_SIZE_NONE;
}

/* Parses "16-32 hours", "25+ hours", "4h", "2 working days", "3 days". */
static gboolean
read_quantity (Scanner  *s,
               double    hours_per_day,
               GwEffort *e)
{
  double a, b = NAN, factor = 1.0;
  gboolean plus = FALSE;
  const char *save;

  if (!read_number (s, &a))
    return FALSE;

  skip_space (s);
  save = s->p;
  if (*s->p == '-' || g_str_has_prefix (s->p, "to "))
    {
      s->p += *s->p == '-' ? 1 : 2;
      skip_space (s);
      if (!read_number (s, &b))
        s->p = save;
    }
  skip_space (s);
  if (*s->p == '+')
    {
      plus = TRUE;
      s->p++;
      skip_space (s);
    }

  save = s->p;
  {
    g_autofree char *word = read_word (s);

    if (word != NULL && g_str_equal (word, "working"))
      {
        skip_space (s);
        g_free (word);
        word = read_word (s);
      }
    if (word != NULL)
      {
        factor = unit_factor (word, hours_per_day);
        if (factor == 0.0)
          {
            s->p = save;
            return FALSE;
          }
      }
  }

  if (!isnan (b))
    {
      if (b < a)
        return FALSE;
      e->min_hours = a * factor;
      e->max_hours = b * factor;
      e->hours = (e->min_hours + e->max_hours) / 2.0;
    }
  else if (plus)
    {
      e->min_hours = a * factor;
      e->max_hours = NAN;
      e->hours = a * factor;
    }
  else
    {
      e->hours = a * factor;
    }
  return TRUE;
}

/* Skips a trailing note in parentheses: "24 hours (3 working days)". */
static void
skip_note (Scanner *s)
{
  skip_space (s);
  if (*s->p == '(')
    {
      const char *close = strchr (s->p, ')');

      if (close != NULL)
        s->p = close + 1;
    }
  skip_space (s);
}

static char *
normalise_dashes (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x2013 || c == 0x2014 || c == 0x2212)   /* – — − */
        g_string_append_c (out, '-');
      else if (c == 0x00A0)
        g_string_append_c (out, ' ');
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static gboolean
set_parse_error (GError     **error,
                 const char  *text)
{
  g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_INVALID,
               _("“%s” is not an effort: give hours (“4h”), days (“2 days”) or a size (“M”, “L (16-32 hours)”)."),
               text);
  return FALSE;
}

/* Size ranges */

void
gw_size_ranges_init_default (GwSizeRanges *ranges)
{
  static const double bounds[] = { 0, 0, 4, 8, 16, 32, 64, 128 };

  g_return_if_fail (ranges != NULL);

  ranges->min_hours[GW_SIZE_NONE] = 0;
  ranges->max_hours[GW_SIZE_NONE] = 0;
  for (int s = GW_SIZE_XS; s <= GW_SIZE_XXL; s++)
    {
      ranges->min_hours[s] = bounds[s];
      ranges->max_hours[s] = bounds[s + 1];
    }
}

/**
 * gw_size_ranges_parse:
 * @text: "XS=0-4,S=4-8,M=8-16,L=16-32,XL=32-64,XXL=64-128"
 *
 * Sizes not named keep their current range.
 */
gboolean
gw_size_ranges_parse (const char    *text,
                      GwSizeRanges  *ranges,
                      GError       **error)
{
  g_auto(GStrv) parts = NULL;
  GwSizeRanges tmp = *ranges;

  g_return_val_if_fail (text != NULL, FALSE);

  parts = g_strsplit (text, ",", -1);
  for (guint i = 0; parts[i]; i++)
    {
      g_auto(GStrv) kv = g_strsplit (parts[i], "=", 2);
      GwSize size;
      double lo, hi;
      char *end = NULL;

      if (g_strv_length (kv) != 2 || !size_from_word (g_strstrip (kv[0]), &size))
        goto bad;
      lo = g_ascii_strtod (g_strstrip (kv[1]), &end);
      if (end == kv[1] || *end != '-')
        goto bad;
      {
        const char *rest = end + 1;

        hi = g_ascii_strtod (rest, &end);
        if (end == rest || *end != '\0' || lo < 0 || hi <= lo)
          goto bad;
      }
      tmp.min_hours[size] = lo;
      tmp.max_hours[size] = hi;
    }

  *ranges = tmp;
  return TRUE;

bad:
  g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_INVALID,
               _("“%s” is not a list of size ranges such as “XS=0-4,S=4-8”."), text);
  return FALSE;
}

char *
gw_size_ranges_to_string (const GwSizeRanges *ranges)
{
  GString *s = g_string_new (NULL);

  for (int size = GW_SIZE_XS; size <= GW_SIZE_XXL; size++)
    {
      g_autofree char *lo = gw_format_hours (ranges->min_hours[size]);
      g_autofree char *hi = gw_format_hours (ranges->max_hours[size]);

      g_string_append_printf (s, "%s%s=%s-%s", size > GW_SIZE_XS ? "," : "",
                              gw_size_to_string (size), lo, hi);
    }
  return g_string_free (s, FALSE);
}

/**
 * gw_size_ranges_classify:
 *
 * Returns: the size whose range holds @hours (lower bound inclusive).
 */
GwSize
gw_size_ranges_classify (const GwSizeRanges *ranges,
                         double              hours)
{
  for (int size = GW_SIZE_XS; size < GW_SIZE_XXL; size++)
    if (hours < ranges->max_hours[size])
      return size;
  return GW_SIZE_XXL;
}

double
gw_size_ranges_midpoint (const GwSizeRanges *ranges,
                         GwSize              size)
{
  g_return_val_if_fail (size > GW_SIZE_NONE && size <= GW_SIZE_XXL, 0);
  return (ranges->min_hours[size] + ranges->max_hours[size]) / 2.0;
}

/* Effort */

void
gw_effort_init (GwEffort *effort)
{
  effort->hours = 0;
  effort->min_hours = NAN;
  effort->max_hours = NAN;
  effort->size = GW_SIZE_NONE;
}

/**
 * gw_effort_parse:
 * @text: "4h", "4 hours", "1.5h", "2 days", "L (16-32 hours)", "L (20 hours)",
 *   "XL (25+ hours)", "M", "6-8 hours"
 * @hours_per_day: working hours in a day, for efforts given in days
 * @ranges: (nullable): the register's size ranges, or %NULL for the defaults
 *
 * Returns: %TRUE and fills @effort, or %FALSE with @error set.
 */
gboolean
gw_effort_parse (const char          *text,
                 double               hours_per_day,
                 const GwSizeRanges  *ranges,
                 GwEffort            *effort,
                 GError             **error)
{
  g_autofree char *norm = NULL;
  GwSizeRanges defaults;
  Scanner s;
  GwEffort e;
  const char *save;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (effort != NULL, FALSE);

  if (ranges == NULL)
    {
      gw_size_ranges_init_default (&defaults);
      ranges = &defaults;
    }
  if (hours_per_day <= 0)
    hours_per_day = 8.0;

  gw_effort_init (&e);
  norm = g_strstrip (normalise_dashes (text));
  /* A whole effort in parentheses, as in "Task 0.1: Review (2 hours)". */
  if (norm[0] == '(' && norm[strlen (norm) - 1] == ')' && strchr (norm + 1, '(') == NULL)
    {
      norm[strlen (norm) - 1] = '\0';
      memmove (norm, norm + 1, strlen (norm));
    }
  s.text = norm;
  s.p = norm;
  skip_space (&s);

  if (*s.p == '\0')
    return set_parse_error (error, text);

  save = s.p;
  {
    g_autofree char *word = read_word (&s);
    GwSize size;

    if (size_from_word (word, &size) && (*s.p == '\0' || *s.p == ' ' || *s.p == '('))
      e.size = size;
    else
      s.p = save;
  }

  skip_space (&s);
  if (e.size != GW_SIZE_NONE && *s.p == '\0')
    {
      e.min_hours = ranges->min_hours[e.size];
      e.max_hours = ranges->max_hours[e.size];
      e.hours = gw_size_ranges_midpoint (ranges, e.size);
    }
  else if (e.size != GW_SIZE_NONE && *s.p == '(')
    {
      s.p++;
      skip_space (&s);
      if (!read_quantity (&s, hours_per_day, &e))
        return set_parse_error (error, text);
      skip_space (&s);
      if (*s.p != ')')
        return set_parse_error (error, text);
      s.p++;
    }
  else
    {
      if (!read_quantity (&s, hours_per_day, &e))
        return set_parse_error (error, text);
    }

  skip_note (&s);
  if (*s.p != '\0')
    return set_parse_error (error, text);

  if (!(e.hours >= 0 && e.hours <= MAX_EFFORT_HOURS))
    {
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_INVALID,
                   _("The effort “%s” is out of range: it must be between 0 and a million hours."), text);
      return FALSE;
    }

  *effort = e;
  return TRUE;
}

/**
 * gw_format_hours:
 *
 * Returns: @hours with at most two decimals and no trailing zeros ("4", "1.5").
 */
char *
gw_format_hours (double hours)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  double rounded = round (hours * 100.0) / 100.0;

  if (rounded == 0)
    rounded = 0;   /* no "-0" */
  g_ascii_formatd (buf, sizeof buf, "%.2f", rounded);
  if (strchr (buf, '.') != NULL)
    {
      char *end = buf + strlen (buf) - 1;

      while (*end == '0')
        *end-- = '\0';
      if (*end == '.')
        *end = '\0';
    }
  return g_strdup (buf);
}

/**
 * gw_effort_to_string:
 *
 * Returns: the canonical text of @effort, which gw_effort_parse() reads
 *   back into the same effort.
 */
char *
gw_effort_to_string (const GwEffort *effort)
{
  g_autofree char *h = gw_format_hours (effort->hours);
  g_autofree char *lo = isnan (effort->min_hours) ? NULL : gw_format_hours (effort->min_hours);
  g_autofree char *hi = isnan (effort->max_hours) ? NULL : gw_format_hours (effort->max_hours);
  g_autofree char *quantity = NULL;

  if (lo != NULL && hi != NULL)
    quantity = g_strdup_printf ("%s-%s hours", lo, hi);
  else if (lo != NULL)
    quantity = g_strdup_printf ("%s+ hours", lo);
  else
    quantity = g_strdup_printf ("%s %s", h, effort->hours == 1.0 ? "hour" : "hours");

  if (effort->size != GW_SIZE_NONE)
    return g_strdup_printf ("%s (%s)", gw_size_to_string (effort->size), quantity);
  return g_steal_pointer (&quantity);
}
