/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "gw-calendar.h"
#include "gw-store-private.h"
#include "gw-store-rows-private.h"

#define BUSY_TIMEOUT_MS 5000
#define DEFAULT_HISTORY_LIMIT 500
#define LARGE_CHANGESET_BYTES (256 * 1024)

struct _GwStore
{
  GObject           parent_instance;

  sqlite3          *db;
  char             *path;
  gboolean          read_only;
  int               opened_version;   /* user_version found on open */
  int               data_version;

  /* the edit under way */
  int               edit_depth;
  gboolean          edit_failed;
  char             *edit_label;
  sqlite3_session  *session;
  GPtrArray        *taken;            /* Taken: changes of the edit recorded so far, in order */

  /* cached settings */
  char             *name;
  GwParseContext    parse_ctx;
};

G_DEFINE_FINAL_TYPE (GwStore, gw_store, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_QUARK (gw-store-error-quark, gw_store_error)

/* Columns of items in the order read_item() and bind_item() use them. */
#define ITEM_COLUMNS \
  "id, position, key, title, description, category, module, priority, status, " \
  "effort_hours, effort_size, effort_min, effort_max, risk, impl_risk_pct, " \
  "data_loss_risk_pct, impact, roi_pct, revenue_impact, owner, assignee, milestone, " \
  "phase, action, current_pct, target_pct, not_before"

static const struct { const char *name; const char *value; } default_settings[] = {
  { "name", "" },
  { "start_date", "" },            /* set to the creation day */
  { "working_days", "1,2,3,4,5" }, /* ISO weekdays */
  { "hours_per_day", "8" },
  { "day_start", "09:00" },
  { "holidays", "" },              /* YYYY-MM-DD,YYYY-MM-DD: days off */
  { "effort_threshold", "16" },
  { "impact_threshold", "50" },
  { "size_ranges", "XS=0-4,S=4-8,M=8-16,L=16-32,XL=32-64,XXL=64-128" },
  { "cost_per_hour", "" },
  { "should_threshold", "80" },
  { "history_limit", "500" },
  { "risk_grid", "5" },            /* cells a side of the risk matrix: 3 or 5 */
};

/* Change sets */

gboolean
gw_change_has_item (const GwChange *change,
                    gint64          id)
{
  if (change->everything)
    return TRUE;
  for (guint i = 0; change->item_ids && i < change->item_ids->len; i++)
    if (g_array_index (change->item_ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

static GwChange *
change_new (void)
{
  GwChange *change = g_new0 (GwChange, 1);

  change->item_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  return change;
}

static void
change_free (GwChange *change)
{
  g_array_unref (change->item_ids);
  g_free (change);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GwChange, change_free)

/* Roles, milestones, decision entries */

GwRole *
gw_role_new (const char *name)
{
  GwRole *role = g_new0 (GwRole, 1);

  role->name = g_strdup (name);
  role->headcount = 1;
  role->hours_per_week = 40;
  role->cost_per_hour = NAN;
  return role;
}

GwRole *
gw_role_copy (const GwRole *role)
{
  GwRole *copy = g_memdup2 (role, sizeof *role);

  copy->name = g_strdup (role->name);
  return copy;
}

void
gw_role_free (GwRole *role)
{
  if (role == NULL)
    return;
  g_free (role->name);
  g_free (role);
}

GwMilestone *
gw_milestone_new (const char *key,
                  const char *name)
{
  GwMilestone *m = g_new0 (GwMilestone, 1);

  m->key = g_strdup (key);
  m->name = g_strdup (name ? name : "");
  m->goal = g_strdup ("");
  for (guint k = 0; k < G_N_ELEMENTS (m->lines); k++)
    m->lines[k] = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_line_free);
  return m;
}

GwMilestone *
gw_milestone_copy (const GwMilestone *milestone)
{
  GwMilestone *m = gw_milestone_new (milestone->key, milestone->name);

  g_free (m->goal);
  m->goal = g_strdup (milestone->goal);
  m->requires = g_strdup (milestone->requires);
  m->duration = g_strdup (milestone->duration);
  for (guint k = 0; k < G_N_ELEMENTS (m->lines); k++)
    for (guint i = 0; i < milestone->lines[k]->len; i++)
      g_ptr_array_add (m->lines[k], gw_line_copy (g_ptr_array_index (milestone->lines[k], i)));
  return m;
}

void
gw_milestone_free (GwMilestone *milestone)
{
  if (milestone == NULL)
    return;
  g_free (milestone->key);
  g_free (milestone->name);
  g_free (milestone->goal);
  g_free (milestone->requires);
  g_free (milestone->duration);
  for (guint k = 0; k < G_N_ELEMENTS (milestone->lines); k++)
    g_ptr_array_unref (milestone->lines[k]);
  g_free (milestone);
}

GwDecisionEntry *
gw_decision_entry_new (GwGateLevel  level,
                       const char  *item_key,
                       const char  *text,
                       gboolean     done)
{
  GwDecisionEntry *entry = g_new0 (GwDecisionEntry, 1);

  entry->level = level;
  entry->item_key = g_strdup (item_key);
  entry->text = g_strdup (text ? text : "");
  entry->done = !!done;
  return entry;
}

void
gw_decision_entry_free (GwDecisionEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->item_key);
  g_free (entry->text);
  g_free (entry);
}

/* SQLite helpers */

void
gw_store_set_sqlite_error (GError     **error,
                           sqlite3     *db,
                           int          rc,
                           const char  *path)
{
  const char *message = db ? sqlite3_errmsg (db) : sqlite3_errstr (rc);
  g_autofree char *display = path ? g_filename_display_name (path) : NULL;

  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_BUSY,
                   _("The register is busy: another program is writing to it; try again in a moment."));
      break;
    case SQLITE_READONLY:
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_READ_ONLY,
                   _("The register is read-only: changes cannot be saved."));
      break;
    case SQLITE_FULL:
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_IO,
                   _("The disk is full: the change was not saved."));
      break;
    case SQLITE_CORRUPT:
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_CORRUPT,
                   _("The register “%s” is damaged: %s."), display ? display : "", message);
      break;
    case SQLITE_NOTADB:
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_NOT_REGISTER,
                   _("“%s” is not a Gapwise register."), display ? display : "");
      break;
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_IO,
                   _("The register could not be read or written: %s."), message);
      break;
    case SQLITE_CONSTRAINT:
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_INVALID,
                   _("The change breaks a rule of the register: %s."), message);
      break;
    default:
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_FAILED,
                   _("The register could not be used: %s."), message);
      break;
    }
}

static sqlite3_stmt *
prepare (GwStore     *self,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      gw_store_set_sqlite_error (error, self->db, rc, self->path);
      return NULL;
    }
  return stmt;
}

typedef sqlite3_stmt Stmt;
static void stmt_free (Stmt *stmt) { sqlite3_finalize (stmt); }
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Stmt, stmt_free)

static void
bind_text (sqlite3_stmt *stmt,
           int           i,
           const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, i);
  else
    sqlite3_bind_text (stmt, i, text, -1, SQLITE_TRANSIENT);
}

static void
bind_real (sqlite3_stmt *stmt,
           int           i,
           double        v)
{
  if (isnan (v))
    sqlite3_bind_null (stmt, i);
  else
    sqlite3_bind_double (stmt, i, v);
}

static char *
column_text (sqlite3_stmt *stmt,
             int           i)
{
  const unsigned char *text = sqlite3_column_text (stmt, i);

  return text ? g_strdup ((const char *) text) : NULL;
}

static double
column_real (sqlite3_stmt *stmt,
             int           i)
{
  return sqlite3_column_type (stmt, i) == SQLITE_NULL ? NAN : sqlite3_column_double (stmt, i);
}

/* Runs @stmt to completion; resets it either way. */
static gboolean
step_done (GwStore       *self,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      gw_store_set_sqlite_error (error, self->db, rc, self->path);
      return FALSE;
    }
  return TRUE;
}

static gint64
query_int (GwStore    *self,
           const char *sql,
           gint64      fallback)
{
  g_autoptr(Stmt) stmt = prepare (self, sql, NULL);
  gint64 v = fallback;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    v = sqlite3_column_int64 (stmt, 0);
  return v;
}

static gint64
lookup_id (GwStore    *self,
           const char *table,
           const char *column,
           const char *value)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM %s WHERE %s = ?1", table, column);
  g_autoptr(Stmt) stmt = prepare (self, sql, NULL);

  if (stmt == NULL)
    return 0;
  bind_text (stmt, 1, value);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  return 0;
}

static gboolean
item_exists (GwStore *self,
             gint64   id)
{
  g_autoptr(Stmt) stmt = prepare (self, "SELECT 1 FROM items WHERE id = ?1", NULL);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

static gboolean
not_found (GError     **error,
           const char  *key)
{
  g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_NOT_FOUND,
               _("There is no item with the key “%s”."), key);
  return FALSE;
}

static gboolean
check_writable (GwStore  *self,
                GError  **error)
{
  if (self->read_only)
    {
      g_autofree char *display = g_filename_display_name (self->path);

      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_READ_ONLY,
                   _("“%s” is open read-only: changes cannot be saved."), display);
      return FALSE;
    }
  return TRUE;
}

/* Settings */

static void
reload_settings (GwStore *self)
{
  g_autofree char *hpd = gw_store_get_setting (self, "hours_per_day");
  g_autofree char *sizes = gw_store_get_setting (self, "size_ranges");
  double v;

  g_clear_pointer (&self->name, g_free);
  self->name = gw_store_get_setting (self, "name");

  gw_parse_context_init (&self->parse_ctx);
  v = hpd ? g_ascii_strtod (hpd, NULL) : 0;
  if (v > 0 && v <= 24)
    self->parse_ctx.hours_per_day = v;
  if (sizes != NULL)
    gw_size_ranges_parse (sizes, &self->parse_ctx.sizes, NULL);
}

static gboolean
validate_setting (const char  *name,
                  const char  *value,
                  GError     **error)
{
  gboolean known = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (default_settings); i++)
    if (g_str_equal (default_settings[i].name, name))
      known = TRUE;
  if (!known)
    {
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_INVALID,
                   _("“%s” is not a register setting."), name);
      return FALSE;
    }

  if (g_str_equal (name, "hours_per_day") || g_str_equal (name, "effort_threshold") ||
      g_str_equal (name, "impact_threshold") || g_str_equal (name, "should_threshold") ||
      g_str_equal (name, "cost_per_hour") || g_str_equal (name, "history_limit"))
    {
      char *end = NULL;
      double v = g_ascii_strtod (value, &end);
      gboolean empty_ok = g_str_equal (name, "cost_per_hour") && *value == '\0';

      if (!empty_ok && (end == value || *end != '\0' || !isfinite (v) || v < 0 ||
                        (g_str_equal (name, "hours_per_day") && (v <= 0 || v > 24)) ||
                        ((g_str_equal (name, "impact_threshold") || g_str_equal (name, "should_threshold")) && v > 100)))
        {
          g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_INVALID,
                       _("Setting “%s”: “%s” is not a valid number."), name, value);
          return FALSE;
        }
    }
  else if (g_str_equal (name, "start_date"))
    {
      g_autoptr(GDateTime) dt = NULL;
      g_autofree char *iso = g_strconcat (value, "T00:00:00Z", NULL);

      dt = g_date_time_new_from_iso8601 (iso, NULL);
      if (strlen (value) != 10 || dt == NULL)
        {
          g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_INVALID,
                       _("Setting “%s”: “%s” is not a date as YYYY-MM-DD."), name, value);
          return FALSE;
        }
    }
  else if (g_str_equal (name, "size_ranges"))
    {
      GwSizeRanges ranges;

      gw_size_ranges_init_default (&ranges);
      if (!gw_size_ranges_parse (value, &ranges, error))
        return FALSE;
    }
  else if (g_str_equal (name, "working_days"))
    {
      g_auto(GStrv) days = g_strsplit (value, ",", -1);

      if (days[0] == NULL)
        goto bad_days;
      for (guint i = 0; days[i]; i++)
        {
          char *end = NULL;
          gint64 d = g_ascii_strtoll (days[i], &end, 10);

          if (end == days[i] || *end != '\0' || d < 1 || d > 7)
            goto bad_days;
        }
    }
  else if (g_str_equal (name, "risk_grid"))
    {
      if (!g_str_equal (value, "3") && !g_str_equal (value, "5"))
        {
          g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_INVALID,
                       _("Setting “%s”: “%s” is not a grid size: use 3 or 5."), name, value);
          return FALSE;
        }
    }
  else if (g_str_equal (name, "holidays"))
    {
      g_autoptr(GArray) dates = gw_calendar_parse_holidays (value, error);

      if (dates == NULL)
        return FALSE;
    }
  else if (g_str_equal (name, "day_start"))
    {
      int h, m;
      char tail;

      if (sscanf (value, "%2d:%2d%c", &h, &m, &tail) != 2 || h < 0 || h > 23 || m < 0 || m > 59)
        {
          g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_INVALID,
                       _("Setting “%s”: “%s” is not a time as HH:MM."), name, value);
          return FALSE;
        }
    }
  return TRUE;

bad_days:
  g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_INVALID,
               _("Setting “%s”: “%s” is not a list of weekdays 1 (Monday) to 7 (Sunday)."), name, value);
  return FALSE;
}

/* History */

static void
collect_changes (GwStore        *self,
                 const void     *changeset,
                 int             size,
                 GwChange       *change)
{
  sqlite3_changeset_iter *iter = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  /* A change this large (an import) touches so many rows that listeners
   * reload everything anyway; listing them would cost more than that. */
  if (size > LARGE_CHANGESET_BYTES ||
      sqlite3changeset_start (&iter, size, (void *) changeset) != SQLITE_OK)
    {
      change->everything = TRUE;
      change->roles = change->milestones = change->settings = change->decision = TRUE;
      return;
    }

  while (sqlite3changeset_next (iter) == SQLITE_ROW)
    {
      const char *table;
      int n_columns, op, indirect;
      sqlite3_value *value = NULL;
      gint64 item_id = 0;

      sqlite3changeset_op (iter, &table, &n_columns, &op, &indirect);

      if (g_str_equal (table, "items") || g_str_equal (table, "dependencies"))
        {
          if (op == SQLITE_INSERT)
            sqlite3changeset_new (iter, 0, &value);
          else
            sqlite3changeset_old (iter, 0, &value);
          if (value != NULL)
            item_id = sqlite3_value_int64 (value);
        }
      else if (g_str_equal (table, "item_lines"))
        {
          if (op == SQLITE_INSERT)
            sqlite3changeset_new (iter, 1, &value);
          else if (op == SQLITE_DELETE)
            sqlite3changeset_old (iter, 1, &value);
          if (value != NULL)
            item_id = sqlite3_value_int64 (value);
          else
            {
              /* An updated line names only its own id: find its item. */
              g_autoptr(Stmt) stmt = prepare (self, "SELECT item_id FROM item_lines WHERE id = ?1", NULL);

              sqlite3changeset_old (iter, 0, &value);
              if (stmt != NULL && value != NULL)
                {
                  sqlite3_bind_int64 (stmt, 1, sqlite3_value_int64 (value));
                  if (sqlite3_step (stmt) == SQLITE_ROW)
                    item_id = sqlite3_column_int64 (stmt, 0);
                }
            }
        }
      else if (g_str_equal (table, "roles"))
        change->roles = TRUE;
      else if (g_str_equal (table, "milestones") || g_str_equal (table, "milestone_lines"))
        change->milestones = TRUE;
      else if (g_str_equal (table, "settings"))
        change->settings = TRUE;
      else if (g_str_equal (table, "decision"))
        change->decision = TRUE;

      if (item_id != 0 && !g_hash_table_contains (seen, &item_id))
        {
          g_array_append_val (change->item_ids, item_id);
          g_hash_table_add (seen, g_memdup2 (&item_id, sizeof item_id));
        }
    }
  sqlite3changeset_finalize (iter);
}

