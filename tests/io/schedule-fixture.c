/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <csv.h>

#include "schedule-fixture.h"

#define SECURITY "sécurité, équipe"

static const struct
{
  const char *key;
  const char *title;
  const char *priority;
  const char *effort;
  const char *owner;
  const char *milestone;
  const char *depends_on;
  const char *status;
} rows[] = {
  { "K1", "Harden \"auth\" service, then verify", "P0", "8", "backend-dev", "M1", "", "todo" },
  { "K2", "Line one\nline two", "P1", "12", SECURITY, "M1", "K1", "todo" },
  { "K3", "=1+2", "P0", "4", "backend-dev", "M1", "", "todo" },
  { "K4", "=HYPERLINK(\"http://example.invalid\",\"click\")", "P2", "16", "backend-dev", "M2", "K2", "todo" },
  { "K5", "+1 more node", "P1", "6", SECURITY, "M2", "", "todo" },
  { "K6", "-2 ms latency", "P3", "2.5", "backend-dev", "", "", "todo" },
  { "K7", "@ops rotate keys", "P2", "4", "", "", "", "todo" },
  { "K8", "Ünïcödé — naïve café 日本語 ✓ ship 🚀", "P1", "40", "backend-dev", "M2", "", "in-progress" },
  { "K9", "Done already", "P1", "8", "backend-dev", "M1", "", "done" },
  { "K10", "Deferred, for later", "P2", "5", "backend-dev", "", "", "deferred" },
};

ScheduleFixture *
schedule_fixture_new (void)
{
  g_autoptr(ScheduleFixture) fx = g_new0 (ScheduleFixture, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GwCalendar) calendar = NULL;
  g_autoptr(GwScheduleInput) input = NULL;
  GwParseContext ctx;
  GwRole *role;
  GwMilestone *m;

  gw_parse_context_init (&ctx);
  calendar = gw_calendar_new_from_settings ("2027-01-04", "1,2,3,4,5", "8", "09:00", "", &error);
  g_assert_no_error (error);

  fx->roles = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_role_free);
  role = gw_role_new ("backend-dev");
  role->headcount = 2;
  g_ptr_array_add (fx->roles, role);
  role = gw_role_new (SECURITY);
  role->headcount = 1;
  g_ptr_array_add (fx->roles, role);

  fx->milestones = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_milestone_free);
  g_ptr_array_add (fx->milestones, gw_milestone_new ("M1", "Foundation"));
  m = gw_milestone_new ("M2", "High availability");
  m->requires = g_strdup ("M1");
  g_ptr_array_add (fx->milestones, m);

  fx->items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      GwItem *item = gw_item_new (rows[i].key, rows[i].title);

      g_assert_true (gw_item_set_field_text (item, GW_FIELD_PRIORITY, rows[i].priority, &ctx, &error));
      g_assert_true (gw_item_set_field_text (item, GW_FIELD_EFFORT_HOURS, rows[i].effort, &ctx, &error));
      g_assert_true (gw_item_set_field_text (item, GW_FIELD_OWNER, rows[i].owner, &ctx, &error));
      g_assert_true (gw_item_set_field_text (item, GW_FIELD_MILESTONE, rows[i].milestone, &ctx, &error));
      g_assert_true (gw_item_set_field_text (item, GW_FIELD_DEPENDS_ON, rows[i].depends_on, &ctx, &error));
      g_assert_true (gw_item_set_field_text (item, GW_FIELD_STATUS, rows[i].status, &ctx, &error));
      g_assert_true (gw_item_set_field_text (item, GW_FIELD_CATEGORY, "Security", &ctx, &error));
      g_assert_no_error (error);
      g_ptr_array_add (fx->items, item);
    }

  input = gw_schedule_input_new_from_items (calendar, fx->items, fx->roles, fx->milestones);
  fx->schedule = gw_schedule_compute (input, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&fx);
}

void
schedule_fixture_free (ScheduleFixture *fx)
{
  if (fx == NULL)
    return;
  g_clear_pointer (&fx->items, g_ptr_array_unref);
  g_clear_pointer (&fx->roles, g_ptr_array_unref);
  g_clear_pointer (&fx->milestones, g_ptr_array_unref);
  g_clear_pointer (&fx->schedule, gw_schedule_unref);
  g_free (fx);
}

/* CSV reading with libcsv, for checking what was written. */

typedef struct
{
  GPtrArray *fields;
  GPtrArray *rows;
} Reader;

static void
on_field (void   *data,
          size_t  len,
          void   *user_data)
{
  Reader *r = user_data;

  g_ptr_array_add (r->fields, g_strndup (data, len));
}

static void
on_row (int   c,
        void *user_data)
{
  Reader *r = user_data;

  g_ptr_array_add (r->fields, NULL);
  g_ptr_array_add (r->rows, g_ptr_array_steal (r->fields, NULL));
}

/**
 * csv_parse_rows:
 *
 * Returns: (transfer full) (element-type GStrv): the rows of @data
 */
GPtrArray *
csv_parse_rows (const char *data,
                gsize       length)
{
  struct csv_parser parser;
  Reader r;

  r.fields = g_ptr_array_new ();
  r.rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_assert_cmpint (csv_init (&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL), ==, 0);
  g_assert_cmpuint (csv_parse (&parser, data, length, on_field, on_row, &r), ==, length);
  g_assert_cmpint (csv_fini (&parser, on_field, on_row, &r), ==, 0);
  csv_free (&parser);
  g_ptr_array_unref (r.fields);
  return r.rows;
}
