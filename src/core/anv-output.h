/* anv-output.h — where an export or a backup may be written, and how
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <signal.h>

#include <gio/gio.h>

#include "anv-db.h"

G_BEGIN_DECLS

#define ANV_OUTPUT_ERROR (anv_output_error_quark ())

typedef enum
{
  ANV_OUTPUT_ERROR_DATABASE,   /* the database in use, its log, or a copy a restore kept */
  ANV_OUTPUT_ERROR_NOT_FILE,   /* a folder, a socket, a block device: not written to */
  ANV_OUTPUT_ERROR_NOT_OURS,   /* a database an export would replace, or a file a backup
                                * would replace that is no Anvisa database or is open */
  ANV_OUTPUT_ERROR_NAME,       /* a new name longer than its folder allows */
} AnvOutputError;

typedef enum
{
  ANV_OUTPUT_FOR_EXPORT,   /* a CSV file or a picture: never over an SQLite database */
  ANV_OUTPUT_FOR_BACKUP,   /* a database: only over an earlier backup nothing has open */
} AnvOutputPurpose;

/* What a failed call was doing, for anv_output_describe_errno() */
typedef enum
{
  ANV_OUTPUT_IN_FOLDER,    /* making a file in the folder */
  ANV_OUTPUT_TO_FILE,      /* opening, writing or replacing the file itself */
} AnvOutputStep;

typedef enum
{
  ANV_OUTPUT_REPLACE,   /* a regular file or a new name: a temporary file renamed onto it */
  ANV_OUTPUT_STREAM,    /* a pipe or a character device: written straight into */
  ANV_OUTPUT_DESCRIPTOR,  /* one of this program's open descriptors (/dev/stdout, /dev/fd/N,
                           * or the file standard output, input or error was opened on):
                           * written into through it, where the shell set it up (after
                           * what is there, with >>), never replaced */
} AnvOutputKind;

GQuark   anv_output_error_quark       (void);

/* Whether @path may be written by an export or a backup of @db (@purpose). Refused:
 * the database in use, its -wal, -shm and -journal, and the copies
 * restores kept beside it (anv_backup_list_kept()), however they are
 * named (another spelling, a symbolic or a hard link: the same device
 * and inode where the file exists, the same resolved path where it does
 * not); a folder, a socket or a block device; for an export, an existing
 * file that is an SQLite database (its first 16 bytes "SQLite format 3"),
 * whichever; for a backup, an existing file that is not an Anvisa
 * database (ANV_APPLICATION_ID in its header) or that has a -wal, -shm or
 * -journal beside it (open, or left mid-write; an empty file may be
 * replaced). @out_kind says how to write
 * it; @out_target (may be NULL) is the file to write: @path with a
 * symbolic link followed, so that the link stays. */
gboolean anv_output_check             (AnvDb            *db,
                                       const char       *path,
                                       AnvOutputPurpose  purpose,
                                       AnvOutputKind    *out_kind,
                                       char            **out_target,
                                       GError          **error);

/* The open, writable descriptor of this program that @path names: by its
 * name (/dev/stdout, /dev/stderr, /dev/stdin, /dev/fd/N, /proc/self/fd/N)
 * or, for 0, 1 and 2, by being the same file (device and inode). -1 when
 * none does. */
int      anv_output_find_descriptor   (const char       *path);

/* Temporary files are named PREFIX-PID@HOST-XXXXXX (PREFIX starting
 * with a dot, HOST anv_output_host_tag()): those in @dir of this machine,
 * of this user, of a process that is no more (killed, or the machine
 * stopped) are removed, with their companions. A folder may be shared
 * between machines: another host's are left alone, and those of the
 * older name PREFIX-PID-XXXXXX only once they are a day old. Nothing of
 * another name, and no other user's file, is touched. */
void     anv_output_remove_stale_temps (const char    *dir,
                                        const char    *prefix);

/* This machine's name as temporary file names carry it: letters, digits
 * and dots, others made '_' */
const char *anv_output_host_tag        (void);

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
/* An export is being written straight into a pipe or a device: a signal
 * is kept (returns FALSE when something else is registered), so that the
 * export stops after its row, says so in the audit log, and then calls
 * anv_output_unregister_temp(), which raises it again. */
gboolean anv_output_register_stream    (void);
/* Around writing into a pipe: SIGPIPE is held back in this thread, so
 * that a reader that stops makes write() fail with EPIPE instead of
 * ending the program; @saw_epipe: the SIGPIPE that came is taken away
 * before the old mask is put back. */
void     anv_output_hold_sigpipe       (sigset_t      *saved_mask);
void     anv_output_release_sigpipe    (const sigset_t *saved_mask,
                                        gboolean       saw_epipe);
/* The signal a stream export was asked to stop by, or 0 */
int      anv_output_stream_stopped_by  (void);
/* For a handler of SIGINT, SIGTERM or SIGHUP (safe in one; the handler
 * must stay installed, not SA_RESETHAND): removes the file being written
 * (with its -journal, -wal, -shm) and returns TRUE (end the program now),
 * or, while it is being logged and renamed or a stream is written, keeps
 * the first signal for later and returns FALSE, for every signal that
 * comes in that time. */
gboolean anv_output_signal_received    (int            signum);

/* Writes @data (a picture: an export) to @path for @db as
 * anv_output_check() allows (its refusals in ANV_OUTPUT_ERROR, whole
 * sentences): a regular file through
 * a temporary one, renamed when complete; a pipe or device straight. A
 * failure to write is a G_IO_ERROR whose message is the reason alone ("the
 * disk is full", "the folder “/x” does not exist"). */
gboolean anv_output_write_bytes        (AnvDb          *db,
                                        const char     *path,
                                        const void     *data,
                                        gsize           length,
                                        GError        **error);

/* Why writing @path failed with @saved_errno at @step, in a case
 * officer's words and without a full stop: "the folder “X” does not
 * exist", "you may not write in the folder “X”", "the disk is full" (for
 * ENOSPC and EDQUOT only), else the system's words. @out_advice (may be
 * NULL) receives what to do about it, a sentence. The one mapping for
 * every export and backup. */
char    *anv_output_describe_errno     (const char     *path,
                                        int             saved_errno,
                                        AnvOutputStep   step,
                                        char          **out_advice);

G_END_DECLS
