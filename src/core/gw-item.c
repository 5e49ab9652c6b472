/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "gw-error.h"
#include "gw-item.h"

struct _GwItem
{
  GObject       parent_instance;

  gint64        id;          /* rowid in the store, 0 when not stored */
  int           position;    /* order in the register */
  GwItemFields  f;
  GPtrArray    *depends_on;  /* GwDependency */
  GPtrArray    *lines[GW_N_LINE_KINDS];  /* GwLine */
  gboolean      lines_loaded;
};

G_DEFINE_FINAL_TYPE (GwItem, gw_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KEY,
  PROP_TITLE,
  PROP_CATEGORY,
  PROP_OWNER,
  PROP_MILESTONE,
  PROP_PRIORITY,
  PROP_STATUS,
  PROP_EFFORT_HOURS,
  PROP_IMPACT,
  PROP_RISK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  const char *name;
  const char *label;
} FieldInfo;

/* Order and names are the CSV header of an exported register. */
static const FieldInfo field_info[GW_N_FIELDS + 1] = {
  [GW_FIELD_KEY] = { "key", N_("Key") },
  [GW_FIELD_TITLE] = { "title", N_("Title") },
  [GW_FIELD_CATEGORY] = { "category", N_("Category") },
  [GW_FIELD_PRIORITY] = { "priority", N_("Priority") },
  [GW_FIELD_STATUS] = { "status", N_("Status") },
  [GW_FIELD_EFFORT_HOURS] = { "effort_hours", N_("Effort (hours)") },
  [GW_FIELD_RISK] = { "risk", N_("Risk") },
  [GW_FIELD_IMPACT] = { "impact", N_("Impact") },
  [GW_FIELD_OWNER] = { "owner", N_("Owner role") },
  [GW_FIELD_MILESTONE] = { "milestone", N_("Milestone") },
  [GW_FIELD_DEPENDS_ON] = { "depends_on", N_("Depends on") },
  [GW_FIELD_DESCRIPTION] = { "description", N_("Description") },
  [GW_FIELD_MODULE] = { "module", N_("Module") },
  [GW_FIELD_EFFORT_SIZE] = { "effort_size", N_("Size") },
  [GW_FIELD_EFFORT_MIN] = { "effort_min", N_("Minimum effort (hours)") },
  [GW_FIELD_EFFORT_MAX] = { "effort_max", N_("Maximum effort (hours)") },
  [GW_FIELD_IMPL_RISK_PCT] = { "impl_risk_pct", N_("Implementation risk (%)") },
  [GW_FIELD_DATA_LOSS_RISK_PCT] = { "data_loss_risk_pct", N_("Data-loss risk (%)") },
  [GW_FIELD_ROI_PCT] = { "roi_pct", N_("ROI (%)") },
  [GW_FIELD_REVENUE_IMPACT] = { "revenue_impact", N_("Revenue impact") },
  [GW_FIELD_ASSIGNEE] = { "assignee", N_("Assignee") },
  [GW_FIELD_PHASE] = { "phase", N_("Phase") },
  [GW_FIELD_ACTION] = { "action", N_("Recommended action") },
  [GW_FIELD_CURRENT_PCT] = { "current_pct", N_("Current (%)") },
  [GW_FIELD_TARGET_PCT] = { "target_pct", N_("Target (%)") },
  [GW_FIELD_NOT_BEFORE] = { "not_before", N_("Not before") },
  [GW_FIELD_BREAKDOWN] = { "breakdown", N_("Effort breakdown") },
  [GW_FIELD_EVIDENCE] = { "evidence", N_("Evidence") },
  [GW_FIELD_IMPACT_IF_NOT_FIXED] = { "impact_if_not_fixed", N_("Impact if not fixed") },
  [GW_FIELD_MITIGATION] = { "mitigation", N_("Mitigation") },
  [GW_FIELD_ACCEPTANCE_CRITERIA] = { "acceptance_criteria", N_("Acceptance criteria") },
  [GW_FIELD_REMEDIATION] = { "remediation", N_("Remediation") },
  [GW_FIELD_EFFORT] = { "effort", N_("Effort") },
};

/* Lines */

GwLine *
gw_line_new (const char *text,
             double      hours,
             gboolean    done)
{
  GwLine *line = g_new0 (GwLine, 1);

  line->text = g_strdup (text ? text : "");
  line->hours = hours;
  line->done = !!done;
  return line;
}

GwLine *
gw_line_copy (const GwLine *line)
{
  return gw_line_new (line->text, line->hours, line->done);
}

void
gw_line_free (GwLine *line)
{
  if (line == NULL)
    return;
  g_free (line->text);
  g_free (line);
}

GwDependency *
gw_dependency_new (const char *key,
                   double      lag_hours)
{
  GwDependency *dep = g_new0 (GwDependency, 1);

  dep->key = g_strdup (key);
  dep->lag_hours = lag_hours;
  return dep;
}

void
gw_dependency_free (GwDependency *dep)
{
  if (dep == NULL)
    return;
  g_free (dep->key);
  g_free (dep);
}

void
gw_parse_context_init (GwParseContext *ctx)
{
  ctx->hours_per_day = 8.0;
  gw_size_ranges_init_default (&ctx->sizes);
}

/* Fields */

const char *
gw_field_name (GwField field)
{
  g_return_val_if_fail (field <= GW_FIELD_EFFORT, "");
  return field_info[field].name;
}

