/*
 * doc.h -- the Markdown document: a template whose placeholders are filled
 * from the model.
 *
 * Placeholders:
 *	{{title CHAIN}}       the chain's title
 *	{{mermaid CHAIN}}     a ```mermaid fenced block with its erDiagram
 *	{{list-title LIST}}   a list's title
 *	{{list LIST}}         the list's table rows, "| Entity | note |"
 * A placeholder alone on its line replaces the whole line.
 */
#ifndef MDG_DOC_H
#define MDG_DOC_H

#include "model.h"
#include "util.h"

/* Returns 0, or -1 with *cause "SOURCE:LINE: ..." (allocated). */
int	doc_render(struct buf *, const struct mdg_model *, const char *tmpl,
	    size_t len, const char *source, char **cause);

#endif
