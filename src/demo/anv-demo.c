/* anv-demo.c — a realistic 2020 of demo data, for trying Anvisa out
 *
 * The year follows the seeds: Stöd och matchning has a stock of some
 * 18,000 participants in June 2020, decided from October 2018 on, and grows
 * in the second half of the year; Rusta och matcha starts slowly in the 32
 * pilot municipalities on 2020-03-30 (33 referrals in April, one of them
 * ended in April; close to 1,600 decided by 26 June) and its participants
 * grow in the autumn. HACKING.md "The demo year" says what follows the
 * articles and what cannot (the test personnummer of working age are some
 * 22,750, one open referral each).
 *
 * The bulk of the referrals is planned here and written as a loading tool
 * writes (anv_seekers_load(), anv_referrals_load(), then
 * anv_summary_rebuild()), every rule held by construction: the service of
 * the municipality on the day, a provider approved there, the no-choice
 * default by the core's rule (through the generator's model), the start ten
 * working days after the decision, the periods and their extensions, one
 * open referral per person. April's 33 referrals to Rusta och matcha, the
 * seed's story, go through the officer's functions (decide, start, extend,
 * end), each audited. One transaction; one fixed seed, no clock.
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
#include "anv-generate-model.h"
#include "anv-municipalities.h"
#include "anv-providers.h"
#include "anv-referrals.h"
#include "anv-seekers.h"
#include "anv-summary.h"

#define DEMO_SEED      20200330
#define DEMO_YEAR      2020

/* Working age in 2020: born 1955–2004 (personnummer and
 * samordningsnummer). */
#define FIRST_BIRTH    "1955"
#define LAST_BIRTH     "2004"

/* The first month with decisions, ANV_DEMO_FIRST_MONTH: STOM's stock of
 * 2020 was decided from October 2018 on (at most nine months each); the
 * last is ANV_DEMO_LAST_MONTH. */
#define FIRST_YEAR     2018
#define FIRST_MONTH    10
#define N_MONTHS       27

/* Job seekers who are registered but never referred. */
#define N_UNREFERRED   150

/* Of the numbers, those kept for people in the KROM pilot's
 * municipalities (STOM there until 2020-03-29, then KROM): enough for
 * KROM's decisions to grow to December, few enough for STOM's stock to
 * grow from June. */
#define PILOT_NUMBERS  3500

/* Days a job seeker waits after a referral ends before the next. */
#define GAP_DAYS       7

/* Per 1000: protected identity, a postal code given, own choice outside
 * the area (of own choices), a change of provider (of started ones), a
 * job seeker referred before rather than a new one (when both are
 * possible), STOM before the pilot in a pilot municipality. */
#define PROTECTED_PER_MILLE      4
#define POSTAL_CODE_PER_MILLE    850
#define OWN_CHOICE_PER_MILLE     550
#define OUTSIDE_AREA_PER_MILLE   12
#define CHANGE_PER_MILLE         25
#define REUSE_PER_MILLE          450
#define STOM_PILOT_PER_MILLE     90

/* Decisions per month from October 2018, as planned: a decision for which
 * nobody is free is left out. STOM: a steady stock, fewer new decisions
 * in July, from August 2020 a few more than before, as many as the people
 * free allow, so that the stock grows to the autumn. KROM (2020, from
 * April): the seed's 33 in April (the officer's story, not in this table),
 * close to 1,600 by 26 June, then more each month from July on, as the
 * pilot's people allow. */
static const guint stom_per_month[N_MONTHS] = {
  /* 2018: Oct–Dec */
  3000, 2900, 2200,
  /* 2019 */
  3000, 2900, 3000, 2900, 2900, 2600, 1800, 3000, 3200, 3200, 3200, 2600,
  /* 2020 */
  3300, 3250, 3250, 3050, 3050, 3050, 2800, 3200, 3200, 3200, 3200, 3200,
};
static const guint krom_per_month[12] = {
  0, 0, 0, 0, 520, 1100, 300, 360, 420, 480, 540, 600
};

typedef struct
{
  const char *code;
  guint       weight;
} Reason;

/* How referrals end: results and interruptions; from the spring of 2020
 * fewer jobs and more periods that run their full time. */
