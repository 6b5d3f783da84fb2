/* anv-seeker-search.h — the seekers page's search, in a thread on a connection of its own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "anv-context.h"

G_BEGIN_DECLS

#define ANV_TYPE_SEEKER_SEARCH (anv_seeker_search_get_type ())
G_DECLARE_FINAL_TYPE (AnvSeekerSearch, anv_seeker_search, ANV, SEEKER_SEARCH, GObject)

AnvSeekerSearch *anv_seeker_search_new        (AnvContext           *context);

/* Finds the ids of at most @limit job seekers matching @text
 * (anv_seekers_search_ids()) in a worker thread, on a second connection
 * to the context's database that is kept from one search to the next;
 * one search at a time. Without that connection, the search runs on the
 * context's own, in the main thread, when it finishes. */
void             anv_seeker_search_run_async  (AnvSeekerSearch      *self,
                                               const char           *text,
                                               guint                 limit,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
/* The ids found (transfer full) and the @text searched, or NULL and @error */
GArray          *anv_seeker_search_run_finish (AnvSeekerSearch      *self,
                                               GAsyncResult         *result,
                                               char                **text,
                                               GError              **error);

G_END_DECLS
