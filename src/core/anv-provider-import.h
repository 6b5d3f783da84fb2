/* anv-provider-import.h — registering many providers from a CSV file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "anv-csv-import.h"
#include "anv-db.h"
#include "anv-import-report.h"

G_BEGIN_DECLS

/* CSV with orgnr, name, municipality (Swedish headings too); all or
 * nothing, every bad row reported, as for job seekers. Bad rows:
 * ANV_IMPORT_ERROR_BAD_ROWS. */
gboolean     anv_providers_import          (AnvDb           *db,
                                            const char      *path,
                                            const GDate     *today,
                                            AnvImportReport *report,
                                            GError         **error);

G_END_DECLS
