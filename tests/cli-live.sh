#!/bin/sh
# Command-line behaviour that needs a live database: what was asked is
# what is done, usage errors say so, progress on a terminal only.
. "$top_srcdir/tests/setup.sh"
. "$top_srcdir/tests/live-setup.sh"

live_db fx "$fixtures/schema.sql" "$fixtures/data.sql" "$fixtures/unclassified.sql"
FX=$(conn fx)

# check --chain storage checks storage: its relations, its findings.
"$MDGRAPH" check --db "$FX" --chain storage -T json >"$work/storage.json" || :
"$MDGRAPH" check --db "$FX" -T json >"$work/all.json" || :
is "check --chain storage: storage's relations only" \
    "$("$MDGRAPH" --chain storage -T json | jq '.relations | length')" \
    "$(jq '.relations_checked' "$work/storage.json")"
check "check --chain storage: fewer relations than every chain" \
    test "$(jq '.relations_checked' "$work/storage.json")" -lt \
    "$(jq '.relations_checked' "$work/all.json")"
is "check --chain storage: each finding is storage's" "storage" \
    "$(jq -r '[.findings[] | .chain // "storage"] | unique | join(",")' "$work/storage.json")"

# --data-id abc is a usage error that names the column's type.
run_status "$MDGRAPH" --db "$FX" --data-id abc
is "--data-id abc: exit 2, the column's type named" \
    "2|mdgraph: DataSource.bk_data_id is integer, not 'abc': give a whole number" \
    "$status|$(cat "$work/stderr")"

# Progress: a lock held for two seconds makes the run long.
# on_tty CMD: run CMD with standard error on a terminal (script(1)),
# standard output to $work/tty.stdout; the terminal's text in $work/tty.
on_tty() {
	script -q -e -c "$* >'$work/tty.stdout'; echo \"status=\$?\"" /dev/null \
	    </dev/null >"$work/tty" 2>&1 || :
}

lock_fields fx 2
on_tty "'$MDGRAPH' --db '$FX' --data-id 1500001 -T json"
wait "$locker" || :
check "a long run on a terminal shows progress: layers and rows" \
    grep -q 'mdgraph: layer [0-9]* of [0-9]* fetched, [0-9]* rows so far' "$work/tty"
is "the progress line is cleared and the run succeeds" "status=0" \
    "$(tr -d '\r' <"$work/tty" | sed 's/.*\x1b\[K//')"
check "progress leaves standard output alone" jq -e '.nodes | length > 0' "$work/tty.stdout"

lock_fields fx 2
on_tty "'$MDGRAPH' --db '$FX' --data-id 1500001 -T json --quiet"
wait "$locker" || :
is "--quiet: no progress, even on a terminal" "status=0" "$(tr -d '\r' <"$work/tty")"

lock_fields fx 2
run_status "$MDGRAPH" --db "$FX" --data-id 1500001 -T json
wait "$locker" || :
is "stderr not a terminal: no progress" "0|" "$status|$(cat "$work/stderr")"

on_tty "'$MDGRAPH' --db '$FX' --data-id 1500001 -T json"
is "a short run on a terminal: no progress" "status=0" "$(tr -d '\r' <"$work/tty")"
# examples/demo.sh with an id the fixtures lack: one line, no server log.
run_status sh "$top_srcdir/examples/demo.sh" 42 "$work/demo"
is "examples/demo.sh 42: exit 2, one line listing the fixture's ids" \
    "2|demo: bk_data_id 42 is not in the fixtures (tests/fixtures/data.sql); they have: $(pg_psql -d fx -At -c 'SELECT bk_data_id FROM metadata_datasource ORDER BY 1' | paste -sd, - | sed 's/,/, /g')" \
    "$status|$(cat "$work/stderr")"
done_testing
