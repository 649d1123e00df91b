/*
 * pg.h -- the PostgreSQL backend's own declarations (libpq), shared by
 * the files of src/pg/ and by nobody else.
 */
#ifndef MDG_PG_H
#define MDG_PG_H

#include "backend.h"
#include "pq.h"

struct pg {
	struct db	 db;
	PGconn		*conn;
	char		*conninfo;	/* as given (NULL: the environment's),
					   for a second connection; never
					   shown, it may hold a password */
	int		 timeout;	/* --timeout, seconds */
	int		 dead;		/* gave up on it: no more statements */
	char		 sqlstate[6];	/* of the last error, or "" */
	int		 stopped;	/* pg_exec_each(): what `each` returned
					   when it stopped, or 0 */
};

#define PG(d)	((struct pg *)(void *)(d))

/*
 * Run `sql` with text parameters.  Returns a PGRES_TUPLES_OK or
 * PGRES_COMMAND_OK result (PQclear it), or NULL with *cause set.
 */
PGresult *pg_exec(struct pg *, const char *sql, int nparams,
	    const char *const *params, char **cause);

/*
 * The same, each row handed to `each` as it arrives (PGRES_SINGLE_TUPLE,
 * valid during the call) and the final, empty result returned.  Non-zero
 * from `each` stops the calls; pg->stopped keeps it.
 */
typedef int	(*pg_row_fn)(void *arg, const PGresult *row);
PGresult *pg_exec_each(struct pg *, const char *sql, int nparams,
	    const char *const *params, pg_row_fn each, void *arg,
	    char **cause);

/*
 * Statements run on up to two connections at once, the second opened on
 * the first's snapshot where there are enough of them (and the server
 * gives it one): each job's result is left in res (PQclear it).  Returns
 * 0, or -1 with *failed and *cause.
 */
struct pg_job {
	const char		 *sql;
	int			  nparams;
	const char *const	 *params;
	PGresult		 *res;
};
int	 pg_lanes(struct pg *, struct pg_job *, size_t n, size_t *failed,
	    char **cause);

/* A copy of the field, or NULL for SQL NULL. */
char	*pg_value(const PGresult *, int row, int col);

int	 pg_introspect(struct db *, const char *schema, struct db_schema **,
	    char **cause);
int	 pg_count(struct db *, struct db_schema *, const char *const *tables,
	    size_t n, char **cause);
int	 pg_fetch(struct db *, const struct db_fetch *, db_row_fn, void *arg,
	    char **cause);
int	 pg_check(struct db *, const struct db_side *, size_t n, db_pair_fn,
	    void *const *args, size_t *failed, char **cause);

#endif
