/*
 * emit_html.c -- one self-contained interactive page: the SVG of the same
 * graph as -T svg, inline; the -T json document of the same diagram as
 * data; the script and style of templates/view.{js,css}; and a
 * Content-Security-Policy that allows that script and that style only,
 * by their SHA-256.
 *
 * Every value reaches the page one of three ways: as text Graphviz has
 * escaped inside the SVG, as HTML text escaped here (the title), or inside
 * the JSON data, escaped so that no "</script" or "<!--" can appear in it.
 * The script reads the data with JSON.parse and writes it as text only.
 */
#include "config.h"

#include <string.h>

#include "embedded.h"
#include "emit.h"
#include "json.h"
#include "sha256.h"

/* HTML text or a double-quoted attribute value. */
static void
html_text(struct buf *b, const char *s)
{
	const char *e;

	for (; *s != '\0'; s++)
		if ((e = xml_entity(*s)) != NULL)
			buf_puts(b, e);
		else
			buf_putc(b, *s);
}

/*
 * JSON text made safe inside <script type="application/json">: '<' only
 * occurs inside JSON strings, where \u003c reads the same, so no "</"
 * or "<!--" is left; U+2028 and U+2029 are written \u2028 and \u2029.
 * JSON.parse gives back exactly the values of the input.
 */
static void
script_json(struct buf *b, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == '<')
			buf_puts(b, "\\u003c");
		else if (s[i] == '>')
			buf_puts(b, "\\u003e");
		else if (s[i] == '&')
			buf_puts(b, "\\u0026");
		else if ((unsigned char)s[i] == 0xe2 && i + 2 < n &&
		    (unsigned char)s[i + 1] == 0x80 &&
		    ((unsigned char)s[i + 2] == 0xa8 ||
		    (unsigned char)s[i + 2] == 0xa9)) {
			buf_puts(b, (unsigned char)s[i + 2] == 0xa8 ?
			    "\\u2028" : "\\u2029");
			i += 2;
		} else
			buf_putc(b, s[i]);
	}
}

/* 'sha256-BASE64' of n bytes. */
static void
csp_hash(struct buf *b, const void *data, size_t n)
{
	unsigned char h[SHA256_LEN];

	sha256(data, n, h);
	buf_puts(b, "'sha256-");
	base64_add(b, h, sizeof h);
	buf_putc(b, '\'');
}

/*
 * Hashes for what the SVG styles inline, should a Graphviz write any:
 * each distinct style="..." value ('unsafe-hashes' lets a hash match an
 * attribute; it never lets a script run) and each <style> element.  The
 * Graphviz of Debian 12 writes neither, only presentation attributes.
 */
static void
csp_svg_styles(struct buf *csp, const char *svg, size_t len)
{
	const char	*p, *end = svg + len, *q, *v;
	struct buf	 seen, key;
	int		 any = 0;

	/* seen is "\nVALUE\nVALUE\n...": the values hashed already. */
	buf_init(&seen);
	buf_init(&key);
	buf_putc(&seen, '\n');
	for (p = svg; (p = memmem(p, (size_t)(end - p), " style=\"", 8)) !=
	    NULL; p = q) {
		v = p + 8;
		if ((q = memchr(v, '"', (size_t)(end - v))) == NULL)
			break;
		buf_reset(&key);
		buf_putc(&key, '\n');
		buf_add(&key, v, (size_t)(q - v));
		buf_putc(&key, '\n');
		if (memmem(seen.data, seen.len, key.data, key.len) != NULL)
			continue;
		if (!any)
			buf_puts(csp, " 'unsafe-hashes'");
		any = 1;
		buf_putc(csp, ' ');
		csp_hash(csp, v, (size_t)(q - v));
		buf_add(&seen, key.data + 1, key.len - 1);
	}
	for (p = svg; (p = memmem(p, (size_t)(end - p), "<style", 6)) != NULL;
	    p = q) {
		if ((v = memchr(p, '>', (size_t)(end - p))) == NULL ||
		    (q = memmem(v, (size_t)(end - v), "</style>", 8)) == NULL)
			break;
		buf_putc(csp, ' ');
		csp_hash(csp, v + 1, (size_t)(q - v - 1));
	}
	buf_free(&key);
	buf_free(&seen);
}

/* The SVG from its <svg> element on: no XML declaration, no DOCTYPE. */
static const char *
svg_element(const struct buf *svg, size_t *len)
{
	const char *p = memmem(svg->data, svg->len, "<svg", 4);

	if (p == NULL) {
		*len = 0;
		return "";
	}
	*len = svg->len - (size_t)(p - svg->data);
	return p;
}

struct page {
	const char	*kind;		/* "schema", "instance" */
	const char	*title;
	const char	*index_href;	/* or NULL */
	struct buf	 data;		/* mdgraph-page JSON */
	struct buf	 diagram;	/* the -T json document */
	struct buf	 svg;		/* -T svg */
};

