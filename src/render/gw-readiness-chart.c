/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "gw-readiness-chart.h"

/* Sizes are in drawing units at 100 % (pixels on screen, points on paper);
 * the summary charts are laid out for the width and height they are given
 * and shrink their text when the register has more than fits. */

#define ROW_FACTOR 2.3     /* a readiness row is this many font sizes high */
#define MARGIN 40.0

/* Helpers */

static double
show_text (cairo_t               *cr,
           const GwRenderPalette *palette,
           const char            *text,
           double                 size,
           gboolean               bold,
           const GwColor         *color,
           double                 x,
           double                 y,
           double                 max_width,
           PangoAlignment         align)
{
  g_autoptr(PangoLayout) layout = gw_render_text_layout (cr, palette, size, bold);
  double height;

  gw_render_text_set (layout, text, max_width);
  pango_layout_set_alignment (layout, align);
  gw_render_text_size (layout, NULL, &height);
  gw_render_set_color (cr, color, 1);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  return height;
}

/* Wrapped text; returns its height. */
static double
show_paragraph (cairo_t               *cr,
                const GwRenderPalette *palette,
                const char            *text,
                double                 size,
                gboolean               bold,
                const GwColor         *color,
                double                 x,
                double                 y,
                double                 width)
{
  g_autoptr(PangoLayout) layout = gw_render_text_layout (cr, palette, size, bold);
  double height;

  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);
  gw_render_text_size (layout, NULL, &height);
  gw_render_set_color (cr, color, 1);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  return height;
}

static double
text_width (cairo_t               *cr,
            const GwRenderPalette *palette,
            const char            *text,
            double                 size,
            gboolean               bold)
{
  g_autoptr(PangoLayout) layout = gw_render_text_layout (cr, palette, size, bold);
  double width;

  gw_render_text_set (layout, text, -1);
  gw_render_text_size (layout, &width, NULL);
  return width;
}

static char *
row_figures (const GwReadinessRow *row)
{
  g_autofree char *done = gw_format_hours (row->hours_done);
  g_autofree char *hours = gw_format_hours (row->hours);

  /* Translators: a readiness bar's figures, "3/7 (43 %) · 12 of 40 h" */
  return g_strdup_printf (_("%u/%u (%.0f %%) · %s of %s h"),
                          row->n_done, row->n_items, floor (gw_readiness_row_pct (row)), done, hours);
}

static const char *
row_label (const GwReadinessRow *row,
           gboolean              overall)
{
  if (overall)
    return _("Overall");
  return row->category && *row->category ? row->category : _("No category");
}

static GwColor
verdict_color (const GwRenderPalette *palette,
               gboolean               go)
{
  return go ? palette->status[GW_STATUS_DONE] : palette->priority[GW_PRIORITY_P0];
}

static char *
format_date (const GDate *date)
{
  char buf[32];

  if (!g_date_valid (date))
    return g_strdup ("");
  g_date_strftime (buf, sizeof buf, "%Y-%m-%d", date);
  return g_strdup (buf);
}

/* Readiness */

/**
 * gw_readiness_chart_get_height:
 * @font_size: the text size the chart is drawn with
 *
 * Returns: the height gw_readiness_chart_draw() takes
 */
double
gw_readiness_chart_get_height (const GwReadiness *readiness,
                               double             font_size)
{
  g_return_val_if_fail (readiness != NULL, 0);

  /* the overall row, a gap, then the categories */
  return font_size * ROW_FACTOR * (1 + readiness->categories->len) + font_size * 0.8;
}

/**
 * gw_readiness_chart_draw:
 * @width: the width to fill
 * @font_size: the size of its text; rows are ROW_FACTOR of it high
 *
 * Draws the overall bar and one bar per category from (0, 0).
 */
