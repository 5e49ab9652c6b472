/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "gw-item-editor.h"
#include "gw-line-list.h"
#include "gw-register-columns.h"

/* The editor of the selected item: every field, the dependencies and the
 * lists. It edits a copy with the item's lines loaded; each committed
 * change is written with gw_store_update_item(), one undo step, and the
 * editor shows what the register then holds. Text is committed when the
 * field is activated or loses the focus, not on each key. */

typedef enum
{
  ROW_ENTRY,
  ROW_COMBO,
} RowKind;

typedef enum
{
  GROUP_ITEM,
  GROUP_CLASSIFICATION,
  GROUP_EFFORT,
  GROUP_PLANNING,
} Group;

typedef struct
{
  GwField     field;
  Group       group;
  RowKind     kind;
  const char *hint;   /* tooltip: what the field takes */
} FieldInfo;

static const FieldInfo fields[] = {
  { GW_FIELD_KEY, GROUP_ITEM, ROW_ENTRY, N_("Unique in the register, such as P0-001 or Gap 1.1") },
  { GW_FIELD_TITLE, GROUP_ITEM, ROW_ENTRY, NULL },
  { GW_FIELD_CATEGORY, GROUP_CLASSIFICATION, ROW_ENTRY, NULL },
  { GW_FIELD_MODULE, GROUP_CLASSIFICATION, ROW_ENTRY, NULL },
  { GW_FIELD_PRIORITY, GROUP_CLASSIFICATION, ROW_COMBO, NULL },
  { GW_FIELD_STATUS, GROUP_CLASSIFICATION, ROW_COMBO, NULL },
  { GW_FIELD_PHASE, GROUP_CLASSIFICATION, ROW_ENTRY, NULL },
  { GW_FIELD_EFFORT, GROUP_EFFORT, ROW_ENTRY, N_("Hours or a size: 4h, 2 days, L (16-32 hours), XL (25+ hours), M") },
  { GW_FIELD_RISK, GROUP_EFFORT, ROW_COMBO, NULL },
  { GW_FIELD_IMPL_RISK_PCT, GROUP_EFFORT, ROW_ENTRY, N_("A percentage from 0 to 100") },
  { GW_FIELD_DATA_LOSS_RISK_PCT, GROUP_EFFORT, ROW_ENTRY, N_("A percentage from 0 to 100") },
  { GW_FIELD_IMPACT, GROUP_EFFORT, ROW_ENTRY, N_("A score from 0 to 100, or HIGH, MEDIUM or LOW") },
  { GW_FIELD_ROI_PCT, GROUP_EFFORT, ROW_ENTRY, N_("Return on investment in percent") },
  { GW_FIELD_REVENUE_IMPACT, GROUP_EFFORT, ROW_ENTRY, NULL },
  { GW_FIELD_OWNER, GROUP_PLANNING, ROW_ENTRY, N_("The role that works on the item; pick one of the register’s roles") },
  { GW_FIELD_ASSIGNEE, GROUP_PLANNING, ROW_ENTRY, NULL },
  { GW_FIELD_MILESTONE, GROUP_PLANNING, ROW_ENTRY, N_("The key of a milestone, such as M1") },
  { GW_FIELD_NOT_BEFORE, GROUP_PLANNING, ROW_ENTRY, N_("A date as YYYY-MM-DD; work starts no earlier") },
  { GW_FIELD_ACTION, GROUP_PLANNING, ROW_COMBO, NULL },
  { GW_FIELD_CURRENT_PCT, GROUP_PLANNING, ROW_ENTRY, N_("A percentage from 0 to 100") },
  { GW_FIELD_TARGET_PCT, GROUP_PLANNING, ROW_ENTRY, N_("A percentage from 0 to 100") },
};

/* The lists, in the order of their groups. */
static const GwField list_fields[] = {
  GW_FIELD_ACCEPTANCE_CRITERIA,
  GW_FIELD_BREAKDOWN,
  GW_FIELD_EVIDENCE,
  GW_FIELD_IMPACT_IF_NOT_FIXED,
  GW_FIELD_MITIGATION,
  GW_FIELD_REMEDIATION,
};

#define N_LIST_FIELDS G_N_ELEMENTS (list_fields)
#define N_ROWS (GW_FIELD_EFFORT + 1)
/* No field: an error that belongs to no row. */
#define NO_FIELD ((GwField) N_ROWS)
#define N_SUGGESTIONS 8

struct _GwItemEditor
{
  GtkWidget         parent_instance;

  GwContext        *context;
  GwItem           *item;          /* the shown item: a copy, lines loaded */
  GSignalGroup     *context_signals;
  GSignalGroup     *store_signals;
  gboolean          loading;
  GwField           error_field;   /* the field whose bad value is shown, or NO_FIELD */

