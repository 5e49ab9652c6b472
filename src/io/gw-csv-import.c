/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Reads a register from CSV: Gapwise's own export, spreadsheets, and
 * Jira's "Export CSV (all fields)". The header row says which column
 * holds which field; names are matched loosely and through synonyms. */

#include "config.h"

#include <csv.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "gw-csv-import.h"
#include "gw-csv-writer.h"
#include "gw-text-repair.h"

/* libcsv's parser state inside a field (FIELD_BEGUN in libcsv.c): with
 * `quoted` set at the end of the data, a quoted cell was never closed. */
#define LIBCSV_FIELD_BEGUN 2

/* Data is handed to libcsv in chunks, so that an error stops the work soon. */
#define CHUNK_SIZE (256 * 1024)

typedef enum
{
  COLUMN_FIELD,       /* a GwField, read with gw_item_set_field_text() */
  COLUMN_EFFORT,      /* an effort text: hours, size and range */
  COLUMN_SECONDS,     /* Jira's Original Estimate, in seconds */
  COLUMN_DATE,        /* not_before, in one of several date forms */
  COLUMN_PRIORITY,
  COLUMN_STATUS,
  COLUMN_DEPENDS_ON,  /* keys this item depends on ("KEY;KEY+8h") */
  COLUMN_BLOCKS,      /* keys of items that depend on this one */
  COLUMN_ALIAS,       /* Jira's issue id, which links may use instead of the key */
} ColumnKind;

typedef struct
{
  const char *name;       /* normalised, see normalise_header() */
  ColumnKind  kind;
  GwField     field;      /* the field filled; columns of one field exclude each other */
  gboolean    last_wins;  /* of repeated columns, the last non-empty value counts */
} Synonym;

/* Header names, normalised. For one field, a name earlier in the table
 * wins over a later one when a file has both. */
