/*
 * query.c -- MySQL statements for the sampler and for check.
 *
 * Everything is written left to right with one ? per value, so the text
 * never depends on sql_mode: identifiers in backticks, CONCAT_WS() rather
 * than ||, no string escapes.  Key sets go as IN (?, ...) lists, chunked
 * under the placeholder limit and max_allowed_packet, or as one JSON
 * array (among()); a JSON list column is searched as text (a superset
 * the sampler reads and matches, so that no value can fail the
 * statement) and, for check, expanded with JSON_EXTRACT over positions,
 * which MySQL 5.7 has too.  Comparisons follow the columns' collations,
 * as the Django application's lookups do.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "my.h"

/* Prepared statements take 65,535 placeholders; stay well under. */
#define MAX_PARAMS	30000

/* ---- expressions */

/* A JSON list column as a JSON array, or NULL for anything else. */
static void
json_array(struct buf *b, const char *alias, const char *column)
{
	buf_puts(b, "(CASE WHEN JSON_VALID(");
	myq_column(b, alias, column);
	buf_puts(b, ") THEN CASE WHEN JSON_TYPE(");
	myq_column(b, alias, column);
	buf_puts(b, ") = 'ARRAY' THEN ");
	myq_column(b, alias, column);
	buf_puts(b, " END END)");
}

/* A scalar term (column, concat(), map()) of alias. */
static void
scalar(struct myq *q, const struct mdg_term *t, const char *alias)
{
	struct buf	*b = &q->sql;
	size_t		 i;

	switch (t->kind) {
	case MDG_TERM_CONCAT:
		/* CONCAT_WS skips NULLs, as PostgreSQL's concat() does. */
		buf_puts(b, "CONCAT_WS(''");
		for (i = 0; i < t->nparts; i++) {
			buf_puts(b, ", ");
			if (t->literal[i])
				myq_param(q, t->parts[i]);
			else
				myq_column(b, alias, t->parts[i]);
		}
		buf_putc(b, ')');
		break;
	case MDG_TERM_MAP:
		buf_puts(b, "(CASE ");
		myq_column(b, alias, t->parts[0]);
		for (i = 1; i + 1 < t->nparts; i += 2) {
			buf_puts(b, " WHEN ");
			myq_param(q, t->parts[i]);
			buf_puts(b, " THEN ");
			myq_param(q, t->parts[i + 1]);
		}
		buf_puts(b, " END)");
		break;
	default:
		myq_column(b, alias, t->parts[0]);
		break;
	}
}

static void
value_list(struct myq *q, char *const *vals, size_t n)
{
	size_t i;

	buf_putc(&q->sql, '(');
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_puts(&q->sql, ", ");
		myq_param(q, vals[i]);
	}
	buf_putc(&q->sql, ')');
}

/* The condition that term t of alias c takes one of the values. */
static void
term_among(struct myq *q, const struct mdg_term *t,
    char *const *vals, size_t nv)
{
	struct buf	*b = &q->sql;
	size_t		 i, j;

	switch (t->kind) {
	case MDG_TERM_ANY:
		buf_putc(b, '(');
		for (j = 0; j < t->nparts; j++) {
			buf_puts(b, j ? " OR " : "");
			myq_column(b, "c", t->parts[j]);
			buf_puts(b, " IN ");
			value_list(q, vals, nv);
		}
		buf_putc(b, ')');
		break;
	case MDG_TERM_ELEM:
		/*
		 * As on PostgreSQL, a superset read and matched by sample.c:
		 * rows whose text holds a value or a backslash (an escape).
		 */
		buf_puts(b, "(LOCATE(CHAR(92), CAST(");
		myq_column(b, "c", t->parts[0]);
		buf_puts(b, " AS CHAR)) > 0");
		for (i = 0; i < nv; i++) {
			buf_puts(b, " OR LOCATE(");
			myq_param(q, vals[i]);
			buf_puts(b, ", CAST(");
			myq_column(b, "c", t->parts[0]);
			buf_puts(b, " AS CHAR)) > 0");
		}
		buf_putc(b, ')');
		break;
	default:
		scalar(q, t, "c");
		buf_puts(b, " IN ");
		value_list(q, vals, nv);
		break;
	}
}

