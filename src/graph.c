/*
 * graph.c -- the model as a Graphviz graph, built with the cgraph API.
 *
 * Entities are HTML-like tables: a header with the entity and its table,
 * then one row per attribute (type, name, keys).  The first and last cell
 * of a row are ports, so an edge meets the row of its join column.  Edges
 * carry crow's-foot ends and the relation's label.
 *
 * Every node and edge has an SVG id that indexes the -T json document of
 * the same diagram: entity or relation i is n<i> or e<i>; in an instance,
 * node and edge k of the JSON are n<k> and e<k>, and truncation k is the
 * summary node m<k> and its edge t<k> (rows drawn in a group's table are
 * under their group's first row's id).  The HTML page (emit_html.c) finds
 * its data by them; values never go into an id.
 */
#include "config.h"

#include <string.h>

#include <graphviz/cgraph.h>

#include "graph.h"
#include "util.h"

#define COLOR_HEADER	"#dbe8f5"
#define COLOR_CLUSTER	"#f7f9fc"
#define COLOR_MUTED	"#5f6b7a"
#define COLOR_EDGE	"#44515f"
#define COLOR_MISSING	"#9a9a9a"
#define COLOR_EXTRA	"#8e44ad"	/* relations the document leaves out */
/* The legend line of what the document leaves out. */
#define LEGEND_EXTRA	"<font point-size=\"10\" color=\"" COLOR_EXTRA \
	"\">- - -  relations the document does not draw (--relations all)</font>"

/* Graphviz 2.43 takes char * where newer versions take const char *. */
static void
set(void *obj, const char *name, const char *value)
{
	agsafeset(obj, (char *)name, (char *)value, (char *)"");
}

/*
 * Object ids in the order names are made.  cgraph's own discipline uses
 * the address of an interned name as its id and keeps subgraphs in id
 * order, so the clusters of one graph came out in an order that hung on
 * what the process had allocated before (doc's all.html, drawn after the
 * chains, changed from run to run).  Named objects get even ids 2, 4, ...
 * by first use; unnamed ones odd ids, as in cgraph.  The names are still
 * cgraph's shared strings (agwrite reads their flags), freed with the
 * graph's string pool when it is closed.
 */
struct ids {
	Agraph_t	 *g;
	struct hmap	  map;		/* name -> position in names */
	char		**names;	/* agstrdup()ed */
	size_t		  n, cap;
	IDTYPE		  anon;
};

static void *
ids_open(Agraph_t *g, Agdisc_t *disc)
{
	struct ids *s = xcalloc(1, sizeof *s);

	(void)disc;
	s->g = g;
	hmap_init(&s->map, 64);
	s->anon = 1;
	return s;
}

static long
ids_map(void *state, int objtype, char *str, IDTYPE *id, int create)
{
	struct ids	*s = state;
	struct hent	*h;

	(void)objtype;
	if (str == NULL) {
		*id = s->anon;
		s->anon += 2;
		return 1;
	}
	if ((h = hmap_get(&s->map, str)) != NULL) {
		*id = 2 * ((IDTYPE)h->idx[0] + 1);
		return 1;
	}
	if (!create)
		return 0;
	hmap_add(&s->map, str, s->n);
	VEC_PUSH(s->names, s->n, s->cap, agstrdup(s->g, str));
	*id = 2 * (IDTYPE)s->n;
	return 1;
}

static long
ids_alloc(void *state, int objtype, IDTYPE request)
{
	(void)state;
	(void)objtype;
	(void)request;
	return 0;
}

static void
ids_free(void *state, int objtype, IDTYPE id)
{
	/* Names live until the graph is closed. */
	(void)state;
	(void)objtype;
	(void)id;
}

static char *
ids_print(void *state, int objtype, IDTYPE id)
{
	struct ids *s = state;

	(void)objtype;
	if (id % 2 == 0 && id >= 2 && id / 2 <= s->n)
		return s->names[id / 2 - 1];
	return NULL;
}