const char *
gw_field_label (GwField field)
{
  g_return_val_if_fail (field <= GW_FIELD_EFFORT, "");
  return _(field_info[field].label);
}

gboolean
gw_field_from_name (const char *name,
                    GwField    *field)
{
  for (guint i = 0; i <= GW_FIELD_EFFORT; i++)
    if (g_ascii_strcasecmp (field_info[i].name, name) == 0)
      {
        *field = (GwField) i;
        return TRUE;
      }
  return FALSE;
}

gboolean
gw_field_is_list (GwField field)
{
  return field >= GW_FIELD_BREAKDOWN && field <= GW_FIELD_REMEDIATION;
}

GwLineKind
gw_field_line_kind (GwField field)
{
  switch (field)
    {
    case GW_FIELD_BREAKDOWN:
      return GW_LINE_BREAKDOWN;
    case GW_FIELD_EVIDENCE:
      return GW_LINE_EVIDENCE;
    case GW_FIELD_IMPACT_IF_NOT_FIXED:
      return GW_LINE_IMPACT;
    case GW_FIELD_MITIGATION:
      return GW_LINE_MITIGATION;
    case GW_FIELD_ACCEPTANCE_CRITERIA:
      return GW_LINE_CRITERION;
    case GW_FIELD_REMEDIATION:
      return GW_LINE_REMEDIATION;
    default:
      g_return_val_if_reached (GW_LINE_EVIDENCE);
    }
}

/* Helpers */

static char **
text_field (GwItem  *self,
            GwField  field)
{
  switch (field)
    {
    case GW_FIELD_KEY:
      return &self->f.key;
    case GW_FIELD_TITLE:
      return &self->f.title;
    case GW_FIELD_DESCRIPTION:
      return &self->f.description;
    case GW_FIELD_CATEGORY:
      return &self->f.category;
    case GW_FIELD_MODULE:
      return &self->f.module;
    case GW_FIELD_REVENUE_IMPACT:
      return &self->f.revenue_impact;
    case GW_FIELD_OWNER:
      return &self->f.owner;
    case GW_FIELD_ASSIGNEE:
      return &self->f.assignee;
    case GW_FIELD_MILESTONE:
      return &self->f.milestone;
    case GW_FIELD_PHASE:
      return &self->f.phase;
    default:
      return NULL;
    }
}

static double *
real_field (GwItem  *self,
            GwField  field)
{
  switch (field)
    {
    case GW_FIELD_EFFORT_HOURS:
      return &self->f.effort_hours;
    case GW_FIELD_EFFORT_MIN:
      return &self->f.effort_min;
    case GW_FIELD_EFFORT_MAX:
      return &self->f.effort_max;
    case GW_FIELD_IMPL_RISK_PCT:
      return &self->f.impl_risk_pct;
    case GW_FIELD_DATA_LOSS_RISK_PCT:
      return &self->f.data_loss_risk_pct;
    case GW_FIELD_ROI_PCT:
      return &self->f.roi_pct;
    case GW_FIELD_CURRENT_PCT:
      return &self->f.current_pct;
    case GW_FIELD_TARGET_PCT:
      return &self->f.target_pct;
    default:
      return NULL;
    }
}

static char *
format_real (double v)
{
  return isnan (v) ? g_strdup ("") : gw_format_hours (v);
}

static gboolean
invalid (GError     **error,
         GwField      field,
         const char  *value,
         const char  *expected)
{
  g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_INVALID,
               /* Translators: field "effort_hours": “abc” is not valid: expected a number of hours. */
               _("Field “%s”: “%s” is not valid: expected %s."),
               gw_field_name (field), value, expected);
  return FALSE;
}

static gboolean
parse_real (const char *value,
            double     *out)
{
  g_autofree char *s = g_strstrip (g_strdup (value));
  char *end = NULL;
  double v;
  gsize len = strlen (s);

  if (len == 0)
    {
      *out = NAN;
      return TRUE;
    }
  if (s[len - 1] == '%')
    s[--len] = '\0';
  v = g_ascii_strtod (s, &end);
  if (end == s || *end != '\0' || !isfinite (v))
    return FALSE;
  *out = v;
  return TRUE;
}

