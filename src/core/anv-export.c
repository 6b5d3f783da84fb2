/* anv-export.c — CSV for reporting: where an export goes, and its log
 *
 * An export is streamed: one statement stepped row by row into a
 * temporary file (mode 0600) next to the target, which is renamed into
 * place only when the file is complete and on disk; or straight into a
 * pipe, a device or standard output. People with protected identity are
 * never in an export of personal data. Every export is recorded in the
 * audit log: what, how many rows, masked or not, where. What the rows of
 * each kind of export are is anv-export-rows.c's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-export"
/* fopencookie(), for the stream export */
#define _GNU_SOURCE

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "anv-audit.h"
#include "anv-db-private.h"
#include "anv-export-private.h"
#include "anv-i18n.h"
#include "anv-text.h"

/* The temporary file an export is written to: PREFIX-PID-XXXXXX */
#define TEMP_PREFIX ".anvisa-export-"

G_DEFINE_QUARK (anv-export-error-quark, anv_export_error)

/* Errors */

void
anv_export_set_write_error (GError    **error,
                            const char *path,
                            const char *reason,
                            const char *advice)
{
  g_autofree char *shown = anv_text_quote_path (path);

  g_set_error (error, ANV_EXPORT_ERROR, ANV_EXPORT_ERROR_WRITE,
               /* Translators: %1$s is a file, %2$s the reason, %3$s what to do (a
                * sentence) */
               _("The export could not be written to %1$s: %2$s. Nothing was saved; a file "
                 "that was there before is unchanged. %3$s"),
               shown, reason, advice);
}

void
anv_export_set_write_errno (GError      **error,
                            const char   *path,
                            int           saved_errno,
                            AnvOutputStep step)
{
  g_autofree char *advice = NULL;
  g_autofree char *reason = anv_output_describe_errno (path, saved_errno, step, &advice);

  anv_export_set_write_error (error, path, reason, advice);
}

/* Files */

/* Puts the written file on disk and closes it (always). */
static gboolean
sync_and_close (FILE       *file,
                const char *path,
                GError    **error)
{
  int saved_errno = 0;

  if (fflush (file) != 0 || fsync (fileno (file)) != 0)
    saved_errno = errno;
  if (fclose (file) != 0 && saved_errno == 0)
    saved_errno = errno;

  if (saved_errno != 0)
    {
      anv_export_set_write_errno (error, path, saved_errno, ANV_OUTPUT_TO_FILE);
      return FALSE;
    }
  return TRUE;
}

/* Makes a rename in @path's folder durable. */
static void
sync_directory (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  if (fd >= 0)
    {
      fsync (fd);
      g_close (fd, NULL);
    }
}

/* Audit */

static const char *
kind_action (AnvExportKind kind)
{
  switch (kind)
    {
    case ANV_EXPORT_SEEKERS:
      return "export.seekers";
    case ANV_EXPORT_REFERRALS:
      return "export.referrals";
    case ANV_EXPORT_SUMMARY:
    default:
      return "export.summary";
    }
}

/* What the audit log says of the export; not translated, as the rest of
 * the log. @rows_word: "rows" for a file written, "rows planned" for a
 * stream about to be. */
