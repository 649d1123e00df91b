#!/bin/sh
# embed.sh NAME FILE -- print FILE as a C array `NAME` and its length.
# The built-in model and template are compiled in from templates/ this way,
# so the binary needs no data files and there is no second copy in C.
set -eu
name=$1
file=$2
printf '/* Generated from %s by embed.sh; do not edit. */\n' "${file##*/}"
printf '#include <stddef.h>\n'
printf 'const unsigned char %s[] = {\n' "$name"
od -An -v -tx1 "$file" | sed -e 's/  */ /g' -e 's/^ //' -e '/^$/d' \
    -e 's/\([0-9a-f][0-9a-f]\)/0x\1,/g'
printf '0x00 };\n'
printf 'const size_t %s_len = sizeof %s - 1;\n' "$name" "$name"