static const Synonym synonyms[] = {
  { "key", COLUMN_FIELD, GW_FIELD_KEY },
  { "issue key", COLUMN_FIELD, GW_FIELD_KEY },
  { "id", COLUMN_FIELD, GW_FIELD_KEY },
  { "#", COLUMN_FIELD, GW_FIELD_KEY },
  { "item key", COLUMN_FIELD, GW_FIELD_KEY },
  { "gap id", COLUMN_FIELD, GW_FIELD_KEY },
  { "task id", COLUMN_FIELD, GW_FIELD_KEY },
  { "issue id", COLUMN_ALIAS, GW_N_FIELDS },
  { "title", COLUMN_FIELD, GW_FIELD_TITLE },
  { "summary", COLUMN_FIELD, GW_FIELD_TITLE },
  { "name", COLUMN_FIELD, GW_FIELD_TITLE },
  { "issue", COLUMN_FIELD, GW_FIELD_TITLE },
  { "task", COLUMN_FIELD, GW_FIELD_TITLE },
  { "gap", COLUMN_FIELD, GW_FIELD_TITLE },
  { "subject", COLUMN_FIELD, GW_FIELD_TITLE },
  { "category", COLUMN_FIELD, GW_FIELD_CATEGORY },
  { "component", COLUMN_FIELD, GW_FIELD_CATEGORY },
  { "components", COLUMN_FIELD, GW_FIELD_CATEGORY },
  { "area", COLUMN_FIELD, GW_FIELD_CATEGORY },
  { "priority", COLUMN_PRIORITY, GW_FIELD_PRIORITY },
  { "status", COLUMN_STATUS, GW_FIELD_STATUS },
  { "state", COLUMN_STATUS, GW_FIELD_STATUS },
  { "effort hours", COLUMN_FIELD, GW_FIELD_EFFORT_HOURS },
  { "hours", COLUMN_FIELD, GW_FIELD_EFFORT_HOURS },
  { "estimated hours", COLUMN_FIELD, GW_FIELD_EFFORT_HOURS },
  { "effort", COLUMN_EFFORT, GW_FIELD_EFFORT_HOURS },
  { "estimate", COLUMN_EFFORT, GW_FIELD_EFFORT_HOURS },
  { "estimated effort", COLUMN_EFFORT, GW_FIELD_EFFORT_HOURS },
  { "size", COLUMN_EFFORT, GW_FIELD_EFFORT_HOURS },
  { "original estimate", COLUMN_SECONDS, GW_FIELD_EFFORT_HOURS },
  { "timeoriginalestimate", COLUMN_SECONDS, GW_FIELD_EFFORT_HOURS },
  { "risk", COLUMN_FIELD, GW_FIELD_RISK },
  { "risk level", COLUMN_FIELD, GW_FIELD_RISK },
  { "impact", COLUMN_FIELD, GW_FIELD_IMPACT },
  { "impact score", COLUMN_FIELD, GW_FIELD_IMPACT },
  { "business impact", COLUMN_FIELD, GW_FIELD_IMPACT },
  { "owner", COLUMN_FIELD, GW_FIELD_OWNER },
  { "owner role", COLUMN_FIELD, GW_FIELD_OWNER },
  { "role", COLUMN_FIELD, GW_FIELD_OWNER },
  { "team", COLUMN_FIELD, GW_FIELD_OWNER },
  { "milestone", COLUMN_FIELD, GW_FIELD_MILESTONE },
  { "fix version", COLUMN_FIELD, GW_FIELD_MILESTONE },
  { "fix versions", COLUMN_FIELD, GW_FIELD_MILESTONE },
  { "release", COLUMN_FIELD, GW_FIELD_MILESTONE },
  { "sprint", COLUMN_FIELD, GW_FIELD_MILESTONE, TRUE },
  /* Links: every such column adds to the same list. */
  { "depends on", COLUMN_DEPENDS_ON, GW_FIELD_DEPENDS_ON },
  { "dependencies", COLUMN_DEPENDS_ON, GW_FIELD_DEPENDS_ON },
  { "dependency", COLUMN_DEPENDS_ON, GW_FIELD_DEPENDS_ON },
  { "blocked by", COLUMN_DEPENDS_ON, GW_FIELD_DEPENDS_ON },
  { "predecessors", COLUMN_DEPENDS_ON, GW_FIELD_DEPENDS_ON },
  { "inward issue link (blocks)", COLUMN_DEPENDS_ON, GW_FIELD_DEPENDS_ON },
  { "blocks", COLUMN_BLOCKS, GW_FIELD_DEPENDS_ON },
  { "outward issue link (blocks)", COLUMN_BLOCKS, GW_FIELD_DEPENDS_ON },
  { "description", COLUMN_FIELD, GW_FIELD_DESCRIPTION },
  { "details", COLUMN_FIELD, GW_FIELD_DESCRIPTION },
  { "module", COLUMN_FIELD, GW_FIELD_MODULE },
  { "effort size", COLUMN_FIELD, GW_FIELD_EFFORT_SIZE },
  { "t shirt size", COLUMN_FIELD, GW_FIELD_EFFORT_SIZE },
  { "effort min", COLUMN_FIELD, GW_FIELD_EFFORT_MIN },
  { "effort max", COLUMN_FIELD, GW_FIELD_EFFORT_MAX },
  { "impl risk pct", COLUMN_FIELD, GW_FIELD_IMPL_RISK_PCT },
  { "implementation risk", COLUMN_FIELD, GW_FIELD_IMPL_RISK_PCT },
  { "implementation risk pct", COLUMN_FIELD, GW_FIELD_IMPL_RISK_PCT },
  { "data loss risk pct", COLUMN_FIELD, GW_FIELD_DATA_LOSS_RISK_PCT },
  { "data loss risk", COLUMN_FIELD, GW_FIELD_DATA_LOSS_RISK_PCT },
  { "roi pct", COLUMN_FIELD, GW_FIELD_ROI_PCT },
  { "roi", COLUMN_FIELD, GW_FIELD_ROI_PCT },
  { "revenue impact", COLUMN_FIELD, GW_FIELD_REVENUE_IMPACT },
  { "assignee", COLUMN_FIELD, GW_FIELD_ASSIGNEE },
  { "assigned to", COLUMN_FIELD, GW_FIELD_ASSIGNEE },
  { "phase", COLUMN_FIELD, GW_FIELD_PHASE },
  { "action", COLUMN_FIELD, GW_FIELD_ACTION },
  { "recommended action", COLUMN_FIELD, GW_FIELD_ACTION },
  { "recommendation", COLUMN_FIELD, GW_FIELD_ACTION },
  { "current pct", COLUMN_FIELD, GW_FIELD_CURRENT_PCT },
  { "target pct", COLUMN_FIELD, GW_FIELD_TARGET_PCT },
  { "not before", COLUMN_DATE, GW_FIELD_NOT_BEFORE },
  { "start date", COLUMN_DATE, GW_FIELD_NOT_BEFORE },
  { "start", COLUMN_DATE, GW_FIELD_NOT_BEFORE },
  { "earliest start", COLUMN_DATE, GW_FIELD_NOT_BEFORE },
  { "breakdown", COLUMN_FIELD, GW_FIELD_BREAKDOWN },
  { "effort breakdown", COLUMN_FIELD, GW_FIELD_BREAKDOWN },
  { "evidence", COLUMN_FIELD, GW_FIELD_EVIDENCE },
  { "impact if not fixed", COLUMN_FIELD, GW_FIELD_IMPACT_IF_NOT_FIXED },
  { "mitigation", COLUMN_FIELD, GW_FIELD_MITIGATION },
  { "acceptance criteria", COLUMN_FIELD, GW_FIELD_ACCEPTANCE_CRITERIA },
  { "success criteria", COLUMN_FIELD, GW_FIELD_ACCEPTANCE_CRITERIA },
  { "definition of done", COLUMN_FIELD, GW_FIELD_ACCEPTANCE_CRITERIA },
  { "remediation", COLUMN_FIELD, GW_FIELD_REMEDIATION },
};

/* Jira's priority schemes ("Highest" ... "Lowest", "Blocker" ... "Trivial");
 * other names go through gw_priority_from_string(). */
static const struct { const char *name; GwPriority priority; } jira_priorities[] = {
  { "highest", GW_PRIORITY_P0 }, { "blocker", GW_PRIORITY_P0 }, { "urgent", GW_PRIORITY_P0 },
  { "major", GW_PRIORITY_P2 }, { "normal", GW_PRIORITY_P2 },
  { "minor", GW_PRIORITY_P3 }, { "lowest", GW_PRIORITY_P3 }, { "trivial", GW_PRIORITY_P3 },
};