  GtkWidget        *rows[N_ROWS];
  GtkWidget        *line_lists[N_LIST_FIELDS];
  GtkLabel         *effort_label;
  GMenu            *owner_menu;
  GMenu            *milestone_menu;
  GtkStringFilter  *suggestion_filter;
  GtkFilterListModel *suggestion_model;

  /* template */
  GtkStack         *stack;
  GtkRevealer      *error_revealer;
  GtkLabel         *error_label;
  GtkWidget        *scrolled_window;
  GtkWidget        *form;
  GtkWidget        *item_group;
  GtkWidget        *class_group;
  GtkWidget        *effort_group;
  GtkWidget        *planning_group;
  GtkWidget        *criteria_group;
  GtkWidget        *breakdown_group;
  GtkWidget        *evidence_group;
  GtkWidget        *impact_group;
  GtkWidget        *mitigation_group;
  GtkWidget        *remediation_group;
  GtkTextView      *description_view;
  GtkListBox       *dependencies_list;
  AdwEntryRow      *add_dependency_row;
  GtkRevealer      *suggestions_revealer;
  GtkListView      *suggestions_view;
};

G_DEFINE_FINAL_TYPE (GwItemEditor, gw_item_editor, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void load_item (GwItemEditor *self,
                       GwItem       *item);

/* Helpers */

static GwStore *
get_store (GwItemEditor *self)
{
  return self->context ? gw_context_get_store (self->context) : NULL;
}

static GtkWidget *
group_widget (GwItemEditor *self,
              Group         group)
{
  switch (group)
    {
    case GROUP_ITEM:
      return self->item_group;
    case GROUP_CLASSIFICATION:
      return self->class_group;
    case GROUP_EFFORT:
      return self->effort_group;
    case GROUP_PLANNING:
      return self->planning_group;
    default:
      g_return_val_if_reached (NULL);
    }
}

static GtkWidget *
list_group_widget (GwItemEditor *self,
                   GwField       field)
{
  switch (field)
    {
    case GW_FIELD_ACCEPTANCE_CRITERIA:
      return self->criteria_group;
    case GW_FIELD_BREAKDOWN:
      return self->breakdown_group;
    case GW_FIELD_EVIDENCE:
      return self->evidence_group;
    case GW_FIELD_IMPACT_IF_NOT_FIXED:
      return self->impact_group;
    case GW_FIELD_MITIGATION:
      return self->mitigation_group;
    case GW_FIELD_REMEDIATION:
      return self->remediation_group;
    default:
      g_return_val_if_reached (NULL);
    }
}

/* The choices of a combo row, in the order of the enum it sets. */
static guint
combo_n_choices (GwField field)
{
  switch (field)
    {
    case GW_FIELD_PRIORITY:
      return GW_N_PRIORITIES;
    case GW_FIELD_STATUS:
      return GW_N_STATUSES;
    case GW_FIELD_RISK:
      return GW_RISK_HIGH + 1;
    case GW_FIELD_ACTION:
      return GW_ACTION_LOW + 1;
    default:
      g_return_val_if_reached (0);
    }
}

static const char *
combo_label (GwField field,
             guint   index)
{
  switch (field)
    {
    case GW_FIELD_PRIORITY:
      return gw_priority_to_string (index);
    case GW_FIELD_STATUS:
      return gw_status_to_label (index);
    case GW_FIELD_RISK:
      return index == GW_RISK_NONE ? _("Not rated") : gw_risk_to_label (index);
    case GW_FIELD_ACTION:
      return index == GW_ACTION_NONE ? _("None") : gw_action_to_label (index);
    default:
      g_return_val_if_reached ("");
    }
}

/* The text gw_item_set_field_text() takes for choice @index. */
static const char *
combo_value (GwField field,
             guint   index)
{
  switch (field)
    {
    case GW_FIELD_PRIORITY:
      return gw_priority_to_string (index);
    case GW_FIELD_STATUS:
      return gw_status_to_string (index);
    case GW_FIELD_RISK:
      return gw_risk_to_string (index);
    case GW_FIELD_ACTION:
      return gw_action_to_string (index);
    default:
      g_return_val_if_reached ("");
    }
}

static guint
combo_index (GwField  field,
             GwItem  *item)
{
  switch (field)
    {
    case GW_FIELD_PRIORITY:
      return gw_item_get_priority (item);
    case GW_FIELD_STATUS:
      return gw_item_get_status (item);
    case GW_FIELD_RISK:
      return gw_item_get_risk (item);
    case GW_FIELD_ACTION:
      return gw_item_get_action (item);
    default:
      g_return_val_if_reached (0);
    }
}

static GwField
field_of_row (GwItemEditor *self,
              GtkWidget    *row)
{
  for (guint f = 0; f < N_ROWS; f++)
    if (self->rows[f] == row)
      return f;
  return NO_FIELD;
}

static void
show_error (GwItemEditor *self,
            GwField       field,
            const char   *message)
{
  if (self->error_field < N_ROWS && self->rows[self->error_field] != NULL)
    gtk_widget_remove_css_class (self->rows[self->error_field], "error");
  self->error_field = field;
  if (field < N_ROWS && self->rows[field] != NULL)
    gtk_widget_add_css_class (self->rows[field], "error");
  gtk_label_set_label (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
}

static void
clear_error (GwItemEditor *self)
{
  if (self->error_field < N_ROWS && self->rows[self->error_field] != NULL)
    gtk_widget_remove_css_class (self->rows[self->error_field], "error");
  self->error_field = NO_FIELD;
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
}

/* Writes @edited, a changed copy of the shown item, as one undo step. */
static gboolean
write_item (GwItemEditor *self,
            GwItem       *edited,
            GwField       field)
{
  g_autoptr(GError) error = NULL;
  GwStore *store = get_store (self);

  if (store == NULL)
    return FALSE;
  if (gw_item_equal (edited, self->item))
    {
      if (self->error_field == field)
        clear_error (self);
      return TRUE;
    }
  if (!gw_store_update_item (store, edited, &error))
    {
      show_error (self, field, error->message);
      return FALSE;
    }
  if (self->error_field == field || self->error_field == NO_FIELD)
    clear_error (self);
  return TRUE;
}

/* Parses @text for @field and writes it; a bad value is shown and the
 * register keeps the old one. */
static gboolean
commit_text (GwItemEditor *self,
             GwField       field,
             const char   *text)
{
  g_autoptr(GwItem) edited = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *current = NULL;
  GwStore *store = get_store (self);

  if (self->loading || self->item == NULL || store == NULL)
    return FALSE;

  current = gw_item_get_field_text (self->item, field);
  if (g_strcmp0 (current, text) == 0)
    {
      if (self->error_field == field)
        clear_error (self);
      return TRUE;
    }

  edited = gw_item_copy (self->item);
  if (!gw_item_set_field_text (edited, field, text, gw_store_get_parse_context (store), &error))
    {
      show_error (self, field, error->message);
      return FALSE;
    }
  return write_item (self, edited, field);
}

static char *
get_description_text (GwItemEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->description_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static gboolean
has_focus_within (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* Shows @text in @row. A field being typed in (focused, and no longer
 * showing @before, the value it was filled with) keeps what was typed,
 * unless @force: another item is shown. */
static void
set_entry_text (GtkWidget  *row,
                const char *text,
                const char *before,
                gboolean    force)
{
  const char *shown = gtk_editable_get_text (GTK_EDITABLE (row));

  if (!force && has_focus_within (row) && g_strcmp0 (shown, before) != 0)
    return;
  if (g_strcmp0 (shown, text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static void
update_effort_label (GwItemEditor *self)
{
  GwEffort effort;
  g_autofree char *hours = NULL;
  g_autofree char *text = NULL;

  gw_item_get_effort (self->item, &effort);
  hours = gw_format_hours (effort.hours);
  if (!isnan (effort.min_hours) && !isnan (effort.max_hours))
    {
      g_autofree char *lo = gw_format_hours (effort.min_hours);
      g_autofree char *hi = gw_format_hours (effort.max_hours);

      /* Translators: parsed effort, "24 h (16–32 h)" */
      text = g_strdup_printf (_("%s h (%s–%s h)"), hours, lo, hi);
    }
  else
    /* Translators: parsed effort, "24 h" */
    text = g_strdup_printf (_("%s h"), hours);
  gtk_label_set_label (self->effort_label, text);
}

static void
update_menus (GwItemEditor *self)
{
  GwStore *store = get_store (self);
  g_autoptr(GPtrArray) roles = NULL;
  g_autoptr(GPtrArray) milestones = NULL;

  g_menu_remove_all (self->owner_menu);
  g_menu_remove_all (self->milestone_menu);
  if (store == NULL)
    return;

  roles = gw_store_list_roles (store);
  for (guint i = 0; i < roles->len; i++)
    {
      GwRole *role = g_ptr_array_index (roles, i);
      g_autoptr(GMenuItem) menu_item = g_menu_item_new (role->name, NULL);

      g_menu_item_set_action_and_target_value (menu_item, "editor.set-owner", g_variant_new_string (role->name));
      g_menu_append_item (self->owner_menu, menu_item);
    }

  milestones = gw_store_list_milestones (store);
  for (guint i = 0; i < milestones->len; i++)
    {
      GwMilestone *milestone = g_ptr_array_index (milestones, i);
      g_autofree char *label = NULL;
      g_autoptr(GMenuItem) menu_item = NULL;

      if (milestone->name != NULL && *milestone->name != '\0')
        /* Translators: a milestone in a menu, "M1 — Security Hardening" */
        label = g_strdup_printf (_("%s — %s"), milestone->key, milestone->name);
      else
        label = g_strdup (milestone->key);
      menu_item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (menu_item, "editor.set-milestone",
                                               g_variant_new_string (milestone->key));
      g_menu_append_item (self->milestone_menu, menu_item);
    }
}

static void
update_dependencies (GwItemEditor *self)
{
  GwItemList *items = self->context ? gw_context_get_items (self->context) : NULL;
  GPtrArray *deps = gw_item_get_depends_on (self->item);
  GtkWidget *child;

  /* Every row but the last, which adds. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->dependencies_list))) !=
         GTK_WIDGET (self->add_dependency_row))
    gtk_list_box_remove (self->dependencies_list, child);

  for (guint i = 0; i < deps->len; i++)
    {
      GwDependency *dep = g_ptr_array_index (deps, i);
      GwItem *other = items ? gw_item_list_lookup (items, dep->key) : NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
      g_autofree char *title = NULL;

      if (dep->lag_hours > 0)
        {
          g_autofree char *lag = gw_format_hours (dep->lag_hours);

          /* Translators: a dependency with a lag, "P0-003 (+8 h)" */
          title = g_strdup_printf (_("%s (+%s h)"), dep->key, lag);
        }
      else
        title = g_strdup (dep->key);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      if (other != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), gw_item_get_title (other));
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);

      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_add_css_class (remove, "circular");
      gtk_widget_set_tooltip_text (remove, _("Remove Dependency"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "editor.remove-dependency");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (remove), g_variant_new_string (dep->key));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

      gtk_list_box_insert (self->dependencies_list, row, (int) i);
    }
}

/* Shows the fields of self->item; @previous is the item shown before
 * (NULL, or another item: every field is filled anew). */
static void
fill_fields (GwItemEditor *self,
             GwItem       *previous)
{
  gboolean switched = previous == NULL || gw_item_get_id (previous) != gw_item_get_id (self->item);

  self->loading = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      GwField field = fields[i].field;
      GtkWidget *row = self->rows[field];

      if (fields[i].kind == ROW_COMBO)
        adw_combo_row_set_selected (ADW_COMBO_ROW (row), combo_index (field, self->item));
      else
        {
          g_autofree char *text = gw_item_get_field_text (self->item, field);
          g_autofree char *before = previous ? gw_item_get_field_text (previous, field) : NULL;

          set_entry_text (row, text, before, switched);
        }
    }
  update_effort_label (self);

  {
    g_autofree char *current = get_description_text (self);
    const char *description = gw_item_get_description (self->item);
    const char *before = previous ? gw_item_get_description (previous) : NULL;
    gboolean typing = gtk_widget_has_focus (GTK_WIDGET (self->description_view)) &&
                      g_strcmp0 (current, before ? before : "") != 0;

    if ((switched || !typing) && g_strcmp0 (current, description ? description : "") != 0)
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->description_view),
                                description ? description : "", -1);
  }

  for (guint i = 0; i < N_LIST_FIELDS; i++)
    gw_line_list_set_lines (GW_LINE_LIST (self->line_lists[i]),
                            gw_item_get_lines (self->item, gw_field_line_kind (list_fields[i])));

  update_dependencies (self);
  update_menus (self);
  self->loading = FALSE;
}