/* From this many values on, a plain column's go as one JSON array. */
#define JSON_SET_MIN	64
/* ... when the table holds fewer than this many rows per value. */
#define JSON_SET_RATIO	8

/*
 * The length of the UTF-8 character set's name a collation the catalog
 * gave begins with (utf8mb4_general_ci: 7), or 0 for any other or for a
 * name of other than letters, digits and _.
 */
static size_t
utf8_charset(const char *coll)
{
	size_t n = 0, i;

	if (strncmp(coll, "utf8mb4_", 8) == 0 ||
	    strncmp(coll, "utf8mb3_", 8) == 0)
		n = 7;
	else if (strncmp(coll, "utf8_", 5) == 0)
		n = 4;
	for (i = 0; n > 0 && coll[i] != '\0'; i++)
		if (!((coll[i] >= 'a' && coll[i] <= 'z') || (coll[i] >= '0' &&
		    coll[i] <= '9') || coll[i] == '_'))
			n = 0;
	return n;
}

/*
 * Term t of table tb's rows (c) among the values.  Where the server has
 * JSON_TABLE and t is a plain column with many values, they go as one
 * JSON array, one parameter the server reads at once: a 5,000-value list
 * of placeholders cost some 20 ms a statement even where no row
 * matched.  The values are compared in the column's own collation (its
 * UTF-8 character set converted to), so its index serves and equality
 * is the list's.  Not where the table is large beside the values: there
 * the join the server makes of the array costs more than the list's
 * ranges (125,000 of 1.5 M fields: 0.53 s against 0.36 s).  Anything
 * else takes term_among()'s list.
 */
static void
among(const struct my *my, struct myq *q, const struct db_table *tb,
    const struct mdg_term *t, char *const *vals, size_t nv)
{
	const struct db_column	*c = NULL;
	struct buf		*b = &q->sql, json;
	size_t			 i, len, longest = 1, ncs = 0;

	if (my->json_table && nv >= JSON_SET_MIN && t->kind == MDG_TERM_COLUMN &&
	    tb->rows >= 0 && (unsigned long long)tb->rows <
	    (unsigned long long)nv * JSON_SET_RATIO)
		c = db_table_column(tb, t->parts[0]);
	if (c != NULL && c->collation != NULL)
		ncs = utf8_charset(c->collation);
	for (i = 0; ncs > 0 && i < nv; i++)
		if ((len = strlen(vals[i])) > longest)
			longest = len;
	if (ncs == 0 || longest > 16000) {
		term_among(q, t, vals, nv);
		return;
	}
	buf_init(&json);
	buf_putc(&json, '[');
	for (i = 0; i < nv; i++) {
		if (i > 0)
			buf_putc(&json, ',');
		json_escape(&json, vals[i]);
	}
	buf_putc(&json, ']');
	myq_column(b, "c", t->parts[0]);
	buf_printf(b, " IN (SELECT CONVERT(j.v USING %.*s) COLLATE %s FROM "
	    "JSON_TABLE(", (int)ncs, c->collation, c->collation);
	myq_param_take(q, buf_detach(&json));
	buf_printf(b, ", '$[*]' COLUMNS (v VARCHAR(%zu) PATH '$')) j)",
	    longest);
}

/* Placeholders one value of term t takes. */
static size_t
term_cost(const struct mdg_term *t)
{
	return t->kind == MDG_TERM_ANY ? t->nparts : 1;
}

static void
column_list(struct buf *b, const char *alias, const char *const *cols,
    size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		buf_puts(b, i ? ", " : "");
		myq_column(b, alias, cols[i]);
	}
}

/* ---- fetch */

