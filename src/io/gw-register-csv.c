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

/**
 * gw_register_csv_write:
 * @items: (element-type GwItem): the items, in order
 * @with_lines: whether to add the list columns (breakdown, evidence, ...);
 *   the items' lines must then be loaded
 *
 * Writes the header row and one row per item. The header names are the
 * field names of gw_field_name(), starting with "key".
 */
void
gw_register_csv_write (GwCsvWriter *writer,
                       GPtrArray   *items,
                       gboolean     with_lines)
{
  GwField last = with_lines ? GW_FIELD_REMEDIATION : GW_FIELD_NOT_BEFORE;

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
          else
            {
              g_autofree char *text = gw_item_get_field_text (item, f);

              gw_csv_writer_add_text (writer, text);
            }
        }
      gw_csv_writer_end_row (writer);
    }
}
