/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gw-item.h"

G_BEGIN_DECLS

/* The columns of the register page, in display order. */
typedef enum
{
  GW_REGISTER_COLUMN_KEY = 0,
  GW_REGISTER_COLUMN_TITLE,
  GW_REGISTER_COLUMN_CATEGORY,
  GW_REGISTER_COLUMN_PRIORITY,
  GW_REGISTER_COLUMN_STATUS,
  GW_REGISTER_COLUMN_EFFORT,
  GW_REGISTER_COLUMN_RISK,
  GW_REGISTER_COLUMN_IMPACT,
  GW_REGISTER_COLUMN_OWNER,
  GW_REGISTER_COLUMN_MILESTONE,
  /* Prioritisation scores (src/core/gw-scoring.c), shown on request. */
  GW_REGISTER_COLUMN_RICE,
  GW_REGISTER_COLUMN_ICE,
  GW_REGISTER_COLUMN_WSJF,
} GwRegisterColumn;

#define GW_N_REGISTER_COLUMNS 13

int         gw_key_compare               (const char       *a,
                                          const char       *b);
const char *gw_register_column_title     (GwRegisterColumn  column);
char       *gw_register_column_text      (GwRegisterColumn  column,
                                          GwItem           *item);
int         gw_register_column_compare   (GwRegisterColumn  column,
                                          GwItem           *a,
                                          GwItem           *b);
const char *gw_register_column_css_class (GwRegisterColumn  column,
                                          GwItem           *item);
const char *gw_risk_to_label             (GwRisk            risk);
const char *gw_action_to_label           (GwAction          action);

G_END_DECLS
