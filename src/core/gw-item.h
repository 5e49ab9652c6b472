/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "gw-effort.h"
#include "gw-types.h"

G_BEGIN_DECLS

/* One entry of an item's lists: an effort breakdown line (text + hours),
 * an acceptance criterion (text + done) or a plain line of text. */
typedef struct
{
  char    *text;
  double   hours;   /* NAN when none */
  gboolean done;
} GwLine;

GwLine *gw_line_new  (const char *text,
                      double      hours,
                      gboolean    done);
GwLine *gw_line_copy (const GwLine *line);
void    gw_line_free (GwLine *line);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GwLine, gw_line_free)

typedef struct
{
  char  *key;         /* the item depended on */
  double lag_hours;
} GwDependency;

GwDependency *gw_dependency_new  (const char *key,
                                  double      lag_hours);
void          gw_dependency_free (GwDependency *dep);

/* Context for turning text into field values: the register's settings. */
typedef struct
{
  double        hours_per_day;
  GwSizeRanges  sizes;
} GwParseContext;

void gw_parse_context_init (GwParseContext *ctx);

/* The fields that can be read and written as text (CSV columns, `gapwise-cli set`). */
typedef enum
{
  GW_FIELD_KEY,
  GW_FIELD_TITLE,
  GW_FIELD_CATEGORY,
  GW_FIELD_PRIORITY,
  GW_FIELD_STATUS,
  GW_FIELD_EFFORT_HOURS,
  GW_FIELD_RISK,
  GW_FIELD_IMPACT,
  GW_FIELD_OWNER,
  GW_FIELD_MILESTONE,
  GW_FIELD_DEPENDS_ON,
  GW_FIELD_DESCRIPTION,
  GW_FIELD_MODULE,
  GW_FIELD_EFFORT_SIZE,
  GW_FIELD_EFFORT_MIN,
  GW_FIELD_EFFORT_MAX,
  GW_FIELD_IMPL_RISK_PCT,
  GW_FIELD_DATA_LOSS_RISK_PCT,
  GW_FIELD_ROI_PCT,
  GW_FIELD_REVENUE_IMPACT,
  GW_FIELD_ASSIGNEE,
  GW_FIELD_PHASE,
  GW_FIELD_ACTION,
  GW_FIELD_CURRENT_PCT,
  GW_FIELD_TARGET_PCT,
  GW_FIELD_NOT_BEFORE,
  GW_FIELD_BREAKDOWN,
  GW_FIELD_EVIDENCE,
  GW_FIELD_IMPACT_IF_NOT_FIXED,
  GW_FIELD_MITIGATION,
  GW_FIELD_ACCEPTANCE_CRITERIA,
  GW_FIELD_REMEDIATION,
  GW_N_FIELDS,
  /* Not a column: "effort" sets hours, size and range from one text. */
  GW_FIELD_EFFORT = GW_N_FIELDS,
} GwField;

const char *gw_field_name        (GwField     field);
const char *gw_field_label       (GwField     field);
gboolean    gw_field_from_name   (const char *name,
                                  GwField    *field);
gboolean    gw_field_is_list     (GwField     field);
GwLineKind  gw_field_line_kind   (GwField     field);

#define GW_TYPE_ITEM (gw_item_get_type ())
G_DECLARE_FINAL_TYPE (GwItem, gw_item, GW, ITEM, GObject)

GwItem     *gw_item_new               (const char *key,
                                       const char *title);
GwItem     *gw_item_copy              (GwItem     *self);
void        gw_item_assign            (GwItem     *self,
                                       GwItem     *from);
gboolean    gw_item_equal             (GwItem     *a,
                                       GwItem     *b);

gint64      gw_item_get_id            (GwItem *self);
void        gw_item_set_id            (GwItem *self,
                                       gint64  id);
int         gw_item_get_position      (GwItem *self);
void        gw_item_set_position      (GwItem *self,
                                       int     position);
