/*
 * emit_tree.c -- an instance diagram as an indented tree for a terminal:
 * one line per row under the row it was fetched for, with its key and
 * what is wrong with it; text for a person, so every value is made inert.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "emit.h"

#define SHOWN_WIDTH	40

/*
 * ANSI colours, only when asked for (a terminal, no NO_COLOR); and the
 * edges that carry a breach, in order, so that a row looks at those
 * alone rather than at every edge.
 */
struct ink {
	const char	*bad, *root, *dim, *off;
	size_t		*breached;
	size_t		 nbreached;
};

void
tty_escape(struct buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; *p != '\0'; p++) {
		if (*p == '\n')
			buf_puts(b, "\\n");
		else if (*p == '\r')
			buf_puts(b, "\\r");
		else if (*p == '\t')
			buf_puts(b, "\\t");
		else if (*p < 0x20 || *p == 0x7f)
			buf_printf(b, "\\x%02x", *p);
		else if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
			/* A C1 control, U+0080 .. U+009F. */
			buf_printf(b, "\\u%04x", p[1]);
			p++;
		} else
			buf_putc(b, (char)*p);
	}
}

/*
 * The character at s, shown as tty_escape() shows a control character
 * (C0, DEL, C1) or copied; how many bytes past the first it took.
 */
size_t
tty_escape_char(struct buf *b, const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	char			 c[3] = { s[0], '\0', '\0' };

	if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
		c[1] = s[1];
	else if (p[0] >= 0x20 && p[0] != 0x7f) {
		buf_putc(b, s[0]);
		return 0;
	}
	tty_escape(b, c);
	return c[1] != '\0';
}

static void
put_value(struct buf *b, const char *v, int whole)
{
	char *s;

	if (v == NULL) {
		buf_puts(b, "NULL");
		return;
	}
	s = whole ? xstrdup(v) : shorten(v, SHOWN_WIDTH);
	tty_escape(b, s);
	free(s);
}

static void
row_line(struct buf *b, const struct instance *in, size_t node,
    const struct ink *k)
{
	const struct inst_node	*nd = &in->nodes[node];
	size_t			 i;

	if (nd->more > 0) {
		buf_printf(b, "%s+%lld more ", k->dim, nd->more);
		tty_escape(b, nd->entity->name);
		buf_printf(b, " (%lld in all)%s", nd->total, k->off);
		return;
	}
	if (nd->unreadable) {
		buf_printf(b, "%snot readable: ", k->bad);
		tty_escape(b, nd->entity->name);
		buf_putc(b, ' ');
		tty_escape(b, nd->entity->table);
		buf_printf(b, " (its rows are not drawn)%s", k->off);
		return;
	}
	if (nd->missing) {
		buf_printf(b, "%snot found: ", k->bad);
		tty_escape(b, nd->entity->name);
		for (i = 0; i < nd->cols->n; i++) {
			buf_putc(b, ' ');
			tty_escape(b, nd->cols->names[i]);
			buf_putc(b, '=');
			put_value(b, nd->values[i], 1);
		}
		buf_puts(b, k->off);
		return;
	}
	buf_puts(b, nd->root ? k->root : "");
	tty_escape(b, nd->entity->name);
	buf_puts(b, nd->root ? k->off : "");
	for (i = 0; i < nd->cols->nkeys; i++) {
		buf_putc(b, ' ');
		buf_puts(b, k->dim);
		tty_escape(b, nd->cols->names[i]);
		buf_printf(b, "=%s", k->off);
		put_value(b, nd->values[i], 1);
	}
	if (nd->root)
		buf_printf(b, "  %s(root)%s", k->root, k->off);
	for (i = 0; i < nd->nbad; i++) {
		buf_printf(b, "  %sunhealthy: ", k->bad);
		tty_escape(b, nd->bad[i].column);
		buf_putc(b, '=');
		put_value(b, nd->bad[i].value, 0);
		buf_puts(b, k->off);
	}
	/* The relations on which this row has more partners than allowed. */
	for (i = 0; i < k->nbreached; i++) {
		const struct inst_edge	*x = &in->edges[k->breached[i]];
		const struct inst_edge	*y;
		size_t			 at, other, j;

		at = x->breach_at == 1 ? x->from : x->to;
		other = x->breach_at == 1 ? x->to : x->from;
		if (at != node)
			continue;
		for (j = 0; j < i; j++) {
			y = &in->edges[k->breached[j]];
			if (y->rel == x->rel && y->breach_at == x->breach_at &&
			    (x->breach_at == 1 ? y->from : y->to) == node)
				break;
		}
		if (j < i)
			continue;
		buf_printf(b, "  %s%lld ", k->bad, x->breach);
		tty_escape(b, in->nodes[other].entity->name);
		buf_printf(b, " rows, the model allows 1%s", k->off);
	}
}

static void
subtree(struct buf *b, const struct instance *in, const size_t *first,
    const size_t *next, size_t node, struct buf *prefix, const struct ink *k)
{
	size_t	c, len = prefix->len;
	int	last;

	for (c = first[node]; c != INST_NONE; c = next[c]) {
		last = next[c] == INST_NONE;
		buf_printf(b, "%s%s", prefix->data ? prefix->data : "",
		    last ? "└─ " : "├─ ");
		row_line(b, in, c, k);
		buf_putc(b, '\n');
		buf_spill(b);
		buf_puts(prefix, last ? "   " : "│  ");
		subtree(b, in, first, next, c, prefix, k);
		prefix->len = len;
		if (prefix->data != NULL)
			prefix->data[len] = '\0';
	}
}

int
emit_tree_instance(struct buf *b, const struct instance *in,
    const struct emit_opts *o, char **cause)
{
	struct ink	 k = { "", "", "", "", NULL, 0 };
	struct buf	 prefix;
	size_t		*first, *next, *last, i, p;

	(void)cause;
	if (o->color) {
		k.bad = "\033[31m";
		k.root = "\033[1m";
		k.dim = "\033[2m";
		k.off = "\033[0m";
	}
	/* Children in node order, under the row each was fetched for. */
	first = xcalloc(in->nnodes + 1, sizeof *first);
	next = xcalloc(in->nnodes + 1, sizeof *next);
	last = xcalloc(in->nnodes + 1, sizeof *last);
	for (i = 0; i < in->nnodes; i++)
		first[i] = next[i] = last[i] = INST_NONE;
	for (i = 0; i < in->nnodes; i++) {
		if ((p = in->nodes[i].parent) == INST_NONE)
			continue;
		if (first[p] == INST_NONE)
			first[p] = i;
		else
			next[last[p]] = i;
		last[p] = i;
	}
	k.breached = xcalloc(in->nedges + 1, sizeof *k.breached);
	for (i = 0; i < in->nedges; i++)
		if (in->edges[i].breach > 1)
			k.breached[k.nbreached++] = i;
	buf_init(&prefix);
	for (i = 0; i < in->nnodes; i++) {
		if (in->nodes[i].parent != INST_NONE)
			continue;
		row_line(b, in, i, &k);
		buf_putc(b, '\n');
		buf_reset(&prefix);
		subtree(b, in, first, next, i, &prefix, &k);
	}
	for (i = 0; i < in->nnotes; i++) {
		buf_printf(b, "%snote: ", k.bad);
		tty_escape(b, in->notes[i].text);
		buf_printf(b, "%s\n", k.off);
	}
	buf_free(&prefix);
	free(k.breached);
	free(first);
	free(next);
	free(last);
	return 0;
}
