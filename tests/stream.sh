#!/bin/sh
# Instance diagrams are written as they are made: a JSON or tree output
# many times the writers' 64 KiB buffer reaches the file whole, the same
# bytes as on standard output, and a write failing partway through the
# stream keeps the old file, its inode and its link, and leaves no
# temporary file.  Also on MariaDB, whose rows arrive the same way.
. "$top_srcdir/tests/setup.sh"
. "$top_srcdir/tests/live-setup.sh"
cd "$work"

# 4,000 more fields on the time series table of 1500001, about 2 MB of
# JSON, each with quotes and Chinese in its description: plain SQL both
# servers load.
awk 'BEGIN {
	print "INSERT INTO metadata_resulttablefield (table_id, bk_tenant_id, field_name, field_type, description, unit, tag, is_config_by_user, creator, last_modify_user, alias_name) VALUES"
	for (g = 1; g <= 4000; g++)
		printf "    (\047%s\047, \047system\047, \047metric_%d\047, \047float\047, \047指标 \"%d\" <&>\047, \047\047, \047metric\047, true, \047admin\047, \047admin\047, \047\047)%s\n",
		    "2_bkmonitor_time_series_1500001.__default__", g, g, g < 4000 ? "," : ";"
}' >fields.sql
live_db big "$fixtures/schema.sql" "$fixtures/data.sql" "$work/fields.sql"
BIG=$(conn big)
md() { "$MDGRAPH" --db "$BIG" --data-id 1500001 --max-rows 100000 --columns all "$@"; }

for fmt in json tree; do
	md -T "$fmt" >"stdout.$fmt"
	run_status md -T "$fmt" -o "file.$fmt"
	is "-T $fmt -o: exit 0" "0|" "$status|$(cat "$work/stderr")"
	same "-T $fmt: the file streamed is standard output's bytes" \
	    "stdout.$fmt" "file.$fmt"
	check "-T $fmt: over 4 times the 64 KiB buffer" \
	    test "$(wc -c <"file.$fmt")" -gt $((4 * 65536))
done
is "JSON streamed: parses, every field there" 4005 \
    "$(jq '[.nodes[] | select(.entity == "ResultTableField" and .keys.table_id == "2_bkmonitor_time_series_1500001.__default__")] | length' file.json)"
is "JSON streamed: a value with quotes and Chinese whole" \
    '指标 "77" <&>' \
    "$(jq -r '.nodes[] | select(.entity == "ResultTableField" and ((.keys + .attributes).field_name == "metric_77")) | .attributes.description' file.json)"

# The size limit cuts the stream after its first spills (256 blocks, at
# most 256 KiB), SIGXFSZ ignored so that write fails with EFBIG.
printf 'old\n' >keep.json
ln keep.json keep-link.json
ino=$(stat -c %i keep.json)
run_status sh -c 'trap "" XFSZ; ulimit -f 256; exec "$@"' sh \
    "$MDGRAPH" --db "$BIG" --data-id 1500001 --max-rows 100000 -T json -o keep.json
is "stream cut partway: exit 2, old file, inode and link kept" \
    "2 old $ino 2 old" \
    "$status $(cat keep.json) $(stat -c %i keep.json) $(stat -c %h keep.json) $(cat keep-link.json)"
check "stream cut partway: says why" \
    grep -q "^mdgraph: cannot write keep.json: File too large" "$work/stderr"
check "stream cut partway: no temporary file left" \
    test -z "$(find . -name '*.tmp*')"

# SIGTERM as soon as the temporary file appears: it is removed, and the
# old file kept (or, had the run ended first, the new one is whole).
printf 'old\n' >keep.json
"$MDGRAPH" --db "$BIG" --data-id 1500001 --max-rows 100000 -T json -o keep.json \
    2>term.err &
pid=$!
n=0
while [ -z "$(find . -name 'keep.json.tmp*')" ] && [ $n -lt 600 ] &&
    kill -0 $pid 2>/dev/null; do
	sleep 0.1
	n=$((n + 1))
done
kill -TERM $pid 2>/dev/null || :
st=0
wait $pid || st=$?
is "SIGTERM during the stream: exit 143 or done, old file or the whole new one, no temporary" \
    "ok" \
    "$( { [ $st = 143 ] && [ "$(cat keep.json)" = old ]; } ||
	{ [ $st = 0 ] && jq -e . keep.json >/dev/null; } && [ -z "$(find . -name '*.tmp*')" ] && echo ok)"

# MariaDB: the same rows, the same bytes.
. "$top_srcdir/tests/my-live-setup.sh"
my_live_db mbig "$fixtures/schema.sql" "$fixtures/data.sql" "$work/fields.sql"
MBIG=$(my_conn mbig)
"$MDGRAPH" --db "$MBIG" --data-id 1500001 --max-rows 100000 --columns all -T json -o my.json
ids() { jq -r '.nodes[].id, (.edges[] | .from + " " + .to)' "$1"; }
ids file.json >pg.ids
ids my.json >my.ids
same "MariaDB: the streamed JSON has PostgreSQL's rows and links, in its order" pg.ids my.ids
check "MariaDB: over 4 times the 64 KiB buffer" test "$(wc -c <my.json)" -gt $((4 * 65536))

done_testing
