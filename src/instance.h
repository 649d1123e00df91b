/*
 * instance.h -- an instance diagram as plain data: the live rows linked
 * to one root row, the links between them, and what is wrong with them.
 * The sampler fills it; the emitters read it.
 */
#ifndef MDG_INSTANCE_H
#define MDG_INSTANCE_H

#include "model.h"

/*
 * The columns a set of rows shows, the same for every row of an entity:
 * the first nkeys are keys (identity, join columns), the rest attributes.
 */
struct inst_cols {
	char	**names;
	size_t	  n;
	size_t	  nkeys;
};

/* A column that the model's health rule for the entity calls unhealthy. */
struct inst_bad {
	const char	*column;	/* the rule's */
	char		*value;		/* what the row holds */
	const struct mdg_health *rule;
};

struct inst_node {
	const struct mdg_entity	 *entity;
	const struct mdg_chain	 *home;
	char			 *id;		/* "Entity:pk=value" */
	int			  layer;
	/* Flags, 0 or 1; small, as there may be 100,000s of nodes. */
	unsigned char		  root;		/* the root row */
	unsigned char		  missing;	/* not found: a ghost of a row a
						   join value names */
	unsigned char		  partner;	/* fetched only as a partner on a
						   side allowing one */
	unsigned char		  unreadable;	/* where rows of a table mdgraph
						   may not read would be */
	const struct inst_cols	 *cols;		/* what values[] are */
	char			**values;	/* cols->n; NULL for SQL NULL */
	void			 *mem;		/* NULL, or one block holding
						   id, values and their text */
	long long		  more;		/* >0: "+more Entity" summary */
	long long		  total;	/* summary: rows in all */
	struct inst_bad		 *bad;		/* unhealthy columns */
	size_t			  nbad;
	size_t			  parent;	/* the row it was fetched for */
	const struct mdg_rel	 *via;		/* along this relation */
};

#define INST_NONE	((size_t)-1)

struct inst_edge {
	const struct mdg_rel	*rel;
	size_t			 from;		/* the relation's left row */
	size_t			 to;		/* its right row */
	long long		 breach;	/* >1: rows on a side the model
						   allows one */
	int			 breach_at;	/* whose they are: 1 the left
						   row's, 2 the right row's */
	int			 missing;	/* to a row not found */
};

/* Something the reader must be told: a table not read, a row not parsed. */
struct inst_note {
	char	*kind;		/* "unreadable", "unparsed", ... */
	char	*entity;	/* or NULL */
	char	*why;		/* the reason alone, or NULL */
	char	*text;
};

struct instance {
	const struct mdg_model	 *model;
	const struct mdg_chain	**chains;	/* the selected; none: all */
	size_t			  nchains;
	const struct mdg_entity	 *root;
	char			 *column;
	char			 *value;
	char			 *tenant;
	struct inst_node	 *nodes;	/* sorted: layer, entity, id */
	size_t			  nnodes;
	struct inst_edge	 *edges;
	size_t			  nedges;
	int			  layers;
	struct inst_cols	**colsets;	/* owned */
	size_t			  ncolsets;
	struct inst_note	 *notes;
	size_t			  nnotes;
};

/*
 * Rows to draw as one: same-type rows under one parent, along one
 * relation, that lead nowhere further (no other link, healthy, found).
 * group[i] is the first node of node i's group (i itself when alone);
 * returns group (allocated, nnodes entries).
 */
size_t		*inst_groups(const struct instance *);
/* The value of `column` on a node, or NULL (also for SQL NULL). */
const char	*inst_value(const struct inst_node *, const char *column);
/* The selected chains: "all" or "main,storage" (allocated). */
char		*inst_chain_names(const struct instance *);
void		 instance_free(struct instance *);

#endif
