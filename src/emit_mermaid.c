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
 * spaces, and a '#' that could start an entity #35;.  With `markup` (a
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
			buf_putc(b, *s);
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
	    mermaid_card(r->lcard, 0), r->identifying ? "--" : "..",
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

static void
flow_node(struct buf *b, const struct inst_node *nd, size_t id)
{
	size_t k;

	buf_printf(b, "        n%zu[\"", id);
	if (nd->more > 0) {
		buf_printf(b, "+%lld more ", nd->more);
		flow_escape(b, nd->entity->name);
		buf_puts(b, "\"]\n");
		return;
	}
	buf_puts(b, "<b>");
	flow_escape(b, nd->entity->name);
	buf_puts(b, "</b>");
	for (k = 0; k < nd->nshown; k++) {
		buf_puts(b, "<br/>");
		flow_escape(b, nd->names[k]);
		buf_puts(b, ": ");
		flow_escape(b, nd->values[k] ? nd->values[k] : "NULL");
	}
	buf_puts(b, "\"]\n");
}

/*
 * A flowchart: one subgraph per chain, a node per row, an edge per link.
 * Past Mermaid's limits the rest is left out and a note says how much.
 */
int
emit_mermaid_instance(struct buf *b, const struct instance *in,
    const struct emit_opts *o, char **cause)
{
	const struct mdg_model	*m = in->model;
	const struct inst_node	*nd;
	const struct inst_edge	*e;
	char			*shown;
	size_t			 i, c, nshown = 0, nedges = 0, dropped = 0;
	int			 open;

	(void)o;
	(void)cause;
	shown = xcalloc(in->nnodes ? in->nnodes : 1, 1);
	buf_puts(b, "flowchart LR\n");
	for (c = 0; c < m->nchains; c++) {
		open = 0;
		for (i = 0; i < in->nnodes; i++) {
			nd = &in->nodes[i];
			if (nd->home != m->chains[c])
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
			flow_node(b, nd, i);
			shown[i] = 1;
			nshown++;
		}
		if (open)
			buf_puts(b, "    end\n");
	}
	for (i = 0; i < in->nedges; i++) {
		e = &in->edges[i];
		if (!shown[e->from] || !shown[e->to])
			continue;
		if (nedges >= MERMAID_MAX_EDGES || b->len > MERMAID_MAX_TEXT + 3000)
			break;
		buf_printf(b, "    n%zu -->|\"", e->from);
		flow_escape(b, e->rel->label);
		buf_printf(b, "\"| n%zu\n", e->to);
		nedges++;
	}
	if (dropped > 0 || nedges < in->nedges) {
		buf_printf(b, "    mdg_more[\"%zu more rows and %zu more links "
		    "not shown: Mermaid's size limit; use -T svg or json\"]\n",
		    dropped, in->nedges - nedges);
	}
	free(shown);
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
