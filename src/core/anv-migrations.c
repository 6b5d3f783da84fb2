/* anv-migrations.c — the schema, step by step
 *
 * Each step brings the database from one schema version (SQLite's
 * user_version) to the next inside one transaction: either the whole step is there or none of it.
 * Steps are never edited once released; a change is a new step.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-migrations"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "anv-db-private.h"
#include "anv-migrations.h"
#include "anv-municipalities.h"
#include "anv-availability.h"
#include "anv-end-reasons.h"
#include "anv-map.h"
#include "anv-referrals.h"
#include "anv-summary.h"

typedef gboolean (*MigrationFunc) (AnvDb *db, GError **error);

typedef struct
{
  const char   *sql;
  MigrationFunc func;
  /* The step rebuilds tables: it runs with foreign keys off, which can only
   * be switched outside a transaction, and checks them itself. */
  gboolean      rebuilds;
  /* The same step on a server, in its dialect; every step after
   * SERVER_BASE_VERSION has one. */
  const char   *server_sql;
} Migration;

/* Version 1: the tables of the foundation. */
static const char schema_v1[] =
  "CREATE TABLE county ("
  "  code TEXT PRIMARY KEY CHECK (length (code) = 2 AND code GLOB '[0-9][0-9]'),"
  "  name TEXT NOT NULL CHECK (name <> ''),"
  "  short_name TEXT NOT NULL CHECK (short_name <> '')"
  ") STRICT;"

  "CREATE TABLE municipality ("
  "  code TEXT PRIMARY KEY CHECK (length (code) = 4 AND code GLOB '[0-9][0-9][0-9][0-9]'),"
  "  name TEXT NOT NULL CHECK (name <> ''),"
  "  short_name TEXT NOT NULL CHECK (short_name <> ''),"
  "  county_code TEXT NOT NULL REFERENCES county (code)"
  ") STRICT;"
  "CREATE INDEX municipality_county ON municipality (county_code);"

  "CREATE TABLE postal_code ("
  "  code TEXT PRIMARY KEY CHECK (length (code) = 5 AND code GLOB '[0-9][0-9][0-9][0-9][0-9]'),"
  "  locality TEXT NOT NULL,"
  "  municipality_code TEXT NOT NULL REFERENCES municipality (code)"
  ") STRICT, WITHOUT ROWID;"

  "CREATE TABLE service ("
  "  code TEXT PRIMARY KEY CHECK (code IN ('KROM', 'STOM')),"
  "  name TEXT NOT NULL"
  ") STRICT;"
  "INSERT INTO service (code, name) VALUES"
  "  ('KROM', 'Rusta och matcha'), ('STOM', 'Stöd och matchning');"

  /* Which service may be decided where, and when: data, not code. */
  "CREATE TABLE service_availability ("
  "  id INTEGER PRIMARY KEY,"
  "  service TEXT NOT NULL REFERENCES service (code),"
  "  municipality_code TEXT NOT NULL REFERENCES municipality (code),"
  "  valid_from TEXT NOT NULL CHECK (date (valid_from) IS valid_from),"
  "  valid_to TEXT CHECK (valid_to IS NULL OR"
  "                       (date (valid_to) IS valid_to AND valid_to >= valid_from))"
  ") STRICT;"
  "CREATE INDEX service_availability_lookup"
  "  ON service_availability (municipality_code, valid_from);"
  /* Never two services, nor two periods, at once in one municipality. */
  "CREATE TRIGGER service_availability_no_overlap"
  "  BEFORE INSERT ON service_availability"
  "  WHEN EXISTS (SELECT 1 FROM service_availability a"
  "               WHERE a.municipality_code = new.municipality_code"
  "                 AND a.valid_from <= coalesce (new.valid_to, '9999-12-31')"
  "                 AND coalesce (a.valid_to, '9999-12-31') >= new.valid_from)"
  "BEGIN"
  "  SELECT RAISE (ABORT, 'one municipality has one matching service at a time');"
  "END;"
  "CREATE TRIGGER service_availability_no_overlap_update"
  "  BEFORE UPDATE ON service_availability"
  "  WHEN EXISTS (SELECT 1 FROM service_availability a"
  "               WHERE a.municipality_code = new.municipality_code AND a.id <> new.id"
  "                 AND a.valid_from <= coalesce (new.valid_to, '9999-12-31')"
  "                 AND coalesce (a.valid_to, '9999-12-31') >= new.valid_from)"
  "BEGIN"
  "  SELECT RAISE (ABORT, 'one municipality has one matching service at a time');"
  "END;"

  "CREATE TABLE end_reason ("
  "  code TEXT PRIMARY KEY CHECK (length (code) BETWEEN 1 AND 40"
  "                               AND code NOT GLOB '*[^a-z0-9_]*'),"
  "  kind TEXT NOT NULL CHECK (kind IN ('result', 'interruption')),"
  "  label_sv TEXT NOT NULL CHECK (label_sv <> ''),"
  "  label_en TEXT NOT NULL CHECK (label_en <> ''),"
  "  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))"
  ") STRICT;"

  /* The checks are the cheap forms of what the core checks in full: an
   * import inserts a million rows, and a GLOB per row costs a third more.
   * CAST … BETWEEN with the length proves twelve digits, as a leading
   * sign, space or dot would leave fewer digits for the value. */
  "CREATE TABLE seeker ("
  "  id INTEGER PRIMARY KEY,"
  "  personnummer TEXT NOT NULL UNIQUE CHECK (length (personnummer) = 12"
  "    AND CAST (personnummer AS INTEGER) BETWEEN 180000000000 AND 219999999999),"
  "  name TEXT NOT NULL CHECK (length (name) BETWEEN 1 AND 200),"
  "  municipality_code TEXT NOT NULL REFERENCES municipality (code),"
  "  postal_code TEXT CHECK (postal_code IS NULL OR (length (postal_code) = 5"
  "    AND CAST (postal_code AS INTEGER) BETWEEN 10000 AND 99999)),"
  "  protected_identity INTEGER NOT NULL DEFAULT 0 CHECK (protected_identity IN (0, 1)),"
  "  registered_on TEXT NOT NULL CHECK (length (registered_on) = 10"
  "    AND registered_on BETWEEN '1800-01-01' AND '2199-12-31'),"
  "  registered_by TEXT NOT NULL CHECK (registered_by <> ''),"
  "  CHECK (NOT (protected_identity AND postal_code IS NOT NULL))"
  ") STRICT;"

  /* Name search: every word of a name, by prefix. The core fills it with
   * each insert (and in one statement after an import: FTS5 flushes its
   * buffer at every statement's savepoint, so a trigger per row would
   * make an import of a million rows thirty times slower). */
  "CREATE VIRTUAL TABLE seeker_name USING fts5 ("
  "  name, content = 'seeker', content_rowid = 'id',"
  "  tokenize = 'unicode61 remove_diacritics 0', detail = none, columnsize = 0);"

  /* Who did what, when, to which record. Append-only. */
  "CREATE TABLE audit_log ("
  "  id INTEGER PRIMARY KEY,"
  "  at TEXT NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now')),"
  "  actor TEXT NOT NULL CHECK (actor <> ''),"
  "  action TEXT NOT NULL CHECK (action <> ''),"
  "  entity TEXT NOT NULL CHECK (entity <> ''),"
  "  entity_id TEXT,"
  "  details TEXT"
  ") STRICT;"
  "CREATE INDEX audit_log_at ON audit_log (at);"
  "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN"
  "  SELECT RAISE (ABORT, 'the audit log is append-only');"
  "END;"
  "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN"
  "  SELECT RAISE (ABORT, 'the audit log is append-only');"
  "END;";

/* Version 2: the reference data shipped with Anvisa. */
static gboolean
load_reference_data (AnvDb   *db,
                     GError **error)
{
  return anv_municipalities_load_reference (db, error)
         && anv_availability_load_reference (db, error)
         && anv_end_reasons_load_reference (db, error);
}

