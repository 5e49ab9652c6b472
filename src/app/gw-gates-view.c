/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The Gates page: the go/no-go verdict with what decides it, the must,
 * should and nice-to-have entries and the should-threshold, the readiness
 * bars, the next-action queue, and each milestone with its schedule,
 * deliverables and entry and exit criteria. Every change is one edit of
 * the store (one undo step); the page is rebuilt from the store after each
 * change, from wherever it came, and keeps the keyboard focus where it was. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "gw-chart-source.h"
#include "gw-gates-view.h"
#include "gw-gates.h"
#include "gw-readiness-chart.h"
#include "gw-style-palette.h"

#define READINESS_FONT 13.0
#define MAX_NEXT_ROWS 20
#define FOCUS_PREFIX "gw:"

struct _GwGatesView
{
  GtkWidget            parent_instance;

  GwContext           *context;
  GSignalGroup        *context_signals;
  GSignalGroup        *store_signals;
  guint                rebuild_id;
  gboolean             dirty;           /* changed while not shown */
  gboolean             updating;        /* setting widgets from the store */
  GHashTable          *expanded;        /* "M1:exit" -> GINT 1 expanded, 2 collapsed */

  /* what the page shows, from the last rebuild */
  GPtrArray           *items;
  GHashTable          *by_key;
  GPtrArray           *milestones;
  GPtrArray           *decision;
  GwSchedule          *schedule;
  GwVerdict           *verdict;
  GwReadiness         *readiness;
  GwNextActions       *next;
  gboolean             editable;

  /* template */
  GtkScrolledWindow   *scroller;
  GtkLabel            *verdict_label;
  GtkLabel            *reason_label;
  GtkSpinButton       *threshold_spin;
  AdwPreferencesGroup *should_group;
  GtkListBox          *must_list;
  GtkListBox          *should_list;
  GtkListBox          *nice_list;
  GtkListBox          *next_list;
  GtkDrawingArea      *readiness_area;
  GtkBox              *milestones_box;
};

/* What a row's widgets edit: a go/no-go entry, or a line of a milestone. */
typedef struct
{
  GwGatesView *self;
  gboolean     milestone;     /* a milestone's line, else a go/no-go entry */
  char        *key;           /* the milestone */
  int          kind;          /* GwMilestoneLineKind, or GwGateLevel */
  int          index;         /* of the line or entry; -1 for the row that adds */
} Target;

static void chart_source_iface_init (GwChartSourceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GwGatesView, gw_gates_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GW_TYPE_CHART_SOURCE, chart_source_iface_init))

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void queue_rebuild (GwGatesView *self);

/* Helpers */

static Target *
target_new (GwGatesView *self,
            gboolean     milestone,
            const char  *key,
            int          kind,
            int          index)
{
  Target *t = g_new0 (Target, 1);

  t->self = self;
  t->milestone = milestone;
  t->key = g_strdup (key);
  t->kind = kind;
  t->index = index;
  return t;
}

static void
target_free (gpointer  data,
             GClosure *closure)
{
  Target *t = data;

  g_free (t->key);
  g_free (t);
}

static GwStore *
get_store (GwGatesView *self)
{
  return self->context ? gw_context_get_store (self->context) : NULL;
}

static GwStore *
writable_store (GwGatesView *self)
{
  GwStore *store = get_store (self);

  return store != NULL && !gw_store_is_read_only (store) ? store : NULL;
}

static void
show_error (GwGatesView *self,
            GError      *error)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    {
      AdwToast *toast = adw_toast_new (error->message);

      adw_toast_set_timeout (toast, 8);
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
    }
  else
    g_warning ("%s", error->message);
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
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

static GtkListBox *
level_list (GwGatesView *self,
            GwGateLevel  level)
{
  switch (level)
    {
    case GW_GATE_MUST:
      return self->must_list;
    case GW_GATE_SHOULD:
      return self->should_list;
    case GW_GATE_NICE:
    default:
      return self->nice_list;
    }
}

static const char *
level_name (GwGateLevel level)
{
  return gw_gate_level_to_string (level);
}

static const char *
line_kind_name (GwMilestoneLineKind kind)
{
  return gw_milestone_line_kind_to_string (kind);
}

static GwMilestone *
find_milestone (GwGatesView *self,
                const char  *key)
{
  for (guint i = 0; self->milestones != NULL && i < self->milestones->len; i++)
    {
      GwMilestone *m = g_ptr_array_index (self->milestones, i);

      if (g_strcmp0 (m->key, key) == 0)
        return m;
    }
  return NULL;
}