/* Writes what the user typed but did not commit yet (the focused field). */
static void
commit_pending (GwItemEditor *self)
{
  if (self->item == NULL || self->loading)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (fields[i].kind == ROW_ENTRY)
      {
        GwField field = fields[i].field;
        g_autofree char *current = gw_item_get_field_text (self->item, field);
        const char *text = gtk_editable_get_text (GTK_EDITABLE (self->rows[field]));

        if (g_strcmp0 (current, text) != 0 && field != self->error_field)
          commit_text (self, field, text);
      }

  {
    g_autofree char *text = get_description_text (self);

    commit_text (self, GW_FIELD_DESCRIPTION, text);
  }
}

static void
load_item (GwItemEditor *self,
           GwItem       *item)
{
  GwStore *store = get_store (self);
  g_autoptr(GError) lines_error = NULL;
  g_autoptr(GwItem) previous = NULL;
  gboolean switched;

  switched = item == NULL || self->item == NULL ||
             gw_item_get_id (item) != gw_item_get_id (self->item);
  if (switched && self->item != NULL && item != NULL)
    commit_pending (self);

  previous = g_steal_pointer (&self->item);
  if (item != NULL && store != NULL)
    {
      self->item = gw_item_copy (item);
      gw_store_load_lines (store, self->item, &lines_error);
    }

  if (switched)
    clear_error (self);
  /* The fields are still worth showing; the lists stay empty. */
  if (lines_error != NULL)
    show_error (self, NO_FIELD, lines_error->message);

  if (self->item == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      gtk_revealer_set_reveal_child (self->suggestions_revealer, FALSE);
    }
  else
    {
      fill_fields (self, previous);
      gtk_stack_set_visible_child_name (self->stack, "editor");
      if (switched)
        gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scrolled_window)), 0);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}

