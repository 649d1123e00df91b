#!/bin/sh
# Command-line behaviour: exact messages and exit statuses.
. "$top_srcdir/tests/setup.sh"


# expect STATUS STDERR-LINE CMD...: exit status and the one stderr line.
expect() {
	want_status=$1 want_err=$2
	shift 2
	run_status "$@"
	is "$* -> $want_status" "$want_status|$want_err" \
	    "$status|$(cat "$work/stderr")"
}

expect 2 "mdgraph: unknown chain 'nope' (choose from: main, datalink, storage, bcs, space, timeseries, moststorage, datalinkmore, vm, entity, all)" \
    "$MDGRAPH" --chain nope
expect 2 "mdgraph: unknown format 'gif' (choose from: $("$MDGRAPH" --help | sed -n 's/.*output format: \([^(]*\) (default.*/\1/p' | sed 's/ *$//'))" \
    "$MDGRAPH" -T gif
expect 2 "mdgraph: option '--chain' needs an argument" "$MDGRAPH" --chain
expect 2 "mdgraph: unexpected argument 'draw' (commands: doc, check; see 'mdgraph --help')" \
    "$MDGRAPH" draw

run_status "$MDGRAPH" --bogus
is "unknown long option exits 2" 2 "$status"
check "unknown long option: one line naming it and the valid options" \
    grep -qx "mdgraph: unknown option '--bogus' (valid: --chain, .*--help, --version.*)" \
    "$work/stderr"
is "unknown long option: nothing on stdout" "" "$(cat "$work/stdout")"

run_status "$MDGRAPH" -Z
check "unknown short option names it" \
    grep -qx "mdgraph: unknown option '-Z' (valid: .*)" "$work/stderr"

run_status "$MDGRAPH" --help
is "--help exits 0" 0 "$status"
# Every option of the parser's table (src/main.c), and every one the
# unknown-option message names, has its own line in --help: "  -X, --NAME"
# or "      --NAME", the whole name.
table=$(sed -n 's/^	{ "\([a-z-]*\)", [01], OPT_.*/\1/p' "$top_srcdir/src/main.c")
check "the option table is read" test "$(echo "$table" | wc -w)" -gt 20
missing=
for opt in $table; do
	grep -qE -- "^  (-., |    )--$opt( |$)" "$work/stdout" || missing="$missing $opt"
done
valid=$("$MDGRAPH" --bogus 2>&1 | sed 's/.*(valid: \(.*\))$/\1/' | tr -d ',')
for opt in $valid; do
	grep -qE -- "^  (-., |    )$opt( |$)" "$work/stdout" || missing="$missing $opt"
done
is "--help documents every option" "" "$missing"

run_status "$MDGRAPH" --version
is "--version" "0|mdgraph $(sed -n 's/^AC_INIT(\[mdgraph\], \[\([^]]*\)\].*/\1/p' "$top_srcdir/configure.ac")" \
    "$status|$(head -1 "$work/stdout")"
is "--version names the Graphviz it runs with" \
    "Graphviz $(dot -V 2>&1 | sed -n 's/.*version \([0-9.]*\).*/\1/p')" \
    "$(sed -n 2p "$work/stdout")"
is "--version names libpq's PQlibVersion" \
    "libpq $(pkg-config --modversion libpq)" "$(sed -n 3p "$work/stdout")"
is "--version names Connector/C's mysql_get_client_info" \
    "MariaDB Connector/C $(pkg-config --modversion libmariadb)" \
    "$(sed -n 4p "$work/stdout")"

run_status "$MDGRAPH" --list-chains
is "--list-chains: name, title, entity count" \
    "0|main	元数据主链路	15" "$status|$(head -1 "$work/stdout")"

expect 2 "mdgraph: cannot tell the format of '$work/x.txt' from its extension: give -T FORMAT ($("$MDGRAPH" -T gif 2>&1 | sed 's/.*choose from: \(.*\))$/\1/'))" \
    "$MDGRAPH" -o "$work/x.txt"
expect 2 "mdgraph: cannot read model $work/none.model: No such file or directory" \
    "$MDGRAPH" --model "$work/none.model"
expect 2 "mdgraph: doc takes no --chain, --format or --list-chains" \
    "$MDGRAPH" doc --chain main

