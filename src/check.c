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

#include <stdlib.h>
#include <string.h>

#include "backend.h"
#include "check.h"

#define EXAMPLES	5

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

/* One question about the rows of one side of r: orphans or breaches. */
static int
ask(struct db *db, const struct db_schema *s, const struct mdg_rel *r,
    int me_left, int breach, struct findings *f, char **cause)
{
	const struct mdg_entity	*me = me_left ? r->left : r->right;
	const struct mdg_entity	*other = me_left ? r->right : r->left;
	struct db_side		 q;
	struct db_answer	 a;
	struct finding		*x;
	struct buf		 ex;
	char			*why = NULL;
	size_t			 i, row, k;

	memset(&q, 0, sizeof q);
	q.schema = s->name;
	q.me = db_entity_table(s, me);
	q.other = db_entity_table(s, other);
	q.mk = me_left ? &r->lkey : &r->rkey;
	q.ok = me_left ? &r->rkey : &r->lkey;
	q.tenant = r->tenant == MDG_TENANT_AUTO && has_tenant(s, me) &&
	    has_tenant(s, other);
	q.breach = breach;
	q.limit = EXAMPLES;
	if (db_check(db, &q, &a, &why) != 0) {
		*cause = xasprintf("checking %s %s %s: %s", r->left->name,
		    r->label, r->right->name, why);
		free(why);
		return -1;
	}
	k = q.mk->nterms;
	if (a.nex > 0) {
		x = add(f, breach ? FIND_BREACH : FIND_ORPHAN);
		x->rel = r;
		x->entity = xstrdup(me->name);
		x->table = xstrdup(me->table);
		x->partner = xstrdup(other->name);
		x->count = a.count;
		buf_init(&ex);
		for (row = 0; row < a.nex; row++) {
			if (row > 0)
				buf_puts(&ex, "; ");
			for (i = 0; i < k; i++) {
				const struct mdg_term *t = &q.mk->terms[i];

				buf_printf(&ex, "%s%s=%s", i ? " " : "",
				    t->kind == MDG_TERM_COLUMN ? t->parts[0] :
				    "key", a.ex[row * k + i]);
			}
			if (breach)
				buf_printf(&ex, " (%lld rows)", a.exn[row]);
		}
		x->examples = buf_detach(&ex);
	}
	db_answer_free(&a, k);
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
			rc = ask(db, s, r, 0, 0, f, cause);
		if (rc == 0 && rmust)
			rc = ask(db, s, r, 1, 0, f, cause);
		if (rc == 0 && lone)
			rc = ask(db, s, r, 0, 1, f, cause);
		if (rc == 0 && rone)
			rc = ask(db, s, r, 1, 1, f, cause);
	}
	view_free(v);
	return rc;
}
