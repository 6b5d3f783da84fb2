/* anv-generate.c — a large database of referrals, for benchmarks
 *
 * A loading tool, not an officer: the referrals are constructed so that
 * every rule holds (the service that applies in the municipality on the
 * day, an approved provider, the start at least ten working days after the
 * decision, one open referral per person, each ended before the next is
 * decided) and written in bulk through the core's loading functions
 * (anv_seekers_load(), anv_referrals_load()); the summary is counted once
 * at the end. The providers, areas and approvals are the demo's, made
 * through the core, with Rusta och matcha approved in the whole country
 * for its national start; anv-generate-model.c reads them back for the
 * planning. One transaction; one fixed seed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-generate"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "anv-audit.h"
#include "anv-date.h"
#include "anv-demo-private.h"
#include "anv-demo.h"
#include "anv-generate-model.h"
#include "anv-generate.h"
#include "anv-municipalities.h"
#include "anv-referrals.h"
#include "anv-seekers.h"
#include "anv-summary.h"

#define GENERATE_SEED      1412012026u

/* The referrals run from the first day of STOM to the end of 2026. */
#define FIRST_YEAR         2014
#define FIRST_MONTH        12
#define LAST_YEAR          2026

/* People are referred from the age of 16. A span shorter than
 * MIN_SPAN_DAYS gets no referral; a referral and the gap after it take at
 * least MIN_SLOT_DAYS. */
#define WORKING_AGE        16
#define MIN_SPAN_DAYS      60
#define MIN_SLOT_DAYS      20

/* Per 1000. */
#define OWN_CHOICE_PER_MILLE     550
#define OUTSIDE_AREA_PER_MILLE   10
#define CHANGE_PER_MILLE         30
#define BEFORE_START_PER_MILLE   60
#define PROTECTED_PER_MILLE      4
#define POSTAL_CODE_PER_MILLE    850
/* Of the people referred, those without an open referral at the end. */
#define FREE_PER_MILLE           100

G_DEFINE_QUARK (anv-generate-error-quark, anv_generate_error)

static const char *const krom_levels[] = { "A", "B", "B", "C" };
static const char *const stom_levels[] = { "1", "1", "2", "3", "3", "4" };

typedef enum
{
  REASON_NONE,
  REASON_JOB,
  REASON_STUDIES,
  REASON_TIME_OUT,
  REASON_ILL,
  REASON_MOVED,
  REASON_REVOKED,
  REASON_OTHER,
  N_REASONS
} Reason;

static const char *const reason_codes[N_REASONS] = {
  NULL, "jobb", "studier", "tiden_ute", "sjuk", "flyttat", "aterkallad", "ovrigt"
};
/* Per 1000, after the start. */
static const guint reason_weights[N_REASONS] = { 0, 330, 120, 300, 100, 60, 30, 60 };

typedef struct
{
  gint64  seeker_id;
  guint16 place;
  gboolean female;
  guint32 first;     /* the span in which referrals fall */
  guint32 last;
  guint32 count;     /* referrals */
  gboolean open;     /* the last one stays open */
} Person;

typedef struct
{
  gint64  seeker_id;
  guint32 decided;
  guint32 planned;
  guint32 started;      /* NO_DAY */
  guint32 ended;        /* NO_DAY: open */
  guint32 changed;      /* NO_DAY: no change */
  guint16 place;
  guint16 provider;
  guint16 new_provider;
  guint8  service;
  guint8  reason;
  guint8  change_first;  /* where the search for a change's new provider starts */
  guint   own_choice : 1;
  guint   outside_area : 1;
  guint   female : 1;
  const char *level;
} Referral;

typedef struct
{
  AnvDb           *db;
  GRand           *rand;
  guint32          first_day;
  guint32          last_day;
  guint32          day_base;       /* the day of days[0] */
  guint            n_days;
  char            *days;           /* "YYYY-MM-DD\0" per day from day_base */
  AnvGenerateModel model;          /* places, providers, approvals */
  GArray          *people;         /* Person */
  GArray          *referrals;      /* Referral */
  AnvProgressFunc  progress;
  gpointer         user_data;
  guint64          done;
  guint64          total;
} Generator;

