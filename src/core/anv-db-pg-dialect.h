/* anv-db-pg-dialect.h: the PostgreSQL server's own statement texts, by key
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The server's own text for the statement @key, or NULL when the common text serves. */
const char *anv_db_pg_dialect_text (const char *key);

G_END_DECLS