# --- wrong input: answered, never silently done otherwise (issue 14)
printf '# Notes\n\nNo regions here.\n' >"$work/notes.md"
expect 2 "mdgraph: $work/notes.md has no mdgraph markers: add a region '<!-- mdgraph:chain=NAME -->' ... '<!-- /mdgraph -->'" \
    "$MDGRAPH" doc --update "$work/notes.md"
expect 2 "mdgraph: $work/notes.md has no mdgraph markers: add a region '<!-- mdgraph:chain=NAME -->' ... '<!-- /mdgraph -->'" \
    "$MDGRAPH" doc --update "$work/notes.md" --check
is "doc --update without markers leaves the file alone" \
    "$(printf '# Notes\n\nNo regions here.')" "$(cat "$work/notes.md")"

run_status "$MDGRAPH" --list-chains -o "$work/lc.txt"
is "--list-chains -o FILE writes FILE, not stdout" "0||main	元数据主链路	15" \
    "$status|$(cat "$work/stdout")|$(head -1 "$work/lc.txt" 2>/dev/null)"

expect 2 "mdgraph: --columns and --counts read a live database: give --db CONNINFO or set PGDATABASE" \
    "$MDGRAPH" --columns all
expect 2 "mdgraph: --columns and --counts read a live database: give --db CONNINFO or set PGDATABASE" \
    "$MDGRAPH" --counts -o "$work/c.svg"
expect 2 "mdgraph: --columns and --counts read a live database: give --db CONNINFO or set PGDATABASE" \
    "$MDGRAPH" doc --offline --counts
expect 2 "mdgraph: -T svg contradicts -o $work/x.png, whose extension says png: drop -T, or name the file *.svg" \
    "$MDGRAPH" -T svg -o "$work/x.png"
check "-T svg -o x.png wrote nothing" test ! -e "$work/x.png"
run_status "$MDGRAPH" -T dot -o "$work/x.gv"
is "-T dot -o x.gv agrees" "0|" "$status|$(cat "$work/stderr")"

expect 2 "mdgraph: unexpected argument 'check': give one command, doc or check" \
    "$MDGRAPH" doc check
run_status "$MDGRAPH" --offline doc
"$MDGRAPH" doc >"$work/doc.md"
is "the command after options: 'mdgraph --offline doc' is doc" \
    "0|$(cksum <"$work/doc.md")" "$status|$(cksum <"$work/stdout")"
run_status "$MDGRAPH" --offline check
is "'mdgraph --offline check' runs check (which needs a database)" \
    "2|mdgraph: check needs a database: give --db CONNINFO or set PGDATABASE" \
    "$status|$(cat "$work/stderr")"

expect 2 "mdgraph: --max-rows takes a whole number from 1 to 1000000, not '0'" \
    "$MDGRAPH" --max-rows 0
expect 2 "mdgraph: --max-rows takes a whole number from 1 to 1000000, not '100000000'" \
    "$MDGRAPH" --max-rows 100000000
expect 2 "mdgraph: --depth takes a whole number from 0 to 1000000, not '-1'" \
    "$MDGRAPH" --depth -1

# -T png to a terminal: refused.  script(1) gives the run a terminal.
script -q -e -c "'$MDGRAPH' -T png; echo \"status=\$?\"" /dev/null \
    </dev/null >"$work/tty.out" 2>&1 || :
is "-T png on a terminal: refused with a hint, exit 2" \
    "mdgraph: -T png is binary and standard output is a terminal: give -o FILE.png or redirect standard output|status=2" \
    "$(tr -d '\r' <"$work/tty.out" | paste -sd'|')"
script -q -e -c "'$MDGRAPH' --chain bcs -T pdf -o '$work/bcs.pdf'; echo \"status=\$?\"" /dev/null \
    </dev/null >"$work/tty.out" 2>&1 || :
is "-T pdf -o FILE from a terminal still writes" "status=0|%PDF" \
    "$(tr -d '\r' <"$work/tty.out")|$(head -c 4 "$work/bcs.pdf")"

expect 2 "mdgraph: unknown chain 'storge': did you mean 'storage'? (choose from: main, datalink, storage, bcs, space, timeseries, moststorage, datalinkmore, vm, entity, all)" \
    "$MDGRAPH" --chain storge
