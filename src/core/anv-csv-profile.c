/* anv-csv-profile.c — the names of the CSV profiles an export is written in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-csv-profile"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "anv-export.h"

gboolean
anv_csv_profile_parse (const char     *text,
                       AnvCsvProfile  *out,
                       GError        **error)
{
  if (g_strcmp0 (text, "excel-sv") == 0)
    *out = ANV_CSV_PROFILE_EXCEL_SV;
  else if (g_strcmp0 (text, "rfc4180") == 0)
    *out = ANV_CSV_PROFILE_RFC4180;
  else
    {
      g_set_error (error, ANV_EXPORT_ERROR, ANV_EXPORT_ERROR_PROFILE,
                   /* Translators: %s is what was typed; excel-sv and rfc4180 are names */
                   _("“%s” is not a CSV profile: write excel-sv (for Excel in Swedish: "
                     "semicolons, decimal comma) or rfc4180 (commas, for other programs)."),
                   text ? text : "");
      return FALSE;
    }
  return TRUE;
}

const char *
anv_csv_profile_to_string (AnvCsvProfile profile)
{
  return profile == ANV_CSV_PROFILE_EXCEL_SV ? "excel-sv" : "rfc4180";
}
