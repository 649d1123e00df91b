/*
 * query.c -- PostgreSQL statements for the sampler and for check.
 *
 * A fetch is one statement: WHERE key = ANY($1), the parents' values as
 * an array parameter; when capped, a window numbers each key tuple's rows
 * and counts them all in the same statement.  A check question is one
 * statement over the whole table, counting each row's partners.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "pg.h"
#include "sql.h"
#include "util.h"

/* A PostgreSQL array literal of the values: a parameter, never SQL. */
static char *
array_literal(char *const *vals, size_t n)
{
	struct buf	 b;
	const char	*p;
	size_t		 i;

	buf_init(&b);
	buf_putc(&b, '{');
	for (i = 0; i < n; i++) {
		buf_puts(&b, i ? ",\"" : "\"");
		for (p = vals[i]; *p != '\0'; p++) {
			if (*p == '"' || *p == '\\')
				buf_putc(&b, '\\');
			buf_putc(&b, *p);
		}
		buf_putc(&b, '"');
	}
	buf_putc(&b, '}');
	return buf_detach(&b);
}

static void
add_array(struct pgq *q, char *const *vals, size_t n)
{
	char *lit = array_literal(vals, n);

	pgq_add_param(q, lit);
	free(lit);
}

static void
column_list(struct buf *b, const char *alias, const char *const *cols,
    size_t n)
{
	size_t	 i;
	char	*c;

	for (i = 0; i < n; i++) {
		c = sql_column(alias, cols[i]);
		buf_printf(b, "%s%s", i ? ", " : "", c);
		free(c);
	}
}

/* The condition that term t of alias c takes one of the values $n. */
static void
term_among(struct pgq *q, const struct mdg_term *t, char *const *vals,
    size_t nv)
{
	struct buf	*b = &q->sql;
	char		*c, *lit, *p;
	size_t		 j;

	lit = array_literal(vals, nv);
	p = pgq_param(q, lit);
	free(lit);
	switch (t->kind) {
	case MDG_TERM_COLUMN:
		c = sql_column("c", t->parts[0]);
		buf_printf(b, "%s = ANY(%s)", c, p);
		free(c);
		break;
	case MDG_TERM_ANY:
		buf_putc(b, '(');
		for (j = 0; j < t->nparts; j++) {
			c = sql_column("c", t->parts[j]);
			buf_printf(b, "%s%s = ANY(%s)", j ? " OR " : "", c, p);
			free(c);
		}
		buf_putc(b, ')');
		break;
	case MDG_TERM_ELEM:
		/*
		 * Rows whose text holds a value or any escape: a superset,
		 * read and matched by sample.c, so that no value can make the
		 * statement fail (text that is not JSON, escapes the server's
		 * encoding or jsonb refuses).
		 */
		c = sql_column("c", t->parts[0]);
		buf_printf(b, "(pg_catalog.strpos(%s::pg_catalog.text, "
		    "E'\\\\') > 0 OR EXISTS (SELECT FROM pg_catalog.unnest("
		    "%s::pg_catalog.text[]) AS v(x) WHERE pg_catalog.strpos("
		    "%s::pg_catalog.text, v.x) > 0))", c, p, c);
		free(c);
		break;
	default:
		c = sql_scalar(q, t, "c");
		buf_printf(b, "(%s)::pg_catalog.text = ANY(%s::"
		    "pg_catalog.text[])", c, p);
		free(c);
		break;
	}
	free(p);
}

