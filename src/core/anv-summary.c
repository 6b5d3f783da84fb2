/* anv-summary.c — the summary (sammanställning) per municipality × month × service
 *
 * The summary table is kept in the transaction of every referral write,
 * so reading it never counts referrals. A cell (service, municipality)
 * has a row for each month in which something happened there; active_end
 * is the number of referrals active at that month's end, and holds for
 * the following months that have no row of their own; overdue_end, the
 * number open at the month's end after their period's last day, likewise.
 *
 * Our rule: a referral counts as active at a month's end only while it is
 * within its period (its last day is that day or later); after it, until
 * it is ended, it counts as overdue instead. So a referral stops being
 * active in the month of its end or in the month of the day after its
 * period's last day ("lapse"), whichever comes first, and is overdue from
 * the lapse month until the month it ends.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-summary"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "anv-audit.h"
#include "anv-date.h"
#include "anv-db-private.h"
#include "anv-municipalities.h"
#include "anv-summary-private.h"
#include "anv-text.h"

G_DEFINE_QUARK (anv-summary-error-quark, anv_summary_error)

/* Keeping */

typedef enum
{
  COLUMN_DECIDED_WOMEN,
  COLUMN_DECIDED_MEN,
  COLUMN_STARTED,
  COLUMN_ENDED_JOB,
  COLUMN_ENDED_STUDIES,
  COLUMN_ENDED_INTERRUPTED,
} Column;

/* One statement per column, each with its key: column names cannot be
 * bound. */
static const struct
{
  const char *key;
  const char *sql;
} add_to_column[] = {
  { "summary/add/decided-women",
    "UPDATE summary SET decided_women = decided_women + ?4 "
    "WHERE service = ?1 AND municipality_code = ?2 AND month = ?3" },
  { "summary/add/decided-men",
    "UPDATE summary SET decided_men = decided_men + ?4 "
    "WHERE service = ?1 AND municipality_code = ?2 AND month = ?3" },
  { "summary/add/started",
    "UPDATE summary SET started = started + ?4 "
    "WHERE service = ?1 AND municipality_code = ?2 AND month = ?3" },
  { "summary/add/ended-job",
    "UPDATE summary SET ended_job = ended_job + ?4 "
    "WHERE service = ?1 AND municipality_code = ?2 AND month = ?3" },
  { "summary/add/ended-studies",
    "UPDATE summary SET ended_studies = ended_studies + ?4 "
    "WHERE service = ?1 AND municipality_code = ?2 AND month = ?3" },
  { "summary/add/ended-interrupted",
    "UPDATE summary SET ended_interrupted = ended_interrupted + ?4 "
    "WHERE service = ?1 AND municipality_code = ?2 AND month = ?3" },
};

/* @month is "YYYY-MM" and must outlive the step. */
static void
bind_cell (AnvDbStmt             *stmt,
           const AnvSummaryFacts *facts,
           const char            *month)
{
  anv_db_bind_text (stmt, 1, anv_service_code (facts->service));
  anv_db_bind_text (stmt, 2, facts->municipality_code);
  anv_db_bind_text (stmt, 3, month);
}

/* Makes sure the cell has a row for @month, carrying active_end from the
 * month before it. */
static gboolean
ensure_row (AnvDb                 *db,
            const AnvSummaryFacts *facts,
            const char            *month,
            GError               **error)
{
  AnvDbStmt *stmt = anv_db_prepare (db, "summary/ensure-row",
    "INSERT OR IGNORE INTO summary (service, municipality_code, month, active_end, "
    "                               overdue_end) "
    "SELECT ?1, ?2, ?3, coalesce (max (active_end), 0), coalesce (max (overdue_end), 0) "
    "FROM (SELECT active_end, overdue_end FROM summary "
    "      WHERE service = ?1 AND municipality_code = ?2 AND month < ?3 "
    "      ORDER BY month DESC LIMIT 1)", error);

  if (stmt == NULL)
    return FALSE;
  bind_cell (stmt, facts, month);
  return anv_db_step_done (stmt, error);
}

