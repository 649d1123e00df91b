/*
 * doc.c -- expand the document template.
 */
#include "config.h"

#include <string.h>

#include "doc.h"
#include "emit.h"

static void
list_rows(struct buf *b, const struct mdg_list *l)
{
	size_t i;

	for (i = 0; i < l->nitems; i++) {
		buf_puts(b, "| ");
		md_escape_text(b, l->items[i].entity->name);
		buf_puts(b, " | ");
		md_escape_cell(b, l->items[i].note);
		buf_puts(b, " |\n");
	}
}

/*
 * Expand one placeholder, "{{verb arg}}", into b.  *block says the
 * expansion ends with a line end of its own.
 */
static int
expand(struct buf *b, const struct mdg_model *m, const char *verb,
    const char *arg, char **cause)
{
	const struct mdg_chain	*c = NULL;
	const struct mdg_list	*l = NULL;
	char			*names;

	if (str_eq(verb, "title") || str_eq(verb, "mermaid")) {
		if ((c = model_chain(m, arg)) == NULL) {
			names = model_chain_names(m);
			*cause = xasprintf("unknown chain '%s' (choose from: "
			    "%s)", arg, names);
			free(names);
			return -1;
		}
	} else if (str_eq(verb, "list-title") || str_eq(verb, "list")) {
		if ((l = model_list(m, arg)) == NULL) {
			*cause = xasprintf("unknown list '%s'", arg);
			return -1;
		}
	} else {
		*cause = xasprintf("unknown placeholder '{{%s}}' (choose "
		    "from: title, mermaid, list-title, list)", verb);
		return -1;
	}

	if (str_eq(verb, "title"))
		md_escape_cell(b, c->title);
	else if (str_eq(verb, "mermaid")) {
		struct mdg_view *v = view_new(m, c);

		buf_puts(b, "```mermaid\n");
		emit_mermaid_chain(b, v);
		buf_puts(b, "```\n");
		view_free(v);
	} else if (str_eq(verb, "list-title"))
		md_escape_cell(b, l->title);
	else
		list_rows(b, l);
	return 0;
}

int
doc_render(struct buf *out, const struct mdg_model *m, const char *tmpl,
    size_t len, const char *source, char **cause)
{
	const char	*s = tmpl, *end = tmpl + len, *nl, *open, *close;
	const char	*p, *sp;
	char		*verb, *arg, *why = NULL;
	struct buf	 tmp;
	int		 line = 0, whole;

	buf_init(&tmp);
	while (s < end) {
		line++;
		if ((nl = memchr(s, '\n', (size_t)(end - s))) == NULL)
			nl = end;
		p = s;
		while ((open = memmem(p, (size_t)(nl - p), "{{", 2)) != NULL) {
			close = memmem(open, (size_t)(nl - open), "}}", 2);
			if (close == NULL) {
				*cause = xasprintf("%s:%d: '{{' without '}}'",
				    source, line);
				goto fail;
			}
			sp = memchr(open, ' ', (size_t)(close - open));
			if (sp == NULL) {
				*cause = xasprintf("%s:%d: placeholder needs "
				    "a name, as in '{{mermaid main}}'", source,
				    line);
				goto fail;
			}
			verb = xstrndup(open + 2, (size_t)(sp - open - 2));
			arg = xstrndup(sp + 1, (size_t)(close - sp - 1));
			whole = open == s && close + 2 == nl && nl < end;
			buf_add(out, p, (size_t)(open - p));
			buf_reset(&tmp);
			if (expand(&tmp, m, verb, arg, &why) != 0) {
				*cause = xasprintf("%s:%d: %s", source, line,
				    why);
				free(why);
				free(verb);
				free(arg);
				goto fail;
			}
			free(verb);
			free(arg);
			/* Block expansions bring their own line ends. */
			if (!whole && tmp.len > 0 &&
			    tmp.data[tmp.len - 1] == '\n')
				tmp.len--;
			buf_add(out, tmp.data, tmp.len);
			p = close + 2;
			if (whole) {
				p = nl + 1;
				break;
			}
		}
		if (p <= nl)
			buf_add(out, p, (size_t)(nl - p) + (nl < end));
		s = nl + 1;
	}
	buf_free(&tmp);
	return 0;
fail:
	buf_free(&tmp);
	return -1;
}