static void
build_fetch(struct pgq *q, const struct db_fetch *f)
{
	struct buf	*b = &q->sql;
	struct buf	 by;
	char		*table, *c, cap[32];
	size_t		 i;

	table = sql_table(f->schema, f->table->name);
	if (f->column != NULL) {
		buf_puts(b, "SELECT ");
		column_list(b, "c", f->cols, f->ncols);
		c = sql_column("c", f->column);
		buf_printf(b, " FROM %s c WHERE %s::pg_catalog.text = ", table,
		    c);
		free(c);
		pgq_add_param(q, f->value);
		if (f->tenant_col != NULL && f->ntenants > 0) {
			c = sql_column("c", f->tenant_col);
			buf_printf(b, " AND %s = ", c);
			free(c);
			pgq_add_param(q, f->tenants[0]);
		}
		buf_puts(b, " ORDER BY ");
		column_list(b, "c", f->cols, f->norder);
		free(table);
		return;
	}

	buf_puts(b, "SELECT * FROM (SELECT ");
	column_list(b, "c", f->cols, f->ncols);
	if (f->cap > 0) {
		/* Cap each key tuple's rows; count them all. */
		buf_init(&by);
		for (i = 0; i < f->key->nterms; i++) {
			c = sql_scalar(q, &f->key->terms[i], "c");
			buf_printf(&by, "%s%s", i ? ", " : "", c);
			free(c);
		}
		if (f->tenant_col != NULL) {
			c = sql_column("c", f->tenant_col);
			buf_printf(&by, ", %s", c);
			free(c);
		}
		buf_printf(b, ", pg_catalog.row_number() OVER (PARTITION BY "
		    "%s ORDER BY ", by.data);
		column_list(b, "c", f->cols, f->norder);
		buf_printf(b, ") AS mdg_rn, pg_catalog.count(*) OVER "
		    "(PARTITION BY %s) AS mdg_total", by.data);
		buf_free(&by);
	}
	buf_printf(b, " FROM %s c WHERE ", table);
	for (i = 0; i < f->key->nterms; i++) {
		buf_puts(b, i ? " AND " : "");
		term_among(q, &f->key->terms[i], f->vals[i], f->nvals[i]);
	}
	if (f->tenant_col != NULL) {
		c = sql_column("c", f->tenant_col);
		buf_printf(b, " AND (%s IS NULL OR %s = ANY(", c, c);
		free(c);
		add_array(q, f->tenants, f->ntenants);
		buf_puts(b, "))");
	}
	buf_puts(b, ") x");
	if (f->cap > 0) {
		snprintf(cap, sizeof cap, "%d", f->cap);
		buf_puts(b, " WHERE mdg_rn <= ");
		pgq_add_param(q, cap);
	}
	buf_puts(b, " ORDER BY ");
	for (i = 0; i < f->norder; i++)
		buf_printf(b, "%s%zu", i ? ", " : "", i + 1);
	free(table);
}

struct fetch_ctx {
	const struct db_fetch	 *f;
	db_row_fn		  fn;
	void			 *arg;
	const char		**cols;
};

static int
fetch_row(void *arg, const PGresult *res)
{
	struct fetch_ctx	*x = arg;
	const struct db_fetch	*f = x->f;
	long long		 total;
	size_t			 i;

	for (i = 0; i < f->ncols; i++)
		x->cols[i] = PQgetisnull(res, 0, (int)i) ? NULL :
		    PQgetvalue(res, 0, (int)i);
	total = f->cap > 0 && f->column == NULL ?
	    strtoll(PQgetvalue(res, 0, (int)f->ncols + 1), NULL, 10) : -1;
	return x->fn(x->arg, x->cols, total);
}

int
pg_fetch(struct db *db, const struct db_fetch *f, db_row_fn fn, void *arg,
    char **cause)
{
	struct fetch_ctx	 x = { f, fn, arg, NULL };
	struct pgq		 q;
	PGresult		*res;
	char			*why = NULL;

	pgq_init(&q);
	build_fetch(&q, f);
	x.cols = xcalloc(f->ncols + 1, sizeof *x.cols);
	res = pg_exec_each(PG(db), q.sql.data, (int)q.np,
	    (const char *const *)q.params, fetch_row, &x, &why);
	pgq_free(&q);
	free(x.cols);
	if (res == NULL) {
		*cause = why;
		/* insufficient_privilege: no SELECT, or row-level security. */
		return str_eq(PG(db)->sqlstate, "42501") ? DB_DENIED : -1;
	}
	PQclear(res);
	return PG(db)->stopped;
}

/*
 * check's question, in one pass: each set key of `me` (s) left-joined to
 * the rows of `other` (p) it matches, grouped per row, with the partners
 * counted; only the counts asked for come back.  Where every term is one
 * value per row, the rows are first grouped by key (and tenant), which is
 * all a partner depends on: the join and the count run once per distinct
 * key, not once per row, and each group answers for its `m` rows.  Rows
 * a declared key already makes distinct are not grouped: that would
 * cost a pass and save nothing.
 */
