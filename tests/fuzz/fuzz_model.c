/*
 * fuzz_model.c -- libFuzzer target for the model parser, model_parse().
 *
 * The input is model text; it is handed over as is, with its length and
 * no terminating NUL, so a read past `size` shows up under ASan.  A model
 * that parses is then exercised the way the CLI uses it: a view and the
 * Mermaid and JSON output of every chain, and the all-chains diagram.
 *
 * Built by tests/fuzz/run.sh (clang -fsanitize=fuzzer) and, with
 * replay.c, as tests/fuzz/replay-model for make check.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "model.h"
#include "util.h"

#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mdg_model	*m;
	struct mdg_view		*v;
	struct mdg_chain	*c;
	struct buf		 b;
	struct emit_opts	 eo;
	char			*cause = NULL, *copy;
	size_t			 i, j;

	memset(&eo, 0, sizeof eo);
	eo.format = "mermaid";
	copy = fuzz_copy(data, size);
	m = model_parse(copy, size, "fuzz", &cause);
	if (m == NULL) {
		free(cause);
		free(copy);
		return 0;
	}
	buf_init(&b);
	for (i = 0; i < m->nchains; i++) {
		c = m->chains[i];
		/* The join keys print back as model text. */
		for (j = 0; j < c->nrels; j++) {
			free(key_text(&c->rels[j]->lkey));
			free(key_text(&c->rels[j]->rkey));
		}
		v = view_new(m, c);
		buf_reset(&b);
		emit_mermaid_schema(&b, v, &eo, NULL);
		buf_reset(&b);
		emit_json_schema(&b, v, &eo, NULL);
		view_free(v);
	}
	v = view_new(m, NULL);
	buf_reset(&b);
	emit_mermaid_schema(&b, v, &eo, NULL);
	buf_reset(&b);
	emit_json_schema(&b, v, &eo, NULL);
	view_free(v);
	buf_free(&b);
	model_free(m);
	free(copy);
	return 0;
}
