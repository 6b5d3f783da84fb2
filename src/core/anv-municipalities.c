/* anv-municipalities.c — Sweden's municipalities, counties and postal codes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-municipalities"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "anv-csv-reader.h"
#include "anv-core-resources.h"
#include "anv-db-private.h"
#include "anv-municipalities.h"
#include "anv-text.h"

#define DATA_PREFIX RESOURCE_PREFIX "/data/"

G_DEFINE_QUARK (anv-municipality-error-quark, anv_municipality_error)

void
anv_municipality_free (AnvMunicipality *municipality)
{
  if (municipality == NULL)
    return;
  g_free (municipality->code);
  g_free (municipality->name);
  g_free (municipality->short_name);
  g_free (municipality->county_code);
  g_free (municipality->county_name);
  g_free (municipality);
}

static gpointer
municipality_from_row (AnvDbStmt *stmt,
                       gpointer   user_data)
{
  AnvMunicipality *m = g_new0 (AnvMunicipality, 1);

  m->code = anv_db_column_dup (stmt, 0);
  m->name = anv_db_column_dup (stmt, 1);
  m->short_name = anv_db_column_dup (stmt, 2);
  m->county_code = anv_db_column_dup (stmt, 3);
  m->county_name = anv_db_column_dup (stmt, 4);
  return m;
}

static void
set_unknown_code_error (const char  *code,
                        GError     **error)
{
  g_autofree char *shown = anv_text_quote (code);

  g_set_error (error, ANV_MUNICIPALITY_ERROR, ANV_MUNICIPALITY_ERROR_UNKNOWN,
               /* Translators: %s is what was typed as a municipality code */
               _("There is no municipality with the code “%s”. A municipality code has "
                 "four digits, for example 2480 for Umeå."),
               shown);
}

static void
set_unknown_postal_error (const char  *postal_code,
                          GError     **error)
{
  g_set_error (error, ANV_MUNICIPALITY_ERROR, ANV_MUNICIPALITY_ERROR_POSTAL_CODE,
               _("The postal code %s is not in Anvisa’s list (box and company postal "
                 "codes are missing from it). Give the municipality code instead."),
               postal_code);
}

#define SELECT_MUNICIPALITY \
  "SELECT m.code, m.name, m.short_name, m.county_code, c.name " \
  "FROM municipality m JOIN county c ON c.code = m.county_code "

AnvMunicipality *
anv_municipalities_get (AnvDb       *db,
                        const char  *code,
                        GError     **error)
{
  AnvDbStmt *stmt = anv_db_prepare (db, "municipalities/get",
                                    SELECT_MUNICIPALITY "WHERE m.code = ?1", error);
  AnvMunicipality *result = NULL;
  g_autofree char *trimmed = g_strstrip (g_strdup (code ? code : ""));
  AnvDbStep step;

  if (stmt == NULL)
    return NULL;

  anv_db_bind_text (stmt, 1, trimmed);
  step = anv_db_step (stmt, error);
  if (step == ANV_DB_ROW)
    {
      result = municipality_from_row (stmt, NULL);
      anv_db_reset (stmt);
    }
  else if (step == ANV_DB_DONE)
    set_unknown_code_error (trimmed, error);
  return result;
}

GPtrArray *
anv_municipalities_list (AnvDb   *db,
                         GError **error)
{
  AnvDbStmt *stmt = anv_db_prepare (db, "municipalities/list",
                                    SELECT_MUNICIPALITY "ORDER BY m.code", error);

  if (stmt == NULL)
    return NULL;
  return anv_db_collect (stmt, municipality_from_row, NULL,
                         (GDestroyNotify) anv_municipality_free, error);
}

char *
anv_postal_code_normalize (const char *text)
{
  GString *digits = g_string_sized_new (5);

  for (const char *p = text ? text : ""; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
      else if (*p != ' ')
        return (g_string_free (digits, TRUE), NULL);
    }

  if (digits->len != 5 || digits->str[0] == '0')
    return (g_string_free (digits, TRUE), NULL);
  return g_string_free (digits, FALSE);
}

/* The lookup tables kept with a database. */
typedef struct
{
  GHashTable *by_code;     /* code → AnvMunicipality */
  GHashTable *by_postal;   /* postal code → municipality code */
} Places;

static void
places_free (gpointer data)
{
  Places *places = data;

  g_hash_table_unref (places->by_code);
  g_hash_table_unref (places->by_postal);
  g_free (places);
}

