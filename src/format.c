/*
 * format.c -- the output formats (see format.h).
 */
#include "config.h"

#include <string.h>
#include <strings.h>

#include "format.h"
#include "util.h"

static const struct format formats[] = {
	{ "mermaid", { ".mmd", ".mermaid", NULL }, 0,
	    emit_mermaid_schema, emit_mermaid_instance, NULL },
	{ "dot", { ".dot", ".gv", NULL }, 0,
	    emit_graphviz_schema, emit_graphviz_instance, NULL },
	{ "svg", { ".svg", NULL }, 0,
	    emit_graphviz_schema, emit_graphviz_instance, NULL },
	{ "png", { ".png", NULL }, 1,
	    emit_graphviz_schema, emit_graphviz_instance, NULL },
	{ "pdf", { ".pdf", NULL }, 1,
	    emit_graphviz_schema, emit_graphviz_instance, NULL },
	{ "html", { ".html", ".htm", NULL }, 0,
	    emit_html_schema, emit_html_instance, NULL },
	{ "json", { ".json", NULL }, 0,
	    emit_json_schema, emit_json_instance, emit_check_json },
	{ "tree", { NULL }, 0,
	    NULL, emit_tree_instance, NULL },
	{ "text", { NULL }, 0,
	    NULL, NULL, emit_check_text },
};
#define NFORMATS (sizeof formats / sizeof formats[0])

/* Does path end with ext, in any case (x.SVG)? */
static int
ends_with_nocase(const char *path, const char *ext)
{
	size_t n = strlen(path), e = strlen(ext);

	return n >= e && strcasecmp(path + n - e, ext) == 0;
}

const struct format *
format_named(const char *name)
{
	size_t i;

	for (i = 0; i < NFORMATS; i++)
		if (str_eq(formats[i].name, name))
			return &formats[i];
	return NULL;
}

const struct format *
format_for_path(const char *path)
{
	size_t i, j;

	for (i = 0; i < NFORMATS; i++)
		for (j = 0; formats[i].exts[j] != NULL; j++)
			if (ends_with_nocase(path, formats[i].exts[j]))
				return &formats[i];
	return NULL;
}

static int
has(const struct format *f, int what)
{
	return what == 's' ? f->schema != NULL : what == 'i' ?
	    f->instance != NULL : f->check != NULL;
}

char *
format_names(int what)
{
	struct buf	b;
	size_t		i;

	buf_init(&b);
	for (i = 0; i < NFORMATS; i++)
		if (has(&formats[i], what))
			buf_printf(&b, "%s%s", b.len ? ", " : "",
			    formats[i].name);
	return buf_detach(&b);
}
