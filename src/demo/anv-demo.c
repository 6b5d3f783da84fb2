/* anv-demo.c — a realistic 2020 of demo data, for trying Anvisa out
 *
 * Everything goes through the core's own functions (register, decide,
 * start, change provider, end), so every rule holds as it does for an
 * officer; one outer transaction makes it fast and all or nothing. The
 * year follows the seeds: Rusta och matcha starts slowly in the 32 pilot
 * municipalities on 2020-03-30 (33 referrals in April, one of them ended
 * in April; close to 1,600 by the end of June) while Stöd och matchning
 * goes on in the rest of the country. One fixed seed, no clock.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-demo"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "anv-date.h"
#include "anv-approvals.h"
#include "anv-audit.h"
#include "anv-delivery-areas.h"
#include "anv-demo-private.h"
#include "anv-demo.h"
#include "anv-municipalities.h"
#include "anv-providers.h"
#include "anv-referrals.h"
#include "anv-seekers.h"

#define DEMO_SEED      20200330
#define DEMO_YEAR      2020

/* Working age in 2020: born 1955–2004. */
#define FIRST_BIRTH    "1955"
#define LAST_BIRTH     "2004"

/* Job seekers who are registered but never referred. */
#define N_UNREFERRED   1500

/* Per 1000: protected identity, a postal code given, own choice outside
 * the area (of own choices), a change of provider (of started ones). */
#define PROTECTED_PER_MILLE      4
#define POSTAL_CODE_PER_MILLE    850
#define OWN_CHOICE_PER_MILLE     550
#define OUTSIDE_AREA_PER_MILLE   12
#define CHANGE_PER_MILLE         25
#define REUSE_PER_MILLE          200

/* Decisions per month of 2020. KROM: none in the two days of March, the
 * seed's 33 in April, close to 1,600 by the end of June. */
static const guint stom_per_month[12] = {
  1350, 1400, 1300, 950, 1000, 1100, 650, 1250, 1500, 1650, 1750, 1200
};
static const guint krom_per_month[12] = {
  0, 0, 0, 33, 477, 1080, 520, 760, 980, 1150, 1240, 860
};

typedef struct
{
  const char *code;
  guint       weight;
} Reason;

/* How referrals end: results and interruptions. */
static const Reason after_start_reasons[] = {
  { "jobb", 330 }, { "studier", 120 }, { "tiden_ute", 300 }, { "sjuk", 100 },
  { "flyttat", 60 }, { "aterkallad", 30 }, { "ovrigt", 60 },
};
static const Reason before_start_reasons[] = {
  { "sjuk", 40 }, { "flyttat", 30 }, { "ovrigt", 20 }, { "aterkallad", 10 },
};

/* @julian if it is a working day, else the next one. */
static guint32
next_working_day (guint32 julian)
{
  while (!anv_demo_is_working_day (julian))
    julian++;
  return julian;
}

static const char *
pick_reason (GRand        *rand,
             const Reason *reasons,
             guint         n)
{
  guint total = 0, r;

  for (guint i = 0; i < n; i++)
    total += reasons[i].weight;
  r = anv_demo_uniform (rand, 0, total - 1);
  for (guint i = 0; i < n; i++)
    {
      if (r < reasons[i].weight)
        return reasons[i].code;
      r -= reasons[i].weight;
    }
  return reasons[n - 1].code;
}

static const char *
pick_level (GRand      *rand,
            AnvService  service)
{
  static const Reason krom_levels[] = { { "A", 30 }, { "B", 45 }, { "C", 25 } };
  static const Reason stom_levels[] = { { "1", 35 }, { "2", 20 }, { "3", 30 }, { "4", 15 } };

  if (service == ANV_SERVICE_KROM)
    return pick_reason (rand, krom_levels, G_N_ELEMENTS (krom_levels));
  return pick_reason (rand, stom_levels, G_N_ELEMENTS (stom_levels));
}

/* The year 2020 */

