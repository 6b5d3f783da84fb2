/* anv-seeker-search.c — the seekers page's search, in a thread on a connection of its own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "anvisa-seeker-search"

#include "config.h"

#include "anv-schema.h"
#include "anv-seeker-search.h"
#include "anv-seekers.h"

struct _AnvSeekerSearch
{
  GObject     parent_instance;

  AnvContext *context;
  AnvDb      *db;          /* NULL until opened, and while a search has it */
};

G_DEFINE_FINAL_TYPE (AnvSeekerSearch, anv_seeker_search, G_TYPE_OBJECT)

/* What a search runs with, in its thread. */
typedef struct
{
  AnvDb *db;       /* the search's connection, or NULL: open one */
  char  *path;
  char  *user;
  char  *text;
  guint  limit;
} SearchData;

static void
search_data_free (SearchData *data)
{
  g_clear_object (&data->db);
  g_free (data->path);
  g_free (data->user);
  g_free (data->text);
  g_free (data);
}

/* What the caller's task keeps of a search: for the search in the main
 * thread when the worker's failed */
static SearchData *
search_data_new_request (const char *text,
                         guint       limit)
{
  SearchData *data = g_new0 (SearchData, 1);

  data->text = g_strdup (text);
  data->limit = limit;
  return data;
}


/*
 * Callbacks
 */

static void
search_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  SearchData *data = task_data;
  GError *error = NULL;
  GArray *ids;

  if (data->db == NULL)
    {
      data->db = anv_schema_open (data->path, data->user, &error);
      if (data->db == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
    }

  ids = anv_seekers_search_ids (data->db, data->text, data->limit, &error);
  if (ids == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, ids, (GDestroyNotify) g_array_unref);
}

/* In the main thread: the connection comes back for the next search,
 * then the caller hears of the result. */
static void
thread_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  AnvSeekerSearch *self = ANV_SEEKER_SEARCH (object);
  SearchData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;
  GArray *ids;

  if (self->db == NULL)
    self->db = g_steal_pointer (&data->db);

  ids = g_task_propagate_pointer (G_TASK (result), &error);
  if (ids == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, ids, (GDestroyNotify) g_array_unref);
}


/*
 * GObject overrides
 */

static void
anv_seeker_search_dispose (GObject *object)
{
  AnvSeekerSearch *self = ANV_SEEKER_SEARCH (object);

  g_clear_object (&self->db);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (anv_seeker_search_parent_class)->dispose (object);
}

static void
anv_seeker_search_class_init (AnvSeekerSearchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = anv_seeker_search_dispose;
}

static void
anv_seeker_search_init (AnvSeekerSearch *self)
{
}


/*
 * Public API
 */

AnvSeekerSearch *
anv_seeker_search_new (AnvContext *context)
{
  AnvSeekerSearch *self;

  g_return_val_if_fail (ANV_IS_CONTEXT (context), NULL);

  self = g_object_new (ANV_TYPE_SEEKER_SEARCH, NULL);
  self->context = g_object_ref (context);
  return self;
}

void
anv_seeker_search_run_async (AnvSeekerSearch     *self,
                             const char          *text,
                             guint                limit,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  AnvDb *db;
  g_autoptr (GTask) task = NULL;
  g_autoptr (GTask) thread_task = NULL;
  SearchData *data;

  g_return_if_fail (ANV_IS_SEEKER_SEARCH (self));
  g_return_if_fail (text != NULL);

  db = anv_context_get_db (self->context);
  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, anv_seeker_search_run_async);
  g_task_set_task_data (task, search_data_new_request (text, limit),
                        (GDestroyNotify) search_data_free);

  data = g_new0 (SearchData, 1);
  data->db = g_steal_pointer (&self->db);
  data->path = g_strdup (anv_db_get_path (db));
  data->user = g_strdup (anv_db_get_user (db));
  data->text = g_strdup (text);
  data->limit = limit;

  thread_task = g_task_new (self, NULL, thread_done_cb, g_steal_pointer (&task));
  g_task_set_source_tag (thread_task, anv_seeker_search_run_async);
  g_task_set_task_data (thread_task, data, (GDestroyNotify) search_data_free);
  g_task_run_in_thread (thread_task, search_thread);
}

GArray *
anv_seeker_search_run_finish (AnvSeekerSearch  *self,
                              GAsyncResult     *result,
                              char            **text,
                              GError          **error)
{
  SearchData *request = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) thread_error = NULL;
  GArray *ids;

  g_return_val_if_fail (ANV_IS_SEEKER_SEARCH (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if (text != NULL)
    *text = g_strdup (request->text);

  ids = g_task_propagate_pointer (G_TASK (result), &thread_error);
  if (ids != NULL)
    return ids;

  /* No second connection (or it failed): search on the context's own. */
  g_debug ("Searching in a thread failed: %s", thread_error->message);
  return anv_seekers_search_ids (anv_context_get_db (self->context), request->text,
                                 request->limit, error);
}
