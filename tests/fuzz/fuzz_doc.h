/*
 * fuzz_doc.h -- the document targets' one call: a doc.c entry point over
 * the input, filled from the built-in model (parsed once).
 */
#ifndef MDG_FUZZ_DOC_H
#define MDG_FUZZ_DOC_H

#include <stdio.h>
#include <stdlib.h>

#include "doc.h"
#include "fuzz.h"
#include "model.h"

typedef int	(*fuzz_doc_fn)(struct buf *, struct doc_opts *, const char *,
		    size_t, const char *, char **);

/* fn over a heap copy of the input into out; fn's status. */
static inline int
fuzz_doc(fuzz_doc_fn fn, const uint8_t *data, size_t size, struct buf *out)
{
	static struct mdg_model	*model;
	struct doc_opts		 opts;
	char			*cause = NULL, *copy;
	int			 rc;

	if (model == NULL && (model = model_builtin(&cause)) == NULL) {
		fprintf(stderr, "fuzz: built-in model: %s\n", cause);
		abort();
	}
	copy = fuzz_copy(data, size);
	memset(&opts, 0, sizeof opts);
	opts.model = model;
	if ((rc = fn(out, &opts, copy, size, "fuzz", &cause)) != 0)
		free(cause);
	doc_opts_free(&opts);
	free(copy);
	return rc;
}

#endif
