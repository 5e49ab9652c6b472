/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "gw-line-list.h"

/* One of an item's lists (acceptance criteria, effort breakdown, evidence,
 * ...) as editable rows: a check button for criteria, the text, the hours
 * of a breakdown line, and a remove button; the last row adds a line.
 * Every change emits ::changed with the whole new list, which the editor
 * writes to the register as one step. */
struct _GwLineList
{
  GtkWidget   parent_instance;

  GwLineKind  kind;
  GPtrArray  *lines;   /* GwLine */
  GtkListBox *list_box;
  GtkEntry   *add_entry;
  GtkEntry   *add_hours;
};

G_DEFINE_FINAL_TYPE (GwLineList, gw_line_list, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  INVALID,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void rebuild (GwLineList *self);

/* Helpers */

static const char *
add_placeholder (GwLineKind kind)
{
  switch (kind)
    {
    case GW_LINE_BREAKDOWN:
      return _("Add a task…");
    case GW_LINE_CRITERION:
      return _("Add a criterion…");
    case GW_LINE_EVIDENCE:
      return _("Add evidence…");
    case GW_LINE_IMPACT:
      return _("Add a consequence…");
    case GW_LINE_MITIGATION:
      return _("Add a mitigation…");
    case GW_LINE_REMEDIATION:
      return _("Add a remediation step…");
    default:
      g_return_val_if_reached ("");
    }
}

static const char *
line_label (GwLineKind kind)
{
  switch (kind)
    {
    case GW_LINE_BREAKDOWN:
      return _("Task");
    case GW_LINE_CRITERION:
      return _("Criterion");
    case GW_LINE_EVIDENCE:
      return _("Evidence");
    case GW_LINE_IMPACT:
      return _("Consequence");
    case GW_LINE_MITIGATION:
      return _("Mitigation");
    case GW_LINE_REMEDIATION:
      return _("Remediation step");
    default:
      g_return_val_if_reached ("");
    }
}

/* Reads the hours of a breakdown line: "", "6", "6h", "1.5 hours", "2 days". */
static gboolean
parse_hours (const char *text,
             double     *hours)
{
  g_autofree char *s = g_strstrip (g_strdup (text));
  GwEffort effort;
  char *end = NULL;
  double v;

  if (*s == '\0')
    {
      *hours = NAN;
      return TRUE;
    }
  v = g_ascii_strtod (s, &end);
  if (end != s && *end == '\0' && v >= 0 && isfinite (v))
    {
      *hours = v;
      return TRUE;
    }
  if (gw_effort_parse (s, 8.0, NULL, &effort, NULL) && effort.size == GW_SIZE_NONE)
    {
      *hours = effort.hours;
      return TRUE;
    }
  return FALSE;
}

static char *
format_hours (double hours)
{
  return isnan (hours) ? g_strdup ("") : gw_format_hours (hours);
}

static int
row_index_of (GtkWidget *child)
{
  GtkWidget *row = gtk_widget_get_ancestor (child, GTK_TYPE_LIST_BOX_ROW);

  return row ? gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)) : -1;
}

static GwLine *
line_at (GwLineList *self,
         int         index)
{
  if (index < 0 || (guint) index >= self->lines->len)
    return NULL;
  return g_ptr_array_index (self->lines, index);
}

static void
emit_invalid_hours (GwLineList *self,
                    const char *text)
{
  g_autofree char *message =
    g_strdup_printf (_("“%s” is not a number of hours: write it as 6, 6h or 1.5 hours."), text);

  g_signal_emit (self, signals[INVALID], 0, message);
}

static gboolean
lines_equal (GPtrArray *a,
             GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    {
      GwLine *la = g_ptr_array_index (a, i);
      GwLine *lb = g_ptr_array_index (b, i);

      if (g_strcmp0 (la->text, lb->text) != 0 || !la->done != !lb->done ||
          !(la->hours == lb->hours || (isnan (la->hours) && isnan (lb->hours))))
        return FALSE;
    }
  return TRUE;
}

/* Callbacks */

static void
on_text_commit (GwLineList *self,
                GtkEditable *entry)
{
  int index = row_index_of (GTK_WIDGET (entry));
  GwLine *line = line_at (self, index);
  g_autofree char *text = NULL;

  if (line == NULL)
    return;
  text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  if (g_strcmp0 (text, line->text) == 0)
    return;
  if (*text == '\0')
    {
      /* Emptying a line removes it. */
      g_ptr_array_remove_index (self->lines, (guint) index);
      g_signal_emit (self, signals[CHANGED], 0);
      rebuild (self);
      return;
    }
  g_free (line->text);
  line->text = g_steal_pointer (&text);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_text_activate_cb (GwLineList *self,
                     GtkEntry   *entry)
{
  on_text_commit (self, GTK_EDITABLE (entry));
}

static void
on_text_leave_cb (GwLineList              *self,
                  GtkEventControllerFocus *controller)
{
  on_text_commit (self, GTK_EDITABLE (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller))));
}

