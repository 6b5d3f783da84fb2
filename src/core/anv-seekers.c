/* anv-seekers.c — job seekers (arbetssökande)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-seekers"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "anv-audit.h"
#include "anv-date.h"
#include "anv-db-private.h"
#include "anv-municipalities.h"
#include "anv-seekers-private.h"
#include "anv-text.h"

#define MAX_NAME_CHARS 200

G_DEFINE_QUARK (anv-seeker-error-quark, anv_seeker_error)

void
anv_seeker_free (AnvSeeker *seeker)
{
  if (seeker == NULL)
    return;
  g_free (seeker->personnummer);
  g_free (seeker->name);
  g_free (seeker->municipality_code);
  g_free (seeker->municipality_name);
  g_free (seeker->postal_code);
  g_free (seeker->registered_on);
  g_free (seeker->registered_by);
  g_free (seeker);
}

#define SELECT_SEEKER \
  "SELECT s.id, s.personnummer, s.name, s.municipality_code, m.short_name, " \
  "       s.postal_code, s.protected_identity, s.registered_on, s.registered_by " \
  "FROM seeker s JOIN municipality m ON m.code = s.municipality_code "

static AnvSeeker *
seeker_from_row (AnvDbStmt *stmt)
{
  AnvSeeker *seeker = g_new0 (AnvSeeker, 1);

  seeker->id = anv_db_column_int64 (stmt, 0);
  seeker->personnummer = anv_db_column_dup (stmt, 1);
  seeker->name = anv_db_column_dup (stmt, 2);
  seeker->municipality_code = anv_db_column_dup (stmt, 3);
  seeker->municipality_name = anv_db_column_dup (stmt, 4);
  seeker->postal_code = anv_db_column_dup (stmt, 5);
  seeker->protected_identity = anv_db_column_int (stmt, 6) != 0;
  seeker->registered_on = anv_db_column_dup (stmt, 7);
  seeker->registered_by = anv_db_column_dup (stmt, 8);
  return seeker;
}

/* The job seeker with the personnummer ?1 (12 digits). */
static AnvDbStmt *
prepare_get (AnvDb   *db,
             GError **error)
{
  return anv_db_prepare (db, "seekers/get", SELECT_SEEKER "WHERE s.personnummer = ?1", error);
}

/* Validation, shared with the import */

char *
anv_seeker_clean_name (const char  *text,
                       gsize        length,
                       GError     **error)
{
  return anv_text_clean_line (text, length, MAX_NAME_CHARS, _("The name"), ANV_SEEKER_ERROR,
                              ANV_SEEKER_ERROR_NAME,
                              _("The name is empty. Type the job seeker’s name."), error);
}

gboolean
anv_seekers_check_name (const char  *name,
                        GError     **error)
{
  g_autofree char *clean = anv_seeker_clean_name (name, name ? strlen (name) : 0, error);

  return clean != NULL;
}

/* Decides the municipality from the code and/or the postal code. Called
 * for every row of an import: it allocates only what it returns. */
