/* anv-providers.c — providers (leverantörer): registering, finding, listing
 *
 * A provider is a company or agency, named by its organisationsnummer,
 * that may be approved for delivery areas (anv-approvals.c). What is shared
 * with the areas, the approvals and the import is in
 * anv-providers-private.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-providers"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "anv-audit.h"
#include "anv-date.h"
#include "anv-municipalities.h"
#include "anv-orgnr.h"
#include "anv-providers-private.h"
#include "anv-text.h"

#define MAX_PROVIDER_NAME_CHARS 200
#define MAX_AREA_NAME_CHARS     100

#define SELECT_PROVIDER \
  "SELECT " ANV_PROVIDER_COLUMNS " FROM provider p " \
  "JOIN municipality m ON m.code = p.municipality_code "

G_DEFINE_QUARK (anv-provider-error-quark, anv_provider_error)

void
anv_provider_free (AnvProvider *provider)
{
  if (provider == NULL)
    return;
  g_free (provider->orgnr);
  g_free (provider->name);
  g_free (provider->municipality_code);
  g_free (provider->municipality_name);
  g_free (provider);
}

/* Shared with the areas, the approvals and the import */

gpointer
anv_provider_from_row (AnvDbStmt *stmt,
                       gpointer   user_data)
{
  AnvProvider *provider = g_new0 (AnvProvider, 1);

  provider->id = anv_db_column_int64 (stmt, 0);
  provider->orgnr = anv_db_column_dup (stmt, 1);
  provider->name = anv_db_column_dup (stmt, 2);
  provider->municipality_code = anv_db_column_dup (stmt, 3);
  provider->municipality_name = anv_db_column_dup (stmt, 4);
  provider->active = anv_db_column_int (stmt, 5) != 0;
  return provider;
}

AnvService
anv_provider_service_from_column (AnvDbStmt *stmt,
                                  int        column)
{
  AnvService service = ANV_SERVICE_NONE;

  /* The schema allows KROM and STOM only: nothing to report. */
  anv_service_parse (anv_db_column_text (stmt, column), &service, NULL);
  return service;
}

static void
set_empty_name_error (AnvNameKind   kind,
                      GError      **error)
{
  if (kind == ANV_NAME_OF_PROVIDER)
    g_set_error_literal (error, ANV_PROVIDER_ERROR, ANV_PROVIDER_ERROR_NAME,
                         _("The provider’s name is empty. Type the name the provider is "
                           "registered under."));
  else
    g_set_error_literal (error, ANV_PROVIDER_ERROR, ANV_PROVIDER_ERROR_NAME,
                         _("The delivery area’s name is empty. Type a name for the area, "
                           "for example “Västerbotten”."));
}

char *
anv_provider_clean_name (const char   *text,
                         gsize         length,
                         AnvNameKind   kind,
                         GError      **error)
{
  g_autoptr (GError) empty = NULL;

  set_empty_name_error (kind, &empty);
  return anv_text_clean_line (text, length,
                              kind == ANV_NAME_OF_PROVIDER ? MAX_PROVIDER_NAME_CHARS
                                                           : MAX_AREA_NAME_CHARS,
                              kind == ANV_NAME_OF_PROVIDER ? _("The provider’s name")
                                                           : _("The delivery area’s name"),
                              ANV_PROVIDER_ERROR, ANV_PROVIDER_ERROR_NAME, empty->message,
                              error);
}

/* The provider that has the organisationsnummer, for a message; NULL if
 * it cannot be read. */
static char *
describe_existing_provider (AnvDb      *db,
                            const char *digits)
{
  g_autoptr (GError) error = NULL;
  AnvDbStmt *stmt = anv_db_prepare (db, "providers/describe",
    "SELECT p.name, m.short_name, p.registered_on, p.registered_by "
    "FROM provider p JOIN municipality m ON m.code = p.municipality_code "
    "WHERE p.orgnr = ?1", &error);
  char *text = NULL;

  /* Only a detail of a message about something else: the message is
   * given without it ("?") rather than lost. */
  if (stmt == NULL)
    return NULL;
  anv_db_bind_text (stmt, 1, digits);
  if (anv_db_step (stmt, &error) == ANV_DB_ROW)
    {
      text = g_strdup_printf (
        /* Translators: %1$s a provider's name, %2$s a municipality, %3$s a date, %4$s a user */
        _("%1$s in %2$s, registered on %3$s by %4$s"),
        anv_db_column_text (stmt, 0), anv_db_column_text (stmt, 1),
        anv_db_column_text (stmt, 2), anv_db_column_text (stmt, 3));
      anv_db_reset (stmt);
    }
  return text;
}

static void
set_duplicate_error (AnvDb       *db,
                     const char  *digits,
                     GError     **error)
{
  g_autofree char *existing = describe_existing_provider (db, digits);
  g_autofree char *formatted = anv_orgnr_format (digits);

  g_set_error (error, ANV_PROVIDER_ERROR, ANV_PROVIDER_ERROR_DUPLICATE,
               /* Translators: %1$s is an organisationsnummer, %2$s describes the provider */
               _("The organisationsnummer %1$s is registered already: %2$s. Use that "
                 "provider instead of adding it again."),
               formatted, existing ? existing : "?");
}