static void
emit_changed (GwStore        *self,
              const GwChange *change)
{
  if (change->settings)
    reload_settings (self);
  self->data_version = (int) query_int (self, "PRAGMA data_version", 0);
  g_signal_emit (self, signals[CHANGED], 0, change);
}

static void
end_session (GwStore *self)
{
  g_clear_pointer (&self->session, sqlite3session_delete);
  g_clear_pointer (&self->taken, g_ptr_array_unref);
  g_clear_pointer (&self->edit_label, g_free);
  self->edit_failed = FALSE;
}

static int
start_session (GwStore *self)
{
  int rc = sqlite3session_create (self->db, "main", &self->session);

  for (guint i = 0; rc == SQLITE_OK && gw_store_tracked_tables[i]; i++)
    rc = sqlite3session_attach (self->session, gw_store_tracked_tables[i]);
  return rc;
}

/* Changes of the edit under way, recorded by the session (first_id 0)
 * or by gw_store_write_items(): the new items first_id .. last_id and
 * their dependencies, added with the session off. */
typedef struct
{
  GBytes *changeset;
  gint64  first_id;
  gint64  last_id;
} Taken;

static void
taken_free (Taken *taken)
{
  g_bytes_unref (taken->changeset);
  g_free (taken);
}

static void
take_changeset (GwStore *self,
                GBytes  *changeset,
                gint64   first_id,
                gint64   last_id)
{
  Taken *taken;

  if (g_bytes_get_size (changeset) == 0)
    {
      g_bytes_unref (changeset);
      return;
    }
  if (self->taken == NULL)
    self->taken = g_ptr_array_new_with_free_func ((GDestroyNotify) taken_free);
  taken = g_new (Taken, 1);
  taken->changeset = changeset;
  taken->first_id = first_id;
  taken->last_id = last_id;
  g_ptr_array_add (self->taken, taken);
}

static GBytes *
session_bytes (void *changeset,
               int   size)
{
  return g_bytes_new_with_free_func (changeset, size, sqlite3_free, changeset);
}

/* Moves what the session recorded so far into self->taken and starts a
 * new session, which has then recorded nothing of the rows written next
 * with it off; the order of the edit's changes is kept. */
static gboolean
take_session (GwStore  *self,
              GError  **error)
{
  void *changeset = NULL;
  int size = 0;
  int rc = SQLITE_OK;

  if (!sqlite3session_isempty (self->session))
    rc = sqlite3session_changeset (self->session, &size, &changeset);
  if (rc == SQLITE_OK)
    {
      take_changeset (self, session_bytes (changeset, size), 0, 0);
      g_clear_pointer (&self->session, sqlite3session_delete);
      rc = start_session (self);
    }
  if (rc != SQLITE_OK)
    {
      gw_store_set_sqlite_error (error, self->db, rc, self->path);
      return FALSE;
    }
  return TRUE;
}

/* Whether the session's changes name an item, or a dependency of an item,
 * that gw_store_write_items() added with the session off. */
static gboolean
touches_own_rows (GwStore     *self,
                  const Taken *taken)
{
  sqlite3_changeset_iter *iter = NULL;
  gsize size = 0;
  const void *data = g_bytes_get_data (taken->changeset, &size);
  gboolean touches = FALSE;

  if (sqlite3changeset_start (&iter, (int) size, (void *) data) != SQLITE_OK)
    return TRUE;
  while (!touches && sqlite3changeset_next (iter) == SQLITE_ROW)
    {
      const char *table;
      int n_columns, op, indirect;
      sqlite3_value *value = NULL;
      gint64 id;

      sqlite3changeset_op (iter, &table, &n_columns, &op, &indirect);
      if (!g_str_equal (table, "items") && !g_str_equal (table, "dependencies"))
        continue;
      if (op == SQLITE_INSERT)
        sqlite3changeset_new (iter, 0, &value);
      else
        sqlite3changeset_old (iter, 0, &value);
      if (value == NULL)
        {
          touches = TRUE;
          break;
        }
      id = sqlite3_value_int64 (value);
      for (guint i = 0; i < self->taken->len && !touches; i++)
        {
          const Taken *own = g_ptr_array_index (self->taken, i);

          touches = own->first_id != 0 && id >= own->first_id && id <= own->last_id;
        }
    }
  sqlite3changeset_finalize (iter);
  return touches;
}

/* The edit's changeset: what was taken out of the session, then what the
 * session holds, combined as if applied in that order. The rows written
 * without the session are appended as they are when no other change names
 * them, rather than read and hashed again by sqlite3changegroup.
 *
 * Returns: (transfer full) (nullable): the changeset, or %NULL with @rc set */
static GBytes *
edit_changeset (GwStore *self,
                int     *rc)
{
  sqlite3_changegroup *group = NULL;
  gboolean separate = TRUE;
  guint n_grouped = 0;
  void *changeset = NULL;
  int size = 0;
  gsize total;
  guint8 *joined;

  *rc = sqlite3session_changeset (self->session, &size, &changeset);
  if (*rc != SQLITE_OK)
    return NULL;
  take_changeset (self, session_bytes (changeset, size), 0, 0);
  if (self->taken == NULL)
    return g_bytes_new (NULL, 0);
  if (self->taken->len == 1)
    return g_bytes_ref (((Taken *) g_ptr_array_index (self->taken, 0))->changeset);

  for (guint i = 0; i < self->taken->len && separate; i++)
    {
      const Taken *taken = g_ptr_array_index (self->taken, i);

      if (taken->first_id == 0)
        separate = !touches_own_rows (self, taken);
    }

  *rc = sqlite3changegroup_new (&group);
  for (guint i = 0; *rc == SQLITE_OK && i < self->taken->len; i++)
    {
      const Taken *taken = g_ptr_array_index (self->taken, i);
      gsize n = 0;
      const void *data = g_bytes_get_data (taken->changeset, &n);

      if (separate && taken->first_id != 0)
        continue;
      *rc = sqlite3changegroup_add (group, (int) n, (void *) data);
      n_grouped++;
    }
  changeset = NULL;
  size = 0;
  if (*rc == SQLITE_OK && n_grouped > 0)
    *rc = sqlite3changegroup_output (group, &size, &changeset);
  sqlite3changegroup_delete (group);
  if (*rc != SQLITE_OK)
    {
      sqlite3_free (changeset);
      return NULL;
    }

  total = (gsize) size;
  for (guint i = 0; separate && i < self->taken->len; i++)
    {
      const Taken *taken = g_ptr_array_index (self->taken, i);

      if (taken->first_id != 0)
        total += g_bytes_get_size (taken->changeset);
    }
  joined = g_malloc (MAX (total, 1));
  memcpy (joined, changeset, size);
  sqlite3_free (changeset);
  total = (gsize) size;
  for (guint i = 0; separate && i < self->taken->len; i++)
    {
      const Taken *taken = g_ptr_array_index (self->taken, i);
      gsize n = 0;
      const void *data = g_bytes_get_data (taken->changeset, &n);

      if (taken->first_id == 0)
        continue;
      memcpy (joined + total, data, n);
      total += n;
    }
  return g_bytes_new_take (joined, total);
}

static gboolean
record_history (GwStore     *self,
                const void  *changeset,
                int          size,
                GError     **error)
{
  g_autoptr(Stmt) clear = NULL;
  g_autoptr(Stmt) insert = NULL;
  g_autoptr(Stmt) trim = NULL;
  g_autofree char *limit_text = gw_store_get_setting (self, "history_limit");
  gint64 limit = limit_text ? g_ascii_strtoll (limit_text, NULL, 10) : DEFAULT_HISTORY_LIMIT;

  /* A new edit ends the redo branch. */
  if (!(clear = prepare (self, "DELETE FROM history WHERE undone = 1", error)) ||
      !step_done (self, clear, error))
    return FALSE;

  if (!(insert = prepare (self, "INSERT INTO history (label, changeset) VALUES (?1, ?2)", error)))
    return FALSE;
  bind_text (insert, 1, self->edit_label);
  sqlite3_bind_blob (insert, 2, changeset, size, SQLITE_STATIC);
  if (!step_done (self, insert, error))
    return FALSE;

  if (limit < 1)
    limit = DEFAULT_HISTORY_LIMIT;
  if (!(trim = prepare (self, "DELETE FROM history WHERE id <= (SELECT max(id) FROM history) - ?1", error)))
    return FALSE;
  sqlite3_bind_int64 (trim, 1, limit);
  return step_done (self, trim, error);
}

static gboolean
edit_begin (GwStore     *self,
            const char  *label,
            GError     **error)
{
  int rc;

  if (!check_writable (self, error))
    return FALSE;

  if (self->edit_depth++ > 0)
    return TRUE;

  if (!gw_store_exec (self->db, "BEGIN IMMEDIATE", error))
    {
      self->edit_depth--;
      return FALSE;
    }

  rc = start_session (self);
  if (rc != SQLITE_OK)
    {
      gw_store_set_sqlite_error (error, self->db, rc, self->path);
      end_session (self);
      gw_store_exec (self->db, "ROLLBACK", NULL);
      self->edit_depth--;
      return FALSE;
    }
  self->edit_label = g_strdup (label);
  self->edit_failed = FALSE;
  return TRUE;
}

/* Ends one level of edit; the outermost level commits or rolls back. */
static gboolean
edit_end (GwStore   *self,
          gboolean   ok,
          GError   **error)
{
  g_autoptr(GwChange) change = NULL;
  g_autoptr(GBytes) changeset = NULL;
  gconstpointer data;
  gsize size = 0;
  int rc;

  g_return_val_if_fail (self->edit_depth > 0, FALSE);

  if (!ok)
    self->edit_failed = TRUE;
  if (--self->edit_depth > 0)
    return ok;

  if (self->edit_failed)
    {
      end_session (self);
      gw_store_exec (self->db, "ROLLBACK", NULL);
      return FALSE;
    }

  changeset = edit_changeset (self, &rc);
  if (changeset == NULL || g_bytes_get_size (changeset) > G_MAXINT)
    {
      gw_store_set_sqlite_error (error, self->db, changeset == NULL ? rc : SQLITE_TOOBIG, self->path);
      end_session (self);
      gw_store_exec (self->db, "ROLLBACK", NULL);
      return FALSE;
    }
  data = g_bytes_get_data (changeset, &size);
  sqlite3session_delete (self->session);
  self->session = NULL;

  if (size > 0 && !record_history (self, data, (int) size, error))
    goto fail;

  if (size > 0)
    {
      change = change_new ();
      collect_changes (self, data, (int) size, change);
    }

  if (!gw_store_exec (self->db, "COMMIT", error))
    goto fail;

  end_session (self);
  if (change != NULL)
    emit_changed (self, change);
  return TRUE;

fail:
  end_session (self);
  gw_store_exec (self->db, "ROLLBACK", NULL);
  return FALSE;
}

static int
conflict_abort_cb (void                   *data,
                   int                     conflict,
                   sqlite3_changeset_iter *iter)
{
  return SQLITE_CHANGESET_ABORT;
}

static gboolean
history_step (GwStore   *self,
              gboolean   undo,
              char     **label,
              GError   **error)
{
  const char *select_sql = undo
    ? "SELECT id, label, changeset FROM history WHERE undone = 0 ORDER BY id DESC LIMIT 1"
    : "SELECT id, label, changeset FROM history WHERE undone = 1 ORDER BY id ASC LIMIT 1";
  g_autoptr(Stmt) select = NULL;
  g_autoptr(Stmt) mark = NULL;
  g_autoptr(GwChange) change = NULL;
  g_autofree char *step_label = NULL;
  void *inverted = NULL;
  const void *changeset;
  gint64 id;
  int size, rc;

  if (!check_writable (self, error))
    return FALSE;
  g_return_val_if_fail (self->edit_depth == 0, FALSE);

  if (!gw_store_exec (self->db, "BEGIN IMMEDIATE", error))
    return FALSE;

  if (!(select = prepare (self, select_sql, error)))
    goto fail;
  rc = sqlite3_step (select);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error_literal (error, GW_STORE_ERROR, GW_STORE_ERROR_NOTHING,
                             undo ? _("There is nothing to undo.") : _("There is nothing to redo."));
      else
        gw_store_set_sqlite_error (error, self->db, rc, self->path);
      goto fail;
    }

  id = sqlite3_column_int64 (select, 0);
  step_label = column_text (select, 1);
  changeset = sqlite3_column_blob (select, 2);
  size = sqlite3_column_bytes (select, 2);

  if (undo)
    {
      int inverted_size = 0;

      rc = sqlite3changeset_invert (size, changeset, &inverted_size, &inverted);
      if (rc != SQLITE_OK)
        {
          gw_store_set_sqlite_error (error, self->db, rc, self->path);
          goto fail;
        }
      changeset = inverted;
      size = inverted_size;
    }

  rc = sqlite3changeset_apply (self->db, size, (void *) changeset, NULL, conflict_abort_cb, NULL);
  if (rc != SQLITE_OK)
    {
      if ((rc & 0xff) == SQLITE_ABORT || (rc & 0xff) == SQLITE_CONSTRAINT)
        g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_CONFLICT,
                     undo ? _("“%s” cannot be undone: the register has changed since.")
                          : _("“%s” cannot be redone: the register has changed since."),
                     step_label);
      else
        gw_store_set_sqlite_error (error, self->db, rc, self->path);
      goto fail;
    }

  change = change_new ();
  collect_changes (self, changeset, size, change);

  if (!(mark = prepare (self, "UPDATE history SET undone = ?2 WHERE id = ?1", error)))
    goto fail;
  sqlite3_bind_int64 (mark, 1, id);
  sqlite3_bind_int (mark, 2, undo ? 1 : 0);
  sqlite3_reset (select);
  if (!step_done (self, mark, error))
    goto fail;
  if (!gw_store_exec (self->db, "COMMIT", error))
    goto fail;

  sqlite3_free (inverted);
  emit_changed (self, change);
  if (label)
    *label = g_steal_pointer (&step_label);
  return TRUE;

fail:
  sqlite3_free (inverted);
  if (select)
    sqlite3_reset (select);
  gw_store_exec (self->db, "ROLLBACK", NULL);
  return FALSE;
}

/* Opening */