/* Version 3: providers, referrals and the summary. */
static const char schema_v3[] =
  /* Municipality centre points (WGS 84), for the nearest provider. */
  "ALTER TABLE municipality ADD COLUMN centre_lat REAL;"
  "ALTER TABLE municipality ADD COLUMN centre_lon REAL;"

  "CREATE TABLE provider ("
  "  id INTEGER PRIMARY KEY,"
  /* A sole trader's number is a personnummer: it may start with 0. */
  "  orgnr TEXT NOT NULL UNIQUE CHECK (length (orgnr) = 10 AND orgnr NOT GLOB '*[^0-9]*'),"
  "  name TEXT NOT NULL CHECK (length (name) BETWEEN 1 AND 200),"
  "  municipality_code TEXT NOT NULL REFERENCES municipality (code),"
  "  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),"
  "  registered_on TEXT NOT NULL CHECK (length (registered_on) = 10),"
  "  registered_by TEXT NOT NULL CHECK (registered_by <> '')"
  ") STRICT;"

  /* Leveransområden: named sets of municipalities, per service. */
  "CREATE TABLE delivery_area ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE CHECK (length (name) BETWEEN 1 AND 100),"
  "  service TEXT NOT NULL REFERENCES service (code)"
  ") STRICT;"
  "CREATE TABLE delivery_area_municipality ("
  "  area_id INTEGER NOT NULL REFERENCES delivery_area (id),"
  "  municipality_code TEXT NOT NULL REFERENCES municipality (code),"
  "  PRIMARY KEY (area_id, municipality_code)"
  ") STRICT, WITHOUT ROWID;"
  "CREATE INDEX delivery_area_municipality_code"
  "  ON delivery_area_municipality (municipality_code);"

  "CREATE TABLE approval ("
  "  id INTEGER PRIMARY KEY,"
  "  provider_id INTEGER NOT NULL REFERENCES provider (id),"
  "  area_id INTEGER NOT NULL REFERENCES delivery_area (id),"
  "  valid_from TEXT NOT NULL CHECK (length (valid_from) = 10),"
  "  valid_to TEXT CHECK (valid_to IS NULL OR valid_to >= valid_from)"
  ") STRICT;"
  "CREATE INDEX approval_area ON approval (area_id);"
  "CREATE INDEX approval_provider ON approval (provider_id);"

  /* A referral keeps the municipality it was decided in. An annulled
   * referral (registered by mistake) stays, and counts nowhere. */
  "CREATE TABLE referral ("
  "  id INTEGER PRIMARY KEY,"
  "  seeker_id INTEGER NOT NULL REFERENCES seeker (id),"
  "  service TEXT NOT NULL REFERENCES service (code),"
  "  level TEXT NOT NULL CHECK ((service = 'KROM' AND level IN ('A', 'B', 'C'))"
  "                             OR (service = 'STOM' AND level IN ('1', '2', '3', '4'))),"
  "  choice TEXT NOT NULL CHECK (choice IN ('own', 'default')),"
  "  municipality_code TEXT NOT NULL REFERENCES municipality (code),"
  "  female INTEGER NOT NULL CHECK (female IN (0, 1)),"
  "  decided_on TEXT NOT NULL CHECK (length (decided_on) = 10),"
  "  planned_start TEXT NOT NULL CHECK (planned_start > decided_on),"
  "  started_on TEXT CHECK (started_on IS NULL OR started_on >= decided_on),"
  "  ended_on TEXT CHECK (ended_on IS NULL OR ended_on >= decided_on),"
  "  end_reason TEXT REFERENCES end_reason (code),"
  "  annulled INTEGER NOT NULL DEFAULT 0 CHECK (annulled IN (0, 1)),"
  "  decided_by TEXT NOT NULL CHECK (decided_by <> ''),"
  "  CHECK ((ended_on IS NULL) = (end_reason IS NULL)),"
  "  CHECK (started_on IS NULL OR ended_on IS NULL OR ended_on >= started_on)"
  ") STRICT;"
  /* One open referral per job seeker, whoever writes. */
  "CREATE UNIQUE INDEX referral_one_open ON referral (seeker_id)"
  "  WHERE ended_on IS NULL AND NOT annulled;"
  "CREATE INDEX referral_seeker ON referral (seeker_id);"

  /* The provider over time: the first row is the one decided; a change
   * adds a row. */
  "CREATE TABLE referral_provider ("
  "  id INTEGER PRIMARY KEY,"
  "  referral_id INTEGER NOT NULL REFERENCES referral (id),"
  "  provider_id INTEGER NOT NULL REFERENCES provider (id),"
  "  from_date TEXT NOT NULL CHECK (length (from_date) = 10),"
  "  outside_area INTEGER NOT NULL DEFAULT 0 CHECK (outside_area IN (0, 1)),"
  "  changed_by TEXT NOT NULL CHECK (changed_by <> '')"
  ") STRICT;"
  "CREATE INDEX referral_provider_referral ON referral_provider (referral_id, from_date);"

  /* Corrections: what was changed, from what, to what, and why. */
  "CREATE TABLE referral_correction ("
  "  id INTEGER PRIMARY KEY,"
  "  referral_id INTEGER NOT NULL REFERENCES referral (id),"
  "  field TEXT NOT NULL CHECK (field IN ('decided_on', 'planned_start', 'started_on',"
  "                                       'ended_on', 'end_reason', 'level', 'annulled')),"
  "  old_value TEXT,"
  "  new_value TEXT,"
  "  reason TEXT NOT NULL CHECK (length (reason) BETWEEN 1 AND 500),"
  "  corrected_by TEXT NOT NULL CHECK (corrected_by <> ''),"
  "  corrected_at TEXT NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now'))"
  ") STRICT;"
  "CREATE TRIGGER referral_correction_no_update BEFORE UPDATE ON referral_correction BEGIN"
  "  SELECT RAISE (ABORT, 'corrections are append-only');"
  "END;"
  "CREATE TRIGGER referral_correction_no_delete BEFORE DELETE ON referral_correction BEGIN"
  "  SELECT RAISE (ABORT, 'corrections are append-only');"
  "END;"
  "CREATE TRIGGER referral_no_delete BEFORE DELETE ON referral BEGIN"
  "  SELECT RAISE (ABORT, 'a referral is never deleted; correct it instead');"
  "END;"

  /* The summary, kept by anv-summary.c in the transaction of every
   * write. A row exists for each month in which something happened in
   * the cell; active_end is the count at that month's end, carried to
   * later months that have no row. */
  "CREATE TABLE summary ("
  "  service TEXT NOT NULL REFERENCES service (code),"
  "  municipality_code TEXT NOT NULL REFERENCES municipality (code),"
  "  month TEXT NOT NULL CHECK (length (month) = 7),"
  "  decided_women INTEGER NOT NULL DEFAULT 0,"
  "  decided_men INTEGER NOT NULL DEFAULT 0,"
  "  started INTEGER NOT NULL DEFAULT 0,"
  "  ended_job INTEGER NOT NULL DEFAULT 0,"
  "  ended_studies INTEGER NOT NULL DEFAULT 0,"
  "  ended_interrupted INTEGER NOT NULL DEFAULT 0,"
  "  active_end INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (service, municipality_code, month)"
  ") STRICT, WITHOUT ROWID;"
  "CREATE INDEX summary_month ON summary (service, month);";

static gboolean
load_provider_reference (AnvDb   *db,
                         GError **error)
{
  return anv_map_load_centres_reference (db, error);
}

/* Version 4: retention (gallring). Referrals, their providers and
 * corrections, and job seekers may be deleted only while the retention
 * run holds its one-row permit, which it adds and removes inside its own
 * transaction, so no other connection ever sees it; and an open referral
 * never. */
static const char schema_v4[] =
  "CREATE TABLE retention_permit ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1)"
  ") STRICT;"

  "DROP TRIGGER referral_no_delete;"
  "CREATE TRIGGER referral_no_delete BEFORE DELETE ON referral"
  "  WHEN NOT EXISTS (SELECT 1 FROM retention_permit)"
  "BEGIN"
  "  SELECT RAISE (ABORT, 'a referral is never deleted; correct it instead');"
  "END;"
  "CREATE TRIGGER referral_open_no_delete BEFORE DELETE ON referral"
  "  WHEN old.ended_on IS NULL AND NOT old.annulled "
  "BEGIN"
  "  SELECT RAISE (ABORT, 'an open referral is never deleted');"
  "END;"

  "DROP TRIGGER referral_correction_no_delete;"
  "CREATE TRIGGER referral_correction_no_delete BEFORE DELETE ON referral_correction"
  "  WHEN NOT EXISTS (SELECT 1 FROM retention_permit)"
  "BEGIN"
  "  SELECT RAISE (ABORT, 'corrections are append-only');"
  "END;"

  "CREATE TRIGGER referral_provider_no_delete BEFORE DELETE ON referral_provider"
  "  WHEN NOT EXISTS (SELECT 1 FROM retention_permit)"
  "BEGIN"
  "  SELECT RAISE (ABORT, 'the provider history is never deleted');"
  "END;"

  "CREATE TRIGGER seeker_no_delete BEFORE DELETE ON seeker"
  "  WHEN NOT EXISTS (SELECT 1 FROM retention_permit)"
  "BEGIN"
  "  SELECT RAISE (ABORT, 'a job seeker is removed only by retention (gallring)');"
  "END;";

/* Version 5: the ids of job seekers and referrals are never given twice.
 * Retention deletes rows; with a plain INTEGER PRIMARY KEY the next insert
 * takes the highest id left plus one, so a removed job seeker's id, still
 * in the audit log, could be given to someone new. AUTOINCREMENT keeps the
 * highest id ever given in sqlite_sequence. SQLite cannot add it to a
 * table, so each table is built anew with the same columns, rows, indexes
 * and triggers (the tables' SQL then reads CREATE TABLE "seeker" ...,
 * quoted). Ids removed before this step are known from the audit log: the
 * sequence starts above them too. */
static gboolean
saved_schema (AnvDb      *db,
              const char *table,
              char      **out_table_sql,
              GPtrArray  *out_others,
              GError    **error)
{
  AnvDbStmt *stmt = anv_db_prepare (db, "migrations/table-schema",
    "SELECT type, sql FROM sqlite_schema "
    "WHERE tbl_name = ?1 AND sql IS NOT NULL AND type IN ('table', 'index', 'trigger') "
    "ORDER BY rowid", error);
  AnvDbStep step;

  if (stmt == NULL)
    return FALSE;
  anv_db_bind_text (stmt, 1, table);
  while ((step = anv_db_step (stmt, error)) == ANV_DB_ROW)
    {
      const char *type = anv_db_column_text (stmt, 0);

      if (g_str_equal (type, "table"))
        *out_table_sql = anv_db_column_dup (stmt, 1);
      else
        g_ptr_array_add (out_others, anv_db_column_dup (stmt, 1));
    }
  return step == ANV_DB_DONE;
}

static gboolean
rebuild_with_autoincrement (AnvDb      *db,
                            const char *table,
                            GError    **error)
{
  static const char id_column[] = "id INTEGER PRIMARY KEY,";
  g_autofree char *table_sql = NULL;
  g_autoptr (GPtrArray) others = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *prefix = g_strdup_printf ("CREATE TABLE %s (", table);
  g_autoptr (GString) new_sql = NULL;
  g_autofree char *copy = NULL;
  const char *id;

  if (!saved_schema (db, table, &table_sql, others, error))
    return FALSE;

  /* The schema is Anvisa's own: its text is known. */
  id = table_sql != NULL ? strstr (table_sql, id_column) : NULL;
  if (id == NULL || !g_str_has_prefix (table_sql, prefix)
      || strstr (id + 1, id_column) != NULL)
    {
      g_set_error (error, ANV_DB_ERROR, ANV_DB_ERROR_MIGRATION,
                   /* Translators: %s is a table's name in the database */
                   _("The table %s is not as Anvisa made it; another program may have "
                     "changed the database."), table);
      return FALSE;
    }

  new_sql = g_string_new (table_sql);
  g_string_replace (new_sql, id_column, "id INTEGER PRIMARY KEY AUTOINCREMENT,", 1);
  g_string_replace (new_sql, prefix, "CREATE TABLE rebuilt (", 1);

  copy = g_strdup_printf (
    "INSERT INTO rebuilt SELECT * FROM %1$s;"
    "DROP TABLE %1$s;"
    "ALTER TABLE rebuilt RENAME TO %1$s;", table);
  if (!anv_db_exec (db, new_sql->str, error) || !anv_db_exec (db, copy, error))
    return FALSE;

  for (guint i = 0; i < others->len; i++)
    if (!anv_db_exec (db, g_ptr_array_index (others, i), error))
      return FALSE;

  /* The rebuilt table's row, renamed with it, is set anew after. */
  return anv_db_exec (db, "DELETE FROM sqlite_sequence WHERE name = 'rebuilt';", error);
}

static gboolean
check_foreign_keys (AnvDb   *db,
                    GError **error)
{
  gint64 n = 0;

  if (!anv_db_query_int64 (db, "SELECT count(*) FROM pragma_foreign_key_check", &n, error))
    return FALSE;
  if (n > 0)
    {
      g_set_error (error, ANV_DB_ERROR, ANV_DB_ERROR_MIGRATION,
                   /* Translators: %lld is a number of rows */
                   g_dngettext (GETTEXT_PACKAGE,
                                "%lld row refers to a record that is not there.",
                                "%lld rows refer to records that are not there.", n),
                   (long long) n);
      return FALSE;
    }
  return TRUE;
}

static gboolean
ids_never_reused (AnvDb   *db,
                  GError **error)
{
  return rebuild_with_autoincrement (db, "seeker", error)
         && rebuild_with_autoincrement (db, "referral", error)
         && anv_migrations_raise_id_sequences (db, NULL, error)
         && check_foreign_keys (db, error);
}

/* Version 6: words of the reference data of version 2. It named five
 * municipalities wrongly ("Kalixs kommun", "Kalmars kommun"): their names as
 * made by anv_municipality_official_name (). And it called the result
 * "jobb" (code, summary, DOMAIN) "Arbete" / "Work" in the list of end
 * reasons: one word for one result, unless an office renamed it. */
static gboolean
correct_reference_words (AnvDb   *db,
                         GError **error)
{
  return anv_municipalities_correct_names (db, error)
         && anv_db_exec (db,
                         "UPDATE end_reason SET label_sv = 'Jobb', label_en = 'Job' "
                         "WHERE code = 'jobb' AND label_sv = 'Arbete' AND label_en = 'Work';",
                         error);
}

/* Version 7: a referral's period (DOMAIN.md: KROM 6 + 6 months, at most
 * 12; STOM blocks of 3, at most 9), as data with the day from which each
 * rule applies; extensions (förlängningar), append-only as corrections
 * are; the last day of each referral's period kept on the referral, so
 * that SQL can use it; and in the summary the referrals open after their
 * period's last day (overdue_end), which active_end no longer counts.
 * The periods of the referrals already there are filled in one statement,
 * and the summary's active and overdue counts follow them (also where
 * retention removed referrals, which a recount could not). */
