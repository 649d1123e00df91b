/*
 * doc.c -- expand the document template, or regenerate marker regions.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <spawn.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "doc.h"
#include "emit.h"

extern char **environ;

/* "| A | B |" and "|---|---|" from the list's "A | B" header. */
static void
list_table(struct buf *b, const struct doc_opts *o, const struct mdg_list *l)
{
	const char	**unc;
	const char	 *p, *q;
	size_t		  i, n, cols = 0;

	buf_puts(b, "|");
	for (p = l->header; ; p = q + 1) {
		q = strchr(p, '|');
		while (*p == ' ')
			p++;
		n = q ? (size_t)(q - p) : strlen(p);
		while (n > 0 && p[n - 1] == ' ')
			n--;
		buf_puts(b, " ");
		buf_add(b, p, n);
		buf_puts(b, " |");
		cols++;
		if (q == NULL)
			break;
	}
	buf_puts(b, "\n|");
	for (i = 0; i < cols; i++)
		buf_puts(b, "---|");
	buf_putc(b, '\n');
	for (i = 0; i < l->nitems; i++) {
		buf_puts(b, "| ");
		md_escape_text(b, l->items[i].entity->name);
		buf_puts(b, " | ");
		md_escape_cell(b, l->items[i].note);
		buf_puts(b, " |\n");
	}
	if (o->live != NULL && l->new_note != NULL) {
		n = unclassified_tables(o->model, o->live, &unc);
		for (i = 0; i < n; i++) {
			buf_puts(b, "| ");
			md_escape_text(b, unc[i]);
			buf_puts(b, " | ");
			md_escape_cell(b, l->new_note);
			buf_puts(b, " |\n");
		}
		free(unc);
	}
}

/* The directory part of a path ("" for a bare name). */
static char *
dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? xstrndup(path, (size_t)(slash - path + 1)) : xstrdup("");
}

/*
 * `target` as the document at `doc` links to it: relative to the doc's
 * directory when both are relative paths.
 */
static char *
link_path(const char *doc, const char *target)
{
	char		*dir, *r;
	const char	*t = target, *d;
	size_t		 up = 0;

	if (doc == NULL || target[0] == '/' || doc[0] == '/')
		return xstrdup(target);
	dir = dir_of(doc);
	d = dir;
	/* Drop the directories both paths share. */
	while (*d != '\0') {
		const char *ds = strchr(d, '/'), *ts = strchr(t, '/');

		if (ds == NULL || ts == NULL || ds - d != ts - t ||
		    strncmp(d, t, (size_t)(ds - d)) != 0)
			break;
		d = ds + 1;
		t = ts + 1;
	}
	for (; *d != '\0'; d++)
		if (*d == '/')
			up++;
	{
		struct buf b;

		buf_init(&b);
		while (up-- > 0)
			buf_puts(&b, "../");
		buf_puts(&b, t);
		r = buf_detach(&b);
	}
	free(dir);
	return r;
}

/* "DIR/NAME.EXT" (allocated). */
static char *
dir_file(const char *dir, const char *name, const char *ext)
{
	return xasprintf("%s%s%s%s", dir, str_ends_with(dir, "/") ? "" : "/",
	    name, ext);
}

/*
 * The diagram of chain c (NULL: all) as "svg" or "html", added to o->files
 * as `path`.
 */
static int
chain_file(struct doc_opts *o, const struct mdg_chain *c, const char *format,
    const char *path, char **cause)
{
	struct emit_opts	 eo;
	struct mdg_view		*v;
	struct doc_file		 f;
	int			 rc;

	memset(&eo, 0, sizeof eo);
	eo.format = format;
	eo.index_href = "index.html";
	v = view_new(o->model, c);
	if (o->live != NULL)
		view_apply_db(v, o->live, COLUMNS_DOC, 0);
	buf_init(&f.data);
	rc = str_eq(format, "html") ? emit_html_schema(&f.data, v, &eo, cause) :
	    emit_graphviz_schema(&f.data, v, &eo, cause);
	view_free(v);
	if (rc != 0) {
		buf_free(&f.data);
		return -1;
	}
	f.path = xstrdup(path);
	VEC_PUSH(o->files, o->nfiles, o->cap, f);
	return 0;
}

