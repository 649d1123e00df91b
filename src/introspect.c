/*
 * introspect.c -- read the live schema from the catalogs.
 *
 * Three queries, each over the whole schema: tables, columns and
 * constraints.  Every catalog name is qualified with pg_catalog and the
 * schema is a parameter.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "introspect.h"
#include "util.h"

static const char sql_tables[] =
    "SELECT c.relname, pg_catalog.obj_description(c.oid, 'pg_class'),\n"
    "       c.reltuples::pg_catalog.int8,\n"
    "       pg_catalog.has_table_privilege(c.oid, 'SELECT')\n"
    "  FROM pg_catalog.pg_class c\n"
    "  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace\n"
    " WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm', 'f')\n"
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
    "SELECT c.relname, con.contype, a.attname\n"
    "  FROM pg_catalog.pg_constraint con\n"
    "  JOIN pg_catalog.pg_class c ON c.oid = con.conrelid\n"
    "  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace\n"
    " CROSS JOIN LATERAL pg_catalog.unnest(con.conkey) AS k(attnum)\n"
    "  JOIN pg_catalog.pg_attribute a\n"
    "    ON a.attrelid = con.conrelid AND a.attnum = k.attnum\n"
    " WHERE n.nspname = $1 AND con.contype IN ('p', 'u', 'f')\n"
    " ORDER BY 1, 2, 3";

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

struct db_table *
db_schema_table(const struct db_schema *s, const char *name)
{
	size_t lo = 0, hi = s->ntables, mid;
	int c;

	/* The catalog sorted them with the same byte order (C collation
	   is not promised, so fall back to a scan on a miss). */
	while (lo < hi) {
		mid = (lo + hi) / 2;
		c = strcmp(s->tables[mid].name, name);
		if (c == 0)
			return &s->tables[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (mid = 0; mid < s->ntables; mid++)
		if (str_eq(s->tables[mid].name, name))
			return &s->tables[mid];
	return NULL;
}

struct db_column *
db_table_column(const struct db_table *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->ncols; i++)
		if (str_eq(t->cols[i].name, name))
			return &t->cols[i];
	return NULL;
}

struct db_table *
db_entity_table(const struct db_schema *s, const struct mdg_entity *e)
{
	return e->table ? db_schema_table(s, e->table) : NULL;
}