char *
anv_seeker_resolve_municipality (AnvDb       *db,
                                 const char  *municipality_code,
                                 const char  *postal_code,
                                 char       **out_postal_code,
                                 GError     **error)
{
  g_autofree char *normalized_postal = NULL;
  const char *from_postal = NULL;
  const AnvMunicipality *municipality = NULL;
  gboolean has_code = municipality_code != NULL && *municipality_code != '\0';
  gboolean has_postal = postal_code != NULL && *postal_code != '\0';
  g_autoptr (GError) local_error = NULL;

  if (!has_code && !has_postal)
    {
      g_set_error_literal (error, ANV_SEEKER_ERROR, ANV_SEEKER_ERROR_MISSING,
                           _("Give the municipality code or the postal code of the job "
                             "seeker’s home address."));
      return NULL;
    }

  if (has_postal)
    {
      normalized_postal = anv_postal_code_normalize (postal_code);
      if (normalized_postal == NULL)
        {
          g_autofree char *shown = anv_text_quote (postal_code);

          g_set_error (error, ANV_SEEKER_ERROR, ANV_SEEKER_ERROR_POSTAL_CODE,
                       /* Translators: %s is what was typed as a postal code */
                       _("“%s” is not a postal code: a postal code has five digits, for "
                         "example 903 25."),
                       shown);
          return NULL;
        }
      from_postal = anv_municipalities_lookup_postal (db, normalized_postal, &local_error);
      if (from_postal == NULL)
        {
          g_set_error_literal (error, ANV_SEEKER_ERROR, ANV_SEEKER_ERROR_POSTAL_CODE,
                               local_error->message);
          return NULL;
        }
    }

  if (has_code)
    {
      municipality = anv_municipalities_lookup (db, municipality_code, &local_error);
      if (municipality == NULL)
        {
          g_set_error_literal (error, ANV_SEEKER_ERROR, ANV_SEEKER_ERROR_MUNICIPALITY,
                               local_error->message);
          return NULL;
        }
      if (from_postal != NULL && strcmp (from_postal, municipality->code) != 0)
        {
          const AnvMunicipality *other = anv_municipalities_lookup (db, from_postal, NULL);

          g_set_error (error, ANV_SEEKER_ERROR, ANV_SEEKER_ERROR_MISMATCH,
                       /* Translators: %1$s is a postal code, %2$s and %3$s municipalities */
                       _("The postal code %1$s lies in %2$s, not in %3$s. Correct one of "
                         "them, or leave the municipality empty to take it from the "
                         "postal code."),
                       normalized_postal, other ? other->short_name : from_postal,
                       municipality->short_name);
          return NULL;
        }
    }

  if (out_postal_code != NULL)
    *out_postal_code = g_steal_pointer (&normalized_postal);
  return g_strdup (has_code ? municipality->code : from_postal);
}

/* Describes the job seeker with @digits for a message about a failure
 * already: without the record, the message says "?" for it rather than
 * failing anew. Sets @out_hidden when the statement ran and found no row:
 * the number is registered (the insert said so) to a person the login may
 * not see (on a server: protected, or another unit's). */
static char *
describe_existing (AnvDb      *db,
                   const char *digits,
                   gboolean   *out_hidden)
{
  AnvDbStmt *stmt = prepare_get (db, NULL);
  g_autoptr (AnvSeeker) seeker = NULL;
  AnvDbStep step;

  *out_hidden = FALSE;
  if (stmt == NULL)
    return NULL;
  anv_db_bind_text (stmt, 1, digits);
  step = anv_db_step (stmt, NULL);
  if (step == ANV_DB_ROW)
    {
      seeker = seeker_from_row (stmt);
      anv_db_reset (stmt);
    }
  else if (step == ANV_DB_DONE)
    *out_hidden = TRUE;

  if (seeker == NULL)
    return NULL;
  return g_strdup_printf (
    /* Translators: %1$s name, %2$s municipality, %3$s date, %4$s user */
    _("%1$s in %2$s, registered on %3$s by %4$s"),
    seeker->protected_identity ? _("a person with protected identity") : seeker->name,
    seeker->municipality_name, seeker->registered_on, seeker->registered_by);
}

void
anv_seeker_set_duplicate_error (AnvDb       *db,
                                const char  *digits,
                                GError     **error)
{
  gboolean hidden = FALSE;
  g_autofree char *existing = describe_existing (db, digits, &hidden);
  g_autofree char *masked = anv_personnummer_format_masked (digits);

  /* Neutral: says neither why nor where, so that it tells no more than
   * that the number cannot be used (HACKING.md, "Roles on the server"). */
  if (hidden)
    g_set_error (error, ANV_SEEKER_ERROR, ANV_SEEKER_ERROR_DUPLICATE,
                 /* Translators: %s is a masked personnummer */
                 _("%s cannot be registered here. Ask a colleague who has access to this "
                   "person’s case, or your office, to take it over."),
                 masked);
  else
    g_set_error (error, ANV_SEEKER_ERROR, ANV_SEEKER_ERROR_DUPLICATE,
                 /* Translators: %1$s is a masked personnummer, %2$s describes the record */
                 _("%1$s is registered already: %2$s. Open that record instead of adding "
                   "the person again."),
                 masked, existing ? existing : "?");
}

/* The insert of @n_rows rows: ?1 the registration date and ?2 the user,
 * shared; then five parameters per row from ?3 (see bind_row()). One row
 * gives its new id. */
