/* anv-generate-model.c — what the core says about places and providers, for the generator
 *
 * Read once through the core's list functions and indexed for the
 * generator's millions of questions: which service applies in a
 * municipality on a day, which providers are approved there and then, and
 * which of them the core's rule gives the no-choice default to. The rule
 * itself is the core's (anv_providers_pick_default()), asked with the
 * candidates the core lists and the model's own tally of the month's
 * defaults, since the generated referrals reach the database only at the
 * end.
 *
 * Two rules are therefore asked here again, on Julian days instead of the
 * core's ISO dates, because asking the database millions of times would
 * make the generator minutes slower: the service on a day
 * (anv_generate_service_on(), the core's anv_availability_holds_on()) and
 * the providers approved on a day (anv_generate_approved_on(), the core's
 * anv_approval_holds_on()): a period or an approval holds from its first
 * day to its last, both included. test-demo's /generate/model-matches-core
 * compares both with the core around every boundary; change them together.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-generate-model"

#include "config.h"

#include "anv-approvals.h"
#include "anv-date.h"
#include "anv-delivery-areas.h"
#include "anv-demo-private.h"
#include "anv-generate-model.h"
#include "anv-municipalities.h"
#include "anv-providers.h"

static gboolean
parse_julian (const char *text,
              guint32    *out)
{
  GDate date;

  if (text == NULL || !anv_date_parse (text, &date, NULL))
    return FALSE;
  *out = g_date_get_julian (&date);
  return TRUE;
}

static void
stretch_free (gpointer data)
{
  Stretch *stretch = data;

  if (stretch == NULL)
    return;
  g_free (stretch->providers);
  g_free (stretch->candidates);
  g_free (stretch);
}

static void
place_clear (gpointer data)
{
  Place *place = data;

  g_clear_pointer (&place->periods, g_array_unref);
  for (guint s = 0; s < N_SERVICES; s++)
    {
      g_clear_pointer (&place->approved[s], g_array_unref);
      g_clear_pointer (&place->changes[s], g_array_unref);
      g_clear_pointer (&place->stretches[s], g_ptr_array_unref);
      g_clear_pointer (&place->tally[s], g_array_unref);
    }
}

static gboolean
read_places (AnvGenerateModel  *model,
             GError           **error)
{
  g_autoptr (GPtrArray) municipalities = anv_municipalities_list (model->db, error);

  if (municipalities == NULL)
    return FALSE;
  model->places = g_array_new (FALSE, TRUE, sizeof (Place));
  g_array_set_clear_func (model->places, place_clear);
  model->place_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < municipalities->len; i++)
    {
      const AnvMunicipality *m = g_ptr_array_index (municipalities, i);
      Place place = { 0 };

      g_strlcpy (place.code, m->code, sizeof place.code);
      place.periods = g_array_new (FALSE, FALSE, sizeof (Period));
      for (guint s = 0; s < N_SERVICES; s++)
        {
          place.approved[s] = g_array_new (FALSE, FALSE, sizeof (Approved));
          place.changes[s] = g_array_new (FALSE, FALSE, sizeof (guint32));
          place.stretches[s] = g_ptr_array_new_with_free_func (stretch_free);
          place.tally[s] = g_array_new (FALSE, FALSE, sizeof (Tally));
        }
      g_array_append_val (model->places, place);
      g_hash_table_insert (model->place_index, g_strdup (place.code),
                           GUINT_TO_POINTER (model->places->len));
    }
  return TRUE;
}

static Place *
lookup_place (AnvGenerateModel *model,
              const char       *code)
{
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (model->place_index, code));

  return index > 0 ? &g_array_index (model->places, Place, index - 1) : NULL;
}

/* The periods of each place, by their start. */
static gboolean
read_periods (AnvGenerateModel  *model,
              GError           **error)
{
  g_autoptr (GPtrArray) periods = anv_availability_list (model->db, NULL, error);

  if (periods == NULL)
    return FALSE;
  for (guint i = 0; i < periods->len; i++)
    {
      const AnvAvailability *a = g_ptr_array_index (periods, i);
      Place *place = lookup_place (model, a->municipality_code);
      Period period = { 0, OPEN_END,
                        a->service == ANV_SERVICE_KROM ? SERVICE_KROM : SERVICE_STOM };

      if (place == NULL || !parse_julian (a->valid_from, &period.from))
        continue;
      parse_julian (a->valid_to, &period.to);
      g_array_append_val (place->periods, period);
    }
  return TRUE;
}

