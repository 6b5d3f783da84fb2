/* anv-export-private.h — what the export's files share
 *
 * anv-export.c is the driver (a file renamed into place, a stream, the
 * audit log); anv-export-rows.c reads and writes the rows of each kind
 * of export. Included by those two only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "anv-csv-writer.h"
#include "anv-db.h"
#include "anv-export.h"
#include "anv-output.h"

G_BEGIN_DECLS

/* One export as it is being written. */
typedef struct
{
  AnvDb                  *db;
  const AnvExportOptions *options;
  AnvCsvWriter           *writer;
  const char             *path;     /* as the person named it, for messages */
  const char             *where;    /* for the audit log: a file, or NULL for standard output */
  AnvExportCounts         counts;
  int                     failed_errno;  /* why writing failed, or 0 */
} AnvExportJob;

/* Sets @error: writing to @path failed for @reason; @advice says what to
 * do (a sentence). */
void     anv_export_set_write_error (GError        **error,
                                     const char     *path,
                                     const char     *reason,
                                     const char     *advice);

/* Sets @error: writing @path failed with @saved_errno at @step. */
void     anv_export_set_write_errno (GError        **error,
                                     const char     *path,
                                     int             saved_errno,
                                     AnvOutputStep   step);

/* Writes the heading row and the rows of @job's kind with @job's writer,
 * read in one read transaction, and flushes the writer. */
gboolean anv_export_write_rows      (AnvExportJob   *job,
                                     GError        **error);

/* The rows @job's export will write and the people it will leave out,
 * as the database is now (the caller holds the transaction). */
gboolean anv_export_count_rows      (AnvExportJob   *job,
                                     guint64        *out_rows,
                                     guint64        *out_left_out,
                                     GError        **error);

G_END_DECLS
