/*
 * emit_json.c -- the schema graph as JSON (layout in mdgraph(1), JSON).
 */
#include "config.h"

#include <stdlib.h>

#include "emit.h"
#include "json.h"

static void
json_term(struct json *j, const struct mdg_term *t)
{
	size_t i;

	json_obj(j);
	switch (t->kind) {
	case MDG_TERM_COLUMN:
		json_kstr(j, "kind", "column");
		json_kstr(j, "column", t->parts[0]);
		break;
	case MDG_TERM_ANY:
		json_kstr(j, "kind", "any");
		json_key(j, "columns");
		json_arr(j);
		for (i = 0; i < t->nparts; i++)
			json_str(j, t->parts[i]);
		json_end_arr(j);
		break;
	case MDG_TERM_ELEM:
		json_kstr(j, "kind", "elem");
		json_kstr(j, "column", t->parts[0]);
		break;
	case MDG_TERM_CONCAT:
		json_kstr(j, "kind", "concat");
		json_key(j, "parts");
		json_arr(j);
		for (i = 0; i < t->nparts; i++) {
			json_obj(j);
			json_kstr(j, t->literal[i] ? "literal" : "column",
			    t->parts[i]);
			json_end_obj(j);
		}
		json_end_arr(j);
		break;
	case MDG_TERM_MAP:
		json_kstr(j, "kind", "map");
		json_kstr(j, "column", t->parts[0]);
		json_key(j, "map");
		json_obj(j);
		for (i = 1; i + 1 < t->nparts; i += 2)
			json_kstr(j, t->parts[i], t->parts[i + 1]);
		json_end_obj(j);
		break;
	}
	json_end_obj(j);
}

static void
json_keyside(struct json *j, const char *name, const struct mdg_key *k)
{
	size_t i;

	json_key(j, name);
	json_arr(j);
	for (i = 0; i < k->nterms; i++)
		json_term(j, &k->terms[i]);
	json_end_arr(j);
}

static void
json_entity(struct json *j, const struct mdg_view *v,
    const struct mdg_view_entity *ve)
{
	const struct mdg_vattr	*a;
	size_t			 i;

	json_obj(j);
	json_kstr(j, "name", ve->entity->name);
	json_kstr(j, "table", ve->entity->table);
	json_kstr(j, "chain", ve->home->name);
	if (v->live) {
		json_kbool(j, "present", ve->present);
		json_kbool(j, "readable", ve->readable);
	}
	if (v->counts) {
		json_key(j, "rows");
		if (ve->rows >= 0)
			json_int(j, ve->rows);
		else
			json_null(j);
		json_kbool(j, "rows_exact", ve->exact);
	}
	json_key(j, "attributes");
	json_arr(j);
	for (i = 0; i < ve->nattrs; i++) {
		a = &ve->attrs[i];
		json_obj(j);
		json_kstr(j, "name", a->name);
		json_kstr(j, "type", a->type);
		json_kstr(j, "keys", a->keys);
		json_kstr(j, "comment", a->comment);
		if (v->live)
			json_kbool(j, "present", a->present);
		json_end_obj(j);
	}
	json_end_arr(j);
	json_end_obj(j);
}

void
json_relation(struct json *j, const struct mdg_rel *r)
{
	json_obj(j);
	json_kstr(j, "chain", r->chain->name);
	json_kstr(j, "left", r->left->name);
	json_kstr(j, "right", r->right->name);
	json_kstr(j, "left_cardinality", card_name(r->lcard));
	json_kstr(j, "right_cardinality", card_name(r->rcard));
	json_kbool(j, "identifying", r->identifying);
	json_kbool(j, "documented", !r->hidden && !r->extra);
	json_kstr(j, "label", r->label);
	json_key(j, "join");
	json_obj(j);
	json_keyside(j, "left", &r->lkey);
	json_keyside(j, "right", &r->rkey);
	json_kstr(j, "tenant", r->tenant == MDG_TENANT_NO ? "no" : "auto");
	json_end_obj(j);
	json_end_obj(j);
}

/*
 * {"format": "mdgraph-schema", "version": 1, "schema", "prefix",
 *  "chains": [{name, title}], "entities": [...], "relations": [...]}
 */
