/* anv-seeker-import.h — registering many job seekers from a CSV file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "anv-csv-import.h"
#include "anv-db.h"
#include "anv-import-report.h"

G_BEGIN_DECLS

/* Reads a CSV file with a header row (personnummer, name, and municipality
 * and/or postal_code, optionally protected; Swedish headings too), `;` or
 * `,`, UTF-8 with or without BOM. All or nothing: if any row is wrong,
 * every wrong field is reported through @report and nothing is stored.
 * The file is read once; the write lock is held from the start to the
 * first wrong row, and never while errors are reported. A personnummer
 * that is stored already is found by the insert, so only up to the first
 * wrong row; one that is twice in the file, anywhere. Memory grows with
 * the file by 8 bytes a row (16 from a pipe), for the personnummer. */
gboolean anv_seekers_import     (AnvDb           *db,
                                 const char      *path,
                                 const GDate     *today,
                                 AnvImportReport *report,
                                 GError         **error);

G_END_DECLS
