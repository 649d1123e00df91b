/*
 * sample.h -- instance diagrams: the live rows linked to one root row,
 * fetched layer by layer along the model's relations.
 *
 * Traversal (see mdgraph(1), INSTANCE DIAGRAMS): the relations of the
 * selected chains form one schema graph; each entity's layer is its
 * distance from the root entity; rows are fetched only along relations
 * from layer k to k+1, one query per relation per layer, with the parent
 * keys as array parameters.  Relations within a layer or backwards add
 * edges between rows already fetched, never rows.
 */
#ifndef MDG_SAMPLE_H
#define MDG_SAMPLE_H

#include "db.h"
#include "introspect.h"
#include "model.h"

struct sample_opts {
	const struct mdg_entity	*root;
	const char		*column;
	const char		*value;
	const char		*tenant;	/* or NULL */
	int			 depth;		/* layers; <0: no cap */
	int			 max_rows;	/* per relation per parent */
	const struct mdg_chain	*chain;		/* NULL: all */
};

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

/*
 * Returns 0; 1 when no row matches the root (*cause says so); -1 on
 * error with *cause set.
 */
int	sample_run(struct db *, const struct db_schema *,
	    const struct mdg_model *, const struct sample_opts *,
	    struct instance **, char **cause);
void	instance_free(struct instance *);

/* At most `max` characters of s (UTF-8), "…" when shortened (allocated). */
char	*shorten(const char *s, size_t max);

#endif
