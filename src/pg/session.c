/*
 * session.c -- a PostgreSQL session with libpq: which connection strings
 * are ours, connect, pin a safe session, run parameterized statements.
 */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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
	/* Only a variable that names a database: PGHOST or PGUSER alone
	   must not turn a model-only run into a connection. */
	static const char *vars[] = { "PGDATABASE", "PGSERVICE", NULL };
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
		if (!pg->dead && PQstatus(pg->conn) == CONNECTION_OK &&
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
 * jit and parallel plans off,
 * and a REPEATABLE READ, READ ONLY transaction.
 */
static int
pg_open(struct db **out, const char *conninfo, const struct db_opts *o,
    char **cause)
{
	const char	*keys[12], *vals[12];
	const char	*setup[] = { NULL };
	char		 timeout[32], *msg;
	struct pg	*pg;
	PGresult	*res;
	int		 n = 0;

	*out = NULL;
	if (pq_load(cause) != 0)
		return -1;
	pg = xcalloc(1, sizeof *pg);
	pg->timeout = o->timeout;
	/* Ours come first, so the user's conninfo can override them. */
	keys[n] = "application_name";
	vals[n++] = "mdgraph";
	if (getenv("PGCONNECT_TIMEOUT") == NULL) {
		keys[n] = "connect_timeout";
		vals[n++] = "10";
	}
	/* TCP keepalives: a peer that vanished is noticed. */
	keys[n] = "keepalives";
	vals[n++] = "1";
	keys[n] = "keepalives_idle";
	vals[n++] = "30";
	keys[n] = "keepalives_interval";
	vals[n++] = "10";
	keys[n] = "keepalives_count";
	vals[n++] = "3";
	if (conninfo != NULL && *conninfo != '\0') {
		keys[n] = "dbname";
		vals[n++] = conninfo;
	}
	/* After the user's: the wire is always UTF-8 (PGCLIENTENCODING too). */
	keys[n] = "client_encoding";
	vals[n++] = "UTF8";
	keys[n] = NULL;
	vals[n] = NULL;

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
	PQsetnonblocking(pg->conn, 1);
	pg->db.dbname = PQdb(pg->conn);

	snprintf(timeout, sizeof timeout, "%d", o->timeout * 1000);
	setup[0] = timeout;
	if ((res = pg_exec(pg, "START TRANSACTION ISOLATION LEVEL "
	    "REPEATABLE READ, READ ONLY", 0, NULL, cause)) == NULL)
		goto fail;
	PQclear(res);
	/* row_security off: a policy that would hide rows is an error, not
	   a silent gap (as pg_dump does).  jit off where the server has it:
	   compiling costs more than the lookups of a diagram save.  No
	   parallel plans: for a lookup of 5,000 keys among 1.5 M rows the
	   planner chose a parallel scan of the whole table (190 ms) over
	   the index (85 ms); the statements here are lookups. */
	if ((res = pg_exec(pg, "SELECT pg_catalog.set_config('search_path', "
	    "'', false), pg_catalog.set_config('statement_timeout', $1, "
	    "false), pg_catalog.set_config('row_security', 'off', false), "
	    "pg_catalog.set_config('max_parallel_workers_per_gather', '0', "
	    "false), "
	    "(SELECT pg_catalog.set_config('jit', 'off', false) FROM "
	    "pg_catalog.pg_settings WHERE name = 'jit')", 1,
	    setup, cause)) == NULL)
		goto fail;
	PQclear(res);
	*out = &pg->db;
	return 0;
fail:
	pg_close(&pg->db);
	return -1;
}

static long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * Wait for the socket until `deadline`: the server enforces
 * statement_timeout itself; this bounds the wait when it cannot (stopped,
 * cut off).  Returns 1 ready, 0 timed out, -1 error.
 */
static int
wait_socket(struct pg *pg, int out, long long deadline)
{
	struct pollfd	pfd;
	long long	left;
	int		r;

	pfd.fd = PQsocket(pg->conn);
	pfd.events = POLLIN | (out ? POLLOUT : 0);
	for (;;) {
		if ((left = deadline - now_ms()) <= 0)
			return 0;
		r = poll(&pfd, 1, left > 60000 ? 60000 : (int)left);
		if (r > 0)
			return 1;
		if (r < 0 && errno != EINTR)
			return -1;
	}
}

/* The statement's error, in one line; the connection's when none. */
static char *
result_error(struct pg *pg, PGresult *res)
{
	char		*msg, *c;
	const char	*st;

	st = res != NULL ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	snprintf(pg->sqlstate, sizeof pg->sqlstate, "%s", st ? st : "");
	if (res != NULL && PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY))
		return xasprintf("query failed: %s",
		    PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY));
	msg = pq_message(pg->conn);
	c = xasprintf("query failed: %s", msg);
	free(msg);
	return c;
}

PGresult *
pg_exec(struct pg *pg, const char *sql, int nparams,
    const char *const *params, char **cause)
{
	return pg_exec_each(pg, sql, nparams, params, NULL, NULL, cause);
}

PGresult *
pg_exec_each(struct pg *pg, const char *sql, int nparams,
    const char *const *params, pg_row_fn each, void *arg, char **cause)
{
	PGresult	*res = NULL, *r;
	long long	 deadline;
	int		 f, w = 1, stop = 0;

	pg->db.queries++;
	if (pg->dead) {
		*cause = xstrdup("query failed: the session was given up");
		return NULL;
	}
	/* A second past the server's own statement_timeout. */
	deadline = now_ms() + (long long)pg->timeout * 1000 + 1000;
	if (!PQsendQueryParams(pg->conn, sql, nparams, NULL, params, NULL,
	    NULL, 0)) {
		*cause = result_error(pg, NULL);
		return NULL;
	}
	/* Row by row: a result set is never held whole. */
	if (each != NULL && !PQsetSingleRowMode(pg->conn)) {
		*cause = result_error(pg, NULL);
		goto fail;
	}
	for (;;) {
		while ((f = PQflush(pg->conn)) != 0 || PQisBusy(pg->conn)) {
			if (f < 0 || (w = wait_socket(pg, f == 1,
			    deadline)) <= 0 || !PQconsumeInput(pg->conn))
				goto fail;
		}
		if ((r = PQgetResult(pg->conn)) == NULL)
			break;
		if (PQresultStatus(r) == PGRES_SINGLE_TUPLE) {
			pg->db.rows++;
			/* Once stopped, the rest is read and dropped. */
			if (!stop)
				stop = each(arg, r);
			PQclear(r);
			continue;
		}
		PQclear(res);
		res = r;
	}
	if (res != NULL && (PQresultStatus(res) == PGRES_TUPLES_OK ||
	    PQresultStatus(res) == PGRES_COMMAND_OK)) {
		pg->db.rows += PQntuples(res);
		pg->stopped = stop;
		return res;
	}
	*cause = result_error(pg, res);
	PQclear(res);
	return NULL;
fail:
	pg->dead = 1;
	if (w == 0)
		*cause = xasprintf("query failed: no answer from the server "
		    "within --timeout %d s: it may be stopped, overloaded or cut "
		    "off", pg->timeout);
	else if (*cause == NULL)
		*cause = result_error(pg, NULL);
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