/* The partition of a capped fetch: the key tuple, and the tenant. */
static void
partition(struct myq *q, const struct db_fetch *f)
{
	size_t i;

	buf_puts(&q->sql, "PARTITION BY ");
	for (i = 0; i < f->key->nterms; i++) {
		buf_puts(&q->sql, i ? ", " : "");
		scalar(q, &f->key->terms[i], "c");
	}
	if (f->tenant_col != NULL) {
		buf_puts(&q->sql, ", ");
		myq_column(&q->sql, "c", f->tenant_col);
	}
}

/*
 * One statement of a fetch: term `split` takes only vals[split][from ..
 * from+n), the others all their values.
 */
static void
build_fetch(struct my *my, struct myq *q, const struct db_fetch *f,
    size_t split, size_t from, size_t n)
{
	struct buf	*b = &q->sql;
	char		 cap[32];
	size_t		 i;
	int		 window = f->cap > 0 && my->window;

	if (f->column != NULL) {
		buf_puts(b, "SELECT ");
		column_list(b, "c", f->cols, f->ncols);
		buf_puts(b, " FROM ");
		myq_table(b, f->schema, f->table->name);
		buf_puts(b, " c WHERE ");
		myq_column(b, "c", f->column);
		buf_puts(b, " = ");
		myq_param(q, f->value);
		if (f->tenant_col != NULL && f->ntenants > 0) {
			buf_puts(b, " AND ");
			myq_column(b, "c", f->tenant_col);
			buf_puts(b, " = ");
			myq_param(q, f->tenants[0]);
		}
		buf_puts(b, " ORDER BY ");
		column_list(b, "c", f->cols, f->norder);
		return;
	}

	buf_puts(b, "SELECT * FROM (SELECT ");
	column_list(b, "c", f->cols, f->ncols);
	if (window) {
		/* Cap each key tuple's rows; count them all. */
		buf_puts(b, ", ROW_NUMBER() OVER (");
		partition(q, f);
		buf_puts(b, " ORDER BY ");
		column_list(b, "c", f->cols, f->norder);
		buf_puts(b, ") AS mdg_rn, COUNT(*) OVER (");
		partition(q, f);
		buf_puts(b, ") AS mdg_total");
	}
	buf_puts(b, " FROM ");
	myq_table(b, f->schema, f->table->name);
	buf_puts(b, " c WHERE ");
	for (i = 0; i < f->key->nterms; i++) {
		buf_puts(b, i ? " AND " : "");
		if (i == split)
			among(my, q, f->table, &f->key->terms[i],
			    f->vals[i] + from, n);
		else
			among(my, q, f->table, &f->key->terms[i], f->vals[i],
			    f->nvals[i]);
	}
	if (f->tenant_col != NULL) {
		buf_puts(b, " AND (");
		myq_column(b, "c", f->tenant_col);
		buf_puts(b, " IS NULL");
		if (f->ntenants > 0) {
			buf_puts(b, " OR ");
			myq_column(b, "c", f->tenant_col);
			buf_puts(b, " IN ");
			value_list(q, f->tenants, f->ntenants);
		}
		buf_puts(b, ")");
	}
	buf_puts(b, ") x");
	if (window) {
		snprintf(cap, sizeof cap, "%d", f->cap);
		buf_puts(b, " WHERE mdg_rn <= ");
		myq_param(q, cap);
	}
	buf_puts(b, " ORDER BY ");
	for (i = 0; i < f->norder; i++)
		buf_printf(b, "%s%zu", i ? ", " : "", i + 1);
}

struct fetch_ctx {
	const struct db_fetch	*f;
	db_row_fn		 fn;
	void			*arg;
	int			 window;
	struct hmap		*seen;		/* chunked: rows already passed */
	struct buf		 key;
};

