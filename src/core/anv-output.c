/* anv-output.c — where an export or a backup may be written, and how
 *
 * An export or a backup is written beside its target under a private
 * temporary name and renamed onto it when complete. That is right for a
 * regular file or a new name only: a pipe or a device is written straight
 * into, and anything else is refused. Never is the database in use, its
 * log, or a copy a restore kept written over. The temporary files hold
 * personal data: a signal removes the one being written, and the ones a
 * killed process left are removed by the next write to that folder.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-output"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "anv-backup.h"
#include "anv-db-private.h"
#include "anv-output.h"
#include "anv-text.h"

G_DEFINE_QUARK (anv-output-error-quark, anv_output_error)

/* The registered temporary file, for a signal handler (in any thread):
 * only compare-and-exchange moves it on, so that a file is never both
 * removed by a signal and logged. */
enum
{
  TEMP_FREE,
  TEMP_SETTING,      /* its name being copied */
  TEMP_WRITING,      /* a signal removes it */
  TEMP_COMMITTING,   /* being logged and renamed: a signal waits */
  TEMP_REMOVING,     /* a signal handler removes it */
  TEMP_STREAMING,    /* a stream is written: a signal waits for its row */
};
static gint temp_state = TEMP_FREE;
static volatile sig_atomic_t pending_signal;
static const char *const companion_suffixes[] = { "-journal", "-wal", "-shm" };
static char temp_path[PATH_MAX + 16];
static char temp_companions[G_N_ELEMENTS (companion_suffixes)][PATH_MAX + 16];

/* @path resolved: the file itself where it exists, else its folder
 * resolved and its name. */
static char *
resolve_path (const char *path)
{
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  char *real;

  real = realpath (absolute, NULL);
  if (real != NULL)
    {
      char *copy = g_strdup (real);

      free (real);
      return copy;
    }
  dir = g_path_get_dirname (absolute);
  base = g_path_get_basename (absolute);
  real = realpath (dir, NULL);
  if (real == NULL)
    return g_steal_pointer (&absolute);
  {
    char *joined = g_build_filename (real, base, NULL);

    free (real);
    return joined;
  }
}

/* Whether the path of @path_stat (NULL: it does not exist) and @resolved
 * names @file */
static gboolean
names_file (const GStatBuf *path_stat,
            const char     *resolved,
            const char     *file)
{
  GStatBuf file_stat;
  g_autofree char *resolved_file = NULL;

  if (path_stat != NULL && g_stat (file, &file_stat) == 0)
    return path_stat->st_dev == file_stat.st_dev && path_stat->st_ino == file_stat.st_ino;
  resolved_file = resolve_path (file);
  return g_strcmp0 (resolved, resolved_file) == 0;
}

/* Whether the path names @base or one of its companions */
static gboolean
names_database (const GStatBuf *path_stat,
                const char     *resolved,
                const char     *base)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *companion = g_strconcat (base, suffixes[i], NULL);

      if (names_file (path_stat, resolved, companion))
        return TRUE;
    }
  return FALSE;
}

/* Public API */

/* The folder @path is written in, for a message */
static char *
quote_folder (const char *path)
{
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  g_autofree char *dir = g_path_get_dirname (absolute);

  return anv_text_quote_path (dir);
}