static gboolean
file_exists (const char *path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

/* Looks at the file's header before SQLite does, so that a file that is
 * not a register, or is truncated, is refused without writing a byte. */
static gboolean
check_header (const char  *path,
              GError     **error)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  guint8 header[100];
  GStatBuf st;
  FILE *f;
  size_t n;
  guint32 page_size, page_count;

  if (g_stat (path, &st) != 0)
    {
      int saved = errno;

      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_IO,
                   _("“%s” cannot be opened: %s."), display, g_strerror (saved));
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_NOT_REGISTER,
                   _("“%s” is not a Gapwise register: it is not a regular file."), display);
      return FALSE;
    }
  if (st.st_size == 0)
    return TRUE;   /* an empty file becomes a new register */

  f = g_fopen (path, "rb");
  if (f == NULL)
    {
      int saved = errno;

      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_IO,
                   _("“%s” cannot be read: %s."), display, g_strerror (saved));
      return FALSE;
    }
  n = fread (header, 1, sizeof header, f);
  fclose (f);

  if (n < sizeof header || memcmp (header, "SQLite format 3", 16) != 0)
    {
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_NOT_REGISTER,
                   _("“%s” is not a Gapwise register."), display);
      return FALSE;
    }

  page_size = ((guint32) header[16] << 8) | header[17];
  if (page_size == 1)
    page_size = 65536;
  page_count = read_be32 (header + 28);
  /* The page count is valid only when the change counter matches. */
  if (read_be32 (header + 24) == read_be32 (header + 92) &&
      (guint64) st.st_size < (guint64) page_size * page_count)
    {
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_CORRUPT,
                   _("The register “%s” is truncated: it holds %lld of %llu bytes."), display,
                   (long long) st.st_size, (unsigned long long) page_size * page_count);
      return FALSE;
    }

  /* With a write-ahead log present the header may be stale; SQLite reads
   * the real values in check_register(). */
  if (!file_exists (wal))
    {
      guint32 app_id = read_be32 (header + 68);
      guint32 version = read_be32 (header + 60);

      if (app_id != GW_STORE_APPLICATION_ID)
        {
          g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_NOT_REGISTER,
                       _("“%s” is not a Gapwise register: it is a database of another program."), display);
          return FALSE;
        }
      if (version > GW_STORE_SCHEMA_VERSION)
        {
          g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_NEWER,
                       _("“%s” was written by a newer version of Gapwise (format %u); this version reads formats up to %d."),
                       display, version, GW_STORE_SCHEMA_VERSION);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
can_read (GwStore *self)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, "SELECT count(*) FROM sqlite_master", -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  return rc == SQLITE_ROW || (rc & 0xff) == SQLITE_NOTADB || (rc & 0xff) == SQLITE_CORRUPT;
}

/* Reads the application id and version through SQLite (WAL included).
 * Returns the version, 0 for an empty database, -1 on error. */
static int
check_register (GwStore  *self,
                GError  **error)
{
  g_autofree char *display = g_filename_display_name (self->path);
  gint64 app_id, version, tables;
  g_autoptr(Stmt) stmt = NULL;
  int rc;

  /* Any read fails here when the file is damaged or not a database. */
  stmt = prepare (self, "SELECT count(*) FROM sqlite_master", error);
  if (stmt == NULL)
    return -1;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      gw_store_set_sqlite_error (error, self->db, rc, self->path);
      return -1;
    }
  tables = sqlite3_column_int64 (stmt, 0);
  app_id = query_int (self, "PRAGMA application_id", 0);
  version = query_int (self, "PRAGMA user_version", 0);

  if (tables == 0 && app_id == 0 && version == 0)
    return 0;
  if (app_id != GW_STORE_APPLICATION_ID)
    {
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_NOT_REGISTER,
                   _("“%s” is not a Gapwise register: it is a database of another program."), display);
      return -1;
    }
  if (version > GW_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_NEWER,
                   _("“%s” was written by a newer version of Gapwise (format %d); this version reads formats up to %d."),
                   display, (int) version, GW_STORE_SCHEMA_VERSION);
      return -1;
    }
  if (version < 1)
    {
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_CORRUPT,
                   _("The register “%s” is damaged: it has no format version."), display);
      return -1;
    }
  return (int) version;
}

static gboolean
write_default_settings (GwStore  *self,
                        GError  **error)
{
  g_autoptr(Stmt) stmt = prepare (self, "INSERT OR IGNORE INTO settings (name, value) VALUES (?1, ?2)", error);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (default_settings); i++)
    {
      const char *value = default_settings[i].value;

      if (g_str_equal (default_settings[i].name, "start_date"))
        value = today;
      bind_text (stmt, 1, default_settings[i].name);
      bind_text (stmt, 2, value);
      if (!step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
prepare_for_writing (GwStore  *self,
                     int       version,
                     GError  **error)
{
  if (!gw_store_exec (self->db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;", error))
    return FALSE;

  if (version == GW_STORE_SCHEMA_VERSION)
    return TRUE;

  if (!gw_store_exec (self->db, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (version == 0)
    {
      if (!gw_store_schema_create (self->db, error) || !write_default_settings (self, error))
        goto fail;
    }
  else if (!gw_store_schema_migrate (self->db, version, error))
    goto fail;
  if (!gw_store_exec (self->db, "COMMIT", error))
    goto fail;
  return TRUE;

fail:
  gw_store_exec (self->db, "ROLLBACK", NULL);
  return FALSE;
}

/* GObject */

static void
gw_store_finalize (GObject *object)
{
  GwStore *self = GW_STORE (object);

  if (self->edit_depth > 0)
    {
      g_warning ("Register closed in the middle of an edit; rolling it back");
      end_session (self);
      gw_store_exec (self->db, "ROLLBACK", NULL);
    }
  g_clear_pointer (&self->db, sqlite3_close_v2);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (gw_store_parent_class)->finalize (object);
}

static void
gw_store_class_init (GwStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gw_store_finalize;

  /**
   * GwStore::changed:
   * @change: (type gpointer): the #GwChange
   *
   * Emitted after an edit, an undo or redo, or when another program
   * changed the register (see gw_store_poll()).
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
}

static void
gw_store_init (GwStore *self)
{
  gw_parse_context_init (&self->parse_ctx);
}

/* Public API: opening */

/**
 * gw_store_open:
 * @path: the register file
 * @flags: whether to create it, or to stay read-only
 *
 * Opens a register. A file that is not a register, is damaged or was
 * written by a newer Gapwise is refused without being written to. A file
 * that cannot be written is opened read-only (see gw_store_is_read_only()).
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
GwStore *
gw_store_open (const char        *path,
               GwStoreOpenFlags   flags,
               GError           **error)
{
  g_autoptr(GwStore) self = NULL;
  g_autofree char *display = NULL;
  gboolean exists;
  int sqlite_flags, rc, version;

  g_return_val_if_fail (path != NULL, NULL);

  display = g_filename_display_name (path);
  exists = file_exists (path);

  if (!exists && !(flags & GW_STORE_OPEN_CREATE))
    {
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_NOT_FOUND,
                   _("The register “%s” does not exist."), display);
      return NULL;
    }
  if (exists && !check_header (path, error))
    return NULL;

  self = g_object_new (GW_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->read_only = (flags & GW_STORE_OPEN_READ_ONLY) != 0 || (exists && g_access (path, W_OK) != 0);

  if (!exists && (flags & GW_STORE_OPEN_READ_ONLY))
    {
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_NOT_FOUND,
                   _("The register “%s” does not exist."), display);
      return NULL;
    }

  sqlite_flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
  if (self->read_only)
    sqlite_flags |= SQLITE_OPEN_READONLY;
  else
    sqlite_flags |= SQLITE_OPEN_READWRITE | (exists ? 0 : SQLITE_OPEN_CREATE);

  rc = sqlite3_open_v2 (path, &self->db, sqlite_flags, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_IO,
                   _("“%s” cannot be opened: %s."), display,
                   self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return NULL;
    }
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);
  sqlite3_extended_result_codes (self->db, 1);

  /* A read-only register in a folder we cannot write to has no room for
   * SQLite's shared-memory file; with no log pending it can still be read
   * as an immutable file. */
  if (self->read_only && !can_read (self))
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *uri = NULL;
      char *escaped;

      if (file_exists (wal))
        {
          g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_READ_ONLY,
                       _("“%s” is read-only and has unfinished changes of another program: it cannot be read."),
                       display);
          return NULL;
        }
      escaped = g_uri_escape_string (path, "/", FALSE);
      uri = g_strdup_printf ("file:%s?immutable=1", escaped);
      g_free (escaped);
      g_clear_pointer (&self->db, sqlite3_close_v2);
      rc = sqlite3_open_v2 (uri, &self->db, sqlite_flags | SQLITE_OPEN_URI, NULL);
      if (rc != SQLITE_OK)
        {
          g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_IO,
                       _("“%s” cannot be opened: %s."), display,
                       self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
          return NULL;
        }
    }

  version = check_register (self, error);
  if (version < 0)
    return NULL;
  self->opened_version = version;

  if (self->read_only && version == 0)
    {
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_NOT_REGISTER,
                   _("“%s” is not a Gapwise register: it is empty."), display);
      return NULL;
    }
  if (self->read_only && version < GW_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_READ_ONLY,
                   _("“%s” is read-only and was written by an older Gapwise: it cannot be upgraded."), display);
      return NULL;
    }

  if (!gw_store_exec (self->db, "PRAGMA foreign_keys = ON;", error))
    return NULL;
  /* gw_store_write_items() reads its rows from gw_import_rows(?1); the
   * module lasts as long as the connection. */
  rc = sqlite3_create_module (self->db, "gw_import_rows", &_gw_store_rows_module, NULL);
  if (rc != SQLITE_OK)
    {
      gw_store_set_sqlite_error (error, self->db, rc, self->path);
      return NULL;
    }
  if (!self->read_only && !prepare_for_writing (self, version, error))
    {
      if (!exists)
        {
          g_clear_pointer (&self->db, sqlite3_close_v2);
          g_unlink (path);
        }
      return NULL;
    }

  reload_settings (self);
  self->data_version = (int) query_int (self, "PRAGMA data_version", 0);
  return g_steal_pointer (&self);
}

const char *
gw_store_get_path (GwStore *self)
{
  g_return_val_if_fail (GW_IS_STORE (self), NULL);
  return self->path;
}

gboolean
gw_store_is_read_only (GwStore *self)
{
  g_return_val_if_fail (GW_IS_STORE (self), TRUE);
  return self->read_only;
}

/**
 * gw_store_get_opened_version:
 *
 * Returns: the format version the file had when opened (0 for a new one).
 */
int
gw_store_get_opened_version (GwStore *self)
{
  g_return_val_if_fail (GW_IS_STORE (self), 0);
  return self->opened_version;
}

/**
 * gw_store_save_as:
 *
 * Copies the register, history included, to @path with SQLite's backup
 * API. The copy is written to a temporary file next to @path and renamed,
 * so a failure never leaves a half-written register.
 */
gboolean
gw_store_save_as (GwStore     *self,
                  const char  *path,
                  GError     **error)
{
  g_autofree char *tmp = NULL;
  g_autofree char *display = NULL;
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  int rc;

  g_return_val_if_fail (GW_IS_STORE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (self->edit_depth == 0, FALSE);

  display = g_filename_display_name (path);
  tmp = g_strdup_printf ("%s.tmp-%d", path, (int) getpid ());
  rc = sqlite3_open_v2 (tmp, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (dest, "main", self->db, "main");
      if (backup == NULL)
        rc = sqlite3_errcode (dest);
      else
        {
          do
            rc = sqlite3_backup_step (backup, 256);
          while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
          sqlite3_backup_finish (backup);
          rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
        }
    }
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_IO,
                   _("The register could not be saved as “%s”: %s."), display,
                   dest ? sqlite3_errmsg (dest) : sqlite3_errstr (rc));
      sqlite3_close_v2 (dest);
      g_unlink (tmp);
      return FALSE;
    }
  sqlite3_close_v2 (dest);

  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;

      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_IO,
                   _("The register could not be saved as “%s”: %s."), display, g_strerror (saved));
      g_unlink (tmp);
      return FALSE;
    }
  return TRUE;
}

/**
 * gw_store_poll:
 *
 * Checks whether another program changed the register since the last
 * look, and emits #GwStore::changed if so.
 *
 * Returns: %TRUE when the register had changed
 */
gboolean
gw_store_poll (GwStore *self)
{
  int version;

  g_return_val_if_fail (GW_IS_STORE (self), FALSE);

  if (self->edit_depth > 0)
    return FALSE;
  version = (int) query_int (self, "PRAGMA data_version", self->data_version);
  if (version == self->data_version)
    return FALSE;

  self->data_version = version;
  {
    g_autoptr(GwChange) change = change_new ();

    change->everything = TRUE;
    change->roles = change->milestones = change->settings = change->decision = TRUE;
    emit_changed (self, change);
  }
  return TRUE;
}

/**
 * gw_store_integrity_check:
 * @problem: (out) (optional): what SQLite found wrong
 */
gboolean
gw_store_integrity_check (GwStore  *self,
                          char    **problem)
{
  g_autoptr(Stmt) stmt = prepare (self, "PRAGMA integrity_check", NULL);
  g_autofree char *first = NULL;

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    first = column_text (stmt, 0);
  if (g_strcmp0 (first, "ok") == 0)
    return TRUE;
  if (problem)
    *problem = g_steal_pointer (&first);
  return FALSE;
}

/* Public API: edits */

/**
 * gw_store_begin:
 * @label: what the user will see in "Undo @label"
 *
 * Groups the edits until gw_store_commit() into one transaction and one
 * undo step.
 */
gboolean
gw_store_begin (GwStore     *self,
                const char  *label,
                GError     **error)
{
  g_return_val_if_fail (GW_IS_STORE (self), FALSE);
  return edit_begin (self, label, error);
}

gboolean
gw_store_commit (GwStore  *self,
                 GError  **error)
{
  g_return_val_if_fail (GW_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->edit_depth > 0, FALSE);

  if (self->edit_failed && self->edit_depth == 1)
    {
      edit_end (self, FALSE, NULL);
      g_set_error_literal (error, GW_STORE_ERROR, GW_STORE_ERROR_FAILED,
                           _("An earlier step of the change failed; nothing was saved."));
      return FALSE;
    }
  return edit_end (self, TRUE, error);
}

void
gw_store_rollback (GwStore *self)
{
  g_return_if_fail (GW_IS_STORE (self));
  g_return_if_fail (self->edit_depth > 0);
  edit_end (self, FALSE, NULL);
}

gboolean
gw_store_in_edit (GwStore *self)
{
  g_return_val_if_fail (GW_IS_STORE (self), FALSE);
  return self->edit_depth > 0;
}

/* Public API: settings */

/**
 * gw_store_get_setting:
 *
 * Returns: (transfer full) (nullable): the setting's value
 */
char *
gw_store_get_setting (GwStore    *self,
                      const char *name)
{
  g_autoptr(Stmt) stmt = NULL;

  g_return_val_if_fail (GW_IS_STORE (self), NULL);

  stmt = prepare (self, "SELECT value FROM settings WHERE name = ?1", NULL);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, name);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return column_text (stmt, 0);

  for (guint i = 0; i < G_N_ELEMENTS (default_settings); i++)
    if (g_str_equal (default_settings[i].name, name))
      return g_strdup (default_settings[i].value);
  return NULL;
}

double
gw_store_get_setting_double (GwStore    *self,
                             const char *name)
{
  g_autofree char *text = gw_store_get_setting (self, name);
  char *end = NULL;
  double v;

  if (text == NULL || *text == '\0')
    return NAN;
  v = g_ascii_strtod (text, &end);
  return end != text ? v : NAN;
}

