/* anv-providers-private.h — what providers, delivery areas, approvals and the import share
 *
 * Only files in src/core include this header.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "anv-db-private.h"
#include "anv-providers.h"

G_BEGIN_DECLS

/* A provider's columns, in the order anv_provider_from_row() reads them,
 * from provider p joined to its municipality m. */
#define ANV_PROVIDER_COLUMNS \
  "p.id, p.orgnr, p.name, p.municipality_code, m.short_name, p.active"

/* anv_approval_holds_on() as SQL, for the approval table aliased @a and
 * the date (a placeholder, "?3") @day: keep the two alike. */
#define ANV_APPROVAL_HOLDS_ON(a, day) \
  a ".valid_from <= " day " AND (" a ".valid_to IS NULL OR " a ".valid_to >= " day ")"

typedef enum
{
  ANV_NAME_OF_PROVIDER,
  ANV_NAME_OF_AREA,
} AnvNameKind;

/* An AnvProvider from the ANV_PROVIDER_COLUMNS of the current row
 * (an AnvDbRowFunc). */
gpointer    anv_provider_from_row     (AnvDbStmt    *stmt,
                                       gpointer      user_data);

/* The service named in @column (KROM or STOM), or ANV_SERVICE_NONE. */
AnvService  anv_provider_service_from_column (AnvDbStmt *stmt,
                                              int        column);

/* A provider's or an area's name as stored (trimmed, on one line, not too
 * long); @length is the bytes given, so that a NUL inside is seen. */
char       *anv_provider_clean_name   (const char   *text,
                                       gsize         length,
                                       AnvNameKind   kind,
                                       GError      **error);

/* Inside a transaction: stores a provider whose organisationsnummer and
 * name are checked already. A number registered already is refused with
 * ANV_PROVIDER_ERROR_DUPLICATE, naming the provider that has it. */
gboolean    anv_provider_insert       (AnvDb        *db,
                                       const char   *digits,
                                       const char   *name,
                                       const char   *municipality_code,
                                       const char   *registered_on,
                                       gint64       *out_id,
                                       GError      **error);

/* The delivery area named @name (exactly, or else regardless of case):
 * its id, or 0 with @error set; @out_name receives its name as stored. */
gint64      anv_areas_find            (AnvDb        *db,
                                       const char   *name,
                                       char        **out_name,
                                       GError      **error);

G_END_DECLS
