#!/bin/sh
# JSON lists read by mdgraph, not by the server: a text column holding a
# list that is not JSON, or one with an escaped surrogate pair
# ("\ud83d\ude80"), is followed through elem() on PostgreSQL and MariaDB
# alike; the unreadable row is named on stderr and in JSON, the rest drawn
# (fixtures: "hardening: unreadable JSON lists" in tests/fixtures/data.sql).
. "$top_srcdir/tests/setup.sh"
. "$top_srcdir/tests/live-setup.sh"
MY_ENV_TCP=1
export MY_ENV_TCP
. "$top_srcdir/tests/my-live-setup.sh"

command -v jq >/dev/null || { echo "Bail out! jq missing: run ./bootstrap"; exit 1; }

live_db fx "$fixtures/schema.sql" "$fixtures/data.sql"
my_live_db fx "$fixtures/schema.sql" "$fixtures/data.sql"
PG=$(conn fx)
MY=$(my_conn fx)

# SpaceStickyInfo.space_uid_list (text) lists space uids.
cat >"$work/sticky.model" <<'MODEL'
schema public
prefix metadata_
root sticky SpaceStickyInfo.username

chain sticky 置顶空间
    SpaceStickyInfo }o--|| Space : "space_uid_list"
        on elem(space_uid_list) = concat(space_type_id, '__', space_id)
        tenant no
    SpaceStickyInfo {
        int id PK
        string username
        string space_uid_list
    }
    Space {
        string space_type_id
        string space_id
    }
end
MODEL

for side in PG MY; do
	eval "db=\$$side"
	run_status "$MDGRAPH" --db "$db" --model "$work/sticky.model" \
	    --root SpaceStickyInfo:username=hardening -T json
	is "$side: a list that is not JSON does not stop the diagram: exit 0" 0 "$status"
	cp "$work/stdout" "$work/$side.json"
	cp "$work/stderr" "$work/$side.err"
	is "$side: stderr names the table, the row, the column and the cause" \
	    "mdgraph: table metadata_spacestickyinfo, row id=1: column space_uid_list is not a readable JSON list (at byte 0: not a JSON list); its elements are not followed" \
	    "$(cat "$work/$side.err")"
	is "$side: the JSON has it as an \"unparsed\" note" \
	    "unparsed SpaceStickyInfo" \
	    "$(jq -r '.notes[] | "\(.kind) \(.entity)"' "$work/$side.json" 2>&1)"
	is "$side: the three sticky rows are drawn" 3 \
	    "$(jq '[.nodes[] | select(.entity == "SpaceStickyInfo")] | length' "$work/$side.json" 2>&1)"
	is "$side: the readable lists reach both spaces" "2 bk-monitor-ci" \
	    "$(jq -r '[.nodes[] | select(.entity == "Space" and (.missing | not)) | .keys.space_id] | sort | join(" ")' "$work/$side.json" 2>&1)"
	is "$side: the escaped surrogate pair decodes to U+1F680 (a space uid no space has)" \
	    "bkcc__🚀" \
	    "$(jq -r '[.nodes[] | select(.entity == "Space" and .missing) | .keys[]] | join(" ")' "$work/$side.json" 2>&1)"
done
same "PostgreSQL and MariaDB give the same diagram" "$work/PG.json" "$work/MY.json"

# Mermaid and DOT too, with the same note.
for fmt in mermaid dot; do
	run_status "$MDGRAPH" --db "$PG" --model "$work/sticky.model" \
	    --root SpaceStickyInfo:username=hardening -T "$fmt"
	is "-T $fmt: exit 0, one line on stderr" "0 1" "$status $(wc -l <"$work/stderr")"
done

done_testing