static GPtrArray *
copy_decision (GwGatesView *self)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_decision_entry_free);

  for (guint i = 0; self->decision != NULL && i < self->decision->len; i++)
    {
      GwDecisionEntry *e = g_ptr_array_index (self->decision, i);

      g_ptr_array_add (copy, gw_decision_entry_new (e->level, e->item_key, e->text, e->done));
    }
  return copy;
}

/* The go/no-go entry of @level's @index-th row. */
static int
decision_index (GwGatesView *self,
                GwGateLevel  level,
                int          nth)
{
  for (guint i = 0; self->decision != NULL && i < self->decision->len; i++)
    {
      GwDecisionEntry *e = g_ptr_array_index (self->decision, i);

      if (e->level == level && nth-- == 0)
        return (int) i;
    }
  return -1;
}

static void
set_decision (GwGatesView *self,
              GPtrArray   *entries)
{
  GwStore *store = writable_store (self);
  g_autoptr(GError) error = NULL;

  if (store != NULL && !gw_store_set_decision (store, entries, &error))
    show_error (self, error);
}

static void
put_milestone (GwGatesView *self,
               GwMilestone *m)
{
  GwStore *store = writable_store (self);
  g_autoptr(GError) error = NULL;

  if (store != NULL && !gw_store_put_milestone (store, m, &error))
    show_error (self, error);
}

/* Focus */

/* The name of the widget of ours that has the focus, to find its
 * successor after a rebuild. */
static char *
focused_name (GwGatesView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  for (GtkWidget *w = focus; w != NULL && w != GTK_WIDGET (self); w = gtk_widget_get_parent (w))
    if (g_str_has_prefix (gtk_widget_get_name (w), FOCUS_PREFIX))
      return g_strdup (gtk_widget_get_name (w));
  return NULL;
}

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_str_equal (gtk_widget_get_name (root), name))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
set_name (GtkWidget  *widget,
          const char *format,
          ...) G_GNUC_PRINTF (2, 3);

static void
set_name (GtkWidget  *widget,
          const char *format,
          ...)
{
  g_autofree char *body = NULL;
  g_autofree char *name = NULL;
  va_list args;

  va_start (args, format);
  body = g_strdup_vprintf (format, args);
  va_end (args);
  name = g_strconcat (FOCUS_PREFIX, body, NULL);
  gtk_widget_set_name (widget, name);
}

/* Callbacks: go/no-go */

static void
on_entry_toggled_cb (GtkCheckButton *check,
                     Target         *t)
{
  GwGatesView *self = t->self;
  g_autoptr(GPtrArray) entries = NULL;
  int i;

  if (self->updating || (i = decision_index (self, t->kind, t->index)) < 0)
    return;
  entries = copy_decision (self);
  ((GwDecisionEntry *) g_ptr_array_index (entries, i))->done = gtk_check_button_get_active (check);
  set_decision (self, entries);
}

static void
on_entry_applied_cb (AdwEntryRow *row,
                     Target      *t)
{
  GwGatesView *self = t->self;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  GwDecisionEntry *entry;
  int i;

  if ((i = decision_index (self, t->kind, t->index)) < 0)
    return;
  entries = copy_decision (self);
  entry = g_ptr_array_index (entries, i);
  if (*text == '\0')
    g_ptr_array_remove_index (entries, i);
  else
    {
      g_free (entry->text);
      entry->text = g_steal_pointer (&text);
    }
  set_decision (self, entries);
}

static void
on_entry_removed_cb (GtkButton *button,
                     Target    *t)
{
  GwGatesView *self = t->self;
  g_autoptr(GPtrArray) entries = NULL;
  int i;

  if ((i = decision_index (self, t->kind, t->index)) < 0)
    return;
  entries = copy_decision (self);
  g_ptr_array_remove_index (entries, i);
  set_decision (self, entries);
}

