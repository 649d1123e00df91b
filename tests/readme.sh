#!/bin/sh
# Every mdgraph command of the README's ```sh blocks runs as written, from
# a directory laid out like the source tree, against the fixtures; and
# the README's own marker region is fresh.
. "$top_srcdir/tests/setup.sh"
. "$top_srcdir/tests/live-setup.sh"
. "$top_srcdir/tests/my-live-setup.sh"

# $PG and $DB: the PostgreSQL fixture; $MY: the MariaDB one.
live_db fx "$fixtures/schema.sql" "$fixtures/data.sql" "$fixtures/unclassified.sql"
PG=$(conn fx)
DB=$PG
my_live_db fx "$fixtures/schema.sql" "$fixtures/data.sql" "$fixtures/unclassified.sql"
MY=$(my_conn fx)
export PG DB MY

run=$work/run
mkdir -p "$run/src"
ln -s "$MDGRAPH" "$run/src/mdgraph"
ln -s "$top_srcdir/examples" "$run/examples"
ln -s "$top_srcdir/tests" "$run/tests"
cp "$top_srcdir/README.md" "$run/README.md"

run_status "$MDGRAPH" doc --update "$top_srcdir/README.md" --check
is "README.md's marker regions are fresh" "0|" "$status|$(cat "$work/stderr")"

# The commands: lines of ```sh blocks that start with src/mdgraph or sh.
awk '/^```sh$/ { f = 1; next } /^```$/ { f = 0 } f && /^(src\/mdgraph|sh) /' \
    "$top_srcdir/README.md" >"$work/commands"
check "the README has commands to run" test "$(wc -l <"$work/commands")" -gt 20
while IFS= read -r cmd; do
	status=0
	(cd "$run" && eval "$cmd") >"$work/out" 2>"$work/err" </dev/null || status=$?
	case $cmd in
	*" check "*) want='0 or 1' ;;	# check answers: 1 is its findings
	*) want=0 ;;
	esac
	case "$want" in
	*"$status"*) ok "README: $cmd" ;;
	*)
		not_ok "README: $cmd"
		echo "# exit $status"
		sed 's/^/# /' "$work/err" | head -5 ;;
	esac
done <"$work/commands"
done_testing
