/* anv-backup.h — backup and restore of the whole database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "anv-db.h"

G_BEGIN_DECLS

#define ANV_BACKUP_ERROR (anv_backup_error_quark ())

typedef enum
{
  ANV_BACKUP_ERROR_WRITE,     /* the backup file cannot be written */
  ANV_BACKUP_ERROR_SOURCE,    /* the file to restore cannot be read, or is no good */
  ANV_BACKUP_ERROR_DAMAGED,   /* the file to restore fails the integrity check */
  ANV_BACKUP_ERROR_BUSY,      /* the database is in use too long to copy */
  ANV_BACKUP_ERROR_SERVER,    /* the database is on a server, whose backups are the server's */
} AnvBackupError;

/* Called between steps of a copy: @done of @total pages. */
typedef void (*AnvBackupProgress) (guint    done,
                                   guint    total,
                                   gpointer user_data);

/* What a file to restore holds, after its check. */
typedef struct _AnvRestore AnvRestore;

GQuark      anv_backup_error_quark      (void);

/* Copies the database, a few pages at a time (other programs may keep
 * writing: the copy starts over, a few times, then takes the rest in one
 * snapshot; it is always consistent), to a private (0600) file next to
 * @dest that is renamed to @dest when complete. Audited. Cancelled
 * through @cancellable (G_IO_ERROR_CANCELLED), it leaves no file. */
gboolean    anv_backup_create           (AnvDb              *db,
                                         const char         *dest,
                                         AnvBackupProgress   progress,
                                         gpointer            user_data,
                                         GCancellable       *cancellable,
                                         GError            **error);

/* Checks @source without changing it: a copy next to the database is
 * opened as an Anvisa database (refused if it is none, is another
 * program's, or is from a newer Anvisa; brought up to date if older) and
 * must pass SQLite's integrity check. */
AnvRestore *anv_backup_prepare_restore  (AnvDb              *db,
                                         const char         *source,
                                         GError            **error);
void        anv_restore_free            (AnvRestore         *restore);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnvRestore, anv_restore_free)

gint64      anv_restore_get_seekers     (AnvRestore         *restore);
/* The version the file had before it was brought up to date. */
int         anv_restore_get_version     (AnvRestore         *restore);
/* After anv_backup_restore(): the job seekers in the backup that the
 * latest retention (gallring) had removed, and that it removed again. */
guint64     anv_restore_get_removed_again (AnvRestore       *restore);
/* That said in a sentence for the person who restored, or NULL when it
 * removed no one. */
char       *anv_restore_describe_removed_again (AnvRestore  *restore);
char       *anv_restore_describe_question     (AnvRestore  *restore,
                                               const char  *file,
                                               const char  *keep_path);

/* The name a restore keeps the current database under, next to it:
 * "<database>.before-restore-<@stamp>". */
char       *anv_backup_kept_path        (AnvDb              *db,
                                         const char         *stamp);
/* The copies restores kept next to the database (their paths, sorted):
 * they still hold every job seeker they held, also those retention has
 * removed since. */
GPtrArray  *anv_backup_list_kept        (AnvDb              *db);

/* Saves the current database to @keep_path (may be NULL: not kept), then
 * replaces the database's contents with the checked copy in one
 * transaction, so that until it commits the current data stay as they
 * were, and other connections see either all of the old or all of the
 * new. The latest retention (gallring) in the audit log is run again on
 * the copy first, so that no one it removed comes back. Other programs
 * wait to write from the moment @keep_path is copied until the restore
 * is done. Audited in the restored database. Each #AnvRestore is used
 * once. */
gboolean    anv_backup_restore          (AnvDb              *db,
                                         AnvRestore         *restore,
                                         const char         *keep_path,
                                         GError            **error);

G_END_DECLS
