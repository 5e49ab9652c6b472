/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <md4c.h>
#include <stdlib.h>
#include <string.h>

#include "gw-import.h"
#include "gw-markdown-import.h"
#include "gw-text-repair.h"

/* Reads gap registers written by hand in Markdown: md4c turns the document
 * into block, span and text events, and the callbacks below map them onto
 * register fields as a small state machine that knows the current heading,
 * the open item section, the field a bold label named, the nesting of lists
 * and the table being read.
 *
 * An item's field can be stated in several places. Each value carries the
 * rank of where it came from, and a stronger place wins: a field the item's
 * section states (rank FIELD) beats what its heading implies (HEADING, "P0-"
 * keys, "(2 hours)"), which beats a table cell (TABLE), which beats what the
 * headings above imply (CONTEXT). Tables, dependency graphs and lists that
 * refer to items are read after the whole document, so that they can refer
 * to items defined further down. */

/* Structs */

typedef enum
{
  RANK_NONE = 0,
  RANK_CONTEXT,
  RANK_TABLE,
  RANK_HEADING,
  RANK_FIELD,
} Rank;

/* One per GwField, plus GW_FIELD_EFFORT. */
#define N_SLOTS (GW_N_FIELDS + 1)

typedef struct
{
  GwItem   *item;
  int       line;
  guint     serial;                /* creation order */
  guint     section;               /* the section that defined it, 0 for none */
  guint8    rank[N_SLOTS];
  char     *effort_text;           /* the effort as the section wrote it */
  gboolean  owner_field;           /* its section has an Owner field */
  char     *assignee;              /* an Assignee field, decided at the section's end */
  int       assignee_line;
  guint     lines_section[GW_N_LINE_KINDS];
  guint     visit;                 /* for searches through dependencies */
  char     *full_title;            /* the heading's title before "(2 hours)" or " - DATABASE" came off */
  gboolean  title_effort;          /* its heading's title ended in an effort */
  gboolean  title_category;        /* ... in a category */
} Entry;

typedef enum
{
  T_NONE,             /* content that means nothing to a register */
  T_ITEM_TOP,         /* a list right in an item section: labelled entries are fields, others steps */
  T_FIELD,            /* an item field (arg: GwField) */
  T_RISK,             /* risk level, with notes */
  T_ASSIGNEE,         /* a person, or the owner role when the section has no Owner */
  T_CONTAINER,        /* "Recommendation": labelled entries below it are fields */
  T_MILESTONE_TOP,    /* a list right in a milestone section */
  T_MILESTONE_FIELD,  /* arg: MilestoneField */
  T_MILESTONE_LINES,  /* arg: GwMilestoneLineKind */
  T_DECISION,         /* arg: GwGateLevel */
  T_PHASE_LIST,       /* items listed under a phase heading */
} TargetKind;

typedef enum
{
  MS_NAME,
  MS_GOAL,
  MS_DURATION,
  MS_REQUIRES,
} MilestoneField;

typedef struct
{
  TargetKind kind;
  int        arg;
} Target;

typedef struct
{
  const char *label;
  TargetKind  kind;
  int         arg;
} Label;

/* Inline text of a block, with its markup written back ("rich") and
 * without ("plain"), and a leading bold label kept apart. */
typedef enum
{
  LABEL_UNDECIDED,
  LABEL_INSIDE,
  LABEL_CLOSED,
  LABEL_NONE,
} LabelState;

typedef struct
{
  char *label;   /* NULL when the line has none */
  char *value;
  int   line;
} Segment;

typedef struct
{
  GString    *rich;
  GString    *plain;
  GString    *label;
  LabelState  label_state;
  int         label_depth;
  int         line;
  gboolean    split_lines;   /* a paragraph: each line may start with its own label */
  GPtrArray  *segments;      /* Segment: the lines before the current one */
  int         segment_line;
} Capture;

typedef enum
{
  HEADING_PLAIN,
  HEADING_ITEM,
  HEADING_PENDING,     /* "KEY: Title" with a key that is not sure to be one */
  HEADING_MILESTONE,
  HEADING_DECISION,
  HEADING_PHASE,
} HeadingKind;

typedef struct
{
  int          level;
  HeadingKind  kind;
  char        *text;
  int          priority;                  /* -1 when it implies none */
  gboolean     priority_stated;           /* as "P0", not only as "critical" */
  char        *category;
  char        *phase;
  gboolean     decision_scope;
  gboolean     dependency_scope;
  GwGateLevel  gate_level;
  char        *group[GW_N_FIELDS];        /* "**Priority**: BLOCKING" under it */
} Heading;

typedef struct
{
  gboolean  is_task;
  gboolean  done;
  gboolean  flushed;
  Capture   cap;
  Target    inherited;
  Target    child;
  Target    own;
  Entry    *entry;
  GwLine   *line;
} ListItem;

typedef struct
{
  GPtrArray *cells;   /* char *, plain text */
  int        line;
} Row;

typedef struct
{
  GPtrArray *header;  /* char * */
  GPtrArray *rows;    /* Row */
  int        line;
  guint      serial;
} Table;

typedef struct
{
  char *key;
  char *phase;
  int   line;
} PhaseRef;

typedef struct
{
  char *text;
  int   line;   /* of the first line of code */
} Graph;

typedef struct
{
  GwImportData   *data;
  const char     *text;
  gsize           length;
  GArray         *line_starts;    /* gsize */
  int             last_line;
  GwParseContext  ctx;
  GwItem         *scratch;

  GPtrArray      *entries;        /* Entry, in creation order */
  GHashTable     *by_key;         /* key -> Entry */
  GHashTable     *by_number;      /* "1.1" -> Entry of "Gap 1.1"; ambiguous ones map to &ambiguous */

  GArray         *headings;       /* Heading */
  gboolean        seen_title;
  guint           section_serial;
  Entry          *item;           /* the open item section */
  int             item_level;
  gboolean        item_fresh;     /* nothing but its heading read yet */
  char           *pending_key;
  char           *pending_title;
  char           *pending_heading;
  int             pending_line;
  int             pending_level;
  GwMilestone    *milestone;      /* the open milestone section */
  int             milestone_level;

  gboolean        para_active;    /* a bold label paragraph names what follows */
  Target          para_target;

  GArray         *blocks;         /* MD_BLOCKTYPE */
  GPtrArray      *list_items;     /* ListItem */
  GPtrArray      *spare_items;    /* ListItem, to reuse */
  Capture         heading_cap;
  Capture         para_cap;
  Capture         cell_cap;
  Capture        *cap;
  int             span_depth;
  GArray         *links;          /* gsize: rich position where a link starts */
  GPtrArray      *hrefs;          /* char * */

  gboolean        in_code;
  gboolean        in_html;
  GString        *code;
  int             code_line;
  char           *code_info;
  char            fence_char;

  GPtrArray      *tables;         /* Table */
  Table          *table;
  Row            *row;

  GPtrArray      *graphs;         /* Graph */
  GPtrArray      *phase_refs;     /* PhaseRef */
  GPtrArray      *milestones;     /* GwMilestone, in order of definition */
  GHashTable     *milestones_by_key;
  GPtrArray      *milestone_refs; /* char *key, in order of first mention */
  GHashTable     *milestone_ref_names;  /* key -> name */
  GPtrArray      *roles;          /* GwRole */
  GHashTable     *roles_by_name;  /* casefolded name -> GwRole */
  GHashTable     *explicit_headcount;   /* GwRole set */
  guint           visit;
} Importer;

/* Prototypes */

static void warn       (Importer   *im,
                        int         line,
                        const char *format,
                        ...) G_GNUC_PRINTF (3, 4);
static void add_line   (Importer   *im,
                        Entry      *e,
                        GwLineKind  kind,
                        GwLine     *line);
static void close_item (Importer   *im);

static Entry ambiguous;

/* Labels */

static const Label item_labels[] = {
  { "title", T_FIELD, GW_FIELD_TITLE },
  { "description", T_FIELD, GW_FIELD_DESCRIPTION },
  { "issue", T_FIELD, GW_FIELD_DESCRIPTION },
  { "problem", T_FIELD, GW_FIELD_DESCRIPTION },
  { "category", T_FIELD, GW_FIELD_CATEGORY },
  { "module", T_FIELD, GW_FIELD_MODULE },
  { "modules", T_FIELD, GW_FIELD_MODULE },
  { "component", T_FIELD, GW_FIELD_MODULE },
  { "priority", T_FIELD, GW_FIELD_PRIORITY },
  { "status", T_FIELD, GW_FIELD_STATUS },
  { "effort", T_FIELD, GW_FIELD_EFFORT },
  { "estimate", T_FIELD, GW_FIELD_EFFORT },
  { "effort estimate", T_FIELD, GW_FIELD_EFFORT },
  { "effort (hours)", T_FIELD, GW_FIELD_EFFORT_HOURS },
  { "effort hours", T_FIELD, GW_FIELD_EFFORT_HOURS },
  { "size", T_FIELD, GW_FIELD_EFFORT_SIZE },
  { "minimum effort (hours)", T_FIELD, GW_FIELD_EFFORT_MIN },
  { "minimum effort", T_FIELD, GW_FIELD_EFFORT_MIN },
  { "maximum effort (hours)", T_FIELD, GW_FIELD_EFFORT_MAX },
  { "maximum effort", T_FIELD, GW_FIELD_EFFORT_MAX },
  { "risk", T_RISK, 0 },
  { "risk level", T_RISK, 0 },
  { "impact", T_FIELD, GW_FIELD_IMPACT },
  { "impact score", T_FIELD, GW_FIELD_IMPACT },
  { "owner", T_FIELD, GW_FIELD_OWNER },
  { "owner role", T_FIELD, GW_FIELD_OWNER },
  { "ownership", T_FIELD, GW_FIELD_OWNER },
  { "assignee", T_ASSIGNEE, 0 },
  { "assigned to", T_ASSIGNEE, 0 },
  { "milestone", T_FIELD, GW_FIELD_MILESTONE },
  { "dependencies", T_FIELD, GW_FIELD_DEPENDS_ON },
  { "depends on", T_FIELD, GW_FIELD_DEPENDS_ON },
  { "blocked by", T_FIELD, GW_FIELD_DEPENDS_ON },
  { "roi", T_FIELD, GW_FIELD_ROI_PCT },
  { "roi (%)", T_FIELD, GW_FIELD_ROI_PCT },
  { "revenue impact", T_FIELD, GW_FIELD_REVENUE_IMPACT },
  { "implementation risk", T_FIELD, GW_FIELD_IMPL_RISK_PCT },
  { "implementation risk (%)", T_FIELD, GW_FIELD_IMPL_RISK_PCT },
  { "data-loss risk", T_FIELD, GW_FIELD_DATA_LOSS_RISK_PCT },
  { "data-loss risk (%)", T_FIELD, GW_FIELD_DATA_LOSS_RISK_PCT },
  { "data loss risk", T_FIELD, GW_FIELD_DATA_LOSS_RISK_PCT },
  { "phase", T_FIELD, GW_FIELD_PHASE },
  { "action", T_FIELD, GW_FIELD_ACTION },
  { "recommended action", T_FIELD, GW_FIELD_ACTION },
  { "current", T_FIELD, GW_FIELD_CURRENT_PCT },
  { "current (%)", T_FIELD, GW_FIELD_CURRENT_PCT },
  { "current state", T_FIELD, GW_FIELD_CURRENT_PCT },
  { "target", T_FIELD, GW_FIELD_TARGET_PCT },
  { "target (%)", T_FIELD, GW_FIELD_TARGET_PCT },
  { "target state", T_FIELD, GW_FIELD_TARGET_PCT },
  { "not before", T_FIELD, GW_FIELD_NOT_BEFORE },
  { "evidence", T_FIELD, GW_FIELD_EVIDENCE },
  { "impact if not fixed", T_FIELD, GW_FIELD_IMPACT_IF_NOT_FIXED },
  { "mitigation", T_FIELD, GW_FIELD_MITIGATION },
  { "mitigation until fixed", T_FIELD, GW_FIELD_MITIGATION },
  { "acceptance criteria", T_FIELD, GW_FIELD_ACCEPTANCE_CRITERIA },
  { "remediation", T_FIELD, GW_FIELD_REMEDIATION },
  { "remediation steps", T_FIELD, GW_FIELD_REMEDIATION },
  { "remediation plan", T_FIELD, GW_FIELD_REMEDIATION },
  { "effort breakdown", T_FIELD, GW_FIELD_BREAKDOWN },
  { "breakdown", T_FIELD, GW_FIELD_BREAKDOWN },
  { "recommendation", T_CONTAINER, 0 },
  { "recommendations", T_CONTAINER, 0 },
};

static const Label milestone_labels[] = {
  { "name", T_MILESTONE_FIELD, MS_NAME },
  { "goal", T_MILESTONE_FIELD, MS_GOAL },
  { "duration", T_MILESTONE_FIELD, MS_DURATION },
  { "requires", T_MILESTONE_FIELD, MS_REQUIRES },
  { "deliverables", T_MILESTONE_LINES, GW_MILESTONE_LINE_DELIVERABLE },
  { "entry criteria", T_MILESTONE_LINES, GW_MILESTONE_LINE_ENTRY },
  { "exit criteria", T_MILESTONE_LINES, GW_MILESTONE_LINE_EXIT },
};

/* Words a heading "WORD N: ..." starts with when it is not an item. */
static const char *const reserved_words[] = {
  "milestone", "phase", "part", "week", "weeks", "day", "days", "sprint", "step", "tier",
  "section", "appendix", "stage", "month", "quarter", "chapter", "level", "option",
  "example", "note", "legend", "summary", "overview", "goal", "decision", "gate", "scope",
  "timeline", "total", "table", "figure", "version", "update", "updated", NULL
};

/* Words that make "Word 1.2" an item key. */
static const char *const key_words[] = {
  "gap", "task", "issue", "item", "blocker", "finding", "bug", "story", "ticket", "req",
  "requirement", NULL
};

/* Field names for messages. */
static const char *
field_noun (GwField field)
{
  switch (field)
    {
    case GW_FIELD_EFFORT:
    case GW_FIELD_EFFORT_HOURS:
      return _("effort");
    case GW_FIELD_PRIORITY:
      return _("priority");
    case GW_FIELD_RISK:
      return _("risk");
    case GW_FIELD_OWNER:
      return _("owner");
    case GW_FIELD_STATUS:
      return _("status");
    case GW_FIELD_IMPACT:
      return _("impact");
    case GW_FIELD_ROI_PCT:
      return _("ROI");
    case GW_FIELD_CATEGORY:
      return _("category");
    case GW_FIELD_MILESTONE:
      return _("milestone");
    case GW_FIELD_PHASE:
      return _("phase");
    case GW_FIELD_CURRENT_PCT:
      return _("current %");
    case GW_FIELD_TARGET_PCT:
      return _("target %");
    default:
      return gw_field_label (field);
    }
}

/* Helpers: text */

static gboolean
is_blank (const char *s)
{
  for (; s != NULL && *s; s++)
    if (!g_ascii_isspace (*s))
      return FALSE;
  return TRUE;
}

/* Trims white space and decoration (emoji, box drawing) at both ends. */
static char *
strip_decorations (const char *text)
{
  const char *start = text;
  const char *end = text + strlen (text);

  while (start < end)
    {
      gunichar c = g_utf8_get_char (start);

      if (!g_unichar_isspace (c) && !gw_text_is_decoration (c))
        break;
      start = g_utf8_next_char (start);
    }
  while (end > start)
    {
      const char *prev = g_utf8_find_prev_char (start, end);
      gunichar c;

      if (prev == NULL)
        break;
      c = g_utf8_get_char (prev);
      if (!g_unichar_isspace (c) && !gw_text_is_decoration (c))
        break;
      end = prev;
    }
  return g_strndup (start, end - start);
}

/* Turns every run of white space into one space. */
static char *
collapse_spaces (const char *text)
{
  GString *s = g_string_sized_new (strlen (text));
  gboolean space = FALSE;

  for (const char *p = text; *p; p++)
    {
      if (g_ascii_isspace (*p))
        space = TRUE;
      else
        {
          if (space && s->len > 0)
            g_string_append_c (s, ' ');
          space = FALSE;
          g_string_append_c (s, *p);
        }
    }
  return g_string_free (s, FALSE);
}

static char *
clean_text (const char *text)
{
  g_autofree char *collapsed = collapse_spaces (text);

  return strip_decorations (collapsed);
}

/* "Title (note) (2 hours)" -> "Title (note)"; returns the last group's
 * content in @group when asked. */
static char *
strip_last_parens (const char  *text,
                   char       **group)
{
  gsize len = strlen (text);
  int depth = 0;

  while (len > 0 && g_ascii_isspace (text[len - 1]))
    len--;
  if (len == 0 || text[len - 1] != ')')
    return g_strndup (text, len);

  for (gsize i = len; i > 0; i--)
    {
      char c = text[i - 1];

      if (c == ')')
        depth++;
      else if (c == '(' && --depth == 0)
        {
          if (group != NULL)
            *group = g_strndup (text + i, len - i - 1);
          return g_strchomp (g_strndup (text, i - 1));
        }
    }
  return g_strndup (text, len);
}

static char *
strip_all_last_parens (const char *text)
{
  char *s = g_strdup (text);

  for (;;)
    {
      char *t = strip_last_parens (s, NULL);

      if (strlen (t) == strlen (s))
        {
          g_free (t);
          return s;
        }
      g_free (s);
      s = t;
    }
}

