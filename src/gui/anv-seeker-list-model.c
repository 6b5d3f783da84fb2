/* anv-seeker-list-model.c — the found job seekers, read from the database a page at a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "anvisa-seeker-list-model"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "anv-personnummer.h"
#include "anv-referrals.h"
#include "anv-seeker-list-model.h"
#include "anv-seekers.h"

/* What a row shows, made once when its page is read. */
typedef struct
{
  gint64    id;
  char     *personnummer;   /* masked */
  char     *name;
  gboolean  protected_identity;
  char     *municipality;
  char     *referral;
} Row;

typedef struct
{
  guint      page;          /* G_MAXUINT: empty */
  GPtrArray *rows;          /* Row, or NULL for an id no longer there */
  guint64    last_used;
} CachedPage;

struct _AnvSeekerListModel
{
  GObject     parent_instance;

  AnvContext *context;      /* the database, and today */
  GArray     *ids;          /* gint64 */
  int         stamp;

  CachedPage  cache[ANV_SEEKER_LIST_CACHED_PAGES];
  guint64     clock;
  guint       pages_loaded;
};

static void anv_seeker_list_model_tree_model_init (GtkTreeModelIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AnvSeekerListModel, anv_seeker_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_TREE_MODEL,
                                                      anv_seeker_list_model_tree_model_init))

enum
{
  LOAD_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS] = { 0, };


/*
 * Auxiliary methods
 */

static void
row_free (Row *row)
{
  if (row == NULL)
    return;
  g_free (row->personnummer);
  g_free (row->name);
  g_free (row->municipality);
  g_free (row->referral);
  g_free (row);
}

/* "KROM, referred 2020-04-06", "STOM, started 2020-05-04", or "". */
static char *
describe_open_referral (GPtrArray *referrals)
{
  for (guint i = 0; referrals != NULL && i < referrals->len; i++)
    {
      AnvReferral *referral = g_ptr_array_index (referrals, i);
      const char *service = anv_service_code (referral->service);

      if (referral->ended_on != NULL || referral->annulled)
        continue;
      if (referral->started_on != NULL)
        /* Translators: the state of an open referral in the list of job seekers;
         * %1$s is KROM or STOM, %2$s a date (YYYY-MM-DD) */
        return g_strdup_printf (_("%1$s, started %2$s"), service, referral->started_on);
      /* Translators: the state of an open referral in the list of job seekers;
       * %1$s is KROM or STOM, %2$s a date (YYYY-MM-DD) */
      return g_strdup_printf (_("%1$s, referred %2$s"), service, referral->decided_on);
    }
  return g_strdup ("");
}

static Row *
make_row (AnvSeekerListModel *self,
          const AnvSeeker    *seeker,
          const GDate        *today)
{
  g_autoptr (GPtrArray) referrals = NULL;
  g_autoptr (GError) error = NULL;
  Row *row = g_new0 (Row, 1);

  row->id = seeker->id;
  row->personnummer = anv_personnummer_format_masked (seeker->personnummer);
  row->protected_identity = seeker->protected_identity;
  row->name = g_strdup (seeker->protected_identity ? _("Protected identity") : seeker->name);
  row->municipality = g_strdup (seeker->municipality_name);

  referrals = anv_referrals_for_seeker (anv_context_get_db (self->context),
                                        seeker->personnummer, today, &error);
  if (referrals == NULL)
    g_debug ("No referrals for seeker %" G_GINT64_FORMAT ": %s", seeker->id, error->message);
  row->referral = describe_open_referral (referrals);

  return row;
}

