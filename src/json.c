/*
 * json.c -- the JSON writer.
 */
#include "config.h"

#include "json.h"

void
json_init(struct json *j, struct buf *out)
{
	j->out = out;
	j->depth = 0;
	j->first = 1;
	j->after_key = 0;
}

static void
newline(struct json *j)
{
	static const char	sp[] = "\n                                ";
	int			i = j->depth;

	/* The newline and the indent at once; deeper than sp, in steps. */
	buf_add(j->out, sp, 1 + 2 * (size_t)(i < 16 ? i : 16));
	for (i -= 16; i > 0; i--)
		buf_puts(j->out, "  ");
}

/* Separator and indentation before a value or a key. */
static void
before(struct json *j)
{
	if (j->after_key) {
		j->after_key = 0;
		return;
	}
	if (!j->first)
		buf_putc(j->out, ',');
	if (j->depth > 0)
		newline(j);
	j->first = 0;
}

static void
push(struct json *j, char c)
{
	before(j);
	buf_putc(j->out, c);
	j->depth++;
	j->first = 1;
}

static void
pop(struct json *j, char c)
{
	j->depth--;
	if (!j->first)
		newline(j);
	buf_putc(j->out, c);
	j->first = 0;
	if (j->depth == 0)
		buf_putc(j->out, '\n');
}

void
json_obj(struct json *j)
{
	push(j, '{');
}

void
json_arr(struct json *j)
{
	push(j, '[');
}

void
json_end_obj(struct json *j)
{
	pop(j, '}');
}

void
json_end_arr(struct json *j)
{
	pop(j, ']');
}

/* Bytes a JSON string holds escaped: controls, '"', '\\', DEL; NUL ends it. */
static const unsigned char json_special[256] = {
	[0x00] = 1, [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1, [0x05] = 1,
	[0x06] = 1, [0x07] = 1, [0x08] = 1, [0x09] = 1, [0x0a] = 1, [0x0b] = 1,
	[0x0c] = 1, [0x0d] = 1, [0x0e] = 1, [0x0f] = 1, [0x10] = 1, [0x11] = 1,
	[0x12] = 1, [0x13] = 1, [0x14] = 1, [0x15] = 1, [0x16] = 1, [0x17] = 1,
	[0x18] = 1, [0x19] = 1, [0x1a] = 1, [0x1b] = 1, [0x1c] = 1, [0x1d] = 1,
	[0x1e] = 1, [0x1f] = 1, ['"'] = 1, ['\\'] = 1, [0x7f] = 1,
};

void
json_escape(struct buf *b, const char *s)
{
	const unsigned char	*p = (const unsigned char *)s, *run;

	buf_putc(b, '"');
	for (;;) {
		/* Copy the run of bytes that need no escape at once. */
		for (run = p; !json_special[*p]; p++)
			;
		if (p > run)
			buf_add(b, run, (size_t)(p - run));
		switch (*p) {
		case '\0':
			buf_putc(b, '"');
			return;
		case '"':
			buf_add(b, "\\\"", 2);
			break;
		case '\\':
			buf_add(b, "\\\\", 2);
			break;
		case '\n':
			buf_add(b, "\\n", 2);
			break;
		case '\r':
			buf_add(b, "\\r", 2);
			break;
		case '\t':
			buf_add(b, "\\t", 2);
			break;
		default:
			buf_printf(b, "\\u%04x", *p);
			break;
		}
		p++;
	}
}

void
json_key(struct json *j, const char *k)
{
	before(j);
	json_escape(j->out, k);
	buf_puts(j->out, ": ");
	j->after_key = 1;
}

void
json_key_escaped(struct json *j, const char *k, size_t len)
{
	before(j);
	buf_add(j->out, k, len);
	buf_add(j->out, ": ", 2);
	j->after_key = 1;
}

void
json_str(struct json *j, const char *s)
{
	before(j);
	if (s == NULL)
		buf_puts(j->out, "null");
	else
		json_escape(j->out, s);
}

void
json_int(struct json *j, long long v)
{
	char			 d[24], *p = d + sizeof d;
	unsigned long long	 u = v < 0 ? 0 - (unsigned long long)v :
				    (unsigned long long)v;

	/* By hand: printf's machinery costs more than the digits. */
	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) > 0);
	if (v < 0)
		*--p = '-';
	before(j);
	buf_add(j->out, p, (size_t)(d + sizeof d - p));
}

void
json_bool(struct json *j, int v)
{
	before(j);
	buf_puts(j->out, v ? "true" : "false");
}

void
json_null(struct json *j)
{
	before(j);
	buf_puts(j->out, "null");
}

void
json_kstr(struct json *j, const char *k, const char *v)
{
	json_key(j, k);
	json_str(j, v);
}

void
json_kint(struct json *j, const char *k, long long v)
{
	json_key(j, k);
	json_int(j, v);
}

void
json_kbool(struct json *j, const char *k, int v)
{
	json_key(j, k);
	json_bool(j, v);
}