static int
fetch_row(void *arg, const char *const *cols, unsigned int n)
{
	struct fetch_ctx	*x = arg;
	long long		 total = -1;
	size_t			 i;

	if (x->window && n > x->f->ncols + 1)
		total = cols[x->f->ncols + 1] ?
		    strtoll(cols[x->f->ncols + 1], NULL, 10) : -1;
	if (x->seen != NULL) {
		/* An any() or elem() row can match values in two chunks. */
		buf_reset(&x->key);
		for (i = 0; i < x->f->ncols; i++)
			buf_printf(&x->key, "%c%s", cols[i] ? '\x1f' : '\x1e',
			    cols[i] ? cols[i] : "");
		if (hmap_get(x->seen, x->key.data) != NULL)
			return 0;
		hmap_add(x->seen, x->key.data, 0);
	}
	return x->fn(x->arg, cols, total);
}

/* Bytes the values of a term would take in a statement. */
static size_t
term_bytes(char *const *vals, size_t n)
{
	size_t i, sum = 0;

	for (i = 0; i < n; i++)
		sum += strlen(vals[i]) + 16;
	return sum;
}

int
my_fetch(struct db *db, const struct db_fetch *f, db_row_fn fn, void *arg,
    char **cause)
{
	struct my		*my = MY(db);
	struct fetch_ctx	 x;
	struct hmap		 seen;
	struct myq		 q;
	size_t			 split = 0, fixed = 0, budget, bytes, per, from,
				 n, i;
	int			 rc = 0;

	memset(&x, 0, sizeof x);
	x.f = f;
	x.fn = fn;
	x.arg = arg;
	x.window = f->cap > 0 && my->window && f->column == NULL;
	buf_init(&x.key);
	if (f->column != NULL) {
		myq_init(&q);
		build_fetch(my, &q, f, 0, 0, 0);
		rc = my_query(my, q.sql.data, q.params, q.np, fetch_row, &x,
		    cause);
		myq_free(&q);
		buf_free(&x.key);
		return rc;
	}

	/* Split the term with the most placeholders, if need be. */
	for (i = 0; i < f->key->nterms; i++) {
		if (f->nvals[i] * term_cost(&f->key->terms[i]) >
		    f->nvals[split] * term_cost(&f->key->terms[split]))
			split = i;
	}
	for (i = 0; i < f->key->nterms; i++)
		if (i != split)
			fixed += f->nvals[i] * term_cost(&f->key->terms[i]);
	fixed += f->ntenants + 16;
	budget = MAX_PARAMS > fixed ? MAX_PARAMS - fixed : 1;
	per = budget / term_cost(&f->key->terms[split]);
	bytes = term_bytes(f->vals[split], f->nvals[split]) *
	    term_cost(&f->key->terms[split]);
	if (my->max_packet > 0 && bytes > my->max_packet / 4) {
		/* Keep each statement under a quarter of the packet. */
		n = bytes / (my->max_packet / 4) + 1;
		if (f->nvals[split] / n < per)
			per = f->nvals[split] / n;
	}
	if (per == 0)
		per = 1;
	if (per < f->nvals[split] && (f->key->terms[split].kind ==
	    MDG_TERM_ANY || f->key->terms[split].kind == MDG_TERM_ELEM)) {
		hmap_init(&seen, 1024);
		x.seen = &seen;
	}
	for (from = 0; from < f->nvals[split] && rc == 0; from += per) {
		n = f->nvals[split] - from < per ? f->nvals[split] - from : per;
		myq_init(&q);
		build_fetch(my, &q, f, split, from, n);
		rc = my_query(my, q.sql.data, q.params, q.np, fetch_row, &x,
		    cause);
		myq_free(&q);
	}
	if (x.seen != NULL)
		hmap_free(&seen);
	buf_free(&x.key);
	return rc;
}

/* ---- check */

/* Positions 0 .. 1023, for expanding a JSON list without JSON_TABLE. */
static void
positions(struct buf *b)
{
	int i, half;

	buf_puts(b, "(SELECT a.i * 32 + b.i AS i FROM ");
	for (half = 0; half < 2; half++) {
		buf_puts(b, half ? " CROSS JOIN " : "");
		buf_puts(b, "(SELECT 0 AS i");
		for (i = 1; i < 32; i++)
			buf_printf(b, " UNION ALL SELECT %d", i);
		buf_printf(b, ") %c", half ? 'b' : 'a');
	}
	buf_putc(b, ')');
}

