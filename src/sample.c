/*
 * sample.c -- fetch the rows of an instance diagram.
 *
 * Each entity type reached gets the columns it needs (identity, join keys,
 * tenant, documented attributes).  Child rows come from one query per
 * relation per layer: WHERE key = ANY($1), the parent keys as an array
 * parameter; a window caps each parent's children at --max-rows and counts
 * the rest in the same query.  Rows are matched to their parents, and at
 * the end every relation links the rows already fetched, through a hash
 * of key values.
 */
#include "config.h"

#include <limits.h>
#include <stdint.h>
#include <string.h>

#include "sample.h"
#include "util.h"

#define SEP	"\x1f"		/* between the terms of a key tuple */
#define SHOWN_ATTRS	4	/* documented attributes on a node */
#define SHOWN_WIDTH	40	/* characters of a value on a node */

/* ---- per entity type */

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
	unsigned char		 *isbool;	/* by selected column */
	struct row		 *rows;
	size_t			  nrows, caprows;
	struct hmap		  ids;		/* row id -> row */
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
	struct instance		 *inst;
	size_t			  capnodes, capedges;
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

/* Can the relation be followed: both tables readable, every column there. */
static int
rel_usable(const struct run *r, const struct mdg_rel *rel)
{
	const struct mdg_key	*k;
	const struct db_table	*t;
	size_t			 side, i, p;

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
		if (r->o->chain != NULL && c != r->o->chain)
			continue;
		for (j = 0; j < c->nrels; j++) {
			for (dup = 0, k = 0; k < r->nrels && !dup; k++)
				dup = same_rel(r->rels[k], c->rels[j]);
			if (!dup && rel_usable(r, c->rels[j]))
				VEC_PUSH(r->rels, r->nrels, cap, c->rels[j]);
		}
	}
	plan_folds(r);
}