/* Jira's usual workflow statuses; others go through gw_status_from_string(). */
static const struct { const char *name; GwStatus status; } jira_statuses[] = {
  { "selected for development", GW_STATUS_TODO }, { "ready", GW_STATUS_TODO },
  { "reopened", GW_STATUS_TODO },
  { "in development", GW_STATUS_IN_PROGRESS }, { "in test", GW_STATUS_IN_PROGRESS },
  { "in qa", GW_STATUS_IN_PROGRESS }, { "testing", GW_STATUS_IN_PROGRESS },
  { "review", GW_STATUS_IN_PROGRESS }, { "code review", GW_STATUS_IN_PROGRESS },
  { "on hold", GW_STATUS_BLOCKED }, { "waiting", GW_STATUS_BLOCKED }, { "impeded", GW_STATUS_BLOCKED },
  { "cancelled", GW_STATUS_DEFERRED }, { "canceled", GW_STATUS_DEFERRED },
  { "won't fix", GW_STATUS_DEFERRED }, { "rejected", GW_STATUS_DEFERRED },
  { "declined", GW_STATUS_DEFERRED }, { "duplicate", GW_STATUS_DEFERRED },
};

static const char *const month_names[] = {
  "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
};

/* Which columns fill one field (or one kind of link). */
typedef struct
{
  ColumnKind  kind;
  GwField     field;
  gboolean    last_wins;
  guint       rank;      /* index in synonyms[] */
  GArray     *columns;   /* guint */
} Target;

typedef struct
{
  GwImportData *data;
  char         *display;      /* the file's base name, for errors */

  /* where libcsv is */
  int           line;         /* the line the next character is on */
  int           row_line;     /* the line the current row started on */
  gboolean      pending_cr;
  gboolean      in_row;
  GString      *row_text;     /* the current row's cells, each ended by a NUL */
  GArray       *row_cells;    /* gsize: where each cell starts in row_text */

  /* what the header said */
  gboolean      have_header;
  guint         n_columns;
  int           key_column;
  GPtrArray    *targets;      /* Target, in the order they are applied */
  guint64       fields;       /* the fields every row gives */
  gboolean      warned_long_row;

  GwItem       *scratch;      /* for parsing dependency lists */
  GHashTable   *aliases;      /* issue id -> key */
  GPtrArray    *blocks;       /* pairs of char *: key, key it blocks; line in blocks_lines */
  GArray       *blocks_lines;

  GError       *error;        /* the first error; the rest of the file is skipped */
} Parser;

/* Helpers */

static void
target_free (Target *target)
{
  g_array_unref (target->columns);
  g_free (target);
}

static void
set_error (Parser     *p,
           int         line,
           int         code,
           const char *format,
           ...) G_GNUC_PRINTF (4, 5);

static void
set_error (Parser     *p,
           int         line,
           int         code,
           const char *format,
           ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (p->error != NULL)
    return;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  if (line > 0)
    p->error = g_error_new (GW_IMPORT_ERROR, code, "%s:%d: %s", p->display, line, message);
  else
    p->error = g_error_new (GW_IMPORT_ERROR, code, "%s: %s", p->display, message);
}

/* "Fix Version/s" -> "fix version", "Custom field (Start date)" -> "start date",
 * "effort_hours" -> "effort hours", "ROI %" -> "roi pct". */
static char *
normalise_header (const char *text)
{
  g_autofree char *down = g_utf8_strdown (text, -1);
  GString *s = g_string_new (NULL);
  char *inner = g_strstrip (down);
  gsize len;

  if (g_str_has_prefix (inner, "custom field (") && g_str_has_suffix (inner, ")"))
    {
      inner += strlen ("custom field (");
      inner[strlen (inner) - 1] = '\0';
    }
  len = strlen (inner);
  if (len > 2 && g_str_has_suffix (inner, "/s"))
    inner[len - 2] = '\0';

  for (const char *c = inner; *c; c++)
    {
      char ch = *c;

      if (ch == '%')
        {
          if (s->len > 0 && s->str[s->len - 1] != ' ')
            g_string_append_c (s, ' ');
          g_string_append (s, "pct");
          continue;
        }
      if (ch == '_' || ch == '-' || ch == '.' || ch == '\t' || ch == '\n' || ch == '\r')
        ch = ' ';
      if (ch == ' ' && (s->len == 0 || s->str[s->len - 1] == ' '))
        continue;
      g_string_append_c (s, ch);
    }
  while (s->len > 0 && s->str[s->len - 1] == ' ')
    g_string_truncate (s, s->len - 1);
  return g_string_free (s, FALSE);
}

static const Synonym *
find_synonym (const char *normalised,
              guint      *rank)
{
  for (guint i = 0; i < G_N_ELEMENTS (synonyms); i++)
    if (g_str_equal (synonyms[i].name, normalised))
      {
        *rank = i;
        return &synonyms[i];
      }
  return NULL;
}

/* Strips the apostrophe an export put in front of a would-be formula
 * (the rule of gw_csv_unneutralise(), without a copy). */
static const char *
cell_value (const char *cell)
{
  if (gw_csv_is_neutralised (cell))
    return cell + 1;
  return cell;
}

static gboolean
is_blank (const char *text)
{
  for (; *text; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

static const char *
row_cell (Parser *p,
          guint   column)
{
  if (column >= p->row_cells->len)
    return "";
  return p->row_text->str + g_array_index (p->row_cells, gsize, column);
}

/* The delimiter is the most frequent of , ; tab | outside quotes in the
 * first line that is not blank. */
static char
sniff_delimiter (const char *text,
                 gsize       length)
{
  static const char candidates[] = { ',', ';', '\t', '|' };
  guint counts[G_N_ELEMENTS (candidates)] = { 0 };
  gboolean quoted = FALSE;
  gboolean seen_text = FALSE;
  guint best = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];

      if (c == '"')
        quoted = !quoted;
      else if (!quoted && (c == '\n' || c == '\r'))
        {
          if (seen_text)
            break;
          continue;
        }
      if (!quoted)
        for (guint k = 0; k < G_N_ELEMENTS (candidates); k++)
          if (c == candidates[k])
            counts[k]++;
      if (!g_ascii_isspace (c))
        seen_text = TRUE;
    }
  for (guint k = 1; k < G_N_ELEMENTS (candidates); k++)
    if (counts[k] > counts[best])
      best = k;
  return candidates[best];
}

