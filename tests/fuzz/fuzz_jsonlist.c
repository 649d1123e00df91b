/*
 * fuzz_jsonlist.c -- libFuzzer target for the JSON-list reader,
 * jsonlist_parse() (a database column read by elem() keys).
 *
 * The input is the column's bytes, on the heap with no NUL after them.
 * A list that parses is written back with json_escape() and must parse
 * again to the same elements: the reader and the writer agree.
 *
 * Built by tests/fuzz/run.sh (clang -fsanitize=fuzzer) and, with
 * replay.c, as tests/fuzz/replay-jsonlist for make check.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "jsonlist.h"
#include "util.h"

#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char		**el, **again, *cause = NULL, *copy;
	size_t		  n, n2, i;
	struct buf	  b;

	copy = fuzz_copy(data, size);
	if (jsonlist_parse(copy, size, &el, &n, &cause) != 0) {
		if (cause == NULL || el != NULL || n != 0)
			abort();	/* a failure says why, and owns nothing */
		free(cause);
		free(copy);
		return 0;
	}
	buf_init(&b);
	buf_putc(&b, '[');
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_putc(&b, ',');
		if (el[i] == NULL)
			buf_puts(&b, "null");
		else
			json_escape(&b, el[i]);
	}
	buf_putc(&b, ']');
	if (jsonlist_parse(b.data, b.len, &again, &n2, &cause) != 0) {
		fprintf(stderr, "fuzz_jsonlist: written back unreadable: %s\n",
		    cause);
		abort();
	}
	if (n2 != n)
		abort();
	for (i = 0; i < n; i++)
		if ((el[i] == NULL) != (again[i] == NULL) ||
		    (el[i] != NULL && !str_eq(el[i], again[i])))
			abort();
	strv_free(el, n);
	strv_free(again, n2);
	buf_free(&b);
	free(copy);
	return 0;
}
