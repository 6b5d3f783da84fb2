/* anv-application-private.h — what the application's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "anv-application.h"

G_BEGIN_DECLS

struct _AnvApplication
{
  GtkApplication        parent_instance;

  char                 *db_path;      /* from --database, or NULL for the default */

  /* Opened once, for every window's AnvContext */
  AnvDb                *db;
  GSettings            *settings;     /* NULL when the schema is not installed */

  GtkWidget            *open_error;   /* the message when the database cannot be opened */
  GtkFileChooserNative *chooser;      /* the one file chooser open, if any */
};

/* anv-application-actions.c: the app. actions (import, export, demo data,
 * back-up, restore, audit log, pages, about, quit) and their accelerators */
void        anv_application_add_actions          (AnvApplication       *self);
void        anv_application_update_actions       (AnvApplication       *self);
GtkWindow  *anv_application_get_main_window      (AnvApplication       *self);

/* The one file chooser the application shows at a time */
void        anv_application_show_file_chooser    (AnvApplication       *self,
                                                  GtkFileChooserNative *chooser,
                                                  GCallback             response_cb);
char       *anv_application_take_chosen_file     (AnvApplication       *self,
                                                  GtkNativeDialog      *chooser,
                                                  int                   response);
void        anv_application_add_database_filters (GtkFileChooser       *chooser);

G_END_DECLS
