/* anv-context.h — what every page of a window shares: the database, the settings, today
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "anv-csv-writer.h"
#include "anv-db.h"
#include "anv-staff.h"

G_BEGIN_DECLS

#define ANV_TYPE_CONTEXT (anv_context_get_type ())
G_DECLARE_FINAL_TYPE (AnvContext, anv_context, ANV, CONTEXT, GObject)

/* @settings may be NULL (run from the build tree, the schema not installed):
 * then nothing is remembered between runs and the CSV profile is kept in
 * memory. */
AnvContext   *anv_context_new             (AnvDb          *db,
                                           GSettings      *settings);

AnvDb        *anv_context_get_db          (AnvContext     *self);
GSettings    *anv_context_get_settings    (AnvContext     *self);

/* The CSV profile chosen in the menu: the one reading of the setting. */
AnvCsvProfile anv_context_get_csv_profile (AnvContext     *self);
void          anv_context_set_csv_profile (AnvContext     *self,
                                           AnvCsvProfile   profile);

/* Today, read once (ANVISA_TODAY pins it) and moved on at midnight, when
 * notify::today is emitted. Pages never read the clock themselves. */
void          anv_context_get_today       (AnvContext     *self,
                                           GDate          *out);
void          anv_context_set_today       (AnvContext     *self,
                                           const GDate    *today);

/* A failure with no better place to be told (a list that could not be
 * read): the window shows it in its information bar. */
void          anv_context_report_error    (AnvContext     *self,
                                           const char     *message);

/* Who is logged in, with which roles (anv_staff_current ()), asked once:
 * when the server cannot tell, everything is offered and the server
 * refuses what the login may not do. */
const AnvLogin *anv_context_get_login     (AnvContext     *self);
gboolean      anv_context_may             (AnvContext     *self,
                                           AnvWork         work);
/* The role in a few words for the header bar: "case officer, Umeå";
 * NULL on a file and before roles. */
char         *anv_context_describe_role   (AnvContext     *self);

/* @error's message for the person; a refusal by the server
 * (ANV_DB_ERROR_DENIED: a GRANT or row-level security) said in the words
 * of the login's role. */
char         *anv_context_explain_error   (AnvContext     *self,
                                           const GError   *error);

G_END_DECLS