/* Helpers */

/* A working day from @day within [@low, @high]: forward first, then back;
 * @day itself if there is none. */
static guint32
working_day_within (guint32 day,
                    guint32 low,
                    guint32 high)
{
  for (guint32 d = day; d <= high; d++)
    if (anv_demo_is_working_day (d))
      return d;
  for (guint32 d = day; d > low; d--)
    if (anv_demo_is_working_day (d - 1))
      return d - 1;
  return day;
}

static guint32
uniform (GRand   *rand,
         guint32  low,
         guint32  high)
{
  if (high <= low)
    return low;
  return low + (guint32) g_rand_int_range (rand, 0, (gint32) (high - low + 1));
}

static const char *
day_text (Generator *gen,
          guint32    julian)
{
  g_assert (julian >= gen->day_base && julian - gen->day_base < gen->n_days);
  return gen->days + 11 * (julian - gen->day_base);
}

static void
report_progress (Generator *gen,
                 guint64    step)
{
  guint64 before = gen->done;

  gen->done += step;
  if (gen->progress != NULL && (before / 20000 != gen->done / 20000 || gen->done == gen->total))
    gen->progress (gen->done, gen->total, gen->user_data);
}

static void
generator_clear (Generator *gen)
{
  g_clear_pointer (&gen->rand, g_rand_free);
  g_clear_pointer (&gen->days, g_free);
  anv_generate_model_clear (&gen->model);
  g_clear_pointer (&gen->people, g_array_unref);
  g_clear_pointer (&gen->referrals, g_array_unref);
}

static gboolean
contains_provider (const guint16 *list,
                   guint          n,
                   guint16        provider)
{
  for (guint i = 0; i < n; i++)
    if (list[i] == provider)
      return TRUE;
  return FALSE;
}

/* People */

static guint
digits_value (const char *digits,
              guint       n)
{
  guint value = 0;

  for (guint i = 0; i < n; i++)
    value = value * 10 + (guint) (digits[i] - '0');
  return value;
}