static Places *
load_places (AnvDb   *db,
             GError **error)
{
  g_autoptr (GPtrArray) list = anv_municipalities_list (db, error);
  AnvDbStmt *stmt;
  Places *places;
  AnvDbStep step;

  if (list == NULL)
    return NULL;
  stmt = anv_db_prepare (db, "municipalities/postal-codes",
                         "SELECT code, municipality_code FROM postal_code", error);
  if (stmt == NULL)
    return NULL;

  places = g_new0 (Places, 1);
  places->by_code = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                           (GDestroyNotify) anv_municipality_free);
  places->by_postal = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < list->len; i++)
    {
      AnvMunicipality *m = g_ptr_array_index (list, i);
      g_hash_table_insert (places->by_code, m->code, m);
    }
  g_ptr_array_set_free_func (list, NULL);

  /* Into a table, not an array: no anv_db_collect(). */
  while ((step = anv_db_step (stmt, error)) == ANV_DB_ROW)
    g_hash_table_insert (places->by_postal, anv_db_column_dup (stmt, 0),
                         anv_db_column_dup (stmt, 1));

  if (step == ANV_DB_FAILED)
    {
      places_free (places);
      return NULL;
    }

  g_object_set_data_full (G_OBJECT (db), "anv-places", places, places_free);
  return places;
}

static Places *
get_places (AnvDb   *db,
            GError **error)
{
  Places *places = g_object_get_data (G_OBJECT (db), "anv-places");

  return places ? places : load_places (db, error);
}

gboolean
anv_municipalities_load_lookups (AnvDb   *db,
                                 GError **error)
{
  return get_places (db, error) != NULL;
}

const AnvMunicipality *
anv_municipalities_lookup (AnvDb       *db,
                           const char  *code,
                           GError     **error)
{
  Places *places = get_places (db, error);
  const AnvMunicipality *m;

  if (places == NULL)
    return NULL;
  m = g_hash_table_lookup (places->by_code, code ? code : "");
  if (m == NULL)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (code ? code : ""));

      m = g_hash_table_lookup (places->by_code, trimmed);
      if (m == NULL)
        set_unknown_code_error (trimmed, error);
    }
  return m;
}

const char *
anv_municipalities_lookup_postal (AnvDb       *db,
                                  const char  *postal_code,
                                  GError     **error)
{
  Places *places = get_places (db, error);
  const char *code;

  if (places == NULL)
    return NULL;
  code = g_hash_table_lookup (places->by_postal, postal_code);
  if (code == NULL)
    set_unknown_postal_error (postal_code, error);
  return code;
}

char *
anv_municipalities_for_postal_code (AnvDb       *db,
                                    const char  *postal_code,
                                    GError     **error)
{
  g_autofree char *normalized = anv_postal_code_normalize (postal_code);

  if (normalized == NULL)
    {
      g_autofree char *shown = anv_text_quote (postal_code ? postal_code : "");

      g_set_error (error, ANV_MUNICIPALITY_ERROR, ANV_MUNICIPALITY_ERROR_POSTAL_CODE,
                   /* Translators: %s is what was typed as a postal code */
                   _("“%s” is not a postal code: a postal code has five digits, for "
                     "example 903 25."),
                   shown);
      return NULL;
    }
  return g_strdup (anv_municipalities_lookup_postal (db, normalized, error));
}

/* Official names */

typedef struct
{
  const char *name;
  const char *genitive;
} Genitive;

/* The names whose official form is not made by the rule below. */
static const Genitive irregular_municipalities[] = {
  { "Falun", "Falu" },
  { "Kalmar", "Kalmar" },
  { "Orust", "Orust" },
};

static const Genitive irregular_counties[] = {
  { "Dalarna", "Dalarnas" },
  { "Kalmar", "Kalmar" },
};

/* The form of a place name before "kommun" or "län": a name that ends in a
 * vowel or in s, x or z stays as it is ("Umeå", "Hällefors", "Kalix"), any
 * other takes an s ("Västerbottens"); the exceptions are listed. */
static char *
place_genitive (const char     *name,
                const Genitive *irregular,
                gsize           n_irregular)
{
  const char *end = name + strlen (name);
  const char *last_char;
  gunichar last;

  for (gsize i = 0; i < n_irregular; i++)
    if (g_str_equal (name, irregular[i].name))
      return g_strdup (irregular[i].genitive);

  last_char = g_utf8_find_prev_char (name, end);
  if (last_char == NULL)
    return g_strdup (name);
  last = g_unichar_tolower (g_utf8_get_char (last_char));
  if (g_utf8_strchr ("aeiouyåäösxz", -1, last) != NULL)
    return g_strdup (name);
  return g_strconcat (name, "s", NULL);
}

