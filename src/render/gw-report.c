/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "gw-gantt.h"
#include "gw-gates.h"
#include "gw-quadrant.h"
#include "gw-readiness-chart.h"
#include "gw-report.h"
#include "gw-report-private.h"
#include "gw-scoring.h"

#define TOP_RISKS 10
#define MAX_QUICK_WINS 12
/* The height of a table row of one line. */
#define ROW_ESTIMATE (SIZE_TABLE * 1.3 + 2 * CELL_PAD)
/* The Gantt chart's pixels on paper, and the widest its titles get. */
#define GANTT_SCALE 0.75
#define GANTT_MAX_LABEL 480.0

struct _GwReport
{
  char        *name;
  GDate        today;
  GPtrArray   *items;        /* GwItem, register order */
  GHashTable  *by_key;
  GPtrArray   *milestones;   /* GwMilestone */
  GPtrArray   *decision;     /* GwDecisionEntry */
  double       threshold;
  int          risk_grid;
  GwScoringSettings scoring;
  GwSchedule  *schedule;     /* NULL when the register cannot be scheduled */
  char        *schedule_problem;
  GwVerdict   *verdict;
  GwReadiness *readiness;
  GwNextActions *next;
};

/* Helpers: text */

static char *
format_date (const GDate *date)
{
  char buf[32];

  if (date == NULL || !g_date_valid (date))
    return g_strdup ("—");
  g_date_strftime (buf, sizeof buf, "%Y-%m-%d", date);
  return g_strdup (buf);
}

static char *
format_hours (double hours)
{
  g_autofree char *h = gw_format_hours (isnan (hours) ? 0 : hours);

  /* Translators: a number of hours, "24 h" */
  return g_strdup_printf (_("%s h"), h);
}

static GwColor
verdict_color (const GwRenderPalette *palette,
               gboolean               go)
{
  return go ? palette->status[GW_STATUS_DONE] : palette->priority[GW_PRIORITY_P0];
}

/* Helpers: the report's data */

static GwItem *
lookup (GwReport   *report,
        const char *key)
{
  return key ? g_hash_table_lookup (report->by_key, key) : NULL;
}

static const char *
item_title (GwReport   *report,
            const char *key)
{
  GwItem *item = lookup (report, key);

  return item ? gw_item_get_title (item) : "";
}

static void
schedule_day (GwReport       *report,
              double          hours,
              GwCalendarEdge  edge,
              GDate          *date)
{
  gw_calendar_get_wall (report->schedule->calendar, hours, edge, date, NULL);
}

static int
compare_quick_wins (gconstpointer a,
                    gconstpointer b)
{
  return gw_compare_quick_wins_first (*(GwItem **) a, *(GwItem **) b);
}

/* Sections */

static void
section_cover (Doc      *doc,
               GwReport *report)
{
  const GwRenderPalette *p = doc->palette;
  g_autofree char *today = format_date (&report->today);
  g_autofree char *subtitle = NULL;
  g_autofree char *why = gw_verdict_describe (report->verdict);
  const char *word = gw_verdict_get_word (report->verdict);
  GwColor color = verdict_color (p, report->verdict->go);
  double x = _gw_doc_content_left (doc), w = _gw_doc_content_width (doc);
  double box_h = 112;

  _gw_doc_new_page (doc, FALSE);
  doc->y = doc->page_h * 0.2;
  doc->y += _gw_doc_put_text (doc, _("STAKEHOLDER REPORT"), 10, TRUE, &p->accent, x, doc->y, w, FALSE, PANGO_ALIGN_LEFT);
  doc->y += 10;
  doc->y += _gw_doc_put_text (doc, report->name, SIZE_COVER, TRUE, &p->foreground, x, doc->y, w, TRUE, PANGO_ALIGN_LEFT);
  doc->y += 8;
  /* Translators: under the report's title, "Report date 2026-02-10 · 29 items" */
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Report date %s · %u item", "Report date %s · %u items",
                                           report->items->len),
                              today, report->items->len);
  doc->y += _gw_doc_put_text (doc, subtitle, 11, FALSE, &p->muted, x, doc->y, w, TRUE, PANGO_ALIGN_LEFT);
  doc->y += 40;

  /* The verdict, in large type */
  doc->y += _gw_doc_put_text (doc, _("Go/no-go verdict"), SIZE_H2, TRUE, &p->muted, x, doc->y, w, FALSE, PANGO_ALIGN_LEFT);
  doc->y += 8;
  if (_gw_doc_drawing (doc))
    {
      gw_render_rounded_rectangle (doc->cr, x, doc->y, w, box_h, 10);
      gw_render_set_color (doc->cr, &color, 1);
      cairo_fill (doc->cr);
    }
  _gw_doc_put_text (doc, word, 64, TRUE, &p->background, x, doc->y + (box_h - 64 * 1.25) / 2, w, FALSE, PANGO_ALIGN_CENTER);
  doc->y += box_h + 12;
  doc->y += _gw_doc_put_text (doc, why, 12, FALSE, &p->foreground, x, doc->y, w, TRUE, PANGO_ALIGN_LEFT);
  doc->y += 36;

  /* Key figures in a row */
  {
    const GwReadinessRow *all = &report->readiness->overall;
    g_autofree char *done = g_strdup_printf ("%u/%u", all->n_done, all->n_items);
    g_autofree char *left = format_hours (all->hours - all->hours_done);
    g_autofree char *finish = NULL;
    g_autofree char *critical = NULL;
    const char *values[4];
    const char *labels[] = { _("Items done"), _("Hours left"), _("Scheduled finish"), _("Critical path") };
    double cw = w / 4;

    if (report->schedule != NULL && report->schedule->n_active > 0)
      {
        GDate date;

        schedule_day (report, report->schedule->makespan_hours, GW_CALENDAR_FINISH, &date);
        finish = format_date (&date);
        critical = format_hours (report->schedule->critical_path_hours);
      }
    else
      {
        finish = g_strdup ("—");
        critical = g_strdup ("—");
      }
    values[0] = done;
    values[1] = left;
    values[2] = finish;
    values[3] = critical;
    for (guint i = 0; i < 4; i++)
      {
        double h = _gw_doc_put_text (doc, values[i], 17, TRUE, &p->foreground, x + i * cw, doc->y, cw - 8, FALSE,
                                     PANGO_ALIGN_LEFT);

        _gw_doc_put_text (doc, labels[i], SIZE_SMALL + 1, FALSE, &p->muted, x + i * cw, doc->y + h + 2, cw - 8, FALSE,
                          PANGO_ALIGN_LEFT);
      }
  }
}