static void
ids_close(void *state)
{
	struct ids *s = state;

	free(s->names);
	hmap_free(&s->map);
	free(s);
}

static void
ids_register(void *state, int objtype, void *obj)
{
	(void)state;
	(void)objtype;
	(void)obj;
}

static Agiddisc_t ids_disc = {
	ids_open, ids_map, ids_alloc, ids_free, ids_print, ids_close,
	ids_register,
};
static Agdisc_t graph_disc = { &AgMemDisc, &ids_disc, &AgIoDisc };

static void
set_html(Agraph_t *g, void *obj, const char *name, const char *html)
{
	char *s = agstrdup_html(g, (char *)html);

	set(obj, name, s);
	agstrfree(g, s);
}

const char *
graph_arrow(enum mdg_card card)
{
	/* The first shape sits at the node, the next one further out. */
	switch (card) {
	case MDG_CARD_ONE:
		return "teetee";
	case MDG_CARD_ZERO_ONE:
		return "teeodot";
	case MDG_CARD_ZERO_MANY:
		return "crowodot";
	case MDG_CARD_ONE_MANY:
		return "crowtee";
	}
	return "none";
}

void
html_escape(struct buf *b, const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	const char		*e;

	for (; *p != '\0'; p++) {
		if ((e = xml_entity(*p)) != NULL) {
			buf_puts(b, e);
			continue;
		}
		switch (*p) {
		case '\n':
			buf_puts(b, "<br/>");
			break;
		case '\\':
			/* Graphviz still expands \N, \G, \E in HTML labels. */
			buf_puts(b, "\\\\");
			break;
		case ']':
			/*
			 * Graphviz's HTML lexer takes "]]>" for the end of the
			 * CDATA section it wraps the label in.
			 */
			buf_puts(b, "&#93;");
			break;
		case 0xef:
			/* U+FFFE, U+FFFF: characters XML (the SVG) forbids. */
			if (p[1] == 0xbf && (p[2] == 0xbe || p[2] == 0xbf)) {
				buf_puts(b, "\xef\xbf\xbd");	/* U+FFFD */
				p += 2;
				break;
			}
			buf_putc(b, (char)*p);
			break;
		default:
			/*
			 * Control characters upset the HTML label parser; C1
			 * ones reach a terminal the DOT is printed on.
			 */
			if (*p < 0x20 || *p == 0x7f)
				buf_putc(b, ' ');
			else if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
				buf_putc(b, ' ');
				p++;
			}
			else
				buf_putc(b, (char)*p);
			break;
		}
	}
}

/*
 * A row's port is named by its position, never by the column: live column
 * names can hold anything.
 */
static void
port_name(struct buf *b, size_t row, char side)
{
	buf_printf(b, "r%zu%c", row, side);
}

/* The header: entity, table, and what the database says of it. */
static void
entity_header(struct buf *b, const struct mdg_view *v,
    const struct mdg_view_entity *ve)
{
	buf_printf(b, "<tr><td colspan=\"3\" bgcolor=\"%s\"><b>",
	    ve->present ? COLOR_HEADER : "#eeeeee");
	html_escape(b, ve->entity->name);
	buf_puts(b, "</b>");
	if (ve->entity->table != NULL) {
		buf_puts(b, "<br/><font point-size=\"9\" color=\""
		    COLOR_MUTED "\">");
		html_escape(b, ve->entity->table);
		buf_puts(b, "</font>");
	}
	if (!ve->present)
		buf_puts(b, "<br/><font point-size=\"9\" color=\"" COLOR_MISSING
		    "\"><i>missing from the database</i></font>");
	else if (!ve->readable)
		buf_puts(b, "<br/><font point-size=\"9\" color=\"" COLOR_MISSING
		    "\"><i>not readable: no SELECT privilege</i></font>");
	else if (v->counts && ve->rows >= 0)
		buf_printf(b, "<br/><font point-size=\"9\" color=\""
		    COLOR_MUTED "\">%s%lld row%s</font>", ve->exact ? "" : "~",
		    ve->rows, ve->rows == 1 ? "" : "s");
	buf_puts(b, "</td></tr>");
}