/* A date as YYYY-MM-DD that exists in the calendar. */
static gboolean
valid_date (const char *text)
{
  int y, m, d;
  char tail;

  if (strlen (text) != 10 || sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
    return FALSE;
  return g_date_valid_dmy (d, m, y);
}

static gboolean
valid_key (const char *key)
{
  if (key == NULL || *key == '\0' || !g_utf8_validate (key, -1, NULL))
    return FALSE;
  for (const char *p = key; *p; p++)
    if (*p == ';' || *p == '\n' || *p == '\r' || *p == '\t')
      return FALSE;
  return !g_ascii_isspace (key[0]) && !g_ascii_isspace (key[strlen (key) - 1]);
}

static void
clear_fields (GwItemFields *f)
{
  g_clear_pointer (&f->key, g_free);
  g_clear_pointer (&f->title, g_free);
  g_clear_pointer (&f->description, g_free);
  g_clear_pointer (&f->category, g_free);
  g_clear_pointer (&f->module, g_free);
  g_clear_pointer (&f->revenue_impact, g_free);
  g_clear_pointer (&f->owner, g_free);
  g_clear_pointer (&f->assignee, g_free);
  g_clear_pointer (&f->milestone, g_free);
  g_clear_pointer (&f->phase, g_free);
  g_clear_pointer (&f->not_before, g_free);
}

static void
copy_fields (GwItemFields       *to,
             const GwItemFields *from)
{
  clear_fields (to);
  *to = *from;
  to->key = g_strdup (from->key);
  to->title = g_strdup (from->title);
  to->description = g_strdup (from->description);
  to->category = g_strdup (from->category);
  to->module = g_strdup (from->module);
  to->revenue_impact = g_strdup (from->revenue_impact);
  to->owner = g_strdup (from->owner);
  to->assignee = g_strdup (from->assignee);
  to->milestone = g_strdup (from->milestone);
  to->phase = g_strdup (from->phase);
  to->not_before = g_strdup (from->not_before);
}

static gboolean
real_equal (double a,
            double b)
{
  return (isnan (a) && isnan (b)) || a == b;
}

static gboolean
fields_equal (const GwItemFields *a,
              const GwItemFields *b)
{
  return g_strcmp0 (a->key, b->key) == 0 &&
         g_strcmp0 (a->title, b->title) == 0 &&
         g_strcmp0 (a->description, b->description) == 0 &&
         g_strcmp0 (a->category, b->category) == 0 &&
         g_strcmp0 (a->module, b->module) == 0 &&
         a->priority == b->priority &&
         a->status == b->status &&
         real_equal (a->effort_hours, b->effort_hours) &&
         a->effort_size == b->effort_size &&
         real_equal (a->effort_min, b->effort_min) &&
         real_equal (a->effort_max, b->effort_max) &&
         a->risk == b->risk &&
         real_equal (a->impl_risk_pct, b->impl_risk_pct) &&
         real_equal (a->data_loss_risk_pct, b->data_loss_risk_pct) &&
         a->impact == b->impact &&
         real_equal (a->roi_pct, b->roi_pct) &&
         g_strcmp0 (a->revenue_impact, b->revenue_impact) == 0 &&
         g_strcmp0 (a->owner, b->owner) == 0 &&
         g_strcmp0 (a->assignee, b->assignee) == 0 &&
         g_strcmp0 (a->milestone, b->milestone) == 0 &&
         g_strcmp0 (a->phase, b->phase) == 0 &&
         a->action == b->action &&
         real_equal (a->current_pct, b->current_pct) &&
         real_equal (a->target_pct, b->target_pct) &&
         g_strcmp0 (a->not_before, b->not_before) == 0;
}

static gboolean
lines_equal (GPtrArray *a,
             GPtrArray *b)
{
  guint na = a ? a->len : 0;
  guint nb = b ? b->len : 0;

  if (na != nb)
    return FALSE;
  for (guint i = 0; i < na; i++)
    {
      GwLine *la = g_ptr_array_index (a, i);
      GwLine *lb = g_ptr_array_index (b, i);

      if (g_strcmp0 (la->text, lb->text) != 0 || !real_equal (la->hours, lb->hours) || la->done != lb->done)
        return FALSE;
    }
  return TRUE;
}

/* "Create policies: 8 hours" -> text and hours. */
static GwLine *
breakdown_line_from_text (const char *text)
{
  const char *colon = strrchr (text, ':');

  if (colon != NULL)
    {
      GwEffort e;

      if (gw_effort_parse (colon + 1, 8.0, NULL, &e, NULL) && e.size == GW_SIZE_NONE)
        {
          g_autofree char *head = g_strstrip (g_strndup (text, colon - text));

          return gw_line_new (head, e.hours, FALSE);
        }
    }
  return gw_line_new (text, NAN, FALSE);
}

/* Public API: lines as text */

/**
 * gw_lines_to_text:
 *
 * Returns: the lines as a Markdown-like list, one "- " entry per line,
 *   continuation lines indented by two spaces; criteria as "- [x] text",
 *   breakdown lines as "- text: 8 hours".
 */
char *
gw_lines_to_text (GPtrArray  *lines,
                  GwLineKind  kind)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; lines != NULL && i < lines->len; i++)
    {
      GwLine *line = g_ptr_array_index (lines, i);
      g_auto(GStrv) parts = g_strsplit (line->text, "\n", -1);

      if (i > 0)
        g_string_append_c (s, '\n');
      g_string_append (s, "- ");
      if (kind == GW_LINE_CRITERION)
        g_string_append (s, line->done ? "[x] " : "[ ] ");
      for (guint j = 0; parts[j]; j++)
        {
          if (j > 0)
            g_string_append (s, "\n  ");
          g_string_append (s, parts[j]);
        }
      if (kind == GW_LINE_BREAKDOWN && !isnan (line->hours))
        {
          g_autofree char *h = gw_format_hours (line->hours);

          g_string_append_printf (s, ": %s %s", h, line->hours == 1.0 ? "hour" : "hours");
        }
    }
  return g_string_free (s, FALSE);
}

/**
 * gw_lines_from_text:
 *
 * Reads what gw_lines_to_text() writes; a text without "- " markers is read
 * as one entry per line.
 *
 * Returns: (transfer full): a #GPtrArray of #GwLine
 */