static void
build_check(const struct db_side *q, struct pgq *st)
{
	struct sql_side	  side;
	struct buf	 *b = &st->sql;
	char		 *tme, *tother, *c1, *c2, **dk;
	size_t		  i, k;
	int		  grouped;

	pgq_init(st);
	tme = sql_table(q->schema, q->me->name);
	tother = sql_table(q->schema, q->other->name);
	sql_side_build(&side, st, q->mk, "s");
	k = side.nkeys;
	grouped = side.ords.len == 0 && side.from.len == 0 && !q->distinct;
	dk = xcalloc(k + 1, sizeof *dk);
	for (i = 0; i < k; i++)
		dk[i] = grouped ? xasprintf("d.k%zu", i) : xstrdup(side.keys[i]);
	buf_puts(b, "SELECT ");
	for (i = 0; i < k; i++)
		buf_printf(b, "(%s)::pg_catalog.text, ", dk[i]);
	buf_printf(b, "pg_catalog.count(p.ctid), %s FROM ", grouped ? "d.m" :
	    "1");
	if (grouped) {
		buf_puts(b, "(SELECT ");
		for (i = 0; i < k; i++)
			buf_printf(b, "%s AS k%zu, ", side.keys[i], i);
		c1 = sql_column("s", "bk_tenant_id");
		buf_printf(b, "%s AS t, pg_catalog.count(*) AS m FROM %s s WHERE ",
		    q->tenant ? c1 : "NULL::pg_catalog.text", tme);
		free(c1);
		sql_keys_set(b, &side);
		buf_puts(b, " GROUP BY ");
		for (i = 0; i <= k; i++)
			buf_printf(b, "%s%zu", i ? ", " : "", i + 1);
		buf_puts(b, ") d");
	} else
		buf_printf(b, "%s s%s", tme, side.from.data ? side.from.data :
		    "");
	buf_printf(b, " LEFT JOIN %s p ON ", tother);
	sql_match(b, st, q->ok, "p", dk, k);
	if (q->tenant) {
		c1 = sql_column("p", "bk_tenant_id");
		c2 = grouped ? xstrdup("d.t") : sql_column("s", "bk_tenant_id");
		buf_printf(b, " AND (%s IS NULL OR %s IS NULL OR %s = %s)",
		    c1, c2, c1, c2);
		free(c1);
		free(c2);
	}
	if (grouped) {
		buf_puts(b, " GROUP BY ");
		for (i = 0; i < k; i++)
			buf_printf(b, "d.k%zu, ", i);
		buf_puts(b, "d.t, d.m");
	} else {
		buf_puts(b, " WHERE ");
		sql_keys_set(b, &side);
		buf_printf(b, " GROUP BY s.ctid%s", side.ords.data ?
		    side.ords.data : "");
		for (i = 0; i < k; i++)
			buf_printf(b, ", %zu", i + 1);
	}
	buf_printf(b, " HAVING %s%s%s",
	    q->orphans ? "pg_catalog.count(p.ctid) = 0" : "",
	    q->orphans && q->breaches ? " OR " : "",
	    q->breaches ? "pg_catalog.count(p.ctid) > 1" : "");
	free(tme);
	free(tother);
	strv_free(dk, k);
	sql_side_free(&side);
}

/* The rows of a check result: key values, partners, rows answered for. */
static int
deliver(const PGresult *res, size_t k, db_pair_fn fn, void *arg)
{
	const char	**keys;
	long long	  m, n;
	size_t		  i;
	int		  row, rc = 0;

	keys = xcalloc(k + 1, sizeof *keys);
	for (row = 0; row < PQntuples(res) && rc == 0; row++) {
		for (i = 0; i < k; i++)
			keys[i] = PQgetvalue(res, row, (int)i);
		n = strtoll(PQgetvalue(res, row, (int)k), NULL, 10);
		m = strtoll(PQgetvalue(res, row, (int)k + 1), NULL, 10);
		while (m-- > 0 && rc == 0)
			rc = fn(arg, keys, n);
	}
	free(keys);
	return rc;
}

/*
 * Check's questions, on two connections where there are enough of them
 * (pg_lanes(): the second on the first's snapshot, as pg_dump -j reads),
 * each answer then handed on in the questions' order.
 */
int
pg_check(struct db *db, const struct db_side *qs, size_t n, db_pair_fn fn,
    void *const *args, size_t *failed, char **cause)
{
	struct pg_job	*jobs = xcalloc(n + 1, sizeof *jobs);
	struct pgq	*st = xcalloc(n + 1, sizeof *st);
	size_t		 i;
	int		 rc;

	for (i = 0; i < n; i++) {
		build_check(&qs[i], &st[i]);
		jobs[i].sql = st[i].sql.data;
		jobs[i].nparams = (int)st[i].np;
		jobs[i].params = (const char *const *)st[i].params;
	}
	rc = pg_lanes(PG(db), jobs, n, failed, cause);
	for (i = 0; i < n && rc == 0; i++)
		if ((rc = deliver(jobs[i].res, qs[i].mk->nterms, fn,
		    args[i])) != 0)
			*failed = i;
	for (i = 0; i < n; i++) {
		PQclear(jobs[i].res);
		pgq_free(&st[i]);
	}
	free(jobs);
	free(st);
	return rc;
}