int
emit_json_schema(struct buf *b, const struct mdg_view *v,
    const struct emit_opts *o, char **cause)
{
	const struct mdg_model	*m = v->model;
	struct json		 j;
	size_t			 i;

	(void)o;
	(void)cause;
	json_init(&j, b);
	json_obj(&j);
	json_kstr(&j, "format", "mdgraph-schema");
	json_kint(&j, "version", 1);
	json_kstr(&j, "schema", m->schema);
	json_kstr(&j, "prefix", m->prefix);
	json_key(&j, "chains");
	json_arr(&j);
	for (i = 0; i < m->nchains; i++) {
		if (!view_has_chain(v, m->chains[i]))
			continue;
		json_obj(&j);
		json_kstr(&j, "name", m->chains[i]->name);
		json_kstr(&j, "title", m->chains[i]->title);
		json_end_obj(&j);
	}
	json_end_arr(&j);
	json_key(&j, "entities");
	json_arr(&j);
	for (i = 0; i < v->nents; i++)
		json_entity(&j, v, &v->ents[i]);
	json_end_arr(&j);
	json_key(&j, "relations");
	json_arr(&j);
	for (i = 0; i < v->nrels; i++)
		json_relation(&j, v->rels[i]);
	json_end_arr(&j);
	json_end_obj(&j);
	return 0;
}

/* What a node's health rules say: {"ok": true} or the bad columns. */
static void
json_health(struct json *j, const struct inst_node *nd)
{
	const struct mdg_health	*h;
	struct buf		 want;
	size_t			 i, k;

	if (nd->entity->nhealth == 0 || nd->missing || nd->more > 0)
		return;
	json_key(j, "health");
	json_obj(j);
	json_kbool(j, "ok", nd->nbad == 0);
	if (nd->nbad > 0) {
		json_key(j, "problems");
		json_arr(j);
		buf_init(&want);
		for (i = 0; i < nd->nbad; i++) {
			h = nd->bad[i].rule;
			buf_reset(&want);
			buf_puts(&want, h->negate ? "not " : "");
			for (k = 0; k < h->nvalues; k++)
				buf_printf(&want, "%s%s", k ? " or " : "",
				    h->values[k]);
			json_obj(j);
			json_kstr(j, "column", nd->bad[i].column);
			json_kstr(j, "value", nd->bad[i].value);
			json_kstr(j, "healthy", want.data);
			json_end_obj(j);
		}
		buf_free(&want);
		json_end_arr(j);
	}
	json_end_obj(j);
}

/* The column names of one inst_cols as JSON strings, end to end. */
struct names {
	const struct inst_cols	*cols;
	struct buf		 text;
	size_t			*at;		/* n + 1 offsets into text */
};

static void
escape_names(struct names *nm, const struct inst_cols *c)
{
	size_t i;

	nm->cols = c;
	buf_reset(&nm->text);
	free(nm->at);
	nm->at = xcalloc(c->n + 1, sizeof *nm->at);
	for (i = 0; i < c->n; i++) {
		nm->at[i] = nm->text.len;
		json_escape(&nm->text, c->names[i]);
	}
	nm->at[c->n] = nm->text.len;
}

/* Column k's key and value v; the names escaped once per entity. */
static void
json_kname(struct json *j, const struct names *nm, size_t k, const char *v)
{
	json_key_escaped(j, nm->text.data + nm->at[k],
	    nm->at[k + 1] - nm->at[k]);
	json_str(j, v);
}

/*
 * {"format": "mdgraph-instance", "version": 2, "root": {...}, "chain",
 *  "nodes": [...], "edges": [...], "truncations": [...], "notes": [...]}
 */
