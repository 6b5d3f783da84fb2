/* anv-summary-model.h — the rows of the summary table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "anv-db.h"
#include "anv-summary.h"

G_BEGIN_DECLS

/* The columns, as the page's tree view shows and sorts them */
enum
{
  ANV_SUMMARY_MODEL_COLUMN_NAME,
  ANV_SUMMARY_MODEL_COLUMN_SORT_KEY,     /* the name (anv_text_collate()), or the month */
  ANV_SUMMARY_MODEL_COLUMN_KEY,          /* "level:code", or the month */
  ANV_SUMMARY_MODEL_COLUMN_RANK,         /* municipalities and months, counties, country */
  ANV_SUMMARY_MODEL_COLUMN_WEIGHT,       /* bold for totals */
  ANV_SUMMARY_MODEL_COLUMN_WOMEN,        /* referred */
  ANV_SUMMARY_MODEL_COLUMN_MEN,
  ANV_SUMMARY_MODEL_COLUMN_TOTAL,
  ANV_SUMMARY_MODEL_COLUMN_STARTED,
  ANV_SUMMARY_MODEL_COLUMN_JOB,          /* ended with a job */
  ANV_SUMMARY_MODEL_COLUMN_STUDIES,      /* ended with studies */
  ANV_SUMMARY_MODEL_COLUMN_INTERRUPTED,
  ANV_SUMMARY_MODEL_COLUMN_BEFORE_START, /* ended before the start */
  ANV_SUMMARY_MODEL_COLUMN_ACTIVE,       /* at the end of the month */
  ANV_SUMMARY_MODEL_COLUMN_PARTICIPATING, /* of the active: deltar (started) */
  ANV_SUMMARY_MODEL_COLUMN_WAITING,      /* of the active: väntar på start */
  ANV_SUMMARY_MODEL_COLUMN_OVERDUE,      /* open after their period */
  /* The splits of the counts from STARTED to WAITING, women then men, in
   * that order (TOTAL's are WOMEN and MEN); ANV_SUMMARY_UNKNOWN where retention made one unknown */
  ANV_SUMMARY_MODEL_COLUMN_STARTED_WOMEN,
  ANV_SUMMARY_MODEL_COLUMN_STARTED_MEN,
  ANV_SUMMARY_MODEL_COLUMN_JOB_WOMEN,
  ANV_SUMMARY_MODEL_COLUMN_JOB_MEN,
  ANV_SUMMARY_MODEL_COLUMN_STUDIES_WOMEN,
  ANV_SUMMARY_MODEL_COLUMN_STUDIES_MEN,
  ANV_SUMMARY_MODEL_COLUMN_INTERRUPTED_WOMEN,
  ANV_SUMMARY_MODEL_COLUMN_INTERRUPTED_MEN,
  ANV_SUMMARY_MODEL_COLUMN_BEFORE_START_WOMEN,
  ANV_SUMMARY_MODEL_COLUMN_BEFORE_START_MEN,
  ANV_SUMMARY_MODEL_COLUMN_ACTIVE_WOMEN,
  ANV_SUMMARY_MODEL_COLUMN_ACTIVE_MEN,
  ANV_SUMMARY_MODEL_COLUMN_PARTICIPATING_WOMEN,
  ANV_SUMMARY_MODEL_COLUMN_PARTICIPATING_MEN,
  ANV_SUMMARY_MODEL_COLUMN_WAITING_WOMEN,
  ANV_SUMMARY_MODEL_COLUMN_WAITING_MEN,
  ANV_SUMMARY_MODEL_N_COLUMNS
};

/* The first year offered: STOM has been national since 2014. */
#define ANV_SUMMARY_MODEL_FIRST_YEAR 2014

#define ANV_TYPE_SUMMARY_MODEL (anv_summary_model_get_type ())
G_DECLARE_FINAL_TYPE (AnvSummaryModel, anv_summary_model, ANV, SUMMARY_MODEL, GtkListStore)