static char *
describe_export (const AnvExportJob *job,
                 const char         *rows_word,
                 guint64             rows,
                 guint64             left_out)
{
  const AnvExportOptions *options = job->options;
  g_autofree char *where = job->where ? g_canonicalize_filename (job->where, NULL)
                                       : g_strdup ("standard output");
  GString *details = g_string_new (NULL);

  g_string_append_printf (details, "%" G_GUINT64_FORMAT " %s", rows, rows_word);
  if (options->kind == ANV_EXPORT_SUMMARY)
    {
      const AnvSummaryQuery *query = options->summary;

      g_string_append_printf (details, ", %s to %s, %s, %s%s",
                              query->from_month, query->to_month,
                              query->service == ANV_SERVICE_NONE
                                ? "KROM and STOM" : anv_service_code (query->service),
                              query->county_code ? "county " : "whole country",
                              query->county_code ? query->county_code : "");
      if (query->by != ANV_SUMMARY_BY_MUNICIPALITY)
        g_string_append_printf (details, ", by %s", anv_summary_dimension_code (query->by));
    }
  else
    {
      g_string_append (details, options->full_personnummer ? ", full personnummer"
                                                           : ", masked personnummer");
      g_string_append_printf (details, ", %" G_GUINT64_FORMAT
                              " left out for protected identity", left_out);
    }
  g_string_append_printf (details, ", %s, to %s",
                          anv_csv_profile_to_string (options->profile), where);
  return g_string_free (details, FALSE);
}

/* Appends @details to the log in a transaction of its own */
static gboolean
append_entry (const AnvExportJob *job,
              const char         *details,
              GError            **error)
{
  if (!anv_db_begin (job->db, error))
    return FALSE;
  if (!anv_audit_append (job->db, kind_action (job->options->kind), "export", NULL, details,
                         error)
      || !anv_db_commit (job->db, error))
    {
      anv_db_rollback (job->db);
      return FALSE;
    }
  return TRUE;
}

static gboolean
record_export (const AnvExportJob *job,
               GError            **error)
{
  g_autofree char *details = describe_export (job, "rows", job->counts.rows,
                                              job->counts.protected_left_out);

  return append_entry (job, details, error);
}

/* Before a stream gets its first byte: the log says the extract goes
 * there, with the rows planned, counted in the same transaction. */
static gboolean
record_planned (AnvExportJob *job,
                guint64      *out_planned,
                GError      **error)
{
  g_autofree char *details = NULL;
  guint64 left_out = 0;

  if (!anv_db_begin (job->db, error))
    return FALSE;
  if (!anv_export_count_rows (job, out_planned, &left_out, error))
    {
      anv_db_rollback (job->db);
      return FALSE;
    }
  details = describe_export (job, "rows planned", *out_planned, left_out);
  if (!anv_audit_append (job->db, kind_action (job->options->kind), "export", NULL, details,
                         error)
      || !anv_db_commit (job->db, error))
    {
      anv_db_rollback (job->db);
      return FALSE;
    }
  return TRUE;
}

/* A stream that stopped early: after how many rows (handed to it; its
 * reader got at most those) and why. Data, not translated. */
static void
record_stopped (const AnvExportJob *job,
                guint64             planned,
                int                 signum)
{
  g_autofree char *where = job->where ? g_canonicalize_filename (job->where, NULL)
                                       : g_strdup ("standard output");
  g_autofree char *why = NULL;
  g_autofree char *details = NULL;
  g_autoptr (GError) error = NULL;

  if (signum != 0)
    why = g_strdup_printf ("signal %d", signum);
  else if (job->failed_errno == EPIPE)
    why = g_strdup ("reader closed");
  else if (job->failed_errno != 0)
    why = g_strdup_printf ("errno %d", job->failed_errno);
  else
    why = g_strdup ("database read failed");
  details = g_strdup_printf ("stopped after at most %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT
                             " rows planned (%s), to %s", job->counts.rows, planned, why,
                             where);
  if (!append_entry (job, details, &error))
    g_warning ("The audit log could not say that an export stopped: %s", error->message);
}

/* Writes for a stream export: a signal that asks it to stop ends the
 * writing even in the middle of a long write() to a reader that does not
 * read (stdio would write the rest, and wait for room, before the row
 * could end), and nothing more is written once it came. */
static ssize_t
stream_write_cb (void       *cookie,
                 const char *data,
                 size_t      size)
{
  int fd = GPOINTER_TO_INT (cookie);
  size_t done = 0;

  while (done < size)
    {
      ssize_t n;

      if (anv_output_stream_stopped_by () != 0)
        {
          errno = EINTR;
          return done > 0 ? (ssize_t) done : -1;
        }
      n = write (fd, data + done, size - done);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return done > 0 ? (ssize_t) done : -1;
      done += (size_t) n;
    }
  return (ssize_t) done;
}

