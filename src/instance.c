/*
 * instance.c -- look into and free an instance diagram.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "instance.h"
#include "util.h"

/* A row that may join a group, and what its group must share. */
struct cand {
	size_t		 node;
	size_t		 parent;	/* the row at its edge's other end */
	size_t		 entity;
	uintptr_t	 rel;
	int		 layer;
	int		 left;		/* the row is the edge's left end */
};

/* Do a and b belong in one group?  0 if so, else their order. */
static int
cmp_group(const struct cand *a, const struct cand *b)
{
	if (a->layer != b->layer)
		return a->layer < b->layer ? -1 : 1;
	if (a->entity != b->entity)
		return a->entity < b->entity ? -1 : 1;
	if (a->parent != b->parent)
		return a->parent < b->parent ? -1 : 1;
	if (a->rel != b->rel)
		return a->rel < b->rel ? -1 : 1;
	if (a->left != b->left)
		return a->left < b->left ? -1 : 1;
	return 0;
}

static int
cmp_cand(const void *x, const void *y)
{
	const struct cand *a = x, *b = y;
	int c;

	if ((c = cmp_group(a, b)) != 0)
		return c;
	return a->node < b->node ? -1 : a->node > b->node;
}

size_t *
inst_groups(const struct instance *in)
{
	const struct inst_node	*a;
	const struct inst_edge	*e;
	struct cand		*c;
	size_t			*group, *deg, *edge, i, k, nc = 0, n = in->nnodes;

	group = xcalloc(n + 1, sizeof *group);
	deg = xcalloc(n + 1, sizeof *deg);
	edge = xcalloc(n + 1, sizeof *edge);
	c = xcalloc(n + 1, sizeof *c);
	for (i = 0; i < n; i++)
		group[i] = i;
	for (i = 0; i < in->nedges; i++) {
		deg[in->edges[i].from]++;
		deg[in->edges[i].to]++;
		edge[in->edges[i].from] = edge[in->edges[i].to] = i;
	}
	/*
	 * A row joins the group of the first row (in node order) that has
	 * its layer and entity and its one edge: the same relation, the same
	 * other end, the same direction.  Sorted by that, each run is a group.
	 */
	for (i = 0; i < n; i++) {
		a = &in->nodes[i];
		if (deg[i] != 1 || a->root || a->missing || a->more > 0 ||
		    a->unreadable || a->nbad > 0)
			continue;
		e = &in->edges[edge[i]];
		if (e->breach > 1)
			continue;
		c[nc].node = i;
		c[nc].parent = e->from == i ? e->to : e->from;
		c[nc].entity = a->entity->index;
		c[nc].rel = (uintptr_t)e->rel;
		c[nc].layer = a->layer;
		c[nc].left = e->from == i;
		nc++;
	}
	qsort(c, nc, sizeof *c, cmp_cand);
	for (i = 0; i < nc; i = k)
		for (k = i; k < nc && cmp_group(&c[k], &c[i]) == 0; k++)
			group[c[k].node] = c[i].node;
	free(c);
	free(deg);
	free(edge);
	return group;
}

const char *
inst_value(const struct inst_node *nd, const char *column)
{
	size_t i;

	for (i = 0; nd->cols != NULL && i < nd->cols->n; i++)
		if (str_eq(nd->cols->names[i], column))
			return nd->values[i];
	return NULL;
}

char *
inst_chain_names(const struct instance *in)
{
	struct buf	b;
	size_t		i;

	if (in->nchains == 0)
		return xstrdup("all");
	buf_init(&b);
	for (i = 0; i < in->nchains; i++)
		buf_printf(&b, "%s%s", i ? "," : "", in->chains[i]->name);
	return buf_detach(&b);
}

void
instance_free(struct instance *in)
{
	size_t i, j;

	if (in == NULL)
		return;
	for (i = 0; i < in->nnodes; i++) {
		if (in->nodes[i].mem != NULL)
			free(in->nodes[i].mem);	/* the id and values too */
		else {
			free(in->nodes[i].id);
			if (in->nodes[i].cols != NULL)
				strv_free(in->nodes[i].values,
				    in->nodes[i].cols->n);
		}
		for (j = 0; j < in->nodes[i].nbad; j++)
			free(in->nodes[i].bad[j].value);
		free(in->nodes[i].bad);
	}
	for (i = 0; i < in->ncolsets; i++) {
		strv_free(in->colsets[i]->names, in->colsets[i]->n);
		free(in->colsets[i]);
	}
	for (i = 0; i < in->nnotes; i++) {
		free(in->notes[i].kind);
		free(in->notes[i].entity);
		free(in->notes[i].why);
		free(in->notes[i].text);
	}
	free(in->notes);
	free(in->colsets);
	free(in->chains);
	free(in->nodes);
	free(in->edges);
	free(in->column);
	free(in->value);
	free(in->tenant);
	free(in);
}
