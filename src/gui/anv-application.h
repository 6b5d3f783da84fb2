/* anv-application.h — the Anvisa GtkApplication
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "anv-db.h"

G_BEGIN_DECLS

#define ANV_TYPE_APPLICATION (anv_application_get_type ())
G_DECLARE_FINAL_TYPE (AnvApplication, anv_application, ANV, APPLICATION, GtkApplication)

AnvApplication *anv_application_new                  (void);

AnvDb          *anv_application_get_db               (AnvApplication  *self);

gboolean        anv_application_open_database        (AnvApplication  *self,
                                                      const char      *path,
                                                      GError         **error);

/* The database to open (option, environment, the remembered server, the
 * default file), and a switch to another one, with a new window. */
char           *anv_application_get_database_path    (AnvApplication  *self);
void            anv_application_switch_database      (AnvApplication  *self,
                                                      AnvDb           *db);

/* When the database could not be opened: the message that says so, and
 * what choosing another file in it does. */
GtkWidget      *anv_application_get_open_error       (AnvApplication  *self);
void            anv_application_open_chosen_database (AnvApplication  *self,
                                                      const char      *path);

G_END_DECLS