/* Dates: 2026-11-21, 2026/11/21, 21/Nov/26 9:14 AM (Jira), 21-Nov-2026,
 * 21 Nov 2026, 21.11.2026; any time after the date is dropped. */
static char *
parse_date (const char *text)
{
  g_autofree char *s = g_strstrip (g_strdup (text));
  int y = 0, m = 0, d = 0;
  char sep1, sep2;
  char month[4] = { 0 };
  int n = 0, digits;

  if (sscanf (s, "%4d%c%2d%c%2d%n", &y, &sep1, &m, &sep2, &d, &n) == 5 &&
      sep1 == sep2 && (sep1 == '-' || sep1 == '/') && n >= 8 &&
      (s[n] == '\0' || s[n] == 'T' || s[n] == ' '))
    ;
  else if (sscanf (s, "%2d%c%3[A-Za-z]%c%4d%n", &d, &sep1, month, &sep2, &y, &n) == 5 &&
           sep1 == sep2 && (sep1 == '/' || sep1 == '-' || sep1 == ' ') &&
           (s[n] == '\0' || s[n] == ' '))
    {
      m = 0;
      for (guint i = 0; i < G_N_ELEMENTS (month_names); i++)
        if (g_ascii_strcasecmp (month, month_names[i]) == 0)
          m = (int) i + 1;
      /* Two-digit years are this century's. */
      for (digits = 0; digits < n && g_ascii_isdigit (s[n - 1 - digits]); digits++)
        ;
      if (digits <= 2)
        y += 2000;
    }
  else if (sscanf (s, "%2d.%2d.%4d%n", &d, &m, &y, &n) == 3 && (s[n] == '\0' || s[n] == ' '))
    ;
  else
    return NULL;

  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || !g_date_valid_dmy (d, m, y))
    return NULL;
  return g_strdup_printf ("%04d-%02d-%02d", y, m, d);
}

static void
warn_value (Parser     *p,
            GError     *error)
{
  /* Translators: the first %s is a sentence on a bad value. */
  gw_import_data_warn (p->data, p->row_line, _("%s The value was left out."), error->message);
}

/* Header */

static gboolean
adds_up (ColumnKind kind)
{
  return kind == COLUMN_DEPENDS_ON || kind == COLUMN_BLOCKS || kind == COLUMN_ALIAS;
}

/* Fields are applied in their order, so that an effort's hours come
 * before its size and range. */
static int
compare_targets (gconstpointer a,
                 gconstpointer b)
{
  const Target *ta = *(const Target **) a;
  const Target *tb = *(const Target **) b;

  if (ta->field != tb->field)
    return ta->field < tb->field ? -1 : 1;
  return ta->kind < tb->kind ? -1 : ta->kind > tb->kind;
}

