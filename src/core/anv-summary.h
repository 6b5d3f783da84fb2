/* anv-summary.h — the summary (sammanställning) per municipality × month × service
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "anv-availability.h"
#include "anv-db.h"

G_BEGIN_DECLS

#define ANV_SUMMARY_ERROR (anv_summary_error_quark ())

typedef enum
{
  ANV_SUMMARY_ERROR_MONTH,     /* not YYYY-MM, or from after to */
  ANV_SUMMARY_ERROR_COUNTY,    /* unknown county */
  ANV_SUMMARY_ERROR_RETAINED,  /* a recount would lose what retention removed */
  ANV_SUMMARY_ERROR_BREAKDOWN, /* unknown breakdown */
} AnvSummaryError;

typedef enum
{
  ANV_SUMMARY_MUNICIPALITY,
  ANV_SUMMARY_COUNTY,
  ANV_SUMMARY_NATIONAL,
} AnvSummaryLevel;

/* A split by sex that cannot be known: the cell counts referrals that
 * retention (gallring) removed before the split was kept (schema 9). The
 * total beside it is known. */
#define ANV_SUMMARY_UNKNOWN G_MAXUINT

/* One line of the summary. For a county line `code` is the county's code,
 * for the national line it is empty. Every count is split into women and
 * men; a split may be ANV_SUMMARY_UNKNOWN (both halves then are), its
 * total never. The active at the month's end are those taking part
 * (started) and those waiting for their start, each split too:
 * active_end = participating + waiting, active_women = participating_women
 * + waiting_women, and so on, whenever the parts are known. */
typedef struct
{
  AnvSummaryLevel level;
  char            code[5];
  char            month[8];          /* YYYY-MM */
  AnvService      service;
  guint           decided_women;     /* anvisade, kvinnor */
  guint           decided_men;       /* anvisade, män */
  guint           started;           /* påbörjade */
  guint           started_women;
  guint           started_men;
  guint           ended_job;         /* avslutade: jobb */
  guint           ended_job_women;
  guint           ended_job_men;
  guint           ended_studies;     /* avslutade: studier */
  guint           ended_studies_women;
  guint           ended_studies_men;
  guint           ended_interrupted; /* avslutade: avbrott */
  guint           ended_interrupted_women;
  guint           ended_interrupted_men;
  guint           ended_before_start; /* avslutade före start: any end of a referral
                                       * not started, counted in no other end */
  guint           ended_before_start_women;
  guint           ended_before_start_men;
  guint           active_end;        /* aktiva vid månadens slut: within their period */
  guint           active_women;
  guint           active_men;
  guint           participating;     /* of the active: deltar (started) */
  guint           participating_women;
  guint           participating_men;
  guint           waiting;           /* of the active: väntar på start */
  guint           waiting_women;
  guint           waiting_men;
  guint           overdue_end;       /* open at the month's end after their period's
                                      * last day: due to end, not active */
} AnvSummaryRow;

/* How the summary's rows are broken down: by place (the municipalities,
 * with county and national totals: anv_summary_read()) or, summed over
 * the query's selection, by one of the breakdowns
 * (anv_summary_read_parts()). Our rules are in HACKING.md, "The
 * summary's breakdowns". */
typedef enum
{
  ANV_SUMMARY_BY_MUNICIPALITY,
  ANV_SUMMARY_BY_PROVIDER,     /* the provider the referral has now (had at its end) */
  ANV_SUMMARY_BY_LEVEL,        /* KROM's level, STOM's track */
  ANV_SUMMARY_BY_AREA,         /* delivery area, from the municipality */
  ANV_SUMMARY_BY_AGE,          /* age group at the decision */
} AnvSummaryDimension;

/* The part of a referral without a provider (its choice pending), and
 * the part of the counts of referrals that retention removed before the
 * breakdowns were kept. */
#define ANV_SUMMARY_PART_NO_PROVIDER "-"
#define ANV_SUMMARY_PART_UNKNOWN     "?"
/* The part, in the delivery-area breakdown, of the municipalities in no
 * area of the service. */
#define ANV_SUMMARY_PART_NO_AREA     "-"

typedef struct
{
  const char *from_month;    /* YYYY-MM */
  const char *to_month;      /* YYYY-MM, not before from_month */
  AnvService  service;       /* ANV_SERVICE_NONE: both */
  const char *county_code;   /* NULL: the whole country */
  AnvSummaryDimension by;    /* for anv_summary_read_parts() and the export */
} AnvSummaryQuery;

/* One line of a breakdown: a part (a provider, a level, an area, an age
 * group) in one month of one service, summed over the query's selection.
 * `counts` is as a county's or the country's line (its level and code
 * say which); `part` is the provider's orgnr, the level ("A", "3"), the
 * area's id, the age group ("16-24", "25-54", "55-64", "65+"), or
 * ANV_SUMMARY_PART_NO_PROVIDER / _NO_AREA / _UNKNOWN; `label` is what a
 * person reads (translated). */
