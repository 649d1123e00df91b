/*
 * check.c -- drift and relation health.
 *
 * Relation health asks, for each relation A lc--rc B, with one set-based
 * statement per side (the rows of that side left-joined to the other's,
 * partners counted), these questions:
 *   lc is || or }|  -> every B row has an A partner (else B orphans);
 *   rc is || or |{  -> every A row has a B partner (else A orphans);
 *   lc is || or |o  -> no B row matches two A rows (else a breach);
 *   rc is || or o|  -> no A row matches two B rows (else a breach).
 * A key that is NULL, '' or 0 means "unset" and is not asked about.
 */
#include "config.h"

#include <ctype.h>

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
	free(f->instance);
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
drift(const struct db *db, const struct mdg_model *m,
    const struct mdg_view *v, const struct db_schema *s, struct findings *f)
{
	const struct mdg_view_entity	*ve;
	const struct db_table		*t;
	const struct mdg_rel		*r;
	const char			**cols = NULL, **unc;
	struct finding			*x;
	size_t				 i, j, k, n, cap = 0;
	int				 seen;

	/* Every table the model maps; of a few chains, theirs. */
	for (i = 0; i < (v->nchains ? v->nents : m->nentities); i++) {
		const struct mdg_entity *e = v->nchains ? v->ents[i].entity :
		    m->entities[i];

		if (e->table == NULL)
			continue;	/* abstract */
		if ((t = db_schema_table(s, e->table)) == NULL) {
			x = add(f, FIND_MISSING_TABLE);
			x->entity = xstrdup(e->name);
			x->table = xstrdup(e->table);
			if (db->absent_why != NULL)
				x->examples = xstrdup(db->absent_why);
		} else if (!t->readable) {
			x = add(f, FIND_UNREADABLE);
			x->entity = xstrdup(e->name);
			x->table = xstrdup(e->table);
			if (t->why != NULL)
				x->examples = xstrdup(t->why);
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
	if (v->nchains > 0)
		return;		/* a few chains say nothing of other tables */
	n = unclassified_tables(m, s, &unc);
	for (i = 0; i < n; i++) {
		x = add(f, FIND_UNCLASSIFIED);
		x->table = xstrdup(unc[i]);
	}
	free(unc);
}

/* Is this side of a join exactly these columns, in order? */
static int
key_is(const struct mdg_key *k, char *const *cols, size_t n)
{
	size_t i;

	if (k->nterms != n)
		return 0;
	for (i = 0; i < n; i++)
		if (k->terms[i].kind != MDG_TERM_COLUMN ||
		    !str_eq(k->terms[i].parts[0], cols[i]))
			return 0;
	return 1;
}

static const struct mdg_entity *
entity_of_table(const struct mdg_model *m, const char *table)
{
	size_t i;

	for (i = 0; i < m->nentities; i++)
		if (m->entities[i]->table != NULL &&
		    str_eq(m->entities[i]->table, table))
			return m->entities[i];
	return NULL;
}

static void
join_text(struct buf *b, const struct mdg_entity *e, char *const *cols,
    size_t n)
{
	size_t i;

	buf_printf(b, "%s.", e->name);
	for (i = 0; i < n; i++)
		buf_printf(b, "%s%s", i ? "+" : "", cols[i]);
}

/*
 * The declared foreign keys of the view's tables against the model's
 * relations (of every chain, the extra ones included): a key no relation
 * joins, or one the model joins to another table or column.
 */
static void
foreign_keys(const struct mdg_model *m, const struct mdg_view *v,
    const struct db_schema *s, struct findings *f)
{
	const struct db_table		*t;
	const struct db_constraint	*c;
	const struct mdg_entity		*e, *re;
	const struct mdg_rel		*r, *other;
	struct finding			*x;
	struct buf			 b;
	size_t				 i, j, ch, k;
	int				 found;

	/* Every table the model maps; of a few chains, theirs. */
	for (i = 0; i < (v->nchains ? v->nents : m->nentities); i++) {
		e = v->nchains ? v->ents[i].entity : m->entities[i];
		if (e->table == NULL || (t = db_schema_table(s, e->table)) == NULL)
			continue;
		for (j = 0; j < t->ncons; j++) {
			c = &t->cons[j];
			if (c->type != 'f' || c->reftable == NULL ||
			    (re = entity_of_table(m, c->reftable)) == NULL)
				continue;
			found = 0;
			other = NULL;
			for (ch = 0; ch < m->nchains && !found; ch++)
				for (k = 0; k < m->chains[ch]->nrels && !found;
				    k++) {
					r = m->chains[ch]->rels[k];
					if ((r->left == e && key_is(&r->lkey,
					    c->cols, c->ncols) && r->right == re &&
					    key_is(&r->rkey, c->refcols, c->ncols)) ||
					    (r->right == e && key_is(&r->rkey,
					    c->cols, c->ncols) && r->left == re &&
					    key_is(&r->lkey, c->refcols, c->ncols)))
						found = 1;
					else if (other == NULL && ((r->left == e &&
					    key_is(&r->lkey, c->cols, c->ncols)) ||
					    (r->right == e && key_is(&r->rkey,
					    c->cols, c->ncols))))
						other = r;
				}
			if (found)
				continue;
			buf_init(&b);
			join_text(&b, e, c->cols, c->ncols);
			buf_puts(&b, " references ");
			join_text(&b, re, c->refcols, c->ncols);
			buf_printf(&b, " (%s): ", c->name ? c->name : "unnamed");
			if (other != NULL)
				buf_printf(&b, "the model joins it to %s "
				    "(model line %d)", other->left == e ?
				    other->right->name : other->left->name,
				    other->line);
			else
				buf_puts(&b, "no relation of the model joins "
				    "them");
			x = add(f, FIND_FOREIGN_KEY);
			x->entity = xstrdup(e->name);
			x->table = xstrdup(t->name);
			x->examples = buf_detach(&b);
			x->count = 1;
		}
	}
}

int
finding_section(const struct finding *x)
{
	switch (x->kind) {
	case FIND_DOC_KEY:
	case FIND_DOC_COLUMN:
		return SEC_DOCUMENT;
	case FIND_CROSS_TENANT:
		return SEC_TENANTS;
	default:
		return SEC_FINDINGS;
	}
}

size_t
findings_counted(const struct findings *f)
{
	size_t i, n = 0;

	for (i = 0; i < f->n; i++)
		n += finding_section(&f->list[i]) == SEC_FINDINGS;
	return n;
}

/* The columns of a declared key, "(a, b)". */
static void
cons_text(struct buf *b, const struct db_constraint *c)
{
	size_t i;

	buf_putc(b, '(');
	for (i = 0; i < c->ncols; i++)
		buf_printf(b, "%s%s", i ? ", " : "", c->cols[i]);
	buf_putc(b, ')');
}

/* A PK or UK mark of the document's box against the table's keys. */
static void
doc_key(const struct mdg_entity *e, const struct mdg_attr *a,
    const struct db_table *t, const struct db_column *col, struct findings *f)
{
	const struct db_constraint	*c, *pk = NULL, *part = NULL;
	struct finding			*x;
	struct buf			 b;
	size_t				 i, k;
	int				 alone = 0;

	for (i = 0; i < t->ncons; i++) {
		c = &t->cons[i];
		if (c->type == 'p')
			pk = c;
		if (c->type != 'p' && c->type != 'u')
			continue;
		for (k = 0; k < c->ncols; k++)
			if (str_eq(c->cols[k], a->name)) {
				if (c->ncols == 1)
					alone = 1;
				else if (part == NULL)
					part = c;
			}
	}
	buf_init(&b);
	if (strstr(a->keys, "PK") != NULL && !col->pk) {
		buf_printf(&b, "%s.%s is marked PK (model line %d); the primary "
		    "key of %s is ", e->name, a->name, a->line, t->name);
		if (pk != NULL)
			cons_text(&b, pk);
		else
			buf_puts(&b, "not declared");
	} else if (strstr(a->keys, "UK") != NULL && !alone) {
		buf_printf(&b, "%s.%s is marked UK (model line %d); %s has no "
		    "unique key on %s alone", e->name, a->name,
		    a->line, t->name, a->name);
		if (part != NULL) {
			buf_puts(&b, ", only ");
			cons_text(&b, part);
		}
	} else if (!col->notnull) {
		buf_printf(&b, "%s.%s is marked %s (model line %d); %s.%s "
		    "allows NULL", e->name, a->name, a->keys, a->line,
		    t->name, a->name);
	}
	if (b.len == 0) {
		buf_free(&b);
		return;
	}
	x = add(f, FIND_DOC_KEY);
	x->entity = xstrdup(e->name);
	x->table = xstrdup(t->name);
	x->column = xstrdup(a->name);
	x->examples = buf_detach(&b);
}

/* A label's column names (`a+b`) against one side of its `on` line. */
static void
doc_label(const struct mdg_rel *r, const struct mdg_entity *e,
    const struct mdg_key *k, const struct db_schema *s, struct findings *f)
{
	const struct db_table	*t;
	struct finding		*x;
	const char		*p = r->label, *q;
	size_t			 i, n;
	char			*col;

	if (e->table == NULL || (t = db_schema_table(s, e->table)) == NULL)
		return;
	for (n = 1, q = p; *q != '\0'; q++) {
		if (*q == '+')
			n++;
		else if (!isalnum((unsigned char)*q) && *q != '_')
			return;		/* not a column list */
	}
	if (n != k->nterms)
		return;
	for (i = 0; i < n; i++, p = q + 1) {
		q = strchr(p, '+');
		if (q == NULL)
			q = p + strlen(p);
		col = xstrndup(p, (size_t)(q - p));
		if (k->terms[i].kind == MDG_TERM_COLUMN &&
		    !str_eq(col, k->terms[i].parts[0]) &&
		    db_table_column(t, col) == NULL) {
			x = add(f, FIND_DOC_COLUMN);
			x->entity = xstrdup(e->name);
			x->table = xstrdup(t->name);
			x->column = col;
			x->examples = xasprintf("the document's \"%s\" (model "
			    "line %d) names %s.%s, which %s lacks; the model "
			    "joins on %s (line %d)", r->label, r->line, e->name,
			    col, t->name, k->terms[i].parts[0], r->on_line);
			col = NULL;
		}
		free(col);
		if (*q == '\0')
			break;
	}
}

/* Where the document's boxes and labels disagree with the live tables. */
static void
document(const struct mdg_view *v, const struct db_schema *s,
    struct findings *f)
{
	const struct mdg_model		*m = v->model;
	const struct mdg_block		*bl;
	const struct mdg_attr		*a;
	const struct db_table		*t;
	const struct db_column		*col;
	const struct mdg_rel		*r;
	size_t				 i, j, c;

	/* Every box of the document's chains in view, each mark once. */
	for (c = 0; c < m->nchains; c++) {
		if (m->chains[c]->extra || !view_has_chain(v, m->chains[c]))
			continue;
		for (i = 0; i < m->chains[c]->nblocks; i++) {
			bl = m->chains[c]->blocks[i];
			if ((t = db_entity_table(s, bl->entity)) == NULL)
				continue;
			for (j = 0; j < bl->nattrs; j++) {
				a = &bl->attrs[j];
				if (a->keys == NULL ||
				    (strstr(a->keys, "PK") == NULL &&
				    strstr(a->keys, "UK") == NULL) ||
				    (col = db_table_column(t, a->name)) == NULL)
					continue;	/* drift names it */
				doc_key(bl->entity, a, t, col, f);
			}
		}
	}
	for (i = 0; i < v->nrels; i++) {
		r = v->rels[i];
		if (r->hidden || r->extra || r->on_line == 0)
			continue;
		doc_label(r, r->left, &r->lkey, s, f);
		doc_label(r, r->right, &r->rkey, s, f);
	}
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

/* What one side's answer held for one question: a count and examples. */
struct tally {
	long long	  count;
	char		**ex[EXAMPLES];		/* key values, smallest first */
	long long	  exn[EXAMPLES];	/* their partner counts */
	size_t		  nex;
};

struct side_ctx {
	size_t		nkeys;
	struct tally	orphans, breaches;
};

static int
cmp_keys(char *const *a, const char *const *b, size_t n)
{
	size_t	i;
	int	c;

	for (i = 0; i < n; i++)
		if ((c = strcmp(a[i], b[i])) != 0)
			return c;
	return 0;
}

/* Count the row; keep it if it is among the EXAMPLES smallest keys. */
static void
tally_add(struct tally *t, size_t nkeys, const char *const *keys,
    long long partners)
{
	size_t	at, i;

	t->count++;
	for (at = t->nex; at > 0 && cmp_keys(t->ex[at - 1], keys, nkeys) > 0;
	    at--)
		;
	if (at == EXAMPLES)
		return;
	if (t->nex == EXAMPLES)
		strv_free(t->ex[--t->nex], nkeys);
	memmove(&t->ex[at + 1], &t->ex[at], (t->nex - at) * sizeof t->ex[0]);
	memmove(&t->exn[at + 1], &t->exn[at],
	    (t->nex - at) * sizeof t->exn[0]);
	t->ex[at] = xcalloc(nkeys + 1, sizeof *t->ex[at]);
	for (i = 0; i < nkeys; i++)
		t->ex[at][i] = xstrdup(keys[i]);
	t->exn[at] = partners;
	t->nex++;
}

static int
side_row(void *arg, const char *const *keys, long long partners)
{
	struct side_ctx *x = arg;

	tally_add(partners == 0 ? &x->orphans : &x->breaches, x->nkeys, keys,
	    partners);
	return 0;
}

/* A finding from a tally, if it counted anything. */
static void
report_kind(struct findings *f, const struct tally *t, const struct mdg_rel *r,
    int me_left, int breach, enum finding_kind kind);

static void
report(struct findings *f, const struct tally *t, const struct mdg_rel *r,
    int me_left, int breach)
{
	report_kind(f, t, r, me_left, breach, breach ? FIND_BREACH :
	    FIND_ORPHAN);
}

static void
report_kind(struct findings *f, const struct tally *t, const struct mdg_rel *r,
    int me_left, int breach, enum finding_kind kind)
{
	const struct mdg_entity	*me = me_left ? r->left : r->right;
	const struct mdg_key	*mk = me_left ? &r->lkey : &r->rkey;
	struct finding		*x;
	struct buf		 ex;
	size_t			 i, row;

	if (t->count == 0)
		return;
	x = add(f, kind);
	x->rel = r;
	x->entity = xstrdup(me->name);
	x->table = xstrdup(me->table);
	x->partner = xstrdup((me_left ? r->right : r->left)->name);
	x->count = t->count;
	buf_init(&ex);
	for (row = 0; row < t->nex; row++) {
		if (row > 0)
			buf_puts(&ex, "; ");
		for (i = 0; i < mk->nterms; i++)
			buf_printf(&ex, "%s%s=%s", i ? " " : "",
			    mk->terms[i].kind == MDG_TERM_COLUMN ?
			    mk->terms[i].parts[0] : "key", t->ex[row][i]);
		if (breach)
			buf_printf(&ex, " (%lld rows)", t->exn[row]);
	}
	x->examples = buf_detach(&ex);
}

static void
tally_free(struct tally *t, size_t nkeys)
{
	size_t i;

	for (i = 0; i < t->nex; i++)
		strv_free(t->ex[i], nkeys);
}

/*
 * One side of r as one question: its rows that should have a partner and
 * have none (orphans), or should have at most one and have more.  Fills
 * q and readies x; 0 when there is nothing to ask.
 */
static int
side_question(const struct db_schema *s, const struct mdg_rel *r,
    int me_left, int orphans, int breaches, int tenant, struct db_side *q,
    struct side_ctx *x)
{
	const struct mdg_entity	*me = me_left ? r->left : r->right;
	const struct mdg_entity	*other = me_left ? r->right : r->left;

	memset(x, 0, sizeof *x);
	memset(q, 0, sizeof *q);
	if (!orphans && !breaches)
		return 0;
	q->schema = s->name;
	q->me = db_entity_table(s, me);
	q->other = db_entity_table(s, other);
	q->mk = me_left ? &r->lkey : &r->rkey;
	q->ok = me_left ? &r->rkey : &r->lkey;
	q->tenant = tenant && r->tenant == MDG_TENANT_AUTO &&
	    has_tenant(s, me) && has_tenant(s, other);
	q->orphans = orphans;
	q->breaches = breaches;
	q->distinct = q->me != NULL && db_key_unique(q->me, q->mk, q->tenant);
	x->nkeys = q->mk->nterms;
	return 1;
}

static char *
check_failed(const struct mdg_rel *r, char *why)
{
	char *c = xasprintf("checking %s %s %s: %s", r->left->name, r->label,
	    r->right->name, why);

	free(why);
	return c;
}

/* One question asked alone. */
static int
ask_tenant(struct db *db, const struct db_schema *s, const struct mdg_rel *r,
    int me_left, int orphans, int breaches, int tenant, struct side_ctx *x,
    char **cause)
{
	struct db_side	 q;
	void		*arg = x;
	char		*why = NULL;
	size_t		 failed;

	if (!side_question(s, r, me_left, orphans, breaches, tenant, &q, x))
		return 0;
	if (db_check(db, &q, 1, side_row, &arg, &failed, &why) != 0) {
		*cause = check_failed(r, why);
		return -1;
	}
	return 0;
}

/*
 * The orphans of a side whose partner is a global entity, asked again
 * across tenants: those with a partner in another tenant are cross-tenant
 * references (information), the rest stay orphans.
 */
static int
cross_tenant(struct db *db, const struct db_schema *s, const struct mdg_rel *r,
    int me_left, struct side_ctx *x, struct findings *f, char **cause)
{
	const struct mdg_entity	*me = me_left ? r->left : r->right;
	struct side_ctx		 any;
	struct finding		*y;
	long long		 n;

	if (r->tenant != MDG_TENANT_AUTO || !has_tenant(s, r->left) ||
	    !has_tenant(s, r->right))
		return 0;
	if (ask_tenant(db, s, r, me_left, 1, 0, 0, &any, cause) != 0)
		return -1;
	n = x->orphans.count - any.orphans.count;
	if (n > 0 && any.orphans.count == 0)	/* all of them: name them */
		report_kind(f, &x->orphans, r, me_left, 0, FIND_CROSS_TENANT);
	else if (n > 0) {
		y = add(f, FIND_CROSS_TENANT);
		y->rel = r;
		y->entity = xstrdup(me->name);
		y->table = xstrdup(me->table);
		y->partner = xstrdup((me_left ? r->right : r->left)->name);
		y->count = n;
	}
	tally_free(&x->orphans, x->nkeys);
	x->orphans = any.orphans;
	tally_free(&any.breaches, any.nkeys);
	return 0;
}

int
check_run(struct db *db, const struct mdg_view *v, const struct db_schema *s,
    struct findings *f, char **cause)
{
	const struct mdg_rel	*r;
	const struct mdg_rel	**qrel;		/* each question's */
	struct side_ctx		*left, *right;
	struct db_side		*qs;
	void			**args;
	char			*why = NULL;
	size_t			 i, nq = 0, failed;
	int			 rc = 0, lmust, rmust, lone, rone;

	memset(f, 0, sizeof *f);
	drift(db, v->model, v, s, f);
	foreign_keys(v->model, v, s, f);
	document(v, s, f);
	/*
	 * Every relation's two questions asked at once, the backend free to
	 * answer them side by side; then, relation by relation in order,
	 * the cross-tenant questions orphans raise and the report.
	 */
	qrel = xcalloc(2 * v->nrels + 1, sizeof *qrel);
	left = xcalloc(v->nrels + 1, sizeof *left);
	right = xcalloc(v->nrels + 1, sizeof *right);
	qs = xcalloc(2 * v->nrels + 1, sizeof *qs);
	args = xcalloc(2 * v->nrels + 1, sizeof *args);
	for (i = 0; i < v->nrels; i++) {
		r = v->rels[i];
		if (!side_ok(s, r->left, &r->lkey) ||
		    !side_ok(s, r->right, &r->rkey))
			continue;	/* drift said why */
		f->relations++;
		lmust = r->lcard == MDG_CARD_ONE || r->lcard == MDG_CARD_ONE_MANY;
		rmust = r->rcard == MDG_CARD_ONE || r->rcard == MDG_CARD_ONE_MANY;
		lone = r->lcard == MDG_CARD_ONE || r->lcard == MDG_CARD_ZERO_ONE;
		rone = r->rcard == MDG_CARD_ONE || r->rcard == MDG_CARD_ZERO_ONE;
		/* Right rows need a left partner when lmust, at most one
		   when lone; left rows likewise by rc. */
		if (side_question(s, r, 0, lmust, lone, 1, &qs[nq], &right[i])) {
			qrel[nq] = r;
			args[nq++] = &right[i];
		}
		if (side_question(s, r, 1, rmust, rone, 1, &qs[nq], &left[i])) {
			qrel[nq] = r;
			args[nq++] = &left[i];
		}
	}
	if (db_check(db, qs, nq, side_row, args, &failed, &why) != 0) {
		*cause = check_failed(qrel[failed], why);
		rc = -1;
	}
	for (i = 0; i < v->nrels; i++) {
		r = v->rels[i];
		/* Rows naming a global entity's row of another tenant. */
		if (rc == 0 && right[i].orphans.count > 0 && r->left->global)
			rc = cross_tenant(db, s, r, 0, &right[i], f, cause);
		if (rc == 0 && left[i].orphans.count > 0 && r->right->global)
			rc = cross_tenant(db, s, r, 1, &left[i], f, cause);
		if (rc == 0) {
			report(f, &right[i].orphans, r, 0, 0);
			report(f, &left[i].orphans, r, 1, 0);
			report(f, &right[i].breaches, r, 0, 1);
			report(f, &left[i].breaches, r, 1, 1);
		}
		tally_free(&right[i].orphans, right[i].nkeys);
		tally_free(&right[i].breaches, right[i].nkeys);
		tally_free(&left[i].orphans, left[i].nkeys);
		tally_free(&left[i].breaches, left[i].nkeys);
	}
	free(qrel);
	free(left);
	free(right);
	free(qs);
	free(args);
	return rc;
}

static char *
node_keys(const struct inst_node *nd)
{
	struct buf	b;
	size_t		i;

	buf_init(&b);
	for (i = 0; i < nd->cols->nkeys; i++)
		buf_printf(&b, "%s%s=%s", i ? " " : "", nd->cols->names[i],
		    nd->values[i] ? nd->values[i] : "NULL");
	return buf_detach(&b);
}

void
check_instance(const struct instance *in, struct findings *f)
{
	const struct inst_node	*nd, *other;
	const struct inst_edge	*e;
	struct finding		*x;
	size_t			 i, j, y;
	char			*k;

	memset(f, 0, sizeof *f);
	f->instance = xasprintf("%s %s=%s", in->root->name, in->column,
	    in->value);
	for (i = 0; i < in->nnodes; i++) {
		nd = &in->nodes[i];
		if (nd->more == 0 && !nd->missing)
			f->rows++;
		if (nd->missing) {
			x = add(f, FIND_NOT_FOUND);
			x->rel = nd->via;
			x->entity = xstrdup(nd->entity->name);
			x->table = xstrdup(nd->entity->table);
			x->partner = xstrdup(in->nodes[nd->parent].entity->name);
			k = node_keys(nd);
			x->examples = xasprintf("%s (named by %s)", k,
			    in->nodes[nd->parent].id);
			free(k);
			x->count = 1;
		}
		for (j = 0; j < nd->nbad; j++) {
			x = add(f, FIND_UNHEALTHY);
			x->entity = xstrdup(nd->entity->name);
			x->table = xstrdup(nd->entity->table);
			x->column = xstrdup(nd->bad[j].column);
			x->examples = xasprintf("%s: %s=%s", nd->id,
			    nd->bad[j].column, nd->bad[j].value);
			x->count = 1;
		}
	}
	for (i = 0; i < in->nnotes; i++) {
		if (!str_eq(in->notes[i].kind, "unreadable"))
			continue;
		x = add(f, FIND_UNREADABLE);
		x->entity = xstrdup(in->notes[i].entity);
		nd = NULL;
		for (j = 0; j < in->nnodes && nd == NULL; j++)
			if (in->nodes[j].unreadable && str_eq(
			    in->nodes[j].entity->name, in->notes[i].entity))
				nd = &in->nodes[j];
		x->table = xstrdup(nd && nd->entity->table ?
		    nd->entity->table : "");
		x->examples = xstrdup(in->notes[i].why);
	}
	/* A breach once per row and relation: the row with the partners. */
	for (i = 0; i < in->nedges; i++) {
		e = &in->edges[i];
		if (e->breach <= 1)
			continue;
		y = e->breach_at == 1 ? e->from : e->to;
		for (j = 0; j < i; j++)
			if (in->edges[j].breach > 1 && in->edges[j].rel ==
			    e->rel && in->edges[j].breach_at == e->breach_at &&
			    (e->breach_at == 1 ? in->edges[j].from :
			    in->edges[j].to) == y)
				break;
		if (j < i)
			continue;
		nd = &in->nodes[y];
		other = &in->nodes[y == e->from ? e->to : e->from];
		x = add(f, FIND_ROW_BREACH);
		x->rel = e->rel;
		x->entity = xstrdup(nd->entity->name);
		x->table = xstrdup(nd->entity->table);
		x->partner = xstrdup(other->entity->name);
		x->count = e->breach;
		x->examples = xstrdup(nd->id);
	}
}
