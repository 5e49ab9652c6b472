/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gw-chart-source.h"
#include "gw-report.h"
#include "gw-store.h"
#include "gw-table-export.h"

G_BEGIN_DECLS

/* What the window's export, print and report actions do: the dialogs,
 * the files and the print jobs. Results are told through @toast_func,
 * which shows a toast in the window. Files and paper are always drawn in
 * the light palette. */

typedef void (*GwToastFunc) (gpointer  window,
                             AdwToast *toast);

typedef enum
{
  GW_CHART_SIZE_NATURAL = 0,
  GW_CHART_SIZE_PRESENTATION,   /* 1920 x 1080 */
  GW_CHART_SIZE_CUSTOM,
} GwChartSize;

gboolean           gw_chart_export_write             (GwChartSource   *source,
                                                      const char      *path,
                                                      int              width,
                                                      int              height,
                                                      GError         **error);
void               gw_chart_export_run               (GtkWindow       *parent,
                                                      GwChartSource   *source,
                                                      GwToastFunc      toast_func);

GtkPrintOperation *gw_chart_print_operation_new      (GwChartSource   *source);
GtkPrintOperation *gw_register_print_operation_new   (GListModel      *items,
                                                      const char      *title);
void               gw_chart_export_print             (GtkWindow         *parent,
                                                      GtkPrintOperation *operation,
                                                      GwToastFunc        toast_func);

void               gw_chart_export_report            (GtkWindow       *parent,
                                                      GwStore         *store,
                                                      GwToastFunc      toast_func);
void               gw_chart_export_write_report_async  (GwStore             *store,
                                                        const char          *path,
                                                        GwPaper              paper,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean           gw_chart_export_write_report_finish (GAsyncResult        *result,
                                                        GError             **error);
void               gw_chart_export_markdown          (GtkWindow       *parent,
                                                      GwStore         *store,
                                                      GwToastFunc      toast_func);

void               gw_chart_export_table             (GtkWindow        *parent,
                                                      GwStore          *store,
                                                      GwTableKind       kind,
                                                      GwSchedulePeriod  period,
                                                      GwToastFunc       toast_func);

void               gw_chart_export_write_table_async  (GwStore             *store,
                                                       GwTableKind          kind,
                                                       GwSchedulePeriod     period,
                                                       const char          *path,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean           gw_chart_export_write_table_finish (GAsyncResult        *result,
                                                       GError             **error);

AdwToast          *gw_chart_export_saved_toast       (const char      *path);

G_END_DECLS