/* "P0-005" or "P0-005: text" adds the item; anything else is a criterion. */
static void
on_entry_added_cb (AdwEntryRow *row,
                   Target      *t)
{
  GwGatesView *self = t->self;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  g_autofree char *key = NULL;
  const char *rest = NULL;
  const char *colon;

  if (*text == '\0')
    return;
  colon = strchr (text, ':');
  if (self->by_key != NULL && g_hash_table_contains (self->by_key, text))
    key = g_strdup (text);
  else if (colon != NULL && self->by_key != NULL)
    {
      g_autofree char *head = g_strstrip (g_strndup (text, colon - text));

      if (g_hash_table_contains (self->by_key, head))
        {
          key = g_steal_pointer (&head);
          rest = colon + 1;
          while (*rest == ' ')
            rest++;
        }
    }

  entries = copy_decision (self);
  for (guint i = 0; key != NULL && i < entries->len; i++)
    if (g_strcmp0 (((GwDecisionEntry *) g_ptr_array_index (entries, i))->item_key, key) == 0)
      {
        g_autoptr(GError) error =
          g_error_new (GW_STORE_ERROR, GW_STORE_ERROR_DUPLICATE,
                       _("%s is already on the go/no-go list: remove it there to move it."), key);

        gtk_widget_add_css_class (GTK_WIDGET (row), "error");
        show_error (self, error);
        return;
      }
  if (key != NULL)
    g_ptr_array_add (entries, gw_decision_entry_new (t->kind, key, rest, FALSE));
  else
    g_ptr_array_add (entries, gw_decision_entry_new (t->kind, NULL, text, FALSE));
  set_decision (self, entries);
}

static void
on_threshold_changed_cb (GwGatesView *self)
{
  GwStore *store = writable_store (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;

  if (self->updating || store == NULL)
    return;
  value = g_strdup_printf ("%d", (int) round (gtk_spin_button_get_value (self->threshold_spin)));
  if (!gw_store_set_setting (store, "should_threshold", value, &error))
    show_error (self, error);
}

/* Callbacks: milestones */

static void
on_line_toggled_cb (GtkCheckButton *check,
                    Target         *t)
{
  GwGatesView *self = t->self;
  GwMilestone *m = find_milestone (self, t->key);
  g_autoptr(GwMilestone) copy = NULL;

  if (self->updating || m == NULL || t->index < 0 || (guint) t->index >= m->lines[t->kind]->len)
    return;
  copy = gw_milestone_copy (m);
  ((GwLine *) g_ptr_array_index (copy->lines[t->kind], t->index))->done = gtk_check_button_get_active (check);
  put_milestone (self, copy);
}

static void
on_line_applied_cb (AdwEntryRow *row,
                    Target      *t)
{
  GwGatesView *self = t->self;
  GwMilestone *m = find_milestone (self, t->key);
  g_autoptr(GwMilestone) copy = NULL;
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (m == NULL || t->index < 0 || (guint) t->index >= m->lines[t->kind]->len)
    return;
  copy = gw_milestone_copy (m);
  if (*text == '\0')
    g_ptr_array_remove_index (copy->lines[t->kind], t->index);
  else
    {
      GwLine *line = g_ptr_array_index (copy->lines[t->kind], t->index);

      g_free (line->text);
      line->text = g_steal_pointer (&text);
    }
  put_milestone (self, copy);
}

static void
on_line_removed_cb (GtkButton *button,
                    Target    *t)
{
  GwGatesView *self = t->self;
  GwMilestone *m = find_milestone (self, t->key);
  g_autoptr(GwMilestone) copy = NULL;

  if (m == NULL || t->index < 0 || (guint) t->index >= m->lines[t->kind]->len)
    return;
  copy = gw_milestone_copy (m);
  g_ptr_array_remove_index (copy->lines[t->kind], t->index);
  put_milestone (self, copy);
}

static void
on_line_added_cb (AdwEntryRow *row,
                  Target      *t)
{
  GwGatesView *self = t->self;
  GwMilestone *m = find_milestone (self, t->key);
  g_autoptr(GwMilestone) copy = NULL;
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (m == NULL || *text == '\0')
    return;
  copy = gw_milestone_copy (m);
  g_ptr_array_add (copy->lines[t->kind], gw_line_new (text, NAN, FALSE));
  put_milestone (self, copy);
}

static void
on_expanded_cb (AdwExpanderRow *row,
                GParamSpec     *pspec,
                Target         *t)
{
  g_autofree char *id = g_strdup_printf ("%s:%s", t->key, line_kind_name (t->kind));

  g_hash_table_insert (t->self->expanded, g_steal_pointer (&id),
                       GINT_TO_POINTER (adw_expander_row_get_expanded (row) ? 1 : 2));
}

/* Callbacks: store and context */

static void
on_store_changed_cb (GwGatesView *self)
{
  queue_rebuild (self);
}

static void
on_context_store_cb (GwGatesView *self)
{
  g_signal_group_set_target (self->store_signals, get_store (self));
  g_hash_table_remove_all (self->expanded);
  queue_rebuild (self);
}

static void
on_map_cb (GwGatesView *self)
{
  if (self->dirty)
    queue_rebuild (self);
}

static void
draw_readiness_cb (GtkDrawingArea *area,
                   cairo_t        *cr,
                   int             width,
                   int             height,
                   gpointer        data)
{
  GwGatesView *self = GW_GATES_VIEW (data);
  GwRenderPalette palette;

  if (self->readiness == NULL)
    return;
  gw_style_palette_for_widget (GTK_WIDGET (area), &palette);
  gw_readiness_chart_draw (cr, self->readiness, &palette, width, READINESS_FONT);
}

/* Building the page */

static GtkWidget *
remove_button (GwGatesView *self,
               Target      *t,
               GCallback    callback,
               const char  *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_sensitive (button, self->editable);
  g_signal_connect_data (button, "clicked", callback, t, target_free, 0);
  return button;
}

static GtkWidget *
add_row (GwGatesView *self,
         const char  *title,
         Target      *t,
         GCallback    callback)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  adw_entry_row_add_prefix (ADW_ENTRY_ROW (row), gtk_image_new_from_icon_name ("list-add-symbolic"));
  gtk_widget_set_sensitive (row, self->editable);
  g_signal_connect_data (row, "apply", callback, t, target_free, 0);
  return row;
}

