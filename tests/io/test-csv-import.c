/* SPDX-License-Identifier: GPL-3.0-or-later */

/* gw_csv_import() on the kinds of CSV users bring: Jira's export,
 * spreadsheets in other locales and encodings, synonyms, broken rows. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "gw-csv-import.h"

/* Helpers */

static char *
data_path (const char *name)
{
  const char *dir = g_getenv ("GAPWISE_TEST_DATA");

  g_assert_nonnull (dir);
  return g_build_filename (dir, "csv", name, NULL);
}

static GwImportData *
import_file (const char  *name,
             GError     **error)
{
  g_autofree char *path = data_path (name);
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) read_error = NULL;

  g_file_get_contents (path, &contents, &length, &read_error);
  g_assert_no_error (read_error);
  return gw_csv_import (path, contents, length, error);
}

static GwImportData *
import_text (const char *name,
             const char *text)
{
  g_autoptr(GError) error = NULL;
  GwImportData *data = gw_csv_import (name, text, strlen (text), &error);

  g_assert_no_error (error);
  g_assert_nonnull (data);
  return data;
}

static GwItem *
item (GwImportData *data,
      const char   *key)
{
  GwItem *found = gw_import_data_find_item (data, key);

  if (found == NULL)
    g_error ("no item “%s” was read", key);
  return found;
}

static void
assert_field (GwImportData *data,
              const char   *key,
              GwField       field,
              const char   *expected)
{
  g_autofree char *text = gw_item_get_field_text (item (data, key), field);

  if (g_strcmp0 (text, expected) != 0)
    g_error ("%s: field %s is “%s”, expected “%s”", key, gw_field_name (field), text, expected);
}

static guint64
fields_of (GwImportData *data,
           const char   *key)
{
  GwItem *it = item (data, key);

  for (guint i = 0; i < data->items->len; i++)
    if (g_ptr_array_index (data->items, i) == it)
      return g_array_index (data->item_fields, guint64, i);
  g_assert_not_reached ();
}

static gboolean
has_warning (GwImportData *data,
             const char   *part)
{
  for (guint i = 0; i < data->warnings->len; i++)
    if (strstr (g_ptr_array_index (data->warnings, i), part) != NULL)
      return TRUE;
  return FALSE;
}

static void
assert_warning (GwImportData *data,
                const char   *part)
{
  if (!has_warning (data, part))
    {
      for (guint i = 0; i < data->warnings->len; i++)
        g_printerr ("warning: %s\n", (const char *) g_ptr_array_index (data->warnings, i));
      g_error ("no warning contains “%s”", part);
    }
}

/* Tests */

