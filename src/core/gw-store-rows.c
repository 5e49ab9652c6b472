/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The bulk write path of gw_store_write_items(): rows in memory served to
 * INSERT ... SELECT through the table-valued function gw_import_rows(?1),
 * and the undo record of the new rows written directly in the changeset
 * format of SQLite's session extension (see "CHANGESET FORMAT" in
 * sqlite3session.c). */

#include "config.h"

#include <math.h>
#include <string.h>

#include "gw-store-rows-private.h"

typedef sqlite3_stmt Stmt;
static void stmt_free (Stmt *stmt) { sqlite3_finalize (stmt); }
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Stmt, stmt_free)

const char *const _gw_store_item_value_names[N_ITEM_VALUES] = {
  "id", "key", "position", "title", "description", "category", "module",
  "priority", "status", "effort_hours", "effort_size", "effort_min", "effort_max",
  "risk", "impl_risk_pct", "data_loss_risk_pct", "impact", "roi_pct", "revenue_impact",
  "owner", "assignee", "milestone", "phase", "action", "current_pct", "target_pct",
  "not_before",
};

const char *const _gw_store_dep_value_names[N_DEP_VALUES] = { "item_id", "depends_on", "lag_hours" };

static void
text_value (GwRowValue *v,
            const char *text)
{
  if (text == NULL)
    {
      v->type = SQLITE_NULL;
      return;
    }
  v->type = SQLITE_TEXT;
  v->text = text;
  v->length = strlen (text);
}

/* NAN is stored as NULL, as bind_real() in gw-store.c does. */
static void
real_value (GwRowValue *v,
            double      r)
{
  v->type = isnan (r) ? SQLITE_NULL : SQLITE_FLOAT;
  v->r = r;
}

static void
int_value (GwRowValue *v,
           gint64      i)
{
  v->type = SQLITE_INTEGER;
  v->i = i;
}

/* The values bind_item() (gw-store.c) gives, in the order of
 * _gw_store_item_value_names. */
void
_gw_store_item_values (GwItem     *item,
                       GwRowValue *v)
{
  GwItemFields *f = gw_item_get_fields (item);

  int_value (&v[ITEM_ID], gw_item_get_id (item));
  text_value (&v[ITEM_KEY], f->key);
  int_value (&v[ITEM_POSITION], gw_item_get_position (item));
  text_value (&v[ITEM_TITLE], f->title ? f->title : "");
  text_value (&v[ITEM_DESCRIPTION], f->description);
  text_value (&v[ITEM_CATEGORY], f->category);
  text_value (&v[ITEM_MODULE], f->module);
  text_value (&v[ITEM_PRIORITY], gw_priority_to_string (f->priority));
  text_value (&v[ITEM_STATUS], gw_status_to_string (f->status));
  v[ITEM_EFFORT_HOURS].type = SQLITE_FLOAT;
  v[ITEM_EFFORT_HOURS].r = f->effort_hours;
  text_value (&v[ITEM_EFFORT_SIZE], f->effort_size ? gw_size_to_string (f->effort_size) : NULL);
  real_value (&v[ITEM_EFFORT_MIN], f->effort_min);
  real_value (&v[ITEM_EFFORT_MAX], f->effort_max);
  text_value (&v[ITEM_RISK], f->risk ? gw_risk_to_string (f->risk) : NULL);
  real_value (&v[ITEM_IMPL_RISK_PCT], f->impl_risk_pct);
  real_value (&v[ITEM_DATA_LOSS_RISK_PCT], f->data_loss_risk_pct);
  if (f->impact < 0)
    v[ITEM_IMPACT].type = SQLITE_NULL;
  else
    int_value (&v[ITEM_IMPACT], f->impact);
  real_value (&v[ITEM_ROI_PCT], f->roi_pct);
  text_value (&v[ITEM_REVENUE_IMPACT], f->revenue_impact);
  text_value (&v[ITEM_OWNER], f->owner);
  text_value (&v[ITEM_ASSIGNEE], f->assignee);
  text_value (&v[ITEM_MILESTONE], f->milestone);
  text_value (&v[ITEM_PHASE], f->phase);
  text_value (&v[ITEM_ACTION], f->action ? gw_action_to_string (f->action) : NULL);
  real_value (&v[ITEM_CURRENT_PCT], f->current_pct);
  real_value (&v[ITEM_TARGET_PCT], f->target_pct);
  text_value (&v[ITEM_NOT_BEFORE], f->not_before);
}

#define ROWS_SOURCE_COLUMN N_ITEM_VALUES

typedef struct
{
  sqlite3_vtab_cursor  base;
  const GwRowSource   *source;
  guint                row;
  gboolean             filled;
  GwRowValue           v[N_ITEM_VALUES];
} RowsCursor;