static const char schema_v7[] =
  "CREATE TABLE period_rule ("
  "  id INTEGER PRIMARY KEY,"
  "  service TEXT NOT NULL REFERENCES service (code),"
  "  valid_from TEXT NOT NULL CHECK (date (valid_from) IS valid_from),"
  "  initial_months INTEGER NOT NULL CHECK (initial_months BETWEEN 1 AND 60),"
  "  extension_months INTEGER NOT NULL CHECK (extension_months BETWEEN 1 AND 60),"
  "  max_months INTEGER NOT NULL CHECK (max_months BETWEEN initial_months AND 120),"
  "  added_by TEXT NOT NULL CHECK (added_by <> ''),"
  "  UNIQUE (service, valid_from)"
  ") STRICT;"
  "INSERT INTO period_rule (service, valid_from, initial_months, extension_months,"
  "                         max_months, added_by) VALUES"
  "  ('KROM', '2020-03-30', 6, 6, 12, 'anvisa'),"
  "  ('STOM', '2014-12-01', 3, 3, 9, 'anvisa');"
  "CREATE TRIGGER period_rule_no_update BEFORE UPDATE ON period_rule BEGIN"
  "  SELECT RAISE (ABORT, 'a period rule is never changed; add one from a later date');"
  "END;"
  "CREATE TRIGGER period_rule_no_delete BEFORE DELETE ON period_rule BEGIN"
  "  SELECT RAISE (ABORT, 'a period rule is never deleted; add one from a later date');"
  "END;"

  "CREATE TABLE referral_extension ("
  "  id INTEGER PRIMARY KEY,"
  "  referral_id INTEGER NOT NULL REFERENCES referral (id),"
  "  recorded_on TEXT NOT NULL CHECK (length (recorded_on) = 10),"
  "  months INTEGER NOT NULL CHECK (months BETWEEN 1 AND 60),"
  "  recorded_by TEXT NOT NULL CHECK (recorded_by <> ''),"
  "  recorded_at TEXT NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now'))"
  ") STRICT;"
  "CREATE INDEX referral_extension_referral ON referral_extension (referral_id);"
  "CREATE TRIGGER referral_extension_no_update BEFORE UPDATE ON referral_extension BEGIN"
  "  SELECT RAISE (ABORT, 'extensions are append-only');"
  "END;"
  "CREATE TRIGGER referral_extension_no_delete BEFORE DELETE ON referral_extension"
  "  WHEN NOT EXISTS (SELECT 1 FROM retention_permit)"
  "BEGIN"
  "  SELECT RAISE (ABORT, 'extensions are append-only');"
  "END;"

  "ALTER TABLE referral ADD COLUMN period_end TEXT"
  "  CHECK (period_end IS NULL OR length (period_end) = 10);"
  "CREATE INDEX referral_open_period_end ON referral (period_end)"
  "  WHERE ended_on IS NULL AND NOT annulled;"

  "ALTER TABLE summary ADD COLUMN overdue_end INTEGER NOT NULL DEFAULT 0;";

static gboolean
fill_periods (AnvDb   *db,
              GError **error)
{
  return anv_referrals_fill_period_ends (db, error)
         && anv_summary_count_periods (db, error);
}

/* Version 8: the count of a month's no-choice defaults in a municipality
 * (anv_providers_propose_default () in anv-approvals.c), asked at every
 * decision, a range scan when the referrals are millions. */
static const char schema_v8[] =
  "CREATE INDEX referral_default_month"
  "  ON referral (municipality_code, service, decided_on) WHERE choice = 'default';";

/* Version 9: every count of the summary split into women and men, and
 * the active at a month's end into those taking part (deltar, started)
 * and those waiting for their start (väntar på start), by sex; the totals
 * stay. The active's split is kept as its four parts, from which its
 * totals follow. A split is NULL where it cannot be known: the cell
 * counts referrals that retention removed, whose sex went with them
 * (anv_summary_count_splits () fills the rest from the referrals). */
static const char schema_v9[] =
  "ALTER TABLE summary ADD COLUMN started_women INTEGER DEFAULT 0;"
  "ALTER TABLE summary ADD COLUMN started_men INTEGER DEFAULT 0;"
  "ALTER TABLE summary ADD COLUMN ended_job_women INTEGER DEFAULT 0;"
  "ALTER TABLE summary ADD COLUMN ended_job_men INTEGER DEFAULT 0;"
  "ALTER TABLE summary ADD COLUMN ended_studies_women INTEGER DEFAULT 0;"
  "ALTER TABLE summary ADD COLUMN ended_studies_men INTEGER DEFAULT 0;"
  "ALTER TABLE summary ADD COLUMN ended_interrupted_women INTEGER DEFAULT 0;"
  "ALTER TABLE summary ADD COLUMN ended_interrupted_men INTEGER DEFAULT 0;"
  "ALTER TABLE summary ADD COLUMN participating_women INTEGER DEFAULT 0;"
  "ALTER TABLE summary ADD COLUMN participating_men INTEGER DEFAULT 0;"
  "ALTER TABLE summary ADD COLUMN waiting_women INTEGER DEFAULT 0;"
  "ALTER TABLE summary ADD COLUMN waiting_men INTEGER DEFAULT 0;";

/* Version 10: an end of a referral that has not started counted apart
 * (avslutad före start), by sex, out of the ends by kind
 * (anv_summary_count_before_start ()); the reason kept with a start
 * reported earlier than the earliest allowed. */
static const char schema_v10[] =
  "ALTER TABLE referral ADD COLUMN start_note TEXT;"
  "ALTER TABLE summary ADD COLUMN ended_before_start INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE summary ADD COLUMN ended_before_start_women INTEGER DEFAULT 0;"
  "ALTER TABLE summary ADD COLUMN ended_before_start_men INTEGER DEFAULT 0;";

/* Publishing: a closed month and its figures as published (the summary's
 * columns of every municipality that month), the revisions of those
 * figures, and the cells of closed months touched by the write under way,
 * which anv-publish.c compares with what was published when the write's
 * audit entry is appended. "IF NOT EXISTS": a test that takes a database
 * back to an older version by hand leaves these tables. */
#define PUBLISHED_COLUMNS \
  "  decided_women INTEGER, decided_men INTEGER, started INTEGER," \
  "  started_women INTEGER, started_men INTEGER," \
  "  ended_job INTEGER, ended_job_women INTEGER, ended_job_men INTEGER," \
  "  ended_studies INTEGER, ended_studies_women INTEGER, ended_studies_men INTEGER," \
  "  ended_interrupted INTEGER, ended_interrupted_women INTEGER," \
  "  ended_interrupted_men INTEGER, ended_before_start INTEGER," \
  "  ended_before_start_women INTEGER, ended_before_start_men INTEGER," \
  "  active_end INTEGER, participating_women INTEGER, participating_men INTEGER," \
  "  waiting_women INTEGER, waiting_men INTEGER, overdue_end INTEGER,"
#define TOUCH_CLOSED(event, row) \
  "CREATE TRIGGER IF NOT EXISTS summary_touch_" event " AFTER " event " ON summary " \
  "WHEN " row ".month IN (SELECT month FROM published_month) BEGIN" \
  "  INSERT OR IGNORE INTO summary_touched (service, municipality_code, month)" \
  "  VALUES (" row ".service, " row ".municipality_code, " row ".month);" \
  "END;"

static const char schema_publish[] =
  "CREATE TABLE IF NOT EXISTS published_month ("
  "  month TEXT PRIMARY KEY CHECK (length (month) = 7),"
  "  closed_at TEXT NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now')),"
  "  closed_by TEXT NOT NULL CHECK (closed_by <> ''),"
  "  note TEXT CHECK (note IS NULL OR length (note) <= 500)"
  ") STRICT;"
  "CREATE TABLE IF NOT EXISTS published_summary ("
  "  service TEXT NOT NULL REFERENCES service (code),"
  "  municipality_code TEXT NOT NULL REFERENCES municipality (code),"
  "  month TEXT NOT NULL REFERENCES published_month (month),"
  PUBLISHED_COLUMNS
  "  PRIMARY KEY (month, service, municipality_code)"
  ") STRICT, WITHOUT ROWID;"
  "CREATE TABLE IF NOT EXISTS summary_revision ("
  "  id INTEGER PRIMARY KEY,"
  "  month TEXT NOT NULL REFERENCES published_month (month),"
  "  service TEXT NOT NULL REFERENCES service (code),"
  "  municipality_code TEXT NOT NULL REFERENCES municipality (code),"
  "  column_name TEXT NOT NULL,"
  "  old_value INTEGER,"
  "  new_value INTEGER,"
  "  audit_id INTEGER REFERENCES audit_log (id),"
  "  recorded_at TEXT NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now'))"
  ") STRICT;"
  "CREATE INDEX IF NOT EXISTS summary_revision_cell"
  "  ON summary_revision (month, service, municipality_code);"
  "CREATE TABLE IF NOT EXISTS summary_touched ("
  "  service TEXT NOT NULL,"
  "  municipality_code TEXT NOT NULL,"
  "  month TEXT NOT NULL,"
  "  PRIMARY KEY (month, service, municipality_code)"
  ") STRICT, WITHOUT ROWID;"
  TOUCH_CLOSED ("INSERT", "NEW")
  TOUCH_CLOSED ("UPDATE", "NEW")
  TOUCH_CLOSED ("DELETE", "OLD")
  "CREATE TRIGGER IF NOT EXISTS published_month_no_change"
  "  BEFORE UPDATE ON published_month BEGIN"
  "  SELECT RAISE (ABORT, 'a closed month stays closed');"
  "END;"
  "CREATE TRIGGER IF NOT EXISTS published_month_no_delete"
  "  BEFORE DELETE ON published_month BEGIN"
  "  SELECT RAISE (ABORT, 'a closed month stays closed');"
  "END;"
  "CREATE TRIGGER IF NOT EXISTS published_summary_no_change"
  "  BEFORE UPDATE ON published_summary BEGIN"
  "  SELECT RAISE (ABORT, 'published figures are kept as published');"
  "END;"
  "CREATE TRIGGER IF NOT EXISTS published_summary_no_delete"
  "  BEFORE DELETE ON published_summary BEGIN"
  "  SELECT RAISE (ABORT, 'published figures are kept as published');"
  "END;"
  "CREATE TRIGGER IF NOT EXISTS summary_revision_no_change"
  "  BEFORE UPDATE ON summary_revision BEGIN"
  "  SELECT RAISE (ABORT, 'revisions are append-only');"
  "END;"
  "CREATE TRIGGER IF NOT EXISTS summary_revision_no_delete"
  "  BEFORE DELETE ON summary_revision BEGIN"
  "  SELECT RAISE (ABORT, 'revisions are append-only');"
  "END;";
#undef PUBLISHED_COLUMNS
#undef TOUCH_CLOSED

/* A referral decided before the job seeker has chosen a provider waits
 * for the choice until a deadline (HACKING.md, "Choice before the
 * deadline"): the rule of how many working days, per service from a
 * date, as data (never changed, a later one added); and the wait of each
 * such referral in a table of its own, so that referral.choice keeps its
 * CHECK and the step creates two small tables whatever the number of
 * referrals (widening the CHECK would copy the referral table). A wait
 * row without chosen_on is a referral still waiting (it has no provider
 * yet); chosen_on is the day the choice, or the default, was recorded. */
