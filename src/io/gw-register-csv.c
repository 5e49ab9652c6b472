/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "gw-register-csv.h"

static gboolean
field_is_number (GwField field)
{
  switch (field)
    {
    case GW_FIELD_EFFORT_HOURS:
    case GW_FIELD_EFFORT_MIN:
    case GW_FIELD_EFFORT_MAX:
    case GW_FIELD_IMPL_RISK_PCT:
    case GW_FIELD_DATA_LOSS_RISK_PCT:
    case GW_FIELD_ROI_PCT:
    case GW_FIELD_CURRENT_PCT:
    case GW_FIELD_TARGET_PCT:
      return TRUE;
    default:
      return FALSE;
    }
}

static double
field_number (GwItem  *item,
              GwField  field)
{
  GwItemFields *f = gw_item_get_fields (item);

  switch (field)
    {
    case GW_FIELD_EFFORT_HOURS:
      return f->effort_hours;
    case GW_FIELD_EFFORT_MIN:
      return f->effort_min;
    case GW_FIELD_EFFORT_MAX:
      return f->effort_max;
    case GW_FIELD_IMPL_RISK_PCT:
      return f->impl_risk_pct;
    case GW_FIELD_DATA_LOSS_RISK_PCT:
      return f->data_loss_risk_pct;
    case GW_FIELD_ROI_PCT:
      return f->roi_pct;
    case GW_FIELD_CURRENT_PCT:
      return f->current_pct;
    case GW_FIELD_TARGET_PCT:
      return f->target_pct;
    default:
      g_return_val_if_reached (0);
    }
}

static const char *
field_text (GwItem  *item,
            GwField  field)
{
  GwItemFields *f = gw_item_get_fields (item);

  switch (field)
    {
    case GW_FIELD_KEY:
      return f->key;
    case GW_FIELD_TITLE:
      return f->title;
    case GW_FIELD_CATEGORY:
      return f->category;
    case GW_FIELD_DESCRIPTION:
      return f->description;
    case GW_FIELD_MODULE:
      return f->module;
    case GW_FIELD_OWNER:
      return f->owner;
    case GW_FIELD_MILESTONE:
      return f->milestone;
    case GW_FIELD_REVENUE_IMPACT:
      return f->revenue_impact;
    case GW_FIELD_ASSIGNEE:
      return f->assignee;
    case GW_FIELD_PHASE:
      return f->phase;
    case GW_FIELD_NOT_BEFORE:
      return f->not_before;
    case GW_FIELD_PRIORITY:
      return gw_priority_to_string (f->priority);
    case GW_FIELD_STATUS:
      return gw_status_to_string (f->status);
    case GW_FIELD_RISK:
      return gw_risk_to_string (f->risk);
    case GW_FIELD_ACTION:
      return gw_action_to_string (f->action);
    case GW_FIELD_EFFORT_SIZE:
      return gw_size_to_string (f->effort_size);
    default:
      return NULL;
    }
}

/**
 * gw_register_csv_write:
 * @items: (element-type GwItem): the items, in order
 * @with_lines: whether to add the list columns (breakdown, evidence, ...);
 *   the items' lines must then be loaded
 *
 * Writes the header row and one row per item. The header names are the
 * field names of gw_field_name(), starting with "key"; every cell reads
 * back with gw_item_set_field_text().
 */
void
gw_register_csv_write (GwCsvWriter *writer,
                       GPtrArray   *items,
                       gboolean     with_lines)
{
  GwField last = with_lines ? GW_FIELD_REMEDIATION : GW_FIELD_NOT_BEFORE;
  g_autoptr(GString) deps = g_string_new (NULL);

  for (GwField f = 0; f <= last; f++)
    gw_csv_writer_add_text (writer, gw_field_name (f));
  gw_csv_writer_end_row (writer);

  for (guint i = 0; i < items->len; i++)
    {
      GwItem *item = g_ptr_array_index (items, i);

      for (GwField f = 0; f <= last; f++)
        {
          if (field_is_number (f))
            gw_csv_writer_add_number (writer, field_number (item, f));
          else if (f == GW_FIELD_IMPACT)
            {
              int impact = gw_item_get_impact (item);

              if (impact < 0)
                gw_csv_writer_add_text (writer, NULL);
              else
                gw_csv_writer_add_int (writer, impact);
            }
          else if (f == GW_FIELD_DEPENDS_ON)
            {
              GPtrArray *list = gw_item_get_depends_on (item);

              /* The same text as gw_item_get_field_text(), without copies. */
              g_string_truncate (deps, 0);
              for (guint d = 0; d < list->len; d++)
                {
                  GwDependency *dep = g_ptr_array_index (list, d);

                  if (d > 0)
                    g_string_append_c (deps, ';');
                  g_string_append (deps, dep->key);
                  if (dep->lag_hours != 0)
                    {
                      g_autofree char *lag = gw_format_hours (dep->lag_hours);

                      g_string_append_printf (deps, "+%sh", lag);
                    }
                }
              gw_csv_writer_add_text (writer, deps->str);
            }
          else if (gw_field_is_list (f))
            {
              g_autofree char *text = gw_item_get_field_text (item, f);

              gw_csv_writer_add_text (writer, text);
            }
          else
            gw_csv_writer_add_text (writer, field_text (item, f));
        }
      gw_csv_writer_end_row (writer);
    }
}