static char *
entity_label(const struct mdg_view *v, const struct mdg_view_entity *ve)
{
	const struct mdg_vattr	*a;
	const char		*ink;
	struct buf		 b;
	size_t			 i;

	buf_init(&b);
	buf_printf(&b, "<table border=\"0\" cellborder=\"1\" cellspacing=\"0\" "
	    "cellpadding=\"4\" bgcolor=\"white\" color=\"%s\">",
	    ve->present ? COLOR_MUTED : COLOR_MISSING);
	entity_header(&b, v, ve);
	for (i = 0; i < ve->nattrs; i++) {
		a = &ve->attrs[i];
		ink = a->present ? COLOR_MUTED : COLOR_MISSING;
		buf_puts(&b, "<tr><td port=\"");
		port_name(&b, i, 'w');
		buf_printf(&b, "\" align=\"left\"><font color=\"%s\">", ink);
		html_escape(&b, a->type);
		buf_puts(&b, "</font></td><td align=\"left\">");
		if (!a->present)
			buf_puts(&b, "<font color=\"" COLOR_MISSING "\"><i>");
		if (a->keys != NULL && strstr(a->keys, "PK") != NULL)
			buf_puts(&b, "<b>");
		html_escape(&b, a->name);
		if (a->keys != NULL && strstr(a->keys, "PK") != NULL)
			buf_puts(&b, "</b>");
		if (!a->present)
			buf_puts(&b, " (missing)</i></font>");
		buf_puts(&b, "</td><td port=\"");
		port_name(&b, i, 'e');
		buf_puts(&b, "\">");
		if (a->keys != NULL) {
			buf_puts(&b, "<font point-size=\"9\">");
			html_escape(&b, a->keys);
			buf_puts(&b, "</font>");
		}
		buf_puts(&b, "</td></tr>");
	}
	if (ve->nattrs == 0) {
		buf_puts(&b, "<tr><td colspan=\"3\"><font point-size=\"9\" "
		    "color=\"" COLOR_MUTED "\"><i>no attributes listed"
		    "</i></font></td></tr>");
	}
	buf_puts(&b, "</table>");
	return buf_detach(&b);
}

/* The column an edge end meets: the key's first plain column. */
static const char *
key_column(const struct mdg_key *k)
{
	const struct mdg_term *t;

	if (k->nterms == 0)
		return NULL;
	t = &k->terms[0];
	return t->kind == MDG_TERM_ANY ? NULL : t->parts[0];
}

static void
set_port(Agedge_t *e, const char *attr, const struct mdg_view_entity *ve,
    const struct mdg_key *k, char side)
{
	const char	*col = key_column(k);
	struct buf	 b;
	size_t		 row;

	if (col == NULL)
		return;
	for (row = 0; row < ve->nattrs; row++)
		if (str_eq(ve->attrs[row].name, col))
			break;
	if (row == ve->nattrs)
		return;
	buf_init(&b);
	port_name(&b, row, side);
	buf_printf(&b, ":%c", side);
	set(e, attr, b.data);
	buf_free(&b);
}

static void
chain_title(struct buf *b, const struct mdg_chain *c, int size)
{
	buf_printf(b, "<font point-size=\"%d\"><b>", size);
	html_escape(b, c->title);
	buf_puts(b, "</b></font>  <font point-size=\"10\" color=\""
	    COLOR_MUTED "\">");
	html_escape(b, c->name);
	buf_puts(b, "</font>");
}

static const char *edge_attrs[] = {
	"arrowtail", "arrowhead", "style", "label", "tailport", "headport",
	"id", "xlabel",
};
static const char *node_attrs[] = {
	"style", "color", "margin", "id",
};
static const char *graph_attrs[] = {
	"label", "style", "fillcolor", "color", "margin",
};

