/* anv-staff.c — units (kontor) and staff with their roles on a shared server
 *
 * A person on a server is a login of its own, a member of one of five
 * group roles (anvisa_handlaggare …) that the server grants what the role
 * may do (HACKING.md, "Roles on the server"); the table staff records the
 * login's role and unit. A SQLite file has one user, who holds every role,
 * so none of this applies to a file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-staff"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "anv-audit.h"
#include "anv-db-private.h"
#include "anv-municipalities.h"
#include "anv-staff.h"
#include "anv-text.h"

G_DEFINE_QUARK (anv-staff-error-quark, anv_staff_error)

#define MAX_UNIT_NAME_CHARS 100
#define MAX_LOGIN_BYTES     63   /* the server's longest name */

static const struct
{
  const char *code;
  const char *group;
  const char *spelled;   /* with å, ä, ö, as the person may type it */
} roles[ANV_N_ROLES] = {
  [ANV_ROLE_HANDLAGGARE] = { "handlaggare", "anvisa_handlaggare", "handläggare" },
  [ANV_ROLE_CHEF] = { "chef", "anvisa_chef", "chef" },
  [ANV_ROLE_ANALYTIKER] = { "analytiker", "anvisa_analytiker", "analytiker" },
  [ANV_ROLE_SKYDDADE] = { "skyddade", "anvisa_skyddade", "skyddade" },
  [ANV_ROLE_ADMINISTRATOR] = { "administrator", "anvisa_administrator", "administratör" },
};

const char *
anv_role_code (AnvRole role)
{
  g_return_val_if_fail (role < ANV_N_ROLES, "");
  return roles[role].code;
}

const char *
anv_role_group (AnvRole role)
{
  g_return_val_if_fail (role < ANV_N_ROLES, "");
  return roles[role].group;
}

const char *
anv_role_name (AnvRole role)
{
  switch (role)
    {
    case ANV_ROLE_HANDLAGGARE:
      return _("case officer (handläggare)");
    case ANV_ROLE_CHEF:
      return _("supervisor (chef)");
    case ANV_ROLE_ANALYTIKER:
      return _("analyst (analytiker)");
    case ANV_ROLE_SKYDDADE:
      return _("case officer cleared for protected identities (skyddade)");
    case ANV_ROLE_ADMINISTRATOR:
      return _("administrator (administratör)");
    }
  g_return_val_if_reached ("");
}

gboolean
anv_role_parse (const char  *text,
                AnvRole     *out_role,
                GError     **error)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  g_autofree char *key = anv_text_fold (g_strstrip (valid));
  g_autofree char *shown = NULL;

  for (guint i = 0; i < ANV_N_ROLES; i++)
    if (strcmp (key, roles[i].code) == 0 || strcmp (key, roles[i].spelled) == 0)
      {
        *out_role = (AnvRole) i;
        return TRUE;
      }
  shown = anv_text_quote (valid);
  g_set_error (error, ANV_STAFF_ERROR, ANV_STAFF_ERROR_ROLE,
               /* Translators: %s is what was given as a role. Keep the role names
                * as they are: they are the codes the command takes. */
               _("“%s” is not a role. Give one of handlaggare, chef, analytiker, skyddade "
                 "or administrator."),
               shown);
  return FALSE;
}

void
anv_unit_free (AnvUnit *unit)
{
  if (unit == NULL)
    return;
  g_free (unit->name);
  g_strfreev (unit->municipality_codes);
  g_free (unit);
}

void
anv_staff_free (AnvStaff *staff)
{
  if (staff == NULL)
    return;
  g_free (staff->login);
  g_free (staff->unit);
  g_free (staff->created_by);
  g_free (staff->created_at);
  g_free (staff->name);
  g_free (staff);
}

static gboolean
check_server (AnvDb   *db,
              GError **error)
{
  if (anv_db_is_server (db))
    return TRUE;
  g_set_error_literal (error, ANV_STAFF_ERROR, ANV_STAFF_ERROR_NOT_SERVER,
                       _("Users and units belong to a shared database on a server. This "
                         "database is a file on this computer: whoever opens it holds every "
                         "role, so there are no users or units to manage."));
  return FALSE;
}

