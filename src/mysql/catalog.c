/*
 * catalog.c -- read the live schema from MySQL's information_schema.
 *
 * Three statements whatever the table count -- tables, columns, keys --
 * and on MariaDB a fourth for the CHECK (json_valid(...)) constraints
 * that mark its JSON columns.  The schema is always a parameter.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "my.h"

/*
 * Readable: a SELECT grant this user can see, globally, on the schema
 * (its pattern) or on the table; a user whose grants are not visible
 * here (roles) is taken at its word, and a fetch it may not make is
 * reported when it fails.
 */
static const char sql_tables[] =
    "SELECT t.TABLE_NAME, t.TABLE_COMMENT, t.TABLE_ROWS,\n"
    "       (NOT EXISTS (SELECT 1 FROM information_schema.USER_PRIVILEGES u\n"
    "                     WHERE u.GRANTEE = g.me)\n"
    "        OR EXISTS (SELECT 1 FROM information_schema.USER_PRIVILEGES u\n"
    "                    WHERE u.GRANTEE = g.me AND u.PRIVILEGE_TYPE = 'SELECT')\n"
    "        OR EXISTS (SELECT 1 FROM information_schema.SCHEMA_PRIVILEGES s\n"
    "                    WHERE s.GRANTEE = g.me AND s.PRIVILEGE_TYPE = 'SELECT'\n"
    "                      AND t.TABLE_SCHEMA LIKE s.TABLE_SCHEMA)\n"
    "        OR EXISTS (SELECT 1 FROM information_schema.TABLE_PRIVILEGES p\n"
    "                    WHERE p.GRANTEE = g.me AND p.PRIVILEGE_TYPE = 'SELECT'\n"
    "                      AND p.TABLE_SCHEMA = t.TABLE_SCHEMA\n"
    "                      AND p.TABLE_NAME = t.TABLE_NAME))\n"
    "  FROM information_schema.TABLES t\n"
    " CROSS JOIN (SELECT CONCAT('''', SUBSTRING_INDEX(CURRENT_USER(), '@', 1),\n"
    "                           '''@''', SUBSTRING_INDEX(CURRENT_USER(), '@', -1),\n"
    "                           '''') AS me) g\n"
    " WHERE t.TABLE_SCHEMA = ?";

static const char sql_columns[] =
    "SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, DATA_TYPE, IS_NULLABLE,\n"
    "       COLUMN_DEFAULT, COLUMN_COMMENT, COLLATION_NAME\n"
    "  FROM information_schema.COLUMNS\n"
    " WHERE TABLE_SCHEMA = ?\n"
    " ORDER BY TABLE_NAME, ORDINAL_POSITION";

static const char sql_keys[] =
    "SELECT k.TABLE_NAME, c.CONSTRAINT_TYPE, k.CONSTRAINT_NAME, k.COLUMN_NAME,\n"
    "       k.REFERENCED_TABLE_NAME, k.REFERENCED_COLUMN_NAME\n"
    "  FROM information_schema.KEY_COLUMN_USAGE k\n"
    "  JOIN information_schema.TABLE_CONSTRAINTS c\n"
    "    ON c.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA\n"
    "   AND c.TABLE_SCHEMA = k.TABLE_SCHEMA\n"
    "   AND c.TABLE_NAME = k.TABLE_NAME\n"
    "   AND c.CONSTRAINT_NAME = k.CONSTRAINT_NAME\n"
    " WHERE k.TABLE_SCHEMA = ?\n"
    " ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION";

/* MariaDB's JSON is LONGTEXT with CHECK (json_valid(`col`)). */
static const char sql_json[] =
    "SELECT TABLE_NAME, CHECK_CLAUSE\n"
    "  FROM information_schema.CHECK_CONSTRAINTS\n"
    " WHERE CONSTRAINT_SCHEMA = ?";