static gboolean
add_count (AnvDb                 *db,
           const AnvSummaryFacts *facts,
           const char            *date,
           Column                 column,
           int                    sign,
           GError               **error)
{
  AnvDbStmt *stmt;
  char month[8];

  g_strlcpy (month, date, sizeof month);
  if (!ensure_row (db, facts, month, error))
    return FALSE;
  stmt = anv_db_prepare (db, add_to_column[column].key, add_to_column[column].sql, error);
  if (stmt == NULL)
    return FALSE;
  bind_cell (stmt, facts, month);
  anv_db_bind_int64 (stmt, 4, sign);
  return anv_db_step_done (stmt, error);
}

/* The number active (or, @overdue, overdue) changes by @delta from the
 * end of @date's month on. */
static gboolean
add_running (AnvDb                 *db,
             const AnvSummaryFacts *facts,
             const char            *date,
             gboolean               overdue,
             int                    delta,
             GError               **error)
{
  AnvDbStmt *stmt;
  char month[8];

  g_strlcpy (month, date, sizeof month);
  if (!ensure_row (db, facts, month, error))
    return FALSE;
  if (overdue)
    stmt = anv_db_prepare (db, "summary/add-overdue",
      "UPDATE summary SET overdue_end = overdue_end + ?4 "
      "WHERE service = ?1 AND municipality_code = ?2 AND month >= ?3", error);
  else
    stmt = anv_db_prepare (db, "summary/add-active",
      "UPDATE summary SET active_end = active_end + ?4 "
      "WHERE service = ?1 AND municipality_code = ?2 AND month >= ?3", error);
  if (stmt == NULL)
    return FALSE;
  bind_cell (stmt, facts, month);
  anv_db_bind_int64 (stmt, 4, delta);
  return anv_db_step_done (stmt, error);
}

static Column
end_column (AnvSummaryEnd end)
{
  switch (end)
    {
    case ANV_SUMMARY_END_JOB:
      return COLUMN_ENDED_JOB;
    case ANV_SUMMARY_END_STUDIES:
      return COLUMN_ENDED_STUDIES;
    case ANV_SUMMARY_END_INTERRUPTED:
    case ANV_SUMMARY_END_NONE:
    default:
      return COLUMN_ENDED_INTERRUPTED;
    }
}

/* The day after the period's last day ("YYYY-MM-DD"), into @out; "" when
 * the referral has no period (a database before schema version 7). */
static void
lapse_day (const AnvSummaryFacts *facts,
           char                   out[11])
{
  GDate day;

  out[0] = '\0';
  if (facts->period_end[0] == '\0' || !anv_date_parse (facts->period_end, &day, NULL))
    return;
  g_date_add_days (&day, 1);
  anv_date_format (&day, out);
}

gboolean
anv_summary_apply (AnvDb                 *db,
                   const AnvSummaryFacts *facts,
                   int                    sign,
                   GError               **error)
{
  gboolean ended = facts->ended_on[0] != '\0';
  char lapse[11];
  gboolean lapses_first;

  g_return_val_if_fail (sign == 1 || sign == -1, FALSE);

  if (facts->annulled)
    return TRUE;

  if (!add_count (db, facts, facts->decided_on,
                  facts->female ? COLUMN_DECIDED_WOMEN : COLUMN_DECIDED_MEN, sign, error)
      || !add_running (db, facts, facts->decided_on, FALSE, sign, error))
    return FALSE;

  if (facts->started_on[0] != '\0'
      && !add_count (db, facts, facts->started_on, COLUMN_STARTED, sign, error))
    return FALSE;

  if (ended && !add_count (db, facts, facts->ended_on, end_column (facts->end), sign, error))
    return FALSE;

  /* Active until the month of the end or of the lapse, the earlier;
   * overdue from the lapse's month until the end's, when the lapse's
   * month comes first. */
  lapse_day (facts, lapse);
  lapses_first = lapse[0] != '\0' && (!ended || strncmp (lapse, facts->ended_on, 7) < 0);
  if (lapses_first)
    return add_running (db, facts, lapse, FALSE, -sign, error)
           && add_running (db, facts, lapse, TRUE, sign, error)
           && (!ended || add_running (db, facts, facts->ended_on, TRUE, -sign, error));
  if (ended)
    return add_running (db, facts, facts->ended_on, FALSE, -sign, error);
  return TRUE;
}

