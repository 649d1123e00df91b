/*
 * sample.c -- fetch the rows of an instance diagram, and diagnose them.
 *
 * Each entity type reached gets the columns it needs (identity, join keys,
 * tenant, the attributes it shows, its health columns).  Child rows come
 * from one fetch per relation per layer (backend.h): the rows whose key
 * takes the parents' values, each parent's children capped at --max-rows
 * and counted in the same statement where the backend can.  Rows are
 * matched to their parents; a parent key that finds nothing where the
 * model says a row must be becomes a ghost.  Where the model allows one
 * partner and the layers would not fetch them, the partners are fetched
 * too.  At the end every relation links the rows already fetched, through
 * a hash of key values, and breaches and health are marked.
 */
#include "config.h"

#include <limits.h>
#include <stdint.h>
#include <string.h>

#include "jsonlist.h"
#include "sample.h"
#include "util.h"

#define SEP	"\x1f"		/* between the terms of a key tuple */
#define SERVER_CAP_MAX	1000	/* see fetch_children() */

/* ---- per entity type */

/* A row in its entity's id index: row + 1 (0: empty), its id's hash. */
struct idslot {
	unsigned	row;
	unsigned	hash;
};

/* copy_cols()'s block: the id after the columns' NULL. */
#define ROW_ID(en, cols)	((cols)[(en)->ncols + 1])

struct row {
	char	**cols;		/* values of ent->cols, NULL for SQL NULL */
	size_t	  node;		/* index in the node list */
};

struct ent {
	const struct mdg_entity	 *e;
	const struct db_table	 *t;
	const struct mdg_chain	 *home;
	int			  layer;	/* -1: not reached */
	const char		**cols;		/* selected, identity first */
	size_t			  ncols, npk, capc;
	int			  tenant;	/* index of bk_tenant_id, -1 */
	int			  tfold;	/* how tenants compare */
	unsigned char		 *isbool;	/* by selected column */
	struct inst_cols	 *shown;	/* what its rows show */
	size_t			 *shown_at;	/* shown[i] is cols[shown_at[i]] */
	int			  shown_prefix;	/* shown_at[i] == i for all */
	struct row		 *rows;
	size_t			  nrows, caprows;
	struct idslot		 *ids;		/* open addressing by the row's
						   node's id */
	size_t			  nids;		/* slots, a power of 2 */
};

/* A parent and how many partners it has on a side allowing one. */
struct count {
	size_t		rel;
	size_t		node;		/* the parent's node */
	long long	n;
};

struct run {
	struct db		 *db;
	const struct db_schema	 *schema;
	const struct mdg_model	 *m;
	const struct sample_opts *o;
	struct mdg_view		 *view;
	struct ent		 *ents;		/* by entity index */
	const struct mdg_rel	**rels;		/* followed, deduplicated */
	size_t			  nrels;
	int			**fold;		/* per rel, per term: FOLD_* */
	unsigned char		 *fetched;	/* per rel: rows fetched along
						   it, left to right (1) or
						   right to left (2) */
	struct count		 *counts;	/* from capped fetches */
	size_t			  ncounts, capcounts;
	struct hmap		  ghosts;	/* ghost id -> node */
	const struct mdg_rel	**blocked;	/* not followed: a side the role
						   may not read */
	size_t			  nblocked, capblocked;
	size_t			 *unread;	/* per entity: its placeholder
						   node + 1, or 0 */
	struct hmap		  unparsed;	/* "row id\x1dcolumn" of each
						   list reported unreadable */
	struct instance		 *inst;
	size_t			  capnodes, capedges;
	struct buf		  idbuf;	/* row_id()'s */
	char			 *cause;
};

static int
col_index(const struct ent *en, const char *name)
{
	size_t i;

	for (i = 0; i < en->ncols; i++)
		if (str_eq(en->cols[i], name))
			return (int)i;
	return -1;
}

static void
want_col(struct ent *en, const char *name)
{
	if (col_index(en, name) < 0 && db_table_column(en->t, name) != NULL)
		VEC_PUSH(en->cols, en->ncols, en->capc, name);
}

static int
excluded(const struct run *r, const struct mdg_entity *e)
{
	size_t i;

	for (i = 0; i < r->o->nexclude; i++)
		if (r->o->exclude[i] == e)
			return 1;
	return 0;
}

static int
chain_selected(const struct run *r, const struct mdg_chain *c)
{
	size_t i;

	if (r->o->nchains == 0)
		return !c->extra || r->o->relations_all;
	for (i = 0; i < r->o->nchains; i++)
		if (r->o->chains[i] == c)
			return 1;
	return 0;
}

/* Can the relation be followed: both tables readable, every column there. */
static int
rel_usable(const struct run *r, const struct mdg_rel *rel)
{
	const struct mdg_key	*k;
	const struct db_table	*t;
	size_t			 side, i, p;

	if (excluded(r, rel->left) || excluded(r, rel->right))
		return 0;
	for (side = 0; side < 2; side++) {
		k = side ? &rel->rkey : &rel->lkey;
		t = db_entity_table(r->schema, side ? rel->right : rel->left);
		if (t == NULL || !t->readable)
			return 0;
		for (i = 0; i < k->nterms; i++)
			for (p = 0; p < k->terms[i].nparts; p++)
				if (!k->terms[i].literal[p] &&
				    db_table_column(t, k->terms[i].parts[p]) ==
				    NULL)
					return 0;
	}
	return 1;
}

/* An entity whose table is there but may not be read. */
static int
unreadable(const struct run *r, const struct mdg_entity *e)
{
	const struct db_table *t = db_entity_table(r->schema, e);

	return t != NULL && !t->readable;
}

/* An entity with a table the schema does not have. */
static int
absent(const struct run *r, const struct mdg_entity *e)
{
	return e->table != NULL && db_entity_table(r->schema, e) == NULL;
}

/*
 * Would the relation be followed, but for a side the role may not read,
 * or whose table is not there?
 */
static int
rel_blocked(const struct run *r, const struct mdg_rel *rel)
{
	int a = unreadable(r, rel->left) || absent(r, rel->left);
	int b = unreadable(r, rel->right) || absent(r, rel->right);

	if (excluded(r, rel->left) || excluded(r, rel->right))
		return 0;
	return a != b;
}

static int
same_rel(const struct mdg_rel *a, const struct mdg_rel *b)
{
	return a->left == b->left && a->right == b->right &&
	    str_eq(a->label, b->label);
}

/* How a term's values compare on one side: its columns' collations. */
static int
term_fold(const struct run *r, const struct mdg_entity *e,
    const struct mdg_term *t)
{
	const struct db_table	*tb = db_entity_table(r->schema, e);
	size_t			 p;
	int			 how = 0;

	for (p = 0; tb != NULL && p < t->nparts; p++)
		if (!t->literal[p] && (t->kind != MDG_TERM_MAP || p == 0))
			how |= db_column_fold(db_table_column(tb,
			    t->parts[p]));
	return how;
}

/*
 * Values match when the collation of either side's column calls them
 * equal: what a lookup in at least one direction returns.
 */
static void
plan_folds(struct run *r)
{
	const struct mdg_rel	*rel;
	size_t			 i, t;

	r->fold = xcalloc(r->nrels + 1, sizeof *r->fold);
	for (i = 0; i < r->nrels; i++) {
		rel = r->rels[i];
		r->fold[i] = xcalloc(rel->lkey.nterms + 1, sizeof *r->fold[i]);
		for (t = 0; t < rel->lkey.nterms && t < rel->rkey.nterms; t++)
			r->fold[i][t] = term_fold(r, rel->left,
			    &rel->lkey.terms[t]) | term_fold(r, rel->right,
			    &rel->rkey.terms[t]);
	}
}

/* The followed relations: the selected chains', links included, once. */
static void
collect_rels(struct run *r)
{
	const struct mdg_chain	*c;
	size_t			 i, j, k, cap = 0;
	int			 dup;

	for (i = 0; i < r->m->nchains; i++) {
		c = r->m->chains[i];
		if (!chain_selected(r, c))
			continue;
		for (j = 0; j < c->nrels; j++) {
			if (c->rels[j]->extra && !r->o->relations_all &&
			    !c->extra)
				continue;	/* not in the document */
			for (dup = 0, k = 0; k < r->nrels && !dup; k++)
				dup = same_rel(r->rels[k], c->rels[j]);
			if (!dup && rel_usable(r, c->rels[j]))
				VEC_PUSH(r->rels, r->nrels, cap, c->rels[j]);
			else if (!dup && rel_blocked(r, c->rels[j]))
				VEC_PUSH(r->blocked, r->nblocked,
				    r->capblocked, c->rels[j]);
		}
	}
	r->fetched = xcalloc(r->nrels + 1, 1);
	plan_folds(r);
}

/*
 * Layers: breadth first from the root over the documented relations, both
 * ways; then, for what only the relations the document leaves out reach,
 * the same search continued over all of them, no layer already given
 * changed.  So adding relations never moves an entity, never takes rows.
 */