static void
test_jira_export (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GwImportData) data = import_file ("jira-export.csv", &error);
  guint64 fields;

  g_assert_no_error (error);
  g_assert_cmpuint (data->items->len, ==, 5);

  /* Issue key is the key; Summary the title; statuses and priorities of
   * Jira's workflow and scheme. */
  assert_field (data, "GAP-1", GW_FIELD_TITLE, "Enable row-level security");
  assert_field (data, "GAP-1", GW_FIELD_STATUS, "in-progress");
  assert_field (data, "GAP-1", GW_FIELD_PRIORITY, "P0");
  assert_field (data, "GAP-2", GW_FIELD_STATUS, "todo");
  assert_field (data, "GAP-2", GW_FIELD_PRIORITY, "P1");
  assert_field (data, "GAP-3", GW_FIELD_STATUS, "todo");
  assert_field (data, "GAP-3", GW_FIELD_PRIORITY, "P2");
  assert_field (data, "GAP-4", GW_FIELD_STATUS, "done");
  assert_field (data, "GAP-4", GW_FIELD_PRIORITY, "P3");
  assert_field (data, "GAP-5", GW_FIELD_STATUS, "deferred");
  assert_field (data, "GAP-5", GW_FIELD_PRIORITY, "P3");

  /* Original Estimate is in seconds. */
  g_assert_cmpfloat (gw_item_get_effort_hours (item (data, "GAP-1")), ==, 8);
  g_assert_cmpfloat (gw_item_get_effort_hours (item (data, "GAP-2")), ==, 1.5);
  g_assert_cmpfloat (gw_item_get_effort_hours (item (data, "GAP-3")), ==, 40);
  g_assert_cmpfloat (gw_item_get_effort_hours (item (data, "GAP-5")), ==, 0);

  /* Repeated Component/s: the first is the category; Fix Version/s is the
   * milestone, and beats Sprint. */
  assert_field (data, "GAP-1", GW_FIELD_CATEGORY, "Security");
  assert_field (data, "GAP-1", GW_FIELD_MILESTONE, "Release 1.0");
  assert_field (data, "GAP-3", GW_FIELD_MILESTONE, "Release 1.1");
  assert_warning (data, "jira-export.csv:1: The column “Sprint” was ignored");

  /* Without an owner column the assignee owns the work. */
  assert_field (data, "GAP-1", GW_FIELD_OWNER, "Dana Kim");
  assert_field (data, "GAP-1", GW_FIELD_ASSIGNEE, "Dana Kim");
  assert_field (data, "GAP-5", GW_FIELD_OWNER, "");

  /* 23/Nov/26 9:00 AM in "Custom field (Start date)". */
  assert_field (data, "GAP-1", GW_FIELD_NOT_BEFORE, "2026-11-23");

  /* A quoted cell over two lines, kept whole. */
  assert_field (data, "GAP-1", GW_FIELD_DESCRIPTION,
                "Tenant isolation is enforced in the app only.\r\nAdd policies on every table.");

  /* Links: inward Blocks is "depends on", outward Blocks puts the
   * dependency on the other issue, and an issue id stands for its key. */
  assert_field (data, "GAP-1", GW_FIELD_DEPENDS_ON, "");
  assert_field (data, "GAP-2", GW_FIELD_DEPENDS_ON, "GAP-1");
  assert_field (data, "GAP-3", GW_FIELD_DEPENDS_ON, "GAP-1");
  assert_field (data, "GAP-4", GW_FIELD_DEPENDS_ON, "GAP-1");
  assert_field (data, "GAP-5", GW_FIELD_DEPENDS_ON, "GAP-2");

  /* One warning names the columns that were ignored, each once. */
  assert_warning (data, "jira-export.csv:1: 8 columns are not register fields and were ignored:");
  assert_warning (data, "“Reporter”");
  assert_warning (data, "“Watchers”");

  /* The file gives effort and links, but no risk. */
  fields = fields_of (data, "GAP-1");
  g_assert_true (fields & GW_IMPORT_FIELD (GW_FIELD_EFFORT_HOURS));
  g_assert_true (fields & GW_IMPORT_FIELD (GW_FIELD_DEPENDS_ON));
  g_assert_true (fields & GW_IMPORT_FIELD (GW_FIELD_NOT_BEFORE));
  g_assert_false (fields & GW_IMPORT_FIELD (GW_FIELD_RISK));
  g_assert_false (fields & GW_IMPORT_FIELD (GW_FIELD_EFFORT_SIZE));
  g_assert_cmpint (g_array_index (data->item_lines, int, 1), ==, 4);
}

static void
test_semicolon (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GwImportData) data = import_file ("semicolon.csv", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (data->items->len, ==, 3);
  g_assert_cmpuint (data->warnings->len, ==, 0);
  assert_field (data, "S-1", GW_FIELD_TITLE, "Harden TLS, everywhere");
  g_assert_cmpfloat (gw_item_get_effort_hours (item (data, "S-1")), ==, 1.5);
  g_assert_cmpfloat (gw_item_get_effort_hours (item (data, "S-2")), ==, 16);
  assert_field (data, "S-2", GW_FIELD_STATUS, "blocked");
  assert_field (data, "S-3", GW_FIELD_TITLE, "Split \"reports\" module");
  assert_field (data, "S-3", GW_FIELD_EFFORT_SIZE, "L");
  assert_field (data, "S-3", GW_FIELD_EFFORT_MIN, "16");
  assert_field (data, "S-3", GW_FIELD_EFFORT_MAX, "32");
  g_assert_cmpfloat (gw_item_get_effort_hours (item (data, "S-3")), ==, 24);
  assert_field (data, "S-3", GW_FIELD_OWNER, "backend-dev");
}