/* A refusal by the server of the work as a whole, in the person's words. */
static void
explain_denied (GError **error)
{
  if (error == NULL || *error == NULL
      || !g_error_matches (*error, ANV_DB_ERROR, ANV_DB_ERROR_DENIED))
    return;
  g_clear_error (error);
  g_set_error_literal (error, ANV_STAFF_ERROR, ANV_STAFF_ERROR_DENIED,
                       _("Only an administrator may manage users and units, and to add or "
                         "disable a user the administrator’s login also needs the server’s "
                         "right to create roles (CREATEROLE, given by the office’s IT). "
                         "Nothing was saved."));
}

/* Units */

/* The id and the stored name of the unit named @name, exactly or else
 * regardless of case (units are few: all are read). @out_id is 0 if there
 * is none. FALSE only on a database error. */
static gboolean
lookup_unit (AnvDb       *db,
             const char  *name,
             gint64      *out_id,
             char       **out_name,
             GError     **error)
{
  AnvDbStmt *stmt = anv_db_prepare (db, "staff/unit-names", "SELECT id, name FROM unit", error);
  g_autofree char *key = anv_text_fold (name);
  AnvDbStep step;

  *out_id = 0;
  if (stmt == NULL)
    return FALSE;
  while ((step = anv_db_step (stmt, error)) == ANV_DB_ROW)
    {
      const char *stored = anv_db_column_text (stmt, 1);
      g_autofree char *stored_key = anv_text_fold (stored);
      gboolean exact = g_strcmp0 (stored, name) == 0;

      if (exact || (*out_id == 0 && strcmp (stored_key, key) == 0))
        {
          *out_id = anv_db_column_int64 (stmt, 0);
          if (out_name != NULL)
            {
              g_free (*out_name);
              *out_name = g_strdup (stored);
            }
        }
      if (exact)
        {
          anv_db_reset (stmt);
          return TRUE;
        }
    }
  return step == ANV_DB_DONE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* The unit's municipality codes, checked and without repeats, sorted. */
static GStrv
check_unit_codes (AnvDb              *db,
                  const char         *unit,
                  const char * const *codes,
                  GError            **error)
{
  g_autoptr (GPtrArray) result = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    {
      g_autofree char *code = g_strstrip (g_utf8_make_valid (codes[i], -1));
      const AnvMunicipality *municipality;

      if (*code == '\0')
        continue;
      municipality = anv_municipalities_lookup (db, code, NULL);
      if (municipality == NULL)
        {
          g_autofree char *shown_code = anv_text_quote (code);
          g_autofree char *shown_unit = anv_text_quote (unit);

          g_set_error (error, ANV_STAFF_ERROR, ANV_STAFF_ERROR_MUNICIPALITY,
                       /* Translators: %1$s is what was given as a municipality code,
                        * %2$s the name of a unit (kontor) */
                       _("“%1$s” is not a municipality code, so the unit “%2$s” was not "
                         "saved. A municipality code has four digits, for example 2480 for "
                         "Umeå."),
                       shown_code, shown_unit);
          return NULL;
        }
      if (g_hash_table_add (seen, municipality->code))
        g_ptr_array_add (result, g_strdup (municipality->code));
    }

  if (result->len == 0)
    {
      g_autofree char *shown = anv_text_quote (unit);

      g_set_error (error, ANV_STAFF_ERROR, ANV_STAFF_ERROR_UNIT,
                   /* Translators: %s is the name of a unit (kontor) */
                   _("The unit “%s” has no municipalities. Give the four-digit codes of the "
                     "municipalities it covers, separated by commas."),
                   shown);
      return NULL;
    }
  g_ptr_array_sort (result, compare_strings);
  g_ptr_array_add (result, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&result), FALSE);
}