gboolean
gw_store_set_setting (GwStore     *self,
                      const char  *name,
                      const char  *value,
                      GError     **error)
{
  g_autoptr(Stmt) stmt = NULL;
  g_autofree char *label = NULL;
  g_autofree char *current = NULL;
  gboolean ok;

  g_return_val_if_fail (GW_IS_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL && value != NULL, FALSE);

  if (!validate_setting (name, value, error))
    return FALSE;
  current = gw_store_get_setting (self, name);
  if (g_strcmp0 (current, value) == 0)
    return check_writable (self, error);

  label = g_strdup_printf (_("Change setting “%s”"), name);
  if (!edit_begin (self, label, error))
    return FALSE;
  ok = (stmt = prepare (self, "INSERT INTO settings (name, value) VALUES (?1, ?2) "
                              "ON CONFLICT (name) DO UPDATE SET value = excluded.value", error)) != NULL;
  if (ok)
    {
      bind_text (stmt, 1, name);
      bind_text (stmt, 2, value);
      ok = step_done (self, stmt, error);
    }
  return edit_end (self, ok, error);
}

const char *
gw_store_get_name (GwStore *self)
{
  g_return_val_if_fail (GW_IS_STORE (self), NULL);
  return self->name ? self->name : "";
}

const GwParseContext *
gw_store_get_parse_context (GwStore *self)
{
  g_return_val_if_fail (GW_IS_STORE (self), NULL);
  return &self->parse_ctx;
}

/* Items: reading */

/* The stored spelling of an enum column, read without copying it; the
 * lenient parser only runs for text another program wrote. */
static int
column_enum (sqlite3_stmt       *stmt,
             int                 i,
             const char *const  *names,
             int                 n_names,
             gboolean          (*lenient) (const char *, int *),
             int                 fallback)
{
  const char *text = (const char *) sqlite3_column_text (stmt, i);
  int value = fallback;

  if (text == NULL)
    return fallback;
  for (int k = 0; k < n_names; k++)
    if (names[k] != NULL && strcmp (text, names[k]) == 0)
      return k;
  if (lenient != NULL && lenient (text, &value))
    return value;
  return fallback;
}

static gboolean
lenient_priority (const char *text, int *v) { GwPriority p; gboolean ok = gw_priority_from_string (text, &p); *v = p; return ok; }
static gboolean
lenient_status (const char *text, int *v) { GwStatus s; gboolean ok = gw_status_from_string (text, &s); *v = s; return ok; }
static gboolean
lenient_size (const char *text, int *v) { GwSize s; gboolean ok = gw_size_from_string (text, &s); *v = s; return ok; }
static gboolean
lenient_risk (const char *text, int *v) { GwRisk r; gboolean ok = gw_risk_from_string (text, &r); *v = r; return ok; }
static gboolean
lenient_action (const char *text, int *v) { GwAction a; gboolean ok = gw_action_from_string (text, &a); *v = a; return ok; }

static GwItem *
read_item (sqlite3_stmt *stmt)
{
  static const char *const priorities[] = { "P0", "P1", "P2", "P3" };
  static const char *const statuses[] = { "todo", "in-progress", "blocked", "done", "deferred" };
  static const char *const sizes[] = { NULL, "XS", "S", "M", "L", "XL", "XXL" };
  static const char *const risks[] = { NULL, "low", "medium", "high" };
  static const char *const actions[] = { NULL, "IMMEDIATE", "HIGH", "MEDIUM", "LOW" };
  GwItem *item = gw_item_new (NULL, NULL);
  GwItemFields *f = gw_item_get_fields (item);
  int c = 0;

  gw_item_set_id (item, sqlite3_column_int64 (stmt, c++));
  gw_item_set_position (item, sqlite3_column_int (stmt, c++));
  f->key = column_text (stmt, c++);
  g_free (f->title);
  f->title = column_text (stmt, c++);
  if (f->title == NULL)
    f->title = g_strdup ("");
  f->description = column_text (stmt, c++);
  f->category = column_text (stmt, c++);
  f->module = column_text (stmt, c++);
  f->priority = column_enum (stmt, c++, priorities, 4, lenient_priority, GW_PRIORITY_P2);
  f->status = column_enum (stmt, c++, statuses, 5, lenient_status, GW_STATUS_TODO);
  f->effort_hours = sqlite3_column_double (stmt, c++);
  f->effort_size = column_enum (stmt, c++, sizes, 7, lenient_size, GW_SIZE_NONE);
  f->effort_min = column_real (stmt, c++);
  f->effort_max = column_real (stmt, c++);
  f->risk = column_enum (stmt, c++, risks, 4, lenient_risk, GW_RISK_NONE);
  f->impl_risk_pct = column_real (stmt, c++);
  f->data_loss_risk_pct = column_real (stmt, c++);
  f->impact = sqlite3_column_type (stmt, c) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, c);
  c++;
  f->roi_pct = column_real (stmt, c++);
  f->revenue_impact = column_text (stmt, c++);
  f->owner = column_text (stmt, c++);
  f->assignee = column_text (stmt, c++);
  f->milestone = column_text (stmt, c++);
  f->phase = column_text (stmt, c++);
  f->action = column_enum (stmt, c++, actions, 5, lenient_action, GW_ACTION_NONE);
  f->current_pct = column_real (stmt, c++);
  f->target_pct = column_real (stmt, c++);
  f->not_before = column_text (stmt, c++);

  /* Listed items carry no lines until gw_store_load_lines(). */
  gw_item_set_lines_loaded (item, FALSE);
  return item;
}

static gboolean
load_dependencies (GwStore     *self,
                   GwItem      *item,
                   GError     **error)
{
  g_autoptr(Stmt) stmt = prepare (self,
                                  "SELECT p.key, d.lag_hours FROM dependencies d "
                                  "JOIN items p ON p.id = d.depends_on "
                                  "WHERE d.item_id = ?1 ORDER BY p.position, p.id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  gw_item_clear_dependencies (item);
  sqlite3_bind_int64 (stmt, 1, gw_item_get_id (item));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    gw_item_add_dependency (item, (const char *) sqlite3_column_text (stmt, 0),
                            sqlite3_column_double (stmt, 1));
  if (rc != SQLITE_DONE)
    {
      gw_store_set_sqlite_error (error, self->db, rc, self->path);
      return FALSE;
    }
  return TRUE;
}

/**
 * gw_store_list_items:
 *
 * Returns: (transfer full) (element-type GwItem): every item in register
 *   order, with dependencies but without lines
 */
static int
compare_by_position (gconstpointer a,
                     gconstpointer b)
{
  GwItem *ia = *(GwItem **) a;
  GwItem *ib = *(GwItem **) b;
  int pa = gw_item_get_position (ia), pb = gw_item_get_position (ib);
  gint64 da = gw_item_get_id (ia), db = gw_item_get_id (ib);

  if (pa != pb)
    return pa < pb ? -1 : 1;
  return da < db ? -1 : da > db;
}

/* A dependency with the sort keys of both ends at hand. */
typedef struct
{
  GwItem *item;
  GwItem *prerequisite;
  double  lag_hours;
  gint64  order[4];   /* item position, item id, prerequisite position, prerequisite id */
} Link;

static int
compare_links (gconstpointer a,
               gconstpointer b)
{
  const Link *la = a, *lb = b;

  for (int k = 0; k < 4; k++)
    if (la->order[k] != lb->order[k])
      return la->order[k] < lb->order[k] ? -1 : 1;
  return 0;
}

static gboolean
items_sorted (GPtrArray *items)
{
  for (guint i = 1; i < items->len; i++)
    if (compare_by_position (&g_ptr_array_index (items, i - 1), &g_ptr_array_index (items, i)) > 0)
      return FALSE;
  return TRUE;
}

static gboolean
links_sorted (GArray *links)
{
  for (guint i = 1; i < links->len; i++)
    if (compare_links (&g_array_index (links, Link, i - 1), &g_array_index (links, Link, i)) > 0)
      return FALSE;
  return TRUE;
}

/* Finds items by id: a plain array when ids are dense, as they are in a
 * register, else a hash table. */
typedef struct
{
  GwItem    **slots;
  gint64      n_slots;
  GHashTable *table;
} ItemIndex;

static void
item_index_init (ItemIndex *index,
                 GPtrArray *items,
                 gint64     max_id)
{
  index->slots = NULL;
  index->table = NULL;
  if (max_id >= 0 && max_id <= (gint64) items->len * 4 + 1024)
    {
      index->n_slots = max_id + 1;
      index->slots = g_new0 (GwItem *, index->n_slots);
      for (guint i = 0; i < items->len; i++)
        {
          GwItem *item = g_ptr_array_index (items, i);

          index->slots[gw_item_get_id (item)] = item;
        }
      return;
    }
  index->table = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < items->len; i++)
    {
      GwItem *item = g_ptr_array_index (items, i);
      gint64 id = gw_item_get_id (item);

      g_hash_table_insert (index->table, g_memdup2 (&id, sizeof id), item);
    }
}

static GwItem *
item_index_lookup (ItemIndex *index,
                   gint64     id)
{
  if (index->slots != NULL)
    return id >= 0 && id < index->n_slots ? index->slots[id] : NULL;
  return g_hash_table_lookup (index->table, &id);
}

static void
item_index_clear (ItemIndex *index)
{
  g_clear_pointer (&index->slots, g_free);
  g_clear_pointer (&index->table, g_hash_table_unref);
}

/**
 * gw_store_list_items:
 *
 * Returns: (transfer full) (element-type GwItem): every item in register
 *   order, with dependencies but without lines
 */
GPtrArray *
gw_store_list_items (GwStore  *self,
                     GError  **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) links = g_array_new (FALSE, FALSE, sizeof (Link));
  g_autoptr(Stmt) stmt = NULL;
  g_autoptr(Stmt) deps = NULL;
  ItemIndex index;
  gint64 max_id = -1;
  int rc;

  g_return_val_if_fail (GW_IS_STORE (self), NULL);

  /* Read in table order, which is cheap, and sort in memory. */
  stmt = prepare (self, "SELECT " ITEM_COLUMNS " FROM items", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GwItem *item = read_item (stmt);

      max_id = MAX (max_id, gw_item_get_id (item));
      g_ptr_array_add (items, item);
    }
  if (rc != SQLITE_DONE)
    {
      gw_store_set_sqlite_error (error, self->db, rc, self->path);
      return NULL;
    }
  /* Positions usually follow ids, and then the rows come sorted. */
  if (!items_sorted (items))
    g_ptr_array_sort (items, compare_by_position);

  deps = prepare (self, "SELECT item_id, depends_on, lag_hours FROM dependencies", error);
  if (deps == NULL)
    return NULL;
  item_index_init (&index, items, max_id);
  while ((rc = sqlite3_step (deps)) == SQLITE_ROW)
    {
      Link link;

      link.item = item_index_lookup (&index, sqlite3_column_int64 (deps, 0));
      link.prerequisite = item_index_lookup (&index, sqlite3_column_int64 (deps, 1));
      link.lag_hours = sqlite3_column_double (deps, 2);
      if (link.item == NULL || link.prerequisite == NULL)
        continue;
      link.order[0] = gw_item_get_position (link.item);
      link.order[1] = gw_item_get_id (link.item);
      link.order[2] = gw_item_get_position (link.prerequisite);
      link.order[3] = gw_item_get_id (link.prerequisite);
      g_array_append_val (links, link);
    }
  item_index_clear (&index);
  if (rc != SQLITE_DONE)
    {
      gw_store_set_sqlite_error (error, self->db, rc, self->path);
      return NULL;
    }

  /* Each item's dependencies in register order of what they depend on. */
  if (!links_sorted (links))
    g_array_sort (links, compare_links);
  for (guint i = 0; i < links->len; i++)
    {
      Link *link = &g_array_index (links, Link, i);

      gw_item_add_dependency_unchecked (link->item, gw_item_get_key (link->prerequisite), link->lag_hours);
    }
  return g_steal_pointer (&items);
}

guint
gw_store_count_items (GwStore *self)
{
  g_return_val_if_fail (GW_IS_STORE (self), 0);
  return (guint) query_int (self, "SELECT count(*) FROM items", 0);
}

/**
 * gw_store_load_lines:
 *
 * Fills @item's lists (breakdown, evidence, criteria, ...) from the register.
 */
gboolean
gw_store_load_lines (GwStore  *self,
                     GwItem   *item,
                     GError  **error)
{
  g_autoptr(Stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (GW_IS_STORE (self), FALSE);
  g_return_val_if_fail (GW_IS_ITEM (item), FALSE);

  stmt = prepare (self, "SELECT kind, text, hours, done FROM item_lines "
                        "WHERE item_id = ?1 ORDER BY kind, position, id", error);
  if (stmt == NULL)
    return FALSE;
  for (guint k = 0; k < GW_N_LINE_KINDS; k++)
    gw_item_clear_lines (item, k);
  sqlite3_bind_int64 (stmt, 1, gw_item_get_id (item));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GwLineKind kind;

      if (!gw_line_kind_from_string ((const char *) sqlite3_column_text (stmt, 0), &kind))
        continue;
      gw_item_add_line (item, kind, gw_line_new ((const char *) sqlite3_column_text (stmt, 1),
                                                 column_real (stmt, 2),
                                                 sqlite3_column_int (stmt, 3)));
    }
  if (rc != SQLITE_DONE)
    {
      gw_store_set_sqlite_error (error, self->db, rc, self->path);
      return FALSE;
    }
  gw_item_set_lines_loaded (item, TRUE);
  return TRUE;
}

/**
 * gw_store_load_all_lines:
 * @items: (element-type GwItem): items of this store
 *
 * Loads the lines of many items with one query (for exports).
 */
gboolean
gw_store_load_all_lines (GwStore    *self,
                         GPtrArray  *items,
                         GError    **error)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(Stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (GW_IS_STORE (self), FALSE);

  for (guint i = 0; i < items->len; i++)
    {
      GwItem *item = g_ptr_array_index (items, i);
      gint64 id = gw_item_get_id (item);

      gw_item_set_lines_loaded (item, TRUE);
      g_hash_table_insert (by_id, g_memdup2 (&id, sizeof id), item);
    }

  stmt = prepare (self, "SELECT item_id, kind, text, hours, done FROM item_lines "
                        "ORDER BY item_id, kind, position, id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      GwItem *item = g_hash_table_lookup (by_id, &id);
      GwLineKind kind;

      if (item == NULL || !gw_line_kind_from_string ((const char *) sqlite3_column_text (stmt, 1), &kind))
        continue;
      gw_item_add_line (item, kind, gw_line_new ((const char *) sqlite3_column_text (stmt, 2),
                                                 column_real (stmt, 3), sqlite3_column_int (stmt, 4)));
    }
  if (rc != SQLITE_DONE)
    {
      gw_store_set_sqlite_error (error, self->db, rc, self->path);
      return FALSE;
    }
  return TRUE;
}

static GwItem *
get_item_where (GwStore      *self,
                const char   *where,
                const char   *key,
                gint64        id,
                GError      **error)
{
  g_autofree char *sql = g_strconcat ("SELECT " ITEM_COLUMNS " FROM items WHERE ", where, NULL);
  g_autoptr(Stmt) stmt = prepare (self, sql, error);
  g_autoptr(GwItem) item = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  if (key != NULL)
    bind_text (stmt, 1, key);
  else
    sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        {
          if (key != NULL)
            not_found (error, key);
          else
            g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_NOT_FOUND,
                         _("The item was deleted."));
        }
      else
        gw_store_set_sqlite_error (error, self->db, rc, self->path);
      return NULL;
    }
  item = read_item (stmt);
  if (!load_dependencies (self, item, error) || !gw_store_load_lines (self, item, error))
    return NULL;
  return g_steal_pointer (&item);
}

