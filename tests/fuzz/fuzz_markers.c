/*
 * fuzz_markers.c -- libFuzzer target for the document marker parser,
 * doc_update() (mdgraph doc --update).
 *
 * The input is a Markdown document with "<!-- mdgraph:... -->" regions;
 * the built-in model, parsed once, fills them.  The document is handed
 * over with its length and no terminating NUL.  "svg=PATH" markers make
 * doc_update() lay out and render an SVG through Graphviz, in memory (no
 * file is written); set MDGRAPH_FUZZ_NO_SVG=1 to skip inputs that contain
 * "svg=" when that is too slow.
 *
 * Built by tests/fuzz/run.sh (clang -fsanitize=fuzzer) and, with
 * replay.c, as tests/fuzz/replay-markers for make check.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "model.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct mdg_model	*model;
static int		 no_svg = -1;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct doc_opts	 opts;
	struct buf	 out;
	char		*cause = NULL, *copy;
	const char	*env;

	if (model == NULL) {
		if ((model = model_builtin(&cause)) == NULL) {
			fprintf(stderr, "fuzz_markers: built-in model: %s\n",
			    cause);
			abort();
		}
	}
	if (no_svg == -1) {
		env = getenv("MDGRAPH_FUZZ_NO_SVG");
		no_svg = env != NULL && env[0] != '\0' && env[0] != '0';
	}
	if (no_svg && memmem(data, size, "svg=", 4) != NULL)
		return 0;

	/* Exactly `size` bytes on the heap: a read past them is caught. */
	copy = xmalloc(size ? size : 1);
	if (size > 0)
		memcpy(copy, data, size);
	memset(&opts, 0, sizeof opts);
	opts.model = model;
	buf_init(&out);
	if (doc_update(&out, &opts, copy, size, "fuzz", &cause) != 0)
		free(cause);
	buf_free(&out);
	doc_opts_free(&opts);
	free(copy);
	return 0;
}