static const char schema_choice[] =
  "CREATE TABLE choice_rule ("
  "  id INTEGER PRIMARY KEY,"
  "  service TEXT NOT NULL REFERENCES service (code),"
  "  valid_from TEXT NOT NULL CHECK (date (valid_from) IS valid_from),"
  "  workdays INTEGER NOT NULL CHECK (workdays BETWEEN 1 AND 60),"
  "  added_by TEXT NOT NULL CHECK (added_by <> ''),"
  "  UNIQUE (service, valid_from)"
  ") STRICT;"
  "INSERT INTO choice_rule (service, valid_from, workdays, added_by) VALUES"
  "  ('KROM', '2020-03-30', 10, 'anvisa'),"
  "  ('STOM', '2014-12-01', 10, 'anvisa');"
  "CREATE TRIGGER choice_rule_no_update BEFORE UPDATE ON choice_rule BEGIN"
  "  SELECT RAISE (ABORT, 'a choice rule is never changed; add one from a later date');"
  "END;"
  "CREATE TRIGGER choice_rule_no_delete BEFORE DELETE ON choice_rule BEGIN"
  "  SELECT RAISE (ABORT, 'a choice rule is never deleted; add one from a later date');"
  "END;"

  "CREATE TABLE referral_choice_wait ("
  "  referral_id INTEGER PRIMARY KEY REFERENCES referral (id),"
  "  deadline TEXT NOT NULL CHECK (date (deadline) IS deadline),"
  "  chosen_on TEXT CHECK (chosen_on IS NULL OR date (chosen_on) IS chosen_on),"
  "  chosen_by TEXT CHECK ((chosen_on IS NULL) = (chosen_by IS NULL))"
  ") STRICT;"
  "CREATE INDEX referral_choice_waiting ON referral_choice_wait (deadline)"
  "  WHERE chosen_on IS NULL;"
  "CREATE TRIGGER referral_choice_wait_no_delete BEFORE DELETE ON referral_choice_wait"
  "  WHEN NOT EXISTS (SELECT 1 FROM retention_permit)"
  "BEGIN"
  "  SELECT RAISE (ABORT, 'a referral is never deleted; correct it instead');"
  "END;";

/* The summary's breakdowns, kept like the summary (anv-summary.c): per
 * breakdown (provider, level, age group) and part, the same counts per
 * municipality × month × service. anv_summary_count_parts () fills it
 * from the referrals, what retention removed in the part '?'. */
static const char schema_summary_part[] =
  "CREATE TABLE summary_part ("
  "  dimension TEXT NOT NULL CHECK (dimension IN ('provider', 'level', 'age')),"
  "  part TEXT NOT NULL CHECK (length (part) BETWEEN 1 AND 11),"
  "  service TEXT NOT NULL REFERENCES service (code),"
  "  municipality_code TEXT NOT NULL REFERENCES municipality (code),"
  "  month TEXT NOT NULL CHECK (length (month) = 7),"
  "  decided_women INTEGER NOT NULL DEFAULT 0,"
  "  decided_men INTEGER NOT NULL DEFAULT 0,"
  "  started INTEGER NOT NULL DEFAULT 0,"
  "  started_women INTEGER DEFAULT 0,"
  "  started_men INTEGER DEFAULT 0,"
  "  ended_job INTEGER NOT NULL DEFAULT 0,"
  "  ended_job_women INTEGER DEFAULT 0,"
  "  ended_job_men INTEGER DEFAULT 0,"
  "  ended_studies INTEGER NOT NULL DEFAULT 0,"
  "  ended_studies_women INTEGER DEFAULT 0,"
  "  ended_studies_men INTEGER DEFAULT 0,"
  "  ended_interrupted INTEGER NOT NULL DEFAULT 0,"
  "  ended_interrupted_women INTEGER DEFAULT 0,"
  "  ended_interrupted_men INTEGER DEFAULT 0,"
  "  ended_before_start INTEGER NOT NULL DEFAULT 0,"
  "  ended_before_start_women INTEGER DEFAULT 0,"
  "  ended_before_start_men INTEGER DEFAULT 0,"
  "  active_end INTEGER NOT NULL DEFAULT 0,"
  "  overdue_end INTEGER NOT NULL DEFAULT 0,"
  "  participating_women INTEGER DEFAULT 0,"
  "  participating_men INTEGER DEFAULT 0,"
  "  waiting_women INTEGER DEFAULT 0,"
  "  waiting_men INTEGER DEFAULT 0,"
  /* In the order a breakdown is read in: one range per breakdown and
   * service, each part's months together. */
  "  PRIMARY KEY (dimension, service, municipality_code, part, month)"
  ") STRICT, WITHOUT ROWID;";

/* The no-choice defaults given in a month when the wait for a choice ran
 * out, counted at every decision by the month they were given
 * (anv-approvals.c): a range scan by the day the wait ended. "IF NOT
 * EXISTS": tests take a database back to an older version by hand. */
static const char schema_choice_given[] =
  "CREATE INDEX IF NOT EXISTS referral_choice_given ON referral_choice_wait (chosen_on)"
  "  WHERE chosen_on IS NOT NULL;";

/* Who works on a shared server (HACKING.md, "Roles on the server"): units
 * (kontor) with the municipalities each covers, and the staff, each a
 * server login with one role and one unit (none: the whole country). A
 * login is never removed, only disabled, so that the audit log's names
 * stay explained. On a SQLite file the tables stay empty: its one user
 * holds every role. */
static const char schema_staff[] =
  "CREATE TABLE IF NOT EXISTS unit ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE CHECK (name <> '' AND length (name) <= 100),"
  "  added_by TEXT NOT NULL CHECK (added_by <> ''),"
  "  added_at TEXT NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now'))"
  ") STRICT;"
  "CREATE TABLE IF NOT EXISTS unit_municipality ("
  "  unit_id INTEGER NOT NULL REFERENCES unit (id),"
  "  municipality_code TEXT NOT NULL REFERENCES municipality (code),"
  "  PRIMARY KEY (unit_id, municipality_code)"
  ") STRICT, WITHOUT ROWID;"
  "CREATE TABLE IF NOT EXISTS staff ("
  "  login TEXT PRIMARY KEY CHECK (length (login) BETWEEN 1 AND 63"
  "    AND login GLOB '[a-z]*' AND login NOT GLOB '*[^a-z0-9._-]*'),"
  "  role TEXT NOT NULL CHECK (role IN ('handlaggare', 'chef', 'analytiker', 'skyddade',"
  "                                     'administrator')),"
  "  unit_id INTEGER REFERENCES unit (id),"
  "  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),"
  "  created_by TEXT NOT NULL CHECK (created_by <> ''),"
  "  created_at TEXT NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now'))"
  ") STRICT;"
  "CREATE INDEX IF NOT EXISTS staff_unit ON staff (unit_id);";

/* The same on a server, with the group roles and what each may do
 * (anvisa_grant_roles (), which server init runs again). */
