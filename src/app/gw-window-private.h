/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gw-register-page.h"
#include "gw-window.h"

G_BEGIN_DECLS

/* Shared by gw-window.c (state, opening) and gw-window-actions.c. */
struct _GwWindow
{
  AdwApplicationWindow  parent_instance;

  GwContext            *context;
  GSettings            *settings;
  GSignalGroup         *store_signals;
  gboolean              editor_visible;
  AdwToast             *last_toast;      /* weak: the newest toast shown */
  AdwMessageDialog     *error_dialog;    /* weak: the open-error dialog on screen */

  /* template */
  AdwToastOverlay      *toast_overlay;
  AdwHeaderBar         *header_bar;
  AdwViewSwitcherTitle *switcher_title;
  GtkButton            *undo_button;
  GtkButton            *redo_button;
  GtkRevealer          *read_only_revealer;
  AdwViewStack         *stack;
  GwRegisterPage       *register_page;
  GMenu                *recent_section;
};

void      _gw_window_class_init_actions (GtkWidgetClass *widget_class);
void      _gw_window_update_actions     (GwWindow       *self);
void      _gw_window_add_toast          (GwWindow       *self,
                                         AdwToast       *toast);
void      _gw_window_show_error         (GwWindow       *self,
                                         const char     *heading,
                                         const char     *message);
/* For tests: the newest toast and error dialog, or NULL. */
AdwToast *_gw_window_get_last_toast     (GwWindow       *self);
AdwMessageDialog *_gw_window_get_error_dialog (GwWindow *self);

G_END_DECLS