static const Reason after_start_reasons[] = {
  { "jobb", 330 }, { "studier", 120 }, { "tiden_ute", 300 }, { "sjuk", 100 },
  { "flyttat", 60 }, { "aterkallad", 30 }, { "ovrigt", 60 },
};
static const Reason after_start_reasons_2020[] = {
  { "jobb", 220 }, { "studier", 120 }, { "tiden_ute", 430 }, { "sjuk", 100 },
  { "flyttat", 50 }, { "aterkallad", 30 }, { "ovrigt", 50 },
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
  N_REGIONS,
} Region;

typedef struct
{
  char     number[13];
  guint    place;          /* index into the model's places */
  Region   region;
  gint64   seeker_id;
} Person;

/* A job seeker free to be referred again from @free_from. */
typedef struct
{
  guint32 free_from;
  guint   person;
} Free;

/* One referral to decide. */
typedef struct
{
  guint32    decided;
  guint32    seq;
  AnvService service;
  gboolean   story;     /* April's KROM referrals, decided by the officer's functions */
  gboolean   left;      /* the one of them that ends in April */
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
  GHashTable      *postal_codes;
  AnvGenerateModel model;
  GPtrArray       *rules;            /* AnvPeriodRule */
  AnvReferralLoad *load;
  AnvDemoWeights   weights[N_REGIONS];
  GPtrArray       *numbers[N_REGIONS];   /* shuffled */
  GArray          *of_age[N_REGIONS];    /* guint32: each number's 16th birthday */
  guint            next_number[N_REGIONS];
  GArray          *people;           /* Person */
  GArray          *free[N_REGIONS];  /* Free, a heap by free_from */
  GArray          *story;            /* Slot: April's, for the officer's functions */
  GArray          *story_people;     /* guint person, one per story slot */
  guint            n_referrals;
  AnvProgressFunc  progress;
  gpointer         user_data;
  guint64          done;
  guint64          total;
} Demo;

static void
demo_clear (Demo *demo)
{
  g_clear_pointer (&demo->rand, g_rand_free);
  g_clear_pointer (&demo->postal_codes, g_hash_table_unref);
  anv_generate_model_clear (&demo->model);
  g_clear_pointer (&demo->rules, g_ptr_array_unref);
  g_clear_pointer (&demo->load, anv_referrals_load_free);
  for (guint i = 0; i < N_REGIONS; i++)
    {
      anv_demo_weights_clear (&demo->weights[i]);
      g_clear_pointer (&demo->numbers[i], g_ptr_array_unref);
      g_clear_pointer (&demo->of_age[i], g_array_unref);
      g_clear_pointer (&demo->free[i], g_array_unref);
    }
  g_clear_pointer (&demo->people, g_array_unref);
  g_clear_pointer (&demo->story, g_array_unref);
  g_clear_pointer (&demo->story_people, g_array_unref);
}

static void
report_progress (Demo *demo)
{
  demo->done++;
  if (demo->progress != NULL && (demo->done % 2000 == 0 || demo->done == demo->total))
    demo->progress (demo->done, demo->total, demo->user_data);
}

static void
format_day (guint32 julian,
            char    out[11])
{
  GDate date;

  anv_demo_date_of (julian, &date);
  anv_date_format (&date, out);
}

/* The free job seekers, a heap: the one free the earliest first. */
static void
push_free (GArray  *heap,
           guint32  free_from,
           guint    person)
{
  Free item = { free_from, person };
  guint i;

  g_array_append_val (heap, item);
  for (i = heap->len - 1; i > 0; )
    {
      guint parent = (i - 1) / 2;
      Free *a = &g_array_index (heap, Free, parent), *b = &g_array_index (heap, Free, i), swap;

      if (a->free_from <= b->free_from)
        break;
      swap = *a;
      *a = *b;
      *b = swap;
      i = parent;
    }
}