/*
 * A new graph with mdgraph's look.  Every attribute is declared on the root
 * before any subgraph exists: cgraph 2.43 mixes up a subgraph's defaults
 * when one is declared later (an edge's arrowhead became the font name).
 */
static Agraph_t *
graph_open(const char *name, const struct graph_opts *o, const char *nodesep,
    const char *ranksep, const char *nodefont, const char *arrowsize)
{
	const char	*font = o->fontname ? o->fontname : GRAPH_FONT;
	Agraph_t	*g;
	size_t		 i;

	g = agopen((char *)name, Agdirected, &graph_disc);
	set(g, "rankdir", o->rankdir ? o->rankdir : "LR");
	/* newrank also keeps dot 2.43 off a path that mislabels arrows. */
	set(g, "newrank", "true");
	set(g, "fontname", font);
	set(g, "bgcolor", "white");
	set(g, "pad", "0.3");
	set(g, "nodesep", nodesep);
	set(g, "ranksep", ranksep);
	set(g, "labelloc", "t");
	set(g, "labeljust", "l");
	agattr(g, AGNODE, (char *)"shape", (char *)"plain");
	agattr(g, AGNODE, (char *)"fontname", (char *)font);
	agattr(g, AGNODE, (char *)"fontsize", (char *)nodefont);
	agattr(g, AGEDGE, (char *)"fontname", (char *)font);
	agattr(g, AGEDGE, (char *)"fontsize", (char *)"9");
	agattr(g, AGEDGE, (char *)"fontcolor", (char *)COLOR_MUTED);
	agattr(g, AGEDGE, (char *)"color", (char *)COLOR_EDGE);
	agattr(g, AGEDGE, (char *)"arrowsize", (char *)arrowsize);
	agattr(g, AGEDGE, (char *)"dir", (char *)"forward");
	for (i = 0; i < sizeof edge_attrs / sizeof edge_attrs[0]; i++)
		agattr(g, AGEDGE, (char *)edge_attrs[i], (char *)"");
	for (i = 0; i < sizeof node_attrs / sizeof node_attrs[0]; i++)
		agattr(g, AGNODE, (char *)node_attrs[i], (char *)"");
	for (i = 0; i < sizeof graph_attrs / sizeof graph_attrs[0]; i++)
		agattr(g, AGRAPH, (char *)graph_attrs[i], (char *)"");
	agattr(g, AGNODE, (char *)"penwidth", (char *)"1");
	agattr(g, AGEDGE, (char *)"penwidth", (char *)"1");
	agattr(g, AGNODE, (char *)"label", (char *)"\\N");
	return g;
}

/* A titled cluster for a chain. */
static Agraph_t *
chain_cluster(Agraph_t *g, const struct mdg_chain *c, int size, int margin)
{
	Agraph_t	*sg;
	struct buf	 b;
	char		 m[16];

	buf_init(&b);
	buf_printf(&b, "cluster_%s", c->name);
	sg = agsubg(g, b.data, 1);
	buf_reset(&b);
	chain_title(&b, c, size);
	set_html(g, sg, "label", b.data);
	buf_free(&b);
	set(sg, "style", "rounded,filled");
	set(sg, "fillcolor", COLOR_CLUSTER);
	set(sg, "color", "#b8c4d0");
	snprintf(m, sizeof m, "%d", margin);
	set(sg, "margin", m);
	return sg;
}