GPtrArray *
gw_lines_from_text (const char *text,
                    GwLineKind  kind)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_line_free);
  g_auto(GStrv) rows = NULL;
  g_autoptr(GString) current = NULL;
  gboolean marked;

  if (text == NULL || *text == '\0')
    return lines;

  rows = g_strsplit (text, "\n", -1);
  marked = g_str_has_prefix (rows[0], "- ") || g_str_equal (rows[0], "-");

  for (guint i = 0; ; i++)
    {
      const char *row = rows[i];
      gboolean starts = row != NULL && (!marked || g_str_has_prefix (row, "- ") || g_str_equal (row, "-"));

      if ((row == NULL || starts) && current != NULL)
        {
          char *entry = current->str;
          gboolean done = FALSE;
          GwLine *line;

          if (g_str_has_suffix (entry, "\r"))
            entry[strlen (entry) - 1] = '\0';
          if (kind == GW_LINE_CRITERION &&
              (g_str_has_prefix (entry, "[ ] ") || g_ascii_strncasecmp (entry, "[x] ", 4) == 0 ||
               g_str_equal (entry, "[ ]") || g_ascii_strcasecmp (entry, "[x]") == 0))
            {
              done = entry[1] != ' ';
              entry += strlen (entry) >= 4 ? 4 : 3;
            }
          if (kind == GW_LINE_BREAKDOWN)
            line = breakdown_line_from_text (entry);
          else
            line = gw_line_new (entry, NAN, done);
          if (*line->text != '\0' || kind == GW_LINE_CRITERION)
            g_ptr_array_add (lines, line);
          else
            gw_line_free (line);
          g_string_free (g_steal_pointer (&current), TRUE);
        }
      if (row == NULL)
        break;

      if (starts)
        current = g_string_new (marked ? row + MIN (strlen (row), 2) : row);
      else if (current != NULL)
        {
          g_string_append_c (current, '\n');
          g_string_append (current, g_str_has_prefix (row, "  ") ? row + 2 : row);
        }
    }
  return lines;
}

/* GObject */

static void
gw_item_finalize (GObject *object)
{
  GwItem *self = GW_ITEM (object);

  clear_fields (&self->f);
  g_clear_pointer (&self->depends_on, g_ptr_array_unref);
  for (guint i = 0; i < GW_N_LINE_KINDS; i++)
    g_clear_pointer (&self->lines[i], g_ptr_array_unref);

  G_OBJECT_CLASS (gw_item_parent_class)->finalize (object);
}

static void
gw_item_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  GwItem *self = GW_ITEM (object);

  switch (prop_id)
    {
    case PROP_KEY:
      g_value_set_string (value, self->f.key);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->f.title);
      break;
    case PROP_CATEGORY:
      g_value_set_string (value, self->f.category);
      break;
    case PROP_OWNER:
      g_value_set_string (value, self->f.owner);
      break;
    case PROP_MILESTONE:
      g_value_set_string (value, self->f.milestone);
      break;
    case PROP_PRIORITY:
      g_value_set_int (value, self->f.priority);
      break;
    case PROP_STATUS:
      g_value_set_int (value, self->f.status);
      break;
    case PROP_EFFORT_HOURS:
      g_value_set_double (value, self->f.effort_hours);
      break;
    case PROP_IMPACT:
      g_value_set_int (value, self->f.impact);
      break;
    case PROP_RISK:
      g_value_set_int (value, self->f.risk);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gw_item_class_init (GwItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = gw_item_finalize;
  object_class->get_property = gw_item_get_property;

  properties[PROP_KEY] = g_param_spec_string ("key", NULL, NULL, NULL, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_CATEGORY] = g_param_spec_string ("category", NULL, NULL, NULL, flags);
  properties[PROP_OWNER] = g_param_spec_string ("owner", NULL, NULL, NULL, flags);
  properties[PROP_MILESTONE] = g_param_spec_string ("milestone", NULL, NULL, NULL, flags);
  properties[PROP_PRIORITY] = g_param_spec_int ("priority", NULL, NULL, 0, 3, 2, flags);
  properties[PROP_STATUS] = g_param_spec_int ("status", NULL, NULL, 0, GW_N_STATUSES - 1, 0, flags);
  properties[PROP_EFFORT_HOURS] = g_param_spec_double ("effort-hours", NULL, NULL, 0, G_MAXDOUBLE, 0, flags);
  properties[PROP_IMPACT] = g_param_spec_int ("impact", NULL, NULL, -1, 100, -1, flags);
  properties[PROP_RISK] = g_param_spec_int ("risk", NULL, NULL, GW_RISK_NONE, GW_RISK_HIGH, GW_RISK_NONE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gw_item_init (GwItem *self)
{
  self->f.title = g_strdup ("");
  self->f.priority = GW_PRIORITY_P2;
  self->f.status = GW_STATUS_TODO;
  self->f.effort_size = GW_SIZE_NONE;
  self->f.effort_min = NAN;
  self->f.effort_max = NAN;
  self->f.impl_risk_pct = NAN;
  self->f.data_loss_risk_pct = NAN;
  self->f.impact = -1;
  self->f.roi_pct = NAN;
  self->f.current_pct = NAN;
  self->f.target_pct = NAN;
  self->depends_on = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_dependency_free);
}

/* Public API */

GwItem *
gw_item_new (const char *key,
             const char *title)
{
  GwItem *self = g_object_new (GW_TYPE_ITEM, NULL);

  self->f.key = g_strdup (key);
  g_free (self->f.title);
  self->f.title = g_strdup (title ? title : "");
  self->lines_loaded = TRUE;   /* a new item has all its (no) lines */
  return self;
}

/**
 * gw_item_assign:
 * @self: the item to change
 * @from: the item to copy every field, dependency and line from
 *
 * Makes @self equal to @from (including its id and position) and notifies
 * the properties that changed.
 */
void
gw_item_assign (GwItem *self,
                GwItem *from)
{
  GwItemFields old;

  g_return_if_fail (GW_IS_ITEM (self));
  g_return_if_fail (GW_IS_ITEM (from));

  if (self == from)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  memset (&old, 0, sizeof old);
  copy_fields (&old, &self->f);

  self->id = from->id;
  self->position = from->position;
  copy_fields (&self->f, &from->f);

  g_ptr_array_set_size (self->depends_on, 0);
  for (guint i = 0; i < from->depends_on->len; i++)
    {
      GwDependency *dep = g_ptr_array_index (from->depends_on, i);

      g_ptr_array_add (self->depends_on, gw_dependency_new (dep->key, dep->lag_hours));
    }

  for (guint k = 0; k < GW_N_LINE_KINDS; k++)
    {
      g_clear_pointer (&self->lines[k], g_ptr_array_unref);
      if (from->lines[k] != NULL)
        self->lines[k] = g_ptr_array_copy (from->lines[k], (GCopyFunc) gw_line_copy, NULL);
      if (self->lines[k] != NULL)
        g_ptr_array_set_free_func (self->lines[k], (GDestroyNotify) gw_line_free);
    }
  self->lines_loaded = from->lines_loaded;

  if (g_strcmp0 (old.key, self->f.key) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEY]);
  if (g_strcmp0 (old.title, self->f.title) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  if (g_strcmp0 (old.category, self->f.category) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATEGORY]);
  if (g_strcmp0 (old.owner, self->f.owner) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OWNER]);
  if (g_strcmp0 (old.milestone, self->f.milestone) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MILESTONE]);
  if (old.priority != self->f.priority)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRIORITY]);
  if (old.status != self->f.status)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
  if (old.effort_hours != self->f.effort_hours)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EFFORT_HOURS]);
  if (old.impact != self->f.impact)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IMPACT]);
  if (old.risk != self->f.risk)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RISK]);

  clear_fields (&old);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * gw_item_copy:
 *
 * Returns: (transfer full): a new item equal to @self
 */
