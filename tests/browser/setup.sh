#!/bin/sh
# setup.sh SRC_DIR BUILD_DIR - install the pinned browser driver (playwright-core) for the test suite
# (pinned by package-lock.json here) and print the path of page-check.mjs to run:
#
#     PAGE_CHECK=$(sh "$srcdir/tests/browser/setup.sh" "$srcdir" "$builddir") || exit 1
#     "${NODE:-node}" "$PAGE_CHECK" ...
#
# See tests/npm-env.sh.
exec sh "$(dirname "$0")/../npm-env.sh" browser browser page-check.mjs playwright-core "$@"
