#!/bin/sh
# docs-check.sh -- what CI runs to keep the metadata relation doc fresh.
#
#   PG          libpq connection string of a database holding the schema
#   DOC         the document to check (default docs/metadata-relations.md)
#   SCHEMA_SQL  optional: SQL to load into PG first (a schema dump)
#   DIFF        where the diff goes when stale (default mdgraph-docs.diff)
#   MDGRAPH     the mdgraph binary (default: mdgraph on PATH)
#
# Exit status is mdgraph's: 0 fresh, 1 stale (the diff says what changed,
# stderr says the command that regenerates it), 2 error.
set -eu
: "${PG:?set PG to a libpq connection string}"
DOC=${DOC:-docs/metadata-relations.md}
DIFF=${DIFF:-mdgraph-docs.diff}
MDGRAPH=${MDGRAPH:-mdgraph}

if [ -n "${SCHEMA_SQL:-}" ]; then
	psql -X -q -v ON_ERROR_STOP=1 -d "$PG" -f "$SCHEMA_SQL"
fi
status=0
"$MDGRAPH" doc --db "$PG" -o "$DOC" --check >"$DIFF" || status=$?
if [ "$status" -eq 1 ]; then
	echo "docs-check: $DOC is stale; the diff is in $DIFF" >&2
fi
exit "$status"
