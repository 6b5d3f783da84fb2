/* anv-export.c — CSV for reporting
 *
 * An export is streamed: one statement stepped row by row into a
 * temporary file (mode 0600) next to the target, which is renamed into
 * place only when the file is complete and on disk. People with protected
 * identity are never in an export of personal data. Every export is
 * recorded in the audit log: what, how many rows, masked or not, where.
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
#include "anv-export.h"
#include "anv-i18n.h"
#include "anv-municipalities.h"
#include "anv-output.h"
#include "anv-personnummer.h"
#include "anv-text.h"

typedef struct
{
  AnvDb                  *db;
  const AnvExportOptions *options;
  AnvCsvWriter           *writer;
  const char             *path;     /* as the person named it, for messages */
  const char             *where;    /* for the audit log: a file, or NULL for standard output */
  AnvExportCounts         counts;
  int                     failed_errno;  /* why writing failed, or 0 */
} ExportJob;

/* The temporary file an export is written to: PREFIX-PID-XXXXXX */
#define TEMP_PREFIX ".anvisa-export-"

G_DEFINE_QUARK (anv-export-error-quark, anv_export_error)

/* Errors */

static void
set_write_error (GError     **error,
                 const char  *path,
                 const char  *reason,
                 const char  *advice)
{
  g_autofree char *shown = anv_text_quote_path (path);

  g_set_error (error, ANV_EXPORT_ERROR, ANV_EXPORT_ERROR_WRITE,
               /* Translators: %1$s is a file, %2$s the reason, %3$s what to do (a
                * sentence) */
               _("The export could not be written to %1$s: %2$s. Nothing was saved; a file "
                 "that was there before is unchanged. %3$s"),
               shown, reason, advice);
}

/* Writing @path failed with @saved_errno at @step */
static void
set_write_errno (GError        **error,
                 const char     *path,
                 int             saved_errno,
                 AnvOutputStep   step)
{
  g_autofree char *advice = NULL;
  g_autofree char *reason = anv_output_describe_errno (path, saved_errno, step, &advice);

  set_write_error (error, path, reason, advice);
}

/* Writing rows */

/* From the writer's G_IO_ERROR: a full disk or a reader gone says so. */
static void
set_write_gerror (ExportJob     *job,
                  GError       **error,
                  const GError  *cause)
{
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
    job->failed_errno = ENOSPC;
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE))
    job->failed_errno = EPIPE;
  else
    job->failed_errno = EIO;
  if (job->failed_errno != EIO)
    set_write_errno (error, job->path, job->failed_errno, ANV_OUTPUT_TO_FILE);
  else
    set_write_error (error, job->path, cause->message,
                     _("Choose another folder, and try again."));
}

static gboolean
end_row (ExportJob  *job,
         GError    **error)
{
  g_autoptr (GError) local_error = NULL;

  if (anv_csv_writer_end_row (job->writer, &local_error))
    return TRUE;
  set_write_gerror (job, error, local_error);
  return FALSE;
}

/* FALSE when a signal asked a stream export to stop */
static gboolean
go_on (ExportJob  *job,
       GError    **error)
{
  g_autofree char *shown = NULL;

  if (anv_output_stream_stopped_by () == 0)
    return TRUE;
  shown = anv_text_quote_path (job->path);
  /* Translators: %s is a file */
  g_set_error (error, ANV_EXPORT_ERROR, ANV_EXPORT_ERROR_WRITE,
               _("The export to %s was interrupted."), shown);
  return FALSE;
}

static gboolean
write_headings (ExportJob          *job,
                const char * const *headings,
                guint               n_headings,
                GError            **error)
{
  for (guint i = 0; i < n_headings; i++)
    anv_csv_writer_add_text (job->writer, headings[i]);
  return end_row (job, error);
}