static void
section_readiness (Doc      *doc,
                   GwReport *report)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) _gw_doc_row_free);
  const Column columns[] = {
    { _("Bucket"), 1.2, FALSE }, { _("Items"), 0.6, TRUE }, { _("Hours"), 0.8, TRUE }, { _("First items"), 3.4, FALSE },
  };
  double h;

  _gw_doc_new_page (doc, FALSE);
  _gw_doc_heading (doc, _("Readiness"), TRUE);
  _gw_doc_paragraph (doc, _("Done items of all items, and the effort of the done items of all effort, per category. "
                    "Deferred items are out of scope and not counted."),
                     SIZE_BODY, &doc->palette->muted);
  h = gw_readiness_chart_get_height (report->readiness, SIZE_BODY);
  _gw_doc_ensure_space (doc, MIN (h, 200));
  if (h <= _gw_doc_content_bottom (doc) - doc->y)
    {
      if (_gw_doc_drawing (doc))
        {
          cairo_save (doc->cr);
          cairo_translate (doc->cr, _gw_doc_content_left (doc), doc->y);
          gw_readiness_chart_draw (doc->cr, report->readiness, doc->palette, _gw_doc_content_width (doc), SIZE_BODY);
          cairo_restore (doc->cr);
        }
      doc->y += h;
    }
  else
    {
      /* more categories than a page holds: as a table */
      const Column cat_columns[] = {
        { _("Category"), 3, FALSE }, { _("Done"), 1, TRUE }, { _("Items"), 1, TRUE }, { _("Share"), 1, TRUE },
        { _("Hours done"), 1.2, TRUE }, { _("Hours"), 1.2, TRUE },
      };
      g_autoptr(GPtrArray) cat_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) _gw_doc_row_free);

      for (guint i = 0; i <= report->readiness->categories->len; i++)
        {
          const GwReadinessRow *r = i == 0 ? &report->readiness->overall
                                           : &g_array_index (report->readiness->categories, GwReadinessRow, i - 1);
          g_autofree char *done = g_strdup_printf ("%u", r->n_done);
          g_autofree char *n = g_strdup_printf ("%u", r->n_items);
          g_autofree char *pct = g_strdup_printf ("%.0f", floor (gw_readiness_row_pct (r)));
          g_autofree char *hd = gw_format_hours (r->hours_done);
          g_autofree char *ht = gw_format_hours (r->hours);

          g_ptr_array_add (cat_rows, _gw_doc_row_new (i == 0, i == 0 ? _("Overall") : (*r->category ? r->category : _("No category")),
                                                      done, n, pct, hd, ht, NULL));
        }
      _gw_doc_table (doc, cat_columns, G_N_ELEMENTS (cat_columns), cat_rows);
    }

  _gw_doc_heading (doc, _("Next actions"), FALSE);
  _gw_doc_paragraph (doc, _("Immediate: the recommended action is IMMEDIATE, or a P0 item whose dependencies are all done. "
                    "This month: the schedule starts it within 30 days. Later: the rest. Done and deferred items are "
                    "left out."),
                     SIZE_SMALL, &doc->palette->muted);
  for (guint b = 0; b < GW_N_NEXT_BUCKETS; b++)
    {
      GArray *actions = report->next->actions[b];
      g_autoptr(GString) first = g_string_new (NULL);
      g_autofree char *n = g_strdup_printf ("%u", actions->len);
      g_autofree char *hours = format_hours (report->next->hours[b]);

      for (guint i = 0; i < actions->len && i < 8; i++)
        g_string_append_printf (first, "%s%s", i ? ", " : "",
                                gw_item_get_key (g_array_index (actions, GwNextAction, i).item));
      if (actions->len > 8)
        g_string_append_printf (first, g_dngettext (GETTEXT_PACKAGE, " and %u more", " and %u more",
                                                    actions->len - 8), actions->len - 8);
      g_ptr_array_add (rows, _gw_doc_row_new (FALSE, gw_next_bucket_to_label (b), n, hours, first->str, NULL));
    }
  _gw_doc_table (doc, columns, G_N_ELEMENTS (columns), rows);
}