char *
anv_output_describe_errno (const char     *path,
                           int             saved_errno,
                           AnvOutputStep   step,
                           char          **out_advice)
{
  g_autofree char *folder = quote_folder (path);
  g_autofree char *file = anv_text_quote_path (path);
  char *advice = NULL;
  char *reason;

  switch (saved_errno)
    {
    case ENOSPC:
#ifdef EDQUOT
    case EDQUOT:
#endif
      reason = g_strdup (_("the disk is full"));
      advice = g_strdup (_("Free some space, or choose a folder on another disk, and try "
                           "again."));
      break;
    case ENOENT:
      /* Translators: %s is a folder */
      reason = g_strdup_printf (_("the folder %s does not exist"), folder);
      advice = g_strdup (_("Choose a folder that exists, or create it first."));
      break;
    case ENOTDIR:
      /* Translators: %s is a path, part of which is a file where a folder should be */
      reason = g_strdup_printf (_("the folder %s does not exist (part of its path is a file)"),
                                folder);
      advice = g_strdup (_("Choose a folder that exists, or create it first."));
      break;
    case EACCES:
    case EPERM:
      if (step == ANV_OUTPUT_IN_FOLDER)
        {
          /* Translators: %s is a folder */
          reason = g_strdup_printf (_("you may not write in the folder %s"), folder);
          advice = g_strdup (_("Choose a folder of your own, or ask your IT support to let "
                               "you write in this one."));
        }
      else
        {
          /* Translators: %s is a file */
          reason = g_strdup_printf (_("you may not change the file %s"), file);
          advice = g_strdup (_("Choose another name, or ask your IT support to let you "
                               "change this file."));
        }
      break;
    case EROFS:
      /* Translators: %s is a folder */
      reason = g_strdup_printf (_("the folder %s is on a disk that cannot be written"), folder);
      advice = g_strdup (_("Choose a folder on another disk."));
      break;
    case ENAMETOOLONG:
      reason = g_strdup (_("the name is too long"));
      advice = g_strdup (_("Choose a shorter name, or a folder nearer the top."));
      break;
    case EPIPE:
      reason = g_strdup (_("the program reading it stopped reading"));
      advice = g_strdup (_("The rest was not written."));
      break;
    default:
      reason = g_strdup (g_strerror (saved_errno));
      advice = g_strdup (_("Choose another folder, and try again."));
      break;
    }
  if (out_advice != NULL)
    *out_advice = advice;
  else
    g_free (advice);
  return reason;
}

/* What the regular file @path holds, by its header */
typedef enum
{
  CONTENT_OTHER,      /* not a database (or it cannot be read) */
  CONTENT_DATABASE,   /* an SQLite database of another program */
  CONTENT_ANVISA,     /* an Anvisa database: a backup, perhaps */
} Content;

static Content
read_content (const char *path)
{
  static const char magic[16] = "SQLite format 3";
  guchar header[72];
  gsize got = 0;
  guint32 app_id;
  int fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK, 0);

  if (fd < 0)
    return CONTENT_OTHER;
  while (got < sizeof header)
    {
      ssize_t n = read (fd, header + got, sizeof header - got);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      got += (gsize) n;
    }
  g_close (fd, NULL);
  if (got < sizeof magic || memcmp (header, magic, sizeof magic) != 0)
    return CONTENT_OTHER;
  if (got < sizeof header)
    return CONTENT_DATABASE;
  app_id = (guint32) header[68] << 24 | (guint32) header[69] << 16
           | (guint32) header[70] << 8 | (guint32) header[71];
  return app_id == ANV_APPLICATION_ID ? CONTENT_ANVISA : CONTENT_DATABASE;
}

/* The -wal, -shm or -journal beside @path (a database in use, or one a
 * program left mid-write), or NULL */
static char *
find_companion (const char *path)
{
  static const char *const suffixes[] = { "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *companion = g_strconcat (path, suffixes[i], NULL);
      GStatBuf st;

      if (g_lstat (companion, &st) == 0)
        return g_steal_pointer (&companion);
    }
  return NULL;
}

/* Whether @fd is open for writing */
static gboolean
is_writable (int fd)
{
  int flags = fcntl (fd, F_GETFL);

  return flags >= 0 && (flags & O_ACCMODE) != O_RDONLY;
}