static void
fill_decision (GwGatesView *self)
{
  int nth[GW_N_GATE_LEVELS] = { 0 };

  for (GwGateLevel level = GW_GATE_MUST; level <= GW_GATE_NICE; level++)
    clear_list (level_list (self, level));

  for (guint i = 0; self->decision != NULL && i < self->decision->len; i++)
    {
      GwDecisionEntry *e = g_ptr_array_index (self->decision, i);
      GwGateLevel level = MIN (e->level, GW_GATE_NICE);
      GwItem *item = e->item_key && self->by_key ? g_hash_table_lookup (self->by_key, e->item_key) : NULL;
      gboolean done = gw_gates_entry_is_done (e, item);
      int n = nth[level]++;
      GtkWidget *row, *remove;

      if (e->item_key != NULL)
        {
          g_autofree char *title = g_strdup_printf ("%s · %s", e->item_key, gw_gates_entry_label (e, item));
          g_autofree char *subtitle = NULL;
          GtkWidget *icon = gtk_image_new_from_icon_name (done ? "emblem-ok-symbolic" : "radio-symbolic");

          if (item == NULL)
            subtitle = g_strdup (_("The register has no such item"));
          else if (gw_item_get_owner (item) != NULL)
            subtitle = g_strdup_printf ("%s · %s", gw_status_to_label (gw_item_get_status (item)),
                                        gw_item_get_owner (item));
          else
            subtitle = g_strdup (gw_status_to_label (gw_item_get_status (item)));
          row = adw_action_row_new ();
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
          gtk_widget_add_css_class (icon, done ? "success" : "dim-label");
          gtk_widget_set_tooltip_text (icon, done ? _("Done: the item is done") : _("Open: done when the item is done"));
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
          remove = remove_button (self, target_new (self, FALSE, NULL, level, n), G_CALLBACK (on_entry_removed_cb),
                                  _("Remove from the go/no-go list"));
          set_name (remove, "%s:%d:remove", level_name (level), n);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
          set_name (row, "%s:%d:row", level_name (level), n);
        }
      else
        {
          GtkWidget *check = gtk_check_button_new ();

          row = adw_entry_row_new ();
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), e->done ? _("Criterion, done") : _("Criterion, open"));
          gtk_editable_set_text (GTK_EDITABLE (row), e->text ? e->text : "");
          adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
          gtk_editable_set_editable (GTK_EDITABLE (row), self->editable);
          gtk_check_button_set_active (GTK_CHECK_BUTTON (check), e->done);
          gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
          gtk_widget_set_tooltip_text (check, _("Done"));
          gtk_widget_set_sensitive (check, self->editable);
          set_name (check, "%s:%d:check", level_name (level), n);
          g_signal_connect_data (check, "toggled", G_CALLBACK (on_entry_toggled_cb),
                                 target_new (self, FALSE, NULL, level, n), target_free, 0);
          g_signal_connect_data (row, "apply", G_CALLBACK (on_entry_applied_cb),
                                 target_new (self, FALSE, NULL, level, n), target_free, 0);
          adw_entry_row_add_prefix (ADW_ENTRY_ROW (row), check);
          remove = remove_button (self, target_new (self, FALSE, NULL, level, n), G_CALLBACK (on_entry_removed_cb),
                                  _("Remove from the go/no-go list"));
          set_name (remove, "%s:%d:remove", level_name (level), n);
          adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), remove);
          set_name (row, "%s:%d:row", level_name (level), n);
        }
      gtk_list_box_append (level_list (self, level), row);
    }

  for (GwGateLevel level = GW_GATE_MUST; level <= GW_GATE_NICE; level++)
    {
      GtkWidget *row = add_row (self, _("Add an item key or a criterion"), target_new (self, FALSE, NULL, level, -1),
                                G_CALLBACK (on_entry_added_cb));

      set_name (row, "%s:add", level_name (level));
      gtk_list_box_append (level_list (self, level), row);
    }
}