static void
on_hours_commit (GwLineList  *self,
                 GtkEditable *entry)
{
  int index = row_index_of (GTK_WIDGET (entry));
  GwLine *line = line_at (self, index);
  const char *text = gtk_editable_get_text (entry);
  double hours;

  if (line == NULL)
    return;
  if (!parse_hours (text, &hours))
    {
      emit_invalid_hours (self, text);
      return;
    }
  if (hours == line->hours || (isnan (hours) && isnan (line->hours)))
    return;
  line->hours = hours;
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_hours_activate_cb (GwLineList *self,
                      GtkEntry   *entry)
{
  on_hours_commit (self, GTK_EDITABLE (entry));
}

static void
on_hours_leave_cb (GwLineList              *self,
                   GtkEventControllerFocus *controller)
{
  on_hours_commit (self, GTK_EDITABLE (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller))));
}

static void
on_done_toggled_cb (GwLineList     *self,
                    GtkCheckButton *check)
{
  GwLine *line = line_at (self, row_index_of (GTK_WIDGET (check)));
  gboolean active = gtk_check_button_get_active (check);

  if (line == NULL || !line->done == !active)
    return;
  line->done = active;
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_remove_clicked_cb (GwLineList *self,
                      GtkButton  *button)
{
  int index = row_index_of (GTK_WIDGET (button));

  if (line_at (self, index) == NULL)
    return;
  g_ptr_array_remove_index (self->lines, (guint) index);
  g_signal_emit (self, signals[CHANGED], 0);
  rebuild (self);
}

static void
on_add_cb (GwLineList *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->add_entry))));
  double hours = NAN;

  if (*text == '\0')
    return;
  if (self->add_hours != NULL)
    {
      const char *hours_text = gtk_editable_get_text (GTK_EDITABLE (self->add_hours));

      if (!parse_hours (hours_text, &hours))
        {
          emit_invalid_hours (self, hours_text);
          return;
        }
    }
  g_ptr_array_add (self->lines, gw_line_new (text, hours, FALSE));
  g_signal_emit (self, signals[CHANGED], 0);
  rebuild (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->add_entry));
}

/* Rows */