void
gw_readiness_chart_draw (cairo_t               *cr,
                         const GwReadiness     *readiness,
                         const GwRenderPalette *palette,
                         double                 width,
                         double                 font_size)
{
  guint n;
  double label_w = 0, figures_w = 0, row_h = font_size * ROW_FACTOR;
  double bar_x, bar_w, y = 0;

  g_return_if_fail (cr != NULL && readiness != NULL && palette != NULL);

  n = readiness->categories->len;
  for (guint i = 0; i <= n; i++)
    {
      const GwReadinessRow *row = i == 0 ? &readiness->overall
                                         : &g_array_index (readiness->categories, GwReadinessRow, i - 1);
      g_autofree char *figures = row_figures (row);

      label_w = MAX (label_w, text_width (cr, palette, row_label (row, i == 0), font_size, i == 0));
      figures_w = MAX (figures_w, text_width (cr, palette, figures, font_size, i == 0));
    }
  label_w = MIN (label_w + font_size, width * 0.3);
  figures_w = MIN (figures_w + font_size, width * 0.4);
  bar_x = label_w;
  bar_w = MAX (width - label_w - figures_w, font_size);

  cairo_save (cr);
  for (guint i = 0; i <= n; i++)
    {
      const GwReadinessRow *row = i == 0 ? &readiness->overall
                                         : &g_array_index (readiness->categories, GwReadinessRow, i - 1);
      g_autofree char *figures = row_figures (row);
      double pct = gw_readiness_row_pct (row);
      double bar_h = font_size * (i == 0 ? 1.2 : 0.9);
      double bar_y = y + (row_h - bar_h) / 2;
      double text_y = y + (row_h - font_size * 1.25) / 2;
      const GwColor *fill = pct >= 100 ? &palette->status[GW_STATUS_DONE] : &palette->accent;

      show_text (cr, palette, row_label (row, i == 0), font_size, i == 0, &palette->foreground,
                 0, text_y, label_w - font_size * 0.5, PANGO_ALIGN_LEFT);

      gw_render_rounded_rectangle (cr, bar_x, bar_y, bar_w, bar_h, bar_h / 2);
      gw_render_set_color (cr, &palette->band[1], 1);
      cairo_fill (cr);
      if (row->n_done > 0)
        {
          gw_render_rounded_rectangle (cr, bar_x, bar_y, MAX (bar_w * pct / 100, bar_h), bar_h, bar_h / 2);
          gw_render_set_color (cr, fill, 1);
          cairo_fill (cr);
        }

      show_text (cr, palette, figures, font_size, i == 0, i == 0 ? &palette->foreground : &palette->muted,
                 bar_x + bar_w + font_size * 0.6, text_y, figures_w - font_size * 0.6, PANGO_ALIGN_LEFT);
      y += row_h;
      if (i == 0)
        {
          y += font_size * 0.4;
          gw_render_set_color (cr, &palette->border, 1);
          cairo_set_line_width (cr, 1);
          cairo_move_to (cr, 0, y);
          cairo_line_to (cr, width, y);
          cairo_stroke (cr);
          y += font_size * 0.4;
        }
    }
  cairo_restore (cr);
}

/* Summary of the register */

static void
draw_card (cairo_t               *cr,
           const GwRenderPalette *palette,
           double                 x,
           double                 y,
           double                 w,
           double                 h,
           const char            *value,
           const char            *label,
           const GwColor         *value_color,
           double                 scale)
{
  gw_render_rounded_rectangle (cr, x, y, w, h, 10 * scale);
  gw_render_set_color (cr, &palette->surface, 1);
  cairo_fill_preserve (cr);
  gw_render_set_color (cr, &palette->border, 1);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
  show_text (cr, palette, value, 28 * scale, TRUE, value_color, x + 16 * scale, y + 14 * scale,
             w - 32 * scale, PANGO_ALIGN_LEFT);
  show_text (cr, palette, label, 13 * scale, FALSE, &palette->muted, x + 16 * scale, y + h - 30 * scale,
             w - 32 * scale, PANGO_ALIGN_LEFT);
}

/**
 * gw_summary_chart_draw:
 *
 * Draws the register's name, key figures (items done, hours left, the
 * finish date, the critical path, the verdict), its readiness bars and the
 * hours of the next-action queue into @width x @height.
 */
