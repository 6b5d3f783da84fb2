/* anv-publish.c — closed (published) months of the summary and their revisions
 *
 * A closed month keeps every municipality's figures of that month as they
 * were when it was closed (published_summary). The summary itself goes on
 * being kept by every write; the schema's triggers note the cells of
 * closed months that a write touches, and when the write appends its audit
 * entry, anv_publish_record_revisions() compares those cells with what was
 * published (and revised since) and records what changed, in the name of
 * that entry. A write that changes a cell and changes it back records
 * nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-publish"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "anv-audit.h"
#include "anv-date.h"
#include "anv-db-private.h"
#include "anv-i18n.h"
#include "anv-migrations.h"
#include "anv-municipalities.h"
#include "anv-publish-private.h"
#include "anv-text.h"

#define MAX_NOTE_CHARS 500

/* The summary's kept columns that a closed month keeps, in the order of
 * the SQL below. */
#define COLUMNS_SQL \
  "decided_women, decided_men, started, started_women, started_men, " \
  "ended_job, ended_job_women, ended_job_men, ended_studies, ended_studies_women, " \
  "ended_studies_men, ended_interrupted, ended_interrupted_women, ended_interrupted_men, " \
  "ended_before_start, ended_before_start_women, ended_before_start_men, " \
  "active_end, participating_women, participating_men, waiting_women, waiting_men, " \
  "overdue_end"

#define N_COLUMNS 23

static const struct
{
  const char *name;
  const char *label;
} columns[N_COLUMNS] = {
  { "decided_women", N_("referred, women") },
  { "decided_men", N_("referred, men") },
  { "started", N_("started") },
  { "started_women", N_("started, women") },
  { "started_men", N_("started, men") },
  { "ended_job", N_("ended with job") },
  { "ended_job_women", N_("ended with job, women") },
  { "ended_job_men", N_("ended with job, men") },
  { "ended_studies", N_("ended with studies") },
  { "ended_studies_women", N_("ended with studies, women") },
  { "ended_studies_men", N_("ended with studies, men") },
  { "ended_interrupted", N_("interrupted") },
  { "ended_interrupted_women", N_("interrupted, women") },
  { "ended_interrupted_men", N_("interrupted, men") },
  { "ended_before_start", N_("ended before the start") },
  { "ended_before_start_women", N_("ended before the start, women") },
  { "ended_before_start_men", N_("ended before the start, men") },
  { "active_end", N_("active at the month’s end") },
  { "participating_women", N_("taking part, women") },
  { "participating_men", N_("taking part, men") },
  { "waiting_women", N_("waiting to start, women") },
  { "waiting_men", N_("waiting to start, men") },
  { "overdue_end", N_("overdue at the month’s end") },
};

/* The columns of the summary (and of the publish export) that follow from
 * two kept ones: their sum. A revision of a kept column also lists these
 * when they change, so that the list names every published figure that
 * changed. */
static const struct
{
  const char *name;
  const char *label;
  guint       a, b;   /* indexes in columns[] */
} derived[] = {
  { "decided", N_("referred in total"), 0, 1 },
  { "active_women", N_("active at the month’s end, women"), 18, 20 },
  { "active_men", N_("active at the month’s end, men"), 19, 21 },
  { "participating", N_("taking part"), 18, 19 },
  { "waiting", N_("waiting to start"), 20, 21 },
};

G_DEFINE_QUARK (anv-publish-error-quark, anv_publish_error)

void
anv_published_month_free (AnvPublishedMonth *month)
{
  if (month == NULL)
    return;
  g_free (month->closed_at);
  g_free (month->closed_by);
  g_free (month->note);
  g_free (month);
}

void
anv_summary_revision_free (AnvSummaryRevision *revision)
{
  if (revision == NULL)
    return;
  g_free (revision->at);
  g_free (revision->actor);
  g_free (revision->action);
  g_free (revision->reason);
  g_free (revision);
}

/* A row's kept columns, in the order of COLUMNS_SQL. */
static void
values_of_row (const AnvSummaryRow *row,
               guint                v[N_COLUMNS])
{
  guint i = 0;

  v[i++] = row->decided_women;
  v[i++] = row->decided_men;
  v[i++] = row->started;
  v[i++] = row->started_women;
  v[i++] = row->started_men;
  v[i++] = row->ended_job;
  v[i++] = row->ended_job_women;
  v[i++] = row->ended_job_men;
  v[i++] = row->ended_studies;
  v[i++] = row->ended_studies_women;
  v[i++] = row->ended_studies_men;
  v[i++] = row->ended_interrupted;
  v[i++] = row->ended_interrupted_women;
  v[i++] = row->ended_interrupted_men;
  v[i++] = row->ended_before_start;
  v[i++] = row->ended_before_start_women;
  v[i++] = row->ended_before_start_men;
  v[i++] = row->active_end;
  v[i++] = row->participating_women;
  v[i++] = row->participating_men;
  v[i++] = row->waiting_women;
  v[i++] = row->waiting_men;
  v[i++] = row->overdue_end;
  g_assert (i == N_COLUMNS);
}

/* a + b, unknown when either is */
static guint
add_known (guint a,
           guint b)
{
  return a == ANV_SUMMARY_UNKNOWN || b == ANV_SUMMARY_UNKNOWN ? ANV_SUMMARY_UNKNOWN : a + b;
}