int
anv_output_find_descriptor (const char *path)
{
  static const char *const by_name[] = { "/dev/stdin", "/dev/stdout", "/dev/stderr" };
  static const char *const fd_dirs[] = { "/dev/fd/", "/proc/self/fd/" };
  GStatBuf path_stat;

  g_return_val_if_fail (path != NULL, -1);

  for (guint i = 0; i < G_N_ELEMENTS (by_name); i++)
    if (strcmp (path, by_name[i]) == 0)
      return is_writable ((int) i) ? (int) i : -1;
  for (guint i = 0; i < G_N_ELEMENTS (fd_dirs); i++)
    if (g_str_has_prefix (path, fd_dirs[i]))
      {
        const char *digits = path + strlen (fd_dirs[i]);
        guint64 fd = 0;

        if (g_ascii_string_to_unsigned (digits, 10, 0, G_MAXINT, &fd, NULL)
            && is_writable ((int) fd))
          return (int) fd;
        return -1;
      }
  if (g_stat (path, &path_stat) != 0)
    return -1;
  for (int fd = 0; fd <= 2; fd++)
    {
      struct stat fd_stat;

      if (fstat (fd, &fd_stat) == 0 && fd_stat.st_dev == path_stat.st_dev
          && fd_stat.st_ino == path_stat.st_ino && is_writable (fd))
        return fd;
    }
  return -1;
}

/* Whether the last part of @path is longer than its folder allows. */
static gboolean
name_too_long (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  long name_max = pathconf (dir, _PC_NAME_MAX);

  if (name_max <= 0)
    name_max = 255;
  return (long) strlen (base) > name_max;
}

