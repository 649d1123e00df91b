/*
 * live.c -- look things up in the live schema, and lay it over a view.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "live.h"
#include "util.h"

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

void
db_table_constraint(struct db_table *t, char type, const char *name,
    const char *column, const char *reftable, const char *refcolumn)
{
	struct db_constraint	*k = t->ncons ? &t->cons[t->ncons - 1] : NULL;
	struct db_column	*c;

	if (k == NULL || k->type != type || !str_eq(k->name, name)) {
		if (t->ncons == t->capcons) {
			t->capcons = t->capcons ? t->capcons * 2 : 4;
			t->cons = xreallocarray(t->cons, t->capcons,
			    sizeof *t->cons);
		}
		k = &t->cons[t->ncons++];
		memset(k, 0, sizeof *k);
		k->type = type;
		k->name = xstrdup(name);
		k->reftable = reftable ? xstrdup(reftable) : NULL;
	}
	if (k->ncols == k->cap) {
		k->cap = k->cap ? k->cap * 2 : 4;
		k->cols = xreallocarray(k->cols, k->cap, sizeof *k->cols);
		k->refcols = xreallocarray(k->refcols, k->cap,
		    sizeof *k->refcols);
	}
	k->cols[k->ncols] = xstrdup(column);
	k->refcols[k->ncols++] = refcolumn ? xstrdup(refcolumn) : NULL;
	if ((c = db_table_column(t, column)) != NULL) {
		if (type == 'p')
			c->pk = 1;
		else if (type == 'u')
			c->uk = 1;
		else if (type == 'f')
			c->fk = 1;
	}
}

int
db_table_unique(const struct db_table *t, const char *const *cols, size_t n)
{
	const struct db_constraint	*k;
	size_t				 i, j, j2;
	int				 found;

	for (i = 0; i < t->ncons; i++) {
		k = &t->cons[i];
		if (k->type == 'f' || k->ncols == 0)
			continue;
		for (found = 1, j = 0; j < k->ncols && found; j++)
			for (found = 0, j2 = 0; j2 < n && !found; j2++)
				found = str_eq(k->cols[j], cols[j2]);
		if (found)
			return 1;
	}
	return 0;
}

int
db_key_unique(const struct db_table *t, const struct mdg_key *k, int tenant)
{
	const char	**cols = xcalloc(k->nterms + 2, sizeof *cols);
	size_t		  i, n = 0;
	int		  yes = 1;

	for (i = 0; i < k->nterms && yes; i++) {
		if (k->terms[i].kind != MDG_TERM_COLUMN)
			yes = 0;
		else
			cols[n++] = k->terms[i].parts[0];
	}
	if (tenant)
		cols[n++] = "bk_tenant_id";
	yes = yes && db_table_unique(t, cols, n);
	free(cols);
	return yes;
}

int
db_column_fold(const struct db_column *c)
{
	return c == NULL ? 0 : (c->nocase ? FOLD_CASE : 0) |
	    (c->padspace ? FOLD_PAD : 0);
}

/* The lower-case letter of code point u, for the scripts named above. */
static unsigned
lower(unsigned u)
{
	if ((u >= 'A' && u <= 'Z') || (u >= 0xc0 && u <= 0xde && u != 0xd7) ||
	    (u >= 0x391 && u <= 0x3ab && u != 0x3a2) ||
	    (u >= 0x410 && u <= 0x42f))
		return u + 0x20;
	if (u >= 0x400 && u <= 0x40f)
		return u + 0x50;
	return u;
}

char *
fold_value(const char *s, int how)
{
	const unsigned char	*p = (const unsigned char *)s;
	struct buf		 b;
	size_t			 n = strlen(s);
	unsigned		 u;

	if (how & FOLD_PAD)
		while (n > 0 && s[n - 1] == ' ')
			n--;
	if (!(how & FOLD_CASE))
		return xstrndup(s, n);
	buf_init(&b);
	while ((size_t)((const char *)p - s) < n) {
		if (p[0] < 0x80) {
			buf_putc(&b, (char)lower(*p++));
		} else if ((p[0] & 0xe0) == 0xc0 && (p[1] & 0xc0) == 0x80) {
			u = (unsigned)(p[0] & 0x1f) << 6 | (p[1] & 0x3f);
			buf_put_utf8(&b, lower(u));
			p += 2;
		} else
			buf_putc(&b, (char)*p++);	/* kept as it is */
	}
	return buf_detach(&b);
}

void
db_schema_free(struct db_schema *s)
{
	struct db_table	*t;
	size_t		 i, j, k;

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
			free(t->cols[j].collation);
		}
		free(t->cols);
		for (j = 0; j < t->ncons; j++) {
			for (k = 0; k < t->cons[j].ncols; k++) {
				free(t->cons[j].cols[k]);
				free(t->cons[j].refcols[k]);
			}
			free(t->cons[j].cols);
			free(t->cons[j].refcols);
			free(t->cons[j].name);
			free(t->cons[j].reftable);
		}
		free(t->cons);
		free(t->why);
		free(t->name);
		free(t->comment);
	}
	free(s->tables);
	free(s->name);
	free(s);
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
	ve->nattrs = ve->cap_attrs = 0;
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < t->ncols; i++) {
			c = &t->cols[i];
			a = view_attr(&doc, c->name);
			key = c->pk || c->uk || c->fk ||
			    rels_join_on(v->rels, v->nrels, ve->entity, c->name) ||
			    (a != NULL && a->keys != NULL);
			if (key != (pass == 0))
				continue;
			if (!key && mode == COLUMNS_KEYS)
				continue;
			keys = live_keys(c, rels_join_on(v->rels, v->nrels, ve->entity, c->name));
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
