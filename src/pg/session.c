/*
 * session.c -- a PostgreSQL session with libpq: which connection strings
 * are ours, connect, pin a safe session, run parameterized statements.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "pg.h"
#include "util.h"

/*
 * Ours: a URI with PostgreSQL's schemes, a key=value conninfo, or a bare
 * database name (as psql takes it).  Another scheme is someone else's.
 */
static int
pg_claims(const char *s)
{
	if (strncmp(s, "postgresql://", 13) == 0 ||
	    strncmp(s, "postgres://", 11) == 0)
		return 1;
	if (strstr(s, "://") != NULL)
		return 0;
	return 1;
}

static int
pg_env(void)
{
	static const char *vars[] = {
		"PGDATABASE", "PGSERVICE", "PGHOST", "PGHOSTADDR", "PGPORT",
		"PGUSER", NULL
	};
	size_t i;

	for (i = 0; vars[i] != NULL; i++) {
		const char *v = getenv(vars[i]);

		if (v != NULL && *v != '\0')
			return 1;
	}
	return 0;
}

/* libpq's message, without its trailing line end. */
static char *
pq_message(PGconn *conn)
{
	char	*m = xstrdup(PQerrorMessage(conn));
	size_t	 n = strlen(m);

	while (n > 0 && (m[n - 1] == '\n' || m[n - 1] == ' '))
		m[--n] = '\0';
	return m;
}

/*
 * Server notices ("terminating connection due to ...") would reach stderr
 * as extra lines; the error that follows says what happened, in one.
 */
static void
quiet_notices(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

static void
pg_close(struct db *db)
{
	struct pg	*pg = PG(db);
	PGresult	*res;

	if (pg == NULL)
		return;
	if (pg->conn != NULL) {
		if (PQstatus(pg->conn) == CONNECTION_OK &&
		    PQtransactionStatus(pg->conn) != PQTRANS_IDLE) {
			res = PQexec(pg->conn, "ROLLBACK");
			PQclear(res);
		}
		PQfinish(pg->conn);
	}
	free(pg);
}

/*
 * Connect with `conninfo` (a key=value string or a URI; NULL: the PG*
 * environment alone, as psql does), then: application_name=mdgraph,
 * connect_timeout 10 s unless set, search_path '', statement_timeout,
 * and a REPEATABLE READ, READ ONLY transaction.
 */
static int
pg_open(struct db **out, const char *conninfo, const struct db_opts *o,
    char **cause)
{
	const char	*keys[4], *vals[4];
	const char	*setup[] = { NULL };
	char		 timeout[32], *msg;
	struct pg	*pg;
	PGresult	*res;
	int		 n = 0;

	*out = NULL;
	if (pq_load(cause) != 0)
		return -1;
	pg = xcalloc(1, sizeof *pg);
	/* Ours come first, so the user's conninfo can override them. */
	keys[n] = "application_name";
	vals[n++] = "mdgraph";
	if (getenv("PGCONNECT_TIMEOUT") == NULL) {
		keys[n] = "connect_timeout";
		vals[n++] = "10";
	}
	keys[n] = "dbname";
	vals[n++] = conninfo != NULL ? conninfo : "";
	keys[n] = NULL;
	vals[n] = NULL;
	if (conninfo == NULL || *conninfo == '\0') {
		/* Let PGDATABASE and friends decide. */
		keys[n - 1] = NULL;
		vals[n - 1] = NULL;
	}

	pg->conn = PQconnectdbParams(keys, vals, 1);
	if (pg->conn == NULL) {
		*cause = xstrdup("cannot connect: out of memory");
		free(pg);
		return -1;
	}
	PQsetNoticeProcessor(pg->conn, quiet_notices, NULL);
	if (PQstatus(pg->conn) != CONNECTION_OK) {
		msg = pq_message(pg->conn);
		*cause = xasprintf("cannot connect to the database: %s", msg);
		free(msg);
		pg_close(&pg->db);
		return -1;
	}

	snprintf(timeout, sizeof timeout, "%d", o->timeout * 1000);
	setup[0] = timeout;
	if ((res = pg_exec(pg, "START TRANSACTION ISOLATION LEVEL "
	    "REPEATABLE READ, READ ONLY", 0, NULL, cause)) == NULL)
		goto fail;
	PQclear(res);
	if ((res = pg_exec(pg, "SELECT pg_catalog.set_config('search_path', "
	    "'', false), pg_catalog.set_config('statement_timeout', $1, "
	    "false)", 1, setup, cause)) == NULL)
		goto fail;
	PQclear(res);
	*out = &pg->db;
	return 0;
fail:
	pg_close(&pg->db);
	return -1;
}

PGresult *
pg_exec(struct pg *pg, const char *sql, int nparams,
    const char *const *params, char **cause)
{
	PGresult	*res;
	char		*msg;

	pg->db.queries++;
	res = PQexecParams(pg->conn, sql, nparams, NULL, params, NULL, NULL,
	    0);
	if (res != NULL && (PQresultStatus(res) == PGRES_TUPLES_OK ||
	    PQresultStatus(res) == PGRES_COMMAND_OK)) {
		pg->db.rows += PQntuples(res);
		return res;
	}
	if (res != NULL && PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY)) {
		*cause = xasprintf("query failed: %s",
		    PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY));
	} else {
		msg = pq_message(pg->conn);
		*cause = xasprintf("query failed: %s", msg);
		free(msg);
	}
	PQclear(res);
	return NULL;
}

char *
pg_value(const PGresult *res, int row, int col)
{
	if (PQgetisnull(res, row, col))
		return NULL;
	return xstrdup(PQgetvalue(res, row, col));
}

const struct backend pg_backend = {
	.name = "PostgreSQL",
	.claims = pg_claims,
	.env = pg_env,
	.open = pg_open,
	.introspect = pg_introspect,
	.count = pg_count,
	.fetch = pg_fetch,
	.check = pg_check,
	.close = pg_close,
};
