/* anv-export.h — CSV for reporting
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "anv-csv-writer.h"
#include <stdio.h>

#include "anv-db.h"
#include "anv-output.h"
#include "anv-summary.h"

G_BEGIN_DECLS

#define ANV_EXPORT_ERROR (anv_export_error_quark ())

typedef enum
{
  ANV_EXPORT_ERROR_WRITE,     /* the file cannot be written; nothing was left */
  ANV_EXPORT_ERROR_PROFILE,   /* unknown profile name */
} AnvExportError;

/* AnvCsvProfile is in anv-csv-writer.h. */

typedef enum
{
  ANV_EXPORT_SUMMARY,
  ANV_EXPORT_REFERRALS,
  ANV_EXPORT_SEEKERS,
} AnvExportKind;

typedef struct
{
  AnvExportKind          kind;
  AnvCsvProfile          profile;
  gboolean               full_personnummer;  /* referrals, seekers: else masked */
  const AnvSummaryQuery *summary;            /* for ANV_EXPORT_SUMMARY */
  /* For ANV_EXPORT_SUMMARY: 0 for the summary as it is now; 1 … 100 for
   * the publish export: closed months as published (anv_publish_read()),
   * in the municipalities' lines the counts from 1 to this − 1 in a split
   * by sex shown as ANV_PUBLISH_MARK (anv_publish_suppress()), and two
   * columns more: each line's status and the note that says so. */
  guint                  publish_threshold;
} AnvExportOptions;

/* What an export wrote. */
typedef struct
{
  guint64 rows;                 /* data rows, the heading row not counted */
  guint64 protected_left_out;   /* people with protected identity left out */
  AnvOutputKind kind;           /* how it was written */
  int descriptor;               /* for ANV_OUTPUT_DESCRIPTOR: which of the program's own */
} AnvExportCounts;

GQuark   anv_export_error_quark   (void);

/* "excel-sv" or "rfc4180". */
gboolean anv_csv_profile_parse    (const char     *text,
                                   AnvCsvProfile  *out,
                                   GError        **error);
const char *anv_csv_profile_to_string (AnvCsvProfile profile);

/* Writes the export to @path: streamed, to a temporary file in the same
 * folder (mode 0600) renamed into place only when complete, audited with
 * the number of rows before the file takes its name. A pipe or a device
 * (/dev/stdout) is written straight into: audited before its first byte,
 * with the rows planned, and again when the writing stops early (its
 * reader gone: EPIPE, SIGPIPE held back; a signal anv_output_register_stream()
 * keeps), with the rows written at most. Refused: what anv_output_check()
 * refuses (the database, its log, a kept copy, a folder, any SQLite
 * database). Referrals and seekers are read in one read
 * transaction (a consistent snapshot); people with protected identity are
 * left out of them. On failure no file is left and an existing @path is
 * untouched. @out_rows (may be NULL) receives the data rows written. */
gboolean anv_export_write         (AnvDb                  *db,
                                   const AnvExportOptions *options,
                                   const char             *path,
                                   guint64                *out_rows,
                                   GError                **error);

/* The same, with the counts of what was written and left out. */
gboolean anv_export_write_counted (AnvDb                  *db,
                                   const AnvExportOptions *options,
                                   const char             *path,
                                   AnvExportCounts        *out_counts,
                                   GError                **error);

/* Writes the export to an open stream (standard output for a script),
 * through a descriptor of its own: audited as a pipe is, above. @name is how messages name
 * the stream (it may be translated); the audit log says "standard output"
 * (or the descriptor, for another stream). */
gboolean anv_export_write_to_stdio (AnvDb                  *db,
                                    const AnvExportOptions *options,
                                    FILE                   *file,
                                    const char             *name,
                                    AnvExportCounts        *out_counts,
                                    GError                **error);

G_END_DECLS
