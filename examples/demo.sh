#!/bin/sh
# demo.sh [DATA_ID] [DIR] -- see an instance diagram with one command.
#
# Starts a throwaway PostgreSQL (as the postgres user when run as root;
# unix socket only; removed on exit), loads the test fixtures -- a small
# bk-monitor deployment -- and draws everything linked to one data id
# (default 1500001) into DIR (default mdgraph-demo/): SVG, PNG and JSON,
# plus the live check.  Run from a built source tree: ./bootstrap first.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
id=${1:-1500001}
dir=${2:-mdgraph-demo}
mdgraph=${MDGRAPH:-$top/src/mdgraph}
[ -x "$mdgraph" ] || { echo "demo: build mdgraph first: ./bootstrap" >&2; exit 2; }

. "$top/tests/pg-env.sh"
pg_start >/dev/null
pg_createdb demo "$top/tests/fixtures/schema.sql" "$top/tests/fixtures/data.sql"
pg_psql -d demo -c ANALYZE
db=$(pg_conninfo demo)
# The server is up: from here on a failure is said in one line, without
# the server's log.
PG_ENV_LOG_ON_FAIL=0
ids=$(pg_psql -d demo -At -c "SELECT bk_data_id FROM metadata_datasource ORDER BY 1" |
    paste -sd, - | sed 's/,/, /g')
case ", $ids, " in
*", $id, "*) ;;
*)
	echo "demo: bk_data_id $id is not in the fixtures (tests/fixtures/data.sql); they have: $ids" >&2
	exit 2 ;;
esac

mkdir -p "$dir"
"$mdgraph" --db "$db" --data-id "$id" -o "$dir/ds-$id.svg"
"$mdgraph" --db "$db" --data-id "$id" -o "$dir/ds-$id.png"
"$mdgraph" --db "$db" --data-id "$id" -o "$dir/ds-$id.json" --stats
"$mdgraph" --db "$db" --chain main --columns all --counts -o "$dir/main-live.svg"
"$mdgraph" check --db "$db" >"$dir/check.txt" || :
echo "demo: wrote $dir/ds-$id.svg, .png, .json, main-live.svg and check.txt"