gboolean
anv_provider_insert (AnvDb       *db,
                     const char  *digits,
                     const char  *name,
                     const char  *municipality_code,
                     const char  *registered_on,
                     gint64      *out_id,
                     GError     **error)
{
  g_autoptr (GError) local_error = NULL;
  AnvDbStmt *stmt = anv_db_prepare (db, "providers/insert",
    "INSERT INTO provider (orgnr, name, municipality_code, registered_on, registered_by) "
    "VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id", error);

  if (stmt == NULL)
    return FALSE;
  anv_db_bind_text (stmt, 1, digits);
  anv_db_bind_text (stmt, 2, name);
  anv_db_bind_text (stmt, 3, municipality_code);
  anv_db_bind_text (stmt, 4, registered_on);
  anv_db_bind_text (stmt, 5, anv_db_get_user (db));

  if (anv_db_step_insert (stmt, out_id, &local_error))
    return TRUE;
  if (g_error_matches (local_error, ANV_DB_ERROR, ANV_DB_ERROR_DUPLICATE))
    set_duplicate_error (db, digits, error);
  else
    g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

static AnvProvider *
get_by_digits (AnvDb       *db,
               const char  *digits,
               GError     **error)
{
  AnvDbStmt *stmt = anv_db_prepare (db, "providers/get-by-orgnr",
                                    SELECT_PROVIDER "WHERE p.orgnr = ?1", error);
  AnvProvider *provider = NULL;
  AnvDbStep step;

  if (stmt == NULL)
    return NULL;
  anv_db_bind_text (stmt, 1, digits);
  step = anv_db_step (stmt, error);
  if (step == ANV_DB_ROW)
    {
      provider = anv_provider_from_row (stmt, NULL);
      anv_db_reset (stmt);
    }
  else if (step == ANV_DB_DONE)
    {
      g_autofree char *formatted = anv_orgnr_format (digits);

      g_set_error (error, ANV_PROVIDER_ERROR, ANV_PROVIDER_ERROR_NOT_FOUND,
                   /* Translators: %s is an organisationsnummer */
                   _("No provider with the organisationsnummer %s is registered. Add the "
                     "provider first, or check the number."),
                   formatted);
    }
  return provider;
}

/* Public API */

AnvProvider *
anv_providers_add (AnvDb        *db,
                   const char   *orgnr,
                   const char   *name,
                   const char   *municipality_code,
                   const GDate  *today,
                   GError      **error)
{
  g_autofree char *clean = NULL;
  g_autofree char *id = NULL;
  const AnvMunicipality *municipality;
  AnvOrgnr parsed;
  char registered_on[11];
  gint64 provider_id = 0;

  g_return_val_if_fail (ANV_IS_DB (db), NULL);
  g_return_val_if_fail (today != NULL, NULL);

  if (!anv_orgnr_parse (orgnr ? orgnr : "", today, &parsed, error))
    return NULL;
  clean = anv_provider_clean_name (name, name ? strlen (name) : 0, ANV_NAME_OF_PROVIDER,
                                   error);
  if (clean == NULL)
    return NULL;
  municipality = anv_municipalities_lookup (db, municipality_code, error);
  if (municipality == NULL)
    return NULL;

  anv_date_format (today, registered_on);
  if (!anv_db_begin (db, error))
    return NULL;
  if (!anv_provider_insert (db, parsed.digits, clean, municipality->code, registered_on,
                            &provider_id, error))
    {
      anv_db_rollback (db);
      return NULL;
    }
  id = g_strdup_printf ("%" G_GINT64_FORMAT, provider_id);
  if (!anv_audit_append (db, "provider.add", "provider", id, parsed.digits, error)
      || !anv_db_commit (db, error))
    {
      anv_db_rollback (db);
      return NULL;
    }
  return anv_providers_get_by_id (db, provider_id, error);
}

AnvProvider *
anv_providers_get (AnvDb        *db,
                   const char   *orgnr,
                   const GDate  *today,
                   GError      **error)
{
  AnvOrgnr parsed;

  g_return_val_if_fail (ANV_IS_DB (db), NULL);
  g_return_val_if_fail (today != NULL, NULL);

  if (!anv_orgnr_parse (orgnr ? orgnr : "", today, &parsed, error))
    return NULL;
  return get_by_digits (db, parsed.digits, error);
}

AnvProvider *
anv_providers_get_by_id (AnvDb   *db,
                         gint64   id,
                         GError **error)
{
  AnvDbStmt *stmt;
  AnvProvider *provider = NULL;
  AnvDbStep step;

  g_return_val_if_fail (ANV_IS_DB (db), NULL);

  stmt = anv_db_prepare (db, "providers/get-by-id", SELECT_PROVIDER "WHERE p.id = ?1", error);
  if (stmt == NULL)
    return NULL;
  anv_db_bind_int64 (stmt, 1, id);
  step = anv_db_step (stmt, error);
  if (step == ANV_DB_ROW)
    {
      provider = anv_provider_from_row (stmt, NULL);
      anv_db_reset (stmt);
    }
  else if (step == ANV_DB_DONE)
    g_set_error (error, ANV_PROVIDER_ERROR, ANV_PROVIDER_ERROR_NOT_FOUND,
                 _("The provider was not found. Choose it again from the list of "
                   "providers."));
  return provider;
}

GPtrArray *
anv_providers_list (AnvDb   *db,
                    GError **error)
{
  AnvDbStmt *stmt;

  g_return_val_if_fail (ANV_IS_DB (db), NULL);

  stmt = anv_db_prepare (db, "providers/list",
                         SELECT_PROVIDER "ORDER BY p.name COLLATE " ANV_TEXT_COLLATION
                         ", p.orgnr", error);
  if (stmt == NULL)
    return NULL;
  return anv_db_collect (stmt, anv_provider_from_row, NULL,
                         (GDestroyNotify) anv_provider_free, error);
}
