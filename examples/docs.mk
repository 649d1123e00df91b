# docs.mk -- include from your Makefile:  include path/to/docs.mk
#
#   make docs         regenerate the doc (and its SVGs) from the model
#   make docs-check   fail when the doc is stale, printing the diff
#
# Set PG to a libpq connection string to take the unclassified tables from
# a live schema as well; leave it empty to use the model alone.
MDGRAPH ?= mdgraph
DOC ?= docs/metadata-relations.md
SVG_DIR ?= docs/img
PG ?=
MDGRAPH_DOC = $(MDGRAPH) doc -o $(DOC) --svg-dir $(SVG_DIR) $(if $(PG),--db "$(PG)",--offline)

.PHONY: docs docs-check
docs:
	$(MDGRAPH_DOC)

docs-check:
	$(MDGRAPH_DOC) --check