static const char schema_staff_server[] =
  "CREATE TABLE IF NOT EXISTS unit ("
  "  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
  "  name text NOT NULL UNIQUE CHECK (name <> '' AND length (name) <= 100),"
  "  added_by text NOT NULL CHECK (added_by <> ''),"
  "  added_at text NOT NULL DEFAULT anvisa_now ()"
  ");"
  "CREATE TABLE IF NOT EXISTS unit_municipality ("
  "  unit_id bigint NOT NULL REFERENCES unit (id),"
  "  municipality_code text NOT NULL REFERENCES municipality (code),"
  "  PRIMARY KEY (unit_id, municipality_code)"
  ");"
  "CREATE TABLE IF NOT EXISTS staff ("
  "  login text PRIMARY KEY CHECK (login ~ '^[a-z][a-z0-9._-]{0,62}$'),"
  "  role text NOT NULL CHECK (role IN ('handlaggare', 'chef', 'analytiker', 'skyddade',"
  "                                     'administrator')),"
  "  unit_id bigint REFERENCES unit (id),"
  "  disabled integer NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),"
  "  created_by text NOT NULL CHECK (created_by <> ''),"
  "  created_at text NOT NULL DEFAULT anvisa_now ()"
  ");"
  "CREATE INDEX IF NOT EXISTS staff_unit ON staff (unit_id);"
  /* Who made a unit or a login is the server's login, whatever was sent. */
  "CREATE OR REPLACE FUNCTION anvisa_stamp_added_by () RETURNS trigger"
  "  LANGUAGE plpgsql "
  "AS $$ "
  "BEGIN"
  "  IF TG_TABLE_NAME = 'unit' THEN"
  "    NEW.added_by := session_user;"
  "  ELSE"
  "    NEW.created_by := session_user;"
  "  END IF;"
  "  RETURN NEW;"
  "END "
  "$$;"
  "CREATE OR REPLACE TRIGGER unit_stamp BEFORE INSERT ON unit"
  "  FOR EACH ROW EXECUTE FUNCTION anvisa_stamp_added_by ();"
  "CREATE OR REPLACE TRIGGER staff_stamp BEFORE INSERT ON staff"
  "  FOR EACH ROW EXECUTE FUNCTION anvisa_stamp_added_by ();"
  /* Row-level security by unit: a login of one of the five roles reaches
   * the job seekers of its unit's municipalities (all of them without a
   * unit) and those it registered, and their referrals; other logins (the
   * group of the time before roles) every row; the owner is not limited. */
  "CREATE OR REPLACE FUNCTION anvisa_reaches (code text, registered_by text)"
  "  RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER"
  "  SET search_path = public, pg_catalog "
  "AS $$ "
  "  SELECT registered_by = session_user"
  "    OR NOT EXISTS (SELECT 1 FROM pg_catalog.pg_auth_members m"
  "                   JOIN pg_catalog.pg_roles g ON g.oid = m.roleid"
  "                   JOIN pg_catalog.pg_roles u ON u.oid = m.member"
  "                   WHERE u.rolname = session_user"
  "                     AND g.rolname IN ('anvisa_handlaggare', 'anvisa_chef',"
  "                                       'anvisa_analytiker', 'anvisa_skyddade',"
  "                                       'anvisa_administrator'))"
  "    OR EXISTS (SELECT 1 FROM staff s"
  "               WHERE s.login = session_user AND s.disabled = 0"
  "                 AND (s.unit_id IS NULL"
  "                      OR EXISTS (SELECT 1 FROM unit_municipality um"
  "                                 WHERE um.unit_id = s.unit_id"
  "                                   AND um.municipality_code = code)))"
  "$$;"
  "ALTER TABLE seeker ENABLE ROW LEVEL SECURITY;"
  "ALTER TABLE referral ENABLE ROW LEVEL SECURITY;"
  "DROP POLICY IF EXISTS seeker_read ON seeker;"
  "DROP POLICY IF EXISTS seeker_change ON seeker;"
  "DROP POLICY IF EXISTS seeker_register ON seeker;"
  "DROP POLICY IF EXISTS referral_read ON referral;"
  "DROP POLICY IF EXISTS referral_change ON referral;"
  "DROP POLICY IF EXISTS referral_decide ON referral;"
  "CREATE POLICY seeker_read ON seeker FOR SELECT"
  "  USING (anvisa_reaches (municipality_code, registered_by));"
  /* A person who moves to another unit's municipality is moved by the
   * officer who knows it, and leaves that officer's view. */
  "CREATE POLICY seeker_change ON seeker FOR UPDATE"
  "  USING (anvisa_reaches (municipality_code, registered_by)) WITH CHECK (true);"
  "CREATE POLICY seeker_register ON seeker FOR INSERT WITH CHECK (true);"
  "CREATE POLICY referral_read ON referral FOR SELECT"
  "  USING (EXISTS (SELECT 1 FROM seeker s WHERE s.id = seeker_id));"
  "CREATE POLICY referral_change ON referral FOR UPDATE"
  "  USING (EXISTS (SELECT 1 FROM seeker s WHERE s.id = seeker_id)) WITH CHECK (true);"
  "CREATE POLICY referral_decide ON referral FOR INSERT"
  "  WITH CHECK (EXISTS (SELECT 1 FROM seeker s WHERE s.id = seeker_id));"
  /* The group roles and their rights. Creates a missing group when the
   * login may create roles; grants each group that is there exactly what
   * the table below says (all else revoked first), so that running it
   * again after a change of design, or after IT created the groups by
   * hand, leaves every group as designed. Returns how many it created. */
  "CREATE OR REPLACE FUNCTION anvisa_grant_roles () RETURNS integer"
  "  LANGUAGE plpgsql "
  "AS $$ "
  "DECLARE"
  "  may_create boolean;"
  "  created integer := 0;"
  "  r text;"
  "  g record;"
  "BEGIN"
  "  SELECT rolcreaterole OR rolsuper INTO may_create"
  "    FROM pg_catalog.pg_roles WHERE rolname = current_user;"
  "  FOREACH r IN ARRAY ARRAY['anvisa_handlaggare', 'anvisa_chef', 'anvisa_analytiker',"
  "                           'anvisa_skyddade', 'anvisa_administrator'] LOOP"
  "    IF may_create AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = r) THEN"
  "      BEGIN"
  "        EXECUTE format ('CREATE ROLE %I NOLOGIN', r);"
  "        created := created + 1;"
           /* Another database of the same server made it meanwhile. */
  "      EXCEPTION WHEN duplicate_object OR unique_violation THEN"
  "        NULL;"
  "      END;"
  "    END IF;"
  "    IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = r) THEN"
  "      EXECUTE format ('REVOKE ALL ON ALL TABLES IN SCHEMA public FROM %I', r);"
  "      EXECUTE format ('REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM %I', r);"
  "      EXECUTE format ('REVOKE SELECT (id) ON audit_log FROM %I', r);"
  "      EXECUTE format ('GRANT USAGE ON SCHEMA public TO %I', r);"
  "    END IF;"
  "  END LOOP;"
  "  FOR g IN SELECT * FROM (VALUES"
       /* Everyone: the version, the reference data, the units; appending
        * to the audit log (RETURNING id needs its id), never changing it. */
  "    ('handlaggare chef analytiker skyddade administrator', 'SELECT',"
  "     'anvisa_schema, county, municipality, postal_code, service, service_availability,"
  "      end_reason, provider, delivery_area, delivery_area_municipality, approval,"
  "      period_rule, choice_rule, unit, unit_municipality, summary_touched'),"
  "    ('handlaggare chef analytiker skyddade administrator', 'INSERT, SELECT (id)',"
  "     'audit_log'),"
       /* Officers: personal data to read and write (never to delete: a
        * referral is corrected, retention runs as the owner), and the
        * summary their writes keep. */
  "    ('handlaggare chef skyddade', 'SELECT, INSERT, UPDATE',"
  "     'seeker, referral, referral_provider, referral_correction, referral_extension,"
  "      referral_choice_wait'),"
  "    ('handlaggare chef skyddade', 'SELECT, INSERT, UPDATE, DELETE',"
  "     'summary, summary_part, summary_touched'),"
  "    ('handlaggare chef skyddade', 'USAGE, SELECT',"
  "     'SEQUENCE seeker_id_seq, referral_id_seq, referral_provider_id_seq,"
  "      referral_correction_id_seq, referral_extension_id_seq, audit_log_id_seq'),"
  "    ('handlaggare chef skyddade', 'SELECT', 'published_month, published_summary'),"
       /* A change to a closed month's figures is recorded as a revision by
        * the write that made it (anv_publish_record_revisions ()). */
  "    ('handlaggare chef skyddade', 'SELECT, INSERT', 'summary_revision'),"
  "    ('handlaggare chef skyddade', 'USAGE, SELECT', 'SEQUENCE summary_revision_id_seq'),"
       /* The supervisor: closes months, reads the audit log and the staff. */
  "    ('chef', 'INSERT', 'published_month, published_summary'),"
  "    ('chef administrator', 'SELECT', 'audit_log, staff'),"
       /* The analyst: the summary, its breakdowns and what was published. */
  "    ('analytiker', 'SELECT', 'summary, summary_part, published_month, published_summary,"
  "      summary_revision'),"
       /* The administrator: reference data, units and staff. */
  "    ('administrator', 'INSERT, UPDATE, DELETE',"
  "     'service_availability, end_reason, provider, delivery_area,"
  "      delivery_area_municipality, approval, period_rule, choice_rule, unit_municipality'),"
  "    ('administrator', 'INSERT, UPDATE', 'unit, staff'),"
  "    ('administrator', 'USAGE, SELECT',"
  "     'SEQUENCE service_availability_id_seq, provider_id_seq, delivery_area_id_seq,"
  "      approval_id_seq, period_rule_id_seq, choice_rule_id_seq, unit_id_seq,"
  "      audit_log_id_seq')"
  "  ) AS t (roles, privileges, objects) LOOP"
  "    FOREACH r IN ARRAY string_to_array (g.roles, ' ') LOOP"
  "      IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'anvisa_' || r) THEN"
  "        EXECUTE format ('GRANT %s ON %s TO %I', g.privileges, g.objects, 'anvisa_' || r);"
  "      END IF;"
  "    END LOOP;"
  "  END LOOP;"
     /* The group of the time before roles keeps what it had (server.sql),
      * and may read who works where. */
  "  IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'anvisa_officers') THEN"
  "    GRANT SELECT ON unit, unit_municipality, staff TO anvisa_officers;"
     /* but never the schema's version: one DELETE made the database
      * unusable for everyone, server init included */
  "    REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON anvisa_schema FROM anvisa_officers;"
  "  END IF;"
  "  RETURN created;"
  "END "
  "$$;"
  "REVOKE ALL ON FUNCTION anvisa_grant_roles () FROM PUBLIC;"
  "SELECT anvisa_grant_roles ();";

/* Protected identity on a server (HACKING.md, "Roles on the server"): a
 * job seeker marked protected does not exist for a login of the five
 * groups but anvisa_skyddade, nor do their referrals. The login's place is
 * read by three functions that the policies call as (SELECT …), so that
 * the server runs each once per statement rather than once per row. On a
 * SQLite file nothing changes: its one user holds every role. */
#define SEEKER_VISIBLE \
  "((protected_identity = 0 OR (SELECT anvisa_login_sees_protected ()))" \
  " AND ((SELECT anvisa_login_reach ()) IS NULL" \
  "      OR municipality_code = ANY ((SELECT anvisa_login_reach ())::text[])" \
  "      OR registered_by = session_user))"

static const char schema_protected_server[] =
  /* TRUE when the login is a member of one of the five groups. */
  "CREATE OR REPLACE FUNCTION anvisa_login_has_role () RETURNS boolean"
  "  LANGUAGE sql STABLE SECURITY DEFINER"
  "  SET search_path = pg_catalog, public, pg_temp "
  "AS $$ "
  "  SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_auth_members m"
  "                 JOIN pg_catalog.pg_roles g ON g.oid = m.roleid"
  "                 JOIN pg_catalog.pg_roles u ON u.oid = m.member"
  "                 WHERE u.rolname = session_user"
  "                   AND g.rolname IN ('anvisa_handlaggare', 'anvisa_chef',"
  "                                     'anvisa_analytiker', 'anvisa_skyddade',"
  "                                     'anvisa_administrator'))"
  "$$;"
  /* The municipalities the login reaches: NULL for all of them (no unit,
   * or a login of none of the groups), none for a disabled login or one
   * missing from staff. */
  "CREATE OR REPLACE FUNCTION anvisa_login_reach () RETURNS text[]"
  "  LANGUAGE plpgsql STABLE SECURITY DEFINER"
  "  SET search_path = pg_catalog, public, pg_temp "
  "AS $$ "
  "DECLARE"
  "  its_unit bigint;"
  "BEGIN"
  "  IF NOT anvisa_login_has_role () THEN"
  "    RETURN NULL;"
  "  END IF;"
  "  SELECT s.unit_id INTO its_unit FROM staff s"
  "    WHERE s.login = session_user AND s.disabled = 0;"
  "  IF NOT FOUND THEN"
  "    RETURN '{}';"
  "  END IF;"
  "  IF its_unit IS NULL THEN"
  "    RETURN NULL;"
  "  END IF;"
  "  RETURN ARRAY (SELECT um.municipality_code FROM unit_municipality um"
  "                WHERE um.unit_id = its_unit);"
  "END "
  "$$;"
  /* Cleared for protected identities: anvisa_skyddade, and the logins of
   * none of the groups (anvisa_officers of the time before roles, which
   * saw every row then; the owner is not limited at all). */
  "CREATE OR REPLACE FUNCTION anvisa_login_sees_protected () RETURNS boolean"
  "  LANGUAGE sql STABLE SECURITY DEFINER"
  "  SET search_path = pg_catalog, public, pg_temp "
  "AS $$ "
  "  SELECT NOT anvisa_login_has_role ()"
  "    OR EXISTS (SELECT 1 FROM pg_catalog.pg_auth_members m"
  "               JOIN pg_catalog.pg_roles g ON g.oid = m.roleid"
  "               JOIN pg_catalog.pg_roles u ON u.oid = m.member"
  "               WHERE u.rolname = session_user AND g.rolname = 'anvisa_skyddade')"
  "$$;"
  /* Every login may run them (PUBLIC, the default): they tell a login
   * only about itself. */
  /* The job seeker's policies again, with the protected identity; a
   * referral is reached through its job seeker, as before. */
  "DROP POLICY IF EXISTS seeker_read ON seeker;"
  "DROP POLICY IF EXISTS seeker_change ON seeker;"
  "CREATE POLICY seeker_read ON seeker FOR SELECT USING " SEEKER_VISIBLE ";"
  "CREATE POLICY seeker_change ON seeker FOR UPDATE USING " SEEKER_VISIBLE
  "  WITH CHECK (true);";

/* The referral's history and the audit log on a server (HACKING.md, "Roles
 * on the server"): each history row follows its referral's visibility, for
 * reading, writing and changing; the audit log is read by unit. */
#define REFERRAL_VISIBLE "(EXISTS (SELECT 1 FROM referral r WHERE r.id = referral_id))"

