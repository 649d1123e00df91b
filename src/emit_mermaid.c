/*
 * emit_mermaid.c -- Mermaid erDiagram text.
 *
 * A chain is printed item by item, so the output is the documented block
 * itself.  Names, types and keys were checked by the model parser against
 * what Mermaid reads unquoted; labels and comments are escaped here.
 */
#include "config.h"

#include <ctype.h>
#include <string.h>

#include "emit.h"

#define INDENT		"    "

/*
 * Inside "..." Mermaid takes anything but '"', rewrites "#word;" into an
 * entity, and reads "%%{...}%%" anywhere as a directive; a line end would
 * end a comment.  Quotes become #quot;, '%' #37;, line ends and tabs
 * spaces, other control characters \\x1b as tty_escape() shows them, and a
 * '#' that could start an entity #35;.  With `markup` (a
 * flowchart label, drawn as HTML), every '#', '<', '>' and '&' is an
 * entity too, so no markup survives.
 */
static void
escape(struct buf *b, const char *s, int markup)
{
	const char *t;

	for (; *s != '\0'; s++) {
		switch (*s) {
		case '"':
			buf_puts(b, "#quot;");
			break;
		case '%':
			buf_puts(b, "#37;");
			break;
		case '\r':
		case '\n':
		case '\t':
			buf_putc(b, ' ');
			break;
		case '<':
			buf_puts(b, markup ? "#lt;" : "<");
			break;
		case '>':
			buf_puts(b, markup ? "#gt;" : ">");
			break;
		case '&':
			buf_puts(b, markup ? "#amp;" : "&");
			break;
		case '#':
			t = s + 1;
			while (isalnum((unsigned char)*t))
				t++;
			if (markup || (t > s + 1 && *t == ';'))
				buf_puts(b, "#35;");
			else
				buf_putc(b, '#');
			break;
		default:
			s += tty_escape_char(b, s);
			break;
		}
	}
}

const char *
mermaid_card(enum mdg_card card, int right)
{
	switch (card) {
	case MDG_CARD_ONE:
		return "||";
	case MDG_CARD_ZERO_ONE:
		return right ? "o|" : "|o";
	case MDG_CARD_ZERO_MANY:
		return right ? "o{" : "}o";
	case MDG_CARD_ONE_MANY:
		return right ? "|{" : "}|";
	}
	return "||";
}

void
mermaid_escape(struct buf *b, const char *s)
{
	escape(b, s, 0);
}

static void
emit_rel(struct buf *b, const struct mdg_rel *r)
{
	buf_printf(b, INDENT "%s %s%s%s %s : \"", r->left->name,
	    mermaid_card(r->lcard, 0), r->identifying && !r->hidden &&
	    !r->extra ? "--" : "..",
	    mermaid_card(r->rcard, 1), r->right->name);
	mermaid_escape(b, r->label);
	buf_puts(b, "\"\n");
}

/* A "%% text" comment of the model: the marker, then the escaped text. */
static void
emit_comment(struct buf *b, const char *text)
{
	buf_puts(b, INDENT "%%");
	mermaid_escape(b, text + 2);
	buf_putc(b, '\n');
}

/*
 * An attribute's type or name: as it is when Mermaid reads it as one word
 * (and not as a key), else in backticks, Mermaid's quoting for them.
 */
static void
mermaid_word(struct buf *b, const char *s)
{
	const char	*p;
	int		 plain;

	plain = isalpha((unsigned char)*s) || *s == '_';
	for (p = s; *p != '\0' && plain; p++)
		plain = isalnum((unsigned char)*p) || *p == '_' ||
		    strchr("[]().,-", *p) != NULL;
	/* PK, FK and UK are keys to Mermaid, whatever their case. */
	if (plain && strlen(s) == 2 && strchr("pPfFuU", s[0]) != NULL &&
	    (s[1] == 'k' || s[1] == 'K'))
		plain = 0;
	if (plain) {
		buf_puts(b, s);
		return;
	}
	buf_putc(b, '`');
	for (p = s; *p != '\0'; p++) {
		if (*p == '`')
			buf_putc(b, '\'');
		else if (*p == '#')
			buf_puts(b, "#35;");
		else if (*p == '%')
			buf_puts(b, "#37;");
		else if (*p == '\n' || *p == '\r' || *p == '\t')
			buf_putc(b, ' ');
		else
			buf_putc(b, *p);
	}
	buf_putc(b, '`');
}