static CachedPage *
load_page (AnvSeekerListModel *self,
           guint               page)
{
  g_autoptr (GPtrArray) seekers = NULL;
  g_autoptr (GError) error = NULL;
  CachedPage *slot = &self->cache[0];
  guint first = page * ANV_SEEKER_LIST_PAGE_SIZE;
  guint n = MIN (ANV_SEEKER_LIST_PAGE_SIZE, self->ids->len - first);
  GDate today;

  /* The least recently used slot gives way. */
  for (guint i = 1; i < ANV_SEEKER_LIST_CACHED_PAGES; i++)
    if (self->cache[i].last_used < slot->last_used)
      slot = &self->cache[i];

  g_clear_pointer (&slot->rows, g_ptr_array_unref);
  slot->page = page;
  slot->rows = g_ptr_array_new_full (n, (GDestroyNotify) row_free);
  self->pages_loaded++;
  g_debug ("Reading page %u (%u so far)", page, self->pages_loaded);

  anv_context_get_today (self->context, &today);
  seekers = anv_seekers_get_by_ids (anv_context_get_db (self->context),
                                    &g_array_index (self->ids, gint64, first), n, &error);
  if (seekers == NULL)
    {
      /* The page stays, empty, so that drawing does not ask again and again. */
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (slot->rows, NULL);
      g_signal_emit (self, signals[LOAD_FAILED], 0, error);
      return slot;
    }

  for (guint i = 0; i < n; i++)
    {
      const AnvSeeker *seeker = g_ptr_array_index (seekers, i);

      g_ptr_array_add (slot->rows, seeker != NULL ? make_row (self, seeker, &today) : NULL);
    }

  return slot;
}

/* The row at @position, reading its page if needed; NULL when the job
 * seeker is no longer there. */
static const Row *
get_row (AnvSeekerListModel *self,
         guint               position)
{
  guint page = position / ANV_SEEKER_LIST_PAGE_SIZE;
  CachedPage *slot = NULL;

  g_assert (position < self->ids->len);

  for (guint i = 0; i < ANV_SEEKER_LIST_CACHED_PAGES && slot == NULL; i++)
    if (self->cache[i].page == page)
      slot = &self->cache[i];
  if (slot == NULL)
    slot = load_page (self, page);

  slot->last_used = ++self->clock;
  return g_ptr_array_index (slot->rows, position % ANV_SEEKER_LIST_PAGE_SIZE);
}

static gboolean
set_iter (AnvSeekerListModel *self,
          GtkTreeIter        *iter,
          gint64              position)
{
  if (position < 0 || position >= self->ids->len)
    {
      iter->stamp = 0;
      return FALSE;
    }
  iter->stamp = self->stamp;
  iter->user_data = GUINT_TO_POINTER ((guint) position);
  return TRUE;
}

static guint
iter_position (AnvSeekerListModel *self,
               GtkTreeIter        *iter)
{
  g_return_val_if_fail (iter->stamp == self->stamp, 0);

  return GPOINTER_TO_UINT (iter->user_data);
}


/*
 * GtkTreeModel interface
 */

static GtkTreeModelFlags
anv_seeker_list_model_get_flags (GtkTreeModel *model)
{
  return GTK_TREE_MODEL_LIST_ONLY | GTK_TREE_MODEL_ITERS_PERSIST;
}

static int
anv_seeker_list_model_get_n_columns (GtkTreeModel *model)
{
  return ANV_SEEKER_LIST_N_COLUMNS;
}

static GType
anv_seeker_list_model_get_column_type (GtkTreeModel *model,
                                       int           column)
{
  switch (column)
    {
    case ANV_SEEKER_LIST_COLUMN_ID:
      return G_TYPE_INT64;
    case ANV_SEEKER_LIST_COLUMN_NAME_STYLE:
      return PANGO_TYPE_STYLE;
    case ANV_SEEKER_LIST_COLUMN_PERSONNUMMER:
    case ANV_SEEKER_LIST_COLUMN_NAME:
    case ANV_SEEKER_LIST_COLUMN_MUNICIPALITY:
    case ANV_SEEKER_LIST_COLUMN_REFERRAL:
      return G_TYPE_STRING;
    default:
      g_return_val_if_reached (G_TYPE_INVALID);
    }
}