Agraph_t *
graph_schema(const struct mdg_view *v, const struct graph_opts *o)
{
	const char		*rankdir = o->rankdir ? o->rankdir : "LR";
	const struct mdg_model	*m = v->model;
	const struct mdg_view_entity *lve, *rve;
	const struct mdg_rel	*r;
	Agraph_t		*g;
	Agraph_t		**clusters;
	Agnode_t		**nodes;
	Agedge_t		*e;
	struct buf		 b;
	char			*label, key[32];
	char			 tail, head;
	size_t			 i, j;

	/* Between clusters, room for the labels that run from one to another
	   (see below). */
	g = graph_open(v->chain ? v->chain->name : "all", o,
	    v->chain == NULL ? "0.5" : "0.35", "0.9 equally", "11", "0.9");
	agattr(g, AGEDGE, (char *)"dir", (char *)"both");

	buf_init(&b);
	if (v->chain != NULL)
		chain_title(&b, v->chain, 16);
	if (v->all) {
		/* The legend of what the document leaves out. */
		buf_printf(&b, "%s" LEGEND_EXTRA, b.len ? "<br/>" : "");
	}
	if (b.len > 0)
		set_html(g, g, "label", b.data);

	/* One cluster per chain when several are drawn. */
	clusters = xcalloc(m->nchains, sizeof *clusters);
	if (v->chain == NULL) {
		for (i = 0; i < m->nchains; i++)
			if (view_has_chain(v, m->chains[i]))
				clusters[i] = chain_cluster(g, m->chains[i], 14,
				    16);
	}

	nodes = xcalloc(m->nentities, sizeof *nodes);
	for (i = 0; i < v->nents; i++) {
		Agnode_t *n;

		n = agnode(g, v->ents[i].entity->name, 1);
		nodes[v->ents[i].entity->index] = n;
		snprintf(key, sizeof key, "n%zu", i);
		set(n, "id", key);
		label = entity_label(v, &v->ents[i]);
		set_html(g, n, "label", label);
		free(label);
		if (!v->ents[i].present) {
			/* What the model names and the database lacks. */
			set(n, "shape", "box");
			set(n, "style", "dashed");
			set(n, "color", COLOR_MISSING);
			set(n, "margin", "0.05");
		}
		if (v->chain == NULL) {
			for (j = 0; j < m->nchains; j++)
				if (m->chains[j] == v->ents[i].home &&
				    clusters[j] != NULL)
					agsubnode(clusters[j], n, 1);
		}
	}

	if (str_eq(rankdir, "RL")) {
		tail = 'w';
		head = 'e';
	} else if (str_eq(rankdir, "LR")) {
		tail = 'e';
		head = 'w';
	} else
		tail = head = 0;	/* rows run across the flow: no ports */

	for (i = 0; i < v->nrels; i++) {
		r = v->rels[i];
		snprintf(key, sizeof key, "r%zu", i);
		e = agedge(g, nodes[r->left->index], nodes[r->right->index],
		    key, 1);
		snprintf(key, sizeof key, "e%zu", i);
		set(e, "id", key);
		set(e, "arrowtail", graph_arrow(r->lcard));
		set(e, "arrowhead", graph_arrow(r->rcard));
		if (!r->identifying)
			set(e, "style", "dashed");
		if (r->hidden || r->extra) {
			/* What the document leaves out: dashed, another ink. */
			set(e, "style", "dashed");
			set(e, "color", COLOR_EXTRA);
			set(e, "fontcolor", COLOR_EXTRA);
		}
		buf_reset(&b);
		html_escape(&b, r->label);
		lve = view_entity(v, r->left);
		rve = view_entity(v, r->right);
		/*
		 * An edge from one chain's cluster to another's: dot puts
		 * a label node between the clusters, where a cluster's title
		 * band (added later in LR) can cover it.  An external label
		 * is placed after layout, clear of nodes and titles.
		 */
		set_html(g, e, v->chain == NULL && lve != NULL && rve != NULL &&
		    lve->home != rve->home ? "xlabel" : "label", b.data);
		if (tail != 0) {
			set_port(e, "tailport", lve, &r->lkey, tail);
			set_port(e, "headport", rve, &r->rkey, head);
		}
	}
	buf_free(&b);
	free(nodes);
	free(clusters);
	return g;
}

void
graph_free(Agraph_t *g)
{
	if (g != NULL)
		agclose(g);
}

#define COLOR_ROOT	"#f9d9a8"
#define COLOR_BAD	"#c0392b"
#define COLOR_BAD_FILL	"#fde2e1"
#define SHOWN_WIDTH	40	/* characters of an attribute in a picture */

