/*
 * emit.h -- the emitters.  Each writes one format into a struct buf and
 * escapes every value for that format; format.c lists them all.  No
 * emitter sees a database: only the plain data of model.h, live.h,
 * instance.h and check.h.
 */
#ifndef MDG_EMIT_H
#define MDG_EMIT_H

#include "check.h"
#include "instance.h"
#include "live.h"
#include "model.h"
#include "util.h"

struct emit_opts {
	const char	*format;	/* the format's name: "svg" */
	const char	*rankdir;	/* LR (default), RL, TB, BT */
	int		 no_collapse;	/* instance: a node per row */
	int		 color;		/* tree: ANSI colours */
	const char	*index_href;	/* html: a link to the pages' index */
};

/* A diagram of a view: one chain, or all (v->chain NULL). */
typedef int	(*schema_writer)(struct buf *, const struct mdg_view *,
		    const struct emit_opts *, char **cause);
/* An instance diagram. */
typedef int	(*instance_writer)(struct buf *, const struct instance *,
		    const struct emit_opts *, char **cause);
/* check's report on a schema. */
typedef int	(*check_writer)(struct buf *, const struct findings *,
		    const struct db_schema *, const struct emit_opts *,
		    char **cause);

/*
 * Mermaid erDiagram: of one chain, offline, the documented block byte for
 * byte; of all chains, each relation once and each entity block once.
 */
int	emit_mermaid_schema(struct buf *, const struct mdg_view *,
	    const struct emit_opts *, char **cause);
void	emit_mermaid_chain(struct buf *, const struct mdg_view *);
/* An instance diagram as a Mermaid flowchart, capped to Mermaid's limits. */
int	emit_mermaid_instance(struct buf *, const struct instance *,
	    const struct emit_opts *, char **cause);
/* The schema graph of a view, or an instance diagram, as JSON. */
int	emit_json_schema(struct buf *, const struct mdg_view *,
	    const struct emit_opts *, char **cause);
int	emit_json_instance(struct buf *, const struct instance *,
	    const struct emit_opts *, char **cause);
/* Through Graphviz (graph.c, render.c): DOT, SVG, PNG, PDF. */
int	emit_graphviz_schema(struct buf *, const struct mdg_view *,
	    const struct emit_opts *, char **cause);
int	emit_graphviz_instance(struct buf *, const struct instance *,
	    const struct emit_opts *, char **cause);
/* An instance diagram as an indented tree, for a terminal. */
int	emit_tree_instance(struct buf *, const struct instance *,
	    const struct emit_opts *, char **cause);
/*
 * One self-contained interactive page (emit_html.c): the SVG inline, the
 * -T json document as data, templates/view.{js,css} allowed by hash.
 */
int	emit_html_schema(struct buf *, const struct mdg_view *,
	    const struct emit_opts *, char **cause);
int	emit_html_instance(struct buf *, const struct instance *,
	    const struct emit_opts *, char **cause);
/* A page that links to others: doc --html-dir's index.html. */
struct html_link {
	const char	*href;
	const char	*title;
	const char	*note;		/* or NULL */
};
int	emit_html_index(struct buf *, const struct mdg_model *,
	    const struct html_link *, size_t n, char **cause);
/* check's report: one finding a line, or JSON. */
int	emit_check_text(struct buf *, const struct findings *,
	    const struct db_schema *, const struct emit_opts *, char **cause);
int	emit_check_json(struct buf *, const struct findings *,
	    const struct db_schema *, const struct emit_opts *, char **cause);

/* The Mermaid spelling of a cardinality on the left or right end. */
const char *mermaid_card(enum mdg_card, int right);
/* A value safe inside a Mermaid "..." label or comment. */
void	mermaid_escape(struct buf *, const char *);

/* Text for a terminal made inert: control characters as \n, \t, \xNN. */
void	tty_escape(struct buf *, const char *);
/*
 * The character at s: a control character (C0, DEL, C1) as tty_escape()
 * shows it, anything else copied; returns how many bytes past the first
 * it took.
 */
size_t	tty_escape_char(struct buf *, const char *);

/* Markdown: plain text made inert, or a note kept as inline Markdown. */
void	md_escape_text(struct buf *, const char *);
void	md_escape_cell(struct buf *, const char *);

#endif