static const char schema_history_reach_server[] =
  "ALTER TABLE referral_provider ENABLE ROW LEVEL SECURITY;"
  "ALTER TABLE referral_correction ENABLE ROW LEVEL SECURITY;"
  "ALTER TABLE referral_extension ENABLE ROW LEVEL SECURITY;"
  "ALTER TABLE referral_choice_wait ENABLE ROW LEVEL SECURITY;"
  "DROP POLICY IF EXISTS referral_provider_reach ON referral_provider;"
  "DROP POLICY IF EXISTS referral_correction_reach ON referral_correction;"
  "DROP POLICY IF EXISTS referral_extension_reach ON referral_extension;"
  "DROP POLICY IF EXISTS referral_choice_wait_reach ON referral_choice_wait;"
  "CREATE POLICY referral_provider_reach ON referral_provider"
  "  USING " REFERRAL_VISIBLE " WITH CHECK " REFERRAL_VISIBLE ";"
  "CREATE POLICY referral_correction_reach ON referral_correction"
  "  USING " REFERRAL_VISIBLE " WITH CHECK " REFERRAL_VISIBLE ";"
  "CREATE POLICY referral_extension_reach ON referral_extension"
  "  USING " REFERRAL_VISIBLE " WITH CHECK " REFERRAL_VISIBLE ";"
  "CREATE POLICY referral_choice_wait_reach ON referral_choice_wait"
  "  USING " REFERRAL_VISIBLE " WITH CHECK " REFERRAL_VISIBLE ";"
  /* Whose audit entries a login reads besides its own: NULL for all (a chef
   * without a unit, a login of none of the groups), a chef with a unit the
   * logins of its unit's staff (disabled ones too: their entries stay),
   * anyone else nobody's. */
  "CREATE OR REPLACE FUNCTION anvisa_login_audit_reach () RETURNS text[]"
  "  LANGUAGE plpgsql STABLE SECURITY DEFINER"
  "  SET search_path = pg_catalog, public, pg_temp "
  "AS $$ "
  "DECLARE"
  "  its_unit bigint;"
  "BEGIN"
  "  IF NOT anvisa_login_has_role () THEN"
  "    RETURN NULL;"
  "  END IF;"
  "  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_auth_members m"
  "                 JOIN pg_catalog.pg_roles g ON g.oid = m.roleid"
  "                 JOIN pg_catalog.pg_roles u ON u.oid = m.member"
  "                 WHERE u.rolname = session_user AND g.rolname = 'anvisa_chef') THEN"
  "    RETURN '{}';"
  "  END IF;"
  "  SELECT s.unit_id INTO its_unit FROM staff s"
  "    WHERE s.login = session_user AND s.disabled = 0;"
  "  IF NOT FOUND THEN"
  "    RETURN '{}';"
  "  END IF;"
  "  IF its_unit IS NULL THEN"
  "    RETURN NULL;"
  "  END IF;"
  "  RETURN ARRAY (SELECT s.login FROM staff s WHERE s.unit_id = its_unit);"
  "END "
  "$$;"
  "CREATE OR REPLACE FUNCTION anvisa_login_is_administrator () RETURNS boolean"
  "  LANGUAGE sql STABLE SECURITY DEFINER"
  "  SET search_path = pg_catalog, public, pg_temp "
  "AS $$ "
  "  SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_auth_members m"
  "                 JOIN pg_catalog.pg_roles g ON g.oid = m.roleid"
  "                 JOIN pg_catalog.pg_roles u ON u.oid = m.member"
  "                 WHERE u.rolname = session_user AND g.rolname = 'anvisa_administrator')"
  "$$;"
  "ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;"
  "DROP POLICY IF EXISTS audit_log_read ON audit_log;"
  "DROP POLICY IF EXISTS audit_log_append ON audit_log;"
  /* Everyone reads their own entries (which INSERT … RETURNING id needs;
   * the grants give most roles only the id). A chef with a unit reads its
   * staff's entries and those about its staff; an administrator those
   * about the reference data, units and staff, whoever wrote them; both
   * the retention's, which name nobody and which the summary's recount
   * reads. */
  "CREATE POLICY audit_log_read ON audit_log FOR SELECT USING ("
  "  actor = session_user"
  "  OR (SELECT anvisa_login_audit_reach ()) IS NULL"
  "  OR actor = ANY ((SELECT anvisa_login_audit_reach ())::text[])"
  "  OR (entity = 'staff' AND entity_id = ANY ((SELECT anvisa_login_audit_reach ())::text[]))"
  "  OR ((SELECT anvisa_login_is_administrator ())"
  "      AND entity IN ('provider', 'delivery_area', 'end_reason', 'period_rule',"
  "                     'choice_rule', 'municipality', 'unit', 'staff', 'database'))"
  "  OR (action = 'seeker.retention'"
  "      AND ((SELECT anvisa_login_is_administrator ())"
  "           OR (SELECT anvisa_login_audit_reach ()) IS DISTINCT FROM '{}')));"
  "CREATE POLICY audit_log_append ON audit_log FOR INSERT WITH CHECK (true);"
  /* The planner costs a reach check in its correlated form, which makes
   * every larger statement's estimate pass the threshold of JIT
   * compilation: a fifth of a second each, for nothing at these sizes.
   * Off for this database, where the owner may say so (new sessions). */
  "DO $$ "
  "BEGIN"
  "  EXECUTE format ('ALTER DATABASE %I SET jit = off', current_database ());"
  "EXCEPTION WHEN insufficient_privilege THEN"
  "  NULL;"
  "END "
  "$$;";

/* Every row change on a server, in the server's own record (HACKING.md,
 * "Roles on the server"): which transaction, which login, when, which
 * table, what operation and which rows — never the values. A change whose
 * transaction wrote no audit entry was made outside Anvisa. */
static const char schema_row_change_server[] =
  "ALTER TABLE audit_log ADD COLUMN IF NOT EXISTS txid bigint;"
  "ALTER TABLE audit_log ALTER COLUMN txid SET DEFAULT txid_current ();"
  "CREATE INDEX IF NOT EXISTS audit_log_txid ON audit_log (txid);"
  /* As the actor and the time: the server's, whatever was sent. */
  "CREATE OR REPLACE FUNCTION audit_log_stamp () RETURNS trigger"
  "  LANGUAGE plpgsql "
  "AS $$ "
  "BEGIN"
  "  NEW.actor := session_user;"
  "  NEW.at := anvisa_now ();"
  "  NEW.txid := txid_current ();"
  "  RETURN NEW;"
  "END "
  "$$;"
  "CREATE TABLE IF NOT EXISTS row_change ("
  "  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
  "  txid bigint NOT NULL DEFAULT txid_current (),"
  "  login text NOT NULL DEFAULT session_user,"
  "  at text NOT NULL DEFAULT anvisa_now (),"
  "  table_name text NOT NULL,"
  "  operation text NOT NULL CHECK (operation IN ('INSERT', 'UPDATE', 'DELETE')),"
  "  row_ids bigint[] NOT NULL"
  ");"
  "CREATE INDEX IF NOT EXISTS row_change_txid ON row_change (txid);"
  "CREATE OR REPLACE TRIGGER row_change_no_update BEFORE UPDATE ON row_change"
  "  FOR EACH ROW EXECUTE FUNCTION anvisa_refuse ('the row changes are append-only');"
  "CREATE OR REPLACE TRIGGER row_change_no_delete BEFORE DELETE ON row_change"
  "  FOR EACH ROW EXECUTE FUNCTION anvisa_refuse_unless_retention ("
  "    'the row changes are append-only');"
  /* One row per statement and table, whatever the number of rows: a load
   * of a hundred thousand costs one array. The rows are the transition
   * table "changed" (the new rows, or the old of a delete); static SQL,
   * planned once per session. Run as the owner, so that no login needs a
   * right on row_change. */
  "CREATE OR REPLACE FUNCTION anvisa_record_row_change () RETURNS trigger"
  "  LANGUAGE plpgsql SECURITY DEFINER"
  "  SET search_path = pg_catalog, public, pg_temp "
  "AS $$ "
  "BEGIN"
  "  INSERT INTO row_change (table_name, operation, row_ids)"
  "  SELECT TG_TABLE_NAME, TG_OP, ids"
  "  FROM (SELECT array_agg (id) AS ids FROM changed) c WHERE ids IS NOT NULL;"
  "  RETURN NULL;"
  "END "
  "$$;"
  /* The same for the one table whose key is its referral's. */
  "CREATE OR REPLACE FUNCTION anvisa_record_referral_row_change () RETURNS trigger"
  "  LANGUAGE plpgsql SECURITY DEFINER"
  "  SET search_path = pg_catalog, public, pg_temp "
  "AS $$ "
  "BEGIN"
  "  INSERT INTO row_change (table_name, operation, row_ids)"
  "  SELECT TG_TABLE_NAME, TG_OP, ids"
  "  FROM (SELECT array_agg (referral_id) AS ids FROM changed) c WHERE ids IS NOT NULL;"
  "  RETURN NULL;"
  "END "
  "$$;"
  "REVOKE ALL ON FUNCTION anvisa_record_row_change (),"
  "  anvisa_record_referral_row_change () FROM PUBLIC;"
  "DO $$ "
  "DECLARE"
  "  t record;"
  "BEGIN"
  "  FOR t IN SELECT * FROM (VALUES"
  "      ('seeker', 'anvisa_record_row_change'), ('referral', 'anvisa_record_row_change'),"
  "      ('referral_provider', 'anvisa_record_row_change'),"
  "      ('referral_correction', 'anvisa_record_row_change'),"
  "      ('referral_extension', 'anvisa_record_row_change'),"
  "      ('referral_choice_wait', 'anvisa_record_referral_row_change')) AS v (tab, func) LOOP"
  "    EXECUTE format ('CREATE OR REPLACE TRIGGER %I AFTER INSERT ON %I"
  "                       REFERENCING NEW TABLE AS changed FOR EACH STATEMENT"
  "                       EXECUTE FUNCTION %I ()', t.tab || '_row_insert', t.tab, t.func);"
  "    EXECUTE format ('CREATE OR REPLACE TRIGGER %I AFTER UPDATE ON %I"
  "                       REFERENCING NEW TABLE AS changed FOR EACH STATEMENT"
  "                       EXECUTE FUNCTION %I ()', t.tab || '_row_update', t.tab, t.func);"
  "    EXECUTE format ('CREATE OR REPLACE TRIGGER %I AFTER DELETE ON %I"
  "                       REFERENCING OLD TABLE AS changed FOR EACH STATEMENT"
  "                       EXECUTE FUNCTION %I ()', t.tab || '_row_delete', t.tab, t.func);"
  "  END LOOP;"
  "END "
  "$$;"
  /* The transactions that changed rows and wrote no audit entry, since
   * @since (an ISO time, NULL: all): one row each, with the login, the
   * time and what changed ("referral UPDATE 1; seeker INSERT 3"). Runs as
   * the owner: it must see every entry, whoever may read which. */
  "CREATE OR REPLACE FUNCTION anvisa_changes_outside (since text DEFAULT NULL)"
  "  RETURNS TABLE (txid bigint, login text, at text, changes text)"
  "  LANGUAGE sql STABLE SECURITY DEFINER"
  "  SET search_path = pg_catalog, public, pg_temp "
  "AS $$ "
  "  SELECT c.txid, min (c.login), min (c.at),"
  "         string_agg (c.table_name || ' ' || c.operation || ' ' || cardinality (c.row_ids),"
  "                     '; ' ORDER BY c.id)"
  "  FROM row_change c"
  "  WHERE (since IS NULL OR c.at >= since)"
  "    AND NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.txid = c.txid)"
  "  GROUP BY c.txid ORDER BY min (c.id)"
  "$$;"
  "CREATE OR REPLACE FUNCTION anvisa_grant_roles () RETURNS integer"
  "  LANGUAGE plpgsql "
  "AS $$ "
  "DECLARE"
  "  may_create boolean;"
  "  created integer := 0;"
  "  r text;"
  "  g record;"
  "BEGIN"
  "  SELECT rolcreaterole OR rolsuper INTO may_create"
  "    FROM pg_catalog.pg_roles WHERE rolname = current_user;"
  "  FOREACH r IN ARRAY ARRAY['anvisa_handlaggare', 'anvisa_chef', 'anvisa_analytiker',"
  "                           'anvisa_skyddade', 'anvisa_administrator'] LOOP"
  "    IF may_create AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = r) THEN"
  "      BEGIN"
  "        EXECUTE format ('CREATE ROLE %I NOLOGIN', r);"
  "        created := created + 1;"
           /* Another database of the same server made it meanwhile. */
  "      EXCEPTION WHEN duplicate_object OR unique_violation THEN"
  "        NULL;"
  "      END;"
  "    END IF;"
  "    IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = r) THEN"
  "      EXECUTE format ('REVOKE ALL ON ALL TABLES IN SCHEMA public FROM %I', r);"
  "      EXECUTE format ('REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM %I', r);"
  "      EXECUTE format ('REVOKE SELECT (id) ON audit_log FROM %I', r);"
  "      EXECUTE format ('GRANT USAGE ON SCHEMA public TO %I', r);"
  "    END IF;"
  "  END LOOP;"
  "  FOR g IN SELECT * FROM (VALUES"
       /* Everyone: the version, the reference data, the units; appending
        * to the audit log (RETURNING id needs its id), never changing it. */
  "    ('handlaggare chef analytiker skyddade administrator', 'SELECT',"
  "     'anvisa_schema, county, municipality, postal_code, service, service_availability,"
  "      end_reason, provider, delivery_area, delivery_area_municipality, approval,"
  "      period_rule, choice_rule, unit, unit_municipality, summary_touched'),"
  "    ('handlaggare chef analytiker skyddade administrator', 'INSERT, SELECT (id)',"
  "     'audit_log'),"
       /* Officers: personal data to read and write (never to delete: a
        * referral is corrected, retention runs as the owner), and the
        * summary their writes keep. */
  "    ('handlaggare chef skyddade', 'SELECT, INSERT, UPDATE',"
  "     'seeker, referral, referral_provider, referral_correction, referral_extension,"
  "      referral_choice_wait'),"
  "    ('handlaggare chef skyddade', 'SELECT, INSERT, UPDATE, DELETE',"
  "     'summary, summary_part, summary_touched'),"
  "    ('handlaggare chef skyddade', 'USAGE, SELECT',"
  "     'SEQUENCE seeker_id_seq, referral_id_seq, referral_provider_id_seq,"
  "      referral_correction_id_seq, referral_extension_id_seq, audit_log_id_seq'),"
  "    ('handlaggare chef skyddade', 'SELECT', 'published_month, published_summary'),"
       /* A change to a closed month's figures is recorded as a revision by
        * the write that made it (anv_publish_record_revisions ()). */
  "    ('handlaggare chef skyddade', 'SELECT, INSERT', 'summary_revision'),"
  "    ('handlaggare chef skyddade', 'USAGE, SELECT', 'SEQUENCE summary_revision_id_seq'),"
       /* The supervisor: closes months, reads the audit log and the staff. */
  "    ('chef', 'INSERT', 'published_month, published_summary'),"
  "    ('chef administrator', 'SELECT', 'audit_log, staff'),"
       /* … and the row changes, which hold no personal values. */
  "    ('chef administrator', 'SELECT', 'row_change'),"
       /* The analyst: the summary, its breakdowns and what was published. */
  "    ('analytiker', 'SELECT', 'summary, summary_part, published_month, published_summary,"
  "      summary_revision'),"
       /* The administrator: reference data, units and staff. */
  "    ('administrator', 'INSERT, UPDATE, DELETE',"
  "     'service_availability, end_reason, provider, delivery_area,"
  "      delivery_area_municipality, approval, period_rule, choice_rule, unit_municipality'),"
  "    ('administrator', 'INSERT, UPDATE', 'unit, staff'),"
  "    ('administrator', 'USAGE, SELECT',"
  "     'SEQUENCE service_availability_id_seq, provider_id_seq, delivery_area_id_seq,"
  "      approval_id_seq, period_rule_id_seq, choice_rule_id_seq, unit_id_seq,"
  "      audit_log_id_seq')"
  "  ) AS t (roles, privileges, objects) LOOP"
  "    FOREACH r IN ARRAY string_to_array (g.roles, ' ') LOOP"
  "      IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'anvisa_' || r) THEN"
  "        EXECUTE format ('GRANT %s ON %s TO %I', g.privileges, g.objects, 'anvisa_' || r);"
  "      END IF;"
  "    END LOOP;"
  "  END LOOP;"
     /* The group of the time before roles keeps what it had (server.sql),
      * and may read who works where. */
  "  IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'anvisa_officers') THEN"
  "    GRANT SELECT ON unit, unit_municipality, staff TO anvisa_officers;"
     /* but never the schema's version: one DELETE made the database
      * unusable for everyone, server init included */
  "    REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON anvisa_schema FROM anvisa_officers;"
  "  END IF;"
     /* Only they may list the changes made outside Anvisa. */
  "  REVOKE ALL ON FUNCTION anvisa_changes_outside (text) FROM PUBLIC;"
  "  FOREACH r IN ARRAY ARRAY['anvisa_chef', 'anvisa_administrator'] LOOP"
  "    IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = r) THEN"
  "      EXECUTE format ('GRANT EXECUTE ON FUNCTION anvisa_changes_outside (text) TO %I', r);"
  "    END IF;"
  "  END LOOP;"
     /* pgaudit's object auditing role, when IT made it: it logs every
      * statement that reads a table the role may read. */
  "  IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'anvisa_auditor') THEN"
  "    REVOKE ALL ON ALL TABLES IN SCHEMA public FROM anvisa_auditor;"
  "    GRANT SELECT ON seeker, referral, referral_provider, referral_correction,"
  "      referral_extension, referral_choice_wait TO anvisa_auditor;"
  "  END IF;"
  "  RETURN created;"
  "END "
  "$$;"
  "REVOKE ALL ON FUNCTION anvisa_grant_roles () FROM PUBLIC;"
  "SELECT anvisa_grant_roles ();";