static void
emit_attr(struct buf *b, const struct mdg_vattr *a)
{
	buf_puts(b, INDENT INDENT);
	if (!a->present)
		buf_puts(b, "%% missing: ");
	mermaid_word(b, a->type);
	buf_putc(b, ' ');
	mermaid_word(b, a->name);
	if (a->keys != NULL)
		buf_printf(b, " %s", a->keys);
	if (a->comment != NULL) {
		buf_puts(b, " \"");
		mermaid_escape(b, a->comment);
		buf_putc(b, '"');
	}
	buf_putc(b, '\n');
}

static void
emit_block(struct buf *b, const struct mdg_view *v,
    const struct mdg_view_entity *ve)
{
	size_t i;

	buf_printf(b, INDENT "%s {\n", ve->entity->name);
	if (v->counts && ve->rows >= 0)
		buf_printf(b, INDENT INDENT "%%%% rows: %lld%s\n", ve->rows,
		    ve->exact ? "" : " (estimated)");
	for (i = 0; i < ve->nattrs; i++)
		emit_attr(b, &ve->attrs[i]);
	buf_puts(b, INDENT "}\n");
}

/*
 * What the model names and the database lacks, as "%% missing:" comments
 * right under the header (Mermaid drops %% lines).  Nothing offline.
 */
static void
emit_missing(struct buf *b, const struct mdg_view *v)
{
	const struct mdg_view_entity	*ve;
	size_t				 i;

	for (i = 0; i < v->nents; i++) {
		ve = &v->ents[i];
		if (!ve->present) {
			buf_puts(b, INDENT "%% missing: table ");
			mermaid_escape(b, ve->entity->table ?
			    ve->entity->table : "(abstract)");
			buf_printf(b, " of %s\n", ve->entity->name);
		} else if (!ve->readable) {
			buf_puts(b, INDENT "%% unreadable: table ");
			mermaid_escape(b, ve->entity->table);
			buf_printf(b, " of %s (no SELECT privilege)\n",
			    ve->entity->name);
		} else if (v->counts && ve->rows >= 0 && !ve->has_block)
			buf_printf(b, INDENT "%%%% %s rows: %lld%s\n",
			    ve->entity->name, ve->rows,
			    ve->exact ? "" : " (estimated)");
	}
}

/* Does the document draw this relation? */
static int
documented(const struct mdg_rel *r)
{
	return !r->hidden && !r->extra;
}

/*
 * --relations all: the relations the document leaves out, after it,
 * under a comment saying so.
 */
static void
emit_extra(struct buf *b, const struct mdg_view *v, const struct mdg_chain *c)
{
	size_t	i;
	int	first = 1;

	for (i = 0; i < v->nrels; i++) {
		if (documented(v->rels[i]) || (c != NULL && v->rels[i]->chain != c))
			continue;
		if (first)
			buf_puts(b, "\n" INDENT "%% not in the document "
			    "(--relations all):\n");
		first = 0;
		emit_rel(b, v->rels[i]);
	}
}

void
emit_mermaid_chain(struct buf *b, const struct mdg_view *v)
{
	const struct mdg_chain	*c = v->chain;
	const struct mdg_item	*it;
	size_t			 i;

	buf_puts(b, "erDiagram\n");
	emit_missing(b, v);
	for (i = 0; i < c->nitems; i++) {
		it = &c->items[i];
		switch (it->kind) {
		case MDG_ITEM_REL:
			emit_rel(b, it->rel);
			break;
		case MDG_ITEM_COMMENT:
			emit_comment(b, it->comment);
			break;
		case MDG_ITEM_BLANK:
			buf_putc(b, '\n');
			break;
		case MDG_ITEM_BLOCK:
			emit_block(b, v, view_entity(v, it->block->entity));
			break;
		}
	}
	if (v->all && !c->extra)
		emit_extra(b, v, c);
}

/*
 * All chains in one diagram (see struct mdg_view): relations chain by
 * chain, each group under a "%% name: title" comment, then one block per
 * entity that any chain gives a block.
 */
