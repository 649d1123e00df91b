/*
 * doc.h -- the Markdown document: a template whose placeholders are
 * filled from the model, or a human-written file whose marker regions are
 * regenerated in place.
 *
 * Template placeholders:
 *	{{title CHAIN}}       the chain's title
 *	{{mermaid CHAIN}}     a ```mermaid fenced block with its erDiagram
 *	                      (and a link to its SVG with --svg-dir, to its
 *	                      interactive page with --html-dir)
 *	{{list-title LIST}}   a list's title
 *	{{list LIST}}         the list as a Markdown table
 * A placeholder alone on its line replaces the whole line.
 *
 * Marker regions (doc --update):
 *	<!-- mdgraph:chain=NAME [svg=PATH] -->  ...  <!-- /mdgraph -->
 *	<!-- mdgraph:list=NAME -->              ...  <!-- /mdgraph -->
 */
#ifndef MDG_DOC_H
#define MDG_DOC_H

#include "live.h"
#include "model.h"
#include "util.h"

/* A file the document links to (an SVG, a page), generated beside it. */
struct doc_file {
	char		*path;
	struct buf	 data;
};

struct doc_opts {
	const struct mdg_model	*model;
	const struct db_schema	*live;		/* NULL: the model alone */
	const char		*svg_dir;	/* NULL: no SVGs */
	const char		*html_dir;	/* NULL: no pages */
	const char		*doc_path;	/* where the doc goes, for links */
	struct doc_file		*files;		/* filled by the render */
	size_t			 nfiles, cap;
	const struct mdg_chain	**pages;	/* chains with a page */
	size_t			 npages, cap_pages;
};

/*
 * Returns 0, or -1 with *cause "SOURCE:LINE: ..." (allocated).  With
 * html_dir, the files also hold all.html and an index.html linking every
 * page.
 */
int	doc_render(struct buf *, struct doc_opts *, const char *tmpl,
	    size_t len, const char *source, char **cause);
int	doc_update(struct buf *, struct doc_opts *, const char *text,
	    size_t len, const char *source, char **cause);
void	doc_opts_free(struct doc_opts *);

/*
 * Print a unified diff of the file at `path` (may be missing) against
 * `data` on standard output, through diff(1).  Returns 0 or -1.
 */
int	doc_diff(const char *path, const void *data, size_t len, char **cause);

#endif
