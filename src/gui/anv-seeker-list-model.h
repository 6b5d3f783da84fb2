/* anv-seeker-list-model.h — the found job seekers, read from the database a page at a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "anv-context.h"

G_BEGIN_DECLS

#define ANV_TYPE_SEEKER_LIST_MODEL (anv_seeker_list_model_get_type ())
G_DECLARE_FINAL_TYPE (AnvSeekerListModel, anv_seeker_list_model, ANV, SEEKER_LIST_MODEL, GObject)

typedef enum
{
  ANV_SEEKER_LIST_COLUMN_ID,            /* gint64 */
  ANV_SEEKER_LIST_COLUMN_PERSONNUMMER,  /* string, masked: "19850412-****" */
  ANV_SEEKER_LIST_COLUMN_NAME,          /* string; "Protected identity" for those */
  ANV_SEEKER_LIST_COLUMN_NAME_STYLE,    /* PangoStyle: italic for protected identity */
  ANV_SEEKER_LIST_COLUMN_MUNICIPALITY,  /* string */
  ANV_SEEKER_LIST_COLUMN_REFERRAL,      /* string: the open referral, or "" */
  ANV_SEEKER_LIST_N_COLUMNS
} AnvSeekerListColumn;

/* The rows read at once, and the pages kept in memory. */
#define ANV_SEEKER_LIST_PAGE_SIZE 100
#define ANV_SEEKER_LIST_CACHED_PAGES 8

/* A flat GtkTreeModel over @ids (from anv_seekers_search_ids(), kept by
 * the model), which reads the rows from @context's database only when the
 * view asks for them, ANV_SEEKER_LIST_PAGE_SIZE at a time. The rows do not
 * change: for another search or after AnvContext::changed make a new model. */
AnvSeekerListModel *anv_seeker_list_model_new              (AnvContext         *context,
                                                            GArray             *ids);

guint               anv_seeker_list_model_get_n_rows       (AnvSeekerListModel *self);
gint64              anv_seeker_list_model_get_id           (AnvSeekerListModel *self,
                                                            guint               position);
/* The position of the job seeker @id, or -1. */
int                 anv_seeker_list_model_find             (AnvSeekerListModel *self,
                                                            gint64              id);

/* How many pages were read from the database since the model was made. */
guint               anv_seeker_list_model_get_pages_loaded (AnvSeekerListModel *self);

G_END_DECLS