GwItem *
gw_item_copy (GwItem *self)
{
  GwItem *copy;

  g_return_val_if_fail (GW_IS_ITEM (self), NULL);

  copy = g_object_new (GW_TYPE_ITEM, NULL);
  gw_item_assign (copy, self);
  return copy;
}

/**
 * gw_item_equal:
 *
 * Returns: whether @a and @b have the same fields and dependencies, and the
 *   same lines when both have their lines loaded. Ids and positions are
 *   not compared.
 */
gboolean
gw_item_equal (GwItem *a,
               GwItem *b)
{
  g_return_val_if_fail (GW_IS_ITEM (a) && GW_IS_ITEM (b), FALSE);

  if (!fields_equal (&a->f, &b->f) || a->depends_on->len != b->depends_on->len)
    return FALSE;
  for (guint i = 0; i < a->depends_on->len; i++)
    {
      GwDependency *da = g_ptr_array_index (a->depends_on, i);
      GwDependency *db = g_ptr_array_index (b->depends_on, i);

      if (g_strcmp0 (da->key, db->key) != 0 || da->lag_hours != db->lag_hours)
        return FALSE;
    }
  if (a->lines_loaded && b->lines_loaded)
    for (guint k = 0; k < GW_N_LINE_KINDS; k++)
      if (!lines_equal (a->lines[k], b->lines[k]))
        return FALSE;
  return TRUE;
}

gint64
gw_item_get_id (GwItem *self)
{
  g_return_val_if_fail (GW_IS_ITEM (self), 0);
  return self->id;
}

void
gw_item_set_id (GwItem *self,
                gint64  id)
{
  g_return_if_fail (GW_IS_ITEM (self));
  self->id = id;
}

int
gw_item_get_position (GwItem *self)
{
  g_return_val_if_fail (GW_IS_ITEM (self), 0);
  return self->position;
}

void
gw_item_set_position (GwItem *self,
                      int     position)
{
  g_return_if_fail (GW_IS_ITEM (self));
  self->position = position;
}

GwItemFields *
gw_item_get_fields (GwItem *self)
{
  g_return_val_if_fail (GW_IS_ITEM (self), NULL);
  return &self->f;
}

#define GETTER(type, name, member) \
  type gw_item_get_##name (GwItem *self) \
  { \
    g_return_val_if_fail (GW_IS_ITEM (self), 0); \
    return self->f.member; \
  }

GETTER (const char *, key, key)
GETTER (const char *, title, title)
GETTER (const char *, description, description)
GETTER (const char *, category, category)
GETTER (const char *, module, module)
GETTER (GwPriority, priority, priority)
GETTER (GwStatus, status, status)
GETTER (double, effort_hours, effort_hours)
GETTER (GwSize, effort_size, effort_size)
GETTER (GwRisk, risk, risk)
GETTER (int, impact, impact)
GETTER (double, roi_pct, roi_pct)
GETTER (const char *, owner, owner)
GETTER (const char *, assignee, assignee)
GETTER (const char *, milestone, milestone)
GETTER (const char *, phase, phase)
GETTER (GwAction, action, action)
GETTER (const char *, not_before, not_before)

