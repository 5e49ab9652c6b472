/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _GwItem GwItem;
typedef struct _GwItemList GwItemList;
typedef struct _GwStore GwStore;
typedef struct _GwChange GwChange;

typedef enum
{
  GW_PRIORITY_P0 = 0,
  GW_PRIORITY_P1,
  GW_PRIORITY_P2,
  GW_PRIORITY_P3,
} GwPriority;

#define GW_N_PRIORITIES 4

typedef enum
{
  GW_STATUS_TODO = 0,
  GW_STATUS_IN_PROGRESS,
  GW_STATUS_BLOCKED,
  GW_STATUS_DONE,
  GW_STATUS_DEFERRED,
} GwStatus;

#define GW_N_STATUSES 5

typedef enum
{
  GW_RISK_NONE = 0,
  GW_RISK_LOW,
  GW_RISK_MEDIUM,
  GW_RISK_HIGH,
} GwRisk;

typedef enum
{
  GW_ACTION_NONE = 0,
  GW_ACTION_IMMEDIATE,
  GW_ACTION_HIGH,
  GW_ACTION_MEDIUM,
  GW_ACTION_LOW,
} GwAction;

typedef enum
{
  GW_SIZE_NONE = 0,
  GW_SIZE_XS,
  GW_SIZE_S,
  GW_SIZE_M,
  GW_SIZE_L,
  GW_SIZE_XL,
  GW_SIZE_XXL,
} GwSize;

#define GW_N_SIZES 7

/* Kinds of list attached to an item, stored in item_lines. */
typedef enum
{
  GW_LINE_BREAKDOWN = 0,  /* effort breakdown: text + hours */
  GW_LINE_EVIDENCE,
  GW_LINE_IMPACT,         /* impact if not fixed */
  GW_LINE_MITIGATION,
  GW_LINE_CRITERION,      /* acceptance criteria: text + done */
  GW_LINE_REMEDIATION,
} GwLineKind;

#define GW_N_LINE_KINDS 6

typedef enum
{
  GW_GATE_MUST = 0,
  GW_GATE_SHOULD,
  GW_GATE_NICE,
} GwGateLevel;

typedef enum
{
  GW_MILESTONE_LINE_DELIVERABLE = 0,
  GW_MILESTONE_LINE_ENTRY,
  GW_MILESTONE_LINE_EXIT,
} GwMilestoneLineKind;

const char *gw_priority_to_string (GwPriority priority);
gboolean    gw_priority_from_string (const char *text,
                                     GwPriority *out);
const char *gw_status_to_string (GwStatus status);
const char *gw_status_to_label (GwStatus status);
gboolean    gw_status_from_string (const char *text,
                                   GwStatus   *out);
const char *gw_risk_to_string (GwRisk risk);
gboolean    gw_risk_from_string (const char *text,
                                 GwRisk     *out);
const char *gw_action_to_string (GwAction action);
gboolean    gw_action_from_string (const char *text,
                                   GwAction   *out);
const char *gw_size_to_string (GwSize size);
gboolean    gw_size_from_string (const char *text,
                                 GwSize     *out);
const char *gw_line_kind_to_string (GwLineKind kind);
gboolean    gw_line_kind_from_string (const char *text,
                                      GwLineKind *out);
const char *gw_gate_level_to_string (GwGateLevel level);
gboolean    gw_gate_level_from_string (const char  *text,
                                       GwGateLevel *out);
const char *gw_milestone_line_kind_to_string (GwMilestoneLineKind kind);
gboolean    gw_milestone_line_kind_from_string (const char          *text,
                                                GwMilestoneLineKind *out);

int         gw_impact_from_level (const char *text);

G_END_DECLS