int
emit_json_instance(struct buf *b, const struct instance *in,
    const struct emit_opts *o, char **cause)
{
	const struct inst_node	*nd;
	const struct inst_edge	*e;
	struct json		 j;
	struct names		 names;
	char			*chains;
	size_t			 i, k;

	(void)o;
	(void)cause;
	memset(&names, 0, sizeof names);
	buf_init(&names.text);
	json_init(&j, b);
	json_obj(&j);
	json_kstr(&j, "format", "mdgraph-instance");
	json_kint(&j, "version", 2);
	json_key(&j, "root");
	json_obj(&j);
	json_kstr(&j, "entity", in->root->name);
	json_kstr(&j, "column", in->column);
	json_kstr(&j, "value", in->value);
	json_kstr(&j, "tenant", in->tenant);
	json_end_obj(&j);
	chains = inst_chain_names(in);
	json_kstr(&j, "chain", chains);
	free(chains);
	json_key(&j, "nodes");
	json_arr(&j);
	for (i = 0; i < in->nnodes; i++) {
		nd = &in->nodes[i];
		if (nd->more > 0)
			continue;
		json_obj(&j);
		json_kstr(&j, "id", nd->id);
		json_kstr(&j, "entity", nd->entity->name);
		json_kstr(&j, "table", nd->entity->table);
		json_kstr(&j, "chain", nd->home->name);
		json_kint(&j, "layer", nd->layer);
		if (nd->root)
			json_kbool(&j, "root", 1);
		if (nd->missing)
			json_kbool(&j, "missing", 1);
		if (nd->partner)
			json_kbool(&j, "partner", 1);
		if (nd->unreadable)
			json_kbool(&j, "unreadable", 1);
		if (nd->cols != names.cols)
			escape_names(&names, nd->cols);
		json_key(&j, "keys");
		json_obj(&j);
		for (k = 0; k < nd->cols->nkeys; k++)
			json_kname(&j, &names, k, nd->values[k]);
		json_end_obj(&j);
		json_key(&j, "attributes");
		json_obj(&j);
		for (k = nd->cols->nkeys; k < nd->cols->n; k++)
			json_kname(&j, &names, k, nd->values[k]);
		json_end_obj(&j);
		json_health(&j, nd);
		json_end_obj(&j);
		buf_spill(b);
	}
	json_end_arr(&j);
	json_key(&j, "edges");
	json_arr(&j);
	for (i = 0; i < in->nedges; i++) {
		e = &in->edges[i];
		if (in->nodes[e->from].more > 0 || in->nodes[e->to].more > 0)
			continue;
		json_obj(&j);
		json_kstr(&j, "relation", e->rel->label);
		json_kstr(&j, "left", e->rel->left->name);
		json_kstr(&j, "right", e->rel->right->name);
		json_kstr(&j, "chain", e->rel->chain->name);
		json_kstr(&j, "from", in->nodes[e->from].id);
		json_kstr(&j, "to", in->nodes[e->to].id);
		if (e->rel->hidden || e->rel->extra)
			json_kbool(&j, "documented", 0);
		if (e->missing)
			json_kbool(&j, "missing", 1);
		if (e->breach > 1) {
			json_key(&j, "breach");
			json_obj(&j);
			json_kint(&j, "rows", e->breach);
			json_kint(&j, "allowed", 1);
			json_end_obj(&j);
		}
		json_end_obj(&j);
		buf_spill(b);
	}
	json_end_arr(&j);
	json_key(&j, "truncations");
	json_arr(&j);
	for (i = 0; i < in->nedges; i++) {
		const struct inst_node *more, *parent;

		e = &in->edges[i];
		if (in->nodes[e->from].more > 0) {
			more = &in->nodes[e->from];
			parent = &in->nodes[e->to];
		} else if (in->nodes[e->to].more > 0) {
			more = &in->nodes[e->to];
			parent = &in->nodes[e->from];
		} else
			continue;
		json_obj(&j);
		json_kstr(&j, "relation", e->rel->label);
		json_kstr(&j, "parent", parent->id);
		json_kstr(&j, "entity", more->entity->name);
		json_kint(&j, "shown", more->total - more->more);
		json_kint(&j, "total", more->total);
		json_end_obj(&j);
	}
	json_end_arr(&j);
	json_key(&j, "unreadable");
	json_arr(&j);
	for (i = 0; i < in->nnodes; i++) {
		if (!in->nodes[i].unreadable)
			continue;
		json_obj(&j);
		json_kstr(&j, "entity", in->nodes[i].entity->name);
		json_kstr(&j, "table", in->nodes[i].entity->table);
		json_end_obj(&j);
	}
	json_end_arr(&j);
	json_key(&j, "notes");
	json_arr(&j);
	for (i = 0; i < in->nnotes; i++) {
		json_obj(&j);
		json_kstr(&j, "kind", in->notes[i].kind);
		json_kstr(&j, "entity", in->notes[i].entity);
		json_kstr(&j, "text", in->notes[i].text);
		json_end_obj(&j);
	}
	json_end_arr(&j);
	json_end_obj(&j);
	buf_free(&names.text);
	free(names.at);
	return 0;
}