/* A chain's fenced block, and its SVG link when there is one. */
static int
chain_block_md(struct buf *b, struct doc_opts *o, const struct mdg_chain *c,
    const char *svg, char **cause)
{
	struct mdg_view	*v = view_new(o->model, c);
	char		*path = NULL, *link;

	if (o->live != NULL)
		view_apply_db(v, o->live, COLUMNS_DOC, 0);
	buf_puts(b, "```mermaid\n");
	emit_mermaid_chain(b, v);
	buf_puts(b, "```\n");
	view_free(v);
	if (svg == NULL && o->svg_dir != NULL)
		svg = path = dir_file(o->svg_dir, c->name, ".svg");
	if (svg != NULL) {
		if (chain_file(o, c, "svg", svg, cause) != 0) {
			free(path);
			return -1;
		}
		link = link_path(o->doc_path, svg);
		buf_puts(b, "\n![");
		md_escape_text(b, c->title);
		buf_printf(b, "](%s)\n", link);
		free(link);
	}
	free(path);
	if (o->html_dir != NULL) {
		path = dir_file(o->html_dir, c->name, ".html");
		if (chain_file(o, c, "html", path, cause) != 0) {
			free(path);
			return -1;
		}
		VEC_PUSH(o->pages, o->npages, o->cap_pages, c);
		link = link_path(o->doc_path, path);
		buf_printf(b, "%s[", svg != NULL ? "" : "\n");
		md_escape_text(b, c->title);
		buf_printf(b, "（交互视图）](%s)\n", link);
		free(link);
		free(path);
	}
	return 0;
}

/*
 * doc --html-dir: besides the chains' pages, all.html (every chain) and
 * index.html, which links all.html and each page once, in document order.
 */
static int
html_index(struct doc_opts *o, char **cause)
{
	struct html_link	*links;
	struct doc_file		 f;
	char			*path, **notes;
	size_t			 i, j, n = 0;
	int			 rc;

	path = dir_file(o->html_dir, "all", ".html");
	rc = chain_file(o, NULL, "html", path, cause);
	free(path);
	if (rc != 0)
		return -1;
	links = xcalloc(o->npages + 1, sizeof *links);
	notes = xcalloc(o->npages + 1, sizeof *notes);
	links[n].href = "all.html";
	links[n].title = "All chains";
	notes[n] = xasprintf("%zu chains", o->model->nchains);
	links[n].note = notes[n];
	n++;
	for (i = 0; i < o->npages; i++) {
		for (j = 0; j < i && o->pages[j] != o->pages[i]; j++)
			;
		if (j < i)
			continue;
		notes[n] = xasprintf("%s, %zu entities", o->pages[i]->name,
		    o->pages[i]->nentities);
		links[n].href = path = xasprintf("%s.html", o->pages[i]->name);
		links[n].title = o->pages[i]->title;
		links[n].note = notes[n];
		n++;
	}
	buf_init(&f.data);
	rc = emit_html_index(&f.data, o->model, links, n, cause);
	for (i = 0; i < n; i++) {
		if (i > 0)
			free((char *)links[i].href);
		free(notes[i]);
	}
	free(links);
	free(notes);
	if (rc != 0) {
		buf_free(&f.data);
		return -1;
	}
	f.path = dir_file(o->html_dir, "index", ".html");
	VEC_PUSH(o->files, o->nfiles, o->cap, f);
	return 0;
}

static int
unknown_chain(const struct mdg_model *m, const char *name, char **cause)
{
	char *names = model_chain_names(m);

	*cause = xasprintf("unknown chain '%s' (choose from: %s)", name, names);
	free(names);
	return -1;
}

