/* anv-db-pg-dialect.c: the PostgreSQL server's own statement texts, by key
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "anvisa-db-pg-dialect"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "anv-db-pg-dialect.h"

/* Most statements have one text for both engines (HACKING.md, "The
 * statement layer"). These are the ones that cannot: SQLite's own
 * features (FTS5, rowid, json_each) or a plan that needs the condition
 * of a partial index written as SQLite's index writes it ("NOT
 * annulled"), which PostgreSQL, where an integer is no boolean, spells
 * "annulled = 0". Placeholders are ?N here too: the driver rewrites
 * them. The table is sorted by key (strcmp) for bsearch. */

typedef struct
{
  const char *key;
  const char *text;
} DialectText;

static const DialectText texts[] = {
  /* no rowid on the server: the column "added" keeps the order of adding */
  { "end-reasons/list",
    "SELECT code, kind, label_sv, label_en, active FROM end_reason WHERE active <> 0 OR "
    "?1 <> 0 ORDER BY kind = 'interruption', added" },
  /* the open referrals as the server's index writes them */
  { "moves/leaving",
    "SELECT r.id, r.service, r.municipality_code, p.id, p.orgnr, p.name, s.personnummer, "
    "s.protected_identity, s.name FROM referral r JOIN seeker s ON s.id = r.seeker_id "
    "JOIN referral_provider rp ON rp.id = (SELECT x.id FROM referral_provider x WHERE "
    "x.referral_id = r.id ORDER BY x.from_date DESC, x.id DESC LIMIT 1) JOIN provider p "
    "ON p.id = rp.provider_id WHERE r.ended_on IS NULL AND r.annulled = 0 AND "
    "rp.from_date <= ?1 AND r.period_end >= ?1 AND (CAST (?2 AS TEXT) IS NULL OR p.orgnr "
    "= ?2) AND (p.active = 0 OR NOT EXISTS ( SELECT 1 FROM approval a JOIN delivery_area "
    "da ON da.id = a.area_id WHERE a.provider_id = p.id AND da.service = r.service AND "
    "a.valid_from <= ?1 AND (a.valid_to IS NULL OR a.valid_to >= ?1) AND (rp.outside_area "
    "<> 0 OR EXISTS (SELECT 1 FROM delivery_area_municipality dam WHERE dam.area_id = "
    "a.area_id AND dam.municipality_code = r.municipality_code)))) ORDER BY r.id" },
  /* the open referrals as the server's index writes them */
  { "periods/expired",
    "SELECT id FROM referral WHERE ended_on IS NULL AND annulled = 0 AND period_end < ?1 "
    "ORDER BY id" },
  /* a bulk load numbers its own rows: the id sequence moves past each, so
   * that the next decision's id is a new one */
  { "referrals/load",
    "INSERT INTO referral (id, seeker_id, service, level, choice, municipality_code, female, "
    "decided_on, planned_start, started_on, ended_on, end_reason, decided_by, period_end) "
    "VALUES ((SELECT setval (pg_get_serial_sequence ('referral', 'id'), ?1)), ?2, ?3, ?4, "
    "?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)" },
  /* the server's trigram index follows the table: nothing to forget */
  { "retention/forget-names",
    "SELECT 1 WHERE FALSE" },
  /* the server's trigram index needs no merging */
  { "retention/optimize-names",
    "SELECT 1 WHERE FALSE" },
  /* the server's trigram index follows the table: nothing to write */
  { "seekers/index-names",
    "SELECT CAST (?1 AS bigint) WHERE FALSE" },
  /* no FTS5: every quoted word of the query starts a word of the name, case-blind;
   * the first word is looked up through the trigram index, by a function
   * that may use it under row-level security (anvisa_seekers_named) */
  { "seekers/search/name",
    "SELECT s.id FROM seeker s WHERE s.id IN (SELECT anvisa_seekers_named ((regexp_match "
    "(CAST (?1 AS text), '\"([^\"]+)\"'))[1])) AND NOT EXISTS (SELECT 1 FROM regexp_matches (CAST "
    "(?1 AS text), '\"([^\"]+)\"', 'g') AS w (word) WHERE s.name !~* ('(^|[^[:alnum:]])' || "
    "w.word[1])) ORDER BY s.id DESC LIMIT ?2" },
  /* json_array_elements_text for SQLite's json_each */
  { "seekers/search/sort-by-name",
    "SELECT s.id FROM seeker s WHERE s.id IN (SELECT CAST (value AS bigint) FROM "
    "json_array_elements_text (CAST (?1 AS json))) ORDER BY s.name COLLATE anvisa_sv, "
    "s.id LIMIT ?2" },
  /* each municipality's last row, an index lookup each (LATERAL): the
   * common text's plan hashes the service's every month */
  { "summary/active-before",
    "SELECT m.code, s.active_end, s.overdue_end, s.participating_women, s.participating_men, "
    "s.waiting_women, s.waiting_men FROM municipality m CROSS JOIN LATERAL (SELECT * FROM "
    "summary x WHERE x.service = ?1 AND x.municipality_code = m.code AND x.month < ?2 ORDER "
    "BY x.month DESC LIMIT 1) AS s" },
  /* the open referrals as the server's index writes them; no limit is NULL, not -1 */
  { "worklist/choice-due",
    "SELECT r.id, s.personnummer, CASE WHEN s.protected_identity <> 0 THEN NULL ELSE "
    "s.name END AS shown, s.protected_identity, r.service, r.municipality_code, "
    "m.short_name, w.deadline AS due, count (*) OVER (), NULL FROM referral r JOIN seeker "
    "s ON s.id = r.seeker_id JOIN municipality m ON m.code = r.municipality_code JOIN "
    "referral_choice_wait w ON w.referral_id = r.id WHERE r.ended_on IS NULL AND "
    "r.annulled = 0 AND (CAST (?2 AS TEXT) IS NULL OR r.decided_by = ?2) AND r.decided_on "
    "<= ?1 AND r.period_end >= ?1 AND w.chosen_on IS NULL AND w.deadline < ?1 ORDER BY "
    "due, CASE WHEN s.protected_identity <> 0 THEN NULL ELSE s.name END COLLATE anvisa_sv "
    "NULLS FIRST, r.id LIMIT nullif (?3, -1)" },
  /* the open referrals as the server's index writes them; no limit is NULL, not -1 */
  { "worklist/overdue",
    "SELECT r.id, s.personnummer, CASE WHEN s.protected_identity <> 0 THEN NULL ELSE "
    "s.name END AS shown, s.protected_identity, r.service, r.municipality_code, "
    "m.short_name, r.period_end AS due, count (*) OVER (), NULL FROM referral r JOIN "
    "seeker s ON s.id = r.seeker_id JOIN municipality m ON m.code = r.municipality_code "
    "WHERE r.ended_on IS NULL AND r.annulled = 0 AND (CAST (?2 AS TEXT) IS NULL OR "
    "r.decided_by = ?2) AND r.decided_on <= ?1 AND r.period_end < ?1 ORDER BY due, CASE "
    "WHEN s.protected_identity <> 0 THEN NULL ELSE s.name END COLLATE anvisa_sv NULLS "
    "FIRST, r.id LIMIT nullif (?3, -1)" },
  /* the open referrals as the server's index writes them; no limit is NULL, not -1 */
  { "worklist/period-ending",
    "SELECT r.id, s.personnummer, CASE WHEN s.protected_identity <> 0 THEN NULL ELSE "
    "s.name END AS shown, s.protected_identity, r.service, r.municipality_code, "
    "m.short_name, r.period_end AS due, count (*) OVER (), NULL FROM referral r JOIN "
    "seeker s ON s.id = r.seeker_id JOIN municipality m ON m.code = r.municipality_code "
    "WHERE r.ended_on IS NULL AND r.annulled = 0 AND (CAST (?2 AS TEXT) IS NULL OR "
    "r.decided_by = ?2) AND r.decided_on <= ?1 AND r.period_end BETWEEN ?1 AND ?4 ORDER "
    "BY due, CASE WHEN s.protected_identity <> 0 THEN NULL ELSE s.name END COLLATE "
    "anvisa_sv NULLS FIRST, r.id LIMIT nullif (?3, -1)" },
  /* the open referrals as the server's index writes them; no limit is NULL, not -1 */
  { "worklist/provider-leaving",
    "SELECT r.id, s.personnummer, CASE WHEN s.protected_identity <> 0 THEN NULL ELSE "
    "s.name END AS shown, s.protected_identity, r.service, r.municipality_code, "
    "m.short_name, coalesce ((SELECT max (a.valid_to) FROM approval a JOIN delivery_area "
    "d ON d.id = a.area_id JOIN delivery_area_municipality dm ON dm.area_id = a.area_id "
    "WHERE a.provider_id = rp.provider_id AND d.service = r.service AND (rp.outside_area "
    "<> 0 OR dm.municipality_code = r.municipality_code) AND a.valid_to < CASE WHEN "
    "(p.active <> 0 AND EXISTS (SELECT 1 FROM approval a JOIN delivery_area d ON d.id = "
    "a.area_id JOIN delivery_area_municipality dm ON dm.area_id = a.area_id WHERE "
    "a.provider_id = rp.provider_id AND d.service = r.service AND (rp.outside_area <> 0 "
    "OR dm.municipality_code = r.municipality_code) AND a.valid_from <= ?1 AND "
    "(a.valid_to IS NULL OR a.valid_to >= ?1))) THEN ?4 ELSE ?1 END), ?1) AS due, count "
    "(*) OVER (), p.name FROM referral r JOIN seeker s ON s.id = r.seeker_id JOIN "
    "municipality m ON m.code = r.municipality_code JOIN referral_provider rp ON rp.id = "
    "( SELECT h.id FROM referral_provider h WHERE h.referral_id = r.id ORDER BY "
    "h.from_date DESC, h.id DESC LIMIT 1) JOIN provider p ON p.id = rp.provider_id WHERE "
    "r.ended_on IS NULL AND r.annulled = 0 AND (CAST (?2 AS TEXT) IS NULL OR r.decided_by "
    "= ?2) AND r.decided_on <= ?1 AND r.period_end >= ?1 AND rp.provider_id IN (SELECT "
    "provider_id FROM approval WHERE valid_to < ?4 OR valid_from > ?1 UNION ALL SELECT id "
    "FROM provider WHERE active = 0) AND NOT ((p.active <> 0 AND EXISTS (SELECT 1 FROM "
    "approval a JOIN delivery_area d ON d.id = a.area_id JOIN delivery_area_municipality "
    "dm ON dm.area_id = a.area_id WHERE a.provider_id = rp.provider_id AND d.service = "
    "r.service AND (rp.outside_area <> 0 OR dm.municipality_code = r.municipality_code) "
    "AND a.valid_from <= ?1 AND (a.valid_to IS NULL OR a.valid_to >= ?1))) AND (p.active "
    "<> 0 AND EXISTS (SELECT 1 FROM approval a JOIN delivery_area d ON d.id = a.area_id "
    "JOIN delivery_area_municipality dm ON dm.area_id = a.area_id WHERE a.provider_id = "
    "rp.provider_id AND d.service = r.service AND (rp.outside_area <> 0 OR "
    "dm.municipality_code = r.municipality_code) AND a.valid_from <= ?4 AND (a.valid_to "
    "IS NULL OR a.valid_to >= ?4)))) ORDER BY due, CASE WHEN s.protected_identity <> 0 "
    "THEN NULL ELSE s.name END COLLATE anvisa_sv NULLS FIRST, r.id LIMIT nullif (?3, -1)" },
  /* the open referrals as the server's index writes them; no limit is NULL, not -1 */
  { "worklist/start-overdue",
    "SELECT r.id, s.personnummer, CASE WHEN s.protected_identity <> 0 THEN NULL ELSE "
    "s.name END AS shown, s.protected_identity, r.service, r.municipality_code, "
    "m.short_name, r.planned_start AS due, count (*) OVER (), NULL FROM referral r JOIN "
    "seeker s ON s.id = r.seeker_id JOIN municipality m ON m.code = r.municipality_code "
    "WHERE r.ended_on IS NULL AND r.annulled = 0 AND (CAST (?2 AS TEXT) IS NULL OR "
    "r.decided_by = ?2) AND r.decided_on <= ?1 AND r.period_end >= ?1 AND r.started_on IS "
    "NULL AND r.planned_start < ?1 AND NOT EXISTS (SELECT 1 FROM referral_choice_wait w "
    "WHERE w.referral_id = r.id AND w.chosen_on IS NULL) ORDER BY due, CASE WHEN "
    "s.protected_identity <> 0 THEN NULL ELSE s.name END COLLATE anvisa_sv NULLS FIRST, "
    "r.id LIMIT nullif (?3, -1)" },
};

static int
compare_key (const void *key,
             const void *entry)
{
  return strcmp (key, ((const DialectText *) entry)->key);
}

const char *
anv_db_pg_dialect_text (const char *key)
{
  const DialectText *found;

  g_return_val_if_fail (key != NULL, NULL);

  found = bsearch (key, texts, G_N_ELEMENTS (texts), sizeof texts[0], compare_key);
  return found != NULL ? found->text : NULL;
}