#undef GETTER

void
gw_item_get_effort (GwItem   *self,
                    GwEffort *effort)
{
  g_return_if_fail (GW_IS_ITEM (self));

  effort->hours = self->f.effort_hours;
  effort->size = self->f.effort_size;
  effort->min_hours = self->f.effort_min;
  effort->max_hours = self->f.effort_max;
}

void
gw_item_set_effort (GwItem         *self,
                    const GwEffort *effort)
{
  g_return_if_fail (GW_IS_ITEM (self));
  g_return_if_fail (effort->hours >= 0);

  self->f.effort_hours = effort->hours;
  self->f.effort_size = effort->size;
  self->f.effort_min = effort->min_hours;
  self->f.effort_max = effort->max_hours;
}

void
gw_item_set_key (GwItem     *self,
                 const char *key)
{
  g_return_if_fail (GW_IS_ITEM (self));
  g_free (self->f.key);
  self->f.key = g_strdup (key);
}

void
gw_item_set_title (GwItem     *self,
                   const char *title)
{
  g_return_if_fail (GW_IS_ITEM (self));
  g_free (self->f.title);
  self->f.title = g_strdup (title ? title : "");
}

void
gw_item_set_priority (GwItem     *self,
                      GwPriority  priority)
{
  g_return_if_fail (GW_IS_ITEM (self));
  g_return_if_fail (priority <= GW_PRIORITY_P3);
  self->f.priority = priority;
}

void
gw_item_set_status (GwItem   *self,
                    GwStatus  status)
{
  g_return_if_fail (GW_IS_ITEM (self));
  g_return_if_fail (status < GW_N_STATUSES);
  self->f.status = status;
}

void
gw_item_set_impact (GwItem *self,
                    int     impact)
{
  g_return_if_fail (GW_IS_ITEM (self));
  g_return_if_fail (impact >= -1 && impact <= 100);
  self->f.impact = impact;
}

/**
 * gw_item_get_depends_on:
 *
 * Returns: (transfer none) (element-type GwDependency): the items this one depends on
 */
GPtrArray *
gw_item_get_depends_on (GwItem *self)
{
  g_return_val_if_fail (GW_IS_ITEM (self), NULL);
  return self->depends_on;
}

void
gw_item_add_dependency (GwItem     *self,
                        const char *key,
                        double      lag_hours)
{
  g_return_if_fail (GW_IS_ITEM (self));
  g_return_if_fail (key != NULL);

  for (guint i = 0; i < self->depends_on->len; i++)
    {
      GwDependency *dep = g_ptr_array_index (self->depends_on, i);

      if (g_str_equal (dep->key, key))
        {
          dep->lag_hours = lag_hours;
          return;
        }
    }
  g_ptr_array_add (self->depends_on, gw_dependency_new (key, lag_hours));
}

/**
 * gw_item_add_dependency_unchecked:
 *
 * Appends a dependency known not to be in the list yet (the store, reading
 * a register, knows): no search through the list.
 */
void
gw_item_add_dependency_unchecked (GwItem     *self,
                                  const char *key,
                                  double      lag_hours)
{
  g_ptr_array_add (self->depends_on, gw_dependency_new (key, lag_hours));
}

gboolean
gw_item_remove_dependency (GwItem     *self,
                           const char *key)
{
  g_return_val_if_fail (GW_IS_ITEM (self), FALSE);

  for (guint i = 0; i < self->depends_on->len; i++)
    {
      GwDependency *dep = g_ptr_array_index (self->depends_on, i);

      if (g_str_equal (dep->key, key))
        {
          g_ptr_array_remove_index (self->depends_on, i);
          return TRUE;
        }
    }
  return FALSE;
}

void
gw_item_clear_dependencies (GwItem *self)
{
  g_return_if_fail (GW_IS_ITEM (self));
  g_ptr_array_set_size (self->depends_on, 0);
}

/**
 * gw_item_has_lines:
 *
 * Returns: whether the item's lists are loaded (items listed in bulk have
 *   only their fields and dependencies; gw_store_load_lines() adds the rest).
 */
gboolean
gw_item_has_lines (GwItem *self)
{
  g_return_val_if_fail (GW_IS_ITEM (self), FALSE);
  return self->lines_loaded;
}

/**
 * gw_item_set_lines_loaded:
 *
 * Marks the item's lists as loaded (or not: then they are dropped, and
 * gw_store_update_item() leaves the stored lines alone).
 */
void
gw_item_set_lines_loaded (GwItem   *self,
                          gboolean  loaded)
{
  g_return_if_fail (GW_IS_ITEM (self));

  self->lines_loaded = loaded;
  if (!loaded)
    for (guint k = 0; k < GW_N_LINE_KINDS; k++)
      g_clear_pointer (&self->lines[k], g_ptr_array_unref);
}

/**
 * gw_item_get_lines:
 *
 * Returns: (transfer none) (element-type GwLine): the lines of @kind, possibly empty
 */