AnvSummaryModel *anv_summary_model_new             (void);

/* The municipalities (AnvMunicipality, a reference is kept) whose names,
 * and whose counties' names, the rows carry. */
void        anv_summary_model_set_municipalities   (AnvSummaryModel  *self,
                                                    GPtrArray        *municipalities);
/* One municipality of each county, in the order of the counties' names:
 * the counties to choose from. Owned by @self. */
GPtrArray  *anv_summary_model_get_counties         (AnvSummaryModel  *self);
/* The name of a municipality, county (the code when unknown) or the whole
 * country. */
const char *anv_summary_model_get_place_name       (AnvSummaryModel  *self,
                                                    AnvSummaryLevel   level,
                                                    const char       *code);

/* The breakdown the rows are of: by municipality (@part_names NULL), or
 * by provider, level, area or age group, whose parts are the rows of the
 * municipalities' level, their codes the keys of @part_names (code →
 * label; a reference is kept), and their totals the county's or the
 * country's rows. */
void        anv_summary_model_set_breakdown        (AnvSummaryModel     *self,
                                                    AnvSummaryDimension  by,
                                                    GHashTable          *part_names);
AnvSummaryDimension anv_summary_model_get_breakdown (AnvSummaryModel    *self);

/* The summary as read last (AnvSummaryRow; a reference is kept). */
void        anv_summary_model_set_rows             (AnvSummaryModel  *self,
                                                    GArray           *rows);
/* Those rows of one municipality, county or the country: a new array. */
GArray     *anv_summary_model_get_rows_of          (AnvSummaryModel  *self,
                                                    AnvSummaryLevel   level,
                                                    const char       *code);
gboolean    anv_summary_model_has_rows_of          (AnvSummaryModel  *self,
                                                    AnvSummaryLevel   level,
                                                    const char       *code);
/* The referred and the active at the end of @month, both services added. */
void        anv_summary_model_count                (AnvSummaryModel  *self,
                                                    AnvSummaryLevel   level,
                                                    const char       *code,
                                                    const char       *month,
                                                    guint            *out_decided,
                                                    guint            *out_active);

/* Fills the table: one row per municipality, county and the country in
 * @month, or (@per_month) one row per month of @level/@code; both
 * services added. When the table has the same rows already, only their
 * numbers change and FALSE is returned (the selection, the sorting and
 * the scrolling stay); TRUE when the rows were replaced. Each of the two
 * kinds of table keeps its own sorting. */
gboolean    anv_summary_model_fill                 (AnvSummaryModel  *self,
                                                    gboolean          per_month,
                                                    const char       *month,
                                                    AnvSummaryLevel   level,
                                                    const char       *code);

/* The key of a row of municipalities ("level:code"), and back */
char       *anv_summary_model_make_key             (AnvSummaryLevel   level,
                                                    const char       *code);
gboolean    anv_summary_model_parse_key            (const char       *key,
                                                    AnvSummaryLevel  *level,
                                                    char              code[5]);

/* "YYYY-MM" @delta months away from @month, into @out. */
void        anv_summary_model_add_months           (const char       *month,
                                                    int               delta,
                                                    char              out[8]);
/* The twelve months that end with @to, from the first year on. */
void        anv_summary_model_year_ending          (const char       *to,
                                                    char              from[8]);
/* The period to open on: the month of @today and the eleven before it;
 * but when nothing happened in them (the data ends in the past), the
 * twelve months that end with the latest month with data, not a year of
 * zeros. Returns whether @db has data. */
gboolean    anv_summary_model_choose_period        (AnvDb            *db,
                                                    const GDate      *today,
                                                    char              from[8],
                                                    char              to[8]);

/* The column of @column's split into women (men: the next one), or -1
 * when it has none. */
int anv_summary_model_women_column (int column);

G_END_DECLS