static void
update_sensitivity (GwItemEditor *self)
{
  gboolean read_only = self->context == NULL || gw_context_get_read_only (self->context);

  gtk_widget_set_sensitive (self->form, !read_only);
}

static void
add_dependency (GwItemEditor *self,
                const char   *key)
{
  g_autoptr(GwItem) edited = NULL;

  if (self->item == NULL || key == NULL || *key == '\0')
    return;
  edited = gw_item_copy (self->item);
  gw_item_add_dependency (edited, key, 0);
  if (write_item (self, edited, GW_FIELD_DEPENDS_ON))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->add_dependency_row), "");
      gtk_revealer_set_reveal_child (self->suggestions_revealer, FALSE);
    }
}

/* Callbacks */

static void
on_entry_commit_cb (GwItemEditor *self,
                    AdwEntryRow  *row)
{
  GwField field = field_of_row (self, GTK_WIDGET (row));

  if (field != NO_FIELD)
    commit_text (self, field, gtk_editable_get_text (GTK_EDITABLE (row)));
}

static void
on_entry_leave_cb (GwItemEditor            *self,
                   GtkEventControllerFocus *controller)
{
  on_entry_commit_cb (self, ADW_ENTRY_ROW (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller))));
}

static void
on_combo_selected_cb (GwItemEditor *self,
                      GParamSpec   *pspec,
                      AdwComboRow  *row)
{
  GwField field = field_of_row (self, GTK_WIDGET (row));
  guint selected = adw_combo_row_get_selected (row);

  if (self->loading || self->item == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;
  commit_text (self, field, combo_value (field, selected));
}

static void
on_description_leave_cb (GwItemEditor            *self,
                         GtkEventControllerFocus *controller)
{
  g_autofree char *text = get_description_text (self);

  commit_text (self, GW_FIELD_DESCRIPTION, text);
}

static void
on_line_list_changed_cb (GwItemEditor *self,
                         GwLineList   *list)
{
  g_autoptr(GwItem) edited = NULL;
  GPtrArray *lines = gw_line_list_get_lines (list);
  GwLineKind kind = gw_line_list_get_kind (list);
  GwField field = NO_FIELD;

  if (self->loading || self->item == NULL)
    return;
  for (guint i = 0; i < N_LIST_FIELDS; i++)
    if (self->line_lists[i] == GTK_WIDGET (list))
      field = list_fields[i];

  edited = gw_item_copy (self->item);
  gw_item_clear_lines (edited, kind);
  for (guint i = 0; i < lines->len; i++)
    gw_item_add_line (edited, kind, gw_line_copy (g_ptr_array_index (lines, i)));
  if (!write_item (self, edited, field))
    /* Refused: show what the register holds. */
    gw_line_list_set_lines (list, gw_item_get_lines (self->item, kind));
}

static void
on_line_list_invalid_cb (GwItemEditor *self,
                         const char   *message,
                         GwLineList   *list)
{
  show_error (self, NO_FIELD, message);
}

static void
on_add_dependency_changed_cb (GwItemEditor *self,
                              GtkEditable  *editable)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  gtk_string_filter_set_search (self->suggestion_filter, text);
  gtk_revealer_set_reveal_child (self->suggestions_revealer,
                                 *text != '\0' &&
                                 g_list_model_get_n_items (G_LIST_MODEL (self->suggestion_model)) > 0);
}