static void
read_header (Parser *p)
{
  g_autoptr(GString) unknown = g_string_new (NULL);
  g_autoptr(GHashTable) by_field = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GHashTable) unknown_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n_unknown = 0;
  int assignee_column = -1;

  p->have_header = TRUE;
  p->n_columns = p->row_cells->len;
  p->key_column = -1;

  for (guint c = 0; c < p->n_columns; c++)
    {
      const char *raw = cell_value (row_cell (p, c));
      g_autofree char *name = normalise_header (raw);
      const Synonym *syn;
      guint rank = 0;
      Target *target;
      gpointer slot;

      if (*name == '\0')
        continue;
      syn = find_synonym (name, &rank);
      if (syn == NULL)
        {
          GwField field;
          g_autofree char *underscored = g_strdelimit (g_strdup (name), " ", '_');

          /* A field name the table does not spell out ("effort_min"). */
          if (gw_field_from_name (underscored, &field) && field != GW_FIELD_EFFORT)
            {
              for (guint i = 0; i < G_N_ELEMENTS (synonyms) && syn == NULL; i++)
                if (synonyms[i].kind == COLUMN_FIELD && synonyms[i].field == field)
                  {
                    syn = &synonyms[i];
                    rank = i;
                  }
            }
        }
      if (syn == NULL)
        {
          g_autofree char *quoted = NULL;

          /* Jira repeats the columns of multi-valued fields: name each once. */
          if (!g_hash_table_add (unknown_names, g_steal_pointer (&name)))
            continue;
          quoted = g_strdup_printf (_("“%s”"), raw);
          if (n_unknown++ > 0)
            g_string_append (unknown, _(", "));
          g_string_append (unknown, quoted);
          continue;
        }

      if (syn->kind == COLUMN_FIELD && syn->field == GW_FIELD_KEY)
        {
          if (p->key_column < 0)
            p->key_column = (int) c;
          else
            gw_import_data_warn (p->data, p->row_line,
                                 _("The column “%s” was ignored: column %d gives the key already."),
                                 raw, p->key_column + 1);
          continue;
        }
      if (syn->kind == COLUMN_FIELD && syn->field == GW_FIELD_ASSIGNEE && assignee_column < 0)
        assignee_column = (int) c;

      /* Link columns add up; other columns of one field compete by rank,
       * and repeated columns of one name are a multi-valued field. */
      slot = GINT_TO_POINTER (adds_up (syn->kind) ? 1000 + (int) syn->kind : (int) syn->field + 1);
      target = g_hash_table_lookup (by_field, slot);
      if (target != NULL && target->rank != rank && !adds_up (syn->kind))
        {
          if (rank > target->rank)
            {
              if (g_hash_table_add (unknown_names, g_steal_pointer (&name)))
                gw_import_data_warn (p->data, p->row_line,
                                     _("The column “%s” was ignored: another column gives the field “%s”."),
                                     raw, gw_field_name (syn->field));
              continue;
            }
          /* This name ranks higher: it replaces the columns seen so far. */
          for (guint i = 0; i < target->columns->len; i++)
            {
              const char *lost = cell_value (row_cell (p, g_array_index (target->columns, guint, i)));

              if (g_hash_table_add (unknown_names, normalise_header (lost)))
                gw_import_data_warn (p->data, p->row_line,
                                     _("The column “%s” was ignored: another column gives the field “%s”."),
                                     lost, gw_field_name (syn->field));
            }
          g_array_set_size (target->columns, 0);
          target->kind = syn->kind;
          target->rank = rank;
          target->last_wins = syn->last_wins;
        }
      if (target == NULL)
        {
          target = g_new0 (Target, 1);
          target->kind = syn->kind;
          target->field = syn->field;
          target->rank = rank;
          target->last_wins = syn->last_wins;
          target->columns = g_array_new (FALSE, FALSE, sizeof (guint));
          g_ptr_array_add (p->targets, target);
          g_hash_table_insert (by_field, slot, target);
        }
      g_array_append_val (target->columns, c);
    }

  if (n_unknown > 0)
    gw_import_data_warn (p->data, p->row_line,
                         g_dngettext (GETTEXT_PACKAGE,
                                      "%u column is not a register field and was ignored: %s.",
                                      "%u columns are not register fields and were ignored: %s.",
                                      n_unknown),
                         n_unknown, unknown->str);

  if (p->key_column < 0)
    {
      set_error (p, p->row_line, GW_IMPORT_ERROR_NO_ITEMS,
                 _("there is no key column: name one “key”, “id” or “issue key”."));
      return;
    }

  /* A file with assignees but no owner roles (Jira) plans by person. */
  if (assignee_column >= 0 && g_hash_table_lookup (by_field, GINT_TO_POINTER (GW_FIELD_OWNER + 1)) == NULL)
    {
      Target *target = g_new0 (Target, 1);
      guint column = (guint) assignee_column;

      target->kind = COLUMN_FIELD;
      target->field = GW_FIELD_OWNER;
      target->columns = g_array_new (FALSE, FALSE, sizeof (guint));
      g_array_append_val (target->columns, column);
      g_ptr_array_add (p->targets, target);
    }

  g_ptr_array_sort (p->targets, compare_targets);
  p->fields = GW_IMPORT_FIELD (GW_FIELD_KEY);
  for (guint i = 0; i < p->targets->len; i++)
    {
      Target *target = g_ptr_array_index (p->targets, i);

      switch (target->kind)
        {
        case COLUMN_EFFORT:
          p->fields |= GW_IMPORT_FIELD (GW_FIELD_EFFORT_HOURS) | GW_IMPORT_FIELD (GW_FIELD_EFFORT_SIZE) |
                       GW_IMPORT_FIELD (GW_FIELD_EFFORT_MIN) | GW_IMPORT_FIELD (GW_FIELD_EFFORT_MAX);
          break;
        case COLUMN_ALIAS:
          break;
        default:
          p->fields |= GW_IMPORT_FIELD (target->field);
          break;
        }
    }
}

/* Rows */

/* The first (or last) non-blank cell of the target's columns, or "". */
static const char *
target_value (Parser *p,
              Target *target)
{
  guint n = target->columns->len;

  for (guint i = 0; i < n; i++)
    {
      guint column = g_array_index (target->columns, guint, target->last_wins ? n - 1 - i : i);
      const char *cell = row_cell (p, column);

      if (!is_blank (cell))
        return cell_value (cell);
    }
  return "";
}

static gboolean
apply_field (Parser     *p,
             GwItem     *item,
             GwField     field,
             const char *value)
{
  g_autoptr(GError) error = NULL;

  if (gw_item_set_field_text (item, field, value, NULL, &error))
    return TRUE;
  warn_value (p, error);
  return FALSE;
}

static gboolean
apply_choice (Parser     *p,
              GwItem     *item,
              Target     *target,
              const char *value)
{
  g_autofree char *lower = g_utf8_strdown (value, -1);
  const char *name = g_strstrip (lower);

  if (target->kind == COLUMN_PRIORITY)
    {
      for (guint i = 0; i < G_N_ELEMENTS (jira_priorities); i++)
        if (g_str_equal (name, jira_priorities[i].name))
          {
            gw_item_set_priority (item, jira_priorities[i].priority);
            return TRUE;
          }
    }
  else
    {
      for (guint i = 0; i < G_N_ELEMENTS (jira_statuses); i++)
        if (g_str_equal (name, jira_statuses[i].name))
          {
            gw_item_set_status (item, jira_statuses[i].status);
            return TRUE;
          }
    }
  return apply_field (p, item, target->field, value);
}

