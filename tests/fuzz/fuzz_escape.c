/*
 * fuzz_escape.c -- libFuzzer target for the escapers, each checked by what
 * reads its output:
 *
 *	html_escape	(HTML-like labels in DOT) read back by Graphviz's
 *			agmemread(), then laid out, rendered to SVG and that
 *			SVG parsed by libxml2
 *	json_escape	read back by jsonlist_parse(), to the same string
 *	mermaid_escape	no '"', '%' or line end survives (a label stays one
 *			quoted string, no comment or directive starts)
 *	md_escape_text	every ASCII character Markdown gives a meaning is
 *			escaped, no line end survives
 *	md_escape_cell	no unescaped '|' or line end (a table row stays one)
 *	tty_escape	no control character (C0, DEL, C1) survives
 *
 * The input is a database value: its bytes up to the first NUL, skipped
 * when not UTF-8 (the connection is UTF-8; models and templates are
 * checked).  Built by tests/fuzz/run.sh (clang -fsanitize=fuzzer) and,
 * with replay.c, as tests/fuzz/replay-escape for make check.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>
#include <libxml/parser.h>

#include "emit.h"
#include "graph.h"
#include "json.h"
#include "jsonlist.h"
#include "util.h"

#include "fuzz.h"

static GVC_t	*gvc;
static struct buf gv_said;	/* what Graphviz complained of */

static int
gv_error(char *msg)
{
	buf_puts(&gv_said, msg);
	return 0;
}

static void
bad(const char *who, const char *what, const char *in, const char *out)
{
	fprintf(stderr, "fuzz_escape: %s: %s\n  in:  %s\n  out: %s\n", who,
	    what, in, out);
	abort();
}

static void
xml_quiet(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

static void
dot_svg(const char *s)
{
	struct buf	 b, e;
	Agraph_t	*g;
	char		*svg = NULL;
	unsigned int	 len = 0;
	xmlDocPtr	 doc;

	agseterr(AGWARN);
	agseterrf(gv_error);
	buf_reset(&gv_said);
	buf_init(&e);
	html_escape(&e, s);
	buf_init(&b);
	buf_puts(&b, "digraph g { n [shape=plaintext label=<<table><tr><td>");
	buf_puts(&b, e.data ? e.data : "");
	buf_puts(&b, "</td></tr></table>>] }\n");
	if ((g = agmemread(b.data)) == NULL)
		bad("html_escape", "Graphviz cannot read the DOT", s, b.data);
	if (gvc == NULL)
		gvc = gvContext();
	if (e.len < 2048) {
		if (gvLayout(gvc, g, "dot") != 0)
			bad("html_escape", "Graphviz cannot lay it out", s,
			    b.data);
		if (gvRenderData(gvc, g, "svg", &svg, &len) != 0)
			bad("html_escape", "Graphviz cannot render it", s,
			    b.data);
		if (gv_said.len > 0)
			bad("html_escape", gv_said.data, s, b.data);
		doc = xmlReadMemory(svg, (int)len, "fuzz.svg", NULL,
		    XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR);
		if (doc == NULL)
			bad("html_escape", "libxml2 rejects the SVG", s, svg);
		xmlFreeDoc(doc);
		gvFreeRenderData(svg);
		gvFreeLayout(gvc, g);
	}
	agclose(g);
	buf_free(&b);
	buf_free(&e);
}

static void
json_round_trip(const char *s)
{
	struct buf	  b;
	char		**el, *cause = NULL;
	size_t		  n;

	buf_init(&b);
	buf_putc(&b, '[');
	json_escape(&b, s);
	buf_putc(&b, ']');
	if (jsonlist_parse(b.data, b.len, &el, &n, &cause) != 0)
		bad("json_escape", cause, s, b.data);
	if (n != 1 || el[0] == NULL || !str_eq(el[0], s))
		bad("json_escape", "reads back otherwise", s, b.data);
	strv_free(el, n);
	buf_free(&b);
}

/* Every byte of out in `never` is a failure. */
static void
none_of(const char *who, const char *in, void (*esc)(struct buf *,
    const char *), const char *never)
{
	struct buf b;

	buf_init(&b);
	esc(&b, in);
	if (b.data != NULL && strpbrk(b.data, never) != NULL)
		bad(who, "a character it must escape survives", in, b.data);
	buf_free(&b);
}

static void
markdown(const char *s)
{
	struct buf	b;
	size_t		i;

	buf_init(&b);
	md_escape_text(&b, s);
	for (i = 0; i < b.len; i++) {
		if (b.data[i] == '\\' && i + 1 < b.len) {
			i++;	/* an escaped character */
			continue;
		}
		if (strchr("\\`*_{}[]()#+-.!|~<>\r\n", b.data[i]) != NULL)
			bad("md_escape_text", "an active character survives",
			    s, b.data);
	}
	buf_reset(&b);
	md_escape_cell(&b, s);
	for (i = 0; i < b.len; i++)
		if (b.data[i] == '\r' || b.data[i] == '\n' ||
		    (b.data[i] == '|' && (i == 0 || b.data[i - 1] != '\\')))
			bad("md_escape_cell", "the row would break", s, b.data);
	buf_free(&b);
}

static void
tty(const char *s)
{
	struct buf		 b;
	const unsigned char	*p;

	buf_init(&b);
	tty_escape(&b, s);
	for (p = (const unsigned char *)(b.data ? b.data : ""); *p; p++)
		if (*p < 0x20 || *p == 0x7f ||
		    (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f))
			bad("tty_escape", "a control character survives", s,
			    b.data);
	buf_free(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*s;
	size_t	 i, n;

	s = xstrndup((const char *)data, size);
	for (i = 0; s[i] != '\0'; i += n)
		if ((n = utf8_seq(s + i, strlen(s + i))) == 0) {
			free(s);
			return 0;
		}
	xmlSetGenericErrorFunc(NULL, xml_quiet);
	dot_svg(s);
	json_round_trip(s);
	none_of("mermaid_escape", s, mermaid_escape, "\"%\r\n");
	markdown(s);
	tty(s);
	free(s);
	return 0;
}
