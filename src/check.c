/*
 * check.c -- drift and relation health.
 *
 * Relation health asks, for each relation A lc--rc B, with one set-based
 * query per question:
 *   lc is || or }|  -> every B row has an A partner (else B orphans);
 *   rc is || or |{  -> every A row has a B partner (else A orphans);
 *   lc is || or |o  -> no B row matches two A rows (else a breach);
 *   rc is || or o|  -> no A row matches two B rows (else a breach).
 * A key that is NULL, '' or 0 means "unset" and is not asked about.
 */
#include "config.h"

#include <string.h>

#include "check.h"
#include "emit.h"
#include "json.h"
#include "sql.h"

#define EXAMPLES	5

static const char *kind_names[] = {
	"missing-table", "missing-column", "unclassified", "unreadable",
	"orphan", "breach",
};

static struct finding *
add(struct findings *f, enum finding_kind kind)
{
	struct finding x;

	memset(&x, 0, sizeof x);
	x.kind = kind;
	VEC_PUSH(f->list, f->n, f->cap, x);
	return &f->list[f->n - 1];
}

void
findings_free(struct findings *f)
{
	size_t i;

	for (i = 0; i < f->n; i++) {
		free(f->list[i].entity);
		free(f->list[i].table);
		free(f->list[i].column);
		free(f->list[i].partner);
		free(f->list[i].examples);
	}
	free(f->list);
	memset(f, 0, sizeof *f);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

size_t
unclassified_tables(const struct mdg_model *m, const struct db_schema *s,
    const char ***out)
{
	const char	**list = NULL;
	const char	 *name;
	size_t		  i, j, n = 0, cap = 0;
	int		  known;

	for (i = 0; i < s->ntables; i++) {
		name = s->tables[i].name;
		if (strncmp(name, m->prefix, strlen(m->prefix)) != 0)
			continue;
		for (known = 0, j = 0; j < m->nentities && !known; j++)
			known = m->entities[j]->table != NULL &&
			    str_eq(m->entities[j]->table, name);
		if (!known)
			VEC_PUSH(list, n, cap, name);
	}
	if (n > 1)
		qsort(list, n, sizeof *list, cmp_str);
	*out = list;
	return n;
}

/* Every column a key of the model names. */
static void
key_columns(const struct mdg_key *k, const char ***cols, size_t *n,
    size_t *cap)
{
	size_t t, p;

	for (t = 0; t < k->nterms; t++)
		for (p = 0; p < k->terms[t].nparts; p++)
			if (!k->terms[t].literal[p])
				VEC_PUSH(*cols, *n, *cap,
				    (const char *)k->terms[t].parts[p]);
}

static void
drift(const struct mdg_model *m, const struct mdg_view *v,
    const struct db_schema *s, struct findings *f)
{
	const struct mdg_view_entity	*ve;
	const struct db_table		*t;
	const struct mdg_rel		*r;
	const char			**cols = NULL, **unc;
	struct finding			*x;
	size_t				 i, j, k, n, cap = 0;
	int				 seen;

	for (i = 0; i < m->nentities; i++) {
		const struct mdg_entity *e = m->entities[i];

		if (e->table == NULL)
			continue;	/* abstract */
		if ((t = db_schema_table(s, e->table)) == NULL) {
			x = add(f, FIND_MISSING_TABLE);
			x->entity = xstrdup(e->name);
			x->table = xstrdup(e->table);
		} else if (!t->readable) {
			x = add(f, FIND_UNREADABLE);
			x->entity = xstrdup(e->name);
			x->table = xstrdup(e->table);
		}
	}
	for (i = 0; i < v->nents; i++) {
		ve = &v->ents[i];
		if ((t = db_entity_table(s, ve->entity)) == NULL)
			continue;
		n = 0;
		for (j = 0; j < ve->nattrs; j++)
			VEC_PUSH(cols, n, cap, (const char *)ve->attrs[j].name);
		for (j = 0; j < v->nrels; j++) {
			r = v->rels[j];
			if (r->left == ve->entity)
				key_columns(&r->lkey, &cols, &n, &cap);
			if (r->right == ve->entity)
				key_columns(&r->rkey, &cols, &n, &cap);
		}
		for (j = 0; j < n; j++) {
			for (seen = 0, k = 0; k < j && !seen; k++)
				seen = str_eq(cols[k], cols[j]);
			if (seen || db_table_column(t, cols[j]) != NULL)
				continue;
			x = add(f, FIND_MISSING_COLUMN);
			x->entity = xstrdup(ve->entity->name);
			x->table = xstrdup(t->name);
			x->column = xstrdup(cols[j]);
		}
	}
	free(cols);
	n = unclassified_tables(m, s, &unc);
	for (i = 0; i < n; i++) {
		x = add(f, FIND_UNCLASSIFIED);
		x->table = xstrdup(unc[i]);
	}
	free(unc);
}

/* Can this side be asked about: table readable, every key column there? */
static int
side_ok(const struct db_schema *s, const struct mdg_entity *e,
    const struct mdg_key *k)
{
	const struct db_table	*t = db_entity_table(s, e);
	size_t			 i, p;

	if (t == NULL || !t->readable)
		return 0;
	for (i = 0; i < k->nterms; i++)
		for (p = 0; p < k->terms[i].nparts; p++)
			if (!k->terms[i].literal[p] &&
			    db_table_column(t, k->terms[i].parts[p]) == NULL)
				return 0;
	return 1;
}

static int
has_tenant(const struct db_schema *s, const struct mdg_entity *e)
{
	const struct db_table *t = db_entity_table(s, e);

	return t != NULL && db_table_column(t, "bk_tenant_id") != NULL;
}

/*
 * One question about rows of side `me` (key mk, alias s) against the
 * other side (key ok, alias p): orphans (breach 0) or breaches.
 */
static int
ask(struct db *db, const struct mdg_model *m, const struct db_schema *s,
    const struct mdg_rel *r, int me_left, int breach, struct findings *f,
    char **cause)
{
	const struct mdg_entity	*me = me_left ? r->left : r->right;
	const struct mdg_entity	*other = me_left ? r->right : r->left;
	const struct mdg_key	*mk = me_left ? &r->lkey : &r->rkey;
	const struct mdg_key	*ok = me_left ? &r->rkey : &r->lkey;
	struct sql_side		 side;
	struct finding		*x;
	struct buf		 sql, ex;
	PGresult		*res;
	char			*tme, *tother, *why = NULL, *c1, *c2;
	size_t			 i;
	int			 row, tenant;

	tme = sql_table(db, m->schema, me->table);
	tother = sql_table(db, m->schema, other->table);
	tenant = r->tenant == MDG_TENANT_AUTO && has_tenant(s, me) &&
	    has_tenant(s, other);
	sql_side_build(&side, db, mk, "s");
	buf_init(&sql);
	buf_puts(&sql, "SELECT ");
	for (i = 0; i < side.nkeys; i++)
		buf_printf(&sql, "k%zu, ", i);
	buf_puts(&sql, "n, pg_catalog.count(*) OVER () FROM (SELECT ");
	for (i = 0; i < side.nkeys; i++)
		buf_printf(&sql, "(%s)::pg_catalog.text AS k%zu, ",
		    side.keys[i], i);
	buf_printf(&sql, "(SELECT pg_catalog.count(*) FROM %s p WHERE ",
	    tother);
	sql_match(&sql, db, ok, "p", side.keys, side.nkeys);
	if (tenant) {
		c1 = sql_column(db, "p", "bk_tenant_id");
		c2 = sql_column(db, "s", "bk_tenant_id");
		buf_printf(&sql, " AND (%s IS NULL OR %s IS NULL OR %s = %s)",
		    c1, c2, c1, c2);
		free(c1);
		free(c2);
	}
	buf_printf(&sql, ") AS n FROM %s s%s WHERE ", tme, side.from.data ?
	    side.from.data : "");
	sql_keys_set(&sql, &side);
	buf_printf(&sql, ") x WHERE n %s ORDER BY ", breach ? "> 1" : "= 0");
	for (i = 0; i < side.nkeys; i++)
		buf_printf(&sql, "%sk%zu", i ? ", " : "", i);
	buf_printf(&sql, " LIMIT %d", EXAMPLES);

	res = db_exec(db, sql.data, 0, NULL, &why);
	buf_free(&sql);
	free(tme);
	free(tother);
	if (res == NULL) {
		*cause = xasprintf("checking %s %s %s: %s", r->left->name,
		    r->label, r->right->name, why);
		free(why);
		sql_side_free(&side);
		return -1;
	}
	if (PQntuples(res) > 0) {
		x = add(f, breach ? FIND_BREACH : FIND_ORPHAN);
		x->rel = r;
		x->entity = xstrdup(me->name);
		x->table = xstrdup(me->table);
		x->partner = xstrdup(other->name);
		x->count = strtoll(PQgetvalue(res, 0, (int)side.nkeys + 1),
		    NULL, 10);
		buf_init(&ex);
		for (row = 0; row < PQntuples(res); row++) {
			if (row > 0)
				buf_puts(&ex, "; ");
			for (i = 0; i < side.nkeys; i++) {
				const struct mdg_term *t = &mk->terms[i];

				buf_printf(&ex, "%s%s=%s", i ? " " : "",
				    t->kind == MDG_TERM_COLUMN ? t->parts[0] :
				    "key", PQgetvalue(res, row, (int)i));
			}
			if (breach)
				buf_printf(&ex, " (%s rows)",
				    PQgetvalue(res, row, (int)side.nkeys));
		}
		x->examples = buf_detach(&ex);
	}
	PQclear(res);
	sql_side_free(&side);
	return 0;
}

int
check_run(struct db *db, const struct mdg_model *m,
    const struct db_schema *s, struct findings *f, char **cause)
{
	struct mdg_view		*v = view_new(m, NULL);
	const struct mdg_rel	*r;
	size_t			 i;
	int			 rc = 0, lmust, rmust, lone, rone;

	memset(f, 0, sizeof *f);
	drift(m, v, s, f);
	for (i = 0; i < v->nrels && rc == 0; i++) {
		r = v->rels[i];
		if (!side_ok(s, r->left, &r->lkey) ||
		    !side_ok(s, r->right, &r->rkey))
			continue;	/* drift said why */
		f->relations++;
		lmust = r->lcard == MDG_CARD_ONE || r->lcard == MDG_CARD_ONE_MANY;
		rmust = r->rcard == MDG_CARD_ONE || r->rcard == MDG_CARD_ONE_MANY;
		lone = r->lcard == MDG_CARD_ONE || r->lcard == MDG_CARD_ZERO_ONE;
		rone = r->rcard == MDG_CARD_ONE || r->rcard == MDG_CARD_ZERO_ONE;
		if (lmust)
			rc = ask(db, m, s, r, 0, 0, f, cause);
		if (rc == 0 && rmust)
			rc = ask(db, m, s, r, 1, 0, f, cause);
		if (rc == 0 && lone)
			rc = ask(db, m, s, r, 0, 1, f, cause);
		if (rc == 0 && rone)
			rc = ask(db, m, s, r, 1, 1, f, cause);
	}
	view_free(v);
	return rc;
}

static void
rel_text(struct buf *b, const struct mdg_rel *r)
{
	buf_printf(b, "%s %s--%s %s \"%s\"", r->left->name,
	    card_mermaid(r->lcard, 0), card_mermaid(r->rcard, 1),
	    r->right->name, r->label);
}

/* What a finding says, in words. */
static void
finding_text(struct buf *b, const struct finding *x)
{
	switch (x->kind) {
	case FIND_MISSING_TABLE:
		buf_printf(b, "%s: no table %s", x->entity, x->table);
		break;
	case FIND_MISSING_COLUMN:
		buf_printf(b, "%s: no column %s.%s", x->entity, x->table,
		    x->column);
		break;
	case FIND_UNCLASSIFIED:
		buf_printf(b, "%s: no chain or list names it", x->table);
		break;
	case FIND_UNREADABLE:
		buf_printf(b, "%s: no SELECT privilege on %s, not checked",
		    x->entity, x->table);
		break;
	case FIND_ORPHAN:
		buf_printf(b, "%lld %s row%s with no %s: ", x->count,
		    x->entity, x->count == 1 ? "" : "s", x->partner);
		buf_puts(b, x->examples);
		buf_puts(b, " -- ");
		rel_text(b, x->rel);
		break;
	case FIND_BREACH:
		buf_printf(b, "%lld %s row%s matching several %s: ", x->count,
		    x->entity, x->count == 1 ? "" : "s", x->partner);
		buf_puts(b, x->examples);
		buf_puts(b, " -- ");
		rel_text(b, x->rel);
		break;
	}
}

void
check_text(struct buf *b, const struct findings *f,
    const struct db_schema *s)
{
	struct buf	line;
	size_t		i;

	buf_init(&line);
	for (i = 0; i < f->n; i++) {
		buf_reset(&line);
		finding_text(&line, &f->list[i]);
		/* One finding a line, whatever the data holds. */
		for (char *p = line.data; *p != '\0'; p++)
			if (*p == '\n' || *p == '\r' || *p == '\t')
				*p = ' ';
		buf_printf(b, "%-15s %s\n", kind_names[f->list[i].kind],
		    line.data);
	}
	buf_free(&line);
	buf_printf(b, "%zu finding%s in schema %s: %zu tables, %zu relations "
	    "checked\n", f->n, f->n == 1 ? "" : "s", s->name, s->ntables,
	    f->relations);
}

void
check_json(struct buf *b, const struct findings *f,
    const struct db_schema *s)
{
	const struct finding	*x;
	struct json		 j;
	struct buf		 t;
	size_t			 i;

	json_init(&j, b);
	json_obj(&j);
	json_kstr(&j, "format", "mdgraph-check");
	json_kint(&j, "version", 1);
	json_kstr(&j, "schema", s->name);
	json_kint(&j, "tables", (long long)s->ntables);
	json_kint(&j, "relations_checked", (long long)f->relations);
	json_key(&j, "findings");
	json_arr(&j);
	buf_init(&t);
	for (i = 0; i < f->n; i++) {
		x = &f->list[i];
		json_obj(&j);
		json_kstr(&j, "kind", kind_names[x->kind]);
		json_kstr(&j, "entity", x->entity);
		json_kstr(&j, "table", x->table);
		if (x->column != NULL)
			json_kstr(&j, "column", x->column);
		if (x->rel != NULL) {
			buf_reset(&t);
			rel_text(&t, x->rel);
			json_kstr(&j, "relation", t.data);
			json_kstr(&j, "chain", x->rel->chain->name);
			json_kstr(&j, "partner", x->partner);
			json_kint(&j, "rows", x->count);
			json_kstr(&j, "examples", x->examples);
		}
		json_end_obj(&j);
	}
	buf_free(&t);
	json_end_arr(&j);
	json_end_obj(&j);
}
