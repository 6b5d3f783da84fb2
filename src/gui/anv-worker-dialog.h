/* anv-worker-dialog.h — a dialog whose work runs in a thread, with progress
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "anv-context.h"
#include "anv-db.h"

G_BEGIN_DECLS

#define ANV_TYPE_WORKER_DIALOG (anv_worker_dialog_get_type ())
G_DECLARE_DERIVABLE_TYPE (AnvWorkerDialog, anv_worker_dialog, ANV, WORKER_DIALOG, GtkDialog)

/* What the worker thread holds of its dialog: never a widget. */
typedef struct _AnvWorker AnvWorker;

/* In the worker thread: does the work of @job on @db, a connection of the
 * dialog's own to the database file. */
typedef gboolean (*AnvWorkerFunc) (AnvWorker     *worker,
                                   AnvDb         *db,
                                   gpointer       job,
                                   GCancellable  *cancellable,
                                   GError       **error);

/* In the main thread, when the work has ended and the dialog is still
 * shown: @error is NULL when it succeeded. */
typedef void     (*AnvWorkerDone) (AnvWorkerDialog *self,
                                   gpointer         job,
                                   const GError    *error);

struct _AnvWorkerDialogClass
{
  GtkDialogClass parent_class;

  /* The person asks to stop the running work (Cancel, or closing the
   * window); NULL: the work cannot be stopped, the dialog stays. */
  void (*cancel)  (AnvWorkerDialog *self);
  /* A response while no work runs; NULL: the dialog closes. */
  void (*respond) (AnvWorkerDialog *self,
                   int              response);

  gpointer padding[4];
};

/* The bar the progress shows on: called by a subclass from its init. */
void      anv_worker_dialog_set_progress_bar     (AnvWorkerDialog *self,
                                                  GtkProgressBar  *bar);

/* Keeps the worker's connection open from one run to the next (a check
 * and the work it prepared); otherwise each run closes it when done. */
void      anv_worker_dialog_set_keep_connection  (AnvWorkerDialog *self,
                                                  gboolean         keep);

/* Runs @func on @job in a worker thread, the bar pulsing until the
 * worker reports how far it is; the application does not quit meanwhile.
 * Then, if it succeeded, the window's database hears of the changes at
 * once, and @done is called if the dialog is still there. @job_free (may
 * be NULL) frees @job after @done. */
void      anv_worker_dialog_run                  (AnvWorkerDialog *self,
                                                  AnvWorkerFunc    func,
                                                  gpointer         job,
                                                  GDestroyNotify   job_free,
                                                  GCancellable    *cancellable,
                                                  AnvWorkerDone    done);

/* Today: the context's */
void      anv_worker_dialog_get_today            (AnvWorkerDialog *self,
                                                  GDate           *out);
/* Whether work is under way. */
gboolean  anv_worker_dialog_get_running          (AnvWorkerDialog *self);
/* Whether the last work finished without an error. */
gboolean  anv_worker_dialog_get_succeeded        (AnvWorkerDialog *self);

/* In the worker thread: @done of @total (0: unknown), for the bar. */
void      anv_worker_report_progress             (AnvWorker       *worker,
                                                  guint64          done,
                                                  guint64          total);

G_END_DECLS
