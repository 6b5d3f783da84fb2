/* anv-export-rows.c — the rows of each kind of export, and their count
 *
 * What an export of job seekers, of referrals or of the summary holds:
 * its headings, its query and how each column is written, read in one
 * read transaction. Each query's FROM is written once, for the rows and
 * for the count the audit log gives before a stream's first byte. The
 * driver (anv-export.c) decides where the rows go.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-export-rows"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "anv-db-private.h"
#include "anv-export-private.h"
#include "anv-municipalities.h"
#include "anv-personnummer.h"
#include "anv-publish.h"
#include "anv-text.h"

/* Writing rows */

/* From the writer's G_IO_ERROR: a full disk or a reader gone says so. */
static void
set_write_gerror (AnvExportJob *job,
                  GError      **error,
                  const GError *cause)
{
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
    job->failed_errno = ENOSPC;
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE))
    job->failed_errno = EPIPE;
  else
    job->failed_errno = EIO;
  if (job->failed_errno != EIO)
    anv_export_set_write_errno (error, job->path, job->failed_errno, ANV_OUTPUT_TO_FILE);
  else
    anv_export_set_write_error (error, job->path, cause->message,
                                _("Choose another folder, and try again."));
}

static gboolean
end_row (AnvExportJob *job,
         GError      **error)
{
  g_autoptr (GError) local_error = NULL;

  if (anv_csv_writer_end_row (job->writer, &local_error))
    return TRUE;
  set_write_gerror (job, error, local_error);
  return FALSE;
}

/* FALSE when a signal asked a stream export to stop */
static gboolean
go_on (AnvExportJob *job,
       GError      **error)
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
write_headings (AnvExportJob       *job,
                const char * const *headings,
                guint               n_headings,
                GError            **error)
{
  for (guint i = 0; i < n_headings; i++)
    anv_csv_writer_add_text (job->writer, headings[i]);
  return end_row (job, error);
}

static void
add_personnummer (AnvExportJob *job,
                  AnvDbStmt    *stmt,
                  int           column)
{
  const char *digits = anv_db_column_text (stmt, column);
  g_autofree char *shown = job->options->full_personnummer
                           ? anv_personnummer_format (digits)
                           : anv_personnummer_format_masked (digits);

  anv_csv_writer_add_text (job->writer, shown);
}

static void
add_column_text (AnvExportJob *job,
                 AnvDbStmt    *stmt,
                 int           column)
{
  anv_csv_writer_add_text (job->writer, anv_db_column_text (stmt, column));
}

static void
add_column_code (AnvExportJob *job,
                 AnvDbStmt    *stmt,
                 int           column)
{
  anv_csv_writer_add_code (job->writer, anv_db_column_text (stmt, column));
}

static void
add_column_date (AnvExportJob *job,
                 AnvDbStmt    *stmt,
                 int           column)
{
  anv_csv_writer_add_date (job->writer, anv_db_column_text (stmt, column));
}

/* An integer column, or an empty cell for NULL. */
static void
add_column_number (AnvExportJob *job,
                   AnvDbStmt    *stmt,
                   int           column)
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
write_statement (AnvExportJob  *job,
                 AnvDbStmt     *stmt,
                 int            protected_column,
                 void         (*add_row) (AnvExportJob *job, AnvDbStmt *stmt),
                 GError       **error)
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


/* The query of an export of personal data: its rows, in order, and
 * their count, from one FROM. */
typedef struct
{
  const char  *key;
  const char  *sql;
  const char  *count_key;
  const char  *count_sql;
  int          protected_column;  /* of the rows: set for protected identity */
  void       (*add_row) (AnvExportJob *job, AnvDbStmt *stmt);
} ExportQuery;

/* The rows that are counted: all of them, and those to be left out. */
#define COUNT_COLUMNS "SELECT count(*), count (*) FILTER (WHERE s.protected_identity <> 0) "

static gboolean
write_query (AnvExportJob       *job,
             const char * const *headings,
             guint               n_headings,
             const ExportQuery  *query,
             GError            **error)
{
  AnvDbStmt *stmt = anv_db_prepare (job->db, query->key, query->sql, error);

  if (stmt == NULL)
    return FALSE;
  return write_headings (job, headings, n_headings, error)
         && write_statement (job, stmt, query->protected_column, query->add_row, error);
}