static int
stream_close_cb (void *cookie)
{
  return close (GPOINTER_TO_INT (cookie));
}

/* @fd as a stdio stream written by stream_write_cb(); @fd is closed with
 * it, or now when it cannot be made */
static FILE *
open_stream (int fd)
{
  cookie_io_functions_t functions = { NULL, stream_write_cb, NULL, stream_close_cb };
  FILE *file = fopencookie (GINT_TO_POINTER (fd), "wb", functions);

  if (file == NULL)
    {
      int saved_errno = errno;

      close (fd);
      errno = saved_errno;
    }
  return file;
}

/* Says in the audit log that a stream took the whole export: the entry a
 * file gets, after the one with the rows planned. */
static void
record_written (const AnvExportJob *job)
{
  g_autofree char *details = describe_export (job, "rows", job->counts.rows,
                                              job->counts.protected_left_out);
  g_autoptr (GError) error = NULL;

  if (!append_entry (job, details, &error))
    g_warning ("The audit log could not say that an export was written whole: %s",
               error->message);
}

/* Writes the export straight into @file (a pipe, a device, standard
 * output), and closes it. Nothing is renamed and nothing of it is left
 * on a disk, but what goes out cannot be taken back: the audit log says
 * so before the first byte, with the rows planned. Writing that stops
 * early (the reader is gone, the disk full, a signal) adds an entry that
 * says after how many rows. A reader that stops makes the write fail
 * (SIGPIPE is held back meanwhile) rather than end the program. */
