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
 * Our rule: an end of a referral that has not started is counted as
 * ended before the start (avslutad före start), in no other end; only a
 * started referral ends with a result or an interruption.
 *
 * The breakdowns by provider, level and age group (summary_part) are kept
 * in the same way, a referral's contribution added to its part of each
 * with the summary's; the delivery areas are the summary's municipalities
 * summed per area when read. Our rules are in HACKING.md, "The summary's
 * breakdowns".
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
#include "anv-delivery-areas.h"
#include "anv-municipalities.h"
#include "anv-referrals.h"
#include "anv-summary-private.h"
#include "anv-text.h"

G_DEFINE_QUARK (anv-summary-error-quark, anv_summary_error)

/* Keeping */

typedef enum
{
  COLUMN_DECIDED,
  COLUMN_STARTED,
  COLUMN_ENDED_JOB,
  COLUMN_ENDED_STUDIES,
  COLUMN_ENDED_INTERRUPTED,
  COLUMN_ENDED_BEFORE_START,
} Column;

/* The kept breakdowns' names in summary_part.dimension. */
static const char *const kept_names[ANV_SUMMARY_N_KEPT] = { "provider", "level", "age" };

/* Where a change goes: the summary's cell (@kept < 0), or the part
 * @part of the breakdown @kept in summary_part. */
typedef struct
{
  const AnvSummaryFacts *facts;
  int                    kept;
  /* The months whose row is known to be there, during one apply_to () */
  char                   ensured[6][8];
  guint                  n_ensured;
} Target;

#define CELL_WHERE "WHERE service = ?1 AND municipality_code = ?2 AND month = ?3"
#define PART_WHERE CELL_WHERE " AND dimension = ?7 AND part = ?8"
#define RUNNING_WHERE "WHERE service = ?1 AND municipality_code = ?2 AND month >= ?3"
#define PART_RUNNING_WHERE RUNNING_WHERE " AND dimension = ?7 AND part = ?8"

/* One statement per column and table, each with its key: column names
 * cannot be bound. ?4 is the change of the total, ?5 of the women, ?6 of
 * the men; a split unknown since retention (NULL) stays unknown. */
#define SET_DECIDED "SET decided_women = decided_women + ?5, decided_men = decided_men + ?6 "
#define SET_STARTED \
  "SET started = started + ?4, started_women = started_women + ?5, " \
  "  started_men = started_men + ?6 "
#define SET_JOB \
  "SET ended_job = ended_job + ?4, ended_job_women = ended_job_women + ?5, " \
  "  ended_job_men = ended_job_men + ?6 "
#define SET_STUDIES \
  "SET ended_studies = ended_studies + ?4, " \
  "  ended_studies_women = ended_studies_women + ?5, " \
  "  ended_studies_men = ended_studies_men + ?6 "
#define SET_INTERRUPTED \
  "SET ended_interrupted = ended_interrupted + ?4, " \
  "  ended_interrupted_women = ended_interrupted_women + ?5, " \
  "  ended_interrupted_men = ended_interrupted_men + ?6 "
#define SET_BEFORE_START \
  "SET ended_before_start = ended_before_start + ?4, " \
  "  ended_before_start_women = ended_before_start_women + ?5, " \
  "  ended_before_start_men = ended_before_start_men + ?6 "

static const struct
{
  const char *key;
  const char *sql;
  const char *part_key;
  const char *part_sql;
} add_to_column[] = {
  { "summary/add/decided", "UPDATE summary " SET_DECIDED CELL_WHERE,
    "summary/part-add/decided", "UPDATE summary_part " SET_DECIDED PART_WHERE },
  { "summary/add/started", "UPDATE summary " SET_STARTED CELL_WHERE,
    "summary/part-add/started", "UPDATE summary_part " SET_STARTED PART_WHERE },
  { "summary/add/ended-job", "UPDATE summary " SET_JOB CELL_WHERE,
    "summary/part-add/ended-job", "UPDATE summary_part " SET_JOB PART_WHERE },
  { "summary/add/ended-studies", "UPDATE summary " SET_STUDIES CELL_WHERE,
    "summary/part-add/ended-studies", "UPDATE summary_part " SET_STUDIES PART_WHERE },
  { "summary/add/ended-interrupted", "UPDATE summary " SET_INTERRUPTED CELL_WHERE,
    "summary/part-add/ended-interrupted", "UPDATE summary_part " SET_INTERRUPTED PART_WHERE },
  { "summary/add/ended-before-start", "UPDATE summary " SET_BEFORE_START CELL_WHERE,
    "summary/part-add/ended-before-start",
    "UPDATE summary_part " SET_BEFORE_START PART_WHERE },
};

/* The counts at a month's end, which hold for the following months
 * without a row of their own: from @month on, in the same way. */
typedef enum
{
  RUNNING_ACTIVE_WAITING,        /* decided, or stopped while waiting */
  RUNNING_ACTIVE_PARTICIPATING,  /* stopped while taking part */
  RUNNING_START,                 /* from waiting to taking part */
  RUNNING_OVERDUE,
} Running;

/* Each changes two counts at once: a range update of the later months is
 * the upkeep's dearest statement. */
#define SET_ACTIVE_WAITING \
  "SET active_end = active_end + ?4, waiting_women = waiting_women + ?5, " \
  "  waiting_men = waiting_men + ?6 "
#define SET_ACTIVE_PARTICIPATING \
  "SET active_end = active_end + ?4, participating_women = participating_women + ?5, " \
  "  participating_men = participating_men + ?6 "
#define SET_START \
  "SET waiting_women = waiting_women - ?5, waiting_men = waiting_men - ?6, " \
  "  participating_women = participating_women + ?5, " \
  "  participating_men = participating_men + ?6 "
#define SET_OVERDUE "SET overdue_end = overdue_end + ?4 "

static const struct
{
  const char *key;
  const char *sql;
  const char *part_key;
  const char *part_sql;
} add_to_running[] = {
  { "summary/add-active-waiting", "UPDATE summary " SET_ACTIVE_WAITING RUNNING_WHERE,
    "summary/part-add-active-waiting",
    "UPDATE summary_part " SET_ACTIVE_WAITING PART_RUNNING_WHERE },
  { "summary/add-active-participating",
    "UPDATE summary " SET_ACTIVE_PARTICIPATING RUNNING_WHERE,
    "summary/part-add-active-participating",
    "UPDATE summary_part " SET_ACTIVE_PARTICIPATING PART_RUNNING_WHERE },
  { "summary/add-start", "UPDATE summary " SET_START RUNNING_WHERE,
    "summary/part-add-start", "UPDATE summary_part " SET_START PART_RUNNING_WHERE },
  { "summary/add-overdue", "UPDATE summary " SET_OVERDUE RUNNING_WHERE,
    "summary/part-add-overdue", "UPDATE summary_part " SET_OVERDUE PART_RUNNING_WHERE },
};

/* @month is "YYYY-MM" and must outlive the step. */
static void
bind_cell (AnvDbStmt    *stmt,
           const Target *target,
           const char   *month)
{
  anv_db_bind_text (stmt, 1, anv_service_code (target->facts->service));
  anv_db_bind_text (stmt, 2, target->facts->municipality_code);
  anv_db_bind_text (stmt, 3, month);
  if (target->kept >= 0)
    {
      anv_db_bind_text (stmt, 7, kept_names[target->kept]);
      anv_db_bind_text (stmt, 8, target->facts->part[target->kept]);
    }
}

/* Makes sure the cell has a row for @month, carrying the counts at the
 * month's end from the month before it (an unknown split stays unknown). */
static gboolean
ensure_row (AnvDb        *db,
            Target       *target,
            const char   *month,
            GError      **error)
{
  AnvDbStmt *stmt;

  /* A referral's events fall in a few months, most several in one */
  for (guint i = 0; i < target->n_ensured; i++)
    if (strcmp (target->ensured[i], month) == 0)
      return TRUE;

  if (target->kept < 0)
    stmt = anv_db_prepare (db, "summary/ensure-row-split",
      "INSERT INTO summary (service, municipality_code, month, active_end, "
      "                               overdue_end, participating_women, participating_men, "
      "                               waiting_women, waiting_men) "
      "SELECT ?1, ?2, ?3, coalesce (p.active_end, 0), coalesce (p.overdue_end, 0),"
      "       CASE WHEN p.month IS NULL THEN 0 ELSE p.participating_women END,"
      "       CASE WHEN p.month IS NULL THEN 0 ELSE p.participating_men END,"
      "       CASE WHEN p.month IS NULL THEN 0 ELSE p.waiting_women END,"
      "       CASE WHEN p.month IS NULL THEN 0 ELSE p.waiting_men END "
      "FROM (SELECT 1) AS one LEFT JOIN "
      "     (SELECT month, active_end, overdue_end, participating_women, participating_men,"
      "             waiting_women, waiting_men FROM summary "
      "      WHERE service = ?1 AND municipality_code = ?2 AND month < ?3 "
      "      ORDER BY month DESC LIMIT 1) p ON TRUE "
      "WHERE TRUE ON CONFLICT DO NOTHING", error);
  else
    stmt = anv_db_prepare (db, "summary/part-ensure-row",
      "INSERT INTO summary_part (service, municipality_code, month, dimension, part,"
      "                                    active_end, overdue_end, participating_women,"
      "                                    participating_men, waiting_women, waiting_men) "
      "SELECT ?1, ?2, ?3, ?7, ?8, coalesce (p.active_end, 0), coalesce (p.overdue_end, 0),"
      "       CASE WHEN p.month IS NULL THEN 0 ELSE p.participating_women END,"
      "       CASE WHEN p.month IS NULL THEN 0 ELSE p.participating_men END,"
      "       CASE WHEN p.month IS NULL THEN 0 ELSE p.waiting_women END,"
      "       CASE WHEN p.month IS NULL THEN 0 ELSE p.waiting_men END "
      "FROM (SELECT 1) AS one LEFT JOIN "
      "     (SELECT month, active_end, overdue_end, participating_women, participating_men,"
      "             waiting_women, waiting_men FROM summary_part "
      "      WHERE service = ?1 AND municipality_code = ?2 AND dimension = ?7 AND part = ?8"
      "        AND month < ?3 "
      "      ORDER BY month DESC LIMIT 1) p ON TRUE "
      "WHERE TRUE ON CONFLICT DO NOTHING", error);

  if (stmt == NULL)
    return FALSE;
  bind_cell (stmt, target, month);
  if (!anv_db_step_done (stmt, error))
    return FALSE;
  if (target->n_ensured < G_N_ELEMENTS (target->ensured))
    g_strlcpy (target->ensured[target->n_ensured++], month, sizeof target->ensured[0]);
  return TRUE;
}