static void
emit_mermaid_all(struct buf *b, const struct mdg_view *v)
{
	const struct mdg_chain	*group = NULL;
	const struct mdg_rel	*r;
	size_t			 i;
	int			 first = 1;

	buf_puts(b, "erDiagram\n");
	emit_missing(b, v);
	for (i = 0; i < v->nrels; i++) {
		r = v->rels[i];
		if (!documented(r) && !r->chain->extra)
			continue;	/* emit_extra(), below */
		if (r->chain != group) {
			if (group != NULL)
				buf_putc(b, '\n');
			group = r->chain;
			buf_puts(b, INDENT "%% ");
			mermaid_escape(b, group->name);
			buf_puts(b, ": ");
			mermaid_escape(b, group->title);
			buf_putc(b, '\n');
		}
		emit_rel(b, r);
	}
	if (v->all)
		emit_extra(b, v, NULL);
	for (i = 0; i < v->nents; i++) {
		if (!v->ents[i].has_block)
			continue;
		if (first)
			buf_putc(b, '\n');
		first = 0;
		emit_block(b, v, &v->ents[i]);
	}
}

/* Mermaid's defaults: maxTextSize 50000, 500 edges in a flowchart. */
#define MERMAID_MAX_TEXT	45000
#define MERMAID_MAX_EDGES	500

static void
flow_escape(struct buf *b, const char *s)
{
	escape(b, s, 1);
}

#define SHOWN_WIDTH	40	/* characters of an attribute in a picture */

static void
flow_value(struct buf *b, const char *v, int key)
{
	char *s;

	if (v == NULL) {
		buf_puts(b, "NULL");
		return;
	}
	if (*v == '\0') {
		buf_puts(b, "''");	/* an empty string, not nothing */
		return;
	}
	s = key ? xstrdup(v) : shorten(v, SHOWN_WIDTH);
	flow_escape(b, s);
	free(s);
}

/*
 * Mermaid trims a label's trailing blanks: keep them as #32; so the label
 * reads as written.
 */
static void
keep_trailing_blanks(struct buf *b, size_t start)
{
	size_t n = 0;

	while (b->len > start && b->data[b->len - 1] == ' ') {
		b->len--;
		n++;
	}
	b->data[b->len] = '\0';
	while (n-- > 0)
		buf_puts(b, "#32;");
}

static void
flow_node(struct buf *b, const struct instance *in, size_t id,
    const size_t *group, size_t members)
{
	const struct inst_node	*nd = &in->nodes[id];
	size_t			 i, k;

	buf_printf(b, "        n%zu[\"", id);
	if (nd->more > 0) {
		buf_printf(b, "+%lld more ", nd->more);
		flow_escape(b, nd->entity->name);
		buf_puts(b, "\"]:::more\n");
		return;
	}
	if (nd->unreadable) {
		buf_puts(b, "not readable: <b>");
		flow_escape(b, nd->entity->name);
		buf_puts(b, "</b><br/>");
		flow_escape(b, nd->entity->table);
		buf_puts(b, "<br/>its rows are not drawn\"]:::missing\n");
		return;
	}
	if (nd->missing)
		buf_puts(b, "not found: ");
	buf_puts(b, "<b>");
	flow_escape(b, nd->entity->name);
	buf_puts(b, "</b>");
	if (members > 1) {
		buf_printf(b, " (%zu rows)", members);
		for (i = id; i < in->nnodes; i++) {
			if (group[i] != id)
				continue;
			buf_puts(b, "<br/>");
			for (k = 0; k < in->nodes[i].cols->nkeys; k++) {
				buf_puts(b, k ? ", " : "");
				flow_value(b, in->nodes[i].values[k], 1);
			}
		}
		buf_puts(b, "\"]\n");
		return;
	}
	for (k = 0; k < nd->nbad; k++) {
		buf_puts(b, "<br/>unhealthy: ");
		flow_escape(b, nd->bad[k].column);
		buf_puts(b, "=");
		flow_escape(b, nd->bad[k].value);
	}
	for (k = 0; k < nd->cols->n; k++) {
		buf_puts(b, "<br/>");
		flow_escape(b, nd->cols->names[k]);
		buf_puts(b, ": ");
		flow_value(b, nd->values[k], k < nd->cols->nkeys);
	}
	keep_trailing_blanks(b, 0);
	buf_puts(b, "\"]");
	if (nd->missing)
		buf_puts(b, ":::missing");
	else if (nd->nbad > 0)
		buf_puts(b, ":::unhealthy");
	else if (nd->root)
		buf_puts(b, ":::root");
	buf_putc(b, '\n');
}

