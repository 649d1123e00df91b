/*
 * fuzz.h -- what the fuzz targets share.
 */
#ifndef MDG_FUZZ_H
#define MDG_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * A private heap copy of exactly `size` bytes, no NUL after them: under
 * ASan the byte past it is a redzone, even when the caller's buffer is
 * larger.
 */
static inline char *
fuzz_copy(const uint8_t *data, size_t size)
{
	char *copy = xmalloc(size ? size : 1);

	if (size > 0)
		memcpy(copy, data, size);
	return copy;
}

#endif