static void
assign_layers(struct run *r)
{
	const struct mdg_rel	*rel;
	struct ent		*a, *b;
	size_t			 i;
	int			 k, pass, grew, top;

	r->ents[r->o->root->index].layer = 0;
	for (pass = 0; pass < 2; pass++) {
		top = 0;
		for (i = 0; i < r->m->nentities; i++)
			if (r->ents[i].layer > top)
				top = r->ents[i].layer;
		for (k = 0, grew = 1; grew || k <= top; k++) {
			grew = 0;
			for (i = 0; i < r->nrels; i++) {
				rel = r->rels[i];
				if (pass == 0 && rel->extra)
					continue;
				a = &r->ents[rel->left->index];
				b = &r->ents[rel->right->index];
				if (a->layer == k && b->layer < 0)
					b->layer = k + 1, grew = 1;
				else if (b->layer == k && a->layer < 0)
					a->layer = k + 1, grew = 1;
			}
		}
	}
}

static const struct mdg_chain *
home_chain(const struct run *r, const struct mdg_entity *e)
{
	const struct mdg_chain	*c;
	size_t			 i, j;

	for (i = 0; i < r->m->nchains; i++) {
		c = r->m->chains[i];
		if (!chain_selected(r, c))
			continue;
		for (j = 0; j < c->nentities; j++)
			if (c->entities[j] == e)
				return c;
	}
	for (i = 0; i < r->m->nchains; i++)
		for (j = 0; j < r->m->chains[i]->nrels; j++)
			if (r->m->chains[i]->rels[j]->left == e ||
			    r->m->chains[i]->rels[j]->right == e)
				return r->m->chains[i];
	return r->m->chains[0];
}

static void
key_cols(struct ent *en, const struct mdg_key *k)
{
	size_t i, p;

	for (i = 0; i < k->nterms; i++)
		for (p = 0; p < k->terms[i].nparts; p++)
			if (!k->terms[i].literal[p])
				want_col(en, k->terms[i].parts[p]);
}

/* Is `name` one of the --attrs for this entity: "col" or "Entity.col"? */
static int
attr_asked(const struct run *r, const struct ent *en, const char *name)
{
	const char	*a, *dot;
	size_t		 i, n = strlen(en->e->name);

	for (i = 0; i < r->o->nattrs; i++) {
		a = r->o->attrs[i];
		if ((dot = strchr(a, '.')) == NULL ? str_eq(a, name) :
		    (size_t)(dot - a) == n && strncmp(a, en->e->name, n) == 0 &&
		    str_eq(dot + 1, name))
			return 1;
	}
	return 0;
}

/* The instance owns every column set its nodes point at. */
static void
keep_cols(struct run *r, struct inst_cols *c)
{
	r->inst->colsets = xreallocarray(r->inst->colsets,
	    r->inst->ncolsets + 1, sizeof *r->inst->colsets);
	r->inst->colsets[r->inst->ncolsets++] = c;
}

static void
show(struct ent *en, size_t *cap, size_t col)
{
	size_t i;

	for (i = 0; i < en->shown->n; i++)
		if (en->shown_at[i] == col)
			return;
	if (en->shown->n == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		en->shown->names = xreallocarray(en->shown->names, *cap,
		    sizeof *en->shown->names);
		en->shown_at = xreallocarray(en->shown_at, *cap,
		    sizeof *en->shown_at);
	}
	en->shown->names[en->shown->n] = xstrdup(en->cols[col]);
	en->shown_at[en->shown->n++] = col;
}

/*
 * Which columns each reachable entity needs, and which its rows show:
 * keys (identity, join and root columns), then the attributes --columns
 * asks for (doc: the documented ones; all: every column; keys: none),
 * those --attrs names, and the health rules' columns.
 */
static void
plan_columns(struct run *r)
{
	const struct mdg_view_entity	*ve;
	struct ent			*en;
	size_t				 i, j, cap;

	for (i = 0; i < r->m->nentities; i++) {
		en = &r->ents[i];
		if (en->layer < 0)
			continue;
		for (j = 0; j < en->t->ncols; j++)
			if (en->t->cols[j].pk)
				VEC_PUSH(en->cols, en->ncols, en->capc,
				    (const char *)en->t->cols[j].name);
		en->npk = en->ncols;
		for (j = 0; j < r->nrels; j++) {
			if (r->rels[j]->left == en->e)
				key_cols(en, &r->rels[j]->lkey);
			if (r->rels[j]->right == en->e)
				key_cols(en, &r->rels[j]->rkey);
		}
		if (r->o->root->index == i)
			want_col(en, r->o->column);
		want_col(en, "bk_tenant_id");
		en->tenant = col_index(en, "bk_tenant_id");
		if (en->tenant >= 0)
			en->tfold = db_column_fold(db_table_column(en->t,
			    "bk_tenant_id"));
		if ((ve = view_entity(r->view, en->e)) != NULL &&
		    r->o->columns == COLUMNS_DOC)
			for (j = 0; j < ve->nattrs; j++)
				want_col(en, ve->attrs[j].name);
		for (j = 0; j < en->t->ncols; j++)
			if (r->o->columns == COLUMNS_ALL ||
			    attr_asked(r, en, en->t->cols[j].name))
				want_col(en, en->t->cols[j].name);
		for (j = 0; j < en->e->nhealth; j++)
			want_col(en, en->e->health[j].column);
		if (en->npk == 0) {
			/* No primary key: every selected column is identity. */
			en->npk = en->ncols;
		}
		en->isbool = xcalloc(en->ncols + 1, 1);
		for (j = 0; j < en->ncols; j++)
			en->isbool[j] = str_eq(db_table_column(en->t,
			    en->cols[j])->vocab, "bool");

		/* Keys first, in the table's order; then attributes. */
		en->shown = xcalloc(1, sizeof *en->shown);
		keep_cols(r, en->shown);
		cap = 0;
		for (j = 0; j < en->ncols; j++)
			if (j < en->npk || rels_join_on(r->rels, r->nrels,
			    en->e, en->cols[j]) || (r->o->root->index == i &&
			    str_eq(en->cols[j], r->o->column)))
				show(en, &cap, j);
		en->shown->nkeys = en->shown->n;
		for (j = 0; j < en->ncols; j++)
			if ((int)j != en->tenant || r->o->columns != COLUMNS_KEYS)
				show(en, &cap, j);
		/* The common case: a node's values are its row's columns. */
		en->shown_prefix = 1;
		for (j = 0; j < en->shown->n; j++)
			if (en->shown_at[j] != j)
				en->shown_prefix = 0;
	}
}

/* ---- key values of a row */

static const char *row_id(struct buf *, const struct ent *, char **);

/*
 * The elements of the JSON list in column c of a row, or -1 when it cannot
 * be read: said once per row and column, in a note (stderr and JSON), and
 * the row then joins on nothing through it.
 */
static int
list_elements(struct run *r, const struct ent *en, const struct row *row,
    int c, char ***el, size_t *ne)
{
	struct inst_note	*nt;
	struct buf		 idb;
	const char		*id;
	char			*cause = NULL, *k;

	if (jsonlist_parse(row->cols[c], strlen(row->cols[c]), el, ne,
	    &cause) == 0)
		return 0;
	buf_init(&idb);
	id = row_id(&idb, en, row->cols);
	k = xasprintf("%s\x1d%s", id, en->cols[c]);
	if (hmap_get(&r->unparsed, k) == NULL) {
		hmap_add(&r->unparsed, k, 0);
		r->inst->notes = xreallocarray(r->inst->notes,
		    r->inst->nnotes + 1, sizeof *r->inst->notes);
		nt = &r->inst->notes[r->inst->nnotes++];
		memset(nt, 0, sizeof *nt);
		nt->kind = xstrdup("unparsed");
		nt->entity = xstrdup(en->e->name);
		nt->why = xstrdup(cause);
		nt->text = xasprintf("table %s, row %s: column %s is not a "
		    "readable JSON list (%s); its elements are not followed",
		    en->e->table, strchr(id, ':') + 1, en->cols[c], cause);
	}
	free(k);
	buf_free(&idb);
	free(cause);
	return -1;
}

static int
unset(const char *v)
{
	return v == NULL || *v == '\0' || str_eq(v, "0");
}

