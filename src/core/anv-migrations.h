/* anv-migrations.h — the schema, step by step
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "anv-db.h"

G_BEGIN_DECLS

int      anv_migrations_latest  (void);

/* Brings the database from its user_version up to @target, each step in
 * its own transaction. */
gboolean anv_migrations_run     (AnvDb   *db,
                                 int      from_version,
                                 int      target,
                                 GError **error);

G_END_DECLS
