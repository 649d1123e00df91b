#!/bin/sh
# -o onto what is not a plain new file: standard output and devices are
# written, never replaced; a symlink's target is replaced, the link kept;
# a hard-linked name gets a new file, the other names keep the old one; the
# mode and owner are kept; a read-only file is refused; a write failing
# partway keeps the old file, its inode and its links.
. "$top_srcdir/tests/setup.sh"
cd "$work"
md() { "$MDGRAPH" --chain main -T mermaid "$@"; }
md >want.mmd
inode() { stat -c %i "$1"; }

# sysmd ARGS...: md, for the runs whose -o names a file of the system
# (/dev/stdout, /dev/null).  As root it runs as nobody, from a copy of the
# binary nobody can run: a regression that replaces the path then fails
# with "permission denied" instead of replacing the machine's /dev/null.
if [ "$(id -u)" = 0 ]; then
	mkdir -m 755 "$work/bin"
	cp "$MDGRAPH" "$work/bin/mdgraph"
	chmod 711 "$work"
	sysmd() {
		(cd / && setpriv --reuid=65534 --regid=65534 --clear-groups \
		    "$work/bin/mdgraph" --chain main -T mermaid "$@")
	}
else
	sysmd() { md "$@"; }
fi

# /dev/stdout with standard output redirected to a file: the text goes
# there and /dev/stdout stays the link it is.
link_before=$(stat -c %F /dev/stdout)
sysmd -o /dev/stdout >got.mmd
same "-o /dev/stdout: the text reaches standard output" want.mmd got.mmd
is "-o /dev/stdout: /dev/stdout is not replaced" "$link_before" \
    "$(stat -c %F /dev/stdout)"
sysmd -o /dev/fd/1 >got.mmd
same "-o /dev/fd/1: the text reaches standard output" want.mmd got.mmd

# A character device: written to, not replaced.
run_status sysmd -o /dev/null
is "-o /dev/null: exit 0, /dev/null still a device" "0 character special file" \
    "$status $(stat -c %F /dev/null)"

# A FIFO: its reader gets the text, the FIFO stays.
mkfifo fifo
timeout 60 cat fifo >from-fifo &
reader=$!
run_status md -o fifo
wait "$reader" || :
same "-o FIFO: the reader gets the text" want.mmd from-fifo
is "-o FIFO: exit 0, still a FIFO" "0 fifo" "$status $(stat -c %F fifo)"

# A symlink: its target gets the text, the link stays a link.
echo old >target.mmd
ln -s target.mmd link.mmd
md -o link.mmd
is "-o symlink: the link stays a link to its target" "target.mmd" \
    "$(readlink link.mmd)"
same "-o symlink: the target is replaced" want.mmd target.mmd
mkdir sub
echo old >sub/t.mmd
ln -s sub/t.mmd sublink.mmd
md -o sublink.mmd
check "-o symlink into another directory: no temporary file beside the link" \
    test -z "$(find . -name '*.tmp*')"
same "-o symlink into another directory: its target is replaced" want.mmd sub/t.mmd
ln -s nowhere.mmd dangling.mmd
run_status md -o dangling.mmd
is "-o dangling symlink: exit 2, the link kept" "2 nowhere.mmd" \
    "$status $(readlink dangling.mmd)"
check "-o dangling symlink: says so" \
    grep -q "^mdgraph: cannot write dangling.mmd: a symbolic link whose target cannot be resolved" \
    "$work/stderr"

# A hard-linked name: replaced atomically; the other name keeps the old text.
echo old >a.mmd
ln a.mmd b.mmd
md -o a.mmd
same "-o hard link: the named file gets the text" want.mmd a.mmd
is "-o hard link: the other name keeps the old file" "old 1 1" \
    "$(cat b.mmd) $(stat -c %h a.mmd) $(stat -c %h b.mmd)"

# The mode of the old file is kept, and its owner when we may (root).
echo old >mode.mmd
chmod 640 mode.mmd
if [ "$(id -u)" -eq 0 ]; then
	chown nobody:nogroup mode.mmd
	owner=nobody:nogroup
else
	owner=$(id -un):$(stat -c %G mode.mmd)
fi
md -o mode.mmd
is "-o existing file: mode and owner kept" "640 $owner" \
    "$(stat -c '%a %U:%G' mode.mmd)"
same "-o existing file: replaced" want.mmd mode.mmd

# A read-only file (no write bit: refused as root too) is not replaced.
echo old >ro.mmd
chmod 444 ro.mmd
ino=$(inode ro.mmd)
run_status md -o ro.mmd
is "-o read-only file: exit 2, one line, file and inode kept" "2 1 old $ino" \
    "$status $(wc -l <"$work/stderr") $(cat ro.mmd) $(inode ro.mmd)"
check "-o read-only file: says so and what to do" \
    grep -qx "mdgraph: cannot write ro.mmd: the file is read-only: make it writable (chmod u+w) or choose another output" \
    "$work/stderr"

# A directory is no output.
run_status md -o sub
is "-o directory: exit 2" 2 "$status"

# A write that fails partway (the file size limit, SIGXFSZ ignored so
# write fails with EFBIG): the old file, its inode and its hard link kept.
"$MDGRAPH" -T json --relations all -o big.json
printf 'old\n' >keep.json
ln keep.json keep-link.json
ino=$(inode keep.json)
run_status sh -c 'trap "" XFSZ; ulimit -f 1; exec "$@"' sh \
    "$MDGRAPH" -T json --relations all -o keep.json
is "write failing partway: exit 2, old file, inode and link kept" \
    "2 old $ino 2 old" \
    "$status $(cat keep.json) $(inode keep.json) $(stat -c %h keep.json) $(cat keep-link.json)"
check "write failing partway: says why" grep -q "^mdgraph: cannot write keep.json: File too large" \
    "$work/stderr"
check "write failing partway: no temporary file left" \
    test -z "$(find . -name '*.tmp*')"
check "write failing partway: the output would have been larger than the limit" \
    test "$(wc -c <big.json)" -gt 1024

done_testing
