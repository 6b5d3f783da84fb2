/* anv-worklist.h — the officer's work list (Att göra): the referrals that need an action
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "anv-availability.h"
#include "anv-db.h"
#include "anv-referrals.h"

G_BEGIN_DECLS

/* How far ahead the list looks: a date D and the 13 days after it, 14
 * calendar days with D (our rule, HACKING.md "The work list"). */
#define ANV_WORKLIST_DAYS_AHEAD 14

/* The rows the window shows per category; the count says how many in all. */
#define ANV_WORKLIST_WINDOW_LIMIT 500

/* The kinds of work. Each is one query in anv-worklist.c. */
typedef enum
{
  ANV_WORKLIST_OVERDUE,            /* the period ran out before D, still open: end it */
  ANV_WORKLIST_START_OVERDUE,      /* the planned start passed, no start reported */
  ANV_WORKLIST_PROVIDER_LEAVING,   /* the provider is not approved there on D + 13: move */
  ANV_WORKLIST_PERIOD_ENDING,      /* the period's last day is D … D + 13: extend or end */
  ANV_WORKLIST_CHOICE_DUE,         /* no choice made by the deadline, before D: assign the
                                    * no-choice default (or record the choice) */
  ANV_WORKLIST_N_CATEGORIES
} AnvWorklistCategory;

typedef struct
{
  AnvWorklistCategory  category;
  gint64               referral_id;
  char                *personnummer;        /* 12 digits, to open the person; lists mask it */
  char                *name;                /* NULL: protected identity, never shown */
  gboolean             protected_identity;
  AnvService           service;
  char                *municipality_code;   /* the referral's */
  char                *municipality_name;
  char                *due_on;              /* the date that makes it due (YYYY-MM-DD) */
  int                  days_past;           /* D − due_on: > 0 past, ≤ 0 to come */
  char                *provider_name;       /* providers leaving: the one leaving; else NULL */
} AnvWorklistItem;

typedef struct
{
  guint      counts[ANV_WORKLIST_N_CATEGORIES];   /* how many in all */
  GPtrArray *items[ANV_WORKLIST_N_CATEGORIES];    /* AnvWorklistItem, at most the limit,
                                                   * most overdue first, then by name */
} AnvWorklist;

void         anv_worklist_item_free (AnvWorklistItem *item);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnvWorklistItem, anv_worklist_item_free)
void         anv_worklist_free      (AnvWorklist *worklist);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnvWorklist, anv_worklist_free)

/* The work list on @date for the referrals decided by @officer (NULL:
 * everyone's), at most @limit rows per category (0: all). Annulled and
 * ended referrals are never in it. */
AnvWorklist *anv_worklist_read      (AnvDb        *db,
                                     const GDate  *date,
                                     const char   *officer,
                                     guint         limit,
                                     GError      **error);

/* The counts of every category, added up: what the window's switcher shows. */
guint        anv_worklist_get_total (const AnvWorklist *worklist);

/* The category's name in the person's language ("Overdue", …). */
const char  *anv_worklist_category_title (AnvWorklistCategory category);
/* What to do, in the person's language ("End the referral", …). */
const char  *anv_worklist_category_action_label (AnvWorklistCategory category);
/* A stable code for files ("overdue", "start-overdue", "provider-leaving",
 * "period-ending", "choice-due"). */
const char  *anv_worklist_category_code  (AnvWorklistCategory category);
/* The event that does the work: END, START, CHANGE_PROVIDER, EXTEND, CHOOSE. */
AnvReferralEvents anv_worklist_category_event (AnvWorklistCategory category);

G_END_DECLS