typedef struct
{
  AnvSummaryRow  counts;
  char          *part;
  char          *label;
} AnvSummaryPart;

GQuark  anv_summary_error_quark (void);

/* Checks "YYYY-MM". */
gboolean anv_summary_parse_month (const char  *text,
                                  GError     **error);
/* Checks a period: two months "YYYY-MM", the first not after the last.
 * The one check, and the one sentence, of the summary, the window and the
 * export. */
gboolean anv_summary_check_period (const char  *from_month,
                                   const char  *to_month,
                                   GError     **error);

/* The summary for the query, read from the kept table (never from the
 * referrals): for each service and month, every municipality of the
 * selection (also those with only zeros), then each county's total, then
 * the national total (only when no county is chosen). A GArray of
 * AnvSummaryRow, ordered service, month, level, code. */
GArray  *anv_summary_read        (AnvDb                 *db,
                                  const AnvSummaryQuery *query,
                                  GError               **error);

/* The breakdown @query->by (not ANV_SUMMARY_BY_MUNICIPALITY) for the
 * query: for each service and month, one line per part that counts
 * anything in the period, in order (providers and areas by name, levels
 * and age groups in theirs, the parts without a provider, area or known
 * origin last). Kept like the summary (never counted from the referrals
 * at read time), but for the delivery areas, which are the summary's
 * municipalities summed per area: a municipality in several areas of a
 * service counts in each. Every other breakdown's parts add up to the
 * summary's total. A GArray of AnvSummaryPart that frees their texts. */
GArray  *anv_summary_read_parts  (AnvDb                 *db,
                                  const AnvSummaryQuery *query,
                                  GError               **error);

/* The same, counted from the referrals themselves, for the tests. */
GArray  *anv_summary_recompute_parts (AnvDb                 *db,
                                      const AnvSummaryQuery *query,
                                      GError               **error);

/* The breakdown's name for a person ("Provider"), and for the CLI's
 * --by ("provider"); anv_summary_dimension_parse() reads the latter. */
const char *anv_summary_dimension_label (AnvSummaryDimension  by);
const char *anv_summary_dimension_code  (AnvSummaryDimension  by);
gboolean    anv_summary_dimension_parse (const char          *text,
                                         AnvSummaryDimension *out,
                                         GError             **error);

/* The latest month ("YYYY-MM") in which a referral was decided, started or
 * ended, from the kept summary, into @out; "" when there is none. The
 * pages open on it when the data ends in the past. */
gboolean anv_summary_latest_month (AnvDb   *db,
                                   char     out[8],
                                   GError **error);

/* The same rows, counted from the referrals themselves: slow, for checks
 * and tests that the kept summary is right. */
GArray  *anv_summary_recompute   (AnvDb                 *db,
                                  const AnvSummaryQuery *query,
                                  GError               **error);

/* Inside the migration that brought periods (schema version 7), after
 * every referral's period_end is filled: moves the ends of the activity
 * of the referrals whose periods ran out before they ended into
 * active_end and overdue_end, in a few statements for any number of
 * referrals. Unlike anv_summary_rebuild() it keeps what retention removed. */
gboolean anv_summary_count_periods (AnvDb                 *db,
                                    GError               **error);

/* Inside the migration that split every count by sex and the active into
 * taking part and waiting (schema version 9): fills the new columns from
 * the referrals, in a few statements for any number of referrals, and
 * keeps every total as it was. Where retention removed referrals that a
 * cell still counts, that cell's split is left unknown (NULL). */
gboolean anv_summary_count_splits (AnvDb                 *db,
                                   GError               **error);

/* Counts the kept summary anew from the referrals, in one transaction
 * with an audit entry: after a bulk load (the generator) or to repair.
 * Refused once retention (gallring) has removed referrals: the kept
 * summary still counts them, a recount could not. */
gboolean anv_summary_rebuild     (AnvDb                 *db,
                                  GError               **error);

/* Inside the migration that counted the ends before the start apart
 * (schema version 10): moves the referrals there that ended without a
 * start from the ends by kind (mostly avbrott) to ended_before_start,
 * with their split. A referral that retention removed cannot be told
 * apart and stays counted as it was. */
gboolean anv_summary_count_before_start (AnvDb              *db,
                                         GError            **error);

/* Inside the migration that keeps the breakdowns: fills summary_part from
 * the referrals in one pass, and puts what the summary counts beyond
 * them (referrals that retention removed) into each breakdown's part
 * ANV_SUMMARY_PART_UNKNOWN, so that the parts add up to the totals. */
gboolean anv_summary_count_parts (AnvDb              *db,
                                  GError            **error);

G_END_DECLS