/* The job seeker free the earliest, if free on @day: G_MAXUINT if none. */
static guint
pop_free (GArray  *heap,
          guint32  day)
{
  guint person, i = 0;

  if (heap->len == 0 || g_array_index (heap, Free, 0).free_from > day)
    return G_MAXUINT;
  person = g_array_index (heap, Free, 0).person;
  g_array_index (heap, Free, 0) = g_array_index (heap, Free, heap->len - 1);
  g_array_set_size (heap, heap->len - 1);
  for (;;)
    {
      guint left = 2 * i + 1, right = left + 1, least = i;
      Free swap;

      if (left < heap->len && g_array_index (heap, Free, left).free_from
                              < g_array_index (heap, Free, least).free_from)
        least = left;
      if (right < heap->len && g_array_index (heap, Free, right).free_from
                               < g_array_index (heap, Free, least).free_from)
        least = right;
      if (least == i)
        break;
      swap = g_array_index (heap, Free, i);
      g_array_index (heap, Free, i) = g_array_index (heap, Free, least);
      g_array_index (heap, Free, least) = swap;
      i = least;
    }
  return person;
}

/* The day the holder of @number turns 16: the age from which a job
 * seeker is referred. A samordningsnummer's day is 60 more; one whose
 * birth date is unknown (month 00, day 60) counts from the end of its
 * year. */
static guint32
sixteenth_birthday (const char *number)
{
  guint year = 0, month = 0, day = 0;

  for (guint i = 0; i < 4; i++)
    year = year * 10 + (guint) (number[i] - '0');
  month = (guint) (number[4] - '0') * 10 + (guint) (number[5] - '0');
  day = (guint) (number[6] - '0') * 10 + (guint) (number[7] - '0');
  if (day > 60)
    day -= 60;
  if (month == 2 && day == 29 && !g_date_valid_dmy (29, 2, (GDateYear) (year + 16)))
    day = 28;
  if (!g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) (year + 16)))
    return anv_demo_julian_of (year + 17, 1, 1);
  return anv_demo_julian_of (year + 16, month, day);
}

static gboolean
is_working_age (const char *number)
{
  return strncmp (number, FIRST_BIRTH, 4) >= 0 && strncmp (number, LAST_BIRTH, 4) <= 0;
}

/* The numbers of people of working age, in a fixed random order, shared
 * out between the pilot and the rest of the country. */
static gboolean
prepare_numbers (Demo    *demo,
                 GError **error)
{
  g_autoptr (GPtrArray) all = anv_demo_read_test_numbers (error);
  g_autoptr (GPtrArray) coordination = NULL;
  g_autoptr (GPtrArray) numbers = NULL;

  if (all == NULL)
    return FALSE;
  coordination = anv_demo_read_test_coordination_numbers (error);
  if (coordination == NULL)
    return FALSE;
  numbers = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < all->len; i++)
    if (is_working_age (g_ptr_array_index (all, i)))
      g_ptr_array_add (numbers, g_strdup (g_ptr_array_index (all, i)));
  for (guint i = 0; i < coordination->len; i++)
    if (is_working_age (g_ptr_array_index (coordination, i)))
      g_ptr_array_add (numbers, g_strdup (g_ptr_array_index (coordination, i)));
  anv_demo_shuffle (numbers, demo->rand);

  for (guint r = 0; r < N_REGIONS; r++)
    {
      demo->numbers[r] = g_ptr_array_new_with_free_func (g_free);
      demo->of_age[r] = g_array_new (FALSE, FALSE, sizeof (guint32));
    }
  for (guint i = 0; i < numbers->len; i++)
    {
      Region region = i < PILOT_NUMBERS ? REGION_PILOT : REGION_OUTSIDE_PILOT;
      guint32 of_age = sixteenth_birthday (g_ptr_array_index (numbers, i));

      g_ptr_array_add (demo->numbers[region], g_strdup (g_ptr_array_index (numbers, i)));
      g_array_append_val (demo->of_age[region], of_age);
    }
  return TRUE;
}

static void
prepare_weights (Demo *demo)
{
  for (guint i = 0; i < N_REGIONS; i++)
    anv_demo_weights_init (&demo->weights[i]);
  for (guint i = 0; i < demo->model.places->len; i++)
    {
      const Place *place = &g_array_index (demo->model.places, Place, i);
      Region region = anv_demo_pilot_area (place->code) ? REGION_PILOT : REGION_OUTSIDE_PILOT;

      anv_demo_weights_add (&demo->weights[region], i, anv_demo_population (place->code));
    }
}

