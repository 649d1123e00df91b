#!/bin/sh
# setup.sh SRC_DIR BUILD_DIR - install the pinned Mermaid parser for the test suite
# (pinned by package-lock.json here) and print the path of mermaid-parse.mjs to run:
#
#     MERMAID_PARSE=$(sh "$srcdir/tests/mermaid/setup.sh" "$srcdir" "$builddir") || exit 1
#     "${NODE:-node}" "$MERMAID_PARSE" ...
#
# See tests/npm-env.sh.
exec sh "$(dirname "$0")/../npm-env.sh" mermaid mermaid mermaid-parse.mjs mermaid "$@"
