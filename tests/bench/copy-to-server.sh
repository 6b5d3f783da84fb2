#!/bin/bash
# copy-to-server.sh — copies a generated SQLite database of Anvisa into an empty server database
#
#   copy-to-server.sh SQLITE-FILE CONNINFO [ANVISA-CLI]
#
# A BENCH TOOL FOR A THROWAWAY SERVER. It fills a PostgreSQL database that
# `anvisa-cli --database CONNINFO server init` has just set up, and that
# holds nothing else, with what SQLITE-FILE (made by `anvisa-cli generate`
# or bench-referrals) holds, much faster than the generator writes to a
# server. It connects as a superuser and turns the server's triggers and
# foreign-key checks off for its own session while it copies
# (session_replication_role = replica): never run it against a server that
# holds anyone's real data.
#
# What it keeps of what the server's own writes would have made:
#   - every table of the server's schema, its columns taken from the
#     server's catalog; a table or column that exists on one side only is
#     reported: one of the file's that the server has no place for stops
#     the copy; one of the server's must have a default, which fills it;
#   - the tables `server init` filled already (counties, municipalities,
#     services, rules…) are compared with the file's and kept when equal,
#     the copy stops when they differ;
#   - all in one transaction: rows in the order the file keeps them, then
#     every foreign key checked by a query (the triggers that would have
#     checked them were off), then each identity sequence moved past the
#     highest id given (the file's own, where SQLite kept a higher one for
#     AUTOINCREMENT), then COMMIT;
#   - triggers off is right for a copy of a whole database: the audit log
#     keeps who and when of the file instead of the copier's stamp; the
#     refusals of changes and deletions do not apply to inserts; the
#     overlap check of service_availability holds in the file already;
#     summary_touched is copied as the file kept it;
#   - then VACUUM (ANALYZE), what autovacuum would do shortly after a load,
#     so that the planner has its statistics and the visibility map is set.
# Afterwards it verifies: the number of rows of every table equal on both
# sides, and the summary of a few years (`anvisa-cli summary --format csv`)
# the same from both databases (each read adds its entry to that database's
# audit log, as every summary read does). The file's full-text index of names
# (seeker_name, an FTS5 table) is SQLite's own: the server has a trigram
# index on seeker.name instead, built as the rows arrive.
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail

