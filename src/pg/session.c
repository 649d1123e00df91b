/*
 * session.c -- a PostgreSQL session with libpq: which connection strings
 * are ours, connect, pin a safe session, run parameterized statements.
 */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
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
	free(pg->conninfo);
	free(pg);
}

/*
 * Connect with `conninfo` (a key=value string or a URI; NULL: the PG*
 * environment alone, as psql does): application_name=mdgraph,
 * connect_timeout 10 s unless set, TCP keepalives, UTF-8.
 */
static int
pg_connect(struct pg *pg, const char *conninfo, char **cause)
{
	const char	*keys[12], *vals[12];
	char		*msg;
	int		 n = 0;

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
		return -1;
	}
	PQsetNoticeProcessor(pg->conn, quiet_notices, NULL);
	if (PQstatus(pg->conn) != CONNECTION_OK) {
		msg = pq_message(pg->conn);
		*cause = xasprintf("cannot connect to the database: %s", msg);
		free(msg);
		return -1;
	}
	PQsetnonblocking(pg->conn, 1);
	return 0;
}

/*
 * The session: a REPEATABLE READ, READ ONLY transaction (on `snapshot`,
 * one pg_export_snapshot() gave, unless NULL), search_path '',
 * statement_timeout, row security, jit and parallel plans off.
 */
static int
pg_begin(struct pg *pg, const char *snapshot, char **cause)
{
	const char	*setup[] = { NULL };
	char		 timeout[32], *sql;
	PGresult	*res;

	snprintf(timeout, sizeof timeout, "%d", pg->timeout * 1000);
	setup[0] = timeout;
	if ((res = pg_exec(pg, "START TRANSACTION ISOLATION LEVEL "
	    "REPEATABLE READ, READ ONLY", 0, NULL, cause)) == NULL)
		return -1;
	PQclear(res);
	if (snapshot != NULL) {
		/* The server's own token (checked: hex digits and -): SET
		   takes no parameter. */
		sql = xasprintf("SET TRANSACTION SNAPSHOT '%s'", snapshot);
		res = pg_exec(pg, sql, 0, NULL, cause);
		free(sql);
		if (res == NULL)
			return -1;
		PQclear(res);
	}
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
		return -1;
	PQclear(res);
	return 0;
}

