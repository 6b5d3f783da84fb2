/* anv-referrals.h — referrals (anvisningar) and their life cycle
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "anv-availability.h"
#include "anv-db.h"
#include "anv-end-reasons.h"

G_BEGIN_DECLS

#define ANV_REFERRAL_ERROR (anv_referral_error_quark ())

typedef enum
{
  ANV_REFERRAL_ERROR_SERVICE,        /* the service does not apply there and then */
  ANV_REFERRAL_ERROR_PROVIDER,       /* not approved, inactive, or unknown */
  ANV_REFERRAL_ERROR_LEVEL,          /* not A–C for KROM, 1–4 for STOM */
  ANV_REFERRAL_ERROR_START_DATE,     /* fewer than 10 working days after the decision */
  ANV_REFERRAL_ERROR_OPEN,           /* the job seeker has an open referral already */
  ANV_REFERRAL_ERROR_NO_OPEN,        /* no open referral to start, change or end */
  ANV_REFERRAL_ERROR_LIFE_CYCLE,     /* started twice, dates out of order, … */
  ANV_REFERRAL_ERROR_REASON,         /* unknown or inactive end reason */
  ANV_REFERRAL_ERROR_CORRECTION,     /* a correction that cannot be made */
  ANV_REFERRAL_ERROR_NOT_FOUND,
  ANV_REFERRAL_ERROR_PERIOD,         /* an extension or a period rule that cannot be */
  ANV_REFERRAL_ERROR_EARLY_START,    /* a start before the earliest allowed, without a reason */
  ANV_REFERRAL_ERROR_START_NOTE,     /* the reason for an early start is not one line of text */
  ANV_REFERRAL_ERROR_CHOICE,         /* the choice is awaited, recorded already, or not due */
} AnvReferralError;

/* The number of working days from decision to the earliest start. */
#define ANV_REFERRAL_MIN_WORKING_DAYS 10

typedef enum
{
  ANV_CHOICE_OWN,       /* kundval: the job seeker chose */
  ANV_CHOICE_DEFAULT,   /* ickevalsalternativ: anv_providers_propose_default() */
  ANV_CHOICE_PENDING,   /* decided before the job seeker chose: no provider yet, the
                         * choice awaited until a deadline (anv_referrals_choose(),
                         * anv_referrals_assign_default()) */
} AnvProviderChoice;

typedef struct
{
  const char        *personnummer;      /* any accepted form */
  AnvService         service;           /* ANV_SERVICE_NONE: the one that applies */
  const char        *provider_orgnr;    /* NULL with ANV_CHOICE_DEFAULT: the core proposes;
                                         * NULL with ANV_CHOICE_PENDING */
  const char        *level;             /* "A", "B", "C" or "1"–"4" */
  AnvProviderChoice  choice;
  gboolean           outside_area;      /* the job seeker's own choice outside the area,
                                         * confirmed by the officer */
  const GDate       *decided_on;        /* NULL: today */
  const GDate       *planned_start;     /* NULL: ten working days after the decision */
} AnvReferralInput;

typedef struct
{
  char     *orgnr;
  char     *name;
  char     *from_date;
  gboolean  outside_area;
  char     *changed_by;
} AnvReferralProvider;

typedef struct
{
  gint64             id;
  gint64             seeker_id;
  AnvService         service;
  char              *level;
  AnvProviderChoice  choice;              /* ANV_CHOICE_PENDING while the choice is awaited */
  char              *municipality_code;   /* where it was decided */
  char              *municipality_name;
  char              *decided_on;
  char              *planned_start;
  char              *started_on;          /* NULL: not started */
  char              *start_note;          /* why the start is earlier than allowed, or NULL */
  char              *ended_on;            /* NULL: open */
  char              *end_reason;          /* code, or NULL */
  AnvEndKind         end_kind;
  gboolean           annulled;
  char              *decided_by;
  GPtrArray         *providers;           /* AnvReferralProvider, oldest first */
  char              *period_end;          /* the period's last day */
  guint              period_months;       /* the rule's initial months + extensions */
  guint              extended_months;     /* of which by extensions */
  guint              extension_months;    /* the rule's: one extension's months */
  guint              max_months;          /* the rule's maximum */
  char              *choice_deadline;     /* decided before the choice: the last day to
                                           * choose; NULL for one decided with a provider */
  char              *chosen_on;           /* the day the awaited choice (or the default)
                                           * was recorded; NULL while awaited */
} AnvReferral;