static void
on_add_dependency_activated_cb (GwItemEditor *self,
                                AdwEntryRow  *row)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  GwItemList *items = self->context ? gw_context_get_items (self->context) : NULL;

  if (*text == '\0' || items == NULL)
    return;

  /* An exact key, else the first item that matches. */
  if (gw_item_list_lookup (items, text) == NULL &&
      g_list_model_get_n_items (G_LIST_MODEL (self->suggestion_model)) > 0)
    {
      g_autoptr(GwItem) first = g_list_model_get_item (G_LIST_MODEL (self->suggestion_model), 0);

      add_dependency (self, gw_item_get_key (first));
      return;
    }
  add_dependency (self, text);
}

static void
on_suggestion_activated_cb (GwItemEditor *self,
                            guint         position,
                            GtkListView  *view)
{
  g_autoptr(GwItem) item = g_list_model_get_item (G_LIST_MODEL (gtk_list_view_get_model (view)), position);

  if (item != NULL)
    add_dependency (self, gw_item_get_key (item));
}

static void
setup_suggestion_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     gpointer                  data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *key = gtk_label_new (NULL);
  GtkWidget *title = gtk_label_new (NULL);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_add_css_class (key, "item-key");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title, "dim-label");
  gtk_box_append (GTK_BOX (box), key);
  gtk_box_append (GTK_BOX (box), title);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_suggestion_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    gpointer                  data)
{
  GwItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *key = gtk_widget_get_first_child (box);
  GtkWidget *title = gtk_widget_get_next_sibling (key);

  gtk_label_set_label (GTK_LABEL (key), gw_item_get_key (item));
  gtk_label_set_label (GTK_LABEL (title), gw_item_get_title (item));
}

