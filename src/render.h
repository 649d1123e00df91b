/*
 * render.h -- lay out and render a Graphviz graph: DOT text, or SVG, PNG
 * and PDF through libgvc.
 */
#ifndef MDG_RENDER_H
#define MDG_RENDER_H

#include "graph.h"
#include "util.h"

/*
 * Render g as `format` ("dot", "svg", "png" or "pdf") into out.  Returns
 * 0, or -1 with *cause set (allocated).  DOT and SVG are byte-identical
 * for the same graph: the Graphviz version comment is left out.
 */
int	render(Agraph_t *g, const char *format, struct buf *out, char **cause);
/* The version of the Graphviz libraries in use ("2.42.2"). */
const char *render_version(void);
/* Free the Graphviz context render() keeps; once, before exit. */
void	render_cleanup(void);

#endif