const char *gw_item_get_key           (GwItem *self);
const char *gw_item_get_title         (GwItem *self);
const char *gw_item_get_description   (GwItem *self);
const char *gw_item_get_category      (GwItem *self);
const char *gw_item_get_module        (GwItem *self);
GwPriority  gw_item_get_priority      (GwItem *self);
GwStatus    gw_item_get_status        (GwItem *self);
double      gw_item_get_effort_hours  (GwItem *self);
GwSize      gw_item_get_effort_size   (GwItem *self);
void        gw_item_get_effort        (GwItem   *self,
                                       GwEffort *effort);
void        gw_item_set_effort        (GwItem         *self,
                                       const GwEffort *effort);
GwRisk      gw_item_get_risk          (GwItem *self);
int         gw_item_get_impact        (GwItem *self);
double      gw_item_get_roi_pct       (GwItem *self);
const char *gw_item_get_owner         (GwItem *self);
const char *gw_item_get_assignee      (GwItem *self);
const char *gw_item_get_milestone     (GwItem *self);
const char *gw_item_get_phase         (GwItem *self);
GwAction    gw_item_get_action        (GwItem *self);
const char *gw_item_get_not_before    (GwItem *self);

void        gw_item_set_key           (GwItem     *self,
                                       const char *key);
void        gw_item_set_title         (GwItem     *self,
                                       const char *title);
void        gw_item_set_priority      (GwItem     *self,
                                       GwPriority  priority);
void        gw_item_set_status        (GwItem     *self,
                                       GwStatus    status);
void        gw_item_set_impact        (GwItem     *self,
                                       int         impact);

GPtrArray  *gw_item_get_depends_on    (GwItem *self);
void        gw_item_add_dependency    (GwItem     *self,
                                       const char *key,
                                       double      lag_hours);
void        gw_item_add_dependency_unchecked (GwItem     *self,
                                              const char *key,
                                              double      lag_hours);
gboolean    gw_item_remove_dependency (GwItem     *self,
                                       const char *key);
void        gw_item_clear_dependencies (GwItem *self);

gboolean    gw_item_has_lines         (GwItem *self);
GPtrArray  *gw_item_get_lines         (GwItem     *self,
                                       GwLineKind  kind);
guint       gw_item_get_n_lines       (GwItem     *self,
                                       GwLineKind  kind);
void        gw_item_add_line          (GwItem     *self,
                                       GwLineKind  kind,
                                       GwLine     *line);
void        gw_item_clear_lines       (GwItem     *self,
                                       GwLineKind  kind);
void        gw_item_set_lines_loaded  (GwItem   *self,
                                       gboolean  loaded);

char       *gw_item_get_field_text    (GwItem  *self,
                                       GwField  field);
gboolean    gw_item_set_field_text    (GwItem                *self,
                                       GwField                field,
                                       const char            *value,
                                       const GwParseContext  *ctx,
                                       GError               **error);

char       *gw_lines_to_text          (GPtrArray  *lines,
                                       GwLineKind  kind);
GPtrArray  *gw_lines_from_text        (const char *text,
                                       GwLineKind  kind);

/* Access for the store, which reads and writes every column. */
typedef struct
{
  char      *key;
  char      *title;
  char      *description;
  char      *category;
  char      *module;
  GwPriority priority;
  GwStatus   status;
  double     effort_hours;
  GwSize     effort_size;
  double     effort_min;
  double     effort_max;
  GwRisk     risk;
  double     impl_risk_pct;
  double     data_loss_risk_pct;
  int        impact;           /* 0..100, -1 when unset */
  double     roi_pct;
  char      *revenue_impact;
  char      *owner;
  char      *assignee;
  char      *milestone;
  char      *phase;
  GwAction   action;
  double     current_pct;
  double     target_pct;
  char      *not_before;       /* YYYY-MM-DD */
} GwItemFields;

GwItemFields *gw_item_get_fields      (GwItem *self);

G_END_DECLS