static void
fill_verdict (GwGatesView *self)
{
  g_autofree char *why = NULL;
  g_autofree char *should = NULL;
  g_autofree char *threshold = NULL;
  const GwVerdict *v = self->verdict;

  gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_label), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_label), "error");
  if (v == NULL)
    {
      gtk_label_set_text (self->verdict_label, "—");
      gtk_label_set_text (self->reason_label, _("No register is open."));
      return;
    }
  why = gw_verdict_describe (v);
  gtk_label_set_text (self->verdict_label, gw_verdict_get_word (v));
  gtk_widget_add_css_class (GTK_WIDGET (self->verdict_label), v->go ? "success" : "error");
  gtk_label_set_text (self->reason_label, why);

  threshold = g_strdup_printf ("%.0f", v->threshold);
  /* Translators: the description of the should group, "At least 80 % for GO" */
  should = g_strdup_printf (_("At least %s %% for GO"), threshold);
  adw_preferences_group_set_description (self->should_group, should);

  self->updating = TRUE;
  gtk_spin_button_set_value (self->threshold_spin, v->threshold);
  gtk_widget_set_sensitive (GTK_WIDGET (self->threshold_spin), self->editable);
  self->updating = FALSE;
}

static void
fill_next (GwGatesView *self)
{
  clear_list (self->next_list);
  if (self->next == NULL)
    return;
  for (GwNextBucket b = GW_NEXT_IMMEDIATE; b < GW_N_NEXT_BUCKETS; b++)
    {
      GArray *actions = self->next->actions[b];
      GtkWidget *expander = adw_expander_row_new ();
      g_autofree char *hours = gw_format_hours (self->next->hours[b]);
      g_autofree char *subtitle =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item · %s h", "%u items · %s h", actions->len),
                         actions->len, hours);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), gw_next_bucket_to_label (b));
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle);
      set_name (expander, "next:%d", b);
      for (guint i = 0; i < actions->len && i < MAX_NEXT_ROWS; i++)
        {
          const GwNextAction *a = &g_array_index (actions, GwNextAction, i);
          GtkWidget *row = adw_action_row_new ();
          g_autofree char *title = g_strdup_printf ("%s · %s", gw_item_get_key (a->item), gw_item_get_title (a->item));
          g_autofree char *effort = gw_format_hours (gw_item_get_effort_hours (a->item));
          g_autoptr(GString) meta = g_string_new (NULL);

          if (g_date_valid (&a->start_date))
            {
              g_autofree char *day = format_date (&a->start_date);

              /* Translators: when a next action is scheduled to start */
              g_string_append_printf (meta, _("Starts %s · "), day);
            }
          g_string_append_printf (meta, _("%s h · %s"), effort, gw_priority_to_string (gw_item_get_priority (a->item)));
          if (gw_item_get_owner (a->item) != NULL)
            g_string_append_printf (meta, " · %s", gw_item_get_owner (a->item));
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), meta->str);
          adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
        }
      if (actions->len > MAX_NEXT_ROWS)
        {
          GtkWidget *row = adw_action_row_new ();
          g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "and %u more", "and %u more",
                                                                actions->len - MAX_NEXT_ROWS),
                                                   actions->len - MAX_NEXT_ROWS);

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), more);
          gtk_widget_add_css_class (row, "dim-label");
          adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
        }
      gtk_widget_set_sensitive (expander, actions->len > 0);
      gtk_list_box_append (self->next_list, expander);
    }
}