/* Job seekers */

static void
add_seeker_row (AnvExportJob *job,
                AnvDbStmt    *stmt)
{
  add_personnummer (job, stmt, 0);
  add_column_text (job, stmt, 1);
  add_column_code (job, stmt, 2);                /* municipality code */
  add_column_text (job, stmt, 3);
  add_column_date (job, stmt, 4);
}

#define SEEKERS_FROM \
  "FROM seeker s JOIN municipality m ON m.code = s.municipality_code "

static const ExportQuery seekers_query = {
  "export/seekers",
  "SELECT s.personnummer, s.name, s.municipality_code, m.short_name, s.registered_on, "
  "       s.protected_identity "
  SEEKERS_FROM
  "ORDER BY s.personnummer",
  "export/count/seekers",
  COUNT_COLUMNS SEEKERS_FROM,
  5, add_seeker_row,
};

static gboolean
write_seekers (AnvExportJob *job,
               GError      **error)
{
  const char *headings[] = {
    _("Personnummer"),
    _("Name"),
    _("Municipality code"),
    _("Municipality"),
    _("Registered on"),
  };

  return write_query (job, headings, G_N_ELEMENTS (headings), &seekers_query, error);
}

/* Referrals */

static void
add_referral_row (AnvExportJob *job,
                  AnvDbStmt    *stmt)
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
  add_column_date (job, stmt, 17);               /* period_end */
}

#define REFERRALS_FROM \
  "FROM referral r " \
  "JOIN seeker s ON s.id = r.seeker_id " \
  "JOIN municipality m ON m.code = r.municipality_code "

/* The current provider is the last of the referral's history. Each of
 * these joins finds at most one row: they add columns, never rows, and
 * the count does without them. */
#define REFERRALS_DETAILS \
  "LEFT JOIN referral_provider rp ON rp.id = (" \
  "  SELECT h.id FROM referral_provider h WHERE h.referral_id = r.id " \
  "  ORDER BY h.from_date DESC, h.id DESC LIMIT 1) " \
  "LEFT JOIN provider p ON p.id = rp.provider_id " \
  "LEFT JOIN end_reason e ON e.code = r.end_reason "

static const ExportQuery referrals_query = {
  "export/referrals",
  "SELECT s.personnummer, r.service, r.level, "
  /* A referral waiting for the job seeker's choice: "pending"; one that
   * ended while it waited: "none", no choice was made */
  "       coalesce ((SELECT CASE WHEN r.ended_on IS NULL THEN 'pending' ELSE 'none' END "
  "                  FROM referral_choice_wait w "
  "                  WHERE w.referral_id = r.id AND w.chosen_on IS NULL), r.choice), "
  "       r.municipality_code, m.short_name, "
  "       r.decided_on, r.planned_start, r.started_on, "
  "       substr (p.orgnr, 1, 6) || '-' || substr (p.orgnr, 7), p.name, rp.outside_area, "
  "       r.ended_on, r.end_reason, "
  /* An end without a start is its own kind, as the summary counts it. */
  "       CASE WHEN r.ended_on IS NOT NULL AND r.started_on IS NULL THEN 'before-start' "
  "            ELSE e.kind END, "
  "       r.annulled, s.protected_identity, r.period_end "
  REFERRALS_FROM
  REFERRALS_DETAILS
  "ORDER BY r.id",
  "export/count/referrals",
  COUNT_COLUMNS REFERRALS_FROM,
  16, add_referral_row,
};