static int
pg_open(struct db **out, const char *conninfo, const struct db_opts *o,
    char **cause)
{
	struct pg	*pg;

	*out = NULL;
	if (pq_load(cause) != 0)
		return -1;
	pg = xcalloc(1, sizeof *pg);
	pg->timeout = o->timeout;
	pg->conninfo = conninfo != NULL ? xstrdup(conninfo) : NULL;
	if (pg_connect(pg, conninfo, cause) != 0 ||
	    pg_begin(pg, NULL, cause) != 0) {
		pg_close(&pg->db);
		return -1;
	}
	pg->db.dbname = PQdb(pg->conn);
	*out = &pg->db;
	return 0;
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

/* What a wait past --timeout says. */
static char *
no_answer(const struct pg *pg)
{
	return xasprintf("query failed: no answer from the server within "
	    "--timeout %d s: it may be stopped, overloaded or cut off",
	    pg->timeout);
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
		*cause = no_answer(pg);
	else if (*cause == NULL)
		*cause = result_error(pg, NULL);
	PQclear(res);
	return NULL;
}

/* From this many statements on, pg_lanes() opens a second connection. */
#define LANES_MIN	8

/*
 * A second session on pg's snapshot, or NULL where there is none to have:
 * a hot standby before PostgreSQL 10 exports none (asked so that the
 * export is never tried there: an error would end pg's transaction), a
 * pooler's other connection or a full server cannot import it.
 */
static struct pg *
pg_helper(struct pg *pg)
{
	struct pg	*h;
	PGresult	*res;
	char		*why = NULL, *snap = NULL;
	const char	*v;

	if ((res = pg_exec(pg, "SELECT CASE WHEN NOT pg_catalog.pg_is_in_"
	    "recovery() OR pg_catalog.current_setting('server_version_num')::"
	    "pg_catalog.int4 >= 100000 THEN pg_catalog.pg_export_snapshot() "
	    "END", 0, NULL, &why)) == NULL) {
		free(why);
		return NULL;
	}
	v = PQntuples(res) == 1 && !PQgetisnull(res, 0, 0) ?
	    PQgetvalue(res, 0, 0) : "";
	if (*v != '\0' && strspn(v, "0123456789ABCDEFabcdef-") == strlen(v))
		snap = xstrdup(v);
	PQclear(res);
	if (snap == NULL)
		return NULL;
	h = xcalloc(1, sizeof *h);
	h->timeout = pg->timeout;
	if (pg_connect(h, pg->conninfo, &why) != 0 ||
	    pg_begin(h, snap, &why) != 0) {
		pg->db.queries += h->db.queries;
		pg_close(&h->db);
		h = NULL;
	}
	free(why);
	free(snap);
	return h;
}

struct lane {
	struct pg	*pg;
	size_t		 job;
	int		 busy;
	long long	 deadline;
	PGresult	*res;		/* the job's last result so far */
};

/* Send job j on lane l. */
static int
lane_send(struct lane *l, struct pg_job *jobs, size_t j, char **cause)
{
	l->pg->db.queries++;
	if (!PQsendQueryParams(l->pg->conn, jobs[j].sql, jobs[j].nparams,
	    NULL, jobs[j].params, NULL, NULL, 0)) {
		*cause = result_error(l->pg, NULL);
		return -1;
	}
	l->job = j;
	l->busy = 1;
	l->res = NULL;
	/* A second past the server's own statement_timeout. */
	l->deadline = now_ms() + (long long)l->pg->timeout * 1000 + 1000;
	return 0;
}

/* Read what lane l's socket holds; 1 when its job is done, -1 error. */
static int
lane_read(struct lane *l, struct pg_job *jobs, char **cause)
{
	PGresult	*r;

	if (PQflush(l->pg->conn) < 0 || !PQconsumeInput(l->pg->conn)) {
		*cause = result_error(l->pg, NULL);
		return -1;
	}
	while (!PQisBusy(l->pg->conn)) {
		if ((r = PQgetResult(l->pg->conn)) == NULL) {
			l->busy = 0;
			if (l->res != NULL &&
			    PQresultStatus(l->res) == PGRES_TUPLES_OK) {
				l->pg->db.rows += PQntuples(l->res);
				jobs[l->job].res = l->res;
				l->res = NULL;
				return 1;
			}
			*cause = result_error(l->pg, l->res);
			return -1;
		}
		PQclear(l->res);
		l->res = r;
	}
	return 0;
}

int
pg_lanes(struct pg *pg, struct pg_job *jobs, size_t n, size_t *failed,
    char **cause)
{
	struct lane	 lanes[2];
	struct pollfd	 pfd[2];
	size_t		 next = 0, done = 0, nl = 1, i;
	long long	 first, left;
	int		 r, rc = -1;

	memset(lanes, 0, sizeof lanes);
	lanes[0].pg = pg;
	if (pg->dead) {
		*cause = xstrdup("query failed: the session was given up");
		return -1;
	}
	if (n >= LANES_MIN && (lanes[1].pg = pg_helper(pg)) != NULL)
		nl = 2;
	while (done < n) {
		for (i = 0; i < nl && next < n; i++)
			if (!lanes[i].busy) {
				*failed = next;
				if (lane_send(&lanes[i], jobs, next, cause) != 0)
					goto fail;
				next++;
			}
		first = 0;
		for (i = 0; i < nl; i++) {
			pfd[i].fd = PQsocket(lanes[i].pg->conn);
			pfd[i].events = lanes[i].busy ? POLLIN |
			    (PQflush(lanes[i].pg->conn) == 1 ? POLLOUT : 0) : 0;
			pfd[i].revents = 0;
			if (lanes[i].busy && (first == 0 ||
			    lanes[i].deadline < first)) {
				first = lanes[i].deadline;
				*failed = lanes[i].job;
			}
		}
		if ((left = first - now_ms()) <= 0) {
			*cause = no_answer(pg);
			pg->dead = 1;
			goto fail;
		}
		r = poll(pfd, (nfds_t)nl, left > 60000 ? 60000 : (int)left);
		if (r < 0 && errno != EINTR) {
			*cause = xasprintf("query failed: %s", strerror(errno));
			goto fail;
		}
		for (i = 0; r > 0 && i < nl; i++) {
			if (!lanes[i].busy || pfd[i].revents == 0)
				continue;
			switch (lane_read(&lanes[i], jobs, cause)) {
			case 1:
				done++;
				break;
			case -1:
				*failed = lanes[i].job;
				if (i == 0 && PQstatus(pg->conn) != CONNECTION_OK)
					pg->dead = 1;
				goto fail;
			}
		}
	}
	rc = 0;
fail:
	for (i = 0; i < nl; i++)
		PQclear(lanes[i].res);
	if (nl == 2) {
		pg->db.queries += lanes[1].pg->db.queries;
		pg->db.rows += lanes[1].pg->db.rows;
		/* A lane given up on is not waited for. */
		lanes[1].pg->dead = lanes[1].pg->dead || rc != 0;
		pg_close(&lanes[1].pg->db);
	}
	/* The first lane's connection is left busy after an error. */
	if (rc != 0 && lanes[0].busy)
		pg->dead = 1;
	return rc;
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