static GtkWidget *
make_entry (GwLineList *self,
            const char *text,
            gboolean    hours)
{
  GtkWidget *entry = gtk_entry_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  gtk_editable_set_text (GTK_EDITABLE (entry), text ? text : "");
  gtk_entry_set_has_frame (GTK_ENTRY (entry), FALSE);
  if (hours)
    {
      gtk_editable_set_width_chars (GTK_EDITABLE (entry), 4);
      gtk_editable_set_max_width_chars (GTK_EDITABLE (entry), 6);
      gtk_editable_set_alignment (GTK_EDITABLE (entry), 1.0);
      gtk_widget_add_css_class (entry, "hours-entry");
      gtk_widget_add_css_class (entry, "numeric");
      gtk_widget_set_tooltip_text (entry, _("Hours"));
      gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("h"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Hours"), -1);
      g_signal_connect_object (entry, "activate", G_CALLBACK (on_hours_activate_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (focus, "leave", G_CALLBACK (on_hours_leave_cb), self, G_CONNECT_SWAPPED);
    }
  else
    {
      gtk_widget_set_hexpand (entry, TRUE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      line_label (self->kind), -1);
      g_signal_connect_object (entry, "activate", G_CALLBACK (on_text_activate_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (focus, "leave", G_CALLBACK (on_text_leave_cb), self, G_CONNECT_SWAPPED);
    }
  gtk_widget_add_controller (entry, focus);
  return entry;
}

static GtkWidget *
make_line_row (GwLineList *self,
               GwLine     *line)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *remove;

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (row, "line-row");

  if (self->kind == GW_LINE_CRITERION)
    {
      GtkWidget *check = gtk_check_button_new ();

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), line->done);
      gtk_widget_set_tooltip_text (check, _("Done"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Done"), -1);
      g_signal_connect_object (check, "toggled", G_CALLBACK (on_done_toggled_cb), self, G_CONNECT_SWAPPED);
      gtk_box_append (GTK_BOX (box), check);
    }

  gtk_box_append (GTK_BOX (box), make_entry (self, line->text, FALSE));

  if (self->kind == GW_LINE_BREAKDOWN)
    {
      g_autofree char *hours = format_hours (line->hours);

      gtk_box_append (GTK_BOX (box), make_entry (self, hours, TRUE));
    }

  remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_add_css_class (remove, "circular");
  gtk_widget_set_tooltip_text (remove, _("Remove"));
  g_signal_connect_object (remove, "clicked", G_CALLBACK (on_remove_clicked_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), remove);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static GtkWidget *
make_add_row (GwLineList *self)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *add;

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (row, "line-row");

  self->add_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_widget_set_name (GTK_WIDGET (self->add_entry), "add-line");
  gtk_entry_set_has_frame (self->add_entry, FALSE);
  gtk_entry_set_placeholder_text (self->add_entry, add_placeholder (self->kind));
  gtk_widget_set_hexpand (GTK_WIDGET (self->add_entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->add_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  add_placeholder (self->kind), -1);
  g_signal_connect_object (self->add_entry, "activate", G_CALLBACK (on_add_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->add_entry));

  self->add_hours = NULL;
  if (self->kind == GW_LINE_BREAKDOWN)
    {
      self->add_hours = GTK_ENTRY (gtk_entry_new ());
      gtk_widget_set_name (GTK_WIDGET (self->add_hours), "add-line-hours");
      gtk_entry_set_has_frame (self->add_hours, FALSE);
      gtk_editable_set_width_chars (GTK_EDITABLE (self->add_hours), 4);
      gtk_editable_set_max_width_chars (GTK_EDITABLE (self->add_hours), 6);
      gtk_editable_set_alignment (GTK_EDITABLE (self->add_hours), 1.0);
      gtk_entry_set_placeholder_text (self->add_hours, _("h"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->add_hours), _("Hours"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->add_hours), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Hours"), -1);
      g_signal_connect_object (self->add_hours, "activate", G_CALLBACK (on_add_cb), self, G_CONNECT_SWAPPED);
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->add_hours));
    }

  add = gtk_button_new_from_icon_name ("list-add-symbolic");
  gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (add, "flat");
  gtk_widget_add_css_class (add, "circular");
  gtk_widget_set_tooltip_text (add, _("Add"));
  g_signal_connect_object (add, "clicked", G_CALLBACK (on_add_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), add);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static void
rebuild (GwLineList *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);

  for (guint i = 0; i < self->lines->len; i++)
    gtk_list_box_append (self->list_box, make_line_row (self, g_ptr_array_index (self->lines, i)));
  gtk_list_box_append (self->list_box, make_add_row (self));
}

/* GObject */

static void
gw_line_list_dispose (GObject *object)
{
  GwLineList *self = GW_LINE_LIST (object);

  if (self->list_box != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->list_box));
  self->list_box = NULL;
  self->add_entry = NULL;
  self->add_hours = NULL;

  G_OBJECT_CLASS (gw_line_list_parent_class)->dispose (object);
}

static void
gw_line_list_finalize (GObject *object)
{
  GwLineList *self = GW_LINE_LIST (object);

  g_clear_pointer (&self->lines, g_ptr_array_unref);

  G_OBJECT_CLASS (gw_line_list_parent_class)->finalize (object);
}

static void
gw_line_list_class_init (GwLineListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gw_line_list_dispose;
  object_class->finalize = gw_line_list_finalize;

  /**
   * GwLineList::changed:
   *
   * The user changed the list; gw_line_list_get_lines() has the new one.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * GwLineList::invalid:
   * @message: a sentence saying what is wrong
   */
  signals[INVALID] = g_signal_new ("invalid", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "gwlinelist");
}

static void
gw_line_list_init (GwLineList *self)
{
  self->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_line_free);
  self->list_box = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list_box, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list_box), "boxed-list");
  gtk_widget_add_css_class (GTK_WIDGET (self), "line-list");
  gtk_widget_set_parent (GTK_WIDGET (self->list_box), GTK_WIDGET (self));
}

/* Public API */

GtkWidget *
gw_line_list_new (GwLineKind kind)
{
  GwLineList *self;

  g_return_val_if_fail (kind < GW_N_LINE_KINDS, NULL);

  self = g_object_new (GW_TYPE_LINE_LIST, NULL);
  self->kind = kind;
  rebuild (self);
  return GTK_WIDGET (self);
}

GwLineKind
gw_line_list_get_kind (GwLineList *self)
{
  g_return_val_if_fail (GW_IS_LINE_LIST (self), GW_LINE_EVIDENCE);
  return self->kind;
}

/**
 * gw_line_list_get_lines:
 *
 * Returns: (transfer none) (element-type GwLine): the lines as edited
 */
GPtrArray *
gw_line_list_get_lines (GwLineList *self)
{
  g_return_val_if_fail (GW_IS_LINE_LIST (self), NULL);
  return self->lines;
}

/**
 * gw_line_list_set_lines:
 * @lines: (element-type GwLine): the lines to show; copied
 *
 * Shows @lines. When they are the ones shown already, the rows are kept,
 * so that a field being edited keeps the focus.
 */
void
gw_line_list_set_lines (GwLineList *self,
                        GPtrArray  *lines)
{
  g_return_if_fail (GW_IS_LINE_LIST (self));
  g_return_if_fail (lines != NULL);

  if (lines_equal (self->lines, lines))
    return;
  g_ptr_array_set_size (self->lines, 0);
  for (guint i = 0; i < lines->len; i++)
    g_ptr_array_add (self->lines, gw_line_copy (g_ptr_array_index (lines, i)));
  rebuild (self);
}
