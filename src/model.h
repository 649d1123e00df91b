/*
 * model.h -- the declarative model: entities, chains, relations, joins and
 * the lists of unclassified tables.
 *
 * A model is parsed from text (templates/metadata.model is the built-in one)
 * and owns every string and struct hanging off it; model_free() releases it
 * all.  Nothing in a parsed model is modified afterwards: the emitters only
 * read it.
 */
#ifndef MDG_MODEL_H
#define MDG_MODEL_H

#include <stddef.h>

#include "util.h"

/* Cardinality of one end of a relation (crow's foot). */
enum mdg_card {
	MDG_CARD_ONE,		/* ||: exactly one */
	MDG_CARD_ZERO_ONE,	/* o| / |o: zero or one */
	MDG_CARD_ZERO_MANY,	/* }o / o{: zero or many */
	MDG_CARD_ONE_MANY,	/* }| / |{: one or many */
};

/* One scalar term of a join key. */
enum mdg_term_kind {
	MDG_TERM_COLUMN,	/* col */
	MDG_TERM_ANY,		/* any(a, b, c): equal to any of the columns */
	MDG_TERM_ELEM,		/* elem(col): an element of a JSON array */
	MDG_TERM_CONCAT,	/* concat(a, '__', b): a derived string */
	MDG_TERM_MAP,		/* map(col, 'from'='to', ...): a lookup */
};

struct mdg_term {
	enum mdg_term_kind	  kind;
	char			**parts;	/* column names or literals */
	int			 *literal;	/* parts[i] is a 'literal' */
	/* map: parts[0] is the column, then from/to literal pairs */
	size_t			  nparts;
};

/* One side of a join: a tuple of terms, compared position by position. */
struct mdg_key {
	struct mdg_term	*terms;
	size_t		 nterms;
};

struct mdg_attr {
	char	*type;
	char	*name;
	char	*keys;		/* "PK", "PK, FK", ... or NULL */
	char	*comment;	/* or NULL */
	int	 line;		/* of the model file */
};

/*
 * A health rule: `health Entity column=v1|v2` says a row is healthy only
 * when column holds one of the values; `column!=v1|v2`, only when it
 * holds none of them.  Values compare as text (booleans: true, false).
 */
struct mdg_health {
	char	 *column;
	char	**values;
	size_t	  nvalues;
	int	  negate;	/* != */
};

struct mdg_entity {
	struct mdg_health	*health;
	size_t			 nhealth;
	char	*name;
	char	*table;		/* prefix + lower(name) unless declared;
				   NULL for an abstract model */
	int	 declared;	/* an `entity` line names it */
	int	 global;	/* `global`: other tenants' rows may name its
				   rows (check: a cross-tenant reference) */
	size_t	 index;		/* position in model->entities */
};

struct mdg_block {
	struct mdg_entity	*entity;
	struct mdg_attr		*attrs;
	size_t			 nattrs;
};

enum mdg_tenant {
	MDG_TENANT_AUTO,	/* match bk_tenant_id where both sides have it */
	MDG_TENANT_NO,		/* never */
};

struct mdg_chain;

struct mdg_rel {
	struct mdg_entity	*left;
	struct mdg_entity	*right;
	enum mdg_card		 lcard;
	enum mdg_card		 rcard;
	int			 identifying;	/* "--" rather than ".." */
	char			*label;
	struct mdg_key		 lkey;
	struct mdg_key		 rkey;
	enum mdg_tenant		 tenant;
	int			 hidden;	/* "link": joined, not drawn */
	int			 extra;		/* not in the document: drawn and
						   followed with --relations all */
	int			 line;
	int			 on_line;	/* of its `on` line, or 0 */
	const struct mdg_chain	*chain;
	size_t			 index;		/* position in its chain */
};

enum mdg_item_kind {
	MDG_ITEM_REL,
	MDG_ITEM_COMMENT,
	MDG_ITEM_BLANK,
	MDG_ITEM_BLOCK,
};

/* A chain is the ordered text of one diagram: what it says and where. */
struct mdg_item {
	enum mdg_item_kind	 kind;
	struct mdg_rel		*rel;		/* MDG_ITEM_REL */
	char			*comment;	/* MDG_ITEM_COMMENT: "%% ..." */
	struct mdg_block	*block;		/* MDG_ITEM_BLOCK */
};

struct mdg_chain {
	size_t			  index;	/* in the model's chains */
	char			 *name;
	char			 *title;
	int			  extra;	/* not in the document */
	struct mdg_item		 *items;
	size_t			  nitems;
	struct mdg_rel		**rels;		/* the REL items, in order */
	size_t			  nrels;
	struct mdg_block	**blocks;	/* the BLOCK items, in order */
	size_t			  nblocks;
	struct mdg_entity	**entities;	/* first appearance order */
	size_t			  nentities;
	size_t			  cap_items, cap_rels, cap_blocks, cap_ents;
	struct hmap		  member;	/* entity name -> entities[i] */
	struct hmap		  block_by;	/* entity name -> blocks[i] */
};

struct mdg_list_item {
	struct mdg_entity	*entity;
	char			*note;		/* inline Markdown */
};

struct mdg_list {
	char			*name;
	char			*title;
	int			 extra;		/* not in the document */
	char			*header;	/* "A | B": the table's columns */
	char			*new_note;	/* receives unclassified tables */
	struct mdg_list_item	*items;
	size_t			 nitems;
	size_t			 cap;
};