void
gw_summary_chart_draw (cairo_t                *cr,
                       const GwGatesChartData *data,
                       const GwRenderPalette  *palette,
                       double                  width,
                       double                  height)
{
  const GwReadiness *r;
  double scale, x = MARGIN, y = MARGIN, cards_w, card_w, card_h, gap, avail, font;
  g_autofree char *done = NULL;
  g_autofree char *left = NULL;
  g_autofree char *finish = NULL;
  g_autofree char *critical = NULL;
  GwColor verdict;

  g_return_if_fail (cr != NULL && data != NULL && palette != NULL);
  g_return_if_fail (data->readiness != NULL && data->verdict != NULL);

  r = data->readiness;
  scale = CLAMP (MIN (width / 1200, height / 800), 0.5, 3);
  x = MARGIN * scale;
  y = MARGIN * scale;

  cairo_save (cr);
  y += show_text (cr, palette, data->name && *data->name ? data->name : _("Gap Register"), 34 * scale, TRUE,
                  &palette->foreground, x, y, width - 2 * x, PANGO_ALIGN_LEFT);
  y += 4 * scale;
  y += show_text (cr, palette, _("Readiness and key figures"), 16 * scale, FALSE, &palette->muted,
                  x, y, width - 2 * x, PANGO_ALIGN_LEFT);
  y += 24 * scale;

  /* Cards */
  done = g_strdup_printf ("%u/%u", r->overall.n_done, r->overall.n_items);
  {
    g_autofree char *hours = gw_format_hours (r->overall.hours - r->overall.hours_done);

    /* Translators: hours, "312 h" */
    left = g_strdup_printf (_("%s h"), hours);
  }
  if (data->schedule != NULL && data->schedule->n_active > 0)
    {
      GDate date;
      g_autofree char *hours = gw_format_hours (data->schedule->critical_path_hours);

      gw_calendar_get_wall (data->schedule->calendar, data->schedule->makespan_hours, GW_CALENDAR_FINISH, &date, NULL);
      finish = format_date (&date);
      critical = g_strdup_printf (_("%s h"), hours);
    }
  else
    {
      finish = g_strdup ("—");
      critical = g_strdup ("—");
    }
  verdict = verdict_color (palette, data->verdict->go);

  gap = 16 * scale;
  cards_w = width - 2 * x;
  card_w = (cards_w - 4 * gap) / 5;
  card_h = 96 * scale;
  draw_card (cr, palette, x, y, card_w, card_h, done, _("Items done"), &palette->foreground, scale);
  draw_card (cr, palette, x + (card_w + gap), y, card_w, card_h, left, _("Hours left"), &palette->foreground, scale);
  draw_card (cr, palette, x + 2 * (card_w + gap), y, card_w, card_h, finish, _("Scheduled finish"),
             &palette->foreground, scale);
  draw_card (cr, palette, x + 3 * (card_w + gap), y, card_w, card_h, critical, _("Critical path"),
             &palette->highlight, scale);
  draw_card (cr, palette, x + 4 * (card_w + gap), y, card_w, card_h, gw_verdict_get_word (data->verdict),
             _("Go/no-go verdict"), &verdict, scale);
  y += card_h + 28 * scale;

  /* Readiness, shrunk to what is left above the next actions. */
  y += show_text (cr, palette, _("Readiness"), 20 * scale, TRUE, &palette->foreground, x, y, -1, PANGO_ALIGN_LEFT);
  y += 8 * scale;
  avail = height - y - MARGIN * scale - (data->next ? 40 * scale : 0);
  font = 15 * scale;
  if (gw_readiness_chart_get_height (r, font) > avail)
    font = MAX (avail / gw_readiness_chart_get_height (r, 1), 6 * scale);
  cairo_save (cr);
  cairo_translate (cr, x, y);
  gw_readiness_chart_draw (cr, r, palette, width - 2 * x, font);
  cairo_restore (cr);

  if (data->next != NULL)
    {
      g_autoptr(GString) line = g_string_new (_("Next actions"));

      for (guint b = 0; b < GW_N_NEXT_BUCKETS; b++)
        {
          g_autofree char *hours = gw_format_hours (data->next->hours[b]);
          guint n = data->next->actions[b]->len;
          g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item", "%u items", n), n);

          g_string_append (line, b == 0 ? " — " : " · ");
          /* Translators: one bucket of the next actions, "Immediate: 4 items, 36 h" */
          g_string_append_printf (line, _("%s: %s, %s h"), gw_next_bucket_to_label (b), count, hours);
        }
      show_text (cr, palette, line->str, 15 * scale, FALSE, &palette->muted, x, height - MARGIN * scale - 20 * scale,
                 width - 2 * x, PANGO_ALIGN_LEFT);
    }
  cairo_restore (cr);
}