static void
section_decision (Doc      *doc,
                  GwReport *report)
{
  const GwVerdict *v = report->verdict;
  const struct { GwGateLevel level; const char *title; } levels[] = {
    { GW_GATE_MUST, _("Must have (all required for GO)") },
    { GW_GATE_SHOULD, NULL },
    { GW_GATE_NICE, _("Nice to have (never blocks)") },
  };
  const Column columns[] = {
    { _("Key"), 1, FALSE }, { _("Entry"), 4.2, FALSE }, { _("Owner"), 1.6, FALSE }, { _("Status"), 1.1, FALSE },
  };
  g_autofree char *why = gw_verdict_describe (v);
  g_autofree char *line = NULL;
  g_autofree char *threshold = gw_format_hours (v->threshold);
  g_autofree char *should_title = NULL;
  GwColor color = verdict_color (doc->palette, v->go);

  _gw_doc_new_page (doc, FALSE);
  _gw_doc_heading (doc, _("Go/No-Go"), TRUE);
  /* Translators: "Verdict: NO-GO" */
  line = g_strdup_printf (_("Verdict: %s"), gw_verdict_get_word (v));
  doc->y += _gw_doc_put_text (doc, line, 15, TRUE, &color, _gw_doc_content_left (doc), doc->y, _gw_doc_content_width (doc), FALSE,
                              PANGO_ALIGN_LEFT);
  doc->y += 2;
  _gw_doc_paragraph (doc, why, SIZE_BODY + 1, &doc->palette->foreground);

  should_title = g_strdup_printf (_("Should have (at least %s %% for GO)"), threshold);
  for (guint l = 0; l < G_N_ELEMENTS (levels); l++)
    {
      g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) _gw_doc_row_free);

      _gw_doc_heading (doc, levels[l].title ? levels[l].title : should_title, FALSE);
      for (guint i = 0; i < report->decision->len; i++)
        {
          GwDecisionEntry *entry = g_ptr_array_index (report->decision, i);
          GwItem *item = lookup (report, entry->item_key);
          const char *status;

          if (entry->level != levels[l].level)
            continue;
          if (item != NULL)
            status = gw_status_to_label (gw_item_get_status (item));
          else
            status = gw_gates_entry_is_done (entry, NULL) ? _("Done") : _("Open");
          g_ptr_array_add (rows, _gw_doc_row_new (FALSE, entry->item_key ? entry->item_key : "—",
                                                  gw_gates_entry_label (entry, item),
                                                  item && gw_item_get_owner (item) ? gw_item_get_owner (item) : "",
                                                  status, NULL));
        }
      if (rows->len == 0)
        _gw_doc_paragraph (doc, _("No entries."), SIZE_BODY, &doc->palette->muted);
      else
        _gw_doc_table (doc, columns, G_N_ELEMENTS (columns), rows);
    }

  _gw_doc_heading (doc, _("Milestone gates"), TRUE);
  if (report->milestones->len == 0)
    _gw_doc_paragraph (doc, _("The register has no milestones."), SIZE_BODY, &doc->palette->muted);
  for (guint i = 0; i < report->milestones->len && !doc->stop; i++)
    {
      GwMilestone *m = g_ptr_array_index (report->milestones, i);
      g_autofree char *title = g_strdup_printf ("%s · %s", m->key, m->name ? m->name : "");
      g_autoptr(GString) meta = g_string_new (NULL);
      GDate start, finish;

      if (report->schedule != NULL && gw_gates_milestone_dates (report->schedule, m->key, &start, &finish))
        {
          g_autofree char *a = format_date (&start);
          g_autofree char *b = format_date (&finish);

          /* Translators: a milestone's dates, "Scheduled 2026-03-02 to 2026-03-20" */
          g_string_append_printf (meta, _("Scheduled %s to %s"), a, b);
        }
      else
        g_string_append (meta, _("Not scheduled"));
      if (m->requires != NULL && *m->requires != '\0')
        g_string_append_printf (meta, _(" · starts after %s is complete"), m->requires);
      if (m->duration != NULL && *m->duration != '\0')
        g_string_append_printf (meta, _(" · planned for %s"), m->duration);

      _gw_doc_ensure_space (doc, 90);
      _gw_doc_heading (doc, title, FALSE);
      if (m->goal != NULL && *m->goal != '\0')
        {
          g_autofree char *goal = g_strdup_printf (_("Goal: %s"), m->goal);

          _gw_doc_paragraph (doc, goal, SIZE_BODY, &doc->palette->foreground);
        }
      _gw_doc_paragraph (doc, meta->str, SIZE_BODY, &doc->palette->muted);
      {
        const struct { GwMilestoneLineKind kind; const char *title; gboolean boxes; } parts[] = {
          { GW_MILESTONE_LINE_DELIVERABLE, _("Deliverables"), FALSE },
          { GW_MILESTONE_LINE_ENTRY, _("Entry criteria"), TRUE },
          { GW_MILESTONE_LINE_EXIT, _("Exit criteria"), TRUE },
        };

        for (guint k = 0; k < G_N_ELEMENTS (parts); k++)
          {
            GPtrArray *lines = m->lines[parts[k].kind];
            guint done = 0;
            g_autofree char *label = NULL;

            if (lines->len == 0)
              continue;
            for (guint j = 0; j < lines->len; j++)
              done += ((GwLine *) g_ptr_array_index (lines, j))->done;
            label = parts[k].boxes ? g_strdup_printf ("%s (%u/%u)", parts[k].title, done, lines->len)
                                   : g_strdup (parts[k].title);
            _gw_doc_ensure_space (doc, 30);
            doc->y += _gw_doc_put_text (doc, label, SIZE_BODY, TRUE, &doc->palette->foreground, _gw_doc_content_left (doc), doc->y,
                                        _gw_doc_content_width (doc), FALSE, PANGO_ALIGN_LEFT);
            doc->y += 2;
            _gw_doc_checklist (doc, lines, parts[k].boxes);
            doc->y += 4;
          }
      }
    }
}

