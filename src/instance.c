/*
 * instance.c -- look into and free an instance diagram.
 */
#include "config.h"

#include <stdlib.h>

#include "instance.h"
#include "util.h"

size_t *
inst_groups(const struct instance *in)
{
	const struct inst_node	*a, *b;
	size_t			*group, *deg, *edge, i, j, n = in->nnodes;
	size_t			 ea, eb, pa, pb;

	group = xcalloc(n + 1, sizeof *group);
	deg = xcalloc(n + 1, sizeof *deg);
	edge = xcalloc(n + 1, sizeof *edge);
	for (i = 0; i < n; i++)
		group[i] = i;
	for (i = 0; i < in->nedges; i++) {
		deg[in->edges[i].from]++;
		deg[in->edges[i].to]++;
		edge[in->edges[i].from] = edge[in->edges[i].to] = i;
	}
	/* Nodes are sorted by layer and entity: a group's rows are adjacent
	   in that order, though not always next to each other. */
	for (i = 0; i < n; i++) {
		a = &in->nodes[i];
		if (deg[i] != 1 || a->root || a->missing || a->more > 0 ||
		    a->unreadable || a->nbad > 0 || group[i] != i)
			continue;
		ea = edge[i];
		pa = in->edges[ea].from == i ? in->edges[ea].to :
		    in->edges[ea].from;
		if (in->edges[ea].breach > 1)
			continue;
		for (j = i + 1; j < n; j++) {
			b = &in->nodes[j];
			if (b->layer != a->layer || b->entity != a->entity)
				break;
			if (deg[j] != 1 || b->root || b->missing ||
			    b->unreadable || b->more > 0 || b->nbad > 0 ||
			    group[j] != j)
				continue;
			eb = edge[j];
			pb = in->edges[eb].from == j ? in->edges[eb].to :
			    in->edges[eb].from;
			if (pb == pa && in->edges[eb].rel == in->edges[ea].rel &&
			    (in->edges[eb].from == j) == (in->edges[ea].from == i) &&
			    in->edges[eb].breach <= 1)
				group[j] = i;
		}
	}
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
