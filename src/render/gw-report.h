/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "gw-render-common.h"
#include "gw-store.h"

G_BEGIN_DECLS

/* The stakeholder report: a multi-page PDF of a register (cover with the
 * verdict, readiness, go/no-go and milestone gates, the quadrant, the
 * critical path, the Gantt chart on landscape pages, resources, top risks
 * and the register as an appendix), always in the light palette. */

typedef enum
{
  GW_PAPER_A4 = 0,
  GW_PAPER_LETTER,
} GwPaper;

gboolean  gw_paper_from_string       (const char  *text,
                                      GwPaper     *paper);
void      gw_paper_get_size          (GwPaper      paper,
                                      double      *width,
                                      double      *height);

typedef struct _GwReport GwReport;

GwReport *gw_report_new              (GwStore     *store,
                                      const GDate *today,
                                      GError     **error);
void      gw_report_free             (GwReport    *report);
gboolean  gw_report_write_pdf        (GwReport    *report,
                                      const char  *path,
                                      GwPaper      paper,
                                      guint       *n_pages,
                                      GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GwReport, gw_report_free)

/* The register as a table over pages of @width x @height points, with
 * the header repeated on every page: what printing the Register page
 * prints. @items are GwItem. */
guint     gw_register_pages_count    (GPtrArray             *items,
                                      const char            *title,
                                      double                 width,
                                      double                 height);
void      gw_register_pages_draw     (GPtrArray             *items,
                                      const char            *title,
                                      cairo_t               *cr,
                                      double                 width,
                                      double                 height,
                                      guint                  page);

G_END_DECLS
