/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "gw-error.h"
#include "gw-item.h"
#include "gw-types.h"

G_BEGIN_DECLS

/* The schema version this build writes; registers of older versions are
 * upgraded on open, newer ones are refused. */
#define GW_STORE_SCHEMA_VERSION 1

typedef enum
{
  GW_STORE_OPEN_DEFAULT   = 0,
  GW_STORE_OPEN_CREATE    = 1 << 0,  /* create the register when missing */
  GW_STORE_OPEN_READ_ONLY = 1 << 1,  /* never write, even when allowed */
} GwStoreOpenFlags;

/* What an edit, an undo or an outside writer changed. */
struct _GwChange
{
  gboolean  everything;  /* reload all: another program changed the register */
  GArray   *item_ids;    /* gint64: items added, changed (fields, lines, dependencies) or removed */
  gboolean  roles;
  gboolean  milestones;
  gboolean  settings;
  gboolean  decision;
};

gboolean gw_change_has_item (const GwChange *change,
                             gint64          id);

typedef struct
{
  char  *name;
  int    headcount;
  double hours_per_week;
  double cost_per_hour;   /* NAN when unset */
} GwRole;

GwRole *gw_role_new  (const char *name);
GwRole *gw_role_copy (const GwRole *role);
void    gw_role_free (GwRole *role);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GwRole, gw_role_free)

typedef struct
{
  char      *key;
  char      *name;
  char      *goal;
  char      *requires;   /* key of the milestone that must be complete first */
  char      *duration;   /* free text, "2 weeks" */
  GPtrArray *lines[3];   /* GwLine by GwMilestoneLineKind */
} GwMilestone;

GwMilestone *gw_milestone_new  (const char *key,
                                const char *name);
GwMilestone *gw_milestone_copy (const GwMilestone *milestone);
void         gw_milestone_free (GwMilestone *milestone);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GwMilestone, gw_milestone_free)

typedef struct
{
  GwGateLevel level;
  char       *item_key;  /* the item whose being done decides, or NULL */
  char       *text;      /* a criterion of its own when no item */
  gboolean    done;
} GwDecisionEntry;

GwDecisionEntry *gw_decision_entry_new  (GwGateLevel  level,
                                         const char  *item_key,
                                         const char  *text,
                                         gboolean     done);
void             gw_decision_entry_free (GwDecisionEntry *entry);

#define GW_TYPE_STORE (gw_store_get_type ())
G_DECLARE_FINAL_TYPE (GwStore, gw_store, GW, STORE, GObject)

GwStore    *gw_store_open               (const char        *path,
                                         GwStoreOpenFlags   flags,
                                         GError           **error);
const char *gw_store_get_path           (GwStore *self);
gboolean    gw_store_is_read_only       (GwStore *self);
int         gw_store_get_opened_version (GwStore *self);
gboolean    gw_store_save_as            (GwStore     *self,
                                         const char  *path,
                                         GError     **error);
gboolean    gw_store_poll               (GwStore *self);
gboolean    gw_store_integrity_check    (GwStore  *self,
                                         char    **problem);

/* Edits: every change below is one transaction and one undo step, unless
 * grouped between gw_store_begin() and gw_store_commit(). */
gboolean    gw_store_begin              (GwStore     *self,
                                         const char  *label,
                                         GError     **error);
gboolean    gw_store_commit             (GwStore     *self,
                                         GError     **error);
void        gw_store_rollback           (GwStore *self);
gboolean    gw_store_in_edit            (GwStore *self);

/* Settings */
char       *gw_store_get_setting        (GwStore    *self,
                                         const char *name);
gboolean    gw_store_set_setting        (GwStore     *self,
                                         const char  *name,
                                         const char  *value,
                                         GError     **error);
const char *gw_store_get_name           (GwStore *self);
double      gw_store_get_setting_double (GwStore    *self,
                                         const char *name);
const GwParseContext *gw_store_get_parse_context (GwStore *self);

/* Items */
GPtrArray  *gw_store_list_items         (GwStore  *self,
                                         GError  **error);
guint       gw_store_count_items        (GwStore *self);
GwItem     *gw_store_get_item           (GwStore     *self,
                                         const char  *key,
                                         GError     **error);
GwItem     *gw_store_get_item_by_id     (GwStore *self,
                                         gint64   id);
gboolean    gw_store_load_lines         (GwStore  *self,
                                         GwItem   *item,
                                         GError  **error);
gboolean    gw_store_load_all_lines     (GwStore    *self,
                                         GPtrArray  *items,
                                         GError    **error);
gboolean    gw_store_add_item           (GwStore  *self,
                                         GwItem   *item,
                                         GError  **error);
gboolean    gw_store_update_item        (GwStore  *self,
                                         GwItem   *item,
                                         GError  **error);
gboolean    gw_store_write_items        (GwStore    *self,
                                         GPtrArray  *items,
                                         GError    **error);
gboolean    gw_store_delete_item        (GwStore     *self,
                                         const char  *key,
                                         GError     **error);
gboolean    gw_store_link               (GwStore     *self,
                                         const char  *key,
                                         const char  *depends_on,
                                         double       lag_hours,
                                         GError     **error);
gboolean    gw_store_unlink             (GwStore     *self,
                                         const char  *key,
                                         const char  *depends_on,
                                         GError     **error);
GHashTable *gw_store_search             (GwStore     *self,
                                         const char  *text,
                                         GError     **error);
char       *gw_store_next_key           (GwStore    *self,
                                         const char *like);

/* Roles */
GPtrArray  *gw_store_list_roles         (GwStore  *self);
gboolean    gw_store_put_role           (GwStore       *self,
                                         const GwRole  *role,
                                         GError       **error);
gboolean    gw_store_delete_role        (GwStore     *self,
                                         const char  *name,
                                         GError     **error);

/* Milestones */
GPtrArray  *gw_store_list_milestones    (GwStore  *self);
gboolean    gw_store_put_milestone      (GwStore            *self,
                                         const GwMilestone  *milestone,
                                         GError            **error);
gboolean    gw_store_delete_milestone   (GwStore     *self,
                                         const char  *key,
                                         GError     **error);

/* Go/no-go */
GPtrArray  *gw_store_list_decision      (GwStore *self);
gboolean    gw_store_set_decision       (GwStore    *self,
                                         GPtrArray  *entries,
                                         GError    **error);

/* History */
gboolean    gw_store_can_undo           (GwStore *self);
gboolean    gw_store_can_redo           (GwStore *self);
char       *gw_store_get_undo_label     (GwStore *self);
char       *gw_store_get_redo_label     (GwStore *self);
gboolean    gw_store_clear_history      (GwStore  *self,
                                         GError  **error);
gboolean    gw_store_undo               (GwStore  *self,
                                         char    **label,
                                         GError  **error);
gboolean    gw_store_redo               (GwStore  *self,
                                         char    **label,
                                         GError  **error);

/* Checks */
GPtrArray  *gw_store_check              (GwStore *self);
gboolean    gw_store_find_cycle         (GwStore     *self,
                                         gint64       from_id,
                                         char       **cycle_text);

G_END_DECLS