static GtkWidget *
milestone_lines_row (GwGatesView         *self,
                     GwMilestone         *m,
                     GwMilestoneLineKind  kind)
{
  static const char *const titles[] = { N_("Deliverables"), N_("Entry Criteria"), N_("Exit Criteria") };
  static const char *const adds[] = { N_("Add a deliverable"), N_("Add an entry criterion"), N_("Add an exit criterion") };
  GPtrArray *lines = m->lines[kind];
  GtkWidget *expander = adw_expander_row_new ();
  g_autofree char *id = g_strdup_printf ("%s:%s", m->key, line_kind_name (kind));
  g_autofree char *subtitle = NULL;
  gboolean checklist = kind != GW_MILESTONE_LINE_DELIVERABLE;
  gpointer state = g_hash_table_lookup (self->expanded, id);
  guint done = 0;

  for (guint i = 0; i < lines->len; i++)
    done += ((GwLine *) g_ptr_array_index (lines, i))->done;
  if (lines->len == 0)
    subtitle = g_strdup (_("None"));
  else if (checklist)
    /* Translators: the progress of a gate's checklist, "1 of 3 done" */
    subtitle = g_strdup_printf (_("%u of %u done"), done, lines->len);
  else
    subtitle = g_strdup_printf ("%u", lines->len);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), _(titles[kind]));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle);
  set_name (expander, "%s:%s", m->key, line_kind_name (kind));
  if (state != NULL)
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), GPOINTER_TO_INT (state) == 1);
  else
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), checklist && lines->len > 0);
  g_signal_connect_data (expander, "notify::expanded", G_CALLBACK (on_expanded_cb),
                         target_new (self, TRUE, m->key, kind, -1), target_free, 0);

  for (guint i = 0; i < lines->len; i++)
    {
      GwLine *line = g_ptr_array_index (lines, i);
      GtkWidget *row = adw_entry_row_new ();
      GtkWidget *remove;

      /* the row's small title says whether the criterion is met */
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     !checklist ? _("Deliverable") : line->done ? _("Met") : _("Not met yet"));
      gtk_editable_set_text (GTK_EDITABLE (row), line->text ? line->text : "");
      gtk_editable_set_editable (GTK_EDITABLE (row), self->editable);
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
      g_signal_connect_data (row, "apply", G_CALLBACK (on_line_applied_cb),
                             target_new (self, TRUE, m->key, kind, (int) i), target_free, 0);
      if (checklist)
        {
          GtkWidget *check = gtk_check_button_new ();

          gtk_check_button_set_active (GTK_CHECK_BUTTON (check), line->done);
          gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
          gtk_widget_set_tooltip_text (check, _("Met"));
          gtk_widget_set_sensitive (check, self->editable);
          set_name (check, "%s:%s:%u:check", m->key, line_kind_name (kind), i);
          g_signal_connect_data (check, "toggled", G_CALLBACK (on_line_toggled_cb),
                                 target_new (self, TRUE, m->key, kind, (int) i), target_free, 0);
          adw_entry_row_add_prefix (ADW_ENTRY_ROW (row), check);
        }
      remove = remove_button (self, target_new (self, TRUE, m->key, kind, (int) i), G_CALLBACK (on_line_removed_cb),
                              _("Remove"));
      set_name (remove, "%s:%s:%u:remove", m->key, line_kind_name (kind), i);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), remove);
      set_name (row, "%s:%s:%u:row", m->key, line_kind_name (kind), i);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
    }
  {
    GtkWidget *row = add_row (self, _(adds[kind]), target_new (self, TRUE, m->key, kind, -1),
                              G_CALLBACK (on_line_added_cb));

    set_name (row, "%s:%s:add", m->key, line_kind_name (kind));
    adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
  }
  return expander;
}

static void
fill_milestones (GwGatesView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->milestones_box))) != NULL)
    gtk_box_remove (self->milestones_box, child);

  for (guint i = 0; self->milestones != NULL && i < self->milestones->len; i++)
    {
      GwMilestone *m = g_ptr_array_index (self->milestones, i);
      GtkWidget *group = adw_preferences_group_new ();
      GtkWidget *list = gtk_list_box_new ();
      g_autofree char *title = g_strdup_printf ("%s · %s", m->key, m->name ? m->name : "");
      g_autoptr(GString) description = g_string_new (NULL);
      GDate start, finish;

      if (m->goal != NULL && *m->goal != '\0')
        g_string_append_printf (description, "%s\n", m->goal);
      if (self->schedule != NULL && gw_gates_milestone_dates (self->schedule, m->key, &start, &finish))
        {
          g_autofree char *a = format_date (&start);
          g_autofree char *b = format_date (&finish);

          /* Translators: a milestone's dates from the schedule */
          g_string_append_printf (description, _("Scheduled %s to %s"), a, b);
        }
      else
        g_string_append (description, _("Not scheduled"));
      if (m->requires != NULL && *m->requires != '\0')
        /* Translators: the milestone's gate: it starts when another is complete */
        g_string_append_printf (description, _(" · requires %s complete"), m->requires);
      if (m->duration != NULL && *m->duration != '\0')
        g_string_append_printf (description, _(" · planned for %s"), m->duration);

      /* Titles and descriptions of groups are markup. */
      {
        g_autofree char *escaped_title = g_markup_escape_text (title, -1);
        g_autofree char *escaped_description = g_markup_escape_text (description->str, -1);

        adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), escaped_title);
        adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), escaped_description);
      }
      gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
      gtk_widget_add_css_class (list, "boxed-list");
      for (GwMilestoneLineKind k = GW_MILESTONE_LINE_DELIVERABLE; k <= GW_MILESTONE_LINE_EXIT; k++)
        gtk_list_box_append (GTK_LIST_BOX (list), milestone_lines_row (self, m, k));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), list);
      gtk_box_append (self->milestones_box, group);
    }
}

