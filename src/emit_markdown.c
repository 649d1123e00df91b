/*
 * emit_markdown.c -- Markdown escaping for the generated document.
 */
#include "config.h"

#include <string.h>

#include "emit.h"

/*
 * Plain text (a table name read from a database, say) made inert: every
 * ASCII character Markdown or HTML gives a meaning is backslash-escaped or
 * written as an entity, and line ends become spaces so a table stays one
 * row.
 */
void
md_escape_text(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '<':
			buf_puts(b, "&lt;");
			break;
		case '>':
			buf_puts(b, "&gt;");
			break;
		case '&':
			buf_puts(b, "&amp;");
			break;
		case '\r':
		case '\n':
		case '\t':
			buf_putc(b, ' ');
			break;
		default:
			if (strchr("\\`*_{}[]()#+-.!|~", *s) != NULL)
				buf_putc(b, '\\');
			s += tty_escape_char(b, s);
			break;
		}
	}
}

/*
 * A note written by the model's author is inline Markdown and is kept as
 * it is; only what would break the table row is escaped.
 */
void
md_escape_cell(struct buf *b, const char *text)
{
	const char *s;

	for (s = text; *s != '\0'; s++) {
		if (*s == '|' && (s == text || s[-1] != '\\'))
			buf_puts(b, "\\|");
		else if (*s == '\r' || *s == '\n')
			buf_putc(b, ' ');
		else
			s += tty_escape_char(b, s);
	}
}
