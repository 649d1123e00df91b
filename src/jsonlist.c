/*
 * jsonlist.c -- a strict reader for a JSON list of scalars (RFC 8259).
 *
 * Every byte is checked against its length: the input need not end in a
 * NUL and nothing is read past it.
 */
#include "config.h"

#include <string.h>

#include "jsonlist.h"
#include "util.h"

struct rd {
	const char	*s;
	size_t		 len, at;
	char		*cause;
};

static int
fail(struct rd *r, const char *what)
{
	if (r->cause == NULL)
		r->cause = xasprintf("at byte %zu: %s", r->at, what);
	return -1;
}

static void
skip_ws(struct rd *r)
{
	while (r->at < r->len && (r->s[r->at] == ' ' || r->s[r->at] == '\t' ||
	    r->s[r->at] == '\n' || r->s[r->at] == '\r'))
		r->at++;
}

static int
digit(const struct rd *r)
{
	return r->at < r->len && r->s[r->at] >= '0' && r->s[r->at] <= '9';
}

/* Four hex digits after "\u", or -1. */
static long
hex4(struct rd *r)
{
	long	v = 0;
	size_t	i;
	char	c;

	if (r->len - r->at < 4)
		return fail(r, "truncated \\u escape");
	for (i = 0; i < 4; i++) {
		c = r->s[r->at + i];
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= c - '0';
		else if (c >= 'a' && c <= 'f')
			v |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			v |= c - 'A' + 10;
		else
			return fail(r, "\\u is not followed by four hex digits");
	}
	r->at += 4;
	return v;
}

static int
string(struct rd *r, struct buf *b)
{
	const char	*esc = "\"\\/bfnrt", *val = "\"\\/\b\f\n\r\t", *p;
	long		 u, lo;
	size_t		 n;
	unsigned char	 c;

	r->at++;	/* the opening quote */
	for (;;) {
		if (r->at >= r->len)
			return fail(r, "unterminated string");
		c = (unsigned char)r->s[r->at];
		if (c == '"') {
			r->at++;
			return 0;
		}
		if (c < 0x20)
			return fail(r, c == 0 ? "NUL byte" :
			    "unescaped control character in a string");
		if (c != '\\') {
			if ((n = utf8_seq(r->s + r->at, r->len - r->at)) == 0)
				return fail(r, "invalid UTF-8");
			buf_add(b, r->s + r->at, n);
			r->at += n;
			continue;
		}
		if (++r->at >= r->len)
			return fail(r, "truncated escape");
		c = (unsigned char)r->s[r->at];
		if (c != 'u') {
			if (c == '\0' || (p = strchr(esc, c)) == NULL)
				return fail(r, "unknown escape");
			buf_putc(b, val[p - esc]);
			r->at++;
			continue;
		}
		r->at++;
		if ((u = hex4(r)) < 0)
			return -1;
		if (u >= 0xdc00 && u <= 0xdfff)
			return fail(r, "lone low surrogate");
		if (u >= 0xd800 && u <= 0xdbff) {
			if (r->len - r->at < 2 || r->s[r->at] != '\\' ||
			    r->s[r->at + 1] != 'u')
				return fail(r, "lone high surrogate");
			r->at += 2;
			if ((lo = hex4(r)) < 0)
				return -1;
			if (lo < 0xdc00 || lo > 0xdfff)
				return fail(r, "lone high surrogate");
			u = 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
		}
		if (u == 0)
			return fail(r, "\\u0000 in a string");
		buf_put_utf8(b, (unsigned long)u);
	}
}

static int
number(struct rd *r, struct buf *b)
{
	size_t start = r->at;

	if (r->s[r->at] == '-')
		r->at++;
	if (!digit(r))
		return fail(r, "not a JSON value");
	if (r->s[r->at] == '0')
		r->at++;
	else
		while (digit(r))
			r->at++;
	if (r->at < r->len && r->s[r->at] == '.') {
		r->at++;
		if (!digit(r))
			return fail(r, "no digit after the decimal point");
		while (digit(r))
			r->at++;
	}
	if (r->at < r->len && (r->s[r->at] == 'e' || r->s[r->at] == 'E')) {
		r->at++;
		if (r->at < r->len && (r->s[r->at] == '+' || r->s[r->at] == '-'))
			r->at++;
		if (!digit(r))
			return fail(r, "no digit in the exponent");
		while (digit(r))
			r->at++;
	}
	buf_add(b, r->s + start, r->at - start);
	return 0;
}

/* One element into *out (NULL for null). */
static int
element(struct rd *r, char **out)
{
	static const char *const words[] = { "true", "false", "null" };
	struct buf	b;
	size_t		i, n;
	char		c;

	*out = NULL;
	if (r->at >= r->len)
		return fail(r, "truncated list");
	c = r->s[r->at];
	if (c == '[' || c == '{')
		return fail(r, "a nested array or object, not a scalar");
	for (i = 0; i < 3; i++) {
		n = strlen(words[i]);
		if (r->len - r->at >= n && memcmp(r->s + r->at, words[i], n) == 0) {
			r->at += n;
			if (i < 2)
				*out = xstrdup(words[i]);
			return 0;
		}
	}
	buf_init(&b);
	if ((c == '"' ? string(r, &b) : number(r, &b)) != 0) {
		buf_free(&b);
		return -1;
	}
	*out = buf_detach(&b);
	return 0;
}

int
jsonlist_parse(const char *s, size_t len, char ***elems, size_t *n,
    char **cause)
{
	struct rd	  r;
	char		**out = NULL, *e;
	size_t		  cap = 0, ne = 0;

	memset(&r, 0, sizeof r);
	r.s = s;
	r.len = len;
	skip_ws(&r);
	if (r.at >= len || s[r.at] != '[') {
		fail(&r, "not a JSON list");
		goto bad;
	}
	r.at++;
	skip_ws(&r);
	if (r.at < len && s[r.at] == ']')
		r.at++;
	else
		for (;;) {
			if (element(&r, &e) != 0)
				goto bad;
			VEC_PUSH(out, ne, cap, e);
			skip_ws(&r);
			if (r.at >= len) {
				fail(&r, "truncated list");
				goto bad;
			}
			if (s[r.at] == ']') {
				r.at++;
				break;
			}
			if (s[r.at] != ',') {
				fail(&r, "expected ',' or ']'");
				goto bad;
			}
			r.at++;
			skip_ws(&r);
		}
	skip_ws(&r);
	if (r.at < len) {
		fail(&r, "trailing bytes after the list");
		goto bad;
	}
	*elems = out;
	*n = ne;
	return 0;
bad:
	strv_free(out, ne);
	*elems = NULL;
	*n = 0;
	*cause = r.cause;
	return -1;
}