/*
 * A flowchart: one subgraph per chain, a node per row (same-type leaf rows
 * under one parent as one node), an edge per link; ghosts, unhealthy rows
 * and the root in their own classes, breaches and missing links in red.
 * Past Mermaid's limits the rest is left out and a note says how much.
 */
int
emit_mermaid_instance(struct buf *b, const struct instance *in,
    const struct emit_opts *o, char **cause)
{
	const struct mdg_model	*m = in->model;
	const struct inst_node	*nd;
	const struct inst_edge	*e;
	struct buf		 red;
	char			*shown;
	size_t			 i, c, nshown = 0, nedges = 0, dropped = 0, total;
	size_t			*group, *members;
	int			 open;

	(void)cause;
	shown = xcalloc(in->nnodes ? in->nnodes : 1, 1);
	group = o->no_collapse ? NULL : inst_groups(in);
	members = xcalloc(in->nnodes + 1, sizeof *members);
	for (i = 0; i < in->nnodes; i++)
		members[group ? group[i] : i]++;
	buf_printf(b, "flowchart %s\n", o->rankdir ? o->rankdir : "LR");
	buf_puts(b, "    classDef root fill:#f9d9a8,stroke:#5f6b7a,"
	    "stroke-width:2px\n"
	    "    classDef unhealthy fill:#fde2e1,stroke:#c0392b,"
	    "stroke-width:2px\n"
	    "    classDef missing fill:#ffffff,stroke:#c0392b,color:#c0392b,"
	    "stroke-dasharray:5 3\n"
	    "    classDef more fill:#ffffff,stroke:#9a9a9a,"
	    "stroke-dasharray:5 3\n");
	for (c = 0; c < m->nchains; c++) {
		open = 0;
		for (i = 0; i < in->nnodes; i++) {
			nd = &in->nodes[i];
			if (nd->home != m->chains[c] ||
			    (group != NULL && group[i] != i))
				continue;
			if (b->len > MERMAID_MAX_TEXT) {
				dropped++;
				continue;
			}
			if (!open) {
				buf_printf(b, "    subgraph chain_%s[\"", m->chains[c]->name);
				flow_escape(b, m->chains[c]->title);
				buf_puts(b, "\"]\n");
				open = 1;
			}
			flow_node(b, in, i, group, members[i]);
			shown[i] = 1;
			nshown++;
		}
		if (open)
			buf_puts(b, "    end\n");
	}
	buf_init(&red);
	for (total = 0, i = 0; i < in->nedges; i++) {
		e = &in->edges[i];
		if (group != NULL && ((group[e->from] != e->from &&
		    members[group[e->from]] > 1) || (group[e->to] != e->to &&
		    members[group[e->to]] > 1)))
			continue;
		total++;
		if (!shown[e->from] || !shown[e->to])
			continue;
		if (nedges >= MERMAID_MAX_EDGES || b->len > MERMAID_MAX_TEXT + 3000)
			break;
		buf_printf(b, "    n%zu %s|\"", e->from, e->missing ||
		    in->nodes[e->from].more > 0 || in->nodes[e->to].more > 0 ?
		    "-.->" : "-->");
		flow_escape(b, e->rel->label);
		if (e->breach > 1)
			buf_printf(b, "<br/>%lld rows, the model allows 1",
			    e->breach);
		if (e->missing)
			buf_puts(b, "<br/>not found");
		buf_printf(b, "\"| n%zu\n", e->to);
		if (e->breach > 1 || e->missing)
			buf_printf(&red, "%s%zu", red.len ? "," : "", nedges);
		nedges++;
	}
	if (red.len > 0)
		buf_printf(b, "    linkStyle %s stroke:#c0392b,stroke-width:2px,"
		    "color:#c0392b\n", red.data);
	buf_free(&red);
	if (dropped > 0 || nedges < total) {
		buf_printf(b, "    mdg_more[\"%zu more rows and %zu more links "
		    "not shown: Mermaid's size limit; use -T svg or json\"]\n",
		    dropped, total - nedges);
	}
	free(shown);
	free(group);
	free(members);
	return 0;
}

int
emit_mermaid_schema(struct buf *b, const struct mdg_view *v,
    const struct emit_opts *o, char **cause)
{
	(void)o;
	(void)cause;
	if (v->chain != NULL)
		emit_mermaid_chain(b, v);
	else
		emit_mermaid_all(b, v);
	return 0;
}