/**
 * gw_store_get_item:
 *
 * Returns: (transfer full): the item with @key, lines included
 */
GwItem *
gw_store_get_item (GwStore     *self,
                   const char  *key,
                   GError     **error)
{
  g_return_val_if_fail (GW_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);
  return get_item_where (self, "key = ?1", key, 0, error);
}

/**
 * gw_store_get_item_by_id:
 *
 * Returns: (transfer full) (nullable): the item, lines included, or %NULL
 *   when there is none with @id
 */
GwItem *
gw_store_get_item_by_id (GwStore *self,
                         gint64   id)
{
  g_return_val_if_fail (GW_IS_STORE (self), NULL);
  return get_item_where (self, "id = ?1", NULL, id, NULL);
}

/* Items: writing */

static void
bind_item (sqlite3_stmt *stmt,
           GwItem       *item)
{
  GwItemFields *f = gw_item_get_fields (item);
  int c = 2;   /* ?1 is the id, ?2 the position */

  sqlite3_bind_int (stmt, c++, gw_item_get_position (item));
  bind_text (stmt, c++, f->key);
  bind_text (stmt, c++, f->title ? f->title : "");
  bind_text (stmt, c++, f->description);
  bind_text (stmt, c++, f->category);
  bind_text (stmt, c++, f->module);
  bind_text (stmt, c++, gw_priority_to_string (f->priority));
  bind_text (stmt, c++, gw_status_to_string (f->status));
  sqlite3_bind_double (stmt, c++, f->effort_hours);
  bind_text (stmt, c++, f->effort_size ? gw_size_to_string (f->effort_size) : NULL);
  bind_real (stmt, c++, f->effort_min);
  bind_real (stmt, c++, f->effort_max);
  bind_text (stmt, c++, f->risk ? gw_risk_to_string (f->risk) : NULL);
  bind_real (stmt, c++, f->impl_risk_pct);
  bind_real (stmt, c++, f->data_loss_risk_pct);
  if (f->impact < 0)
    sqlite3_bind_null (stmt, c++);
  else
    sqlite3_bind_int (stmt, c++, f->impact);
  bind_real (stmt, c++, f->roi_pct);
  bind_text (stmt, c++, f->revenue_impact);
  bind_text (stmt, c++, f->owner);
  bind_text (stmt, c++, f->assignee);
  bind_text (stmt, c++, f->milestone);
  bind_text (stmt, c++, f->phase);
  bind_text (stmt, c++, f->action ? gw_action_to_string (f->action) : NULL);
  bind_real (stmt, c++, f->current_pct);
  bind_real (stmt, c++, f->target_pct);
  bind_text (stmt, c++, f->not_before);
}

static gboolean
validate_item (GwItem  *item,
               GError **error)
{
  GwItemFields *f = gw_item_get_fields (item);

  if (f->key == NULL || *g_strstrip (f->key) == '\0')
    {
      g_set_error_literal (error, GW_STORE_ERROR, GW_STORE_ERROR_INVALID,
                           _("Field “key”: an item needs a key."));
      return FALSE;
    }
  if (!(f->effort_hours >= 0) || !isfinite (f->effort_hours))
    {
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_INVALID,
                   _("Item “%s”: field “effort_hours”: the effort must be 0 hours or more."), f->key);
      return FALSE;
    }
  if (!isnan (f->effort_min) && !isnan (f->effort_max) && f->effort_min > f->effort_max)
    {
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_INVALID,
                   _("Item “%s”: field “effort_min”: the minimum effort is larger than the maximum."), f->key);
      return FALSE;
    }
  return TRUE;
}

static gboolean
key_taken (GwStore    *self,
           const char *key,
           gint64      except_id,
           GError    **error)
{
  gint64 id = lookup_id (self, "items", "key", key);

  if (id != 0 && id != except_id)
    {
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_DUPLICATE,
                   _("An item with the key “%s” already exists."), key);
      return TRUE;
    }
  return FALSE;
}

/* Replaces the item's dependency rows by its list, if they differ. */
static gboolean
write_dependencies (GwStore  *self,
                    GwItem   *item,
                    GError  **error)
{
  GPtrArray *deps = gw_item_get_depends_on (item);
  g_autoptr(GwItem) stored = gw_item_new (NULL, NULL);
  g_autoptr(Stmt) del = NULL;
  g_autoptr(Stmt) ins = NULL;
  gint64 id = gw_item_get_id (item);
  gboolean same = TRUE;

  gw_item_set_id (stored, id);
  if (!load_dependencies (self, stored, error))
    return FALSE;
  if (gw_item_get_depends_on (stored)->len != deps->len)
    same = FALSE;
  for (guint i = 0; same && i < deps->len; i++)
    {
      GwDependency *a = g_ptr_array_index (deps, i);
      GwDependency *b = g_ptr_array_index (gw_item_get_depends_on (stored), i);

      same = g_str_equal (a->key, b->key) && a->lag_hours == b->lag_hours;
    }
  if (same)
    return TRUE;

  if (!(del = prepare (self, "DELETE FROM dependencies WHERE item_id = ?1", error)))
    return FALSE;
  sqlite3_bind_int64 (del, 1, id);
  if (!step_done (self, del, error))
    return FALSE;

  if (!(ins = prepare (self, "INSERT INTO dependencies (item_id, depends_on, lag_hours) VALUES (?1, ?2, ?3) "
                             "ON CONFLICT DO UPDATE SET lag_hours = excluded.lag_hours", error)))
    return FALSE;
  for (guint i = 0; i < deps->len; i++)
    {
      GwDependency *dep = g_ptr_array_index (deps, i);
      gint64 dep_id = lookup_id (self, "items", "key", dep->key);

      if (dep_id == 0)
        {
          g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_NOT_FOUND,
                       _("Item “%s” cannot depend on “%s”: there is no item with that key."),
                       gw_item_get_key (item), dep->key);
          return FALSE;
        }
      if (dep_id == id)
        {
          g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_CYCLE,
                       _("Item “%s” cannot depend on itself."), gw_item_get_key (item));
          return FALSE;
        }
      sqlite3_bind_int64 (ins, 1, id);
      sqlite3_bind_int64 (ins, 2, dep_id);
      sqlite3_bind_double (ins, 3, dep->lag_hours);
      if (!step_done (self, ins, error))
        return FALSE;
    }

  {
    g_autofree char *cycle = NULL;

    if (gw_store_find_cycle (self, id, &cycle))
      {
        g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_CYCLE,
                     _("The dependency would close a cycle: %s."), cycle);
        return FALSE;
      }
  }
  return TRUE;
}

static gboolean
write_lines (GwStore  *self,
             GwItem   *item,
             GError  **error)
{
  g_autoptr(GwItem) stored = gw_item_new (NULL, NULL);
  g_autoptr(Stmt) del = NULL;
  g_autoptr(Stmt) ins = NULL;
  gint64 id = gw_item_get_id (item);

  if (!gw_item_has_lines (item))
    return TRUE;

  gw_item_set_id (stored, id);
  if (!gw_store_load_lines (self, stored, error))
    return FALSE;

  for (guint k = 0; k < GW_N_LINE_KINDS; k++)
    {
      GPtrArray *want = gw_item_get_lines (item, k);
      GPtrArray *have = gw_item_get_lines (stored, k);
      gboolean same = want->len == have->len;

      for (guint i = 0; same && i < want->len; i++)
        {
          GwLine *a = g_ptr_array_index (want, i);
          GwLine *b = g_ptr_array_index (have, i);

          same = g_strcmp0 (a->text, b->text) == 0 && a->done == b->done &&
                 ((isnan (a->hours) && isnan (b->hours)) || a->hours == b->hours);
        }
      if (same)
        continue;

      if (del == NULL &&
          !(del = prepare (self, "DELETE FROM item_lines WHERE item_id = ?1 AND kind = ?2", error)))
        return FALSE;
      if (ins == NULL &&
          !(ins = prepare (self, "INSERT INTO item_lines (item_id, kind, position, text, hours, done) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error)))
        return FALSE;

      sqlite3_bind_int64 (del, 1, id);
      bind_text (del, 2, gw_line_kind_to_string (k));
      if (!step_done (self, del, error))
        return FALSE;
      for (guint i = 0; i < want->len; i++)
        {
          GwLine *line = g_ptr_array_index (want, i);

          if (!(isnan (line->hours) || line->hours >= 0))
            {
              g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_INVALID,
                           _("Item “%s”: a breakdown line has negative hours."), gw_item_get_key (item));
              return FALSE;
            }
          sqlite3_bind_int64 (ins, 1, id);
          bind_text (ins, 2, gw_line_kind_to_string (k));
          sqlite3_bind_int (ins, 3, (int) i);
          bind_text (ins, 4, line->text ? line->text : "");
          bind_real (ins, 5, line->hours);
          sqlite3_bind_int (ins, 6, line->done ? 1 : 0);
          if (!step_done (self, ins, error))
            return FALSE;
        }
    }
  return TRUE;
}

/**
 * gw_store_add_item:
 * @item: the new item; on success its id and position are set
 *
 * Adds @item at the end of the register, with its dependencies and lines.
 */
gboolean
gw_store_add_item (GwStore  *self,
                   GwItem   *item,
                   GError  **error)
{
  g_autoptr(Stmt) stmt = NULL;
  g_autofree char *label = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (GW_IS_STORE (self), FALSE);
  g_return_val_if_fail (GW_IS_ITEM (item), FALSE);

  if (!validate_item (item, error))
    return FALSE;

  label = g_strdup_printf (_("Add “%s”"), gw_item_get_key (item));
  if (!edit_begin (self, label, error))
    return FALSE;

  if (key_taken (self, gw_item_get_key (item), 0, error))
    goto out;

  gw_item_set_position (item, (int) query_int (self, "SELECT max(position) FROM items", 0) + 1);
  stmt = prepare (self, "INSERT INTO items (" ITEM_COLUMNS ") VALUES (NULL, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
                        "?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27)",
                  error);
  if (stmt == NULL)
    goto out;
  bind_item (stmt, item);
  if (!step_done (self, stmt, error))
    goto out;
  gw_item_set_id (item, sqlite3_last_insert_rowid (self->db));

  ok = write_dependencies (self, item, error) && write_lines (self, item, error);

out:
  if (!ok)
    gw_item_set_id (item, 0);
  return edit_end (self, ok, error);
}

/**
 * gw_store_update_item:
 * @item: an item read from this store, changed
 *
 * Writes every field of @item, its dependencies, and its lines when they
 * are loaded. Only what differs is recorded for undo.
 */
gboolean
gw_store_update_item (GwStore  *self,
                      GwItem   *item,
                      GError  **error)
{
  g_autoptr(Stmt) stmt = NULL;
  g_autofree char *label = NULL;
  gboolean ok = FALSE;
  gint64 id;

  g_return_val_if_fail (GW_IS_STORE (self), FALSE);
  g_return_val_if_fail (GW_IS_ITEM (item), FALSE);

  id = gw_item_get_id (item);
  if (!validate_item (item, error))
    return FALSE;

  label = g_strdup_printf (_("Edit “%s”"), gw_item_get_key (item));
  if (!edit_begin (self, label, error))
    return FALSE;

  if (!item_exists (self, id))
    {
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_NOT_FOUND,
                   _("Item “%s” is no longer in the register."), gw_item_get_key (item));
      goto out;
    }
  if (key_taken (self, gw_item_get_key (item), id, error))
    goto out;

  stmt = prepare (self, "UPDATE items SET position = ?2, key = ?3, title = ?4, description = ?5, "
                        "category = ?6, module = ?7, priority = ?8, status = ?9, effort_hours = ?10, "
                        "effort_size = ?11, effort_min = ?12, effort_max = ?13, risk = ?14, "
                        "impl_risk_pct = ?15, data_loss_risk_pct = ?16, impact = ?17, roi_pct = ?18, "
                        "revenue_impact = ?19, owner = ?20, assignee = ?21, milestone = ?22, phase = ?23, "
                        "action = ?24, current_pct = ?25, target_pct = ?26, not_before = ?27 WHERE id = ?1",
                  error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, id);
  bind_item (stmt, item);
  if (!step_done (self, stmt, error))
    goto out;

  ok = write_dependencies (self, item, error) && write_lines (self, item, error);

out:
  return edit_end (self, ok, error);
}

/* Rows written without the session: gw_store_write_items() adds the new
 * items and their dependencies with the session off, and writes their
 * undo record itself, in the changeset format of SQLite's session
 * extension (see "CHANGESET FORMAT" in sqlite3session.c): what the session
 * would have recorded, without a second read of every row. The rows and
 * that record are made in gw-store-rows.c. */

/* Runs @stmt over the rows of @source bound to ?1. */
static gboolean
step_rows (GwStore            *self,
           sqlite3_stmt       *stmt,
           const GwRowSource  *source,
           GError            **error)
{
  if (source->n_rows == 0)
    return TRUE;
  sqlite3_bind_pointer (stmt, 1, (void *) source, GW_ROW_SOURCE_TYPE, NULL);
  return step_done (self, stmt, error);
}

/* Whether the item's dependency rows are those of its list, in any order. */
static gboolean
dependencies_stored (GwStore       *self,
                     sqlite3_stmt  *select,
                     GwItem        *item,
                     gboolean      *same,
                     GError       **error)
{
  GPtrArray *deps = gw_item_get_depends_on (item);
  g_autoptr(GHashTable) want = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = 0;
  int rc;

  for (guint i = 0; i < deps->len; i++)
    {
      GwDependency *dep = g_ptr_array_index (deps, i);

      g_hash_table_insert (want, dep->key, dep);
    }
  *same = TRUE;
  sqlite3_bind_int64 (select, 1, gw_item_get_id (item));
  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      GwDependency *dep = g_hash_table_lookup (want, sqlite3_column_text (select, 0));

      n++;
      if (dep == NULL || dep->lag_hours != sqlite3_column_double (select, 1))
        *same = FALSE;
    }
  sqlite3_reset (select);
  if (rc != SQLITE_DONE)
    {
      gw_store_set_sqlite_error (error, self->db, rc, self->path);
      return FALSE;
    }
  if (n != g_hash_table_size (want))
    *same = FALSE;
  return TRUE;
}

/* The id of the item @dep names: among @items, else in the register. */
static gboolean
resolve_dependency (GwStore       *self,
                    sqlite3_stmt  *find,
                    GPtrArray     *items,
                    GHashTable    *index,
                    GwItem        *item,
                    GwDependency  *dep,
                    GwDepRow      *row,
                    GError       **error)
{
  guint at = GPOINTER_TO_UINT (g_hash_table_lookup (index, dep->key));
  gint64 dep_id = 0;

  if (at > 0)
    dep_id = gw_item_get_id (g_ptr_array_index (items, at - 1));
  else
    {
      bind_text (find, 1, dep->key);
      if (sqlite3_step (find) == SQLITE_ROW)
        dep_id = sqlite3_column_int64 (find, 0);
      sqlite3_reset (find);
    }
  if (dep_id == 0)
    {
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_NOT_FOUND,
                   _("Item “%s” cannot depend on “%s”: there is no item with that key."),
                   gw_item_get_key (item), dep->key);
      return FALSE;
    }
  if (dep_id == gw_item_get_id (item))
    {
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_CYCLE,
                   _("Item “%s” cannot depend on itself."), gw_item_get_key (item));
      return FALSE;
    }
  row->item_id = gw_item_get_id (item);
  row->depends_on = dep_id;
  row->lag_hours = dep->lag_hours;
  return TRUE;
}