run_status "$MDGRAPH" --chian main
check "unknown option: did you mean" grep -qx \
    "mdgraph: unknown option '--chian': did you mean '--chain'? (valid: .*)" "$work/stderr"
expect 2 "mdgraph: --root: the model has no entity 'Datasource': did you mean 'DataSource'?" \
    "$MDGRAPH" --root Datasource:bk_data_id=1
expect 2 "mdgraph: --exclude: the model has no entity 'kafkatopicinf': did you mean 'KafkaTopicInfo'?" \
    "$MDGRAPH" --exclude kafkatopicinf
expect 2 "mdgraph: unknown chain 'zzzzzz' (choose from: main, datalink, storage, bcs, space, timeseries, moststorage, datalinkmore, vm, entity, all)" \
    "$MDGRAPH" --chain zzzzzz
run_status "$MDGRAPH" --chain bcs -o "$work/bcs.SVG"
check "-o x.SVG: the upper-case extension is SVG" xmllint --noout "$work/bcs.SVG"

"$MDGRAPH" --chain bcs --model - <"$top_srcdir/templates/metadata.model" >"$work/stdin.mmd" || :
"$MDGRAPH" --chain bcs --model "$top_srcdir/templates/metadata.model" >"$work/file.mmd"
same "--model - reads the model from standard input" "$work/file.mmd" "$work/stdin.mmd"
run_status sh -c 'echo bogus | "$0" --model - --list-chains' "$MDGRAPH"
check "--model -: errors name standard input" grep -q '^mdgraph: (standard input):1: ' "$work/stderr"

# libpq's multi-line messages stay sentences on one line.
run_status "$MDGRAPH" --db "host=127.0.0.1 port=1 connect_timeout=5" --chain bcs
check "a refused connection: one line, its sentences apart" grep -qx \
    'mdgraph: cannot connect to the database: connection to server at "127.0.0.1", port 1 failed: Connection refused\. Is the server running on that host and accepting TCP/IP connections?' \
    "$work/stderr"

# PGUSER or PGHOST alone name no database: a model-only run stays one.
run_status env -u PGDATABASE -u PGSERVICE PGUSER=postgres PGHOST=/nonexistent \
    "$MDGRAPH" doc -o "$work/d.md"
is "PGUSER=postgres mdgraph doc -o d.md: offline, exit 0" "0|" \
    "$status|$(cat "$work/stderr")"
run_status env PGDATABASE=monitor PGHOST=127.0.0.1 PGPORT=1 "$MDGRAPH" doc -o "$work/d.md"
is "the environment alone chose a database that failed: the hint names --offline" \
    "2|mdgraph: hint: the database came from PGDATABASE or PGSERVICE: --offline draws from the model alone" \
    "$status|$(tail -1 "$work/stderr")"

# A failed write leaves no file and the old one untouched.
mkdir "$work/ro"
echo old >"$work/ro/out.mmd"
chmod 0555 "$work/ro"
if [ "$(id -u)" -eq 0 ]; then
	# root writes anywhere: make the directory a file's path instead.
	run_status "$MDGRAPH" -o "$work/ro/out.mmd/x.mmd"
	is "unwritable -o exits 2" 2 "$status"
	check "unwritable -o: one line naming the path" \
	    grep -qx "mdgraph: cannot write $work/ro/out.mmd/x.mmd: cannot create a file there: Not a directory" \
	    "$work/stderr"
else
	run_status "$MDGRAPH" -o "$work/ro/out.mmd"
	is "unwritable -o exits 2" 2 "$status"
	check "unwritable -o: one line naming the path" \
	    grep -q "^mdgraph: cannot write $work/ro/out.mmd: " "$work/stderr"
fi
is "old output untouched" old "$(cat "$work/ro/out.mmd")"
is "no temporary file left behind" "out.mmd" "$(ls -A "$work/ro")"
chmod 0755 "$work/ro"

# -o writes what stdout gets.
"$MDGRAPH" --chain bcs >"$work/bcs.stdout"
"$MDGRAPH" --chain bcs -o "$work/bcs.mmd"
same "-o FILE equals stdout" "$work/bcs.stdout" "$work/bcs.mmd"
"$MDGRAPH" --chain bcs -o - >"$work/bcs.dash"
same "-o - is stdout" "$work/bcs.stdout" "$work/bcs.dash"
done_testing