static int
rows_connect (sqlite3             *db,
              void                *aux,
              int                  argc,
              const char *const   *argv,
              sqlite3_vtab       **vtab,
              char               **error)
{
  g_autoptr(GString) sql = g_string_new ("CREATE TABLE x (");
  int rc;

  for (guint i = 0; i < N_ITEM_VALUES; i++)
    g_string_append_printf (sql, "c%u, ", i);
  g_string_append (sql, "source HIDDEN)");
  rc = sqlite3_declare_vtab (db, sql->str);
  if (rc != SQLITE_OK)
    return rc;
  *vtab = sqlite3_malloc (sizeof (sqlite3_vtab));
  if (*vtab == NULL)
    return SQLITE_NOMEM;
  memset (*vtab, 0, sizeof (sqlite3_vtab));
  return SQLITE_OK;
}

static int
rows_disconnect (sqlite3_vtab *vtab)
{
  sqlite3_free (vtab);
  return SQLITE_OK;
}

/* The source must be given: gw_import_rows(?1). */
static int
rows_best_index (sqlite3_vtab       *vtab,
                 sqlite3_index_info *info)
{
  for (int i = 0; i < info->nConstraint; i++)
    if (info->aConstraint[i].iColumn == ROWS_SOURCE_COLUMN &&
        info->aConstraint[i].op == SQLITE_INDEX_CONSTRAINT_EQ && info->aConstraint[i].usable)
      {
        info->aConstraintUsage[i].argvIndex = 1;
        info->aConstraintUsage[i].omit = 1;
        info->estimatedCost = 1000;
        info->estimatedRows = 1000;
        return SQLITE_OK;
      }
  return SQLITE_CONSTRAINT;
}

static int
rows_open (sqlite3_vtab         *vtab,
           sqlite3_vtab_cursor **cursor)
{
  RowsCursor *c = sqlite3_malloc (sizeof (RowsCursor));

  if (c == NULL)
    return SQLITE_NOMEM;
  memset (c, 0, sizeof (RowsCursor));
  *cursor = &c->base;
  return SQLITE_OK;
}

static int
rows_close (sqlite3_vtab_cursor *cursor)
{
  sqlite3_free (cursor);
  return SQLITE_OK;
}

static int
rows_filter (sqlite3_vtab_cursor  *cursor,
             int                   plan,
             const char           *plan_text,
             int                   argc,
             sqlite3_value       **argv)
{
  RowsCursor *c = (RowsCursor *) cursor;

  c->source = argc > 0 ? sqlite3_value_pointer (argv[0], GW_ROW_SOURCE_TYPE) : NULL;
  c->row = 0;
  c->filled = FALSE;
  return SQLITE_OK;
}

static int
rows_next (sqlite3_vtab_cursor *cursor)
{
  RowsCursor *c = (RowsCursor *) cursor;

  c->row++;
  c->filled = FALSE;
  return SQLITE_OK;
}

static int
rows_eof (sqlite3_vtab_cursor *cursor)
{
  RowsCursor *c = (RowsCursor *) cursor;

  return c->source == NULL || c->row >= c->source->n_rows;
}

/* Text is given without a copy: it belongs to the rows, which outlive the
 * statement. */
static int
rows_column (sqlite3_vtab_cursor *cursor,
             sqlite3_context     *ctx,
             int                  column)
{
  RowsCursor *c = (RowsCursor *) cursor;
  const GwRowValue *v;

  if (column < 0 || column >= N_ITEM_VALUES)
    {
      sqlite3_result_null (ctx);
      return SQLITE_OK;
    }
  if (!c->filled)
    {
      for (guint i = 0; i < N_ITEM_VALUES; i++)
        c->v[i].type = SQLITE_NULL;
      c->source->fill (c->source->rows, c->row, c->v);
      c->filled = TRUE;
    }
  v = &c->v[column];
  switch (v->type)
    {
    case SQLITE_INTEGER:
      sqlite3_result_int64 (ctx, v->i);
      break;
    case SQLITE_FLOAT:
      sqlite3_result_double (ctx, v->r);
      break;
    case SQLITE_TEXT:
      sqlite3_result_text (ctx, v->text, (int) v->length, SQLITE_STATIC);
      break;
    default:
      sqlite3_result_null (ctx);
      break;
    }
  return SQLITE_OK;
}

static int
rows_rowid (sqlite3_vtab_cursor *cursor,
            sqlite3_int64       *rowid)
{
  *rowid = ((RowsCursor *) cursor)->row + 1;
  return SQLITE_OK;
}

const sqlite3_module _gw_store_rows_module = {
  .xConnect = rows_connect,
  .xBestIndex = rows_best_index,
  .xDisconnect = rows_disconnect,
  .xOpen = rows_open,
  .xClose = rows_close,
  .xFilter = rows_filter,
  .xNext = rows_next,
  .xEof = rows_eof,
  .xColumn = rows_column,
  .xRowid = rows_rowid,
};

void
_gw_store_fill_item (gconstpointer  rows,
                     guint          row,
                     GwRowValue    *v)
{
  _gw_store_item_values (((GwItem *const *) rows)[row], v);
}

