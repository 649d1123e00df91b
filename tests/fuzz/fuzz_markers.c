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

#include "fuzz_doc.h"

static int		 no_svg = -1;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf	 out;
	const char	*env;

	if (no_svg == -1) {
		env = getenv("MDGRAPH_FUZZ_NO_SVG");
		no_svg = env != NULL && env[0] != '\0' && env[0] != '0';
	}
	if (no_svg && memmem(data, size, "svg=", 4) != NULL)
		return 0;
	buf_init(&out);
	fuzz_doc(doc_update, data, size, &out);
	buf_free(&out);
	return 0;
}