static gboolean
anv_seeker_list_model_get_iter (GtkTreeModel *model,
                                GtkTreeIter  *iter,
                                GtkTreePath  *path)
{
  AnvSeekerListModel *self = ANV_SEEKER_LIST_MODEL (model);

  if (gtk_tree_path_get_depth (path) != 1)
    return set_iter (self, iter, -1);
  return set_iter (self, iter, gtk_tree_path_get_indices (path)[0]);
}

static GtkTreePath *
anv_seeker_list_model_get_path (GtkTreeModel *model,
                                GtkTreeIter  *iter)
{
  return gtk_tree_path_new_from_indices (iter_position (ANV_SEEKER_LIST_MODEL (model), iter), -1);
}

static void
anv_seeker_list_model_get_value (GtkTreeModel *model,
                                 GtkTreeIter  *iter,
                                 int           column,
                                 GValue       *value)
{
  AnvSeekerListModel *self = ANV_SEEKER_LIST_MODEL (model);
  guint position = iter_position (self, iter);
  const Row *row;

  g_value_init (value, anv_seeker_list_model_get_column_type (model, column));

  if (column == ANV_SEEKER_LIST_COLUMN_ID)
    {
      g_value_set_int64 (value, g_array_index (self->ids, gint64, position));
      return;
    }

  row = get_row (self, position);
  if (row == NULL)
    return;

  switch (column)
    {
    case ANV_SEEKER_LIST_COLUMN_PERSONNUMMER:
      g_value_set_string (value, row->personnummer);
      break;
    case ANV_SEEKER_LIST_COLUMN_NAME:
      g_value_set_string (value, row->name);
      break;
    case ANV_SEEKER_LIST_COLUMN_NAME_STYLE:
      g_value_set_enum (value, row->protected_identity ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
      break;
    case ANV_SEEKER_LIST_COLUMN_MUNICIPALITY:
      g_value_set_string (value, row->municipality);
      break;
    case ANV_SEEKER_LIST_COLUMN_REFERRAL:
      g_value_set_string (value, row->referral);
      break;
    default:
      g_assert_not_reached ();
    }
}

static gboolean
anv_seeker_list_model_iter_next (GtkTreeModel *model,
                                 GtkTreeIter  *iter)
{
  AnvSeekerListModel *self = ANV_SEEKER_LIST_MODEL (model);

  return set_iter (self, iter, (gint64) iter_position (self, iter) + 1);
}

static gboolean
anv_seeker_list_model_iter_previous (GtkTreeModel *model,
                                     GtkTreeIter  *iter)
{
  AnvSeekerListModel *self = ANV_SEEKER_LIST_MODEL (model);

  return set_iter (self, iter, (gint64) iter_position (self, iter) - 1);
}

static gboolean
anv_seeker_list_model_iter_children (GtkTreeModel *model,
                                     GtkTreeIter  *iter,
                                     GtkTreeIter  *parent)
{
  AnvSeekerListModel *self = ANV_SEEKER_LIST_MODEL (model);

  return set_iter (self, iter, parent == NULL ? 0 : -1);
}

static gboolean
anv_seeker_list_model_iter_has_child (GtkTreeModel *model,
                                      GtkTreeIter  *iter)
{
  return FALSE;
}

static int
anv_seeker_list_model_iter_n_children (GtkTreeModel *model,
                                       GtkTreeIter  *iter)
{
  AnvSeekerListModel *self = ANV_SEEKER_LIST_MODEL (model);

  return iter == NULL ? (int) self->ids->len : 0;
}

static gboolean
anv_seeker_list_model_iter_nth_child (GtkTreeModel *model,
                                      GtkTreeIter  *iter,
                                      GtkTreeIter  *parent,
                                      int           n)
{
  AnvSeekerListModel *self = ANV_SEEKER_LIST_MODEL (model);

  return set_iter (self, iter, parent == NULL ? n : -1);
}

static gboolean
anv_seeker_list_model_iter_parent (GtkTreeModel *model,
                                   GtkTreeIter  *iter,
                                   GtkTreeIter  *child)
{
  return set_iter (ANV_SEEKER_LIST_MODEL (model), iter, -1);
}

static void
anv_seeker_list_model_tree_model_init (GtkTreeModelIface *iface)
{
  iface->get_flags = anv_seeker_list_model_get_flags;
  iface->get_n_columns = anv_seeker_list_model_get_n_columns;
  iface->get_column_type = anv_seeker_list_model_get_column_type;
  iface->get_iter = anv_seeker_list_model_get_iter;
  iface->get_path = anv_seeker_list_model_get_path;
  iface->get_value = anv_seeker_list_model_get_value;
  iface->iter_next = anv_seeker_list_model_iter_next;
  iface->iter_previous = anv_seeker_list_model_iter_previous;
  iface->iter_children = anv_seeker_list_model_iter_children;
  iface->iter_has_child = anv_seeker_list_model_iter_has_child;
  iface->iter_n_children = anv_seeker_list_model_iter_n_children;
  iface->iter_nth_child = anv_seeker_list_model_iter_nth_child;
  iface->iter_parent = anv_seeker_list_model_iter_parent;
}


/*
 * GObject overrides
 */

static void
anv_seeker_list_model_finalize (GObject *object)
{
  AnvSeekerListModel *self = ANV_SEEKER_LIST_MODEL (object);

  for (guint i = 0; i < ANV_SEEKER_LIST_CACHED_PAGES; i++)
    g_clear_pointer (&self->cache[i].rows, g_ptr_array_unref);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (anv_seeker_list_model_parent_class)->finalize (object);
}

static void
anv_seeker_list_model_class_init (AnvSeekerListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = anv_seeker_list_model_finalize;

  /**
   * AnvSeekerListModel::load-failed:
   * @self: the model
   * @error: why the rows could not be read
   *
   * A page of rows could not be read from the database; its rows show
   * empty.
   */
  signals[LOAD_FAILED] = g_signal_new ("load-failed",
                                       G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 1,
                                       G_TYPE_ERROR);
}

static void
anv_seeker_list_model_init (AnvSeekerListModel *self)
{
  do
    self->stamp = g_random_int ();
  while (self->stamp == 0);

  for (guint i = 0; i < ANV_SEEKER_LIST_CACHED_PAGES; i++)
    self->cache[i].page = G_MAXUINT;
}


/*
 * Public API
 */

AnvSeekerListModel *
anv_seeker_list_model_new (AnvContext *context,
                           GArray     *ids)
{
  AnvSeekerListModel *self;

  g_return_val_if_fail (ANV_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (ids != NULL && g_array_get_element_size (ids) == sizeof (gint64), NULL);

  self = g_object_new (ANV_TYPE_SEEKER_LIST_MODEL, NULL);
  self->context = g_object_ref (context);
  self->ids = g_array_ref (ids);

  return self;
}

guint
anv_seeker_list_model_get_n_rows (AnvSeekerListModel *self)
{
  g_return_val_if_fail (ANV_IS_SEEKER_LIST_MODEL (self), 0);

  return self->ids->len;
}

gint64
anv_seeker_list_model_get_id (AnvSeekerListModel *self,
                              guint               position)
{
  g_return_val_if_fail (ANV_IS_SEEKER_LIST_MODEL (self), 0);
  g_return_val_if_fail (position < self->ids->len, 0);

  return g_array_index (self->ids, gint64, position);
}

int
anv_seeker_list_model_find (AnvSeekerListModel *self,
                            gint64              id)
{
  g_return_val_if_fail (ANV_IS_SEEKER_LIST_MODEL (self), -1);

  for (guint i = 0; i < self->ids->len; i++)
    if (g_array_index (self->ids, gint64, i) == id)
      return (int) i;
  return -1;
}

guint
anv_seeker_list_model_get_pages_loaded (AnvSeekerListModel *self)
{
  g_return_val_if_fail (ANV_IS_SEEKER_LIST_MODEL (self), 0);

  return self->pages_loaded;
}
