/*
 * jsonlist.h -- a strict RFC 8259 reader for a JSON list of scalars, as
 * bk-monitor keeps in text and jsonb columns: ["a", "b"], [1, 2], [].
 */
#ifndef MDG_JSONLIST_H
#define MDG_JSONLIST_H

#include <stddef.h>

/*
 * Read the `len` bytes at s (no NUL needed) as one JSON array of strings,
 * numbers, true, false and null, with only JSON whitespace around it.
 * On success returns 0 with *elems (n entries, allocated, each freed by
 * the caller) holding each element as text: a string decoded to UTF-8
 * (escaped surrogate pairs joined), a number as written, "true", "false",
 * and NULL for null.  Anything else -- not an array, a nested array or
 * object, invalid UTF-8, a NUL byte, an unescaped control character, a
 * bad or truncated escape, a lone surrogate, \u0000, trailing bytes --
 * returns -1 with *elems NULL, *n 0 and *cause (allocated) saying what
 * and at which byte.
 */
int	jsonlist_parse(const char *s, size_t len, char ***elems, size_t *n,
	    char **cause);

#endif