static char *
normalize_label (const char *label)
{
  g_autofree char *clean = NULL;
  gsize len;
  gboolean simple = TRUE;

  /* Most labels are plain ASCII words: skip the Unicode work for them. */
  for (const char *p = label; *p && simple; p++)
    simple = (guchar) *p < 0x80 && *p != '\n' && *p != '\t' && !(p[0] == ' ' && (p[1] == ' ' || p == label));
  if (simple)
    {
      char *lower = g_ascii_strdown (label, -1);

      len = strlen (lower);
      while (len > 0 && (lower[len - 1] == ':' || lower[len - 1] == ' '))
        lower[--len] = '\0';
      return lower;
    }

  clean = clean_text (label);
  len = strlen (clean);

  while (len > 0 && (clean[len - 1] == ':' || g_ascii_isspace (clean[len - 1])))
    clean[--len] = '\0';
  return g_utf8_strdown (clean, -1);
}

static gboolean
word_equal (const char *a,
            gsize       len,
            const char *word)
{
  return strlen (word) == len && g_ascii_strncasecmp (a, word, len) == 0;
}

/* The first word of @text, lower-cased, letters and '-' only. */
static char *
first_word (const char *text)
{
  const char *p = text;
  const char *start;

  while (*p && !g_ascii_isalpha (*p))
    p++;
  start = p;
  while (g_ascii_isalpha (*p) || (*p == '-' && g_ascii_isalpha (p[1])))
    p++;
  return g_ascii_strdown (start, p - start);
}

/* Reads the first number of @text ("100% (required)", "40 %"); NAN when none. */
static double
leading_number (const char *text,
                gboolean   *percent)
{
  const char *p = text;
  char *end = NULL;
  double v;

  while (*p && (g_ascii_isspace (*p) || *p == '~' || *p == '+'))
    p++;
  if (!g_ascii_isdigit (*p) && !(*p == '-' && g_ascii_isdigit (p[1])) && !(*p == '.' && g_ascii_isdigit (p[1])))
    return NAN;
  v = g_ascii_strtod (p, &end);
  if (end == p || !isfinite (v))
    return NAN;
  while (*end == ' ')
    end++;
  if (percent != NULL)
    *percent = *end == '%';
  return v;
}

static char *
format_number (double v)
{
  return gw_format_hours (v);
}

/* "&amp;" -> "&"; unknown entities stay as written. */
static void
append_entity (GString    *s,
               const char *text,
               gsize       size)
{
  static const struct { const char *name; gunichar c; } named[] = {
    { "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' }, { "&quot;", '"' },
    { "&apos;", '\'' }, { "&nbsp;", 0xA0 }, { "&mdash;", 0x2014 }, { "&ndash;", 0x2013 },
    { "&hellip;", 0x2026 }, { "&rarr;", 0x2192 }, { "&larr;", 0x2190 }, { "&check;", 0x2713 },
  };

  if (size > 3 && text[1] == '#')
    {
      gboolean hex = text[2] == 'x' || text[2] == 'X';
      g_autofree char *digits = g_strndup (text + (hex ? 3 : 2), size - (hex ? 4 : 3));
      char *end = NULL;
      guint64 v = g_ascii_strtoull (digits, &end, hex ? 16 : 10);

      if (end != digits && *end == '\0' && v > 0 && v <= 0x10FFFF && !(v >= 0xD800 && v <= 0xDFFF))
        g_string_append_unichar (s, (gunichar) v);
      else
        g_string_append_unichar (s, 0xFFFD);
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (named); i++)
    if (strlen (named[i].name) == size && memcmp (named[i].name, text, size) == 0)
      {
        g_string_append_unichar (s, named[i].c);
        return;
      }
  g_string_append_len (s, text, size);
}

/* Helpers: keys */

static gboolean
is_word_char (char c)
{
  return g_ascii_isalnum (c) || c == '_';
}

/* "P0-001", "SEC-12", "GAP-3.1" */
static gsize
match_dash_key (const char *s)
{
  const char *p = s;

  if (!g_ascii_isalpha (*p))
    return 0;
  while (g_ascii_isalnum (*p))
    p++;
  if (p - s > 10 || *p != '-' || !g_ascii_isdigit (p[1]))
    return 0;
  p++;
  while (g_ascii_isalnum (*p))
    p++;
  while ((*p == '.' || *p == '-') && g_ascii_isalnum (p[1]))
    {
      p++;
      while (g_ascii_isalnum (*p))
        p++;
    }
  if (p - s > 40 || *p == '_')
    return 0;
  return p - s;
}

/* "Gap 1.1", "Task 0.10", "Issue #12" */
static gsize
match_word_key (const char *s)
{
  const char *p = s;
  const char *word_end;
  gboolean known = FALSE;

  while (g_ascii_isalpha (*p))
    p++;
  word_end = p;
  for (guint i = 0; key_words[i] != NULL && !known; i++)
    known = word_equal (s, word_end - s, key_words[i]);
  if (!known || *p != ' ')
    return 0;
  while (*p == ' ')
    p++;
  if (*p == '#')
    p++;
  if (!g_ascii_isdigit (*p))
    return 0;
  while (g_ascii_isdigit (*p))
    p++;
  while (*p == '.' && g_ascii_isdigit (p[1]))
    {
      p++;
      while (g_ascii_isdigit (*p))
        p++;
    }
  if (g_ascii_isalpha (*p) && !is_word_char (p[1]))
    p++;
  if (is_word_char (*p))
    return 0;
  return p - s;
}

/* "1.1", "12" */
static gsize
match_number_key (const char *s)
{
  const char *p = s;

  if (!g_ascii_isdigit (*p))
    return 0;
  while (g_ascii_isdigit (*p))
    p++;
  while (*p == '.' && g_ascii_isdigit (p[1]))
    {
      p++;
      while (g_ascii_isdigit (*p))
        p++;
    }
  if (is_word_char (*p) || (*p == '.' && g_ascii_isalnum (p[1])))
    return 0;
  return p - s;
}

/* Matches an item key at the start of @s and returns its length, with the
 * key as it is stored ("Gap  1.1" -> "Gap 1.1") in @key. */
static gsize
match_item_key (const char  *s,
                char       **key)
{
  gsize len = match_dash_key (s);

  if (len > 0)
    {
      *key = g_strndup (s, len);
      return len;
    }
  len = match_word_key (s);
  if (len > 0)
    {
      g_autofree char *raw = g_strndup (s, len);

      *key = collapse_spaces (raw);
      return len;
    }
  return 0;
}

/* Skips ":", " - ", " – ", " — " after a key. */
static const char *
skip_key_separator (const char *p)
{
  while (*p == ' ' || *p == '\t')
    p++;
  if (*p == ':' || *p == '-')
    p++;
  else if (g_str_has_prefix (p, "–") || g_str_has_prefix (p, "—"))
    p += strlen ("–");
  while (*p == ' ' || *p == '\t')
    p++;
  return p;
}

static gboolean
is_milestone_key (const char *s,
                  gsize       len)
{
  if (len < 2 || (s[0] != 'M' && s[0] != 'm'))
    return FALSE;
  for (gsize i = 1; i < len; i++)
    if (!g_ascii_isdigit (s[i]) && !(i > 1 && (s[i] == '.' || g_ascii_isalpha (s[i]))))
      return FALSE;
  return g_ascii_isdigit (s[1]);
}

static gsize
match_milestone_key (const char *s)
{
  gsize len = 0;

  while (g_ascii_isalnum (s[len]) || (s[len] == '.' && g_ascii_isdigit (s[len + 1])))
    len++;
  return is_milestone_key (s, len) ? len : 0;
}

/* Helpers: lines of the file */

static void
index_lines (Importer *im)
{
  gsize zero = 0;

  im->line_starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_array_append_val (im->line_starts, zero);
  for (gsize i = 0; i < im->length; i++)
    {
      char c = im->text[i];

      if (c == '\n' || (c == '\r' && (i + 1 >= im->length || im->text[i + 1] != '\n')))
        {
          gsize next = i + 1;

          g_array_append_val (im->line_starts, next);
        }
    }
}

static int
line_of_offset (Importer *im,
                gsize     offset)
{
  const gsize *starts = (const gsize *) (gpointer) im->line_starts->data;
  guint lo = 0;
  guint hi = im->line_starts->len;
  guint near = im->last_line > 0 ? (guint) im->last_line - 1 : 0;

  /* Text mostly comes in document order: try the line of the last text
   * and the few after it before searching. */
  for (guint i = near; i < near + 4 && i < hi; i++)
    if (starts[i] <= offset && (i + 1 == hi || offset < starts[i + 1]))
      return (int) i + 1;

  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;

      if (starts[mid] <= offset)
        lo = mid;
      else
        hi = mid;
    }
  return (int) lo + 1;
}

static void
note_position (Importer   *im,
               const char *text)
{
  if (text >= im->text && text < im->text + im->length)
    im->last_line = line_of_offset (im, text - im->text);
}

/* Captures */

static void
segment_free (Segment *seg)
{
  g_free (seg->label);
  g_free (seg->value);
  g_free (seg);
}

static void
capture_init (Capture *cap)
{
  cap->rich = g_string_new (NULL);
  cap->plain = g_string_new (NULL);
  cap->label = g_string_new (NULL);
  cap->label_state = LABEL_UNDECIDED;
  cap->line = 0;
  cap->segments = g_ptr_array_new_with_free_func ((GDestroyNotify) segment_free);
  cap->segment_line = 0;
}

static void
capture_reset (Capture *cap)
{
  g_string_truncate (cap->rich, 0);
  g_string_truncate (cap->plain, 0);
  g_string_truncate (cap->label, 0);
  cap->label_state = LABEL_UNDECIDED;
  cap->line = 0;
  g_ptr_array_set_size (cap->segments, 0);
  cap->segment_line = 0;
}

static void
capture_clear (Capture *cap)
{
  GString **parts[] = { &cap->rich, &cap->plain, &cap->label };

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (*parts[i] != NULL)
      {
        g_string_free (*parts[i], TRUE);
        *parts[i] = NULL;
      }
  g_clear_pointer (&cap->segments, g_ptr_array_unref);
}

/* Splits a capture into a bold label and the value after its colon.
 * Returns FALSE (and the whole text as @value) when it has no label. */
static gboolean
capture_label (Capture  *cap,
               char    **label,
               char    **value)
{
  if (cap->label_state == LABEL_CLOSED)
    {
      g_autofree char *l = g_strstrip (g_strdup (cap->label->str));
      const char *rest = cap->rich->str;
      gsize len = strlen (l);

      while (*rest == ' ' || *rest == '\t')
        rest++;
      if (len > 1 && l[len - 1] == ':')
        {
          l[len - 1] = '\0';
          *label = g_strstrip (g_steal_pointer (&l));
          *value = g_strstrip (g_strdup (rest));
          return TRUE;
        }
      if (*rest == ':' && len > 0)
        {
          *label = g_steal_pointer (&l);
          *value = g_strstrip (g_strdup (rest + 1));
          return TRUE;
        }
      *label = NULL;
      *value = g_strstrip (g_strdup_printf ("**%s**%s", cap->label->str, cap->rich->str));
      return FALSE;
    }
  *label = NULL;
  *value = g_strstrip (g_strdup (cap->rich->str));
  return FALSE;
}

/* Ends a line of a paragraph: "**Goal**: ...\n**Deliverables**:" are two
 * labelled lines in one paragraph. */
static void
capture_break (Capture *cap)
{
  Segment *seg = g_new0 (Segment, 1);

  if (!capture_label (cap, &seg->label, &seg->value))
    g_clear_pointer (&seg->label, g_free);
  seg->line = cap->segment_line ? cap->segment_line : cap->line;
  g_ptr_array_add (cap->segments, seg);
  g_string_truncate (cap->rich, 0);
  g_string_truncate (cap->label, 0);
  cap->label_state = LABEL_UNDECIDED;
  cap->segment_line = 0;
}

/* Labels */

static GHashTable *
label_index (const Label *labels,
             guint        n_labels)
{
  GHashTable *index = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < n_labels; i++)
    g_hash_table_insert (index, (gpointer) labels[i].label, (gpointer) &labels[i]);
  return index;
}

static gboolean
lookup_label (const Label *labels,
              guint        n_labels,
              const char  *label,
              Target      *target)
{
  static GHashTable *item_index = NULL;
  static GHashTable *milestone_index = NULL;
  g_autofree char *norm = normalize_label (label);
  const Label *found;

  if (g_once_init_enter (&item_index))
    g_once_init_leave (&item_index, label_index (item_labels, G_N_ELEMENTS (item_labels)));
  if (g_once_init_enter (&milestone_index))
    g_once_init_leave (&milestone_index, label_index (milestone_labels, G_N_ELEMENTS (milestone_labels)));

  found = g_hash_table_lookup (labels == item_labels ? item_index : milestone_index, norm);
  if (found == NULL)
    return FALSE;
  target->kind = found->kind;
  target->arg = found->arg;
  return TRUE;
}

