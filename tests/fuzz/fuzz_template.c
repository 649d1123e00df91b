/*
 * fuzz_template.c -- libFuzzer target for the document template's
 * placeholders, doc_render() (mdgraph doc --template FILE).
 *
 * The input is a template, on the heap with its length and no NUL after
 * it; the built-in model, parsed once, fills the placeholders.  A
 * template that renders must give UTF-8 without NUL bytes.
 *
 * Built by tests/fuzz/run.sh (clang -fsanitize=fuzzer) and, with
 * replay.c, as tests/fuzz/replay-template for make check.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_doc.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf	 out;
	size_t		 i, n;

	buf_init(&out);
	if (fuzz_doc(doc_render, data, size, &out) == 0)
		for (i = 0; i < out.len; i += n)
			if ((n = utf8_seq(out.data + i, out.len - i)) == 0 ||
			    out.data[i] == '\0') {
				fprintf(stderr, "fuzz_template: byte %zu of the "
				    "output is NUL or not UTF-8\n", i);
				abort();
			}
	buf_free(&out);
	return 0;
}