static int
template_safe(const char *what, const unsigned char *text, size_t len,
    const char *close, char **cause)
{
	if (memmem(text, len, close, strlen(close)) != NULL) {
		*cause = xasprintf("the built-in %s holds '%s'", what, close);
		return -1;
	}
	return 0;
}

/* Fill templates/view.html's @NAME@ placeholders. */
static int
page_write(struct buf *b, struct page *pg, char **cause)
{
	const char	*t = (const char *)embedded_view_html;
	const char	*end = t + embedded_view_html_len, *at, *close, *svg;
	struct buf	 csp;
	size_t		 n, svglen;

	if (template_safe("view.js", embedded_view_js, embedded_view_js_len,
	    "</script", cause) != 0 || template_safe("view.css",
	    embedded_view_css, embedded_view_css_len, "</style", cause) != 0)
		return -1;
	svg = svg_element(&pg->svg, &svglen);
	buf_init(&csp);
	buf_puts(&csp, "default-src 'none'; script-src ");
	csp_hash(&csp, embedded_view_js, embedded_view_js_len);
	buf_puts(&csp, "; style-src ");
	csp_hash(&csp, embedded_view_css, embedded_view_css_len);
	csp_svg_styles(&csp, svg, svglen);
	buf_puts(&csp, "; base-uri 'none'; form-action 'none'");

	while (t < end) {
		if ((at = memchr(t, '@', (size_t)(end - t))) == NULL ||
		    (close = memchr(at + 1, '@', (size_t)(end - at - 1))) ==
		    NULL) {
			buf_add(b, t, (size_t)(end - t));
			break;
		}
		buf_add(b, t, (size_t)(at - t));
		n = (size_t)(close - at - 1);
#define IS(s) (n == sizeof(s) - 1 && memcmp(at + 1, s, n) == 0)
		if (IS("CSP"))
			buf_add(b, csp.data, csp.len);
		else if (IS("TITLE"))
			html_text(b, pg->title);
		else if (IS("KIND"))
			buf_puts(b, pg->kind);
		else if (IS("STYLE"))
			buf_add(b, embedded_view_css, embedded_view_css_len);
		else if (IS("SCRIPT"))
			buf_add(b, embedded_view_js, embedded_view_js_len);
		else if (IS("PAGE"))
			script_json(b, pg->data.data, pg->data.len);
		else if (IS("DIAGRAM"))
			script_json(b, pg->diagram.data, pg->diagram.len);
		else if (IS("SVG"))
			buf_add(b, svg, svglen);
		else if (IS("NAV")) {
			if (pg->index_href != NULL) {
				buf_puts(b, "<nav id=\"nav\"><a href=\"");
				html_text(b, pg->index_href);
				buf_puts(b, "\">All chains</a></nav>\n");
			}
		} else {
			buf_free(&csp);
			*cause = xasprintf("view.html: unknown placeholder "
			    "'@%.*s@'", (int)n, at + 1);
			return -1;
		}
#undef IS
		t = close + 1;
	}
	buf_free(&csp);
	return 0;
}

static void
page_init(struct page *pg, const char *kind, const struct emit_opts *o)
{
	memset(pg, 0, sizeof *pg);
	pg->kind = kind;
	pg->index_href = o->index_href;
	buf_init(&pg->data);
	buf_init(&pg->diagram);
	buf_init(&pg->svg);
}

static void
page_free(struct page *pg)
{
	buf_free(&pg->data);
	buf_free(&pg->diagram);
	buf_free(&pg->svg);
}

static void
json_chain(struct json *j, const struct mdg_chain *c)
{
	json_obj(j);
	json_kstr(j, "name", c->name);
	json_kstr(j, "title", c->title);
	json_end_obj(j);
}

/* The page's data object, open at its "chains" array. */
static void
page_data_begin(struct json *j, struct page *pg, const char *kind,
    const char *title)
{
	pg->title = title;
	json_init(j, &pg->data);
	json_obj(j);
	json_kstr(j, "format", "mdgraph-page");
	json_kint(j, "version", 1);
	json_kstr(j, "kind", kind);
	json_kstr(j, "title", title);
	json_key(j, "chains");
	json_arr(j);
}

int
emit_html_schema(struct buf *b, const struct mdg_view *v,
    const struct emit_opts *o, char **cause)
{
	const struct mdg_model	*m = v->model;
	struct emit_opts	 so = *o;
	struct page		 pg;
	struct json		 j;
	char			*title;
	size_t			 i;
	int			 rc = -1;

	page_init(&pg, "schema", o);
	so.format = "svg";
	if (emit_graphviz_schema(&pg.svg, v, &so, cause) != 0 ||
	    emit_json_schema(&pg.diagram, v, o, cause) != 0)
		goto out;
	title = v->chain ? xasprintf("%s: %s", v->chain->name,
	    v->chain->title) : xstrdup("All chains");
	page_data_begin(&j, &pg, "schema", title);
	for (i = 0; i < m->nchains; i++)
		if (v->chain == NULL || v->chain == m->chains[i])
			json_chain(&j, m->chains[i]);
	json_end_arr(&j);
	json_end_obj(&j);
	rc = page_write(b, &pg, cause);
	free(title);
out:
	page_free(&pg);
	return rc;
}

