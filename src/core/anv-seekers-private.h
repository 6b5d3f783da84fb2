/* anv-seekers-private.h — validation shared by registering and importing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "anv-db-private.h"
#include "anv-seekers.h"

G_BEGIN_DECLS

/* A name as stored: NFC, trimmed, 1–200 characters, no control
 * characters; @length is the bytes given, so that a NUL inside is seen. */
char     *anv_seeker_clean_name           (const char  *text,
                                           gsize        length,
                                           GError     **error);

/* The municipality code from a code and/or a postal code; they must agree.
 * @out_postal_code receives the normalized postal code, if any. */
char     *anv_seeker_resolve_municipality (AnvDb       *db,
                                           const char  *municipality_code,
                                           const char  *postal_code,
                                           char       **out_postal_code,
                                           GError     **error);

/* Inside a transaction; the personnummer is normalized already. A
 * protected person's postal code is not stored. The name search is not
 * updated: call anv_seeker_index_names() after the last insert. */
gboolean  anv_seeker_insert               (AnvDb       *db,
                                           const char  *digits,
                                           const char  *name,
                                           const char  *municipality_code,
                                           const char  *postal_code,
                                           gboolean     protected_identity,
                                           const char  *registered_on,
                                           gint64      *out_id,
                                           GError     **error);

/* How many rows anv_seeker_insert_rows() inserts at a time. */
#define ANV_SEEKER_INSERT_GROUP 64

/* The same in two steps, for an import: the statement for @n_rows rows
 * (1 or ANV_SEEKER_INSERT_GROUP)
 * with the registration date and user bound once, then rows. Nothing else
 * may use the statement in between, and @registered_on stays valid until
 * the last row. anv_seeker_insert_with() takes a statement for one row. */
AnvDbStmt *anv_seeker_insert_statement    (AnvDb         *db,
                                           guint          n_rows,
                                           const char    *registered_on,
                                           GError       **error);
gboolean  anv_seeker_insert_with          (AnvDb         *db,
                                           AnvDbStmt     *stmt,
                                           const char    *digits,
                                           const char    *name,
                                           const char    *municipality_code,
                                           const char    *postal_code,
                                           gboolean       protected_identity,
                                           gint64        *out_id,
                                           GError       **error);

/* A row for anv_seeker_insert_rows(). */
typedef struct
{
  const char *digits;
  const char *name;
  const char *municipality_code;
  const char *postal_code;
  gboolean    protected_identity;
} AnvNewRow;

/* Inserts @n_rows rows (as many as the statement was made for) in one
 * statement: all or, if any fails, none of them. Says only whether it
 * worked: the caller inserts the rows one by one to learn which and why. */
gboolean  anv_seeker_insert_rows          (AnvDbStmt        *stmt,
                                           const AnvNewRow  *rows,
                                           guint             n_rows);

/* Adds the names of the job seekers with an id above @after_id to the name
 * search, in one statement. Every insert into seeker is followed by it. */
gboolean  anv_seeker_index_names          (AnvDb       *db,
                                           gint64       after_id,
                                           GError     **error);

void      anv_seeker_set_duplicate_error  (AnvDb       *db,
                                           const char  *digits,
                                           GError     **error);

G_END_DECLS