/* A value in a cell: keys whole, attributes shortened; NULL in italics. */
static void
value_cell(struct buf *b, const char *v, int key)
{
	char *s;

	if (v == NULL) {
		buf_puts(b, "<i>NULL</i>");
		return;
	}
	s = key ? xstrdup(v) : shorten(v, SHOWN_WIDTH);
	if (key)
		buf_puts(b, "<b>");
	html_escape(b, s);
	if (key)
		buf_puts(b, "</b>");
	free(s);
}

/* Is column k of the node one its health rules call bad? */
static int
bad_column(const struct inst_node *nd, size_t k)
{
	size_t i;

	for (i = 0; i < nd->nbad; i++)
		if (str_eq(nd->bad[i].column, nd->cols->names[k]))
			return 1;
	return 0;
}

/* The header of a row's table: its entity, and what is wrong with it. */
static void
row_header(struct buf *b, const struct inst_node *nd, int span)
{
	size_t i;

	buf_printf(b, "<tr><td colspan=\"%d\" bgcolor=\"%s\"><b>", span,
	    nd->nbad > 0 ? COLOR_BAD_FILL : nd->root ? COLOR_ROOT :
	    COLOR_HEADER);
	html_escape(b, nd->entity->name);
	buf_puts(b, "</b>");
	if (nd->root)
		buf_puts(b, "  <font point-size=\"9\">root</font>");
	for (i = 0; i < nd->nbad; i++) {
		buf_puts(b, "<br/><font point-size=\"9\" color=\"" COLOR_BAD
		    "\">unhealthy: ");
		html_escape(b, nd->bad[i].column);
		buf_puts(b, "=");
		html_escape(b, nd->bad[i].value);
		buf_puts(b, "</font>");
	}
	buf_puts(b, "</td></tr>");
}

static char *
instance_label(const struct inst_node *nd)
{
	struct buf	b;
	size_t		k;

	buf_init(&b);
	if (nd->more > 0) {
		buf_printf(&b, "<i>+%lld more ", nd->more);
		html_escape(&b, nd->entity->name);
		buf_printf(&b, "</i><br/><font point-size=\"9\">%lld in all"
		    "</font>", nd->total);
		return buf_detach(&b);
	}
	if (nd->unreadable) {
		buf_puts(&b, "<font color=\"" COLOR_BAD "\"><b>not readable: ");
		html_escape(&b, nd->entity->name);
		buf_puts(&b, "</b><br/>");
		html_escape(&b, nd->entity->table);
		buf_puts(&b, "<br/>its rows are not drawn</font>");
		return buf_detach(&b);
	}
	if (nd->missing) {
		buf_puts(&b, "<font color=\"" COLOR_BAD "\"><b>not found: ");
		html_escape(&b, nd->entity->name);
		buf_puts(&b, "</b>");
		for (k = 0; k < nd->cols->n; k++) {
			buf_puts(&b, "<br/>");
			html_escape(&b, nd->cols->names[k]);
			buf_puts(&b, " = ");
			html_escape(&b, nd->values[k] ? nd->values[k] : "NULL");
		}
		buf_puts(&b, "</font>");
		return buf_detach(&b);
	}
	buf_printf(&b, "<table border=\"0\" cellborder=\"1\" cellspacing=\"0\" "
	    "cellpadding=\"3\" bgcolor=\"white\" color=\"%s\">",
	    nd->nbad > 0 ? COLOR_BAD : COLOR_MUTED);
	row_header(&b, nd, 2);
	for (k = 0; k < nd->cols->n; k++) {
		buf_printf(&b, "<tr><td align=\"left\"%s><font color=\"%s\">",
		    bad_column(nd, k) ? " bgcolor=\"" COLOR_BAD_FILL "\"" : "",
		    bad_column(nd, k) ? COLOR_BAD : COLOR_MUTED);
		html_escape(&b, nd->cols->names[k]);
		buf_printf(&b, "</font></td><td align=\"left\"%s>",
		    bad_column(nd, k) ? " bgcolor=\"" COLOR_BAD_FILL "\"" : "");
		value_cell(&b, nd->values[k], k < nd->cols->nkeys);
		buf_puts(&b, "</td></tr>");
	}
	buf_puts(&b, "</table>");
	return buf_detach(&b);
}