GQuark       anv_referral_error_quark       (void);

void         anv_referral_free              (AnvReferral *referral);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnvReferral, anv_referral_free)

/* The levels of @service, as stored and typed: KROM's "A", "B", "C", the
 * assessment tool's; STOM's tracks (spår) "1"–"4". NULL-terminated, in
 * order; empty for ANV_SERVICE_NONE. For the rules and the referral
 * dialog alike. */
const char *const *anv_referral_levels         (AnvService  service);

/* A level (one of anv_referral_levels()) for a list, translated: "Level B",
 * "Track 2: Basic with language support"; NULL when @level is not one of
 * @service's. Free with g_free(). */
char         *anv_referral_level_label     (AnvService  service,
                                            const char *level);
/* The same level inside a sentence, translated: "level B", "track 2";
 * NULL when @level is not one of @service's. The one wording for the
 * window's confirmations and its list of referrals. Free with g_free(). */
char         *anv_referral_level_in_sentence (AnvService  service,
                                              const char *level);

/* The provider now: the last of the history. */
const AnvReferralProvider *anv_referral_current_provider (const AnvReferral *referral);

/* What can be recorded for a job seeker now. */
typedef enum
{
  ANV_REFERRAL_EVENT_NONE            = 0,
  ANV_REFERRAL_EVENT_DECIDE          = 1 << 0,   /* a new referral */
  ANV_REFERRAL_EVENT_START           = 1 << 1,
  ANV_REFERRAL_EVENT_CHANGE_PROVIDER = 1 << 2,
  ANV_REFERRAL_EVENT_END             = 1 << 3,   /* with a result or interrupted */
  ANV_REFERRAL_EVENT_EXTEND          = 1 << 4,   /* förlängning, within the maximum */
  ANV_REFERRAL_EVENT_CHOOSE          = 1 << 5,   /* the awaited choice, or the default */
} AnvReferralEvents;

/* The events that may be recorded on @referral: on an open one (not ended,
 * not annulled) whose choice is awaited, the choice (or the default), the
 * end and an extension, never a start nor a change of provider; on
 * another open one a change of provider and the end, the start until it
 * has started, and an extension while one more stays within the period
 * rule's maximum; nothing on another. Their dates are checked when they are
 * recorded (a start no earlier than ANV_REFERRAL_MIN_WORKING_DAYS working
 * days after the decision, nothing after today). */
AnvReferralEvents anv_referral_allowed_events  (const AnvReferral *referral);

/* The same for a job seeker with @referrals (AnvReferral, as
 * anv_referrals_for_seeker() gives them): a decision when none is open,
 * else the open one's events. */
AnvReferralEvents anv_referrals_allowed_events (const GPtrArray   *referrals);

/* The earliest planned start for a decision on @decided_on. */
void         anv_referrals_earliest_start   (const GDate *decided_on,
                                             GDate       *out);

/* A warning, not a refusal: decisions are made on working days, so one
 * dated on a weekend or a public holiday (or midsummer, Christmas or New
 * Year's Eve) is probably mistyped. The sentence to show, or NULL when
 * @decided_on is a working day. For anvisa-cli's refer and the referral
 * dialog alike. Free with g_free(). */
char        *anv_referrals_decision_warning (const GDate *decided_on);

