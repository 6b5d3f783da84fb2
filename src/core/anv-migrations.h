/* anv-migrations.h — the schema, step by step
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "anv-db.h"

G_BEGIN_DECLS

int      anv_migrations_latest  (void);

/* The schema version from which a database has the tables of publishing
 * (closed months, their revisions). */
int      anv_migrations_publishing_version (void);

/* Brings the database from its user_version up to @target, each step in
 * its own transaction. */
gboolean anv_migrations_run     (AnvDb   *db,
                                 int      from_version,
                                 int      target,
                                 GError **error);


/* Raises the id sequences of the job seekers' and referrals' tables
 * above every id they have given: those in the tables, in the audit log,
 * in the sequences, and in those of the attached schema @also (NULL for
 * none). Needs schema version 5. */
gboolean anv_migrations_raise_id_sequences (AnvDb       *db,
                                            const char  *also,
                                            GError     **error);

G_END_DECLS