static void
on_context_selected_item_cb (GwItemEditor *self,
                             GParamSpec   *pspec,
                             GwContext    *context)
{
  load_item (self, gw_context_get_selected_item (context));
}

static void
on_context_store_cb (GwItemEditor *self,
                     GParamSpec   *pspec,
                     GwContext    *context)
{
  GwItemList *items = gw_context_get_items (context);

  g_signal_group_set_target (self->store_signals, gw_context_get_store (context));
  gtk_filter_list_model_set_model (self->suggestion_model, items ? G_LIST_MODEL (items) : NULL);
  update_sensitivity (self);
  load_item (self, gw_context_get_selected_item (context));
}

static void
on_store_changed_cb (GwItemEditor   *self,
                     const GwChange *change,
                     GwStore        *store)
{
  GwItem *current;

  if (self->item == NULL || self->context == NULL)
    return;
  if (!change->everything && !change->roles && !change->milestones &&
      !gw_change_has_item (change, gw_item_get_id (self->item)))
    {
      /* A dependency's title may have changed: cheap to redo. */
      update_dependencies (self);
      return;
    }
  /* The item list has followed the change already (it connected first). */
  current = gw_context_get_selected_item (self->context);
  if (current != NULL && gw_item_list_find (gw_context_get_items (self->context), current) != G_MAXUINT)
    load_item (self, current);
}

/* Actions */

static void
set_owner_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  GwItemEditor *self = GW_ITEM_EDITOR (widget);
  const char *name = g_variant_get_string (parameter, NULL);

  if (commit_text (self, GW_FIELD_OWNER, name))
    gtk_editable_set_text (GTK_EDITABLE (self->rows[GW_FIELD_OWNER]), name);
}

static void
set_milestone_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  GwItemEditor *self = GW_ITEM_EDITOR (widget);
  const char *key = g_variant_get_string (parameter, NULL);

  if (commit_text (self, GW_FIELD_MILESTONE, key))
    gtk_editable_set_text (GTK_EDITABLE (self->rows[GW_FIELD_MILESTONE]), key);
}

static void
remove_dependency_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  GwItemEditor *self = GW_ITEM_EDITOR (widget);
  g_autoptr(GwItem) edited = NULL;

  if (self->item == NULL)
    return;
  edited = gw_item_copy (self->item);
  if (gw_item_remove_dependency (edited, g_variant_get_string (parameter, NULL)))
    write_item (self, edited, GW_FIELD_DEPENDS_ON);
}

/* Building the form */