/* Why @unavailable is not offered in the municipality on @date, where
 * @applies is the service that applies there and then: one sentence in a
 * case officer's words, the same for the referral dialog (beside the
 * service that applies) and for a decision that asks for the other one:
 * "Stöd och matchning is not offered in Umeå since March 30, 2020: there
 * Rusta och matcha applies." Said from the periods of availability: since
 * the day after the last one ended, before the day the next one starts,
 * or on @date with the day since which @applies holds. When no service
 * applies (@applies is ANV_SERVICE_NONE), the sentence says so: "No
 * matching service can be decided in Umeå on April 6, 2020." Free with
 * g_free(); NULL with @error set if the periods cannot be read. */
char        *anv_referrals_explain_unavailable (AnvDb       *db,
                                                AnvService   unavailable,
                                                AnvService   applies,
                                                const char  *municipality_code,
                                                const char  *municipality_name,
                                                const GDate *date,
                                                GError     **error);

/* Decides a referral with every rule; audited; the summary follows in the
 * same transaction. */
AnvReferral *anv_referrals_decide           (AnvDb                  *db,
                                             const AnvReferralInput *input,
                                             const GDate            *today,
                                             GError                **error);

/* The open referral of the job seeker starts, changes provider, ends. A
 * NULL date means today. */
gboolean     anv_referrals_start            (AnvDb       *db,
                                             const char  *personnummer,
                                             const GDate *date,
                                             const GDate *today,
                                             GError     **error);
/* The start as the provider reported it. One before the earliest allowed
 * start (ANV_REFERRAL_MIN_WORKING_DAYS after the decision) is recorded
 * only with @reason (one line, at most ANV_REFERRAL_MAX_START_NOTE_CHARS),
 * kept with the start and audited; without one it fails with
 * ANV_REFERRAL_ERROR_EARLY_START, naming that day. A reason given for a
 * start that is not early is kept too. */
#define ANV_REFERRAL_MAX_START_NOTE_CHARS 500
gboolean     anv_referrals_start_reported   (AnvDb       *db,
                                             const char  *personnummer,
                                             const GDate *date,
                                             const char  *reason,
                                             const GDate *today,
                                             GError     **error);
gboolean     anv_referrals_change_provider  (AnvDb       *db,
                                             const char  *personnummer,
                                             const char  *provider_orgnr,
                                             gboolean     outside_area,
                                             const GDate *date,
                                             const GDate *today,
                                             GError     **error);
gboolean     anv_referrals_end              (AnvDb       *db,
                                             const char  *personnummer,
                                             const char  *reason_code,
                                             const GDate *date,
                                             const GDate *today,
                                             GError     **error);

/* Every referral of the job seeker, newest first (a GPtrArray of
 * AnvReferral). */
GPtrArray   *anv_referrals_for_seeker       (AnvDb       *db,
                                             const char  *personnummer,
                                             const GDate *today,
                                             GError     **error);
AnvReferral *anv_referrals_get              (AnvDb       *db,
                                             gint64       id,
                                             GError     **error);

/* Corrects one field of a referral (decided_on, planned_start, started_on,
 * ended_on, end_reason, level; or annulled with "1"), keeping the old
 * value and the reason in the corrections, audited, the summary adjusted.
 * An empty @new_value clears started_on or ended_on (with end_reason). */
gboolean     anv_referrals_correct          (AnvDb       *db,
                                             gint64       referral_id,
                                             const char  *field,
                                             const char  *new_value,
                                             const char  *reason,
                                             GError     **error);

/* A referral that has run its course, for anv_referrals_load(). Dates
 * are YYYY-MM-DD. The provider holds it from @decided_on; with
 * @new_provider_id above zero, the job seeker changed to that provider on
 * @changed_on. */
