/* anv-audit.h — the append-only audit log
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "anv-db.h"

G_BEGIN_DECLS

typedef struct
{
  gint64  id;
  char   *at;          /* UTC, ISO 8601 */
  char   *actor;
  char   *action;
  char   *entity;
  char   *entity_id;
  char   *details;
} AnvAuditEntry;

void       anv_audit_entry_free (AnvAuditEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnvAuditEntry, anv_audit_entry_free)

/* An entry as a person reads it, in their language. */
typedef struct
{
  char   *event;       /* "Job seeker added" */
  char   *record;      /* "Job seeker 21034", "Database" */
  char   *details;     /* "1,200 rows from seekers.csv"; as logged where its form is unknown */
} AnvAuditDescription;

void       anv_audit_description_free (AnvAuditDescription *description);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnvAuditDescription, anv_audit_description_free)

/* Describes @entry for the audit dialog and `anvisa-cli audit`: the log
 * itself stays as written (codes, English details: data); this says it in
 * the reader's language, with numbers grouped as they read them. */
AnvAuditDescription *anv_audit_describe (const AnvAuditEntry *entry);

/* Appends an entry as the database's user. Call it inside the
 * transaction of the change it records. */
gboolean   anv_audit_append     (AnvDb       *db,
                                 const char  *action,
                                 const char  *entity,
                                 const char  *entity_id,
                                 const char  *details,
                                 GError     **error);

/* Appends the entry of a read of personal data (a record opened, a list
 * shown): one INSERT on its own, outside any transaction the caller has
 * not begun. A read changes no figure, so no revision is looked for:
 * nothing more is asked of the server than the INSERT. A connection
 * remembers the @key of its last read of each @action: the same read
 * again (a window showing the record or the list anew after another's
 * change) is not logged twice, so that windows refreshing on each other's
 * entries do not write without end. A file opened read-only takes no
 * entry. */
gboolean   anv_audit_append_read (AnvDb       *db,
                                  const char  *action,
                                  const char  *entity,
                                  const char  *entity_id,
                                  const char  *details,
                                  const char  *key,
                                  GError     **error);

/* Entries from @from to @to (dates, inclusive, either may be NULL), by
 * @actor if not NULL, newest first, at most @limit. */
GPtrArray *anv_audit_list       (AnvDb       *db,
                                 const char  *from,
                                 const char  *to,
                                 const char  *actor,
                                 guint        limit,
                                 GError     **error);

/* The same, a page at a time for a list that loads as it scrolls: only
 * entries older than @before_id (0: from the newest). */
GPtrArray *anv_audit_list_before (AnvDb       *db,
                                  const char  *from,
                                  const char  *to,
                                  const char  *actor,
                                  gint64       before_id,
                                  guint        limit,
                                  GError     **error);

G_END_DECLS