void
_gw_store_dep_values (const GwDepRow *dep,
                      GwRowValue     *v)
{
  int_value (&v[DEP_ITEM_ID], dep->item_id);
  int_value (&v[DEP_DEPENDS_ON], dep->depends_on);
  v[DEP_LAG_HOURS].type = SQLITE_FLOAT;
  v[DEP_LAG_HOURS].r = dep->lag_hours;
}

void
_gw_store_fill_dep (gconstpointer  rows,
                    guint          row,
                    GwRowValue    *v)
{
  _gw_store_dep_values (&((const GwDepRow *) rows)[row], v);
}

/* Reads the table's columns from the register. Returns FALSE when they
 * are not those of @names (the session then records the rows). */
gboolean
_gw_store_table_layout_init (sqlite3            *db,
                             GwTableLayout      *layout,
                             const char         *table,
                             const char *const  *names,
                             guint               n_names)
{
  g_autoptr(Stmt) stmt = NULL;
  guint64 seen = 0;

  g_assert (n_names <= G_N_ELEMENTS (layout->value));
  layout->table = table;
  layout->n_columns = 0;
  if (sqlite3_prepare_v3 (db, "SELECT name, pk FROM pragma_table_info(?1, 'main')", -1,
                          SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);
      int pk = sqlite3_column_int (stmt, 1);
      guint v;

      for (v = 0; v < n_names && g_strcmp0 (names[v], name) != 0; v++)
        ;
      if (v == n_names || layout->n_columns == n_names || pk < 0 || pk > 255)
        return FALSE;
      layout->pk[layout->n_columns] = (guint8) pk;
      layout->value[layout->n_columns++] = v;
      seen |= G_GUINT64_CONSTANT (1) << v;
    }
  return layout->n_columns == n_names && seen == (G_GUINT64_CONSTANT (1) << n_names) - 1;
}

static guint8 *
changeset_reserve (GwChangeset *cs,
                   gsize        n)
{
  if (cs->len + n > cs->alloc)
    {
      cs->alloc = MAX (cs->alloc * 2, cs->len + n + 4096);
      cs->data = g_realloc (cs->data, cs->alloc);
    }
  return cs->data + cs->len;
}

/* SQLite's variable-length integer (sqlite3PutVarint()): big-endian
 * groups of 7 bits, the 9th byte of 8. */
static guint8 *
put_varint (guint8  *p,
            guint64  v)
{
  guint8 buf[10];
  int n = 0;

  if (v & (G_GUINT64_CONSTANT (0xff000000) << 32))
    {
      p[8] = (guint8) v;
      v >>= 8;
      for (int i = 7; i >= 0; i--)
        {
          p[i] = (guint8) ((v & 0x7f) | 0x80);
          v >>= 7;
        }
      return p + 9;
    }
  do
    {
      buf[n++] = (guint8) ((v & 0x7f) | 0x80);
      v >>= 7;
    }
  while (v != 0);
  buf[0] &= 0x7f;
  while (n > 0)
    *p++ = buf[--n];
  return p;
}

static guint8 *
put_be64 (guint8  *p,
          guint64  v)
{
  v = GUINT64_TO_BE (v);
  memcpy (p, &v, 8);
  return p + 8;
}

/* 'T', the number of columns, the primary key flags, the name. */
void
_gw_store_changeset_put_table (GwChangeset         *cs,
                               const GwTableLayout *layout)
{
  gsize name_len = strlen (layout->table) + 1;
  guint8 *p = changeset_reserve (cs, 1 + 9 + layout->n_columns + name_len);

  *p++ = 'T';
  p = put_varint (p, layout->n_columns);
  memcpy (p, layout->pk, layout->n_columns);
  p += layout->n_columns;
  memcpy (p, layout->table, name_len);
  cs->len = (gsize) (p + name_len - cs->data);
}

/* An insert: the operation, the indirect flag, then each column's type
 * and value. */
void
_gw_store_changeset_put_insert (GwChangeset         *cs,
                                const GwTableLayout *layout,
                                const GwRowValue    *v)
{
  gsize max = 2;
  guint8 *p;

  for (guint c = 0; c < layout->n_columns; c++)
    max += 1 + 9 + (v[layout->value[c]].type == SQLITE_TEXT ? v[layout->value[c]].length : 0);
  p = changeset_reserve (cs, max);
  *p++ = SQLITE_INSERT;
  *p++ = 0;
  for (guint c = 0; c < layout->n_columns; c++)
    {
      const GwRowValue *value = &v[layout->value[c]];
      guint64 bits;

      *p++ = (guint8) value->type;
      switch (value->type)
        {
        case SQLITE_INTEGER:
          p = put_be64 (p, (guint64) value->i);
          break;
        case SQLITE_FLOAT:
          memcpy (&bits, &value->r, 8);
          p = put_be64 (p, bits);
          break;
        case SQLITE_TEXT:
          p = put_varint (p, value->length);
          memcpy (p, value->text, value->length);
          p += value->length;
          break;
        default:
          break;
        }
    }
  cs->len = (gsize) (p - cs->data);
}