static void
test_bom_crlf (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GwImportData) data = import_file ("bom.csv", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (data->warnings->len, ==, 0);
  assert_field (data, "B-1", GW_FIELD_TITLE, "Café menu — naïve “quotes”");
  assert_field (data, "B-1", GW_FIELD_CATEGORY, "Design");
  assert_field (data, "B-2", GW_FIELD_TITLE, "日本語のテスト ✓");
  g_assert_cmpint (g_array_index (data->item_lines, int, 1), ==, 3);
}

static void
test_latin1 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GwImportData) data = import_file ("latin1.csv", &error);

  g_assert_no_error (error);
  assert_field (data, "L-1", GW_FIELD_TITLE, "Café façade");
  assert_field (data, "L-1", GW_FIELD_REVENUE_IMPACT, "€ 5000");
  assert_field (data, "L-2", GW_FIELD_TITLE, "“Smart” quotes");
  assert_warning (data, "latin1.csv: The file is not valid UTF-8; it was read as Windows-1252 (Western European).");
}

static void
test_utf16 (void)
{
  static const char text[] = "key\ttitle\nU-1\tÜber café\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GwImportData) data = NULL;
  g_autofree gunichar2 *utf16 = g_utf8_to_utf16 (text, -1, NULL, NULL, NULL);
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  static const guint8 bom[] = { 0xFF, 0xFE };

  /* Excel's "Unicode text": UTF-16 little-endian with a mark, tabs. */
  g_byte_array_append (bytes, bom, 2);
  for (guint i = 0; utf16[i]; i++)
    {
      guint8 pair[2] = { utf16[i] & 0xff, utf16[i] >> 8 };

      g_byte_array_append (bytes, pair, 2);
    }
  data = gw_csv_import ("unicode.txt", (const char *) bytes->data, bytes->len, &error);
  g_assert_no_error (error);
  assert_field (data, "U-1", GW_FIELD_TITLE, "Über café");
}

static void
test_quoted_newlines (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GwImportData) data = import_file ("quoted-newlines.csv", &error);
  g_autoptr(GwImportData) good = NULL;
  GPtrArray *criteria;

  /* The fourth row repeats a key: the lines count the breaks in cells. */
  g_assert_error (error, GW_IMPORT_ERROR, GW_IMPORT_ERROR_BAD_ROW);
  g_assert_cmpstr (error->message, ==, "quoted-newlines.csv:10: the key “Q-2” is already used on line 6.");
  g_assert_null (data);

  good = import_text ("good.csv",
                      "key,title,description,acceptance_criteria\n"
                      "Q-1,First,\"line one\nline two\",\"- [x] done\n- [ ] not yet\"\n"
                      "Q-3,\"Third, with \"\"quotes\"\"\",\"a\n\nblank line above\",\n");
  assert_field (good, "Q-1", GW_FIELD_DESCRIPTION, "line one\nline two");
  assert_field (good, "Q-3", GW_FIELD_TITLE, "Third, with \"quotes\"");
  assert_field (good, "Q-3", GW_FIELD_DESCRIPTION, "a\n\nblank line above");
  criteria = gw_item_get_lines (item (good, "Q-1"), GW_LINE_CRITERION);
  g_assert_cmpuint (criteria->len, ==, 2);
  g_assert_true (((GwLine *) g_ptr_array_index (criteria, 0))->done);
  g_assert_false (((GwLine *) g_ptr_array_index (criteria, 1))->done);
  g_assert_cmpint (g_array_index (good->item_lines, int, 1), ==, 5);
}

