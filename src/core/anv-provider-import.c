/* anv-provider-import.c — registering many providers from a CSV file
 *
 * The rows of a file of providers, for the one import driver
 * (anv-csv-import.c), which reads, counts, reports and stores all or
 * nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-provider-import"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "anv-csv-import.h"
#include "anv-date.h"
#include "anv-municipalities.h"
#include "anv-orgnr.h"
#include "anv-provider-import.h"
#include "anv-providers-private.h"

enum { COL_ORGNR, COL_NAME, COL_MUNICIPALITY, N_COLS };

static const char *const columns[] = {
  "orgnr|organisationsnummer|organisation_number|org_nr",
  "name|namn",
  "municipality|municipality_code|kommun|kommunkod",
  NULL
};

static const char *const headings[] = { "orgnr", "name", "municipality" };

typedef struct
{
  const GDate *today;
  char         registered_on[11];
  GHashTable  *lines;              /* orgnr digits → first line (GUINT_TO_POINTER) */
} ProviderImport;

static gboolean
check_header (const int  *index,
              GError    **error)
{
  for (guint i = 0; i < N_COLS; i++)
    if (index[i] < 0)
      {
        g_set_error_literal (error, ANV_CSV_ERROR, ANV_CSV_ERROR_HEADER,
                             _("The header row must name the columns orgnr, name and "
                               "municipality. Swedish headings work too: "
                               "organisationsnummer, namn, kommun."));
        return FALSE;
      }
  return TRUE;
}

static void
pass_start (AnvCsvImport *import,
            gpointer      user_data)
{
  ProviderImport *self = user_data;

  g_hash_table_remove_all (self->lines);
}

/* The organisationsnummer's digits, or FALSE with the row reported. */
static gboolean
read_orgnr (AnvCsvImport   *import,
            ProviderImport *self,
            AnvOrgnr       *orgnr)
{
  g_autoptr (GError) error = NULL;
  const char *text = anv_csv_import_field (import, COL_ORGNR);
  AnvCsvReader *reader = anv_csv_import_get_reader (import);
  gpointer earlier;

  if (anv_csv_import_field_has_nul (import, COL_ORGNR))
    {
      anv_csv_import_report (import, COL_ORGNR, _("The field contains a NUL character."));
      return FALSE;
    }
  if (!anv_csv_check_not_scientific (text, &error)
      || !anv_orgnr_parse (text, self->today, orgnr, &error))
    {
      anv_csv_import_report (import, COL_ORGNR, error->message);
      return FALSE;
    }
  earlier = g_hash_table_lookup (self->lines, orgnr->digits);
  if (earlier != NULL)
    {
      g_autofree char *formatted = anv_orgnr_format (orgnr->digits);
      g_autofree char *message = g_strdup_printf (
        /* Translators: %1$s is an organisationsnummer, %2$u a line of the file */
        _("The organisationsnummer %1$s is on line %2$u of this file too. Keep one of "
          "the rows."),
        formatted, GPOINTER_TO_UINT (earlier));

      anv_csv_import_report (import, COL_ORGNR, message);
      return FALSE;
    }
  g_hash_table_insert (self->lines, g_strdup (orgnr->digits),
                       GUINT_TO_POINTER (anv_csv_reader_line (reader)));
  return TRUE;
}

/* Reports every bad field of the row; inserts it if there is none. */
static void
import_row (AnvCsvImport *import,
            gpointer      user_data)
{
  ProviderImport *self = user_data;
  AnvDb *db = anv_csv_import_get_db (import);
  g_autoptr (GError) error = NULL;
  g_autofree char *name = NULL;
  const AnvMunicipality *municipality = NULL;
  AnvOrgnr orgnr;
  gboolean orgnr_ok;

  if (!anv_csv_reader_check_width (anv_csv_import_get_reader (import), &error))
    anv_csv_import_report (import, -1, error->message);
  g_clear_error (&error);
  orgnr_ok = read_orgnr (import, self, &orgnr);

  name = anv_provider_clean_name (anv_csv_import_field (import, COL_NAME),
                                  anv_csv_import_field_length (import, COL_NAME),
                                  ANV_NAME_OF_PROVIDER, &error);
  if (name == NULL)
    anv_csv_import_report (import, COL_NAME, error->message);
  g_clear_error (&error);

  if (anv_csv_import_field_has_nul (import, COL_MUNICIPALITY))
    anv_csv_import_report (import, COL_MUNICIPALITY, _("The field contains a NUL character."));
  else
    {
      municipality = anv_municipalities_lookup (db,
                                                anv_csv_import_field (import, COL_MUNICIPALITY),
                                                &error);
      if (municipality == NULL)
        anv_csv_import_report (import, error->domain == ANV_DB_ERROR ? -1 : COL_MUNICIPALITY,
                               error->message);
      g_clear_error (&error);
    }

  /* The first pass only checks. */
  if (!orgnr_ok || anv_csv_import_row_is_bad (import) || !anv_csv_import_is_writing (import))
    return;

  if (!anv_provider_insert (db, orgnr.digits, name, municipality->code, self->registered_on,
                            NULL, &error))
    anv_csv_import_report (import, error->domain == ANV_DB_ERROR ? -1 : COL_ORGNR,
                           error->message);
}

gboolean
anv_providers_import (AnvDb            *db,
                      const char       *path,
                      const GDate      *today,
                      AnvImportReport  *report,
                      GError          **error)
{
  static const AnvCsvImportKind kind = {
    .columns = columns,
    .headings = headings,
    .empty_message = N_("The file is empty. It needs a header row (orgnr, name, "
                        "municipality) and a row per provider."),
    .check_header = check_header,
    .row = import_row,
    .pass_start = pass_start,
    .audit_action = "provider.import",
    .audit_table = "provider",
  };
  ProviderImport self = { .today = today };
  gboolean ok;

  g_return_val_if_fail (ANV_IS_DB (db), FALSE);
  g_return_val_if_fail (path != NULL && today != NULL, FALSE);

  anv_date_format (today, self.registered_on);
  self.lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ok = anv_csv_import_run (db, path, &kind, &self, report, error);
  g_hash_table_unref (self.lines);
  return ok;
}