static void
section_quadrant (Doc      *doc,
                  GwReport *report)
{
  g_autoptr(GwQuadrantChart) chart = NULL;
  GwQuadrantOptions options;
  g_autoptr(GPtrArray) wins = g_ptr_array_new ();
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) _gw_doc_row_free);
  const Column columns[] = {
    { _("Key"), 1, FALSE }, { _("Title"), 4, FALSE }, { _("Effort"), 0.9, TRUE }, { _("Impact"), 0.8, TRUE },
    { _("Owner"), 1.6, FALSE },
  };
  double natural_w = 900, natural_h = 640, scale;
  guint max_rows;

  _gw_doc_new_page (doc, FALSE);
  _gw_doc_heading (doc, _("Impact and effort"), TRUE);
  _gw_doc_paragraph (doc, _("Each item placed by its effort (hours) and impact (0–100): quick wins at the top left, major "
                    "projects at the top right."),
                     SIZE_BODY, &doc->palette->muted);

  gw_quadrant_options_init (&options);
  options.scoring = report->scoring;
  options.show_legend = TRUE;
  chart = gw_quadrant_chart_new (report->items, &options);
  scale = _gw_doc_content_width (doc) / natural_w;
  if (_gw_doc_drawing (doc))
    {
      cairo_save (doc->cr);
      cairo_translate (doc->cr, _gw_doc_content_left (doc), doc->y);
      cairo_scale (doc->cr, scale, scale);
      /* the chart paints its background: keep it off the heading */
      cairo_rectangle (doc->cr, 0, 0, natural_w, natural_h);
      cairo_clip (doc->cr);
      gw_quadrant_chart_layout (chart, doc->cr, doc->palette, natural_w, natural_h);
      gw_quadrant_chart_draw (chart, doc->cr, doc->palette);
      cairo_restore (doc->cr);
    }
  doc->y += natural_h * scale + 8;

  /* The open quick wins under it, as the Quadrant page lists them. */
  for (guint i = 0; i < report->items->len; i++)
    {
      GwItem *item = g_ptr_array_index (report->items, i);
      GwStatus status = gw_item_get_status (item);

      if (status != GW_STATUS_DONE && status != GW_STATUS_DEFERRED && gw_item_is_quick_win (item, &report->scoring))
        g_ptr_array_add (wins, item);
    }
  g_ptr_array_sort (wins, (GCompareFunc) compare_quick_wins);
  _gw_doc_heading (doc, _("Open quick wins"), FALSE);
  /* As many as the page holds under the chart (rows of one line), the
   * rest are in the appendix. */
  max_rows = (guint) MAX (3, floor ((_gw_doc_content_bottom (doc) - doc->y - 3 * ROW_ESTIMATE) / ROW_ESTIMATE));
  max_rows = MIN (max_rows, MAX_QUICK_WINS);
  if (wins->len <= max_rows + 1)
    max_rows = wins->len;
  if (wins->len == 0)
    {
      _gw_doc_paragraph (doc, _("No open item has a high impact for a low effort."), SIZE_BODY, &doc->palette->muted);
      return;
    }
  for (guint i = 0; i < wins->len && i < max_rows; i++)
    {
      GwItem *item = g_ptr_array_index (wins, i);
      g_autofree char *effort = format_hours (gw_item_get_effort_hours (item));
      g_autofree char *impact = g_strdup_printf ("%d", gw_impact_score (item));
      const char *owner = gw_item_get_owner (item);

      g_ptr_array_add (rows, _gw_doc_row_new (FALSE, gw_item_get_key (item), gw_item_get_title (item), effort, impact,
                                              owner ? owner : "", NULL));
    }
  if (wins->len > max_rows)
    {
      guint more = wins->len - max_rows;
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "and %u more (see the appendix)",
                                                            "and %u more (see the appendix)", more), more);

      g_ptr_array_add (rows, _gw_doc_row_new (FALSE, "…", text, "", "", "", NULL));
    }
  _gw_doc_table (doc, columns, G_N_ELEMENTS (columns), rows);
}