char *
anv_municipality_official_name (const char *short_name)
{
  g_autofree char *genitive = NULL;

  g_return_val_if_fail (short_name != NULL, NULL);

  genitive = place_genitive (short_name, irregular_municipalities,
                             G_N_ELEMENTS (irregular_municipalities));
  return g_strconcat (genitive, " kommun", NULL);
}

char *
anv_county_official_name (const char *short_name)
{
  g_autofree char *genitive = NULL;

  g_return_val_if_fail (short_name != NULL, NULL);

  genitive = place_genitive (short_name, irregular_counties, G_N_ELEMENTS (irregular_counties));
  return g_strconcat (genitive, " län", NULL);
}

/* Sets the name of every row of @table (municipality or county) to the
 * official form of its short name. */
typedef struct
{
  char *code;
  char *short_name;
} NameRow;

static void
name_row_free (gpointer data)
{
  NameRow *row = data;

  g_free (row->code);
  g_free (row->short_name);
  g_free (row);
}

static gpointer
name_row_from_row (AnvDbStmt *stmt,
                   gpointer   user_data)
{
  NameRow *row = g_new (NameRow, 1);

  row->code = anv_db_column_dup (stmt, 0);
  row->short_name = anv_db_column_dup (stmt, 1);
  return row;
}

static gboolean
correct_table_names (AnvDb       *db,
                     const char  *select_key,
                     const char  *select_sql,
                     const char  *update_key,
                     const char  *update_sql,
                     char      *(*official_name) (const char *short_name),
                     GError     **error)
{
  g_autoptr (GPtrArray) rows = NULL;
  AnvDbStmt *select = anv_db_prepare (db, select_key, select_sql, error);
  AnvDbStmt *update;

  if (select == NULL)
    return FALSE;
  rows = anv_db_collect (select, name_row_from_row, NULL, name_row_free, error);
  if (rows == NULL)
    return FALSE;

  update = anv_db_prepare (db, update_key, update_sql, error);
  if (update == NULL)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      NameRow *row = g_ptr_array_index (rows, i);
      g_autofree char *name = official_name (row->short_name);

      anv_db_bind_text (update, 1, name);
      anv_db_bind_text (update, 2, row->code);
      if (!anv_db_step_done (update, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
anv_municipalities_correct_names (AnvDb   *db,
                                  GError **error)
{
  return correct_table_names (db, "municipalities/short-names",
                              "SELECT code, short_name FROM municipality",
                              "municipalities/set-name",
                              "UPDATE municipality SET name = ?1 WHERE code = ?2",
                              anv_municipality_official_name, error)
         && correct_table_names (db, "municipalities/county-short-names",
                                 "SELECT code, short_name FROM county",
                                 "municipalities/set-county-name",
                                 "UPDATE county SET name = ?1 WHERE code = ?2",
                                 anv_county_official_name, error);
}

/* Reference data */

static AnvCsvReader *
open_reference (const char  *name,
                GError     **error)
{
  g_autofree char *path = g_strconcat (DATA_PREFIX, name, NULL);
  g_autoptr (GInputStream) stream = NULL;

  stream = g_resource_open_stream (anv_core_get_resource (), path, G_RESOURCE_LOOKUP_FLAGS_NONE,
                                   error);
  if (stream == NULL)
    return NULL;
  return anv_csv_reader_new (stream);
}

static gboolean
reference_error (const char  *name,
                 guint        line,
                 GError     **error)
{
  g_set_error (error, ANV_MUNICIPALITY_ERROR, ANV_MUNICIPALITY_ERROR_REFERENCE,
               /* Translators: %1$s is a file shipped with Anvisa, %2$u a line */
               _("The reference data %1$s shipped with Anvisa is damaged at line %2$u. "
                 "Reinstall Anvisa."),
               name, line);
  return FALSE;
}

static gboolean
insert_row (AnvDbStmt     *stmt,
            AnvCsvReader  *reader,
            const int     *columns,
            guint          n_columns,
            GError       **error)
{
  for (guint i = 0; i < n_columns; i++)
    anv_db_bind_text (stmt, (int) i + 1, anv_csv_reader_field (reader, (guint) columns[i]));
  return anv_db_step_done (stmt, error);
}

/* Loads the rows of a shipped CSV file into a table: @header_names maps
 * its columns to the statement's parameters, in order. */
static gboolean
load_csv (AnvDb             *db,
          const char        *name,
          const char *const *header_names,
          const char        *key,
          const char        *sql,
          GError           **error)
{
  g_autoptr (AnvCsvReader) reader = NULL;
  g_autoptr (GError) local_error = NULL;
  guint n_columns = g_strv_length ((char **) header_names);
  int columns[8];
  AnvDbStmt *stmt;

  g_assert (n_columns <= G_N_ELEMENTS (columns));

  reader = open_reference (name, error);
  stmt = anv_db_prepare (db, key, sql, error);
  if (reader == NULL || stmt == NULL)
    return FALSE;

  if (!anv_csv_reader_next (reader, error))
    return reference_error (name, 1, error);
  if (!anv_csv_reader_map_header (reader, header_names, columns, error))
    return FALSE;
  for (guint i = 0; i < n_columns; i++)
    if (columns[i] < 0)
      return reference_error (name, 1, error);

  while (anv_csv_reader_next (reader, &local_error))
    {
      if (!insert_row (stmt, reader, columns, n_columns, error))
        {
          g_prefix_error (error, "%s:%u: ", name, anv_csv_reader_line (reader));
          return FALSE;
        }
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

gboolean
anv_municipalities_load_reference (AnvDb   *db,
                                   GError **error)
{
  static const char *const counties[] = {
    "county_code", "county_name", "county_name_short",
    "municipality_code", "municipality_name", "municipality_name_short", NULL
  };
  static const char *const postal[] = {
    "postal_code", "locality", "municipality_code", "municipality_name", NULL
  };

  /* Counties and municipalities come from one file; the parameters not
   * used by a statement are simply left unread. */
  return load_csv (db, "municipality_county.csv", counties, "municipalities/load-county",
                   "INSERT INTO county (code, name, short_name) VALUES (?1, ?2, ?3) "
                   "ON CONFLICT DO NOTHING",
                   error)
         && load_csv (db, "municipality_county.csv", counties, "municipalities/load",
                      "INSERT INTO municipality (code, name, short_name, county_code) "
                      "VALUES (?4, ?5, ?6, ?1)",
                      error)
         && load_csv (db, "postal_to_municipality.csv", postal,
                      "municipalities/load-postal-code",
                      "INSERT INTO postal_code (code, locality, municipality_code) "
                      "VALUES (?1, ?2, ?3)",
                      error);
}

/* Counties and postal codes, listed */

void
anv_county_free (AnvCounty *county)
{
  if (county == NULL)
    return;
  g_free (county->code);
  g_free (county->name);
  g_free (county->short_name);
  g_free (county);
}

static gpointer
county_from_row (AnvDbStmt *stmt,
                 gpointer   user_data)
{
  AnvCounty *county = g_new0 (AnvCounty, 1);

  county->code = anv_db_column_dup (stmt, 0);
  county->name = anv_db_column_dup (stmt, 1);
  county->short_name = anv_db_column_dup (stmt, 2);
  return county;
}

GPtrArray *
anv_municipalities_list_counties (AnvDb   *db,
                                  GError **error)
{
  AnvDbStmt *stmt = anv_db_prepare (db, "municipalities/list-counties",
    "SELECT code, name, short_name FROM county ORDER BY code", error);

  if (stmt == NULL)
    return NULL;
  return anv_db_collect (stmt, county_from_row, NULL, (GDestroyNotify) anv_county_free,
                         error);
}

GHashTable *
anv_municipalities_list_postal_codes (AnvDb   *db,
                                      GError **error)
{
  AnvDbStmt *stmt = anv_db_prepare (db, "municipalities/list-postal-codes",
    "SELECT code, municipality_code FROM postal_code ORDER BY code", error);
  g_autoptr (GHashTable) codes = NULL;
  AnvDbStep step;

  if (stmt == NULL)
    return NULL;

  codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                 (GDestroyNotify) g_ptr_array_unref);
  while ((step = anv_db_step (stmt, error)) == ANV_DB_ROW)
    {
      const char *municipality = anv_db_column_text (stmt, 1);
      GPtrArray *list = g_hash_table_lookup (codes, municipality);

      if (list == NULL)
        {
          list = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (codes, g_strdup (municipality), list);
        }
      g_ptr_array_add (list, anv_db_column_dup (stmt, 0));
    }
  if (step == ANV_DB_FAILED)
    return NULL;
  return g_steal_pointer (&codes);
}
