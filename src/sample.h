/*
 * sample.h -- instance diagrams: the live rows linked to one root row,
 * fetched layer by layer along the model's relations.
 *
 * Traversal (see mdgraph(1), INSTANCE DIAGRAMS): the relations of the
 * selected chains form one schema graph; each entity's layer is its
 * distance from the root entity; rows are fetched only along relations
 * from layer k to k+1, one query per relation per layer, with the parent
 * keys as parameters.  Relations within a layer or backwards add edges
 * between rows already fetched, never rows.
 */
#ifndef MDG_SAMPLE_H
#define MDG_SAMPLE_H

#include "backend.h"
#include "instance.h"
#include "live.h"
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

/*
 * Returns 0; 1 when no row matches the root (*cause says so); -1 on
 * error with *cause set.
 */
int	sample_run(struct db *, const struct db_schema *,
	    const struct mdg_model *, const struct sample_opts *,
	    struct instance **, char **cause);

#endif