gboolean
anv_output_check (AnvDb            *db,
                  const char       *path,
                  AnvOutputPurpose  purpose,
                  AnvOutputKind    *out_kind,
                  char          **out_target,
                  GError        **error)
{
  g_autofree char *shown = NULL;
  g_autofree char *resolved = NULL;
  g_autoptr (GPtrArray) kept = NULL;
  GStatBuf path_stat;
  gboolean exists;

  g_return_val_if_fail (ANV_IS_DB (db), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  shown = anv_text_quote_path (path);
  exists = g_stat (path, &path_stat) == 0;
  resolved = resolve_path (path);

  if (names_database (exists ? &path_stat : NULL, resolved, anv_db_get_path (db)))
    {
      g_set_error (error, ANV_OUTPUT_ERROR, ANV_OUTPUT_ERROR_DATABASE,
                   _("%s is the database in use (or its log). Name another file; nothing "
                     "was changed."), shown);
      return FALSE;
    }
  kept = anv_backup_list_kept (db);
  for (guint i = 0; i < kept->len; i++)
    if (names_database (exists ? &path_stat : NULL, resolved, kept->pdata[i]))
      {
        g_set_error (error, ANV_OUTPUT_ERROR, ANV_OUTPUT_ERROR_DATABASE,
                     _("%s is the copy of the database that a restore kept. Name another "
                       "file; nothing was changed."), shown);
        return FALSE;
      }

  if (exists && S_ISDIR (path_stat.st_mode))
    {
      g_set_error (error, ANV_OUTPUT_ERROR, ANV_OUTPUT_ERROR_NOT_FILE,
                   _("%s is a folder. Name a file to write to."), shown);
      return FALSE;
    }
  if (exists && !S_ISREG (path_stat.st_mode) && !S_ISFIFO (path_stat.st_mode)
      && !S_ISCHR (path_stat.st_mode))
    {
      g_set_error (error, ANV_OUTPUT_ERROR, ANV_OUTPUT_ERROR_NOT_FILE,
                   _("%s is not an ordinary file (it is a socket or a disk device). Name a "
                     "file to write to."), shown);
      return FALSE;
    }
  /* An export never replaces a database (a backup, another program's),
   * and a backup replaces only an earlier backup that nothing has open,
   * never a document or another program's database. */
  if (exists && S_ISREG (path_stat.st_mode) && purpose == ANV_OUTPUT_FOR_EXPORT
      && read_content (path) != CONTENT_OTHER)
    {
      g_set_error (error, ANV_OUTPUT_ERROR, ANV_OUTPUT_ERROR_NOT_OURS,
                   _("%s is a database (a backup, perhaps), which an export does not write "
                     "over. Name another file; nothing was changed."), shown);
      return FALSE;
    }
  if (exists && S_ISREG (path_stat.st_mode) && purpose == ANV_OUTPUT_FOR_BACKUP
      && path_stat.st_size > 0)
    {
      g_autofree char *companion = NULL;

      switch (read_content (path))
        {
        case CONTENT_OTHER:
          g_set_error (error, ANV_OUTPUT_ERROR, ANV_OUTPUT_ERROR_NOT_OURS,
                       _("%s is there already and is not a backup (it may be a document or "
                         "an export), so the backup does not write over it. Name another "
                         "file; nothing was changed."), shown);
          return FALSE;
        case CONTENT_DATABASE:
          g_set_error (error, ANV_OUTPUT_ERROR, ANV_OUTPUT_ERROR_NOT_OURS,
                       _("%s is a database of another program, not an Anvisa backup, so "
                         "the backup does not write over it. Name another file; nothing "
                         "was changed."), shown);
          return FALSE;
        case CONTENT_ANVISA:
        default:
          break;
        }
      companion = find_companion (path);
      if (companion != NULL)
        {
          g_autofree char *shown_companion = anv_text_quote_path (companion);

          g_set_error (error, ANV_OUTPUT_ERROR, ANV_OUTPUT_ERROR_NOT_OURS,
                       /* Translators: %1$s is a database file, %2$s its log beside it */
                       _("%1$s may be open in Anvisa or another program (its log %2$s is "
                         "beside it), so the backup does not write over it. Close the "
                         "program that uses it, or name another file; nothing was "
                         "changed."), shown, shown_companion);
          return FALSE;
        }
    }

  /* A new name longer than the folder allows: said now, before a
   * temporary file with a short name is written and cannot take it. */
  if (!exists && name_too_long (path))
    {
      g_autofree char *advice = NULL;
      g_autofree char *reason = anv_output_describe_errno (path, ENAMETOOLONG,
                                                           ANV_OUTPUT_TO_FILE, &advice);

      g_set_error (error, ANV_OUTPUT_ERROR, ANV_OUTPUT_ERROR_NAME,
                   /* Translators: %1$s is a file, %2$s the reason, %3$s what to do (a
                    * sentence) */
                   _("%1$s cannot be written: %2$s. Nothing was changed. %3$s"),
                   shown, reason, advice);
      return FALSE;
    }

  /* Standard output sent into a file (`>> log.txt`) is written into as
   * the shell opened it: replacing the file would lose what is in it. */
  if (out_kind != NULL && anv_output_find_descriptor (path) >= 0)
    *out_kind = ANV_OUTPUT_DESCRIPTOR;
  else if (out_kind != NULL)
    *out_kind = exists && !S_ISREG (path_stat.st_mode) ? ANV_OUTPUT_STREAM : ANV_OUTPUT_REPLACE;
  if (out_target != NULL)
    {
      GStatBuf link_stat;

      /* A link to a regular file: the file is replaced, the link stays. */
      if (exists && S_ISREG (path_stat.st_mode) && g_lstat (path, &link_stat) == 0
          && S_ISLNK (link_stat.st_mode))
        *out_target = g_steal_pointer (&resolved);
      else
        *out_target = g_strdup (path);
    }
  return TRUE;
}

/* How long a temporary file of the old name (PREFIX-PID-XXXXXX, without
 * the host) is left alone: it may be another machine's */
#define OLD_NAME_AGE_US ((gint64) G_USEC_PER_SEC * 60 * 60 * 24)

const char *
anv_output_host_tag (void)
{
  static char *tag;

  if (g_once_init_enter (&tag))
    {
      char *made = g_strdup (g_get_host_name ());

      /* Letters, digits and dots only: the name is read back up to its
       * next '-', and may be a file name on any disk. */
      for (char *c = made; *c != '\0'; c++)
        if (!g_ascii_isalnum (*c) && *c != '.')
          *c = '_';
      if (strlen (made) > 64)
        made[64] = '\0';
      g_once_init_leave (&tag, made);
    }
  return tag;
}

void
anv_output_remove_stale_temps (const char *dir,
                               const char *prefix)
{
  /* Tidying up before an export: a folder that cannot be listed has
   * nothing to tidy, and the export itself reports why it cannot write. */
  g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
  const char *host = anv_output_host_tag ();
  gsize host_length = strlen (host);
  gint64 now = g_get_real_time ();
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = NULL;
      GStatBuf st;
      guint64 pid = 0;
      char *end = NULL;

      if (!g_str_has_prefix (name, prefix))
        continue;
      pid = g_ascii_strtoull (name + strlen (prefix), &end, 10);
      if (pid == 0 || end == NULL || pid > G_MAXINT)
        continue;
      /* PREFIX-PID@HOST-XXXXXX: this machine's only, for the process
       * number means nothing on another one */
      if (*end == '@'
          && (strncmp (end + 1, host, host_length) != 0 || end[1 + host_length] != '-'))
        continue;
      if (*end != '@' && *end != '-')
        continue;
      if (kill ((pid_t) pid, 0) == 0 || errno != ESRCH)
        continue;
      path = g_build_filename (dir, name, NULL);
      if (g_lstat (path, &st) != 0 || !S_ISREG (st.st_mode) || st.st_uid != getuid ())
        continue;
      /* The old name says nothing of the machine: only when it is old */
      if (*end == '-' && now - (gint64) st.st_mtime * G_USEC_PER_SEC < OLD_NAME_AGE_US)
        continue;
      g_unlink (path);
    }
}