/* Active providers, in the order the core lists them. */
static gboolean
read_providers (AnvGenerateModel  *model,
                GError           **error)
{
  g_autoptr (GPtrArray) providers = anv_providers_list (model->db, error);

  if (providers == NULL)
    return FALSE;
  model->providers = g_array_new (FALSE, TRUE, sizeof (Provider));
  model->provider_index = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < providers->len && model->providers->len < NO_PROVIDER; i++)
    {
      const AnvProvider *p = g_ptr_array_index (providers, i);
      Provider provider = { p->id };

      if (!p->active)
        continue;
      g_strlcpy (provider.orgnr, p->orgnr, sizeof provider.orgnr);
      g_array_append_val (model->providers, provider);
    }
  for (guint i = 0; i < model->providers->len; i++)
    g_hash_table_insert (model->provider_index,
                         g_array_index (model->providers, Provider, i).orgnr,
                         GUINT_TO_POINTER (i + 1));
  return TRUE;
}

static guint
lookup_provider (AnvGenerateModel *model,
                 const char       *orgnr)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (model->provider_index, orgnr));
}

static int
compare_approved (gconstpointer a,
                  gconstpointer b)
{
  const Approved *x = a, *y = b;

  if (x->provider != y->provider)
    return x->provider < y->provider ? -1 : 1;
  return x->from < y->from ? -1 : x->from > y->from;
}

static int
compare_days (gconstpointer a,
              gconstpointer b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return x < y ? -1 : x > y;
}

/* The days on which the set of approved providers changes, and room for
 * the candidates of each stretch between them. */
static void
index_changes (Place        *place,
               ServiceIndex  s)
{
  GArray *changes = place->changes[s];
  guint n = 0;

  for (guint i = 0; i < place->approved[s]->len; i++)
    {
      const Approved *a = &g_array_index (place->approved[s], Approved, i);
      guint32 after = a->to == OPEN_END ? OPEN_END : a->to + 1;

      g_array_append_val (changes, a->from);
      if (after != OPEN_END)
        g_array_append_val (changes, after);
    }
  g_array_sort (changes, compare_days);
  for (guint i = 0; i < changes->len; i++)
    if (n == 0 || g_array_index (changes, guint32, n - 1) != g_array_index (changes, guint32, i))
      g_array_index (changes, guint32, n++) = g_array_index (changes, guint32, i);
  g_array_set_size (changes, n);

  g_ptr_array_set_size (place->stretches[s], n + 1);
}

static int
compare_approval_ids (gconstpointer a,
                      gconstpointer b)
{
  const AnvApproval *x = *(AnvApproval * const *) a, *y = *(AnvApproval * const *) b;

  return x->id < y->id ? -1 : x->id > y->id;
}

/* Each approval, in the order they were made, in each municipality of its
 * area, by code. */