/* Binds ?4, ?5 and ?6: @sign to the total and to the referral's sex. */
static void
bind_change (AnvDbStmt    *stmt,
             const Target *target,
             int           sign)
{
  anv_db_bind_int64 (stmt, 4, sign);
  anv_db_bind_int64 (stmt, 5, target->facts->female ? sign : 0);
  anv_db_bind_int64 (stmt, 6, target->facts->female ? 0 : sign);
}

static gboolean
add_count (AnvDb        *db,
           Target       *target,
           const char   *date,
           Column        column,
           int           sign,
           GError      **error)
{
  AnvDbStmt *stmt;
  char month[8];

  g_strlcpy (month, date, sizeof month);
  if (!ensure_row (db, target, month, error))
    return FALSE;
  stmt = target->kept < 0
    ? anv_db_prepare (db, add_to_column[column].key, add_to_column[column].sql, error)
    : anv_db_prepare (db, add_to_column[column].part_key, add_to_column[column].part_sql, error);
  if (stmt == NULL)
    return FALSE;
  bind_cell (stmt, target, month);
  bind_change (stmt, target, sign);
  return anv_db_step_done (stmt, error);
}

/* The count @running changes by @delta from the end of @date's month on. */
static gboolean
add_running (AnvDb        *db,
             Target       *target,
             const char   *date,
             Running       running,
             int           delta,
             GError      **error)
{
  AnvDbStmt *stmt;
  char month[8];

  g_strlcpy (month, date, sizeof month);
  if (!ensure_row (db, target, month, error))
    return FALSE;
  stmt = target->kept < 0
    ? anv_db_prepare (db, add_to_running[running].key, add_to_running[running].sql, error)
    : anv_db_prepare (db, add_to_running[running].part_key, add_to_running[running].part_sql,
                      error);
  if (stmt == NULL)
    return FALSE;
  bind_cell (stmt, target, month);
  bind_change (stmt, target, delta);
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

/* The referral's contribution to one target: the summary's cell or its
 * part of one breakdown. */
static gboolean
apply_to (AnvDb        *db,
          Target       *t,
          int           sign,
          GError      **error)
{
  const AnvSummaryFacts *facts = t->facts;
  gboolean ended = facts->ended_on[0] != '\0';
  const char *started = facts->started_on[0] != '\0' ? facts->started_on : NULL;
  const char *stop;
  char lapse[11];
  gboolean lapses_first, participates;

  if (!add_count (db, t, facts->decided_on, COLUMN_DECIDED, sign, error)
      || !add_running (db, t, facts->decided_on, RUNNING_ACTIVE_WAITING, sign, error))
    return FALSE;

  if (started != NULL && !add_count (db, t, started, COLUMN_STARTED, sign, error))
    return FALSE;

  if (ended && !add_count (db, t, facts->ended_on,
                          started != NULL ? end_column (facts->end) : COLUMN_ENDED_BEFORE_START,
                          sign, error))
    return FALSE;

  /* Active until the month of the end or of the lapse, the earlier (the
   * stop); overdue from the lapse's month until the end's, when the
   * lapse's month comes first. Of the active, waiting from the decision
   * until the start, taking part from the start, when it comes in a month
   * before the stop. */
  lapse_day (facts, lapse);
  lapses_first = lapse[0] != '\0' && (!ended || strncmp (lapse, facts->ended_on, 7) < 0);
  stop = lapses_first ? lapse : ended ? facts->ended_on : NULL;
  participates = started != NULL && (stop == NULL || strncmp (started, stop, 7) < 0);

  if (participates && !add_running (db, t, started, RUNNING_START, sign, error))
    return FALSE;
  if (stop != NULL
      && !add_running (db, t, stop,
                       participates ? RUNNING_ACTIVE_PARTICIPATING : RUNNING_ACTIVE_WAITING,
                       -sign, error))
    return FALSE;
  if (lapses_first)
    return add_running (db, t, lapse, RUNNING_OVERDUE, sign, error)
           && (!ended || add_running (db, t, facts->ended_on, RUNNING_OVERDUE, -sign,
                                      error));
  return TRUE;
}

gboolean
anv_summary_apply (AnvDb                 *db,
                   const AnvSummaryFacts *facts,
                   int                    sign,
                   GError               **error)
{
  g_autofree char *what = NULL;

  g_return_val_if_fail (sign == 1 || sign == -1, FALSE);

  if (facts->annulled)
    return TRUE;

  /* What changed, for the others' windows: the cell of the decision's
   * month, and every month after it that it counts in. */
  what = g_strdup_printf ("%s %s %.7s", anv_service_code (facts->service),
                          facts->municipality_code, facts->decided_on);
  anv_db_note_change (db, what);

  /* The summary, then the referral's part of each kept breakdown, in the
   * same way: the parts add up to the summary's counts. */
  for (int kept = -1; kept < ANV_SUMMARY_N_KEPT; kept++)
    {
      Target target = { facts, kept, { "" }, 0 };

      if (!apply_to (db, &target, sign, error))
        return FALSE;
    }
  return TRUE;
}

void
anv_summary_age_part (const char *personnummer,
                      const char *decided_on,
                      char        out[12])
{
  int year, month, day, age;
  int on_year = atoi (decided_on), on_month = atoi (decided_on + 5);
  int on_day = atoi (decided_on + 8);

  /* YYYYMMDD…, the day + 60 in a samordningsnummer; 0: not known */
  year = (personnummer[0] - '0') * 1000 + (personnummer[1] - '0') * 100
         + (personnummer[2] - '0') * 10 + (personnummer[3] - '0');
  month = (personnummer[4] - '0') * 10 + (personnummer[5] - '0');
  day = ((personnummer[6] - '0') * 10 + (personnummer[7] - '0')) % 60;
  if (month == 0)
    month = 1;
  if (day == 0)
    day = 1;
  age = on_year - year - (on_month < month || (on_month == month && on_day < day));
  g_strlcpy (out, age < 25 ? "16-24" : age < 55 ? "25-54" : age < 65 ? "55-64" : "65+", 12);
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

/* Reads a split kept in two columns from @column; NULL is unknown. */
static void
read_split (AnvDbStmt *stmt,
            int        column,
            guint     *women,
            guint     *men)
{
  gboolean known = !anv_db_column_is_null (stmt, column)
                   && !anv_db_column_is_null (stmt, column + 1);

  *women = known ? (guint) anv_db_column_int (stmt, column) : ANV_SUMMARY_UNKNOWN;
  *men = known ? (guint) anv_db_column_int (stmt, column + 1) : ANV_SUMMARY_UNKNOWN;
}

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
  g_autofree AnvSummaryRow *carried = NULL;
  AnvDbStmt *stmt;
  AnvDbStep step;

  stmt = anv_db_prepare (db, "summary/read-before-start",
    "SELECT municipality_code, month, decided_women, decided_men, started, ended_job, "
    "       ended_studies, ended_interrupted, active_end, overdue_end, "
    "       started_women, started_men, ended_job_women, ended_job_men, "
    "       ended_studies_women, ended_studies_men, ended_interrupted_women, "
    "       ended_interrupted_men, participating_women, participating_men, "
    "       waiting_women, waiting_men, ended_before_start, ended_before_start_women,"
    "       ended_before_start_men "
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
      read_split (stmt, 10, &row->started_women, &row->started_men);
      read_split (stmt, 12, &row->ended_job_women, &row->ended_job_men);
      read_split (stmt, 14, &row->ended_studies_women, &row->ended_studies_men);
      read_split (stmt, 16, &row->ended_interrupted_women, &row->ended_interrupted_men);
      read_split (stmt, 18, &row->participating_women, &row->participating_men);
      read_split (stmt, 20, &row->waiting_women, &row->waiting_men);
      row->ended_before_start = (guint) anv_db_column_int (stmt, 22);
      read_split (stmt, 23, &row->ended_before_start_women, &row->ended_before_start_men);
      block->present[(guint) t * n_munis + m] = TRUE;
    }
  if (step == ANV_DB_FAILED)
    return FALSE;

  /* What was active before the period, carried into its months: each
   * municipality's last row before it, in one statement (on a server, a
   * statement per municipality was 580 round trips for a year). */
  stmt = anv_db_prepare (db, "summary/active-before",
    "SELECT s.municipality_code, s.active_end, s.overdue_end, s.participating_women, "
    "       s.participating_men, s.waiting_women, s.waiting_men "
    "FROM municipality m CROSS JOIN summary s "  /* SQLite: municipalities first */
    "WHERE s.service = ?1 AND s.municipality_code = m.code "
    "  AND s.month = (SELECT max (p.month) FROM summary p "
    "                 WHERE p.service = ?1 AND p.municipality_code = m.code AND p.month < ?2)",
    error);
  if (stmt == NULL)
    return FALSE;
  anv_db_bind_text (stmt, 1, anv_service_code (service));
  anv_db_bind_text (stmt, 2, from);
  carried = g_new0 (AnvSummaryRow, n_munis);
  while ((step = anv_db_step (stmt, error)) == ANV_DB_ROW)
    {
      guint m = find_municipality (grid, anv_db_column_text (stmt, 0));

      if (m == G_MAXUINT)
        continue;
      carried[m].active_end = (guint) anv_db_column_int (stmt, 1);
      carried[m].overdue_end = (guint) anv_db_column_int (stmt, 2);
      read_split (stmt, 3, &carried[m].participating_women, &carried[m].participating_men);
      read_split (stmt, 5, &carried[m].waiting_women, &carried[m].waiting_men);
    }
  if (step == ANV_DB_FAILED)
    return FALSE;

  for (guint m = 0; m < n_munis; m++)
    {
      AnvSummaryRow last = carried[m];

      for (guint t = 0; t < grid->months->len; t++)
        {
          AnvSummaryRow *cell = &block->cells[t * n_munis + m];

          if (block->present[t * n_munis + m])
            last = *cell;
          else
            {
              cell->active_end = last.active_end;
              cell->overdue_end = last.overdue_end;
              cell->participating_women = last.participating_women;
              cell->participating_men = last.participating_men;
              cell->waiting_women = last.waiting_women;
              cell->waiting_men = last.waiting_men;
            }
        }
    }
  return TRUE;
}

/* a + b, unknown when either is */
static guint
add_known (guint a,
           guint b)
{
  return a == ANV_SUMMARY_UNKNOWN || b == ANV_SUMMARY_UNKNOWN ? ANV_SUMMARY_UNKNOWN : a + b;
}

/* The counts that follow from the kept ones: the active's split, and the
 * totals of taking part and waiting. */
static void
finish_row (AnvSummaryRow *row)
{
  row->active_women = add_known (row->participating_women, row->waiting_women);
  row->active_men = add_known (row->participating_men, row->waiting_men);
  row->participating = add_known (row->participating_women, row->participating_men);
  row->waiting = add_known (row->waiting_women, row->waiting_men);
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
  total->ended_before_start += row->ended_before_start;
  total->active_end += row->active_end;
  total->overdue_end += row->overdue_end;
#define ADD_SPLIT(field) total->field = add_known (total->field, row->field)
  ADD_SPLIT (started_women);
  ADD_SPLIT (started_men);
  ADD_SPLIT (ended_job_women);
  ADD_SPLIT (ended_job_men);
  ADD_SPLIT (ended_studies_women);
  ADD_SPLIT (ended_studies_men);
  ADD_SPLIT (ended_interrupted_women);
  ADD_SPLIT (ended_interrupted_men);
  ADD_SPLIT (ended_before_start_women);
  ADD_SPLIT (ended_before_start_men);
  ADD_SPLIT (participating_women);
  ADD_SPLIT (participating_men);
  ADD_SPLIT (waiting_women);
  ADD_SPLIT (waiting_men);
#undef ADD_SPLIT
  finish_row (total);
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
          finish_row (&row);
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
  AnvDbStmt *stmt = anv_db_prepare (db, "summary/latest-month-before-start",
    "SELECT max (month) FROM summary "
    "WHERE decided_women + decided_men + started + ended_job + ended_studies "
    "      + ended_interrupted + ended_before_start > 0", error);
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

static void
count_split (gboolean  female,
             guint    *women,
             guint    *men)
{
  if (female)
    (*women)++;
  else
    (*men)++;
}

/* Each month's last day of the grid, "YYYY-MM-DD" */
static GPtrArray *
list_month_ends (Grid *grid)
{
  GPtrArray *month_ends = g_ptr_array_new_with_free_func (g_free);

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
  return month_ends;
}

/* A referral as the recount reads it */
typedef struct
{
  gboolean    female;
  const char *decided;
  const char *started;
  const char *ended;
  const char *kind;
  const char *reason;
  const char *period_end;
} Recounted;

/* Counts @r into @row, the month @month whose last day is @month_end. */
static void
recount_month (AnvSummaryRow   *row,
               const Recounted *r,
               const char      *month,
               const char      *month_end)
{
  gboolean open_at_end;

  if (strncmp (r->decided, month, 7) == 0)
    count_split (r->female, &row->decided_women, &row->decided_men);
  if (r->started != NULL && strncmp (r->started, month, 7) == 0)
    {
      row->started++;
      count_split (r->female, &row->started_women, &row->started_men);
    }
  if (r->ended != NULL && strncmp (r->ended, month, 7) == 0)
    {
      if (r->started == NULL)
        {
          row->ended_before_start++;
          count_split (r->female, &row->ended_before_start_women,
                       &row->ended_before_start_men);
        }
      else if (g_strcmp0 (r->kind, "interruption") == 0)
        {
          row->ended_interrupted++;
          count_split (r->female, &row->ended_interrupted_women, &row->ended_interrupted_men);
        }
      else if (g_strcmp0 (r->reason, "studier") == 0)
        {
          row->ended_studies++;
          count_split (r->female, &row->ended_studies_women, &row->ended_studies_men);
        }
      else
        {
          row->ended_job++;
          count_split (r->female, &row->ended_job_women, &row->ended_job_men);
        }
    }
  /* Open at the end of the month: decided by then, not ended by then;
   * active while within the period, else overdue; of the active, taking
   * part once started by then, else waiting. */
  open_at_end = strcmp (r->decided, month_end) <= 0
                && (r->ended == NULL || strcmp (r->ended, month_end) > 0);
  if (open_at_end && (r->period_end == NULL || strcmp (r->period_end, month_end) >= 0))
    {
      row->active_end++;
      if (r->started != NULL && strcmp (r->started, month_end) <= 0)
        count_split (r->female, &row->participating_women, &row->participating_men);
      else
        count_split (r->female, &row->waiting_women, &row->waiting_men);
    }
  else if (open_at_end)
    row->overdue_end++;
}

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
    "WHERE r.service = ?1 AND r.annulled = 0", error);
  g_autoptr (GPtrArray) month_ends = list_month_ends (grid);

  if (stmt == NULL)
    return FALSE;
  anv_db_bind_text (stmt, 1, anv_service_code (service));

  /* Not a list: each referral is counted into the grid. */
  while ((step = anv_db_step (stmt, error)) == ANV_DB_ROW)
    {
      guint m = find_municipality (grid, anv_db_column_text (stmt, 0));
      Recounted r = {
        anv_db_column_int (stmt, 1) != 0, anv_db_column_text (stmt, 2),
        anv_db_column_text (stmt, 3), anv_db_column_text (stmt, 4),
        anv_db_column_text (stmt, 5), anv_db_column_text (stmt, 6),
        anv_db_column_text (stmt, 7)
      };

      if (m == G_MAXUINT)
        continue;
      for (guint t = 0; t < grid->months->len; t++)
        recount_month (&cells[t * n_munis + m], &r, g_ptr_array_index (grid->months, t),
                       g_ptr_array_index (month_ends, t));
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

/* Counting from the referrals, in one pass: the rebuild and the migration
 * to the split counts (schema 9). A million referrals take a second or
 * two; the same in SQL (GROUP BY over the events) took ten. */

/* The events of one cell and month: the counts of the month by sex
 * (decided, started, ended as job, studies, interrupted, before the
 * start), then the changes
 * of the counts at the month's end (active, overdue, taking part and
 * waiting by sex). */
enum
{
  EVENT_DECIDED_WOMEN, EVENT_DECIDED_MEN, EVENT_STARTED_WOMEN, EVENT_STARTED_MEN,
  EVENT_JOB_WOMEN, EVENT_JOB_MEN, EVENT_STUDIES_WOMEN, EVENT_STUDIES_MEN,
  EVENT_INTERRUPTED_WOMEN, EVENT_INTERRUPTED_MEN, EVENT_BEFORE_START_WOMEN,
  EVENT_BEFORE_START_MEN,
  EVENT_ACTIVE, EVENT_OVERDUE, EVENT_PARTICIPATING_WOMEN, EVENT_PARTICIPATING_MEN,
  EVENT_WAITING_WOMEN, EVENT_WAITING_MEN,
  N_EVENTS
};

#define FIRST_RUNNING EVENT_ACTIVE
#define N_RUNNING (N_EVENTS - FIRST_RUNNING)
#define NO_MONTH G_MININT

/* A cell and month as one number that sorts as the summary's key does:
 * the service (KROM before STOM), the municipality's four digits, the
 * month counted from year 0. */
#define PACK_KEY(service, municipality, month) \
  (((guint64) (service) << 40) | ((guint64) (municipality) << 20) | (guint64) (month))
#define CELL_OF(key) ((key) >> 20)

typedef struct
{
  guint64 key;
  gint64  v[N_EVENTS];
} CellEvents;

/* "YYYY-MM…" as months from year 0; NO_MONTH for NULL. */
static int
month_number (const char *date)
{
  return date == NULL ? NO_MONTH : atoi (date) * 12 + atoi (date + 5) - 1;
}

/* The month of the day after the period's last day "YYYY-MM-DD". */
static int
lapse_month (const char *period_end)
{
  int year, month;

  if (period_end == NULL || strlen (period_end) != 10)
    return NO_MONTH;
  year = atoi (period_end);
  month = atoi (period_end + 5);
  if (month < 1 || month > 12 || year < 1)
    return NO_MONTH;
  if (atoi (period_end + 8) == g_date_get_days_in_month ((GDateMonth) month,
                                                         (GDateYear) year))
    return year * 12 + month;
  return year * 12 + month - 1;
}

/* A key's hash for the tables of events: its bits mixed (murmur3's
 * finaliser), as g_int64_hash() folds the part's number onto the month
 * and makes the breakdowns' tables slow. */
static guint
hash_key (gconstpointer key)
{
  guint64 x = *(const guint64 *) key;

  x ^= x >> 33;
  x *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  x ^= x >> 33;
  x *= G_GUINT64_CONSTANT (0xc4ceb9fe1a85ec53);
  x ^= x >> 33;
  return (guint) x;
}

/* The events of @cell in @month, made when there are none yet. */
static CellEvents *
events_at (GHashTable *cells,
           guint64     cell,
           int         month)
{
  guint64 key = (cell << 20) | (guint64) month;
  CellEvents *events = g_hash_table_lookup (cells, &key);

  if (events == NULL)
    {
      events = g_new0 (CellEvents, 1);
      events->key = key;
      g_hash_table_insert (cells, &events->key, events);
    }
  return events;
}

static void
add_event (GHashTable *cells,
           guint64     cell,
           int         month,
           guint       event,
           gint64      delta)
{
  events_at (cells, cell, month)->v[event] += delta;
}

static int
compare_cells (gconstpointer a,
               gconstpointer b)
{
  guint64 ka = ((const CellEvents *) a)->key, kb = ((const CellEvents *) b)->key;

  return ka < kb ? -1 : ka > kb;
}

/* One referral's events into @cells under @cell (see count_events ()). */
static void
add_referral_events (GHashTable *cells,
                     guint64     cell,
                     gboolean    female,
                     int         d,
                     int         s,
                     int         e,
                     const char *kind,
                     const char *reason,
                     int         lapse,
                     gboolean    before_start_apart)
{
  gboolean lapses_first = lapse != NO_MONTH && (e == NO_MONTH || lapse < e);
  int stop = lapses_first ? lapse : e;
  gboolean participates = s != NO_MONTH && (stop == NO_MONTH || s < stop);
  guint men = female ? 0 : 1;
  CellEvents *at;

  /* One look-up per month of the referral's events */
  at = events_at (cells, cell, d);
  at->v[EVENT_DECIDED_WOMEN + men]++;
  at->v[EVENT_ACTIVE]++;
  at->v[EVENT_WAITING_WOMEN + men]++;
  if (s != NO_MONTH)
    {
      at = events_at (cells, cell, s);
      at->v[EVENT_STARTED_WOMEN + men]++;
      if (participates)
        {
          at->v[EVENT_WAITING_WOMEN + men]--;
          at->v[EVENT_PARTICIPATING_WOMEN + men]++;
        }
    }
  if (e != NO_MONTH)
    {
      at = events_at (cells, cell, e);
      if (before_start_apart && s == NO_MONTH)
        at->v[EVENT_BEFORE_START_WOMEN + men]++;
      else if (g_strcmp0 (kind, "interruption") == 0)
        at->v[EVENT_INTERRUPTED_WOMEN + men]++;
      else if (g_strcmp0 (kind, "result") == 0 && g_strcmp0 (reason, "studier") == 0)
        at->v[EVENT_STUDIES_WOMEN + men]++;
      else if (g_strcmp0 (kind, "result") == 0)
        at->v[EVENT_JOB_WOMEN + men]++;
      if (lapses_first)
        at->v[EVENT_OVERDUE]--;
    }
  if (stop != NO_MONTH)
    {
      if (stop != e)
        at = events_at (cells, cell, stop);
      at->v[EVENT_ACTIVE]--;
      at->v[(participates ? EVENT_PARTICIPATING_WOMEN : EVENT_WAITING_WOMEN) + men]--;
      if (lapses_first)
        at->v[EVENT_OVERDUE]++;
    }
}

/* The parts of the kept breakdowns met while counting: per breakdown, a
 * number for each part's name (from 1), packed into the cell's key. */
typedef struct
{
  GHashTable *numbers[ANV_SUMMARY_N_KEPT];   /* name → number */
  GPtrArray  *names[ANV_SUMMARY_N_KEPT];     /* number - 1 → name */
} PartNames;

static void
part_names_init (PartNames *names)
{
  for (guint k = 0; k < ANV_SUMMARY_N_KEPT; k++)
    {
      names->numbers[k] = g_hash_table_new (g_str_hash, g_str_equal);
      names->names[k] = g_ptr_array_new_with_free_func (g_free);
    }
}

static void
part_names_clear (PartNames *names)
{
  for (guint k = 0; k < ANV_SUMMARY_N_KEPT; k++)
    {
      g_clear_pointer (&names->numbers[k], g_hash_table_unref);
      g_clear_pointer (&names->names[k], g_ptr_array_unref);
    }
}

static guint
part_number (PartNames  *names,
             guint       kept,
             const char *name)
{
  guint number = GPOINTER_TO_UINT (g_hash_table_lookup (names->numbers[kept], name));

  if (number == 0)
    {
      char *copy = g_strdup (name);

      g_ptr_array_add (names->names[kept], copy);
      number = names->names[kept]->len;
      g_hash_table_insert (names->numbers[kept], copy, GUINT_TO_POINTER (number));
    }
  return number;
}

/* A part's cell: the breakdown (kept + 1; 0 is the summary) and the part's
 * number above the summary's cell. */
#define PART_CELL(kept, number, cell) \
  (((guint64) ((kept) + 1) << 41) | ((guint64) (number) << 21) | (cell))
#define KEPT_OF_CELL(cell) ((int) ((cell) >> 41) - 1)
#define NUMBER_OF_CELL(cell) ((guint) (((cell) >> 21) & 0xFFFFF))
#define SUMMARY_CELL(cell) ((cell) & 0x1FFFFF)

/* Every referral's events, by cell and month, sorted by key. Our rules,
 * as anv_summary_apply () keeps them (the ends before the start apart when
 * @before_start_apart, the rule since schema 10; by kind before it):
 * active from the decision until the stop (the end, or the lapse of the
 * period when it comes first); overdue from such a lapse until the end;
 * of the active, waiting from the decision until the start when it comes
 * before the stop, then taking part. With @parts, the events of each
 * kept breakdown's parts instead of the summary's, their names in @parts. */
static GArray *
count_events_of (AnvDb     *db,
                 gboolean   before_start_apart,
                 PartNames *parts,
                 GError   **error)
{
  g_autoptr (GHashTable) cells = g_hash_table_new_full (hash_key, g_int64_equal, NULL,
                                                        g_free);
  GArray *sorted;
  GHashTableIter iter;
  gpointer value;
  AnvDbStmt *stmt;
  AnvDbStep step;

  if (parts == NULL)
    stmt = anv_db_prepare (db, "summary/count-referrals",
      "SELECT r.service, r.municipality_code, r.female, r.decided_on, r.started_on,"
      "       r.ended_on, k.kind, r.end_reason, r.period_end "
      "FROM referral r LEFT JOIN end_reason k ON k.code = r.end_reason "
      "WHERE r.annulled = 0", error);
  else
    stmt = anv_db_prepare (db, "summary/count-referral-parts",
      "SELECT r.service, r.municipality_code, r.female, r.decided_on, r.started_on,"
      "       r.ended_on, k.kind, r.end_reason, r.period_end, r.level, s.personnummer,"
      "       (SELECT p.orgnr FROM referral_provider rp JOIN provider p ON p.id = rp.provider_id"
      "        WHERE rp.referral_id = r.id ORDER BY rp.from_date DESC, rp.id DESC LIMIT 1) "
      "FROM referral r LEFT JOIN end_reason k ON k.code = r.end_reason "
      "JOIN seeker s ON s.id = r.seeker_id "
      "WHERE r.annulled = 0", error);
  if (stmt == NULL)
    return NULL;

  while ((step = anv_db_step (stmt, error)) == ANV_DB_ROW)
    {
      guint64 cell = ((guint64) (strcmp (anv_db_column_text (stmt, 0), "KROM") != 0) << 20)
                     | (guint64) atoi (anv_db_column_text (stmt, 1));
      gboolean female = anv_db_column_int (stmt, 2) != 0;
      int d = month_number (anv_db_column_text (stmt, 3));
      int s = month_number (anv_db_column_text (stmt, 4));
      int e = month_number (anv_db_column_text (stmt, 5));
      const char *kind = anv_db_column_text (stmt, 6);
      const char *reason = anv_db_column_text (stmt, 7);
      int lapse = lapse_month (anv_db_column_text (stmt, 8));
      char age[12];
      const char *orgnr;

      if (parts == NULL)
        {
          add_referral_events (cells, cell, female, d, s, e, kind, reason, lapse,
                               before_start_apart);
          continue;
        }
      orgnr = anv_db_column_text (stmt, 11);
      anv_summary_age_part (anv_db_column_text (stmt, 10), anv_db_column_text (stmt, 3), age);
      add_referral_events (cells,
                           PART_CELL (ANV_SUMMARY_KEPT_PROVIDER,
                                      part_number (parts, ANV_SUMMARY_KEPT_PROVIDER,
                                                   orgnr ? orgnr : ANV_SUMMARY_PART_NO_PROVIDER),
                                      cell),
                           female, d, s, e, kind, reason, lapse, before_start_apart);
      add_referral_events (cells,
                           PART_CELL (ANV_SUMMARY_KEPT_LEVEL,
                                      part_number (parts, ANV_SUMMARY_KEPT_LEVEL,
                                                   anv_db_column_text (stmt, 9)), cell),
                           female, d, s, e, kind, reason, lapse, before_start_apart);
      add_referral_events (cells,
                           PART_CELL (ANV_SUMMARY_KEPT_AGE,
                                      part_number (parts, ANV_SUMMARY_KEPT_AGE, age), cell),
                           female, d, s, e, kind, reason, lapse, before_start_apart);
    }
  if (step == ANV_DB_FAILED)
    return NULL;

  sorted = g_array_sized_new (FALSE, FALSE, sizeof (CellEvents), g_hash_table_size (cells));
  g_hash_table_iter_init (&iter, cells);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_array_append_vals (sorted, value, 1);
  g_array_sort (sorted, compare_cells);
  return sorted;
}

static GArray *
count_events (AnvDb    *db,
              gboolean  before_start_apart,
              GError  **error)
{
  return count_events_of (db, before_start_apart, NULL, error);
}

/* The cell and month of the summary's key, as count_events () packs it. */
static guint64
pack_summary_key (const char *service,
                  const char *municipality_code,
                  const char *month)
{
  return PACK_KEY (strcmp (service, "KROM") != 0, atoi (municipality_code),
                   month_number (month));
}

typedef struct
{
  guint64 key;
  char    service[5];
  char    municipality_code[5];
  char    month[8];
  gint64  totals[5];    /* started, job, studies, interrupted, active */
} KeptRow;

static gboolean
read_kept_rows (AnvDb   *db,
                GArray  *rows,
                GError **error)
{
  AnvDbStmt *stmt = anv_db_prepare (db, "summary/kept-totals",
    "SELECT service, municipality_code, month, started, ended_job, ended_studies,"
    "       ended_interrupted, active_end "
    "FROM summary ORDER BY service, municipality_code, month", error);
  AnvDbStep step;

  if (stmt == NULL)
    return FALSE;
  while ((step = anv_db_step (stmt, error)) == ANV_DB_ROW)
    {
      KeptRow row = { 0 };

      g_strlcpy (row.service, anv_db_column_text (stmt, 0), sizeof row.service);
      g_strlcpy (row.municipality_code, anv_db_column_text (stmt, 1),
                 sizeof row.municipality_code);
      g_strlcpy (row.month, anv_db_column_text (stmt, 2), sizeof row.month);
      for (guint i = 0; i < G_N_ELEMENTS (row.totals); i++)
        row.totals[i] = anv_db_column_int64 (stmt, 3 + (int) i);
      row.key = pack_summary_key (row.service, row.municipality_code, row.month);
      g_array_append_val (rows, row);
    }
  return step == ANV_DB_DONE;
}

/* Binds a split as ?N and ?N+1, or NULL twice where @known is FALSE. */
static void
bind_split (AnvDbStmt *stmt,
            int        index,
            gboolean   known,
            gint64     women,
            gint64     men)
{
  if (!known)
    {
      anv_db_bind_null (stmt, index);
      anv_db_bind_null (stmt, index + 1);
      return;
    }
  anv_db_bind_int64 (stmt, index, women);
  anv_db_bind_int64 (stmt, index + 1, men);
}

gboolean
anv_summary_count_splits (AnvDb   *db,
                          GError **error)
{
  /* Counted from the referrals that are there, carried to every month the
   * kept summary has a row for. Where a total counted so equals the kept
   * one, no removed referral was in it (the referrals there are a part of
   * those counted, and every count is of referrals) and the split is the
   * true one; where it is smaller, retention removed some that the cell
   * still counts, and their sex is gone with them: the split is left
   * unknown (NULL). */
  g_autoptr (GArray) events = count_events (db, FALSE, error);
  g_autoptr (GArray) kept = g_array_new (FALSE, FALSE, sizeof (KeptRow));
  gint64 running[N_RUNNING] = { 0 };
  guint64 cell = G_MAXUINT64;
  guint next = 0;
  AnvDbStmt *stmt;

  if (events == NULL || !read_kept_rows (db, kept, error))
    return FALSE;
  stmt = anv_db_prepare (db, "summary/set-splits",
    "UPDATE summary SET started_women = ?4, started_men = ?5, ended_job_women = ?6,"
    "  ended_job_men = ?7, ended_studies_women = ?8, ended_studies_men = ?9,"
    "  ended_interrupted_women = ?10, ended_interrupted_men = ?11,"
    "  participating_women = ?12, participating_men = ?13, waiting_women = ?14,"
    "  waiting_men = ?15 "
    "WHERE service = ?1 AND municipality_code = ?2 AND month = ?3", error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < kept->len; i++)
    {
      const KeptRow *row = &g_array_index (kept, KeptRow, i);
      gint64 month[N_EVENTS] = { 0 };

      if (CELL_OF (row->key) != cell)
        {
          cell = CELL_OF (row->key);
          memset (running, 0, sizeof running);
        }
      /* The events of other cells before it (none, unless the kept
       * summary lacks a cell) are passed over; the cell's own until this
       * month are carried. */
      while (next < events->len && g_array_index (events, CellEvents, next).key <= row->key)
        {
          const CellEvents *ev = &g_array_index (events, CellEvents, next++);

          if (CELL_OF (ev->key) != cell)
            continue;
          for (guint r = 0; r < N_RUNNING; r++)
            running[r] += ev->v[FIRST_RUNNING + r];
          if (ev->key == row->key)
            memcpy (month, ev->v, sizeof month);
        }

      anv_db_bind_text (stmt, 1, row->service);
      anv_db_bind_text (stmt, 2, row->municipality_code);
      anv_db_bind_text (stmt, 3, row->month);
      for (guint c = 0; c < 4; c++)
        {
          gint64 women = month[EVENT_STARTED_WOMEN + 2 * c];
          gint64 men = month[EVENT_STARTED_MEN + 2 * c];

          bind_split (stmt, 4 + 2 * (int) c, women + men == row->totals[c], women, men);
        }
      {
        gboolean known = running[EVENT_ACTIVE - FIRST_RUNNING] == row->totals[4];

        bind_split (stmt, 12, known, running[EVENT_PARTICIPATING_WOMEN - FIRST_RUNNING],
                    running[EVENT_PARTICIPATING_MEN - FIRST_RUNNING]);
        bind_split (stmt, 14, known, running[EVENT_WAITING_WOMEN - FIRST_RUNNING],
                    running[EVENT_WAITING_MEN - FIRST_RUNNING]);
      }
      if (!anv_db_step_done (stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* Writes the summary anew from the events: a row for each cell and month
 * with any, the counts at the month's end carried through the cell. */
static gboolean
write_counted (AnvDb   *db,
               GArray  *events,
               GError **error)
{
  gint64 running[N_RUNNING] = { 0 };
  guint64 cell = G_MAXUINT64;
  AnvDbStmt *stmt;

  if (!anv_db_exec (db, "DELETE FROM summary;", error))
    return FALSE;
  stmt = anv_db_prepare (db, "summary/insert-counted-before-start",
    "INSERT INTO summary (service, municipality_code, month, decided_women, decided_men,"
    "  started, started_women, started_men, ended_job, ended_job_women, ended_job_men,"
    "  ended_studies, ended_studies_women, ended_studies_men, ended_interrupted,"
    "  ended_interrupted_women, ended_interrupted_men, ended_before_start,"
    "  ended_before_start_women, ended_before_start_men, active_end, overdue_end,"
    "  participating_women, participating_men, waiting_women, waiting_men) "
    "VALUES (?1, ?2, ?3, ?4, ?5, CAST (?6 AS BIGINT) + CAST (?7 AS BIGINT), ?6, ?7,"
    "        CAST (?8 AS BIGINT) + CAST (?9 AS BIGINT), ?8, ?9,"
    "        CAST (?10 AS BIGINT) + CAST (?11 AS BIGINT), ?10, ?11,"
    "        CAST (?12 AS BIGINT) + CAST (?13 AS BIGINT), ?12, ?13,"
    "        CAST (?14 AS BIGINT) + CAST (?15 AS BIGINT), ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)",
    error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < events->len; i++)
    {
      const CellEvents *ev = &g_array_index (events, CellEvents, i);
      guint month = (guint) (ev->key & 0xFFFFF);
      char code[5], month_text[8];

      if (CELL_OF (ev->key) != cell)
        {
          cell = CELL_OF (ev->key);
          memset (running, 0, sizeof running);
        }
      for (guint r = 0; r < N_RUNNING; r++)
        running[r] += ev->v[FIRST_RUNNING + r];

      g_snprintf (code, sizeof code, "%04u", (guint) (cell & 0xFFFFF));
      g_snprintf (month_text, sizeof month_text, "%04u-%02u", month / 12, month % 12 + 1);
      anv_db_bind_text (stmt, 1, (cell >> 20) ? "STOM" : "KROM");
      anv_db_bind_text (stmt, 2, code);
      anv_db_bind_text (stmt, 3, month_text);
      for (guint c = 0; c < FIRST_RUNNING; c++)
        anv_db_bind_int64 (stmt, 4 + (int) c, ev->v[c]);
      for (guint r = 0; r < N_RUNNING; r++)
        anv_db_bind_int64 (stmt, 4 + FIRST_RUNNING + (int) r, running[r]);
      if (!anv_db_step_done (stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* The breakdowns kept in summary_part, counted in one pass */

/* The columns of a row of summary_part (and of summary) that count. */
enum
{
  COL_DECIDED_WOMEN, COL_DECIDED_MEN, COL_STARTED, COL_STARTED_WOMEN, COL_STARTED_MEN,
  COL_JOB, COL_JOB_WOMEN, COL_JOB_MEN, COL_STUDIES, COL_STUDIES_WOMEN, COL_STUDIES_MEN,
  COL_INTERRUPTED, COL_INTERRUPTED_WOMEN, COL_INTERRUPTED_MEN, COL_BEFORE_START,
  COL_BEFORE_START_WOMEN, COL_BEFORE_START_MEN, COL_ACTIVE, COL_OVERDUE,
  COL_PARTICIPATING_WOMEN, COL_PARTICIPATING_MEN, COL_WAITING_WOMEN, COL_WAITING_MEN,
  N_COLS
};

#define COUNT_COLUMNS \
  "decided_women, decided_men, started, started_women, started_men, ended_job," \
  " ended_job_women, ended_job_men, ended_studies, ended_studies_women, ended_studies_men," \
  " ended_interrupted, ended_interrupted_women, ended_interrupted_men, ended_before_start," \
  " ended_before_start_women, ended_before_start_men, active_end, overdue_end," \
  " participating_women, participating_men, waiting_women, waiting_men"

/* The columns that may be NULL: a split not known since retention. */
#define SPLIT_COLUMNS \
  ((1u << COL_STARTED_WOMEN) | (1u << COL_STARTED_MEN) | (1u << COL_JOB_WOMEN) \
   | (1u << COL_JOB_MEN) | (1u << COL_STUDIES_WOMEN) | (1u << COL_STUDIES_MEN) \
   | (1u << COL_INTERRUPTED_WOMEN) | (1u << COL_INTERRUPTED_MEN) \
   | (1u << COL_BEFORE_START_WOMEN) | (1u << COL_BEFORE_START_MEN) \
   | (1u << COL_PARTICIPATING_WOMEN) | (1u << COL_PARTICIPATING_MEN) \
   | (1u << COL_WAITING_WOMEN) | (1u << COL_WAITING_MEN))

/* A month's events and the counts at its end as the columns. */
static void
events_to_columns (const gint64 *month,
                   const gint64 *running,
                   gint64        cols[N_COLS])
{
  cols[COL_DECIDED_WOMEN] = month[EVENT_DECIDED_WOMEN];
  cols[COL_DECIDED_MEN] = month[EVENT_DECIDED_MEN];
  for (guint c = 0; c < 5; c++)
    {
      gint64 women = month[EVENT_STARTED_WOMEN + 2 * c], men = month[EVENT_STARTED_MEN + 2 * c];

      cols[COL_STARTED + 3 * c] = women + men;
      cols[COL_STARTED_WOMEN + 3 * c] = women;
      cols[COL_STARTED_MEN + 3 * c] = men;
    }
  cols[COL_ACTIVE] = running[EVENT_ACTIVE - FIRST_RUNNING];
  cols[COL_OVERDUE] = running[EVENT_OVERDUE - FIRST_RUNNING];
  cols[COL_PARTICIPATING_WOMEN] = running[EVENT_PARTICIPATING_WOMEN - FIRST_RUNNING];
  cols[COL_PARTICIPATING_MEN] = running[EVENT_PARTICIPATING_MEN - FIRST_RUNNING];
  cols[COL_WAITING_WOMEN] = running[EVENT_WAITING_WOMEN - FIRST_RUNNING];
  cols[COL_WAITING_MEN] = running[EVENT_WAITING_MEN - FIRST_RUNNING];
}

/* Inserts a row of summary_part; the columns in @nulls are NULL. */
static gboolean
insert_part_row (AnvDb        *db,
                 const char   *dimension,
                 const char   *part,
                 const char   *service,
                 const char   *municipality_code,
                 const char   *month,
                 const gint64  cols[N_COLS],
                 guint32       nulls,
                 GError      **error)
{
  AnvDbStmt *stmt = anv_db_prepare (db, "summary/part-insert",
    "INSERT INTO summary_part (dimension, part, service, municipality_code, month, "
    COUNT_COLUMNS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
    " ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28)", error);

  if (stmt == NULL)
    return FALSE;
  anv_db_bind_text (stmt, 1, dimension);
  anv_db_bind_text (stmt, 2, part);
  anv_db_bind_text (stmt, 3, service);
  anv_db_bind_text (stmt, 4, municipality_code);
  anv_db_bind_text (stmt, 5, month);
  for (guint c = 0; c < N_COLS; c++)
    {
      if (nulls & (1u << c))
        anv_db_bind_null (stmt, 6 + (int) c);
      else
        anv_db_bind_int64 (stmt, 6 + (int) c, cols[c]);
    }
  return anv_db_step_done (stmt, error);
}

static void
format_cell (guint64 cell,
             guint   month,
             char    code[5],
             char    month_text[8])
{
  g_snprintf (code, 5, "%04u", (guint) (cell & 0xFFFFF));
  g_snprintf (month_text, 8, "%04u-%02u", month / 12, month % 12 + 1);
}

/* Writes the parts' events (those of kept breakdowns) into summary_part:
 * a row for each part, cell and month with any. */
static gboolean
write_part_events (AnvDb     *db,
                   GArray    *events,
                   PartNames *names,
                   GError   **error)
{
  gint64 running[N_RUNNING] = { 0 };
  guint64 cell = G_MAXUINT64;

  for (guint i = 0; i < events->len; i++)
    {
      const CellEvents *ev = &g_array_index (events, CellEvents, i);
      int kept = KEPT_OF_CELL (CELL_OF (ev->key));
      gint64 cols[N_COLS];
      char code[5], month[8];

      if (kept < 0)
        continue;
      if (CELL_OF (ev->key) != cell)
        {
          cell = CELL_OF (ev->key);
          memset (running, 0, sizeof running);
        }
      for (guint r = 0; r < N_RUNNING; r++)
        running[r] += ev->v[FIRST_RUNNING + r];
      events_to_columns (ev->v, running, cols);
      format_cell (cell, (guint) (ev->key & 0xFFFFF), code, month);
      if (!insert_part_row (db, kept_names[kept],
                            g_ptr_array_index (names->names[kept], NUMBER_OF_CELL (cell) - 1),
                            (cell >> 20) & 1 ? "STOM" : "KROM", code, month, cols, 0, error))
        return FALSE;
    }
  return TRUE;
}

/* Counts summary_part anew from the referrals. */
static gboolean
count_parts_anew (AnvDb   *db,
                  GArray **out_events,
                  PartNames *names,
                  GError **error)
{
  g_autoptr (GArray) events = count_events_of (db, TRUE, names, error);

  if (events == NULL || !anv_db_exec (db, "DELETE FROM summary_part;", error)
      || !write_part_events (db, events, names, error))
    return FALSE;
  *out_events = g_steal_pointer (&events);
  return TRUE;
}

typedef struct
{
  guint64 key;
  char    service[5];
  char    municipality_code[5];
  char    month[8];
  gint64  cols[N_COLS];
  guint32 nulls;
} FullRow;

static gboolean
read_kept_full (AnvDb   *db,
                GArray  *rows,
                GError **error)
{
  AnvDbStmt *stmt = anv_db_prepare (db, "summary/kept-all",
    "SELECT service, municipality_code, month, " COUNT_COLUMNS " "
    "FROM summary ORDER BY service, municipality_code, month", error);
  AnvDbStep step;

  if (stmt == NULL)
    return FALSE;
  while ((step = anv_db_step (stmt, error)) == ANV_DB_ROW)
    {
      FullRow row = { 0 };

      g_strlcpy (row.service, anv_db_column_text (stmt, 0), sizeof row.service);
      g_strlcpy (row.municipality_code, anv_db_column_text (stmt, 1),
                 sizeof row.municipality_code);
      g_strlcpy (row.month, anv_db_column_text (stmt, 2), sizeof row.month);
      for (guint c = 0; c < N_COLS; c++)
        {
          if (anv_db_column_is_null (stmt, 3 + (int) c))
            row.nulls |= 1u << c;
          else
            row.cols[c] = anv_db_column_int64 (stmt, 3 + (int) c);
        }
      row.key = pack_summary_key (row.service, row.municipality_code, row.month);
      g_array_append_val (rows, row);
    }
  return step == ANV_DB_DONE;
}

/* Of one kept breakdown, what the summary counts beyond its parts (the
 * referrals that retention removed), into the part '?': per cell, at
 * every month the summary has a row for, the difference of each count,
 * a split unknown where the summary's is. */
static gboolean
write_unknown_part (AnvDb   *db,
                    GArray  *events,
                    int      kept,
                    GArray  *summary,
                    GError **error)
{
  g_autoptr (GHashTable) sums = g_hash_table_new_full (hash_key, g_int64_equal, NULL,
                                                       g_free);
  g_autoptr (GArray) sorted = NULL;
  GHashTableIter iter;
  gpointer value;
  gint64 running[N_RUNNING] = { 0 };
  guint64 cell = G_MAXUINT64;
  gboolean carried = FALSE;
  guint next = 0;

  /* The breakdown's parts summed per cell and month */
  for (guint i = 0; i < events->len; i++)
    {
      const CellEvents *ev = &g_array_index (events, CellEvents, i);

      if (KEPT_OF_CELL (CELL_OF (ev->key)) != kept)
        continue;
      for (guint e = 0; e < N_EVENTS; e++)
        if (ev->v[e] != 0)
          add_event (sums, SUMMARY_CELL (CELL_OF (ev->key)), (int) (ev->key & 0xFFFFF), e,
                     ev->v[e]);
    }
  sorted = g_array_sized_new (FALSE, FALSE, sizeof (CellEvents), g_hash_table_size (sums));
  g_hash_table_iter_init (&iter, sums);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_array_append_vals (sorted, value, 1);
  g_array_sort (sorted, compare_cells);

  for (guint i = 0; i < summary->len; i++)
    {
      const FullRow *row = &g_array_index (summary, FullRow, i);
      gint64 month[N_EVENTS] = { 0 };
      gint64 counted[N_COLS], diff[N_COLS];
      gboolean flows = FALSE, ends = FALSE;

      if (CELL_OF (row->key) != cell)
        {
          cell = CELL_OF (row->key);
          memset (running, 0, sizeof running);
          carried = FALSE;
        }
      while (next < sorted->len && g_array_index (sorted, CellEvents, next).key <= row->key)
        {
          const CellEvents *ev = &g_array_index (sorted, CellEvents, next++);

          if (CELL_OF (ev->key) != cell)
            continue;
          for (guint r = 0; r < N_RUNNING; r++)
            running[r] += ev->v[FIRST_RUNNING + r];
          if (ev->key == row->key)
            memcpy (month, ev->v, sizeof month);
        }
      events_to_columns (month, running, counted);
      for (guint c = 0; c < N_COLS; c++)
        {
          diff[c] = (row->nulls & (1u << c)) ? 0 : row->cols[c] - counted[c];
          if (c < COL_ACTIVE)
            flows = flows || diff[c] != 0 || (row->nulls & (1u << c));
          else
            ends = ends || diff[c] != 0 || (row->nulls & (1u << c));
        }
      /* A row where the part counts, or where its counts at the month's
       * end go back to zero. */
      if (flows || ends || carried)
        {
          if (!insert_part_row (db, kept_names[kept], ANV_SUMMARY_PART_UNKNOWN, row->service,
                                row->municipality_code, row->month, diff, row->nulls, error))
            return FALSE;
        }
      carried = ends;
    }
  return TRUE;
}

gboolean
anv_summary_count_parts (AnvDb   *db,
                         GError **error)
{
  g_autoptr (GArray) events = NULL;
  g_autoptr (GArray) summary = g_array_new (FALSE, FALSE, sizeof (FullRow));
  PartNames names;
  gboolean ok;

  part_names_init (&names);
  ok = count_parts_anew (db, &events, &names, error) && read_kept_full (db, summary, error);
  for (int kept = 0; ok && kept < ANV_SUMMARY_N_KEPT; kept++)
    ok = write_unknown_part (db, events, kept, summary, error);
  part_names_clear (&names);
  return ok;
}

gboolean
anv_summary_rebuild (AnvDb   *db,
                     GError **error)
{
  g_autoptr (GArray) events = NULL;
  AnvDbStmt *stmt;
  AnvDbStep step;
  int retained = 0;
  PartNames names;
  gboolean counted;

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

  events = count_events (db, TRUE, error);
  if (events == NULL || !write_counted (db, events, error))
    goto fail;
  g_clear_pointer (&events, g_array_unref);
  part_names_init (&names);
  counted = count_parts_anew (db, &events, &names, error);
  part_names_clear (&names);
  if (!counted
      || !anv_audit_append (db, "summary.rebuild", "summary", NULL, NULL, error)
      || !anv_db_commit (db, error))
    goto fail;
  return TRUE;

fail:
  anv_db_rollback (db);
  return FALSE;
}

gboolean
anv_summary_count_before_start (AnvDb   *db,
                                GError **error)
{
  /* Per cell and month, the referrals there that ended without a start,
   * by the kind they were counted as (count_events () without the rule)
   * and by sex; taken from those ends, given to ended_before_start. A
   * split unknown since retention stays unknown (NULL - n); the new
   * split is known, counted from the same referrals as its total. */
  static const char sql[] =
    "CREATE TEMP TABLE before_start ("
    "  service TEXT, municipality_code TEXT, month TEXT, jw INTEGER, jm INTEGER,"
    "  sw INTEGER, sm INTEGER, iw INTEGER, im INTEGER,"
    "  PRIMARY KEY (service, municipality_code, month)) WITHOUT ROWID;"
    "INSERT INTO temp.before_start "
    "SELECT r.service, r.municipality_code, substr (r.ended_on, 1, 7),"
    "  count (iif (job AND r.female, 1, NULL)), count (iif (job AND NOT r.female, 1, NULL)),"
    "  count (iif (studies AND r.female, 1, NULL)),"
    "  count (iif (studies AND NOT r.female, 1, NULL)),"
    "  count (iif (interrupted AND r.female, 1, NULL)),"
    "  count (iif (interrupted AND NOT r.female, 1, NULL)) "
    "FROM (SELECT r.*, k.kind = 'interruption' AS interrupted,"
    "             k.kind = 'result' AND r.end_reason = 'studier' AS studies,"
    "             k.kind = 'result' AND r.end_reason IS NOT 'studier' AS job"
    "      FROM main.referral r LEFT JOIN main.end_reason k ON k.code = r.end_reason"
    "      WHERE NOT r.annulled AND r.ended_on IS NOT NULL AND r.started_on IS NULL) r "
    "GROUP BY 1, 2, 3;"
    "UPDATE summary SET"
    "  ended_job = ended_job - (b.jw + b.jm),"
    "  ended_job_women = ended_job_women - b.jw, ended_job_men = ended_job_men - b.jm,"
    "  ended_studies = ended_studies - (b.sw + b.sm),"
    "  ended_studies_women = ended_studies_women - b.sw,"
    "  ended_studies_men = ended_studies_men - b.sm,"
    "  ended_interrupted = ended_interrupted - (b.iw + b.im),"
    "  ended_interrupted_women = ended_interrupted_women - b.iw,"
    "  ended_interrupted_men = ended_interrupted_men - b.im,"
    "  ended_before_start = b.jw + b.jm + b.sw + b.sm + b.iw + b.im,"
    "  ended_before_start_women = b.jw + b.sw + b.iw,"
    "  ended_before_start_men = b.jm + b.sm + b.im "
    "FROM temp.before_start b "
    "WHERE b.service = summary.service AND b.municipality_code = summary.municipality_code"
    "  AND b.month = summary.month;"
    "DROP TABLE temp.before_start;";

  return anv_db_exec (db, sql, error);
}

/* The breakdowns */

static const struct
{
  const char *code;
  const char *label;
} dimensions[] = {
  /* Translators: the summary's breakdowns (fördelning): by municipality,
   * provider, level or track, delivery area, age group */
  [ANV_SUMMARY_BY_MUNICIPALITY] = { "municipality", N_("Municipality") },
  [ANV_SUMMARY_BY_PROVIDER] = { "provider", N_("Provider") },
  [ANV_SUMMARY_BY_LEVEL] = { "level", N_("Level or track") },
  [ANV_SUMMARY_BY_AREA] = { "area", N_("Delivery area") },
  [ANV_SUMMARY_BY_AGE] = { "age", N_("Age group") },
};

/* The age groups, in order: our rule (HACKING.md). */
static const char *const age_groups[] = { "16-24", "25-54", "55-64", "65+" };

const char *
anv_summary_dimension_label (AnvSummaryDimension by)
{
  g_return_val_if_fail (by <= ANV_SUMMARY_BY_AGE, NULL);
  return _(dimensions[by].label);
}

const char *
anv_summary_dimension_code (AnvSummaryDimension by)
{
  g_return_val_if_fail (by <= ANV_SUMMARY_BY_AGE, NULL);
  return dimensions[by].code;
}

gboolean
anv_summary_dimension_parse (const char          *text,
                             AnvSummaryDimension *out,
                             GError             **error)
{
  g_autofree char *shown = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (dimensions); i++)
    if (g_strcmp0 (text, dimensions[i].code) == 0)
      {
        *out = (AnvSummaryDimension) i;
        return TRUE;
      }
  shown = anv_text_quote (text ? text : "");
  g_set_error (error, ANV_SUMMARY_ERROR, ANV_SUMMARY_ERROR_BREAKDOWN,
               /* Translators: %s is what was typed; the words in quotes are typed as
                * they are */
               _("“%s” is no breakdown of the summary. Use municipality, provider, level, "
                 "area or age."),
               shown);
  return FALSE;
}

/* One part of a breakdown while it is read: its counts per month of the
 * grid, summed over the selection. */
typedef struct
{
  char          *part;
  char          *label;
  int            rank;      /* the order of levels and age groups; the
                             * special parts last */
  AnvSummaryRow *cells;     /* one per month */
} PartEntry;

static void
part_entry_free (PartEntry *entry)
{
  g_free (entry->part);
  g_free (entry->label);
  g_free (entry->cells);
  g_free (entry);
}

typedef struct
{
  AnvDb               *db;
  AnvSummaryDimension  by;
  AnvService           service;
  Grid                *grid;
  GHashTable          *entries;      /* part → PartEntry */
  GHashTable          *names;        /* orgnr → provider name; area id → name */
} PartReading;

static gboolean
load_names (PartReading  *reading,
            GPtrArray    *areas,
            GError      **error)
{
  AnvDbStmt *stmt;
  AnvDbStep step;

  reading->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (reading->by == ANV_SUMMARY_BY_AREA)
    {
      for (guint i = 0; i < areas->len; i++)
        {
          AnvArea *area = g_ptr_array_index (areas, i);

          g_hash_table_insert (reading->names,
                               g_strdup_printf ("%" G_GINT64_FORMAT, area->id),
                               g_strdup (area->name));
        }
      return TRUE;
    }
  if (reading->by != ANV_SUMMARY_BY_PROVIDER)
    return TRUE;
  stmt = anv_db_prepare (reading->db, "summary/provider-names",
                         "SELECT orgnr, name FROM provider", error);
  if (stmt == NULL)
    return FALSE;
  while ((step = anv_db_step (stmt, error)) == ANV_DB_ROW)
    g_hash_table_insert (reading->names, anv_db_column_dup (stmt, 0),
                         anv_db_column_dup (stmt, 1));
  return step == ANV_DB_DONE;
}

static PartEntry *
find_entry (PartReading *reading,
            const char  *part)
{
  PartEntry *entry = g_hash_table_lookup (reading->entries, part);

  if (entry != NULL)
    return entry;
  entry = g_new0 (PartEntry, 1);
  entry->part = g_strdup (part);
  entry->cells = g_new0 (AnvSummaryRow, reading->grid->months->len);
  if (strcmp (part, ANV_SUMMARY_PART_UNKNOWN) == 0)
    {
      entry->rank = 1001;
      entry->label = g_strdup (_("Not known (removed by retention)"));
    }
  else if (strcmp (part, ANV_SUMMARY_PART_NO_PROVIDER) == 0)
    {
      entry->rank = 1000;
      entry->label = g_strdup (reading->by == ANV_SUMMARY_BY_AREA ? _("In no delivery area")
                                                                   : _("No provider yet"));
    }
  else if (reading->by == ANV_SUMMARY_BY_LEVEL)
    {
      const char *const *levels = anv_referral_levels (reading->service);

      entry->rank = (int) g_strv_length ((GStrv) levels);
      for (guint i = 0; levels[i] != NULL; i++)
        if (strcmp (levels[i], part) == 0)
          entry->rank = (int) i;
      entry->label = anv_referral_level_label (reading->service, part);
      if (entry->label == NULL)
        entry->label = g_strdup (part);
    }
  else if (reading->by == ANV_SUMMARY_BY_AGE)
    {
      entry->rank = G_N_ELEMENTS (age_groups);
      for (guint i = 0; i < G_N_ELEMENTS (age_groups); i++)
        if (strcmp (age_groups[i], part) == 0)
          entry->rank = (int) i;
      /* "16–24", with the en dash of a range */
      {
        g_auto (GStrv) pieces = g_strsplit (part, "-", 2);

        entry->label = pieces[1] != NULL ? g_strdup_printf ("%s–%s", pieces[0], pieces[1])
                                         : g_strdup (part);
      }
    }
  else
    {
      const char *name = g_hash_table_lookup (reading->names, part);

      entry->label = g_strdup (name ? name : part);
    }
  g_hash_table_insert (reading->entries, entry->part, entry);
  return entry;
}

static void
copy_ends (AnvSummaryRow       *to,
           const AnvSummaryRow *from)
{
  to->active_end = from->active_end;
  to->overdue_end = from->overdue_end;
  to->participating_women = from->participating_women;
  to->participating_men = from->participating_men;
  to->waiting_women = from->waiting_women;
  to->waiting_men = from->waiting_men;
}

/* Reads one row of summary_part's counts from column @first on. */
static void
read_counts (AnvDbStmt     *stmt,
             int            first,
             AnvSummaryRow *row)
{
  row->decided_women = (guint) anv_db_column_int (stmt, first + COL_DECIDED_WOMEN);
  row->decided_men = (guint) anv_db_column_int (stmt, first + COL_DECIDED_MEN);
  row->started = (guint) anv_db_column_int (stmt, first + COL_STARTED);
  read_split (stmt, first + COL_STARTED_WOMEN, &row->started_women, &row->started_men);
  row->ended_job = (guint) anv_db_column_int (stmt, first + COL_JOB);
  read_split (stmt, first + COL_JOB_WOMEN, &row->ended_job_women, &row->ended_job_men);
  row->ended_studies = (guint) anv_db_column_int (stmt, first + COL_STUDIES);
  read_split (stmt, first + COL_STUDIES_WOMEN, &row->ended_studies_women,
              &row->ended_studies_men);
  row->ended_interrupted = (guint) anv_db_column_int (stmt, first + COL_INTERRUPTED);
  read_split (stmt, first + COL_INTERRUPTED_WOMEN, &row->ended_interrupted_women,
              &row->ended_interrupted_men);
  row->ended_before_start = (guint) anv_db_column_int (stmt, first + COL_BEFORE_START);
  read_split (stmt, first + COL_BEFORE_START_WOMEN, &row->ended_before_start_women,
              &row->ended_before_start_men);
  row->active_end = (guint) anv_db_column_int (stmt, first + COL_ACTIVE);
  row->overdue_end = (guint) anv_db_column_int (stmt, first + COL_OVERDUE);
  read_split (stmt, first + COL_PARTICIPATING_WOMEN, &row->participating_women,
              &row->participating_men);
  read_split (stmt, first + COL_WAITING_WOMEN, &row->waiting_women, &row->waiting_men);
}

/* Adds one series (a municipality's part) into its entry: the months of
 * the grid in @series, those without a row (@present FALSE) carrying the
 * counts at the end of the one before (@carried before the first). */
static void
add_series (PartReading   *reading,
            const char    *part,
            AnvSummaryRow *series,
            gboolean      *present,
            AnvSummaryRow *carried)
{
  PartEntry *entry = find_entry (reading, part);

  for (guint t = 0; t < reading->grid->months->len; t++)
    {
      if (present[t])
        copy_ends (carried, &series[t]);
      else
        copy_ends (&series[t], carried);
      add_into (&entry->cells[t], &series[t]);
    }
}

/* The kept breakdown's rows of the service, summed per part. */
static gboolean
read_kept_parts (PartReading  *reading,
                 GError      **error)
{
  guint n_months = reading->grid->months->len;
  const char *to = g_ptr_array_index (reading->grid->months, n_months - 1);
  g_autofree AnvSummaryRow *series = g_new0 (AnvSummaryRow, n_months);
  g_autofree gboolean *present = g_new0 (gboolean, n_months);
  g_autofree char *part = NULL;
  char municipality[5] = "";
  AnvSummaryRow carried = { 0 };
  gboolean in_selection = FALSE;
  AnvDbStmt *stmt;
  AnvDbStep step;

  /* A range of the primary key, in its order */
  stmt = anv_db_prepare (reading->db, "summary/read-parts",
    "SELECT municipality_code, part, month, " COUNT_COLUMNS " FROM summary_part "
    "WHERE dimension = ?1 AND service = ?2 AND month <= ?3 "
    "ORDER BY dimension, service, municipality_code, part, month", error);
  if (stmt == NULL)
    return FALSE;
  anv_db_bind_text (stmt, 1, dimensions[reading->by].code);
  anv_db_bind_text (stmt, 2, anv_service_code (reading->service));
  anv_db_bind_text (stmt, 3, to);

  while ((step = anv_db_step (stmt, error)) == ANV_DB_ROW)
    {
      const char *code = anv_db_column_text (stmt, 0);
      const char *this_part = anv_db_column_text (stmt, 1);
      int t;
      AnvSummaryRow row = { 0 };

      if (part == NULL || strcmp (code, municipality) != 0 || strcmp (this_part, part) != 0)
        {
          if (part != NULL && in_selection)
            add_series (reading, part, series, present, &carried);
          g_free (part);
          part = g_strdup (this_part);
          g_strlcpy (municipality, code, sizeof municipality);
          in_selection = find_municipality (reading->grid, code) != G_MAXUINT;
          memset (series, 0, sizeof (AnvSummaryRow) * n_months);
          memset (present, 0, sizeof (gboolean) * n_months);
          memset (&carried, 0, sizeof carried);
        }
      if (!in_selection)
        continue;
      t = month_index (reading->grid, anv_db_column_text (stmt, 2));
      if (t < 0)
        {
          /* Before the period, only the counts at the month's end matter */
          carried.active_end = (guint) anv_db_column_int (stmt, 3 + COL_ACTIVE);
          carried.overdue_end = (guint) anv_db_column_int (stmt, 3 + COL_OVERDUE);
          read_split (stmt, 3 + COL_PARTICIPATING_WOMEN, &carried.participating_women,
                      &carried.participating_men);
          read_split (stmt, 3 + COL_WAITING_WOMEN, &carried.waiting_women,
                      &carried.waiting_men);
        }
      else if ((guint) t < n_months)
        {
          read_counts (stmt, 3, &row);
          series[t] = row;
          present[t] = TRUE;
        }
    }
  if (step == ANV_DB_FAILED)
    return FALSE;
  if (part != NULL && in_selection)
    add_series (reading, part, series, present, &carried);
  return TRUE;
}

/* The areas of @service that hold each municipality of the grid: for
 * municipality m, a GPtrArray of area ids as text (none: not in one). */
static GPtrArray **
areas_by_municipality (Grid       *grid,
                       GPtrArray  *areas,
                       AnvService  service)
{
  guint n_munis = grid->municipalities->len;
  GPtrArray **by = g_new0 (GPtrArray *, n_munis);

  for (guint m = 0; m < n_munis; m++)
    by[m] = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; areas != NULL && i < areas->len; i++)
    {
      AnvArea *area = g_ptr_array_index (areas, i);

      if (area->service != service)
        continue;
      for (guint c = 0; area->municipality_codes[c] != NULL; c++)
        {
          guint m = find_municipality (grid, area->municipality_codes[c]);

          if (m != G_MAXUINT)
            g_ptr_array_add (by[m], g_strdup_printf ("%" G_GINT64_FORMAT, area->id));
        }
    }
  return by;
}

static void
free_areas_by (GPtrArray **by,
               guint       n)
{
  for (guint m = 0; m < n; m++)
    g_ptr_array_unref (by[m]);
  g_free (by);
}

/* The summary's municipalities summed per delivery area. */
static gboolean
read_area_parts (PartReading  *reading,
                 GPtrArray    *areas,
                 GError      **error)
{
  Grid *grid = reading->grid;
  guint n_munis = grid->municipalities->len;
  gsize n = (gsize) grid->months->len * n_munis;
  g_autofree AnvSummaryRow *cells = g_new0 (AnvSummaryRow, n);
  g_autofree gboolean *present = g_new0 (gboolean, n);
  ServiceBlock block = { cells, present };
  GPtrArray **by;

  if (!read_block (reading->db, grid, reading->service, &block, error))
    return FALSE;
  by = areas_by_municipality (grid, areas, reading->service);
  for (guint m = 0; m < n_munis; m++)
    for (guint a = 0; a < MAX (by[m]->len, 1); a++)
      {
        PartEntry *entry = find_entry (reading, by[m]->len ? g_ptr_array_index (by[m], a)
                                                           : ANV_SUMMARY_PART_NO_AREA);

        for (guint t = 0; t < grid->months->len; t++)
          add_into (&entry->cells[t], &cells[t * n_munis + m]);
      }
  free_areas_by (by, n_munis);
  return TRUE;
}

/* The referrals of the service counted per part, for the tests. */
static gboolean
recount_parts (PartReading  *reading,
               GPtrArray    *areas,
               GError      **error)
{
  Grid *grid = reading->grid;
  g_autoptr (GPtrArray) month_ends = list_month_ends (grid);
  GPtrArray **by = areas_by_municipality (grid, areas, reading->service);
  AnvDbStmt *stmt;
  AnvDbStep step;

  stmt = anv_db_prepare (reading->db, "summary/recount-parts",
    "SELECT r.municipality_code, r.female, r.decided_on, r.started_on, r.ended_on, "
    "       e.kind, r.end_reason, r.period_end, r.level, s.personnummer,"
    "       (SELECT p.orgnr FROM referral_provider rp JOIN provider p ON p.id = rp.provider_id"
    "        WHERE rp.referral_id = r.id ORDER BY rp.from_date DESC, rp.id DESC LIMIT 1) "
    "FROM referral r LEFT JOIN end_reason e ON e.code = r.end_reason "
    "JOIN seeker s ON s.id = r.seeker_id "
    "WHERE r.service = ?1 AND r.annulled = 0", error);
  if (stmt == NULL)
    {
      free_areas_by (by, grid->municipalities->len);
      return FALSE;
    }
  anv_db_bind_text (stmt, 1, anv_service_code (reading->service));

  while ((step = anv_db_step (stmt, error)) == ANV_DB_ROW)
    {
      guint m = find_municipality (grid, anv_db_column_text (stmt, 0));
      Recounted r = {
        anv_db_column_int (stmt, 1) != 0, anv_db_column_text (stmt, 2),
        anv_db_column_text (stmt, 3), anv_db_column_text (stmt, 4),
        anv_db_column_text (stmt, 5), anv_db_column_text (stmt, 6),
        anv_db_column_text (stmt, 7)
      };
      g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
      char age[12];

      if (m == G_MAXUINT)
        continue;
      switch (reading->by)
        {
        case ANV_SUMMARY_BY_PROVIDER:
          g_ptr_array_add (parts, g_strdup (anv_db_column_is_null (stmt, 10)
                                            ? ANV_SUMMARY_PART_NO_PROVIDER
                                            : anv_db_column_text (stmt, 10)));
          break;
        case ANV_SUMMARY_BY_LEVEL:
          g_ptr_array_add (parts, g_strdup (anv_db_column_text (stmt, 8)));
          break;
        case ANV_SUMMARY_BY_AGE:
          anv_summary_age_part (anv_db_column_text (stmt, 9), r.decided, age);
          g_ptr_array_add (parts, g_strdup (age));
          break;
        case ANV_SUMMARY_BY_AREA:
        case ANV_SUMMARY_BY_MUNICIPALITY:
        default:
          for (guint a = 0; a < by[m]->len; a++)
            g_ptr_array_add (parts, g_strdup (g_ptr_array_index (by[m], a)));
          if (parts->len == 0)
            g_ptr_array_add (parts, g_strdup (ANV_SUMMARY_PART_NO_AREA));
          break;
        }
      for (guint p = 0; p < parts->len; p++)
        {
          PartEntry *entry = find_entry (reading, g_ptr_array_index (parts, p));

          for (guint t = 0; t < grid->months->len; t++)
            recount_month (&entry->cells[t], &r, g_ptr_array_index (grid->months, t),
                           g_ptr_array_index (month_ends, t));
        }
    }
  free_areas_by (by, grid->municipalities->len);
  return step == ANV_DB_DONE;
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const PartEntry *x = *(PartEntry * const *) a, *y = *(PartEntry * const *) b;

  if (x->rank != y->rank)
    return x->rank < y->rank ? -1 : 1;
  return anv_text_collate (x->label, y->label);
}

static gboolean
row_counts_anything (const AnvSummaryRow *row)
{
  return row->decided_women + row->decided_men + row->started + row->ended_job
         + row->ended_studies + row->ended_interrupted + row->ended_before_start
         + row->active_end + row->overdue_end > 0;
}

static void
clear_part (gpointer data)
{
  AnvSummaryPart *part = data;

  g_free (part->part);
  g_free (part->label);
}

/* Appends the parts that count anything in the period, for each month. */
static void
emit_parts (PartReading           *reading,
            const AnvSummaryQuery *query,
            GArray                *out)
{
  g_autoptr (GPtrArray) entries = g_ptr_array_new ();
  Grid *grid = reading->grid;
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, reading->entries);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (entries, value);

  for (guint i = 0; i < entries->len; i++)
    {
      PartEntry *entry = g_ptr_array_index (entries, i);
      gboolean any = FALSE;

      for (guint t = 0; t < grid->months->len && !any; t++)
        any = row_counts_anything (&entry->cells[t]);
      if (!any)
        g_ptr_array_remove_index_fast (entries, i--);
    }
  g_ptr_array_sort (entries, compare_entries);

  for (guint t = 0; t < grid->months->len; t++)
    for (guint i = 0; i < entries->len; i++)
      {
        PartEntry *entry = g_ptr_array_index (entries, i);
        AnvSummaryPart part;

        memset (&part, 0, sizeof part);
        part.counts = entry->cells[t];
        finish_row (&part.counts);
        part.counts.level = query->county_code ? ANV_SUMMARY_COUNTY : ANV_SUMMARY_NATIONAL;
        if (query->county_code != NULL)
          g_strlcpy (part.counts.code, query->county_code, sizeof part.counts.code);
        part.counts.service = reading->service;
        g_strlcpy (part.counts.month, g_ptr_array_index (grid->months, t),
                   sizeof part.counts.month);
        part.part = g_strdup (entry->part);
        part.label = g_strdup (entry->label);
        g_array_append_val (out, part);
      }
}

static GArray *
read_parts (AnvDb                 *db,
            const AnvSummaryQuery *query,
            gboolean               recount,
            GError               **error)
{
  g_autoptr (GArray) out = g_array_new (FALSE, FALSE, sizeof (AnvSummaryPart));
  g_autoptr (GPtrArray) areas = NULL;
  Grid grid = { 0 };
  gboolean ok = TRUE;

  g_array_set_clear_func (out, clear_part);
  if (query->by == ANV_SUMMARY_BY_MUNICIPALITY || query->by > ANV_SUMMARY_BY_AGE)
    {
      g_set_error (error, ANV_SUMMARY_ERROR, ANV_SUMMARY_ERROR_BREAKDOWN,
                   _("Choose a breakdown of the summary: provider, level, area or age."));
      return NULL;
    }
  if (!build_grid (db, query, &grid, error))
    return NULL;
  if (query->by == ANV_SUMMARY_BY_AREA)
    {
      areas = anv_areas_list (db, error);
      ok = areas != NULL;
    }

  for (guint s = 0; ok && s < grid.n_services; s++)
    {
      PartReading reading = { db, query->by, grid.services[s], &grid, NULL, NULL };

      reading.entries = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                               (GDestroyNotify) part_entry_free);
      ok = load_names (&reading, areas, error);
      if (ok && recount)
        ok = recount_parts (&reading, areas, error);
      else if (ok && query->by == ANV_SUMMARY_BY_AREA)
        ok = read_area_parts (&reading, areas, error);
      else if (ok)
        ok = read_kept_parts (&reading, error);
      if (ok)
        emit_parts (&reading, query, out);
      g_hash_table_unref (reading.entries);
      g_clear_pointer (&reading.names, g_hash_table_unref);
    }

  grid_clear (&grid);
  return ok ? g_steal_pointer (&out) : NULL;
}

GArray *
anv_summary_read_parts (AnvDb                 *db,
                        const AnvSummaryQuery *query,
                        GError               **error)
{
  return read_parts (db, query, FALSE, error);
}

GArray *
anv_summary_recompute_parts (AnvDb                 *db,
                             const AnvSummaryQuery *query,
                             GError               **error)
{
  return read_parts (db, query, TRUE, error);
}