/* A MySQL type in the doc's words, the same words as PostgreSQL's. */
static char *
vocab(const char *data_type, const char *column_type)
{
	static const struct {
		const char *my, *doc;
	} map[] = {
		{ "tinyint", "int" }, { "smallint", "int" },
		{ "mediumint", "int" }, { "int", "int" },
		{ "integer", "int" }, { "bigint", "bigint" },
		{ "varchar", "string" }, { "char", "string" },
		{ "tinytext", "string" }, { "text", "string" },
		{ "mediumtext", "string" }, { "longtext", "string" },
		{ "enum", "string" }, { "set", "string" },
		{ "json", "json" }, { "datetime", "datetime" },
		{ "timestamp", "datetime" }, { "date", "datetime" },
		{ "time", "datetime" }, { "year", "datetime" },
		{ "float", "float" }, { "double", "float" },
		{ "decimal", "float" }, { "bit", "int" },
		{ "binary", "bytes" }, { "varbinary", "bytes" },
		{ "tinyblob", "bytes" }, { "blob", "bytes" },
		{ "mediumblob", "bytes" }, { "longblob", "bytes" },
	};
	const char	*doc = NULL;
	char		*out, *p;
	size_t		 i;

	/* Django's BooleanField: tinyint(1), or bool on MariaDB. */
	if (strncmp(column_type, "tinyint(1)", 10) == 0)
		return xstrdup("bool");
	for (i = 0; i < sizeof map / sizeof map[0]; i++)
		if (str_eq(map[i].my, data_type))
			doc = map[i].doc;
	out = xstrdup(doc ? doc : data_type);
	/* Mermaid takes [A-Za-z0-9_] and a few more; nothing else. */
	for (p = out; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '_'))
			*p = '_';
	if (out[0] >= '0' && out[0] <= '9')
		out[0] = '_';
	return out;
}

struct cat {
	struct db_schema	*s;
	struct db_table		*t;	/* the columns' current table */
};

static char *
dup_or_null(const char *s)
{
	return s != NULL && *s != '\0' ? xstrdup(s) : NULL;
}

static int
table_row(void *arg, const char *const *c, unsigned int n)
{
	struct cat	*x = arg;
	struct db_table	 t;

	(void)n;
	memset(&t, 0, sizeof t);
	t.name = xstrdup(c[0]);
	t.comment = dup_or_null(c[1]);
	t.rows = c[2] != NULL ? strtoll(c[2], NULL, 10) : -1;
	t.readable = c[3] != NULL && str_eq(c[3], "1");
	VEC_PUSH(x->s->tables, x->s->ntables, x->s->cap, t);
	return 0;
}

static int
column_row(void *arg, const char *const *c, unsigned int n)
{
	struct cat		*x = arg;
	struct db_column	 cc;

	(void)n;
	if (x->t == NULL || !str_eq(x->t->name, c[0]))
		x->t = db_schema_table(x->s, c[0]);
	if (x->t == NULL)
		return 0;	/* created between the two statements */
	memset(&cc, 0, sizeof cc);
	cc.name = xstrdup(c[1]);
	cc.type = xstrdup(c[2]);
	cc.vocab = vocab(c[3], c[2]);
	cc.notnull = c[4] != NULL && str_eq(c[4], "NO");
	cc.def = c[5] ? xstrdup(c[5]) : NULL;
	cc.comment = dup_or_null(c[6]);
	cc.collation = c[7] ? xstrdup(c[7]) : NULL;
	if (cc.collation != NULL) {
		/* _ci ignores case; all but _0900_ and _nopad_ collations
		   ignore trailing spaces (PAD SPACE). */
		cc.nocase = str_ends_with(cc.collation, "_ci");
		cc.padspace = strstr(cc.collation, "_0900_") == NULL &&
		    strstr(cc.collation, "_nopad_") == NULL;
	}
	VEC_PUSH(x->t->cols, x->t->ncols, x->t->cap, cc);
	return 0;
}