/* Go/no-go and gates */

static GwItem *
find_item (GPtrArray  *items,
           GHashTable *by_key,
           const char *key)
{
  return key && by_key ? g_hash_table_lookup (by_key, key) : NULL;
}

/* Draws the entries of @level from @y down to @bottom; returns the new y. */
static double
draw_level (cairo_t                *cr,
            const GwRenderPalette  *palette,
            const GwGatesChartData *data,
            GHashTable             *by_key,
            GwGateLevel             level,
            const char             *heading,
            double                  x,
            double                  y,
            double                  width,
            double                  bottom,
            double                  scale)
{
  double line_h = 21 * scale;
  guint shown = 0, total = 0;

  y += show_text (cr, palette, heading, 16 * scale, TRUE, &palette->foreground, x, y, width, PANGO_ALIGN_LEFT);
  y += 4 * scale;
  for (guint i = 0; i < data->decision->len; i++)
    if (((GwDecisionEntry *) g_ptr_array_index (data->decision, i))->level == level)
      total++;
  if (total == 0)
    {
      y += show_text (cr, palette, _("No entries"), 13 * scale, FALSE, &palette->muted, x + 22 * scale, y, width,
                      PANGO_ALIGN_LEFT);
      return y + 10 * scale;
    }
  for (guint i = 0; i < data->decision->len; i++)
    {
      GwDecisionEntry *entry = g_ptr_array_index (data->decision, i);
      GwItem *item;
      gboolean done;
      g_autofree char *text = NULL;

      if (entry->level != level)
        continue;
      if (y + 2 * line_h > bottom && shown + 1 < total)
        {
          g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "… and %u more", "… and %u more",
                                                                total - shown), total - shown);

          y += show_text (cr, palette, more, 13 * scale, FALSE, &palette->muted, x + 22 * scale, y, width,
                          PANGO_ALIGN_LEFT);
          return y + 10 * scale;
        }
      item = find_item (data->items, by_key, entry->item_key);
      done = gw_gates_entry_is_done (entry, item);
      text = entry->item_key ? g_strdup_printf ("%s  %s", entry->item_key, gw_gates_entry_label (entry, item))
                             : g_strdup (gw_gates_entry_label (entry, item));

      /* a filled circle with a tick, or an empty ring */
      cairo_new_path (cr);
      cairo_arc (cr, x + 7 * scale, y + 9 * scale, 6.5 * scale, 0, 2 * G_PI);
      if (done)
        {
          gw_render_set_color (cr, &palette->status[GW_STATUS_DONE], 1);
          cairo_fill (cr);
          gw_render_set_color (cr, &palette->background, 1);
          cairo_set_line_width (cr, 1.8 * scale);
          cairo_move_to (cr, x + 4 * scale, y + 9 * scale);
          cairo_line_to (cr, x + 6.3 * scale, y + 11.5 * scale);
          cairo_line_to (cr, x + 10.3 * scale, y + 6.5 * scale);
          cairo_stroke (cr);
        }
      else
        {
          gw_render_set_color (cr, level == GW_GATE_MUST ? &palette->priority[GW_PRIORITY_P0] : &palette->line, 1);
          cairo_set_line_width (cr, 1.5 * scale);
          cairo_stroke (cr);
        }
      show_text (cr, palette, text, 13 * scale, FALSE, done ? &palette->muted : &palette->foreground,
                 x + 22 * scale, y, width - 22 * scale, PANGO_ALIGN_LEFT);
      y += line_h;
      shown++;
    }
  return y + 10 * scale;
}