/* A name search on a server through the trigram index (HACKING.md, "Roles
 * on the server"). Under row-level security the planner may not use the
 * index for ILIKE, which is not leakproof: it would read every job seeker
 * a login reaches and test each name. This function looks the word up in
 * the index as the owner and applies the seeker's read policy itself, so
 * it returns no id the login could not read; the search reads the rows it
 * returns under the policy again. */
static const char schema_name_lookup_server[] =
  "CREATE OR REPLACE FUNCTION anvisa_seekers_named (word text) RETURNS SETOF bigint"
  "  LANGUAGE sql STABLE SECURITY DEFINER"
  "  SET search_path = pg_catalog, public, pg_temp "
  "AS $$ "
  "  SELECT id FROM seeker"
  "  WHERE name ILIKE '%' || word || '%' AND " SEEKER_VISIBLE
  "$$;";

/* The person's name beside the login (`user add --name`), for the window
 * to greet them by; and on a server a login's own row, which every role
 * may ask for (a handläggare may not read the staff): anvisa_whoami ()
 * tells a login about itself only. */
static gboolean
add_staff_name (AnvDb   *db,
                GError **error)
{
  /* "If not there": tests take a database back to an older version by
   * hand, and SQLite has no ADD COLUMN IF NOT EXISTS. */
  gint64 there = 0;
  AnvDbStmt *stmt = anv_db_prepare (db, "migrations/staff-has-name",
    "SELECT count (*) FROM pragma_table_info ('staff') WHERE name = 'name'", error);

  if (stmt == NULL || !anv_db_step_row (stmt, error))
    return FALSE;
  there = anv_db_column_int64 (stmt, 0);
  anv_db_reset (stmt);
  return there > 0
         || anv_db_exec (db, "ALTER TABLE staff ADD COLUMN name TEXT"
                             "  CHECK (name IS NULL OR (name <> '' AND length (name) <= 100));",
                         error);
}

static const char schema_staff_name_server[] =
  "ALTER TABLE staff ADD COLUMN IF NOT EXISTS name text"
  "  CHECK (name IS NULL OR (name <> '' AND length (name) <= 100));"
  "CREATE OR REPLACE FUNCTION anvisa_whoami ()"
  "  RETURNS TABLE (role text, unit text, name text, disabled integer)"
  "  LANGUAGE sql STABLE SECURITY DEFINER"
  "  SET search_path = pg_catalog, public, pg_temp "
  "AS $$ "
  "  SELECT s.role, u.name, s.name, s.disabled FROM staff s"
  "  LEFT JOIN unit u ON u.id = s.unit_id WHERE s.login = session_user"
  "$$;";

/* What an outside test found the server still let a role do with psql
 * (HACKING.md, "Roles on the server"): a handläggare set the protected
 * flag on every job seeker of its unit in one UPDATE without WHERE (which
 * reads no column, so the read policy was not checked on the new rows),
 * and changed the summary's figures with no trace. A job seeker's change
 * may now set the flag only for a login cleared for it, as registering
 * may; and the summary's tables record their changes in row_change as
 * the personal tables do (a cell has no id: one NULL per cell changed),
 * so that anvisa_changes_outside () lists a figure changed outside
 * Anvisa. */
static const char schema_guard_summary_server[] =
  "DROP POLICY IF EXISTS seeker_change ON seeker;"
  "CREATE POLICY seeker_change ON seeker FOR UPDATE USING " SEEKER_VISIBLE
  "  WITH CHECK (protected_identity = 0 OR (SELECT anvisa_login_sees_protected ()));"
  "CREATE OR REPLACE FUNCTION anvisa_record_cell_change () RETURNS trigger"
  "  LANGUAGE plpgsql SECURITY DEFINER"
  "  SET search_path = pg_catalog, public, pg_temp "
  "AS $$ "
  "BEGIN"
  "  INSERT INTO row_change (table_name, operation, row_ids)"
  "  SELECT TG_TABLE_NAME, TG_OP, ids"
  "  FROM (SELECT array_agg (NULL::bigint) AS ids FROM changed) c WHERE ids IS NOT NULL;"
  "  RETURN NULL;"
  "END "
  "$$;"
  "REVOKE ALL ON FUNCTION anvisa_record_cell_change () FROM PUBLIC;"
  "DO $$ "
  "DECLARE"
  "  t record;"
  "BEGIN"
  "  FOR t IN SELECT * FROM (VALUES"
  "      ('summary', 'anvisa_record_cell_change'), ('summary_part', 'anvisa_record_cell_change'),"
  "      ('summary_revision', 'anvisa_record_row_change')) AS v (tab, func) LOOP"
  "    EXECUTE format ('CREATE OR REPLACE TRIGGER %I AFTER INSERT ON %I"
  "                       REFERENCING NEW TABLE AS changed FOR EACH STATEMENT"
  "                       EXECUTE FUNCTION %I ()', t.tab || '_row_insert', t.tab, t.func);"
  "    EXECUTE format ('CREATE OR REPLACE TRIGGER %I AFTER UPDATE ON %I"
  "                       REFERENCING NEW TABLE AS changed FOR EACH STATEMENT"
  "                       EXECUTE FUNCTION %I ()', t.tab || '_row_update', t.tab, t.func);"
  "    EXECUTE format ('CREATE OR REPLACE TRIGGER %I AFTER DELETE ON %I"
  "                       REFERENCING OLD TABLE AS changed FOR EACH STATEMENT"
  "                       EXECUTE FUNCTION %I ()', t.tab || '_row_delete', t.tab, t.func);"
  "  END LOOP;"
  "END "
  "$$;";