static char *
build_insert_sql (guint n_rows)
{
  GString *sql = g_string_new ("INSERT INTO seeker (personnummer, name, municipality_code, "
                               "postal_code, protected_identity, registered_on, "
                               "registered_by) VALUES ");

  for (guint i = 0; i < n_rows; i++)
    {
      guint base = 3 + i * 5;

      g_string_append_printf (sql, "%s(?%u, ?%u, ?%u, ?%u, ?%u, ?1, ?2)", i > 0 ? ", " : "",
                              base, base + 1, base + 2, base + 3, base + 4);
    }
  if (n_rows == 1)
    g_string_append (sql, " RETURNING id");
  return g_string_free (sql, FALSE);
}

static void
bind_row (AnvDbStmt  *stmt,
          guint       row,
          const char *digits,
          const char *name,
          const char *municipality_code,
          const char *postal_code,
          gboolean    protected_identity)
{
  int base = 3 + (int) row * 5;

  anv_db_bind_text (stmt, base, digits);
  anv_db_bind_text (stmt, base + 1, name);
  anv_db_bind_text (stmt, base + 2, municipality_code);
  anv_db_bind_text (stmt, base + 3, protected_identity ? NULL : postal_code);
  anv_db_bind_int64 (stmt, base + 4, protected_identity ? 1 : 0);
}

/* Each text is built once, for the life of the program. */
static const char *
insert_sql (guint n_rows)
{
  static const char *one, *group;
  const char **slot = n_rows == 1 ? &one : &group;

  g_return_val_if_fail (n_rows == 1 || n_rows == ANV_SEEKER_INSERT_GROUP, NULL);
  if (g_once_init_enter (slot))
    g_once_init_leave (slot, build_insert_sql (n_rows));
  return *slot;
}

AnvDbStmt *
anv_seeker_insert_statement (AnvDb       *db,
                             guint        n_rows,
                             const char  *registered_on,
                             GError     **error)
{
  AnvDbStmt *stmt = anv_db_prepare (db, n_rows == 1 ? "seekers/insert/one"
                                                    : "seekers/insert/group",
                                    insert_sql (n_rows), error);

  if (stmt == NULL)
    return NULL;
  /* The same for every row: bound once, kept while the statement is
   * stepped and reset (the caller keeps @registered_on until then). */
  anv_db_bind_text (stmt, 1, registered_on);
  anv_db_bind_text (stmt, 2, anv_db_get_user (db));
  return stmt;
}