GPtrArray *
gw_item_get_lines (GwItem     *self,
                   GwLineKind  kind)
{
  g_return_val_if_fail (GW_IS_ITEM (self), NULL);
  g_return_val_if_fail (kind < GW_N_LINE_KINDS, NULL);

  if (self->lines[kind] == NULL)
    self->lines[kind] = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_line_free);
  return self->lines[kind];
}

/**
 * gw_item_get_n_lines:
 *
 * Returns: how many lines of @kind the item has, without making an empty
 *   list as gw_item_get_lines() does
 */
guint
gw_item_get_n_lines (GwItem     *self,
                     GwLineKind  kind)
{
  g_return_val_if_fail (GW_IS_ITEM (self), 0);
  g_return_val_if_fail (kind < GW_N_LINE_KINDS, 0);

  return self->lines[kind] != NULL ? self->lines[kind]->len : 0;
}

/**
 * gw_item_add_line:
 * @line: (transfer full): the line to append
 */
void
gw_item_add_line (GwItem     *self,
                  GwLineKind  kind,
                  GwLine     *line)
{
  g_ptr_array_add (gw_item_get_lines (self, kind), line);
}

void
gw_item_clear_lines (GwItem     *self,
                     GwLineKind  kind)
{
  g_ptr_array_set_size (gw_item_get_lines (self, kind), 0);
}

/**
 * gw_item_get_field_text:
 *
 * Returns: (transfer full): the field as text, "" when unset; the text reads
 *   back into the same value with gw_item_set_field_text().
 */
char *
gw_item_get_field_text (GwItem  *self,
                        GwField  field)
{
  char **text;
  double *real;

  g_return_val_if_fail (GW_IS_ITEM (self), NULL);

  if ((text = text_field (self, field)) != NULL)
    return g_strdup (*text ? *text : "");
  if ((real = real_field (self, field)) != NULL)
    return format_real (*real);
  if (gw_field_is_list (field))
    {
      GwLineKind kind = gw_field_line_kind (field);

      return gw_lines_to_text (self->lines[kind], kind);
    }

  switch (field)
    {
    case GW_FIELD_PRIORITY:
      return g_strdup (gw_priority_to_string (self->f.priority));
    case GW_FIELD_STATUS:
      return g_strdup (gw_status_to_string (self->f.status));
    case GW_FIELD_RISK:
      return g_strdup (gw_risk_to_string (self->f.risk));
    case GW_FIELD_ACTION:
      return g_strdup (gw_action_to_string (self->f.action));
    case GW_FIELD_EFFORT_SIZE:
      return g_strdup (gw_size_to_string (self->f.effort_size));
    case GW_FIELD_IMPACT:
      return self->f.impact < 0 ? g_strdup ("") : g_strdup_printf ("%d", self->f.impact);
    case GW_FIELD_NOT_BEFORE:
      return g_strdup (self->f.not_before ? self->f.not_before : "");
    case GW_FIELD_EFFORT:
      {
        GwEffort e;

        gw_item_get_effort (self, &e);
        return gw_effort_to_string (&e);
      }
    case GW_FIELD_DEPENDS_ON:
      {
        GString *s = g_string_new (NULL);

        for (guint i = 0; i < self->depends_on->len; i++)
          {
            GwDependency *dep = g_ptr_array_index (self->depends_on, i);

            if (i > 0)
              g_string_append_c (s, ';');
            g_string_append (s, dep->key);
            if (dep->lag_hours != 0)
              {
                g_autofree char *lag = gw_format_hours (dep->lag_hours);

                g_string_append_printf (s, "+%sh", lag);
              }
          }
        return g_string_free (s, FALSE);
      }
    default:
      g_return_val_if_reached (g_strdup (""));
    }
}

/* "P0-001+8h" -> key "P0-001", lag 8 */
static gboolean
parse_dependency (const char *text,
                  char      **key,
                  double     *lag)
{
  const char *plus = strrchr (text, '+');

  *lag = 0;
  if (plus != NULL && plus > text)
    {
      GwEffort e;

      if (gw_effort_parse (plus + 1, 8.0, NULL, &e, NULL) && e.size == GW_SIZE_NONE)
        {
          *key = g_strstrip (g_strndup (text, plus - text));
          *lag = e.hours;
          return valid_key (*key);
        }
    }
  *key = g_strstrip (g_strdup (text));
  return valid_key (*key);
}

/**
 * gw_item_set_field_text:
 * @value: the new value as text; "" clears an optional field
 *
 * Parses @value for @field and stores it in the item (not in a register:
 * see gw_store_update_item()). On a bad value nothing changes.
 */