static gboolean
lookup_item_label (const char *label,
                   Target     *target)
{
  g_autofree char *norm = NULL;
  GwField field;

  if (lookup_label (item_labels, G_N_ELEMENTS (item_labels), label, target))
    return TRUE;

  /* The field names of the CSV header and the labels of this locale. */
  norm = normalize_label (label);
  if (gw_field_from_name (norm, &field) && field != GW_FIELD_KEY)
    {
      target->kind = field == GW_FIELD_RISK ? T_RISK : T_FIELD;
      target->arg = field;
      return TRUE;
    }
  for (guint f = GW_FIELD_TITLE; f <= GW_FIELD_EFFORT; f++)
    {
      g_autofree char *local = NULL;

      /* Cheap test first: the label's first letter. */
      if (g_unichar_tolower (g_utf8_get_char (gw_field_label ((GwField) f))) != g_utf8_get_char (norm))
        continue;
      local = normalize_label (gw_field_label ((GwField) f));
      if (g_str_equal (local, norm))
        {
          target->kind = f == GW_FIELD_RISK ? T_RISK : T_FIELD;
          target->arg = (int) f;
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
target_is_item_list (Target t)
{
  return t.kind == T_FIELD && t.arg < GW_N_FIELDS && gw_field_is_list ((GwField) t.arg);
}

/* Entries */

static void
entry_free (Entry *e)
{
  g_clear_object (&e->item);
  g_free (e->effort_text);
  g_free (e->assignee);
  g_free (e->full_title);
  g_free (e);
}

static Entry *
find_entry (Importer   *im,
            const char *key)
{
  return g_hash_table_lookup (im->by_key, key);
}

static Entry *
create_entry (Importer   *im,
              const char *key,
              int         line)
{
  Entry *e = g_new0 (Entry, 1);

  e->item = gw_item_new (key, "");
  e->line = line;
  e->serial = im->entries->len;
  g_ptr_array_add (im->entries, e);
  g_hash_table_insert (im->by_key, (gpointer) gw_item_get_key (e->item), e);

  /* "P0-001" is a P0 item wherever it is defined. */
  if ((key[0] == 'P' || key[0] == 'p') && key[1] >= '0' && key[1] <= '3' && key[2] == '-')
    {
      gw_item_set_priority (e->item, (GwPriority) (key[1] - '0'));
      e->rank[GW_FIELD_PRIORITY] = RANK_HEADING;
    }
  return e;
}

static void
warn (Importer   *im,
      int         line,
      const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  gw_import_data_warn (im->data, line, "%s", message);
}

/* Priority from "P0", "P1 - High", "CRITICAL", "blocking". */
static gboolean
parse_priority (const char *text,
                GwPriority *priority)
{
  g_autofree char *clean = strip_decorations (text);
  g_autofree char *word = NULL;
  const char *p = clean;

  if ((p[0] == 'P' || p[0] == 'p') && p[1] >= '0' && p[1] <= '3' && !is_word_char (p[2]))
    {
      *priority = (GwPriority) (p[1] - '0');
      return TRUE;
    }
  word = first_word (clean);
  if (g_str_equal (word, "critical") || g_str_equal (word, "blocking") || g_str_equal (word, "blocker") ||
      g_str_equal (word, "urgent") || g_str_equal (word, "highest"))
    *priority = GW_PRIORITY_P0;
  else if (g_str_equal (word, "high"))
    *priority = GW_PRIORITY_P1;
  else if (g_str_equal (word, "medium") || g_str_equal (word, "normal") || g_str_equal (word, "moderate"))
    *priority = GW_PRIORITY_P2;
  else if (g_str_equal (word, "low") || g_str_equal (word, "minor") || g_str_equal (word, "nice-to-have") ||
           g_str_equal (word, "optional"))
    *priority = GW_PRIORITY_P3;
  else
    return gw_priority_from_string (clean, priority);
  return TRUE;
}

static gboolean
parse_status (const char *text,
              GwStatus   *status)
{
  g_autofree char *clean = strip_decorations (text);
  g_autofree char *bare = NULL;

  if (gw_status_from_string (clean, status))
    return TRUE;
  bare = strip_all_last_parens (clean);
  return gw_status_from_string (bare, status);
}

/* Risk level from "🔴 HIGH", "High - notes", "Critical"; the rest of the
 * text goes to @notes. */
static gboolean
parse_risk (const char  *text,
            GwRisk      *risk,
            char       **notes)
{
  g_autofree char *clean = strip_decorations (text);
  gboolean colour = gw_text_risk_from_colour (text, risk);
  const char *p = clean;
  const char *word_end;
  gboolean level = FALSE;
  g_autofree char *word = NULL;

  while (g_ascii_isalpha (*p))
    p++;
  word_end = p;
  word = g_ascii_strdown (clean, word_end - clean);
  if (g_str_equal (word, "high") || g_str_equal (word, "critical") || g_str_equal (word, "severe"))
    {
      *risk = GW_RISK_HIGH;
      level = TRUE;
    }
  else if (g_str_equal (word, "medium") || g_str_equal (word, "moderate") || g_str_equal (word, "med"))
    {
      *risk = GW_RISK_MEDIUM;
      level = TRUE;
    }
  else if (g_str_equal (word, "low") || g_str_equal (word, "minor"))
    {
      *risk = GW_RISK_LOW;
      level = TRUE;
    }

  if (level)
    {
      while (*p == ' ' || *p == '-' || *p == ':' || *p == ',' || *p == ';')
        p++;
      if (g_str_has_prefix (p, "–") || g_str_has_prefix (p, "—"))
        p += strlen ("–");
      while (*p == ' ')
        p++;
      *notes = g_strdup (p);
    }
  else
    *notes = g_strdup (clean);
  return level || colour;
}

/* Turns a value as written into the text gw_item_set_field_text() reads.
 * Returns NULL with @problem set when the value cannot be one. */
static char *
normalize_value (GwField      field,
                 const char  *value,
                 char       **problem)
{
  g_autofree char *clean = strip_decorations (value);

  switch (field)
    {
    case GW_FIELD_PRIORITY:
      {
        GwPriority p;

        if (*clean == '\0')
          return g_strdup ("P2");
        if (parse_priority (clean, &p))
          return g_strdup (gw_priority_to_string (p));
        *problem = g_strdup_printf (_("“%s” is not a priority: use P0, P1, P2 or P3"), value);
        return NULL;
      }
    case GW_FIELD_STATUS:
      {
        GwStatus s;

        if (*clean == '\0')
          return g_strdup ("todo");
        if (parse_status (clean, &s))
          return g_strdup (gw_status_to_string (s));
        *problem = g_strdup_printf (_("“%s” is not a status: use todo, in-progress, blocked, done or deferred"), value);
        return NULL;
      }
    case GW_FIELD_ACTION:
      {
        g_autofree char *word = first_word (clean);
        GwAction a;

        if (*clean == '\0')
          return g_strdup ("");
        if (*word != '\0' && gw_action_from_string (word, &a))
          return g_strdup (gw_action_to_string (a));
        *problem = g_strdup_printf (_("the action “%s” is not one of IMMEDIATE, HIGH, MEDIUM, LOW; it is left unset"), value);
        return NULL;
      }
    case GW_FIELD_IMPACT:
      {
        g_autofree char *word = first_word (clean);
        double v = leading_number (clean, NULL);

        if (*clean == '\0')
          return g_strdup ("");
        if (!isnan (v))
          return format_number (v);
        if (gw_impact_from_level (word) >= 0)
          return g_strdup (word);
        *problem = g_strdup_printf (_("the impact “%s” is neither a score from 0 to 100 nor HIGH, MEDIUM or LOW"), value);
        return NULL;
      }
    case GW_FIELD_ROI_PCT:
    case GW_FIELD_CURRENT_PCT:
    case GW_FIELD_TARGET_PCT:
    case GW_FIELD_IMPL_RISK_PCT:
    case GW_FIELD_DATA_LOSS_RISK_PCT:
    case GW_FIELD_EFFORT_MIN:
    case GW_FIELD_EFFORT_MAX:
      {
        double v = leading_number (clean, NULL);
        const char *slash = strchr (clean, '/');

        if (*clean == '\0' || g_ascii_strcasecmp (clean, "n/a") == 0 || g_str_equal (clean, "-"))
          return g_strdup ("");
        if (slash != NULL && !isnan (leading_number (slash + 1, NULL)))
          {
            *problem = g_strdup_printf (_("“%s” gives more than one %s; it is left unset"), value, field_noun (field));
            return NULL;
          }
        if (isnan (v))
          {
            *problem = g_strdup_printf (_("“%s” is not a number for the %s"), value, field_noun (field));
            return NULL;
          }
        return format_number (v);
      }
    case GW_FIELD_EFFORT:
    case GW_FIELD_EFFORT_HOURS:
      {
        GwEffort e;
        g_autoptr(GError) error = NULL;

        if (*clean == '\0')
          return g_strdup (field == GW_FIELD_EFFORT ? "0" : "");
        if (gw_effort_parse (clean, 8.0, NULL, &e, &error))
          return g_strdup (clean);
        {
          /* "~4h", "4 hours (half a day)" */
          g_autofree char *bare = strip_all_last_parens (clean);
          const char *p = bare;

          while (*p == '~' || *p == ' ')
            p++;
          if (*p != '\0' && gw_effort_parse (p, 8.0, NULL, &e, NULL))
            return g_strdup (p);
        }
        *problem = g_strdup (error->message);
        {
          gsize len = strlen (*problem);

          if (len > 0 && (*problem)[len - 1] == '.')
            (*problem)[len - 1] = '\0';
        }
        return NULL;
      }
    case GW_FIELD_TITLE:
    case GW_FIELD_DESCRIPTION:
    case GW_FIELD_REVENUE_IMPACT:
      return g_strstrip (g_strdup (value));
    case GW_FIELD_PHASE:
      return strip_all_last_parens (clean);
    default:
      return g_steal_pointer (&clean);
    }
}

static Rank
entry_rank (Entry   *e,
            GwField  field)
{
  if (field == GW_FIELD_EFFORT || field == GW_FIELD_EFFORT_HOURS)
    return MAX (e->rank[GW_FIELD_EFFORT], e->rank[GW_FIELD_EFFORT_HOURS]);
  return e->rank[field];
}

/* Whether a table's effort agrees with the item's: a bare size ("XL")
 * agrees with any effort of that size. */
static gboolean
effort_agrees (Entry      *e,
               const char *table_text)
{
  GwEffort te, se;
  GwSize size;

  if (!gw_effort_parse (table_text, 8.0, NULL, &te, NULL))
    return TRUE;
  gw_item_get_effort (e->item, &se);
  if (gw_size_from_string (table_text, &size) && size != GW_SIZE_NONE)
    {
      GwSizeRanges ranges;

      gw_size_ranges_init_default (&ranges);
      return (se.size != GW_SIZE_NONE ? se.size : gw_size_ranges_classify (&ranges, se.hours)) == size;
    }
  return fabs (te.hours - se.hours) < 1e-6;
}

static gboolean
text_agrees (const char *a,
             const char *b)
{
  g_autofree char *fa = g_utf8_casefold (a, -1);
  g_autofree char *fb = g_utf8_casefold (b, -1);

  return g_str_equal (fa, fb);
}

/* Sets @field of @e from @value written at @line, unless a stronger place
 * stated it already. */
static void
apply_field (Importer   *im,
             Entry      *e,
             GwField     field,
             const char *value,
             Rank        rank,
             int         line)
{
  g_autofree char *problem = NULL;
  g_autofree char *norm = normalize_value (field, value, &problem);
  g_autoptr(GError) error = NULL;
  g_autofree char *new_text = NULL;
  g_autofree char *cur_text = NULL;
  Rank cur = entry_rank (e, field);
  GwField shown = field == GW_FIELD_EFFORT_HOURS ? GW_FIELD_EFFORT : field;

  if (norm == NULL)
    {
      if (rank >= RANK_HEADING)
        warn (im, line, _("%s: %s."), gw_item_get_key (e->item), problem);
      return;
    }

  /* A stronger place: set it (a bad value changes nothing). Otherwise read
   * the value into a scratch item to compare it. */
  if (!gw_item_set_field_text (cur == RANK_NONE || rank > cur ? e->item : im->scratch,
                               field, norm, &im->ctx, &error))
    {
      if (rank >= RANK_HEADING)
        warn (im, line, _("%s: %s"), gw_item_get_key (e->item), error->message);
      return;
    }

  if (cur == RANK_NONE || rank > cur)
    {
      e->rank[field] = rank;
      if (field == GW_FIELD_EFFORT && rank >= RANK_HEADING)
        {
          g_free (e->effort_text);
          e->effort_text = g_strstrip (g_strdup (value));
        }
      return;
    }

  new_text = gw_item_get_field_text (im->scratch, shown);
  cur_text = gw_item_get_field_text (e->item, shown);
  if (field == GW_FIELD_EFFORT || field == GW_FIELD_EFFORT_HOURS)
    {
      if (rank == RANK_TABLE && effort_agrees (e, norm))
        return;
      if (rank != RANK_TABLE && g_str_equal (new_text, cur_text))
        return;
    }
  else if (text_agrees (new_text, cur_text))
    return;

  /* Tables shorten titles ("RLS Database"); that is no disagreement. */
  if (field == GW_FIELD_TITLE && rank == RANK_TABLE)
    return;

  if (rank == RANK_TABLE && cur >= RANK_HEADING)
    {
      const char *section_value = field == GW_FIELD_EFFORT && e->effort_text ? e->effort_text : cur_text;

      /* Translators: "Gap 1.4: the table says effort XL but the section says 35 hours; keeping the section’s." */
      warn (im, line, _("%s: the table says %s %s but the section says %s; keeping the section’s."),
            gw_item_get_key (e->item), field_noun (field), value, section_value);
    }
  else if (rank == RANK_TABLE && cur == RANK_TABLE)
    warn (im, line, _("%s: this table says %s %s but an earlier table says %s; keeping the earlier one."),
          gw_item_get_key (e->item), field_noun (field), value, cur_text);
  else if (rank == RANK_FIELD && cur == RANK_FIELD)
    warn (im, line, _("%s: the %s is given twice (%s and %s); keeping the first."),
          gw_item_get_key (e->item), field_noun (field), cur_text, value);
}

static void
apply_risk (Importer   *im,
            Entry      *e,
            const char *value,
            Rank        rank,
            int         line,
            gboolean    keep_notes)
{
  g_autofree char *notes = NULL;
  GwRisk risk = GW_RISK_NONE;

  if (parse_risk (value, &risk, &notes))
    apply_field (im, e, GW_FIELD_RISK, gw_risk_to_string (risk), rank, line);
  if (keep_notes && notes != NULL && !is_blank (notes))
    add_line (im, e, GW_LINE_IMPACT, gw_line_new (notes, NAN, FALSE));
}

/* Adds the keys of "P0-001, P0-003", "None", "P0-002+8h" as dependencies. */
static void
apply_dependencies (Importer   *im,
                    Entry      *e,
                    const char *value,
                    Rank        rank,
                    int         line)
{
  g_auto(GStrv) parts = NULL;
  g_autofree char *clean = strip_decorations (value);
  Rank cur = e->rank[GW_FIELD_DEPENDS_ON];

  if (rank < cur)
    return;
  if (rank > cur)
    gw_item_clear_dependencies (e->item);
  e->rank[GW_FIELD_DEPENDS_ON] = rank;

  parts = g_strsplit_set (clean, ",;", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *part = clean_text (parts[i]);
      g_autofree char *key = NULL;
      g_autofree char *lower = g_ascii_strdown (part, -1);
      double lag = 0;
      gsize len;

      if (*part == '\0' || g_str_equal (lower, "none") || g_str_equal (lower, "n/a") ||
          g_str_equal (lower, "-") || g_str_equal (lower, "—"))
        continue;
      len = match_item_key (part, &key);
      if (len == 0)
        {
          /* A key of another shape, as the CSV form writes it. */
          const char *plus = strrchr (part, '+');
          g_autofree char *bare = plus ? g_strstrip (g_strndup (part, plus - part)) : g_strdup (part);

          if (strchr (bare, ' ') == NULL && find_entry (im, bare) != NULL)
            {
              key = g_steal_pointer (&bare);
              len = plus ? (gsize) (plus - part) : strlen (part);
            }
        }
      if (len == 0)
        {
          warn (im, line, _("%s: the dependency “%s” is not an item key; it is left out."),
                gw_item_get_key (e->item), part);
          continue;
        }
      {
        const char *rest = part + len;

        while (*rest == ' ')
          rest++;
        if (*rest == '+')
          {
            GwEffort effort;

            if (gw_effort_parse (rest + 1, 8.0, NULL, &effort, NULL) && effort.size == GW_SIZE_NONE)
              lag = effort.hours;
          }
      }
      if (g_str_equal (key, gw_item_get_key (e->item)))
        {
          warn (im, line, _("%s: the item cannot depend on itself; that dependency is left out."), key);
          continue;
        }
      gw_item_add_dependency (e->item, key, lag);
    }
}

/* Milestones */

static GwMilestone *
milestone_get (Importer   *im,
               const char *key)
{
  GwMilestone *m = g_hash_table_lookup (im->milestones_by_key, key);

  if (m == NULL)
    {
      m = gw_milestone_new (key, "");
      g_ptr_array_add (im->milestones, m);
      g_hash_table_insert (im->milestones_by_key, m->key, m);
    }
  return m;
}

static void
note_milestone_ref (Importer   *im,
                    const char *key,
                    const char *name)
{
  if (!g_hash_table_contains (im->milestone_ref_names, key))
    {
      g_ptr_array_add (im->milestone_refs, g_strdup (key));
      g_hash_table_insert (im->milestone_ref_names, g_strdup (key), g_strdup (name ? name : ""));
    }
  else if (name != NULL && *name != '\0')
    {
      const char *old = g_hash_table_lookup (im->milestone_ref_names, key);

      if (*old == '\0')
        g_hash_table_insert (im->milestone_ref_names, g_strdup (key), g_strdup (name));
    }
}

/* "M1 (Foundation Security)" -> milestone M1, named so unless defined. */
static void
apply_milestone (Importer   *im,
                 Entry      *e,
                 const char *value,
                 Rank        rank,
                 int         line)
{
  g_autofree char *clean = clean_text (value);
  g_autofree char *name = NULL;
  g_autofree char *key = NULL;
  gsize len = match_milestone_key (clean);

  if (len > 0)
    {
      const char *rest = clean + len;

      key = g_strndup (clean, len);
      while (*rest == ' ' || *rest == ':' || *rest == '-')
        rest++;
      if (*rest == '(')
        g_free (strip_last_parens (rest, &name));
      else if (*rest != '\0')
        name = g_strdup (rest);
    }
  else
    key = g_strdup (clean);

  apply_field (im, e, GW_FIELD_MILESTONE, key, rank, line);
  if (*key != '\0')
    note_milestone_ref (im, key, name ? g_strstrip (name) : NULL);
}

static void
add_line (Importer   *im,
          Entry      *e,
          GwLineKind  kind,
          GwLine     *line)
{
  /* Lists come from one section; a second section with the same key does
   * not add to them. */
  if (e->lines_section[kind] == 0)
    e->lines_section[kind] = e->section;
  if (e->lines_section[kind] != e->section)
    {
      gw_line_free (line);
      return;
    }
  gw_item_add_line (e->item, kind, line);
}

/* "Create RLS policies: 8 hours" -> text and hours. */
static GwLine *
breakdown_line (const char *text)
{
  const char *colon = strrchr (text, ':');

  if (colon != NULL)
    {
      g_autofree char *tail = g_strstrip (g_strdup (colon + 1));
      GwEffort e;

      if (*tail != '\0' && gw_effort_parse (tail, 8.0, NULL, &e, NULL) && e.size == GW_SIZE_NONE)
        {
          g_autofree char *head = g_strstrip (g_strndup (text, colon - text));

          return gw_line_new (head, e.hours, FALSE);
        }
    }
  return gw_line_new (text, NAN, FALSE);
}

/* Adds one entry of a list field: a criterion keeps its check mark, a
 * breakdown line its hours. Returns the line, owned by the item. */
static GwLine *
add_list_text (Importer   *im,
               Entry      *e,
               GwField     field,
               const char *text,
               gboolean    done)
{
  GwLineKind kind = gw_field_line_kind (field);
  GwLine *line;

  if (kind == GW_LINE_BREAKDOWN)
    line = breakdown_line (text);
  else
    line = gw_line_new (text, NAN, kind == GW_LINE_CRITERION && done);
  add_line (im, e, kind, line);
  return e->lines_section[kind] == e->section ? line : NULL;
}

/* Applies a labelled value to the open item. */
static void
apply_item_target (Importer   *im,
                   Entry      *e,
                   Target      t,
                   const char *value,
                   int         line)
{
  switch (t.kind)
    {
    case T_FIELD:
      if (t.arg == GW_FIELD_OWNER)
        e->owner_field = TRUE;
      if (t.arg < GW_N_FIELDS && gw_field_is_list ((GwField) t.arg))
        {
          if (!is_blank (value))
            add_list_text (im, e, (GwField) t.arg, value, FALSE);
        }
      else if (t.arg == GW_FIELD_DEPENDS_ON)
        apply_dependencies (im, e, value, RANK_FIELD, line);
      else if (t.arg == GW_FIELD_MILESTONE)
        apply_milestone (im, e, value, RANK_FIELD, line);
      else
        apply_field (im, e, (GwField) t.arg, value, RANK_FIELD, line);
      break;
    case T_RISK:
      apply_risk (im, e, value, RANK_FIELD, line, TRUE);
      break;
    case T_ASSIGNEE:
      g_free (e->assignee);
      e->assignee = g_strdup (value);
      e->assignee_line = line;
      break;
    default:
      break;
    }
}

/* Headings */

static Heading *
heading_top (Importer *im)
{
  return im->headings->len > 0 ? &g_array_index (im->headings, Heading, im->headings->len - 1) : NULL;
}

static void
heading_clear (Heading *h)
{
  g_free (h->text);
  g_free (h->category);
  g_free (h->phase);
  for (guint i = 0; i < GW_N_FIELDS; i++)
    g_free (h->group[i]);
}

static gboolean
contains_word_ci (const char *haystack,
                  const char *word)
{
  g_autofree char *lower = g_ascii_strdown (haystack, -1);
  gsize len = strlen (word);

  for (const char *p = strstr (lower, word); p != NULL; p = strstr (p + 1, word))
    if ((p == lower || !g_ascii_isalnum (p[-1])) && !g_ascii_isalnum (p[len]))
      return TRUE;
  return FALSE;
}

/* The "P0" of "(P0 - CRITICAL)", "SECURITY P0 Issues"; -1 when none. */
static int
find_priority_token (const char *text)
{
  for (const char *p = text; *p; p++)
    if (*p == 'P' && p[1] >= '0' && p[1] <= '3' && !is_word_char (p[2]) &&
        (p == text || !is_word_char (p[-1])) && p[2] != '-')
      return p[1] - '0';
  return -1;
}

static int
heading_priority (const char *text)
{
  int p = find_priority_token (text);

  if (p >= 0)
    return p;
  if (contains_word_ci (text, "critical") || contains_word_ci (text, "blocking") ||
      contains_word_ci (text, "blocker") || contains_word_ci (text, "blockers"))
    return GW_PRIORITY_P0;
  if (strstr (text, "High Priority") || strstr (text, "HIGH PRIORITY") || strstr (text, "high priority"))
    return GW_PRIORITY_P1;
  if (strstr (text, "Medium Priority") || strstr (text, "MEDIUM PRIORITY") || strstr (text, "medium priority"))
    return GW_PRIORITY_P2;
  if (strstr (text, "Low Priority") || strstr (text, "LOW PRIORITY") || strstr (text, "low priority"))
    return GW_PRIORITY_P3;
  return -1;
}

/* The category a heading gives the items below it: "SECURITY P0 Issues"
 * -> "SECURITY", "Day 1: RLS Deployment (8 hours)" -> "RLS Deployment",
 * "TIER 1 PRODUCTION BLOCKERS (P0 - CRITICAL)" -> "TIER 1 PRODUCTION BLOCKERS". */
static char *
heading_category (const char *text)
{
  static const char *const prefixes[] = { "part", "day", "days", "week", "weeks", "sprint", "step", "stage", "month", NULL };
  g_autoptr(GString) s = g_string_new (NULL);
  g_autofree char *bare = NULL;
  gboolean grouped = find_priority_token (text) >= 0;
  const char *p;
  g_auto(GStrv) words = NULL;
  guint n;

  /* Drop parenthesised groups. */
  {
    int depth = 0;

    for (p = text; *p; p++)
      {
        if (*p == '(')
          depth++;
        else if (*p == ')' && depth > 0)
          depth--;
        else if (depth == 0)
          g_string_append_c (s, *p);
      }
  }
  bare = clean_text (s->str);

  /* "Day 1: ..." */
  p = bare;
  while (g_ascii_isalpha (*p))
    p++;
  for (guint i = 0; prefixes[i] != NULL; i++)
    if (word_equal (bare, p - bare, prefixes[i]) && *p == ' ')
      {
        const char *colon = strchr (p, ':');

        if (colon != NULL && colon - p < 12)
          {
            char *rest = g_strdup (colon + 1);

            g_free (bare);
            bare = g_strstrip (rest);
            grouped = TRUE;
          }
        break;
      }

  words = g_strsplit (bare, " ", -1);
  g_string_truncate (s, 0);
  n = g_strv_length (words);
  for (guint i = 0; i < n; i++)
    {
      const char *w = words[i];

      if (find_priority_token (w) >= 0 && strlen (w) == 2)
        continue;
      if (i == n - 1 && (g_ascii_strcasecmp (w, "issues") == 0 || g_ascii_strcasecmp (w, "gaps") == 0 ||
                         g_ascii_strcasecmp (w, "items") == 0))
        {
          grouped = TRUE;
          continue;
        }
      if (i == n - 1 && g_ascii_strcasecmp (w, "blockers") == 0)
        grouped = TRUE;
      if (s->len > 0)
        g_string_append_c (s, ' ');
      g_string_append (s, w);
    }
  while (s->len > 0 && (s->str[s->len - 1] == '-' || s->str[s->len - 1] == ' ' || s->str[s->len - 1] == ':'))
    g_string_truncate (s, s->len - 1);

  if (!grouped || s->len == 0)
    return NULL;
  return g_strdup (s->str);
}

/* "Phase 1: Foundation Security (Week 1-2)" -> "Phase 1: Foundation Security" */
static char *
heading_phase (const char *text)
{
  const char *p = text;

  if (g_ascii_strncasecmp (p, "phase ", 6) != 0)
    return NULL;
  p += 6;
  while (*p == ' ')
    p++;
  if (!g_ascii_isalnum (*p))
    return NULL;
  while (g_ascii_isalnum (*p) || *p == '-' || *p == '.')
    p++;
  while (*p == ' ')
    p++;
  if (*p != '\0' && *p != ':' && *p != '(')
    return NULL;
  return strip_all_last_parens (text);
}

static gboolean
mentions_decision (const char *text)
{
  g_autofree char *lower = g_ascii_strdown (text, -1);

  return strstr (lower, "go/no-go") || strstr (lower, "go-no-go") || strstr (lower, "go / no-go") ||
         strstr (lower, "go/no go") || strstr (lower, "no-go") || contains_word_ci (lower, "decision");
}

static gboolean
decision_level (const char  *text,
                GwGateLevel *level)
{
  g_autofree char *word = first_word (text);

  if (g_str_equal (word, "must") || g_str_equal (word, "must-have"))
    *level = GW_GATE_MUST;
  else if (g_str_equal (word, "should") || g_str_equal (word, "should-have"))
    *level = GW_GATE_SHOULD;
  else if (g_str_equal (word, "nice") || g_str_equal (word, "could") || g_str_equal (word, "nice-to-have"))
    *level = GW_GATE_NICE;
  else
    return FALSE;
  return TRUE;
}

static gboolean
in_scope (Importer *im,
          gboolean  decision)
{
  for (guint i = 0; i < im->headings->len; i++)
    {
      Heading *h = &g_array_index (im->headings, Heading, i);

      if (decision ? h->decision_scope : h->dependency_scope)
        return TRUE;
    }
  return FALSE;
}

static const char *
current_phase (Importer *im)
{
  for (guint i = im->headings->len; i > 0; i--)
    {
      Heading *h = &g_array_index (im->headings, Heading, i - 1);

      if (h->phase != NULL)
        return h->phase;
    }
  return NULL;
}

/* "KEY: Title" with a key that is only a key if fields follow. */
static gboolean
weak_key (const char  *text,
          char       **key,
          char       **title)
{
  const char *colon = strchr (text, ':');
  g_autofree char *candidate = NULL;
  g_autofree char *word = NULL;
  int words = 1;

  if (colon == NULL || colon == text || colon - text > 40 || (colon[1] != ' ' && colon[1] != '\0'))
    return FALSE;
  candidate = g_strstrip (g_strndup (text, colon - text));
  if (*candidate == '\0' || strpbrk (candidate, "()[]*`\"") != NULL)
    return FALSE;
  for (const char *p = candidate; *p; p++)
    if (*p == ' ')
      words++;
  if (words > 4)
    return FALSE;
  word = first_word (candidate);
  for (guint i = 0; reserved_words[i] != NULL; i++)
    if (g_str_equal (word, reserved_words[i]))
      return FALSE;
  if (match_milestone_key (candidate) > 0)
    return FALSE;
  {
    Target t;

    if (lookup_item_label (candidate, &t) || lookup_label (milestone_labels, G_N_ELEMENTS (milestone_labels), candidate, &t))
      return FALSE;
  }
  *key = g_steal_pointer (&candidate);
  *title = g_strstrip (g_strdup (colon + 1));
  return TRUE;
}

/* Opens the section of item @key: the title, and what its heading and the
 * headings above imply. */
static void
open_item (Importer   *im,
           const char *key,
           const char *title_text,
           const char *heading,
           int         line,
           int         level)
{
  g_autofree char *title = NULL;
  g_autofree char *effort = NULL;
  g_autofree char *category = NULL;
  Entry *e = find_entry (im, key);
  GwRisk risk;
  gboolean has_risk = gw_text_risk_from_colour (heading, &risk);
  int priority = -1;
  Rank priority_rank = RANK_CONTEXT;

  close_item (im);

  if (e == NULL)
    e = create_entry (im, key, line);
  else if (e->section != 0)
    warn (im, line, _("%s: the item appears a second time (first on line %d); where the two differ, the first is kept."),
          key, e->line);
  e->section = ++im->section_serial;
  e->owner_field = FALSE;

  /* The title, without what its end says about the item. */
  title = strip_decorations (title_text);
  g_free (e->full_title);
  e->full_title = g_strdup (title);
  {
    g_autofree char *group = NULL;
    g_autofree char *bare = strip_last_parens (title, &group);
    GwEffort parsed;
    gboolean worded = FALSE;

    for (const char *p = group; p != NULL && *p && !worded; p++)
      worded = g_ascii_isalpha (*p);
    if (worded && gw_effort_parse (group, 8.0, NULL, &parsed, NULL))
      {
        effort = g_steal_pointer (&group);
        g_free (title);
        title = g_steal_pointer (&bare);
      }
  }
  {
    const char *dash = g_strrstr (title, " - ");

    if (dash != NULL && dash[3] != '\0')
      {
        gboolean upper = TRUE;

        for (const char *p = dash + 3; *p && upper; p++)
          upper = !g_ascii_islower (*p);
        if (upper && g_ascii_isupper (dash[3]))
          {
            category = g_strstrip (g_strdup (dash + 3));
            title[dash - title] = '\0';
            g_strstrip (title);
          }
      }
  }

  if (*title == '\0')
    {
      warn (im, line, _("%s: the item has no title; its key is used instead."), key);
      g_free (title);
      title = g_strdup (key);
    }

  /* What the headings above imply. */
  for (guint i = im->headings->len; i > 0; i--)
    {
      Heading *h = &g_array_index (im->headings, Heading, i - 1);

      if (priority < 0 && h->priority >= 0)
        {
          priority = h->priority;
          priority_rank = h->priority_stated ? RANK_HEADING : RANK_CONTEXT;
        }
      if (h->category != NULL && e->rank[GW_FIELD_CATEGORY] == RANK_NONE)
        apply_field (im, e, GW_FIELD_CATEGORY, h->category, RANK_CONTEXT, line);
      if (h->phase != NULL && e->rank[GW_FIELD_PHASE] == RANK_NONE)
        apply_field (im, e, GW_FIELD_PHASE, h->phase, RANK_CONTEXT, line);
      for (guint f = 0; f < GW_N_FIELDS; f++)
        if (h->group[f] != NULL && e->rank[f] == RANK_NONE)
          {
            if (f == GW_FIELD_MILESTONE)
              apply_milestone (im, e, h->group[f], RANK_CONTEXT, line);
            else
              apply_field (im, e, (GwField) f, h->group[f], RANK_CONTEXT, line);
          }
    }
  if (priority >= 0)
    apply_field (im, e, GW_FIELD_PRIORITY, gw_priority_to_string ((GwPriority) priority), priority_rank, line);

  /* What the heading itself says. */
  apply_field (im, e, GW_FIELD_TITLE, title, RANK_HEADING, line);
  if (effort != NULL)
    apply_field (im, e, GW_FIELD_EFFORT, effort, RANK_HEADING, line);
  if (category != NULL)
    apply_field (im, e, GW_FIELD_CATEGORY, category, RANK_HEADING, line);
  e->title_effort = effort != NULL;
  e->title_category = category != NULL;
  if (has_risk)
    apply_field (im, e, GW_FIELD_RISK, gw_risk_to_string (risk), RANK_HEADING, line);

  im->item = e;
  im->item_level = level;
  im->item_fresh = TRUE;
  im->para_active = FALSE;
}

/* Ends the open item section; an Assignee is the owner role unless the
 * section also named an Owner. */
static void
close_item (Importer *im)
{
  Entry *e = im->item;

  if (e == NULL)
    return;

  /* "Title (2 hours)" in a section that states its effort (and category)
   * in fields: the parenthesis is part of the title. */
  if ((e->title_effort || e->title_category) &&
      (!e->title_effort || e->rank[GW_FIELD_EFFORT] == RANK_FIELD || e->rank[GW_FIELD_EFFORT_HOURS] == RANK_FIELD) &&
      (!e->title_category || e->rank[GW_FIELD_CATEGORY] == RANK_FIELD) &&
      e->rank[GW_FIELD_TITLE] == RANK_HEADING)
    gw_item_set_title (e->item, e->full_title);
  e->title_effort = e->title_category = FALSE;

  if (e->assignee != NULL)
    {
      if (e->owner_field)
        apply_field (im, e, GW_FIELD_ASSIGNEE, e->assignee, RANK_FIELD, e->assignee_line);
      else
        apply_field (im, e, GW_FIELD_OWNER, e->assignee, RANK_FIELD, e->assignee_line);
      g_clear_pointer (&e->assignee, g_free);
    }
  im->item = NULL;
}

static void
materialize_pending (Importer *im)
{
  g_autofree char *key = g_steal_pointer (&im->pending_key);
  g_autofree char *title = g_steal_pointer (&im->pending_title);
  Heading *h;

  /* The heading frame of the pending item is on top of the stack; the
   * context comes from the ones below it. */
  h = heading_top (im);
  if (h != NULL && h->kind == HEADING_PENDING)
    {
      Heading saved = *h;

      g_array_set_size (im->headings, im->headings->len - 1);
      open_item (im, key, title, im->pending_heading, im->pending_line, im->pending_level);
      saved.kind = HEADING_ITEM;
      g_array_append_val (im->headings, saved);
    }
  else
    open_item (im, key, title, im->pending_heading, im->pending_line, im->pending_level);
}

/* "Milestone 1: Foundation (M1) - 2-3 Weeks" */
static gboolean
parse_milestone_heading (const char  *text,
                         char       **key,
                         char       **name,
                         char       **duration)
{
  const char *p = text;
  const char *token;
  gsize token_len;
  const char *rest;
  const char *open;

  if (g_ascii_strncasecmp (p, "milestone ", 10) != 0)
    return FALSE;
  p += 10;
  while (*p == ' ')
    p++;
  token = p;
  while (g_ascii_isalnum (*p) || *p == '.')
    p++;
  token_len = p - token;
  if (token_len == 0)
    return FALSE;
  while (*p == ' ')
    p++;
  if (*p == ':' || *p == '-')
    p++;
  while (*p == ' ')
    p++;
  rest = p;

  open = strstr (rest, "(");
  *key = NULL;
  *name = NULL;
  *duration = NULL;
  if (open != NULL)
    {
      const char *close = strchr (open, ')');
      gsize len = match_milestone_key (open + 1);

      if (close != NULL && len > 0 && open + 1 + len == close)
        {
          const char *after = close + 1;

          *key = g_strndup (open + 1, len);
          *name = g_strstrip (g_strndup (rest, open - rest));
          while (*after == ' ' || *after == '-' || *after == ':')
            after++;
          if (g_str_has_prefix (after, "–") || g_str_has_prefix (after, "—"))
            after += strlen ("–");
          *duration = g_strstrip (g_strdup (after));
        }
    }
  if (*key == NULL)
    {
      const char *dash = strstr (rest, " - ");

      if (is_milestone_key (token, token_len))
        *key = g_strndup (token, token_len);
      else if (g_ascii_isdigit (*token))
        *key = g_strdup_printf ("M%.*s", (int) token_len, token);
      else
        return FALSE;
      *name = dash ? g_strstrip (g_strndup (rest, dash - rest)) : g_strdup (rest);
      *duration = dash ? g_strstrip (g_strdup (dash + 3)) : g_strdup ("");
    }
  {
    gsize len = strlen (*name);

    while (len > 0 && ((*name)[len - 1] == '-' || (*name)[len - 1] == ' '))
      (*name)[--len] = '\0';
  }
  return TRUE;
}

/* "M1 Gate: Foundation (Week 3)" */
static gboolean
parse_gate_heading (const char  *text,
                    char       **key,
                    char       **name)
{
  gsize len = match_milestone_key (text);
  const char *p = text + len;

  if (len == 0)
    return FALSE;
  while (*p == ' ')
    p++;
  if (g_ascii_strncasecmp (p, "gate", 4) != 0 || g_ascii_isalpha (p[4]))
    return FALSE;
  p += 4;
  while (*p == ' ' || *p == ':' || *p == '-')
    p++;
  *key = g_strndup (text, len);
  *name = strip_all_last_parens (p);
  return TRUE;
}

static void
open_milestone (Importer    *im,
                GwMilestone *m,
                int          level)
{
  im->milestone = m;
  im->milestone_level = level;
}

static void
set_if_empty (char       **field,
              const char  *value)
{
  if ((*field == NULL || **field == '\0') && value != NULL && *value != '\0')
    {
      g_free (*field);
      *field = g_strdup (value);
    }
}

static void
process_heading (Importer   *im,
                 int         level,
                 const char *raw,
                 int         line)
{
  g_autofree char *clean = clean_text (raw);
  g_autofree char *text = clean_text (gw_text_skip_residue (clean));
  Heading h = { 0 };
  g_autofree char *key = NULL;
  g_autofree char *title = NULL;
  g_autofree char *name = NULL;
  g_autofree char *duration = NULL;
  gboolean is_title = level == 1 && !im->seen_title;
  gsize len;

  im->para_active = FALSE;

  if (is_title)
    {
      im->seen_title = TRUE;
      if (*text != '\0')
        g_hash_table_insert (im->data->settings, g_strdup ("name"), g_strdup (text));
    }

  /* A heading below an item's is part of the item: one named like a field
   * starts that field, as a bold label would. */
  if (im->item != NULL && level > im->item_level)
    {
      Target t;

      im->para_active = TRUE;
      im->para_target.kind = T_NONE;
      if (lookup_item_label (text, &t))
        im->para_target = t;
      im->item_fresh = FALSE;
      return;
    }

  close_item (im);
  g_clear_pointer (&im->pending_key, g_free);
  g_clear_pointer (&im->pending_title, g_free);
  if (im->milestone != NULL && level <= im->milestone_level)
    im->milestone = NULL;
  while (im->headings->len > 0 && heading_top (im)->level >= level)
    {
      heading_clear (heading_top (im));
      g_array_set_size (im->headings, im->headings->len - 1);
    }

  h.level = level;
  h.text = g_strdup (text);
  h.priority = -1;

  if (is_title)
    h.kind = HEADING_PLAIN;
  else if ((len = match_item_key (text, &key)) > 0)
    {
      /* the context comes from the headings above, without this one */
      h.kind = HEADING_ITEM;
      open_item (im, key, skip_key_separator (text + len), raw, line, level);
      g_array_append_val (im->headings, h);
      return;
    }
  else if (parse_milestone_heading (text, &key, &name, &duration))
    {
      GwMilestone *m = milestone_get (im, key);

      set_if_empty (&m->name, name);
      set_if_empty (&m->duration, duration);
      h.kind = HEADING_MILESTONE;
      open_milestone (im, m, level);
    }
  else if (parse_gate_heading (text, &key, &name))
    {
      GwMilestone *m = milestone_get (im, key);

      set_if_empty (&m->name, name);
      h.kind = HEADING_MILESTONE;
      open_milestone (im, m, level);
    }
  else if (decision_level (text, &h.gate_level) && (in_scope (im, TRUE) || mentions_decision (text)))
    {
      h.kind = HEADING_DECISION;
      if (h.gate_level == GW_GATE_SHOULD)
        {
          const char *percent = strchr (text, '%');

          if (percent != NULL)
            {
              const char *start = percent;

              while (start > text && g_ascii_isdigit (start[-1]))
                start--;
              if (start < percent)
                g_hash_table_insert (im->data->settings, g_strdup ("should_threshold"),
                                     g_strndup (start, percent - start));
            }
        }
    }
  else if ((h.phase = heading_phase (text)) != NULL)
    {
      h.kind = HEADING_PHASE;
      h.priority = heading_priority (text);
      h.priority_stated = find_priority_token (text) >= 0;
    }
  else if (weak_key (text, &key, &title))
    {
      h.kind = HEADING_PENDING;
      im->pending_key = g_steal_pointer (&key);
      im->pending_title = g_steal_pointer (&title);
      g_free (im->pending_heading);
      im->pending_heading = g_strdup (raw);
      im->pending_line = line;
      im->pending_level = level;
      h.priority = heading_priority (text);
      h.priority_stated = find_priority_token (text) >= 0;
      h.category = heading_category (text);
    }
  else
    {
      h.kind = HEADING_PLAIN;
      h.priority = heading_priority (text);
      h.priority_stated = find_priority_token (text) >= 0;
      h.category = heading_category (text);
    }
  h.decision_scope = mentions_decision (text);
  h.dependency_scope = contains_word_ci (text, "dependency") || contains_word_ci (text, "dependencies");
  g_array_append_val (im->headings, h);
}

/* Paragraphs */

static gboolean
apply_milestone_target (Importer    *im,
                        GwMilestone *m,
                        Target       t,
                        const char  *value,
                        gboolean     done)
{
  switch (t.kind)
    {
    case T_MILESTONE_FIELD:
      switch ((MilestoneField) t.arg)
        {
        case MS_NAME:
          set_if_empty (&m->name, value);
          break;
        case MS_GOAL:
          set_if_empty (&m->goal, value);
          break;
        case MS_DURATION:
          set_if_empty (&m->duration, value);
          break;
        case MS_REQUIRES:
          {
            gsize len = match_milestone_key (value);

            if (len > 0)
              {
                g_autofree char *k = g_strndup (value, len);

                set_if_empty (&m->requires, k);
              }
          }
          break;
        default:
          break;
        }
      return TRUE;
    case T_MILESTONE_LINES:
      {
        g_autofree char *lower = g_ascii_strdown (value, -1);

        if (is_blank (value) || g_str_equal (lower, "none") || g_str_equal (lower, "n/a") || g_str_equal (lower, "-"))
          return TRUE;
        if (t.arg == GW_MILESTONE_LINE_ENTRY)
          {
            /* "M1 complete": the gate of the milestone before. */
            gsize len = match_milestone_key (value);

            if (len > 0)
              {
                g_autofree char *rest = g_ascii_strdown (value + len, -1);

                g_strstrip (rest);
                if (*rest == '\0' || g_str_equal (rest, "complete") || g_str_equal (rest, "completed") ||
                    g_str_equal (rest, "done") || g_str_equal (rest, "finished") || g_str_equal (rest, "passed"))
                  {
                    g_autofree char *k = g_strndup (value, len);

                    if (g_strcmp0 (k, m->key) != 0)
                      set_if_empty (&m->requires, k);
                    return TRUE;
                  }
              }
          }
        g_ptr_array_add (m->lines[t.arg], gw_line_new (value, NAN, done));
      }
      return TRUE;
    default:
      return FALSE;
    }
}

static void
process_segment (Importer   *im,
                 const char *label,
                 const char *value,
                 int         line)
{
  gboolean has_label = label != NULL;
  Target t;

  if (im->item != NULL)
    {
      gboolean fresh = im->item_fresh;

      im->item_fresh = FALSE;
      im->para_active = has_label;
      im->para_target.kind = T_NONE;
      if (!has_label)
        {
          /* A plain paragraph right under the heading describes the item. */
          if (fresh && !is_blank (value) && im->item->rank[GW_FIELD_DESCRIPTION] < RANK_FIELD)
            apply_field (im, im->item, GW_FIELD_DESCRIPTION, value, RANK_FIELD, line);
          return;
        }
      if (lookup_item_label (label, &t))
        {
          im->para_target = t;
          apply_item_target (im, im->item, t, value, line);
        }
      return;
    }

  if (im->milestone != NULL)
    {
      im->para_active = has_label;
      im->para_target.kind = T_NONE;
      if (has_label && lookup_label (milestone_labels, G_N_ELEMENTS (milestone_labels), label, &t))
        {
          im->para_target = t;
          apply_milestone_target (im, im->milestone, t, value, FALSE);
        }
      return;
    }

  im->para_active = has_label;
  im->para_target.kind = T_NONE;
  if (!has_label)
    return;

  {
    GwGateLevel level;

    if (in_scope (im, TRUE) && decision_level (label, &level))
      {
        im->para_target.kind = T_DECISION;
        im->para_target.arg = level;
        return;
      }
  }

  /* "**Priority**: BLOCKING" under a heading: for the items below it. */
  if (lookup_item_label (label, &t) && t.kind == T_FIELD && heading_top (im) != NULL &&
      (t.arg == GW_FIELD_PRIORITY || t.arg == GW_FIELD_OWNER || t.arg == GW_FIELD_CATEGORY ||
       t.arg == GW_FIELD_PHASE || t.arg == GW_FIELD_MILESTONE || t.arg == GW_FIELD_STATUS) &&
      !is_blank (value))
    {
      Heading *h = heading_top (im);

      g_free (h->group[t.arg]);
      h->group[t.arg] = g_strdup (value);
    }
}

static void
process_paragraph (Importer *im,
                   Capture  *cap)
{
  GPtrArray *segs = cap->segments;

  capture_break (cap);

  /* Lines without a label continue the line before. */
  for (guint i = 0; i < segs->len;)
    {
      Segment *seg = g_ptr_array_index (segs, i);
      g_autoptr(GString) value = g_string_new (seg->value);
      guint next = i + 1;

      for (; next < segs->len && ((Segment *) g_ptr_array_index (segs, next))->label == NULL; next++)
        {
          Segment *more = g_ptr_array_index (segs, next);

          if (value->len > 0)
            g_string_append_c (value, '\n');
          g_string_append (value, more->value);
        }
      process_segment (im, seg->label, value->str, seg->line ? seg->line : im->last_line);
      i = next;
    }
}

/* Lists */

static ListItem *
list_item_top (Importer *im)
{
  return im->list_items->len > 0 ? g_ptr_array_index (im->list_items, im->list_items->len - 1) : NULL;
}

static void
list_item_free (ListItem *li)
{
  capture_clear (&li->cap);
  g_free (li);
}

/* What a list that is not inside another list belongs to. */
static Target
top_level_target (Importer *im)
{
  Target t = { T_NONE, 0 };
  Heading *h = heading_top (im);

  if (im->item != NULL || im->pending_key != NULL)
    {
      if (im->para_active)
        return im->para_target;
      t.kind = T_ITEM_TOP;
      return t;
    }
  if (im->milestone != NULL)
    {
      if (im->para_active)
        return im->para_target;
      t.kind = T_MILESTONE_TOP;
      return t;
    }
  if (im->para_active)
    return im->para_target;
  if (h != NULL && h->kind == HEADING_DECISION)
    {
      t.kind = T_DECISION;
      t.arg = h->gate_level;
      return t;
    }
  if (h != NULL && h->kind == HEADING_PHASE)
    t.kind = T_PHASE_LIST;
  return t;
}

/* A list entry that starts with an item key: "P0-001: Secure cookies". */
static gboolean
split_item_ref (const char  *text,
                char       **key,
                char       **rest)
{
  g_autofree char *clean = strip_decorations (text);
  gsize len = match_item_key (clean, key);

  if (len == 0)
    return FALSE;
  *rest = g_strdup (skip_key_separator (clean + len));
  return TRUE;
}

static void
flush_list_item (Importer *im,
                 ListItem *li)
{
  g_autofree char *label = NULL;
  g_autofree char *value = NULL;
  gboolean has_label;
  int line = li->cap.line ? li->cap.line : im->last_line;
  Target in = li->inherited;
  Target t;

  if (li->flushed)
    return;
  li->flushed = TRUE;
  has_label = capture_label (&li->cap, &label, &value);
  li->child.kind = T_NONE;
  li->own.kind = T_NONE;

  switch (in.kind)
    {
    case T_ITEM_TOP:
    case T_CONTAINER:
      if (has_label)
        {
          if (!lookup_item_label (label, &t))
            return;
          if (im->item == NULL && im->pending_key != NULL)
            materialize_pending (im);
          if (im->item == NULL)
            return;
          im->item_fresh = FALSE;
          li->own = t;
          li->child = t;
          li->entry = im->item;
          if (target_is_item_list (t))
            {
              if (!is_blank (value))
                li->line = add_list_text (im, im->item, (GwField) t.arg, value, li->done);
            }
          else
            apply_item_target (im, im->item, t, value, line);
        }
      else if (in.kind == T_ITEM_TOP && im->item != NULL && !is_blank (value))
        {
          im->item_fresh = FALSE;
          li->entry = im->item;
          li->line = add_list_text (im, im->item, GW_FIELD_REMEDIATION, value, li->done);
          li->child.kind = T_FIELD;
          li->child.arg = GW_FIELD_REMEDIATION;
        }
      break;

    case T_FIELD:
      if (im->item == NULL)
        break;
      li->entry = im->item;
      if (has_label)
        {
          g_free (value);
          value = g_strdup_printf ("**%s**: %s", label, li->cap.rich->str);
          g_strstrip (value);
        }
      if (in.arg < GW_N_FIELDS && gw_field_is_list ((GwField) in.arg))
        {
          if (!is_blank (value))
            li->line = add_list_text (im, im->item, (GwField) in.arg, value, li->done);
          li->child = in;
        }
      else if (in.arg == GW_FIELD_EFFORT || in.arg == GW_FIELD_EFFORT_HOURS)
        {
          if (!is_blank (value))
            li->line = add_list_text (im, im->item, GW_FIELD_BREAKDOWN, value, FALSE);
        }
      else if (in.arg == GW_FIELD_DEPENDS_ON)
        apply_dependencies (im, im->item, value, RANK_FIELD, line);
      break;

    case T_RISK:
      if (im->item != NULL && !is_blank (value))
        {
          li->entry = im->item;
          li->line = add_list_text (im, im->item, GW_FIELD_IMPACT_IF_NOT_FIXED, value, FALSE);
          li->child = in;
        }
      break;

    case T_MILESTONE_TOP:
      if (im->milestone != NULL && has_label &&
          lookup_label (milestone_labels, G_N_ELEMENTS (milestone_labels), label, &t))
        {
          apply_milestone_target (im, im->milestone, t, value, FALSE);
          li->child = t;
        }
      break;

    case T_MILESTONE_LINES:
      if (im->milestone != NULL)
        apply_milestone_target (im, im->milestone, in, has_label ? li->cap.plain->str : value, li->done);
      break;

    case T_DECISION:
      {
        g_autofree char *key = NULL;
        g_autofree char *rest = NULL;
        g_autofree char *text = has_label ? g_strdup (li->cap.plain->str) : g_strdup (value);

        if (is_blank (text))
          break;
        if (split_item_ref (text, &key, &rest))
          g_ptr_array_add (im->data->decision, gw_decision_entry_new ((GwGateLevel) in.arg, key, rest, li->done));
        else
          g_ptr_array_add (im->data->decision, gw_decision_entry_new ((GwGateLevel) in.arg, NULL, g_strstrip (text), li->done));
      }
      break;

    case T_PHASE_LIST:
      {
        g_autofree char *key = NULL;
        g_autofree char *rest = NULL;
        const char *phase = current_phase (im);

        if (phase != NULL && split_item_ref (li->cap.plain->str, &key, &rest))
          {
            PhaseRef *ref = g_new0 (PhaseRef, 1);

            ref->key = g_steal_pointer (&key);
            ref->phase = g_strdup (phase);
            ref->line = line;
            g_ptr_array_add (im->phase_refs, ref);
          }
      }
      break;

    default:
      break;
    }
}

/* Code blocks */

static gboolean
is_box_char (gunichar c)
{
  return (c >= 0x2500 && c <= 0x257F) || c == '|' || c == '+';
}

static gboolean
looks_like_box (const char *code)
{
  return strstr (code, "┌") != NULL || strstr (code, "╔") != NULL || strstr (code, "│") != NULL ||
         g_str_has_prefix (code, "+--");
}

/* The content of one line of a drawn box, and its indentation inside the box. */
static char *
box_content (const char *line,
             int        *indent)
{
  const char *p = line;
  const char *end;
  gboolean border = FALSE;

  while (*p == ' ' || *p == '\t')
    p++;
  while (*p && is_box_char (g_utf8_get_char (p)))
    {
      border = TRUE;
      p = g_utf8_next_char (p);
    }
  *indent = 0;
  if (border)
    while (p[*indent] == ' ')
      (*indent)++;
  end = p + strlen (p);
  while (end > p)
    {
      const char *prev = g_utf8_find_prev_char (p, end);
      gunichar c = g_utf8_get_char (prev);

      if (c != ' ' && c != '\t' && !is_box_char (c))
        break;
      end = prev;
    }
  return g_strstrip (g_strndup (p, end - p));
}

static const char *
skip_bullet (const char *text,
             gboolean   *done)
{
  static const char *const bullets[] = { "•", "✓", "✔", "☐", "☑", "✗", "✘", "▪", "◦", "-", "*", "[ ]", "[x]", "[X]", NULL };

  *done = FALSE;
  for (guint i = 0; bullets[i] != NULL; i++)
    if (g_str_has_prefix (text, bullets[i]))
      {
        *done = g_str_equal (bullets[i], "☑") || g_str_equal (bullets[i], "[x]") || g_str_equal (bullets[i], "[X]");
        text += strlen (bullets[i]);
        while (*text == ' ')
          text++;
        return text;
      }
  return NULL;
}

/* A gap drawn as a box (as in visual guides): "Current State: ░░░ 0%",
 * "Blockers:" with bullets, "Tasks (5 days):" with steps, "Success
 * Criteria:" with check marks. */
static void
read_box (Importer   *im,
          Entry      *e,
          const char *code,
          int         first_line)
{
  g_auto(GStrv) rows = g_strsplit (code, "\n", -1);
  Target list = { T_NONE, 0 };
  int label_indent = -1;

  for (guint i = 0; rows[i] != NULL; i++)
    {
      int indent;
      g_autofree char *content = box_content (rows[i], &indent);
      int line = first_line + (int) i;
      const char *colon;
      gboolean done;
      const char *item;

      if (*content == '\0')
        continue;

      colon = strchr (content, ':');
      if (colon != NULL && colon - content <= 40 && (label_indent < 0 || indent <= label_indent) &&
          g_ascii_isalpha (content[0]))
        {
          g_autofree char *label = g_strndup (content, colon - content);
          g_autofree char *group = NULL;
          g_autofree char *bare = strip_last_parens (label, &group);
          g_autofree char *norm = normalize_label (bare);
          g_autofree char *value = g_strstrip (g_strdup (colon + 1));
          Target t;

          label_indent = indent;
          list.kind = T_NONE;
          if (g_str_equal (norm, "blockers") || g_str_equal (norm, "findings"))
            t = (Target) { T_FIELD, GW_FIELD_EVIDENCE };
          else if (g_str_equal (norm, "tasks") || g_str_equal (norm, "steps"))
            t = (Target) { T_FIELD, GW_FIELD_REMEDIATION };
          else if (g_str_equal (norm, "success criteria"))
            t = (Target) { T_FIELD, GW_FIELD_ACCEPTANCE_CRITERIA };
          else if (!lookup_item_label (bare, &t))
            continue;

          if (group != NULL && t.kind == T_FIELD && t.arg == GW_FIELD_REMEDIATION)
            apply_field (im, e, GW_FIELD_EFFORT, group, RANK_FIELD, line);
          if (target_is_item_list (t))
            {
              list = t;
              if (!is_blank (value))
                add_list_text (im, e, (GwField) t.arg, value, FALSE);
            }
          else if (t.kind == T_FIELD && (t.arg == GW_FIELD_CURRENT_PCT || t.arg == GW_FIELD_TARGET_PCT))
            {
              /* the number before '%', after the bar */
              const char *percent = strchr (value, '%');
              const char *start = percent;

              while (start != NULL && start > value && (g_ascii_isdigit (start[-1]) || start[-1] == '.'))
                start--;
              if (start != NULL && start < percent)
                {
                  g_autofree char *number = g_strndup (start, percent - start);

                  apply_field (im, e, (GwField) t.arg, number, RANK_FIELD, line);
                }
            }
          else if (!is_blank (value))
            apply_item_target (im, e, t, value, line);
          continue;
        }

      if (list.kind == T_NONE || indent <= label_indent)
        continue;
      item = skip_bullet (content, &done);
      {
        g_autofree char *text = clean_text (item ? item : content);

        add_list_text (im, e, (GwField) list.arg, text, done);
      }
    }
}

static char *
fenced (Importer   *im,
        const char *content)
{
  const char *fence = strstr (content, "```") ? "~~~" : "```";
  gsize len = strlen (content);

  while (len > 0 && content[len - 1] == '\n')
    len--;
  if (im->fence_char == 0)
    return g_strndup (content, len);
  return g_strdup_printf ("%s%s\n%.*s\n%s", fence, im->code_info ? im->code_info : "", (int) len, content, fence);
}

static void
process_code (Importer *im)
{
  ListItem *li = list_item_top (im);
  int line = im->code_line ? im->code_line : im->last_line;

  if (in_scope (im, FALSE))
    {
      Graph *g = g_new0 (Graph, 1);

      g->text = g_strdup (im->code->str);
      g->line = line;
      g_ptr_array_add (im->graphs, g);
    }

  if (im->item == NULL)
    return;
  im->item_fresh = FALSE;

  if (li != NULL)
    {
      /* Code inside a list entry belongs to the entry's line: one evidence
       * line with its newlines. */
      g_autofree char *code = fenced (im, im->code->str);

      if (li->line != NULL && li->entry == im->item)
        {
          char *joined = g_strdup_printf ("%s\n%s", li->line->text, code);

          g_free (li->line->text);
          li->line->text = joined;
        }
      else if (li->entry == im->item && target_is_item_list (li->own))
        li->line = add_list_text (im, im->item, (GwField) li->own.arg, code, FALSE);
      return;
    }

  if (looks_like_box (im->code->str))
    read_box (im, im->item, im->code->str, line);
  else if (im->para_active && target_is_item_list (im->para_target))
    {
      g_autofree char *code = fenced (im, im->code->str);

      add_list_text (im, im->item, (GwField) im->para_target.arg, code, FALSE);
    }
}

/* Tables: read after the document */

static void
row_free (Row *row)
{
  g_ptr_array_unref (row->cells);
  g_free (row);
}

static void
table_free (Table *t)
{
  g_ptr_array_unref (t->header);
  g_ptr_array_unref (t->rows);
  g_free (t);
}

static const char *
row_cell (Row  *row,
          int   column)
{
  if (column < 0 || (guint) column >= row->cells->len)
    return "";
  return g_ptr_array_index (row->cells, column);
}

static gboolean
is_total (const char *text)
{
  g_autofree char *word = first_word (text);

  return g_str_equal (word, "total") || g_str_equal (word, "totals") || g_str_equal (word, "sum") ||
         g_str_equal (word, "average");
}

/* "1.1" names "Gap 1.1" when only one item ends so. */
static void
index_numbers (Importer *im)
{
  g_hash_table_remove_all (im->by_number);
  for (guint i = 0; i < im->entries->len; i++)
    {
      Entry *e = g_ptr_array_index (im->entries, i);
      const char *key = gw_item_get_key (e->item);
      const char *space = strrchr (key, ' ');

      if (space != NULL && match_word_key (key) == strlen (key))
        {
          const char *number = space[1] == '#' ? space + 2 : space + 1;

          if (g_hash_table_contains (im->by_number, number))
            g_hash_table_insert (im->by_number, g_strdup (number), &ambiguous);
          else
            g_hash_table_insert (im->by_number, g_strdup (number), e);
        }
    }
}

/* The key a table cell names, and the text after it. */
/* "1.1" in a table whose other numbers name "Gap N.M" items names
 * "Gap 1.1"; @prefix is that "Gap ", or NULL when none is known. */
static gboolean
table_key (Importer    *im,
           const char  *cell,
           gboolean     numbers,
           const char  *prefix,
           char       **key,
           char       **rest)
{
  g_autofree char *clean = strip_decorations (cell);
  gsize len = match_item_key (clean, key);

  if (len == 0 && numbers && (len = match_number_key (clean)) > 0)
    {
      g_autofree char *number = g_strndup (clean, len);
      Entry *e = g_hash_table_lookup (im->by_number, number);

      if (e != NULL && e != &ambiguous)
        *key = g_strdup (gw_item_get_key (e->item));
      else if (prefix != NULL && e == NULL)
        *key = g_strconcat (prefix, number, NULL);
      else
        return FALSE;
    }
  if (len == 0)
    return FALSE;
  *rest = g_strdup (skip_key_separator (clean + len));
  return TRUE;
}

typedef enum
{
  COL_IGNORE,
  COL_TITLE,
  COL_FIELD,
  COL_RISK,
  COL_SEVERITY,
} ColumnKind;

typedef struct
{
  ColumnKind kind;
  GwField    field;
} Column;

static Column
table_column (const char *header)
{
  g_autofree char *norm = normalize_label (header);
  Column c = { COL_IGNORE, 0 };
  Target t;

  if (g_str_equal (norm, "title") || g_str_equal (norm, "name") || g_str_equal (norm, "issue") ||
      g_str_equal (norm, "gap") || g_str_equal (norm, "item") || g_str_equal (norm, "task") ||
      g_str_equal (norm, "summary"))
    c.kind = COL_TITLE;
  else if (g_str_equal (norm, "severity"))
    c.kind = COL_SEVERITY;
  else if (g_str_equal (norm, "hours") || g_str_equal (norm, "effort (h)"))
    {
      c.kind = COL_FIELD;
      c.field = GW_FIELD_EFFORT;
    }
  else if (g_str_equal (norm, "role") || g_str_equal (norm, "team") || g_str_equal (norm, "assignee"))
    {
      c.kind = COL_FIELD;
      c.field = GW_FIELD_OWNER;
    }
  else if (lookup_item_label (norm, &t))
    {
      if (t.kind == T_RISK)
        c.kind = COL_RISK;
      else if (t.kind == T_FIELD && !(t.arg < GW_N_FIELDS && gw_field_is_list ((GwField) t.arg)) &&
               t.arg != GW_FIELD_DESCRIPTION)
        {
          c.kind = COL_FIELD;
          c.field = (GwField) t.arg;
        }
    }
  return c;
}

static void
apply_cell (Importer   *im,
            Entry      *e,
            Column      c,
            const char *value,
            int         line)
{
  if (is_blank (value))
    return;
  switch (c.kind)
    {
    case COL_TITLE:
      {
        g_autofree char *title = clean_text (value);

        apply_field (im, e, GW_FIELD_TITLE, title, RANK_TABLE, line);
      }
      break;
    case COL_RISK:
      apply_risk (im, e, value, RANK_TABLE, line, FALSE);
      break;
    case COL_SEVERITY:
      {
        /* "🔴 BLOCKING", "✅ FIXED", "🟡 DEFERRED" */
        g_autofree char *clean = strip_decorations (value);
        GwRisk risk;
        GwStatus status;
        GwPriority priority;

        if (gw_text_risk_from_colour (value, &risk))
          apply_field (im, e, GW_FIELD_RISK, gw_risk_to_string (risk), RANK_TABLE, line);
        if (parse_priority (clean, &priority))
          apply_field (im, e, GW_FIELD_PRIORITY, gw_priority_to_string (priority), RANK_TABLE, line);
        else if (parse_status (clean, &status))
          apply_field (im, e, GW_FIELD_STATUS, gw_status_to_string (status), RANK_TABLE, line);
      }
      break;
    case COL_FIELD:
      switch (c.field)
        {
        case GW_FIELD_DEPENDS_ON:
          apply_dependencies (im, e, value, RANK_TABLE, line);
          break;
        case GW_FIELD_MILESTONE:
          apply_milestone (im, e, value, RANK_TABLE, line);
          break;
        case GW_FIELD_STATUS:
        case GW_FIELD_PRIORITY:
        case GW_FIELD_ACTION:
          {
            /* Tables use these columns loosely ("Status: CRITICAL"): take
             * only what reads as one. */
            g_autofree char *problem = NULL;
            g_autofree char *norm = normalize_value (c.field, value, &problem);

            if (norm != NULL)
              apply_field (im, e, c.field, value, RANK_TABLE, line);
          }
          break;
        default:
          apply_field (im, e, c.field, value, RANK_TABLE, line);
          break;
        }
      break;
    default:
      break;
    }
}

/* Roles */

static GwRole *
role_lookup (Importer   *im,
             const char *name)
{
  g_autofree char *folded = g_utf8_casefold (name, -1);

  return g_hash_table_lookup (im->roles_by_name, folded);
}

static GwRole *
role_get (Importer   *im,
          const char *name)
{
  GwRole *role = role_lookup (im, name);

  if (role == NULL)
    {
      role = gw_role_new (name);
      g_ptr_array_add (im->roles, role);
      g_hash_table_insert (im->roles_by_name, g_utf8_casefold (name, -1), role);
    }
  return role;
}

/* The role a short name stands for: "Security" -> "Security Engineer",
 * "Docs" -> "Documentation Specialist"; NULL unless exactly one fits. */
static GwRole *
role_resolve (Importer   *im,
              const char *name)
{
  GwRole *found = role_lookup (im, name);
  g_autofree char *folded = NULL;
  guint matches = 0;

  if (found != NULL)
    return found;
  folded = g_utf8_casefold (name, -1);
  for (int pass = 0; pass < 2 && matches == 0; pass++)
    {
      for (guint i = 0; i < im->roles->len; i++)
        {
          GwRole *role = g_ptr_array_index (im->roles, i);
          g_autofree char *role_folded = g_utf8_casefold (role->name, -1);
          gsize first = strcspn (role_folded, " -_/");
          gboolean fits;

          if (pass == 0)
            fits = strlen (folded) == first && strncmp (role_folded, folded, first) == 0;
          else
            {
              gsize len = strlen (folded);

              if (len > 1 && folded[len - 1] == 's')
                len--;
              fits = len >= 3 && len < first && strncmp (role_folded, folded, len) == 0;
            }
          if (fits)
            {
              found = role;
              matches++;
            }
        }
    }
  return matches == 1 ? found : NULL;
}

static gboolean
parse_count (const char *text,
             int        *count)
{
  g_autofree char *clean = strip_decorations (text);
  char *end = NULL;
  gint64 v;

  if (*clean == '\0')
    return FALSE;
  v = g_ascii_strtoll (clean, &end, 10);
  if (end == clean || *end != '\0' || v < 0 || v > 100000)
    return FALSE;
  *count = (int) v;
  return TRUE;
}

static int
find_column (GPtrArray         *header,
             const char *const *names,
             gboolean           contains)
{
  for (guint i = 0; i < header->len; i++)
    {
      g_autofree char *norm = normalize_label (g_ptr_array_index (header, i));

      for (guint j = 0; names[j] != NULL; j++)
        if (contains ? strstr (norm, names[j]) != NULL : g_str_equal (norm, names[j]))
          return (int) i;
    }
  return -1;
}

/* "Role | People | Hours per week", "Agent Expertise | Assigned Issues" */
static gboolean
read_role_table (Importer *im,
                 Table    *t)
{
  static const char *const role_names[] = { "role", "roles", "agent expertise", "expertise", "team role", NULL };
  static const char *const people_names[] = { "people", "headcount", "head count", "count", "engineers", "persons",
                                              "fte", "team size", "number", NULL };
  static const char *const hours_names[] = { "hours per week", "hours/week", "h/week", "weekly hours",
                                             "hours per person", NULL };
  static const char *const cost_names[] = { "cost per hour", "hourly rate", "rate", "cost/hour", NULL };
  static const char *const assigned_names[] = { "assigned", NULL };
  int role_col = find_column (t->header, role_names, FALSE);
  int people_col = find_column (t->header, people_names, FALSE);
  int hours_col = find_column (t->header, hours_names, TRUE);
  int cost_col = find_column (t->header, cost_names, TRUE);
  int assigned_col = find_column (t->header, assigned_names, TRUE);

  if (role_col < 0)
    return FALSE;

  for (guint r = 0; r < t->rows->len; r++)
    {
      Row *row = g_ptr_array_index (t->rows, r);
      g_autofree char *name = clean_text (row_cell (row, role_col));
      GwRole *role;
      int count;

      if (*name == '\0' || is_total (name))
        continue;
      role = role_get (im, name);
      if (people_col >= 0 && parse_count (row_cell (row, people_col), &count))
        {
          role->headcount = count;
          g_hash_table_add (im->explicit_headcount, role);
        }
      if (hours_col >= 0)
        {
          double h = leading_number (row_cell (row, hours_col), NULL);

          if (!isnan (h) && h > 0 && h <= 168)
            role->hours_per_week = h;
        }
      if (cost_col >= 0)
        {
          double c = leading_number (row_cell (row, cost_col), NULL);

          if (!isnan (c) && c >= 0)
            role->cost_per_hour = c;
        }
      if (assigned_col >= 0)
        {
          g_auto(GStrv) keys = g_strsplit_set (row_cell (row, assigned_col), ",;", -1);

          for (guint k = 0; keys[k] != NULL; k++)
            {
              g_autofree char *key = NULL;
              g_autofree char *part = clean_text (keys[k]);
              Entry *e;

              if (match_item_key (part, &key) > 0 && (e = find_entry (im, key)) != NULL)
                apply_field (im, e, GW_FIELD_OWNER, role->name, RANK_TABLE, row->line);
            }
        }
    }
  return TRUE;
}

/* "Phase | Duration | Security | Backend | ... | Total": people per role
 * per phase; a role's headcount is its peak. */
static gboolean
read_staffing_table (Importer *im,
                     Table    *t)
{
  static const char *const period_names[] = { "phase", "week", "weeks", "period", "sprint", "month", "stage", NULL };
  static const char *const skip[] = { "duration", "total", "notes", "hours", "weeks", "comment", "comments",
                                      "dates", "goal", NULL };
  gboolean any = FALSE;

  if (t->header->len < 2 || find_column (t->header, period_names, FALSE) != 0)
    return FALSE;

  for (guint c = 1; c < t->header->len; c++)
    {
      g_autofree char *norm = normalize_label (g_ptr_array_index (t->header, c));
      g_autofree char *name = clean_text (g_ptr_array_index (t->header, c));
      gboolean numeric = TRUE;
      int peak = 0;
      GwRole *role;

      if (*norm == '\0' || g_strv_contains (skip, norm))
        continue;
      for (guint r = 0; r < t->rows->len && numeric; r++)
        {
          Row *row = g_ptr_array_index (t->rows, r);
          const char *cell = row_cell (row, (int) c);
          int count;

          if (is_blank (cell))
            continue;
          if (is_total (row_cell (row, 0)))
            continue;
          numeric = parse_count (cell, &count);
          if (numeric)
            peak = MAX (peak, count);
        }
      if (!numeric || t->rows->len == 0)
        continue;
      any = TRUE;
      role = role_resolve (im, name);
      if (role == NULL)
        role = role_get (im, name);
      if (!g_hash_table_contains (im->explicit_headcount, role) && peak > 0)
        role->headcount = peak;
    }
  return any;
}

typedef struct
{
  Row      *first;     /* the row whose cells count */
  char     *key;
  char     *rest;      /* the title after the key in the ID cell */
  double    hours;     /* the efforts of all its rows added up */
  gboolean  summable;
  guint     rows;
} RowGroup;

static void
row_group_free (RowGroup *g)
{
  g_free (g->key);
  g_free (g->rest);
  g_free (g);
}

static void
read_item_table (Importer *im,
                 Table    *t,
                 int       id_col,
                 gboolean  numbers,
                 gboolean  names)
{
  g_autoptr(GHashTable) by_key = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func ((GDestroyNotify) row_group_free);
  g_autoptr(GArray) columns = g_array_new (FALSE, FALSE, sizeof (Column));
  g_autofree char *prefix = NULL;
  gboolean mixed = FALSE;
  int effort_col = -1;

  /* The word the numbers of this table stand for, when they all agree. */
  for (guint r = 0; numbers && r < t->rows->len && !mixed; r++)
    {
      g_autofree char *clean = strip_decorations (row_cell (g_ptr_array_index (t->rows, r), id_col));
      gsize len = match_number_key (clean);
      g_autofree char *number = len > 0 ? g_strndup (clean, len) : NULL;
      Entry *e = number ? g_hash_table_lookup (im->by_number, number) : NULL;

      if (e != NULL && e != &ambiguous)
        {
          const char *key = gw_item_get_key (e->item);
          g_autofree char *word = g_strndup (key, strlen (key) - strlen (number));

          if (prefix == NULL)
            prefix = g_steal_pointer (&word);
          else
            mixed = !g_str_equal (prefix, word);
        }
    }
  if (mixed || (prefix != NULL && g_str_has_suffix (prefix, "#")))
    g_clear_pointer (&prefix, g_free);

  for (guint c = 0; c < t->header->len; c++)
    {
      Column col = table_column (g_ptr_array_index (t->header, c));

      if ((int) c == id_col)
        col.kind = names ? COL_TITLE : COL_IGNORE;
      if (col.kind == COL_FIELD && (col.field == GW_FIELD_EFFORT || col.field == GW_FIELD_EFFORT_HOURS))
        effort_col = (int) c;
      g_array_append_val (columns, col);
    }

  /* Rows by key: work split over two days is one item with both efforts. */
  for (guint r = 0; r < t->rows->len; r++)
    {
      Row *row = g_ptr_array_index (t->rows, r);
      const char *id = row_cell (row, id_col);
      g_autofree char *key = NULL;
      g_autofree char *rest = NULL;
      gboolean any = FALSE;
      RowGroup *g;
      GwEffort effort;

      for (guint c = 0; c < row->cells->len; c++)
        any |= !is_blank (g_ptr_array_index (row->cells, c));
      if (!any || is_total (id))
        continue;

      if (names)
        {
          key = clean_text (id);
          rest = g_strdup ("");
          if (*key == '\0' || strchr (key, ';') != NULL)
            continue;
        }
      else if (!table_key (im, id, numbers, prefix, &key, &rest))
        {
          g_autofree char *shown = clean_text (is_blank (id) ? row_cell (row, id_col == 0 ? 1 : 0) : id);

          if (!(numbers && match_number_key (id) > 0))
            warn (im, row->line, _("The table row “%s” names no item key; it is left out."), shown);
          continue;
        }

      g = g_hash_table_lookup (by_key, key);
      if (g == NULL)
        {
          g = g_new0 (RowGroup, 1);
          g->first = row;
          g->key = g_steal_pointer (&key);
          g->rest = g_steal_pointer (&rest);
          g->summable = TRUE;
          g_ptr_array_add (groups, g);
          g_hash_table_insert (by_key, g->key, g);
        }
      g->rows++;
      if (effort_col >= 0 && gw_effort_parse (row_cell (row, effort_col), 8.0, NULL, &effort, NULL) &&
          effort.size == GW_SIZE_NONE)
        g->hours += effort.hours;
      else
        g->summable = FALSE;
    }

  for (guint i = 0; i < groups->len; i++)
    {
      RowGroup *g = g_ptr_array_index (groups, i);
      Row *row = g->first;
      Entry *e = find_entry (im, g->key);

      if (e == NULL)
        {
          gboolean titled = !is_blank (g->rest);

          e = create_entry (im, g->key, row->line);
          for (guint c = 0; c < columns->len && !titled; c++)
            titled = g_array_index (columns, Column, c).kind == COL_TITLE && !is_blank (row_cell (row, (int) c));
          if (!titled)
            {
              warn (im, row->line, _("%s: the item has no title; its key is used instead."), g->key);
              apply_field (im, e, GW_FIELD_TITLE, g->key, RANK_TABLE, row->line);
            }
        }

      if (!is_blank (g->rest))
        apply_field (im, e, GW_FIELD_TITLE, g->rest, RANK_TABLE, row->line);
      for (guint c = 0; c < columns->len; c++)
        {
          const char *cell = row_cell (row, (int) c);
          g_autofree char *sum = NULL;

          if ((int) c == id_col && !names)
            continue;
          if ((int) c == effort_col && g->rows > 1 && g->summable)
            {
              g_autofree char *hours = gw_format_hours (g->hours);

              cell = sum = g_strdup_printf ("%s hours", hours);
            }
          apply_cell (im, e, g_array_index (columns, Column, c), cell, row->line);
        }
    }
}

static void
read_table (Importer *im,
            Table    *t)
{
  static const char *const id_names[] = { "id", "#", "key", "gap", "issue", "item", "task", "ref", "no", "no.", NULL };
  static const char *const name_names[] = { "gap", "issue", "item", NULL };

  for (guint c = 0; c < t->header->len; c++)
    {
      g_autofree char *norm = normalize_label (g_ptr_array_index (t->header, c));
      guint keys = 0, filled = 0;
      gboolean numbers = g_str_equal (norm, "#") || g_str_equal (norm, "no") || g_str_equal (norm, "no.") ||
                         g_str_equal (norm, "id");

      if (!g_strv_contains (id_names, norm))
        continue;
      for (guint r = 0; r < t->rows->len; r++)
        {
          Row *row = g_ptr_array_index (t->rows, r);
          const char *cell = row_cell (row, (int) c);
          g_autofree char *key = NULL;
          g_autofree char *rest = NULL;

          if (is_blank (cell) || is_total (cell))
            continue;
          filled++;
          if (table_key (im, cell, numbers, NULL, &key, &rest))
            keys++;
        }
      if (keys > 0 && keys * 2 >= filled)
        {
          read_item_table (im, t, (int) c, numbers, FALSE);
          return;
        }
    }

  if (read_role_table (im, t))
    return;

  /* A gap status table that names its gaps without keys. */
  for (guint c = 0; c < t->header->len; c++)
    {
      g_autofree char *norm = normalize_label (g_ptr_array_index (t->header, c));
      gboolean fields = FALSE;

      if (!g_strv_contains (name_names, norm))
        continue;
      for (guint other = 0; other < t->header->len; other++)
        if (other != c)
          {
            Column col = table_column (g_ptr_array_index (t->header, other));

            fields |= col.kind == COL_FIELD || col.kind == COL_RISK || col.kind == COL_SEVERITY;
          }
      if (fields)
        read_item_table (im, t, (int) c, FALSE, TRUE);
      return;
    }
}

/* Dependency graphs drawn as text */

typedef struct
{
  guint  row;
  guint  start;   /* first column */
  guint  end;     /* last column */
  Entry *entry;
} GraphKey;

typedef struct
{
  GPtrArray *rows;        /* GArray of gunichar */
  GArray    *keys;        /* GraphKey, by row */
  GArray    *row_first;   /* guint: the first key of each row; one more at the end */
} Grid;

static gunichar
grid_at (Grid *g,
         int   row,
         int   col)
{
  GArray *r;

  if (row < 0 || (guint) row >= g->rows->len || col < 0)
    return ' ';
  r = g_ptr_array_index (g->rows, row);
  return (guint) col < r->len ? g_array_index (r, gunichar, col) : ' ';
}

static GraphKey *
grid_key_at (Grid *g,
             int   row,
             int   col)
{
  if (row < 0 || (guint) row + 1 >= g->row_first->len)
    return NULL;
  for (guint i = g_array_index (g->row_first, guint, row); i < g_array_index (g->row_first, guint, row + 1); i++)
    {
      GraphKey *k = &g_array_index (g->keys, GraphKey, i);

      if ((int) k->start <= col && col <= (int) k->end)
        return k;
    }
  return NULL;
}

static gboolean
is_vertical (gunichar c)
{
  return c == '|' || c == 0x2502 || c == 0x2503 || c == 0x2551;
}

static gboolean
is_down_head (gunichar c)
{
  return c == 'v' || c == 'V' || c == 0x25BC || c == 0x2193;
}

static gboolean
is_up_head (gunichar c)
{
  return c == '^' || c == 0x25B2 || c == 0x2191;
}

static gboolean
is_right_head (gunichar c)
{
  return c == '>' || c == 0x2192 || c == 0x25BA || c == 0x25B6;
}

static gboolean
is_left_head (gunichar c)
{
  return c == '<' || c == 0x2190 || c == 0x25C4 || c == 0x25C0;
}

static gboolean
is_shaft (gunichar c)
{
  return c == '-' || c == '=' || c == 0x2500 || c == 0x2501 || c == 0x2550;
}

/* Whether @to is among what @from depends on, directly or not; fills
 * @path with the chain from @from when it is. */
static gboolean
depends_path (Importer  *im,
              Entry     *from,
              Entry     *to,
              GPtrArray *path)
{
  GPtrArray *deps;

  if (from == to)
    {
      g_ptr_array_add (path, from);
      return TRUE;
    }
  if (from->visit == im->visit)
    return FALSE;
  from->visit = im->visit;
  deps = gw_item_get_depends_on (from->item);
  for (guint i = 0; i < deps->len; i++)
    {
      GwDependency *dep = g_ptr_array_index (deps, i);
      Entry *next = find_entry (im, dep->key);

      if (next != NULL && depends_path (im, next, to, path))
        {
          g_ptr_array_insert (path, 0, from);
          return TRUE;
        }
    }
  return FALSE;
}

/* The graph draws an arrow from @before to @after: @after waits for @before. */
static void
add_graph_edge (Importer *im,
                Entry    *before,
                Entry    *after,
                int       line)
{
  g_autoptr(GPtrArray) path = g_ptr_array_new ();

  if (before == after)
    return;
  im->visit++;
  if (depends_path (im, before, after, path))
    {
      GString *cycle = g_string_new (gw_item_get_key (after->item));

      for (guint i = 0; i < path->len; i++)
        {
          Entry *e = g_ptr_array_index (path, i);

          g_string_append_printf (cycle, " -> %s", gw_item_get_key (e->item));
        }
      warn (im, line, _("The dependency graph’s arrow from %s to %s would close the cycle %s; it is left out."),
            gw_item_get_key (before->item), gw_item_get_key (after->item), cycle->str);
      g_string_free (cycle, TRUE);
      return;
    }
  gw_item_add_dependency (after->item, gw_item_get_key (before->item), 0);
}

static void
read_graph (Importer *im,
            Graph    *graph)
{
  g_auto(GStrv) lines = g_strsplit (graph->text, "\n", -1);
  Grid g;

  g.rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g.keys = g_array_new (FALSE, FALSE, sizeof (GraphKey));
  g.row_first = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint r = 0; lines[r] != NULL; r++)
    {
      GArray *row = g_array_new (FALSE, FALSE, sizeof (gunichar));
      const char *p = lines[r];
      guint col = 0;

      g_array_append_val (g.row_first, g.keys->len);

      if (!g_utf8_validate (p, -1, NULL))
        p = "";
      while (*p)
        {
          gunichar c = g_utf8_get_char (p);
          g_autofree char *key = NULL;
          gsize len = 0;

          if ((col == 0 || !is_word_char (p[-1])) && g_ascii_isalpha (*p))
            len = match_item_key (p, &key);
          if (len > 0)
            {
              Entry *e = find_entry (im, key);

              if (e != NULL)
                {
                  GraphKey k = { r, col, col + (guint) g_utf8_strlen (p, len) - 1, e };

                  g_array_append_val (g.keys, k);
                }
              for (const char *q = p; q < p + len; q = g_utf8_next_char (q))
                {
                  gunichar qc = g_utf8_get_char (q);

                  g_array_append_val (row, qc);
                  col++;
                }
              p += len;
              continue;
            }
          g_array_append_val (row, c);
          col++;
          p = g_utf8_next_char (p);
        }
      g_ptr_array_add (g.rows, row);
    }
  g_array_append_val (g.row_first, g.keys->len);

  for (guint i = 0; i < g.keys->len; i++)
    {
      GraphKey k = g_array_index (g.keys, GraphKey, i);
      int line = graph->line + (int) k.row;
      int c;

      /* Across: "A ---> B", "A <--- B"; no head or two heads say nothing. */
      {
        gboolean left = FALSE, right = FALSE, shaft = FALSE;
        GraphKey *other;

        c = (int) k.end + 1;
        if (grid_at (&g, (int) k.row, c) == ' ')
          c++;
        while (TRUE)
          {
            gunichar ch = grid_at (&g, (int) k.row, c);

            if (is_shaft (ch))
              shaft = TRUE;
            else if (is_left_head (ch))
              left = TRUE;
            else if (is_right_head (ch))
              right = TRUE;
            else
              break;
            c++;
          }
        if (grid_at (&g, (int) k.row, c) == ' ')
          c++;
        other = (shaft || left || right) ? grid_key_at (&g, (int) k.row, c) : NULL;
        if (other != NULL && other->start == (guint) c && left != right)
          {
            if (right)
              add_graph_edge (im, k.entry, other->entry, line);
            else
              add_graph_edge (im, other->entry, k.entry, line);
          }
      }

      /* Down: a "|" under the key, ending in "v" over another key. */
      for (c = (int) k.start; c <= (int) k.end; c++)
        {
          int r = (int) k.row + 1;
          gboolean up = FALSE, down = FALSE, moved = FALSE;
          GraphKey *other;

          if (is_up_head (grid_at (&g, r, c)))
            {
              up = TRUE;
              r++;
            }
          while (is_vertical (grid_at (&g, r, c)))
            {
              r++;
              moved = TRUE;
            }
          if (is_down_head (grid_at (&g, r, c)))
            {
              down = TRUE;
              r++;
            }
          if (!(moved || up || down) || up == down)
            continue;
          other = grid_key_at (&g, r, c);
          if (other == NULL)
            continue;
          if (down)
            add_graph_edge (im, k.entry, other->entry, line);
          else
            add_graph_edge (im, other->entry, k.entry, line);
        }

      /* Slanting down: "\" or "/" lines ending in "v" over another key. */
      for (int dir = -1; dir <= 1; dir += 2)
        {
          gunichar slash = dir > 0 ? '\\' : '/';
          int from = dir > 0 ? (int) k.start : (int) k.start - 1;
          int to = dir > 0 ? (int) k.end + 1 : (int) k.end;

          for (c = from; c <= to; c++)
            {
              int r = (int) k.row + 1;
              int cc = c;
              GraphKey *other;

              if (grid_at (&g, r, cc) != slash)
                continue;
              while (grid_at (&g, r, cc) == slash)
                {
                  r++;
                  cc += dir;
                }
              if (!is_down_head (grid_at (&g, r, cc)))
                continue;
              other = grid_key_at (&g, r + 1, cc);
              if (other != NULL)
                add_graph_edge (im, k.entry, other->entry, line);
            }
        }
    }

  g_ptr_array_unref (g.rows);
  g_array_unref (g.keys);
  g_array_unref (g.row_first);
}

/* md4c callbacks */

static gboolean
in_block (Importer     *im,
          MD_BLOCKTYPE  type)
{
  for (guint i = 0; i < im->blocks->len; i++)
    if (g_array_index (im->blocks, MD_BLOCKTYPE, i) == type)
      return TRUE;
  return FALSE;
}

static MD_BLOCKTYPE
parent_block (Importer *im)
{
  return im->blocks->len > 0 ? g_array_index (im->blocks, MD_BLOCKTYPE, im->blocks->len - 1) : MD_BLOCK_DOC;
}

static char *
attribute_text (const MD_ATTRIBUTE *attr)
{
  return attr->text != NULL ? g_strndup (attr->text, attr->size) : g_strdup ("");
}

static int
on_enter_block (MD_BLOCKTYPE  type,
                void         *detail,
                void         *user_data)
{
  Importer *im = user_data;
  ListItem *li = list_item_top (im);

  /* A block inside a list entry ends the entry's own text. */
  if (li != NULL && !li->flushed && parent_block (im) == MD_BLOCK_LI && type != MD_BLOCK_P)
    {
      flush_list_item (im, li);
      im->cap = NULL;
    }

  switch (type)
    {
    case MD_BLOCK_LI:
      {
        MD_BLOCK_LI_DETAIL *d = detail;
        ListItem *item;

        if (im->spare_items->len > 0)
          {
            Capture cap;

            item = g_ptr_array_steal_index (im->spare_items, im->spare_items->len - 1);
            cap = item->cap;
            memset (item, 0, sizeof *item);
            item->cap = cap;
            capture_reset (&item->cap);
          }
        else
          {
            item = g_new0 (ListItem, 1);
            capture_init (&item->cap);
          }
        item->is_task = d->is_task;
        item->done = d->is_task && (d->task_mark == 'x' || d->task_mark == 'X');
        if (d->is_task && d->task_mark_offset < im->length)
          item->cap.line = line_of_offset (im, d->task_mark_offset);
        item->inherited = li != NULL ? li->child : top_level_target (im);
        g_ptr_array_add (im->list_items, item);
        im->cap = &item->cap;
      }
      break;
    case MD_BLOCK_P:
      if (li != NULL && !li->flushed && parent_block (im) == MD_BLOCK_LI)
        {
          if (li->cap.rich->len > 0)
            {
              g_string_append_c (li->cap.rich, '\n');
              g_string_append_c (li->cap.plain, '\n');
            }
          im->cap = &li->cap;
        }
      else
        {
          capture_reset (&im->para_cap);
          im->cap = &im->para_cap;
        }
      break;
    case MD_BLOCK_H:
      capture_reset (&im->heading_cap);
      im->cap = &im->heading_cap;
      break;
    case MD_BLOCK_TH:
    case MD_BLOCK_TD:
      capture_reset (&im->cell_cap);
      im->cap = &im->cell_cap;
      break;
    case MD_BLOCK_CODE:
      {
        MD_BLOCK_CODE_DETAIL *d = detail;

        im->in_code = TRUE;
        g_string_truncate (im->code, 0);
        im->code_line = 0;
        g_free (im->code_info);
        im->code_info = attribute_text (&d->info);
        im->fence_char = d->fence_char;
        im->cap = NULL;
      }
      break;
    case MD_BLOCK_HTML:
      im->in_html = TRUE;
      im->cap = NULL;
      break;
    case MD_BLOCK_HR:
      if (im->list_items->len == 0)
        im->para_active = FALSE;
      break;
    case MD_BLOCK_TABLE:
      im->table = g_new0 (Table, 1);
      im->table->header = g_ptr_array_new_with_free_func (g_free);
      im->table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
      im->table->serial = im->tables->len;
      break;
    case MD_BLOCK_TR:
      im->row = g_new0 (Row, 1);
      im->row->cells = g_ptr_array_new_with_free_func (g_free);
      break;
    default:
      break;
    }

  g_array_append_val (im->blocks, type);
  return 0;
}

static int
on_leave_block (MD_BLOCKTYPE  type,
                void         *detail,
                void         *user_data)
{
  Importer *im = user_data;

  g_array_set_size (im->blocks, im->blocks->len - 1);

  switch (type)
    {
    case MD_BLOCK_H:
      {
        MD_BLOCK_H_DETAIL *d = detail;
        int line = im->heading_cap.line ? im->heading_cap.line : im->last_line;

        im->cap = NULL;
        if (im->list_items->len == 0 && !in_block (im, MD_BLOCK_QUOTE))
          process_heading (im, (int) d->level, im->heading_cap.plain->str, line);
      }
      break;
    case MD_BLOCK_P:
      {
        ListItem *li = list_item_top (im);

        if (li != NULL && !li->flushed && parent_block (im) == MD_BLOCK_LI)
          break;
        im->cap = NULL;
        if (im->list_items->len == 0)
          process_paragraph (im, &im->para_cap);
      }
      break;
    case MD_BLOCK_LI:
      {
        ListItem *li = list_item_top (im);

        flush_list_item (im, li);
        g_ptr_array_add (im->spare_items, g_ptr_array_steal_index (im->list_items, im->list_items->len - 1));
        im->cap = NULL;
      }
      break;
    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
      if (im->list_items->len == 0 && im->item != NULL)
        im->item_fresh = FALSE;
      break;
    case MD_BLOCK_CODE:
      im->in_code = FALSE;
      process_code (im);
      break;
    case MD_BLOCK_HTML:
      im->in_html = FALSE;
      break;
    case MD_BLOCK_TH:
    case MD_BLOCK_TD:
      if (im->row != NULL)
        {
          g_ptr_array_add (im->row->cells, collapse_spaces (im->cell_cap.plain->str));
          if (im->row->line == 0)
            im->row->line = im->cell_cap.line;
        }
      im->cap = NULL;
      break;
    case MD_BLOCK_TR:
      if (im->row != NULL && im->table != NULL)
        {
          if (im->row->line == 0)
            im->row->line = im->last_line;
          if (in_block (im, MD_BLOCK_THEAD))
            {
              g_ptr_array_extend_and_steal (im->table->header, g_steal_pointer (&im->row->cells));
              im->table->line = im->row->line;
              g_free (im->row);
            }
          else
            g_ptr_array_add (im->table->rows, im->row);
        }
      im->row = NULL;
      break;
    case MD_BLOCK_TABLE:
      if (im->table != NULL)
        g_ptr_array_add (im->tables, g_steal_pointer (&im->table));
      break;
    default:
      break;
    }
  return 0;
}

/* The Markdown that opens and closes a span kept in a field's text. */
static const char *
span_mark (MD_SPANTYPE type)
{
  switch (type)
    {
    case MD_SPAN_STRONG:
      return "**";
    case MD_SPAN_EM:
      return "*";
    case MD_SPAN_CODE:
      return "`";
    case MD_SPAN_DEL:
      return "~~";
    default:
      return NULL;
    }
}

static int
on_enter_span (MD_SPANTYPE  type,
               void        *detail,
               void        *user_data)
{
  Importer *im = user_data;
  Capture *cap = im->cap;

  im->span_depth++;
  if (type == MD_SPAN_A || type == MD_SPAN_IMG)
    {
      /* The bracket goes in now; an autolink takes it out again. */
      gsize pos = G_MAXSIZE;
      const MD_ATTRIBUTE *href = type == MD_SPAN_A ? &((MD_SPAN_A_DETAIL *) detail)->href
                                                   : &((MD_SPAN_IMG_DETAIL *) detail)->src;

      if (cap != NULL && cap->label_state != LABEL_INSIDE)
        {
          g_string_append (cap->rich, type == MD_SPAN_IMG ? "![" : "[");
          pos = cap->rich->len;
        }
      g_array_append_val (im->links, pos);
      g_ptr_array_add (im->hrefs, attribute_text (href));
    }
  if (cap == NULL)
    return 0;

  if (type == MD_SPAN_STRONG && cap->label_state == LABEL_UNDECIDED && is_blank (cap->rich->str))
    {
      cap->label_state = LABEL_INSIDE;
      cap->label_depth = im->span_depth;
      g_string_truncate (cap->rich, 0);
    }
  else if (span_mark (type) != NULL && cap->label_state != LABEL_INSIDE)
    g_string_append (cap->rich, span_mark (type));
  if (type != MD_SPAN_STRONG && cap->label_state == LABEL_UNDECIDED)
    cap->label_state = LABEL_NONE;
  return 0;
}

static int
on_leave_span (MD_SPANTYPE  type,
               void        *detail,
               void        *user_data)
{
  Importer *im = user_data;
  Capture *cap = im->cap;

  im->span_depth--;
  if (cap == NULL)
    {
      if ((type == MD_SPAN_A || type == MD_SPAN_IMG) && im->links->len > 0)
        {
          g_array_set_size (im->links, im->links->len - 1);
          g_ptr_array_remove_index (im->hrefs, im->hrefs->len - 1);
        }
      return 0;
    }

  if (type == MD_SPAN_STRONG && cap->label_state == LABEL_INSIDE && im->span_depth + 1 == cap->label_depth)
    {
      cap->label_state = LABEL_CLOSED;
      return 0;
    }
  if (span_mark (type) != NULL)
    {
      if (cap->label_state != LABEL_INSIDE)
        g_string_append (cap->rich, span_mark (type));
      return 0;
    }

  switch (type)
    {
    case MD_SPAN_A:
    case MD_SPAN_IMG:
      if (im->links->len > 0)
        {
          gsize pos = g_array_index (im->links, gsize, im->links->len - 1);
          g_autofree char *href = g_ptr_array_steal_index (im->hrefs, im->hrefs->len - 1);

          g_array_set_size (im->links, im->links->len - 1);
          if (pos != G_MAXSIZE && pos <= cap->rich->len)
            {
              const char *shown = cap->rich->str + pos;
              gsize bracket = type == MD_SPAN_IMG ? 2 : 1;

              /* An autolink shows its target: keep it as text. */
              if (g_str_equal (shown, href) || (g_str_has_suffix (href, shown) && *shown != '\0'))
                g_string_erase (cap->rich, pos - bracket, bracket);
              else
                g_string_append_printf (cap->rich, "](%s)", href);
            }
        }
      break;
    default:
      break;
    }
  return 0;
}

static void
capture_append (Importer   *im,
                Capture    *cap,
                const char *text,
                gsize       size,
                gboolean    entity)
{
  GString *rich = cap->label_state == LABEL_INSIDE ? cap->label : cap->rich;

  if (cap->label_state == LABEL_UNDECIDED)
    {
      for (gsize i = 0; i < size; i++)
        if (!g_ascii_isspace (text[i]))
          {
            cap->label_state = LABEL_NONE;
            break;
          }
    }
  if (entity)
    {
      append_entity (rich, text, size);
      append_entity (cap->plain, text, size);
    }
  else
    {
      g_string_append_len (rich, text, size);
      g_string_append_len (cap->plain, text, size);
    }
}

static int
on_text (MD_TEXTTYPE    type,
         const MD_CHAR *text,
         MD_SIZE        size,
         void          *user_data)
{
  Importer *im = user_data;
  Capture *cap = im->cap;

  note_position (im, text);

  if (im->in_code)
    {
      if (im->code_line == 0 && text >= im->text && text < im->text + im->length)
        im->code_line = im->last_line;
      g_string_append_len (im->code, text, size);
      return 0;
    }
  if (im->in_html || cap == NULL)
    return 0;
  if (text >= im->text && text < im->text + im->length)
    {
      if (cap->line == 0)
        cap->line = im->last_line;
      if (cap->segment_line == 0 && type != MD_TEXT_SOFTBR && type != MD_TEXT_BR)
        cap->segment_line = im->last_line;
    }

  switch (type)
    {
    case MD_TEXT_NULLCHAR:
      capture_append (im, cap, "\xef\xbf\xbd", 3, FALSE);
      break;
    case MD_TEXT_BR:
    case MD_TEXT_SOFTBR:
      if (cap->split_lines)
        {
          g_string_append_c (cap->plain, '\n');
          capture_break (cap);
        }
      else
        capture_append (im, cap, "\n", 1, FALSE);
      break;
    case MD_TEXT_ENTITY:
      capture_append (im, cap, text, size, TRUE);
      break;
    default:
      capture_append (im, cap, text, size, FALSE);
      break;
    }
  return 0;
}

/* After the document */

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *ea = *(const Entry **) a;
  const Entry *eb = *(const Entry **) b;

  if (ea->line != eb->line)
    return ea->line < eb->line ? -1 : 1;
  return ea->serial < eb->serial ? -1 : ea->serial > eb->serial;
}

static void
finish (Importer *im)
{
  close_item (im);

  /* Tables: items and roles first, then staffing, which refers to roles. */
  index_numbers (im);
  for (guint i = 0; i < im->tables->len; i++)
    read_table (im, g_ptr_array_index (im->tables, i));
  for (guint i = 0; i < im->tables->len; i++)
    read_staffing_table (im, g_ptr_array_index (im->tables, i));

  /* Items listed under phase headings. */
  for (guint i = 0; i < im->phase_refs->len; i++)
    {
      PhaseRef *ref = g_ptr_array_index (im->phase_refs, i);
      Entry *e = find_entry (im, ref->key);

      if (e != NULL)
        apply_field (im, e, GW_FIELD_PHASE, ref->phase, RANK_TABLE, ref->line);
    }

  for (guint i = 0; i < im->graphs->len; i++)
    read_graph (im, g_ptr_array_index (im->graphs, i));

  /* Owners named by a short form of a role: "Security" for "Security Engineer". */
  if (im->roles->len > 0)
    {
      g_autoptr(GHashTable) resolved = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      for (guint i = 0; i < im->entries->len; i++)
        {
          Entry *e = g_ptr_array_index (im->entries, i);
          const char *owner = gw_item_get_owner (e->item);
          GwRole *role;

          if (owner == NULL)
            continue;
          if (!g_hash_table_lookup_extended (resolved, owner, NULL, (gpointer *) &role))
            {
              role = role_resolve (im, owner);
              g_hash_table_insert (resolved, g_strdup (owner), role);
            }
          if (role != NULL && !g_str_equal (role->name, owner))
            gw_item_set_field_text (e->item, GW_FIELD_OWNER, role->name, &im->ctx, NULL);
        }
    }

  /* Milestones only named by items, in the order they are first named. */
  for (guint i = 0; i < im->milestone_refs->len; i++)
    {
      const char *key = g_ptr_array_index (im->milestone_refs, i);
      const char *name = g_hash_table_lookup (im->milestone_ref_names, key);
      GwMilestone *m = milestone_get (im, key);

      set_if_empty (&m->name, name);
    }
  for (guint i = 0; i < im->milestones->len; i++)
    {
      GwMilestone *m = g_ptr_array_index (im->milestones, i);

      set_if_empty (&m->name, m->key);
    }
  g_hash_table_remove_all (im->milestones_by_key);
  g_ptr_array_extend_and_steal (im->data->milestones, g_steal_pointer (&im->milestones));
  g_hash_table_remove_all (im->roles_by_name);
  g_hash_table_remove_all (im->explicit_headcount);
  g_ptr_array_extend_and_steal (im->data->roles, g_steal_pointer (&im->roles));

  g_ptr_array_sort (im->entries, compare_entries);
  for (guint i = 0; i < im->entries->len; i++)
    {
      Entry *e = g_ptr_array_index (im->entries, i);

      gw_import_data_add_item (im->data, e->item, e->line);
    }
}

static void
importer_clear (Importer *im)
{
  g_clear_pointer (&im->line_starts, g_array_unref);
  g_clear_object (&im->scratch);
  g_clear_pointer (&im->by_key, g_hash_table_unref);
  g_clear_pointer (&im->by_number, g_hash_table_unref);
  g_clear_pointer (&im->entries, g_ptr_array_unref);
  if (im->headings != NULL)
    {
      for (guint i = 0; i < im->headings->len; i++)
        heading_clear (&g_array_index (im->headings, Heading, i));
      g_array_unref (im->headings);
    }
  g_free (im->pending_key);
  g_free (im->pending_title);
  g_free (im->pending_heading);
  g_clear_pointer (&im->blocks, g_array_unref);
  g_clear_pointer (&im->list_items, g_ptr_array_unref);
  g_clear_pointer (&im->spare_items, g_ptr_array_unref);
  capture_clear (&im->heading_cap);
  capture_clear (&im->para_cap);
  capture_clear (&im->cell_cap);
  g_clear_pointer (&im->links, g_array_unref);
  g_clear_pointer (&im->hrefs, g_ptr_array_unref);
  if (im->code != NULL)
    g_string_free (im->code, TRUE);
  g_free (im->code_info);
  g_clear_pointer (&im->tables, g_ptr_array_unref);
  if (im->table != NULL)
    table_free (im->table);
  if (im->row != NULL)
    row_free (im->row);
  g_clear_pointer (&im->graphs, g_ptr_array_unref);
  g_clear_pointer (&im->phase_refs, g_ptr_array_unref);
  g_clear_pointer (&im->milestones_by_key, g_hash_table_unref);
  g_clear_pointer (&im->milestones, g_ptr_array_unref);
  g_clear_pointer (&im->milestone_refs, g_ptr_array_unref);
  g_clear_pointer (&im->milestone_ref_names, g_hash_table_unref);
  g_clear_pointer (&im->roles_by_name, g_hash_table_unref);
  g_clear_pointer (&im->explicit_headcount, g_hash_table_unref);
  g_clear_pointer (&im->roles, g_ptr_array_unref);
}

static void
phase_ref_free (PhaseRef *ref)
{
  g_free (ref->key);
  g_free (ref->phase);
  g_free (ref);
}

static void
graph_free (Graph *g)
{
  g_free (g->text);
  g_free (g);
}

static void
importer_init (Importer     *im,
               GwImportData *data,
               const char   *text,
               gsize         length)
{
  memset (im, 0, sizeof *im);
  im->data = data;
  im->text = text;
  im->length = length;
  gw_parse_context_init (&im->ctx);
  im->scratch = gw_item_new ("scratch", "");
  im->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  im->by_key = g_hash_table_new (g_str_hash, g_str_equal);
  im->by_number = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  im->headings = g_array_new (FALSE, TRUE, sizeof (Heading));
  im->blocks = g_array_new (FALSE, FALSE, sizeof (MD_BLOCKTYPE));
  im->list_items = g_ptr_array_new_with_free_func ((GDestroyNotify) list_item_free);
  im->spare_items = g_ptr_array_new_with_free_func ((GDestroyNotify) list_item_free);
  capture_init (&im->heading_cap);
  capture_init (&im->para_cap);
  im->para_cap.split_lines = TRUE;
  capture_init (&im->cell_cap);
  im->links = g_array_new (FALSE, FALSE, sizeof (gsize));
  im->hrefs = g_ptr_array_new_with_free_func (g_free);
  im->code = g_string_new (NULL);
  im->tables = g_ptr_array_new_with_free_func ((GDestroyNotify) table_free);
  im->graphs = g_ptr_array_new_with_free_func ((GDestroyNotify) graph_free);
  im->phase_refs = g_ptr_array_new_with_free_func ((GDestroyNotify) phase_ref_free);
  im->milestones = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_milestone_free);
  im->milestones_by_key = g_hash_table_new (g_str_hash, g_str_equal);
  im->milestone_refs = g_ptr_array_new_with_free_func (g_free);
  im->milestone_ref_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  im->roles = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_role_free);
  im->roles_by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  im->explicit_headcount = g_hash_table_new (g_direct_hash, g_direct_equal);
  index_lines (im);
}

