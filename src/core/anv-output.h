/* anv-output.h — where an export or a backup may be written, and how
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "anv-db.h"

G_BEGIN_DECLS

#define ANV_OUTPUT_ERROR (anv_output_error_quark ())

typedef enum
{
  ANV_OUTPUT_ERROR_DATABASE,   /* the database in use, its log, or a copy a restore kept */
  ANV_OUTPUT_ERROR_NOT_FILE,   /* a folder, a socket, a block device: not written to */
} AnvOutputError;

typedef enum
{
  ANV_OUTPUT_REPLACE,   /* a regular file or a new name: a temporary file renamed onto it */
  ANV_OUTPUT_STREAM,    /* a pipe or a character device: written straight into */
} AnvOutputKind;

GQuark   anv_output_error_quark       (void);

/* Whether @path may be written by an export or a backup of @db. Refused:
 * the database in use, its -wal, -shm and -journal, and the copies
 * restores kept beside it (anv_backup_list_kept()), however they are
 * named (another spelling, a symbolic or a hard link: the same device
 * and inode where the file exists, the same resolved path where it does
 * not); a folder, a socket or a block device. @out_kind says how to write
 * it; @out_target (may be NULL) is the file to write: @path with a
 * symbolic link followed, so that the link stays. */
gboolean anv_output_check             (AnvDb          *db,
                                       const char     *path,
                                       AnvOutputKind  *out_kind,
                                       char          **out_target,
                                       GError        **error);

/* Temporary files are named PREFIX-PID-XXXXXX (PREFIX starting with a
 * dot): those in @dir of a process that is no more (killed, or the
 * machine stopped) are removed, with their companions. Nothing of another
 * name is touched. */
void     anv_output_remove_stale_temps (const char    *dir,
                                        const char    *prefix);

/* A new private (0600) temporary file beside @target, named as above,
 * after the stale ones are removed; opened for writing into @out_fd (may
 * be NULL: closed). Its name, or NULL with errno set. */
char    *anv_output_make_temp          (const char    *target,
                                        const char    *prefix,
                                        int           *out_fd);

/* The temporary file being written, for a signal handler to remove.
 * One at a time: FALSE when another is registered. */
gboolean anv_output_register_temp      (const char    *path);
/* From here the registered file is logged and renamed: a signal then
 * waits until that is done (anv_output_unregister_temp() raises it
 * again). FALSE when a signal is removing the file already: then nothing
 * is to be logged. */
gboolean anv_output_begin_commit       (void);
/* Done with the registered file; a signal that waited is raised now. */
void     anv_output_unregister_temp    (void);
/* For a handler of SIGINT, SIGTERM or SIGHUP (safe in one): removes the
 * file being written (with its -journal, -wal, -shm) and returns TRUE
 * (end the program now), or, while it is being logged and renamed, keeps
 * @signum for later and returns FALSE. */
gboolean anv_output_signal_received    (int            signum);

/* Writes @data to @path for @db as anv_output_check() allows (its
 * refusals in ANV_OUTPUT_ERROR, whole sentences): a regular file through
 * a temporary one, renamed when complete; a pipe or device straight. A
 * failure to write is a G_IO_ERROR whose message is the reason alone ("the
 * disk is full"). */
gboolean anv_output_write_bytes        (AnvDb          *db,
                                        const char     *path,
                                        const void     *data,
                                        gsize           length,
                                        GError        **error);

/* The reason to show for @saved_errno: "the disk is full" for ENOSPC and
 * EDQUOT, else the system's words. */
const char *anv_output_errno_reason    (int             saved_errno);

G_END_DECLS