gboolean
anv_seeker_insert_with (AnvDb       *db,
                        AnvDbStmt   *stmt,
                        const char  *digits,
                        const char  *name,
                        const char  *municipality_code,
                        const char  *postal_code,
                        gboolean     protected_identity,
                        gint64      *out_id,
                        GError     **error)
{
  g_autoptr (GError) local_error = NULL;

  bind_row (stmt, 0, digits, name, municipality_code, postal_code, protected_identity);
  if (anv_db_step_insert (stmt, out_id, &local_error))
    return TRUE;
  if (g_error_matches (local_error, ANV_DB_ERROR, ANV_DB_ERROR_DUPLICATE))
    anv_seeker_set_duplicate_error (db, digits, error);
  else
    g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

gboolean
anv_seeker_insert_rows (AnvDbStmt        *stmt,
                        const AnvNewRow  *rows,
                        guint             n_rows)
{
  for (guint i = 0; i < n_rows; i++)
    bind_row (stmt, i, rows[i].digits, rows[i].name, rows[i].municipality_code,
              rows[i].postal_code, rows[i].protected_identity);
  /* Only whether it worked: the caller then inserts the rows one by one,
   * and those say which failed and why. */
  return anv_db_step_done (stmt, NULL);
}

gboolean
anv_seeker_insert (AnvDb       *db,
                   const char  *digits,
                   const char  *name,
                   const char  *municipality_code,
                   const char  *postal_code,
                   gboolean     protected_identity,
                   const char  *registered_on,
                   gint64      *out_id,
                   GError     **error)
{
  AnvDbStmt *stmt = anv_seeker_insert_statement (db, 1, registered_on, error);

  return stmt != NULL
         && anv_seeker_insert_with (db, stmt, digits, name, municipality_code, postal_code,
                                    protected_identity, out_id, error);
}

gboolean
anv_seeker_index_names (AnvDb   *db,
                        gint64   after_id,
                        GError **error)
{
  AnvDbStmt *stmt = anv_db_prepare (db, "seekers/index-names",
    "INSERT INTO seeker_name (rowid, name) SELECT id, name FROM seeker WHERE id > ?1", error);

  if (stmt == NULL)
    return FALSE;
  anv_db_bind_int64 (stmt, 1, after_id);
  return anv_db_step_done (stmt, error);
}

/* Public API */

AnvSeeker *
anv_seekers_add (AnvDb                *db,
                 const AnvSeekerInput *input,
                 const GDate          *today,
                 GError              **error)
{
  AnvPersonnummer pnr;
  g_autofree char *name = NULL;
  g_autofree char *municipality = NULL;
  g_autofree char *postal = NULL;
  g_autofree char *id_text = NULL;
  char registered_on[11];
  gint64 id = 0;

  /* Today is the registration date: a clock past 2199 is refused here,
   * saying so, rather than by the database's rule for the column. */
  if (!anv_date_check_today (today, error))
    return NULL;
  if (!anv_personnummer_parse (input->personnummer, today, &pnr, error))
    return NULL;
  name = anv_seeker_clean_name (input->name, input->name ? strlen (input->name) : 0, error);
  if (name == NULL)
    return NULL;
  municipality = anv_seeker_resolve_municipality (db, input->municipality_code,
                                                  input->postal_code, &postal, error);
  if (municipality == NULL)
    return NULL;

  anv_date_format (today, registered_on);

  if (!anv_db_begin (db, error))
    return NULL;
  if (!anv_seeker_insert (db, pnr.digits, name, municipality, postal,
                          input->protected_identity, registered_on, &id, error)
      || !anv_seeker_index_names (db, id - 1, error))
    {
      anv_db_rollback (db);
      return NULL;
    }
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  if (!anv_audit_append (db, "seeker.add", "seeker", id_text, NULL, error)
      || !anv_db_commit (db, error))
    {
      anv_db_rollback (db);
      return NULL;
    }

  return anv_seekers_get (db, pnr.digits, today, error);
}

AnvSeeker *
anv_seekers_get (AnvDb       *db,
                 const char  *personnummer,
                 const GDate *today,
                 GError     **error)
{
  AnvPersonnummer pnr;
  AnvDbStmt *stmt;
  AnvSeeker *seeker = NULL;
  AnvDbStep step;

  if (!anv_personnummer_parse (personnummer, today, &pnr, error))
    return NULL;

  stmt = prepare_get (db, error);
  if (stmt == NULL)
    return NULL;

  anv_db_bind_text (stmt, 1, pnr.digits);
  step = anv_db_step (stmt, error);
  if (step == ANV_DB_ROW)
    {
      seeker = seeker_from_row (stmt);
      anv_db_reset (stmt);
    }
  else if (step == ANV_DB_DONE)
    {
      g_autofree char *masked = anv_personnummer_format_masked (pnr.digits);

      g_set_error (error, ANV_SEEKER_ERROR, ANV_SEEKER_ERROR_NOT_FOUND,
                   _("No job seeker with the personnummer %s is registered."), masked);
    }
  return seeker;
}

/* Reads of personal data, logged with the login (HACKING.md, "Reads in the
 * audit log"), each once until another read of its kind
 * (anv_audit_append_read ()). */

static gboolean
record_open (AnvDb           *db,
             const AnvSeeker *seeker,
             GError         **error)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, seeker->id);
  g_autofree char *key = g_strconcat ("open ", id, NULL);

  return anv_audit_append_read (db, "seeker.open", "seeker", id, NULL, key, error);
}

/* The list a search gave: how many and by what, never the text typed (a
 * name or a number is personal data, which the log would copy). The text
 * is only in the connection's memory, to know a repeat. */
static gboolean
record_search (AnvDb       *db,
               const char  *text,
               guint        n_listed,
               GError     **error)
{
  g_autofree char *details = NULL;
  g_autofree char *key = NULL;

  /* A list of no one too: a search that finds nobody may be someone
   * looking for a person their login may not see. */
  details = g_strdup_printf ("%u listed, by %s", n_listed,
                             anv_seekers_search_order (text, n_listed)
                               == ANV_SEEKER_ORDER_PERSONNUMMER ? "personnummer" : "name");
  key = g_strdup_printf ("search %u %s", n_listed, text);
  return anv_audit_append_read (db, "seeker.search", "seeker", NULL, details, key, error);
}

