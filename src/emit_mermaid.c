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
 * Inside "..." Mermaid takes anything but '"', and rewrites "#word;" into
 * an entity; a line end would end a comment.  Quotes become #quot;, a '#'
 * that could start an entity becomes #35;, line ends become spaces.
 */
void
mermaid_escape(struct buf *b, const char *s)
{
	const char *t;

	for (; *s != '\0'; s++) {
		switch (*s) {
		case '"':
			buf_puts(b, "#quot;");
			break;
		case '\r':
		case '\n':
			buf_putc(b, ' ');
			break;
		case '#':
			t = s + 1;
			while (isalnum((unsigned char)*t))
				t++;
			if (t > s + 1 && *t == ';')
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

static void
emit_rel(struct buf *b, const struct mdg_rel *r)
{
	buf_printf(b, INDENT "%s %s%s%s %s : \"", r->left->name,
	    card_mermaid(r->lcard, 0), r->identifying ? "--" : "..",
	    card_mermaid(r->rcard, 1), r->right->name);
	mermaid_escape(b, r->label);
	buf_puts(b, "\"\n");
}

static void
emit_comment(struct buf *b, const char *text)
{
	buf_puts(b, INDENT);
	mermaid_escape(b, text);
	buf_putc(b, '\n');
}

static void
emit_attr(struct buf *b, const struct mdg_attr *a)
{
	buf_printf(b, INDENT INDENT "%s %s", a->type, a->name);
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
emit_block(struct buf *b, const struct mdg_entity *e,
    const struct mdg_attr *const *attrs, size_t n)
{
	size_t i;

	buf_printf(b, INDENT "%s {\n", e->name);
	for (i = 0; i < n; i++)
		emit_attr(b, attrs[i]);
	buf_puts(b, INDENT "}\n");
}

void
emit_mermaid_chain(struct buf *b, const struct mdg_chain *c)
{
	const struct mdg_item	 *it;
	const struct mdg_attr	**attrs;
	size_t			  i, j;

	buf_puts(b, "erDiagram\n");
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
			attrs = xcalloc(it->block->nattrs, sizeof *attrs);
			for (j = 0; j < it->block->nattrs; j++)
				attrs[j] = &it->block->attrs[j];
			emit_block(b, it->block->entity, attrs,
			    it->block->nattrs);
			free(attrs);
			break;
		}
	}
}

/*
 * All chains in one diagram (see struct mdg_view): relations chain by
 * chain, each group under a "%% name: title" comment, then one block per
 * entity that any chain gives a block.
 */
void
emit_mermaid_all(struct buf *b, const struct mdg_model *m)
{
	struct mdg_view		*v = view_new(m, NULL);
	const struct mdg_chain	*group = NULL;
	const struct mdg_rel	*r;
	size_t			 i;
	int			 first = 1;

	buf_puts(b, "erDiagram\n");
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
		emit_block(b, v->ents[i].entity, v->ents[i].attrs,
		    v->ents[i].nattrs);
	}
	view_free(v);
}