/* Reading */

gboolean
anv_summary_parse_month (const char  *text,
                         GError     **error)
{
  g_autofree char *day = g_strconcat (text ? text : "", "-01", NULL);
  GDate date;

  if (text == NULL || strlen (text) != 7 || !anv_date_parse (day, &date, NULL))
    {
      g_autofree char *shown = anv_text_quote (text ? text : "");

      g_set_error (error, ANV_SUMMARY_ERROR, ANV_SUMMARY_ERROR_MONTH,
                   /* Translators: %s is what was typed as a month */
                   _("“%s” is not a month: write it as YYYY-MM, for example 2020-04."),
                   shown);
      return FALSE;
    }
  return TRUE;
}

gboolean
anv_summary_check_period (const char  *from_month,
                          const char  *to_month,
                          GError     **error)
{
  if (!anv_summary_parse_month (from_month, error)
      || !anv_summary_parse_month (to_month, error))
    return FALSE;
  if (strcmp (from_month, to_month) > 0)
    {
      g_set_error (error, ANV_SUMMARY_ERROR, ANV_SUMMARY_ERROR_MONTH,
                   _("The period starts in %1$s, after it ends in %2$s. Give the months "
                     "in order."),
                   from_month, to_month);
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  GPtrArray  *municipalities;   /* AnvMunicipality, of the selection, by code */
  GPtrArray  *counties;         /* char *, county codes in order */
  GPtrArray  *months;           /* char *, YYYY-MM */
  AnvService  services[2];
  guint       n_services;
} Grid;

static void
grid_clear (Grid *grid)
{
  g_clear_pointer (&grid->municipalities, g_ptr_array_unref);
  g_clear_pointer (&grid->counties, g_ptr_array_unref);
  g_clear_pointer (&grid->months, g_ptr_array_unref);
}

static GPtrArray *
list_months (const char *from,
             const char *to)
{
  GPtrArray *months = g_ptr_array_new_with_free_func (g_free);
  guint year = (guint) atoi (from), month = (guint) atoi (from + 5);

  for (;;)
    {
      char *text = g_strdup_printf ("%04u-%02u", year, month);

      g_ptr_array_add (months, text);
      if (strcmp (text, to) >= 0)
        break;
      if (++month > 12)
        {
          month = 1;
          year++;
        }
    }
  return months;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
build_grid (AnvDb                 *db,
            const AnvSummaryQuery *query,
            Grid                  *grid,
            GError               **error)
{
  g_autoptr (GPtrArray) all = NULL;

  if (!anv_summary_check_period (query->from_month, query->to_month, error))
    return FALSE;

  all = anv_municipalities_list (db, error);
  if (all == NULL)
    return FALSE;

  grid->municipalities = g_ptr_array_new_with_free_func ((GDestroyNotify) anv_municipality_free);
  grid->counties = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < all->len; i++)
    {
      AnvMunicipality *m = g_ptr_array_index (all, i);

      if (query->county_code != NULL && strcmp (m->county_code, query->county_code) != 0)
        continue;
      if (!g_ptr_array_find_with_equal_func (grid->counties, m->county_code, g_str_equal, NULL))
        g_ptr_array_add (grid->counties, g_strdup (m->county_code));
      g_ptr_array_add (grid->municipalities, g_ptr_array_steal_index (all, i--));
    }
  g_ptr_array_sort (grid->counties, compare_strings);

  if (grid->municipalities->len == 0)
    {
      g_autofree char *shown = anv_text_quote (query->county_code);

      g_set_error (error, ANV_SUMMARY_ERROR, ANV_SUMMARY_ERROR_COUNTY,
                   /* Translators: %s is what was given as a county code */
                   _("There is no county with the code “%s”. A county code has two digits, "
                     "for example 24 for Västerbottens län."),
                   shown);
      grid_clear (grid);
      return FALSE;
    }

  grid->months = list_months (query->from_month, query->to_month);
  if (query->service == ANV_SERVICE_NONE)
    {
      grid->services[0] = ANV_SERVICE_KROM;
      grid->services[1] = ANV_SERVICE_STOM;
      grid->n_services = 2;
    }
  else
    {
      grid->services[0] = query->service;
      grid->n_services = 1;
    }
  return TRUE;
}

static guint
find_municipality (Grid       *grid,
                   const char *code)
{
  guint lo = 0, hi = grid->municipalities->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      int cmp = strcmp (((AnvMunicipality *) g_ptr_array_index (grid->municipalities, mid))->code,
                        code);

      if (cmp == 0)
        return mid;
      if (cmp < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return G_MAXUINT;
}

/* Month offset of "YYYY-MM" from the grid's first month. */
static int
month_index (Grid       *grid,
             const char *month)
{
  const char *first = g_ptr_array_index (grid->months, 0);

  return (atoi (month) - atoi (first)) * 12 + atoi (month + 5) - atoi (first + 5);
}

/* The rows of one service: cells[month][municipality], with `present`
 * marking the months that have a row of their own. */
typedef struct
{
  AnvSummaryRow *cells;
  gboolean      *present;
} ServiceBlock;

static gboolean
read_block (AnvDb        *db,
            Grid         *grid,
            AnvService    service,
            ServiceBlock *block,
            GError      **error)
{
  guint n_munis = grid->municipalities->len;
  const char *from = g_ptr_array_index (grid->months, 0);
  const char *to = g_ptr_array_index (grid->months, grid->months->len - 1);
  AnvDbStmt *stmt;
  AnvDbStep step;

  stmt = anv_db_prepare (db, "summary/read",
    "SELECT municipality_code, month, decided_women, decided_men, started, ended_job, "
    "       ended_studies, ended_interrupted, active_end, overdue_end "
    "FROM summary WHERE service = ?1 AND month BETWEEN ?2 AND ?3", error);
  if (stmt == NULL)
    return FALSE;
  anv_db_bind_text (stmt, 1, anv_service_code (service));
  anv_db_bind_text (stmt, 2, from);
  anv_db_bind_text (stmt, 3, to);

  /* Not a list: each row lands in its place of the grid. */
  while ((step = anv_db_step (stmt, error)) == ANV_DB_ROW)
    {
      guint m = find_municipality (grid, anv_db_column_text (stmt, 0));
      int t = month_index (grid, anv_db_column_text (stmt, 1));
      AnvSummaryRow *row;

      if (m == G_MAXUINT || t < 0 || (guint) t >= grid->months->len)
        continue;
      row = &block->cells[(guint) t * n_munis + m];
      row->decided_women = (guint) anv_db_column_int (stmt, 2);
      row->decided_men = (guint) anv_db_column_int (stmt, 3);
      row->started = (guint) anv_db_column_int (stmt, 4);
      row->ended_job = (guint) anv_db_column_int (stmt, 5);
      row->ended_studies = (guint) anv_db_column_int (stmt, 6);
      row->ended_interrupted = (guint) anv_db_column_int (stmt, 7);
      row->active_end = (guint) anv_db_column_int (stmt, 8);
      row->overdue_end = (guint) anv_db_column_int (stmt, 9);
      block->present[(guint) t * n_munis + m] = TRUE;
    }
  if (step == ANV_DB_FAILED)
    return FALSE;

  /* What was active before the period, carried into its months. */
  stmt = anv_db_prepare (db, "summary/active-before",
    "SELECT active_end, overdue_end FROM summary "
    "WHERE service = ?1 AND municipality_code = ?2 AND month < ?3 "
    "ORDER BY month DESC LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;

  for (guint m = 0; m < n_munis; m++)
    {
      AnvMunicipality *muni = g_ptr_array_index (grid->municipalities, m);
      guint carried = 0, carried_overdue = 0;

      anv_db_bind_text (stmt, 1, anv_service_code (service));
      anv_db_bind_text (stmt, 2, muni->code);
      anv_db_bind_text (stmt, 3, from);
      step = anv_db_step (stmt, error);
      if (step == ANV_DB_FAILED)
        return FALSE;
      if (step == ANV_DB_ROW)
        {
          carried = (guint) anv_db_column_int (stmt, 0);
          carried_overdue = (guint) anv_db_column_int (stmt, 1);
          anv_db_reset (stmt);
        }

      for (guint t = 0; t < grid->months->len; t++)
        {
          guint i = t * n_munis + m;

          if (block->present[i])
            {
              carried = block->cells[i].active_end;
              carried_overdue = block->cells[i].overdue_end;
            }
          else
            {
              block->cells[i].active_end = carried;
              block->cells[i].overdue_end = carried_overdue;
            }
        }
    }
  return TRUE;
}

static void
add_into (AnvSummaryRow       *total,
          const AnvSummaryRow *row)
{
  total->decided_women += row->decided_women;
  total->decided_men += row->decided_men;
  total->started += row->started;
  total->ended_job += row->ended_job;
  total->ended_studies += row->ended_studies;
  total->ended_interrupted += row->ended_interrupted;
  total->active_end += row->active_end;
  total->overdue_end += row->overdue_end;
}

/* Appends, for one service, every month's municipality rows, county
 * totals and the national total. */
static void
emit_block (Grid          *grid,
            AnvService     service,
            AnvSummaryRow *cells,
            gboolean       national,
            GArray        *out)
{
  guint n_munis = grid->municipalities->len;

  for (guint t = 0; t < grid->months->len; t++)
    {
      const char *month = g_ptr_array_index (grid->months, t);
      AnvSummaryRow total;

      /* Whole rows zeroed, padding too, so that rows compare with memcmp. */
      memset (&total, 0, sizeof total);
      total.level = ANV_SUMMARY_NATIONAL;
      total.service = service;
      g_strlcpy (total.month, month, sizeof total.month);

      for (guint m = 0; m < n_munis; m++)
        {
          AnvMunicipality *muni = g_ptr_array_index (grid->municipalities, m);
          AnvSummaryRow row = cells[t * n_munis + m];

          row.level = ANV_SUMMARY_MUNICIPALITY;
          row.service = service;
          g_strlcpy (row.code, muni->code, sizeof row.code);
          g_strlcpy (row.month, month, sizeof row.month);
          g_array_append_val (out, row);
          add_into (&total, &row);
        }

      for (guint c = 0; c < grid->counties->len; c++)
        {
          const char *county = g_ptr_array_index (grid->counties, c);
          AnvSummaryRow row;

          memset (&row, 0, sizeof row);
          row.level = ANV_SUMMARY_COUNTY;
          row.service = service;
          g_strlcpy (row.code, county, sizeof row.code);
          g_strlcpy (row.month, month, sizeof row.month);
          for (guint m = 0; m < n_munis; m++)
            {
              AnvMunicipality *muni = g_ptr_array_index (grid->municipalities, m);

              if (strcmp (muni->county_code, county) == 0)
                add_into (&row, &cells[t * n_munis + m]);
            }
          g_array_append_val (out, row);
        }

      if (national)
        g_array_append_val (out, total);
    }
}

GArray *
anv_summary_read (AnvDb                 *db,
                  const AnvSummaryQuery *query,
                  GError               **error)
{
  g_autoptr (GArray) out = g_array_new (FALSE, FALSE, sizeof (AnvSummaryRow));
  Grid grid = { 0 };
  gboolean ok = TRUE;

  if (!build_grid (db, query, &grid, error))
    return NULL;

  for (guint s = 0; ok && s < grid.n_services; s++)
    {
      gsize n = (gsize) grid.months->len * grid.municipalities->len;
      g_autofree AnvSummaryRow *cells = g_new0 (AnvSummaryRow, n);
      g_autofree gboolean *present = g_new0 (gboolean, n);
      ServiceBlock block = { cells, present };

      ok = read_block (db, &grid, grid.services[s], &block, error);
      if (ok)
        emit_block (&grid, grid.services[s], cells, query->county_code == NULL, out);
    }

  grid_clear (&grid);
  return ok ? g_steal_pointer (&out) : NULL;
}

gboolean
anv_summary_latest_month (AnvDb   *db,
                          char     out[8],
                          GError **error)
{
  AnvDbStmt *stmt = anv_db_prepare (db, "summary/latest-month",
    "SELECT max (month) FROM summary "
    "WHERE decided_women + decided_men + started + ended_job + ended_studies "
    "      + ended_interrupted > 0", error);
  AnvDbStep step;

  out[0] = '\0';
  if (stmt == NULL)
    return FALSE;
  step = anv_db_step (stmt, error);
  if (step == ANV_DB_FAILED)
    return FALSE;
  /* The schema keeps month a text of seven characters; NULL: no activity. */
  if (step == ANV_DB_ROW && !anv_db_column_is_null (stmt, 0)
      && strlen (anv_db_column_text (stmt, 0)) == 7)
    g_strlcpy (out, anv_db_column_text (stmt, 0), 8);
  if (step == ANV_DB_ROW)
    anv_db_reset (stmt);
  return TRUE;
}

/* Recounting, for checks */

static gboolean
recount_block (AnvDb      *db,
               Grid       *grid,
               AnvService  service,
               AnvSummaryRow *cells,
               GError    **error)
{
  guint n_munis = grid->municipalities->len;
  AnvDbStmt *stmt;
  AnvDbStep step;

  stmt = anv_db_prepare (db, "summary/recount",
    "SELECT r.municipality_code, r.female, r.decided_on, r.started_on, r.ended_on, "
    "       e.kind, r.end_reason, r.period_end "
    "FROM referral r LEFT JOIN end_reason e ON e.code = r.end_reason "
    "WHERE r.service = ?1 AND NOT r.annulled", error);
  g_autoptr (GPtrArray) month_ends = g_ptr_array_new_with_free_func (g_free);

  if (stmt == NULL)
    return FALSE;
  anv_db_bind_text (stmt, 1, anv_service_code (service));

  /* Each month's last day, "YYYY-MM-DD" */
  for (guint t = 0; t < grid->months->len; t++)
    {
      const char *month = g_ptr_array_index (grid->months, t);
      GDate last;
      char *text = g_new0 (char, 11);

      g_date_clear (&last, 1);
      g_date_set_dmy (&last, 1, (GDateMonth) atoi (month + 5), (GDateYear) atoi (month));
      g_date_set_day (&last, g_date_get_days_in_month (g_date_get_month (&last),
                                                       g_date_get_year (&last)));
      anv_date_format (&last, text);
      g_ptr_array_add (month_ends, text);
    }

  /* Not a list: each referral is counted into the grid. */
  while ((step = anv_db_step (stmt, error)) == ANV_DB_ROW)
    {
      guint m = find_municipality (grid, anv_db_column_text (stmt, 0));
      gboolean female = anv_db_column_int (stmt, 1) != 0;
      const char *decided = anv_db_column_text (stmt, 2);
      const char *started = anv_db_column_text (stmt, 3);
      const char *ended = anv_db_column_text (stmt, 4);
      const char *kind = anv_db_column_text (stmt, 5);
      const char *reason = anv_db_column_text (stmt, 6);
      const char *period_end = anv_db_column_text (stmt, 7);

      if (m == G_MAXUINT)
        continue;
      for (guint t = 0; t < grid->months->len; t++)
        {
          const char *month = g_ptr_array_index (grid->months, t);
          const char *month_end = g_ptr_array_index (month_ends, t);
          gboolean open_at_end;
          AnvSummaryRow *row = &cells[t * n_munis + m];

          if (strncmp (decided, month, 7) == 0)
            {
              if (female)
                row->decided_women++;
              else
                row->decided_men++;
            }
          if (started != NULL && strncmp (started, month, 7) == 0)
            row->started++;
          if (ended != NULL && strncmp (ended, month, 7) == 0)
            {
              if (g_strcmp0 (kind, "interruption") == 0)
                row->ended_interrupted++;
              else if (g_strcmp0 (reason, "studier") == 0)
                row->ended_studies++;
              else
                row->ended_job++;
            }
          /* Open at the end of the month: decided by then, not ended by
           * then; active while within the period, else overdue. */
          open_at_end = strcmp (decided, month_end) <= 0
                        && (ended == NULL || strcmp (ended, month_end) > 0);
          if (open_at_end && (period_end == NULL || strcmp (period_end, month_end) >= 0))
            row->active_end++;
          else if (open_at_end)
            row->overdue_end++;
        }
    }
  return step == ANV_DB_DONE;
}

GArray *
anv_summary_recompute (AnvDb                 *db,
                       const AnvSummaryQuery *query,
                       GError               **error)
{
  g_autoptr (GArray) out = g_array_new (FALSE, FALSE, sizeof (AnvSummaryRow));
  Grid grid = { 0 };
  gboolean ok = TRUE;

  if (!build_grid (db, query, &grid, error))
    return NULL;

  for (guint s = 0; ok && s < grid.n_services; s++)
    {
      gsize n = (gsize) grid.months->len * grid.municipalities->len;
      g_autofree AnvSummaryRow *cells = g_new0 (AnvSummaryRow, n);

      ok = recount_block (db, &grid, grid.services[s], cells, error);
      if (ok)
        emit_block (&grid, grid.services[s], cells, query->county_code == NULL, out);
    }

  grid_clear (&grid);
  return ok ? g_steal_pointer (&out) : NULL;
}

/* Counting the periods into a summary kept before them */

gboolean
anv_summary_count_periods (AnvDb   *db,
                           GError **error)
{
  /* Per cell and month, what the periods change: a referral whose period
   * lapses (the month of the day after its last day) before the month of
   * its end, or that is open, stops being active in the lapse's month
   * rather than in the end's, and is overdue in between. The referrals
   * that retention removed are gone and keep being counted as they were. */
  static const char count[] =
    "CREATE TEMP TABLE period_delta ("
    "  service TEXT, municipality_code TEXT, month TEXT, da INTEGER, dov INTEGER,"
    "  PRIMARY KEY (service, municipality_code, month)) WITHOUT ROWID;"
    "INSERT INTO temp.period_delta "
    "SELECT service, municipality_code, month, sum (da), sum (dov) FROM ("
    "  SELECT service, municipality_code, lapse AS month, -1 AS da, 1 AS dov FROM r"
    "  WHERE ended_on IS NULL OR lapse < substr (ended_on, 1, 7)"
    "  UNION ALL"
    "  SELECT service, municipality_code, substr (ended_on, 1, 7), 1, -1 FROM r"
    "  WHERE ended_on IS NOT NULL AND lapse < substr (ended_on, 1, 7)"
    ") GROUP BY service, municipality_code, month;"
    "INSERT INTO summary (service, municipality_code, month, active_end, overdue_end) "
    "SELECT d.service, d.municipality_code, d.month,"
    "       coalesce ((SELECT s.active_end FROM summary s"
    "                  WHERE s.service = d.service"
    "                    AND s.municipality_code = d.municipality_code AND s.month < d.month"
    "                  ORDER BY s.month DESC LIMIT 1), 0), 0 "
    "FROM temp.period_delta d "
    "WHERE NOT EXISTS (SELECT 1 FROM summary s WHERE s.service = d.service"
    "                    AND s.municipality_code = d.municipality_code"
    "                    AND s.month = d.month);"
    "UPDATE summary SET"
    "  active_end = active_end + coalesce ("
    "    (SELECT sum (d.da) FROM temp.period_delta d WHERE d.service = summary.service"
    "       AND d.municipality_code = summary.municipality_code AND d.month <= summary.month),"
    "    0),"
    "  overdue_end = overdue_end + coalesce ("
    "    (SELECT sum (d.dov) FROM temp.period_delta d WHERE d.service = summary.service"
    "       AND d.municipality_code = summary.municipality_code AND d.month <= summary.month),"
    "    0);"
    "DROP TABLE temp.period_delta;";
  g_autofree char *sql = NULL;

  /* The referrals with their lapse month, as a common table of each
   * statement would be: a temporary view. */
  sql = g_strconcat ("CREATE TEMP VIEW r AS "
                     "SELECT service, municipality_code, ended_on,"
                     "       substr (date (period_end, '+1 day'), 1, 7) AS lapse "
                     "FROM main.referral WHERE NOT annulled AND period_end IS NOT NULL;",
                     count, "DROP VIEW temp.r;", NULL);
  return anv_db_exec (db, sql, error);
}

/* Rebuilding */

gboolean
anv_summary_rebuild (AnvDb   *db,
                     GError **error)
{
  /* Events per cell and month; active_end is the running total of
   * decisions less the ends or the lapses of the periods (the day after
   * the last), whichever comes first; overdue_end the running total of
   * the lapses that came before the end, less those ends. */
  static const char rebuild[] =
    "DELETE FROM summary;"
    "INSERT INTO summary (service, municipality_code, month, decided_women, decided_men,"
    "                     started, ended_job, ended_studies, ended_interrupted, active_end,"
    "                     overdue_end) "
    "SELECT service, municipality_code, month, sum (dw), sum (dm), sum (st), sum (ej),"
    "       sum (es), sum (ei),"
    "       sum (sum (da)) OVER (PARTITION BY service, municipality_code ORDER BY month),"
    "       sum (sum (dov)) OVER (PARTITION BY service, municipality_code ORDER BY month) "
    "FROM ("
    "  SELECT service, municipality_code, substr (decided_on, 1, 7) AS month,"
    "         female AS dw, 1 - female AS dm, 0 AS st, 0 AS ej, 0 AS es, 0 AS ei,"
    "         1 AS da, 0 AS dov"
    "  FROM referral WHERE NOT annulled"
    "  UNION ALL"
    "  SELECT service, municipality_code, substr (started_on, 1, 7), 0, 0, 1, 0, 0, 0, 0, 0"
    "  FROM referral WHERE started_on IS NOT NULL AND NOT annulled"
    "  UNION ALL"
    "  SELECT r.service, r.municipality_code, substr (r.ended_on, 1, 7), 0, 0, 0,"
    "         e.kind = 'result' AND r.end_reason <> 'studier',"
    "         e.kind = 'result' AND r.end_reason = 'studier',"
    "         e.kind = 'interruption',"
    "         -(lapse IS NULL OR lapse >= substr (r.ended_on, 1, 7)),"
    "         -(lapse IS NOT NULL AND lapse < substr (r.ended_on, 1, 7))"
    "  FROM (SELECT *, substr (date (period_end, '+1 day'), 1, 7) AS lapse FROM referral) r"
    "  JOIN end_reason e ON e.code = r.end_reason"
    "  WHERE r.ended_on IS NOT NULL AND NOT r.annulled"
    "  UNION ALL"
    "  SELECT service, municipality_code, lapse, 0, 0, 0, 0, 0, 0, -1, 1"
    "  FROM (SELECT *, substr (date (period_end, '+1 day'), 1, 7) AS lapse FROM referral)"
    "  WHERE lapse IS NOT NULL AND NOT annulled"
    "    AND (ended_on IS NULL OR lapse < substr (ended_on, 1, 7))"
    ") GROUP BY service, municipality_code, month;";

  AnvDbStmt *stmt;
  AnvDbStep step;
  int retained = 0;

  if (!anv_db_begin (db, error))
    return FALSE;

  stmt = anv_db_prepare (db, "summary/retained",
                         "SELECT EXISTS (SELECT 1 FROM audit_log "
                         "WHERE action = 'seeker.retention' "
                         "  AND details NOT LIKE '%referrals=0')", error);
  if (stmt == NULL)
    goto fail;
  step = anv_db_step (stmt, error);
  /* Not knowing is no permission to count anew */
  if (step == ANV_DB_FAILED)
    goto fail;
  if (step == ANV_DB_ROW)
    {
      retained = anv_db_column_int (stmt, 0);
      anv_db_reset (stmt);
    }
  if (retained)
    {
      g_set_error_literal (error, ANV_SUMMARY_ERROR, ANV_SUMMARY_ERROR_RETAINED,
                           _("The summary cannot be counted anew: retention (gallring) has "
                             "removed referrals that it still counts. It was left as it was."));
      goto fail;
    }

  if (!anv_db_exec (db, rebuild, error)
      || !anv_audit_append (db, "summary.rebuild", "summary", NULL, NULL, error)
      || !anv_db_commit (db, error))
    goto fail;
  return TRUE;

fail:
  anv_db_rollback (db);
  return FALSE;
}