/* The values one term takes on a row (several for any() and elem()). */
static size_t
term_values(struct run *r, const struct ent *en, const struct row *row,
    const struct mdg_term *t, char ***out)
{
	char		**vals = NULL, **el;
	const char	*v;
	struct buf	  b;
	size_t		  n = 0, cap = 0, i, ne;
	int		  c;

	switch (t->kind) {
	case MDG_TERM_COLUMN:
	case MDG_TERM_ANY:
		for (i = 0; i < t->nparts; i++) {
			c = col_index(en, t->parts[i]);
			v = c >= 0 ? row->cols[c] : NULL;
			if (!unset(v))
				VEC_PUSH(vals, n, cap, xstrdup(v));
		}
		break;
	case MDG_TERM_ELEM:
		c = col_index(en, t->parts[0]);
		if (c >= 0 && row->cols[c] != NULL &&
		    list_elements(r, en, row, c, &el, &ne) == 0) {
			for (i = 0; i < ne; i++) {
				if (!unset(el[i]))
					VEC_PUSH(vals, n, cap, el[i]);
				else
					free(el[i]);
			}
			free(el);
		}
		break;
	case MDG_TERM_CONCAT:
		buf_init(&b);
		for (i = 0; i < t->nparts; i++) {
			if (t->literal[i])
				buf_puts(&b, t->parts[i]);
			else if ((c = col_index(en, t->parts[i])) >= 0 &&
			    row->cols[c] != NULL)
				buf_puts(&b, row->cols[c]);
		}
		if (!unset(b.data))
			VEC_PUSH(vals, n, cap, buf_detach(&b));
		buf_free(&b);
		break;
	case MDG_TERM_MAP: {
		int	 how = db_column_fold(db_table_column(en->t, t->parts[0]));
		char	*fv, *ff;

		c = col_index(en, t->parts[0]);
		v = c >= 0 ? row->cols[c] : NULL;
		fv = v != NULL ? fold_value(v, how) : NULL;
		for (i = 1; fv != NULL && i + 1 < t->nparts; i += 2) {
			ff = fold_value(t->parts[i], how);
			if (str_eq(fv, ff))
				VEC_PUSH(vals, n, cap, xstrdup(t->parts[i + 1]));
			free(ff);
		}
		free(fv);
		break;
	}
	}
	*out = vals;
	return n;
}

/*
 * Every key tuple of a row under a key: the terms' values joined by SEP,
 * the cross product when a term has several, folded as the columns'
 * collations compare them.
 */
static size_t
row_keys(struct run *r, const struct ent *en, const struct row *row,
    const struct mdg_key *k, const int *fold, char ***out)
{
	char	**tuples, **next, **vals, *f;
	size_t	  n = 1, nn, nv, i, j, t;

	tuples = xcalloc(1, sizeof *tuples);
	tuples[0] = xstrdup("");
	for (t = 0; t < k->nterms && n > 0; t++) {
		nv = term_values(r, en, row, &k->terms[t], &vals);
		for (j = 0; fold != NULL && fold[t] && j < nv; j++) {
			/* Values the collation calls equal: equal strings. */
			f = fold_value(vals[j], fold[t]);
			free(vals[j]);
			vals[j] = f;
		}
		next = xcalloc(n * nv + 1, sizeof *next);
		for (nn = 0, i = 0; i < n; i++)
			for (j = 0; j < nv; j++)
				next[nn++] = xasprintf("%s%s%s", tuples[i],
				    t ? SEP : "", vals[j]);
		strv_free(tuples, n);
		strv_free(vals, nv);
		tuples = next;
		n = nn;
	}
	*out = tuples;
	return n;
}

/*
 * A row's key tuples, as row_keys() gives them, without an allocation per
 * tuple where the key is one value per term (most keys): then the one
 * tuple is built in a buffer reused from row to row.  v[0 .. n) are valid
 * until the next tuples_of() or tuples_free() on the same struct.
 */
struct tuples {
	char		**v;
	size_t		  n;
	char		**many;		/* row_keys()'s, to free */
	char		 *one[1];
	struct buf	  b;
};

static void
tuples_free(struct tuples *ts)
{
	if (ts->many != NULL)
		strv_free(ts->many, ts->n);
	ts->many = NULL;
	ts->n = 0;
}

static size_t
tuples_of(struct run *r, struct tuples *ts, const struct ent *en,
    const struct row *row, const struct mdg_key *k, const int *fold)
{
	const char	*v;
	char		*f;
	size_t		 t;
	int		 c;

	tuples_free(ts);
	for (t = 0; t < k->nterms; t++)
		if (k->terms[t].kind != MDG_TERM_COLUMN ||
		    k->terms[t].nparts != 1)
			break;
	if (t < k->nterms) {
		ts->n = row_keys(r, en, row, k, fold, &ts->many);
		ts->v = ts->many;
		return ts->n;
	}
	buf_reset(&ts->b);
	buf_add(&ts->b, "", 0);
	for (t = 0; t < k->nterms; t++) {
		c = col_index(en, k->terms[t].parts[0]);
		v = c >= 0 ? row->cols[c] : NULL;
		if (unset(v))
			return 0;
		if (t > 0)
			buf_putc(&ts->b, SEP[0]);
		if (fold != NULL && fold[t]) {
			f = fold_value(v, fold[t]);
			buf_puts(&ts->b, f);
			free(f);
		} else
			buf_puts(&ts->b, v);
	}
	ts->one[0] = ts->b.data;
	ts->v = ts->one;
	return ts->n = 1;
}

/*
 * Do two rows' tenants agree?  A row with no tenant belongs to all, as
 * check and the backends' fetches have it.
 */
static int
tenants_agree(const struct ent *a, const struct row *ra, const struct ent *b,
    const struct row *rb)
{
	const char	*x, *y;
	char		*fx, *fy;
	int		 same;

	if (a->tenant < 0 || b->tenant < 0)
		return 1;
	x = ra->cols[a->tenant];
	y = rb->cols[b->tenant];
	if (x == NULL || y == NULL || str_eq(x, y))
		return 1;
	if ((a->tfold | b->tfold) == 0)
		return 0;
	fx = fold_value(x, a->tfold | b->tfold);
	fy = fold_value(y, a->tfold | b->tfold);
	same = str_eq(fx, fy);
	free(fx);
	free(fy);
	return same;
}

/* ---- nodes and edges */

/* "Entity:pk=value,...", in b (reused from row to row). */
static const char *
row_id(struct buf *b, const struct ent *en, char **cols)
{
	size_t i;

	buf_reset(b);
	buf_puts(b, en->e->name);
	buf_putc(b, ':');
	for (i = 0; i < en->npk; i++) {
		if (i > 0)
			buf_putc(b, ',');
		buf_puts(b, en->cols[i]);
		buf_putc(b, '=');
		buf_puts(b, cols[i] ? cols[i] : "NULL");
	}
	return b->data;
}

static size_t
new_node(struct run *r, const struct mdg_entity *e, int layer, size_t parent,
    const struct mdg_rel *via)
{
	struct instance		*in = r->inst;
	struct inst_node	 nd;

	memset(&nd, 0, sizeof nd);
	nd.entity = e;
	nd.home = r->ents[e->index].home;
	nd.layer = layer;
	nd.parent = parent;
	nd.via = via;
	VEC_PUSH(in->nodes, in->nnodes, r->capnodes, nd);
	return in->nnodes - 1;
}

/*
 * The slot of row id `id` (hash h) in en's index: the row's, or the empty
 * one it would take.  The index holds row numbers; the ids are the nodes'.
 */
static struct idslot *
id_slot(const struct run *r, const struct ent *en, const char *id,
    unsigned h)
{
	size_t		 i = h & (en->nids - 1);
	struct idslot	*e;

	while ((e = &en->ids[i])->row != 0 && (e->hash != h ||
	    !str_eq(r->inst->nodes[en->rows[e->row - 1].node].id, id)))
		i = (i + 1) & (en->nids - 1);
	return e;
}

/* Room for one more row in the index: at most half full. */
static void
id_room(struct ent *en)
{
	struct idslot	*old = en->ids;
	size_t		 n = en->nids, i, j;

	if (2 * (en->nrows + 1) <= en->nids)
		return;
	en->nids = n ? 2 * n : 64;
	en->ids = xcalloc(en->nids, sizeof *en->ids);
	for (i = 0; i < n; i++) {
		if (old[i].row == 0)
			continue;
		/* Ids are distinct: the first empty slot is the one. */
		for (j = old[i].hash & (en->nids - 1); en->ids[j].row != 0;
		    j = (j + 1) & (en->nids - 1))
			;
		en->ids[j] = old[i];
	}
	free(old);
}

/*
 * A fetched row: deduplicated by identity, a node on first sight, fetched
 * for row `parent` along `via` (INST_NONE, NULL for the root).
 */
static size_t
add_row(struct run *r, struct ent *en, char **cols, int layer, size_t parent,
    const struct mdg_rel *via)
{
	struct inst_node	*nd;
	struct row		 row;
	char			*id = ROW_ID(en, cols);
	unsigned		 h = str_hash(id);
	struct idslot		*slot;
	size_t			 i;

	id_room(en);
	if ((slot = id_slot(r, en, id, h))->row != 0) {
		free(cols);
		return slot->row - 1;
	}
	row.cols = cols;
	row.node = new_node(r, en->e, layer, parent, via);
	nd = &r->inst->nodes[row.node];
	nd->id = id;		/* in the block, like the values */
	nd->cols = en->shown;
	/* The node owns copy_cols()'s block; the row points into it. */
	nd->mem = cols;
	if (en->shown_prefix)
		nd->values = cols;
	else {
		nd->values = cols + en->ncols + 2;
		for (i = 0; i < en->shown->n; i++)
			nd->values[i] = cols[en->shown_at[i]];
	}
	VEC_PUSH(en->rows, en->nrows, en->caprows, row);
	slot->row = (unsigned)en->nrows;
	slot->hash = h;
	return en->nrows - 1;
}