char *
anv_output_make_temp (const char *target,
                      const char *prefix,
                      int        *out_fd)
{
  g_autofree char *dir = g_path_get_dirname (target);
  g_autofree char *name = g_strdup_printf ("%s%d@%s-XXXXXX", prefix, (int) getpid (),
                                           anv_output_host_tag ());
  g_autofree char *temp = g_build_filename (dir, name, NULL);
  int fd;

  anv_output_remove_stale_temps (dir, prefix);
  fd = g_mkstemp_full (temp, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    return NULL;
  if (out_fd != NULL)
    *out_fd = fd;
  else
    g_close (fd, NULL);
  return g_steal_pointer (&temp);
}

gboolean
anv_output_register_temp (const char *path)
{
  if (strlen (path) >= PATH_MAX
      || !g_atomic_int_compare_and_exchange (&temp_state, TEMP_FREE, TEMP_SETTING))
    return FALSE;
  g_strlcpy (temp_path, path, sizeof temp_path);
  for (guint i = 0; i < G_N_ELEMENTS (companion_suffixes); i++)
    g_snprintf (temp_companions[i], sizeof temp_companions[i], "%s%s", path,
                companion_suffixes[i]);
  pending_signal = 0;
  g_atomic_int_set (&temp_state, TEMP_WRITING);
  return TRUE;
}

void
anv_output_hold_sigpipe (sigset_t *saved_mask)
{
  sigset_t pipe_set;

  sigemptyset (&pipe_set);
  sigaddset (&pipe_set, SIGPIPE);
  pthread_sigmask (SIG_BLOCK, &pipe_set, saved_mask);
}

void
anv_output_release_sigpipe (const sigset_t *saved_mask,
                            gboolean        saw_epipe)
{
  sigset_t pipe_set, pending;
  struct timespec now = { 0, 0 };

  sigemptyset (&pipe_set);
  sigaddset (&pipe_set, SIGPIPE);
  /* Taken away only where it was not held back before */
  if (saw_epipe && !sigismember (saved_mask, SIGPIPE) && sigpending (&pending) == 0
      && sigismember (&pending, SIGPIPE))
    while (sigtimedwait (&pipe_set, NULL, &now) < 0 && errno == EINTR)
      ;
  pthread_sigmask (SIG_SETMASK, saved_mask, NULL);
}

gboolean
anv_output_register_stream (void)
{
  if (!g_atomic_int_compare_and_exchange (&temp_state, TEMP_FREE, TEMP_SETTING))
    return FALSE;
  pending_signal = 0;
  g_atomic_int_set (&temp_state, TEMP_STREAMING);
  return TRUE;
}

int
anv_output_stream_stopped_by (void)
{
  return g_atomic_int_get (&temp_state) == TEMP_STREAMING ? pending_signal : 0;
}

gboolean
anv_output_begin_commit (void)
{
  return g_atomic_int_compare_and_exchange (&temp_state, TEMP_WRITING, TEMP_COMMITTING);
}

void
anv_output_unregister_temp (void)
{
  int signum;

  if (g_atomic_int_get (&temp_state) == TEMP_REMOVING)
    return;   /* a signal handler is at it, and ends the program */
  g_atomic_int_set (&temp_state, TEMP_FREE);
  signum = pending_signal;
  pending_signal = 0;
  if (signum != 0)
    raise (signum);
}

gboolean
anv_output_signal_received (int signum)
{
  if (g_atomic_int_compare_and_exchange (&temp_state, TEMP_WRITING, TEMP_REMOVING))
    {
      unlink (temp_path);
      for (guint i = 0; i < G_N_ELEMENTS (companion_suffixes); i++)
        unlink (temp_companions[i]);
      return TRUE;
    }
  if (g_atomic_int_get (&temp_state) == TEMP_COMMITTING
      || g_atomic_int_get (&temp_state) == TEMP_STREAMING)
    {
      /* The first is kept; any more are the same request */
      if (pending_signal == 0)
        pending_signal = signum;
      return FALSE;
    }
  return TRUE;
}

gboolean
anv_output_write_bytes (AnvDb       *db,
                        const char  *path,
                        const void  *data,
                        gsize        length,
                        GError     **error)
{
  g_autofree char *target = NULL;
  g_autofree char *temp = NULL;
  AnvOutputKind kind;
  sigset_t saved_mask;
  const char *p = data;
  gsize left = length;
  int fd = -1, saved_errno = 0;

  if (!anv_output_check (db, path, ANV_OUTPUT_FOR_EXPORT, &kind, &target, error))
    return FALSE;

  if (kind == ANV_OUTPUT_DESCRIPTOR)
    {
      int own = anv_output_find_descriptor (path);

      fd = own >= 0 ? fcntl (own, F_DUPFD_CLOEXEC, 3) : -1;
      if (own < 0)
        errno = EBADF;
    }
  else if (kind == ANV_OUTPUT_STREAM)
    fd = g_open (target, O_WRONLY | O_CLOEXEC | O_NOCTTY, 0);
  else
    temp = anv_output_make_temp (target, ".anvisa-output-", &fd);
  if (fd < 0)
    {
      g_autofree char *reason = NULL;

      saved_errno = errno;
      reason = anv_output_describe_errno (path, saved_errno, kind == ANV_OUTPUT_REPLACE
                                                             ? ANV_OUTPUT_IN_FOLDER
                                                             : ANV_OUTPUT_TO_FILE, NULL);
      g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), reason);
      return FALSE;
    }

  anv_output_hold_sigpipe (&saved_mask);
  while (left > 0)
    {
      ssize_t n = write (fd, p, left);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          saved_errno = n < 0 ? errno : EIO;
          break;
        }
      p += n;
      left -= (gsize) n;
    }
  anv_output_release_sigpipe (&saved_mask, saved_errno == EPIPE);
  if (saved_errno == 0 && kind == ANV_OUTPUT_REPLACE && fsync (fd) != 0)
    saved_errno = errno;
  if (close (fd) != 0 && saved_errno == 0 && errno != EINTR)
    saved_errno = errno;
  if (saved_errno == 0 && temp != NULL && g_rename (temp, target) != 0)
    saved_errno = errno;
  if (saved_errno != 0)
    {
      g_autofree char *reason = anv_output_describe_errno (path, saved_errno,
                                                           ANV_OUTPUT_TO_FILE, NULL);

      if (temp != NULL)
        g_unlink (temp);
      g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), reason);
      return FALSE;
    }
  return TRUE;
}