static void
section_critical_path (Doc      *doc,
                       GwReport *report)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) _gw_doc_row_free);
  const Column columns[] = {
    { _("Key"), 1, FALSE }, { _("Title"), 3.6, FALSE }, { _("Owner"), 1.5, FALSE },
    { _("Start"), 1.1, FALSE }, { _("Finish"), 1.1, FALSE }, { _("Hours"), 0.8, TRUE },
  };
  GwSchedule *s = report->schedule;
  double effort = 0;

  _gw_doc_new_page (doc, FALSE);
  _gw_doc_heading (doc, _("Critical path"), TRUE);
  if (s == NULL || s->n_critical_path == 0)
    {
      _gw_doc_paragraph (doc, report->schedule_problem ? report->schedule_problem : _("No open work: there is no critical path."),
                         SIZE_BODY, &doc->palette->muted);
      return;
    }
  {
    g_autofree char *length = gw_format_hours (s->critical_path_hours);
    g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "The longest chain of dependent work: %u item, %s working hours from its first start to its last finish.",
                                                          "The longest chain of dependent work: %u items, %s working hours from its first start to its last finish.",
                                                          s->n_critical_path),
                                             s->n_critical_path, length);

    _gw_doc_paragraph (doc, text, SIZE_BODY, &doc->palette->muted);
  }
  for (guint k = 0; k < s->n_critical_path; k++)
    {
      guint i = s->critical_path[k];
      const GwScheduleEntry *e = &s->items[i];
      GwItem *item = lookup (report, s->keys[i]);
      GDate a, b;
      g_autofree char *start = NULL;
      g_autofree char *finish = NULL;
      g_autofree char *hours = NULL;
      double h = item ? gw_item_get_effort_hours (item) : e->effort_hours;

      schedule_day (report, e->start, GW_CALENDAR_START, &a);
      schedule_day (report, e->finish, GW_CALENDAR_FINISH, &b);
      start = format_date (&a);
      finish = format_date (&b);
      hours = gw_format_hours (isnan (h) ? 0 : h);
      effort += isnan (h) ? 0 : h;
      g_ptr_array_add (rows, _gw_doc_row_new (FALSE, s->keys[i], item_title (report, s->keys[i]),
                                              item && gw_item_get_owner (item) ? gw_item_get_owner (item) : "",
                                              start, finish, hours, NULL));
    }
  {
    g_autofree char *total = gw_format_hours (effort);
    g_autofree char *length = format_hours (s->critical_path_hours);
    g_autofree char *span = g_strdup_printf (_("%s from start to finish"), length);

    g_ptr_array_add (rows, _gw_doc_row_new (TRUE, _("Total"), span, "", "", "", total, NULL));
  }
  _gw_doc_table (doc, columns, G_N_ELEMENTS (columns), rows);
}

static void
section_gantt (Doc      *doc,
               GwReport *report)
{
  g_autoptr(GwGanttChart) chart = NULL;
  g_autoptr(GHashTable) headers = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (guint));
  double width, height, label_w, header_h, row_h, scale, avail_w, avail_h, title_h;
  guint n_rows, per_page, pages;

  if (report->schedule == NULL || report->schedule->n_active == 0)
    return;

  chart = gw_gantt_chart_new (report->schedule, report->items, report->milestones);
  gw_gantt_chart_set_today (chart, &report->today);

  /* Landscape pages; the time scale fitted to the width, shrunk when even
   * the coarsest zoom is wider. */
  avail_w = doc->portrait_h - 2 * MARGIN_SIDE;
  gw_gantt_chart_set_zoom (chart, gw_gantt_chart_fit_zoom (chart, avail_w / GANTT_SCALE));
  gw_gantt_chart_get_size (chart, &width, &height);
  gw_gantt_chart_get_margins (chart, &label_w, &header_h);
  /* Room to spare goes to the titles. */
  if (width < avail_w / GANTT_SCALE)
    {
      gw_gantt_chart_set_label_width (chart, MIN (label_w + avail_w / GANTT_SCALE - width, GANTT_MAX_LABEL));
      gw_gantt_chart_get_size (chart, &width, &height);
    }
  row_h = gw_gantt_chart_get_row_height (chart);
  n_rows = gw_gantt_chart_get_n_rows (chart);
  scale = MIN (GANTT_SCALE, avail_w / width);
  title_h = SIZE_H1 * 1.3 + 12 + SIZE_SMALL * 1.4 + 8;
  avail_h = doc->portrait_w - MARGIN_TOP - MARGIN_BOTTOM - title_h;
  per_page = MAX (1, (guint) floor ((avail_h / scale - header_h) / row_h));

  /* Page breaks, never right after a milestone's header row. */
  for (guint g = 0; g <= report->schedule->n_milestones; g++)
    {
      int row = gw_gantt_chart_get_group_row (chart, (int) g);

      if (row >= 0)
        g_hash_table_add (headers, GINT_TO_POINTER (row));
    }
  for (guint first = 0; first < n_rows;)
    {
      guint next = MIN (first + per_page, n_rows);

      if (next < n_rows && next - 1 > first && g_hash_table_contains (headers, GINT_TO_POINTER (next - 1)))
        next--;
      g_array_append_val (starts, first);
      first = next;
    }
  g_array_append_val (starts, n_rows);
  pages = starts->len - 1;

  for (guint p = 0; p < pages && !doc->stop; p++)
    {
      guint first = g_array_index (starts, guint, p);
      guint rows = g_array_index (starts, guint, p + 1) - first;
      g_autofree char *title = pages > 1
        /* Translators: the heading of a Gantt page, "Schedule (2 of 3)" */
        ? g_strdup_printf (_("Schedule (%u of %u)"), p + 1, pages)
        : g_strdup (_("Schedule"));
      /* Translators: under the Gantt chart's heading, "Rows 25–48 of 70" */
      g_autofree char *range = g_strdup_printf (_("Rows %u–%u of %u · bars from the resource-constrained schedule, "
                                                  "the critical path highlighted"),
                                                first + 1, first + rows, n_rows);

      _gw_doc_new_page (doc, TRUE);
      _gw_doc_heading (doc, title, TRUE);
      doc->y += _gw_doc_put_text (doc, range, SIZE_SMALL, FALSE, &doc->palette->muted, _gw_doc_content_left (doc), doc->y,
                                  _gw_doc_content_width (doc), FALSE, PANGO_ALIGN_LEFT);
      doc->y += 8;
      gw_gantt_chart_set_viewport (chart, 0, first * row_h, width, header_h + rows * row_h);
      if (_gw_doc_drawing (doc))
        {
          cairo_save (doc->cr);
          cairo_translate (doc->cr, _gw_doc_content_left (doc), doc->y);
          cairo_scale (doc->cr, scale, scale);
          gw_gantt_chart_draw (chart, doc->cr, doc->palette);
          cairo_restore (doc->cr);
        }
      doc->y += (header_h + rows * row_h) * scale;
    }
}