/* Element n.i of a JSON list column, as text; NULL for a JSON null. */
static void
json_element(struct buf *b, const char *alias, const char *column,
    const char *pos)
{
	buf_puts(b, "CASE WHEN JSON_TYPE(JSON_EXTRACT(");
	json_array(b, alias, column);
	buf_printf(b, ", CONCAT('$[', %s, ']'))) <> 'NULL' THEN "
	    "JSON_UNQUOTE(JSON_EXTRACT(", pos);
	json_array(b, alias, column);
	buf_printf(b, ", CONCAT('$[', %s, ']'))) END", pos);
}

/* The first primary key column of a table, or NULL. */
static const char *
pk_column(const struct db_table *t)
{
	size_t i;

	for (i = 0; i < t->ncols; i++)
		if (t->cols[i].pk)
			return t->cols[i].name;
	return NULL;
}

/*
 * The rows of `me` as a derived table s: the row's identity (its primary
 * key), each key term's value k<i> (and position p<i> for any() and
 * elem(), one row per column or element), and its tenant.
 */
static void
side_rows(struct myq *q, const struct db_side *qs)
{
	struct buf		*b = &q->sql;
	const struct mdg_term	*t;
	size_t			 i, j, npk = 0;
	char			 pos[32];

	buf_puts(b, "(SELECT ");
	for (i = 0; i < qs->me->ncols; i++) {
		if (!qs->me->cols[i].pk)
			continue;
		myq_column(b, "s0", qs->me->cols[i].name);
		buf_printf(b, " AS mdg_id%zu, ", npk++);
	}
	for (i = 0; i < qs->mk->nterms; i++) {
		t = &qs->mk->terms[i];
		snprintf(pos, sizeof pos, "s_k%zu.i", i);
		if (t->kind == MDG_TERM_ANY) {
			buf_printf(b, "%s AS p%zu, CASE %s", pos, i, pos);
			for (j = 0; j < t->nparts; j++) {
				buf_printf(b, " WHEN %zu THEN ", j);
				myq_column(b, "s0", t->parts[j]);
			}
			buf_printf(b, " END AS k%zu, ", i);
		} else if (t->kind == MDG_TERM_ELEM) {
			buf_printf(b, "%s AS p%zu, ", pos, i);
			json_element(b, "s0", t->parts[0], pos);
			buf_printf(b, " AS k%zu, ", i);
		} else {
			scalar(q, t, "s0");
			buf_printf(b, " AS k%zu, ", i);
		}
	}
	if (qs->tenant)
		myq_column(b, "s0", "bk_tenant_id");
	else
		buf_puts(b, "NULL");
	buf_puts(b, " AS mdg_tenant FROM ");
	myq_table(b, qs->schema, qs->me->name);
	buf_puts(b, " s0");
	for (i = 0; i < qs->mk->nterms; i++) {
		t = &qs->mk->terms[i];
		if (t->kind == MDG_TERM_ANY) {
			buf_puts(b, " CROSS JOIN (SELECT 0 AS i");
			for (j = 1; j < t->nparts; j++)
				buf_printf(b, " UNION ALL SELECT %zu", j);
			buf_printf(b, ") s_k%zu", i);
		} else if (t->kind == MDG_TERM_ELEM) {
			buf_puts(b, " CROSS JOIN ");
			positions(b);
			buf_printf(b, " s_k%zu", i);
		}
	}
	for (i = 0, j = 0; i < qs->mk->nterms; i++) {
		t = &qs->mk->terms[i];
		if (t->kind != MDG_TERM_ELEM)
			continue;
		buf_puts(b, j++ ? " AND " : " WHERE ");
		buf_printf(b, "s_k%zu.i < JSON_LENGTH(", i);
		json_array(b, "s0", t->parts[0]);
		buf_puts(b, ")");
	}
	buf_puts(b, ") s");
}