/* Inside a transaction. */
static gboolean
insert_unit (AnvDb       *db,
             const char  *name,
             GStrv        codes,
             gint64      *out_id,
             GError     **error)
{
  AnvDbStmt *stmt = anv_db_prepare (db, "staff/insert-unit",
    "INSERT INTO unit (name, added_by) VALUES (?1, ?2) RETURNING id", error);

  if (stmt == NULL)
    return FALSE;
  anv_db_bind_text (stmt, 1, name);
  anv_db_bind_text (stmt, 2, anv_db_get_user (db));
  if (!anv_db_step_insert (stmt, out_id, error))
    return FALSE;

  for (guint i = 0; codes[i] != NULL; i++)
    {
      stmt = anv_db_prepare (db, "staff/insert-unit-municipality",
        "INSERT INTO unit_municipality (unit_id, municipality_code) VALUES (?1, ?2)", error);
      if (stmt == NULL)
        return FALSE;
      anv_db_bind_int64 (stmt, 1, *out_id);
      anv_db_bind_text (stmt, 2, codes[i]);
      if (!anv_db_step_done (stmt, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
anv_units_add (AnvDb              *db,
               const char         *name,
               const char * const *municipality_codes,
               GError            **error)
{
  g_autofree char *clean = NULL;
  g_autofree char *existing = NULL;
  g_autofree char *joined = NULL;
  g_autofree char *details = NULL;
  g_autofree char *id_text = NULL;
  g_auto (GStrv) codes = NULL;
  gint64 id = 0;

  g_return_val_if_fail (ANV_IS_DB (db), FALSE);

  if (!check_server (db, error))
    return FALSE;
  clean = anv_text_clean_line (name, name != NULL ? strlen (name) : 0, MAX_UNIT_NAME_CHARS,
                               _("The unit’s name"), ANV_STAFF_ERROR, ANV_STAFF_ERROR_UNIT,
                               _("Give the unit a name, for example “Arbetsförmedlingen "
                                 "Umeå”."),
                               error);
  if (clean == NULL)
    return FALSE;
  codes = check_unit_codes (db, clean, municipality_codes, error);
  if (codes == NULL)
    return FALSE;
  joined = g_strjoinv (",", codes);
  details = g_strdup_printf ("%s: %s", clean, joined);

  if (!anv_db_begin (db, error))
    {
      explain_denied (error);
      return FALSE;
    }
  if (!lookup_unit (db, clean, &id, &existing, error))
    goto fail;
  if (id != 0)
    {
      g_set_error (error, ANV_STAFF_ERROR, ANV_STAFF_ERROR_EXISTS,
                   /* Translators: %s is the name of a unit (kontor) */
                   _("There is a unit named “%s” already. Choose another name."), existing);
      goto fail;
    }
  if (!insert_unit (db, clean, codes, &id, error))
    goto fail;
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  if (!anv_audit_append (db, "unit.add", "unit", id_text, details, error)
      || !anv_db_commit (db, error))
    goto fail;
  return TRUE;

fail:
  anv_db_rollback (db);
  explain_denied (error);
  return FALSE;
}

typedef struct
{
  char *name;
  char *code;
} UnitRow;

static void
unit_row_free (UnitRow *row)
{
  g_free (row->name);
  g_free (row->code);
  g_free (row);
}

static gpointer
unit_row_from_row (AnvDbStmt *stmt,
                   gpointer   user_data)
{
  UnitRow *row = g_new0 (UnitRow, 1);

  row->name = anv_db_column_dup (stmt, 0);
  row->code = anv_db_column_dup (stmt, 1);
  return row;
}

GPtrArray *
anv_units_list (AnvDb   *db,
                GError **error)
{
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GPtrArray) units = g_ptr_array_new_with_free_func ((GDestroyNotify) anv_unit_free);
  g_autoptr (GStrvBuilder) codes = NULL;
  AnvUnit *unit = NULL;
  AnvDbStmt *stmt;

  g_return_val_if_fail (ANV_IS_DB (db), NULL);

  if (!check_server (db, error))
    return NULL;
  stmt = anv_db_prepare (db, "staff/list-units",
    "SELECT u.name, um.municipality_code "
    "FROM unit u JOIN unit_municipality um ON um.unit_id = u.id "
    "ORDER BY u.name COLLATE " ANV_TEXT_COLLATION ", u.id, um.municipality_code", error);
  if (stmt == NULL)
    return NULL;
  rows = anv_db_collect (stmt, unit_row_from_row, NULL, (GDestroyNotify) unit_row_free, error);
  if (rows == NULL)
    {
      explain_denied (error);
      return NULL;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      UnitRow *row = g_ptr_array_index (rows, i);

      if (unit == NULL || strcmp (unit->name, row->name) != 0)
        {
          if (unit != NULL)
            unit->municipality_codes = g_strv_builder_end (codes);
          g_clear_pointer (&codes, g_strv_builder_unref);
          unit = g_new0 (AnvUnit, 1);
          unit->name = g_strdup (row->name);
          g_ptr_array_add (units, unit);
          codes = g_strv_builder_new ();
        }
      g_strv_builder_add (codes, row->code);
    }
  if (unit != NULL)
    unit->municipality_codes = g_strv_builder_end (codes);
  return g_steal_pointer (&units);
}

/* Staff */

/* A login the server takes and psql needs no quotes for: lower-case
 * ASCII letters, digits, "_", "." and "-", from a letter, at most 63
 * bytes; not a name the server keeps for itself, nor one of our groups'. */
static gboolean
check_login (const char  *login,
             GError     **error)
{
  static const char *const reserved[] = {
    "public", "none", "current_role", "current_user", "session_user", "postgres",
  };
  gboolean ok = login != NULL && g_ascii_islower (login[0])
                && strlen (login) <= MAX_LOGIN_BYTES
                && !g_str_has_prefix (login, "pg_") && !g_str_has_prefix (login, "anvisa_");

  for (const char *p = login; ok && *p != '\0'; p++)
    ok = g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '_' || *p == '.' || *p == '-';
  for (guint i = 0; ok && i < G_N_ELEMENTS (reserved); i++)
    ok = strcmp (login, reserved[i]) != 0;
  if (!ok)
    {
      g_autofree char *shown = anv_text_quote (login);

      g_set_error (error, ANV_STAFF_ERROR, ANV_STAFF_ERROR_LOGIN,
                   /* Translators: %s is a login name as given */
                   _("“%s” cannot be a login name. Use lower-case letters a–z without å, ä "
                     "and ö, digits, “.”, “_” and “-”, beginning with a letter and at most 63 "
                     "characters, for example anna.svensson; names beginning with pg_ or "
                     "anvisa_ are the server’s and Anvisa’s own."),
                   shown);
    }
  return ok;
}

/* Whether the server has a role named @name (a login or a group). */
static gboolean
server_has_role (AnvDb       *db,
                 const char  *name,
                 gboolean    *out_has,
                 GError     **error)
{
  AnvDbStmt *stmt = anv_db_prepare (db, "staff/has-role",
    "SELECT count (*) FROM pg_catalog.pg_roles WHERE rolname = ?1", error);

  if (stmt == NULL)
    return FALSE;
  anv_db_bind_text (stmt, 1, name);
  if (!anv_db_step_row (stmt, error))
    return FALSE;
  *out_has = anv_db_column_int64 (stmt, 0) > 0;
  anv_db_reset (stmt);
  return TRUE;
}

/* The staff's row of @login: whether it is there, and disabled. */
static gboolean
find_staff (AnvDb       *db,
            const char  *login,
            gboolean    *out_found,
            gboolean    *out_disabled,
            GError     **error)
{
  AnvDbStmt *stmt = anv_db_prepare (db, "staff/find",
    "SELECT disabled FROM staff WHERE login = ?1", error);
  AnvDbStep step;

  if (stmt == NULL)
    return FALSE;
  anv_db_bind_text (stmt, 1, login);
  step = anv_db_step (stmt, error);
  if (step == ANV_DB_FAILED)
    return FALSE;
  *out_found = step == ANV_DB_ROW;
  *out_disabled = *out_found && anv_db_column_int (stmt, 0) != 0;
  if (step == ANV_DB_ROW)
    anv_db_reset (stmt);
  return TRUE;
}

gboolean
anv_staff_add (AnvDb       *db,
               const char  *login,
               AnvRole      role,
               const char  *unit,
               const char  *name,
               GError     **error)
{
  g_autofree char *unit_clean = NULL;
  g_autofree char *name_clean = NULL;
  g_autofree char *unit_name = NULL;
  g_autofree char *create_sql = NULL;
  g_autofree char *details = NULL;
  gboolean found = FALSE, disabled = FALSE, has = FALSE;
  gint64 unit_id = 0;
  AnvDbStmt *stmt;

  g_return_val_if_fail (ANV_IS_DB (db), FALSE);
  g_return_val_if_fail (role < ANV_N_ROLES, FALSE);

  if (!check_server (db, error) || !check_login (login, error))
    return FALSE;
  if (unit != NULL)
    unit_clean = g_strstrip (g_utf8_make_valid (unit, -1));
  if (name != NULL)
    {
      name_clean = anv_text_clean_line (name, strlen (name), 100, _("The person’s name"),
                                        ANV_STAFF_ERROR, ANV_STAFF_ERROR_NAME,
                                        _("The person’s name is empty. Type it, or leave "
                                          "--name out."), error);
      if (name_clean == NULL)
        return FALSE;
    }

  if (!anv_db_begin (db, error))
    {
      explain_denied (error);
      return FALSE;
    }
  if (unit_clean != NULL)
    {
      if (!lookup_unit (db, unit_clean, &unit_id, &unit_name, error))
        goto fail;
      if (unit_id == 0)
        {
          g_autofree char *shown = anv_text_quote (unit_clean);

          g_set_error (error, ANV_STAFF_ERROR, ANV_STAFF_ERROR_UNIT,
                       /* Translators: %s is the name of a unit (kontor) */
                       _("There is no unit named “%s”. Check the name with “unit list”, or "
                         "add the unit first with “unit add”."),
                       shown);
          goto fail;
        }
    }
  if (!find_staff (db, login, &found, &disabled, error)
      || (!found && !server_has_role (db, login, &has, error)))
    goto fail;
  if (found || has)
    {
      g_set_error (error, ANV_STAFF_ERROR, ANV_STAFF_ERROR_EXISTS,
                   /* Translators: %s is a login name */
                   _("There is a login named “%s” on the server already. Choose another "
                     "name; a person who had a login keeps it, disabled, in the audit "
                     "log’s history."),
                   login);
      goto fail;
    }
  if (!server_has_role (db, anv_role_group (role), &has, error))
    goto fail;
  if (!has)
    {
      g_set_error (error, ANV_STAFF_ERROR, ANV_STAFF_ERROR_NO_GROUP,
                   /* Translators: %1$s is a group role on the server (anvisa_chef), %2$s
                    * a role as a person reads it */
                   _("The server has no group role %1$s for the role %2$s, so nobody can be "
                     "given it yet. Ask the office’s IT to run “anvisa-cli server init” with "
                     "a login that may create roles (CREATEROLE)."),
                   anv_role_group (role), anv_role_name (role));
      goto fail;
    }

  /* The login checked above needs no quotes; no password: the person
   * sets their own (README.md, "Roles on a server"). */
  create_sql = g_strdup_printf ("CREATE ROLE \"%s\" LOGIN IN ROLE %s", login,
                                anv_role_group (role));
  if (!anv_db_exec (db, create_sql, error))
    goto fail;
  stmt = anv_db_prepare (db, "staff/insert",
    "INSERT INTO staff (login, role, unit_id, created_by, name) VALUES (?1, ?2, ?3, ?4, ?5)",
    error);
  if (stmt == NULL)
    goto fail;
  anv_db_bind_text (stmt, 1, login);
  anv_db_bind_text (stmt, 2, anv_role_code (role));
  if (unit_id != 0)
    anv_db_bind_int64 (stmt, 3, unit_id);
  else
    anv_db_bind_null (stmt, 3);
  anv_db_bind_text (stmt, 4, anv_db_get_user (db));
  if (name_clean != NULL)
    anv_db_bind_text (stmt, 5, name_clean);
  else
    anv_db_bind_null (stmt, 5);
  if (!anv_db_step_done (stmt, error))
    goto fail;
  details = g_strdup_printf ("%s %s", anv_role_code (role),
                             unit_name != NULL ? unit_name : "(country)");
  if (!anv_audit_append (db, "user.add", "staff", login, details, error)
      || !anv_db_commit (db, error))
    goto fail;
  return TRUE;

fail:
  anv_db_rollback (db);
  explain_denied (error);
  return FALSE;
}

static gpointer
staff_from_row (AnvDbStmt *stmt,
                gpointer   user_data)
{
  AnvStaff *staff = g_new0 (AnvStaff, 1);
  const char *role = anv_db_column_text (stmt, 1);

  staff->login = anv_db_column_dup (stmt, 0);
  staff->role = ANV_ROLE_HANDLAGGARE;
  for (guint i = 0; i < ANV_N_ROLES; i++)
    if (g_strcmp0 (role, roles[i].code) == 0)
      staff->role = (AnvRole) i;
  staff->unit = anv_db_column_is_null (stmt, 2) ? NULL : anv_db_column_dup (stmt, 2);
  staff->disabled = anv_db_column_int (stmt, 3) != 0;
  staff->created_by = anv_db_column_dup (stmt, 4);
  staff->created_at = anv_db_column_dup (stmt, 5);
  staff->name = anv_db_column_is_null (stmt, 6) ? NULL : anv_db_column_dup (stmt, 6);
  return staff;
}

GPtrArray *
anv_staff_list (AnvDb   *db,
                GError **error)
{
  AnvDbStmt *stmt;
  GPtrArray *staff;

  g_return_val_if_fail (ANV_IS_DB (db), NULL);

  if (!check_server (db, error))
    return NULL;
  stmt = anv_db_prepare (db, "staff/list",
    "SELECT s.login, s.role, u.name, s.disabled, s.created_by, s.created_at, s.name "
    "FROM staff s LEFT JOIN unit u ON u.id = s.unit_id ORDER BY s.login", error);
  if (stmt == NULL)
    return NULL;
  staff = anv_db_collect (stmt, staff_from_row, NULL, (GDestroyNotify) anv_staff_free, error);
  if (staff == NULL)
    explain_denied (error);
  return staff;
}

gboolean
anv_staff_disable (AnvDb       *db,
                   const char  *login,
                   GError     **error)
{
  g_autofree char *valid = NULL;
  g_autofree char *alter_sql = NULL;
  gboolean found = FALSE, disabled = FALSE;
  AnvDbStmt *stmt;

  g_return_val_if_fail (ANV_IS_DB (db), FALSE);

  if (!check_server (db, error))
    return FALSE;
  valid = g_strstrip (g_utf8_make_valid (login != NULL ? login : "", -1));
  /* No name Anvisa could not have given is ever put into the statement. */
  if (!check_login (valid, error))
    return FALSE;

  if (!anv_db_begin (db, error))
    {
      explain_denied (error);
      return FALSE;
    }
  if (!find_staff (db, valid, &found, &disabled, error))
    goto fail;
  if (!found)
    {
      g_autofree char *shown = anv_text_quote (valid);

      g_set_error (error, ANV_STAFF_ERROR, ANV_STAFF_ERROR_UNKNOWN_LOGIN,
                   /* Translators: %s is a login name */
                   _("There is no user with the login “%s”. Check the name with “user list”."),
                   shown);
      goto fail;
    }
  if (disabled)
    return anv_db_commit (db, error);

  alter_sql = g_strdup_printf ("ALTER ROLE \"%s\" NOLOGIN", valid);
  if (!anv_db_exec (db, alter_sql, error))
    goto fail;
  stmt = anv_db_prepare (db, "staff/disable",
                         "UPDATE staff SET disabled = 1 WHERE login = ?1", error);
  if (stmt == NULL)
    goto fail;
  anv_db_bind_text (stmt, 1, valid);
  if (!anv_db_step_done (stmt, error)
      || !anv_audit_append (db, "user.disable", "staff", valid, NULL, error)
      || !anv_db_commit (db, error))
    goto fail;
  return TRUE;

fail:
  anv_db_rollback (db);
  explain_denied (error);
  return FALSE;
}

gboolean
anv_staff_grant_roles (AnvDb   *db,
                       guint   *out_created,
                       guint   *out_missing,
                       GError **error)
{
  AnvDbStmt *stmt;
  gint64 created = 0;
  gint64 present = 0;

  g_return_val_if_fail (ANV_IS_DB (db), FALSE);

  if (!check_server (db, error))
    return FALSE;
  if (!anv_db_begin (db, error))
    return FALSE;
  stmt = anv_db_prepare (db, "staff/grant-roles", "SELECT anvisa_grant_roles ()", error);
  if (stmt == NULL || !anv_db_step_row (stmt, error))
    goto fail;
  created = anv_db_column_int64 (stmt, 0);
  anv_db_reset (stmt);
  stmt = anv_db_prepare (db, "staff/count-groups",
    "SELECT count (*) FROM pg_catalog.pg_roles WHERE rolname IN ("
    "  'anvisa_handlaggare', 'anvisa_chef', 'anvisa_analytiker', 'anvisa_skyddade',"
    "  'anvisa_administrator')", error);
  if (stmt == NULL || !anv_db_step_row (stmt, error))
    goto fail;
  present = anv_db_column_int64 (stmt, 0);
  anv_db_reset (stmt);
  if (!anv_db_commit (db, error))
    goto fail;
  *out_created = (guint) created;
  if (out_missing != NULL)
    *out_missing = (guint) (ANV_N_ROLES - present);
  return TRUE;

fail:
  anv_db_rollback (db);
  return FALSE;
}

void
anv_login_free (AnvLogin *login)
{
  if (login == NULL)
    return;
  g_free (login->login);
  g_free (login->unit);
  g_free (login->name);
  g_free (login);
}

/* The groups whose rights the server gives the current login: membership
 * with inheritance, as the server checks a GRANT, however it was given. */
static gboolean
current_roles (AnvDb   *db,
               guint   *out_roles,
               char   **out_login,
               GError **error)
{
  AnvDbStmt *stmt = anv_db_prepare (db, "staff/current-roles",
    "SELECT session_user, r.rolname FROM (SELECT 1) AS one "
    "LEFT JOIN pg_catalog.pg_roles r ON r.rolname IN ('anvisa_handlaggare', 'anvisa_chef', "
    "'anvisa_analytiker', 'anvisa_skyddade', 'anvisa_administrator') "
    "AND pg_catalog.pg_has_role (session_user, r.oid, 'USAGE')", error);
  AnvDbStep step;

  if (stmt == NULL)
    return FALSE;
  *out_roles = 0;
  while ((step = anv_db_step (stmt, error)) == ANV_DB_ROW)
    {
      const char *group = anv_db_column_text (stmt, 1);

      if (*out_login == NULL)
        *out_login = anv_db_column_dup (stmt, 0);
      for (guint i = 0; group != NULL && i < ANV_N_ROLES; i++)
        if (strcmp (group, roles[i].group) == 0)
          *out_roles |= 1u << i;
    }
  return step == ANV_DB_DONE;
}

/* The staff's row of the current login (anvisa_whoami (), which tells a
 * login about itself only, whatever it may read): its role (or -1), its
 * unit and its name. No row, or a disabled one: the unit is not known. */
static gboolean
current_staff_row (AnvDb     *db,
                   AnvLogin  *login,
                   int       *out_role,
                   GError   **error)
{
  AnvDbStmt *stmt = anv_db_prepare (db, "staff/whoami",
    "SELECT role, unit, name, disabled FROM anvisa_whoami ()", error);
  AnvDbStep step;

  if (stmt == NULL)
    return FALSE;
  *out_role = -1;
  step = anv_db_step (stmt, error);
  if (step == ANV_DB_FAILED)
    return FALSE;
  if (step == ANV_DB_ROW)
    {
      const char *role = anv_db_column_text (stmt, 0);

      for (guint i = 0; i < ANV_N_ROLES; i++)
        if (g_strcmp0 (role, roles[i].code) == 0)
          *out_role = (int) i;
      login->unit_known = anv_db_column_int (stmt, 3) == 0;
      if (login->unit_known && !anv_db_column_is_null (stmt, 1))
        login->unit = anv_db_column_dup (stmt, 1);
      if (!anv_db_column_is_null (stmt, 2))
        login->name = anv_db_column_dup (stmt, 2);
      anv_db_reset (stmt);
    }
  return TRUE;
}

AnvLogin *
anv_staff_current (AnvDb   *db,
                   GError **error)
{
  g_autoptr (AnvLogin) login = g_new0 (AnvLogin, 1);
  int staff_role = -1;

  g_return_val_if_fail (ANV_IS_DB (db), NULL);

  if (!anv_db_is_server (db))
    {
      login->kind = ANV_LOGIN_FILE;
      login->login = g_strdup (anv_db_get_user (db));
      login->roles = (1u << ANV_N_ROLES) - 1;
      login->role = ANV_ROLE_HANDLAGGARE;
      login->unit_known = TRUE;
      return g_steal_pointer (&login);
    }

  if (!current_roles (db, &login->roles, &login->login, error))
    return NULL;
  if (login->roles == 0)
    {
      login->kind = ANV_LOGIN_BEFORE_ROLES;
      login->unit_known = TRUE;
      return g_steal_pointer (&login);
    }
  login->kind = ANV_LOGIN_ROLES;
  if (!current_staff_row (db, login, &staff_role, error))
    return NULL;

  if (staff_role >= 0 && (login->roles & (1u << staff_role)) != 0)
    login->role = (AnvRole) staff_role;
  else
    for (guint i = 0; i < ANV_N_ROLES; i++)
      if ((login->roles & (1u << i)) != 0)
        {
          login->role = (AnvRole) i;
          break;
        }
  return g_steal_pointer (&login);
}

gboolean
anv_login_may (const AnvLogin *login,
               AnvWork         work)
{
  guint allowed = 0;

  g_return_val_if_fail (login != NULL, FALSE);

  if (login->kind != ANV_LOGIN_ROLES)
    return TRUE;
  /* As the server grants them (HACKING.md, "What each group is granted") */
  switch (work)
    {
    case ANV_WORK_PERSONAL_DATA:
      allowed = 1u << ANV_ROLE_HANDLAGGARE | 1u << ANV_ROLE_CHEF | 1u << ANV_ROLE_SKYDDADE;
      break;
    case ANV_WORK_SUMMARY:
      allowed = 1u << ANV_ROLE_HANDLAGGARE | 1u << ANV_ROLE_CHEF | 1u << ANV_ROLE_SKYDDADE
        | 1u << ANV_ROLE_ANALYTIKER;
      break;
    case ANV_WORK_CLOSE_MONTHS:
      allowed = 1u << ANV_ROLE_CHEF;
      break;
    case ANV_WORK_REFERENCE_DATA:
      allowed = 1u << ANV_ROLE_ADMINISTRATOR;
      break;
    case ANV_WORK_AUDIT_LOG:
      allowed = 1u << ANV_ROLE_CHEF | 1u << ANV_ROLE_ADMINISTRATOR;
      break;
    default:
      g_return_val_if_reached (FALSE);
    }
  return (login->roles & allowed) != 0;
}
