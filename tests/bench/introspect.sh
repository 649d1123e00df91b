#!/bin/sh
# bench/introspect.sh [RUNS] -- introspecting a schema of 600 tables:
# `mdgraph --db ... --chain all --columns all -T json` against
# postgresql_autodoc (Debian package postgresql-autodoc, installed here if
# missing) on the same database, in the same run, alternating.
# Run on demand from the build tree, as root or a user PostgreSQL accepts.
set -eu
runs=${1:-5}
top_srcdir=$(cd "$(dirname "$0")/../.." && pwd)
MDGRAPH=${MDGRAPH:-$top_srcdir/src/mdgraph}
if ! command -v postgresql_autodoc >/dev/null; then
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-autodoc >/dev/null
fi
work=$(mktemp -d)
. "$top_srcdir/tests/pg-env.sh"
pg_start >/dev/null
trap 'pg_stop; rm -rf "$work"' EXIT

pg_createdb wide "$top_srcdir/tests/fixtures/schema.sql"
pg_psql -d wide -c "DO \$\$ BEGIN FOR i IN 1..544 LOOP
    EXECUTE format('CREATE TABLE metadata_gen%s (id serial PRIMARY KEY,
        name varchar(64) UNIQUE, ref int, payload jsonb, created timestamptz)', i);
    EXECUTE format('COMMENT ON TABLE metadata_gen%s IS %L', i, '生成的表 ' || i);
    END LOOP; END \$\$; ANALYZE"
tables=$(pg_psql -d wide -At -c "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")

now() { date +%s%N; }
t_md=0 t_ad=0 i=0
cd "$work"
while [ "$i" -lt "$runs" ]; do
	s=$(now)
	"$MDGRAPH" --db "$(pg_conninfo wide)" --chain all --columns all -T json >md.json
	e=$(now); t_md=$((t_md + e - s))
	s=$(now)
	postgresql_autodoc -d wide -h "$PGHOST" -p "$PGPORT" -u postgres -t dot -f ad >/dev/null 2>&1
	e=$(now); t_ad=$((t_ad + e - s))
	i=$((i + 1))
done
"$MDGRAPH" --db "$(pg_conninfo wide)" --chain all --columns all -T json --stats 2>&1 >/dev/null
awk -v a="$t_md" -v b="$t_ad" -v n="$runs" -v t="$tables" 'BEGIN {
	printf "schema: %d tables\n", t
	printf "mdgraph --db --chain all --columns all -T json: %.1f ms/run\n", a / n / 1e6
	printf "postgresql_autodoc -t dot (baseline):          %.1f ms/run\n", b / n / 1e6
	printf "ratio mdgraph/autodoc: %.3f (%.1fx faster), %d runs each\n", a / b, b / a, n
}'