/* The condition that a row p of the other side matches s's keys. */
static void
side_match(struct myq *q, const struct db_side *qs)
{
	struct buf		*b = &q->sql;
	const struct mdg_term	*t;
	size_t			 i, j;

	for (i = 0; i < qs->ok->nterms && i < qs->mk->nterms; i++) {
		t = &qs->ok->terms[i];
		buf_puts(b, i ? " AND " : "");
		switch (t->kind) {
		case MDG_TERM_ANY:
			buf_printf(b, "s.k%zu IN (", i);
			for (j = 0; j < t->nparts; j++) {
				buf_puts(b, j ? ", " : "");
				myq_column(b, "p", t->parts[j]);
			}
			buf_putc(b, ')');
			break;
		case MDG_TERM_ELEM:
			buf_puts(b, "JSON_CONTAINS(");
			json_array(b, "p", t->parts[0]);
			buf_printf(b, ", JSON_QUOTE(CAST(s.k%zu AS CHAR)))", i);
			break;
		default:
			scalar(q, t, "p");
			buf_printf(b, " = s.k%zu", i);
			break;
		}
	}
}

/* What counts a partner: the other side's primary key, else its keys. */
static void
partner(struct myq *q, const struct db_side *qs)
{
	struct buf		*b = &q->sql;
	const char		*pk = pk_column(qs->other);
	const struct mdg_term	*t;
	size_t			 i, j, n = 0;

	if (pk != NULL) {
		buf_puts(b, "COUNT(");
		myq_column(b, "p", pk);
		buf_putc(b, ')');
		return;
	}
	buf_puts(b, "COUNT(COALESCE(");
	for (i = 0; i < qs->ok->nterms; i++) {
		t = &qs->ok->terms[i];
		for (j = 0; j < t->nparts; j++) {
			if (t->literal[j])
				continue;
			buf_puts(b, n++ ? ", " : "");
			myq_column(b, "p", t->parts[j]);
		}
	}
	buf_puts(b, "))");
}

struct check_ctx {
	size_t		 nkeys;
	int		 grouped;	/* a column m: the rows it answers for */
	db_pair_fn	 fn;
	void		*arg;
};

static int
check_row(void *arg, const char *const *cols, unsigned int n)
{
	struct check_ctx	*x = arg;
	long long		 partners = strtoll(cols[x->nkeys], NULL, 10);
	long long		 m = x->grouped ?
				    strtoll(cols[x->nkeys + 1], NULL, 10) : 1;
	int			 rc = 0;

	(void)n;
	while (m-- > 0 && rc == 0)
		rc = x->fn(x->arg, cols, partners);
	return rc;
}

/* Is the first column of the other side's key led by no declared key? */
static int
unindexed(const struct db_side *qs)
{
	const struct mdg_term	*t = &qs->ok->terms[0];
	size_t			 i;

	if (t->kind != MDG_TERM_COLUMN)
		return 0;
	for (i = 0; i < qs->other->ncons; i++)
		if (qs->other->cons[i].ncols > 0 &&
		    str_eq(qs->other->cons[i].cols[0], t->parts[0]))
			return 0;
	return 1;
}

/*
 * check's question, in one pass: each set key of `me` (s) left-joined to
 * the rows of `other` (p) it matches, grouped per row, the partners
 * counted; only the counts asked for come back.  Where every term is one
 * value per row, the rows are first grouped by key and tenant, all a
 * partner depends on: the join runs once per distinct key (60,000
 * result tables), not once per row (1.5 M fields), and each group
 * answers for its m rows.  Rows a declared key makes distinct already
 * are not grouped.
 */