static size_t
add_edge(struct run *r, const struct mdg_rel *rel, size_t from, size_t to)
{
	struct inst_edge e;

	memset(&e, 0, sizeof e);
	e.rel = rel;
	e.from = from;
	e.to = to;
	VEC_PUSH(r->inst->edges, r->inst->nedges, r->capedges, e);
	return r->inst->nedges - 1;
}

/*
 * Where the rows of a table the role may not read would be: one node for
 * the entity, linked to the rows it would have been fetched for, and a
 * note the user reads on stderr and in JSON.
 */
static void
add_unreadable(struct run *r, const struct mdg_entity *e,
    const struct mdg_rel *rel, int layer, const char *why)
{
	struct ent		*pe = &r->ents[(rel->left == e ? rel->right :
				    rel->left)->index];
	struct inst_node	*nd;
	struct inst_note	*nt;
	struct inst_cols	*none;
	size_t			 node, i;

	if (r->unread[e->index] == 0) {
		node = new_node(r, e, layer, pe->nrows ? pe->rows[0].node :
		    INST_NONE, rel);
		nd = &r->inst->nodes[node];
		nd->home = home_chain(r, e);
		nd->unreadable = 1;
		nd->id = xasprintf("%s:unreadable", e->name);
		none = xcalloc(1, sizeof *none);
		keep_cols(r, none);
		nd->cols = none;
		nd->values = xcalloc(1, sizeof *nd->values);
		r->unread[e->index] = node + 1;
		r->inst->notes = xreallocarray(r->inst->notes,
		    r->inst->nnotes + 1, sizeof *r->inst->notes);
		nt = &r->inst->notes[r->inst->nnotes++];
		nt->kind = xstrdup("unreadable");
		nt->entity = xstrdup(e->name);
		nt->why = xstrdup(why);
		nt->text = xasprintf("table %s (%s) cannot be read: %s; its rows "
		    "are not drawn", e->table, e->name, why);
	}
	node = r->unread[e->index] - 1;
	for (i = 0; i < pe->nrows && (int)i < r->o->max_rows; i++) {
		if (rel->left == e)
			add_edge(r, rel, node, pe->rows[i].node);
		else
			add_edge(r, rel, pe->rows[i].node, node);
	}
}

/* The relations not followed for a table not readable, now marked. */
static void
mark_blocked(struct run *r)
{
	const struct mdg_rel	*rel;
	const struct mdg_entity	*bad, *good;
	size_t			 i;

	for (i = 0; i < r->nblocked; i++) {
		rel = r->blocked[i];
		bad = unreadable(r, rel->left) || absent(r, rel->left) ?
		    rel->left : rel->right;
		good = bad == rel->left ? rel->right : rel->left;
		if (r->ents[good->index].layer < 0 ||
		    r->ents[good->index].nrows == 0)
			continue;
		if (absent(r, bad)) {
			char *why = xasprintf("it is not in schema %s%s",
			    r->schema->name, r->db->absent_why ?
			    r->db->absent_why : "");

			add_unreadable(r, bad, rel,
			    r->ents[good->index].layer + 1, why);
			free(why);
			continue;
		}
		add_unreadable(r, bad, rel, r->ents[good->index].layer + 1,
		    db_entity_table(r->schema, bad)->why ?
		    db_entity_table(r->schema, bad)->why : "no SELECT privilege");
	}
}

/* ---- queries */

/*
 * A fetched row's values, kept, in one block: the row's column pointers
 * (NULL-terminated), its id, its node's value pointers when they are not
 * the row's (filled by add_row), then the text.  Booleans read true or
 * false, whatever the server spells them (t/f, 1/0).
 */
static char **
copy_cols(struct run *r, const struct ent *en, const char *const *src)
{
	const char	**v = xcalloc(en->ncols + 1, sizeof *v);
	const char	 *id;
	char		**cols, *p;
	size_t		  i, n, len = 0, idlen, ptrs = en->ncols + 2;

	for (i = 0; i < en->ncols; i++) {
		if ((v[i] = src[i]) != NULL && en->isbool[i])
			v[i] = str_eq(v[i], "t") || str_eq(v[i], "1") ? "true" :
			    str_eq(v[i], "f") || str_eq(v[i], "0") ? "false" :
			    v[i];
		len += v[i] != NULL ? strlen(v[i]) + 1 : 0;
	}
	id = row_id(&r->idbuf, en, (char **)v);
	idlen = strlen(id) + 1;
	if (!en->shown_prefix)
		ptrs += en->shown->n + 1;
	cols = xmalloc(ptrs * sizeof *cols + len + idlen);
	memset(cols, 0, ptrs * sizeof *cols);
	p = (char *)(cols + ptrs);
	for (i = 0; i < en->ncols; i++) {
		if (v[i] == NULL)
			continue;
		n = strlen(v[i]) + 1;
		cols[i] = memcpy(p, v[i], n);
		p += n;
	}
	ROW_ID(en, cols) = memcpy(p, id, idlen);
	free(v);
	return cols;
}

/* What every fetch of an entity's rows selects. */
static void
fetch_init(struct db_fetch *f, const struct run *r, const struct ent *en)
{
	memset(f, 0, sizeof *f);
	f->schema = r->schema->name;
	f->table = en->t;
	f->cols = en->cols;
	f->ncols = en->ncols;
	f->norder = en->npk;
}

struct root_ctx {
	struct run	*r;
	struct ent	*en;
};

static int
root_row(void *arg, const char *const *cols, long long total)
{
	struct root_ctx	*x = arg;
	size_t		 i;

	(void)total;
	i = add_row(x->r, x->en, copy_cols(x->r, x->en, cols), 0, INST_NONE, NULL);
	x->r->inst->nodes[x->en->rows[i].node].root = 1;
	return 0;
}

/* A root value must be of its column's type: 'abc' is no bk_data_id. */
static int
root_value_ok(struct run *r, const struct ent *en)
{
	const struct db_column	*c = db_table_column(en->t, r->o->column);
	const char		*p = r->o->value;

	if (!str_eq(c->vocab, "int") && !str_eq(c->vocab, "bigint"))
		return 1;
	if (*p == '-')
		p++;
	if (*p != '\0' && strspn(p, "0123456789") == strlen(p) &&
	    strlen(p) <= 19)
		return 1;
	r->cause = xasprintf("%s.%s is %s, not '%s': give a whole number",
	    r->o->root->name, r->o->column, c->type, r->o->value);
	return 0;
}