if [ $# -lt 2 ] || [ $# -gt 3 ]; then
  echo "usage: $0 SQLITE-FILE CONNINFO [ANVISA-CLI]" >&2
  exit 2
fi
file=$1
conninfo=$2
cli=${3:-$(dirname "$0")/../../_build/src/cli/anvisa-cli}

die () { echo "copy-to-server: $*" >&2; exit 1; }
psql_q () { psql -X -q -At -v ON_ERROR_STOP=1 "$conninfo" "$@"; }
sqlite_q () { sqlite3 -readonly -batch -bail "$file" "$@"; }
now () { date +%s.%N; }
since () { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

[ -f "$file" ] || die "no file $file"
# The file's path goes into \copy FROM PROGRAM '…' below.
case $file in
  *\'* | *\"* | *\\*) die "the file's path must not hold quotes or backslashes" ;;
esac
[ -x "$cli" ] || die "no anvisa-cli at $cli (give it as the third argument)"

started=$(now)
echo "copy-to-server: $file -> $conninfo"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

# Same schema on both sides.
file_version=$(sqlite_q "PRAGMA user_version")
server_version=$(psql_q -c "SELECT version FROM anvisa_schema")
[ "$file_version" = "$server_version" ] \
  || die "schema version $file_version in the file, $server_version on the server"
[ "$(psql_q -c "SELECT rolsuper FROM pg_roles WHERE rolname = current_user")" = t ] \
  || die "the copy needs a superuser (session_replication_role)"

# Tables: the server's, the file's without SQLite's own and its full-text
# index (the virtual tables and their shadow tables).
mapfile -t server_tables < <(psql_q -c \
  "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname = current_schema () AND c.relkind = 'r' AND c.relname <> 'anvisa_schema'
   ORDER BY 1")
mapfile -t file_tables < <(sqlite_q \
  "SELECT name FROM sqlite_schema t WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\\'
   AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'
   AND NOT EXISTS (SELECT 1 FROM sqlite_schema v WHERE v.sql LIKE 'CREATE VIRTUAL TABLE%'
                   AND t.name LIKE v.name || '\_%' ESCAPE '\\')
   ORDER BY 1")
mapfile -t file_only < <(comm -23 <(printf '%s\n' "${file_tables[@]}") \
                                  <(printf '%s\n' "${server_tables[@]}"))
mapfile -t server_only < <(comm -13 <(printf '%s\n' "${file_tables[@]}") \
                                    <(printf '%s\n' "${server_tables[@]}"))
[ -z "${file_only[*]}" ] \
  || die "tables only in the file, the server has no place for: ${file_only[*]}"
[ -z "${server_only[*]}" ] \
  || die "tables only on the server, the file has nothing for: ${server_only[*]}"
echo "not copied: SQLite's own full-text index of names, and sqlite_sequence" \
     "(read for the sequences)"

# Per table: the columns both have, in the server's order.
declare -A columns
fail=0
for t in "${server_tables[@]}"; do
  [[ $t =~ ^[a-z_][a-z0-9_]*$ ]] || die "unexpected table name $t"
  mapfile -t scols < <(psql_q -c \
    "SELECT a.attname || ' ' || (a.attnotnull AND NOT a.atthasdef AND a.attidentity = '')
     FROM pg_attribute a WHERE a.attrelid = '$t'::regclass AND a.attnum > 0
     AND NOT a.attisdropped ORDER BY a.attnum")
  mapfile -t fcols < <(sqlite_q "SELECT name FROM pragma_table_info ('$t')")
  # (Lookups in arrays, not `printf | grep -q`: under pipefail a grep that
  # stops at its first match can fail the pipe.)
  declare -A in_file=() on_server=()
  for c in "${fcols[@]}"; do in_file[$c]=1; done
  list=""
  for entry in "${scols[@]}"; do
    c=${entry% *}
    needs_value=${entry#* }
    on_server[$c]=1
    if [ -n "${in_file[$c]:-}" ]; then
      list+="${list:+,}$c"
    elif [ "$needs_value" = t ]; then
      echo "column $t.$c is only on the server and has no default" >&2
      fail=1
    else
      echo "column $t.$c is only on the server: left to its default"
    fi
  done
  for c in "${fcols[@]}"; do
    if [ -z "${on_server[$c]:-}" ]; then
      echo "column $t.$c is only in the file: the server has no place for it" >&2
      fail=1
    fi
  done
  columns[$t]=$list
done
[ $fail = 0 ] || die "the schemas differ; nothing was copied"

# One session, one transaction: the script psql runs.
script=$(mktemp)
trap 'rm -f "$script"' EXIT
{
  echo "SET session_replication_role = replica;"
  echo "SET maintenance_work_mem = '512MB';"
  echo "BEGIN;"
} >"$script"
copied=()
for t in "${server_tables[@]}"; do
  cols=${columns[$t]}
  n_server=$(psql_q -c "SELECT count(*) FROM $t")
  program="sqlite3 -readonly -batch -bail -csv $file 'SELECT $cols FROM $t'"
  if [ "$n_server" = 0 ]; then
    echo "\\echo $t"
    echo "\\copy $t ($cols) FROM PROGRAM '${program//\'/\'\'}' WITH (FORMAT csv)"
    copied+=("$t")
  else
    # Filled by `server init`: kept when the file holds the same rows.
    cat <<EOF
CREATE TEMP TABLE file_rows AS SELECT $cols FROM $t WITH NO DATA;
\\copy file_rows FROM PROGRAM '${program//\'/\'\'}' WITH (FORMAT csv)
DO \$\$ BEGIN
  IF EXISTS (SELECT * FROM file_rows EXCEPT ALL SELECT $cols FROM $t)
     OR EXISTS (SELECT $cols FROM $t EXCEPT ALL SELECT * FROM file_rows) THEN
    RAISE EXCEPTION '$t: the file differs from what server init made';
  END IF;
END \$\$;
DROP TABLE file_rows;
\\echo $t: as server init made it, the same in the file
EOF
  fi
done >>"$script"

# The foreign keys, checked once for all rows.
psql_q -F $'\t' -c \
  "SELECT conrelid::regclass, confrelid::regclass,
          (SELECT string_agg (quote_ident (attname), ',' ORDER BY k.i)
           FROM unnest (conkey) WITH ORDINALITY k (n, i)
           JOIN pg_attribute ON attrelid = conrelid AND attnum = k.n),
          (SELECT string_agg (quote_ident (attname), ',' ORDER BY k.i)
           FROM unnest (confkey) WITH ORDINALITY k (n, i)
           JOIN pg_attribute ON attrelid = confrelid AND attnum = k.n)
   FROM pg_constraint WHERE contype = 'f' AND connamespace = current_schema ()::regnamespace
   ORDER BY 1, 2" |
while IFS=$'\t' read -r child parent ccols pcols; do
  cond="" nonnull=""
  IFS=, read -ra cc <<<"$ccols"
  IFS=, read -ra pc <<<"$pcols"
  for i in "${!cc[@]}"; do
    cond+="${cond:+ AND }p.${pc[$i]} = c.${cc[$i]}"
    nonnull+="${nonnull:+ AND }c.${cc[$i]} IS NOT NULL"
  done
  echo "DO \$\$ BEGIN IF EXISTS (SELECT 1 FROM $child c WHERE $nonnull AND NOT EXISTS"
  echo "  (SELECT 1 FROM $parent p WHERE $cond)) THEN"
  echo "  RAISE EXCEPTION 'foreign key $child ($ccols) -> $parent: rows without their $parent';"
  echo "END IF; END \$\$;"
done >>"$script"

# Sequences past the highest id, or the file's AUTOINCREMENT if higher.
psql_q -F $'\t' -c \
  "SELECT c.relname, a.attname, pg_get_serial_sequence (c.relname, a.attname)
   FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
   JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname = current_schema () AND c.relkind = 'r' AND a.attnum > 0
   AND pg_get_serial_sequence (c.relname, a.attname) IS NOT NULL ORDER BY 1" |
while IFS=$'\t' read -r t c seq; do
  kept=$(sqlite_q "SELECT coalesce ((SELECT seq FROM sqlite_sequence WHERE name = '$t'), 0)")
  echo "SELECT setval ('$seq', greatest ($kept, max ($c), 1), $kept > 0 OR max ($c) IS NOT NULL)"
  echo "  FROM $t \\gset"
done >>"$script"
echo "COMMIT;" >>"$script"

echo "copying (one transaction) …"
copy_start=$(now)
psql -X -q -v ON_ERROR_STOP=1 "$conninfo" -f "$script" | sed 's/^/  copied /'
echo "copy and checks: $(since "$copy_start") s"
analyze_start=$(now)
psql_q -c "VACUUM (ANALYZE)"
echo "vacuum (analyze): $(since "$analyze_start") s"

# Verify: rows per table, then the summary of a few years.
fail=0
for t in "${server_tables[@]}"; do
  a=$(sqlite_q "SELECT count(*) FROM $t")
  b=$(psql_q -c "SELECT count(*) FROM $t")
  if [ "$a" != "$b" ]; then
    echo "rows of $t: $a in the file, $b on the server" >&2
    fail=1
  fi
done
[ $fail = 0 ] && echo "rows: the same in all ${#server_tables[@]} tables"
range=$(sqlite_q "SELECT substr (min (month), 1, 4) || ' ' || substr (max (month), 1, 4)
                 FROM summary")
if [ -n "$range" ]; then
  read -r first last <<<"$range"
  for y in $(printf '%s\n' "$first" $(((first + last) / 2)) "$last" | sort -u); do
    for by in "" provider; do
      a=$("$cli" --database "$file" summary --from "$y-01" --to "$y-12" \
          ${by:+--by $by} --format csv)
      b=$("$cli" --database "$conninfo" summary --from "$y-01" --to "$y-12" \
          ${by:+--by $by} --format csv)
      if [ "$a" != "$b" ] || [ -z "$a" ]; then
        echo "the summary of $y${by:+ by $by} differs" >&2
        fail=1
      else
        echo "summary of $y${by:+ by $by}: the same ($(wc -l <<<"$a") lines)"
      fi
    done
  done
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "total: $(since "$started") s"
[ $fail = 0 ] || die "the copy differs from the file"