/*
 * Same-type leaf rows under one parent, as one table: a header, the
 * columns once, then a line per row.
 */
static char *
group_label(const struct instance *in, const size_t *group, size_t leader,
    size_t members)
{
	const struct inst_node	*nd = &in->nodes[leader];
	struct buf		 b;
	size_t			 i, k, ncols = nd->cols->n;

	buf_init(&b);
	buf_puts(&b, "<table border=\"0\" cellborder=\"1\" cellspacing=\"0\" "
	    "cellpadding=\"3\" bgcolor=\"white\" color=\"" COLOR_MUTED "\">");
	buf_printf(&b, "<tr><td colspan=\"%zu\" bgcolor=\"" COLOR_HEADER
	    "\"><b>", ncols ? ncols : 1);
	html_escape(&b, nd->entity->name);
	buf_printf(&b, "</b>  <font point-size=\"9\">%zu rows</font></td></tr>"
	    "<tr>", members);
	for (k = 0; k < ncols; k++) {
		buf_puts(&b, "<td align=\"left\"><font color=\"" COLOR_MUTED
		    "\">");
		html_escape(&b, nd->cols->names[k]);
		buf_puts(&b, "</font></td>");
	}
	buf_puts(&b, "</tr>");
	for (i = leader; i < in->nnodes; i++) {
		if (group[i] != leader)
			continue;
		buf_puts(&b, "<tr>");
		for (k = 0; k < ncols; k++) {
			buf_puts(&b, "<td align=\"left\">");
			value_cell(&b, in->nodes[i].values[k],
			    k < nd->cols->nkeys);
			buf_puts(&b, "</td>");
		}
		buf_puts(&b, "</tr>");
	}
	buf_puts(&b, "</table>");
	return buf_detach(&b);
}

static void
instance_title(Agraph_t *g, const struct instance *in)
{
	struct buf	b;
	size_t		i;

	buf_init(&b);
	buf_puts(&b, "<font point-size=\"15\"><b>");
	html_escape(&b, in->root->name);
	buf_puts(&b, " ");
	html_escape(&b, in->column);
	buf_puts(&b, " = ");
	html_escape(&b, in->value);
	buf_puts(&b, "</b></font>");
	if (in->tenant != NULL) {
		buf_puts(&b, "  <font point-size=\"10\">tenant ");
		html_escape(&b, in->tenant);
		buf_puts(&b, "</font>");
	}
	for (i = 0; i < in->nedges; i++)
		if (in->edges[i].rel->hidden || in->edges[i].rel->extra) {
			buf_puts(&b, "<br/>" LEGEND_EXTRA);
			break;
		}
	set_html(g, g, "label", b.data);
	buf_free(&b);
}

/* "2 rows, the model allows 1" */
static void
edge_label(struct buf *b, const struct inst_edge *e, size_t members)
{
	html_escape(b, e->rel->label);
	if (members > 1)
		buf_printf(b, " (%zu)", members);
	if (e->breach > 1)
		buf_printf(b, "<br/><font color=\"" COLOR_BAD "\">%lld rows, the "
		    "model allows 1</font>", e->breach);
	if (e->missing)
		buf_puts(b, "<br/><font color=\"" COLOR_BAD "\">not found"
		    "</font>");
}

