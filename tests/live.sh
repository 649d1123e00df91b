#!/bin/sh
# Live schema against a real PostgreSQL: types, keys, counts, missing
# tables and columns, check's findings, connection errors.
. "$top_srcdir/tests/setup.sh"
. "$top_srcdir/tests/live-setup.sh"

live_db fx "$fixtures/schema.sql" "$fixtures/data.sql" "$fixtures/unclassified.sql"
live_db old "$fixtures/schema-old.sql" "$fixtures/data-old.sql"
FX=$(conn fx)
OLD=$(conn old)

# --- chains drawn from the live schema
"$MDGRAPH" --db "$FX" --chain main --columns all --counts -T json >"$work/main.json"
is "live types: DataSource.bk_data_id int, ResultTable.id bigint" "int bigint" \
    "$(jq -r '[(.entities[] | select(.name == "DataSource") | .attributes[] | select(.name == "bk_data_id") | .type),
               (.entities[] | select(.name == "ResultTable") | .attributes[] | select(.name == "id") | .type)] | join(" ")' "$work/main.json")"
want=$(pg_psql -d fx -At -c "SELECT count(*) FROM metadata_resulttablefield")
is "--counts: ResultTableField rows as the table has them" "$want" \
    "$(jq -r '.entities[] | select(.name == "ResultTableField") | .rows' "$work/main.json")"
is "--columns all: every live column of DataSource" \
    "$(pg_psql -d fx -At -c "SELECT count(*) FROM information_schema.columns WHERE table_name = 'metadata_datasource'")" \
    "$(jq -r '.entities[] | select(.name == "DataSource") | .attributes | length' "$work/main.json")"
is "--columns all: key columns first" "bk_data_id" \
    "$(jq -r '.entities[] | select(.name == "DataSource") | .attributes[0].name' "$work/main.json")"
"$MDGRAPH" --db "$FX" --chain datalink -T json >"$work/dl.json"
is "jsonb column typed json[]-free 'json'" "json" \
    "$(jq -r '.entities[] | select(.name == "DataLink") | .attributes[] | select(.name == "table_ids") | .type' "$work/dl.json")"

"$MDGRAPH" --db "$FX" --chain main --columns all --counts -o "$work/main.svg"
check "live SVG passes xmllint" xmllint --noout "$work/main.svg"
check "live SVG shows row counts" grep -q 'rows</text>' "$work/main.svg"
"$MDGRAPH" --db "$FX" --chain bcs --columns keys -T mermaid >"$work/bcs.mmd"
check "mixed-case columns read: K8sMetricDataID" grep -q 'int K8sMetricDataID' "$work/bcs.mmd"
"$MDGRAPH" --db "$FX" --chain main --counts -T mermaid >"$work/counts.mmd"
check "Mermaid gets counts as %% comments" grep -q '^        %% rows: [0-9]* (estimated)$' "$work/counts.mmd"
# Every attribute line is "TYPE NAME [KEYS] ["COMMENT"]": a type with a
# space ("double precision") would make a line of another shape.
check "Mermaid attribute lines are read (counts.mmd)" grep -q '^        [a-z]' "$work/counts.mmd"
is "no Mermaid type has a space" "" \
    "$(grep '^        [^%]' "$work/counts.mmd" | grep -vE '^        [^ %"]+ [^ "]+( (PK|FK|UK)(, (PK|FK|UK))*)?( "[^"]*")?$')"

# --- the older deployment: drawn, with what is missing marked
"$MDGRAPH" --db "$OLD" --chain datalink -T dot >"$work/old.dot"
is "old: DataLink is a dashed grey entity" "dashed" \
    "$(gvpr 'N [$.name == "DataLink"] { print($.style) }' "$work/old.dot")"
"$MDGRAPH" --db "$OLD" --chain datalink -T mermaid >"$work/old.mmd"
check "old: Mermaid says the table is missing" \
    grep -qx '    %% missing: table metadata_datalink of DataLink' "$work/old.mmd"
"$MDGRAPH" --db "$OLD" --chain main -T json >"$work/old.json"
is "old: bk_tenant_id present: false, the rest present" "false true" \
    "$(jq -r '[(.entities[] | select(.name == "DataSource") | .attributes[] | select(.name == "bk_tenant_id") | .present),
               (.entities[] | select(.name == "DataSource") | .present)] | map(tostring) | join(" ")' "$work/old.json")"
for fmt in svg png pdf; do
	check "old: every chain renders as $fmt" sh -c "for c in main datalink storage bcs space all; do
	    '$MDGRAPH' --db '$OLD' --chain \$c --columns all -T $fmt >/dev/null || exit 1; done"
done

# --- check
run_status "$MDGRAPH" check --db "$FX"
is "check on the fixture exits 1" 1 "$status"
same "check lists exactly the seeded orphans, breach and unclassified table; the tenant2 BCS cluster naming a system data id is a cross-tenant reference" \
    "$top_srcdir/tests/golden/check-fx.txt" "$work/stdout"
run_status "$MDGRAPH" check --db "$FX" --format json
is "check --format json: 4 findings, 3 cross-tenant references, one the BCS cluster" "1 4 3 1" \
    "$status $(jq '[(.findings | length), (.cross_tenant | length), ([.cross_tenant[] | select(.table == "metadata_bcsclusterinfo")] | length)] | map(tostring) | join(" ")' -r "$work/stdout")"
