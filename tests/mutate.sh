#!/bin/sh
# mutate.sh -- on demand, not in make check: apply one-line mutations of
# the source, one at a time, to a copy of the tree, build it, run the test
# scripts that should catch each, and report which were killed (a test
# failed) and which survived.  A survivor is a blind spot of the suite.
#
#   sh tests/mutate.sh [N...]     run all mutations, or only those numbered
#
# Run from a built tree (./bootstrap); the copy lives in a temporary
# directory and is removed at the end.  Each mutation: FILE@SED@TESTS, a
# sed expression that must change exactly one line of FILE, and the tests.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mdgraph-mutate.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

mutations() {
	cat <<'LIST'
src/json.c@s/for (run = p; \*p >= 0x20 \&\&/for (run = p; (*p >= 0x20 || (*p > 13 \&\& *p < 0x20)) \&\&/@tests/hostile.sh
src/util.c@s/if ((fd = mkstemp(tmp_path)) == -1) {/if ((fd = open(target, O_WRONLY | O_TRUNC)) == -1) {/@tests/output.sh
src/util.c@s/if (exists \&\& (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode))) {/if (0) {/@tests/output.sh
src/util.c@s/^		target = real;$/		target = path;/@tests/output.sh
src/util.c@s/^		o->mode = st.st_mode \& 07777;$/		o->mode = 0644;/@tests/output.sh
src/util.c@s/^	if (geteuid() == 0 ? (st->st_mode \& 0222) != 0 :$/	if (1 ? 1 :/@tests/output.sh
src/util.c@s/^	if (tmp_live)$/	if (0)/@tests/signals.sh
src/util.c@s/^	raise(sig);$/	_exit(2);/@tests/signals.sh
src/util.c@0,/^			buf_puts(\&b, "\*\*\*");$/s//			buf_add(\&b, s + j, e - j);/@tests/secrets.sh
src/util.c@s/^	for (k = 0; k < nsecrets; k++) {$/	for (k = 0; k < 0; k++) {/@tests/secrets.sh
src/doc.c@s/^	int	 ok = svg\[0\] != '\/' \&\& (inside(dir, svg) ||$/	int	 ok = 1 || (inside(dir, svg) ||/@tests/doc.sh
src/doc.c@s/if (strncmp(c, "\.\.", 2) == 0 \&\& /if (0 \&\& /@tests/doc.sh
src/sample.c@s/(long long)x->kept\[p\] < x->r->o->max_rows) {/(long long)x->kept[p] <= x->r->o->max_rows) {/@tests/instance.sh
src/sample.c@s/if (x->tenant \&\& !tenants_agree(x->pe, \&x->pe->rows\[p\],/if (0 \&\& !tenants_agree(x->pe, \&x->pe->rows[p],/@tests/instance.sh
src/sample.c@s/x\.tenant = rel->tenant == MDG_TENANT_AUTO \&\& pe->tenant >= 0 \&\&/x.tenant = 0 \&\& pe->tenant >= 0 \&\&/@tests/instance.sh
src/util.c@/^buf_spill/,/^}/s/^	buf_reset(b);$/	(void)0;/@tests/stream.sh
src/sample.c@s/^	if ((slot = id_slot(r, en, id, h))->row != 0) {$/	if ((slot = id_slot(r, en, id, h))->row != 0 \&\& 0) {/@tests/instance.sh
src/pg/session.c@s/REPEATABLE READ, READ ONLY"/REPEATABLE READ"/@tests/faults.sh
LIST
}

# One copy of the tree, built once; each mutation is applied, rebuilt
# (make rebuilds what the file touches), tested and undone.
mkdir "$tmp/tree"
(cd "$top" && git ls-files -z | xargs -0 tar -cf -) | tar -xf - -C "$tmp/tree"
(cd "$tmp/tree" && ./bootstrap >"$tmp/build.log" 2>&1) || {
	echo "mutate.sh: the unmutated copy does not build: see ./bootstrap"
	exit 2
}
: >"$tmp/results"
want=" ${*:-} "
n=0
mutations | while IFS='@' read -r file expr tests; do
	n=$((n + 1))
	case $want in "  "|*" $n "*) ;; *) continue ;; esac
	cp "$top/$file" "$tmp/orig"
	sed "$expr" "$tmp/orig" >"$tmp/tree/$file"
	changed=$(diff "$tmp/orig" "$tmp/tree/$file" | grep -c '^>' || :)
	if [ "$changed" -ne 1 ]; then
		echo "mutation $n: $file: the expression changes $changed lines, not 1: fix the list"
		echo broken >>"$tmp/results"
	elif ! (cd "$tmp/tree" && make -s >"$tmp/build.log" 2>&1); then
		echo "mutation $n: killed by the compiler: $file"
		echo killed >>"$tmp/results"
	# shellcheck disable=SC2086
	elif (cd "$tmp/tree" && make check TESTS="$tests" >"$tmp/check.log" 2>&1); then
		echo "mutation $n: SURVIVED: $file: $expr ($tests)"
		echo survived >>"$tmp/results"
	else
		echo "mutation $n: killed: $file ($tests)"
		echo killed >>"$tmp/results"
	fi
	cp "$tmp/orig" "$tmp/tree/$file"
	touch "$tmp/tree/$file"
done
k=$(grep -c '^killed' "$tmp/results" || :)
s=$(grep -c '^survived' "$tmp/results" || :)
b=$(grep -c '^broken' "$tmp/results" || :)
echo "mutate.sh: $k killed, $s survived, $b not applied, of $((k + s + b))"
[ "$s" -eq 0 ] && [ "$b" -eq 0 ]