static void
test_synonyms (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GwImportData) data = import_file ("synonyms.csv", &error);

  g_assert_no_error (error);
  assert_field (data, "SY-1", GW_FIELD_TITLE, "Collect evidence");
  g_assert_cmpfloat (gw_item_get_effort_hours (item (data, "SY-1")), ==, 4);
  assert_field (data, "SY-1", GW_FIELD_OWNER, "security-engineer");
  assert_field (data, "SY-1", GW_FIELD_CATEGORY, "Compliance");
  assert_field (data, "SY-1", GW_FIELD_MILESTONE, "M1");
  assert_field (data, "SY-1", GW_FIELD_IMPACT, "80");
  assert_field (data, "SY-1", GW_FIELD_RISK, "high");
  assert_field (data, "SY-1", GW_FIELD_NOT_BEFORE, "2027-01-11");
  assert_field (data, "SY-1", GW_FIELD_ROI_PCT, "150");
  assert_field (data, "SY-2", GW_FIELD_EFFORT_SIZE, "M");
  g_assert_cmpfloat (gw_item_get_effort_hours (item (data, "SY-2")), ==, 12);
  assert_field (data, "SY-2", GW_FIELD_DEPENDS_ON, "SY-1");
  assert_field (data, "SY-2", GW_FIELD_IMPACT, "35");
  assert_field (data, "SY-2", GW_FIELD_ROI_PCT, "");
  assert_warning (data, "synonyms.csv:1: 2 columns are not register fields and were ignored: “Notes”, “Votes”.");
}

static void
test_bad_values (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GwImportData) data = import_file ("bad-values.csv", &error);
  guint64 fields;

  g_assert_no_error (error);
  g_assert_cmpuint (data->items->len, ==, 2);
  assert_field (data, "V-2", GW_FIELD_TITLE, "Odd values");
  assert_warning (data, "bad-values.csv:3: Field “priority”: “urgent-ish” is not valid");
  assert_warning (data, "bad-values.csv:3: Field “effort”: “lots” is not an effort");
  assert_warning (data, "bad-values.csv:3: Field “not_before”: “yesterday” is not a date");
  assert_warning (data, "bad-values.csv:3: Field “risk”: “sky-high” is not valid");
  assert_warning (data, "bad-values.csv:3: Field “impact”: “250” is not valid");
  g_assert_cmpuint (data->warnings->len, ==, 5);

  /* A value left out is not given: a merge keeps the register's. */
  fields = fields_of (data, "V-2");
  g_assert_true (fields & GW_IMPORT_FIELD (GW_FIELD_TITLE));
  g_assert_false (fields & GW_IMPORT_FIELD (GW_FIELD_PRIORITY));
  g_assert_false (fields & GW_IMPORT_FIELD (GW_FIELD_EFFORT_HOURS));
  g_assert_false (fields & GW_IMPORT_FIELD (GW_FIELD_NOT_BEFORE));
  g_assert_false (fields & GW_IMPORT_FIELD (GW_FIELD_RISK));
  g_assert_false (fields & GW_IMPORT_FIELD (GW_FIELD_IMPACT));
  fields = fields_of (data, "V-1");
  g_assert_true (fields & GW_IMPORT_FIELD (GW_FIELD_PRIORITY));
  g_assert_true (fields & GW_IMPORT_FIELD (GW_FIELD_RISK));
  assert_field (data, "V-1", GW_FIELD_NOT_BEFORE, "2027-01-04");
}