AnvSeeker *
anv_seekers_open (AnvDb       *db,
                  const char  *personnummer,
                  const GDate *today,
                  GError     **error)
{
  g_autoptr (AnvSeeker) seeker = anv_seekers_get (db, personnummer, today, error);

  if (seeker == NULL || !record_open (db, seeker, error))
    return NULL;
  return g_steal_pointer (&seeker);
}

AnvSeeker *
anv_seekers_open_by_id (AnvDb   *db,
                        gint64   id,
                        GError **error)
{
  g_autoptr (GPtrArray) seekers = anv_seekers_get_by_ids (db, &id, 1, error);
  AnvSeeker *seeker;

  if (seekers == NULL)
    return NULL;
  if (g_ptr_array_index (seekers, 0) == NULL)
    {
      g_set_error_literal (error, ANV_SEEKER_ERROR, ANV_SEEKER_ERROR_NOT_FOUND,
                           _("This job seeker is no longer registered. Search again."));
      return NULL;
    }
  if (!record_open (db, g_ptr_array_index (seekers, 0), error))
    return NULL;
  seeker = g_ptr_array_steal_index (seekers, 0);
  return seeker;
}

/* Search */

/* The digits typed, if the text is a personnummer being typed (digits with
 * at most one - or +), else NULL. */
static char *
digits_of (const char *text)
{
  GString *digits = g_string_new (NULL);
  guint separators = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
      else if ((*p == '-' || *p == '+') && ++separators == 1)
        continue;
      else if (*p != ' ')
        return (g_string_free (digits, TRUE), NULL);
    }
  if (digits->len == 0)
    return (g_string_free (digits, TRUE), NULL);
  return g_string_free (digits, FALSE);
}

/* Whether FTS5's unicode61 tokenizer keeps @c in a word: its categories
 * L*, N* and Co, and Mn since diacritics are kept. Anything else separates
 * words. */
static gboolean
is_word_char (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_LOWERCASE_LETTER:
    case G_UNICODE_MODIFIER_LETTER:
    case G_UNICODE_OTHER_LETTER:
    case G_UNICODE_TITLECASE_LETTER:
    case G_UNICODE_UPPERCASE_LETTER:
    case G_UNICODE_DECIMAL_NUMBER:
    case G_UNICODE_LETTER_NUMBER:
    case G_UNICODE_OTHER_NUMBER:
    case G_UNICODE_PRIVATE_USE:
    case G_UNICODE_NON_SPACING_MARK:
      return TRUE;
    default:
      return FALSE;
    }
}

/* "Anna-Karin sv" → "\"Anna\"* AND \"Karin\"* AND \"sv\"*": each word as a
 * quoted prefix, cut where the tokenizer cuts. A quoted string of two
 * words would be a phrase, which the index (detail = none) refuses; and
 * since no quotation mark or operator is a word character, nothing the
 * person types is read as FTS5 syntax. @text is valid UTF-8. */