/**
 * gw_gates_chart_draw:
 *
 * Draws the go/no-go verdict and what decides it, the must, should and
 * nice-to-have entries, and the milestones with their schedule and gate
 * criteria into @width x @height.
 */
void
gw_gates_chart_draw (cairo_t                *cr,
                     const GwGatesChartData *data,
                     const GwRenderPalette  *palette,
                     double                  width,
                     double                  height)
{
  g_autoptr(GHashTable) by_key = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *why = NULL;
  g_autofree char *should_heading = NULL;
  g_autofree char *must_heading = NULL;
  g_autofree char *nice_heading = NULL;
  const GwVerdict *v;
  const char *word;
  double scale, x, y, pill_w, pill_h, col_w, left_x, right_x, top, bottom;
  GwColor color;

  g_return_if_fail (cr != NULL && data != NULL && palette != NULL && data->verdict != NULL);

  v = data->verdict;
  for (guint i = 0; data->items != NULL && i < data->items->len; i++)
    {
      GwItem *item = g_ptr_array_index (data->items, i);

      g_hash_table_insert (by_key, (gpointer) gw_item_get_key (item), item);
    }
  scale = CLAMP (MIN (width / 1200, height / 800), 0.5, 3);
  x = MARGIN * scale;
  y = MARGIN * scale;

  cairo_save (cr);

  /* The verdict */
  word = gw_verdict_get_word (v);
  color = verdict_color (palette, v->go);
  pill_w = text_width (cr, palette, word, 44 * scale, TRUE) + 48 * scale;
  pill_h = 76 * scale;
  gw_render_rounded_rectangle (cr, x, y, pill_w, pill_h, 14 * scale);
  gw_render_set_color (cr, &color, 1);
  cairo_fill (cr);
  show_text (cr, palette, word, 44 * scale, TRUE, &palette->background, x, y + 10 * scale, pill_w,
             PANGO_ALIGN_CENTER);
  show_text (cr, palette, _("Go/No-Go"), 15 * scale, TRUE, &palette->muted, x + pill_w + 24 * scale, y + 6 * scale,
             width - pill_w - 3 * x, PANGO_ALIGN_LEFT);
  why = gw_verdict_describe (v);
  show_paragraph (cr, palette, why, 18 * scale, FALSE, &palette->foreground, x + pill_w + 24 * scale, y + 30 * scale,
                  width - pill_w - 24 * scale - 2 * x);
  y += pill_h + 30 * scale;

  /* Entries on the left, milestones on the right */
  top = y;
  bottom = height - MARGIN * scale;
  col_w = (width - 2 * x - 40 * scale) / 2;
  left_x = x;
  right_x = x + col_w + 40 * scale;

  must_heading = g_strdup_printf (_("Must have — %u of %u done"), v->n_done[GW_GATE_MUST], v->n_total[GW_GATE_MUST]);
  {
    g_autofree char *pct = gw_format_hours (round (v->should_pct));
    g_autofree char *threshold = gw_format_hours (v->threshold);

    should_heading = g_strdup_printf (_("Should have — %u of %u done (%s %%, %s %% needed)"),
                                      v->n_done[GW_GATE_SHOULD], v->n_total[GW_GATE_SHOULD], pct, threshold);
  }
  nice_heading = g_strdup_printf (_("Nice to have — %u of %u done"), v->n_done[GW_GATE_NICE], v->n_total[GW_GATE_NICE]);
  {
    double third = (bottom - top) / 3;
    double ly = top;

    ly = draw_level (cr, palette, data, by_key, GW_GATE_MUST, must_heading, left_x, ly, col_w,
                     MAX (top + third * 1.4, ly + 60 * scale), scale);
    ly = draw_level (cr, palette, data, by_key, GW_GATE_SHOULD, should_heading, left_x, ly, col_w,
                     MAX (top + third * 2.5, ly + 60 * scale), scale);
    draw_level (cr, palette, data, by_key, GW_GATE_NICE, nice_heading, left_x, ly, col_w, bottom, scale);
  }

  y = top;
  y += show_text (cr, palette, _("Milestone gates"), 16 * scale, TRUE, &palette->foreground, right_x, y, col_w,
                  PANGO_ALIGN_LEFT);
  y += 6 * scale;
  if (data->milestones == NULL || data->milestones->len == 0)
    show_text (cr, palette, _("No milestones"), 13 * scale, FALSE, &palette->muted, right_x, y, col_w,
               PANGO_ALIGN_LEFT);
  for (guint i = 0; data->milestones != NULL && i < data->milestones->len; i++)
    {
      GwMilestone *m = g_ptr_array_index (data->milestones, i);
      GPtrArray *exit = m->lines[GW_MILESTONE_LINE_EXIT];
      GPtrArray *entry = m->lines[GW_MILESTONE_LINE_ENTRY];
      g_autofree char *title = g_strdup_printf ("%s · %s", m->key, m->name ? m->name : "");
      g_autoptr(GString) meta = g_string_new (NULL);
      guint exit_done = 0, entry_done = 0;
      GDate start, finish;
      double bar_w;

      if (y + 48 * scale > bottom)
        {
          g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "… and %u more", "… and %u more",
                                                                data->milestones->len - i),
                                                   data->milestones->len - i);

          show_text (cr, palette, more, 13 * scale, FALSE, &palette->muted, right_x, y, col_w, PANGO_ALIGN_LEFT);
          break;
        }
      for (guint k = 0; k < exit->len; k++)
        exit_done += ((GwLine *) g_ptr_array_index (exit, k))->done;
      for (guint k = 0; k < entry->len; k++)
        entry_done += ((GwLine *) g_ptr_array_index (entry, k))->done;

      if (data->schedule != NULL && gw_gates_milestone_dates (data->schedule, m->key, &start, &finish))
        {
          g_autofree char *a = format_date (&start);
          g_autofree char *b = format_date (&finish);

          g_string_append_printf (meta, "%s – %s", a, b);
        }
      else
        g_string_append (meta, _("not scheduled"));
      if (m->requires != NULL && *m->requires != '\0')
        g_string_append_printf (meta, _(" · after %s"), m->requires);
      if (entry->len > 0)
        g_string_append_printf (meta, _(" · entry %u/%u"), entry_done, entry->len);
      g_string_append_printf (meta, _(" · exit %u/%u"), exit_done, exit->len);

      y += show_text (cr, palette, title, 14 * scale, TRUE, &palette->foreground, right_x, y, col_w, PANGO_ALIGN_LEFT);
      y += show_text (cr, palette, meta->str, 12.5 * scale, FALSE, &palette->muted, right_x, y, col_w,
                      PANGO_ALIGN_LEFT);
      /* the exit criteria as a thin bar */
      bar_w = col_w;
      gw_render_rounded_rectangle (cr, right_x, y + 4 * scale, bar_w, 5 * scale, 2.5 * scale);
      gw_render_set_color (cr, &palette->band[1], 1);
      cairo_fill (cr);
      if (exit->len > 0 && exit_done > 0)
        {
          gw_render_rounded_rectangle (cr, right_x, y + 4 * scale, bar_w * exit_done / exit->len, 5 * scale,
                                       2.5 * scale);
          gw_render_set_color (cr, exit_done == exit->len ? &palette->status[GW_STATUS_DONE] : &palette->accent, 1);
          cairo_fill (cr);
        }
      y += 22 * scale;
    }
  cairo_restore (cr);
}