static void
add_dependencies (Parser     *p,
                  GwItem     *item,
                  const char *value)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *deps;

  if (!gw_item_set_field_text (p->scratch, GW_FIELD_DEPENDS_ON, value, NULL, &error))
    {
      warn_value (p, error);
      return;
    }
  deps = gw_item_get_depends_on (p->scratch);
  for (guint i = 0; i < deps->len; i++)
    {
      GwDependency *dep = g_ptr_array_index (deps, i);

      gw_item_add_dependency (item, dep->key, dep->lag_hours);
    }
}

/* Applies one target to the item; returns the fields it failed to give. */
static guint64
apply_target (Parser *p,
              GwItem *item,
              Target *target)
{
  const char *value;

  switch (target->kind)
    {
    case COLUMN_DEPENDS_ON:
    case COLUMN_BLOCKS:
      for (guint i = 0; i < target->columns->len; i++)
        {
          const char *cell = row_cell (p, g_array_index (target->columns, guint, i));

          if (is_blank (cell))
            continue;
          if (target->kind == COLUMN_DEPENDS_ON)
            add_dependencies (p, item, cell_value (cell));
          else
            {
              g_auto(GStrv) keys = g_strsplit_set (cell_value (cell), ";,", -1);

              for (guint k = 0; keys[k]; k++)
                if (*g_strstrip (keys[k]) != '\0')
                  {
                    g_ptr_array_add (p->blocks, g_strdup (gw_item_get_key (item)));
                    g_ptr_array_add (p->blocks, g_strdup (keys[k]));
                    g_array_append_val (p->blocks_lines, p->row_line);
                  }
            }
        }
      return 0;

    case COLUMN_ALIAS:
      value = target_value (p, target);
      if (*value != '\0')
        g_hash_table_insert (p->aliases, g_strstrip (g_strdup (value)), g_strdup (gw_item_get_key (item)));
      return 0;

    case COLUMN_FIELD:
      if (gw_field_is_list (target->field) && target->columns->len > 1)
        {
          g_autoptr(GString) joined = g_string_new (NULL);

          /* Repeated list columns: one entry each. */
          for (guint i = 0; i < target->columns->len; i++)
            {
              const char *cell = row_cell (p, g_array_index (target->columns, guint, i));

              if (is_blank (cell))
                continue;
              if (joined->len > 0)
                g_string_append_c (joined, '\n');
              g_string_append (joined, cell_value (cell));
            }
          value = joined->str;
          return apply_field (p, item, target->field, value) ? 0 : GW_IMPORT_FIELD (target->field);
        }
      value = target_value (p, target);
      return apply_field (p, item, target->field, value) ? 0 : GW_IMPORT_FIELD (target->field);

    case COLUMN_PRIORITY:
    case COLUMN_STATUS:
      value = target_value (p, target);
      /* Priority and status cannot be empty: an empty cell keeps them. */
      if (*value == '\0')
        return GW_IMPORT_FIELD (target->field);
      return apply_choice (p, item, target, value) ? 0 : GW_IMPORT_FIELD (target->field);

    case COLUMN_EFFORT:
      {
        guint64 all = GW_IMPORT_FIELD (GW_FIELD_EFFORT_HOURS) | GW_IMPORT_FIELD (GW_FIELD_EFFORT_SIZE) |
                      GW_IMPORT_FIELD (GW_FIELD_EFFORT_MIN) | GW_IMPORT_FIELD (GW_FIELD_EFFORT_MAX);
        GwEffort effort;

        value = target_value (p, target);
        if (*value == '\0')
          {
            gw_effort_init (&effort);
            gw_item_set_effort (item, &effort);
            return 0;
          }
        return apply_field (p, item, GW_FIELD_EFFORT, value) ? 0 : all;
      }

    case COLUMN_SECONDS:
      {
        g_autofree char *s = NULL;
        char *end = NULL;
        double seconds;

        value = target_value (p, target);
        s = g_strstrip (g_strdup (value));
        seconds = g_ascii_strtod (s, &end);
        if (*s != '\0' && *end == '\0' && isfinite (seconds) && seconds >= 0)
          {
            /* Rounded to the precision an export writes, so that the hours
             * read back the same. */
            g_autofree char *hours = g_strdup_printf ("%.6f", round (seconds / 3600.0 * 1e6) / 1e6);

            return apply_field (p, item, GW_FIELD_EFFORT_HOURS, hours) ? 0 : GW_IMPORT_FIELD (GW_FIELD_EFFORT_HOURS);
          }
        /* Not seconds: an effort text ("2 days") or empty. */
        return apply_field (p, item, GW_FIELD_EFFORT_HOURS, s) ? 0 : GW_IMPORT_FIELD (GW_FIELD_EFFORT_HOURS);
      }

    case COLUMN_DATE:
      {
        g_autofree char *iso = NULL;

        value = target_value (p, target);
        if (is_blank (value))
          return apply_field (p, item, GW_FIELD_NOT_BEFORE, "") ? 0 : GW_IMPORT_FIELD (GW_FIELD_NOT_BEFORE);
        iso = parse_date (value);
        if (iso == NULL)
          {
            gw_import_data_warn (p->data, p->row_line,
                                 _("Field “%s”: “%s” is not a date such as 2026-11-21. The value was left out."),
                                 gw_field_name (GW_FIELD_NOT_BEFORE), value);
            return GW_IMPORT_FIELD (GW_FIELD_NOT_BEFORE);
          }
        return apply_field (p, item, GW_FIELD_NOT_BEFORE, iso) ? 0 : GW_IMPORT_FIELD (GW_FIELD_NOT_BEFORE);
      }

    default:
      g_assert_not_reached ();
    }
}

