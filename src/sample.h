/*
 * sample.h -- instance diagrams: the live rows linked to one root row,
 * fetched layer by layer along the model's relations, with what is wrong
 * with them.
 *
 * Traversal (see mdgraph(1), INSTANCE DIAGRAMS): the relations of the
 * selected chains form one schema graph; each entity's layer is its
 * distance from the root entity; rows are fetched only along relations
 * from layer k to k+1, one statement per relation per layer, with the
 * parent keys as parameters.  Relations within a layer or backwards add
 * edges between rows already fetched, never rows -- except that where the
 * model allows a row at most one partner, its partners are fetched all,
 * so that a breach shows.
 *
 * Diagnosis: a join value that finds no row where the model says one must
 * be is a ghost node ("not found"); more partners than the model allows
 * mark the edges; a row whose health columns (the model's `health` rules)
 * say it is off or failing is marked with the offending column.
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
	const struct mdg_chain *const *chains;	/* none: all */
	size_t			 nchains;
	const struct mdg_entity *const *exclude;
	size_t			 nexclude;
	enum columns_mode	 columns;	/* the attributes rows show */
	const char *const	*attrs;		/* and these: col, Entity.col */
	size_t			 nattrs;
	int			 relations_all;	/* the document's and the rest */
	/* Called after each fetch: layer done so far, of layers. */
	void			(*progress)(void *arg, int layer, int layers);
	void			*progress_arg;
};

/*
 * Returns 0; 1 when no row matches the root (*cause says so); -1 on
 * error with *cause set.  *warning, when set (allocated), is one line
 * the user should read: the chosen chains reach nothing from the root.
 */
int	sample_run(struct db *, const struct db_schema *,
	    const struct mdg_model *, const struct sample_opts *,
	    struct instance **, char **warning, char **cause);

#endif