static guint32
random_working_day (GRand *rand,
                    guint  year,
                    guint  month)
{
  guint32 first = anv_demo_julian_of (year, month, 1);
  guint n_days = g_date_get_days_in_month ((GDateMonth) month, (GDateYear) year);
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

/* Every decision from October 2018, in date order. */
static GArray *
plan_slots (Demo *demo)
{
  GArray *slots = g_array_new (FALSE, TRUE, sizeof (Slot));
  guint32 seq = 0;

  for (guint m = 0; m < N_MONTHS; m++)
    {
      guint year = FIRST_YEAR + (FIRST_MONTH - 1 + m) / 12;
      guint month = (FIRST_MONTH - 1 + m) % 12 + 1;

      for (guint i = 0; i < stom_per_month[m]; i++)
        {
          Slot slot = { random_working_day (demo->rand, year, month), seq++,
                        ANV_SERVICE_STOM, FALSE, FALSE };

          g_array_append_val (slots, slot);
        }
      if (year != DEMO_YEAR)
        continue;
      for (guint i = 0; i < krom_per_month[month - 1]; i++)
        {
          Slot slot = { random_working_day (demo->rand, year, month), seq++,
                        ANV_SERVICE_KROM, FALSE, FALSE };

          g_array_append_val (slots, slot);
        }
    }
  g_array_sort (slots, compare_slots);
  return slots;
}

/* April's 33 decisions to Rusta och matcha: "Endast 33 personer blev
 * anvisade under hela april"; the first, on 1 April, is the participant
 * who left in April. */
static void
plan_story (Demo *demo)
{
  demo->story = g_array_new (FALSE, TRUE, sizeof (Slot));
  for (guint i = 0; i < 33; i++)
    {
      Slot slot = { random_working_day (demo->rand, DEMO_YEAR, 4), i, ANV_SERVICE_KROM,
                    TRUE, i == 0 };

      if (slot.left)
        slot.decided = anv_demo_julian_of (DEMO_YEAR, 4, 1);
      g_array_append_val (demo->story, slot);
    }
  g_array_sort (demo->story, compare_slots);
}

/* When and how a referral decided on @slot runs. */
static void
plan_life (Demo       *demo,
           const Slot *slot,
           Life       *life)
{
  GRand *rand = demo->rand;
  guint32 earliest = anv_demo_add_working_days (slot->decided, ANV_REFERRAL_MIN_WORKING_DAYS);
  gboolean covid = slot->decided >= anv_demo_julian_of (DEMO_YEAR, 3, 16);
  guint extra = anv_demo_chance (rand, 700) ? 0
                : anv_demo_chance (rand, 666) ? anv_demo_uniform (rand, 1, 5)
                : anv_demo_uniform (rand, 6, 15);

  memset (life, 0, sizeof *life);
  life->level = pick_level (rand, slot->service);
  life->own_choice = anv_demo_chance (rand, OWN_CHOICE_PER_MILLE);
  life->outside_area = life->own_choice && anv_demo_chance (rand, OUTSIDE_AREA_PER_MILLE);
  life->planned = anv_demo_add_working_days (earliest, extra);

  if (slot->left)
    {
      /* Started, and left a week later: moved away. */
      life->planned = earliest;
      life->started = earliest;
      life->ended = anv_demo_add_working_days (earliest, 5);
      life->reason = "flyttat";
      return;
    }

  /* Of April's KROM referrals only the story's ends in April: the others
   * start in the second half of April at the earliest and last weeks. */
  if (!slot->story && anv_demo_chance (rand, 60))
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
      life->reason = covid ? pick_reason (rand, after_start_reasons_2020,
                                          G_N_ELEMENTS (after_start_reasons_2020))
                           : pick_reason (rand, after_start_reasons,
                                          G_N_ELEMENTS (after_start_reasons));
      if (strcmp (life->reason, "tiden_ute") == 0)
        {
          /* KROM: 6 or 12 months; STOM: blocks of 3 months, at most 9. */
          guint months = slot->service == ANV_SERVICE_KROM ? (anv_demo_chance (rand, 500) ? 6 : 12)
                         : anv_demo_chance (rand, 150) ? 3 : anv_demo_chance (rand, 350) ? 6 : 9;

          life->ended = anv_demo_add_months (life->started, months) - 1;
        }
      else
        life->ended = next_working_day (life->started + 30
                                        + anv_demo_uniform (rand, 0, max_days * 7 / 8));
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

/* A new job seeker of @region, 16 or older on @decided, registered on
 * @registered or, if later, on their 16th birthday, loaded; G_MAXUINT
 * when the region has nobody of that age left. */
static gboolean
register_person (Demo     *demo,
                 Region    region,
                 guint32   decided,
                 guint32   registered,
                 guint    *out_person,
                 GError  **error)
{
  g_autofree char *name = NULL;
  GPtrArray *numbers = demo->numbers[region];
  guint32 *of_age = (guint32 *) (gpointer) demo->of_age[region]->data;
  const Place *place;
  AnvSeekerInput input = { 0 };
  Person person = { 0 };
  char day[11];
  guint next = demo->next_number[region];

  *out_person = G_MAXUINT;
  /* The next number old enough, brought forward. */
  for (guint i = next; i < numbers->len; i++)
    if (of_age[i] <= decided)
      {
        gpointer swap = numbers->pdata[i];
        guint32 swap_day = of_age[i];

        numbers->pdata[i] = numbers->pdata[next];
        numbers->pdata[next] = swap;
        of_age[i] = of_age[next];
        of_age[next] = swap_day;
        break;
      }
  if (next >= numbers->len || of_age[next] > decided)
    return TRUE;
  g_strlcpy (person.number, g_ptr_array_index (numbers, next), sizeof person.number);
  demo->next_number[region]++;
  registered = MIN (MAX (registered, of_age[next]), decided);
  person.region = region;
  person.place = anv_demo_weights_pick (&demo->weights[region], demo->rand);
  place = &g_array_index (demo->model.places, Place, person.place);

  name = anv_demo_make_name (demo->rand, anv_demo_is_female (person.number));
  input.personnummer = person.number;
  input.name = name;
  input.municipality_code = place->code;
  input.protected_identity = anv_demo_chance (demo->rand, PROTECTED_PER_MILLE);
  if (!input.protected_identity && anv_demo_chance (demo->rand, POSTAL_CODE_PER_MILLE))
    input.postal_code = anv_demo_pick_postal_code (demo->postal_codes, place->code, demo->rand);

  format_day (registered, day);
  if (!anv_seekers_load (demo->db, &input, day, &person.seeker_id, error))
    return FALSE;
  g_array_append_val (demo->people, person);
  *out_person = demo->people->len - 1;
  return TRUE;
}

/* Registered some days before the decision. */
static guint32
registered_before (Demo    *demo,
                   guint32  decided)
{
  guint32 registered = decided - anv_demo_uniform (demo->rand, 3, 75);

  return MIN (next_working_day (registered), decided);
}

/* The job seeker for a decision: one referred before, free again, or a
 * new one; G_MAXUINT if nobody is left. */
static gboolean
choose_person (Demo        *demo,
               const Slot  *slot,
               guint       *out_person,
               GError     **error)
{
  Region region = slot->service == ANV_SERVICE_KROM ? REGION_PILOT
                  : slot->decided < demo->pilot_start
                    && anv_demo_chance (demo->rand, STOM_PILOT_PER_MILLE) ? REGION_PILOT
                  : REGION_OUTSIDE_PILOT;
  gboolean numbers_left = demo->next_number[region] < demo->numbers[region]->len;

  *out_person = G_MAXUINT;
  if (!numbers_left || anv_demo_chance (demo->rand, REUSE_PER_MILLE))
    *out_person = pop_free (demo->free[region], slot->decided);
  if (*out_person != G_MAXUINT || !numbers_left)
    return TRUE;
  if (!register_person (demo, region, slot->decided, registered_before (demo, slot->decided),
                        out_person, error))
    return FALSE;
  /* Nobody new of age: one referred before, if free. */
  if (*out_person == G_MAXUINT)
    *out_person = pop_free (demo->free[region], slot->decided);
  return TRUE;
}

/* The provider decided with: the job seeker's own choice (now and then
 * outside the area), else the no-choice default by the core's rule. */
static gboolean
choose_provider (Demo        *demo,
                 Place       *place,
                 ServiceIndex s,
                 const Slot  *slot,
                 Life        *life,
                 guint16     *out,
                 GError     **error)
{
  guint16 local[64];
  guint n = anv_generate_approved_on (place, s, slot->decided, local, G_N_ELEMENTS (local));

  if (n == 0)
    {
      char day[11];

      format_day (slot->decided, day);
      g_set_error (error, ANV_DEMO_ERROR, ANV_DEMO_ERROR_DATA,
                   /* Translators: %1$s is a municipality code, %2$s a date, %3$s what is
                    * missing */
                   _("No referral can be made in the municipality %1$s around %2$s: %3$s. "
                     "Check the service availability and the approvals."),
                   place->code, day, _("no provider is approved there"));
      return FALSE;
    }
  if (life->outside_area)
    {
      GArray *all = demo->model.all_approved[s];

      life->outside_area = FALSE;
      for (guint attempt = 0; attempt < 10 && all->len > 0; attempt++)
        {
          const Approved *a = &g_array_index (all, Approved,
                                              anv_demo_uniform (demo->rand, 0, all->len - 1));
          gboolean is_local = FALSE;

          for (guint i = 0; i < n; i++)
            is_local = is_local || local[i] == a->provider;
          if (a->from <= slot->decided && slot->decided <= a->to && !is_local)
            {
              *out = a->provider;
              life->outside_area = TRUE;
              return TRUE;
            }
        }
    }
  if (life->own_choice)
    {
      *out = local[anv_demo_uniform (demo->rand, 0, n - 1)];
      return TRUE;
    }
  return anv_generate_default_provider (&demo->model, place, s, slot->decided, out, error);
}

/* Another provider approved there on the day of the change, or
 * NO_PROVIDER. */
static guint16
choose_new_provider (Demo        *demo,
                     Place       *place,
                     ServiceIndex s,
                     guint32      day,
                     guint16      current)
{
  guint16 local[64];
  guint n = anv_generate_approved_on (place, s, day, local, G_N_ELEMENTS (local));
  guint first;

  if (n < 2)
    return NO_PROVIDER;
  first = anv_demo_uniform (demo->rand, 0, n - 1);
  for (guint i = 0; i < n; i++)
    if (local[(first + i) % n] != current)
      return local[(first + i) % n];
  return NO_PROVIDER;
}

/* The extensions the officer records, each on the period's last day,
 * by the end of the year: so that the period lasts to the end, or, while
 * the referral goes on, past the end of the year, as the rule's maximum
 * allows. */
static guint
extensions_needed (Demo        *demo,
                   const Slot  *slot,
                   const Life  *life)
{
  const AnvPeriodRule *rule;
  guint32 needed = life->ended != 0 ? life->ended : demo->today_julian + 1;
  GDate start, last;
  char decided[11];
  guint n = 0;

  format_day (slot->decided, decided);
  rule = anv_period_rules_pick (demo->rules, slot->service, decided);
  if (rule == NULL)
    return 0;
  anv_demo_date_of (life->started != 0 ? life->started : life->planned, &start);
  for (;;)
    {
      guint months = rule->initial_months + n * rule->extension_months;

      anv_referrals_period_last_day (&start, months, &last);
      if (g_date_get_julian (&last) >= needed || g_date_get_julian (&last) > demo->today_julian
          || months + rule->extension_months > rule->max_months)
        return n;
      n++;
    }
}

static gboolean
load_referral (Demo        *demo,
               const Slot  *slot,
               GError     **error)
{
  ServiceIndex s = slot->service == ANV_SERVICE_KROM ? SERVICE_KROM : SERVICE_STOM;
  AnvReferralRecord record = { 0 };
  char decided[11], planned[11], started[11], ended[11], changed[11];
  guint16 provider, new_provider = NO_PROVIDER;
  Person *person;
  Place *place;
  guint index;
  Life life;

  plan_life (demo, slot, &life);
  if (!choose_person (demo, slot, &index, error))
    return FALSE;
  /* Nobody left to refer: the month is full. */
  if (index == G_MAXUINT)
    return TRUE;
  person = &g_array_index (demo->people, Person, index);
  place = &g_array_index (demo->model.places, Place, person->place);
  g_assert (anv_generate_service_on (place, slot->decided) == (int) s);

  if (!choose_provider (demo, place, s, slot, &life, &provider, error))
    return FALSE;
  if (life.changed != 0)
    new_provider = choose_new_provider (demo, place, s, life.changed, provider);

  format_day (slot->decided, decided);
  format_day (life.planned, planned);
  record.seeker_id = person->seeker_id;
  record.service = slot->service;
  record.level = life.level;
  record.choice = life.own_choice ? ANV_CHOICE_OWN : ANV_CHOICE_DEFAULT;
  record.municipality_code = place->code;
  record.female = anv_demo_is_female (person->number);
  record.decided_on = decided;
  record.planned_start = planned;
  if (life.started != 0)
    {
      format_day (life.started, started);
      record.started_on = started;
    }
  if (life.ended != 0)
    {
      format_day (life.ended, ended);
      record.ended_on = ended;
      record.end_reason = life.reason;
    }
  record.provider_id = g_array_index (demo->model.providers, Provider, provider).id;
  record.outside_area = life.outside_area;
  if (new_provider != NO_PROVIDER)
    {
      format_day (life.changed, changed);
      record.new_provider_id = g_array_index (demo->model.providers, Provider,
                                              new_provider).id;
      record.changed_on = changed;
    }
  record.n_extensions = extensions_needed (demo, slot, &life);
  if (!anv_referrals_load (demo->load, &record, NULL, error))
    return FALSE;
  demo->n_referrals++;

  if (life.ended != 0)
    push_free (demo->free[person->region], life.ended + GAP_DAYS, index);
  return TRUE;
}

/* The officer's story: April's referrals to Rusta och matcha, decided,
 * started, extended and ended through the core's functions. */

static gboolean
decide (Demo         *demo,
        const Slot   *slot,
        const Person *person,
        Life         *life,
        gint64       *out_id,
        GError      **error)
{
  const Place *place = &g_array_index (demo->model.places, Place, person->place);
  g_autoptr (GPtrArray) local = NULL;
  g_autoptr (AnvReferral) referral = NULL;
  g_autofree char *orgnr = NULL;
  AnvReferralInput input = { 0 };
  GDate decided, planned;

  anv_demo_date_of (slot->decided, &decided);
  anv_demo_date_of (life->planned, &planned);

  if (life->own_choice)
    {
      local = anv_providers_approved_for (demo->db, slot->service, place->code, &decided,
                                          error);
      if (local == NULL)
        return FALSE;
      if (local->len > 0)
        orgnr = g_strdup (((AnvProvider *) g_ptr_array_index (
                            local, anv_demo_uniform (demo->rand, 0, local->len - 1)))->orgnr);
    }

  input.personnummer = person->number;
  input.service = slot->service;
  input.provider_orgnr = orgnr;
  input.level = life->level;
  input.choice = orgnr != NULL ? ANV_CHOICE_OWN : ANV_CHOICE_DEFAULT;
  input.decided_on = &decided;
  input.planned_start = &planned;

  referral = anv_referrals_decide (demo->db, &input, &demo->today, error);
  if (referral == NULL)
    return FALSE;
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

static gboolean
record_story_referral (Demo        *demo,
                       const Slot  *slot,
                       guint        index,
                       GError     **error)
{
  const Person *person = &g_array_index (demo->people, Person, index);
  gint64 id = 0;
  Life life;
  GDate day;

  plan_life (demo, slot, &life);
  if (!decide (demo, slot, person, &life, &id, error))
    return FALSE;
  if (life.started != 0)
    {
      anv_demo_date_of (life.started, &day);
      if (!anv_referrals_start (demo->db, person->number, &day, &demo->today, error))
        return FALSE;
    }
  if (!extend_as_needed (demo, id, &life, error))
    return FALSE;
  if (life.ended != 0)
    {
      anv_demo_date_of (life.ended, &day);
      if (!anv_referrals_end (demo->db, person->number, life.reason, &day, &demo->today,
                              error))
        return FALSE;
    }
  demo->n_referrals++;
  return TRUE;
}

/* Job seekers registered in 2020 who have not been referred, most of
 * them from March to June. */
static gboolean
register_unreferred (Demo    *demo,
                     guint    n,
                     GError **error)
{
  for (guint i = 0; i < n; i++)
    {
      guint month = anv_demo_chance (demo->rand, 500) ? anv_demo_uniform (demo->rand, 3, 6)
                                                      : anv_demo_uniform (demo->rand, 1, 12);
      Region region = anv_demo_chance (demo->rand, 100) ? REGION_PILOT : REGION_OUTSIDE_PILOT;
      guint32 day = random_working_day (demo->rand, DEMO_YEAR, month);
      guint person;

      if (!register_person (demo, region, day, day, &person, error))
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
  demo->postal_codes = anv_municipalities_list_postal_codes (demo->db, error);
  if (demo->postal_codes == NULL)
    return FALSE;
  if (!anv_demo_add_providers (demo->db, FALSE, error)
      || !anv_generate_model_read (&demo->model, demo->db, error))
    return FALSE;
  demo->rules = anv_period_rules_list (demo->db, error);
  if (demo->rules == NULL)
    return FALSE;
  prepare_weights (demo);

  slots = plan_slots (demo);
  plan_story (demo);
  demo->total = slots->len + N_UNREFERRED + demo->story->len;

  /* The story's job seekers, registered before April, kept apart. */
  demo->story_people = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < demo->story->len; i++)
    {
      const Slot *slot = &g_array_index (demo->story, Slot, i);
      guint person;

      if (!register_person (demo, REGION_PILOT, slot->decided,
                            registered_before (demo, slot->decided), &person, error))
        return FALSE;
      g_assert (person != G_MAXUINT);
      g_array_append_val (demo->story_people, person);
    }

  /* The bulk, as a loading tool writes it. */
  demo->load = anv_referrals_load_begin (demo->db, error);
  if (demo->load == NULL)
    return FALSE;
  for (guint i = 0; i < slots->len; i++)
    {
      if (!load_referral (demo, &g_array_index (slots, Slot, i), error))
        return FALSE;
      report_progress (demo);
    }
  g_clear_pointer (&demo->load, anv_referrals_load_free);
  if (!register_unreferred (demo, N_UNREFERRED, error)
      || !anv_seekers_load_finish (demo->db, 0, error)
      || !anv_summary_rebuild (demo->db, error))
    return FALSE;

  /* The story, by the officer's functions, which keep the summary. */
  for (guint i = 0; i < demo->story->len; i++)
    {
      if (!record_story_referral (demo, &g_array_index (demo->story, Slot, i),
                                  g_array_index (demo->story_people, guint, i), error))
        return FALSE;
      report_progress (demo);
    }
  if (demo->progress != NULL)
    demo->progress (demo->total, demo->total, demo->user_data);

  details = g_strdup_printf ("%u job seekers, %u referrals decided", demo->people->len,
                             demo->n_referrals);
  return anv_audit_append (demo->db, "demo.load", "database", NULL, details, error);
}

/* The connection's usual page cache again: only speed depends on it, so
 * a failure is logged, not reported. */
static void
restore_cache (AnvDb *db)
{
  g_autoptr (GError) error = NULL;

  if (!anv_db_set_bulk_cache (db, FALSE, &error))
    g_warning ("The page cache was not set back: %s", error->message);
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
  for (guint i = 0; i < N_REGIONS; i++)
    demo.free[i] = g_array_new (FALSE, FALSE, sizeof (Free));

  if (!anv_db_begin (db, &local_error))
    goto fail;
  if (!anv_db_set_bulk_cache (db, TRUE, &local_error)
      || !load_year (&demo, &local_error) || !anv_db_commit (db, &local_error))
    {
      anv_db_rollback (db);
      goto fail;
    }
  restore_cache (db);
  demo_clear (&demo);
  return TRUE;

fail:
  restore_cache (db);
  demo_clear (&demo);
  g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                              _("The demo data could not be loaded, and nothing was "
                                "changed: "));
  return FALSE;
}