int
introspect(struct db *db, const char *schema, struct db_schema **out,
    char **cause)
{
	const char		*params[] = { schema };
	struct db_schema	*s;
	struct db_table		*t = NULL;
	struct db_column	*c;
	PGresult		*res;
	char			*why = NULL, *typ;
	int			 i;

	s = xcalloc(1, sizeof *s);
	s->name = xstrdup(schema);

	if ((res = db_exec(db, sql_tables, 1, params, &why)) == NULL)
		goto fail;
	for (i = 0; i < PQntuples(res); i++) {
		struct db_table tt;

		memset(&tt, 0, sizeof tt);
		tt.name = db_value(res, i, 0);
		tt.comment = db_value(res, i, 1);
		tt.rows = strtoll(PQgetvalue(res, i, 2), NULL, 10);
		if (tt.rows < 0)
			tt.rows = -1;
		tt.readable = str_eq(PQgetvalue(res, i, 3), "t");
		VEC_PUSH(s->tables, s->ntables, s->cap, tt);
	}
	PQclear(res);

	if ((res = db_exec(db, sql_columns, 1, params, &why)) == NULL)
		goto fail;
	for (i = 0; i < PQntuples(res); i++) {
		struct db_column cc;

		if (t == NULL || !str_eq(t->name, PQgetvalue(res, i, 0)))
			t = db_schema_table(s, PQgetvalue(res, i, 0));
		if (t == NULL)
			continue;	/* created between the two queries */
		memset(&cc, 0, sizeof cc);
		cc.name = db_value(res, i, 1);
		cc.type = db_value(res, i, 2);
		cc.notnull = str_eq(PQgetvalue(res, i, 3), "t");
		cc.def = db_value(res, i, 4);
		cc.comment = db_value(res, i, 5);
		typ = PQgetvalue(res, i, 6);
		cc.vocab = vocab(typ, str_eq(PQgetvalue(res, i, 7), "t"));
		VEC_PUSH(t->cols, t->ncols, t->cap, cc);
	}
	PQclear(res);

	if ((res = db_exec(db, sql_constraints, 1, params, &why)) == NULL)
		goto fail;
	for (i = 0; i < PQntuples(res); i++) {
		if ((t = db_schema_table(s, PQgetvalue(res, i, 0))) == NULL ||
		    (c = db_table_column(t, PQgetvalue(res, i, 2))) == NULL)
			continue;
		switch (PQgetvalue(res, i, 1)[0]) {
		case 'p':
			c->pk = 1;
			break;
		case 'u':
			c->uk = 1;
			break;
		case 'f':
			c->fk = 1;
			break;
		}
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

int
introspect_exact_counts(struct db *db, struct db_schema *s,
    const struct mdg_model *m, char **cause)
{
	struct db_table	*t;
	struct buf	 sql;
	PGresult	*res;
	char		*qs, *qt, *lit, *why = NULL;
	size_t		 i;
	int		 n = 0, r;

	buf_init(&sql);
	qs = db_ident(db, s->name);
	for (i = 0; i < m->nentities; i++) {
		t = db_entity_table(s, m->entities[i]);
		if (t == NULL || !t->readable || t->exact)
			continue;
		t->exact = 1;	/* once, even if two entities share it */
		qt = db_ident(db, t->name);
		lit = db_literal(db, t->name);
		buf_printf(&sql, "%sSELECT %s, pg_catalog.count(*) FROM %s.%s",
		    n++ ? "\nUNION ALL " : "", lit, qs, qt);
		free(qt);
		free(lit);
	}
	free(qs);
	if (n == 0) {
		buf_free(&sql);
		return 0;
	}
	res = db_exec(db, sql.data, 0, NULL, &why);
	buf_free(&sql);
	if (res == NULL) {
		*cause = xasprintf("counting rows: %s", why);
		free(why);
		return -1;
	}
	for (r = 0; r < PQntuples(res); r++)
		if ((t = db_schema_table(s, PQgetvalue(res, r, 0))) != NULL)
			t->rows = strtoll(PQgetvalue(res, r, 1), NULL, 10);
	PQclear(res);
	return 0;
}

void
db_schema_free(struct db_schema *s)
{
	struct db_table	*t;
	size_t		 i, j;

	if (s == NULL)
		return;
	for (i = 0; i < s->ntables; i++) {
		t = &s->tables[i];
		for (j = 0; j < t->ncols; j++) {
			free(t->cols[j].name);
			free(t->cols[j].type);
			free(t->cols[j].vocab);
			free(t->cols[j].def);
			free(t->cols[j].comment);
		}
		free(t->cols);
		free(t->name);
		free(t->comment);
	}
	free(s->tables);
	free(s->name);
	free(s);
}

/* Does a relation of the view join entity e on `column`? */
static int
joins_on(const struct mdg_view *v, const struct mdg_entity *e,
    const char *column)
{
	const struct mdg_rel	*r;
	size_t			 i;

	for (i = 0; i < v->nrels; i++) {
		r = v->rels[i];
		if ((r->left == e && key_uses(&r->lkey, column)) ||
		    (r->right == e && key_uses(&r->rkey, column)))
			return 1;
	}
	return 0;
}

/* "PK, FK" from the catalog, plus FK for a logical join column. */
static char *
live_keys(const struct db_column *c, int joined)
{
	struct buf b;

	buf_init(&b);
	if (c->pk)
		buf_puts(&b, "PK");
	if (c->uk && !c->pk)
		buf_printf(&b, "%sUK", b.len ? ", " : "");
	if (c->fk || (joined && !c->pk && !c->uk))
		buf_printf(&b, "%sFK", b.len ? ", " : "");
	if (b.len == 0) {
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b);
}

static void
apply_entity(struct mdg_view *v, struct mdg_view_entity *ve,
    const struct db_schema *s, enum columns_mode mode)
{
	const struct db_table	*t = db_entity_table(s, ve->entity);
	const struct db_column	*c;
	struct mdg_view_entity	 doc = *ve;
	struct mdg_vattr	*a;
	char			*keys;
	size_t			 i;
	int			 pass, key;

	if (t == NULL) {
		ve->present = 0;
		for (i = 0; i < ve->nattrs; i++)
			ve->attrs[i].present = 0;
		return;
	}
	ve->readable = t->readable;
	ve->rows = t->rows;
	ve->exact = t->exact;

	if (mode == COLUMNS_DOC) {
		for (i = 0; i < ve->nattrs; i++) {
			a = &ve->attrs[i];
			if ((c = db_table_column(t, a->name)) == NULL) {
				a->present = 0;
				continue;
			}
			free(a->type);
			a->type = xstrdup(c->vocab);
		}
		return;
	}

	/* keys / all: rebuild from the table, keys first. */
	ve->attrs = NULL;
	ve->nattrs = 0;
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < t->ncols; i++) {
			c = &t->cols[i];
			a = view_attr(&doc, c->name);
			key = c->pk || c->uk || c->fk ||
			    joins_on(v, ve->entity, c->name) ||
			    (a != NULL && a->keys != NULL);
			if (key != (pass == 0))
				continue;
			if (!key && mode == COLUMNS_KEYS)
				continue;
			keys = live_keys(c, joins_on(v, ve->entity, c->name));
			vattr_add(ve, c->vocab, c->name, keys,
			    a ? a->comment : NULL);
			free(keys);
		}
	}
	/* Documented but absent: still drawn, as missing. */
	for (i = 0; i < doc.nattrs; i++) {
		if (db_table_column(t, doc.attrs[i].name) != NULL)
			continue;
		vattr_add(ve, doc.attrs[i].type, doc.attrs[i].name,
		    doc.attrs[i].keys, doc.attrs[i].comment);
		ve->attrs[ve->nattrs - 1].present = 0;
	}
	vattrs_free(doc.attrs, doc.nattrs);
}

void
view_apply_db(struct mdg_view *v, const struct db_schema *s,
    enum columns_mode mode, int counts)
{
	size_t i;

	v->live = 1;
	v->counts = counts;
	for (i = 0; i < v->nents; i++)
		apply_entity(v, &v->ents[i], s, mode);
}