static void
read_row (Parser *p)
{
  g_autoptr(GwItem) item = NULL;
  g_autoptr(GError) error = NULL;
  const char *key;
  GwItem *other;
  guint64 failed = 0;
  gboolean blank = TRUE;

  for (guint c = 0; c < p->row_cells->len && blank; c++)
    blank = is_blank (row_cell (p, c));
  if (blank)
    return;

  if (p->row_cells->len > p->n_columns && !p->warned_long_row)
    {
      p->warned_long_row = TRUE;
      gw_import_data_warn (p->data, p->row_line,
                           _("The row has %u cells but the header names %u columns; the extra cells were ignored."),
                           p->row_cells->len, p->n_columns);
    }

  key = cell_value (row_cell (p, (guint) p->key_column));
  if (is_blank (key))
    {
      set_error (p, p->row_line, GW_IMPORT_ERROR_BAD_ROW, _("the row has no key."));
      return;
    }

  item = gw_item_new (NULL, NULL);
  if (!gw_item_set_field_text (item, GW_FIELD_KEY, key, NULL, &error))
    {
      set_error (p, p->row_line, GW_IMPORT_ERROR_BAD_ROW, "%s", error->message);
      return;
    }
  other = gw_import_data_find_item (p->data, gw_item_get_key (item));
  if (other != NULL)
    {
      int other_line = 0;

      for (guint i = p->data->items->len; i > 0; i--)
        if (g_ptr_array_index (p->data->items, i - 1) == other)
          {
            other_line = g_array_index (p->data->item_lines, int, i - 1);
            break;
          }
      set_error (p, p->row_line, GW_IMPORT_ERROR_BAD_ROW,
                 _("the key “%s” is already used on line %d."), gw_item_get_key (item), other_line);
      return;
    }

  for (guint i = 0; i < p->targets->len; i++)
    failed |= apply_target (p, item, g_ptr_array_index (p->targets, i));

  gw_import_data_add_item (p->data, item, p->row_line);
  g_array_index (p->data->item_fields, guint64, p->data->items->len - 1) = p->fields & ~failed;
}

/* libcsv callbacks */

static void
count_lines (Parser     *p,
             const char *text,
             gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= len || text[i + 1] != '\n')))
      p->line++;
}

static void
on_field_cb (void   *field,
             size_t  len,
             void   *user_data)
{
  Parser *p = user_data;
  gsize start = p->row_text->len;

  if (p->error != NULL)
    return;
  if (!p->in_row)
    {
      p->in_row = TRUE;
      p->row_line = p->line;
      g_string_truncate (p->row_text, 0);
      g_array_set_size (p->row_cells, 0);
      start = 0;
    }
  p->pending_cr = FALSE;
  g_array_append_val (p->row_cells, start);
  if (field != NULL)
    {
      g_string_append_len (p->row_text, field, (gssize) len);
      count_lines (p, field, len);
    }
  g_string_append_c (p->row_text, '\0');
}

static void
on_row_cb (int   c,
           void *user_data)
{
  Parser *p = user_data;

  if (p->error != NULL)
    return;
  if (p->in_row)
    {
      p->in_row = FALSE;
      if (!p->have_header)
        {
          gboolean blank = TRUE;

          for (guint i = 0; i < p->row_cells->len && blank; i++)
            blank = is_blank (row_cell (p, i));
          if (!blank)
            read_header (p);
        }
      else
        read_row (p);
    }
  if (c == '\r')
    {
      p->line++;
      p->pending_cr = TRUE;
    }
  else if (c == '\n')
    {
      if (!p->pending_cr)
        p->line++;
      p->pending_cr = FALSE;
    }
}

static int
is_space_cb (unsigned char c)
{
  return c == ' ';
}

/* Links given from the other side ("Outward issue link (Blocks)") and by
 * issue id instead of key are resolved once every row is read. */
static void
resolve_links (Parser *p)
{
  for (guint i = 0; i < p->data->items->len && g_hash_table_size (p->aliases) > 0; i++)
    {
      GwItem *item = g_ptr_array_index (p->data->items, i);
      GPtrArray *deps = gw_item_get_depends_on (item);
      g_autoptr(GPtrArray) resolved = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_dependency_free);

      for (guint d = 0; d < deps->len; d++)
        {
          GwDependency *dep = g_ptr_array_index (deps, d);
          const char *key = g_hash_table_lookup (p->aliases, dep->key);

          if (key == NULL || gw_import_data_find_item (p->data, dep->key) != NULL)
            key = dep->key;
          g_ptr_array_add (resolved, gw_dependency_new (key, dep->lag_hours));
        }
      gw_item_clear_dependencies (item);
      for (guint d = 0; d < resolved->len; d++)
        {
          GwDependency *dep = g_ptr_array_index (resolved, d);

          gw_item_add_dependency (item, dep->key, dep->lag_hours);
        }
    }

  for (guint i = 0; i + 1 < p->blocks->len; i += 2)
    {
      const char *blocker = g_ptr_array_index (p->blocks, i);
      const char *blocked = g_ptr_array_index (p->blocks, i + 1);
      int line = g_array_index (p->blocks_lines, int, i / 2);
      GwItem *item = gw_import_data_find_item (p->data, blocked);
      gboolean known = FALSE;

      if (item == NULL && g_hash_table_lookup (p->aliases, blocked) != NULL)
        item = gw_import_data_find_item (p->data, g_hash_table_lookup (p->aliases, blocked));
      if (item == NULL)
        {
          gw_import_data_warn (p->data, line,
                               _("“%s” blocks “%s”, which is not in the file; the link was left out."),
                               blocker, blocked);
          continue;
        }
      for (guint d = 0; d < gw_item_get_depends_on (item)->len && !known; d++)
        known = g_str_equal (((GwDependency *) g_ptr_array_index (gw_item_get_depends_on (item), d))->key, blocker);
      if (!known)
        gw_item_add_dependency (item, blocker, 0);
    }
}