static void
section_resources (Doc      *doc,
                   GwReport *report)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) _gw_doc_row_free);
  const Column columns[] = {
    { _("Role"), 2.6, FALSE }, { _("People"), 0.9, TRUE }, { _("Items"), 0.8, TRUE }, { _("Hours"), 1, TRUE },
    { _("FTE weeks"), 1, TRUE }, { _("Peak people"), 1, TRUE },
  };
  GwSchedule *s = report->schedule;
  double hours = 0, fte = 0;
  guint items = 0;

  _gw_doc_new_page (doc, FALSE);
  _gw_doc_heading (doc, _("Resources"), TRUE);
  if (s == NULL || s->n_active == 0)
    {
      _gw_doc_paragraph (doc, report->schedule_problem ? report->schedule_problem : _("No open work to staff."),
                         SIZE_BODY, &doc->palette->muted);
      return;
    }
  _gw_doc_paragraph (doc, _("Per role: the hours of its open items, those hours in full-time weeks of the role, and the most "
                    "people of the role at work in one week of the schedule (as in the exported resource table)."),
                     SIZE_BODY, &doc->palette->muted);
  for (guint r = 0; r < s->n_roles; r++)
    {
      const GwScheduleRole *role = &s->roles[r];
      double h = s->weeks->role_hours[r];
      double f = role->hours_per_week > 0 ? h / role->hours_per_week : 0;
      g_autofree char *people = role->limited ? g_strdup_printf ("%d", role->headcount) : g_strdup ("—");
      g_autofree char *n = g_strdup_printf ("%u", role->n_items);
      g_autofree char *hs = gw_format_hours (h);
      g_autofree char *fs = gw_format_hours (f);
      g_autofree char *peak = g_strdup_printf ("%d", s->weeks->peak_people[r]);

      if (role->n_items == 0)
        continue;
      hours += h;
      fte += f;
      items += role->n_items;
      g_ptr_array_add (rows, _gw_doc_row_new (FALSE, role->name ? role->name : _("No owner"), people, n, hs, fs, peak, NULL));
    }
  {
    g_autofree char *n = g_strdup_printf ("%u", items);
    g_autofree char *hs = gw_format_hours (hours);
    g_autofree char *fs = gw_format_hours (fte);

    g_ptr_array_add (rows, _gw_doc_row_new (TRUE, _("Total"), "", n, hs, fs, "", NULL));
  }
  _gw_doc_table (doc, columns, G_N_ELEMENTS (columns), rows);
  for (guint w = 0; w < s->warnings->len; w++)
    _gw_doc_paragraph (doc, g_ptr_array_index (s->warnings, w), SIZE_SMALL, &doc->palette->muted);
}

static void
section_risks (Doc      *doc,
               GwReport *report)
{
  g_autoptr(GArray) top = gw_gates_top_risks (report->items, report->risk_grid, TOP_RISKS);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) _gw_doc_row_free);
  const Column columns[] = {
    { _("Key"), 1, FALSE }, { _("Title"), 3.6, FALSE }, { _("Likelihood"), 1.1, TRUE },
    { _("Severity"), 1, TRUE }, { _("Score"), 0.8, TRUE }, { _("Owner"), 1.5, FALSE },
  };
  g_autofree char *intro = g_strdup_printf (_("The open items with the highest likelihood × severity on the %d × %d "
                                              "risk matrix: likelihood from the implementation risk or the risk level, "
                                              "severity from the impact."),
                                            report->risk_grid, report->risk_grid);

  _gw_doc_heading (doc, _("Top risks"), TRUE);
  _gw_doc_paragraph (doc, intro, SIZE_BODY, &doc->palette->muted);
  if (top->len == 0)
    {
      _gw_doc_paragraph (doc, _("No open item has a risk rating."), SIZE_BODY, &doc->palette->muted);
      return;
    }
  for (guint i = 0; i < top->len; i++)
    {
      GwRiskRank *rank = &g_array_index (top, GwRiskRank, i);
      g_autofree char *l = g_strdup_printf ("%d/%d (%.0f %%)", rank->likelihood + 1, report->risk_grid,
                                            gw_item_likelihood_pct (rank->item));
      g_autofree char *s = g_strdup_printf ("%d/%d", rank->severity + 1, report->risk_grid);
      g_autofree char *score = g_strdup_printf ("%d", rank->score);
      const char *owner = gw_item_get_owner (rank->item);

      g_ptr_array_add (rows, _gw_doc_row_new (FALSE, gw_item_get_key (rank->item), gw_item_get_title (rank->item), l, s, score,
                                              owner ? owner : "", NULL));
    }
  _gw_doc_table (doc, columns, G_N_ELEMENTS (columns), rows);
}

