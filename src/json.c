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

void
json_escape(struct buf *b, const char *s)
{
	const unsigned char	*p = (const unsigned char *)s, *run;

	buf_putc(b, '"');
	for (;;) {
		/* Copy the run of bytes that need no escape at once. */
		for (run = p; *p >= 0x20 && *p != '"' && *p != '\\' &&
		    *p != 0x7f; p++)
			;
		if (p > run)
			buf_add(b, run, (size_t)(p - run));
		switch (*p) {
		case '\0':
			buf_putc(b, '"');
			return;
		case '"':
			buf_puts(b, "\\\"");
			break;
		case '\\':
			buf_puts(b, "\\\\");
			break;
		case '\n':
			buf_puts(b, "\\n");
			break;
		case '\r':
			buf_puts(b, "\\r");
			break;
		case '\t':
			buf_puts(b, "\\t");
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
	before(j);
	buf_printf(j->out, "%lld", v);
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