/*
 * The model relations an instance draws, once each in order of first use,
 * and for each JSON edge and each truncation the index of its relation;
 * and the chain whose cluster holds each truncation's "+K more" box.
 */
static void
instance_relations(struct json *j, const struct instance *in)
{
	const struct mdg_rel	**rels = NULL;
	const struct inst_edge	 *e;
	size_t			  nrels = 0, cap = 0, i, r;
	int			  pass, more;

	for (i = 0; i < in->nedges; i++) {
		for (r = 0; r < nrels && rels[r] != in->edges[i].rel; r++)
			;
		if (r == nrels)
			VEC_PUSH(rels, nrels, cap, in->edges[i].rel);
	}
	json_key(j, "relations");
	json_arr(j);
	for (r = 0; r < nrels; r++)
		json_relation(j, rels[r]);
	json_end_arr(j);
	/* Pass 0: edges between rows; pass 1: to "+K more" summaries. */
	for (pass = 0; pass < 2; pass++) {
		json_key(j, pass ? "truncation_relations" : "edge_relations");
		json_arr(j);
		for (i = 0; i < in->nedges; i++) {
			e = &in->edges[i];
			more = in->nodes[e->from].more > 0 ||
			    in->nodes[e->to].more > 0;
			if (more != pass)
				continue;
			for (r = 0; rels[r] != e->rel; r++)
				;
			json_int(j, (long long)r);
		}
		json_end_arr(j);
	}
	json_key(j, "truncation_chains");
	json_arr(j);
	for (i = 0; i < in->nedges; i++) {
		e = &in->edges[i];
		if (in->nodes[e->from].more > 0)
			json_str(j, in->nodes[e->from].home->name);
		else if (in->nodes[e->to].more > 0)
			json_str(j, in->nodes[e->to].home->name);
	}
	json_end_arr(j);
	free(rels);
}

int
emit_html_instance(struct buf *b, const struct instance *in,
    const struct emit_opts *o, char **cause)
{
	const struct mdg_model	*m = in->model;
	struct emit_opts	 so = *o;
	struct page		 pg;
	struct json		 j;
	char			*title;
	size_t			 i, k;
	int			 rc = -1;

	page_init(&pg, "instance", o);
	so.format = "svg";
	so.no_collapse = 1;	/* every row its own box, to click */
	if (emit_graphviz_instance(&pg.svg, in, &so, cause) != 0 ||
	    emit_json_instance(&pg.diagram, in, o, cause) != 0)
		goto out;
	title = xasprintf("%s %s = %s", in->root->name, in->column, in->value);
	page_data_begin(&j, &pg, "instance", title);
	for (i = 0; i < m->nchains; i++) {
		for (k = 0; k < in->nnodes && in->nodes[k].home !=
		    m->chains[i]; k++)
			;
		if (k < in->nnodes)
			json_chain(&j, m->chains[i]);
	}
	json_end_arr(&j);
	instance_relations(&j, in);
	json_end_obj(&j);
	rc = page_write(b, &pg, cause);
	free(title);
out:
	page_free(&pg);
	return rc;
}

int
emit_html_index(struct buf *b, const struct mdg_model *m,
    const struct html_link *links, size_t n, char **cause)
{
	size_t i;

	if (template_safe("view.css", embedded_view_css, embedded_view_css_len,
	    "</style", cause) != 0)
		return -1;
	buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta http-equiv=\"Content-Security-Policy\" content=\""
	    "default-src 'none'; style-src ");
	csp_hash(b, embedded_view_css, embedded_view_css_len);
	buf_puts(b, "; base-uri 'none'; form-action 'none'\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n<meta name=\"generator\" content=\"mdgraph\">\n"
	    "<title>mdgraph: ");
	html_text(b, m->prefix);
	buf_puts(b, " chains</title>\n<style>");
	buf_add(b, embedded_view_css, embedded_view_css_len);
	buf_puts(b, "</style>\n</head>\n<body class=\"index\">\n"
	    "<header id=\"bar\"><h1 id=\"title\">");
	html_text(b, m->prefix);
	buf_puts(b, " chains</h1></header>\n<main id=\"index\">\n<ul>\n");
	for (i = 0; i < n; i++) {
		buf_puts(b, "<li><a href=\"");
		html_text(b, links[i].href);
		buf_puts(b, "\">");
		html_text(b, links[i].title);
		buf_puts(b, "</a>");
		if (links[i].note != NULL) {
			buf_puts(b, " <span class=\"n\">");
			html_text(b, links[i].note);
			buf_puts(b, "</span>");
		}
		buf_puts(b, "</li>\n");
	}
	buf_puts(b, "</ul>\n</main>\n</body>\n</html>\n");
	return 0;
}