static void
clear_data (GwGatesView *self)
{
  g_clear_pointer (&self->by_key, g_hash_table_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->milestones, g_ptr_array_unref);
  g_clear_pointer (&self->decision, g_ptr_array_unref);
  g_clear_pointer (&self->schedule, gw_schedule_unref);
  g_clear_pointer (&self->verdict, gw_verdict_free);
  g_clear_pointer (&self->readiness, gw_readiness_free);
  g_clear_pointer (&self->next, gw_next_actions_free);
}

static void
rebuild (GwGatesView *self)
{
  GwStore *store = get_store (self);
  GwItemList *list = self->context ? gw_context_get_items (self->context) : NULL;
  g_autofree char *focus = focused_name (self);

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  self->dirty = FALSE;
  clear_data (self);

  if (store != NULL && list != NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      guint n = g_list_model_get_n_items (G_LIST_MODEL (list));
      GwSchedule *schedule;
      GDate today;

      /* The window's items and schedule, not copies of its own: a large
       * register is read once. */
      self->items = g_ptr_array_new_full (n, g_object_unref);
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (self->items, g_list_model_get_item (G_LIST_MODEL (list), i));
      /* Keys of their own: an edit renames an item in place before the
       * rebuild it queues has run. */
      self->by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; i < self->items->len; i++)
        {
          GwItem *item = g_ptr_array_index (self->items, i);

          g_hash_table_insert (self->by_key, g_strdup (gw_item_get_key (item)), item);
        }
      self->milestones = gw_store_list_milestones (store);
      self->decision = gw_store_list_decision (store);
      /* Without a schedule (a register that cannot be scheduled) the
       * dates and "this month" are left out. */
      schedule = gw_context_get_schedule (self->context, NULL);
      self->schedule = schedule ? gw_schedule_ref (schedule) : NULL;
      self->verdict = gw_verdict_new (self->decision, self->items, gw_gates_get_should_threshold (store));
      self->readiness = gw_readiness_new (self->items);
      g_date_clear (&today, 1);
      g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                      g_date_time_get_year (now));
      self->next = gw_next_actions_new (self->items, self->schedule, &today);
      self->editable = !gw_store_is_read_only (store);
    }
  else
    self->editable = FALSE;

  fill_verdict (self);
  fill_decision (self);
  fill_next (self);
  fill_milestones (self);
  gtk_drawing_area_set_content_height (self->readiness_area,
                                       self->readiness ? (int) ceil (gw_readiness_chart_get_height (self->readiness,
                                                                                                    READINESS_FONT))
                                                       : 0);
  gtk_widget_queue_draw (GTK_WIDGET (self->readiness_area));

  if (focus != NULL)
    {
      GtkWidget *again = find_named (GTK_WIDGET (self), focus);

      if (again != NULL)
        gtk_widget_grab_focus (again);
    }
}

static gboolean
on_rebuild_idle_cb (gpointer data)
{
  GwGatesView *self = GW_GATES_VIEW (data);

  self->rebuild_id = 0;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->dirty = TRUE;
      return G_SOURCE_REMOVE;
    }
  rebuild (self);
  return G_SOURCE_REMOVE;
}

static void
queue_rebuild (GwGatesView *self)
{
  if (self->rebuild_id == 0)
    self->rebuild_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, on_rebuild_idle_cb, self, NULL);
}

/* GwChartSource */

static char *
gw_gates_view_get_title (GwChartSource *source)
{
  return g_strdup (_("Gates"));
}

static void
gw_gates_view_get_natural_size (GwChartSource *source,
                                double        *width,
                                double        *height)
{
  *width = 1200;
  *height = 800;
}

static void
gw_gates_view_draw_chart (GwChartSource         *source,
                          cairo_t               *cr,
                          double                 width,
                          double                 height,
                          const GwRenderPalette *palette)
{
  GwGatesView *self = GW_GATES_VIEW (source);
  GwStore *store = get_store (self);
  GwGatesChartData data = { 0 };

  /* Draw what the register holds now, shown or not. */
  if (self->dirty || self->rebuild_id != 0 || self->verdict == NULL)
    rebuild (self);
  if (self->verdict == NULL)
    return;
  data.name = store ? gw_store_get_name (store) : NULL;
  data.items = self->items;
  data.milestones = self->milestones;
  data.decision = self->decision;
  data.schedule = self->schedule;
  data.verdict = self->verdict;
  data.readiness = self->readiness;
  data.next = self->next;
  gw_gates_chart_draw (cr, &data, palette, width, height);
}