static void
add_personnummer (ExportJob  *job,
                  AnvDbStmt  *stmt,
                  int         column)
{
  const char *digits = anv_db_column_text (stmt, column);
  g_autofree char *shown = job->options->full_personnummer
                           ? anv_personnummer_format (digits)
                           : anv_personnummer_format_masked (digits);

  anv_csv_writer_add_text (job->writer, shown);
}

static void
add_column_text (ExportJob  *job,
                 AnvDbStmt  *stmt,
                 int         column)
{
  anv_csv_writer_add_text (job->writer, anv_db_column_text (stmt, column));
}

static void
add_column_code (ExportJob  *job,
                 AnvDbStmt  *stmt,
                 int         column)
{
  anv_csv_writer_add_code (job->writer, anv_db_column_text (stmt, column));
}

static void
add_column_date (ExportJob  *job,
                 AnvDbStmt  *stmt,
                 int         column)
{
  anv_csv_writer_add_date (job->writer, anv_db_column_text (stmt, column));
}

/* An integer column, or an empty cell for NULL. */
static void
add_column_number (ExportJob  *job,
                   AnvDbStmt  *stmt,
                   int         column)
{
  if (anv_db_column_is_null (stmt, column))
    anv_csv_writer_add_text (job->writer, NULL);
  else
    anv_csv_writer_add_number (job->writer, anv_db_column_int64 (stmt, column));
}

/* A failure to read, said as the export's. */
static void
set_read_error (GError **error,
                GError  *cause)
{
  g_propagate_prefixed_error (error, cause, "%s ", _("The export could not read the database."));
}

/* Steps @stmt to its end, skipping the rows whose column @protected_column
 * is set and writing the others with @add_row. Not a list: each row is
 * written as it comes, so that memory stays the same for any number. */