static int
fetch_root(struct run *r)
{
	const struct sample_opts *o = r->o;
	struct ent		*en = &r->ents[o->root->index];
	struct db_fetch		 f;
	struct root_ctx		 x;
	char			*why = NULL;
	char			*tenant[1];

	if (db_table_column(en->t, o->column) == NULL) {
		r->cause = xasprintf("%s has no column %s (table %s)",
		    o->root->name, o->column, en->t->name);
		return -1;
	}
	if (!root_value_ok(r, en))
		return -1;
	fetch_init(&f, r, en);
	f.column = o->column;
	f.value = o->value;
	if (o->tenant != NULL && en->tenant >= 0) {
		tenant[0] = (char *)o->tenant;
		f.tenant_col = "bk_tenant_id";
		f.tenants = tenant;
		f.ntenants = 1;
		f.tenant_exact = 1;
	}
	x.r = r;
	x.en = en;
	if (db_fetch(r->db, &f, root_row, &x, &why) != 0) {
		r->cause = xasprintf("fetching the root: %s", why);
		free(why);
		return -1;
	}
	if (en->nrows == 0) {
		r->cause = o->tenant ? xasprintf("no %s with %s=%s in tenant %s",
		    o->root->name, o->column, o->value, o->tenant) :
		    xasprintf("no %s with %s=%s", o->root->name, o->column,
		    o->value);
		return 1;
	}
	return 0;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Each of the strings once, sorted; the others freed when `owned`.
 * Duplicates go through a hash first: the parents of a layer repeat a
 * value (a tenant, a result table's id) thousands of times, and sorting
 * them all cost more than the rest of the fetch.
 */
static size_t
sort_distinct(char **v, size_t n, int owned)
{
	struct hmap	seen;
	size_t		i, k;

	hmap_init(&seen, 16);
	for (k = 0, i = 0; i < n; i++) {
		if (hmap_get(&seen, v[i]) != NULL) {
			if (owned)
				free(v[i]);
			continue;
		}
		hmap_add(&seen, v[i], 0);
		v[k++] = v[i];
	}
	hmap_free(&seen);
	if (k > 1)
		qsort(v, k, sizeof *v, cmp_str);
	return k;
}

/* Distinct values of term t over the parents' rows (sorted). */
static char **
parent_values(struct run *r, const struct ent *pe, const struct mdg_term *t,
    size_t *n)
{
	char	**all = NULL, **vals;
	size_t	  nall = 0, cap = 0, nv, i, j;

	for (i = 0; i < pe->nrows; i++) {
		nv = term_values(r, pe, &pe->rows[i], t, &vals);
		for (j = 0; j < nv; j++)
			VEC_PUSH(all, nall, cap, vals[j]);
		free(vals);
	}
	*n = sort_distinct(all, nall, 1);
	return all;
}

/* May a row on this end of rel be missing?  ||, |{ say it may not. */
static int
mandatory(enum mdg_card c)
{
	return c == MDG_CARD_ONE || c == MDG_CARD_ONE_MANY;
}

/* Does this end of rel allow at most one row?  ||, o| do. */
static int
at_most_one(enum mdg_card c)
{
	return c == MDG_CARD_ONE || c == MDG_CARD_ZERO_ONE;
}

/*
 * Is a key one value per row?  An any() or elem() key holds several, each
 * with its own partner (a BCS cluster's four data ids), so its partners
 * are counted per value by check, never per row here.
 */
static int
single_valued(const struct mdg_key *k)
{
	size_t i;

	for (i = 0; i < k->nterms; i++)
		if (k->terms[i].kind == MDG_TERM_ANY ||
		    k->terms[i].kind == MDG_TERM_ELEM)
			return 0;
	return 1;
}

/* One relation's fetch: whose rows they are, and what each parent got. */
struct child_ctx {
	struct run		*r;
	size_t			 ri;		/* the relation */
	int			 parent_left;
	struct ent		*pe, *ce;
	const struct mdg_key	*ck;
	const int		*fold;		/* per term: FOLD_* */
	struct hmap		 parents;	/* parent key tuple -> rows */
	struct hmap		 hit;		/* "tuple\x1dparent" found */
	int			 want_hits;	/* ghosts are looked for */
	struct buf		 scratch;
	struct tuples		 ts;
	size_t			*kept;		/* per parent: children kept */
	long long		*tot;		/* and in all, when known */
	int			 tenant, capped, layer, keep_all;
};

/* "tuple\x1dparent", in b. */
static const char *
hit_key(struct buf *b, const char *tuple, size_t p)
{
	char n[32];

	snprintf(n, sizeof n, "\x1d%zu", p);
	buf_reset(b);
	buf_puts(b, tuple);
	buf_puts(b, n);
	return b->data;
}

/* This parent's tuple found a child (only kept when ghosts are wanted). */
static void
mark_hit(struct child_ctx *x, const char *tuple, size_t p)
{
	if (x->want_hits)
		hmap_add(&x->hit, hit_key(&x->scratch, tuple, p), 0);
}

static int
child_row(void *arg, const char *const *cols, long long total)
{
	struct child_ctx	*x = arg;
	struct hent		*h;
	struct row		 probe;
	char			**keys;
	size_t			 nk, j, q, p, first = INST_NONE, i, nodes;
	int			 any = 0, keep = 0;

	probe.cols = copy_cols(x->r, x->ce, cols);
	nk = tuples_of(x->r, &x->ts, x->ce, &probe, x->ck, x->fold);
	keys = x->ts.v;
	for (j = 0; j < nk; j++) {
		if ((h = hmap_get(&x->parents, keys[j])) == NULL)
			continue;
		for (q = 0; q < h->n; q++) {
			p = h->idx[q];
			if (x->tenant && !tenants_agree(x->pe, &x->pe->rows[p],
			    x->ce, &probe))
				continue;
			any = 1;
			mark_hit(x, keys[j], p);
			/* The server's count when it capped, else ours. */
			if (x->capped && total >= 0)
				x->tot[p] = total;
			else
				x->tot[p]++;
			if (x->keep_all ||
			    (long long)x->kept[p] < x->r->o->max_rows) {
				x->kept[p]++;
				keep = 1;
				if (first == INST_NONE)
					first = p;
			}
		}
	}
	if (!any || !keep) {
		free(probe.cols);	/* a superset row, or capped */
		return 0;
	}
	nodes = x->r->inst->nnodes;
	i = add_row(x->r, x->ce, probe.cols, x->layer,
	    x->pe->rows[first].node, x->r->rels[x->ri]);
	if (x->keep_all && x->r->inst->nnodes > nodes)
		x->r->inst->nodes[x->ce->rows[i].node].partner = 1;
	return 0;
}

/* The text of a ghost's key: "table_id=orphan_rt.missing". */
static struct inst_cols *
ghost_cols(struct run *r, const struct mdg_key *ck)
{
	struct inst_cols	*c = xcalloc(1, sizeof *c);
	size_t			 i, cap = 0;

	for (i = 0; i < ck->nterms; i++) {
		VEC_PUSH(c->names, c->n, cap, ck->terms[i].kind ==
		    MDG_TERM_COLUMN ? xstrdup(ck->terms[i].parts[0]) :
		    key_text(&(struct mdg_key){ &ck->terms[i], 1 }));
	}
	c->nkeys = c->n;
	keep_cols(r, c);
	return c;
}

/*
 * A parent's key tuple that found no child where the model says one must
 * be: a ghost child "not found", shared by every parent naming it.
 */
static void
add_ghost(struct run *r, struct child_ctx *x, size_t p, const char *tuple,
    struct inst_cols **cols)
{
	const struct mdg_rel	*rel = r->rels[x->ri];
	struct inst_node	*nd;
	struct hent		*h;
	struct buf		 id;
	const char		*s, *e;
	size_t			 node, i, ei;

	if (*cols == NULL)
		*cols = ghost_cols(r, x->ck);
	buf_init(&id);
	buf_printf(&id, "%s:missing:", x->ce->e->name);
	for (i = 0, s = tuple; i < (*cols)->n; i++) {
		e = strchr(s, SEP[0]);
		buf_printf(&id, "%s%s=%.*s", i ? "," : "", (*cols)->names[i],
		    (int)(e ? (size_t)(e - s) : strlen(s)), s);
		s = e ? e + 1 : s + strlen(s);
	}
	if ((h = hmap_get(&r->ghosts, id.data)) != NULL) {
		node = h->idx[0];
		buf_free(&id);
	} else {
		node = new_node(r, x->ce->e, x->layer,
		    x->pe->rows[p].node, rel);
		nd = &r->inst->nodes[node];
		nd->missing = 1;
		nd->id = buf_detach(&id);
		nd->cols = *cols;
		nd->values = xcalloc((*cols)->n + 1, sizeof *nd->values);
		for (i = 0, s = tuple; i < (*cols)->n; i++) {
			e = strchr(s, SEP[0]);
			nd->values[i] = e ? xstrndup(s, (size_t)(e - s)) :
			    xstrdup(s);
			s = e ? e + 1 : s + strlen(s);
		}
		hmap_add(&r->ghosts, nd->id, node);
	}
	ei = x->parent_left ? add_edge(r, rel, x->pe->rows[p].node, node) :
	    add_edge(r, rel, node, x->pe->rows[p].node);
	r->inst->edges[ei].missing = 1;
}

/* Ghosts for the parents' key tuples that found nothing. */
static void
find_ghosts(struct run *r, struct child_ctx *x)
{
	const struct mdg_rel	*rel = r->rels[x->ri];
	const struct mdg_key	*pk = x->parent_left ? &rel->lkey : &rel->rkey;
	struct inst_cols	*cols = NULL;
	struct tuples		 raw;
	size_t			 p, j, nr, nf;

	if (!x->want_hits)
		return;
	memset(&raw, 0, sizeof raw);
	for (p = 0; p < x->pe->nrows; p++) {
		/* The hit set has the tuples as the collation folds them;
		   the ghost shows them as the parent holds them. */
		nr = tuples_of(r, &raw, x->pe, &x->pe->rows[p], pk, NULL);
		nf = tuples_of(r, &x->ts, x->pe, &x->pe->rows[p], pk, x->fold);
		for (j = 0; j < nr && j < nf; j++)
			if (hmap_get(&x->hit, hit_key(&x->scratch,
			    x->ts.v[j], p)) == NULL)
				add_ghost(r, x, p, raw.v[j], &cols);
	}
	tuples_free(&raw);
	buf_free(&raw.b);
}

/*
 * Fetch the child rows of relation ri: children `ce` whose key `ck`
 * matches the key `pk` of the parents `pe` already fetched.  `keep_all`:
 * no cap in C (the partners of a side allowing one are wanted all).
 */
static int
fetch_children(struct run *r, size_t ri, int parent_left, int layer,
    int keep_all)
{
	const struct mdg_rel	*rel = r->rels[ri];
	struct ent		*pe = &r->ents[(parent_left ? rel->left :
				    rel->right)->index];
	struct ent		*ce = &r->ents[(parent_left ? rel->right :
				    rel->left)->index];
	const struct mdg_key	*pk = parent_left ? &rel->lkey : &rel->rkey;
	const struct mdg_key	*ck = parent_left ? &rel->rkey : &rel->lkey;
	struct child_ctx	 x;
	struct db_fetch		 f;
	char			***vals, **tenants = NULL, *why = NULL;
	size_t			*nvals, nk, i, j, p, nt = 0;
	int			 rc = 0;

	memset(&x, 0, sizeof x);
	x.r = r;
	x.ri = ri;
	x.parent_left = parent_left;
	x.pe = pe;
	x.ce = ce;
	x.ck = ck;
	x.fold = r->fold[ri];
	x.layer = layer;
	x.keep_all = keep_all;
	x.tenant = rel->tenant == MDG_TENANT_AUTO && pe->tenant >= 0 &&
	    ce->tenant >= 0;
	x.capped = !keep_all;
	x.want_hits = mandatory(parent_left ? rel->rcard : rel->lcard);
	r->fetched[ri] |= parent_left ? 1 : 2;
	hmap_init(&x.hit, 16);
	vals = xcalloc(ck->nterms + 1, sizeof *vals);
	nvals = xcalloc(ck->nterms + 1, sizeof *nvals);
	for (i = 0; i < ck->nterms; i++) {
		if (ck->terms[i].kind == MDG_TERM_ANY ||
		    ck->terms[i].kind == MDG_TERM_ELEM)
			x.capped = 0;	/* capped below, row by row */
		vals[i] = parent_values(r, pe, &pk->terms[i], &nvals[i]);
		if (nvals[i] == 0)
			goto out;	/* no parent has the key set */
	}
	fetch_init(&f, r, ce);
	f.key = ck;
	f.vals = (char *const *const *)vals;
	f.nvals = nvals;
	/*
	 * The server caps (a window per key tuple) only a cap that can save
	 * rows worth its cost: numbering the rows costs a sort of them all,
	 * which at 125,000 rows took longer than sending them.  A larger cap
	 * is applied here, as rows arrive in the same order: the same rows
	 * are kept, and counted.
	 */
	f.cap = x.capped && r->o->max_rows < SERVER_CAP_MAX ?
	    r->o->max_rows : 0;
	if (x.tenant) {
		tenants = xcalloc(pe->nrows + 1, sizeof *tenants);
		for (i = 0; i < pe->nrows; i++)
			if (pe->rows[i].cols[pe->tenant] != NULL)
				tenants[nt++] = pe->rows[i].cols[pe->tenant];
		/* Each tenant once: most rows share one. */
		nt = sort_distinct(tenants, nt, 0);
		f.tenant_col = "bk_tenant_id";
		f.tenants = tenants;
		f.ntenants = nt;
		for (i = 0; i < pe->nrows; i++)
			if (pe->rows[i].cols[pe->tenant] == NULL)
				f.tenant_col = NULL;	/* one belongs to all */
	}

	/* Which parents each child belongs to, through their key tuples. */
	hmap_init(&x.parents, pe->nrows);
	for (i = 0; i < pe->nrows; i++) {
		nk = tuples_of(r, &x.ts, pe, &pe->rows[i], pk, x.fold);
		for (j = 0; j < nk; j++)
			hmap_add(&x.parents, x.ts.v[j], i);
	}
	x.kept = xcalloc(pe->nrows, sizeof *x.kept);
	x.tot = xcalloc(pe->nrows, sizeof *x.tot);
	if ((rc = db_fetch(r->db, &f, child_row, &x, &why)) == DB_DENIED) {
		/* Privilege or row-level security: said, and the rest drawn. */
		add_unreadable(r, ce->e, rel, layer, strstr(why,
		    "row-level security") != NULL ? "it has row-level security "
		    "(read it as its owner or a role with BYPASSRLS)" :
		    "the server refused: no SELECT privilege");
		free(why);
		rc = 0;
		goto fetched;
	} else if (rc != 0) {
		r->cause = xasprintf("fetching %s for %s: %s", ce->e->name,
		    pe->e->name, why);
		free(why);
		rc = -1;
	}
	for (p = 0; p < pe->nrows && rc == 0; p++) {
		/* How many partners, on a side allowing one. */
		if (x.tot[p] > 1 && at_most_one(parent_left ? rel->rcard :
		    rel->lcard) && single_valued(pk)) {
			struct count c = { ri, pe->rows[p].node, x.tot[p] };

			VEC_PUSH(r->counts, r->ncounts, r->capcounts, c);
		}
		/* "+K more": one summary node per capped parent. */
		if (x.tot[p] <= (long long)x.kept[p])
			continue;
		size_t sn = new_node(r, ce->e, layer, pe->rows[p].node, rel);
		struct inst_node *nd = &r->inst->nodes[sn];

		nd->more = x.tot[p] - (long long)x.kept[p];
		nd->total = x.tot[p];
		nd->id = xasprintf("%s:more:%s", ce->e->name,
		    r->inst->nodes[pe->rows[p].node].id);
		if (parent_left)
			add_edge(r, rel, pe->rows[p].node, sn);
		else
			add_edge(r, rel, sn, pe->rows[p].node);
	}
	if (rc == 0)
		find_ghosts(r, &x);
fetched:
	free(x.kept);
	free(x.tot);
	hmap_free(&x.parents);
	free(tenants);
out:
	hmap_free(&x.hit);
	tuples_free(&x.ts);
	buf_free(&x.ts.b);
	buf_free(&x.scratch);
	for (i = 0; i < ck->nterms; i++)
		strv_free(vals[i], nvals[i]);
	free(vals);
	free(nvals);
	return rc;
}

/*
 * Can the rows on end `xe` of a relation (key xk) be more than one per
 * row of the other end?  Not when the key, with the tenant when it is
 * matched, covers a primary or unique key of the table.
 */
static int
may_repeat(const struct ent *xe, const struct mdg_key *xk, int tenant)
{
	return !db_key_unique(xe->t, xk, tenant);
}

/*
 * Where a side allows one row but the layers never fetch it from the
 * other side (it is at a lower layer, or the same), fetch its rows for
 * the other side's rows: a second row there is a breach to show.
 */
static int
fetch_partners(struct run *r)
{
	const struct mdg_rel	*rel;
	struct ent		*a, *b;
	size_t			 i;
	int			 rc = 0, tenant;

	for (i = 0; i < r->nrels && rc == 0; i++) {
		rel = r->rels[i];
		a = &r->ents[rel->left->index];
		b = &r->ents[rel->right->index];
		if (a->layer < 0 || b->layer < 0 || a->nrows == 0 ||
		    b->nrows == 0)
			continue;
		tenant = rel->tenant == MDG_TENANT_AUTO && a->tenant >= 0 &&
		    b->tenant >= 0;
		/* The left end, seen from the right rows. */
		if (at_most_one(rel->lcard) && !(r->fetched[i] & 2) &&
		    single_valued(&rel->rkey) &&
		    may_repeat(a, &rel->lkey, tenant))
			rc = fetch_children(r, i, 0, a->layer, 1);
		if (rc == 0 && at_most_one(rel->rcard) &&
		    !(r->fetched[i] & 1) && single_valued(&rel->lkey) &&
		    may_repeat(b, &rel->rkey, tenant))
			rc = fetch_children(r, i, 1, b->layer, 1);
	}
	return rc;
}

/* Every followed relation links the rows already there. */
static void
link_rows(struct run *r)
{
	const struct mdg_rel	*rel;
	struct ent		*a, *b;
	struct hmap		 left;
	struct hent		*h;
	struct tuples		 ts;
	size_t			 i, j, k, q, nk;
	int			 tenant;

	memset(&ts, 0, sizeof ts);
	for (i = 0; i < r->nrels; i++) {
		rel = r->rels[i];
		a = &r->ents[rel->left->index];
		b = &r->ents[rel->right->index];
		if (a->nrows == 0 || b->nrows == 0)
			continue;
		tenant = rel->tenant == MDG_TENANT_AUTO && a->tenant >= 0 &&
		    b->tenant >= 0;
		hmap_init(&left, a->nrows);
		for (j = 0; j < a->nrows; j++) {
			nk = tuples_of(r, &ts, a, &a->rows[j], &rel->lkey,
			    r->fold[i]);
			for (k = 0; k < nk; k++)
				hmap_add(&left, ts.v[k], j);
		}
		for (j = 0; j < b->nrows; j++) {
			nk = tuples_of(r, &ts, b, &b->rows[j], &rel->rkey,
			    r->fold[i]);
			for (k = 0; k < nk; k++) {
				if ((h = hmap_get(&left, ts.v[k])) == NULL)
					continue;
				for (q = 0; q < h->n; q++)
					if (!tenant || tenants_agree(a,
					    &a->rows[h->idx[q]], b, &b->rows[j]))
						add_edge(r, rel,
						    a->rows[h->idx[q]].node,
						    b->rows[j].node);
			}
		}
		hmap_free(&left);
	}
	tuples_free(&ts);
	buf_free(&ts.b);
}

/* ---- diagnosis */

struct rel_at {
	uintptr_t	rel;
	size_t		ri;
};

static int
cmp_rel_at(const void *x, const void *y)
{
	const struct rel_at *a = x, *b = y;

	return a->rel < b->rel ? -1 : a->rel > b->rel;
}

/* Relation rel's index in r->rels (by the sorted map), or r->nrels. */
static size_t
rel_index(const struct run *r, const struct rel_at *map,
    const struct mdg_rel *rel)
{
	struct rel_at	 key, *hit;

	key.rel = (uintptr_t)rel;
	hit = bsearch(&key, map, r->nrels, sizeof *map, cmp_rel_at);
	return hit != NULL ? hit->ri : r->nrels;
}

/*
 * The edges grouped by relation, in their order: relation ri's are
 * at[first[ri]] up to at[first[ri + 1]]; one pass, not one per relation.
 */
static size_t *
edges_by_rel(const struct run *r, size_t **firstp)
{
	const struct instance	*in = r->inst;
	struct rel_at		*map;
	size_t			*first, *at, i, ri;

	map = xcalloc(r->nrels + 1, sizeof *map);
	for (i = 0; i < r->nrels; i++) {
		map[i].rel = (uintptr_t)r->rels[i];
		map[i].ri = i;
	}
	qsort(map, r->nrels, sizeof *map, cmp_rel_at);
	/* Count per relation, then place: two lookups, no array of them. */
	first = xcalloc(r->nrels + 3, sizeof *first);
	for (i = 0; i < in->nedges; i++)
		first[rel_index(r, map, in->edges[i].rel) + 2]++;
	for (i = 2; i < r->nrels + 3; i++)
		first[i] += first[i - 1];
	at = xcalloc(in->nedges + 1, sizeof *at);
	for (i = 0; i < in->nedges; i++) {
		ri = rel_index(r, map, in->edges[i].rel);
		at[first[ri + 1]++] = i;
	}
	free(map);
	*firstp = first;
	return at;
}

/*
 * Mark the edges of a row with more partners than its relation allows:
 * counted from the links, or from a capped fetch's total when larger.
 */
static void
mark_breaches(struct run *r)
{
	struct instance		*in = r->inst;
	struct inst_edge	*e;
	long long		*nleft, *nright;
	size_t			*first, *at, i, j, ri;
	int			 lone, rone;

	nleft = xcalloc(in->nnodes + 1, sizeof *nleft);
	nright = xcalloc(in->nnodes + 1, sizeof *nright);
	at = edges_by_rel(r, &first);
	for (ri = 0; ri < r->nrels; ri++) {
		/* Left partners per right row, right partners per left. */
		lone = at_most_one(r->rels[ri]->lcard) &&
		    single_valued(&r->rels[ri]->rkey);
		rone = at_most_one(r->rels[ri]->rcard) &&
		    single_valued(&r->rels[ri]->lkey);
		if (!lone && !rone)
			continue;
		/* Per row: its partners on the left end, on the right end. */
		for (j = first[ri]; j < first[ri + 1]; j++) {
			e = &in->edges[at[j]];
			if (in->nodes[e->from].more > 0)
				nleft[e->to] += in->nodes[e->from].more;
			else
				nleft[e->to]++;
			if (in->nodes[e->to].more > 0)
				nright[e->from] += in->nodes[e->to].more;
			else
				nright[e->from]++;
		}
		for (i = 0; i < r->ncounts; i++) {
			if (r->counts[i].rel != ri)
				continue;
			if (r->counts[i].n > nleft[r->counts[i].node] &&
			    lone && r->ents[r->rels[ri]->right->index].e ==
			    in->nodes[r->counts[i].node].entity)
				nleft[r->counts[i].node] = r->counts[i].n;
			if (r->counts[i].n > nright[r->counts[i].node] &&
			    rone && r->ents[r->rels[ri]->left->index].e ==
			    in->nodes[r->counts[i].node].entity)
				nright[r->counts[i].node] = r->counts[i].n;
		}
		for (j = first[ri]; j < first[ri + 1]; j++) {
			e = &in->edges[at[j]];
			if (e->missing)
				continue;
			if (lone && nleft[e->to] > 1) {
				e->breach = nleft[e->to];
				e->breach_at = 2;
			}
			if (rone && nright[e->from] > 1 &&
			    nright[e->from] > e->breach) {
				e->breach = nright[e->from];
				e->breach_at = 1;
			}
		}
		/* Back to zero where this relation counted. */
		for (j = first[ri]; j < first[ri + 1]; j++) {
			e = &in->edges[at[j]];
			nleft[e->to] = nright[e->from] = 0;
		}
		for (i = 0; i < r->ncounts; i++)
			if (r->counts[i].rel == ri)
				nleft[r->counts[i].node] =
				    nright[r->counts[i].node] = 0;
	}
	free(at);
	free(first);
	free(nleft);
	free(nright);
}

/* Does a value pass a health rule? */
static int
healthy(const struct mdg_health *h, const char *v)
{
	size_t	i;
	int	listed = 0;

	for (i = 0; i < h->nvalues && !listed; i++)
		listed = str_eq(h->values[i], v);
	return h->negate ? !listed : listed;
}

/* Mark the rows whose health columns say they are off or failing. */
static void
mark_health(struct run *r)
{
	struct inst_node	*nd;
	const struct mdg_health	*h;
	const char		*v;
	size_t			 i, j;

	for (i = 0; i < r->inst->nnodes; i++) {
		nd = &r->inst->nodes[i];
		if (nd->more > 0 || nd->missing)
			continue;
		for (j = 0; j < nd->entity->nhealth; j++) {
			h = &nd->entity->health[j];
			if ((v = inst_value(nd, h->column)) == NULL ||
			    healthy(h, v))
				continue;
			nd->bad = xreallocarray(nd->bad, nd->nbad + 1,
			    sizeof *nd->bad);
			nd->bad[nd->nbad].column = h->column;
			nd->bad[nd->nbad].value = xstrdup(v);
			nd->bad[nd->nbad].rule = h;
			nd->nbad++;
		}
	}
}

/*
 * Breadth-first from the root over the model's relations (the document's
 * alone when documented): the first entity of the chosen chains it meets,
 * with via[] the relation each entity was reached by; NULL if none.
 */
static const struct mdg_entity *
reach_selection(const struct run *r, const struct mdg_rel **via,
    int documented)
{
	const struct mdg_model	*m = r->m;
	const struct mdg_entity	*e, *o, *goal = NULL;
	const struct mdg_rel	*rel;
	size_t			 i, j, c, *q, qh = 0, qt = 0;
	int			*seen;

	seen = xcalloc(m->nentities, sizeof *seen);
	q = xcalloc(m->nentities + 1, sizeof *q);
	q[qt++] = r->o->root->index;
	seen[r->o->root->index] = 1;
	while (qh < qt && goal == NULL) {
		e = m->entities[q[qh++]];
		for (c = 0; c < m->nchains && goal == NULL; c++) {
			for (j = 0; j < m->chains[c]->nrels && goal == NULL;
			    j++) {
				rel = m->chains[c]->rels[j];
				o = rel->left == e ? rel->right :
				    rel->right == e ? rel->left : NULL;
				if (o == NULL || seen[o->index] ||
				    excluded(r, o) || (documented &&
				    (rel->hidden || rel->extra)))
					continue;
				seen[o->index] = 1;
				via[o->index] = rel;
				q[qt++] = o->index;
				for (i = 0; i < r->o->nchains && goal == NULL;
				    i++)
					if (chain_has(r->o->chains[i], o))
						goal = o;
			}
		}
	}
	free(seen);
	free(q);
	return goal;
}

/*
 * When the chosen chains reach nothing from the root, the chains that
 * would: those of the relations on a shortest path from the root to an
 * entity of the chosen chains, over the document's relations if they get
 * there (the path a reader of the document expects), else over all.
 */
static char *
unreachable(const struct run *r)
{
	const struct mdg_model	*m = r->m;
	const struct mdg_rel	**via, *rel;
	const struct mdg_chain	**use;
	const struct mdg_entity	*e, *goal;
	struct buf		 b;
	size_t			 i, c, nuse = 0;
	char			*names, *w;

	for (i = 0; i < m->nentities; i++)
		if ((int)i != (int)r->o->root->index && r->ents[i].layer >= 0)
			return NULL;	/* something is reached */
	if (r->o->nchains == 0)
		return NULL;
	via = xcalloc(m->nentities, sizeof *via);
	if ((goal = reach_selection(r, via, 1)) == NULL)
		goal = reach_selection(r, via, 0);
	if (goal == NULL) {
		free(via);
		return xasprintf("the chosen chains reach nothing from %s",
		    r->o->root->name);
	}
	use = xcalloc(m->nchains + r->o->nchains + 1, sizeof *use);
	for (i = 0; i < r->o->nchains; i++)
		use[nuse++] = r->o->chains[i];
	for (e = goal; e != r->o->root; ) {
		rel = via[e->index];
		for (i = 0; i < nuse && use[i] != rel->chain; i++)
			;
		if (i == nuse)
			use[nuse++] = rel->chain;
		e = rel->left == e ? rel->right : rel->left;
	}
	buf_init(&b);
	for (c = 0; c < m->nchains; c++)
		for (i = 0; i < nuse; i++)
			if (use[i] == m->chains[c])
				buf_printf(&b, "%s%s", b.len ? "," : "",
				    m->chains[c]->name);
	free(via);
	free(use);
	names = buf_detach(&b);
	w = xasprintf("the chosen chains reach nothing from %s but itself: "
	    "--chain %s would reach %s", r->o->root->name, names, goal->name);
	free(names);
	return w;
}

/* ---- order: layer, entity, id; edges by their ends */

/* strcmp, but runs of digits compare as numbers: id=5 before id=40. */
static int
natcmp(const char *a, const char *b)
{
	size_t na, nb, i;

	/*
	 * Skip the bytes both share (ids of one entity share a long
	 * prefix), back to the start of a number they end inside of.
	 */
	for (i = 0; a[i] == b[i] && a[i] != '\0'; i++)
		;
	while (i > 0 && a[i - 1] >= '0' && a[i - 1] <= '9')
		i--;
	a += i;
	b += i;

	while (*a != '\0' && *b != '\0') {
		if (*a >= '0' && *a <= '9' && *b >= '0' && *b <= '9') {
			while (*a == '0' && a[1] >= '0' && a[1] <= '9')
				a++;
			while (*b == '0' && b[1] >= '0' && b[1] <= '9')
				b++;
			for (na = 0; a[na] >= '0' && a[na] <= '9'; na++)
				;
			for (nb = 0; b[nb] >= '0' && b[nb] <= '9'; nb++)
				;
			if (na != nb)
				return na < nb ? -1 : 1;
			if (strncmp(a, b, na) != 0)
				return strncmp(a, b, na);
			a += na;
			b += nb;
			continue;
		}
		if (*a != *b)
			return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
		a++;
		b++;
	}
	return *a == *b ? 0 : *a == '\0' ? -1 : 1;
}

/*
 * A node's place: layer, entity and summary-last packed in one number,
 * then its id, then where it was (so equal nodes keep their order).
 */
struct place {
	uint64_t	 rank;
	const char	*id;
	size_t		 at;
};

static int
cmp_place(const void *x, const void *y)
{
	const struct place *a = x, *b = y;
	int c;

	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	if ((c = natcmp(a->id, b->id)) != 0)
		return c;
	return a->at < b->at ? -1 : a->at > b->at;
}

static int
cmp_edge(const void *x, const void *y)
{
	const struct inst_edge *a = x, *b = y;
	int c;

	if (a->from != b->from)
		return a->from < b->from ? -1 : 1;
	if (a->to != b->to)
		return a->to < b->to ? -1 : 1;
	if (a->rel == b->rel)
		return 0;
	if ((c = strcmp(a->rel->label, b->rel->label)) != 0)
		return c;
	if ((c = strcmp(a->rel->chain->name, b->rel->chain->name)) != 0)
		return c;
	return a->rel->index < b->rel->index ? -1 : 1;
}

/* Sort nodes and edges; drop an edge the final pass found twice. */
static void
finish(struct run *r)
{
	struct instance		*in = r->inst;
	struct inst_node	 t, *nd;
	struct place		*order;
	size_t			*where, i, k, n = in->nnodes ? in->nnodes : 1;

	/* Sort places, not the nodes: each is a large struct. */
	order = xcalloc(n, sizeof *order);
	for (i = 0; i < in->nnodes; i++) {
		nd = &in->nodes[i];
		/* Entities number far fewer than 2^31. */
		order[i].rank = (uint64_t)((int64_t)nd->layer - INT_MIN) << 32 |
		    (uint64_t)nd->entity->index << 1 | (nd->more > 0);
		order[i].id = nd->id;
		order[i].at = i;
	}
	qsort(order, in->nnodes, sizeof *order, cmp_place);
	where = xcalloc(n, sizeof *where);
	for (i = 0; i < in->nnodes; i++)
		where[order[i].at] = i;
	free(order);
	for (i = 0; i < in->nnodes; i++)
		if (in->nodes[i].parent != INST_NONE)
			in->nodes[i].parent = where[in->nodes[i].parent];
	for (i = 0; i < in->nedges; i++) {
		in->edges[i].from = where[in->edges[i].from];
		in->edges[i].to = where[in->edges[i].to];
	}
	/* Move each node to where[] in place: every swap places one. */
	for (i = 0; i < in->nnodes; i++) {
		while ((k = where[i]) != i) {
			t = in->nodes[i];
			in->nodes[i] = in->nodes[k];
			in->nodes[k] = t;
			where[i] = where[k];
			where[k] = k;
		}
	}
	free(where);
	qsort(in->edges, in->nedges, sizeof *in->edges, cmp_edge);
	for (k = 0, i = 0; i < in->nedges; i++) {
		if (k > 0 && cmp_edge(&in->edges[k - 1], &in->edges[i]) == 0) {
			in->edges[k - 1].missing |= in->edges[i].missing;
			continue;
		}
		in->edges[k++] = in->edges[i];
	}
	in->nedges = k;
}

int
sample_run(struct db *db, const struct db_schema *schema,
    const struct mdg_model *m, const struct sample_opts *o,
    struct instance **out, char **warning, char **cause)
{
	struct run	 r;
	struct ent	*en;
	size_t		 i, k;
	int		 rc = 0, layer, maxlayer = 0;

	*warning = NULL;
	memset(&r, 0, sizeof r);
	r.db = db;
	r.schema = schema;
	r.m = m;
	r.o = o;
	r.view = view_new_opts(m, o->chains, o->nchains, o->relations_all);
	hmap_init(&r.ghosts, 16);
	hmap_init(&r.unparsed, 16);
	r.unread = xcalloc(m->nentities + 1, sizeof *r.unread);
	r.inst = xcalloc(1, sizeof *r.inst);
	r.inst->model = m;
	r.inst->chains = xcalloc(o->nchains + 1, sizeof *r.inst->chains);
	for (i = 0; i < r.view->nchains; i++)
		r.inst->chains[r.inst->nchains++] = r.view->chains[i];
	r.inst->root = o->root;
	r.inst->column = xstrdup(o->column);
	r.inst->value = xstrdup(o->value);
	r.inst->tenant = o->tenant ? xstrdup(o->tenant) : NULL;
	r.ents = xcalloc(m->nentities, sizeof *r.ents);
	for (i = 0; i < m->nentities; i++) {
		en = &r.ents[i];
		en->e = m->entities[i];
		en->t = db_entity_table(schema, en->e);
		en->layer = -1;
		en->tenant = -1;
	}
	en = &r.ents[o->root->index];
	if (en->t == NULL || !en->t->readable) {
		rc = -1;
		r.cause = en->t == NULL ?
		    xasprintf("no table %s for %s in schema %s",
		    o->root->table ? o->root->table : "(abstract)",
		    o->root->name, schema->name) :
		    xasprintf("no SELECT privilege on %s", en->t->name);
		goto out;
	}
	en->home = home_chain(&r, o->root);
	collect_rels(&r);
	assign_layers(&r);
	for (i = 0; i < m->nentities; i++) {
		if (r.ents[i].layer < 0)
			continue;
		if (o->depth >= 0 && r.ents[i].layer > o->depth)
			r.ents[i].layer = -1;
		else {
			r.ents[i].home = home_chain(&r, r.ents[i].e);
			if (r.ents[i].layer > maxlayer)
				maxlayer = r.ents[i].layer;
		}
	}
	plan_columns(&r);
	if ((rc = fetch_root(&r)) != 0)
		goto out;
	/*
	 * The rows of an entity at layer L: those matching the rows of every
	 * entity below it, along every followed relation.  Over documented
	 * relations that is layer L-1 alone.
	 */
	for (layer = 1; layer <= maxlayer && rc == 0; layer++) {
		for (k = 0; k < r.nrels && rc == 0; k++) {
			const struct mdg_rel *rel = r.rels[k];
			int ll = r.ents[rel->left->index].layer;
			int rl = r.ents[rel->right->index].layer;

			if (ll >= 0 && ll < layer && rl == layer)
				rc = fetch_children(&r, k, 1, layer, 0);
			else if (rl >= 0 && rl < layer && ll == layer)
				rc = fetch_children(&r, k, 0, layer, 0);
			if (o->progress != NULL)
				o->progress(o->progress_arg, layer, maxlayer);
		}
	}
	if (rc == 0)
		rc = fetch_partners(&r);
	if (rc == 0) {
		mark_blocked(&r);
		link_rows(&r);
		mark_breaches(&r);
		mark_health(&r);
		*warning = unreachable(&r);
		finish(&r);
		r.inst->layers = maxlayer + 1;
	}
out:
	for (i = 0; i < m->nentities; i++) {
		en = &r.ents[i];
		free(en->rows);		/* their values are their nodes' */
		free(en->cols);
		free(en->isbool);
		free(en->shown_at);
		free(en->ids);
	}
	free(r.ents);
	for (k = 0; r.fold != NULL && k < r.nrels; k++)
		free(r.fold[k]);
	free(r.fold);
	free(r.fetched);
	free(r.counts);
	free(r.rels);
	free(r.blocked);
	free(r.unread);
	hmap_free(&r.ghosts);
	buf_free(&r.idbuf);
	hmap_free(&r.unparsed);
	view_free(r.view);
	if (rc != 0) {
		*cause = r.cause;
		instance_free(r.inst);
		return rc;
	}
	*out = r.inst;
	return 0;
}