static void
test_errors (void)
{
  static const struct
  {
    const char *name;
    const char *text;      /* NULL: the file of that name in tests/data/csv */
    int         code;
    const char *message;
  } cases[] = {
    { "missing-key.csv", NULL, GW_IMPORT_ERROR_BAD_ROW, "missing-key.csv:4: the row has no key." },
    { "no-key-column.csv", NULL, GW_IMPORT_ERROR_NO_ITEMS,
      "no-key-column.csv:1: there is no key column: name one “key”, “id” or “issue key”." },
    { "header-only.csv", NULL, GW_IMPORT_ERROR_NO_ITEMS, "header-only.csv: the file has a header but no rows." },
    { "empty.csv", "", GW_IMPORT_ERROR_NO_ITEMS, "empty.csv: the file is empty." },
    { "blank.csv", "\r\n  \n\n", GW_IMPORT_ERROR_NO_ITEMS, "blank.csv: the file is empty." },
    { "tasks.csv", "key,title\nA,One\nB,Two\nA,Three\n", GW_IMPORT_ERROR_BAD_ROW,
      "tasks.csv:4: the key “A” is already used on line 2." },
    { "cr.csv", "key,title\rA,One\rA,Two\r", GW_IMPORT_ERROR_BAD_ROW,
      "cr.csv:3: the key “A” is already used on line 2." },
    { "unclosed.csv", "key,title\nA,One\nB,\"Two\nC,Three\n", GW_IMPORT_ERROR_BAD_ROW,
      "unclosed.csv:3: a quoted cell of this row has no closing quote." },
    { "badkey.csv", "key,title\nA;B,One\n", GW_IMPORT_ERROR_BAD_ROW,
      "badkey.csv:2: Field “key”: “A;B” is not valid: expected a non-empty key without “;”, tabs or line breaks." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GwImportData) data = NULL;

      if (cases[i].text != NULL)
        data = gw_csv_import (cases[i].name, cases[i].text, strlen (cases[i].text), &error);
      else
        data = import_file (cases[i].name, &error);
      g_assert_null (data);
      g_assert_error (error, GW_IMPORT_ERROR, cases[i].code);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

static void
test_not_text (void)
{
  static const char bytes[] = "key,title\nA,\0\0\0\x01\xff";
  g_autoptr(GError) error = NULL;
  g_autoptr(GwImportData) data = gw_csv_import ("image.csv", bytes, sizeof bytes, &error);

  g_assert_null (data);
  g_assert_error (error, GW_IMPORT_ERROR, GW_IMPORT_ERROR_UNREADABLE);
  g_assert_cmpstr (error->message, ==, "image.csv: this is not a text file (it contains NUL bytes).");
}

static void
test_neutralised_cells (void)
{
  g_autoptr(GwImportData) data = import_text ("export.csv",
                                              "key,title,description\r\n"
                                              "N-1,'=SUM(A1:A9),'-5 days\r\n"
                                              "N-2,'plain apostrophe,'@mention\r\n"
                                              "'+N-3,\"'+1\",\n");

  assert_field (data, "N-1", GW_FIELD_TITLE, "=SUM(A1:A9)");
  assert_field (data, "N-1", GW_FIELD_DESCRIPTION, "-5 days");
  assert_field (data, "N-2", GW_FIELD_TITLE, "'plain apostrophe");
  assert_field (data, "N-2", GW_FIELD_DESCRIPTION, "@mention");
  assert_field (data, "+N-3", GW_FIELD_TITLE, "+1");
}

static void
test_delimiters (void)
{
  g_autoptr(GwImportData) tabs = import_text ("tasks.tsv", "key\ttitle\tcategory\nT-1\t  spaced, title  \tOps\n");
  g_autoptr(GwImportData) sep = import_text ("excel.csv", "sep=;\nkey;title\nX-1;a,b\nX-1b;c\n");
  g_autoptr(GwImportData) bars = import_text ("bars.csv", "key|title\nP-1|Piped\n");
  g_autoptr(GwImportData) single = import_text ("keys.csv", "key\nK-1\nK-2\n");

  assert_field (tabs, "T-1", GW_FIELD_TITLE, "spaced, title");
  assert_field (tabs, "T-1", GW_FIELD_CATEGORY, "Ops");
  assert_field (sep, "X-1", GW_FIELD_TITLE, "a,b");
  g_assert_cmpint (g_array_index (sep->item_lines, int, 0), ==, 3);
  assert_field (bars, "P-1", GW_FIELD_TITLE, "Piped");
  g_assert_cmpuint (single->items->len, ==, 2);
  g_assert_cmpuint (fields_of (single, "K-1"), ==, GW_IMPORT_FIELD (GW_FIELD_KEY));
}

static void
test_dates (void)
{
  static const struct { const char *text; const char *iso; } cases[] = {
    { "2026-11-21", "2026-11-21" },
    { "2026-11-21T09:14:00Z", "2026-11-21" },
    { "2026/11/21", "2026-11-21" },
    { "21/Nov/26 9:14 AM", "2026-11-21" },
    { "21/nov/2026", "2026-11-21" },
    { "21-Nov-2026", "2026-11-21" },
    { "21 Nov 2026", "2026-11-21" },
    { "21.11.2026", "2026-11-21" },
    { "29/Feb/28", "2028-02-29" },
    { "", "" },
  };
  static const char *const bad[] = { "29/Feb/27", "2026-13-01", "11/21/2026", "soon", "21/Foo/26" };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf ("key,start date\nD-1,%s\n", cases[i].text);
      g_autoptr(GwImportData) data = import_text ("dates.csv", text);

      g_assert_cmpuint (data->warnings->len, ==, 0);
      assert_field (data, "D-1", GW_FIELD_NOT_BEFORE, cases[i].iso);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *text = g_strdup_printf ("key,not_before\nD-1,%s\n", bad[i]);
      g_autoptr(GwImportData) data = import_text ("dates.csv", text);

      g_assert_cmpuint (data->warnings->len, ==, 1);
      assert_field (data, "D-1", GW_FIELD_NOT_BEFORE, "");
      g_assert_false (fields_of (data, "D-1") & GW_IMPORT_FIELD (GW_FIELD_NOT_BEFORE));
    }
}

static void
test_empty_cells (void)
{
  g_autoptr(GwImportData) data = import_text ("clear.csv",
                                              "key,title,priority,status,risk,owner,effort\n"
                                              "E-1,,,,,,\n");
  guint64 fields = fields_of (data, "E-1");

  /* An empty cell gives an empty value, except where none can be. */
  g_assert_true (fields & GW_IMPORT_FIELD (GW_FIELD_TITLE));
  g_assert_true (fields & GW_IMPORT_FIELD (GW_FIELD_RISK));
  g_assert_true (fields & GW_IMPORT_FIELD (GW_FIELD_OWNER));
  g_assert_true (fields & GW_IMPORT_FIELD (GW_FIELD_EFFORT_HOURS));
  g_assert_true (fields & GW_IMPORT_FIELD (GW_FIELD_EFFORT_SIZE));
  g_assert_false (fields & GW_IMPORT_FIELD (GW_FIELD_PRIORITY));
  g_assert_false (fields & GW_IMPORT_FIELD (GW_FIELD_STATUS));
  g_assert_cmpuint (data->warnings->len, ==, 0);
}

static void
test_long_and_short_rows (void)
{
  g_autoptr(GwImportData) data = import_text ("ragged.csv",
                                              "key,title,category\n"
                                              "R-1,One\n"
                                              "R-2,Two,Ops,extra,more\n"
                                              "R-3,Three,Dev,again\n");

  assert_field (data, "R-1", GW_FIELD_CATEGORY, "");
  assert_field (data, "R-2", GW_FIELD_CATEGORY, "Ops");
  assert_warning (data, "ragged.csv:3: The row has 5 cells but the header names 3 columns");
  g_assert_cmpuint (data->warnings->len, ==, 1);
}

static void
test_link_to_missing_issue (void)
{
  g_autoptr(GwImportData) data = import_text ("links.csv",
                                              "Issue key,Summary,Outward issue link (Blocks),Blocks\n"
                                              "A-1,One,A-9,A-2\n"
                                              "A-2,Two,,\n");

  assert_field (data, "A-2", GW_FIELD_DEPENDS_ON, "A-1");
  assert_warning (data, "links.csv:2: “A-1” blocks “A-9”, which is not in the file; the link was left out.");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv-import/jira-export", test_jira_export);
  g_test_add_func ("/csv-import/semicolon", test_semicolon);
  g_test_add_func ("/csv-import/bom-crlf", test_bom_crlf);
  g_test_add_func ("/csv-import/latin1", test_latin1);
  g_test_add_func ("/csv-import/utf16", test_utf16);
  g_test_add_func ("/csv-import/quoted-newlines", test_quoted_newlines);
  g_test_add_func ("/csv-import/synonyms", test_synonyms);
  g_test_add_func ("/csv-import/bad-values", test_bad_values);
  g_test_add_func ("/csv-import/errors", test_errors);
  g_test_add_func ("/csv-import/not-text", test_not_text);
  g_test_add_func ("/csv-import/neutralised-cells", test_neutralised_cells);
  g_test_add_func ("/csv-import/delimiters", test_delimiters);
  g_test_add_func ("/csv-import/dates", test_dates);
  g_test_add_func ("/csv-import/empty-cells", test_empty_cells);
  g_test_add_func ("/csv-import/ragged-rows", test_long_and_short_rows);
  g_test_add_func ("/csv-import/link-to-missing-issue", test_link_to_missing_issue);

  return g_test_run ();
}