/* Public API */

/**
 * gw_csv_import:
 * @source: the file's name, for messages
 * @data: the file's bytes
 *
 * Reads a register from CSV. The first row that is not blank is the
 * header; it names the fields (as gw_field_name() does, or through
 * synonyms such as “Summary”, “Issue key”, “Original Estimate”, “Fix
 * Version/s”); columns of unknown names are ignored with one warning.
 * The delimiter (comma, semicolon, tab or bar) is taken from the header
 * line; the text is decoded by gw_text_decode(): UTF-8 (with or without a
 * byte-order mark), UTF-16 with a byte-order mark, or else Windows-1252
 * with a warning.
 *
 * Each row is an item. The fields of the header's columns are given for
 * every item, an empty cell clearing the field (but an empty priority or
 * status, which cannot be empty, is not given); a value that is not valid
 * is left out with a warning. See #GwImportData.item_fields.
 *
 * Returns: (transfer full): what the file holds, or %NULL with @error set
 *   (%GW_IMPORT_ERROR) naming the file, the line and the problem
 */
GwImportData *
gw_csv_import (const char  *source,
               const char  *data,
               gsize        length,
               GError     **error)
{
  g_autoptr(GwImportData) result = NULL;
  g_autofree char *converted = NULL;
  struct csv_parser csv;
  Parser p = { 0 };
  GwTextEncoding encoding = GW_TEXT_ENCODING_UTF8;
  const char *text;
  gsize text_length = 0;
  char delimiter;

  g_return_val_if_fail (source != NULL, NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  result = gw_import_data_new (source);
  p.data = result;
  p.display = g_filename_display_basename (source);
  p.line = 1;
  p.row_text = g_string_sized_new (1024);
  p.row_cells = g_array_new (FALSE, FALSE, sizeof (gsize));
  p.targets = g_ptr_array_new_with_free_func ((GDestroyNotify) target_free);
  p.scratch = gw_item_new (NULL, NULL);
  p.aliases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  p.blocks = g_ptr_array_new_with_free_func (g_free);
  p.blocks_lines = g_array_new (FALSE, FALSE, sizeof (int));

  converted = gw_text_decode (source, data ? data : "", length, &text_length, &encoding, &p.error);
  text = converted;
  if (encoding == GW_TEXT_ENCODING_WINDOWS_1252)
    gw_import_data_warn (result, 0, _("The file is not valid UTF-8; it was read as Windows-1252 (Western European)."));

  if (text != NULL)
    {
      /* Excel's "sep=;" line names the delimiter. */
      if (text_length >= 5 && g_ascii_strncasecmp (text, "sep=", 4) == 0 &&
          (text_length == 5 || text[5] == '\n' || text[5] == '\r'))
        {
          delimiter = text[4];
          text += 5;
          text_length -= 5;
          if (text_length > 0 && text[0] == '\r')
            text++, text_length--;
          if (text_length > 0 && text[0] == '\n')
            text++, text_length--;
          p.line = 2;
        }
      else
        delimiter = sniff_delimiter (text, text_length);

      csv_init (&csv, CSV_REPALL_NL | CSV_APPEND_NULL | CSV_EMPTY_IS_NULL);
      csv_set_delim (&csv, (unsigned char) delimiter);
      csv_set_space_func (&csv, is_space_cb);

      for (gsize done = 0; done < text_length && p.error == NULL; done += CHUNK_SIZE)
        {
          gsize n = MIN (CHUNK_SIZE, text_length - done);

          if (csv_parse (&csv, text + done, n, on_field_cb, on_row_cb, &p) != n)
            set_error (&p, p.line, GW_IMPORT_ERROR_UNREADABLE, _("the file cannot be read as CSV: %s."),
                       csv_strerror (csv_error (&csv)));
        }
      if (p.error == NULL && csv.quoted && csv.pstate == LIBCSV_FIELD_BEGUN)
        set_error (&p, p.in_row ? p.row_line : p.line, GW_IMPORT_ERROR_BAD_ROW,
                   _("a quoted cell of this row has no closing quote."));
      if (p.error == NULL)
        csv_fini (&csv, on_field_cb, on_row_cb, &p);
      csv_free (&csv);
    }

  if (p.error == NULL && !p.have_header)
    set_error (&p, 0, GW_IMPORT_ERROR_NO_ITEMS, _("the file is empty."));
  else if (p.error == NULL && result->items->len == 0)
    set_error (&p, 0, GW_IMPORT_ERROR_NO_ITEMS, _("the file has a header but no rows."));
  if (p.error == NULL)
    resolve_links (&p);

  g_free (p.display);
  g_string_free (p.row_text, TRUE);
  g_array_unref (p.row_cells);
  g_ptr_array_unref (p.targets);
  g_object_unref (p.scratch);
  g_hash_table_unref (p.aliases);
  g_ptr_array_unref (p.blocks);
  g_array_unref (p.blocks_lines);

  if (p.error != NULL)
    {
      g_propagate_error (error, p.error);
      return NULL;
    }
  return g_steal_pointer (&result);
}
