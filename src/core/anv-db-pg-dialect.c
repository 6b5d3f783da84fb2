/* anv-db-pg-dialect.c — the server's own texts of some statements
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "anv-db-pg-dialect.h"

const char *
anv_db_pg_dialect_text (const char *key)
{
  return NULL;
}
