/*
 * instance.c -- free an instance diagram.
 */
#include "config.h"

#include <stdlib.h>

#include "instance.h"
#include "util.h"

void
instance_free(struct instance *in)
{
	size_t i;

	if (in == NULL)
		return;
	for (i = 0; i < in->nnodes; i++) {
		free(in->nodes[i].id);
		strv_free(in->nodes[i].names, in->nodes[i].nshown);
		strv_free(in->nodes[i].values, in->nodes[i].nshown);
	}
	free(in->nodes);
	free(in->edges);
	free(in->column);
	free(in->value);
	free(in->tenant);
	free(in);
}