static gboolean
read_approvals (AnvGenerateModel  *model,
                GError           **error)
{
  g_autoptr (GPtrArray) approvals = anv_approvals_list (model->db, error);
  g_autoptr (GPtrArray) areas = NULL;
  g_autoptr (GHashTable) area_index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (approvals == NULL)
    return FALSE;
  areas = anv_areas_list (model->db, error);
  if (areas == NULL)
    return FALSE;
  for (guint i = 0; i < areas->len; i++)
    {
      AnvArea *area = g_ptr_array_index (areas, i);

      g_hash_table_insert (area_index, area->name, area);
    }
  for (guint s = 0; s < N_SERVICES; s++)
    model->all_approved[s] = g_array_new (FALSE, FALSE, sizeof (Approved));

  g_ptr_array_sort (approvals, compare_approval_ids);
  for (guint i = 0; i < approvals->len; i++)
    {
      const AnvApproval *a = g_ptr_array_index (approvals, i);
      const AnvArea *area = g_hash_table_lookup (area_index, a->area_name);
      ServiceIndex s = a->service == ANV_SERVICE_KROM ? SERVICE_KROM : SERVICE_STOM;
      guint index = lookup_provider (model, a->orgnr);
      Approved approved = { 0, 0, OPEN_END };

      if (area == NULL || index == 0 || !parse_julian (a->valid_from, &approved.from))
        continue;
      approved.provider = (guint16) (index - 1);
      parse_julian (a->valid_to, &approved.to);

      for (guint j = 0; area->municipality_codes[j] != NULL; j++)
        {
          Place *place = lookup_place (model, area->municipality_codes[j]);
          g_autofree char *key = NULL;

          if (place == NULL)
            continue;
          g_array_append_val (place->approved[s], approved);

          /* Each approval once in the list of all. */
          key = g_strdup_printf ("%d %u %u %u", s, approved.provider, approved.from,
                                 approved.to);
          if (g_hash_table_add (seen, g_steal_pointer (&key)))
            g_array_append_val (model->all_approved[s], approved);
        }
    }

  for (guint i = 0; i < model->places->len; i++)
    for (guint s = 0; s < N_SERVICES; s++)
      {
        Place *place = &g_array_index (model->places, Place, i);

        g_array_sort (place->approved[s], compare_approved);
        index_changes (place, s);
      }
  return TRUE;
}

gboolean
anv_generate_model_read (AnvGenerateModel  *model,
                         AnvDb             *db,
                         GError           **error)
{
  model->db = db;
  return read_places (model, error) && read_periods (model, error)
         && read_providers (model, error) && read_approvals (model, error);
}

/* The service that may be decided in @place on @day, or -1: the core's
 * anv_availability_holds_on() on Julian days, for speed (see the top). */
int
anv_generate_service_on (const Place *place,
                         guint32      day)
{
  for (guint i = 0; i < place->periods->len; i++)
    {
      const Period *p = &g_array_index (place->periods, Period, i);

      if (p->from <= day && day <= p->to)
        return p->service;
    }
  return -1;
}

/* The first day from @day to @limit on which a service applies, or
 * NO_DAY. */
guint32
anv_generate_first_service_day (const Place *place,
                                guint32      day,
                                guint32      limit)
{
  guint32 best = NO_DAY;

  if (anv_generate_service_on (place, day) >= 0)
    return day;
  for (guint i = 0; i < place->periods->len; i++)
    {
      const Period *p = &g_array_index (place->periods, Period, i);

      if (p->from > day && p->from <= limit && (best == NO_DAY || p->from < best))
        best = p->from;
    }
  return best;
}

/* The providers approved there and then, in order; returns how many: the
 * core's anv_approval_holds_on() on Julian days, for speed (see the top). */
guint
anv_generate_approved_on (const Place  *place,
                          ServiceIndex  s,
                          guint32       day,
                          guint16      *out,
                          guint         max)
{
  guint n = 0;

  for (guint i = 0; i < place->approved[s]->len && n < max; i++)
    {
      const Approved *a = &g_array_index (place->approved[s], Approved, i);

      if (a->from <= day && day <= a->to && (n == 0 || out[n - 1] != a->provider))
        out[n++] = a->provider;
    }
  return n;
}

/* The candidates of the stretch of days in which @day lies, read from the
 * core when first asked. */
