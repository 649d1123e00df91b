/*
 * graph.h -- build Graphviz graphs (cgraph) from the model.
 *
 * Only graph.c and render.c include Graphviz headers; everyone else sees
 * an opaque Agraph_t.
 */
#ifndef MDG_GRAPH_H
#define MDG_GRAPH_H

#include "model.h"
#include "instance.h"
#include "util.h"

typedef struct Agraph_s Agraph_t;

struct graph_opts {
	const char	*rankdir;	/* LR (default), RL, TB, BT */
	const char	*fontname;	/* a font with CJK glyphs */
	int		 no_collapse;	/* instance: a node per row */
};

#define GRAPH_FONT	"Noto Sans CJK SC, Source Han Sans SC, PingFang SC, " \
	"Microsoft YaHei, WenQuanYi Micro Hei, sans-serif"

/* The ER diagram of a view: one node per entity, one edge per relation. */
Agraph_t	*graph_schema(const struct mdg_view *, const struct graph_opts *);
/* An instance diagram: a node per row, clustered by chain. */
Agraph_t	*graph_instance(const struct instance *,
		    const struct graph_opts *);
void		 graph_free(Agraph_t *);

/* Graphviz arrow shapes for a cardinality, crow's-foot notation. */
const char	*graph_arrow(enum mdg_card);

/* Text made safe inside a Graphviz HTML-like label. */
void		 html_escape(struct buf *, const char *);

#endif