static gboolean
write_referrals (AnvExportJob *job,
                 GError      **error)
{
  const char *headings[] = {
    _("Personnummer"),
    _("Service"),
    /* Translators: a column: the referral's nivå (A–C) or spår (1–4) */
    C_("referral", "Level"),
    /* Translators: a column: "own" (kundval), "default" (ickevalsalternativ) or
     * "pending" (awaiting the choice) */
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
    /* Translators: a column: "result", "interruption" or "before-start" */
    _("Kind of end"),
    _("Annulled"),
    /* Translators: a column: the last day of the referral's period */
    _("Period ends on"),
  };

  return write_query (job, headings, G_N_ELEMENTS (headings), &referrals_query, error);
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
county_name (AnvDb      *db,
             const char *code,
             GError    **error)
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
summary_row_name (AnvDb               *db,
                  const AnvSummaryRow *row,
                  GError             **error)
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

/* A split of the summary; unknown (retention removed what it counted): an
 * empty cell, which a spreadsheet leaves out of its sums, never a zero. */
static void
add_known_number (AnvCsvWriter *writer,
                  guint         value)
{
  if (value == ANV_SUMMARY_UNKNOWN)
    anv_csv_writer_add_text (writer, NULL);
  else
    anv_csv_writer_add_number (writer, value);
}

/* The counts of a line of the summary or of a breakdown, in the
 * columns' order. */
static void
add_summary_counts (AnvCsvWriter        *writer,
                    const AnvSummaryRow *row)
{
  anv_csv_writer_add_number (writer, row->decided_women);
  anv_csv_writer_add_number (writer, row->decided_men);
  anv_csv_writer_add_number (writer, (gint64) row->decided_women + row->decided_men);
  anv_csv_writer_add_number (writer, row->started);
  anv_csv_writer_add_number (writer, row->ended_job);
  anv_csv_writer_add_number (writer, row->ended_studies);
  anv_csv_writer_add_number (writer, row->ended_interrupted);
  anv_csv_writer_add_number (writer, row->active_end);
  anv_csv_writer_add_number (writer, row->overdue_end);
  add_known_number (writer, row->started_women);
  add_known_number (writer, row->started_men);
  add_known_number (writer, row->ended_job_women);
  add_known_number (writer, row->ended_job_men);
  add_known_number (writer, row->ended_studies_women);
  add_known_number (writer, row->ended_studies_men);
  add_known_number (writer, row->ended_interrupted_women);
  add_known_number (writer, row->ended_interrupted_men);
  add_known_number (writer, row->active_women);
  add_known_number (writer, row->active_men);
  add_known_number (writer, row->participating);
  add_known_number (writer, row->participating_women);
  add_known_number (writer, row->participating_men);
  add_known_number (writer, row->waiting);
  add_known_number (writer, row->waiting_women);
  add_known_number (writer, row->waiting_men);
  anv_csv_writer_add_number (writer, row->ended_before_start);
  add_known_number (writer, row->ended_before_start_women);
  add_known_number (writer, row->ended_before_start_men);
}

/* A breakdown of the summary (by provider, level, area or age group):
 * the summary's columns, the breakdown's name, the part's code and name
 * where the summary has the level, the code and the name. */
static gboolean
write_summary_parts (AnvExportJob *job,
                     const char  **headings,
                     guint         n_headings,
                     GError      **error)
{
  const AnvSummaryQuery *query = job->options->summary;
  g_autoptr (GArray) parts = anv_summary_read_parts (job->db, query, error);

  if (parts == NULL || !write_headings (job, headings, n_headings, error))
    return FALSE;
  for (guint i = 0; i < parts->len; i++)
    {
      const AnvSummaryPart *part = &g_array_index (parts, AnvSummaryPart, i);
      gboolean special = strcmp (part->part, ANV_SUMMARY_PART_UNKNOWN) == 0
                         || strcmp (part->part, ANV_SUMMARY_PART_NO_PROVIDER) == 0;

      anv_csv_writer_add_text (job->writer, anv_service_code (part->counts.service));
      anv_csv_writer_add_date (job->writer, part->counts.month);
      anv_csv_writer_add_text (job->writer, anv_summary_dimension_label (query->by));
      anv_csv_writer_add_code (job->writer, special ? NULL : part->part);
      anv_csv_writer_add_text (job->writer, part->label);
      add_summary_counts (job->writer, &part->counts);
      if (!end_row (job, error) || !go_on (job, error))
        return FALSE;
      job->counts.rows++;
    }
  return TRUE;
}

/* The publish export */

/* A split of a municipality's line, suppressed or not. */
static void
add_split (AnvCsvWriter *writer,
           guint         value,
           gboolean      masked)
{
  if (masked)
    anv_csv_writer_add_text (writer, ANV_PUBLISH_MARK);
  else
    add_known_number (writer, value);
}

/* The closed months of the export, by month, and the cells revised since. */
typedef struct
{
  GHashTable *closed;    /* "YYYY-MM" → AnvPublishedMonth */
  GHashTable *revised;   /* "YYYY-MM KROM 2480", its county's "YYYY-MM KROM 24" and
                          * the country's "YYYY-MM KROM " */
} Published;

static void
published_clear (Published *p)
{
  g_clear_pointer (&p->closed, g_hash_table_unref);
  g_clear_pointer (&p->revised, g_hash_table_unref);
}

static gboolean
read_published (AnvDb      *db,
                Published  *p,
                GError    **error)
{
  g_autoptr (GPtrArray) months = anv_publish_list (db, error);
  g_autoptr (GPtrArray) revisions = NULL;

  if (months == NULL)
    return FALSE;
  revisions = anv_publish_revisions (db, NULL, error);
  if (revisions == NULL)
    return FALSE;
  p->closed = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                     (GDestroyNotify) anv_published_month_free);
  p->revised = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < months->len; i++)
    {
      AnvPublishedMonth *m = g_ptr_array_index (months, i);

      g_hash_table_insert (p->closed, m->month, m);
      g_ptr_array_index (months, i) = NULL;
    }
  for (guint i = 0; i < revisions->len; i++)
    {
      const AnvSummaryRevision *r = g_ptr_array_index (revisions, i);
      const char *service = anv_service_code (r->service);
      const AnvMunicipality *m = anv_municipalities_lookup (db, r->municipality_code, error);

      if (m == NULL)
        {
          published_clear (p);
          return FALSE;
        }
      /* A total line is revised when a figure of its service summed into
       * it was: the municipality's county and the country. */
      g_hash_table_add (p->revised, g_strdup_printf ("%s %s %s", r->month, service,
                                                     r->municipality_code));
      g_hash_table_add (p->revised, g_strdup_printf ("%s %s %s", r->month, service,
                                                     m->county_code));
      g_hash_table_add (p->revised, g_strdup_printf ("%s %s ", r->month, service));
    }
  return TRUE;
}

