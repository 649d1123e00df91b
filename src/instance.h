/*
 * instance.h -- an instance diagram as plain data: the live rows linked
 * to one root row, and the links between them.  The sampler fills it;
 * the emitters read it.
 */
#ifndef MDG_INSTANCE_H
#define MDG_INSTANCE_H

#include "model.h"

struct inst_node {
	const struct mdg_entity	 *entity;
	const struct mdg_chain	 *home;
	char			 *id;		/* "Entity:pk=value" */
	int			  layer;
	char			**names;	/* shown: keys, then attributes */
	char			**values;	/* NULL for SQL NULL */
	size_t			  nshown;
	size_t			  nkeys;
	long long		  more;		/* >0: "+more Entity" summary */
	long long		  total;	/* summary: rows in all */
};

struct inst_edge {
	const struct mdg_rel	*rel;
	size_t			 from;		/* the relation's left row */
	size_t			 to;		/* its right row */
};

struct instance {
	const struct mdg_model	 *model;
	const struct mdg_chain	 *chain;	/* NULL: all */
	const struct mdg_entity	 *root;
	char			 *column;
	char			 *value;
	char			 *tenant;
	struct inst_node	 *nodes;	/* sorted: layer, entity, id */
	size_t			  nnodes;
	struct inst_edge	 *edges;
	size_t			  nedges;
	int			  layers;
};

void	instance_free(struct instance *);

#endif