static int
check_one(struct db *db, const struct db_side *qs, db_pair_fn fn, void *arg,
    char **cause)
{
	struct my		*my = MY(db);
	struct check_ctx	 x;
	struct myq		 q;
	struct buf		*b = &q.sql;
	size_t			 i, k = qs->mk->nterms, npk = 0;
	int			 rc, grouped = !qs->distinct;

	for (i = 0; i < k; i++)
		if (qs->mk->terms[i].kind == MDG_TERM_ANY ||
		    qs->mk->terms[i].kind == MDG_TERM_ELEM)
			grouped = 0;
	myq_init(&q);
	/*
	 * MariaDB joins on a column no key leads by a block nested loop
	 * unless hashed joins are allowed for the statement (60,000 result
	 * tables against 20,000 time series groups: past any timeout, and
	 * 1.4 s hashed); where an index exists its lookups are faster.
	 * MySQL 8 hashes such joins by itself.
	 */
	if (my->mariadb && my->version >= 100102 && unindexed(qs))
		buf_puts(b, "SET STATEMENT join_cache_level = 4 FOR ");
	buf_puts(b, "SELECT ");
	for (i = 0; i < k; i++)
		buf_printf(b, "s.k%zu, ", i);
	partner(&q, qs);
	buf_puts(b, grouped ? " AS n, s.m FROM " : " AS n FROM ");
	if (grouped) {
		buf_puts(b, "(SELECT ");
		for (i = 0; i < k; i++)
			buf_printf(b, "s.k%zu, ", i);
		buf_puts(b, "s.mdg_tenant, COUNT(*) AS m FROM ");
	}
	side_rows(&q, qs);
	if (grouped) {
		buf_puts(b, " WHERE ");
		for (i = 0; i < k; i++)
			buf_printf(b, "%sNULLIF(NULLIF(s.k%zu, ''), '0') IS NOT "
			    "NULL", i ? " AND " : "", i);
		buf_puts(b, " GROUP BY ");
		for (i = 0; i < k; i++)
			buf_printf(b, "s.k%zu, ", i);
		buf_puts(b, "s.mdg_tenant) s");
	}
	buf_puts(b, " LEFT JOIN ");
	myq_table(b, qs->schema, qs->other->name);
	buf_puts(b, " p ON ");
	side_match(&q, qs);
	if (qs->tenant)
		buf_puts(b, " AND (p.`bk_tenant_id` IS NULL OR s.mdg_tenant IS "
		    "NULL OR p.`bk_tenant_id` = s.mdg_tenant)");
	if (!grouped) {
		buf_puts(b, " WHERE ");
		for (i = 0; i < k; i++)
			buf_printf(b, "%sNULLIF(NULLIF(s.k%zu, ''), '0') IS "
			    "NOT NULL", i ? " AND " : "", i);
	}
	buf_puts(b, " GROUP BY ");
	if (grouped) {
		for (i = 0; i < k; i++)
			buf_printf(b, "s.k%zu, ", i);
		buf_puts(b, "s.mdg_tenant, s.m");
	} else {
		for (i = 0; i < qs->me->ncols; i++)
			if (qs->me->cols[i].pk)
				buf_printf(b, "s.mdg_id%zu, ", npk++);
		for (i = 0; i < k; i++) {
			if (qs->mk->terms[i].kind == MDG_TERM_ANY ||
			    qs->mk->terms[i].kind == MDG_TERM_ELEM)
				buf_printf(b, "s.p%zu, ", i);
			buf_printf(b, "s.k%zu%s", i, i + 1 < k ? ", " : "");
		}
	}
	buf_printf(b, " HAVING %s%s%s", qs->orphans ? "n = 0" : "",
	    qs->orphans && qs->breaches ? " OR " : "",
	    qs->breaches ? "n > 1" : "");
	x.nkeys = k;
	x.grouped = grouped;
	x.fn = fn;
	x.arg = arg;
	rc = my_query(my, q.sql.data, q.params, q.np, check_row, &x, cause);
	myq_free(&q);
	return rc;
}

/* One question after another: MySQL cannot share a snapshot. */
int
my_check(struct db *db, const struct db_side *qs, size_t n, db_pair_fn fn,
    void *const *args, size_t *failed, char **cause)
{
	size_t	i;
	int	rc = 0;

	for (i = 0; i < n && rc == 0; i++)
		if ((rc = check_one(db, &qs[i], fn, args[i], cause)) != 0)
			*failed = i;
	return rc;
}