typedef struct
{
  gint64             seeker_id;
  AnvService         service;
  const char        *level;
  AnvProviderChoice  choice;
  const char        *municipality_code;
  gboolean           female;
  const char        *decided_on;
  const char        *planned_start;
  const char        *started_on;        /* NULL: not started */
  const char        *ended_on;          /* NULL: open */
  const char        *end_reason;        /* a code; NULL while open */
  gint64             provider_id;
  gboolean           outside_area;
  gint64             new_provider_id;   /* 0: no change of provider */
  const char        *changed_on;
  guint              n_extensions;      /* extensions of the period rule's months, each
                                         * recorded on the period's last day before it */
} AnvReferralRecord;

/* Periods (anv-referral-periods.c)
 *
 * Our rules: a referral's period follows the period rule of its service
 * valid on its decision date (before a service's first rule, that first
 * rule). It runs from the actual start, or from the planned start while
 * no start is reported; its last day is the start plus the rule's initial
 * months plus the months of every extension, less one day, counted in
 * one step with GDate's month arithmetic (a day past the end of the
 * target month becomes its last day: 2020-08-31 + 6 months is
 * 2021-02-28, so the last day is 2021-02-27). The last day is kept on the
 * referral (period_end) by every write that changes it. */
typedef struct
{
  gint64      id;
  AnvService  service;
  char       *valid_from;        /* YYYY-MM-DD */
  guint       initial_months;
  guint       extension_months;  /* one extension */
  guint       max_months;
  char       *added_by;
} AnvPeriodRule;

void         anv_period_rule_free           (AnvPeriodRule *rule);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnvPeriodRule, anv_period_rule_free)

/* Every period rule (a GPtrArray of AnvPeriodRule), by service and date. */
GPtrArray   *anv_period_rules_list          (AnvDb       *db,
                                             GError     **error);
/* The rule of @rules for a referral of @service decided on @decided_on
 * (YYYY-MM-DD); NULL if the service has none. */
const AnvPeriodRule *anv_period_rules_pick  (GPtrArray   *rules,
                                             AnvService   service,
                                             const char  *decided_on);
/* Adds a rule for referrals of @service decided from @valid_from on;
 * audited. Refused while a referral of the service is decided on or
 * after @valid_from: a rule never changes the period of a referral
 * already recorded. */
gboolean     anv_period_rules_add           (AnvDb       *db,
                                             AnvService   service,
                                             const GDate *valid_from,
                                             guint        initial_months,
                                             guint        extension_months,
                                             guint        max_months,
                                             GError     **error);

/* The last day of a period from @start of @months months, into @out. */
void         anv_referrals_period_last_day  (const GDate *start,
                                             guint        months,
                                             GDate       *out);

typedef struct
{
  char  *recorded_on;
  guint  months;
  char  *recorded_by;
} AnvReferralExtension;

/* The extensions of a referral (AnvReferralExtension), oldest first. */
GPtrArray   *anv_referrals_extensions       (AnvDb       *db,
                                             gint64       referral_id,
                                             GError     **error);

/* Extends the open referral @referral_id by its rule's extension months,
 * on @date (NULL: today): only on or before the period's last day, and
 * only within the rule's maximum. Audited, with the summary, in one
 * transaction. */
gboolean     anv_referrals_extend           (AnvDb       *db,
                                             gint64       referral_id,
                                             const GDate *date,
                                             const GDate *today,
                                             GError     **error);

/* Ends every open referral whose period's last day is before @date, with
 * the end reason "tiden_ute", on that last day (the day it ran out, so
 * that the month's figures are right); each audited, all in one
 * transaction. With @dry_run nothing is written. The ids, in order, into
 * @out_ids (a GArray of gint64, may be NULL). */
gboolean     anv_referrals_end_expired      (AnvDb       *db,
                                             const GDate *date,
                                             const GDate *today,
                                             gboolean     dry_run,
                                             GArray     **out_ids,
                                             GError     **error);

/* Choice before the deadline (anv-referral-choice.c)
 *
 * Our rules (HACKING.md, "Choice before the deadline"): a referral may be
 * decided before the job seeker has chosen (ANV_CHOICE_PENDING); it then
 * waits for the choice until its deadline, the decision day plus the
 * working days of the choice rule valid on that day, kept on the
 * referral. A choice recorded before the default is assigned, even after
 * the deadline, is the job seeker's own; after the deadline the officer,
 * or a batch, assigns the no-choice default. */