static int
unknown_list(const struct mdg_model *m, const char *name, char **cause)
{
	struct buf	b;
	size_t		i;

	buf_init(&b);
	for (i = 0; i < m->nlists; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", m->lists[i]->name);
	*cause = xasprintf("unknown list '%s' (choose from: %s)", name, b.data ?
	    b.data : "");
	buf_free(&b);
	return -1;
}

/* Expand one placeholder, "{{verb arg}}", into b. */
static int
expand(struct buf *b, struct doc_opts *o, const char *verb, const char *arg,
    char **cause)
{
	const struct mdg_model	*m = o->model;
	const struct mdg_chain	*c = NULL;
	const struct mdg_list	*l = NULL;

	if (str_eq(verb, "title") || str_eq(verb, "mermaid")) {
		if ((c = model_chain(m, arg)) == NULL)
			return unknown_chain(m, arg, cause);
	} else if (str_eq(verb, "list-title") || str_eq(verb, "list")) {
		if ((l = model_list(m, arg)) == NULL)
			return unknown_list(m, arg, cause);
	} else {
		*cause = xasprintf("unknown placeholder '{{%s}}' (choose "
		    "from: title, mermaid, list-title, list)", verb);
		return -1;
	}

	if (str_eq(verb, "title"))
		md_escape_cell(b, c->title);
	else if (str_eq(verb, "mermaid"))
		return chain_block_md(b, o, c, NULL, cause);
	else if (str_eq(verb, "list-title"))
		md_escape_cell(b, l->title);
	else
		list_table(b, o, l);
	return 0;
}

int
doc_render(struct buf *out, struct doc_opts *o, const char *tmpl, size_t len,
    const char *source, char **cause)
{
	const char	*s = tmpl, *end = tmpl + len, *nl, *open, *close;
	const char	*p, *sp;
	char		*verb, *arg, *why = NULL;
	struct buf	 tmp;
	int		 line = 0, whole;

	if (text_check(tmpl, len, source, cause) != 0)
		return -1;
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
			if (expand(&tmp, o, verb, arg, &why) != 0) {
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
	return o->html_dir != NULL ? html_index(o, cause) : 0;
fail:
	buf_free(&tmp);
	return -1;
}

/*
 * The real path of `path`: realpath() of the longest leading part that
 * exists, and the rest as written, which must hold no "..".  NULL when
 * nothing can be resolved or the rest climbs.
 */
static char *
resolve_path(const char *path)
{
	char		*head = xstrdup(path), *real, *slash, *r;
	const char	*rest = "", *c;

	while ((real = realpath(*head != '\0' ? head : ".", NULL)) == NULL) {
		if (errno != ENOENT || *head == '\0') {
			free(head);
			return NULL;
		}
		slash = strrchr(head, '/');
		rest = path + (slash ? (size_t)(slash - head) + 1 : 0);
		if (slash != NULL)
			*slash = '\0';
		else
			*head = '\0';
	}
	free(head);
	for (c = rest; *c != '\0'; c += strcspn(c, "/"), c += *c == '/')
		if (strncmp(c, "..", 2) == 0 && (c[2] == '/' || c[2] == '\0')) {
			free(real);
			return NULL;
		}
	r = *rest != '\0' ? xasprintf("%s%s%s", real, str_eq(real, "/") ?
	    "" : "/", rest) : xstrdup(real);
	free(real);
	return r;
}

/* Is `path` inside the directory `dir` ("" is the current one)? */
static int
inside(const char *dir, const char *path)
{
	char	*d = resolve_path(*dir != '\0' ? dir : "."), *p;
	size_t	 n;
	int	 in = 0;

	if (d != NULL && (p = resolve_path(path)) != NULL) {
		n = strlen(d);
		in = strncmp(p, d, n) == 0 && (p[n] == '/' ||
		    str_eq(d, "/"));
		free(p);
	}
	free(d);
	return in;
}

/*
 * A marker's svg=PATH stays in the document's directory tree, or in
 * --svg-dir: not absolute, no ".." or symbolic link out of it.
 */
static int
confined_svg(const struct doc_opts *o, const char *svg, char **why)
{
	char	*dir = dir_of(o->doc_path ? o->doc_path : "");
	int	 ok = svg[0] != '/' && (inside(dir, svg) ||
		    (o->svg_dir != NULL && inside(o->svg_dir, svg)));

	if (!ok)
		*why = xasprintf("svg=%s is outside the document's directory "
		    "%s%s%s: give a relative path inside it", svg,
		    *dir != '\0' ? dir : ".", o->svg_dir ? " and --svg-dir " :
		    "", o->svg_dir ? o->svg_dir : "");
	free(dir);
	return ok ? 0 : -1;
}

/*
 * "<!-- mdgraph:KIND=NAME [key=value...] -->" alone on a line: 1, with
 * kind, name and svg set; 0 if the line is no marker; -1 if it is a
 * malformed one (*cause set).
 */
static int
open_marker(const char *line, size_t n, char **kind, char **name, char **svg,
    char **cause)
{
	const char	*p = line, *e = line + n, *w, *eq;
	char		*word;

	while (p < e && (*p == ' ' || *p == '\t'))
		p++;
	while (e > p && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		e--;
	if ((size_t)(e - p) < 13 || strncmp(p, "<!-- mdgraph:", 13) != 0)
		return 0;
	if ((size_t)(e - p) < 17 || strncmp(e - 4, " -->", 4) != 0) {
		*cause = xstrdup("a marker ends with ' -->' on its own line");
		return -1;
	}
	e -= 4;
	p += 13;
	*kind = *name = *svg = NULL;
	while (p < e) {
		for (w = p; w < e && *w != ' '; w++)
			;
		word = xstrndup(p, (size_t)(w - p));
		if ((eq = strchr(word, '=')) == NULL || eq == word ||
		    eq[1] == '\0') {
			*cause = xasprintf("expected key=value in marker, not "
			    "'%s'", word);
			free(word);
			goto bad;
		}
		if (*kind == NULL) {
			*kind = xstrndup(word, (size_t)(eq - word));
			*name = xstrdup(eq + 1);
			if (!str_eq(*kind, "chain") && !str_eq(*kind, "list")) {
				*cause = xasprintf("unknown marker "
				    "'mdgraph:%s' (choose from: chain, list)",
				    *kind);
				free(word);
				goto bad;
			}
		} else if (strncmp(word, "svg=", 4) == 0 &&
		    str_eq(*kind, "chain") && *svg == NULL)
			*svg = xstrdup(eq + 1);
		else {
			*cause = xasprintf("unknown marker option '%s' "
			    "(choose from: svg=PATH, with chain=)", word);
			free(word);
			goto bad;
		}
		free(word);
		for (p = w; p < e && *p == ' '; p++)
			;
	}
	if (*kind == NULL) {
		*cause = xstrdup("marker names nothing: use "
		    "mdgraph:chain=NAME or mdgraph:list=NAME");
		return -1;
	}
	return 1;
bad:
	free(*kind);
	free(*name);
	free(*svg);
	*kind = *name = *svg = NULL;
	return -1;
}

static int
close_marker(const char *line, size_t n)
{
	while (n > 0 && (line[n - 1] == ' ' || line[n - 1] == '\t' ||
	    line[n - 1] == '\r'))
		n--;
	while (n > 0 && (*line == ' ' || *line == '\t'))
		line++, n--;
	return n == 17 && strncmp(line, "<!-- /mdgraph -->", 17) == 0;
}

int
doc_update(struct buf *out, struct doc_opts *o, const char *text, size_t len,
    const char *source, char **cause)
{
	const struct mdg_chain	*c;
	const struct mdg_list	*l;
	const char		*s = text, *end = text + len, *nl;
	char			*kind = NULL, *name = NULL, *svg = NULL;
	char			*why = NULL;
	size_t			 n;
	int			 line = 0, inside = 0, open_line = 0, r;

	while (s < end) {
		line++;
		if ((nl = memchr(s, '\n', (size_t)(end - s))) == NULL)
			nl = end;
		n = (size_t)(nl - s);
		if (close_marker(s, n)) {
			if (!inside) {
				*cause = xasprintf("%s:%d: '<!-- /mdgraph -->' "
				    "closes no marker", source, line);
				return -1;
			}
			inside = 0;
			buf_add(out, s, n + (nl < end));
		} else if ((r = open_marker(s, n, &kind, &name, &svg,
		    &why)) != 0) {
			if (r < 0) {
				*cause = xasprintf("%s:%d: %s", source, line,
				    why);
				free(why);
				return -1;
			}
			if (inside) {
				*cause = xasprintf("%s:%d: marker inside the "
				    "marker of line %d: close that one first "
				    "with '<!-- /mdgraph -->'", source, line,
				    open_line);
				goto fail;
			}
			inside = 1;
			open_line = line;
			buf_add(out, s, n + (nl < end));
			if (nl == end)
				buf_putc(out, '\n');
			if (str_eq(kind, "chain")) {
				if ((c = model_chain(o->model, name)) == NULL) {
					unknown_chain(o->model, name, &why);
					goto bad_name;
				}
				if ((svg != NULL && confined_svg(o, svg,
				    &why) != 0) ||
				    chain_block_md(out, o, c, svg, &why) != 0)
					goto bad_name;
			} else {
				if ((l = model_list(o->model, name)) == NULL) {
					unknown_list(o->model, name, &why);
					goto bad_name;
				}
				list_table(out, o, l);
			}
			free(kind);
			free(name);
			free(svg);
			kind = name = svg = NULL;
		} else if (!inside)
			buf_add(out, s, n + (nl < end));
		s = nl + 1;
	}
	if (inside) {
		*cause = xasprintf("%s:%d: marker is not closed: add '<!-- "
		    "/mdgraph -->'", source, open_line);
		return -1;
	}
	if (open_line == 0) {
		*cause = xasprintf("%s has no mdgraph markers: add a region "
		    "'<!-- mdgraph:chain=NAME -->' ... '<!-- /mdgraph -->'",
		    source);
		return -1;
	}
	return o->html_dir != NULL ? html_index(o, cause) : 0;
bad_name:
	*cause = xasprintf("%s:%d: %s", source, line, why);
	free(why);
fail:
	free(kind);
	free(name);
	free(svg);
	return -1;
}

void
doc_opts_free(struct doc_opts *o)
{
	size_t i;

	for (i = 0; i < o->nfiles; i++) {
		free(o->files[i].path);
		buf_free(&o->files[i].data);
	}
	free(o->files);
	free(o->pages);
	o->files = NULL;
	o->pages = NULL;
	o->nfiles = o->cap = 0;
	o->npages = o->cap_pages = 0;
}

int
doc_diff(const char *path, const void *data, size_t len, char **cause)
{
	char		 tmp[] = "/tmp/mdgraph-diff.XXXXXX";
	char		*label_a, *label_b;
	char		*argv[9];
	pid_t		 pid;
	int		 fd, status, rc;

	if ((fd = mkstemp(tmp)) == -1) {
		*cause = xasprintf("cannot make a temporary file: %s",
		    strerror(errno));
		return -1;
	}
	if (write(fd, data, len) != (ssize_t)len) {
		*cause = xasprintf("%s: %s", tmp, strerror(errno));
		close(fd);
		unlink(tmp);
		return -1;
	}
	close(fd);
	label_a = xasprintf("%s", path);
	label_b = xasprintf("%s (regenerated)", path);
	argv[0] = (char *)"diff";
	argv[1] = (char *)"-u";
	argv[2] = (char *)"--label";
	argv[3] = label_a;
	argv[4] = (char *)"--label";
	argv[5] = label_b;
	argv[6] = access(path, R_OK) == 0 ? (char *)path : (char *)"/dev/null";
	argv[7] = tmp;
	argv[8] = NULL;
	fflush(stdout);
	rc = posix_spawnp(&pid, "diff", NULL, NULL, argv, environ);
	if (rc != 0) {
		*cause = xasprintf("cannot run diff: %s", strerror(rc));
		rc = -1;
	} else if (waitpid(pid, &status, 0) == -1 || !WIFEXITED(status) ||
	    WEXITSTATUS(status) > 1) {
		*cause = xstrdup("diff failed");
		rc = -1;
	}
	unlink(tmp);
	free(label_a);
	free(label_b);
	return rc;
}
