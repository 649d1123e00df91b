#!/bin/sh
# npm-env.sh NAME DIR SCRIPT PACKAGE SRC_DIR BUILD_DIR - install a pinned npm package
# set for the test suite (tests/mermaid/setup.sh and tests/browser/setup.sh call it).
#
# Copies package.json, package-lock.json and SCRIPT from SRC_DIR/tests/DIR (which may be
# read-only, as in `make distcheck`) to BUILD_DIR/tests/DIR-env, runs `npm ci` there when
# node_modules is missing or the lockfile, package.json or the node version changed,
# checks that PACKAGE is installed, and prints the absolute path of SCRIPT there.
#
# SCRIPT is copied next to node_modules because Node resolves ESM imports from the
# importing file's directory (NODE_PATH is ignored for `import`).
# Quiet on success; on failure prints one line "NAME setup: ..." and exits 1.
# NODE and NPM may name the programs to use. Safe to run concurrently (make -j).

set -u

name=${1:-npm}
die() {
	printf '%s setup: %s\n' "$name" "$*" >&2
	exit 1
}
[ $# -eq 6 ] || die "usage: setup.sh SRC_DIR BUILD_DIR"
dir=$2 script=$3 package=$4
shift 4

NODE=${NODE:-node}
NPM=${NPM:-npm}

src=$1/tests/$dir
[ -d "$src" ] || die "no such directory: $src"
mkdir -p "$2/tests/$dir-env" 2>/dev/null || die "cannot create $2/tests/$dir-env"
env=$(cd "$2/tests/$dir-env" && pwd) || die "cannot enter $2/tests/$dir-env"

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
sync_file "$script"

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
	[ -f "$env/node_modules/$package/package.json" ] ||
		die "npm ci did not install $package in $env (see $log)"
	mv -f "$env/stamp.new" "$stamp" || die "cannot write $stamp"
fi

printf '%s\n' "$env/$script"