static void
chart_source_iface_init (GwChartSourceInterface *iface)
{
  iface->get_title = gw_gates_view_get_title;
  iface->get_natural_size = gw_gates_view_get_natural_size;
  iface->draw = gw_gates_view_draw_chart;
}

/* GObject */

static void
gw_gates_view_dispose (GObject *object)
{
  GwGatesView *self = GW_GATES_VIEW (object);

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  if (self->context_signals != NULL)
    g_signal_group_set_target (self->context_signals, NULL);
  if (self->store_signals != NULL)
    g_signal_group_set_target (self->store_signals, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), GW_TYPE_GATES_VIEW);
  g_clear_object (&self->context_signals);
  g_clear_object (&self->store_signals);
  g_clear_object (&self->context);
  g_clear_pointer (&self->expanded, g_hash_table_unref);
  clear_data (self);

  G_OBJECT_CLASS (gw_gates_view_parent_class)->dispose (object);
}

static void
gw_gates_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  GwGatesView *self = GW_GATES_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gw_gates_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  GwGatesView *self = GW_GATES_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      gw_gates_view_set_context (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gw_gates_view_class_init (GwGatesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gw_gates_view_dispose;
  object_class->get_property = gw_gates_view_get_property;
  object_class->set_property = gw_gates_view_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, GW_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/gapwise/Gapwise/gw-gates-view.ui");
  gtk_widget_class_bind_template_child (widget_class, GwGatesView, scroller);
  gtk_widget_class_bind_template_child (widget_class, GwGatesView, verdict_label);
  gtk_widget_class_bind_template_child (widget_class, GwGatesView, reason_label);
  gtk_widget_class_bind_template_child (widget_class, GwGatesView, threshold_spin);
  gtk_widget_class_bind_template_child (widget_class, GwGatesView, should_group);
  gtk_widget_class_bind_template_child (widget_class, GwGatesView, must_list);
  gtk_widget_class_bind_template_child (widget_class, GwGatesView, should_list);
  gtk_widget_class_bind_template_child (widget_class, GwGatesView, nice_list);
  gtk_widget_class_bind_template_child (widget_class, GwGatesView, next_list);
  gtk_widget_class_bind_template_child (widget_class, GwGatesView, readiness_area);
  gtk_widget_class_bind_template_child (widget_class, GwGatesView, milestones_box);
  gtk_widget_class_bind_template_callback (widget_class, on_threshold_changed_cb);
}

static void
gw_gates_view_init (GwGatesView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->expanded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_drawing_area_set_draw_func (self->readiness_area, draw_readiness_cb, self, NULL);

  self->context_signals = g_signal_group_new (GW_TYPE_CONTEXT);
  g_signal_group_connect_object (self->context_signals, "notify::store",
                                 G_CALLBACK (on_context_store_cb), self, G_CONNECT_SWAPPED);
  self->store_signals = g_signal_group_new (GW_TYPE_STORE);
  g_signal_group_connect_object (self->store_signals, "changed",
                                 G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "map", G_CALLBACK (on_map_cb), NULL);
  rebuild (self);
}

/* Public API */

GtkWidget *
gw_gates_view_new (void)
{
  return g_object_new (GW_TYPE_GATES_VIEW, NULL);
}

/**
 * gw_gates_view_get_context:
 *
 * Returns: (transfer none) (nullable): the view's context
 */
GwContext *
gw_gates_view_get_context (GwGatesView *self)
{
  g_return_val_if_fail (GW_IS_GATES_VIEW (self), NULL);
  return self->context;
}

void
gw_gates_view_set_context (GwGatesView *self,
                           GwContext   *context)
{
  g_return_if_fail (GW_IS_GATES_VIEW (self));
  g_return_if_fail (context == NULL || GW_IS_CONTEXT (context));

  if (!g_set_object (&self->context, context))
    return;
  g_signal_group_set_target (self->context_signals, context);
  on_context_store_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

/**
 * gw_gates_view_refresh:
 *
 * Reads the register again now instead of at the next idle.
 */
void
gw_gates_view_refresh (GwGatesView *self)
{
  g_return_if_fail (GW_IS_GATES_VIEW (self));
  rebuild (self);
}