static gboolean
stream_rows (AnvExportJob *job,
             FILE         *file,
             GError      **error)
{
  g_autoptr (GError) local_error = NULL;
  sigset_t saved_mask;
  guint64 planned = 0;
  gboolean ok, watching;
  int signum = 0;

  if (!record_planned (job, &planned, error))
    {
      fclose (file);
      return FALSE;
    }
  watching = anv_output_register_stream ();
  anv_output_hold_sigpipe (&saved_mask);
  job->writer = anv_csv_writer_new_for_file (file, job->options->profile);
  ok = anv_export_write_rows (job, &local_error);
  g_clear_pointer (&job->writer, anv_csv_writer_free);
  if (fclose (file) != 0 && ok)
    {
      job->failed_errno = errno;
      anv_export_set_write_errno (&local_error, job->path, job->failed_errno, ANV_OUTPUT_TO_FILE);
      ok = FALSE;
    }
  anv_output_release_sigpipe (&saved_mask, job->failed_errno == EPIPE);
  if (watching)
    signum = anv_output_stream_stopped_by ();
  if (!ok)
    record_stopped (job, planned, signum);
  else
    record_written (job);
  /* Some of it may have gone out: the message says how much at most */
  if (!ok && job->failed_errno != 0)
    {
      g_autofree char *shown = anv_text_quote_path (job->path);
      g_autofree char *reason = anv_output_describe_errno (job->path, job->failed_errno,
                                                           ANV_OUTPUT_TO_FILE, NULL);
      g_autofree char *done = anv_format_count (job->counts.rows);
      g_autofree char *of = anv_format_count (planned);

      g_clear_error (&local_error);
      g_set_error (&local_error, ANV_EXPORT_ERROR, ANV_EXPORT_ERROR_WRITE,
                   g_dngettext (GETTEXT_PACKAGE,
                                /* Translators: %1$s is a file or “standard output”, %2$s
                                 * and %3$s numbers of rows, %4$s the reason */
                                "The export to %1$s stopped after at most %2$s of %3$s row: "
                                "%4$s.",
                                "The export to %1$s stopped after at most %2$s of %3$s rows: "
                                "%4$s.", (gulong) MIN (planned, G_MAXULONG)),
                   shown, done, of, reason);
    }
  /* A signal that came is raised again now */
  if (watching)
    anv_output_unregister_temp ();
  if (!ok)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/* Opens the pipe or device @target and writes the export into it */
static gboolean
write_stream (AnvExportJob *job,
              const char   *target,
              GError      **error)
{
  FILE *file;
  int fd;

  fd = g_open (target, O_WRONLY | O_CLOEXEC | O_NOCTTY, 0);
  if (fd < 0 || (file = open_stream (fd)) == NULL)
    {
      anv_export_set_write_errno (error, job->path, errno, ANV_OUTPUT_TO_FILE);
      return FALSE;
    }
  return stream_rows (job, file, error);
}

/* Writes the export into this program's own descriptor @own (standard
 * output sent into a file or a pipe), through a copy of it: where the
 * shell set it up, after what is there with `>>`. */
static gboolean
write_descriptor (AnvExportJob *job,
                  int           own,
                  GError      **error)
{
  FILE *file;
  int fd;

  fd = own >= 0 ? fcntl (own, F_DUPFD_CLOEXEC, 3) : -1;
  if (own < 0)
    errno = EBADF;
  if (fd < 0 || (file = open_stream (fd)) == NULL)
    {
      anv_export_set_write_errno (error, job->path, errno, ANV_OUTPUT_TO_FILE);
      return FALSE;
    }
  return stream_rows (job, file, error);
}

/* Says in the audit log that the export it recorded was removed after
 * all: its file could not take its name. */
static void
record_removed (const AnvExportJob *job,
                int                 saved_errno)
{
  g_autofree char *details = NULL;
  g_autoptr (GError) error = NULL;

  details = g_strdup_printf ("not written, the extract logged above was removed: "
                             "renaming it failed (errno %d)", saved_errno);
  if (!append_entry (job, details, &error))
    g_warning ("The audit log could not say that an export was removed: %s", error->message);
}

gboolean
anv_export_write_counted (AnvDb                  *db,
                          const AnvExportOptions *options,
                          const char             *path,
                          AnvExportCounts        *out_counts,
                          GError                **error)
{
  g_autofree char *target = NULL;
  g_autofree char *tmp_path = NULL;
  g_autoptr (AnvCsvWriter) writer = NULL;
  g_autoptr (GError) local_error = NULL;
  AnvExportJob job = { 0 };
  AnvOutputKind kind;
  FILE *file;
  gboolean ok, registered;
  int fd = -1, saved_errno = 0;

  g_return_val_if_fail (ANV_IS_DB (db), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (options->kind != ANV_EXPORT_SUMMARY || options->summary != NULL, FALSE);
  g_return_val_if_fail (path != NULL && *path != '\0', FALSE);

  if (!anv_output_check (db, path, ANV_OUTPUT_FOR_EXPORT, &kind, &target, &local_error))
    {
      g_set_error_literal (error, ANV_EXPORT_ERROR, ANV_EXPORT_ERROR_WRITE,
                           local_error->message);
      return FALSE;
    }

  job.db = db;
  job.options = options;
  job.path = path;
  job.where = target;

  job.counts.kind = kind;
  if (kind == ANV_OUTPUT_STREAM || kind == ANV_OUTPUT_DESCRIPTOR)
    {
      if (kind == ANV_OUTPUT_DESCRIPTOR)
        {
          job.counts.descriptor = anv_output_find_descriptor (path);
          if (!write_descriptor (&job, job.counts.descriptor, error))
            return FALSE;
        }
      else if (!write_stream (&job, target, error))
        return FALSE;
      if (out_counts != NULL)
        *out_counts = job.counts;
      return TRUE;
    }

  /* Under a name of Anvisa's own, so that one a killed export left is
   * known as such and removed by the next export to that folder. */
  tmp_path = anv_output_make_temp (target, TEMP_PREFIX, &fd);
  if (tmp_path == NULL)
    {
      anv_export_set_write_errno (error, path, errno, ANV_OUTPUT_IN_FOLDER);
      return FALSE;
    }
  registered = anv_output_register_temp (tmp_path);
  file = fdopen (fd, "wb");
  if (file == NULL)
    {
      anv_export_set_write_errno (error, path, errno, ANV_OUTPUT_IN_FOLDER);
      g_close (fd, NULL);
      g_unlink (tmp_path);
      if (registered)
        anv_output_unregister_temp ();
      return FALSE;
    }

  writer = anv_csv_writer_new_for_file (file, options->profile);
  job.writer = writer;

  ok = anv_export_write_rows (&job, error);
  if (ok)
    ok = sync_and_close (file, path, error);
  else
    fclose (file);

  /* Recorded before the file takes its name: an extract that is there
   * is always in the log. A signal waits until the name is taken, so that
   * it cannot remove a file the log has just recorded; one that came
   * first has removed it, and nothing is recorded. */
  if (ok && registered && !anv_output_begin_commit ())
    {
      g_autofree char *shown = anv_text_quote_path (path);

      /* A signal in another thread has removed the file and ends the
       * program. Translators: %s is a file */
      g_set_error (error, ANV_EXPORT_ERROR, ANV_EXPORT_ERROR_WRITE,
                   _("The export to %s was interrupted."), shown);
      ok = FALSE;
    }
  ok = ok && record_export (&job, error);
  if (ok && g_rename (tmp_path, target) != 0)
    {
      saved_errno = errno;
      anv_export_set_write_errno (error, path, saved_errno, ANV_OUTPUT_TO_FILE);
      record_removed (&job, saved_errno);
      ok = FALSE;
    }
  if (!ok)
    g_unlink (tmp_path);
  if (registered)
    anv_output_unregister_temp ();
  if (!ok)
    return FALSE;
  sync_directory (target);

  if (out_counts != NULL)
    *out_counts = job.counts;
  return TRUE;
}

gboolean
anv_export_write_to_stdio (AnvDb                  *db,
                           const AnvExportOptions *options,
                           FILE                   *file,
                           const char             *name,
                           AnvExportCounts        *out_counts,
                           GError                **error)
{
  g_autofree char *where = NULL;
  AnvExportJob job = { 0 };
  FILE *own;
  int fd;

  job.db = db;
  job.options = options;
  job.path = name;
  job.counts.kind = ANV_OUTPUT_DESCRIPTOR;
  job.counts.descriptor = fileno (file);
  /* The log names a file, never a translated word: for anything but
   * standard output, the descriptor. */
  if (fileno (file) != STDOUT_FILENO)
    job.where = where = g_strdup_printf ("/dev/fd/%d", fileno (file));

  /* Written through a descriptor of its own, so that what a reader that
   * stopped did not take is not left in @file's buffer, to be written
   * (and to raise SIGPIPE) when the program ends. */
  if (fflush (file) != 0 || (fd = dup (fileno (file))) < 0)
    {
      anv_export_set_write_errno (error, name, errno, ANV_OUTPUT_TO_FILE);
      return FALSE;
    }
  if ((own = open_stream (fd)) == NULL)
    {
      anv_export_set_write_errno (error, name, errno, ANV_OUTPUT_TO_FILE);
      return FALSE;
    }
  if (!stream_rows (&job, own, error))
    return FALSE;
  if (out_counts != NULL)
    *out_counts = job.counts;
  return TRUE;
}

gboolean
anv_export_write (AnvDb                  *db,
                  const AnvExportOptions *options,
                  const char             *path,
                  guint64                *out_rows,
                  GError                **error)
{
  AnvExportCounts counts = { 0 };

  if (!anv_export_write_counted (db, options, path, &counts, error))
    return FALSE;
  if (out_rows != NULL)
    *out_rows = counts.rows;
  return TRUE;
}