#define ANV_CHOICE_RULE_MIN_WORKDAYS 1
#define ANV_CHOICE_RULE_MAX_WORKDAYS 60

typedef struct
{
  gint64      id;
  AnvService  service;
  char       *valid_from;        /* YYYY-MM-DD: for referrals decided from this day */
  guint       workdays;          /* working days after the decision to choose */
  char       *added_by;
} AnvChoiceRule;

void         anv_choice_rule_free           (AnvChoiceRule *rule);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnvChoiceRule, anv_choice_rule_free)

/* Every choice rule (a GPtrArray of AnvChoiceRule), by service and date. */
GPtrArray   *anv_choice_rules_list          (AnvDb       *db,
                                             GError     **error);
/* Adds a rule for referrals of @service decided from @valid_from on, of
 * @workdays working days (ANV_CHOICE_RULE_MIN_WORKDAYS to _MAX_); audited.
 * A rule is never changed: the deadlines already given stay. */
gboolean     anv_choice_rules_add           (AnvDb       *db,
                                             AnvService   service,
                                             const GDate *valid_from,
                                             guint        workdays,
                                             GError     **error);
/* The last day to choose for a referral of @service decided on
 * @decided_on, into @out: the decision day plus the working days of the
 * rule valid then (before the service's first rule, that one). */
gboolean     anv_referrals_choice_deadline  (AnvDb       *db,
                                             AnvService   service,
                                             const GDate *decided_on,
                                             GDate       *out,
                                             GError     **error);

/* Records the job seeker's own choice of @orgnr, from @date (NULL:
 * today), on the open referral @referral_id whose choice is awaited: the
 * provider approved in the referral's municipality on @date, as at a
 * decision (or, with @outside_area, the job seeker's own choice outside
 * the area). Audited, in one transaction. */
gboolean     anv_referrals_choose           (AnvDb       *db,
                                             gint64       referral_id,
                                             const char  *orgnr,
                                             gboolean     outside_area,
                                             const GDate *date,
                                             const GDate *today,
                                             GError     **error);
/* Assigns the no-choice default (anv_providers_propose_default() on
 * @date, NULL: today) to the open referral @referral_id whose choice is
 * awaited and whose deadline is before @date. Audited. @out_orgnr (may be
 * NULL) gets the provider's organisationsnummer. */
gboolean     anv_referrals_assign_default   (AnvDb       *db,
                                             gint64       referral_id,
                                             const GDate *date,
                                             const GDate *today,
                                             char       **out_orgnr,
                                             GError     **error);

/* A referral whose choice deadline passed. */
typedef struct
{
  gint64      referral_id;
  AnvService  service;
  char       *municipality_code;
  char       *personnummer;          /* 12 digits; mask it in lists */
  char       *name;                  /* NULL for a protected identity */
  gboolean    protected_identity;
  char       *deadline;
  gint64      to_provider_id;        /* 0, and to_* NULL: no provider approved there */
  char       *to_orgnr;
  char       *to_name;
} AnvChoiceDue;

void         anv_choice_due_free            (AnvChoiceDue *due);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnvChoiceDue, anv_choice_due_free)

/* Assigns the no-choice default on @date (not after @today) to every
 * open referral decided on or before @date whose choice is awaited and
 * whose deadline is before @date; the run's assignments count with the
 * month's defaults, so that they spread. Each audited, all in one
 * transaction; with @dry_run nothing is written. @out_due (may be NULL)
 * gets them all (AnvChoiceDue, by deadline and id), with the provider
 * each gets, or none where no provider is approved (those stay waiting). */
gboolean     anv_referrals_assign_defaults  (AnvDb       *db,
                                             const GDate *date,
                                             const GDate *today,
                                             gboolean     dry_run,
                                             GPtrArray  **out_due,
                                             GError     **error);

