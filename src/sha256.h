/*
 * sha256.h -- SHA-256 (FIPS 180-4) and base64, for the hashes of the
 * inline script and style in an HTML page's Content-Security-Policy.
 */
#ifndef MDG_SHA256_H
#define MDG_SHA256_H

#include <stddef.h>

#include "util.h"

#define SHA256_LEN	32

void	sha256(const void *data, size_t len, unsigned char out[SHA256_LEN]);
/* Standard base64 (RFC 4648, with '=' padding) of len bytes, appended. */
void	base64_add(struct buf *, const unsigned char *data, size_t len);

#endif
