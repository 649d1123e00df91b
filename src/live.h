/*
 * live.h -- the live schema as plain data: the tables and columns a
 * backend's catalog queries found, and how they decorate a view.  No
 * database header: backends fill these, everyone else reads them.
 */
#ifndef MDG_LIVE_H
#define MDG_LIVE_H

#include "model.h"

struct db_column {
	char	*name;
	char	*type;		/* the server's spelling: "character varying(64)" */
	char	*vocab;		/* the doc's words: int, string, json, ... */
	char	*def;		/* default expression, or NULL */
	char	*comment;	/* or NULL */
	char	*collation;	/* MySQL: the column's collation, or NULL */
	int	 nocase;	/* its collation ignores case ... */
	int	 padspace;	/* ... or trailing spaces */
	int	 notnull;
	int	 pk, uk, fk;	/* part of such a constraint */
};

/* A declared key: primary ('p'), unique ('u') or foreign ('f'). */
struct db_constraint {
	char		  type;
	char		 *name;
	char		**cols;		/* in key order */
	char		**refcols;	/* 'f': the referenced columns */
	size_t		  ncols, cap;
	char		 *reftable;	/* 'f': the referenced table */
};

struct db_table {
	char		 *name;
	char		 *comment;	/* or NULL */
	long long	  rows;		/* estimate; -1 if never analyzed */
	int		  exact;	/* rows is count(*) */
	int		  readable;	/* SELECT privilege */
	char		 *why;		/* not readable for another reason */
	struct db_column *cols;
	size_t		  ncols, cap;
	struct db_constraint *cons;
	size_t		  ncons, capcons;
};

struct db_schema {
	char		*name;
	struct db_table	*tables;	/* ordered by name */
	size_t		 ntables, cap;
};

void			 db_schema_free(struct db_schema *);
struct db_table		*db_schema_table(const struct db_schema *,
			    const char *);
struct db_column	*db_table_column(const struct db_table *,
			    const char *);
/*
 * One column of a declared key, in key order: rows of the same key name
 * in a row extend it.  Marks the column pk, uk or fk.
 */
void			 db_table_constraint(struct db_table *, char type,
			    const char *name, const char *column,
			    const char *reftable, const char *refcolumn);
/* Whether the columns (and nothing else) cover a primary or unique key. */
int			 db_table_unique(const struct db_table *,
			    const char *const *cols, size_t n);
/*
 * Whether a key's values (with bk_tenant_id when `tenant`) are one row's
 * own: its terms are plain columns that cover a primary or unique key.
 */
int			 db_key_unique(const struct db_table *,
			    const struct mdg_key *, int tenant);
/* The entity's table in the schema, or NULL. */
struct db_table		*db_entity_table(const struct db_schema *,
			    const struct mdg_entity *);

/*
 * How two values of a column compare (FOLD_* bits), and a value folded
 * so that equal ones are equal strings (allocated).  Case folds for
 * ASCII, Latin-1, Greek and Cyrillic letters.
 */
#define FOLD_CASE	1
#define FOLD_PAD	2
int	 db_column_fold(const struct db_column *);
char	*fold_value(const char *, int how);

enum columns_mode {
	COLUMNS_DOC,	/* the documented attributes */
	COLUMNS_KEYS,	/* key and join columns only */
	COLUMNS_ALL,	/* every live column, keys first */
};

/* Retype, add and mark missing the view's attributes from the schema. */
void	view_apply_db(struct mdg_view *, const struct db_schema *,
	    enum columns_mode, int counts);

#endif
