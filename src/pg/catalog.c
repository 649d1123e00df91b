/*
 * catalog.c -- read the live schema from the PostgreSQL catalogs.
 *
 * Three queries, each over the whole schema: tables, columns and
 * constraints.  Every catalog name is qualified with pg_catalog and the
 * schema is a parameter.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "pg.h"
#include "sql.h"
#include "util.h"

#define CATALOG_QUERIES	3	/* tables, columns, constraints */

static const char sql_tables[] =
    "SELECT c.relname, pg_catalog.obj_description(c.oid, 'pg_class'),\n"
    "       c.reltuples::pg_catalog.int8,\n"
    "       pg_catalog.has_table_privilege(c.oid, 'SELECT'),\n"
    "       c.relrowsecurity AND NOT pg_catalog.pg_has_role(c.relowner, 'USAGE')\n"
    "         AND NOT r.rolbypassrls AND NOT r.rolsuper\n"
    "  FROM pg_catalog.pg_class c\n"
    "  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace\n"
    " CROSS JOIN pg_catalog.pg_roles r\n"
    " WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm', 'f')\n"
    "   AND r.rolname = CURRENT_USER\n"
    " ORDER BY c.relname";

static const char sql_columns[] =
    "SELECT c.relname, a.attname,\n"
    "       pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull,\n"
    "       pg_catalog.pg_get_expr(d.adbin, d.adrelid),\n"
    "       pg_catalog.col_description(c.oid, a.attnum),\n"
    "       CASE WHEN t.typcategory = 'A' THEN et.typname\n"
    "            WHEN t.typtype = 'd' THEN bt.typname ELSE t.typname END,\n"
    "       t.typcategory = 'A'\n"
    "  FROM pg_catalog.pg_attribute a\n"
    "  JOIN pg_catalog.pg_class c ON c.oid = a.attrelid\n"
    "  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace\n"
    "  JOIN pg_catalog.pg_type t ON t.oid = a.atttypid\n"
    "  LEFT JOIN pg_catalog.pg_type et ON et.oid = t.typelem\n"
    "  LEFT JOIN pg_catalog.pg_type bt ON bt.oid = t.typbasetype\n"
    "  LEFT JOIN pg_catalog.pg_attrdef d\n"
    "         ON d.adrelid = a.attrelid AND d.adnum = a.attnum\n"
    " WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm', 'f')\n"
    "   AND a.attnum > 0 AND NOT a.attisdropped\n"
    " ORDER BY c.relname, a.attnum";

static const char sql_constraints[] =
    "SELECT c.relname, con.contype, con.conname, a.attname,\n"
    "       rc.relname, ra.attname\n"
    "  FROM pg_catalog.pg_constraint con\n"
    "  JOIN pg_catalog.pg_class c ON c.oid = con.conrelid\n"
    "  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace\n"
    " CROSS JOIN LATERAL ROWS FROM (pg_catalog.unnest(con.conkey),\n"
    "       pg_catalog.unnest(con.confkey))\n"
    "       WITH ORDINALITY AS k(attnum, refnum, i)\n"
    "  JOIN pg_catalog.pg_attribute a\n"
    "    ON a.attrelid = con.conrelid AND a.attnum = k.attnum\n"
    "  LEFT JOIN pg_catalog.pg_class rc ON rc.oid = con.confrelid\n"
    "  LEFT JOIN pg_catalog.pg_attribute ra\n"
    "    ON ra.attrelid = con.confrelid AND ra.attnum = k.refnum\n"
    " WHERE n.nspname = $1 AND con.contype IN ('p', 'u', 'f')\n"
    " ORDER BY 1, 3, k.i";

/* A PostgreSQL type in the doc's words; never with a space. */
static char *
vocab(const char *typname, int array)
{
	static const struct {
		const char *pg, *doc;
	} map[] = {
		{ "int2", "int" }, { "int4", "int" }, { "int8", "bigint" },
		{ "varchar", "string" }, { "text", "string" },
		{ "bpchar", "string" }, { "char", "string" },
		{ "name", "string" }, { "uuid", "string" },
		{ "citext", "string" }, { "bool", "bool" },
		{ "timestamptz", "datetime" }, { "timestamp", "datetime" },
		{ "date", "datetime" }, { "time", "datetime" },
		{ "timetz", "datetime" }, { "json", "json" },
		{ "jsonb", "json" }, { "float4", "float" },
		{ "float8", "float" }, { "numeric", "float" },
		{ "bytea", "bytes" }, { "inet", "string" },
	};
	const char	*doc = NULL;
	char		*out, *p;
	size_t		 i;

	for (i = 0; i < sizeof map / sizeof map[0]; i++)
		if (str_eq(map[i].pg, typname))
			doc = map[i].doc;
	out = xasprintf("%s%s", doc ? doc : typname, array ? "[]" : "");
	/* Mermaid takes [A-Za-z0-9_] and a few more; nothing else. */
	for (p = out; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '_' || *p == '[' ||
		    *p == ']'))
			*p = '_';
	if (out[0] >= '0' && out[0] <= '9')
		out[0] = '_';
	return out;
}