/**
 * gw_store_write_items:
 * @items: (element-type GwItem): new items (id 0) and changed items read
 *   from this store
 *
 * Writes many items at once, for importers. New items are added at the
 * end in order (their ids and positions are set); the others are updated.
 * The dependencies and, when loaded, the lines of each are replaced where
 * they differ.
 *
 * Unlike gw_store_add_item() and gw_store_update_item(), it does not look
 * for dependency cycles item by item: the caller must have checked the
 * whole graph, and that the keys of the new items are not in use.
 */
gboolean
gw_store_write_items (GwStore    *self,
                      GPtrArray  *items,
                      GError    **error)
{
  g_autoptr(Stmt) insert = NULL;
  g_autoptr(Stmt) update = NULL;
  g_autoptr(Stmt) find = NULL;
  g_autoptr(Stmt) old_deps = NULL;
  g_autoptr(Stmt) del_deps = NULL;
  g_autoptr(Stmt) ins_deps = NULL;
  g_autoptr(Stmt) ins_line = NULL;
  g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) new_items = g_ptr_array_new ();
  g_autoptr(GPtrArray) changed_items = g_ptr_array_new ();
  g_autoptr(GArray) deps = g_array_new (FALSE, FALSE, sizeof (GwDepRow));
  g_autoptr(GString) columns = g_string_new (NULL);
  g_autoptr(GString) values = g_string_new (NULL);
  g_autoptr(GString) set_columns = g_string_new (NULL);
  g_autoptr(GString) set_values = g_string_new (NULL);
  g_autofree char *insert_sql = NULL;
  g_autofree char *update_sql = NULL;
  GwTableLayout item_layout, dep_layout;
  GwChangeset cs = { NULL, 0, 0 };
  GwRowSource source;
  GwRowValue v[N_ITEM_VALUES];
  gboolean own_record = FALSE;
  gboolean session_off = FALSE;
  gboolean ok = FALSE;
  gint64 last_id, next_id;
  int position;

  g_return_val_if_fail (GW_IS_STORE (self), FALSE);
  g_return_val_if_fail (items != NULL, FALSE);

  for (guint i = 0; i < items->len; i++)
    if (!validate_item (g_ptr_array_index (items, i), error))
      return FALSE;

  if (!edit_begin (self, _("Import items"), error))
    return FALSE;

  /* Column i of gw_import_rows is _gw_store_item_value_names[i]. */
  for (guint i = 0; i < N_ITEM_VALUES; i++)
    {
      g_string_append_printf (columns, "%s%s", i > 0 ? ", " : "", _gw_store_item_value_names[i]);
      g_string_append_printf (values, "%sc%u", i > 0 ? ", " : "", i);
      if (i == ITEM_ID)
        continue;
      g_string_append_printf (set_columns, "%s%s", set_columns->len > 0 ? ", " : "", _gw_store_item_value_names[i]);
      g_string_append_printf (set_values, "%st.c%u", set_values->len > 0 ? ", " : "", i);
    }
  insert_sql = g_strdup_printf ("INSERT INTO main.items (%s) SELECT %s FROM gw_import_rows (?1)",
                                columns->str, values->str);
  update_sql = g_strdup_printf ("UPDATE main.items SET (%s) = (%s) FROM gw_import_rows (?1) AS t "
                                "WHERE main.items.id = t.c%u", set_columns->str, set_values->str, ITEM_ID);
  if (!(insert = prepare (self, insert_sql, error)) ||
      !(update = prepare (self, update_sql, error)) ||
      !(find = prepare (self, "SELECT id FROM items WHERE key = ?1", error)) ||
      !(old_deps = prepare (self, "SELECT p.key, d.lag_hours FROM dependencies d "
                                  "JOIN items p ON p.id = d.depends_on WHERE d.item_id = ?1", error)) ||
      !(del_deps = prepare (self, "DELETE FROM dependencies WHERE item_id = ?1", error)) ||
      !(ins_deps = prepare (self, "INSERT INTO dependencies (item_id, depends_on, lag_hours) "
                                  "SELECT c0, c1, c2 FROM gw_import_rows (?1)", error)) ||
      !(ins_line = prepare (self, "INSERT INTO item_lines (item_id, kind, position, text, hours, done) "
                                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error)))
    goto out;

  /* Ids and positions of the new items; every item by key. */
  last_id = next_id = query_int (self, "SELECT max(id) FROM items", 0);
  position = (int) query_int (self, "SELECT max(position) FROM items", 0);
  for (guint i = 0; i < items->len; i++)
    {
      GwItem *item = g_ptr_array_index (items, i);

      if (gw_item_get_id (item) == 0)
        {
          gw_item_set_id (item, ++next_id);
          gw_item_set_position (item, ++position);
          g_ptr_array_add (new_items, item);
        }
      else
        g_ptr_array_add (changed_items, item);
      g_hash_table_insert (index, (gpointer) gw_item_get_key (item), GUINT_TO_POINTER (i + 1));
    }

  /* New items and their dependencies, recorded for undo here rather than
   * by the session (which would read every row back). */
  own_record = new_items->len > 0 &&
               _gw_store_table_layout_init (self->db, &item_layout, "items",
                                            _gw_store_item_value_names, N_ITEM_VALUES) &&
               _gw_store_table_layout_init (self->db, &dep_layout, "dependencies",
                                            _gw_store_dep_value_names, N_DEP_VALUES);
  for (guint i = 0; i < new_items->len; i++)
    {
      GwItem *item = g_ptr_array_index (new_items, i);
      GPtrArray *item_deps = gw_item_get_depends_on (item);

      if (own_record)
        {
          if (i == 0)
            _gw_store_changeset_put_table (&cs, &item_layout);
          _gw_store_item_values (item, v);
          _gw_store_changeset_put_insert (&cs, &item_layout, v);
        }
      for (guint d = 0; d < item_deps->len; d++)
        {
          GwDepRow row;

          if (!resolve_dependency (self, find, items, index, item, g_ptr_array_index (item_deps, d), &row, error))
            goto out;
          g_array_append_val (deps, row);
        }
    }
  for (guint i = 0; own_record && i < deps->len; i++)
    {
      if (i == 0)
        _gw_store_changeset_put_table (&cs, &dep_layout);
      _gw_store_dep_values (&g_array_index (deps, GwDepRow, i), v);
      _gw_store_changeset_put_insert (&cs, &dep_layout, v);
    }

  if (own_record)
    {
      if (!take_session (self, error))
        goto out;
      sqlite3session_enable (self->session, 0);
      session_off = TRUE;
    }
  source = (GwRowSource) { new_items->len, _gw_store_fill_item, new_items->pdata };
  if (!step_rows (self, insert, &source, error))
    goto out;
  source = (GwRowSource) { deps->len, _gw_store_fill_dep, deps->data };
  if (!step_rows (self, ins_deps, &source, error))
    goto out;
  if (own_record)
    {
      sqlite3session_enable (self->session, 1);
      session_off = FALSE;
      take_changeset (self, g_bytes_new_take (g_steal_pointer (&cs.data), cs.len), last_id + 1, next_id);
    }

  /* Changed items, and their dependencies where they differ. */
  source = (GwRowSource) { changed_items->len, _gw_store_fill_item, changed_items->pdata };
  if (!step_rows (self, update, &source, error))
    goto out;
  g_array_set_size (deps, 0);
  for (guint i = 0; i < changed_items->len; i++)
    {
      GwItem *item = g_ptr_array_index (changed_items, i);
      GPtrArray *item_deps = gw_item_get_depends_on (item);
      gboolean same;

      if (!dependencies_stored (self, old_deps, item, &same, error))
        goto out;
      if (same)
        continue;
      sqlite3_bind_int64 (del_deps, 1, gw_item_get_id (item));
      if (!step_done (self, del_deps, error))
        goto out;
      for (guint d = 0; d < item_deps->len; d++)
        {
          GwDepRow row;

          if (!resolve_dependency (self, find, items, index, item, g_ptr_array_index (item_deps, d), &row, error))
            goto out;
          g_array_append_val (deps, row);
        }
    }
  source = (GwRowSource) { deps->len, _gw_store_fill_dep, deps->data };
  if (!step_rows (self, ins_deps, &source, error))
    goto out;

  for (guint i = 0; i < items->len; i++)
    {
      GwItem *item = g_ptr_array_index (items, i);

      if (gw_item_get_id (item) <= last_id)
        {
          if (!write_lines (self, item, error))
            goto out;
          continue;
        }
      if (!gw_item_has_lines (item))
        continue;
      for (guint k = 0; k < GW_N_LINE_KINDS; k++)
        {
          GPtrArray *lines;

          /* Asking for the lines of a kind the item lacks would make a list. */
          if (gw_item_get_n_lines (item, k) == 0)
            continue;
          lines = gw_item_get_lines (item, k);
          for (guint l = 0; l < lines->len; l++)
            {
              GwLine *line = g_ptr_array_index (lines, l);

              if (!(isnan (line->hours) || line->hours >= 0))
                {
                  g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_INVALID,
                               _("Item “%s”: a breakdown line has negative hours."), gw_item_get_key (item));
                  goto out;
                }
              sqlite3_bind_int64 (ins_line, 1, gw_item_get_id (item));
              bind_text (ins_line, 2, gw_line_kind_to_string (k));
              sqlite3_bind_int (ins_line, 3, (int) l);
              bind_text (ins_line, 4, line->text ? line->text : "");
              bind_real (ins_line, 5, line->hours);
              sqlite3_bind_int (ins_line, 6, line->done ? 1 : 0);
              if (!step_done (self, ins_line, error))
                goto out;
            }
        }
    }
  ok = TRUE;

out:
  if (session_off)
    sqlite3session_enable (self->session, 1);
  g_free (cs.data);
  if (!ok)
    for (guint i = 0; i < new_items->len; i++)
      gw_item_set_id (g_ptr_array_index (new_items, i), 0);
  return edit_end (self, ok, error);
}

/**
 * gw_store_delete_item:
 *
 * Deletes the item with @key, its lines, and every dependency on it.
 */
gboolean
gw_store_delete_item (GwStore     *self,
                      const char  *key,
                      GError     **error)
{
  static const char *const statements[] = {
    "DELETE FROM item_lines WHERE item_id = ?1",
    "DELETE FROM dependencies WHERE item_id = ?1 OR depends_on = ?1",
    "UPDATE decision SET item_id = NULL WHERE item_id = ?1",
    "DELETE FROM items WHERE id = ?1",
  };
  g_autofree char *label = NULL;
  gboolean ok = TRUE;
  gint64 id;

  g_return_val_if_fail (GW_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (!check_writable (self, error))
    return FALSE;
  id = lookup_id (self, "items", "key", key);
  if (id == 0)
    return not_found (error, key);

  label = g_strdup_printf (_("Delete “%s”"), key);
  if (!edit_begin (self, label, error))
    return FALSE;
  for (guint i = 0; ok && i < G_N_ELEMENTS (statements); i++)
    {
      g_autoptr(Stmt) stmt = prepare (self, statements[i], error);

      ok = stmt != NULL;
      if (ok)
        {
          sqlite3_bind_int64 (stmt, 1, id);
          ok = step_done (self, stmt, error);
        }
    }
  return edit_end (self, ok, error);
}

/**
 * gw_store_link:
 *
 * Makes @key depend on @depends_on (finish-to-start, after @lag_hours).
 * A self-dependency or one that closes a cycle is refused; the error
 * names the cycle ("P0-006 -> P0-008 -> P0-006").
 */
gboolean
gw_store_link (GwStore     *self,
               const char  *key,
               const char  *depends_on,
               double       lag_hours,
               GError     **error)
{
  g_autoptr(GwItem) item = NULL;
  g_autofree char *label = NULL;
  gboolean ok;

  g_return_val_if_fail (GW_IS_STORE (self), FALSE);

  if (!check_writable (self, error))
    return FALSE;
  if (!(lag_hours >= 0) || !isfinite (lag_hours))
    {
      g_set_error_literal (error, GW_STORE_ERROR, GW_STORE_ERROR_INVALID,
                           _("The lag of a dependency must be 0 hours or more."));
      return FALSE;
    }
  item = gw_store_get_item (self, key, error);
  if (item == NULL)
    return FALSE;
  if (lookup_id (self, "items", "key", depends_on) == 0)
    return not_found (error, depends_on);
  if (g_str_equal (key, depends_on))
    {
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_CYCLE,
                   _("Item “%s” cannot depend on itself."), key);
      return FALSE;
    }

  gw_item_add_dependency (item, depends_on, lag_hours);
  label = g_strdup_printf (_("Make “%s” depend on “%s”"), key, depends_on);
  if (!edit_begin (self, label, error))
    return FALSE;
  ok = write_dependencies (self, item, error);
  return edit_end (self, ok, error);
}

gboolean
gw_store_unlink (GwStore     *self,
                 const char  *key,
                 const char  *depends_on,
                 GError     **error)
{
  g_autoptr(GwItem) item = NULL;
  g_autofree char *label = NULL;
  gboolean ok;

  g_return_val_if_fail (GW_IS_STORE (self), FALSE);

  if (!check_writable (self, error))
    return FALSE;
  item = gw_store_get_item (self, key, error);
  if (item == NULL)
    return FALSE;
  if (!gw_item_remove_dependency (item, depends_on))
    {
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_NOT_FOUND,
                   _("Item “%s” does not depend on “%s”."), key, depends_on);
      return FALSE;
    }

  label = g_strdup_printf (_("Remove dependency of “%s” on “%s”"), key, depends_on);
  if (!edit_begin (self, label, error))
    return FALSE;
  ok = write_dependencies (self, item, error);
  return edit_end (self, ok, error);
}

/**
 * gw_store_search:
 * @text: words to look for in keys, titles and descriptions
 *
 * Every word must match, as a prefix of a word in the item.
 *
 * Returns: (transfer full): a set of the matching item ids (gint64 *)
 */
