/*
 * backend.h -- the one interface to a database.
 *
 * A backend (src/pg/, src/mysql/) opens a read-only session, reads the
 * catalog into the plain types of live.h, fetches the rows of a table
 * whose join key takes given values, counts rows, and answers check's
 * questions about a relation.  Everything above this interface --
 * traversal, health, the emitters -- sees only these types, never a
 * driver's.  Values travel as text; the backend binds each one as a
 * parameter and quotes identifiers by its server's rules.
 *
 * Adding a backend: its folder, one line in db.c's table, the build files.
 */
#ifndef MDG_BACKEND_H
#define MDG_BACKEND_H

#include "live.h"
#include "model.h"

struct backend;

/* A session.  Each backend's own session struct begins with this. */
struct db {
	const struct backend	*be;
	const char		*schema;	/* the tables' schema when none is
						   named: NULL for the model's */
	const char		*dbname;	/* the database, for messages */
	const char		*absent_why;	/* what a missing table may also
						   mean here, or NULL */
	int			 queries;	/* statements sent, setup included */
	int			 catalog;	/* of which reading the catalog */
	long long		 rows;		/* rows received */
};

struct db_opts {
	int	timeout;	/* seconds a statement may take */
};

/*
 * The rows of `table` to fetch: either one column equal to one value,
 * compared as text (a root), or every term of `key` among its values
 * (the parents' key values, per term, sorted and distinct).
 */
struct db_fetch {
	const char		 *schema;
	const struct db_table	 *table;
	const char *const	 *cols;		/* selected */
	size_t			  ncols;
	size_t			  norder;	/* ORDER BY the first norder */

	const char		 *column;	/* a root: column = value */
	const char		 *value;

	const struct mdg_key	 *key;		/* or: key terms among vals */
	char *const *const	 *vals;		/* [term][i] */
	const size_t		 *nvals;

	/* Only rows of these tenants (and, unless exact, rows with none). */
	const char		 *tenant_col;	/* NULL: no tenant filter */
	char *const		 *tenants;
	size_t			  ntenants;
	int			  tenant_exact;

	/*
	 * >0: at most `cap` rows per key tuple (and tenant), and the total
	 * of each tuple's rows; only for keys of column, concat() and map()
	 * terms.
	 */
	int			  cap;
};

/* db_fetch()'s answer when the server refuses to read the table. */
#define DB_DENIED	(-2)

/*
 * Called once per fetched row, in order; cols[i] is NULL for SQL NULL
 * and is valid only during the call.  `total` is the row's key tuple's
 * row count when capped, else -1.  Non-zero stops the fetch.
 */
typedef int	(*db_row_fn)(void *arg, const char *const *cols,
		    long long total);

/*
 * check's question about one side of a relation: the rows of `me` whose
 * key `mk` is set (not NULL, '' or 0), each with the number of rows of
 * `other` it matches on `ok` -- only those with none (orphans) or more
 * than one (breaches), as asked.  An any() or elem() key gives a row per
 * column or element.  One statement answers both.
 */
struct db_side {
	const char		*schema;
	const struct db_table	*me, *other;
	const struct mdg_key	*mk, *ok;
	int			 tenant;	/* also match bk_tenant_id */
	int			 orphans;	/* want rows with no partner */
	int			 breaches;	/* want rows with several */
	int			 distinct;	/* a declared key of me's makes
						   each row's key (and tenant)
						   its own: nothing to group */
};

/* Called per row asked for: its key values (text) and partner count. */
typedef int	(*db_pair_fn)(void *arg, const char *const *keys,
		    long long partners);

struct backend {
	const char	*name;		/* "PostgreSQL" */
	/* 1 when the connection string is written for this backend. */
	int		(*claims)(const char *conninfo);
	/* 1 when the environment alone names a database for it. */
	int		(*env)(void);
	int		(*open)(struct db **, const char *conninfo,
			    const struct db_opts *, char **cause);
	int		(*introspect)(struct db *, const char *schema,
			    struct db_schema **, char **cause);
	/* count(*) of each named table, into its rows; exact set. */
	int		(*count)(struct db *, struct db_schema *,
			    const char *const *tables, size_t n, char **cause);
	int		(*fetch)(struct db *, const struct db_fetch *,
			    db_row_fn, void *arg, char **cause);
	/*
	 * check's questions qs[0 .. n), answered through fn(args[i], ...),
	 * question by question in order, whatever order the server answered
	 * them in; on an error, *failed is the question's index.
	 */
	int		(*check)(struct db *, const struct db_side *qs,
			    size_t n, db_pair_fn fn, void *const *args,
			    size_t *failed, char **cause);
	void		(*close)(struct db *);
};

/*
 * db.c: the backend a connection string is for (NULL: the environment's),
 * and the interface's calls.  Returns 0, or -1 with *cause set.
 */
int	db_open(struct db **, const char *conninfo, const struct db_opts *,
	    char **cause);
/* Whether the environment names a database for some backend. */
int	db_env_set(void);
int	db_introspect(struct db *, const char *schema, struct db_schema **,
	    char **cause);
/* count(*) for every readable table the model maps, in one statement. */
int	db_exact_counts(struct db *, struct db_schema *,
	    const struct mdg_model *, char **cause);
/* Returns 0, -1 with *cause, or DB_DENIED with *cause saying why. */
int	db_fetch(struct db *, const struct db_fetch *, db_row_fn, void *arg,
	    char **cause);
int	db_check(struct db *, const struct db_side *, size_t n, db_pair_fn,
	    void *const *args, size_t *failed, char **cause);
void	db_close(struct db *);

/*
 * The versions of the client libraries this process would load, loading
 * them: "15.4"; NULL when the library is not installed (allocated).
 */
char	*pq_client_version(void);
char	*my_client_version(void);

#endif
