/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "gw-types.h"

G_BEGIN_DECLS

/* Hours covered by each T-shirt size; index by GwSize (GW_SIZE_NONE unused). */
typedef struct
{
  double min_hours[GW_N_SIZES];
  double max_hours[GW_N_SIZES];
} GwSizeRanges;

typedef struct
{
  double hours;       /* the estimate */
  double min_hours;   /* NAN when no range was given */
  double max_hours;   /* NAN when open-ended or no range */
  GwSize size;        /* GW_SIZE_NONE when no size was given */
} GwEffort;

void     gw_size_ranges_init_default (GwSizeRanges *ranges);
gboolean gw_size_ranges_parse        (const char         *text,
                                      GwSizeRanges       *ranges,
                                      GError            **error);
char    *gw_size_ranges_to_string    (const GwSizeRanges *ranges);
GwSize   gw_size_ranges_classify     (const GwSizeRanges *ranges,
                                      double              hours);
double   gw_size_ranges_midpoint     (const GwSizeRanges *ranges,
                                      GwSize              size);

void     gw_effort_init              (GwEffort           *effort);
gboolean gw_effort_parse             (const char         *text,
                                      double              hours_per_day,
                                      const GwSizeRanges *ranges,
                                      GwEffort           *effort,
                                      GError            **error);
char    *gw_effort_to_string         (const GwEffort     *effort);
char    *gw_format_hours             (double              hours);

G_END_DECLS