static char *
fts_query_for (const char *text)
{
  g_autofree char *normalized = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
  GString *query = g_string_new (NULL);
  const char *p = normalized;

  while (*p != '\0')
    {
      const char *start;

      while (*p != '\0' && !is_word_char (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (*p == '\0')
        break;

      start = p;
      while (*p != '\0' && is_word_char (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);

      if (query->len > 0)
        g_string_append (query, " AND ");
      g_string_append_c (query, '"');
      g_string_append_len (query, start, p - start);
      g_string_append (query, "\"*");
    }
  if (query->len == 0)
    return (g_string_free (query, TRUE), NULL);
  return g_string_free (query, FALSE);
}

/* The ids in the first column, as numbers rather than items: the one loop
 * of the search. */
static GArray *
collect_ids (AnvDbStmt  *stmt,
             GError    **error)
{
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  AnvDbStep step;

  while ((step = anv_db_step (stmt, error)) == ANV_DB_ROW)
    {
      gint64 id = anv_db_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  if (step == ANV_DB_FAILED)
    return NULL;
  return g_steal_pointer (&ids);
}

static GArray *
search_ids (AnvDb       *db,
            const char  *text,
            guint        max,
            GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text ? text : ""));
  g_autofree char *digits = NULL;
  g_autofree char *query = NULL;
  g_autoptr (GArray) ids = NULL;
  g_autoptr (GString) list = NULL;
  AnvDbStmt *stmt;

  if (!g_utf8_validate (trimmed, -1, NULL) || *trimmed == '\0')
    return g_array_new (FALSE, FALSE, sizeof (gint64));

  digits = digits_of (trimmed);
  if (digits != NULL)
    {
      /* One index range per reading of the digits, so that each is a seek
       * (an OR of ranges would scan the table). */
      stmt = anv_db_prepare (db, "seekers/search/personnummer",
        "SELECT id FROM ("
        "  SELECT * FROM (SELECT id, personnummer FROM seeker"
        "    WHERE personnummer >= ?1 AND personnummer < ?1 || ':'"
        "    ORDER BY personnummer LIMIT ?3) AS r"
        "  UNION ALL SELECT * FROM (SELECT id, personnummer FROM seeker"
        "    WHERE CAST (?2 AS TEXT) IS NOT NULL"
        "      AND personnummer >= '18' || ?2 AND personnummer < '18' || ?2 || ':'"
        "    ORDER BY personnummer LIMIT ?3) AS r"
        "  UNION ALL SELECT * FROM (SELECT id, personnummer FROM seeker"
        "    WHERE CAST (?2 AS TEXT) IS NOT NULL"
        "      AND personnummer >= '19' || ?2 AND personnummer < '19' || ?2 || ':'"
        "    ORDER BY personnummer LIMIT ?3) AS r"
        "  UNION ALL SELECT * FROM (SELECT id, personnummer FROM seeker"
        "    WHERE CAST (?2 AS TEXT) IS NOT NULL"
        "      AND personnummer >= '20' || ?2 AND personnummer < '20' || ?2 || ':'"
        "    ORDER BY personnummer LIMIT ?3) AS r"
        ") AS found ORDER BY personnummer LIMIT ?3", error);
      if (stmt == NULL)
        return NULL;
      anv_db_bind_text (stmt, 1, digits);
      if (strlen (digits) <= 10)
        anv_db_bind_text (stmt, 2, digits);
      anv_db_bind_int64 (stmt, 3, max);
      return collect_ids (stmt, error);
    }

  query = fts_query_for (trimmed);
  if (query == NULL)
    return g_array_new (FALSE, FALSE, sizeof (gint64));

  /* The index alone gives the matches, newest first, in a few
   * milliseconds; by name, each is read from the table and sorted, which
   * is quick only for a few thousand. Enough are read to know which. */
  stmt = anv_db_prepare (db, "seekers/search/name",
    "SELECT rowid FROM seeker_name WHERE seeker_name MATCH ?1 ORDER BY rowid DESC LIMIT ?2",
    error);
  if (stmt == NULL)
    return NULL;
  anv_db_bind_text (stmt, 1, query);
  anv_db_bind_int64 (stmt, 2, MAX (max, ANV_SEEKERS_SORT_BY_NAME_MAX + 1));
  ids = collect_ids (stmt, error);
  if (ids != NULL && ids->len > ANV_SEEKERS_SORT_BY_NAME_MAX)
    g_array_set_size (ids, MIN (ids->len, max));
  if (ids == NULL || ids->len > ANV_SEEKERS_SORT_BY_NAME_MAX)
    return g_steal_pointer (&ids);

  /* The ids found, sorted by name without asking the index again */
  list = g_string_new ("[");
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (list, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                            g_array_index (ids, gint64, i));
  g_string_append_c (list, ']');
  g_clear_pointer (&ids, g_array_unref);

  stmt = anv_db_prepare (db, "seekers/search/sort-by-name",
    "SELECT s.id FROM seeker s WHERE s.id IN (SELECT value FROM json_each (?1)) "
    "ORDER BY s.name COLLATE " ANV_TEXT_COLLATION ", s.id LIMIT ?2", error);
  if (stmt == NULL)
    return NULL;
  anv_db_bind_text (stmt, 1, list->str);
  anv_db_bind_int64 (stmt, 2, max);
  return collect_ids (stmt, error);
}

GArray *
anv_seekers_search_ids (AnvDb       *db,
                        const char  *text,
                        guint        max,
                        GError     **error)
{
  g_autoptr (GArray) ids = search_ids (db, text, max, error);

  if (ids == NULL || !record_search (db, text, ids->len, error))
    return NULL;
  return g_steal_pointer (&ids);
}

AnvSeekerOrder
anv_seekers_search_order (const char *text,
                          guint       n_matches)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text ? text : ""));
  g_autofree char *digits = NULL;

  if (g_utf8_validate (trimmed, -1, NULL) && (digits = digits_of (trimmed)) != NULL)
    return ANV_SEEKER_ORDER_PERSONNUMMER;
  return n_matches > ANV_SEEKERS_SORT_BY_NAME_MAX ? ANV_SEEKER_ORDER_NEWEST
                                                   : ANV_SEEKER_ORDER_NAME;
}