run_status "$MDGRAPH" check --db "$OLD"
is "check on the older deployment exits 1" 1 "$status"
same "old: check lists the missing tables and columns" \
    "$top_srcdir/tests/golden/check-old.txt" "$work/stdout"

# A clean database: no findings, exit 0.
live_db clean "$fixtures/schema.sql"
run_status "$MDGRAPH" check --db "$(conn clean)"
is "check on an empty, complete schema exits 0" \
    "0 0 findings in schema public: 85 tables, 65 relations checked" \
    "$status $(head -n 1 "$work/stdout")"

# --- the catalog takes the same number of queries for 85 tables as 600
live_db wide "$fixtures/schema.sql"
pg_psql -d wide -c "DO \$\$ BEGIN FOR i IN 1..515 LOOP
    EXECUTE format('CREATE TABLE extra_%s (id int PRIMARY KEY, name text UNIQUE, ref int)', i);
    END LOOP; END \$\$"
"$MDGRAPH" --db "$(conn clean)" --chain all -T json --stats 2>"$work/s60" >/dev/null
"$MDGRAPH" --db "$(conn wide)" --chain all -T json --stats 2>"$work/s600" >/dev/null
is "85 tables: 3 catalog queries" \
    "mdgraph: stats: 5 queries (3 catalog), 1358 rows, 85 tables" "$(cat "$work/s60")"
is "600 tables: the same queries" "5 queries (3 catalog) 600 tables" \
    "$(sed 's/.*: \(5 queries (3 catalog)\), .* rows, \(.*\)/\1 \2/' "$work/s600")"

# --- the environment names the database, as for psql
PGDATABASE=fx "$MDGRAPH" --chain main -T json >"$work/env.json"
is "PGDATABASE alone reads the database" true \
    "$(jq '.entities[0].present' "$work/env.json")"
PGDATABASE=fx "$MDGRAPH" --offline --chain main -T json >"$work/off.json"
is "--offline ignores it" null "$(jq '.entities[0].present' "$work/off.json")"

# --- errors: one line, exit 2, an existing output untouched
echo keep >"$work/out.svg"
expect_conn_error() {
	desc=$1 conninfo=$2 pattern=$3
	run_status "$MDGRAPH" --db "$conninfo" --chain main -o "$work/out.svg"
	is "$desc: exit 2, old file kept" "2 keep" "$status $(cat "$work/out.svg")"
	is "$desc: one line on stderr" 1 "$(wc -l <"$work/stderr")"
	check "$desc: says so" grep -q "$pattern" "$work/stderr"
}
expect_conn_error "unreachable server" "host=$work/nowhere dbname=fx" \
    "^mdgraph: cannot connect to the database: .*No such file or directory"
expect_conn_error "missing database" "$(conn nosuchdb)" \
    '^mdgraph: cannot connect to the database: .*database "nosuchdb" does not exist'
pg_psql -c "CREATE ROLE pwuser LOGIN PASSWORD 'right'"
pg_as_server_user sh -c "{ echo 'local all pwuser scram-sha-256'; cat '$PG_ENV_DATA/pg_hba.conf'; } >'$PG_ENV_DATA/hba.new' && mv '$PG_ENV_DATA/hba.new' '$PG_ENV_DATA/pg_hba.conf'"
pg_psql -c "SELECT pg_reload_conf()" >/dev/null
expect_conn_error "wrong password" "host=$PGHOST port=$PGPORT user=pwuser password=wrong dbname=fx" \
    '^mdgraph: cannot connect to the database: .*password authentication failed'

# --- a role that may not read one table: that entity reported, the rest drawn
pg_psql -d fx -c "CREATE ROLE reader LOGIN; GRANT USAGE ON SCHEMA public TO reader;
    GRANT SELECT ON ALL TABLES IN SCHEMA public TO reader;
    REVOKE SELECT ON metadata_esstorage FROM reader"
READER="host=$PGHOST port=$PGPORT user=reader dbname=fx"
run_status "$MDGRAPH" --db "$READER" --chain storage --counts --exact-counts -T json
is "unreadable table: the chain still renders" 0 "$status"
is "unreadable table: ESStorage marked, ResultTable counted" "false true" \
    "$(jq -r '[(.entities[] | select(.name == "ESStorage") | .readable), ((.entities[] | select(.name == "ResultTable") | .rows) > 0)] | map(tostring) | join(" ")' "$work/stdout")"
run_status "$MDGRAPH" check --db "$READER"
check "check names the unreadable table" \
    grep -qx 'unreadable      ESStorage: no SELECT privilege on metadata_esstorage, not checked' "$work/stdout"
# --- instance diagrams are deterministic too
for fmt in json svg dot mermaid; do
	"$MDGRAPH" --db "$FX" --data-id 1500003 -T "$fmt" >"$work/i1.$fmt"
	"$MDGRAPH" --db "$FX" --data-id 1500003 -T "$fmt" >"$work/i2.$fmt"
	same "instance $fmt rerun is byte-identical" "$work/i1.$fmt" "$work/i2.$fmt"
done

# --- examples/demo.sh: one command, an instance diagram
run_status sh "$top_srcdir/examples/demo.sh" 1500003 "$work/demo"
is "examples/demo.sh draws an instance diagram" "0 yes yes" \
    "$status $(test -s "$work/demo/ds-1500003.svg" && echo yes) $(jq -e '.nodes | length > 5' "$work/demo/ds-1500003.json" >/dev/null && echo yes)"
done_testing