GHashTable *
gw_store_search (GwStore     *self,
                 const char  *text,
                 GError     **error)
{
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GString) query = g_string_new (NULL);
  g_autoptr(Stmt) stmt = NULL;
  g_auto(GStrv) words = NULL;
  int rc;

  g_return_val_if_fail (GW_IS_STORE (self), NULL);

  words = g_strsplit_set (text, " \t\n-_/.,:;()", -1);
  for (guint i = 0; words[i]; i++)
    {
      if (*words[i] == '\0')
        continue;
      if (query->len > 0)
        g_string_append (query, " AND ");
      /* Quoted, so that the user's text is never FTS syntax. */
      g_string_append_c (query, '"');
      for (const char *p = words[i]; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (query, '"');
          g_string_append_c (query, *p);
        }
      g_string_append (query, "\"*");
    }
  if (query->len == 0)
    return g_steal_pointer (&ids);

  stmt = prepare (self, "SELECT rowid FROM items_fts WHERE items_fts MATCH ?1", error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, query->str);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 *id = g_new (gint64, 1);

      *id = sqlite3_column_int64 (stmt, 0);
      g_hash_table_add (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      gw_store_set_sqlite_error (error, self->db, rc, self->path);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

/**
 * gw_store_next_key:
 * @like: (nullable): a key to follow ("P1-007"), or %NULL
 *
 * Returns: (transfer full): an unused key in the same pattern, with the
 *   next number after the largest in use ("P1-028" -> "P1-029")
 */
char *
gw_store_next_key (GwStore    *self,
                   const char *like)
{
  g_autofree char *prefix = NULL;
  g_autoptr(Stmt) stmt = NULL;
  gint64 best = 0;
  int width = 3;
  const char *digits;
  int rc;

  g_return_val_if_fail (GW_IS_STORE (self), NULL);

  if (like == NULL || *like == '\0')
    like = "GAP-000";
  digits = like + strlen (like);
  while (digits > like && g_ascii_isdigit (digits[-1]))
    digits--;
  prefix = g_strndup (like, digits - like);
  if (*digits)
    width = (int) strlen (digits);

  stmt = prepare (self, "SELECT key FROM items WHERE substr(key, 1, length(?1)) = ?1", NULL);
  if (stmt == NULL)
    return g_strdup_printf ("%s%0*d", prefix, width, 1);
  bind_text (stmt, 1, prefix);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *key = (const char *) sqlite3_column_text (stmt, 0) + strlen (prefix);
      char *end = NULL;
      gint64 n;

      if (!g_ascii_isdigit (*key))
        continue;
      n = g_ascii_strtoll (key, &end, 10);
      if (*end == '\0' && n > best)
        best = n;
    }
  return g_strdup_printf ("%s%0*" G_GINT64_FORMAT, prefix, width, best + 1);
}

/* Roles */

/**
 * gw_store_list_roles:
 *
 * Returns: (transfer full) (element-type GwRole): the roles by name
 */
GPtrArray *
gw_store_list_roles (GwStore *self)
{
  GPtrArray *roles = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_role_free);
  g_autoptr(Stmt) stmt = NULL;

  g_return_val_if_fail (GW_IS_STORE (self), roles);

  stmt = prepare (self, "SELECT name, headcount, hours_per_week, cost_per_hour FROM roles ORDER BY name", NULL);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      GwRole *role = gw_role_new ((const char *) sqlite3_column_text (stmt, 0));

      role->headcount = sqlite3_column_int (stmt, 1);
      role->hours_per_week = sqlite3_column_double (stmt, 2);
      role->cost_per_hour = column_real (stmt, 3);
      g_ptr_array_add (roles, role);
    }
  return roles;
}

/**
 * gw_store_put_role:
 *
 * Creates the role named @role->name, or changes it when it exists.
 */
gboolean
gw_store_put_role (GwStore       *self,
                   const GwRole  *role,
                   GError       **error)
{
  g_autoptr(Stmt) stmt = NULL;
  g_autofree char *label = NULL;
  g_autofree char *name = NULL;
  gboolean ok;

  g_return_val_if_fail (GW_IS_STORE (self), FALSE);
  g_return_val_if_fail (role != NULL, FALSE);

  name = g_strstrip (g_strdup (role->name ? role->name : ""));
  if (*name == '\0')
    {
      g_set_error_literal (error, GW_STORE_ERROR, GW_STORE_ERROR_INVALID,
                           _("A role needs a name."));
      return FALSE;
    }
  if (role->headcount < 0 || role->headcount > 10000)
    {
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_INVALID,
                   _("Role “%s”: the headcount must be between 0 and 10000."), name);
      return FALSE;
    }
  if (!(role->hours_per_week >= 0 && role->hours_per_week <= 168))
    {
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_INVALID,
                   _("Role “%s”: the hours per week must be between 0 and 168."), name);
      return FALSE;
    }
  if (!isnan (role->cost_per_hour) && !(role->cost_per_hour >= 0))
    {
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_INVALID,
                   _("Role “%s”: the cost per hour must be 0 or more."), name);
      return FALSE;
    }

  label = g_strdup_printf (_("Change role “%s”"), name);
  if (!edit_begin (self, label, error))
    return FALSE;
  ok = (stmt = prepare (self, "INSERT INTO roles (name, headcount, hours_per_week, cost_per_hour) "
                              "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (name) DO UPDATE SET "
                              "headcount = excluded.headcount, hours_per_week = excluded.hours_per_week, "
                              "cost_per_hour = excluded.cost_per_hour", error)) != NULL;
  if (ok)
    {
      bind_text (stmt, 1, name);
      sqlite3_bind_int (stmt, 2, role->headcount);
      sqlite3_bind_double (stmt, 3, role->hours_per_week);
      bind_real (stmt, 4, role->cost_per_hour);
      ok = step_done (self, stmt, error);
    }
  return edit_end (self, ok, error);
}

gboolean
gw_store_delete_role (GwStore     *self,
                      const char  *name,
                      GError     **error)
{
  g_autoptr(Stmt) stmt = NULL;
  g_autofree char *label = NULL;
  gboolean ok;

  g_return_val_if_fail (GW_IS_STORE (self), FALSE);

  if (!check_writable (self, error))
    return FALSE;
  if (lookup_id (self, "roles", "name", name) == 0)
    {
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_NOT_FOUND,
                   _("There is no role named “%s”."), name);
      return FALSE;
    }
  label = g_strdup_printf (_("Delete role “%s”"), name);
  if (!edit_begin (self, label, error))
    return FALSE;
  ok = (stmt = prepare (self, "DELETE FROM roles WHERE name = ?1", error)) != NULL;
  if (ok)
    {
      bind_text (stmt, 1, name);
      ok = step_done (self, stmt, error);
    }
  return edit_end (self, ok, error);
}

/* Milestones */

/**
 * gw_store_list_milestones:
 *
 * Returns: (transfer full) (element-type GwMilestone): the milestones in order
 */
GPtrArray *
gw_store_list_milestones (GwStore *self)
{
  GPtrArray *milestones = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_milestone_free);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(Stmt) stmt = NULL;
  g_autoptr(Stmt) lines = NULL;

  g_return_val_if_fail (GW_IS_STORE (self), milestones);

  stmt = prepare (self, "SELECT id, key, name, goal, requires, duration FROM milestones ORDER BY position, id", NULL);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      GwMilestone *m = gw_milestone_new ((const char *) sqlite3_column_text (stmt, 1),
                                         (const char *) sqlite3_column_text (stmt, 2));
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_free (m->goal);
      m->goal = column_text (stmt, 3);
      m->requires = column_text (stmt, 4);
      m->duration = column_text (stmt, 5);
      g_ptr_array_add (milestones, m);
      g_array_append_val (ids, id);
    }
  for (guint i = 0; i < ids->len; i++)
    g_hash_table_insert (by_id, &g_array_index (ids, gint64, i), g_ptr_array_index (milestones, i));

  lines = prepare (self, "SELECT milestone_id, kind, text, done FROM milestone_lines ORDER BY milestone_id, kind, position, id", NULL);
  while (lines != NULL && sqlite3_step (lines) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (lines, 0);
      GwMilestone *m = g_hash_table_lookup (by_id, &id);
      GwMilestoneLineKind kind;

      if (m != NULL && gw_milestone_line_kind_from_string ((const char *) sqlite3_column_text (lines, 1), &kind))
        g_ptr_array_add (m->lines[kind], gw_line_new ((const char *) sqlite3_column_text (lines, 2),
                                                      NAN, sqlite3_column_int (lines, 3)));
    }
  return milestones;
}

/**
 * gw_store_put_milestone:
 *
 * Creates the milestone with @milestone->key (at the end), or replaces its
 * fields and lines when it exists.
 */
gboolean
gw_store_put_milestone (GwStore            *self,
                        const GwMilestone  *milestone,
                        GError            **error)
{
  g_autoptr(Stmt) stmt = NULL;
  g_autoptr(Stmt) del = NULL;
  g_autoptr(Stmt) ins = NULL;
  g_autofree char *label = NULL;
  g_autoptr(GPtrArray) existing = NULL;
  GwMilestone *current = NULL;
  gboolean ok = FALSE;
  gint64 id;

  g_return_val_if_fail (GW_IS_STORE (self), FALSE);
  g_return_val_if_fail (milestone != NULL, FALSE);

  if (milestone->key == NULL || *milestone->key == '\0')
    {
      g_set_error_literal (error, GW_STORE_ERROR, GW_STORE_ERROR_INVALID,
                           _("A milestone needs a key."));
      return FALSE;
    }
  if (milestone->requires != NULL && g_str_equal (milestone->requires, milestone->key))
    {
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_CYCLE,
                   _("Milestone “%s” cannot require itself."), milestone->key);
      return FALSE;
    }

  label = g_strdup_printf (_("Change milestone “%s”"), milestone->key);
  if (!edit_begin (self, label, error))
    return FALSE;

  existing = gw_store_list_milestones (self);
  for (guint i = 0; i < existing->len; i++)
    if (g_str_equal (((GwMilestone *) g_ptr_array_index (existing, i))->key, milestone->key))
      current = g_ptr_array_index (existing, i);

  stmt = prepare (self, "INSERT INTO milestones (key, name, goal, requires, duration, position) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, (SELECT coalesce(max(position), 0) + 1 FROM milestones)) "
                        "ON CONFLICT (key) DO UPDATE SET name = excluded.name, goal = excluded.goal, "
                        "requires = excluded.requires, duration = excluded.duration", error);
  if (stmt == NULL)
    goto out;
  bind_text (stmt, 1, milestone->key);
  bind_text (stmt, 2, milestone->name ? milestone->name : "");
  bind_text (stmt, 3, milestone->goal ? milestone->goal : "");
  bind_text (stmt, 4, milestone->requires && *milestone->requires ? milestone->requires : NULL);
  bind_text (stmt, 5, milestone->duration && *milestone->duration ? milestone->duration : NULL);
  if (!step_done (self, stmt, error))
    goto out;
  id = lookup_id (self, "milestones", "key", milestone->key);

  if (!(del = prepare (self, "DELETE FROM milestone_lines WHERE milestone_id = ?1 AND kind = ?2", error)) ||
      !(ins = prepare (self, "INSERT INTO milestone_lines (milestone_id, kind, position, text, done) "
                             "VALUES (?1, ?2, ?3, ?4, ?5)", error)))
    goto out;
  for (guint k = 0; k < G_N_ELEMENTS (milestone->lines); k++)
    {
      GPtrArray *want = milestone->lines[k];
      GPtrArray *have = current ? current->lines[k] : NULL;
      gboolean same = have != NULL && have->len == want->len;

      for (guint i = 0; same && i < want->len; i++)
        {
          GwLine *a = g_ptr_array_index (want, i);
          GwLine *b = g_ptr_array_index (have, i);

          same = g_strcmp0 (a->text, b->text) == 0 && a->done == b->done;
        }
      if (same || (have == NULL && want->len == 0))
        continue;

      sqlite3_bind_int64 (del, 1, id);
      bind_text (del, 2, gw_milestone_line_kind_to_string (k));
      if (!step_done (self, del, error))
        goto out;
      for (guint i = 0; i < want->len; i++)
        {
          GwLine *line = g_ptr_array_index (want, i);

          sqlite3_bind_int64 (ins, 1, id);
          bind_text (ins, 2, gw_milestone_line_kind_to_string (k));
          sqlite3_bind_int (ins, 3, (int) i);
          bind_text (ins, 4, line->text ? line->text : "");
          sqlite3_bind_int (ins, 5, line->done ? 1 : 0);
          if (!step_done (self, ins, error))
            goto out;
        }
    }
  ok = TRUE;

out:
  return edit_end (self, ok, error);
}

gboolean
gw_store_delete_milestone (GwStore     *self,
                           const char  *key,
                           GError     **error)
{
  static const char *const statements[] = {
    "DELETE FROM milestone_lines WHERE milestone_id = ?1",
    "DELETE FROM milestones WHERE id = ?1",
  };
  g_autofree char *label = NULL;
  gboolean ok = TRUE;
  gint64 id;

  g_return_val_if_fail (GW_IS_STORE (self), FALSE);

  if (!check_writable (self, error))
    return FALSE;
  id = lookup_id (self, "milestones", "key", key);
  if (id == 0)
    {
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_NOT_FOUND,
                   _("There is no milestone with the key “%s”."), key);
      return FALSE;
    }
  label = g_strdup_printf (_("Delete milestone “%s”"), key);
  if (!edit_begin (self, label, error))
    return FALSE;
  for (guint i = 0; ok && i < G_N_ELEMENTS (statements); i++)
    {
      g_autoptr(Stmt) stmt = prepare (self, statements[i], error);

      ok = stmt != NULL;
      if (ok)
        {
          sqlite3_bind_int64 (stmt, 1, id);
          ok = step_done (self, stmt, error);
        }
    }
  return edit_end (self, ok, error);
}

/* Go/no-go */

/**
 * gw_store_list_decision:
 *
 * Returns: (transfer full) (element-type GwDecisionEntry): the go/no-go entries
 */
GPtrArray *
gw_store_list_decision (GwStore *self)
{
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_decision_entry_free);
  g_autoptr(Stmt) stmt = NULL;

  g_return_val_if_fail (GW_IS_STORE (self), entries);

  stmt = prepare (self, "SELECT d.level, i.key, d.text, d.done FROM decision d "
                        "LEFT JOIN items i ON i.id = d.item_id ORDER BY d.position, d.id", NULL);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      GwGateLevel level = GW_GATE_NICE;

      gw_gate_level_from_string ((const char *) sqlite3_column_text (stmt, 0), &level);
      g_ptr_array_add (entries, gw_decision_entry_new (level,
                                                       (const char *) sqlite3_column_text (stmt, 1),
                                                       (const char *) sqlite3_column_text (stmt, 2),
                                                       sqlite3_column_int (stmt, 3)));
    }
  return entries;
}

/**
 * gw_store_set_decision:
 * @entries: (element-type GwDecisionEntry): the new go/no-go list
 *
 * Replaces the go/no-go list.
 */
gboolean
gw_store_set_decision (GwStore    *self,
                       GPtrArray  *entries,
                       GError    **error)
{
  g_autoptr(Stmt) del = NULL;
  g_autoptr(Stmt) ins = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (GW_IS_STORE (self), FALSE);

  if (!edit_begin (self, _("Change the go/no-go list"), error))
    return FALSE;
  if (!(del = prepare (self, "DELETE FROM decision", error)) || !step_done (self, del, error))
    goto out;
  if (!(ins = prepare (self, "INSERT INTO decision (level, item_id, text, done, position) "
                             "VALUES (?1, ?2, ?3, ?4, ?5)", error)))
    goto out;
  for (guint i = 0; i < entries->len; i++)
    {
      GwDecisionEntry *entry = g_ptr_array_index (entries, i);
      gint64 item_id = 0;

      if (entry->item_key != NULL && (item_id = lookup_id (self, "items", "key", entry->item_key)) == 0)
        {
          not_found (error, entry->item_key);
          goto out;
        }
      bind_text (ins, 1, gw_gate_level_to_string (entry->level));
      if (item_id)
        sqlite3_bind_int64 (ins, 2, item_id);
      else
        sqlite3_bind_null (ins, 2);
      bind_text (ins, 3, entry->text ? entry->text : "");
      sqlite3_bind_int (ins, 4, entry->done ? 1 : 0);
      sqlite3_bind_int (ins, 5, (int) i);
      if (!step_done (self, ins, error))
        goto out;
    }
  ok = TRUE;

out:
  return edit_end (self, ok, error);
}

