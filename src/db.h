/*
 * db.h -- one libpq session: connect, pin a safe session, run
 * parameterized queries in a read-only transaction, count them.
 */
#ifndef MDG_DB_H
#define MDG_DB_H

#include "pq.h"

struct db {
	PGconn		*conn;
	int		 queries;	/* statements sent, setup included */
	long long	 rows;		/* rows received */
};

/*
 * Connect with `conninfo` (a key=value string or a URI; NULL: the PG*
 * environment alone, as psql does), then: application_name=mdgraph,
 * connect_timeout 10 s unless set, search_path '', statement_timeout
 * `timeout_s`, and a REPEATABLE READ, READ ONLY transaction.
 * Returns 0, or -1 with *cause set (allocated).
 */
int	 db_open(struct db *, const char *conninfo, int timeout_s, char **cause);
void	 db_close(struct db *);

/* Whether the environment names a database (PGDATABASE, PGSERVICE, ...). */
int	 db_env_set(void);

/*
 * Run `sql` with text parameters.  Returns a PGRES_TUPLES_OK or
 * PGRES_COMMAND_OK result (PQclear it), or NULL with *cause set.
 */
PGresult *db_exec(struct db *, const char *sql, int nparams,
	    const char *const *params, char **cause);

/* A quoted identifier or literal, allocated with malloc (free it). */
char	*db_ident(struct db *, const char *);
char	*db_literal(struct db *, const char *);

/* A copy of the field, or NULL for SQL NULL. */
char	*db_value(const PGresult *, int row, int col);

#endif