/* Layers: breadth first from the root over the relations, both ways. */
static void
assign_layers(struct run *r)
{
	const struct mdg_rel	*rel;
	struct ent		*a, *b;
	size_t			 i;
	int			 k, grew = 1;

	r->ents[r->o->root->index].layer = 0;
	for (k = 0; grew; k++) {
		grew = 0;
		for (i = 0; i < r->nrels; i++) {
			rel = r->rels[i];
			a = &r->ents[rel->left->index];
			b = &r->ents[rel->right->index];
			if (a->layer == k && b->layer < 0)
				b->layer = k + 1, grew = 1;
			else if (b->layer == k && a->layer < 0)
				a->layer = k + 1, grew = 1;
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
		if (r->o->chain != NULL && c != r->o->chain)
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

/* Which columns each reachable entity needs. */
static void
plan_columns(struct run *r)
{
	const struct mdg_view_entity	*ve;
	struct ent			*en;
	size_t				 i, j;

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
		if ((ve = view_entity(r->view, en->e)) != NULL)
			for (j = 0; j < ve->nattrs; j++)
				want_col(en, ve->attrs[j].name);
		if (en->npk == 0) {
			/* No primary key: every selected column is identity. */
			en->npk = en->ncols;
		}
		en->isbool = xcalloc(en->ncols + 1, 1);
		for (j = 0; j < en->ncols; j++)
			en->isbool[j] = str_eq(db_table_column(en->t,
			    en->cols[j])->vocab, "bool");
	}
}

/* ---- key values of a row */

/* Elements of a JSON array of scalars, as text; NULL if not an array. */
static char **
json_elements(const char *s, size_t *n)
{
	char		**out = NULL;
	struct buf	  b;
	size_t		  cap = 0;
	unsigned	  u;

	*n = 0;
	while (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r')
		s++;
	if (*s++ != '[')
		return NULL;
	buf_init(&b);
	for (;;) {
		while (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r' ||
		    *s == ',')
			s++;
		if (*s == ']' || *s == '\0')
			break;
		buf_reset(&b);
		if (*s == '"') {
			for (s++; *s != '\0' && *s != '"'; s++) {
				if (*s != '\\') {
					buf_putc(&b, *s);
					continue;
				}
				switch (*++s) {
				case 'n': buf_putc(&b, '\n'); break;
				case 't': buf_putc(&b, '\t'); break;
				case 'r': buf_putc(&b, '\r'); break;
				case 'b': buf_putc(&b, '\b'); break;
				case 'f': buf_putc(&b, '\f'); break;
				case 'u':
					if (sscanf(s + 1, "%4x", &u) != 1)
						u = '?';
					s += 4;
					if (u < 0x80)
						buf_putc(&b, (char)u);
					else if (u < 0x800) {
						buf_putc(&b, (char)(0xc0 | u >> 6));
						buf_putc(&b, (char)(0x80 | (u & 0x3f)));
					} else {
						buf_putc(&b, (char)(0xe0 | u >> 12));
						buf_putc(&b, (char)(0x80 | (u >> 6 & 0x3f)));
						buf_putc(&b, (char)(0x80 | (u & 0x3f)));
					}
					break;
				case '\0':
					s--;
					break;
				default: buf_putc(&b, *s); break;
				}
			}
			if (*s == '"')
				s++;
		} else {
			while (*s != '\0' && *s != ',' && *s != ']' &&
			    *s != ' ')
				buf_putc(&b, *s++);
			if (str_eq(b.data ? b.data : "", "null"))
				continue;
		}
		VEC_PUSH(out, *n, cap, xstrdup(b.data ? b.data : ""));
	}
	buf_free(&b);
	return out;
}

static int
unset(const char *v)
{
	return v == NULL || *v == '\0' || str_eq(v, "0");
}

/* The values one term takes on a row (several for any() and elem()). */
static size_t
term_values(const struct ent *en, const struct row *row,
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
		    (el = json_elements(row->cols[c], &ne)) != NULL) {
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
 * Every key tuple of a row under a key: the terms' values joined by SEP
 * (the cross product when a term has several), and the tenant after
 * them when `tenant`.
 */
static size_t
row_keys(const struct ent *en, const struct row *row, const struct mdg_key *k,
    int tenant, const int *fold, char ***out)
{
	char	**tuples, **next, **vals, *f;
	size_t	  n = 1, nn, nv, i, j, t;
	const char *tv;

	tuples = xcalloc(1, sizeof *tuples);
	tuples[0] = xstrdup("");
	for (t = 0; t < k->nterms && n > 0; t++) {
		nv = term_values(en, row, &k->terms[t], &vals);
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
	if (tenant && en->tenant >= 0) {
		tv = row->cols[en->tenant] ? row->cols[en->tenant] : "";
		for (i = 0; i < n; i++) {
			char *x = xasprintf("%s\x1e%s", tuples[i], tv);

			free(tuples[i]);
			tuples[i] = x;
		}
	}
	*out = tuples;
	return n;
}

/* ---- nodes and edges */

static char *
row_id(const struct ent *en, char **cols)
{
	struct buf	b;
	size_t		i;

	buf_init(&b);
	buf_printf(&b, "%s:", en->e->name);
	for (i = 0; i < en->npk; i++)
		buf_printf(&b, "%s%s=%s", i ? "," : "", en->cols[i],
		    cols[i] ? cols[i] : "NULL");
	return buf_detach(&b);
}

static void
node_show(struct inst_node *nd, const char *name, const char *value,
    int key)
{
	size_t i;

	for (i = 0; i < nd->nshown; i++)
		if (str_eq(nd->names[i], name))
			return;
	nd->names = xreallocarray(nd->names, nd->nshown + 1,
	    sizeof *nd->names);
	nd->values = xreallocarray(nd->values, nd->nshown + 1,
	    sizeof *nd->values);
	nd->names[nd->nshown] = xstrdup(name);
	nd->values[nd->nshown] = value ? shorten(value, SHOWN_WIDTH) : NULL;
	nd->nshown++;
	if (key)
		nd->nkeys = nd->nshown;
}

static size_t
new_node(struct run *r, const struct mdg_entity *e, int layer)
{
	struct instance		*in = r->inst;
	struct inst_node	 nd;

	memset(&nd, 0, sizeof nd);
	nd.entity = e;
	nd.home = r->ents[e->index].home;
	nd.layer = layer;
	VEC_PUSH(in->nodes, in->nnodes, r->capnodes, nd);
	return in->nnodes - 1;
}

/* A fetched row: deduplicated by identity, a node on first sight. */
static size_t
add_row(struct run *r, struct ent *en, char **cols, int layer, int *fresh)
{
	const struct mdg_view_entity	*ve;
	struct inst_node		*nd;
	struct hent			*h;
	struct row			 row;
	char				*id = row_id(en, cols);
	size_t				 i, shown;
	int				 c;

	if ((h = hmap_get(&en->ids, id)) != NULL) {
		free(id);
		strv_free(cols, en->ncols);
		*fresh = 0;
		return h->idx[0];
	}
	*fresh = 1;
	row.cols = cols;
	row.node = new_node(r, en->e, layer);
	nd = &r->inst->nodes[row.node];
	nd->id = id;
	/* Keys first: identity, then join columns; then a few attributes. */
	for (i = 0; i < en->ncols; i++)
		if (i < en->npk || rels_join_on(r->rels, r->nrels, en->e, en->cols[i]))
			node_show(nd, en->cols[i], cols[i], 1);
	if ((ve = view_entity(r->view, en->e)) != NULL) {
		for (shown = 0, i = 0; i < ve->nattrs && shown < SHOWN_ATTRS;
		    i++) {
			size_t before = nd->nshown;

			if ((c = col_index(en, ve->attrs[i].name)) < 0)
				continue;
			node_show(nd, ve->attrs[i].name, cols[c], 0);
			shown += nd->nshown > before;
		}
	}
	if (nd->nshown == 0 && en->ncols > 0)
		node_show(nd, en->cols[0], cols[0], 1);
	VEC_PUSH(en->rows, en->nrows, en->caprows, row);
	hmap_add(&en->ids, id, en->nrows - 1);
	return en->nrows - 1;
}

static void
add_edge(struct run *r, const struct mdg_rel *rel, size_t from, size_t to)
{
	struct inst_edge e;

	e.rel = rel;
	e.from = from;
	e.to = to;
	VEC_PUSH(r->inst->edges, r->inst->nedges, r->capedges, e);
}

/* ---- queries */

/*
 * A fetched row's values, kept.  Booleans read true or false, whatever
 * the server spells them (t/f, 1/0).
 */
static char **
copy_cols(const struct ent *en, const char *const *src)
{
	char		**cols = xcalloc(en->ncols ? en->ncols : 1,
			    sizeof *cols);
	const char	 *v;
	size_t		  i;

	for (i = 0; i < en->ncols; i++) {
		if ((v = src[i]) != NULL && en->isbool[i])
			v = str_eq(v, "t") || str_eq(v, "1") ? "true" :
			    str_eq(v, "f") || str_eq(v, "0") ? "false" : v;
		cols[i] = v ? xstrdup(v) : NULL;
	}
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
	int		 fresh;

	(void)total;
	add_row(x->r, x->en, copy_cols(x->en, cols), 0, &fresh);
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

/* Distinct values of term t over the parents' rows (sorted). */
static char **
parent_values(const struct ent *pe, const struct mdg_term *t, size_t *n)
{
	char	**all = NULL, **vals;
	size_t	  nall = 0, cap = 0, nv, i, j, k;

	for (i = 0; i < pe->nrows; i++) {
		nv = term_values(pe, &pe->rows[i], t, &vals);
		for (j = 0; j < nv; j++)
			VEC_PUSH(all, nall, cap, vals[j]);
		free(vals);
	}
	if (nall > 1)
		qsort(all, nall, sizeof *all, cmp_str);
	for (k = 0, i = 0; i < nall; i++) {
		if (k > 0 && str_eq(all[k - 1], all[i]))
			free(all[i]);
		else
			all[k++] = all[i];
	}
	*n = k;
	return all;
}

/* One relation's fetch: whose rows they are, and what each parent got. */
struct child_ctx {
	struct run		*r;
	struct ent		*pe, *ce;
	const struct mdg_key	*ck;
	const int		*fold;		/* per term: FOLD_* */
	struct hmap		 parents;	/* parent key tuple -> rows */
	size_t			*kept;		/* per parent: children kept */
	long long		*tot;		/* and in all, when known */
	int			 tenant, capped, layer;
};

static int
child_row(void *arg, const char *const *cols, long long total)
{
	struct child_ctx	*x = arg;
	struct hent		*h;
	struct row		 probe;
	char			**keys;
	size_t			 nk, j, q, p;
	int			 any = 0, keep = 0, fresh;

	probe.cols = copy_cols(x->ce, cols);
	nk = row_keys(x->ce, &probe, x->ck, x->tenant, x->fold, &keys);
	for (j = 0; j < nk; j++) {
		if ((h = hmap_get(&x->parents, keys[j])) == NULL)
			continue;
		for (q = 0; q < h->n; q++) {
			p = h->idx[q];
			any = 1;
			if (x->capped)
				x->tot[p] = total;
			else
				x->tot[p]++;
			if ((long long)x->kept[p] < x->r->o->max_rows) {
				x->kept[p]++;
				keep = 1;
			}
		}
	}
	strv_free(keys, nk);
	if (!any || !keep)
		strv_free(probe.cols, x->ce->ncols);	/* a superset row, or capped */
	else
		add_row(x->r, x->ce, probe.cols, x->layer, &fresh);
	return 0;
}

/*
 * Fetch the child rows of one relation: children `ce` whose key `ck`
 * matches the key `pk` of the parents `pe` already fetched.
 */
static int
fetch_children(struct run *r, size_t ri, int parent_left, int layer)
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
	char			***vals, **tenants = NULL, **keys, *why = NULL;
	size_t			*nvals, nk, i, j, p, nt = 0;
	int			 rc = 0;

	memset(&x, 0, sizeof x);
	x.r = r;
	x.pe = pe;
	x.ce = ce;
	x.ck = ck;
	x.fold = r->fold[ri];
	x.layer = layer;
	x.tenant = rel->tenant == MDG_TENANT_AUTO && pe->tenant >= 0 &&
	    ce->tenant >= 0;
	x.capped = 1;
	vals = xcalloc(ck->nterms + 1, sizeof *vals);
	nvals = xcalloc(ck->nterms + 1, sizeof *nvals);
	for (i = 0; i < ck->nterms; i++) {
		if (ck->terms[i].kind == MDG_TERM_ANY ||
		    ck->terms[i].kind == MDG_TERM_ELEM)
			x.capped = 0;	/* capped below, row by row */
		vals[i] = parent_values(pe, &pk->terms[i], &nvals[i]);
		if (nvals[i] == 0)
			goto out;	/* no parent has the key set */
	}
	fetch_init(&f, r, ce);
	f.key = ck;
	f.vals = (char *const *const *)vals;
	f.nvals = nvals;
	f.cap = x.capped ? r->o->max_rows : 0;
	if (x.tenant) {
		tenants = xcalloc(pe->nrows + 1, sizeof *tenants);
		for (i = 0; i < pe->nrows; i++)
			if (pe->rows[i].cols[pe->tenant] != NULL)
				tenants[nt++] = pe->rows[i].cols[pe->tenant];
		f.tenant_col = "bk_tenant_id";
		f.tenants = tenants;
		f.ntenants = nt;
	}

	/* Which parents each child belongs to, through their key tuples. */
	hmap_init(&x.parents, pe->nrows);
	for (i = 0; i < pe->nrows; i++) {
		nk = row_keys(pe, &pe->rows[i], pk, x.tenant, x.fold, &keys);
		for (j = 0; j < nk; j++)
			hmap_add(&x.parents, keys[j], i);
		strv_free(keys, nk);
	}
	x.kept = xcalloc(pe->nrows, sizeof *x.kept);
	x.tot = xcalloc(pe->nrows, sizeof *x.tot);
	if (db_fetch(r->db, &f, child_row, &x, &why) != 0) {
		r->cause = xasprintf("fetching %s for %s: %s", ce->e->name,
		    pe->e->name, why);
		free(why);
		rc = -1;
	}
	/* "+K more": one summary node per capped parent. */
	for (p = 0; p < pe->nrows && rc == 0; p++) {
		if (x.tot[p] <= (long long)x.kept[p])
			continue;
		size_t sn = new_node(r, ce->e, layer);
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
	free(x.kept);
	free(x.tot);
	hmap_free(&x.parents);
	free(tenants);
out:
	for (i = 0; i < ck->nterms; i++)
		strv_free(vals[i], nvals[i]);
	free(vals);
	free(nvals);
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
	char			**keys;
	size_t			 i, j, k, q, nk;
	int			 tenant;

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
			nk = row_keys(a, &a->rows[j], &rel->lkey, tenant, r->fold[i],
			    &keys);
			for (k = 0; k < nk; k++)
				hmap_add(&left, keys[k], j);
			strv_free(keys, nk);
		}
		for (j = 0; j < b->nrows; j++) {
			nk = row_keys(b, &b->rows[j], &rel->rkey, tenant, r->fold[i],
			    &keys);
			for (k = 0; k < nk; k++) {
				if ((h = hmap_get(&left, keys[k])) == NULL)
					continue;
				for (q = 0; q < h->n; q++)
					add_edge(r, rel, a->rows[h->idx[q]].node,
					    b->rows[j].node);
			}
			strv_free(keys, nk);
		}
		hmap_free(&left);
	}
}

/* ---- order: layer, entity, id; edges by their ends */

/* strcmp, but runs of digits compare as numbers: id=5 before id=40. */
static int
natcmp(const char *a, const char *b)
{
	size_t na, nb;

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

static int
cmp_node(const void *x, const void *y)
{
	const struct inst_node *a = x, *b = y;

	if (a->layer != b->layer)
		return a->layer < b->layer ? -1 : 1;
	if (a->entity != b->entity)
		return a->entity->index < b->entity->index ? -1 : 1;
	if ((a->more > 0) != (b->more > 0))
		return a->more > 0 ? 1 : -1;
	return natcmp(a->id, b->id);
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
	struct instance	*in = r->inst;
	struct sortable {
		struct inst_node	n;
		size_t			old;
	} *tmp;
	size_t		*where, i, k, n = in->nnodes ? in->nnodes : 1;

	tmp = xcalloc(n, sizeof *tmp);
	for (i = 0; i < in->nnodes; i++) {
		tmp[i].n = in->nodes[i];
		tmp[i].old = i;
	}
	/* cmp_node only looks at the node, the first member. */
	qsort(tmp, in->nnodes, sizeof *tmp, cmp_node);
	where = xcalloc(n, sizeof *where);
	for (i = 0; i < in->nnodes; i++) {
		in->nodes[i] = tmp[i].n;
		where[tmp[i].old] = i;
	}
	free(tmp);
	for (i = 0; i < in->nedges; i++) {
		in->edges[i].from = where[in->edges[i].from];
		in->edges[i].to = where[in->edges[i].to];
	}
	free(where);
	qsort(in->edges, in->nedges, sizeof *in->edges, cmp_edge);
	for (k = 0, i = 0; i < in->nedges; i++) {
		if (k > 0 && cmp_edge(&in->edges[k - 1], &in->edges[i]) == 0)
			continue;
		in->edges[k++] = in->edges[i];
	}
	in->nedges = k;
}

int
sample_run(struct db *db, const struct db_schema *schema,
    const struct mdg_model *m, const struct sample_opts *o,
    struct instance **out, char **cause)
{
	struct run	 r;
	struct ent	*en;
	size_t		 i, k;
	int		 rc = 0, layer, maxlayer = 0;

	memset(&r, 0, sizeof r);
	r.db = db;
	r.schema = schema;
	r.m = m;
	r.o = o;
	r.view = view_new(m, o->chain);
	r.inst = xcalloc(1, sizeof *r.inst);
	r.inst->model = m;
	r.inst->chain = o->chain;
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
		hmap_init(&en->ids, 16);
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
	for (layer = 0; layer < maxlayer && rc == 0; layer++) {
		for (k = 0; k < r.nrels && rc == 0; k++) {
			const struct mdg_rel *rel = r.rels[k];
			int ll = r.ents[rel->left->index].layer;
			int rl = r.ents[rel->right->index].layer;

			if (ll == layer && rl == layer + 1)
				rc = fetch_children(&r, k, 1, layer + 1);
			else if (rl == layer && ll == layer + 1)
				rc = fetch_children(&r, k, 0, layer + 1);
		}
	}
	if (rc == 0) {
		link_rows(&r);
		finish(&r);
		r.inst->layers = maxlayer + 1;
	}
out:
	for (i = 0; i < m->nentities; i++) {
		en = &r.ents[i];
		for (k = 0; k < en->nrows; k++)
			strv_free(en->rows[k].cols, en->ncols);
		free(en->rows);
		free(en->cols);
		free(en->isbool);
		hmap_free(&en->ids);
	}
	free(r.ents);
	for (k = 0; r.fold != NULL && k < r.nrels; k++)
		free(r.fold[k]);
	free(r.fold);
	free(r.rels);
	view_free(r.view);
	if (rc != 0) {
		*cause = r.cause;
		instance_free(r.inst);
		return rc;
	}
	*out = r.inst;
	return 0;
}