/* History */

gboolean
gw_store_can_undo (GwStore *self)
{
  g_return_val_if_fail (GW_IS_STORE (self), FALSE);
  return !self->read_only && query_int (self, "SELECT count(*) FROM history WHERE undone = 0", 0) > 0;
}

gboolean
gw_store_can_redo (GwStore *self)
{
  g_return_val_if_fail (GW_IS_STORE (self), FALSE);
  return !self->read_only && query_int (self, "SELECT count(*) FROM history WHERE undone = 1", 0) > 0;
}

static char *
history_label (GwStore    *self,
               const char *sql)
{
  g_autoptr(Stmt) stmt = prepare (self, sql, NULL);

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    return column_text (stmt, 0);
  return NULL;
}

/**
 * gw_store_get_undo_label:
 *
 * Returns: (transfer full) (nullable): what the next undo would undo
 */
char *
gw_store_get_undo_label (GwStore *self)
{
  g_return_val_if_fail (GW_IS_STORE (self), NULL);
  return history_label (self, "SELECT label FROM history WHERE undone = 0 ORDER BY id DESC LIMIT 1");
}

char *
gw_store_get_redo_label (GwStore *self)
{
  g_return_val_if_fail (GW_IS_STORE (self), NULL);
  return history_label (self, "SELECT label FROM history WHERE undone = 1 ORDER BY id ASC LIMIT 1");
}

/**
 * gw_store_undo:
 * @label: (out) (optional): what was undone
 *
 * Undoes the most recent edit of the register, whichever program made it.
 */
gboolean
gw_store_undo (GwStore  *self,
               char    **label,
               GError  **error)
{
  g_return_val_if_fail (GW_IS_STORE (self), FALSE);
  return history_step (self, TRUE, label, error);
}

gboolean
gw_store_redo (GwStore  *self,
               char    **label,
               GError  **error)
{
  g_return_val_if_fail (GW_IS_STORE (self), FALSE);
  return history_step (self, FALSE, label, error);
}

/**
 * gw_store_clear_history:
 *
 * Forgets every undo and redo step, for a register just created.
 */
gboolean
gw_store_clear_history (GwStore  *self,
                        GError  **error)
{
  g_return_val_if_fail (GW_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->edit_depth == 0, FALSE);

  if (!check_writable (self, error))
    return FALSE;
  return gw_store_exec (self->db, "DELETE FROM history", error);
}

/* Checks */

/**
 * gw_store_find_cycle:
 * @from_id: the item to start from
 * @cycle_text: (out) (optional): the cycle as "A -> B -> A", "->" read as
 *   "depends on"
 *
 * Returns: whether a chain of dependencies leads from the item back to itself
 */
gboolean
gw_store_find_cycle (GwStore  *self,
                     gint64    from_id,
                     char    **cycle_text)
{
  g_autoptr(Stmt) stmt = prepare (self, "SELECT depends_on FROM dependencies WHERE item_id = ?1", NULL);
  g_autoptr(GHashTable) parent = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 found_from = 0;

  if (stmt == NULL)
    return FALSE;

  /* Depth-first search from the item; parent[] records how each item was
   * reached, so the path can be rebuilt. */
  g_array_append_val (stack, from_id);
  while (stack->len > 0 && found_from == 0)
    {
      gint64 id = g_array_index (stack, gint64, stack->len - 1);

      g_array_set_size (stack, stack->len - 1);
      sqlite3_bind_int64 (stmt, 1, id);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          gint64 next = sqlite3_column_int64 (stmt, 0);

          if (next == from_id)
            {
              found_from = id;
              break;
            }
          if (!g_hash_table_contains (parent, &next))
            {
              gint64 *k = g_new (gint64, 1);
              gint64 *v = g_new (gint64, 1);

              *k = next;
              *v = id;
              g_hash_table_insert (parent, k, v);
              g_array_append_val (stack, next);
            }
        }
      sqlite3_reset (stmt);
    }

  if (found_from == 0)
    return FALSE;

  if (cycle_text != NULL)
    {
      g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(Stmt) key_stmt = prepare (self, "SELECT key FROM items WHERE id = ?1", NULL);
      g_autoptr(GString) s = g_string_new (NULL);
      gint64 id = found_from;

      /* Walk back from the last item to the start, then print forwards. */
      while (key_stmt != NULL)
        {
          gint64 *p;

          sqlite3_bind_int64 (key_stmt, 1, id);
          if (sqlite3_step (key_stmt) == SQLITE_ROW)
            g_ptr_array_add (keys, column_text (key_stmt, 0));
          sqlite3_reset (key_stmt);
          if (id == from_id)
            break;
          p = g_hash_table_lookup (parent, &id);
          if (p == NULL)
            break;
          id = *p;
        }
      for (guint i = keys->len; i > 0; i--)
        {
          g_string_append (s, g_ptr_array_index (keys, i - 1));
          g_string_append (s, " -> ");
        }
      if (keys->len > 0)
        g_string_append (s, g_ptr_array_index (keys, keys->len - 1));
      *cycle_text = g_string_free (g_steal_pointer (&s), FALSE);
    }
  return TRUE;
}

/* The dependency graph in compressed rows: item i depends on
 * targets[first[i]] … targets[first[i + 1] - 1]. */
typedef struct
{
  guint    n;
  GArray  *ids;      /* gint64: the row id of item i */
  guint   *first;
  guint   *targets;
} DepGraph;

static void
dep_graph_clear (DepGraph *g)
{
  g_clear_pointer (&g->ids, g_array_unref);
  g_clear_pointer (&g->first, g_free);
  g_clear_pointer (&g->targets, g_free);
}

static gboolean
dep_graph_load (GwStore  *self,
                DepGraph *g)
{
  g_autoptr(Stmt) items = prepare (self, "SELECT id FROM items ORDER BY position, id", NULL);
  g_autoptr(Stmt) deps = prepare (self, "SELECT item_id, depends_on FROM dependencies ORDER BY item_id, depends_on", NULL);
  g_autoptr(GHashTable) index = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) from = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) to = g_array_new (FALSE, FALSE, sizeof (guint));

  memset (g, 0, sizeof *g);
  if (items == NULL || deps == NULL)
    return FALSE;

  g->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  while (sqlite3_step (items) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (items, 0);

      g_array_append_val (g->ids, id);
    }
  g->n = g->ids->len;
  /* The keys point into the array, which no longer grows. */
  for (guint i = 0; i < g->n; i++)
    g_hash_table_insert (index, &g_array_index (g->ids, gint64, i), GUINT_TO_POINTER (i + 1));

  while (sqlite3_step (deps) == SQLITE_ROW)
    {
      gint64 a = sqlite3_column_int64 (deps, 0);
      gint64 b = sqlite3_column_int64 (deps, 1);
      guint ia = GPOINTER_TO_UINT (g_hash_table_lookup (index, &a));
      guint ib = GPOINTER_TO_UINT (g_hash_table_lookup (index, &b));

      /* Dangling rows are reported by the foreign key check. */
      if (ia == 0 || ib == 0)
        continue;
      ia--;
      ib--;
      g_array_append_val (from, ia);
      g_array_append_val (to, ib);
    }

  g->first = g_new0 (guint, g->n + 1);
  g->targets = g_new (guint, MAX (to->len, 1));
  for (guint e = 0; e < from->len; e++)
    g->first[g_array_index (from, guint, e) + 1]++;
  for (guint i = 0; i < g->n; i++)
    g->first[i + 1] += g->first[i];
  {
    g_autofree guint *fill = g_memdup2 (g->first, sizeof (guint) * (g->n + 1));

    for (guint e = 0; e < from->len; e++)
      g->targets[fill[g_array_index (from, guint, e)]++] = g_array_index (to, guint, e);
  }
  return TRUE;
}

/* Strongly connected components (Tarjan's algorithm without recursion).
 * comp[i] receives the component of item i; returns the number of them. */
static guint
dep_graph_components (const DepGraph *g,
                      guint          *comp)
{
  g_autofree guint *order = g_new (guint, g->n);
  g_autofree guint *low = g_new (guint, g->n);
  g_autofree guint *edge = g_new (guint, g->n);
  g_autofree guint *call = g_new (guint, g->n);
  g_autofree guint *stack = g_new (guint, g->n);
  g_autofree gboolean *on_stack = g_new0 (gboolean, g->n);
  guint counter = 0, n_comp = 0, sp = 0;

  for (guint i = 0; i < g->n; i++)
    order[i] = G_MAXUINT;

  for (guint root = 0; root < g->n; root++)
    {
      guint depth = 0;

      if (order[root] != G_MAXUINT)
        continue;

      call[depth++] = root;
      order[root] = low[root] = counter++;
      edge[root] = g->first[root];
      stack[sp++] = root;
      on_stack[root] = TRUE;

      while (depth > 0)
        {
          guint v = call[depth - 1];

          if (edge[v] < g->first[v + 1])
            {
              guint w = g->targets[edge[v]++];

              if (order[w] == G_MAXUINT)
                {
                  order[w] = low[w] = counter++;
                  edge[w] = g->first[w];
                  stack[sp++] = w;
                  on_stack[w] = TRUE;
                  call[depth++] = w;
                }
              else if (on_stack[w])
                low[v] = MIN (low[v], order[w]);
              continue;
            }

          /* v is finished. */
          depth--;
          if (depth > 0)
            {
              guint parent = call[depth - 1];

              low[parent] = MIN (low[parent], low[v]);
            }
          if (low[v] == order[v])
            {
              guint w;

              do
                {
                  w = stack[--sp];
                  on_stack[w] = FALSE;
                  comp[w] = n_comp;
                }
              while (w != v);
              n_comp++;
            }
        }
    }
  return n_comp;
}

/* Adds one sentence per group of items caught in cycles, naming one cycle
 * of the group ("A -> B -> A", "->" read as "depends on"). Linear in the
 * size of the register. */
static void
append_cycles (GwStore   *self,
               GPtrArray *problems)
{
  g_autoptr(Stmt) key_stmt = prepare (self, "SELECT key FROM items WHERE id = ?1", NULL);
  DepGraph g = { 0 };
  g_autofree guint *comp = NULL;
  g_autofree guint *size = NULL;
  g_autofree guint *parent = NULL;
  g_autofree gboolean *reported = NULL;
  g_autoptr(GArray) queue = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n_comp;

  if (key_stmt == NULL || !dep_graph_load (self, &g))
    {
      dep_graph_clear (&g);
      return;
    }

  comp = g_new (guint, MAX (g.n, 1));
  n_comp = dep_graph_components (&g, comp);
  size = g_new0 (guint, MAX (n_comp, 1));
  reported = g_new0 (gboolean, MAX (n_comp, 1));
  parent = g_new (guint, MAX (g.n, 1));
  for (guint i = 0; i < g.n; i++)
    {
      size[comp[i]]++;
      parent[i] = G_MAXUINT;
    }

  /* In register order, so the first item of a group names its cycle. */
  for (guint start = 0; start < g.n; start++)
    {
      guint c = comp[start];
      guint closing = G_MAXUINT;
      g_autoptr(GPtrArray) keys = NULL;
      g_autoptr(GString) text = NULL;

      if (reported[c] || size[c] < 2)
        continue;
      reported[c] = TRUE;

      /* Shortest way back to the start inside the group, breadth first. */
      g_array_set_size (queue, 0);
      g_array_append_val (queue, start);
      parent[start] = start;
      for (guint q = 0; q < queue->len && closing == G_MAXUINT; q++)
        {
          guint v = g_array_index (queue, guint, q);

          for (guint e = g.first[v]; e < g.first[v + 1]; e++)
            {
              guint w = g.targets[e];

              if (comp[w] != c)
                continue;
              if (w == start)
                {
                  closing = v;
                  break;
                }
              if (parent[w] == G_MAXUINT)
                {
                  parent[w] = v;
                  g_array_append_val (queue, w);
                }
            }
        }
      g_assert (closing != G_MAXUINT);

      keys = g_ptr_array_new_with_free_func (g_free);
      for (guint v = closing; ; v = parent[v])
        {
          sqlite3_bind_int64 (key_stmt, 1, g_array_index (g.ids, gint64, v));
          g_ptr_array_add (keys, sqlite3_step (key_stmt) == SQLITE_ROW ? column_text (key_stmt, 0) : g_strdup ("?"));
          sqlite3_reset (key_stmt);
          if (v == start)
            break;
        }
      text = g_string_new (NULL);
      for (guint i = keys->len; i > 0; i--)
        g_string_append_printf (text, "%s -> ", (char *) g_ptr_array_index (keys, i - 1));
      g_string_append (text, g_ptr_array_index (keys, keys->len - 1));
      g_ptr_array_add (problems, g_strdup_printf (_("Dependency cycle: %s."), text->str));

      for (guint q = 0; q < queue->len; q++)
        parent[g_array_index (queue, guint, q)] = G_MAXUINT;
    }
  dep_graph_clear (&g);
}

/**
 * gw_store_check:
 *
 * Looks for what a register should not contain: dependency cycles,
 * references to roles or milestones that do not exist, damage.
 *
 * Returns: (transfer full) (element-type utf8): one sentence per problem;
 *   empty when the register is sound
 */
GPtrArray *
gw_store_check (GwStore *self)
{
  GPtrArray *problems = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *integrity = NULL;
  g_autoptr(Stmt) stmt = NULL;

  g_return_val_if_fail (GW_IS_STORE (self), problems);

  if (!gw_store_integrity_check (self, &integrity))
    g_ptr_array_add (problems, g_strdup_printf (_("The register file is damaged: %s."),
                                                integrity ? integrity : _("unknown damage")));

  stmt = prepare (self, "SELECT count(*) FROM pragma_foreign_key_check", NULL);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) > 0)
    g_ptr_array_add (problems, g_strdup (_("Some rows refer to items or milestones that no longer exist.")));
  g_clear_pointer (&stmt, stmt_free);

  stmt = prepare (self, "SELECT i.key, i.owner FROM items i WHERE i.owner IS NOT NULL "
                        "AND NOT EXISTS (SELECT 1 FROM roles r WHERE r.name = i.owner) ORDER BY i.position", NULL);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (problems, g_strdup_printf (_("Item “%s”: the owner role “%s” is not defined."),
                                                sqlite3_column_text (stmt, 0), sqlite3_column_text (stmt, 1)));
  g_clear_pointer (&stmt, stmt_free);

  stmt = prepare (self, "SELECT i.key, i.milestone FROM items i WHERE i.milestone IS NOT NULL "
                        "AND NOT EXISTS (SELECT 1 FROM milestones m WHERE m.key = i.milestone) ORDER BY i.position", NULL);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (problems, g_strdup_printf (_("Item “%s”: the milestone “%s” is not defined."),
                                                sqlite3_column_text (stmt, 0), sqlite3_column_text (stmt, 1)));
  g_clear_pointer (&stmt, stmt_free);

  stmt = prepare (self, "SELECT m.key, m.requires FROM milestones m WHERE m.requires IS NOT NULL "
                        "AND NOT EXISTS (SELECT 1 FROM milestones r WHERE r.key = m.requires)", NULL);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (problems, g_strdup_printf (_("Milestone “%s”: the required milestone “%s” is not defined."),
                                                sqlite3_column_text (stmt, 0), sqlite3_column_text (stmt, 1)));
  g_clear_pointer (&stmt, stmt_free);

  append_cycles (self, problems);
  return problems;
}
