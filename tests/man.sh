#!/bin/sh
# The manual renders without warnings and documents every option.
. "$top_srcdir/tests/setup.sh"

page=$top_srcdir/man/mdgraph.1
check "man page renders without warnings" \
    sh -c "groff -k -man -ww -Tutf8 -z '$page' 2>'$work/w' && ! test -s '$work/w'"
missing=
for opt in $("$MDGRAPH" --help | sed -n 's/^  \(-., \)\{0,1\} *--\([a-z-]*\).*/\2/p'); do
	pat=$(printf '%s' "--$opt" | sed 's/-/\\-/g')
	grep -qF -- "$pat" "$page" || missing="$missing --$opt"
done
is "every option in --help is in the man page" "" "$missing"
check "--help lists options" test -n "$("$MDGRAPH" --help | grep -- '--chain')"
done_testing