/* "published 2026-12-07", "published 2026-12-07, revised since" or
 * "preliminary" */
static char *
row_status (const Published     *p,
            const AnvSummaryRow *row)
{
  const AnvPublishedMonth *m = g_hash_table_lookup (p->closed, row->month);
  g_autofree char *cell = NULL;
  g_autofree char *day = NULL;

  if (m == NULL)
    /* Translators: the status of a month in the publish export: not closed */
    return g_strdup (_("preliminary"));
  day = anv_publish_format_time (m->closed_at, TRUE);
  cell = g_strdup_printf ("%s %s %s", row->month, anv_service_code (row->service),
                          row->level == ANV_SUMMARY_NATIONAL ? "" : row->code);
  if (g_hash_table_contains (p->revised, cell))
    /* Translators: %s is the date a month was closed; its figures have been
     * revised since (the export shows them as published) */
    return g_strdup_printf (_("published %s, revised since"), day);
  /* Translators: %s is the date a month was closed (published) */
  return g_strdup_printf (_("published %s"), day);
}

static gboolean
write_summary (AnvExportJob *job,
               GError      **error)
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
    /* Translators: a column of the summary's export: open at the month's
     * end after the period's last day */
    _("Overdue at the end of the month"),
    /* Translators: the splits by sex, after the columns above so that a
     * spreadsheet made for those keeps working */
    _("Started, women"),
    _("Started, men"),
    _("Ended with job, women"),
    _("Ended with job, men"),
    _("Ended with studies, women"),
    _("Ended with studies, men"),
    _("Interrupted, women"),
    _("Interrupted, men"),
    _("Active at the end of the month, women"),
    _("Active at the end of the month, men"),
    /* Translators: deltar: of the active, those who have started */
    _("Taking part at the end of the month"),
    _("Taking part, women"),
    _("Taking part, men"),
    /* Translators: väntar på start: of the active, those decided, not started */
    _("Waiting to start at the end of the month"),
    _("Waiting to start, women"),
    _("Waiting to start, men"),
    /* Translators: avslutade före start: ended, with any reason, before the
     * referral started; counted in no other end */
    _("Ended before the start"),
    _("Ended before the start, women"),
    _("Ended before the start, men"),
  };
  g_autoptr (GArray) rows = NULL;
  guint threshold = job->options->publish_threshold;
  g_autofree char *note = NULL;
  g_autofree AnvPublishMask *masks = NULL;
  Published published = { NULL, NULL };

  /* A breakdown is a county's or the country's, never a municipality's
   * split: the publish export's rule of suppression does not fit it, and
   * the window and the CLI offer the publish export per municipality only. */
  if (job->options->summary->by != ANV_SUMMARY_BY_MUNICIPALITY)
    {
      g_return_val_if_fail (threshold == 0, FALSE);
      /* Translators: a column of a breakdown's export: provider, level,
       * delivery area or age group */
      headings[2] = C_("summary", "Breakdown");
      return write_summary_parts (job, headings, G_N_ELEMENTS (headings), error);
    }
  if (threshold > 0)
    {
      rows = anv_publish_read (job->db, job->options->summary, error);
      if (rows == NULL || !read_published (job->db, &published, error))
        return FALSE;
      masks = anv_publish_suppress_rows (job->db, rows, threshold, error);
      if (masks == NULL)
        {
          published_clear (&published);
          return FALSE;
        }
      /* Translators: the note on a line of the publish export; %1$u is the
       * threshold minus one, %2$s the mark of a suppressed value */
      note = g_strdup_printf (_("Counts from 1 to %1$u in the splits by sex are shown as "
                                "“%2$s” (suppressed), and so are other splits where a "
                                "suppressed count would follow from the county’s or the "
                                "country’s line; the totals are not."),
                              threshold - 1, ANV_PUBLISH_MARK);
    }
  else
    rows = anv_summary_read (job->db, job->options->summary, error);
  if (rows == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (headings); i++)
    anv_csv_writer_add_text (job->writer, headings[i]);
  if (threshold > 0)
    {
      /* Translators: columns of the publish export: a line's status
       * (published, revised, preliminary) and the note on suppression */
      anv_csv_writer_add_text (job->writer, _("Status"));
      anv_csv_writer_add_text (job->writer, _("Note"));
    }
  if (!end_row (job, error))
    {
      published_clear (&published);
      return FALSE;
    }

  for (guint i = 0; i < rows->len; i++)
    {
      const AnvSummaryRow *row = &g_array_index (rows, AnvSummaryRow, i);
      g_autofree char *name = summary_row_name (job->db, row, error);
      AnvPublishMask none = { { FALSE } };
      gboolean (*masked)[2] = masks ? masks[i] : none;
      gboolean suppressed = FALSE;

      if (name == NULL)
        {
          published_clear (&published);
          return FALSE;
        }
      for (guint s = 0; s < ANV_PUBLISH_N_SPLITS; s++)
        suppressed = suppressed || masked[s][0] || masked[s][1];

      anv_csv_writer_add_text (job->writer, anv_service_code (row->service));
      anv_csv_writer_add_date (job->writer, row->month);
      anv_csv_writer_add_text (job->writer, level_name (row->level));
      anv_csv_writer_add_code (job->writer, row->code);
      anv_csv_writer_add_text (job->writer, name);
#define SPLIT(i, w, m) \
  add_split (job->writer, row->w, masked[i][0]); \
  add_split (job->writer, row->m, masked[i][1])
      add_split (job->writer, row->decided_women, masked[ANV_PUBLISH_SPLIT_DECIDED][0]);
      add_split (job->writer, row->decided_men, masked[ANV_PUBLISH_SPLIT_DECIDED][1]);
      anv_csv_writer_add_number (job->writer, (gint64) row->decided_women + row->decided_men);
      anv_csv_writer_add_number (job->writer, row->started);
      anv_csv_writer_add_number (job->writer, row->ended_job);
      anv_csv_writer_add_number (job->writer, row->ended_studies);
      anv_csv_writer_add_number (job->writer, row->ended_interrupted);
      anv_csv_writer_add_number (job->writer, row->active_end);
      anv_csv_writer_add_number (job->writer, row->overdue_end);
      SPLIT (ANV_PUBLISH_SPLIT_STARTED, started_women, started_men);
      SPLIT (ANV_PUBLISH_SPLIT_JOB, ended_job_women, ended_job_men);
      SPLIT (ANV_PUBLISH_SPLIT_STUDIES, ended_studies_women, ended_studies_men);
      SPLIT (ANV_PUBLISH_SPLIT_INTERRUPTED, ended_interrupted_women, ended_interrupted_men);
      SPLIT (ANV_PUBLISH_SPLIT_ACTIVE, active_women, active_men);
      add_known_number (job->writer, row->participating);
      SPLIT (ANV_PUBLISH_SPLIT_PARTICIPATING, participating_women, participating_men);
      add_known_number (job->writer, row->waiting);
      SPLIT (ANV_PUBLISH_SPLIT_WAITING, waiting_women, waiting_men);
      anv_csv_writer_add_number (job->writer, row->ended_before_start);
      SPLIT (ANV_PUBLISH_SPLIT_BEFORE_START, ended_before_start_women, ended_before_start_men);
#undef SPLIT
      if (threshold > 0)
        {
          g_autofree char *status = row_status (&published, row);

          anv_csv_writer_add_text (job->writer, status);
          anv_csv_writer_add_text (job->writer, suppressed ? note : NULL);
        }
      if (!end_row (job, error) || !go_on (job, error))
        {
          published_clear (&published);
          return FALSE;
        }
      job->counts.rows++;
    }
  published_clear (&published);
  return TRUE;
}