Agraph_t *
graph_instance(const struct instance *in, const struct graph_opts *o)
{
	const struct mdg_model	*m = in->model;
	const struct inst_node	*nd;
	const struct inst_edge	*e;
	Agraph_t		*g, **clusters;
	Agnode_t		**nodes;
	Agedge_t		*ge;
	struct buf		 b;
	char			*label, name[32];
	size_t			 i, c, k, t, *group, *members;

	g = graph_open("instance", o, "0.25", "0.8", "10", "0.7");
	instance_title(g, in);
	group = o->no_collapse ? NULL : inst_groups(in);
	members = xcalloc(in->nnodes + 1, sizeof *members);
	for (i = 0; i < in->nnodes; i++)
		members[group ? group[i] : i]++;

	buf_init(&b);
	clusters = xcalloc(m->nchains, sizeof *clusters);
	nodes = xcalloc(in->nnodes ? in->nnodes : 1, sizeof *nodes);
	for (i = 0, k = 0; i < in->nnodes; i++) {
		nd = &in->nodes[i];
		if (group != NULL && group[i] != i) {
			/* Drawn in its group's table; its JSON index is kept. */
			nodes[i] = nodes[group[i]];
			k += nd->more == 0;
			continue;
		}
		for (c = 0; c < m->nchains && m->chains[c] != nd->home; c++)
			;
		if (c < m->nchains && clusters[c] == NULL)
			clusters[c] = chain_cluster(g, m->chains[c], 12, 12);
		snprintf(name, sizeof name, "n%zu", i);
		nodes[i] = agnode(g, name, 1);
		label = members[i] > 1 ? group_label(in, group, i, members[i]) :
		    instance_label(nd);
		set_html(g, nodes[i], "label", label);
		free(label);
		if (nd->more == 0) {
			snprintf(name, sizeof name, "n%zu", k++);
			set(nodes[i], "id", name);
		}
		if (nd->more > 0) {
			set(nodes[i], "shape", "box");
			set(nodes[i], "style", "dashed,rounded");
			set(nodes[i], "color", COLOR_MISSING);
		} else if (nd->missing || nd->unreadable) {
			set(nodes[i], "shape", "box");
			set(nodes[i], "style", "dashed");
			set(nodes[i], "color", COLOR_BAD);
		} else if (nd->root)
			set(nodes[i], "penwidth", "2.5");
		if (c < m->nchains)
			agsubnode(clusters[c], nodes[i], 1);
	}
	for (i = 0, k = 0, t = 0; i < in->nedges; i++) {
		e = &in->edges[i];
		if (group != NULL && ((group[e->from] != e->from &&
		    members[group[e->from]] > 1) || (group[e->to] != e->to &&
		    members[group[e->to]] > 1))) {
			/* The group's first row has the edge. */
			if (in->nodes[e->from].more > 0 ||
			    in->nodes[e->to].more > 0)
				t++;
			else
				k++;
			continue;
		}
		snprintf(name, sizeof name, "e%zu", i);
		ge = agedge(g, nodes[e->from], nodes[e->to], name, 1);
		if (in->nodes[e->from].more > 0 || in->nodes[e->to].more > 0) {
			/* The summary node is the edge's one "+K more" end. */
			snprintf(name, sizeof name, "m%zu", t);
			set(nodes[in->nodes[e->from].more > 0 ? e->from : e->to],
			    "id", name);
			snprintf(name, sizeof name, "t%zu", t++);
		} else
			snprintf(name, sizeof name, "e%zu", k++);
		set(ge, "id", name);
		buf_reset(&b);
		edge_label(&b, e, group ? (members[group[e->from]] > 1 ?
		    members[group[e->from]] : members[group[e->to]]) : 1);
		set_html(g, ge, "label", b.data);
		if (in->nodes[e->from].more > 0 || in->nodes[e->to].more > 0 ||
		    e->missing)
			set(ge, "style", "dashed");
		if (e->missing || e->breach > 1) {
			set(ge, "color", COLOR_BAD);
			set(ge, "fontcolor", COLOR_BAD);
			set(ge, "penwidth", "2");
		}
	}
	buf_free(&b);
	free(nodes);
	free(clusters);
	free(group);
	free(members);
	return g;
}