/* The register table, for the appendix and for printing. */
static void
register_table (Doc       *doc,
                GPtrArray *items)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) _gw_doc_row_free);
  const Column columns[] = {
    { _("Key"), 1.05, FALSE }, { _("Title"), 4, FALSE }, { _("Priority"), 0.8, FALSE }, { _("Status"), 1.1, FALSE },
    { _("Effort"), 0.8, TRUE }, { _("Owner"), 1.7, FALSE }, { _("Milestone"), 1, FALSE },
  };

  for (guint i = 0; i < items->len; i++)
    {
      GwItem *item = g_ptr_array_index (items, i);
      double hours = gw_item_get_effort_hours (item);
      g_autofree char *effort = isnan (hours) ? g_strdup ("") : format_hours (hours);
      const char *owner = gw_item_get_owner (item);
      const char *milestone = gw_item_get_milestone (item);

      g_ptr_array_add (rows, _gw_doc_row_new (FALSE, gw_item_get_key (item), gw_item_get_title (item),
                                              gw_priority_to_string (gw_item_get_priority (item)),
                                              gw_status_to_label (gw_item_get_status (item)), effort,
                                              owner ? owner : "", milestone ? milestone : "", NULL));
    }
  _gw_doc_table (doc, columns, G_N_ELEMENTS (columns), rows);
}

static void
section_appendix (Doc      *doc,
                  GwReport *report)
{
  _gw_doc_new_page (doc, FALSE);
  _gw_doc_heading (doc, _("Appendix: the register"), TRUE);
  register_table (doc, report->items);
}

static void
run_report (Doc      *doc,
            GwReport *report)
{
  section_cover (doc, report);
  section_readiness (doc, report);
  section_decision (doc, report);
  section_quadrant (doc, report);
  section_critical_path (doc, report);
  section_gantt (doc, report);
  section_resources (doc, report);
  section_risks (doc, report);
  section_appendix (doc, report);
  _gw_doc_end_page (doc);
}

/* Output */

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static cairo_status_t
discard_bytes (void                *closure,
               const unsigned char *data,
               unsigned int         length)
{
  return CAIRO_STATUS_SUCCESS;
}

/* Public API: paper */

gboolean
gw_paper_from_string (const char *text,
                      GwPaper    *paper)
{
  g_return_val_if_fail (paper != NULL, FALSE);

  if (g_strcmp0 (text, "a4") == 0 || g_strcmp0 (text, "A4") == 0)
    *paper = GW_PAPER_A4;
  else if (text != NULL && g_ascii_strcasecmp (text, "letter") == 0)
    *paper = GW_PAPER_LETTER;
  else
    return FALSE;
  return TRUE;
}

/**
 * gw_paper_get_size:
 *
 * The portrait size of @paper in points.
 */
void
gw_paper_get_size (GwPaper  paper,
                   double  *width,
                   double  *height)
{
  g_return_if_fail (width != NULL && height != NULL);

  *width = paper == GW_PAPER_LETTER ? LETTER_WIDTH : A4_WIDTH;
  *height = paper == GW_PAPER_LETTER ? LETTER_HEIGHT : A4_HEIGHT;
}

/* Public API: the report */

/**
 * gw_report_new:
 * @today: the report's date, which "the next 30 days" count from
 *
 * Reads what the report shows from @store, so that it can be written in
 * another thread.
 *
 * Returns: (transfer full): the report, or %NULL when the register could
 *   not be read
 */
GwReport *
gw_report_new (GwStore      *store,
               const GDate  *today,
               GError      **error)
{
  g_autoptr(GwReport) report = NULL;
  g_autoptr(GError) schedule_error = NULL;
  const char *name;
  double v;

  g_return_val_if_fail (GW_IS_STORE (store), NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  report = g_new0 (GwReport, 1);
  report->today = *today;
  report->items = gw_store_list_items (store, error);
  if (report->items == NULL)
    return NULL;
  report->by_key = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < report->items->len; i++)
    {
      GwItem *item = g_ptr_array_index (report->items, i);

      g_hash_table_insert (report->by_key, (gpointer) gw_item_get_key (item), item);
    }
  name = gw_store_get_name (store);
  if (name == NULL || *name == '\0')
    report->name = g_path_get_basename (gw_store_get_path (store));
  else
    report->name = g_strdup (name);
  report->milestones = gw_store_list_milestones (store);
  report->decision = gw_store_list_decision (store);
  report->threshold = gw_gates_get_should_threshold (store);
  v = gw_store_get_setting_double (store, "risk_grid");
  report->risk_grid = v == 3 ? 3 : 5;
  gw_scoring_settings_init (&report->scoring);
  v = gw_store_get_setting_double (store, "effort_threshold");
  if (!isnan (v))
    report->scoring.effort_threshold = v;
  v = gw_store_get_setting_double (store, "impact_threshold");
  if (!isnan (v))
    report->scoring.impact_threshold = v;
  report->scoring.risk_grid = report->risk_grid;

  report->schedule = gw_schedule_new_from_store (store, &schedule_error);
  if (report->schedule == NULL)
    /* Translators: in the report when the register cannot be scheduled */
    report->schedule_problem = g_strdup_printf (_("The register could not be scheduled: %s"), schedule_error->message);

  report->verdict = gw_verdict_new (report->decision, report->items, report->threshold);
  report->readiness = gw_readiness_new (report->items);
  report->next = gw_next_actions_new (report->items, report->schedule, today);
  return g_steal_pointer (&report);
}