static GtkWidget *
make_menu_suffix (GMenu      *menu,
                  const char *tooltip)
{
  GtkWidget *button = gtk_menu_button_new ();

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "pan-down-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

static void
build_form (GwItemEditor *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      GwField field = fields[i].field;
      g_autofree char *name = g_strconcat ("field-", gw_field_name (field), NULL);
      GtkWidget *row;

      if (fields[i].kind == ROW_COMBO)
        {
          g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);

          for (guint c = 0; c < combo_n_choices (field); c++)
            gtk_string_list_append (choices, combo_label (field, c));
          row = adw_combo_row_new ();
          adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (choices));
          g_signal_connect_object (row, "notify::selected", G_CALLBACK (on_combo_selected_cb),
                                   self, G_CONNECT_SWAPPED);
        }
      else
        {
          GtkEventController *focus = gtk_event_controller_focus_new ();

          row = adw_entry_row_new ();
          g_signal_connect_object (row, "entry-activated", G_CALLBACK (on_entry_commit_cb),
                                   self, G_CONNECT_SWAPPED);
          g_signal_connect_object (focus, "leave", G_CALLBACK (on_entry_leave_cb), self, G_CONNECT_SWAPPED);
          gtk_widget_add_controller (row, focus);
        }

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), gw_field_label (field));
      gtk_widget_set_name (row, name);
      if (fields[i].hint != NULL)
        gtk_widget_set_tooltip_text (row, _(fields[i].hint));
      self->rows[field] = row;
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group_widget (self, fields[i].group)), row);
    }

  self->effort_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->effort_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->effort_label), "numeric");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->effort_label), _("Estimate in hours, as read from the effort"));
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (self->rows[GW_FIELD_EFFORT]), GTK_WIDGET (self->effort_label));

  self->owner_menu = g_menu_new ();
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (self->rows[GW_FIELD_OWNER]),
                            make_menu_suffix (self->owner_menu, _("Choose a Role")));
  self->milestone_menu = g_menu_new ();
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (self->rows[GW_FIELD_MILESTONE]),
                            make_menu_suffix (self->milestone_menu, _("Choose a Milestone")));

  for (guint i = 0; i < N_LIST_FIELDS; i++)
    {
      g_autofree char *name = g_strconcat ("field-", gw_field_name (list_fields[i]), NULL);
      GtkWidget *list = gw_line_list_new (gw_field_line_kind (list_fields[i]));

      gtk_widget_set_name (list, name);
      g_signal_connect_object (list, "changed", G_CALLBACK (on_line_list_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (list, "invalid", G_CALLBACK (on_line_list_invalid_cb), self, G_CONNECT_SWAPPED);
      self->line_lists[i] = list;
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (list_group_widget (self, list_fields[i])), list);
    }

  {
    GtkEventController *focus = gtk_event_controller_focus_new ();

    g_signal_connect_object (focus, "leave", G_CALLBACK (on_description_leave_cb), self, G_CONNECT_SWAPPED);
    gtk_widget_add_controller (GTK_WIDGET (self->description_view), focus);
  }

  /* Suggestions for a new dependency: items whose key holds the text typed. */
  self->suggestion_filter = gtk_string_filter_new (gtk_property_expression_new (GW_TYPE_ITEM, NULL, "key"));
  gtk_string_filter_set_match_mode (self->suggestion_filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
  gtk_string_filter_set_ignore_case (self->suggestion_filter, TRUE);
  self->suggestion_model = gtk_filter_list_model_new (NULL, GTK_FILTER (g_object_ref (self->suggestion_filter)));
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_suggestion_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_suggestion_cb), NULL);
  gtk_list_view_set_factory (self->suggestions_view, factory);
  gtk_list_view_set_model (self->suggestions_view,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (
                             G_LIST_MODEL (gtk_slice_list_model_new (
                               G_LIST_MODEL (g_object_ref (self->suggestion_model)), 0, N_SUGGESTIONS)))));
}

/* GObject */

static void
gw_item_editor_dispose (GObject *object)
{
  GwItemEditor *self = GW_ITEM_EDITOR (object);

  if (self->context_signals != NULL)
    g_signal_group_set_target (self->context_signals, NULL);
  if (self->store_signals != NULL)
    g_signal_group_set_target (self->store_signals, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), GW_TYPE_ITEM_EDITOR);
  g_clear_object (&self->context_signals);
  g_clear_object (&self->store_signals);
  g_clear_object (&self->context);
  g_clear_object (&self->item);
  g_clear_object (&self->owner_menu);
  g_clear_object (&self->milestone_menu);
  g_clear_object (&self->suggestion_model);
  g_clear_object (&self->suggestion_filter);

  G_OBJECT_CLASS (gw_item_editor_parent_class)->dispose (object);
}