typedef enum
{
  REGION_OUTSIDE_PILOT,
  REGION_PILOT,
  REGION_ANY,
} Region;

typedef struct
{
  char     number[13];
  guint    municipality;   /* index into Demo.municipalities */
  guint32  free_from;      /* may be referred again from this day; 0: has an open one */
} Person;

/* One referral to decide. */
typedef struct
{
  guint32    decided;
  guint32    seq;
  AnvService service;
  gboolean   story;     /* the one of April's 33 that ends in April */
} Slot;

/* A referral's life, planned before it is recorded. */
typedef struct
{
  const char *level;
  guint32     planned;
  guint32     started;     /* 0: never */
  guint32     changed;     /* 0: no change of provider */
  guint32     ended;       /* 0: not by the end of the year */
  const char *reason;
  gboolean    own_choice;
  gboolean    outside_area;
} Life;

typedef struct
{
  AnvDb           *db;
  GRand           *rand;
  GDate            today;
  guint32          today_julian;
  guint32          pilot_start;
  GPtrArray       *municipalities;   /* AnvMunicipality */
  GHashTable      *postal_codes;
  GPtrArray       *areas;            /* AnvArea */
  AnvDemoWeights   weights[3];       /* by Region */
  GPtrArray       *numbers;          /* shuffled */
  guint            next_number;
  GArray          *people;           /* Person */
  GArray          *pools[2];         /* guint person indexes, by Region, whose last
                                      * referral has ended */
  AnvProgressFunc  progress;
  gpointer         user_data;
  guint64          done;
  guint64          total;
} Demo;

static void
demo_clear (Demo *demo)
{
  g_clear_pointer (&demo->rand, g_rand_free);
  g_clear_pointer (&demo->municipalities, g_ptr_array_unref);
  g_clear_pointer (&demo->postal_codes, g_hash_table_unref);
  g_clear_pointer (&demo->areas, g_ptr_array_unref);
  for (guint i = 0; i < G_N_ELEMENTS (demo->weights); i++)
    anv_demo_weights_clear (&demo->weights[i]);
  g_clear_pointer (&demo->numbers, g_ptr_array_unref);
  g_clear_pointer (&demo->people, g_array_unref);
  g_clear_pointer (&demo->pools[0], g_array_unref);
  g_clear_pointer (&demo->pools[1], g_array_unref);
}

static void
report_progress (Demo *demo)
{
  demo->done++;
  if (demo->progress != NULL && (demo->done % 250 == 0 || demo->done == demo->total))
    demo->progress (demo->done, demo->total, demo->user_data);
}

/* The numbers of people of working age, in a fixed random order. */
static gboolean
prepare_numbers (Demo    *demo,
                 GError **error)
{
  g_autoptr (GPtrArray) all = anv_demo_read_test_numbers (error);

  if (all == NULL)
    return FALSE;
  demo->numbers = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < all->len; i++)
    {
      const char *number = g_ptr_array_index (all, i);

      if (strncmp (number, FIRST_BIRTH, 4) >= 0 && strncmp (number, LAST_BIRTH, 4) <= 0)
        g_ptr_array_add (demo->numbers, g_strdup (number));
    }
  anv_demo_shuffle (demo->numbers, demo->rand);
  return TRUE;
}

static void
prepare_weights (Demo *demo)
{
  for (guint i = 0; i < G_N_ELEMENTS (demo->weights); i++)
    anv_demo_weights_init (&demo->weights[i]);
  for (guint i = 0; i < demo->municipalities->len; i++)
    {
      AnvMunicipality *m = g_ptr_array_index (demo->municipalities, i);
      guint weight = anv_demo_population (m->code);

      anv_demo_weights_add (&demo->weights[REGION_ANY], i, weight);
      anv_demo_weights_add (&demo->weights[anv_demo_pilot_area (m->code) ? REGION_PILOT
                                                                         : REGION_OUTSIDE_PILOT],
                            i, weight);
    }
}