/* What a review found after the outside test (HACKING.md, "Roles on the
 * server"): the policies' functions looked at direct memberships only, so
 * a login given a group through another group counted as one of none of
 * the groups — every unit, protected persons, the whole audit log; they
 * now ask pg_has_role (…, 'MEMBER'), membership however given. The name
 * look-up answered any login that may connect, an analytiker's too: it
 * now answers only a login that may read the job seekers. And a
 * handläggare could still INSERT a protected person with psql. */
#define LOGIN_IN(group) \
  "EXISTS (SELECT 1 FROM pg_catalog.pg_roles g WHERE g.rolname = " group \
  " AND pg_catalog.pg_has_role (session_user, g.oid, 'MEMBER'))"

static const char schema_guard_members_server[] =
  "CREATE OR REPLACE FUNCTION anvisa_login_has_role () RETURNS boolean"
  "  LANGUAGE sql STABLE SECURITY DEFINER"
  "  SET search_path = pg_catalog, public, pg_temp "
  "AS $$ "
  "  SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_roles g"
  "                 WHERE g.rolname IN ('anvisa_handlaggare', 'anvisa_chef',"
  "                                     'anvisa_analytiker', 'anvisa_skyddade',"
  "                                     'anvisa_administrator')"
  "                   AND pg_catalog.pg_has_role (session_user, g.oid, 'MEMBER'))"
  "$$;"
  "CREATE OR REPLACE FUNCTION anvisa_login_sees_protected () RETURNS boolean"
  "  LANGUAGE sql STABLE SECURITY DEFINER"
  "  SET search_path = pg_catalog, public, pg_temp "
  "AS $$ "
  "  SELECT NOT anvisa_login_has_role () OR " LOGIN_IN ("'anvisa_skyddade'")
  "$$;"
  "CREATE OR REPLACE FUNCTION anvisa_login_is_administrator () RETURNS boolean"
  "  LANGUAGE sql STABLE SECURITY DEFINER"
  "  SET search_path = pg_catalog, public, pg_temp "
  "AS $$ "
  "  SELECT " LOGIN_IN ("'anvisa_administrator'")
  "$$;"
  "CREATE OR REPLACE FUNCTION anvisa_login_audit_reach () RETURNS text[]"
  "  LANGUAGE plpgsql STABLE SECURITY DEFINER"
  "  SET search_path = pg_catalog, public, pg_temp "
  "AS $$ "
  "DECLARE"
  "  its_unit bigint;"
  "BEGIN"
  "  IF NOT anvisa_login_has_role () THEN"
  "    RETURN NULL;"
  "  END IF;"
  "  IF NOT " LOGIN_IN ("'anvisa_chef'") " THEN"
  "    RETURN '{}';"
  "  END IF;"
  "  SELECT s.unit_id INTO its_unit FROM staff s"
  "    WHERE s.login = session_user AND s.disabled = 0;"
  "  IF NOT FOUND THEN"
  "    RETURN '{}';"
  "  END IF;"
  "  IF its_unit IS NULL THEN"
  "    RETURN NULL;"
  "  END IF;"
  "  RETURN ARRAY (SELECT s.login FROM staff s WHERE s.unit_id = its_unit);"
  "END "
  "$$;"
  "CREATE OR REPLACE FUNCTION anvisa_seekers_named (word text) RETURNS SETOF bigint"
  "  LANGUAGE sql STABLE SECURITY DEFINER"
  "  SET search_path = pg_catalog, public, pg_temp "
  "AS $$ "
  "  SELECT id FROM seeker"
  "  WHERE pg_catalog.has_table_privilege (session_user, 'public.seeker', 'SELECT')"
  "    AND name ILIKE '%' || word || '%' AND " SEEKER_VISIBLE
  "$$;"
  "DROP POLICY IF EXISTS seeker_register ON seeker;"
  "CREATE POLICY seeker_register ON seeker FOR INSERT"
  "  WITH CHECK (protected_identity = 0 OR (SELECT anvisa_login_sees_protected ()));";
#undef LOGIN_IN

static const Migration migrations[] = {
  { schema_v1, NULL, FALSE },
  { NULL, load_reference_data, FALSE },
  { schema_v3, load_provider_reference, FALSE },
  { schema_v4, NULL, FALSE },
  { NULL, ids_never_reused, TRUE },
  { NULL, correct_reference_words, FALSE },
  { schema_v7, fill_periods, FALSE },
  { schema_v8, NULL, FALSE },
  { schema_v9, anv_summary_count_splits, FALSE },
  { schema_v10, anv_summary_count_before_start, FALSE },
  { schema_publish, NULL, FALSE },
  { schema_choice, NULL, FALSE },
  { schema_summary_part, anv_summary_count_parts, FALSE },
  { schema_choice_given, NULL, FALSE },
  { schema_staff, NULL, FALSE, schema_staff_server },
  { NULL, NULL, FALSE, schema_protected_server },
  { NULL, NULL, FALSE, schema_history_reach_server },
  { NULL, NULL, FALSE, schema_row_change_server },
  { NULL, NULL, FALSE, schema_name_lookup_server },
  { NULL, add_staff_name, FALSE, schema_staff_name_server },
  { NULL, NULL, FALSE, schema_guard_summary_server },
  { NULL, NULL, FALSE, schema_guard_members_server },
};

/* A server starts at this version, in one step: the schema as it is there
 * (src/core/schema/server.sql) with the reference data the SQLite steps
 * load. The steps after it carry their server text beside SQLite's. */
#define SERVER_BASE_VERSION 14
#define SERVER_SCHEMA_RESOURCE "/se/anvisa/Anvisa/core/schema/server.sql"

static gboolean
load_server_base (AnvDb   *db,
                  GError **error)
{
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *sql = NULL;
  gsize length = 0;
  const char *data;

  bytes = g_resources_lookup_data (SERVER_SCHEMA_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &length);
  sql = g_strndup (data, length);
  return anv_db_exec (db, sql, error)
         && load_reference_data (db, error)
         && load_provider_reference (db, error)
         && correct_reference_words (db, error);
}

static const Migration server_base = { NULL, load_server_base, FALSE, NULL };

/* The tables whose ids are audited (entity = table) and never reused */
static const char *const sequenced_tables[] = { "seeker", "referral" };

gboolean
anv_migrations_raise_id_sequences (AnvDb       *db,
                                   const char  *also,
                                   GError     **error)
{
  g_return_val_if_fail (also == NULL || g_regex_match_simple ("^[a-z_]+$", also, 0, 0), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (sequenced_tables); i++)
    {
      const char *table = sequenced_tables[i];
      g_autofree char *also_sql = also == NULL ? g_strdup ("")
        : g_strdup_printf (" UNION ALL SELECT seq FROM %s.sqlite_sequence WHERE name = '%s'",
                           also, table);
      /* A number of more than 18 digits is no id of ours. */
      g_autofree char *highest_sql = g_strdup_printf (
        "SELECT coalesce (max (id), 0) FROM ("
        "  SELECT max (id) AS id FROM main.%1$s"
        "  UNION ALL SELECT max (CAST (entity_id AS INTEGER)) FROM main.audit_log"
        "    WHERE entity = '%1$s' AND length (entity_id) BETWEEN 1 AND 18"
        "      AND entity_id NOT GLOB '*[^0-9]*'"
        "  UNION ALL SELECT seq FROM main.sqlite_sequence WHERE name = '%1$s'%2$s)",
        table, also_sql);
      g_autofree char *set_sql = NULL;
      gint64 highest = 0;

      if (!anv_db_query_int64 (db, highest_sql, &highest, error))
        return FALSE;
      set_sql = g_strdup_printf ("DELETE FROM main.sqlite_sequence WHERE name = '%1$s';"
                                 "INSERT INTO main.sqlite_sequence (name, seq) "
                                 "VALUES ('%1$s', %2$" G_GINT64_FORMAT ");", table, highest);
      if (!anv_db_exec (db, set_sql, error))
        return FALSE;
    }
  return TRUE;
}

int
anv_migrations_publishing_version (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (migrations); i++)
    if (migrations[i].sql == schema_publish)
      return (int) i + 1;
  g_assert_not_reached ();
  return 0;
}

int
anv_migrations_latest (void)
{
  return (int) G_N_ELEMENTS (migrations);
}

static gboolean
run_one_in_transaction (AnvDb           *db,
                        int              version,
                        const Migration *m,
                        GError         **error)
{
  int current = 0;

  if (!anv_db_begin (db, error))
    return FALSE;

  /* On a server, two programs bringing the schema up to date wait for
   * each other here, as SQLite's write lock makes them wait for a file. */
  if (anv_db_is_server (db)
      && !anv_db_exec (db, "SELECT pg_advisory_xact_lock (1095652947)", error))
    {
      anv_db_rollback (db);
      return FALSE;
    }

  /* Another program opening the same new (or old) file at the same
   * moment may have taken this step while we waited for the lock. */
  if (!anv_db_read_schema_version (db, &current, error))
    {
      anv_db_rollback (db);
      return FALSE;
    }
  if (current >= version)
    {
      if (anv_db_commit (db, error))
        return TRUE;
      anv_db_rollback (db);
      return FALSE;
    }

  if ((m->sql != NULL && !anv_db_exec (db, m->sql, error))
      || (m->func != NULL && !m->func (db, error))
      || !anv_db_write_schema_version (db, version, error)
      || !anv_db_commit (db, error))
    {
      anv_db_rollback (db);
      return FALSE;
    }
  return TRUE;
}

static gboolean
run_one (AnvDb   *db,
         int      version,
         GError **error)
{
  const Migration *m = &migrations[version - 1];
  gboolean ok;

  if (anv_db_is_server (db))
    {
      Migration on_server = { m->server_sql, NULL, FALSE, NULL };

      if (version <= SERVER_BASE_VERSION)
        return run_one_in_transaction (db, SERVER_BASE_VERSION, &server_base, error);
      g_return_val_if_fail (m->server_sql != NULL, FALSE);
      return run_one_in_transaction (db, version, &on_server, error);
    }

  if (!m->rebuilds)
    return run_one_in_transaction (db, version, m, error);

  /* legacy_alter_table: renaming the rebuilt table to the old name leaves
   * the other tables' references to that name as they are. */
  if (!anv_db_exec (db, "PRAGMA foreign_keys = OFF; PRAGMA legacy_alter_table = ON;", error))
    return FALSE;
  ok = run_one_in_transaction (db, version, m, error);
  if (!anv_db_exec (db, "PRAGMA foreign_keys = ON; PRAGMA legacy_alter_table = OFF;",
                    ok ? error : NULL))
    return FALSE;
  return ok;
}

gboolean
anv_migrations_run (AnvDb   *db,
                    int      from_version,
                    int      target,
                    GError **error)
{
  /* A server takes the versions up to its base in one step. */
  if (anv_db_is_server (db) && from_version < SERVER_BASE_VERSION)
    from_version = MAX (from_version, MIN (target, SERVER_BASE_VERSION) - 1);

  for (int version = from_version + 1; version <= target; version++)
    {
      g_autoptr (GError) local_error = NULL;

      if (!run_one (db, version, &local_error))
        {
          g_set_error (error, ANV_DB_ERROR, ANV_DB_ERROR_MIGRATION,
                       /* Translators: %1$d is a number, %2$s the reason */
                       _("The database could not be updated to version %1$d, and was "
                         "left as it was: %2$s"),
                       version, local_error->message);
          return FALSE;
        }
    }
  return TRUE;
}