static void
finish_row (AnvSummaryRow *row)
{
  row->active_women = add_known (row->participating_women, row->waiting_women);
  row->active_men = add_known (row->participating_men, row->waiting_men);
  row->participating = add_known (row->participating_women, row->participating_men);
  row->waiting = add_known (row->waiting_women, row->waiting_men);
}

/* Sets a row's kept columns from @v and what follows from them. */
static void
row_set_values (AnvSummaryRow *row,
                const guint    v[N_COLUMNS])
{
  guint i = 0;

  row->decided_women = v[i++];
  row->decided_men = v[i++];
  row->started = v[i++];
  row->started_women = v[i++];
  row->started_men = v[i++];
  row->ended_job = v[i++];
  row->ended_job_women = v[i++];
  row->ended_job_men = v[i++];
  row->ended_studies = v[i++];
  row->ended_studies_women = v[i++];
  row->ended_studies_men = v[i++];
  row->ended_interrupted = v[i++];
  row->ended_interrupted_women = v[i++];
  row->ended_interrupted_men = v[i++];
  row->ended_before_start = v[i++];
  row->ended_before_start_women = v[i++];
  row->ended_before_start_men = v[i++];
  row->active_end = v[i++];
  row->participating_women = v[i++];
  row->participating_men = v[i++];
  row->waiting_women = v[i++];
  row->waiting_men = v[i++];
  row->overdue_end = v[i++];
  g_assert (i == N_COLUMNS);
  finish_row (row);
}

/* Binds @v from ?@first on; unknown as NULL. */
static void
bind_values (AnvDbStmt   *stmt,
             int          first,
             const guint  v[N_COLUMNS])
{
  for (guint i = 0; i < N_COLUMNS; i++)
    {
      if (v[i] == ANV_SUMMARY_UNKNOWN)
        anv_db_bind_text (stmt, first + (int) i, NULL);
      else
        anv_db_bind_int64 (stmt, first + (int) i, v[i]);
    }
}

static guint
column_value (AnvDbStmt *stmt,
              int        column)
{
  return anv_db_column_is_null (stmt, column) ? ANV_SUMMARY_UNKNOWN
                                              : (guint) anv_db_column_int64 (stmt, column);
}

static const char *
find_column (const char *name)
{
  for (guint i = 0; i < N_COLUMNS; i++)
    if (g_strcmp0 (columns[i].name, name) == 0)
      return columns[i].name;
  for (guint i = 0; i < G_N_ELEMENTS (derived); i++)
    if (g_strcmp0 (derived[i].name, name) == 0)
      return derived[i].name;
  return NULL;
}

/* Reading what was published */

/* The published figures of one cell, with the revisions since applied:
 * the figures as last recorded. FALSE with @error on failure; @found
 * FALSE when the month keeps no row for the cell. */