void
gw_report_free (GwReport *report)
{
  if (report == NULL)
    return;
  g_free (report->name);
  g_clear_pointer (&report->by_key, g_hash_table_unref);
  g_clear_pointer (&report->items, g_ptr_array_unref);
  g_clear_pointer (&report->milestones, g_ptr_array_unref);
  g_clear_pointer (&report->decision, g_ptr_array_unref);
  g_clear_pointer (&report->schedule, gw_schedule_unref);
  g_free (report->schedule_problem);
  g_clear_pointer (&report->verdict, gw_verdict_free);
  g_clear_pointer (&report->readiness, gw_readiness_free);
  g_clear_pointer (&report->next, gw_next_actions_free);
  g_free (report);
}

/**
 * gw_report_write_pdf:
 * @n_pages: (out) (optional): the pages written
 *
 * Writes the report to @path whole or not at all: it is made in memory,
 * then saved under a temporary name and renamed.
 */
gboolean
gw_report_write_pdf (GwReport    *report,
                     const char  *path,
                     GwPaper      paper,
                     guint       *n_pages,
                     GError     **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  double width, height;
  guint counted;
  Doc doc;

  g_return_val_if_fail (report != NULL && path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  display = g_filename_display_name (path);
  gw_paper_get_size (paper, &width, &height);

  /* Count the pages, drawing nothing. */
  surface = cairo_pdf_surface_create_for_stream (discard_bytes, NULL, width, height);
  cr = cairo_create (surface);
  _gw_doc_doc_init (&doc, cr, surface, -1, width, height, report->name);
  run_report (&doc, report);
  counted = doc.page;
  _gw_doc_doc_clear (&doc);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  surface = cairo_pdf_surface_create_for_stream (append_bytes, bytes, width, height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, report->name);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Gapwise " PACKAGE_VERSION);
  cr = cairo_create (surface);
  _gw_doc_doc_init (&doc, cr, surface, 0, width, height, report->name);
  doc.n_pages = counted;
  run_report (&doc, report);
  g_warn_if_fail (doc.page == counted);
  _gw_doc_doc_clear (&doc);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, GW_RENDER_ERROR, GW_RENDER_ERROR_FAILED,
                   _("Could not draw the report “%s”: %s."), display, cairo_status_to_string (status));
      return FALSE;
    }
  if (!g_file_set_contents_full (path, (const char *) bytes->data, bytes->len,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0644, &local_error))
    {
      g_set_error (error, G_FILE_ERROR, local_error->code,
                   _("“%s” could not be written: %s."), display, local_error->message);
      return FALSE;
    }
  if (n_pages != NULL)
    *n_pages = counted;
  return TRUE;
}

/* Public API: the register on pages */

static void
run_register (Doc        *doc,
              GPtrArray  *items,
              const char *title)
{
  _gw_doc_new_page (doc, FALSE);
  _gw_doc_heading (doc, title, TRUE);
  register_table (doc, items);
  _gw_doc_end_page (doc);
}

/**
 * gw_register_pages_count:
 * @items: (element-type GwItem): the items, in the order to print
 * @width: a page's width in points
 *
 * Returns: how many pages gw_register_pages_draw() draws
 */
guint
gw_register_pages_count (GPtrArray  *items,
                         const char *title,
                         double      width,
                         double      height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);
  Doc doc;
  guint n;

  g_return_val_if_fail (items != NULL, 0);

  _gw_doc_doc_init (&doc, cr, NULL, -1, width, height, title);
  run_register (&doc, items, title);
  n = doc.page;
  _gw_doc_doc_clear (&doc);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return n;
}

/**
 * gw_register_pages_draw:
 * @page: 0-based
 *
 * Draws page @page of the register's table into @cr, whose origin is the
 * page's top left corner, in the light palette.
 */
void
gw_register_pages_draw (GPtrArray  *items,
                        const char *title,
                        cairo_t    *cr,
                        double      width,
                        double      height,
                        guint       page)
{
  Doc doc;

  g_return_if_fail (items != NULL && cr != NULL);

  _gw_doc_doc_init (&doc, cr, NULL, (int) page + 1, width, height, title);
  doc.n_pages = gw_register_pages_count (items, title, width, height);
  _gw_doc_new_page (&doc, FALSE);
  _gw_doc_heading (&doc, title, TRUE);
  register_table (&doc, items);
  if (!doc.stop)
    _gw_doc_end_page (&doc);
  _gw_doc_doc_clear (&doc);
}