gboolean
gw_item_set_field_text (GwItem                *self,
                        GwField                field,
                        const char            *value,
                        const GwParseContext  *ctx,
                        GError               **error)
{
  GwParseContext defaults;
  char **text;
  double *real;

  g_return_val_if_fail (GW_IS_ITEM (self), FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  if (ctx == NULL)
    {
      gw_parse_context_init (&defaults);
      ctx = &defaults;
    }

  if (!g_utf8_validate (value, -1, NULL))
    return invalid (error, field, "…", _("UTF-8 text"));

  if ((text = text_field (self, field)) != NULL)
    {
      g_autofree char *v = g_strstrip (g_strdup (value));

      if (field == GW_FIELD_KEY && !valid_key (v))
        return invalid (error, field, value, _("a non-empty key without “;”, tabs or line breaks"));
      if (field == GW_FIELD_TITLE)
        {
          g_free (*text);
          *text = g_steal_pointer (&v);
        }
      else
        {
          g_free (*text);
          *text = *v ? g_steal_pointer (&v) : NULL;
        }
      return TRUE;
    }

  if ((real = real_field (self, field)) != NULL)
    {
      double v;

      if (field == GW_FIELD_EFFORT_HOURS)
        {
          /* Also accepts an effort text ("2 days"); empty means 0. */
          if (!parse_real (value, &v))
            {
              GwEffort e;

              if (!gw_effort_parse (value, ctx->hours_per_day, &ctx->sizes, &e, NULL))
                return invalid (error, field, value, _("a number of hours of 0 or more"));
              v = e.hours;
            }
          if (isnan (v))
            v = 0;
          if (v < 0)
            return invalid (error, field, value, _("a number of hours of 0 or more"));
          self->f.effort_hours = v;
          /* A range that no longer holds the estimate is dropped. */
          if ((!isnan (self->f.effort_min) && v < self->f.effort_min) ||
              (!isnan (self->f.effort_max) && v > self->f.effort_max))
            {
              self->f.effort_min = NAN;
              self->f.effort_max = NAN;
            }
          return TRUE;
        }
      if (!parse_real (value, &v))
        return invalid (error, field, value, _("a number"));
      if ((field == GW_FIELD_EFFORT_MIN || field == GW_FIELD_EFFORT_MAX) && !isnan (v) && v < 0)
        return invalid (error, field, value, _("a number of hours of 0 or more"));
      if ((field == GW_FIELD_IMPL_RISK_PCT || field == GW_FIELD_DATA_LOSS_RISK_PCT ||
           field == GW_FIELD_CURRENT_PCT || field == GW_FIELD_TARGET_PCT) &&
          !isnan (v) && (v < 0 || v > 100))
        return invalid (error, field, value, _("a percentage from 0 to 100"));
      *real = v;
      return TRUE;
    }

  if (gw_field_is_list (field))
    {
      GwLineKind kind = gw_field_line_kind (field);

      g_clear_pointer (&self->lines[kind], g_ptr_array_unref);
      self->lines[kind] = gw_lines_from_text (value, kind);
      return TRUE;
    }

  switch (field)
    {
    case GW_FIELD_PRIORITY:
      if (!gw_priority_from_string (value, &self->f.priority))
        return invalid (error, field, value, _("one of P0, P1, P2, P3"));
      return TRUE;
    case GW_FIELD_STATUS:
      if (!gw_status_from_string (value, &self->f.status))
        return invalid (error, field, value, _("one of todo, in-progress, blocked, done, deferred"));
      return TRUE;
    case GW_FIELD_RISK:
      if (!gw_risk_from_string (value, &self->f.risk))
        return invalid (error, field, value, _("one of low, medium, high"));
      return TRUE;
    case GW_FIELD_ACTION:
      if (!gw_action_from_string (value, &self->f.action))
        return invalid (error, field, value, _("one of IMMEDIATE, HIGH, MEDIUM, LOW"));
      return TRUE;
    case GW_FIELD_EFFORT_SIZE:
      if (!gw_size_from_string (value, &self->f.effort_size))
        return invalid (error, field, value, _("one of XS, S, M, L, XL, XXL"));
      return TRUE;
    case GW_FIELD_IMPACT:
      {
        g_autofree char *v = g_strstrip (g_strdup (value));
        int impact = *v ? gw_impact_from_level (v) : -1;

        if (*v && impact < 0)
          return invalid (error, field, value, _("a score from 0 to 100 or HIGH, MEDIUM, LOW"));
        self->f.impact = impact;
        return TRUE;
      }
    case GW_FIELD_NOT_BEFORE:
      {
        g_autofree char *v = g_strstrip (g_strdup (value));

        if (*v && !valid_date (v))
          return invalid (error, field, value, _("a date as YYYY-MM-DD"));
        g_free (self->f.not_before);
        self->f.not_before = *v ? g_steal_pointer (&v) : NULL;
        return TRUE;
      }
    case GW_FIELD_EFFORT:
      {
        GwEffort e;
        g_autoptr(GError) local_error = NULL;

        if (!gw_effort_parse (value, ctx->hours_per_day, &ctx->sizes, &e, &local_error))
          {
            g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_INVALID,
                         _("Field “%s”: %s"), gw_field_name (field), local_error->message);
            return FALSE;
          }
        gw_item_set_effort (self, &e);
        return TRUE;
      }
    case GW_FIELD_DEPENDS_ON:
      {
        g_auto(GStrv) parts = g_strsplit_set (value, ";,", -1);
        g_autoptr(GPtrArray) deps = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_dependency_free);

        for (guint i = 0; parts[i]; i++)
          {
            g_autofree char *key = NULL;
            double lag;

            if (*g_strstrip (parts[i]) == '\0')
              continue;
            if (!parse_dependency (parts[i], &key, &lag))
              return invalid (error, field, value, _("item keys separated by “;”"));
            g_ptr_array_add (deps, gw_dependency_new (key, lag));
          }
        g_ptr_array_set_size (self->depends_on, 0);
        g_ptr_array_extend_and_steal (self->depends_on, g_steal_pointer (&deps));
        return TRUE;
      }
    default:
      g_return_val_if_reached (FALSE);
    }
}