int
pg_introspect(struct db *db, const char *schema, struct db_schema **out,
    char **cause)
{
	struct pg		*pg = PG(db);
	const char		*params[] = { schema };
	struct db_schema	*s;
	struct db_table		*t = NULL;
	PGresult		*res;
	char			*why = NULL, *typ;
	int			 i;

	s = xcalloc(1, sizeof *s);
	s->name = xstrdup(schema);

	db->catalog = CATALOG_QUERIES;
	if ((res = pg_exec(pg, sql_tables, 1, params, &why)) == NULL)
		goto fail;
	for (i = 0; i < PQntuples(res); i++) {
		struct db_table tt;

		memset(&tt, 0, sizeof tt);
		tt.name = pg_value(res, i, 0);
		tt.comment = pg_value(res, i, 1);
		tt.rows = strtoll(PQgetvalue(res, i, 2), NULL, 10);
		if (tt.rows < 0)
			tt.rows = -1;
		tt.readable = str_eq(PQgetvalue(res, i, 3), "t");
		if (tt.readable && str_eq(PQgetvalue(res, i, 4), "t")) {
			/* row_security is off: reading it would be refused. */
			tt.readable = 0;
			tt.why = xstrdup("it has row-level security (read it as "
			    "its owner or a role with BYPASSRLS)");
		}
		VEC_PUSH(s->tables, s->ntables, s->cap, tt);
	}
	PQclear(res);

	if ((res = pg_exec(pg, sql_columns, 1, params, &why)) == NULL)
		goto fail;
	for (i = 0; i < PQntuples(res); i++) {
		struct db_column cc;

		if (t == NULL || !str_eq(t->name, PQgetvalue(res, i, 0)))
			t = db_schema_table(s, PQgetvalue(res, i, 0));
		if (t == NULL)
			continue;	/* created between the two queries */
		memset(&cc, 0, sizeof cc);
		cc.name = pg_value(res, i, 1);
		cc.type = pg_value(res, i, 2);
		cc.notnull = str_eq(PQgetvalue(res, i, 3), "t");
		cc.def = pg_value(res, i, 4);
		cc.comment = pg_value(res, i, 5);
		typ = PQgetvalue(res, i, 6);
		cc.vocab = vocab(typ, str_eq(PQgetvalue(res, i, 7), "t"));
		VEC_PUSH(t->cols, t->ncols, t->cap, cc);
	}
	PQclear(res);

	if ((res = pg_exec(pg, sql_constraints, 1, params, &why)) == NULL)
		goto fail;
	for (i = 0; i < PQntuples(res); i++) {
		if ((t = db_schema_table(s, PQgetvalue(res, i, 0))) == NULL)
			continue;
		db_table_constraint(t, PQgetvalue(res, i, 1)[0],
		    PQgetvalue(res, i, 2), PQgetvalue(res, i, 3),
		    PQgetisnull(res, i, 4) ? NULL : PQgetvalue(res, i, 4),
		    PQgetisnull(res, i, 5) ? NULL : PQgetvalue(res, i, 5));
	}
	PQclear(res);
	*out = s;
	return 0;
fail:
	*cause = xasprintf("reading the catalog of schema %s: %s", schema,
	    why);
	free(why);
	db_schema_free(s);
	return -1;
}

/* count(*) of each table in one statement; rows say which by position. */
int
pg_count(struct db *db, struct db_schema *s, const char *const *tables,
    size_t n, char **cause)
{
	struct db_table	*t;
	struct buf	 sql;
	PGresult	*res;
	char		*qt, *why = NULL;
	size_t		 i, k;
	int		 r;

	buf_init(&sql);
	for (i = 0; i < n; i++) {
		qt = sql_table(s->name, tables[i]);
		buf_printf(&sql, "%sSELECT %zu, pg_catalog.count(*) FROM %s",
		    i ? "\nUNION ALL " : "", i, qt);
		free(qt);
	}
	res = pg_exec(PG(db), sql.data, 0, NULL, &why);
	buf_free(&sql);
	if (res == NULL) {
		*cause = xasprintf("counting rows: %s", why);
		free(why);
		return -1;
	}
	for (r = 0; r < PQntuples(res); r++) {
		k = strtoul(PQgetvalue(res, r, 0), NULL, 10);
		if (k < n && (t = db_schema_table(s, tables[k])) != NULL)
			t->rows = strtoll(PQgetvalue(res, r, 1), NULL, 10);
	}
	PQclear(res);
	return 0;
}