static gboolean
write_statement (ExportJob   *job,
                 AnvDbStmt   *stmt,
                 int          protected_column,
                 void       (*add_row) (ExportJob *job, AnvDbStmt *stmt),
                 GError     **error)
{
  g_autoptr (GError) local_error = NULL;
  AnvDbStep step;

  while ((step = anv_db_step (stmt, &local_error)) == ANV_DB_ROW)
    {
      if (anv_db_column_int (stmt, protected_column) != 0)
        {
          job->counts.protected_left_out++;
          continue;
        }
      add_row (job, stmt);
      if (!end_row (job, error) || !go_on (job, error))
        {
          anv_db_reset (stmt);
          return FALSE;
        }
      job->counts.rows++;
    }

  if (step == ANV_DB_FAILED)
    {
      set_read_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/* Job seekers */

static void
add_seeker_row (ExportJob *job,
                AnvDbStmt *stmt)
{
  add_personnummer (job, stmt, 0);
  add_column_text (job, stmt, 1);
  add_column_code (job, stmt, 2);                /* municipality code */
  add_column_text (job, stmt, 3);
  add_column_date (job, stmt, 4);
}

static gboolean
write_seekers (ExportJob  *job,
               GError    **error)
{
  const char *headings[] = {
    _("Personnummer"),
    _("Name"),
    _("Municipality code"),
    _("Municipality"),
    _("Registered on"),
  };
  AnvDbStmt *stmt = anv_db_prepare (job->db, "export/seekers",
    "SELECT s.personnummer, s.name, s.municipality_code, m.short_name, s.registered_on, "
    "       s.protected_identity "
    "FROM seeker s JOIN municipality m ON m.code = s.municipality_code "
    "ORDER BY s.personnummer", error);

  if (stmt == NULL)
    return FALSE;
  return write_headings (job, headings, G_N_ELEMENTS (headings), error)
         && write_statement (job, stmt, 5, add_seeker_row, error);
}

/* Referrals */

static void
add_referral_row (ExportJob *job,
                  AnvDbStmt *stmt)
{
  add_personnummer (job, stmt, 0);
  for (int column = 1; column <= 3; column++)    /* service, level, choice */
    add_column_text (job, stmt, column);
  add_column_code (job, stmt, 4);                /* municipality code */
  add_column_text (job, stmt, 5);                /* municipality name */
  add_column_date (job, stmt, 6);                /* decided_on */
  add_column_date (job, stmt, 7);                /* planned_start */
  add_column_date (job, stmt, 8);                /* started_on */
  add_column_text (job, stmt, 9);                /* provider orgnr */
  add_column_text (job, stmt, 10);               /* provider name */
  add_column_number (job, stmt, 11);             /* outside_area */
  add_column_date (job, stmt, 12);               /* ended_on */
  add_column_text (job, stmt, 13);               /* end_reason */
  add_column_text (job, stmt, 14);               /* kind */
  add_column_number (job, stmt, 15);             /* annulled */
}

static gboolean
write_referrals (ExportJob  *job,
                 GError    **error)
{
  const char *headings[] = {
    _("Personnummer"),
    _("Service"),
    /* Translators: a column: the referral's nivå (A–C) or spår (1–4) */
    C_("referral", "Level"),
    /* Translators: a column: "own" (kundval) or "default" (ickevalsalternativ) */
    _("Provider choice"),
    _("Municipality code"),
    _("Municipality"),
    _("Decided on"),
    _("Planned start"),
    _("Started on"),
    _("Provider organisationsnummer"),
    _("Provider"),
    _("Outside delivery area"),
    _("Ended on"),
    _("End reason"),
    /* Translators: a column: "result" or "interruption" */
    _("Kind of end"),
    _("Annulled"),
  };
  /* The current provider is the last of the referral's history. */
  AnvDbStmt *stmt = anv_db_prepare (job->db, "export/referrals",
    "SELECT s.personnummer, r.service, r.level, r.choice, r.municipality_code, m.short_name, "
    "       r.decided_on, r.planned_start, r.started_on, "
    "       substr (p.orgnr, 1, 6) || '-' || substr (p.orgnr, 7), p.name, rp.outside_area, "
    "       r.ended_on, r.end_reason, e.kind, r.annulled, s.protected_identity "
    "FROM referral r "
    "JOIN seeker s ON s.id = r.seeker_id "
    "JOIN municipality m ON m.code = r.municipality_code "
    "LEFT JOIN referral_provider rp ON rp.id = ("
    "  SELECT h.id FROM referral_provider h WHERE h.referral_id = r.id "
    "  ORDER BY h.from_date DESC, h.id DESC LIMIT 1) "
    "LEFT JOIN provider p ON p.id = rp.provider_id "
    "LEFT JOIN end_reason e ON e.code = r.end_reason "
    "ORDER BY r.id", error);

  if (stmt == NULL)
    return FALSE;
  return write_headings (job, headings, G_N_ELEMENTS (headings), error)
         && write_statement (job, stmt, 16, add_referral_row, error);
}

/* The summary */

static const char *
level_name (AnvSummaryLevel level)
{
  switch (level)
    {
    case ANV_SUMMARY_MUNICIPALITY:
      return C_("summary level", "municipality");
    case ANV_SUMMARY_COUNTY:
      return C_("summary level", "county");
    case ANV_SUMMARY_NATIONAL:
    default:
      return C_("summary level", "country");
    }
}

static char *
county_name (AnvDb       *db,
             const char  *code,
             GError     **error)
{
  AnvDbStmt *stmt = anv_db_prepare (db, "export/county-name",
                                    "SELECT name FROM county WHERE code = ?1", error);
  g_autoptr (GError) local_error = NULL;
  char *name = NULL;

  if (stmt == NULL)
    return NULL;
  anv_db_bind_text (stmt, 1, code);
  switch (anv_db_step (stmt, &local_error))
    {
    case ANV_DB_ROW:
      name = anv_db_column_dup (stmt, 0);
      anv_db_reset (stmt);
      break;
    case ANV_DB_DONE:
      name = g_strdup (code);
      break;
    case ANV_DB_FAILED:
    default:
      set_read_error (error, g_steal_pointer (&local_error));
      break;
    }
  return name;
}

/* The name of the line's municipality, county or country. */
static char *
summary_row_name (AnvDb                *db,
                  const AnvSummaryRow  *row,
                  GError              **error)
{
  const AnvMunicipality *municipality;

  switch (row->level)
    {
    case ANV_SUMMARY_MUNICIPALITY:
      municipality = anv_municipalities_lookup (db, row->code, error);
      return municipality ? g_strdup (municipality->short_name) : NULL;
    case ANV_SUMMARY_COUNTY:
      return county_name (db, row->code, error);
    case ANV_SUMMARY_NATIONAL:
    default:
      /* Translators: the name on the summary's line for all of Sweden */
      return g_strdup (_("Whole country"));
    }
}

static gboolean
write_summary (ExportJob  *job,
               GError    **error)
{
  const char *headings[] = {
    _("Service"),
    _("Month"),
    /* Translators: a column: municipality, county or country */
    C_("summary", "Level"),
    _("Code"),
    _("Name"),
    /* Translators: summary columns; anvisade = referrals decided in the month */
    _("Referred women"),
    _("Referred men"),
    _("Referred in total"),
    _("Started"),
    _("Ended with job"),
    _("Ended with studies"),
    _("Interrupted"),
    _("Active at the end of the month"),
  };
  g_autoptr (GArray) rows = NULL;

  rows = anv_summary_read (job->db, job->options->summary, error);
  if (rows == NULL)
    return FALSE;
  if (!write_headings (job, headings, G_N_ELEMENTS (headings), error))
    return FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      const AnvSummaryRow *row = &g_array_index (rows, AnvSummaryRow, i);
      g_autofree char *name = summary_row_name (job->db, row, error);

      if (name == NULL)
        return FALSE;

      anv_csv_writer_add_text (job->writer, anv_service_code (row->service));
      anv_csv_writer_add_date (job->writer, row->month);
      anv_csv_writer_add_text (job->writer, level_name (row->level));
      anv_csv_writer_add_code (job->writer, row->code);
      anv_csv_writer_add_text (job->writer, name);
      anv_csv_writer_add_number (job->writer, row->decided_women);
      anv_csv_writer_add_number (job->writer, row->decided_men);
      anv_csv_writer_add_number (job->writer, (gint64) row->decided_women + row->decided_men);
      anv_csv_writer_add_number (job->writer, row->started);
      anv_csv_writer_add_number (job->writer, row->ended_job);
      anv_csv_writer_add_number (job->writer, row->ended_studies);
      anv_csv_writer_add_number (job->writer, row->ended_interrupted);
      anv_csv_writer_add_number (job->writer, row->active_end);
      if (!end_row (job, error) || !go_on (job, error))
        return FALSE;
      job->counts.rows++;
    }
  return TRUE;
}

/* The rows of the export, read in one read transaction: a consistent
 * snapshot however long the writing takes (in write-ahead mode it holds
 * back no one who writes). Inside a caller's transaction, that one is the
 * snapshot. */
static gboolean
write_rows (ExportJob  *job,
            GError    **error)
{
  gboolean own_transaction = !anv_db_in_transaction (job->db);
  g_autoptr (GError) local_error = NULL;
  gboolean ok;

  /* A transaction that only reads: anv_db_begin() would take the write
   * lock. */
  if (own_transaction && !anv_db_exec (job->db, "BEGIN DEFERRED", error))
    return FALSE;

  switch (job->options->kind)
    {
    case ANV_EXPORT_SEEKERS:
      ok = write_seekers (job, error);
      break;
    case ANV_EXPORT_REFERRALS:
      ok = write_referrals (job, error);
      break;
    case ANV_EXPORT_SUMMARY:
    default:
      ok = write_summary (job, error);
      break;
    }

  if (own_transaction)
    {
      ok = ok && anv_db_exec (job->db, "COMMIT", error);
      /* After a failure, already reported: the snapshot is let go, and
       * nothing was written in it that a failed rollback could keep. */
      if (anv_db_in_transaction (job->db))
        anv_db_exec (job->db, "ROLLBACK", NULL);
    }
  if (!ok)
    return FALSE;

  if (!anv_csv_writer_flush (job->writer, &local_error))
    {
      set_write_gerror (job, error, local_error);
      return FALSE;
    }
  return TRUE;
}

/* Files */

/* Puts the written file on disk and closes it (always). */
static gboolean
sync_and_close (FILE        *file,
                const char  *path,
                GError     **error)
{
  int saved_errno = 0;

  if (fflush (file) != 0 || fsync (fileno (file)) != 0)
    saved_errno = errno;
  if (fclose (file) != 0 && saved_errno == 0)
    saved_errno = errno;

  if (saved_errno != 0)
    {
      set_write_errno (error, path, saved_errno, ANV_OUTPUT_TO_FILE);
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
describe_export (const ExportJob *job,
                 const char      *rows_word,
                 guint64          rows,
                 guint64          left_out)
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
append_entry (const ExportJob  *job,
              const char       *details,
              GError          **error)
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
record_export (const ExportJob  *job,
               GError          **error)
{
  g_autofree char *details = describe_export (job, "rows", job->counts.rows,
                                              job->counts.protected_left_out);

  return append_entry (job, details, error);
}

/* The rows the export will write (and the people it will leave out), as
 * the database is now */
static gboolean
count_rows (ExportJob  *job,
            guint64    *out_rows,
            guint64    *out_left_out,
            GError    **error)
{
  g_autoptr (GError) local_error = NULL;
  AnvDbStmt *stmt;
  AnvDbStep step;

  *out_rows = *out_left_out = 0;
  if (job->options->kind == ANV_EXPORT_SUMMARY)
    {
      g_autoptr (GArray) rows = anv_summary_read (job->db, job->options->summary, error);

      if (rows == NULL)
        return FALSE;
      *out_rows = rows->len;
      return TRUE;
    }
  /* The joins of write_seekers() and write_referrals() */
  if (job->options->kind == ANV_EXPORT_SEEKERS)
    stmt = anv_db_prepare (job->db, "export/count/seekers",
                           "SELECT count(*), total (s.protected_identity != 0) "
                           "FROM seeker s JOIN municipality m ON m.code = s.municipality_code",
                           error);
  else
    stmt = anv_db_prepare (job->db, "export/count/referrals",
                           "SELECT count(*), total (s.protected_identity != 0) "
                           "FROM referral r JOIN seeker s ON s.id = r.seeker_id "
                           "JOIN municipality m ON m.code = r.municipality_code", error);
  if (stmt == NULL)
    return FALSE;
  step = anv_db_step (stmt, &local_error);
  if (step == ANV_DB_ROW)
    {
      guint64 all = (guint64) anv_db_column_int64 (stmt, 0);

      *out_left_out = (guint64) anv_db_column_int64 (stmt, 1);
      *out_rows = all - MIN (all, *out_left_out);
      anv_db_reset (stmt);
      return TRUE;
    }
  if (step == ANV_DB_FAILED)
    set_read_error (error, g_steal_pointer (&local_error));
  else
    /* An aggregate always gives one row. */
    g_set_error_literal (error, ANV_DB_ERROR, ANV_DB_ERROR_FAILED,
                         _("The export could not read the database."));
  return FALSE;
}

/* Before a stream gets its first byte: the log says the extract goes
 * there, with the rows planned, counted in the same transaction. */
static gboolean
record_planned (ExportJob  *job,
                guint64    *out_planned,
                GError    **error)
{
  g_autofree char *details = NULL;
  guint64 left_out = 0;

  if (!anv_db_begin (job->db, error))
    return FALSE;
  if (!count_rows (job, out_planned, &left_out, error))
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
record_stopped (const ExportJob *job,
                guint64          planned,
                int              signum)
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

/* Public API */

gboolean
anv_csv_profile_parse (const char     *text,
                       AnvCsvProfile  *out,
                       GError        **error)
{
  if (g_strcmp0 (text, "excel-sv") == 0)
    *out = ANV_CSV_PROFILE_EXCEL_SV;
  else if (g_strcmp0 (text, "rfc4180") == 0)
    *out = ANV_CSV_PROFILE_RFC4180;
  else
    {
      g_set_error (error, ANV_EXPORT_ERROR, ANV_EXPORT_ERROR_PROFILE,
                   /* Translators: %s is what was typed; excel-sv and rfc4180 are names */
                   _("“%s” is not a CSV profile: write excel-sv (for Excel in Swedish: "
                     "semicolons, decimal comma) or rfc4180 (commas, for other programs)."),
                   text ? text : "");
      return FALSE;
    }
  return TRUE;
}

const char *
anv_csv_profile_to_string (AnvCsvProfile profile)
{
  return profile == ANV_CSV_PROFILE_EXCEL_SV ? "excel-sv" : "rfc4180";
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
record_written (const ExportJob *job)
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
stream_rows (ExportJob  *job,
             FILE       *file,
             GError    **error)
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
  ok = write_rows (job, &local_error);
  g_clear_pointer (&job->writer, anv_csv_writer_free);
  if (fclose (file) != 0 && ok)
    {
      job->failed_errno = errno;
      set_write_errno (&local_error, job->path, job->failed_errno, ANV_OUTPUT_TO_FILE);
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
write_stream (ExportJob   *job,
              const char  *target,
              GError     **error)
{
  FILE *file;
  int fd;

  fd = g_open (target, O_WRONLY | O_CLOEXEC | O_NOCTTY, 0);
  if (fd < 0 || (file = open_stream (fd)) == NULL)
    {
      set_write_errno (error, job->path, errno, ANV_OUTPUT_TO_FILE);
      return FALSE;
    }
  return stream_rows (job, file, error);
}

/* Writes the export into this program's own descriptor @own (standard
 * output sent into a file or a pipe), through a copy of it: where the
 * shell set it up, after what is there with `>>`. */
static gboolean
write_descriptor (ExportJob   *job,
                  int          own,
                  GError     **error)
{
  FILE *file;
  int fd;

  fd = own >= 0 ? fcntl (own, F_DUPFD_CLOEXEC, 3) : -1;
  if (own < 0)
    errno = EBADF;
  if (fd < 0 || (file = open_stream (fd)) == NULL)
    {
      set_write_errno (error, job->path, errno, ANV_OUTPUT_TO_FILE);
      return FALSE;
    }
  return stream_rows (job, file, error);
}

/* Says in the audit log that the export it recorded was removed after
 * all: its file could not take its name. */
static void
record_removed (const ExportJob *job,
                int              saved_errno)
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
  ExportJob job = { 0 };
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
      set_write_errno (error, path, errno, ANV_OUTPUT_IN_FOLDER);
      return FALSE;
    }
  registered = anv_output_register_temp (tmp_path);
  file = fdopen (fd, "wb");
  if (file == NULL)
    {
      set_write_errno (error, path, errno, ANV_OUTPUT_IN_FOLDER);
      g_close (fd, NULL);
      g_unlink (tmp_path);
      if (registered)
        anv_output_unregister_temp ();
      return FALSE;
    }

  writer = anv_csv_writer_new_for_file (file, options->profile);
  job.writer = writer;

  ok = write_rows (&job, error);
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
      set_write_errno (error, path, saved_errno, ANV_OUTPUT_TO_FILE);
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
  ExportJob job = { 0 };
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
      set_write_errno (error, name, errno, ANV_OUTPUT_TO_FILE);
      return FALSE;
    }
  if ((own = open_stream (fd)) == NULL)
    {
      set_write_errno (error, name, errno, ANV_OUTPUT_TO_FILE);
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