static guint32
random_working_day (GRand *rand,
                    guint  month)
{
  guint32 first = anv_demo_julian_of (DEMO_YEAR, month, 1);
  guint n_days = g_date_get_days_in_month ((GDateMonth) month, DEMO_YEAR);
  guint32 day;

  do
    day = first + anv_demo_uniform (rand, 0, n_days - 1);
  while (!anv_demo_is_working_day (day));
  return day;
}

static int
compare_slots (gconstpointer a,
               gconstpointer b)
{
  const Slot *x = a, *y = b;

  if (x->decided != y->decided)
    return x->decided < y->decided ? -1 : 1;
  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Every decision of the year, in date order. */
static GArray *
plan_slots (Demo *demo)
{
  GArray *slots = g_array_new (FALSE, TRUE, sizeof (Slot));
  guint32 seq = 0;

  for (guint month = 1; month <= 12; month++)
    {
      for (guint i = 0; i < stom_per_month[month - 1]; i++)
        {
          Slot slot = { random_working_day (demo->rand, month), seq++, ANV_SERVICE_STOM };

          g_array_append_val (slots, slot);
        }
      for (guint i = 0; i < krom_per_month[month - 1]; i++)
        {
          Slot slot = { random_working_day (demo->rand, month), seq++, ANV_SERVICE_KROM };

          /* The first of April's decisions is the participant who left in
           * April. */
          if (month == 4 && i == 0)
            {
              slot.decided = anv_demo_julian_of (DEMO_YEAR, 4, 1);
              slot.story = TRUE;
            }
          /* KROM is decided only where and when it has started. */
          while (slot.decided < demo->pilot_start)
            slot.decided = random_working_day (demo->rand, month);
          g_array_append_val (slots, slot);
        }
    }
  g_array_sort (slots, compare_slots);
  return slots;
}

/* When and how a referral decided on @slot runs. */
static void
plan_life (Demo       *demo,
           const Slot *slot,
           Life       *life)
{
  GRand *rand = demo->rand;
  guint32 earliest = anv_demo_add_working_days (slot->decided, ANV_REFERRAL_MIN_WORKING_DAYS);
  /* Of April's KROM referrals only the story's ends in April: the others
   * start in the second half of April at the earliest and last weeks. */
  gboolean in_april = slot->service == ANV_SERVICE_KROM
                      && slot->decided <= anv_demo_julian_of (DEMO_YEAR, 4, 30);
  guint extra = anv_demo_chance (rand, 700) ? 0
                : anv_demo_chance (rand, 666) ? anv_demo_uniform (rand, 1, 5)
                : anv_demo_uniform (rand, 6, 15);

  memset (life, 0, sizeof *life);
  life->level = pick_level (rand, slot->service);
  life->own_choice = anv_demo_chance (rand, OWN_CHOICE_PER_MILLE);
  life->outside_area = life->own_choice && anv_demo_chance (rand, OUTSIDE_AREA_PER_MILLE);
  life->planned = anv_demo_add_working_days (earliest, extra);

  if (slot->story)
    {
      /* Started, and left a week later: moved away. */
      life->planned = earliest;
      life->started = earliest;
      life->ended = anv_demo_add_working_days (earliest, 5);
      life->reason = "flyttat";
      return;
    }

  if (!in_april && anv_demo_chance (rand, 60))
    {
      /* Ended before it started. */
      life->ended = next_working_day (slot->decided
                                      + anv_demo_uniform (rand, 1,
                                                          life->planned - slot->decided - 1));
      life->reason = pick_reason (rand, before_start_reasons,
                                  G_N_ELEMENTS (before_start_reasons));
    }
  else
    {
      guint max_days = slot->service == ANV_SERVICE_KROM ? 365 : 273;

      life->started = anv_demo_chance (rand, 800)
                        ? life->planned
                        : anv_demo_add_working_days (life->planned, anv_demo_uniform (rand, 1, 3));
      life->reason = pick_reason (rand, after_start_reasons, G_N_ELEMENTS (after_start_reasons));
      if (strcmp (life->reason, "tiden_ute") == 0)
        {
          /* KROM: 6 or 12 months; STOM: blocks of 3 months, at most 9. */
          guint months = slot->service == ANV_SERVICE_KROM ? (anv_demo_chance (rand, 500) ? 6 : 12)
                         : anv_demo_chance (rand, 200) ? 3 : anv_demo_chance (rand, 375) ? 6 : 9;

          life->ended = anv_demo_add_months (life->started, months) - 1;
        }
      else
        life->ended = next_working_day (life->started + 21
                                        + anv_demo_uniform (rand, 0, max_days * 3 / 4));
      if (life->ended - life->started >= 40 && anv_demo_chance (rand, CHANGE_PER_MILLE))
        life->changed = next_working_day (life->started
                                          + anv_demo_uniform (rand, 10, life->ended
                                                                        - life->started - 15));
    }

  /* Only what has happened by the end of the year is recorded. */
  if (life->started > demo->today_julian)
    life->started = 0;
  if (life->changed > demo->today_julian)
    life->changed = 0;
  if (life->ended > demo->today_julian)
    {
      life->ended = 0;
      life->reason = NULL;
    }
}

/* A job seeker whose last referral ended a month before, or G_MAXUINT. */
static guint
reuse_person (Demo    *demo,
              Region   region,
              guint32  decided,
              gboolean must)
{
  GArray *pool = demo->pools[region == REGION_PILOT ? REGION_PILOT : REGION_OUTSIDE_PILOT];
  guint attempts = must ? pool->len : 6;

  for (guint attempt = 0; attempt < attempts && pool->len > 0; attempt++)
    {
      guint i = must ? attempt : anv_demo_uniform (demo->rand, 0, pool->len - 1);
      guint person = g_array_index (pool, guint, i);

      if (g_array_index (demo->people, Person, person).free_from <= decided)
        {
          g_array_remove_index_fast (pool, i);
          return person;
        }
    }
  return G_MAXUINT;
}

static gboolean
register_person (Demo     *demo,
                 Region    region,
                 guint32   registered,
                 guint    *out_person,
                 GError  **error)
{
  g_autoptr (AnvSeeker) seeker = NULL;
  g_autofree char *name = NULL;
  const AnvMunicipality *municipality;
  AnvSeekerInput input = { 0 };
  Person person = { 0 };
  GDate day;

  g_strlcpy (person.number, g_ptr_array_index (demo->numbers, demo->next_number++),
             sizeof person.number);
  person.municipality = anv_demo_weights_pick (&demo->weights[region], demo->rand);
  municipality = g_ptr_array_index (demo->municipalities, person.municipality);

  name = anv_demo_make_name (demo->rand, anv_demo_is_female (person.number));
  input.personnummer = person.number;
  input.name = name;
  input.municipality_code = municipality->code;
  input.protected_identity = anv_demo_chance (demo->rand, PROTECTED_PER_MILLE);
  if (!input.protected_identity && anv_demo_chance (demo->rand, POSTAL_CODE_PER_MILLE))
    input.postal_code = anv_demo_pick_postal_code (demo->postal_codes, municipality->code,
                                                   demo->rand);

  anv_demo_date_of (registered, &day);
  seeker = anv_seekers_add (demo->db, &input, &day, error);
  if (seeker == NULL)
    return FALSE;
  g_array_append_val (demo->people, person);
  *out_person = demo->people->len - 1;
  return TRUE;
}

/* The job seeker for a decision: now and then one referred before, else a
 * new one registered some weeks before. G_MAXUINT if nobody is left. */
static gboolean
choose_person (Demo        *demo,
               const Slot  *slot,
               guint       *out_person,
               GError     **error)
{
  Region region = slot->service == ANV_SERVICE_KROM ? REGION_PILOT
                  : slot->decided < demo->pilot_start ? REGION_ANY : REGION_OUTSIDE_PILOT;
  guint32 first_day = next_working_day (anv_demo_julian_of (DEMO_YEAR, 1, 2));
  guint32 registered, weeks_before;

  *out_person = G_MAXUINT;
  if (!slot->story && anv_demo_chance (demo->rand, REUSE_PER_MILLE))
    *out_person = reuse_person (demo, region, slot->decided, FALSE);
  if (*out_person != G_MAXUINT)
    return TRUE;

  if (demo->next_number >= demo->numbers->len)
    {
      *out_person = reuse_person (demo, region, slot->decided, TRUE);
      return TRUE;
    }

  /* Registered some weeks before, in 2020. */
  weeks_before = anv_demo_uniform (demo->rand, 3, 75);
  registered = slot->decided - MIN (slot->decided - first_day, weeks_before);
  registered = MIN (next_working_day (registered), slot->decided);
  return register_person (demo, region, registered, out_person, error);
}

static gboolean
contains_orgnr (GPtrArray  *providers,
                const char *orgnr)
{
  for (guint i = 0; i < providers->len; i++)
    if (strcmp (((AnvProvider *) g_ptr_array_index (providers, i))->orgnr, orgnr) == 0)
      return TRUE;
  return FALSE;
}

/* A provider approved for @service on @date somewhere else than in the
 * municipality, or NULL. */
static char *
pick_outside_provider (Demo         *demo,
                       AnvService    service,
                       const char   *municipality_code,
                       GPtrArray    *local,
                       const GDate  *date,
                       GError      **error)
{
  for (guint attempt = 0; attempt < 8; attempt++)
    {
      AnvArea *area = g_ptr_array_index (demo->areas,
                                         anv_demo_uniform (demo->rand, 0, demo->areas->len - 1));
      g_autoptr (GPtrArray) there = NULL;
      AnvProvider *provider;

      if (area->service != service
          || g_strv_contains ((const char * const *) area->municipality_codes,
                              municipality_code))
        continue;
      there = anv_providers_approved_for (demo->db, service, area->municipality_codes[0], date,
                                          error);
      if (there == NULL)
        return NULL;
      if (there->len == 0)
        continue;
      provider = g_ptr_array_index (there, anv_demo_uniform (demo->rand, 0, there->len - 1));
      if (!contains_orgnr (local, provider->orgnr))
        return g_strdup (provider->orgnr);
    }
  return NULL;
}

static gboolean
decide (Demo         *demo,
        const Slot   *slot,
        const Person *person,
        Life         *life,
        char        **out_orgnr,
        gint64       *out_id,
        GError      **error)
{
  const AnvMunicipality *municipality = g_ptr_array_index (demo->municipalities,
                                                           person->municipality);
  g_autoptr (GPtrArray) local = NULL;
  g_autoptr (AnvReferral) referral = NULL;
  g_autofree char *orgnr = NULL;
  g_autoptr (GError) local_error = NULL;
  AnvReferralInput input = { 0 };
  GDate decided, planned;

  anv_demo_date_of (slot->decided, &decided);
  anv_demo_date_of (life->planned, &planned);

  if (life->own_choice)
    {
      local = anv_providers_approved_for (demo->db, slot->service, municipality->code,
                                          &decided, error);
      if (local == NULL)
        return FALSE;
      if (life->outside_area)
        {
          orgnr = pick_outside_provider (demo, slot->service, municipality->code, local,
                                         &decided, &local_error);
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
        }
      if (orgnr == NULL && local->len > 0)
        orgnr = g_strdup (((AnvProvider *) g_ptr_array_index (
                            local, anv_demo_uniform (demo->rand, 0, local->len - 1)))->orgnr);
    }
  life->outside_area = life->outside_area && orgnr != NULL
                       && !contains_orgnr (local, orgnr);

  input.personnummer = person->number;
  input.service = slot->service;
  input.provider_orgnr = orgnr;
  input.level = life->level;
  input.choice = orgnr != NULL ? ANV_CHOICE_OWN : ANV_CHOICE_DEFAULT;
  input.outside_area = life->outside_area;
  input.decided_on = &decided;
  input.planned_start = &planned;

  referral = anv_referrals_decide (demo->db, &input, &demo->today, error);
  if (referral == NULL)
    return FALSE;
  *out_orgnr = g_strdup (anv_referral_current_provider (referral)->orgnr);
  *out_id = referral->id;
  return TRUE;
}

/* The officer extends the period on its last day while the referral is
 * to go on after it (to its end, or past the end of the year), as the
 * rules allow. */
static gboolean
extend_as_needed (Demo        *demo,
                  gint64       id,
                  const Life  *life,
                  GError     **error)
{
  guint32 needed = life->ended != 0 ? life->ended : demo->today_julian + 1;

  for (;;)
    {
      g_autoptr (AnvReferral) r = anv_referrals_get (demo->db, id, error);
      GDate last;

      if (r == NULL)
        return FALSE;
      if (!(anv_referral_allowed_events (r) & ANV_REFERRAL_EVENT_EXTEND)
          || !anv_date_parse (r->period_end, &last, NULL)
          || g_date_get_julian (&last) >= needed
          || g_date_get_julian (&last) > demo->today_julian)
        return TRUE;
      if (!anv_referrals_extend (demo->db, id, &last, &demo->today, error))
        return FALSE;
    }
}

/* Another provider approved where the job seeker lives, or NULL. */
static gboolean
change_provider (Demo          *demo,
                 const Slot    *slot,
                 const Person  *person,
                 const Life    *life,
                 const char    *current,
                 GError       **error)
{
  const AnvMunicipality *municipality = g_ptr_array_index (demo->municipalities,
                                                           person->municipality);
  g_autoptr (GPtrArray) local = NULL;
  GDate day;
  guint first;

  anv_demo_date_of (life->changed, &day);
  local = anv_providers_approved_for (demo->db, slot->service, municipality->code, &day, error);
  if (local == NULL)
    return FALSE;
  if (local->len < 2)
    return TRUE;

  first = anv_demo_uniform (demo->rand, 0, local->len - 1);
  for (guint i = 0; i < local->len; i++)
    {
      AnvProvider *provider = g_ptr_array_index (local, (first + i) % local->len);

      if (strcmp (provider->orgnr, current) != 0)
        return anv_referrals_change_provider (demo->db, person->number, provider->orgnr, FALSE,
                                              &day, &demo->today, error);
    }
  return TRUE;
}

static gboolean
record_referral (Demo        *demo,
                 const Slot  *slot,
                 GError     **error)
{
  g_autofree char *orgnr = NULL;
  Person *person;
  guint index;
  gint64 id = 0;
  Life life;
  GDate day;

  plan_life (demo, slot, &life);
  if (!choose_person (demo, slot, &index, error))
    return FALSE;
  /* Nobody left to refer: the year is full. */
  if (index == G_MAXUINT)
    return TRUE;
  person = &g_array_index (demo->people, Person, index);

  if (!decide (demo, slot, person, &life, &orgnr, &id, error))
    return FALSE;
  person->free_from = 0;

  if (life.started != 0)
    {
      anv_demo_date_of (life.started, &day);
      if (!anv_referrals_start (demo->db, person->number, &day, &demo->today, error))
        return FALSE;
    }
  if (life.changed != 0 && !change_provider (demo, slot, person, &life, orgnr, error))
    return FALSE;
  if (!extend_as_needed (demo, id, &life, error))
    return FALSE;
  if (life.ended != 0)
    {
      anv_demo_date_of (life.ended, &day);
      if (!anv_referrals_end (demo->db, person->number, life.reason, &day, &demo->today,
                              error))
        return FALSE;
      person->free_from = life.ended + 30;
      g_array_append_val (demo->pools[anv_demo_pilot_area (
        ((AnvMunicipality *) g_ptr_array_index (demo->municipalities,
                                                person->municipality))->code)
        ? REGION_PILOT : REGION_OUTSIDE_PILOT], index);
    }
  return TRUE;
}

/* Job seekers registered in 2020 who have not been referred, most of
 * them from March to June. */
static gboolean
register_unreferred (Demo    *demo,
                     guint    n,
                     GError **error)
{
  for (guint i = 0; i < n && demo->next_number < demo->numbers->len; i++)
    {
      guint month = anv_demo_chance (demo->rand, 500) ? anv_demo_uniform (demo->rand, 3, 6)
                                             : anv_demo_uniform (demo->rand, 1, 12);
      guint person;

      if (!register_person (demo, REGION_ANY, random_working_day (demo->rand, month), &person,
                            error))
        return FALSE;
      report_progress (demo);
    }
  return TRUE;
}

static gboolean
load_year (Demo    *demo,
           GError **error)
{
  g_autoptr (GArray) slots = NULL;
  g_autofree char *details = NULL;

  if (!prepare_numbers (demo, error))
    return FALSE;
  demo->municipalities = anv_municipalities_list (demo->db, error);
  if (demo->municipalities == NULL)
    return FALSE;
  demo->postal_codes = anv_municipalities_list_postal_codes (demo->db, error);
  if (demo->postal_codes == NULL)
    return FALSE;
  prepare_weights (demo);

  if (!anv_demo_add_providers (demo->db, FALSE, error))
    return FALSE;
  demo->areas = anv_areas_list (demo->db, error);
  if (demo->areas == NULL)
    return FALSE;

  slots = plan_slots (demo);
  demo->total = slots->len + N_UNREFERRED;
  for (guint i = 0; i < slots->len; i++)
    {
      if (!record_referral (demo, &g_array_index (slots, Slot, i), error))
        return FALSE;
      report_progress (demo);
    }
  if (!register_unreferred (demo, N_UNREFERRED, error))
    return FALSE;
  if (demo->progress != NULL)
    demo->progress (demo->total, demo->total, demo->user_data);

  details = g_strdup_printf ("%u job seekers, %u referrals decided", demo->people->len,
                             slots->len);
  return anv_audit_append (demo->db, "demo.load", "database", NULL, details, error);
}

/* Public API */

gboolean
anv_demo_load (AnvDb            *db,
               AnvProgressFunc   progress,
               gpointer          user_data,
               GError          **error)
{
  Demo demo = { 0 };
  gboolean has_data = FALSE;
  g_autoptr (GError) local_error = NULL;

  g_return_val_if_fail (ANV_IS_DB (db), FALSE);

  if (!anv_demo_has_data (db, &has_data, error))
    return FALSE;
  if (has_data)
    {
      g_set_error_literal (error, ANV_DEMO_ERROR, ANV_DEMO_ERROR_NOT_EMPTY,
                           _("The database already holds data (job seekers, providers or "
                             "referrals), so the demo data was not loaded and nothing was "
                             "changed. Load the demo data into a new, empty database."));
      return FALSE;
    }

  demo.db = db;
  demo.rand = g_rand_new_with_seed (DEMO_SEED);
  demo.progress = progress;
  demo.user_data = user_data;
  demo.today_julian = anv_demo_julian_of (DEMO_YEAR, 12, 31);
  anv_demo_date_of (demo.today_julian, &demo.today);
  demo.pilot_start = anv_demo_julian_of (DEMO_YEAR, 3, 30);
  demo.people = g_array_new (FALSE, TRUE, sizeof (Person));
  demo.pools[0] = g_array_new (FALSE, FALSE, sizeof (guint));
  demo.pools[1] = g_array_new (FALSE, FALSE, sizeof (guint));

  if (!anv_db_begin (db, &local_error))
    goto fail;
  if (!load_year (&demo, &local_error) || !anv_db_commit (db, &local_error))
    {
      anv_db_rollback (db);
      goto fail;
    }
  demo_clear (&demo);
  return TRUE;

fail:
  demo_clear (&demo);
  g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                              _("The demo data could not be loaded, and nothing was "
                                "changed: "));
  return FALSE;
}

