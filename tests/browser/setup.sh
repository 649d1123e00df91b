#!/bin/sh
# setup.sh SRC_DIR BUILD_DIR - install the pinned browser driver (playwright-core) for the test suite.
#
# Copies package.json, package-lock.json and page-check.mjs from SRC_DIR/tests/browser
# (which may be read-only, as in `make distcheck`) to BUILD_DIR/tests/browser-env, runs
# `npm ci` there when node_modules is missing or the lockfile, package.json or the node
# version changed, and prints the absolute path of the script to run:
#
#     PAGE_CHECK=$(sh "$srcdir/tests/browser/setup.sh" "$srcdir" "$builddir") || exit 1
#     "${NODE:-node}" "$PAGE_CHECK" ...
#
# The script is copied next to node_modules because Node resolves ESM imports from the
# importing file's directory (NODE_PATH is ignored for `import`).
# Quiet on success; on failure prints one line "browser setup: ..." and exits 1.
# NODE and NPM may name the programs to use. Safe to run concurrently (make -j).

set -u

die() {
	printf 'browser setup: %s\n' "$*" >&2
	exit 1
}

[ $# -eq 2 ] || die "usage: setup.sh SRC_DIR BUILD_DIR"
NODE=${NODE:-node}
NPM=${NPM:-npm}

src=$1/tests/browser
[ -d "$src" ] || die "no such directory: $src"
mkdir -p "$2/tests/browser-env" 2>/dev/null || die "cannot create $2/tests/browser-env"
env=$(cd "$2/tests/browser-env" && pwd) || die "cannot enter $2/tests/browser-env"

command -v "$NODE" >/dev/null 2>&1 || die "node not found (install Node.js >= 20 or set NODE)"
command -v "$NPM" >/dev/null 2>&1 || die "npm not found (install npm or set NPM)"
node_version=$("$NODE" --version 2>/dev/null) || die "'$NODE --version' failed"
major=${node_version#v}
major=${major%%.*}
case $major in
'' | *[!0-9]*) die "cannot read the node version from '$node_version'" ;;
esac
[ "$major" -ge 20 ] || die "node $node_version is too old (need >= 20)"

# Serialise concurrent runs: mkdir is atomic. A lock left by a dead process is removed.
lock=$env/.lock
tries=0
while ! mkdir "$lock" 2>/dev/null; do
	owner=$(cat "$lock/pid" 2>/dev/null) || owner=
	if [ -n "$owner" ] && ! kill -0 "$owner" 2>/dev/null; then
		rm -rf "$lock"
		continue
	fi
	tries=$((tries + 1))
	[ "$tries" -le 600 ] || die "timed out waiting for $lock (remove it if no setup is running)"
	sleep 1
done
trap 'rm -rf "$lock" "$env/stamp.new"' EXIT
trap 'exit 1' HUP INT TERM
echo $$ >"$lock/pid"

# Copy a file only when it differs, through a temporary file, so that a read-only source
# never yields a read-only copy that the next run cannot replace.
sync_file() {
	[ -f "$src/$1" ] || die "missing $src/$1"
	if ! cmp -s "$src/$1" "$env/$1"; then
		if ! { cat "$src/$1" >"$env/$1.tmp" && mv -f "$env/$1.tmp" "$env/$1"; }; then
			die "cannot copy $src/$1 to $env"
		fi
	fi
}
sync_file package.json
sync_file package-lock.json
sync_file page-check.mjs

stamp=$env/node_modules/.mdgraph-stamp
{
	printf 'node %s\n' "$node_version"
	cat "$env/package.json" "$env/package-lock.json"
} >"$env/stamp.new" || die "cannot write $env/stamp.new"

if ! cmp -s "$env/stamp.new" "$stamp"; then
	log=$env/npm-ci.log
	rm -f "$stamp"
	(cd "$env" && "$NPM" ci --no-audit --no-fund --loglevel=error) >"$log" 2>&1 ||
		die "npm ci failed in $env (see $log)"
	[ -f "$env/node_modules/playwright-core/package.json" ] ||
		die "npm ci did not install playwright-core in $env (see $log)"
	mv -f "$env/stamp.new" "$stamp" || die "cannot write $stamp"
fi

printf '%s\n' "$env/page-check.mjs"