GPtrArray *
anv_seekers_get_by_ids (AnvDb         *db,
                        const gint64  *ids,
                        guint          n_ids,
                        GError       **error)
{
  AnvDbStmt *stmt = anv_db_prepare (db, "seekers/get-by-id", SELECT_SEEKER "WHERE s.id = ?1",
                                    error);
  g_autoptr (GPtrArray) seekers = NULL;

  if (stmt == NULL)
    return NULL;
  /* One lookup per id, in the order given, NULL for one not there. */
  seekers = g_ptr_array_new_full (n_ids, (GDestroyNotify) anv_seeker_free);
  for (guint i = 0; i < n_ids; i++)
    {
      AnvDbStep step;

      anv_db_bind_int64 (stmt, 1, ids[i]);
      step = anv_db_step (stmt, error);
      if (step == ANV_DB_FAILED)
        return NULL;
      g_ptr_array_add (seekers, step == ANV_DB_ROW ? seeker_from_row (stmt) : NULL);
      if (step == ANV_DB_ROW)
        anv_db_reset (stmt);
    }
  return g_steal_pointer (&seekers);
}

GPtrArray *
anv_seekers_search (AnvDb       *db,
                    const char  *text,
                    guint        offset,
                    guint        limit,
                    GError     **error)
{
  g_autoptr (GArray) ids = search_ids (db, text, offset + limit, error);
  g_autoptr (GPtrArray) seekers = NULL;

  if (ids == NULL)
    return NULL;
  if (ids->len <= offset)
    return record_search (db, text, 0, error)
           ? g_ptr_array_new_with_free_func ((GDestroyNotify) anv_seeker_free) : NULL;
  seekers = anv_seekers_get_by_ids (db, &g_array_index (ids, gint64, offset),
                                    ids->len - offset, error);
  if (seekers == NULL || !record_search (db, text, seekers->len, error))
    return NULL;
  return g_steal_pointer (&seekers);
}

gint64
anv_seekers_count (AnvDb   *db,
                   GError **error)
{
  AnvDbStmt *stmt = anv_db_prepare (db, "seekers/count", "SELECT count(*) FROM seeker", error);
  gint64 count = -1;
  AnvDbStep step;

  if (stmt == NULL)
    return -1;
  step = anv_db_step (stmt, error);
  if (step == ANV_DB_ROW)
    {
      count = anv_db_column_int64 (stmt, 0);
      anv_db_reset (stmt);
    }
  return count;
}

gboolean
anv_seekers_record_full_display (AnvDb            *db,
                                 const AnvSeeker  *seeker,
                                 GError          **error)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, seeker->id);

  if (!anv_db_begin (db, error))
    return FALSE;
  if (!anv_audit_append (db, "seeker.show_personnummer", "seeker", id, NULL, error)
      || !anv_db_commit (db, error))
    {
      anv_db_rollback (db);
      return FALSE;
    }
  return TRUE;
}

gboolean
anv_seekers_load (AnvDb                *db,
                  const AnvSeekerInput *input,
                  const char           *registered_on,
                  gint64               *out_id,
                  GError              **error)
{
  g_return_val_if_fail (ANV_IS_DB (db), FALSE);
  g_return_val_if_fail (input != NULL && input->personnummer != NULL, FALSE);

  return anv_seeker_insert (db, input->personnummer, input->name, input->municipality_code,
                            input->postal_code, input->protected_identity, registered_on,
                            out_id, error);
}

gboolean
anv_seekers_load_finish (AnvDb   *db,
                         gint64   after_id,
                         GError **error)
{
  g_return_val_if_fail (ANV_IS_DB (db), FALSE);

  return anv_seeker_index_names (db, after_id, error);
}