static void
gw_item_editor_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  GwItemEditor *self = GW_ITEM_EDITOR (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gw_item_editor_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  GwItemEditor *self = GW_ITEM_EDITOR (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      gw_item_editor_set_context (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gw_item_editor_class_init (GwItemEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gw_item_editor_dispose;
  object_class->get_property = gw_item_editor_get_property;
  object_class->set_property = gw_item_editor_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, GW_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL, GW_TYPE_ITEM,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "editor.set-owner", "s", set_owner_action);
  gtk_widget_class_install_action (widget_class, "editor.set-milestone", "s", set_milestone_action);
  gtk_widget_class_install_action (widget_class, "editor.remove-dependency", "s", remove_dependency_action);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/gapwise/Gapwise/gw-item-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, GwItemEditor, stack);
  gtk_widget_class_bind_template_child (widget_class, GwItemEditor, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, GwItemEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, GwItemEditor, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, GwItemEditor, form);
  gtk_widget_class_bind_template_child (widget_class, GwItemEditor, item_group);
  gtk_widget_class_bind_template_child (widget_class, GwItemEditor, class_group);
  gtk_widget_class_bind_template_child (widget_class, GwItemEditor, effort_group);
  gtk_widget_class_bind_template_child (widget_class, GwItemEditor, planning_group);
  gtk_widget_class_bind_template_child (widget_class, GwItemEditor, criteria_group);
  gtk_widget_class_bind_template_child (widget_class, GwItemEditor, breakdown_group);
  gtk_widget_class_bind_template_child (widget_class, GwItemEditor, evidence_group);
  gtk_widget_class_bind_template_child (widget_class, GwItemEditor, impact_group);
  gtk_widget_class_bind_template_child (widget_class, GwItemEditor, mitigation_group);
  gtk_widget_class_bind_template_child (widget_class, GwItemEditor, remediation_group);
  gtk_widget_class_bind_template_child (widget_class, GwItemEditor, description_view);
  gtk_widget_class_bind_template_child (widget_class, GwItemEditor, dependencies_list);
  gtk_widget_class_bind_template_child (widget_class, GwItemEditor, add_dependency_row);
  gtk_widget_class_bind_template_child (widget_class, GwItemEditor, suggestions_revealer);
  gtk_widget_class_bind_template_child (widget_class, GwItemEditor, suggestions_view);
  gtk_widget_class_bind_template_callback (widget_class, on_add_dependency_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_dependency_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_suggestion_activated_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
gw_item_editor_init (GwItemEditor *self)
{
  self->error_field = NO_FIELD;
  gtk_widget_init_template (GTK_WIDGET (self));
  build_form (self);

  self->store_signals = g_signal_group_new (GW_TYPE_STORE);
  g_signal_group_connect_object (self->store_signals, "changed",
                                 G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
  self->context_signals = g_signal_group_new (GW_TYPE_CONTEXT);
  g_signal_group_connect_object (self->context_signals, "notify::store",
                                 G_CALLBACK (on_context_store_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->context_signals, "notify::selected-item",
                                 G_CALLBACK (on_context_selected_item_cb), self, G_CONNECT_SWAPPED);
  update_sensitivity (self);
}

/* Public API */

/**
 * gw_item_editor_get_context:
 *
 * Returns: (transfer none) (nullable): the editor's context
 */
GwContext *
gw_item_editor_get_context (GwItemEditor *self)
{
  g_return_val_if_fail (GW_IS_ITEM_EDITOR (self), NULL);
  return self->context;
}

void
gw_item_editor_set_context (GwItemEditor *self,
                            GwContext    *context)
{
  g_return_if_fail (GW_IS_ITEM_EDITOR (self));
  g_return_if_fail (context == NULL || GW_IS_CONTEXT (context));

  if (!g_set_object (&self->context, context))
    return;
  g_signal_group_set_target (self->context_signals, context);
  if (context != NULL)
    on_context_store_cb (self, NULL, context);
  else
    {
      g_signal_group_set_target (self->store_signals, NULL);
      load_item (self, NULL);
      update_sensitivity (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

/**
 * gw_item_editor_get_item:
 *
 * Returns: (transfer none) (nullable): the item as shown: a copy of the
 *   selected item, with its lists
 */
GwItem *
gw_item_editor_get_item (GwItemEditor *self)
{
  g_return_val_if_fail (GW_IS_ITEM_EDITOR (self), NULL);
  return self->item;
}

/**
 * gw_item_editor_focus_field:
 *
 * Moves the keyboard focus to the row of @field, scrolling to it.
 */
void
gw_item_editor_focus_field (GwItemEditor *self,
                            GwField       field)
{
  g_return_if_fail (GW_IS_ITEM_EDITOR (self));
  g_return_if_fail (field < N_ROWS);

  if (self->item == NULL)
    return;
  if (field == GW_FIELD_DESCRIPTION)
    gtk_widget_grab_focus (GTK_WIDGET (self->description_view));
  else if (self->rows[field] != NULL)
    gtk_widget_grab_focus (self->rows[field]);
}

/**
 * gw_item_editor_discard:
 *
 * Puts back the stored value of the field being typed in, as a text
 * field's own undo would.
 *
 * Returns: whether there was typing to take back
 */
gboolean
gw_item_editor_discard (GwItemEditor *self)
{
  g_return_val_if_fail (GW_IS_ITEM_EDITOR (self), FALSE);

  if (self->item == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (fields[i].kind == ROW_ENTRY && has_focus_within (self->rows[fields[i].field]))
      {
        GtkWidget *row = self->rows[fields[i].field];
        g_autofree char *stored = gw_item_get_field_text (self->item, fields[i].field);

        if (g_strcmp0 (stored, gtk_editable_get_text (GTK_EDITABLE (row))) == 0)
          return FALSE;
        gtk_editable_set_text (GTK_EDITABLE (row), stored);
        if (self->error_field == fields[i].field)
          clear_error (self);
        return TRUE;
      }

  if (has_focus_within (GTK_WIDGET (self->description_view)))
    {
      g_autofree char *current = get_description_text (self);
      const char *stored = gw_item_get_description (self->item);

      if (g_strcmp0 (current, stored ? stored : "") == 0)
        return FALSE;
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->description_view), stored ? stored : "", -1);
      return TRUE;
    }
  return FALSE;
}

/**
 * gw_item_editor_commit:
 *
 * Writes what was typed into the fields and not yet committed.
 */
void
gw_item_editor_commit (GwItemEditor *self)
{
  g_return_if_fail (GW_IS_ITEM_EDITOR (self));
  commit_pending (self);
}
