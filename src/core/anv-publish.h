/* anv-publish.h — closed (published) months of the summary and their revisions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "anv-db.h"
#include "anv-summary.h"

G_BEGIN_DECLS

#define ANV_PUBLISH_ERROR (anv_publish_error_quark ())

typedef enum
{
  ANV_PUBLISH_ERROR_MONTH,       /* not YYYY-MM */
  ANV_PUBLISH_ERROR_NOT_ENDED,   /* the month has not ended yet */
  ANV_PUBLISH_ERROR_CLOSED,      /* closed already */
  ANV_PUBLISH_ERROR_NOTE,        /* the note is not one line of at most 500 characters */
  ANV_PUBLISH_ERROR_THRESHOLD,   /* the suppression threshold is not 1 … 100 */
  ANV_PUBLISH_ERROR_TOO_EARLY,   /* before either service began */
} AnvPublishError;

/* The threshold of a publish export when none is given: counts 1 … 4 in
 * a split are suppressed. */
#define ANV_PUBLISH_DEFAULT_THRESHOLD 5
#define ANV_PUBLISH_MAX_THRESHOLD 100

/* The mark of a suppressed value in a published table, as official
 * statistics in Sweden write it (SCB: "uppgift för osäker för att anges"). */
#define ANV_PUBLISH_MARK ".."

/* A closed month. */
typedef struct
{
  char   month[8];     /* YYYY-MM */
  char  *closed_at;    /* UTC, ISO 8601 */
  char  *closed_by;
  char  *note;         /* may be NULL */
  guint  revisions;    /* changed cells × columns since it was closed */
} AnvPublishedMonth;

void anv_published_month_free (AnvPublishedMonth *month);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnvPublishedMonth, anv_published_month_free)

/* One change of a published figure: a column of a cell (month, service,
 * municipality), its value before and after (ANV_SUMMARY_UNKNOWN: not known
 * by sex), and the write that changed it (its audit entry: when, who, what,
 * and for a correction its reason). */
typedef struct
{
  gint64      id;
  char        month[8];
  AnvService  service;
  char        municipality_code[5];
  const char *column;         /* the summary's column, "decided_women" */
  guint       old_value;
  guint       new_value;
  gint64      audit_id;       /* 0 when no audit entry followed (a migration) */
  char       *at;             /* the audit entry's, or when it was recorded */
  char       *actor;          /* may be NULL */
  char       *action;         /* "referral.correct"; may be NULL */
  char       *reason;         /* a correction's reason; may be NULL */
} AnvSummaryRevision;

void anv_summary_revision_free (AnvSummaryRevision *revision);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnvSummaryRevision, anv_summary_revision_free)

GQuark      anv_publish_error_quark (void);

/* Closes @month ("YYYY-MM"): keeps every municipality's figures of that
 * month, both services, as published, with who closed it and when, in one
 * transaction with its audit entry. Refused for a month that has not ended
 * on @today, for one before either service began (the earliest date of
 * the services' availability and period rules), and for one closed
 * already (saying when and by whom). Any
 * ended month may be closed, in any order. @note: one line, may be NULL. */
gboolean    anv_publish_close_month (AnvDb        *db,
                                     const char   *month,
                                     const char   *note,
                                     const GDate  *today,
                                     GError      **error);

/* The closed months (AnvPublishedMonth), the latest first. */
GPtrArray  *anv_publish_list        (AnvDb        *db,
                                     GError      **error);

/* The revisions (AnvSummaryRevision) of @month, or of every closed month
 * when NULL, in the order they were made. */
GPtrArray  *anv_publish_revisions   (AnvDb        *db,
                                     const char   *month,
                                     GError      **error);

/* The summary of @query as published: like anv_summary_read(), but in a
 * closed month each municipality's figures are those kept when it was
 * closed, and the county and national lines their sums. */
GArray     *anv_publish_read        (AnvDb                 *db,
                                     const AnvSummaryQuery *query,
                                     GError               **error);

/* A time the database keeps (UTC, ISO 8601) in the reader's own zone:
 * "2026-12-07 10:02", or with @date_only "2026-12-07". */
char       *anv_publish_format_time (const char *at,
                                     gboolean    date_only);

/* A revision's column as a person reads it ("referred, women"). */
const char *anv_publish_column_label (const char *column);

/* Describes a revision on one line: "2020-04 KROM Umeå: referred, women
 * 15 → 16, 2026-12-07 10:02, anna, Referral corrected: “wrong date”". */
char       *anv_publish_describe_revision (AnvDb                    *db,
                                           const AnvSummaryRevision *revision);

/* Checks a suppression threshold typed by a person (@text: "5"): 1 … 100. */
gboolean    anv_publish_parse_threshold (const char  *text,
                                         guint       *out,
                                         GError     **error);

/* Suppresses small counts in a group of @n parts of a total that stays
 * shown (a split by sex: women, men; by age: the groups): each part from 1
 * to @threshold − 1 is marked in @masked; when that leaves exactly one part
 * marked, the smallest of the other parts is marked too, so that no marked
 * part follows from the total and the others. A part
 * ANV_SUMMARY_UNKNOWN is never marked. Returns whether any part was
 * marked. @masked is only ever set to TRUE, so that a caller can mark
 * linked groups together. */
gboolean    anv_publish_suppress    (const guint *parts,
                                     gboolean    *masked,
                                     guint        n,
                                     guint        threshold);

/* The splits by sex of a summary line that the publish export writes. */
typedef enum
{
  ANV_PUBLISH_SPLIT_DECIDED,
  ANV_PUBLISH_SPLIT_STARTED,
  ANV_PUBLISH_SPLIT_JOB,
  ANV_PUBLISH_SPLIT_STUDIES,
  ANV_PUBLISH_SPLIT_INTERRUPTED,
  ANV_PUBLISH_SPLIT_ACTIVE,
  ANV_PUBLISH_SPLIT_PARTICIPATING,
  ANV_PUBLISH_SPLIT_WAITING,
  ANV_PUBLISH_SPLIT_BEFORE_START,
  ANV_PUBLISH_N_SPLITS
} AnvPublishSplit;

/* Which parts (women, men) of a line's splits are suppressed. */
typedef gboolean AnvPublishMask[ANV_PUBLISH_N_SPLITS][2];

/* The suppression of the lines @rows (AnvSummaryRow, as anv_summary_read()
 * orders them) in a publish export with @threshold: one AnvPublishMask per
 * row, g_free() it. Each municipality's small counts (see
 * anv_publish_suppress(); active, taking part and waiting together), then
 * the complementary suppression that keeps them from following from the
 * county and national lines: where exactly one municipality of a county
 * has a split suppressed, that split is also suppressed in the
 * municipality of the county with the smallest non-zero total of it, or,
 * when there is none, in the county's line; where exactly one county's
 * line has a split suppressed, so has the national line. NULL with @error
 * when a municipality is not known. */
AnvPublishMask *anv_publish_suppress_rows (AnvDb         *db,
                                           const GArray  *rows,
                                           guint          threshold,
                                           GError       **error);

G_END_DECLS
