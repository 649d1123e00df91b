#!/bin/sh
# bootstrap: --build-only installs what building and rendering need and
# nothing `make check` alone needs.  Run in a scratch copy whose build is
# up to date, with dpkg-query saying nothing is installed and apt-get,
# sudo and make recording what they were asked.
. "$top_srcdir/tests/setup.sh"

b=$work/tree
mkdir -p "$b/m4" "$work/bin"
cp "$top_srcdir/bootstrap" "$b/"
touch -d '2000-01-01' "$b/configure.ac" "$b/Makefile.am"
printf '#!/bin/sh\n' >"$b/configure"
chmod +x "$b/configure"
touch -d '2000-01-02' "$b/configure" "$b/Makefile.in"
touch -d '2000-01-03' "$b/config.status" "$b/Makefile"
for tool in apt-get make; do
	printf '#!/bin/sh\necho "%s $*" >>"%s"\n' "$tool" "$work/calls" >"$work/bin/$tool"
done
printf '#!/bin/sh\nexit 1\n' >"$work/bin/dpkg-query"
printf '#!/bin/sh\nexec "$@"\n' >"$work/bin/sudo"
chmod +x "$work/bin/"*

# run_bootstrap ARGS...: $status, and in $pkgs the packages it installs.
run_bootstrap() {
	: >"$work/calls"
	run_status env PATH="$work/bin:$PATH" sh "$b/bootstrap" "$@"
	pkgs=$(sed -n 's/^apt-get install -y -qq --no-install-recommends //p' "$work/calls" |
	    tr ' ' '\n' | sed '/^$/d' | sort | paste -sd' ')
}

run_bootstrap --build-only
is "--build-only: the build and rendering packages only" \
    "autoconf automake fonts-noto-cjk gcc graphviz libgraphviz-dev libmariadb-dev libpq-dev libxml2-dev make pkgconf" \
    "$pkgs"
is "--build-only: then make" "0|make -s -j$(nproc 2>/dev/null || echo 2)" \
    "$status|$(grep '^make' "$work/calls")"
run_bootstrap
for p in postgresql mariadb-server valgrind chromium zsh jq time; do
	case " $pkgs " in
	*" $p "*) ok "without --build-only: $p too" ;;
	*) not_ok "without --build-only: $p too"; echo "# got: $pkgs" ;;
	esac
done
run_status sh "$b/bootstrap" --bogus
is "an unknown argument: exit 2, usage" \
    "2|bootstrap: unknown argument '--bogus' (usage: ./bootstrap [--build-only])" \
    "$status|$(cat "$work/stderr")"
done_testing
