/*
 * db.c -- the libpq session.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "util.h"

int
db_env_set(void)
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

int
db_open(struct db *db, const char *conninfo, int timeout_s, char **cause)
{
	const char	*keys[4], *vals[4];
	const char	*setup[] = { NULL };
	char		 timeout[32], *msg;
	PGresult	*res;
	int		 n = 0;

	memset(db, 0, sizeof *db);
	if (pq_load(cause) != 0)
		return -1;
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

	db->conn = PQconnectdbParams(keys, vals, 1);
	if (db->conn == NULL) {
		*cause = xstrdup("cannot connect: out of memory");
		return -1;
	}
	PQsetNoticeProcessor(db->conn, quiet_notices, NULL);
	if (PQstatus(db->conn) != CONNECTION_OK) {
		msg = pq_message(db->conn);
		*cause = xasprintf("cannot connect to the database: %s", msg);
		free(msg);
		db_close(db);
		return -1;
	}

	snprintf(timeout, sizeof timeout, "%d", timeout_s * 1000);
	setup[0] = timeout;
	if ((res = db_exec(db, "START TRANSACTION ISOLATION LEVEL "
	    "REPEATABLE READ, READ ONLY", 0, NULL, cause)) == NULL)
		goto fail;
	PQclear(res);
	if ((res = db_exec(db, "SELECT pg_catalog.set_config('search_path', "
	    "'', false), pg_catalog.set_config('statement_timeout', $1, "
	    "false)", 1, setup, cause)) == NULL)
		goto fail;
	PQclear(res);
	return 0;
fail:
	db_close(db);
	return -1;
}

void
db_close(struct db *db)
{
	PGresult *res;

	if (db->conn == NULL)
		return;
	if (PQstatus(db->conn) == CONNECTION_OK &&
	    PQtransactionStatus(db->conn) != PQTRANS_IDLE) {
		res = PQexec(db->conn, "ROLLBACK");
		PQclear(res);
	}
	PQfinish(db->conn);
	db->conn = NULL;
}

PGresult *
db_exec(struct db *db, const char *sql, int nparams,
    const char *const *params, char **cause)
{
	PGresult	*res;
	char		*msg;

	db->queries++;
	res = PQexecParams(db->conn, sql, nparams, NULL, params, NULL, NULL,
	    0);
	if (res != NULL && (PQresultStatus(res) == PGRES_TUPLES_OK ||
	    PQresultStatus(res) == PGRES_COMMAND_OK)) {
		db->rows += PQntuples(res);
		return res;
	}
	if (res != NULL && PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY)) {
		*cause = xasprintf("query failed: %s",
		    PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY));
	} else {
		msg = pq_message(db->conn);
		*cause = xasprintf("query failed: %s", msg);
		free(msg);
	}
	PQclear(res);
	return NULL;
}

char *
db_ident(struct db *db, const char *s)
{
	char *q = PQescapeIdentifier(db->conn, s, strlen(s)), *r;

	if (q == NULL) {
		fputs("mdgraph: cannot quote an identifier\n", stderr);
		exit(2);
	}
	r = xstrdup(q);
	PQfreemem(q);
	return r;
}

char *
db_literal(struct db *db, const char *s)
{
	char *q = PQescapeLiteral(db->conn, s, strlen(s)), *r;

	if (q == NULL) {
		fputs("mdgraph: cannot quote a literal\n", stderr);
		exit(2);
	}
	r = xstrdup(q);
	PQfreemem(q);
	return r;
}

char *
db_value(const PGresult *res, int row, int col)
{
	if (PQgetisnull(res, row, col))
		return NULL;
	return xstrdup(PQgetvalue(res, row, col));
}
