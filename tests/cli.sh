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

expect 2 "mdgraph: unknown chain 'nope' (choose from: main, datalink, storage, bcs, space, all)" \
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
    "$status|$(cat "$work/stdout")"

run_status "$MDGRAPH" --list-chains
is "--list-chains: name, title, entity count" \
    "0|main	元数据主链路	15" "$status|$(head -1 "$work/stdout")"

expect 2 "mdgraph: cannot tell the format of '$work/x.txt' from its extension: give -T FORMAT ($("$MDGRAPH" -T gif 2>&1 | sed 's/.*choose from: \(.*\))$/\1/'))" \
    "$MDGRAPH" -o "$work/x.txt"
expect 2 "mdgraph: cannot read model $work/none.model: No such file or directory" \
    "$MDGRAPH" --model "$work/none.model"
expect 2 "mdgraph: doc takes no --chain, --format or --list-chains" \
    "$MDGRAPH" doc --chain main

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
