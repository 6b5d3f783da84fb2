/* anv-seekers.h — job seekers (arbetssökande)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "anv-db.h"
#include "anv-personnummer.h"

G_BEGIN_DECLS

#define ANV_SEEKER_ERROR (anv_seeker_error_quark ())

typedef enum
{
  ANV_SEEKER_ERROR_DUPLICATE,      /* the personnummer is registered already */
  ANV_SEEKER_ERROR_NOT_FOUND,
  ANV_SEEKER_ERROR_NAME,           /* empty, too long or not text */
  ANV_SEEKER_ERROR_MUNICIPALITY,   /* unknown code */
  ANV_SEEKER_ERROR_POSTAL_CODE,    /* malformed or unknown */
  ANV_SEEKER_ERROR_MISMATCH,       /* postal code lies in another municipality */
  ANV_SEEKER_ERROR_MISSING,        /* neither municipality nor postal code */
} AnvSeekerError;

typedef struct
{
  gint64   id;
  char    *personnummer;        /* 12 digits */
  char    *name;
  char    *municipality_code;   /* 4 digits */
  char    *municipality_name;
  char    *postal_code;         /* NULL if not given, or protected identity */
  gboolean protected_identity;
  char    *registered_on;       /* YYYY-MM-DD */
  char    *registered_by;
} AnvSeeker;

/* What an officer types when registering a person. */
typedef struct
{
  const char *personnummer;        /* any accepted form */
  const char *name;
  const char *municipality_code;   /* or NULL when postal_code is given */
  const char *postal_code;         /* optional; fills in the municipality */
  gboolean    protected_identity;
} AnvSeekerInput;

GQuark     anv_seeker_error_quark (void);

void       anv_seeker_free        (AnvSeeker *seeker);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnvSeeker, anv_seeker_free)

/* Validates and stores a new job seeker, audited. @today is the
 * registration date and the reference date for the personnummer. */
AnvSeeker *anv_seekers_add        (AnvDb                *db,
                                   const AnvSeekerInput *input,
                                   const GDate          *today,
                                   GError              **error);

/* By personnummer in any accepted form. */
AnvSeeker *anv_seekers_get        (AnvDb       *db,
                                   const char  *personnummer,
                                   const GDate *today,
                                   GError     **error);

/* The job seeker, as a person opens their record to read it: as
 * anv_seekers_get(), and the read recorded in the audit log with the
 * login (one INSERT; the same record opened again at once on the same
 * connection, as a window shows it anew, is recorded once). The window and
 * the CLI call these to show a person; anv_seekers_get() is for the core's
 * own checks. */
AnvSeeker *anv_seekers_open       (AnvDb       *db,
                                   const char  *personnummer,
                                   const GDate *today,
                                   GError     **error);
AnvSeeker *anv_seekers_open_by_id (AnvDb       *db,
                                   gint64       id,
                                   GError     **error);

/* How anv_seekers_search() orders what it finds. */
typedef enum
{
  ANV_SEEKER_ORDER_PERSONNUMMER,  /* a search by personnummer */
  ANV_SEEKER_ORDER_NAME,          /* a search by name */
  ANV_SEEKER_ORDER_NEWEST,        /* a search by name with very many matches */
} AnvSeekerOrder;

/* A name search with more matches than this lists them newest
 * registration first: sorting them all by name would take longer than a
 * person waits for the results of a keystroke. A word more sorts them. */
#define ANV_SEEKERS_SORT_BY_NAME_MAX 5000

/* The order of anv_seekers_search()'s @n_matches results for @text. */
AnvSeekerOrder anv_seekers_search_order (const char *text,
                                         guint       n_matches);

/* Job seekers whose personnummer starts with @text (digits, in 10- or
 * 12-digit form) or whose name has a word starting with each word of
 * @text, at most @limit from @offset, in the order
 * anv_seekers_search_order() says. Returns a GPtrArray of AnvSeeker.
 * A list of anyone is recorded in the audit log: how many and whether by
 * name or by personnummer, never the text (HACKING.md, "Reads in the audit log"). */
GPtrArray *anv_seekers_search     (AnvDb       *db,
                                   const char  *text,
                                   guint        offset,
                                   guint        limit,
                                   GError     **error);

/* For a list that shows every match without loading them: the ids of
 * all job seekers that anv_seekers_search() would find, in its order, at
 * most @max. The rows are then read a page at a time with
 * anv_seekers_get_by_ids(). Recorded in the audit log as
 * anv_seekers_search() is, with the number of ids. */
GArray    *anv_seekers_search_ids (AnvDb       *db,
                                   const char  *text,
                                   guint        max,
                                   GError     **error);
/* The job seekers with these ids (a GPtrArray of AnvSeeker in the same
 * order; NULL entries for ids no longer there). */
GPtrArray *anv_seekers_get_by_ids (AnvDb        *db,
                                   const gint64 *ids,
                                   guint         n_ids,
                                   GError      **error);

/* Whether @name would be stored as a job seeker's name (the rules of
 * anv_seekers_add(), for a form to check as the person types). */
gboolean   anv_seekers_check_name (const char  *name,
                                   GError     **error);

gint64     anv_seekers_count      (AnvDb       *db,
                                   GError     **error);

/* Records in the audit log that the whole personnummer of @seeker is
 * about to be shown. */
gboolean   anv_seekers_record_full_display (AnvDb           *db,
                                            const AnvSeeker *seeker,
                                            GError         **error);

/* For a loading tool (the benchmark generator): registers a job seeker
 * as registered on @registered_on (YYYY-MM-DD), inside the caller's
 * transaction (anv_db_begin()), trusting the caller for what
 * anv_seekers_add() checks: @input's personnummer is 12 digits, its name
 * clean, its municipality code given and known. A protected person's
 * postal code is not stored; no audit entry. The name search learns the
 * new names in anv_seekers_load_finish(), called once after the last.
 * @out_id (may be NULL) receives the new job seeker's id. */
gboolean   anv_seekers_load        (AnvDb                *db,
                                    const AnvSeekerInput *input,
                                    const char           *registered_on,
                                    gint64               *out_id,
                                    GError              **error);
/* Adds the names of the job seekers with an id above @after_id (the
 * largest before the first anv_seekers_load(); 0 in an empty database) to
 * the name search. */
gboolean   anv_seekers_load_finish (AnvDb                *db,
                                    gint64                after_id,
                                    GError              **error);

G_END_DECLS