static Stretch *
get_stretch (AnvGenerateModel  *model,
             Place             *place,
             ServiceIndex       s,
             guint32            day,
             GError           **error)
{
  GArray *changes = place->changes[s];
  guint index = 0;
  Stretch *stretch;

  while (index < changes->len && g_array_index (changes, guint32, index) <= day)
    index++;
  stretch = g_ptr_array_index (place->stretches[s], index);
  if (stretch == NULL)
    {
      g_autoptr (GPtrArray) providers = NULL;
      g_autoptr (GArray) candidates = NULL;
      GDate date;

      anv_demo_date_of (day, &date);
      candidates = anv_providers_default_candidates (model->db, anv_generate_service (s),
                                                     place->code, &date, &providers, error);
      if (candidates == NULL)
        return NULL;
      stretch = g_new0 (Stretch, 1);
      stretch->n = candidates->len;
      stretch->providers = g_new (guint16, MAX (stretch->n, 1));
      for (guint i = 0; i < stretch->n; i++)
        {
          guint p = lookup_provider (model, ((AnvProvider *) g_ptr_array_index (providers,
                                                                                i))->orgnr);

          g_assert (p > 0);
          stretch->providers[i] = (guint16) (p - 1);
        }
      stretch->candidates = (AnvDefaultCandidate *) (gpointer) g_array_free (
        g_steal_pointer (&candidates), FALSE);
      g_ptr_array_index (place->stretches[s], index) = stretch;
    }
  return stretch;
}

static guint
month_of (const GDate *date)
{
  return g_date_get_year (date) * 12u + g_date_get_month (date);
}

/* The tally's entry for @provider in @month, made if missing; a new month
 * starts the tally anew. */
static Tally *
get_tally (Place        *place,
           ServiceIndex  s,
           guint         month,
           guint16       provider)
{
  GArray *tally = place->tally[s];
  Tally entry = { provider, 0 };

  if (place->tally_month[s] != month)
    {
      g_array_set_size (tally, 0);
      place->tally_month[s] = month;
    }
  for (guint i = 0; i < tally->len; i++)
    if (g_array_index (tally, Tally, i).provider == provider)
      return &g_array_index (tally, Tally, i);
  g_array_append_val (tally, entry);
  return &g_array_index (tally, Tally, tally->len - 1);
}

gboolean
anv_generate_default_provider (AnvGenerateModel  *model,
                               Place             *place,
                               ServiceIndex       s,
                               guint32            day,
                               guint16           *out,
                               GError           **error)
{
  AnvDefaultCandidate candidates[64];
  Stretch *stretch = get_stretch (model, place, s, day, error);
  guint n, month, chosen;
  GDate date;

  if (stretch == NULL)
    return FALSE;
  g_assert (stretch->n > 0);

  anv_demo_date_of (day, &date);
  month = month_of (&date);
  n = MIN (stretch->n, G_N_ELEMENTS (candidates));
  for (guint i = 0; i < n; i++)
    {
      candidates[i] = stretch->candidates[i];
      candidates[i].defaults = get_tally (place, s, month, stretch->providers[i])->count;
    }
  chosen = anv_providers_pick_default (candidates, n, &date);
  get_tally (place, s, month, stretch->providers[chosen])->count++;
  *out = stretch->providers[chosen];
  return TRUE;
}

gboolean
anv_generate_model_recount (AnvGenerateModel  *model,
                            Place             *place,
                            ServiceIndex       s,
                            guint32            day,
                            GError           **error)
{
  g_autoptr (GPtrArray) providers = NULL;
  g_autoptr (GArray) candidates = NULL;
  GDate date;

  anv_demo_date_of (day, &date);
  candidates = anv_providers_default_candidates (model->db, anv_generate_service (s),
                                                 place->code, &date, &providers, error);
  if (candidates == NULL)
    return FALSE;
  place->tally_month[s] = 0;
  for (guint i = 0; i < candidates->len; i++)
    {
      guint p = lookup_provider (model, ((AnvProvider *) g_ptr_array_index (providers,
                                                                            i))->orgnr);

      g_assert (p > 0);
      get_tally (place, s, month_of (&date), (guint16) (p - 1))->count
        = g_array_index (candidates, AnvDefaultCandidate, i).defaults;
    }
  return TRUE;
}

void
anv_generate_model_clear (AnvGenerateModel *model)
{
  g_clear_pointer (&model->places, g_array_unref);
  g_clear_pointer (&model->place_index, g_hash_table_unref);
  g_clear_pointer (&model->providers, g_array_unref);
  g_clear_pointer (&model->provider_index, g_hash_table_unref);
  for (guint s = 0; s < N_SERVICES; s++)
    g_clear_pointer (&model->all_approved[s], g_array_unref);
}