/* Public API */

/**
 * gw_markdown_import:
 * @source: the file's name, for messages
 * @text: the file's bytes: UTF-8, or text in another encoding, which is
 *   converted with a warning
 * @length: their number
 *
 * Reads a gap register written in Markdown: "#### P0-001: Title" sections
 * with bullet fields, "### Gap 1.1: Title" sections with bold-label
 * paragraphs, "#### Task 0.1: Title (2 hours)" tasks, tables keyed by an ID
 * column, role and staffing tables, milestone definitions and gates,
 * go/no-go lists and dependency graphs drawn as text. Text damaged by a
 * wrong code page is repaired first.
 *
 * Returns: (transfer full): what the file holds, or %NULL with @error set
 *   when it holds no register items
 */
GwImportData *
gw_markdown_import (const char  *source,
                    const char  *text,
                    gsize        length,
                    GError     **error)
{
  g_autoptr(GwImportData) data = NULL;
  g_autofree char *decoded = NULL;
  g_autofree char *repaired = NULL;
  g_autofree char *display = NULL;
  GwTextEncoding encoding;
  GwTextRepairReport report;
  gsize decoded_length, repaired_length;
  MD_PARSER parser = { 0 };
  Importer im;
  int status;

  g_return_val_if_fail (source != NULL, NULL);
  g_return_val_if_fail (text != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  display = g_filename_display_basename (source);
  decoded = gw_text_decode (source, text ? text : "", length, &decoded_length, &encoding, error);
  if (decoded == NULL)
    return NULL;
  if (decoded_length > G_MAXUINT32)
    {
      g_set_error (error, GW_IMPORT_ERROR, GW_IMPORT_ERROR_UNREADABLE,
                   _("%s: the file is too large to read as a register."), display);
      return NULL;
    }

  data = gw_import_data_new (source);
  if (encoding == GW_TEXT_ENCODING_WINDOWS_1252)
    gw_import_data_warn (data, 0, _("The file is not valid UTF-8; it was read as Windows-1252 (Western European)."));

  repaired = gw_text_repair_mojibake (decoded, decoded_length, &repaired_length, &report);
  if (report.repaired > 0 && report.left > 0)
    gw_import_data_warn (data, 0, _("%u characters damaged by reading UTF-8 as %s were repaired; %u more lost a byte and were left as they are."),
                         report.repaired, report.code_page, report.left);
  else if (report.repaired > 0)
    gw_import_data_warn (data, 0, _("%u characters damaged by reading UTF-8 as %s were repaired."),
                         report.repaired, report.code_page);

  importer_init (&im, data, repaired, repaired_length);

  parser.abi_version = 0;
  parser.flags = MD_DIALECT_GITHUB;
  parser.enter_block = on_enter_block;
  parser.leave_block = on_leave_block;
  parser.enter_span = on_enter_span;
  parser.leave_span = on_leave_span;
  parser.text = on_text;

  status = md_parse (repaired, (MD_SIZE) repaired_length, &parser, &im);
  if (status != 0)
    {
      importer_clear (&im);
      g_set_error (error, GW_IMPORT_ERROR, GW_IMPORT_ERROR_UNREADABLE,
                   _("%s: the Markdown parser ran out of memory."), display);
      return NULL;
    }

  finish (&im);
  importer_clear (&im);

  if (data->items->len == 0)
    {
      g_set_error (error, GW_IMPORT_ERROR, GW_IMPORT_ERROR_NO_ITEMS,
                   _("%s: no gap register items found (expected sections like “#### P0-001: Title” or a table with an ID column)."),
                   display);
      return NULL;
    }

  return g_steal_pointer (&data);
}