/* A referral whose provider leaves (anv-referral-moves.c): the provider
 * is no longer approved for the referral's service in its municipality
 * (for a choice outside the area: anywhere), or no longer active. */
typedef struct
{
  gint64      referral_id;
  AnvService  service;
  char       *municipality_code;
  char       *personnummer;          /* 12 digits; mask it in lists */
  char       *name;                  /* NULL for a protected identity */
  gboolean    protected_identity;
  gint64      from_provider_id;
  char       *from_orgnr;
  char       *from_name;
  gint64      to_provider_id;        /* 0, and to_* NULL: no other provider approved */
  char       *to_orgnr;
  char       *to_name;
} AnvReferralMove;

void         anv_referral_move_free         (AnvReferralMove *move);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnvReferralMove, anv_referral_move_free)

/* The open referrals whose current provider is leaving on @on: not
 * approved there and then. Only those of @provider_orgnr (NULL: all). By
 * id; a GPtrArray of AnvReferralMove with the to_* fields unset. */
GPtrArray   *anv_referrals_list_leaving     (AnvDb       *db,
                                             const GDate *on,
                                             const char  *provider_orgnr,
                                             GError     **error);

/* Moves every referral leaving on @date (of @provider_orgnr; NULL: all)
 * to the no-choice default of its municipality there and then, from
 * @date, other than the provider it leaves; the run's moves count with
 * the month's defaults so that they spread. Each move audited as a change
 * of provider, all in one transaction; @date may not be after @today.
 * With @dry_run nothing is written. @out_moves (may be NULL) gets them
 * all, with the provider each goes to, or none where no other provider
 * is approved (those stay, and are not written). */
gboolean     anv_referrals_move_leaving     (AnvDb       *db,
                                             const GDate *date,
                                             const char  *provider_orgnr,
                                             const GDate *today,
                                             gboolean     dry_run,
                                             GPtrArray  **out_moves,
                                             GError     **error);

/* The period of @referral in a sentence for the window, its last day in
 * the long form: "The period ends on October 21, 2020 (6 of at most 12
 * months)". An open referral whose last day is before @today has run out:
 * the sentence says so and what to do, and *@overdue (may be NULL) is set.
 * NULL for an annulled referral or one without a period. Free with
 * g_free(). */
char        *anv_referral_describe_period   (const AnvReferral *referral,
                                             const GDate       *today,
                                             gboolean          *overdue);

/* Fills period_end on every referral that has none, in one statement: for
 * the migration that brought periods (schema version 7). */
gboolean     anv_referrals_fill_period_ends (AnvDb       *db,
                                             GError     **error);

/* For a loading tool (the benchmark generator, which writes millions):
 * referrals recorded as they are, inside the caller's transaction
 * (anv_db_begin()), with only the database's own constraints checked,
 * not the rules of anv_referrals_decide() and the rest; no audit entry,
 * and the summary is not kept: the caller writes one audit entry and
 * calls anv_summary_rebuild() after the last.
 *
 * anv_referrals_load_begin() finds the first free id; the transaction
 * holds the database alone, so each record is numbered from it on with
 * no round trip for its id (which RETURNING would cost a loader of
 * millions). Free the load before the transaction ends. (An engine whose
 * ids come from a sequence, as PostgreSQL's, would also move the sequence
 * past the load's last id there.) */
typedef struct _AnvReferralLoad AnvReferralLoad;

AnvReferralLoad *anv_referrals_load_begin   (AnvDb                   *db,
                                             GError                 **error);
/* @out_id (may be NULL) receives the new referral's id. */
gboolean     anv_referrals_load             (AnvReferralLoad         *load,
                                             const AnvReferralRecord *record,
                                             gint64                  *out_id,
                                             GError                 **error);
void         anv_referrals_load_free        (AnvReferralLoad         *load);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnvReferralLoad, anv_referrals_load_free)

G_END_DECLS