static gboolean
read_recorded (AnvDb       *db,
               const char  *month,
               const char  *service,
               const char  *code,
               guint        v[N_COLUMNS],
               gboolean    *found,
               GError     **error)
{
  AnvDbStmt *stmt = anv_db_prepare (db, "publish/read-cell",
    "SELECT " COLUMNS_SQL " FROM published_summary "
    "WHERE month = ?1 AND service = ?2 AND municipality_code = ?3", error);
  AnvDbStep step;

  *found = FALSE;
  if (stmt == NULL)
    return FALSE;
  anv_db_bind_text (stmt, 1, month);
  anv_db_bind_text (stmt, 2, service);
  anv_db_bind_text (stmt, 3, code);
  step = anv_db_step (stmt, error);
  if (step == ANV_DB_FAILED)
    return FALSE;
  if (step == ANV_DB_DONE)
    return TRUE;
  for (guint i = 0; i < N_COLUMNS; i++)
    v[i] = column_value (stmt, (int) i);
  anv_db_reset (stmt);
  *found = TRUE;

  stmt = anv_db_prepare (db, "publish/read-cell-revisions",
    "SELECT column_name, new_value FROM summary_revision "
    "WHERE month = ?1 AND service = ?2 AND municipality_code = ?3 ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  anv_db_bind_text (stmt, 1, month);
  anv_db_bind_text (stmt, 2, service);
  anv_db_bind_text (stmt, 3, code);
  while ((step = anv_db_step (stmt, error)) == ANV_DB_ROW)
    for (guint i = 0; i < N_COLUMNS; i++)
      if (g_strcmp0 (columns[i].name, anv_db_column_text (stmt, 0)) == 0)
        v[i] = column_value (stmt, 1);
  return step == ANV_DB_DONE;
}

/* Keeps a row of its own for the cell in the summary, with the figures it
 * reads as now (those carried from an earlier month where it has none),
 * so that every later change of the month's figures touches that row. */
static gboolean
keep_row (AnvDb       *db,
          const char  *month,
          const char  *service,
          const char  *code,
          const guint  v[N_COLUMNS],
          GError     **error)
{
  AnvDbStmt *stmt = anv_db_prepare (db, "publish/keep-row",
    "INSERT INTO summary (month, service, municipality_code, " COLUMNS_SQL ") "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, "
    "        ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26) ON CONFLICT DO NOTHING", error);

  if (stmt == NULL)
    return FALSE;
  anv_db_bind_text (stmt, 1, month);
  anv_db_bind_text (stmt, 2, service);
  anv_db_bind_text (stmt, 3, code);
  bind_values (stmt, 4, v);
  return anv_db_step_done (stmt, error);
}

static GArray *
read_month (AnvDb       *db,
            const char  *month,
            GError     **error)
{
  AnvSummaryQuery query = { month, month, ANV_SERVICE_NONE, NULL };

  return anv_summary_read (db, &query, error);
}

static gboolean
check_month (const char  *month,
             GError     **error)
{
  g_autoptr (GError) local_error = NULL;

  if (anv_summary_parse_month (month, &local_error))
    return TRUE;
  g_set_error_literal (error, ANV_PUBLISH_ERROR, ANV_PUBLISH_ERROR_MONTH, local_error->message);
  return FALSE;
}

/* The closed month @month into @out (allocated), NULL when it is open. */
/* Refuses @month when it is before the first month of either service: the
 * earliest date from which the database knows a service anywhere (its
 * availability) or a period rule of it. */
static gboolean
check_after_start (AnvDb       *db,
                   const char  *month,
                   GError     **error)
{
  AnvDbStmt *stmt = anv_db_prepare (db, "publish/first-service",
    "SELECT service, valid_from FROM "
    "  (SELECT service, valid_from FROM service_availability "
    "   UNION ALL SELECT service, valid_from FROM period_rule) AS first "
    "ORDER BY valid_from LIMIT 1", error);
  AnvDbStep step;
  g_autofree char *service = NULL;
  g_autofree char *from = NULL;
  g_autofree char *first_month = NULL;

  if (stmt == NULL)
    return FALSE;
  step = anv_db_step (stmt, error);
  if (step == ANV_DB_FAILED)
    return FALSE;
  if (step == ANV_DB_DONE)
    return TRUE;
  service = anv_db_column_dup (stmt, 0);
  from = anv_db_column_dup (stmt, 1);
  anv_db_reset (stmt);
  first_month = g_strndup (from, 7);
  if (strcmp (month, first_month) >= 0)
    return TRUE;
  g_set_error (error, ANV_PUBLISH_ERROR, ANV_PUBLISH_ERROR_TOO_EARLY,
               /* Translators: %1$s is a month (YYYY-MM), %2$s KROM or STOM, %3$s the date
                * it began (YYYY-MM-DD), %4$s that date's month */
               _("%1$s is before either service began (%2$s, the first, from %3$s): it has "
                 "no figures to close. Choose %4$s or a later month."),
               month, service, from, first_month);
  return FALSE;
}

static gboolean
find_closed (AnvDb              *db,
             const char         *month,
             AnvPublishedMonth **out,
             GError            **error)
{
  AnvDbStmt *stmt = anv_db_prepare (db, "publish/find-month",
    "SELECT month, closed_at, closed_by, note, "
    "       (SELECT count (*) FROM summary_revision r WHERE r.month = p.month) "
    "FROM published_month p WHERE month = ?1", error);
  AnvDbStep step;

  *out = NULL;
  if (stmt == NULL)
    return FALSE;
  anv_db_bind_text (stmt, 1, month);
  step = anv_db_step (stmt, error);
  if (step == ANV_DB_ROW)
    {
      AnvPublishedMonth *m = g_new0 (AnvPublishedMonth, 1);

      g_strlcpy (m->month, anv_db_column_text (stmt, 0), sizeof m->month);
      m->closed_at = anv_db_column_dup (stmt, 1);
      m->closed_by = anv_db_column_dup (stmt, 2);
      m->note = anv_db_column_dup (stmt, 3);
      m->revisions = (guint) anv_db_column_int64 (stmt, 4);
      anv_db_reset (stmt);
      *out = m;
    }
  return step != ANV_DB_FAILED;
}

/* "2026-12-07 10:02" of an ISO time in UTC */
static char *
format_at (const char *at)
{
  return anv_publish_format_time (at, FALSE);
}

static gboolean
insert_snapshot (AnvDb       *db,
                 const char  *month,
                 GArray      *rows,
                 GError     **error)
{
  for (guint i = 0; i < rows->len; i++)
    {
      const AnvSummaryRow *row = &g_array_index (rows, AnvSummaryRow, i);
      const char *service = anv_service_code (row->service);
      guint v[N_COLUMNS];
      AnvDbStmt *stmt;

      if (row->level != ANV_SUMMARY_MUNICIPALITY)
        continue;
      values_of_row (row, v);
      stmt = anv_db_prepare (db, "publish/insert-snapshot",
        "INSERT INTO published_summary (month, service, municipality_code, " COLUMNS_SQL ") "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, "
        "        ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26)", error);
      if (stmt == NULL)
        return FALSE;
      anv_db_bind_text (stmt, 1, month);
      anv_db_bind_text (stmt, 2, service);
      anv_db_bind_text (stmt, 3, row->code);
      bind_values (stmt, 4, v);
      if (!anv_db_step_done (stmt, error)
          || !keep_row (db, month, service, row->code, v, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
forget_touched (AnvDb   *db,
                GError **error)
{
  AnvDbStmt *stmt = anv_db_prepare (db, "publish/forget-touched",
                                    "DELETE FROM summary_touched", error);

  return stmt != NULL && anv_db_step_done (stmt, error);
}

/* Revisions */

static gboolean
insert_revision (AnvDb       *db,
                 const char  *month,
                 const char  *service,
                 const char  *code,
                 const char  *column,
                 guint        old_value,
                 guint        new_value,
                 gint64       audit_id,
                 GError     **error)
{
  AnvDbStmt *stmt = anv_db_prepare (db, "publish/insert-revision",
    "INSERT INTO summary_revision (month, service, municipality_code, column_name, "
    "                              old_value, new_value, audit_id) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error);

  if (stmt == NULL)
    return FALSE;
  anv_db_bind_text (stmt, 1, month);
  anv_db_bind_text (stmt, 2, service);
  anv_db_bind_text (stmt, 3, code);
  anv_db_bind_text (stmt, 4, column);
  if (old_value == ANV_SUMMARY_UNKNOWN)
    anv_db_bind_text (stmt, 5, NULL);
  else
    anv_db_bind_int64 (stmt, 5, old_value);
  if (new_value == ANV_SUMMARY_UNKNOWN)
    anv_db_bind_text (stmt, 6, NULL);
  else
    anv_db_bind_int64 (stmt, 6, new_value);
  anv_db_bind_int64 (stmt, 7, audit_id);
  return anv_db_step_done (stmt, error);
}

/* The figures of one cell of a closed month as they are now: its own row
 * of the summary, which closing gave every cell and which holds the
 * running counts; only a recount can have removed it, and then the
 * month is read as the summary reads it (@rows, read once per month). */
static gboolean
read_current (AnvDb       *db,
              const char  *month,
              const char  *service,
              const char  *code,
              GArray     **rows,
              guint        v[N_COLUMNS],
              gboolean    *found,
              GError     **error)
{
  AnvDbStmt *stmt = anv_db_prepare (db, "publish/read-current-cell",
    "SELECT " COLUMNS_SQL " FROM summary "
    "WHERE month = ?1 AND service = ?2 AND municipality_code = ?3", error);
  AnvDbStep step;

  *found = FALSE;
  if (stmt == NULL)
    return FALSE;
  anv_db_bind_text (stmt, 1, month);
  anv_db_bind_text (stmt, 2, service);
  anv_db_bind_text (stmt, 3, code);
  step = anv_db_step (stmt, error);
  if (step == ANV_DB_FAILED)
    return FALSE;
  if (step == ANV_DB_ROW)
    {
      for (guint i = 0; i < N_COLUMNS; i++)
        v[i] = column_value (stmt, (int) i);
      anv_db_reset (stmt);
      *found = TRUE;
      return TRUE;
    }

  if (*rows == NULL)
    {
      *rows = read_month (db, month, error);
      if (*rows == NULL)
        return FALSE;
    }
  for (guint i = 0; i < (*rows)->len; i++)
    {
      const AnvSummaryRow *row = &g_array_index (*rows, AnvSummaryRow, i);

      if (row->level == ANV_SUMMARY_MUNICIPALITY && strcmp (row->code, code) == 0
          && strcmp (anv_service_code (row->service), service) == 0)
        {
          values_of_row (row, v);
          *found = TRUE;
          break;
        }
    }
  return TRUE;
}

/* Compares the touched cells of @month with what was recorded. A write
 * to a referral decided before a closed month touches that month's cells
 * (its counts are taken away and added again), so this is on the path of
 * most writes: it reads the touched cells, not the month. */
static gboolean
revise_month (AnvDb       *db,
              const char  *month,
              gint64       audit_id,
              GError     **error)
{
  g_autoptr (GArray) rows = NULL;
  g_autoptr (GPtrArray) cells = NULL;
  AnvDbStmt *stmt;
  AnvDbStep step;

  stmt = anv_db_prepare (db, "publish/touched-cells",
    "SELECT service || ' ' || municipality_code FROM summary_touched WHERE month = ?1", error);
  if (stmt == NULL)
    return FALSE;
  anv_db_bind_text (stmt, 1, month);
  cells = g_ptr_array_new_with_free_func (g_free);
  while ((step = anv_db_step (stmt, error)) == ANV_DB_ROW)
    g_ptr_array_add (cells, anv_db_column_dup (stmt, 0));
  if (step == ANV_DB_FAILED)
    return FALSE;

  for (guint c = 0; c < cells->len; c++)
    {
      const char *cell = g_ptr_array_index (cells, c);
      g_autofree char *service = g_strndup (cell, strcspn (cell, " "));
      const char *code = cell + strlen (service) + (cell[strlen (service)] == ' ' ? 1 : 0);
      guint recorded[N_COLUMNS], current[N_COLUMNS];
      gboolean found, is_now;

      if (!read_current (db, month, service, code, &rows, current, &is_now, error)
          || !read_recorded (db, month, service, code, recorded, &found, error))
        return FALSE;
      if (!is_now || !found)
        continue;
      for (guint i = 0; i < N_COLUMNS; i++)
        if (current[i] != recorded[i]
            && !insert_revision (db, month, service, code, columns[i].name, recorded[i],
                                 current[i], audit_id, error))
          return FALSE;
      for (guint i = 0; i < G_N_ELEMENTS (derived); i++)
        {
          guint before = add_known (recorded[derived[i].a], recorded[derived[i].b]);
          guint after = add_known (current[derived[i].a], current[derived[i].b]);

          if (before != after
              && !insert_revision (db, month, service, code, derived[i].name, before, after,
                                   audit_id, error))
            return FALSE;
        }
      /* A recount removes rows; the month keeps one of its own. */
      if (!keep_row (db, month, service, code, current, error))
        return FALSE;
    }
  return TRUE;
}

static gpointer
read_published_month (AnvDbStmt *stmt,
                      gpointer   user_data)
{
  AnvPublishedMonth *m = g_new0 (AnvPublishedMonth, 1);

  g_strlcpy (m->month, anv_db_column_text (stmt, 0), sizeof m->month);
  m->closed_at = anv_db_column_dup (stmt, 1);
  m->closed_by = anv_db_column_dup (stmt, 2);
  m->note = anv_db_column_dup (stmt, 3);
  m->revisions = (guint) anv_db_column_int64 (stmt, 4);
  return m;
}

static gpointer
read_revision (AnvDbStmt *stmt,
               gpointer   user_data)
{
  AnvSummaryRevision *r = g_new0 (AnvSummaryRevision, 1);
  const char *column = find_column (anv_db_column_text (stmt, 4));

  r->id = anv_db_column_int64 (stmt, 0);
  g_strlcpy (r->month, anv_db_column_text (stmt, 1), sizeof r->month);
  if (!anv_service_parse (anv_db_column_text (stmt, 2), &r->service, NULL))
    r->service = ANV_SERVICE_NONE;
  g_strlcpy (r->municipality_code, anv_db_column_text (stmt, 3), sizeof r->municipality_code);
  r->column = column ? column : "";
  r->old_value = column_value (stmt, 5);
  r->new_value = column_value (stmt, 6);
  r->audit_id = anv_db_column_int64 (stmt, 7);
  r->at = anv_db_column_dup (stmt, 8);
  r->actor = anv_db_column_dup (stmt, 9);
  r->action = anv_db_column_dup (stmt, 10);
  r->reason = anv_db_column_dup (stmt, 11);
  return r;
}

/* Public */

gboolean
anv_publish_record_revisions (AnvDb   *db,
                              gint64   audit_id,
                              GError **error)
{
  g_autoptr (GPtrArray) months = NULL;
  AnvDbStmt *stmt;
  AnvDbStep step;

  /* A database opened at an older version (the tests), or one being
   * migrated: no month can be closed in it. */
  if (anv_db_get_schema_version (db) < anv_migrations_publishing_version ())
    return TRUE;
  stmt = anv_db_prepare (db, "publish/any-touched",
                         "SELECT month FROM summary_touched GROUP BY month", error);
  if (stmt == NULL)
    return FALSE;
  months = g_ptr_array_new_with_free_func (g_free);
  while ((step = anv_db_step (stmt, error)) == ANV_DB_ROW)
    g_ptr_array_add (months, anv_db_column_dup (stmt, 0));
  if (step == ANV_DB_FAILED)
    return FALSE;
  if (months->len == 0)
    return TRUE;

  for (guint i = 0; i < months->len; i++)
    if (!revise_month (db, g_ptr_array_index (months, i), audit_id, error))
      return FALSE;
  return forget_touched (db, error);
}

gboolean
anv_publish_close_month (AnvDb        *db,
                         const char   *month,
                         const char   *note,
                         const GDate  *today,
                         GError      **error)
{
  g_autoptr (AnvPublishedMonth) closed = NULL;
  g_autoptr (GArray) rows = NULL;
  g_autofree char *clean_note = NULL;
  g_autofree char *details = NULL;
  char today_text[11];
  AnvDbStmt *stmt;

  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);

  if (!check_month (month, error))
    return FALSE;
  anv_date_format (today, today_text);
  if (strncmp (month, today_text, 7) >= 0)
    {
      g_set_error (error, ANV_PUBLISH_ERROR, ANV_PUBLISH_ERROR_NOT_ENDED,
                   /* Translators: %1$s is a month (YYYY-MM), %2$s today's date */
                   _("%1$s has not ended yet (today is %2$s): a month can be closed from the "
                     "first day of the next month."), month, today_text);
      return FALSE;
    }
  if (!check_after_start (db, month, error))
    return FALSE;
  if (note != NULL && *note != '\0')
    {
      clean_note = anv_text_clean_line (note, strlen (note), MAX_NOTE_CHARS, _("The note"),
                                        ANV_PUBLISH_ERROR, ANV_PUBLISH_ERROR_NOTE,
                                        _("Write a note of up to 500 characters, or leave "
                                          "it out."), error);
      if (clean_note == NULL)
        return FALSE;
    }

  if (!anv_db_begin (db, error))
    return FALSE;
  if (!find_closed (db, month, &closed, error))
    goto fail;
  if (closed != NULL)
    {
      g_autofree char *at = format_at (closed->closed_at);

      g_set_error (error, ANV_PUBLISH_ERROR, ANV_PUBLISH_ERROR_CLOSED,
                   /* Translators: %1$s is a month, %2$s a time, %3$s a user name */
                   _("%1$s was closed already, on %2$s by %3$s; its figures are kept as "
                     "published then. A change since is shown as a revision."),
                   month, at, closed->closed_by);
      goto fail;
    }

  rows = read_month (db, month, error);
  stmt = rows ? anv_db_prepare (db, "publish/close",
                                "INSERT INTO published_month (month, closed_by, note) "
                                "VALUES (?1, ?2, ?3)", error) : NULL;
  if (stmt == NULL)
    goto fail;
  anv_db_bind_text (stmt, 1, month);
  anv_db_bind_text (stmt, 2, anv_db_get_user (db));
  anv_db_bind_text (stmt, 3, clean_note);
  details = clean_note ? g_strdup_printf ("%s: %s", month, clean_note) : g_strdup (month);
  if (!anv_db_step_done (stmt, error)
      || !insert_snapshot (db, month, rows, error)
      || !forget_touched (db, error)
      || !anv_audit_append (db, "summary.close", "summary", NULL, details, error)
      || !anv_db_commit (db, error))
    goto fail;
  return TRUE;

fail:
  anv_db_rollback (db);
  return FALSE;
}

GPtrArray *
anv_publish_list (AnvDb   *db,
                  GError **error)
{
  AnvDbStmt *stmt = anv_db_prepare (db, "publish/list",
    "SELECT month, closed_at, closed_by, note, "
    "       (SELECT count (*) FROM summary_revision r WHERE r.month = p.month) "
    "FROM published_month p ORDER BY month DESC", error);

  if (stmt == NULL)
    return NULL;
  return anv_db_collect (stmt, read_published_month, NULL,
                         (GDestroyNotify) anv_published_month_free, error);
}

GPtrArray *
anv_publish_revisions (AnvDb       *db,
                       const char  *month,
                       GError     **error)
{
  AnvDbStmt *stmt;

  if (month != NULL && !check_month (month, error))
    return NULL;
  /* A correction's reason is the one recorded with it, in the same
   * transaction, before its audit entry. */
  stmt = anv_db_prepare (db, "publish/revisions",
    "SELECT r.id, r.month, r.service, r.municipality_code, r.column_name, r.old_value, "
    "       r.new_value, coalesce (r.audit_id, 0), coalesce (a.at, r.recorded_at), a.actor, "
    "       a.action, "
    "       CASE WHEN a.action = 'referral.correct' THEN "
    "         (SELECT c.reason FROM referral_correction c "
    "          WHERE c.referral_id = CAST (a.entity_id AS INTEGER) AND c.corrected_at <= a.at "
    "          ORDER BY c.id DESC LIMIT 1) END "
    "FROM summary_revision r LEFT JOIN audit_log a ON a.id = r.audit_id "
    "WHERE CAST (?1 AS TEXT) IS NULL OR r.month = ?1 ORDER BY r.id", error);
  if (stmt == NULL)
    return NULL;
  anv_db_bind_text (stmt, 1, month);
  return anv_db_collect (stmt, read_revision, NULL,
                         (GDestroyNotify) anv_summary_revision_free, error);
}

GArray *
anv_publish_read (AnvDb                 *db,
                  const AnvSummaryQuery *query,
                  GError               **error)
{
  g_autoptr (GArray) rows = anv_summary_read (db, query, error);
  AnvDbStmt *stmt;

  if (rows == NULL)
    return NULL;

  for (guint i = 0; i < rows->len; i++)
    {
      AnvSummaryRow *row = &g_array_index (rows, AnvSummaryRow, i);
      guint v[N_COLUMNS];
      AnvDbStep step;

      if (row->level != ANV_SUMMARY_MUNICIPALITY)
        continue;
      stmt = anv_db_prepare (db, "publish/read-cell",
        "SELECT " COLUMNS_SQL " FROM published_summary "
        "WHERE month = ?1 AND service = ?2 AND municipality_code = ?3", error);
      if (stmt == NULL)
        return NULL;
      anv_db_bind_text (stmt, 1, row->month);
      anv_db_bind_text (stmt, 2, anv_service_code (row->service));
      anv_db_bind_text (stmt, 3, row->code);
      step = anv_db_step (stmt, error);
      if (step == ANV_DB_FAILED)
        return NULL;
      if (step == ANV_DB_DONE)
        continue;
      for (guint c = 0; c < N_COLUMNS; c++)
        v[c] = column_value (stmt, (int) c);
      anv_db_reset (stmt);
      row_set_values (row, v);
      row->level = ANV_SUMMARY_MUNICIPALITY;
    }

  /* The county and national lines of a closed month: the sums of the
   * municipalities' published figures. */
  for (guint i = 0; i < rows->len; i++)
    {
      AnvSummaryRow *total = &g_array_index (rows, AnvSummaryRow, i);
      guint sum[N_COLUMNS] = { 0 };
      g_autoptr (AnvPublishedMonth) closed = NULL;

      if (total->level == ANV_SUMMARY_MUNICIPALITY)
        continue;
      if (!find_closed (db, total->month, &closed, error))
        return NULL;
      if (closed == NULL)
        continue;
      for (guint j = 0; j < rows->len; j++)
        {
          const AnvSummaryRow *row = &g_array_index (rows, AnvSummaryRow, j);
          const AnvMunicipality *m;
          guint v[N_COLUMNS];

          if (row->level != ANV_SUMMARY_MUNICIPALITY || row->service != total->service
              || strcmp (row->month, total->month) != 0)
            continue;
          if (total->level == ANV_SUMMARY_COUNTY)
            {
              m = anv_municipalities_lookup (db, row->code, error);
              if (m == NULL)
                return NULL;
              if (strcmp (m->county_code, total->code) != 0)
                continue;
            }
          values_of_row (row, v);
          for (guint c = 0; c < N_COLUMNS; c++)
            sum[c] = add_known (sum[c], v[c]);
        }
      row_set_values (total, sum);
    }
  return g_steal_pointer (&rows);
}

char *
anv_publish_format_time (const char *at,
                         gboolean    date_only)
{
  g_autoptr (GDateTime) utc = at ? g_date_time_new_from_iso8601 (at, NULL) : NULL;
  g_autoptr (GDateTime) local = NULL;

  if (utc == NULL)
    return g_strndup (at ? at : "", date_only ? 10 : 16);
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, date_only ? "%Y-%m-%d" : "%Y-%m-%d %H:%M");
}

const char *
anv_publish_column_label (const char *column)
{
  for (guint i = 0; i < N_COLUMNS; i++)
    if (g_strcmp0 (columns[i].name, column) == 0)
      return _(columns[i].label);
  for (guint i = 0; i < G_N_ELEMENTS (derived); i++)
    if (g_strcmp0 (derived[i].name, column) == 0)
      return _(derived[i].label);
  return column;
}

static char *
format_value (guint value)
{
  /* Translators: a split by sex that is not known (retention removed what it counted) */
  return value == ANV_SUMMARY_UNKNOWN ? g_strdup (C_("split", "unknown"))
                                      : anv_format_count (value);
}

char *
anv_publish_describe_revision (AnvDb                    *db,
                               const AnvSummaryRevision *revision)
{
  const AnvMunicipality *m = anv_municipalities_lookup (db, revision->municipality_code, NULL);
  g_autofree char *old_value = format_value (revision->old_value);
  g_autofree char *new_value = format_value (revision->new_value);
  g_autofree char *at = format_at (revision->at);
  g_autofree char *event = NULL;
  g_autofree char *reason = NULL;

  if (revision->action != NULL)
    {
      AnvAuditEntry entry = { 0 };
      g_autoptr (AnvAuditDescription) description = NULL;

      entry.action = revision->action;
      entry.entity = (char *) "summary";
      description = anv_audit_describe (&entry);
      event = g_strdup (description->event);
    }
  else
    event = g_strdup (_("no audit entry"));
  if (revision->reason != NULL)
    {
      g_autofree char *quoted = anv_text_quote (revision->reason);

      /* Translators: %1$s is what changed a figure, %2$s the reason given */
      reason = g_strdup_printf (_("%1$s: “%2$s”"), event, quoted);
    }

  /* Translators: a revision of a published figure: %1$s a month, %2$s KROM or STOM,
   * %3$s a municipality, %4$s a column of the summary, %5$s and %6$s its value before and
   * after, %7$s when, %8$s who, %9$s what changed it (and why) */
  return g_strdup_printf (_("%1$s %2$s %3$s: %4$s %5$s → %6$s, %7$s, %8$s, %9$s"),
                          revision->month, anv_service_code (revision->service),
                          m ? m->short_name : revision->municipality_code,
                          anv_publish_column_label (revision->column), old_value, new_value,
                          at, revision->actor ? revision->actor : "–",
                          reason ? reason : event);
}

gboolean
anv_publish_parse_threshold (const char  *text,
                             guint       *out,
                             GError     **error)
{
  guint64 value = 0;

  if (text != NULL && g_ascii_string_to_unsigned (text, 10, 1, ANV_PUBLISH_MAX_THRESHOLD,
                                                  &value, NULL))
    {
      *out = (guint) value;
      return TRUE;
    }
  {
    g_autofree char *shown = anv_text_quote (text ? text : "");

    g_set_error (error, ANV_PUBLISH_ERROR, ANV_PUBLISH_ERROR_THRESHOLD,
                 /* Translators: %s is what was typed as the threshold */
                 _("The threshold “%s” is not a whole number from 1 to 100: counts below it "
                   "in a split by sex are shown as “..”. The default is 5."), shown);
  }
  return FALSE;
}

gboolean
anv_publish_suppress (const guint *parts,
                      gboolean    *masked,
                      guint        n,
                      guint        threshold)
{
  guint n_masked = 0, smallest = G_MAXUINT;
  gboolean any = FALSE;

  for (guint i = 0; i < n; i++)
    if (parts[i] != ANV_SUMMARY_UNKNOWN && parts[i] >= 1 && parts[i] < threshold)
      masked[i] = TRUE;
  for (guint i = 0; i < n; i++)
    if (masked[i])
      n_masked++;
  if (n_masked == 1)
    for (guint i = 0; i < n; i++)
      if (!masked[i] && parts[i] != ANV_SUMMARY_UNKNOWN
          && (smallest == G_MAXUINT || parts[i] < parts[smallest]))
        smallest = i;
  if (smallest != G_MAXUINT)
    masked[smallest] = TRUE;
  for (guint i = 0; i < n; i++)
    any = any || masked[i];
  return any;
}

/* The splits of a line, women and men, in the order of AnvPublishSplit,
 * and each split's total as the export shows it. */
static void
row_splits (const AnvSummaryRow *row,
            guint                splits[ANV_PUBLISH_N_SPLITS][2],
            guint                totals[ANV_PUBLISH_N_SPLITS])
{
  const guint s[ANV_PUBLISH_N_SPLITS][2] = {
    { row->decided_women, row->decided_men },
    { row->started_women, row->started_men },
    { row->ended_job_women, row->ended_job_men },
    { row->ended_studies_women, row->ended_studies_men },
    { row->ended_interrupted_women, row->ended_interrupted_men },
    { row->active_women, row->active_men },
    { row->participating_women, row->participating_men },
    { row->waiting_women, row->waiting_men },
    { row->ended_before_start_women, row->ended_before_start_men },
  };
  const guint t[ANV_PUBLISH_N_SPLITS] = {
    add_known (row->decided_women, row->decided_men), row->started, row->ended_job,
    row->ended_studies, row->ended_interrupted, row->active_end, row->participating,
    row->waiting, row->ended_before_start,
  };

  memcpy (splits, s, sizeof s);
  memcpy (totals, t, sizeof t);
}

/* Active = taking part + waiting, by sex: with one of the three splits
 * shown, another would follow from it, so the three go together. The
 * groups below: each split on its own, those three as one. */
static gboolean
group_masked (AnvPublishMask mask,
              guint          split)
{
  return mask[split][0] || mask[split][1];
}

static void
mask_group (AnvPublishMask mask,
            guint          split)
{
  guint last = split == ANV_PUBLISH_SPLIT_ACTIVE ? ANV_PUBLISH_SPLIT_WAITING : split;

  for (guint i = split; i <= last; i++)
    mask[i][0] = mask[i][1] = TRUE;
}

static gboolean
is_group (guint split)
{
  return split != ANV_PUBLISH_SPLIT_PARTICIPATING && split != ANV_PUBLISH_SPLIT_WAITING;
}

static gboolean
split_known (const AnvSummaryRow *row,
             guint                split)
{
  guint splits[ANV_PUBLISH_N_SPLITS][2], totals[ANV_PUBLISH_N_SPLITS];
  guint last = split == ANV_PUBLISH_SPLIT_ACTIVE ? ANV_PUBLISH_SPLIT_WAITING : split;

  row_splits (row, splits, totals);
  for (guint i = split; i <= last; i++)
    if (splits[i][0] == ANV_SUMMARY_UNKNOWN || splits[i][1] == ANV_SUMMARY_UNKNOWN)
      return FALSE;
  return TRUE;
}

static guint
group_total (const AnvSummaryRow *row,
             guint                split)
{
  guint splits[ANV_PUBLISH_N_SPLITS][2], totals[ANV_PUBLISH_N_SPLITS];

  row_splits (row, splits, totals);
  return totals[split];
}

/* Whether @row is of @level and in @county (@row_county: its county). */
static gboolean
in_block (const AnvSummaryRow *row,
          AnvSummaryLevel      level,
          const char          *county,
          const char          *row_county)
{
  return row->level == level && (county == NULL || g_strcmp0 (row_county, county) == 0);
}

AnvPublishMask *
anv_publish_suppress_rows (AnvDb         *db,
                           const GArray  *rows,
                           guint          threshold,
                           GError       **error)
{
  g_autofree AnvPublishMask *masks = g_new0 (AnvPublishMask, MAX (rows->len, 1));
  g_autofree const char **counties = g_new0 (const char *, MAX (rows->len, 1));
  guint first = 0;

  if (threshold == 0)
    return g_steal_pointer (&masks);

  /* Each municipality's own small counts. */
  for (guint i = 0; i < rows->len; i++)
    {
      const AnvSummaryRow *row = &g_array_index (rows, AnvSummaryRow, i);
      guint splits[ANV_PUBLISH_N_SPLITS][2], totals[ANV_PUBLISH_N_SPLITS];
      gboolean active = FALSE;

      if (row->level == ANV_SUMMARY_COUNTY)
        counties[i] = row->code;
      if (row->level != ANV_SUMMARY_MUNICIPALITY)
        continue;
      {
        const AnvMunicipality *m = anv_municipalities_lookup (db, row->code, error);

        if (m == NULL)
          return NULL;
        counties[i] = m->county_code;
      }
      row_splits (row, splits, totals);
      for (guint s = 0; s < ANV_PUBLISH_N_SPLITS; s++)
        if (anv_publish_suppress (splits[s], masks[i][s], 2, threshold))
          active = active || (s >= ANV_PUBLISH_SPLIT_ACTIVE && s <= ANV_PUBLISH_SPLIT_WAITING);
      if (active)
        mask_group (masks[i], ANV_PUBLISH_SPLIT_ACTIVE);
    }

  /* The complementary suppression, block by block (a service's month). */
  while (first < rows->len)
    {
      const AnvSummaryRow *head = &g_array_index (rows, AnvSummaryRow, first);
      guint end = first;

      while (end < rows->len)
        {
          const AnvSummaryRow *row = &g_array_index (rows, AnvSummaryRow, end);

          if (row->service != head->service || strcmp (row->month, head->month) != 0)
            break;
          end++;
        }

      for (guint s = 0; s < ANV_PUBLISH_N_SPLITS; s++)
        {
          guint n_counties = 0;

          if (!is_group (s))
            continue;
          /* Within each county: no municipality's suppressed split follows
           * from the county's line and the others shown. */
          for (guint c = first; c < end; c++)
            {
              const AnvSummaryRow *county = &g_array_index (rows, AnvSummaryRow, c);
              guint n = 0, smallest = G_MAXUINT;

              if (county->level != ANV_SUMMARY_COUNTY)
                continue;
              for (guint i = first; i < end; i++)
                if (in_block (&g_array_index (rows, AnvSummaryRow, i), ANV_SUMMARY_MUNICIPALITY,
                              county->code, counties[i]) && group_masked (masks[i], s))
                  n++;
              if (n == 1)
                {
                  for (guint i = first; i < end; i++)
                    {
                      const AnvSummaryRow *row = &g_array_index (rows, AnvSummaryRow, i);
                      guint total = group_total (row, s);

                      if (!in_block (row, ANV_SUMMARY_MUNICIPALITY, county->code, counties[i])
                          || group_masked (masks[i], s) || !split_known (row, s)
                          || total == 0 || total == ANV_SUMMARY_UNKNOWN)
                        continue;
                      if (smallest == G_MAXUINT
                          || total < group_total (&g_array_index (rows, AnvSummaryRow,
                                                                  smallest), s))
                        smallest = i;
                    }
                  mask_group (masks[smallest != G_MAXUINT ? smallest : c], s);
                }
              if (group_masked (masks[c], s))
                n_counties++;
            }
          /* The same between the counties and the national line. */
          if (n_counties == 1)
            for (guint i = first; i < end; i++)
              if (g_array_index (rows, AnvSummaryRow, i).level == ANV_SUMMARY_NATIONAL)
                mask_group (masks[i], s);
        }
      first = end;
    }
  return g_steal_pointer (&masks);
}