static int
key_row(void *arg, const char *const *c, unsigned int n)
{
	struct cat		*x = arg;
	struct db_table		*t;
	char			 type;

	(void)n;
	if ((t = db_schema_table(x->s, c[0])) == NULL)
		return 0;
	type = str_eq(c[1], "PRIMARY KEY") ? 'p' : str_eq(c[1], "UNIQUE") ?
	    'u' : str_eq(c[1], "FOREIGN KEY") ? 'f' : 0;
	if (type != 0)
		db_table_constraint(t, type, c[2], c[3], c[4], c[5]);
	return 0;
}

/* json_valid(`col`) marks col as JSON. */
static int
json_row(void *arg, const char *const *c, unsigned int n)
{
	struct cat		*x = arg;
	struct db_table		*t;
	struct db_column	*col;
	const char		*p, *q;
	char			*name;

	(void)n;
	if (c[1] == NULL || strncmp(c[1], "json_valid(`", 12) != 0 ||
	    (t = db_schema_table(x->s, c[0])) == NULL)
		return 0;
	p = c[1] + 12;
	if ((q = strstr(p, "`)")) == NULL || q[2] != '\0')
		return 0;
	name = xstrndup(p, (size_t)(q - p));
	if ((col = db_table_column(t, name)) != NULL) {
		free(col->vocab);
		col->vocab = xstrdup("json");
	}
	free(name);
	return 0;
}

static int
cmp_table(const void *a, const void *b)
{
	return strcmp(((const struct db_table *)a)->name,
	    ((const struct db_table *)b)->name);
}

int
my_introspect(struct db *db, const char *schema, struct db_schema **out,
    char **cause)
{
	struct my	*my = MY(db);
	struct cat	 x;
	char		*params[1], *why = NULL;

	memset(&x, 0, sizeof x);
	x.s = xcalloc(1, sizeof *x.s);
	x.s->name = xstrdup(schema);
	params[0] = (char *)schema;
	db->catalog = my->mariadb ? 4 : 3;
	if (my_query(my, sql_tables, params, 1, table_row, &x, &why) != 0)
		goto fail;
	/* Byte order, as db_schema_table() looks them up. */
	if (x.s->ntables > 1)
		qsort(x.s->tables, x.s->ntables, sizeof *x.s->tables,
		    cmp_table);
	if (my_query(my, sql_columns, params, 1, column_row, &x, &why) != 0 ||
	    my_query(my, sql_keys, params, 1, key_row, &x, &why) != 0 ||
	    (my->mariadb && my_query(my, sql_json, params, 1, json_row, &x,
	    &why) != 0))
		goto fail;
	*out = x.s;
	return 0;
fail:
	*cause = xasprintf("reading the catalog of schema %s: %s", schema,
	    why);
	free(why);
	db_schema_free(x.s);
	return -1;
}

struct counts {
	struct db_schema	*s;
	const char *const	*tables;
	size_t			 n;
};

static int
count_row(void *arg, const char *const *c, unsigned int n)
{
	struct counts	*x = arg;
	struct db_table	*t;
	size_t		 k;

	(void)n;
	k = strtoul(c[0], NULL, 10);
	if (k < x->n && (t = db_schema_table(x->s, x->tables[k])) != NULL)
		t->rows = strtoll(c[1], NULL, 10);
	return 0;
}

/* count(*) of each table in one statement; rows say which by position. */
int
my_count(struct db *db, struct db_schema *s, const char *const *tables,
    size_t n, char **cause)
{
	struct counts	 x;
	struct buf	 sql;
	char		*why = NULL;
	size_t		 i;
	int		 rc;

	buf_init(&sql);
	for (i = 0; i < n; i++) {
		buf_printf(&sql, "%sSELECT %zu, COUNT(*) FROM ",
		    i ? "\nUNION ALL " : "", i);
		myq_table(&sql, s->name, tables[i]);
	}
	x.s = s;
	x.tables = tables;
	x.n = n;
	rc = my_query(MY(db), sql.data, NULL, 0, count_row, &x, &why);
	buf_free(&sql);
	if (rc != 0) {
		*cause = xasprintf("counting rows: %s", why);
		free(why);
		return -1;
	}
	return 0;
}
