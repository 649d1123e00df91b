/*
 * db.c -- the backends, and which one a connection string is for.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "backend.h"
#include "util.h"

/* Every backend, in the order they are asked about a connection string. */
#define BACKENDS(X)	X(pg_backend) X(mysql_backend)

#define DECLARE(b)	extern const struct backend b;
BACKENDS(DECLARE)
#undef DECLARE
#define ENTRY(b)	&b,
static const struct backend *const backends[] = { BACKENDS(ENTRY) };
#undef ENTRY
#define NBACKENDS	(sizeof backends / sizeof backends[0])

int
db_env_set(void)
{
	size_t i;

	for (i = 0; i < NBACKENDS; i++)
		if (backends[i]->env())
			return 1;
	return 0;
}

int
db_open(struct db **out, const char *conninfo, const struct db_opts *o,
    char **cause)
{
	const struct backend	*be = NULL;
	size_t			 i;

	*out = NULL;
	for (i = 0; i < NBACKENDS && be == NULL; i++)
		if (conninfo != NULL ? backends[i]->claims(conninfo) :
		    backends[i]->env())
			be = backends[i];
	if (be == NULL) {
		*cause = xstrdup(conninfo != NULL ? "--db: not a connection "
		    "string mdgraph knows: give mysql://USER@HOST/DATABASE "
		    "(or mariadb://) for MySQL, a conninfo (key=value) or "
		    "postgresql:// URI for PostgreSQL" : "no database named: "
		    "give --db");
		return -1;
	}
	if (be->open(out, conninfo, o, cause) != 0)
		return -1;
	(*out)->be = be;
	return 0;
}

int
db_introspect(struct db *db, const char *schema, struct db_schema **out,
    char **cause)
{
	return db->be->introspect(db, schema, out, cause);
}

int
db_exact_counts(struct db *db, struct db_schema *s, const struct mdg_model *m,
    char **cause)
{
	const char	**names = NULL;
	struct db_table	 *t;
	size_t		  i, n = 0, cap = 0;
	int		  rc;

	for (i = 0; i < m->nentities; i++) {
		t = db_entity_table(s, m->entities[i]);
		if (t == NULL || !t->readable || t->exact)
			continue;
		t->exact = 1;	/* once, even if two entities share it */
		VEC_PUSH(names, n, cap, (const char *)t->name);
	}
	rc = n > 0 ? db->be->count(db, s, names, n, cause) : 0;
	free(names);
	return rc;
}

int
db_fetch(struct db *db, const struct db_fetch *f, db_row_fn fn, void *arg,
    char **cause)
{
	return db->be->fetch(db, f, fn, arg, cause);
}

int
db_check(struct db *db, const struct db_side *qs, size_t n, db_pair_fn fn,
    void *const *args, size_t *failed, char **cause)
{
	*failed = 0;
	return n == 0 ? 0 : db->be->check(db, qs, n, fn, args, failed, cause);
}

void
db_close(struct db *db)
{
	if (db != NULL)
		db->be->close(db);
}