/* A named way into an instance diagram: --data-id is "data-id". */
struct mdg_root {
	char			*name;
	struct mdg_entity	*entity;
	char			*column;
};

struct mdg_model {
	char			 *source;	/* file name for messages */
	char			 *schema;	/* default "public" */
	char			 *prefix;	/* default "metadata_" */
	struct mdg_entity	**entities;	/* first appearance order */
	size_t			  nentities;
	struct mdg_chain	**chains;
	size_t			  nchains;
	struct mdg_list		**lists;
	size_t			  nlists;
	struct mdg_root		 *roots;
	size_t			  nroots;
	size_t			  cap_ents, cap_chains, cap_lists, cap_roots;
	struct hmap		  names;	/* entity name -> index */
};

/*
 * Parse model text.  `source` names it in messages ("FILE:LINE: ...").
 * Returns the model, or NULL with *cause set (allocated).
 */
struct mdg_model	*model_parse(const char *text, size_t len,
			    const char *source, char **cause);
struct mdg_model	*model_load(const char *path, char **cause);
struct mdg_model	*model_builtin(char **cause);
void			 model_free(struct mdg_model *);

struct mdg_chain	*model_chain(const struct mdg_model *, const char *);
struct mdg_entity	*model_entity(const struct mdg_model *, const char *);
struct mdg_list		*model_list(const struct mdg_model *, const char *);
const struct mdg_root	*model_root(const struct mdg_model *, const char *);
const struct mdg_block	*chain_block(const struct mdg_chain *,
			    const struct mdg_entity *);
/* Does the chain draw the entity (a relation or a block)? */
int			 chain_has(const struct mdg_chain *,
			    const struct mdg_entity *);

/* "main, datalink, ..." (allocated). */
char			*model_chain_names(const struct mdg_model *);

const char		*card_name(enum mdg_card);

/* Does the key read `column` (in any term)? */
int			 key_uses(const struct mdg_key *, const char *column);

/* Does one of the relations join entity e on `column`? */
int			 rels_join_on(const struct mdg_rel *const *rels,
			    size_t n, const struct mdg_entity *e,
			    const char *column);

/* Render a join side as model text, e.g. "any(a, b)" (allocated). */
char			*key_text(const struct mdg_key *);


/*
 * A view: what one diagram shows.  For one chain, its entities and
 * relations.  For all chains (chain NULL), every entity once -- at home in
 * the first chain that lists it, with the union of the attributes all
 * chains give it (first spelling wins) -- and every relation once.
 *
 * The view owns its attributes, so a live database can retype them, add
 * columns and mark what is missing (live.c, view_apply_db()).
 */
struct mdg_vattr {
	char	*type;
	char	*name;
	char	*keys;		/* or NULL */
	char	*comment;	/* or NULL */
	int	 present;	/* 0: the model names it, the database lacks it */
	int	 line;		/* the model's line, 0: not from the model */
};

struct mdg_view_entity {
	const struct mdg_entity	 *entity;
	const struct mdg_chain	 *home;
	struct mdg_vattr	 *attrs;
	size_t			  nattrs, cap_attrs;
	int			  has_block;
	int			  present;	/* 0: no such table */
	int			  readable;	/* 0: no SELECT privilege */
	long long		  rows;		/* -1: unknown */
	int			  exact;	/* rows is count(*) */
};

struct mdg_view {
	const struct mdg_model	 *model;
	const struct mdg_chain	 *chain;	/* one chain, else NULL */
	const struct mdg_chain	**chains;	/* several; none: all */
	size_t			  nchains;
	struct mdg_view_entity	 *ents;
	size_t			  nents;
	const struct mdg_rel	**rels;
	size_t			  nrels;
	struct mdg_view_entity	**by_index;	/* by entity index, or NULL */
	unsigned char		 *in_set;	/* by chain index: of chains */
	int			  all;		/* --relations all: what the
						   document leaves out too */
	int			  live;		/* decorated from a database */
	int			  counts;	/* show row counts */
};

struct mdg_view	*view_new(const struct mdg_model *, const struct mdg_chain *);
/* A view of several chains, in the model's order; n 0: all; n 1: one. */
struct mdg_view	*view_new_set(const struct mdg_model *,
		    const struct mdg_chain *const *, size_t n);
/* The same, with all relations (those the document leaves out) or not. */
struct mdg_view	*view_new_opts(const struct mdg_model *,
		    const struct mdg_chain *const *, size_t n, int all);
/* Drop entities, and the relations that touch them, from a view. */
void		 view_exclude(struct mdg_view *, const struct mdg_entity *const *,
		    size_t n);
/* Does the view draw chain c? */
int		 view_has_chain(const struct mdg_view *, const struct mdg_chain *);
void		 view_free(struct mdg_view *);
struct mdg_view_entity *view_entity(const struct mdg_view *,
		    const struct mdg_entity *);
/* The attribute of a view entity named `column`, or NULL. */
struct mdg_vattr *view_attr(const struct mdg_view_entity *, const char *column);
void		 vattr_add(struct mdg_view_entity *, const char *type,
		    const char *name, const char *keys, const char *comment);
void		 vattrs_free(struct mdg_vattr *, size_t);

#endif