static gboolean
birth_day (const char *digits,
           guint32    *out)
{
  guint year = digits_value (digits, 4);
  guint month = digits_value (digits + 4, 2);
  guint day = digits_value (digits + 6, 2);

  if (!g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;
  *out = anv_demo_julian_of (year, month, day);
  return TRUE;
}

/* The span in which the person may be referred: from the age of 16 or
 * December 2014 to the end of 2026. */
static void
set_span (Generator  *gen,
          Person     *person,
          const char *digits)
{
  guint32 born;

  person->first = gen->first_day;
  person->last = gen->last_day;
  if (birth_day (digits, &born))
    person->first = MAX (person->first, anv_demo_add_months (born, 12 * WORKING_AGE));
  if (person->first > person->last || person->last - person->first + 1 < MIN_SPAN_DAYS)
    person->first = person->last = NO_DAY;
}

static guint64
span_of (const Person *person)
{
  return person->first == NO_DAY ? 0 : person->last - person->first + 1;
}

/* Shares out @n referrals in proportion to the spans, exactly. */
static gboolean
share_out (Generator  *gen,
           guint64     n,
           GError    **error)
{
  guint64 total = 0, sum = 0, given = 0;

  for (guint i = 0; i < gen->people->len; i++)
    total += span_of (&g_array_index (gen->people, Person, i));
  if (n == 0 || total == 0 || n > total / (2 * MIN_SLOT_DAYS))
    {
      g_autofree char *most = g_strdup_printf ("%" G_GUINT64_FORMAT,
                                               total / (2 * MIN_SLOT_DAYS));

      g_set_error (error, ANV_GENERATE_ERROR, ANV_GENERATE_ERROR_COUNT,
                   /* Translators: %s is a number */
                   _("Give a number of referrals from 1 to %s: no more fit one after "
                     "another for Skatteverket’s test personnummer from 2014 to 2026."),
                   most);
      return FALSE;
    }

  for (guint i = 0; i < gen->people->len; i++)
    {
      Person *person = &g_array_index (gen->people, Person, i);
      guint64 upto;

      sum += span_of (person);
      upto = sum * n / total;
      person->count = (guint32) (upto - given);
      given = upto;
      /* About one in ten ends the last referral, and is free to be
       * referred anew. */
      person->open = person->count > 0 && !anv_demo_chance (gen->rand, FREE_PER_MILLE);
    }
  return TRUE;
}

static gboolean
insert_people (Generator  *gen,
               GPtrArray  *numbers,
               GError    **error)
{
  g_autoptr (GHashTable) postal_codes = anv_municipalities_list_postal_codes (gen->db, error);
  AnvDemoWeights weights;
  gboolean ok = TRUE;

  if (postal_codes == NULL)
    return FALSE;
  anv_demo_weights_init (&weights);
  for (guint i = 0; i < gen->model.places->len; i++)
    anv_demo_weights_add (&weights, i,
                          anv_demo_population (g_array_index (gen->model.places, Place, i).code));

  for (guint i = 0; i < numbers->len && ok; i++)
    {
      const char *digits = g_ptr_array_index (numbers, i);
      Person *person = &g_array_index (gen->people, Person, i);
      const Place *place;
      g_autofree char *name = NULL;
      const char *postal_code = NULL;
      AnvSeekerInput input = { 0 };
      gboolean protected_identity;
      guint32 registered;

      person->place = (guint16) anv_demo_weights_pick (&weights, gen->rand);
      person->female = anv_demo_is_female (digits);
      place = &g_array_index (gen->model.places, Place, person->place);
      name = anv_demo_make_name (gen->rand, person->female);
      protected_identity = anv_demo_chance (gen->rand, PROTECTED_PER_MILLE);
      if (!protected_identity && anv_demo_chance (gen->rand, POSTAL_CODE_PER_MILLE))
        postal_code = anv_demo_pick_postal_code (postal_codes, place->code, gen->rand);

      /* Registered some weeks before the first referral. */
      registered = person->count > 0 ? person->first - uniform (gen->rand, 0, 60)
                                     : uniform (gen->rand, gen->first_day, gen->last_day);
      input.personnummer = digits;
      input.name = name;
      input.municipality_code = place->code;
      input.postal_code = postal_code;
      input.protected_identity = protected_identity;
      ok = anv_seekers_load (gen->db, &input, day_text (gen, registered), &person->seeker_id,
                             error);
      report_progress (gen, 1);
    }
  anv_demo_weights_clear (&weights);
  return ok && anv_seekers_load_finish (gen->db, 0, error);
}

/* Referrals */

static Reason
pick_reason (GRand *rand)
{
  guint r = uniform (rand, 0, 999);

  for (guint i = REASON_JOB; i < N_REASONS; i++)
    {
      if (r < reason_weights[i])
        return (Reason) i;
      r -= reason_weights[i];
    }
  return REASON_OTHER;
}

static Reason
pick_reason_before_start (GRand *rand)
{
  static const Reason reasons[] = { REASON_ILL, REASON_ILL, REASON_MOVED, REASON_OTHER,
                                    REASON_REVOKED };

  return reasons[uniform (rand, 0, G_N_ELEMENTS (reasons) - 1)];
}

static gboolean
set_service_error (const Place  *place,
                   guint32       low,
                   const char   *what,
                   GError      **error)
{
  GDate date;
  char day[11];

  anv_demo_date_of (low, &date);
  anv_date_format (&date, day);
  g_set_error (error, ANV_GENERATE_ERROR, ANV_GENERATE_ERROR_SERVICE,
               /* Translators: %1$s is a municipality code, %2$s a date, %3$s what is
                * missing */
               _("No referral can be made in the municipality %1$s around %2$s: %3$s. "
                 "Check the service availability and the approvals."),
               place->code, day, what);
  return FALSE;
}

/* The provider: the job seeker's own choice (now and then outside the
 * area); without a choice NO_PROVIDER, the no-choice default being given
 * in the order of the decisions (assign_defaults()). */
static gboolean
choose_provider (Generator  *gen,
                 Place      *place,
                 Referral   *r,
                 GError    **error)
{
  guint16 local[64];
  guint n = anv_generate_approved_on (place, r->service, r->decided, local, G_N_ELEMENTS (local));

  if (n == 0)
    return set_service_error (place, r->decided, _("no provider is approved there"), error);

  r->own_choice = anv_demo_chance (gen->rand, OWN_CHOICE_PER_MILLE);
  if (r->own_choice && anv_demo_chance (gen->rand, OUTSIDE_AREA_PER_MILLE))
    {
      GArray *all = gen->model.all_approved[r->service];

      for (guint attempt = 0; attempt < 10 && all->len > 0; attempt++)
        {
          const Approved *a = &g_array_index (all, Approved, uniform (gen->rand, 0,
                                                                      all->len - 1));

          if (a->from <= r->decided && r->decided <= a->to
              && !contains_provider (local, n, a->provider))
            {
              r->provider = a->provider;
              r->outside_area = TRUE;
              return TRUE;
            }
        }
    }
  if (r->own_choice)
    r->provider = local[uniform (gen->rand, 0, n - 1)];
  else
    r->provider = NO_PROVIDER;
  return TRUE;
}

/* A change of provider, if any: its day and where the search for another
 * provider approved there starts, found once the provider decided with is
 * known (resolve_change()). */
static void
choose_change (Generator *gen,
               Place     *place,
               Referral  *r,
               guint32    until)
{
  guint16 local[64];
  guint n;

  if (r->started == NO_DAY || until < r->started + 30
      || !anv_demo_chance (gen->rand, CHANGE_PER_MILLE))
    return;
  r->changed = uniform (gen->rand, r->started + 7, until - 7);
  n = anv_generate_approved_on (place, r->service, r->changed, local, G_N_ELEMENTS (local));
  r->change_first = (guint8) (n > 0 ? uniform (gen->rand, 0, n - 1) : 0);
}

/* The change's new provider: another approved there, or no change. */
static void
resolve_change (Generator *gen,
                Referral  *r)
{
  Place *place = &g_array_index (gen->model.places, Place, r->place);
  guint16 local[64];
  guint n;

  if (r->changed == NO_DAY)
    return;
  n = anv_generate_approved_on (place, r->service, r->changed, local, G_N_ELEMENTS (local));
  for (guint i = 0; i < n; i++)
    if (local[(r->change_first + i) % n] != r->provider)
      {
        r->new_provider = local[(r->change_first + i) % n];
        return;
      }
  r->changed = NO_DAY;
}

/* The decision: somewhere in the slot [@low, @high] with room for what
 * follows, on a working day, where a service applies. */
static gboolean
place_decision (Generator  *gen,
                Place      *place,
                Referral   *r,
                guint32     low,
                guint32     high,
                gboolean    open,
                GError    **error)
{
  guint32 length = high - low + 1, latest, day;
  int service;

  if (open)
    {
      /* The open one was decided in the last months. */
      day = high - uniform (gen->rand, 0, MIN (length - 1, 300));
      latest = high;
    }
  else
    {
      guint32 wanted = uniform (gen->rand, 40, 330);
      guint32 needed = MIN (length - 1, wanted);

      day = low + uniform (gen->rand, 0, length - 1 - needed);
      latest = high - 1;
    }
  day = working_day_within (day, low, latest);

  day = anv_generate_first_service_day (place, day, open ? high : MAX (low, high - MIN_SLOT_DAYS));
  if (day == NO_DAY)
    return set_service_error (place, low, _("no matching service applies"), error);
  service = anv_generate_service_on (place, day);
  r->decided = day;
  r->service = (guint8) service;
  return TRUE;
}

/* Start and end within the slot, the end before @high. */
static void
plan_course (Generator *gen,
             Referral  *r,
             guint32    high,
             gboolean   open)
{
  guint32 earliest = anv_demo_add_working_days (r->decided, ANV_REFERRAL_MIN_WORKING_DAYS);
  guint32 max_days = r->service == SERVICE_KROM ? 365 : 273;
  guint32 until;

  r->planned = anv_demo_chance (gen->rand, 700)
                 ? earliest
                 : anv_demo_add_working_days (earliest, uniform (gen->rand, 1, 5));
  if (r->planned > high && !open)
    r->planned = earliest;

  if (open)
    {
      if (r->planned <= gen->last_day && anv_demo_chance (gen->rand, 850))
        r->started = r->planned;
      choose_change (gen, &g_array_index (gen->model.places, Place, r->place), r, gen->last_day);
      return;
    }

  if (earliest >= high || anv_demo_chance (gen->rand, BEFORE_START_PER_MILLE))
    {
      r->ended = uniform (gen->rand, r->decided + 1, MIN (high, earliest - 1));
      r->reason = pick_reason_before_start (gen->rand);
      return;
    }

  r->started = r->planned <= high - 1 ? r->planned : earliest;
  if (anv_demo_chance (gen->rand, 200))
    {
      guint32 later = anv_demo_add_working_days (r->started, uniform (gen->rand, 1, 3));

      r->started = MIN (later, high - 1);
    }
  until = MIN (high, r->started + max_days);
  r->reason = pick_reason (gen->rand);
  if (r->reason == REASON_TIME_OUT)
    {
      guint months = r->service == SERVICE_KROM ? (anv_demo_chance (gen->rand, 500) ? 6 : 12)
                     : 3 * uniform (gen->rand, 1, 3);

      r->ended = MIN (until, anv_demo_add_months (r->started, months) - 1);
    }
  else
    r->ended = uniform (gen->rand, MIN (r->started + 14, until), until);
  choose_change (gen, &g_array_index (gen->model.places, Place, r->place), r, r->ended);
}

static gboolean
plan_referrals (Generator  *gen,
                GError    **error)
{
  for (guint i = 0; i < gen->people->len; i++)
    {
      const Person *person = &g_array_index (gen->people, Person, i);
      Place *place = &g_array_index (gen->model.places, Place, person->place);
      guint64 span = span_of (person);

      for (guint32 j = 0; j < person->count; j++)
        {
          guint32 low = person->first + (guint32) (span * j / person->count);
          guint32 high = person->first + (guint32) (span * (j + 1) / person->count) - 1;
          gboolean open = person->open && j == person->count - 1;
          Referral r = { 0 };

          r.seeker_id = person->seeker_id;
          r.place = person->place;
          r.female = person->female;
          r.new_provider = NO_PROVIDER;
          if (!place_decision (gen, place, &r, low, high, open, error))
            return FALSE;
          r.level = r.service == SERVICE_KROM
                      ? krom_levels[uniform (gen->rand, 0, G_N_ELEMENTS (krom_levels) - 1)]
                      : stom_levels[uniform (gen->rand, 0, G_N_ELEMENTS (stom_levels) - 1)];
          if (!choose_provider (gen, place, &r, error))
            return FALSE;
          plan_course (gen, &r, high, open);
          g_array_append_val (gen->referrals, r);
        }
    }
  return TRUE;
}

static int
compare_referrals (gconstpointer a,
                   gconstpointer b)
{
  const Referral *x = a, *y = b;

  if (x->decided != y->decided)
    return x->decided < y->decided ? -1 : 1;
  return x->seeker_id < y->seeker_id ? -1 : x->seeker_id > y->seeker_id;
}

/* The extensions an officer records so that the period lasts until the
 * referral ends, as far as its rule's maximum allows. */
static guint
extensions_needed (GPtrArray      *rules,
                   const Referral *r)
{
  const AnvPeriodRule *rule;
  GDate decided, start, last;
  char decided_text[11];
  guint n = 0;

  if (r->ended == NO_DAY)
    return 0;
  g_date_clear (&decided, 1);
  g_date_set_julian (&decided, r->decided);
  anv_date_format (&decided, decided_text);
  rule = anv_period_rules_pick (rules, anv_generate_service (r->service), decided_text);
  if (rule == NULL)
    return 0;
  g_date_clear (&start, 1);
  g_date_set_julian (&start, r->started != NO_DAY ? r->started : r->planned);
  for (;;)
    {
      guint months = rule->initial_months + n * rule->extension_months;

      anv_referrals_period_last_day (&start, months, &last);
      if (g_date_get_julian (&last) >= r->ended
          || months + rule->extension_months > rule->max_months)
        return n;
      n++;
    }
}

/* The no-choice defaults by the core's rule, in the order the referrals
 * are loaded (by decision, then job seeker), as if decided one after
 * another; then the changes of provider, which need the provider decided
 * with. */
static gboolean
assign_defaults (Generator  *gen,
                 GError    **error)
{
  g_array_sort (gen->referrals, compare_referrals);
  for (guint i = 0; i < gen->referrals->len; i++)
    {
      Referral *r = &g_array_index (gen->referrals, Referral, i);

      if (r->provider == NO_PROVIDER
          && !anv_generate_default_provider (&gen->model,
                                             &g_array_index (gen->model.places, Place,
                                                             r->place),
                                             r->service, r->decided, &r->provider, error))
        return FALSE;
      resolve_change (gen, r);
    }
  return TRUE;
}

static gboolean
insert_referrals (Generator  *gen,
                  GError    **error)
{
  g_autoptr (AnvReferralLoad) load = anv_referrals_load_begin (gen->db, error);
  g_autoptr (GPtrArray) rules = load ? anv_period_rules_list (gen->db, error) : NULL;

  if (rules == NULL)
    return FALSE;
  for (guint i = 0; i < gen->referrals->len; i++)
    {
      const Referral *r = &g_array_index (gen->referrals, Referral, i);
      const Place *place = &g_array_index (gen->model.places, Place, r->place);
      AnvReferralRecord record = { 0 };

      record.seeker_id = r->seeker_id;
      record.service = anv_generate_service (r->service);
      record.level = r->level;
      record.choice = r->own_choice ? ANV_CHOICE_OWN : ANV_CHOICE_DEFAULT;
      record.municipality_code = place->code;
      record.female = r->female;
      record.decided_on = day_text (gen, r->decided);
      record.planned_start = day_text (gen, r->planned);
      if (r->started != NO_DAY)
        record.started_on = day_text (gen, r->started);
      if (r->ended != NO_DAY)
        {
          record.ended_on = day_text (gen, r->ended);
          record.end_reason = reason_codes[r->reason];
        }
      record.provider_id = g_array_index (gen->model.providers, Provider, r->provider).id;
      record.outside_area = r->outside_area;
      if (r->changed != NO_DAY)
        {
          record.new_provider_id = g_array_index (gen->model.providers, Provider,
                                                  r->new_provider).id;
          record.changed_on = day_text (gen, r->changed);
        }
      record.n_extensions = extensions_needed (rules, r);
      if (!anv_referrals_load (load, &record, NULL, error))
        return FALSE;
      report_progress (gen, 1);
    }
  return TRUE;
}

/* The connection's usual page cache again. Only speed depends on it, and
 * the generator's outcome is decided already: a failure is logged, not
 * reported. */
static void
restore_cache (AnvDb *db)
{
  g_autoptr (GError) error = NULL;

  if (!anv_db_set_bulk_cache (db, FALSE, &error))
    g_warning ("The page cache was not set back: %s", error->message);
}

/* Every day a row may carry, as text. */
static void
prepare_days (Generator *gen)
{
  gen->first_day = anv_demo_julian_of (FIRST_YEAR, FIRST_MONTH, 1);
  gen->last_day = anv_demo_julian_of (LAST_YEAR, 12, 31);
  gen->day_base = gen->first_day - 90;
  gen->n_days = gen->last_day + 90 - gen->day_base;
  gen->days = g_malloc (11 * (gsize) gen->n_days);
  for (guint i = 0; i < gen->n_days; i++)
    {
      GDate date;

      anv_demo_date_of (gen->day_base + i, &date);
      anv_date_format (&date, gen->days + 11 * i);
    }
}

static gboolean
generate (Generator  *gen,
          guint64     n_referrals,
          GError    **error)
{
  g_autoptr (GPtrArray) numbers = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *details = NULL;

  numbers = anv_demo_read_test_numbers (&local_error);
  if (numbers == NULL)
    {
      g_set_error_literal (error, ANV_GENERATE_ERROR, ANV_GENERATE_ERROR_DATA,
                           local_error->message);
      return FALSE;
    }
  anv_demo_shuffle (numbers, gen->rand);

  gen->people = g_array_new (FALSE, TRUE, sizeof (Person));
  g_array_set_size (gen->people, numbers->len);
  for (guint i = 0; i < numbers->len; i++)
    set_span (gen, &g_array_index (gen->people, Person, i), g_ptr_array_index (numbers, i));
  if (!share_out (gen, n_referrals, error))
    return FALSE;

  gen->total = numbers->len + 2 * n_referrals;
  if (!anv_demo_add_providers (gen->db, TRUE, error)
      || !anv_generate_model_read (&gen->model, gen->db, error)
      || !insert_people (gen, numbers, error))
    return FALSE;

  gen->referrals = g_array_sized_new (FALSE, TRUE, sizeof (Referral), (guint) n_referrals);
  if (!plan_referrals (gen, error))
    return FALSE;
  if (!assign_defaults (gen, error))
    return FALSE;
  report_progress (gen, n_referrals);
  if (!insert_referrals (gen, error) || !anv_summary_rebuild (gen->db, error))
    return FALSE;

  details = g_strdup_printf ("%" G_GUINT64_FORMAT " referrals, %u job seekers", n_referrals,
                             numbers->len);
  return anv_audit_append (gen->db, "database.generate", "database", NULL, details, error);
}

/* Public API */

gboolean
anv_generate (AnvDb            *db,
              guint64           n_referrals,
              AnvProgressFunc   progress,
              gpointer          user_data,
              GError          **error)
{
  Generator gen = { 0 };
  gboolean has_data = FALSE;
  g_autoptr (GError) local_error = NULL;

  g_return_val_if_fail (ANV_IS_DB (db), FALSE);

  if (!anv_demo_has_data (db, &has_data, error))
    return FALSE;
  if (has_data)
    {
      g_set_error_literal (error, ANV_GENERATE_ERROR, ANV_GENERATE_ERROR_NOT_EMPTY,
                           _("The database already holds data (job seekers, providers or "
                             "referrals), so nothing was generated and nothing was changed. "
                             "Generate into a new, empty database."));
      return FALSE;
    }
  if (n_referrals > G_MAXUINT32)
    {
      g_set_error_literal (error, ANV_GENERATE_ERROR, ANV_GENERATE_ERROR_COUNT,
                           _("That is too many referrals to generate."));
      return FALSE;
    }

  gen.db = db;
  gen.rand = g_rand_new_with_seed (GENERATE_SEED);
  gen.progress = progress;
  gen.user_data = user_data;
  prepare_days (&gen);

  if (!anv_db_begin (db, &local_error))
    goto fail;
  if (!anv_db_set_bulk_cache (db, TRUE, &local_error)
      || !generate (&gen, n_referrals, &local_error) || !anv_db_commit (db, &local_error))
    {
      anv_db_rollback (db);
      goto fail;
    }
  restore_cache (db);
  generator_clear (&gen);
  return TRUE;

fail:
  restore_cache (db);
  generator_clear (&gen);
  g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                              _("The database could not be generated, and nothing was "
                                "changed: "));
  return FALSE;
}