/* The rows of the export, read in one read transaction: a consistent
 * snapshot however long the writing takes (in write-ahead mode it holds
 * back no one who writes). Inside a caller's transaction, that one is the
 * snapshot. */
gboolean
anv_export_write_rows (AnvExportJob *job,
                       GError      **error)
{
  gboolean own_transaction = !anv_db_in_transaction (job->db);
  g_autoptr (GError) local_error = NULL;
  gboolean ok;

  /* A transaction that only reads: anv_db_begin() would take the write
   * lock. */
  if (own_transaction && !anv_db_begin_read (job->db, error))
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
    ok = anv_db_end_read (job->db, ok, error);
  if (!ok)
    return FALSE;

  if (!anv_csv_writer_flush (job->writer, &local_error))
    {
      set_write_gerror (job, error, local_error);
      return FALSE;
    }
  return TRUE;
}

/* The query of @kind; NULL for the summary, which is not personal data. */
static const ExportQuery *
query_of (AnvExportKind kind)
{
  switch (kind)
    {
    case ANV_EXPORT_SEEKERS:
      return &seekers_query;
    case ANV_EXPORT_REFERRALS:
      return &referrals_query;
    case ANV_EXPORT_SUMMARY:
    default:
      return NULL;
    }
}

/* The rows the export will write (and the people it will leave out), as
 * the database is now */
gboolean
anv_export_count_rows (AnvExportJob *job,
                       guint64      *out_rows,
                       guint64      *out_left_out,
                       GError      **error)
{
  g_autoptr (GError) local_error = NULL;
  const ExportQuery *query;
  AnvDbStmt *stmt;
  AnvDbStep step;

  *out_rows = *out_left_out = 0;
  if (job->options->kind == ANV_EXPORT_SUMMARY)
    {
      g_autoptr (GArray) rows = job->options->summary->by == ANV_SUMMARY_BY_MUNICIPALITY
                                ? anv_summary_read (job->db, job->options->summary, error)
                                : anv_summary_read_parts (job->db, job->options->summary,
                                                          error);

      if (rows == NULL)
        return FALSE;
      *out_rows = rows->len;
      return TRUE;
    }
  /* The FROM of the rows, without the joins that only add columns */
  query = query_of (job->options->kind);
  stmt = anv_db_prepare (job->db, query->count_key, query->count_sql, error);
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

